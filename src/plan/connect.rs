//! How to connect, shared by every session (smtp, pop3, imap, check): the target, timeouts,
//! TLS, our own resolver, and the login (`--user`, its password source, `--auth`).

use super::{DEFAULT_MAX_TIME, max_time, parse_nameserver};
use crate::cli::{AuthChoice, ConnectArgs, FamilyArgs, ProxyProtocolVersion, RouteArgs};
use crate::dns::DnsPlan;
use crate::error::Failure;
use crate::proto::sasl::{self, Credentials, Mechanism};
use crate::secret::PasswordSource;
use crate::transport::connect::{Route, Via};
use crate::transport::proxy::{ProxyPlan, ProxyUrl};
use crate::transport::proxy_protocol::{ProxyHeaderPlan, Version};
use crate::transport::tls::{ClientCertFiles, TlsPlan};
use crate::transport::{Endpoint, Family};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

// What a connection needs lives with the code that connects (as DnsPlan and TlsPlan do).
pub(crate) use crate::transport::connect::{ConnectPlan, Target};

/// Connection plan common to all protocols; `default_port` is the protocol's for this mode.
pub(crate) fn connect(
    args: &ConnectArgs,
    default_port: u16,
    mx_domain: Option<&str>,
) -> Result<ConnectPlan, Failure> {
    let port = args.port.unwrap_or(default_port);
    let family = family(&args.family);
    let route = route(&args.route, family)?;
    let local = route.via != Via::Tcp;
    let target = match (&args.server, mx_domain) {
        (Some(s), _) => Target::Server(Endpoint::parse(s, port)?),
        // --unix and --pipe go nowhere by name: the host is only what TLS verifies.
        (None, _) if local => Target::Server(Endpoint {
            host: args.sni.clone().unwrap_or_else(|| "localhost".into()),
            port,
        }),
        (None, Some(d)) => Target::Mx {
            domain: d.to_string(),
            port,
        },
        (None, None) => {
            return Err(Failure::usage(
                "no --server given (and no recipient domain to look up an MX for)",
            ));
        }
    };
    let dns = resolver(
        &args.nameserver,
        args.timeout,
        matches!(target, Target::Mx { .. }),
    )?;
    let client_cert = match (&args.route.cert, &args.route.key) {
        (Some(cert), Some(key)) => {
            if !args.tls && !args.starttls {
                return Err(Failure::usage(
                    "--cert is presented in a TLS handshake: add --tls or --starttls",
                ));
            }
            Some(ClientCertFiles {
                cert: cert.clone(),
                key: key.clone(),
            })
        }
        (None, None) => None,
        _ => return Err(Failure::usage("--cert and --key go together")),
    };
    Ok(ConnectPlan {
        target,
        family,
        timeout: args.timeout,
        connect_timeout: args.connect_timeout.unwrap_or(args.timeout),
        max_time: max_time(args.max_time, DEFAULT_MAX_TIME),
        implicit_tls: args.tls,
        starttls: args.starttls,
        tls: TlsPlan {
            ca_files: args.ca_file.clone(),
            insecure: args.insecure,
            sni: args.sni.clone(),
            judge_later: false,
            client_cert,
        },
        dns,
        show_secrets: args.show_secrets,
        route,
    })
}

/// `IP`, `IP:PORT` or `[IPv6]:PORT` (port 0 when none is given: the system picks one).
fn ip_port(s: &str, opt: &str) -> Result<SocketAddr, Failure> {
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Ok(a);
    }
    let bare = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    bare.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 0))
        .map_err(|_| {
            Failure::usage(format!(
                "{opt} {s:?}: expected an IP address, IP:PORT or [IPv6]:PORT (no host names)"
            ))
        })
}

/// `--local-addr`, `--proxy…`, `--unix`, `--pipe`.
pub(crate) fn route(args: &RouteArgs, family: Family) -> Result<Route, Failure> {
    let local_addr = args
        .local_addr
        .as_deref()
        .map(|s| ip_port(s, "--local-addr"))
        .transpose()?;
    if let Some(l) = local_addr
        && !family.allows(&l.ip())
    {
        return Err(Failure::usage(format!(
            "--local-addr {} is not of the family -4/-6 asks for",
            l.ip()
        )));
    }
    let proxy = match &args.proxy {
        None => None,
        Some(u) => {
            let url = ProxyUrl::parse(u)?;
            let password = match &url.user {
                Some(user) => {
                    check_user(user)?;
                    let source = match (&args.proxy_password_env, &args.proxy_password_file) {
                        (Some(v), _) => PasswordSource::Env(v.clone()),
                        (None, Some(f)) => PasswordSource::File(f.clone()),
                        (None, None) => PasswordSource::DefaultEnv("MAILCTL_PROXY_PASSWORD"),
                    };
                    Some(source.read(user)?)
                }
                None if args.proxy_password_env.is_some() || args.proxy_password_file.is_some() => {
                    return Err(Failure::usage(
                        "a proxy password was given but the --proxy URL names no user: socks5://USER@HOST:PORT or http://USER@HOST:PORT",
                    ));
                }
                None => None,
            };
            Some(ProxyPlan { url, password })
        }
    };
    let proxy_header = args.proxy_protocol.map(|v| ProxyHeaderPlan {
        version: match v {
            ProxyProtocolVersion::V1 => Version::V1,
            ProxyProtocolVersion::V2 => Version::V2,
        },
        source: None,
    });
    let proxy_header = match (proxy_header, &args.proxy_source) {
        (Some(mut h), Some(s)) => {
            let src = ip_port(s, "--proxy-source")?;
            h.source = Some(src);
            Some(h)
        }
        (h, _) => h,
    };
    let via = match (&args.unix, &args.pipe) {
        (Some(p), _) => Via::Unix(p.clone()),
        (None, Some(c)) if c.trim().is_empty() => {
            return Err(Failure::usage("--pipe: the command is empty"));
        }
        (None, Some(c)) => Via::Pipe(c.clone()),
        (None, None) => Via::Tcp,
    };
    Ok(Route {
        via,
        local_addr,
        proxy,
        proxy_header,
    })
}

