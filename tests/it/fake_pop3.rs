//! POP3 against scripted fake servers: what Dovecot won't do (rejections at every phase, broken
//! status lines, bodies that stall or break off, dot-stuffing edge cases, STLS injection, hostile
//! line lengths, a QUIT that does not commit), checked on the exit code, the failing phase, the
//! files left behind, and the lines mailctl put on the wire.

use crate::fake::{FakeServer, Step, Step::*, Transcript, expect, line, send};
use crate::rig_pop3::{RawRun, run_raw};
use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USER: &str = "u@fake.test";
const PW: &str = "fake-secret-pw-31415";

// ---------------------------------------------------------------- script pieces

fn greeting() -> Vec<Step> {
    vec![line("+OK fake POP3 ready")]
}

/// CAPA answered with these capabilities.
fn capa(caps: &[&str]) -> Vec<Step> {
    let mut reply = b"+OK capability list follows\r\n".to_vec();
    for c in caps {
        reply.extend_from_slice(c.as_bytes());
        reply.extend_from_slice(b"\r\n");
    }
    reply.extend_from_slice(b".\r\n");
    vec![expect("CAPA"), Send(reply)]
}

fn std_capa() -> Vec<Step> {
    capa(&["TOP", "UIDL", "USER", "PIPELINING"])
}

fn login() -> Vec<Step> {
    vec![
        expect(&format!("USER {USER}")),
        line("+OK"),
        expect(&format!("PASS {PW}")),
        line("+OK logged in"),
    ]
}

/// Greeting, CAPA, USER/PASS.
fn open() -> Vec<Step> {
    [greeting(), std_capa(), login()].concat()
}

/// `LIST n` answered with `size` (mailctl asks it before RETR and TOP: it bounds the body).
fn list_one(n: u64, size: usize) -> Vec<Step> {
    vec![
        expect(&format!("LIST {n}")),
        line(&format!("+OK {n} {size}")),
    ]
}

fn quit() -> Vec<Step> {
    vec![expect("QUIT"), line("+OK bye"), ReadToEnd]
}

fn script(parts: Vec<Vec<Step>>) -> Vec<Step> {
    parts.concat()
}

// ---------------------------------------------------------------- running mailctl

fn cmd(fake: &FakeServer, sub: &str, extra: &[&str]) -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "pop3", sub, "-s", &fake.server_arg(), "-u", USER])
        .env("MAILCTL_PASSWORD", PW);
    if !extra.contains(&"--timeout") {
        c.args(["--timeout", "5s"]);
    }
    c.args(extra);
    c
}

/// A command whose transcript goes to stdout (everything except retr/top to stdout).
fn pop3(fake: &FakeServer, sub: &str, extra: &[&str]) -> Run {
    run(&mut cmd(fake, sub, extra))
}

/// retr/top to stdout: data on stdout, JSON on stderr.
fn pop3_raw(fake: &FakeServer, sub: &str, extra: &[&str]) -> RawRun {
    run_raw(&mut cmd(fake, sub, extra))
}

fn check_summary(s: &Value, code: i32, phase: &str) {
    assert_eq!(s["exit_code"], code, "{s}");
    assert_eq!(s["outcome"], "fail", "{s}");
    assert_eq!(s["error"]["phase"], phase, "{s}");
}

#[track_caller]
fn assert_failed(r: &Run, code: i32, phase: &str) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    let s = r.summary();
    assert_eq!(
        r.code, code,
        "exit code; summary: {s}\nstdout:\n{}",
        r.stdout
    );
    check_summary(&s, code, phase);
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
    s
}

#[track_caller]
fn assert_raw_failed(r: &RawRun, code: i32, phase: &str) -> Value {
    assert!(
        !r.stderr.contains("panicked"),
        "mailctl panicked: {}",
        r.stderr
    );
    let s = r.summary();
    assert_eq!(
        r.code, code,
        "exit code; summary: {s}\nstderr:\n{}",
        r.stderr
    );
    check_summary(&s, code, phase);
    assert_no_secret(&r.stdout, &r.stderr);
    s
}

#[track_caller]
fn assert_no_secret(stdout: &[u8], stderr: &str) {
    assert!(
        !stdout.windows(PW.len()).any(|w| w == PW.as_bytes()),
        "password on stdout"
    );
    assert!(!stderr.contains(PW), "password on stderr");
}

#[track_caller]
fn assert_error_mentions(s: &Value, text: &str) {
    let e = &s["error"];
    let shown = format!("{} {}", e["message"], e["reply"]);
    assert!(shown.contains(text), "{text:?} not in the error: {e}");
}

