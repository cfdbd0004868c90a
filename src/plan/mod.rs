//! Low-level arguments → a high-level plan: defaults decided, inputs read and checked, secrets
//! fetched. Everything after this point works from the plan, never from raw arguments, and no
//! clap type goes below this layer. One file per command, mirroring `cmd/`.

pub mod check;
pub mod connect;
pub mod dkim;
pub mod dkim_time;
pub mod dmarc;
pub mod dns;
pub mod exit;
pub mod imap;
pub mod output;
pub mod pop3;
pub mod smtp_load;
pub mod smtp_send;

pub use connect::{ConnectPlan, Target, connect, credentials, mechanism};
pub use dkim::{DkimKeyPlan, DkimKeygenPlan, DkimPlan, DkimSignPlan, DkimVerifyPlan, dkim};
pub use dmarc::{DmarcEvalPlan, dmarc};
pub use dns::{DnsAction, DnsCmdPlan, dns, domain_arg};
pub use imap::{FetchMode, ImapAction, ImapPlan, imap};
pub use output::{OutputMode, OutputPlan, output};
pub use pop3::{MsgRef, Pop3Action, Pop3Plan, pop3};
pub use smtp_load::{SmtpLoadPlan, smtp_load};
pub use smtp_send::{SmtpSendPlan, smtp_send};

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
pub const DEFAULT_MAX_TIME: Duration = Duration::from_secs(10 * 60);

/// `--max-time` for one `check` target when not given: a monitoring system waits about a
/// minute for a plugin (Nagios `service_check_timeout` is 60 s) before killing it silently.
pub const CHECK_MAX_TIME: Duration = Duration::from_secs(60);

/// The session bound from `--max-time` (`0` turns it off) or `default`.
pub fn max_time(given: Option<Duration>, default: Duration) -> Option<Duration> {
    match given {
        None => Some(default),
        Some(d) if d.is_zero() => None,
        Some(d) => Some(d),
    }
}
