//! `check_host()` (RFC 7208 §4): fetch and select the record, parse it whole, evaluate the
//! mechanisms left to right under the lookup limits, then redirect= or the default, and exp= on
//! fail.

use super::macros::{self, Context, Env, Piece};
use super::parse::{self, Mechanism, ParsedTerm, TermKind};
use super::{
    Evaluation, MAX_LOOKUPS, MAX_MX, MAX_PTR, MAX_VOID, SpfResult, canonical_ip, cidr_match,
    reverse_name, truncate_domain, valid_name,
};
use crate::dns::{Answer, Dns, Negative, Rec, RecordType, norm};
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;

/// Evaluate SPF for `ip` against `domain` (RFC 7208 §4). `sender` is the MAIL FROM address
/// (empty means the null sender: postmaster@helo, §2.4); `helo` is the HELO/EHLO name.
pub async fn check_host(
    dns: &Dns,
    ip: IpAddr,
    domain: &str,
    sender: &str,
    helo: &str,
) -> Evaluation {
    let ip = canonical_ip(ip);
    // §4.3: a sender without a local-part is postmaster@domain; the null sender is
    // postmaster@helo (§2.4).
    let sender = if sender.is_empty() {
        format!("postmaster@{helo}")
    } else {
        sender.to_string()
    };
    let (local, sender_domain) = match sender.rsplit_once('@') {
        Some(("", d)) => ("postmaster".to_string(), d.to_string()),
        Some((l, d)) => (l.to_string(), d.to_string()),
        None => ("postmaster".to_string(), sender.clone()),
    };
    let sender = format!("{local}@{sender_domain}");
    let mut c = Checker {
        dns,
        ip,
        sender,
        local,
        sender_domain,
        helo: helo.to_string(),
        receiver: gethostname::gethostname().to_string_lossy().into_owned(),
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        lookups: 0,
        voids: 0,
        ptr_names: None,
    };
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let o = if let Some(why) = initial_check(domain) {
        // §4.3: a malformed domain is "none", without any DNS query.
        Outcome::new(SpfResult::None, domain, None, why)
    } else {
        c.eval(norm(domain)).await
    };
    Evaluation {
        result: o.result,
        mechanism: o.mechanism,
        domain: o.domain,
        explanation: o.explanation,
        reason: o.reason,
        dns_lookups: c.lookups,
        void_lookups: c.voids,
    }
}

/// §4.3: why `domain` cannot be checked (not a fully qualified name, bad label lengths, a
/// literal), or None.
fn initial_check(domain: &str) -> Option<String> {
    if domain.starts_with('[') {
        return Some(format!(
            "{domain:?} is an address literal, not a domain (RFC 7208 §4.3)"
        ));
    }
    if !valid_name(domain) {
        return Some(format!(
            "{domain:?} is not a valid domain name: empty label, label over 63 or name over 253 octets (RFC 7208 §4.3)"
        ));
    }
    if !domain.contains('.') {
        return Some(format!(
            "{domain:?} is not a fully qualified domain name (RFC 7208 §4.3)"
        ));
    }
    None
}

struct Outcome {
    result: SpfResult,
    mechanism: Option<String>,
    domain: String,
    explanation: Option<String>,
    reason: String,
}

impl Outcome {
    fn new(result: SpfResult, domain: &str, mechanism: Option<&str>, reason: String) -> Self {
        Outcome {
            result,
            mechanism: mechanism.map(str::to_string),
            domain: domain.to_string(),
            explanation: None,
            reason,
        }
    }
}

/// An early exit: the outcome is a temperror or permerror.
type Stop = Box<Outcome>;

struct Checker<'a> {
    dns: &'a Dns,
    ip: IpAddr,
    sender: String,
    local: String,
    sender_domain: String,
    helo: String,
    receiver: String,
    now: u64,
    lookups: u32,
    voids: u32,
    /// Validated names of the IP (for %{p}), looked up once.
    ptr_names: Option<Vec<String>>,
}

/// What the SPF record lookup of a domain found (§4.4, §4.5).
enum Found {
    Record(String),
    None(String),
}

