//! Timed, bounded line I/O over any byte stream: the one place bytes cross the wire.
//!
//! Every protocol (SMTP, POP3, IMAP) reads and writes through a [`Wire`], so every line becomes a
//! transcript event with its time, every read has a deadline (`--timeout`), and no peer can make
//! us buffer more than `max_line` bytes waiting for a newline.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::transport::tls::TlsClient;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

/// Any stream a protocol can run over: TCP, TLS over TCP, or an in-memory duplex in tests.
pub(crate) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A boxed stream, so a session can swap plain TCP for TLS after STARTTLS without changing type.
pub(crate) type BoxIo = Box<dyn Io>;

/// Default cap on one protocol line. RFC 5321 §4.5.3.1.5 allows 512 octets for a reply line;
/// we accept far more than that (real servers exceed it) but never unbounded.
pub(crate) const DEFAULT_MAX_LINE: usize = 64 * 1024;

const READ_CHUNK: usize = 16 * 1024;

/// A bulk transfer (message body, literal, long listing) earns another `--timeout` each time this
/// many more bytes have arrived. At any useful speed a 1 GB RETR completes; a peer dripping bytes
/// (slowloris: one byte a second) never reaches it and is cut off at `--timeout`.
pub(crate) const PROGRESS_BYTES: usize = 16 * 1024;

/// When a read must be finished by: one deadline for a whole reply, not one per byte or per line,
/// so a server cannot keep us waiting by dripping a reply (a continuation line every
/// `--timeout - 1ms` would otherwise hold an SMTP session for 1000 × `--timeout`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Instant,
    /// Bulk: moves `--timeout` forward after every [`PROGRESS_BYTES`] received.
    bulk: bool,
    credit: usize,
}

/// The total-time bound of one session (`--max-time`): a peer that keeps every reply within
/// `--timeout` (one byte every few seconds, one continuation line at a time) still cannot hold a
/// session forever. Every deadline of the session is capped by it; when it is what ran out, the
/// failure is [`Kind::MaxTime`] in the phase that was running.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Limit {
    until: Option<Instant>,
    max: Duration,
}

impl Limit {
    /// No bound (`--max-time 0`, or IMAP IDLE once it waits: `--for` bounds that).
    pub(crate) fn none() -> Self {
        Limit::default()
    }

    /// A bound of `max` from now (None: unbounded).
    pub(crate) fn starting_now(max: Option<Duration>) -> Self {
        Limit {
            until: max.map(|m| Instant::now() + m),
            max: max.unwrap_or_default(),
        }
    }

    /// `at`, or the end of the session if that comes first.
    pub(crate) fn cap(&self, at: Instant) -> Instant {
        self.until.map_or(at, |u| at.min(u))
    }

    pub(crate) fn expired(&self) -> bool {
        self.until.is_some_and(|u| Instant::now() >= u)
    }

    pub(crate) fn failure(&self, phase: Phase) -> Failure {
        Failure::new(
            phase,
            Kind::MaxTime,
            format!(
                "the session took longer than --max-time {:?}: stopped during {phase}",
                self.max
            ),
        )
    }

    /// Run one step outside a [`Wire`] (resolve, connect, a TLS handshake) within the bound.
    pub(crate) async fn run<T>(
        &self,
        phase: Phase,
        step: impl std::future::Future<Output = Result<T, Failure>>,
    ) -> Result<T, Failure> {
        match self.until {
            None => step.await,
            Some(u) => match tokio::time::timeout_at(u, step).await {
                Ok(r) => r,
                Err(_) => Err(self.failure(phase)),
            },
        }
    }
}

/// A line we are about to send, with what the transcript may show of it.
pub(crate) struct Outgoing {
    pub bytes: Vec<u8>,
    /// Replacement text for the transcript when the line carries a secret.
    pub shown: Option<String>,
    /// Extra explanation shown beside the line (e.g. a decoded SASL step).
    pub note: Option<String>,
}

impl Outgoing {
    pub(crate) fn plain(line: impl Into<Vec<u8>>) -> Self {
        Outgoing {
            bytes: line.into(),
            shown: None,
            note: None,
        }
    }
}

