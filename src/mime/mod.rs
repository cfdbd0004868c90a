//! The MIME structure of one message (RFC 2045, RFC 2046), as a mail admin debugging it needs
//! it: every entity with its IMAP section number (RFC 3501 §6.4.5), byte offsets in the file,
//! declared and effective types, sizes before and after the transfer encoding, and what is wrong
//! with it.
//!
//! mail-parser is used for charset conversion only (`header::decode_charset`): its parser
//! repairs what it reads and exposes no raw offsets, and here the damage is the point. The
//! scanner is ours and bounded: input size ([`MAX_INPUT`]), nesting ([`MAX_DEPTH`]), entities
//! ([`MAX_PARTS`]); the recursion stops at the depth limit, and no input makes it panic.

pub(crate) mod decode;
pub(crate) mod header;
pub(crate) mod security;

use crate::event::escape_bytes;
use serde::Serialize;

/// The largest message scanned (files above it are refused before reading them whole).
pub(crate) const MAX_INPUT: usize = 64 << 20;
/// Nested multiparts and message/rfc822 entities followed; deeper ones are not scanned.
pub(crate) const MAX_DEPTH: usize = 50;
/// Entities scanned in one message.
pub(crate) const MAX_PARTS: usize = 10_000;
/// RFC 5322 §2.1.1: at most 998 octets on a line, without the CRLF.
const MAX_LINE: usize = 998;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Severity {
    /// The message can be read, but not as it says, or not by every receiver.
    Warning,
    /// The structure is broken: receivers disagree on what the parts are, or a part cannot be
    /// decoded.
    Error,
}

/// One kind of problem in one entity; repeats are counted, the first offset kept.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Problem {
    pub severity: Severity,
    /// Stable name (`boundary-unclosed`, `bare-lf`…).
    pub code: &'static str,
    pub message: String,
    /// Byte offset in the file of the first occurrence.
    pub offset: usize,
    pub count: usize,
}

/// A header shown both as it is in the file and with RFC 2047 encoded-words decoded.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShownHeader {
    pub name: String,
    pub raw: String,
    pub decoded: String,
}

/// Byte offsets in the file: the entity starts at `start` (its header), its body at
/// `body_start`, and it ends before `end`.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Offsets {
    pub start: usize,
    pub body_start: usize,
    pub end: usize,
}

/// One MIME entity: the message, a body part, or a message/rfc822 part's encapsulated message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entity {
    /// The IMAP section that fetches this body (RFC 3501 §6.4.5): `1`, `1.2`, `3.1`; the body
    /// of a multipart message is `TEXT` (`3.TEXT` inside a message/rfc822 part).
    pub section: String,
    /// The message itself or an encapsulated one (its header holds Subject, From…).
    pub message: bool,
    /// Lower-case `type/subtype`, the RFC 2045 §5.2 default when absent or unusable.
    pub content_type: String,
    /// The Content-Type value as found.
    pub content_type_raw: Option<String>,
    /// Content-Type parameters (RFC 2231 assembled and decoded).
    pub params: Vec<(String, String)>,
    pub charset: Option<String>,
    /// Lower-case, `7bit` when absent (RFC 2045 §6.1).
    pub transfer_encoding: String,
    pub disposition: Option<String>,
    pub filename: Option<ShownHeader>,
    /// Subject, From, To, Cc, Reply-To of a message entity.
    pub headers: Vec<ShownHeader>,
    pub offsets: Offsets,
    /// Body octets in the file.
    pub encoded_size: usize,
    /// Body octets after the transfer encoding is undone (none if it cannot be).
    pub decoded_size: Option<usize>,
    pub problems: Vec<Problem>,
    /// What this entity is in MIME security (RFC 1847, RFC 3156, RFC 8551), if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<security::Security>,
    pub children: Vec<Entity>,
}

