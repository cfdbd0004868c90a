//! The POP3 side of a roundtrip: POP3 shows a snapshot of the maildrop per session (RFC 1939
//! §8), so every look is a new session that reads only messages it has not seen (TOP n 0), and
//! the message is removed by DELE of its number, committed by QUIT (RFC 1939 §6).

use super::{
    Clock, Outcome, cleanup_done, cleanup_note, creds, deadline_at, delivered, has_token,
    not_delivered, rt, send,
};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::plan::check::RoundtripPlan;
use crate::proto::Session;
use crate::proto::pop3::{Login as Pop3Login, Pop3};
use crate::report::check::Status;
use crate::transport::connect;
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;
use std::collections::HashSet;
use std::sync::Arc;
use tokio::time::Instant;

/// A logged-in POP3 session.
async fn pop3_open(
    plan: &RoundtripPlan,
    ctx: &Arc<Ctx>,
    o: &mut Outcome,
) -> Result<Pop3<BoxIo>, Failure> {
    let (tls, conn) = connect::start(&plan.mailbox, ctx).await?;
    rt(o).mailbox_server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let mut p = Pop3::new(conn.into_wire(ctx.clone()));
    let res = async {
        p.greeting().await?;
        p.capa().await?;
        if plan.mailbox.starttls {
            p.stls(TlsClient::required(tls.as_ref())?, &host).await?;
        }
        let login = match plan.auth {
            Some(m) => Pop3Login::Sasl(m, creds(plan)),
            None => Pop3Login::UserPass(creds(plan)),
        };
        p.login(&login).await?;
        p.wire.set_phase(Phase::Command);
        Ok::<(), Failure>(())
    }
    .await;
    p.end_if_failed(res).await?;
    Ok(p)
}

/// Most header lines read from one TOP answer while looking for the token (a real header has
/// tens; the bound keeps a hostile server from filling memory).
const MAX_HEADER_LINES: usize = 10_000;

/// UIDL: (message number, unique id) of every message.
async fn uidl(p: &mut Pop3<BoxIo>) -> Result<Vec<(u64, String)>, Failure> {
    p.expect_ok("UIDL", "UIDL (the POP3 roundtrip needs unique ids)")
        .await?;
    let lines = p
        .read_lines_within(
            crate::proto::pop3::MAX_LIST_LINES,
            crate::proto::pop3::MAX_LIST_BYTES,
        )
        .await?;
    lines
        .iter()
        .map(|l| {
            let mut it = l.split_whitespace();
            match (it.next().and_then(|n| n.parse().ok()), it.next()) {
                (Some(n), Some(u)) => Ok((n, u.to_string())),
                _ => Err(p.wire.fail(
                    Kind::Protocol,
                    format!("expected 'number unique-id', got {l:?}"),
                )),
            }
        })
        .collect()
}

pub(super) async fn roundtrip(
    plan: &RoundtripPlan,
    token: &str,
    ctx: &Arc<Ctx>,
    o: &mut Outcome,
    clock: &mut Clock,
) -> Result<(), Failure> {
    // POP3 shows a snapshot of the maildrop per session (RFC 1939 §8), so every look is a new
    // session; the unique ids seen before sending are never looked at again.
    let t0 = clock.now();
    let mut p = pop3_open(plan, ctx, o).await?;
    // Every step of a POP3 session below goes through end_if_failed: a refusal (UIDL, TOP, DELE)
    // still ends the session with QUIT, and no DELE has been sent that QUIT could commit.
    let res = uidl(&mut p).await;
    let mut known: HashSet<String> = p
        .end_if_failed(res)
        .await?
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    let _ = p.quit().await?;
    clock.done("login", t0);

    let t1 = clock.now();
    let accepted_at = send(plan, token, ctx, o).await?;
    clock.done("send", t1);

    let deadline = deadline_at(plan, ctx, accepted_at);
    loop {
        let mut p = pop3_open(plan, ctx, o).await?;
        let res = async {
            for (n, uid) in uidl(&mut p).await? {
                if !known.insert(uid.clone()) {
                    continue;
                }
                p.expect_ok(&format!("TOP {n} 0"), "TOP").await?;
                // A header block of more lines than this is not a test message worth reading.
                let header = p.read_lines(MAX_HEADER_LINES).await?;
                if has_token(&header, token) {
                    return Ok(Some((n, uid)));
                }
            }
            Ok(None)
        }
        .await;
        let found = p.end_if_failed(res).await?;
        if let Some((n, uid)) = found {
            delivered(o, clock, accepted_at, ctx.now_ms(), "the POP3 maildrop");
            let r = rt(o);
            r.msg = Some(n);
            r.uid = Some(uid.clone());
            if plan.keep {
                cleanup_done(o, "kept", format!("kept (message {n}, --keep)"));
                let _ = p.quit().await?;
                return Ok(());
            }
            let t2 = clock.now();
            let res = p.expect_ok(&format!("DELE {n}"), "DELE").await;
            p.end_if_failed(res).await?;
            // Only +OK to QUIT commits the deletion (RFC 1939 §6).
            let st = p.quit().await?;
            if st.ok {
                cleanup_done(o, "deleted", format!("deleted (DELE {n})"));
            } else {
                let why = format!(
                    "QUIT after DELE {n} was refused ({}): the test message was not deleted",
                    st.display()
                );
                cleanup_note(o, "failed", Status::Warning, why);
            }
            clock.done("cleanup", t2);
            return Ok(());
        }
        let _ = p.quit().await?;
        let now = Instant::now();
        if now >= deadline {
            o.reasons
                .push(not_delivered(plan, token, "the POP3 maildrop"));
            return Ok(());
        }
        tokio::time::sleep_until((now + plan.poll).min(deadline)).await;
    }
}
