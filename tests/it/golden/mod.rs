//! Golden outputs of every subcommand, human and `--json`: today's exact bytes, kept so that a
//! restructuring (issue 13) can prove it changed no output. This file is the framework (running,
//! masking, comparing); the cases are in mail.rs (smtp, pop3, imap), dns.rs (dns, dkim, dmarc)
//! and check.rs. Each case writes
//! `tests/golden/cmd/<name>.txt` (human) and `<name>.json` (JSON Lines), both with the exit code,
//! stdout and stderr labelled. `UPDATE_GOLDEN=1 cargo test --test it golden` rewrites them.
//!
//! Only what varies from run to run is masked (see [`normalise`]): times, ephemeral ports, queue
//! ids, dates, UIDVALIDITY, tokens, random key material. Everything else, key order, spacing,
//! alignment and nulls included, must match byte for byte.
//!
//! Mailbox state: POP3 cases hold carol's lock (as rig_pop3 does) and work on one message this
//! module puts into her Maildir itself; IMAP cases use a mailbox of alice's that only this module
//! uses (`golden`, one message), so both see the same mailbox on every run.

use crate::util::*;
use regex::{Captures, Regex};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

mod check;
mod dns;
mod jmap;
mod mail;
mod mime;

// ------------------------------------------------------------------------------ golden files

fn golden_dir() -> PathBuf {
    repo_root().join("tests/golden/cmd")
}

/// Compare `actual` with the golden file `name` (or rewrite it under UPDATE_GOLDEN); a
/// difference is returned as a readable message, so one test can report all its cases at once.
fn compare(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    Some(format!(
        "{} differs from its golden file (UPDATE_GOLDEN=1 to refresh):\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

/// A line diff good enough to read: the common head and tail are skipped, the differing middle
/// shown as `-expected` / `+actual`.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let head = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = e[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = format!("@@ line {} @@\n", head + 1);
    for l in &e[head..e.len() - tail] {
        out.push_str(&format!("-{l}\n"));
    }
    for l in &a[head..a.len() - tail] {
        out.push_str(&format!("+{l}\n"));
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(final newline differs)\n");
    }
    out
}

/// Collects the differences of one test's cases; panics at the end with all of them.
#[derive(Default)]
struct Golden {
    failures: Vec<String>,
    /// Exact strings to mask in this test's outputs (a port, a path, a token), in order.
    masks: Vec<(String, String)>,
    /// Keep only the lines that are not JSON events (`{"t_ms":…`): for runs whose dialogue varies.
    drop_events: bool,
    /// Patterns to mask in this test's outputs after [`normalise`] (`$1` etc. are their groups).
    patterns: Vec<(Regex, String)>,
}

impl Golden {
    fn mask(&mut self, what: impl Into<String>, with: &str) {
        let what = what.into();
        if !what.is_empty() {
            self.masks.push((what, with.to_string()));
        }
    }

    fn mask_re(&mut self, pattern: &str, with: &str) {
        self.patterns
            .push((Regex::new(pattern).unwrap(), with.to_string()));
    }

    fn text(&self, r: &Run) -> String {
        let mut t = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            r.code, r.stdout, r.stderr
        );
        for (what, with) in &self.masks {
            t = t.replace(what, with);
        }
        if self.drop_events {
            t = t
                .split_inclusive('\n')
                .filter(|l| !l.starts_with("{\"t_ms\":"))
                .collect();
        }
        t = normalise(&t);
        for (what, with) in &self.patterns {
            t = what.replace_all(&t, with.as_str()).into_owned();
        }
        sort_dns_runs(&t)
    }

    /// Run `make()` once as is (a human or `-q` case: `<name>.txt`).
    fn one(&mut self, file: &str, mut cmd: Command) -> Run {
        let r = run_with_timeout(&mut cmd, Duration::from_secs(60));
        assert!(
            !r.stderr.contains("panicked"),
            "{file}: mailctl panicked: {r:?}"
        );
        let t = self.text(&r);
        if let Some(f) = compare(file, &t) {
            self.failures.push(f);
        }
        r
    }

    /// The human case `<name>.txt`, then the JSON case `<name>.json` (the same with `--json`).
    fn pair(&mut self, name: &str, make: impl Fn() -> Command) -> (Run, Run) {
        let human = self.one(&format!("{name}.txt"), make());
        let json = self.one(&format!("{name}.json"), prefixed(&["--json"], make()));
        (human, json)
    }

    fn finish(self) {
        assert!(self.failures.is_empty(), "{}", self.failures.join("\n"));
    }
}

/// The same command with global options (`--json`, `-q`) in front of its arguments.
fn prefixed(front: &[&str], base: Command) -> Command {
    let mut c = Command::new(base.get_program());
    c.args(front).args(base.get_args());
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    if let Some(d) = base.get_current_dir() {
        c.current_dir(d);
    }
    c.stdin(std::process::Stdio::null());
    c
}

// ------------------------------------------------------------------------------ normalising

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap())
}

