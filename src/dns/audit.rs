//! The domain audit behind `dns …` and `dns check`: each TXT policy record (DMARC with its
//! organizational-domain fallback and external report authorization, MTA-STS, TLS-RPT, BIMI,
//! DKIM keys) fetched, selected and parsed with findings, and every record of a domain at once.
//! The record grammars are in the sibling modules; this is where lookups meet them.

use super::finding::{Finding, Severity, worst};
use super::mx::{self, MxReport, lookup_failed};
use super::{Dns, Negative, Rec, RecordType, dkimkey, dmarc, policy, spf};
use futures_util::future::join_all;
use serde::Serialize;
use serde_json::Value;

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
/// JSON: `name`, `record`, `status`, `parsed`; the findings go to the report's findings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Policy {
    pub(crate) name: String,
    pub(crate) record: Option<String>,
    pub(crate) status: &'static str,
    #[serde(skip)]
    pub(crate) findings: Vec<Finding>,
    #[serde(rename = "parsed")]
    pub(crate) value: Value,
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

pub(crate) fn status_of(findings: &[Finding], found: bool) -> &'static str {
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

pub(crate) async fn mta_sts(dns: &Dns, domain: &str) -> Policy {
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

pub(crate) async fn tls_rpt(dns: &Dns, domain: &str) -> Policy {
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

pub(crate) async fn bimi(dns: &Dns, domain: &str, selector: &str) -> Policy {
    let absent = |at: String| Finding::info("bimi-none", format!("no BIMI record at {at}"));
    let own = format!("{selector}._bimi.{domain}");
    let org = dmarc::organizational_domain(domain);
    // BIMI (draft-brand-indicators-for-message-identification §4.4): with no record at the
    // author domain, receivers look at the organizational domain's, as DMARC does.
    let here = policy(
        dns,
        "bimi",
        own.clone(),
        "v=BIMI1",
        (org == domain).then(|| absent(own.clone())),
        policy::parse_bimi,
    )
    .await;
    if org == domain || here.record.is_some() || here.status == "temperror" {
        return here;
    }
    let at = format!("{selector}._bimi.{org}");
    let mut there = policy(
        dns,
        "bimi",
        at.clone(),
        "v=BIMI1",
        Some(absent(format!("{own} nor at {at}"))),
        policy::parse_bimi,
    )
    .await;
    if there.record.is_some() {
        there.findings.insert(
            0,
            Finding::info(
                "bimi-org-fallback",
                format!("no BIMI record at {own}; the organizational domain's at {at} applies"),
            ),
        );
    }
    there.findings.splice(0..0, here.findings);
    there
}

/// One DKIM key record (RFC 6376 §3.6.2.2: `<selector>._domainkey.<domain>`).
pub(crate) async fn dkim_key(dns: &Dns, selector: &str, domain: &str) -> Policy {
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
#[derive(Debug, Clone)]
pub(crate) struct DmarcReport {
    pub(crate) policy: Policy,
    /// The domain whose record applies (the organizational domain after a fallback).
    pub(crate) policy_domain: String,
    pub(crate) record: Option<dmarc::DmarcRecord>,
}

pub(crate) async fn dmarc(dns: &Dns, domain: &str) -> DmarcReport {
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

/// Everything for one domain, concurrently: the `dns check` audit. JSON: each record as its
/// own command shows it (DMARC as its policy record).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DomainAudit {
    pub(crate) domain: String,
    pub(crate) mx: MxReport,
    pub(crate) spf: spf::Audit,
    #[serde(serialize_with = "dmarc_policy")]
    pub(crate) dmarc: DmarcReport,
    pub(crate) dkim: Vec<Policy>,
    pub(crate) mta_sts: Policy,
    pub(crate) tls_rpt: Policy,
    pub(crate) bimi: Policy,
}

pub(crate) async fn audit_domain(dns: &Dns, domain: &str, selectors: &[String]) -> DomainAudit {
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
    pub(crate) fn findings(&self) -> Vec<Finding> {
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

    /// The status of each record, in the order of the `dns check` table: MX, SPF, DMARC, DKIM
    /// (the worst selector, `-` without selectors), MTA-STS, TLS-RPT, BIMI.
    pub(crate) fn statuses(&self) -> [&'static str; 7] {
        let mx = status_of(
            &self.mx.findings,
            !self.mx.hosts.is_empty() || self.mx.null_mx,
        );
        let spf = status_of(&self.spf.findings, self.spf.tree.record.is_some());
        let dkim = self
            .dkim
            .iter()
            .map(|k| k.status)
            .max_by_key(|s| rank(s))
            .unwrap_or("-");
        [
            mx,
            spf,
            self.dmarc.policy.status,
            dkim,
            self.mta_sts.status,
            self.tls_rpt.status,
            self.bimi.status,
        ]
    }
}

fn dmarc_policy<S: serde::Serializer>(d: &DmarcReport, s: S) -> Result<S::Ok, S::Error> {
    d.policy.serialize(s)
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
