//! Modified UTF-7 mailbox names (RFC 3501 §5.1.3): decode for display, encode for commands.
//! Never panics: a malformed name is shown as sent.

use base64::Engine;
use base64::alphabet::IMAP_MUTF7;
use base64::engine::general_purpose::{GeneralPurpose, NO_PAD};

const ENGINE: GeneralPurpose = GeneralPurpose::new(&IMAP_MUTF7, NO_PAD);

/// Decode a mailbox name; `None` when it is not valid modified UTF-7.
pub(crate) fn decode(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = name;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find('-')?;
        let b64 = &after[..end];
        if b64.is_empty() {
            out.push('&');
        } else {
            let bytes = ENGINE.decode(b64).ok()?;
            if bytes.len() % 2 != 0 {
                return None;
            }
            let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
            for ch in char::decode_utf16(units) {
                out.push(ch.ok()?);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Decode for display, falling back to the name as sent.
pub(crate) fn display(name: &str) -> String {
    decode(name).unwrap_or_else(|| name.to_string())
}

/// Encode a UTF-8 mailbox name for the wire.
pub(crate) fn encode(name: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if !pending.is_empty() {
            let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
            out.push('&');
            out.push_str(&ENGINE.encode(bytes));
            out.push('-');
            pending.clear();
        }
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut pending, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for (wire, utf8) in [
            ("INBOX", "INBOX"),
            ("Entw&APw-rfe", "Entwürfe"),
            ("&AMQ-pfel", "Äpfel"),
            ("Tom &- Jerry", "Tom & Jerry"),
            ("~peter/mail/&U,BTFw-/&ZeVnLIqe-", "~peter/mail/台北/日本語"),
            ("&2D3eAA-", "😀"),
        ] {
            assert_eq!(decode(wire).as_deref(), Some(utf8), "{wire}");
            assert_eq!(encode(utf8), wire, "{utf8}");
        }
    }

    #[test]
    fn malformed_names_do_not_panic() {
        for bad in ["&A-", "&AB!-", "&", "&AMQ", "&2D0-"] {
            assert_eq!(decode(bad), None, "{bad}");
            assert_eq!(display(bad), bad);
        }
    }
}
