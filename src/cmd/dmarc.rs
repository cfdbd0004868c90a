//! `mailctl dmarc evaluate`: DMARC (RFC 7489) for one received message, as the receiving server
//! would decide it. The RFC5322.From domain (§6.6.1), SPF `check_host()` for the client IP and
//! MAIL FROM (or HELO for the null sender), every DKIM signature through our verifier, the
//! From domain's policy (organizational-domain fallback, §6.6.3), identifier alignment (§3.1),
//! and the result as an Authentication-Results header (RFC 8601) with a table of why.
//!
//! Exit codes: 0 pass, 12 fail (and permerror: no usable From), 13 temperror, 17 none (no policy).

use crate::cmd::dkim::fetch_key;
use crate::dkim::canon::{self, Field};
use crate::dkim::verify::{self, Keys, MessageReport, SigResult};
use crate::dns::audit::DmarcReport;
use crate::dns::dmarc::organizational_domain;
use crate::dns::spf::{self, Evaluation, SpfResult};
use crate::dns::{Dns, norm};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::plan::DmarcEvalPlan;
use crate::report::{Report, TreeNode};
use futures_util::future::join_all;
use serde_json::{Value, json};
use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

/// The DMARC result (the RFC 7489 §11.2 names used in Authentication-Results).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmarcResult {
    Pass,
    Fail,
    None,
    Temperror,
    Permerror,
}

impl DmarcResult {
    pub fn as_str(self) -> &'static str {
        match self {
            DmarcResult::Pass => "pass",
            DmarcResult::Fail => "fail",
            DmarcResult::None => "none",
            DmarcResult::Temperror => "temperror",
            DmarcResult::Permerror => "permerror",
        }
    }
}

/// How one identifier relates to the From domain (RFC 7489 §3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub aligned: bool,
    pub why: String,
}

/// Does `id` (a d= or SPF domain) align with `from` in the given mode (`s` strict, else relaxed)?
pub fn align(id: &str, from: &str, mode: &str) -> Alignment {
    let (id, from) = (norm(id), norm(from));
    let strict = mode.eq_ignore_ascii_case("s");
    if id == from {
        return Alignment {
            aligned: true,
            why: format!("{id} is the From domain"),
        };
    }
    let (oi, of) = (organizational_domain(&id), organizational_domain(&from));
    match (oi == of, strict) {
        (true, false) => Alignment {
            aligned: true,
            why: format!("relaxed: {id} and {from} share the organizational domain {of}"),
        },
        (true, true) => Alignment {
            aligned: false,
            why: format!(
                "strict alignment: {id} is not {from} (same organizational domain {of}, but strict needs an exact match)"
            ),
        },
        (false, _) => Alignment {
            aligned: false,
            why: format!("{id} is outside {from}'s organizational domain {of}"),
        },
    }
}

/// The RFC5322.From domain: exactly one From field with exactly one address (§6.6.1).
/// `Ok((address, domain))`, or why DMARC cannot apply.
pub fn from_domain(fields: &[Field]) -> Result<(String, String), String> {
    let froms: Vec<&Field> = fields.iter().filter(|f| f.is("from")).collect();
    let field = match froms.as_slice() {
        [] => return Err("the message has no From header field, so there is no author domain to evaluate (RFC 7489 §6.6.1)".into()),
        [f] => f,
        more => {
            return Err(format!(
                "the message has {} From header fields; RFC 5322 allows one and DMARC cannot pick an author domain (RFC 7489 §6.6.1)",
                more.len()
            ));
        }
    };
    let mut synth = b"From:".to_vec();
    synth.extend_from_slice(field.value());
    synth.extend_from_slice(b"\r\n\r\n");
    let parsed = mail_parser::MessageParser::default().parse(&synth[..]);
    let addrs: Vec<String> = parsed
        .as_ref()
        .and_then(|m| m.from())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.address.as_deref().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let addr = match addrs.as_slice() {
        [a] => a.clone(),
        [] => {
            return Err(format!(
                "the From field ({}) holds no address (RFC 7489 §6.6.1)",
                String::from_utf8_lossy(field.value()).trim()
            ));
        }
        more => {
            return Err(format!(
                "the From field holds {} addresses ({}); DMARC needs exactly one author domain (RFC 7489 §6.6.1)",
                more.len(),
                more.join(", ")
            ));
        }
    };
    let domain = match addr.rsplit_once('@') {
        Some((_, d)) if !d.trim().is_empty() => d.trim(),
        _ => {
            return Err(format!(
                "the From address {addr:?} has no domain (RFC 7489 §6.6.1)"
            ));
        }
    };
    let domain = crate::plan::domain_arg(domain)
        .map_err(|_| format!("the From domain {domain:?} is not a valid domain name"))?;
    Ok((addr, domain))
}

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

