//! `mailctl dns …`: look up and audit a domain's mail records. Lookups run concurrently through
//! one resolver (each question asked once per run); results become tables, findings with
//! severities, and an exit code from the worst finding.

use crate::dns::finding::{Finding, Severity, worst};
use crate::dns::mx::{MxReport, lookup_failed};
use crate::dns::{Dns, Negative, Rec, RecordType, dkimkey, dmarc, mx, policy, spf};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::plan::{DnsAction, DnsCmdPlan};
use crate::report::{Report, TreeNode};
use futures_util::future::join_all;
use serde_json::{Value, json};
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
    }
}

pub async fn run(plan: &DnsCmdPlan, ctx: Arc<Ctx>) -> Report {
    let name = format!("dns {}", name(&plan.action));
    super::bounded(
        plan.dns.max_time,
        name,
        &ctx.clone(),
        run_bounded(plan, ctx),
    )
    .await
}

async fn run_bounded(plan: &DnsCmdPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("dns {}", name(&plan.action)));
    let dns = match Dns::new(&plan.dns, ctx.clone()) {
        Ok(d) => d,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    match &plan.action {
        DnsAction::Mx(domain) => {
            let mx = mx::audit(&dns, domain).await;
            report.detail = Some(mx.summary.clone());
            report.table = Some(mx_table(&mx));
            report.data.insert("domain".into(), json!(domain));
            report.data.insert("mx".into(), json!(mx));
            report.findings = mx.findings;
        }
        other => {
            if let Some(outcome) = rest(&dns, other, &mut report).await {
                return report.finish(outcome, &ctx);
            }
        }
    }
    let failure = verdict(&report.findings);
    report.finish(failure, &ctx)
}

/// The exit outcome of an audit: the worst finding decides. A failed lookup (temperror) outranks
/// everything else: the answer is unknown, so nothing else can be trusted.
pub fn verdict(findings: &[Finding]) -> Option<Failure> {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    if let Some(f) = findings.iter().find(|f| f.code.ends_with("-lookup-failed")) {
        return Some(Failure::new(
            Phase::Resolve,
            Kind::TempError,
            f.message.clone(),
        ));
    }
    match worst(findings) {
        Some(Severity::Error) => Some(Failure::new(
            Phase::Resolve,
            Kind::Errors,
            format!(
                "{} error(s), {} warning(s)",
                count(Severity::Error),
                count(Severity::Warning)
            ),
        )),
        Some(Severity::Warning) => Some(Failure::new(
            Phase::Resolve,
            Kind::Warnings,
            format!("{} warning(s)", count(Severity::Warning)),
        )),
        _ => None,
    }
}

fn mx_table(r: &MxReport) -> (Vec<String>, Vec<Vec<String>>) {
    let rows = r
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
    (
        ["PREF", "HOST", "ADDRESSES", "NOTE"]
            .map(String::from)
            .to_vec(),
        rows,
    )
}

// ---------------------------------------------------------------- TXT-based records

/// The joined TXT strings at `name` (RFC 7208 §3.3 / RFC 6376 §3.6.2.2 joining), or why none.
async fn txts(dns: &Dns, name: &str) -> Result<Vec<String>, Negative> {
    let a = dns.query(name, RecordType::TXT).await?;
    Ok(a.recs()
        .filter_map(Rec::txt_joined)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect())
}

/// One TXT policy record (DMARC, MTA-STS, TLS-RPT, BIMI, a DKIM key): what was found and said.
pub struct Policy {
    pub name: String,
    pub record: Option<String>,
    pub status: &'static str,
    pub findings: Vec<Finding>,
    pub value: Value,
}

impl Policy {
    fn new(name: &str) -> Policy {
        Policy {
            name: name.to_string(),
            record: None,
            status: "none",
            findings: vec![],
            value: Value::Null,
        }
    }
}

fn status_of(findings: &[Finding], found: bool) -> &'static str {
    if findings.iter().any(|f| f.code.ends_with("-lookup-failed")) {
        return "temperror";
    }
    match (found, worst(findings)) {
        (_, Some(Severity::Error)) => "error",
        (false, _) => "none",
        (true, Some(Severity::Warning)) => "warning",
        (true, _) => "ok",
    }
}

