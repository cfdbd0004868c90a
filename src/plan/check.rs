//! `check` arguments → a plan: the targets (command line and `--targets` TOML file, each with
//! its overrides), their connection and login plans, thresholds, and the output format. Every
//! problem here is a usage or local error, which `check` reports as UNKNOWN.

mod roundtrip;
mod targets;

use super::exit::ExitPolicy;
use super::{
    ConnectPlan, OutputMode, OutputPlan, bare_addr, check_addr, connect, credentials,
    local_hostname, mechanism,
};
use crate::cli::{
    AuthChoice, CheckCommand, CheckCommon, CheckFormat, CheckOutputArgs, ConnectArgs, OutputArgs,
    ThresholdArgs, parse_duration, parse_threshold,
};
use crate::error::{Failure, Phase};
use crate::proto::pop3::Login as Pop3Login;
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::smtp::session::AuthPlan;
use crate::report::check::{Format, Limits, PhaseLimit, View};
use std::path::{Path, PathBuf};
use std::time::Duration;
use targets::{MAX_TARGETS, TargetEntry, read_targets_file};

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
        CheckCommand::Roundtrip(r) => vec![Job::Roundtrip(Box::new(roundtrip::roundtrip(r)?))],
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
pub(crate) fn limits(t: &ThresholdArgs, phases: &[&str]) -> Result<Limits, Failure> {
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
}
