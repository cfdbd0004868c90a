//! `mailctl dkim …`: verify, sign, keygen.

pub(crate) mod keygen;
pub(crate) mod sign;
pub(crate) mod verify;

use crate::event::Ctx;
use crate::plan::DkimPlan;
use crate::report::Report;
use std::sync::Arc;

pub(crate) async fn run(plan: &DkimPlan, ctx: Arc<Ctx>) -> Report {
    match plan {
        DkimPlan::Verify(p) => {
            let max = p.dns.max_time;
            crate::run::bounded(max, "dkim verify".into(), &ctx.clone(), verify::run(p, ctx)).await
        }
        DkimPlan::Sign(p) => sign::run(p, ctx).await,
        DkimPlan::Keygen(p) => keygen::run(p, ctx).await,
    }
}
