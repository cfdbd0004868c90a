//! SMTP/LMTP command-reply layer over a [`Wire`]: read replies, send commands, parse EHLO
//! capabilities. Generic over the stream, so the same code runs over TCP, TLS and a test duplex.

use super::reply::{MAX_REPLY_LINES, Reply, parse_line};
use crate::error::{Failure, Kind, Phase};
use crate::event::escape_bytes;
use crate::proto::sasl;
use crate::transport::wire::{Outgoing, Wire};
use tokio::io::{AsyncRead, AsyncWrite};

/// Extensions from an EHLO/LHLO reply (RFC 5321 §4.1.1.1): keyword → parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Caps {
    pub greeting: String,
    pub ext: Vec<(String, Vec<String>)>,
    /// False after a HELO fallback: no extensions at all.
    pub esmtp: bool,
}

impl Caps {
    pub(crate) fn from_reply(r: &Reply) -> Caps {
        let mut lines = r.lines.iter();
        let greeting = lines.next().cloned().unwrap_or_default();
        let ext = lines
            .filter_map(|l| {
                let mut words = l.split_whitespace();
                let kw = words.next()?.to_ascii_uppercase();
                Some((kw, words.map(String::from).collect()))
            })
            .collect();
        Caps {
            greeting,
            ext,
            esmtp: true,
        }
    }

    pub(crate) fn has(&self, kw: &str) -> bool {
        self.ext.iter().any(|(k, _)| k == kw)
    }

    pub(crate) fn params(&self, kw: &str) -> Option<&[String]> {
        self.ext
            .iter()
            .find(|(k, _)| k == kw)
            .map(|(_, p)| p.as_slice())
    }

    /// SIZE limit (RFC 1870); `Some(0)` means "no fixed limit".
    pub(crate) fn size(&self) -> Option<u64> {
        let p = self.params("SIZE")?;
        Some(p.first().and_then(|s| s.parse().ok()).unwrap_or(0))
    }