pub(crate) struct Wire<S> {
    io: S,
    buf: Vec<u8>,
    pos: usize,
    ctx: Arc<Ctx>,
    timeout: Duration,
    tls: bool,
    phase: Phase,
    phase_started: f64,
    max_line: usize,
    /// What set `max_line`, for the message when a line is refused ("" for the protocol's own).
    max_line_why: &'static str,
    warned_bare_lf: bool,
    /// A second handle on the TCP socket, for socket options (TCP_NODELAY) once the stream is
    /// wrapped in TLS.
    sock: Option<std::net::TcpStream>,
    /// Restore TCP_NODELAY after the first line read (see [`Wire::start_tls`]).
    nagle_until_reply: bool,
    /// `--max-time`: caps every deadline below.
    limit: Limit,
    /// Bytes received so far (the banner-timeout hint tells a silent server from a slow one).
    received: u64,
    /// Bytes taken out of the buffer so far (see [`Wire::consumed`]).
    consumed: u64,
    /// [`Wire::shutdown`] was called: the session has ended (QUIT/LOGOUT sent, or closed).
    shut: bool,
    /// What the last TLS handshake on this connection negotiated (implicit TLS or STARTTLS),
    /// for callers that judge it (the audit).
    negotiated: Option<crate::transport::tls::Negotiated>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Wire<S> {
    pub(crate) fn new(io: S, ctx: Arc<Ctx>, timeout: Duration, tls: bool) -> Self {
        let now = ctx.now_ms();
        Wire {
            io,
            buf: Vec::with_capacity(READ_CHUNK),
            pos: 0,
            ctx,
            timeout,
            tls,
            phase: Phase::Banner,
            phase_started: now,
            max_line: DEFAULT_MAX_LINE,
            max_line_why: "",
            warned_bare_lf: false,
            sock: None,
            nagle_until_reply: false,
            limit: Limit::none(),
            received: 0,
            consumed: 0,
            shut: false,
            negotiated: None,
        }
    }

    /// The handshake that happened before this wire took the stream (implicit TLS).
    pub(crate) fn with_negotiated(mut self, n: Option<crate::transport::tls::Negotiated>) -> Self {
        self.negotiated = n;
        self
    }

    /// What the last TLS handshake on this connection negotiated, if there was one.
    pub(crate) fn negotiated(&self) -> Option<&crate::transport::tls::Negotiated> {
        self.negotiated.as_ref()
    }

    /// Bound the whole session (`--max-time`), counted from when the limit was made.
    pub(crate) fn with_limit(mut self, limit: Limit) -> Self {
        self.limit = limit;
        self
    }

    /// Replace the session bound (IMAP IDLE lifts it while it waits: `--for` bounds that).
    pub(crate) fn set_limit(&mut self, limit: Limit) {
        self.limit = limit;
    }

    /// Give the wire a handle on the TCP socket; `nagle_until_reply` when a TLS handshake just
    /// happened on it (see [`Wire::start_tls`]).
    pub(crate) fn with_socket(
        mut self,
        sock: Option<std::net::TcpStream>,
        nagle_until_reply: bool,
    ) -> Self {
        self.sock = sock;
        self.nagle_until_reply = nagle_until_reply;
        self
    }

    fn set_nodelay(&self, on: bool) {
        if let Some(s) = &self.sock {
            let _ = s.set_nodelay(on);
        }
    }

    pub(crate) fn ctx(&self) -> &Arc<Ctx> {
        &self.ctx
    }

    pub(crate) fn is_tls(&self) -> bool {
        self.tls
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Change the per-reply deadline (IMAP IDLE waits far longer than a command reply).
    pub(crate) fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    pub(crate) fn set_max_line(&mut self, max: usize) {
        self.max_line = max;
        self.max_line_why = "";
    }

    /// [`Wire::set_max_line`] for a bound the user chose: `why` (` (--max-reply)`) is named
    /// when a line is refused for it.
    pub(crate) fn set_max_line_for(&mut self, max: usize, why: &'static str) {
        self.max_line = max;
        self.max_line_why = why;
    }

    pub(crate) fn phase(&self) -> Phase {
        self.phase
    }

    /// Enter a new phase: the time since the previous switch is charged to the previous phase.
    pub(crate) fn set_phase(&mut self, phase: Phase) {
        let now = self.ctx.now_ms();
        self.ctx.record(self.phase, now - self.phase_started);
        self.phase = phase;
        self.phase_started = now;
    }

    /// Forget the time since the last phase switch without charging it to any phase: a shell
    /// user thinking between commands is no phase's time (call [`Wire::end_phase`] first).
    pub(crate) fn skip_time(&mut self) {
        self.phase_started = self.ctx.now_ms();
    }

    /// Close the timing of the current phase (call before giving the stream away or finishing).
    pub(crate) fn end_phase(&mut self) {
        let now = self.ctx.now_ms();
        self.ctx.record(self.phase, now - self.phase_started);
        self.phase_started = now;
    }

    pub(crate) fn fail(&self, kind: Kind, msg: impl Into<String>) -> Failure {
        Failure::new(self.phase, kind, msg)
    }

    /// A deadline for one whole reply: `--timeout` from now (or the end of `--max-time`).
    pub(crate) fn deadline(&self) -> Deadline {
        Deadline {
            at: self.limit.cap(Instant::now() + self.timeout),
            bulk: false,
            credit: 0,
        }
    }

    /// A deadline for a bulk transfer: `--timeout` from now, extended by `--timeout` after each
    /// [`PROGRESS_BYTES`] received.
    pub(crate) fn bulk_deadline(&self) -> Deadline {
        Deadline {
            bulk: true,
            ..self.deadline()
        }
    }

    /// Read more bytes into the buffer before the deadline. Returns false on EOF.
    async fn fill(&mut self, d: &mut Deadline) -> Result<bool, Failure> {
        if self.pos > 0 && self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos > READ_CHUNK && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        // read_buf appends only what was read, so a read cancelled by a select (IMAP IDLE)
        // leaves the buffer intact.
        self.buf.reserve(READ_CHUNK);
        let res = tokio::time::timeout_at(d.at, self.io.read_buf(&mut self.buf)).await;
        match res {
            Err(_) if self.limit.expired() => Err(self.limit.failure(self.phase)),
            Err(_) if d.bulk => Err(self.fail(
                Kind::Timeout,
                format!(
                    "the server sent less than {PROGRESS_BYTES} bytes in {:?}",
                    self.timeout
                ),
            )),
            Err(_) => Err(self.fail(
                Kind::Timeout,
                format!(
                    "no complete reply from the server within {:?}{}",
                    self.timeout,
                    self.silence_hint()
                ),
            )),
            Ok(Err(e)) => Err(self.io_failure(e, "reading from the server")),
            Ok(Ok(n)) => {
                self.received += n as u64;
                if d.bulk {
                    d.credit += n;
                    if d.credit >= PROGRESS_BYTES {
                        d.credit = 0;
                        d.at = self.limit.cap(Instant::now() + self.timeout);
                    }
                }
                Ok(n > 0)
            }
        }
    }

    /// A server that sends no byte at all before the banner deadline, over plain TCP, is most
    /// often an implicit-TLS port (465, 993, 995) waiting for our ClientHello.
    fn silence_hint(&self) -> String {
        if self.tls || self.phase != Phase::Banner || self.received > 0 {
            return String::new();
        }
        let port = self
            .sock
            .as_ref()
            .and_then(|s| s.peer_addr().ok())
            .map(|a| a.port());
        match port {
            Some(p @ (465 | 993 | 995)) => format!(
                " (hint: the server sent nothing; port {p} usually speaks TLS at once: try --tls)"
            ),
            _ => " (hint: the server sent nothing; if this port speaks TLS at once, like \
                  465, 993 and 995 do, try --tls)"
                .to_string(),
        }
    }

    pub(crate) fn io_failure(&self, e: std::io::Error, doing: &str) -> Failure {
        use std::io::ErrorKind::*;
        let kind = match e.kind() {
            ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => Kind::Closed,
            TimedOut => Kind::Timeout,
            InvalidData if self.tls => Kind::Tls,
            _ => Kind::Closed,
        };
        self.fail(kind, format!("{doing}: {e}"))
    }

    /// Read one line (without its line ending) within `--timeout` and emit it as a `Recv` event.
    pub(crate) async fn read_line(&mut self) -> Result<Vec<u8>, Failure> {
        let mut d = self.deadline();
        self.read_line_by(&mut d).await
    }

    /// [`Wire::read_line`] as part of a longer reply that must be complete by `d`.
    pub(crate) async fn read_line_by(&mut self, d: &mut Deadline) -> Result<Vec<u8>, Failure> {
        let line = self.read_line_quiet_by(d).await?;
        self.emit_recv(&line, None);
        Ok(line)
    }

    /// Read one line within `--timeout` without emitting an event.
    pub(crate) async fn read_line_quiet(&mut self) -> Result<Vec<u8>, Failure> {
        let mut d = self.deadline();
        self.read_line_quiet_by(&mut d).await
    }

    /// Read one line by `d` without emitting an event (for bodies that are summarised instead).
    /// Lines end with CRLF; a bare LF is accepted but warned about once (RFC 5321 §2.3.8).
    pub(crate) async fn read_line_quiet_by(
        &mut self,
        d: &mut Deadline,
    ) -> Result<Vec<u8>, Failure> {
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.pos..];
            if let Some(i) = avail[scanned..].iter().position(|&b| b == b'\n') {
                let end = scanned + i;
                let mut line = avail[..end].to_vec();
                self.pos += end + 1;
                self.consumed += end as u64 + 1;
                if self.nagle_until_reply {
                    self.nagle_until_reply = false;
                    self.set_nodelay(true);
                }
                if line.last() == Some(&b'\r') {
                    line.pop();
                } else if !self.warned_bare_lf {
                    self.warned_bare_lf = true;
                    self.ctx
                        .warn("server ended a line with a bare LF instead of CRLF");
                }
                return Ok(line);
            }
            scanned = avail.len();
            if scanned > self.max_line {
                // The bytes stay in the buffer (there is no line to hand back, and dropping
                // them would read the line's tail as the next reply): nothing more can be read
                // in step on this stream, so no caller may carry on with it (an interactive
                // shell that did would fail on the same bytes forever).
                return Err(self
                    .fail(
                        Kind::Protocol,
                        format!(
                            "server line longer than {} bytes without a line ending{}: the \
                             dialogue cannot go on",
                            self.max_line, self.max_line_why
                        ),
                    )
                    .out_of_step());
            }
            if !self.fill(d).await? {
                let partial = self.buf.len() - self.pos;
                let msg = if partial > 0 {
                    let preview =
                        escape_bytes(&self.buf[self.pos..self.buf.len().min(self.pos + 200)]);
                    format!(
                        "server closed the connection in the middle of a line ({partial} bytes: {preview})"
                    )
                } else {
                    "server closed the connection".to_string()
                };
                return Err(self.fail(Kind::Closed, msg));
            }
        }
    }

