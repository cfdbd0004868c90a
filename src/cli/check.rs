//! `mailctl check …` arguments (monitoring: thresholds, formats, targets files).

use super::*;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(subcommand)]
    pub command: CheckCommand,
}

#[derive(Debug, Subcommand)]
pub enum CheckCommand {
    /// Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with
    /// --send-test MAIL FROM / RCPT TO then RSET (no message is sent).
    ///
    /// Examples:
    ///
    ///   mailctl check smtp -s mx.example.org --starttls --cert-warn-days 21 --format nagios
    ///
    ///   mailctl check smtp -s mail.example.org:587 --starttls --user monitor@example.org --password-env PW --send-test --to postmaster@example.org
    Smtp {
        #[command(flatten)]
        common: CheckCommon,
        /// Name to send with EHLO/HELO. Default: this machine's host name.
        #[arg(long, value_name = "NAME")]
        helo: Option<String>,
        /// Also test a transaction: MAIL FROM and RCPT TO, then RSET (no DATA, nothing is sent).
        #[arg(long, requires = "to")]
        send_test: bool,
        /// Envelope sender for --send-test. Default: $USER@HOSTNAME.
        #[arg(short, long, value_name = "ADDR", requires = "send_test")]
        from: Option<String>,
        /// Recipient for --send-test.
        #[arg(short, long, value_name = "ADDR", requires = "send_test")]
        to: Option<String>,
    },
    /// Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE
    /// with --auth) when --user is given.
    ///
    /// Example:
    ///
    ///   mailctl check imap -s mail.example.org --starttls --user monitor --password-file /etc/mailctl/pw --warn 1s --crit 5s
    Imap {
        #[command(flatten)]
        common: CheckCommon,
    },
    /// Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or
    /// --auth) when --user is given.
    Pop3 {
        #[command(flatten)]
        common: CheckCommon,
        /// Log in with APOP (RFC 1939 §7).
        #[arg(long, conflicts_with = "auth")]
        apop: bool,
    },
    /// Send a message with a unique token through SMTP submission, wait for it in the mailbox
    /// (IMAP or POP3), report the delivery latency, then delete only that message.
    ///
    /// The same --user and password log in to both servers. The message carries the token in its
    /// Subject and in an X-Mailctl-Roundtrip header. IMAP: the mailbox is watched with IDLE when
    /// offered (else searched every --poll); a UID the search returns counts only if a FETCH of
    /// its header shows the token; the message is removed with UID STORE \Deleted and
    /// UID EXPUNGE of its UID only (RFC 4315 UIDPLUS); without UIDPLUS it is left flagged
    /// \Deleted (a plain EXPUNGE would also remove others' deleted messages). POP3: a new session
    /// every --poll looks at new messages only (TOP n 0); DELE of that message only.
    ///
    /// Example:
    ///
    ///   mailctl check roundtrip --smtp-server mail.example.org:587 --imap-server mail.example.org:993 --user monitor@example.org --password-env PW --deadline 60s --warn 10s --crit 30s --format nagios
    Roundtrip(Box<RoundtripArgs>),
    /// Audit a domain's mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC,
    /// every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186
    /// services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the
    /// certificate closest to expiry among those presented is held to --cert-warn-days and
    /// --cert-crit-days, the whole audit's time to --warn and --crit.
    ///
    /// Example:
    ///
    ///   mailctl check domain example.org --cert-warn-days 21 --cert-crit-days 7 --format nagios
    Domain(Box<CheckDomainArgs>),
}

/// `check domain`: the audit's arguments, thresholds and output.
#[derive(Debug, Args)]
pub struct CheckDomainArgs {
    #[command(flatten)]
    pub audit: AuditArgs,

    /// Warnings do not make the check WARNING (errors still make it CRITICAL).
    #[arg(long)]
    pub ignore_warnings: bool,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub output: CheckOutputArgs,
}

/// Targets, thresholds and output of `check smtp|imap|pop3`.
#[derive(Debug, Args)]
pub struct CheckCommon {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Another server to check, HOST[:PORT] (repeatable); all targets (with --server and
    /// --targets) are checked concurrently with the same options.
    #[arg(long = "target", value_name = "HOST[:PORT]")]
    pub target: Vec<String>,

    /// A TOML file of targets: one [[target]] table each, with `server` and optional overrides
    /// (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop,
    /// timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days,
    /// cert_crit_days, expect_banner, helo, send_test, from, to).
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_file: Option<PathBuf>,

    /// Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the
    /// default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS).
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// The server greeting must match this regular expression (searched in the greeting lines,
    /// e.g. '^220 mx1\.example\.org '); if it does not, the check is CRITICAL and nothing more is
    /// sent (no credentials to a server that is not the one expected).
    #[arg(long, value_name = "REGEX")]
    pub expect_banner: Option<String>,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub output: CheckOutputArgs,
}

/// When a check is WARNING or CRITICAL.
#[derive(Debug, Args, Clone)]
pub struct ThresholdArgs {
    /// WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g.
    /// 500ms, 2s; 0 always warns.
    #[arg(long, value_name = "DURATION", value_parser = parse_threshold)]
    pub warn: Option<std::time::Duration>,

