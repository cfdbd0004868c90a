//! DMARC (RFC 7489) for one received message, as the receiving server would decide it: the
//! RFC5322.From domain (§6.6.1), identifier alignment (§3.1) of the SPF identity and of every
//! DKIM signature, the policy that applies (p, or sp after the organizational-domain fallback,
//! §6.6.3), the result with its disposition, and the Authentication-Results header (RFC 8601).
//! The inputs (SPF `check_host()`, DKIM verification, policy discovery) come from
//! [`crate::dns::spf`], [`crate::dkim::verify`] and [`crate::dns::audit::dmarc`].

use crate::dkim::canon::Field;
use crate::dkim::report::{MessageReport, SigResult};
use crate::dns::audit::DmarcReport;
use crate::dns::dmarc::organizational_domain;
use crate::dns::norm;
use crate::dns::spf::{Evaluation, SpfResult};
use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};

/// The DMARC result (the RFC 7489 §11.2 names used in Authentication-Results).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DmarcResult {
    Pass,
    Fail,
    None,
    Temperror,
    Permerror,
}

impl DmarcResult {
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) struct Alignment {
    pub(crate) aligned: bool,
    pub(crate) why: String,
}

/// Does `id` (a d= or SPF domain) align with `from` in the given mode (`s` strict, else relaxed)?
pub(crate) fn align(id: &str, from: &str, mode: &str) -> Alignment {
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
pub(crate) fn from_domain(fields: &[Field]) -> Result<(String, String), String> {
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
    let domain = crate::dns::domain_arg(domain)
        .map_err(|_| format!("the From domain {domain:?} is not a valid domain name"))?;
    Ok((addr, domain))
}

/// The RFC 8601 §2.7.1 name of a signature result.
pub(crate) fn sig_result(r: SigResult) -> &'static str {
    match r {
        SigResult::Pass => "pass",
        SigResult::Fail => "fail",
        SigResult::Permerror => "permerror",
        SigResult::Temperror => "temperror",
    }
}

/// The SMTP identities of the message's client.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub(crate) ip: std::net::IpAddr,
    /// Empty for the null sender.
    pub(crate) mail_from: String,
    pub(crate) helo: String,
}

impl Client {
    /// SPF's identity: the MAIL FROM domain, or the HELO name for the null sender (RFC 7208
    /// §2.4).
    pub(crate) fn spf_domain(&self) -> String {
        match self.mail_from.rsplit_once('@') {
            _ if self.mail_from.is_empty() => self.helo.clone(),
            Some((_, d)) => norm(d),
            None => norm(&self.mail_from),
        }
    }
}

/// Everything decided, ready to report and render.
#[derive(Debug)]
pub(crate) struct Evaluated {
    pub(crate) client: Client,
    pub(crate) from: Result<(String, String), String>,
    pub(crate) spf_domain: String,
    pub(crate) spf: Evaluation,
    pub(crate) spf_align: Alignment,
    pub(crate) dkim: MessageReport,
    /// Per signature, in message order.
    pub(crate) dkim_align: Vec<Alignment>,
    /// The DMARC record that applies, when there was a From domain to look it up for.
    pub(crate) dmarc: Option<DmarcReport>,
    pub(crate) result: DmarcResult,
    /// The policy that applies (p, or sp when the record came from the organizational domain).
    pub(crate) policy: Option<String>,
    pub(crate) disposition: Option<String>,
    pub(crate) reason: String,
}

impl Evaluated {
    pub(crate) fn new(
        client: Client,
        from: Result<(String, String), String>,
        spf_eval: Evaluation,
        dkim_report: MessageReport,
        dmarc: Option<DmarcReport>,
    ) -> Evaluated {
        let spf_domain_owned = client.spf_domain();
        let (spf_domain, spf, dkim) = (&spf_domain_owned, &spf_eval, &dkim_report);
        let (from_r, dmarc_r) = (&from, dmarc.as_ref());
        let plan = &client;
        let rec = dmarc_r
            .and_then(|d| d.record.as_ref())
            .map(|r| &r.effective);
        let (aspf, adkim) = rec.map_or(("r", "r"), |e| (e.aspf.as_str(), e.adkim.as_str()));
        let from_d = from_r.as_ref().ok().map(|(_, d)| d.as_str());
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
        let (result, reason) = match (from_r, dmarc_r) {
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
            spf_domain: spf_domain_owned,
            spf: spf_eval,
            dkim: dkim_report,
            client,
            from,
            spf_align,
            dkim_align,
            dmarc,
            result,
            policy,
            disposition,
            reason,
        }
    }

    pub(crate) fn author_domain(&self) -> Option<&str> {
        self.from.as_ref().ok().map(|(_, d)| d.as_str())
    }

    /// RFC 8601: `Authentication-Results: <authserv-id>; spf=…; dkim=…; dmarc=…`.
    pub(crate) fn authentication_results(&self, host: &str) -> String {
        let plan = &self.client;
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

    /// The exit outcome: fail and permerror are judged as errors, no policy as none; a
    /// temperror is no verdict, the answer is unknown (result names: RFC 7489 §11.2).
    pub(crate) fn ending(&self) -> Ending {
        let message = format!("dmarc={}: {}", self.result.as_str(), self.reason);
        let kind = match self.result {
            DmarcResult::Pass => return Ok(None),
            DmarcResult::Fail | DmarcResult::Permerror => Verdict::Errors,
            DmarcResult::Temperror => {
                return Err(Failure::new(Phase::Resolve, Kind::TempError, message));
            }
            DmarcResult::None => Verdict::DkimNone,
        };
        Ok(Some(Judgement::new(Phase::Command, kind, message)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dkim::canon;

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
