//! `--proxy`: open a tunnel to the target through a SOCKS5 proxy (RFC 1928, with the RFC 1929
//! username/password login) or an HTTP proxy's CONNECT method (RFC 9110 §9.3.6).
//!
//! The exchange is shown in the transcript as readable `C:`/`S:` lines (SOCKS is binary), the
//! HTTP request and response lines verbatim with the Proxy-Authorization value as `***`. Every
//! read of the proxy's answer is bounded in time (one deadline for the whole exchange) and in
//! size, and never reads past the proxy's own reply: what follows is the target's (its banner).

use super::Endpoint;
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::secret::Secret;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

/// Which proxy protocol, from the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProxyKind {
    /// `socks5://`: the target is resolved here and sent as an address.
    Socks5,
    /// `socks5h://`: the target's host name is sent to the proxy, which resolves it (ATYP 3).
    Socks5h,
    /// `http://`: HTTP CONNECT host:port.
    Http,
}

impl ProxyKind {
    pub(crate) fn scheme(self) -> &'static str {
        match self {
            ProxyKind::Socks5 => "socks5",
            ProxyKind::Socks5h => "socks5h",
            ProxyKind::Http => "http",
        }
    }

    /// Whether the target's name is resolved here (socks5) or by the proxy.
    pub(crate) fn resolves_locally(self) -> bool {
        self == ProxyKind::Socks5
    }
}

/// The proxy to go through, as parsed from `--proxy URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProxyUrl {
    pub kind: ProxyKind,
    pub server: Endpoint,
    pub user: Option<String>,
}

impl std::fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://", self.kind.scheme())?;
        if let Some(u) = &self.user {
            write!(f, "{u}@")?;
        }
        write!(f, "{}", self.server)
    }
}

impl ProxyUrl {
    /// Parse `socks5://[user@]host:port`, `socks5h://…` or `http://[user@]host:port`. A
    /// password in the URL (`user:pass@`) is refused: it would be on the command line, where
    /// `ps` and the shell history show it.
    pub(crate) fn parse(url: &str) -> Result<ProxyUrl, Failure> {
        let bad = |why: &str| Failure::usage(format!("--proxy: {why}"));
        let (scheme, rest) = url.split_once("://").ok_or_else(|| {
            bad("expected socks5://HOST:PORT, socks5h://HOST:PORT or http://HOST:PORT")
        })?;
        let kind = match scheme.to_ascii_lowercase().as_str() {
            "socks5" => ProxyKind::Socks5,
            "socks5h" => ProxyKind::Socks5h,
            "http" => ProxyKind::Http,
            "https" => {
                return Err(bad(
                    "https:// proxies (TLS to the proxy itself) are not supported: use http:// \
                     (the session's own TLS still runs end to end through the tunnel)",
                ));
            }
            "socks4" | "socks4a" => return Err(bad("SOCKS4 is not supported: use socks5://")),
            _ => return Err(bad("the scheme must be socks5, socks5h or http")),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('/') || rest.contains('?') || rest.contains('#') {
            return Err(bad(
                "a proxy URL has no path: give scheme://[user@]host:port",
            ));
        }
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((userinfo, hp)) => {
                if userinfo.contains(':') {
                    // Not quoted back: the part after ':' is a password.
                    return Err(bad(&format!(
                        "the URL contains a password (user:password@); mailctl never takes a \
                         password on the command line (any local user can read it with ps, and \
                         it stays in your shell history), and the value is not shown. Give \
                         {}://USER@HOST:PORT and the password with --proxy-password-env VAR, \
                         --proxy-password-file FILE or the MAILCTL_PROXY_PASSWORD variable",
                        kind.scheme()
                    )));
                }
                if userinfo.is_empty() {
                    return Err(bad("empty user name before '@'"));
                }
                (Some(percent_decode(userinfo).map_err(|e| bad(&e))?), hp)
            }
            None => (None, rest),
        };
        let default_port = match kind {
            ProxyKind::Http => 8080,
            _ => 1080,
        };
        let server = Endpoint::parse(hostport, default_port)
            .map_err(|e| bad(&e.message.replace("server address", "proxy address")))?;
        if let Some(u) = &user {
            // RFC 1929 §2: ULEN is one octet.
            if kind != ProxyKind::Http && u.len() > 255 {
                return Err(bad("a SOCKS5 user name has at most 255 bytes (RFC 1929)"));
            }
            if u.contains(':') && kind == ProxyKind::Http {
                return Err(bad(
                    "an HTTP Basic user name cannot contain ':' (RFC 7617 §2)",
                ));
            }
        }
        Ok(ProxyUrl { kind, server, user })
    }
}

/// `%XX` escapes in the user part of a URL (RFC 3986 §2.1), so `alice%40example.org@proxy`
/// names the user `alice@example.org`.
fn percent_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("a '%' in the user name is not followed by two hex digits")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the user name is not UTF-8".to_string())
}

/// A proxy to go through, with its login.
#[derive(Debug, Clone)]
pub(crate) struct ProxyPlan {
    pub url: ProxyUrl,
    /// The password for `url.user` (read from its source at plan time).
    pub password: Option<Secret>,
}

