//! The POP3 client proper: status lines, multi-line answers within bounds, streamed bodies,
//! greeting and CAPA (RFC 2449), UTF8 (RFC 6856), the logins (RFC 1939 §7 USER/PASS and APOP,
//! RFC 5034 SASL), STLS (RFC 2595) and QUIT.

use super::{Login, MAX_CAPA_LINES, Status, Unstuff, parse_status};
use crate::error::{Failure, Kind, Phase};
use crate::event::{EventKind, escape_bytes};
use crate::proto::retrieval_bound;
use crate::proto::sasl::{self, Credentials, Mechanism};
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, DEFAULT_MAX_LINE, Outgoing, Wire};
use tokio::io::{AsyncRead, AsyncWrite};

pub(crate) struct Pop3<S> {
    pub wire: Wire<S>,
    /// The APOP timestamp from the greeting (`<…@…>`), if any.
    pub apop_stamp: Option<String>,
    pub capa: Option<Vec<String>>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Pop3<S> {
    pub(crate) fn new(wire: Wire<S>) -> Self {
        Pop3 {
            wire,
            apop_stamp: None,
            capa: None,
        }
    }

    pub(crate) async fn read_status(&mut self) -> Result<Status, Failure> {
        let line = self.wire.read_line().await?;
        parse_status(&line).map_err(|e| self.wire.fail(Kind::Protocol, e))
    }

    pub(crate) async fn command(&mut self, cmd: &str) -> Result<Status, Failure> {
        self.wire.send(cmd).await?;
        self.read_status().await
    }

    pub(crate) fn rejected(&self, what: &str, st: &Status) -> Failure {
        Failure::new(self.wire.phase(), Kind::Rejected, format!("{what} refused"))
            .with_reply(st.display())
    }

    /// Send a command that must succeed, in the current phase.
    pub(crate) async fn expect_ok(&mut self, cmd: &str, what: &str) -> Result<Status, Failure> {
        let st = self.command(cmd).await?;
        if !st.ok {
            return Err(self.rejected(what, &st));
        }
        Ok(st)
    }

    /// Read a small multi-line answer into lines (each shown in the transcript), at most `max`
    /// lines: what is kept in memory is bounded by the caller's idea of a sane answer.
    pub(crate) async fn read_lines(&mut self, max: usize) -> Result<Vec<String>, Failure> {
        self.read_lines_within(max, max.saturating_mul(512)).await
    }

    /// [`Pop3::read_lines`] with a bound on the bytes kept too (see [`super::MAX_LIST_BYTES`]).
    pub(crate) async fn read_lines_within(
        &mut self,
        max: usize,
        max_bytes: usize,
    ) -> Result<Vec<String>, Failure> {
        let mut out = Vec::new();
        let mut kept = 0usize;
        // A listing of a big maildrop is bulk data: it may take longer than --timeout as long as
        // it keeps arriving, but a drip cannot hold the session.
        let mut deadline = self.wire.bulk_deadline();
        loop {
            let raw = self.wire.read_line_by(&mut deadline).await?;
            if raw == b"." {
                return Ok(out);
            }
            if out.len() >= max {
                return Err(self.wire.fail(
                    Kind::Protocol,
                    format!("multi-line response has more than {max} lines"),
                ));
            }
            let line = raw.strip_prefix(b".").unwrap_or(&raw);
            kept += line.len();
            if kept > max_bytes {
                return Err(self.wire.fail(
                    Kind::Protocol,
                    format!("multi-line response is longer than {max_bytes} bytes"),
                ));
            }
            out.push(escape_bytes(line));
        }
    }

    /// Stream a multi-line body to `sink` as it arrives, un-dot-stuffed, CRLF kept as sent.
    /// The transcript gets one summary event (or every line with --show-data).
    /// `announced` is the message size from LIST: more than [`retrieval_bound`] of it is a
    /// protocol failure before the excess reaches `sink` (a server that never ends the body
    /// would otherwise fill the disk: the bulk deadline only stops one that stalls).
    pub(crate) async fn stream_body<F>(
        &mut self,
        announced: u64,
        mut sink: F,
    ) -> Result<(u64, u64), Failure>
    where
        F: FnMut(&[u8]) -> Result<(), Failure>,
    {
        let mut u = Unstuff::default();
        let mut out = Vec::with_capacity(64 * 1024);
        let show = self.wire.ctx().show_data;
        let mut pending_line: Vec<u8> = Vec::new();
        let mut deadline = self.wire.bulk_deadline();
        loop {
            let buf = self.wire.buffered_by(&mut deadline).await?;
            if buf.is_empty() {
                return Err(self.wire.fail(
                    Kind::Closed,
                    format!(
                        "server closed the connection in the middle of the body after {} bytes",
                        u.bytes + out.len() as u64
                    ),
                ));
            }
            out.clear();
            let done = u.feed(buf, &mut out);
            let used = done.unwrap_or(buf.len());
            self.wire.consume(used);
            if done.is_none() {
                u.bytes += out.len() as u64;
            }
            // u.bytes now counts this chunk too, whether or not it ended the body.
            if u.bytes > retrieval_bound(announced) {
                return Err(self.wire.fail(
                    Kind::Protocol,
                    format!(
                        "server sent more than {} bytes for a message LIST announced as {announced} octets; stopped reading",
                        retrieval_bound(announced)
                    ),
                ));
            }
            if show {
                pending_line.extend_from_slice(&out);
                while let Some(i) = pending_line.iter().position(|&b| b == b'\n') {
                    let l: Vec<u8> = pending_line.drain(..=i).collect();
                    let l = l.strip_suffix(b"\n").unwrap_or(&l);
                    self.wire
                        .emit_recv(l.strip_suffix(b"\r").unwrap_or(l), None);
                }
                if pending_line.len() > DEFAULT_MAX_LINE {
                    // A body "line" with no end in sight: show it in pieces rather than hold it.
                    self.wire
                        .emit_recv(&pending_line, Some("no line end yet".into()));
                    pending_line.clear();
                }
            }
            // A local write failing before the terminating "." arrived: the body is cut in the
            // middle, so no QUIT can follow (the server's next lines would be message text).
            sink(&out).map_err(|f| if done.is_none() { f.out_of_step() } else { f })?;
            if done.is_some() {
                if show {
                    if !pending_line.is_empty() {
                        self.wire.emit_recv(&pending_line, None);
                    }
                    self.wire.emit_recv(b".", None);
                } else {
                    let tls = self.wire.is_tls();
                    self.wire.ctx().emit(EventKind::DataReceived {
                        lines: u.lines,
                        bytes: u.bytes,
                        tls,
                    });
                }
                return Ok((u.lines, u.bytes));
            }
        }
    }

    /// Greeting: `+OK`, remembering an APOP timestamp.
    pub(crate) async fn greeting(&mut self) -> Result<(), Failure> {
        self.wire.set_phase(Phase::Banner);
        let st = self.read_status().await?;
        if !st.ok {
            return Err(self.rejected("greeting", &st));
        }
        if let (Some(a), Some(b)) = (st.text.find('<'), st.text.rfind('>'))
            && a < b
            && st.text[a..b].contains('@')
        {
            self.apop_stamp = Some(st.text[a..=b].to_string());
        }
        Ok(())
    }

    /// CAPA (RFC 2449); a server without it answers -ERR, which is not a failure.
    pub(crate) async fn capa(&mut self) -> Result<Option<Vec<String>>, Failure> {
        let prev = self.wire.phase();
        self.wire.set_phase(Phase::Capa);
        let st = self.command("CAPA").await?;
        let caps = if st.ok {
            Some(self.read_lines(MAX_CAPA_LINES).await?)
        } else {
            None
        };
        self.wire.set_phase(prev);
        self.capa = caps.clone();
        Ok(caps)
    }

    /// UTF8 (RFC 6856 §2), sent in the AUTHORIZATION state when CAPA lists it. Without it a
    /// server may hand out a downgraded copy of an 8-bit-header message (Courier wraps it in a
    /// generated multipart with a message/global part, §4 of the same RFC), so what is retrieved
    /// would not be what is stored. A refusal is a deviation to mention, not a failure: the
    /// retrieval still works, only possibly downgraded.
    pub(crate) async fn utf8(&mut self) -> Result<(), Failure> {
        if !self.has_cap("UTF8") {
            return Ok(());
        }
        let prev = self.wire.phase();
        self.wire.set_phase(Phase::Capa);
        let st = self.command("UTF8").await?;
        self.wire.set_phase(prev);
        if !st.ok {
            self.wire.ctx().warn(format!(
                "server lists UTF8 in CAPA but refused it ({}); an 8-bit message may arrive downgraded (RFC 6856 §4)",
                st.display()
            ));
        }
        Ok(())
    }

    pub(crate) fn has_cap(&self, name: &str) -> bool {
        self.capa.as_ref().is_some_and(|c| {
            c.iter().any(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(name))
            })
        })
    }

    fn sasl_mechs(&self) -> Vec<String> {
        self.capa
            .as_ref()
            .and_then(|c| {
                c.iter()
                    .find(|l| l.to_ascii_uppercase().starts_with("SASL"))
            })
            .map(|l| {
                l.split_whitespace()
                    .skip(1)
                    .map(|m| m.to_ascii_uppercase())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Log in: USER/PASS, APOP or AUTH. Refuses to send a password in clear when the server
    /// says it would not accept one (CAPA without USER).
    pub(crate) async fn login(&mut self, login: &Login) -> Result<(), Failure> {
        self.wire.set_phase(Phase::Auth);
        match login {
            Login::UserPass(c) => {
                if self.capa.is_some() && !self.has_cap("USER") {
                    return Err(self.wire.fail(
                        Kind::Rejected,
                        "server does not offer USER/PASS here (CAPA has no USER: plaintext login disabled?); use --starttls or --tls, or --auth",
                    ));
                }
                if !self.wire.is_tls() {
                    self.wire
                        .ctx()
                        .warn("sending the password over an unencrypted connection");
                }
                self.expect_ok(&format!("USER {}", c.user), "USER").await?;
                let pass = Outgoing {
                    bytes: format!("PASS {}", c.secret.expose()).into_bytes(),
                    shown: Some("PASS ***".into()),
                    note: None,
                };
                self.wire.send_line(pass).await?;
                let st = self.read_status().await?;
                if !st.ok {
                    return Err(self.rejected("login (USER/PASS)", &st));
                }
            }
            Login::Apop(c) => {
                let stamp = self.apop_stamp.clone().ok_or_else(|| {
                    self.wire.fail(
                        Kind::Rejected,
                        "--apop: the server greeting has no APOP timestamp <...@...>",
                    )
                })?;
                use md5::Digest;
                let digest: String =
                    md5::Md5::digest(format!("{stamp}{}", c.secret.expose()).as_bytes())
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect();
                let line = Outgoing {
                    bytes: format!("APOP {} {digest}", c.user).into_bytes(),
                    shown: Some(format!("APOP {} ***", c.user)),
                    note: None,
                };
                self.wire.send_line(line).await?;
                let st = self.read_status().await?;
                if !st.ok {
                    return Err(self.rejected("APOP login", &st));
                }
            }
            Login::Sasl(mech, c) => {
                let offered = self.sasl_mechs();
                let mech = sasl::choose(&self.wire, *mech, &offered, "SASL ")?;
                self.authenticate(mech, c).await?;
            }
        }
        Ok(())
    }

    /// RFC 5034: `AUTH mech [initial-response]`, `+ challenge` continuations, `*` to cancel.
    async fn authenticate(&mut self, mech: Mechanism, creds: &Credentials) -> Result<(), Failure> {
        let mut x = sasl::exchange(&self.wire, mech, creds)?;
        // RFC 5034 §4: a command is at most 255 octets (RFC 2449 §4); an initial response that
        // would not fit is sent after the server's empty challenge instead.
        let room = 255usize.saturating_sub("AUTH \r\n".len() + mech.name().len() + 1);
        let first = sasl::first_line("AUTH", mech, x.initial_within(Some(room)));
        self.wire.send_line(first).await?;
        let mut cancelled: Option<sasl::Abort> = None;
        for _ in 0..10 {
            let raw = self.wire.read_line_quiet().await?;
            if let Some(ch) =
                raw.strip_prefix(b"+ ")
                    .or(if raw == b"+" { Some(&b""[..]) } else { None })
            {
                let decoded = sasl::decode_challenge(&String::from_utf8_lossy(ch));
                let note = decoded
                    .as_ref()
                    .ok()
                    .filter(|d| !d.is_empty())
                    .map(|d| format!("decoded: {}", escape_bytes(d)));
                self.wire.emit_recv(&raw, note);
                if cancelled.is_some() {
                    return Err(self
                        .wire
                        .fail(
                            Kind::Protocol,
                            "server sent another challenge after the exchange was cancelled",
                        )
                        .out_of_step());
                }
                match decoded
                    .map_err(sasl::Abort::protocol)
                    .and_then(|c| x.respond(&c))
                {
                    Ok(step) => self.wire.send_line(step.into_line()).await?,
                    Err(abort) => {
                        // RFC 5034 §4: "*" cancels; the server answers -ERR.
                        self.wire.send_line(sasl::cancel_line()).await?;
                        cancelled = Some(abort);
                    }
                }
                continue;
            }
            self.wire.emit_recv(&raw, None);
            let st = parse_status(&raw).map_err(|e| self.wire.fail(Kind::Protocol, e))?;
            if let Some(abort) = cancelled {
                return Err(self
                    .wire
                    .fail(abort.kind, abort.message)
                    .with_reply(st.display()));
            }
            if !st.ok {
                return Err(Failure::new(
                    self.wire.phase(),
                    Kind::Rejected,
                    x.refused(format!("AUTH {} refused", mech.name())),
                )
                .with_reply(st.display()));
            }
            // RFC 5034 §4 sends additional data with success as a challenge; an +OK before
            // SCRAM's server-final is no proof.
            x.after_success(None)
                .map_err(|a| self.wire.fail(a.kind, a.message).with_reply(st.display()))?;
            return Ok(());
        }
        Err(self.wire.fail(
            Kind::Protocol,
            "AUTH exchange did not finish after 10 challenges",
        ))
    }

    /// QUIT: enters the UPDATE state (RFC 1939 §6), where DELEs are committed.
    pub(crate) async fn quit(&mut self) -> Result<Status, Failure> {
        self.wire.set_phase(Phase::Quit);
        let st = self.command("QUIT").await;
        self.wire.shutdown().await;
        self.wire.end_phase();
        st
    }
}

impl Pop3<BoxIo> {
    /// STLS (RFC 2595 §4), then CAPA again: what was learned in plaintext is forgotten.
    pub(crate) async fn stls(&mut self, tls: &TlsClient, host: &str) -> Result<(), Failure> {
        self.wire.set_phase(Phase::Starttls);
        self.wire.refuse_if_tls()?;
        if self.capa.is_some() && !self.has_cap("STLS") {
            // Nothing was sent: the session is ended with QUIT (see proto::in_step).
            return Err(Failure::new(
                Phase::Capability,
                Kind::Capability,
                "server does not offer STLS; refusing to continue in plaintext",
            ));
        }
        tls.server_name(host)?;
        let st = self.command("STLS").await?;
        if !st.ok {
            return Err(self.rejected("STLS", &st));
        }
        self.wire.start_tls(tls, host, Phase::Capa).await?;
        self.capa = None;
        self.capa().await?;
        Ok(())
    }
}
