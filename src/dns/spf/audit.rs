//! The SPF audit of a domain without a client IP: walk the include/redirect tree, count what
//! check_host() would spend when every mechanism is reached (RFC 7208 §4.6.4), and report the
//! usual mistakes as findings.

use super::macros::{self, Context, Env, Piece};
use super::parse::{self, Mechanism, Qualifier, TermKind};
use super::{Audit, MAX_LOOKUPS, MAX_MX, MAX_VOID, Node, Term, truncate_domain, valid_name};
use crate::dns::finding::Finding;
use crate::dns::{Answer, Dns, Negative, Rec, RecordType, norm};
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::pin::Pin;
use std::time::Instant;

/// RFC 7208 §3.4: keep records small enough for a 512-byte UDP answer.
const LONG_RECORD: usize = 450;
const UDP_LIMIT: usize = 512;

/// Audit the SPF record tree of `domain`.
pub async fn audit(dns: &Dns, domain: &str) -> Audit {
    let root = norm(domain);
    let mut a = Auditor {
        dns,
        root: root.clone(),
        findings: Vec::new(),
        stack: Vec::new(),
        path: Vec::new(),
        lookups: 0,
        voids: 0,
    };
    let tree = a.node(root, Role::Root).await;
    let mut findings = a.findings;
    let path = a.path;
    if a.lookups > MAX_LOOKUPS {
        findings.push(Finding::error(
            "spf-too-many-lookups",
            format!(
                "{} DNS-querying terms (limit {MAX_LOOKUPS}): check_host() returns permerror when it reaches the {}th (RFC 7208 §4.6.4); lookups: {}",
                a.lookups,
                MAX_LOOKUPS + 1,
                path.join(", ")
            ),
        ));
    } else if a.lookups >= MAX_LOOKUPS - 1 {
        findings.push(Finding::warning(
            "spf-too-many-lookups",
            format!(
                "{} DNS-querying terms, close to the limit of {MAX_LOOKUPS} (RFC 7208 §4.6.4): one more include breaks SPF; lookups: {}",
                a.lookups,
                path.join(", ")
            ),
        ));
    }
    if a.voids > MAX_VOID {
        findings.push(Finding::error(
            "spf-void-lookups",
            format!(
                "{} lookups return NXDOMAIN or no records (limit {MAX_VOID}): check_host() returns permerror (RFC 7208 §4.6.4)",
                a.voids
            ),
        ));
    }
    Audit {
        tree,
        dns_lookups: a.lookups,
        void_lookups: a.voids,
        lookup_path: path,
        findings,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Include,
    Redirect,
}

struct Auditor<'a> {
    dns: &'a Dns,
    root: String,
    findings: Vec<Finding>,
    /// Domains on the way from the root to the current node (loop detection).
    stack: Vec<String>,
    path: Vec<String>,
    lookups: u32,
    voids: u32,
}

fn node(domain: &str, outcome: &str) -> Node {
    Node {
        domain: domain.to_string(),
        record: None,
        outcome: outcome.to_string(),
        terms: Vec::new(),
    }
}

/// The size of a TXT answer on the wire: header, question, and each record with a compressed
/// owner name.
fn wire_size(domain: &str, a: &Answer) -> usize {
    let q = 12 + domain.len() + 2 + 4;
    q + a
        .recs()
        .map(|r| match r {
            Rec::Txt(parts) => 12 + parts.iter().map(|p| 1 + p.len()).sum::<usize>(),
            _ => 12,
        })
        .sum::<usize>()
}

