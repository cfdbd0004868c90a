//! Where the OpenPGP signature of a message is: an RFC 3156 §5 `multipart/signed` whose
//! protocol is `application/pgp-signature` (the first part signed exactly as it is in the
//! message, the second part the signature), inline cleartext signing (RFC 9580 §7) in a text
//! part, or an RFC 3156 §4 `multipart/encrypted` message, which cannot be checked without the
//! recipient's secret key. The MIME scanner (`crate::mime`) gives the parts and their byte
//! ranges in the file.

use crate::mime::{self, Entity};
use serde::Serialize;

/// What was found, in the order looked for: the first PGP/MIME signature (depth first), else
/// the first encrypted part, else the first text part holding a cleartext signature.
#[derive(Debug, Clone)]
pub(crate) enum Found {
    Mime(MimeSigned),
    Inline(Inline),
    Encrypted {
        section: String,
    },
    /// A multipart/signed of another protocol (S/MIME's application/pkcs7-signature).
    OtherProtocol {
        section: String,
        protocol: String,
    },
    Nothing,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MimeSigned {
    /// The multipart/signed entity's IMAP section.
    pub(crate) section: String,
    pub(crate) signed_section: String,
    pub(crate) signature_section: String,
    /// `micalg` (RFC 3156 §5: `pgp-sha256`…), as declared.
    pub(crate) micalg: Option<String>,
    /// Byte range of the signed part in the file (its header and body, without the line end
    /// before the next delimiter, which belongs to the delimiter: RFC 2046 §5.1.1).
    pub(crate) signed_range: (usize, usize),
    #[serde(skip)]
    pub(crate) signature: Vec<u8>,
    /// The signature part's type, when not application/pgp-signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signature_type: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Inline {
    pub(crate) section: String,
    /// The text part decoded (transfer encoding undone), from the BEGIN line.
    #[serde(skip)]
    pub(crate) text: Vec<u8>,
}

const BEGIN_SIGNED: &[u8] = b"-----BEGIN PGP SIGNED MESSAGE-----";
const END_SIGNATURE: &[u8] = b"-----END PGP SIGNATURE-----";

fn param<'a>(e: &'a Entity, name: &str) -> Option<&'a str> {
    e.params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Find the signature in `raw` (a whole message).