fn never_sent(t: &Transcript, verb: &str) {
    assert!(
        !t.saw(verb),
        "{verb} was sent: client lines {:?}",
        t.text_lines()
    );
}

fn out_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mailctl-{}", token(tag)))
}

#[track_caller]
fn assert_no_files(out: &Path) {
    assert!(!out.exists(), "{} exists", out.display());
    assert!(
        temp_leftovers(out).is_empty(),
        "{:?} left over",
        temp_leftovers(out)
    );
}

// ---------------------------------------------------------------- rejections

#[test]
fn err_greeting_is_rejected_banner_20() {
    let fake = FakeServer::start(script(vec![
        vec![line("-ERR [SYS/TEMP] too busy, go away")],
        quit(),
    ]));
    let r = pop3(&fake, "stat", &[]);
    let t = fake.finish();
    let s = assert_failed(&r, 20, "banner");
    assert_error_mentions(&s, "too busy, go away");
    never_sent(&t, "USER");
    never_sent(&t, "PASS");
    never_sent(&t, "CAPA");
}

#[test]
fn err_to_user_is_rejected_auth_23_and_no_password_sent() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        std_capa(),
        vec![expect("USER"), line("-ERR [AUTH] no such user here")],
        quit(),
    ]));
    let r = pop3(&fake, "noop", &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 23, "auth");
    assert_error_mentions(&s, "no such user here");
    never_sent(&t, "PASS");
    assert!(!String::from_utf8_lossy(&t.raw).contains(PW));
    never_sent(&t, "RSET");
}

#[test]
fn err_to_pass_is_rejected_auth_23_with_the_server_text() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        std_capa(),
        vec![
            expect(&format!("USER {USER}")),
            line("+OK"),
            expect("PASS "),
            line("-ERR [AUTH] invalid password"),
        ],
        quit(),
    ]));
    let r = pop3(&fake, "noop", &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 23, "auth");
    assert_error_mentions(&s, "-ERR [AUTH] invalid password");
    assert!(r.dialogue().contains(&"C: PASS ***".to_string()));
    never_sent(&t, "NOOP");
}

#[test]
fn err_to_retr_is_rejected_command_29_and_leaves_no_file() {
    let out = out_path("retr-err.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(7, 100),
        vec![
            expect("RETR 7"),
            line("-ERR no such message"),
            expect("RSET"),
            line("+OK"),
        ],
        quit(),
    ]));
    let r = run(cmd(&fake, "retr", &["7"]).arg("-o").arg(&out));
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 29, "command");
    assert_error_mentions(&s, "no such message");
    assert_no_files(&out);
    never_sent(&t, "DELE");
}

#[test]
fn garbage_status_lines_are_protocol_errors_7() {
    // A response that is neither +OK nor -ERR.
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("STAT"), line("OK 3 1200"), ReadToEnd],
    ]));
    let r = pop3(&fake, "stat", &[]);
    let t = fake.finish();
    let s = assert_failed(&r, 7, "command");
    assert_eq!(s["error"]["kind"], "protocol", "{s}");
    assert_error_mentions(&s, "OK 3 1200");
    assert!(s["messages"].is_null(), "{s}");
    assert!(t.saw("STAT"));

    // "+OKAY" is not "+OK".
    let fake = FakeServer::start(vec![line("+OKAY hello"), ReadToEnd]);
    let r = pop3(&fake, "stat", &[]);
    fake.finish();
    assert_failed(&r, 7, "banner");

    // An IMAP greeting on a POP3 port.
    let fake = FakeServer::start(vec![line("* OK IMAP4rev1 ready"), ReadToEnd]);
    let r = pop3(&fake, "stat", &[]);
    let t = fake.finish();
    assert_failed(&r, 7, "banner");
    never_sent(&t, "USER");

    // STAT +OK with garbage instead of numbers.
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("STAT"), line("+OK lots bytes"), ReadToEnd],
    ]));
    let r = pop3(&fake, "stat", &[]);
    fake.finish();
    assert_failed(&r, 7, "command");
}

#[test]
fn multi_line_list_with_an_invalid_line_is_protocol_7() {
    let fake = FakeServer::start(script(vec![
        open(),
        vec![
            expect("LIST"),
            send("+OK 3 messages\r\n1 120\r\nnot-a-number 99\r\n3 40\r\n.\r\n"),
            ReadToEnd,
        ],
    ]));
    let r = pop3(&fake, "list", &[]);
    fake.finish();
    let s = assert_failed(&r, 7, "command");
    assert_error_mentions(&s, "not-a-number");

    // A LIST line with a number but no size.
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("LIST"), send("+OK\r\n1\r\n.\r\n"), ReadToEnd],
    ]));
    let r = pop3(&fake, "list", &[]);
    fake.finish();
    assert_failed(&r, 7, "command");
}