/// Mask what varies run to run, each with a fixed token of the same role.
fn normalise(text: &str) -> String {
    static LOCAL: OnceLock<Regex> = OnceLock::new();
    static JSON_MS: OnceLock<Regex> = OnceLock::new();
    static JSON_TIMINGS: OnceLock<Regex> = OnceLock::new();
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static QUEUED: OnceLock<Regex> = OnceLock::new();
    static QUEUE_ID: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    static STAMP: OnceLock<Regex> = OnceLock::new();
    static SIZE: OnceLock<Regex> = OnceLock::new();
    static BYTES: OnceLock<Regex> = OnceLock::new();
    static UIDVALIDITY: OnceLock<Regex> = OnceLock::new();
    static DOVECOT_SECS: OnceLock<Regex> = OnceLock::new();
    static SCRAM_FIRST: OnceLock<Regex> = OnceLock::new();
    static SCRAM_NONCE: OnceLock<Regex> = OnceLock::new();
    static SCRAM_SALT: OnceLock<Regex> = OnceLock::new();

    // Ephemeral ports (our side of a connection, the in-process DNS server): the rig's fixed
    // ports (10000 and up, from tests/rig/rig.sh) stay. Asked of the rig only when an address
    // is there to mask, so file-only cases (mime, smime) need no rig.
    let rig_ports: OnceLock<Vec<String>> = OnceLock::new();
    let t = re(&LOCAL, r"(127\.0\.0\.[0-9]+|\[::1\]|::1):([0-9]+)").replace_all(
        text,
        |c: &Captures| {
            if rig_ports
                .get_or_init(rig_ports_of_rig)
                .iter()
                .any(|p| p == &c[2])
            {
                c[0].to_string()
            } else {
                format!("{}:<port>", &c[1])
            }
        },
    );
    // JSON times: `"t_ms":1.23`, `"total_ms":…`, `"ms":…` and every number of `"timings_ms":{…}`.
    let t = re(&JSON_MS, r#""([a-z_]*ms)":-?[0-9][0-9.e+-]*"#).replace_all(&t, |c: &Captures| {
        // Limits the command was given stay; measured times go.
        if ["deadline_ms", "warn_ms", "crit_ms", "timeout_ms", "poll_ms"].contains(&&c[1]) {
            c[0].to_string()
        } else {
            format!("\"{}\":<ms>", &c[1])
        }
    });
    let t = re(&JSON_TIMINGS, r#""timings_ms":\{[^}]*\}"#).replace_all(&t, |c: &Captures| {
        re(&NUMBER, r":-?[0-9][0-9.e+-]*")
            .replace_all(&c[0], ":<ms>")
            .into_owned()
    });
    let t = re(&QUEUED, r"queued as [0-9A-Za-z]+").replace_all(&t, "queued as <queue-id>");
    let t =
        re(&QUEUE_ID, r"(E?SMTPS?A?|LMTPS?A?) id [0-9A-Za-z]+").replace_all(&t, "$1 id <queue-id>");
    let t = re(
        &DATE,
        r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}( \([A-Z]+\))?",
    )
    .replace_all(&t, "<date>");
    let t = re(
        &STAMP,
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2}| UTC)?",
    )
    .replace_all(&t, "<timestamp>");
    // A generated message's size varies with its Date and Message-ID.
    let t = re(&SIZE, r"(MAIL FROM:<[^>]*> SIZE=)[0-9]+").replace_all(&t, "${1}<size>");
    let t = re(&BYTES, r"lines, [0-9]+ bytes").replace_all(&t, "lines, <size> bytes");
    let t = re(&UIDVALIDITY, r"(?i)(uidvalidity\W{1,3})[0-9]+").replace_all(&t, "$1<uidvalidity>");
    // Dovecot's own timing in tagged replies: "(0.001 + 0.000 secs)", with a third term when
    // the command waited.
    let t = re(&DOVECOT_SECS, r"\([0-9.]+( \+ [0-9.]+)* secs\)").replace_all(&t, "(<secs>)");
    // SCRAM (RFC 5802 §5): the client nonce (and so the base64 client-first carrying it), the
    // server's nonce part and the salt are random per login.
    let t = re(
        &SCRAM_FIRST,
        r"(AUTH(ENTICATE)? SCRAM-SHA-(1|256) )[A-Za-z0-9+/=]+",
    )
    .replace_all(&t, "${1}<client-first>");
    let t = re(&SCRAM_NONCE, r"\br=[^,\s]+").replace_all(&t, "r=<nonce>");
    let t = re(&SCRAM_SALT, r"\bs=[A-Za-z0-9+/=]+,").replace_all(&t, "s=<salt>,");
    mask_decimals(&t)
}

