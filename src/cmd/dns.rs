//! `mailctl dns …`: look up and audit a domain's mail records. Lookups run concurrently through
//! one resolver (each question asked once per run); the audit itself is `dns::audit`
//! and `dns::mx`, the layout `render/dns.rs`. Here: run it, pick the exit code from the
//! worst finding.

use crate::dns::finding::verdict;
use crate::dns::{Dns, audit, mx, spf};
use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};
use crate::event::Ctx;
use crate::plan::{DnsAction, DnsCmdPlan};
use crate::report::Report;
use crate::report::dns::{
    CheckResult, DkimResult, DmarcResult, MxResult, RecordResult, SpfAuditResult, SpfCheckResult,
};
use futures_util::future::join_all;
use std::sync::Arc;

fn name(a: &DnsAction) -> &'static str {
    match a {
        DnsAction::Mx(_) => "mx",
        DnsAction::Spf { .. } => "spf",
        DnsAction::Dmarc(_) => "dmarc",
        DnsAction::Dkim { .. } => "dkim",
        DnsAction::MtaSts(_) => "mta-sts",
        DnsAction::TlsRpt(_) => "tls-rpt",
        DnsAction::Bimi { .. } => "bimi",
        DnsAction::Check { .. } => "check",
        DnsAction::OpenPgpKey { .. } => "openpgpkey",
    }
}

