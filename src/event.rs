//! Transcript events: everything a session does becomes an [`Event`] with its elapsed time.
//!
//! Protocol and transport code never print; they emit events into a [`Sink`]. The renderers in
//! `render/` own all output. Events only ever carry what may be shown: secrets are redacted by the
//! code that creates the event, so no renderer can leak them.

use crate::error::Phase;
use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What the output will be (`--json`, `-q`, or a transcript for people): decided in `plan`,
/// read by the printer and by commands that skip building what no renderer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    Human,
    Json,
    Quiet,
}

/// Summary of a peer certificate, taken from the leaf certificate the server presented.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CertSummary {
    pub subject: String,
    pub issuer: String,
    pub sans: Vec<String>,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    /// Whole days until not_after (negative when expired).
    pub days_left: i64,
    /// Number of certificates the server sent (leaf + intermediates).
    pub chain_len: usize,
}

/// One DNS record in an answer event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DnsRecord {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u32>,
    #[serde(rename = "type")]
    pub rtype: String,
    pub data: String,
}

/// What happened. Field names are part of the JSON schema documented in README.md.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// Something mailctl did or decided (resolving, trying the next MX, …).
    Info { msg: String },
    /// Something worth attention that does not stop the session.
    Warning { msg: String },
    /// A DNS question was sent.
    DnsQuery { name: String, qtype: String },
    /// A DNS question was answered (or failed): `outcome` is answer, nxdomain, nodata, servfail,
    /// refused, timeout or error.
    DnsAnswer {
        name: String,
        qtype: String,
        outcome: String,
        rcode: String,
        records: Vec<DnsRecord>,
        ms: f64,
    },
    /// A host or MX lookup finished.
    Resolved {
        query: String,
        answers: Vec<String>,
        ms: f64,
    },
    /// About to open a TCP connection.
    Connecting { addr: String },
    /// TCP connection established.
    Connected {
        addr: String,
        local: String,
        ms: f64,
    },
    /// TLS handshake finished.
    Tls {
        ms: f64,
        version: String,
        cipher: String,
        /// The server_name sent (RFC 6066 §3); None when connecting by IP literal, which is
        /// never sent as SNI.
        sni: Option<String>,
        verified: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        alpn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cert: Option<CertSummary>,
    },
    /// The certificate seen during a handshake that failed (so the user sees what was wrong).
    TlsFailedCert { cert: CertSummary },
    /// A protocol line we sent (without CRLF). `redacted` is true when secrets were replaced.
    Sent {
        line: String,
        tls: bool,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        redacted: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A protocol line the server sent (without CRLF).
    Recv {
        line: String,
        tls: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A message body we transferred, summarised instead of shown line by line.
    DataSummary { lines: u64, bytes: u64, tls: bool },
    /// A body the server sent (POP3 RETR/TOP, IMAP literal), summarised instead of shown.
    DataReceived { lines: u64, bytes: u64, tls: bool },
    /// Bytes the server sent that we threw away unread (e.g. injected before a TLS handshake).
    Discarded {
        bytes: usize,
        preview: String,
        tls: bool,
    },
    /// The connection was closed (by us after QUIT, or by the peer).
    Closed { by: String },
    /// `smtp sink`: a client connected to us (the first event of a connection's transcript).
    Accepted {
        conn: u64,
        peer: String,
        local: String,
    },
    /// `smtp sink`: a TLS handshake with a client finished (we are the server: nothing was
    /// verified; `sni` is the name the client asked for, if any).
    TlsAccepted {
        ms: f64,
        version: String,
        cipher: String,
        sni: Option<String>,
    },
}

/// One transcript event with its time since the session started.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    /// Milliseconds since the session started (before name resolution).
    pub t_ms: f64,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Where events go. The printer implements this and renders live; tests collect.
pub trait Sink: Send + Sync {
    fn emit(&self, event: Event);
}

/// A function that prints text above the line being edited (rustyline's external printer).
pub type Above = Box<dyn FnMut(&str) + Send>;

/// Where the printer's finished text goes while a line editor owns the terminal (`shell`):
/// through the editor, which clears its prompt, prints the text and draws the prompt again, so
/// server lines arriving while the user types never mangle the line being edited. `None` puts
/// the output back on stdout.
pub trait Screen: Send + Sync {
    fn divert(&self, to: Option<Above>);
    /// End the line the editor left on the terminal (its prompt, when the session ended while
    /// it was up), so what follows starts on a line of its own.
    fn end_line(&self);
}

/// A sink that keeps every event, for tests and for keeping a transcript.
#[derive(Default)]
pub struct Collect(pub Mutex<Vec<Event>>);

impl Sink for Collect {
    fn emit(&self, event: Event) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(event);
    }
}