    /// AUTH mechanisms (RFC 4954), including the pre-standard `AUTH=` form some servers still send.
    pub(crate) fn auth_mechs(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (k, p) in &self.ext {
            let ps: Vec<String> = if k == "AUTH" {
                p.clone()
            } else if let Some(rest) = k.strip_prefix("AUTH=") {
                std::iter::once(rest.to_string())
                    .chain(p.iter().cloned())
                    .collect()
            } else {
                continue;
            };
            for m in ps {
                let m = m.to_ascii_uppercase();
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// One-line summary for the transcript: `PIPELINING SIZE=10240000 STARTTLS AUTH=PLAIN,LOGIN`.
    pub(crate) fn summary(&self) -> String {
        if !self.esmtp {
            return "none (HELO fallback)".into();
        }
        self.keywords().join(" ")
    }

    /// Each extension as `KEYWORD` or `KEYWORD=PARAM,PARAM`.
    pub(crate) fn keywords(&self) -> Vec<String> {
        self.ext
            .iter()
            .map(|(k, p)| {
                if p.is_empty() {
                    k.clone()
                } else {
                    format!("{k}={}", p.join(","))
                }
            })
            .collect()
    }
}

pub(crate) struct SmtpClient<S> {
    pub wire: Wire<S>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> SmtpClient<S> {
    pub(crate) fn new(wire: Wire<S>) -> Self {
        SmtpClient { wire }
    }

    /// Read one complete reply. A 334 challenge is shown decoded beside the line.
    ///
    /// The whole reply, every continuation line included, must arrive within `--timeout`: a
    /// server dripping `250-` lines just faster than the timeout cannot hold the session.
    pub(crate) async fn read_reply(&mut self) -> Result<Reply, Failure> {
        let mut code = None;
        let mut lines = Vec::new();
        let mut deadline = self.wire.deadline();
        loop {
            let raw = self.wire.read_line_quiet_by(&mut deadline).await?;
            let parsed = match parse_line(&raw) {
                Ok(p) => p,
                Err(why) => {
                    self.wire.emit_recv(&raw, None);
                    return Err(self
                        .wire
                        .fail(Kind::Protocol, format!("malformed reply: {why}")));
                }
            };
            let note = (parsed.code == 334 && self.wire.ctx().emits())
                .then(|| sasl::decode_challenge(&String::from_utf8_lossy(parsed.text)).ok())
                .flatten()
                .filter(|d| !d.is_empty())
                .map(|d| format!("decoded: {}", escape_bytes(&d)));
            self.wire.emit_recv(&raw, note);
            if *code.get_or_insert(parsed.code) != parsed.code {
                return Err(self.wire.fail(
                    Kind::Protocol,
                    format!(
                        "reply changes code mid-reply ({} then {})",
                        code.unwrap_or(0),
                        parsed.code
                    ),
                ));
            }
            lines.push(escape_bytes(parsed.text));
            if parsed.last {
                return Ok(Reply {
                    code: parsed.code,
                    lines,
                });
            }
            if lines.len() >= MAX_REPLY_LINES {
                return Err(self.wire.fail(
                    Kind::Protocol,
                    format!("reply has more than {MAX_REPLY_LINES} continuation lines"),
                ));
            }
        }
    }

    /// Send one command and read its reply.
    pub(crate) async fn command(&mut self, line: &str) -> Result<Reply, Failure> {
        self.wire.send(line).await?;
        self.read_reply().await
    }

    pub(crate) async fn command_out(&mut self, line: Outgoing) -> Result<Reply, Failure> {
        self.wire.send_line(line).await?;
        self.read_reply().await
    }

    /// A failure for a negative reply at the current phase.
    pub(crate) fn rejected(&self, what: &str, reply: &Reply) -> Failure {
        Failure::new(
            self.wire.phase(),
            Kind::Rejected,
            format!("{what} rejected"),
        )
        .with_reply(reply.display())
    }

    /// EHLO (or LHLO for LMTP), falling back to HELO when the server does not know EHLO
    /// (RFC 5321 §4.1.4: 500/502/504/550 to EHLO). LMTP has no fallback (RFC 2033 §4.1).
    pub(crate) async fn hello(&mut self, name: &str, lmtp: bool) -> Result<Caps, Failure> {
        self.wire.set_phase(Phase::Ehlo);
        let verb = if lmtp { "LHLO" } else { "EHLO" };
        let r = self.command(&format!("{verb} {name}")).await?;
        if r.is_positive() {
            return Ok(Caps::from_reply(&r));
        }
        if !lmtp && matches!(r.code, 500 | 502 | 504 | 550) {
            self.wire.ctx().warn(format!(
                "server rejected EHLO ({}); falling back to HELO: no ESMTP extensions",
                r.code
            ));
            let h = self.command(&format!("HELO {name}")).await?;
            if h.is_positive() {
                return Ok(Caps {
                    greeting: h.lines.first().cloned().unwrap_or_default(),
                    ext: vec![],
                    esmtp: false,
                });
            }
            return Err(self.rejected("HELO", &h));
        }
        Err(self.rejected(verb, &r))
    }

    /// QUIT politely; errors are ignored (the outcome is already decided), but shown.
    pub(crate) async fn quit(&mut self) {
        self.wire.set_phase(Phase::Quit);
        if self.wire.send("QUIT").await.is_ok() {
            match self.read_reply().await {
                // RFC 5321 §4.1.1.10: the server MUST answer QUIT with 221. Anything else is a
                // deviation worth a line, not a failure: the session is over either way.
                Ok(r) if r.code != 221 => self
                    .wire
                    .ctx()
                    .warn(format!("QUIT answered {} instead of 221", r.display())),
                Ok(_) => {}
                Err(f) => self
                    .wire
                    .ctx()
                    .warn(format!("no reply to QUIT: {}", f.message)),
            }
        }
        self.wire.shutdown().await;
        self.wire.end_phase();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_parsing() {
        let r = Reply {
            code: 250,
            lines: vec![
                "mail.example".into(),
                "PIPELINING".into(),
                "SIZE 10240000".into(),
                "auth PLAIN LOGIN".into(),
                "AUTH=CRAM-MD5".into(),
                "STARTTLS".into(),
            ],
        };
        let c = Caps::from_reply(&r);
        assert!(c.has("PIPELINING") && c.has("STARTTLS") && !c.has("CHUNKING"));
        assert_eq!(c.size(), Some(10_240_000));
        assert_eq!(c.auth_mechs(), ["PLAIN", "LOGIN", "CRAM-MD5"]);
        assert_eq!(c.greeting, "mail.example");
        assert_eq!(
            c.summary(),
            "PIPELINING SIZE=10240000 AUTH=PLAIN,LOGIN AUTH=CRAM-MD5 STARTTLS"
        );
    }
}
