//! One live probe of one MX address on port 25 (or where `--connect-to` sends it): connect,
//! banner, EHLO, STARTTLS if offered, the handshake (kept whatever the certificate: the audit
//! judges the chain afterwards), EHLO again inside TLS (RFC 3207 §4.2), QUIT. Nothing else is
//! sent, no mail transaction is opened unless `--relay-test` asks for one. Every byte is in the
//! probe's own transcript, with per-phase timings; a failure in any step is recorded with its
//! phase and the probe keeps what it learned before it.

use crate::error::{Failure, Phase};
use crate::event::{Collect, Ctx, Event, EventKind};
use crate::proto::Session;
use crate::proto::smtp::client::{Caps, SmtpClient};
use crate::transport::connect::Connected;
use crate::transport::tls::{ChainProblem, Negotiated, TlsClient};
use crate::transport::wire::{BoxIo, Limit};
use rustls::pki_types::CertificateDer;
use serde::Serialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How to probe: the same for every address of a run.
#[derive(Debug, Clone)]
pub(crate) struct ProbeSettings {
    pub(crate) helo: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    /// The bound on one whole probe, whatever the peer sends.
    pub(crate) max_time: Duration,
    /// `--relay-test`: the outside sender and recipient, or None.
    pub(crate) relay_test: Option<(String, String)>,
}

/// What the TLS handshake gave and what the audit made of the chain.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TlsSeen {
    pub(crate) version: String,
    pub(crate) cipher: String,
    pub(crate) cert: Option<crate::event::CertSummary>,
    /// SHA-256 of the leaf certificate (hex), to compare certificates across probes.
    pub(crate) leaf_sha256: String,
    /// Valid for the MX name under the webpki roots and `--ca-file`s.
    pub(crate) pkix_valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pkix_problem: Option<String>,
    #[serde(skip)]
    pub(crate) problem_code: Option<&'static str>,
    #[serde(skip)]
    pub(crate) chain: Vec<CertificateDer<'static>>,
}

/// The answers to `--relay-test`'s MAIL FROM / RCPT TO.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelayTest {
    pub(crate) mail_from: String,
    pub(crate) rcpt_to: String,
    pub(crate) mail_reply: Option<String>,
    pub(crate) rcpt_reply: Option<String>,
    /// The RCPT was accepted (2xx): a candidate open relay, not proof of one.
    pub(crate) rcpt_accepted: bool,
}

/// One probe of one address.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Attempt {
    /// Where the probe connected (after `--connect-to`).
    pub(crate) connected_to: String,
    /// The greeting's code and first line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) banner_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) banner: Option<String>,
    /// The host name in the EHLO reply's first line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ehlo_name: Option<String>,
    /// EHLO keywords before TLS (`SIZE 10240000` as `SIZE=10240000`).
    pub(crate) extensions: Vec<String>,
    pub(crate) starttls_offered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tls: Option<TlsSeen>,
    /// EHLO keywords inside TLS.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) extensions_tls: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) relay_test: Option<RelayTest>,
    /// The step that failed, if one did: what the server said is in `failure.reply`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) failure: Option<Failure>,
    /// Milliseconds per phase (connect, banner, ehlo, starttls, tls, quit).
    pub(crate) timings_ms: serde_json::Map<String, serde_json::Value>,
    pub(crate) total_ms: f64,
    /// Every event of this probe, in order.
    pub(crate) transcript: Vec<Event>,
}

fn keywords(c: &Caps) -> Vec<String> {
    c.ext
        .iter()
        .map(|(k, p)| {
            if p.is_empty() {
                k.clone()
            } else {
                format!("{k}={}", p.join(","))
            }
        })
        .collect()
}

fn first_word(s: &str) -> Option<String> {
    s.split_whitespace().next().map(str::to_string)
}

/// Probe `to` (the address, after `--connect-to`), checking the certificate against `mx`.
pub(crate) async fn probe(
    parent: &Ctx,
    mx: &str,
    to: SocketAddr,
    tls: &TlsClient,
    s: &ProbeSettings,
) -> Attempt {
    let sink = Arc::new(Collect::default());
    let ctx = Arc::new(parent.for_session(Some(sink.clone())));
    let started = std::time::Instant::now();
    let mut a = Attempt {
        connected_to: to.to_string(),
        banner_code: None,
        banner: None,
        ehlo_name: None,
        extensions: vec![],
        starttls_offered: false,
        tls: None,
        extensions_tls: vec![],
        relay_test: None,
        failure: None,
        timings_ms: serde_json::Map::new(),
        total_ms: 0.0,
        transcript: vec![],
    };
    let limit = Limit::starting_now(Some(s.max_time));
    let res = async {
        let stream = limit
            .run(
                Phase::Connect,
                crate::transport::connect(&[to], s.connect_timeout, &ctx),
            )
            .await?;
        let conn = Connected {
            io: Box::new(stream),
            tls: false,
            host: mx.to_string(),
            addr: to.to_string(),
            sock: None,
            limit,
            timeout: s.timeout,
            negotiated: None,
        };
        let mut c = SmtpClient::new(conn.into_wire(ctx.clone()));
        let res = dialogue(&mut c, mx, tls, s, &mut a).await;
        c.end_if_failed(res).await
    }
    .await;
    a.failure = res.err();
    a.total_ms = (started.elapsed().as_secs_f64() * 1e6).round() / 1e3;
    for (p, ms) in ctx.timings() {
        a.timings_ms.insert(
            p.as_str().into(),
            serde_json::json!((ms * 1e3).round() / 1e3),
        );
    }
    a.transcript = sink.events();
    a
}

