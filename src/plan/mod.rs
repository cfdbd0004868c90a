//! Low-level arguments → a high-level plan: defaults decided, inputs read and checked, secrets
//! fetched. Everything after this point works from the plan, never from raw arguments, and no
//! clap type goes below this layer. One file per command, mirroring `cmd/`.

pub(crate) mod audit;
pub(crate) mod check;
pub(crate) mod connect;
pub(crate) mod dkim;
pub(crate) mod dkim_time;
pub(crate) mod dmarc;
pub(crate) mod dns;
pub(crate) mod exit;
pub(crate) mod imap;
pub(crate) mod jmap;
pub(crate) mod mime;
pub(crate) mod output;
pub(crate) mod pgp;
pub(crate) mod pop3;
pub(crate) mod shell;
pub(crate) mod smime;
pub(crate) mod smtp_load;
pub(crate) mod smtp_send;
pub(crate) mod smtp_sink;

pub(crate) use audit::audit;
pub(crate) use connect::{ConnectPlan, Target, connect, credentials, mechanism};
pub(crate) use dkim::{DkimKeygenPlan, DkimPlan, DkimSignPlan, DkimVerifyPlan, dkim};
pub(crate) use dmarc::{DmarcEvalPlan, dmarc};
pub(crate) use dns::{DnsAction, DnsCmdPlan, dns};
pub(crate) use imap::{FetchMode, ImapAction, ImapPlan, imap};
pub(crate) use jmap::jmap;
pub(crate) use mime::{MimeShowPlan, mime};
pub(crate) use output::{OutputMode, OutputPlan, output};
pub(crate) use pgp::{PgpVerifyPlan, WkdPlan, pgp, wkd};
pub(crate) use pop3::{MsgRef, Pop3Action, Pop3Plan, pop3};
pub(crate) use shell::{ShellPlan, shell};
pub(crate) use smime::smime;
pub(crate) use smtp_load::{SmtpLoadPlan, smtp_load};
pub(crate) use smtp_send::{SmtpSendPlan, smtp_send};
pub(crate) use smtp_sink::{SmtpSinkPlan, smtp_sink};

// For `check`'s plans, which build on the same pieces.
use smtp_send::{bare_addr, check_addr, local_hostname};

use crate::error::Failure;
use std::net::SocketAddr;
use std::time::Duration;

pub(crate) fn parse_nameserver(s: &str) -> Result<SocketAddr, Failure> {
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(sa);
    }
    if let Ok(ip) = s.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(Failure::usage(format!(
        "--nameserver {s:?}: expected IP or IP:PORT ([v6]:PORT)"
    )))
}

/// `--max-time` when not given: long enough for any interactive session we know of (a big
/// POP3 RETR at a few MB/s), short enough that a dripping server cannot hold a script forever.
pub(crate) const DEFAULT_MAX_TIME: Duration = Duration::from_secs(10 * 60);

/// `--max-time` for one `check` target when not given: a monitoring system waits about a
/// minute for a plugin (Nagios `service_check_timeout` is 60 s) before killing it silently.
pub(crate) const CHECK_MAX_TIME: Duration = Duration::from_secs(60);

/// The session bound from `--max-time` (`0` turns it off) or `default`.
pub(crate) fn max_time(given: Option<Duration>, default: Duration) -> Option<Duration> {
    match given {
        None => Some(default),
        Some(d) if d.is_zero() => None,
        Some(d) => Some(d),
    }
}
