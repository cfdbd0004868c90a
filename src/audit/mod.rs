//! `mailctl audit DOMAIN`: is this domain's mail set up right, end to end. The DNS records
//! (`dns::audit`, the same code as `dns check`), then every MX host on each of its addresses
//! probed live and concurrently ([`probe`]), its certificate judged against the MX name, its
//! TLSA records matched against what it presented ([`dane`]), its reverse DNS confirmed
//! ([`rdns`]), and every finding with a stable code and a severity.
//!
//! The probes start as soon as the MX answer is in: the rest of the DNS audit (an SPF tree, the
//! DMARC fallback) runs beside them, so the run takes about the longest chain (MX lookup, address
//! lookups, one probe), not the sum.

pub(crate) mod dane;
pub(crate) mod judge;
pub(crate) mod mta_sts;
pub(crate) mod probe;
pub(crate) mod rdns;
pub(crate) mod services;

use crate::dns::audit::{DomainAudit, audit_domain};
use crate::dns::finding::Finding;
use crate::dns::mx::{self, MxReport};
use crate::dns::{Dns, DnsPlan, RecordType};
use crate::event::Ctx;
use crate::transport::Family;
use crate::transport::connect_to::{ConnectTo, redirect};
use crate::transport::tls::{TlsClient, TlsPlan};
use dane::{RecordCheck, Tlsa};
use futures_util::StreamExt;
use futures_util::future::join_all;
use probe::{Attempt, ProbeSettings};
use rdns::Rdns;
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Everything an audit run needs, decided by the plan.
#[derive(Debug, Clone)]
pub(crate) struct AuditPlan {
    pub(crate) domain: String,
    pub(crate) dns: DnsPlan,
    pub(crate) selectors: Vec<String>,
    pub(crate) connect_to: Vec<ConnectTo>,
    /// Probes per address (`--repeat`), one after another.
    pub(crate) repeat: u32,
    /// Addresses probed at once.
    pub(crate) concurrency: usize,
    pub(crate) family: Family,
    pub(crate) tls: TlsPlan,
    pub(crate) probe: ProbeSettings,
    /// Certificates with fewer days left than this are a warning.
    pub(crate) cert_warn_days: i64,
    /// `--no-probe`: DNS only.
    pub(crate) probe_mx: bool,
    /// `--transcript`: the human output shows every probe's dialogue.
    pub(crate) transcript: bool,
    /// Validate DNSSEC (off with `--no-dnssec`), from the root's keys or `--trust-anchor`.
    pub(crate) dnssec: bool,
    pub(crate) trust_anchor: Option<std::path::PathBuf>,
}

/// The TLSA records of one MX host (`_25._tcp.HOST`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TlsaSet {
    pub(crate) name: String,
    pub(crate) records: Vec<Tlsa>,
    /// Why the lookup gave no answer when it failed (not for "no records").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) problem: Option<String>,
    /// The DNSSEC status of the TLSA answer (None: not validated, `--no-dnssec`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) dnssec: Option<crate::dns::dnssec::Status>,
}

/// One address of an MX host and what its probes found.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AddressAudit {
    pub(crate) address: IpAddr,
    pub(crate) rdns: Rdns,
    pub(crate) attempts: Vec<Attempt>,
    /// Each TLSA record against the chain of the first probe that got one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) dane: Vec<RecordCheck>,
    /// TLS 1.0 and 1.1 offered with crafted ClientHellos (RFC 8996 deprecates both), when the
    /// address offers STARTTLS.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) legacy_tls: Vec<probe::LegacyResult>,
    pub(crate) findings: Vec<Finding>,
}

/// One MX host.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MxAudit {
    pub(crate) host: String,
    pub(crate) preference: u16,
    pub(crate) tlsa: TlsaSet,
    pub(crate) addresses: Vec<AddressAudit>,
    pub(crate) findings: Vec<Finding>,
}

/// The whole audit. JSON: `domain`, `dns` (as `dns check`), `mx` (hosts → addresses →
/// attempts, each level with its own findings), `mx_set_findings` (across hosts); the report's
/// `findings` has every finding, flat.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuditResult {
    pub(crate) domain: String,
    pub(crate) dns: DomainAudit,
    pub(crate) mx: Vec<MxAudit>,
    /// Findings about the MX set as a whole (consistency across hosts).
    pub(crate) mx_set_findings: Vec<Finding>,
    /// RFC 6186 client services (submission, IMAP, POP3) and their probes.
    pub(crate) services: Vec<services::ServiceAudit>,
    /// Findings about the client services.
    pub(crate) services_findings: Vec<Finding>,
    /// The MTA-STS policy fetched from `https://mta-sts.DOMAIN/.well-known/mta-sts.txt` and
    /// judged (RFC 8461); `dns.mta_sts` is the `_mta-sts` TXT record. None with `--no-probe`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) mta_sts_policy: Option<mta_sts::MtaStsAudit>,
    /// The DNSSEC status of each answer the audit relies on (empty with `--no-dnssec`).
    pub(crate) dnssec: Vec<crate::dns::dnssec::Checked>,
    pub(crate) dnssec_findings: Vec<Finding>,
}

