//! `check` arguments → a plan: the targets (command line and `--targets` TOML file, each with
//! its overrides), their connection and login plans, thresholds, and the output format. Every
//! problem here is a usage or local error, which `check` reports as UNKNOWN.

use super::exit::ExitPolicy;
use super::{
    ConnectPlan, OutputMode, OutputPlan, bare_addr, check_addr, connect, credentials,
    local_hostname, mechanism,
};
use crate::cli::{
    AuthChoice, CheckCommand, CheckCommon, CheckFormat, CheckOutputArgs, ConnectArgs, OutputArgs,
    RoundtripArgs, Security, ThresholdArgs, parse_duration, parse_threshold,
};
use crate::error::{Failure, Phase};
use crate::proto::pop3::Login as Pop3Login;
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::smtp::session::AuthPlan;
use crate::report::check::{Format, Limits, PhaseLimit, View};
use crate::secret::PasswordSource;
use crate::transport::Endpoint;
use crate::transport::tls::TlsPlan;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The protocol of an endpoint check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    Smtp,
    Imap,
    Pop3,
}

impl Proto {
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Smtp => "smtp",
            Proto::Imap => "imap",
            Proto::Pop3 => "pop3",
        }
    }

    fn parse(s: &str) -> Option<Proto> {
        match s.to_ascii_lowercase().as_str() {
            "smtp" => Some(Proto::Smtp),
            "imap" => Some(Proto::Imap),
            "pop3" => Some(Proto::Pop3),
            _ => None,
        }
    }

    /// The protocol's port: plain (or STARTTLS) and implicit TLS.
    fn default_port(self, tls: bool) -> u16 {
        match (self, tls) {
            (Proto::Smtp, false) => 25,
            (Proto::Smtp, true) => 465,
            (Proto::Imap, false) => 143,
            (Proto::Imap, true) => 993,
            (Proto::Pop3, false) => 110,
            (Proto::Pop3, true) => 995,
        }
    }

    /// The phases an endpoint check can time, in session order: the names of the
    /// [`Phase`]s its sessions enter (no message is sent, no mailbox opened).
    fn phases(self) -> Vec<&'static str> {
        Phase::ALL
            .iter()
            .filter(|&&p| match p {
                Phase::Resolve
                | Phase::Connect
                | Phase::Tls
                | Phase::Banner
                | Phase::Starttls
                | Phase::Auth
                | Phase::Quit => true,
                Phase::Ehlo | Phase::Mail | Phase::Rcpt => self == Proto::Smtp,
                Phase::Capa => self != Proto::Smtp,
                // Never timed (Setup, Capability) or not part of a check.
                Phase::Setup | Phase::Data | Phase::Select | Phase::Command | Phase::Capability => {
                    false
                }
            })
            .map(|p| p.as_str())
            .collect()
    }
}

/// The phases of a roundtrip: the mailbox login before sending, the SMTP session, the wait for
/// the message, and removing it.
pub const ROUNDTRIP_PHASES: &[&str] = &["login", "send", "delivery", "cleanup"];

/// How an endpoint check logs in.
pub enum Login {
    Smtp(AuthPlan),
    Imap {
        creds: Credentials,
        /// None: LOGIN; Some(None): AUTHENTICATE with the strongest offered; Some(Some(m)).
        sasl: Option<Option<Mechanism>>,
    },
    Pop3(Pop3Login),
}

/// One server to check.
pub struct EndpointPlan {
    /// The label in every output: HOST:PORT, or the `name` from the targets file.
    pub name: String,
    pub proto: Proto,
    pub connect: ConnectPlan,
    pub login: Option<Login>,
    pub expect_banner: Option<regex::Regex>,
    pub limits: Limits,
    /// SMTP: the EHLO name.
    pub helo: String,
    /// SMTP `--send-test`: (MAIL FROM, RCPT TO).
    pub send_test: Option<(String, String)>,
}

/// Where a roundtrip looks for its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailboxKind {
    Imap { mailbox: String },
    Pop3,
}

/// `check roundtrip`.
pub struct RoundtripPlan {
    pub name: String,
    pub smtp: ConnectPlan,
    pub mailbox: ConnectPlan,
    pub kind: MailboxKind,
    pub creds: Credentials,
    /// `--auth`: None when not given; Some(None): the strongest offered.
    pub auth: Option<Option<Mechanism>>,
    pub from: String,
    pub to: String,
    pub helo: String,
    pub deadline: Duration,
    pub poll: Duration,
    pub keep: bool,
    pub limits: Limits,
}

pub enum Job {
    Endpoint(Box<EndpointPlan>),
    Roundtrip(Box<RoundtripPlan>),
}

