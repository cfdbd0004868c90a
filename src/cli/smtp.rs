//! `mailctl smtp send …` arguments, load mode (`--count`) included.

use super::*;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    Shell(Box<ShellArgs>),
    /// Receive mail: a local SMTP/LMTP server that takes every message (like Postfix's
    /// smtp-sink) and shows each connection's dialogue from the server side (C: the client,
    /// S: the sink).
    ///
    /// Without --maildir or --dir, messages are counted and discarded. It runs until Ctrl-C
    /// (or SIGTERM), --max messages or --max-time, then prints a summary (messages, bytes,
    /// connections, errors) and exits 0.
    ///
    /// Examples:
    ///
    ///   mailctl smtp sink --maildir /tmp/sink
    ///
    ///   mailctl smtp sink --listen [::1]:2525 --cert cert.pem --key key.pem --auth-any --dir /tmp/mail
    ///
    ///   mailctl smtp sink --reply rcpt:bob@=450 --reply dot=554 --max 3
    Sink(Box<SinkArgs>),
}

#[derive(Debug, Args)]
pub struct SinkArgs {
    /// Address to listen on: IP:PORT, [IPv6]:PORT (port 0: any free port, shown at start).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2525")]
    pub listen: String,

    /// Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message.
    #[arg(long)]
    pub lmtp: bool,

    /// Our name in the greeting, the EHLO reply and the Received: header. Default: this
    /// machine's host name.
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,

    /// Implicit TLS (SMTPS): every connection starts with a TLS handshake. Needs --cert/--key.
    #[arg(long, requires_all = ["cert", "key"])]
    pub tls: bool,

    /// Server certificate chain (PEM, leaf first): offers STARTTLS (or --tls).
    #[arg(long, value_name = "PEM", requires = "key")]
    pub cert: Option<PathBuf>,

    /// Private key for --cert (PEM: PKCS#8, PKCS#1 or SEC1).
    #[arg(long, value_name = "PEM", requires = "cert")]
    pub key: Option<PathBuf>,

    /// Accept AUTH (PLAIN, LOGIN, CRAM-MD5) only as this user; the password comes from
    /// --auth-password-env, --auth-password-file or MAILCTL_PASSWORD, never the command line.
    #[arg(long, value_name = "USER", conflicts_with = "auth_any")]
    pub auth_user: Option<String>,

