//! Human renderer: one line per protocol line with elapsed time and Δ, info and warning lines
//! distinct from both, and a closing summary. Everything from the server is already escaped.

use crate::error::{Kind, Verdict};
use crate::event::{CertSummary, Event, EventKind};
use crate::report::Report;
use colored::Colorize;

/// Time of the previous protocol line, for the Δ column.
#[derive(Default)]
pub(crate) struct State {
    last_line: Option<f64>,
    /// We are the server (`smtp sink`): what we received is the client's (`C:`) and what we
    /// sent is ours (`S:`), so the labels keep meaning client and server.
    server: bool,
}

impl State {
    /// The state of a transcript in which mailctl is the server.
    pub(crate) fn server_side() -> State {
        State {
            last_line: None,
            server: true,
        }
    }
}

fn line(t: f64, delta: &str, mark: &str, body: &str) -> String {
    format!("{t:>9.1}ms {delta:>8} {mark:>3} {body}\n")
}

// `clean` lives beside `escape_bytes` (the bottom layer), so the secret registry can list the
// form a secret takes after it without importing the renderer.
pub(crate) use crate::event::clean;

fn info(t: f64, msg: &str) -> String {
    line(t, "", "*", &clean(msg).dimmed().to_string())
}

fn warn(t: f64, msg: &str) -> String {
    line(t, "", "!", &clean(msg).yellow().to_string())
}

fn cert_lines(t: f64, c: &CertSummary, out: &mut String) {
    out.push_str(&info(t, &format!("certificate: {}", c.subject)));
    if !c.sans.is_empty() {
        out.push_str(&info(t, &format!("  names: {}", c.sans.join(", "))));
    }
    out.push_str(&info(
        t,
        &format!("  issuer: {} (chain of {})", c.issuer, c.chain_len),
    ));
    let validity = format!(
        "  valid {} .. {} ({} days left)",
        c.not_before, c.not_after, c.days_left
    );
    if c.days_left < 0 {
        out.push_str(&line(
            t,
            "",
            "!",
            &format!("{validity} EXPIRED").red().to_string(),
        ));
    } else if c.days_left < 14 {
        out.push_str(&warn(t, &validity));
    } else {
        out.push_str(&info(t, &validity));
    }
}

