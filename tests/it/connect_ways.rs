//! Every way of connecting (issue 15), against real peers: dante (SOCKS5, with and without an
//! RFC 1929 login, socks5 and socks5h), tinyproxy (HTTP CONNECT, with and without Basic auth, a
//! 403 for a port it does not allow), Postfix behind the HAProxy PROXY protocol (v1 and v2: the
//! spoofed client lands in the Received line), `--pipe` to Postfix's `sendmail -bs` and Dovecot's
//! `imap`/`pop3` binaries, `--unix` to Dovecot's LMTP socket, a TLS client certificate that
//! Postfix trusts for relaying, and `--local-addr`. Scripted fake proxies only for what a real
//! proxy won't do (garbage, a stall, an endless header).

use crate::fake::{FakeServer, Step, expect, send};
use crate::util::*;
use serde_json::Value;
use std::process::Command;
use std::time::{Duration, Instant};

fn json(args: &[&str]) -> Command {
    let mut c = mailctl();
    c.arg("--json").args(args).args(["--timeout", "10s"]);
    c
}

fn events(r: &Run, ty: &str) -> Vec<Value> {
    r.json().into_iter().filter(|e| e["type"] == ty).collect()
}

fn infos(r: &Run) -> Vec<String> {
    events(r, "info")
        .iter()
        .map(|e| e["msg"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[track_caller]
fn ok(r: &Run) -> Value {
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    assert_eq!(r.code, 0, "{r:?}");
    r.summary()
}

#[track_caller]
fn has_line(r: &Run, want: &str) {
    let d = r.dialogue();
    assert!(d.iter().any(|l| l == want), "no {want:?} in {d:#?}");
}

fn proxy_url(scheme: &str, port_key: &str, user: bool) -> String {
    let rig = rig();
    let port = rig.port(port_key);
    if user {
        format!("{scheme}://{}@127.0.0.1:{port}", rig.get("RIG_PROXY_USER"))
    } else {
        format!("{scheme}://127.0.0.1:{port}")
    }
}

/// The TLS event of a run: the name sent and verified must be the target's, never the proxy's.
#[track_caller]
fn tls_verified_for(r: &Run, name: &str) {
    let t = events(r, "tls");
    assert_eq!(t.len(), 1, "{r:?}");
    assert_eq!(t[0]["sni"], name, "{}", t[0]);
    assert_eq!(t[0]["verified"], true, "{}", t[0]);
}

// ------------------------------------------------------------------------- SOCKS5 (dante)

/// socks5:// resolves the target here (mail.rig.test through the rig's NSD) and asks the proxy
/// for the address; STARTTLS and AUTH then run end to end, and the message is delivered.
#[test]
fn socks5_carries_a_starttls_auth_session() {
    let rig = rig();
    let tok = token("socks5");
    let port = rig.port("RIG_SUBMISSION_PORT");
    let r = run(json(&[
        "smtp",
        "send",
        "--server",
        &format!("mail.rig.test:{port}"),
        "--nameserver",
        &rig.dns(),
        "--proxy",
        &proxy_url("socks5", "RIG_SOCKS_PORT", false),
        "--starttls",
        "--ca-file",
        rig.ca(),
        "-u",
        rig.get("RIG_USER"),
        "--password-env",
        "PW",
        "--from",
        rig.get("RIG_USER"),
        "--to",
        rig.get("RIG_USER2"),
        "--header",
        &format!("Subject: {tok}"),
    ])
    .env("PW", rig.get("RIG_PASSWORD")));
    ok(&r);
    has_line(&r, "C: SOCKS5 hello, methods: no authentication");
    has_line(&r, "S: SOCKS5 method: no authentication");
    has_line(&r, &format!("C: SOCKS5 CONNECT 127.0.0.1:{port}"));
    let d = r.dialogue();
    assert!(
        d.iter()
            .any(|l| l.starts_with("S: SOCKS5 succeeded (bound 127.0.0.1:")),
        "{d:#?}"
    );
    // The first connection is to the proxy, not the target.
    let connected = events(&r, "connected");
    assert_eq!(
        connected[0]["addr"],
        format!("127.0.0.1:{}", rig.port("RIG_SOCKS_PORT"))
    );
    tls_verified_for(&r, "mail.rig.test");
    assert!(
        r.summary()["timings_ms"]["proxy"].as_f64().is_some(),
        "{}",
        r.summary()
    );
    wait_for_message(&rig.maildir("bob"), &tok);
}

/// socks5h:// sends the name (ATYP 3) and lets the proxy resolve it: `localhost` is resolved by
/// dante, and implicit TLS is verified against --sni, the target's name.
#[test]
fn socks5h_sends_the_name_to_the_proxy() {
    let rig = rig();
    let port = rig.port("RIG_SMTPS_PORT");
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--server",
        &format!("localhost:{port}"),
        "--sni",
        "mail.rig.test",
        "--proxy",
        &proxy_url("socks5h", "RIG_SOCKS_PORT", false),
        "--tls",
        "--ca-file",
        rig.ca(),
        "--from",
        rig.get("RIG_USER"),
        "--to",
        rig.get("RIG_USER2"),
        "--quit-after",
        "ehlo",
    ]));
    ok(&r);
    has_line(&r, &format!("C: SOCKS5 CONNECT localhost:{port}"));
    // No lookup of the target happened here.
    assert!(events(&r, "resolved").is_empty(), "{r:?}");
    tls_verified_for(&r, "mail.rig.test");
    // -4 cannot choose the target's family when the proxy resolves the name: said, not hidden.
    let r = run(&mut json(&[
        "smtp",
        "send",
        "-4",
        "--server",
        &format!("localhost:{port}"),
        "--sni",
        "mail.rig.test",
        "--proxy",
        &proxy_url("socks5h", "RIG_SOCKS_PORT", false),
        "--tls",
        "--ca-file",
        rig.ca(),
        "--quit-after",
        "ehlo",
    ]));
    ok(&r);
    assert!(
        events(&r, "warning").iter().any(|e| e["msg"]
            .as_str()
            .unwrap_or("")
            .contains("-4/-6 apply only to reaching the proxy")),
        "{r:?}"
    );
}