    /// Bytes already buffered, reading more (by `d`) when none are: for bodies and literals
    /// processed in place. Empty means the peer closed the connection. Call [`Wire::consume`]
    /// with what was used.
    pub(crate) async fn buffered_by(&mut self, d: &mut Deadline) -> Result<&[u8], Failure> {
        if self.pos == self.buf.len() {
            self.fill(d).await?;
        }
        Ok(&self.buf[self.pos..])
    }

    /// Mark `n` buffered bytes as used.
    pub(crate) fn consume(&mut self, n: usize) {
        let to = (self.pos + n).min(self.buf.len());
        self.consumed += (to - self.pos) as u64;
        self.pos = to;
    }

    /// Bytes taken out of the buffer so far (lines read, bytes consumed): a caller that must
    /// not retry a read that made no progress compares it before and after.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Wait, cancel-safely, until a whole line is buffered (or more than the longest line, so
    /// that the next read fails at once), by `d`. A partial line alone is not enough: a reader
    /// woken by it would wait for the rest inside its own read, time out, and be woken again.
    /// Ok(false): the peer closed the connection and nothing is left to read; a partial line
    /// left at the close counts as readable (the read reports it).
    pub(crate) async fn line_ready_by(&mut self, d: &mut Deadline) -> Result<bool, Failure> {
        // Counted from `pos`, which `fill` may move only by discarding bytes before it.
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.pos..];
            if avail[scanned..].contains(&b'\n') || avail.len() > self.max_line {
                return Ok(true);
            }
            scanned = avail.len();
            if !self.fill(d).await? {
                return Ok(self.pos < self.buf.len());
            }
        }
    }

    pub(crate) fn emit_recv(&self, line: &[u8], note: Option<String>) {
        if !self.ctx.emits() {
            return;
        }
        self.ctx.emit(EventKind::Recv {
            line: escape_bytes(line),
            tls: self.tls,
            note,
        });
    }

    fn emit_sent(&self, line: &Outgoing) {
        if !self.ctx.emits() {
            return;
        }
        let (text, redacted) = match &line.shown {
            Some(s) if !self.ctx.show_secrets => (s.clone(), true),
            _ => (escape_bytes(&line.bytes), false),
        };
        self.ctx.emit(EventKind::Sent {
            line: text,
            tls: self.tls,
            redacted,
            note: line.note.clone(),
        });
    }

    /// Write raw bytes with a deadline, no event (the caller summarises or emits).
    pub(crate) async fn write_raw(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let deadline = self.limit.cap(Instant::now() + self.timeout);
        match tokio::time::timeout_at(deadline, self.io.write_all(bytes)).await {
            Err(_) if self.limit.expired() => Err(self.limit.failure(self.phase)),
            Err(_) => Err(self.fail(
                Kind::Timeout,
                format!("server did not accept data within {:?}", self.timeout),
            )),
            Ok(Err(e)) => Err(self.io_failure(e, "writing to the server")),
            Ok(Ok(())) => Ok(()),
        }
    }

    pub(crate) async fn flush(&mut self) -> Result<(), Failure> {
        let deadline = self.limit.cap(Instant::now() + self.timeout);
        match tokio::time::timeout_at(deadline, self.io.flush()).await {
            Err(_) if self.limit.expired() => Err(self.limit.failure(self.phase)),
            Err(_) => Err(self.fail(Kind::Timeout, "flush timed out")),
            Ok(Err(e)) => Err(self.io_failure(e, "writing to the server")),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Send lines in one write (a PIPELINING batch is one packet where possible), each followed by
    /// CRLF, emitting one `Sent` event per line. A line containing CR or LF is refused: no caller
    /// can smuggle a second command into the stream.
    pub(crate) async fn send_lines(&mut self, lines: &[Outgoing]) -> Result<(), Failure> {
        let mut out = Vec::new();
        for l in lines {
            if l.bytes.iter().any(|&b| b == b'\r' || b == b'\n') {
                // Name the line as the transcript would show it: a password with a CR or LF in
                // it (`PASS …` from --password-env) must not be echoed by this very error.
                let shown = match &l.shown {
                    Some(s) if !self.ctx.show_secrets => s.clone(),
                    _ => escape_bytes(&l.bytes),
                };
                return Err(Failure::new(
                    self.phase,
                    Kind::Usage,
                    format!("refusing to send a command containing CR or LF: {shown}"),
                ));
            }
            out.extend_from_slice(&l.bytes);
            out.extend_from_slice(b"\r\n");
        }
        for l in lines {
            self.emit_sent(l);
        }
        self.write_raw(&out).await?;
        self.flush().await
    }

    pub(crate) async fn send_line(&mut self, line: Outgoing) -> Result<(), Failure> {
        self.send_lines(std::slice::from_ref(&line)).await
    }

    /// Send a plain command line with nothing to redact.
    pub(crate) async fn send(&mut self, line: &str) -> Result<(), Failure> {
        self.send_line(Outgoing::plain(line)).await
    }

    /// Shut down the write side (after QUIT).
    pub(crate) async fn shutdown(&mut self) {
        self.shut = true;
        let deadline = self.limit.cap(Instant::now() + self.timeout);
        let _ = tokio::time::timeout_at(deadline, self.io.shutdown()).await;
    }

    /// Whether [`Wire::shutdown`] was called: the session is over, nothing more is sent.
    pub(crate) fn is_shut(&self) -> bool {
        self.shut
    }
}

impl Wire<BoxIo> {
    /// A STARTTLS on a connection that is already TLS is a usage mistake (e.g. with --tls).
    pub(crate) fn refuse_if_tls(&self) -> Result<(), Failure> {
        if self.tls {
            return Err(self.fail(
                Kind::Usage,
                "--starttls with a connection that is already TLS",
            ));
        }
        Ok(())
    }

    /// Upgrade this connection to TLS after the server agreed (SMTP STARTTLS 220, POP3 STLS +OK,
    /// IMAP STARTTLS OK), then continue in phase `next`.
    ///
    /// Anything already read after the server's go-ahead was sent before the handshake and could
    /// be an injected reply (CVE-2011-0411 class): it is discarded, shown, and warned about, and
    /// never read as if it had come inside TLS.
    pub(crate) async fn start_tls(
        &mut self,
        tls: &TlsClient,
        host: &str,
        next: Phase,
    ) -> Result<crate::transport::tls::Negotiated, Failure> {
        self.end_phase();
        self.discard_leftover();
        // Nagle stays on from the handshake until the first reply inside TLS: a TLS 1.3 server
        // sends session tickets right after the handshake; with TCP_NODELAY our first command
        // leaves before they arrive, nothing carries their ACK, and a server that itself uses
        // Nagle (Postfix) holds its reply until our delayed ACK fires — 40 ms on Linux, in about
        // a third of sessions (measured in bench/). With Nagle on, the first command waits for
        // the server's ACK and carries the ticket ACK itself.
        self.set_nodelay(false);
        self.nagle_until_reply = true;
        let placeholder: BoxIo = Box::new(tokio::io::duplex(1).0);
        let io = std::mem::replace(&mut self.io, placeholder);
        // The server now waits for a ClientHello: whatever stops the handshake (even a server
        // name rustls will not take) leaves nothing a plaintext QUIT could follow.
        let limit = self.limit;
        let (stream, negotiated) = limit
            .run(
                Phase::Tls,
                tls.handshake(io, host, self.timeout, &self.ctx, false),
            )
            .await
            .map_err(Failure::out_of_step)?;
        self.io = Box::new(stream);
        self.tls = true;
        self.warned_bare_lf = false;
        self.phase = next;
        self.phase_started = self.ctx.now_ms();
        self.negotiated = Some(negotiated.clone());
        Ok(negotiated)
    }

    /// The raw stream after the server agreed to TLS, for a caller that speaks the start of
    /// TLS itself (`hello`: a crafted ClientHello for TLS 1.0/1.1, which rustls cannot send).
    /// What the server sent after its go-ahead is discarded and reported exactly as
    /// [`Wire::start_tls`] does; the current phase's timing is closed. Refused on a
    /// connection that is already TLS: the raw stream is then the TLS stream, and a hello
    /// inside it would mean nothing.
    pub(crate) fn into_plain_io(mut self) -> Result<BoxIo, Failure> {
        if self.tls {
            return Err(self.fail(
                Kind::Usage,
                "a crafted ClientHello needs the plain stream, and this connection is already TLS",
            ));
        }
        self.end_phase();
        self.discard_leftover();
        Ok(self.io)
    }

    /// Anything already read after the server's go-ahead was sent before the handshake and
    /// could be an injected reply (CVE-2011-0411 class): drop it, show it, warn.
    fn discard_leftover(&mut self) {
        let leftover = self.buf.split_off(self.pos);
        self.buf.clear();
        self.pos = 0;
        if !leftover.is_empty() {
            self.ctx.emit(EventKind::Discarded {
                bytes: leftover.len(),
                preview: escape_bytes(&leftover[..leftover.len().min(200)]),
                tls: false,
            });
            self.ctx.warn(format!(
                "server sent {} bytes after agreeing to TLS and before the handshake: discarded (protocol violation, possible injection)",
                leftover.len()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Collect, Event};

    fn wire(io: tokio::io::DuplexStream) -> (Wire<tokio::io::DuplexStream>, Arc<Collect>) {
        let sink = Arc::new(Collect::default());
        let ctx = Arc::new(Ctx::new(sink.clone()));
        (Wire::new(io, ctx, Duration::from_millis(300), false), sink)
    }

    /// Write `bytes` `n` times, `ms` apart, until the reader hangs up.
    async fn drip(b: &mut tokio::io::DuplexStream, bytes: &[u8], n: usize, ms: u64) {
        for _ in 0..n {
            if b.write_all(bytes).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
    }

    /// `err` is a timeout that came about one 300 ms timeout after `since`, not later.
    #[track_caller]
    fn cut_off_in_time(err: &Failure, since: std::time::Instant) {
        assert_eq!(err.kind, Kind::Timeout);
        assert!(
            since.elapsed() < Duration::from_millis(700),
            "{:?}",
            since.elapsed()
        );
    }

    fn lines(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Recv { line, .. } => Some(format!("S:{line}")),
                EventKind::Sent { line, .. } => Some(format!("C:{line}")),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn reads_lines_split_across_packets() {
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, sink) = wire(a);
        tokio::spawn(async move {
            b.write_all(b"250-fir").await.unwrap();
            tokio::time::sleep(Duration::from_millis(10)).await;
            b.write_all(b"st\r\n250 second\n").await.unwrap();
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        assert_eq!(w.read_line().await.unwrap(), b"250-first");
        assert_eq!(w.read_line().await.unwrap(), b"250 second");
        assert_eq!(lines(&sink.events()), ["S:250-first", "S:250 second"]);
        assert!(
            sink.events()
                .iter()
                .any(|e| matches!(e.kind, EventKind::Warning { .. }))
        );
    }

    #[tokio::test]
    async fn stalled_peer_times_out_with_phase() {
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        w.set_phase(Phase::Data);
        tokio::spawn(async move {
            b.write_all(b"250 partial").await.unwrap();
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        let err = w.read_line().await.unwrap_err();
        assert_eq!((err.kind, err.phase), (Kind::Timeout, Phase::Data));
    }

    #[tokio::test]
    async fn slow_drip_cannot_extend_the_deadline() {
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        tokio::spawn(async move { drip(&mut b, b"x", 100, 50).await });
        let t = std::time::Instant::now();
        let err = w.read_line().await.unwrap_err();
        assert_eq!(err.kind, Kind::Timeout);
        assert!(t.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn one_deadline_covers_a_whole_reply() {
        // Every line arrives well within the 300 ms timeout; the reply as a whole does not.
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        tokio::spawn(async move { drip(&mut b, b"250-x\r\n", 40, 100).await });
        let t = std::time::Instant::now();
        let mut d = w.deadline();
        let err = loop {
            match w.read_line_quiet_by(&mut d).await {
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        cut_off_in_time(&err, t);
    }

    #[tokio::test]
    async fn bulk_deadline_moves_with_progress_only() {
        // 20 chunks of PROGRESS_BYTES over 2 s (far past the 300 ms timeout) all arrive; then a
        // drip of one byte every 20 ms is cut off one timeout later.
        let (a, mut b) = tokio::io::duplex(1 << 20);
        let (mut w, _) = wire(a);
        tokio::spawn(async move {
            for _ in 0..20 {
                b.write_all(&[b'a'; PROGRESS_BYTES]).await.unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            drip(&mut b, b"x", 1000, 20).await;
        });
        let mut d = w.bulk_deadline();
        let mut got = 0usize;
        while got < 20 * PROGRESS_BYTES {
            let n = w
                .buffered_by(&mut d)
                .await
                .expect("bulk data cut off")
                .len();
            w.consume(n);
            got += n;
        }
        let t = std::time::Instant::now();
        let err = loop {
            match w.buffered_by(&mut d).await {
                Ok(buf) => {
                    let n = buf.len();
                    w.consume(n);
                }
                Err(e) => break e,
            }
        };
        cut_off_in_time(&err, t);
    }

    #[tokio::test]
    async fn overlong_line_is_a_protocol_error() {
        let (a, mut b) = tokio::io::duplex(1 << 20);
        let (mut w, _) = wire(a);
        w.set_max_line(1000);
        b.write_all(&vec![b'a'; 5000]).await.unwrap();
        let err = w.read_line().await.unwrap_err();
        assert_eq!(err.kind, Kind::Protocol);
        // The bytes are still buffered: nobody may read on as if the stream were in step.
        assert!(err.desynced, "{err:?}");
        assert_eq!(w.consumed(), 0);
    }

    #[tokio::test]
    async fn a_partial_line_is_not_ready_a_whole_or_overlong_one_is() {
        let (a, mut b) = tokio::io::duplex(1 << 20);
        let (mut w, _) = wire(a);
        w.set_max_line(1000);
        b.write_all(b"250 par").await.unwrap();
        let mut d = w.deadline();
        let err = w.line_ready_by(&mut d).await.unwrap_err();
        assert_eq!(err.kind, Kind::Timeout, "a partial line alone wakes nobody");
        b.write_all(b"tial\r\n").await.unwrap();
        let mut d = w.deadline();
        assert!(w.line_ready_by(&mut d).await.unwrap());
        assert_eq!(w.read_line().await.unwrap(), b"250 partial");
        assert_eq!(w.consumed(), 13);
        b.write_all(&[b'x'; 1500]).await.unwrap();
        let mut d = w.deadline();
        assert!(
            w.line_ready_by(&mut d).await.unwrap(),
            "overlong: ready to fail"
        );
        // A close with a partial line left: readable, so the read can report it.
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        b.write_all(b"25").await.unwrap();
        drop(b);
        let mut d = w.deadline();
        assert!(w.line_ready_by(&mut d).await.unwrap());
        let (a, b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        drop(b);
        let mut d = w.deadline();
        assert!(!w.line_ready_by(&mut d).await.unwrap());
    }

    #[tokio::test]
    async fn eof_mid_line_is_closed_and_shows_partial() {
        let (a, mut b) = tokio::io::duplex(64);
        let (mut w, _) = wire(a);
        b.write_all(b"250 trunc").await.unwrap();
        drop(b);
        let err = w.read_line().await.unwrap_err();
        assert_eq!(err.kind, Kind::Closed);
        assert!(err.message.contains("250 trunc"), "{}", err.message);
    }

    #[tokio::test]
    async fn refuses_to_send_embedded_newlines() {
        let (a, _b) = tokio::io::duplex(64);
        let (mut w, sink) = wire(a);
        let err = w.send("RCPT TO:<a@b>\r\nDATA").await.unwrap_err();
        assert_eq!(err.kind, Kind::Usage);
        assert!(lines(&sink.events()).is_empty());
    }

    #[tokio::test]
    async fn plain_io_after_the_go_ahead_drops_and_reports_what_came_early() {
        let (a, mut b) = tokio::io::duplex(1024);
        let sink = Arc::new(Collect::default());
        let ctx = Arc::new(Ctx::new(sink.clone()));
        let mut w = Wire::new(Box::new(a) as BoxIo, ctx, Duration::from_millis(300), false);
        // The go-ahead and an injected reply in one packet (CVE-2011-0411 class).
        b.write_all(b"220 go ahead\r\n250 injected\r\n")
            .await
            .unwrap();
        assert_eq!(w.read_line().await.unwrap(), b"220 go ahead");
        let mut io = w.into_plain_io().unwrap();
        let events = sink.events();
        assert!(events.iter().any(|e| matches!(
            &e.kind,
            EventKind::Discarded { bytes: 14, preview, tls: false } if preview == "250 injected\\x0d\\x0a"
        )));
        assert!(events.iter().any(
            |e| matches!(&e.kind, EventKind::Warning { msg } if msg.contains("14 bytes after agreeing to TLS"))
        ));
        // The stream is the raw one: what is written arrives as is, and nothing buffered
        // before is read again.
        io.write_all(b"\x16\x03\x01").await.unwrap();
        let mut got = [0u8; 3];
        b.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"\x16\x03\x01");
        b.write_all(b"x").await.unwrap();
        let mut one = [0u8; 1];
        io.read_exact(&mut one).await.unwrap();
        assert_eq!(&one, b"x");
    }

    #[tokio::test]
    async fn plain_io_is_refused_on_a_tls_connection() {
        let (a, _b) = tokio::io::duplex(64);
        let ctx = Arc::new(Ctx::new(Arc::new(Collect::default())));
        let w = Wire::new(Box::new(a) as BoxIo, ctx, Duration::from_millis(300), true);
        let Err(f) = w.into_plain_io() else {
            panic!("a TLS wire gave its stream away")
        };
        assert_eq!(f.kind, Kind::Usage);
    }

    #[tokio::test]
    async fn secrets_are_replaced_in_events() {
        let (a, _b) = tokio::io::duplex(1024);
        let (mut w, sink) = wire(a);
        w.send_line(Outgoing {
            bytes: b"AUTH PLAIN AGFsaWNlAHNlY3JldA==".to_vec(),
            shown: Some("AUTH PLAIN ***".into()),
            note: None,
        })
        .await
        .unwrap();
        assert_eq!(lines(&sink.events()), ["C:AUTH PLAIN ***"]);
    }
}