/// The scan of a whole message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Scan {
    pub size: usize,
    /// `crlf`, or `lf` for a file with no CRLF at all (how Maildir and mbox store mail: then a
    /// bare LF is the local convention, not a problem).
    pub line_ends: &'static str,
    pub entities: usize,
    pub errors: usize,
    pub warnings: usize,
    pub root: Entity,
}

struct Scanner<'a> {
    buf: &'a [u8],
    entities: usize,
    crlf: bool,
    root_problems: Vec<Problem>,
}

/// Add a problem to `list`, or count it where the same code is already there.
fn note(list: &mut Vec<Problem>, sev: Severity, code: &'static str, offset: usize, msg: String) {
    if let Some(p) = list.iter_mut().find(|p| p.code == code) {
        p.count += 1;
        return;
    }
    list.push(Problem {
        severity: sev,
        code,
        // Messages quote what the file says (a transfer encoding, a charset label): the one
        // place every problem passes, so no control character from the file reaches a
        // terminal whatever message a future check writes (found by the mime fuzz target).
        message: crate::event::clean(&msg).into_owned(),
        offset,
        count: 1,
    });
}

/// Lines of `buf[start..end]`: (line start, content end without the line end, next start).
fn lines(buf: &[u8], start: usize, end: usize) -> impl Iterator<Item = (usize, usize, usize)> {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= end {
            return None;
        }
        let s = pos;
        let (content_end, next) = match memchr::memchr(b'\n', &buf[s..end]) {
            Some(i) => {
                let lf = s + i;
                let ce = if lf > s && buf[lf - 1] == b'\r' {
                    lf - 1
                } else {
                    lf
                };
                (ce, lf + 1)
            }
            None => (end, end),
        };
        pos = next;
        Some((s, content_end, next))
    })
}

/// Scan `raw` (at most [`MAX_INPUT`] octets are looked at).
pub(crate) fn scan(raw: &[u8]) -> Scan {
    let buf = &raw[..raw.len().min(MAX_INPUT)];
    let crlf = memchr::memmem::find(buf, b"\r\n").is_some();
    let mut s = Scanner {
        buf,
        entities: 0,
        crlf,
        root_problems: Vec::new(),
    };
    // A single message saved from an mbox starts with its `From ` envelope line (RFC 4155):
    // not a header field, so the message starts after it (offsets stay file offsets).
    let start = if buf.starts_with(b"From ") {
        memchr::memchr(b'\n', buf).map_or(buf.len(), |i| i + 1)
    } else {
        0
    };
    let mut root = s.entity(start, buf.len(), None, 0, true, false);
    let extra = std::mem::take(&mut s.root_problems);
    for p in extra {
        note(&mut root.problems, p.severity, p.code, p.offset, p.message);
    }
    s.line_problems(&mut root);
    let (mut errors, mut warnings) = (0, 0);
    count(&root, &mut errors, &mut warnings);
    Scan {
        size: buf.len(),
        line_ends: if crlf { "crlf" } else { "lf" },
        entities: s.entities,
        errors,
        warnings,
        root,
    }
}

/// Problems by severity in `e` and below (iterative: the tree can be deep).
fn count(root: &Entity, errors: &mut usize, warnings: &mut usize) {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        for p in &e.problems {
            match p.severity {
                Severity::Error => *errors += 1,
                Severity::Warning => *warnings += 1,
            }
        }
        stack.extend(e.children.iter());
    }
}

/// The header of one entity.
struct Head {
    fields: Vec<(String, Vec<u8>)>,
    body_start: usize,
}

