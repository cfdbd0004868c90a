//! `mailctl dkim verify`: read messages (files, stdin, Maildir, mbox), fetch every distinct key
//! once and concurrently through our resolver (each lookup a transcript event), verify the
//! messages on all cores, and build one Report: a line per message, every signature with its
//! tags, key lookup and an actionable reason, and an exit code from the worst message result.

use crate::dkim::arc::{ArcReport, ArcResult};
use crate::dkim::input::{self, Message};
use crate::dkim::verify::{self, KeyFetch, MessageReport, MsgResult, SigReport};
use crate::dkim::{arc, canon};
use crate::dns::finding::{Finding, Severity};
use crate::dns::{Dns, RecordType};
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, escape_bytes};
use crate::plan::DkimVerifyPlan;
use crate::report::{Report, TreeNode};
use futures_util::future::join_all;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Messages shown as a detailed tree for people; more than this and the table alone is shown
/// (`--json` always has every detail).
const TREE_MAX: usize = 10;

pub async fn run(plan: &DkimVerifyPlan, ctx: Arc<Ctx>) -> Report {
    let report = Report::new("dkim verify");
    let msgs = match input::read_inputs(&plan.inputs) {
        Ok(m) => m,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    if msgs.is_empty() {
        return report.finish(
            Some(Failure::usage(format!(
                "no messages found in {}",
                plan.inputs.join(" ")
            ))),
            &ctx,
        );
    }

    // 1. The keys every message needs (RFC 6376 §3.6.2.1; with --arc, those of the ARC-Seals
    // and ARC-Message-Signatures too), each distinct name once.
    let per_msg: Vec<Vec<String>> = par_map(&msgs, |m| {
        // Only the header block is needed to find the signatures: convert just that part.
        let (crlf, _) = canon::to_crlf(canon::header_block(&m.raw));
        let (fields, _) = canon::split(&crlf);
        let mut names: Vec<String> = verify::signatures(&fields)
            .iter()
            .filter_map(verify::Signature::key_name)
            .collect();
        if plan.arc {
            names.extend(arc::key_names(&fields));
        }
        names
    });
    let mut names: Vec<String> = Vec::new();
    let mut uses: HashMap<String, usize> = HashMap::new();
    for n in per_msg.iter().flatten() {
        let c = uses.entry(n.clone()).or_insert(0);
        if *c == 0 {
            names.push(n.clone());
        }
        *c += 1;
    }

    // 2. Fetch them all concurrently (our Dns: one query per name per run, each an event).
    let mut keys: HashMap<String, KeyFetch> = HashMap::new();
    if !names.is_empty() {
        let dns = match Dns::new(&plan.dns, ctx.clone()) {
            Ok(d) => d,
            Err(f) => return report.finish(Some(f), &ctx),
        };
        ctx.info(format!(
            "{} message(s), {} distinct DKIM key(s) to look up",
            msgs.len(),
            names.len()
        ));
        let started = Instant::now();
        let fetched = join_all(names.iter().map(|name| {
            let dns = &dns;
            async move {
                let t = Instant::now();
                let res = dns.query(name, RecordType::TXT).await;
                KeyFetch {
                    name: name.clone(),
                    result: res.map(|a| {
                        a.recs()
                            .filter_map(|r| r.txt_joined())
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                            .collect()
                    }),
                    ms: t.elapsed().as_secs_f64() * 1000.0,
                }
            }
        }))
        .await;
        ctx.record(Phase::Resolve, started.elapsed().as_secs_f64() * 1000.0);
        keys = fetched.into_iter().map(|k| (k.name.clone(), k)).collect();
    }

    // 3. Verify on all cores (the runtime is current-thread; verification is pure CPU).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let results: Vec<MessageReport> = par_map(&msgs, |m| {
        let mut r = verify::verify_message(&m.source, &m.raw, &keys, now, plan.debug_canon);
        if plan.arc {
            r.arc = Some(arc::validate(&m.raw, &keys, now));
        }
        r
    });

    if plan.debug_canon {
        for m in &results {
            for s in &m.signatures {
                debug_canon(&ctx, m, s);
            }
        }
    }
    build(report, &results, &keys, &uses, &ctx)
}

/// `--debug-canon`: the hash inputs as info events, a line each; `$` marks a CRLF, so trailing
/// whitespace and a missing final line break are visible and two runs can be diffed.
fn debug_canon(ctx: &Ctx, m: &MessageReport, s: &SigReport) {
    let Some((headers, body)) = &s.canon_raw else {
        return;
    };
    let who = format!(
        "{} signature #{} (d={} s={} c={})",
        m.source,
        s.index,
        s.d.as_deref().unwrap_or("?"),
        s.s.as_deref().unwrap_or("?"),
        s.c.as_deref().unwrap_or("?")
    );
    let dump = |what: &str, mark: &str, data: &[u8]| {
        ctx.info(format!("{who}: {what} ({} bytes; $ = CRLF):", data.len()));
        for line in data.split_inclusive(|&b| b == b'\n') {
            let (text, end) = match line.strip_suffix(b"\r\n") {
                Some(t) => (t, "$"),
                None => (line, ""),
            };
            ctx.info(format!("  {mark}| {}{end}", escape_bytes(text)));
        }
    };
    dump("canonicalized header hash input", "h", headers);
    dump("body hash input", "b", body);
}

