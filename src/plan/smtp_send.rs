//! `smtp send`: recipients and sender checked, the message built (and DKIM-signed), the SMTP
//! dialogue's plan (RFC 5321) with `--quit-after` and AUTH decided.

use super::connect::{ConnectPlan, check_auth_user, check_user, connect, credentials, mechanism};
use super::dkim::{dkim_domain_arg, selector_arg};
use crate::cli::{self, AuthChoice, SendArgs};
use crate::error::Failure;
use crate::message::{self, MessageSpec};
use crate::proto::smtp::session::{AuthPlan, Verify};
use crate::proto::smtp::{QuitAfter, SendPlan};
use std::sync::Arc;

pub(crate) struct SmtpSendPlan {
    pub connect: ConnectPlan,
    pub send: SendPlan,
    pub show_data: bool,
}

pub(super) fn local_hostname() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Strip `<...>` so users can write `--from '<>'` or `--to '<a@b>'`.
pub(super) fn bare_addr(s: &str) -> String {
    let t = s.trim();
    t.strip_prefix('<')
        .and_then(|x| x.strip_suffix('>'))
        .unwrap_or(t)
        .to_string()
}

pub(super) fn check_addr(a: &str, flag: &str) -> Result<(), Failure> {
    if a.chars().any(|c| c.is_control() || c == '<' || c == '>') || a.contains(' ') {
        return Err(Failure::usage(format!(
            "{flag} {a:?}: not a mailbox address"
        )));
    }
    Ok(())
}

pub(crate) fn smtp_send(args: &SendArgs) -> Result<SmtpSendPlan, Failure> {
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

    let quit_after = args
        .quit_after
        .map(quit_after)
        .or(args.drop_after.map(drop_after));
    let verify: Vec<Verify> = args
        .vrfy
        .iter()
        .map(|a| ("VRFY", a))
        .chain(args.expn.iter().map(|a| ("EXPN", a)))
        .map(|(command, a)| {
            let arg = a.trim().to_string();
            if arg.is_empty() || arg.chars().any(|c| c.is_control()) {
                return Err(Failure::usage(format!(
                    "--{}: {a:?} is not something to ask about",
                    command.to_ascii_lowercase()
                )));
            }
            Ok(Verify { command, arg })
        })
        .collect::<Result<_, _>>()?;
    let probing = quit_after.is_some_and(|q| q < QuitAfter::Rcpt) || !verify.is_empty();
    if rcpts.is_empty() && !probing {
        return Err(Failure::usage(
            "no recipient: give --to (or --quit-after, --vrfy or --expn for a probe)",
        ));
    }
    if args.requiretls && !(args.connect.tls || args.connect.starttls) {
        return Err(Failure::usage(
            "--requiretls needs --tls or --starttls: REQUIRETLS is only sent over TLS (RFC 8689 §2)",
        ));
    }
    if args.requiretls && args.connect.insecure {
        return Err(Failure::usage(
            "--requiretls with --insecure: REQUIRETLS promises a verified certificate all the way (RFC 8689 §2, §4.2.1)",
        ));
    }
    let xclient = xclient_attrs(&args.xclient)?;
    let mx_domain = rcpts
        .first()
        .and_then(|r| r.rsplit_once('@'))
        .map(|(_, d)| d.to_string());
    // --unix and --pipe go nowhere by name (plan::connect): neither needs a server or an MX.
    let local = args.connect.route.unix.is_some() || args.connect.route.pipe.is_some();
    if args.connect.server.is_none() && mx_domain.is_none() && !local {
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

    check_auth_user(&args.connect, args.auth)?;
    let auth = if args.auth.is_none() && args.connect.user.is_none() {
        None
    } else {
        let choice = args.auth.unwrap_or(AuthChoice::Auto);
        let probing_before_auth = quit_after.is_some_and(|q| q < QuitAfter::Auth);
        if probing_before_auth {
            if let Some(user) = &args.connect.user {
                check_user(user)?;
            }
            None
        } else {
            credentials(&args.connect, Some(choice), &connect)?.map(|creds| AuthPlan {
                mech: mechanism(choice),
                creds,
            })
        }
    };

    // A probe that stops before MAIL needs no message; one that stops at MAIL still declares the
    // real SIZE= so it shows whether the server would take a message this big.
    let before_mail = quit_after.is_some_and(|q| q < QuitAfter::Mail);
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
            quit_after,
            dsn: dsn(args)?,
            drop: args.drop_after.is_some(),
            xclient,
            requiretls: args.requiretls,
            verify,
        },
        connect,
        show_data: args.show_data,
    })
}

