//! `check` arguments → a plan: the targets (command line and `--targets` TOML file, each with
//! its overrides), their connection and login plans, thresholds, and the output format. Every
//! problem here is a usage or local error, which `check` reports as UNKNOWN.

mod endpoint;
mod roundtrip;
mod targets;

use super::exit::ExitPolicy;
use super::{ConnectPlan, OutputMode, OutputPlan};
use crate::cli::{
    CheckCommand, CheckFormat, CheckOutputArgs, OutputArgs, ThresholdArgs, parse_threshold,
};
use crate::error::{Failure, Phase};
use crate::proto::pop3::Login as Pop3Login;
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::smtp::session::AuthPlan;
use crate::report::check::{Format, Limits, PhaseLimit, View};
use endpoint::{SmtpOpts, endpoints};
use std::time::Duration;

/// The protocol of an endpoint check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Proto {
    Smtp,
    Imap,
    Pop3,
}

impl Proto {
    pub(crate) fn as_str(self) -> &'static str {
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
                | Phase::Proxy
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
pub(crate) const ROUNDTRIP_PHASES: &[&str] = &["login", "send", "delivery", "cleanup"];

/// How an endpoint check logs in.
pub(crate) enum Login {
    Smtp(AuthPlan),
    Imap {
        creds: Credentials,
        /// None: LOGIN; Some(None): AUTHENTICATE with the strongest offered; Some(Some(m)).
        sasl: Option<Option<Mechanism>>,
    },
    Pop3(Pop3Login),
}

/// One server to check.
pub(crate) struct EndpointPlan {
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
pub(crate) enum MailboxKind {
    Imap { mailbox: String },
    Pop3,
}

/// `check roundtrip`.
pub(crate) struct RoundtripPlan {
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

pub(crate) enum Job {
    Endpoint(Box<EndpointPlan>),
    Roundtrip(Box<RoundtripPlan>),
    Domain(Box<DomainPlan>),
}

/// `check domain`: one audit, judged by its findings and the thresholds.
pub(crate) struct DomainPlan {
    pub name: String,
    pub audit: crate::audit::AuditPlan,
    pub limits: Limits,
    /// `--ignore-warnings`: only errors count.
    pub ignore_warnings: bool,
}

impl Job {
    pub(crate) fn name(&self) -> &str {
        match self {
            Job::Endpoint(e) => &e.name,
            Job::Roundtrip(r) => &r.name,
            Job::Domain(d) => &d.name,
        }
    }
}

/// How the run reports: the view the renderers read, and colour for the printer.
#[derive(Debug, Clone)]
pub(crate) struct CheckOutput {
    pub view: View,
    pub color: bool,
}

pub(crate) struct CheckPlan {
    /// e.g. "check imap".
    pub command: String,
    pub jobs: Vec<Job>,
    /// Some job uses --insecure (warned about on stderr).
    pub insecure: bool,
    /// --show-secrets: the printer must not redact what the sessions chose to show.
    pub show_secrets: bool,
}

pub(crate) fn command_name(cmd: &CheckCommand) -> &'static str {
    match cmd {
        CheckCommand::Smtp { .. } => "check smtp",
        CheckCommand::Imap { .. } => "check imap",
        CheckCommand::Pop3 { .. } => "check pop3",
        CheckCommand::Roundtrip(_) => "check roundtrip",
        CheckCommand::Domain(_) => "check domain",
    }
}

fn output_args(cmd: &CheckCommand) -> &CheckOutputArgs {
    match cmd {
        CheckCommand::Smtp { common, .. }
        | CheckCommand::Imap { common }
        | CheckCommand::Pop3 { common, .. } => &common.output,
        CheckCommand::Roundtrip(r) => &r.output,
        CheckCommand::Domain(d) => &d.output,
    }
}

impl CheckOutput {
    /// The printer's settings: JSON Lines for `--format json`, verdicts only for human `-q`;
    /// Nagios and Prometheus text is printed as rendered.
    pub(crate) fn printer(&self) -> OutputPlan {
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
pub(crate) fn plan(
    global: &OutputArgs,
    cmd: &CheckCommand,
) -> (CheckOutput, Result<CheckPlan, Failure>) {
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
pub(crate) const EXIT: ExitPolicy = ExitPolicy::Nagios;

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
        CheckCommand::Domain(d) => {
            let mut audit = super::audit::audit(&d.audit)?;
            // The certificate days are the thresholds' (WARNING and CRITICAL), not the audit's
            // own warning, so that one certificate is judged once.
            audit.cert_warn_days = i64::from(d.thresholds.cert_warn_days);
            // A monitoring system waits about a minute for a plugin, as for the other checks.
            audit.dns.max_time = super::max_time(d.audit.dns.max_time, super::CHECK_MAX_TIME);
            vec![Job::Domain(Box::new(DomainPlan {
                name: audit.domain.clone(),
                limits: limits(&d.thresholds, &[])?,
                ignore_warnings: d.ignore_warnings,
                audit,
            }))]
        }
    };
    let insecure = jobs.iter().any(|j| match j {
        Job::Endpoint(e) => e.connect.tls.insecure,
        Job::Roundtrip(r) => r.smtp.tls.insecure,
        Job::Domain(_) => false,
    });
    let show_secrets = jobs.iter().any(|j| match j {
        Job::Endpoint(e) => e.connect.show_secrets,
        Job::Roundtrip(_) | Job::Domain(_) => false,
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
                "resolve", "connect", "proxy", "tls", "banner", "ehlo", "starttls", "auth", "mail",
                "rcpt", "quit"
            ]
        );
        for p in [Proto::Imap, Proto::Pop3] {
            assert_eq!(
                p.phases(),
                [
                    "resolve", "connect", "proxy", "tls", "banner", "capa", "starttls", "auth",
                    "quit"
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
