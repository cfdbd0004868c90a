//! `mailctl smtp send`: connect per the plan, run the SMTP dialogue, report per-recipient outcomes.

use super::connect;
use crate::event::Ctx;
use crate::plan::SmtpSendPlan;
use crate::proto::smtp;
use crate::report::Report;
use crate::transport::tls::TlsClient;
use std::sync::Arc;

pub async fn run(plan: &SmtpSendPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("smtp send");
    // The summary has the same keys whatever the outcome (stable schema for machines).
    report
        .data
        .insert("recipients".into(), serde_json::json!([]));
    report
        .data
        .insert("accepted".into(), serde_json::Value::Bool(false));
    report
        .data
        .insert("tls".into(), serde_json::Value::Bool(false));
    let needs_tls = plan.connect.implicit_tls || plan.connect.starttls;
    let tls = if needs_tls {
        match TlsClient::new(&plan.connect.tls) {
            Ok(t) => Some(t),
            Err(f) => {
                report.failure = Some(f);
                return finish(report, &ctx);
            }
        }
    } else {
        None
    };
    let conn = match connect::open(&plan.connect, tls.as_ref(), &ctx).await {
        Ok(c) => c,
        Err(f) => {
            report.failure = Some(f);
            return finish(report, &ctx);
        }
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let wire = conn.into_wire(ctx.clone(), plan.connect.timeout);
    let d = smtp::run(wire, &host, &plan.send, tls.as_ref()).await;
    report.data.insert(
        "recipients".into(),
        serde_json::to_value(&d.rcpts).unwrap_or_default(),
    );
    report
        .data
        .insert("accepted".into(), serde_json::Value::Bool(d.accepted));
    report
        .data
        .insert("tls".into(), serde_json::Value::Bool(d.tls));
    report.detail = d.final_reply.clone();
    if d.failure.is_none() && plan.send.quit_after.is_some() {
        report.detail = Some(
            format!(
                "stopped after {:?} as asked (--quit-after)",
                plan.send.quit_after.unwrap_or(smtp::QuitAfter::Connect)
            )
            .to_lowercase(),
        );
    }
    report.failure = d.failure;
    finish(report, &ctx)
}

fn finish(mut report: Report, ctx: &Ctx) -> Report {
    report.timings = ctx.timings();
    report.total_ms = ctx.now_ms();
    report
}
