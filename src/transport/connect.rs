//! Shared connection driver: MX or server target → resolved candidates → connected stream
//! (with implicit TLS if asked), trying the next candidate only when connecting failed. Every
//! session (smtp, pop3, imap, check) and load mode start here; the MX rules are
//! `dns::mx`'s.

use super::tls::{TlsClient, TlsPlan};
use super::wire::{BoxIo, Limit, Wire};
use super::{self as transport, Endpoint, Family};
use crate::dns::DnsPlan;
use crate::dns::mx::{self, MxTargets};
use crate::dns::{Dns, Negative};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use std::sync::Arc;
use std::time::Duration;

/// Where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Server(Endpoint),
    /// Look up the MX of this domain and use this port.
    Mx {
        domain: String,
        port: u16,
    },
}

/// How to connect, shared by every protocol.
#[derive(Debug, Clone)]
pub(crate) struct ConnectPlan {
    pub target: Target,
    pub family: Family,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `--max-time`: the bound on one whole session (None: `--max-time 0`, unbounded).
    pub max_time: Option<Duration>,
    pub implicit_tls: bool,
    pub starttls: bool,
    pub tls: TlsPlan,
    /// Our own resolver, when --nameserver was given or an MX lookup is needed.
    pub dns: Option<DnsPlan>,
    pub show_secrets: bool,
}

/// A connected stream and who is on the other end.
pub(crate) struct Connected {
    pub io: BoxIo,
    pub tls: bool,
    /// Host name to verify certificates against (the MX host or --server host).
    pub host: String,
    pub addr: String,
    /// A second handle on the socket, for socket options after the stream is wrapped.
    pub sock: Option<std::net::TcpStream>,
    /// `--max-time`, counted from the start of resolution: the wire carries it on.
    pub limit: Limit,
    /// `--timeout`: how long one read or write may wait on this connection.
    pub timeout: std::time::Duration,
    /// The implicit-TLS handshake, when there was one.
    pub negotiated: Option<crate::transport::tls::Negotiated>,
}

impl Connected {
    /// The timed line layer over this connection, ready for a protocol.
    pub(crate) fn into_wire(self, ctx: std::sync::Arc<Ctx>) -> Wire<BoxIo> {
        let tls = self.tls;
        Wire::new(self.io, ctx, self.timeout, tls)
            .with_socket(self.sock, tls)
            .with_limit(self.limit)
            .with_negotiated(self.negotiated)
    }
}

/// A duplicate handle on the socket (same socket, own descriptor) for setting options later.
fn socket_handle(stream: &tokio::net::TcpStream) -> Option<std::net::TcpStream> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        stream
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::net::TcpStream::from)
    }
    #[cfg(not(unix))]
    {
        let _ = stream;
        None
    }
}

/// Candidates to try, in order: the server, or the MX hosts of the domain (RFC 5321 §5.1).
async fn candidates(
    plan: &ConnectPlan,
    dns: Option<&Dns>,
    ctx: &Ctx,
) -> Result<Vec<Endpoint>, Failure> {
    match &plan.target {
        Target::Server(ep) => Ok(vec![ep.clone()]),
        Target::Mx { domain, port } => {
            let dns = dns.ok_or_else(|| {
                Failure::new(
                    Phase::Resolve,
                    Kind::Internal,
                    "MX lookup without a resolver",
                )
            })?;
            ctx.info(format!("looking up the MX of {domain}"));
            let started = std::time::Instant::now();
            let found = mx::targets(dns, domain).await;
            ctx.record(Phase::Resolve, started.elapsed().as_secs_f64() * 1000.0);
            let endpoint = |host: String| Endpoint { host, port: *port };
            match found {
                MxTargets::Implicit => {
                    ctx.info(format!(
                        "{domain} has no MX: using its A/AAAA as an implicit MX (RFC 5321 §5.1)"
                    ));
                    Ok(vec![endpoint(domain.clone())])
                }
                MxTargets::Null { .. } => Err(Failure::new(
                    Phase::Resolve,
                    Kind::Resolve,
                    format!("{domain} publishes a null MX: it accepts no mail (RFC 7505)"),
                )),
                MxTargets::NxDomain => Err(Failure::new(
                    Phase::Resolve,
                    Kind::Resolve,
                    format!("MX lookup for {domain}: {}", Negative::NxDomain),
                )),
                MxTargets::Failed(neg) => Err(Failure::new(
                    Phase::Resolve,
                    Kind::Resolve,
                    format!("MX lookup for {domain}: {neg}"),
                )),
                MxTargets::Hosts { hosts, .. } => Ok(hosts
                    .into_iter()
                    .map(|m| {
                        if m.is_ip_literal() {
                            ctx.warn(format!(
                                "MX {} is an IP address, not a host name (RFC 5321 §5.1)",
                                m.host
                            ));
                        }
                        endpoint(m.host)
                    })
                    .collect()),
            }
        }
    }
}