/// RFC 1929 login: the password comes from --proxy-password-env and never shows; a wrong one is
/// the proxy's refusal (phase proxy, exit 4); no login at all is refused by method selection.
#[test]
fn socks5_login() {
    let rig = rig();
    let pw = rig.get("RIG_PROXY_PASSWORD");
    let args = |url: String| {
        let mut c = json(&[
            "imap",
            "capability",
            "--server",
            &rig.addr("RIG_IMAPS_PORT"),
            "--tls",
            "--sni",
            "mail.rig.test",
            "--ca-file",
            rig.ca(),
            "--proxy",
            &url,
        ]);
        c.args(["--proxy-password-env", "PPW"]);
        c
    };
    let r = run(args(proxy_url("socks5", "RIG_SOCKS_AUTH_PORT", true)).env("PPW", pw));
    ok(&r);
    has_line(
        &r,
        &format!("C: SOCKS5 login {} ***", rig.get("RIG_PROXY_USER")),
    );
    has_line(&r, "S: SOCKS5 login accepted");
    assert!(!r.stdout.contains(pw), "the proxy password leaked: {r:?}");

    let r = run(args(proxy_url("socks5", "RIG_SOCKS_AUTH_PORT", true)).env("PPW", "wrong-pw-x"));
    let s = r.failed_at(4, "proxy");
    assert_eq!(s["error"]["kind"], "rejected", "{s}");
    assert!(!r.stdout.contains("wrong-pw-x"), "{r:?}");

    let mut c = json(&[
        "imap",
        "capability",
        "--server",
        &rig.addr("RIG_IMAPS_PORT"),
        "--tls",
        "--proxy",
        &proxy_url("socks5", "RIG_SOCKS_AUTH_PORT", false),
    ]);
    let r = run(&mut c);
    let s = r.failed_at(4, "proxy");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("none of the methods"), "{msg}");
}

