//! `check roundtrip`: a message with a unique token goes in through SMTP submission and must
//! come out of the mailbox (IMAP or POP3) before the deadline; the latency is measured from the
//! server's acceptance of the message (the reply to its end) to the moment the mailbox shows it.
//! Only that message is deleted afterwards: IMAP UID STORE + UID EXPUNGE of its UID (RFC 4315),
//! never a plain EXPUNGE (it would remove every message flagged \Deleted, not just ours); POP3
//! DELE of its number, committed by QUIT (RFC 1939 §6).

mod pop3;

use super::Outcome;
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::message::{self, MessageSpec};
use crate::plan::check::{MailboxKind, RoundtripPlan};
use crate::proto::Session;
use crate::proto::imap::Imap;
use crate::proto::imap::client::quote;
use crate::proto::imap::frame::LiteralSink;
use crate::proto::imap::parse::{Cond, Resp, fetch_items};
use crate::proto::imap::session as cmd_imap;
use crate::proto::sasl::Credentials;
use crate::proto::smtp::{self, SendPlan, session::AuthPlan};
use crate::report::check::{Reason, Roundtrip, Status, fmt_ms};
use crate::transport::connect;
use crate::transport::wire::{BoxIo, Outgoing};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The header that carries the token (it is also in the Subject, for people).
pub(crate) const TOKEN_HEADER: &str = "X-Mailctl-Roundtrip";

/// A token no other message has: the time and 64 random bits.
fn new_token() -> String {
    use ring::rand::SecureRandom;
    let mut r = [0u8; 8];
    let _ = ring::rand::SystemRandom::new().fill(&mut r);
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let hex: String = r.iter().map(|b| format!("{b:02x}")).collect();
    format!("mailctl-{secs}-{hex}")
}

fn creds(plan: &RoundtripPlan) -> Credentials {
    Credentials {
        user: plan.creds.user.clone(),
        secret: plan.creds.secret.clone(),
        // Two servers share these credentials: OAUTHBEARER names neither.
        peer: None,
    }
}

/// The roundtrip's findings in the target's outcome (set at the start of [`run`]).
fn rt(o: &mut Outcome) -> &mut Roundtrip {
    o.roundtrip.get_or_insert_default()
}

/// Phase timings of the roundtrip, in milliseconds.
struct Clock {
    ctx: Arc<Ctx>,
    phases: Vec<(String, f64)>,
}

impl Clock {
    fn now(&self) -> f64 {
        self.ctx.now_ms()
    }
    fn done(&mut self, phase: &str, since: f64) {
        self.phases.push((phase.to_string(), self.now() - since));
    }
}

pub(crate) async fn run(plan: &RoundtripPlan, ctx: Arc<Ctx>) -> Outcome {
    let token = new_token();
    let found = Roundtrip {
        token: token.clone(),
        mailbox_protocol: match plan.kind {
            MailboxKind::Imap { .. } => "imap",
            MailboxKind::Pop3 => "pop3",
        },
        from: plan.from.clone(),
        to: plan.to.clone(),
        deadline_ms: plan.deadline.as_secs_f64() * 1000.0,
        smtp_server: None,
        mailbox_server: None,
        smtp_reply: None,
        delivered: false,
        latency_ms: None,
        cleanup: "none",
        uids: None,
        msg: None,
        uid: None,
    };
    let mut o = Outcome {
        primary: Some("delivery"),
        roundtrip: Some(found),
        ..Outcome::default()
    };
    ctx.info(format!(
        "roundtrip token {token}: from {} to {}, watched in {}'s mailbox",
        plan.from, plan.to, plan.creds.user
    ));
    let mut clock = Clock {
        ctx: ctx.clone(),
        phases: Vec::new(),
    };
    let res = match &plan.kind {
        MailboxKind::Imap { mailbox } => {
            imap_roundtrip(plan, mailbox, &token, &ctx, &mut o, &mut clock).await
        }
        MailboxKind::Pop3 => pop3::roundtrip(plan, &token, &ctx, &mut o, &mut clock).await,
    };
    let r = rt(&mut o);
    if res.is_err() && r.smtp_reply.is_some() && r.cleanup == "none" {
        // The message went out before the failure: say where it may be.
        o.reasons.push(Reason {
            status: Status::Ok,
            message: format!(
                "the test message ({TOKEN_HEADER}: {token}) was accepted for {} and was not removed",
                plan.to
            ),
        });
    }
    o.failure = res.err();
    o.timings = Some(clock.phases);
    o
}

