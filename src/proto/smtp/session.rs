//! The `smtp send` dialogue: banner, EHLO, STARTTLS, AUTH, envelope (pipelined when offered),
//! DATA or BDAT, QUIT — with per-recipient outcomes that survive any later failure.
//!
//! The pieces are public so load mode (`smtp send --count`) runs the very same code: [`open`]
//! (greeting to AUTH) once per session, then [`transaction`] per message with [`reset`] after a
//! refused one, and [`SmtpClient::quit`].

pub(crate) use super::body::{Body, Encoded};
use super::body::{
    ENCODE_CHUNK, bdat_chunks, encode_next, show_chunk, show_lines, summarize, transfer,
};
use super::client::{Caps, SmtpClient};
use super::data;
use super::reply::Reply;
use crate::error::{Failure, Judgement, Kind, Phase, Verdict};
use crate::event::{Ctx, EventKind};
use crate::proto::Session;
use crate::proto::sasl::{self, Credentials, Mechanism};
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Outgoing, Wire};
use serde::Serialize;
use std::sync::Arc;

/// Where `--quit-after` stops the dialogue (in dialogue order: `<` means "before").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum QuitAfter {
    /// Close right after the TCP (or implicit TLS) connection is up.
    Connect,
    /// Read the greeting, then QUIT.
    Banner,
    /// After the first EHLO/HELO/LHLO.
    Ehlo,
    /// After STARTTLS and the second EHLO.
    Starttls,
    /// After AUTH.
    Auth,
    /// After MAIL FROM.
    Mail,
    /// After the RCPT TOs.
    Rcpt,
    /// After the server's 354 to DATA: close without sending a message (the server discards it).
    Data,
    /// After the end of data is sent, without waiting for the server's reply (`--drop-after
    /// dot` only: does the server deliver a message whose sender never heard the reply?).
    Dot,
}

impl QuitAfter {
    pub(crate) fn name(self) -> &'static str {
        match self {
            QuitAfter::Connect => "connect",
            QuitAfter::Banner => "banner",
            QuitAfter::Ehlo => "ehlo",
            QuitAfter::Starttls => "starttls",
            QuitAfter::Auth => "auth",
            QuitAfter::Mail => "mail",
            QuitAfter::Rcpt => "rcpt",
            QuitAfter::Data => "data",
            QuitAfter::Dot => "dot",
        }
    }
}

pub(crate) struct AuthPlan {
    /// None: pick the strongest mechanism offered.
    pub mech: Option<Mechanism>,
    pub creds: Credentials,
}

/// Everything the dialogue needs; built by the plan layer, never by protocol code.
#[derive(Default)]
pub(crate) struct SendPlan {
    pub helo: String,
    pub lmtp: bool,
    pub starttls: bool,
    pub auth: Option<AuthPlan>,
    pub from: String,
    pub rcpts: Vec<String>,
    pub message: Arc<Vec<u8>>,
    pub pipelining: bool,
    pub bdat: bool,
    pub quit_after: Option<QuitAfter>,
    /// Delivery status notifications asked for (RFC 3461), when any DSN option was given.
    pub dsn: Option<Dsn>,
    /// `--drop-after`: at the `quit_after` step, close the connection without QUIT.
    pub drop: bool,
    /// `--xclient NAME=VALUE`: Postfix XCLIENT attributes, sent after EHLO (and STARTTLS).
    pub xclient: Vec<(String, String)>,
    /// `--requiretls` (RFC 8689): MAIL FROM carries REQUIRETLS.
    pub requiretls: bool,
    /// `--vrfy` / `--expn` (RFC 5321 §3.5): asked after AUTH, before any transaction.
    pub verify: Vec<Verify>,
}

/// One VRFY or EXPN question (RFC 5321 §3.5) and, once asked, its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verify {
    /// `VRFY` or `EXPN`.
    pub command: &'static str,
    pub arg: String,
}

/// A VRFY/EXPN answer as the result reports it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Verified {
    pub command: String,
    pub arg: String,
    pub code: u16,
    pub reply: String,
}

/// The DSN parameters of a transaction (RFC 3461 §4): RET and ENVID on MAIL FROM, NOTIFY and
/// ORCPT on each RCPT TO. Values are checked by the plan; ENVID and ORCPT go out as xtext.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Dsn {
    /// `NEVER`, or a comma list of `SUCCESS`, `FAILURE`, `DELAY` (§4.1); None: not sent.
    pub notify: Option<String>,
    /// `FULL` or `HDRS` (§4.3).
    pub ret: Option<String>,
    pub envid: Option<String>,
}

