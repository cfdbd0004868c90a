//! `mailctl dns …`: look up and audit a domain's mail records. Lookups run concurrently through
//! one resolver (each question asked once per run); results become tables, findings with
//! severities, and an exit code from the worst finding.

use crate::dns::finding::{Finding, Severity, worst};
use crate::dns::{Dns, Negative, Rec, RecordType};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::plan::{DnsAction, DnsCmdPlan};
use crate::report::Report;
use futures_util::future::join_all;
use serde_json::{Value, json};
use std::sync::Arc;

fn name(a: &DnsAction) -> &'static str {
    match a {
        DnsAction::Mx(_) => "mx",
        DnsAction::Spf { .. } => "spf",
        DnsAction::Dmarc(_) => "dmarc",
        DnsAction::Dkim { .. } => "dkim",
        DnsAction::MtaSts(_) => "mta-sts",
        DnsAction::TlsRpt(_) => "tls-rpt",
        DnsAction::Bimi { .. } => "bimi",
        DnsAction::Check { .. } => "check",
    }
}

pub async fn run(plan: &DnsCmdPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("dns {}", name(&plan.action)));
    let dns = match Dns::new(&plan.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    match &plan.action {
        DnsAction::Mx(domain) => {
            let mx = mx(&dns, domain).await;
            report.detail = Some(mx.summary.clone());
            report.table = Some(mx.table());
            report.data.insert("domain".into(), json!(domain));
            report.data.insert("mx".into(), mx.json());
            report.findings = mx.findings;
        }
        _ => {
            return report.finish(Some(Failure::usage("not available yet")), &ctx);
        }
    }
    let failure = verdict(&report.findings);
    report.finish(failure, &ctx)
}

/// The exit outcome of an audit: the worst finding decides. A failed lookup (temperror) outranks
/// everything else: the answer is unknown, so nothing else can be trusted.
pub fn verdict(findings: &[Finding]) -> Option<Failure> {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    if let Some(f) = findings.iter().find(|f| f.code.ends_with("-lookup-failed")) {
        return Some(Failure::new(
            Phase::Resolve,
            Kind::TempError,
            f.message.clone(),
        ));
    }
    match worst(findings) {
        Some(Severity::Error) => Some(Failure::new(
            Phase::Resolve,
            Kind::Errors,
            format!(
                "{} error(s), {} warning(s)",
                count(Severity::Error),
                count(Severity::Warning)
            ),
        )),
        Some(Severity::Warning) => Some(Failure::new(
            Phase::Resolve,
            Kind::Warnings,
            format!("{} warning(s)", count(Severity::Warning)),
        )),
        _ => None,
    }
}

/// One MX host and what its addresses resolved to.
pub struct MxHost {
    pub preference: u16,
    pub host: String,
    pub addresses: Vec<String>,
    pub cname: Option<String>,
    pub problem: Option<String>,
}

pub struct MxReport {
    pub hosts: Vec<MxHost>,
    pub implicit: bool,
    pub null_mx: bool,
    pub summary: String,
    pub findings: Vec<Finding>,
}

impl MxReport {
    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let rows = self
            .hosts
            .iter()
            .map(|h| {
                let note = match (&h.cname, &h.problem) {
                    (_, Some(p)) => p.clone(),
                    (Some(c), None) => format!("CNAME → {c}"),
                    _ => String::new(),
                };
                vec![
                    h.preference.to_string(),
                    h.host.clone(),
                    h.addresses.join(" "),
                    note,
                ]
            })
            .collect();
        (
            ["PREF", "HOST", "ADDRESSES", "NOTE"]
                .map(String::from)
                .to_vec(),
            rows,
        )
    }

    fn json(&self) -> Value {
        json!({
            "hosts": self.hosts.iter().map(|h| json!({"preference": h.preference, "host": h.host, "addresses": h.addresses, "cname": h.cname, "problem": h.problem})).collect::<Vec<_>>(),
            "implicit": self.implicit,
            "null_mx": self.null_mx,
        })
    }
}

fn lookup_failed(what: &str, neg: &Negative) -> Finding {
    Finding::error(
        &format!("{what}-lookup-failed"),
        format!("{what} lookup failed: {neg} — the result is unknown, not \"no record\""),
    )
}