fn sig_result(r: SigResult) -> &'static str {
    match r {
        SigResult::Pass => "pass",
        SigResult::Fail => "fail",
        SigResult::Permerror => "permerror",
        SigResult::Temperror => "temperror",
    }
}

pub async fn run(plan: &DmarcEvalPlan, ctx: Arc<Ctx>) -> Report {
    let max = plan.dns.max_time;
    super::bounded(
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
    for n in verify::signatures(&fields)
        .iter()
        .filter_map(verify::Signature::key_name)
    {
        if !key_names.contains(&n) && !given.contains_key(&n) {
            key_names.push(n);
        }
    }

    // SPF identity: the MAIL FROM domain, or the HELO name for the null sender (RFC 7208 §2.4).
    let null_sender = plan.mail_from.is_empty();
    let spf_domain = match plan.mail_from.rsplit_once('@') {
        _ if null_sender => plan.helo.clone(),
        Some((_, d)) => norm(d),
        None => norm(&plan.mail_from),
    };

    // SPF, the DKIM keys and the DMARC record, concurrently through one resolver.
    let started = Instant::now();
    let (spf_eval, keys, policy) = tokio::join!(
        spf::check_host(&dns, plan.ip, &spf_domain, &plan.mail_from, &plan.helo),
        fetch_keys(&dns, &key_names),
        async {
            match &from {
                Ok((_, d)) => Some(crate::dns::audit::dmarc(&dns, d).await),
                Err(_) => None,
            }
        }
    );
    ctx.record(Phase::Resolve, started.elapsed().as_secs_f64() * 1000.0);
    let mut keys = keys;
    keys.extend(given);
    let now = super::dkim::verify_time(&plan.keys, &ctx);
    let dkim = verify::verify_message(&plan.input, &raw, &keys, now, false);

    let ev = Evaluated::new(plan, &from, &spf_domain, &spf_eval, &dkim, policy.as_ref());
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let ar = ev.authentication_results(&host, plan);
    ev.fill(&mut report, plan, &ar, policy.as_ref());
    let failure = ev.failure();
    report.finish(failure, &ctx)
}

/// Everything decided, ready to render.
struct Evaluated<'a> {
    from: &'a Result<(String, String), String>,
    spf_domain: &'a str,
    spf: &'a Evaluation,
    spf_align: Alignment,
    dkim: &'a MessageReport,
    /// Per signature, in message order.
    dkim_align: Vec<Alignment>,
    result: DmarcResult,
    /// The policy that applies (p, or sp when the record came from the organizational domain).
    policy: Option<String>,
    disposition: Option<String>,
    reason: String,
}

