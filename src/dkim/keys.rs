//! DKIM public keys (RFC 6376 §3.6): fetched once per `<s>._domainkey.<d>` through our
//! resolver (or read from a `--key` file), then loaded once into a usable key or the reason
//! there is none, shared by every signature and thread that needs it.

use super::report::{KeyInfo, SigResult};
use super::signature::{B64, strip_fws};
use crate::dns::dkimkey::{DkimKey, parse_dkim_key};
use crate::dns::finding::{Finding, Severity};
use crate::dns::taglist::{self, Names};
use crate::dns::{Dns, Negative, RecordType};
use crate::event::Ctx;
use base64::Engine;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// Every fetched key by name (`<s>._domainkey.<d>`), shared by the threads that verify.
pub(crate) type Keys = HashMap<String, Arc<KeyFetch>>;

/// How the key lookup went, as the command fetched it through our resolver.
#[derive(Debug)]
pub(crate) struct KeyFetch {
    /// `<s>._domainkey.<d>`.
    pub name: String,
    /// The TXT records (strings joined), or why there are none.
    pub result: Result<Vec<String>, Negative>,
    /// Time the lookup took.
    pub ms: f64,
    /// Given with `--key` (this file), not looked up.
    pub file: Option<String>,
    /// The record parsed into a key, once, on first use: thousands of messages signed with one
    /// selector share one parse (base64, SPKI, findings) instead of repeating it per signature.
    loaded: OnceLock<Loaded>,
}

/// A key record as loaded: what to report about it, and the key or why it is unusable.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub info: Arc<KeyInfo>,
    pub key: Result<Key, (SigResult, &'static str, String)>,
}

impl KeyFetch {
    pub(crate) fn new(name: String, result: Result<Vec<String>, Negative>, ms: f64) -> Self {
        KeyFetch {
            name,
            result,
            ms,
            file: None,
            loaded: OnceLock::new(),
        }
    }

    /// A key record read from a file (`--key`): no DNS query is made for its name.
    pub(crate) fn from_file(name: String, record: String, file: String) -> Self {
        KeyFetch {
            file: Some(file),
            ..KeyFetch::new(name, Ok(vec![record]), 0.0)
        }
    }

    /// `answer`, `file`, or the negative outcome of the lookup.
    pub(crate) fn outcome(&self) -> &'static str {
        match (&self.file, &self.result) {
            (Some(_), _) => "file",
            (None, Ok(_)) => "answer",
            (None, Err(n)) => n.outcome(),
        }
    }

    pub(crate) fn loaded(&self) -> &Loaded {
        self.loaded.get_or_init(|| {
            let mut info = KeyInfo {
                name: self.name.clone(),
                lookup: self.outcome().into(),
                file: self.file.clone(),
                lookup_ms: (self.ms * 1000.0).round() / 1000.0,
                record: None,
                key_type: None,
                bits: None,
                flags: vec![],
                findings: vec![],
            };
            let key = load_key(self, &mut info);
            Loaded {
                info: Arc::new(info),
                key,
            }
        })
    }
}

/// The key material of one usable record.
#[derive(Debug)]
pub(crate) struct Key {
    pub info: DkimKey,
    /// p= decoded: the RSAPublicKey DER (from an SPKI or bare), or the raw Ed25519 key.
    pub public: Vec<u8>,
}

