//! Content-Transfer-Encoding decoders (RFC 2045 §6) that say where the input is wrong, which
//! mail-parser's lenient decoders do not: base64 (§6.8) strictly, quoted-printable (§6.7)
//! robustly as the RFC's note asks (a bad `=` is kept as it is), with the first bad offset.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Base64 as RFC 2045 §6.8 has it: line breaks and (tolerated) blanks are ignored; any other
/// character outside the alphabet, data after the padding, or a length that cannot be a whole
/// number of octets is an error. `Err` carries the offset in `body` and why.
pub(crate) fn base64(body: &[u8]) -> Result<Vec<u8>, (usize, String)> {
    let mut clean = Vec::with_capacity(body.len());
    let mut pad_at = None;
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'\r' | b'\n' | b' ' | b'\t' => {}
            b'=' => {
                pad_at.get_or_insert(i);
                clean.push(b);
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {
                if let Some(p) = pad_at {
                    return Err((p, "data after the '=' padding".into()));
                }
                clean.push(b);
            }
            _ => {
                return Err((i, format!("byte 0x{b:02x} is not in the base64 alphabet")));
            }
        }
    }
    // Padding is optional for us (decoders in the wild accept it missing) but a lone sextet
    // can never make an octet.
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    engine
        .decode(&clean)
        .map_err(|e| (pad_at.unwrap_or(body.len()), format!("invalid base64: {e}")))
}

/// Quoted-printable per RFC 2045 §6.7: `=XX` (lower-case hex tolerated), soft line breaks,
/// trailing blanks dropped (rule 3). Returns the decoded bytes and, if any `=` was not a valid
/// escape, how many and the first one's offset (kept literally, as §6.7 note 1 suggests).
pub(crate) fn quoted_printable(body: &[u8]) -> (Vec<u8>, Option<(usize, usize)>) {
    let mut out = Vec::with_capacity(body.len());
    let mut bad: Option<(usize, usize)> = None;
    let mut note = |i: usize| {
        let b = bad.get_or_insert((0, i));
        b.0 += 1;
    };
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        match b {
            b'=' => {
                let rest = &body[i + 1..];
                if rest.len() >= 2 && rest[0].is_ascii_hexdigit() && rest[1].is_ascii_hexdigit() {
                    out.push(hex(rest[0]) << 4 | hex(rest[1]));
                    i += 3;
                    continue;
                }
                // Soft line break: `=`, optional blanks, then the line end (or the end).
                let blanks = rest
                    .iter()
                    .take_while(|c| **c == b' ' || **c == b'\t')
                    .count();
                let after = &rest[blanks..];
                if after.is_empty() {
                    i = body.len();
                    continue;
                }
                if after.starts_with(b"\r\n") {
                    i += 1 + blanks + 2;
                    continue;
                }
                if after.starts_with(b"\n") {
                    i += 1 + blanks + 1;
                    continue;
                }
                note(i);
                out.push(b'=');
                i += 1;
            }
            b' ' | b'\t' => {
                // Trailing blanks before a line end were added in transport: drop them.
                let run = body[i..]
                    .iter()
                    .take_while(|c| **c == b' ' || **c == b'\t')
                    .count();
                let after = &body[i + run..];
                if !(after.is_empty() || after.starts_with(b"\r\n") || after.starts_with(b"\n")) {
                    out.extend_from_slice(&body[i..i + run]);
                }
                i += run;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    (out, bad)
}

fn hex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.wrapping_sub(b'A').wrapping_add(10) & 0x0f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_accepts_line_breaks_and_refuses_junk() {
        assert_eq!(base64(b"aGVs\r\nbG8=\r\n").unwrap(), b"hello");
        assert_eq!(base64(b"aGVsbG8").unwrap(), b"hello");
        let (at, why) = base64(b"aGVs\r\nb*G8=").unwrap_err();
        assert_eq!(at, 7);
        assert!(why.contains("0x2a"), "{why}");
        assert!(base64(b"aGVsbG8=aGVs").is_err());
        assert!(base64(b"aGVsb").is_err(), "a lone sextet");
    }

    #[test]
    fn quoted_printable_soft_breaks_escapes_and_bad_equals() {
        let (d, bad) = quoted_printable(b"Gr=C3=BC=\r\nsse  \r\nx=3d");
        assert_eq!(d, "Grüsse\r\nx=".as_bytes());
        assert_eq!(bad, None);
        let (d, bad) = quoted_printable(b"a=ZZb=\tc\nd=");
        assert_eq!(d, b"a=ZZb=\tc\nd");
        assert_eq!(bad, Some((2, 1)), "two bad escapes, the first at 1");
    }
}
