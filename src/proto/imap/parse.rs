//! IMAP response parsing (RFC 9051 §7, §9): a tolerant tokenizer over framed responses into
//! atoms, numbers, strings (quoted or literal), NIL and lists, plus the status-response shape.
//!
//! Hand-written on purpose: imap-codec 1.0 rejects the bare `+` continuation and 2.0 is an alpha
//! that refuses responses real servers send (`* OK` without text, ESEARCH, bare LF, UID 0, NUL in
//! a literal). A debugging tool must show and survive those, so anything we do not understand is
//! kept as tokens (or raw text) instead of failing the session.

use super::frame::Framed;
use crate::event::escape_bytes;
use std::collections::VecDeque;

/// Marker the framing layer puts where a literal was streamed elsewhere (`{*}` is not valid IMAP,
/// so no server sends it legitimately; a forged one finds no streamed size and is an error).
pub(crate) const STREAMED_MARKER: &[u8] = b"{*}";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An atom, including flags (`\Seen`) and fetch item names with sections (`BODY[1.2]<0>`).
    Atom(String),
    Num(u64),
    /// A quoted string or a literal.
    Str(Vec<u8>),
    /// A literal whose bytes were streamed to a sink; its size.
    Streamed(u64),
    Nil,
    List(Vec<Tok>),
}

impl Tok {
    #[cfg(feature = "fuzz")]
    pub(crate) fn as_atom(&self) -> Option<&str> {
        match self {
            Tok::Atom(a) => Some(a),
            _ => None,
        }
    }
    pub(crate) fn as_num(&self) -> Option<u64> {
        match self {
            Tok::Num(n) => Some(*n),
            _ => None,
        }
    }
    /// Text of an atom, number or string (lossy for non-UTF-8); None for NIL and lists.
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Tok::Atom(a) => Some(a.clone()),
            Tok::Num(n) => Some(n.to_string()),
            Tok::Str(s) => Some(String::from_utf8_lossy(s).into_owned()),
            _ => None,
        }
    }
    pub(crate) fn bytes(&self) -> Option<&[u8]> {
        match self {
            Tok::Str(s) => Some(s),
            Tok::Atom(a) => Some(a.as_bytes()),
            _ => None,
        }
    }
    pub(crate) fn list(&self) -> Option<&[Tok]> {
        match self {
            Tok::List(l) => Some(l),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cond {
    Ok,
    No,
    Bad,
    Bye,
    Preauth,
}

impl Cond {
    fn parse(word: &str) -> Option<Cond> {
        Some(match word.to_ascii_uppercase().as_str() {
            "OK" => Cond::Ok,
            "NO" => Cond::No,
            "BAD" => Cond::Bad,
            "BYE" => Cond::Bye,
            "PREAUTH" => Cond::Preauth,
            _ => return None,
        })
    }
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Cond::Ok => "OK",
            Cond::No => "NO",
            Cond::Bad => "BAD",
            Cond::Bye => "BYE",
            Cond::Preauth => "PREAUTH",
        }
    }
}

/// A status response's condition, optional `[code]` and human text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusResp {
    pub cond: Cond,
    pub code: Option<String>,
    pub text: String,
}

