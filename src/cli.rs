//! Command-line surface. Doc comments here are the `--help` text, the man pages and the shell
//! completions (all generated from this file); parsing only, decisions are made in `plan/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub mod compat;

/// Debug, check and benchmark mail servers: every byte of the dialogue, timed.
///
/// mailctl prints the raw protocol dialogue (C: what we sent, S: what the server said), each line
/// with its time since the session started and since the previous line, plus connect and TLS
/// handshake times and the peer certificate. The same events render as JSON (--json) or as a
/// one-line verdict (-q), and the exit code says which phase failed. Commands that produce
/// results (pop3 list, imap search, dns …) print them alone on stdout and the transcript on
/// stderr, as curl does.
#[derive(Debug, Parser)]
#[command(
    name = "mailctl",
    version,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub output: OutputArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Print events as JSON Lines (one object per event, then a summary object).
    #[arg(long, global = true, conflicts_with = "quiet")]
    pub json: bool,

    /// Print only the final one-line verdict, and the results of a command that produces them
    /// (pop3 list, imap search, dns …): no transcript.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to use colour. `auto` colours when stdout and stderr are both terminals, unless
    /// NO_COLOR is set.
    #[arg(long, value_name = "WHEN", global = true, default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// SMTP and LMTP: send test mail, probe a server.
    Smtp(SmtpArgs),
    /// POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked.
    Pop3(Box<Pop3Args>),
    /// IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE.
    Imap(Box<ImapArgs>),
    /// DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit.
    Dns(Box<DnsArgs>),
    /// DKIM: verify signatures with reasons you can act on, sign test mail, generate keys.
    Dkim(Box<DkimArgs>),
    /// DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy.
    Dmarc(Box<DmarcArgs>),
    /// Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and
    /// Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN.
    Check(Box<CheckArgs>),
}

#[derive(Debug, Args)]
pub struct DmarcArgs {
    #[command(subcommand)]
    pub command: DmarcCommand,
}

#[derive(Debug, Subcommand)]
pub enum DmarcCommand {
    /// Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client
    /// IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the
    /// domain's policy; prints an Authentication-Results header (RFC 8601) and why.
    Evaluate {
        #[command(flatten)]
        dns: DnsOpts,
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
        /// The SMTP client's IP address.
        #[arg(long, value_name = "IP")]
        ip: std::net::IpAddr,
        /// The SMTP MAIL FROM address ("" for the null sender: SPF then checks the HELO name).
        #[arg(long, value_name = "ADDR")]
        mail_from: String,
        /// The HELO/EHLO name the client gave (default: the MAIL FROM domain; required for the
        /// null sender).
        #[arg(long, value_name = "NAME")]
        helo: Option<String>,
        #[command(flatten)]
        keys: DkimKeyOpts,
    },
}