#[test]
fn one_megabyte_response_line_is_protocol_7_without_panic() {
    // In the greeting.
    let mut huge = b"+OK ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 1 << 20));
    huge.extend_from_slice(b"\r\n");
    let fake = FakeServer::start(vec![Send(huge.clone()), ReadToEnd]);
    let started = Instant::now();
    let r = pop3(&fake, "stat", &[]);
    let _ = fake.finish(); // the write may fail when mailctl hangs up: fine
    let s = assert_failed(&r, 7, "banner");
    assert_eq!(s["error"]["kind"], "protocol", "{s}");
    assert!(started.elapsed() < Duration::from_secs(5));

    // Inside a multi-line UIDL answer.
    let mut body = b"+OK\r\n1 ".to_vec();
    body.extend(std::iter::repeat_n(b'x', 1 << 20));
    body.extend_from_slice(b"\r\n.\r\n");
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("UIDL"), Send(body), ReadToEnd],
    ]));
    let r = pop3(&fake, "uidl", &[]);
    let _ = fake.finish();
    let s = assert_failed(&r, 7, "command");
    assert_eq!(s["error"]["kind"], "protocol", "{s}");
}

// ---------------------------------------------------------------- message bodies

#[test]
fn dot_unstuffing_and_the_exact_terminator() {
    // On the wire (dot-stuffed), split at awkward places: between the two dots of "..x", and
    // inside the terminator.
    let wire: &[u8] =
        b"Subject: dots\r\n\r\n..x\r\n...\r\n..\r\nmid.dle.\r\n\r\n..\r\nend\r\n.\r\n";
    let want: &[u8] = b"Subject: dots\r\n\r\n.x\r\n..\r\n.\r\nmid.dle.\r\n\r\n.\r\nend\r\n";
    let cut1 = 18; // after the first '.' of "..x"
    let cut2 = wire.len() - 2; // between "\r\n." and "\r\n"
    let steps = |extra: Vec<Step>| {
        script(vec![
            open(),
            list_one(1, want.len()),
            vec![
                expect("RETR 1"),
                line(&format!("+OK {} octets", want.len())),
                Send(wire[..cut1].to_vec()),
                Sleep(30),
                Send(wire[cut1..cut2].to_vec()),
                Sleep(30),
                Send(wire[cut2..].to_vec()),
            ],
            extra,
            quit(),
        ])
    };
    let fake = FakeServer::start(steps(vec![]));
    let r = pop3_raw(&fake, "retr", &["1"]);
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(want)
    );
    let s = r.summary();
    assert_eq!(s["octets"], want.len() as u64, "{s}");
    assert_eq!(
        s["lines"],
        want.iter().filter(|&&b| b == b'\n').count() as u64,
        "{s}"
    );
    never_sent(&t, "DELE");

    // Same to a file.
    let out = out_path("dots.eml");
    let fake = FakeServer::start(steps(vec![]));
    let r = run(cmd(&fake, "retr", &["1"]).arg("-o").arg(&out));
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(&out).unwrap(), want);
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    let _ = std::fs::remove_file(&out);

    // An empty message (terminator right after +OK), with TOP.
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(2, 0),
        vec![expect("TOP 2 0"), send("+OK\r\n.\r\n")],
        quit(),
    ]));
    let r = pop3_raw(&fake, "top", &["2", "0"]);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{:?}", r.stdout);
}

#[test]
fn retr_body_that_stalls_times_out_6_leaves_no_file_and_no_dele() {
    let out = out_path("stall.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, 5000),
        vec![
            expect("RETR 1"),
            line("+OK 5000 octets"),
            send("Subject: stalled\r\n\r\nfirst part of the body\r\nand then noth"),
            Stall,
        ],
    ]));
    let started = Instant::now();
    let r = run(cmd(&fake, "retr", &["1", "--delete", "--timeout", "1s"])
        .arg("-o")
        .arg(&out));
    let took = started.elapsed();
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 6, "command");
    assert_eq!(s["error"]["kind"], "timeout", "{s}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert_no_files(&out);
    // Stall recorded everything mailctl sent until it hung up: no DELE, and nothing committed.
    never_sent(&t, "DELE");
    assert!(s["deleted"].is_null(), "{s}");
}

