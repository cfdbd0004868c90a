//! One endpoint check: connect (with TLS) through the shared start-up, then the protocol's
//! opening — greeting (matched against `--expect-banner` before anything is sent), EHLO or
//! CAPABILITY/CAPA, STARTTLS, the login when credentials were given, SMTP `--send-test` (MAIL,
//! RCPT, then RSET: no message) — and a polite QUIT/LOGOUT. Judging is left to `thresholds`.

use super::{Outcome, TargetSink};
use crate::error::{Failure, Kind, Phase};
use crate::event::Ctx;
use crate::plan::check::{EndpointPlan, Login, Proto};
use crate::proto::Session;
use crate::proto::imap::Imap;
use crate::proto::imap::session as cmd_imap;
use crate::proto::pop3::Pop3;
use crate::proto::smtp::SendPlan;
use crate::proto::smtp::client::SmtpClient;
use crate::proto::smtp::session;
use crate::report::check::{Reason, Status};
use crate::transport::connect;
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;
use std::sync::Arc;

pub(crate) async fn run(plan: &EndpointPlan, ctx: Arc<Ctx>, sink: &TargetSink) -> Outcome {
    let mut o = Outcome::default();
    let (tls, conn) = match connect::start(&plan.connect, &ctx).await {
        Ok(x) => x,
        Err(f) => {
            o.failure = Some(f);
            return o;
        }
    };
    o.server = Some(conn.addr.clone());
    if plan.connect.implicit_tls {
        o.parts.push("TLS".into());
    }
    let host = conn.host.clone();
    let wire = conn.into_wire(ctx.clone());
    let res = match plan.proto {
        Proto::Smtp => {
            let mut c = SmtpClient::new(wire);
            let res = smtp(&mut c, &host, plan, tls.as_ref(), sink, &mut o).await;
            c.end_if_failed(res).await
        }
        Proto::Imap => {
            let mut imap = Imap::new(wire);
            let res = imap_session(&mut imap, &host, plan, tls.as_ref(), sink, &mut o).await;
            imap.end_if_failed(res).await
        }
        Proto::Pop3 => {
            let mut p = Pop3::new(wire);
            let res = pop3_session(&mut p, &host, plan, tls.as_ref(), sink, &mut o).await;
            p.end_if_failed(res).await
        }
    };
    if res.is_ok() && o.parts.is_empty() {
        o.parts.push(
            match plan.proto {
                Proto::Smtp => "greeting and EHLO answered",
                Proto::Imap => "greeting and CAPABILITY answered",
                Proto::Pop3 => "greeting and CAPA answered",
            }
            .into(),
        );
    }
    o.failure = res.err();
    o
}

/// `--expect-banner`: the greeting must match before we send anything else (least of all a
/// password) to a server that may not be the one we meant.
fn expect_banner(plan: &EndpointPlan, sink: &TargetSink) -> Result<(), Failure> {
    let Some(re) = &plan.expect_banner else {
        return Ok(());
    };
    let greeting = sink.greeting();
    if re.is_match(&greeting) {
        return Ok(());
    }
    Err(Failure::new(
        Phase::Banner,
        Kind::Rejected,
        format!(
            "the greeting does not match --expect-banner {:?}: nothing more was sent",
            re.as_str()
        ),
    )
    .with_reply(greeting.replace('\n', " / ")))
}

fn user_of(login: &Login) -> &str {
    match login {
        Login::Smtp(a) => &a.creds.user,
        Login::Imap { creds, .. } => &creds.user,
        Login::Pop3(crate::proto::pop3::Login::UserPass(c))
        | Login::Pop3(crate::proto::pop3::Login::Apop(c))
        | Login::Pop3(crate::proto::pop3::Login::Sasl(_, c)) => &c.user,
    }
}