/// Where DKIM keys come from and the time to verify at (`dkim verify`, `dmarc evaluate`).
#[derive(Debug, Args)]
pub struct DkimKeyOpts {
    /// Verify as of this time instead of now, for mail that was valid when it arrived: the x=
    /// expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before
    /// publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text
    /// (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable.
    #[arg(long = "key", value_name = "SELECTOR._domainkey.DOMAIN=FILE")]
    pub keys: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DkimArgs {
    #[command(subcommand)]
    pub command: DkimCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyAlgo {
    Rsa,
    Ed25519,
}

#[derive(Debug, Subcommand)]
pub enum DkimCommand {
    /// Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/
    /// and new/), an mbox file, or stdin (`-`). One line per message and a summary; every
    /// signature with its tags, key lookup and a reason a person can act on.
    Verify {
        #[command(flatten)]
        dns: DnsOpts,
        /// Messages: files, directories of message files, Maildir directories, mbox files, or `-`
        /// for stdin (default).
        #[arg(value_name = "FILE|DIR|-")]
        inputs: Vec<String>,
        #[command(flatten)]
        keys: DkimKeyOpts,
        /// Show the canonicalized header block and body hash input of each signature.
        #[arg(long)]
        debug_canon: bool,
        /// Also validate the ARC chain (RFC 8617).
        #[arg(long)]
        arc: bool,
    },
    /// Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout.
    Sign {
        /// Private key (PEM, PKCS#8 or PKCS#1), as written by `dkim keygen`.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Selector (s=): the key is published at SELECTOR._domainkey.DOMAIN.
        #[arg(long, value_name = "SELECTOR")]
        selector: String,
        /// Signing domain (d=).
        #[arg(long, value_name = "DOMAIN")]
        domain: String,
        /// Headers to sign (comma-separated). Default: those of From, To, Cc, Subject, Date,
        /// Message-ID, Reply-To, In-Reply-To, References, MIME-Version and Content-Type that the
        /// message has (others, such as List-Id, are not signed unless named here).
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        headers: Vec<String>,
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
    },
    /// Generate a signing key and print the DNS TXT record to publish.
    Keygen {
        /// Key type: rsa (signs rsa-sha256) or ed25519 (ed25519-sha256, RFC 8463; not every
        /// verifier supports it yet).
        #[arg(long, value_enum, default_value = "rsa")]
        algo: KeyAlgo,
        /// RSA key size (2048 to 4096: what the signer supports, and RFC 8301 wants >= 1024).
        #[arg(long, default_value_t = 2048, value_parser = whole::<u32, 2048, 4096>)]
        bits: u32,
        /// Selector: the TXT record is printed for SELECTOR._domainkey.DOMAIN.
        #[arg(long, value_name = "SELECTOR")]
        selector: String,
        /// Domain the key signs for (d=).
        #[arg(long, value_name = "DOMAIN")]
        domain: String,
        /// Where to write the private key (PEM, mode 0600).
        #[arg(short, long, value_name = "KEY.pem")]
        output: PathBuf,
        /// Overwrite an existing key file.
        #[arg(long)]
        force: bool,
    },
}

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
            | DnsCommand::Check { dns, .. } => dns,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImapArgs {
    #[command(subcommand)]
    pub command: ImapCommand,
}

/// Connection and login options of every IMAP subcommand.
#[derive(Debug, Args)]
pub struct ImapConn {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks
    /// the strongest mechanism offered.
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Show message data in the transcript instead of a size summary.
    #[arg(long)]
    pub show_data: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImapCommand {
    /// Show the server's capabilities (before and, with --user, after login).
    Capability {
        #[command(flatten)]
        conn: ImapConn,
    },
    /// List mailboxes (LIST), optionally with STATUS counters per mailbox.
    List {
        #[command(flatten)]
        conn: ImapConn,
        /// Reference name (RFC 9051 §6.3.9).
        #[arg(default_value = "")]
        reference: String,
        /// Mailbox pattern: `*` matches everything, `%` one level.
        #[arg(default_value = "*")]
        pattern: String,
        /// Add MESSAGES, UNSEEN, RECENT, UIDNEXT and UIDVALIDITY for each mailbox (STATUS).
        #[arg(long)]
        status: bool,
    },
    /// Open a mailbox read-only (EXAMINE) and show what the server reports about it.
    Select {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox name (shown and given in UTF-8; encoded as modified UTF-7 on the wire).
        mailbox: String,
    },
    /// Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid).
    Search {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to search, opened read-only with EXAMINE (UTF-8; modified UTF-7 on the wire).
        mailbox: String,
        /// Search criteria, as IMAP syntax: e.g. UNSEEN, FROM alice, SINCE 1-Nov-2026.
        #[arg(required = true, num_args = 1..)]
        criteria: Vec<String>,
        /// Return UIDs (UID SEARCH).
        #[arg(long)]
        uid: bool,
    },
    /// Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen).
    ///
    /// Default: a table of UID, date, from, subject, size and flags. --full writes one .eml per
    /// message into DIR; --part writes one body section. Large messages are streamed to their
    /// file as they arrive, never held in memory.
    Fetch {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to fetch from, opened read-only with EXAMINE (SELECT with --mark-seen); UTF-8.
        mailbox: String,
        /// Message set: e.g. 1:*, 1,3,5:7 (UIDs with --uid).
        set: String,
        /// Show the header table (the default).
        #[arg(long, conflicts_with_all = ["full", "part"])]
        headers: bool,
        /// Write each whole message as DIR/<UID>.eml.
        #[arg(long, requires = "output")]
        full: bool,
        /// Write one body section (e.g. 1, 1.2, HEADER, TEXT) of each message.
        #[arg(long, value_name = "SECTION", conflicts_with = "full")]
        part: Option<String>,
        /// Output: a directory for --full; a file for --part (default stdout).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
        /// The set is UIDs (UID FETCH).
        #[arg(long)]
        uid: bool,
        /// Fetch with BODY[] instead of BODY.PEEK[]: the server marks the messages \Seen.
        #[arg(long)]
        mark_seen: bool,
    },
    /// Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for.
    Idle {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to watch, opened read-only with EXAMINE (UTF-8; modified UTF-7 on the wire).
        mailbox: String,
        /// Stop after this long (e.g. 30s, 5m).
        #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
        duration: Option<std::time::Duration>,
    },
    /// Log in, send one command and show the tagged reply (and untagged data).
    Raw {
        #[command(flatten)]
        conn: ImapConn,
        /// The command without its tag, e.g. 'STATUS INBOX (MESSAGES)'.
        command: String,
    },
}

impl ImapCommand {
    pub fn conn(&self) -> &ImapConn {
        match self {
            ImapCommand::Capability { conn }
            | ImapCommand::List { conn, .. }
            | ImapCommand::Select { conn, .. }
            | ImapCommand::Search { conn, .. }
            | ImapCommand::Fetch { conn, .. }
            | ImapCommand::Idle { conn, .. }
            | ImapCommand::Raw { conn, .. } => conn,
        }
    }
}

#[derive(Debug, Args)]
pub struct Pop3Args {
    #[command(subcommand)]
    pub command: Pop3Command,
}

/// Connection and login options of every POP3 subcommand.
#[derive(Debug, Args)]
pub struct Pop3Conn {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting.
    #[arg(long, conflicts_with = "auth")]
    pub apop: bool,

    /// Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered.
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Show message bodies in the transcript line by line instead of a size summary.
    #[arg(long)]
    pub show_data: bool,
}

#[derive(Debug, Subcommand)]
pub enum Pop3Command {
    /// Show the server's capabilities (CAPA, RFC 2449); logs in only if --user is given.
    Capa {
        #[command(flatten)]
        conn: Pop3Conn,
    },
    /// Number of messages and total size (STAT).
    Stat {
        #[command(flatten)]
        conn: Pop3Conn,
    },
    /// Message numbers and sizes (LIST), all or one.
    List {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: Option<u32>,
    },
    /// Message numbers and unique ids (UIDL), all or one.
    Uidl {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: Option<u32>,
    },
    /// Retrieve one message (RETR), streamed to stdout or a file as it arrives.
    ///
    /// With -o the message is written to a new file under a random name beside FILE, synced,
    /// then moved into place: a failure never leaves a truncated FILE. The body may be at most
    /// twice the size LIST gives plus 64 KiB (exit 7 past it). The transcript goes to stderr
    /// when the message goes to stdout; a reader that closes it early is exit 141.
    Retr {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number (or unique id with --uid).
        msg: String,
        /// Take MSG as a UIDL unique id.
        #[arg(long)]
        uid: bool,
        /// Write the message to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Delete the message on the server after it was completely written and synced to disk.
        /// To stdout only when stdout is a regular file (> FILE); refused for a pipe or terminal.
        #[arg(long)]
        delete: bool,
    },
    /// Headers and the first LINES lines of the body (TOP).
    Top {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: u32,
        /// Body lines to show.
        lines: u32,
    },
    /// Delete messages (DELE, committed by QUIT). The only subcommand that deletes.
    Dele {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message numbers (or unique ids with --uid).
        #[arg(required = true)]
        msgs: Vec<String>,
        /// Take the arguments as UIDL unique ids.
        #[arg(long)]
        uid: bool,
    },
    /// Log in and send NOOP: a login check.
    Noop {
        #[command(flatten)]
        conn: Pop3Conn,
    },
}

impl Pop3Command {
    pub fn conn(&self) -> &Pop3Conn {
        match self {
            Pop3Command::Capa { conn }
            | Pop3Command::Stat { conn }
            | Pop3Command::List { conn, .. }
            | Pop3Command::Uidl { conn, .. }
            | Pop3Command::Retr { conn, .. }
            | Pop3Command::Top { conn, .. }
            | Pop3Command::Dele { conn, .. }
            | Pop3Command::Noop { conn } => conn,
        }
    }
}

#[derive(Debug, Args)]
pub struct SmtpArgs {
    #[command(subcommand)]
    pub command: SmtpCommand,
}

#[derive(Debug, Subcommand)]
pub enum SmtpCommand {
    /// Send a message (or probe with --quit-after), showing the whole dialogue.
    ///
    /// Without --server, the MX of the first recipient's domain is looked up and each MX is
    /// tried in preference order (an A/AAAA record stands in when there is no MX, RFC 5321 §5.1).
    ///
    /// Examples:
    ///
    ///   mailctl smtp send -s mail.example.org:587 --starttls --user me@example.org --to you@example.org
    ///
    ///   mailctl smtp send -s mx.example.org --quit-after ehlo
    ///
    ///   mailctl smtp send --to postmaster@example.org --data message.eml
    ///
    /// Load mode (--count): send N messages over --concurrency sessions and print throughput,
    /// latency percentiles per phase and errors by reply code and phase:
    ///
    ///   mailctl smtp send -s 127.0.0.1:2525 --to sink@example.org --count 20000 --concurrency 20 --size 1k
    Send(Box<SendArgs>),
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthChoice {
    /// The strongest mechanism the server offers (CRAM-MD5, then PLAIN, then LOGIN).
    Auto,
    Plain,
    Login,
    #[value(name = "cram-md5")]
    CramMd5,
    /// OAuth 2.0 bearer token (the "password" is the token).
    Xoauth2,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME.
    #[arg(short, long, value_name = "ADDR", alias = "mail-from")]
    pub from: Option<String>,

    /// Recipient (repeatable, or comma-separated).
    #[arg(
        short,
        long,
        value_name = "ADDR",
        value_delimiter = ',',
        alias = "mail-rcpt"
    )]
    pub to: Vec<String>,

    /// Carbon-copy recipient: in the envelope and the Cc header (repeatable).
    #[arg(long, value_name = "ADDR", value_delimiter = ',')]
    pub cc: Vec<String>,

    /// Blind recipient: in the envelope only (repeatable).
    #[arg(long, value_name = "ADDR", value_delimiter = ',')]
    pub bcc: Vec<String>,

    /// Name to send with EHLO/HELO/LHLO. Default: this machine's host name.
    #[arg(long, value_name = "NAME", aliases = ["ehlo", "lhlo"])]
    pub helo: Option<String>,

    /// Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message.
    #[arg(long)]
    pub lmtp: bool,

    /// Authenticate (needs --user; --user alone authenticates as with `--auth auto`). `auto` picks
    /// the strongest mechanism offered.
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Subject of the generated message.
    #[arg(long, value_name = "TEXT", conflicts_with = "data")]
    pub subject: Option<String>,

    /// Text body of the generated message.
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["data", "body_file"])]
    pub body: Option<String>,

