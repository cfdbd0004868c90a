//! `mailctl pgp verify`: read the message, get the keys (files, the sender's WKD, or DNS
//! OPENPGPKEY), check the signature (`crate::pgp::verify`) and map the result to an exit code:
//! 0 good, 30 bad, 31 no key, 32 key not valid for it, 33 nothing to verify (README "pgp").

use crate::dns::Dns;
use crate::dns::finding::Finding;
use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};
use crate::event::Ctx;
use crate::pgp::key::{self, Key};
use crate::pgp::verify::{Sender, SigVerdict, Verification};
use crate::pgp::{openpgpkey, wkd};
use crate::plan::PgpVerifyPlan;
use crate::plan::pgp::KeySource;
use crate::report::Report;
use crate::report::pgp::PgpVerify;
use crate::transport::http::{Auth, Client};
use std::io::Read;
use std::sync::Arc;

fn read_capped(input: &str, cap: usize, what: &str) -> Result<Vec<u8>, Failure> {
    let mut raw = Vec::new();
    let res = if input == "-" {
        std::io::stdin().take(cap as u64 + 1).read_to_end(&mut raw)
    } else {
        std::fs::File::open(input).and_then(|f| f.take(cap as u64 + 1).read_to_end(&mut raw))
    };
    let name = if input == "-" { "stdin" } else { input };
    res.map_err(|e| Failure::local_io(format!("{name}: {e}")))?;
    if raw.len() > cap {
        return Err(Failure::usage(format!(
            "{name}: larger than {} MiB, the most read for a {what}",
            cap >> 20
        )));
    }
    if raw.is_empty() {
        return Err(Failure::usage(format!("{name}: the {what} is empty")));
    }
    Ok(raw)
}

/// The From: mailboxes of the message (RFC 5322 §3.4, read from the raw value), and that raw
/// value (None without From:).
fn from_addresses(raw: &[u8]) -> (Vec<String>, Option<String>) {
    let scan = crate::mime::scan(raw);
    match scan.root.headers.iter().find(|h| h.name == "From") {
        Some(h) => (crate::mime::header::mailboxes(&h.raw), Some(h.raw.clone())),
        None => (Vec::new(), None),
    }
}

