//! Checking the OpenPGP signature of a message against the keys at hand, with a reason an admin
//! can act on when it fails: which part, which key the signature names (issuer fingerprint or
//! key ID, RFC 9580 §5.2.3.35, §5.2.3.12) against the keys given, and what changed. When the
//! signed part as canonicalised (CRLF, RFC 3156 §5) does not verify, the other forms it may have
//! been signed in or changed to (LF line ends, trailing white space stripped, the bytes exactly
//! as stored) are tried to say what happened — a match there is a diagnosis, never a pass.

use super::key::{Key, KeyInfo, algorithm_name, hash_name, hex_upper};
use super::message::{self, Found};
use pgp::composed::{CleartextSignedMessage, Deserializable, DetachedSignature};
use pgp::packet::{Signature, SignatureType};
use pgp::types::VerifyingKey;
use serde::Serialize;

/// Signatures looked at in one message.
pub(crate) const MAX_SIGNATURES: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SigVerdict {
    /// Verifies over the canonical signed data with a valid key.
    Good,
    /// Verifies, but the key was revoked, expired when it signed, is not allowed to sign, or
    /// carries no user ID for the sender's address.
    KeyInvalid,
    /// No key given has the issuer's key ID or fingerprint.
    NoKey,
    /// Does not verify, or cannot be read.
    Bad,
}

/// One signature and what came of checking it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SigCheck {
    pub(crate) verdict: SigVerdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) issuer_fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) issuer_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) created: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) algorithm: Option<String>,
    /// `binary` or `text` (RFC 9580 §5.2.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sig_type: Option<String>,
    /// The key that made it (primary fingerprint) and the component that verified it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signer_subkey: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) signer_user_ids: Vec<String>,
    /// Why it is not good, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
}

/// The whole check of one message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Verification {
    /// `pgp-mime`, `inline`, `encrypted`, `other-protocol`, `none`.
    pub(crate) form: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) mime: Option<message::MimeSigned>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) section: Option<String>,
    /// The signed bytes, canonicalised (octets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signed_bytes: Option<usize>,
    pub(crate) signatures: Vec<SigCheck>,
    /// Why nothing could be checked (encrypted, unsigned, S/MIME, unreadable signature part).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
    /// The part holds more than [`MAX_SIGNATURES`] signatures: only that many were checked
    /// (said, never silently dropped).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) more_signatures: bool,
}

impl Verification {
    /// The best signature's verdict (one good signature is enough, as for DKIM).
    pub(crate) fn best(&self) -> Option<&SigCheck> {
        self.signatures.iter().min_by_key(|s| s.verdict)
    }
}

fn empty(form: &'static str, section: Option<String>, note: String) -> Verification {
    Verification {
        form,
        mime: None,
        section,
        signed_bytes: None,
        signatures: Vec::new(),
        note: Some(note),
        more_signatures: false,
    }
}

