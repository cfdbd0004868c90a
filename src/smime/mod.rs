//! S/MIME signature verification (RFC 8551, CMS SignedData of RFC 5652 §5): find the signed
//! entity with `mime` (multipart/signed, detached; or application/pkcs7-mime signed-data,
//! opaque), parse the CMS with RustCrypto's `cms`/`der`/`x509-cert` (no ASN.1 of ours), check
//! the message digest over the exact signed bytes in canonical CRLF form (RFC 8551 §3.1.1), the
//! signature over the signed attributes with the signer's certificate (ring, through
//! rustls-webpki's key handling), the chain to the given CA certificates with the
//! emailProtection key purpose (RFC 8550 §4.4.4, by rustls-webpki), and that the certificate's
//! address is the From: address (RFC 8550 §3). Encrypted messages are named with their
//! recipients. Every outcome says which part, which certificate and what went wrong.

use crate::mime::security::{SignedParts, canonical, find_role, find_where, signed_parts};
use crate::mime::{self, Entity};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::enveloped_data::{
    EnvelopedData, KeyAgreeRecipientIdentifier, RecipientIdentifier, RecipientInfo,
};
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911;
use der::{Decode, Encode};
use rustls_pki_types::{CertificateDer, SignatureVerificationAlgorithm, UnixTime};
use serde::Serialize;
use x509_cert::Certificate;

/// How the verification came out, worst first; decides the exit code in `cmd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// The signature (digest or signature value) does not verify, or cannot be checked.
    Bad,
    /// The signature verifies, but the signer is not trusted for this message: the chain
    /// does not reach a given CA, a certificate expired or lacks emailProtection, or the
    /// certificate's address is not the From: address.
    Untrusted,
    /// Nothing to verify: no S/MIME signature, or only encrypted content.
    NotSigned,
    Good,
}

/// One step of checking a signer, for people and JSON: what was checked and how it came out.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Check {
    /// `digest`, `signature`, `chain`, `key-usage`, `address`.
    pub check: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// One SignerInfo (RFC 5652 §5.3) and what became of it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Signer {
    /// The signer certificate's subject (RFC 4514), if the certificate was found.
    pub subject: Option<String>,
    /// SAN rfc822Name and subject emailAddress values of the certificate.
    pub emails: Vec<String>,
    pub issuer: Option<String>,
    /// Hexadecimal.
    pub serial: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub digest_algorithm: String,
    pub signature_algorithm: String,
    /// The signingTime attribute (RFC 5652 §11.3): the signer's clock, not proof.
    pub signing_time: Option<String>,
    /// Certificates from the signer's issuer up to the trust anchor, when the chain verified.
    pub chain: Vec<String>,
    pub checks: Vec<Check>,
    pub status: Status,
    /// Why the status is not good: which part, which certificate, what changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A recipient of an encrypted message (RFC 5652 §6.2).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Recipient {
    /// `key-transport` (RSA), `key-agreement` (ECDH), `kek`, `password`, `other`.
    pub kind: &'static str,
    pub issuer: Option<String>,
    pub serial: Option<String>,
    /// Subject key identifier (hex), when the recipient is named by it.
    pub key_id: Option<String>,
    pub key_encryption: String,
}

/// The result of `smime verify` for one message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Verification {
    /// `detached` (multipart/signed), `opaque` (pkcs7-mime signed-data), `enveloped`,
    /// `auth-enveloped`, `certs-only`, `pgp` (a PGP/MIME message), `none`.
    pub form: &'static str,
    /// The IMAP section of the S/MIME entity.
    pub section: Option<String>,
    /// The addr-specs of the From: field of the message holding it (RFC 5322 §3.4), joined
    /// by ", ".
    pub from: Option<String>,
    /// Each From: mailbox, every one of which the certificate must name (RFC 8550 §3).
    #[serde(skip)]
    senders: Vec<String>,
    /// The raw From: value, for the reason when no address can be read from it.
    #[serde(skip)]
    from_raw: Option<String>,
    /// SignerInfos past MAX_SIGNERS, not checked (the command reports them as a finding).
    #[serde(skip)]
    pub skipped_signers: usize,
    /// The signed content's size (canonical form for a detached signature).
    pub content_bytes: Option<usize>,
    pub micalg: Option<String>,
    /// The content type of the signed content of an opaque signature.
    pub inner_type: Option<String>,
    pub signers: Vec<Signer>,
    /// Certificates carried in the CMS.
    pub certificates: usize,
    pub recipients: Vec<Recipient>,
    pub content_encryption: Option<String>,
    /// When the chains were checked (RFC 3339): now, not the signer's claimed signing time.
    pub checked_at: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The emailProtection key purpose, 1.3.6.1.5.5.7.3.4 (RFC 5280 §4.2.1.12), DER value bytes.
const EKU_EMAIL: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04];

const SHA1: &str = "1.3.14.3.2.26";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const SHA384: &str = "2.16.840.1.101.3.4.2.2";
const SHA512: &str = "2.16.840.1.101.3.4.2.3";
const SHA224: &str = "2.16.840.1.101.3.4.2.4";

