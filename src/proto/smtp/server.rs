//! `smtp sink`'s side of the dialogue: an SMTP (RFC 5321) or LMTP (RFC 2033) server that takes
//! every message (or replies as scripted with `--reply`), with PIPELINING (RFC 2920), SIZE
//! (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), ENHANCEDSTATUSCODES (RFC 2034), DSN
//! (RFC 3461), CHUNKING (RFC 3030), STARTTLS (RFC 3207) and AUTH PLAIN/LOGIN/CRAM-MD5 (RFC
//! 4954). Generic over the stream, so unit tests drive it through `tokio::io::duplex`.
//!
//! What the client sends becomes `recv` events and our replies `sent` events (the human
//! transcript labels them `C:` and `S:`). Nothing a client sends can make it panic, buffer
//! without bound or wait without end: a command line is at most 512 octets (RFC 5321
//! §4.5.3.1.4; 12288 for AUTH, RFC 4954 §4), a longer one is read to its end and answered 500;
//! a message is streamed to its spool as it arrives and counted against `--max-size` (and not
//! read far past it); every read has a deadline and the whole session one (`--session-time`),
//! and a client that keeps making mistakes or sending commands that move no mail is
//! disconnected with 421.

use super::store::{Envelope, Params, RcptParams, Spool, Store};
use crate::error::Failure;
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::secret::Secret;
use crate::transport::tls_server::{Accepted, TlsServer};
use crate::transport::wire::{BoxIo, Io, PROGRESS_BYTES};
use base64::Engine;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::Instant;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF.
pub(crate) const MAX_COMMAND: usize = 512;
/// RFC 4954 §4: an AUTH command line and each SASL response line may be 12288 octets.
pub(crate) const MAX_AUTH_LINE: usize = 12288;
/// Bad commands in one session before it is ended (Postfix's smtpd_hard_error_limit is 20).
pub(crate) const MAX_ERRORS: u32 = 20;
/// Commands that move no mail (NOOP, VRFY, EXPN, HELP, RSET with nothing to reset, RCPT past
/// --max-rcpt) between two messages before the session is ended: Postfix's
/// smtpd_junk_command_limit (100), whose count also starts again after each message.
pub(crate) const MAX_JUNK: u32 = 100;
/// How much of one message line `--show-data` shows.
const SHOWN_LINE: usize = 998;
const READ_CHUNK: usize = 16 * 1024;
/// Once the sink stops, how long an idle connection may still send a command (its QUIT after
/// the last message, typically) before it is told 421.
const LAST_CALL: Duration = Duration::from_secs(1);

/// Everything a connection's dialogue needs; built by the plan layer.
#[derive(Debug, Clone)]
pub(crate) struct ServerPlan {
    /// Our name in the banner, EHLO reply and Received: header.
    pub hostname: String,
    pub lmtp: bool,
    /// Implicit TLS (SMTPS): the handshake comes before the banner.
    pub implicit_tls: bool,
    /// SIZE (RFC 1870): advertised and enforced.
    pub max_size: u64,
    pub max_rcpt: usize,
    /// How long the client may take to send a command line (and each 16 KiB of a message).
    pub timeout: Duration,
    /// `--session-time`: how long one connection may last, whatever it does.
    pub session_time: Duration,
    pub auth: AuthPolicy,
    /// Offer AUTH without TLS too.
    pub auth_plaintext: bool,
    pub replies: Vec<Scripted>,
    /// Show each message line (else a summary).
    pub show_data: bool,
    /// `--max N`: refuse new transactions once N messages were taken.
    pub max_messages: Option<u64>,
}

/// Who may authenticate.
#[derive(Debug, Clone)]
pub(crate) enum AuthPolicy {
    /// AUTH is not offered.
    Off,
    /// Any user name and password are accepted (`--auth-any`).
    Any,
    /// Only this user with this password (`--auth-user`).
    User { user: String, password: Secret },
}

/// The dialogue steps a `--reply` can script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Banner,
    Ehlo,
    Helo,
    Auth,
    Mail,
    Rcpt,
    /// The reply to the DATA command itself (normally 354).
    Data,
    /// The reply after the end of the message (DATA's final dot, or BDAT LAST).
    Dot,
    Bdat,
    Rset,
    Quit,
    Starttls,
}

impl Stage {
    pub(crate) const ALL: [(&'static str, Stage); 12] = [
        ("banner", Stage::Banner),
        ("ehlo", Stage::Ehlo),
        ("helo", Stage::Helo),
        ("auth", Stage::Auth),
        ("mail", Stage::Mail),
        ("rcpt", Stage::Rcpt),
        ("data", Stage::Data),
        ("dot", Stage::Dot),
        ("bdat", Stage::Bdat),
        ("rset", Stage::Rset),
        ("quit", Stage::Quit),
        ("starttls", Stage::Starttls),
    ];
}

/// One scripted reply: `STAGE[:MATCH]=CODE[ TEXT]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scripted {
    pub stage: Stage,
    /// Applies only when the command's argument contains this (ASCII case-insensitive); for
    /// `dot`, when a recipient's address does (LMTP: that recipient's own reply).
    pub matcher: Option<String>,
    pub code: u16,
    pub text: String,
}

impl Scripted {
    /// Parse `STAGE[:MATCH]=CODE[ TEXT]`, e.g. `banner=554`, `rcpt:bob@=450 4.2.0 try later`.
    /// MATCH ends at the first `=`; CODE is three digits from 200 to 599; TEXT is printable.
    pub(crate) fn parse(s: &str) -> Result<Scripted, String> {
        let stages = Stage::ALL.map(|(n, _)| n).join(", ");
        let (left, right) = s
            .split_once('=')
            .ok_or_else(|| format!("{s:?}: expected STAGE[:MATCH]=CODE[ TEXT]"))?;
        let (stage, matcher) = match left.split_once(':') {
            Some((st, m)) => (st, Some(m)),
            None => (left, None),
        };
        let stage = Stage::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(stage.trim()))
            .map(|(_, st)| *st)
            .ok_or_else(|| format!("{s:?}: unknown stage {stage:?} (stages: {stages})"))?;
        let matcher = match matcher {
            Some("") => return Err(format!("{s:?}: empty MATCH after ':'")),
            Some(m) if m.chars().any(char::is_control) => {
                return Err(format!("{s:?}: MATCH has a control character"));
            }
            m => m.map(str::to_string),
        };
        let right = right.trim_start();
        let (code, text) = match right.split_once(' ') {
            Some((c, t)) => (c, t.trim()),
            None => (right, ""),
        };
        let code: u16 = code
            .parse()
            .ok()
            .filter(|c| (200..=599).contains(c) && code.len() == 3)
            .ok_or_else(|| format!("{s:?}: the reply code must be three digits from 200 to 599"))?;
        if text.chars().any(char::is_control) {
            return Err(format!("{s:?}: the reply text has a control character"));
        }
        let text = if text.is_empty() {
            match code / 100 {
                2 => "2.0.0 Ok (scripted)",
                3 => "scripted",
                4 => "4.0.0 scripted temporary failure",
                _ => "5.0.0 scripted permanent failure",
            }
            .to_string()
        } else {
            text.to_string()
        };
        Ok(Scripted {
            stage,
            matcher,
            code,
            text,
        })
    }

    fn line(&self) -> String {
        format!("{} {}", self.code, self.text)
    }

    fn matches(&self, stage: Stage, arg: &str) -> bool {
        self.stage == stage
            && self.matcher.as_ref().is_none_or(|m| {
                arg.to_ascii_lowercase()
                    .contains(m.to_ascii_lowercase().as_str())
            })
    }
}

/// What every connection of one sink shares: the counts of the summary and the `--max` stop.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub messages: AtomicU64,
    pub bytes: AtomicU64,
    pub recipients: AtomicU64,
    /// Messages refused after they were sent (over --max-size, a scripted dot reply, storage).
    pub rejected: AtomicU64,
    /// Connections that ended in a failure (timeout, TLS, broken connection, too many errors),
    /// and messages that could not be stored.
    pub errors: AtomicU64,
    /// Set once the sink stops (`--max`, `--max-time`, a signal): new transactions are refused
    /// with 421, idle connections are told 421 and closed, transactions under way may finish.
    pub closing: AtomicBool,
    /// Set when the time to finish is over: every connection is told 421 and closed now.
    pub aborting: AtomicBool,
    /// Wakes the connections waiting for their client when either is set.
    stop: tokio::sync::Notify,
    /// Notified once `--max` is reached.
    pub done: tokio::sync::Notify,
    /// Message ids.
    seq: AtomicU64,
    /// CRAM-MD5 challenges (apart from the ids, which then stay consecutive).
    nonce: AtomicU64,
}

impl Tally {
    /// The sink stops: see [`Tally::closing`].
    pub(crate) fn close(&self) {
        self.closing.store(true, Ordering::Relaxed);
        self.stop.notify_waiters();
    }

    /// The time to finish is over: see [`Tally::aborting`].
    pub(crate) fn abort(&self) {
        self.aborting.store(true, Ordering::Relaxed);
        self.stop.notify_waiters();
    }
}

/// The client end of a connection, for the envelope and the Received: header.
#[derive(Debug, Clone)]
pub(crate) struct Peer {
    pub addr: std::net::SocketAddr,
    pub local: String,
}

/// How a client command reads (RFC 5321 §4.1.1). Parsing never fails: what is not a command
/// becomes [`Cmd::Unknown`] or [`Cmd::Bad`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cmd {
    Ehlo(String),
    Helo(String),
    Lhlo(String),
    Mail(Path),
    Rcpt(Path),
    Data,
    Bdat {
        size: u64,
        last: bool,
    },
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    Starttls,
    Auth {
        mech: String,
        initial: Option<String>,
    },
    Unknown(String),
    /// A known command with a malformed argument: the reply text.
    Bad(&'static str),
}

/// `MAIL FROM:<addr> PARAMS` / `RCPT TO:<addr> PARAMS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Path {
    pub addr: String,
    /// `KEY` (upper-cased) and its value, as given.
    pub params: Vec<(String, Option<String>)>,
}

/// Parse one command line (without its CRLF).
pub(crate) fn parse_command(line: &[u8]) -> Cmd {
    let Ok(text) = std::str::from_utf8(line) else {
        return Cmd::Bad("5.5.2 command is not UTF-8");
    };
    let (verb, arg) = match text.split_once(' ') {
        Some((v, a)) => (v, a.trim()),
        None => (text.trim_end(), ""),
    };
    let upper = verb.to_ascii_uppercase();
    let no_arg = |c: Cmd| {
        if arg.is_empty() {
            c
        } else {
            Cmd::Bad("5.5.4 syntax error: no argument allowed")
        }
    };
    let hello = |f: fn(String) -> Cmd| match arg.split_whitespace().next() {
        Some(d) => f(d.to_string()),
        None => Cmd::Bad("5.5.4 syntax error: a domain or address literal is required"),
    };
    match upper.as_str() {
        "EHLO" => hello(Cmd::Ehlo),
        "HELO" => hello(Cmd::Helo),
        "LHLO" => hello(Cmd::Lhlo),
        "MAIL" => match path(arg, "FROM:") {
            Ok(p) => Cmd::Mail(p),
            Err(e) => Cmd::Bad(e),
        },
        "RCPT" => match path(arg, "TO:") {
            Ok(p) if p.addr.is_empty() => Cmd::Bad("5.1.3 the null address is no recipient"),
            Ok(p) => Cmd::Rcpt(p),
            Err(e) => Cmd::Bad(e),
        },
        "DATA" => no_arg(Cmd::Data),
        "BDAT" => {
            let mut words = arg.split_ascii_whitespace();
            let size = words.next().and_then(|s| {
                // RFC 3030 §3: 1*DIGIT; bounded so that no sum overflows.
                (s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| s.parse::<u64>().ok())
                    .flatten()
            });
            let last = words.next();
            match (size, last, words.next()) {
                (Some(size), None, None) => Cmd::Bdat { size, last: false },
                (Some(size), Some(l), None) if l.eq_ignore_ascii_case("LAST") => {
                    Cmd::Bdat { size, last: true }
                }
                _ => Cmd::Bad("5.5.4 syntax: BDAT chunk-size [LAST]"),
            }
        }
        "RSET" => no_arg(Cmd::Rset),
        "NOOP" => Cmd::Noop,
        "QUIT" => no_arg(Cmd::Quit),
        "VRFY" | "EXPN" => Cmd::Vrfy,
        "HELP" => Cmd::Help,
        "STARTTLS" => no_arg(Cmd::Starttls),
        "AUTH" => {
            let mut words = arg.split_ascii_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(m), initial, None) => Cmd::Auth {
                    mech: m.to_ascii_uppercase(),
                    initial: initial.map(str::to_string),
                },
                _ => Cmd::Bad("5.5.4 syntax: AUTH mechanism [initial-response]"),
            }
        }
        // `AUTH\tPLAIN\t<secret>` is one unknown verb: its echo must not carry the secret.
        _ => Cmd::Unknown(
            redact_auth(verb.as_bytes())
                .unwrap_or_else(|| escape_bytes(&verb.as_bytes()[..verb.len().min(40)])),
        ),
    }
}