/// The TLS client (when the plan needs TLS) and a connected stream: every command starts here.
pub(crate) async fn start(
    plan: &ConnectPlan,
    ctx: &Arc<Ctx>,
) -> Result<(Option<TlsClient>, Connected), Failure> {
    let tls = (plan.implicit_tls || plan.starttls)
        .then(|| TlsClient::new(&plan.tls))
        .transpose()?;
    let conn = open(plan, tls.as_ref(), ctx).await?;
    Ok((tls, conn))
}

/// Resolve and connect, trying each candidate until one accepts a TCP connection.
pub(crate) async fn open(
    plan: &ConnectPlan,
    tls: Option<&TlsClient>,
    ctx: &Arc<Ctx>,
) -> Result<Connected, Failure> {
    // --max-time counts from here: resolution, every candidate, and the whole dialogue.
    let limit = Limit::starting_now(plan.max_time);
    let dns = resolver(plan, ctx)?;
    let list = limit
        .run(Phase::Resolve, candidates(plan, dns.as_ref(), ctx))
        .await?;
    let mut last = None;
    for (i, ep) in list.iter().enumerate() {
        if i > 0 {
            ctx.info(format!("trying the next host: {ep}"));
        }
        let found = limit.run(
            Phase::Resolve,
            transport::resolve(ep, plan.family, dns.as_ref(), ctx),
        );
        let addrs = match found.await {
            Ok(a) => a,
            Err(f) if f.kind == Kind::MaxTime => return Err(f),
            Err(f) => {
                ctx.warn(f.message.clone());
                last = Some(f);
                continue;
            }
        };
        match open_to(plan, tls, &ep.host, &addrs, ctx, limit).await {
            Ok(c) => return Ok(c),
            Err(f) if f.phase == Phase::Connect && f.kind != Kind::MaxTime => last = Some(f),
            Err(f) => return Err(f),
        }
    }
    Err(last
        .unwrap_or_else(|| Failure::new(Phase::Resolve, Kind::Resolve, "no host to connect to")))
}

fn resolver(plan: &ConnectPlan, ctx: &Arc<Ctx>) -> Result<Option<Dns>, Failure> {
    plan.dns
        .as_ref()
        .map(|p| Dns::new(p, ctx.clone()))
        .transpose()
}

/// A resolved target: the host name (for certificate checks) and its addresses in order.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub host: String,
    pub addrs: Vec<std::net::SocketAddr>,
}

/// Resolve once, for many connections (load mode): the first candidate (MX by preference) that
/// has addresses. Unlike [`open`], a host that then refuses connections is not skipped.
pub(crate) async fn resolve(plan: &ConnectPlan, ctx: &Arc<Ctx>) -> Result<Resolved, Failure> {
    let dns = resolver(plan, ctx)?;
    let list = candidates(plan, dns.as_ref(), ctx).await?;
    let mut last = None;
    for ep in &list {
        match transport::resolve(ep, plan.family, dns.as_ref(), ctx).await {
            Ok(addrs) => {
                return Ok(Resolved {
                    host: ep.host.clone(),
                    addrs,
                });
            }
            Err(f) => {
                ctx.warn(f.message.clone());
                last = Some(f);
            }
        }
    }
    Err(last
        .unwrap_or_else(|| Failure::new(Phase::Resolve, Kind::Resolve, "no host to connect to")))
}

/// Connect to the first of `addrs` that answers, with implicit TLS if the plan says so, all
/// within `limit` (`--max-time`).
pub(crate) async fn open_to(
    plan: &ConnectPlan,
    tls: Option<&TlsClient>,
    host: &str,
    addrs: &[std::net::SocketAddr],
    ctx: &Arc<Ctx>,
    limit: Limit,
) -> Result<Connected, Failure> {
    let stream = limit
        .run(
            Phase::Connect,
            transport::connect(addrs, plan.connect_timeout, ctx),
        )
        .await?;
    let addr = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| host.to_string());
    let sock = socket_handle(&stream);
    if plan.implicit_tls {
        // Nagle on until the first reply inside TLS: see Wire::start_tls.
        let _ = stream.set_nodelay(false);
        let client = TlsClient::required(tls)?;
        let (s, negotiated) = limit
            .run(
                Phase::Tls,
                client.handshake(stream, host, plan.timeout, ctx, true),
            )
            .await?;
        return Ok(Connected {
            io: Box::new(s),
            tls: true,
            host: host.to_string(),
            addr,
            sock,
            limit,
            timeout: plan.timeout,
            negotiated: Some(negotiated),
        });
    }
    Ok(Connected {
        io: Box::new(stream),
        tls: false,
        host: host.to_string(),
        addr,
        sock,
        limit,
        timeout: plan.timeout,
        negotiated: None,
    })
}