/// Fetch and parse a TXT policy at `name`; `absent` is the finding when there is none.
async fn policy<T: serde::Serialize>(
    dns: &Dns,
    what: &str,
    name: String,
    prefix: &str,
    absent: Option<Finding>,
    parse: impl Fn(&str) -> (Option<T>, Vec<Finding>),
) -> Policy {
    let mut p = Policy::new(&name);
    match txts(dns, &name).await {
        Err(n) if n.is_absent() => p.findings.extend(absent),
        Err(n) => p
            .findings
            .push(lookup_failed(what, &format!("TXT {name}"), &n)),
        Ok(all) => {
            let (found, f) = policy::select_one(&all, prefix);
            p.findings.extend(f);
            match found {
                None => p.findings.extend(absent),
                Some(rec) => {
                    p.record = Some(rec.to_string());
                    let (parsed, f) = parse(rec);
                    p.findings.extend(f);
                    p.value = serde_json::to_value(parsed).unwrap_or(Value::Null);
                }
            }
        }
    }
    p.status = status_of(&p.findings, p.record.is_some());
    p
}

fn policy_json(p: &Policy) -> Value {
    json!({"name": p.name, "record": p.record, "status": p.status, "parsed": p.value})
}

fn record_table(p: &Policy) -> (Vec<String>, Vec<Vec<String>>) {
    (
        vec!["NAME".into(), "RECORD".into()],
        vec![vec![
            p.name.clone(),
            p.record.clone().unwrap_or_else(|| "-".into()),
        ]],
    )
}

pub async fn mta_sts(dns: &Dns, domain: &str) -> Policy {
    let absent = Finding::info(
        "mta-sts-none",
        format!(
            "no MTA-STS record at _mta-sts.{domain}: senders cannot require TLS to your MX (RFC 8461)"
        ),
    );
    policy(
        dns,
        "mta-sts",
        format!("_mta-sts.{domain}"),
        "v=STSv1",
        Some(absent),
        policy::parse_mta_sts,
    )
    .await
}

pub async fn tls_rpt(dns: &Dns, domain: &str) -> Policy {
    let absent = Finding::info(
        "tls-rpt-none",
        format!(
            "no TLS-RPT record at _smtp._tls.{domain}: you get no reports of TLS failures (RFC 8460)"
        ),
    );
    policy(
        dns,
        "tls-rpt",
        format!("_smtp._tls.{domain}"),
        "v=TLSRPTv1",
        Some(absent),
        policy::parse_tls_rpt,
    )
    .await
}

pub async fn bimi(dns: &Dns, domain: &str, selector: &str) -> Policy {
    let absent = Finding::info(
        "bimi-none",
        format!("no BIMI record at {selector}._bimi.{domain}"),
    );
    policy(
        dns,
        "bimi",
        format!("{selector}._bimi.{domain}"),
        "v=BIMI1",
        Some(absent),
        policy::parse_bimi,
    )
    .await
}

/// One DKIM key record (RFC 6376 §3.6.2.2: `<selector>._domainkey.<domain>`).
pub async fn dkim_key(dns: &Dns, selector: &str, domain: &str) -> Policy {
    let name = format!("{selector}._domainkey.{domain}");
    let mut p = Policy::new(&name);
    match txts(dns, &name).await {
        Err(Negative::NxDomain) => p.findings.push(Finding::error(
            "dkim-key-missing",
            format!("no key at {name} (NXDOMAIN): signatures with s={selector} fail"),
        )),
        Err(Negative::NoData) => p.findings.push(Finding::error(
            "dkim-key-missing",
            format!("{name} exists but has no TXT record: signatures with s={selector} fail"),
        )),
        Err(n) => p
            .findings
            .push(lookup_failed("dkim-key", &format!("TXT {name}"), &n)),
        Ok(all) => {
            if all.len() > 1 {
                p.findings.push(Finding::error(
                    "dkim-key-multiple",
                    format!(
                        "{name} has {} TXT records; verifiers may pick either (RFC 6376 §3.6.2.2)",
                        all.len()
                    ),
                ));
            }
            if let Some(rec) = all.first() {
                p.record = Some(rec.clone());
                let (parsed, f) = dkimkey::parse_dkim_key(rec);
                // Several selectors share one findings list: say which key each is about.
                p.findings.extend(f.into_iter().map(|mut x| {
                    x.message = format!("{name}: {}", x.message);
                    x
                }));
                p.value = serde_json::to_value(parsed).unwrap_or(Value::Null);
            }
        }
    }
    p.status = status_of(&p.findings, p.record.is_some());
    p
}