impl Job {
    pub fn name(&self) -> &str {
        match self {
            Job::Endpoint(e) => &e.name,
            Job::Roundtrip(r) => &r.name,
        }
    }
}

/// How the run reports: the view the renderers read, and colour for the printer.
#[derive(Debug, Clone)]
pub struct CheckOutput {
    pub view: View,
    pub color: bool,
}

pub struct CheckPlan {
    /// e.g. "check imap".
    pub command: String,
    pub jobs: Vec<Job>,
    /// Some job uses --insecure (warned about on stderr).
    pub insecure: bool,
    /// --show-secrets: the printer must not redact what the sessions chose to show.
    pub show_secrets: bool,
}

pub fn command_name(cmd: &CheckCommand) -> &'static str {
    match cmd {
        CheckCommand::Smtp { .. } => "check smtp",
        CheckCommand::Imap { .. } => "check imap",
        CheckCommand::Pop3 { .. } => "check pop3",
        CheckCommand::Roundtrip(_) => "check roundtrip",
    }
}

fn output_args(cmd: &CheckCommand) -> &CheckOutputArgs {
    match cmd {
        CheckCommand::Smtp { common, .. }
        | CheckCommand::Imap { common }
        | CheckCommand::Pop3 { common, .. } => &common.output,
        CheckCommand::Roundtrip(r) => &r.output,
    }
}

impl CheckOutput {
    /// The printer's settings: JSON Lines for `--format json`, verdicts only for human `-q`;
    /// Nagios and Prometheus text is printed as rendered.
    pub fn printer(&self) -> OutputPlan {
        OutputPlan {
            mode: match self.view.format {
                Format::Json => OutputMode::Json,
                Format::Human if self.view.quiet => OutputMode::Quiet,
                _ => OutputMode::Human,
            },
            color: self.color,
        }
    }
}

/// The output settings; `--json` is another way to say `--format json`.
fn output(global: &OutputArgs, cmd: &CheckCommand) -> (CheckOutput, Option<Failure>) {
    let o = output_args(cmd);
    let mut problem = None;
    let format = if global.json {
        if o.format != CheckFormat::Human && o.format != CheckFormat::Json {
            problem = Some(Failure::usage(
                "--json and --format disagree: give one of them",
            ));
            o.format
        } else {
            CheckFormat::Json
        }
    } else {
        o.format
    };
    let format = match format {
        CheckFormat::Human => Format::Human,
        CheckFormat::Json => Format::Json,
        CheckFormat::Nagios => Format::Nagios,
        CheckFormat::Prometheus => Format::Prometheus,
    };
    let base = super::output(global);
    (
        CheckOutput {
            view: View {
                format,
                quiet: global.quiet,
                transcript: o.transcript_on_failure.clone(),
            },
            color: base.color && format == Format::Human,
        },
        problem,
    )
}

/// The output settings and the plan: `check` reports even a failed plan in the format asked
/// for, so the output is decided first.
pub fn plan(global: &OutputArgs, cmd: &CheckCommand) -> (CheckOutput, Result<CheckPlan, Failure>) {
    let (out, problem) = output(global, cmd);
    let plan = match problem {
        Some(f) => Err(f),
        None => check(cmd).and_then(|p| {
            // The transcript file is written at the end: a name it cannot take is UNKNOWN now,
            // before any server is checked, not a note after the verdict.
            if let Some(path) = &out.view.transcript {
                crate::outfile::check_replaceable(path)?;
            }
            Ok(p)
        }),
    };
    (out, plan)
}

/// How `check`'s exit code is set, whatever happens (see [`ExitPolicy`]).
pub const EXIT: ExitPolicy = ExitPolicy::Nagios;

fn check(cmd: &CheckCommand) -> Result<CheckPlan, Failure> {
    let command = command_name(cmd).to_string();
    let transcript = output_args(cmd).transcript_on_failure.is_some();
    let jobs = match cmd {
        CheckCommand::Smtp {
            common,
            helo,
            send_test,
            from,
            to,
        } => {
            let smtp = SmtpOpts {
                helo: helo.clone(),
                send_test: *send_test,
                from: from.clone(),
                to: to.clone(),
            };
            endpoints(Proto::Smtp, common, &smtp, false)?
        }
        CheckCommand::Imap { common } => {
            endpoints(Proto::Imap, common, &SmtpOpts::default(), false)?
        }
        CheckCommand::Pop3 { common, apop } => {
            endpoints(Proto::Pop3, common, &SmtpOpts::default(), *apop)?
        }
        CheckCommand::Roundtrip(r) => vec![Job::Roundtrip(Box::new(roundtrip(r)?))],
    };
    let insecure = jobs.iter().any(|j| match j {
        Job::Endpoint(e) => e.connect.tls.insecure,
        Job::Roundtrip(r) => r.smtp.tls.insecure,
    });
    let show_secrets = jobs.iter().any(|j| match j {
        Job::Endpoint(e) => e.connect.show_secrets,
        Job::Roundtrip(_) => false,
    });
    if show_secrets && transcript {
        return Err(Failure::usage(
            "--show-secrets with --transcript-on-failure would write passwords to a file; drop one",
        ));
    }
    Ok(CheckPlan {
        command,
        jobs,
        insecure,
        show_secrets,
    })
}

