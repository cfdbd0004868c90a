//! `mailctl dkim verify`: list the messages (files, stdin, Maildir, mbox), load `--key` files,
//! verify the batch (dkim/batch.rs: every distinct key fetched once, messages on all cores),
//! and return one typed result: every message and signature with an actionable reason, the
//! counts, the keys, and an exit code from the worst message result.

use crate::dkim::arc::ArcResult;
use crate::dkim::batch::{Options, verify_all};
use crate::dkim::input;
use crate::dkim::keys::{KeyFetch, Keys, verify_time};
use crate::dkim::localkey;
use crate::dkim::report::{MessageReport, MsgResult};
use crate::dns::finding::{Finding, Severity};
use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};
use crate::event::Ctx;
use crate::plan::DkimVerifyPlan;
use crate::report::Report;
use crate::report::dkim::{DkimVerify, KeyUse, VerifyCounts};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) async fn run(plan: &DkimVerifyPlan, ctx: Arc<Ctx>) -> Report {
    let report = Report::new("dkim verify");
    let items = match input::list_inputs(&plan.inputs) {
        Ok(m) => m,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    if items.is_empty() {
        return report.finish(
            Some(Failure::usage(format!(
                "no messages found in {}",
                plan.inputs.join(" ")
            ))),
            &ctx,
        );
    }
    let now = verify_time(plan.keys.at, &ctx);
    // --key: keys from files are "fetched" before any worker asks, so no query is made.
    let mut preloaded = Keys::new();
    for (name, file) in &plan.keys.files {
        match localkey::load(name, file) {
            Ok(k) => {
                ctx.info(format!(
                    "key {name} read from {} (--key): not looked up in DNS",
                    file.display()
                ));
                preloaded.insert(name.clone(), Arc::new(k));
            }
            Err(f) => return report.finish(Some(f), &ctx),
        }
    }
    let opts = Options {
        arc: plan.arc,
        debug: plan.debug_canon,
        now,
    };
    match verify_all(items, preloaded, &plan.dns, opts, &ctx).await {
        Ok(b) => build(report, b.results, &b.keys, &b.uses, &ctx),
        Err(f) => report.finish(Some(f), &ctx),
    }
}

fn build(
    mut report: Report,
    results: Vec<MessageReport>,
    keys: &Keys,
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
    let from_files = keys.values().filter(|k| k.file.is_some()).count();
    report.detail = Some(format!(
        "{} message(s): {pass} pass, {fail} fail, {temp} temperror, {none} none{arc_counts}; {} \
         key(s) looked up{}",
        results.len(),
        keys.len() - from_files,
        if from_files > 0 {
            format!(", {from_files} from --key")
        } else {
            String::new()
        }
    ));
    // Findings: per signature, and each key's warnings once.
    let mut seen_keys: Vec<&str> = Vec::new();
    for m in &results {
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
    for m in &results {
        for w in m.arc.iter().flat_map(|a| &a.warnings) {
            report.findings.push(Finding::warning(
                "arc-ams-signs-arc-field",
                format!("{}: {w}", m.source),
            ));
        }
    }
    let mut key_list: Vec<&KeyFetch> = keys.values().map(|k| &**k).collect();
    key_list.sort_by(|a, b| a.name.cmp(&b.name));
    let keys = key_list
        .iter()
        .map(|k| KeyUse {
            name: k.name.clone(),
            lookup: k.outcome(),
            file: k.file.clone(),
            ms: (k.ms * 1000.0).round() / 1000.0,
            signatures: uses.get(&k.name).copied().unwrap_or(0),
        })
        .collect();
    let counts = VerifyCounts {
        messages: results.len(),
        pass,
        fail,
        temperror: temp,
        none,
    };

    // Exit: any fail → 16; else any temperror → 13; else any unsigned → 17; else 0.
    let first = |r: MsgResult| results.iter().find(|m| m.result == r);
    let ending: Ending = if let Some(m) = first(MsgResult::Fail) {
        Ok(Some(Judgement::new(
            Phase::Command,
            Verdict::DkimFail,
            format!(
                "{fail} of {} message(s) fail DKIM; {}: {}",
                results.len(),
                m.source,
                m.reason
            ),
        )))
    } else if let Some(m) = first(MsgResult::Temperror) {
        Err(Failure::new(
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
        Ok(first(MsgResult::None).map(|m| {
            Judgement::new(
                Phase::Command,
                Verdict::DkimNone,
                format!(
                    "{none} of {} message(s) unsigned (first: {})",
                    results.len(),
                    m.source
                ),
            )
        }))
    };
    report
        .with_body(DkimVerify {
            messages: results,
            counts,
            keys,
        })
        .conclude(ending, ctx)
}