/// DMARC (RFC 7489): `_dmarc.<domain>`, falling back to the organizational domain (§6.6.3), then
/// external report authorization for every rua/ruf outside the domain (§7.1), concurrently.
pub struct DmarcReport {
    pub policy: Policy,
    /// The domain whose record applies (the organizational domain after a fallback).
    pub policy_domain: String,
    pub record: Option<dmarc::DmarcRecord>,
}

pub async fn dmarc(dns: &Dns, domain: &str) -> DmarcReport {
    let absent = || {
        Finding::error(
            "dmarc-none",
            format!(
                "no DMARC record for {domain}: receivers apply no policy and you get no reports (RFC 7489)"
            ),
        )
    };
    let mut p = policy(
        dns,
        "dmarc",
        format!("_dmarc.{domain}"),
        "v=DMARC1",
        None,
        |_| (None::<()>, vec![]),
    )
    .await;
    let mut policy_domain = domain.to_string();
    // Only an *empty* set sends the receiver to the organizational domain; two or more
    // v=DMARC1 records end policy discovery with no policy at all (RFC 7489 §6.6.3 steps 3, 5).
    let several = p
        .findings
        .iter()
        .any(|f| f.code == "dmarc-multiple-records");
    if p.record.is_none() && p.status != "temperror" && !several {
        let org = dmarc::organizational_domain(domain);
        if org != domain {
            let q = policy(
                dns,
                "dmarc",
                format!("_dmarc.{org}"),
                "v=DMARC1",
                None,
                |_| (None::<()>, vec![]),
            )
            .await;
            if q.record.is_some() || q.status == "temperror" {
                p.findings.push(Finding::info("dmarc-org-fallback", format!("no record at _dmarc.{domain}; the organizational domain's record at _dmarc.{org} applies (RFC 7489 §6.6.3)")));
                p.findings.extend(q.findings);
                p.name = q.name;
                p.record = q.record;
                policy_domain = org;
            }
        }
    }
    let mut record = None;
    match &p.record {
        None => {
            if !p
                .findings
                .iter()
                .any(|f| f.code.ends_with("-lookup-failed"))
            {
                p.findings.push(absent());
            }
        }
        Some(text) => {
            let (parsed, f) = dmarc::parse_dmarc(text);
            p.findings.extend(f);
            if let Some(rec) = &parsed {
                let checks = rec
                    .effective
                    .rua
                    .iter()
                    .chain(&rec.effective.ruf)
                    .filter_map(|u| {
                        let target = u.domain.as_ref()?;
                        dmarc::external_report_check_name(&policy_domain, target)
                            .map(|n| (u.uri.clone(), target.clone(), n))
                    });
                let mut seen = Vec::new();
                let checks: Vec<_> = checks
                    .filter(|c| {
                        if seen.contains(&c.2) {
                            false
                        } else {
                            seen.push(c.2.clone());
                            true
                        }
                    })
                    .collect();
                let results = join_all(checks.iter().map(|(_, _, n)| txts(dns, n))).await;
                for ((uri, target, n), res) in checks.iter().zip(results) {
                    match res {
                        Ok(t) if t.iter().any(|x| dmarc::authorizes_reports(x)) => {}
                        Err(neg) if !neg.is_absent() => p.findings.push(lookup_failed("dmarc-report-auth", &format!("TXT {n}"), &neg)),
                        _ => p.findings.push(Finding::error(
                            "dmarc-rua-unauthorized",
                            format!("{uri} is outside {policy_domain} and {target} does not authorize it ({n} has no v=DMARC1 record): receivers will not send those reports (RFC 7489 §7.1)"),
                        )),
                    }
                }
            }
            p.value = serde_json::to_value(&parsed).unwrap_or(Value::Null);
            record = parsed;
        }
    }
    p.status = status_of(&p.findings, p.record.is_some());
    DmarcReport {
        policy: p,
        policy_domain,
        record,
    }
}

