//! How `dkim verify`, `dkim sign` and `dkim keygen` results look to people: verify's tree of
//! messages and signatures (for a handful of messages) and its table (a line per message);
//! keygen's record to publish. Sign has no results: the signed message is its output.

use super::human::TreeNode;
use super::human::{table, tree};
use crate::dkim::arc::{ArcReport, ArcResult};
use crate::dkim::report::{MessageReport, SigReport};
use crate::report::Human;
use crate::report::dkim::{DkimKeygen, DkimSign, DkimVerify};

/// Messages shown as a detailed tree for people; more than this and the table alone is shown
/// (`--json` always has every detail).
const TREE_MAX: usize = 10;

impl Human for DkimVerify {
    fn results(&self) -> String {
        let mut out = String::new();
        if self.messages.len() <= TREE_MAX {
            out.push_str(&tree(&TreeNode {
                label: "DKIM signatures".into(),
                children: self.messages.iter().map(message_node).collect(),
            }));
        }
        let with_arc = self.messages.iter().any(|m| m.arc.is_some());
        let mut head: Vec<String> = ["MESSAGE", "RESULT", "SIGNATURES", "REASON"]
            .map(String::from)
            .to_vec();
        if with_arc {
            head.insert(2, "ARC".into());
        }
        let rows: Vec<Vec<String>> = self.messages.iter().map(row).collect();
        out.push_str(&table(&head, &rows));
        out
    }
}

impl Human for DkimSign {}

impl Human for DkimKeygen {
    fn results(&self) -> String {
        table(
            &["DNS record to publish".into()],
            &[vec![self.record.clone()]],
        )
    }
}

/// A message's line in the table.
fn row(m: &MessageReport) -> Vec<String> {
    let mut row = vec![
        m.source.clone(),
        m.result.as_str().to_string(),
        m.signatures
            .iter()
            .map(sig_summary)
            .collect::<Vec<_>>()
            .join("; "),
        m.reason.clone(),
    ];
    if let Some(a) = &m.arc {
        row.insert(2, arc_summary(a));
    }
    row
}

fn message_node(m: &MessageReport) -> TreeNode {
    let mut children: Vec<TreeNode> = if m.signatures.is_empty() {
        vec![leaf("no DKIM-Signature".into())]
    } else {
        m.signatures.iter().map(sig_node).collect()
    };
    if let Some(a) = &m.arc {
        children.push(leaf(format!("{}: {}", arc_summary(a), a.reason)));
    }
    TreeNode {
        label: format!(
            "{}: {}{}{}",
            m.source,
            m.result.as_str(),
            m.from
                .as_ref()
                .map(|f| format!(" (From: {f})"))
                .unwrap_or_default(),
            if m.line_endings == "lf" {
                " [LF line endings]"
            } else {
                ""
            }
        ),
        children,
    }
}

fn leaf(label: String) -> TreeNode {
    TreeNode {
        label,
        children: vec![],
    }
}

fn sig_summary(s: &SigReport) -> String {
    format!(
        "d={} s={} {}: {}",
        s.d.as_deref().unwrap_or("?"),
        s.s.as_deref().unwrap_or("?"),
        s.a.as_deref().unwrap_or("?"),
        if s.code == "pass" { "pass" } else { &s.code }
    )
}

/// `arc=pass (2 sets)`, `arc=fail (2 sets)`, `arc=none`.
fn arc_summary(a: &ArcReport) -> String {
    match a.result {
        ArcResult::None => "arc=none".into(),
        r => format!("arc={} ({} set(s))", r.as_str(), a.instances),
    }
}

fn sig_node(s: &SigReport) -> TreeNode {
    let mut children = vec![leaf(format!(
        "c={} h={}{}",
        s.c.as_deref().unwrap_or("simple/simple"),
        s.h.join(":"),
        s.i.as_ref().map(|i| format!(" i={i}")).unwrap_or_default()
    ))];
    let mut times = Vec::new();
    if let Some(l) = s.l {
        times.push(format!(
            "l={l} (signer-limited body: anyone can append text)"
        ));
    }
    if let Some(t) = s.t {
        times.push(format!("t={t}"));
    }
    if let Some(x) = s.x {
        times.push(format!(
            "x={x}{}",
            if s.expired { " (expired)" } else { "" }
        ));
    }
    if !times.is_empty() {
        children.push(leaf(times.join("  ")));
    }
    if let Some(k) = &s.key {
        let what = match (&k.key_type, k.bits) {
            (Some(t), Some(b)) => format!(", {t} {b} bits"),
            (Some(t), None) => format!(", {t}"),
            _ => String::new(),
        };
        let flags = if k.flags.is_empty() {
            String::new()
        } else {
            format!(", t={}", k.flags.join(":"))
        };
        let how = match &k.file {
            Some(f) => format!("from {f} (--key, no lookup)"),
            None => format!("{} in {:.1} ms", k.lookup, k.lookup_ms),
        };
        children.push(leaf(format!("key {}: {how}{what}{flags}", k.name)));
    }
    if let Some(b) = &s.body {
        children.push(leaf(format!(
            "body: hashed {} of {} canonical bytes{}, hash {}",
            b.hashed_bytes,
            b.canonical_bytes,
            if b.unsigned_bytes > 0 {
                format!(" ({} unsigned)", b.unsigned_bytes)
            } else {
                String::new()
            },
            if b.hash_ok { "matches" } else { "MISMATCH" }
        )));
    }
    if !s.header_counts.is_empty() {
        let diffs: Vec<String> = s
            .header_counts
            .iter()
            .map(|d| {
                format!(
                    "{} present {}× signed {}×{}",
                    d.name,
                    d.present,
                    d.signed,
                    if d.oversigned { " (over-signed)" } else { "" }
                )
            })
            .collect();
        children.push(leaf(format!("header counts: {}", diffs.join(", "))));
    }
    children.push(leaf(format!("{}: {}", s.code, s.reason)));
    TreeNode {
        label: format!("#{} {}", s.index, sig_summary(s)),
        children,
    }
}