/// MX audit (RFC 5321 §5.1, RFC 7505, RFC 2181 §10.3).
pub async fn mx(dns: &Dns, domain: &str) -> MxReport {
    let mut r = MxReport {
        hosts: vec![],
        implicit: false,
        null_mx: false,
        summary: String::new(),
        findings: vec![],
    };
    let records: Vec<(u16, String)> = match dns.query(domain, RecordType::MX).await {
        Ok(a) => a
            .recs()
            .filter_map(|x| match x {
                Rec::Mx {
                    preference,
                    exchange,
                } => Some((*preference, exchange.clone())),
                _ => None,
            })
            .collect(),
        Err(Negative::NxDomain) => {
            r.findings.push(Finding::error(
                "mx-nxdomain",
                format!("{domain} does not exist (NXDOMAIN): it cannot receive mail"),
            ));
            r.summary = "domain does not exist".into();
            return r;
        }
        Err(Negative::NoData) => Vec::new(),
        Err(neg) => {
            r.findings.push(lookup_failed("mx", &neg));
            r.summary = format!("MX lookup failed: {neg}");
            return r;
        }
    };
    let mut records = records;
    records.sort_by_key(|m| m.0);
    if records.iter().any(|m| m.1.is_empty()) {
        r.null_mx = true;
        if records.len() == 1 {
            r.findings.push(Finding::info(
                "mx-null",
                format!("{domain} publishes a null MX: it accepts no mail (RFC 7505)"),
            ));
            r.summary = "null MX: the domain accepts no mail".into();
            r.hosts.push(MxHost {
                preference: records[0].0,
                host: ".".into(),
                addresses: vec![],
                cname: None,
                problem: None,
            });
            return r;
        }
        r.findings.push(Finding::error(
            "mx-null-mixed",
            "a null MX must be the only MX record (RFC 7505 §3); senders may ignore it or fail",
        ));
    }
    if records.is_empty() {
        // RFC 5321 §5.1: no MX → the domain's own A/AAAA is the implicit MX.
        r.implicit = true;
        records.push((0, domain.to_string()));
    }
    let lookups = records.iter().filter(|m| !m.1.is_empty()).map(|(pref, host)| async move {
        let mut h = MxHost { preference: *pref, host: host.clone(), addresses: vec![], cname: None, problem: None };
        if host.parse::<std::net::IpAddr>().is_ok() {
            h.problem = Some("an IP address, not a host name (RFC 5321 §5.1)".into());
            return (h, vec![Finding::error("mx-ip-literal", format!("MX {host} is an IP address; an MX must name a host"))]);
        }
        let (a, aaaa) = tokio::join!(dns.query(host, RecordType::A), dns.query(host, RecordType::AAAA));
        let mut findings = Vec::new();
        for ans in [&a, &aaaa].into_iter().flatten() {
            for rec in ans.recs() {
                match rec {
                    Rec::A(ip) => h.addresses.push(ip.to_string()),
                    Rec::Aaaa(ip) => h.addresses.push(ip.to_string()),
                    _ => {}
                }
            }
            if let Some((_, target)) = ans.cnames.first() {
                h.cname = Some(target.clone());
            }
        }
        if h.cname.is_some() {
            findings.push(Finding::warning("mx-cname", format!("MX {host} is a CNAME (to {}); RFC 2181 §10.3 says an MX must point at the host's own name", h.cname.clone().unwrap_or_default())));
        }
        if h.addresses.is_empty() {
            match (&a, &aaaa) {
                (Err(x), Err(y)) if x.is_absent() && y.is_absent() => {
                    h.problem = Some(format!("does not resolve ({x})"));
                    findings.push(Finding::error("mx-unresolvable", format!("MX host {host} has no A or AAAA record")));
                }
                (Err(x), _) | (_, Err(x)) => {
                    h.problem = Some(format!("lookup failed ({x})"));
                    findings.push(lookup_failed("mx-host", x));
                }
                _ => {}
            }
        }
        (h, findings)
    });
    for (h, f) in join_all(lookups).await {
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
