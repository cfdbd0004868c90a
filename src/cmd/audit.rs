//! `mailctl audit DOMAIN`: run the audit (`audit/`), put every finding in the report, and let the
//! worst decide the exit code, as `dns check` does.

use crate::audit::{self, AuditPlan};
use crate::dns::Dns;
use crate::dns::finding::verdict;
use crate::event::{Ctx, OutputMode};
use crate::report::Report;
use crate::report::audit::AuditReport;
use std::sync::Arc;

pub(crate) async fn run(plan: &AuditPlan, ctx: Arc<Ctx>) -> Report {
    crate::run::bounded(
        plan.dns.max_time,
        "audit".into(),
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &AuditPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("audit");
    // The audit's human view is its findings: the DNS dialogue is shown with --transcript (JSON
    // always carries it as events, and each probe's dialogue in its attempt).
    let dns_ctx = if ctx.mode == OutputMode::Human && !plan.transcript {
        Arc::new(ctx.for_session(None))
    } else {
        ctx.clone()
    };
    let dns = match Dns::new(&plan.dns, dns_ctx) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let result = match audit::run(plan, &dns, &ctx).await {
        Ok(r) => r,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    report.findings = result.all_findings();
    let probed: usize = result.mx.iter().map(|m| m.addresses.len()).sum();
    report.detail = Some(format!(
        "{} MX host(s), {probed} address(es) probed",
        result.mx.len().max(result.dns.mx.hosts.len())
    ));
    let ending = verdict(&report.findings);
    report
        .with_body(AuditReport {
            audit: result,
            transcript: plan.transcript,
        })
        .conclude(ending, &ctx)
}