fn oid_name(oid: &ObjectIdentifier) -> String {
    let s = oid.to_string();
    let name = match s.as_str() {
        SHA1 => "sha-1",
        SHA256 => "sha-256",
        SHA384 => "sha-384",
        SHA512 => "sha-512",
        SHA224 => "sha-224",
        "1.2.840.113549.1.1.1" => "rsaEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.7" => "RSAES-OAEP",
        "1.2.840.10045.2.1" => "id-ecPublicKey",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        "2.16.840.1.101.3.4.1.2" => "aes128-CBC",
        "2.16.840.1.101.3.4.1.22" => "aes192-CBC",
        "2.16.840.1.101.3.4.1.42" => "aes256-CBC",
        "2.16.840.1.101.3.4.1.6" => "aes128-GCM",
        "2.16.840.1.101.3.4.1.46" => "aes256-GCM",
        "1.2.840.113549.3.7" => "des-ede3-cbc",
        "1.3.132.1.11.1" => "dhSinglePass-stdDH-sha256kdf",
        _ => return s,
    };
    name.to_string()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn digest(oid: &ObjectIdentifier, data: &[u8]) -> Option<Vec<u8>> {
    let alg = match oid.to_string().as_str() {
        SHA256 => &ring::digest::SHA256,
        SHA384 => &ring::digest::SHA384,
        SHA512 => &ring::digest::SHA512,
        SHA1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        _ => return None,
    };
    Some(ring::digest::digest(alg, data).as_ref().to_vec())
}

/// The verification algorithms to try for a signature algorithm and digest; the key in the
/// certificate picks among them (webpki refuses a P-384 algorithm for a P-256 key).
fn candidates(sig_alg: &str, digest_alg: &str) -> Vec<&'static dyn SignatureVerificationAlgorithm> {
    use webpki::ring as w;
    let hash = match sig_alg {
        "1.2.840.113549.1.1.11" | "1.2.840.10045.4.3.2" => SHA256,
        "1.2.840.113549.1.1.12" | "1.2.840.10045.4.3.3" => SHA384,
        "1.2.840.113549.1.1.13" | "1.2.840.10045.4.3.4" => SHA512,
        _ => digest_alg,
    };
    match (sig_alg, hash) {
        ("1.3.101.112", _) => vec![w::ED25519],
        (
            "1.2.840.113549.1.1.1"
            | "1.2.840.113549.1.1.11"
            | "1.2.840.113549.1.1.12"
            | "1.2.840.113549.1.1.13",
            h,
        ) => match h {
            SHA256 => vec![w::RSA_PKCS1_2048_8192_SHA256],
            SHA384 => vec![w::RSA_PKCS1_2048_8192_SHA384],
            SHA512 => vec![w::RSA_PKCS1_2048_8192_SHA512],
            _ => vec![],
        },
        // RSASSA-PSS with MGF1 of the same hash and a salt of the hash's length (RFC 4056 §3):
        // what OpenSSL writes; other parameters fail as a bad signature.
        ("1.2.840.113549.1.1.10", h) => match h {
            SHA256 => vec![w::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
            SHA384 => vec![w::RSA_PSS_2048_8192_SHA384_LEGACY_KEY],
            SHA512 => vec![w::RSA_PSS_2048_8192_SHA512_LEGACY_KEY],
            _ => vec![],
        },
        (
            "1.2.840.10045.2.1"
            | "1.2.840.10045.4.3.2"
            | "1.2.840.10045.4.3.3"
            | "1.2.840.10045.4.3.4",
            h,
        ) => match h {
            SHA256 => vec![w::ECDSA_P256_SHA256, w::ECDSA_P384_SHA256],
            SHA384 => vec![w::ECDSA_P384_SHA384, w::ECDSA_P256_SHA384],
            _ => vec![],
        },
        _ => vec![],
    }
}

/// RFC 4514 text of a certificate name.
fn name(n: &x509_cert::name::Name) -> String {
    crate::event::clean(&n.to_string()).into_owned()
}

fn time(t: &x509_cert::time::Time) -> String {
    crate::utc::fmt_utc(t.to_unix_duration().as_secs() as i64)
}

/// The certificate's addresses: SAN rfc822Name (RFC 5280 §4.2.1.6) and the subject's legacy
/// emailAddress attribute (RFC 8550 §3 says to read both).
fn emails(c: &Certificate) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(Some((_, san))) = c
        .tbs_certificate
        .get::<x509_cert::ext::pkix::SubjectAltName>()
    {
        for g in san.0 {
            if let x509_cert::ext::pkix::name::GeneralName::Rfc822Name(s) = g {
                out.push(s.to_string());
            }
        }
    }
    for rdn in c.tbs_certificate.subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == const_oid::db::rfc3280::EMAIL_ADDRESS
                && let Ok(s) = std::str::from_utf8(atv.value.value())
                && !out.iter().any(|o: &String| o.eq_ignore_ascii_case(s))
            {
                out.push(s.to_string());
            }
        }
    }
    out.into_iter()
        .map(|e| crate::event::clean(&e).into_owned())
        .collect()
}

