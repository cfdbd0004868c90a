//! `mailctl smtp sink` as a child process on a free port (`--listen 127.0.0.1:0`, the port read
//! from its first JSON line), fed by `mailctl smtp send` and by swaks, with the stored files,
//! the envelopes, the transcript and the exit codes checked. TLS uses the rig's certificate.

use crate::util::{mailctl, rig};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// A running sink: its address and its JSON lines as they come.
struct Sink {
    child: Child,
    addr: String,
    lines: Receiver<String>,
    seen: Vec<Value>,
}

impl Sink {
    fn start(args: &[&str]) -> Sink {
        Sink::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Sink {
        let mut cmd = mailctl();
        cmd.args([
            "--json",
            "smtp",
            "sink",
            "--listen",
            "127.0.0.1:0",
            "--hostname",
            "sink.test",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn the sink");
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(l).is_err() {
                    return;
                }
            }
        });
        let first = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the sink printed nothing");
        let v: Value = serde_json::from_str(&first).expect("JSON");
        let msg = v["msg"].as_str().unwrap_or_default();
        let addr = msg
            .strip_prefix("listening on ")
            .and_then(|m| m.split_whitespace().next())
            .unwrap_or_else(|| panic!("not the startup line: {first}"))
            .to_string();
        Sink {
            child,
            addr,
            lines: rx,
            seen: vec![v],
        }
    }

    fn port(&self) -> String {
        self.addr.rsplit_once(':').unwrap().1.to_string()
    }

