//! `mailctl dkim …`: verify, sign, keygen.

pub mod keygen;
pub mod sign;
pub mod verify;

use crate::dkim::verify::KeyFetch;
use crate::dns::{Dns, RecordType};
use crate::event::Ctx;
use crate::plan::DkimPlan;
use crate::report::Report;
use std::sync::Arc;
use std::time::Instant;

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

/// Look up one DKIM key record (`<s>._domainkey.<d>` TXT, RFC 6376 §3.6.2.1) through our
/// resolver (a transcript event, cached per run), strings of each record joined (§3.6.2.2).
pub(crate) async fn fetch_key(dns: &Dns, name: String) -> KeyFetch {
    let t = Instant::now();
    let res = dns.query(&name, RecordType::TXT).await;
    let result = res.map(|a| {
        a.recs()
            .filter_map(|r| r.txt_joined())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    });
    KeyFetch::new(name, result, t.elapsed().as_secs_f64() * 1000.0)
}

/// The time the x= and t= checks are judged at (RFC 6376 §3.5): `--at`, for mail that was valid
/// when it arrived, else now. `--at` is said in the transcript, since it changes verdicts.
pub(crate) fn verify_time(keys: &crate::plan::DkimKeyPlan, ctx: &Ctx) -> u64 {
    if let Some(at) = keys.at {
        ctx.info(format!(
            "verifying as of Unix time {at} (--at): x= expiry and t= are judged against it"
        ));
        return at;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