impl AuditResult {
    /// Every finding, in the order of the report: DNS records, then each MX host and its
    /// addresses, then the MX set as a whole.
    pub(crate) fn all_findings(&self) -> Vec<Finding> {
        let mut out = self.dns.findings();
        out.extend(self.dnssec_findings.iter().cloned());
        if let Some(m) = &self.mta_sts_policy {
            out.extend(m.findings.iter().cloned());
        }
        for m in &self.mx {
            out.extend(m.findings.iter().cloned());
            for a in &m.addresses {
                out.extend(a.findings.iter().cloned());
            }
        }
        out.extend(self.mx_set_findings.iter().cloned());
        out.extend(self.services_findings.iter().cloned());
        out
    }
}

/// Run the audit. `ctx` carries the DNS transcript; each probe keeps its own.
pub(crate) async fn run(
    plan: &AuditPlan,
    dns: &Dns,
    ctx: &Arc<Ctx>,
) -> Result<AuditResult, crate::error::Failure> {
    let tls = TlsClient::new(&plan.tls)?;
    let validator = if plan.dnssec {
        Some(crate::dns::dnssec::Validator::new(
            &plan.dns,
            plan.trust_anchor.as_deref(),
        )?)
    } else {
        None
    };
    let sts_settings = mta_sts::FetchSettings::of(plan);
    let (dns_audit, mx, services, dnssec, sts) = tokio::join!(
        audit_domain(dns, &plan.domain, &plan.selectors),
        async {
            let report = mx::audit(dns, &plan.domain).await;
            if plan.probe_mx {
                probe_all(plan, dns, ctx, &tls, &report).await
            } else {
                Vec::new()
            }
        },
        async {
            if plan.probe_mx {
                services::audit(plan, dns, ctx, &tls).await
            } else {
                Vec::new()
            }
        },
        validate(plan, dns, validator.as_ref()),
        async {
            if plan.probe_mx {
                Some(
                    mta_sts::fetch(
                        &plan.domain,
                        dns,
                        &tls,
                        &plan.connect_to,
                        &sts_settings,
                        ctx,
                    )
                    .await,
                )
            } else {
                None
            }
        }
    );
    // Senders enforce MTA-STS only when the TXT record announces a usable policy in enforce
    // mode (RFC 8461 §5): then an MX without STARTTLS gets no mail from them.
    let has_sts = dns_audit.mta_sts.record.is_some()
        && sts.as_ref().is_some_and(|s| {
            s.usable
                && s.policy
                    .as_ref()
                    .is_some_and(|p| p.mode == Some(mta_sts::policy::Mode::Enforce))
        });
    let mut mx = mx;
    for m in &mut mx {
        let tlsa_name = format!("{}. TLSA", m.tlsa.name);
        m.tlsa.dnssec = dnssec
            .iter()
            .find(|c| format!("{}. {}", c.name, c.rtype) == tlsa_name)
            .map(|c| c.status);
        judge::host(m, &tls, has_sts, plan.cert_warn_days);
    }
    let mx_set_findings = if plan.probe_mx {
        judge::across(&mx, &dns_audit.mx)
    } else {
        Vec::new()
    };
    let mut sts = sts;
    if let Some(s) = &mut sts {
        let hosts: Vec<String> = dns_audit.mx.hosts.iter().map(|h| h.host.clone()).collect();
        mta_sts::judge(s, &dns_audit.mta_sts, &hosts, &mta_sts::host_certs(&mx));
    }
    Ok(AuditResult {
        domain: plan.domain.clone(),
        dns: dns_audit,
        mx,
        mx_set_findings,
        services_findings: services::findings(&services, plan.cert_warn_days),
        services,
        dnssec_findings: crate::dns::dnssec::findings(&plan.domain, &dnssec),
        dnssec,
        mta_sts_policy: sts,
    })
}

/// DNSSEC status of what the audit relies on: the MX set, SPF and DMARC records, and each MX
/// host's addresses and TLSA records (RFC 7672 §2.2: DANE counts only when those are secure).
async fn validate(
    plan: &AuditPlan,
    dns: &Dns,
    v: Option<&crate::dns::dnssec::Validator>,
) -> Vec<crate::dns::dnssec::Checked> {
    let Some(v) = v else {
        return Vec::new();
    };
    let d = &plan.domain;
    let mut qs: Vec<(String, RecordType)> = vec![
        (d.clone(), RecordType::MX),
        (d.clone(), RecordType::TXT),
        (format!("_dmarc.{d}"), RecordType::TXT),
    ];
    let report = mx::audit(dns, d).await;
    for h in report.hosts.iter().take(16) {
        if !qs.iter().any(|(n, _)| *n == h.host) {
            qs.push((h.host.clone(), RecordType::A));
            qs.push((format!("_25._tcp.{}", h.host), RecordType::TLSA));
        }
    }
    join_all(qs.iter().map(|(n, t)| v.check(dns, n, *t))).await
}