    /// Wait for the sink to end by itself (--max), at most `limit`; its code and every line.
    fn wait(mut self, limit: Duration) -> (i32, Vec<Value>) {
        let until = std::time::Instant::now() + limit;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
                assert!(!err.contains("panicked"), "{err}");
                // The reader thread ends at EOF.
                while let Ok(l) = self.lines.recv_timeout(Duration::from_secs(5)) {
                    self.seen.push(serde_json::from_str(&l).expect("JSON"));
                }
                return (st.code().unwrap_or(-1), self.seen);
            }
            while let Ok(l) = self.lines.try_recv() {
                self.seen.push(serde_json::from_str(&l).expect("JSON"));
            }
            if std::time::Instant::now() > until {
                let _ = self.child.kill();
                panic!("the sink did not end within {limit:?}: {:?}", self.seen);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-C, then its code and every line.
    fn stop(self) -> (i32, Vec<Value>) {
        let st = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(st.success());
        self.wait(Duration::from_secs(20))
    }
}

fn summary(lines: &[Value]) -> &Value {
    let s = lines.last().expect("no output");
    assert_eq!(s["type"], "summary", "{s}");
    s
}

/// The sink's transcript as `C: …` / `S: …` (the client's lines, the sink's replies).
fn dialogue(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|e| match e["type"].as_str()? {
            "recv" => Some(format!("C: {}", e["line"].as_str()?)),
            "sent" => Some(format!("S: {}", e["line"].as_str()?)),
            _ => None,
        })
        .collect()
}

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailctl-it-sink-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The stored messages (`.eml` in a --dir, or a Maildir's new/), oldest first by name.
fn stored(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    v.sort();
    v
}

/// A stored message without the sink's Received: header (its first lines, up to the date).
fn without_received(m: &[u8]) -> &[u8] {
    assert!(
        m.starts_with(b"Received: from "),
        "{}",
        String::from_utf8_lossy(m)
    );
    let at = m.windows(7).position(|w| w == b" +0000\r").unwrap() + 8;
    &m[at..]
}

fn send(sink: &Sink) -> Command {
    let mut c = mailctl();
    c.args(["smtp", "send", "-s", &sink.addr, "--timeout", "10s"]);
    c
}

#[test]
fn a_sent_file_is_stored_byte_for_byte_with_its_envelope() {
    let dir = scratch("dir");
    let sink = Sink::start(&["--dir", dir.to_str().unwrap()]);
    let msg = dir.with_extension("msg");
    let body = "Subject: dots\r\nFrom: <j\u{f6}rg@example.org>\r\n\r\n.leading dot\r\n..two\r\n.\r\n \r\nend\r\n";
    std::fs::write(&msg, body).unwrap();
    let r = crate::util::run(send(&sink).args([
        "--from",
        "j\u{f6}rg@example.org",
        "--to",
        "you@example.org,other@example.org",
        "--data",
        msg.to_str().unwrap(),
        "--notify",
        "success,failure",
        "--ret",
        "hdrs",
        "--envid",
        "id+1",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    let (code, lines) = sink.stop();
    assert_eq!(code, 0);
    let emls = stored(&dir, Some("eml"));
    assert_eq!(emls.len(), 1, "{emls:?}");
    let m = std::fs::read(&emls[0]).unwrap();
    assert_eq!(without_received(&m), body.as_bytes());
    let env: Value =
        serde_json::from_slice(&std::fs::read(emls[0].with_extension("json")).unwrap()).unwrap();
    assert_eq!(env["mail_from"], "j\u{f6}rg@example.org");
    assert_eq!(
        env["rcpt_to"],
        serde_json::json!(["you@example.org", "other@example.org"])
    );
    assert_eq!(env["protocol"], "ESMTP");
    assert_eq!(env["transfer"], "data");
    assert_eq!(env["tls"], Value::Null);
    assert!(env["client"].as_str().unwrap().starts_with("127.0.0.1:"));
    let p = &env["params"];
    assert_eq!(p["smtputf8"], true);
    assert_eq!(p["ret"], "HDRS");
    assert_eq!(p["envid"], "id+1");
    // SIZE= counts the wire form: three stuffed dots.
    assert_eq!(p["size"], body.len() as u64 + 3);
    assert_eq!(p["rcpt"][0]["notify"], "FAILURE,SUCCESS");
    assert_eq!(p["rcpt"][1]["orcpt"], "rfc822;other@example.org");
    assert_eq!(env["size"].as_u64().unwrap(), m.len() as u64);
    // The transcript, server side: the client's pipelined envelope, our replies in order.
    let d = dialogue(&lines);
    let i = d
        .iter()
        .position(|l| l.starts_with("C: MAIL FROM:<j\u{f6}rg@example.org> SIZE="))
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(
        d[i].ends_with(" SMTPUTF8 RET=HDRS ENVID=id+2B1"),
        "{}",
        d[i]
    );
    assert_eq!(
        d[i + 1..i + 8],
        [
            "C: RCPT TO:<you@example.org> NOTIFY=FAILURE,SUCCESS ORCPT=rfc822;you@example.org",
            "C: RCPT TO:<other@example.org> NOTIFY=FAILURE,SUCCESS ORCPT=rfc822;other@example.org",
            "C: DATA",
            "S: 250 2.1.0 Ok",
            "S: 250 2.1.5 Ok",
            "S: 250 2.1.5 Ok",
            "S: 354 End data with <CR><LF>.<CR><LF>",
        ]
    );
    assert!(
        d.iter()
            .any(|l| l.starts_with("S: 250 2.0.0 Ok: queued as"))
    );
    // Every connection event names its connection.
    assert!(
        lines[1..lines.len() - 1].iter().all(|e| e["conn"] == 1),
        "{lines:?}"
    );
    let s = summary(&lines);
    assert_eq!(
        (
            &s["messages"],
            &s["connections"],
            &s["errors"],
            &s["ended_by"]
        ),
        (
            &Value::from(1),
            &Value::from(1),
            &Value::from(0),
            &Value::from("interrupt")
        )
    );
    assert_eq!(s["exit_code"], 0);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&msg);
}

#[test]
fn starttls_auth_and_bdat_with_the_rig_certificate() {
    let rig = rig();
    let tls = rig.get("RIG_CERT_DIR");
    let md = scratch("tls");
    let sink = Sink::start_with(
        &[
            "--maildir",
            md.to_str().unwrap(),
            "--cert",
            &format!("{tls}/server.pem"),
            "--key",
            &format!("{tls}/server.key"),
            "--auth-user",
            "alice",
            "--auth-password-env",
            "SINK_PW",
        ],
        &[("SINK_PW", "sink-secret-pw")],
    );
    let mut c = send(&sink);
    c.env("P", "sink-secret-pw").args([
        "--starttls",
        "--ca-file",
        rig.ca(),
        "--user",
        "alice",
        "--password-env",
        "P",
        "--auth",
        "plain",
        "--bdat",
        "--to",
        "you@example.org",
        "--json",
    ]);
    let r = crate::util::run(&mut c);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // A wrong password is refused (exit 23).
    let mut c = send(&sink);
    c.env("P", "wrong-password").args([
        "--starttls",
        "--ca-file",
        rig.ca(),
        "--user",
        "alice",
        "--password-env",
        "P",
        "--to",
        "a@b",
    ]);
    assert_eq!(crate::util::run(&mut c).code, 23);
    let (_, lines) = sink.stop();
    let files = stored(&md.join("new"), None);
    assert_eq!(files.len(), 1);
    let m = String::from_utf8(std::fs::read(&files[0]).unwrap()).unwrap();
    assert!(
        m.starts_with("Received: from ")
            && m.contains("\tby sink.test (mailctl smtp sink) with ESMTPSA id "),
        "{m}"
    );
    assert!(m.contains("(using TLSv1.3 with cipher "), "{m}");
    let d = dialogue(&lines);
    assert!(d.contains(&"C: AUTH PLAIN ***".to_string()), "{d:#?}");
    assert!(
        d.iter()
            .any(|l| l.starts_with("C: BDAT ") && l.ends_with(" LAST")),
        "{d:#?}"
    );
    let all = lines.iter().map(|l| l.to_string()).collect::<String>();
    assert!(!all.contains("sink-secret-pw") && !all.contains("wrong-password"));
    assert!(
        lines
            .iter()
            .any(|e| e["type"] == "tls_accepted" && e["version"] == "TLSv1.3")
    );
    let s = summary(&lines);
    assert_eq!(
        (&s["messages"], &s["errors"]),
        (&Value::from(1), &Value::from(0)),
        "{s}"
    );
    let _ = std::fs::remove_dir_all(&md);
}

#[test]
fn swaks_is_served_too() {
    let dir = scratch("swaks");
    let sink = Sink::start(&[
        "--dir",
        dir.to_str().unwrap(),
        "--auth-any",
        "--auth-plaintext",
    ]);
    let out = Command::new("swaks")
        .args([
            "--server",
            "127.0.0.1",
            "--port",
            &sink.port(),
            "--from",
            "a@example.org",
            "--to",
            "b@example.org",
            "--pipeline",
            "--auth",
            "LOGIN",
            "--auth-user",
            "someone",
            "--auth-password",
            "pw",
            "--header",
            "Subject: from swaks",
            "--body",
            ".dotted line\n..two dots",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run swaks");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let (_, lines) = sink.stop();
    let emls = stored(&dir, Some("eml"));
    assert_eq!(emls.len(), 1);
    let m = std::fs::read(&emls[0]).unwrap();
    let text = String::from_utf8_lossy(without_received(&m)).into_owned();
    assert!(text.contains("Subject: from swaks\r\n"), "{text}");
    // swaks stuffs the dots and ends its body with an empty line of its own.
    assert!(
        text.contains("\r\n\r\n.dotted line\r\n..two dots\r\n"),
        "{text:?}"
    );
    let env: Value =
        serde_json::from_slice(&std::fs::read(emls[0].with_extension("json")).unwrap()).unwrap();
    assert_eq!(env["auth_user"], "someone");
    assert_eq!(env["protocol"], "ESMTPA");
    assert_eq!(summary(&lines)["messages"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn scripted_refusals_reach_the_client_with_its_exit_codes() {
    let sink = Sink::start(&[
        "--reply",
        "rcpt:bob@=450 4.2.1 try later",
        "--reply",
        "mail:<spam@=554",
    ]);
    let r = crate::util::run(send(&sink).args(["--to", "bob@example.org", "--json"]));
    let s = r.failed_at(25, "rcpt");
    assert_eq!(s["recipients"][0]["reply"], "450 4.2.1 try later");
    let r = crate::util::run(send(&sink).args(["--to", "bob@example.org,al@example.org", "-q"]));
    assert_eq!(r.code, 10, "{}", r.stdout);
    let r =
        crate::util::run(send(&sink).args(["--from", "spam@x", "--to", "al@example.org", "-q"]));
    assert_eq!(r.code, 24, "{}", r.stdout);
    let (code, lines) = sink.stop();
    assert_eq!(code, 0);
    assert_eq!(summary(&lines)["messages"], 1);
    // A refusing greeting: the client stops at the banner (exit 20).
    let sink = Sink::start(&["--reply", "banner=554 5.3.2 not today"]);
    let r = crate::util::run(send(&sink).args(["--to", "a@b", "--json"]));
    r.failed_at(20, "banner");
    let (_, lines) = sink.stop();
    let d = dialogue(&lines);
    assert_eq!(d[0], "S: 554 5.3.2 not today");
    assert!(d.contains(&"C: QUIT".to_string()), "{d:?}");
}

#[test]
fn max_three_ends_the_sink_after_three_messages() {
    let sink = Sink::start(&["--max", "3"]);
    for _ in 0..3 {
        let r = crate::util::run(send(&sink).args(["--to", "a@example.org", "-q"]));
        assert_eq!(r.code, 0, "{}", r.stdout);
    }
    let (code, lines) = sink.wait(Duration::from_secs(20));
    assert_eq!(code, 0);
    let s = summary(&lines);
    assert_eq!(
        (&s["messages"], &s["ended_by"], &s["storage"]),
        (
            &Value::from(3),
            &Value::from("max"),
            &Value::from("discard")
        )
    );
    assert!(
        lines[0]["msg"]
            .as_str()
            .unwrap()
            .contains("counted and discarded")
    );
}

#[test]
fn lmtp_answers_each_recipient() {
    let sink = Sink::start(&["--lmtp", "--reply", "dot:bob@=452 4.2.2 mailbox full"]);
    let r = crate::util::run(send(&sink).args([
        "--lmtp",
        "--to",
        "alice@example.org,bob@example.org",
        "--json",
    ]));
    assert_eq!(r.code, 10, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["recipients"][0]["delivered"], true);
    assert_eq!(s["recipients"][1]["delivered"], false);
    assert_eq!(s["recipients"][1]["delivery"], "452 4.2.2 mailbox full");
    let (_, lines) = sink.stop();
    assert!(dialogue(&lines).iter().any(|l| l.starts_with("C: LHLO ")));
    assert_eq!(summary(&lines)["recipients"], 1);
}

#[test]
fn bytes_pipelined_after_starttls_are_discarded_not_executed() {
    let rig = rig();
    let tls = rig.get("RIG_CERT_DIR");
    let sink = Sink::start(&[
        "--cert",
        &format!("{tls}/server.pem"),
        "--key",
        &format!("{tls}/server.key"),
        "--timeout",
        "2s",
    ]);
    let mut s = std::net::TcpStream::connect(&sink.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.starts_with("220 "), "{line}");
    s.write_all(b"EHLO x\r\n").unwrap();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        if line.starts_with("250 ") {
            break;
        }
    }
    // The injection: a command in the same packet as STARTTLS.
    s.write_all(b"STARTTLS\r\nMAIL FROM:<evil@example.org>\r\n")
        .unwrap();
    line.clear();
    r.read_line(&mut line).unwrap();
    assert_eq!(line, "220 2.0.0 Ready to start TLS\r\n");
    // No reply to the injected MAIL ever comes: the sink waits for a ClientHello.
    drop(r);
    drop(s);
    let (_, lines) = sink.stop();
    let discarded = lines
        .iter()
        .find(|e| e["type"] == "discarded")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(discarded["bytes"], "MAIL FROM:<evil@example.org>\r\n".len());
    assert!(lines.iter().any(|e| e["type"] == "warning"
        && e["msg"].as_str().unwrap().contains("CVE-2011-0411")));
    assert!(!dialogue(&lines).iter().any(|l| l.contains("evil")));
}

#[test]
fn two_thousand_messages_over_twenty_sessions_are_all_counted() {
    let sink = Sink::start(&["--max", "2000"]);
    let r = crate::util::run_with_timeout(
        send(&sink).args([
            "--to",
            "load@example.org",
            "--count",
            "2000",
            "--concurrency",
            "20",
            "--json",
        ]),
        Duration::from_secs(300),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.summary()["load"]["messages"]["accepted"], 2000);
    let (code, lines) = sink.wait(Duration::from_secs(60));
    assert_eq!(code, 0);
    let s = summary(&lines);
    assert_eq!(
        (&s["messages"], &s["connections"], &s["errors"]),
        (&Value::from(2000), &Value::from(2000), &Value::from(0)),
        "{s}"
    );
}

/// REQUIRETLS (RFC 8689) end to end: the sink offers it only inside TLS, so a plain EHLO does
/// not list it; `smtp send --starttls --requiretls` sends MAIL FROM … REQUIRETLS and the sink
/// records it in the envelope (`params.requiretls`).
#[test]
fn requiretls_is_offered_inside_tls_and_recorded() {
    let rig = rig();
    let tls = rig.get("RIG_CERT_DIR");
    let dir = scratch("requiretls");
    let sink = Sink::start_with(
        &[
            "--dir",
            dir.to_str().unwrap(),
            "--cert",
            &format!("{tls}/server.pem"),
            "--key",
            &format!("{tls}/server.key"),
        ],
        &[],
    );
    let mut c = send(&sink);
    c.args(["--starttls", "--ca-file", rig.ca(), "--requiretls"])
        .args(["--to", "you@example.org", "--json"]);
    let r = crate::util::run(&mut c);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let d = r.dialogue();
    let ehlos: Vec<_> = d.iter().filter(|l| l.contains("REQUIRETLS")).collect();
    assert!(
        d.iter()
            .any(|l| l.starts_with("C: MAIL FROM:<") && l.ends_with(" REQUIRETLS")),
        "{d:#?}"
    );
    // Listed once: in the EHLO reply after STARTTLS, not before.
    assert_eq!(
        ehlos.iter().filter(|l| l.starts_with("S: 250")).count(),
        1,
        "{d:#?}"
    );
    let _ = sink.stop();
    let env = stored(&dir, Some("json"));
    assert_eq!(env.len(), 1, "{env:?}");
    let v: Value = serde_json::from_slice(&std::fs::read(&env[0]).unwrap()).unwrap();
    assert_eq!(v["params"]["requiretls"], true, "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Connect to the sink and read its greeting and the EHLO reply.
fn idle_client(sink: &Sink) -> (std::net::TcpStream, BufReader<std::net::TcpStream>) {
    let mut s = std::net::TcpStream::connect(&sink.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.starts_with("220 "), "{line}");
    s.write_all(b"EHLO x\r\n").unwrap();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        if !line.starts_with("250-") {
            assert!(line.starts_with("250 "), "{line}");
            break;
        }
    }
    (s, r)
}

/// The rest of what the sink sends before it closes.
fn read_to_close(r: &mut BufReader<std::net::TcpStream>) -> String {
    let mut rest = String::new();
    let _ = r.read_to_string(&mut rest);
    rest
}

/// --max-time stops the sink like --max and a signal do: a connection that sits idle is told
/// 421 before it is closed (RFC 5321 §3.8), and the sink ends at once, not after the grace.
#[test]
fn max_time_tells_an_idle_client_421() {
    let sink = Sink::start(&["--max-time", "2s"]);
    let (_s, mut r) = idle_client(&sink);
    let started = std::time::Instant::now();
    let rest = read_to_close(&mut r);
    assert_eq!(
        rest,
        "421 4.3.2 sink.test mailctl smtp sink shutting down\r\n"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let (code, lines) = sink.wait(Duration::from_secs(10));
    assert_eq!(code, 0);
    assert_eq!(summary(&lines)["ended_by"], "max_time");
    assert_eq!(summary(&lines)["errors"], 0);
}

/// Ctrl-C: idle connections get 421, a message under way may finish, then its QUIT is
/// answered.
#[test]
fn ctrl_c_lets_a_message_under_way_finish_and_tells_idle_clients_421() {
    let sink = Sink::start(&[]);
    let (_idle, mut idle_r) = idle_client(&sink);
    let (mut s, mut r) = idle_client(&sink);
    s.write_all(b"MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nSubject: x\r\n")
        .unwrap();
    let mut line = String::new();
    for want in ["250 ", "250 ", "354 "] {
        line.clear();
        r.read_line(&mut line).unwrap();
        assert!(line.starts_with(want), "{line}");
    }
    let st = Command::new("kill")
        .args(["-INT", &sink.child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(
        read_to_close(&mut idle_r),
        "421 4.3.2 sink.test mailctl smtp sink shutting down\r\n"
    );
    s.write_all(b"\r\nbody\r\n.\r\nQUIT\r\n").unwrap();
    let rest = read_to_close(&mut r);
    assert!(
        rest.starts_with("250 2.0.0 Ok: queued as ")
            && rest.ends_with("221 2.0.0 sink.test closing\r\n"),
        "{rest}"
    );
    let (code, lines) = sink.wait(Duration::from_secs(10));
    assert_eq!(code, 0);
    let s = summary(&lines);
    assert_eq!(
        (&s["ended_by"], &s["messages"]),
        (&Value::from("interrupt"), &Value::from(1))
    );
}

/// A pipelined AUTH after STARTTLS is discarded, and its secret stays out of the preview.
#[test]
fn the_starttls_discard_preview_hides_auth_secrets() {
    let rig = rig();
    let tls = rig.get("RIG_CERT_DIR");
    let sink = Sink::start(&[
        "--cert",
        &format!("{tls}/server.pem"),
        "--key",
        &format!("{tls}/server.key"),
        "--timeout",
        "2s",
    ]);
    let (mut s, mut r) = idle_client(&sink);
    s.write_all(b"STARTTLS\r\nAUTH PLAIN AGFsaWNlAHMzY3JldA==\r\nAUTH LOGIN\r\nYWxpY2U=\r\n")
        .unwrap();
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert_eq!(line, "220 2.0.0 Ready to start TLS\r\n");
    drop(r);
    drop(s);
    let (_, lines) = sink.stop();
    let discarded = lines
        .iter()
        .find(|e| e["type"] == "discarded")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    let preview = discarded["preview"].as_str().unwrap();
    assert!(preview.starts_with("AUTH PLAIN ***"), "{preview}");
    assert!(preview.contains("AUTH LOGIN"), "{preview}");
    let all = serde_json::to_string(&lines).unwrap();
    assert!(
        !all.contains("AGFsaWNlAHMzY3JldA") && !all.contains("YWxpY2U"),
        "{all}"
    );
}