/// The MX is looked up here, and the connection to it goes through the proxy.
#[test]
fn mx_target_through_socks5() {
    let rig = rig();
    let port = rig.port("RIG_SMTP_PORT");
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--nameserver",
        &rig.dns(),
        "-p",
        &port.to_string(),
        "--proxy",
        &proxy_url("socks5", "RIG_SOCKS_PORT", false),
        "--from",
        rig.get("RIG_USER"),
        "--to",
        rig.get("RIG_USER2"),
        "--quit-after",
        "rcpt",
    ]));
    ok(&r);
    assert!(
        infos(&r)
            .iter()
            .any(|m| m.contains("looking up the MX of rig.test")),
        "{r:?}"
    );
    has_line(&r, &format!("C: SOCKS5 CONNECT 127.0.0.1:{port}"));
}

// ------------------------------------------------------------------- HTTP CONNECT (tinyproxy)

#[test]
fn http_connect_then_starttls() {
    let rig = rig();
    let port = rig.port("RIG_IMAP_PORT");
    let r = run(&mut json(&[
        "imap",
        "capability",
        "--server",
        &format!("127.0.0.1:{port}"),
        "--starttls",
        "--sni",
        "mail.rig.test",
        "--ca-file",
        rig.ca(),
        "--proxy",
        &proxy_url("http", "RIG_HTTP_PROXY_PORT", false),
    ]));
    ok(&r);
    has_line(&r, &format!("C: CONNECT 127.0.0.1:{port} HTTP/1.1"));
    has_line(&r, &format!("C: Host: 127.0.0.1:{port}"));
    let d = r.dialogue();
    assert!(
        d.iter()
            .any(|l| l.starts_with("S: HTTP/1.") && l.contains(" 200 ")),
        "{d:#?}"
    );
    assert!(
        !d.iter().any(|l| l.contains("Proxy-Authorization")),
        "{d:#?}"
    );
    tls_verified_for(&r, "mail.rig.test");
}

/// Basic auth: the header is shown as `***`, its base64 never appears; without a login the
/// proxy's 407 is the failure, with a hint.
#[test]
fn http_connect_basic_auth() {
    let rig = rig();
    let pw = rig.get("RIG_PROXY_PASSWORD");
    let user = rig.get("RIG_PROXY_USER");
    let b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pw}"))
    };
    let pop3 = |url: String| {
        json(&[
            "pop3",
            "stat",
            "--server",
            &rig.addr("RIG_POP3S_PORT"),
            "--tls",
            "--sni",
            "mail.rig.test",
            "--ca-file",
            rig.ca(),
            "-u",
            rig.get("RIG_USER"),
            "--password-env",
            "PW",
            "--proxy",
            &url,
        ])
    };
    let r = run(pop3(proxy_url("http", "RIG_HTTP_PROXY_AUTH_PORT", true))
        .env("PW", rig.get("RIG_PASSWORD"))
        .env("MAILCTL_PROXY_PASSWORD", pw));
    ok(&r);
    has_line(&r, "C: Proxy-Authorization: Basic ***");
    assert!(!r.stdout.contains(&b64) && !r.stdout.contains(pw), "{r:?}");
    tls_verified_for(&r, "mail.rig.test");

    let r = run(pop3(proxy_url("http", "RIG_HTTP_PROXY_AUTH_PORT", false))
        .env("PW", rig.get("RIG_PASSWORD")));
    let s = r.failed_at(4, "proxy");
    assert!(
        s["error"]["reply"].as_str().unwrap().contains(" 407"),
        "{s}"
    );
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("wants a login"),
        "{s}"
    );
}

/// A port the proxy does not allow (RIG_HTTP_PROXY_DENIED_PORT, not in tinyproxy's ConnectPort
/// list): 403.
#[test]
fn http_connect_refused_port() {
    let rig = rig();
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--lmtp",
        "--server",
        &rig.addr("RIG_HTTP_PROXY_DENIED_PORT"),
        "--proxy",
        &proxy_url("http", "RIG_HTTP_PROXY_PORT", false),
        "--to",
        rig.get("RIG_USER2"),
    ]));
    let s = r.failed_at(4, "proxy");
    assert_eq!(s["error"]["kind"], "rejected", "{s}");
    assert!(
        s["error"]["reply"].as_str().unwrap().contains(" 403"),
        "{s}"
    );
}

