//! SMTP reply parsing (RFC 5321 §4.2): three-digit code, '-' for continuation, ' ' (or nothing) on
//! the last line, the same code on every line.

use crate::event::escape_bytes;

/// The most lines one reply may have. An EHLO reply is ~20; more than this is a hostile or broken
/// server streaming continuation lines forever.
pub(crate) const MAX_REPLY_LINES: usize = 1000;

/// One complete (possibly multi-line) reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub code: u16,
    /// The text of each line after the code and separator, escaped for display.
    pub lines: Vec<String>,
}

/// One parsed reply line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub code: u16,
    pub last: bool,
    pub text: &'a [u8],
}

/// Parse one reply line; the error says what is wrong with it.
pub(crate) fn parse_line(line: &[u8]) -> Result<Line<'_>, String> {
    if line.len() < 3 || !line[..3].iter().all(u8::is_ascii_digit) {
        return Err(format!(
            "reply does not start with a three-digit code: {:?}",
            escape_bytes(&line[..line.len().min(80)])
        ));
    }
    // RFC 5321 §4.2.1: first digit 2..5, second digit 0..5. Be strict about the first (it decides
    // success), lenient about the second.
    if !(b'2'..=b'5').contains(&line[0]) {
        return Err(format!(
            "reply code {} is outside 2xx-5xx",
            escape_bytes(&line[..3])
        ));
    }
    let code =
        (line[0] - b'0') as u16 * 100 + (line[1] - b'0') as u16 * 10 + (line[2] - b'0') as u16;
    match line.get(3) {
        None => Ok(Line {
            code,
            last: true,
            text: b"",
        }),
        Some(b' ') => Ok(Line {
            code,
            last: true,
            text: &line[4..],
        }),
        Some(b'-') => Ok(Line {
            code,
            last: false,
            text: &line[4..],
        }),
        Some(_) => Err(format!(
            "reply code not followed by space or '-': {:?}",
            escape_bytes(&line[..line.len().min(80)])
        )),
    }
}

impl Reply {
    pub(crate) fn is_positive(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// The reply as one display string: `550 5.1.1 <x@y>: Recipient address rejected`, with
    /// further lines joined by " / ".
    pub(crate) fn display(&self) -> String {
        let text = self
            .lines
            .iter()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ");
        if text.is_empty() {
            self.code.to_string()
        } else {
            format!("{} {}", self.code, text)
        }
    }

    #[cfg(any(test, feature = "fuzz"))]
    /// The enhanced status code (RFC 3463) from the first line, if present.
    pub(crate) fn enhanced(&self) -> Option<&str> {
        let first = self.lines.first()?;
        let tok = first.split_whitespace().next()?;
        let mut parts = tok.split('.');
        let ok = matches!(parts.next(), Some("2" | "4" | "5"))
            && parts.clone().count() == 2
            && parts
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
        ok.then_some(tok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_forms() {
        assert_eq!(
            parse_line(b"250 OK").unwrap(),
            Line {
                code: 250,
                last: true,
                text: b"OK"
            }
        );
        assert_eq!(
            parse_line(b"250-PIPELINING").unwrap(),
            Line {
                code: 250,
                last: false,
                text: b"PIPELINING"
            }
        );
        assert_eq!(
            parse_line(b"354").unwrap(),
            Line {
                code: 354,
                last: true,
                text: b""
            }
        );
        for bad in [
            &b""[..],
            b"25",
            b"abc def",
            b"250x",
            b"199 info",
            b"600 what",
            b"\xff\xfe\xfd",
        ] {
            assert!(parse_line(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_and_enhanced() {
        let r = Reply {
            code: 550,
            lines: vec!["5.1.1 <x@y>: Recipient address rejected".into()],
        };
        assert_eq!(r.display(), "550 5.1.1 <x@y>: Recipient address rejected");
        assert_eq!(r.enhanced(), Some("5.1.1"));
        let r = Reply {
            code: 250,
            lines: vec!["mail.example".into(), "SIZE 100".into()],
        };
        assert_eq!(r.display(), "250 mail.example / SIZE 100");
        assert_eq!(r.enhanced(), None);
        assert_eq!(
            Reply {
                code: 354,
                lines: vec![String::new()]
            }
            .display(),
            "354"
        );
    }
}