/// xtext (RFC 3461 §4): `+` and `=`, controls, space and non-ASCII as `+XX`.
pub(crate) fn xtext(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if (b'!'..=b'~').contains(&b) && b != b'+' && b != b'=' {
            out.push(b as char);
        } else {
            out.push_str(&format!("+{b:02X}"));
        }
    }
    out
}

/// RCPT TO with its DSN parameters (NOTIFY, and ORCPT: the address as given, RFC 3461 §4.2).
fn rcpt_to(r: &str, dsn: Option<&Dsn>) -> String {
    let mut cmd = format!("RCPT TO:<{r}>");
    if let Some(d) = dsn {
        if let Some(n) = &d.notify {
            cmd.push_str(&format!(" NOTIFY={n}"));
        }
        let kind = if r.is_ascii() { "rfc822" } else { "utf-8" };
        cmd.push_str(&format!(" ORCPT={kind};{}", xtext(r)));
    }
    cmd
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct RcptResult {
    pub addr: String,
    /// RCPT TO was accepted (`reply` is its answer).
    pub accepted: bool,
    pub reply: String,
    /// LMTP only: the per-recipient reply after the message (RFC 2033 §4.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<String>,
    /// The server took the message for this recipient: RCPT accepted and then, for SMTP, the
    /// end of data answered 2xx; for LMTP, this recipient's own reply after the message was 2xx
    /// (one 4xx/5xx there and the recipient has nothing, whatever RCPT said). False when no
    /// message was sent (`--quit-after`, a failure before the end of data).
    pub delivered: bool,
}

/// What happened, kept even when the session fails part way.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Delivery {
    pub rcpts: Vec<RcptResult>,
    /// The reply to the end of data (SMTP), e.g. `250 2.0.0 Ok: queued as 4Xyz`.
    pub final_reply: Option<String>,
    /// True once the server confirmed it took the message.
    pub accepted: bool,
    pub tls: bool,
    /// VRFY/EXPN answers, in the order asked.
    pub verified: Vec<Verified>,
    /// What stopped the dialogue. A partial acceptance is none: the dialogue ran to its end, and
    /// [`Delivery::partial`] judges it from `rcpts`.
    #[serde(skip)]
    pub failure: Option<Failure>,
}

/// Run the whole dialogue over a connected wire (already TLS for implicit TLS).
pub(crate) async fn run(
    wire: Wire<BoxIo>,
    host: &str,
    plan: &SendPlan,
    tls: Option<&TlsClient>,
) -> Delivery {
    let mut d = Delivery {
        tls: wire.is_tls(),
        ..Default::default()
    };
    let mut client = SmtpClient::new(wire);
    if let Err(f) = dialogue(&mut client, host, plan, tls, &mut d).await {
        client.end_after(&f).await;
        d.failure = Some(f);
    }
    d.tls = client.wire.is_tls();
    d
}

async fn dialogue(
    c: &mut SmtpClient<BoxIo>,
    host: &str,
    plan: &SendPlan,
    tls: Option<&TlsClient>,
    d: &mut Delivery,
) -> Result<(), Failure> {
    let Some(caps) = open(c, host, plan, tls).await? else {
        return Ok(());
    };
    if !plan.verify.is_empty() {
        verify(c, plan, d).await?;
        if plan.rcpts.is_empty() {
            // A VRFY/EXPN probe: no transaction to run.
            return stop_here(c, plan, false).await;
        }
    }
    // A probe that stops before MAIL declares no SIZE, so an empty message costs nothing here.
    let body = Body::raw(&plan.message, plan.bdat);
    envelope_and_data(c, plan, &caps, &body, d).await?;
    if matches!(plan.quit_after, Some(QuitAfter::Mail | QuitAfter::Rcpt)) {
        stop_here(c, plan, true).await?;
    } else if d.accepted {
        quit(c).await?;
    }
    Ok(())
}

/// The end of a dialogue that stopped where `--quit-after` / `--drop-after` said (`at_step`), or
/// after a VRFY/EXPN probe: QUIT, or for `--drop-after` just close (swaks parity: how does the
/// server handle a client that vanishes here?).
async fn stop_here(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    at_step: bool,
) -> Result<(), Failure> {
    if plan.drop && at_step {
        drop_now(c, plan);
        c.wire.shutdown().await;
        return Ok(());
    }
    quit(c).await
}

/// Say that we close without QUIT (the shutdown follows).
fn drop_now(c: &mut SmtpClient<BoxIo>, plan: &SendPlan) {
    let step = plan.quit_after.map(QuitAfter::name).unwrap_or("?");
    c.wire.end_phase();
    c.wire.ctx().emit(EventKind::Closed {
        by: format!("client (--drop-after {step}: no QUIT)"),
    });
}

