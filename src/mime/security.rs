//! MIME security (RFC 1847 multipart/signed and multipart/encrypted; OpenPGP in them, RFC 3156,
//! and inline; S/MIME, RFC 8551): which entities are signed, signatures, encrypted, with the
//! problems the RFCs name (a missing or mismatched protocol, not two parts, micalg, signed
//! content that transports may change). `signed_parts` hands a verifier the exact signed bytes
//! (RFC 1847 §2.1) and the decoded signature: `smime verify` uses it, and `pgp verify` may.

use super::{Entity, Problem, Severity, decoded_body, note};
use crate::event::escape_bytes;
use serde::Serialize;

/// What an entity is in MIME security terms.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Security {
    /// `pgp` (RFC 3156, PGP/MIME), `pgp-inline` (armored text, RFC 4880 §6.2 in a text part),
    /// `smime` (RFC 8551), or `unknown` (a multipart/signed or /encrypted of another protocol).
    pub scheme: &'static str,
    /// `signed` (a multipart/signed), `signed-content` and `signature` (its two parts),
    /// `encrypted` (a multipart/encrypted), `control` and `encrypted-payload` (its two parts),
    /// `signed-data` (S/MIME opaque signed), `enveloped-data`, `auth-enveloped-data`,
    /// `certs-only`, `compressed-data` (application/pkcs7-mime by smime-type), `inline-signed`,
    /// `inline-encrypted` (inline PGP).
    pub role: &'static str,
    /// multipart/signed's micalg parameter, as declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub micalg: Option<String>,
    /// One line for people: `S/MIME signed (RFC 8551), micalg sha-256`.
    pub label: String,
}

const PGP_SIG: &str = "application/pgp-signature";
const PGP_ENC: &str = "application/pgp-encrypted";
const SMIME_SIG: [&str; 2] = [
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
];
const SMIME_MIME: [&str; 2] = ["application/pkcs7-mime", "application/x-pkcs7-mime"];

/// RFC 8551 §3.5.3.2 micalg values (and the older ones RFC 5751 kept for reading).
const SMIME_MICALG: [&str; 6] = ["sha-256", "sha-384", "sha-512", "sha-224", "sha-1", "md5"];

fn param<'e>(e: &'e Entity, name: &str) -> Option<&'e str> {
    e.params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn scheme_of_signature(protocol: &str) -> &'static str {
    if protocol == PGP_SIG {
        "pgp"
    } else if SMIME_SIG.contains(&protocol) {
        "smime"
    } else {
        "unknown"
    }
}

fn scheme_name(scheme: &str) -> &'static str {
    match scheme {
        "pgp" => "PGP/MIME",
        "smime" => "S/MIME",
        "pgp-inline" => "inline PGP",
        _ => "unknown protocol",
    }
}

fn set(e: &mut Entity, scheme: &'static str, role: &'static str, label: String) {
    e.security = Some(Security {
        scheme,
        role,
        micalg: None,
        label,
    });
}

/// A multipart/signed or multipart/encrypted whose parts are scanned: label it and its parts,
/// note what RFC 1847 / RFC 3156 / RFC 8551 say is wrong. `buf` is the scanned file.
pub(super) fn multipart(buf: &[u8], e: &mut Entity) {
    match e.content_type.as_str() {
        "multipart/signed" => signed(buf, e),
        "multipart/encrypted" => encrypted(e),
        _ => {}
    }
}

