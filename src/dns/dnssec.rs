//! DNSSEC (RFC 4033-4035): is an answer the audit relies on secure, insecure or bogus, and if
//! bogus, why. hickory validates (a second resolver with DNSSEC on, trust anchors from the root
//! or `--trust-anchor`); the reason is found the way an admin would with dig: the RRSIGs over
//! the answer (expired? not yet valid? missing?), then up the chain the DS in each parent
//! against the child's DNSKEYs (RFC 4034 §5) — each of those lookups in the transcript.

use super::{Dns, DnsPlan, Negative, Rec, RecordType, build_resolver, fqdn};
use crate::error::Failure;
use hickory_resolver::TokioResolver;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::dnssec::{Proof, TrustAnchors};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// What validation says of one answer (RFC 4033 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    /// Signed, and the chain of trust from an anchor holds.
    Secure,
    /// Provably unsigned (no DS at a delegation): nothing to validate.
    Insecure,
    /// Signed, but it does not validate: a validating resolver answers SERVFAIL.
    Bogus,
    /// No answer could be validated (the lookup failed, or no anchor covers the name).
    Indeterminate,
}

/// One answer and its DNSSEC status.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Checked {
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) rtype: String,
    pub(crate) status: Status,
    /// Why it is bogus or indeterminate; whether the answer was a (proven) denial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
}

/// A validating resolver beside the run's plain one.
pub(crate) struct Validator {
    resolver: TokioResolver,
    /// The zones whose keys are the anchors (`""` for the root): the chain ends there.
    anchored: Vec<String>,
}

impl Validator {
    /// `anchor`: a file of DNSKEY records (presentation format) to trust instead of the root's
    /// keys — for private or test zones.
    pub(crate) fn new(plan: &DnsPlan, anchor: Option<&Path>) -> Result<Validator, Failure> {
        let bad = |e: String| {
            Failure::usage(format!(
                "--trust-anchor {}: not a file of DNSKEY records: {e}",
                anchor.map(|p| p.display().to_string()).unwrap_or_default()
            ))
        };
        let (anchors, anchored) = match anchor {
            None => (TrustAnchors::default(), vec![String::new()]),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| bad(e.to_string()))?;
                let anchors = text
                    .parse::<TrustAnchors>()
                    .map_err(|e| bad(e.to_string()))?;
                // The owner names of the keys (first field of each record line).
                let mut zones: Vec<String> = text
                    .lines()
                    .map(|l| l.split(';').next().unwrap_or("").trim())
                    .filter(|l| !l.is_empty() && !l.starts_with('$'))
                    .filter_map(|l| l.split_whitespace().next())
                    .map(super::norm)
                    .collect();
                zones.sort();
                zones.dedup();
                if zones.is_empty() {
                    return Err(bad("no records".into()));
                }
                (anchors, zones)
            }
        };
        Ok(Validator {
            resolver: build_resolver(plan, Some(Arc::new(anchors)))?,
            anchored,
        })
    }

    /// Validate the answer to `name`/`rtype`; when bogus, find out why through `dns` (plain
    /// lookups, in the transcript).
    pub(crate) async fn check(&self, dns: &Dns, name: &str, rtype: RecordType) -> Checked {
        let mut c = Checked {
            name: name.to_string(),
            rtype: rtype.to_string(),
            status: Status::Indeterminate,
            reason: None,
        };
        let q = match fqdn(name) {
            Ok(q) => q,
            Err(e) => {
                c.reason = Some(e);
                return c;
            }
        };
        match self.resolver.lookup(q, rtype).await {
            Ok(l) => {
                let proofs: Vec<Proof> = l
                    .answers()
                    .iter()
                    .filter(|r| r.record_type() == rtype)
                    .map(|r| r.proof)
                    .collect();
                c.status = combined(&proofs);
            }
            Err(NetError::Dns(DnsError::DnssecBogus)) => c.status = Status::Bogus,
            Err(NetError::Dns(DnsError::Nsec { proof, .. })) => {
                c.status = from_proof(proof);
                c.reason = Some("no such record (a signed denial)".into());
            }
            Err(NetError::Dns(DnsError::NoRecordsFound(nr))) => {
                // The denial's own proof: the authority records (SOA, NSEC/NSEC3) as validated.
                let proofs: Vec<Proof> = nr
                    .authorities
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(|r| r.proof)
                    .collect();
                c.status = combined(&proofs);
                c.reason = Some("no such record".into());
            }
            Err(e) => c.reason = Some(format!("the validating lookup failed: {e}")),
        }
        if c.status == Status::Bogus {
            // RFC 4033 §5: bogus needs a trust anchor and a secure delegation down to the data;
            // a name no anchor covers (a private anchor elsewhere) can only be indeterminate.
            if !self.covers(name) {
                c.status = Status::Indeterminate;
                c.reason = Some(format!(
                    "no trust anchor covers {name} (anchors: {})",
                    self.anchored.join(", ")
                ));
            } else {
                let (status, reason) = why_bogus(dns, name, rtype, &self.anchored).await;
                c.status = status;
                c.reason = Some(reason);
            }
        }
        // The validator's own DS/DNSKEY questions happen inside hickory, out of our transcript:
        // its verdict is one line there (the questions of `why_bogus` are transcripted).
        dns.ctx().info(format!(
            "DNSSEC {} {}: {}{}",
            c.rtype,
            c.name,
            serde_json::to_value(c.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            c.reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ));
        c
    }

    /// Is `name` at or under an anchored zone (always, for the root's keys)?
    fn covers(&self, name: &str) -> bool {
        let name = super::norm(name);
        self.anchored
            .iter()
            .any(|z| z.is_empty() || name == *z || name.ends_with(&format!(".{z}")))
    }
}