/// Send the test message; returns the time (ms on the session clock) the server accepted it.
async fn send(
    plan: &RoundtripPlan,
    token: &str,
    ctx: &Arc<Ctx>,
    o: &mut super::Outcome,
) -> Result<f64, Failure> {
    let message = message::build(&MessageSpec {
        from: plan.from.clone(),
        to: vec![plan.to.clone()],
        cc: Vec::new(),
        subject: Some(format!("mailctl roundtrip {token}")),
        body: Some(format!(
            "A test message of `mailctl check roundtrip` (token {token}).\n\
             It is deleted as soon as it arrives: if you can read this, the check could not\n\
             remove it or did not see it arrive before its deadline.\n"
        )),
        body_file: None,
        headers: vec![format!("{TOKEN_HEADER}: {token}")],
        attach: Vec::new(),
        data: None,
    })?;
    let (tls, conn) = connect::start(&plan.smtp, ctx).await?;
    rt(o).smtp_server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let wire = conn.into_wire(ctx.clone());
    let send = SendPlan {
        helo: plan.helo.clone(),
        lmtp: false,
        starttls: plan.smtp.starttls,
        auth: Some(AuthPlan {
            mech: plan.auth.flatten(),
            creds: creds(plan),
        }),
        from: plan.from.clone(),
        rcpts: vec![plan.to.clone()],
        message: Arc::new(message),
        pipelining: true,
        bdat: false,
        quit_after: None,
        ..Default::default()
    };
    let quit_ms = |c: &Ctx| {
        c.timings()
            .iter()
            .find(|(p, _)| *p == Phase::Quit)
            .map_or(0.0, |(_, ms)| *ms)
    };
    let quit_before = quit_ms(ctx);
    let d = smtp::run(wire, &host, &send, tls.as_ref()).await;
    rt(o).smtp_reply = d.final_reply.clone();
    if let Some(f) = d.failure {
        return Err(f);
    }
    if !d.accepted {
        return Err(Failure::new(
            Phase::Data,
            Kind::Internal,
            "the SMTP dialogue ended without the message being accepted",
        ));
    }
    let server = rt(o).smtp_server.clone();
    o.parts.push(format!(
        "sent through {} ({})",
        server.as_deref().unwrap_or("?"),
        d.final_reply.as_deref().unwrap_or("accepted")
    ));
    // The acceptance came right before QUIT: take the QUIT exchange off the clock.
    Ok(ctx.now_ms() - (quit_ms(ctx) - quit_before))
}

/// What is left of the deadline counted from `accepted_at`.
fn deadline_at(plan: &RoundtripPlan, ctx: &Ctx, accepted_at: f64) -> Instant {
    let spent = Duration::from_secs_f64(((ctx.now_ms() - accepted_at) / 1000.0).max(0.0));
    Instant::now() + plan.deadline.saturating_sub(spent)
}

fn not_delivered(plan: &RoundtripPlan, token: &str, where_: &str) -> Reason {
    Reason {
        status: Status::Critical,
        message: format!(
            "not delivered: the message with {TOKEN_HEADER}: {token} was not in {where_} within {} of being accepted (if it arrives later it stays there)",
            fmt_ms(plan.deadline.as_secs_f64() * 1000.0)
        ),
    }
}

fn delivered(o: &mut Outcome, clock: &mut Clock, accepted_at: f64, found_at: f64, where_: &str) {
    let latency = found_at - accepted_at;
    clock.phases.push(("delivery".into(), latency));
    let r = rt(o);
    r.delivered = true;
    r.latency_ms = Some((latency * 1000.0).round() / 1000.0);
    o.parts
        .push(format!("delivered to {where_} in {}", fmt_ms(latency)));
}

/// Whether header lines (TOP n 0) carry our token.
fn has_token(lines: &[String], token: &str) -> bool {
    lines.iter().any(|l| {
        l.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case(TOKEN_HEADER) && value.trim() == token
        })
    })
}

// ---------------------------------------------------------------- IMAP

