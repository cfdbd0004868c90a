//! Load mode of `smtp send` (`--count`): what it adds to a send plan ([`LoadPlan`], built by
//! `plan/smtp_load.rs`) and the message template that gives every message its own Message-ID
//! without encoding the message again. The engine that drives the sessions is `engine.rs`, how a
//! run ended (counts, verdict) `outcome.rs`, the bounded-memory statistics `stats.rs`;
//! `cmd/smtp_load.rs` runs the engine and reports.

pub(crate) mod engine;
pub(crate) mod outcome;
pub(crate) mod stats;

use crate::error::{Failure, Kind, Phase};
use crate::proto::smtp::session::{Body, Encoded};

/// Everything load mode adds to a send plan.
pub(crate) struct LoadPlan {
    pub(crate) count: u64,
    pub(crate) concurrency: u32,
    pub(crate) per_session: u64,
    /// Messages started per second at most.
    pub(crate) rate: Option<f64>,
    /// Show every session's dialogue, not only the first session's.
    pub(crate) transcript_all: bool,
    /// Draw a progress bar on stderr.
    pub(crate) progress: bool,
    pub(crate) message: Template,
}

/// Digits of the per-message sequence number inside the Message-ID (fixed width, so it is
/// replaced in place).
const SEQ_WIDTH: usize = 12;

/// The message as it goes on the wire, encoded once. A generated message is split after its
/// Message-ID line: each session copies the small `head` and writes each message's sequence
/// number into it; the `tail` is shared by all.
#[derive(Debug)]
pub(crate) struct Template {
    pub(crate) head: Vec<u8>,
    /// Where in `head` the sequence digits are (None: the message is sent as is).
    seq_at: Option<usize>,
    pub(crate) tail: Vec<u8>,
    pub(crate) lines: u64,
    pub(crate) eight_bit: bool,
    /// Size of the message itself (before CRLF normalisation and dot-stuffing).
    pub(crate) raw_bytes: u64,
}

impl Template {
    /// `raw` sent as is, every time (a `--data` file).
    pub(crate) fn as_is(raw: &[u8], bdat: bool) -> Template {
        let e = Encoded::new(raw, bdat);
        Template {
            head: Vec::new(),
            seq_at: None,
            tail: e.bytes,
            lines: e.lines,
            eight_bit: e.eight_bit,
            raw_bytes: raw.len() as u64,
        }
    }

    /// A generated message (CRLF line ends, a header block) whose Message-ID is replaced by a
    /// unique one per message, padded to `size` bytes when asked.
    pub(crate) fn unique(
        raw: &[u8],
        domain: &str,
        size: Option<u64>,
        bdat: bool,
    ) -> Result<Template, Failure> {
        // Unique per run (time and process) and per message (the sequence number).
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let run = (nanos as u64) ^ (u64::from(std::process::id()) << 40);
        let marker = format!("mailctl-load.{run:016x}.");
        let id = format!("<{marker}{}@{domain}>", "0".repeat(SEQ_WIDTH));
        let mut msg = replace_message_id(raw, &id);
        if let Some(size) = size {
            pad(&mut msg, size)?;
        }
        let e = Encoded::new(&msg, bdat);
        // The Message-ID line is plain ASCII without a leading dot: encoding leaves it unchanged.
        let at = find(&e.bytes, marker.as_bytes())
            .ok_or_else(|| internal("the Message-ID is missing from the encoded message"))?;
        let seq_at = at + marker.len();
        let line_end = e.bytes[seq_at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| seq_at + i + 1)
            .ok_or_else(|| internal("the Message-ID line has no end"))?;
        let mut bytes = e.bytes;
        let tail = bytes.split_off(line_end);
        Ok(Template {
            head: bytes,
            seq_at: Some(seq_at),
            tail,
            lines: e.lines,
            eight_bit: e.eight_bit,
            raw_bytes: msg.len() as u64,
        })
    }

    /// Write message number `n` into a session's copy of the head.
    pub(crate) fn number(&self, head: &mut [u8], n: u64) {
        if let Some(at) = self.seq_at {
            let digits = format!("{n:0SEQ_WIDTH$}");
            // More than 10^12 messages would widen the number; keep the last digits then.
            let d = digits.as_bytes();
            head[at..at + SEQ_WIDTH].copy_from_slice(&d[d.len() - SEQ_WIDTH..]);
        }
    }

    /// The body of one message, with `head` as numbered by [`Template::number`].
    pub(crate) fn body<'a>(&'a self, head: &'a [u8]) -> Body<'a> {
        Body {
            head,
            tail: &self.tail,
            lines: self.lines,
            eight_bit: self.eight_bit,
            encode: false,
            wire_len: head.len() + self.tail.len(),
        }
    }
}