async fn dialogue(
    c: &mut SmtpClient<BoxIo>,
    mx: &str,
    tls: &TlsClient,
    s: &ProbeSettings,
    a: &mut Attempt,
) -> Result<(), Failure> {
    c.wire.set_phase(Phase::Banner);
    let banner = c.read_reply().await?;
    a.banner_code = Some(banner.code);
    a.banner = banner.lines.first().cloned();
    if !banner.is_positive() {
        // A 421/554 greeting (RFC 5321 §3.1, §4.3.2): the server will take nothing; QUIT is
        // still allowed and polite.
        return Err(c.rejected("greeting", &banner));
    }
    let caps = c.hello(&s.helo, false).await?;
    a.ehlo_name = first_word(&caps.greeting);
    a.extensions = keywords(&caps);
    a.starttls_offered = caps.has("STARTTLS");
    if a.starttls_offered {
        c.wire.set_phase(Phase::Starttls);
        let r = c.command("STARTTLS").await?;
        if r.code != 220 {
            return Err(c.rejected("STARTTLS", &r));
        }
        let negotiated = c.wire.start_tls(tls, mx, Phase::Ehlo).await?;
        a.tls = Some(judge(tls, negotiated, mx));
        let caps = c.hello(&s.helo, false).await?;
        a.extensions_tls = keywords(&caps);
    }
    if let Some((from, to)) = &s.relay_test {
        a.relay_test = Some(relay_test(c, from, to).await?);
    }
    c.quit().await;
    Ok(())
}

/// RFC 5321 §3.3: MAIL FROM an outside sender, RCPT TO an outside recipient, then RSET; never
/// DATA, so nothing is ever relayed.
async fn relay_test(c: &mut SmtpClient<BoxIo>, from: &str, to: &str) -> Result<RelayTest, Failure> {
    let mut t = RelayTest {
        mail_from: from.to_string(),
        rcpt_to: to.to_string(),
        mail_reply: None,
        rcpt_reply: None,
        rcpt_accepted: false,
    };
    c.wire.set_phase(Phase::Mail);
    let r = c.command(&format!("MAIL FROM:<{from}>")).await?;
    t.mail_reply = Some(r.display());
    if r.is_positive() {
        c.wire.set_phase(Phase::Rcpt);
        let r = c.command(&format!("RCPT TO:<{to}>")).await?;
        t.rcpt_reply = Some(r.display());
        t.rcpt_accepted = r.is_positive();
        c.wire.set_phase(Phase::Quit);
        let _ = c.command("RSET").await?;
    }
    Ok(t)
}

pub(crate) fn judge(tls: &TlsClient, n: Negotiated, mx: &str) -> TlsSeen {
    let check = tls.check_chain(&n.chain, mx);
    let (pkix_problem, problem_code) = match check {
        Ok(()) => (None, None),
        Err(ChainProblem { code, message }) => (Some(message), Some(code)),
    };
    TlsSeen {
        version: n.version,
        cipher: n.cipher,
        cert: crate::transport::tls::cert_summary(&n.chain),
        leaf_sha256: n
            .chain
            .first()
            .map(|c| {
                crate::dns::hex(ring::digest::digest(&ring::digest::SHA256, c.as_ref()).as_ref())
            })
            .unwrap_or_default(),
        pkix_valid: pkix_problem.is_none(),
        pkix_problem,
        problem_code,
        chain: n.chain,
    }
}

/// The banner line as shown (`220 mx.example ESMTP`).
pub(crate) fn banner_line(a: &Attempt) -> Option<String> {
    Some(format!(
        "{} {}",
        a.banner_code?,
        a.banner.as_deref().unwrap_or("")
    ))
}

/// Did this attempt see the server emit a warning (bytes before the handshake, bare LF…)?
pub(crate) fn warnings(a: &Attempt) -> Vec<String> {
    a.transcript
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Warning { msg } => Some(msg.clone()),
            _ => None,
        })
        .collect()
}

/// An attempt that never connected because `--connect-to` named a host that did not resolve.
pub(crate) fn failed_before_connect(f: Failure) -> Attempt {
    Attempt {
        connected_to: String::new(),
        banner_code: None,
        banner: None,
        ehlo_name: None,
        extensions: vec![],
        starttls_offered: false,
        tls: None,
        extensions_tls: vec![],
        relay_test: None,
        failure: Some(f),
        timings_ms: serde_json::Map::new(),
        total_ms: 0.0,
        transcript: vec![],
    }
}