/// A client line that starts with AUTH (any case), as the transcript shows it unless
/// --show-secrets: the verb, the mechanism when it looks like one (RFC 4422 §3.1: at most 20
/// of A-Z 0-9 - _), and `***` for anything after it (an initial response, RFC 4954 §4) — for
/// well-formed, malformed, overlong and truncated lines alike. None for any other line.
pub(crate) fn redact_auth(line: &[u8]) -> Option<String> {
    let verb = line.get(..4)?;
    if !verb.eq_ignore_ascii_case(b"AUTH") {
        return None;
    }
    let rest = &line[4..];
    if !rest.first().is_none_or(|b| b.is_ascii_whitespace()) {
        // `AUTHxyz…`: no verb we know, and nothing after the four letters is shown.
        return Some("AUTH ***".into());
    }
    let mut words = rest
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let Some(mech) = words.next() else {
        return Some("AUTH".into());
    };
    let more = words.next().is_some();
    let is_mech = mech.len() <= 20
        && mech
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    Some(match (is_mech, more) {
        (true, false) => format!("AUTH {}", mech.to_ascii_uppercase().escape_ascii()),
        (true, true) => format!("AUTH {} ***", mech.to_ascii_uppercase().escape_ascii()),
        (false, _) => "AUTH ***".into(),
    })
}

/// How much of the bytes discarded after STARTTLS the transcript shows.
const PREVIEW: usize = 200;

/// The preview of bytes a client sent after STARTTLS (discarded unread): each AUTH line as
/// [`redact_auth`] shows it, and after one, each line that could be a SASL response (only
/// base64 characters, or `*`) as `***` — a pipelined `AUTH LOGIN` sends its user name and
/// password on the lines after it. Everything unless `show_secrets`.
pub(crate) fn discard_preview(early: &[u8], show_secrets: bool) -> String {
    if show_secrets {
        return escape_bytes(&early[..early.len().min(PREVIEW)]);
    }
    let mut out = String::new();
    let mut in_auth = false;
    for line in early.split_inclusive(|&b| b == b'\n') {
        if out.len() >= PREVIEW {
            break;
        }
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let end = &line[body.len()..];
        if let Some(r) = redact_auth(body) {
            in_auth = true;
            out.push_str(&r);
        } else if in_auth
            && !body.is_empty()
            && body
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b"+/=*".contains(&b))
        {
            out.push_str("***");
        } else {
            in_auth = false;
            out.push_str(&escape_bytes(&body[..body.len().min(PREVIEW)]));
        }
        out.push_str(&escape_bytes(end));
    }
    if out.len() > PREVIEW {
        let mut cut = PREVIEW;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

/// The reverse- or forward-path after `FROM:` / `TO:` and its parameters. Tolerated: a space
/// after the colon, a path without angle brackets, a source route (RFC 5321 §4.1.1.3: ignored).
fn path(arg: &str, keyword: &str) -> Result<Path, &'static str> {
    let bad = "5.5.4 syntax: MAIL FROM:<address> / RCPT TO:<address> [parameters]";
    let rest = arg
        .get(..keyword.len())
        .filter(|k| k.eq_ignore_ascii_case(keyword))
        .map(|_| arg[keyword.len()..].trim_start())
        .ok_or(bad)?;
    let (addr, rest) = if let Some(inner) = rest.strip_prefix('<') {
        // The closing '>' outside a quoted local part (RFC 5321 §4.1.2 Quoted-string).
        let mut quoted = false;
        let mut escaped = false;
        let mut end = None;
        for (i, c) in inner.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                '>' if !quoted => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.ok_or(bad)?;
        (&inner[..end], &inner[end + 1..])
    } else {
        match rest.split_once(' ') {
            Some((a, r)) => (a, r),
            None => (rest, ""),
        }
    };
    if !rest.is_empty() && !rest.starts_with(' ') {
        return Err(bad);
    }
    // A source route `@a,@b:user@c`: only the mailbox counts.
    let addr = match addr.strip_prefix('@').and_then(|r| r.split_once(':')) {
        Some((_, mailbox)) => mailbox,
        None => addr,
    };
    if addr.chars().any(|c| c.is_control() || c == ' ') && !addr.starts_with('"') {
        return Err("5.1.7 bad address syntax");
    }
    if addr.len() > 256 {
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets.
        return Err("5.5.4 path too long");
    }
    let params = rest
        .split_ascii_whitespace()
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_ascii_uppercase(), Some(v.to_string())),
            None => (p.to_ascii_uppercase(), None),
        })
        .collect();
    Ok(Path {
        addr: addr.to_string(),
        params,
    })
}

/// xtext (RFC 3461 §4): `+XX` decoded; None when malformed.
pub(crate) fn xtext_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                let hex = s.get(i + 1..i + 3)?;
                if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            c if (b'!'..=b'~').contains(&c) && c != b'=' => {
                out.push(c);
                i += 1;
            }
            _ => return None,
        }
    }
    String::from_utf8(out).ok()
}

/// How a connection's stream ended, when it did not end with QUIT.
#[derive(Debug)]
enum End {
    /// The client closed the connection (`partial` bytes of a line were left).
    Closed {
        partial: usize,
    },
    Timeout,
    /// `--session-time` ran out.
    SessionTime,
    Io(std::io::Error),
    /// We ended it (421: too many errors, a scripted 421, a bad BDAT).
    Us(&'static str),
    /// The sink stops (421 is written on the way out).
    Stop,
}

/// A line the client sent.
enum Line {
    Text(Vec<u8>),
    /// Longer than allowed: read to its end and dropped (its length and first bytes).
    TooLong(usize, Vec<u8>),
}

/// The byte stream with a read buffer and the replies not yet written. Replies are written when
/// we are about to wait for the client (RFC 2920 §3: a server answers a pipelined group once it
/// has processed what is buffered), so a pipelined batch is answered in one write.
struct Conn<'a> {
    io: BoxIo,
    buf: Vec<u8>,
    pos: usize,
    out: Vec<u8>,
    /// The transcript lines of `out`.
    shown: Vec<String>,
    ctx: Arc<Ctx>,
    tls: bool,
    timeout: Duration,
    /// `--session-time` from the connection's start: no read or write waits past it, however
    /// the client paces itself (each command would otherwise earn a fresh --timeout).
    session_end: Instant,
    /// The sink's stop signals.
    tally: &'a Tally,
    /// Waiting for a command outside a transaction: when the sink stops, this connection has
    /// [`LAST_CALL`] left, not the time to finish.
    idle: bool,
    /// When an idle connection's last call ends.
    last_call: Option<Instant>,
}

impl Conn<'_> {
    /// `at`, or the end of the session if that comes first.
    fn by(&self, at: Instant) -> Instant {
        at.min(self.session_end)
    }

    /// Why a wait that ran out did: the session's time, or the client's silence.
    fn expired(&self) -> End {
        if Instant::now() >= self.session_end {
            End::SessionTime
        } else {
            End::Timeout
        }
    }

    fn emits(&self) -> bool {
        self.ctx.emits()
    }

    /// Queue a reply line; it is shown when it is written (a pipelined batch's replies then
    /// appear together after its commands, as they went out).
    fn reply(&mut self, line: &str) {
        self.out.extend_from_slice(line.as_bytes());
        self.out.extend_from_slice(b"\r\n");
        if self.emits() {
            self.shown.push(escape_bytes(line.as_bytes()));
        }
    }

    /// A multi-line reply (RFC 5321 §4.2.1): `250-first`, …, `250 last`.
    fn reply_lines(&mut self, code: u16, lines: &[String]) {
        for (i, l) in lines.iter().enumerate() {
            let sep = if i + 1 == lines.len() { ' ' } else { '-' };
            self.reply(&format!("{code}{sep}{l}"));
        }
    }

    /// A command line the client sent: an AUTH line with its secrets hidden (see
    /// [`redact_auth`]) unless --show-secrets.
    fn recv_command(&self, line: &[u8], note: Option<String>) {
        let shown = (!self.ctx.show_secrets)
            .then(|| redact_auth(line))
            .flatten();
        self.recv(line, shown, note);
    }

    fn recv(&self, line: &[u8], shown: Option<String>, note: Option<String>) {
        if self.emits() {
            self.ctx.emit(EventKind::Recv {
                line: shown.unwrap_or_else(|| escape_bytes(line)),
                tls: self.tls,
                note,
            });
        }
    }

    async fn flush(&mut self) -> Result<(), End> {
        let at = self.by(Instant::now() + self.timeout);
        self.flush_by(at).await
    }

    /// Write what is pending by `at`.
    async fn flush_by(&mut self, at: Instant) -> Result<(), End> {
        if self.out.is_empty() {
            return Ok(());
        }
        for line in self.shown.drain(..) {
            self.ctx.emit(EventKind::Sent {
                line,
                tls: self.tls,
                redacted: false,
                note: None,
            });
        }
        let res = tokio::time::timeout_at(at, async {
            self.io.write_all(&self.out).await?;
            self.io.flush().await
        })
        .await;
        self.out.clear();
        match res {
            Err(_) => Err(self.expired()),
            Ok(Err(e)) => Err(End::Io(e)),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Write what is pending, then read more by `at`. Ok(false): the client closed.
    async fn fill(&mut self, at: Instant) -> Result<bool, End> {
        self.flush().await?;
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos > READ_CHUNK {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.reserve(READ_CHUNK);
        let at = self.by(at);
        let tally = self.tally;
        loop {
            // Registered before the flags are read, so that no stop falls in between.
            let stop = tally.stop.notified();
            tokio::pin!(stop);
            stop.as_mut().enable();
            if tally.aborting.load(Ordering::Relaxed) {
                return Err(End::Stop);
            }
            if self.idle && tally.closing.load(Ordering::Relaxed) && self.last_call.is_none() {
                self.last_call = Some(Instant::now() + LAST_CALL);
            }
            let until = self.last_call.map_or(at, |l| l.min(at));
            let read = tokio::select! {
                r = tokio::time::timeout_at(until, self.io.read_buf(&mut self.buf)) => Some(r),
                () = &mut stop => None,
            };
            return match read {
                None => continue,
                Some(Err(_)) if self.last_call.is_some_and(|l| Instant::now() >= l) => {
                    Err(End::Stop)
                }
                Some(Err(_)) => Err(self.expired()),
                Some(Ok(Err(e))) => Err(End::Io(e)),
                Some(Ok(Ok(n))) => Ok(n > 0),
            };
        }
    }

    /// One line of at most `max` octets with its line end (CRLF; a bare LF is taken too),
    /// within `--timeout`.
    async fn line(&mut self, max: usize) -> Result<Line, End> {
        let at = Instant::now() + self.timeout;
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.pos..];
            if let Some(i) = memchr::memchr(b'\n', &avail[scanned..]) {
                let end = scanned + i;
                let mut line = avail[..end].to_vec();
                self.pos += end + 1;
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if line.len() + 2 > max {
                    let head = line[..line.len().min(64)].to_vec();
                    return Ok(Line::TooLong(line.len() + 2, head));
                }
                return Ok(Line::Text(line));
            }
            scanned = avail.len();
            if scanned > max {
                return self.skip_line(at).await;
            }
            if !self.fill(at).await? {
                return Err(End::Closed {
                    partial: self.buf.len() - self.pos,
                });
            }
        }
    }

    /// Drop an overlong line up to its LF, keeping memory bounded (each 16 KiB of progress
    /// earns another `--timeout`, as for a message).
    async fn skip_line(&mut self, mut at: Instant) -> Result<Line, End> {
        let head = self.buf[self.pos..self.buf.len().min(self.pos + 64)].to_vec();
        let mut len = 0usize;
        let mut credit = 0usize;
        loop {
            let avail = &self.buf[self.pos..];
            if let Some(i) = memchr::memchr(b'\n', avail) {
                len += i + 1;
                self.pos += i + 1;
                return Ok(Line::TooLong(len, head));
            }
            len += avail.len();
            credit += avail.len();
            self.pos = self.buf.len();
            if credit >= PROGRESS_BYTES {
                credit = 0;
                at = Instant::now() + self.timeout;
            }
            if !self.fill(at).await? {
                return Err(End::Closed { partial: len });
            }
        }
    }

    /// Bytes already received and not yet read (pipelined after the current command).
    fn take_buffered(&mut self) -> Vec<u8> {
        let rest = self.buf.split_off(self.pos);
        self.buf.clear();
        self.pos = 0;
        rest
    }
}

/// The transaction under way (RFC 5321 §3.3).
#[derive(Default)]
struct Txn {
    from: String,
    params: Params,
    rcpts: Vec<String>,
    /// BDAT chunks so far: the spool, the bytes stored, and whether the transfer failed (the
    /// remaining chunks are read and dropped, and answered 503 after a refused one).
    bdat: Option<Transfer>,
}

/// A message being received.
struct Transfer {
    id: String,
    spool: Option<Box<dyn Spool>>,
    /// The Received: header's size.
    header: u64,
    /// Message bytes as received (after dot-unstuffing), against --max-size.
    bytes: u64,
    lines: u64,
    over: bool,
    /// A bare CR or LF was in the message.
    bare: bool,
    store_error: Option<Failure>,
    refused: bool,
}

/// One connection's state (RFC 5321 §4.1.4).
struct Session<'a> {
    c: Conn<'a>,
    plan: &'a ServerPlan,
    tls_server: Option<&'a TlsServer>,
    store: &'a dyn Store,
    tally: &'a Tally,
    peer: &'a Peer,
    helo: Option<String>,
    esmtp: bool,
    tls: Option<Accepted>,
    auth_user: Option<String>,
    txn: Option<Txn>,
    errors: u32,
    /// Commands that moved no mail since the last message ([`MAX_JUNK`]).
    junk: u32,
    /// A scripted 554 greeting: only QUIT is served (RFC 5321 §3.1).
    refused: bool,
}

