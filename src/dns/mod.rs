//! DNS: a hickory resolver configured by us (never the library's 15 s defaults). Every query is
//! a transcript event (`Q:` when sent, `A:` with rcode, records, TTLs and time when answered);
//! NXDOMAIN, NODATA, SERVFAIL/REFUSED and timeout stay distinct; and one run never asks the same
//! question twice (a single-flight cache), so independent lookups can run concurrently.

pub(crate) mod audit;
pub mod dkimkey;
pub(crate) mod dmarc;
pub(crate) mod dnssec;
pub mod finding;
pub(crate) mod mx;
pub(crate) mod policy;
pub mod spf;
pub(crate) mod taglist;

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, DnsRecord, EventKind, escape_bytes};
use hickory_resolver::TokioResolver;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
pub use hickory_resolver::proto::rr::RecordType;
use hickory_resolver::proto::rr::{Name, RData};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// How to reach DNS.
#[derive(Debug, Clone)]
pub struct DnsPlan {
    /// Servers to ask; empty means the system's resolv.conf.
    pub nameservers: Vec<SocketAddr>,
    /// Use TCP only.
    pub tcp: bool,
    /// How long one try of a query waits (for all the servers together).
    pub timeout: Duration,
    /// Tries of a query in all, the first included: a nameserver that never answers costs
    /// `attempts × timeout` per query.
    pub attempts: usize,
    /// `--max-time` of a `dns`, `dkim verify` or `dmarc evaluate` run: the whole command, not
    /// one query (the command layer bounds its run with it; the resolver never reads it). None
    /// inside sessions, which have their own.
    pub max_time: Option<Duration>,
}

impl Default for DnsPlan {
    fn default() -> Self {
        DnsPlan {
            nameservers: Vec::new(),
            tcp: false,
            timeout: Duration::from_secs(3),
            attempts: 2,
            max_time: None,
        }
    }
}

/// A domain as the user typed it → lowercase A-labels without the trailing dot (IDNA, UTS #46).
pub fn domain_arg(s: &str) -> Result<String, Failure> {
    let t = s.trim().trim_end_matches('.');
    if t.is_empty() {
        return Err(Failure::usage("empty domain name"));
    }
    let ascii = idna::domain_to_ascii(t)
        .map_err(|_| Failure::usage(format!("{s:?} is not a valid domain name")))?;
    if ascii.len() > 253 || ascii.split('.').any(|l| l.is_empty() || l.len() > 63) {
        return Err(Failure::usage(format!(
            "{s:?} is not a valid domain name (label or name too long, or empty label)"
        )));
    }
    Ok(ascii)
}

/// Why a lookup produced no answer. A SERVFAIL is never "no record".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Negative {
    /// The name does not exist.
    NxDomain,
    /// The name exists but has no record of this type.
    NoData,
    /// The server answered with an error code (SERVFAIL, REFUSED, …).
    Rcode(String),
    /// No answer within the timeout.
    Timeout,
    /// Anything else (network error, malformed answer).
    Error(String),
}

impl Negative {
    /// "The record does not exist" (as opposed to "we could not find out").
    pub fn is_absent(&self) -> bool {
        matches!(self, Negative::NxDomain | Negative::NoData)
    }

    /// Short stable name used in events and JSON.
    pub fn outcome(&self) -> &'static str {
        match self {
            Negative::NxDomain => "nxdomain",
            Negative::NoData => "nodata",
            Negative::Rcode(c) if c == "SERVFAIL" => "servfail",
            Negative::Rcode(c) if c == "REFUSED" => "refused",
            Negative::Rcode(_) => "error",
            Negative::Timeout => "timeout",
            Negative::Error(_) => "error",
        }
    }
}

impl std::fmt::Display for Negative {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Negative::NxDomain => f.write_str("NXDOMAIN (name does not exist)"),
            Negative::NoData => f.write_str("NODATA (no record of that type)"),
            Negative::Rcode(c) => write!(f, "{c}"),
            Negative::Timeout => f.write_str("timeout (no answer from the nameserver)"),
            Negative::Error(e) => write!(f, "error: {e}"),
        }
    }
}

