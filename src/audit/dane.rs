//! DANE for SMTP (RFC 7672, RFC 6698, RFC 7671): the `_25._tcp.MX` TLSA records of an MX host,
//! each checked against the chain a server presented, with what matched, what did not and why.
//!
//! What counts (RFC 7672 §3.1): DANE-EE(3) matches the leaf, and then neither the name nor the
//! dates of the certificate matter (§3.1.1); DANE-TA(2) matches a certificate the server sent
//! above the leaf, and the chain must then validate up to it with the MX name checked (§3.1.2,
//! §3.2.2). PKIX-TA(0) and PKIX-EE(1) SHOULD NOT be published for SMTP (§3.1.3): senders treat
//! them as unusable, so they never count as a match here.

use crate::dns::Rec;
use crate::dns::finding::Finding;
use crate::transport::tls::TlsClient;
use rustls::pki_types::CertificateDer;
use serde::Serialize;

/// One TLSA record as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Tlsa {
    pub(crate) usage: u8,
    pub(crate) selector: u8,
    pub(crate) matching: u8,
    /// Association data, lowercase hex.
    pub(crate) data: String,
    #[serde(skip)]
    pub(crate) raw: Vec<u8>,
}

impl Tlsa {
    pub(crate) fn from_rec(r: &Rec) -> Option<Tlsa> {
        match r {
            Rec::Tlsa {
                usage,
                selector,
                matching,
                data,
            } => Some(Tlsa {
                usage: *usage,
                selector: *selector,
                matching: *matching,
                data: crate::dns::hex(data),
                raw: data.clone(),
            }),
            _ => None,
        }
    }

    /// `3 1 1 ab12…` with the data shortened, for messages.
    pub(crate) fn short(&self) -> String {
        let d = if self.data.len() > 16 {
            format!("{}…", &self.data[..16])
        } else {
            self.data.clone()
        };
        format!("{} {} {} {d}", self.usage, self.selector, self.matching)
    }

    /// Why this record can never match for SMTP, if it cannot.
    fn unusable(&self) -> Option<String> {
        match self.usage {
            0 | 1 => {
                return Some(format!(
                    "usage {} (PKIX-{}) is not to be used for SMTP (RFC 7672 §3.1.3): DANE senders ignore it",
                    self.usage,
                    if self.usage == 0 { "TA" } else { "EE" }
                ));
            }
            2 | 3 => {}
            u => return Some(format!("unknown certificate usage {u} (RFC 6698 §2.1.1)")),
        }
        if self.selector > 1 {
            return Some(format!(
                "unknown selector {} (RFC 6698 §2.1.2)",
                self.selector
            ));
        }
        let want = match self.matching {
            0 => None,
            1 => Some(32),
            2 => Some(64),
            m => return Some(format!("unknown matching type {m} (RFC 6698 §2.1.3)")),
        };
        if let Some(n) = want
            && self.raw.len() != n
        {
            return Some(format!(
                "matching type {} needs {n} bytes of digest, the record has {} (RFC 6698 §2.1.3)",
                self.matching,
                self.raw.len()
            ));
        }
        if self.matching == 0 && self.raw.is_empty() {
            return Some("empty association data".into());
        }
        None
    }

    /// Does this record's data match `cert` (RFC 6698 §2.1.2-3)?
    fn matches_cert(&self, cert: &[u8]) -> bool {
        let selected: Vec<u8> = match self.selector {
            0 => cert.to_vec(),
            1 => match spki(cert) {
                Some(s) => s,
                None => return false,
            },
            _ => return false,
        };
        let digest = match self.matching {
            0 => selected,
            1 => ring::digest::digest(&ring::digest::SHA256, &selected)
                .as_ref()
                .to_vec(),
            2 => ring::digest::digest(&ring::digest::SHA512, &selected)
                .as_ref()
                .to_vec(),
            _ => return false,
        };
        digest == self.raw
    }
}

/// The DER SubjectPublicKeyInfo of a certificate.
fn spki(cert: &[u8]) -> Option<Vec<u8>> {
    use x509_parser::prelude::*;
    let (_, c) = X509Certificate::from_der(cert).ok()?;
    Some(c.tbs_certificate.subject_pki.raw.to_vec())
}

/// What one record said about the presented chain.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecordCheck {
    pub(crate) record: Tlsa,
    /// `match`, `no-match`, `unusable`, or `chain-invalid` (a DANE-TA anchor matched but the
    /// chain does not validate to it for the MX name).
    pub(crate) result: &'static str,
    /// Which certificate of the chain matched (0 = the leaf).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) depth: Option<usize>,
    pub(crate) why: String,
}

