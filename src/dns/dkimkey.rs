//! DKIM public key records at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1), with the key
//! strength rules of RFC 8301 and Ed25519 keys of RFC 8463.

use super::finding::Finding;
use super::policy::{is_wsp, preview, trim_wsp};
use super::taglist::{self, Duplicate, Names};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Serialize;
use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo};
use x509_parser::public_key::{PublicKey, RSAPublicKey};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DkimKey {
    /// `v=` as written, if present.
    pub version: Option<String>,
    /// `rsa` | `ed25519` | `unknown` (from `k=`, default rsa).
    pub key_type: String,
    /// Key size: the RSA modulus length, 256 for Ed25519; `None` if revoked or unparseable.
    pub bits: Option<u32>,
    /// Acceptable hash algorithms (`h=`, lowercased); empty means all.
    pub hash: Vec<String>,
    /// Flags (`t=`): `y` testing, `s` no subdomains.
    pub flags: Vec<String>,
    /// Service types (`s=`); empty means `*`.
    pub service: Vec<String>,
    /// `n=` notes.
    pub notes: Option<String>,
    /// `p=` is empty: the key has been revoked.
    pub revoked: bool,
}

/// base64 as in RFC 6376 §2.4 with FWS already removed; padding tolerated either way.
const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Bit length of a big-endian unsigned integer (DER integers may carry a leading zero byte).
fn bit_length(be: &[u8]) -> u32 {
    let digits = match be.iter().position(|&b| b != 0) {
        Some(i) => &be[i..],
        None => return 0,
    };
    (digits.len() as u32 - 1) * 8 + (8 - digits[0].leading_zeros())
}