/// Whom the signing key must belong to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sender<'a> {
    /// Every one of these addresses (--address, or each From: mailbox).
    Addresses(&'a [String]),
    /// No address could be read from From: (its raw value, or None without From:): no
    /// signature is tied to the sender, so none is Good.
    Unreadable(Option<&'a str>),
}

/// Check the signature(s) of message `raw` against `keys`; `address`: the sender the key must
/// belong to.
pub(crate) fn verify(raw: &[u8], keys: &[Key], address: Sender<'_>, now: i64) -> Verification {
    match message::locate(raw) {
        Found::Nothing => empty(
            "none",
            None,
            "no OpenPGP signature in the message: no multipart/signed with protocol \
             application/pgp-signature (RFC 3156 §5) and no -----BEGIN PGP SIGNED MESSAGE----- \
             in a text part (RFC 9580 §7)"
                .into(),
        ),
        Found::OtherProtocol { section, protocol } => empty(
            "other-protocol",
            Some(section.clone()),
            format!(
                "part {section} is multipart/signed with protocol {:?}, not \
                 application/pgp-signature{}: not an OpenPGP signature",
                crate::event::clean(&protocol),
                if protocol.contains("pkcs7") {
                    " (S/MIME, RFC 8551)"
                } else {
                    ""
                }
            ),
        ),
        Found::Encrypted { section } => empty(
            "encrypted",
            Some(section.clone()),
            format!(
                "part {section} is multipart/encrypted (RFC 3156 §4): the message is encrypted, \
                 and a signature inside it cannot be checked without the recipient's secret key \
                 (decrypt it with gpg first)"
            ),
        ),
        Found::Mime(m) => {
            let (s, e) = m.signed_range;
            let part = raw.get(s..e).unwrap_or_default();
            let data = message::canonical(part);
            let mut v = Verification {
                form: "pgp-mime",
                mime: Some(m.clone()),
                section: Some(m.section.clone()),
                signed_bytes: Some(data.len()),
                signatures: Vec::new(),
                note: None,
                more_signatures: false,
            };
            if m.signed_section.is_empty() {
                v.note = Some(format!(
                    "part {} is multipart/signed but does not have two parts (RFC 3156 §5: the \
                     signed part, then the signature)",
                    m.section
                ));
                return v;
            }
            if let Some(t) = &m.signature_type {
                v.note = Some(format!(
                    "the second part ({}) is {}, not application/pgp-signature (RFC 3156 §5)",
                    m.signature_section,
                    crate::event::clean(t)
                ));
            }
            let sigs = match read_signatures(&m.signature) {
                Ok(s) => s,
                Err(why) => {
                    v.signatures.push(unreadable(format!(
                        "part {} is not an OpenPGP signature: {why}",
                        m.signature_section
                    )));
                    return v;
                }
            };
            v.more_signatures = sigs.len() > MAX_SIGNATURES;
            for sig in sigs.iter().take(MAX_SIGNATURES) {
                v.signatures.push(check(
                    sig,
                    keys,
                    address,
                    now,
                    &Signed::Mime {
                        data: &data,
                        part,
                        section: &m.signed_section,
                    },
                ));
            }
            v
        }
        Found::Inline(i) => {
            let mut v = Verification {
                form: "inline",
                mime: None,
                section: Some(i.section.clone()),
                signed_bytes: None,
                signatures: Vec::new(),
                note: None,
                more_signatures: false,
            };
            let text = String::from_utf8_lossy(&i.text);
            let msg = match CleartextSignedMessage::from_string(&text) {
                Ok((m, _)) => m,
                Err(e) => {
                    v.signatures.push(unreadable(format!(
                        "the cleartext-signed text in part {} cannot be read (RFC 9580 §7): {}",
                        i.section,
                        crate::event::one_line(&e)
                    )));
                    return v;
                }
            };
            let data = msg.signed_text().into_bytes();
            v.signed_bytes = Some(data.len());
            v.more_signatures = msg.signatures().len() > MAX_SIGNATURES;
            for sig in msg.signatures().iter().take(MAX_SIGNATURES) {
                v.signatures.push(check(
                    sig,
                    keys,
                    address,
                    now,
                    &Signed::Inline {
                        data: &data,
                        section: &i.section,
                    },
                ));
            }
            v
        }
    }
}

/// Every signature packet in a signature part (armored or binary).
pub(crate) fn read_signatures(bytes: &[u8]) -> Result<Vec<Signature>, String> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    if bytes.is_empty() {
        return Err("the part is empty".into());
    }
    let (iter, _) =
        DetachedSignature::from_reader_many(bytes).map_err(|e| crate::event::one_line(&e))?;
    let mut out = Vec::new();
    // One past the cap, so the caller can say that some were left unchecked.
    for s in iter.take(MAX_SIGNATURES + 1) {
        out.push(s.map_err(|e| crate::event::one_line(&e))?.signature);
    }
    if out.is_empty() {
        return Err("no signature packet in it".into());
    }
    Ok(out)
}

fn unreadable(reason: String) -> SigCheck {
    SigCheck {
        verdict: SigVerdict::Bad,
        issuer_fingerprint: None,
        issuer_key_id: None,
        created: None,
        hash: None,
        algorithm: None,
        sig_type: None,
        signer: None,
        signer_subkey: None,
        signer_user_ids: Vec::new(),
        reason: Some(reason),
    }
}

enum Signed<'a> {
    Mime {
        /// Canonical (CRLF).
        data: &'a [u8],
        /// As stored in the file.
        part: &'a [u8],
        section: &'a str,
    },
    Inline {
        data: &'a [u8],
        section: &'a str,
    },
}

impl Signed<'_> {
    fn data(&self) -> &[u8] {
        match self {
            Signed::Mime { data, .. } | Signed::Inline { data, .. } => data,
        }
    }
    fn section(&self) -> &str {
        match self {
            Signed::Mime { section, .. } | Signed::Inline { section, .. } => section,
        }
    }
}