/// A server that sends a body just fast enough for the per-16-KiB `--timeout` never times out;
/// `--max-time` ends it on time, naming the phase, with the transcript so far and no file.
#[test]
fn retr_body_dripped_forever_ends_at_max_time_19() {
    let out = out_path("forever.eml");
    let chunk = [b"x".repeat(1022), b"\r\n".to_vec()].concat().repeat(16);
    let mut steps = script(vec![
        open(),
        // LIST's size puts the retrieval bound (2 x size + 64 KiB) far beyond the 640 KiB
        // dripped here: only the total time can end this transfer.
        list_one(1, 1_000_000),
        vec![expect("RETR 1"), line("+OK 99999999 octets")],
    ]);
    for _ in 0..40 {
        steps.extend([Send(chunk.clone()), Sleep(250)]);
    }
    let fake = FakeServer::start(steps);
    let started = Instant::now();
    let r = run(cmd(
        &fake,
        "retr",
        &["1", "--delete", "--timeout", "1s", "--max-time", "2s"],
    )
    .arg("-o")
    .arg(&out));
    let took = started.elapsed();
    let t = fake.finish();
    let s = assert_failed(&r, 19, "command");
    assert_eq!(s["exit_name"], "max-time", "{s}");
    assert_eq!(s["error"]["kind"], "max_time", "{s}");
    assert_error_mentions(&s, "--max-time 2s");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_millis(3500),
        "took {took:?}"
    );
    assert!(
        r.stdout.contains("RETR 1"),
        "transcript so far: {}",
        r.stdout
    );
    assert_no_files(&out);
    never_sent(&t, "DELE");
}

#[test]
fn retr_connection_dropped_mid_body_is_closed_8_no_file_no_dele() {
    let out = out_path("dropped.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, 5000),
        vec![
            expect("RETR 1"),
            line("+OK 5000 octets"),
            send("Subject: dropped\r\n\r\nfirst part\r\n..dotted\r\nhalf a li"),
            Sleep(50),
            Close,
        ],
    ]));
    let r = run(cmd(&fake, "retr", &["1", "--delete"]).arg("-o").arg(&out));
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 8, "command");
    assert_eq!(s["error"]["kind"], "closed", "{s}");
    assert_error_mentions(&s, "middle of the body");
    assert_no_files(&out);
    never_sent(&t, "DELE");
    assert!(s["deleted"].is_null(), "{s}");

    // To stdout: whatever arrived may have been written, but the run fails the same way.
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, 5000),
        vec![
            expect("RETR 1"),
            line("+OK"),
            send("Subject: dropped\r\n\r\npart"),
            Close,
        ],
    ]));
    let r = pop3_raw(&fake, "retr", &["1"]);
    let t = fake.finish();
    assert_raw_failed(&r, 8, "command");
    never_sent(&t, "DELE");
}

/// A QUIT answered -ERR where nothing was marked for deletion loses nothing: exit 0, but the
/// deviation (RFC 1939 §6) gets a warning line instead of passing in silence.
#[test]
fn quit_refused_without_deletions_is_a_warning_not_silence() {
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("NOOP"), line("+OK")],
        vec![expect("QUIT"), line("-ERR not now"), ReadToEnd],
    ]));
    let r = pop3(&fake, "noop", &[]);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.warnings()
            .iter()
            .any(|w| w.contains("QUIT answered -ERR not now")),
        "{:#?}",
        r.json()
    );
}

/// `check roundtrip` over POP3: a refused UIDL before anything is sent used to drop the session
/// without QUIT; now QUIT follows (nothing was marked for deletion), and the target is CRITICAL.
#[test]
fn roundtrip_uidl_refused_still_quits() {
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("UIDL"), line("-ERR UIDL disabled here")],
        quit(),
    ]));
    let r = run(mailctl()
        .args([
            "--json",
            "check",
            "roundtrip",
            "--smtp-server",
            "127.0.0.1:1",
        ])
        .args([
            "--pop3-server",
            &fake.server_arg(),
            "--mailbox-security",
            "none",
        ])
        .args(["--user", USER, "--password-env", "RT_PW", "--timeout", "5s"])
        .env("RT_PW", PW));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 2, "{r:?}");
    assert!(t.saw("QUIT"), "{:?}", t.text_lines());
    never_sent(&t, "DELE");
}

// ---------------------------------------------------------------- STLS

#[test]
fn starttls_not_offered_is_capability_18_quits_and_nothing_sent_in_clear() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        capa(&["TOP", "UIDL", "USER"]),
        quit(),
    ]));
    let r = pop3(&fake, "noop", &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert!(t.saw("QUIT"), "{:?}", t.text_lines());
    assert!(
        r.dialogue().iter().any(|l| l == "S: +OK bye"),
        "{:?}",
        r.dialogue()
    );
    assert_error_mentions(&s, "STLS");
    never_sent(&t, "STLS");
    never_sent(&t, "USER");
    never_sent(&t, "PASS");
    never_sent(&t, "AUTH");
}