    /// Read the text body from a file.
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub body_file: Option<PathBuf>,

    /// Extra header, 'Name: value' (repeatable). Replaces the generated header of the same name.
    #[arg(
        long = "header",
        short = 'H',
        alias = "add-header",
        value_name = "NAME: VALUE",
        conflicts_with = "data"
    )]
    pub headers: Vec<String>,

    /// Attach a file (repeatable); the content type is guessed from the file name.
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub attach: Vec<PathBuf>,

    /// Send this file as the whole message, as is (`-` for stdin). Line endings become CRLF and
    /// leading dots are doubled on the wire.
    #[arg(long, value_name = "FILE|-", alias = "upload-file", short_alias = 'T')]
    pub data: Option<String>,

    /// Do not pipeline commands, even when the server offers PIPELINING.
    #[arg(long)]
    pub no_pipelining: bool,

    /// Send the message with BDAT (CHUNKING, RFC 3030) instead of DATA. A server without
    /// CHUNKING is exit 18 (capability): nothing is sent, the session ends with QUIT.
    #[arg(long)]
    pub bdat: bool,

    /// Stop after this step and QUIT (for probing a server without sending mail).
    #[arg(long, value_name = "STEP", alias = "quit")]
    pub quit_after: Option<QuitAfter>,

    /// swaks' --protocol (hidden): ESMTP, ESMTPA, ESMTPS, ESMTPSA, SSMTP, SSMTPA, LMTP, LMTPA,
    /// LMTPS, LMTPSA set --lmtp, --starttls/--tls and --auth as swaks does.
    #[arg(long, value_name = "PROTOCOL", hide = true, value_parser = parse_swaks_protocol)]
    pub protocol: Option<SwaksProtocol>,

    /// Show the message body line by line in the transcript instead of a size summary.
    #[arg(long)]
    pub show_data: bool,

    /// DKIM-sign the message with this private key (PEM) before sending.
    #[arg(long, value_name = "FILE", requires = "dkim_selector")]
    pub dkim_key: Option<PathBuf>,

    /// DKIM selector (s=) for --dkim-key.
    #[arg(long, value_name = "SELECTOR", requires = "dkim_key")]
    pub dkim_selector: Option<String>,

    /// DKIM signing domain (d=). Default: the domain of --from.
    #[arg(long, value_name = "DOMAIN", requires = "dkim_key")]
    pub dkim_domain: Option<String>,

    #[command(flatten)]
    pub load: LoadArgs,
}