impl Scanner<'_> {
    /// The header block at `start`: fields unfolded (RFC 5322 §2.2.3), structure problems noted.
    fn head(&self, start: usize, end: usize, problems: &mut Vec<Problem>) -> Head {
        let buf = self.buf;
        let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
        let mut body_start = None;
        for (ls, ce, next) in lines(buf, start, end) {
            let line = &buf[ls..ce];
            if line.is_empty() {
                body_start = Some(next);
                break;
            }
            if let Some(i) = line.iter().position(|b| *b >= 0x80) {
                let utf8 = if std::str::from_utf8(line).is_ok() {
                    "UTF-8, allowed only in a message sent with SMTPUTF8 (RFC 6532 §3); nothing in a file shows that context"
                } else {
                    "not even valid UTF-8"
                };
                note(
                    problems,
                    Severity::Warning,
                    "header-8bit",
                    ls + i,
                    format!("raw non-ASCII in a header line, not RFC 2047 encoded: {utf8}"),
                );
            }
            if line[0] == b' ' || line[0] == b'\t' {
                match fields.last_mut() {
                    Some((_, v)) => v.extend_from_slice(line),
                    None => note(
                        problems,
                        Severity::Error,
                        "header-continuation-first",
                        ls,
                        "a folded continuation line before any header field (RFC 5322 §2.2.3)"
                            .into(),
                    ),
                }
                continue;
            }
            match line.iter().position(|b| *b == b':') {
                Some(c) => {
                    let name = String::from_utf8_lossy(&line[..c]).trim_end().to_string();
                    fields.push((name, line[c + 1..].to_vec()));
                }
                None => note(
                    problems,
                    Severity::Error,
                    "header-no-colon",
                    ls,
                    format!(
                        "header line without a colon ({}): receivers may end the header here or drop it (RFC 5322 §2.2)",
                        escape_bytes(&line[..line.len().min(40)])
                    ),
                ),
            }
        }
        let body_start = match body_start {
            Some(b) => b,
            None => {
                if !fields.is_empty() {
                    note(
                        problems,
                        Severity::Warning,
                        "header-unterminated",
                        end,
                        "no empty line ends the header: the entity has no body (RFC 5322 §2.1)"
                            .into(),
                    );
                }
                end
            }
        };
        Head { fields, body_start }
    }

    /// One entity spanning `start..end`. `section` is its own IMAP section prefix (`None` for
    /// the top level); `digest` makes message/rfc822 the default type (RFC 2046 §5.1.5).
    fn entity(
        &mut self,
        start: usize,
        end: usize,
        section: Option<String>,
        depth: usize,
        message: bool,
        digest: bool,
    ) -> Entity {
        self.entities += 1;
        let mut problems = Vec::new();
        let head = self.head(start, end, &mut problems);
        let get = |name: &str| {
            head.fields
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
        };
        let ct_raw = get("content-type");
        let default = if digest {
            "message/rfc822"
        } else {
            "text/plain"
        };
        let (mut content_type, params) = match &ct_raw {
            Some(v) => header::split_value(v),
            None => (default.to_string(), Vec::new()),
        };
        let valid_type = |t: &str| {
            t.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty() && !b.is_empty() && !t.contains(|c: char| c.is_whitespace())
            })
        };
        if !valid_type(&content_type) {
            note(
                &mut problems,
                Severity::Warning,
                "content-type-invalid",
                start,
                format!(
                    "Content-Type {:?} is not type/subtype: read as text/plain (RFC 2045 §5.2)",
                    escape_bytes(content_type.as_bytes())
                ),
            );
            content_type = "text/plain".into();
        }
        let param = |n: &str| params.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let top = content_type.split('/').next().unwrap_or("").to_string();
        let charset = param("charset")
            .or_else(|| (top == "text").then(|| "us-ascii".to_string()))
            .map(|c| c.to_ascii_lowercase());
        let cte = get("content-transfer-encoding")
            .map(|v| header::split_value(&v).0)
            .unwrap_or_else(|| "7bit".into());
        let cd_raw = get("content-disposition");
        let (disposition, dparams) = match &cd_raw {
            Some(v) => {
                let (d, p) = header::split_value(v);
                (Some(d), p)
            }
            None => (None, Vec::new()),
        };
        // The filename decoded (RFC 2231, and RFC 2047 words that some senders put in quoted
        // parameters though §5 of RFC 2047 forbids it), next to the header value it came from.
        let filename = dparams
            .iter()
            .find(|(k, _)| k == "filename")
            .map(|(_, v)| ("filename", v.clone(), cd_raw.clone()))
            .or_else(|| param("name").map(|v| ("name", v, ct_raw.clone())))
            .map(|(name, value, from)| ShownHeader {
                name: name.into(),
                decoded: escape_bytes(header::rfc2047(&value).as_bytes()),
                raw: escape_bytes(from.unwrap_or(value).as_bytes()),
            });
        let headers = if message {
            ["Subject", "From", "To", "Cc", "Reply-To"]
                .iter()
                .filter_map(|n| {
                    let v = get(n)?;
                    Some(ShownHeader {
                        name: (*n).into(),
                        decoded: escape_bytes(header::rfc2047(&v).as_bytes()),
                        raw: escape_bytes(v.as_bytes()),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let multipart = top == "multipart";
        let own_section = match (&section, multipart) {
            (None, true) => "TEXT".to_string(),
            (None, false) => "1".to_string(),
            (Some(p), _) if message && multipart => format!("{p}.TEXT"),
            (Some(p), _) if message => format!("{p}.1"),
            (Some(p), _) => p.clone(),
        };
        let body_start = head.body_start;
        let mut e = Entity {
            section: own_section,
            message,
            content_type: escape_bytes(content_type.as_bytes()),
            content_type_raw: ct_raw.map(|v| escape_bytes(v.as_bytes())),
            params: params
                .iter()
                .map(|(k, v)| (escape_bytes(k.as_bytes()), escape_bytes(v.as_bytes())))
                .collect(),
            charset: charset.clone().map(|c| escape_bytes(c.as_bytes())),
            transfer_encoding: escape_bytes(cte.as_bytes()),
            disposition: disposition.map(|d| escape_bytes(d.as_bytes())),
            filename,
            headers,
            offsets: Offsets {
                start,
                body_start,
                end,
            },
            encoded_size: end - body_start,
            decoded_size: None,
            problems,
            security: None,
            children: Vec::new(),
        };
        // Children of a multipart are numbered under this entity's section; a message's
        // multipart body numbers from the message's own prefix (RFC 3501 §6.4.5).
        let prefix = section.clone();
        if multipart {
            if !matches!(cte.as_str(), "7bit" | "8bit" | "binary") {
                note(
                    &mut e.problems,
                    Severity::Warning,
                    "multipart-encoded",
                    start,
                    format!(
                        "a multipart declared {cte}: only 7bit, 8bit or binary are allowed (RFC 2045 §6.4)"
                    ),
                );
            }
            match param("boundary") {
                None => note(
                    &mut e.problems,
                    Severity::Error,
                    "boundary-missing",
                    start,
                    "multipart without a boundary parameter: its parts cannot be found (RFC 2046 §5.1.1)".into(),
                ),
                Some(b) if b.is_empty() => note(
                    &mut e.problems,
                    Severity::Error,
                    "boundary-missing",
                    start,
                    "multipart with an empty boundary parameter (RFC 2046 §5.1.1)".into(),
                ),
                Some(b) => {
                    if b.len() > 70 {
                        note(
                            &mut e.problems,
                            Severity::Warning,
                            "boundary-long",
                            start,
                            format!("boundary of {} characters: at most 70 (RFC 2046 §5.1.1)", b.len()),
                        );
                    }
                    let digest = content_type == "multipart/digest";
                    self.multipart(&mut e, b.as_bytes(), prefix, depth, digest);
                }
            }
            security::multipart(self.buf, &mut e);
            return e;
        }
        if content_type == "message/rfc822" || content_type == "message/global" {
            if !matches!(cte.as_str(), "7bit" | "8bit" | "binary") {
                note(
                    &mut e.problems,
                    Severity::Warning,
                    "message-encoded",
                    start,
                    format!(
                        "message/rfc822 declared {cte}: only 7bit, 8bit or binary are allowed (RFC 2046 §5.2.1); not looked into"
                    ),
                );
            } else if self.room(&mut e, depth) {
                let child = self.entity(
                    body_start,
                    end,
                    Some(e.section.clone()),
                    depth + 1,
                    true,
                    false,
                );
                e.children.push(child);
            }
            e.decoded_size = Some(e.encoded_size);
            return e;
        }
        // A leaf: undo the transfer encoding and check the result.
        let body = &self.buf[body_start..end];
        let decoded = self.decode_leaf(&mut e, body);
        if let Some(d) = &decoded {
            e.decoded_size = Some(d.len());
            if top == "text"
                && let Some(cs) = &charset
            {
                check_charset(&mut e, cs, d);
            }
        }
        security::leaf(&mut e, decoded.as_deref());
        e
    }

    /// Whether one more level and one more entity fit the bounds; notes it when not.
    fn room(&mut self, e: &mut Entity, depth: usize) -> bool {
        if depth + 1 > MAX_DEPTH {
            note(
                &mut e.problems,
                Severity::Error,
                "too-deep",
                e.offsets.start,
                format!("more than {MAX_DEPTH} nested levels: not scanned further"),
            );
            return false;
        }
        if self.entities >= MAX_PARTS {
            note(
                &mut self.root_problems,
                Severity::Error,
                "too-many-parts",
                e.offsets.start,
                format!("more than {MAX_PARTS} parts: the rest is not scanned"),
            );
            return false;
        }
        true
    }

    /// The body parts of a multipart between its delimiter lines (RFC 2046 §5.1.1): the line
    /// end before a delimiter belongs to the delimiter; text after `--boundary` other than
    /// blanks makes it no delimiter.
    fn multipart(
        &mut self,
        e: &mut Entity,
        boundary: &[u8],
        prefix: Option<String>,
        depth: usize,
        digest: bool,
    ) {
        let buf = self.buf;
        let (body_start, end) = (e.offsets.body_start, e.offsets.end);
        let mut delim = b"--".to_vec();
        delim.extend_from_slice(boundary);
        let mut part_start: Option<usize> = None;
        let mut closed = false;
        let mut n = 0usize;
        for (ls, ce, next) in lines(buf, body_start, end) {
            let line = &buf[ls..ce];
            let Some(rest) = line.strip_prefix(delim.as_slice()) else {
                continue;
            };
            let close = rest.starts_with(b"--");
            let after = if close { &rest[2..] } else { rest };
            if !after.iter().all(|b| *b == b' ' || *b == b'\t') {
                continue;
            }
            if let Some(ps) = part_start.take() {
                // The CRLF (or LF) before the delimiter is part of it.
                let mut pe = ls;
                if pe > ps && buf[pe - 1] == b'\n' {
                    pe -= 1;
                    if pe > ps && buf[pe - 1] == b'\r' {
                        pe -= 1;
                    }
                }
                n += 1;
                if !self.child(e, ps, pe.max(ps), &prefix, n, depth, digest) {
                    return;
                }
            }
            if close {
                closed = true;
                break;
            }
            part_start = Some(next);
        }
        if let Some(ps) = part_start {
            n += 1;
            self.child(e, ps, end, &prefix, n, depth, digest);
        }
        if !closed {
            let why = if n == 0 {
                "no delimiter line for this boundary at all"
            } else {
                "no close delimiter (--boundary--): the last part runs to the end"
            };
            note(
                &mut e.problems,
                Severity::Error,
                "boundary-unclosed",
                end,
                format!(
                    "boundary {:?} never closed: {why} (RFC 2046 §5.1.1)",
                    escape_bytes(boundary)
                ),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn child(
        &mut self,
        e: &mut Entity,
        start: usize,
        end: usize,
        prefix: &Option<String>,
        n: usize,
        depth: usize,
        digest: bool,
    ) -> bool {
        if !self.room(e, depth) {
            return false;
        }
        let section = match prefix {
            Some(p) => format!("{p}.{n}"),
            None => n.to_string(),
        };
        let c = self.entity(start, end, Some(section), depth + 1, false, digest);
        e.children.push(c);
        true
    }

    fn decode_leaf(&self, e: &mut Entity, body: &[u8]) -> Option<Vec<u8>> {
        let at = e.offsets.body_start;
        match e.transfer_encoding.as_str() {
            "7bit" => {
                if let Some(i) = body.iter().position(|b| *b >= 0x80) {
                    note(
                        &mut e.problems,
                        Severity::Warning,
                        "8bit-in-7bit",
                        at + i,
                        "8-bit data in a part declared (or defaulting to) 7bit (RFC 2045 §2.7): declare 8bit and send with 8BITMIME".into(),
                    );
                }
                Some(body.to_vec())
            }
            "8bit" | "binary" => Some(body.to_vec()),
            "base64" => match decode::base64(body) {
                Ok(d) => Some(d),
                Err((off, why)) => {
                    note(
                        &mut e.problems,
                        Severity::Error,
                        "base64-invalid",
                        at + off,
                        format!("{why} (RFC 2045 §6.8)"),
                    );
                    None
                }
            },
            "quoted-printable" => {
                let (d, bad) = decode::quoted_printable(body);
                if let Some((count, first)) = bad {
                    note(
                        &mut e.problems,
                        Severity::Warning,
                        "qp-invalid",
                        at + first,
                        format!(
                            "{count} '=' not followed by two hex digits or a line end: kept as they are (RFC 2045 §6.7)"
                        ),
                    );
                }
                Some(d)
            }
            other => {
                note(
                    &mut e.problems,
                    Severity::Warning,
                    "encoding-unknown",
                    e.offsets.start,
                    format!(
                        "unknown Content-Transfer-Encoding {other:?} (RFC 2045 §6.1): not decoded"
                    ),
                );
                None
            }
        }
    }

    /// Line problems over the whole file, each counted in the deepest entity holding it: lines
    /// over 998 octets (RFC 5322 §2.1.1), a CR not followed by LF, and an LF without CR in a file
    /// that otherwise uses CRLF (RFC 5322 §2.3).
    fn line_problems(&self, root: &mut Entity) {
        let buf = self.buf;
        for (ls, ce, next) in lines(buf, 0, buf.len()) {
            if ce - ls > MAX_LINE {
                attribute(root, ls, Severity::Warning, "line-too-long", || {
                    format!(
                        "line over {MAX_LINE} octets (RFC 5322 §2.1.1): servers may reject or break it"
                    )
                });
            }
            if let Some(i) = memchr::memchr(b'\r', &buf[ls..ce]) {
                attribute(root, ls + i, Severity::Warning, "bare-cr", || {
                    "CR not followed by LF (RFC 5322 §2.3)".into()
                });
            }
            if self.crlf && next > ce && next - ce == 1 && buf[ce] == b'\n' {
                attribute(root, ce, Severity::Warning, "bare-lf", || {
                    "LF without CR in a CRLF message (RFC 5322 §2.3): some servers refuse it (SMTP smuggling defences)".into()
                });
            }
        }
    }
}

/// Count a problem at `offset` in the deepest entity that holds it.
fn attribute(
    root: &mut Entity,
    offset: usize,
    sev: Severity,
    code: &'static str,
    msg: impl FnOnce() -> String,
) {
    let mut cur = root;
    loop {
        let i = cur.children.partition_point(|c| c.offsets.start <= offset);
        if i > 0 && offset < cur.children[i - 1].offsets.end {
            cur = &mut cur.children[i - 1];
        } else {
            break;
        }
    }
    if let Some(p) = cur.problems.iter_mut().find(|p| p.code == code) {
        p.count += 1;
        return;
    }
    note(&mut cur.problems, sev, code, offset, msg());
}

/// Does the decoded text decode in its declared charset? Checked for UTF-8 and US-ASCII; other
/// known charsets map every byte (or are not checked), an unknown one is reported.
fn check_charset(e: &mut Entity, cs: &str, d: &[u8]) {
    let at = e.offsets.body_start;
    match cs {
        "utf-8" | "utf8" => {
            if let Err(err) = std::str::from_utf8(d) {
                note(
                    &mut e.problems,
                    Severity::Warning,
                    "charset-mismatch",
                    at,
                    format!(
                        "declared utf-8 but the decoded text is not valid UTF-8 (at decoded octet {})",
                        err.valid_up_to()
                    ),
                );
            }
        }
        "us-ascii" | "ascii" => {
            if let Some(i) = d.iter().position(|b| *b >= 0x80) {
                note(
                    &mut e.problems,
                    Severity::Warning,
                    "charset-mismatch",
                    at,
                    format!(
                        "charset us-ascii (declared or default) but the decoded text has 8-bit octets (first at decoded octet {i})"
                    ),
                );
            }
        }
        other if !header::known_charset(other) => note(
            &mut e.problems,
            Severity::Warning,
            "charset-unknown",
            at,
            format!(
                "unknown charset {:?}: the text cannot be checked or shown",
                escape_bytes(other.as_bytes())
            ),
        ),
        _ => {}
    }
}

/// The message at `input` (`-` for stdin), at most [`MAX_INPUT`] bytes, for `command`.
pub(crate) fn read_input(input: &str, command: &str) -> Result<Vec<u8>, crate::error::Failure> {
    let cap = MAX_INPUT as u64;
    let mut raw = Vec::new();
    use std::io::Read;
    let res = if input == "-" {
        std::io::stdin().take(cap + 1).read_to_end(&mut raw)
    } else {
        std::fs::File::open(input).and_then(|f| f.take(cap + 1).read_to_end(&mut raw))
    };
    let name = if input == "-" { "stdin" } else { input };
    res.map_err(|e| crate::error::Failure::local_io(format!("{name}: {e}")))?;
    if raw.len() as u64 > cap {
        return Err(crate::error::Failure::usage(format!(
            "{name}: larger than {} MiB, the most `{command}` reads",
            cap >> 20
        )));
    }
    if raw.is_empty() {
        return Err(crate::error::Failure::usage(format!(
            "{name}: the message is empty"
        )));
    }
    Ok(raw)
}

/// The entity with IMAP section `section` (`TEXT` also names the top-level body).
pub(crate) fn find<'e>(root: &'e Entity, section: &str) -> Option<&'e Entity> {
    let want = section.trim().to_ascii_uppercase();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if e.section.eq_ignore_ascii_case(&want) || (want == "TEXT" && std::ptr::eq(e, root)) {
            return Some(e);
        }
        stack.extend(e.children.iter());
    }
    None
}

/// The body of `e` with its transfer encoding undone (a multipart or message as it is).
pub(crate) fn decoded_body(raw: &[u8], e: &Entity) -> Result<Vec<u8>, String> {
    let body = raw
        .get(e.offsets.body_start..e.offsets.end)
        .ok_or("offsets outside the input")?;
    match e.transfer_encoding.as_str() {
        "base64" => decode::base64(body)
            .map_err(|(off, why)| format!("{why} at offset {}", e.offsets.body_start + off)),
        "quoted-printable" => Ok(decode::quoted_printable(body).0),
        "7bit" | "8bit" | "binary" => Ok(body.to_vec()),
        other => Err(format!(
            "unknown Content-Transfer-Encoding {other:?}: nothing to undo it with"
        )),
    }
}

#[cfg(test)]
mod tests;
