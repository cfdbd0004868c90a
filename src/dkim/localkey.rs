//! Keys given on the command line (`--key SELECTOR._domainkey.DOMAIN=FILE`) instead of DNS, to
//! verify before publishing: a PEM public key or the TXT record text, turned into the key record
//! (RFC 6376 §3.6.1) that DNS would have served.

use super::keys::KeyFetch;
use crate::dns::dkimkey::parse_dkim_key;
use crate::error::Failure;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::path::Path;
use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo};

/// rsaEncryption (RFC 8017 A.1) and Ed25519 (RFC 8410 §3).
const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_ED25519: &str = "1.3.101.112";

/// Read `path` and build the key as if `name` had been looked up and answered with it.
pub(crate) fn load(name: &str, path: &Path) -> Result<KeyFetch, Failure> {
    let shown = path.display();
    let raw = std::fs::read(path).map_err(|e| Failure::local_io(format!("--key {shown}: {e}")))?;
    let text = String::from_utf8_lossy(&raw);
    let record =
        record_from_text(&text).map_err(|e| Failure::usage(format!("--key {shown}: {e}")))?;
    Ok(KeyFetch::from_file(
        name.to_string(),
        record,
        path.display().to_string(),
    ))
}

/// The DKIM key record for a file's text: PEM (`PUBLIC KEY` = SubjectPublicKeyInfo, or
/// `RSA PUBLIC KEY` = PKCS#1) or the record itself, possibly as zone-file quoted strings.
pub(crate) fn record_from_text(text: &str) -> Result<String, String> {
    if let Some((label, der)) = pem(text)? {
        return match label.as_str() {
            "PUBLIC KEY" => from_spki(&der),
            // PKCS#1 is wrapped into a SubjectPublicKeyInfo, the form DNS records carry.
            "RSA PUBLIC KEY" => from_spki(&rsa_spki(&der)),
            l if l.contains("PRIVATE KEY") => Err(format!(
                "holds a {l}: give the public key (openssl pkey -in KEY.pem -pubout)"
            )),
            l => Err(format!("holds a PEM {l}, not a PUBLIC KEY")),
        };
    }
    let record = if text.contains('"') {
        quoted_strings(text)?
    } else {
        text.trim().to_string()
    };
    match parse_dkim_key(&record) {
        (Some(_), _) => Ok(record),
        // A repeated tag: the record is invalid as a whole (RFC 6376 §3.2); say so, not "no p=".
        (None, f) if f.iter().any(|f| f.code == "dkim-duplicate-tag") => Err(f
            .into_iter()
            .map(|f| f.message)
            .collect::<Vec<_>>()
            .join("; ")),
        (None, _) => Err(
            "is neither a PEM public key nor a DKIM key record (no p= tag, RFC 6376 §3.6.1)".into(),
        ),
    }
}

/// The first PEM block: its label and DER; `None` when the text has no BEGIN line.
fn pem(text: &str) -> Result<Option<(String, Vec<u8>)>, String> {
    let Some(start) = text.find("-----BEGIN ") else {
        return Ok(None);
    };
    let rest = &text[start + 11..];
    let Some(end_label) = rest.find("-----") else {
        return Err("has a PEM BEGIN line without its closing dashes".into());
    };
    let label = rest[..end_label].to_string();
    let body = &rest[end_label + 5..];
    let end = format!("-----END {label}-----");
    let Some(stop) = body.find(&end) else {
        return Err(format!("has no \"{end}\" line"));
    };
    let b64: String = body[..stop]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let der = STANDARD
        .decode(b64)
        .map_err(|e| format!("PEM {label} is not valid base64 ({e})"))?;
    Ok(Some((label, der)))
}

fn from_spki(der: &[u8]) -> Result<String, String> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(der)
        .map_err(|_| "PUBLIC KEY is not a DER SubjectPublicKeyInfo".to_string())?;
    match spki.algorithm.algorithm.to_id_string().as_str() {
        OID_RSA => Ok(format!("v=DKIM1; k=rsa; p={}", STANDARD.encode(der))),
        // Ed25519 keys are published raw, 32 bytes (RFC 8463 §4.2).
        OID_ED25519 => Ok(format!(
            "v=DKIM1; k=ed25519; p={}",
            STANDARD.encode(&spki.subject_public_key.data)
        )),
        oid => Err(format!(
            "PUBLIC KEY is of algorithm {oid}: DKIM keys are RSA or Ed25519 (RFC 6376 §3.6.1, \
             RFC 8463)"
        )),
    }
}

/// DER length octets.
fn der_len(n: usize, out: &mut Vec<u8>) {
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
}

/// SubjectPublicKeyInfo { AlgorithmIdentifier { rsaEncryption, NULL }, BIT STRING { pkcs1 } }.
fn rsa_spki(pkcs1: &[u8]) -> Vec<u8> {
    const ALG: [u8; 15] = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let mut bits = vec![0x03];
    der_len(pkcs1.len() + 1, &mut bits);
    bits.push(0);
    bits.extend_from_slice(pkcs1);
    let mut out = vec![0x30];
    der_len(ALG.len() + bits.len(), &mut out);
    out.extend_from_slice(&ALG);
    out.extend(bits);
    out
}

