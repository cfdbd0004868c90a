//! `jmap …`: where the session resource is (a host, a URL), how requests authenticate (Basic or
//! Bearer, the secret from env/file/prompt), and the action with its arguments checked.

use super::connect::{check_user, connect, password_source};
use crate::cli::{JmapAuth, JmapCommand, JmapConn};
use crate::error::Failure;
use crate::message::{self, MessageSpec};
use crate::transport::connect_to::ConnectTo;
use crate::transport::http::{self, Auth, HttpPlan, Url};
use std::time::Duration;

/// What to search for (RFC 8621 §4.4.1 FilterCondition).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
    /// UTCDate (RFC 3339, `Z`).
    pub before: Option<String>,
    pub after: Option<String>,
    /// A mailbox name, role or id, resolved against Mailbox/get.
    pub in_mailbox: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum JmapAction {
    Capability,
    List,
    Search {
        filter: Filter,
        limit: u64,
    },
    Fetch {
        ids: Vec<String>,
    },
    Raw {
        id: String,
        output: Option<std::path::PathBuf>,
        force: bool,
    },
    Send {
        from: String,
        to: Vec<String>,
        message: Vec<u8>,
    },
    Watch {
        duration: Option<Duration>,
        count: Option<u64>,
    },
}

pub(crate) struct JmapPlan {
    pub http: HttpPlan,
    /// Where session discovery starts: `…/.well-known/jmap`, or the session URL given.
    pub start: Url,
    pub auth: Auth,
    pub show_data: bool,
    pub action: JmapAction,
}

impl JmapPlan {
    pub(crate) fn data_to_stdout(&self) -> bool {
        matches!(&self.action, JmapAction::Raw { output: None, .. })
    }
}

/// The well-known path (RFC 8620 §2.2, RFC 8615).
pub(crate) const WELL_KNOWN: &str = "/.well-known/jmap";

/// `--server` as the session's starting URL: a host goes to https://HOST/.well-known/jmap; a URL
/// with path `/` gets the well-known path on it; any other URL is the session resource itself.
pub(crate) fn start_url(server: &str) -> Result<Url, Failure> {
    let bad = |e: String| Failure::usage(format!("--server: {e}"));
    if server.contains("://") {
        let mut u = http::parse_url(server).map_err(bad)?;
        if u.path() == "/" && u.query().is_none() {
            u.set_path(WELL_KNOWN);
        }
        return Ok(u);
    }
    if server.contains(['/', '?', '#', '@']) {
        return Err(bad(format!(
            "{server:?} is neither HOST[:PORT] nor an http:// or https:// URL"
        )));
    }
    let ep = crate::transport::Endpoint::parse(server, 443)?;
    let host = if ep.host.contains(':') {
        format!("[{}]", ep.host)
    } else {
        ep.host.clone()
    };
    let port = if ep.port == 443 {
        String::new()
    } else {
        format!(":{}", ep.port)
    };
    http::parse_url(&format!("https://{host}{port}{WELL_KNOWN}")).map_err(bad)
}

/// A time for `--before`/`--after`: RFC 3339 UTC, or a date (midnight UTC).
fn utc_date(opt: &str, s: &str) -> Result<String, Failure> {
    let t = s.trim();
    let full = if t.len() == 10 {
        format!("{t}T00:00:00Z")
    } else {
        t.to_string()
    };
    match crate::utc::parse_utc(&full) {
        Some(ts) => Ok(crate::utc::fmt_utc(ts)),
        None => Err(Failure::usage(format!(
            "{opt} {s:?}: expected a UTC time like 2026-12-01T00:00:00Z or a date like 2026-12-01"
        ))),
    }
}

fn auth(conn: &JmapConn) -> Result<Auth, Failure> {
    let args = &conn.connect;
    match (conn.auth, &args.user) {
        (Some(JmapAuth::Bearer), _) => {
            // The token is read like a password; a --user only names it in a prompt.
            let label = args.user.clone().unwrap_or_else(|| "bearer token".into());
            Ok(Auth::Bearer(password_source(args).read(&label)?))
        }
        (_, Some(user)) => {
            check_user(user)?;
            let secret = password_source(args).read(user)?;
            crate::secret::register(user, &secret);
            Ok(Auth::Basic {
                user: user.clone(),
                secret,
            })
        }
        (Some(JmapAuth::Basic), None) => Err(Failure::usage("--auth basic needs --user")),
        (None, None) => Ok(Auth::None),
    }
}