#[test]
fn stls_err_is_rejected_starttls_22() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        capa(&["STLS", "USER"]),
        vec![expect("STLS"), line("-ERR TLS unavailable")],
        quit(),
    ]));
    let r = pop3(&fake, "noop", &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 22, "starttls");
    assert_error_mentions(&s, "TLS unavailable");
    never_sent(&t, "USER");
}

#[test]
fn bytes_injected_after_stls_ok_are_discarded() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        capa(&["STLS", "USER"]),
        vec![
            expect("STLS"),
            send("+OK begin TLS\r\n+OK injected\r\n"),
            Sleep(200),
            Close,
        ],
    ]));
    let r = pop3(&fake, "noop", &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    // The fake does not speak TLS: the handshake fails afterwards.
    assert_failed(&r, 5, "tls");
    let all = r.json();
    let disc: Vec<&Value> = all.iter().filter(|e| e["type"] == "discarded").collect();
    assert_eq!(disc.len(), 1, "{}", r.stdout);
    assert_eq!(disc[0]["bytes"], "+OK injected\r\n".len());
    assert!(
        disc[0]["preview"]
            .as_str()
            .unwrap()
            .contains("+OK injected"),
        "{}",
        disc[0]
    );
    assert!(
        all.iter()
            .any(|e| e["type"] == "warning" && e["msg"].as_str().unwrap().contains("discarded")),
        "{}",
        r.stdout
    );
    let recv: Vec<&str> = all
        .iter()
        .filter(|e| e["type"] == "recv")
        .map(|e| e["line"].as_str().unwrap())
        .collect();
    assert!(recv.contains(&"+OK begin TLS"));
    assert!(
        !recv.iter().any(|l| l.contains("injected")),
        "injected line read as a response: {recv:?}"
    );
    never_sent(&t, "USER");
    never_sent(&t, "PASS");
}

// ---------------------------------------------------------------- QUIT / UPDATE state

#[test]
fn quit_err_after_dele_is_27_deletions_not_committed() {
    let fake = FakeServer::start(script(vec![
        open(),
        vec![
            expect("DELE 2"),
            line("+OK message 2 deleted"),
            expect("QUIT"),
            line("-ERR [SYS/TEMP] some deleted messages not removed"),
            ReadToEnd,
        ],
    ]));
    let r = pop3(&fake, "dele", &["2"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 27, "quit");
    assert_error_mentions(&s, "not committed");
    assert_error_mentions(&s, "some deleted messages not removed");
    assert!(s["deleted"].is_null(), "{s}");

    // The same for retr --delete: the file is kept (it was written before DELE).
    let out = out_path("quit-err.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, 20),
        vec![
            expect("RETR 1"),
            send("+OK\r\nSubject: k\r\n\r\nkeep\r\n.\r\n"),
            expect("DELE 1"),
            line("+OK"),
            expect("QUIT"),
            line("-ERR cannot commit"),
            ReadToEnd,
        ],
    ]));
    let r = run(cmd(&fake, "retr", &["1", "--delete"]).arg("-o").arg(&out));
    fake.finish().assert_ok();
    let s = assert_failed(&r, 27, "quit");
    assert_error_mentions(&s, "not committed");
    assert_eq!(std::fs::read(&out).unwrap(), b"Subject: k\r\n\r\nkeep\r\n");
    // What was retrieved is still reported after the failure; `deleted` is absent, not `[]`:
    // the deletion was never confirmed.
    assert_eq!(s["msg"], 1, "{s}");
    assert_eq!(s["octets"], 20, "{s}");
    assert_eq!(s["lines"], 3, "{s}");
    assert_eq!(s["output"], out.display().to_string(), "{s}");
    assert!(!s.as_object().unwrap().contains_key("deleted"), "{s}");
    let _ = std::fs::remove_file(&out);
}

#[test]
fn quit_lost_after_dele_is_27_deletions_not_confirmed() {
    // The exit-code table: 27 = "QUIT rejected or lost (... POP3: deletions were not committed)".
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("DELE 2"), line("+OK"), expect("QUIT"), Close],
    ]));
    let r = pop3(&fake, "dele", &["2"]);
    fake.finish().assert_ok();
    let s = assert_failed(&r, 27, "quit");
    assert_error_mentions(&s, "NOT confirmed");
    assert!(s["deleted"].is_null(), "{s}");
}

