//! The fetch against a real HTTPS server: nginx ([`super::nginx`]) serving each case a sender
//! meets, the rig's NSD answering for `audit.test` (its MX hosts for the coverage; no address for
//! `mta-sts.audit.test`, which `--connect-to` rules send to nginx). Nothing leaves loopback.

use super::nginx::{self, Nginx, rig_env};
use super::*;
use crate::dns::DnsPlan;
use crate::event::Collect;
use crate::transport::tls::TlsPlan;
use std::collections::HashMap;
use std::path::Path;

struct Env {
    nginx: Nginx,
    rig: HashMap<String, String>,
    dns: Dns,
    /// The audit's own client: finishes every handshake, the chain is judged afterwards.
    judge_later: TlsClient,
    /// A client that refuses a bad certificate during the handshake.
    verifying: TlsClient,
    ctx: Arc<Ctx>,
}

fn env() -> Env {
    let rig = rig_env();
    let nginx = Nginx::start(Path::new(&rig["RIG_CERT_DIR"]));
    let ctx = Arc::new(Ctx::new(Arc::new(Collect::default())));
    let dns_port: u16 = rig["RIG_DNS_PORT"].parse().unwrap();
    let dns = Dns::new(
        &DnsPlan {
            nameservers: vec![SocketAddr::from(([127, 0, 0, 1], dns_port))],
            ..DnsPlan::default()
        },
        ctx.clone(),
    )
    .unwrap();
    let plan = |judge_later| TlsPlan {
        ca_files: vec![rig["RIG_CA"].clone().into()],
        judge_later,
        ..TlsPlan::default()
    };
    Env {
        judge_later: TlsClient::new(&plan(true)).unwrap(),
        verifying: TlsClient::new(&plan(false)).unwrap(),
        nginx,
        rig,
        dns,
        ctx,
    }
}

fn settings() -> FetchSettings {
    FetchSettings {
        connect_timeout: Duration::from_secs(5),
        max_time: Duration::from_secs(20),
        max_body: MAX_BODY,
        family: Family::Any,
    }
}

fn rules(specs: &[&str]) -> Vec<ConnectTo> {
    specs.iter().map(|s| ConnectTo::parse(s).unwrap()).collect()
}

impl Env {
    async fn fetch_with(&self, rule: &str, tls: &TlsClient) -> MtaStsAudit {
        fetch(
            "audit.test",
            &self.dns,
            tls,
            &rules(&[rule]),
            &settings(),
            &self.ctx,
        )
        .await
    }

    async fn case(&self, case: &str) -> MtaStsAudit {
        self.fetch_with(&self.nginx.connect_to(case), &self.judge_later)
            .await
    }

    async fn mx_hosts(&self) -> Vec<String> {
        let report = crate::dns::mx::audit(&self.dns, "audit.test").await;
        report.hosts.iter().map(|h| h.host.clone()).collect()
    }
}

fn codes(f: &[Finding]) -> Vec<(&str, Severity)> {
    f.iter().map(|x| (x.code.as_str(), x.severity)).collect()
}

/// The transcript as a person reads it: `C:`/`S:` lines and the body summary.
fn dialogue(a: &MtaStsAudit) -> Vec<String> {
    a.transcript
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Sent { line, .. } => Some(format!("C: {line}")),
            EventKind::Recv { line, .. } => Some(format!("S: {line}")),
            EventKind::DataReceived { lines, bytes, .. } => {
                Some(format!("S: <body: {lines} lines, {bytes} bytes>"))
            }
            _ => None,
        })
        .collect()
}

fn txt_with_id(id: &str) -> TxtPolicy {
    TxtPolicy {
        name: "_mta-sts.audit.test".into(),
        record: Some(format!("v=STSv1; id={id}")),
        status: "ok",
        findings: vec![],
        value: serde_json::json!({ "id": id }),
    }
}