pub(crate) async fn run(plan: &PgpVerifyPlan, ctx: Arc<Ctx>) -> Report {
    crate::run::bounded(
        plan.dns.max_time,
        "pgp verify".into(),
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &PgpVerifyPlan, ctx: Arc<Ctx>) -> Report {
    let report = Report::new("pgp verify");
    let raw = match read_capped(&plan.input, crate::mime::MAX_INPUT, "message") {
        Ok(r) => r,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let now = crate::pgp::now();
    // The key must name --address, else every From: mailbox (RFC 5322 §3.6.2).
    let (senders, from_raw) = match &plan.address {
        Some(a) => (vec![a.clone()], None),
        None => from_addresses(&raw),
    };
    let address = senders.first().cloned();
    let mut body = PgpVerify {
        input: plan.input.clone(),
        key_source: match plan.source {
            KeySource::Files(_) => "key",
            KeySource::Wkd => "wkd",
            KeySource::Dns => "dns",
        },
        address: address.clone(),
        keys: Vec::new(),
        verification: crate::pgp::verify::verify(b"", &[], Sender::Addresses(&[]), now),
        wkd: None,
        openpgpkey: None,
    };
    let mut report = report;
    let keys: Vec<Key> = match &plan.source {
        KeySource::Files(files) => {
            let mut keys = Vec::new();
            for f in files {
                let name = f.display().to_string();
                let bytes = match read_capped(&name, key::MAX_KEY_BYTES, "key file") {
                    Ok(b) => b,
                    Err(e) => return report.finish(Some(e), &ctx),
                };
                match key::read_keys(&bytes, now) {
                    Ok(k) => keys.extend(k),
                    Err(e) => {
                        return report
                            .finish(Some(Failure::usage(format!("--key {name}: {e}"))), &ctx);
                    }
                }
            }
            keys
        }
        KeySource::Wkd | KeySource::Dns => {
            let Some(a) = &address else {
                return report.finish(
                    Some(Failure::usage(
                        "the message has no From: address to fetch a key for: give --address",
                    )),
                    &ctx,
                );
            };
            let dns = match Dns::new(&plan.dns, ctx.clone()) {
                Ok(d) => d,
                Err(f) => return report.finish(Some(f), &ctx),
            };
            if plan.source == KeySource::Wkd {
                let mut h = Client::new(plan.http.clone(), Auth::None, ctx.clone());
                match wkd::lookup(a, &mut h, &dns, now).await {
                    Ok(w) => {
                        report.findings = wkd::findings(&w, now);
                        let k = w.keys();
                        body.wkd = Some(w);
                        k
                    }
                    Err(e) => return report.finish(Some(Failure::usage(e)), &ctx),
                }
            } else {
                match openpgpkey::lookup(&dns, a, now).await {
                    Ok(o) => {
                        report.findings = openpgpkey::findings(&o, now);
                        // RFC 7929 §7: the record is only as good as DNSSEC makes it, and this
                        // path does not validate: say so beside whatever the signature says.
                        if !o.parsed.is_empty() {
                            let text = format!(
                                "the key for {a} came from DNS without DNSSEC validation (RFC 7929 \
                                 §7 relies on it): an answer forged on the path can carry a forged \
                                 key; check the record with `mailctl dns openpgpkey {a} --dnssec`"
                            );
                            ctx.warn(text.clone());
                            report
                                .findings
                                .push(Finding::warning("openpgpkey-not-validated", text));
                        }
                        if let Some(e) = &o.lookup_error {
                            let f = Failure::new(
                                Phase::Resolve,
                                Kind::TempError,
                                format!("the OPENPGPKEY lookup of {} failed: {e}", o.name),
                            );
                            body.openpgpkey = Some(o);
                            return report.with_body(body).finish(Some(f), &ctx);
                        }
                        let k = o.parsed.clone();
                        body.openpgpkey = Some(o);
                        k
                    }
                    Err(e) => return report.finish(Some(Failure::usage(e)), &ctx),
                }
            }
        }
    };
    body.keys = keys.iter().map(|k| k.info.clone()).collect();
    body.verification = crate::pgp::verify::verify(
        &raw,
        &keys,
        if senders.is_empty() {
            Sender::Unreadable(from_raw.as_deref())
        } else {
            Sender::Addresses(&senders)
        },
        now,
    );
    if let (Some(m), Some(best)) = (&body.verification.mime, body.verification.best())
        && let (Some(micalg), Some(hash)) = (&m.micalg, &best.hash)
    {
        let declared = micalg.to_ascii_lowercase();
        let used = format!("pgp-{}", hash.to_ascii_lowercase().replace('-', ""));
        if declared != used {
            report.findings.push(Finding::warning(
                "pgp-micalg-mismatch",
                format!(
                    "micalg={declared} but the signature uses {hash}: RFC 3156 §5 requires the \
                     parameter to name the hash actually used (some clients refuse it)"
                ),
            ));
        }
    }
    let ending = ending(&body.verification, &plan.source, &keys);
    if let Ok(None) = &ending
        && let Some(best) = body.verification.best()
    {
        report.detail = Some(format!(
            "good signature by {} ({}), made {}, {} {}",
            best.signer.as_deref().unwrap_or("?"),
            best.signer_user_ids
                .first()
                .map_or("no user ID", |u| u.as_str()),
            best.created.map(crate::utc::fmt_utc).unwrap_or_default(),
            best.algorithm.as_deref().unwrap_or("?"),
            best.hash.as_deref().unwrap_or("?"),
        ));
    }
    report.with_body(body).conclude(ending, &ctx)
}

/// The exit outcome: the best signature decides (one good signature is enough).
fn ending(v: &Verification, source: &KeySource, keys: &[Key]) -> Ending {
    let Some(best) = v.best() else {
        let note = v.note.clone().unwrap_or_default();
        let kind = if v.form == "pgp-mime" {
            Verdict::SignatureBad
        } else {
            Verdict::Unsigned
        };
        return Ok(Some(Judgement::new(Phase::Command, kind, note)));
    };
    let reason = best.reason.clone().unwrap_or_default();
    let kind = match best.verdict {
        SigVerdict::Good => return Ok(None),
        SigVerdict::KeyInvalid => Verdict::SignatureUntrusted,
        SigVerdict::NoKey => Verdict::SignatureNoKey,
        SigVerdict::Bad => Verdict::SignatureBad,
    };
    let reason = if best.verdict == SigVerdict::NoKey && keys.is_empty() {
        let from = match source {
            KeySource::Wkd => "the sender's Web Key Directory gave no key",
            KeySource::Dns => "DNS has no OPENPGPKEY record for the sender",
            KeySource::Files(_) => "no key given",
        };
        format!("{from}; {reason}")
    } else {
        reason
    };
    Ok(Some(Judgement::new(Phase::Command, kind, reason)))
}
