//! OpenPGP public keys (RFC 9580 §10.1 Transferable Public Keys, read with rPGP): what an admin
//! checks before trusting one for a mail address — fingerprint, algorithm and size, creation and
//! expiry (from the newest valid self-signature, §5.2.3.18), revocation, the user IDs and their
//! addresses, and which keys may sign. Only self-signatures that verify count: a key whose
//! binding signatures do not verify says nothing about itself.

use crate::dns::finding::Finding;
use pgp::composed::{Deserializable, SignedPublicKey};
use pgp::packet::{Signature, SignatureType};
use pgp::types::{KeyDetails, PublicParams, Tag};
use serde::Serialize;

/// The most keys read from one file or answer: a keyring is a handful; a WKD answer is one key.
pub(crate) const MAX_KEYS: usize = 64;
/// The largest key input read (a key with many signatures is a few hundred KiB at most).
pub(crate) const MAX_KEY_BYTES: usize = 4 << 20;

/// One key as read, with what it says of itself.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    pub(crate) key: SignedPublicKey,
    pub(crate) info: KeyInfo,
}

/// What a key says of itself, as JSON and for the human summary.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct KeyInfo {
    /// Upper-case hex, no spaces (as `gpg --with-colons` writes it).
    pub(crate) fingerprint: String,
    /// The 64-bit key ID (the fingerprint's low 8 octets for v4 keys, RFC 9580 §5.5.4.2).
    pub(crate) key_id: String,
    pub(crate) algorithm: String,
    /// `3072 bits`, or the curve (`Ed25519`, `NIST P-256`).
    pub(crate) strength: String,
    pub(crate) created: i64,
    /// Seconds since the epoch; none: does not expire.
    pub(crate) expires: Option<i64>,
    pub(crate) expired: bool,
    pub(crate) revoked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) revocation_reason: Option<String>,
    pub(crate) user_ids: Vec<UserIdInfo>,
    pub(crate) subkeys: Vec<SubkeyInfo>,
    /// The primary key itself may sign (its self-signature's key flags, §5.2.3.29).
    pub(crate) primary_signs: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UserIdInfo {
    /// The user ID as written (control characters escaped).
    pub(crate) uid: String,
    /// The address in it (`Name <a@b>` or a bare `a@b`), lower-cased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<String>,
    pub(crate) primary: bool,
    /// A self-signature over it verifies: the key holder bound this user ID to the key.
    pub(crate) bound: bool,
    pub(crate) revoked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SubkeyInfo {
    pub(crate) fingerprint: String,
    pub(crate) key_id: String,
    pub(crate) algorithm: String,
    pub(crate) strength: String,
    pub(crate) created: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) expires: Option<i64>,
    /// A binding signature verifies (and, for a signing subkey, its back-signature too,
    /// RFC 9580 §5.2.1 type 0x19).
    pub(crate) bound: bool,
    pub(crate) signs: bool,
    pub(crate) encrypts: bool,
    pub(crate) revoked: bool,
}

impl KeyInfo {
    /// Keys that can make a valid signature now: bound, unrevoked, unexpired, flagged to sign.
    pub(crate) fn can_sign(&self, now: i64) -> bool {
        let live = |exp: Option<i64>| exp.is_none_or(|e| e > now);
        !self.revoked
            && !self.expired
            && (self.primary_signs
                || self
                    .subkeys
                    .iter()
                    .any(|s| s.bound && s.signs && !s.revoked && live(s.expires)))
    }

    /// Whether a user ID bound to the key carries `address` (compared case-insensitively: the
    /// domain is case-insensitive, and no provider distinguishes local parts by case).
    pub(crate) fn has_address(&self, address: &str) -> bool {
        let a = address.to_ascii_lowercase();
        self.user_ids
            .iter()
            .any(|u| u.bound && !u.revoked && u.email.as_deref() == Some(a.as_str()))
    }

    /// The addresses of the key's user IDs, for "it names …" in a reason.
    pub(crate) fn emails(&self) -> Vec<&str> {
        self.user_ids
            .iter()
            .filter_map(|u| u.email.as_deref())
            .collect()
    }

    /// `Name <addr>`, the primary (or first) user ID, for one-line summaries.
    pub(crate) fn main_uid(&self) -> &str {
        self.user_ids
            .iter()
            .find(|u| u.primary)
            .or(self.user_ids.first())
            .map_or("(no user ID)", |u| u.uid.as_str())
    }
}

/// Upper-case hex.
pub(crate) fn hex_upper(b: &[u8]) -> String {
    crate::dns::hex(b).to_ascii_uppercase()
}