/// One record of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rec {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Mx {
        preference: u16,
        exchange: String,
    },
    /// The character-strings of one TXT record, unjoined.
    Txt(Vec<Vec<u8>>),
    Ptr(String),
    Cname(String),
    /// RFC 2782: priority, weight, port, target (`.`: the service is not provided).
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    /// RFC 4034 §3: what a signature covers, by which key, and when it is valid (seconds since
    /// the epoch, serial-number arithmetic aside: RFC 4034 §3.1.5).
    Rrsig {
        covered: String,
        algorithm: u8,
        key_tag: u16,
        signer: String,
        inception: u32,
        expiration: u32,
    },
    /// RFC 4034 §5: the parent's hash of a child's key.
    Ds {
        key_tag: u16,
        algorithm: u8,
        digest_type: u8,
        digest: Vec<u8>,
    },
    /// RFC 4034 §2, with the key tag and the SHA-256/SHA-384 digests a DS would carry (RFC
    /// 4034 §5.1.4, RFC 4509), computed here where the owner name is known.
    Dnskey {
        flags: u16,
        algorithm: u8,
        key_tag: u16,
        sha256: Vec<u8>,
        sha384: Vec<u8>,
    },
    /// RFC 6698 §2.1: certificate usage, selector, matching type, association data.
    Tlsa {
        usage: u8,
        selector: u8,
        matching: u8,
        data: Vec<u8>,
    },
    /// RFC 7929 §2.1: a Transferable Public Key, binary.
    OpenPgpKey(Vec<u8>),
    Other {
        rtype: String,
        data: String,
    },
}

impl Rec {
    /// Presentation form for transcripts.
    pub fn display(&self) -> String {
        match self {
            Rec::A(ip) => ip.to_string(),
            Rec::Aaaa(ip) => ip.to_string(),
            Rec::Mx {
                preference,
                exchange,
            } => format!("{preference} {exchange}."),
            Rec::Txt(parts) => parts
                .iter()
                .map(|p| format!("\"{}\"", escape_bytes(p).replace('"', "\\\"")))
                .collect::<Vec<_>>()
                .join(" "),
            Rec::Ptr(n) | Rec::Cname(n) => format!("{n}."),
            Rec::Srv {
                priority,
                weight,
                port,
                target,
            } => format!("{priority} {weight} {port} {target}."),
            Rec::Rrsig {
                covered,
                algorithm,
                key_tag,
                signer,
                inception,
                expiration,
            } => format!(
                "{covered} {algorithm} {key_tag} {signer}. {}..{}",
                crate::utc::fmt_utc(i64::from(*inception)),
                crate::utc::fmt_utc(i64::from(*expiration))
            ),
            Rec::Ds {
                key_tag,
                algorithm,
                digest_type,
                digest,
            } => format!("{key_tag} {algorithm} {digest_type} {}", hex(digest)),
            Rec::Dnskey {
                flags,
                algorithm,
                key_tag,
                ..
            } => format!("{flags} 3 {algorithm} (key tag {key_tag})"),
            Rec::Tlsa {
                usage,
                selector,
                matching,
                data,
            } => format!("{usage} {selector} {matching} {}", hex(data)),
            Rec::OpenPgpKey(key) => {
                // A key is kilobytes of base64: the transcript shows its start and size.
                use base64::Engine;
                let b64 = base64::engine::general_purpose::STANDARD.encode(key);
                let cut = b64.len().min(48);
                format!(
                    "{}{} ({} octets)",
                    &b64[..cut],
                    if cut < b64.len() { "…" } else { "" },
                    key.len()
                )
            }
            Rec::Other { data, .. } => data.clone(),
        }
    }

    pub fn rtype(&self) -> &str {
        match self {
            Rec::A(_) => "A",
            Rec::Aaaa(_) => "AAAA",
            Rec::Mx { .. } => "MX",
            Rec::Txt(_) => "TXT",
            Rec::Ptr(_) => "PTR",
            Rec::Cname(_) => "CNAME",
            Rec::Tlsa { .. } => "TLSA",
            Rec::Srv { .. } => "SRV",
            Rec::Rrsig { .. } => "RRSIG",
            Rec::Ds { .. } => "DS",
            Rec::Dnskey { .. } => "DNSKEY",
            Rec::OpenPgpKey(_) => "OPENPGPKEY",
            Rec::Other { rtype, .. } => rtype,
        }
    }

    /// A TXT record's strings joined without separators (RFC 7208 §3.3, RFC 6376 §3.6.2.2).
    pub fn txt_joined(&self) -> Option<Vec<u8>> {
        match self {
            Rec::Txt(parts) => Some(parts.concat()),
            _ => None,
        }
    }
}

/// A positive answer: the records of the asked type, and any CNAMEs followed to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub records: Vec<(u32, Rec)>,
    pub cnames: Vec<(String, String)>,
}

