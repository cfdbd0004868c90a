//! Message parsing and DKIM canonicalization (RFC 6376 §3.4): the header fields as they appear,
//! the body, and the `simple` and `relaxed` algorithms for both.

use serde::Serialize;

/// A canonicalization algorithm (RFC 6376 §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Canon {
    Simple,
    Relaxed,
}

impl Canon {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Canon::Simple => "simple",
            Canon::Relaxed => "relaxed",
        }
    }
}

/// One header field as it appears in the message.
#[derive(Debug, Clone)]
pub(crate) struct Field<'a> {
    /// The field name as written (before the colon, trailing WSP removed).
    pub name: &'a [u8],
    /// The whole field: name, colon, value and every folded line, with the final CRLF.
    pub raw: &'a [u8],
}

impl Field<'_> {
    /// The name compared case-insensitively (RFC 5322 §1.2.2).
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The value after the colon, CRLF removed at the end (folding kept).
    pub(crate) fn value(&self) -> &[u8] {
        let v = match self.raw.iter().position(|&b| b == b':') {
            Some(i) => &self.raw[i + 1..],
            None => &[][..],
        };
        v.strip_suffix(b"\r\n").unwrap_or(v)
    }
}

/// Line endings made CRLF: mail on disk (Maildir, mbox, files saved by a client) usually has
/// bare LF, and DKIM is computed over the CRLF form of the message (RFC 6376 §5.3). Returns the
/// message and whether any bare LF was converted.
pub(crate) fn to_crlf(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 32);
    let mut converted = false;
    let mut start = 0;
    // Copy whole runs up to each LF (memchr), instead of a byte at a time: this was the largest
    // single cost of verifying a Maildir (bench/dkim.sh).
    for i in memchr::memchr_iter(b'\n', raw) {
        if i == 0 || raw[i - 1] != b'\r' {
            out.extend_from_slice(&raw[start..i]);
            out.extend_from_slice(b"\r\n");
            start = i + 1;
            converted = true;
        }
    }
    out.extend_from_slice(&raw[start..]);
    (out, converted)
}

#[cfg(any(test, feature = "fuzz"))]
/// The header block of a raw message, up to and including the empty line that ends it (LF or
/// CRLF line ends); the whole message if there is no body.
pub(crate) fn header_block(raw: &[u8]) -> &[u8] {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\n', &raw[from..]) {
        let nl = from + i;
        match raw.get(nl + 1) {
            Some(b'\n') => return &raw[..nl + 2],
            Some(b'\r') if raw.get(nl + 2) == Some(&b'\n') => return &raw[..nl + 3],
            _ => from = nl + 1,
        }
    }
    raw
}

/// Split a CRLF message into header fields and body (after the first empty line). A header
/// line without a colon is kept as a field whose name is the whole line (it is never selected).
pub(crate) fn split<'a>(msg: &'a [u8]) -> (Vec<Field<'a>>, &'a [u8]) {
    let mut fields: Vec<Field> = Vec::new();
    let mut pos = 0;
    let mut start: Option<usize> = None;
    let close = |fields: &mut Vec<Field<'a>>, s: usize, e: usize| {
        let raw = &msg[s..e];
        let name_end = raw.iter().position(|&b| b == b':').unwrap_or(raw.len());
        let mut name = &raw[..name_end];
        while let [rest @ .., b' ' | b'\t'] = name {
            name = rest;
        }
        fields.push(Field { name, raw });
    };
    while pos < msg.len() {
        let end = find_crlf(&msg[pos..]).map_or(msg.len(), |i| pos + i + 2);
        let line = &msg[pos..end];
        if line == b"\r\n" {
            if let Some(s) = start {
                close(&mut fields, s, pos);
            }
            return (fields, &msg[end..]);
        }
        if !matches!(line[0], b' ' | b'\t') || start.is_none() {
            if let Some(s) = start {
                close(&mut fields, s, pos);
            }
            start = Some(pos);
        }
        pos = end;
    }
    if let Some(s) = start {
        close(&mut fields, s, msg.len());
    }
    (fields, &msg[msg.len()..])
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    memchr::memmem::find(b, b"\r\n")
}

fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Relaxed header canonicalization (RFC 6376 §3.4.2): lowercase name, unfold, WSP runs to one
/// SP, no WSP at the ends of the value or around the colon; CRLF appended when `crlf`.
pub(crate) fn relaxed_header(name: &[u8], value: &[u8], crlf: bool, out: &mut Vec<u8>) {
    out.extend(name.iter().map(u8::to_ascii_lowercase));
    out.push(b':');
    let mut pending_space = false;
    let mut any = false;
    for &b in value {
        match b {
            b'\r' | b'\n' => {}
            b if is_wsp(b) => pending_space = true,
            b => {
                if pending_space && any {
                    out.push(b' ');
                }
                pending_space = false;
                any = true;
                out.push(b);
            }
        }
    }
    if crlf {
        out.extend_from_slice(b"\r\n");
    }
}

/// One header field canonicalized, with its CRLF (RFC 6376 §3.4.1, §3.4.2).
pub(crate) fn header(c: Canon, f: &Field, out: &mut Vec<u8>) {
    match c {
        Canon::Simple => out.extend_from_slice(f.raw),
        Canon::Relaxed => relaxed_header(f.name, f.value(), true, out),
    }
}

/// The canonical body (RFC 6376 §3.4.3, §3.4.4).
pub(crate) fn body(c: Canon, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 2);
    match c {
        Canon::Simple => {
            out.extend_from_slice(body);
            if !out.is_empty() && !out.ends_with(b"\r\n") {
                out.extend_from_slice(b"\r\n");
            }
        }
        Canon::Relaxed => {
            let mut rest = body;
            while !rest.is_empty() {
                let (line, next) = match find_crlf(rest) {
                    Some(i) => (&rest[..i], &rest[i + 2..]),
                    None => (rest, &rest[rest.len()..]),
                };
                // RFC 6376 §3.4.4: WSP runs become one SP, WSP at the end of a line goes.
                // Copy the runs between whitespace whole (memchr2), not byte by byte.
                let mut pending_space = false;
                let mut i = 0;
                while i < line.len() {
                    match memchr::memchr2(b' ', b'\t', &line[i..]) {
                        Some(0) => {
                            pending_space = true;
                            i += 1;
                        }
                        found => {
                            let end = found.map_or(line.len(), |k| i + k);
                            if pending_space {
                                out.push(b' ');
                            }
                            pending_space = false;
                            out.extend_from_slice(&line[i..end]);
                            i = end;
                        }
                    }
                }
                out.extend_from_slice(b"\r\n");
                rest = next;
            }
        }
    }
    // Both: empty lines at the end of the body are ignored.
    while out.ends_with(b"\r\n\r\n") {
        out.truncate(out.len() - 2);
    }
    if c == Canon::Relaxed && out == b"\r\n" {
        out.clear();
    }
    if c == Canon::Simple && out.is_empty() {
        // §3.4.3: an empty body is canonicalized as a single CRLF.
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The examples of RFC 6376 §3.4.5.
    const MSG: &[u8] = b"A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    #[test]
    fn rfc6376_examples() {
        let (fields, b) = split(MSG);
        assert_eq!(fields.len(), 2);
        let mut h = Vec::new();
        for f in &fields {
            header(Canon::Relaxed, f, &mut h);
        }
        assert_eq!(h, b"a:X\r\nb:Y Z\r\n");
        assert_eq!(body(Canon::Relaxed, b), b" C\r\nD E\r\n");
        let mut h = Vec::new();
        for f in &fields {
            header(Canon::Simple, f, &mut h);
        }
        assert_eq!(h, b"A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assert_eq!(body(Canon::Simple, b), b" C \r\nD \t E\r\n");
    }

    #[test]
    fn empty_bodies_and_crlf() {
        assert_eq!(body(Canon::Simple, b""), b"\r\n");
        assert_eq!(body(Canon::Simple, b"\r\n\r\n"), b"\r\n");
        assert_eq!(body(Canon::Relaxed, b""), b"");
        assert_eq!(body(Canon::Relaxed, b"  \r\n\r\n"), b"");
        assert_eq!(body(Canon::Relaxed, b"x"), b"x\r\n");
        assert_eq!(to_crlf(b"a\nb\r\n"), (b"a\r\nb\r\n".to_vec(), true));
        assert_eq!(to_crlf(b"a\r\n"), (b"a\r\n".to_vec(), false));
        assert_eq!(header_block(b"A: 1\nB: 2\n\nbody\n"), b"A: 1\nB: 2\n\n");
        assert_eq!(header_block(b"A: 1\r\n\r\nbody"), b"A: 1\r\n\r\n");
        assert_eq!(header_block(b"A: 1\r\n"), b"A: 1\r\n");
    }
}
