//! Tagged command/response layer: one command at a time, untagged data handed to the caller,
//! the tagged reply decides success. Generic over the stream.

use super::frame::{self, LiteralSink};
use super::parse::{self, Cond, Resp, StatusResp, Tok};
use crate::error::{Failure, Kind, Phase};
use crate::proto::sasl::{self, Credentials, Mechanism};
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Deadline, Outgoing, Wire};
use tokio::io::{AsyncRead, AsyncWrite};

/// IMAP lines can be long (a FETCH of many flags, a big SEARCH result); allow 8 MiB.
pub(crate) const MAX_LINE: usize = 8 * 1024 * 1024;

/// Untagged responses kept per command before we call the server hostile (a FETCH of 1:* on a
/// huge mailbox streams through the callback instead).
pub(crate) const MAX_UNTAGGED: usize = 1_000_000;

/// Untagged responses kept in memory for one command ([`Imap::simple`]: LIST, EXAMINE, SEARCH…).
/// A parsed response costs a few hundred bytes, so a server streaming `* LIST` forever would
/// otherwise cost ~300 MB before [`MAX_UNTAGGED`] stops it; 100,000 mailboxes is far beyond any
/// real account.
pub(crate) const MAX_KEPT: usize = 100_000;

/// Items (atoms, numbers, strings, lists) kept in memory for one command, across its untagged
/// responses. Counting responses is not enough: one `* SEARCH` line of 8 MiB holds four million
/// numbers, each a parsed item and later a table row and a JSON value, and 60 such lines took
/// 23 GB. A SEARCH matching every message of a million-message mailbox is one million items.
pub(crate) const MAX_KEPT_ITEMS: usize = 2_000_000;

/// Bytes of names and strings kept for one command: 100,000 LIST responses are allowed, but not
/// each with an 8 MiB mailbox name.
pub(crate) const MAX_KEPT_BYTES: usize = 64 * 1024 * 1024;

/// The items of a parsed response, nested lists included, and the bytes of its atoms and
/// strings (see [`MAX_KEPT_ITEMS`], [`MAX_KEPT_BYTES`]).
fn items(toks: &[Tok]) -> (usize, usize) {
    toks.iter()
        .map(|t| match t {
            Tok::List(l) => {
                let (n, b) = items(l);
                (n + 1, b)
            }
            Tok::Atom(a) => (1, a.len()),
            Tok::Str(s) => (1, s.len()),
            _ => (1, 0),
        })
        .fold((0, 0), |(n, b), (n2, b2)| (n + n2, b + b2))
}

pub(crate) struct Imap<S> {
    pub wire: Wire<S>,
    tag: u32,
    pub caps: Vec<String>,
}

/// Chooses a sink for a literal (given the response so far and its size), or keeps it inline.
pub(crate) type Chooser<'a> =
    dyn FnMut(&[u8], u64) -> Option<Box<dyn LiteralSink + Send>> + Send + 'a;

