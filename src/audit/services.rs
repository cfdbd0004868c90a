//! The client-facing services a domain publishes with RFC 6186 SRV records (and RFC 8314's
//! implicit-TLS ones): `_submission._tcp`, `_submissions._tcp`, `_imap._tcp`, `_imaps._tcp`,
//! `_pop3._tcp`, `_pop3s._tcp`. Each target, on each of its addresses, is probed the way a mail
//! client connects: implicit TLS, or the protocol's STARTTLS (SMTP STARTTLS, IMAP STARTTLS, POP3
//! STLS); the certificate is judged against the target name (RFC 6186 §6, RFC 7817 §3), and the
//! session ends politely without logging in.

use super::probe::{ProbeSettings, Recorder, TlsSeen, judge};
use crate::dns::{Dns, Rec, RecordType};
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, Event};
use crate::proto::Session;
use crate::proto::imap::Imap;
use crate::proto::imap::session as imap_session;
use crate::proto::pop3::Pop3;
use crate::proto::smtp::client::SmtpClient;
use crate::transport::connect::Connected;
use crate::transport::connect_to::{ConnectTo, redirect};
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Limit};
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// One kind of client service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Service {
    Submission,
    Submissions,
    Imap,
    Imaps,
    Pop3,
    Pop3s,
}

impl Service {
    pub(crate) const ALL: [Service; 6] = [
        Service::Submissions,
        Service::Submission,
        Service::Imaps,
        Service::Imap,
        Service::Pop3s,
        Service::Pop3,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Service::Submission => "submission",
            Service::Submissions => "submissions",
            Service::Imap => "imap",
            Service::Imaps => "imaps",
            Service::Pop3 => "pop3",
            Service::Pop3s => "pop3s",
        }
    }

    /// TLS from the first byte (RFC 8314 §3).
    fn implicit(self) -> bool {
        matches!(self, Service::Submissions | Service::Imaps | Service::Pop3s)
    }

    /// The implicit-TLS service that RFC 8314 §3.3 prefers to this one, if this is a STARTTLS one.
    fn implicit_twin(self) -> Option<Service> {
        match self {
            Service::Submission => Some(Service::Submissions),
            Service::Imap => Some(Service::Imaps),
            Service::Pop3 => Some(Service::Pop3s),
            _ => None,
        }
    }
}

/// One SRV record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SrvTarget {
    pub(crate) priority: u16,
    pub(crate) weight: u16,
    pub(crate) port: u16,
    /// The target host (empty for `.`: the service is not provided, RFC 2782).
    pub(crate) target: String,
}

/// One probe of one service target address.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServiceProbe {
    pub(crate) target: String,
    /// When the probe started, in ms since the audit started.
    pub(crate) started_ms: f64,
    pub(crate) port: u16,
    pub(crate) address: IpAddr,
    pub(crate) connected_to: String,
    /// The server offered STARTTLS/STLS (None for implicit TLS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) starttls_offered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tls: Option<TlsSeen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) failure: Option<Failure>,
    pub(crate) total_ms: f64,
    pub(crate) transcript: Vec<Event>,
}

/// One service: its SRV records and the probes of their targets.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServiceAudit {
    pub(crate) service: Service,
    pub(crate) name: String,
    pub(crate) records: Vec<SrvTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) problem: Option<String>,
    /// Targets that did not resolve, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) unresolved: Vec<(String, String)>,
    pub(crate) probes: Vec<ServiceProbe>,
}

