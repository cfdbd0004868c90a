//! Low-level arguments → a high-level plan: defaults decided, inputs read and checked, secrets
//! fetched. Everything after this point works from the plan, never from raw arguments.

pub mod check;
pub mod dkim_time;
pub mod exit;

use crate::cli::{AuthChoice, ColorChoice, ConnectArgs, FamilyArgs, OutputArgs, SendArgs};
use crate::dns::DnsPlan;
use crate::error::Failure;
use crate::message::{self, MessageSpec};
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::smtp::SendPlan;
use crate::proto::smtp::session::AuthPlan;
use crate::secret::PasswordSource;
use crate::transport::tls::TlsPlan;
use crate::transport::{Endpoint, Family};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    Human,
    Json,
    Quiet,
}

#[derive(Debug, Clone)]
pub struct OutputPlan {
    pub mode: OutputMode,
    pub color: bool,
}

pub fn output(args: &OutputArgs) -> OutputPlan {
    let mode = if args.json {
        OutputMode::Json
    } else if args.quiet {
        OutputMode::Quiet
    } else {
        OutputMode::Human
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // Both streams: the transcript goes to stderr when stdout carries results or data, and
        // warnings always do; colour meant for a terminal must not end up in a redirected log.
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    OutputPlan {
        mode,
        color: color && mode != OutputMode::Json,
    }
}

/// Where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Server(Endpoint),
    /// Look up the MX of this domain and use this port.
    Mx {
        domain: String,
        port: u16,
    },
}

/// How to connect, shared by every protocol.
#[derive(Debug, Clone)]
pub struct ConnectPlan {
    pub target: Target,
    pub family: Family,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `--max-time`: the bound on one whole session (None: `--max-time 0`, unbounded).
    pub max_time: Option<Duration>,
    pub implicit_tls: bool,
    pub starttls: bool,
    pub tls: TlsPlan,
    /// Our own resolver, when --nameserver was given or an MX lookup is needed.
    pub dns: Option<DnsPlan>,
    pub show_secrets: bool,
}

pub struct SmtpSendPlan {
    pub connect: ConnectPlan,
    pub send: SendPlan,
    pub show_data: bool,
}

/// `smtp send --count`: a send plan and what load mode adds to it.
pub struct SmtpLoadPlan {
    pub send: SmtpSendPlan,
    pub load: crate::load::LoadPlan,
}

pub fn smtp_load(args: &SendArgs, out: &OutputPlan) -> Result<SmtpLoadPlan, Failure> {
    let send = smtp_send(args)?;
    let load = crate::load::plan(&args.load, &send.send, args.data.is_none(), out)?;
    Ok(SmtpLoadPlan { send, load })
}