fn signed(buf: &[u8], e: &mut Entity) {
    let at = e.offsets.start;
    let mut problems = std::mem::take(&mut e.problems);
    let protocol = param(e, "protocol").map(|p| p.trim().to_ascii_lowercase());
    let micalg = param(e, "micalg").map(|m| m.trim().to_ascii_lowercase());
    // RFC 1847 §2.1: protocol is required; without it the scheme is guessed from the second part.
    let guessed = e.children.get(1).map(|c| c.content_type.clone());
    let scheme = match (&protocol, &guessed) {
        (Some(p), _) => scheme_of_signature(p),
        (None, Some(g)) => scheme_of_signature(g),
        (None, None) => "unknown",
    };
    if protocol.is_none() {
        note(
            &mut problems,
            Severity::Error,
            "signed-protocol-missing",
            at,
            "multipart/signed without a protocol parameter: receivers cannot tell how it is signed (RFC 1847 §2.1)".into(),
        );
    } else if scheme == "unknown" {
        note(
            &mut problems,
            Severity::Warning,
            "signed-protocol-unknown",
            at,
            format!(
                "multipart/signed protocol {:?} is neither {PGP_SIG} (RFC 3156) nor application/pkcs7-signature (RFC 8551)",
                protocol.as_deref().unwrap_or("")
            ),
        );
    }
    if e.children.len() != 2 {
        note(
            &mut problems,
            Severity::Error,
            "signed-parts",
            at,
            format!(
                "multipart/signed with {} part(s): exactly two, the signed content then the signature (RFC 1847 §2.1)",
                e.children.len()
            ),
        );
    }
    if let (Some(p), Some(second)) = (&protocol, e.children.get(1))
        && *p != second.content_type
    {
        note(
            &mut problems,
            Severity::Error,
            "signed-protocol-mismatch",
            second.offsets.start,
            format!(
                "protocol {p:?} but the second part is {}: the signature part must have the protocol's type (RFC 1847 §2.1)",
                second.content_type
            ),
        );
    }
    match (&micalg, scheme) {
        (None, "pgp" | "smime") => note(
            &mut problems,
            Severity::Warning,
            "signed-micalg-missing",
            at,
            format!(
                "multipart/signed without a micalg parameter: it is required ({}); some readers refuse the message",
                if scheme == "pgp" {
                    "RFC 3156 §5"
                } else {
                    "RFC 8551 §3.5.3"
                }
            ),
        ),
        (Some(m), "pgp") if !m.starts_with("pgp-") => note(
            &mut problems,
            Severity::Error,
            "signed-micalg-invalid",
            at,
            format!(
                "micalg {m:?}: PGP/MIME names the hash as pgp-<hash>, e.g. pgp-sha256 (RFC 3156 §5)"
            ),
        ),
        (Some(m), "smime") if !m.split(',').all(|a| SMIME_MICALG.contains(&a.trim())) => note(
            &mut problems,
            Severity::Warning,
            "signed-micalg-invalid",
            at,
            format!(
                "micalg {m:?}: S/MIME names hashes sha-256, sha-384, sha-512 (with the hyphen; RFC 8551 §3.5.3.2)"
            ),
        ),
        _ => {}
    }
    if let Some(first) = e.children.first() {
        content_risks(buf, first, scheme, &mut problems);
    }
    e.problems = problems;
    let mut label = format!("{} signed", scheme_name(scheme));
    label.push_str(match scheme {
        "pgp" => " (RFC 3156)",
        "smime" => " (RFC 8551)",
        _ => " (RFC 1847)",
    });
    if let Some(m) = &micalg {
        label.push_str(&format!(", micalg {}", escape_bytes(m.as_bytes())));
    }
    e.security = Some(Security {
        scheme,
        role: "signed",
        micalg: micalg.clone(),
        label,
    });
    let n = scheme_name(scheme);
    if let Some(c) = e.children.get_mut(0) {
        set(c, scheme, "signed-content", format!("{n} signed content"));
    }
    if let Some(c) = e.children.get_mut(1) {
        set(c, scheme, "signature", format!("{n} signature"));
    }
}

