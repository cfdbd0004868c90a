//! The printer: owns all output. Renders events live as human lines or JSON Lines, and the final
//! report as a summary plus a one-line verdict. Broken pipes end the program quietly (`check`
//! goes on without output instead: its exit code is the verdict).

pub(crate) mod audit;
pub(crate) mod check;
pub(crate) mod dkim;
pub(crate) mod dmarc;
pub(crate) mod dns;
pub(crate) mod human;
mod imap;
mod jmap;
pub(crate) mod json;
pub(crate) mod mime;
pub(crate) mod nagios;
mod pgp;
mod pop3;
pub(crate) mod prometheus;
mod shell;
pub(crate) mod sink;
mod smime;
pub(crate) mod smtp;

use crate::event::{Above, Event, OutputMode, Screen, Sink};
use crate::report::Report;
use std::io::Write;
use std::sync::Mutex;

pub(crate) struct Printer {
    mode: OutputMode,
    state: Mutex<human::State>,
    /// Transcript and summary go to stderr, because stdout carries retrieved data.
    to_stderr: bool,
    /// A results command (pop3 list, imap search, dns …): stdout carries only its results (the
    /// report's tree, table and findings), the transcript, timings and verdict go to stderr —
    /// curl's convention, so `> file` and `| cut` get the data alone. JSON stays on stdout.
    results: bool,
    /// A closed stdout stops the output but not the run (`check`: its exit code is the verdict,
    /// and a broken pipe must not turn it into 0).
    outlive_stdout: bool,
    stdout_closed: std::sync::atomic::AtomicBool,
    /// --show-secrets: do not redact registered secrets (see [`crate::secret::redact`]).
    show_secrets: bool,
    /// Where stdout text goes while a line editor owns the terminal (see [`Screen`]).
    diverted: Mutex<Option<Above>>,
}

impl Printer {
    /// `color`: whether to colour (decided by the plan from --color, the terminals, NO_COLOR).
    pub(crate) fn new(mode: OutputMode, color: bool) -> Self {
        colored::control::set_override(color);
        Printer {
            mode,
            state: Mutex::new(human::State::default()),
            to_stderr: false,
            results: false,
            outlive_stdout: false,
            stdout_closed: std::sync::atomic::AtomicBool::new(false),
            show_secrets: false,
            diverted: Mutex::new(None),
        }
    }

    /// Keep running when stdout is closed (see `outlive_stdout`).
    pub(crate) fn outlive_stdout(&mut self) {
        self.outlive_stdout = true;
    }

    /// --show-secrets: print secrets a server echoes instead of `***`.
    pub(crate) fn show_secrets(&mut self) {
        self.show_secrets = true;
    }

    /// Send the transcript to stderr (stdout is for the data the command retrieves).
    pub(crate) fn transcript_to_stderr(&mut self) {
        self.to_stderr = true;
    }

    /// See `results`: stdout carries this command's results, everything else goes to stderr.
    pub(crate) fn results_to_stdout(&mut self) {
        self.results = true;
    }

    /// The one redaction point. Every text mailctl writes — the transcript and summary on
    /// stdout or stderr, `-q` verdicts, JSON, Nagios and Prometheus text, warnings on stderr,
    /// the `--transcript-on-failure` file — is finished text that passes here on its way out,
    /// so whatever path a secret took into it (a server echoing the password or the AUTH payload
    /// back in a reply, an error quoting that reply) it does not leave the process. Retrieved
    /// data (outfile::data) is not text and is never touched; the panic hook (main.rs) has no
    /// printer and calls [`crate::secret::redact`] itself.
    pub(crate) fn redacted<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.show_secrets {
            std::borrow::Cow::Borrowed(text)
        } else {
            crate::secret::redact(text)
        }
    }

    /// Transcript, timings, verdict: stderr when stdout is for data or results.
    fn out(&self, text: &str) {
        let stderr = self.to_stderr || (self.results && self.mode != OutputMode::Json);
        self.write(text, stderr);
    }

    fn write(&self, text: &str, stderr: bool) {
        let text = self.redacted(text);
        if stderr {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            return;
        }
        use std::sync::atomic::Ordering;
        if self.stdout_closed.load(Ordering::Relaxed) {
            return;
        }
        if let Some(to) = self
            .diverted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
        {
            return to(&text);
        }
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            if self.outlive_stdout && e.kind() == std::io::ErrorKind::BrokenPipe {
                self.stdout_closed.store(true, Ordering::Relaxed);
                return;
            }
            exit_on_write_error(e);
        }
    }

    /// Print text a command rendered itself (`check`: its own formats and per-target blocks).
    pub(crate) fn print(&self, text: &str) {
        self.out(text);
    }

    /// Something the user must see even with -q or --json (e.g. --insecure): goes to stderr.
    pub(crate) fn loud(&self, msg: &str) {
        let text = human::loud(msg) + "\n";
        let _ = std::io::stderr().write_all(self.redacted(&text).as_bytes());
    }

    /// Why `check` is UNKNOWN, on stderr, for formats whose stdout has no room for a reason
    /// (Prometheus: only a comment). Labelled `UNKNOWN:`, the state it explains.
    pub(crate) fn unknown(&self, msg: &str) {
        let text = human::unknown(msg) + "\n";
        let _ = std::io::stderr().write_all(self.redacted(&text).as_bytes());
    }

    /// Print the summary and verdict for a finished command. The results (tree, table,
    /// findings) are printed in every mode but JSON (which carries them in the summary): `-q`
    /// drops the transcript, never the data a command exists to produce.
    pub(crate) fn finish(&self, report: &Report) {
        if self.mode == OutputMode::Json {
            return self.out(&json::summary_line(report));
        }
        let results = human::results(report);
        let rest = match self.mode {
            OutputMode::Quiet => human::verdict(report) + "\n",
            _ => human::after_results(report) + &human::verdict(report) + "\n",
        };
        if self.results && !self.to_stderr {
            if !results.is_empty() {
                self.write(&results, false);
            }
            self.out(&rest);
        } else {
            self.out(&(results + &rest));
        }
    }
}