pub(crate) fn locate(raw: &[u8]) -> Found {
    let scan = mime::scan(raw);
    let mut stack = vec![&scan.root];
    let mut encrypted = None;
    let mut other = None;
    let mut inline = None;
    // Depth first, in document order.
    let mut order = Vec::new();
    while let Some(e) = stack.pop() {
        order.push(e);
        stack.extend(e.children.iter().rev());
    }
    for e in order {
        match e.content_type.as_str() {
            "multipart/signed" => {
                let protocol = param(e, "protocol").unwrap_or("").to_ascii_lowercase();
                if protocol != "application/pgp-signature" {
                    if other.is_none() {
                        other = Some((e.section.clone(), protocol));
                    }
                    continue;
                }
                let (Some(signed), Some(sig)) = (e.children.first(), e.children.get(1)) else {
                    // Broken structure: still a PGP/MIME signature, with nothing to check.
                    return Found::Mime(MimeSigned {
                        section: e.section.clone(),
                        signed_section: String::new(),
                        signature_section: String::new(),
                        micalg: param(e, "micalg").map(str::to_string),
                        signed_range: (0, 0),
                        signature: Vec::new(),
                        signature_type: Some("(missing)".into()),
                    });
                };
                let signature = mime::decoded_body(raw, sig).unwrap_or_default();
                return Found::Mime(MimeSigned {
                    section: e.section.clone(),
                    signed_section: signed.section.clone(),
                    signature_section: sig.section.clone(),
                    micalg: param(e, "micalg").map(str::to_string),
                    signed_range: (signed.offsets.start, signed.offsets.end),
                    signature,
                    signature_type: (sig.content_type != "application/pgp-signature")
                        .then(|| sig.content_type.clone()),
                });
            }
            "multipart/encrypted" if encrypted.is_none() => {
                encrypted = Some(e.section.clone());
            }
            t if t.starts_with("text/") && inline.is_none() => {
                if let Ok(body) = mime::decoded_body(raw, e)
                    && let Some(i) = memchr::memmem::find(&body, BEGIN_SIGNED)
                    && (i == 0 || body[i - 1] == b'\n')
                {
                    let end = memchr::memmem::find(&body[i..], END_SIGNATURE)
                        .map_or(body.len(), |j| i + j + END_SIGNATURE.len());
                    let mut text = body[i..end].to_vec();
                    text.extend_from_slice(b"\r\n");
                    inline = Some(Inline {
                        section: e.section.clone(),
                        text,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(section) = encrypted {
        return Found::Encrypted { section };
    }
    if let Some(i) = inline {
        return Found::Inline(i);
    }
    if let Some((section, protocol)) = other {
        return Found::OtherProtocol { section, protocol };
    }
    Found::Nothing
}

/// RFC 3156 §5: the signed entity with every line end CRLF (a message stored with LF line
/// ends, as Maildir and mbox keep it, is signed over CRLF all the same).
pub(crate) fn canonical(part: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len() + part.len() / 40);
    let mut prev = 0u8;
    for &b in part {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

/// The same text with LF line ends only (how a signer that skipped canonicalisation hashed it).
pub(crate) fn lf_only(part: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len());
    for (i, &b) in part.iter().enumerate() {
        if b == b'\r' && part.get(i + 1) == Some(&b'\n') {
            continue;
        }
        out.push(b);
    }
    out
}

/// CRLF lines with trailing blanks removed (what a relay that strips trailing white space
/// leaves; RFC 3156 §5 warns that signed data must not depend on it, and asks for
/// quoted-printable so no line ends in white space).
pub(crate) fn trailing_ws_stripped(part: &[u8]) -> Vec<u8> {
    let c = canonical(part);
    let mut out = Vec::with_capacity(c.len());
    for line in c.split_inclusive(|b| *b == b'\n') {
        let (body, end): (&[u8], &[u8]) = match line.strip_suffix(b"\r\n") {
            Some(b) => (b, b"\r\n"),
            None => (line, b""),
        };
        let keep = body
            .iter()
            .rposition(|b| *b != b' ' && *b != b'\t')
            .map_or(0, |i| i + 1);
        out.extend_from_slice(&body[..keep]);
        out.extend_from_slice(end);
    }
    out
}

/// Whether any line of the signed part ends in white space (a relay may strip it).
pub(crate) fn has_trailing_ws(part: &[u8]) -> bool {
    part.split(|b| *b == b'\n').any(|l| {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        l.last().is_some_and(|b| *b == b' ' || *b == b'\t')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: &[u8] = b"From: a@b\r\nContent-Type: multipart/signed; micalg=pgp-sha256;\r\n protocol=\"application/pgp-signature\"; boundary=\"XX\"\r\n\r\npreamble\r\n--XX\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX\r\nContent-Type: application/pgp-signature\r\n\r\nSIG\r\n--XX--\r\n";

    #[test]
    fn the_signed_part_is_its_exact_bytes() {
        let Found::Mime(m) = locate(SIGNED) else {
            panic!("not found")
        };
        let (s, e) = m.signed_range;
        assert_eq!(&SIGNED[s..e], b"Content-Type: text/plain\r\n\r\nhello");
        assert_eq!(m.signature, b"SIG");
        assert_eq!(m.micalg.as_deref(), Some("pgp-sha256"));
        assert_eq!(
            (m.signed_section.as_str(), m.signature_section.as_str()),
            ("1", "2")
        );
    }

    #[test]
    fn encrypted_and_smime_and_inline() {
        let enc = b"Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=b\r\n\r\n--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n--b--\r\n";
        assert!(matches!(locate(enc), Found::Encrypted { .. }));
        let smime = b"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pkcs7-signature\r\n\r\nAA\r\n--b--\r\n";
        assert!(matches!(locate(smime), Found::OtherProtocol { .. }));
        let inline = b"Subject: x\r\n\r\nhi\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\n- -x\r\n-----BEGIN PGP SIGNATURE-----\r\n\r\nAAAA\r\n-----END PGP SIGNATURE-----\r\ntrailer\r\n";
        let Found::Inline(i) = locate(inline) else {
            panic!("no inline")
        };
        assert!(i.text.starts_with(BEGIN_SIGNED));
        assert!(i.text.ends_with(b"-----END PGP SIGNATURE-----\r\n"));
        assert!(matches!(
            locate(b"Subject: x\r\n\r\nplain\r\n"),
            Found::Nothing
        ));
    }

    #[test]
    fn line_end_variants() {
        assert_eq!(canonical(b"a\nb\r\nc"), b"a\r\nb\r\nc");
        assert_eq!(lf_only(b"a\r\nb\nc\r"), b"a\nb\nc\r");
        assert_eq!(
            trailing_ws_stripped(b"a \t\nb\r\n  \nc "),
            b"a\r\nb\r\n\r\nc"
        );
        assert!(has_trailing_ws(b"x \r\ny"));
        assert!(!has_trailing_ws(b"x\r\ny"));
    }
}