/// What swaks' `--protocol` sets: LHLO, STARTTLS or TLS on connect, AUTH.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SwaksProtocol {
    pub lmtp: bool,
    pub starttls: bool,
    pub tls: bool,
    pub auth: bool,
}

/// swaks' protocol names (its manual's table). SMTP and SMTPS are refused: they mean HELO only,
/// and mailctl always starts with EHLO (HELO only when EHLO is refused, as swaks' ESMTP does).
pub fn parse_swaks_protocol(s: &str) -> Result<SwaksProtocol, String> {
    let p = |lmtp, starttls, tls, auth| SwaksProtocol {
        lmtp,
        starttls,
        tls,
        auth,
    };
    Ok(match s.to_ascii_uppercase().as_str() {
        "ESMTP" => p(false, false, false, false),
        "ESMTPA" => p(false, false, false, true),
        "ESMTPS" => p(false, true, false, false),
        "ESMTPSA" => p(false, true, false, true),
        "SSMTP" => p(false, false, true, false),
        "SSMTPA" => p(false, false, true, true),
        "LMTP" => p(true, false, false, false),
        "LMTPA" => p(true, false, false, true),
        "LMTPS" => p(true, true, false, false),
        "LMTPSA" => p(true, true, false, true),
        "SMTP" | "SMTPS" => {
            return Err(
                "swaks' SMTP and SMTPS speak HELO only; mailctl always starts with EHLO \
                        (HELO only when EHLO is refused): use ESMTP (or leave --protocol out), \
                        or SSMTP for TLS on connect"
                    .into(),
            );
        }
        _ => {
            return Err(
                "swaks protocols: ESMTP, ESMTPA, ESMTPS, ESMTPSA, SSMTP, SSMTPA, LMTP, \
                        LMTPA, LMTPS, LMTPSA"
                    .into(),
            );
        }
    })
}