fn dmarc_table(d: &DmarcReport) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rows = Vec::new();
    if let Some(r) = &d.record {
        let e = &r.effective;
        let uris = |v: &[dmarc::ReportUri]| {
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
    (
        ["TAG", "EFFECTIVE VALUE", "NOTE"]
            .map(String::from)
            .to_vec(),
        rows,
    )
}

/// Turn an SPF tree into a drawable tree.
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

/// `--ip` evaluation outcome → exit outcome.
fn spf_verdict(e: &spf::Evaluation) -> Option<Failure> {
    use spf::SpfResult as R;
    let msg = format!("{}: {}", e.result, e.reason);
    let kind = match e.result {
        R::Pass => return None,
        R::Fail | R::Softfail => Kind::SpfFail,
        R::Neutral | R::None => Kind::SpfNeutral,
        R::Temperror => Kind::TempError,
        R::Permerror => Kind::Errors,
    };
    Some(Failure::new(Phase::Resolve, kind, msg))
}

/// Everything for one domain, concurrently: the `dns check` audit.
pub struct DomainAudit {
    pub domain: String,
    pub mx: MxReport,
    pub spf: spf::Audit,
    pub dmarc: DmarcReport,
    pub dkim: Vec<Policy>,
    pub mta_sts: Policy,
    pub tls_rpt: Policy,
    pub bimi: Policy,
}

pub async fn audit_domain(dns: &Dns, domain: &str, selectors: &[String]) -> DomainAudit {
    let (mx, spf, dmarc, dkim, mta_sts, tls_rpt, bimi) = tokio::join!(
        mx::audit(dns, domain),
        spf::audit(dns, domain),
        dmarc(dns, domain),
        join_all(selectors.iter().map(|s| dkim_key(dns, s, domain))),
        mta_sts(dns, domain),
        tls_rpt(dns, domain),
        bimi(dns, domain, "default"),
    );
    DomainAudit {
        domain: domain.to_string(),
        mx,
        spf,
        dmarc,
        dkim,
        mta_sts,
        tls_rpt,
        bimi,
    }
}

impl DomainAudit {
    /// Every finding, each message prefixed with the record it is about.
    fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut add = |fs: &[Finding]| out.extend(fs.iter().cloned());
        add(&self.mx.findings);
        add(&self.spf.findings);
        add(&self.dmarc.policy.findings);
        for k in &self.dkim {
            add(&k.findings);
        }
        add(&self.mta_sts.findings);
        add(&self.tls_rpt.findings);
        add(&self.bimi.findings);
        out
    }

    fn row(&self) -> Vec<String> {
        let mx = status_of(
            &self.mx.findings,
            !self.mx.hosts.is_empty() || self.mx.null_mx,
        );
        let spf = status_of(&self.spf.findings, self.spf.tree.record.is_some());
        let dkim = if self.dkim.is_empty() {
            "-".to_string()
        } else {
            self.dkim
                .iter()
                .map(|k| k.status)
                .max_by_key(|s| rank(s))
                .unwrap_or("-")
                .to_string()
        };
        vec![
            self.domain.clone(),
            mx.into(),
            format!("{spf} ({}/10)", self.spf.dns_lookups),
            self.dmarc.policy.status.into(),
            dkim,
            self.mta_sts.status.into(),
            self.tls_rpt.status.into(),
            self.bimi.status.into(),
        ]
    }

    fn json(&self) -> Value {
        json!({
            "domain": self.domain,
            "mx": self.mx,
            "spf": self.spf,
            "dmarc": policy_json(&self.dmarc.policy),
            "dkim": self.dkim.iter().map(policy_json).collect::<Vec<_>>(),
            "mta_sts": policy_json(&self.mta_sts),
            "tls_rpt": policy_json(&self.tls_rpt),
            "bimi": policy_json(&self.bimi),
        })
    }
}

