//! DKIM key generation: an RSA (RFC 8301) or Ed25519 (RFC 8463) private key as PKCS#8 PEM, and
//! the public key record to publish at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1).
//!
//! RSA keys are generated with the `rsa` crate (ring, which signs, cannot generate RSA keys);
//! Ed25519 keys with ring. Sizes are limited to what `dkim sign` can use: ring signs with
//! 2048–4096-bit RSA keys, and RFC 8301 §3.2 says signers SHOULD use at least 2048 bits.

use crate::error::Failure;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use mail_auth::common::crypto::Ed25519Key;
use rsa::pkcs8::der::{Decode, Encode, asn1::OctetStringRef};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding, PrivateKeyInfo};
use std::path::Path;

/// The RSA sizes `dkim sign` can use (ring's limits; RFC 8301 §3.2 recommends at least 2048).
pub(crate) const RSA_BITS: std::ops::RangeInclusive<u32> = 2048..=4096;

/// A DNS TXT character-string holds at most 255 octets (RFC 1035 §3.3); a longer record is
/// published as several strings that verifiers concatenate (RFC 6376 §3.6.2.2).
pub(crate) const MAX_STRING: usize = 255;

/// The key types DKIM signs with: RSA (RFC 6376 §3.3) and Ed25519 (RFC 8463).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyAlgo {
    Rsa,
    Ed25519,
}

/// A freshly generated key pair.
pub(crate) struct GeneratedKey {
    /// The private key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), LF line endings.
    pub pem: String,
    /// `rsa` or `ed25519`: the `k=` tag.
    pub key_type: &'static str,
    /// RSA modulus size; 256 for Ed25519.
    pub bits: u32,
    /// The bytes base64-encoded in `p=`: an RSA SubjectPublicKeyInfo (RFC 6376 §3.6.1), or the
    /// raw 32-byte Ed25519 public key (RFC 8463 §4.2).
    pub public: Vec<u8>,
}

/// Generate a key. `bits` applies to RSA only.
pub(crate) fn generate(algo: KeyAlgo, bits: u32) -> Result<GeneratedKey, Failure> {
    match algo {
        KeyAlgo::Rsa => generate_rsa(bits),
        KeyAlgo::Ed25519 => generate_ed25519(),
    }
}

fn generate_rsa(bits: u32) -> Result<GeneratedKey, Failure> {
    if !RSA_BITS.contains(&bits) {
        return Err(Failure::usage(format!(
            "--bits {bits}: use {}..{} (RFC 8301 §3.2: signers SHOULD use at least 2048 bits; \
             the signer, ring, accepts at most 4096)",
            RSA_BITS.start(),
            RSA_BITS.end()
        )));
    }
    let mut rng = rsa::rand_core::OsRng;
    let key = rsa::RsaPrivateKey::new(&mut rng, bits as usize)
        .map_err(|e| internal(format!("RSA key generation failed: {e}")))?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| internal(format!("encoding the RSA key: {e}")))?;
    let public = key
        .to_public_key()
        .to_public_key_der()
        .map_err(|e| internal(format!("encoding the RSA public key: {e}")))?;
    Ok(GeneratedKey {
        pem: pem.to_string(),
        key_type: "rsa",
        bits,
        public: public.as_bytes().to_vec(),
    })
}

/// Ed25519 via ring, rewritten as a PKCS#8 v1 structure (RFC 8410 §7: the 32-byte seed only).
/// ring writes v2 with the public key attached, which some OpenSSL-based tools reject.
fn generate_ed25519() -> Result<GeneratedKey, Failure> {
    let v2 = Ed25519Key::generate_pkcs8()
        .map_err(|e| internal(format!("Ed25519 key generation failed: {e}")))?;
    let public = Ed25519Key::from_pkcs8_der(&v2)
        .map_err(|e| internal(format!("Ed25519 key generation failed: {e}")))?
        .public_key();
    let info =
        PrivateKeyInfo::from_der(&v2).map_err(|e| internal(format!("Ed25519 PKCS#8: {e}")))?;
    let v1 = PrivateKeyInfo {
        algorithm: info.algorithm,
        private_key: info.private_key,
        public_key: None,
    };
    let der = v1
        .to_der()
        .map_err(|e| internal(format!("Ed25519 PKCS#8: {e}")))?;
    // Check that what we write loads back as the same key.
    let back = Ed25519Key::from_pkcs8_maybe_unchecked_der(&der)
        .map_err(|e| internal(format!("Ed25519 PKCS#8 does not load back: {e}")))?;
    if back.public_key() != public
        || OctetStringRef::from_der(info.private_key).map(|s| s.as_bytes().len()) != Ok(32)
    {
        return Err(internal(
            "Ed25519 PKCS#8 does not load back as the same key".into(),
        ));
    }
    Ok(GeneratedKey {
        pem: pem_encode("PRIVATE KEY", &der),
        key_type: "ed25519",
        bits: 256,
        public,
    })
}