#[tokio::test]
async fn what_nginx_answers() {
    let e = env();
    let mx = e.mx_hosts().await;
    assert_eq!(mx, ["mx1.audit.test", "mx2.audit.test", "mx3.audit.test"]);

    // The good policy, through both kinds of client.
    for tls in [&e.judge_later, &e.verifying] {
        let mut a = e.fetch_with(&e.nginx.connect_to("good"), tls).await;
        assert_eq!(a.failure, None);
        assert_eq!(codes(&a.findings), [("mta-sts-policy-ok", Severity::Ok)]);
        assert!(a.usable);
        assert_eq!(a.url, "https://mta-sts.audit.test/.well-known/mta-sts.txt");
        assert_eq!(
            a.connected_to.as_deref(),
            Some(format!("127.0.0.1:{}", e.nginx.port("good")).as_str())
        );
        assert_eq!(a.status, Some(200));
        assert_eq!(a.content_type.as_deref(), Some("text/plain; charset=utf-8"));
        assert_eq!(a.body_bytes, Some(nginx::GOOD.len() as u64));
        assert_eq!(a.text.as_deref(), Some(nginx::GOOD));
        let p = a.policy.clone().unwrap();
        assert_eq!(p.mode, Some(Mode::Enforce));
        assert_eq!(p.mx, ["mx1.audit.test", "*.audit.test"]);
        assert_eq!(p.max_age, Some(604_800));
        assert!(
            a.cert
                .as_ref()
                .is_some_and(|c| c.sans == ["mta-sts.audit.test", "mta-sts.sts.audit.test"])
        );
        let d = dialogue(&a);
        assert_eq!(
            d[..5],
            [
                "C: GET /.well-known/mta-sts.txt HTTP/1.1",
                "C: Host: mta-sts.audit.test",
                &format!(
                    "C: User-Agent: mailctl/{} (MTA-STS audit)",
                    env!("CARGO_PKG_VERSION")
                ),
                "C: Connection: close",
                "S: HTTP/1.1 200 OK",
            ]
        );
        assert!(d.contains(&"S: Content-Type: text/plain; charset=utf-8".to_string()));
        assert_eq!(
            d.last().unwrap(),
            &format!("S: <body: 5 lines, {} bytes>", nginx::GOOD.len())
        );
        for phase in ["resolve", "connect", "tls", "http", "body"] {
            assert!(
                a.timings_ms.contains_key(phase),
                "{phase}: {:?}",
                a.timings_ms
            );
        }
        // Every event of the fetch is in its own transcript, in time order.
        assert!(a.transcript.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
        assert!(
            a.transcript
                .iter()
                .any(|ev| matches!(ev.kind, EventKind::Connected { .. }))
        );
        judge(&mut a, &txt_with_id("20260101"), &mx, &[]);
        assert_eq!(
            codes(&a.findings),
            [
                ("mta-sts-policy-ok", Severity::Ok),
                ("mta-sts-mx-covered", Severity::Ok)
            ]
        );
        assert_eq!(a.txt_id.as_deref(), Some("20260101"));
        // The JSON a renderer gets.
        let j = serde_json::to_value(&a).unwrap();
        assert_eq!(j["policy"]["mode"], "enforce");
        assert_eq!(j["status"], 200);
        assert_eq!(j["txt_id"], "20260101");
    }

    let a = e.case("redirect").await;
    assert_eq!(codes(&a.findings), [("mta-sts-redirect", Severity::Error)]);
    assert_eq!(a.status, Some(301));
    assert_eq!(
        a.location.as_deref(),
        Some("https://www.audit.test/.well-known/mta-sts.txt")
    );
    assert!(
        a.findings[0]
            .message
            .contains("redirects to \"https://www.audit.test/.well-known/mta-sts.txt\"")
    );
    assert_eq!(a.body_bytes, None, "the redirect's body is not read");
    assert!(dialogue(&a).contains(&"S: HTTP/1.1 301 Moved Permanently".to_string()));

    let a = e.case("html").await;
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-content-type", Severity::Error)]
    );
    assert_eq!(a.content_type.as_deref(), Some("text/html"));
    assert!(a.policy.is_none() && !a.usable);

    let a = e.case("missing").await;
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-http-status", Severity::Error)]
    );
    assert_eq!(a.status, Some(404));

    // Too large, known from Content-Length: not read at all.
    let a = e.case("big").await;
    assert_eq!(codes(&a.findings), [("mta-sts-too-large", Severity::Error)]);
    assert_eq!(a.content_length, Some(nginx::BIG as u64));
    assert_eq!(a.body_bytes, None);
    assert!(a.findings[0].message.contains("70000 bytes"));
    // Too large, found while reading a chunked body: reading stops at the limit.
    let a = e.case("stream").await;
    assert_eq!(codes(&a.findings), [("mta-sts-too-large", Severity::Error)]);
    assert_eq!(a.content_length, None);
    assert!(a.too_large && a.text.is_none());
    assert!(a.findings[0].message.contains("more than 65536 bytes"));
    assert!(
        dialogue(&a).contains(&"S: Transfer-Encoding: chunked".to_string()),
        "{:?}",
        dialogue(&a)
    );

    // The policy misses mx3: an error in enforce mode, naming it.
    let mut a = e.case("miss").await;
    assert_eq!(codes(&a.findings), [("mta-sts-policy-ok", Severity::Ok)]);
    assert!(a.text.as_deref().is_some_and(|t| !t.contains('\r')));
    judge(&mut a, &txt_with_id("1"), &mx, &[]);
    assert_eq!(
        codes(&a.findings),
        [
            ("mta-sts-policy-ok", Severity::Ok),
            ("mta-sts-mx-not-covered", Severity::Error)
        ]
    );
    assert!(a.findings[1].message.starts_with("mx3.audit.test: "));

    // --connect-to to a name: that name is resolved (ns.audit.test is 127.0.0.1 in the zone).
    let rule = format!(
        "{}:443:ns.audit.test:{}",
        nginx::POLICY_HOST,
        e.nginx.port("good")
    );
    let a = e.fetch_with(&rule, &e.judge_later).await;
    assert_eq!(codes(&a.findings), [("mta-sts-policy-ok", Severity::Ok)]);
    assert!(a.transcript.iter().any(|ev| matches!(
        &ev.kind,
        EventKind::Resolved { query, answers, .. } if query == "ns.audit.test" && answers == &["127.0.0.1"]
    )));

    // --show-data: the body line by line instead of the summary.
    let mut shown = Ctx::new(Arc::new(Collect::default()));
    shown.show_data = true;
    let a = fetch(
        "audit.test",
        &e.dns,
        &e.judge_later,
        &rules(&[&e.nginx.connect_to("good")]),
        &settings(),
        &shown,
    )
    .await;
    let d = dialogue(&a);
    assert!(d.contains(&"S: mx: *.audit.test".to_string()), "{d:?}");
    assert!(!d.iter().any(|l| l.starts_with("S: <body")));
    drop(e.rig);
}