impl<'a> Auditor<'a> {
    fn node<'s>(
        &'s mut self,
        domain: String,
        role: Role,
    ) -> Pin<Box<dyn Future<Output = Node> + Send + 's>>
    where
        'a: 's,
    {
        Box::pin(async move {
            if !valid_name(&domain) {
                self.missing(&domain, role, "is not a valid domain name");
                return node(&domain, "invalid-domain");
            }
            if self.stack.contains(&domain) {
                let mut chain = self.stack.clone();
                chain.push(domain.clone());
                self.findings.push(Finding::error(
                    "spf-too-many-lookups",
                    format!(
                        "include/redirect loop {}: check_host() runs out of its {MAX_LOOKUPS} lookups (permerror, RFC 7208 §4.6.4)",
                        chain.join(" → ")
                    ),
                ));
                return node(&domain, "loop");
            }
            self.stack.push(domain.clone());
            let n = self.record(&domain, role).await;
            self.stack.pop();
            n
        })
    }

    /// A record that should exist does not.
    fn missing(&mut self, domain: &str, role: Role, why: &str) {
        match role {
            Role::Root => self.findings.push(Finding::warning(
                "spf-none",
                format!("{domain} {why}: no SPF policy, receivers get result none (RFC 7208 §4.4)"),
            )),
            Role::Include => self.findings.push(Finding::error(
                "spf-include-none",
                format!("include:{domain}: {domain} {why}; check_host() returns permerror when it reaches it (RFC 7208 §5.2)"),
            )),
            Role::Redirect => self.findings.push(Finding::error(
                "spf-include-none",
                format!("redirect={domain}: {domain} {why}; check_host() returns permerror (RFC 7208 §6.1)"),
            )),
        }
    }

    async fn record(&mut self, domain: &str, role: Role) -> Node {
        let answer = match self.dns.query(domain, RecordType::TXT).await {
            Ok(a) => a,
            Err(n) if n.is_absent() => {
                self.missing(domain, role, &format!("has no TXT record ({n})"));
                return node(
                    domain,
                    if n == Negative::NxDomain {
                        "nxdomain"
                    } else {
                        "none"
                    },
                );
            }
            Err(n) => {
                self.findings.push(Finding::error(
                    "spf-lookup-failed",
                    format!("TXT {domain}: {n}: check_host() returns temperror (RFC 7208 §4.4)"),
                ));
                return node(domain, n.outcome());
            }
        };
        let spf: Vec<Vec<u8>> = answer
            .recs()
            .filter_map(Rec::txt_joined)
            .filter(|t| parse::is_spf_record(t))
            .collect();
        let raw = match spf.as_slice() {
            [] => {
                self.missing(domain, role, "has no TXT record starting with \"v=spf1\"");
                return node(domain, "none");
            }
            [one] => one.clone(),
            many => {
                self.findings.push(Finding::error(
                    "spf-multiple",
                    format!(
                        "{domain} has {} SPF records: check_host() returns permerror (RFC 7208 §4.5)",
                        many.len()
                    ),
                ));
                let mut n = node(domain, "multiple");
                n.record = Some(
                    many.iter()
                        .map(|r| String::from_utf8_lossy(r).into_owned())
                        .collect::<Vec<_>>()
                        .join(" | "),
                );
                return n;
            }
        };
        let size = wire_size(domain, &answer);
        if size > UDP_LIMIT {
            self.findings.push(Finding::warning(
                "spf-long",
                format!(
                    "the TXT answer for {domain} is about {size} bytes, over {UDP_LIMIT}: it needs TCP, which some receivers do not retry (RFC 7208 §3.4)"
                ),
            ));
        }
        if raw.len() > LONG_RECORD {
            self.findings.push(Finding::warning(
                "spf-long",
                format!(
                    "the SPF record of {domain} is {} bytes, over {LONG_RECORD} (RFC 7208 §3.4)",
                    raw.len()
                ),
            ));
        }
        let text = String::from_utf8_lossy(&raw).into_owned();
        let mut n = node(domain, "ok");
        n.record = Some(text.clone());
        let terms = match std::str::from_utf8(&raw)
            .map_err(|e| parse::SyntaxError {
                position: e.valid_up_to(),
                message: "bytes that are not UTF-8 (RFC 7208 §3.1: records are ASCII)".into(),
            })
            .and_then(parse::parse)
        {
            Ok(t) => t,
            Err(e) => {
                self.findings.push(Finding::error(
                    "spf-syntax",
                    format!(
                        "syntax error in the SPF record of {domain} at byte {}: {}: check_host() returns permerror (RFC 7208 §4.6)",
                        e.position, e.message
                    ),
                ));
                n.outcome = "syntax-error".into();
                return n;
            }
        };
        let has_all = terms
            .iter()
            .any(|t| matches!(t.term, TermKind::Mechanism(_, Mechanism::All)));
        let has_redirect = terms
            .iter()
            .any(|t| matches!(t.term, TermKind::Redirect(_)));
        let policy = role != Role::Include;
        if policy && !has_all && !has_redirect {
            self.findings.push(Finding::warning(
                "spf-no-all",
                format!(
                    "the SPF record of {domain} has no \"all\" and no redirect: mail from anywhere else gets neutral (RFC 7208 §4.7)"
                ),
            ));
        }
        // Ask every first-level question of this record at once (single-flight: the walk below
        // joins these queries instead of asking again), so one slow term does not delay the
        // next term's subtree by a round trip. Measured in bench/dns.sh.
        let dns = self.dns;
        let wanted: Vec<(String, RecordType)> = terms
            .iter()
            .flat_map(|t| {
                let target = |spec: &Option<String>| match spec {
                    Some(s) => self.expand(domain, s),
                    None => Some(domain.to_string()),
                };
                let qs: Vec<(String, RecordType)> = match &t.term {
                    TermKind::Mechanism(_, Mechanism::Include(spec)) => self
                        .expand(domain, spec)
                        .map(|d| vec![(d, RecordType::TXT)])
                        .unwrap_or_default(),
                    TermKind::Redirect(spec) if !has_all => self
                        .expand(domain, spec)
                        .map(|d| vec![(d, RecordType::TXT)])
                        .unwrap_or_default(),
                    TermKind::Mechanism(_, Mechanism::Exists(spec)) => self
                        .expand(domain, spec)
                        .map(|d| vec![(d, RecordType::A)])
                        .unwrap_or_default(),
                    TermKind::Mechanism(_, Mechanism::A { domain: spec, .. }) => target(spec)
                        .map(|d| vec![(d.clone(), RecordType::A), (d, RecordType::AAAA)])
                        .unwrap_or_default(),
                    TermKind::Mechanism(_, Mechanism::Mx { domain: spec, .. }) => target(spec)
                        .map(|d| vec![(d, RecordType::MX)])
                        .unwrap_or_default(),
                    _ => vec![],
                };
                qs
            })
            .collect();
        let prefetch =
            futures_util::future::join_all(wanted.iter().map(|(name, t)| dns.query(name, *t)));
        let walk = async {
            for t in &terms {
                let mut term = Term {
                    text: t.text.clone(),
                    kind: t.kind().to_string(),
                    lookups: 0,
                    void: false,
                    ms: None,
                    child: None,
                    note: None,
                };
                let started = Instant::now();
                match &t.term {
                    TermKind::Mechanism(q, m) => {
                        if m.queries_dns() {
                            term.lookups = 1;
                            self.lookups += 1;
                            self.path.push(format!("{domain} {}", t.text));
                        }
                        self.mechanism(domain, role, *q, m, &mut term).await;
                    }
                    TermKind::Redirect(spec) => {
                        if has_all {
                            self.findings.push(Finding::info(
                                "spf-redirect-with-all",
                                format!(
                                    "{} in {domain} is ignored because the record has \"all\" (RFC 7208 §6.1)",
                                    t.text
                                ),
                            ));
                            term.note = Some("ignored: the record has \"all\"".into());
                        } else {
                            term.lookups = 1;
                            self.lookups += 1;
                            self.path.push(format!("{domain} {}", t.text));
                            match self.expand(domain, spec) {
                                Some(target) => {
                                    term.child =
                                        Some(Box::new(self.node(target, Role::Redirect).await));
                                }
                                None => term.note = Some(macro_note(spec)),
                            }
                        }
                    }
                    TermKind::Exp(_) => {
                        term.note = Some("explanation for fail (RFC 7208 §6.2)".into())
                    }
                    TermKind::Unknown { .. } => {
                        term.note = Some("unknown modifier: ignored".into())
                    }
                }
                if term.lookups > 0 {
                    term.ms =
                        Some((started.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0);
                }
                if term.void {
                    self.voids += 1;
                }
                n.terms.push(term);
            }
        };
        tokio::join!(prefetch, walk);
        n
    }

    async fn mechanism(
        &mut self,
        domain: &str,
        role: Role,
        q: Qualifier,
        m: &Mechanism,
        term: &mut Term,
    ) {
        let dns = self.dns;
        match m {
            Mechanism::All => match q {
                Qualifier::Pass => self.findings.push(Finding::error(
                    "spf-plus-all",
                    format!(
                        "\"{}\" in the record of {domain} authorizes every host on the Internet (RFC 7208 §5.1)",
                        term.text
                    ),
                )),
                Qualifier::Neutral if role != Role::Include => self.findings.push(Finding::warning(
                    "spf-neutral-all",
                    format!(
                        "\"{}\" in the record of {domain}: other hosts get neutral, which receivers treat like no policy (RFC 7208 §8.2)",
                        term.text
                    ),
                )),
                _ => {}
            },
            Mechanism::Ip4(..) | Mechanism::Ip6(..) => {}
            Mechanism::Ptr(_) => {
                self.findings.push(Finding::warning(
                    "spf-ptr",
                    format!(
                        "\"{}\" in the record of {domain}: ptr is slow and unreliable and SHOULD NOT be used (RFC 7208 §5.5)",
                        term.text
                    ),
                ));
                term.note = Some("depends on the client IP: not resolved in an audit".into());
            }
            Mechanism::Include(spec) => match self.expand(domain, spec) {
                Some(target) => term.child = Some(Box::new(self.node(target, Role::Include).await)),
                None => term.note = Some(macro_note(spec)),
            },
            Mechanism::Exists(spec) => match self.expand(domain, spec) {
                Some(target) => match dns.query(&target, RecordType::A).await {
                    Ok(_) => term.note = Some(format!("{target} exists")),
                    Err(n) => self.lookup_problem(domain, term, &target, "A", &n),
                },
                None => term.note = Some(macro_note(spec)),
            },
            Mechanism::A { domain: spec, .. } => {
                let target = match spec {
                    Some(s) => self.expand(domain, s),
                    None => Some(domain.to_string()),
                };
                let Some(target) = target else {
                    term.note = spec.as_deref().map(macro_note);
                    return;
                };
                match self.addresses(&target).await {
                    Ok(ips) => term.note = Some(format!("a: {} addresses", ips.len())),
                    Err(n) => self.lookup_problem(domain, term, &target, "A/AAAA", &n),
                }
            }
            Mechanism::Mx { domain: spec, .. } => {
                let target = match spec {
                    Some(s) => self.expand(domain, s),
                    None => Some(domain.to_string()),
                };
                let Some(target) = target else {
                    term.note = spec.as_deref().map(macro_note);
                    return;
                };
                let hosts: Vec<String> = match dns.query(&target, RecordType::MX).await {
                    Ok(a) => a
                        .recs()
                        .filter_map(|r| match r {
                            Rec::Mx { exchange, .. } if !exchange.is_empty() => {
                                Some(exchange.clone())
                            }
                            _ => None,
                        })
                        .collect(),
                    Err(n) => return self.lookup_problem(domain, term, &target, "MX", &n),
                };
                if hosts.len() > MAX_MX {
                    self.findings.push(Finding::error(
                        "spf-mx-too-many",
                        format!(
                            "\"{}\" in the record of {domain}: {target} has {} MX hosts (limit {MAX_MX}): check_host() returns permerror (RFC 7208 §4.6.4)",
                            term.text,
                            hosts.len()
                        ),
                    ));
                }
                let mut addrs = 0;
                for h in &hosts {
                    match self.addresses(h).await {
                        Ok(ips) => addrs += ips.len(),
                        Err(n) if n.is_absent() => {}
                        Err(n) => self.findings.push(Finding::error(
                            "spf-lookup-failed",
                            format!("\"{}\" in the record of {domain}: A/AAAA {h}: {n}: check_host() returns temperror", term.text),
                        )),
                    }
                }
                term.note = Some(format!(
                    "mx: {} MX hosts, {} A/AAAA lookups, {addrs} addresses",
                    hosts.len(),
                    hosts.len() * 2
                ));
            }
        }
    }

    fn lookup_problem(
        &mut self,
        domain: &str,
        term: &mut Term,
        target: &str,
        rtype: &str,
        n: &Negative,
    ) {
        if n.is_absent() {
            term.void = true;
            term.note = Some(format!("void lookup: {rtype} {target}: {n}"));
        } else {
            term.note = Some(format!("{rtype} {target}: {n}"));
            self.findings.push(Finding::error(
                "spf-lookup-failed",
                format!(
                    "\"{}\" in the record of {domain}: {rtype} {target}: {n}: check_host() returns temperror when it gets there",
                    term.text
                ),
            ));
        }
    }

    /// A and AAAA of a name; absent only when both are absent.
    async fn addresses(&self, name: &str) -> Result<Vec<IpAddr>, Negative> {
        if !valid_name(name) {
            return Err(Negative::NxDomain);
        }
        let (a, aaaa) = tokio::join!(
            self.dns.query(name, RecordType::A),
            self.dns.query(name, RecordType::AAAA)
        );
        let mut ips = Vec::new();
        for r in [&a, &aaaa] {
            match r {
                Ok(ans) => ips.extend(ans.recs().filter_map(|r| match r {
                    Rec::A(v4) => Some(IpAddr::V4(*v4)),
                    Rec::Aaaa(v6) => Some(IpAddr::V6(*v6)),
                    _ => None,
                })),
                Err(n) if n.is_absent() => {}
                Err(n) => return Err(n.clone()),
            }
        }
        match (ips.is_empty(), a) {
            (true, Err(n)) => Err(n),
            (true, Ok(_)) => Err(Negative::NoData),
            _ => Ok(ips),
        }
    }

    /// Expand a domain-spec when it needs nothing but the domain (%{d}, %{o}); None otherwise.
    fn expand(&self, domain: &str, spec: &str) -> Option<String> {
        let pieces = macros::parse(spec, Context::Domain).ok()?;
        let only_domain = pieces.iter().all(|p| match p {
            Piece::Macro { letter, .. } => matches!(letter, b'd' | b'o'),
            _ => true,
        });
        if !only_domain {
            return None;
        }
        let env = Env {
            sender: "",
            local: "",
            sender_domain: &self.root,
            domain,
            ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            helo: "",
            p: None,
            receiver: "",
            now: 0,
        };
        Some(norm(&truncate_domain(&macros::expand(&pieces, &env))))
    }
}

fn macro_note(spec: &str) -> String {
    format!("{spec}: depends on the sender or client IP (macros); not resolved in an audit")
}