#[test]
fn a_password_in_the_proxy_url_is_refused_unseen() {
    let r = run(smtp_send_nowhere()
        .arg("--json")
        .args(["--proxy", "socks5://bob:hunter2-secret@127.0.0.1:1080"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        !r.stdout.contains("hunter2") && !r.stderr.contains("hunter2"),
        "{r:?}"
    );
    assert!(r.stdout.contains("--proxy-password-env"), "{r:?}");
}

// ----------------------------------------------------------------- HAProxy PROXY protocol

fn proxied_send(version: &str, source: &str, tok: &str) -> Run {
    let rig = rig();
    run(&mut json(&[
        "smtp",
        "send",
        "--server",
        &rig.addr("RIG_HAPROXY_SMTP_PORT"),
        "--proxy-protocol",
        version,
        "--proxy-source",
        source,
        "--from",
        rig.get("RIG_USER2"),
        "--to",
        rig.get("RIG_USER"),
        "--header",
        &format!("Subject: {tok}"),
    ]))
}

/// Postfix (smtpd_upstream_proxy_protocol = haproxy) takes the client from the header: the
/// spoofed address is in the Received line it writes.
#[test]
fn proxy_protocol_v1_spoofs_the_client_for_postfix() {
    let rig = rig();
    let tok = token("ppv1");
    let r = proxied_send("v1", "192.0.2.55:4444", &tok);
    ok(&r);
    has_line(
        &r,
        &format!(
            "C: PROXY TCP4 192.0.2.55 127.0.0.1 4444 {}",
            rig.port("RIG_HAPROXY_SMTP_PORT")
        ),
    );
    let msg = String::from_utf8_lossy(&wait_for_message(&rig.maildir("alice"), &tok)).into_owned();
    assert!(msg.contains("[192.0.2.55]"), "{msg}");
}

#[test]
fn proxy_protocol_v2_spoofs_the_client_for_postfix() {
    let rig = rig();
    let tok = token("ppv2");
    // No port: the real source port is claimed.
    let r = proxied_send("v2", "198.51.100.7", &tok);
    ok(&r);
    let d = r.dialogue();
    let line = d
        .iter()
        .find(|l| l.starts_with("C: PROXY v2 "))
        .expect("v2 line");
    assert!(line.contains("TCP4 198.51.100.7 127.0.0.1"), "{line}");
    assert!(line.contains("28 bytes"), "{line}");
    let msg = String::from_utf8_lossy(&wait_for_message(&rig.maildir("alice"), &tok)).into_owned();
    assert!(msg.contains("[198.51.100.7]"), "{msg}");
}

// ------------------------------------------------------------------------ --pipe and --unix

#[test]
fn pipe_smtp_delivers() {
    let rig = rig();
    let tok = token("pipesmtp");
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--pipe",
        rig.get("RIG_PIPE_SMTP"),
        "--from",
        rig.get("RIG_USER"),
        "--to",
        rig.get("RIG_USER2"),
        "--header",
        &format!("Subject: {tok}"),
    ]));
    ok(&r);
    let c = events(&r, "connected");
    assert!(
        c[0]["addr"].as_str().unwrap().starts_with("pipe: sh -c"),
        "{c:?}"
    );
    assert!(c[0]["local"].as_str().unwrap().starts_with("pid "), "{c:?}");
    wait_for_message(&rig.maildir("bob"), &tok);
}

/// Dovecot's imap binary, run as alice: PREAUTH, so no --user is needed.
#[test]
fn pipe_imap_preauth() {
    let rig = rig();
    let r = run(&mut json(&[
        "imap",
        "list",
        "--pipe",
        rig.get("RIG_PIPE_IMAP"),
    ]));
    ok(&r);
    let d = r.dialogue();
    assert!(d[0].starts_with("S: * PREAUTH "), "{d:#?}");
    assert!(!d.iter().any(|l| l.contains(" LOGIN ")), "{d:#?}");
    assert!(r.stdout.contains("INBOX"), "{r:?}");
}

