//! The typed result of `dmarc evaluate`: the SPF check, each DKIM signature and the DMARC
//! decision, each with its alignment, and the Authentication-Results header. JSON: `spf`,
//! `dkim`, `dmarc`, `authentication_results`; people get the tree and table of
//! `render/dmarc.rs`, drawn from the same decision.

use crate::dkim::report::SigResult;
use crate::dmarc::Evaluated;
use crate::dns::spf::SpfResult;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct EvaluateResult {
    pub(crate) spf: SpfCheck,
    pub(crate) dkim: Vec<DkimCheck>,
    pub(crate) dmarc: DmarcDecision,
    pub(crate) authentication_results: String,
    /// The whole evaluation, for the human layout (the tree quotes the policy record and the
    /// From field; the table numbers the signatures).
    #[serde(skip)]
    pub(crate) evaluated: Evaluated,
}

/// SPF for the client: the identity checked and whether it aligns with the From domain.
#[derive(Debug, Serialize)]
pub(crate) struct SpfCheck {
    pub(crate) result: SpfResult,
    pub(crate) domain: String,
    /// `mailfrom`, or `helo` for the null sender.
    pub(crate) identity: &'static str,
    pub(crate) mail_from: String,
    pub(crate) helo: String,
    pub(crate) ip: String,
    pub(crate) mechanism: Option<String>,
    pub(crate) reason: String,
    pub(crate) aligned: bool,
    pub(crate) why: String,
}

/// One DKIM signature, in message order.
#[derive(Debug, Serialize)]
pub(crate) struct DkimCheck {
    pub(crate) d: Option<String>,
    pub(crate) s: Option<String>,
    pub(crate) result: SigResult,
    pub(crate) code: String,
    pub(crate) reason: String,
    pub(crate) aligned: bool,
    pub(crate) why: String,
}

/// The DMARC decision and the record it rests on.
#[derive(Debug, Serialize)]
pub(crate) struct DmarcDecision {
    pub(crate) result: &'static str,
    pub(crate) policy: Option<String>,
    pub(crate) disposition: Option<String>,
    pub(crate) from_domain: Option<String>,
    pub(crate) policy_domain: Option<String>,
    pub(crate) record: Option<String>,
    pub(crate) spf_aligned: bool,
    pub(crate) dkim_aligned: bool,
    pub(crate) adkim: Option<String>,
    pub(crate) aspf: Option<String>,
    pub(crate) pct: Option<u8>,
    pub(crate) reason: String,
}

impl EvaluateResult {
    pub(crate) fn new(ev: Evaluated, authentication_results: String) -> EvaluateResult {
        let c = &ev.client;
        let spf = SpfCheck {
            result: ev.spf.result,
            domain: ev.spf_domain.clone(),
            identity: if c.mail_from.is_empty() {
                "helo"
            } else {
                "mailfrom"
            },
            mail_from: c.mail_from.clone(),
            helo: c.helo.clone(),
            ip: c.ip.to_string(),
            mechanism: ev.spf.mechanism.clone(),
            reason: ev.spf.reason.clone(),
            aligned: ev.spf_align.aligned,
            why: ev.spf_align.why.clone(),
        };
        let dkim = ev
            .dkim
            .signatures
            .iter()
            .zip(&ev.dkim_align)
            .map(|(s, a)| DkimCheck {
                d: s.d.clone(),
                s: s.s.clone(),
                result: s.result,
                code: s.code.clone(),
                reason: s.reason.clone(),
                aligned: a.aligned,
                why: a.why.clone(),
            })
            .collect();
        let d = ev.dmarc.as_ref();
        let rec = d.and_then(|d| d.record.as_ref()).map(|r| &r.effective);
        let dmarc = DmarcDecision {
            result: ev.result.as_str(),
            policy: ev.policy.clone(),
            disposition: ev.disposition.clone(),
            from_domain: ev.author_domain().map(str::to_string),
            policy_domain: d.map(|d| d.policy_domain.clone()),
            record: d.and_then(|d| d.policy.record.clone()),
            spf_aligned: ev.spf_align.aligned,
            dkim_aligned: ev.dkim_align.iter().any(|a| a.aligned),
            adkim: rec.map(|e| e.adkim.clone()),
            aspf: rec.map(|e| e.aspf.clone()),
            pct: rec.map(|e| e.pct),
            reason: ev.reason.clone(),
        };
        EvaluateResult {
            spf,
            dkim,
            dmarc,
            authentication_results,
            evaluated: ev,
        }
    }
}
