//! `mailctl imap …`: greet, STARTTLS, log in, run one read-only command (EXAMINE unless asked
//! otherwise; nothing is ever expunged), LOGOUT.

use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::outfile::data::DataOut;
use crate::plan::{FetchMode, ImapAction, ImapPlan};
use crate::proto::Session;
use crate::proto::imap::parse::Cond;
use crate::proto::imap::{Imap, fetch, session};
use crate::report::Report;
use crate::report::imap::{ImapResult, Part};
use crate::report::mime::MessageMime;
use crate::transport::connect;
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;
use serde_json::Value;
use std::sync::Arc;

fn name(a: &ImapAction) -> &'static str {
    match a {
        ImapAction::Capability => "capability",
        ImapAction::List { .. } => "list",
        ImapAction::Select { .. } => "select",
        ImapAction::Search { .. } => "search",
        ImapAction::Fetch { .. } => "fetch",
        ImapAction::Idle { .. } => "idle",
        ImapAction::Raw { .. } => "raw",
    }
}

pub(crate) async fn run(plan: &ImapPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("imap {}", name(&plan.action)));
    // Where the data goes is settled before connecting: a file that exists (without --force) or
    // a directory we cannot write to is the user's to fix, and no server time is spent on it.
    // IDLE ends on Ctrl-C by itself, with DONE and LOGOUT; everything else is cut short.
    let idle = matches!(plan.action, ImapAction::Idle { .. });
    let mut sig = (!idle).then(crate::run::Interrupts::install);
    let mut output = match prepare_output(&plan.action) {
        Ok(o) => o,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let start = connect::start(&plan.connect, &ctx);
    let started = match sig.as_mut() {
        Some(sig) => crate::run::interruptible(sig, Phase::Connect, start).await,
        None => start.await,
    };
    let (tls, conn) = match started {
        Ok(x) => x,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let mut imap = Imap::new(conn.into_wire(ctx.clone()));
    let mut body = None;
    let work = session(
        &mut imap,
        plan,
        &host,
        tls.as_ref(),
        &mut report,
        &mut body,
        &mut output,
    );
    let res = match sig.as_mut() {
        Some(sig) => crate::run::interruptible(sig, Phase::Command, work).await,
        None => work.await,
    };
    drop(output);
    let res = res.map_err(|mut f| {
        if f.kind == Kind::Interrupted {
            f.phase = imap.wire.phase();
        }
        f
    });
    let res = imap.end_if_failed(res).await;
    if let Some(b) = body {
        report = report.with_body(b);
    }
    report.finish(res.err(), &ctx)
}

/// `fetch --part -o FILE`: the output file, opened now. `fetch --full DIR`: the directory,
/// created and checked to take new files now.
fn prepare_output(action: &ImapAction) -> Result<Option<DataOut>, Failure> {
    let ImapAction::Fetch { mode, force, .. } = action else {
        return Ok(None);
    };
    match mode {
        FetchMode::Part {
            output: Some(p), ..
        } => DataOut::file(p, *force).map(Some),
        FetchMode::Full { dir } => {
            crate::outfile::create_dir(dir)?;
            crate::outfile::check_dir_writable(dir)?;
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// The plan's steps, from `proto::imap::session` and `proto::imap::fetch`; the result goes into
/// `body` as soon as it is known, so a later failure still reports it.
async fn session(
    imap: &mut Imap<BoxIo>,
    plan: &ImapPlan,
    host: &str,
    tls: Option<&TlsClient>,
    report: &mut Report,
    body: &mut Option<ImapResult>,
    output: &mut Option<DataOut>,
) -> Result<(), Failure> {
    let greeting = imap.greeting().await?;
    session::starttls_or_capability(imap, greeting, plan.connect.starttls, tls, host).await?;
    let caps_before = imap.caps.clone();
    if let Some(creds) = &plan.creds {
        session::login_unless_preauth(imap, greeting, creds, plan.sasl).await?;
    }
    imap.wire.set_phase(Phase::Command);
    match &plan.action {
        ImapAction::Capability => {
            report.detail = Some(format!("{} capabilities", imap.caps.len()));
            *body = Some(ImapResult::Capability {
                capabilities: imap.caps.clone(),
                capabilities_before_login: caps_before,
            });
        }
        ImapAction::List {
            reference,
            pattern,
            status,
        } => {
            let mailboxes = session::list(imap, reference, pattern, *status).await?;
            report.detail = Some(format!("{} mailbox(es)", mailboxes.len()));
            *body = Some(ImapResult::List {
                with_status: *status,
                mailboxes,
            });
        }
        ImapAction::Select { mailbox } => {
            let info = session::examine(imap, mailbox, false).await?;
            report.detail = Some(format!(
                "{mailbox}: {} messages",
                info.get("exists").and_then(Value::as_u64).unwrap_or(0)
            ));
            *body = Some(ImapResult::Select {
                mailbox: mailbox.clone(),
                info,
            });
        }
        ImapAction::Search {
            mailbox,
            criteria,
            uid,
        } => {
            session::examine(imap, mailbox, false).await?;
            imap.wire.set_phase(Phase::Command);
            let matches = session::search(imap, criteria, *uid).await?;
            report.detail = Some(format!("{} match(es) in {mailbox}", matches.len()));
            *body = Some(ImapResult::Search { matches, uid: *uid });
        }
        ImapAction::Fetch {
            mailbox,
            set,
            mode,
            force,
            uid,
            mark_seen,
            mime,
        } => {
            session::examine(imap, mailbox, *mark_seen).await?;
            imap.wire.set_phase(Phase::Command);
            let (detail, result) = match mode {
                FetchMode::Headers => {
                    let messages = fetch::fetch_headers(imap, set, *uid).await?;
                    (
                        format!("{} message(s)", messages.len()),
                        ImapResult::Headers { messages },
                    )
                }
                FetchMode::Full { dir } => {
                    let messages =
                        fetch::fetch_full(imap, set, *uid, *mark_seen, dir, *force).await?;
                    (
                        format!("{} message(s) written to {}", messages.len(), dir.display()),
                        ImapResult::Full {
                            // --mime: each message's tree, read back from the file written
                            // (bounded as `mime show` is).
                            mime: if *mime {
                                messages
                                    .iter()
                                    .filter(|m| !m.file.is_empty())
                                    .map(|m| {
                                        let read =
                                            crate::mime::read_input(&m.file, "imap fetch --mime")
                                                .map_err(|e| e.message);
                                        MessageMime::of(m.file.clone(), read)
                                    })
                                    .collect()
                            } else {
                                Vec::new()
                            },
                            messages,
                        },
                    )
                }
                FetchMode::Part {
                    section,
                    output: path,
                } => {
                    let out = match (path, output.take()) {
                        (_, Some(o)) => o,
                        (Some(p), None) => DataOut::file(p, *force)?,
                        (None, None) => DataOut::stdout(),
                    };
                    let (parts, written) =
                        fetch::fetch_part(imap, set, *uid, *mark_seen, section, *force, out)
                            .await?;
                    let total: u64 = parts.iter().map(|f| f.size).sum();
                    (
                        format!(
                            "{} part(s), {total} bytes{}",
                            parts.len(),
                            written
                                .as_ref()
                                .map(|w| format!(" written to {}", w.display()))
                                .unwrap_or_default()
                        ),
                        ImapResult::Part {
                            parts: parts
                                .into_iter()
                                .map(|f| Part {
                                    uid: f.uid,
                                    size: f.size,
                                })
                                .collect(),
                            output: written.map(|w| w.display().to_string()),
                        },
                    )
                }
            };
            report.detail = Some(detail);
            *body = Some(result);
        }
        ImapAction::Idle { mailbox, duration } => {
            session::examine(imap, mailbox, false).await?;
            imap.wire.set_phase(Phase::Command);
            let idled = session::idle(imap, *duration).await?;
            let events = idled.events;
            report.detail = Some(format!(
                "{} event(s) while idling{}{}",
                events.total,
                if events.total > events.kept.len() as u64 {
                    format!(" (the first {} kept)", events.kept.len())
                } else {
                    String::new()
                },
                if idled.interrupted {
                    " (interrupted)"
                } else {
                    ""
                }
            ));
            *body = Some(ImapResult::Idle {
                events_total: events.total,
                events: events.kept,
            });
        }
        ImapAction::Raw { command } => {
            let (untagged, st) = session::raw(imap, command).await?;
            *body = Some(ImapResult::Raw {
                untagged,
                status: st.display(),
            });
            if st.cond != Cond::Ok {
                return Err(imap.rejected("command", &st));
            }
            report.detail = Some(st.display());
        }
    }
    imap.logout().await;
    Ok(())
}
