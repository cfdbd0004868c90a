//! The hash inputs (RFC 6376 §3.7): the header fields `h=` selects, canonicalized, then the
//! signature field with its `b=` value emptied; and the signature check over them (RSA
//! PKCS#1 v1.5, RFC 8301; Ed25519 over the input's SHA-256, RFC 8463 §3).

use super::canon::{self, Canon, Field};
use super::signature::{Algo, Signature};
use ring::signature::{self, UnparsedPublicKey};

/// The header hash input (RFC 6376 §5.4.2, §3.7): the `h=` fields selected bottom-up, each
/// canonicalized with CRLF, then the DKIM-Signature itself with the b= value emptied and no
/// final CRLF.
pub(crate) fn header_hash_input(fields: &[Field], sig: &Signature, c: Canon) -> Vec<u8> {
    header_input_without(fields, sig, c, None)
}

/// [`header_hash_input`] as if the field at index `skip` were not there (the diagnosis tries
/// leaving out an instance that may have been added after signing).
pub(crate) fn header_input_without(
    fields: &[Field],
    sig: &Signature,
    c: Canon,
    skip: Option<usize>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut used = vec![false; fields.len()];
    if let Some(i) = skip {
        used[i] = true;
    }
    for name in &sig.h {
        if let Some(i) = (0..fields.len())
            .rev()
            .find(|&i| !used[i] && fields[i].is(name))
        {
            used[i] = true;
            canon::header(c, &fields[i], &mut out);
        }
    }
    let f = &fields[sig.field];
    let stripped = strip_b_value(f.raw);
    let stripped = stripped.strip_suffix(b"\r\n").unwrap_or(&stripped);
    match c {
        Canon::Simple => out.extend_from_slice(stripped),
        Canon::Relaxed => {
            let colon = stripped.iter().position(|&b| b == b':').unwrap_or(0);
            canon::relaxed_header(f.name, &stripped[colon + 1..], false, &mut out);
        }
    }
    out
}

/// The field with the value of its `b=` tag removed (RFC 6376 §3.5 b=, §3.7): everything
/// between `b=` and the next `;` (or the end), `bh=` untouched.
pub(crate) fn strip_b_value(raw: &[u8]) -> Vec<u8> {
    let colon = raw.iter().position(|&b| b == b':').map_or(0, |i| i + 1);
    let mut out = raw[..colon].to_vec();
    let value = &raw[colon..];
    let crlf_end = value.ends_with(b"\r\n");
    let value = value.strip_suffix(b"\r\n").unwrap_or(value);
    let mut first = true;
    for seg in value.split(|&b| b == b';') {
        if !first {
            out.push(b';');
        }
        first = false;
        let name_ok = seg.iter().position(|&b| b == b'=').map(|eq| {
            let n: Vec<u8> = seg[..eq]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            (n == b"b", eq)
        });
        match name_ok {
            Some((true, eq)) => out.extend_from_slice(&seg[..=eq]),
            _ => out.extend_from_slice(seg),
        }
    }
    if crlf_end {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The signature `b` over `input` with the key (Ed25519 signs the input's SHA-256, RFC 8463 §3).
pub(crate) fn crypto_verify(algo: Algo, public: &[u8], input: &[u8], b: &[u8]) -> bool {
    match algo {
        Algo::Ed25519Sha256 => UnparsedPublicKey::new(&signature::ED25519, public)
            .verify(&algo.digest(input), b)
            .is_ok(),
        Algo::RsaSha256 => UnparsedPublicKey::new(
            &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            public,
        )
        .verify(input, b)
        .is_ok(),
        Algo::RsaSha1 => UnparsedPublicKey::new(
            &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            public,
        )
        .verify(input, b)
        .is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_value_is_emptied_but_not_bh() {
        let f = b"DKIM-Signature: v=1; bh=abc=;\r\n b=ZZZ\r\n  YYY; d=x\r\n";
        assert_eq!(
            strip_b_value(f),
            b"DKIM-Signature: v=1; bh=abc=;\r\n b=; d=x\r\n".to_vec()
        );
    }
}