async fn imap_roundtrip(
    plan: &RoundtripPlan,
    mailbox: &str,
    token: &str,
    ctx: &Arc<Ctx>,
    o: &mut Outcome,
    clock: &mut Clock,
) -> Result<(), Failure> {
    let t0 = clock.now();
    let (tls, conn) = connect::start(&plan.mailbox, ctx).await?;
    rt(o).mailbox_server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let mut imap = Imap::new(conn.into_wire(ctx.clone()));
    let res = async {
        // Log in and open the mailbox before sending, so the login is not part of the latency
        // and IDLE can report the arrival.
        let greeting = imap.greeting().await?;
        let starttls = plan.mailbox.starttls;
        cmd_imap::starttls_or_capability(&mut imap, greeting, starttls, tls.as_ref(), &host)
            .await?;
        let sasl = plan.auth;
        cmd_imap::login_unless_preauth(&mut imap, greeting, &creds(plan), sasl).await?;
        // SELECT, not EXAMINE: the message is flagged \Deleted and expunged later.
        let info = cmd_imap::examine(&mut imap, mailbox, true).await?;
        Ok(info.get("exists").and_then(Value::as_u64).unwrap_or(0))
    }
    .await;
    let exists = imap.end_if_failed(res).await?;
    clock.done("login", t0);

    let t1 = clock.now();
    let accepted_at = match send(plan, token, ctx, o).await {
        Ok(at) => at,
        Err(f) => {
            // Whatever broke the SMTP session, this IMAP session is still in step: end it.
            imap.logout().await;
            return Err(f);
        }
    };
    clock.done("send", t1);

    let res = async {
        imap.wire.set_phase(Phase::Command);
        let Some((uids, found_at)) =
            wait_imap(&mut imap, plan, token, ctx, accepted_at, exists).await?
        else {
            o.reasons.push(not_delivered(plan, token, mailbox));
            imap.logout().await;
            return Ok(());
        };
        delivered(o, clock, accepted_at, found_at, mailbox);
        let set = uids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        rt(o).uids = Some(uids.clone());
        let t2 = clock.now();
        if plan.keep {
            cleanup_done(o, "kept", format!("kept (UID {set}, --keep)"));
        } else {
            imap_cleanup(&mut imap, &set, o).await?;
            clock.done("cleanup", t2);
        }
        imap.logout().await;
        Ok(())
    }
    .await;
    imap.end_if_failed(res).await
}

/// Flag our UIDs \Deleted and expunge exactly those (RFC 4315 §2.1); without UIDPLUS leave them
/// flagged: EXPUNGE and CLOSE would also remove whatever else is flagged \Deleted.
async fn imap_cleanup(imap: &mut Imap<BoxIo>, set: &str, o: &mut Outcome) -> Result<(), Failure> {
    let (st, _) = imap
        .simple(&format!("UID STORE {set} +FLAGS.SILENT (\\Deleted)"))
        .await?;
    if st.cond != Cond::Ok {
        let why = format!(
            "could not flag the test message (UID {set}) \\Deleted: {}; it is still in the mailbox",
            st.display()
        );
        cleanup_note(o, "failed", Status::Warning, why);
        return Ok(());
    }
    if !imap.has_cap("UIDPLUS") {
        let why = format!(
            "the server does not offer UIDPLUS (RFC 4315): the test message (UID {set}) is flagged \\Deleted but not expunged, since a plain EXPUNGE would also remove other messages flagged \\Deleted"
        );
        cleanup_note(o, "flagged", Status::Ok, why);
        o.parts.push(format!("flagged \\Deleted (UID {set})"));
        return Ok(());
    }
    let (st, _) = imap.simple(&format!("UID EXPUNGE {set}")).await?;
    if st.cond != Cond::Ok {
        let why = format!(
            "UID EXPUNGE {set} was refused: {}; the test message is flagged \\Deleted but still in the mailbox",
            st.display()
        );
        cleanup_note(o, "failed", Status::Warning, why);
        return Ok(());
    }
    cleanup_done(o, "expunged", format!("deleted (UID EXPUNGE {set})"));
    Ok(())
}

/// How the cleanup ended (`cleanup` in the data) and what the headline says about it.
fn cleanup_done(o: &mut Outcome, state: &'static str, part: String) {
    rt(o).cleanup = state;
    o.parts.push(part);
}

/// How the cleanup ended (`cleanup` in the data) and why, as a reason of this `status`.
fn cleanup_note(o: &mut Outcome, state: &'static str, status: Status, message: String) {
    rt(o).cleanup = state;
    o.reasons.push(Reason { status, message });
}