fn internal(msg: &str) -> Failure {
    Failure::new(Phase::Setup, Kind::Internal, msg)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// End of the header block: the index of the empty line's first byte (or the message length).
fn header_end(msg: &[u8]) -> usize {
    find(msg, b"\r\n\r\n").map_or(msg.len(), |i| i + 2)
}

/// Replace the Message-ID field (with any folded continuation lines) by `id`, or add one at the
/// top of the header block when there is none.
fn replace_message_id(raw: &[u8], id: &str) -> Vec<u8> {
    let line = format!("Message-ID: {id}\r\n");
    let end = header_end(raw);
    let mut start = 0;
    while start < end {
        let next = raw[start..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |i| start + i + 1);
        if raw[start..].len() >= 11 && raw[start..start + 11].eq_ignore_ascii_case(b"message-id:") {
            let mut stop = next;
            while stop < end && matches!(raw[stop], b' ' | b'\t') {
                stop = raw[stop..end]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(end, |i| stop + i + 1);
            }
            let mut out = Vec::with_capacity(raw.len() + line.len());
            out.extend_from_slice(&raw[..start]);
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(&raw[stop..]);
            return out;
        }
        start = next;
    }
    let mut out = line.into_bytes();
    out.extend_from_slice(raw);
    out
}

/// Pad a generated single-part 7bit text message to exactly `size` bytes with ASCII lines of at
/// most 77 characters (RFC 5322 §2.1.1: at most 78), so it stays a valid RFC 5322 message.
fn pad(msg: &mut Vec<u8>, size: u64) -> Result<(), Failure> {
    let head = &msg[..header_end(msg)];
    if find(head, b"Content-Transfer-Encoding: 7bit").is_none() {
        return Err(internal(
            "--size: the generated message is not single-part 7bit text",
        ));
    }
    if !msg.ends_with(b"\r\n") {
        msg.extend_from_slice(b"\r\n");
    }
    let size = usize::try_from(size).map_err(|_| Failure::usage("--size too large"))?;
    if size < msg.len() {
        return Err(Failure::usage(format!(
            "--size {size}: the generated message is already {} bytes without padding",
            msg.len()
        )));
    }
    const FILL: &[u8] = b"mailctl load test padding: the quick brown fox jumps over the lazy dog. ";
    let mut left = size - msg.len();
    if left == 1 {
        // One byte cannot be a line of its own (a line is at least CRLF): widen the last line.
        let last = msg[..msg.len() - 2]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        if msg.len() - 2 - last == 0 || msg.len() - 2 - last >= 77 {
            return Err(internal(
                "--size: cannot pad the generated message by one byte",
            ));
        }
        msg.insert(msg.len() - 2, b'.');
        left = 0;
    }
    msg.reserve(left);
    while left > 0 {
        // Lines of 76 characters + CRLF while at least 80 bytes are left (so what remains is
        // never the impossible 1), then one last line of the rest.
        let len = if left >= 80 { 76 } else { left - 2 };
        msg.extend(FILL.iter().cycle().take(len));
        msg.extend_from_slice(b"\r\n");
        left -= len + 2;
    }
    debug_assert_eq!(msg.len(), size);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated() -> Vec<u8> {
        b"From: <a@example.org>\r\nTo: <b@example.org>\r\nSubject: x\r\nMessage-ID: <old@host>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\nThis is a test message sent by mailctl.\r\n".to_vec()
    }

    fn whole(t: &Template, head: &[u8]) -> Vec<u8> {
        let mut v = head.to_vec();
        v.extend_from_slice(&t.tail);
        v
    }

    #[test]
    fn every_message_gets_its_own_message_id() {
        let t = Template::unique(&generated(), "example.org", None, false).unwrap();
        let mut head = t.head.clone();
        t.number(&mut head, 7);
        let m = String::from_utf8(whole(&t, &head)).unwrap();
        assert!(!m.contains("<old@host>"), "{m}");
        assert_eq!(m.matches("Message-ID:").count(), 1, "{m}");
        assert!(m.contains(".000000000007@example.org>\r\n"), "{m}");
        assert!(m.ends_with("\r\n.\r\n"), "{m}");
        assert!(t.head.ends_with(b"\r\n") && t.head.starts_with(b"From:"));
        t.number(&mut head, 8);
        assert!(String::from_utf8_lossy(&head).contains(".000000000008@"));
    }

    #[test]
    fn padding_gives_the_exact_size_for_every_size() {
        let base = Template::unique(&generated(), "example.org", None, false)
            .unwrap()
            .raw_bytes;
        for size in base..base + 400 {
            let t = Template::unique(&generated(), "example.org", Some(size), false).unwrap();
            assert_eq!(t.raw_bytes, size);
            let m = whole(&t, &t.head);
            // On the wire: the message (already CRLF, nothing to stuff) plus ".\r\n".
            assert_eq!(m.len() as u64, size + 3, "size {size}");
            for line in m.split(|&b| b == b'\n') {
                assert!(line.len() <= 79, "line too long at size {size}");
            }
            assert!(!m[..m.len() - 3].windows(5).any(|w| w == b"\r\n.\r\n"));
        }
    }

    #[test]
    fn too_small_a_size_is_a_usage_error() {
        let e = Template::unique(&generated(), "example.org", Some(100), false).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
    }

    #[test]
    fn message_id_is_added_when_missing_and_folded_ones_are_replaced() {
        let raw = b"Subject: x\r\nMessage-ID:\r\n <folded@host>\r\nX: y\r\n\r\nbody\r\n";
        let out = String::from_utf8(replace_message_id(raw, "<n@d>")).unwrap();
        assert_eq!(
            out,
            "Subject: x\r\nMessage-ID: <n@d>\r\nX: y\r\n\r\nbody\r\n"
        );
        let out =
            String::from_utf8(replace_message_id(b"Subject: x\r\n\r\nb\r\n", "<n@d>")).unwrap();
        assert_eq!(out, "Message-ID: <n@d>\r\nSubject: x\r\n\r\nb\r\n");
    }

    #[test]
    fn a_data_file_is_sent_as_is() {
        let t = Template::as_is(b"Message-ID: <x@y>\n.dot\n", false);
        let m = whole(&t, &t.head);
        assert_eq!(m, b"Message-ID: <x@y>\r\n..dot\r\n.\r\n");
        let mut head = t.head.clone();
        t.number(&mut head, 5);
        assert!(head.is_empty());
    }
}