pub(crate) fn jmap(cmd: &JmapCommand) -> Result<JmapPlan, Failure> {
    let conn = cmd.conn();
    let args = &conn.connect;
    if args.starttls {
        return Err(Failure::usage(
            "--starttls does not apply to JMAP: https:// URLs (and plain host names) use TLS \
             from the start",
        ));
    }
    if args.route.unix.is_some() || args.route.pipe.is_some() || args.route.proxy_protocol.is_some()
    {
        return Err(Failure::usage(
            "--unix, --pipe and --proxy-protocol do not apply to jmap (HTTP over TCP)",
        ));
    }
    let server = args
        .server
        .as_deref()
        .ok_or_else(|| Failure::usage("jmap needs --server HOST or --server URL"))?;
    let start = start_url(server)?;
    if args.tls && start.scheme() == "http" {
        return Err(Failure::usage(
            "--tls with an http:// URL: give an https:// URL for TLS",
        ));
    }
    // The connection template: the URL decides host, port and TLS for each request.
    let mut template = args.clone();
    template.server = Some(format!(
        "{}:{}",
        match start.host_str().unwrap_or("") {
            h if h.contains(':') && !h.starts_with('[') => format!("[{h}]"),
            h => h.to_string(),
        },
        start.port_or_known_default().unwrap_or(443)
    ));
    let mut connect = connect(&template, 443, None)?;
    connect.implicit_tls = start.scheme() == "https";
    let connect_to = conn
        .connect_to
        .iter()
        .map(|s| ConnectTo::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let action = match cmd {
        JmapCommand::Capability { .. } => JmapAction::Capability,
        JmapCommand::List { .. } => JmapAction::List,
        JmapCommand::Search {
            from,
            to,
            subject,
            text,
            before,
            after,
            in_mailbox,
            limit,
            ..
        } => JmapAction::Search {
            filter: Filter {
                from: from.clone(),
                to: to.clone(),
                subject: subject.clone(),
                text: text.clone(),
                before: before
                    .as_deref()
                    .map(|s| utc_date("--before", s))
                    .transpose()?,
                after: after
                    .as_deref()
                    .map(|s| utc_date("--after", s))
                    .transpose()?,
                in_mailbox: in_mailbox.clone(),
            },
            limit: *limit,
        },
        JmapCommand::Fetch {
            ids,
            raw,
            output,
            force,
            ..
        } => {
            for id in ids {
                check_id(id)?;
            }
            if *raw {
                if ids.len() != 1 {
                    return Err(Failure::usage("--raw downloads one message: give one id"));
                }
                if let Some(o) = output {
                    crate::outfile::check_dest(o, *force)?;
                }
                JmapAction::Raw {
                    id: ids[0].clone(),
                    output: output.clone(),
                    force: *force,
                }
            } else {
                JmapAction::Fetch { ids: ids.clone() }
            }
        }
        JmapCommand::Send {
            from,
            to,
            subject,
            body,
            headers,
            data,
            ..
        } => {
            let from = super::bare_addr(from);
            super::check_addr(&from, "--from")?;
            let to: Vec<String> = to.iter().map(|t| super::bare_addr(t)).collect();
            for t in &to {
                super::check_addr(t, "--to")?;
            }
            let message = message::build(&MessageSpec {
                from: from.clone(),
                to: to.clone(),
                cc: Vec::new(),
                subject: subject.clone(),
                body: body.clone(),
                body_file: None,
                headers: headers.clone(),
                attach: Vec::new(),
                data: data.clone(),
            })?;
            JmapAction::Send { from, to, message }
        }
        JmapCommand::Watch {
            duration, count, ..
        } => JmapAction::Watch {
            duration: *duration,
            count: *count,
        },
    };
    Ok(JmapPlan {
        http: HttpPlan {
            connect,
            connect_to,
            max_body: http::MAX_BODY,
            user_agent: concat!("mailctl/", env!("CARGO_PKG_VERSION")).into(),
        },
        start,
        auth: auth(conn)?,
        show_data: conn.show_data,
        action,
    })
}

/// JMAP ids are 1–255 characters of URL-safe base64 (RFC 8620 §1.2): anything else could not
/// be one, and would otherwise go into a download URL.
fn check_id(id: &str) -> Result<(), Failure> {
    if id.is_empty()
        || id.len() > 255
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Failure::usage(format!(
            "{:?} is not a JMAP id (1-255 of A-Z a-z 0-9 - _, RFC 8620 §1.2)",
            crate::event::escape_bytes(id.as_bytes())
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_urls() {
        assert_eq!(
            start_url("jmap.example.com").unwrap().as_str(),
            "https://jmap.example.com/.well-known/jmap"
        );
        assert_eq!(
            start_url("jmap.example.com:8443").unwrap().as_str(),
            "https://jmap.example.com:8443/.well-known/jmap"
        );
        assert_eq!(
            start_url("http://127.0.0.1:12080/").unwrap().as_str(),
            "http://127.0.0.1:12080/.well-known/jmap"
        );
        assert_eq!(
            start_url("https://x.example/jmap/session")
                .unwrap()
                .as_str(),
            "https://x.example/jmap/session"
        );
        assert!(start_url("x/y").is_err());
        assert!(start_url("ftp://x/").is_err());
    }

    #[test]
    fn dates_and_ids() {
        assert_eq!(
            utc_date("--after", "2026-12-01").unwrap(),
            "2026-12-01T00:00:00Z"
        );
        assert!(utc_date("--after", "yesterday").is_err());
        assert!(check_id("M1a_b-2").is_ok());
        assert!(check_id("../x").is_err());
        assert!(check_id("").is_err());
    }
}
