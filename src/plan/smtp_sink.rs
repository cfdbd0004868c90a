//! `smtp sink`: the listening address, the TLS certificate loaded, the AUTH password read (never
//! from argv), the scripted replies checked, where messages go — all before anything listens.

use super::smtp_send::local_hostname;
use crate::cli::SinkArgs;
use crate::error::Failure;
use crate::proto::smtp::server::{AuthPolicy, Scripted, ServerPlan};
use crate::proto::smtp::store::StorePlan;
use crate::secret::PasswordSource;
use crate::transport::tls_server::TlsServer;
use std::net::SocketAddr;
use std::time::Duration;

pub(crate) struct SmtpSinkPlan {
    pub listen: SocketAddr,
    pub server: ServerPlan,
    pub tls: Option<TlsServer>,
    pub store: StorePlan,
    pub max_connections: usize,
    pub max_time: Option<Duration>,
    pub show_secrets: bool,
}

/// `IP:PORT` or `[IPv6]:PORT` (a name would need resolving, and a sink listens on an address).
fn listen_addr(s: &str) -> Result<SocketAddr, Failure> {
    s.trim().parse().map_err(|_| {
        Failure::usage(format!(
            "--listen {s:?}: expected IP:PORT or [IPv6]:PORT (e.g. 127.0.0.1:2525, [::1]:2525)"
        ))
    })
}

pub(crate) fn smtp_sink(args: &SinkArgs) -> Result<SmtpSinkPlan, Failure> {
    let listen = listen_addr(&args.listen)?;
    let hostname = args.hostname.clone().unwrap_or_else(local_hostname);
    if hostname.is_empty()
        || hostname.len() > 255
        || !hostname
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_[]:".contains(c))
    {
        return Err(Failure::usage(format!(
            "--hostname {hostname:?}: a host name (letters, digits, '.', '-') or an address literal"
        )));
    }
    let replies = args
        .reply
        .iter()
        .map(|r| Scripted::parse(r).map_err(|e| Failure::usage(format!("--reply {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let tls = match (&args.cert, &args.key) {
        (Some(c), Some(k)) => Some(TlsServer::from_pem(c, k)?),
        _ => None,
    };
    let auth = match (&args.auth_user, args.auth_any) {
        (Some(user), _) => {
            if user.is_empty() || user.chars().any(char::is_control) {
                return Err(Failure::usage(
                    "--auth-user: a user name without control characters",
                ));
            }
            let source = match (&args.auth_password_env, &args.auth_password_file) {
                (Some(v), _) => PasswordSource::Env(v.clone()),
                (None, Some(f)) => PasswordSource::File(f.clone()),
                (None, None) => PasswordSource::Default,
            };
            AuthPolicy::User {
                user: user.clone(),
                password: source.read(user)?,
            }
        }
        (None, true) => AuthPolicy::Any,
        (None, false) => AuthPolicy::Off,
    };
    if args.auth_plaintext && matches!(auth, AuthPolicy::Off) {
        return Err(Failure::usage(
            "--auth-plaintext: give --auth-user or --auth-any (no AUTH is offered without them)",
        ));
    }
    let store = match (&args.maildir, &args.dir) {
        (Some(m), _) => StorePlan::Maildir(m.clone()),
        (None, Some(d)) => StorePlan::Dir(d.clone()),
        (None, None) => StorePlan::Discard,
    };
    Ok(SmtpSinkPlan {
        listen,
        server: ServerPlan {
            hostname,
            lmtp: args.lmtp,
            implicit_tls: args.tls,
            max_size: args.max_size,
            max_rcpt: args.max_rcpt,
            timeout: args.timeout,
            session_time: args.session_time,
            auth,
            auth_plaintext: args.auth_plaintext,
            replies,
            show_data: args.show_data,
            max_messages: args.max,
        },
        tls,
        store,
        max_connections: args.max_connections,
        max_time: args.max_time,
        show_secrets: args.show_secrets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses() {
        assert_eq!(listen_addr("127.0.0.1:2525").unwrap().port(), 2525);
        assert!(listen_addr("[::1]:2525").unwrap().is_ipv6());
        for bad in ["", "localhost:25", "127.0.0.1", "::1", "[::1]"] {
            assert!(listen_addr(bad).is_err(), "{bad}");
        }
    }
}
