//! POP3 (RFC 1939) with CAPA (RFC 2449), STLS (RFC 2595) and SASL AUTH (RFC 5034): the wire
//! vocabulary here (status lines, bounds, logins, dot-unstuffing), the client in [`client`], the
//! `pop3 …` dialogue's steps in [`session`]. Multi-line bodies are streamed through a
//! dot-unstuffing state machine: memory stays flat whatever the message size.

mod client;
pub(crate) mod session;

pub(crate) use client::Pop3;

use crate::event::escape_bytes;
use crate::proto::sasl::{Credentials, Mechanism};

/// A single-line status response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status {
    pub ok: bool,
    /// Text after `+OK`/`-ERR`, escaped for display.
    pub text: String,
}

impl Status {
    pub(crate) fn display(&self) -> String {
        format!("{} {}", if self.ok { "+OK" } else { "-ERR" }, self.text)
            .trim_end()
            .to_string()
    }
}

/// Most lines a LIST or UIDL answer may have before we call it hostile: one per message, and a
/// POP3 maildrop of a million messages is already far beyond real use. Each line is kept (then
/// becomes a table row and a JSON item), so this is what bounds memory (tests/HOSTILE.md).
pub(crate) const MAX_LIST_LINES: usize = 1_000_000;

/// Most bytes a LIST or UIDL answer may hold. Counting lines is not enough: each may be 64 KiB
/// (the line bound), so a million of them is 64 GB. RFC 1939 §7 limits a unique-id to 70
/// characters: 32 MiB is a LIST of a million messages or a UIDL of 400,000.
pub(crate) const MAX_LIST_BYTES: usize = 32 * 1024 * 1024;

/// Most lines a CAPA answer may have (RFC 2449 defines about a dozen capabilities).
pub(crate) const MAX_CAPA_LINES: usize = 1000;

/// How the user logs in.
pub(crate) enum Login {
    UserPass(Credentials),
    Apop(Credentials),
    Sasl(Option<Mechanism>, Credentials),
}

/// Parse `+OK …` / `-ERR …`. Anything else is a protocol violation (RFC 1939 §3).
pub(crate) fn parse_status(line: &[u8]) -> Result<Status, String> {
    let (ok, rest) = if let Some(r) = line.strip_prefix(b"+OK") {
        (true, r)
    } else if let Some(r) = line.strip_prefix(b"-ERR") {
        (false, r)
    } else {
        return Err(format!(
            "expected +OK or -ERR, got {:?}",
            escape_bytes(&line[..line.len().min(80)])
        ));
    };
    if !rest.is_empty() && rest[0] != b' ' {
        return Err(format!(
            "status not followed by a space: {:?}",
            escape_bytes(&line[..line.len().min(80)])
        ));
    }
    Ok(Status {
        ok,
        text: escape_bytes(rest.strip_prefix(b" ").unwrap_or(rest)),
    })
}

/// Dot-unstuffing state machine for a multi-line response (RFC 1939 §3): a line "." ends it, a
/// leading "." of any other line is removed. Works across any chunking.
#[derive(Debug, Default)]
pub(crate) struct Unstuff {
    state: St,
    pub lines: u64,
    pub bytes: u64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum St {
    #[default]
    LineStart,
    Dot,
    DotCr,
    Mid,
    Cr,
}

impl Unstuff {
    /// Feed input; append body bytes to `out`. Returns `Some(n)` when the terminator ended the
    /// body after consuming `n` input bytes (the rest belongs to the next response).
    pub(crate) fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Option<usize> {
        let mut i = 0;
        while i < input.len() {
            if matches!(self.state, St::Mid | St::Cr) {
                // Inside a line nothing can happen until the next LF: copy the whole run at once
                // (a byte-at-a-time loop was most of the CPU of a 100 MB RETR).
                match memchr::memchr(b'\n', &input[i..]) {
                    Some(k) => {
                        out.extend_from_slice(&input[i..=i + k]);
                        self.lines += 1;
                        self.state = St::LineStart;
                        i += k + 1;
                    }
                    None => {
                        out.extend_from_slice(&input[i..]);
                        return None;
                    }
                }
                continue;
            }
            let b = input[i];
            self.state = match (self.state, b) {
                (St::LineStart, b'.') => St::Dot,
                (St::Dot, b'\r') => St::DotCr,
                // "." + LF: a terminator with a bare LF; accept it as the end, like the line reader.
                (St::Dot, b'\n') | (St::DotCr, b'\n') => {
                    self.bytes += out.len() as u64;
                    return Some(i + 1);
                }
                (St::DotCr, other) => {
                    // ".\r" then something else: keep the CR, and the byte.
                    out.push(b'\r');
                    self.byte(other, out)
                }
                (_, other) => self.byte(other, out),
            };
            i += 1;
        }
        None
    }

    fn byte(&mut self, b: u8, out: &mut Vec<u8>) -> St {
        out.push(b);
        match (self.state, b) {
            (_, b'\n') => {
                self.lines += 1;
                St::LineStart
            }
            (_, b'\r') => St::Cr,
            _ => St::Mid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unstuff(input: &[u8]) -> (Vec<u8>, Option<usize>) {
        let mut u = Unstuff::default();
        let mut out = Vec::new();
        let r = u.feed(input, &mut out);
        (out, r)
    }

    #[test]
    fn status_lines() {
        assert_eq!(
            parse_status(b"+OK 2 320").unwrap(),
            Status {
                ok: true,
                text: "2 320".into()
            }
        );
        assert_eq!(
            parse_status(b"-ERR no such message").unwrap(),
            Status {
                ok: false,
                text: "no such message".into()
            }
        );
        assert_eq!(
            parse_status(b"+OK").unwrap(),
            Status {
                ok: true,
                text: String::new()
            }
        );
        for bad in [&b"OK"[..], b"+OKAY", b"", b"* OK", b"\xff"] {
            assert!(parse_status(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn unstuffing_and_terminator() {
        assert_eq!(
            unstuff(b"a\r\n..b\r\n.\r\nNEXT"),
            (b"a\r\n.b\r\n".to_vec(), Some(11))
        );
        assert_eq!(unstuff(b".\r\n"), (b"".to_vec(), Some(3)));
        assert_eq!(unstuff(b"x\r\n.y\r\n"), (b"x\r\ny\r\n".to_vec(), None));
        assert_eq!(unstuff(b"no end\r\n"), (b"no end\r\n".to_vec(), None));
        // "." inside a line is data.
        assert_eq!(unstuff(b"a.\r\n.\r\n").0, b"a.\r\n");
    }

    #[test]
    fn chunking_does_not_matter() {
        let input = b"Subject: x\r\n\r\n..dot\r\n...\r\nmid.dle\r\n.\r\n+OK next";
        let (whole, end) = unstuff(input);
        for split in 0..input.len() {
            let mut u = Unstuff::default();
            let mut out = Vec::new();
            let a = u.feed(&input[..split], &mut out);
            let r = match a {
                Some(n) => Some(n),
                None => u.feed(&input[split..], &mut out).map(|n| n + split),
            };
            assert_eq!((out.clone(), r), (whole.clone(), end), "split {split}");
        }
        assert_eq!(whole, b"Subject: x\r\n\r\n.dot\r\n..\r\nmid.dle\r\n");
    }
}