#[tokio::test]
async fn the_policy_hosts_certificate() {
    let e = env();
    // The audit's client: the handshake finishes, the chain check names the problem, and no
    // request is sent.
    let a = e.case("wrongcert").await;
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-cert-invalid", Severity::Error)]
    );
    let f = a.failure.as_ref().unwrap();
    assert_eq!(
        (f.phase, f.certificate.as_deref()),
        (FetchPhase::Tls, Some("name-mismatch"))
    );
    let m = &a.findings[0].message;
    assert!(
        m.contains("not valid for mta-sts.audit.test") && m.contains("other.example"),
        "{m}"
    );
    assert!(
        !m.contains("--sni"),
        "no command-line hint in an audit: {m}"
    );
    assert!(
        !dialogue(&a).iter().any(|l| l.starts_with("C:")),
        "nothing is sent to a host with a wrong certificate: {:?}",
        dialogue(&a)
    );
    assert!(a.status.is_none() && !a.usable);

    // A verifying client: the handshake itself fails, and the certificate it saw is reported.
    let a = e
        .fetch_with(&e.nginx.connect_to("wrongcert"), &e.verifying)
        .await;
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-cert-invalid", Severity::Error)]
    );
    let f = a.failure.as_ref().unwrap();
    assert_eq!(
        (f.phase, f.certificate.as_deref()),
        (FetchPhase::Tls, Some("rejected"))
    );
    let m = &a.findings[0].message;
    assert!(m.contains("other.example") && !m.contains("--sni"), "{m}");
    assert!(a.cert.as_ref().is_some_and(|c| c.sans == ["other.example"]));

    // A TXT record announces the policy the senders cannot get.
    let mut a = e.case("wrongcert").await;
    judge(&mut a, &txt_with_id("7"), &e.mx_hosts().await, &[]);
    assert_eq!(
        codes(&a.findings),
        [
            ("mta-sts-cert-invalid", Severity::Error),
            ("mta-sts-txt-without-policy", Severity::Error)
        ]
    );
}