/// Dovecot's pop3 binary started pre-authenticated sends no greeting (it is meant to follow a
/// login process that already said +OK): the rig's wrapper prints the greeting a POP3 client
/// needs (RFC 1939 §4) before handing over.
#[test]
fn pipe_pop3_preauth() {
    let rig = rig();
    let r = run(&mut json(&[
        "pop3",
        "stat",
        "--pipe",
        rig.get("RIG_PIPE_POP3"),
    ]));
    ok(&r);
    has_line(&r, "S: +OK rig pop3 pre-authenticated as alice@rig.test");
    has_line(&r, "C: STAT");
}

/// A child that ends before the dialogue does: its exit status is the message; its stderr is
/// shown.
#[test]
fn pipe_child_exits_early() {
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--pipe",
        "echo 'no config here' >&2; exit 7",
        "--to",
        "a@b.example",
    ]));
    let s = r.failed_at(8, "banner");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("exit status: 7"), "{msg}");
    assert!(
        infos(&r).iter().any(|m| m == "pipe stderr: no config here"),
        "{r:?}"
    );
}

/// --max-time ends a child that never answers, and the child does not outlive mailctl.
#[test]
fn pipe_child_is_killed_at_max_time() {
    let pidfile = std::env::temp_dir().join(format!("mailctl-{}", token("pipepid")));
    let cmd = format!("echo $$ > {}; exec sleep 60", pidfile.display());
    let started = Instant::now();
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--pipe",
        &cmd,
        "--max-time",
        "1s",
        "--to",
        "a@b.example",
    ]));
    r.failed_at(19, "banner");
    assert!(started.elapsed() < Duration::from_secs(10));
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let _ = std::fs::remove_file(&pidfile);
    let proc = format!("/proc/{}", pid.trim());
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&proc).exists() {
        assert!(Instant::now() < deadline, "the child {pid} still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Dovecot's LMTP UNIX socket: a real server on a real socket file.
#[test]
fn unix_socket_lmtp_delivers() {
    let rig = rig();
    let tok = token("unix");
    let sock = rig.get("RIG_LMTP_SOCKET").to_string();
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--lmtp",
        "--unix",
        &sock,
        "--from",
        rig.get("RIG_USER"),
        "--to",
        rig.get("RIG_USER2"),
        "--header",
        &format!("Subject: {tok}"),
    ]));
    ok(&r);
    assert_eq!(events(&r, "connected")[0]["addr"], format!("unix:{sock}"));
    wait_for_message(&rig.maildir("bob"), &tok);
}

// ------------------------------------------------------------------- client certificates

fn ccert(with_cert: bool) -> Run {
    let rig = rig();
    let mut c = json(&[
        "smtp",
        "send",
        "--server",
        &rig.addr("RIG_CCERT_SMTP_PORT"),
        "--starttls",
        "--sni",
        "mail.rig.test",
        "--ca-file",
        rig.ca(),
        "--from",
        rig.get("RIG_USER"),
        "--to",
        "someone@example.org",
        "--quit-after",
        "rcpt",
    ]);
    if with_cert {
        c.args([
            "--cert",
            rig.get("RIG_CLIENT_CERT"),
            "--key",
            rig.get("RIG_CLIENT_KEY"),
        ]);
    }
    run(&mut c)
}

/// Postfix relays for the certificate in relay_clientcerts (permit_tls_clientcerts) and for no
/// one else.
#[test]
fn client_certificate_permits_relay() {
    let r = ccert(true);
    ok(&r);
    has_line(&r, "S: 250 2.1.5 Ok");
    assert!(
        infos(&r)
            .iter()
            .any(|m| m.starts_with("the server asked for a client certificate: sent CN=")),
        "{r:?}"
    );
    assert!(!r.stdout.contains("PRIVATE KEY"), "{r:?}");

    let r = ccert(false);
    r.failed_at(25, "rcpt");
    assert!(
        r.dialogue().iter().any(|l| l.starts_with("S: 554 5.7.1")),
        "{r:?}"
    );
    assert!(
        infos(&r)
            .iter()
            .any(|m| m.contains("asked for a client certificate: none sent")),
        "{r:?}"
    );
}

