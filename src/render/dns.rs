//! How `dns …` results look to people: the MX, DMARC, DKIM and record tables, the SPF
//! include/redirect tree, and the one-row-per-domain `dns check` table. Findings are printed
//! after these by [`super::human::results`], as for every command.

use super::human::TreeNode;
use super::human::{table, tree};
use crate::dns::spf;
use crate::report::Human;
use crate::report::dns::{
    CheckResult, DkimResult, DmarcResult, MxResult, RecordResult, SpfAuditResult, SpfCheckResult,
};
use serde_json::Value;

fn cols<const N: usize>(names: [&str; N]) -> Vec<String> {
    names.map(String::from).to_vec()
}

impl Human for MxResult {
    fn results(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .mx
            .hosts
            .iter()
            .map(|h| {
                let note = match (&h.cname, &h.problem) {
                    (_, Some(p)) => p.clone(),
                    (Some(c), None) => format!("CNAME → {c}"),
                    _ => String::new(),
                };
                let addrs: Vec<String> = h.addresses.iter().map(|a| a.to_string()).collect();
                vec![
                    h.preference.to_string(),
                    h.host.clone(),
                    addrs.join(" "),
                    note,
                ]
            })
            .collect();
        table(&cols(["PREF", "HOST", "ADDRESSES", "NOTE"]), &rows)
    }
}

impl Human for SpfAuditResult {
    fn results(&self) -> String {
        tree(&spf_tree(&self.spf_audit.tree))
    }
}

/// `--ip`: the result is the detail line; there is nothing to lay out.
impl Human for SpfCheckResult {}

/// An SPF tree as a drawable tree: each record, each term with its lookups, time and notes.
fn spf_tree(n: &spf::Node) -> TreeNode {
    let label = match &n.record {
        Some(r) => format!("{}  \"{}\"", n.domain, r),
        None => format!("{}  ({})", n.domain, n.outcome),
    };
    TreeNode {
        label,
        children: n
            .terms
            .iter()
            .map(|t| {
                let mut label = t.text.clone();
                if t.lookups > 0 {
                    label.push_str(&format!(
                        "  [{} lookup{}",
                        t.lookups,
                        if t.lookups == 1 { "" } else { "s" }
                    ));
                    if let Some(ms) = t.ms {
                        label.push_str(&format!(", {ms:.1} ms"));
                    }
                    if t.void {
                        label.push_str(", VOID");
                    }
                    label.push(']');
                }
                if let Some(note) = &t.note {
                    label.push_str(&format!("  {note}"));
                }
                TreeNode {
                    label,
                    children: t
                        .child
                        .as_ref()
                        .map(|c| vec![spf_tree(c)])
                        .unwrap_or_default(),
                }
            })
            .collect(),
    }
}

impl Human for DmarcResult {
    /// Every tag with its effective value, marking the ones left at their default.
    fn results(&self) -> String {
        let mut rows = Vec::new();
        if let Some(r) = &self.record {
            let e = &r.effective;
            let uris = |v: &[crate::dns::dmarc::ReportUri]| {
                v.iter()
                    .map(|u| u.uri.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            for (tag, val) in [
                ("p", e.p.clone()),
                ("sp", e.sp.clone()),
                ("pct", e.pct.to_string()),
                ("adkim", e.adkim.clone()),
                ("aspf", e.aspf.clone()),
                ("rua", uris(&e.rua)),
                ("ruf", uris(&e.ruf)),
                ("fo", e.fo.clone()),
                ("rf", e.rf.clone()),
                ("ri", e.ri.to_string()),
            ] {
                let note = if e.defaults.iter().any(|x| x == tag) {
                    "default"
                } else {
                    ""
                };
                rows.push(vec![tag.to_string(), val, note.to_string()]);
            }
        }
        table(&cols(["TAG", "EFFECTIVE VALUE", "NOTE"]), &rows)
    }
}

impl Human for DkimResult {
    fn results(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .dkim
            .iter()
            .zip(&self.selectors)
            .map(|(k, s)| {
                let get = |f: &str| {
                    k.value.get(f).map(|v| match v {
                        Value::Array(a) => a
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(","),
                        Value::Null => "-".into(),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                };
                vec![
                    s.clone(),
                    get("key_type").unwrap_or_else(|| "-".into()),
                    get("bits").unwrap_or_else(|| "-".into()),
                    get("flags").unwrap_or_default(),
                    k.status.to_string(),
                ]
            })
            .collect();
        table(
            &cols(["SELECTOR", "TYPE", "BITS", "FLAGS", "STATUS"]),
            &rows,
        )
    }
}

impl Human for RecordResult {
    fn results(&self) -> String {
        let Some(p) = self
            .mta_sts
            .as_ref()
            .or(self.tls_rpt.as_ref())
            .or(self.bimi.as_ref())
        else {
            return String::new();
        };
        let row = vec![
            p.name.clone(),
            p.record.clone().unwrap_or_else(|| "-".into()),
        ];
        table(&cols(["NAME", "RECORD"]), &[row])
    }
}

impl Human for CheckResult {
    /// One row per domain: each record's status, SPF with its lookup count out of 10.
    fn results(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .domains
            .iter()
            .map(|a| {
                let [mx, spf, dmarc, dkim, mta_sts, tls_rpt, bimi] = a.statuses();
                vec![
                    a.domain.clone(),
                    mx.into(),
                    format!("{spf} ({}/10)", a.spf.dns_lookups),
                    dmarc.into(),
                    dkim.into(),
                    mta_sts.into(),
                    tls_rpt.into(),
                    bimi.into(),
                ]
            })
            .collect();
        table(
            &cols([
                "DOMAIN",
                "MX",
                "SPF (lookups)",
                "DMARC",
                "DKIM",
                "MTA-STS",
                "TLS-RPT",
                "BIMI",
            ]),
            &rows,
        )
    }
}