pub(crate) fn event(ev: &Event, st: &mut State) -> String {
    let t = ev.t_ms;
    // The first line after connecting (or after a handshake) is timed from that point, so the
    // Δ of a banner is the server's greeting delay, not the time since some earlier line.
    if matches!(
        ev.kind,
        EventKind::Connected { .. }
            | EventKind::Tls { .. }
            | EventKind::Accepted { .. }
            | EventKind::TlsAccepted { .. }
    ) {
        st.last_line = Some(t);
    }
    // What we sent / what we received, as client or server (see `State::server`).
    let (ours, theirs) = if st.server {
        ("S:", "C:")
    } else {
        ("C:", "S:")
    };
    // `body` is ready to print: peer text in it was neutralised with [`clean`] *before* any of
    // our own styling was added, so our escape sequences reach the terminal and the peer's never
    // do (cleaning here would turn our own `\x1b[2m` into literal text).
    let mut protocol_line = |dir: &str, tls: bool, body: String| {
        let delta = format!("+{:.1}", t - st.last_line.unwrap_or(t));
        st.last_line = Some(t);
        let body = if dir == "C:" {
            format!("{} {}", dir.cyan(), body.cyan())
        } else {
            format!("{} {}", dir.bold(), body)
        };
        // Padded before styling: `{:>3}` on the styled text would count the escape sequence
        // as width, and a plain line's empty mark would shift its columns.
        let mark = if tls {
            format!("{:>3}", "tls".green())
        } else {
            String::new()
        };
        line(t, &delta, &mark, &body)
    };
    match &ev.kind {
        EventKind::Info { msg } => info(t, msg),
        EventKind::Warning { msg } => warn(t, msg),
        EventKind::Resolved { query, answers, ms } => {
            if answers.is_empty() {
                info(t, &format!("{query}: no records ({ms:.1} ms)"))
            } else {
                info(t, &format!("{query} → {} ({ms:.1} ms)", answers.join(", ")))
            }
        }
        EventKind::DnsQuery { name, qtype } => line(
            t,
            "",
            "",
            &format!("{} {qtype} {}", "Q:".cyan(), clean(name)),
        ),
        EventKind::DnsAnswer {
            name,
            qtype,
            outcome,
            rcode,
            records,
            ms,
        } => {
            let head = format!("{} {qtype} {} {rcode}", "A:".bold(), clean(name));
            let mut out = if outcome == "answer" || outcome == "nodata" {
                let what = if records.is_empty() {
                    " (no records)".to_string()
                } else {
                    String::new()
                };
                line(t, &format!("{ms:.1}ms"), "", &format!("{head}{what}"))
            } else {
                line(
                    t,
                    &format!("{ms:.1}ms"),
                    "",
                    &format!("{head} ({outcome})").yellow().to_string(),
                )
            };
            for r in records {
                let ttl = r.ttl.map(|t| format!(" ttl={t}")).unwrap_or_default();
                out.push_str(&line(
                    t,
                    "",
                    "",
                    &format!("     {} {}{}", r.rtype, clean(&r.data), ttl.dimmed()),
                ));
            }
            out
        }
        EventKind::Connecting { addr } => info(t, &format!("connecting to {addr}")),
        EventKind::Connected { addr, local, ms } => info(
            t,
            &format!("connected to {addr} in {ms:.1} ms (from {local})"),
        ),
        EventKind::Tls {
            ms,
            version,
            cipher,
            sni,
            verified,
            alpn,
            cert,
        } => {
            let v = if *verified {
                "certificate verified".green().to_string()
            } else {
                "certificate NOT verified (--insecure)"
                    .red()
                    .bold()
                    .to_string()
            };
            let alpn = alpn
                .as_ref()
                .map(|a| format!(", ALPN {a}"))
                .unwrap_or_default();
            let sni = match sni {
                Some(name) => format!("SNI {name}"),
                None => "no SNI (IP literal)".into(),
            };
            let mut out = info(
                t,
                &format!("TLS handshake in {ms:.1} ms: {version}, {cipher}{alpn}, {sni}"),
            );
            out.push_str(&line(t, "", "*", &v));
            if let Some(c) = cert {
                cert_lines(t, c, &mut out);
            }
            out
        }
        EventKind::TlsFailedCert { cert } => {
            let mut out = warn(t, "the server presented this certificate:");
            cert_lines(t, cert, &mut out);
            out
        }
        EventKind::Sent {
            line: text,
            tls,
            redacted: _,
            note,
        } => {
            let text = match note {
                Some(n) => format!("{}  {}", clean(text), format!("[{}]", clean(n)).dimmed()),
                None => clean(text).into_owned(),
            };
            protocol_line(ours, *tls, text)
        }
        EventKind::Recv {
            line: text,
            tls,
            note,
        } => {
            let text = match note {
                Some(n) => format!("{}  {}", clean(text), format!("[{}]", clean(n)).dimmed()),
                None => clean(text).into_owned(),
            };
            protocol_line(theirs, *tls, text)
        }
        EventKind::DataSummary { lines, bytes, tls } => protocol_line(
            ours,
            *tls,
            format!(
                "{}",
                format!("<message: {lines} lines, {bytes} bytes; --show-data shows it>").dimmed()
            ),
        ),
        EventKind::DataReceived { lines, bytes, tls } => protocol_line(
            theirs,
            *tls,
            format!(
                "{}",
                format!("<body: {lines} lines, {bytes} bytes; --show-data shows it>").dimmed()
            ),
        ),
        EventKind::Discarded { bytes, preview, .. } => {
            warn(t, &format!("discarded {bytes} bytes: {preview}"))
        }
        EventKind::Closed { by } => info(t, &format!("connection closed by {by}")),
        EventKind::Accepted { conn, peer, local } => {
            info(t, &format!("connection #{conn} from {peer} (to {local})"))
        }
        EventKind::TlsAccepted {
            ms,
            version,
            cipher,
            sni,
        } => {
            let sni = match sni {
                Some(name) => format!("client asked for {}", clean(name)),
                None => "no SNI from the client".into(),
            };
            info(
                t,
                &format!("TLS handshake in {ms:.1} ms: {version}, {cipher}, {sni}"),
            )
        }
    }
}