fn internal(msg: String) -> Failure {
    Failure::new(
        crate::error::Phase::Setup,
        crate::error::Kind::Internal,
        msg,
    )
}

/// RFC 7468 PEM: base64 in 64-character lines between BEGIN/END lines.
fn pem_encode(label: &str, der: &[u8]) -> String {
    let b64 = B64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The DNS record publishing a public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TxtRecord {
    /// `<selector>._domainkey.<domain>` (no trailing dot).
    pub name: String,
    /// The record's text: `v=DKIM1; k=…; p=…`.
    pub value: String,
    /// `value` split into character-strings of at most [`MAX_STRING`] bytes.
    pub strings: Vec<String>,
}

impl TxtRecord {
    /// The public key record (RFC 6376 §3.6.1 tags `v`, `k`, `p`).
    pub(crate) fn new(selector: &str, domain: &str, key_type: &str, public: &[u8]) -> Self {
        let value = format!("v=DKIM1; k={key_type}; p={}", B64.encode(public));
        let strings = split_strings(&value, MAX_STRING);
        TxtRecord {
            name: format!("{selector}._domainkey.{domain}"),
            value,
            strings,
        }
    }

    /// One zone-file line (RFC 1035 §5.1: parentheses group the character-strings):
    /// `s._domainkey.example.org. IN TXT ( "v=DKIM1; k=rsa; p=…" "…" )`.
    pub(crate) fn zone_line(&self) -> String {
        let quoted: Vec<String> = self.strings.iter().map(|s| format!("\"{s}\"")).collect();
        format!("{}. IN TXT ( {} )", self.name, quoted.join(" "))
    }
}

/// Split `value` into pieces of at most `max` bytes. The value is ASCII (tags and base64), so
/// byte boundaries are character boundaries; verifiers join the pieces without a separator
/// (RFC 6376 §3.6.2.2), so where the cut falls does not matter.
pub(crate) fn split_strings(value: &str, max: usize) -> Vec<String> {
    value
        .as_bytes()
        .chunks(max.max(1))
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect()
}

/// Write the private key with mode 0600 through [`crate::outfile`]: a fresh temporary file,
/// synced, then moved into place, so an existing key (or a symlink planted in its place) is never
/// replaced without `force`, never followed, and the old key stays whole until the new one is on
/// disk.
pub(crate) fn write_key_file(dest: &Path, pem: &str, force: bool) -> Result<(), Failure> {
    crate::outfile::write_new(dest, pem.as_bytes(), force, crate::outfile::Mode::Private)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::dkimkey::parse_dkim_key;

    #[test]
    fn strings_are_split_at_255_bytes_and_join_back() {
        let v = "x".repeat(600);
        let s = split_strings(&v, MAX_STRING);
        assert_eq!(
            s.iter().map(String::len).collect::<Vec<_>>(),
            [255, 255, 90]
        );
        assert_eq!(s.concat(), v);
    }

    #[test]
    fn ed25519_record_is_the_raw_key_and_parses() {
        let k = generate(KeyAlgo::Ed25519, 0).unwrap();
        assert_eq!(k.public.len(), 32);
        assert!(k.pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let r = TxtRecord::new("s1", "example.org", k.key_type, &k.public);
        assert_eq!(r.strings.len(), 1);
        let (key, findings) = parse_dkim_key(&r.value);
        let key = key.expect("record parses");
        assert_eq!(key.key_type, "ed25519");
        assert_eq!(key.bits, Some(256));
        assert!(
            findings
                .iter()
                .all(|f| f.severity != crate::dns::finding::Severity::Error),
            "{findings:?}"
        );
        assert_eq!(
            r.zone_line(),
            format!("s1._domainkey.example.org. IN TXT ( \"{}\" )", r.value)
        );
    }

    #[test]
    fn rsa_sizes_outside_what_ring_signs_are_refused() {
        assert_eq!(generate(KeyAlgo::Rsa, 1024).err().unwrap().exit_code(), 2);
        assert_eq!(generate(KeyAlgo::Rsa, 8192).err().unwrap().exit_code(), 2);
    }
}
