//! `mailctl wkd ADDRESS`: both Web Key Directory methods for the address (`crate::pgp::wkd`),
//! their requests in the transcript, findings deciding the exit code as for `dns` (0, 11, 12).

use crate::dns::Dns;
use crate::dns::finding::verdict;
use crate::error::Failure;
use crate::event::Ctx;
use crate::pgp::wkd;
use crate::plan::WkdPlan;
use crate::report::Report;
use crate::report::pgp::Wkd;
use crate::transport::http::{Auth, Client};
use std::sync::Arc;

pub(crate) async fn run(plan: &WkdPlan, ctx: Arc<Ctx>) -> Report {
    crate::run::bounded(
        plan.dns.max_time,
        "wkd".into(),
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &WkdPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("wkd");
    let dns = match Dns::new(&plan.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let mut http = Client::new(plan.http.clone(), Auth::None, ctx.clone());
    let now = crate::pgp::now();
    let w = match wkd::lookup(&plan.address, &mut http, &dns, now).await {
        Ok(w) => w,
        Err(e) => return report.finish(Some(Failure::usage(e)), &ctx),
    };
    report.findings = wkd::findings(&w, now);
    let used = w.used();
    report.detail = Some(format!(
        "{} method: {}",
        used.method.as_str(),
        wkd::describe(used)
    ));
    let ending = verdict(&report.findings);
    report.with_body(Wkd { wkd: w }).conclude(ending, &ctx)
}
