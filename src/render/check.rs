//! Rendering of `check` results: the human verdicts and table, the JSON summary (and events
//! tagged with their target), dispatch to the Nagios and Prometheus renderers, and the
//! `--transcript-on-failure` file, written privately and renamed into place.

use super::{human, nagios, prometheus};
use crate::event::Event;
use crate::report::check::{CheckReport, Format, Status, TargetResult, TranscriptFile, View, fmt_ms};
use colored::Colorize;
use serde_json::{Map, Value, json};
use std::path::Path;

/// One event as a JSON line, with the target it belongs to.
pub fn json_event(target: &str, event: &Event) -> String {
    let mut v = serde_json::to_value(event)
        .unwrap_or_else(|e| json!({"type": "error", "msg": e.to_string()}));
    if let Value::Object(m) = &mut v {
        m.insert("target".into(), json!(target));
    }
    let mut s = v.to_string();
    s.push('\n');
    s
}

fn status_word(s: Status) -> String {
    let w = s.as_str();
    match s {
        Status::Ok => w.green().bold().to_string(),
        Status::Warning => w.yellow().bold().to_string(),
        Status::Critical => w.red().bold().to_string(),
        Status::Unknown => w.magenta().bold().to_string(),
    }
}

/// The reasons that decided the state, worst first (what a person or a pager should read).
pub fn headline(t: &TargetResult) -> String {
    let mut bad: Vec<&str> = t
        .reasons
        .iter()
        .filter(|r| r.status == t.status && r.status != Status::Ok)
        .map(|r| r.message.as_str())
        .collect();
    if bad.is_empty() {
        bad = t
            .reasons
            .iter()
            .filter(|r| r.status != Status::Ok)
            .map(|r| r.message.as_str())
            .collect();
    }
    if bad.is_empty() {
        let mut s = if t.detail.is_empty() {
            "connected".to_string()
        } else {
            t.detail.clone()
        };
        if let Some(c) = &t.cert {
            s.push_str(&format!("; certificate expires in {} day(s)", c.days_left));
        }
        return s;
    }
    bad.join("; ")
}

/// `OK check imap 127.0.0.1:993 in 12.3 ms: …`
fn verdict(command: &str, t: &TargetResult) -> String {
    format!(
        "{} {command} {} in {}: {}",
        status_word(t.status),
        human::clean(&t.name),
        fmt_ms(t.total_ms),
        human::clean(&headline(t))
    )
}

/// A target's closing lines: timings, certificate, every reason, the verdict.
fn target_lines(command: &str, t: &TargetResult) -> String {
    let mut out = human::timings(&t.timings, t.total_ms);
    if let Some(c) = &t.cert {
        out.push_str(&format!(
            "{}\n",
            format!(
                "certificate {}: {} day(s) left (not after {}); WARNING below {}, CRITICAL below {}",
                human::clean(&c.subject), c.days_left, c.not_after, t.limits.cert_warn_days, t.limits.cert_crit_days
            )
            .dimmed()
        ));
    }
    for r in &t.reasons {
        let tag = if r.status == Status::Ok {
            "note".dimmed().to_string()
        } else {
            status_word(r.status)
        };
        out.push_str(&format!("  {tag}: {}\n", human::clean(&r.message)));
    }
    out.push_str(&verdict(command, t));
    out.push('\n');
    out
}

/// The whole of one target for a person: its transcript, then its closing lines.
fn human_block(command: &str, t: &TargetResult) -> String {
    // Names, reasons and certificate subjects can carry server or file text: neutralised here
    // like every transcript line (before any styling), whatever produced them.
    let mut out = format!(
        "{}\n",
        format!("── {} ({}) ──", human::clean(&t.name), t.protocol).bold()
    );
    let mut st = human::State::default();
    for e in &t.events {
        out.push_str(&human::event(e, &mut st));
    }
    out.push_str(&target_lines(command, t));
    out.push('\n');
    out
}

/// What is printed when one of several targets is done (human or JSON).
pub fn block(out: &View, command: &str, t: &TargetResult) -> String {
    match out.format {
        Format::Json => t.events.iter().map(|e| json_event(&t.name, e)).collect(),
        _ => human_block(command, t),
    }
}

fn counts(r: &CheckReport) -> String {
    let mut parts = Vec::new();
    for s in [
        Status::Critical,
        Status::Warning,
        Status::Unknown,
        Status::Ok,
    ] {
        let n = r.targets.iter().filter(|t| t.status == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", s.as_str()));
        }
    }
    parts.join(", ")
}

fn human_finish(out: &View, r: &CheckReport) -> String {
    if let Some(f) = &r.failure {
        return format!(
            "{} {}: {} (exit {})\n",
            status_word(Status::Unknown),
            r.command,
            f,
            r.exit_code()
        );
    }
    let mut s = String::new();
    if r.targets.len() == 1 {
        let t = &r.targets[0];
        if out.quiet {
            s.push_str(&verdict(&r.command, t));
            s.push('\n');
        } else {
            s.push_str(&target_lines(&r.command, t));
        }
    } else {
        if out.quiet {
            for t in &r.targets {
                s.push_str(&verdict(&r.command, t));
                s.push('\n');
            }
        } else {
            let rows: Vec<Vec<String>> = r
                .targets
                .iter()
                .map(|t| {
                    vec![
                        t.status.as_str().to_string(),
                        t.name.clone(),
                        t.protocol.clone(),
                        fmt_ms(t.total_ms),
                        t.cert
                            .as_ref()
                            .map_or("-".to_string(), |c| format!("{}d", c.days_left)),
                        headline(t),
                    ]
                })
                .collect();
            s.push_str(&human::table(
                &["STATUS", "TARGET", "PROTOCOL", "TIME", "CERT", "RESULT"].map(String::from),
                &rows,
            ));
        }
        s.push_str(&format!(
            "{} {}: {} targets: {} (exit {})\n",
            status_word(r.status()),
            r.command,
            r.targets.len(),
            counts(r),
            r.exit_code()
        ));
    }
    match &r.transcript {
        TranscriptFile::Written(p) => {
            s.push_str(&format!("transcript of the failing check written to {p}\n"))
        }
        TranscriptFile::Failed(why) => s.push_str(&format!("transcript NOT written: {why}\n")),
        TranscriptFile::NotWritten => {}
    }
    s
}

