//! One live probe of one MX address on port 25 (or where `--connect-to` sends it): connect,
//! banner, EHLO, STARTTLS if offered, the handshake (kept whatever the certificate: the audit
//! judges the chain afterwards), EHLO again inside TLS (RFC 3207 §4.2), QUIT. Nothing else is
//! sent, no mail transaction is opened unless `--relay-test` asks for one. Every byte is in the
//! probe's own transcript, with per-phase timings; a failure in any step is recorded with its
//! phase and the probe keeps what it learned before it.

use crate::error::{Failure, Phase};
use crate::event::{Collect, Ctx, Event, EventKind};
use crate::proto::Session;
use crate::proto::smtp::client::SmtpClient;
use crate::transport::connect::Connected;
use crate::transport::hello::{self, ClientHello, HelloAnswer};
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
    /// When the probe started, in ms since the audit started (its transcript's times count from
    /// here): probes that overlap in time show it.
    pub(crate) started_ms: f64,
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

fn first_word(s: &str) -> Option<String> {
    s.split_whitespace().next().map(str::to_string)
}

/// A plaintext SMTP session to `to` for host `mx`, bounded by `limit` (the probe's
/// `max_time`, counted from before the connection).
pub(crate) async fn open(
    ctx: &Arc<Ctx>,
    mx: &str,
    to: SocketAddr,
    s: &ProbeSettings,
    limit: Limit,
) -> Result<SmtpClient<BoxIo>, Failure> {
    let stream = limit
        .run(
            Phase::Connect,
            crate::transport::connect(&[to], s.connect_timeout, ctx),
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
    Ok(SmtpClient::new(conn.into_wire(ctx.clone())))
}

/// One session of the audit's own (a probe, a legacy hello, a service, the MTA-STS fetch): its
/// context, with its own clock and its events kept apart from every other session's, and the
/// time it took, per phase and in all.
pub(crate) struct Recorder {
    sink: Arc<Collect>,
    pub(crate) ctx: Arc<Ctx>,
    started: std::time::Instant,
}

impl Recorder {
    pub(crate) fn new(parent: &Ctx) -> Recorder {
        let sink = Arc::new(Collect::default());
        Recorder {
            ctx: Arc::new(parent.for_session(Some(sink.clone()))),
            sink,
            started: std::time::Instant::now(),
        }
    }

    /// Milliseconds since the session began, to the microsecond.
    pub(crate) fn total_ms(&self) -> f64 {
        (self.started.elapsed().as_secs_f64() * 1e6).round() / 1e3
    }

    /// Milliseconds per phase, to the microsecond, as JSON.
    pub(crate) fn timings(&self) -> serde_json::Map<String, serde_json::Value> {
        self.ctx
            .timings()
            .into_iter()
            .map(|(p, ms)| {
                (
                    p.as_str().into(),
                    serde_json::json!((ms * 1e3).round() / 1e3),
                )
            })
            .collect()
    }

    /// Every event of the session, in order.
    pub(crate) fn events(&self) -> Vec<Event> {
        self.sink.events()
    }
}

/// Probe `to` (the address, after `--connect-to`), checking the certificate against `mx`.
pub(crate) async fn probe(
    parent: &Ctx,
    mx: &str,
    to: SocketAddr,
    tls: &TlsClient,
    s: &ProbeSettings,
) -> Attempt {
    let rec = Recorder::new(parent);
    let ctx = rec.ctx.clone();
    let mut a = Attempt {
        connected_to: to.to_string(),
        started_ms: parent.now_ms(),
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
        let mut c = open(&ctx, mx, to, s, limit).await?;
        let res = dialogue(&mut c, mx, tls, s, &mut a).await;
        c.end_if_failed(res).await
    }
    .await;
    a.failure = res.err();
    a.total_ms = rec.total_ms();
    a.timings_ms = rec.timings();
    a.transcript = rec.events();
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
    a.extensions = caps.keywords();
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
        a.extensions_tls = caps.keywords();
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

/// One legacy-version probe of one address (the audit's item 6): did the server accept a
/// ClientHello for `offered`?
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LegacyResult {
    pub(crate) connected_to: String,
    /// When this connection started, in ms since the audit started.
    pub(crate) started_ms: f64,
    /// The version offered (`TLS 1.0`).
    pub(crate) offered: String,
    pub(crate) starttls_offered: bool,
    /// A ServerHello for `offered` came back.
    pub(crate) accepted: bool,
    /// What came back to the ClientHello; None when none was sent (no STARTTLS, or a step
    /// before it failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) answer: Option<HelloAnswer>,
    /// `answer` in words, as the transcript shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
    /// The SMTP step that failed before the hello, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) failure: Option<Failure>,
    /// Milliseconds per phase (connect, banner, ehlo, starttls, tls).
    pub(crate) timings_ms: serde_json::Map<String, serde_json::Value>,
    pub(crate) total_ms: f64,
    /// Every event of this probe, in order.
    pub(crate) transcript: Vec<Event>,
}

/// Does the MX at `to` accept TLS `version` (0x0301 TLS 1.0, 0x0302 TLS 1.1; 0x0303 works too)?
/// Connect, banner, EHLO, STARTTLS (RFC 3207 §4), then a crafted ClientHello for `version`
/// (`transport::hello`, as testssl.sh does it: rustls cannot speak below TLS 1.2) where the
/// rustls handshake would go, and the server's first answer read: ServerHello or alert.
/// Nothing more is sent and the connection is dropped: after STARTTLS's 220 the server waits for
/// a handshake, so no QUIT can follow (RFC 3207 §4.1). The server_name is `mx` (none for an IP
/// literal, RFC 6066 §3). No STARTTLS in the EHLO reply: QUIT, and `answer` is None.
pub(crate) async fn legacy_tls(
    parent: &Ctx,
    mx: &str,
    to: SocketAddr,
    s: &ProbeSettings,
    version: u16,
) -> LegacyResult {
    let rec = Recorder::new(parent);
    let ctx = rec.ctx.clone();
    let mut r = LegacyResult {
        connected_to: to.to_string(),
        started_ms: parent.now_ms(),
        offered: hello::version_name(version),
        starttls_offered: false,
        accepted: false,
        answer: None,
        summary: None,
        failure: None,
        timings_ms: serde_json::Map::new(),
        total_ms: 0.0,
        transcript: vec![],
    };
    let limit = Limit::starting_now(Some(s.max_time));
    let res = async {
        let mut c = open(&ctx, mx, to, s, limit).await?;
        let res = legacy_dialogue(&mut c, s, &mut r).await;
        let go_ahead = c.end_if_failed(res).await?;
        if !go_ahead {
            return Ok(());
        }
        let mut io = c.wire.into_plain_io()?;
        let hello = ClientHello::new(version, Some(mx));
        ctx.info(format!(
            "offered a {} ClientHello ({} bytes, {})",
            hello::version_name(version),
            hello.len(),
            match &hello.sni {
                Some(name) => format!("server_name {name}"),
                None => "no server_name".to_string(),
            }
        ));
        let t = std::time::Instant::now();
        let answer = limit
            .run(Phase::Tls, async {
                Ok(hello::exchange(&mut io, &hello, s.timeout).await)
            })
            .await;
        ctx.record(Phase::Tls, t.elapsed().as_secs_f64() * 1000.0);
        let answer = answer?;
        ctx.info(format!(
            "answer to the {} ClientHello: {}",
            hello::version_name(version),
            answer.describe()
        ));
        ctx.emit(EventKind::Closed {
            by: "client (only a ClientHello is sent: no handshake follows)".into(),
        });
        r.accepted = answer.accepted();
        r.summary = Some(answer.describe());
        r.answer = Some(answer);
        Ok(())
    }
    .await;
    r.failure = res.err();
    r.total_ms = rec.total_ms();
    r.timings_ms = rec.timings();
    r.transcript = rec.events();
    r
}

/// Banner, EHLO, STARTTLS: true once the server said 220 to STARTTLS, false (after QUIT) when
/// it does not offer STARTTLS.
async fn legacy_dialogue(
    c: &mut SmtpClient<BoxIo>,
    s: &ProbeSettings,
    r: &mut LegacyResult,
) -> Result<bool, Failure> {
    c.wire.set_phase(Phase::Banner);
    let banner = c.read_reply().await?;
    if !banner.is_positive() {
        return Err(c.rejected("greeting", &banner));
    }
    let caps = c.hello(&s.helo, false).await?;
    r.starttls_offered = caps.has("STARTTLS");
    if !r.starttls_offered {
        c.wire
            .ctx()
            .info("no STARTTLS in the EHLO reply: no TLS version to test");
        c.quit().await;
        return Ok(false);
    }
    c.wire.set_phase(Phase::Starttls);
    let reply = c.command("STARTTLS").await?;
    if reply.code != 220 {
        return Err(c.rejected("STARTTLS", &reply));
    }
    Ok(true)
}

/// An attempt that never connected because `--connect-to` named a host that did not resolve.
pub(crate) fn failed_before_connect(f: Failure) -> Attempt {
    Attempt {
        connected_to: String::new(),
        started_ms: 0.0,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::hello::{TLS1_0, TLS1_1, TLS1_2};
    use crate::transport::test_openssl::{Key, OpensslServer};
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    use tokio::net::{TcpListener, TcpStream};

    fn settings() -> ProbeSettings {
        ProbeSettings {
            helo: "probe.mailctl.test".into(),
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            max_time: Duration::from_secs(20),
            relay_test: None,
        }
    }

    /// How the scripted SMTP front behaves.
    #[derive(Clone, Copy)]
    struct Front {
        starttls: bool,
        /// The reply to STARTTLS.
        go_ahead: &'static str,
        /// Sent right behind the go-ahead, before any handshake (an injection).
        early: &'static [u8],
        /// After the go-ahead: relay to this TLS server, or (None) answer whatever comes in
        /// plaintext, as a server that never switched would.
        backend: Option<SocketAddr>,
    }

    const FRONT: Front = Front {
        starttls: true,
        go_ahead: "220 2.0.0 Ready to start TLS",
        early: b"",
        backend: None,
    };

    /// A one-connection SMTP server: banner, EHLO, STARTTLS per `f`, then the TLS part handed to
    /// a real OpenSSL (s_server has no STARTTLS of its own). Returns its address and the
    /// commands it received.
    async fn front(f: Front) -> (SocketAddr, tokio::task::JoinHandle<Vec<String>>) {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (sock, _) = l.accept().await.unwrap();
            let mut r = BufReader::new(sock);
            let mut seen = Vec::new();
            r.get_mut()
                .write_all(b"220 front.test ESMTP\r\n")
                .await
                .unwrap();
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return seen;
                }
                let cmd = line.trim_end().to_string();
                seen.push(cmd.clone());
                let verb = cmd.split(' ').next().unwrap_or("").to_ascii_uppercase();
                let reply: Vec<u8> = match verb.as_str() {
                    "EHLO" if f.starttls => {
                        b"250-front.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n".to_vec()
                    }
                    "EHLO" => b"250-front.test\r\n250 PIPELINING\r\n".to_vec(),
                    "QUIT" => {
                        let _ = r.get_mut().write_all(b"221 2.0.0 Bye\r\n").await;
                        return seen;
                    }
                    "STARTTLS" => {
                        let mut out = format!("{}\r\n", f.go_ahead).into_bytes();
                        out.extend_from_slice(f.early);
                        r.get_mut().write_all(&out).await.unwrap();
                        if !f.go_ahead.starts_with("220") {
                            continue;
                        }
                        break;
                    }
                    _ => b"502 5.5.2 what?\r\n".to_vec(),
                };
                r.get_mut().write_all(&reply).await.unwrap();
            }
            // The client spoke nothing between STARTTLS and our go-ahead, so nothing of the
            // hello sits in the line buffer; relay to the TLS server or answer in plaintext.
            let pending = r.buffer().to_vec();
            let mut sock = r.into_inner();
            match f.backend {
                Some(b) => {
                    let mut tls = TcpStream::connect(b).await.unwrap();
                    tls.write_all(&pending).await.unwrap();
                    let _ = tokio::io::copy_bidirectional(&mut sock, &mut tls).await;
                }
                None => {
                    let mut buf = [0u8; 1024];
                    let _ = sock.read(&mut buf).await;
                    let _ = sock.write_all(b"500 5.5.1 Unrecognized command\r\n").await;
                    let _ = sock.read(&mut buf).await;
                }
            }
            seen
        });
        (addr, task)
    }

    fn parent() -> Ctx {
        Ctx::new(Arc::new(Collect::default()))
    }

    fn infos(r: &LegacyResult) -> Vec<String> {
        r.transcript
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Info { msg } => Some(msg.clone()),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn starttls_then_a_tls10_hello_to_a_server_that_takes_it() {
        let tls = OpensslServer::start(Key::Ec, &["-tls1", "-cipher", "ALL:@SECLEVEL=0"]);
        let (addr, seen) = front(Front {
            backend: Some(tls.addr),
            ..FRONT
        })
        .await;
        let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), TLS1_0).await;
        assert!(r.failure.is_none(), "{:?}", r.failure);
        assert!(r.starttls_offered && r.accepted, "{:?}", r.answer);
        assert!(matches!(
            r.answer,
            Some(HelloAnswer::Accepted {
                version: TLS1_0,
                ..
            })
        ));
        assert_eq!(r.offered, "TLS 1.0");
        let infos = infos(&r);
        let n = ClientHello::new(TLS1_0, Some("mx.front.test")).len();
        assert!(
            infos.contains(&format!(
                "offered a TLS 1.0 ClientHello ({n} bytes, server_name mx.front.test)"
            )),
            "{infos:?}"
        );
        assert!(
            infos
                .iter()
                .any(|m| m.starts_with("answer to the TLS 1.0 ClientHello: accepted: ServerHello for TLS 1.0 with TLS_ECDHE_ECDSA_")),
            "{infos:?}"
        );
        assert!(r.timings_ms.contains_key("tls") && r.timings_ms.contains_key("starttls"));
        // No QUIT after the hello: the server waits for a handshake (RFC 3207 §4.1).
        assert_eq!(seen.await.unwrap(), ["EHLO probe.mailctl.test", "STARTTLS"]);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["accepted"], true);
        assert_eq!(json["answer"]["answer"], "accepted");
    }

    #[tokio::test]
    async fn a_server_of_tls12_and_up_does_not_accept_10_or_11() {
        let tls = OpensslServer::start(Key::Ec, &[]);
        for v in [TLS1_0, TLS1_1] {
            let (addr, _) = front(Front {
                backend: Some(tls.addr),
                ..FRONT
            })
            .await;
            let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), v).await;
            assert!(r.failure.is_none(), "{:?}", r.failure);
            assert!(!r.accepted);
            assert!(
                matches!(r.answer, Some(HelloAnswer::Alert { level: 2, .. })),
                "{:?}",
                r.answer
            );
        }
        let (addr, _) = front(Front {
            backend: Some(tls.addr),
            ..FRONT
        })
        .await;
        let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), TLS1_2).await;
        assert!(r.accepted, "{:?}", r.answer);
    }

    #[tokio::test]
    async fn no_starttls_means_nothing_to_test_and_a_polite_quit() {
        let (addr, seen) = front(Front {
            starttls: false,
            ..FRONT
        })
        .await;
        let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), TLS1_0).await;
        assert!(r.failure.is_none());
        assert!(!r.starttls_offered && !r.accepted && r.answer.is_none());
        assert!(
            infos(&r)
                .iter()
                .any(|m| m.contains("no STARTTLS in the EHLO reply"))
        );
        assert_eq!(seen.await.unwrap(), ["EHLO probe.mailctl.test", "QUIT"]);
    }

    #[tokio::test]
    async fn a_refused_starttls_is_a_failure_then_quit() {
        let (addr, seen) = front(Front {
            go_ahead: "454 4.7.0 TLS not available due to local problem",
            ..FRONT
        })
        .await;
        let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), TLS1_0).await;
        let f = r.failure.as_ref().expect("a failure");
        assert_eq!(f.phase, Phase::Starttls);
        assert!(r.answer.is_none() && !r.accepted);
        assert_eq!(
            seen.await.unwrap(),
            ["EHLO probe.mailctl.test", "STARTTLS", "QUIT"]
        );
    }

    #[tokio::test]
    async fn bytes_before_the_hello_are_discarded_and_a_plaintext_answer_is_not_tls() {
        let (addr, _) = front(Front {
            early: b"250 injected\r\n",
            ..FRONT
        })
        .await;
        let r = legacy_tls(&parent(), "192.0.2.25", addr, &settings(), TLS1_0).await;
        assert!(r.failure.is_none(), "{:?}", r.failure);
        assert!(
            r.transcript
                .iter()
                .any(|e| matches!(&e.kind, EventKind::Discarded { bytes: 14, .. }))
        );
        assert!(warnings_of(&r).iter().any(|w| w.contains("14 bytes")));
        // An IP literal: no server_name (RFC 6066 §3).
        assert!(
            infos(&r).iter().any(|m| m.ends_with("no server_name)")),
            "{:?}",
            infos(&r)
        );
        match &r.answer {
            Some(HelloAnswer::NotTls { preview }) => {
                assert!(preview.starts_with(b"500 5.5.1"), "{preview:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    fn warnings_of(r: &LegacyResult) -> Vec<String> {
        r.transcript
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Warning { msg } => Some(msg.clone()),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn nothing_listening_is_a_connect_failure() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        let r = legacy_tls(&parent(), "mx.front.test", addr, &settings(), TLS1_0).await;
        assert_eq!(r.failure.map(|f| f.phase), Some(Phase::Connect));
        assert!(r.answer.is_none());
    }

    /// The rig's Postfix (127.0.0.1:10025, STARTTLS) against OpenSSL's own client as the
    /// judge: for each version, `openssl s_client -starttls smtp` restricted to that version
    /// completes a handshake exactly when the probe reports it accepted. (Not "s_client saw a
    /// ServerHello": `-msg` shows one even when the server answered an older version, which
    /// s_client then refuses.) The rig leaves smtpd_tls_protocols at Postfix 3.7's default
    /// (>=TLSv1) and Postfix runs OpenSSL at security level 0, so today TLS 1.0, 1.1 and 1.2
    /// are all accepted; the agreement is the test, not that state.
    #[tokio::test]
    async fn agrees_with_openssl_s_client_on_the_rig_postfix() {
        let dir = std::env::var("MAILCTL_RIG_DIR").unwrap_or_else(|_| "/tmp/mailctl-rig".into());
        let env = std::fs::read_to_string(format!("{dir}/rig.env")).unwrap_or_else(|e| {
            panic!(
                "{dir}/rig.env: {e}: start the real-server rig first (bash tests/rig/rig.sh \
                 ensure {dir}; tests/run does)"
            )
        });
        let port = env
            .lines()
            .find_map(|l| l.strip_prefix("RIG_SMTP_PORT="))
            .expect("RIG_SMTP_PORT in rig.env")
            .trim()
            .to_string();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        for (v, flag) in [(TLS1_0, "-tls1"), (TLS1_1, "-tls1_1"), (TLS1_2, "-tls1_2")] {
            let r = legacy_tls(&parent(), "mail.rig.test", addr, &settings(), v).await;
            assert!(r.failure.is_none() && r.starttls_offered, "{:?}", r.failure);
            // Not two wrong "no"s agreeing: the rig's listener does speak TLS 1.2.
            assert!(v != TLS1_2 || r.accepted, "{:?}", r.answer);
            let out = std::process::Command::new("openssl")
                .args([
                    "s_client",
                    "-starttls",
                    "smtp",
                    "-connect",
                    &addr.to_string(),
                ])
                .args([flag, "-cipher", "ALL:@SECLEVEL=0"])
                .stdin(std::process::Stdio::null())
                .output()
                .expect("the openssl command");
            let text = String::from_utf8_lossy(&out.stdout);
            // `New, TLSv1.0, Cipher is …` after a handshake; `New, (NONE), …` without one.
            let completed = text
                .lines()
                .any(|l| l.starts_with("New, ") && !l.contains("(NONE)"));
            assert_eq!(
                r.accepted,
                completed,
                "{}: probe {:?}, openssl s_client:\n{text}",
                hello::version_name(v),
                r.answer
            );
        }
    }
}
