//! `dns …`: the resolver settings and the record lookup asked for, with domain names read as
//! IDNA A-labels.

use super::dkim::selector_arg;
use super::{DEFAULT_MAX_TIME, max_time, parse_nameserver};
use crate::cli::DnsOpts;
use crate::dns::DnsPlan;
use crate::error::Failure;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DnsAction {
    Mx(String),
    Spf {
        domain: String,
        ip: Option<std::net::IpAddr>,
        sender: Option<String>,
        helo: Option<String>,
    },
    Dmarc(String),
    Dkim {
        selectors: Vec<String>,
        domain: String,
    },
    MtaSts(String),
    TlsRpt(String),
    Bimi {
        domain: String,
        selector: String,
    },
    Check {
        domains: Vec<String>,
        selectors: Vec<String>,
    },
    /// RFC 7929: the address, checked; DNSSEC validation (with a trust anchor file).
    OpenPgpKey {
        address: String,
        dnssec: bool,
        trust_anchor: Option<std::path::PathBuf>,
    },
}

pub(crate) struct DnsCmdPlan {
    pub dns: DnsPlan,
    pub action: DnsAction,
}

// Domain names are read by dns (the From domain of `dmarc evaluate` is one too).
pub(crate) use crate::dns::domain_arg;

/// The resolver settings of a DNS-using command (`dns`, `dkim verify`, `dmarc evaluate`).
pub(super) fn dns_plan(o: &DnsOpts) -> Result<DnsPlan, Failure> {
    let nameservers = o
        .nameserver
        .iter()
        .map(|s| parse_nameserver(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DnsPlan {
        nameservers,
        tcp: o.tcp,
        timeout: o.timeout,
        attempts: 2,
        max_time: max_time(o.max_time, DEFAULT_MAX_TIME),
    })
}

pub(crate) fn dns(cmd: &crate::cli::DnsCommand) -> Result<DnsCmdPlan, Failure> {
    use crate::cli::DnsCommand as C;
    let dns = dns_plan(cmd.opts())?;
    let action = match cmd {
        C::Mx { domain, .. } => DnsAction::Mx(domain_arg(domain)?),
        C::Spf {
            domain,
            ip,
            sender,
            helo,
            ..
        } => {
            // The SPF suite checks odd domains (empty labels, over-long names): check_host itself
            // answers "none" for those (RFC 7208 §4.3), so only the audit form validates here.
            let domain = if ip.is_some() {
                domain.trim().to_string()
            } else {
                domain_arg(domain)?
            };
            DnsAction::Spf {
                domain,
                ip: *ip,
                sender: sender.clone(),
                helo: helo.clone(),
            }
        }
        C::Dmarc { domain, .. } => DnsAction::Dmarc(domain_arg(domain)?),
        C::Dkim {
            selectors, domain, ..
        } => DnsAction::Dkim {
            selectors: selectors
                .split(',')
                .map(selector_arg)
                .collect::<Result<_, _>>()?,
            domain: domain_arg(domain)?,
        },
        C::MtaSts { domain, .. } => DnsAction::MtaSts(domain_arg(domain)?),
        C::TlsRpt { domain, .. } => DnsAction::TlsRpt(domain_arg(domain)?),
        C::Bimi {
            domain, selector, ..
        } => DnsAction::Bimi {
            domain: domain_arg(domain)?,
            selector: selector_arg(selector)?,
        },
        C::Openpgpkey {
            address,
            dnssec,
            trust_anchor,
            ..
        } => DnsAction::OpenPgpKey {
            address: super::pgp::address_arg(address)?,
            dnssec: *dnssec || trust_anchor.is_some(),
            trust_anchor: trust_anchor.clone(),
        },
        C::Check {
            domains, selectors, ..
        } => DnsAction::Check {
            domains: domains
                .iter()
                .map(|d| domain_arg(d))
                .collect::<Result<_, _>>()?,
            selectors: selectors
                .iter()
                .map(|s| selector_arg(s))
                .collect::<Result<_, _>>()?,
        },
    };
    Ok(DnsCmdPlan { dns, action })
}