/// VRFY / EXPN (RFC 5321 §3.5.3): 250/251 confirm, 252 means the server will not say (but would
/// take mail for it), 550/551/553 say no — each an answer, so every question is asked. A reply
/// that says the command itself is unusable (421, 500, 502, 504…) stops there. Then any answer
/// other than 25x ends the session as a refusal of that command (phase command).
async fn verify(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    d: &mut Delivery,
) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Command);
    let mut refused: Option<(&'static str, Reply)> = None;
    for v in &plan.verify {
        let r = c.command(&format!("{} {}", v.command, v.arg)).await?;
        d.verified.push(Verified {
            command: v.command.to_string(),
            arg: v.arg.clone(),
            code: r.code,
            reply: r.display(),
        });
        match r.code {
            250 | 251 => {}
            252 => c.wire.ctx().info(format!(
                "{} {}: 252, the server will neither confirm nor deny the address (RFC 5321 §3.5.3)",
                v.command, v.arg
            )),
            550 | 551 | 553 => {
                refused.get_or_insert((v.command, r));
            }
            _ => return Err(c.rejected(v.command, &r)),
        }
    }
    match refused {
        Some((command, r)) => Err(c.rejected(command, &r)),
        None => Ok(()),
    }
}

/// XCLIENT (Postfix XCLIENT_README): only attributes the server lists, values as xtext; on
/// success the server restarts the session at the greeting (220), so EHLO is said again and its
/// capabilities replace the old ones.
async fn xclient(c: &mut SmtpClient<BoxIo>, plan: &SendPlan, caps: &Caps) -> Result<Caps, Failure> {
    c.wire.set_phase(Phase::Command);
    let Some(offered) = caps.params("XCLIENT") else {
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "--xclient: the server does not offer XCLIENT (to this client address); nothing was sent",
        ));
    };
    for (name, _) in &plan.xclient {
        if !offered.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            return Err(Failure::new(
                Phase::Capability,
                Kind::Capability,
                format!(
                    "--xclient {name}: the server's XCLIENT takes only {}; nothing was sent",
                    offered.join(" ")
                ),
            ));
        }
    }
    let attrs: Vec<String> = plan
        .xclient
        .iter()
        .map(|(n, v)| format!("{}={}", n.to_ascii_uppercase(), xtext(v)))
        .collect();
    let r = c.command(&format!("XCLIENT {}", attrs.join(" "))).await?;
    if !r.is_positive() {
        return Err(c.rejected("XCLIENT", &r));
    }
    let ctx = c.wire.ctx().clone();
    ctx.info("XCLIENT accepted: the server restarted the session as that client; EHLO again");
    let caps = c.hello(&plan.helo, plan.lmtp).await?;
    if ctx.emits() {
        ctx.info(format!(
            "server extensions after XCLIENT: {}",
            caps.summary()
        ));
    }
    Ok(caps)
}

/// Everything before the first transaction: greeting, EHLO, STARTTLS and AUTH as the plan says.
/// Returns the capabilities to use for transactions, or None when `--quit-after` stopped the
/// dialogue here (the QUIT is already done).
pub(crate) async fn open(
    c: &mut SmtpClient<BoxIo>,
    host: &str,
    plan: &SendPlan,
    tls: Option<&TlsClient>,
) -> Result<Option<Caps>, Failure> {
    let stop = |at: QuitAfter| plan.quit_after == Some(at);
    let ctx = c.wire.ctx().clone();

    if stop(QuitAfter::Connect) {
        c.wire.shutdown().await;
        c.wire.end_phase();
        ctx.emit(EventKind::Closed {
            by: format!(
                "client ({} connect)",
                if plan.drop {
                    "--drop-after"
                } else {
                    "--quit-after"
                }
            ),
        });
        return Ok(None);
    }

    c.wire.set_phase(Phase::Banner);
    let banner = c.read_reply().await?;
    if !banner.is_positive() {
        // 554 greeting: no service here; 421: closing. Either way the server refused us.
        return Err(c.rejected("greeting", &banner));
    }
    if stop(QuitAfter::Banner) {
        stop_here(c, plan, true).await?;
        return Ok(None);
    }

    let mut caps = c.hello(&plan.helo, plan.lmtp).await?;
    if ctx.emits() {
        ctx.info(format!("server extensions: {}", caps.summary()));
    }
    if stop(QuitAfter::Ehlo) {
        stop_here(c, plan, true).await?;
        return Ok(None);
    }

    if plan.starttls {
        caps = starttls(c, host, plan, tls, &caps).await?;
        if stop(QuitAfter::Starttls) {
            stop_here(c, plan, true).await?;
            return Ok(None);
        }
    }

    if !plan.xclient.is_empty() {
        caps = xclient(c, plan, &caps).await?;
    }

    if let Some(auth) = &plan.auth {
        authenticate(c, auth, &caps).await?;
    }
    if stop(QuitAfter::Auth) {
        stop_here(c, plan, true).await?;
        return Ok(None);
    }
    Ok(Some(caps))
}