impl SendArgs {
    /// Fold swaks' `--protocol` into the flags it stands for (after parsing, before planning).
    /// A contradiction with a flag given as well is a usage error, never a silent choice.
    pub fn apply_protocol(&mut self) -> Result<(), String> {
        let Some(p) = self.protocol else {
            return Ok(());
        };
        let c = &mut self.connect;
        if (p.starttls && c.tls) || (p.tls && c.starttls) {
            return Err(format!(
                "--protocol asks for {} but --{} was given too",
                if p.tls {
                    "TLS on connect (--tls)"
                } else {
                    "STARTTLS (--starttls)"
                },
                if c.tls { "tls" } else { "starttls" }
            ));
        }
        c.tls |= p.tls;
        c.starttls |= p.starttls;
        self.lmtp |= p.lmtp;
        if p.auth && self.auth.is_none() {
            self.auth = Some(AuthChoice::Auto);
        }
        Ok(())
    }
}

/// Where `--quit-after` stops the dialogue (the plan maps it to `proto::smtp::QuitAfter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum QuitAfter {
    /// Close right after the TCP (or implicit TLS) connection is up.
    Connect,
    /// Read the greeting, then QUIT.
    #[value(alias = "BANNER")]
    Banner,
    /// After the first EHLO/HELO/LHLO.
    // swaks' names (upper case as its users write them) where the meaning is the same; its
    // EHLO, CONNECT and STARTTLS stop elsewhere (cli::compat explains).
    #[value(aliases = ["first-ehlo", "first-helo", "first-lhlo", "FIRST-EHLO", "FIRST-HELO", "FIRST-LHLO"])]
    Ehlo,
    /// After STARTTLS and the second EHLO.
    Starttls,
    /// After AUTH.
    #[value(alias = "AUTH")]
    Auth,
    /// After MAIL FROM.
    #[value(aliases = ["MAIL", "from", "FROM"])]
    Mail,
    /// After the RCPT TOs.
    #[value(aliases = ["RCPT", "to", "TO"])]
    Rcpt,
    /// After the server's 354 to DATA: close without sending a message (the server discards it).
    Data,
}