#[tokio::test]
async fn fetches_that_fail() {
    let e = env();
    let no_txt = TxtPolicy {
        name: "_mta-sts.audit.test".into(),
        record: None,
        status: "none",
        findings: vec![],
        value: serde_json::Value::Null,
    };
    // No rule: mta-sts.audit.test is looked up, and the rig has no address for it.
    let mut a = fetch(
        "audit.test",
        &e.dns,
        &e.judge_later,
        &[],
        &settings(),
        &e.ctx,
    )
    .await;
    let f = a.failure.clone().unwrap();
    assert_eq!(f.phase, FetchPhase::Resolve);
    assert!(f.message.contains("mta-sts.audit.test"), "{}", f.message);
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-fetch-failed", Severity::Error)]
    );
    // Without a TXT record either, that is simply no MTA-STS: said once, as info.
    judge(&mut a, &no_txt, &e.mx_hosts().await, &[]);
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-policy-none", Severity::Info)]
    );

    // Nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let a = e
        .fetch_with(
            &format!("{}:443:127.0.0.1:{port}", nginx::POLICY_HOST),
            &e.judge_later,
        )
        .await;
    assert_eq!(
        a.failure.as_ref().map(|f| f.phase),
        Some(FetchPhase::Connect)
    );
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-fetch-failed", Severity::Error)]
    );
    assert!(a.findings[0].message.contains("failed in connect"));

    // A server that takes the connection and says nothing: the whole fetch is bounded.
    let mute = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = mute.local_addr().unwrap().port();
    let hold = tokio::spawn(async move {
        let (s, _) = mute.accept().await.unwrap();
        tokio::time::sleep(Duration::from_secs(10)).await;
        drop(s);
    });
    let quick = FetchSettings {
        max_time: Duration::from_millis(500),
        ..settings()
    };
    let started = Instant::now();
    let a = fetch(
        "audit.test",
        &e.dns,
        &e.judge_later,
        &rules(&[&format!("{}:443:127.0.0.1:{port}", nginx::POLICY_HOST)]),
        &quick,
        &e.ctx,
    )
    .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    let f = a.failure.clone().unwrap();
    assert!(f.timeout && f.phase == FetchPhase::Tls, "{f:?}");
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-fetch-failed", Severity::Error)]
    );
    hold.abort();

    // A body limit smaller than the good policy: the limit, not the file, decides.
    let tiny = FetchSettings {
        max_body: 16,
        ..settings()
    };
    let a = fetch(
        "audit.test",
        &e.dns,
        &e.judge_later,
        &rules(&[&e.nginx.connect_to("good")]),
        &tiny,
        &e.ctx,
    )
    .await;
    assert_eq!(codes(&a.findings), [("mta-sts-too-large", Severity::Error)]);
}

/// A one-connection HTTPS server with the policy host's certificate that reads the request head
/// and answers `script` (then holds the connection for `hold`): what nginx will not do.
async fn scripted(
    e: &Env,
    script: &'static [u8],
    hold: Duration,
) -> (u16, tokio::task::JoinHandle<()>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (cert, key) = e.nginx.leaf();
    let certs = vec![CertificateDer::from_pem_file(cert).unwrap()];
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut tls = acceptor.accept(tcp).await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = tls.read(&mut buf).await.unwrap();
            if n == 0 {
                return;
            }
            head.extend_from_slice(&buf[..n]);
        }
        tls.write_all(script).await.unwrap();
        tls.flush().await.unwrap();
        tokio::time::sleep(hold).await;
        let _ = tls.shutdown().await;
    });
    (port, task)
}

#[tokio::test]
async fn policy_hosts_that_break_http() {
    let e = env();
    let go = |port: u16, s: FetchSettings| {
        let rule = rules(&[&format!("{}:443:127.0.0.1:{port}", nginx::POLICY_HOST)]);
        let e = &e;
        async move { fetch("audit.test", &e.dns, &e.judge_later, &rule, &s, &e.ctx).await }
    };

    // Not HTTP at all: hyper refuses it, and the transcript shows what came instead.
    let (port, task) = scripted(&e, b"220 mail.example ESMTP\r\n\r\n", Duration::ZERO).await;
    let a = go(port, settings()).await;
    task.await.unwrap();
    let f = a.failure.clone().unwrap();
    assert_eq!(f.phase, FetchPhase::Http, "{f:?}");
    assert!(f.message.contains("not valid HTTP/1.1"), "{}", f.message);
    assert_eq!(
        codes(&a.findings),
        [("mta-sts-fetch-failed", Severity::Error)]
    );
    assert!(dialogue(&a).contains(&"S: 220 mail.example ESMTP".to_string()));

    // The connection ends in the middle of the body.
    let (port, task) = scripted(
        &e,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\nversion: STSv1\r\n",
        Duration::ZERO,
    )
    .await;
    let a = go(port, settings()).await;
    task.await.unwrap();
    let f = a.failure.clone().unwrap();
    assert_eq!(f.phase, FetchPhase::Body, "{f:?}");
    assert!(
        f.message.starts_with("the body could not be read: ") && f.message.contains("end of file"),
        "{}",
        f.message
    );
    assert_eq!(a.status, Some(200));

    // The body never comes: the fetch's time bound ends it, in the body phase.
    let (port, task) = scripted(
        &e,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;
    let quick = FetchSettings {
        max_time: Duration::from_secs(1),
        ..settings()
    };
    let a = go(port, quick).await;
    task.abort();
    let f = a.failure.clone().unwrap();
    assert!(f.timeout && f.phase == FetchPhase::Body, "{f:?}");
    assert!(
        a.findings[0]
            .message
            .contains("failed in body: no complete answer within 1s")
    );
}