/// One mail transaction on an open session: envelope, message, and the outcome per recipient in
/// `d` ([`Delivery::partial`] tells whether it reached only some). A refusal (`Kind::Rejected`)
/// or a partial acceptance leaves the session in sync: the caller may [`reset`] and start the
/// next transaction.
pub(crate) async fn transaction(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    caps: &Caps,
    body: &Body<'_>,
    d: &mut Delivery,
) -> Result<(), Failure> {
    envelope_and_data(c, plan, caps, body, d).await
}

/// RSET (RFC 5321 §4.1.1.5): abort whatever transaction a refusal left behind, so the next MAIL
/// starts clean. After a successful transaction none is needed (§4.1.4: the end of data resets).
pub(crate) async fn reset(c: &mut SmtpClient<BoxIo>) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Mail);
    let r = c.command("RSET").await?;
    if !r.is_positive() {
        return Err(c.rejected("RSET", &r));
    }
    Ok(())
}

async fn quit(c: &mut SmtpClient<BoxIo>) -> Result<(), Failure> {
    c.quit().await;
    Ok(())
}

/// STARTTLS (RFC 3207), then EHLO again; returns the capabilities learned inside TLS.
pub(crate) async fn starttls(
    c: &mut SmtpClient<BoxIo>,
    host: &str,
    plan: &SendPlan,
    tls: Option<&TlsClient>,
    caps: &Caps,
) -> Result<Caps, Failure> {
    c.wire.set_phase(Phase::Starttls);
    c.wire.refuse_if_tls()?;
    if !caps.has("STARTTLS") {
        // Never fall back to plaintext (RFC 3207 §4: the client decides; we were told to require
        // it). Nothing was sent, so the session is ended with QUIT (see proto::in_step).
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "server does not offer STARTTLS; refusing to continue in plaintext",
        ));
    }
    let tls = TlsClient::required(tls)?;
    tls.server_name(host)?;
    let r = c.command("STARTTLS").await?;
    if r.code != 220 {
        return Err(c.rejected("STARTTLS", &r));
    }
    c.wire.start_tls(tls, host, Phase::Ehlo).await?;
    // RFC 3207 §4.2: forget everything learned before TLS and ask again.
    let caps = c.hello(&plan.helo, plan.lmtp).await?;
    if c.wire.ctx().emits() {
        c.wire.ctx().info(format!(
            "server extensions after STARTTLS: {}",
            caps.summary()
        ));
    }
    Ok(caps)
}

/// AUTH (RFC 4954) with the chosen or the strongest offered mechanism.
pub(crate) async fn authenticate(
    c: &mut SmtpClient<BoxIo>,
    auth: &AuthPlan,
    caps: &Caps,
) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Auth);
    let offered = caps.auth_mechs();
    let mech = sasl::choose(&c.wire, auth.mech, &offered, "AUTH ")?;
    if !c.wire.is_tls() {
        c.wire
            .ctx()
            .warn("sending credentials over an unencrypted connection");
    }
    let mut x = sasl::exchange(&c.wire, mech, &auth.creds)?;
    // RFC 4954 §4: the AUTH command stays within the 512-octet command line (RFC 5321
    // §4.5.3.1.4); a longer initial response (a bearer token) waits for the first challenge.
    let room = 512usize.saturating_sub("AUTH \r\n".len() + mech.name().len() + 1);
    let first = sasl::first_line("AUTH", mech, x.initial_within(Some(room)));
    let mut r = c.command_out(first).await?;
    let mut rounds = 0;
    while r.code == 334 {
        rounds += 1;
        if rounds > 10 {
            return Err(c.wire.fail(
                Kind::Protocol,
                "AUTH exchange did not finish after 10 challenges",
            ));
        }
        let answer = sasl::decode_challenge(r.lines.first().map(String::as_str).unwrap_or(""))
            .map_err(sasl::Abort::protocol)
            .and_then(|ch| x.respond(&ch));
        match answer {
            Ok(step) => r = c.command_out(step.into_line()).await?,
            Err(abort) => {
                // RFC 4954 §4: "*" cancels; the server answers 501 and waits for a command.
                let f = Failure::new(Phase::Auth, abort.kind, abort.message);
                return Err(match c.command_out(sasl::cancel_line()).await {
                    Ok(reply) => f.with_reply(reply.display()),
                    Err(_) => f.out_of_step(),
                });
            }
        }
    }
    if r.code != 235 {
        return Err(Failure::new(
            Phase::Auth,
            Kind::Rejected,
            x.refused(format!("AUTH {} failed", mech.name())),
        )
        .with_reply(r.display()));
    }
    // RFC 4954 §4 has no data with 235: SCRAM's server-final must have come as a 334.
    x.after_success(None)
        .map_err(|a| Failure::new(Phase::Auth, a.kind, a.message).with_reply(r.display()))?;
    Ok(())
}

