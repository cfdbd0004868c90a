//! `mailctl audit DOMAIN` arguments.

use super::*;
use clap::Args;
use std::path::PathBuf;

/// Is this domain's mail set up right, end to end: every DNS record `dns check` reads, then
/// every MX host on each of its addresses probed live and concurrently (banner, EHLO, STARTTLS,
/// the TLS handshake, the certificate against the MX name, DANE TLSA records against the chain
/// presented, forward-confirmed reverse DNS), with findings by severity and a stable code each.
/// Exit code by the worst finding, as `dns check`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The domain whose mail to audit (IDN names are converted to A-labels).
    pub domain: String,

    #[command(flatten)]
    pub dns: DnsOpts,

    /// DKIM selectors whose keys to check (repeatable or comma-separated).
    #[arg(long = "selector", value_name = "SELECTOR", value_delimiter = ',')]
    pub selectors: Vec<String>,

    /// Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl's syntax;
    /// repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty
    /// part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends
    /// every port-25 probe to port 2525 of the same address. Certificates are still checked
    /// against the MX name. Test a new MX before DNS points at it.
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2")]
    pub connect_to: Vec<String>,

    /// Probe each MX address N times, one after another, and report what differs between the
    /// connections (STARTTLS offered only sometimes, a 421, a different certificate).
    #[arg(long, value_name = "N", default_value = "1", value_parser = whole::<u32, 1, 20>)]
    pub repeat: u32,

    /// How many MX addresses to probe at once.
    #[arg(long, value_name = "N", default_value = "8", value_parser = whole::<usize, 1, 64>)]
    pub concurrency: usize,

    /// Check DNS only: do not connect to the MX hosts.
    #[arg(long)]
    pub no_probe: bool,

    /// After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then
    /// RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open
    /// relay: the server may still refuse after DATA.
    #[arg(long)]
    pub relay_test: bool,

    /// The outside sender and recipient of --relay-test.
    #[arg(
        long,
        value_name = "FROM,TO",
        num_args = 1,
        value_delimiter = ',',
        requires = "relay_test",
        default_value = "relay-test@mailctl.invalid,relay-test@example.com"
    )]
    pub relay_addrs: Vec<String>,

    /// Name to send in EHLO. Default: this machine's host name.
    #[arg(long, value_name = "NAME")]
    pub ehlo: Option<String>,

    /// How long to wait for each server reply in a probe.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub probe_timeout: std::time::Duration,

    /// How long to wait for each TCP connection. Default: 10s.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub connect_timeout: Option<std::time::Duration>,

    /// Warn when an MX certificate has fewer days left than this.
    #[arg(long, value_name = "DAYS", default_value = "14", value_parser = whole::<i64, 0, 3650>)]
    pub cert_days: i64,

    /// Trust the CA certificates in this PEM file, in addition to the built-in webpki roots
    /// (repeatable).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Vec<PathBuf>,

    /// Trust these DNSKEY records (a file in zone-file format) instead of the root zone's keys
    /// when validating DNSSEC: for private or test zones.
    #[arg(long, value_name = "FILE", conflicts_with = "no_dnssec")]
    pub trust_anchor: Option<PathBuf>,

    /// Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying
    /// so).
    #[arg(long)]
    pub no_dnssec: bool,

    /// Show every probe's dialogue (C:/S: lines, timed) in the human output; JSON always has it.
    #[arg(long)]
    pub transcript: bool,

    #[command(flatten)]
    pub family: FamilyArgs,
}