impl<'a> Checker<'a> {
    fn eval<'s>(&'s mut self, domain: String) -> Pin<Box<dyn Future<Output = Outcome> + Send + 's>>
    where
        'a: 's,
    {
        Box::pin(async move {
            match self.eval_record(&domain).await {
                Ok(o) => o,
                Err(stop) => *stop,
            }
        })
    }

    async fn eval_record(&mut self, domain: &str) -> Result<Outcome, Stop> {
        let record = match fetch_record(self.dns, domain).await? {
            Found::Record(r) => r,
            Found::None(why) => return Ok(Outcome::new(SpfResult::None, domain, None, why)),
        };
        let terms = parse::parse(&record).map_err(|e| {
            stop(
                SpfResult::Permerror,
                domain,
                None,
                format!("syntax error in the SPF record of {domain}: {e}"),
            )
        })?;
        let mut redirect = None;
        let mut exp = None;
        let mut has_all = false;
        for t in &terms {
            match &t.term {
                TermKind::Redirect(d) => redirect = Some((t, d)),
                TermKind::Exp(d) => exp = Some(d.as_str()),
                TermKind::Mechanism(_, Mechanism::All) => has_all = true,
                _ => {}
            }
        }
        for t in &terms {
            let TermKind::Mechanism(q, m) = &t.term else {
                continue;
            };
            if m.queries_dns() {
                self.count_lookup(domain, &t.text)?;
            }
            if let Some(how) = self.matches(domain, t, m).await? {
                let result = SpfResult::from(*q);
                let mut o = Outcome::new(
                    result,
                    domain,
                    Some(&t.text),
                    format!(
                        "{} {how}: \"{}\" in the record of {domain}",
                        self.ip, t.text
                    ),
                );
                if result == SpfResult::Fail
                    && let Some(spec) = exp
                {
                    o.explanation = self.explanation(domain, spec).await;
                }
                return Ok(o);
            }
        }
        // §6.1: redirect applies only when nothing matched, and never when "all" is present.
        if let Some((t, spec)) = redirect
            && !has_all
        {
            self.count_lookup(domain, &t.text)?;
            let target = self.expand_domain(domain, spec).await;
            if !valid_name(&target) {
                return Err(stop(
                    SpfResult::Permerror,
                    domain,
                    Some(&t.text),
                    format!(
                        "{} expands to the invalid name {target:?} (RFC 7208 §6.1)",
                        t.text
                    ),
                ));
            }
            let o = self.eval(target.clone()).await;
            if o.result == SpfResult::None {
                return Err(stop(
                    SpfResult::Permerror,
                    &target,
                    Some(&t.text),
                    format!(
                        "{} in {domain}: the target has no SPF record ({}; RFC 7208 §6.1)",
                        t.text, o.reason
                    ),
                ));
            }
            return Ok(o);
        }
        Ok(Outcome::new(
            SpfResult::Neutral,
            domain,
            None,
            format!(
                "no mechanism in the record of {domain} matched {}: default result (RFC 7208 §4.7)",
                self.ip
            ),
        ))
    }

    fn count_lookup(&mut self, domain: &str, term: &str) -> Result<(), Stop> {
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            return Err(stop(
                SpfResult::Permerror,
                domain,
                Some(term),
                format!(
                    "too many DNS lookups ({} > {MAX_LOOKUPS}) at {term} in {domain} (RFC 7208 §4.6.4)",
                    self.lookups
                ),
            ));
        }
        Ok(())
    }

    fn count_void(&mut self, domain: &str, term: &str, name: &str) -> Result<(), Stop> {
        self.voids += 1;
        if self.voids > MAX_VOID {
            return Err(stop(
                SpfResult::Permerror,
                domain,
                Some(term),
                format!(
                    "too many void lookups ({} > {MAX_VOID}) at {term} in {domain}: {name} does not exist or has no records (RFC 7208 §4.6.4)",
                    self.voids
                ),
            ));
        }
        Ok(())
    }

    /// Whether a mechanism matches; Some(how) when it does.
    async fn matches(
        &mut self,
        domain: &str,
        t: &ParsedTerm,
        m: &Mechanism,
    ) -> Result<Option<String>, Stop> {
        let ip = self.ip;
        let v6 = ip.is_ipv6();
        let term = t.text.as_str();
        Ok(match m {
            Mechanism::All => Some("matched".into()),
            Mechanism::Ip4(net, len) => {
                cidr_match(ip, IpAddr::V4(*net), *len).then(|| "is in the network".into())
            }
            Mechanism::Ip6(net, len) => {
                cidr_match(ip, IpAddr::V6(*net), *len).then(|| "is in the network".into())
            }
            Mechanism::A {
                domain: spec,
                cidr4,
                cidr6,
            } => {
                let target = self.target(domain, spec.as_deref()).await;
                let len = if v6 { *cidr6 } else { *cidr4 };
                let ips = match self.addresses(&target, v6).await {
                    Ok(ips) => ips,
                    Err(n) if n.is_absent() => {
                        self.count_void(domain, term, &target)?;
                        vec![]
                    }
                    Err(n) => return Err(dns_error(domain, term, &target, v6, &n)),
                };
                ips.iter()
                    .any(|a| cidr_match(ip, *a, len))
                    .then(|| format!("is an address of {target}"))
            }
            Mechanism::Mx {
                domain: spec,
                cidr4,
                cidr6,
            } => {
                let target = self.target(domain, spec.as_deref()).await;
                let len = if v6 { *cidr6 } else { *cidr4 };
                let hosts = match self.query(&target, RecordType::MX).await {
                    Ok(a) => a
                        .recs()
                        .filter_map(|r| match r {
                            Rec::Mx { exchange, .. } => Some(exchange.clone()),
                            _ => None,
                        })
                        .collect::<Vec<_>>(),
                    Err(n) if n.is_absent() => {
                        self.count_void(domain, term, &target)?;
                        vec![]
                    }
                    Err(n) => {
                        return Err(stop(
                            SpfResult::Temperror,
                            domain,
                            Some(term),
                            format!("{n} for MX {target} at {term} in {domain}"),
                        ));
                    }
                };
                if hosts.len() > MAX_MX {
                    return Err(stop(
                        SpfResult::Permerror,
                        domain,
                        Some(term),
                        format!(
                            "{target} has {} MX records (> {MAX_MX}) at {term} in {domain} (RFC 7208 §4.6.4)",
                            hosts.len()
                        ),
                    ));
                }
                let mut found = None;
                for h in hosts.iter().filter(|h| !h.is_empty()) {
                    match self.addresses(h, v6).await {
                        Ok(ips) => {
                            if ips.iter().any(|a| cidr_match(ip, *a, len)) {
                                found = Some(format!("is an address of {h}, MX of {target}"));
                                break;
                            }
                        }
                        Err(n) if n.is_absent() => {}
                        Err(n) => return Err(dns_error(domain, term, h, v6, &n)),
                    }
                }
                found
            }
            Mechanism::Ptr(spec) => {
                let target = self.target(domain, spec.as_deref()).await;
                let rev = reverse_name(ip);
                // §5.5: a DNS error on the PTR lookup makes the mechanism not match.
                let names = match self.query(&rev, RecordType::PTR).await {
                    Ok(a) => ptr_names(&a),
                    Err(n) => {
                        if n.is_absent() {
                            self.count_void(domain, term, &rev)?;
                        }
                        vec![]
                    }
                };
                let mut found = None;
                for name in names.iter().take(MAX_PTR) {
                    if !is_sub(name, &target) {
                        continue;
                    }
                    if self.validates(name).await {
                        found = Some(format!("has the validated name {name}, within {target}"));
                        break;
                    }
                }
                found
            }
            Mechanism::Exists(spec) => {
                let target = self.target(domain, Some(spec)).await;
                // §5.7: always an A query, whatever the IP family.
                match self.query(&target, RecordType::A).await {
                    Ok(_) => Some(format!("matched: {target} exists")),
                    Err(n) if n.is_absent() => {
                        self.count_void(domain, term, &target)?;
                        None
                    }
                    Err(n) => {
                        return Err(stop(
                            SpfResult::Temperror,
                            domain,
                            Some(term),
                            format!("{n} for A {target} at {term} in {domain}"),
                        ));
                    }
                }
            }
            Mechanism::Include(spec) => {
                let target = self.target(domain, Some(spec)).await;
                let o = if valid_name(&target) {
                    self.eval(target.clone()).await
                } else {
                    Outcome::new(
                        SpfResult::None,
                        &target,
                        None,
                        format!("{target:?} is not a valid domain name"),
                    )
                };
                // §5.2: the include result table.
                match o.result {
                    SpfResult::Pass => Some(format!(
                        "matched {} in {} via",
                        o.mechanism.as_deref().unwrap_or("?"),
                        o.domain
                    )),
                    SpfResult::Fail | SpfResult::Softfail | SpfResult::Neutral => None,
                    SpfResult::Temperror => return Err(Box::new(o)),
                    SpfResult::Permerror => return Err(Box::new(o)),
                    SpfResult::None => {
                        return Err(stop(
                            SpfResult::Permerror,
                            &target,
                            Some(term),
                            format!(
                                "{term} in {domain}: the target has no SPF record ({}; RFC 7208 §5.2)",
                                o.reason
                            ),
                        ));
                    }
                }
            }
        })
    }

    async fn query(&self, name: &str, rtype: RecordType) -> Result<Arc<Answer>, Negative> {
        // §4.3 by analogy (and RFC 7208 leaves it open): a name DNS cannot carry does not exist.
        if !valid_name(name) {
            return Err(Negative::NxDomain);
        }
        self.dns.query(name, rtype).await
    }

    /// A or AAAA addresses of a name, for the family of the client IP.
    async fn addresses(&self, name: &str, v6: bool) -> Result<Vec<IpAddr>, Negative> {
        let rtype = if v6 { RecordType::AAAA } else { RecordType::A };
        let a = self.query(name, rtype).await?;
        Ok(a.recs()
            .filter_map(|r| match r {
                Rec::A(v4) => Some(IpAddr::V4(*v4)),
                Rec::Aaaa(v6) => Some(IpAddr::V6(*v6)),
                _ => None,
            })
            .collect())
    }

    /// §5.5: a PTR name is validated when one of its addresses is the client IP. Errors skip it.
    async fn validates(&self, name: &str) -> bool {
        matches!(self.addresses(name, self.ip.is_ipv6()).await, Ok(ips) if ips.contains(&self.ip))
    }

    /// The target-name of a mechanism: its expanded domain-spec, or the current domain.
    async fn target(&mut self, domain: &str, spec: Option<&str>) -> String {
        match spec {
            Some(s) => self.expand_domain(domain, s).await,
            None => domain.to_string(),
        }
    }

    /// Expand a (syntax-checked) domain-spec, §7.3 truncation included, lowercase, no trailing dot.
    async fn expand_domain(&mut self, domain: &str, spec: &str) -> String {
        let pieces = macros::parse(spec, Context::Domain).unwrap_or_default();
        let s = self.expand(domain, &pieces).await;
        norm(&truncate_domain(&s))
    }

    async fn expand(&mut self, domain: &str, pieces: &[Piece]) -> String {
        let p = if macros::needs_p(pieces) {
            Some(self.p_macro(domain).await)
        } else {
            None
        };
        let env = Env {
            sender: &self.sender,
            local: &self.local,
            sender_domain: &self.sender_domain,
            domain,
            ip: self.ip,
            helo: &self.helo,
            p: p.as_deref(),
            receiver: &self.receiver,
            now: self.now,
        };
        macros::expand(pieces, &env)
    }

    /// %{p} (§7.3): a validated name of the IP, preferring the domain itself, then a subdomain
    /// of it, then any; "unknown" when there is none.
    async fn p_macro(&mut self, domain: &str) -> String {
        if self.ptr_names.is_none() {
            let names = match self.query(&reverse_name(self.ip), RecordType::PTR).await {
                Ok(a) => ptr_names(&a),
                Err(_) => vec![],
            };
            let mut valid = Vec::new();
            for n in names.iter().take(MAX_PTR) {
                if self.validates(n).await {
                    valid.push(n.clone());
                }
            }
            self.ptr_names = Some(valid);
        }
        let names = self.ptr_names.as_deref().unwrap_or_default();
        names
            .iter()
            .find(|n| n.as_str() == domain)
            .or_else(|| names.iter().find(|n| is_sub(n, domain)))
            .or_else(|| names.first())
            .cloned()
            .unwrap_or_else(|| "unknown".into())
    }

    /// §6.2: the explanation of a fail. Any problem means no explanation, never another result.
    async fn explanation(&mut self, domain: &str, spec: &str) -> Option<String> {
        let target = self.expand_domain(domain, spec).await;
        let answer = self.query(&target, RecordType::TXT).await.ok()?;
        let mut txts = answer.recs().filter_map(Rec::txt_joined);
        let (Some(txt), None) = (txts.next(), txts.next()) else {
            return None;
        };
        let text = String::from_utf8(txt).ok().filter(|t| t.is_ascii())?;
        let pieces = macros::parse(&text, Context::Explanation).ok()?;
        Some(self.expand(domain, &pieces).await)
    }
}

