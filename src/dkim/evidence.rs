//! Experiments on a signature that does not verify, to name what diverged instead of guessing:
//! an added header instance, another signer's key or hash (the PKCS#1 block, RFC 8017 §9.2),
//! a footer appended to the body, whitespace-only changes.

use super::canon::{self, Canon, Field};
use super::diagnose::{self, CountDiff};
use super::hash::{crypto_verify, header_input_without};
use super::signature::{Algo, Signature};

/// Experiments on a header signature that does not verify (the body hash matched), to name
/// what diverged rather than guess: leave out each instance of a field that occurs more often
/// than signed (if the signature then verifies, that instance was added); open an RSA signature
/// with the key to tell "not the signer's key" from "content changed"; note fields that look
/// rewritten by a list.
pub(crate) fn header_evidence(
    sig: &Signature,
    fields: &[Field],
    hc: Canon,
    algo: Algo,
    public: &[u8],
    diffs: &[CountDiff],
) -> diagnose::HeaderEvidence {
    let mut ev = diagnose::HeaderEvidence {
        simple: hc == Canon::Simple,
        ..Default::default()
    };
    // At most 16 extra verifications per failed signature, whatever the message holds.
    let mut tries = 16;
    'added: for d in diffs.iter().filter(|d| d.present > d.signed) {
        for (i, f) in fields.iter().enumerate().rev() {
            if !f.is(&d.name) || i == sig.field {
                continue;
            }
            if tries == 0 {
                break 'added;
            }
            tries -= 1;
            let input = header_input_without(fields, sig, hc, Some(i));
            if crypto_verify(algo, public, &input, &sig.b) {
                ev.added = Some((String::from_utf8_lossy(f.name).into_owned(), i + 1));
                break 'added;
            }
        }
    }
    if algo.key_type() == "rsa" {
        match rsa_digest_info(public, &sig.b) {
            None => {}
            Some(None) => ev.key_matches = Some(false),
            Some(Some(hash)) => {
                ev.key_matches = Some(true);
                if hash != algo.hash_name() {
                    ev.other_hash = Some(hash);
                }
            }
        }
    }
    let signed = |n: &str| sig.h.iter().any(|h| h == n);
    let value = |n: &str| {
        fields.iter().rev().find(|f| f.is(n)).map(|f| {
            let mut v = Vec::new();
            canon::relaxed_header(b"", f.value(), false, &mut v);
            String::from_utf8_lossy(v.get(1..).unwrap_or_default()).into_owned()
        })
    };
    if signed("subject")
        && let Some(v) = value("subject")
        && v.starts_with('[')
    {
        ev.looks_rewritten.push(format!(
            "Subject starts with a [tag], as mailing lists add: likely rewritten ({v:?})"
        ));
    }
    if signed("from")
        && let Some(v) = value("from")
        && v.to_ascii_lowercase().contains(" via ")
    {
        ev.looks_rewritten.push(format!(
            "From says \"via\", as lists rewrite it for DMARC: likely rewritten ({v:?})"
        ));
    }
    ev
}

/// DigestInfo prefixes (RFC 8017 §9.2 note 1): the DER before the hash in a PKCS#1 v1.5 block.
const DIGEST_INFO: [(&str, &[u8]); 2] = [
    (
        "sha256",
        &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
    ),
    (
        "sha1",
        &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
    ),
];

/// Open an RSA signature with the public key (s^e mod n, RFC 8017 §5.2.2) and read the PKCS#1
/// v1.5 block (§9.2): `Some(Some(hash))` names the hash it was made with, `Some(None)` means
/// the block is not well formed (another key made the signature), `None` that we cannot tell
/// (an unusual key: no modulus, or a public exponent over 64 bits that would cost seconds).
fn rsa_digest_info(public: &[u8], b: &[u8]) -> Option<Option<&'static str>> {
    use rsa::BigUint;
    use rsa::pkcs1::der::Decode;
    let key = rsa::pkcs1::RsaPublicKey::from_der(public).ok()?;
    let n = BigUint::from_bytes_be(key.modulus.as_bytes());
    let e = BigUint::from_bytes_be(key.public_exponent.as_bytes());
    if n.bits() < 512 || e.bits() > 64 {
        return None;
    }
    let k = n.bits().div_ceil(8);
    let s = BigUint::from_bytes_be(b);
    if b.len() != k || s >= n {
        return Some(None);
    }
    Some(pkcs1_hash(&s.modpow(&e, &n).to_bytes_be(), k))
}