    /// Read --auth-user's password from this environment variable.
    #[arg(
        long,
        value_name = "VAR",
        requires = "auth_user",
        conflicts_with = "auth_password_file"
    )]
    pub auth_password_env: Option<String>,

    /// Read --auth-user's password from the first line of this file.
    #[arg(long, value_name = "FILE", requires = "auth_user")]
    pub auth_password_file: Option<PathBuf>,

    /// Accept AUTH with any user name and password.
    #[arg(long)]
    pub auth_any: bool,

    /// Offer AUTH without TLS too (by default only after STARTTLS or with --tls).
    #[arg(long)]
    pub auth_plaintext: bool,

    /// Store each message in this Maildir (new/, through tmp/; created if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub maildir: Option<PathBuf>,

    /// Store each message in this directory as NAME.eml, with its envelope (sender,
    /// recipients, EHLO name, client address, TLS, AUTH user, parameters, time) in NAME.json.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Scripted reply, repeatable: STAGE[:MATCH]=CODE[ TEXT]. Stages: banner, ehlo, helo,
    /// auth, mail, rcpt, data (the reply to DATA itself), dot (after the message; MATCH is
    /// checked against each recipient, and in LMTP sets that recipient's own reply), bdat,
    /// rset, quit, starttls. MATCH (up to the first `=`) applies the reply only when the
    /// command's argument contains it, ignoring case. The first matching --reply wins.
    /// E.g. `banner=554`, `rcpt:bob@=450 4.2.1 try later`, `dot=552`.
    #[arg(long, value_name = "STAGE[:MATCH]=CODE[ TEXT]")]
    pub reply: Vec<String>,

    /// Largest message taken (SIZE, RFC 1870): advertised, and a bigger one is read to its end
    /// and refused with 552 (e.g. 10M, 512k).
    #[arg(long, value_name = "BYTES", default_value = "10M", value_parser = parse_size)]
    pub max_size: u64,

    /// Most recipients per message; more get 452 (RFC 5321 §4.5.3.1.10).
    #[arg(long, value_name = "N", default_value = "1000", value_parser = whole::<usize, 1, 1_000_000>)]
    pub max_rcpt: usize,

    /// How long a client may take to send a command (and each 16 KiB of a message) before
    /// its connection is dropped (RFC 5321 §4.5.3.2.7: 5 minutes).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// How long one connection may last, however it paces itself; then 421 and closed.
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = parse_duration)]
    pub session_time: std::time::Duration,

    /// Connections served at once; one more is answered 421 and closed.
    #[arg(long, value_name = "N", default_value = "100", value_parser = whole::<usize, 1, 100_000>)]
    pub max_connections: usize,

    /// Stop after this many messages were taken (the connections still open may finish).
    #[arg(long, value_name = "N", value_parser = whole::<u64, 1, { u64::MAX }>)]
    pub max: Option<u64>,

    /// Stop after this long (e.g. 30s, 10m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub max_time: Option<std::time::Duration>,

    /// Show each message line in the transcript instead of a size summary.
    #[arg(long)]
    pub show_data: bool,

    /// Show clients' AUTH payloads instead of `***`.
    #[arg(long)]
    pub show_secrets: bool,
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

    /// Authenticate (needs --user, except `external`; --user alone authenticates as with
    /// `--auth auto`). `auto` picks the strongest mechanism offered; SCRAM logins fail (exit 23)
    /// unless the server proves it knows the password too.
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

    /// Ask for delivery status notifications (DSN, RFC 3461) for every recipient: `never`, or
    /// any of `success`, `failure`, `delay` (comma-separated). Also sends ORCPT (the recipient
    /// as given). A server without DSN is exit 18 (capability): nothing is sent.
    #[arg(long, value_name = "WHEN", value_delimiter = ',')]
    pub notify: Vec<String>,

    /// DSN: return the full message (`full`) or only its headers (`hdrs`) in a notification.
    #[arg(long, value_name = "full|hdrs")]
    pub ret: Option<String>,

    /// DSN: an envelope identifier returned in every notification (printable ASCII).
    #[arg(long, value_name = "ID")]
    pub envid: Option<String>,

    /// Stop after this step and QUIT (for probing a server without sending mail).
    #[arg(long, value_name = "STEP", alias = "quit")]
    pub quit_after: Option<QuitAfter>,

    /// Like --quit-after, but close the connection without QUIT (how does the server handle a
    /// client that vanishes here?). `dot`: send the whole message and its end, then close
    /// before the server's reply.
    #[arg(long, value_name = "STEP", alias = "da", conflicts_with = "quit_after")]
    pub drop_after: Option<DropAfter>,

    /// Send Postfix XCLIENT with this attribute after EHLO (and STARTTLS), e.g. ADDR=192.0.2.1,
    /// NAME=relay.example, HELO=…, LOGIN=…, PROTO=ESMTP (repeatable; or several in one value,
    /// space-separated). Only attributes the server lists are sent; the server must authorize
    /// this client (smtpd_authorized_xclient_hosts), else exit 18 before anything is sent.
    #[arg(long, value_name = "NAME=VALUE")]
    pub xclient: Vec<String>,

    /// Send MAIL FROM with REQUIRETLS (RFC 8689): the message must only travel over verified
    /// TLS. Needs --tls or --starttls; a server without REQUIRETLS is exit 18: nothing is sent.
    #[arg(long)]
    pub requiretls: bool,

    /// Ask VRFY ADDR (RFC 5321 §3.5) after EHLO/STARTTLS/AUTH, before any mail (repeatable).
    /// Without --to it is a probe: the session ends after the answers. 250/251/252 are
    /// answers; any other reply ends the session (exit 29, phase command).
    #[arg(long, value_name = "ADDR")]
    pub vrfy: Vec<String>,

    /// Ask EXPN LIST (RFC 5321 §3.5.2), like --vrfy (repeatable).
    #[arg(long, value_name = "LIST")]
    pub expn: Vec<String>,

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

/// Where `--drop-after` closes the connection (without QUIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DropAfter {
    /// Right after the TCP (or implicit TLS) connection is up.
    Connect,
    /// After the greeting.
    #[value(alias = "BANNER")]
    Banner,
    /// After the first EHLO/HELO/LHLO.
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
    /// After the server's 354 to DATA, before any of the message.
    #[value(alias = "DATA")]
    Data,
    /// After the message and its final dot, before the server's reply.
    #[value(alias = "DOT")]
    Dot,
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
          conflicts_with_all = ["quit_after", "drop_after", "dkim_key", "vrfy", "expn"])]
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