/// What a transport may change in signed content, breaking the signature: 8-bit octets (a
/// relay without 8BITMIME converts them), trailing white space (stripped by some gateways),
/// lines starting `From ` (escaped by mbox writers). RFC 3156 §3 and RFC 8551 §3.1.1/§3.1.2
/// ask signers to encode these away.
fn content_risks(buf: &[u8], part: &Entity, scheme: &str, problems: &mut Vec<Problem>) {
    let Some(bytes) = buf.get(part.offsets.start..part.offsets.end) else {
        return;
    };
    let rfc = if scheme == "smime" {
        "RFC 8551 §3.1.2"
    } else {
        "RFC 3156 §3"
    };
    if let Some(i) = bytes.iter().position(|b| *b >= 0x80) {
        note(
            problems,
            Severity::Warning,
            "signed-8bit",
            part.offsets.start + i,
            format!(
                "8-bit data in the signed part: a relay without 8BITMIME converts it and the signature breaks; encode it as quoted-printable or base64 before signing ({rfc})"
            ),
        );
    }
    for (ls, ce, _) in super::lines(buf, part.offsets.start, part.offsets.end) {
        let line = &buf[ls..ce];
        if line.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
            note(
                problems,
                Severity::Warning,
                "signed-trailing-space",
                ce - 1,
                format!(
                    "a line of the signed part ends in white space, which gateways strip; quoted-printable encode it before signing ({rfc})"
                ),
            );
        }
        if line.starts_with(b"From ") {
            note(
                problems,
                Severity::Warning,
                "signed-from-line",
                ls,
                format!(
                    "a line of the signed part starts with \"From \", which mbox writers escape as \">From \"; quoted-printable encode it before signing ({rfc})"
                ),
            );
        }
    }
}

fn encrypted(e: &mut Entity) {
    let at = e.offsets.start;
    let mut problems = std::mem::take(&mut e.problems);
    let protocol = param(e, "protocol").map(|p| p.trim().to_ascii_lowercase());
    let first = e.children.first().map(|c| c.content_type.clone());
    let scheme = match protocol.as_deref().or(first.as_deref()) {
        Some(PGP_ENC) => "pgp",
        _ => "unknown",
    };
    match &protocol {
        None => note(
            &mut problems,
            Severity::Error,
            "encrypted-protocol-missing",
            at,
            "multipart/encrypted without a protocol parameter (RFC 1847 §2.2)".into(),
        ),
        Some(p) if scheme == "unknown" => note(
            &mut problems,
            Severity::Warning,
            "encrypted-protocol-unknown",
            at,
            format!("multipart/encrypted protocol {p:?} is not {PGP_ENC} (RFC 3156 §4)"),
        ),
        _ => {}
    }
    if e.children.len() != 2 {
        note(
            &mut problems,
            Severity::Error,
            "encrypted-parts",
            at,
            format!(
                "multipart/encrypted with {} part(s): exactly two, the control part then the encrypted data (RFC 1847 §2.2)",
                e.children.len()
            ),
        );
    }
    if let (Some(p), Some(c)) = (&protocol, e.children.first())
        && *p != c.content_type
    {
        note(
            &mut problems,
            Severity::Error,
            "encrypted-protocol-mismatch",
            c.offsets.start,
            format!(
                "protocol {p:?} but the first part is {}: the control part must have the protocol's type (RFC 1847 §2.2)",
                c.content_type
            ),
        );
    }
    if scheme == "pgp"
        && let Some(c) = e.children.get(1)
        && c.content_type != "application/octet-stream"
    {
        note(
            &mut problems,
            Severity::Warning,
            "encrypted-payload-type",
            c.offsets.start,
            format!(
                "the encrypted part is {}: RFC 3156 §4 has application/octet-stream",
                c.content_type
            ),
        );
    }
    e.problems = problems;
    let n = scheme_name(scheme);
    set(
        e,
        scheme,
        "encrypted",
        format!(
            "{n} encrypted ({})",
            if scheme == "pgp" {
                "RFC 3156"
            } else {
                "RFC 1847"
            }
        ),
    );
    if let Some(c) = e.children.get_mut(0) {
        set(c, scheme, "control", format!("{n} control part"));
    }
    if let Some(c) = e.children.get_mut(1) {
        set(
            c,
            scheme,
            "encrypted-payload",
            format!("{n} encrypted data"),
        );
    }
}

