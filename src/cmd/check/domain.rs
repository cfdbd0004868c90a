//! `check domain`: the audit as one monitoring check. Errors are CRITICAL and warnings WARNING
//! (reasons, each with its finding code); the probes' dialogues join the target's transcript
//! (for `--transcript-on-failure`); the certificates the probes were shown join its events, so
//! the thresholds judge the one closest to expiry.

use super::Outcome;
use crate::audit;
use crate::dns::Dns;
use crate::dns::finding::Severity;
use crate::event::{Ctx, Event};
use crate::plan::check::DomainPlan;
use crate::report::check::{Reason, Status};
use std::sync::Arc;

/// Codes whose verdict the thresholds give instead (`--cert-warn-days`, `--cert-crit-days`).
const BY_THRESHOLD: &[&str] = &["cert-expiring", "service-cert-expiring"];

pub(crate) async fn run(plan: &DomainPlan, ctx: Arc<Ctx>) -> Outcome {
    let mut o = Outcome::default();
    let dns = match Dns::new(&plan.audit.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => {
            o.failure = Some(f);
            return o;
        }
    };
    let bounded = async {
        match plan.audit.dns.max_time {
            Some(max) => tokio::time::timeout(max, audit::run(&plan.audit, &dns, &ctx))
                .await
                .unwrap_or_else(|_| {
                    Err(crate::error::Failure::new(
                        crate::error::Phase::Resolve,
                        crate::error::Kind::MaxTime,
                        format!("the audit did not finish within --max-time {max:?}"),
                    ))
                }),
            None => audit::run(&plan.audit, &dns, &ctx).await,
        }
    };
    let result = match bounded.await {
        Ok(r) => r,
        Err(f) => {
            o.failure = Some(f);
            return o;
        }
    };
    // Every probe's dialogue and certificate, after the DNS events.
    let sink = ctx.sink();
    let replay = |events: &[Event]| {
        for e in events {
            sink.emit(e.clone());
        }
    };
    for m in &result.mx {
        for a in &m.addresses {
            for t in &a.attempts {
                replay(&t.transcript);
            }
        }
    }
    if let Some(m) = &result.mta_sts_policy {
        replay(&m.transcript);
    }
    for s in &result.services {
        for p in &s.probes {
            replay(&p.transcript);
        }
    }
    let findings = result.all_findings();
    for f in &findings {
        if BY_THRESHOLD.contains(&f.code.as_str()) {
            continue;
        }
        let status = match f.severity {
            Severity::Error => Status::Critical,
            Severity::Warning if !plan.ignore_warnings => Status::Warning,
            _ => continue,
        };
        o.reasons.push(Reason {
            status,
            message: format!("{}: {}", f.code, f.message),
        });
    }
    let probed: usize = result.mx.iter().map(|m| m.addresses.len()).sum();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    o.parts.push(format!(
        "{} MX host(s), {probed} address(es) probed: {} error(s), {} warning(s), {} ok",
        result.mx.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Ok)
    ));
    o.server = Some(format!("{} MX", result.mx.len()));
    o
}