/// Our own resolver, when `--nameserver` was given or an MX lookup is needed (`mx`).
pub(crate) fn resolver(
    nameserver: &[String],
    timeout: Duration,
    mx: bool,
) -> Result<Option<DnsPlan>, Failure> {
    let nameservers = nameserver
        .iter()
        .map(|s| parse_nameserver(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((!nameservers.is_empty() || mx).then(|| DnsPlan {
        nameservers,
        // The same bound as the dns commands' default: 3 s a try, two tries.
        timeout: timeout.min(Duration::from_secs(3)),
        ..DnsPlan::default()
    }))
}

/// `-4`/`-6`.
pub(crate) fn family(args: &FamilyArgs) -> Family {
    if args.ipv4 {
        Family::V4
    } else if args.ipv6 {
        Family::V6
    } else {
        Family::Any
    }
}

/// `--auth` as the dialogues take it.
pub(crate) fn auth_choice(choice: AuthChoice) -> sasl::AuthChoice {
    match choice {
        AuthChoice::Auto => sasl::AuthChoice::Auto,
        AuthChoice::Plain => sasl::AuthChoice::Only(Mechanism::Plain),
        AuthChoice::Login => sasl::AuthChoice::Only(Mechanism::Login),
        AuthChoice::CramMd5 => sasl::AuthChoice::Only(Mechanism::CramMd5),
        AuthChoice::ScramSha1 => sasl::AuthChoice::Only(Mechanism::ScramSha1),
        AuthChoice::ScramSha256 => sasl::AuthChoice::Only(Mechanism::ScramSha256),
        AuthChoice::Oauthbearer => sasl::AuthChoice::Only(Mechanism::OAuthBearer),
        AuthChoice::Xoauth2 => sasl::AuthChoice::Only(Mechanism::XOauth2),
        AuthChoice::External => sasl::AuthChoice::Only(Mechanism::External),
    }
}

/// The SASL mechanism an `--auth` choice names (None: pick the strongest offered).
pub(crate) fn mechanism(choice: AuthChoice) -> Option<Mechanism> {
    auth_choice(choice).mechanism()
}

/// `--user` and its password, read from the chosen source (only when a login will happen).
/// `--auth external` logs in with the TLS client certificate: `--user` (optional) is the
/// authorization identity and no password is read. `connect`: where OAUTHBEARER says it connects.
pub(crate) fn credentials(
    args: &ConnectArgs,
    auth: Option<AuthChoice>,
    connect: &ConnectPlan,
) -> Result<Option<Credentials>, Failure> {
    let creds = match (&args.user, auth) {
        (user, Some(AuthChoice::External)) => {
            if let Some(u) = user {
                check_user(u)?;
            }
            Some(Credentials {
                user: user.clone().unwrap_or_default(),
                secret: crate::secret::Secret::none(),
                peer: None,
            })
        }
        (None, _) => None,
        (Some(user), _) => Some(login(user, password_source(args))?),
    };
    Ok(creds.map(|c| with_peer(c, connect)))
}

/// `--auth` without `--user`: only EXTERNAL can do without one.
pub(crate) fn check_auth_user(args: &ConnectArgs, auth: Option<AuthChoice>) -> Result<(), Failure> {
    match auth {
        Some(a) if a != AuthChoice::External && args.user.is_none() => Err(Failure::usage(
            "--auth needs --user (only --auth external can do without one)",
        )),
        _ => Ok(()),
    }
}

/// The credentials, with the server named on the command line as OAUTHBEARER's host and port
/// (RFC 7628 §3.1); an MX is only known after connecting and is left out.
pub(crate) fn with_peer(mut c: Credentials, connect: &ConnectPlan) -> Credentials {
    if let Target::Server(ep) = &connect.target {
        c.peer = Some((ep.host.clone(), ep.port));
    }
    c
}

/// A user and its password, read from its source (`--password-env`, `--password-file`, or
/// MAILCTL_PASSWORD and a prompt).
pub(crate) fn login(user: &str, source: PasswordSource) -> Result<Credentials, Failure> {
    check_user(user)?;
    let secret = source.read(user)?;
    Ok(Credentials {
        user: user.to_string(),
        secret,
        peer: None,
    })
}

/// curl's `-u USER:PASSWORD` must not send the password as part of the user name (and show it
/// in the transcript): a ':' is refused, and the value is not quoted back.
pub(super) fn check_user(user: &str) -> Result<(), Failure> {
    if user.contains(':') {
        return Err(Failure::usage(format!(
            "--user contains ':', as in curl's -u USER:PASSWORD; {}",
            crate::cli::compat::PASSWORD_HINT
        )));
    }
    Ok(())
}

pub(super) fn password_source(args: &ConnectArgs) -> PasswordSource {
    match (&args.password_env, &args.password_file) {
        (Some(v), _) => PasswordSource::Env(v.clone()),
        (None, Some(f)) => PasswordSource::File(f.clone()),
        (None, None) => PasswordSource::Default,
    }
}