/// How many terminal columns `s` takes: East Asian wide characters and most emoji take two,
/// combining marks and zero-width characters none (UAX #11). Padding by `chars()` would shift
/// every column after a mailbox named `受信箱` or a subject with an emoji.
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `w` terminal columns.
pub(crate) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A left-aligned text table. Cells are neutralised first and measured as shown (a control
/// character becomes four columns of `\xNN`).
pub(crate) fn table(columns: &[String], rows: &[Vec<String>]) -> String {
    let cleaned =
        |r: &[String]| -> Vec<String> { r.iter().map(|c| clean(c).into_owned()).collect() };
    let columns = cleaned(columns);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| cleaned(r)).collect();
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let fmt_row = |cells: &[String]| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                line.push_str(c);
            } else {
                line.push_str(&pad(c, widths.get(i).copied().unwrap_or(0)));
                line.push_str("  ");
            }
        }
        line.trim_end().to_string() + "\n"
    };
    // The header's bold ends before its line break, so no style spans into the next line.
    let head = fmt_row(&columns);
    let mut out = format!("{}\n", head.trim_end_matches('\n').bold());
    for row in &rows {
        out.push_str(&fmt_row(row));
    }
    out
}

/// Draw a tree: the root on its own line, children with ├─ / └─ and │ continuation.
/// A labelled tree, drawn with box-drawing lines by the human renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeNode {
    pub(crate) label: String,
    pub(crate) children: Vec<TreeNode>,
}

pub(crate) fn tree(node: &TreeNode) -> String {
    fn walk(n: &TreeNode, prefix: &str, out: &mut String) {
        for (i, c) in n.children.iter().enumerate() {
            let last = i + 1 == n.children.len();
            out.push_str(&format!(
                "{prefix}{}{}\n",
                if last { "└─ " } else { "├─ " },
                clean(&c.label)
            ));
            walk(
                c,
                &format!("{prefix}{}", if last { "   " } else { "│  " }),
                out,
            );
        }
    }
    let mut out = format!("{}\n", clean(&node.label));
    walk(node, "", &mut out);
    out
}

/// Timings and per-command details, before the verdict.
/// The dimmed `timings (ms): phase ms, … | total ms` line; nothing when no phase was timed.
pub(crate) fn timings(phases: &[(impl std::fmt::Display, f64)], total_ms: f64) -> String {
    if phases.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = phases
        .iter()
        .map(|(p, ms)| format!("{p} {ms:.1}"))
        .collect();
    format!(
        "{}\n",
        format!("timings (ms): {} | total {total_ms:.1}", parts.join(", ")).dimmed()
    )
}

/// Results and timings together, as the printer writes them (for tests).
#[cfg(test)]
pub(crate) fn summary(r: &Report) -> String {
    results(r) + &after_results(r)
}

/// What a command exists to produce (its tree, table and findings): with a results command
/// this goes to stdout on its own, and `-q` prints it too.
pub(crate) fn results(r: &Report) -> String {
    let mut out = String::new();
    if let Some(b) = &r.body {
        out.push_str(&b.results());
    }
    for f in &r.findings {
        use crate::dns::finding::Severity;
        let sev = match f.severity {
            Severity::Error => "error".red().bold(),
            Severity::Warning => "warning".yellow().bold(),
            Severity::Info => "info".dimmed(),
            Severity::Ok => "ok".green(),
        };
        out.push_str(&format!(
            "{sev:<7} {}  {}\n",
            f.code.bold(),
            clean(&f.message)
        ));
    }
    out
}

/// The rest of the summary: timings, and what a result shows after them (a send's recipients).
pub(crate) fn after_results(r: &Report) -> String {
    let mut out = timings(&r.timings, r.total_ms);
    if let Some(b) = &r.body {
        out.push_str(&b.after());
    }
    out
}