/// Run `f` over `items` on every core (std scoped threads pulling the next index), results in
/// input order.
fn par_map<R: Send>(items: &[Message], f: impl Fn(&Message) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    if workers == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, R)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                sc.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(m) = items.get(i) else { break };
                        out.push((i, f(m)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    parts.sort_by_key(|(i, _)| *i);
    parts.into_iter().map(|(_, r)| r).collect()
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
    let leaf = |label: String| TreeNode {
        label,
        children: vec![],
    };
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
        children.push(leaf(format!(
            "key {}: {} in {:.1} ms{what}{flags}",
            k.name, k.lookup, k.lookup_ms
        )));
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
            .map(|d| format!("{} present {}× signed {}×", d.name, d.present, d.signed))
            .collect();
        children.push(leaf(format!("header counts: {}", diffs.join(", "))));
    }
    children.push(leaf(format!("{}: {}", s.code, s.reason)));
    TreeNode {
        label: format!("#{} {}", s.index, sig_summary(s)),
        children,
    }
}

fn build(
    mut report: Report,
    results: &[MessageReport],
    keys: &HashMap<String, KeyFetch>,
    uses: &HashMap<String, usize>,
    ctx: &Ctx,
) -> Report {
    let count = |r: MsgResult| results.iter().filter(|m| m.result == r).count();
    let (pass, fail, temp, none) = (
        count(MsgResult::Pass),
        count(MsgResult::Fail),
        count(MsgResult::Temperror),
        count(MsgResult::None),
    );
    let with_arc = results.iter().any(|m| m.arc.is_some());
    let arc_counts = if with_arc {
        let n = |r: ArcResult| {
            results
                .iter()
                .filter(|m| m.arc.as_ref().is_some_and(|a| a.result == r))
                .count()
        };
        format!(
            "; ARC: {} pass, {} fail, {} none",
            n(ArcResult::Pass),
            n(ArcResult::Fail),
            n(ArcResult::None)
        )
    } else {
        String::new()
    };
    report.detail = Some(format!(
        "{} message(s): {pass} pass, {fail} fail, {temp} temperror, {none} none{arc_counts}; {} \
         key(s) looked up",
        results.len(),
        keys.len()
    ));
    let rows = results
        .iter()
        .map(|m| {
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
        })
        .collect();
    let mut head: Vec<String> = ["MESSAGE", "RESULT", "SIGNATURES", "REASON"]
        .map(String::from)
        .to_vec();
    if with_arc {
        head.insert(2, "ARC".into());
    }
    report.table = Some((head, rows));
    if results.len() <= TREE_MAX {
        report.tree = Some(TreeNode {
            label: "DKIM signatures".into(),
            children: results
                .iter()
                .map(|m| TreeNode {
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
                    children: {
                        let mut c: Vec<TreeNode> = if m.signatures.is_empty() {
                            vec![TreeNode {
                                label: "no DKIM-Signature".into(),
                                children: vec![],
                            }]
                        } else {
                            m.signatures.iter().map(sig_node).collect()
                        };
                        if let Some(a) = &m.arc {
                            c.push(TreeNode {
                                label: format!("{}: {}", arc_summary(a), a.reason),
                                children: vec![],
                            });
                        }
                        c
                    },
                })
                .collect(),
        });
    }
    // Findings: per signature, and each key's warnings once.
    let mut seen_keys: Vec<&str> = Vec::new();
    for m in results {
        for s in &m.signatures {
            for f in &s.findings {
                report.findings.push(Finding::new(
                    f.severity,
                    &f.code,
                    format!("{} #{}: {}", m.source, s.index, f.message),
                ));
            }
            if let Some(k) = &s.key
                && !seen_keys.contains(&k.name.as_str())
            {
                seen_keys.push(&k.name);
                for f in k
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Warning)
                {
                    report.findings.push(Finding::new(
                        f.severity,
                        &f.code,
                        format!("{}: {}", k.name, f.message),
                    ));
                }
            }
        }
    }
    let mut key_list: Vec<&KeyFetch> = keys.values().collect();
    key_list.sort_by(|a, b| a.name.cmp(&b.name));
    report.data.insert("messages".into(), json!(results));
    report.data.insert(
        "counts".into(),
        json!({"messages": results.len(), "pass": pass, "fail": fail, "temperror": temp, "none": none}),
    );
    report.data.insert(
        "keys".into(),
        json!(
            key_list
                .iter()
                .map(|k| json!({
                    "name": k.name,
                    "lookup": match &k.result { Ok(_) => "answer", Err(n) => n.outcome() },
                    "ms": (k.ms * 1000.0).round() / 1000.0,
                    "signatures": uses.get(&k.name).copied().unwrap_or(0),
                }))
                .collect::<Vec<_>>()
        ),
    );

    // Exit: any fail → 16; else any temperror → 13; else any unsigned → 17; else 0.
    let first = |r: MsgResult| results.iter().find(|m| m.result == r);
    let failure = if let Some(m) = first(MsgResult::Fail) {
        Some(Failure::new(
            Phase::Command,
            Kind::DkimFail,
            format!(
                "{fail} of {} message(s) fail DKIM; {}: {}",
                results.len(),
                m.source,
                m.reason
            ),
        ))
    } else if let Some(m) = first(MsgResult::Temperror) {
        Some(Failure::new(
            Phase::Resolve,
            Kind::TempError,
            format!(
                "{temp} of {} message(s) could not be verified; {}: {}",
                results.len(),
                m.source,
                m.reason
            ),
        ))
    } else {
        first(MsgResult::None).map(|m| {
            Failure::new(
                Phase::Command,
                Kind::DkimNone,
                format!(
                    "{none} of {} message(s) unsigned (first: {})",
                    results.len(),
                    m.source
                ),
            )
        })
    };
    report.finish(failure, ctx)
}