/// A string argument: atom-safe names as quoted strings, anything else as a literal.
pub(crate) fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Whether a string can go as a quoted string (RFC 9051 §4.3: no CR, LF, NUL; ASCII without
/// UTF8=ACCEPT).
pub(crate) fn quotable(s: &str) -> bool {
    s.bytes()
        .all(|b| b != b'\r' && b != b'\n' && b != 0 && b < 0x80)
}

impl<S: AsyncRead + AsyncWrite + Unpin> Imap<S> {
    pub(crate) fn new(mut wire: Wire<S>) -> Self {
        wire.set_max_line(MAX_LINE);
        Imap {
            wire,
            tag: 0,
            caps: Vec::new(),
        }
    }

    pub(crate) fn has_cap(&self, c: &str) -> bool {
        self.caps.iter().any(|x| x.eq_ignore_ascii_case(c))
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("A{:04}", self.tag)
    }

    /// Read and parse one response within `--timeout`; literals over `stream_over` may be
    /// streamed via `choose`.
    pub(crate) async fn read(
        &mut self,
        stream_over: u64,
        choose: &mut Chooser<'_>,
    ) -> Result<Resp, Failure> {
        let mut deadline = self.wire.deadline();
        self.read_by(stream_over, &mut deadline, choose).await
    }

    /// [`Imap::read`] as part of a command's responses that share one deadline.
    async fn read_by(
        &mut self,
        stream_over: u64,
        deadline: &mut Deadline,
        choose: &mut Chooser<'_>,
    ) -> Result<Resp, Failure> {
        let framed = frame::read_response(&mut self.wire, stream_over, deadline, |pre, n| {
            choose(pre, n)
        })
        .await?;
        parse::parse(&framed).map_err(|e| {
            self.wire
                .fail(Kind::Protocol, format!("malformed response: {e}"))
        })
    }

    async fn read_simple(&mut self) -> Result<Resp, Failure> {
        self.read(u64::MAX, &mut |_, _| None).await
    }

    /// Learn capabilities from a `[CAPABILITY …]` code or a `* CAPABILITY` response.
    fn learn_caps(&mut self, r: &Resp) {
        match r {
            Resp::Status(s) | Resp::Tagged { status: s, .. } => {
                if let Some(code) = &s.code
                    && let Some(rest) = code.strip_prefix("CAPABILITY ")
                {
                    self.caps = rest.split_whitespace().map(String::from).collect();
                }
            }
            Resp::Data { kind, data } if kind == "CAPABILITY" => {
                self.caps = data.iter().filter_map(Tok::text).collect();
            }
            _ => {}
        }
    }

    /// The greeting: `* OK`, `* PREAUTH` (already logged in) or `* BYE` (refused).
    pub(crate) async fn greeting(&mut self) -> Result<Cond, Failure> {
        self.wire.set_phase(Phase::Banner);
        let r = self.read_simple().await?;
        self.learn_caps(&r);
        match r {
            Resp::Status(s) if matches!(s.cond, Cond::Ok | Cond::Preauth) => Ok(s.cond),
            Resp::Status(s) => Err(Failure::new(
                Phase::Banner,
                Kind::Rejected,
                "server refused the connection",
            )
            .with_reply(s.display())),
            other => Err(self
                .wire
                .fail(Kind::Protocol, format!("unexpected greeting: {other:?}"))),
        }
    }

    /// Send one command and collect untagged responses until its tagged reply. `on_untagged`
    /// sees each untagged response as it arrives (return an error to stop).
    pub(crate) async fn run<F>(
        &mut self,
        cmd: Outgoing,
        stream_over: u64,
        choose: &mut Chooser<'_>,
        mut on_untagged: F,
    ) -> Result<StatusResp, Failure>
    where
        F: FnMut(Resp) -> Result<(), Failure>,
    {
        let tag = self.next_tag();
        let mut line = format!("{tag} ").into_bytes();
        line.extend_from_slice(&cmd.bytes);
        let shown = cmd.shown.map(|s| format!("{tag} {s}"));
        self.wire
            .send_line(Outgoing {
                bytes: line,
                shown,
                note: cmd.note,
            })
            .await?;
        self.finish(&tag, stream_over, choose, &mut on_untagged)
            .await
    }

    async fn finish<F>(
        &mut self,
        tag: &str,
        stream_over: u64,
        choose: &mut Chooser<'_>,
        on_untagged: &mut F,
    ) -> Result<StatusResp, Failure>
    where
        F: FnMut(Resp) -> Result<(), Failure>,
    {
        let mut count = 0usize;
        // All of a command's responses share one deadline, extended only while data keeps
        // arriving (a FETCH 1:* of a big mailbox), so untagged responses dripped one by one just
        // inside --timeout cannot hold the session.
        let mut deadline = self.wire.bulk_deadline();
        loop {
            let r = self.read_by(stream_over, &mut deadline, choose).await?;
            self.learn_caps(&r);
            match r {
                Resp::Tagged { tag: t, status } if t == tag => return Ok(status),
                Resp::Tagged { tag: t, status } => {
                    self.wire.ctx().warn(format!(
                        "reply for a tag we did not send ({t}: {})",
                        status.display()
                    ));
                }
                Resp::Status(s) if s.cond == Cond::Bye => {
                    return Err(self
                        .wire
                        .fail(Kind::Closed, "server said BYE")
                        .with_reply(s.display()));
                }
                Resp::Continue(_) => {
                    return Err(self.wire.fail(
                        Kind::Protocol,
                        "server asked for a continuation we never offered",
                    ));
                }
                other => {
                    count += 1;
                    if count > MAX_UNTAGGED {
                        return Err(self.wire.fail(
                            Kind::Protocol,
                            format!("more than {MAX_UNTAGGED} untagged responses to one command"),
                        ));
                    }
                    // The caller stopping in the middle (a file it cannot write): the rest of
                    // the command's responses are still coming, so no LOGOUT can follow.
                    on_untagged(other).map_err(Failure::out_of_step)?;
                }
            }
        }
    }

    /// A command whose untagged data we collect (CAPABILITY, LIST, SEARCH, STATUS, …), at most
    /// [`MAX_KEPT`] responses.
    pub(crate) async fn simple(&mut self, cmd: &str) -> Result<(StatusResp, Vec<Resp>), Failure> {
        let mut got = Vec::new();
        let (mut kept_items, mut kept_bytes) = (0usize, 0usize);
        let phase = self.wire.phase();
        let st = self
            .run(Outgoing::plain(cmd), u64::MAX, &mut |_, _| None, |r| {
                if got.len() >= MAX_KEPT {
                    return Err(Failure::new(
                        phase,
                        Kind::Protocol,
                        format!("more than {MAX_KEPT} untagged responses to keep for one command"),
                    ));
                }
                let (n, b) = match &r {
                    Resp::Numbered { data, .. } | Resp::Data { data, .. } => items(data),
                    _ => (1, 0),
                };
                kept_items += n;
                kept_bytes += b;
                if kept_bytes > MAX_KEPT_BYTES {
                    return Err(Failure::new(
                        phase,
                        Kind::Protocol,
                        format!(
                            "the responses to one command hold more than {MAX_KEPT_BYTES} bytes of names and strings"
                        ),
                    ));
                }
                if kept_items > MAX_KEPT_ITEMS {
                    return Err(Failure::new(
                        phase,
                        Kind::Protocol,
                        format!(
                            "more than {MAX_KEPT_ITEMS} items (numbers, names, strings) in the responses to one command"
                        ),
                    ));
                }
                got.push(r);
                Ok(())
            })
            .await?;
        Ok((st, got))
    }

    /// A failure for a NO/BAD tagged reply in the current phase.
    pub(crate) fn rejected(&self, what: &str, st: &StatusResp) -> Failure {
        Failure::new(self.wire.phase(), Kind::Rejected, format!("{what} refused"))
            .with_reply(st.display())
    }

    pub(crate) async fn capability(&mut self) -> Result<(), Failure> {
        let (st, _) = self.simple("CAPABILITY").await?;
        if st.cond != Cond::Ok {
            return Err(self.rejected("CAPABILITY", &st));
        }
        Ok(())
    }

    /// Log in with LOGIN (refused when the server says LOGINDISABLED, RFC 9051 §6.2.3) or
    /// AUTHENTICATE (with SASL-IR when offered, RFC 4959).
    pub(crate) async fn login(
        &mut self,
        creds: &Credentials,
        sasl: Option<Option<Mechanism>>,
    ) -> Result<(), Failure> {
        self.wire.set_phase(Phase::Auth);
        if self.caps.is_empty() {
            self.capability().await?;
            self.wire.set_phase(Phase::Auth);
        }
        let st = match sasl {
            None => {
                if self.has_cap("LOGINDISABLED") {
                    return Err(self.wire.fail(
                        Kind::Rejected,
                        "server advertises LOGINDISABLED: it will not accept a password on this connection (use --starttls or --tls); nothing was sent",
                    ));
                }
                if !self.wire.is_tls() {
                    self.wire
                        .ctx()
                        .warn("sending the password over an unencrypted connection");
                }
                if !quotable(&creds.user) || !quotable(creds.secret.expose()) {
                    return Err(Failure::usage(
                        "user name or password contains characters LOGIN cannot carry as a quoted string; use --auth plain",
                    ));
                }
                let cmd = Outgoing {
                    bytes: format!(
                        "LOGIN {} {}",
                        quote(&creds.user),
                        quote(creds.secret.expose())
                    )
                    .into_bytes(),
                    shown: Some(format!("LOGIN {} ***", quote(&creds.user))),
                    note: None,
                };
                self.run(cmd, u64::MAX, &mut |_, _| None, |_| Ok(()))
                    .await?
            }
            Some(mech) => self.authenticate(mech, creds).await?,
        };
        if st.cond != Cond::Ok {
            return Err(self.rejected("login", &st));
        }
        // RFC 9051 §6.2.3: capabilities may change after login; most servers send them in the OK.
        if !st
            .code
            .as_deref()
            .is_some_and(|c| c.starts_with("CAPABILITY"))
        {
            self.capability().await?;
        }
        Ok(())
    }

    async fn authenticate(
        &mut self,
        mech: Option<Mechanism>,
        creds: &Credentials,
    ) -> Result<StatusResp, Failure> {
        let offered: Vec<String> = self
            .caps
            .iter()
            .filter_map(|c| c.strip_prefix("AUTH=").or_else(|| c.strip_prefix("auth=")))
            .map(|m| m.to_ascii_uppercase())
            .collect();
        let mech = sasl::choose(&self.wire, mech, &offered, "AUTH=")?;
        if !self.wire.is_tls() {
            self.wire
                .ctx()
                .warn("sending credentials over an unencrypted connection");
        }
        let tag = self.next_tag();
        let mut x = sasl::exchange(&self.wire, mech, creds)?;
        // RFC 4959 §3: with SASL-IR the initial response goes with the command (no line limit
        // but the server's); without it, it answers the server's first, empty, continuation.
        let room = self.has_cap("SASL-IR").then_some(usize::MAX);
        let first = sasl::first_line(&format!("{tag} AUTHENTICATE"), mech, x.initial_within(room));
        self.wire.send_line(first).await?;
        let mut cancelled: Option<sasl::Abort> = None;
        for _ in 0..10 {
            let r = self.read_simple().await?;
            self.learn_caps(&r);
            match r {
                Resp::Continue(_) if cancelled.is_some() => {
                    return Err(self
                        .wire
                        .fail(
                            Kind::Protocol,
                            "server sent another continuation after the exchange was cancelled",
                        )
                        .out_of_step());
                }
                Resp::Continue(text) => {
                    let answer = sasl::decode_challenge(&text)
                        .map_err(sasl::Abort::protocol)
                        .and_then(|ch| x.respond(&ch));
                    match answer {
                        Ok(step) => self.wire.send_line(step.into_line()).await?,
                        Err(abort) => {
                            // RFC 9051 §6.2.2: "*" cancels; the server answers BAD.
                            self.wire.send_line(sasl::cancel_line()).await?;
                            cancelled = Some(abort);
                        }
                    }
                }
                Resp::Tagged { tag: t, status } if t == tag => {
                    if let Some(abort) = cancelled {
                        return Err(self
                            .wire
                            .fail(abort.kind, abort.message)
                            .with_reply(status.display()));
                    }
                    if status.cond != Cond::Ok {
                        return Err(self
                            .wire
                            .fail(
                                Kind::Rejected,
                                x.refused(format!("AUTHENTICATE {} refused", mech.name())),
                            )
                            .with_reply(status.display()));
                    }
                    // IMAP has no data with success (RFC 9051 §6.2.2 sends SCRAM's
                    // server-final as a continuation): an OK before it is no proof.
                    x.after_success(None).map_err(|a| {
                        self.wire
                            .fail(a.kind, a.message)
                            .with_reply(status.display())
                    })?;
                    return Ok(status);
                }
                Resp::Status(s) if s.cond == Cond::Bye => {
                    return Err(self
                        .wire
                        .fail(Kind::Closed, "server said BYE")
                        .with_reply(s.display()));
                }
                _ => {}
            }
        }
        Err(self.wire.fail(
            Kind::Protocol,
            "AUTHENTICATE did not finish after 10 exchanges",
        ))
    }

    /// Send IDLE (RFC 2177) and wait for the `+`; returns the tag and any untagged data that came
    /// first.
    pub(crate) async fn start_idle(
        &mut self,
        cmd: Outgoing,
    ) -> Result<(String, Vec<Resp>), Failure> {
        let tag = self.next_tag();
        let mut line = format!("{tag} ").into_bytes();
        line.extend_from_slice(&cmd.bytes);
        self.wire
            .send_line(Outgoing {
                bytes: line,
                shown: None,
                note: None,
            })
            .await?;
        let mut early = Vec::new();
        // One --timeout for everything up to the `+`, not extended by progress: IDLE runs
        // without --max-time, so a server streaming untagged data instead of the continuation
        // would otherwise hold (and fill) the client for a million responses.
        let mut deadline = self.wire.deadline();
        loop {
            match self
                .read_by(u64::MAX, &mut deadline, &mut |_, _| None)
                .await?
            {
                Resp::Continue(_) => return Ok((tag, early)),
                Resp::Tagged { tag: t, status } if t == tag => {
                    return Err(self.rejected("IDLE", &status));
                }
                _ if early.len() >= MAX_KEPT => {
                    return Err(self.wire.fail(
                        Kind::Protocol,
                        format!(
                            "more than {MAX_KEPT} untagged responses before the IDLE continuation"
                        ),
                    ));
                }
                other => early.push(other),
            }
        }
    }

    /// End IDLE with DONE and read the tagged reply, returning the untagged data that came
    /// before it. Those are still IDLE's results (RFC 2177 §3): a server that does not watch
    /// the mailbox while idling (Courier-IMAP without FAM/inotify) reports new mail only here.
    pub(crate) async fn done_idle(
        &mut self,
        tag: &str,
    ) -> Result<(StatusResp, Vec<Resp>), Failure> {
        self.wire.send("DONE").await?;
        // RFC 2177: DONE ends IDLE with the tagged reply; untagged data may still come first,
        // but within one --timeout in all (not extended by progress): the wait has no
        // --max-time, and a server that keeps streaming after DONE must not hold it forever.
        let mut late = Vec::new();
        let mut deadline = self.wire.deadline();
        loop {
            match self
                .read_by(u64::MAX, &mut deadline, &mut |_, _| None)
                .await?
            {
                Resp::Tagged { tag: t, status } if t == tag => return Ok((status, late)),
                Resp::Status(s) if s.cond == Cond::Bye => {
                    return Err(self
                        .wire
                        .fail(Kind::Closed, "server said BYE")
                        .with_reply(s.display()));
                }
                // Past the cap the rest is read and dropped: the deadline above ends a server
                // that streams forever, and what was kept still counts as IDLE's events.
                other => {
                    if late.len() < MAX_KEPT {
                        late.push(other);
                    }
                }
            }
        }
    }

    /// LOGOUT (RFC 3501 / RFC 9051 §6.1.3): the server sends `* BYE`, then the tagged OK, then
    /// closes. Both are read (within `--timeout`) and shown; the outcome is already decided, so
    /// nothing here fails the run. A server that closes right after BYE is only noted.
    pub(crate) async fn logout(&mut self) {
        self.wire.set_phase(Phase::Quit);
        self.logout_reply().await;
        self.wire.shutdown().await;
        self.wire.end_phase();
    }

    async fn logout_reply(&mut self) {
        let tag = self.next_tag();
        if self.wire.send(&format!("{tag} LOGOUT")).await.is_err() {
            return;
        }
        let mut bye = false;
        // One deadline for everything up to the tagged reply: a server dripping untagged data
        // cannot hold the end of the session.
        let mut deadline = self.wire.deadline();
        loop {
            match self
                .read_by(u64::MAX, &mut deadline, &mut |_, _| None)
                .await
            {
                Ok(Resp::Tagged { tag: t, status }) if t == tag => {
                    if status.cond != Cond::Ok {
                        self.wire
                            .ctx()
                            .warn(format!("LOGOUT answered {}", status.display()));
                    }
                    return;
                }
                Ok(Resp::Status(s)) if s.cond == Cond::Bye => bye = true,
                // Untagged data still due to the client (EXPUNGE, EXISTS…) before the BYE.
                Ok(_) => {}
                Err(f) if bye && f.kind == Kind::Closed => {
                    self.wire.ctx().info(
                        "server closed the connection after BYE without the tagged OK to LOGOUT (RFC 9051 §6.1.3)",
                    );
                    return;
                }
                Err(f) => {
                    self.wire
                        .ctx()
                        .warn(format!("no tagged reply to LOGOUT: {}", f.message));
                    return;
                }
            }
        }
    }
}

impl Imap<BoxIo> {
    /// STARTTLS (RFC 9051 §6.2.1), then CAPABILITY again.
    pub(crate) async fn starttls(&mut self, tls: &TlsClient, host: &str) -> Result<(), Failure> {
        self.wire.set_phase(Phase::Starttls);
        self.wire.refuse_if_tls()?;
        if self.caps.is_empty() {
            self.capability().await?;
            self.wire.set_phase(Phase::Starttls);
        }
        if !self.has_cap("STARTTLS") {
            // Nothing was sent: the session is ended with LOGOUT (see proto::in_step).
            return Err(Failure::new(
                Phase::Capability,
                Kind::Capability,
                "server does not offer STARTTLS; refusing to continue in plaintext",
            ));
        }
        tls.server_name(host)?;
        let (st, _) = self.simple("STARTTLS").await?;
        if st.cond != Cond::Ok {
            return Err(self.rejected("STARTTLS", &st));
        }
        self.wire.start_tls(tls, host, Phase::Capa).await?;
        self.caps.clear();
        self.capability().await
    }
}
