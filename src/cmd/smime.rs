//! `mailctl smime verify`: read one message, verify its S/MIME signature (`crate::smime`) at
//! the current time, and conclude: 0 good, 30 bad signature, 32 signer not trusted, 33 nothing
//! to verify (README "smime").

use crate::error::{Judgement, Phase, Verdict};
use crate::event::{Ctx, OutputMode};
use crate::plan::smime::SmimeVerifyPlan;
use crate::report::Report;
use crate::report::smime::SmimeVerify;
use crate::smime::{self, Status};
use std::sync::Arc;

pub(crate) async fn run(plan: &SmimeVerifyPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("smime verify");
    let raw = match crate::mime::read_input(&plan.input, "smime verify") {
        Ok(r) => r,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let v = smime::verify(&raw, &plan.cas, rustls_pki_types::UnixTime::now());
    if v.skipped_signers > 0 {
        report.findings.push(crate::dns::finding::Finding::warning(
            "smime-too-many-signers",
            format!(
                "the signed-data has {} SignerInfos: only the first {} were checked (RFC 5652 \
                 §5.1 sets no limit; each costs a digest, a signature and a chain)",
                v.skipped_signers + smime::MAX_SIGNERS,
                smime::MAX_SIGNERS
            ),
        ));
    }
    let reason = v.reason.clone().unwrap_or_default();
    let verdict = match v.status {
        Status::Good => {
            let who = v
                .signers
                .iter()
                .map(|s| {
                    format!(
                        "{} ({})",
                        s.emails.first().map_or("?", String::as_str),
                        s.subject.as_deref().unwrap_or("?")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let mut d = format!("good {} signature by {who}", v.form);
            if !reason.is_empty() {
                d.push_str(&format!("; {reason}"));
            }
            report.detail = Some(d);
            None
        }
        Status::Bad => Some(Verdict::SignatureBad),
        Status::Untrusted => Some(Verdict::SignatureUntrusted),
        Status::NotSigned => Some(Verdict::Unsigned),
    }
    .map(|k| Judgement::new(Phase::Command, k, reason));
    let body = SmimeVerify {
        input: plan.input.clone(),
        verification: v,
        show: ctx.mode != OutputMode::Quiet,
    };
    report.with_body(body).conclude(Ok(verdict), &ctx)
}
