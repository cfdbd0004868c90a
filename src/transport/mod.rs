//! Transport: turn a target into a connected, timed byte stream (TCP, then optionally TLS).
//!
//! Resolution and connection attempts are emitted as events and timed per phase; failures name
//! the `resolve` or `connect` phase. Protocol code receives the stream and never sees sockets.
//! [`connect`](mod@connect) is the driver every session starts from (MX or server target → candidates →
//! connected stream); this module holds its steps (resolve one endpoint, connect to its
//! addresses).

pub(crate) mod connect;
pub(crate) mod connect_to;
pub(crate) mod hello;
pub(crate) mod http;
pub(crate) mod local;
pub(crate) mod proxy;
pub(crate) mod proxy_protocol;
#[cfg(test)]
pub(crate) mod test_openssl;
pub(crate) mod tls;
pub(crate) mod tls_server;
pub(crate) mod wire;

use crate::dns::Dns;
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// Which address families to use (`-4` / `-6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Family {
    #[default]
    Any,
    V4,
    V6,
}

impl Family {
    pub(crate) fn allows(self, ip: &IpAddr) -> bool {
        match self {
            Family::Any => true,
            Family::V4 => ip.is_ipv4(),
            Family::V6 => ip.is_ipv6(),
        }
    }
}

/// A host and port as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    /// Host name or IP literal, without brackets.
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    /// Parse `HOST`, `HOST:PORT`, `[V6]`, `[V6]:PORT` or a bare IPv6 literal.
    pub(crate) fn parse(s: &str, default_port: u16) -> Result<Endpoint, Failure> {
        let bad = |why: &str| Failure::usage(format!("bad server address {s:?}: {why}"));
        if s.is_empty() {
            return Err(bad("empty"));
        }
        if let Some(rest) = s.strip_prefix('[') {
            let (host, after) = rest.split_once(']').ok_or_else(|| bad("missing ']'"))?;
            host.parse::<std::net::Ipv6Addr>()
                .map_err(|_| bad("not an IPv6 address inside [...]"))?;
            let port = match after {
                "" => default_port,
                p => p
                    .strip_prefix(':')
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| bad("expected :PORT after ']'"))?,
            };
            return Ok(Endpoint {
                host: host.to_string(),
                port,
            });
        }
        if s.parse::<std::net::Ipv6Addr>().is_ok() {
            return Ok(Endpoint {
                host: s.to_string(),
                port: default_port,
            });
        }
        match s.rsplit_once(':') {
            Some((host, port)) => {
                let port = port
                    .parse()
                    .map_err(|_| bad("port is not a number from 1 to 65535"))?;
                if host.is_empty() {
                    return Err(bad("empty host"));
                }
                if port == 0 {
                    return Err(bad("port 0"));
                }
                Ok(Endpoint {
                    host: host.to_string(),
                    port,
                })
            }
            None => Ok(Endpoint {
                host: s.to_string(),
                port: default_port,
            }),
        }
    }

    pub(crate) fn ip(&self) -> Option<IpAddr> {
        self.host.parse().ok()
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// Resolve a host to socket addresses: IP literals directly, names through our DNS resolver when
/// `--nameserver` was given (so test zones work), else the system resolver (which honours
/// /etc/hosts).
pub(crate) async fn resolve(
    ep: &Endpoint,
    family: Family,
    dns: Option<&Dns>,
    ctx: &Ctx,
) -> Result<Vec<SocketAddr>, Failure> {
    if let Some(ip) = ep.ip() {
        if !family.allows(&ip) {
            return Err(Failure::new(
                Phase::Resolve,
                Kind::Usage,
                format!("{ip} does not match -4/-6"),
            ));
        }
        return Ok(vec![SocketAddr::new(ip, ep.port)]);
    }
    let started = Instant::now();
    // Our resolver shows its own Q:/A: events; the system resolver gets one summary event.
    let ips: Vec<IpAddr> = match dns {
        Some(dns) => dns.host_ips(&ep.host).await?,
        None => tokio::net::lookup_host((ep.host.as_str(), ep.port))
            .await
            .map_err(|e| {
                Failure::new(
                    Phase::Resolve,
                    Kind::Resolve,
                    format!("cannot resolve {}: {e}", ep.host),
                )
            })?
            .map(|sa| sa.ip())
            .collect(),
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    ctx.record(Phase::Resolve, ms);
    let mut seen = Vec::new();
    for ip in ips {
        if !seen.contains(&ip) {
            seen.push(ip);
        }
    }
    if dns.is_none() {
        ctx.emit(EventKind::Resolved {
            query: ep.host.clone(),
            answers: seen.iter().map(|ip| ip.to_string()).collect(),
            ms,
        });
    }
    let addrs: Vec<SocketAddr> = seen
        .into_iter()
        .filter(|ip| family.allows(ip))
        .map(|ip| SocketAddr::new(ip, ep.port))
        .collect();
    if addrs.is_empty() {
        let fam = match family {
            Family::V4 => " IPv4",
            Family::V6 => " IPv6",
            Family::Any => "",
        };
        return Err(Failure::new(
            Phase::Resolve,
            Kind::Resolve,
            format!("{} has no{fam} address", ep.host),
        ));
    }
    Ok(addrs)
}

/// Connect to the first address that answers, trying each in order within `timeout` apiece.
pub(crate) async fn connect(
    addrs: &[SocketAddr],
    timeout: Duration,
    ctx: &Ctx,
) -> Result<TcpStream, Failure> {
    connect_from(addrs, None, timeout, ctx).await
}

/// One TCP connection attempt, from `local` when given (`--local-addr`: bound before
/// connecting, so the peer sees that source address).
async fn attempt(addr: SocketAddr, local: Option<SocketAddr>) -> std::io::Result<TcpStream> {
    let Some(local) = local else {
        return TcpStream::connect(addr).await;
    };
    let sock = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    if local.port() != 0 {
        // A fixed source port is reused run after run: the previous connection's TIME_WAIT
        // must not block the bind.
        sock.set_reuseaddr(true)?;
    }
    sock.bind(local).map_err(|e| {
        std::io::Error::new(e.kind(), format!("cannot bind --local-addr {local}: {e}"))
    })?;
    sock.connect(addr).await
}

/// [`connect`] from a given source address. An address of the other family than `local` is
/// skipped (said in a warning); when every address is, the failure is a usage error: no
/// connection could ever be made from that source.
pub(crate) async fn connect_from(
    addrs: &[SocketAddr],
    local: Option<SocketAddr>,
    timeout: Duration,
    ctx: &Ctx,
) -> Result<TcpStream, Failure> {
    let mut errors = Vec::new();
    let mut tried = 0;
    for addr in addrs {
        if let Some(l) = local
            && l.is_ipv4() != addr.is_ipv4()
        {
            ctx.warn(format!(
                "not connecting to {addr}: --local-addr {} is another address family",
                l.ip()
            ));
            errors.push(format!("{addr}: not the family of --local-addr {}", l.ip()));
            continue;
        }
        tried += 1;
        if ctx.emits() {
            ctx.emit(EventKind::Connecting {
                addr: addr.to_string(),
            });
        }
        let started = Instant::now();
        let res = tokio::time::timeout(timeout, attempt(*addr, local)).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        ctx.record(Phase::Connect, ms);
        match res {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                if ctx.emits() {
                    let local = stream
                        .local_addr()
                        .map(|a| a.to_string())
                        .unwrap_or_default();
                    ctx.emit(EventKind::Connected {
                        addr: addr.to_string(),
                        local,
                        ms,
                    });
                }
                return Ok(stream);
            }
            Ok(Err(e)) => {
                ctx.warn(format!("connect to {addr} failed after {ms:.1} ms: {e}"));
                errors.push(format!("{addr}: {e}"));
            }
            Err(_) => {
                ctx.warn(format!("connect to {addr} timed out after {timeout:?}"));
                errors.push(format!("{addr}: timed out after {timeout:?}"));
            }
        }
    }
    if let (0, Some(l), false) = (tried, local, addrs.is_empty()) {
        return Err(Failure::new(
            Phase::Connect,
            Kind::Usage,
            format!(
                "--local-addr {} is {} but the target has only {} addresses ({}): use a local \
                 address of that family, or -4/-6 to choose",
                l.ip(),
                if l.is_ipv4() { "IPv4" } else { "IPv6" },
                if l.is_ipv4() { "IPv6" } else { "IPv4" },
                addrs
                    .iter()
                    .map(|a| a.ip().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Err(Failure::new(
        Phase::Connect,
        Kind::Connect,
        format!("could not connect: {}", errors.join("; ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_forms() {
        let ep = |s| Endpoint::parse(s, 25).unwrap();
        assert_eq!(
            ep("mx.example.org"),
            Endpoint {
                host: "mx.example.org".into(),
                port: 25
            }
        );
        assert_eq!(
            ep("mx.example.org:587"),
            Endpoint {
                host: "mx.example.org".into(),
                port: 587
            }
        );
        assert_eq!(
            ep("[::1]:2525"),
            Endpoint {
                host: "::1".into(),
                port: 2525
            }
        );
        assert_eq!(
            ep("[::1]"),
            Endpoint {
                host: "::1".into(),
                port: 25
            }
        );
        assert_eq!(
            ep("::1"),
            Endpoint {
                host: "::1".into(),
                port: 25
            }
        );
        assert_eq!(ep("127.0.0.1:10025").to_string(), "127.0.0.1:10025");
        assert_eq!(ep("[::1]:2525").to_string(), "[::1]:2525");
        for bad in [
            "",
            "host:",
            "host:x",
            "host:0",
            "[::1",
            "[nothost]:25",
            "[::1]x",
            ":25",
            "h:70000",
        ] {
            assert!(Endpoint::parse(bad, 25).is_err(), "{bad} should fail");
        }
    }
}
