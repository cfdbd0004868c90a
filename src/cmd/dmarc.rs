//! `mailctl dmarc evaluate`: DMARC (RFC 7489) for one received message, as the receiving server
//! would decide it (`crate::dmarc`): read the message, run SPF, the DKIM key lookups and the
//! policy discovery concurrently through one resolver, verify, evaluate, and return the result
//! (laid out in `render/dmarc.rs`) with the Authentication-Results header as its detail.
//!
//! Exit codes: 0 pass, 12 fail (and permerror: no usable From), 13 temperror, 17 none (no policy).

use crate::dkim::canon;
use crate::dkim::keys::{Keys, fetch_key};
use crate::dkim::verify;
use crate::dmarc::{Client, Evaluated, from_domain};
use crate::dns::spf;
use crate::dns::{Dns, audit};
use crate::error::{Failure, Phase};
use crate::event::Ctx;
use crate::plan::DmarcEvalPlan;
use crate::report::Report;
use crate::report::dmarc::EvaluateResult;
use futures_util::future::join_all;
use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

fn read_input(input: &str) -> Result<Vec<u8>, Failure> {
    let raw = if input == "-" {
        let mut raw = Vec::new();
        std::io::stdin()
            .read_to_end(&mut raw)
            .map_err(|e| Failure::local_io(format!("reading stdin: {e}")))?;
        raw
    } else {
        std::fs::read(input).map_err(|e| Failure::local_io(format!("{input}: {e}")))?
    };
    if raw.is_empty() {
        return Err(Failure::usage(format!("{input}: the message is empty")));
    }
    Ok(raw)
}

async fn fetch_keys(dns: &Dns, names: &[String]) -> Keys {
    join_all(names.iter().map(|name| fetch_key(dns, name.clone())))
        .await
        .into_iter()
        .map(|k| (k.name.clone(), Arc::new(k)))
        .collect()
}

pub(crate) async fn run(plan: &DmarcEvalPlan, ctx: Arc<Ctx>) -> Report {
    let max = plan.dns.max_time;
    crate::run::bounded(
        max,
        "dmarc evaluate".into(),
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &DmarcEvalPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("dmarc evaluate");
    let raw = match read_input(&plan.input) {
        Ok(r) => r,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let dns = match Dns::new(&plan.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    // --key: these keys come from files, not DNS (as in `dkim verify`).
    let mut given = Keys::new();
    for (name, file) in &plan.keys.files {
        match crate::dkim::localkey::load(name, file) {
            Ok(k) => {
                ctx.info(format!(
                    "key {name} read from {} (--key): not looked up in DNS",
                    file.display()
                ));
                given.insert(name.clone(), Arc::new(k));
            }
            Err(f) => return report.finish(Some(f), &ctx),
        }
    }
    let (crlf, _) = canon::to_crlf(&raw);
    let (fields, _) = canon::split(&crlf);
    let from = from_domain(&fields);
    let mut key_names: Vec<String> = Vec::new();
    for n in crate::dkim::signature::signatures(&fields)
        .iter()
        .filter_map(crate::dkim::signature::Signature::key_name)
    {
        if !key_names.contains(&n) && !given.contains_key(&n) {
            key_names.push(n);
        }
    }

    let client = Client {
        ip: plan.ip,
        mail_from: plan.mail_from.clone(),
        helo: plan.helo.clone(),
    };
    let spf_domain = client.spf_domain();

    // SPF, the DKIM keys and the DMARC record, concurrently through one resolver.
    let started = Instant::now();
    let (spf_eval, keys, policy) = tokio::join!(
        spf::check_host(&dns, plan.ip, &spf_domain, &plan.mail_from, &plan.helo),
        fetch_keys(&dns, &key_names),
        async {
            match &from {
                Ok((_, d)) => Some(audit::dmarc(&dns, d).await),
                Err(_) => None,
            }
        }
    );
    ctx.record(Phase::Resolve, started.elapsed().as_secs_f64() * 1000.0);
    let mut keys = keys;
    keys.extend(given);
    let now = crate::dkim::keys::verify_time(plan.keys.at, &ctx);
    let dkim = verify::verify_message(&plan.input, &raw, &keys, now, false);

    let ev = Evaluated::new(client, from, spf_eval, dkim, policy);
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let ar = ev.authentication_results(&host);
    let ending = ev.ending();
    report.detail = Some(ar.clone());
    if let Some(d) = &ev.dmarc {
        report.findings = d.policy.findings.clone();
    }
    report
        .with_body(EvaluateResult::new(ev, ar))
        .conclude(ending, &ctx)
}