/// The one-line verdict: `OK …`, `PARTIAL …`, `WARN …` or `FAIL …`, with the exit code unless
/// all is well. Server text reaches it through error replies and details: neutralised like
/// every other line.
pub(crate) fn verdict(r: &Report) -> String {
    let server = r
        .server
        .as_ref()
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    let said = |reply: &Option<String>| {
        reply
            .as_ref()
            .map(|x| format!("; server said: {}", clean(x)))
            .unwrap_or_default()
    };
    if let Some(f) = &r.failure {
        let word = match f.kind {
            Kind::Interrupted => "INTERRUPTED".yellow().bold(),
            _ => "FAIL".red().bold(),
        };
        // A stop at the user's request and an unknown answer are not a step failing: no phase.
        if matches!(f.kind, Kind::Interrupted | Kind::TempError) {
            return format!(
                "{word} {}{server} (exit {} {}): {}{}",
                r.command,
                f.exit_code(),
                f.code_name(),
                clean(&f.message),
                said(&f.reply)
            );
        }
        return format!(
            "{word} {}{server}: {} failed (exit {} {}): {}{}",
            r.command,
            f.phase,
            f.exit_code(),
            f.code_name(),
            clean(&f.message),
            said(&f.reply)
        );
    }
    if let Some(v) = &r.verdict {
        // A result, not a step failing: no phase is named.
        let word = match v.kind {
            Verdict::Partial => "PARTIAL".yellow().bold(),
            Verdict::Warnings => "WARN".yellow().bold(),
            Verdict::SpfNeutral => "NEUTRAL".yellow().bold(),
            Verdict::DkimNone | Verdict::Unsigned => "NONE".yellow().bold(),
            Verdict::SignatureNoKey => "NOKEY".yellow().bold(),
            Verdict::SignatureUntrusted => "UNTRUSTED".red().bold(),
            Verdict::Errors | Verdict::SpfFail | Verdict::DkimFail | Verdict::SignatureBad => {
                "FAIL".red().bold()
            }
        };
        return format!(
            "{word} {}{server} (exit {} {}): {}{}",
            r.command,
            v.exit_code(),
            v.code_name(),
            clean(&v.message),
            said(&v.reply)
        );
    }
    format!(
        "{} {}{server} in {:.1} ms{}",
        "OK".green().bold(),
        r.command,
        r.total_ms,
        r.detail
            .as_ref()
            .map(|d| format!(": {}", clean(d)))
            .unwrap_or_default()
    )
}

/// A `check` reason that nothing else shows (stderr): `UNKNOWN: …`, labelled with the state
/// it stands for, as the verdict lines are.
pub(crate) fn unknown(msg: &str) -> String {
    format!("{} {}", "UNKNOWN:".magenta().bold(), clean(msg))
}

/// A warning that must not be missed (stderr).
pub(crate) fn loud(msg: &str) -> String {
    format!("{} {}", "WARNING:".red().bold(), clean(msg).red())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_are_aligned_by_display_width() {
        colored::control::set_override(false);
        let rows = [
            ["受信箱", "wide"],
            ["📬", "emoji"],
            ["Cafe\u{301}", "combining"],
            ["a\x1bb", "control"],
            ["plain", "ascii"],
        ]
        .map(|r| r.map(String::from).to_vec());
        let t = table(&["NAME".into(), "WHAT".into()], &rows);
        let col = |l: &str, w: &str| width(&l[..l.find(w).unwrap()]);
        let lines: Vec<&str> = t.lines().collect();
        let want = col(lines[0], "WHAT");
        assert_eq!(want, 8, "{t}");
        for (l, r) in lines[1..].iter().zip(&rows) {
            assert_eq!(col(l, &r[1]), want, "{t}");
        }
        assert!(t.contains("a\\x1bb"), "{t}");
    }

    /// Verdicts and the failures that are no step failing name no phase; other failures do.
    #[test]
    fn verdict_lines() {
        use crate::error::{Failure, Judgement, Phase};
        colored::control::set_override(false);
        let mut r = Report::new("smtp send");
        r.server = Some("127.0.0.1:25".into());
        r.verdict =
            Some(Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2").with_reply("550 no"));
        assert_eq!(
            verdict(&r),
            "PARTIAL smtp send 127.0.0.1:25 (exit 10 partial): 1 of 2; server said: 550 no"
        );
        r.verdict = Some(Judgement::new(
            Phase::Resolve,
            Verdict::SpfNeutral,
            "neutral: x",
        ));
        assert_eq!(
            verdict(&r),
            "NEUTRAL smtp send 127.0.0.1:25 (exit 15 spf-neutral): neutral: x"
        );
        r.failure = Some(Failure::new(Phase::Resolve, Kind::TempError, "SERVFAIL"));
        assert_eq!(
            verdict(&r),
            "FAIL smtp send 127.0.0.1:25 (exit 13 dns-temperror): SERVFAIL"
        );
        r.failure = Some(Failure::new(Phase::Rcpt, Kind::Rejected, "all rejected"));
        assert_eq!(
            verdict(&r),
            "FAIL smtp send 127.0.0.1:25: rcpt failed (exit 25 rejected-rcpt): all rejected"
        );
    }
}