/// Serve one connection to its end. Counts go to `tally`; the transcript to `ctx`.
pub(crate) async fn serve<S: Io + 'static>(
    io: S,
    peer: &Peer,
    plan: &ServerPlan,
    tls_server: Option<&TlsServer>,
    store: &dyn Store,
    tally: &Tally,
    ctx: Arc<Ctx>,
) {
    let mut s = Session {
        c: Conn {
            io: Box::new(io),
            buf: Vec::with_capacity(READ_CHUNK),
            pos: 0,
            out: Vec::with_capacity(1024),
            shown: Vec::new(),
            ctx: ctx.clone(),
            tls: false,
            timeout: plan.timeout,
            session_end: Instant::now() + plan.session_time,
            tally,
            idle: true,
            last_call: None,
        },
        plan,
        tls_server,
        store,
        tally,
        peer,
        helo: None,
        esmtp: false,
        tls: None,
        auth_user: None,
        txn: None,
        errors: 0,
        junk: 0,
        refused: false,
    };
    let end = s.run().await;
    // RFC 5321 §3.8: a server that must end a session says 421 first.
    match end {
        Err(End::SessionTime) => s.c.reply(&format!(
            "421 4.4.2 {} session time limit reached (--session-time {:?}): closing",
            plan.hostname, plan.session_time
        )),
        Err(End::Stop) => s.c.reply(&format!(
            "421 4.3.2 {} mailctl smtp sink shutting down",
            plan.hostname
        )),
        _ => {}
    }
    // The last replies as any others, and a 421 at least a short while of its own: the
    // session's time may be up.
    let now = Instant::now();
    let at =
        s.c.by(now + plan.timeout)
            .max(now + Duration::from_secs(1).min(plan.timeout));
    let _ = s.c.flush_by(at).await;
    let by = match end {
        Ok(()) => "us after QUIT".to_string(),
        Err(End::Closed { partial: 0 }) => {
            if s.txn.as_ref().is_some_and(|t| t.bdat.is_some()) {
                tally.errors.fetch_add(1, Ordering::Relaxed);
            }
            "the client".to_string()
        }
        Err(End::Closed { partial }) => {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!(
                "the client closed the connection in the middle of a line ({partial} bytes)"
            ));
            "the client".to_string()
        }
        Err(End::Timeout) => {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!(
                "the client sent nothing for {:?} (--timeout): connection dropped",
                plan.timeout
            ));
            "us (timeout)".to_string()
        }
        Err(End::SessionTime) => {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!(
                "the session lasted its --session-time {:?}: closed with 421",
                plan.session_time
            ));
            "us (session time)".to_string()
        }
        Err(End::Io(e)) => {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!("connection failed: {e}"));
            "the network".to_string()
        }
        Err(End::Stop) => {
            if s.txn.is_some() {
                ctx.warn("the sink stopped in the middle of a mail transaction: 421 sent");
            }
            "us (shutting down)".to_string()
        }
        Err(End::Us(why)) => {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            format!("us ({why})")
        }
    };
    let deadline = Instant::now() + Duration::from_secs(1).min(plan.timeout);
    let _ = tokio::time::timeout_at(deadline, s.c.io.shutdown()).await;
    if ctx.emits() {
        ctx.emit(EventKind::Closed { by });
    }
}