impl ProxyPlan {
    /// The user and password to log in to the proxy with, when the URL names a user.
    fn login(&self) -> Option<(&str, &crate::secret::Secret)> {
        match (&self.url.user, &self.password) {
            (Some(u), Some(p)) => Some((u.as_str(), p)),
            _ => None,
        }
    }
}

/// Where the proxy is asked to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TunnelTo {
    /// An address resolved here (socks5://).
    Addr(SocketAddr),
    /// A host name the proxy resolves (socks5h://, http://).
    Name(String, u16),
}

impl std::fmt::Display for TunnelTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TunnelTo::Addr(a) => write!(f, "{a}"),
            TunnelTo::Name(h, p) => write!(
                f,
                "{}",
                Endpoint {
                    host: h.clone(),
                    port: *p
                }
            ),
        }
    }
}

/// The largest HTTP response header block taken from a proxy (status line and fields).
pub(crate) const MAX_HTTP_HEADER: usize = 16 * 1024;

/// The proxy exchange's own failures: all in phase `proxy`.
fn fail(kind: Kind, msg: impl Into<String>) -> Failure {
    Failure::new(Phase::Proxy, kind, msg)
}

/// Open the tunnel over `io` (already connected to the proxy) to `to`, within `timeout` for the
/// whole exchange. On success the stream carries the target's bytes.
pub(crate) async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    io: &mut S,
    plan: &ProxyPlan,
    to: &TunnelTo,
    timeout: Duration,
    ctx: &Ctx,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let mut r = Reader {
        io,
        deadline: Instant::now() + timeout,
        timeout,
    };
    let res = match plan.url.kind {
        ProxyKind::Socks5 | ProxyKind::Socks5h => socks5(&mut r, plan, to, ctx).await,
        ProxyKind::Http => http_connect(&mut r, plan, to, ctx).await,
    };
    ctx.record(Phase::Proxy, started.elapsed().as_secs_f64() * 1000.0);
    res
}

/// Reads and writes on the proxy connection under one deadline.
struct Reader<'a, S> {
    io: &'a mut S,
    deadline: Instant,
    timeout: Duration,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Reader<'_, S> {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let w = async {
            self.io.write_all(bytes).await?;
            self.io.flush().await
        };
        match tokio::time::timeout_at(self.deadline, w).await {
            Err(_) => Err(fail(
                Kind::Timeout,
                format!(
                    "the proxy did not take our request within {:?}",
                    self.timeout
                ),
            )),
            Ok(Err(e)) => Err(fail(Kind::Closed, format!("writing to the proxy: {e}"))),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Exactly `n` more bytes, appended to `got` (which holds what this reply sent so far, for
    /// the error message).
    async fn read_exact(&mut self, got: &mut Vec<u8>, n: usize, what: &str) -> Result<(), Failure> {
        let start = got.len();
        got.resize(start + n, 0);
        let mut filled = start;
        while filled < got.len() {
            match tokio::time::timeout_at(self.deadline, self.io.read(&mut got[filled..])).await {
                Err(_) => {
                    return Err(fail(
                        Kind::Timeout,
                        format!(
                            "no complete {what} from the proxy within {:?}{}",
                            self.timeout,
                            so_far(&got[..filled])
                        ),
                    ));
                }
                Ok(Err(e)) => {
                    return Err(fail(
                        Kind::Closed,
                        format!("reading the proxy's {what}: {e}"),
                    ));
                }
                Ok(Ok(0)) => {
                    return Err(fail(
                        Kind::Closed,
                        format!(
                            "the proxy closed the connection in the middle of its {what}{}",
                            so_far(&got[..filled])
                        ),
                    ));
                }
                Ok(Ok(k)) => filled += k,
            }
        }
        Ok(())
    }
}

fn so_far(b: &[u8]) -> String {
    if b.is_empty() {
        " (it sent nothing)".into()
    } else {
        format!(" (it sent {} bytes: {})", b.len(), hex(b))
    }
}

fn hex(b: &[u8]) -> String {
    let shown: Vec<String> = b.iter().take(64).map(|x| format!("{x:02x}")).collect();
    let more = if b.len() > 64 { " …" } else { "" };
    format!("{}{more}", shown.join(" "))
}

fn sent(ctx: &Ctx, line: String, redacted: bool) {
    ctx.emit(EventKind::Sent {
        line,
        tls: false,
        redacted,
        note: None,
    });
}

fn recv(ctx: &Ctx, line: String) {
    ctx.emit(EventKind::Recv {
        line,
        tls: false,
        note: None,
    });
}

// ---------------------------------------------------------------------------------------------
// SOCKS5 (RFC 1928) with username/password (RFC 1929)

const SOCKS_VERSION: u8 = 5;
const METHOD_NONE: u8 = 0x00;
const METHOD_USERPASS: u8 = 0x02;
const METHOD_NO_ACCEPTABLE: u8 = 0xFF;

fn method_name(m: u8) -> String {
    match m {
        0x00 => "no authentication".into(),
        0x01 => "GSSAPI".into(),
        0x02 => "username/password".into(),
        0xFF => "no acceptable methods".into(),
        m => format!("method {m:#04x}"),
    }
}

/// RFC 1928 §6: the REP field of a reply, by name.
pub(crate) fn reply_name(rep: u8) -> &'static str {
    match rep {
        0x00 => "succeeded",
        0x01 => "general SOCKS server failure",
        0x02 => "connection not allowed by ruleset",
        0x03 => "network unreachable",
        0x04 => "host unreachable",
        0x05 => "connection refused",
        0x06 => "TTL expired",
        0x07 => "command not supported",
        0x08 => "address type not supported",
        _ => "unassigned reply code",
    }
}

