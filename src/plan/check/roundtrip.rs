//! `check roundtrip` arguments → its plan: two typed connection plans (SMTP submission and the
//! mailbox), one login for both, the addresses and the deadline.

use super::{MailboxKind, ROUNDTRIP_PHASES, RoundtripPlan, limits};
use crate::cli::{RoundtripArgs, Security};
use crate::error::Failure;
use crate::plan::{ConnectPlan, Target, bare_addr, check_addr, local_hostname, mechanism};
use crate::secret::PasswordSource;
use crate::transport::Endpoint;
use crate::transport::tls::TlsPlan;
use std::time::Duration;

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
        target: Target::Server(ep),
        family: crate::plan::connect::family(&r.family),
        timeout: r.timeout,
        connect_timeout: r.connect_timeout.unwrap_or(r.timeout),
        max_time: Some(max_time),
        implicit_tls: sec == Security::Tls,
        starttls: sec == Security::Starttls,
        tls: TlsPlan {
            ca_files: r.ca_file.clone(),
            insecure: r.insecure,
            sni: r.sni.clone(),
            judge_later: false,
            client_cert: None,
        },
        dns: crate::plan::connect::resolver(&r.nameserver, r.timeout, false)?,
        show_secrets: false,
        route: Default::default(),
    })
}

pub(super) fn roundtrip(r: &RoundtripArgs) -> Result<RoundtripPlan, Failure> {
    let smtp = roundtrip_side(
        r,
        &r.smtp_server,
        587,
        r.smtp_security,
        &[465],
        crate::plan::CHECK_MAX_TIME,
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
        r.deadline + crate::plan::CHECK_MAX_TIME,
    )?;
    // EXTERNAL logs in with a TLS client certificate, and the roundtrip's two sessions take
    // none (no --cert/--key here): refused before a password is asked for.
    if r.auth == Some(crate::cli::AuthChoice::External) {
        return Err(Failure::usage(
            "check roundtrip --auth external: the roundtrip presents no client certificate; \
             use a password mechanism (check imap|pop3|smtp take --cert/--key)",
        ));
    }
    let source = match (&r.password_env, &r.password_file) {
        (Some(v), _) => PasswordSource::Env(v.clone()),
        (None, Some(f)) => PasswordSource::File(f.clone()),
        (None, None) => PasswordSource::Default,
    };
    let creds = crate::plan::connect::login(&r.user, source)?;
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
        Target::Server(ep) => ep.to_string(),
        Target::Mx { domain, port } => format!("{domain}:{port}"),
    }
}