async fn smtp(
    c: &mut SmtpClient<BoxIo>,
    host: &str,
    plan: &EndpointPlan,
    tls: Option<&TlsClient>,
    sink: &TargetSink,
    o: &mut Outcome,
) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Banner);
    let banner = c.read_reply().await?;
    if !banner.is_positive() {
        return Err(c.rejected("greeting", &banner));
    }
    expect_banner(plan, sink)?;
    let mut caps = c.hello(&plan.helo, false).await?;
    if plan.connect.starttls {
        // The send dialogue's STARTTLS step (EHLO again inside TLS, RFC 3207 §4.2); it only
        // reads the EHLO name and LMTP flag from this plan.
        let hello = SendPlan {
            helo: plan.helo.clone(),
            lmtp: false,
            starttls: true,
            auth: None,
            from: String::new(),
            rcpts: Vec::new(),
            message: Arc::new(Vec::new()),
            pipelining: false,
            bdat: false,
            quit_after: None,
            ..Default::default()
        };
        caps = session::starttls(c, host, &hello, tls, &caps).await?;
        o.parts.push("STARTTLS".into());
    }
    if let Some(Login::Smtp(auth)) = &plan.login {
        session::authenticate(c, auth, &caps).await?;
        o.parts
            .push(format!("authenticated as {}", auth.creds.user));
    }
    if let Some((from, to)) = &plan.send_test {
        // RFC 5321 §4.1.1.2-3 then §4.1.1.5: a transaction opened and reset, no DATA.
        let utf8 = if !from.is_ascii() || !to.is_ascii() {
            if !caps.has("SMTPUTF8") {
                // RFC 6531 §3.4: never send a non-ASCII envelope without SMTPUTF8; the target
                // cannot take this address (CRITICAL), and the session ends with QUIT.
                return Err(Failure::new(
                    Phase::Capability,
                    Kind::Capability,
                    "--send-test has non-ASCII addresses but the server does not offer SMTPUTF8 (RFC 6531 §3.4); nothing was sent",
                ));
            }
            " SMTPUTF8"
        } else {
            ""
        };
        c.wire.set_phase(Phase::Mail);
        let r = c.command(&format!("MAIL FROM:<{from}>{utf8}")).await?;
        if !r.is_positive() {
            return Err(c.rejected("MAIL FROM", &r));
        }
        c.wire.set_phase(Phase::Rcpt);
        let r = c.command(&format!("RCPT TO:<{to}>")).await?;
        if !r.is_positive() {
            return Err(c.rejected(&format!("RCPT TO:<{to}>"), &r));
        }
        c.wire.set_phase(Phase::Quit);
        let r = c.command("RSET").await?;
        if !r.is_positive() {
            o.reasons.push(Reason {
                status: Status::Warning,
                message: format!("RSET was refused: {}", r.display()),
            });
        }
        o.parts
            .push(format!("MAIL FROM/RCPT TO <{to}> accepted, then RSET"));
    }
    c.quit().await;
    Ok(())
}

async fn imap_session(
    imap: &mut Imap<BoxIo>,
    host: &str,
    plan: &EndpointPlan,
    tls: Option<&TlsClient>,
    sink: &TargetSink,
    o: &mut Outcome,
) -> Result<(), Failure> {
    let greeting = imap.greeting().await?;
    expect_banner(plan, sink)?;
    let starttls = plan.connect.starttls;
    cmd_imap::starttls_or_capability(imap, greeting, starttls, tls, host).await?;
    if starttls {
        o.parts.push("STARTTLS".into());
    }
    if let Some(login @ Login::Imap { creds, sasl }) = &plan.login {
        o.parts.push(
            if cmd_imap::login_unless_preauth(imap, greeting, creds, *sasl).await? {
                format!("logged in as {}", user_of(login))
            } else {
                "PREAUTH (no login needed)".into()
            },
        );
    }
    imap.logout().await;
    Ok(())
}

async fn pop3_session(
    p: &mut Pop3<BoxIo>,
    host: &str,
    plan: &EndpointPlan,
    tls: Option<&TlsClient>,
    sink: &TargetSink,
    o: &mut Outcome,
) -> Result<(), Failure> {
    p.greeting().await?;
    expect_banner(plan, sink)?;
    p.capa().await?;
    if plan.connect.starttls {
        p.stls(TlsClient::required(tls)?, host).await?;
        o.parts.push("STLS".into());
    }
    if let Some(login @ Login::Pop3(l)) = &plan.login {
        p.login(l).await?;
        o.parts.push(format!("logged in as {}", user_of(login)));
    }
    let st = p.quit().await?;
    if !st.ok {
        o.reasons.push(Reason {
            status: Status::Warning,
            message: format!("QUIT was refused: {}", st.display()),
        });
    }
    Ok(())
}