/// Read every key in `bytes` (armored or binary; several armored blocks or concatenated binary
/// keys). A key that cannot be parsed is an error: a keyring is the user's own input.
pub(crate) fn read_keys(bytes: &[u8], now: i64) -> Result<Vec<Key>, String> {
    if bytes.is_empty() {
        return Err("no data".into());
    }
    if bytes.len() > MAX_KEY_BYTES {
        return Err(format!("larger than {} MiB", MAX_KEY_BYTES >> 20));
    }
    // Leading blank lines before an armor header are common in pasted keys.
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    if bytes.is_empty() {
        return Err("only white space".into());
    }
    let (iter, _) = SignedPublicKey::from_reader_many(bytes)
        .map_err(|e| format!("not an OpenPGP key: {}", crate::event::one_line(&e)))?;
    let mut out = Vec::new();
    for k in iter.take(MAX_KEYS) {
        let key =
            k.map_err(|e| format!("not an OpenPGP public key: {}", crate::event::one_line(&e)))?;
        let info = describe(&key, now);
        out.push(Key { key, info });
    }
    if out.is_empty() {
        return Err("no OpenPGP public key in it".into());
    }
    Ok(out)
}

/// The name of a public-key algorithm as RFC 9580 §9.1 lists it.
pub(crate) fn algorithm_name(a: pgp::crypto::public_key::PublicKeyAlgorithm) -> String {
    use pgp::crypto::public_key::PublicKeyAlgorithm as A;
    match a {
        A::RSA | A::RSASign | A::RSAEncrypt => "RSA".into(),
        A::DSA => "DSA".into(),
        A::ECDH => "ECDH".into(),
        A::ECDSA => "ECDSA".into(),
        A::EdDSALegacy => "EdDSA".into(),
        A::Ed25519 => "Ed25519".into(),
        A::Ed448 => "Ed448".into(),
        A::X25519 => "X25519".into(),
        A::X448 => "X448".into(),
        A::Elgamal | A::ElgamalEncrypt => "Elgamal".into(),
        other => format!("{other:?}"),
    }
}

/// The name of a hash algorithm as RFC 9580 §9.5 lists it.
pub(crate) fn hash_name(h: pgp::crypto::hash::HashAlgorithm) -> String {
    use pgp::crypto::hash::HashAlgorithm as H;
    match h {
        H::Md5 => "MD5".into(),
        H::Sha1 => "SHA-1".into(),
        H::Ripemd160 => "RIPEMD-160".into(),
        H::Sha256 => "SHA-256".into(),
        H::Sha384 => "SHA-384".into(),
        H::Sha512 => "SHA-512".into(),
        H::Sha224 => "SHA-224".into(),
        H::Sha3_256 => "SHA3-256".into(),
        H::Sha3_512 => "SHA3-512".into(),
        other => format!("{other:?}"),
    }
}

fn strength(p: &PublicParams) -> String {
    use rsa::traits::PublicKeyParts;
    match p {
        PublicParams::RSA(r) => format!("{} bits", r.key.size() * 8),
        PublicParams::ECDSA(e) => e.curve().to_string(),
        // The legacy EdDSA encoding (RFC 9580 §5.5.5.5) of Ed25519: the curve is Ed25519.
        PublicParams::EdDSALegacy(e) => e.curve().to_string().replace("Ed25519Legacy", "Ed25519"),
        PublicParams::ECDH(e) => e
            .curve()
            .to_string()
            .replace("Curve25519Legacy", "Curve25519"),
        PublicParams::Ed25519(_) => "Ed25519".into(),
        PublicParams::X25519(_) => "Curve25519".into(),
        PublicParams::Ed448(_) => "Ed448".into(),
        PublicParams::X448(_) => "Curve448".into(),
        PublicParams::DSA(_) => "DSA".into(),
        PublicParams::Elgamal(_) => "Elgamal".into(),
        _ => "unknown".into(),
    }
}

/// The address in a user ID: inside the last `<…>`, else the whole ID when it is one address
/// (RFC 9580 §5.11: "by convention" an RFC 2822 name-addr).
pub(crate) fn uid_email(uid: &str) -> Option<String> {
    let s = uid.trim();
    let inner = match (s.rfind('<'), s.rfind('>')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s,
    };
    let inner = inner.trim();
    let (local, domain) = inner.rsplit_once('@')?;
    if local.is_empty()
        || domain.is_empty()
        || inner.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        return None;
    }
    Some(inner.to_ascii_lowercase())
}

fn secs(t: pgp::types::Timestamp) -> i64 {
    i64::from(t.as_secs())
}

/// The newest of `sigs` by creation time.
fn newest<'a>(sigs: impl Iterator<Item = &'a Signature>) -> Option<&'a Signature> {
    sigs.max_by_key(|s| s.created().map_or(0, secs))
}

