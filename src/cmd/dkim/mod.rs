//! `mailctl dkim …`: verify, sign, keygen.

pub mod keygen;
pub mod sign;
pub mod verify;

use crate::event::Ctx;
use crate::plan::DkimPlan;
use crate::report::Report;
use std::sync::Arc;

pub async fn run(plan: &DkimPlan, ctx: Arc<Ctx>) -> Report {
    match plan {
        DkimPlan::Verify(p) => verify::run(p, ctx).await,
        DkimPlan::Sign(p) => sign::run(p, ctx).await,
        DkimPlan::Keygen(p) => keygen::run(p, ctx).await,
    }
}