impl<'a> Evaluated<'a> {
    fn new(
        plan: &DmarcEvalPlan,
        from: &'a Result<(String, String), String>,
        spf_domain: &'a str,
        spf: &'a Evaluation,
        dkim: &'a MessageReport,
        dmarc: Option<&DmarcReport>,
    ) -> Evaluated<'a> {
        let rec = dmarc.and_then(|d| d.record.as_ref()).map(|r| &r.effective);
        let (aspf, adkim) = rec.map_or(("r", "r"), |e| (e.aspf.as_str(), e.adkim.as_str()));
        let from_d = from.as_ref().ok().map(|(_, d)| d.as_str());
        let identity = if plan.mail_from.is_empty() {
            "HELO"
        } else {
            "MAIL FROM"
        };
        let spf_align = match from_d {
            None => Alignment {
                aligned: false,
                why: "no usable From domain".into(),
            },
            Some(_) if spf.result != SpfResult::Pass => Alignment {
                aligned: false,
                why: format!("SPF did not pass: {}", spf.reason),
            },
            Some(f) => {
                let mut a = align(spf_domain, f, aspf);
                a.why = format!("{identity} {spf_domain}: {} (aspf={aspf})", a.why);
                a
            }
        };
        let dkim_align: Vec<Alignment> = dkim
            .signatures
            .iter()
            .map(|s| match (from_d, &s.d) {
                (None, _) => Alignment {
                    aligned: false,
                    why: "no usable From domain".into(),
                },
                (_, None) => Alignment {
                    aligned: false,
                    why: "the signature has no d= tag".into(),
                },
                (Some(_), Some(_)) if s.result != SigResult::Pass => Alignment {
                    aligned: false,
                    why: format!("the signature did not pass: {}", s.reason),
                },
                (Some(f), Some(d)) => {
                    let mut a = align(d, f, adkim);
                    a.why = format!("d={d}: {} (adkim={adkim})", a.why);
                    a
                }
            })
            .collect();
        let spf_aligned = spf_align.aligned;
        let dkim_aligned = dkim_align.iter().any(|a| a.aligned);
        let mut policy = None;
        let mut disposition = None;
        let (result, reason) = match (from, dmarc) {
            (Err(why), _) => (DmarcResult::Permerror, why.clone()),
            (Ok(_), None) => (DmarcResult::Permerror, "no From domain".to_string()),
            (Ok((_, f)), Some(d)) => {
                let sub = d.policy_domain != *f;
                if d.policy.status == "temperror" {
                    (
                        DmarcResult::Temperror,
                        format!(
                            "the DMARC record lookup for {f} failed, so the policy is unknown (RFC 7489 §6.6.3: try again later)"
                        ),
                    )
                } else if d.record.as_ref().is_some_and(|r| {
                    r.effective.defaults.iter().any(|t| t == "p") && r.effective.rua.is_empty()
                }) {
                    // No valid p= (or an invalid sp=) and no valid rua: "the Mail Receiver
                    // applies no DMARC processing to this message" (RFC 7489 §6.6.3).
                    (
                        DmarcResult::None,
                        format!(
                            "the DMARC record at {} has no valid p= (or an invalid sp=) and no valid rua=, so no DMARC processing applies (RFC 7489 §6.6.3)",
                            d.policy.name
                        ),
                    )
                } else if let Some(r) = &d.record {
                    let e = &r.effective;
                    let applies = if sub { e.sp.clone() } else { e.p.clone() };
                    let which = if sub {
                        format!(
                            "sp={} (the record of the organizational domain {})",
                            e.sp, d.policy_domain
                        )
                    } else {
                        format!("p={}", e.p)
                    };
                    policy = Some(applies.clone());
                    if spf_aligned || dkim_aligned {
                        disposition = Some("none".to_string());
                        let by = match (spf_aligned, dkim_aligned) {
                            (true, true) => "SPF and DKIM are both aligned",
                            (true, false) => "SPF is aligned (DKIM is not)",
                            _ => "DKIM is aligned (SPF is not)",
                        };
                        (DmarcResult::Pass, format!("{by}: DMARC passes"))
                    } else if spf.result == SpfResult::Temperror
                        || dkim
                            .signatures
                            .iter()
                            .any(|s| s.result == SigResult::Temperror)
                    {
                        (
                            DmarcResult::Temperror,
                            "nothing aligned, and an SPF or DKIM key lookup failed temporarily: the result may change on retry".to_string(),
                        )
                    } else {
                        let pct = if e.pct < 100 {
                            format!(
                                "; pct={} applies it to {}% of failing mail, the rest gets the next lower policy (RFC 7489 §6.6.4)",
                                e.pct, e.pct
                            )
                        } else {
                            String::new()
                        };
                        disposition = Some(applies.clone());
                        (
                            DmarcResult::Fail,
                            format!(
                                "neither SPF nor DKIM is aligned with {f}: {which} asks for {applies}{pct}"
                            ),
                        )
                    }
                } else if let Some(f) = d
                    .policy
                    .findings
                    .iter()
                    .find(|f| f.code == "dmarc-multiple-records")
                {
                    (
                        DmarcResult::None,
                        format!(
                            "{}: {}; policy discovery ends there, the organizational domain is not asked (RFC 7489 §6.6.3)",
                            d.policy.name, f.message
                        ),
                    )
                } else if d.policy.record.is_some() {
                    (
                        DmarcResult::None,
                        format!(
                            "the DMARC record at {} is invalid, so no policy applies (RFC 7489 §6.6.3)",
                            d.policy.name
                        ),
                    )
                } else {
                    (
                        DmarcResult::None,
                        format!(
                            "{f} publishes no DMARC record (nor does its organizational domain): no policy applies"
                        ),
                    )
                }
            }
        };
        Evaluated {
            from,
            spf_domain,
            spf,
            spf_align,
            dkim,
            dkim_align,
            result,
            policy,
            disposition,
            reason,
        }
    }

    fn author_domain(&self) -> Option<&str> {
        self.from.as_ref().ok().map(|(_, d)| d.as_str())
    }

    /// RFC 8601: `Authentication-Results: <authserv-id>; spf=…; dkim=…; dmarc=…`.
    fn authentication_results(&self, host: &str, plan: &DmarcEvalPlan) -> String {
        let mut parts = vec![host.to_string()];
        parts.push(if plan.mail_from.is_empty() {
            format!("spf={} smtp.helo={}", self.spf.result, plan.helo)
        } else {
            format!("spf={} smtp.mailfrom={}", self.spf.result, plan.mail_from)
        });
        if self.dkim.signatures.is_empty() {
            parts.push("dkim=none".into());
        }
        for s in &self.dkim.signatures {
            let mut p = format!("dkim={}", sig_result(s.result));
            if let Some(d) = &s.d {
                p.push_str(&format!(" header.d={d}"));
            }
            if let Some(sel) = &s.s {
                p.push_str(&format!(" header.s={sel}"));
            }
            parts.push(p);
        }
        let mut d = format!("dmarc={}", self.result.as_str());
        if let (Some(p), Some(dis)) = (&self.policy, &self.disposition) {
            d.push_str(&format!(" (p={p} dis={dis})"));
        } else if self.result == DmarcResult::Permerror {
            d.push_str(" (no single RFC5322.From domain)");
        }
        if let Some(f) = self.author_domain() {
            d.push_str(&format!(" header.from={f}"));
        }
        parts.push(d);
        format!("Authentication-Results: {}", parts.join("; "))
    }

    fn failure(&self) -> Option<Failure> {
        let (kind, phase) = match self.result {
            DmarcResult::Pass => return None,
            DmarcResult::Fail | DmarcResult::Permerror => (Kind::Errors, Phase::Command),
            DmarcResult::Temperror => (Kind::TempError, Phase::Resolve),
            DmarcResult::None => (Kind::DkimNone, Phase::Command),
        };
        Some(Failure::new(
            phase,
            kind,
            format!("dmarc={}: {}", self.result.as_str(), self.reason),
        ))
    }

    fn fill(&self, report: &mut Report, plan: &DmarcEvalPlan, ar: &str, d: Option<&DmarcReport>) {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let identity = if plan.mail_from.is_empty() {
            format!("helo {}", plan.helo)
        } else {
            format!("mailfrom {}", plan.mail_from)
        };
        let mut rows = vec![vec![
            "spf".to_string(),
            self.spf.result.to_string(),
            identity,
            yes_no(self.spf_align.aligned),
            self.spf_align.why.clone(),
        ]];
        if self.dkim.signatures.is_empty() {
            rows.push(vec![
                "dkim".into(),
                "none".into(),
                "-".into(),
                "no".into(),
                "the message has no DKIM-Signature".into(),
            ]);
        }
        for (s, a) in self.dkim.signatures.iter().zip(&self.dkim_align) {
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
            self.result.as_str().into(),
            format!("from {}", self.author_domain().unwrap_or("?")),
            "-".into(),
            self.reason.clone(),
        ]);
        report.table = Some((
            ["CHECK", "RESULT", "IDENTIFIER", "ALIGNED", "WHY"]
                .map(String::from)
                .to_vec(),
            rows,
        ));

        let mut children = Vec::new();
        let leaf = |label: String| TreeNode {
            label,
            children: vec![],
        };
        match self.from {
            Ok((addr, dom)) => children.push(leaf(format!("From: {addr} (author domain {dom})"))),
            Err(why) => children.push(leaf(format!("From: {why}"))),
        }
        if let Some(d) = d {
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
            self.spf.result, self.spf_domain, plan.ip, self.spf.reason
        )));
        children.push(leaf(format!("DKIM: {}", self.dkim.reason)));
        let verdict = match &self.disposition {
            Some(dis) => format!(
                "DMARC: {} ({}); disposition {dis}",
                self.result.as_str(),
                self.reason
            ),
            None => format!("DMARC: {} ({})", self.result.as_str(), self.reason),
        };
        children.push(leaf(verdict));
        report.tree = Some(TreeNode {
            label: ar.to_string(),
            children,
        });
        if let Some(d) = d {
            report.findings = d.policy.findings.clone();
        }

        report.detail = Some(ar.to_string());
        report.data.insert(
            "spf".into(),
            json!({
                "result": self.spf.result,
                "domain": self.spf_domain,
                "identity": if plan.mail_from.is_empty() { "helo" } else { "mailfrom" },
                "mail_from": plan.mail_from,
                "helo": plan.helo,
                "ip": plan.ip.to_string(),
                "mechanism": self.spf.mechanism,
                "reason": self.spf.reason,
                "aligned": self.spf_align.aligned,
                "why": self.spf_align.why,
            }),
        );
        let dkim: Vec<Value> = self
            .dkim
            .signatures
            .iter()
            .zip(&self.dkim_align)
            .map(|(s, a)| {
                json!({
                    "d": s.d,
                    "s": s.s,
                    "result": s.result,
                    "code": s.code,
                    "reason": s.reason,
                    "aligned": a.aligned,
                    "why": a.why,
                })
            })
            .collect();
        report.data.insert("dkim".into(), Value::Array(dkim));
        let rec = d.and_then(|d| d.record.as_ref()).map(|r| &r.effective);
        report.data.insert(
            "dmarc".into(),
            json!({
                "result": self.result.as_str(),
                "policy": self.policy,
                "disposition": self.disposition,
                "from_domain": self.author_domain(),
                "policy_domain": d.map(|d| d.policy_domain.clone()),
                "record": d.and_then(|d| d.policy.record.clone()),
                "spf_aligned": self.spf_align.aligned,
                "dkim_aligned": self.dkim_align.iter().any(|a| a.aligned),
                "adkim": rec.map(|e| e.adkim.clone()),
                "aspf": rec.map(|e| e.aspf.clone()),
                "pct": rec.map(|e| e.pct),
                "reason": self.reason,
            }),
        );
        report
            .data
            .insert("authentication_results".into(), json!(ar));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_of(msg: &str) -> Result<(String, String), String> {
        let (crlf, _) = canon::to_crlf(msg.as_bytes());
        let (fields, _) = canon::split(&crlf);
        from_domain(&fields)
    }

    #[test]
    fn from_domain_needs_one_field_with_one_address() {
        assert_eq!(
            from_of("From: Alice <alice@Example.TEST>\nTo: b@x.test\n\nhi\n").unwrap(),
            ("alice@Example.TEST".into(), "example.test".into())
        );
        assert_eq!(
            from_of("From: bob@sub.example.test\n\nhi\n").unwrap().1,
            "sub.example.test"
        );
        assert!(
            from_of("To: b@x.test\n\nhi\n")
                .unwrap_err()
                .contains("no From")
        );
        assert!(
            from_of("From: a@x.test\nFrom: b@y.test\n\nhi\n")
                .unwrap_err()
                .contains("2 From header fields")
        );
        assert!(
            from_of("From: a@x.test, b@y.test\n\nhi\n")
                .unwrap_err()
                .contains("2 addresses")
        );
        assert!(from_of("From: undisclosed\n\nhi\n").is_err());
    }

    #[test]
    fn alignment_modes() {
        assert!(align("example.test", "example.test", "s").aligned);
        assert!(align("mail.example.test", "example.test", "r").aligned);
        assert!(!align("mail.example.test", "example.test", "s").aligned);
        assert!(align("example.test", "news.example.test", "r").aligned);
        assert!(!align("example.org", "example.test", "r").aligned);
        assert!(align("EXAMPLE.test.", "example.test", "s").aligned);
    }
}