/// DNS lookups run concurrently, so their query and answer events come in an order that varies
/// from run to run: each run of consecutive DNS events (a JSON line, or a human `Q:`/`A:` line
/// with the record lines under it) is sorted. Everything else keeps its place.
fn sort_dns_runs(text: &str) -> String {
    static START: OnceLock<Regex> = OnceLock::new();
    static MORE: OnceLock<Regex> = OnceLock::new();
    let start = re(
        &START,
        r#"^(\s*N\.Nms\s+(N\.Nms\s+)?[QA]: |\{"t_ms":<ms>,("target":"[^"]*",)?"type":"dns_(query|answer)")"#,
    );
    let more = re(&MORE, r"^\s*N\.Nms {15,}[^*! ]");
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, out: &mut Vec<String>| {
        run.sort();
        out.append(run);
    };
    for line in text.split_inclusive('\n') {
        if start.is_match(line) {
            run.push(line.to_string());
        } else if more.is_match(line) && !run.is_empty() {
            run.last_mut().unwrap().push_str(line);
        } else {
            flush(&mut run, &mut out);
            out.push(line.to_string());
        }
    }
    flush(&mut run, &mut out);
    out.concat()
}

fn rig_ports_of_rig() -> Vec<String> {
    let rig = rig();
    rig.env
        .iter()
        .filter(|(k, _)| k.ends_with("_PORT"))
        .map(|(_, v)| v.clone())
        .collect()
}

/// Every decimal number (`12.3`, `+0.1`; not `127.0.0.1` or `2.0.0`) becomes `N.N`: times vary
/// in value and so in width. The padding around a number in a column (two or more spaces on a
/// side) goes with it, so the line keeps its width and the columns their alignment.
fn mask_decimals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&mask_line(line));
    }
    out
}

