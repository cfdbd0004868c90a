//! The event stream of JMAP push (RFC 8620 §7.3): `text/event-stream` as the HTML Living
//! Standard's EventSource defines it (lines `event:`, `data:`, `id:`, comments starting with
//! `:`, an empty line ending each event), read incrementally as bytes arrive, each line bounded.

/// A line longer than this ends the stream: a state change is a few hundred bytes.
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// One event's data lines together may not pass this: `data:` lines without the blank line
/// that ends an event would otherwise grow memory without bound.
pub(crate) const MAX_EVENT: usize = 1 << 20;

/// One event: its type (`message` when none was named) and its data lines joined by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) kind: String,
    pub(crate) data: String,
}

/// The parser's state between pieces of the stream.
#[derive(Debug, Default)]
pub(crate) struct Parser {
    line: Vec<u8>,
    kind: String,
    data: Vec<String>,
    /// Bytes in `data` so far (with the line ends they are joined by).
    data_len: usize,
    /// The last byte was a CR: a following LF belongs to the same line end.
    after_cr: bool,
}

impl Parser {
    /// Feed bytes; returns the complete lines seen (for the transcript) and the events they
    /// completed, or an error text when a line is too long.
    pub(crate) fn feed(&mut self, bytes: &[u8]) -> Result<(Vec<Vec<u8>>, Vec<Event>), String> {
        let mut lines = Vec::new();
        let mut events = Vec::new();
        for &b in bytes {
            if self.after_cr && b == b'\n' {
                self.after_cr = false;
                continue;
            }
            self.after_cr = b == b'\r';
            if b == b'\n' || b == b'\r' {
                let line = std::mem::take(&mut self.line);
                if let Some(e) = self.line_done(&line)? {
                    events.push(e);
                }
                lines.push(line);
                continue;
            }
            if self.line.len() >= MAX_LINE {
                return Err(format!(
                    "an event-stream line goes on past {MAX_LINE} bytes"
                ));
            }
            self.line.push(b);
        }
        Ok((lines, events))
    }

    fn line_done(&mut self, line: &[u8]) -> Result<Option<Event>, String> {
        if line.is_empty() {
            // Dispatch: an event without data is none (the standard's rule).
            let kind = std::mem::take(&mut self.kind);
            if self.data.is_empty() {
                return Ok(None);
            }
            self.data_len = 0;
            let data = std::mem::take(&mut self.data).join("\n");
            return Ok(Some(Event {
                kind: if kind.is_empty() {
                    "message".into()
                } else {
                    kind
                },
                data,
            }));
        }
        if line[0] == b':' {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(line);
        let (field, value) = match text.split_once(':') {
            Some((f, v)) => (f.to_string(), v.strip_prefix(' ').unwrap_or(v).to_string()),
            None => (text.to_string(), String::new()),
        };
        match field.as_str() {
            "event" => self.kind = value,
            "data" => {
                self.data_len += value.len() + 1;
                if self.data_len > MAX_EVENT {
                    return Err(format!(
                        "one event's data goes on past {MAX_EVENT} bytes without the empty line that ends it"
                    ));
                }
                self.data.push(value);
            }
            _ => {}
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jmap_push_endless_data_is_bounded() {
        let mut p = Parser::default();
        let line = format!("data: {}\n", "x".repeat(1000));
        let mut fed = 0;
        let err = loop {
            match p.feed(line.as_bytes()) {
                Ok(_) => fed += line.len(),
                Err(e) => break e,
            }
            assert!(fed <= 2 * MAX_EVENT, "never stopped");
        };
        assert!(err.contains("1048576"), "{err}");
        // A blank line resets the count: many bounded events are fine.
        let mut p = Parser::default();
        for _ in 0..3000 {
            let (_, e) = p.feed(line.repeat(2).as_bytes()).unwrap();
            assert!(e.is_empty());
            let (_, e) = p.feed(b"\n").unwrap();
            assert_eq!(e.len(), 1);
        }
    }

    #[test]
    fn events_across_pieces_and_line_ends() {
        let mut p = Parser::default();
        let (_, e) = p.feed(b": ping\r\nevent: state\r\nda").unwrap();
        assert!(e.is_empty());
        let (lines, e) = p
            .feed(b"ta: {\"changed\":{}}\r\n\r\ndata: a\ndata: b\n\n")
            .unwrap();
        assert_eq!(lines.len(), 5);
        assert_eq!(
            e,
            [
                Event {
                    kind: "state".into(),
                    data: "{\"changed\":{}}".into()
                },
                Event {
                    kind: "message".into(),
                    data: "a\nb".into()
                }
            ]
        );
    }

    /// Random bytes in random pieces: never a panic, never a line kept past the bound.
    #[test]
    fn random_streams_never_panic() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..2000 {
            let mut p = Parser::default();
            for _ in 0..(next() % 8) {
                let len = (next() % 300) as usize;
                let alphabet = b"event:data: state\r\n{}:x";
                let piece: Vec<u8> = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                if p.feed(&piece).is_err() {
                    break;
                }
                assert!(p.line.len() <= MAX_LINE);
            }
        }
    }

    #[test]
    fn endless_lines_are_refused() {
        let mut p = Parser::default();
        let big = vec![b'x'; MAX_LINE + 1];
        assert!(p.feed(&big).is_err());
    }
}