#[derive(Default)]
struct SmtpOpts {
    helo: Option<String>,
    send_test: bool,
    from: Option<String>,
    to: Option<String>,
}

/// One `[[target]]` of a `--targets` file: the server and what differs from the command line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetEntry {
    server: String,
    name: Option<String>,
    protocol: Option<String>,
    port: Option<u16>,
    tls: Option<bool>,
    starttls: Option<bool>,
    sni: Option<String>,
    /// Replaces the command line's --ca-file list: one path or a list, relative to the file.
    ca_file: Option<OneOrMore<PathBuf>>,
    insecure: Option<bool>,
    user: Option<String>,
    password_env: Option<String>,
    password_file: Option<PathBuf>,
    auth: Option<String>,
    apop: Option<bool>,
    timeout: Option<String>,
    connect_timeout: Option<String>,
    max_time: Option<String>,
    warn: Option<String>,
    crit: Option<String>,
    warn_phase: Option<BTreeMap<String, String>>,
    crit_phase: Option<BTreeMap<String, String>>,
    cert_warn_days: Option<u32>,
    cert_crit_days: Option<u32>,
    expect_banner: Option<String>,
    helo: Option<String>,
    send_test: Option<bool>,
    from: Option<String>,
    to: Option<String>,
}

/// A key that takes one value or a list (`ca_file = "ca.pem"` or `ca_file = ["a.pem", "b.pem"]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMore<T> {
    One(T),
    More(Vec<T>),
}

impl<T> OneOrMore<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMore::One(t) => vec![t],
            OneOrMore::More(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    #[serde(default)]
    target: Vec<TargetEntry>,
}

/// The most targets one run may have: each is a concurrent connection.
const MAX_TARGETS: usize = 1000;

fn read_targets_file(path: &Path) -> Result<Vec<TargetEntry>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::local_io(format!("--targets {}: {e}", path.display())))?;
    let file: TargetsFile = toml::from_str(&text).map_err(|e| {
        Failure::usage(format!(
            "--targets {}: {}",
            path.display(),
            toml_problem(&text, &e)
        ))
    })?;
    if file.target.is_empty() {
        return Err(Failure::usage(format!(
            "--targets {}: no [[target]] tables",
            path.display()
        )));
    }
    Ok(file.target)
}

/// A targets-file error a person can act on without the file's text in it: where (line and
/// column, 1-based), which key and which `[[target]]`, and what is wrong. The toml crate's own
/// Display quotes the offending source line, and serde's "invalid type: string \"…\"" quotes the
/// value: either can be a password someone put in the file by mistake (`password = "…"` is
/// refused as an unknown key, and its refusal must not print it). Values are never quoted.
fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let what = toml_message(e.message());
    let Some(span) = e.span() else {
        return what;
    };
    let start = span.start.min(text.len());
    let start = (0..=start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..start];
    let line_no = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let mut place = format!("line {line_no}, column {column}");
    if let Some(k) = toml_key(line, start - line_start) {
        place.push_str(&format!(", key `{k}`"));
    }
    let table = before
        .lines()
        .filter(|l| l.trim_start().starts_with("[[target]]"))
        .count();
    if table > 0 {
        place.push_str(&format!(" of [[target]] #{table}"));
    }
    format!("{place}: {what}")
}