/// One key component that may have made the signature.
struct Component<'a> {
    key: &'a Key,
    /// None: the primary key.
    subkey: Option<usize>,
}

impl Component<'_> {
    fn verify(&self, sig: &Signature, data: &[u8]) -> Result<(), String> {
        let r = match self.subkey {
            None => sig.verify(&self.key.key.primary_key, data),
            Some(i) => sig.verify(&self.key.key.public_subkeys[i].key, data),
        };
        r.map_err(|e| crate::event::one_line(&e))
    }
    fn fingerprint(&self) -> String {
        match self.subkey {
            None => self.key.info.fingerprint.clone(),
            Some(i) => self.key.info.subkeys[i].fingerprint.clone(),
        }
    }
}

fn matches(k: &impl VerifyingKey, fprs: &[String], ids: &[String]) -> bool {
    let fp = hex_upper(k.fingerprint().as_bytes());
    let id = hex_upper(k.legacy_key_id().as_ref());
    fprs.contains(&fp) || ids.contains(&id) || (fprs.is_empty() && ids.is_empty())
}

fn check(
    sig: &Signature,
    keys: &[Key],
    address: Sender<'_>,
    now: i64,
    signed: &Signed<'_>,
) -> SigCheck {
    let fprs: Vec<String> = sig
        .issuer_fingerprint()
        .iter()
        .map(|f| hex_upper(f.as_bytes()))
        .collect();
    let ids: Vec<String> = sig
        .issuer_key_id()
        .iter()
        .map(|k| hex_upper(k.as_ref()))
        .collect();
    let created = sig.created().map(|t| i64::from(t.as_secs()));
    // RFC 9580 §5.2.3.18: seconds after creation; absent or zero: it never expires.
    let sig_expires = sig
        .signature_expiration_time()
        .map(|d| d.as_secs() as i64)
        .filter(|d| *d > 0)
        .map(|d| created.unwrap_or(0).saturating_add(d));
    let mut c = SigCheck {
        verdict: SigVerdict::Bad,
        issuer_fingerprint: fprs.first().cloned(),
        issuer_key_id: ids.first().cloned().or_else(|| {
            // A v4 key ID is the fingerprint's last 8 octets (RFC 9580 §5.5.4.2).
            fprs.first()
                .filter(|f| f.len() == 40)
                .map(|f| f[24..].to_string())
        }),
        created,
        hash: sig.hash_alg().map(hash_name),
        algorithm: sig.config().map(|c| algorithm_name(c.pub_alg)),
        sig_type: sig.typ().map(|t| match t {
            SignatureType::Binary => "binary".to_string(),
            SignatureType::Text => "text".to_string(),
            other => format!("{other:?}"),
        }),
        signer: None,
        signer_subkey: None,
        signer_user_ids: Vec::new(),
        reason: None,
    };
    let issuer = match (&c.issuer_fingerprint, &c.issuer_key_id) {
        (Some(f), _) => format!("key {f}"),
        (None, Some(i)) => format!("key ID {i}"),
        (None, None) => "a key it does not name (no issuer subpacket)".into(),
    };
    if !matches!(sig.typ(), Some(SignatureType::Binary | SignatureType::Text)) {
        c.reason = Some(format!(
            "the signature is of type {:?}, not a document signature (binary or text, RFC 9580 §5.2.1)",
            sig.typ()
        ));
        return c;
    }
    let mut candidates = Vec::new();
    for k in keys {
        if matches(&k.key.primary_key, &fprs, &ids) {
            candidates.push(Component {
                key: k,
                subkey: None,
            });
        }
        for (i, sk) in k.key.public_subkeys.iter().enumerate() {
            if matches(&sk.key, &fprs, &ids) {
                candidates.push(Component {
                    key: k,
                    subkey: Some(i),
                });
            }
        }
    }
    if candidates.is_empty() {
        c.verdict = SigVerdict::NoKey;
        let given: Vec<String> = keys
            .iter()
            .map(|k| format!("{} ({})", k.info.fingerprint, k.info.main_uid()))
            .collect();
        c.reason = Some(format!(
            "signed by {issuer}, which is not among the keys given ({}): a different key \
             signed it, or the signer's key is another one than the one fetched",
            if given.is_empty() {
                "none".to_string()
            } else {
                given.join(", ")
            }
        ));
        return c;
    }
    let data = signed.data();
    let mut last_err = String::new();
    for comp in &candidates {
        match comp.verify(sig, data) {
            Ok(()) => {
                c.signer = Some(comp.key.info.fingerprint.clone());
                c.signer_subkey = comp.subkey.map(|_| comp.fingerprint());
                c.signer_user_ids = comp
                    .key
                    .info
                    .user_ids
                    .iter()
                    .filter(|u| u.bound)
                    .map(|u| u.uid.clone())
                    .collect();
                let times = SigTimes {
                    created,
                    expires: sig_expires,
                    now,
                };
                match key_problem(&comp.key.info, comp.subkey, times, address) {
                    Some(why) => {
                        c.verdict = SigVerdict::KeyInvalid;
                        c.reason = Some(why);
                    }
                    None => c.verdict = SigVerdict::Good,
                }
                return c;
            }
            Err(e) => last_err = e,
        }
    }
    // It does not verify over the canonical bytes: find out what happened.
    let who = candidates
        .first()
        .map(|c| c.key.info.fingerprint.clone())
        .unwrap_or_default();
    let diagnosis = match signed {
        Signed::Mime { part, .. } => diagnose(sig, &candidates, part),
        Signed::Inline { .. } => None,
    };
    c.signer = Some(who.clone());
    c.reason = Some(match diagnosis {
        Some(d) => format!(
            "the signature by {issuer} does not verify over part {} canonicalised as RFC 3156 §5 \
             requires (CRLF line ends); {d}",
            signed.section()
        ),
        None => format!(
            "the signature by {issuer}{} does not verify over part {}: the signed part's bytes \
             do not match — it was changed after signing (edited, re-encoded to another \
             transfer encoding or charset, its line ends or white space changed by a relay), or \
             the signature belongs to other data ({})",
            if issuer.contains(&who) {
                String::new()
            } else {
                format!(" (key {who})")
            },
            signed.section(),
            error_words(&last_err)
        ),
    });
    c
}

