//! The connection arguments every session command shares (server, TLS, login, timeouts).

use super::*;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `-4` / `-6`: the address family to connect over.
#[derive(Debug, Args, Clone, Copy)]
pub struct FamilyArgs {
    /// Use IPv4 only.
    #[arg(short = '4', long = "ipv4", conflicts_with = "ipv6")]
    pub ipv4: bool,

    /// Use IPv6 only.
    #[arg(short = '6', long = "ipv6")]
    pub ipv6: bool,
}

/// How to reach and authenticate to a server; shared by every protocol subcommand.
#[derive(Debug, Args, Clone)]
pub struct ConnectArgs {
    /// Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT.
    #[arg(short, long, value_name = "HOST[:PORT]")]
    pub server: Option<String>,

    /// Port, when --server has none (and for MX hosts). Default: the protocol's port (SMTP 25,
    /// with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993).
    #[arg(short, long, value_name = "PORT", value_parser = whole::<u16, 1, 65535>)]
    pub port: Option<u16>,

    #[command(flatten)]
    pub family: FamilyArgs,

    /// How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk
    /// data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// How long to wait for the TCP connection. Default: --timeout.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub connect_timeout: Option<std::time::Duration>,

    /// The most one whole session may take, from name resolution to the last reply, however the
    /// server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it
    /// was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for
    /// the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the
    /// setup, --for bounds the wait.
    #[arg(long, value_name = "DURATION", value_parser = parse_threshold, short_alias = 'm')]
    pub max_time: Option<std::time::Duration>,

    /// Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995).
    #[arg(long, conflicts_with = "starttls", alias = "tls-on-connect")]
    pub tls: bool,

    /// Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail
    /// with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext.
    #[arg(long, alias = "ssl-reqd")]
    pub starttls: bool,

    /// Trust the CA certificates in this PEM file, in addition to the built-in webpki roots.
    #[arg(long, value_name = "PEM", alias = "cacert")]
    pub ca_file: Vec<PathBuf>,

    /// Do NOT verify the server certificate. The session is then open to interception; mailctl
    /// says so on stderr every time.
    #[arg(long, short_alias = 'k')]
    pub insecure: bool,

    /// TLS server name to send and verify, when it differs from the host connected to.
    #[arg(long, value_name = "NAME", alias = "tls-sni")]
    pub sni: Option<String>,

    /// DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver.
    /// Each lookup waits --timeout, at most 3s, and is tried twice.
    #[arg(long, value_name = "IP[:PORT]")]
    pub nameserver: Vec<String>,

    /// User name to authenticate as. The password comes from --password-env, --password-file,
    /// the MAILCTL_PASSWORD variable, or a prompt — never from the command line.
    #[arg(short, long, value_name = "USER", alias = "auth-user")]
    pub user: Option<String>,

    /// Read the password (or OAuth token) from this environment variable.
    #[arg(
        long,
        value_name = "VAR",
        requires = "user",
        conflicts_with = "password_file"
    )]
    pub password_env: Option<String>,

    /// Read the password (or OAuth token) from the first line of this file.
    #[arg(long, value_name = "FILE", requires = "user")]
    pub password_file: Option<PathBuf>,

    /// Show authentication payloads instead of `***`.
    #[arg(long)]
    pub show_secrets: bool,
}

/// `--auth`: the SASL mechanism (RFC 4422).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthChoice {
    /// The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN,
    /// then LOGIN (never a token or certificate mechanism).
    Auto,
    /// SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove
    /// it knows it too.
    #[value(name = "scram-sha-256")]
    ScramSha256,
    /// SCRAM-SHA-1 (RFC 5802), as scram-sha-256.
    #[value(name = "scram-sha-1")]
    ScramSha1,
    /// CRAM-MD5 (RFC 2195): a keyed digest of the password.
    #[value(name = "cram-md5")]
    CramMd5,
    /// PLAIN (RFC 4616): the password itself, base64-encoded.
    Plain,
    /// LOGIN: user name and password in two steps, base64-encoded.
    Login,
    /// OAuth 2.0 bearer token (RFC 7628); the "password" is the token.
    Oauthbearer,
    /// Google/Microsoft's older OAuth 2.0 mechanism; the "password" is the token.
    Xoauth2,
    /// The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is
    /// the identity to act as; no password is read.
    External,
}