/// A leaf: application/pkcs7-mime by its smime-type (RFC 8551 §3.2.2), inline PGP armor in a
/// text part (`decoded`: the body with its transfer encoding undone).
pub(super) fn leaf(e: &mut Entity, decoded: Option<&[u8]>) {
    if SMIME_MIME.contains(&e.content_type.as_str()) {
        let st = param(e, "smime-type").map(|s| s.trim().to_ascii_lowercase());
        let role = match st.as_deref() {
            Some("signed-data") => "signed-data",
            Some("enveloped-data") => "enveloped-data",
            Some("authenveloped-data") => "auth-enveloped-data",
            Some("certs-only") => "certs-only",
            Some("compressed-data") => "compressed-data",
            _ => "unknown",
        };
        match &st {
            None => note(
                &mut e.problems,
                Severity::Warning,
                "smime-type-missing",
                e.offsets.start,
                "application/pkcs7-mime without smime-type: readers must open the CMS to tell signed from encrypted (RFC 8551 §3.2.2)".into(),
            ),
            Some(s) if role == "unknown" => note(
                &mut e.problems,
                Severity::Warning,
                "smime-type-unknown",
                e.offsets.start,
                format!(
                    "smime-type {s:?} is none of signed-data, enveloped-data, authEnveloped-data, certs-only, compressed-data (RFC 8551 §3.2.2)"
                ),
            ),
            _ => {}
        }
        let what = match role {
            "signed-data" => "opaque signed, signed-data",
            "enveloped-data" => "encrypted, enveloped-data",
            "auth-enveloped-data" => "encrypted, authEnveloped-data",
            "certs-only" => "certificates only, certs-only",
            "compressed-data" => "compressed, compressed-data",
            _ => "CMS of unknown smime-type",
        };
        set(e, "smime", role, format!("S/MIME {what} (RFC 8551)"));
        return;
    }
    if !e.content_type.starts_with("text/") {
        return;
    }
    let Some(d) = decoded else { return };
    // RFC 4880 §7 (cleartext signature) and §6.2 (armor): the header line alone on its line.
    let mut begin: Option<(&'static str, &'static str)> = None;
    let mut ended = false;
    for line in d.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = line.trim_ascii_end();
        match (begin, line) {
            (None, b"-----BEGIN PGP SIGNED MESSAGE-----") => {
                begin = Some(("inline-signed", "-----END PGP SIGNATURE-----"));
            }
            (None, b"-----BEGIN PGP MESSAGE-----") => {
                begin = Some(("inline-encrypted", "-----END PGP MESSAGE-----"));
            }
            (Some((_, end)), l) if l == end.as_bytes() => {
                ended = true;
                break;
            }
            _ => {}
        }
    }
    let Some((role, end)) = begin else { return };
    if !ended {
        note(
            &mut e.problems,
            Severity::Warning,
            "pgp-armor-unclosed",
            e.offsets.body_start,
            format!("inline PGP armor without its {end} line (RFC 4880 §6.2): cut in transit?"),
        );
    }
    let what = if role == "inline-signed" {
        "cleartext signed (RFC 4880 §7)"
    } else {
        "encrypted (armored, RFC 4880 §6.2)"
    };
    set(e, "pgp-inline", role, format!("inline PGP {what}"));
}

