//! DKIM signing (RFC 6376 §5): RSA-SHA256 or Ed25519-SHA256 (RFC 8463) by key type, relaxed/relaxed
//! canonicalization, `t=` set. The signature itself is computed by mail-auth's `DkimSigner` (ring
//! underneath); this module loads keys, picks the headers and prepares the message.

use crate::error::Failure;
use mail_auth::common::crypto::{Ed25519Key, RsaKey, Sha256, SigningKey};
use mail_auth::common::headers::HeaderWriter;
use mail_auth::dkim::{Canonicalization, DkimSigner};
use rsa::pkcs8::ObjectIdentifier;
use rsa::pkcs8::der::Decode;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer};
use std::path::Path;

/// Header fields signed by default, those the message has (RFC 6376 §5.4.1 lists these as the
/// ones that SHOULD be signed). From is mandatory (RFC 6376 §5.4).
pub(crate) const DEFAULT_HEADERS: &[&str] = &[
    "From",
    "To",
    "Cc",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "In-Reply-To",
    "References",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// rsaEncryption (RFC 8017 appendix C) and id-Ed25519 (RFC 8410 §3).
const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

enum KeyInner {
    Rsa(RsaKey<Sha256>),
    Ed25519(Ed25519Key),
}

/// A private key ready to sign.
pub(crate) struct DkimKey {
    inner: KeyInner,
    /// RSA modulus size; 256 for Ed25519.
    pub bits: u32,
}

impl DkimKey {
    /// The `a=` tag: `rsa-sha256` or `ed25519-sha256`.
    pub(crate) fn algorithm(&self) -> &'static str {
        match self.inner {
            KeyInner::Rsa(_) => "rsa-sha256",
            KeyInner::Ed25519(_) => "ed25519-sha256",
        }
    }

    #[cfg(test)]
    /// The key's `p=` bytes as published: RSAPublicKey for RSA, the raw key for Ed25519.
    pub(crate) fn public_key(&self) -> Vec<u8> {
        match &self.inner {
            KeyInner::Rsa(k) => k.public_key(),
            KeyInner::Ed25519(k) => k.public_key(),
        }
    }
}

/// Read and parse a private key file. A file that cannot be read is a local I/O failure (exit 9);
/// one that is not a usable key is a usage failure (exit 2).
pub(crate) fn load_key(path: &Path, flag: &str) -> Result<DkimKey, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::local_io(format!("{flag} {}: {e}", path.display())))?;
    parse_key(&bytes).map_err(|m| Failure::usage(format!("{flag} {}: {m}", path.display())))
}

/// A private key as PEM (RFC 7468: `PRIVATE KEY` = PKCS#8, `RSA PRIVATE KEY` = PKCS#1) or DER.
pub(crate) fn parse_key(bytes: &[u8]) -> Result<DkimKey, String> {
    let text = String::from_utf8_lossy(bytes);
    let der = if text.contains("-----BEGIN ") {
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return Err(
                "the key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN.pem)"
                    .into(),
            );
        }
        PrivateKeyDer::from_pem_slice(bytes).map_err(|_| {
            "no private key in this PEM file (need BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)"
                .to_string()
        })?
    } else if rsa::pkcs8::PrivateKeyInfo::from_der(bytes).is_ok() {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(bytes.to_vec()))
    } else if rsa::pkcs1::RsaPrivateKey::from_der(bytes).is_ok() {
        PrivateKeyDer::Pkcs1(PrivatePkcs1KeyDer::from(bytes.to_vec()))
    } else {
        return Err("not a private key (PEM or DER, PKCS#8 or PKCS#1)".into());
    };
    match der {
        PrivateKeyDer::Pkcs1(k) => {
            rsa_key(k.secret_pkcs1_der(), PrivateKeyDer::Pkcs1(k.clone_key()))
        }
        PrivateKeyDer::Pkcs8(k) => {
            let info = rsa::pkcs8::PrivateKeyInfo::from_der(k.secret_pkcs8_der())
                .map_err(|e| format!("malformed PKCS#8 key: {e}"))?;
            let oid = info.algorithm.oid;
            if oid == OID_RSA {
                rsa_key(info.private_key, PrivateKeyDer::Pkcs8(k.clone_key()))
            } else if oid == OID_ED25519 {
                // Accepts PKCS#8 v1 (seed only, as OpenSSL writes) and v2 (with public key).
                let key = Ed25519Key::from_pkcs8_maybe_unchecked_der(k.secret_pkcs8_der())
                    .map_err(|e| format!("unusable Ed25519 key: {e}"))?;
                Ok(DkimKey {
                    inner: KeyInner::Ed25519(key),
                    bits: 256,
                })
            } else if oid == OID_EC {
                Err(ecdsa())
            } else {
                Err(format!(
                    "unsupported key algorithm {oid} (DKIM signs with RSA or Ed25519)"
                ))
            }
        }
        PrivateKeyDer::Sec1(_) => Err(ecdsa()),
        _ => Err("unsupported private key format".into()),
    }
}