fn mask_line(line: &str) -> String {
    let c: Vec<char> = line.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(c.len());
    // Where the last masked field ended: its padding is not the next number's.
    let mut floor = 0;
    let mut i = 0;
    while i < c.len() {
        let starts = c[i].is_ascii_digit()
            && (i == 0
                || !(c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '.' || c[i - 1] == '_'));
        if !starts {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < c.len() && (c[j].is_ascii_digit() || c[j] == '.') {
            j += 1;
        }
        let token: String = c[i..j].iter().collect();
        let decimal =
            token.matches('.').count() == 1 && !token.starts_with('.') && !token.ends_with('.');
        if !decimal {
            out.extend(token.chars());
            i = j;
            continue;
        }
        let mut masked = String::from("N.N");
        let mut width = token.len();
        if let Some(&s) = out.last()
            && (s == '+' || s == '-')
        {
            out.pop();
            masked.insert(0, s);
            width += 1;
        }
        let lead = out[floor..].iter().rev().take_while(|&&x| x == ' ').count();
        let trail = c[j..].iter().take_while(|&&x| x == ' ').count();
        let (lead, trail) = (
            if lead >= 2 { lead } else { 0 },
            if trail >= 2 { trail } else { 0 },
        );
        out.truncate(out.len() - lead);
        let total = lead + width + trail;
        let field = match (lead, trail) {
            (0, 0) => masked,
            (_, 0) => format!("{masked:>total$}"),
            (0, _) => format!("{masked:<total$}"),
            _ => format!("  {masked:<w$}", w = total - 2),
        };
        out.extend(field.chars());
        floor = out.len();
        i = j + trail;
    }
    out.into_iter().collect()
}

// ------------------------------------------------------------------------------ commands

/// Run from the repository root, so files are named by relative paths (`tests/fixtures/…`):
/// a table's column widths must not depend on where the checkout is.
fn cmd(args: &[&str]) -> Command {
    let mut c = mailctl();
    c.args(args).current_dir(repo_root());
    c
}

fn fixture(rel: &str) -> String {
    format!("tests/fixtures/{rel}")
}

/// A Maildir message file with exactly these bytes, owned like the Maildir (Dovecot reads it as
/// the rig's mail user): the test decides the content, so sizes and headers never vary.
fn put_message(maildir: &Path, sub: &str, name: &str, body: &str) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(maildir).unwrap();
    for sub in ["tmp", "new", "cur"] {
        let d = maildir.join(sub);
        std::fs::create_dir_all(&d).unwrap();
        std::os::unix::fs::chown(&d, Some(meta.uid()), Some(meta.gid())).unwrap();
    }
    let tmp = maildir.join("tmp").join(name);
    std::fs::write(&tmp, body).unwrap();
    std::os::unix::fs::chown(&tmp, Some(meta.uid()), Some(meta.gid())).unwrap();
    std::fs::rename(&tmp, maildir.join(sub).join(name)).unwrap();
}

const MESSAGE: &str = "Return-Path: <golden@rig.test>\n\
From: Golden Sender <golden@rig.test>\n\
To: Someone <someone@rig.test>\n\
Subject: golden fixture\n\
Date: Thu, 01 Jan 2026 12:00:00 +0000\n\
Message-ID: <golden-fixture@rig.test>\n\
MIME-Version: 1.0\n\
Content-Type: text/plain; charset=utf-8\n\
\n\
First line of the golden fixture.\n\
Second line.\n\
Third line.\n";

// ------------------------------------------------------------------------------ shared masks

/// The rig makes its certificate when it starts: its dates, and so the days left, vary.
fn cert_masks(g: &mut Golden) {
    g.mask_re(r"[0-9]+ day\(s\)", "<n> day(s)");
    g.mask_re(r"\([0-9]+ days left\)", "(<n> days left)");
    g.mask_re(r"(cert_days'?=)[0-9]+", "${1}<n>");
    g.mask_re(
        r#""(days_left|cert_days|cert_days_left)":[0-9]+"#,
        "\"$1\":<n>",
    );
    g.mask_re(
        r"(mailctl_cert_expiry_seconds\{[^}]*\}) [0-9]+",
        "$1 <time>",
    );
    g.mask_re(r#""(not_after_unix|expiry_unix)":[0-9]+"#, "\"$1\":<time>");
}

/// The CRAM-MD5 challenge: a random number, the time and the host name.
fn challenge_masks(g: &mut Golden) {
    g.mask_re(r"(334 )[A-Za-z0-9+/=]{20,}", "$1<challenge>");
    g.mask_re(r"decoded: <[^>]*>", "decoded: <challenge>");
}