/// Check every record against one presented chain. `mx` is the name the chain must be valid for
/// under DANE-TA.
pub(crate) fn check(
    records: &[Tlsa],
    chain: &[CertificateDer<'static>],
    mx: &str,
    tls: &TlsClient,
) -> Vec<RecordCheck> {
    records
        .iter()
        .map(|r| {
            let done = |result, depth, why: String| RecordCheck {
                record: r.clone(),
                result,
                depth,
                why,
            };
            if let Some(why) = r.unusable() {
                return done("unusable", None, why);
            }
            if r.usage == 3 {
                return match chain.first() {
                    Some(leaf) if r.matches_cert(leaf) => done(
                        "match",
                        Some(0),
                        "DANE-EE: matches the server's certificate (its name and dates do not matter, RFC 7672 §3.1.1)".into(),
                    ),
                    _ => done("no-match", None, "DANE-EE: does not match the server's certificate".into()),
                };
            }
            // DANE-TA: a certificate the server sent above its leaf.
            let Some(depth) = chain.iter().skip(1).position(|c| r.matches_cert(c)).map(|i| i + 1) else {
                return done(
                    "no-match",
                    None,
                    format!(
                        "DANE-TA: matches none of the {} issuer certificate(s) the server sent (it must send the trust anchor, RFC 7671 §5.2.2)",
                        chain.len().saturating_sub(1)
                    ),
                );
            };
            match tls.check_chain_to(chain, &chain[depth], mx) {
                Ok(()) => done(
                    "match",
                    Some(depth),
                    format!("DANE-TA: matches certificate {depth} of the chain, which validates to it for {mx}"),
                ),
                Err(p) => done(
                    "chain-invalid",
                    Some(depth),
                    format!("DANE-TA: matches certificate {depth}, but the chain does not validate to it: {}", p.message),
                ),
            }
        })
        .collect()
}

/// Findings about the records themselves, independent of any server: the rollover hazard and
/// records no SMTP sender will use.
pub(crate) fn record_findings(mx: &str, records: &[Tlsa]) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in records {
        if let Some(why) = r.unusable() {
            let code = if r.usage <= 1 {
                "dane-usage-pkix"
            } else {
                "dane-record-invalid"
            };
            out.push(Finding::warning(
                code,
                format!("{mx}: TLSA {}: {why}", r.short()),
            ));
        }
    }
    let usable: Vec<&Tlsa> = records.iter().filter(|r| r.unusable().is_none()).collect();
    let mut distinct: Vec<(u8, u8, u8, &str)> = usable
        .iter()
        .map(|r| (r.usage, r.selector, r.matching, r.data.as_str()))
        .collect();
    distinct.sort();
    distinct.dedup();
    // RFC 7671 §8.1 / RFC 7672 §3.1.4 (key rollover): a single DANE-EE association breaks mail the
    // moment the key changes unless the next key's record was published first (or a DANE-TA
    // record covers the issuer).
    if distinct.len() == 1 && distinct[0].0 == 3 {
        out.push(Finding::warning(
            "dane-single-record",
            format!(
                "{mx}: only one TLSA record ({}): a key or certificate change breaks delivery from DANE senders unless a record for the next key is published first, or a \"2 1 1\" record for the issuer (RFC 7671 §8.1)",
                usable[0].short()
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlsa(u: u8, s: u8, m: u8, raw: Vec<u8>) -> Tlsa {
        Tlsa {
            usage: u,
            selector: s,
            matching: m,
            data: crate::dns::hex(&raw),
            raw,
        }
    }

    #[test]
    fn unusable_records_say_why() {
        assert!(
            tlsa(1, 1, 1, vec![0; 32])
                .unusable()
                .unwrap()
                .contains("PKIX-EE")
        );
        assert!(
            tlsa(4, 1, 1, vec![0; 32])
                .unusable()
                .unwrap()
                .contains("usage 4")
        );
        assert!(
            tlsa(3, 2, 1, vec![0; 32])
                .unusable()
                .unwrap()
                .contains("selector 2")
        );
        assert!(
            tlsa(3, 1, 3, vec![0; 32])
                .unusable()
                .unwrap()
                .contains("matching type 3")
        );
        assert!(
            tlsa(3, 1, 1, vec![0; 31])
                .unusable()
                .unwrap()
                .contains("32 bytes")
        );
        assert!(tlsa(3, 1, 2, vec![0; 64]).unusable().is_none());
        assert!(tlsa(3, 0, 0, vec![]).unusable().is_some());
    }

    #[test]
    fn single_ee_record_is_a_rollover_hazard() {
        let one = [tlsa(3, 1, 1, vec![1; 32])];
        let f = record_findings("mx.example", &one);
        assert_eq!(f[0].code, "dane-single-record");
        let two = [tlsa(3, 1, 1, vec![1; 32]), tlsa(3, 1, 1, vec![2; 32])];
        assert!(record_findings("mx.example", &two).is_empty());
        let ta = [tlsa(3, 1, 1, vec![1; 32]), tlsa(2, 1, 1, vec![2; 32])];
        assert!(record_findings("mx.example", &ta).is_empty());
        // The same record twice is still one key.
        let dup = [tlsa(3, 1, 1, vec![1; 32]), tlsa(3, 1, 1, vec![1; 32])];
        assert_eq!(
            record_findings("mx.example", &dup)[0].code,
            "dane-single-record"
        );
    }

    #[test]
    fn bad_der_never_matches_and_never_panics() {
        let r = tlsa(3, 1, 1, vec![0; 32]);
        assert!(!r.matches_cert(b"not a certificate"));
        let r = tlsa(3, 0, 0, b"exact".to_vec());
        assert!(r.matches_cert(b"exact"));
    }
}