fn mail_from(plan: &SendPlan, caps: &Caps, size: usize, eight_bit: bool, ctx: &Ctx) -> String {
    let mut cmd = format!("MAIL FROM:<{}>", plan.from);
    if let Some(limit) = caps.size() {
        cmd.push_str(&format!(" SIZE={size}"));
        if limit > 0 && size as u64 > limit {
            ctx.warn(format!(
                "message is {size} bytes; server's SIZE limit is {limit}"
            ));
        }
    }
    if eight_bit {
        if caps.has("8BITMIME") {
            cmd.push_str(" BODY=8BITMIME");
        } else {
            ctx.warn("message has 8-bit bytes but the server does not offer 8BITMIME (RFC 6152)");
        }
    }
    // Without SMTPUTF8 the transaction never starts (see envelope_and_data).
    if needs_smtputf8(plan) && caps.has("SMTPUTF8") {
        cmd.push_str(" SMTPUTF8");
    }
    if plan.requiretls {
        cmd.push_str(" REQUIRETLS");
    }
    if let Some(d) = &plan.dsn {
        if let Some(r) = &d.ret {
            cmd.push_str(&format!(" RET={r}"));
        }
        if let Some(e) = &d.envid {
            cmd.push_str(&format!(" ENVID={}", xtext(e)));
        }
    }
    cmd
}

/// A non-ASCII envelope address needs SMTPUTF8 (RFC 6531 §3.4).
fn needs_smtputf8(plan: &SendPlan) -> bool {
    !plan.from.is_ascii() || plan.rcpts.iter().any(|r| !r.is_ascii())
}