#[test]
fn dele_refused_midway_rolls_back_with_rset() {
    let fake = FakeServer::start(script(vec![
        open(),
        vec![
            expect("DELE 1"),
            line("+OK"),
            expect("DELE 9"),
            line("-ERR no such message"),
            expect("RSET"),
            line("+OK"),
        ],
        quit(),
    ]));
    let r = pop3(&fake, "dele", &["1", "9"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 29, "command");
    assert_error_mentions(&s, "no such message");
    let lines = t.text_lines();
    let rset = lines.iter().position(|l| l == "RSET").unwrap();
    let quit = lines.iter().position(|l| l == "QUIT").unwrap();
    assert!(rset < quit, "{lines:?}");
}

#[test]
fn explicit_sasl_plain_not_offered_in_clear_is_refused_before_sending() {
    // The server offers only CRAM-MD5 and no USER in plaintext (Dovecot's
    // disable_plaintext_auth): `--auth plain` / `--auth login` must not put the password on the
    // wire, exactly like USER/PASS is refused there.
    use base64::Engine;
    let creds =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{USER}\0{PW}").as_bytes());
    for mech in ["plain", "login"] {
        let fake = FakeServer::start(script(vec![
            greeting(),
            capa(&["TOP", "UIDL", "STLS", "SASL CRAM-MD5"]),
            vec![ReadToEnd],
        ]));
        let r = pop3(&fake, "noop", &["--auth", mech, "--timeout", "1s"]);
        let t = fake.finish();
        let raw = String::from_utf8_lossy(&t.raw).into_owned();
        assert!(
            !raw.contains(&creds) && !raw.contains(PW),
            "--auth {mech}: credentials sent in the clear: {raw:?}"
        );
        never_sent(&t, "AUTH");
        assert_failed(&r, 23, "auth");
    }
}

// ---------------------------------------------------------------- output safety and bounds

/// A listening socket that never answers: after a run, `accept` tells whether mailctl connected.
fn silent_listener() -> (std::net::TcpListener, String) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let addr = l.local_addr().unwrap().to_string();
    (l, addr)
}

#[track_caller]
fn assert_never_connected(l: &std::net::TcpListener) {
    match l.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("mailctl connected although the output was unusable: {other:?}"),
    }
}

#[test]
fn unusable_output_is_a_usage_error_before_connecting() {
    let existing = out_path("exists.eml");
    std::fs::write(&existing, b"precious").unwrap();
    let no_dir = out_path("no-such-dir").join("m.eml");
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        // A pipe cannot be synced: the message could be lost after DELE.
        (
            "--delete to a pipe",
            vec!["1".into(), "--delete".into()],
            "--delete",
        ),
        (
            "existing file",
            vec!["1".into(), "-o".into(), existing.display().to_string()],
            "--force",
        ),
        (
            "missing directory",
            vec!["1".into(), "-o".into(), no_dir.display().to_string()],
            "cannot create",
        ),
    ];
    for (what, args, says) in cases {
        let (l, addr) = silent_listener();
        let mut c = mailctl();
        c.args([
            "--json",
            "pop3",
            "retr",
            "-s",
            &addr,
            "-u",
            USER,
            "--timeout",
            "1s",
        ])
        .args(&args)
        .env("MAILCTL_PASSWORD", PW);
        let r = run_raw(&mut c);
        // The summary is on stdout, or on stderr when stdout was to carry the message.
        let s = crate::rig_pop3::jsonl(&format!(
            "{}{}",
            String::from_utf8_lossy(&r.stdout),
            r.stderr
        ))
        .into_iter()
        .rfind(|e| e["type"] == "summary")
        .expect("a summary");
        assert_eq!(r.code, 2, "{what}: {s}\n{}", r.stderr);
        assert_eq!(s["error"]["phase"], "setup", "{what}: {s}");
        assert!(
            s["error"]["message"].as_str().unwrap().contains(says),
            "{what}: {s}"
        );
        assert_never_connected(&l);
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");
    assert!(temp_leftovers(&existing).is_empty());
    let _ = std::fs::remove_file(&existing);
}

#[test]
fn retr_to_a_closed_stdout_is_broken_pipe_141_not_success() {
    let body = "Subject: big\r\n\r\n".to_string() + &"x".repeat(76).repeat(1000);
    let body = body.replace(&"x".repeat(76), &("x".repeat(76) + "\r\n"));
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, body.len()),
        vec![
            expect("RETR 1"),
            send(format!("+OK\r\n{body}.\r\n")),
            ReadToEnd,
        ],
    ]));
    let r = run_stdout_closed(&mut cmd(&fake, "retr", &["1"]));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 141, "{}", r.stderr);
    let s = crate::rig_pop3::jsonl(&r.stderr)
        .into_iter()
        .rfind(|e| e["type"] == "summary")
        .expect("summary on stderr");
    assert_eq!(s["error"]["phase"], "command", "{s}");
    assert_eq!(s["error"]["kind"], "broken_pipe", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("stdout was closed"),
        "{s}"
    );
    never_sent(&t, "DELE");
}

