//! `mailctl dkim …`: verify, sign, keygen.

pub(crate) mod keygen;
pub(crate) mod sign;
pub(crate) mod verify;

use crate::event::Ctx;
use crate::plan::DkimPlan;
use crate::report::Report;
use std::sync::Arc;

/// Moved to `crate::dkim::keys::fetch_key`; cmd/dmarc.rs still imports it from here until the
/// lead switches it at merge.
pub(crate) use crate::dkim::keys::fetch_key;

pub async fn run(plan: &DkimPlan, ctx: Arc<Ctx>) -> Report {
    match plan {
        DkimPlan::Verify(p) => {
            let max = p.dns.max_time;
            super::bounded(max, "dkim verify".into(), &ctx.clone(), verify::run(p, ctx)).await
        }
        DkimPlan::Sign(p) => sign::run(p, ctx).await,
        DkimPlan::Keygen(p) => keygen::run(p, ctx).await,
    }
}

/// The time the x= and t= checks are judged at (RFC 6376 §3.5): `--at`, for mail that was valid
/// when it arrived, else now. `--at` is said in the transcript, since it changes verdicts.
/// cmd/dmarc.rs still calls this one; the lead switches it to `crate::dkim::keys::verify_time`.
pub(crate) fn verify_time(keys: &crate::plan::DkimKeyPlan, ctx: &Ctx) -> u64 {
    crate::dkim::keys::verify_time(keys.at, ctx)
}