/// The From: mailboxes (RFC 5322 §3.4, from the raw value, not the decoded one) and the raw
/// value.
fn from_of(msg: &Entity) -> (Vec<String>, Option<String>) {
    match msg.headers.iter().find(|h| h.name == "From") {
        Some(h) => (mime::header::mailboxes(&h.raw), Some(h.raw.clone())),
        None => (Vec::new(), None),
    }
}

/// Verify the S/MIME signature of `raw` against the CA certificates `cas` (DER) at `now`.
pub(crate) fn verify(raw: &[u8], cas: &[CertificateDer<'static>], now: UnixTime) -> Verification {
    let scan = mime::scan(raw);
    let mut v = Verification {
        form: "none",
        section: None,
        from: None,
        senders: Vec::new(),
        from_raw: None,
        skipped_signers: 0,
        content_bytes: None,
        micalg: None,
        inner_type: None,
        signers: Vec::new(),
        certificates: 0,
        recipients: Vec::new(),
        content_encryption: None,
        checked_at: crate::utc::fmt_utc(now.as_secs() as i64),
        status: Status::NotSigned,
        reason: None,
    };
    // The first S/MIME entity: a PGP one before it is not in the way.
    let found = find_where(&scan.root, |s| s.scheme == "smime");
    let Some((entity, msg)) = found else {
        v.reason = Some(match find_role(&scan.root, &["signed", "encrypted", "inline-signed", "inline-encrypted"]) {
            Some((e, _)) => {
                v.form = "pgp";
                format!(
                    "no S/MIME in this message: part {} is {} (use `mailctl pgp verify`)",
                    e.section,
                    e.security.as_ref().map_or("", |s| s.label.as_str())
                )
            }
            None => "no S/MIME entity in this message: no multipart/signed with application/pkcs7-signature and no application/pkcs7-mime part (RFC 8551 §3.4, §3.2)".into(),
        });
        return v;
    };
    v.section = Some(entity.section.clone());
    (v.senders, v.from_raw) = from_of(msg);
    v.from = (!v.senders.is_empty()).then(|| v.senders.join(", "));
    let role = entity.security.as_ref().map_or("unknown", |s| s.role);
    if role == "signed" {
        v.form = "detached";
        match signed_parts(raw, entity) {
            Ok(parts) => detached(&mut v, &parts, cas, now, entity),
            Err(why) => bad(
                &mut v,
                format!("the multipart/signed cannot be read: {why}"),
            ),
        }
        return v;
    }
    // application/pkcs7-mime: the CMS decides what it is; smime-type only labels it.
    let der = match mime::decoded_body(raw, entity) {
        Ok(d) => d,
        Err(why) => {
            bad(&mut v, format!("part {}: {why}", entity.section));
            return v;
        }
    };
    let ci = match ContentInfo::from_der(&der) {
        Ok(ci) => ci,
        Err(e) => {
            bad(
                &mut v,
                format!(
                    "part {} is not a DER CMS ContentInfo (RFC 5652 §3): {}",
                    entity.section,
                    crate::event::one_line(&e)
                ),
            );
            return v;
        }
    };
    if ci.content_type == rfc5911::ID_SIGNED_DATA {
        v.form = "opaque";
        match ci.content.decode_as::<SignedData>() {
            Ok(sd) => {
                let content = sd
                    .encap_content_info
                    .econtent
                    .as_ref()
                    .and_then(|a| a.decode_as::<der::asn1::OctetString>().ok())
                    .map(|o| o.into_bytes());
                match content {
                    Some(c) => {
                        v.inner_type = inner_type(&c);
                        v.content_bytes = Some(c.len());
                        let where_ = format!(
                            "the content inside the signed-data of part {}",
                            entity.section
                        );
                        signers(&mut v, &sd, &c, None, cas, now, &where_);
                    }
                    None if role == "certs-only" || sd.signer_infos.0.is_empty() => {
                        v.form = "certs-only";
                        v.certificates = cert_count(&sd);
                        v.reason = Some(format!(
                            "part {} carries {} certificate(s) and no signature (certs-only, RFC 8551 §3.6)",
                            entity.section, v.certificates
                        ));
                    }
                    None => bad(
                        &mut v,
                        format!(
                            "part {} is signed-data without content: a detached signature outside multipart/signed",
                            entity.section
                        ),
                    ),
                }
            }
            Err(e) => bad(
                &mut v,
                format!(
                    "part {}: SignedData does not parse: {}",
                    entity.section,
                    crate::event::one_line(&e)
                ),
            ),
        }
        return v;
    }
    if ci.content_type == rfc5911::ID_ENVELOPED_DATA {
        v.form = "enveloped";
        match ci.content.decode_as::<EnvelopedData>() {
            Ok(ed) => {
                v.content_encryption = Some(oid_name(&ed.encrypted_content.content_enc_alg.oid));
                v.recipients = recipients(&ed);
                v.reason = Some(format!(
                    "part {} is encrypted (enveloped-data, {}, {} recipient(s)): nothing to verify without decrypting it; a signature, if any, is inside",
                    entity.section,
                    v.content_encryption.as_deref().unwrap_or("?"),
                    v.recipients.len()
                ));
            }
            Err(e) => bad(
                &mut v,
                format!(
                    "part {}: EnvelopedData does not parse: {}",
                    entity.section,
                    crate::event::one_line(&e)
                ),
            ),
        }
        return v;
    }
    if ci.content_type == rfc5911::ID_CT_AUTH_ENVELOPED_DATA {
        v.form = "auth-enveloped";
        v.reason = Some(format!(
            "part {} is encrypted (authEnveloped-data, RFC 5083): nothing to verify without decrypting it",
            entity.section
        ));
        return v;
    }
    bad(
        &mut v,
        format!(
            "part {} holds CMS content type {}, not signed-data",
            entity.section, ci.content_type
        ),
    );
    v
}

fn bad(v: &mut Verification, reason: String) {
    v.status = Status::Bad;
    v.reason = Some(reason);
}

fn cert_count(sd: &SignedData) -> usize {
    sd.certificates.as_ref().map_or(0, |c| c.0.len())
}

/// The Content-Type of a MIME entity's header (the content of an opaque signature).
fn inner_type(content: &[u8]) -> Option<String> {
    let s = mime::scan(content);
    Some(s.root.content_type)
}

fn detached(
    v: &mut Verification,
    parts: &SignedParts<'_>,
    cas: &[CertificateDer<'static>],
    now: UnixTime,
    entity: &Entity,
) {
    v.micalg = parts.micalg.clone();
    let ci = match ContentInfo::from_der(&parts.signature) {
        Ok(ci) => ci,
        Err(e) => {
            bad(
                v,
                format!(
                    "the signature part {} is not a DER CMS ContentInfo (RFC 5652 §3): {}",
                    parts.signature_section,
                    crate::event::one_line(&e)
                ),
            );
            return;
        }
    };
    if ci.content_type != rfc5911::ID_SIGNED_DATA {
        bad(
            v,
            format!(
                "the signature part {} holds CMS content type {}, not signed-data",
                parts.signature_section, ci.content_type
            ),
        );
        return;
    }
    let sd = match ci.content.decode_as::<SignedData>() {
        Ok(sd) => sd,
        Err(e) => {
            bad(
                v,
                format!(
                    "the signature part {}: SignedData does not parse: {}",
                    parts.signature_section,
                    crate::event::one_line(&e)
                ),
            );
            return;
        }
    };
    // RFC 8551 §3.1.1: the signature covers the canonical form, every line ending CRLF.
    let content = canonical(parts.content);
    v.content_bytes = Some(content.len());
    let first = entity
        .children
        .first()
        .map_or("1".to_string(), |c| c.section.clone());
    let hints: Vec<&str> = entity
        .problems
        .iter()
        .filter(|p| p.code.starts_with("signed-") && p.code != "signed-micalg-missing")
        .map(|p| p.code)
        .collect();
    let where_ = format!(
        "the signed part {first} ({} bytes at offset {})",
        parts.content.len(),
        parts.content_offset
    );
    signers(
        v,
        &sd,
        &content,
        Some((parts.content, &hints)),
        cas,
        now,
        &where_,
    );
    // The micalg parameter names the digest the signers used (RFC 8551 §3.5.3.2).
    if let (Some(m), Some(s)) = (&v.micalg, v.signers.first())
        && !m.split(',').any(|a| a.trim() == s.digest_algorithm)
    {
        let note = format!(
            "micalg {m:?} does not name the signer's digest {} (RFC 8551 §3.5.3.2); verified with the signer's",
            s.digest_algorithm
        );
        v.reason = Some(match v.reason.take() {
            Some(r) => format!("{r}; {note}"),
            None => note,
        });
    }
}

/// The most SignerInfos checked in one message (as `pgp verify`'s MAX_SIGNATURES): each costs a
/// digest, a signature and a chain, and a message may carry any number.
pub(crate) const MAX_SIGNERS: usize = 16;

/// Digests of the content and its variants, each computed once per algorithm however many
/// SignerInfos name it (one message may carry up to MAX_SIGNERS).
struct Digests<'a> {
    content: &'a [u8],
    as_found: Option<(&'a [u8], &'a [&'a str])>,
    /// The content with CRLF turned into LF, made on the first digest mismatch.
    lf: Option<Vec<u8>>,
    /// (variant: 0 content, 1 LF form, 2 as found; algorithm) → digest.
    memo: Vec<(u8, ObjectIdentifier, Option<Vec<u8>>)>,
}

impl<'a> Digests<'a> {
    fn new(content: &'a [u8], as_found: Option<(&'a [u8], &'a [&'a str])>) -> Self {
        Digests {
            content,
            as_found,
            lf: None,
            memo: Vec::new(),
        }
    }

    fn get(&mut self, variant: u8, alg: &ObjectIdentifier) -> Option<Vec<u8>> {
        if let Some((_, _, d)) = self.memo.iter().find(|(v, a, _)| *v == variant && a == alg) {
            return d.clone();
        }
        let d = match variant {
            0 => digest(alg, self.content),
            1 => {
                let content = self.content;
                let lf = self.lf.get_or_insert_with(|| lf_form(content));
                digest(alg, lf)
            }
            _ => digest(alg, self.as_found.map_or(&[][..], |(r, _)| r)),
        };
        self.memo.push((variant, *alg, d.clone()));
        d
    }
}

/// `content` with every CRLF turned into LF.
fn lf_form(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while i < content.len() {
        if content[i] == b'\r' && content.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(content[i]);
        i += 1;
    }
    out
}

/// Check every SignerInfo of `sd` over `content`; the message's status is the worst signer's
/// (a message with no signer is bad). `as_found`: the content as in the file and the mime
/// problems noted on it, to tell what changed when the digest does not match.
#[allow(clippy::too_many_arguments)]
fn signers(
    v: &mut Verification,
    sd: &SignedData,
    content: &[u8],
    as_found: Option<(&[u8], &[&str])>,
    cas: &[CertificateDer<'static>],
    now: UnixTime,
    where_: &str,
) {
    v.certificates = cert_count(sd);
    let certs: Vec<&Certificate> = sd
        .certificates
        .iter()
        .flat_map(|s| s.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let mut digests = Digests::new(content, as_found);
    v.skipped_signers = sd.signer_infos.0.len().saturating_sub(MAX_SIGNERS);
    for si in sd.signer_infos.0.iter().take(MAX_SIGNERS) {
        let s = signer(
            si,
            sd,
            &certs,
            &mut digests,
            cas,
            now,
            (&v.senders, v.from_raw.as_deref()),
            where_,
        );
        v.signers.push(s);
    }
    let Some(worst) = v.signers.iter().min_by_key(|s| s.status as u8) else {
        bad(
            v,
            "the signed-data has no SignerInfo: nobody signed it".into(),
        );
        return;
    };
    v.status = worst.status;
    v.reason = worst.reason.clone();
}

#[allow(clippy::too_many_arguments)]
fn signer(
    si: &SignerInfo,
    sd: &SignedData,
    certs: &[&Certificate],
    digests: &mut Digests<'_>,
    cas: &[CertificateDer<'static>],
    now: UnixTime,
    (senders, from_raw): (&[String], Option<&str>),
    where_: &str,
) -> Signer {
    let mut s = Signer {
        subject: None,
        emails: Vec::new(),
        issuer: None,
        serial: None,
        not_before: None,
        not_after: None,
        digest_algorithm: oid_name(&si.digest_alg.oid),
        signature_algorithm: oid_name(&si.signature_algorithm.oid),
        signing_time: None,
        chain: Vec::new(),
        checks: Vec::new(),
        status: Status::Good,
        reason: None,
    };
    let cert = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(isn) => {
            s.issuer = Some(name(&isn.issuer));
            s.serial = Some(hex(isn.serial_number.as_bytes()));
            certs.iter().find(|c| {
                c.tbs_certificate.serial_number == isn.serial_number
                    && c.tbs_certificate.issuer == isn.issuer
            })
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => certs.iter().find(|c| {
            matches!(
                c.tbs_certificate.get::<x509_cert::ext::pkix::SubjectKeyIdentifier>(),
                Ok(Some((_, k))) if k == *ski
            )
        }),
    };
    let Some(cert) = cert else {
        s.status = Status::Bad;
        s.reason = Some(format!(
            "the signer's certificate (issuer {}, serial {}) is not in the signature: it cannot be checked",
            s.issuer.as_deref().unwrap_or("?"),
            s.serial.as_deref().unwrap_or("?")
        ));
        return s;
    };
    let tbs = &cert.tbs_certificate;
    s.subject = Some(name(&tbs.subject));
    s.issuer = Some(name(&tbs.issuer));
    s.serial = Some(hex(tbs.serial_number.as_bytes()));
    s.not_before = Some(time(&tbs.validity.not_before));
    s.not_after = Some(time(&tbs.validity.not_after));
    s.emails = emails(cert);
    let who = format!(
        "certificate {} (serial {})",
        s.subject.as_deref().unwrap_or("?"),
        s.serial.as_deref().unwrap_or("?")
    );
    let cert_der = match cert.to_der() {
        Ok(d) => CertificateDer::from(d),
        Err(e) => {
            s.status = Status::Bad;
            s.reason = Some(format!(
                "{who} does not re-encode: {}",
                crate::event::one_line(&e)
            ));
            return s;
        }
    };

    // 1. The message digest (RFC 5652 §5.4): over the content; with signed attributes it is
    // their messageDigest, and the signature is over the attributes.
    let content = digests.content;
    let Some(computed) = digests.get(0, &si.digest_alg.oid) else {
        s.status = Status::Bad;
        s.reason = Some(format!(
            "digest algorithm {} is not supported (sha-256, sha-384, sha-512, sha-1)",
            s.digest_algorithm
        ));
        return s;
    };
    let signed_msg: std::borrow::Cow<'_, [u8]> = match &si.signed_attrs {
        Some(attrs) => {
            for a in attrs.iter() {
                if a.oid == rfc5911::ID_SIGNING_TIME
                    && let Some(t) = a.values.iter().next()
                    && let Ok(t) = t.to_der().and_then(|d| x509_cert::time::Time::from_der(&d))
                {
                    s.signing_time = Some(time(&t));
                }
            }
            // RFC 5652 §11.1: content-type must be present and equal eContentType.
            let ct = attrs.iter().find(|a| a.oid == rfc5911::ID_CONTENT_TYPE);
            let ct_ok = ct
                .and_then(|a| a.values.iter().next())
                .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
                .is_some_and(|o| o == sd.encap_content_info.econtent_type);
            if !ct_ok {
                s.status = Status::Bad;
                s.reason = Some(format!(
                    "the signed attributes lack a content-type equal to the encapsulated type {} (RFC 5652 §11.1)",
                    sd.encap_content_info.econtent_type
                ));
                return s;
            }
            let md = attrs
                .iter()
                .find(|a| a.oid == rfc5911::ID_MESSAGE_DIGEST)
                .and_then(|a| a.values.iter().next())
                .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok());
            let Some(md) = md else {
                s.status = Status::Bad;
                s.reason =
                    Some("the signed attributes lack a message-digest (RFC 5652 §11.2)".into());
                return s;
            };
            if md.as_bytes() != computed.as_slice() {
                s.checks.push(Check {
                    check: "digest",
                    ok: false,
                    detail: format!(
                        "{} over {where_}: computed {}, signed {}",
                        s.digest_algorithm,
                        hex(&computed),
                        hex(md.as_bytes())
                    ),
                });
                s.status = Status::Bad;
                s.reason = Some(changed(&si.digest_alg.oid, md.as_bytes(), digests, where_));
                return s;
            }
            s.checks.push(Check {
                check: "digest",
                ok: true,
                detail: format!(
                    "{} over {where_} matches the signed message-digest",
                    s.digest_algorithm
                ),
            });
            // RFC 5652 §5.4: the signature is over the DER of the attributes as a SET OF.
            match attrs.to_der() {
                Ok(d) => d.into(),
                Err(e) => {
                    s.status = Status::Bad;
                    s.reason = Some(format!(
                        "the signed attributes do not re-encode: {}",
                        crate::event::one_line(&e)
                    ));
                    return s;
                }
            }
        }
        None => content.into(),
    };

    // 2. The signature value with the certificate's key.
    let ee = match webpki::EndEntityCert::try_from(&cert_der) {
        Ok(ee) => ee,
        Err(e) => {
            s.status = Status::Bad;
            s.reason = Some(format!(
                "{who} cannot be used: {}",
                crate::event::one_line(&format!("{e:?}"))
            ));
            return s;
        }
    };
    let algs = candidates(
        &si.signature_algorithm.oid.to_string(),
        &si.digest_alg.oid.to_string(),
    );
    let mut sig_result: Option<Result<(), webpki::Error>> = None;
    for alg in &algs {
        match ee.verify_signature(*alg, &signed_msg, si.signature.as_bytes()) {
            Err(webpki::Error::UnsupportedSignatureAlgorithmForPublicKeyContext(_)) => continue,
            r => {
                sig_result = Some(r);
                break;
            }
        }
    }
    let alg_text = format!("{} with {}", s.signature_algorithm, s.digest_algorithm);
    match sig_result {
        Some(Ok(())) => s.checks.push(Check {
            check: "signature",
            ok: true,
            detail: format!("{alg_text} by {who}"),
        }),
        Some(Err(e)) => {
            s.checks.push(Check {
                check: "signature",
                ok: false,
                detail: format!(
                    "{alg_text} by {who}: {}",
                    crate::event::one_line(&format!("{e:?}"))
                ),
            });
            s.status = Status::Bad;
            s.reason = Some(format!(
                "the signature value does not verify with {who}'s key ({alg_text}): the signed attributes were changed or another key signed"
            ));
            return s;
        }
        None => {
            s.status = Status::Bad;
            s.reason = Some(format!(
                "{alg_text} with {who}'s key is not supported (RSA PKCS#1 v1.5 and PSS, ECDSA P-256/P-384, Ed25519)"
            ));
            return s;
        }
    }

    // 3. The chain to --ca-file, for email protection, at `now`.
    let anchors: Vec<_> = cas
        .iter()
        .filter_map(|c| webpki::anchor_from_trusted_cert(c).ok())
        .collect();
    let intermediates: Vec<CertificateDer<'static>> = certs
        .iter()
        .filter(|c| !std::ptr::eq(**c, *cert))
        .filter_map(|c| c.to_der().ok().map(CertificateDer::from))
        .collect();
    match ee.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &intermediates,
        now,
        webpki::KeyUsage::required_if_present(EKU_EMAIL),
        None,
        None,
    ) {
        Ok(path) => {
            for c in path.intermediate_certificates() {
                if let Ok(c) = Certificate::from_der(c.der().as_ref()) {
                    s.chain.push(name(&c.tbs_certificate.subject));
                }
            }
            let anchor_subject = path.anchor().subject.as_ref().to_vec();
            let anchor = cas
                .iter()
                .filter_map(|c| Certificate::from_der(c).ok())
                .find(|c| {
                    c.tbs_certificate
                        .subject
                        .to_der()
                        .is_ok_and(|d| d.ends_with(&anchor_subject))
                })
                .map_or("a --ca-file certificate".to_string(), |c| {
                    name(&c.tbs_certificate.subject)
                });
            s.chain.push(anchor);
            s.checks.push(Check {
                check: "chain",
                ok: true,
                detail: format!(
                    "{} → {} (--ca-file), emailProtection allowed, valid now",
                    s.subject.as_deref().unwrap_or("?"),
                    s.chain.join(" → ")
                ),
            });
        }
        Err(e) => {
            let why = chain_error(&e, &s, cas.is_empty());
            s.checks.push(Check {
                check: "chain",
                ok: false,
                detail: why.clone(),
            });
            // Untrusted; the address is still checked below, so both findings show.
            s.status = Status::Untrusted;
            // The chain's failure, if any, stays the reason: it was found first.
            if s.reason.is_none() {
                s.reason = Some(format!("{who}: {why}"));
            }
        }
    }

    // 3b. keyUsage (RFC 8550 §4.4.2).
    if let Some(why) = key_usage_problem(cert) {
        s.checks.push(Check {
            check: "key-usage",
            ok: false,
            detail: why.clone(),
        });
        s.status = Status::Untrusted;
        if s.reason.is_none() {
            s.reason = Some(format!("{who}: {why}"));
        }
    }

    // 4. The address (RFC 8550 §3): every From: mailbox must be one of the certificate's.
    let names = |f: &String| s.emails.iter().any(|e| e.eq_ignore_ascii_case(f));
    let why = match senders.iter().find(|f| !names(f)) {
        _ if senders.is_empty() => Some(format!(
            "the sender could not be read from From: ({}): the signature is not tied to the sender",
            from_raw.map_or("no From: header".into(), crate::event::clean)
        )),
        Some(f) => {
            let has = if s.emails.is_empty() {
                "no email address".to_string()
            } else {
                s.emails.join(", ")
            };
            Some(format!(
                "From: {f}, but the certificate names {has} (RFC 8550 §3): signed by someone else's certificate"
            ))
        }
        None => None,
    };
    match why {
        None => s.checks.push(Check {
            check: "address",
            ok: true,
            detail: format!("From: {} is in the certificate", senders.join(", ")),
        }),
        Some(why) => {
            s.checks.push(Check {
                check: "address",
                ok: false,
                detail: why.clone(),
            });
            s.status = Status::Untrusted;
            // The chain's failure, if any, stays the reason: it was found first.
            if s.reason.is_none() {
                s.reason = Some(format!("{who}: {why}"));
            }
        }
    }
    s
}

/// RFC 8550 §4.4.2: when keyUsage is present, a signing certificate has digitalSignature or
/// nonRepudiation; one restricted to encipherment signs nothing.
fn key_usage_problem(cert: &Certificate) -> Option<String> {
    match cert.tbs_certificate.get::<x509_cert::ext::pkix::KeyUsage>() {
        Ok(Some((_, ku))) if !ku.digital_signature() && !ku.non_repudiation() => Some(
            "its keyUsage has neither digitalSignature nor nonRepudiation (RFC 8550 §4.4.2): \
             the certificate is not for signing"
                .into(),
        ),
        Ok(_) => None,
        Err(e) => Some(format!(
            "its keyUsage extension cannot be read: {}",
            crate::event::one_line(&e)
        )),
    }
}

/// Why a chain did not verify, in words.
fn chain_error(e: &webpki::Error, s: &Signer, no_ca: bool) -> String {
    use webpki::Error as E;
    match e {
        E::UnknownIssuer if no_ca => "no --ca-file certificate to check the chain against".into(),
        E::UnknownIssuer => format!(
            "the chain does not reach any --ca-file certificate (issued by {})",
            s.issuer.as_deref().unwrap_or("?")
        ),
        E::CertExpired { .. } => format!(
            "a certificate of the chain expired (the signer's is valid {} to {}; checked now{})",
            s.not_before.as_deref().unwrap_or("?"),
            s.not_after.as_deref().unwrap_or("?"),
            s.signing_time
                .as_deref()
                .map_or(String::new(), |t| format!(", the signer claims it signed at {t}"))
        ),
        E::CertNotValidYet { .. } => format!(
            "a certificate of the chain is not valid yet (the signer's from {})",
            s.not_before.as_deref().unwrap_or("?")
        ),
        E::RequiredEkuNotFoundContext(_) => {
            "a certificate of the chain has an extended key usage without emailProtection (RFC 8550 §4.4.4)".into()
        }
        E::InvalidSignatureForPublicKey => {
            "a certificate's signature in the chain does not verify with its issuer's key".into()
        }
        E::CaUsedAsEndEntity => "the signer's certificate is a CA certificate".into(),
        other => format!("the chain does not verify: {other:?}"),
    }
}

/// What changed, when the signed digest does not match: the same content with other line
/// ends, or else the content itself.
fn changed(
    alg: &ObjectIdentifier,
    signed: &[u8],
    digests: &mut Digests<'_>,
    where_: &str,
) -> String {
    let signed_is = |d: Option<Vec<u8>>| d.is_some_and(|d| d == signed);
    if signed_is(digests.get(1, alg)) {
        return format!(
            "{where_}: line endings were changed in transit, or the signer hashed bare LF lines: the digest matches the LF form, not the canonical CRLF form (RFC 8551 §3.1.1)"
        );
    }
    let as_found = digests.as_found;
    if let Some((raw, _)) = as_found
        && raw != digests.content
        && signed_is(digests.get(2, alg))
    {
        return format!(
            "{where_}: the signer hashed the part without canonical CRLF line ends (RFC 8551 §3.1.1)"
        );
    }
    let mut why = format!("{where_} changed after it was signed: its digest is not the signed one");
    if let Some((_, hints)) = as_found
        && !hints.is_empty()
    {
        why.push_str(&format!(
            " (the part has what transports alter: {}; see `mailctl mime show`)",
            hints.join(", ")
        ));
    }
    why
}

fn recipients(ed: &EnvelopedData) -> Vec<Recipient> {
    let mut out = Vec::new();
    let rid = |r: &RecipientIdentifier| match r {
        RecipientIdentifier::IssuerAndSerialNumber(i) => (
            Some(name(&i.issuer)),
            Some(hex(i.serial_number.as_bytes())),
            None,
        ),
        RecipientIdentifier::SubjectKeyIdentifier(k) => (None, None, Some(hex(k.0.as_bytes()))),
    };
    for ri in ed.recip_infos.0.iter() {
        match ri {
            RecipientInfo::Ktri(k) => {
                let (issuer, serial, key_id) = rid(&k.rid);
                out.push(Recipient {
                    kind: "key-transport",
                    issuer,
                    serial,
                    key_id,
                    key_encryption: oid_name(&k.key_enc_alg.oid),
                });
            }
            RecipientInfo::Kari(k) => {
                for rek in k.recipient_enc_keys.iter() {
                    let (issuer, serial, key_id) = match &rek.rid {
                        KeyAgreeRecipientIdentifier::IssuerAndSerialNumber(i) => (
                            Some(name(&i.issuer)),
                            Some(hex(i.serial_number.as_bytes())),
                            None,
                        ),
                        KeyAgreeRecipientIdentifier::RKeyId(r) => {
                            (None, None, Some(hex(r.subject_key_identifier.0.as_bytes())))
                        }
                    };
                    out.push(Recipient {
                        kind: "key-agreement",
                        issuer,
                        serial,
                        key_id,
                        key_encryption: oid_name(&k.key_enc_alg.oid),
                    });
                }
            }
            RecipientInfo::Kekri(k) => out.push(Recipient {
                kind: "kek",
                issuer: None,
                serial: None,
                key_id: Some(hex(k.kek_id.kek_identifier.as_bytes())),
                key_encryption: oid_name(&k.key_enc_alg.oid),
            }),
            RecipientInfo::Pwri(p) => out.push(Recipient {
                kind: "password",
                issuer: None,
                serial: None,
                key_id: None,
                key_encryption: oid_name(&p.key_enc_alg.oid),
            }),
            RecipientInfo::Ori(o) => out.push(Recipient {
                kind: "other",
                issuer: None,
                serial: None,
                key_id: None,
                key_encryption: o.ori_type.to_string(),
            }),
        }
    }
    out
}

/// Parse a CMS ContentInfo as `smime verify` does, for the fuzz target: any input gives a
/// result or an error, never a panic.
#[cfg(feature = "fuzz")]
pub(crate) fn parse_cms(der: &[u8]) -> usize {
    let Ok(ci) = ContentInfo::from_der(der) else {
        return 0;
    };
    if let Ok(sd) = ci.content.decode_as::<SignedData>() {
        return sd.signer_infos.0.len() + cert_count(&sd);
    }
    if let Ok(ed) = ci.content.decode_as::<EnvelopedData>() {
        return recipients(&ed).len();
    }
    0
}

#[cfg(test)]
mod tests;
