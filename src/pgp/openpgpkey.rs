//! OPENPGPKEY records (RFC 7929): the key for `local@domain` is published at
//! `HASH._openpgpkey.DOMAIN`, HASH the hex SHA-256 of the local part (UTF-8, as written: RFC
//! 7929 §3 leaves case alone) truncated to 28 octets (56 hex digits). The record's data is a
//! Transferable Public Key in binary form (§2.1).

use super::key::{self, Key, KeyInfo};
use crate::dns::finding::Finding;
use crate::dns::{Dns, Negative, Rec, RecordType};
use serde::Serialize;

/// The owner name of the OPENPGPKEY record for `local@domain` (RFC 7929 §3).
pub(crate) fn owner_name(local: &str, domain: &str) -> String {
    let d = ring::digest::digest(&ring::digest::SHA256, local.as_bytes());
    format!(
        "{}._openpgpkey.{domain}",
        crate::dns::hex(&d.as_ref()[..28])
    )
}

/// One record as found.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecordKeys {
    pub(crate) ttl: u32,
    pub(crate) bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
    pub(crate) keys: Vec<KeyInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OpenPgpKeyResult {
    pub(crate) address: String,
    pub(crate) name: String,
    /// `answer`, `nxdomain`, `nodata`, `servfail`, `timeout`, …
    pub(crate) outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lookup_error: Option<String>,
    pub(crate) records: Vec<RecordKeys>,
    /// With `--dnssec`: what validation says of the answer (RFC 4033 §5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) dnssec: Option<crate::dns::dnssec::Checked>,
    #[serde(skip)]
    pub(crate) parsed: Vec<Key>,
}

/// Look the address up.
pub(crate) async fn lookup(dns: &Dns, address: &str, now: i64) -> Result<OpenPgpKeyResult, String> {
    let (local, domain) = super::wkd::split_address(address)?;
    let name = owner_name(&local, &domain);
    let mut r = OpenPgpKeyResult {
        address: format!("{local}@{domain}"),
        name: name.clone(),
        outcome: "answer".into(),
        lookup_error: None,
        records: Vec::new(),
        dnssec: None,
        parsed: Vec::new(),
    };
    match dns.query(&name, RecordType::OPENPGPKEY).await {
        Ok(a) => {
            for (ttl, rec) in &a.records {
                let Rec::OpenPgpKey(data) = rec else { continue };
                let mut rk = RecordKeys {
                    ttl: *ttl,
                    bytes: data.len(),
                    error: None,
                    keys: Vec::new(),
                };
                match key::read_keys(data, now) {
                    Ok(keys) => {
                        rk.keys = keys.iter().map(|k| k.info.clone()).collect();
                        r.parsed.extend(keys);
                    }
                    Err(e) => rk.error = Some(e),
                }
                r.records.push(rk);
            }
        }
        Err(n) => {
            r.outcome = n.outcome().into();
            if !n.is_absent() {
                r.lookup_error = Some(n.to_string());
            }
            if let Negative::Error(e) = &n {
                r.lookup_error = Some(e.clone());
            }
        }
    }
    Ok(r)
}

/// What is wrong with the published key(s).
pub(crate) fn findings(r: &OpenPgpKeyResult, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(e) = &r.lookup_error {
        out.push(Finding::error(
            "openpgpkey-lookup-failed",
            format!(
                "the lookup of {} failed: {}",
                r.name,
                crate::event::one_line(&e)
            ),
        ));
        return out;
    }
    if let Some(c) = &r.dnssec {
        use crate::dns::dnssec::Status;
        let why = c
            .reason
            .as_ref()
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        out.push(match c.status {
            Status::Secure => Finding::new(
                crate::dns::finding::Severity::Ok,
                "openpgpkey-dnssec-secure",
                format!("the answer for {} validates (DNSSEC secure){why}", r.name),
            ),
            Status::Insecure => Finding::warning(
                "openpgpkey-dnssec-insecure",
                format!(
                    "the answer for {} is not signed (DNSSEC insecure){why}: RFC 7929 §7 asks \
                     clients to use only validated keys",
                    r.name
                ),
            ),
            Status::Bogus => Finding::error(
                "openpgpkey-dnssec-bogus",
                format!(
                    "the answer for {} fails DNSSEC validation (bogus){why}: a validating \
                     resolver answers SERVFAIL",
                    r.name
                ),
            ),
            Status::Indeterminate => Finding::warning(
                "openpgpkey-dnssec-indeterminate",
                format!("DNSSEC status of {} could not be established{why}", r.name),
            ),
        });
    }
    if r.records.is_empty() {
        out.push(Finding::error(
            "openpgpkey-none",
            format!(
                "no OPENPGPKEY record for {} at {} ({})",
                r.address, r.name, r.outcome
            ),
        ));
        return out;
    }
    if r.records.len() > 1 {
        out.push(Finding::warning(
            "openpgpkey-several",
            format!(
                "{} OPENPGPKEY records at {}: RFC 7929 §2.1 allows several, but clients may \
                 take any one of them",
                r.records.len(),
                r.name
            ),
        ));
    }
    for rec in &r.records {
        if let Some(e) = &rec.error {
            out.push(Finding::error(
                "openpgpkey-invalid",
                format!(
                    "a record's data is not an OpenPGP key (RFC 7929 §2.1): {}",
                    crate::event::one_line(&e)
                ),
            ));
        }
        for k in &rec.keys {
            out.extend(key::findings(k, Some(&r.address), now));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7929_example_owner_name() {
        // RFC 7929 §3: hugh@example.com →
        // c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com
        assert_eq!(
            owner_name("hugh", "example.com"),
            "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com"
        );
    }
}