async fn envelope_and_data(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    caps: &Caps,
    body: &Body<'_>,
    d: &mut Delivery,
) -> Result<(), Failure> {
    let ctx = c.wire.ctx().clone();
    let bdat = plan.bdat;
    if bdat && !caps.has("CHUNKING") {
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "--bdat: server does not offer CHUNKING (RFC 3030); nothing was sent",
        ));
    }
    if plan.requiretls && !(c.wire.is_tls() && caps.has("REQUIRETLS")) {
        // RFC 8689 §2: only over TLS, and only to a server that offers it; the message must
        // not go out without the guarantee the sender asked for.
        let why = if c.wire.is_tls() {
            "the server does not offer REQUIRETLS (RFC 8689)"
        } else {
            "the session is not TLS (RFC 8689 §2)"
        };
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            format!("--requiretls: {why}; nothing was sent"),
        ));
    }
    if plan.dsn.is_some() && !caps.has("DSN") {
        // RFC 3461 §4: the parameters may only be sent to a server that offers DSN.
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "--notify/--ret/--envid: server does not offer DSN (RFC 3461); nothing was sent",
        ));
    }
    if needs_smtputf8(plan) && !caps.has("SMTPUTF8") {
        // RFC 6531 §3.4: a non-ASCII envelope must not go to a server without SMTPUTF8; sending
        // it anyway would be our protocol violation, not a test of the server.
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "the envelope has non-ASCII addresses but the server does not offer SMTPUTF8 (RFC 6531 §3.4); nothing was sent",
        ));
    }
    // SIZE= counts the message as transferred, without DATA's terminating ".\r\n" (RFC 1870 §3).
    let wire_size = if bdat {
        body.len()
    } else {
        body.len().saturating_sub(3)
    };
    let mail = mail_from(plan, caps, wire_size, body.eight_bit, &ctx);
    let rcpt_cmds: Vec<String> = plan
        .rcpts
        .iter()
        .map(|r| rcpt_to(r, plan.dsn.as_ref()))
        .collect();
    let stop_mail = plan.quit_after == Some(QuitAfter::Mail);
    let stop_rcpt = plan.quit_after == Some(QuitAfter::Rcpt);
    let pipelined = plan.pipelining && caps.has("PIPELINING") && !stop_mail;
    // RFC 2920 §3.1: DATA may end a pipelined batch; BDAT is sent after the replies are in.
    let data_in_batch = pipelined && !bdat && !stop_rcpt;

    c.wire.set_phase(Phase::Mail);
    let (mail_reply, rcpt_replies, data_reply) = if pipelined {
        let mut batch = vec![Outgoing::plain(mail.clone())];
        batch.extend(rcpt_cmds.iter().map(|r| Outgoing::plain(r.clone())));
        if data_in_batch {
            batch.push(Outgoing::plain("DATA"));
        }
        c.wire.send_lines(&batch).await?;
        let m = c.read_reply().await?;
        c.wire.set_phase(Phase::Rcpt);
        let mut rs = Vec::new();
        for _ in &rcpt_cmds {
            rs.push(c.read_reply().await?);
        }
        let dr = if data_in_batch {
            c.wire.set_phase(Phase::Data);
            Some(c.read_reply().await?)
        } else {
            None
        };
        (m, rs, dr)
    } else {
        let m = c.command(&mail).await?;
        if !m.is_positive() {
            return Err(c.rejected("MAIL FROM", &m));
        }
        if stop_mail {
            return Ok(());
        }
        c.wire.set_phase(Phase::Rcpt);
        let mut rs = Vec::new();
        for cmd in &rcpt_cmds {
            rs.push(c.command(cmd).await?);
        }
        (m, rs, None)
    };
    for (addr, r) in plan.rcpts.iter().zip(&rcpt_replies) {
        d.rcpts.push(RcptResult {
            addr: addr.clone(),
            accepted: r.is_positive(),
            reply: r.display(),
            delivery: None,
            delivered: false,
        });
    }
    if !mail_reply.is_positive() {
        c.wire.set_phase(Phase::Mail);
        if data_reply.as_ref().is_some_and(|r| r.code == 354) {
            abort_data(c).await?;
        }
        return Err(c.rejected("MAIL FROM", &mail_reply));
    }
    let accepted = d.rcpts.iter().filter(|r| r.accepted).count();
    if accepted == 0 {
        c.wire.set_phase(Phase::Rcpt);
        if data_reply.as_ref().is_some_and(|r| r.code == 354) {
            abort_data(c).await?;
        }
        let f = Failure::new(
            Phase::Rcpt,
            Kind::Rejected,
            format!("all {} recipient(s) rejected", d.rcpts.len()),
        );
        let first = d.rcpts.first().map(|r| r.reply.clone()).unwrap_or_default();
        return Err(f.with_reply(first));
    }
    if stop_rcpt {
        return Ok(());
    }

    c.wire.set_phase(Phase::Data);
    if bdat {
        return send_bdat(c, plan, body, accepted, d)
            .await
            .map_err(not_confirmed);
    }
    let r = match data_reply {
        Some(r) => r,
        None => c.command("DATA").await?,
    };
    if r.code != 354 {
        return Err(c.rejected("DATA", &r));
    }
    if plan.quit_after == Some(QuitAfter::Data) {
        c.wire.shutdown().await;
        c.wire.end_phase();
        ctx.emit(EventKind::Closed {
            by: format!(
                "client ({} data: no message sent)",
                if plan.drop {
                    "--drop-after"
                } else {
                    "--quit-after"
                }
            ),
        });
        return Ok(());
    }
    transfer(c, body).await.map_err(not_confirmed)?;
    finish_transaction(c, plan, accepted, d)
        .await
        .map_err(not_confirmed)
}

/// The server said 354 although no transaction can succeed: end the (empty) data with "." so the
/// dialogue stays in sync (RFC 2920 §3.1), then quit.
async fn abort_data(c: &mut SmtpClient<BoxIo>) -> Result<(), Failure> {
    c.wire
        .ctx()
        .warn("server answered 354 to DATA with no valid recipients; sending an empty end of data");
    c.wire.send(".").await?;
    c.read_reply().await.map(|_| ())
}

/// Once the body is on its way, a lost connection or a timeout leaves the outcome unknown: say
/// so, so nobody reads "closed" as "sent" (the server may or may not have queued it).
fn not_confirmed(mut f: Failure) -> Failure {
    if matches!(f.kind, Kind::Closed | Kind::Timeout) {
        f.message = format!("{} — the message was NOT confirmed as sent", f.message);
    }
    f
}