fn ecdsa() -> String {
    "an ECDSA key: DKIM signs with RSA (RFC 6376) or Ed25519 (RFC 8463) only".into()
}

/// Check the RSA modulus size (ring signs with 2048–4096 bits; RFC 8301 §3.2: signers MUST use
/// at least 1024 and SHOULD use at least 2048), then load it.
fn rsa_key(pkcs1: &[u8], der: PrivateKeyDer<'_>) -> Result<DkimKey, String> {
    let parsed = rsa::pkcs1::RsaPrivateKey::from_der(pkcs1)
        .map_err(|e| format!("malformed RSA key: {e}"))?;
    let bits = bit_length(parsed.modulus.as_bytes());
    if !super::keygen::RSA_BITS.contains(&bits) {
        return Err(format!(
            "a {bits}-bit RSA key; signing needs {}..{} bits (RFC 8301 §3.2: at least 2048 SHOULD be used)",
            super::keygen::RSA_BITS.start(),
            super::keygen::RSA_BITS.end()
        ));
    }
    let key = RsaKey::<Sha256>::from_key_der(der).map_err(|e| format!("unusable RSA key: {e}"))?;
    Ok(DkimKey {
        inner: KeyInner::Rsa(key),
        bits,
    })
}

fn bit_length(be: &[u8]) -> u32 {
    match be.iter().position(|&b| b != 0) {
        Some(i) => (be.len() - i - 1) as u32 * 8 + (8 - be[i].leading_zeros()),
        None => 0,
    }
}

/// Bare LF (and bare CR) line ends become CRLF: RFC 5322 §2.1 lines end in CRLF, and the
/// signature covers the message as it travels (RFC 6376 §5.3). Returns the bytes and how many
/// line ends were changed.
pub(crate) fn to_crlf(msg: &[u8]) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(msg.len() + msg.len() / 40);
    let mut changed = 0;
    let mut i = 0;
    while i < msg.len() {
        match msg[i] {
            b'\r' if msg.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 2;
                continue;
            }
            b'\r' | b'\n' => {
                out.extend_from_slice(b"\r\n");
                changed += 1;
            }
            b => out.push(b),
        }
        i += 1;
    }
    (out, changed)
}

/// The header field names of a CRLF message, in order (RFC 5322 §2.2: a field starts at the
/// beginning of a line; continuation lines start with WSP; the header ends at the empty line).
pub(crate) fn header_names(msg: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for line in msg.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            continue;
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            names.push(
                String::from_utf8_lossy(&line[..colon])
                    .trim_end()
                    .to_string(),
            );
        }
    }
    names
}

/// RFC 5322 §3.6.8: a field name is printable ASCII except `:`.
fn valid_field_name(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| (33..=126).contains(&b) && b != b':')
}

/// Which headers to sign: `requested` (must include From), or the [`DEFAULT_HEADERS`] the
/// message has. The message must have exactly one From (RFC 6376 §5.4, RFC 5322 §3.6).
pub(crate) fn choose_headers(msg: &[u8], requested: &[String]) -> Result<Vec<String>, Failure> {
    let present = header_names(msg);
    let froms = present
        .iter()
        .filter(|n| n.eq_ignore_ascii_case("From"))
        .count();
    if froms == 0 {
        return Err(Failure::usage(
            "the message has no From header field; DKIM must sign From (RFC 6376 §5.4)",
        ));
    }
    if froms > 1 {
        return Err(Failure::usage(format!(
            "the message has {froms} From header fields; RFC 5322 §3.6 allows one"
        )));
    }
    if requested.is_empty() {
        return Ok(DEFAULT_HEADERS
            .iter()
            .filter(|d| present.iter().any(|p| p.eq_ignore_ascii_case(d)))
            .map(|d| d.to_string())
            .collect());
    }
    if let Some(bad) = requested.iter().find(|h| !valid_field_name(h)) {
        return Err(Failure::usage(format!(
            "--headers: {bad:?} is not a header field name"
        )));
    }
    if !requested.iter().any(|h| h.eq_ignore_ascii_case("From")) {
        return Err(Failure::usage(
            "--headers must include From (RFC 6376 §5.4)",
        ));
    }
    Ok(requested.to_vec())
}

