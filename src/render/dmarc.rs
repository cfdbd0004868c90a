//! How `dmarc evaluate` looks to people: a tree headed by the Authentication-Results header
//! (the From domain, the policy record, SPF, DKIM, the verdict), then a table of each check with
//! its identifier, alignment and why.

use super::human::TreeNode;
use super::human::{table, tree};
use crate::dmarc::sig_result;
use crate::report::Human;
use crate::report::dmarc::EvaluateResult;

impl Human for EvaluateResult {
    fn results(&self) -> String {
        tree(&self.tree()) + &self.table()
    }
}

impl EvaluateResult {
    fn tree(&self) -> TreeNode {
        let ev = &self.evaluated;
        let leaf = |label: String| TreeNode {
            label,
            children: vec![],
        };
        let mut children = Vec::new();
        match &ev.from {
            Ok((addr, dom)) => children.push(leaf(format!("From: {addr} (author domain {dom})"))),
            Err(why) => children.push(leaf(format!("From: {why}"))),
        }
        if let Some(d) = &ev.dmarc {
            children.push(leaf(match (&d.policy.record, &d.record) {
                (Some(text), Some(r)) => format!(
                    "policy at {}: {text} (effective p={} sp={} adkim={} aspf={} pct={})",
                    d.policy.name,
                    r.effective.p,
                    r.effective.sp,
                    r.effective.adkim,
                    r.effective.aspf,
                    r.effective.pct
                ),
                (Some(text), None) => format!("policy at {}: {text} (invalid)", d.policy.name),
                (None, _) => format!("policy: none found ({})", d.policy.status),
            }));
        }
        children.push(leaf(format!(
            "SPF: {} for {} from {}: {}",
            ev.spf.result, ev.spf_domain, ev.client.ip, ev.spf.reason
        )));
        children.push(leaf(format!("DKIM: {}", ev.dkim.reason)));
        let verdict = match &ev.disposition {
            Some(dis) => format!(
                "DMARC: {} ({}); disposition {dis}",
                ev.result.as_str(),
                ev.reason
            ),
            None => format!("DMARC: {} ({})", ev.result.as_str(), ev.reason),
        };
        children.push(leaf(verdict));
        TreeNode {
            label: self.authentication_results.clone(),
            children,
        }
    }

    fn table(&self) -> String {
        let ev = &self.evaluated;
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let identity = if ev.client.mail_from.is_empty() {
            format!("helo {}", ev.client.helo)
        } else {
            format!("mailfrom {}", ev.client.mail_from)
        };
        let mut rows = vec![vec![
            "spf".to_string(),
            ev.spf.result.to_string(),
            identity,
            yes_no(ev.spf_align.aligned),
            ev.spf_align.why.clone(),
        ]];
        if ev.dkim.signatures.is_empty() {
            rows.push(vec![
                "dkim".into(),
                "none".into(),
                "-".into(),
                "no".into(),
                "the message has no DKIM-Signature".into(),
            ]);
        }
        for (s, a) in ev.dkim.signatures.iter().zip(&ev.dkim_align) {
            rows.push(vec![
                format!("dkim #{}", s.index),
                sig_result(s.result).to_string(),
                format!(
                    "d={} s={}",
                    s.d.as_deref().unwrap_or("?"),
                    s.s.as_deref().unwrap_or("?")
                ),
                yes_no(a.aligned),
                a.why.clone(),
            ]);
        }
        rows.push(vec![
            "dmarc".into(),
            ev.result.as_str().into(),
            format!("from {}", ev.author_domain().unwrap_or("?")),
            "-".into(),
            ev.reason.clone(),
        ]);
        table(
            &["CHECK", "RESULT", "IDENTIFIER", "ALIGNED", "WHY"].map(String::from),
            &rows,
        )
    }
}