/// Look up every service's SRV records and probe each target address (at most `cap` at once).
pub(crate) async fn audit(
    plan: &super::AuditPlan,
    dns: &Dns,
    ctx: &Ctx,
    tls: &TlsClient,
) -> Vec<ServiceAudit> {
    let (domain, rules, s, cap, family) = (
        plan.domain.as_str(),
        plan.connect_to.as_slice(),
        &plan.probe,
        plan.concurrency,
        plan.family,
    );
    use futures_util::StreamExt;
    let looked = futures_util::future::join_all(Service::ALL.iter().map(|sv| async move {
        let name = format!("_{}._tcp.{domain}", sv.label());
        let mut a = ServiceAudit {
            service: *sv,
            name: name.clone(),
            records: vec![],
            problem: None,
            unresolved: vec![],
            probes: vec![],
        };
        match dns.query(&name, RecordType::SRV).await {
            Ok(ans) => {
                let mut recs: Vec<SrvTarget> = ans
                    .recs()
                    .filter_map(|r| match r {
                        Rec::Srv {
                            priority,
                            weight,
                            port,
                            target,
                        } => Some(SrvTarget {
                            priority: *priority,
                            weight: *weight,
                            port: *port,
                            target: target.clone(),
                        }),
                        _ => None,
                    })
                    .collect();
                recs.sort_by_key(|r| (r.priority, std::cmp::Reverse(r.weight)));
                a.records = recs;
            }
            Err(n) if n.is_absent() => {}
            Err(n) => a.problem = Some(n.to_string()),
        }
        // Each target's addresses, at most 8 targets (a bound whatever is published).
        let mut jobs = Vec::new();
        for r in a.records.iter().filter(|r| !r.target.is_empty()).take(8) {
            match dns.host_ips(&r.target).await {
                Ok(ips) => {
                    for ip in ips.into_iter().filter(|ip| family.allows(ip)) {
                        jobs.push((r.target.clone(), r.port, ip));
                    }
                }
                Err(f) => a.unresolved.push((r.target.clone(), f.message)),
            }
        }
        (a, jobs)
    }))
    .await;
    // Every target address of every service in one stream, so `cap` bounds them all together
    // and services are probed side by side, in a fixed order (the order of [`Service::ALL`]).
    let jobs: Vec<(usize, Service, String, u16, IpAddr)> = looked
        .iter()
        .enumerate()
        .flat_map(|(i, (a, jobs))| {
            jobs.iter()
                .map(move |(t, port, ip)| (i, a.service, t.clone(), *port, *ip))
        })
        .collect();
    let probes: Vec<ServiceProbe> =
        futures_util::stream::iter(jobs.iter().map(|(_, service, target, port, ip)| {
            probe(
                ctx,
                *service,
                target.clone(),
                *port,
                *ip,
                dns,
                tls,
                rules,
                s,
            )
        }))
        .buffered(cap.max(1))
        .collect()
        .await;
    let mut out: Vec<ServiceAudit> = looked.into_iter().map(|(a, _)| a).collect();
    for ((i, ..), p) in jobs.iter().zip(probes) {
        out[*i].probes.push(p);
    }
    out
}

#[allow(clippy::too_many_arguments)]
async fn probe(
    parent: &Ctx,
    service: Service,
    target: String,
    port: u16,
    ip: IpAddr,
    dns: &Dns,
    tls: &TlsClient,
    rules: &[ConnectTo],
    s: &ProbeSettings,
) -> ServiceProbe {
    let rec = Recorder::new(parent);
    let ctx = rec.ctx.clone();
    let to = match redirect(rules, &target, Some(ip), port) {
        None => Ok(SocketAddr::new(ip, port)),
        Some(ep) => match ep.ip() {
            Some(a) => Ok(SocketAddr::new(a, ep.port)),
            None => dns
                .host_ips(&ep.host)
                .await
                .map(|ips| SocketAddr::new(ips[0], ep.port)),
        },
    };
    let mut p = ServiceProbe {
        target: target.clone(),
        started_ms: parent.now_ms(),
        port,
        address: ip,
        connected_to: to.as_ref().map(|t| t.to_string()).unwrap_or_default(),
        starttls_offered: None,
        tls: None,
        failure: None,
        total_ms: 0.0,
        transcript: vec![],
    };
    let res = match to {
        Ok(to) => session(&ctx, service, &target, to, tls, s, &mut p).await,
        Err(f) => Err(f),
    };
    p.failure = res.err();
    p.total_ms = rec.total_ms();
    p.transcript = rec.events();
    p
}

async fn session(
    ctx: &Arc<Ctx>,
    service: Service,
    host: &str,
    to: SocketAddr,
    tls: &TlsClient,
    s: &ProbeSettings,
    p: &mut ServiceProbe,
) -> Result<(), Failure> {
    let limit = Limit::starting_now(Some(s.max_time));
    let stream = limit
        .run(
            Phase::Connect,
            crate::transport::connect(&[to], s.connect_timeout, ctx),
        )
        .await?;
    let (io, negotiated): (BoxIo, _) = if service.implicit() {
        let (t, n) = limit
            .run(
                Phase::Tls,
                tls.handshake(stream, host, s.timeout, ctx, true),
            )
            .await?;
        (Box::new(t), Some(n))
    } else {
        (Box::new(stream), None)
    };
    let conn = Connected {
        io,
        tls: service.implicit(),
        host: host.to_string(),
        addr: to.to_string(),
        sock: None,
        limit,
        timeout: s.timeout,
        negotiated,
    };
    let wire = conn.into_wire(ctx.clone());
    let negotiated = match service {
        Service::Submission | Service::Submissions => {
            let mut c = SmtpClient::new(wire);
            let res = smtp(&mut c, service, host, tls, s, p).await;
            let n = c.wire.negotiated().cloned();
            c.end_if_failed(res).await?;
            n
        }
        Service::Imap | Service::Imaps => {
            let mut c = Imap::new(wire);
            let res = imap(&mut c, service, host, tls, p).await;
            let n = c.wire.negotiated().cloned();
            c.end_if_failed(res).await?;
            n
        }
        Service::Pop3 | Service::Pop3s => {
            let mut c = Pop3::new(wire);
            let res = pop3(&mut c, service, host, tls, p).await;
            let n = c.wire.negotiated().cloned();
            c.end_if_failed(res).await?;
            n
        }
    };
    p.tls = negotiated.map(|n| judge(tls, n, host));
    Ok(())
}