async fn probe_all(
    plan: &AuditPlan,
    dns: &Dns,
    ctx: &Arc<Ctx>,
    tls: &TlsClient,
    report: &MxReport,
) -> Vec<MxAudit> {
    // Each (host, address) once, in MX order; a host listed twice is probed once.
    let mut hosts: Vec<&mx::MxHost> = Vec::new();
    for h in &report.hosts {
        if !hosts.iter().any(|x| x.host == h.host) {
            hosts.push(h);
        }
    }
    let jobs: Vec<(usize, IpAddr)> = hosts
        .iter()
        .enumerate()
        .flat_map(|(i, h)| {
            h.addresses
                .iter()
                .filter(|ip| plan.family.allows(ip))
                .map(move |ip| (i, *ip))
        })
        .collect();
    let tlsa = join_all(hosts.iter().map(|h| tlsa(dns, &h.host)));
    let probes = futures_util::stream::iter(jobs.iter().map(|(i, ip)| {
        let host = &hosts[*i].host;
        address(plan, dns, ctx, tls, host, *ip)
    }))
    .buffered(plan.concurrency.max(1))
    .collect::<Vec<_>>();
    let (tlsa, mut probed) = tokio::join!(tlsa, probes);
    let mut out: Vec<MxAudit> = hosts
        .iter()
        .zip(tlsa)
        .map(|(h, t)| MxAudit {
            host: h.host.clone(),
            preference: h.preference,
            tlsa: t,
            addresses: Vec::new(),
            findings: Vec::new(),
        })
        .collect();
    for ((i, _), a) in jobs.iter().zip(probed.drain(..)) {
        out[*i].addresses.push(a);
    }
    out
}

async fn tlsa(dns: &Dns, host: &str) -> TlsaSet {
    let name = format!("_25._tcp.{host}");
    match dns.query(&name, RecordType::TLSA).await {
        Ok(a) => TlsaSet {
            records: a.recs().filter_map(Tlsa::from_rec).collect(),
            name,
            problem: None,
            dnssec: None,
        },
        Err(n) if n.is_absent() => TlsaSet {
            name,
            records: vec![],
            problem: None,
            dnssec: None,
        },
        Err(n) => TlsaSet {
            name,
            records: vec![],
            problem: Some(n.to_string()),
            dnssec: None,
        },
    }
}

/// Probe one address `--repeat` times, one after another, and look up its reverse DNS beside.
async fn address(
    plan: &AuditPlan,
    dns: &Dns,
    ctx: &Arc<Ctx>,
    tls: &TlsClient,
    host: &str,
    ip: IpAddr,
) -> AddressAudit {
    let target = match redirect(&plan.connect_to, host, Some(ip), 25) {
        None => Ok(SocketAddr::new(ip, 25)),
        Some(ep) => match ep.ip() {
            Some(to) => Ok(SocketAddr::new(to, ep.port)),
            None => dns
                .host_ips(&ep.host)
                .await
                .map(|ips| SocketAddr::new(ips[0], ep.port)),
        },
    };
    let attempts = async {
        let mut out = Vec::new();
        match &target {
            Ok(to) => {
                for _ in 0..plan.repeat.max(1) {
                    out.push(probe::probe(ctx, host, *to, tls, &plan.probe).await);
                }
            }
            Err(f) => out.push(probe::failed_before_connect(f.clone())),
        }
        out
    };
    // TLS 1.0 and 1.1 on connections of their own, beside the probe (after it, they would add
    // a whole greeting wait to the audit's longest chain: bench/RESULTS.md, "Audit"); kept only
    // where the probe got through STARTTLS. With --repeat they come after the repeated probes,
    // which the user asked to see one after another and alone.
    let legacy = async {
        use crate::transport::hello::{TLS1_0, TLS1_1};
        match &target {
            Ok(to) => {
                let (v10, v11) = tokio::join!(
                    probe::legacy_tls(ctx, host, *to, &plan.probe, TLS1_0),
                    probe::legacy_tls(ctx, host, *to, &plan.probe, TLS1_1)
                );
                vec![v10, v11]
            }
            Err(_) => Vec::new(),
        }
    };
    let (rdns, attempts, mut legacy_tls) = if plan.repeat > 1 {
        let (rdns, attempts) = tokio::join!(rdns::lookup(dns, ip), attempts);
        (rdns, attempts, legacy.await)
    } else {
        tokio::join!(rdns::lookup(dns, ip), attempts, legacy)
    };
    if !attempts.iter().any(|a| a.tls.is_some()) {
        legacy_tls.clear();
    }
    AddressAudit {
        address: ip,
        rdns,
        attempts,
        dane: Vec::new(),
        legacy_tls,
        findings: Vec::new(),
    }
}
