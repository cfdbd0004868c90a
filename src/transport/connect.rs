//! Shared connection driver: MX or server target → resolved candidates → connected stream
//! (with implicit TLS if asked), trying the next candidate only when connecting failed. Every
//! session (smtp, pop3, imap, check) and load mode start here; the MX rules are
//! `dns::mx`'s.

use super::proxy::{self, ProxyPlan, TunnelTo};
use super::proxy_protocol::{self, ProxyHeaderPlan};
use super::tls::{TlsClient, TlsPlan};
use super::wire::{BoxIo, Limit, Wire};
use super::{self as transport, Endpoint, Family};
use crate::dns::DnsPlan;
use crate::dns::mx::{self, MxTargets};
use crate::dns::{Dns, Negative};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::event::EventKind;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

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
    /// How the bytes get there: TCP (from a chosen source, through a proxy, with a PROXY
    /// header), a UNIX socket, or a child process.
    pub route: Route,
}

/// What carries the session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Via {
    #[default]
    Tcp,
    /// `--unix PATH`.
    Unix(PathBuf),
    /// `--pipe COMMAND`, run with `sh -c`.
    Pipe(String),
}

/// The ways of connecting beyond "TCP to the target" (issue 15).
#[derive(Debug, Clone, Default)]
pub(crate) struct Route {
    pub via: Via,
    /// `--local-addr`: bind to this source address (port 0: any) before connecting.
    pub local_addr: Option<SocketAddr>,
    /// `--proxy`: go through this SOCKS5 or HTTP proxy.
    pub proxy: Option<ProxyPlan>,
    /// `--proxy-protocol`: send a HAProxy PROXY header first.
    pub proxy_header: Option<ProxyHeaderPlan>,
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
    if plan.route.via != Via::Tcp {
        return open_local(plan, tls, ctx, limit).await;
    }
    let dns = resolver(plan, ctx)?;
    let list = limit
        .run(Phase::Resolve, candidates(plan, dns.as_ref(), ctx))
        .await?;
    let remote_dns = plan
        .route
        .proxy
        .as_ref()
        .is_some_and(|p| !p.url.kind.resolves_locally());
    let mut last = None;
    for (i, ep) in list.iter().enumerate() {
        if i > 0 {
            ctx.info(format!("trying the next host: {ep}"));
        }
        let addrs = if remote_dns && ep.ip().is_none() {
            // socks5h:// and http://: the proxy resolves the name (it may be one only the
            // proxy's side of the network knows).
            Vec::new()
        } else {
            let found = limit.run(
                Phase::Resolve,
                transport::resolve(ep, plan.family, dns.as_ref(), ctx),
            );
            match found.await {
                Ok(a) => a,
                Err(f) if f.kind == Kind::MaxTime => return Err(f),
                Err(f) => {
                    ctx.warn(f.message.clone());
                    last = Some(f);
                    continue;
                }
            }
        };
        let target = Resolved {
            host: ep.host.clone(),
            port: ep.port,
            addrs,
        };
        match open_to(plan, tls, &target, ctx, limit).await {
            Ok(c) => return Ok(c),
            Err(f) if next_candidate(&f) => last = Some(f),
            Err(f) => return Err(f),
        }
    }
    Err(last
        .unwrap_or_else(|| Failure::new(Phase::Resolve, Kind::Resolve, "no host to connect to")))
}

/// Whether a failure to reach one candidate lets the next be tried: the host could not be
/// connected to, directly or (the proxy refused the tunnel) through the proxy.
fn next_candidate(f: &Failure) -> bool {
    match (f.phase, f.kind) {
        (_, Kind::MaxTime | Kind::Usage) => false,
        (Phase::Connect, _) => true,
        (Phase::Proxy, Kind::Rejected) => true,
        _ => false,
    }
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
    pub port: u16,
    /// Empty when a proxy resolves the name (socks5h://, http://).
    pub addrs: Vec<std::net::SocketAddr>,
}