/// A signed message.
pub(crate) struct Signed {
    /// `DKIM-Signature: …` CRLF, then the message with CRLF line ends.
    pub message: Vec<u8>,
    /// The DKIM-Signature field as added (folded, CRLF-terminated).
    pub header: String,
    /// The `h=` list.
    pub signed_headers: Vec<String>,
    /// The `t=` value.
    pub timestamp: u64,
    /// Line ends converted to CRLF.
    pub converted_line_ends: usize,
}

/// Sign `raw` with d=`domain`, s=`selector`. `headers` empty: the default list.
pub(crate) fn sign(
    key: DkimKey,
    raw: &[u8],
    domain: &str,
    selector: &str,
    headers: &[String],
) -> Result<Signed, Failure> {
    if raw.is_empty() {
        return Err(Failure::usage("the message is empty"));
    }
    let (msg, converted) = to_crlf(raw);
    let h = choose_headers(&msg, headers)?;
    let sig = match key.inner {
        KeyInner::Rsa(k) => signer(k, domain, selector, &h).sign(&msg),
        KeyInner::Ed25519(k) => signer(k, domain, selector, &h).sign(&msg),
    }
    .map_err(|e| Failure::usage(format!("DKIM signing failed: {e}")))?;
    let header = sig.to_header();
    let mut message = Vec::with_capacity(header.len() + msg.len());
    message.extend_from_slice(header.as_bytes());
    message.extend_from_slice(&msg);
    Ok(Signed {
        message,
        header,
        signed_headers: sig.h.clone(),
        timestamp: sig.t,
        converted_line_ends: converted,
    })
}

fn signer<T: SigningKey>(
    key: T,
    domain: &str,
    selector: &str,
    headers: &[String],
) -> DkimSigner<T, mail_auth::dkim::Done> {
    DkimSigner::from_key(key)
        .domain(domain)
        .selector(selector)
        .headers(headers.iter().cloned())
        .header_canonicalization(Canonicalization::Relaxed)
        .body_canonicalization(Canonicalization::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_normalization() {
        assert_eq!(to_crlf(b"a\nb\r\nc\rd"), (b"a\r\nb\r\nc\r\nd".to_vec(), 2));
        assert_eq!(to_crlf(b"a\r\n"), (b"a\r\n".to_vec(), 0));
    }

    #[test]
    fn default_headers_are_the_ones_present() {
        let m = b"From: a@x\r\nX-Other: 1\r\nsubject: hi\r\n  folded\r\n\r\nTo: not-a-header\r\n";
        assert_eq!(choose_headers(m, &[]).unwrap(), ["From", "Subject"]);
    }

    #[test]
    fn from_is_mandatory() {
        assert_eq!(
            choose_headers(b"To: a@x\r\n\r\nbody", &[])
                .unwrap_err()
                .exit_code(),
            2
        );
        let req = vec!["To".to_string()];
        assert_eq!(
            choose_headers(b"From: a@x\r\n\r\n", &req)
                .unwrap_err()
                .exit_code(),
            2
        );
        assert_eq!(
            choose_headers(b"From: a@x\r\nFrom: b@x\r\n\r\n", &[])
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    #[test]
    fn garbage_is_not_a_key() {
        assert!(parse_key(b"hello").is_err());
        assert!(
            parse_key(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").is_err()
        );
    }

    #[test]
    fn generated_ed25519_key_signs() {
        let k = super::super::keygen::generate(super::super::keygen::KeyAlgo::Ed25519, 0).unwrap();
        let key = parse_key(k.pem.as_bytes()).unwrap();
        assert_eq!(key.algorithm(), "ed25519-sha256");
        assert_eq!(key.public_key(), k.public);
        let s = sign(
            key,
            b"From: a@example.org\nSubject: x\n\nbody\n",
            "example.org",
            "s1",
            &[],
        )
        .unwrap();
        assert!(s.header.starts_with(
            "DKIM-Signature: v=1; a=ed25519-sha256; s=s1; d=example.org; c=relaxed/relaxed;"
        ));
        assert_eq!(s.signed_headers, ["Subject", "From"]);
        assert_eq!(s.converted_line_ends, 4);
        assert!(
            s.message
                .ends_with(b"From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n")
        );
    }
}