/// The method-selection message (RFC 1928 §3): no authentication, and username/password when
/// we have a login.
pub(crate) fn socks_hello(with_login: bool) -> Vec<u8> {
    if with_login {
        vec![SOCKS_VERSION, 2, METHOD_NONE, METHOD_USERPASS]
    } else {
        vec![SOCKS_VERSION, 1, METHOD_NONE]
    }
}

/// The server's method choice (RFC 1928 §3), checked against what we offered.
pub(crate) fn socks_method(reply: [u8; 2], with_login: bool) -> Result<u8, Failure> {
    if reply[0] != SOCKS_VERSION {
        return Err(fail(
            Kind::Protocol,
            format!(
                "the proxy did not answer as a SOCKS5 server (version byte {:#04x}, bytes {})",
                reply[0],
                hex(&reply)
            ),
        ));
    }
    match reply[1] {
        METHOD_NONE => Ok(METHOD_NONE),
        METHOD_USERPASS if with_login => Ok(METHOD_USERPASS),
        METHOD_USERPASS => Err(fail(
            Kind::Rejected,
            "the SOCKS5 proxy requires a user name and password: give socks5://USER@HOST:PORT \
             and the password with --proxy-password-env, --proxy-password-file or \
             MAILCTL_PROXY_PASSWORD",
        )),
        METHOD_NO_ACCEPTABLE => Err(fail(
            Kind::Rejected,
            format!(
                "the SOCKS5 proxy accepts none of the methods offered ({})",
                if with_login {
                    "no authentication, username/password"
                } else {
                    "no authentication; it may want a login: socks5://USER@HOST:PORT"
                }
            ),
        )),
        m => Err(fail(
            Kind::Protocol,
            format!(
                "the SOCKS5 proxy chose {}, which was not offered",
                method_name(m)
            ),
        )),
    }
}

/// The RFC 1929 §2 login request.
pub(crate) fn socks_login(user: &str, password: &str) -> Result<Vec<u8>, Failure> {
    if user.len() > 255 || password.len() > 255 {
        return Err(Failure::usage(
            "a SOCKS5 user name and password have at most 255 bytes each (RFC 1929)",
        ));
    }
    let mut v = vec![1, user.len() as u8];
    v.extend_from_slice(user.as_bytes());
    v.push(password.len() as u8);
    v.extend_from_slice(password.as_bytes());
    Ok(v)
}

/// The CONNECT request (RFC 1928 §4): ATYP 1 (IPv4), 4 (IPv6) or 3 (a domain name, ≤ 255).
pub(crate) fn socks_connect(to: &TunnelTo) -> Result<Vec<u8>, Failure> {
    let mut v = vec![SOCKS_VERSION, 0x01, 0x00];
    let port = match to {
        TunnelTo::Addr(a) => {
            match a.ip() {
                IpAddr::V4(ip) => {
                    v.push(0x01);
                    v.extend_from_slice(&ip.octets());
                }
                IpAddr::V6(ip) => {
                    v.push(0x04);
                    v.extend_from_slice(&ip.octets());
                }
            }
            a.port()
        }
        TunnelTo::Name(host, port) => {
            if let Ok(ip) = host.parse::<IpAddr>() {
                return socks_connect(&TunnelTo::Addr(SocketAddr::new(ip, *port)));
            }
            let name = host.trim_end_matches('.');
            if name.is_empty() || name.len() > 255 {
                return Err(Failure::usage(format!(
                    "{host:?} cannot be sent to a SOCKS5 proxy: a name has 1 to 255 bytes"
                )));
            }
            v.push(0x03);
            v.push(name.len() as u8);
            v.extend_from_slice(name.as_bytes());
            *port
        }
    };
    v.extend_from_slice(&port.to_be_bytes());
    Ok(v)
}

/// How many bytes the whole reply has, from its first five (VER REP RSV ATYP and the first
/// address byte, which is the length for ATYP 3).
pub(crate) fn socks_reply_len(head: &[u8; 5]) -> Result<usize, Failure> {
    if head[0] != SOCKS_VERSION {
        return Err(fail(
            Kind::Protocol,
            format!(
                "the proxy's CONNECT reply is not SOCKS5 (version byte {:#04x}, bytes {})",
                head[0],
                hex(head)
            ),
        ));
    }
    // 4 header bytes + address + 2 port bytes.
    match head[3] {
        0x01 => Ok(4 + 4 + 2),
        0x04 => Ok(4 + 16 + 2),
        0x03 => Ok(4 + 1 + head[4] as usize + 2),
        // A failure reply may carry any address; its code is what matters (checked first by
        // the caller), so only a success needs a readable address.
        t => Err(fail(
            Kind::Protocol,
            format!(
                "the proxy's CONNECT reply has an unknown address type {t:#04x} (RFC 1928 §5: 1, 3 or 4); reply code {:#04x} ({})",
                head[1],
                reply_name(head[1])
            ),
        )),
    }
}

