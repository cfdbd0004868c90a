//! The typed result of `dmarc evaluate`: the SPF check, each DKIM signature and the DMARC
//! decision, each with its alignment, and the Authentication-Results header. JSON: `spf`,
//! `dkim`, `dmarc`, `authentication_results`; people get the tree and table of
//! `render/dmarc.rs`, drawn from the same decision.

use crate::dkim::verify::SigResult;
use crate::dmarc::Evaluated;
use crate::dns::spf::SpfResult;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct EvaluateResult {
    pub spf: SpfCheck,
    pub dkim: Vec<DkimCheck>,
    pub dmarc: DmarcDecision,
    pub authentication_results: String,
    /// The whole evaluation, for the human layout (the tree quotes the policy record and the
    /// From field; the table numbers the signatures).
    #[serde(skip)]
    pub evaluated: Evaluated,
}

/// SPF for the client: the identity checked and whether it aligns with the From domain.
#[derive(Debug, Serialize)]
pub struct SpfCheck {
    pub result: SpfResult,
    pub domain: String,
    /// `mailfrom`, or `helo` for the null sender.
    pub identity: &'static str,
    pub mail_from: String,
    pub helo: String,
    pub ip: String,
    pub mechanism: Option<String>,
    pub reason: String,
    pub aligned: bool,
    pub why: String,
}

/// One DKIM signature, in message order.
#[derive(Debug, Serialize)]
pub struct DkimCheck {
    pub d: Option<String>,
    pub s: Option<String>,
    pub result: SigResult,
    pub code: String,
    pub reason: String,
    pub aligned: bool,
    pub why: String,
}

/// The DMARC decision and the record it rests on.
#[derive(Debug, Serialize)]
pub struct DmarcDecision {
    pub result: &'static str,
    pub policy: Option<String>,
    pub disposition: Option<String>,
    pub from_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub record: Option<String>,
    pub spf_aligned: bool,
    pub dkim_aligned: bool,
    pub adkim: Option<String>,
    pub aspf: Option<String>,
    pub pct: Option<u8>,
    pub reason: String,
}

impl EvaluateResult {
    pub fn new(ev: Evaluated, authentication_results: String) -> EvaluateResult {
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