impl Answer {
    pub fn recs(&self) -> impl Iterator<Item = &Rec> {
        self.records.iter().map(|(_, r)| r)
    }
}

pub type QueryResult = Result<Arc<Answer>, Negative>;

type Key = (String, RecordType);

pub struct Dns {
    resolver: TokioResolver,
    ctx: Arc<Ctx>,
    cache: Mutex<HashMap<Key, Arc<OnceCell<QueryResult>>>>,
}

/// Lowercase hex, as TLSA association data is written in zone files (RFC 6698 §2.2).
pub(crate) fn hex(data: &[u8]) -> String {
    use std::fmt::Write;
    data.iter()
        .fold(String::with_capacity(data.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Lowercase, no trailing dot: how names are compared and cached.
pub fn norm(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn fqdn(name: &str) -> Result<Name, String> {
    let trimmed = name.trim_end_matches('.');
    if trimmed.is_ascii() {
        // Labels are taken as raw bytes: a name built by SPF macro expansion may hold ':', '%' or
        // spaces, which DNS carries fine (RFC 2181 §11) but a hostname parser would reject.
        let labels: Vec<&[u8]> = if trimmed.is_empty() {
            vec![]
        } else {
            trimmed.split('.').map(str::as_bytes).collect()
        };
        if labels.iter().any(|l| l.is_empty() || l.len() > 63) {
            return Err(format!(
                "bad domain name {name:?}: empty or over-long label"
            ));
        }
        let mut n =
            Name::from_labels(labels).map_err(|e| format!("bad domain name {name:?}: {e}"))?;
        n.set_fqdn(true);
        return Ok(n);
    }
    Name::from_utf8(format!("{trimmed}.")).map_err(|e| format!("bad domain name {name:?}: {e}"))
}

/// The mnemonic of an rcode as dig shows it (RFC 1035 §4.1.1, RFC 6895): SERVFAIL, REFUSED, ….
fn rcode_name(rc: hickory_resolver::proto::op::ResponseCode) -> String {
    use hickory_resolver::proto::op::ResponseCode as R;
    match rc {
        R::NoError => "NOERROR".into(),
        R::FormErr => "FORMERR".into(),
        R::ServFail => "SERVFAIL".into(),
        R::NXDomain => "NXDOMAIN".into(),
        R::NotImp => "NOTIMP".into(),
        R::Refused => "REFUSED".into(),
        R::YXDomain => "YXDOMAIN".into(),
        R::YXRRSet => "YXRRSET".into(),
        R::NXRRSet => "NXRRSET".into(),
        R::NotAuth => "NOTAUTH".into(),
        R::NotZone => "NOTZONE".into(),
        other => format!("RCODE{}", u16::from(other)),
    }
}

fn classify(e: &NetError) -> Negative {
    match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => {
            if nr.response_code == hickory_resolver::proto::op::ResponseCode::NXDomain {
                Negative::NxDomain
            } else {
                Negative::NoData
            }
        }
        NetError::Dns(DnsError::ResponseCode(rc)) => Negative::Rcode(rcode_name(*rc)),
        NetError::Timeout => Negative::Timeout,
        other => Negative::Error(other.to_string()),
    }
}

/// A name from an answer as its raw labels joined by dots. `Name::to_utf8` would escape or
/// IDNA-decode labels; a name like `foo:bar/baz.example.com` (legal in DNS, RFC 2181 §11, and
/// used by SPF macros) must come back exactly so it can be asked for again.
fn name_text(n: &Name) -> String {
    let labels: Vec<String> = n
        .iter()
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect();
    norm(&labels.join("."))
}

fn convert(data: &RData, owner: &Name) -> Rec {
    use hickory_resolver::proto::dnssec::DigestType;
    use hickory_resolver::proto::dnssec::rdata::DNSSECRData;
    match data {
        RData::DNSSEC(DNSSECRData::RRSIG(r)) => {
            let i = r.input();
            Rec::Rrsig {
                covered: i.type_covered.to_string(),
                algorithm: u8::from(i.algorithm),
                key_tag: i.key_tag,
                signer: name_text(&i.signer_name),
                inception: i.sig_inception.get(),
                expiration: i.sig_expiration.get(),
            }
        }
        RData::DNSSEC(DNSSECRData::DS(d)) => Rec::Ds {
            key_tag: d.key_tag(),
            algorithm: u8::from(d.algorithm()),
            digest_type: u8::from(d.digest_type()),
            digest: d.digest().to_vec(),
        },
        RData::DNSSEC(DNSSECRData::DNSKEY(k)) => {
            let digest = |t| {
                k.to_digest(owner, t)
                    .map(|d| d.as_ref().to_vec())
                    .unwrap_or_default()
            };
            Rec::Dnskey {
                flags: k.flags(),
                algorithm: u8::from(hickory_resolver::proto::dnssec::PublicKey::algorithm(
                    k.public_key(),
                )),
                key_tag: k.calculate_key_tag().unwrap_or(0),
                sha256: digest(DigestType::SHA256),
                sha384: digest(DigestType::SHA384),
            }
        }
        RData::A(a) => Rec::A(a.0),
        RData::AAAA(a) => Rec::Aaaa(a.0),
        RData::MX(mx) => Rec::Mx {
            preference: mx.preference,
            exchange: name_text(&mx.exchange),
        },
        RData::TXT(t) => Rec::Txt(t.txt_data.iter().map(|s| s.to_vec()).collect()),
        RData::PTR(p) => Rec::Ptr(name_text(&p.0)),
        RData::CNAME(c) => Rec::Cname(name_text(&c.0)),
        RData::SRV(v) => Rec::Srv {
            priority: v.priority,
            weight: v.weight,
            port: v.port,
            target: name_text(&v.target),
        },
        RData::TLSA(t) => Rec::Tlsa {
            usage: u8::from(t.cert_usage),
            selector: u8::from(t.selector),
            matching: u8::from(t.matching),
            data: t.cert_data.clone(),
        },
        RData::OPENPGPKEY(k) => Rec::OpenPgpKey(k.public_key.clone()),
        other => Rec::Other {
            rtype: other.record_type().to_string(),
            data: other.to_string(),
        },
    }
}

impl Dns {
    pub fn new(plan: &DnsPlan, ctx: Arc<Ctx>) -> Result<Dns, Failure> {
        Ok(Dns {
            resolver: build_resolver(plan, None)?,
            ctx,
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn ctx(&self) -> &Arc<Ctx> {
        &self.ctx
    }

    /// Ask once per run: concurrent callers of the same question share one query.
    pub async fn query(&self, name: &str, rtype: RecordType) -> QueryResult {
        let key = (norm(name), rtype);
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache.entry(key.clone()).or_default().clone()
        };
        cell.get_or_init(|| self.ask(key.0.clone(), rtype))
            .await
            .clone()
    }

    async fn ask(&self, name: String, rtype: RecordType) -> QueryResult {
        let qtype = rtype.to_string();
        self.ctx.emit(EventKind::DnsQuery {
            name: name.clone(),
            qtype: qtype.clone(),
        });
        let started = Instant::now();
        let res = match fqdn(&name) {
            Err(e) => Err(Negative::Error(e)),
            Ok(n) => match self.resolver.lookup(n, rtype).await {
                Ok(lookup) => {
                    let mut answer = Answer::default();
                    for r in lookup.answers() {
                        let rec = convert(&r.data, &r.name);
                        if let Rec::Cname(target) = &rec
                            && rtype != RecordType::CNAME
                        {
                            answer.cnames.push((name_text(&r.name), target.clone()));
                        } else if r.record_type() == rtype {
                            answer.records.push((r.ttl, rec));
                        }
                    }
                    if answer.records.is_empty() {
                        Err(Negative::NoData)
                    } else {
                        Ok(Arc::new(answer))
                    }
                }
                Err(e) => Err(classify(&e)),
            },
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let (outcome, rcode, records) = match &res {
            Ok(a) => (
                "answer",
                "NOERROR".to_string(),
                a.cnames
                    .iter()
                    .map(|(from, to)| DnsRecord {
                        name: from.clone(),
                        ttl: None,
                        rtype: "CNAME".into(),
                        data: format!("{to}."),
                    })
                    .chain(a.records.iter().map(|(ttl, r)| DnsRecord {
                        name: name.clone(),
                        ttl: Some(*ttl),
                        rtype: r.rtype().into(),
                        data: r.display(),
                    }))
                    .collect(),
            ),
            Err(n) => (
                n.outcome(),
                match n {
                    Negative::NxDomain => "NXDOMAIN".into(),
                    Negative::NoData => "NOERROR".into(),
                    Negative::Rcode(c) => c.clone(),
                    Negative::Timeout => "-".into(),
                    Negative::Error(_) => "-".into(),
                },
                vec![],
            ),
        };
        self.ctx.emit(EventKind::DnsAnswer {
            name,
            qtype,
            outcome: outcome.into(),
            rcode,
            records,
            ms: (ms * 1000.0).round() / 1000.0,
        });
        res
    }

    /// A and AAAA of a host, concurrently. Fails (phase resolve) only if neither has an address.
    pub async fn host_ips(&self, host: &str) -> Result<Vec<IpAddr>, Failure> {
        let (a, aaaa) = tokio::join!(
            self.query(host, RecordType::A),
            self.query(host, RecordType::AAAA)
        );
        let mut ips = Vec::new();
        for r in [&a, &aaaa].into_iter().flatten() {
            for rec in r.recs() {
                match rec {
                    Rec::A(ip) => ips.push(IpAddr::V4(*ip)),
                    Rec::Aaaa(ip) => ips.push(IpAddr::V6(*ip)),
                    _ => {}
                }
            }
        }
        if ips.is_empty() {
            let why = match (&a, &aaaa) {
                (Err(x), Err(y)) if x == y => format!("{x}"),
                (Err(x), Err(y)) => format!("A: {x}; AAAA: {y}"),
                _ => "no address".into(),
            };
            return Err(Failure::new(
                Phase::Resolve,
                Kind::Resolve,
                format!("cannot resolve {host}: {why}"),
            ));
        }
        Ok(ips)
    }
}

/// A hickory resolver set up as mailctl wants it (see [`Dns::new`]); with `anchors`, one that
/// validates DNSSEC from them (RFC 4035 §5; `dns::dnssec`).
pub(crate) fn build_resolver(
    plan: &DnsPlan,
    anchors: Option<Arc<hickory_resolver::proto::dnssec::TrustAnchors>>,
) -> Result<TokioResolver, Failure> {
    let mut opts = ResolverOpts::default();
    opts.timeout = plan.timeout;
    // hickory's `attempts` counts retries after the first try (RetryDnsHandle): 2 there
    // meant three tries, 9 s for a dead nameserver where 6 s was documented.
    opts.attempts = plan.attempts.max(1) - 1;
    opts.ndots = 0;
    opts.use_hosts_file = hickory_resolver::config::ResolveHosts::Never;
    // We cache per run ourselves (and want every query visible once); keep hickory's small.
    opts.cache_size = 0;
    // Answers truncated over UDP (TC bit) are retried over TCP by hickory.
    let config = if plan.nameservers.is_empty() {
        let (config, _sys) = hickory_resolver::system_conf::read_system_conf().map_err(|e| {
            Failure::new(
                Phase::Resolve,
                Kind::Resolve,
                format!("cannot read system DNS configuration ({e}); use --nameserver"),
            )
        })?;
        let servers = config
            .name_servers()
            .iter()
            .map(|ns| server(SocketAddr::new(ns.ip, 53), plan.tcp))
            .collect();
        ResolverConfig::from_name_servers(servers)
    } else {
        ResolverConfig::from_name_servers(
            plan.nameservers
                .iter()
                .map(|sa| server(*sa, plan.tcp))
                .collect(),
        )
    };
    // Our own TLS config for hickory's (unused) DNS-over-TLS support, which the mail-auth
    // dependency switches on: left unset, hickory loads the platform's CA store on every
    // start (~5 ms, 146 files) and fails outright on a machine without one.
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| {
        Failure::new(
            Phase::Resolve,
            Kind::Internal,
            format!("DNS TLS setup: {e}"),
        )
    })?
    .with_root_certificates(rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    })
    .with_no_client_auth();
    let mut builder = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
        .with_tls_config(tls);
    if let Some(a) = anchors {
        opts.validate = true;
        // The validator asks for the same DS, DNSKEY and NS records for every answer it checks
        // and has no cache of ours in front of it: keep hickory's (a few hundred entries).
        opts.cache_size = 1024;
        builder = builder.with_trust_anchor(a);
    }
    builder.with_options(opts).build().map_err(|e| {
        Failure::new(
            Phase::Resolve,
            Kind::Internal,
            format!("building DNS resolver: {e}"),
        )
    })
}

fn server(sa: SocketAddr, tcp_only: bool) -> NameServerConfig {
    let mut conns = Vec::new();
    if !tcp_only {
        let mut c = ConnectionConfig::udp();
        c.port = sa.port();
        conns.push(c);
    }
    let mut c = ConnectionConfig::tcp();
    c.port = sa.port();
    conns.push(c);
    NameServerConfig::new(sa.ip(), true, conns)
}
