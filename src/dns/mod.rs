//! DNS: a hickory resolver configured by us (never the library's 15 s defaults), with lookups
//! whose outcomes keep NXDOMAIN, NODATA, SERVFAIL/REFUSED and timeout apart.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind};
use hickory_resolver::TokioResolver;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::rr::Name;
use hickory_resolver::proto::rr::{RData, RecordType};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// How to reach DNS.
#[derive(Debug, Clone)]
pub struct DnsPlan {
    /// Servers to ask; empty means the system's resolv.conf.
    pub nameservers: Vec<SocketAddr>,
    /// Use TCP only.
    pub tcp: bool,
    /// Per-query timeout.
    pub timeout: Duration,
    /// Attempts per server before giving up.
    pub attempts: usize,
}

impl Default for DnsPlan {
    fn default() -> Self {
        DnsPlan {
            nameservers: Vec::new(),
            tcp: false,
            timeout: Duration::from_secs(3),
            attempts: 2,
        }
    }
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

/// One MX record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mx {
    pub preference: u16,
    /// Exchange host without the trailing dot; "" for a null MX (RFC 7505).
    pub host: String,
}

pub struct Dns {
    resolver: TokioResolver,
}

fn fqdn(name: &str) -> Result<Name, Failure> {
    let s = if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    };
    Name::from_utf8(&s).map_err(|e| {
        Failure::new(
            Phase::Resolve,
            Kind::Usage,
            format!("bad domain name {name:?}: {e}"),
        )
    })
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
        NetError::Dns(DnsError::ResponseCode(rc)) => Negative::Rcode(rc.to_string().to_uppercase()),
        NetError::Timeout => Negative::Timeout,
        other => Negative::Error(other.to_string()),
    }
}

impl Dns {
    pub fn new(plan: &DnsPlan) -> Result<Dns, Failure> {
        let mut opts = ResolverOpts::default();
        opts.timeout = plan.timeout;
        opts.attempts = plan.attempts.max(1);
        opts.ndots = 0;
        opts.use_hosts_file = hickory_resolver::config::ResolveHosts::Never;
        let config = if plan.nameservers.is_empty() {
            let (config, sys) = hickory_resolver::system_conf::read_system_conf().map_err(|e| {
                Failure::new(
                    Phase::Resolve,
                    Kind::Resolve,
                    format!("cannot read system DNS configuration ({e}); use --nameserver"),
                )
            })?;
            opts.ndots = sys.ndots.min(1);
            config
        } else {
            let servers = plan
                .nameservers
                .iter()
                .map(|sa| {
                    let mut conns = Vec::new();
                    if !plan.tcp {
                        let mut c = ConnectionConfig::udp();
                        c.port = sa.port();
                        conns.push(c);
                    }
                    let mut c = ConnectionConfig::tcp();
                    c.port = sa.port();
                    conns.push(c);
                    NameServerConfig::new(sa.ip(), true, conns)
                })
                .collect();
            ResolverConfig::from_name_servers(servers)
        };
        let resolver = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(opts)
            .build()
            .map_err(|e| {
                Failure::new(
                    Phase::Resolve,
                    Kind::Internal,
                    format!("building DNS resolver: {e}"),
                )
            })?;
        Ok(Dns { resolver })
    }

    /// Raw lookup of one type, answers rendered as text; negative outcomes kept distinct.
    pub async fn lookup(
        &self,
        name: &str,
        rtype: RecordType,
    ) -> Result<Result<Vec<RData>, Negative>, Failure> {
        let name = fqdn(name)?;
        Ok(match self.resolver.lookup(name, rtype).await {
            Ok(lookup) => {
                let data: Vec<RData> = lookup
                    .answers()
                    .iter()
                    .filter(|r| r.record_type() == rtype)
                    .map(|r| r.data.clone())
                    .collect();
                if data.is_empty() {
                    Err(Negative::NoData)
                } else {
                    Ok(data)
                }
            }
            Err(e) => Err(classify(&e)),
        })
    }

    /// A and AAAA of a host, concurrently. Fails (phase resolve) only if neither has an address.
    pub async fn host_ips(&self, host: &str) -> Result<Vec<IpAddr>, Failure> {
        let (a, aaaa) = tokio::join!(
            self.lookup(host, RecordType::A),
            self.lookup(host, RecordType::AAAA)
        );
        let (a, aaaa) = (a?, aaaa?);
        let mut ips = Vec::new();
        for r in [&a, &aaaa].into_iter().flatten() {
            for d in r {
                match d {
                    RData::A(a) => ips.push(IpAddr::V4(a.0)),
                    RData::AAAA(a) => ips.push(IpAddr::V6(a.0)),
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

    /// MX records sorted by preference (stable: equal preferences keep the server's order).
    /// `Ok(None)` means the domain has no MX (NODATA): RFC 5321 §5.1 implicit MX applies.
    pub async fn mx(&self, domain: &str, ctx: &Ctx) -> Result<Option<Vec<Mx>>, Failure> {
        let started = Instant::now();
        let res = self.lookup(domain, RecordType::MX).await?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        ctx.record(Phase::Resolve, ms);
        match res {
            Ok(data) => {
                let mut mxs: Vec<Mx> = data
                    .iter()
                    .filter_map(|d| match d {
                        RData::MX(mx) => Some(Mx {
                            preference: mx.preference,
                            host: mx.exchange.to_utf8().trim_end_matches('.').to_string(),
                        }),
                        _ => None,
                    })
                    .collect();
                mxs.sort_by_key(|m| m.preference);
                ctx.emit(EventKind::Resolved {
                    query: format!("MX {domain}"),
                    answers: mxs
                        .iter()
                        .map(|m| format!("{} {}.", m.preference, m.host))
                        .collect(),
                    ms,
                });
                Ok(Some(mxs))
            }
            Err(Negative::NoData) => {
                ctx.emit(EventKind::Resolved {
                    query: format!("MX {domain}"),
                    answers: vec![],
                    ms,
                });
                Ok(None)
            }
            Err(neg) => Err(Failure::new(
                Phase::Resolve,
                Kind::Resolve,
                format!("MX lookup for {domain}: {neg}"),
            )),
        }
    }
}