fn parse_nameserver(s: &str) -> Result<SocketAddr, Failure> {
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

/// Connection plan common to all protocols; `default_port` is the protocol's for this mode.
pub fn connect(
    args: &ConnectArgs,
    default_port: u16,
    mx_domain: Option<&str>,
) -> Result<ConnectPlan, Failure> {
    let port = args.port.unwrap_or(default_port);
    let target = match (&args.server, mx_domain) {
        (Some(s), _) => Target::Server(Endpoint::parse(s, port)?),
        (None, Some(d)) => Target::Mx {
            domain: d.to_string(),
            port,
        },
        (None, None) => {
            return Err(Failure::usage(
                "no --server given (and no recipient domain to look up an MX for)",
            ));
        }
    };
    let dns = resolver(
        &args.nameserver,
        args.timeout,
        matches!(target, Target::Mx { .. }),
    )?;
    Ok(ConnectPlan {
        target,
        family: family(&args.family),
        timeout: args.timeout,
        connect_timeout: args.connect_timeout.unwrap_or(args.timeout),
        max_time: max_time(args.max_time, DEFAULT_MAX_TIME),
        implicit_tls: args.tls,
        starttls: args.starttls,
        tls: TlsPlan {
            ca_files: args.ca_file.clone(),
            insecure: args.insecure,
            sni: args.sni.clone(),
        },
        dns,
        show_secrets: args.show_secrets,
    })
}

/// Our own resolver, when `--nameserver` was given or an MX lookup is needed (`mx`).
pub(crate) fn resolver(
    nameserver: &[String],
    timeout: Duration,
    mx: bool,
) -> Result<Option<DnsPlan>, Failure> {
    let nameservers = nameserver
        .iter()
        .map(|s| parse_nameserver(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((!nameservers.is_empty() || mx).then(|| DnsPlan {
        nameservers,
        // The same bound as the dns commands' default: 3 s a try, two tries.
        timeout: timeout.min(Duration::from_secs(3)),
        ..DnsPlan::default()
    }))
}

/// `-4`/`-6`.
pub(crate) fn family(args: &FamilyArgs) -> Family {
    if args.ipv4 {
        Family::V4
    } else if args.ipv6 {
        Family::V6
    } else {
        Family::Any
    }
}

/// The SASL mechanism an `--auth` choice names (None: pick the strongest offered).
pub fn mechanism(choice: AuthChoice) -> Option<Mechanism> {
    match choice {
        AuthChoice::Auto => None,
        AuthChoice::Plain => Some(Mechanism::Plain),
        AuthChoice::Login => Some(Mechanism::Login),
        AuthChoice::CramMd5 => Some(Mechanism::CramMd5),
        AuthChoice::Xoauth2 => Some(Mechanism::XOauth2),
    }
}

/// `--user` and its password, read from the chosen source (only when a login will happen).
pub fn credentials(args: &ConnectArgs) -> Result<Option<Credentials>, Failure> {
    match &args.user {
        None => Ok(None),
        Some(user) => login(user, password_source(args)).map(Some),
    }
}

/// A user and its password, read from its source (`--password-env`, `--password-file`, or
/// MAILCTL_PASSWORD and a prompt).
pub(crate) fn login(user: &str, source: PasswordSource) -> Result<Credentials, Failure> {
    check_user(user)?;
    let secret = source.read(user)?;
    Ok(Credentials {
        user: user.to_string(),
        secret,
    })
}

/// curl's `-u USER:PASSWORD` must not send the password as part of the user name (and show it
/// in the transcript): a ':' is refused, and the value is not quoted back.
fn check_user(user: &str) -> Result<(), Failure> {
    if user.contains(':') {
        return Err(Failure::usage(format!(
            "--user contains ':', as in curl's -u USER:PASSWORD; {}",
            crate::cli::compat::PASSWORD_HINT
        )));
    }
    Ok(())
}

fn password_source(args: &ConnectArgs) -> PasswordSource {
    match (&args.password_env, &args.password_file) {
        (Some(v), _) => PasswordSource::Env(v.clone()),
        (None, Some(f)) => PasswordSource::File(f.clone()),
        (None, None) => PasswordSource::Default,
    }
}

fn local_hostname() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Strip `<...>` so users can write `--from '<>'` or `--to '<a@b>'`.
fn bare_addr(s: &str) -> String {
    let t = s.trim();
    t.strip_prefix('<')
        .and_then(|x| x.strip_suffix('>'))
        .unwrap_or(t)
        .to_string()
}

fn check_addr(a: &str, flag: &str) -> Result<(), Failure> {
    if a.chars().any(|c| c.is_control() || c == '<' || c == '>') || a.contains(' ') {
        return Err(Failure::usage(format!(
            "{flag} {a:?}: not a mailbox address"
        )));
    }
    Ok(())
}

pub fn smtp_send(args: &SendArgs) -> Result<SmtpSendPlan, Failure> {
    let to: Vec<String> = args
        .to
        .iter()
        .map(|a| bare_addr(a))
        .filter(|a| !a.is_empty())
        .collect();
    let cc: Vec<String> = args
        .cc
        .iter()
        .map(|a| bare_addr(a))
        .filter(|a| !a.is_empty())
        .collect();
    let bcc: Vec<String> = args
        .bcc
        .iter()
        .map(|a| bare_addr(a))
        .filter(|a| !a.is_empty())
        .collect();
    let rcpts: Vec<String> = to.iter().chain(&cc).chain(&bcc).cloned().collect();
    for r in &rcpts {
        check_addr(r, "--to/--cc/--bcc")?;
    }
    let from = match &args.from {
        Some(f) => bare_addr(f),
        None => format!(
            "{}@{}",
            std::env::var("USER").unwrap_or_else(|_| "mailctl".into()),
            local_hostname()
        ),
    };
    check_addr(&from, "--from")?;

    let probing = args
        .quit_after
        .is_some_and(|q| q < crate::proto::smtp::QuitAfter::Rcpt);
    if rcpts.is_empty() && !probing {
        return Err(Failure::usage(
            "no recipient: give --to (or --quit-after for a probe)",
        ));
    }
    let mx_domain = rcpts
        .first()
        .and_then(|r| r.rsplit_once('@'))
        .map(|(_, d)| d.to_string());
    if args.connect.server.is_none() && mx_domain.is_none() {
        return Err(Failure::usage(
            "no --server, and no recipient domain to look up an MX for",
        ));
    }
    let default_port = if args.lmtp {
        24
    } else if args.connect.tls {
        465
    } else {
        25
    };
    let connect = connect(&args.connect, default_port, mx_domain.as_deref())?;

    let auth = match (args.auth, &args.connect.user) {
        (None, None) => None,
        (Some(_), None) => return Err(Failure::usage("--auth needs --user")),
        (choice, Some(user)) => {
            check_user(user)?;
            let mech = mechanism(choice.unwrap_or(AuthChoice::Auto));
            let probing_before_auth = args
                .quit_after
                .is_some_and(|q| q < crate::proto::smtp::QuitAfter::Auth);
            if probing_before_auth {
                None
            } else {
                let secret = password_source(&args.connect).read(user)?;
                Some(AuthPlan {
                    mech,
                    creds: Credentials {
                        user: user.clone(),
                        secret,
                    },
                })
            }
        }
    };

    // A probe that stops before MAIL needs no message; one that stops at MAIL still declares the
    // real SIZE= so it shows whether the server would take a message this big.
    let before_mail = args
        .quit_after
        .is_some_and(|q| q < crate::proto::smtp::QuitAfter::Mail);
    let message = if before_mail {
        Vec::new()
    } else {
        message::build(&MessageSpec {
            from: from.clone(),
            to,
            cc,
            subject: args.subject.clone(),
            body: args.body.clone(),
            body_file: args.body_file.clone(),
            headers: args.headers.clone(),
            attach: args.attach.clone(),
            data: args.data.clone(),
        })?
    };
    // DKIM-sign (RFC 6376 §5) the message as it will be sent: d= is --dkim-domain or the domain
    // of --from. The signed message has CRLF line ends.
    let message = match (&args.dkim_key, &args.dkim_selector) {
        (Some(key), Some(selector)) if !message.is_empty() => {
            let domain = match &args.dkim_domain {
                Some(d) => dkim_domain_arg(d)?,
                None => match from.rsplit_once('@') {
                    Some((_, d)) => dkim_domain_arg(d)?,
                    None => {
                        return Err(Failure::usage(
                            "--dkim-key: give --dkim-domain (--from has no domain)",
                        ));
                    }
                },
            };
            let key = crate::dkim::sign::load_key(key, "--dkim-key")?;
            crate::dkim::sign::sign(key, &message, &domain, &selector_arg(selector)?, &[])?.message
        }
        _ => message,
    };

    Ok(SmtpSendPlan {
        send: SendPlan {
            helo: args.helo.clone().unwrap_or_else(local_hostname),
            lmtp: args.lmtp,
            starttls: args.connect.starttls,
            auth,
            from,
            rcpts,
            message: Arc::new(message),
            pipelining: !args.no_pipelining,
            bdat: args.bdat,
            quit_after: args.quit_after,
        },
        connect,
        show_data: args.show_data,
    })
}

/// A message named by number or by UIDL unique id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgRef {
    Num(u32),
    Uid(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pop3Action {
    Capa,
    Stat,
    List(Option<u32>),
    Uidl(Option<u32>),
    Retr {
        msg: MsgRef,
        output: Option<std::path::PathBuf>,
        force: bool,
        delete: bool,
    },
    Top {
        msg: u32,
        lines: u32,
    },
    Dele(Vec<MsgRef>),
    Noop,
}

pub struct Pop3Plan {
    pub connect: ConnectPlan,
    pub login: Option<crate::proto::pop3::Login>,
    pub show_data: bool,
    pub action: Pop3Action,
}

impl Pop3Plan {
    /// Whether retrieved data goes to stdout (then the transcript goes to stderr).
    pub fn data_to_stdout(&self) -> bool {
        matches!(
            self.action,
            Pop3Action::Retr { output: None, .. } | Pop3Action::Top { .. }
        )
    }
}

fn msg_ref(s: &str, uid: bool) -> Result<MsgRef, Failure> {
    if uid {
        // RFC 1939 §7: a unique-id is 1 to 70 characters 0x21..0x7E.
        if s.is_empty() || s.len() > 70 || !s.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err(Failure::usage(format!("{s:?} is not a POP3 unique id")));
        }
        return Ok(MsgRef::Uid(s.to_string()));
    }
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(MsgRef::Num(n)),
        _ => Err(Failure::usage(format!(
            "{s:?} is not a message number (use --uid for unique ids)"
        ))),
    }
}

pub fn pop3(cmd: &crate::cli::Pop3Command) -> Result<Pop3Plan, Failure> {
    use crate::cli::Pop3Command as C;
    use crate::proto::pop3::Login;
    let conn = cmd.conn();
    let default_port = if conn.connect.tls { 995 } else { 110 };
    let connect = connect(&conn.connect, default_port, None)?;
    let action = match cmd {
        C::Capa { .. } => Pop3Action::Capa,
        C::Stat { .. } => Pop3Action::Stat,
        C::List { msg, .. } => Pop3Action::List(*msg),
        C::Uidl { msg, .. } => Pop3Action::Uidl(*msg),
        C::Retr {
            msg,
            uid,
            output,
            force,
            delete,
            ..
        } => Pop3Action::Retr {
            msg: msg_ref(msg, *uid)?,
            output: output.clone(),
            force: *force,
            delete: *delete,
        },
        C::Top { msg, lines, .. } => Pop3Action::Top {
            msg: *msg,
            lines: *lines,
        },
        C::Dele { msgs, uid, .. } => Pop3Action::Dele(
            msgs.iter()
                .map(|m| msg_ref(m, *uid))
                .collect::<Result<_, _>>()?,
        ),
        C::Noop { .. } => Pop3Action::Noop,
    };
    if conn.connect.user.is_none() && action != Pop3Action::Capa {
        return Err(Failure::usage(
            "this POP3 command needs a login: give --user",
        ));
    }
    if conn.auth.is_some() && conn.connect.user.is_none() {
        return Err(Failure::usage("--auth needs --user"));
    }
    let login = credentials(&conn.connect)?.map(|c| {
        if conn.apop {
            Login::Apop(c)
        } else if let Some(choice) = conn.auth {
            Login::Sasl(mechanism(choice), c)
        } else {
            Login::UserPass(c)
        }
    });
    Ok(Pop3Plan {
        connect,
        login,
        show_data: conn.show_data,
        action,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchMode {
    /// The header table.
    Headers,
    /// Whole messages into a directory, one `<UID>.eml` each.
    Full { dir: std::path::PathBuf },
    /// One body section of each message, to a file or stdout.
    Part {
        section: String,
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImapAction {
    Capability,
    List {
        reference: String,
        pattern: String,
        status: bool,
    },
    Select {
        mailbox: String,
    },
    Search {
        mailbox: String,
        criteria: String,
        uid: bool,
    },
    Fetch {
        mailbox: String,
        set: String,
        mode: FetchMode,
        force: bool,
        uid: bool,
        mark_seen: bool,
    },
    Idle {
        mailbox: String,
        duration: Option<Duration>,
    },
    Raw {
        command: String,
    },
}

pub struct ImapPlan {
    pub connect: ConnectPlan,
    pub creds: Option<Credentials>,
    /// None: LOGIN; Some(None): AUTHENTICATE with the strongest offered; Some(Some(m)): that one.
    pub sasl: Option<Option<Mechanism>>,
    pub show_data: bool,
    pub action: ImapAction,
}

impl ImapPlan {
    pub fn data_to_stdout(&self) -> bool {
        matches!(
            &self.action,
            ImapAction::Fetch {
                mode: FetchMode::Part { output: None, .. },
                ..
            }
        )
    }
}

fn no_controls(what: &str, s: &str) -> Result<(), Failure> {
    if s.chars().any(|c| c.is_control()) {
        return Err(Failure::usage(format!(
            "{what} {s:?} contains control characters"
        )));
    }
    Ok(())
}

pub fn imap(cmd: &crate::cli::ImapCommand) -> Result<ImapPlan, Failure> {
    use crate::cli::ImapCommand as C;
    let conn = cmd.conn();
    let default_port = if conn.connect.tls { 993 } else { 143 };
    let connect = connect(&conn.connect, default_port, None)?;
    let action = match cmd {
        C::Capability { .. } => ImapAction::Capability,
        C::List {
            reference,
            pattern,
            status,
            ..
        } => {
            no_controls("reference", reference)?;
            no_controls("pattern", pattern)?;
            ImapAction::List {
                reference: reference.clone(),
                pattern: pattern.clone(),
                status: *status,
            }
        }
        C::Select { mailbox, .. } => {
            no_controls("mailbox", mailbox)?;
            ImapAction::Select {
                mailbox: mailbox.clone(),
            }
        }
        C::Search {
            mailbox,
            criteria,
            uid,
            ..
        } => {
            no_controls("mailbox", mailbox)?;
            let criteria = criteria.join(" ");
            no_controls("criteria", &criteria)?;
            if !criteria.is_ascii() {
                return Err(Failure::usage(
                    "search criteria must be ASCII (non-ASCII needs CHARSET and literals, not supported yet)",
                ));
            }
            ImapAction::Search {
                mailbox: mailbox.clone(),
                criteria,
                uid: *uid,
            }
        }
        C::Fetch {
            mailbox,
            set,
            full,
            part,
            output,
            force,
            uid,
            mark_seen,
            ..
        } => {
            no_controls("mailbox", mailbox)?;
            // RFC 9051 §9 sequence-set: numbers, '*', ':' and ','.
            if set.is_empty()
                || !set
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"*:,".contains(&b))
            {
                return Err(Failure::usage(format!(
                    "{set:?} is not a message set (e.g. 1:*, 4,7:9)"
                )));
            }
            let mode = if *full {
                let dir = output
                    .clone()
                    .ok_or_else(|| Failure::usage("--full needs -o DIR"))?;
                // `-o -` means stdout elsewhere (`--part`, `pop3 retr`); here it would silently
                // create a directory named "-".
                if dir.as_os_str() == "-" {
                    return Err(Failure::usage(
                        "--full writes one file per message into a directory, so it cannot go to stdout (-o -): give a directory",
                    ));
                }
                FetchMode::Full { dir }
            } else if let Some(section) = part {
                if section.is_empty()
                    || !section
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".() -".contains(&b))
                {
                    return Err(Failure::usage(format!(
                        "{section:?} is not a body section (e.g. 1, 1.2, HEADER, TEXT)"
                    )));
                }
                FetchMode::Part {
                    section: section.to_ascii_uppercase(),
                    output: output.clone(),
                }
            } else {
                FetchMode::Headers
            };
            ImapAction::Fetch {
                mailbox: mailbox.clone(),
                set: set.clone(),
                mode,
                force: *force,
                uid: *uid,
                mark_seen: *mark_seen,
            }
        }
        C::Idle {
            mailbox, duration, ..
        } => {
            no_controls("mailbox", mailbox)?;
            ImapAction::Idle {
                mailbox: mailbox.clone(),
                duration: *duration,
            }
        }
        C::Raw { command, .. } => {
            no_controls("command", command)?;
            ImapAction::Raw {
                command: command.clone(),
            }
        }
    };
    if conn.connect.user.is_none() && action != ImapAction::Capability {
        return Err(Failure::usage(
            "this IMAP command needs a login: give --user",
        ));
    }
    if conn.auth.is_some() && conn.connect.user.is_none() {
        return Err(Failure::usage("--auth needs --user"));
    }
    Ok(ImapPlan {
        connect,
        creds: credentials(&conn.connect)?,
        sasl: conn.auth.map(mechanism),
        show_data: conn.show_data,
        action,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsAction {
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
}

pub struct DnsCmdPlan {
    pub dns: DnsPlan,
    pub action: DnsAction,
}

/// A domain as the user typed it → lowercase A-labels without the trailing dot (IDNA, UTS #46).
pub fn domain_arg(s: &str) -> Result<String, Failure> {
    let t = s.trim().trim_end_matches('.');
    if t.is_empty() {
        return Err(Failure::usage("empty domain name"));
    }
    let ascii = idna::domain_to_ascii(t)
        .map_err(|_| Failure::usage(format!("{s:?} is not a valid domain name")))?;
    if ascii.len() > 253 || ascii.split('.').any(|l| l.is_empty() || l.len() > 63) {
        return Err(Failure::usage(format!(
            "{s:?} is not a valid domain name (label or name too long, or empty label)"
        )));
    }
    Ok(ascii)
}

/// A signing domain (`d=`): a domain name as [`domain_arg`] reads it that is also what a
/// verifier accepts in d= (RFC 6376 §3.5 `domain-name`: letters, digits and hyphens, at least
/// two labels). IDNA alone lets through names such as `exampl(e.com`, which every verifier
/// rejects as permerror: better to refuse before signing than to sign mail that cannot verify.
fn dkim_domain_arg(s: &str) -> Result<String, Failure> {
    let d = domain_arg(s)?;
    if !crate::dkim::verify::valid_domain(&d) {
        return Err(Failure::usage(format!(
            "{s:?} cannot be a DKIM signing domain: d= needs letters, digits and hyphens in at \
             least two labels (RFC 6376 §3.5), or verifiers reject the signature"
        )));
    }
    Ok(d)
}

fn selector_arg(s: &str) -> Result<String, Failure> {
    let t = s.trim();
    if t.is_empty()
        || !t.split('.').all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    {
        return Err(Failure::usage(format!("{s:?} is not a DKIM selector")));
    }
    Ok(t.to_ascii_lowercase())
}

pub fn dns(cmd: &crate::cli::DnsCommand) -> Result<DnsCmdPlan, Failure> {
    use crate::cli::DnsCommand as C;
    let o = cmd.opts();
    let nameservers = o
        .nameserver
        .iter()
        .map(|s| parse_nameserver(s))
        .collect::<Result<Vec<_>, _>>()?;
    let dns = DnsPlan {
        nameservers,
        tcp: o.tcp,
        timeout: o.timeout,
        attempts: 2,
        max_time: max_time(o.max_time, DEFAULT_MAX_TIME),
    };
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

pub struct DkimVerifyPlan {
    pub dns: DnsPlan,
    /// Files, Maildir directories, mbox files; `-` for stdin.
    pub inputs: Vec<String>,
    pub debug_canon: bool,
    pub arc: bool,
    pub keys: DkimKeyPlan,
}

/// `--at` and `--key` (see [`crate::cli::DkimKeyOpts`]).
#[derive(Debug, Clone, Default)]
pub struct DkimKeyPlan {
    /// Unix seconds to verify at; `None`: now.
    pub at: Option<u64>,
    /// (`<s>._domainkey.<d>` lowercase, file) to use instead of DNS.
    pub files: Vec<(String, std::path::PathBuf)>,
}

fn dkim_key_plan(o: &crate::cli::DkimKeyOpts) -> Result<DkimKeyPlan, Failure> {
    let at = o.at.as_deref().map(dkim_time::parse_time).transpose()?;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for k in &o.keys {
        let (name, file) = crate::dkim::localkey::parse_arg(k).map_err(Failure::usage)?;
        if files.iter().any(|(n, _)| *n == name) {
            return Err(Failure::usage(format!("--key names {name} twice")));
        }
        files.push((name, file));
    }
    Ok(DkimKeyPlan { at, files })
}

pub struct DkimSignPlan {
    pub key: std::path::PathBuf,
    pub selector: String,
    pub domain: String,
    /// Empty: the default header list.
    pub headers: Vec<String>,
    /// None or `-`: stdin.
    pub input: Option<String>,
}

pub struct DkimKeygenPlan {
    pub algo: crate::cli::KeyAlgo,
    pub bits: u32,
    pub selector: String,
    pub domain: String,
    pub output: std::path::PathBuf,
    pub force: bool,
}

pub enum DkimPlan {
    Verify(DkimVerifyPlan),
    Sign(DkimSignPlan),
    Keygen(DkimKeygenPlan),
}

impl DkimPlan {
    /// `dkim sign` writes the signed message to stdout (the transcript goes to stderr).
    pub fn data_to_stdout(&self) -> bool {
        matches!(self, DkimPlan::Sign(_))
    }
}

pub fn dkim(cmd: &crate::cli::DkimCommand) -> Result<DkimPlan, Failure> {
    use crate::cli::DkimCommand as C;
    Ok(match cmd {
        C::Verify {
            dns,
            inputs,
            debug_canon,
            arc,
            keys,
        } => {
            let nameservers = dns
                .nameserver
                .iter()
                .map(|s| parse_nameserver(s))
                .collect::<Result<Vec<_>, _>>()?;
            DkimPlan::Verify(DkimVerifyPlan {
                dns: DnsPlan {
                    nameservers,
                    tcp: dns.tcp,
                    timeout: dns.timeout,
                    attempts: 2,
                    max_time: max_time(dns.max_time, DEFAULT_MAX_TIME),
                },
                inputs: if inputs.is_empty() {
                    vec!["-".into()]
                } else {
                    inputs.clone()
                },
                debug_canon: *debug_canon,
                arc: *arc,
                keys: dkim_key_plan(keys)?,
            })
        }
        C::Sign {
            key,
            selector,
            domain,
            headers,
            input,
        } => DkimPlan::Sign(DkimSignPlan {
            key: key.clone(),
            selector: selector_arg(selector)?,
            domain: dkim_domain_arg(domain)?,
            headers: headers
                .iter()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect(),
            input: input.clone(),
        }),
        C::Keygen {
            algo,
            bits,
            selector,
            domain,
            output,
            force,
        } => DkimPlan::Keygen(DkimKeygenPlan {
            algo: *algo,
            bits: *bits,
            selector: selector_arg(selector)?,
            domain: dkim_domain_arg(domain)?,
            output: output.clone(),
            force: *force,
        }),
    })
}

pub struct DmarcEvalPlan {
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

pub fn dmarc(cmd: &crate::cli::DmarcCommand) -> Result<DmarcEvalPlan, Failure> {
    use crate::cli::DmarcCommand as C;
    let C::Evaluate {
        dns,
        input,
        ip,
        mail_from,
        helo,
        keys,
    } = cmd;
    let nameservers = dns
        .nameserver
        .iter()
        .map(|s| parse_nameserver(s))
        .collect::<Result<Vec<_>, _>>()?;
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
        dns: DnsPlan {
            nameservers,
            tcp: dns.tcp,
            timeout: dns.timeout,
            attempts: 2,
            max_time: max_time(dns.max_time, DEFAULT_MAX_TIME),
        },
        input: input.clone().unwrap_or_else(|| "-".into()),
        ip: *ip,
        mail_from,
        helo,
        keys: dkim_key_plan(keys)?,
    })
}