/// One target in the JSON summary.
pub fn target_json(t: &TargetResult) -> Value {
    let mut m = Map::new();
    m.insert("target".into(), json!(t.name));
    m.insert("protocol".into(), json!(t.protocol));
    m.insert("server".into(), json!(t.server));
    m.insert("status".into(), json!(t.status.as_str()));
    m.insert("exit_code".into(), json!(t.status.code()));
    m.insert("message".into(), json!(headline(t)));
    m.insert("detail".into(), json!(t.detail));
    m.insert("reasons".into(), json!(t.reasons));
    m.insert(
        "error".into(),
        t.failure.as_ref().map_or(Value::Null, |f| json!(f)),
    );
    let timings: Map<String, Value> = t
        .timings
        .iter()
        .map(|(p, ms)| (p.clone(), json!((ms * 1000.0).round() / 1000.0)))
        .collect();
    m.insert("timings_ms".into(), Value::Object(timings));
    m.insert(
        "total_ms".into(),
        json!((t.total_ms * 1000.0).round() / 1000.0),
    );
    m.insert("cert".into(), json!(t.cert));
    m.insert("limits".into(), json!(t.limits));
    for (k, v) in &t.data {
        m.insert(k.clone(), v.clone());
    }
    Value::Object(m)
}

fn json_finish(r: &CheckReport) -> String {
    let st = r.status();
    let mut m = Map::new();
    m.insert("type".into(), json!("summary"));
    m.insert("command".into(), json!(r.command));
    m.insert(
        "outcome".into(),
        json!(match st {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Critical | Status::Unknown => "fail",
        }),
    );
    m.insert("status".into(), json!(st.as_str()));
    m.insert("exit_code".into(), json!(st.code()));
    m.insert("exit_name".into(), json!(st.as_str()));
    m.insert(
        "error".into(),
        r.failure.as_ref().map_or(Value::Null, |f| json!(f)),
    );
    m.insert(
        "targets".into(),
        Value::Array(r.targets.iter().map(target_json).collect()),
    );
    let (file, err) = match &r.transcript {
        TranscriptFile::NotWritten => (Value::Null, Value::Null),
        TranscriptFile::Written(p) => (json!(p), Value::Null),
        TranscriptFile::Failed(why) => (Value::Null, json!(why)),
    };
    m.insert("transcript_file".into(), file);
    m.insert("transcript_error".into(), err);
    let mut s = Value::Object(m).to_string();
    s.push('\n');
    s
}

/// Everything printed after the targets are done, in the chosen format.
pub fn finish(out: &View, r: &CheckReport) -> String {
    match out.format {
        Format::Human => human_finish(out, r),
        Format::Json => json_finish(r),
        Format::Nagios => nagios::render(r),
        Format::Prometheus => prometheus::render(r),
    }
}

/// The transcript file's text: every target that is not OK, with its whole transcript.
fn transcript_text(r: &CheckReport) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut s = format!(
        "mailctl {} at {}: {} ({})\n\n",
        r.command,
        crate::transport::tls::fmt_utc(now),
        r.status().as_str(),
        counts(r)
    );
    for t in r.targets.iter().filter(|t| t.status != Status::Ok) {
        s.push_str(&human_block(&r.command, t));
    }
    s
}

/// `--transcript-on-failure`: when the run is WARNING or CRITICAL, write the transcripts of the
/// targets that are not OK. Events only have what *we* sent redacted; what the server sent
/// (a reply echoing the password) is as it arrived, so the file's text goes through the
/// printer's redaction like every other output.
pub fn write_transcript(printer: &super::Printer, path: &Path, r: &CheckReport) -> TranscriptFile {
    if !matches!(r.status(), Status::Warning | Status::Critical) {
        return TranscriptFile::NotWritten;
    }
    // The file is for reading later, not a terminal: no colour, whatever stdout gets.
    let coloured = colored::control::SHOULD_COLORIZE.should_colorize();
    colored::control::set_override(false);
    let text = transcript_text(r);
    colored::control::set_override(coloured);
    match write_private(path, printer.redacted(&text).as_bytes()) {
        Ok(()) => TranscriptFile::Written(path.display().to_string()),
        Err(why) => TranscriptFile::Failed(format!("{}: {why}", path.display())),
    }
}

/// Write `bytes` to `path` through [`crate::outfile`]: a new file under a random name beside
/// `path` (O_EXCL, mode 0600: nothing to follow, nobody else can read it), synced, then renamed
/// over `path` (each failing run replaces the last transcript): readers see the old file or the
/// new one, never half of one, and a symlink planted at `path` is replaced, not followed.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::outfile::write_new(path, bytes, true, crate::outfile::Mode::Private)
        .map(|_| ())
        .map_err(|f| f.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_file_replaces_a_symlink_instead_of_following_it() {
        let dir = std::env::temp_dir().join(format!("mailctl-tr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let path = dir.join("transcript.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