async fn smtp(
    c: &mut SmtpClient<BoxIo>,
    service: Service,
    host: &str,
    tls: &TlsClient,
    s: &ProbeSettings,
    p: &mut ServiceProbe,
) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Banner);
    let banner = c.read_reply().await?;
    if !banner.is_positive() {
        return Err(c.rejected("greeting", &banner));
    }
    let caps = c.hello(&s.helo, false).await?;
    if !service.implicit() {
        p.starttls_offered = Some(caps.has("STARTTLS"));
        if !caps.has("STARTTLS") {
            return Err(Failure::new(
                Phase::Capability,
                Kind::Capability,
                "STARTTLS is not offered",
            ));
        }
        c.wire.set_phase(Phase::Starttls);
        let r = c.command("STARTTLS").await?;
        if r.code != 220 {
            return Err(c.rejected("STARTTLS", &r));
        }
        c.wire.start_tls(tls, host, Phase::Ehlo).await?;
        c.hello(&s.helo, false).await?;
    }
    c.quit().await;
    Ok(())
}

async fn imap(
    c: &mut Imap<BoxIo>,
    service: Service,
    host: &str,
    tls: &TlsClient,
    p: &mut ServiceProbe,
) -> Result<(), Failure> {
    let greeting = c.greeting().await?;
    let starttls = !service.implicit();
    let res = imap_session::starttls_or_capability(c, greeting, starttls, Some(tls), host).await;
    if starttls {
        p.starttls_offered = Some(!matches!(&res, Err(f) if f.kind == Kind::Capability));
    }
    res?;
    c.logout().await;
    Ok(())
}

async fn pop3(
    c: &mut Pop3<BoxIo>,
    service: Service,
    host: &str,
    tls: &TlsClient,
    p: &mut ServiceProbe,
) -> Result<(), Failure> {
    c.greeting().await?;
    c.capa().await?;
    if !service.implicit() {
        let res = c.stls(tls, host).await;
        p.starttls_offered = Some(!matches!(&res, Err(f) if f.kind == Kind::Capability));
        res?;
    }
    crate::proto::pop3::session::quit(c).await?;
    Ok(())
}