impl Screen for Printer {
    fn divert(&self, to: Option<Above>) {
        *self.diverted.lock().unwrap_or_else(|e| e.into_inner()) = to;
    }

    fn end_line(&self) {
        self.write("\n", false);
    }
}

impl Sink for Printer {
    fn emit(&self, event: Event) {
        let text = match self.mode {
            OutputMode::Quiet => return,
            OutputMode::Json => json::event_line(&event),
            OutputMode::Human => {
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                human::event(&event, &mut st)
            }
        };
        self.out(&text);
    }
}

/// `mailctl ... | head` must not panic or complain: a closed stdout ends the program quietly.
pub(crate) fn exit_on_write_error(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(std::io::stderr(), "mailctl: cannot write output: {e}");
    std::process::exit(9);
}

#[cfg(test)]
mod golden {
    //! Golden files for both renderers (tests/golden/): the transcript format is an interface.
    //! Refresh deliberately with `UPDATE_GOLDEN=1 cargo test --lib golden`.

    use super::*;
    use crate::error::{Failure, Kind, Phase};
    use crate::event::{CertSummary, EventKind};

    fn events() -> Vec<Event> {
        let ev = |t_ms: f64, kind: EventKind| Event { t_ms, kind };
        vec![
            ev(
                0.1,
                EventKind::Resolved {
                    query: "MX rig.test".into(),
                    answers: vec!["10 mail.rig.test.".into()],
                    ms: 0.4,
                },
            ),
            ev(
                0.2,
                EventKind::DnsQuery {
                    name: "mail.rig.test".into(),
                    qtype: "A".into(),
                },
            ),
            ev(
                0.5,
                EventKind::DnsAnswer {
                    name: "mail.rig.test".into(),
                    qtype: "A".into(),
                    outcome: "answer".into(),
                    rcode: "NOERROR".into(),
                    records: vec![crate::event::DnsRecord {
                        name: "mail.rig.test".into(),
                        ttl: Some(300),
                        rtype: "A".into(),
                        data: "127.0.0.1".into(),
                    }],
                    ms: 0.3,
                },
            ),
            ev(
                0.5,
                EventKind::DnsAnswer {
                    name: "mail.rig.test".into(),
                    qtype: "AAAA".into(),
                    outcome: "servfail".into(),
                    rcode: "SERVFAIL".into(),
                    records: vec![],
                    ms: 0.4,
                },
            ),
            ev(
                0.6,
                EventKind::Connecting {
                    addr: "127.0.0.1:10025".into(),
                },
            ),
            ev(
                0.9,
                EventKind::Connected {
                    addr: "127.0.0.1:10025".into(),
                    local: "127.0.0.1:40000".into(),
                    ms: 0.3,
                },
            ),
            ev(
                1.5,
                EventKind::Recv {
                    line: "220 mail.rig.test ESMTP".into(),
                    tls: false,
                    note: None,
                },
            ),
            ev(
                1.6,
                EventKind::Sent {
                    line: "EHLO client.example".into(),
                    tls: false,
                    redacted: false,
                    note: None,
                },
            ),
            ev(
                1.9,
                EventKind::Recv {
                    line: "250-mail.rig.test".into(),
                    tls: false,
                    note: None,
                },
            ),
            ev(
                1.9,
                EventKind::Recv {
                    line: "250 STARTTLS".into(),
                    tls: false,
                    note: None,
                },
            ),
            ev(
                2.0,
                EventKind::Sent {
                    line: "STARTTLS".into(),
                    tls: false,
                    redacted: false,
                    note: None,
                },
            ),
            ev(
                2.2,
                EventKind::Recv {
                    line: "220 go ahead".into(),
                    tls: false,
                    note: None,
                },
            ),
            ev(
                2.2,
                EventKind::Discarded {
                    bytes: 14,
                    preview: "250 injected\\x0d\\x0a".into(),
                    tls: false,
                },
            ),
            ev(
                5.0,
                EventKind::Tls {
                    ms: 2.7,
                    version: "TLSv1.3".into(),
                    cipher: "TLS13_AES_256_GCM_SHA384".into(),
                    sni: Some("mail.rig.test".into()),
                    verified: true,
                    alpn: None,
                    cert: Some(CertSummary {
                        subject: "CN=mail.rig.test".into(),
                        issuer: "CN=mailctl rig test CA".into(),
                        sans: vec!["mail.rig.test".into(), "127.0.0.1".into()],
                        serial: "01".into(),
                        not_before: "2026-11-23T00:00:00Z".into(),
                        not_after: "2026-12-03T00:00:00Z".into(),
                        days_left: 9,
                        chain_len: 1,
                    }),
                },
            ),
            ev(
                5.2,
                EventKind::Sent {
                    line: "AUTH PLAIN ***".into(),
                    tls: true,
                    redacted: true,
                    note: Some("PLAIN authcid=\"alice\" password=***".into()),
                },
            ),
            ev(
                5.9,
                EventKind::Recv {
                    line: "235 2.7.0 ok \\xff \\x1b[31m".into(),
                    tls: true,
                    note: None,
                },
            ),
            ev(
                6.0,
                EventKind::DataSummary {
                    lines: 10,
                    bytes: 309,
                    tls: true,
                },
            ),
            ev(
                9.0,
                EventKind::Warning {
                    msg: "server ended a line with a bare LF instead of CRLF".into(),
                },
            ),
            ev(
                9.5,
                EventKind::Closed {
                    by: "server".into(),
                },
            ),
        ]
    }