async fn send_bdat(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    body: &Body<'_>,
    accepted: usize,
    d: &mut Delivery,
) -> Result<(), Failure> {
    // One chunk per MiB keeps the server's per-chunk buffers small; each chunk is acknowledged.
    // A chunk may span the head and the tail (load mode), so a small message is one BDAT LAST
    // and costs no extra round trip.
    const CHUNK: usize = 1 << 20;
    let ctx = c.wire.ctx().clone();
    if body.encode {
        // The encoding of each MiB of the message is one chunk (CRLF can make it a little
        // longer); its length is known before BDAT is sent.
        let mut enc = data::Encoder::new(false);
        let mut parts = body.tail.chunks(ENCODE_CHUNK).peekable();
        let (mut buf, mut carry) = (Vec::new(), Vec::new());
        loop {
            let last = encode_next(&mut enc, &mut parts, &mut buf);
            let cmd = format!("BDAT {}{}", buf.len(), if last { " LAST" } else { "" });
            c.wire.send(&cmd).await?;
            if ctx.show_data {
                show_chunk(&ctx, c.wire.is_tls(), &mut carry, &buf);
            }
            c.wire.write_raw(&buf).await?;
            c.wire.flush().await?;
            if last {
                break;
            }
            bdat_ack(c).await?;
        }
        summarize(&ctx, body, c.wire.is_tls());
        return finish_transaction(c, plan, accepted, d).await;
    }
    let chunks = bdat_chunks(&[body.head, body.tail], CHUNK);
    let n = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let last = i + 1 == n;
        let len: usize = chunk.iter().map(|p| p.len()).sum();
        let cmd = format!("BDAT {len}{}", if last { " LAST" } else { "" });
        c.wire.send(&cmd).await?;
        for piece in chunk {
            if ctx.show_data {
                show_lines(&ctx, c.wire.is_tls(), piece);
            }
            c.wire.write_raw(piece).await?;
        }
        c.wire.flush().await?;
        if !last {
            bdat_ack(c).await?;
        }
    }
    summarize(&ctx, body, c.wire.is_tls());
    finish_transaction(c, plan, accepted, d).await
}

/// Every BDAT chunk but the last is acknowledged on its own (RFC 3030 §2): a refusal ends the
/// transfer there.
async fn bdat_ack(c: &mut SmtpClient<BoxIo>) -> Result<(), Failure> {
    let r = c.read_reply().await?;
    if !r.is_positive() {
        return Err(c.rejected("BDAT chunk", &r));
    }
    Ok(())
}

/// Read the reply (SMTP) or the per-recipient replies (LMTP, RFC 2033 §4.2) to the message.
async fn finish_transaction(
    c: &mut SmtpClient<BoxIo>,
    plan: &SendPlan,
    accepted: usize,
    d: &mut Delivery,
) -> Result<(), Failure> {
    if plan.quit_after == Some(QuitAfter::Dot) {
        // --drop-after dot: the message is complete on the wire; leave before the reply.
        drop_now(c, plan);
        c.wire.shutdown().await;
        c.wire.ctx().info(
            "the end of data was sent and the connection closed before the reply: \
             the server may or may not deliver it (RFC 5321 §4.1.1.4, RFC 1047)",
        );
        return Ok(());
    }
    if plan.lmtp {
        let mut delivered = 0;
        let idx: Vec<usize> = d
            .rcpts
            .iter()
            .enumerate()
            .filter(|(_, r)| r.accepted)
            .map(|(i, _)| i)
            .collect();
        let mut last: Option<Reply> = None;
        for i in idx {
            let r = c.read_reply().await?;
            if r.is_positive() {
                delivered += 1;
            }
            d.rcpts[i].delivery = Some(r.display());
            d.rcpts[i].delivered = r.is_positive();
            last = Some(r);
        }
        d.accepted = delivered > 0;
        d.final_reply = last.as_ref().map(Reply::display);
        if delivered == 0 {
            let r = last.unwrap_or(Reply {
                code: 554,
                lines: vec![],
            });
            return Err(c.rejected("message (every LMTP recipient)", &r));
        }
        if delivered < accepted {
            c.wire.ctx().warn(format!(
                "LMTP delivered to {delivered} of {accepted} accepted recipients"
            ));
        }
        return Ok(());
    }
    let r = c.read_reply().await?;
    d.final_reply = Some(r.display());
    if !r.is_positive() {
        return Err(c.rejected("message", &r));
    }
    d.accepted = true;
    // SMTP has one reply for the whole message (RFC 5321 §4.1.1.4): every accepted recipient
    // got it.
    for rc in d.rcpts.iter_mut().filter(|r| r.accepted) {
        rc.delivered = true;
    }
    Ok(())
}