/// Load mode of `smtp send`: many messages, many sessions, a summary instead of transcripts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Load mode")]
pub struct LoadArgs {
    /// Load mode: send N messages (a new session per message unless --per-session), then print
    /// messages/s, latency percentiles per phase and errors by reply code and phase. Only the
    /// first session's transcript is shown (--transcript all for every session). Ctrl-C ends
    /// the run early with the summary so far (exit 130): the first lets the messages in flight
    /// finish, a second drops them.
    #[arg(long, value_name = "N", value_parser = whole::<u64, 1, { u64::MAX }>,
          conflicts_with_all = ["quit_after", "dkim_key"])]
    pub count: Option<u64>,

    /// Load mode: sessions open at once. Default 1.
    #[arg(long, value_name = "C", requires = "count",
          value_parser = whole::<u32, 1, 10_000>)]
    pub concurrency: Option<u32>,

    /// Load mode: send up to M messages per session (the next MAIL follows the previous reply;
    /// RSET after a refused transaction). Default 1: a new session per message.
    #[arg(long, value_name = "M", requires = "count",
          value_parser = whole::<u64, 1, { u64::MAX }>)]
    pub per_session: Option<u64>,

    /// Load mode: start at most R messages per second (e.g. 50, 50/s, 600/m). Default: no limit.
    #[arg(long, value_name = "R[/s]", requires = "count", value_parser = parse_rate)]
    pub rate: Option<f64>,

    /// Load mode: generate each message padded to exactly this many bytes (e.g. 1024, 1k, 2M;
    /// k = 1024), with its own Message-ID. Without --size the message options above are used;
    /// a generated message still gets its own Message-ID, a --data file is sent as is.
    #[arg(long, value_name = "BYTES", requires = "count", value_parser = parse_size,
          conflicts_with_all = ["data", "body", "body_file", "attach"])]
    pub size: Option<u64>,

    /// Load mode: whose dialogue to show: the first session's, or every session's (each
    /// transaction shown as one block).
    #[arg(
        long,
        value_name = "WHICH",
        requires = "count",
        default_value = "first"
    )]
    pub transcript: TranscriptChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TranscriptChoice {
    First,
    All,
}

/// Parse a rate: `50`, `50/s`, `600/m`, `0.5/s` (messages per second).
pub fn parse_rate(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (num, per) = if let Some(n) = t.strip_suffix("/s") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("/m") {
        (n, 60.0)
    } else {
        (t, 1.0)
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v / per <= 1e9 => Ok(v / per),
        _ => Err("it must be a rate above 0 and at most 1e9/s (e.g. 50, 50/s, 600/m)".into()),
    }
}

