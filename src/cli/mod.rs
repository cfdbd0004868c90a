//! Command-line surface. Doc comments here are the `--help` text, the man pages and the shell
//! completions (all generated from this file); parsing only, decisions are made in `plan/`.

use clap::{Args, Parser, Subcommand, ValueEnum};

mod audit;
mod check;
pub mod compat;
mod connect;
mod dkim;
mod dmarc;
mod dns;
mod imap;
mod jmap;
mod mime;
mod pgp;
mod pop3;
mod shell;
mod smime;
mod smtp;

pub use audit::*;
pub use check::*;
pub use connect::*;
pub use dkim::*;
pub use dmarc::*;
pub use dns::*;
pub use imap::*;
pub use jmap::*;
pub use mime::*;
pub use pgp::*;
pub use pop3::*;
pub use shell::*;
pub use smime::*;
pub use smtp::*;

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
    /// JMAP (RFC 8620 / RFC 8621) over HTTP: the session, mailboxes, search, fetch and
    /// download, send, and push.
    Jmap(Box<JmapArgs>),
    /// DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit.
    Dns(Box<DnsArgs>),
    /// DKIM: verify signatures with reasons you can act on, sign test mail, generate keys.
    Dkim(Box<DkimArgs>),
    /// DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy.
    Dmarc(Box<DmarcArgs>),
    /// MIME structure of a message file: the part tree with IMAP section numbers, offsets,
    /// sizes and problems; extract one part decoded.
    Mime(Box<MimeArgs>),
    /// OpenPGP: verify a message's PGP/MIME or inline signature, with the key from a file,
    /// the sender's Web Key Directory or DNS.
    Pgp(Box<PgpArgs>),
    /// OpenPGP Web Key Directory: find the key for an address over HTTPS, advanced and direct
    /// methods, with findings.
    Wkd(Box<WkdArgs>),
    /// S/MIME (RFC 8551): verify a message's signature against given CA certificates.
    Smime(Box<SmimeArgs>),
    /// Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and
    /// Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN.
    Check(Box<CheckArgs>),
    /// Is a domain's mail set up right, end to end: DNS records, then every MX address probed
    /// live (STARTTLS, certificate, DANE, reverse DNS), findings by severity.
    Audit(Box<AuditArgs>),
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