/// `--notify`, `--ret`, `--envid` (RFC 3461 §4): checked here, so the server never sees a value
/// it must refuse.
fn dsn(args: &SendArgs) -> Result<Option<crate::proto::smtp::session::Dsn>, Failure> {
    if args.notify.is_empty() && args.ret.is_none() && args.envid.is_none() {
        return Ok(None);
    }
    let notify = if args.notify.is_empty() {
        None
    } else {
        let words: Vec<String> = args
            .notify
            .iter()
            .map(|w| w.trim().to_ascii_uppercase())
            .collect();
        for w in &words {
            if !["NEVER", "SUCCESS", "FAILURE", "DELAY"].contains(&w.as_str()) {
                return Err(Failure::usage(format!(
                    "--notify {w:?}: expected never, or success, failure, delay"
                )));
            }
        }
        // §4.1: NEVER stands alone.
        if words.iter().any(|w| w == "NEVER") && words.len() > 1 {
            return Err(Failure::usage(
                "--notify never cannot be combined with success, failure or delay (RFC 3461 §4.1)",
            ));
        }
        let mut words = words;
        words.sort();
        words.dedup();
        Some(words.join(","))
    };
    let ret = match args.ret.as_deref().map(str::to_ascii_uppercase) {
        None => None,
        Some(r) if r == "FULL" || r == "HDRS" => Some(r),
        Some(r) => {
            return Err(Failure::usage(format!(
                "--ret {r:?}: expected full or hdrs"
            )));
        }
    };
    if let Some(e) = &args.envid
        && (e.is_empty() || e.len() > 100 || !e.bytes().all(|b| (b' '..=b'~').contains(&b)))
    {
        return Err(Failure::usage(format!(
            "--envid {e:?}: 1 to 100 printable ASCII characters (RFC 3461 §4.4)"
        )));
    }
    Ok(Some(crate::proto::smtp::session::Dsn {
        notify,
        ret,
        envid: args.envid.clone(),
    }))
}

/// `--xclient NAME=VALUE` (each value may hold several, space-separated, as swaks takes them):
/// names are XCLIENT attribute names (letters, digits, `_`), values become xtext on the wire; the
/// command must fit Postfix's 512-byte command line (RFC 5321 §4.5.3.1.4).
fn xclient_attrs(given: &[String]) -> Result<Vec<(String, String)>, Failure> {
    let mut out = Vec::new();
    for g in given {
        for item in g.split_whitespace() {
            let (n, v) = item.split_once('=').ok_or_else(|| {
                Failure::usage(format!(
                    "--xclient {item:?}: expected NAME=VALUE, e.g. ADDR=192.0.2.1"
                ))
            })?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(Failure::usage(format!(
                    "--xclient {item:?}: {n:?} is not an attribute name (NAME, ADDR, PORT, PROTO, HELO, LOGIN, …)"
                )));
            }
            out.push((n.to_ascii_uppercase(), v.to_string()));
        }
    }
    let len: usize = out
        .iter()
        .map(|(n, v)| n.len() + 2 + crate::proto::smtp::session::xtext(v).len())
        .sum();
    if len + "XCLIENT".len() > 510 {
        return Err(Failure::usage(
            "--xclient: the attributes make a command longer than 512 bytes (RFC 5321 §4.5.3.1.4)",
        ));
    }
    Ok(out)
}

/// `--drop-after` as the dialogue's own stop point.
fn drop_after(q: cli::DropAfter) -> QuitAfter {
    match q {
        cli::DropAfter::Connect => QuitAfter::Connect,
        cli::DropAfter::Banner => QuitAfter::Banner,
        cli::DropAfter::Ehlo => QuitAfter::Ehlo,
        cli::DropAfter::Starttls => QuitAfter::Starttls,
        cli::DropAfter::Auth => QuitAfter::Auth,
        cli::DropAfter::Mail => QuitAfter::Mail,
        cli::DropAfter::Rcpt => QuitAfter::Rcpt,
        cli::DropAfter::Data => QuitAfter::Data,
        cli::DropAfter::Dot => QuitAfter::Dot,
    }
}

/// `--quit-after` as the dialogue's own type (clap's stays in `cli`).
fn quit_after(q: cli::QuitAfter) -> QuitAfter {
    match q {
        cli::QuitAfter::Connect => QuitAfter::Connect,
        cli::QuitAfter::Banner => QuitAfter::Banner,
        cli::QuitAfter::Ehlo => QuitAfter::Ehlo,
        cli::QuitAfter::Starttls => QuitAfter::Starttls,
        cli::QuitAfter::Auth => QuitAfter::Auth,
        cli::QuitAfter::Mail => QuitAfter::Mail,
        cli::QuitAfter::Rcpt => QuitAfter::Rcpt,
        cli::QuitAfter::Data => QuitAfter::Data,
    }
}