/// Parse a size in bytes: `1024`, `1k`, `2M`, `1KiB` (k and M are binary: 1024, 1048576).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (num, mult) = if let Some(n) = lower
        .strip_suffix("kib")
        .or_else(|| lower.strip_suffix('k'))
    {
        (n.to_string(), 1024)
    } else if let Some(n) = lower
        .strip_suffix("mib")
        .or_else(|| lower.strip_suffix('m'))
    {
        (n.to_string(), 1024 * 1024)
    } else {
        (lower.clone(), 1)
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|v| v.checked_mul(mult))
        .filter(|&v| v > 0 && v <= 1 << 30)
        .ok_or_else(|| "it must be a size from 1 byte to 1 GiB (e.g. 1024, 1k, 2M)".to_string())
}

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
    /// resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip:
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

/// A whole number from `MIN` to `MAX`, refused in a sentence: clap's own range error reads
/// "0 is not in 1..18446744073709551615", and clap prints ours after the option's name
/// ("invalid value '0' for '--count <N>': it must be a whole number, at least 1").
pub fn whole<T: TryFrom<u64>, const MIN: u64, const MAX: u64>(s: &str) -> Result<T, String> {
    let range = if MAX == u64::MAX {
        format!("at least {MIN}")
    } else {
        format!("from {MIN} to {MAX}")
    };
    s.trim()
        .parse::<u64>()
        .ok()
        .filter(|v| (MIN..=MAX).contains(v))
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| format!("it must be a whole number, {range}"))
}

/// A threshold duration: like a DURATION, but 0 is allowed (`--warn 0` always warns).
pub fn parse_threshold(s: &str) -> Result<std::time::Duration, String> {
    let num = s.trim().trim_end_matches("ms").trim_end_matches(['s', 'm']);
    if num.trim().parse::<f64>() == Ok(0.0) {
        return Ok(std::time::Duration::ZERO);
    }
    parse_duration(s)
}

/// Parse `30`, `30s`, `500ms`, `2m`, `1.5s`.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (num, mult) = if let Some(n) = s.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60.0)
    } else {
        (s, 1.0)
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| "it must be a duration (e.g. 30s, 500ms, 2m)".to_string())?;
    if !v.is_finite() || v <= 0.0 || v * mult > 86_400.0 {
        return Err("it must be a duration of more than 0 and at most a day (86400s)".into());
    }
    Ok(std::time::Duration::from_secs_f64(v * mult))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        use std::time::Duration;
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        for bad in ["", "0", "-1", "abc", "1h", "nan", "inf"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_refuse_in_sentences() {
        assert_eq!(whole::<u16, 1, 65535>("25"), Ok(25));
        assert_eq!(
            whole::<u16, 1, 65535>("0").unwrap_err(),
            "it must be a whole number, from 1 to 65535"
        );
        assert!(whole::<u16, 1, 65535>("70000").is_err());
        assert_eq!(
            whole::<u64, 1, { u64::MAX }>("0").unwrap_err(),
            "it must be a whole number, at least 1"
        );
        assert!(whole::<u32, 1, 10>("-1").is_err());
        assert!(whole::<u32, 1, 10>("x").is_err());
    }

    #[test]
    fn rates_and_sizes() {
        assert_eq!(parse_rate("50").unwrap(), 50.0);
        assert_eq!(parse_rate("20/s").unwrap(), 20.0);
        assert_eq!(parse_rate("600/m").unwrap(), 10.0);
        for bad in ["", "0", "-1", "x/s", "inf", "nan", "5/h"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_size("1024").unwrap(), 1024);
        assert_eq!(parse_size("1k").unwrap(), 1024);
        assert_eq!(parse_size("1KiB").unwrap(), 1024);
        assert_eq!(parse_size("2M").unwrap(), 2 << 20);
        for bad in ["", "0", "-1", "1.5k", "2G", "k"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