impl Delivery {
    /// Accepted for some recipients but not all: the message went out, but the run is not a
    /// success. A verdict on what the server said, not a failure: the dialogue ran to its end.
    pub(crate) fn partial(&self) -> Option<Judgement> {
        if !self.accepted || self.failure.is_some() {
            return None;
        }
        let ok = self.rcpts.iter().filter(|r| r.delivered).count();
        if ok == self.rcpts.len() {
            return None;
        }
        // A recipient refused at RCPT is a rcpt-phase problem; only LMTP delivery refusals after
        // the message (RFC 2033 §4.2) belong to the data phase.
        let phase = if self.rcpts.iter().all(|r| r.accepted) {
            Phase::Data
        } else {
            Phase::Rcpt
        };
        let bad: Vec<String> = self
            .rcpts
            .iter()
            .filter(|r| !r.delivered)
            .map(|r| format!("{}: {}", r.addr, r.delivery.as_ref().unwrap_or(&r.reply)))
            .collect();
        Some(Judgement::new(
            phase,
            Verdict::Partial,
            format!(
                "message accepted for {ok} of {} recipients; rejected: {}",
                self.rcpts.len(),
                bad.join("; ")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Body, Dsn, ENCODE_CHUNK, bdat_chunks, data, encode_next, rcpt_to, xtext};

    #[test]
    fn dsn_values_are_xtext() {
        // RFC 3461 §4: "+" and "=" and anything outside "!".."~" as +XX.
        assert_eq!(xtext("a+b=c d\u{e9}"), "a+2Bb+3Dc+20d+C3+A9");
        let d = Dsn {
            notify: Some("FAILURE".into()),
            ..Dsn::default()
        };
        assert_eq!(
            rcpt_to("x+y@example.org", Some(&d)),
            "RCPT TO:<x+y@example.org> NOTIFY=FAILURE ORCPT=rfc822;x+2By@example.org"
        );
        assert_eq!(rcpt_to("x@example.org", None), "RCPT TO:<x@example.org>");
    }

    /// Encoding a chunk at a time (the message held once) gives exactly the bytes, lines and
    /// wire size of encoding it whole, whatever falls on a chunk boundary: CR | LF, LF | '.',
    /// a bare CR at the very end.
    #[test]
    fn chunked_encoding_equals_whole_encoding() {
        let mut cases = Vec::new();
        for tail in [&b"\r\n.x\r\n"[..], b"\n.\n", b"\r.\r", b".", b"\r"] {
            for shift in [0, 1, 2] {
                let mut m = vec![b'a'; ENCODE_CHUNK - shift];
                m.extend_from_slice(tail);
                m.extend_from_slice(&vec![b'b'; ENCODE_CHUNK + 3]);
                m.extend_from_slice(tail);
                cases.push(m);
            }
        }
        cases.push(Vec::new());
        cases.push(b"x".to_vec());
        for m in &cases {
            for bdat in [false, true] {
                let (whole, lines) = if bdat {
                    data::encode_bdat(m)
                } else {
                    data::encode_data(m)
                };
                let mut enc = data::Encoder::new(!bdat);
                let mut parts = m.chunks(ENCODE_CHUNK).peekable();
                let (mut got, mut buf) = (Vec::new(), Vec::new());
                loop {
                    let last = encode_next(&mut enc, &mut parts, &mut buf);
                    got.extend_from_slice(&buf);
                    if last {
                        break;
                    }
                }
                assert!(got == whole, "bdat {bdat}, {} bytes", m.len());
                let body = Body::raw(m, bdat);
                assert_eq!((body.wire_len, body.lines), (whole.len(), lines));
            }
        }
    }

    fn lens(chunks: &[Vec<&[u8]>]) -> Vec<Vec<usize>> {
        chunks
            .iter()
            .map(|c| c.iter().map(|p| p.len()).collect())
            .collect()
    }

    #[test]
    fn bdat_chunks_span_head_and_tail_and_keep_every_byte_in_order() {
        let head = b"Message-ID: <1@x>\r\n".as_slice();
        let tail = [b'a'; 25];
        // A small message is one chunk of two pieces: one BDAT LAST, no extra round trip.
        assert_eq!(
            lens(&bdat_chunks(&[head, &tail], 1 << 20)),
            vec![vec![19, 25]]
        );
        // Chunks of 10 cut across the boundary.
        let chunks = bdat_chunks(&[head, &tail], 10);
        assert_eq!(
            lens(&chunks),
            vec![vec![10], vec![9, 1], vec![10], vec![10], vec![4]]
        );
        let joined: Vec<u8> = chunks.concat().concat();
        assert_eq!(joined, [head, &tail[..]].concat());
        // No head (a single send), an exact multiple, and nothing at all.
        assert_eq!(lens(&bdat_chunks(&[b"", &tail], 25)), vec![vec![25]]);
        assert_eq!(
            lens(&bdat_chunks(&[b"", b""], 8)),
            vec![Vec::<usize>::new()]
        );
    }
}
