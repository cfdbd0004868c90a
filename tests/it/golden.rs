//! Golden outputs of every subcommand, human and `--json`: today's exact bytes, kept so that a
//! restructuring (issue 13) can prove it changed no output. Each case writes
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

use crate::dnsd::{DnsServer, Zone};
use crate::util::*;
use regex::{Captures, Regex};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

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

    /// The human case `<name>.txt` and the JSON case `<name>.json` (`--json` first).
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

    // Ephemeral ports (our side of a connection, the in-process DNS server): the rig's fixed
    // ports (10000 and up, from tests/rig/rig.sh) stay.
    let rig_ports: Vec<String> = rig_ports();
    let t = re(&LOCAL, r"(127\.0\.0\.[0-9]+|\[::1\]|::1):([0-9]+)").replace_all(
        text,
        |c: &Captures| {
            if rig_ports.iter().any(|p| p == &c[2]) {
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

fn rig_ports() -> Vec<String> {
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

fn cmd(args: &[&str]) -> Command {
    let mut c = mailctl();
    c.args(args);
    c
}

fn fixture(rel: &str) -> String {
    repo_root()
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
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

// ------------------------------------------------------------------------------ smtp

fn smtp(port_key: &str, extra: &[&str]) -> Command {
    let mut c = cmd(&[
        "smtp",
        "send",
        "-s",
        &rig().addr(port_key),
        "--timeout",
        "20s",
    ]);
    c.args(["--helo", "golden.rig.test", "--from", "golden@rig.test"]);
    c.args(extra);
    c
}

#[test]
fn golden_smtp() {
    let mut g = Golden::default();
    // A generated message's size varies with its Date and Message-ID; Dovecot's LMTP session id.
    g.mask_re(r#""(bytes|message_bytes)":[0-9]+"#, "\"$1\":<size>");
    g.mask_re(r"(250 2\.0\.0 <[^>]+>) \S+ Saved", "$1 <session-id> Saved");
    cert_masks(&mut g);
    challenge_masks(&mut g);
    g.pair("smtp-send", || {
        smtp(
            "RIG_SMTP_PORT",
            &["--to", "bob@rig.test", "--subject", "golden send"],
        )
    });
    g.pair("smtp-send-quit-after-rcpt", || {
        smtp(
            "RIG_SMTP_PORT",
            &["--to", "bob@rig.test", "--quit-after", "rcpt"],
        )
    });
    g.pair("smtp-send-rejected-rcpt", || {
        smtp("RIG_SMTP_PORT", &["--to", "nobody@rig.test"])
    });
    g.pair("smtp-send-lmtp", || {
        smtp(
            "RIG_LMTP_PORT",
            &["--lmtp", "--to", "bob@rig.test", "--subject", "golden lmtp"],
        )
    });
    g.pair("smtp-send-starttls-auth", || {
        let rig = rig();
        let mut c = smtp(
            "RIG_SUBMISSION_PORT",
            &["--to", "bob@rig.test", "--quit-after", "rcpt", "--starttls"],
        );
        c.args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
            .args(["-u", "erin@rig.test", "--password-env", "GOLDEN_PW"])
            .env("GOLDEN_PW", "erin-secret-pw");
        c
    });
    g.pair("smtp-send-usage-error", || {
        cmd(&["smtp", "send", "-s", "127.0.0.1:1"])
    });
    g.pair("smtp-send-connect-refused", || {
        let mut c = cmd(&["smtp", "send", "-s", "127.0.0.1:1", "--to", "a@b"]);
        c.args(["--helo", "golden.rig.test"]);
        c
    });
    g.one(
        "smtp-send-quiet.txt",
        prefixed(
            &["-q"],
            smtp(
                "RIG_SMTP_PORT",
                &["--to", "bob@rig.test", "--quit-after", "ehlo"],
            ),
        ),
    );
    g.pair("smtp-send-load", || {
        smtp(
            "RIG_SMTP_PORT",
            &[
                "--to",
                "bob@rig.test",
                "--subject",
                "golden load",
                "--count",
                "4",
                "--concurrency",
                "2",
            ],
        )
    });
    g.finish();
}

// ------------------------------------------------------------------------------ dns

/// healthy.test as dns_cmd.rs serves it, and broken.test with something wrong in every record.
fn dns_zone() -> Zone {
    crate::dns_cmd::healthy()
        .mx("broken.test", 10, "alias.broken.test")
        .cname("alias.broken.test", "mx1.healthy.test")
        .txt("broken.test", &["v=spf1 include:nowhere.broken.test +all"])
        .txt(
            "_dmarc.broken.test",
            &["v=DMARC1; p=none; pct=50; rua=mailto:d@elsewhere.test"],
        )
        .txt(
            "weak._domainkey.broken.test",
            &[&format!("v=DKIM1; k=rsa; p={}", crate::dns_cmd::RSA512)],
        )
        .txt("revoked._domainkey.broken.test", &["v=DKIM1; k=rsa; p="])
        .txt("_mta-sts.broken.test", &["v=STSv1"])
        .txt("_smtp._tls.broken.test", &["v=TLSRPTv1; rua=ftp://x"])
        .txt(
            "default._bimi.broken.test",
            &["v=BIMI1; l=http://broken.test/logo.png"],
        )
        .mx("nullmx.test", 0, ".")
}

fn dns(srv: &DnsServer, args: &[&str]) -> Command {
    let mut c = cmd(&["dns"]);
    c.args(args)
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    c
}

#[test]
fn golden_dns() {
    let srv = DnsServer::start(dns_zone());
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    let cases: &[(&str, &[&str])] = &[
        ("dns-mx", &["mx", "healthy.test"]),
        ("dns-mx-cname", &["mx", "broken.test"]),
        ("dns-mx-null", &["mx", "nullmx.test"]),
        ("dns-mx-nxdomain", &["mx", "nowhere.test"]),
        ("dns-spf", &["spf", "healthy.test"]),
        (
            "dns-spf-ip",
            &["spf", "healthy.test", "--ip", "198.51.100.7"],
        ),
        ("dns-spf-broken", &["spf", "broken.test"]),
        ("dns-dmarc", &["dmarc", "healthy.test"]),
        ("dns-dmarc-broken", &["dmarc", "broken.test"]),
        ("dns-dkim", &["dkim", "s1,s2", "healthy.test"]),
        (
            "dns-dkim-broken",
            &["dkim", "weak,revoked,missing", "broken.test"],
        ),
        ("dns-mta-sts", &["mta-sts", "healthy.test"]),
        ("dns-mta-sts-broken", &["mta-sts", "broken.test"]),
        ("dns-tls-rpt", &["tls-rpt", "healthy.test"]),
        ("dns-tls-rpt-broken", &["tls-rpt", "broken.test"]),
        ("dns-bimi", &["bimi", "healthy.test"]),
        ("dns-bimi-broken", &["bimi", "broken.test"]),
        (
            "dns-check",
            &["check", "healthy.test", "--selector", "s1,s2"],
        ),
        (
            "dns-check-two",
            &[
                "check",
                "healthy.test",
                "broken.test",
                "--selector",
                "s1,weak",
            ],
        ),
    ];
    for (name, args) in cases {
        g.pair(name, || dns(&srv, args));
    }
    g.one(
        "dns-check-quiet.txt",
        prefixed(&["-q"], dns(&srv, &["check", "broken.test"])),
    );
    g.one(
        "dns-mx-quiet.txt",
        prefixed(&["-q"], dns(&srv, &["mx", "healthy.test"])),
    );
    // The rig's own zone, served by NSD.
    let rig_ns = rig().dns();
    for (name, args) in [
        ("dns-rig-mx", ["mx", "multi.rig.test"]),
        ("dns-rig-spf", ["spf", "rig.test"]),
    ] {
        g.pair(name, || {
            let mut c = cmd(&["dns"]);
            c.args(args)
                .args(["--nameserver", &rig_ns, "--timeout", "5s"]);
            c
        });
    }
    g.finish();
}

// ------------------------------------------------------------------------------ dkim, dmarc

fn verify_msg(name: &str) -> String {
    fixture(&format!("dkim/verify/messages/{name}.eml"))
}

#[test]
fn golden_dkim() {
    let srv = crate::dkim_verify::server();
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    g.mask(repo_root().display().to_string(), "<repo>");
    let verify = |files: &[String]| {
        let mut c = cmd(&["dkim", "verify"]);
        c.args(files)
            .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
        c
    };
    // How long ago an expired signature expired.
    g.mask_re(r"is [0-9]+ s in the past", "is <n> s in the past");
    g.pair("dkim-verify-ok", || verify(&[verify_msg("ok-rsa")]));
    g.pair("dkim-verify-dual", || verify(&[verify_msg("ok-dual")]));
    g.pair("dkim-verify-body-changed", || {
        verify(&[verify_msg("body-changed")])
    });
    g.pair("dkim-verify-several", || {
        let names = [
            "ok-ed25519",
            "expired",
            "missing-key",
            "revoked",
            "rsa512",
            "unsigned",
        ];
        verify(&names.map(verify_msg))
    });
    g.pair("dkim-verify-maildir", || {
        verify(&[fixture("dkim/verify/maildir")])
    });
    g.one(
        "dkim-verify-quiet.txt",
        prefixed(&["-q"], verify(&[verify_msg("header-changed")])),
    );
    let sign = |key: &str, sel: &str| {
        let mut c = cmd(&[
            "dkim",
            "sign",
            "--key",
            &fixture(&format!("dkim/sign/{key}")),
        ]);
        c.args([
            "--selector",
            sel,
            "--domain",
            "example.org",
            &fixture("dkim/sign/lf.eml"),
        ]);
        c
    };
    // The signature carries its time (t=), and so does b=.
    g.mask_re(r"t=[0-9]{10}", "t=<time>");
    g.mask_re(r"(\bb=)([A-Za-z0-9+/=\s]|\\[rnt])+", "${1}<sig>");
    g.mask_re(r#""timestamp":[0-9]+"#, "\"timestamp\":<time>");
    g.pair("dkim-sign-rsa", || sign("rsa2048-pkcs1.pem", "s2048"));
    g.pair("dkim-sign-ed25519", || sign("ed25519-openssl.pem", "ed"));
    g.pair("dkim-sign-too-small", || sign("rsa1024-pkcs1.pem", "s1024"));
    g.finish();

    // keygen writes a fresh key: its material is masked, its layout kept.
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("golden-keygen")));
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = Golden::default();
    g.mask(dir.display().to_string(), "<tmp>");
    g.mask_re(r"p=[A-Za-z0-9+/=]{20,}", "p=<public-key>");
    g.mask_re(
        r#"(\\?")[A-Za-z0-9+/=]{40,}(\\?")"#,
        "$1<public-key-part>$2",
    );
    for (name, algo) in [
        ("dkim-keygen-ed25519", "ed25519"),
        ("dkim-keygen-rsa", "rsa"),
    ] {
        let n = std::sync::atomic::AtomicU32::new(0);
        g.pair(name, || {
            let key = dir.join(format!(
                "{algo}-{}.pem",
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            ));
            let mut c = cmd(&["dkim", "keygen", "--algo", algo]);
            c.args(["--selector", "sel", "--domain", "example.org", "-o"])
                .arg(key);
            c
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn golden_dmarc() {
    let srv = DnsServer::start(
        crate::dmarc_eval::zone().txt("_dmarc.example.test", &["v=DMARC1; p=reject; adkim=s"]),
    );
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    g.mask(repo_root().display().to_string(), "<repo>");
    // The authserv-id of Authentication-Results is the local host name.
    g.mask_re(
        r"Authentication-Results: [^;\s]+;",
        "Authentication-Results: <host>;",
    );
    g.mask_re(
        r#"("authentication_results":"|"detail":"|^)[^;"\s]+; (dkim|spf|dmarc)="#,
        "$1<host>; $2=",
    );
    let eval = |msg: &str, ip: &str, from: &str| {
        let mut c = cmd(&["dmarc", "evaluate", &verify_msg(msg), "--ip", ip]);
        c.args(["--mail-from", from]).args([
            "--nameserver",
            &srv.nameserver_arg(),
            "--timeout",
            "2s",
        ]);
        c
    };
    g.pair("dmarc-evaluate-pass", || {
        eval("ok-rsa", "192.0.2.1", "bounce@example.test")
    });
    g.pair("dmarc-evaluate-fail", || {
        eval("body-changed", "198.51.100.7", "x@example.test")
    });
    g.one(
        "dmarc-evaluate-quiet.txt",
        prefixed(&["-q"], eval("ok-rsa", "198.51.100.7", "x@other.test")),
    );
    g.finish();
}

// ------------------------------------------------------------------------------ pop3

fn pop3(extra: &[&str]) -> Command {
    let mut c = cmd(&["pop3"]);
    c.args(extra)
        .args(["-s", &rig().addr("RIG_POP3_PORT"), "--timeout", "10s"]);
    c
}

fn carol(extra: &[&str]) -> Command {
    let mut c = pop3(extra);
    c.args(["-u", "carol@rig.test"])
        .env("MAILCTL_PASSWORD", "carol-secret-pw");
    c
}

/// Remove what an aborted earlier run of this module left in a Maildir (our fixture only).
fn sweep(maildir: &Path) {
    for f in maildir_files(maildir) {
        if std::fs::read_to_string(&f).is_ok_and(|b| b.contains("<golden-fixture@rig.test>")) {
            let _ = std::fs::remove_file(&f);
        }
    }
}

#[test]
fn golden_pop3() {
    let _g = crate::rig_pop3::carol_lock();
    let maildir = rig().maildir("carol");
    sweep(&maildir);
    let n = std::sync::atomic::AtomicU32::new(0);
    let put = || {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put_message(
            &maildir,
            "new",
            &format!("1767268800.golden{}_{i}.golden.test", std::process::id()),
            MESSAGE,
        );
    };
    put();
    let stat = run(&mut prefixed(&["--json"], carol(&["stat"])));
    assert_eq!(
        stat.summary()["messages"],
        1,
        "carol's mailbox must hold only this module's message: {stat:?}"
    );
    let mut g = Golden::default();
    // Dovecot's UIDL: the UID and UIDVALIDITY in hex (`%08Xu%08Xv`).
    g.mask_re(r"\b[0-9a-fA-F]{16}\b", "<uidl>");
    g.pair("pop3-capa", || pop3(&["capa"]));
    g.pair("pop3-capa-login", || carol(&["capa"]));
    g.pair("pop3-stat", || carol(&["stat"]));
    g.pair("pop3-list", || carol(&["list"]));
    g.pair("pop3-list-one", || carol(&["list", "1"]));
    g.pair("pop3-uidl", || carol(&["uidl"]));
    g.pair("pop3-retr", || carol(&["retr", "1"]));
    g.pair("pop3-top", || carol(&["top", "1", "2"]));
    g.pair("pop3-noop", || carol(&["noop"]));
    g.pair("pop3-retr-no-such-message", || carol(&["retr", "7"]));
    g.pair("pop3-login-failed", || {
        let mut c = pop3(&["stat"]);
        c.args(["-u", "carol@rig.test"])
            .env("MAILCTL_PASSWORD", "wrong-password");
        c
    });
    g.one("pop3-stat-quiet.txt", prefixed(&["-q"], carol(&["stat"])));
    // dele deletes the message: each run gets one of its own.
    g.one("pop3-dele.txt", carol(&["dele", "1"]));
    put();
    g.one(
        "pop3-dele.json",
        prefixed(&["--json"], carol(&["dele", "1"])),
    );
    sweep(&maildir);
    g.finish();
}

// ------------------------------------------------------------------------------ imap

fn imap(extra: &[&str]) -> Command {
    let mut c = cmd(&["imap"]);
    c.args(extra)
        .args(["-s", &rig().addr("RIG_IMAP_PORT"), "--timeout", "20s"]);
    c
}

fn alice(extra: &[&str]) -> Command {
    let mut c = imap(extra);
    c.args(["-u", "alice@rig.test"])
        .env("MAILCTL_PASSWORD", "alice-secret-pw");
    c
}

/// alice's mailbox `golden`, holding one message (UID 1) that this module wrote. It is made
/// once and then left alone (only EXAMINE touches it): deleting it on every run would race with
/// rig_imap's `list --status` of all of alice's mailboxes.
fn golden_mailbox() {
    // In cur/, not new/: Dovecot flags a Maildir mailbox \Marked in LIST when new/ is newer
    // than cur/, which for a file in new/ depends on whether a second boundary fell between.
    const NAME: &str = "1767268800.golden.golden.test:2,";
    let dir = rig().maildir("alice").join(".golden");
    let status = run(&mut alice(&["raw", "STATUS golden (MESSAGES UIDNEXT)"]));
    // Dovecot also marks it once a STATUS asked for UNSEEN (the raw case below does not).
    let list = run(&mut alice(&["list", "", "golden"]));
    if status
        .stdout
        .contains("* STATUS golden (MESSAGES 1 UIDNEXT 2)")
        && dir.join("cur").join(NAME).exists()
        && list.stdout.contains("golden   \\HasNoChildren\n")
    {
        return;
    }
    let _ = run(&mut alice(&["raw", "DELETE golden"]));
    let r = run(&mut alice(&["raw", "CREATE golden"]));
    assert_eq!(r.code, 0, "CREATE golden: {r:?}");
    assert!(
        dir.is_dir(),
        "Dovecot keeps mailbox golden in {}",
        dir.display()
    );
    put_message(&dir, "cur", NAME, MESSAGE);
    // Let Dovecot index it now, as the STATUS above does on later runs.
    let r = run(&mut alice(&["raw", "STATUS golden (MESSAGES UIDNEXT)"]));
    assert!(
        r.stdout.contains("* STATUS golden (MESSAGES 1 UIDNEXT 2)"),
        "mailbox golden: {r:?}"
    );
}

#[test]
fn golden_imap() {
    golden_mailbox();
    let mut g = Golden::default();
    // A new mailbox's UIDVALIDITY is a time stamp.
    g.mask_re(r"\b1[0-9]{9}\b", "<uidvalidity>");
    g.pair("imap-capability", || imap(&["capability"]));
    g.pair("imap-capability-login", || alice(&["capability"]));
    g.pair("imap-list", || alice(&["list", "", "golden"]));
    g.pair("imap-list-status", || {
        alice(&["list", "--status", "", "golden"])
    });
    g.pair("imap-select", || alice(&["select", "golden"]));
    g.pair("imap-select-missing", || {
        alice(&["select", "no-such-mailbox"])
    });
    g.pair("imap-search", || alice(&["search", "golden", "ALL"]));
    g.pair("imap-search-uid", || {
        alice(&["search", "--uid", "golden", "SUBJECT", "fixture"])
    });
    g.pair("imap-fetch", || alice(&["fetch", "golden", "1"]));
    g.pair("imap-fetch-headers", || {
        alice(&["fetch", "--headers", "golden", "1:*"])
    });
    // --full writes DIR/<UID>.eml: a directory per run, masked.
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("golden-fetch")));
    g.mask(dir.display().to_string(), "<dir>");
    let n = std::sync::atomic::AtomicU32::new(0);
    g.pair("imap-fetch-full", || {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut c = alice(&["fetch", "--full", "golden", "1"]);
        c.arg("-o").arg(dir.join(i.to_string()));
        c
    });
    g.pair("imap-fetch-part", || {
        alice(&["fetch", "--part", "TEXT", "golden", "1"])
    });
    let _ = std::fs::remove_dir_all(&dir);
    g.pair("imap-idle", || alice(&["idle", "golden", "--for", "300ms"]));
    g.pair("imap-raw", || {
        alice(&["raw", "STATUS golden (MESSAGES UIDNEXT RECENT)"])
    });
    g.one(
        "imap-search-quiet.txt",
        prefixed(&["-q"], alice(&["search", "golden", "ALL"])),
    );
    g.finish();
}

// ------------------------------------------------------------------------------ check

/// `mailctl check PROTO` against the rig with its CA, as check.rs runs it; erin logs in.
fn check(proto: &str, port_key: &str, extra: &[&str]) -> Command {
    let rig = rig();
    let mut c = cmd(&["check", proto, "-s", &rig.addr(port_key)]);
    c.args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
        .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
        .args(extra);
    c
}

fn as_erin(mut c: Command) -> Command {
    c.env("CHECK_PW", "erin-secret-pw").args([
        "--user",
        "erin@rig.test",
        "--password-env",
        "CHECK_PW",
    ]);
    c
}

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

#[test]
fn golden_check() {
    let mut g = Golden::default();
    cert_masks(&mut g);
    challenge_masks(&mut g);
    let smtp = || {
        as_erin(check(
            "smtp",
            "RIG_SUBMISSION_PORT",
            &["--starttls", "--helo", "golden.rig.test"],
        ))
    };
    g.pair("check-smtp", smtp);
    g.one("check-smtp-nagios.txt", {
        let mut c = smtp();
        c.args(["--format", "nagios"]);
        c
    });
    g.one("check-smtp-prometheus.txt", {
        let mut c = smtp();
        c.args(["--format", "prometheus"]);
        c
    });
    g.one("check-smtp-quiet.txt", prefixed(&["-q"], smtp()));
    g.pair("check-smtp-send-test", || {
        let mut c = check("smtp", "RIG_SMTP_PORT", &["--helo", "golden.rig.test"]);
        c.args([
            "--send-test",
            "--from",
            "golden@rig.test",
            "--to",
            "erin@rig.test",
        ]);
        c
    });
    g.pair("check-smtp-refused", || {
        let mut c = cmd(&[
            "check",
            "smtp",
            "-s",
            "127.0.0.1:1",
            "--helo",
            "golden.rig.test",
        ]);
        c.args(["--timeout", "5s"]);
        c
    });
    g.one("check-smtp-refused-nagios.txt", {
        let mut c = cmd(&["check", "smtp", "-s", "127.0.0.1:1", "--format", "nagios"]);
        c.args(["--timeout", "5s"]);
        c
    });
    g.pair("check-imap", || {
        as_erin(check("imap", "RIG_IMAPS_PORT", &["--tls"]))
    });
    g.one("check-imap-nagios.txt", {
        let mut c = as_erin(check("imap", "RIG_IMAPS_PORT", &["--tls"]));
        c.args(["--format", "nagios"]);
        c
    });
    g.pair("check-pop3", || {
        as_erin(check("pop3", "RIG_POP3S_PORT", &["--tls"]))
    });
    g.one("check-pop3-prometheus.txt", {
        let mut c = as_erin(check("pop3", "RIG_POP3S_PORT", &["--tls"]));
        c.args(["--format", "prometheus"]);
        c
    });

    // A targets file: two targets checked concurrently, so only the formats without a
    // transcript (whose order would vary) are kept.
    let rig = rig();
    let targets = std::env::temp_dir().join(format!("mailctl-{}.toml", token("golden-targets")));
    std::fs::write(
        &targets,
        format!(
            "[[target]]\nname = \"submission\"\nserver = \"{}\"\nprotocol = \"smtp\"\nstarttls = true\n\n\
             [[target]]\nname = \"imaps\"\nserver = \"{}\"\nprotocol = \"imap\"\ntls = true\n",
            rig.addr("RIG_SUBMISSION_PORT"),
            rig.addr("RIG_IMAPS_PORT"),
        ),
    )
    .unwrap();
    g.mask(targets.display().to_string(), "<targets.toml>");
    for format in ["nagios", "prometheus"] {
        let mut c = cmd(&["check", "smtp", "--targets"]);
        c.arg(&targets)
            .args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
            .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
            .args(["--format", format]);
        g.one(&format!("check-targets-{format}.txt"), c);
    }
    let _ = std::fs::remove_file(&targets);
    g.finish();
}

#[test]
fn golden_check_roundtrip() {
    let _g = crate::check::dave_lock();
    let rig = rig();
    // When the message arrives decides the dialogue (a SEARCH that finds nothing yet, IDLE, the
    // EXISTS it sees), so the transcript varies from run to run: only what has no transcript is
    // kept, and of the JSON Lines the summary.
    let mut g = Golden {
        drop_events: true,
        ..Golden::default()
    };
    cert_masks(&mut g);
    // Each run's token, the UID its message got.
    g.mask_re(r"mailctl-[0-9]{10}-[0-9a-f]{16}", "<token>");
    g.mask_re(r"UID EXPUNGE [0-9]+", "UID EXPUNGE <uid>");
    g.mask_re(r#""uids":\[[0-9,]*\]"#, "\"uids\":[<uid>]");
    let roundtrip = || {
        let mut c = cmd(&["check", "roundtrip"]);
        c.args(["--smtp-server", &rig.addr("RIG_SUBMISSION_PORT")])
            .args(["--imap-server", &rig.addr("RIG_IMAPS_PORT")])
            .args(["--mailbox-security", "tls", "--ca-file", rig.ca()])
            .args([
                "--sni",
                rig.get("RIG_TLS_NAME"),
                "--helo",
                "golden.rig.test",
            ])
            .args(["--user", "dave@rig.test", "--password-env", "RT_PW"])
            .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
            .args(["--deadline", "20s", "--poll", "100ms"])
            .env("RT_PW", "dave-secret-pw");
        c
    };
    g.one("check-roundtrip-quiet.txt", prefixed(&["-q"], roundtrip()));
    g.one("check-roundtrip.json", prefixed(&["--json"], roundtrip()));
    g.one("check-roundtrip-nagios.txt", {
        let mut c = roundtrip();
        c.args(["--format", "nagios"]);
        c
    });
    g.finish();
}