impl Collect {
    pub fn events(&self) -> Vec<Event> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A sink that drops every event.
pub struct Discard;

impl Sink for Discard {
    fn emit(&self, _: Event) {}
}

/// Per-session context shared by transport and protocol code: the clock, the sink, the phase
/// timings, and output options that decide what an event may contain.
pub struct Ctx {
    start: Instant,
    sink: Arc<dyn Sink>,
    timings: Mutex<Vec<(Phase, f64)>>,
    /// Show secrets (AUTH payloads) instead of redacting them.
    pub show_secrets: bool,
    /// Show message bodies line by line instead of a summary.
    pub show_data: bool,
    /// What the summary will be rendered as: a command may skip building the parts of its
    /// report no renderer reads (the per-message JSON of 10,000 verified messages under `-q`).
    pub mode: OutputMode,
    emits: bool,
}

impl Ctx {
    pub fn new(sink: Arc<dyn Sink>) -> Self {
        Ctx {
            start: Instant::now(),
            sink,
            timings: Mutex::new(Vec::new()),
            show_secrets: false,
            show_data: false,
            mode: OutputMode::Human,
            emits: true,
        }
    }

    /// A fresh context for another session (load mode runs many), with the same output
    /// options, its own clock and timings, emitting into `sink`; None: nobody will see this
    /// session's events, so none are made (see [`Ctx::emits`]).
    pub fn for_session(&self, sink: Option<Arc<dyn Sink>>) -> Ctx {
        let emits = sink.is_some();
        Ctx {
            show_secrets: self.show_secrets,
            show_data: self.show_data,
            mode: self.mode,
            emits,
            ..Ctx::new(sink.unwrap_or_else(|| Arc::new(Discard)))
        }
    }

    /// False when events would be thrown away: callers may skip building them (escaping lines,
    /// formatting notes), which is most of a silent session's CPU time in load mode.
    pub fn emits(&self) -> bool {
        self.emits
    }

    /// Where this context's events go.
    pub fn sink(&self) -> &Arc<dyn Sink> {
        &self.sink
    }