/// The status of an RRset from its records' proofs: secure only when every one is.
fn combined(proofs: &[Proof]) -> Status {
    if proofs.is_empty() {
        Status::Indeterminate
    } else if proofs.iter().all(|p| p.is_secure()) {
        Status::Secure
    } else if proofs.contains(&Proof::Bogus) {
        Status::Bogus
    } else if proofs.contains(&Proof::Insecure) {
        Status::Insecure
    } else {
        Status::Indeterminate
    }
}

fn from_proof(p: Proof) -> Status {
    match p {
        Proof::Secure => Status::Secure,
        Proof::Insecure => Status::Insecure,
        Proof::Bogus => Status::Bogus,
        Proof::Indeterminate => Status::Indeterminate,
    }
}

fn now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as u32)
        .unwrap_or(0)
}

/// The algorithms a validator must or should support (RFC 8624 §3.1): others leave a zone
/// unvalidatable.
fn algorithm_supported(a: u8) -> bool {
    matches!(a, 8 | 10 | 13 | 14 | 15 | 16)
}

fn rrsigs(
    a: &Result<Arc<super::Answer>, Negative>,
    covered: &str,
) -> Vec<(u8, u16, String, u32, u32)> {
    match a {
        Ok(a) => a
            .recs()
            .filter_map(|r| match r {
                Rec::Rrsig {
                    covered: c,
                    algorithm,
                    key_tag,
                    signer,
                    inception,
                    expiration,
                } if c == covered => Some((
                    *algorithm,
                    *key_tag,
                    signer.clone(),
                    *inception,
                    *expiration,
                )),
                _ => None,
            })
            .collect(),
        Err(_) => vec![],
    }
}

