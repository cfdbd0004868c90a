//! `mailctl smtp send`: connect per the plan, run the SMTP dialogue, report per-recipient outcomes.

use crate::event::Ctx;
use crate::plan::SmtpSendPlan;
use crate::proto::smtp::{self, RcptResult};
use crate::report::Report;
use crate::report::smtp::{Recipient, SendResult};
use crate::transport::connect;
use std::sync::Arc;

pub(crate) async fn run(plan: &SmtpSendPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("smtp send");
    let (tls, conn) = match connect::start(&plan.connect, &ctx).await {
        Ok(x) => x,
        // The summary has the same keys whatever the outcome (stable schema for machines).
        Err(f) => {
            return report
                .with_body(SendResult::default())
                .finish(Some(f), &ctx);
        }
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let wire = conn.into_wire(ctx.clone());
    let d = smtp::run(wire, &host, &plan.send, tls.as_ref()).await;
    report.detail = d.final_reply.clone();
    if d.failure.is_none()
        && let Some(q) = plan.send.quit_after
    {
        report.detail = Some(if plan.send.drop {
            format!(
                "closed after {} without QUIT, as asked (--drop-after)",
                q.name()
            )
        } else {
            format!("stopped after {} as asked (--quit-after)", q.name())
        });
    }
    let result = SendResult {
        recipients: d.rcpts.iter().map(recipient).collect(),
        accepted: d.accepted,
        tls: d.tls,
        verified: d.verified.clone(),
    };
    let ending = match d.failure {
        Some(f) => Err(f),
        None => Ok(d.partial()),
    };
    report.with_body(result).conclude(ending, &ctx)
}

fn recipient(r: &RcptResult) -> Recipient {
    Recipient {
        addr: r.addr.clone(),
        accepted: r.accepted,
        reply: r.reply.clone(),
        delivery: r.delivery.clone(),
        delivered: r.delivered,
    }
}
