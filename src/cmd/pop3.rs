//! `mailctl pop3 …`: connect, greet, CAPA, STLS, log in, run one command, QUIT (which commits
//! deletions, RFC 1939 §6) — and never delete anything before it is safely written.

use super::connect;
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::outfile::data::DataOut;
use crate::plan::{MsgRef, Pop3Action, Pop3Plan};
use crate::proto::pop3::{MAX_LIST_BYTES, MAX_LIST_LINES, Pop3, Status};
use crate::proto::{self, Session};
use crate::report::Report;
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;
use serde_json::json;
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

pub async fn run(plan: &Pop3Plan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("pop3 {}", name(&plan.action)));
    // Where the message goes is settled before connecting: an existing file (without --force), a
    // directory we cannot write to, or --delete to what cannot be synced is the user's to fix,
    // and no server time is spent (nor anything retrieved) first.
    let mut sig = super::Interrupts::install();
    let mut prepared = match prepare_output(&plan.action) {
        Ok(o) => o,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let started = super::interruptible(
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
    let mut p = Pop3::new(conn.into_wire(ctx.clone(), plan.connect.timeout));
    let mut logged_in = false;
    let res = super::interruptible(
        &mut sig,
        Phase::Command,
        session(
            &mut p,
            plan,
            &host,
            tls.as_ref(),
            &mut report,
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
        // Leave without committing anything: RSET unmarks deletions (RFC 1939 §5) before the
        // QUIT that would commit them.
        if logged_in && proto::in_step(f) && !p.ended() {
            let _ = p.command("RSET").await;
        }
        p.end_after(f).await;
    }
    report.finish(res.err(), &ctx)
}

async fn session(
    p: &mut Pop3<BoxIo>,
    plan: &Pop3Plan,
    host: &str,
    tls: Option<&TlsClient>,
    report: &mut Report,
    logged_in: &mut bool,
    prepared: &mut Option<DataOut>,
) -> Result<(), Failure> {
    p.greeting().await?;
    p.capa().await?;
    if plan.connect.starttls {
        p.stls(TlsClient::required(tls)?, host).await?;
    }
    if matches!(
        plan.action,
        Pop3Action::Retr { .. } | Pop3Action::Top { .. }
    ) {
        // The bytes retrieved must be the bytes stored: ask for them undowngraded.
        p.utf8().await?;
    }
    if let Some(login) = &plan.login {
        p.login(login).await?;
        *logged_in = true;
        if plan.action == Pop3Action::Capa {
            // Capabilities can change after login (RFC 2449 §5).
            p.capa().await?;
        }
    }
    p.wire.set_phase(Phase::Command);
    match &plan.action {
        Pop3Action::Capa => {
            let caps = p.capa.clone().unwrap_or_default();
            report.detail = Some(if p.capa.is_some() {
                format!("{} capabilities", caps.len())
            } else {
                "server does not support CAPA".into()
            });
            report.table = Some((
                vec!["CAPABILITY".into()],
                caps.iter().map(|c| vec![c.clone()]).collect(),
            ));
            report.data.insert("capabilities".into(), json!(caps));
        }
        Pop3Action::Stat => {
            let st = p.expect_ok("STAT", "STAT").await?;
            let (n, size) = two_numbers(p, &st.text)?;
            report.detail = Some(format!("{n} messages, {size} octets"));
            // The numbers are this command's result: a table like the others', so stdout and
            // -q carry them (RFC 1939 §5 drop listing: count, then size in octets).
            report.table = Some((
                vec!["MESSAGES".into(), "OCTETS".into()],
                vec![vec![n.to_string(), size.to_string()]],
            ));
            report.data.insert("messages".into(), json!(n));
            report.data.insert("octets".into(), json!(size));
        }
        Pop3Action::List(msg) | Pop3Action::Uidl(msg) => {
            let uidl = matches!(plan.action, Pop3Action::Uidl(_));
            let verb = if uidl { "UIDL" } else { "LIST" };
            let key = if uidl { "uid" } else { "size" };
            let rows: Vec<(u64, String)> = match msg {
                Some(n) => vec![scan_listing(p, verb, u64::from(*n)).await?],
                None => {
                    p.expect_ok(verb, verb).await?;
                    let lines = p.read_lines_within(MAX_LIST_LINES, MAX_LIST_BYTES).await?;
                    lines
                        .iter()
                        .map(|l| number_and_rest(p, l))
                        .collect::<Result<_, _>>()?
                }
            };
            report.detail = Some(format!("{} messages", rows.len()));
            report.table = Some((
                vec!["MSG".into(), key.to_uppercase()],
                rows.iter()
                    .map(|(n, v)| vec![n.to_string(), v.clone()])
                    .collect(),
            ));
            let items: Vec<_> = rows
                .iter()
                .map(|(n, v)| {
                    if uidl {
                        json!({"msg": n, "uid": v})
                    } else {
                        json!({"msg": n, "size": v.parse::<u64>().unwrap_or(0)})
                    }
                })
                .collect();
            report.data.insert("messages".into(), json!(items));
        }
        Pop3Action::Retr {
            msg,
            output,
            force,
            delete,
        } => {
            let n = resolve(p, msg).await?;
            let size = message_size(p, n).await?;
            let mut out = match (prepared.take(), output) {
                (Some(o), _) => o,
                (None, Some(path)) => DataOut::file(path, *force)?,
                (None, None) => DataOut::stdout(),
            };
            let st = p.command(&format!("RETR {n}")).await?;
            if !st.ok {
                out.abort();
                return Err(p.rejected(&format!("RETR {n}"), &st));
            }
            let (lines, bytes) = match p.stream_body(size, |chunk| out.write(chunk)).await {
                Ok(x) => x,
                Err(f) => {
                    out.abort();
                    return Err(f);
                }
            };
            warn_size_mismatch(p, n, size, bytes);
            // With --delete the message is on disk (fsync + rename) before DELE is sent.
            let written = out.commit(*delete)?;
            report.data.insert("msg".into(), json!(n));
            report.data.insert("octets".into(), json!(bytes));
            report.data.insert("lines".into(), json!(lines));
            report.data.insert(
                "output".into(),
                json!(written.as_ref().map(|p| p.display().to_string())),
            );
            report.detail = Some(format!(
                "message {n}: {bytes} bytes{}",
                written
                    .map(|w| format!(" written to {}", w.display()))
                    .unwrap_or_default()
            ));
            if *delete {
                p.expect_ok(&format!("DELE {n}"), "DELE").await?;
                commit_quit(p).await?;
                report.data.insert("deleted".into(), json!([n]));
                report.detail = report
                    .detail
                    .take()
                    .map(|d| format!("{d}; deleted from the server"));
                return Ok(());
            }
            report.data.insert("deleted".into(), json!([]));
        }
        Pop3Action::Top { msg, lines } => {
            // The header plus some body lines is never more than the message: LIST bounds it.
            let size = message_size(p, u64::from(*msg)).await?;
            let mut out = DataOut::stdout();
            p.expect_ok(&format!("TOP {msg} {lines}"), "TOP").await?;
            let (l, bytes) = p.stream_body(size, |chunk| out.write(chunk)).await?;
            out.commit(false)?;
            report.data.insert("msg".into(), json!(msg));
            report.data.insert("octets".into(), json!(bytes));
            report.data.insert("lines".into(), json!(l));
            report.detail = Some(format!(
                "message {msg}: headers and {lines} body lines ({bytes} bytes)"
            ));
        }
        Pop3Action::Dele(msgs) => {
            let mut nums = Vec::new();
            for m in msgs {
                nums.push(resolve(p, m).await?);
            }
            for n in &nums {
                p.expect_ok(&format!("DELE {n}"), &format!("DELE {n}"))
                    .await?;
            }
            commit_quit(p).await?;
            report.data.insert("deleted".into(), json!(nums));
            report.detail = Some(format!("deleted {} message(s)", nums.len()));
            return Ok(());
        }
        Pop3Action::Noop => {
            p.expect_ok("NOOP", "NOOP").await?;
            report.detail = Some("logged in; NOOP answered +OK".into());
        }
    }
    // Nothing was marked for deletion on this path: a refused QUIT loses nothing, but it is a
    // deviation (RFC 1939 §6 expects +OK) worth a line.
    let st = p.quit().await?;
    if !st.ok {
        p.wire.ctx().warn(format!("QUIT answered {}", st.display()));
    }
    Ok(())
}

/// QUIT after DELE: only a +OK means the deletions were committed (RFC 1939 §6).
async fn commit_quit(p: &mut Pop3<BoxIo>) -> Result<(), Failure> {
    // A QUIT whose answer is lost leaves the deletions unconfirmed: the same outcome as a
    // refused QUIT for the user (exit 27), with what happened in the message.
    let st: Status = p.quit().await.map_err(|f| {
        Failure::new(
            Phase::Quit,
            Kind::Rejected,
            format!("{} — deletions were NOT confirmed", f.message),
        )
    })?;
    if !st.ok {
        return Err(Failure::new(
            Phase::Quit,
            Kind::Rejected,
            "QUIT refused: deletions were not committed",
        )
        .with_reply(st.display()));
    }
    Ok(())
}

/// Turn a message reference into a message number; unique ids are looked up with UIDL.
async fn resolve(p: &mut Pop3<BoxIo>, m: &MsgRef) -> Result<u64, Failure> {
    match m {
        MsgRef::Num(n) => Ok(u64::from(*n)),
        MsgRef::Uid(uid) => {
            p.expect_ok("UIDL", "UIDL").await?;
            let lines = p.read_lines_within(MAX_LIST_LINES, MAX_LIST_BYTES).await?;
            for l in &lines {
                let (n, u) = number_and_rest(p, l)?;
                if &u == uid {
                    return Ok(n);
                }
            }
            Err(Failure::new(
                Phase::Command,
                Kind::Rejected,
                format!(
                    "no message with unique id {uid:?} (UIDL listed {})",
                    lines.len()
                ),
            ))
        }
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

/// The size of message `n` from `LIST n` (RFC 1939 §5): what bounds its retrieval.
async fn message_size(p: &mut Pop3<BoxIo>, n: u64) -> Result<u64, Failure> {
    let (_, size) = scan_listing(p, "LIST", n).await?;
    size.parse().map_err(|_| {
        p.wire.fail(
            Kind::Protocol,
            format!("LIST {n}: expected a size in octets, got {size:?}"),
        )
    })
}

/// `LIST n` / `UIDL n` (RFC 1939 §5, §7): `+OK n value`. A reply with the value alone (`+OK
/// 4711`) is a deviation some servers make; there is only one way to read it, so it is
/// tolerated with a warning. A reply about another message is not.
async fn scan_listing(p: &mut Pop3<BoxIo>, verb: &str, n: u64) -> Result<(u64, String), Failure> {
    let st = p
        .expect_ok(&format!("{verb} {n}"), &format!("{verb} {n}"))
        .await?;
    let words: Vec<&str> = st.text.split_whitespace().collect();
    match words.as_slice() {
        [value] => {
            p.wire.ctx().warn(format!(
                "{verb} {n}: the server's reply has no message number (RFC 1939 wants \"+OK {n} {}\"); taking {value:?} as the {}",
                if verb == "LIST" { "size" } else { "unique-id" },
                if verb == "LIST" { "size" } else { "unique-id" }
            ));
            Ok((n, value.to_string()))
        }
        _ => {
            let (m, rest) = number_and_rest(p, &st.text)?;
            if m != n {
                return Err(p.wire.fail(
                    Kind::Protocol,
                    format!("{verb} {n} was answered for message {m}: {:?}", st.text),
                ));
            }
            Ok((m, rest))
        }
    }
}

/// RFC 1939 §5 calls the LIST size exact; a difference within the bound is a server deviation
/// (LF counted where CRLF is sent, a rebuilt message) to mention, not to fail on.
fn warn_size_mismatch(p: &Pop3<BoxIo>, n: u64, announced: u64, got: u64) {
    if announced != got {
        p.wire.ctx().warn(format!(
            "message {n}: LIST announced {announced} octets, RETR delivered {got}"
        ));
    }
}

/// `N rest` (LIST and UIDL lines, RFC 1939 §5 and §7).
fn number_and_rest<S>(p: &Pop3<S>, line: &str) -> Result<(u64, String), Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut it = line.split_whitespace();
    match (it.next().and_then(|n| n.parse().ok()), it.next()) {
        (Some(n), Some(rest)) => Ok((n, rest.to_string())),
        _ => Err(p.wire.fail(
            Kind::Protocol,
            format!("expected 'number value', got {line:?}"),
        )),
    }
}

fn two_numbers<S>(p: &Pop3<S>, text: &str) -> Result<(u64, u64), Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (n, rest) = number_and_rest(p, text)?;
    let size = rest.parse().map_err(|_| {
        p.wire.fail(
            Kind::Protocol,
            format!("expected 'count size', got {text:?}"),
        )
    })?;
    Ok((n, size))
}