impl Session<'_> {
    fn script(&self, stage: Stage, arg: &str) -> Option<&Scripted> {
        self.plan.replies.iter().find(|r| r.matches(stage, arg))
    }

    /// The reply to a command at `stage`: a scripted refusal is sent here (None: the command
    /// was refused), a scripted success or `default` is returned for the caller to send.
    fn scripted_or(&mut self, stage: Stage, arg: &str, default: &str) -> Option<String> {
        match self.script(stage, arg) {
            Some(r) if r.code / 100 != 2 => {
                let l = r.line();
                self.c.reply(&l);
                None
            }
            Some(r) => Some(r.line()),
            None => Some(default.to_string()),
        }
    }

    /// Count a client mistake; past [`MAX_ERRORS`] the session ends with 421.
    fn mistake(&mut self, reply: &str) -> Result<(), End> {
        self.c.reply(reply);
        self.errors += 1;
        if self.errors >= MAX_ERRORS {
            self.c
                .reply("421 4.7.0 too many errors in this session: closing");
            return Err(End::Us("too many errors"));
        }
        Ok(())
    }

    /// Count a command that moves no mail; past [`MAX_JUNK`] the session ends with 421 instead
    /// of its reply. Mistakes have their own limit; this one stops a client that stays
    /// connected with NOOP, RSET or VRFY, or RCPT after RCPT past --max-rcpt.
    fn junk(&mut self) -> Result<(), End> {
        self.junk += 1;
        if self.junk > MAX_JUNK {
            self.c.reply(&format!(
                "421 4.7.0 {} too many commands that move no mail (NOOP, RSET, VRFY, HELP, RCPT \
                 past the limit): closing",
                self.plan.hostname
            ));
            return Err(End::Us("too many junk commands"));
        }
        Ok(())
    }

    /// How far a message may go past --max-size and still be read to its end, to be refused
    /// with 552 on a session that goes on (RFC 1870 §6.3): twice the limit, at least 64 KiB and
    /// at most 10 MiB more. Past that the session is closed, which §6.3 allows: a client
    /// streaming without end is not served for free.
    fn read_cap(&self) -> u64 {
        let max = self.plan.max_size;
        max.saturating_add(max.clamp(64 << 10, 10 << 20))
    }

    /// 552 for a message far over --max-size, then 421: the rest of it is not read.
    fn far_over(&mut self) -> End {
        self.tally.rejected.fetch_add(1, Ordering::Relaxed);
        self.c.reply(&format!(
            "552 5.3.4 message exceeds the limit of {} octets (--max-size)",
            self.plan.max_size
        ));
        self.c.reply(&format!(
            "421 4.7.0 {} the message goes too far past --max-size to be read to its end: \
             closing",
            self.plan.hostname
        ));
        End::Us("message far over --max-size")
    }

    async fn run(&mut self) -> Result<(), End> {
        if self.plan.implicit_tls {
            self.handshake().await?;
        }
        let greeting = format!(
            "220 {} {} mailctl smtp sink",
            self.plan.hostname,
            if self.plan.lmtp { "LMTP" } else { "ESMTP" }
        );
        match self.script(Stage::Banner, "").cloned() {
            Some(r) if r.code == 421 => {
                self.c.reply(&r.line());
                return Err(End::Us("scripted 421 greeting"));
            }
            Some(r) => {
                self.refused = r.code / 100 != 2;
                self.c.reply(&r.line());
            }
            None => self.c.reply(&greeting),
        }
        loop {
            // Between transactions a stopping sink does not wait for this client.
            self.c.idle = self.txn.is_none();
            let line = match self.c.line(MAX_AUTH_LINE).await? {
                Line::TooLong(n, head) => {
                    // Only the first 64 bytes were kept; an AUTH line's are hidden all the same.
                    if let Some(r) = redact_auth(&head).filter(|_| !self.c.ctx.show_secrets) {
                        self.c.recv(
                            &head,
                            Some(r),
                            Some(format!("{n} octets: longer than {MAX_AUTH_LINE}")),
                        );
                        // RFC 4954 §4.
                        self.mistake("500 5.5.6 authentication exchange line too long")?;
                        continue;
                    }
                    self.c.recv(
                        &head,
                        Some(format!("{}…", escape_bytes(&head))),
                        Some(format!("{n} octets: longer than {MAX_COMMAND}")),
                    );
                    self.mistake(&format!(
                        "500 5.5.2 line too long (at most {MAX_COMMAND} octets, RFC 5321 §4.5.3.1.4)"
                    ))?;
                    continue;
                }
                Line::Text(l) => l,
            };
            let cmd = parse_command(&line);
            if line.len() + 2 > MAX_COMMAND && !matches!(cmd, Cmd::Auth { .. }) {
                self.c.recv_command(&line, None);
                self.mistake(&format!(
                    "500 5.5.2 line too long (at most {MAX_COMMAND} octets, RFC 5321 §4.5.3.1.4)"
                ))?;
                continue;
            }
            self.c.recv_command(&line, None);
            if self.refused && cmd != Cmd::Quit {
                self.mistake("503 5.5.1 no service here: only QUIT")?;
                continue;
            }
            let arg = match line.iter().position(|&b| b == b' ') {
                Some(i) => String::from_utf8_lossy(&line[i + 1..]).into_owned(),
                None => String::new(),
            };
            if self.command(cmd, &arg).await? {
                return Ok(());
            }
        }
    }

    /// Handle one command (`arg`: what followed the verb, for `--reply` matchers); true after
    /// QUIT.
    async fn command(&mut self, cmd: Cmd, arg: &str) -> Result<bool, End> {
        match cmd {
            Cmd::Ehlo(d) => self.hello(d, "EHLO")?,
            Cmd::Helo(d) => self.hello(d, "HELO")?,
            Cmd::Lhlo(d) => self.hello(d, "LHLO")?,
            Cmd::Quit => {
                let r = self
                    .script(Stage::Quit, "")
                    .map(Scripted::line)
                    .unwrap_or_else(|| format!("221 2.0.0 {} closing", self.plan.hostname));
                self.c.reply(&r);
                return Ok(true);
            }
            Cmd::Noop => {
                self.junk()?;
                self.c.reply("250 2.0.0 Ok");
            }
            Cmd::Vrfy => {
                self.junk()?;
                self.c
                    .reply("252 2.1.5 cannot VRFY, but will take the message");
            }
            Cmd::Help => {
                self.junk()?;
                self.c
                    .reply("214 2.0.0 mailctl smtp sink: see `mailctl smtp sink --help`");
            }
            Cmd::Rset => {
                // An RSET that ends a transaction is part of the mail flow (a client resets
                // after a refused recipient); one with nothing to reset moves no mail.
                if self.txn.is_none() {
                    self.junk()?;
                }
                // RFC 5321 §4.1.1.5: the transaction (and a BDAT transfer) is dropped.
                self.txn = None;
                let r = self
                    .script(Stage::Rset, "")
                    .map(Scripted::line)
                    .unwrap_or_else(|| "250 2.0.0 Ok".into());
                self.c.reply(&r);
            }
            Cmd::Starttls => self.starttls().await?,
            Cmd::Auth { mech, initial } => self.auth(&mech, initial).await?,
            Cmd::Mail(p) => self.mail(p, arg)?,
            Cmd::Rcpt(p) => self.rcpt(p, arg)?,
            Cmd::Data => self.data().await?,
            Cmd::Bdat { size, last } => self.bdat(size, last, arg).await?,
            Cmd::Unknown(verb) => {
                self.mistake(&format!("500 5.5.2 command not recognized: {verb}"))?
            }
            Cmd::Bad(why) => self.mistake(&format!("501 {why}"))?,
        }
        Ok(false)
    }

    /// EHLO / HELO / LHLO (RFC 5321 §4.1.1.1, RFC 2033 §4.1): a new greeting resets the
    /// transaction.
    fn hello(&mut self, domain: String, word: &str) -> Result<(), End> {
        match (word, self.plan.lmtp) {
            ("LHLO", false) => return self.mistake("500 5.5.1 LHLO is LMTP: this is SMTP"),
            ("EHLO" | "HELO", true) => {
                return self.mistake("500 5.5.1 this is LMTP: use LHLO (RFC 2033 §4.1)");
            }
            _ => {}
        }
        let stage = if word == "HELO" {
            Stage::Helo
        } else {
            Stage::Ehlo
        };
        let scripted = self.script(stage, &domain).cloned();
        if let Some(r) = &scripted
            && r.code / 100 != 2
        {
            self.c.reply(&r.line());
            return Ok(());
        }
        self.txn = None;
        let extended = word != "HELO";
        let first = match &scripted {
            Some(r) => r.text.clone(),
            None => format!("{} greets {}", self.plan.hostname, clean_name(&domain)),
        };
        self.helo = Some(domain);
        self.esmtp = extended;
        if !extended {
            self.c.reply(&format!("250 {first}"));
            return Ok(());
        }
        let mut lines = vec![
            first,
            "PIPELINING".to_string(),
            format!("SIZE {}", self.plan.max_size),
            "8BITMIME".into(),
            "SMTPUTF8".into(),
            "ENHANCEDSTATUSCODES".into(),
            "DSN".into(),
            "CHUNKING".into(),
        ];
        // RFC 8689 §2: REQUIRETLS is only for a session under TLS, so it is only offered there.
        if self.c.tls {
            lines.push("REQUIRETLS".into());
        }
        if self.tls_server.is_some() && !self.c.tls {
            lines.push("STARTTLS".into());
        }
        if self.auth_offered() {
            lines.push("AUTH PLAIN LOGIN CRAM-MD5".into());
        }
        self.c.reply_lines(250, &lines);
        Ok(())
    }

    fn auth_offered(&self) -> bool {
        !matches!(self.plan.auth, AuthPolicy::Off)
            && (self.c.tls || self.plan.auth_plaintext)
            && self.auth_user.is_none()
    }

    /// TLS now: the server side of the handshake, after STARTTLS or at once (`--tls`).
    async fn handshake(&mut self) -> Result<(), End> {
        let Some(tls) = self.tls_server else {
            return Err(End::Us("no TLS configured"));
        };
        let placeholder: BoxIo = Box::new(tokio::io::duplex(1).0);
        let io = std::mem::replace(&mut self.c.io, placeholder);
        let left = self.c.session_end.saturating_duration_since(Instant::now());
        match tls
            .accept(io, self.plan.timeout.min(left), &self.c.ctx)
            .await
        {
            Ok((stream, accepted)) => {
                self.c.io = Box::new(stream);
                self.c.tls = true;
                self.tls = Some(accepted);
                Ok(())
            }
            Err(f) => {
                self.c.ctx.warn(f.message);
                Err(End::Us("TLS handshake failed"))
            }
        }
    }

    /// STARTTLS (RFC 3207): 220, then whatever the client sent after the command is dropped
    /// unread — it arrived in plaintext and could be injected (CVE-2011-0411 class) — then the
    /// handshake, then a fresh session (§4.2: forget the EHLO and everything learned).
    async fn starttls(&mut self) -> Result<(), End> {
        if self.c.tls {
            return self.mistake("503 5.5.1 TLS is already active");
        }
        if self.tls_server.is_none() {
            return self.mistake("502 5.5.1 STARTTLS is not offered here (no --cert/--key)");
        }
        let go = match self.script(Stage::Starttls, "").cloned() {
            Some(r) if r.code != 220 => {
                self.c.reply(&r.line());
                return Ok(());
            }
            Some(r) => r.line(),
            None => "220 2.0.0 Ready to start TLS".to_string(),
        };
        self.c.reply(&go);
        self.c.flush().await?;
        let early = self.c.take_buffered();
        if !early.is_empty() {
            let ctx = &self.c.ctx;
            ctx.emit(EventKind::Discarded {
                bytes: early.len(),
                preview: discard_preview(&early, ctx.show_secrets),
                tls: false,
            });
            ctx.warn(format!(
                "the client sent {} bytes after STARTTLS, before the TLS handshake: discarded \
                 unread (RFC 3207 §4.2; a command injection, CVE-2011-0411 class, would be here)",
                early.len()
            ));
        }
        self.handshake().await?;
        self.helo = None;
        self.esmtp = false;
        self.txn = None;
        self.auth_user = None;
        Ok(())
    }

    /// One SASL response line: None when the client cancelled (`*`) or sent something too
    /// long or not base64 (already answered). Shown as `***` unless --show-secrets.
    async fn sasl_line(&mut self, note: &str) -> Result<Option<Vec<u8>>, End> {
        let line = match self.c.line(MAX_AUTH_LINE).await? {
            Line::TooLong(n, _) => {
                self.c.recv(
                    b"",
                    Some("***".into()),
                    Some(format!("{n} octets: too long")),
                );
                self.mistake("500 5.5.6 authentication exchange line too long")?;
                return Ok(None);
            }
            Line::Text(l) => l,
        };
        if line == b"*" {
            self.c.recv(&line, None, None);
            self.mistake("501 5.7.0 authentication cancelled")?;
            return Ok(None);
        }
        let shown = (!self.c.ctx.show_secrets).then(|| "***".to_string());
        self.c.recv(&line, shown, Some(note.to_string()));
        match B64.decode(&line) {
            Ok(b) => Ok(Some(b)),
            Err(_) => {
                self.mistake("501 5.5.2 cannot decode the response (not base64)")?;
                Ok(None)
            }
        }
    }

    /// AUTH (RFC 4954) with PLAIN (RFC 4616), LOGIN or CRAM-MD5 (RFC 2195).
    async fn auth(&mut self, mech: &str, initial: Option<String>) -> Result<(), End> {
        if self.auth_user.is_some() {
            return self.mistake("503 5.5.1 already authenticated");
        }
        if self.txn.is_some() {
            return self.mistake("503 5.5.1 AUTH is not allowed during a mail transaction");
        }
        if matches!(self.plan.auth, AuthPolicy::Off) {
            return self.mistake("502 5.5.1 AUTH is not offered here");
        }
        if !self.c.tls && !self.plan.auth_plaintext {
            // RFC 4954 §6: 538, encryption required for the mechanism.
            return self.mistake("538 5.7.11 encryption required: use STARTTLS first");
        }
        let initial = match initial.as_deref() {
            None => None,
            // RFC 4954 §4: `=` is an empty initial response.
            Some("=") => Some(Vec::new()),
            Some(b) => match B64.decode(b) {
                Ok(v) => Some(v),
                Err(_) => return self.mistake("501 5.5.2 cannot decode the initial response"),
            },
        };
        let (user, ok) = match mech {
            "PLAIN" => {
                let resp = match initial {
                    Some(r) => r,
                    None => {
                        self.c.reply("334 ");
                        match self.sasl_line("PLAIN response").await? {
                            Some(r) => r,
                            None => return Ok(()),
                        }
                    }
                };
                // authzid NUL authcid NUL passwd
                let mut parts = resp.split(|&b| b == 0);
                let (_, authcid, pass) = (parts.next(), parts.next(), parts.next());
                let (Some(authcid), Some(pass), None) = (authcid, pass, parts.next()) else {
                    return self.mistake("501 5.5.2 malformed PLAIN response");
                };
                let user = String::from_utf8_lossy(authcid).into_owned();
                let ok = self.password_ok(&user, pass);
                (user, ok)
            }
            "LOGIN" => {
                let name = match initial {
                    Some(u) => u,
                    None => {
                        self.c.reply("334 VXNlcm5hbWU6");
                        match self.sasl_line("LOGIN user name").await? {
                            Some(u) => u,
                            None => return Ok(()),
                        }
                    }
                };
                self.c.reply("334 UGFzc3dvcmQ6");
                let Some(pass) = self.sasl_line("LOGIN password").await? else {
                    return Ok(());
                };
                let user = String::from_utf8_lossy(&name).into_owned();
                let ok = self.password_ok(&user, &pass);
                (user, ok)
            }
            "CRAM-MD5" => {
                let nonce = self.tally.nonce.fetch_add(1, Ordering::Relaxed);
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                let challenge = format!(
                    "<{}.{nonce}.{now}@{}>",
                    std::process::id(),
                    self.plan.hostname
                );
                self.c.reply(&format!("334 {}", B64.encode(&challenge)));
                let Some(resp) = self.sasl_line("CRAM-MD5 response").await? else {
                    return Ok(());
                };
                let text = String::from_utf8_lossy(&resp).into_owned();
                let Some((user, digest)) = text.rsplit_once(' ') else {
                    return self.mistake("501 5.5.2 malformed CRAM-MD5 response");
                };
                let ok = match &self.plan.auth {
                    AuthPolicy::Any => true,
                    AuthPolicy::User { user: u, password } => {
                        use hmac::{Hmac, Mac};
                        let want = Hmac::<md5::Md5>::new_from_slice(password.expose().as_bytes())
                            .map(|mut m| {
                                m.update(challenge.as_bytes());
                                m.finalize()
                                    .into_bytes()
                                    .iter()
                                    .map(|b| format!("{b:02x}"))
                                    .collect::<String>()
                            })
                            .unwrap_or_default();
                        same(user.as_bytes(), u.as_bytes())
                            & same(digest.to_ascii_lowercase().as_bytes(), want.as_bytes())
                    }
                    AuthPolicy::Off => false,
                };
                (user.to_string(), ok)
            }
            _ => {
                return self.mistake(
                    "504 5.5.4 unrecognized authentication type (PLAIN, LOGIN, CRAM-MD5)",
                );
            }
        };
        let (ok, reply) = match self.script(Stage::Auth, mech) {
            Some(r) => (r.code / 100 == 2, r.line()),
            None if ok => (true, "235 2.7.0 Authentication successful".to_string()),
            None => (
                false,
                "535 5.7.8 Authentication credentials invalid".to_string(),
            ),
        };
        if ok {
            if self.c.emits() {
                self.c
                    .ctx
                    .info(format!("the client authenticated as {user:?}"));
            }
            self.auth_user = Some(user);
            self.c.reply(&reply);
            Ok(())
        } else {
            self.mistake(&reply)
        }
    }

    fn password_ok(&self, user: &str, pass: &[u8]) -> bool {
        match &self.plan.auth {
            AuthPolicy::Any => true,
            AuthPolicy::User { user: u, password } => {
                same(user.as_bytes(), u.as_bytes()) & same(pass, password.expose().as_bytes())
            }
            AuthPolicy::Off => false,
        }
    }

    /// MAIL FROM (RFC 5321 §4.1.1.2) with SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH parameters.
    fn mail(&mut self, p: Path, arg: &str) -> Result<(), End> {
        if self.tally.closing.load(Ordering::Relaxed) {
            // No new transaction once the sink stops: 421 on the way out.
            return Err(End::Stop);
        }
        if self.helo.is_none() {
            let hello = if self.plan.lmtp { "LHLO" } else { "EHLO/HELO" };
            return self.mistake(&format!("503 5.5.1 send {hello} first"));
        }
        if self.txn.is_some() {
            return self.mistake("503 5.5.1 nested MAIL command");
        }
        if !self.esmtp && !p.params.is_empty() {
            return self.mistake("555 5.5.4 parameters need EHLO");
        }
        let mut params = Params::default();
        for (k, v) in &p.params {
            match (k.as_str(), v.as_deref()) {
                ("SIZE", Some(n)) if n.len() <= 20 && n.bytes().all(|b| b.is_ascii_digit()) => {
                    let n: u64 = n.parse().unwrap_or(u64::MAX);
                    if n > self.plan.max_size {
                        // RFC 1870 §6.2.
                        self.c.reply(&format!(
                            "552 5.3.4 message size {n} exceeds the limit of {} octets",
                            self.plan.max_size
                        ));
                        return Ok(());
                    }
                    params.size = Some(n);
                }
                ("BODY", Some(b))
                    if b.eq_ignore_ascii_case("7BIT") || b.eq_ignore_ascii_case("8BITMIME") =>
                {
                    params.body = Some(b.to_ascii_uppercase());
                }
                ("SMTPUTF8", None) => params.smtputf8 = true,
                ("REQUIRETLS", None) if self.c.tls => params.requiretls = true,
                ("RET", Some(r))
                    if r.eq_ignore_ascii_case("FULL") || r.eq_ignore_ascii_case("HDRS") =>
                {
                    params.ret = Some(r.to_ascii_uppercase());
                }
                ("ENVID", Some(e)) if e.len() <= 100 => match xtext_decode(e) {
                    Some(d) => params.envid = Some(d),
                    None => return self.mistake("501 5.5.4 ENVID is not xtext (RFC 3461 §4)"),
                },
                // RFC 4954 §5: taken and not used.
                ("AUTH", Some(_)) => {}
                _ => {
                    let k = escape_bytes(k.as_bytes());
                    return self.mistake(&format!(
                        "555 5.5.4 MAIL parameter {k} not recognized or malformed"
                    ));
                }
            }
        }
        if !p.addr.is_ascii() && !params.smtputf8 {
            return self.mistake(
                "553 5.6.7 a non-ASCII address needs the SMTPUTF8 parameter (RFC 6531 §3.4)",
            );
        }
        let Some(reply) = self.scripted_or(Stage::Mail, arg, "250 2.1.0 Ok") else {
            return Ok(());
        };
        self.txn = Some(Txn {
            from: p.addr,
            params,
            ..Txn::default()
        });
        self.c.reply(&reply);
        Ok(())
    }

    /// RCPT TO (RFC 5321 §4.1.1.3) with NOTIFY and ORCPT (RFC 3461 §4.1, §4.2).
    fn rcpt(&mut self, p: Path, arg: &str) -> Result<(), End> {
        let Some(txn) = &self.txn else {
            return self.mistake("503 5.5.1 need MAIL before RCPT");
        };
        if txn.bdat.is_some() {
            return self.mistake("503 5.5.1 RCPT after BDAT");
        }
        if txn.rcpts.len() >= self.plan.max_rcpt {
            self.junk()?;
            // RFC 5321 §4.5.3.1.10: 452 for too many recipients.
            self.c.reply(&format!(
                "452 4.5.3 too many recipients (at most {})",
                self.plan.max_rcpt
            ));
            return Ok(());
        }
        if !self.esmtp && !p.params.is_empty() {
            return self.mistake("555 5.5.4 parameters need EHLO");
        }
        let smtputf8 = txn.params.smtputf8;
        let mut rp = RcptParams {
            addr: p.addr.clone(),
            ..RcptParams::default()
        };
        for (k, v) in &p.params {
            match (k.as_str(), v.as_deref()) {
                ("NOTIFY", Some(n)) if notify_ok(n) => rp.notify = Some(n.to_ascii_uppercase()),
                ("ORCPT", Some(o)) if o.len() <= 500 && o.contains(';') => match xtext_decode(o) {
                    Some(d) => rp.orcpt = Some(d),
                    None => return self.mistake("501 5.5.4 ORCPT is not xtext (RFC 3461 §4.2)"),
                },
                _ => {
                    let k = escape_bytes(k.as_bytes());
                    return self.mistake(&format!(
                        "555 5.5.4 RCPT parameter {k} not recognized or malformed"
                    ));
                }
            }
        }
        if !p.addr.is_ascii() && !smtputf8 {
            return self.mistake(
                "553 5.6.7 a non-ASCII address needs SMTPUTF8 on MAIL FROM (RFC 6531 §3.4)",
            );
        }
        let Some(reply) = self.scripted_or(Stage::Rcpt, arg, "250 2.1.5 Ok") else {
            return Ok(());
        };
        if let Some(txn) = &mut self.txn {
            txn.rcpts.push(p.addr);
            txn.params.rcpt.push(rp);
        }
        self.c.reply(&reply);
        Ok(())
    }

    fn next_id(&self) -> String {
        format!("{:06}", self.tally.seq.fetch_add(1, Ordering::Relaxed) + 1)
    }

    /// A spool for a new message, its Received: header already written (RFC 5321 §4.4).
    fn open_transfer(&mut self, id: &str) -> Transfer {
        let mut t = Transfer {
            spool: None,
            bytes: 0,
            lines: 0,
            over: false,
            store_error: None,
            refused: false,
            header: 0,
            id: id.to_string(),
            bare: false,
        };
        match self.store.begin(id) {
            Ok(mut s) => {
                let h = self.received_header(id);
                match s.write(h.as_bytes()) {
                    Ok(()) => {
                        t.header = h.len() as u64;
                        t.spool = Some(s);
                    }
                    Err(f) => t.store_error = Some(f),
                }
            }
            Err(f) => t.store_error = Some(f),
        }
        t
    }

    /// The reply to DATA or BDAT when no recipient was accepted: SMTP may say 503 or 554 (RFC
    /// 5321 §3.3; 554 is what Postfix says), LMTP MUST say 503 (RFC 2033 §4.2).
    fn no_recipients(&self) -> &'static str {
        if self.plan.lmtp {
            "503 5.5.1 no valid recipients"
        } else {
            "554 5.5.1 no valid recipients"
        }
    }

    /// DATA (RFC 5321 §4.1.1.4): 354, then the message up to CRLF.CRLF, dot-unstuffed.
    async fn data(&mut self) -> Result<(), End> {
        let Some(txn) = &self.txn else {
            return self.mistake("503 5.5.1 need MAIL before DATA");
        };
        if txn.bdat.is_some() {
            return self.mistake("503 5.5.1 DATA after BDAT");
        }
        if txn.rcpts.is_empty() {
            return self.mistake(self.no_recipients());
        }
        let go = match self.script(Stage::Data, "").cloned() {
            Some(r) if r.code != 354 => {
                self.c.reply(&r.line());
                return Ok(());
            }
            Some(r) => r.line(),
            None => "354 End data with <CR><LF>.<CR><LF>".to_string(),
        };
        let id = self.next_id();
        let mut t = self.open_transfer(&id);
        self.c.reply(&go);
        self.receive_data(&mut t).await?;
        self.finish(t, "data").await
    }

    /// The message after 354, through the end-of-data line, into `t`.
    async fn receive_data(&mut self, t: &mut Transfer) -> Result<(), End> {
        let mut at = Instant::now() + self.plan.timeout;
        let mut credit = 0usize;
        let mut dots = Unstuff::default();
        let mut out = Vec::with_capacity(READ_CHUNK);
        let mut shown = Vec::new();
        loop {
            if self.c.pos == self.c.buf.len() {
                let before = self.c.buf.len() - self.c.pos;
                if !self.c.fill(at).await? {
                    return Err(End::Closed {
                        partial: t.bytes as usize + 1,
                    });
                }
                credit += self.c.buf.len() - self.c.pos - before;
                if credit >= PROGRESS_BYTES {
                    credit = 0;
                    at = Instant::now() + self.plan.timeout;
                }
            }
            let (used, done) = dots.feed(&self.c.buf[self.c.pos..], &mut out);
            self.c.pos += used;
            t.lines += memchr::memchr_iter(b'\n', &out).count() as u64;
            if self.plan.show_data {
                self.show(&out, &mut shown, done);
            }
            self.keep(t, &out);
            out.clear();
            if done {
                t.bare = dots.bare;
                return Ok(());
            }
            if t.bytes > self.read_cap() {
                return Err(self.far_over());
            }
        }
    }

    /// `--show-data`: each message line as a client line, cut at [`SHOWN_LINE`].
    fn show(&self, bytes: &[u8], line: &mut Vec<u8>, done: bool) {
        for &b in bytes {
            if b == b'\n' {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.c.recv(line, None, None);
                line.clear();
            } else if line.len() < SHOWN_LINE {
                line.push(b);
            }
        }
        if done && !line.is_empty() {
            self.c.recv(line, None, None);
            line.clear();
        }
    }

    /// Count message bytes against --max-size and write them to the spool while it lasts.
    fn keep(&self, t: &mut Transfer, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        t.bytes += bytes.len() as u64;
        if t.bytes > self.plan.max_size {
            // Over the limit: keep reading to the end (RFC 1870 §6.3), store nothing more.
            t.over = true;
            t.spool = None;
            return;
        }
        if let Some(s) = &mut t.spool
            && let Err(f) = s.write(bytes)
        {
            t.store_error = Some(f);
            t.spool = None;
        }
    }

    /// BDAT (RFC 3030 §2): exactly `size` octets follow the command; LAST ends the message.
    /// A chunk that is refused is read and dropped, so that the session stays in step (§2:
    /// chunks already pipelined after a failed one are discarded) — unless it is larger than
    /// any message this sink would read: then it is refused and the session closed without
    /// reading it (`BDAT 999999999999999` is a valid command).
    async fn bdat(&mut self, size: u64, last: bool, arg: &str) -> Result<(), End> {
        let usable = self.txn.as_ref().is_some_and(|t| !t.rcpts.is_empty());
        if !usable {
            let refusal = if self.txn.is_none() {
                "503 5.5.1 need MAIL before BDAT"
            } else {
                self.no_recipients()
            };
            if size > self.plan.max_size {
                self.c.reply(refusal);
                self.c.reply(&format!(
                    "421 4.7.0 {} BDAT chunk of {size} octets without a transaction: not read, \
                     closing",
                    self.plan.hostname
                ));
                return Err(End::Us("BDAT chunk too large to skip"));
            }
            self.chunk(size, None).await?;
            return self.mistake(refusal);
        }
        let mut t = match self.txn.as_mut().and_then(|x| x.bdat.take()) {
            Some(t) => t,
            None => {
                let id = self.next_id();
                self.open_transfer(&id)
            }
        };
        let after = t.bytes.saturating_add(size);
        if after > self.read_cap() {
            // Refused in any case, and too big to skip: closed unread (RFC 1870 §6.3).
            if !t.refused {
                return Err(self.far_over());
            }
            self.c
                .reply("503 5.5.1 an earlier chunk was refused: send RSET");
            self.c.reply(&format!(
                "421 4.7.0 {} BDAT chunk of {size} octets after a refused one: not read, closing",
                self.plan.hostname
            ));
            return Err(End::Us("BDAT chunk too large to skip"));
        }
        let crosses = !t.refused && after > self.plan.max_size;
        let taking = !t.refused && !crosses;
        self.chunk(size, if taking { Some(&mut t) } else { None })
            .await?;
        if !taking {
            t.bytes = after;
            t.refused = true;
            t.spool = None;
        }
        let put_back = |s: &mut Self, t: Transfer| {
            if last {
                s.txn = None;
            } else if let Some(x) = &mut s.txn {
                x.bdat = Some(t);
            }
        };
        if crosses {
            // The chunk that crosses the limit is the one refused (RFC 1870 §6.3, RFC 3030
            // §2), and the transaction with it: what follows is discarded until RSET.
            self.tally.rejected.fetch_add(1, Ordering::Relaxed);
            put_back(self, t);
            self.c.reply(&format!(
                "552 5.3.4 message exceeds the limit of {} octets (--max-size)",
                self.plan.max_size
            ));
            return Ok(());
        }
        if !taking {
            put_back(self, t);
            return self.mistake("503 5.5.1 an earlier chunk was refused: send RSET");
        }
        if let Some(r) = self.script(Stage::Bdat, arg).cloned()
            && r.code / 100 != 2
        {
            self.c.reply(&r.line());
            self.tally
                .rejected
                .fetch_add(u64::from(last), Ordering::Relaxed);
            t.refused = true;
            t.spool = None;
            put_back(self, t);
            return Ok(());
        }
        if !last {
            put_back(self, t);
            self.c.reply(&format!("250 2.0.0 {size} octets received"));
            return Ok(());
        }
        self.finish(t, "bdat").await
    }

    /// Read one BDAT chunk of `size` octets into `t` (or drop it).
    async fn chunk(&mut self, size: u64, mut t: Option<&mut Transfer>) -> Result<(), End> {
        let mut left = size;
        let mut at = Instant::now() + self.plan.timeout;
        let mut credit = 0usize;
        let mut shown = Vec::new();
        while left > 0 {
            if self.c.pos == self.c.buf.len() {
                if !self.c.fill(at).await? {
                    return Err(End::Closed {
                        partial: (size - left) as usize + 1,
                    });
                }
                credit += self.c.buf.len() - self.c.pos;
                if credit >= PROGRESS_BYTES {
                    credit = 0;
                    at = Instant::now() + self.plan.timeout;
                }
            }
            let avail = self.c.buf.len() - self.c.pos;
            let n = avail.min(usize::try_from(left).unwrap_or(usize::MAX));
            let bytes = self.c.buf[self.c.pos..self.c.pos + n].to_vec();
            self.c.pos += n;
            left -= n as u64;
            if let Some(t) = t.as_deref_mut() {
                t.lines += memchr::memchr_iter(b'\n', &bytes).count() as u64;
                if self.plan.show_data {
                    self.show(&bytes, &mut shown, left == 0);
                }
                self.keep(t, &bytes);
            }
        }
        Ok(())
    }

    /// The end of a message (DATA's dot, BDAT LAST): the reply (LMTP: one per recipient, RFC
    /// 2033 §4.2), and the message stored when it was taken for anyone.
    async fn finish(&mut self, mut t: Transfer, transfer: &str) -> Result<(), End> {
        let Some(txn) = self.txn.take() else {
            return Ok(());
        };
        // A whole message came: commands that move no mail are counted afresh (Postfix resets
        // its junk count after each message, too).
        self.junk = 0;
        let ctx = self.c.ctx.clone();
        if !self.plan.show_data && ctx.emits() {
            ctx.emit(EventKind::DataReceived {
                lines: t.lines,
                bytes: t.bytes,
                tls: self.c.tls,
            });
        }
        if t.bare {
            ctx.warn(
                "the message has a bare CR or LF (RFC 5321 §2.3.8): kept as sent; only CRLF.CRLF \
                 ends a message here (no SMTP smuggling)",
            );
        }
        let n = if self.plan.lmtp { txn.rcpts.len() } else { 1 };
        let fail_all = |c: &mut Conn, line: &str| {
            for _ in 0..n {
                c.reply(line);
            }
        };
        if t.over {
            self.tally.rejected.fetch_add(1, Ordering::Relaxed);
            fail_all(
                &mut self.c,
                &format!(
                    "552 5.3.4 message exceeds the limit of {} octets (--max-size)",
                    self.plan.max_size
                ),
            );
            return Ok(());
        }
        if let Some(f) = t.store_error.take() {
            self.tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!("message {} not stored: {}", t.id, f.message));
            fail_all(
                &mut self.c,
                "451 4.3.0 local error: the message could not be stored",
            );
            return Ok(());
        }
        // Each recipient's reply: scripted (`dot`, matched against the recipient) or taken.
        let replies: Vec<(String, Option<String>)> = if self.plan.lmtp {
            txn.rcpts
                .iter()
                .map(|r| {
                    let scripted = self.script(Stage::Dot, r).map(Scripted::line);
                    (r.clone(), scripted)
                })
                .collect()
        } else {
            let scripted = self
                .plan
                .replies
                .iter()
                .find(|s| {
                    s.stage == Stage::Dot
                        && (s.matcher.is_none()
                            || txn.rcpts.iter().any(|r| s.matches(Stage::Dot, r)))
                })
                .map(Scripted::line);
            vec![(String::new(), scripted)]
        };
        let taken: Vec<String> = if self.plan.lmtp {
            replies
                .iter()
                .filter(|(_, s)| s.as_ref().is_none_or(|l| l.starts_with('2')))
                .map(|(r, _)| r.clone())
                .collect()
        } else if replies[0].1.as_ref().is_none_or(|l| l.starts_with('2')) {
            txn.rcpts.clone()
        } else {
            Vec::new()
        };
        let mut stored: Result<Option<std::path::PathBuf>, Failure> = Ok(None);
        if !taken.is_empty() {
            let rcpt_params = txn
                .params
                .rcpt
                .iter()
                .filter(|p| taken.contains(&p.addr))
                .cloned()
                .collect();
            let env = Envelope {
                id: t.id.clone(),
                mail_from: txn.from.clone(),
                rcpt_to: taken.clone(),
                helo: self.helo.clone(),
                protocol: self.protocol(),
                client: self.peer.addr.to_string(),
                server: self.peer.local.clone(),
                tls: self.tls.clone(),
                auth_user: self.auth_user.clone(),
                params: Params {
                    rcpt: rcpt_params,
                    ..txn.params.clone()
                },
                transfer: transfer.to_string(),
                size: t.header + t.bytes,
                received: crate::utc::fmt_utc(unix_now()),
            };
            stored = match t.spool.take() {
                None => Err(Failure::local_io("internal: no spool")),
                Some(s) if s.blocking() => {
                    match tokio::task::spawn_blocking(move || s.commit(&env)).await {
                        Ok(r) => r,
                        Err(e) => Err(Failure::local_io(format!("storing: {e}"))),
                    }
                }
                Some(s) => s.commit(&env),
            };
        } else {
            self.tally.rejected.fetch_add(1, Ordering::Relaxed);
        }
        if let Err(f) = &stored {
            self.tally.errors.fetch_add(1, Ordering::Relaxed);
            ctx.warn(format!("message {} not stored: {}", t.id, f.message));
            fail_all(
                &mut self.c,
                "451 4.3.0 local error: the message could not be stored",
            );
            return Ok(());
        }
        if !taken.is_empty() {
            let size = t.header + t.bytes;
            self.tally.bytes.fetch_add(size, Ordering::Relaxed);
            self.tally
                .recipients
                .fetch_add(taken.len() as u64, Ordering::Relaxed);
            let count = self.tally.messages.fetch_add(1, Ordering::Relaxed) + 1;
            if self.plan.max_messages.is_some_and(|m| count >= m) {
                self.tally.close();
                self.tally.done.notify_one();
            }
            if ctx.emits() {
                match &stored {
                    Ok(Some(p)) => ctx.info(format!(
                        "message {} ({size} octets) stored as {}",
                        t.id,
                        super::store::shown(p)
                    )),
                    _ => ctx.info(format!(
                        "message {} ({size} octets) taken and discarded",
                        t.id
                    )),
                }
            }
        }
        for (rcpt, scripted) in replies {
            let line = match scripted {
                Some(l) => l,
                None if self.plan.lmtp => {
                    format!("250 2.1.5 <{rcpt}> Ok: delivered as {}", t.id)
                }
                None => format!("250 2.0.0 Ok: queued as {}", t.id),
            };
            self.c.reply(&line);
        }
        Ok(())
    }

    /// The `with` protocol of the Received: header and the envelope (RFC 3848).
    fn protocol(&self) -> String {
        let base = match (self.plan.lmtp, self.esmtp) {
            (true, _) => "LMTP",
            (false, true) => "ESMTP",
            (false, false) => return "SMTP".into(),
        };
        format!(
            "{base}{}{}",
            if self.c.tls { "S" } else { "" },
            if self.auth_user.is_some() { "A" } else { "" }
        )
    }

    /// The trace header this sink adds on top of the message (RFC 5321 §4.4).
    fn received_header(&self, id: &str) -> String {
        let ip = self.peer.addr.ip();
        let literal = match ip {
            std::net::IpAddr::V4(v4) => format!("[{v4}]"),
            std::net::IpAddr::V6(v6) => format!("[IPv6:{v6}]"),
        };
        let helo = self
            .helo
            .as_deref()
            .map(clean_name)
            .unwrap_or_else(|| "unknown".into());
        let tls = match &self.tls {
            Some(t) => format!("\r\n\t(using {} with cipher {})", t.version, t.cipher),
            None => String::new(),
        };
        let for_rcpt = match self.txn.as_ref().map(|t| t.rcpts.as_slice()) {
            Some([one]) => format!("\r\n\tfor <{}>", clean_name(one)),
            _ => String::new(),
        };
        format!(
            "Received: from {helo} ({literal}){tls}\r\n\tby {} (mailctl smtp sink) with {} id {id}{for_rcpt};\r\n\t{}\r\n",
            self.plan.hostname,
            self.protocol(),
            crate::utc::fmt_rfc5322(unix_now())
        )
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A client-supplied name as it may appear in our replies and trace header: printable ASCII
/// without spaces, parentheses or angle brackets, at most 255 characters (anything else `?`).
fn clean_name(s: &str) -> String {
    s.chars()
        .take(255)
        .map(|c| {
            if c.is_ascii_graphic() && !"()<>;\\\"".contains(c)
                || (!c.is_ascii() && !c.is_control())
            {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// NOTIFY (RFC 3461 §4.1): NEVER alone, or a list of SUCCESS, FAILURE, DELAY.
fn notify_ok(n: &str) -> bool {
    let words: Vec<String> = n.split(',').map(str::to_ascii_uppercase).collect();
    if words.iter().any(|w| w == "NEVER") {
        return words.len() == 1;
    }
    !words.is_empty()
        && words
            .iter()
            .all(|w| ["SUCCESS", "FAILURE", "DELAY"].contains(&w.as_str()))
}

/// Equal bytes, in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Where the end-of-data search stands (RFC 5321 §4.1.1.4, §4.5.2). Only CRLF "." CRLF ends a
/// message and only a dot after CRLF is a stuffing dot: a bare LF never starts a line here, so
/// `LF . LF` or `LF . CRLF` can't end a message early (SMTP smuggling, CVE-2023-51764 class).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum At {
    /// At the start of a line (after CRLF, or the first byte of the message).
    #[default]
    Start,
    Mid,
    /// A CR in the middle of a line.
    Cr,
    /// A dot at the start of a line.
    Dot,
    /// Dot, CR at the start of a line.
    DotCr,
}

/// The dot-unstuffing state machine, fed arbitrary chunks. Not POP3's `Unstuff` on purpose:
/// that client takes "." LF as an end (a tolerance on the reading side), where a server must
/// end the message only at CRLF "." CRLF and report bare CR/LF (SMTP smuggling).
#[derive(Debug, Default)]
pub(crate) struct Unstuff {
    st: At,
    /// A bare CR or LF was seen.
    pub(crate) bare: bool,
}

impl Unstuff {
    /// Feed `input`: the message bytes go to `out` (stuffing dots removed); returns how much of
    /// `input` was used and whether the end-of-data line was reached (then nothing after it is
    /// used: it belongs to the next command).
    pub(crate) fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> (usize, bool) {
        for (i, &b) in input.iter().enumerate() {
            self.st = match (self.st, b) {
                (At::Start, b'.') => At::Dot,
                (At::Start | At::Mid, b'\r') => {
                    out.push(b);
                    At::Cr
                }
                (At::Start | At::Mid, b'\n') => {
                    self.bare = true;
                    out.push(b);
                    At::Mid
                }
                (At::Start | At::Mid, _) => {
                    out.push(b);
                    At::Mid
                }
                (At::Cr, b'\n') => {
                    out.push(b);
                    At::Start
                }
                (At::Cr, b'\r') => {
                    self.bare = true;
                    out.push(b);
                    At::Cr
                }
                (At::Cr, _) => {
                    self.bare = true;
                    out.push(b);
                    At::Mid
                }
                // ".." and ".X": the first dot is a stuffing dot (§4.5.2).
                (At::Dot, b'\r') => At::DotCr,
                (At::Dot, b'\n') => {
                    self.bare = true;
                    out.push(b);
                    At::Mid
                }
                (At::Dot, _) => {
                    out.push(b);
                    At::Mid
                }
                (At::DotCr, b'\n') => {
                    self.st = At::Start;
                    return (i + 1, true);
                }
                // ".\rX": a stuffed line that starts with CR.
                (At::DotCr, b'\r') => {
                    self.bare = true;
                    out.extend_from_slice(b"\r\r");
                    At::Cr
                }
                (At::DotCr, _) => {
                    self.bare = true;
                    out.push(b'\r');
                    out.push(b);
                    At::Mid
                }
            };
        }
        (input.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Collect, Event};
    use std::sync::Mutex;

    /// Messages kept in memory.
    type Kept = Arc<Mutex<Vec<(Vec<u8>, Envelope)>>>;

    #[derive(Default)]
    struct Mem(Kept);

    struct MemSpool(Vec<u8>, Kept);

    impl Store for Mem {
        fn begin(&self, _: &str) -> Result<Box<dyn Spool>, Failure> {
            Ok(Box::new(MemSpool(Vec::new(), self.0.clone())))
        }
    }

    impl Spool for MemSpool {
        fn write(&mut self, b: &[u8]) -> Result<(), Failure> {
            self.0.extend_from_slice(b);
            Ok(())
        }
        fn commit(self: Box<Self>, env: &Envelope) -> Result<Option<std::path::PathBuf>, Failure> {
            self.1.lock().unwrap().push((self.0, env.clone()));
            Ok(None)
        }
        fn blocking(&self) -> bool {
            false
        }
    }

    fn plan() -> ServerPlan {
        ServerPlan {
            hostname: "sink.test".into(),
            lmtp: false,
            implicit_tls: false,
            max_size: 1 << 20,
            max_rcpt: 1000,
            timeout: Duration::from_millis(500),
            session_time: Duration::from_secs(60),
            auth: AuthPolicy::Off,
            auth_plaintext: false,
            replies: vec![],
            show_data: false,
            max_messages: None,
        }
    }

    struct Out {
        /// Everything the server wrote.
        text: String,
        /// The reply codes, one per reply line.
        codes: Vec<u16>,
        events: Vec<Event>,
        stored: Vec<(Vec<u8>, Envelope)>,
        tally: Tally,
    }

    impl Out {
        /// The final line of each reply (`250 x`), in order.
        fn finals(&self) -> Vec<&str> {
            self.text
                .split("\r\n")
                .filter(|l| l.len() >= 4 && l.as_bytes()[3] == b' ')
                .collect()
        }
        fn body(&self, i: usize) -> Vec<u8> {
            let m = &self.stored[i].0;
            // Past our Received: header (its last line is the date, then the message).
            let at = m.windows(7).position(|w| w == b" +0000\r").unwrap() + 8;
            m[at..].to_vec()
        }
    }

    /// Run a session: `input` arrives all at once (a client pipelining everything), then the
    /// client closes its side.
    async fn session(plan: ServerPlan, input: &[u8]) -> Out {
        session_shown(plan, input, false).await
    }

    /// [`session`], with --show-secrets or without.
    async fn session_shown(plan: ServerPlan, input: &[u8], show_secrets: bool) -> Out {
        let (a, mut b) = tokio::io::duplex(4 << 20);
        let sink = Arc::new(Collect::default());
        let mut ctx = Ctx::new(sink.clone());
        ctx.show_secrets = show_secrets;
        let ctx = Arc::new(ctx);
        let mem = Mem::default();
        let stored = mem.0.clone();
        let tally = Tally::default();
        let peer = Peer {
            addr: "192.0.2.7:40000".parse().unwrap(),
            local: "127.0.0.1:2525".into(),
        };
        b.write_all(input).await.unwrap();
        b.shutdown().await.unwrap();
        let mut text = Vec::new();
        let serve = serve(a, &peer, &plan, None, &mem, &tally, ctx);
        let read = b.read_to_end(&mut text);
        let (_, r) =
            tokio::time::timeout(Duration::from_secs(10), async { tokio::join!(serve, read) })
                .await
                .expect("the session ended");
        r.unwrap();
        let text = String::from_utf8(text).unwrap();
        let codes = text
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l[..3].parse().unwrap())
            .collect();
        let stored = stored.lock().unwrap().clone();
        Out {
            text,
            codes,
            events: sink.events(),
            stored,
            tally,
        }
    }

    const TXN: &str = "EHLO c.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n";

    #[tokio::test]
    async fn a_pipelined_transaction_is_answered_in_order_and_stored_unstuffed() {
        let input = format!("{TXN}Subject: x\r\n\r\n..leading dot\r\n.\r\nlast\r\n.\r\nQUIT\r\n");
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(
            o.finals(),
            [
                "220 sink.test ESMTP mailctl smtp sink",
                "250 CHUNKING",
                "250 2.1.0 Ok",
                "250 2.1.5 Ok",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 Ok: queued as 000001",
                // The lines after the message's end are commands again.
                "500 5.5.2 command not recognized: last",
                "500 5.5.2 command not recognized: .",
                "221 2.0.0 sink.test closing"
            ],
            "{}",
            o.text
        );
        assert_eq!(o.body(0), b"Subject: x\r\n\r\n.leading dot\r\n");
        let m = String::from_utf8(o.stored[0].0.clone()).unwrap();
        assert!(
            m.starts_with("Received: from c.test ([192.0.2.7])\r\n\tby sink.test (mailctl smtp sink) with ESMTP id 000001\r\n\tfor <c@d.test>;\r\n\t"),
            "{m}"
        );
        let env = &o.stored[0].1;
        assert_eq!(
            (
                env.mail_from.as_str(),
                env.rcpt_to.as_slice(),
                env.helo.as_deref()
            ),
            ("a@b.test", &["c@d.test".to_string()][..], Some("c.test"))
        );
        assert_eq!(env.protocol, "ESMTP");
        assert_eq!(o.tally.messages.load(Ordering::Relaxed), 1);
        // The client's lines are recv events, ours sent events.
        assert!(o.events.iter().any(
            |e| matches!(&e.kind, EventKind::Recv { line, .. } if line == "MAIL FROM:<a@b.test>")
        ));
        assert!(
            o.events
                .iter()
                .any(|e| matches!(&e.kind, EventKind::Sent { line, .. } if line == "250 2.1.0 Ok"))
        );
    }

    #[tokio::test]
    async fn only_crlf_dot_crlf_ends_a_message() {
        // SMTP smuggling: LF.LF and LF.CRLF are message text, not its end.
        let input = format!("{TXN}a\n.\nb\n.\r\nc\r\n.\r\nQUIT\r\n");
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(o.body(0), b"a\n.\nb\n.\r\nc\r\n");
        assert_eq!(o.stored.len(), 1);
        assert!(o.events.iter().any(
            |e| matches!(&e.kind, EventKind::Warning { msg } if msg.contains("bare CR or LF"))
        ));
    }

    #[test]
    fn unstuffing_inverts_the_client_encoding_in_any_chunking() {
        let alphabet = [b'.', b'\r', b'\n', b'a'];
        let mut seed = 0x9e3779b97f4a7c15u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let len = (rnd() % 12) as usize;
            let msg: Vec<u8> = (0..len).map(|_| alphabet[(rnd() % 4) as usize]).collect();
            let (wire, _) = super::super::data::encode_data(&msg);
            let (want, _) = super::super::data::encode_bdat(&msg);
            let mut u = Unstuff::default();
            let mut out = Vec::new();
            let mut at = 0;
            let mut done = false;
            while at < wire.len() {
                let n = 1 + (rnd() % 4) as usize;
                let end = (at + n).min(wire.len());
                let (used, d) = u.feed(&wire[at..end], &mut out);
                at += used;
                if d {
                    done = true;
                    break;
                }
            }
            assert!(done, "{msg:?}");
            assert_eq!(at, wire.len(), "{msg:?}");
            assert_eq!(out, want, "{msg:?}");
        }
    }

    #[tokio::test]
    async fn an_oversized_message_is_read_to_its_end_and_refused() {
        let mut p = plan();
        p.max_size = 100;
        let body = "x".repeat(76) + "\r\n";
        let input = format!("{TXN}{}.\r\nNOOP\r\nQUIT\r\n", body.repeat(50));
        let o = session(p, input.as_bytes()).await;
        assert!(
            o.text
                .contains("552 5.3.4 message exceeds the limit of 100 octets"),
            "{}",
            o.text
        );
        assert!(o.text.contains("250 2.0.0 Ok\r\n221 "), "{}", o.text);
        assert!(o.stored.is_empty());
        assert_eq!(o.tally.rejected.load(Ordering::Relaxed), 1);
        // A declared SIZE over the limit is refused at MAIL (RFC 1870 §6.2).
        let o = session(
            plan(),
            b"EHLO c\r\nMAIL FROM:<a@b> SIZE=99999999\r\nQUIT\r\n",
        )
        .await;
        assert!(
            o.text.contains("552 5.3.4 message size 99999999"),
            "{}",
            o.text
        );
    }

    #[tokio::test]
    async fn overlong_lines_get_500_and_the_session_goes_on() {
        let long = format!("NOOP {}\r\n", "y".repeat(600));
        let huge = format!("{}\r\n", "z".repeat(200_000));
        let input = format!("EHLO c\r\n{long}{huge}NOOP\r\nQUIT\r\n");
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(
            o.codes[o.codes.len() - 4..],
            [500, 500, 250, 221],
            "{}",
            o.text
        );
    }

    #[tokio::test]
    async fn a_client_that_keeps_erring_is_disconnected() {
        let input = "BOGUS\r\n".repeat(100);
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(o.codes.iter().filter(|&&c| c == 500).count(), 20);
        assert_eq!(*o.codes.last().unwrap(), 421);
        assert_eq!(o.tally.errors.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn scripted_replies() {
        let mut p = plan();
        p.replies = vec![Scripted::parse("banner=554").unwrap()];
        let o = session(p, b"EHLO c\r\nMAIL FROM:<a@b>\r\nQUIT\r\n").await;
        assert_eq!(o.codes, [554, 503, 503, 221], "{}", o.text);

        let mut p = plan();
        p.replies = vec![
            Scripted::parse("rcpt:bob@=450 4.2.1 try later").unwrap(),
            Scripted::parse("mail:<x@=553").unwrap(),
        ];
        let o = session(
            p,
            b"EHLO c\r\nMAIL FROM:<x@y>\r\nMAIL FROM:<a@b>\r\nRCPT TO:<BOB@d>\r\nRCPT TO:<al@d>\r\nQUIT\r\n",
        )
        .await;
        assert_eq!(
            o.finals()[2..],
            [
                "553 5.0.0 scripted permanent failure",
                "250 2.1.0 Ok",
                "450 4.2.1 try later",
                "250 2.1.5 Ok",
                "221 2.0.0 sink.test closing"
            ],
            "{}",
            o.text
        );
    }

    #[test]
    fn reply_scripts_parse_or_explain() {
        let r = Scripted::parse("rcpt:bob@=450 4.2.1 later").unwrap();
        assert_eq!(
            (r.stage, r.matcher.as_deref(), r.code, r.text.as_str()),
            (Stage::Rcpt, Some("bob@"), 450, "4.2.1 later")
        );
        assert_eq!(Scripted::parse("DOT=250").unwrap().stage, Stage::Dot);
        for bad in [
            "",
            "rcpt",
            "rcpt=",
            "rcpt=45",
            "rcpt=4500",
            "rcpt=600",
            "rcpt=199",
            "x=250",
            "rcpt:=450",
            "rcpt=450 a\rb",
            "rcpt=abc",
        ] {
            assert!(Scripted::parse(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn lmtp_answers_each_recipient_after_the_message() {
        let mut p = plan();
        p.lmtp = true;
        p.replies = vec![Scripted::parse("dot:bob@=452 4.2.2 mailbox full").unwrap()];
        let input = "LHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<alice@d>\r\nRCPT TO:<bob@d>\r\nDATA\r\nhi\r\n.\r\nEHLO c\r\nQUIT\r\n";
        let o = session(p, input.as_bytes()).await;
        let f = o.finals();
        assert_eq!(f[0], "220 sink.test LMTP mailctl smtp sink");
        assert_eq!(
            f[6..],
            [
                "250 2.1.5 <alice@d> Ok: delivered as 000001",
                "452 4.2.2 mailbox full",
                "500 5.5.1 this is LMTP: use LHLO (RFC 2033 §4.1)",
                "221 2.0.0 sink.test closing"
            ],
            "{}",
            o.text
        );
        assert_eq!(o.stored[0].1.rcpt_to, ["alice@d"]);
        assert_eq!(o.stored[0].1.protocol, "LMTP");
    }

    #[tokio::test]
    async fn bdat_chunks_are_taken_as_they_are() {
        let input = "EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 7\r\n..x\r\n\r\nBDAT 3 LAST\r\nabcQUIT\r\n";
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(o.body(0), b"..x\r\n\r\nabc");
        assert_eq!(o.stored[0].1.transfer, "bdat");
        assert!(
            o.text
                .contains("250 2.0.0 7 octets received\r\n250 2.0.0 Ok: queued as")
        );
        // Without a transaction the chunk is still read, then refused: the session stays in
        // step.
        let o = session(plan(), b"EHLO c\r\nBDAT 4 LAST\r\nQUITQUIT\r\n").await;
        assert_eq!(o.codes[o.codes.len() - 2..], [503, 221], "{}", o.text);
    }

    #[tokio::test]
    async fn envelope_parameters_are_checked_and_kept() {
        let input = "EHLO c\r\nMAIL FROM:<j\u{f6}rg@b> SIZE=10 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=x+2By\r\nRCPT TO:<c@d> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c+40d\r\nRCPT TO:<e@f> NOTIFY=NEVER,DELAY\r\nRCPT TO:<e@f> FOO=1\r\nDATA\r\nx\r\n.\r\nMAIL FROM:<\u{f6}@b>\r\nQUIT\r\n";
        let o = session(plan(), input.as_bytes()).await;
        let env = &o.stored[0].1;
        assert_eq!(env.mail_from, "j\u{f6}rg@b");
        let p = &env.params;
        assert_eq!(
            (
                p.size,
                p.body.as_deref(),
                p.smtputf8,
                p.ret.as_deref(),
                p.envid.as_deref()
            ),
            (Some(10), Some("8BITMIME"), true, Some("HDRS"), Some("x+y"))
        );
        assert_eq!(
            p.rcpt,
            [RcptParams {
                addr: "c@d".into(),
                notify: Some("SUCCESS,FAILURE".into()),
                orcpt: Some("rfc822;c@d".into())
            }]
        );
        let f = o.finals();
        assert!(
            f[4].starts_with("501 ") || f[4].starts_with("555 "),
            "{f:?}"
        );
        assert!(f[5].starts_with("555 5.5.4 RCPT parameter FOO"), "{f:?}");
        assert!(f[8].starts_with("553 5.6.7"), "{f:?}");
    }

    #[tokio::test]
    async fn auth_checks_the_password_and_hides_it() {
        let mut p = plan();
        p.auth = AuthPolicy::User {
            user: "alice".into(),
            password: Secret::new("s3cret-pw"),
        };
        // No TLS and no --auth-plaintext: not offered, 538 when tried.
        let o = session(
            p.clone(),
            b"EHLO c\r\nAUTH PLAIN AGFsaWNlAHMzY3JldC1wdw==\r\nQUIT\r\n",
        )
        .await;
        assert!(!o.text.contains("AUTH PLAIN LOGIN"), "{}", o.text);
        assert!(o.text.contains("538 5.7.11"), "{}", o.text);
        p.auth_plaintext = true;
        let wrong = B64.encode("\0alice\0nope");
        let input = format!(
            "EHLO c\r\nAUTH PLAIN {wrong}\r\nAUTH LOGIN\r\n{}\r\n{}\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n",
            B64.encode("alice"),
            B64.encode("s3cret-pw")
        );
        let o = session(p, input.as_bytes()).await;
        let f = o.finals();
        assert!(f[1].ends_with("AUTH PLAIN LOGIN CRAM-MD5"), "{f:?}");
        assert_eq!(f[2], "535 5.7.8 Authentication credentials invalid");
        assert_eq!(f[3..5], ["334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6"]);
        assert_eq!(f[5], "235 2.7.0 Authentication successful");
        let env = &o.stored[0].1;
        assert_eq!(
            (env.auth_user.as_deref(), env.protocol.as_str()),
            (Some("alice"), "ESMTPA")
        );
        let shown: Vec<String> = o
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Recv { line, .. } => Some(line.clone()),
                _ => None,
            })
            .collect();
        assert!(shown.contains(&"AUTH PLAIN ***".to_string()), "{shown:?}");
        assert!(
            !shown
                .iter()
                .any(|l| l.contains(&wrong) || l.contains(&B64.encode("s3cret-pw")))
        );
    }

    #[tokio::test]
    async fn lmtp_data_without_recipients_is_503() {
        // RFC 2033 §4.2: "503 no valid recipients" (SMTP keeps 554, RFC 5321 §3.3).
        let mut p = plan();
        p.lmtp = true;
        p.replies = vec![Scripted::parse("rcpt=550").unwrap()];
        let input = "LHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nQUIT\r\n";
        let o = session(p.clone(), input.as_bytes()).await;
        assert_eq!(
            o.finals()[4..],
            [
                "503 5.5.1 no valid recipients",
                "221 2.0.0 sink.test closing"
            ],
            "{}",
            o.text
        );
        p.lmtp = false;
        let o = session(p, input.replace("LHLO", "EHLO").as_bytes()).await;
        assert_eq!(o.finals()[4], "554 5.5.1 no valid recipients", "{}", o.text);
    }

    impl Out {
        /// The client lines as the transcript shows them.
        fn shown(&self) -> Vec<String> {
            self.events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Recv { line, .. } => Some(line.clone()),
                    _ => None,
                })
                .collect()
        }
    }

    #[tokio::test]
    async fn auth_secrets_stay_hidden_on_every_path() {
        let mut p = plan();
        p.auth = AuthPolicy::Any;
        p.auth_plaintext = true;
        let secret = "c2VjcmV0LXBhc3N3b3Jk";
        let overlong = format!("AUTH PLAIN {secret}{}", "A".repeat(13_000));
        let long_reply = "QUFB".repeat(4000);
        let input = format!(
            "EHLO c\r\n\
             {overlong}\r\n\
             AUTH PLAIN {secret} extra\r\n\
             auth plain {secret} {}\r\n\
             AUTH\t PLAIN\t{secret}\r\n\
             AUTH{secret}\r\n\
             AUTH {secret}=\r\n\
             AUTH LOGIN\r\n{long_reply}\r\n\
             AUTH LOGIN\r\n{secret}\r\n{secret}\r\n\
             QUIT\r\n",
            "x".repeat(600)
        );
        let o = session(p.clone(), input.as_bytes()).await;
        assert_eq!(
            o.shown()[1..],
            [
                "AUTH PLAIN ***",
                "AUTH PLAIN ***",
                "AUTH PLAIN ***",
                "AUTH PLAIN ***",
                "AUTH ***",
                "AUTH ***",
                "AUTH LOGIN",
                "***",
                "AUTH LOGIN",
                "***",
                "***",
                "QUIT"
            ],
            "{}",
            o.text
        );
        let everything = format!("{:?}{}", o.events, o.text);
        assert!(!everything.contains(secret), "{everything}");
        assert!(!everything.contains(&secret.to_ascii_uppercase()));
        assert!(
            o.text
                .contains("500 5.5.6 authentication exchange line too long")
        );
        // --show-secrets shows them.
        let o = session_shown(p, input.as_bytes(), true).await;
        assert!(
            o.shown().iter().any(|l| l.contains(secret)),
            "{:?}",
            o.shown()
        );
    }

    #[test]
    fn the_starttls_discard_preview_hides_auth() {
        let early = b"AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<a@b>\r\nauth login\r\nYWxpY2U=\r\nc2VjcmV0\r\n*\r\nQUIT\r\nAUTH LOG";
        assert_eq!(
            discard_preview(early, false),
            format!(
                "AUTH PLAIN ***{crlf}MAIL FROM:<a@b>{crlf}AUTH LOGIN{crlf}***{crlf}***{crlf}***{crlf}***{crlf}AUTH LOG",
                crlf = escape_bytes(b"\r\n")
            )
        );
        assert!(discard_preview(early, true).contains("AGFsaWNlAHNlY3JldA=="));
        // Bounded, whatever came.
        let many = b"NOOP\r\n".repeat(1000);
        assert!(discard_preview(&many, false).len() <= PREVIEW);
        assert!(discard_preview(&[b'x'; 5000], false).len() <= PREVIEW);
        assert_eq!(redact_auth(b"AUTH"), Some("AUTH".into()));
        assert_eq!(redact_auth(b"AUT"), None);
        assert_eq!(redact_auth(b"MAIL FROM:<AUTH>"), None);
    }

    #[tokio::test]
    async fn commands_that_move_no_mail_are_limited() {
        let input = format!("EHLO c\r\n{}QUIT\r\n", "NOOP\r\n".repeat(150));
        let o = session(plan(), input.as_bytes()).await;
        let f = o.finals();
        assert_eq!(f.iter().filter(|l| l.starts_with("250 ")).count(), 1 + 100);
        assert_eq!(*o.codes.last().unwrap(), 421, "{}", o.text);
        assert!(!o.text.contains("221 "));
        // VRFY, HELP, RSET with nothing to reset and 452 to RCPT count alike.
        let mut p = plan();
        p.max_rcpt = 1;
        let input = format!(
            "EHLO c\r\nMAIL FROM:<a@b>\r\n{}{}QUIT\r\n",
            "RCPT TO:<c@d>\r\n".repeat(51),
            "VRFY x\r\nHELP\r\nRSET\r\n".repeat(20)
        );
        let o = session(p, input.as_bytes()).await;
        assert_eq!(*o.codes.last().unwrap(), 421, "{}", o.text);
        assert_eq!(o.codes.iter().filter(|&&c| c == 452).count(), 50);
        // Each message starts the count again; an RSET that ends a transaction is no junk.
        let noops = "NOOP\r\n".repeat(99);
        let input = format!(
            "{TXN}x\r\n.\r\n{noops}{}QUIT\r\n",
            "MAIL FROM:<a@b>\r\nRSET\r\n".repeat(150)
        )
        .replacen("EHLO c.test\r\n", &format!("EHLO c.test\r\n{noops}"), 1);
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(*o.codes.last().unwrap(), 221, "{}", o.text);
        assert_eq!(o.stored.len(), 1);
    }

    /// Serve one connection while `client` talks to it; the events.
    async fn live<F, Fut>(plan: ServerPlan, tally: &Tally, client: F) -> Vec<Event>
    where
        F: FnOnce(tokio::io::BufReader<tokio::io::DuplexStream>) -> Fut,
        Fut: std::future::Future<Output = ()>,
    {
        let (a, b) = tokio::io::duplex(1 << 20);
        let sink = Arc::new(Collect::default());
        let ctx = Arc::new(Ctx::new(sink.clone()));
        let mem = Mem::default();
        let peer = Peer {
            addr: "192.0.2.7:40000".parse().unwrap(),
            local: "127.0.0.1:2525".into(),
        };
        let serve = serve(a, &peer, &plan, None, &mem, tally, ctx);
        let talk = client(tokio::io::BufReader::new(b));
        tokio::time::timeout(Duration::from_secs(10), async { tokio::join!(serve, talk) })
            .await
            .expect("the session ended");
        sink.events()
    }

    /// The next reply line the client reads ("" at the end of the stream).
    async fn read_line(c: &mut tokio::io::BufReader<tokio::io::DuplexStream>) -> String {
        use tokio::io::AsyncBufReadExt;
        let mut l = String::new();
        c.read_line(&mut l).await.unwrap();
        l
    }

    #[tokio::test]
    async fn a_session_ends_at_its_session_time_whatever_the_client_does() {
        let mut p = plan();
        p.timeout = Duration::from_secs(5);
        p.session_time = Duration::from_millis(400);
        let tally = Tally::default();
        let started = Instant::now();
        // A client that keeps busy with NOOP (each within --timeout), then one in the middle
        // of a message that trickles in.
        for mid_message in [false, true] {
            let events = live(p.clone(), &tally, |mut c| async move {
                assert!(read_line(&mut c).await.starts_with("220 "));
                if mid_message {
                    c.write_all(b"HELO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
                        .await
                        .unwrap();
                    for _ in 0..4 {
                        read_line(&mut c).await;
                    }
                }
                let last = loop {
                    let w = if mid_message {
                        &b"line\r\n"[..]
                    } else {
                        b"NOOP\r\n"
                    };
                    if c.write_all(w).await.is_err() {
                        break read_line(&mut c).await;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    if !mid_message {
                        let l = read_line(&mut c).await;
                        if !l.starts_with("250 ") {
                            break l;
                        }
                    } else if started.elapsed() > Duration::from_secs(3) {
                        break read_line(&mut c).await;
                    }
                };
                assert!(
                    last.starts_with("421 4.4.2 sink.test session time limit reached"),
                    "{last:?}"
                );
                assert_eq!(read_line(&mut c).await, "", "then the connection is closed");
            })
            .await;
            assert!(
                events.iter().any(
                    |e| matches!(&e.kind, EventKind::Closed { by } if by == "us (session time)")
                )
            );
        }
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(tally.errors.load(Ordering::Relaxed), 2);
    }

    #[tokio::test]
    async fn a_stopping_sink_says_421_to_idle_clients_and_lets_transactions_finish() {
        let mut p = plan();
        p.timeout = Duration::from_secs(5);
        // Idle after EHLO: 421 4.3.2 once the sink stops (after the last call).
        let tally = Tally::default();
        let t = &tally;
        let events = live(p.clone(), t, |mut c| async move {
            read_line(&mut c).await;
            c.write_all(b"EHLO c\r\n").await.unwrap();
            while !read_line(&mut c).await.starts_with("250 ") {}
            let at = Instant::now();
            t.close();
            let l = read_line(&mut c).await;
            assert_eq!(l, "421 4.3.2 sink.test mailctl smtp sink shutting down\r\n");
            assert!(at.elapsed() < LAST_CALL + Duration::from_millis(500));
            assert_eq!(read_line(&mut c).await, "");
        })
        .await;
        assert!(
            events
                .iter()
                .any(|e| matches!(&e.kind, EventKind::Closed { by } if by == "us (shutting down)"))
        );
        assert_eq!(tally.errors.load(Ordering::Relaxed), 0);

        // In the middle of a message: it is taken, QUIT is answered, a new MAIL gets 421.
        for then in ["QUIT", "MAIL FROM:<a@b>"] {
            let tally = Tally::default();
            let t = &tally;
            live(p.clone(), t, |mut c| async move {
                read_line(&mut c).await;
                c.write_all(TXN.as_bytes()).await.unwrap();
                while !read_line(&mut c).await.starts_with("354 ") {}
                c.write_all(b"Subject: x\r\n").await.unwrap();
                t.close();
                tokio::time::sleep(Duration::from_millis(100)).await;
                c.write_all(b"\r\nbody\r\n.\r\n").await.unwrap();
                assert!(read_line(&mut c).await.starts_with("250 2.0.0 Ok: queued"));
                c.write_all(format!("{then}\r\n").as_bytes()).await.unwrap();
                let l = read_line(&mut c).await;
                let want = if then == "QUIT" { "221 " } else { "421 4.3.2 " };
                assert!(l.starts_with(want), "{l}");
            })
            .await;
            assert_eq!(tally.messages.load(Ordering::Relaxed), 1);
        }

        // When the time to finish is over, a transaction under way is told 421 too.
        let tally = Tally::default();
        let t = &tally;
        live(p, t, |mut c| async move {
            read_line(&mut c).await;
            c.write_all(TXN.as_bytes()).await.unwrap();
            while !read_line(&mut c).await.starts_with("354 ") {}
            t.close();
            tokio::time::sleep(LAST_CALL + Duration::from_millis(200)).await;
            t.abort();
            let l = read_line(&mut c).await;
            assert!(l.starts_with("421 4.3.2 "), "{l}");
        })
        .await;
        assert_eq!(tally.messages.load(Ordering::Relaxed), 0);
    }

    #[tokio::test]
    async fn huge_bdat_chunks_are_refused_unread_and_the_session_closed() {
        // No transaction: 503 and 421, without waiting for 10^15 octets (the input ends early
        // and the client never closes: a read would wait for --timeout).
        let o = session(plan(), b"EHLO c\r\nBDAT 999999999999999\r\nQUIT\r\n").await;
        assert_eq!(o.codes[o.codes.len() - 2..], [503, 421], "{}", o.text);
        // In a transaction: 552 and 421.
        let o = session(
            plan(),
            b"EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 999999999999999 LAST\r\nQUIT\r\n",
        )
        .await;
        assert_eq!(o.codes[o.codes.len() - 2..], [552, 421], "{}", o.text);
        assert_eq!(o.tally.rejected.load(Ordering::Relaxed), 1);
        assert!(
            o.events
                .iter()
                .any(|e| matches!(&e.kind, EventKind::Closed { by } if by.contains("far over")))
        );
    }

    #[tokio::test]
    async fn the_bdat_chunk_that_crosses_max_size_gets_552() {
        let mut p = plan();
        p.max_size = 100;
        let c60 = "x".repeat(60);
        let input = format!(
            "EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 60\r\n{c60}BDAT 60\r\n{c60}\
             BDAT 10 LAST\r\n0123456789RSET\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n\
             BDAT 5 LAST\r\nabcdeQUIT\r\n"
        );
        let o = session(p, input.as_bytes()).await;
        assert_eq!(
            o.finals()[4..],
            [
                "250 2.0.0 60 octets received",
                "552 5.3.4 message exceeds the limit of 100 octets (--max-size)",
                "503 5.5.1 an earlier chunk was refused: send RSET",
                "250 2.0.0 Ok",
                "250 2.1.0 Ok",
                "250 2.1.5 Ok",
                "250 2.0.0 Ok: queued as 000002",
                "221 2.0.0 sink.test closing"
            ],
            "{}",
            o.text
        );
        assert_eq!(o.stored.len(), 1);
        assert_eq!(o.body(0), b"abcde");
        assert_eq!(o.tally.rejected.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn a_message_far_over_max_size_is_not_read_to_its_end() {
        let mut p = plan();
        p.max_size = 100;
        // 100 + 64 KiB is read; 200 KiB is too far.
        let body = ("y".repeat(98) + "\r\n").repeat(2048);
        let input = format!("{TXN}{body}.\r\nQUIT\r\n");
        let o = session(p, input.as_bytes()).await;
        assert_eq!(o.codes[o.codes.len() - 3..], [354, 552, 421], "{}", o.text);
        assert!(o.stored.is_empty());
        assert_eq!(o.tally.rejected.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn too_many_recipients_get_452() {
        let mut p = plan();
        p.max_rcpt = 2;
        let input = "EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@d>\r\nRCPT TO:<2@d>\r\nRCPT TO:<3@d>\r\nQUIT\r\n";
        let o = session(p, input.as_bytes()).await;
        assert_eq!(o.codes[o.codes.len() - 4..], [250, 250, 452, 221]);
    }

    #[tokio::test]
    async fn state_errors_follow_rfc_5321() {
        let input = "MAIL FROM:<a@b>\r\nHELO c\r\nRCPT TO:<c@d>\r\nDATA\r\nMAIL FROM:<a@b> SIZE=1\r\nMAIL FROM:<a@b>\r\nMAIL FROM:<a@b>\r\nDATA\r\nSTARTTLS\r\nAUTH PLAIN\r\nLHLO x\r\nRSET\r\nQUIT\r\n";
        let o = session(plan(), input.as_bytes()).await;
        assert_eq!(
            o.codes,
            [
                220, 503, 250, 503, 503, 555, 250, 503, 554, 502, 503, 500, 250, 221
            ],
            "{}",
            o.text
        );
    }

    /// Whatever a client sends, the parser answers and the dialogue ends: no panic, no hang.
    #[tokio::test]
    async fn random_clients_never_break_the_server() {
        const WORDS: &[&str] = &[
            "EHLO x",
            "HELO",
            "LHLO y",
            "MAIL FROM:<a@b>",
            "MAIL FROM:<",
            "RCPT TO:<c@d>",
            "RCPT TO:",
            "DATA",
            "BDAT 3",
            "BDAT 0 LAST",
            "BDAT x",
            "BDAT 99999999999999999999",
            ".",
            "..",
            "RSET",
            "NOOP",
            "AUTH PLAIN",
            "AUTH LOGIN",
            "=",
            "*",
            "AUTH CRAM-MD5",
            "STARTTLS",
            "QUIT",
            "\u{0}\u{1b}",
            "\r",
            "\n",
            " ",
            "MAIL FROM:<\"a>b\"@c> SIZE=",
        ];
        let mut seed = 0x2545f4914f6cdd1du64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut p = plan();
        p.auth = AuthPolicy::Any;
        p.auth_plaintext = true;
        p.timeout = Duration::from_millis(50);
        for _ in 0..300 {
            let mut input = Vec::new();
            for _ in 0..(rnd() % 20) {
                match rnd() % 5 {
                    0 => input.extend((0..rnd() % 30).map(|_| (rnd() % 256) as u8)),
                    _ => input.extend_from_slice(WORDS[(rnd() as usize) % WORDS.len()].as_bytes()),
                }
                if rnd() % 4 != 0 {
                    input.extend_from_slice(b"\r\n");
                }
            }
            let _ = session(p.clone(), &input).await;
        }
    }

    #[test]
    fn the_command_parser_takes_any_bytes() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..100_000 {
            let len = (rnd() % 40) as usize;
            let mut line: Vec<u8> = (0..len).map(|_| (rnd() % 256) as u8).collect();
            if rnd() % 2 == 0 {
                let verbs: [&[u8]; 6] = [
                    b"MAIL FROM:",
                    b"RCPT TO:",
                    b"BDAT ",
                    b"AUTH ",
                    b"EHLO ",
                    b"mail from:<",
                ];
                let mut v = verbs[(rnd() % 6) as usize].to_vec();
                v.extend_from_slice(&line);
                line = v;
            }
            let _ = parse_command(&line);
        }
        assert_eq!(
            parse_command(b"mail from: <a@b> size=10"),
            Cmd::Mail(Path {
                addr: "a@b".into(),
                params: vec![("SIZE".into(), Some("10".into()))]
            })
        );
        assert_eq!(
            parse_command(b"RCPT TO:<@r1,@r2:u@d>"),
            Cmd::Rcpt(Path {
                addr: "u@d".into(),
                params: vec![]
            })
        );
        assert_eq!(
            parse_command(b"MAIL FROM:<\"a>b\"@c>"),
            Cmd::Mail(Path {
                addr: "\"a>b\"@c".into(),
                params: vec![]
            })
        );
        assert_eq!(
            parse_command(b"BDAT 10 last"),
            Cmd::Bdat {
                size: 10,
                last: true
            }
        );
        assert!(matches!(parse_command(b"BDAT 1 2"), Cmd::Bad(_)));
        assert!(matches!(parse_command(b"RCPT TO:<>"), Cmd::Bad(_)));
        assert!(matches!(parse_command(b"\xff"), Cmd::Bad(_)));
        assert_eq!(xtext_decode("rfc822;a+2Bb"), Some("rfc822;a+b".into()));
        assert_eq!(xtext_decode("a+2"), None);
        assert_eq!(xtext_decode("a b"), None);
    }
}