/// The contents of every `"…"` string in a zone-file TXT line, joined (RFC 6376 §3.6.2.2: a
/// record's strings are concatenated); `\"` and `\\` unescaped.
fn quoted_strings(text: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = text.chars();
    let mut inside = false;
    while let Some(c) = chars.next() {
        match (inside, c) {
            (false, '"') => inside = true,
            (true, '"') => inside = false,
            (true, '\\') => out.extend(chars.next()),
            (true, c) => out.push(c),
            _ => {}
        }
    }
    if inside {
        return Err("has an unterminated quoted string".into());
    }
    Ok(out)
}

/// `SELECTOR._domainkey.DOMAIN=FILE` as given to `--key`: the key name (lowercase) and file.
pub(crate) fn parse_arg(arg: &str) -> Result<(String, std::path::PathBuf), String> {
    let Some((name, file)) = arg.split_once('=') else {
        return Err(format!(
            "--key {arg:?}: expected SELECTOR._domainkey.DOMAIN=FILE"
        ));
    };
    let name = name.trim().trim_end_matches('.');
    // As signatures' names are looked up: U-labels as A-labels (RFC 8616 §4), lowercase.
    let name = super::signature::ascii_name(name)
        .unwrap_or_else(|| name.to_string())
        .to_ascii_lowercase();
    let ok = name.split_once("._domainkey.").is_some_and(|(s, d)| {
        super::signature::valid_selector(s) && super::signature::valid_domain(d)
    });
    if !ok {
        return Err(format!(
            "--key {arg:?}: {name:?} is not SELECTOR._domainkey.DOMAIN (the name a signature's \
             s= and d= point to, RFC 6376 §3.6.2.1)"
        ));
    }
    if file.is_empty() {
        return Err(format!("--key {arg:?}: no file after ="));
    }
    Ok((name, file.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // openssl genpkey -algorithm ed25519 | openssl pkey -pubout
    const ED_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAF0pj0FcuUYsIlhVEG1UkB/wp4qyf/prCooWtf+VXXsw=\n-----END PUBLIC KEY-----\n";
    // The 1024-bit key of dns::dkimkey's tests, as SPKI and as PKCS#1.
    const RSA_SPKI: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5ErHp4JW8iiEOzoW/nTARyUtpXuXYfFZiDkwz7ulESJ7+Sjz35acbFZiOx5S8vRg5l5ojlkXZtoCGcvAmmBG8SEe83aqrQlwFP2sRLSHiKQRbSPHOgObnhSecrL//n35Dx/OnhJK58GQ/F0+2cYwq2mKFg46f/TgjLlTBahg01wIDAQAB";
    const RSA_PKCS1: &str = "MIGJAoGBALkSsenglbyKIQ7Ohb+dMBHJS2le5dh8VmIOTDPu6URInv5KPPflpxsVmI7HlLy9GDmXmiOWRdm2gIZy8CaYEbxIR7zdqqtCXAU/axEtIeIpBFtI8c6A5ueFJ5ysv/+ffkPH86eEkrnwZD8XT7ZxjCraYoWDjp/9OCMuVMFqGDTXAgMBAAE=";

    #[test]
    fn pem_and_records() {
        assert_eq!(
            record_from_text(ED_PEM).unwrap(),
            "v=DKIM1; k=ed25519; p=F0pj0FcuUYsIlhVEG1UkB/wp4qyf/prCooWtf+VXXsw="
        );
        let spki = format!("-----BEGIN PUBLIC KEY-----\n{RSA_SPKI}\n-----END PUBLIC KEY-----\n");
        let want = format!("v=DKIM1; k=rsa; p={RSA_SPKI}");
        assert_eq!(record_from_text(&spki).unwrap(), want);
        // PKCS#1 becomes the same SubjectPublicKeyInfo.
        let pkcs1 =
            format!("-----BEGIN RSA PUBLIC KEY-----\n{RSA_PKCS1}\n-----END RSA PUBLIC KEY-----\n");
        assert_eq!(record_from_text(&pkcs1).unwrap(), want);
        // The record, bare or as zone-file strings.
        assert_eq!(record_from_text(&format!(" {want}\n")).unwrap(), want);
        let (a, b) = want.split_at(40);
        let zone = format!("sel._domainkey IN TXT ( \"{a}\"\n  \"{b}\" )\n");
        assert_eq!(record_from_text(&zone).unwrap(), want);
        // Private keys and non-keys are refused with a reason.
        let e = record_from_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .unwrap_err();
        assert!(e.contains("-pubout"), "{e}");
        assert!(record_from_text("hello").unwrap_err().contains("no p="));
        // A repeated tag: refused as an invalid tag-list (RFC 6376 §3.2), not as "no p=".
        let e = record_from_text(&format!("{want}; k=rsa")).unwrap_err();
        assert!(e.contains("k= appears more than once"), "{e}");
    }

    #[test]
    fn key_args() {
        assert_eq!(
            parse_arg("S1._domainkey.Example.com=k.pem").unwrap(),
            ("s1._domainkey.example.com".into(), "k.pem".into())
        );
        for bad in [
            "k.pem",
            "example.com=k.pem",
            "._domainkey.x.test=k",
            "s._domainkey.x.test=",
        ] {
            assert!(parse_arg(bad).is_err(), "{bad}");
        }
    }
}