fn colon_list(value: &str) -> Vec<String> {
    value
        .split(':')
        .map(trim_wsp)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The RSA modulus size of `der`: a SubjectPublicKeyInfo (what everyone publishes), or a bare
/// RSAPublicKey (what RFC 6376 §3.6.1 literally says; erratum 3017). `Err` says what is wrong.
fn rsa_bits(der: &[u8], out: &mut Vec<Finding>) -> Result<u32, String> {
    if let Ok((_, spki)) = SubjectPublicKeyInfo::from_der(der) {
        return match spki.parsed() {
            Ok(PublicKey::RSA(rsa)) => Ok(bit_length(rsa.modulus)),
            _ if spki.algorithm.algorithm.to_id_string() == "1.3.101.112" => Err(
                "p= holds an Ed25519 SubjectPublicKeyInfo but k= says rsa; Ed25519 keys need \
                 k=ed25519 and the raw 32-byte key (RFC 8463 §4.2)"
                    .into(),
            ),
            _ => Err(format!(
                "p= holds a {} key, not RSA",
                spki.algorithm.algorithm.to_id_string()
            )),
        };
    }
    match RSAPublicKey::from_der(der) {
        Ok((_, rsa)) => {
            out.push(Finding::warning(
                "dkim-pkcs1-key",
                "p= is a bare RSAPublicKey: RFC 6376 §3.6.1 allows it, but many verifiers \
                 (OpenDKIM, dkimpy, go-msgauth) only accept the SubjectPublicKeyInfo form \
                 (\"MIIB…\"/\"MIGf…\") that key generators publish",
            ));
            Ok(bit_length(rsa.modulus))
        }
        Err(_) => Err("p= is valid base64 but not a DER RSA public key".into()),
    }
}

/// Parse a DKIM key record (RFC 6376 §3.6.1). `None` when there is no `p=` tag at all (not a
/// key record); a revoked key (`p=` empty) is `Some` with `revoked`.
pub fn parse_dkim_key(txt: &str) -> (Option<DkimKey>, Vec<Finding>) {
    let mut out = Vec::new();
    // One tag-list reading for every record type (dns/taglist.rs). A repeated tag makes the
    // entire list invalid (RFC 6376 §3.2): no key, whatever the first occurrence held.
    let list = match taglist::parse(txt, Names::Exact) {
        Ok(l) => l,
        Err(Duplicate(name)) => {
            out.push(Finding::error(
                "dkim-duplicate-tag",
                format!(
                    "{name}= appears more than once: the whole key record is invalid (RFC 6376 \
                     §3.2)"
                ),
            ));
            return (None, out);
        }
    };
    // RFC 6376 §3.2 allows one empty tag-spec, the trailing ";". A DNS record with `;;` is
    // still used (verifiers tolerate it), with a warning.
    if list.empty_spec {
        out.push(Finding::warning(
            "dkim-empty-tag",
            "the record has an empty tag (\";;\" or a leading \";\"), which the tag-list \
             grammar does not allow (RFC 6376 §3.2); verifiers usually skip it",
        ));
    }
    // Tag names are case-sensitive (RFC 6376 §3.2).
    let mut tags: Vec<(&str, &str)> = Vec::new();
    for (i, seg) in list.specs.iter().enumerate() {
        let Some(value) = seg.value.filter(|_| seg.well_formed()) else {
            out.push(Finding::error(
                "dkim-malformed-tag",
                format!("{:?} is not name=value (RFC 6376 §3.2)", seg.raw),
            ));
            continue;
        };
        match seg.name {
            "v" if i > 0 => out.push(Finding::warning(
                "dkim-v-not-first",
                "v= must be the first tag (RFC 6376 §3.6.1)",
            )),
            "v" | "h" | "k" | "n" | "p" | "s" | "t" => {}
            other => out.push(Finding::info(
                "dkim-unknown-tag",
                format!("unknown tag {other}= is ignored by verifiers (RFC 6376 §3.6.1)"),
            )),
        }
        tags.push((seg.name, value));
    }
    let get = |n: &str| tags.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);

    let version = get("v").map(str::to_string);
    if let Some(v) = &version
        && v != "DKIM1"
    {
        out.push(Finding::error(
            "dkim-bad-version",
            format!("v={v:?}: must be DKIM1, verifiers discard this record (RFC 6376 §3.6.1)"),
        ));
    }
    let Some(p) = get("p") else {
        out.push(Finding::error(
            "dkim-no-p",
            format!(
                "no p= tag: not a DKIM key record (p= is required, RFC 6376 §3.6.1): {}",
                preview(txt)
            ),
        ));
        return (None, out);
    };

    let k = get("k").unwrap_or("rsa").to_ascii_lowercase();
    let key_type = match k.as_str() {
        "rsa" | "ed25519" => k.clone(),
        _ => {
            out.push(Finding::error(
                "dkim-unknown-k",
                format!("k={k}: unknown key type, verifiers cannot use this key (RFC 6376 §3.6.1)"),
            ));
            "unknown".to_string()
        }
    };

    let hash: Vec<String> = get("h")
        .map(|h| colon_list(&h.to_ascii_lowercase()))
        .unwrap_or_default();
    if get("h").is_some() && !hash.iter().any(|h| h == "sha256") {
        if !hash.is_empty() && hash.iter().all(|h| h == "sha1") {
            out.push(Finding::error(
                "dkim-sha1-only",
                "h=sha1 only: verifiers must not accept rsa-sha1 signatures (RFC 8301 §3.1), \
                 so nothing signed with this key verifies",
            ));
        } else {
            out.push(Finding::error(
                "dkim-no-sha256",
                format!(
                    "h={}: sha256 is not allowed, no usable hash algorithm remains (RFC 8301 §3.1)",
                    get("h").unwrap_or("")
                ),
            ));
        }
    }

    let flags = get("t").map(colon_list).unwrap_or_default();
    if flags.iter().any(|f| f == "y") {
        out.push(Finding::warning(
            "dkim-testing",
            "t=y: the domain is testing DKIM; verifiers must not treat signed mail differently \
             from unsigned mail (RFC 6376 §3.6.1)",
        ));
    }

    let service = get("s").map(colon_list).unwrap_or_default();
    if get("s").is_some() && !service.iter().any(|s| s == "email" || s == "*") {
        out.push(Finding::warning(
            "dkim-service-not-email",
            format!(
                "s={}: the key is not for email (needs email or *), so mail verifiers ignore it \
                 (RFC 6376 §3.6.1)",
                get("s").unwrap_or("")
            ),
        ));
    }

    let notes = get("n").map(str::to_string);
    let compact: String = p.chars().filter(|&c| !is_wsp(c)).collect();
    let revoked = compact.is_empty();
    let mut bits = None;
    if revoked {
        out.push(Finding::error(
            "dkim-revoked",
            "p= is empty: the key has been revoked, signatures with this selector fail \
             (RFC 6376 §3.6.1)",
        ));
    } else {
        match B64.decode(compact.as_bytes()) {
            Err(e) => out.push(Finding::error(
                "dkim-bad-base64",
                format!("p= is not valid base64 ({e}): verifiers cannot use the key"),
            )),
            Ok(der) => match key_type.as_str() {
                "rsa" => match rsa_bits(&der, &mut out) {
                    Ok(n) => bits = Some(n),
                    Err(why) => out.push(Finding::error("dkim-bad-key", why)),
                },
                "ed25519" if der.len() == 32 => bits = Some(256),
                "ed25519" => {
                    let hint = if der.len() == 44 {
                        " (this looks like a SubjectPublicKeyInfo: publish only its last 32 bytes)"
                    } else {
                        ""
                    };
                    out.push(Finding::error(
                        "dkim-bad-key",
                        format!(
                            "p= decodes to {} bytes; an Ed25519 key is the raw 32-byte key \
                             (RFC 8463 §4.2){hint}",
                            der.len()
                        ),
                    ));
                }
                _ => {}
            },
        }
    }
    if key_type == "rsa"
        && let Some(n) = bits
    {
        if n < 1024 {
            out.push(Finding::error(
                "dkim-rsa-too-short",
                format!(
                    "RSA key of {n} bits: verifiers must not accept signatures with keys under \
                     1024 bits (RFC 8301 §3.2)"
                ),
            ));
        } else if n < 2048 {
            out.push(Finding::warning(
                "dkim-rsa-short",
                format!(
                    "RSA key of {n} bits: signers should use at least 2048 bits (RFC 8301 §3.2)"
                ),
            ));
        } else if n > 4096 {
            out.push(Finding::warning(
                "dkim-rsa-long",
                format!(
                    "RSA key of {n} bits: verifiers are only required to handle 1024 to 4096 bits \
                     (RFC 8301 §3.2)"
                ),
            ));
        }
    }

    let key = DkimKey {
        version,
        key_type,
        bits,
        hash,
        flags,
        service,
        notes,
        revoked,
    };
    (Some(key), out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::finding::Severity;

    // Generated with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:N` and
    // `openssl pkey -pubout -outform DER | base64`.
    const RSA2048: &str = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxgMidFRXRcCTdjzXn+Y9I3UVDKJ9vJtNX4KrxXA7NTxKeZZi7kQbu4RMuSkHx94IpZ+P8xJI9PS3RM7Sc8TqlOXq/Y6QNsAkVCX5P1ec3ZH8fzUPeqUO7ht+GfCa/P0THSxyLPKcAZTp1+sW0K7TUdTeduv5S9iFBrgIRimUzOSX1TTGd9fyQ7eIeeRGPcfrRSpglvdNa8mumRFIY1RgicJNoF79CfSs3pM2vQTmzImhalUuOHZDER3UYmp8qUsfos4OqaVjV6PebZEc8szW6+XLuZGDvIBlCtaieD+VFP2DOxXE4zX9WRBdTS5czjgjBaoQ1B7f6mfGtw6KBNTF6wIDAQAB";
    const RSA1024: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5ErHp4JW8iiEOzoW/nTARyUtpXuXYfFZiDkwz7ulESJ7+Sjz35acbFZiOx5S8vRg5l5ojlkXZtoCGcvAmmBG8SEe83aqrQlwFP2sRLSHiKQRbSPHOgObnhSecrL//n35Dx/OnhJK58GQ/F0+2cYwq2mKFg46f/TgjLlTBahg01wIDAQAB";
    const RSA512: &str = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANy9UEtPWqazVmopmCyzDlSFZrxkrgPikb4XguHakQ2E/XthjHtiurqa+e4/jScc6g5HBOQO3adUgoQZlyuvco8CAwEAAQ==";
    // The 1024-bit key above as a bare PKCS#1 RSAPublicKey (`openssl rsa -RSAPublicKey_out`).
    const RSA1024_PKCS1: &str = "MIGJAoGBALkSsenglbyKIQ7Ohb+dMBHJS2le5dh8VmIOTDPu6URInv5KPPflpxsVmI7HlLy9GDmXmiOWRdm2gIZy8CaYEbxIR7zdqqtCXAU/axEtIeIpBFtI8c6A5ueFJ5ysv/+ffkPH86eEkrnwZD8XT7ZxjCraYoWDjp/9OCMuVMFqGDTXAgMBAAE=";
    // Ed25519 (`openssl genpkey -algorithm ed25519`): raw key and its SubjectPublicKeyInfo.
    const ED25519: &str = "F0pj0FcuUYsIlhVEG1UkB/wp4qyf/prCooWtf+VXXsw=";
    const ED25519_SPKI: &str = "MCowBQYDK2VwAyEAF0pj0FcuUYsIlhVEG1UkB/wp4qyf/prCooWtf+VXXsw=";

    fn codes(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn rsa_2048_google_style() {
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=rsa; p={RSA2048}"));
        assert!(f.is_empty(), "{f:?}");
        let k = k.unwrap();
        assert_eq!(
            k,
            DkimKey {
                version: Some("DKIM1".into()),
                key_type: "rsa".into(),
                bits: Some(2048),
                hash: vec![],
                flags: vec![],
                service: vec![],
                notes: None,
                revoked: false,
            }
        );
    }

    #[test]
    fn rsa_split_strings_and_whitespace() {
        // A 2048-bit key is split over two TXT strings; joined, and FWS inside p= is allowed.
        let (a, b) = RSA2048.split_at(200);
        let (k, f) = parse_dkim_key(&format!(" v = DKIM1 ;\th=sha256 ; p = {a} \t{b} ; "));
        assert!(f.is_empty(), "{f:?}");
        let k = k.unwrap();
        assert_eq!(k.bits, Some(2048));
        assert_eq!(k.hash, vec!["sha256"]);
        // No v= and no k=: both optional, rsa is the default.
        let (k, f) = parse_dkim_key(&format!("p={RSA2048}"));
        assert!(f.is_empty(), "{f:?}");
        let k = k.unwrap();
        assert_eq!(
            (k.version, k.key_type.as_str(), k.bits),
            (None, "rsa", Some(2048))
        );
    }

    #[test]
    fn rsa_1024_and_512() {
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=rsa; p={RSA1024}"));
        assert_eq!(k.unwrap().bits, Some(1024));
        assert_eq!(codes(&f), vec!["dkim-rsa-short"]);
        assert_eq!(f[0].severity, Severity::Warning);

        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=rsa; p={RSA512}"));
        assert_eq!(k.unwrap().bits, Some(512));
        assert_eq!(codes(&f), vec!["dkim-rsa-too-short"]);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.starts_with("RSA key of 512 bits"));
    }

    #[test]
    fn empty_tags_are_warned_about_but_the_key_is_used() {
        let (k, f) = parse_dkim_key(&format!("v=DKIM1;; k=rsa; p={RSA2048};"));
        assert_eq!(k.unwrap().bits, Some(2048));
        assert_eq!(codes(&f), vec!["dkim-empty-tag"]);
        let (_, f) = parse_dkim_key(&format!("; v=DKIM1; p={RSA2048}"));
        assert_eq!(codes(&f), vec!["dkim-empty-tag"]);
        // One trailing ";" is grammatical.
        let (_, f) = parse_dkim_key(&format!("v=DKIM1; p={RSA2048};"));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn rsa_bare_pkcs1() {
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; p={RSA1024_PKCS1}"));
        assert_eq!(k.unwrap().bits, Some(1024));
        assert_eq!(codes(&f), vec!["dkim-pkcs1-key", "dkim-rsa-short"]);
    }

    #[test]
    fn ed25519() {
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=ed25519; p={ED25519}"));
        assert!(f.is_empty(), "{f:?}");
        let k = k.unwrap();
        assert_eq!((k.key_type.as_str(), k.bits), ("ed25519", Some(256)));

        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=ed25519; p={ED25519_SPKI}"));
        assert_eq!(k.unwrap().bits, None);
        assert_eq!(codes(&f), vec!["dkim-bad-key"]);
        assert!(f[0].message.contains("44 bytes"));
        assert!(f[0].message.contains("SubjectPublicKeyInfo"));

        // An Ed25519 key published without k=ed25519.
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; p={ED25519_SPKI}"));
        assert_eq!(k.unwrap().bits, None);
        assert_eq!(codes(&f), vec!["dkim-bad-key"]);
        assert!(f[0].message.contains("k=ed25519"));
        let (_, f) = parse_dkim_key(&format!("v=DKIM1; p={ED25519}"));
        assert_eq!(codes(&f), vec!["dkim-bad-key"]);
        assert!(f[0].message.contains("not a DER RSA public key"));
    }

    #[test]
    fn revoked() {
        let (k, f) = parse_dkim_key("v=DKIM1; k=rsa; p=");
        let k = k.unwrap();
        assert!(k.revoked);
        assert_eq!(k.bits, None);
        assert_eq!(codes(&f), vec!["dkim-revoked"]);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("revoked"));
        let (k, _) = parse_dkim_key("v=DKIM1; p= ;");
        assert!(k.unwrap().revoked);
    }

    #[test]
    fn garbage_base64_and_not_a_key() {
        let (k, f) = parse_dkim_key("v=DKIM1; k=rsa; p=MIIB!!notbase64**");
        let k = k.unwrap();
        assert_eq!((k.bits, k.revoked), (None, false));
        assert_eq!(codes(&f), vec!["dkim-bad-base64"]);

        // Valid base64 of something that is not DER.
        let (k, f) = parse_dkim_key("v=DKIM1; p=aGVsbG8gd29ybGQ=");
        assert_eq!(k.unwrap().bits, None);
        assert_eq!(codes(&f), vec!["dkim-bad-key"]);

        let (k, f) = parse_dkim_key("v=spf1 include:_spf.google.com ~all");
        assert!(k.is_none());
        assert_eq!(codes(&f), vec!["dkim-bad-version", "dkim-no-p"]);
        let (k, f) = parse_dkim_key("");
        assert!(k.is_none());
        assert_eq!(codes(&f), vec!["dkim-no-p"]);
    }

    #[test]
    fn tags_and_flags() {
        let (k, f) = parse_dkim_key(&format!(
            "v=DKIM1; h=sha1:sha256; k=rsa; n=rotated 2024; s=email; t=y:s; p={RSA2048}"
        ));
        let k = k.unwrap();
        assert_eq!(k.hash, vec!["sha1", "sha256"]);
        assert_eq!(k.flags, vec!["y", "s"]);
        assert_eq!(k.service, vec!["email"]);
        assert_eq!(k.notes.as_deref(), Some("rotated 2024"));
        assert_eq!(codes(&f), vec!["dkim-testing"]);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn error_paths() {
        let (_, f) = parse_dkim_key(&format!("v=DKIM1; h=sha1; p={RSA2048}"));
        assert_eq!(codes(&f), vec!["dkim-sha1-only"]);
        assert_eq!(f[0].severity, Severity::Error);
        let (_, f) = parse_dkim_key(&format!("v=DKIM1; h=md5; p={RSA2048}"));
        assert_eq!(codes(&f), vec!["dkim-no-sha256"]);

        let (k, f) = parse_dkim_key(&format!("v=DKIM1; k=dsa; p={RSA2048}"));
        let k = k.unwrap();
        assert_eq!((k.key_type.as_str(), k.bits), ("unknown", None));
        assert_eq!(codes(&f), vec!["dkim-unknown-k"]);

        let (k, f) = parse_dkim_key(&format!("v=DKIM2; p={RSA2048}"));
        assert_eq!(k.unwrap().version.as_deref(), Some("DKIM2"));
        assert_eq!(codes(&f), vec!["dkim-bad-version"]);
        let (_, f) = parse_dkim_key(&format!("v=dkim1; p={RSA2048}"));
        assert_eq!(codes(&f), vec!["dkim-bad-version"]);

        let (_, f) = parse_dkim_key(&format!("k=rsa; v=DKIM1; p={RSA2048}"));
        assert_eq!(codes(&f), vec!["dkim-v-not-first"]);

        let (k, f) = parse_dkim_key(&format!("v=DKIM1; s=tlsrpt; p={RSA2048}"));
        assert_eq!(k.unwrap().service, vec!["tlsrpt"]);
        assert_eq!(codes(&f), vec!["dkim-service-not-email"]);
        let (_, f) = parse_dkim_key(&format!("v=DKIM1; s=*; p={RSA2048}"));
        assert!(f.is_empty());

        let (k, f) = parse_dkim_key(&format!("v=DKIM1; p={RSA2048}; x=1; junk"));
        assert_eq!(k.unwrap().bits, Some(2048));
        assert_eq!(codes(&f), vec!["dkim-unknown-tag", "dkim-malformed-tag"]);
        // Tag names are case-sensitive: P= is not p=.
        let (k, f) = parse_dkim_key(&format!("v=DKIM1; P={RSA2048}"));
        assert!(k.is_none());
        assert_eq!(codes(&f), vec!["dkim-unknown-tag", "dkim-no-p"]);
    }

    /// A repeated tag makes the whole record invalid (RFC 6376 §3.2): no key at all, where the
    /// first p= used to be shown as the key while verification refused it.
    #[test]
    fn duplicate_tag_invalidates_the_record() {
        for rec in [
            format!("v=DKIM1; p={RSA2048}; p={RSA512}"),
            format!("v=DKIM1; k=rsa; p={RSA2048}; k=rsa"),
            format!("v=DKIM1; v=DKIM1; p={RSA2048}"),
        ] {
            let (k, f) = parse_dkim_key(&rec);
            assert_eq!(k, None, "{rec}");
            assert_eq!(codes(&f), vec!["dkim-duplicate-tag"], "{rec}");
            assert_eq!(f[0].severity, Severity::Error);
            assert!(
                f[0].message.contains("appears more than once"),
                "{}",
                f[0].message
            );
            assert!(
                f[0].message.contains("whole key record is invalid"),
                "{}",
                f[0].message
            );
        }
    }

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xff]), 9);
        assert_eq!(bit_length(&[0, 0]), 0);
        // A hand-made RSAPublicKey with a 4104-bit modulus (0x00 0x80, then 512 zero bytes).
        let mut modulus = vec![0x00, 0x80];
        modulus.extend(std::iter::repeat_n(0u8, 512));
        let mut body = vec![0x02, 0x82, 0x02, 0x02];
        body.extend(&modulus);
        body.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
        let mut der = vec![0x30, 0x82];
        der.extend((body.len() as u16).to_be_bytes());
        der.extend(body);
        let p = base64::engine::general_purpose::STANDARD.encode(&der);
        let (k, f) = parse_dkim_key(&format!("p={p}"));
        assert_eq!(k.unwrap().bits, Some(4104));
        assert_eq!(codes(&f), vec!["dkim-pkcs1-key", "dkim-rsa-long"]);
    }
}
