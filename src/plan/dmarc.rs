//! `dmarc evaluate`: the connection facts (IP, MAIL FROM, HELO) a receiver would have, RFC 7489.

use super::dkim::{DkimKeyPlan, dkim_key_plan};
use super::dns::{dns_plan, domain_arg};
use crate::dns::DnsPlan;
use crate::error::Failure;

pub(crate) struct DmarcEvalPlan {
    pub dns: DnsPlan,
    /// `-` for stdin.
    pub input: String,
    pub ip: std::net::IpAddr,
    /// Empty for the null sender.
    pub mail_from: String,
    /// The HELO name (the MAIL FROM domain when not given).
    pub helo: String,
    pub keys: DkimKeyPlan,
}

pub(crate) fn dmarc(cmd: &crate::cli::DmarcCommand) -> Result<DmarcEvalPlan, Failure> {
    use crate::cli::DmarcCommand as C;
    let C::Evaluate {
        dns,
        input,
        ip,
        mail_from,
        helo,
        keys,
    } = cmd;
    let dns = dns_plan(dns)?;
    let mail_from = mail_from
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    let helo = match (helo, mail_from.rsplit_once('@')) {
        (Some(h), _) => domain_arg(h)?,
        (None, Some((_, d))) => domain_arg(d)?,
        (None, None) if mail_from.is_empty() => {
            return Err(Failure::usage(
                "--mail-from \"\" (null sender): give --helo, SPF then checks the HELO name",
            ));
        }
        (None, None) => domain_arg(&mail_from)?,
    };
    Ok(DmarcEvalPlan {
        dns,
        input: input.clone().unwrap_or_else(|| "-".into()),
        ip: *ip,
        mail_from,
        helo,
        keys: dkim_key_plan(keys)?,
    })
}