#[test]
fn list_and_uidl_n_without_the_message_number_are_tolerated_with_a_warning() {
    for (verb, reply, key, want) in [
        ("list", "+OK 4711", "size", serde_json::json!(4711)),
        (
            "uidl",
            "+OK 000001a2b3c4",
            "uid",
            serde_json::json!("000001a2b3c4"),
        ),
    ] {
        let fake = FakeServer::start(script(vec![
            open(),
            vec![expect(&format!("{} 3", verb.to_uppercase())), line(reply)],
            quit(),
        ]));
        let r = pop3(&fake, verb, &["3"]);
        fake.finish().assert_ok();
        assert_eq!(r.code, 0, "{verb}: {r:?}");
        let s = r.summary();
        assert_eq!(s["messages"][0]["msg"], 3, "{s}");
        assert_eq!(s["messages"][0][key], want, "{s}");
        assert!(
            r.warnings().iter().any(|w| w.contains("no message number")),
            "{verb}: no warning: {r:?}"
        );
    }
    // About another message: not a deviation to guess through.
    let fake = FakeServer::start(script(vec![
        open(),
        vec![expect("LIST 3"), line("+OK 4 100"), ReadToEnd],
    ]));
    let r = pop3(&fake, "list", &["3"]);
    fake.finish();
    assert_failed(&r, 7, "command");
}

#[test]
fn retr_size_different_from_list_is_a_warning_and_the_bytes_as_sent() {
    let body = b"Subject: s\r\n\r\ntwenty-ish bytes\r\n";
    let out = out_path("mismatch.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        // LF-counting server: one byte less per line than arrives.
        list_one(1, body.len() - 3),
        vec![
            expect("RETR 1"),
            Send([&b"+OK\r\n"[..], body, b".\r\n"].concat()),
        ],
        quit(),
    ]));
    let r = run(cmd(&fake, "retr", &["1"]).arg("-o").arg(&out));
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(&out).unwrap(), body);
    let want = format!(
        "LIST announced {} octets, RETR delivered {}",
        body.len() - 3,
        body.len()
    );
    assert!(r.warnings().iter().any(|w| w.contains(&want)), "{r:?}");
    let _ = std::fs::remove_file(&out);
}

/// Ctrl-C or kill (SIGTERM) in the middle of a RETR: exit 130, the partial file removed (a
/// `FILE.part` used to stay and block the retry with "File exists"), no DELE.
#[test]
fn interrupted_retr_leaves_no_file_and_deletes_nothing() {
    for sig in ["INT", "TERM"] {
        let out = out_path("interrupted.eml");
        let body = b"Subject: slow\r\n\r\n".repeat(200);
        let fake = FakeServer::start(script(vec![
            open(),
            list_one(1, body.len()),
            vec![expect("RETR 1"), line("+OK"), Drip(body, 20)],
        ]));
        let running =
            crate::util::Running::start(cmd(&fake, "retr", &["1", "--delete"]).arg("-o").arg(&out));
        let deadline = Instant::now() + Duration::from_secs(10);
        // Mid-body: RETR sent, the temporary file exists.
        while !fake.snapshot().saw("RETR 1") || temp_leftovers(&out).is_empty() {
            assert!(Instant::now() < deadline, "{sig}: RETR never started");
            std::thread::sleep(Duration::from_millis(20));
        }
        running.signal(sig);
        let r = running.finish(Duration::from_secs(10));
        let t = fake.finish();
        let s = r.summary();
        assert_eq!(r.code, 130, "{sig}: {r:?}");
        assert_eq!(s["error"]["kind"], "interrupted", "{sig}: {s}");
        assert_eq!(s["error"]["phase"], "command", "{sig}: {s}");
        assert_no_files(&out);
        never_sent(&t, "DELE");
    }
}

/// `retr --delete > FILE`: stdout is a regular file, which is fsync'd before DELE; allowed.
#[test]
fn retr_delete_to_stdout_redirected_to_a_file_writes_then_deletes() {
    let body = b"Subject: kept\r\n\r\nsafe on disk first\r\n";
    let out = out_path("delete-stdout.eml");
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, body.len()),
        vec![
            expect("RETR 1"),
            Send([&b"+OK\r\n"[..], body, b".\r\n"].concat()),
            expect("DELE 1"),
            line("+OK"),
        ],
        quit(),
    ]));
    let o = cmd(&fake, "retr", &["1", "--delete"])
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    fake.finish().assert_ok();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&out).unwrap(), body);
    let _ = std::fs::remove_file(&out);
}