/// A multipart/signed entity's two parts, as a verifier needs them.
#[derive(Debug)]
pub(crate) struct SignedParts<'a> {
    /// The signed first part, exactly as in the file (RFC 1847 §2.1: from after the CRLF that
    /// ends the first delimiter line to before the CRLF that precedes the next delimiter),
    /// header included. In a file stored with LF line ends these are LF; see [`canonical`].
    pub content: &'a [u8],
    /// Where `content` starts in the file.
    pub content_offset: usize,
    /// The signature part's body with its transfer encoding undone (an OpenPGP armored
    /// signature, or the DER of a CMS ContentInfo).
    pub signature: Vec<u8>,
    /// The signature part's content type (lower case).
    #[allow(dead_code)] // for `pgp verify`, which reads what `smime verify` does not
    pub signature_type: String,
    /// The multipart/signed protocol and micalg parameters (lower case), if present.
    #[allow(dead_code)] // for `pgp verify`
    pub protocol: Option<String>,
    pub micalg: Option<String>,
    /// The IMAP sections of the multipart/signed entity and of the signature part.
    #[allow(dead_code)] // for `pgp verify`
    pub section: String,
    pub signature_section: String,
}

/// The signed content and the decoded signature of the multipart/signed entity `e` of the scan
/// of `raw` (the same bytes that were scanned). Refused, with a sentence, when `e` is not a
/// multipart/signed with exactly two parts or the signature cannot be decoded.
pub(crate) fn signed_parts<'a>(raw: &'a [u8], e: &Entity) -> Result<SignedParts<'a>, String> {
    if e.content_type != "multipart/signed" {
        return Err(format!(
            "part {} is {}, not multipart/signed",
            e.section, e.content_type
        ));
    }
    let [content, sig] = e.children.as_slice() else {
        return Err(format!(
            "multipart/signed {} has {} part(s), not two (RFC 1847 §2.1)",
            e.section,
            e.children.len()
        ));
    };
    let bytes = raw
        .get(content.offsets.start..content.offsets.end)
        .ok_or("offsets outside the input")?;
    let signature = decoded_body(raw, sig)
        .map_err(|why| format!("the signature part {}: {why}", sig.section))?;
    Ok(SignedParts {
        content: bytes,
        content_offset: content.offsets.start,
        signature,
        signature_type: sig.content_type.clone(),
        protocol: param(e, "protocol").map(|p| p.trim().to_ascii_lowercase()),
        micalg: param(e, "micalg").map(|p| p.trim().to_ascii_lowercase()),
        section: e.section.clone(),
        signature_section: sig.section.clone(),
    })
}

/// The first entity (depth first, in file order) whose security role is one of `roles`,
/// with the nearest message entity that holds it (whose From: the signer must match).
pub(crate) fn find_role<'e>(root: &'e Entity, roles: &[&str]) -> Option<(&'e Entity, &'e Entity)> {
    find_where(root, |s| roles.contains(&s.role))
}

/// The first entity (depth first, in file order) whose security label satisfies `pred`
/// (`|s| s.scheme == "pgp" && s.role == "signed"`), with its nearest message entity.
pub(crate) fn find_where(
    root: &Entity,
    pred: impl Fn(&Security) -> bool,
) -> Option<(&Entity, &Entity)> {
    // Iterative preorder; the stack holds (entity, its nearest message).
    let mut stack: Vec<(&Entity, &Entity)> = vec![(root, root)];
    while let Some((e, msg)) = stack.pop() {
        if e.security.as_ref().is_some_and(&pred) {
            return Some((e, msg));
        }
        let msg = if e.message { e } else { msg };
        stack.extend(e.children.iter().rev().map(|c| (c, msg)));
    }
    None
}

/// Content in the canonical form of RFC 5322 / RFC 8551 §3.1.1 and RFC 3156 §5: every line
/// ending CRLF. A file stored with bare LF (Maildir, mbox) gets them back; CRLF is kept.
pub(crate) fn canonical(content: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bare_lf = content
        .iter()
        .enumerate()
        .any(|(i, b)| *b == b'\n' && (i == 0 || content[i - 1] != b'\r'));
    if !bare_lf {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut out = Vec::with_capacity(content.len() + content.len() / 32);
    for (i, b) in content.iter().enumerate() {
        if *b == b'\n' && (i == 0 || content[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(*b);
    }
    std::borrow::Cow::Owned(out)
}