/// The hash named by a PKCS#1 v1.5 signature block `m` (leading zero byte dropped) of a `k`-byte
/// key, or `None` if it is not one.
fn pkcs1_hash(m: &[u8], k: usize) -> Option<&'static str> {
    // EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || T; to_bytes_be drops the 0x00.
    let em = m.strip_prefix(&[0x01])?;
    let ff = em.iter().take_while(|&&x| x == 0xff).count();
    let t = em.get(ff..)?.strip_prefix(&[0x00])?;
    if ff < 8 || m.len() + 1 != k {
        return None;
    }
    DIGEST_INFO.iter().find_map(|(name, prefix)| {
        let hash = t.strip_prefix(*prefix)?;
        (hash.len() == if *name == "sha1" { 20 } else { 32 }).then_some(*name)
    })
}

/// Experiments on a body hash that does not match, to name what diverged: text appended after
/// the signed body (a prefix of the canonical body, at a line boundary, matches `bh`), or only
/// whitespace changed (under c=…/simple, the relaxed body matches).
pub(crate) fn body_divergence(
    algo: Algo,
    bc: Canon,
    body: &[u8],
    cbody: &[u8],
    bh: &[u8],
    l: Option<u64>,
) -> Option<String> {
    let alg = match algo {
        Algo::RsaSha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        _ => &ring::digest::SHA256,
    };
    if l.is_none() {
        let mut ctx = ring::digest::Context::new(alg);
        let mut len = 0;
        // One running hash; a copy is finished at each line end (bounded: 100,000 lines).
        for line in cbody.split_inclusive(|&b| b == b'\n').take(100_000) {
            if ctx.clone().finish().as_ref() == bh && len > 0 {
                return Some(format!(
                    "the first {len} bytes match the signed body hash: the last {} bytes were \
                     appended after signing (a mailing-list footer or disclaimer?)",
                    cbody.len() - len
                ));
            }
            ctx.update(line);
            len += line.len();
        }
    }
    if bc == Canon::Simple {
        let relaxed = canon::body(Canon::Relaxed, body);
        let relaxed = match l {
            Some(l) => &relaxed[..(l as usize).min(relaxed.len())],
            None => &relaxed[..],
        };
        if algo.digest(relaxed) == bh {
            return Some(
                "only whitespace changed (trailing blanks or runs of spaces): the body still \
                 matches under relaxed canonicalization, which c=…/simple does not allow"
                    .into(),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs1_blocks() {
        // 0x01 || 0xff… || 0x00 || DigestInfo(sha256) || 32-byte hash, in a 128-byte key.
        let block = |prefix: &[u8], hash_len: usize, ff: usize| {
            let mut m = vec![0x01];
            m.extend(std::iter::repeat_n(0xff, ff));
            m.push(0);
            m.extend_from_slice(prefix);
            m.extend(std::iter::repeat_n(0xab, hash_len));
            m
        };
        let (sha256, sha1) = (DIGEST_INFO[0].1, DIGEST_INFO[1].1);
        let m = block(sha256, 32, 127 - 3 - 19 - 32 + 1);
        assert_eq!(pkcs1_hash(&m, 128), Some("sha256"));
        let m = block(sha1, 20, 127 - 3 - 15 - 20 + 1);
        assert_eq!(pkcs1_hash(&m, 128), Some("sha1"));
        // Too short a padding, a wrong length, random bytes: not a block.
        assert_eq!(pkcs1_hash(&block(sha256, 32, 7), 2 + 7 + 19 + 32), None);
        assert_eq!(pkcs1_hash(&block(sha256, 32, 74), 129), None);
        assert_eq!(pkcs1_hash(&[0x5a; 127], 128), None);
    }

    #[test]
    fn body_divergence_experiments() {
        let sha = |b: &[u8]| Algo::RsaSha256.digest(b);
        let orig = b"Hello Bob,\r\nthe numbers are in.\r\n";
        let bh = sha(&canon::body(Canon::Simple, orig));
        // Only trailing blanks added: under relaxed it still matches.
        let ws = b"Hello Bob,  \r\nthe numbers are in.\t\r\n";
        let cws = canon::body(Canon::Simple, ws);
        let f = body_divergence(Algo::RsaSha256, Canon::Simple, ws, &cws, &bh, None).unwrap();
        assert!(f.contains("only whitespace changed"), "{f}");
        // A footer appended: a prefix of the canonical body matches.
        let foot = b"Hello Bob,\r\nthe numbers are in.\r\n-- \r\nfooter\r\n";
        let cf = canon::body(Canon::Relaxed, foot);
        let bh = sha(&canon::body(Canon::Relaxed, orig));
        let f = body_divergence(Algo::RsaSha256, Canon::Relaxed, foot, &cf, &bh, None).unwrap();
        assert!(f.contains("the first 33 bytes match"), "{f}");
        assert!(f.contains("the last 12 bytes were appended"), "{f}");
        // A word changed: no experiment claims anything.
        let edit = b"Hello Bob,\r\nthe numbers are out.\r\n";
        let ce = canon::body(Canon::Relaxed, edit);
        assert_eq!(
            body_divergence(Algo::RsaSha256, Canon::Relaxed, edit, &ce, &bh, None),
            None
        );
    }
}