/// The findings of the services.
pub(crate) fn findings(all: &[ServiceAudit], warn_days: i64) -> Vec<crate::dns::finding::Finding> {
    use crate::dns::finding::{Finding, Severity};
    let mut f = Vec::new();
    let absent: Vec<&str> = all
        .iter()
        .filter(|a| a.records.is_empty() && a.problem.is_none())
        .map(|a| a.service.label())
        .collect();
    if absent.len() == all.len() {
        f.push(Finding::info(
            "srv-none",
            "no RFC 6186 SRV records for submission, IMAP or POP3: mail clients cannot find the servers by themselves",
        ));
    }
    for a in all {
        let label = a.service.label();
        if let Some(p) = &a.problem {
            f.push(Finding::error(
                "srv-lookup-failed",
                format!("{label}: SRV lookup for {} failed: {p}", a.name),
            ));
        }
        if a.records.iter().any(|r| r.target.is_empty()) {
            f.push(Finding::info(
                "srv-not-provided",
                format!(
                    "{label}: {} says the service is not provided (target \".\", RFC 6186 §4)",
                    a.name
                ),
            ));
        }
        for (t, why) in &a.unresolved {
            f.push(Finding::error(
                "srv-target-unresolved",
                format!("{label}: the SRV target {t} has no address: {why}"),
            ));
        }
        if !a.records.iter().any(|r| !r.target.is_empty()) {
            continue;
        }
        if let Some(twin) = a.service.implicit_twin()
            && !all
                .iter()
                .any(|b| b.service == twin && b.records.iter().any(|r| !r.target.is_empty()))
        {
            f.push(Finding::info(
                "service-implicit-tls-missing",
                format!(
                    "{label} is published but {} is not: RFC 8314 §3.3 prefers implicit TLS for mail clients",
                    twin.label()
                ),
            ));
        }
        for p in &a.probes {
            let w = format!("{label} {}:{} [{}]", p.target, p.port, p.address);
            match &p.failure {
                Some(fl) if fl.kind == Kind::Capability => f.push(Finding::error(
                    "service-starttls-missing",
                    format!(
                        "{w}: {} — a client would send its password in plaintext",
                        fl.message
                    ),
                )),
                Some(fl) if fl.phase == Phase::Connect => f.push(Finding::error(
                    "service-unreachable",
                    format!("{w}: {}", fl.message),
                )),
                Some(fl) if fl.phase == Phase::Tls => f.push(Finding::error(
                    "service-tls-failed",
                    format!("{w}: {}", fl.message),
                )),
                Some(fl) => f.push(Finding::error(
                    "service-probe-failed",
                    format!("{w}: failed {}", super::judge::failed_in(fl)),
                )),
                None => {}
            }
            if let Some(t) = &p.tls {
                let days = t.cert.as_ref().map(|c| c.days_left).unwrap_or(0);
                match (&t.pkix_problem, t.problem_code) {
                    // Mail clients verify certificates (RFC 7817 §3): an invalid one stops them.
                    (Some(msg), Some(code)) => f.push(Finding::error(
                        &format!("service-cert-{code}"),
                        format!("{w}: {msg}"),
                    )),
                    _ if days < warn_days => f.push(Finding::warning(
                        "service-cert-expiring",
                        format!("{w}: the certificate expires in {days} day(s)"),
                    )),
                    _ if p.failure.is_none() => f.push(Finding::new(
                        Severity::Ok,
                        "service-ok",
                        format!(
                            "{w}: {} {}, certificate valid for {}, {days} days left",
                            t.version, t.cipher, p.target
                        ),
                    )),
                    _ => {}
                }
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    //! The services' finding codes from results built by hand (the rig covers service-ok,
    //! service-cert-expiring, service-cert-name-mismatch and srv-not-provided end to end).

    use super::*;
    use crate::dns::finding::Severity;

    fn probe(failure: Option<Failure>, tls: Option<TlsSeen>) -> ServiceProbe {
        ServiceProbe {
            target: "mail.example".into(),
            started_ms: 0.0,
            port: 587,
            address: "192.0.2.1".parse().unwrap(),
            connected_to: "192.0.2.1:587".into(),
            starttls_offered: Some(true),
            tls,
            failure,
            total_ms: 1.0,
            transcript: vec![],
        }
    }

    fn service(service: Service, probes: Vec<ServiceProbe>) -> ServiceAudit {
        ServiceAudit {
            service,
            name: format!("_{}._tcp.example", service.label()),
            records: vec![SrvTarget {
                priority: 0,
                weight: 1,
                port: 587,
                target: "mail.example".into(),
            }],
            problem: None,
            unresolved: vec![],
            probes,
        }
    }

    fn codes(all: &[ServiceAudit]) -> Vec<(String, Severity)> {
        findings(all, 14)
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[track_caller]
    fn has(f: &[(String, Severity)], code: &str, sev: Severity) {
        assert!(
            f.iter().any(|(c, s)| c == code && *s == sev),
            "no {sev:?} {code} in {f:?}"
        );
    }

    #[test]
    fn every_service_code() {
        let none: Vec<ServiceAudit> = Service::ALL
            .iter()
            .map(|s| ServiceAudit {
                records: vec![],
                ..service(*s, vec![])
            })
            .collect();
        has(&codes(&none), "srv-none", Severity::Info);

        let mut failed = service(Service::Imaps, vec![]);
        failed.records.clear();
        failed.problem = Some("SERVFAIL".into());
        has(&codes(&[failed]), "srv-lookup-failed", Severity::Error);

        let mut unresolved = service(Service::Imaps, vec![]);
        unresolved.unresolved = vec![("mail.example".into(), "NXDOMAIN".into())];
        has(
            &codes(&[unresolved]),
            "srv-target-unresolved",
            Severity::Error,
        );

        let f = |phase, kind| Some(Failure::new(phase, kind, "it failed"));
        let cases = [
            (
                f(Phase::Capability, Kind::Capability),
                "service-starttls-missing",
            ),
            (f(Phase::Connect, Kind::Connect), "service-unreachable"),
            (f(Phase::Tls, Kind::Tls), "service-tls-failed"),
            (f(Phase::Banner, Kind::Rejected), "service-probe-failed"),
        ];
        for (failure, code) in cases {
            let s = service(Service::Submission, vec![probe(failure, None)]);
            has(&codes(&[s]), code, Severity::Error);
        }
        // Clients verify certificates (RFC 7817): an invalid one is an error.
        let expired = TlsSeen {
            version: "TLSv1.3".into(),
            cipher: "TLS13_AES_256_GCM_SHA384".into(),
            cert: None,
            leaf_sha256: String::new(),
            pkix_valid: false,
            pkix_problem: Some("the certificate expired on 2026-01-01".into()),
            problem_code: Some("expired"),
            chain: vec![],
        };
        let s = service(Service::Submissions, vec![probe(None, Some(expired))]);
        has(&codes(&[s]), "service-cert-expired", Severity::Error);
        // A STARTTLS service without its implicit-TLS twin (RFC 8314 §3.3).
        let s = service(Service::Imap, vec![]);
        has(&codes(&[s]), "service-implicit-tls-missing", Severity::Info);
    }
}