    /// CRITICAL when the check takes longer than this (roundtrip: the delivery latency).
    #[arg(long, value_name = "DURATION", value_parser = parse_threshold)]
    pub crit: Option<std::time::Duration>,

    /// WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases:
    /// resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip:
    /// login, send, delivery, cleanup.
    #[arg(long, value_name = "PHASE=DURATION")]
    pub warn_phase: Vec<String>,

    /// CRITICAL when one phase takes longer: PHASE=DURATION (repeatable).
    #[arg(long, value_name = "PHASE=DURATION")]
    pub crit_phase: Vec<String>,

    /// WARNING when the server certificate expires in fewer days than this.
    #[arg(long, value_name = "DAYS", default_value_t = 21, value_parser = whole::<u32, 0, 36_500>)]
    pub cert_warn_days: u32,

    /// CRITICAL when the server certificate expires in fewer days than this.
    #[arg(long, value_name = "DAYS", default_value_t = 7, value_parser = whole::<u32, 0, 36_500>)]
    pub cert_crit_days: u32,
}

/// How a check reports.
#[derive(Debug, Args, Clone)]
pub struct CheckOutputArgs {
    /// Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING,
    /// 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata,
    /// then one line per target; `prometheus`: text exposition format for node_exporter's
    /// textfile collector; `json`: the transcript events (with `target`) and a summary.
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    pub format: CheckFormat,

    /// When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to
    /// FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always
    /// holds one complete transcript of the last failing run. A passing run leaves FILE alone.
    #[arg(long, value_name = "FILE")]
    pub transcript_on_failure: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// The transcript and a verdict per target, for a person.
    Human,
    /// JSON Lines: events tagged with their target, then one summary object.
    Json,
    /// Nagios/Icinga plugin output: status line, perfdata, one line per target.
    Nagios,
    /// Prometheus text exposition format.
    Prometheus,
}

/// Transport security of one side of a roundtrip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Security {
    /// Implicit TLS (SMTPS 465, IMAPS 993, POP3S 995).
    Tls,
    /// STARTTLS (STLS for POP3), required: never falls back to plaintext.
    Starttls,
    /// No TLS at all (the password then crosses the network in clear).
    None,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("mailbox_server").required(true).args(["imap_server", "pop3_server"])))]
pub struct RoundtripArgs {
    /// SMTP submission server, HOST[:PORT] (default port 587).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub smtp_server: String,

    /// TLS for the SMTP side. Default: tls for port 465, starttls otherwise.
    #[arg(long, value_name = "MODE")]
    pub smtp_security: Option<Security>,

    /// IMAP server holding the mailbox, HOST[:PORT] (default port 993).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub imap_server: Option<String>,

    /// POP3 server holding the mailbox, HOST[:PORT] (default port 995).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub pop3_server: Option<String>,

    /// TLS for the mailbox side. Default: tls for ports 993 and 995, starttls otherwise.
    #[arg(long, value_name = "MODE")]
    pub mailbox_security: Option<Security>,

    /// IMAP mailbox to watch (default INBOX).
    #[arg(long, value_name = "NAME", conflicts_with = "pop3_server")]
    pub mailbox: Option<String>,

    /// User name for SMTP AUTH and the mailbox login. The password comes from --password-env,
    /// --password-file, MAILCTL_PASSWORD or a prompt.
    #[arg(short, long, value_name = "USER")]
    pub user: String,

    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "password_file")]
    pub password_env: Option<String>,

    /// Read the password from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,

    /// SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered,
    /// IMAP LOGIN, POP3 USER/PASS).
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Envelope and header sender. Default: --user.
    #[arg(short, long, value_name = "ADDR")]
    pub from: Option<String>,

    /// Recipient: whose mailbox --user opens. Default: --user.
    #[arg(short, long, value_name = "ADDR")]
    pub to: Option<String>,

    /// Name to send with EHLO. Default: this machine's host name.
    #[arg(long, value_name = "NAME")]
    pub helo: Option<String>,

    /// How long to wait for the message to arrive, from the moment SMTP accepted it.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub deadline: std::time::Duration,

    /// How often to look for the message (IMAP without IDLE, POP3).
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub poll: std::time::Duration,

    /// Leave the test message in the mailbox.
    #[arg(long)]
    pub keep: bool,

    #[command(flatten)]
    pub family: FamilyArgs,

    /// How long to wait for each server reply (and each write); again after every 16 KiB of
    /// bulk data received.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// How long to wait for each TCP connection. Default: --timeout.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub connect_timeout: Option<std::time::Duration>,

    /// Trust the CA certificates in this PEM file, in addition to the built-in webpki roots.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Vec<PathBuf>,

    /// Do NOT verify the server certificates (warned about on stderr every time).
    #[arg(long)]
    pub insecure: bool,

    /// TLS server name to send and verify on both sides, when it differs from the hosts.
    #[arg(long, value_name = "NAME")]
    pub sni: Option<String>,

    /// DNS server for host lookups, IP[:PORT] (repeatable). Default: the system resolver.
    #[arg(long, value_name = "IP[:PORT]")]
    pub nameserver: Vec<String>,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub output: CheckOutputArgs,
}