/// Why the validator called an answer bogus, in one sentence: the first broken link found, from
/// the answer's own signatures up the chain of DS → DNSKEY (at most 8 zones). Bogus only when a
/// broken link is found; when the chain cannot be followed (a lookup refused or failed, no
/// signed zone above the name) the status is indeterminate (RFC 4033 §5), and says why.
pub(crate) async fn why_bogus(
    dns: &Dns,
    name: &str,
    rtype: RecordType,
    anchored: &[String],
) -> (Status, String) {
    let bogus = |s: String| (Status::Bogus, s);
    let t = now();
    let covered = rtype.to_string();
    let sigs = rrsigs(&dns.query(name, RecordType::RRSIG).await, &covered);
    if sigs.is_empty() {
        // Signed above? The nearest enclosing zone with keys decides whether the missing RRSIG
        // is a broken signature or an unsigned zone the validator could not prove insecure.
        let mut at = super::norm(name);
        loop {
            match dns.query(&at, RecordType::DNSKEY).await {
                Ok(a) if a.recs().next().is_some() => {
                    return bogus(format!(
                        "the {covered} answer for {name} carries no signature (RRSIG) although {at} is signed"
                    ));
                }
                Ok(_) | Err(Negative::NoData) | Err(Negative::NxDomain) => {}
                Err(n) => {
                    return (
                        Status::Indeterminate,
                        format!(
                            "the DNSKEY lookup for {at} failed: {n}: the chain of trust cannot be followed"
                        ),
                    );
                }
            }
            if anchored.contains(&at) {
                break;
            }
            match at.split_once('.') {
                Some((_, parent)) => at = parent.to_string(),
                None => break,
            }
        }
        return (
            Status::Indeterminate,
            format!(
                "the {covered} answer for {name} is unsigned and no zone above it publishes keys: the validator could not prove it insecure"
            ),
        );
    }
    if let Some(s) = sigs.iter().find(|s| s.4 < t) {
        return bogus(format!(
            "the RRSIG over {covered} {name} (key tag {}) expired on {}",
            s.1,
            crate::utc::fmt_utc(i64::from(s.4))
        ));
    }
    if let Some(s) = sigs.iter().find(|s| s.3 > t) {
        return bogus(format!(
            "the RRSIG over {covered} {name} (key tag {}) is not valid before {}",
            s.1,
            crate::utc::fmt_utc(i64::from(s.3))
        ));
    }
    if let Some(s) = sigs.iter().find(|s| !algorithm_supported(s.0)) {
        return bogus(format!(
            "{name} is signed with algorithm {}, which validators do not support (RFC 8624)",
            s.0
        ));
    }
    // Up the chain: each zone's DS (in its parent) must match one of its DNSKEYs.
    let mut zone = sigs[0].2.clone();
    for _ in 0..8 {
        if zone.is_empty() {
            break;
        }
        let (ds, keys, ksigs) = tokio::join!(
            dns.query(&zone, RecordType::DS),
            dns.query(&zone, RecordType::DNSKEY),
            dns.query(&zone, RecordType::RRSIG)
        );
        let keys: Vec<(u16, u8, Vec<u8>, Vec<u8>)> = match &keys {
            Ok(a) => a
                .recs()
                .filter_map(|r| match r {
                    Rec::Dnskey {
                        key_tag,
                        algorithm,
                        sha256,
                        sha384,
                        ..
                    } => Some((*key_tag, *algorithm, sha256.clone(), sha384.clone())),
                    _ => None,
                })
                .collect(),
            Err(n) => {
                return (
                    Status::Indeterminate,
                    format!(
                        "the DNSKEY lookup for {zone} failed: {n}: the chain of trust cannot be followed"
                    ),
                );
            }
        };
        if keys.is_empty() {
            return bogus(format!(
                "{zone} publishes no DNSKEY although its records are signed"
            ));
        }
        if let Some(s) = rrsigs(&ksigs, "DNSKEY").iter().find(|s| s.4 < t) {
            return bogus(format!(
                "the RRSIG over the DNSKEY set of {zone} (key tag {}) expired on {}",
                s.1,
                crate::utc::fmt_utc(i64::from(s.4))
            ));
        }
        let ds: Vec<(u16, u8, u8, Vec<u8>)> = match &ds {
            Ok(a) => a
                .recs()
                .filter_map(|r| match r {
                    Rec::Ds {
                        key_tag,
                        algorithm,
                        digest_type,
                        digest,
                    } => Some((*key_tag, *algorithm, *digest_type, digest.clone())),
                    _ => None,
                })
                .collect(),
            Err(_) => vec![],
        };
        if anchored.contains(&zone) {
            // The anchor's own keys: nothing above it is consulted.
            break;
        }
        if !ds.is_empty() {
            let matched = ds.iter().any(|(tag, _, dt, d)| {
                keys.iter().any(|(kt, _, s256, s384)| {
                    kt == tag && ((*dt == 2 && s256 == d) || (*dt == 4 && s384 == d))
                })
            });
            if !matched {
                let tags = |v: Vec<u16>| {
                    v.iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return bogus(format!(
                    "the DS record(s) for {zone} in its parent (key tag {}) match none of {zone}'s DNSKEYs (key tag {}): the chain of trust is broken",
                    tags(ds.iter().map(|d| d.0).collect()),
                    tags(keys.iter().map(|k| k.0).collect())
                ));
            }
        }
        zone = match zone.split_once('.') {
            Some((_, parent)) => parent.to_string(),
            None => String::new(),
        };
    }
    bogus("the signatures do not validate (no expired signature or DS mismatch found: a key or signature is wrong)".into())
}

/// The findings of the DNSSEC checks of `domain`'s answers (and its MX hosts').
pub(crate) fn findings(domain: &str, checked: &[Checked]) -> Vec<super::finding::Finding> {
    use super::finding::{Finding, Severity};
    let mut f = Vec::new();
    for c in checked {
        let what = format!("{} {}", c.rtype, c.name);
        match c.status {
            Status::Bogus => f.push(Finding::error(
                "dnssec-bogus",
                format!(
                    "{what}: DNSSEC-bogus — validating resolvers answer SERVFAIL: {}",
                    c.reason.as_deref().unwrap_or("it does not validate")
                ),
            )),
            Status::Indeterminate => f.push(Finding::warning(
                "dnssec-indeterminate",
                format!(
                    "{what}: could not be validated: {}",
                    c.reason.as_deref().unwrap_or("no trust anchor covers it")
                ),
            )),
            _ => {}
        }
    }
    let signed = checked
        .iter()
        .filter(|c| c.status == Status::Secure)
        .count();
    let own = |c: &&Checked| c.name == domain || c.name.ends_with(&format!(".{domain}"));
    let insecure: Vec<String> = checked
        .iter()
        .filter(own)
        .filter(|c| c.status == Status::Insecure)
        .map(|c| format!("{} {}", c.rtype, c.name))
        .collect();
    if !checked.is_empty() && signed == checked.len() {
        f.push(Finding::new(
            Severity::Ok,
            "dnssec-secure",
            format!("all {signed} answers checked are DNSSEC-secure"),
        ));
    } else if !insecure.is_empty() {
        f.push(Finding::info(
            "dnssec-insecure",
            format!(
                "not DNSSEC-signed ({}): these records can be forged on the way to a sender, and DANE cannot apply to them (RFC 7672 §2.2)",
                insecure.join(", ")
            ),
        ));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_serialize_lowercase() {
        assert_eq!(serde_json::to_string(&Status::Bogus).unwrap(), "\"bogus\"");
    }

    #[test]
    fn bogus_and_indeterminate_are_findings_and_all_secure_is_ok() {
        let c = |status| Checked {
            name: "x.example".into(),
            rtype: "MX".into(),
            status,
            reason: Some("the RRSIG expired".into()),
        };
        let f = findings("x.example", &[c(Status::Secure), c(Status::Bogus)]);
        assert_eq!(f[0].code, "dnssec-bogus");
        assert!(f[0].message.contains("the RRSIG expired"));
        assert_eq!(
            findings("x.example", &[c(Status::Secure)])[0].code,
            "dnssec-secure"
        );
        assert_eq!(
            findings("x.example", &[c(Status::Insecure)])[0].code,
            "dnssec-insecure"
        );
        assert_eq!(
            findings("x.example", &[c(Status::Indeterminate)])[0].code,
            "dnssec-indeterminate"
        );
        // Another domain's insecure answer (an MX host elsewhere) is not this domain's.
        assert!(findings("y.example", &[c(Status::Insecure)]).is_empty());
    }
}