/// A whole CONNECT reply: the bound address on success, else the failure naming the code.
pub(crate) fn socks_reply(reply: &[u8]) -> Result<String, Failure> {
    let head: [u8; 5] = reply
        .get(..5)
        .and_then(|h| h.try_into().ok())
        .ok_or_else(|| fail(Kind::Protocol, "SOCKS5 reply shorter than 5 bytes"))?;
    let len = socks_reply_len(&head)?;
    if reply.len() != len {
        return Err(fail(
            Kind::Protocol,
            format!(
                "SOCKS5 reply of {} bytes where its address type makes {len}",
                reply.len()
            ),
        ));
    }
    let rep = reply[1];
    if rep != 0 {
        return Err(fail(
            Kind::Rejected,
            format!(
                "the SOCKS5 proxy refused CONNECT: {} ({rep:#04x}, RFC 1928 §6)",
                reply_name(rep)
            ),
        ));
    }
    let port = u16::from_be_bytes([reply[len - 2], reply[len - 1]]);
    let addr = match reply[3] {
        0x01 => {
            let o: [u8; 4] = reply[4..8].try_into().unwrap_or_default();
            SocketAddr::new(IpAddr::from(o), port).to_string()
        }
        0x04 => {
            let o: [u8; 16] = reply[4..20].try_into().unwrap_or_default();
            SocketAddr::new(IpAddr::from(o), port).to_string()
        }
        _ => format!("{}:{port}", escape_bytes(&reply[5..len - 2])),
    };
    Ok(addr)
}