/// Pick the key record and its findings: the first TXT that is a key record (RFC 6376
/// §3.6.2.2 lets a verifier choose). `Err((code, reason))` when there is no usable key.
fn load_key(
    fetch: &KeyFetch,
    info: &mut KeyInfo,
) -> Result<Key, (SigResult, &'static str, String)> {
    let txts = match &fetch.result {
        Ok(t) => t,
        Err(neg) => {
            return Err(match neg {
                Negative::NxDomain => (
                    SigResult::Permerror,
                    "key-nxdomain",
                    format!(
                        "key not found: {} does not exist (NXDOMAIN) — wrong selector s=, or the \
                         key record was never published or was removed",
                        fetch.name
                    ),
                ),
                Negative::NoData => (
                    SigResult::Permerror,
                    "key-no-txt",
                    format!(
                        "key not found: {} exists but has no TXT record (NODATA)",
                        fetch.name
                    ),
                ),
                other => (
                    SigResult::Temperror,
                    "key-lookup-failed",
                    format!(
                        "key lookup for {} failed: {other} — the result is unknown, try again \
                         (RFC 6376 §6.1.2 TEMPFAIL)",
                        fetch.name
                    ),
                ),
            });
        }
    };
    info.record = txts.first().cloned();
    // A record whose v= is not DKIM1 "MUST be discarded" (RFC 6376 §3.6.1): it is not a DKIM1
    // key record at all, so its p= is never used, as if the TXT were not there.
    let mut discarded: Option<String> = None;
    for txt in txts {
        let (parsed, findings) = parse_dkim_key(txt);
        if let Some(f) = findings.iter().find(|f| f.code == "dkim-bad-version") {
            discarded.get_or_insert_with(|| f.message.clone());
            info.findings = findings;
            continue;
        }
        // A record that is not a tag-list (here: a repeated tag) must be ignored: PERMFAIL, key
        // syntax error (RFC 6376 §3.2, §6.1.2), as the finding says.
        if let Some(f) = findings.iter().find(|f| f.code == "dkim-duplicate-tag") {
            let err = unparseable(&fetch.name, &f.message);
            info.record = Some(txt.clone());
            info.findings = findings;
            return Err(err);
        }
        let Some(k) = parsed else { continue };
        info.record = Some(txt.clone());
        info.key_type = Some(k.key_type.clone());
        info.bits = k.bits;
        info.flags = k.flags.clone();
        info.findings = findings;
        if k.revoked {
            return Err((
                SigResult::Permerror,
                "key-revoked",
                format!(
                    "key revoked: {} has an empty p= (RFC 6376 §3.6.1) — the signer retired \
                     this selector; mail signed with it fails",
                    fetch.name
                ),
            ));
        }
        let errors: Vec<&Finding> = info
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.code != "dkim-rsa-too-short")
            .collect();
        // Likewise an element that is not name=value (RFC 6376 §3.2, §6.1.2). The finding
        // already says the record is invalid; using its key anyway would contradict it.
        if let Some(f) = errors.iter().find(|f| f.code == "dkim-malformed-tag") {
            return Err(unparseable(&fetch.name, &f.message));
        }
        // The p= that parse_dkim_key judged, read by the same tag-list parser (which tolerates
        // `;;` in a DNS record with a warning), so the two cannot disagree.
        let p = taglist::parse(txt, Names::Exact)
            .ok()
            .and_then(|l| l.get("p"))
            .and_then(|v| B64.decode(strip_fws(v)).ok());
        let public = match (p, k.key_type.as_str()) {
            (Some(der), "rsa") if k.bits.is_some() => rsa_public_key(&der),
            (Some(raw), "ed25519") if raw.len() == 32 => raw,
            _ => {
                let why = errors
                    .first()
                    .map(|f| f.message.clone())
                    .unwrap_or_else(|| "p= is not a usable public key".into());
                return Err((
                    SigResult::Permerror,
                    "key-unparseable",
                    format!("key at {} is unusable: {why}", fetch.name),
                ));
            }
        };
        return Ok(Key { info: k, public });
    }
    if let Some(why) = discarded {
        return Err((
            SigResult::Permerror,
            "key-unparseable",
            format!("no DKIM1 key record at {}: {why}", fetch.name),
        ));
    }
    Err((
        SigResult::Permerror,
        "key-unparseable",
        format!(
            "no DKIM key record at {} ({} TXT record(s), none with p=): {}",
            fetch.name,
            txts.len(),
            txts.first().map(String::as_str).unwrap_or("")
        ),
    ))
}

/// A key record that is not a valid tag-list (RFC 6376 §3.2): verifiers ignore it (§6.1.2).
fn unparseable(name: &str, why: &str) -> (SigResult, &'static str, String) {
    (
        SigResult::Permerror,
        "key-unparseable",
        format!(
            "key record at {name} is not a valid tag-list, so verifiers ignore it (RFC 6376 §6.1.2): {why}"
        ),
    )
}

/// The RSAPublicKey inside an SPKI (what everyone publishes), or the DER as is (a bare
/// RSAPublicKey, RFC 6376 §3.6.1).
fn rsa_public_key(der: &[u8]) -> Vec<u8> {
    use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo};
    match SubjectPublicKeyInfo::from_der(der) {
        Ok((_, spki)) => spki.subject_public_key.data.to_vec(),
        Err(_) => der.to_vec(),
    }
}

/// Look up one DKIM key record (`<s>._domainkey.<d>` TXT, RFC 6376 §3.6.2.1) through our
/// resolver (a transcript event, cached per run), strings of each record joined (§3.6.2.2).
pub(crate) async fn fetch_key(dns: &Dns, name: String) -> KeyFetch {
    let t = Instant::now();
    let res = dns.query(&name, RecordType::TXT).await;
    let result = res.map(|a| {
        a.recs()
            .filter_map(|r| r.txt_joined())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    });
    KeyFetch::new(name, result, t.elapsed().as_secs_f64() * 1000.0)
}

/// The time the x= and t= checks are judged at (RFC 6376 §3.5): `at` (`--at`, for mail that
/// was valid when it arrived), else now. `--at` is said in the transcript, since it changes
/// verdicts.
pub(crate) fn verify_time(at: Option<u64>, ctx: &Ctx) -> u64 {
    if let Some(at) = at {
        ctx.info(format!(
            "verifying as of Unix time {at} (--at): x= expiry and t= are judged against it"
        ));
        return at;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
