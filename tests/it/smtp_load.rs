//! `smtp send --count` (load mode) against real servers: the rig's Postfix (submission with
//! STARTTLS + AUTH, delivery counted in bob's Maildir), and Postfix's own `smtp-sink`, started by
//! each test on a free loopback port, dumping every message it takes into a directory so the
//! summary's counts can be checked against what the server received.

use crate::util::*;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SMTP_SINK: &str = "/usr/sbin/smtp-sink";

/// `mailctl --json smtp send` in load mode with a bounded per-reply timeout.
fn load() -> Command {
    let mut c = mailctl();
    c.args(["--json", "smtp", "send", "--timeout", "20s"]);
    c
}

/// A running `smtp-sink` that dumps each message it takes into its own file under `dir`.
struct Sink {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Sink {
    /// Start smtp-sink with `extra` options (e.g. `-f RCPT`) on a free loopback port.
    fn start(extra: &[&str]) -> Sink {
        assert!(
            Path::new(SMTP_SINK).exists(),
            "{SMTP_SINK} missing: install postfix (tests/rig/rig.sh install)"
        );
        let dir = std::env::temp_dir().join(token("sink"));
        std::fs::create_dir_all(&dir).unwrap();
        // smtp-sink drops to another user when started as root; let it write the dumps.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout.starts_with(b"0\n"))
            .unwrap_or(false);
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut cmd = Command::new(SMTP_SINK);
            if root {
                cmd.args(["-u", "nobody"]);
            }
            let template = format!("{}/%H%M%S.", dir.display());
            let child = cmd
                .args(extra)
                .args(["-d", &template, &format!("127.0.0.1:{port}"), "256"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start smtp-sink");
            let mut sink = Sink {
                child,
                port,
                dir: dir.clone(),
            };
            if sink.wait_ready() {
                return sink;
            }
        }
        panic!("smtp-sink did not start on any of 5 ports");
    }

    /// Listening within 5 s (false if it exited, e.g. because the port was taken meanwhile).
    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The dumped messages, once their number has been `want` for a moment (bounded wait).
    fn dumps(&self, want: usize) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            if files.len() >= want || Instant::now() > deadline {
                // Let a late writer finish, then read them all.
                std::thread::sleep(Duration::from_millis(100));
                return std::fs::read_dir(&self.dir)
                    .unwrap()
                    .map(|e| std::fs::read(e.unwrap().path()).unwrap())
                    .collect();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the sink process has exited on its own.
    fn exited(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The `load` object of a load-mode summary.
fn load_of(s: &Value) -> &Value {
    assert!(s["load"].is_object(), "no load object: {s}");
    &s["load"]
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// Message-ID values of messages (first occurrence of the header in each).
fn message_ids(msgs: &[Vec<u8>]) -> Vec<String> {
    msgs.iter()
        .map(|m| {
            let text = String::from_utf8_lossy(m);
            text.lines()
                .find_map(|l| l.strip_prefix("Message-ID: ").map(|v| v.trim().to_string()))
                .unwrap_or_else(|| panic!("no Message-ID in a dumped message:\n{text}"))
        })
        .collect()
}

/// The size of a dumped message as it was sent: without smtp-sink's own header lines (up to its
/// 3-line Received:) and its trailing empty line, each line ending in CRLF again.
fn wire_size(dump: &[u8]) -> usize {
    let lines: Vec<&[u8]> = dump.split(|&b| b == b'\n').collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(b"Received:"))
        .expect("smtp-sink's Received: header")
        + 3;
    let mut msg = &lines[start..];
    while let [rest @ .., last] = msg
        && last.is_empty()
    {
        msg = rest;
    }
    msg.iter().map(|l| l.len() + 2).sum()
}

fn assert_all_distinct(ids: &[String]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "Message-IDs repeat: {ids:?}");
}

/// Files in a Maildir whose first 16 KiB contain `needle`, once there are `want` (bounded wait).
fn wait_for_count(dir: &Path, needle: &str, want: usize) -> Vec<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut found = Vec::new();
        for f in maildir_files(dir) {
            let mut head = vec![0u8; 16 * 1024];
            let Ok(k) = std::fs::File::open(&f).and_then(|mut h| h.read(&mut head)) else {
                continue;
            };
            if head[..k]
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
            {
                found.push(std::fs::read(&f).unwrap_or_default());
            }
        }
        if found.len() >= want || Instant::now() > deadline {
            assert_eq!(
                found.len(),
                want,
                "messages containing {needle:?} in {}",
                dir.display()
            );
            return found;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How many lines mailctl sent that start with `prefix`.
fn client_lines(r: &Run, prefix: &str) -> usize {
    r.dialogue()
        .iter()
        .filter(|l| l.strip_prefix("C: ").is_some_and(|l| l.starts_with(prefix)))
        .count()
}

fn events<'a>(all: &'a [Value], ty: &str) -> Vec<&'a Value> {
    all.iter().filter(|e| e["type"] == ty).collect()
}

// ---------------------------------------------------------------- the rig's Postfix

#[test]
fn submission_starttls_auth_20_messages_over_4_sessions() {
    let rig = rig();
    let tok = token("load-sub");
    let r = run(load()
        .env("RIG_TEST_PW", "alice-secret-pw")
        .args(["-s", &rig.addr("RIG_SUBMISSION_PORT"), "--starttls"])
        .args(["--ca-file", rig.ca(), "--sni", "mail.rig.test"])
        .args(["--user", "alice@rig.test", "--password-env", "RIG_TEST_PW"])
        .args(["--from", "alice@rig.test", "--to", "bob@rig.test"])
        .args(["--subject", &tok, "--size", "2k"])
        .args(["--count", "20", "--concurrency", "4"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stdout.contains("alice-secret-pw") && !r.stderr.contains("alice-secret-pw"));
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    let l = load_of(&s);
    assert_eq!(l["messages"]["accepted"], 20, "{s}");
    assert_eq!(l["messages"]["attempted"], 20, "{s}");
    assert_eq!(
        l["sessions"]["opened"], 20,
        "a new session per message: {s}"
    );
    assert_eq!(l["message_bytes"], 2048, "{s}");
    for phase in [
        "connect", "tls", "banner", "starttls", "auth", "mail", "data", "quit", "total",
    ] {
        assert_eq!(l["latency_ms"][phase]["n"], 20, "{phase}: {s}");
        let p = &l["latency_ms"][phase];
        assert!(
            p["p50"].as_f64().unwrap() <= p["p90"].as_f64().unwrap()
                && p["p90"].as_f64().unwrap() <= p["p99"].as_f64().unwrap()
                && p["p99"].as_f64().unwrap() <= p["max"].as_f64().unwrap(),
            "{phase}: {p}"
        );
    }
    assert_eq!(l["errors"]["total"], 0, "{s}");
    assert!(l["messages_per_s"].as_f64().unwrap() > 0.0, "{s}");
    // Only the first session's dialogue is shown.
    let all = r.json();
    assert_eq!(events(&all, "connected").len(), 1, "{}", r.stdout);
    assert_eq!(events(&all, "tls").len(), 1, "{}", r.stdout);
    assert!(
        events(&all, "sent").iter().any(|e| e["line"]
            .as_str()
            .unwrap_or("")
            .starts_with("AUTH SCRAM-SHA-256 ")),
        "{}",
        r.stdout
    );
    // Postfix queued and Dovecot delivered every one, each with its own Message-ID.
    let got = wait_for_count(&rig.maildir("bob"), &tok, 20);
    assert_all_distinct(&message_ids(&got));
}

#[test]
fn bdat_sends_each_message_as_one_chunk_with_its_own_message_id() {
    let rig = rig();
    let tok = token("load-bdat");
    let r = run(load()
        .args(["-s", &rig.addr("RIG_SMTP_PORT"), "--bdat"])
        .args(["--from", "sender@rig.test", "--to", "bob@rig.test"])
        .args(["--subject", &tok, "--size", "3000"])
        .args(["--count", "6", "--concurrency", "2", "--transcript", "all"]));
    assert_eq!(r.code, 0, "{r:?}");
    // The per-message head (up to the Message-ID line) and the shared tail go as one
    // `BDAT <size> LAST`: no extra chunk, no extra round trip. 3000 bytes, already CRLF.
    let bdat: Vec<String> = r
        .dialogue()
        .into_iter()
        .filter(|l| l.starts_with("C: BDAT"))
        .collect();
    assert_eq!(
        bdat,
        vec!["C: BDAT 3000 LAST".to_string(); 6],
        "{}",
        r.stdout
    );
    let got = wait_for_count(&rig.maildir("bob"), &tok, 6);
    assert_all_distinct(&message_ids(&got));
}

#[test]
fn per_session_sends_several_messages_per_connection() {
    let rig = rig();
    let tok = token("load-per");
    let r = run(load()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args(["--from", "sender@rig.test", "--to", "bob@rig.test"])
        .args(["--subject", &tok])
        .args(["--count", "7", "--concurrency", "2", "--per-session", "3"])
        .args(["--transcript", "all"]));
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let l = load_of(&s);
    assert_eq!(l["messages"]["accepted"], 7, "{s}");
    // 7 messages, at most 3 per session: at least 3 sessions, fewer than 7.
    let sessions = n(&l["sessions"]["opened"]);
    assert!((3..7).contains(&sessions), "{s}");
    assert_eq!(l["latency_ms"]["connect"]["n"], sessions, "{s}");
    assert_eq!(l["latency_ms"]["mail"]["n"], 7, "{s}");
    let all = r.json();
    // --transcript all: every session and every transaction is shown.
    assert_eq!(
        events(&all, "connected").len() as u64,
        sessions,
        "{}",
        r.stdout
    );
    let mails = client_lines(&r, "MAIL FROM:");
    assert_eq!(mails, 7, "{}", r.stdout);
    let quits = client_lines(&r, "QUIT");
    assert_eq!(quits as u64, sessions, "{}", r.stdout);
    let got = wait_for_count(&rig.maildir("bob"), &tok, 7);
    assert_all_distinct(&message_ids(&got));
}

#[test]
fn refused_recipient_counts_the_code_and_phase_and_resets_the_session() {
    let rig = rig();
    let r = run(load()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args(["--from", "sender@rig.test", "--to", "nobody-here@rig.test"])
        .args(["--count", "4", "--per-session", "2", "--transcript", "all"]));
    // No message accepted: the exit code is the single-send one for a refused RCPT.
    let s = r.failed_at(25, "rcpt");
    assert_eq!(s["exit_name"], "rejected-rcpt", "{s}");
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("550"),
        "{s}"
    );
    let l = load_of(&s);
    assert_eq!(l["messages"]["failed"], 4, "{s}");
    assert_eq!(l["messages"]["accepted"], 0, "{s}");
    assert_eq!(l["errors"]["by_code"], serde_json::json!({"550": 4}), "{s}");
    assert_eq!(
        l["errors"]["by_phase"],
        serde_json::json!({"rcpt": 4}),
        "{s}"
    );
    assert_eq!(
        l["errors"]["by_kind"],
        serde_json::json!({"rejected": 4}),
        "{s}"
    );
    let g = &l["errors"]["groups"][0];
    assert_eq!(
        (g["phase"].as_str(), g["code"].as_u64()),
        (Some("rcpt"), Some(550)),
        "{s}"
    );
    assert!(
        g["reply"]
            .as_str()
            .unwrap()
            .contains("nobody-here@rig.test"),
        "{s}"
    );
    // The refused transaction is reset before the session's next one.
    assert_eq!(l["sessions"]["opened"], 2, "{s}");
    let d = r.dialogue();
    assert_eq!(d.iter().filter(|l| *l == "C: RSET").count(), 2, "{d:#?}");
    assert!(
        events(&r.json(), "data_summary").is_empty(),
        "no message may be sent"
    );
}

#[test]
fn partly_refused_recipients_are_partial_10() {
    let rig = rig();
    let tok = token("load-partial");
    let r = run(load()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args([
            "--from",
            "sender@rig.test",
            "--to",
            "bob@rig.test,nobody-here@rig.test",
        ])
        .args(["--subject", &tok, "--count", "3", "--concurrency", "3"]));
    assert_eq!(r.code, 10, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "partial", "{s}");
    let l = load_of(&s);
    assert_eq!(l["messages"]["partial"], 3, "{s}");
    // Each message reached bob: the sentence must not read as if none was delivered.
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("0 of 3 messages accepted (3 more for only some recipients); 3 × at rcpt"),
        "{msg}"
    );
    assert_eq!(l["errors"]["by_code"], serde_json::json!({"550": 3}), "{s}");
    assert_eq!(
        l["errors"]["by_kind"],
        serde_json::json!({"partial": 3}),
        "{s}"
    );
    wait_for_count(&rig.maildir("bob"), &tok, 3);
}

// ---------------------------------------------------------------- Postfix smtp-sink

#[test]
fn sink_receives_exactly_what_the_summary_counts() {
    let sink = Sink::start(&[]);
    let r = run(load()
        .args(["-s", &sink.addr(), "--from", "load@example.org"])
        .args(["--to", "sink@example.org", "--size", "3000"])
        .args(["--count", "60", "--concurrency", "6"]));
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let l = load_of(&s);
    assert_eq!(l["messages"]["accepted"], 60, "{s}");
    assert_eq!(l["sessions"]["opened"], 60, "{s}");
    assert_eq!(l["latency_ms"]["tls"]["n"], 0, "{s}");
    let got = sink.dumps(60);
    assert_eq!(got.len(), 60, "messages smtp-sink took");
    assert_all_distinct(&message_ids(&got));
    for m in &got {
        let text = String::from_utf8_lossy(m);
        assert!(text.contains("X-Rcpt-Args: <sink@example.org>"), "{text}");
        assert!(text.contains("X-Mail-Args: <load@example.org>"), "{text}");
        assert_eq!(wire_size(m), 3000, "{text}");
    }
}

#[test]
fn sink_per_session_and_transcript_of_the_first_session_only() {
    let sink = Sink::start(&[]);
    let r = run(load()
        .args(["-s", &sink.addr(), "--from", "load@example.org"])
        .args(["--to", "sink@example.org"])
        .args(["--count", "25", "--concurrency", "3", "--per-session", "10"]));
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let l = load_of(&s);
    assert_eq!(l["messages"]["accepted"], 25, "{s}");
    assert!(n(&l["sessions"]["opened"]) >= 3, "{s}");
    assert_eq!(sink.dumps(25).len(), 25);
    // The first session's first transaction is shown, then a note; no other session.
    let all = r.json();
    assert_eq!(events(&all, "connected").len(), 1, "{}", r.stdout);
    let mails = client_lines(&r, "MAIL FROM:");
    assert_eq!(mails, 1, "{}", r.stdout);
    assert!(
        events(&all, "info")
            .iter()
            .any(|e| e["msg"].as_str().unwrap().contains("--transcript all")),
        "{}",
        r.stdout
    );
}

#[test]
fn sink_refusing_rcpt_is_counted_by_code_and_phase() {
    // -f RCPT: smtp-sink answers every RCPT with its hard error (500 5.3.0).
    let sink = Sink::start(&["-f", "RCPT"]);
    let r = run(load()
        .args(["-s", &sink.addr(), "--to", "sink@example.org"])
        .args(["--count", "12", "--concurrency", "4"]));
    let s = r.failed_at(25, "rcpt");
    let l = load_of(&s);
    assert_eq!(l["messages"]["failed"], 12, "{s}");
    assert_eq!(
        l["errors"]["by_code"],
        serde_json::json!({"500": 12}),
        "{s}"
    );
    assert_eq!(
        l["errors"]["by_phase"],
        serde_json::json!({"rcpt": 12}),
        "{s}"
    );
    assert_eq!(sink.dumps(0).len(), 0, "no message was transferred");
}

#[test]
fn sink_that_stops_midway_is_partial_and_the_unconfirmed_message_is_not_counted() {
    // -M 3: smtp-sink exits as soon as it has received the third message, before replying.
    let mut sink = Sink::start(&["-M", "3"]);
    let r = run(mailctl()
        .args(["--json", "smtp", "send", "--timeout", "5s"])
        .args([
            "-s",
            &sink.addr(),
            "--to",
            "sink@example.org",
            "--count",
            "6",
        ]));
    assert_eq!(r.code, 10, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "partial", "{s}");
    let l = load_of(&s);
    // Two confirmed; the third was received but never confirmed, so it is a failure at data,
    // and the last three find no server (refused, or reset while waiting for the greeting when
    // the connection was queued just before smtp-sink exited).
    assert_eq!(l["messages"]["accepted"], 2, "{s}");
    assert_eq!(l["messages"]["failed"], 4, "{s}");
    let by_phase = &l["errors"]["by_phase"];
    assert_eq!(by_phase["data"], 1, "{s}");
    let gone = by_phase["connect"].as_u64().unwrap_or(0) + by_phase["banner"].as_u64().unwrap_or(0);
    assert_eq!(gone, 3, "{s}");
    assert!(
        sink.exited(),
        "smtp-sink should have exited after 3 messages"
    );
    assert_eq!(sink.dumps(3).len(), 3);
}

#[test]
fn rate_limit_spaces_the_starts() {
    let sink = Sink::start(&[]);
    let t = Instant::now();
    let r = run(load()
        .args(["-s", &sink.addr(), "--to", "sink@example.org"])
        .args(["--count", "10", "--concurrency", "5", "--rate", "20/s"]));
    let wall = t.elapsed();
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let l = load_of(&s);
    assert_eq!(l["rate"], 20.0, "{s}");
    assert_eq!(l["messages"]["accepted"], 10, "{s}");
    // 10 starts at most 20 per second: the last one at least 9 × 50 ms after the first.
    assert!(l["elapsed_ms"].as_f64().unwrap() >= 400.0, "{s}");
    assert!(wall >= Duration::from_millis(400), "{wall:?}");
    assert_eq!(sink.dumps(10).len(), 10);
}

#[test]
fn nothing_listening_is_connect_4_for_every_message() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = run(load()
        .args(["-s", &format!("127.0.0.1:{port}"), "--to", "a@example.org"])
        .args(["--count", "5", "--concurrency", "2"]));
    let s = r.failed_at(4, "connect");
    let l = load_of(&s);
    assert_eq!(l["messages"]["failed"], 5, "{s}");
    assert_eq!(
        l["errors"]["by_kind"],
        serde_json::json!({"connect": 5}),
        "{s}"
    );
    assert_eq!(l["errors"]["by_code"], serde_json::json!({}), "{s}");
    assert_eq!(l["sessions"]["failed"], 5, "{s}");
}

#[test]
fn human_summary_has_the_latency_table_and_no_progress_bar_off_a_terminal() {
    let sink = Sink::start(&[]);
    let r = run(mailctl()
        .args([
            "smtp",
            "send",
            "-s",
            &sink.addr(),
            "--to",
            "sink@example.org",
        ])
        .args(["--count", "8", "--concurrency", "2"]));
    assert_eq!(r.code, 0, "{r:?}");
    // stderr carries the first session's transcript and the verdict (stdout is for the
    // results); as it is not a terminal, no bar is drawn (no ETA, no carriage return).
    assert!(
        !r.stderr.contains("ETA") && !r.stderr.contains('\r'),
        "stderr is not a terminal: no bar: {:?}",
        r.stderr
    );
    assert!(r.stderr.contains("C: MAIL FROM:"), "{:?}", r.stderr);
    assert!(!r.stdout.contains("C: "), "{}", r.stdout);
    let table = r
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("phase"))
        .collect::<Vec<_>>();
    assert!(
        table[0].contains("p50 ms") && table[0].contains("p99 ms"),
        "{}",
        r.stdout
    );
    assert!(
        table.iter().any(|l| l.starts_with("total ")),
        "{}",
        r.stdout
    );
    let verdict = r.stderr.lines().last().unwrap();
    assert!(
        verdict.starts_with("OK smtp send") && verdict.contains("8 of 8 messages accepted"),
        "{verdict}"
    );
}

#[test]
fn load_flags_are_checked() {
    let r = run(smtp_send_nowhere().args(["--per-session", "2"]));
    assert_eq!(r.code, 2, "--per-session needs --count: {r:?}");
    let r = run(smtp_send_nowhere().args(["--count", "2", "--quit-after", "ehlo"]));
    assert_eq!(r.code, 2, "{r:?}");
    let r = run(smtp_send_nowhere().args(["--count", "2", "--size", "100", "--json"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.summary()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--size 100"),
        "{r:?}"
    );
}

// ---------------------------------------------------------------- Ctrl-C

/// Start `cmd`, wait until `ready()` (bounded), then send SIGINT `times` times, `gap` apart, and
/// collect the run. Returns the run and how long it took to end after the last SIGINT.
fn interrupt(
    cmd: &mut Command,
    mut ready: impl FnMut() -> bool,
    times: u32,
    gap: Duration,
) -> (Run, Duration) {
    let running = Running::start(cmd);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "never ready: {cmd:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The handler is installed when the sessions start; leave it a moment past `ready`.
    std::thread::sleep(Duration::from_millis(200));
    let mut last = Instant::now();
    for i in 0..times {
        if i > 0 {
            std::thread::sleep(gap);
        }
        running.signal("INT");
        last = Instant::now();
    }
    let run = running.finish(Duration::from_secs(30));
    (run, last.elapsed())
}

#[test]
fn ctrl_c_finishes_the_messages_in_flight_and_counts_exactly_what_the_sink_took() {
    let sink = Sink::start(&[]);
    let count = 10_000u64;
    let (r, _) = interrupt(
        load()
            .args(["-s", &sink.addr(), "--to", "sink@example.org"])
            .args(["--count", &count.to_string(), "--concurrency", "3"])
            .args(["--rate", "50/s"]),
        || std::fs::read_dir(&sink.dir).unwrap().count() >= 5,
        1,
        Duration::ZERO,
    );
    assert_eq!(r.code, 130, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "interrupted", "{s}");
    assert_eq!(s["exit_name"], "interrupted", "{s}");
    assert_eq!(s["error"]["kind"], "interrupted", "{s}");
    let l = load_of(&s);
    assert_eq!(l["interrupted"], true, "{s}");
    let m = &l["messages"];
    let accepted = n(&m["accepted"]);
    // The messages in flight were finished, not dropped: every one the sink took is counted.
    assert_eq!(m["aborted"], 0, "{s}");
    assert_eq!(m["failed"], 0, "{s}");
    assert!(accepted >= 5, "{s}");
    assert_eq!(n(&m["attempted"]), accepted, "{s}");
    assert_eq!(n(&m["not_attempted"]), count - accepted, "{s}");
    assert_eq!(sink.dumps(accepted as usize).len() as u64, accepted);
    // The sessions ended with QUIT, and the user was told what happens next.
    let all = r.json();
    assert!(
        events(&all, "warning")
            .iter()
            .any(|e| e["msg"].as_str().unwrap().contains("Ctrl-C again")),
        "{}",
        r.stdout
    );
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("{accepted} of {count} messages accepted")),
        "{msg}"
    );
}

#[test]
fn second_ctrl_c_drops_the_messages_in_flight_without_waiting_for_timeout() {
    // A server that accepts connections and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = accepted.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming().flatten() {
            held.push(c);
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let (r, took) = interrupt(
        load().args(["-s", &addr, "--to", "a@example.org"]).args([
            "--count",
            "10",
            "--concurrency",
            "3",
        ]),
        || accepted.load(std::sync::atomic::Ordering::SeqCst) >= 3,
        2,
        Duration::from_millis(300),
    );
    assert_eq!(r.code, 130, "{r:?}");
    // --timeout is 20 s: the second Ctrl-C must not wait for it.
    assert!(took < Duration::from_secs(5), "{took:?}");
    let s = r.summary();
    let m = &load_of(&s)["messages"];
    assert_eq!(m["attempted"], 0, "{s}");
    assert_eq!(m["aborted"], 3, "{s}");
    assert_eq!(m["not_attempted"], 7, "{s}");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("3 dropped in flight"), "{msg}");
    assert!(msg.contains("7 not attempted"), "{msg}");
}