fn revocation_words(s: &Signature) -> Option<String> {
    let code = s.revocation_reason_code().map(|c| format!("{c:?}"));
    let text = s
        .revocation_reason_string()
        .map(|b| crate::event::escape_bytes(b));
    match (code, text) {
        (None, None) => None,
        (Some(c), None) => Some(c),
        (None, Some(t)) => Some(t),
        (Some(c), Some(t)) if t.is_empty() => Some(c),
        (Some(c), Some(t)) => Some(format!("{c}: {t}")),
    }
}

/// What `key` says of itself, counting only signatures that verify.
pub(crate) fn describe(key: &SignedPublicKey, now: i64) -> KeyInfo {
    let primary = &key.primary_key;
    let created = secs(primary.created_at());
    let mut user_ids = Vec::new();
    let mut self_sigs: Vec<&Signature> = Vec::new();
    for u in &key.details.users {
        let valid: Vec<&Signature> = u
            .signatures
            .iter()
            .filter(|s| s.verify_certification(primary, Tag::UserId, &u.id).is_ok())
            .collect();
        let revoked = valid
            .iter()
            .any(|s| s.typ() == Some(SignatureType::CertRevocation));
        let certs: Vec<&Signature> = valid
            .iter()
            .copied()
            .filter(|s| s.typ() != Some(SignatureType::CertRevocation))
            .collect();
        let uid = crate::event::escape_bytes(u.id.id());
        user_ids.push(UserIdInfo {
            email: uid_email(&String::from_utf8_lossy(u.id.id())),
            uid,
            primary: newest(certs.iter().copied()).is_some_and(|s| s.is_primary()),
            bound: !certs.is_empty(),
            revoked,
        });
        self_sigs.extend(certs);
    }
    let direct: Vec<&Signature> = key
        .details
        .direct_signatures
        .iter()
        .filter(|s| s.verify_key(primary).is_ok())
        .collect();
    // RFC 9580 §5.2.3.10: the primary user ID's newest self-signature, else the newest of any,
    // else a direct-key signature, carries the key's expiry and flags.
    let main_sig = newest(self_sigs.iter().copied().filter(|s| s.is_primary()))
        .or_else(|| newest(self_sigs.iter().copied()))
        .or_else(|| newest(direct.iter().copied()));
    let expires = main_sig
        .and_then(|s| s.key_expiration_time())
        .map(|d| d.as_secs() as i64)
        .filter(|d| *d > 0)
        .map(|d| created + d);
    let primary_signs = main_sig.is_some_and(|s| {
        let f = s.key_flags();
        // No key-flags subpacket: the algorithm decides (RFC 4880 keys made before flags).
        f.sign() || (f == pgp::packet::KeyFlags::default() && can_alg_sign(primary))
    });
    let revocation = key
        .details
        .revocation_signatures
        .iter()
        .find(|s| s.verify_key(primary).is_ok());
    let subkeys = key
        .public_subkeys
        .iter()
        .map(|sk| {
            let bindings: Vec<&Signature> = sk
                .signatures
                .iter()
                .filter(|s| s.typ() == Some(SignatureType::SubkeyBinding))
                .filter(|s| s.verify_subkey_binding(primary, &sk.key).is_ok())
                .collect();
            let b = newest(bindings.iter().copied());
            let flags = b.map(|s| s.key_flags());
            let signs = flags.as_ref().is_some_and(|f| f.sign());
            // A signing subkey needs its back-signature (RFC 9580 §5.2.3.34).
            let backsig_ok = !signs
                || b.and_then(|s| s.embedded_signature())
                    .is_some_and(|e| e.verify_primary_key_binding(&sk.key, primary).is_ok());
            let revoked = sk.signatures.iter().any(|s| {
                s.typ() == Some(SignatureType::SubkeyRevocation)
                    && s.verify_subkey_binding(primary, &sk.key).is_ok()
            });
            let sc = secs(sk.key.created_at());
            SubkeyInfo {
                fingerprint: hex_upper(sk.key.fingerprint().as_bytes()),
                key_id: hex_upper(sk.key.legacy_key_id().as_ref()),
                algorithm: algorithm_name(sk.key.algorithm()),
                strength: strength(sk.key.public_params()),
                created: sc,
                expires: b
                    .and_then(|s| s.key_expiration_time())
                    .map(|d| d.as_secs() as i64)
                    .filter(|d| *d > 0)
                    .map(|d| sc + d),
                bound: b.is_some() && backsig_ok,
                signs,
                encrypts: flags
                    .as_ref()
                    .is_some_and(|f| f.encrypt_comms() || f.encrypt_storage()),
                revoked,
            }
        })
        .collect();
    KeyInfo {
        fingerprint: hex_upper(primary.fingerprint().as_bytes()),
        key_id: hex_upper(primary.legacy_key_id().as_ref()),
        algorithm: algorithm_name(primary.algorithm()),
        strength: strength(primary.public_params()),
        created,
        expires,
        expired: expires.is_some_and(|e| e <= now),
        revoked: revocation.is_some(),
        revocation_reason: revocation.and_then(revocation_words),
        user_ids,
        subkeys,
        primary_signs,
    }
}

