//! `mailctl smtp send`: connect per the plan, run the SMTP dialogue, report per-recipient outcomes.

use crate::event::Ctx;
use crate::plan::SmtpSendPlan;
use crate::proto::smtp;
use crate::report::Report;
use crate::transport::connect;
use serde_json::{Value, json};
use std::sync::Arc;

pub async fn run(plan: &SmtpSendPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("smtp send");
    // The summary has the same keys whatever the outcome (stable schema for machines).
    report.data.insert("recipients".into(), json!([]));
    report.data.insert("accepted".into(), Value::Bool(false));
    report.data.insert("tls".into(), Value::Bool(false));
    let (tls, conn) = match connect::start(&plan.connect, &ctx).await {
        Ok(x) => x,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let wire = conn.into_wire(ctx.clone());
    let d = smtp::run(wire, &host, &plan.send, tls.as_ref()).await;
    report.data.insert(
        "recipients".into(),
        serde_json::to_value(&d.rcpts).unwrap_or_default(),
    );
    report
        .data
        .insert("accepted".into(), Value::Bool(d.accepted));
    report.data.insert("tls".into(), Value::Bool(d.tls));
    report.detail = d.final_reply.clone();
    if d.failure.is_none()
        && let Some(q) = plan.send.quit_after
    {
        report.detail = Some(format!("stopped after {q:?} as asked (--quit-after)").to_lowercase());
    }
    report.finish(d.failure, &ctx)
}