/// Search for the token until it is found (its UIDs and the time) or the deadline passes
/// (None). Between searches: IDLE until the server reports a new message (RFC 2177) or --poll
/// has passed, or a pause of --poll when IDLE is not offered.
async fn wait_imap(
    imap: &mut Imap<BoxIo>,
    plan: &RoundtripPlan,
    token: &str,
    ctx: &Ctx,
    accepted_at: f64,
    mut exists: u64,
) -> Result<Option<(Vec<u64>, f64)>, Failure> {
    let deadline = deadline_at(plan, ctx, accepted_at);
    let search = format!("UID SEARCH HEADER {TOKEN_HEADER} {}", quote(token));
    let idle = imap.has_cap("IDLE");
    loop {
        let (st, got) = imap.simple(&search).await?;
        if st.cond != Cond::Ok {
            return Err(imap.rejected("UID SEARCH", &st));
        }
        let found = cmd_imap::search_results(&got);
        let uids = if found.is_empty() {
            found
        } else {
            carrying_token(imap, &found, token, ctx).await?
        };
        if !uids.is_empty() {
            return Ok(Some((uids, ctx.now_ms())));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        // A message announced with the search's own response (RFC 9051 §7.4.1: EXISTS may come
        // with any command) arrived after the search looked: look again at once, because IDLE
        // would not announce it a second time.
        if let Some(n) = grown(&got, exists) {
            exists = n;
            continue;
        }
        if idle {
            // A server may hold its IDLE news back (Dovecot batches changes for half a second):
            // search again after --poll whatever IDLE says, so --poll bounds the error.
            idle_until_exists(imap, (now + plan.poll).min(deadline)).await?;
        } else {
            tokio::time::sleep_until((now + plan.poll).min(deadline)).await;
        }
    }
}

/// Of the UIDs a SEARCH returned, those whose header really carries the token. Only these are
/// ever flagged \Deleted: a server that answers a HEADER search it does not implement with
/// every message (or with any wrong UID) must not have the test delete the mailbox. The
/// others are named in a warning.
async fn carrying_token(
    imap: &mut Imap<BoxIo>,
    uids: &[u64],
    token: &str,
    ctx: &Ctx,
) -> Result<Vec<u64>, Failure> {
    let set = uids
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let (st, got) = imap
        .simple(&format!(
            "UID FETCH {set} (UID BODY.PEEK[HEADER.FIELDS ({TOKEN_HEADER})])"
        ))
        .await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("UID FETCH", &st));
    }
    let mut ours = Vec::new();
    for r in &got {
        if let Resp::Numbered { kind, data, .. } = r
            && kind == "FETCH"
        {
            let items = fetch_items(data);
            let uid = items
                .iter()
                .find(|(k, _)| k == "UID")
                .and_then(|(_, v)| v.as_num());
            let header = items
                .iter()
                .find(|(k, _)| k.starts_with("BODY["))
                .and_then(|(_, v)| v.bytes())
                .map(|b| {
                    String::from_utf8_lossy(b)
                        .lines()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                });
            // Only a UID that was searched for (a FETCH may also report others' flags).
            if let (Some(u), Some(h)) = (uid, header)
                && uids.contains(&u)
                && has_token(&h, token)
                && !ours.contains(&u)
            {
                ours.push(u);
            }
        }
    }
    let others: Vec<String> = uids
        .iter()
        .filter(|u| !ours.contains(u))
        .map(u64::to_string)
        .collect();
    if !others.is_empty() {
        ctx.warn(format!(
            "UID SEARCH for the token returned UID {} whose header does not carry it: ignored, never deleted",
            others.join(",")
        ));
    }
    Ok(ours)
}

/// The new message count when an `* n EXISTS` in `resps` is above `known`.
fn grown(resps: &[Resp], known: u64) -> Option<u64> {
    resps
        .iter()
        .filter_map(|r| match r {
            Resp::Numbered { n, kind, .. } if kind == "EXISTS" => Some(*n),
            _ => None,
        })
        .max()
        .filter(|n| *n > known)
}

/// IDLE until an EXISTS arrives or `until`, then DONE.
async fn idle_until_exists(imap: &mut Imap<BoxIo>, until: Instant) -> Result<(), Failure> {
    let (tag, early) = imap.start_idle(Outgoing::plain("IDLE")).await?;
    let exists = |r: &Resp| matches!(r, Resp::Numbered { kind, .. } if kind == "EXISTS");
    if !early.iter().any(exists) {
        let normal = imap.wire.timeout();
        // The server may rightly say nothing until then.
        imap.wire
            .set_timeout(until.saturating_duration_since(Instant::now()) + normal);
        let mut keep_inline = |_: &[u8], _: u64| -> Option<Box<dyn LiteralSink + Send>> { None };
        let res = loop {
            let r = tokio::select! {
                r = imap.read(u64::MAX, &mut keep_inline) => Some(r),
                _ = tokio::time::sleep_until(until) => None,
            };
            match r {
                None => break Ok(()),
                Some(Err(f)) => break Err(f),
                Some(Ok(r)) if exists(&r) => break Ok(()),
                Some(Ok(Resp::Status(s))) if s.cond == Cond::Bye => {
                    break Err(imap
                        .wire
                        .fail(Kind::Closed, "server ended IDLE with BYE")
                        .with_reply(s.display()));
                }
                Some(Ok(Resp::Tagged { status, .. })) => break Err(imap.rejected("IDLE", &status)),
                Some(Ok(_)) => {}
            }
        };
        imap.wire.set_timeout(normal);
        res?;
    }
    // What arrived with DONE is found by the next search.
    let (st, _) = imap.done_idle(&tag).await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("IDLE", &st));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_header_safe() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(
            a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'),
            "{a}"
        );
        assert!(has_token(
            &[format!("x-mailctl-roundtrip:   {a}"), "Subject: x".into()],
            &a
        ));
        assert!(!has_token(&[format!("X-Mailctl-Roundtrip: {a}x")], &a));
    }
}