fn ptr_names(a: &Answer) -> Vec<String> {
    a.recs()
        .filter_map(|r| match r {
            Rec::Ptr(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

/// `name` is `parent` or a subdomain of it (case-insensitive).
fn is_sub(name: &str, parent: &str) -> bool {
    let n = norm(name);
    let p = norm(parent);
    n == p || n.ends_with(&format!(".{p}"))
}

fn stop(result: SpfResult, domain: &str, term: Option<&str>, reason: String) -> Stop {
    Box::new(Outcome::new(result, domain, term, reason))
}

fn dns_error(domain: &str, term: &str, name: &str, v6: bool, n: &Negative) -> Stop {
    let rtype = if v6 { "AAAA" } else { "A" };
    stop(
        SpfResult::Temperror,
        domain,
        Some(term),
        format!("{n} for {rtype} {name} at {term} in {domain}"),
    )
}

/// §4.4, §4.5: the one SPF record of a domain. NXDOMAIN/NODATA and "no v=spf1 record" are none;
/// a DNS error is temperror; two or more records are permerror.
async fn fetch_record(dns: &Dns, domain: &str) -> Result<Found, Stop> {
    let answer = match dns.query(domain, RecordType::TXT).await {
        Ok(a) => a,
        Err(n) if n.is_absent() => {
            return Ok(Found::None(format!("no SPF record: TXT {domain}: {n}")));
        }
        Err(n) => {
            return Err(stop(
                SpfResult::Temperror,
                domain,
                None,
                format!("{n} for TXT {domain} (RFC 7208 §4.4)"),
            ));
        }
    };
    let spf: Vec<Vec<u8>> = answer
        .recs()
        .filter_map(Rec::txt_joined)
        .filter(|t| parse::is_spf_record(t))
        .collect();
    match spf.as_slice() {
        [] => Ok(Found::None(format!(
            "no TXT record of {domain} starts with \"v=spf1\""
        ))),
        [one] => match std::str::from_utf8(one) {
            Ok(s) if s.is_ascii() => Ok(Found::Record(s.to_string())),
            _ => {
                let at = one.iter().position(|b| !b.is_ascii()).unwrap_or(0);
                Err(stop(
                    SpfResult::Permerror,
                    domain,
                    None,
                    format!(
                        "the SPF record of {domain} has a non-ASCII byte at {at} (RFC 7208 §3.1)"
                    ),
                ))
            }
        },
        many => Err(stop(
            SpfResult::Permerror,
            domain,
            None,
            format!("{domain} has {} SPF records (RFC 7208 §4.5)", many.len()),
        )),
    }
}