async fn socks5<S: AsyncRead + AsyncWrite + Unpin>(
    r: &mut Reader<'_, S>,
    plan: &ProxyPlan,
    to: &TunnelTo,
    ctx: &Ctx,
) -> Result<(), Failure> {
    let login = plan.login();
    let hello = socks_hello(login.is_some());
    sent(
        ctx,
        format!(
            "SOCKS5 hello, methods: {}",
            hello[2..]
                .iter()
                .map(|&m| method_name(m))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        false,
    );
    r.write(&hello).await?;
    let mut got = Vec::new();
    r.read_exact(&mut got, 2, "method choice").await?;
    let method = socks_method([got[0], got[1]], login.is_some())?;
    recv(ctx, format!("SOCKS5 method: {}", method_name(method)));
    if method == METHOD_USERPASS {
        let (user, password) = login.ok_or_else(|| fail(Kind::Internal, "no login"))?;
        let req = socks_login(user, password.expose())?;
        let shown = if ctx.show_secrets {
            password.expose().to_string()
        } else {
            "***".into()
        };
        sent(
            ctx,
            format!("SOCKS5 login {} {shown}", escape_bytes(user.as_bytes())),
            !ctx.show_secrets,
        );
        r.write(&req).await?;
        let mut got = Vec::new();
        r.read_exact(&mut got, 2, "login reply").await?;
        // RFC 1929 §2: VER 1, STATUS 0 is success. Some servers answer with VER 5; the status
        // is what counts.
        if got[0] != 1 && got[0] != 5 {
            return Err(fail(
                Kind::Protocol,
                format!("the proxy's login reply is not RFC 1929 ({})", hex(&got)),
            ));
        }
        if got[1] != 0 {
            recv(ctx, format!("SOCKS5 login failed (status {:#04x})", got[1]));
            return Err(fail(
                Kind::Rejected,
                format!(
                    "the SOCKS5 proxy refused the login of {} (RFC 1929 status {:#04x})",
                    escape_bytes(user.as_bytes()),
                    got[1]
                ),
            ));
        }
        recv(ctx, "SOCKS5 login accepted".into());
    }
    let req = socks_connect(to)?;
    sent(ctx, format!("SOCKS5 CONNECT {to}"), false);
    r.write(&req).await?;
    let mut got = Vec::new();
    r.read_exact(&mut got, 5, "CONNECT reply").await?;
    let head: [u8; 5] = [got[0], got[1], got[2], got[3], got[4]];
    if head[0] == SOCKS_VERSION && head[1] != 0 {
        // Refused: say so by name before anything else could go wrong with the address.
        recv(
            ctx,
            format!("SOCKS5 {} ({:#04x})", reply_name(head[1]), head[1]),
        );
        return Err(fail(
            Kind::Rejected,
            format!(
                "the SOCKS5 proxy refused CONNECT {to}: {} ({:#04x}, RFC 1928 §6)",
                reply_name(head[1]),
                head[1]
            ),
        ));
    }
    let len = socks_reply_len(&head)?;
    r.read_exact(&mut got, len - 5, "CONNECT reply").await?;
    let bound = socks_reply(&got)?;
    recv(ctx, format!("SOCKS5 succeeded (bound {bound})"));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTTP CONNECT (RFC 9110 §9.3.6)

/// The request lines (without CRLF) and, for the transcript, the same with the credentials
/// replaced by `***`.
pub(crate) fn http_request(
    to: &TunnelTo,
    login: Option<(&str, &Secret)>,
) -> (Vec<String>, Vec<String>) {
    use base64::Engine;
    // RFC 9110 §9.3.6: the request target is the authority form, host:port ([v6]:port).
    let authority = to.to_string();
    let mut lines = vec![
        format!("CONNECT {authority} HTTP/1.1"),
        format!("Host: {authority}"),
    ];
    let mut shown = lines.clone();
    if let Some((user, password)) = login {
        // RFC 7617 §2: Basic, base64 of user-id ":" password.
        let cred = base64::engine::general_purpose::STANDARD
            .encode(format!("{user}:{}", password.expose()));
        // Redacted wherever it shows up, should a proxy echo the request in its reply.
        crate::secret::register_derived(&cred);
        lines.push(format!("Proxy-Authorization: Basic {cred}"));
        shown.push("Proxy-Authorization: Basic ***".into());
    }
    (lines, shown)
}

/// The status line of a CONNECT response: its code, or why it is not one.
pub(crate) fn http_status(line: &[u8]) -> Result<u16, Failure> {
    let bad = || {
        fail(
            Kind::Protocol,
            format!(
                "the proxy's answer is not an HTTP status line: \"{}\"",
                escape_bytes(&line[..line.len().min(200)])
            ),
        )
    };
    let s = std::str::from_utf8(line).map_err(|_| bad())?;
    let mut parts = s.splitn(3, ' ');
    let version = parts.next().ok_or_else(bad)?;
    if !(version == "HTTP/1.1" || version == "HTTP/1.0") {
        return Err(bad());
    }
    let code = parts.next().ok_or_else(bad)?;
    if code.len() != 3 {
        return Err(bad());
    }
    code.parse().map_err(|_| bad())
}

async fn http_connect<S: AsyncRead + AsyncWrite + Unpin>(
    r: &mut Reader<'_, S>,
    plan: &ProxyPlan,
    to: &TunnelTo,
    ctx: &Ctx,
) -> Result<(), Failure> {
    let login = plan.login();
    let (lines, shown) = http_request(to, login);
    for (l, s) in lines.iter().zip(&shown) {
        if ctx.show_secrets {
            sent(ctx, l.clone(), false);
        } else {
            sent(ctx, s.clone(), l != s);
        }
    }
    sent(ctx, String::new(), false);
    let mut req = lines.join("\r\n");
    req.push_str("\r\n\r\n");
    r.write(req.as_bytes()).await?;

    // Byte by byte up to the blank line: the target's first bytes may follow in the same
    // segment and must stay in the stream.
    let mut head = Vec::new();
    let mut status: Option<(u16, String)> = None;
    let mut line_start = 0;
    loop {
        if head.len() >= MAX_HTTP_HEADER {
            return Err(fail(
                Kind::Protocol,
                format!(
                    "the proxy's response header is longer than {MAX_HTTP_HEADER} bytes without ending"
                ),
            ));
        }
        r.read_exact(&mut head, 1, "response header").await?;
        if head.last() != Some(&b'\n') {
            continue;
        }
        let mut line = &head[line_start..head.len() - 1];
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        let line = line.to_vec();
        line_start = head.len();
        if status.is_none() {
            let code = http_status(&line)?;
            recv(ctx, escape_bytes(&line));
            status = Some((code, escape_bytes(&line)));
            continue;
        }
        recv(ctx, escape_bytes(&line));
        if line.is_empty() {
            // RFC 9110 §15.2: a 1xx is interim; the final status follows (the whole exchange
            // stays within MAX_HTTP_HEADER).
            if status.as_ref().is_some_and(|(c, _)| (100..200).contains(c)) {
                status = None;
                continue;
            }
            break;
        }
    }
    let (code, status_line) = status.ok_or_else(|| fail(Kind::Internal, "no status line"))?;
    // RFC 9110 §9.3.6: "Any 2xx (Successful) response indicates that the sender (and all
    // inbound proxies) will switch to tunnel mode".
    if (200..300).contains(&code) {
        return Ok(());
    }
    let hint = match code {
        407 if login.is_none() => {
            " (the proxy wants a login: give http://USER@HOST:PORT and the password with \
             --proxy-password-env, --proxy-password-file or MAILCTL_PROXY_PASSWORD)"
        }
        407 => " (the proxy did not accept the user and password)",
        _ => "",
    };
    Err(fail(
        Kind::Rejected,
        format!("the HTTP proxy refused CONNECT {to} with status {code}{hint}"),
    )
    .with_reply(status_line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn url(s: &str) -> Result<ProxyUrl, Failure> {
        ProxyUrl::parse(s)
    }

    #[test]
    fn urls() {
        let u = url("socks5://proxy.example:1080").unwrap();
        assert_eq!(u.kind, ProxyKind::Socks5);
        assert_eq!(u.server.to_string(), "proxy.example:1080");
        assert_eq!(u.user, None);
        let u = url("socks5h://bob@[::1]:9050/").unwrap();
        assert_eq!(u.kind, ProxyKind::Socks5h);
        assert_eq!(u.server.to_string(), "[::1]:9050");
        assert_eq!(u.user.as_deref(), Some("bob"));
        let u = url("HTTP://a%40b@127.0.0.1").unwrap();
        assert_eq!(u.kind, ProxyKind::Http);
        assert_eq!(u.server.port, 8080);
        assert_eq!(u.user.as_deref(), Some("a@b"));
        assert_eq!(u.to_string(), "http://a@b@127.0.0.1:8080");
        for bad in [
            "proxy:1080",
            "ftp://x:1",
            "socks4://x:1",
            "https://x:1",
            "socks5://x:1/path",
            "socks5://@x:1",
            "socks5://x:0",
            "socks5://a%4@x:1",
        ] {
            assert!(url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_password_in_the_url_is_refused_and_not_quoted() {
        let e = url("socks5://alice:s3cretpw@proxy:1080").unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(!e.message.contains("s3cretpw"), "{}", e.message);
        assert!(e.message.contains("--proxy-password-env"), "{}", e.message);
    }

    #[test]
    fn socks_requests_have_the_rfc_1928_layout() {
        assert_eq!(socks_hello(false), [5, 1, 0]);
        assert_eq!(socks_hello(true), [5, 2, 0, 2]);
        assert_eq!(
            socks_connect(&TunnelTo::Addr("192.0.2.1:25".parse().unwrap())).unwrap(),
            [5, 1, 0, 1, 192, 0, 2, 1, 0, 25]
        );
        let v6 = socks_connect(&TunnelTo::Addr("[2001:db8::1]:587".parse().unwrap())).unwrap();
        assert_eq!(&v6[..4], [5, 1, 0, 4]);
        assert_eq!(v6.len(), 4 + 16 + 2);
        assert_eq!(&v6[20..], 587u16.to_be_bytes());
        assert_eq!(
            socks_connect(&TunnelTo::Name("mx.example.".into(), 25)).unwrap(),
            [
                5, 1, 0, 3, 10, b'm', b'x', b'.', b'e', b'x', b'a', b'm', b'p', b'l', b'e', 0, 25
            ]
        );
        // An IP literal given as a name goes as an address.
        assert_eq!(
            socks_connect(&TunnelTo::Name("127.0.0.1".into(), 25)).unwrap()[3],
            1
        );
        assert!(socks_connect(&TunnelTo::Name("a".repeat(256), 25)).is_err());
        assert_eq!(
            socks_login("al", "pw!").unwrap(),
            [1, 2, b'a', b'l', 3, b'p', b'w', b'!']
        );
        assert!(socks_login(&"u".repeat(256), "p").is_err());
    }

    #[test]
    fn socks_method_replies() {
        assert_eq!(socks_method([5, 0], false).unwrap(), 0);
        assert_eq!(socks_method([5, 2], true).unwrap(), 2);
        let e = socks_method([5, 2], false).unwrap_err();
        assert_eq!((e.phase, e.kind), (Phase::Proxy, Kind::Rejected));
        assert!(e.message.contains("requires a user name"), "{}", e.message);
        let e = socks_method([5, 0xFF], true).unwrap_err();
        assert!(e.message.contains("none of the methods"), "{}", e.message);
        let e = socks_method([4, 0], false).unwrap_err();
        assert_eq!(e.kind, Kind::Protocol);
        // HTTP proxy answering a SOCKS hello: "HT".
        let e = socks_method([b'H', b'T'], false).unwrap_err();
        assert!(
            e.message.contains("not answer as a SOCKS5"),
            "{}",
            e.message
        );
        let e = socks_method([5, 1], false).unwrap_err();
        assert!(e.message.contains("GSSAPI"), "{}", e.message);
    }

    #[test]
    fn every_socks_reply_code_is_named() {
        let names = [
            "succeeded",
            "general SOCKS server failure",
            "connection not allowed by ruleset",
            "network unreachable",
            "host unreachable",
            "connection refused",
            "TTL expired",
            "command not supported",
            "address type not supported",
        ];
        for (code, name) in names.iter().enumerate() {
            let reply = [5, code as u8, 0, 1, 10, 0, 0, 1, 0x16, 0x2e];
            let r = socks_reply(&reply);
            if code == 0 {
                assert_eq!(r.unwrap(), "10.0.0.1:5678");
            } else {
                let e = r.unwrap_err();
                assert_eq!(
                    (e.phase, e.kind, e.exit_code()),
                    (Phase::Proxy, Kind::Rejected, 4)
                );
                assert!(e.message.contains(name), "{code}: {}", e.message);
                assert!(e.message.contains(&format!("{code:#04x}")), "{}", e.message);
            }
        }
        let e = socks_reply(&[5, 0x42, 0, 1, 0, 0, 0, 0, 0, 0]).unwrap_err();
        assert!(e.message.contains("unassigned"), "{}", e.message);
    }

    #[test]
    fn socks_reply_lengths_and_garbage() {
        assert_eq!(socks_reply_len(&[5, 0, 0, 1, 9]).unwrap(), 10);
        assert_eq!(socks_reply_len(&[5, 0, 0, 4, 9]).unwrap(), 22);
        assert_eq!(socks_reply_len(&[5, 0, 0, 3, 7]).unwrap(), 4 + 1 + 7 + 2);
        assert_eq!(
            socks_reply_len(&[5, 0, 0, 9, 0]).unwrap_err().kind,
            Kind::Protocol
        );
        assert_eq!(socks_reply_len(b"HTTP/").unwrap_err().kind, Kind::Protocol);
        let mut name = vec![5, 0, 0, 3, 4];
        name.extend_from_slice(b"host");
        name.extend_from_slice(&[0, 80]);
        assert_eq!(socks_reply(&name).unwrap(), "host:80");
        // Truncated and oversized replies.
        assert_eq!(
            socks_reply(&[5, 0, 0, 1, 1, 2]).unwrap_err().kind,
            Kind::Protocol
        );
        assert_eq!(socks_reply(&[5, 0]).unwrap_err().kind, Kind::Protocol);
        let mut long = vec![5, 0, 0, 1, 1, 2, 3, 4, 0, 25];
        long.push(0);
        assert_eq!(socks_reply(&long).unwrap_err().kind, Kind::Protocol);
        let v6 = {
            let mut v = vec![5, 0, 0, 4];
            v.extend_from_slice(
                &"2001:db8::7"
                    .parse::<std::net::Ipv6Addr>()
                    .unwrap()
                    .octets(),
            );
            v.extend_from_slice(&[0, 25]);
            v
        };
        assert_eq!(socks_reply(&v6).unwrap(), "[2001:db8::7]:25");
    }

    #[test]
    fn http_request_and_status() {
        let pw = Secret::new("pw-secret");
        let (lines, shown) =
            http_request(&TunnelTo::Name("mx.example".into(), 25), Some(("bob", &pw)));
        assert_eq!(lines[0], "CONNECT mx.example:25 HTTP/1.1");
        assert_eq!(lines[1], "Host: mx.example:25");
        // base64("bob:pw-secret")
        assert_eq!(lines[2], "Proxy-Authorization: Basic Ym9iOnB3LXNlY3JldA==");
        assert_eq!(shown[2], "Proxy-Authorization: Basic ***");
        let (lines, _) = http_request(&TunnelTo::Addr("[::1]:587".parse().unwrap()), None);
        assert_eq!(lines, ["CONNECT [::1]:587 HTTP/1.1", "Host: [::1]:587"]);
        assert_eq!(
            http_status(b"HTTP/1.1 200 Connection established").unwrap(),
            200
        );
        assert_eq!(http_status(b"HTTP/1.0 403 Forbidden").unwrap(), 403);
        assert_eq!(http_status(b"HTTP/1.1 407").unwrap(), 407);
        for bad in [
            &b"220 mx ESMTP"[..],
            b"HTTP/2 200 OK",
            b"HTTP/1.1 20 OK",
            b"HTTP/1.1 abc",
            b"\xff\xfe",
        ] {
            assert_eq!(http_status(bad).unwrap_err().kind, Kind::Protocol);
        }
    }

    fn plan(kind: ProxyKind, login: bool) -> ProxyPlan {
        ProxyPlan {
            url: ProxyUrl {
                kind,
                server: Endpoint {
                    host: "127.0.0.1".into(),
                    port: 1080,
                },
                user: login.then(|| "bob".to_string()),
            },
            password: login.then(|| Secret::new("pw-secret")),
        }
    }

    /// Run the tunnel against a scripted peer that sends `answer` after reading `expect_len`
    /// bytes; returns the result and what the peer received, and what stays in the stream.
    async fn against(
        p: &ProxyPlan,
        to: TunnelTo,
        answer: Vec<u8>,
        timeout: Duration,
    ) -> (Result<(), Failure>, Vec<u8>, Arc<crate::event::Collect>) {
        let (mut a, mut b) = tokio::io::duplex(64 * 1024);
        let peer = tokio::spawn(async move {
            let mut got = vec![0u8; 4096];
            let n = b.read(&mut got).await.unwrap_or(0);
            got.truncate(n);
            let _ = b.write_all(&answer).await;
            // Keep the stream open so a stall stays a stall.
            tokio::time::sleep(Duration::from_secs(5)).await;
            drop(b);
            got
        });
        let sink = Arc::new(crate::event::Collect::default());
        let ctx = Ctx::new(sink.clone());
        let r = tunnel(&mut a, p, &to, timeout, &ctx).await;
        let mut rest = vec![0u8; 64];
        let _ = tokio::time::timeout(Duration::from_millis(50), a.read(&mut rest)).await;
        peer.abort();
        (r, rest, sink)
    }

    fn lines(sink: &crate::event::Collect) -> Vec<String> {
        sink.events()
            .into_iter()
            .filter_map(|e| match e.kind {
                EventKind::Sent { line, .. } => Some(format!("C: {line}")),
                EventKind::Recv { line, .. } => Some(format!("S: {line}")),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn http_connect_keeps_what_follows_the_header() {
        let p = plan(ProxyKind::Http, false);
        let answer =
            b"HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\n220 banner\r\n".to_vec();
        let (r, rest, sink) = against(
            &p,
            TunnelTo::Name("mx.example".into(), 25),
            answer,
            Duration::from_secs(2),
        )
        .await;
        r.unwrap();
        assert!(
            rest.starts_with(b"220 banner"),
            "{:?}",
            String::from_utf8_lossy(&rest)
        );
        assert_eq!(
            lines(&sink),
            [
                "C: CONNECT mx.example:25 HTTP/1.1",
                "C: Host: mx.example:25",
                "C: ",
                "S: HTTP/1.1 200 Connection established",
                "S: Via: test",
                "S: "
            ]
        );
    }

    #[tokio::test]
    async fn http_connect_refusals_and_garbage() {
        let p = plan(ProxyKind::Http, true);
        let (r, _, sink) = against(
            &p,
            TunnelTo::Name("mx.example".into(), 25),
            b"HTTP/1.1 403 Filtered\r\nContent-Length: 0\r\n\r\n".to_vec(),
            Duration::from_secs(2),
        )
        .await;
        let e = r.unwrap_err();
        assert_eq!(
            (e.phase, e.kind, e.exit_code()),
            (Phase::Proxy, Kind::Rejected, 4)
        );
        assert!(e.message.contains("status 403"), "{}", e.message);
        assert_eq!(e.reply.as_deref(), Some("HTTP/1.1 403 Filtered"));
        let shown = lines(&sink).join("\n");
        assert!(
            shown.contains("C: Proxy-Authorization: Basic ***"),
            "{shown}"
        );
        assert!(!shown.contains("Ym9i"), "{shown}");

        let (r, _, _) = against(
            &p,
            TunnelTo::Name("x".into(), 25),
            b"220 not a proxy\r\n".to_vec(),
            Duration::from_secs(2),
        )
        .await;
        assert_eq!(r.unwrap_err().kind, Kind::Protocol);

        // A header that never ends is cut at MAX_HTTP_HEADER.
        let mut huge = b"HTTP/1.1 200 OK\r\n".to_vec();
        huge.extend(std::iter::repeat_n(b'x', MAX_HTTP_HEADER + 10));
        let (r, _, _) = against(
            &p,
            TunnelTo::Name("x".into(), 25),
            huge,
            Duration::from_secs(5),
        )
        .await;
        let e = r.unwrap_err();
        assert_eq!(e.kind, Kind::Protocol);
        assert!(e.message.contains("longer than"), "{}", e.message);
    }

    #[tokio::test]
    async fn socks_exchange_with_login() {
        let p = plan(ProxyKind::Socks5h, true);
        // The peer answers everything at once after the hello; the reader takes only what
        // each step needs.
        let answer = vec![
            5, 2, 1, 0, 5, 0, 0, 1, 1, 2, 3, 4, 0x16, 0x2e, b'2', b'2', b'0',
        ];
        let (r, rest, sink) = against(
            &p,
            TunnelTo::Name("mx.example".into(), 25),
            answer,
            Duration::from_secs(2),
        )
        .await;
        r.unwrap();
        assert!(rest.starts_with(b"220"));
        assert_eq!(
            lines(&sink),
            [
                "C: SOCKS5 hello, methods: no authentication, username/password",
                "S: SOCKS5 method: username/password",
                "C: SOCKS5 login bob ***",
                "S: SOCKS5 login accepted",
                "C: SOCKS5 CONNECT mx.example:25",
                "S: SOCKS5 succeeded (bound 1.2.3.4:5678)"
            ]
        );
    }

    #[tokio::test]
    async fn socks_failures_name_the_step() {
        let p = plan(ProxyKind::Socks5, true);
        let to = TunnelTo::Addr("192.0.2.1:25".parse().unwrap());
        let (r, _, _) = against(&p, to.clone(), vec![5, 2, 1, 1], Duration::from_secs(2)).await;
        let e = r.unwrap_err();
        assert_eq!(e.kind, Kind::Rejected);
        assert!(
            e.message.contains("refused the login of bob"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("pw-secret"));

        let (r, _, _) = against(
            &p,
            to.clone(),
            vec![5, 0, 5, 5, 0, 1, 0, 0, 0, 0, 0, 0],
            Duration::from_secs(2),
        )
        .await;
        let e = r.unwrap_err();
        assert!(
            e.message.contains("connection refused (0x05"),
            "{}",
            e.message
        );

        // Garbage, a stall and a drop.
        let (r, _, _) = against(&p, to.clone(), b"garbage!".to_vec(), Duration::from_secs(2)).await;
        assert_eq!(r.unwrap_err().kind, Kind::Protocol);
        let started = std::time::Instant::now();
        let (r, _, _) = against(&p, to.clone(), vec![5], Duration::from_millis(300)).await;
        let e = r.unwrap_err();
        assert_eq!((e.phase, e.kind), (Phase::Proxy, Kind::Timeout));
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(e.message.contains("it sent 1 bytes: 05"), "{}", e.message);
    }
}