fn rank(s: &str) -> u8 {
    match s {
        "temperror" => 5,
        "error" => 4,
        "warning" => 3,
        "none" => 2,
        "ok" => 1,
        _ => 0,
    }
}

/// Everything but mx. `Some(outcome)` when the command decides its own exit outcome (spf --ip);
/// None when the findings decide.
async fn rest(dns: &Dns, action: &DnsAction, report: &mut Report) -> Option<Option<Failure>> {
    match action {
        DnsAction::Spf {
            domain, ip: None, ..
        } => {
            let a = spf::audit(dns, domain).await;
            report.tree = Some(spf_tree(&a.tree));
            report.detail = Some(format!(
                "{} DNS-querying terms (limit {}), {} void lookups (limit {})",
                a.dns_lookups,
                spf::MAX_LOOKUPS,
                a.void_lookups,
                spf::MAX_VOID
            ));
            report.findings = a.findings.clone();
            report.data.insert("domain".into(), json!(domain));
            report.data.insert("spf_audit".into(), json!(a));
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
            report.data.insert("domain".into(), json!(domain));
            report.data.insert("ip".into(), json!(ip.to_string()));
            report.data.insert("spf".into(), json!(e));
            return Some(spf_verdict(&e));
        }
        DnsAction::Dmarc(domain) => {
            let d = dmarc(dns, domain).await;
            report.detail = Some(match &d.record {
                Some(r) => format!(
                    "p={} for {} (record at {})",
                    r.effective.p, domain, d.policy.name
                ),
                None => "no DMARC policy".into(),
            });
            report.table = Some(dmarc_table(&d));
            report.data.insert("domain".into(), json!(domain));
            report
                .data
                .insert("policy_domain".into(), json!(d.policy_domain));
            report.data.insert("dmarc".into(), policy_json(&d.policy));
            report.findings = d.policy.findings;
        }
        DnsAction::Dkim { selectors, domain } => {
            let keys = join_all(selectors.iter().map(|s| dkim_key(dns, s, domain))).await;
            let rows = keys
                .iter()
                .zip(selectors)
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
            report.table = Some((
                ["SELECTOR", "TYPE", "BITS", "FLAGS", "STATUS"]
                    .map(String::from)
                    .to_vec(),
                rows,
            ));
            report.detail = Some(format!("{} selector(s)", keys.len()));
            report.data.insert("domain".into(), json!(domain));
            report.data.insert(
                "dkim".into(),
                Value::Array(keys.iter().map(policy_json).collect()),
            );
            report.findings = keys.into_iter().flat_map(|k| k.findings).collect();
        }
        DnsAction::MtaSts(domain) | DnsAction::TlsRpt(domain) | DnsAction::Bimi { domain, .. } => {
            let (key, p) = match action {
                DnsAction::MtaSts(_) => ("mta_sts", mta_sts(dns, domain).await),
                DnsAction::TlsRpt(_) => ("tls_rpt", tls_rpt(dns, domain).await),
                DnsAction::Bimi { selector, .. } => ("bimi", bimi(dns, domain, selector).await),
                _ => return None,
            };
            report.detail = Some(format!("{}: {}", p.name, p.status));
            report.table = Some(record_table(&p));
            report.data.insert("domain".into(), json!(domain));
            report.data.insert(key.into(), policy_json(&p));
            report.findings = p.findings;
        }
        DnsAction::Check { domains, selectors } => {
            let audits = join_all(domains.iter().map(|d| audit_domain(dns, d, selectors))).await;
            report.table = Some((
                [
                    "DOMAIN",
                    "MX",
                    "SPF (lookups)",
                    "DMARC",
                    "DKIM",
                    "MTA-STS",
                    "TLS-RPT",
                    "BIMI",
                ]
                .map(String::from)
                .to_vec(),
                audits.iter().map(DomainAudit::row).collect(),
            ));
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
            report.data.insert(
                "domains".into(),
                Value::Array(audits.iter().map(DomainAudit::json).collect()),
            );
        }
        DnsAction::Mx(_) => return None,
    }
    None
}