// ----------------------------------------------------------------------------- --local-addr

#[test]
fn local_addr_binds_the_source() {
    let rig = rig();
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--server",
        &rig.addr("RIG_SMTP_PORT"),
        "--local-addr",
        "127.0.0.5",
        "--to",
        rig.get("RIG_USER2"),
        "--quit-after",
        "ehlo",
    ]));
    ok(&r);
    let c = events(&r, "connected");
    assert!(
        c[0]["local"].as_str().unwrap().starts_with("127.0.0.5:"),
        "{c:?}"
    );

    let r = run(&mut json(&[
        "smtp",
        "send",
        "--server",
        &rig.addr("RIG_SMTP_PORT"),
        "--local-addr",
        "[::1]:0",
        "--to",
        rig.get("RIG_USER2"),
    ]));
    let s = r.failed_at(2, "connect");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only IPv4 addresses"),
        "{s}"
    );
}

// ------------------------------------------------------------------------- hostile proxies

fn via_fake(scheme: &str, fake: &FakeServer, extra: &[&str]) -> Run {
    let mut c = mailctl();
    c.arg("--json").args([
        "smtp",
        "send",
        "--server",
        "127.0.0.1:25",
        "--proxy",
        &format!("{scheme}://{}", fake.server_arg()),
        "--to",
        "a@b.example",
    ]);
    if !extra.contains(&"--timeout") {
        c.args(["--timeout", "10s"]);
    }
    c.args(extra);
    run(&mut c)
}

#[test]
fn socks_proxy_answering_garbage() {
    let fake = FakeServer::start(vec![Step::ReadBytes(3), send("HTTP/1.1 400 Bad\r\n\r\n")]);
    let r = via_fake("socks5", &fake, &[]);
    let s = r.failed_at(7, "proxy");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not answer as a SOCKS5"),
        "{s}"
    );
    let _ = fake.finish();
}

#[test]
fn socks_proxy_that_stalls_is_cut_at_the_timeout() {
    let fake = FakeServer::start(vec![Step::ReadBytes(3), send([5u8, 0]), Step::Stall]);
    let started = Instant::now();
    let r = via_fake("socks5h", &fake, &["--timeout", "1s"]);
    r.failed_at(6, "proxy");
    assert!(started.elapsed() < Duration::from_secs(8));
    let t = fake.finish();
    // The CONNECT request for the name went out before the stall.
    let _ = t;
}

#[test]
fn socks_proxy_refusal_is_named() {
    let fake = FakeServer::start(vec![
        Step::ReadBytes(3),
        send([5u8, 0]),
        Step::ReadBytes(10),
        send([5u8, 2, 0, 1, 0, 0, 0, 0, 0, 0]),
    ]);
    let r = via_fake("socks5", &fake, &[]);
    let s = r.failed_at(4, "proxy");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("connection not allowed by ruleset (0x02"),
        "{msg}"
    );
    has_line(&r, "S: SOCKS5 connection not allowed by ruleset (0x02)");
    let _ = fake.finish();
}

#[test]
fn http_proxy_with_an_endless_header() {
    let fake = FakeServer::start(vec![
        expect("CONNECT 127.0.0.1:25 HTTP/1.1"),
        expect("Host: 127.0.0.1:25"),
        Step::ReadLine,
        send("HTTP/1.1 200 OK\r\n"),
        Step::Flood {
            pattern: b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".to_vec(),
            max: 1 << 20,
        },
    ]);
    let r = via_fake("http", &fake, &[]);
    let s = r.failed_at(7, "proxy");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("longer than 16384 bytes"),
        "{s}"
    );
    let _ = fake.finish();
}

#[test]
fn http_proxy_answering_non_http() {
    let fake = FakeServer::start(vec![
        expect("CONNECT"),
        Step::ReadLine,
        Step::ReadLine,
        send("220 this is an SMTP server, not a proxy\r\n"),
    ]);
    let r = via_fake("http", &fake, &[]);
    let s = r.failed_at(7, "proxy");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not an HTTP status line"),
        "{s}"
    );
    let _ = fake.finish();
}

