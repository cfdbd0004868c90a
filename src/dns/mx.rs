//! Where a domain's mail goes (RFC 5321 §5.1, RFC 7505): the one reading of an MX answer, used
//! by sessions and load mode (`transport::connect`) and by the `dns mx` / `dns check`
//! audit ([`audit`]), so the two can never disagree on which hosts a domain's mail goes to.
//!
//! NXDOMAIN is handled one way: the domain does not exist, so there is no implicit MX either
//! (RFC 5321 §5.1 falls back to the domain's A/AAAA only when the domain exists and "no MX
//! records are found"; a name that does not exist has no address records to fall back on).

use super::finding::Finding;
use super::{Dns, Negative, Rec, RecordType};
use futures_util::future::join_all;
use serde::Serialize;
use std::net::IpAddr;

/// One MX record: a preference and the host it names (empty for the RFC 7505 null MX ".").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MxRecord {
    pub(crate) preference: u16,
    pub(crate) host: String,
}

impl MxRecord {
    /// An MX must name a host; an IP address in its place is an error (RFC 5321 §5.1), though
    /// seen in the wild.
    pub(crate) fn is_ip_literal(&self) -> bool {
        self.host.parse::<IpAddr>().is_ok()
    }
}

/// What the MX question says about where a domain's mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MxTargets {
    /// MX hosts by preference (stable: equal preferences keep the server's order). Null MX
    /// records mixed with others are dropped and flagged (`null_mixed`, RFC 7505 §3).
    Hosts {
        hosts: Vec<MxRecord>,
        null_mixed: bool,
    },
    /// No MX record (NODATA, or an answer holding none): the domain's own A/AAAA is the
    /// implicit MX, at preference 0 (RFC 5321 §5.1).
    Implicit,
    /// A lone null MX: the domain accepts no mail (RFC 7505).
    Null { preference: u16 },
    /// The domain does not exist: no mail, and no implicit MX (see the module doc).
    NxDomain,
    /// The lookup failed (SERVFAIL, REFUSED, timeout): the answer is unknown, not "no MX".
    Failed(Negative),
}

/// The MX candidates of `domain`, from one MX query.
pub(crate) async fn targets(dns: &Dns, domain: &str) -> MxTargets {
    let answer = match dns.query(domain, RecordType::MX).await {
        Ok(a) => a,
        Err(Negative::NxDomain) => return MxTargets::NxDomain,
        Err(Negative::NoData) => return MxTargets::Implicit,
        Err(neg) => return MxTargets::Failed(neg),
    };
    let records: Vec<MxRecord> = answer
        .recs()
        .filter_map(|r| match r {
            Rec::Mx {
                preference,
                exchange,
            } => Some(MxRecord {
                preference: *preference,
                host: exchange.clone(),
            }),
            _ => None,
        })
        .collect();
    classify(records)
}

/// The rules of RFC 5321 §5.1 and RFC 7505 over the MX records of an answer.
fn classify(mut records: Vec<MxRecord>) -> MxTargets {
    if records.is_empty() {
        return MxTargets::Implicit;
    }
    records.sort_by_key(|m| m.preference);
    let nulls = records.iter().filter(|m| m.host.is_empty()).count();
    if nulls == 1 && records.len() == 1 {
        return MxTargets::Null {
            preference: records[0].preference,
        };
    }
    records.retain(|m| !m.host.is_empty());
    MxTargets::Hosts {
        hosts: records,
        null_mixed: nulls > 0,
    }
}

/// One MX host and what its addresses resolved to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MxHost {
    pub(crate) preference: u16,
    pub(crate) host: String,
    pub(crate) addresses: Vec<IpAddr>,
    pub(crate) cname: Option<String>,
    pub(crate) problem: Option<String>,
}

/// The `dns mx` audit of one domain. JSON: `hosts`, `implicit`, `null_mx`; the summary and the
/// findings go to the report's detail and findings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MxReport {
    pub(crate) hosts: Vec<MxHost>,
    pub(crate) implicit: bool,
    pub(crate) null_mx: bool,
    #[serde(skip)]
    pub(crate) summary: String,
    #[serde(skip)]
    pub(crate) findings: Vec<Finding>,
}

/// A lookup that failed (SERVFAIL, REFUSED, timeout): names the question, and says the answer is
/// unknown rather than absent.
pub(crate) fn lookup_failed(what: &str, question: &str, neg: &Negative) -> Finding {
    Finding::error(
        &format!("{what}-lookup-failed"),
        format!(
            "{what} lookup for {question} failed: {neg} — the result is unknown, not \"no record\""
        ),
    )
}