/// A local error after login leaves the dialogue in step: the output name is taken by someone
/// else while the body arrives (after the check before connecting passed), so the final link(2)
/// refuses to replace it. The whole body was read, so RSET (the --delete mark is never made)
/// and QUIT follow, and the other file is untouched.
#[test]
fn output_taken_during_the_transfer_still_rsets_and_quits() {
    let out = out_path("taken.eml");
    let body = "Subject: taken\r\n\r\nbody\r\n";
    let fake = FakeServer::start(script(vec![
        open(),
        list_one(1, body.len()),
        vec![
            expect("RETR 1"),
            line("+OK"),
            send("Subject: taken\r\n"),
            // The test takes the output name during this pause.
            Sleep(1500),
            send("\r\nbody\r\n.\r\n"),
            expect("RSET"),
            line("+OK"),
        ],
        quit(),
    ]));
    let running = Running::start(cmd(&fake, "retr", &["1", "--delete"]).arg("-o").arg(&out));
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(&out, "someone else's").unwrap();
    let r = running.finish(Duration::from_secs(30));
    let t = fake.finish();
    // A local file conflict, known only at the end: usage (2), phase setup (local files).
    let s = assert_failed(&r, 2, "setup");
    assert!(r.stdout.contains("\"line\":\"QUIT\""), "{s}");
    never_sent(&t, "DELE");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "someone else's");
    let _ = std::fs::remove_file(&out);
}

// ---------------------------------------------------------------- RFC 6856 UTF8

/// Courier (courier-pop 1.0.16) lists `UTF8 USER` and, to a client that never sent UTF8, hands
/// out an 8-bit-header message as a generated multipart wrapper ("Cannot display Unicode
/// content") 730 bytes longer than what LIST announced. Found against Courier in interop
/// testing; these are its exact replies. mailctl must ask UTF8 first so the stored bytes arrive.
#[test]
fn utf8_offered_is_enabled_before_login_so_retr_gets_the_stored_bytes() {
    let stored: &[u8] =
        b"From: =?UTF-8?B?w6k=?= <b@x.test>\r\nSubject: two \xc3\xa9\r\n\r\nbody \xc3\xa9 8bit\r\n";
    let steps = |utf8_reply: &str, verb: &str, arg: &str| {
        script(vec![
            greeting(),
            capa(&[
                "SASL PLAIN LOGIN",
                "TOP",
                "USER",
                "UIDL",
                "UTF8 USER",
                "IMPLEMENTATION Courier Mail Server",
            ]),
            vec![expect("UTF8"), line(utf8_reply)],
            login(),
            list_one(2, stored.len()),
            vec![
                expect(&format!("{verb} 2{arg}")),
                line(&format!("+OK {} octets follow.", stored.len())),
                Send(stored.to_vec()),
                send(".\r\n"),
            ],
            quit(),
        ])
    };
    let fake = FakeServer::start(steps("+OK UTF8 enabled", "RETR", ""));
    let r = pop3_raw(&fake, "retr", &["2"]);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, stored);
    assert!(!r.stderr.contains("refused it"), "{}", r.stderr);

    // TOP too; a refusal is tolerated with a warning naming the consequence.
    let fake = FakeServer::start(steps("-ERR not now", "TOP", " 5"));
    let r = pop3_raw(&fake, "top", &["2", "5"]);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, stored);
    assert!(
        r.stderr.contains("refused it (-ERR not now)"),
        "{}",
        r.stderr
    );
}

/// Courier's couriertls, unable to read its certificate, answers the ClientHello with a TLS alert
/// and then its error in plaintext (its exact bytes below). mailctl said only "its bytes are no
/// TLS record: InvalidContentType", hiding the one line that says what is wrong. Found against
/// courier-pop 1.0.16 in interop testing; the same holds for IMAP STARTTLS and --tls.
#[test]
fn stls_answered_with_plaintext_error_shows_the_servers_bytes() {
    let courier: &[u8] = b"\x15\x03\x03\x00\x02\x01\x00-ERR STARTTLS failed: ip=[::ffff:127.0.0.1], couriertls: /etc/courier/pop3d.pem: Permission denied\n";
    let fake = FakeServer::start(script(vec![
        greeting(),
        capa(&["STLS", "USER"]),
        vec![
            expect("STLS"),
            line("+OK Begin SSL/TLS negotiation now."),
            Sleep(100),
            Send(courier.to_vec()),
            ReadToEnd,
        ],
    ]));
    let r = pop3(&fake, "noop", &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 5, "tls");
    assert_error_mentions(
        &s,
        r#"it sent \"\\x15\\x03\\x03\\x00\\x02\\x01\\x00-ERR STARTTLS failed: ip=[::ffff:127.0.0.1], couriertls: /etc/courier/pop3d.pem: Permission denied\\x0a\""#,
    );
    never_sent(&t, "USER");
}