/// swaks' names for the same options parse as mailctl's (each run gets past parsing: the
/// failure is the next step's, not a usage error).
#[test]
fn swaks_names_are_aliases() {
    let r = run(smtp_send_nowhere().arg("--json").args([
        "--socket",
        "/nonexistent/mailctl.sock",
        "--starttls",
        "--tls-cert",
        "/nonexistent/c.pem",
        "--tls-key",
        "/nonexistent/k.pem",
    ]));
    let s = r.failed_at(9, "setup");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("--cert"),
        "{s}"
    );
    let r = run(smtp_send_nowhere().arg("--json").args([
        "--local-interface",
        "127.0.0.1",
        "--proxy-version",
        "2",
        "--proxy-source",
        "192.0.2.1",
    ]));
    r.failed_at(4, "connect");
    let r =
        run(smtp_send_nowhere()
            .arg("--json")
            .args(["--pipe", "exit 0", "--unix-socket", "/x"]));
    assert_eq!(r.code, 2, "--pipe and --unix conflict: {r:?}");
    // swaks' PROXY options with no mailctl equivalent get a sentence.
    let r = run(smtp_send_nowhere().args(["--proxy-dest", "1.2.3.4"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--proxy-protocol"), "{r:?}");
}

/// The end of a --pipe session reaches everything the command started (its own process group:
/// SIGTERM, then SIGKILL), not only `sh`: a background job of the command is gone afterwards.
#[test]
fn pipe_session_end_reaches_the_whole_process_group() {
    let dir = std::env::temp_dir().join(token("pipe-group"));
    std::fs::create_dir_all(&dir).unwrap();
    let pidfile = dir.join("bg.pid");
    let cmd = format!(
        "sleep 300 & echo $! > {}; printf '220 fake ESMTP\\r\\n'; read l; printf '221 bye\\r\\n'; exec sleep 300",
        pidfile.display()
    );
    let r = run(&mut json(&[
        "smtp",
        "send",
        "--pipe",
        &cmd,
        "--quit-after",
        "banner",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    // SAFETY: kill with signal 0 only asks whether the process exists.
    while unsafe { libc::kill(pid, 0) } == 0 {
        // A zombie still answers kill(0): it is dead, only not yet reaped by init.
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the background job {pid} of the --pipe command outlived the session"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Load mode through a SOCKS5 proxy: every session's SOCKS5 exchange is charged to the `proxy`
/// phase of the latency table (and the messages arrive).
#[test]
fn load_mode_through_socks5_charges_the_proxy_phase() {
    let rig = rig();
    let r = run(&mut json(&[
        "smtp",
        "send",
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--proxy",
        &format!("socks5://127.0.0.1:{}", rig.get("RIG_SOCKS_PORT")),
        "--from",
        "load@rig.test",
        "--to",
        "bob@rig.test",
        "--count",
        "4",
        "--concurrency",
        "2",
    ]));
    let s = ok(&r);
    assert_eq!(s["load"]["messages"]["accepted"], 4, "{s}");
    assert_eq!(s["load"]["latency_ms"]["proxy"]["n"], 4, "{s}");
}

/// An HTTP proxy may send an interim 1xx before its final answer (RFC 9110 §15.2): it is shown
/// and skipped, and the tunnel opens on the 200 that follows (the fake then speaks SMTP).
#[test]
fn http_proxy_interim_1xx_is_skipped() {
    let fake = FakeServer::start(vec![
        expect("CONNECT"),
        Step::ReadLine,
        Step::ReadLine,
        send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 Connection established\r\n\r\n"),
        send("220 fake ESMTP\r\n"),
        expect("EHLO"),
        send("250 fake\r\n"),
        expect("QUIT"),
        send("221 bye\r\n"),
    ]);
    let r = via_fake("http", &fake, &["--quit-after", "ehlo"]);
    ok(&r);
    has_line(&r, "S: HTTP/1.1 100 Continue");
    has_line(&r, "S: HTTP/1.1 200 Connection established");
    let _ = fake.finish();
}