    /// Milliseconds since the session started.
    pub fn now_ms(&self) -> f64 {
        // Microsecond resolution is all a transcript needs; it keeps JSON short.
        (self.start.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0
    }

    pub fn emit(&self, kind: EventKind) {
        if !self.emits {
            return;
        }
        self.sink.emit(Event {
            t_ms: self.now_ms(),
            kind,
        });
    }

    pub fn info(&self, msg: impl Into<String>) {
        self.emit(EventKind::Info { msg: msg.into() });
    }

    pub fn warn(&self, msg: impl Into<String>) {
        self.emit(EventKind::Warning { msg: msg.into() });
    }

    /// Add `ms` to the time spent in `phase` (a phase can be entered more than once, e.g. EHLO
    /// before and after STARTTLS).
    pub fn record(&self, phase: Phase, ms: f64) {
        let mut t = self.timings.lock().unwrap_or_else(|e| e.into_inner());
        match t.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, total)) => *total += ms,
            None => t.push((phase, ms)),
        }
    }

    /// The phase timings recorded so far, leaving none (load mode charges each message's phases
    /// to its histograms, then starts over).
    pub fn take_timings(&self) -> Vec<(Phase, f64)> {
        std::mem::take(&mut *self.timings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Phase timings in the order the phases were first entered.
    pub fn timings(&self) -> Vec<(Phase, f64)> {
        self.timings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Neutralise control characters (ESC, CSI, BEL, CR, NUL…) in text that did not come from this
/// renderer, so nothing a server or a file controls can move the cursor, retitle the window or
/// rewrite earlier lines of the user's terminal. Protocol lines are already escaped with
/// [`crate::event::escape_bytes`]; this catches every other path (IMAP status texts in error
/// replies, certificate names, messages built from server data) and leaves escaped text as it
/// is: it only touches what `escape_bytes` would have turned into `\xNN` anyway.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && c != '\t' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A library's error (rPGP, RustCrypto's der/cms, ring) as one line of clean text: their
/// `Display` can span lines (rPGP's assertion messages carry `\n  left: …`) and quote the
/// input it choked on, and every such message reaches a reason or finding a person reads.
pub fn one_line(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    clean(&joined).into_owned()
}

/// Render bytes for display without hiding or reinterpreting any of them: valid printable UTF-8
/// passes through; control characters (including ESC, so a server cannot rewrite the user's
/// terminal) and bytes that are not UTF-8 become `\xNN`; tabs are kept.
///
/// A backslash stays as it is (IMAP flags like `\Seen` read naturally), except that it is doubled
/// when a `x` or another backslash follows, so the rendering stays unambiguous: `\\` is one
/// backslash, `\xNN` one byte, and any other `\` is itself.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        let mut chars = valid.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    // At the end of a valid run, the next byte is invalid and renders as \xNN.
                    let next_is_escape = match chars.peek() {
                        Some('x') | Some('\\') => true,
                        Some(n) => n.is_control(),
                        None => !chunk.invalid().is_empty(),
                    };
                    out.push_str(if next_is_escape { "\\\\" } else { "\\" });
                }
                '\t' => out.push('\t'),
                c if c.is_control() => {
                    // C0, DEL and C1 controls; C1 are two bytes in UTF-8: show each.
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_error_becomes_one_clean_line() {
        // rPGP's words for a cleartext block of the wrong type (the pgp fuzz target's find).
        let e = "assertion failed: `(left == right)`\n  left: `CleartextMessage`,\n right: `Signature`: invalid block type";
        assert_eq!(
            one_line(&e),
            "assertion failed: `(left == right)` left: `CleartextMessage`, right: `Signature`: invalid block type"
        );
        assert_eq!(one_line(&"bad \u{1b}[2J tag"), "bad \\x1b[2J tag");
    }

    #[test]
    fn escape_keeps_every_byte_visible() {
        assert_eq!(escape_bytes(b"250 ok"), "250 ok");
        assert_eq!(escape_bytes("250 h\u{e9}".as_bytes()), "250 h\u{e9}");
        assert_eq!(escape_bytes(b"250 \xff\xfe"), "250 \\xff\\xfe");
        assert_eq!(escape_bytes(b"\x1b[31mred"), "\\x1b[31mred");
        assert_eq!(escape_bytes(b"a\\xff"), "a\\\\xff");
        assert_eq!(
            escape_bytes(b"FLAGS (\\Seen \\Answered)"),
            "FLAGS (\\Seen \\Answered)"
        );
        assert_eq!(escape_bytes(b"C:\\\\dir"), "C:\\\\\\dir");
        assert_eq!(escape_bytes(b"end\\"), "end\\");
        assert_eq!(escape_bytes(b"\\\x1b"), "\\\\\\x1b");
        assert_eq!(escape_bytes(b"\\\xff"), "\\\\\\xff");
        assert_eq!(escape_bytes(b"nul\0"), "nul\\x00");
        assert_eq!(escape_bytes("c1\u{9b}".as_bytes()), "c1\\xc2\\x9b");
    }
}