/// rPGP's error in a few words: its digest check is an assertion message with two arrays.
fn error_words(e: &str) -> String {
    if e.contains("signed hash value") {
        return "the digest of the data differs from the one signed".into();
    }
    crate::event::clean(e.lines().next().unwrap_or(e)).into_owned()
}

/// What the signed part matches instead of its canonical form, if anything.
fn diagnose(sig: &Signature, candidates: &[Component<'_>], part: &[u8]) -> Option<String> {
    let variants: [(&str, Vec<u8>); 3] = [
        (
            "it verifies over the part's bytes exactly as stored, which are not canonical (mixed \
             or bare CR line ends): the signer hashed them without canonicalising",
            part.to_vec(),
        ),
        (
            "it verifies over the part with LF line ends: the signer did not convert line ends to \
             CRLF before signing (RFC 3156 §5 requires it), so every conforming verifier fails it",
            message::lf_only(part),
        ),
        (
            "it verifies with trailing white space removed from each line: white space at line \
             ends was added after signing, or the signer stripped it (RFC 3156 §5: such lines \
             must be quoted-printable encoded so no relay touches them)",
            message::trailing_ws_stripped(part),
        ),
    ];
    let canonical = message::canonical(part);
    for (words, bytes) in variants {
        if bytes == canonical {
            continue;
        }
        if candidates.iter().any(|c| c.verify(sig, &bytes).is_ok()) {
            return Some(format!("{words} — not a pass"));
        }
    }
    if message::has_trailing_ws(part) {
        return Some(
            "no variant matches (LF line ends, trailing white space removed); lines of the part \
             end in white space, which relays may change (RFC 3156 §5)"
                .into(),
        );
    }
    None
}

/// A signature's creation and expiration times (its own claims) and the time of checking.
#[derive(Debug, Clone, Copy)]
struct SigTimes {
    created: Option<i64>,
    expires: Option<i64>,
    now: i64,
}

/// Clock skew tolerated for a signature made "in the future" (seconds).
const MAX_SKEW: i64 = 300;

/// Why a key whose signature verifies is still not to be trusted for this message.
fn key_problem(
    k: &KeyInfo,
    subkey: Option<usize>,
    times: SigTimes,
    address: Sender<'_>,
) -> Option<String> {
    let SigTimes { created, now, .. } = times;
    let when = created.unwrap_or(0);
    let fmt = crate::utc::fmt_utc;
    if when > now.saturating_add(MAX_SKEW) {
        return Some(format!(
            "the signature verifies, but it says it was made {}, in the future (checked {}): a \
             signature's creation time is the signer's own claim, and this one is false",
            fmt(when),
            fmt(now)
        ));
    }
    let (made_by, born) = match subkey {
        Some(i) => (
            format!("subkey {}", k.subkeys[i].fingerprint),
            k.subkeys[i].created,
        ),
        None => (format!("key {}", k.fingerprint), k.created),
    };
    if when < born {
        return Some(format!(
            "the signature verifies, but it says it was made {}, before {made_by} was created \
             {}: no key signs before it exists",
            fmt(when),
            fmt(born)
        ));
    }
    if let Some(e) = times.expires
        && e <= now
    {
        return Some(format!(
            "the signature verifies, but it expired {} (its signature expiration time, RFC 9580 \
             §5.2.3.18; made {})",
            fmt(e),
            fmt(when)
        ));
    }
    if k.revoked {
        return Some(format!(
            "the signature verifies, but key {} is revoked{}",
            k.fingerprint,
            k.revocation_reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ));
    }
    if let Some(e) = k.expires
        && e <= when
    {
        return Some(format!(
            "the signature verifies, but it was made {} and key {} had expired {}",
            crate::utc::fmt_utc(when),
            k.fingerprint,
            crate::utc::fmt_utc(e)
        ));
    }
    if k.expired {
        // gpg calls this a good signature with a note; a signature's creation time is the
        // signer's own claim (RFC 9580 §5.2.3.11), so a key past its expiry vouches for nothing.
        return Some(format!(
            "the signature verifies and says it was made {}, before key {} expired {}; the key \
             has expired since, and a signature's creation time is the signer's own claim",
            crate::utc::fmt_utc(when),
            k.fingerprint,
            k.expires.map(crate::utc::fmt_utc).unwrap_or_default()
        ));
    }
    if subkey.is_none() && !k.primary_signs {
        return Some(format!(
            "the signature verifies, but primary key {} is not flagged for signing (RFC 9580 \
             §5.2.3.29)",
            k.fingerprint
        ));
    }
    if let Some(i) = subkey {
        let s = &k.subkeys[i];
        if s.revoked {
            return Some(format!(
                "the signature verifies, but subkey {} is revoked",
                s.fingerprint
            ));
        }
        if !s.bound {
            return Some(format!(
                "the signature verifies, but subkey {} has no valid binding signature (RFC 9580 \
                 §5.2.1): it does not belong to key {}",
                s.fingerprint, k.fingerprint
            ));
        }
        if !s.signs {
            return Some(format!(
                "the signature verifies, but subkey {} is not flagged for signing (RFC 9580 \
                 §5.2.3.29)",
                s.fingerprint
            ));
        }
        if let Some(e) = s.expires
            && e <= when
        {
            return Some(format!(
                "the signature verifies, but subkey {} had expired {}",
                s.fingerprint,
                crate::utc::fmt_utc(e)
            ));
        }
        if let Some(e) = s.expires
            && e <= now
        {
            // As for the primary key: the creation time is the signer's own claim, so a subkey
            // past its expiry vouches for nothing (RFC 9580 §5.2.3.11).
            return Some(format!(
                "the signature verifies and says it was made {}, before subkey {} expired {}; \
                 the subkey has expired since, and a signature's creation time is the signer's \
                 own claim",
                crate::utc::fmt_utc(when),
                s.fingerprint,
                crate::utc::fmt_utc(e)
            ));
        }
    }
    match address {
        Sender::Unreadable(from) => {
            return Some(format!(
                "the signature verifies, but the sender could not be read from From: ({}): the \
                 signature is not tied to the sender",
                from.map_or("no From: header".into(), crate::event::clean)
            ));
        }
        Sender::Addresses(all) => {
            if let Some(a) = all.iter().find(|a| !k.has_address(a)) {
                let have = k.emails();
                return Some(format!(
                    "the signature verifies, but key {} has no valid user ID for the sender {a} \
                     (it names {}): anyone can sign with their own key",
                    k.fingerprint,
                    if have.is_empty() {
                        "no address".into()
                    } else {
                        have.join(", ")
                    }
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pgp::key::read_keys;

    /// No sender to match (what --address and From: never give).
    const ANY: Sender<'_> = Sender::Addresses(&[]);
    /// The time of checking, as the seeds' keys are read.
    const NOW: i64 = 1_764_864_000 + 86_400 * 400;

    /// A fuzz seed: two length octets, a key block, a message (made with GnuPG 2.2).
    fn seed(name: &str) -> (Vec<Key>, Vec<u8>) {
        let path = format!("{}/fuzz/corpus/pgp/{name}", env!("CARGO_MANIFEST_DIR"));
        let data = std::fs::read(path).unwrap();
        let n = usize::from(data[0]) << 8 | usize::from(data[1]);
        let (k, m) = data[2..].split_at(n);
        // The keys were made 2026-12-03 with a one-year expiry: judged the day after.
        let keys = if k.is_empty() {
            Vec::new()
        } else {
            read_keys(k, NOW).unwrap()
        };
        (keys, m.to_vec())
    }

    #[test]
    fn good_tampered_lf_inline_encrypted_no_key() {
        let (keys, msg) = seed("mime-ed25519-good");
        let v = verify(
            &msg,
            &keys,
            Sender::Addresses(&["alice@rig.test".into()]),
            NOW,
        );
        assert_eq!(v.form, "pgp-mime");
        assert_eq!(v.best().unwrap().verdict, SigVerdict::Good, "{v:?}");
        assert_eq!(v.best().unwrap().hash.as_deref(), Some("SHA-256"));
        // The same message for another sender: the key has no user ID for it.
        let v = verify(
            &msg,
            &keys,
            Sender::Addresses(&["mallory@rig.test".into()]),
            NOW,
        );
        assert_eq!(v.best().unwrap().verdict, SigVerdict::KeyInvalid, "{v:?}");

        let (keys, msg) = seed("mime-tampered");
        let v = verify(&msg, &keys, ANY, NOW);
        assert_eq!(v.best().unwrap().verdict, SigVerdict::Bad, "{v:?}");

        let (keys, msg) = seed("mime-lf-signed");
        let v = verify(&msg, &keys, ANY, NOW);
        let why = v.best().unwrap().reason.clone().unwrap();
        assert!(
            why.contains("LF line ends") && why.contains("not a pass"),
            "{why}"
        );

        let (keys, msg) = seed("inline-good");
        let v = verify(&msg, &keys, ANY, NOW);
        assert_eq!(v.form, "inline");
        assert_eq!(v.best().unwrap().verdict, SigVerdict::Good, "{v:?}");
        let (keys, msg) = seed("inline-edited");
        let v = verify(&msg, &keys, ANY, NOW);
        assert_eq!(v.best().unwrap().verdict, SigVerdict::Bad, "{v:?}");

        let (keys, msg) = seed("encrypted");
        let v = verify(&msg, &keys, ANY, NOW);
        assert_eq!(v.form, "encrypted");
        assert!(v.signatures.is_empty());

        let (keys, msg) = seed("no-key");
        let v = verify(&msg, &keys, ANY, NOW);
        assert_eq!(v.best().unwrap().verdict, SigVerdict::NoKey, "{v:?}");
    }

    #[test]
    fn signatures_past_the_cap_are_said_not_dropped() {
        use base64::Engine;
        let (keys, msg) = seed("mime-ed25519-good");
        let text = String::from_utf8_lossy(&msg).into_owned();
        let begin = text.find("-----BEGIN PGP SIGNATURE-----").unwrap();
        let end = text.find("-----END PGP SIGNATURE-----").unwrap() + 27;
        // The armor's body (after the blank line, before the `=` checksum), dearmored.
        let b64: String = text[begin..end]
            .lines()
            .skip_while(|l| !l.trim().is_empty())
            .filter(|l| !l.trim().is_empty() && !l.starts_with('=') && !l.starts_with("-----"))
            .map(str::trim)
            .collect();
        let one = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        // 17 signature packets in one part: one past the cap is read, so it can be said.
        let many = one.repeat(MAX_SIGNATURES + 1);
        let sigs = read_signatures(&many).unwrap();
        assert_eq!(sigs.len(), MAX_SIGNATURES + 1, "read one past the cap");
        // And a message whose part holds them (binary is allowed in the part: RFC 3156 §5
        // says armored, but the reader takes both) says so, checking the first 16.
        let mut m = msg[..begin].to_vec();
        m.extend_from_slice(&many);
        m.extend_from_slice(&msg[end..]);
        let v = verify(&m, &keys, ANY, NOW);
        assert!(v.more_signatures, "{v:?}");
        assert_eq!(v.signatures.len(), MAX_SIGNATURES);
        assert_eq!(v.best().unwrap().verdict, SigVerdict::Good, "{v:?}");
    }

    #[test]
    fn a_signature_part_that_is_not_one_is_bad_in_words() {
        let msg = b"Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pgp-signature\r\n\r\nnot a signature\r\n--b--\r\n";
        let v = verify(msg, &[], ANY, NOW);
        let s = v.best().unwrap();
        assert_eq!(s.verdict, SigVerdict::Bad);
        assert!(
            s.reason
                .as_deref()
                .unwrap()
                .contains("part 2 is not an OpenPGP signature")
        );
    }
    /// A key made at 1000 that signs with its primary key and has one signing subkey made at
    /// 2000 expiring at 5000, for alice@rig.test.
    fn info() -> KeyInfo {
        use crate::pgp::key::{SubkeyInfo, UserIdInfo};
        KeyInfo {
            fingerprint: "P".into(),
            key_id: "P".into(),
            algorithm: "EdDSA".into(),
            strength: "Ed25519".into(),
            created: 1000,
            expires: None,
            expired: false,
            revoked: false,
            revocation_reason: None,
            user_ids: vec![UserIdInfo {
                uid: "Alice <alice@rig.test>".into(),
                email: Some("alice@rig.test".into()),
                primary: true,
                bound: true,
                revoked: false,
            }],
            subkeys: vec![SubkeyInfo {
                fingerprint: "S".into(),
                key_id: "S".into(),
                algorithm: "EdDSA".into(),
                strength: "Ed25519".into(),
                created: 2000,
                expires: Some(5000),
                bound: true,
                signs: true,
                encrypts: false,
                revoked: false,
            }],
            primary_signs: true,
        }
    }

    #[test]
    fn signature_times_flags_and_subkey_expiry_are_checked() {
        let alice = ["alice@rig.test".to_string()];
        let to = Sender::Addresses(&alice);
        let at = |created: i64, expires: Option<i64>, now: i64| SigTimes {
            created: Some(created),
            expires,
            now,
        };
        let k = info();
        assert_eq!(key_problem(&k, None, at(3000, None, 4000), to), None);
        assert_eq!(key_problem(&k, Some(0), at(3000, None, 4000), to), None);
        // (a) The signature's own expiration time (RFC 9580 §5.2.3.18).
        let why = key_problem(&k, None, at(3000, Some(3500), 4000), to).unwrap();
        assert!(why.contains("§5.2.3.18"), "{why}");
        assert_eq!(key_problem(&k, None, at(3000, Some(4500), 4000), to), None);
        // (b) A primary key not flagged to sign.
        let mut nosign = info();
        nosign.primary_signs = false;
        let why = key_problem(&nosign, None, at(3000, None, 4000), to).unwrap();
        assert!(why.contains("primary key P is not flagged"), "{why}");
        assert_eq!(
            key_problem(&nosign, Some(0), at(3000, None, 4000), to),
            None
        );
        // (c) A subkey expired now, though not when it says it signed.
        let why = key_problem(&k, Some(0), at(3000, None, 6000), to).unwrap();
        assert!(
            why.contains("before subkey S expired") && why.contains("expired since"),
            "{why}"
        );
        // (d) Made in the future (beyond the skew), or before the key existed.
        assert_eq!(key_problem(&k, None, at(4100, None, 4000), to), None);
        let why = key_problem(&k, None, at(4000 + 301, None, 4000), to).unwrap();
        assert!(why.contains("in the future"), "{why}");
        let why = key_problem(&k, Some(0), at(1500, None, 4000), to).unwrap();
        assert!(why.contains("before subkey S was created"), "{why}");
        let why = key_problem(&k, None, at(500, None, 4000), to).unwrap();
        assert!(why.contains("before key P was created"), "{why}");
        // The sender: every From: mailbox, and none read is not Good.
        let two = ["alice@rig.test".to_string(), "bob@rig.test".to_string()];
        let why = key_problem(&k, None, at(3000, None, 4000), Sender::Addresses(&two)).unwrap();
        assert!(why.contains("for the sender bob@rig.test"), "{why}");
        let why = key_problem(
            &k,
            None,
            at(3000, None, 4000),
            Sender::Unreadable(Some("Alice")),
        )
        .unwrap();
        assert!(
            why.contains(
                "the sender could not be read from From: (Alice): the signature is not tied to the sender"
            ),
            "{why}"
        );
    }
}