fn can_alg_sign(k: &impl KeyDetails) -> bool {
    use pgp::crypto::public_key::PublicKeyAlgorithm as A;
    matches!(
        k.algorithm(),
        A::RSA | A::RSASign | A::DSA | A::ECDSA | A::EdDSALegacy | A::Ed25519 | A::Ed448
    )
}

/// What is wrong with `k` for mail from `address` (when given), at `now`. Codes are stable:
/// `pgp-key-revoked`, `pgp-key-expired`, `pgp-key-no-uid-for-address`, `pgp-key-no-signing-key`,
/// `pgp-key-uid-unbound`, `pgp-key-ok`.
pub(crate) fn findings(k: &KeyInfo, address: Option<&str>, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let fpr = &k.fingerprint;
    if k.revoked {
        out.push(Finding::error(
            "pgp-key-revoked",
            format!(
                "key {fpr} is revoked{} (RFC 9580 §5.2.1.17): signatures made with it are not to be trusted",
                k.revocation_reason
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
        ));
    }
    if k.expired {
        out.push(Finding::error(
            "pgp-key-expired",
            format!(
                "key {fpr} expired {} (key expiration time in its self-signature, RFC 9580 §5.2.3.13)",
                k.expires.map(crate::utc::fmt_utc).unwrap_or_default()
            ),
        ));
    } else if let Some(e) = k.expires
        && e - now < 30 * 86_400
    {
        out.push(Finding::warning(
            "pgp-key-expires-soon",
            format!(
                "key {fpr} expires {} (in {} days)",
                crate::utc::fmt_utc(e),
                (e - now) / 86_400
            ),
        ));
    }
    if k.user_ids.iter().all(|u| !u.bound) {
        out.push(Finding::error(
            "pgp-key-uid-unbound",
            format!(
                "key {fpr} has no user ID with a valid self-signature: nothing ties it to a person or address"
            ),
        ));
    }
    if let Some(a) = address
        && !k.has_address(a)
    {
        let have = k.emails();
        out.push(Finding::error(
            "pgp-key-no-uid-for-address",
            format!(
                "key {fpr} has no valid user ID for {a} (it names {}): it is the key for another address",
                if have.is_empty() {
                    "no address".to_string()
                } else {
                    have.join(", ")
                }
            ),
        ));
    }
    if !k.can_sign(now) && !k.revoked && !k.expired {
        out.push(Finding::warning(
            "pgp-key-no-signing-key",
            format!(
                "key {fpr} has no usable signing key (neither the primary nor a bound, unexpired subkey is flagged to sign, RFC 9580 §5.2.3.29)"
            ),
        ));
    }
    if out.is_empty() {
        out.push(Finding::new(
            crate::dns::finding::Severity::Ok,
            "pgp-key-ok",
            format!(
                "key {fpr} ({} {}), {}{}",
                k.algorithm,
                k.strength,
                k.main_uid(),
                match k.expires {
                    Some(e) => format!(", valid until {}", crate::utc::fmt_utc(e)),
                    None => ", does not expire".into(),
                }
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_user_ids() {
        assert_eq!(
            uid_email("Alice <Alice@Rig.Test>").as_deref(),
            Some("alice@rig.test")
        );
        assert_eq!(uid_email("bob@rig.test").as_deref(), Some("bob@rig.test"));
        assert_eq!(uid_email("Just A Name"), None);
        assert_eq!(uid_email("x <no address>"), None);
        assert_eq!(uid_email("<@>"), None);
        assert_eq!(uid_email("a b@c"), None);
        // A control character makes it no address (found by the pgp fuzz sweep: it reached a
        // reason shown to people).
        assert_eq!(uid_email("Alice <alice@rig\u{1e}test>"), None);
    }

    #[test]
    fn garbage_is_no_key() {
        assert!(read_keys(b"", 0).is_err());
        assert!(read_keys(b"   \n", 0).is_err());
        assert!(read_keys(b"hello world", 0).is_err());
        assert!(read_keys(&[0x99, 0x00, 0x01, 0xff], 0).is_err());
        assert!(
            read_keys(
                b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----\n",
                0
            )
            .is_err()
        );
    }
}