/// Resolve once, for many connections (load mode): the first candidate (MX by preference) that
/// has addresses. Unlike [`open`], a host that then refuses connections is not skipped.
pub(crate) async fn resolve(plan: &ConnectPlan, ctx: &Arc<Ctx>) -> Result<Resolved, Failure> {
    let dns = resolver(plan, ctx)?;
    let list = candidates(plan, dns.as_ref(), ctx).await?;
    let remote_dns = plan
        .route
        .proxy
        .as_ref()
        .is_some_and(|p| !p.url.kind.resolves_locally());
    let mut last = None;
    for ep in &list {
        if plan.route.via != Via::Tcp || (remote_dns && ep.ip().is_none()) {
            return Ok(Resolved {
                host: ep.host.clone(),
                port: ep.port,
                addrs: Vec::new(),
            });
        }
        match transport::resolve(ep, plan.family, dns.as_ref(), ctx).await {
            Ok(addrs) => {
                return Ok(Resolved {
                    host: ep.host.clone(),
                    port: ep.port,
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

/// Connect to the first of the target's addresses that answers (through `--proxy` when
/// given), send the PROXY header if asked, then implicit TLS if the plan says so, all within
/// `limit` (`--max-time`).
pub(crate) async fn open_to(
    plan: &ConnectPlan,
    tls: Option<&TlsClient>,
    target: &Resolved,
    ctx: &Arc<Ctx>,
    limit: Limit,
) -> Result<Connected, Failure> {
    if plan.route.via != Via::Tcp {
        return open_local(plan, tls, ctx, limit).await;
    }
    let host = target.host.as_str();
    let (mut stream, addr) = match &plan.route.proxy {
        None => {
            let stream = limit
                .run(
                    Phase::Connect,
                    transport::connect_from(
                        &target.addrs,
                        plan.route.local_addr,
                        plan.connect_timeout,
                        ctx,
                    ),
                )
                .await?;
            let addr = stream
                .peer_addr()
                .map(|a| a.to_string())
                .unwrap_or_else(|_| host.to_string());
            (stream, addr)
        }
        Some(p) => through_proxy(plan, p, target, ctx, limit).await?,
    };
    if let Some(h) = &plan.route.proxy_header {
        limit
            .run(Phase::Connect, send_proxy_header(&mut stream, h, plan, ctx))
            .await?;
    }
    let sock = socket_handle(&stream);
    finish(plan, tls, host, addr, Box::new(stream), sock, ctx, limit).await
}

/// Implicit TLS (when asked) over a connected stream, and the [`Connected`] for it.
#[allow(clippy::too_many_arguments)]
async fn finish<S: crate::transport::wire::Io + 'static>(
    plan: &ConnectPlan,
    tls: Option<&TlsClient>,
    host: &str,
    addr: String,
    stream: S,
    sock: Option<std::net::TcpStream>,
    ctx: &Arc<Ctx>,
    limit: Limit,
) -> Result<Connected, Failure> {
    if plan.implicit_tls {
        // Nagle on until the first reply inside TLS: see Wire::start_tls.
        if let Some(s) = &sock {
            let _ = s.set_nodelay(false);
        }
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

/// Through `--proxy`: connect to the proxy and have it open the tunnel, to the name (the proxy
/// resolves it) or to each resolved address in turn until the proxy reaches one.
async fn through_proxy(
    plan: &ConnectPlan,
    p: &ProxyPlan,
    target: &Resolved,
    ctx: &Arc<Ctx>,
    limit: Limit,
) -> Result<(tokio::net::TcpStream, String), Failure> {
    let tos: Vec<TunnelTo> = if target.addrs.is_empty() {
        if plan.family != super::Family::Any {
            // The proxy resolves the name and picks the address family itself.
            ctx.warn(format!(
                "-4/-6 apply only to reaching the proxy: {} resolves {} itself (use socks5:// \
                 to resolve here with -4/-6)",
                p.url, target.host
            ));
        }
        vec![TunnelTo::Name(target.host.clone(), target.port)]
    } else {
        target.addrs.iter().map(|a| TunnelTo::Addr(*a)).collect()
    };
    // The proxy's own name, when it is one, is resolved here (with --nameserver if given).
    let dns = match p.url.server.ip() {
        Some(_) => None,
        None => resolver(plan, ctx)?,
    };
    let mut last = None;
    for (i, to) in tos.iter().enumerate() {
        if i > 0 {
            ctx.info(format!("asking the proxy for the next address: {to}"));
        }
        ctx.info(format!("connecting through {} to {to}", p.url));
        let proxy_addrs = limit
            .run(
                Phase::Resolve,
                transport::resolve(&p.url.server, Family::Any, dns.as_ref(), ctx),
            )
            .await?;
        let mut stream = limit
            .run(
                Phase::Connect,
                transport::connect_from(
                    &proxy_addrs,
                    plan.route.local_addr,
                    plan.connect_timeout,
                    ctx,
                ),
            )
            .await
            .map_err(|f| Failure {
                message: format!("proxy {}: {}", p.url, f.message),
                ..f
            })?;
        match limit
            .run(
                Phase::Proxy,
                proxy::tunnel(&mut stream, p, to, plan.timeout, ctx),
            )
            .await
        {
            Ok(()) => return Ok((stream, format!("{to} via {}", p.url))),
            Err(f) if f.kind == Kind::Rejected && i + 1 < tos.len() => {
                ctx.warn(f.message.clone());
                last = Some(f);
            }
            Err(f) => return Err(f),
        }
    }
    Err(last.unwrap_or_else(|| Failure::new(Phase::Proxy, Kind::Internal, "no address to ask for")))
}

/// `--proxy-protocol`: the HAProxy header, first thing on the connection (before TLS).
async fn send_proxy_header(
    stream: &mut tokio::net::TcpStream,
    h: &ProxyHeaderPlan,
    plan: &ConnectPlan,
    ctx: &Ctx,
) -> Result<(), Failure> {
    let io_fail = |e: std::io::Error| {
        Failure::new(
            Phase::Connect,
            Kind::Connect,
            format!("sending the PROXY header: {e}"),
        )
    };
    let peer = stream.peer_addr().map_err(io_fail)?;
    let real = stream.local_addr().map_err(io_fail)?;
    let src = match h.source {
        // `--proxy-source IP` without a port: the real source port.
        Some(s) if s.port() == 0 => SocketAddr::new(s.ip(), real.port()),
        Some(s) => s,
        None => real,
    };
    let (bytes, shown) = proxy_protocol::header(h.version, src, peer);
    ctx.emit(EventKind::Sent {
        line: shown,
        tls: false,
        redacted: false,
        note: None,
    });
    match tokio::time::timeout(plan.timeout, stream.write_all(&bytes)).await {
        Ok(r) => r.map_err(io_fail),
        Err(_) => Err(Failure::new(
            Phase::Connect,
            Kind::Timeout,
            format!("the PROXY header was not taken within {:?}", plan.timeout),
        )),
    }
}

/// `--unix` and `--pipe`: no resolution, no candidates; TLS (if asked) verifies the name from
/// `--sni` or `--server`.
async fn open_local(
    plan: &ConnectPlan,
    tls: Option<&TlsClient>,
    ctx: &Arc<Ctx>,
    limit: Limit,
) -> Result<Connected, Failure> {
    let host = match &plan.target {
        Target::Server(ep) => ep.host.clone(),
        Target::Mx { domain, .. } => domain.clone(),
    };
    match &plan.route.via {
        Via::Unix(path) => {
            let s = limit
                .run(
                    Phase::Connect,
                    super::local::unix(path, plan.connect_timeout, ctx),
                )
                .await?;
            let addr = format!("unix:{}", path.display());
            finish(plan, tls, &host, addr, s, None, ctx, limit).await
        }
        Via::Pipe(cmd) => {
            let s = super::local::spawn(cmd, ctx)?;
            let addr = format!("pipe:{cmd}");
            finish(plan, tls, &host, addr, s, None, ctx, limit).await
        }
        Via::Tcp => Err(Failure::new(
            Phase::Connect,
            Kind::Internal,
            "open_local for a TCP route",
        )),
    }
}
