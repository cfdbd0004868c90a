//! `check smtp|imap|pop3` targets → endpoint plans: the command line is every target's
//! default, and a `--targets` file entry overrides it field by field (its paths relative to the
//! file, its errors naming the target).

use super::targets::{MAX_TARGETS, TargetEntry, read_targets_file};
use super::{EndpointPlan, Job, Login, Proto, limits};
use crate::cli::{AuthChoice, CheckCommon, ConnectArgs, parse_duration, parse_threshold};
use crate::error::Failure;
use crate::plan::{Target, bare_addr, check_addr, connect, credentials, local_hostname, mechanism};
use crate::proto::pop3::Login as Pop3Login;
use crate::proto::smtp::session::AuthPlan;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Default)]
pub(super) struct SmtpOpts {
    pub(super) helo: Option<String>,
    pub(super) send_test: bool,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
}

pub(super) fn endpoints(
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
    connect.max_time = crate::plan::max_time(args.max_time, crate::plan::CHECK_MAX_TIME);
    let name = match (&e.name, &connect.target) {
        (Some(n), _) => {
            if n.is_empty() || n.chars().any(char::is_control) {
                return Err(ctx(format!("name {n:?}: empty or has control characters")));
            }
            n.clone()
        }
        (None, Target::Server(ep)) => ep.to_string(),
        (None, Target::Mx { domain, port }) => format!("{domain}:{port}"),
    };

    let auth = match &e.auth {
        Some(a) => Some(
            <AuthChoice as clap::ValueEnum>::from_str(a, true).map_err(|_| {
                ctx(format!(
                    "auth {a:?}: expected auto, scram-sha-256, scram-sha-1, cram-md5, plain, login, oauthbearer, xoauth2 or external"
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
    if auth.is_some_and(|a| a != AuthChoice::External) && args.user.is_none() {
        return Err(ctx("--auth needs --user".into()));
    }
    let creds = credentials(&args, auth, &connect)
        .map_err(|f| if from_file { ctx(f.message) } else { f })?;
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