impl StatusResp {
    pub(crate) fn display(&self) -> String {
        let code = self
            .code
            .as_ref()
            .map(|c| format!("[{c}] "))
            .unwrap_or_default();
        format!("{} {code}{}", self.cond.as_str(), self.text)
            .trim_end()
            .to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resp {
    /// `+ text`: the server waits for more (literal data or a SASL response).
    Continue(String),
    Tagged {
        tag: String,
        status: StatusResp,
    },
    /// `* OK|NO|BAD|BYE|PREAUTH …`
    Status(StatusResp),
    /// `* n EXISTS|RECENT|EXPUNGE|FETCH …`
    Numbered {
        n: u64,
        kind: String,
        data: Vec<Tok>,
    },
    /// `* CAPABILITY|LIST|STATUS|SEARCH|FLAGS|… data`
    Data {
        kind: String,
        data: Vec<Tok>,
    },
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
    streamed: VecDeque<u64>,
}

impl<'a> P<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ')) {
            self.i += 1;
        }
    }
    fn at_eol(&self) -> bool {
        matches!(self.peek(), None | Some(b'\r') | Some(b'\n'))
    }
    /// A tag or keyword, escaped: it ends up in warnings and errors, which are printed as they
    /// are (a control character from the server must not reach the terminal).
    fn word(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == b' ' || c == b'\r' || c == b'\n' {
                break;
            }
            self.i += 1;
        }
        escape_bytes(&self.b[start..self.i])
    }
    /// The rest of the line (up to CRLF) as text, escaped like [`P::word`] (status text is shown
    /// in the transcript and as the server's reply of a failure).
    fn rest_of_line(&mut self) -> String {
        let start = self.i;
        while !self.at_eol() {
            self.i += 1;
        }
        escape_bytes(&self.b[start..self.i])
    }
    fn eol(&mut self) {
        if self.peek() == Some(b'\r') {
            self.i += 1;
        }
        if self.peek() == Some(b'\n') {
            self.i += 1;
        }
    }

    fn tokens_until(&mut self, close: Option<u8>, depth: usize) -> Result<Vec<Tok>, String> {
        if depth > 64 {
            return Err("lists nested more than 64 deep".into());
        }
        let mut out = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                None | Some(b'\r') | Some(b'\n') if close.is_none() => return Ok(out),
                None => return Err("response ends inside a list".into()),
                Some(b'\r') | Some(b'\n') => {
                    // A line break inside a list only follows a literal; anything else is broken.
                    return Err("response line ends inside a list".into());
                }
                Some(c) if Some(c) == close => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b')') => return Err("unbalanced ')'".into()),
                Some(b'(') => {
                    self.i += 1;
                    out.push(Tok::List(self.tokens_until(Some(b')'), depth + 1)?));
                }
                Some(b'"') => out.push(Tok::Str(self.quoted()?)),
                Some(b'{') | Some(b'~') if self.literal_ahead() => out.push(self.literal()?),
                Some(_) => out.push(self.atom()),
            }
        }
    }

    fn quoted(&mut self) -> Result<Vec<u8>, String> {
        self.i += 1;
        let mut s = Vec::new();
        loop {
            match self.peek() {
                None | Some(b'\r') | Some(b'\n') => return Err("unterminated quoted string".into()),
                Some(b'\\') => {
                    self.i += 1;
                    if let Some(c) = self.peek() {
                        s.push(c);
                        self.i += 1;
                    }
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(s);
                }
                Some(c) => {
                    s.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn literal_ahead(&self) -> bool {
        let rest = &self.b[self.i..];
        let rest = rest.strip_prefix(b"~").unwrap_or(rest);
        rest.starts_with(STREAMED_MARKER)
            || (rest.first() == Some(&b'{')
                && rest
                    .iter()
                    .skip(1)
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    > 0)
    }

    fn literal(&mut self) -> Result<Tok, String> {
        if self.peek() == Some(b'~') {
            self.i += 1;
        }
        if self.b[self.i..].starts_with(STREAMED_MARKER) {
            self.i += STREAMED_MARKER.len();
            self.eol();
            let size = self
                .streamed
                .pop_front()
                .ok_or("a streamed-literal marker with no streamed literal")?;
            return Ok(Tok::Streamed(size));
        }
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let n: usize = std::str::from_utf8(&self.b[start..self.i])
            .ok()
            .and_then(|d| d.parse().ok())
            .ok_or("bad literal size")?;
        if self.peek() == Some(b'+') {
            self.i += 1;
        }
        if self.peek() != Some(b'}') {
            return Err("bad literal marker".into());
        }
        self.i += 1;
        self.eol();
        let end = self
            .i
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or("literal shorter than announced")?;
        let data = self.b[self.i..end].to_vec();
        self.i = end;
        Ok(Tok::Str(data))
    }

    /// An atom; a `[` inside it runs to the matching `]` (sections like `BODY[HEADER.FIELDS (A B)]`).
    fn atom(&mut self) -> Tok {
        let start = self.i;
        let mut brackets = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'[' => brackets += 1,
                b']' if brackets > 0 => brackets -= 1,
                b'\r' | b'\n' => break,
                b' ' | b'(' | b')' if brackets == 0 => break,
                _ => {}
            }
            self.i += 1;
        }
        let a = String::from_utf8_lossy(&self.b[start..self.i]).into_owned();
        if a.eq_ignore_ascii_case("NIL") {
            Tok::Nil
        } else if !a.is_empty() && a.len() <= 19 && a.bytes().all(|b| b.is_ascii_digit()) {
            a.parse().map(Tok::Num).unwrap_or(Tok::Atom(a))
        } else {
            Tok::Atom(a)
        }
    }

    fn status(&mut self, cond: Cond) -> StatusResp {
        self.skip_spaces();
        let mut code = None;
        if self.peek() == Some(b'[') {
            let start = self.i + 1;
            let mut depth = 0usize;
            while let Some(c) = self.peek() {
                if c == b'\r' || c == b'\n' {
                    break;
                }
                self.i += 1;
                match c {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = if self.b.get(self.i - 1) == Some(&b']') {
                self.i - 1
            } else {
                self.i
            };
            code = Some(escape_bytes(&self.b[start..end.max(start)]));
            self.skip_spaces();
        }
        StatusResp {
            cond,
            code,
            text: self.rest_of_line(),
        }
    }
}

/// Parse one framed response.
pub(crate) fn parse(framed: &Framed) -> Result<Resp, String> {
    let mut p = P {
        b: &framed.bytes,
        i: 0,
        streamed: framed.streamed.iter().copied().collect(),
    };
    let tag = p.word();
    if tag == "+" || tag.starts_with('+') && tag.len() == 1 {
        p.skip_spaces();
        return Ok(Resp::Continue(p.rest_of_line()));
    }
    if tag.is_empty() {
        return Err("empty response line".into());
    }
    p.skip_spaces();
    if tag == "*" {
        let first = p.word();
        if let Some(cond) = Cond::parse(&first) {
            return Ok(Resp::Status(p.status(cond)));
        }
        if let Ok(n) = first.parse::<u64>() {
            p.skip_spaces();
            let kind = p.word().to_ascii_uppercase();
            let data = p.tokens_until(None, 0)?;
            return Ok(Resp::Numbered { n, kind, data });
        }
        if first.is_empty() {
            return Err("untagged response without a keyword".into());
        }
        let data = p.tokens_until(None, 0)?;
        return Ok(Resp::Data {
            kind: first.to_ascii_uppercase(),
            data,
        });
    }
    let word = p.word();
    match Cond::parse(&word) {
        Some(cond @ (Cond::Ok | Cond::No | Cond::Bad)) => Ok(Resp::Tagged {
            tag,
            status: p.status(cond),
        }),
        _ => Err(format!("tagged response {tag} without OK/NO/BAD")),
    }
}

/// FETCH data items as (NAME, value) pairs: `UID 5 FLAGS (\Seen) BODY[] {…}` → pairs.
pub(crate) fn fetch_items(data: &[Tok]) -> Vec<(String, Tok)> {
    let list = match data.first() {
        Some(Tok::List(l)) => l,
        _ => return Vec::new(),
    };
    list.chunks(2)
        .filter_map(|kv| match kv {
            [Tok::Atom(k), v] => Some((k.to_ascii_uppercase(), v.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &[u8]) -> Resp {
        parse(&Framed {
            bytes: s.to_vec(),
            streamed: vec![],
        })
        .unwrap()
    }

    #[test]
    fn status_responses() {
        assert_eq!(
            p(b"A1 OK [READ-ONLY] Examine completed\r\n"),
            Resp::Tagged {
                tag: "A1".into(),
                status: StatusResp {
                    cond: Cond::Ok,
                    code: Some("READ-ONLY".into()),
                    text: "Examine completed".into()
                }
            }
        );
        assert_eq!(
            p(b"* OK\r\n"),
            Resp::Status(StatusResp {
                cond: Cond::Ok,
                code: None,
                text: String::new()
            })
        );
        assert_eq!(
            p(b"* OK [CAPABILITY IMAP4rev1 SASL-IR] ready\n"),
            Resp::Status(StatusResp {
                cond: Cond::Ok,
                code: Some("CAPABILITY IMAP4rev1 SASL-IR".into()),
                text: "ready".into()
            })
        );
        assert_eq!(p(b"+ \r\n"), Resp::Continue(String::new()));
        assert_eq!(p(b"+\r\n"), Resp::Continue(String::new()));
        assert_eq!(p(b"+ dGVzdA==\r\n"), Resp::Continue("dGVzdA==".into()));
        assert!(
            parse(&Framed {
                bytes: b"A1 MAYBE\r\n".to_vec(),
                streamed: vec![]
            })
            .is_err()
        );
    }

    #[test]
    fn fetch_with_literals_and_sections() {
        let r = p(b"* 1 FETCH (UID 5 FLAGS (\\Seen) RFC822.SIZE 1234 BODY[HEADER.FIELDS (SUBJECT)] {15}\r\nSubject: hi\r\n\r\n)\r\n");
        let Resp::Numbered { n, kind, data } = r else {
            panic!()
        };
        assert_eq!((n, kind.as_str()), (1, "FETCH"));
        let items = fetch_items(&data);
        assert_eq!(items[0], ("UID".into(), Tok::Num(5)));
        assert_eq!(
            items[1],
            ("FLAGS".into(), Tok::List(vec![Tok::Atom("\\Seen".into())]))
        );
        assert_eq!(items[2], ("RFC822.SIZE".into(), Tok::Num(1234)));
        assert_eq!(
            items[3],
            (
                "BODY[HEADER.FIELDS (SUBJECT)]".into(),
                Tok::Str(b"Subject: hi\r\n\r\n".to_vec())
            )
        );
    }

    #[test]
    fn streamed_marker_takes_the_streamed_size() {
        let f = Framed {
            bytes: b"* 2 FETCH (UID 6 BODY[] {*}\r\n)\r\n".to_vec(),
            streamed: vec![104_857_600],
        };
        let Resp::Numbered { data, .. } = parse(&f).unwrap() else {
            panic!()
        };
        assert_eq!(
            fetch_items(&data)[1],
            ("BODY[]".into(), Tok::Streamed(104_857_600))
        );
        let forged = Framed {
            bytes: b"* 2 FETCH (BODY[] {*}\r\n)\r\n".to_vec(),
            streamed: vec![],
        };
        assert!(parse(&forged).is_err());
    }

    #[test]
    fn list_status_search() {
        let Resp::Data { kind, data } = p(b"* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n") else {
            panic!()
        };
        assert_eq!(kind, "LIST");
        assert_eq!(
            data,
            vec![
                Tok::List(vec![Tok::Atom("\\HasNoChildren".into())]),
                Tok::Str(b"/".to_vec()),
                Tok::Str(b"INBOX".to_vec())
            ]
        );
        let Resp::Data { data, .. } = p(b"* LIST () NIL {5}\r\nA b c\r\n") else {
            panic!()
        };
        assert_eq!(data[1], Tok::Nil);
        assert_eq!(data[2], Tok::Str(b"A b c".to_vec()));
        let Resp::Data { data, .. } = p(b"* STATUS INBOX (MESSAGES 3 UNSEEN 1)\r\n") else {
            panic!()
        };
        assert_eq!(
            data[1],
            Tok::List(vec![
                Tok::Atom("MESSAGES".into()),
                Tok::Num(3),
                Tok::Atom("UNSEEN".into()),
                Tok::Num(1)
            ])
        );
        let Resp::Data { data, .. } = p(b"* SEARCH 1 2 3\r\n") else {
            panic!()
        };
        assert_eq!(data, vec![Tok::Num(1), Tok::Num(2), Tok::Num(3)]);
        assert!(matches!(p(b"* SEARCH\r\n"), Resp::Data { data, .. } if data.is_empty()));
    }

    #[test]
    fn server_text_is_escaped() {
        // Found by fuzzing (fuzz/regressions/imap): status text, codes and tags are printed as
        // they are in warnings and failures, so no raw control byte may survive parsing.
        assert_eq!(
            p(b"* BYE [UNAV\x05ILABLE] busy \x1b[2J\xff\r\n"),
            Resp::Status(StatusResp {
                cond: Cond::Bye,
                code: Some("UNAV\\x05ILABLE".into()),
                text: "busy \\x1b[2J\\xff".into()
            })
        );
        assert_eq!(
            parse(&Framed {
                bytes: b"A\x1b1 MAYBE\r\n".to_vec(),
                streamed: vec![]
            }),
            Err("tagged response A\\x1b1 without OK/NO/BAD".into())
        );
    }

    #[test]
    fn hostile_input_is_an_error_not_a_panic() {
        for bad in [
            &b""[..],
            b"* 1 FETCH (UID 5\r\n",
            b"* 1 FETCH (BODY[] {99}\r\nshort)\r\n",
            b"* X ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((\r\n",
            b"* 1 FETCH (\"unterminated\r\n",
            b"* X )\r\n",
            b"* 1 FETCH (BODY[ {3}\r\n",
            b"* OK [unclosed code\r\n",
        ] {
            let _ = parse(&Framed {
                bytes: bad.to_vec(),
                streamed: vec![],
            });
        }
        assert!(
            parse(&Framed {
                bytes: b"* 1 FETCH (BODY[] {99}\r\nshort)\r\n".to_vec(),
                streamed: vec![]
            })
            .is_err()
        );
    }
}
