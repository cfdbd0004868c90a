//! `mailctl dns …` arguments.

use super::*;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct DnsArgs {
    #[command(subcommand)]
    pub command: DnsCommand,
}

/// How to reach DNS; shared by every `dns` subcommand.
#[derive(Debug, Args, Clone)]
pub struct DnsOpts {
    /// DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf).
    #[arg(long, value_name = "IP[:PORT]")]
    pub nameserver: Vec<String>,

    /// Ask over TCP only.
    #[arg(long)]
    pub tcp: bool,

    /// How long to wait for each DNS answer before asking again; every query is tried twice, so
    /// a nameserver that never answers costs twice this per query.
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// The most the whole command may take, however many lookups it makes (an SPF tree, a
    /// directory of messages) and however slowly the nameservers answer; then it ends with exit
    /// 19 in phase resolve. Default 10m; 0 for no bound.
    #[arg(long, value_name = "DURATION", value_parser = parse_threshold)]
    pub max_time: Option<std::time::Duration>,
}

#[derive(Debug, Subcommand)]
pub enum DnsCommand {
    /// MX records by preference with each host's addresses; null MX (RFC 7505), implicit MX,
    /// MX pointing at a CNAME or an IP address.
    Mx {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
    },
    /// The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208
    /// result for that client.
    Spf {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
        /// Evaluate for this client IP (check_host, RFC 7208 §4).
        #[arg(long, value_name = "IP")]
        ip: Option<std::net::IpAddr>,
        /// MAIL FROM address for the evaluation (default postmaster@DOMAIN; "" for the null sender).
        #[arg(long, value_name = "ADDR", requires = "ip")]
        sender: Option<String>,
        /// HELO/EHLO name for the evaluation.
        #[arg(long, value_name = "NAME", requires = "ip")]
        helo: Option<String>,
    },
    /// The DMARC record (organizational-domain fallback), every tag with its effective value, and
    /// external report authorization for rua/ruf outside the domain.
    Dmarc {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
    },
    /// DKIM public keys: type, size, flags, revoked or unusable keys.
    Dkim {
        #[command(flatten)]
        dns: DnsOpts,
        /// Selector(s), comma-separated (e.g. `s1,s2`).
        selectors: String,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
    },
    /// The MTA-STS TXT record (_mta-sts).
    MtaSts {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
    },
    /// The SMTP TLS reporting record (_smtp._tls).
    TlsRpt {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
    },
    /// The BIMI record (<selector>._bimi).
    Bimi {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domain to check (IDN names are converted to A-labels).
        domain: String,
        /// BIMI selector: the record is looked up at SELECTOR._bimi.DOMAIN.
        #[arg(long, default_value = "default")]
        selector: String,
    },
    /// The OPENPGPKEY record of an address (RFC 7929): the owner name (SHA-256 of the local
    /// part, 28 octets, hex, under _openpgpkey.DOMAIN), the key in it (fingerprint, user IDs,
    /// expiry), and findings: no record, a key for another address, expired or revoked, several
    /// records.
    Openpgpkey {
        #[command(flatten)]
        dns: DnsOpts,
        /// The address (local@domain).
        address: String,
        /// Validate the answer with DNSSEC (RFC 7929 §7: a key from DNS is only as good as its
        /// validation): secure, insecure or bogus, as a finding.
        #[arg(long)]
        dnssec: bool,
        /// Trust these DNSKEY records (a file in zone-file format) instead of the root zone's
        /// keys: for private or test zones. Implies --dnssec.
        #[arg(long, value_name = "FILE")]
        trust_anchor: Option<std::path::PathBuf>,
    },
    /// Everything above for each domain, concurrently, with findings by severity and a summary.
    Check {
        #[command(flatten)]
        dns: DnsOpts,
        /// Domains to audit, concurrently.
        #[arg(required = true)]
        domains: Vec<String>,
        /// DKIM selectors to check (repeatable or comma-separated).
        #[arg(long = "selector", value_name = "SELECTOR", value_delimiter = ',')]
        selectors: Vec<String>,
    },
}

impl DnsCommand {
    pub fn opts(&self) -> &DnsOpts {
        match self {
            DnsCommand::Mx { dns, .. }
            | DnsCommand::Spf { dns, .. }
            | DnsCommand::Dmarc { dns, .. }
            | DnsCommand::Dkim { dns, .. }
            | DnsCommand::MtaSts { dns, .. }
            | DnsCommand::TlsRpt { dns, .. }
            | DnsCommand::Bimi { dns, .. }
            | DnsCommand::Openpgpkey { dns, .. }
            | DnsCommand::Check { dns, .. } => dns,
        }
    }
}