pub(crate) async fn run(plan: &DnsCmdPlan, ctx: Arc<Ctx>) -> Report {
    let name = format!("dns {}", name(&plan.action));
    crate::run::bounded(
        plan.dns.max_time,
        name,
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &DnsCmdPlan, ctx: Arc<Ctx>) -> Report {
    let report = Report::new(format!("dns {}", name(&plan.action)));
    let dns = match Dns::new(&plan.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let (report, decided) = action(&dns, &plan.dns, &plan.action, report).await;
    let ending = decided.unwrap_or_else(|| verdict(&report.findings));
    report.conclude(ending, &ctx)
}

/// Run one subcommand into `report`: its detail, findings and typed result. `Some(outcome)` when
/// the command decides its own exit outcome (spf --ip); None when the findings decide.
async fn action(
    dns: &Dns,
    dns_plan: &crate::dns::DnsPlan,
    action: &DnsAction,
    mut report: Report,
) -> (Report, Option<Ending>) {
    let mut decided = None;
    report = match action {
        DnsAction::Mx(domain) => {
            let mx = mx::audit(dns, domain).await;
            report.detail = Some(mx.summary.clone());
            report.findings = mx.findings.clone();
            report.with_body(MxResult {
                domain: domain.clone(),
                mx,
            })
        }
        DnsAction::Spf {
            domain, ip: None, ..
        } => {
            let a = spf::audit(dns, domain).await;
            report.detail = Some(format!(
                "{} DNS-querying terms (limit {}), {} void lookups (limit {})",
                a.dns_lookups,
                spf::MAX_LOOKUPS,
                a.void_lookups,
                spf::MAX_VOID
            ));
            report.findings = a.findings.clone();
            report.with_body(SpfAuditResult {
                domain: domain.clone(),
                spf_audit: a,
            })
        }
        DnsAction::Spf {
            domain,
            ip: Some(ip),
            sender,
            helo,
        } => {
            let sender = sender
                .clone()
                .unwrap_or_else(|| format!("postmaster@{domain}"));
            let helo = helo.clone().unwrap_or_else(|| domain.clone());
            let e = spf::check_host(dns, *ip, domain, &sender, &helo).await;
            report.detail = Some(format!(
                "{}{}: {}",
                e.result,
                e.mechanism
                    .as_ref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default(),
                e.reason
            ));
            decided = Some(spf_verdict(&e));
            report.with_body(SpfCheckResult {
                domain: domain.clone(),
                ip: ip.to_string(),
                spf: e,
            })
        }
        DnsAction::Dmarc(domain) => {
            let d = audit::dmarc(dns, domain).await;
            report.detail = Some(match &d.record {
                Some(r) => format!(
                    "p={} for {} (record at {})",
                    r.effective.p, domain, d.policy.name
                ),
                None => "no DMARC policy".into(),
            });
            report.findings = d.policy.findings.clone();
            report.with_body(DmarcResult {
                domain: domain.clone(),
                policy_domain: d.policy_domain,
                dmarc: d.policy,
                record: d.record,
            })
        }
        DnsAction::Dkim { selectors, domain } => {
            let keys = join_all(selectors.iter().map(|s| audit::dkim_key(dns, s, domain))).await;
            report.detail = Some(format!("{} selector(s)", keys.len()));
            report.findings = keys.iter().flat_map(|k| k.findings.clone()).collect();
            report.with_body(DkimResult {
                domain: domain.clone(),
                dkim: keys,
                selectors: selectors.clone(),
            })
        }
        DnsAction::MtaSts(domain) | DnsAction::TlsRpt(domain) | DnsAction::Bimi { domain, .. } => {
            let mut r = RecordResult {
                domain: domain.clone(),
                mta_sts: None,
                tls_rpt: None,
                bimi: None,
            };
            let (slot, p) = match action {
                DnsAction::MtaSts(_) => (&mut r.mta_sts, audit::mta_sts(dns, domain).await),
                DnsAction::TlsRpt(_) => (&mut r.tls_rpt, audit::tls_rpt(dns, domain).await),
                DnsAction::Bimi { selector, .. } => {
                    (&mut r.bimi, audit::bimi(dns, domain, selector).await)
                }
                _ => unreachable!("matched above"),
            };
            report.detail = Some(format!("{}: {}", p.name, p.status));
            report.findings = p.findings.clone();
            *slot = Some(p);
            report.with_body(r)
        }
        DnsAction::OpenPgpKey {
            address,
            dnssec,
            trust_anchor,
        } => {
            let now = crate::pgp::now();
            match crate::pgp::openpgpkey::lookup(dns, address, now).await {
                Ok(mut o) => {
                    if *dnssec {
                        match crate::dns::dnssec::Validator::new(dns_plan, trust_anchor.as_deref())
                        {
                            Ok(v) => {
                                o.dnssec = Some(
                                    v.check(dns, &o.name, crate::dns::RecordType::OPENPGPKEY)
                                        .await,
                                )
                            }
                            Err(f) => return (report, Some(Err(f))),
                        }
                    }
                    report.findings = crate::pgp::openpgpkey::findings(&o, now);
                    let keys: Vec<String> = o
                        .records
                        .iter()
                        .flat_map(|r| r.keys.iter())
                        .map(|k| format!("{} ({})", k.fingerprint, k.main_uid()))
                        .collect();
                    report.detail = Some(match keys.is_empty() {
                        true => format!("{}: {}", o.name, o.outcome),
                        false => format!("{}: {}", o.name, keys.join(", ")),
                    });
                    report.with_body(crate::report::pgp::OpenPgpKey { openpgpkey: o })
                }
                Err(e) => {
                    decided = Some(Err(Failure::usage(e)));
                    report
                }
            }
        }
        DnsAction::Check { domains, selectors } => {
            let audits = join_all(
                domains
                    .iter()
                    .map(|d| audit::audit_domain(dns, d, selectors)),
            )
            .await;
            let many = audits.len() > 1;
            for a in &audits {
                for mut f in a.findings() {
                    if many {
                        f.message = format!("{}: {}", a.domain, f.message);
                    }
                    report.findings.push(f);
                }
            }
            report.detail = Some(format!("{} domain(s) audited", audits.len()));
            report.with_body(CheckResult { domains: audits })
        }
    };
    (report, decided)
}

/// `--ip` evaluation outcome → exit outcome. A temperror is no verdict: the answer is unknown
/// (RFC 7208 §2.6.6).
fn spf_verdict(e: &spf::Evaluation) -> Ending {
    use spf::SpfResult as R;
    let msg = format!("{}: {}", e.result, e.reason);
    let kind = match e.result {
        R::Pass => return Ok(None),
        R::Fail | R::Softfail => Verdict::SpfFail,
        R::Neutral | R::None => Verdict::SpfNeutral,
        R::Temperror => return Err(Failure::new(Phase::Resolve, Kind::TempError, msg)),
        R::Permerror => Verdict::Errors,
    };
    Ok(Some(Judgement::new(Phase::Resolve, kind, msg)))
}