/// The key a problem at byte `at` of `line` belongs to: the key before the nearest `=` left of
/// it (with the outer key of an inline table: `warn_phase.tls`), or the key the position is on.
/// Only bare keys (TOML 1.0, "Keys": `A-Za-z0-9_-`) are named, so nothing but a key name
/// from the file is ever printed.
fn toml_key(line: &str, at: usize) -> Option<String> {
    let bare = |k: &str| {
        let k = k.trim().trim_matches(['"', '\'']);
        (!k.is_empty()
            && k.len() <= 64
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then(|| k.to_string())
    };
    let last_key = |s: &str| {
        let s = s.rfind(['{', ',']).map_or(s, |i| &s[i + 1..]);
        bare(s)
    };
    let at = at.min(line.len());
    let head = line.get(..at).unwrap_or("");
    let outer = line.split_once('=').and_then(|(k, _)| bare(k));
    match head.rfind('=') {
        Some(eq) => {
            let inner = last_key(&head[..eq])?;
            match outer {
                Some(o) if head[..eq].contains('{') => Some(format!("{o}.{inner}")),
                _ => Some(inner),
            }
        }
        // The position is on a key (an unknown or duplicate key).
        None => {
            let rest = line.get(at..).unwrap_or("");
            let key = rest.split('=').next().unwrap_or("");
            if rest.contains('=') { bare(key) } else { None }
        }
    }
}

/// The toml/serde message without any value in it: `invalid type: string "s3cret", expected
/// u16` becomes `invalid type: a string, expected u16`. Key names (`unknown field `x``) and the
/// parser's own descriptions are kept.
fn toml_message(m: &str) -> String {
    let m = m.trim();
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = m.strip_prefix(lead) {
            let (got, expected) = match rest.rfind(", expected ") {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            let kind = got.split(['"', '`', '\'']).next().unwrap_or("").trim();
            let kind = match kind {
                "" => "a value".to_string(),
                k if k.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {k}"),
                k => format!("a {k}"),
            };
            return format!("{lead}{kind}{expected}");
        }
    }
    // Anything else quoting text in double or single quotes: the quoted part may be a value.
    let mut out = String::new();
    let mut quote = None;
    for c in m.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push('…');
                out.push(c);
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    out
}

fn endpoints(
    default_proto: Proto,
    common: &CheckCommon,
    smtp: &SmtpOpts,
    apop: bool,
) -> Result<Vec<Job>, Failure> {
    let mut entries: Vec<(TargetEntry, Option<PathBuf>)> = Vec::new();
    for s in common.connect.server.iter().chain(&common.target) {
        entries.push((
            TargetEntry {
                server: s.clone(),
                ..TargetEntry::default()
            },
            None,
        ));
    }
    if let Some(path) = &common.targets_file {
        let base = path.parent().map(Path::to_path_buf);
        for e in read_targets_file(path)? {
            entries.push((e, base.clone()));
        }
    }
    if entries.is_empty() {
        return Err(Failure::usage(
            "nothing to check: give --server, --target or --targets FILE",
        ));
    }
    if entries.len() > MAX_TARGETS {
        return Err(Failure::usage(format!(
            "{} targets: at most {MAX_TARGETS} per run",
            entries.len()
        )));
    }
    let mut jobs = Vec::new();
    for (e, base) in entries {
        let job = endpoint(default_proto, common, smtp, apop, e, base.as_deref())?;
        if jobs.iter().any(|j: &Job| j.name() == job.name) {
            return Err(Failure::usage(format!(
                "target {:?} is listed twice (give one a different `name`)",
                job.name
            )));
        }
        jobs.push(Job::Endpoint(Box::new(job)));
    }
    Ok(jobs)
}

/// A file path from the targets file: relative to the file's directory.
fn relative_to(base: Option<&Path>, p: PathBuf) -> PathBuf {
    match base {
        Some(b) if p.is_relative() => b.join(p),
        _ => p,
    }
}

fn duration_field(what: &str, s: &str) -> Result<Duration, Failure> {
    parse_duration(s).map_err(|e| Failure::usage(format!("{what} = {s:?}: {e}")))
}

fn endpoint(
    default_proto: Proto,
    common: &CheckCommon,
    smtp: &SmtpOpts,
    apop: bool,
    e: TargetEntry,
    base: Option<&Path>,
) -> Result<EndpointPlan, Failure> {
    let from_file = base.is_some();
    let ctx = |msg: String| {
        if from_file {
            Failure::usage(format!("target {:?}: {msg}", e.server))
        } else {
            Failure::usage(msg)
        }
    };
    let proto = match &e.protocol {
        None => default_proto,
        Some(p) => Proto::parse(p)
            .ok_or_else(|| ctx(format!("protocol {p:?}: expected smtp, imap or pop3")))?,
    };
    // The command line is the default for every target; a file entry overrides field by field.
    let mut args: ConnectArgs = common.connect.clone();
    args.server = Some(e.server.clone());
    if let Some(p) = e.port {
        if p == 0 {
            return Err(ctx(
                "port = 0: it must be a whole number, from 1 to 65535".into()
            ));
        }
        args.port = Some(p);
    }
    if let Some(t) = e.tls {
        args.tls = t;
    }
    if let Some(t) = e.starttls {
        args.starttls = t;
    }
    if args.tls && args.starttls {
        return Err(ctx("tls and starttls cannot both be set".into()));
    }
    if e.sni.is_some() {
        args.sni = e.sni.clone();
    }
    if let Some(files) = e.ca_file {
        args.ca_file = files
            .into_vec()
            .into_iter()
            .map(|f| relative_to(base, f))
            .collect();
    }
    if let Some(i) = e.insecure {
        args.insecure = i;
    }
    if e.user.is_some() {
        args.user = e.user.clone();
        // A user named in the file brings its own password source (or the default one).
        args.password_env = None;
        args.password_file = None;
    }
    if e.password_env.is_some() {
        args.password_env = e.password_env.clone();
        args.password_file = None;
    }
    if let Some(f) = &e.password_file {
        args.password_file = Some(relative_to(base, f.clone()));
        args.password_env = None;
    }
    if (args.password_env.is_some() || args.password_file.is_some()) && args.user.is_none() {
        return Err(ctx("a password source without a user".into()));
    }
    if let Some(t) = &e.timeout {
        args.timeout = duration_field("timeout", t).map_err(|f| ctx(f.message))?;
    }
    if let Some(t) = &e.connect_timeout {
        args.connect_timeout =
            Some(duration_field("connect_timeout", t).map_err(|f| ctx(f.message))?);
    }
    if let Some(t) = &e.max_time {
        let d = parse_threshold(t).map_err(|m| ctx(format!("max_time = {t:?}: {m}")))?;
        args.max_time = Some(d);
    }
    let mut connect =
        connect(&args, proto.default_port(args.tls), None).map_err(|f| ctx(f.message))?;
    connect.max_time = super::max_time(args.max_time, super::CHECK_MAX_TIME);
    let name = match (&e.name, &connect.target) {
        (Some(n), _) => {
            if n.is_empty() || n.chars().any(char::is_control) {
                return Err(ctx(format!("name {n:?}: empty or has control characters")));
            }
            n.clone()
        }
        (None, super::Target::Server(ep)) => ep.to_string(),
        (None, super::Target::Mx { domain, port }) => format!("{domain}:{port}"),
    };

    let auth = match &e.auth {
        Some(a) => Some(
            <AuthChoice as clap::ValueEnum>::from_str(a, true).map_err(|_| {
                ctx(format!(
                    "auth {a:?}: expected auto, plain, login, cram-md5 or xoauth2"
                ))
            })?,
        ),
        None => common.auth,
    };
    let apop = e.apop.unwrap_or(apop);
    if apop && proto != Proto::Pop3 {
        return Err(ctx("apop is for POP3 targets only".into()));
    }
    if apop && auth.is_some() {
        return Err(ctx("apop and auth cannot both be set".into()));
    }
    if auth.is_some() && args.user.is_none() {
        return Err(ctx("--auth needs --user".into()));
    }
    let creds = credentials(&args).map_err(|f| if from_file { ctx(f.message) } else { f })?;
    let login = creds.map(|c| match proto {
        Proto::Smtp => Login::Smtp(AuthPlan {
            mech: mechanism(auth.unwrap_or(AuthChoice::Auto)),
            creds: c,
        }),
        Proto::Imap => Login::Imap {
            creds: c,
            sasl: auth.map(mechanism),
        },
        Proto::Pop3 => Login::Pop3(if apop {
            Pop3Login::Apop(c)
        } else if let Some(a) = auth {
            Pop3Login::Sasl(mechanism(a), c)
        } else {
            Pop3Login::UserPass(c)
        }),
    });

    let expect = e.expect_banner.as_ref().or(common.expect_banner.as_ref());
    let expect_banner = expect
        .map(|re| {
            regex::Regex::new(re).map_err(|err| ctx(format!("--expect-banner {re:?}: {err}")))
        })
        .transpose()?;

    let mut t = common.thresholds.clone();
    if let Some(w) = &e.warn {
        t.warn = Some(parse_threshold(w).map_err(|m| ctx(format!("warn = {w:?}: {m}")))?);
    }
    if let Some(c) = &e.crit {
        t.crit = Some(parse_threshold(c).map_err(|m| ctx(format!("crit = {c:?}: {m}")))?);
    }
    if let Some(m) = &e.warn_phase {
        t.warn_phase = m.iter().map(|(k, v)| format!("{k}={v}")).collect();
    }
    if let Some(m) = &e.crit_phase {
        t.crit_phase = m.iter().map(|(k, v)| format!("{k}={v}")).collect();
    }
    if let Some(d) = e.cert_warn_days {
        t.cert_warn_days = d;
    }
    if let Some(d) = e.cert_crit_days {
        t.cert_crit_days = d;
    }
    let limits = limits(&t, &proto.phases()).map_err(|f| ctx(f.message))?;

    let send_test = e.send_test.unwrap_or(smtp.send_test);
    if proto != Proto::Smtp
        && (e.send_test.is_some() || e.from.is_some() || e.to.is_some() || e.helo.is_some())
    {
        return Err(ctx(
            "helo, send_test, from and to are for SMTP targets only".into(),
        ));
    }
    let send_test = if send_test && proto == Proto::Smtp {
        let to =
            e.to.as_ref()
                .or(smtp.to.as_ref())
                .map(|a| bare_addr(a))
                .ok_or_else(|| ctx("send_test needs a recipient (--to)".into()))?;
        check_addr(&to, "--to").map_err(|f| ctx(f.message))?;
        let from = match e.from.as_ref().or(smtp.from.as_ref()) {
            Some(f) => bare_addr(f),
            None => format!(
                "{}@{}",
                std::env::var("USER").unwrap_or_else(|_| "mailctl".into()),
                local_hostname()
            ),
        };
        check_addr(&from, "--from").map_err(|f| ctx(f.message))?;
        Some((from, to))
    } else {
        None
    };
    let helo = e
        .helo
        .clone()
        .or_else(|| smtp.helo.clone())
        .unwrap_or_else(local_hostname);
    if helo.is_empty() || helo.chars().any(|c| c.is_control() || c == ' ') {
        return Err(ctx(format!("--helo {helo:?}: not a host name")));
    }
    Ok(EndpointPlan {
        name,
        proto,
        connect,
        login,
        expect_banner,
        limits,
        helo,
        send_test,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Thresholds from their arguments, with phase names checked against what the check times.
pub fn limits(t: &ThresholdArgs, phases: &[&str]) -> Result<Limits, Failure> {
    if let (Some(w), Some(c)) = (t.warn, t.crit)
        && w > c
    {
        return Err(Failure::usage(format!(
            "--warn {w:?} is longer than --crit {c:?}: the WARNING range would be empty"
        )));
    }
    if t.cert_crit_days > t.cert_warn_days {
        return Err(Failure::usage(format!(
            "--cert-crit-days {} is more than --cert-warn-days {}",
            t.cert_crit_days, t.cert_warn_days
        )));
    }
    let mut out: Vec<PhaseLimit> = Vec::new();
    for (flag, list, warn) in [
        ("--warn-phase", &t.warn_phase, true),
        ("--crit-phase", &t.crit_phase, false),
    ] {
        for item in list {
            let (phase, dur) = item.split_once('=').ok_or_else(|| {
                Failure::usage(format!(
                    "{flag} {item:?}: expected PHASE=DURATION, e.g. tls=200ms"
                ))
            })?;
            let phase = phase.trim().to_ascii_lowercase();
            if !phases.contains(&phase.as_str()) {
                return Err(Failure::usage(format!(
                    "{flag} {item:?}: no phase {phase:?} in this check (phases: {})",
                    phases.join(", ")
                )));
            }
            let d = parse_threshold(dur)
                .map_err(|e| Failure::usage(format!("{flag} {item:?}: {e}")))?;
            let entry = match out.iter_mut().find(|p| p.phase == phase) {
                Some(p) => p,
                None => {
                    out.push(PhaseLimit {
                        phase: phase.clone(),
                        warn_ms: None,
                        crit_ms: None,
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            let slot = if warn {
                &mut entry.warn_ms
            } else {
                &mut entry.crit_ms
            };
            if slot.is_some() {
                return Err(Failure::usage(format!("{flag}: phase {phase} given twice")));
            }
            *slot = Some(ms(d));
        }
    }
    for p in &out {
        if let (Some(w), Some(c)) = (p.warn_ms, p.crit_ms)
            && w > c
        {
            return Err(Failure::usage(format!(
                "phase {}: the warning threshold is longer than the critical one",
                p.phase
            )));
        }
    }
    Ok(Limits {
        warn_ms: t.warn.map(ms),
        crit_ms: t.crit.map(ms),
        phases: out,
        cert_warn_days: i64::from(t.cert_warn_days),
        cert_crit_days: i64::from(t.cert_crit_days),
    })
}

fn security_default(sec: Option<Security>, port: u16, tls_ports: &[u16]) -> Security {
    sec.unwrap_or(if tls_ports.contains(&port) {
        Security::Tls
    } else {
        Security::Starttls
    })
}

/// One side of a roundtrip: its server (default port `port`), the security asked for (or the
/// default for the port: implicit TLS on `tls_ports`), and the options both sides share.
fn roundtrip_side(
    r: &RoundtripArgs,
    server: &str,
    port: u16,
    security: Option<Security>,
    tls_ports: &[u16],
    max_time: Duration,
) -> Result<ConnectPlan, Failure> {
    let ep = Endpoint::parse(server, port)?;
    let sec = security_default(security, ep.port, tls_ports);
    Ok(ConnectPlan {
        target: super::Target::Server(ep),
        family: super::family(&r.family),
        timeout: r.timeout,
        connect_timeout: r.connect_timeout.unwrap_or(r.timeout),
        max_time: Some(max_time),
        implicit_tls: sec == Security::Tls,
        starttls: sec == Security::Starttls,
        tls: TlsPlan {
            ca_files: r.ca_file.clone(),
            insecure: r.insecure,
            sni: r.sni.clone(),
        },
        dns: super::resolver(&r.nameserver, r.timeout, false)?,
        show_secrets: false,
    })
}

fn roundtrip(r: &RoundtripArgs) -> Result<RoundtripPlan, Failure> {
    let smtp = roundtrip_side(
        r,
        &r.smtp_server,
        587,
        r.smtp_security,
        &[465],
        super::CHECK_MAX_TIME,
    )?;
    let (mbox_server, kind, port) = match (&r.imap_server, &r.pop3_server) {
        (Some(s), None) => {
            let mailbox = r.mailbox.clone().unwrap_or_else(|| "INBOX".into());
            if mailbox.is_empty() || mailbox.chars().any(char::is_control) {
                return Err(Failure::usage(format!(
                    "--mailbox {mailbox:?}: empty or has control characters"
                )));
            }
            (s, MailboxKind::Imap { mailbox }, 993)
        }
        (None, Some(s)) => (s, MailboxKind::Pop3, 995),
        _ => {
            return Err(Failure::usage("give one of --imap-server or --pop3-server"));
        }
    };
    // A mailbox session waits for the message up to --deadline, then cleans up.
    let mailbox = roundtrip_side(
        r,
        mbox_server,
        port,
        r.mailbox_security,
        &[993, 995],
        r.deadline + super::CHECK_MAX_TIME,
    )?;
    let source = match (&r.password_env, &r.password_file) {
        (Some(v), _) => PasswordSource::Env(v.clone()),
        (None, Some(f)) => PasswordSource::File(f.clone()),
        (None, None) => PasswordSource::Default,
    };
    let creds = super::login(&r.user, source)?;
    let user_addr = || {
        r.user.contains('@').then(|| r.user.clone()).ok_or_else(|| {
            Failure::usage(format!(
                "--user {:?} is not an address: give --from and --to",
                r.user
            ))
        })
    };
    let from = match &r.from {
        Some(f) => bare_addr(f),
        None => user_addr()?,
    };
    let to = match &r.to {
        Some(t) => bare_addr(t),
        None => user_addr()?,
    };
    check_addr(&from, "--from")?;
    check_addr(&to, "--to")?;
    if to.is_empty() {
        return Err(Failure::usage("--to: empty address"));
    }
    let helo = r.helo.clone().unwrap_or_else(local_hostname);
    let limits = limits(&r.thresholds, ROUNDTRIP_PHASES)?;
    let name = format!(
        "{} -> {} {}",
        endpoint_label(&smtp),
        match kind {
            MailboxKind::Imap { .. } => "imap",
            MailboxKind::Pop3 => "pop3",
        },
        endpoint_label(&mailbox)
    );
    Ok(RoundtripPlan {
        name,
        smtp,
        mailbox,
        kind,
        creds,
        auth: r.auth.map(mechanism),
        from,
        to,
        helo,
        deadline: r.deadline,
        poll: r.poll,
        keep: r.keep,
        limits,
    })
}

fn endpoint_label(c: &ConnectPlan) -> String {
    match &c.target {
        super::Target::Server(ep) => ep.to_string(),
        super::Target::Mx { domain, port } => format!("{domain}:{port}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> ThresholdArgs {
        ThresholdArgs {
            warn: None,
            crit: None,
            warn_phase: vec![],
            crit_phase: vec![],
            cert_warn_days: 21,
            cert_crit_days: 7,
        }
    }

    #[test]
    fn endpoint_phases_in_session_order() {
        assert_eq!(
            Proto::Smtp.phases(),
            [
                "resolve", "connect", "tls", "banner", "ehlo", "starttls", "auth", "mail", "rcpt",
                "quit"
            ]
        );
        for p in [Proto::Imap, Proto::Pop3] {
            assert_eq!(
                p.phases(),
                [
                    "resolve", "connect", "tls", "banner", "capa", "starttls", "auth", "quit"
                ]
            );
        }
    }

    #[test]
    fn phase_thresholds() {
        let mut a = t();
        a.warn_phase = vec!["tls=200ms".into(), "AUTH=1s".into()];
        a.crit_phase = vec!["tls=1s".into()];
        let l = limits(&a, &Proto::Imap.phases()).unwrap();
        assert_eq!(l.phase("tls").unwrap().warn_ms, Some(200.0));
        assert_eq!(l.phase("tls").unwrap().crit_ms, Some(1000.0));
        assert_eq!(l.phase("auth").unwrap().warn_ms, Some(1000.0));
        for bad in ["tls", "ehlo=1s", "tls=abc", "=1s"] {
            let mut a = t();
            a.warn_phase = vec![bad.into()];
            assert!(limits(&a, &Proto::Imap.phases()).is_err(), "{bad}");
        }
        let mut a = t();
        a.warn_phase = vec!["tls=2s".into()];
        a.crit_phase = vec!["tls=1s".into()];
        assert!(limits(&a, &Proto::Imap.phases()).is_err());
        let mut a = t();
        a.warn_phase = vec!["tls=2s".into(), "tls=3s".into()];
        assert!(limits(&a, &Proto::Imap.phases()).is_err());
    }

    #[test]
    fn ordering_of_warn_and_crit() {
        let mut a = t();
        a.warn = Some(Duration::from_secs(2));
        a.crit = Some(Duration::from_secs(1));
        assert!(limits(&a, &[]).is_err());
        let mut a = t();
        a.cert_warn_days = 3;
        a.cert_crit_days = 7;
        assert!(limits(&a, &[]).is_err());
        let mut a = t();
        a.warn = Some(Duration::ZERO);
        assert_eq!(limits(&a, &[]).unwrap().warn_ms, Some(0.0));
    }

    /// The problem with a targets file, as the user sees it.
    fn problem(text: &str) -> String {
        let e = toml::from_str::<TargetsFile>(text).expect_err(text);
        toml_problem(text, &e)
    }

    #[test]
    fn targets_file_errors_name_the_place_and_key_never_a_value() {
        let secret = "Hunter2-s3cret";
        let head = "[[target]]\nserver = \"a:25\"\n[[target]]\nserver = \"b\"\n";
        let cases = [
            // A password where none may be: an unknown key.
            (
                format!("{head}password = \"{secret}\"\n"),
                "line 5, column 1, key `password` of [[target]] #2: unknown field `password`",
            ),
            // A value of the wrong type on a key.
            (
                format!("{head}port = \"{secret}\"\n"),
                "line 5, column 8, key `port` of [[target]] #2: invalid type: a string, expected u16",
            ),
            (
                format!("{head}user = {{ pw = \"{secret}\" }}\n"),
                "line 5, column 8, key `user` of [[target]] #2: invalid type: a map, expected a string",
            ),
            (
                format!("{head}warn_phase = {{ tls = [\"{secret}\"] }}\n"),
                "line 5, column 22, key `warn_phase.tls` of [[target]] #2: invalid type: a sequence, expected a string",
            ),
            // Syntax errors on the line holding the value.
            (
                format!("{head}password_env = {secret}\n"),
                "line 5, column 16, key `password_env` of [[target]] #2: ",
            ),
            (
                format!("{head}password_file = \"{secret}\n"),
                "line 5, column 32, key `password_file` of [[target]] #2: ",
            ),
            (
                format!("{head}{secret}\n"),
                "line 5, column 15 of [[target]] #2: key with no value",
            ),
            (
                format!("{head}password_env = '{secret}' x\n"),
                "line 5, column ",
            ),
        ];
        for (text, want) in &cases {
            let got = problem(text);
            assert!(!got.contains(secret), "{text:?}: {got}");
            assert!(!got.contains("Hunter"), "{text:?}: {got}");
            assert!(got.starts_with(want), "{text:?}:\n got {got}\nwant {want}");
        }
    }

    #[test]
    fn targets_file_rejects_unknown_keys_and_passwords() {
        let ok: TargetsFile = toml::from_str(
            "[[target]]\nserver = \"a:25\"\nwarn_phase = { tls = \"200ms\" }\n[[target]]\nserver = \"b\"\nprotocol = \"imap\"\n",
        )
        .unwrap();
        assert_eq!(ok.target.len(), 2);
        assert_eq!(ok.target[0].warn_phase.as_ref().unwrap()["tls"], "200ms");
        assert!(
            toml::from_str::<TargetsFile>("[[target]]\nserver = \"a\"\npassword = \"x\"\n")
                .is_err()
        );
        assert!(toml::from_str::<TargetsFile>("[[target]]\nname = \"no server\"\n").is_err());
    }
}
