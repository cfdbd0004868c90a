//! `mailctl pop3 …`: connect, greet, CAPA, STLS, log in, run one command, QUIT (which commits
//! deletions, RFC 1939 §6) — and never delete anything before it is safely written.

use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::outfile::data::DataOut;
use crate::plan::{MsgRef, Pop3Action, Pop3Plan};
use crate::proto::pop3::Pop3;
use crate::proto::pop3::session::{self, Opening};
use crate::report::Report;
use crate::report::mime::MessageMime;
use crate::report::pop3::{Pop3Result, SizeRow, UidRow};
use crate::transport::connect;
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;
use std::sync::Arc;

fn name(a: &Pop3Action) -> &'static str {
    match a {
        Pop3Action::Capa => "capa",
        Pop3Action::Stat => "stat",
        Pop3Action::List(_) => "list",
        Pop3Action::Uidl(_) => "uidl",
        Pop3Action::Retr { .. } => "retr",
        Pop3Action::Top { .. } => "top",
        Pop3Action::Dele(_) => "dele",
        Pop3Action::Noop => "noop",
    }
}

pub(crate) async fn run(plan: &Pop3Plan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("pop3 {}", name(&plan.action)));
    // Where the message goes is settled before connecting: an existing file (without --force), a
    // directory we cannot write to, or --delete to what cannot be synced is the user's to fix,
    // and no server time is spent (nor anything retrieved) first.
    let mut sig = crate::run::Interrupts::install();
    let mut prepared = match prepare_output(&plan.action) {
        Ok(o) => o,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let started = crate::run::interruptible(
        &mut sig,
        Phase::Connect,
        connect::start(&plan.connect, &ctx),
    )
    .await;
    let (tls, conn) = match started {
        Ok(x) => x,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let mut p = Pop3::new(conn.into_wire(ctx.clone()));
    let mut logged_in = false;
    let mut body = None;
    let res = crate::run::interruptible(
        &mut sig,
        Phase::Command,
        session(
            &mut p,
            plan,
            &host,
            tls.as_ref(),
            &mut report,
            &mut body,
            &mut logged_in,
            &mut prepared,
        ),
    )
    .await;
    // Whatever was being written is gone with the session; the prepared output too.
    drop(prepared);
    let res = res.map_err(|mut f| {
        if f.kind == Kind::Interrupted {
            f.phase = p.wire.phase();
        }
        f
    });
    if let Err(f) = &res {
        session::abandon(&mut p, logged_in, f).await;
    }
    if let Some(b) = body {
        report = report.with_body(b);
    }
    report.finish(res.err(), &ctx)
}

/// The plan's steps, each from `proto::pop3::session`; the result goes into `body` as soon as
/// it is known, so a later failure (a refused QUIT, an interruption) still reports it.
#[allow(clippy::too_many_arguments)]
async fn session(
    p: &mut Pop3<BoxIo>,
    plan: &Pop3Plan,
    host: &str,
    tls: Option<&TlsClient>,
    report: &mut Report,
    body: &mut Option<Pop3Result>,
    logged_in: &mut bool,
    prepared: &mut Option<DataOut>,
) -> Result<(), Failure> {
    let opening = Opening {
        starttls: plan.connect.starttls,
        tls,
        host,
        // The bytes retrieved must be the bytes stored: ask for them undowngraded.
        utf8: matches!(
            plan.action,
            Pop3Action::Retr { .. } | Pop3Action::Top { .. }
        ),
        login: plan.login.as_ref(),
        capa_after_login: plan.action == Pop3Action::Capa,
    };
    session::open(p, &opening, logged_in).await?;
    match &plan.action {
        Pop3Action::Capa => {
            report.detail = Some(match &p.capa {
                Some(caps) => format!("{} capabilities", caps.len()),
                None => "server does not support CAPA".into(),
            });
            *body = Some(Pop3Result::Capa {
                capabilities: p.capa.clone().unwrap_or_default(),
            });
        }
        Pop3Action::Stat => {
            let (messages, octets) = session::stat(p).await?;
            report.detail = Some(format!("{messages} messages, {octets} octets"));
            *body = Some(Pop3Result::Stat { messages, octets });
        }
        Pop3Action::List(msg) => {
            let rows = session::listing(p, false, *msg).await?;
            report.detail = Some(format!("{} messages", rows.len()));
            let messages = rows
                .into_iter()
                .map(|(msg, shown)| SizeRow {
                    msg,
                    size: shown.parse().unwrap_or(0),
                    shown,
                })
                .collect();
            *body = Some(Pop3Result::List { messages });
        }
        Pop3Action::Uidl(msg) => {
            let rows = session::listing(p, true, *msg).await?;
            report.detail = Some(format!("{} messages", rows.len()));
            let messages = rows
                .into_iter()
                .map(|(msg, uid)| UidRow { msg, uid })
                .collect();
            *body = Some(Pop3Result::Uidl { messages });
        }
        Pop3Action::Retr {
            msg,
            output,
            force,
            delete,
            mime,
        } => {
            let n = resolve(p, msg).await?;
            let size = session::message_size(p, n).await?;
            let out = match (prepared.take(), output) {
                (Some(o), _) => o,
                (None, Some(path)) => DataOut::file(path, *force)?,
                (None, None) => DataOut::stdout(),
            };
            let (out, lines, bytes) = session::retr(p, n, size, out).await?;
            // With --delete the message is on disk (fsync + rename) before DELE is sent.
            let written = out.commit(*delete)?;
            report.detail = Some(format!(
                "message {n}: {bytes} bytes{}",
                written
                    .as_ref()
                    .map(|w| format!(" written to {}", w.display()))
                    .unwrap_or_default()
            ));
            // --mime: the tree of what was written, read back (bounded as `mime show` is).
            let tree = match (&written, *mime) {
                (Some(w), true) => {
                    let f = w.display().to_string();
                    let read =
                        crate::mime::read_input(&f, "pop3 retr --mime").map_err(|e| e.message);
                    Some(Box::new(MessageMime::of(f, read)))
                }
                _ => None,
            };
            *body = Some(Pop3Result::Retr {
                msg: n,
                octets: bytes,
                lines,
                output: written.map(|p| p.display().to_string()),
                deleted: None,
                mime: tree,
            });
            let deleted = if *delete {
                session::dele(p, &[n]).await?;
                session::commit_quit(p).await?;
                report.detail = report
                    .detail
                    .take()
                    .map(|d| format!("{d}; deleted from the server"));
                vec![n]
            } else {
                Vec::new()
            };
            if let Some(Pop3Result::Retr { deleted: d, .. }) = body {
                *d = Some(deleted);
            }
            if *delete {
                return Ok(());
            }
        }
        Pop3Action::Top { msg, lines } => {
            // The header plus some body lines is never more than the message: LIST bounds it.
            let size = session::message_size(p, u64::from(*msg)).await?;
            let mut out = DataOut::stdout();
            let (l, bytes) = session::top(p, *msg, *lines, size, &mut out).await?;
            out.commit(false)?;
            report.detail = Some(format!(
                "message {msg}: headers and {lines} body lines ({bytes} bytes)"
            ));
            *body = Some(Pop3Result::Top {
                msg: *msg,
                octets: bytes,
                lines: l,
            });
        }
        Pop3Action::Dele(msgs) => {
            let mut nums = Vec::new();
            for m in msgs {
                nums.push(resolve(p, m).await?);
            }
            session::dele(p, &nums).await?;
            session::commit_quit(p).await?;
            report.detail = Some(format!("deleted {} message(s)", nums.len()));
            *body = Some(Pop3Result::Dele { deleted: nums });
            return Ok(());
        }
        Pop3Action::Noop => {
            session::noop(p).await?;
            report.detail = Some("logged in; NOOP answered +OK".into());
            *body = Some(Pop3Result::Noop {});
        }
    }
    session::quit(p).await
}

/// Turn a message reference into a message number; unique ids are looked up with UIDL.
async fn resolve(p: &mut Pop3<BoxIo>, m: &MsgRef) -> Result<u64, Failure> {
    match m {
        MsgRef::Num(n) => Ok(u64::from(*n)),
        MsgRef::Uid(uid) => session::resolve_uid(p, uid).await,
    }
}

/// `--delete` to stdout needs a stdout that fsync makes durable; `-o FILE` is opened now.
fn prepare_output(action: &Pop3Action) -> Result<Option<DataOut>, Failure> {
    match action {
        Pop3Action::Retr {
            output: Some(path),
            force,
            ..
        } => DataOut::file(path, *force).map(Some),
        Pop3Action::Retr {
            output: None,
            delete: true,
            ..
        } if !crate::outfile::data::stdout_is_regular_file() => Err(Failure::usage(
            "--delete with the message on stdout needs stdout redirected to a file (> FILE): data in a pipe or on a terminal cannot be synced to disk before DELE; or use -o FILE",
        )),
        _ => Ok(None),
    }
}