/// MX audit (RFC 5321 §5.1, RFC 7505, RFC 2181 §10.3): every candidate host resolved
/// concurrently, with findings.
pub(crate) async fn audit(dns: &Dns, domain: &str) -> MxReport {
    let mut r = MxReport {
        hosts: vec![],
        implicit: false,
        null_mx: false,
        summary: String::new(),
        findings: vec![],
    };
    let records = match targets(dns, domain).await {
        MxTargets::NxDomain => {
            r.findings.push(Finding::error(
                "mx-nxdomain",
                format!("{domain} does not exist (NXDOMAIN): it cannot receive mail"),
            ));
            r.summary = "domain does not exist".into();
            return r;
        }
        MxTargets::Failed(neg) => {
            r.findings
                .push(lookup_failed("mx", &format!("MX {domain}"), &neg));
            r.summary = format!("MX lookup failed: {neg}");
            return r;
        }
        MxTargets::Null { preference } => {
            r.null_mx = true;
            r.findings.push(Finding::info(
                "mx-null",
                format!("{domain} publishes a null MX: it accepts no mail (RFC 7505)"),
            ));
            r.summary = "null MX: the domain accepts no mail".into();
            r.hosts.push(MxHost {
                preference,
                host: ".".into(),
                addresses: vec![],
                cname: None,
                problem: None,
            });
            return r;
        }
        MxTargets::Implicit => {
            r.implicit = true;
            vec![MxRecord {
                preference: 0,
                host: domain.to_string(),
            }]
        }
        MxTargets::Hosts { hosts, null_mixed } => {
            if null_mixed {
                r.null_mx = true;
                r.findings.push(Finding::error(
                    "mx-null-mixed",
                    "a null MX must be the only MX record (RFC 7505 §3); senders may ignore it or fail",
                ));
            }
            hosts
        }
    };
    for (h, f) in join_all(records.iter().map(|m| resolve_host(dns, m))).await {
        r.hosts.push(h);
        r.findings.extend(f);
    }
    if r.implicit {
        if r.hosts.iter().any(|h| !h.addresses.is_empty()) {
            r.findings.push(Finding::warning("mx-implicit", format!("{domain} has no MX record; mail goes to its A/AAAA (implicit MX, RFC 5321 §5.1) — publish an MX, or a null MX if it takes no mail")));
            r.summary = "no MX: implicit MX via A/AAAA".into();
        } else {
            r.hosts.clear();
            r.findings.retain(|f| f.code != "mx-unresolvable");
            r.findings.push(Finding::error("mx-none", format!("{domain} has no MX and no A/AAAA: it cannot receive mail (publish a null MX if that is intended)")));
            r.summary = "no MX, no address: the domain cannot receive mail".into();
        }
    } else {
        let usable = r.hosts.iter().filter(|h| !h.addresses.is_empty()).count();
        r.summary = format!("{} MX host(s), {usable} with addresses", r.hosts.len());
    }
    r
}

/// The A and AAAA of one MX host, concurrently, with what is wrong with it.
async fn resolve_host(dns: &Dns, m: &MxRecord) -> (MxHost, Vec<Finding>) {
    let host = &m.host;
    let mut h = MxHost {
        preference: m.preference,
        host: host.clone(),
        addresses: vec![],
        cname: None,
        problem: None,
    };
    if m.is_ip_literal() {
        h.problem = Some("an IP address, not a host name (RFC 5321 §5.1)".into());
        return (
            h,
            vec![Finding::error(
                "mx-ip-literal",
                format!("MX {host} is an IP address; an MX must name a host"),
            )],
        );
    }
    let (a, aaaa) = tokio::join!(
        dns.query(host, RecordType::A),
        dns.query(host, RecordType::AAAA)
    );
    let mut findings = Vec::new();
    for ans in [&a, &aaaa].into_iter().flatten() {
        for rec in ans.recs() {
            match rec {
                Rec::A(ip) => h.addresses.push(IpAddr::V4(*ip)),
                Rec::Aaaa(ip) => h.addresses.push(IpAddr::V6(*ip)),
                _ => {}
            }
        }
        if let Some((_, target)) = ans.cnames.first() {
            h.cname = Some(target.clone());
        }
    }
    if let Some(c) = &h.cname {
        findings.push(Finding::warning("mx-cname", format!("MX {host} is a CNAME (to {c}); RFC 2181 §10.3 says an MX must point at the host's own name")));
    }
    if h.addresses.is_empty() {
        match (&a, &aaaa) {
            (Err(x), Err(y)) if x.is_absent() && y.is_absent() => {
                h.problem = Some(format!("does not resolve ({x})"));
                findings.push(Finding::error(
                    "mx-unresolvable",
                    format!("MX host {host} has no A or AAAA record"),
                ));
            }
            (a, aaaa) => {
                // Report the lookup that failed, not the one that merely found nothing.
                let failed = [("A", a), ("AAAA", aaaa)]
                    .into_iter()
                    .find_map(|(t, r)| match r {
                        Err(n) if !n.is_absent() => Some((t, n)),
                        _ => None,
                    });
                if let Some((t, n)) = failed {
                    h.problem = Some(format!("{t} lookup failed ({n})"));
                    findings.push(lookup_failed("mx-host", &format!("{t} {host}"), n));
                }
            }
        }
    }
    (h, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mx(preference: u16, host: &str) -> MxRecord {
        MxRecord {
            preference,
            host: host.into(),
        }
    }

    #[test]
    fn hosts_by_preference_keep_the_server_order_on_ties() {
        let t = classify(vec![mx(20, "b"), mx(10, "a"), mx(20, "c")]);
        assert_eq!(
            t,
            MxTargets::Hosts {
                hosts: vec![mx(10, "a"), mx(20, "b"), mx(20, "c")],
                null_mixed: false
            }
        );
    }

    #[test]
    fn no_mx_records_in_an_answer_is_an_implicit_mx() {
        // RFC 5321 §5.1: "If an empty list of MXs is returned, the address is treated as if it
        // was associated with an implicit MX RR" (e.g. an answer holding only a CNAME chain).
        assert_eq!(classify(vec![]), MxTargets::Implicit);
    }

    #[test]
    fn null_mx_alone_and_mixed() {
        assert_eq!(classify(vec![mx(0, "")]), MxTargets::Null { preference: 0 });
        assert_eq!(
            classify(vec![mx(0, ""), mx(10, "mx.example")]),
            MxTargets::Hosts {
                hosts: vec![mx(10, "mx.example")],
                null_mixed: true
            }
        );
    }

    #[test]
    fn ip_literal_mx_is_recognised() {
        assert!(mx(10, "192.0.2.1").is_ip_literal());
        assert!(mx(10, "2001:db8::1").is_ip_literal());
        assert!(!mx(10, "mx.example").is_ip_literal());
    }
}