    /// The summary's command fields as this golden file has always had them (older than `smtp
    /// send`'s `accepted`, `tls` and `delivered`), laid out by `smtp send`'s own renderer.
    #[derive(Debug, serde::Serialize)]
    struct Recipients {
        recipients: Vec<Rcpt>,
    }

    #[derive(Debug, serde::Serialize)]
    struct Rcpt {
        addr: String,
        accepted: bool,
        reply: String,
    }

    impl crate::report::Human for Recipients {
        fn after(&self) -> String {
            use crate::report::smtp::{Recipient, SendResult};
            let recipients = self
                .recipients
                .iter()
                .map(|r| Recipient {
                    addr: r.addr.clone(),
                    accepted: r.accepted,
                    reply: r.reply.clone(),
                    delivery: None,
                    delivered: false,
                })
                .collect();
            SendResult {
                recipients,
                ..SendResult::default()
            }
            .after()
        }
    }

    fn report() -> Report {
        let mut r = Report::new("smtp send");
        r.server = Some("127.0.0.1:10025".into());
        r.failure = Some(
            Failure::new(Phase::Rcpt, Kind::Rejected, "all 1 recipient(s) rejected")
                .with_reply("550 5.1.1 <nobody@rig.test>: Recipient address rejected"),
        );
        let mut r = r.with_body(Recipients {
            recipients: vec![Rcpt {
                addr: "nobody@rig.test".into(),
                accepted: false,
                reply: "550 5.1.1 <nobody@rig.test>: Recipient address rejected".into(),
            }],
        });
        r.timings = vec![
            (Phase::Connect, 0.3),
            (Phase::Banner, 0.6),
            (Phase::Rcpt, 1.25),
        ];
        r.total_ms = 9.5;
        r
    }

    fn check(name: &str, actual: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            let _ = std::fs::write(
                std::env::temp_dir().join(format!("mailctl-golden-{name}")),
                actual,
            );
        }
        assert!(
            expected == actual,
            "{name} differs from the golden file (UPDATE_GOLDEN=1 to refresh):\n{actual}"
        );
    }

    #[test]
    fn human_and_json_renderings() {
        colored::control::set_override(false);
        let mut st = human::State::default();
        let mut text: String = events().iter().map(|e| human::event(e, &mut st)).collect();
        text.push_str(&human::summary(&report()));
        text.push_str(&human::verdict(&report()));
        text.push('\n');
        check("transcript.txt", &text);
        let mut json: String = events().iter().map(json::event_line).collect();
        json.push_str(&json::summary_line(&report()));
        check("transcript.jsonl", &json);
    }
}
