//! SMTP against scripted fake servers: what real servers won't do (rejections at every phase,
//! broken replies, stalls, injection, hostile input), checked on the exit code, the failing phase,
//! the transcript, and the bytes mailctl put on the wire.

use crate::fake::{FakeServer, Step, Step::*, Transcript, expect, line, send, smtp_reply};
use crate::util::*;
use serde_json::Value;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- script pieces

fn banner() -> Vec<Step> {
    vec![line("220 fake.test ESMTP fake")]
}

/// An EHLO reply advertising `caps` (greeting line first).
fn ehlo_reply(caps: &[&str]) -> Vec<u8> {
    smtp_reply(250, &[&["fake.test hello"], caps].concat())
}

fn ehlo(caps: &[&str]) -> Vec<Step> {
    vec![expect("EHLO client.test"), Send(ehlo_reply(caps))]
}

fn quit() -> Vec<Step> {
    vec![expect("QUIT"), line("221 2.0.0 bye")]
}

/// MAIL, one RCPT, DATA, body, final reply: one command at a time.
fn transaction(final_reply: &str) -> Vec<Step> {
    vec![
        expect("MAIL FROM:<sender@client.test>"),
        line("250 2.1.0 ok"),
        expect("RCPT TO:<rcpt@fake.test>"),
        line("250 2.1.5 ok"),
        expect("DATA"),
        line("354 go ahead"),
        ReadUntilDot,
        line(final_reply),
    ]
}

fn script(parts: Vec<Vec<Step>>) -> Vec<Step> {
    parts.concat()
}

// ---------------------------------------------------------------- running mailctl

/// `mailctl --json smtp send` against the fake, with a fixed envelope and HELO name.
fn smtp(fake: &FakeServer, extra: &[&str]) -> Run {
    smtp_mode(fake, true, extra)
}

fn smtp_mode(fake: &FakeServer, json: bool, extra: &[&str]) -> Run {
    let mut cmd = mailctl();
    if json {
        cmd.arg("--json");
    }
    cmd.args(["smtp", "send", "-s", &fake.server_arg()]).args([
        "--from",
        "sender@client.test",
        "--helo",
        "client.test",
    ]);
    if !extra.iter().any(|a| a.starts_with("--to")) {
        cmd.args(["--to", "rcpt@fake.test"]);
    }
    if !extra.contains(&"--timeout") {
        cmd.args(["--timeout", "5s"]);
    }
    cmd.args(extra);
    run(&mut cmd)
}

fn events<'a>(all: &'a [Value], ty: &str) -> Vec<&'a Value> {
    all.iter().filter(|e| e["type"] == ty).collect()
}

/// Exit code, the summary's code and the failing phase agree with what we expect; no panic.
#[track_caller]
fn assert_failed(r: &Run, code: i32, phase: &str) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    let s = r.summary();
    assert_eq!(
        r.code, code,
        "exit code; summary: {s}\nstdout:\n{}",
        r.stdout
    );
    assert_eq!(s["exit_code"], code, "{s}");
    assert_eq!(s["error"]["phase"], phase, "{s}");
    assert_eq!(
        s["outcome"],
        if code == 10 { "partial" } else { "fail" },
        "{s}"
    );
    s
}

#[track_caller]
fn assert_ok(r: &Run) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    let s = r.summary();
    assert_eq!(r.code, 0, "summary: {s}\nstdout:\n{}", r.stdout);
    assert_eq!(s["outcome"], "ok");
    assert!(s["error"].is_null());
    s
}

/// The server's line appears in the transcript, and (for a rejection) in the error's reply.
#[track_caller]
fn assert_shown(r: &Run, server_line: &str) {
    let d = r.dialogue();
    assert!(
        d.iter().any(|l| l == &format!("S: {server_line}")),
        "{server_line:?} not in the transcript: {d:#?}"
    );
}

#[track_caller]
fn assert_reply_in_error(s: &Value, text: &str) {
    let err = &s["error"];
    let shown = format!("{} {}", err["message"], err["reply"]);
    assert!(shown.contains(text), "{text:?} not in the error: {err}");
}

#[track_caller]
fn assert_quit_sent(t: &Transcript) {
    assert!(
        t.saw("QUIT"),
        "no QUIT after the rejection: {:?}",
        t.text_lines()
    );
}

fn tmp_file(tag: &str, content: &[u8]) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(token(tag));
    std::fs::write(&p, content).unwrap();
    p
}

// ---------------------------------------------------------------- replies, happy path

#[test]
fn multiline_ehlo_split_mid_line_across_writes() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![
            expect("EHLO client.test"),
            send("250-fake.test Hel"),
            Sleep(60),
            send("lo\r\n250-PIPE"),
            Sleep(60),
            send("LINING\r"),
            Sleep(60),
            send("\n250-SIZE 1000"),
            Sleep(60),
            send("0000\r\n250 8BITMIME\r\n"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &["--quit-after", "ehlo"]);
    fake.finish().assert_ok();
    assert_ok(&r);
    let d = r.dialogue();
    for l in [
        "S: 250-fake.test Hello",
        "S: 250-PIPELINING",
        "S: 250-SIZE 10000000",
        "S: 250 8BITMIME",
    ] {
        assert!(d.iter().any(|x| x == l), "{l} missing: {d:#?}");
    }
    let all = r.json();
    assert!(
        events(&all, "info")
            .iter()
            .any(|e| e["msg"] == "server extensions: PIPELINING SIZE=10000000 8BITMIME"),
        "{}",
        r.stdout
    );
    // No bare-LF warning: every line ended in CRLF even though CR and LF came in different writes.
    assert!(events(&all, "warning").is_empty(), "{}", r.stdout);
}

// ---------------------------------------------------------------- rejections at every phase

#[test]
fn banner_554_is_rejected_then_quit() {
    let fake = FakeServer::start(script(vec![
        vec![line("554 5.3.2 no service here")],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 20, "banner");
    assert_eq!(s["exit_name"], "rejected-banner");
    assert_shown(&r, "554 5.3.2 no service here");
    assert_reply_in_error(&s, "554 5.3.2 no service here");
    assert_quit_sent(&t);
    assert!(!t.saw("EHLO"));
}

#[test]
fn banner_421_is_rejected() {
    // RFC 5321 §3.8: the server closes after 421; mailctl's QUIT then goes unanswered, which
    // must not change the outcome.
    let fake = FakeServer::start(vec![
        line("421 4.3.2 too busy, try later"),
        expect("QUIT"),
        Close,
    ]);
    let t0 = Instant::now();
    let r = smtp(&fake, &[]);
    assert!(
        t0.elapsed() < Duration::from_secs(3),
        "waited for a QUIT reply on a closed connection"
    );
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 20, "banner");
    assert_shown(&r, "421 4.3.2 too busy, try later");
    assert_reply_in_error(&s, "421 4.3.2 too busy, try later");
    assert!(!t.saw("EHLO"), "{:?}", t.text_lines());
    assert_quit_sent(&t);
}

#[test]
fn ehlo_rejected_falls_back_to_helo() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![
            expect("EHLO client.test"),
            line("502 5.5.1 EHLO not implemented"),
            expect("HELO client.test"),
            line("250 fake.test"),
        ],
        transaction("250 2.0.0 queued as FAKE1"),
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_ok(&r);
    assert_eq!(s["accepted"], true);
    assert_shown(&r, "502 5.5.1 EHLO not implemented");
    let all = r.json();
    assert!(
        events(&all, "warning")
            .iter()
            .any(|w| w["msg"].as_str().unwrap().contains("falling back to HELO"))
    );
    // No ESMTP extensions may be used after HELO.
    let mail = t
        .text_lines()
        .into_iter()
        .find(|l| l.starts_with("MAIL"))
        .unwrap();
    assert_eq!(mail, "MAIL FROM:<sender@client.test>");
}

#[test]
fn ehlo_and_helo_rejected_exits_21() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![
            expect("EHLO"),
            line("500 5.5.2 what?"),
            expect("HELO"),
            line("550 5.7.1 go away"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 21, "ehlo");
    assert_shown(&r, "550 5.7.1 go away");
    assert_reply_in_error(&s, "550 5.7.1 go away");
    assert_quit_sent(&t);
}

#[test]
fn ehlo_4xx_is_rejected_without_helo_fallback() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![expect("EHLO"), line("421 4.7.0 slow down")],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 21, "ehlo");
    assert_reply_in_error(&s, "421 4.7.0 slow down");
    assert!(!t.saw("HELO"));
}

#[test]
fn mail_rejected_exits_24() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["8BITMIME"]),
        vec![
            expect("MAIL FROM:<sender@client.test>"),
            line("553 5.7.1 sender rejected"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 24, "mail");
    assert_shown(&r, "553 5.7.1 sender rejected");
    assert_reply_in_error(&s, "553 5.7.1 sender rejected");
    assert_quit_sent(&t);
    assert!(!t.saw("RCPT"));
}

#[test]
fn mail_4xx_exits_24() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        vec![expect("MAIL"), line("451 4.3.0 try again later")],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    fake.finish().assert_ok();
    let s = assert_failed(&r, 24, "mail");
    assert_reply_in_error(&s, "451 4.3.0 try again later");
}

#[test]
fn every_rcpt_rejected_exits_25() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        vec![
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT TO:<a@fake.test>"),
            line("550 5.1.1 <a@fake.test>: no such user"),
            expect("RCPT TO:<b@fake.test>"),
            line("450 4.2.0 <b@fake.test>: greylisted"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &["--to", "a@fake.test,b@fake.test"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 25, "rcpt");
    assert_shown(&r, "550 5.1.1 <a@fake.test>: no such user");
    assert_reply_in_error(&s, "550 5.1.1 <a@fake.test>: no such user");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc.len(), 2);
    assert!(rc.iter().all(|x| x["accepted"] == false), "{s}");
    assert_eq!(rc[1]["reply"], "450 4.2.0 <b@fake.test>: greylisted");
    assert!(!t.saw("DATA"));
    assert_quit_sent(&t);
}

#[test]
fn data_command_rejected_exits_26() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        vec![
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT"),
            line("250 ok"),
            expect("DATA"),
            line("554 5.5.1 no valid recipients"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 26, "data");
    assert_shown(&r, "554 5.5.1 no valid recipients");
    assert_reply_in_error(&s, "554 5.5.1 no valid recipients");
    assert_eq!(s["accepted"], false);
    assert_quit_sent(&t);
    assert!(t.bodies.is_empty());
}

#[test]
fn end_of_data_rejected_exits_26() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        transaction("552 5.3.4 message too big for system"),
        quit(),
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 26, "data");
    assert_shown(&r, "552 5.3.4 message too big for system");
    assert_reply_in_error(&s, "552 5.3.4 message too big for system");
    assert_eq!(s["accepted"], false);
    assert_eq!(t.bodies.len(), 1);
    assert_quit_sent(&t);
}

// ---------------------------------------------------------------- STARTTLS

#[test]
fn starttls_required_but_not_offered_is_capability_18_and_quits_without_plaintext_mail() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["PIPELINING", "AUTH PLAIN"]),
        quit(),
        vec![ReadToEnd],
    ]));
    let r = smtp(&fake, &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert_eq!(s["exit_name"], "capability");
    assert_eq!(s["error"]["kind"], "capability");
    // The session still ends politely, and the answer to QUIT is in the transcript.
    assert_quit_sent(&t);
    assert_shown(&r, "221 2.0.0 bye");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("STARTTLS"),
        "{s}"
    );
    assert!(
        !t.saw("MAIL") && !t.saw("AUTH") && !t.saw("RCPT"),
        "plaintext after refusing: {:?}",
        t.text_lines()
    );
    assert!(!t.saw("STARTTLS"));
}

/// Issue 12: a capability the server lacks is phase `capability`, exit 18 (it was `usage`, 2, in
/// phase `mail`), nothing of the transaction is sent, and the session still ends with QUIT.
#[test]
fn bdat_without_chunking_is_capability_18_and_quits() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["PIPELINING", "8BITMIME"]),
        quit(),
        vec![ReadToEnd],
    ]));
    let r = smtp(&fake, &["--bdat"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert_eq!(s["exit_name"], "capability");
    assert_reply_in_error(&s, "CHUNKING");
    assert!(!t.saw("MAIL") && !t.saw("BDAT"), "{:?}", t.text_lines());
    assert_quit_sent(&t);
    assert_shown(&r, "221 2.0.0 bye");
}

/// RFC 3461 §4: DSN parameters only to a server that offers DSN: capability, exit 18, no MAIL,
/// and QUIT.
#[test]
fn dsn_without_dsn_is_capability_18_and_quits() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["PIPELINING", "8BITMIME"]),
        quit(),
        vec![ReadToEnd],
    ]));
    let r = smtp(&fake, &["--notify", "failure"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert_reply_in_error(&s, "DSN");
    assert!(!t.saw("MAIL"), "{:?}", t.text_lines());
    assert_quit_sent(&t);
}

/// RFC 6531 §3.4: a non-ASCII envelope must not go to a server without SMTPUTF8. It used to be
/// sent anyway after a warning; now it is a capability failure before MAIL, and QUIT follows.
#[test]
fn non_ascii_envelope_without_smtputf8_is_capability_18_and_quits() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["PIPELINING", "8BITMIME"]),
        quit(),
        vec![ReadToEnd],
    ]));
    let r = smtp(&fake, &["--to", "j\u{f6}rg@fake.test"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert_reply_in_error(&s, "SMTPUTF8");
    assert!(!t.saw("MAIL") && !t.saw("RCPT"), "{:?}", t.text_lines());
    assert_quit_sent(&t);
}

/// `check smtp`: a target without STARTTLS (or, for --send-test, without SMTPUTF8 for a
/// non-ASCII address) is CRITICAL, names the capability, and the session still ends with QUIT
/// (it was dropped without one). Nothing else of the check is sent.
#[test]
fn check_smtp_capability_mismatch_is_critical_and_quits() {
    for (extra, missing) in [
        (vec!["--starttls"], "STARTTLS"),
        (
            vec!["--send-test", "--to", "j\u{f6}rg@fake.test"],
            "SMTPUTF8",
        ),
    ] {
        let fake = FakeServer::start(script(vec![
            banner(),
            vec![
                expect("EHLO"),
                Send(ehlo_reply(&["PIPELINING", "8BITMIME"])),
            ],
            quit(),
            vec![ReadToEnd],
        ]));
        let r = run(mailctl()
            .args(["--json", "check", "smtp", "-s", &fake.server_arg()])
            .args(["--timeout", "5s"])
            .args(&extra));
        let t = fake.finish();
        t.assert_ok();
        assert_eq!(r.code, 2, "{missing}: {r:?}");
        assert!(r.stdout.contains(missing), "{missing}: {}", r.stdout);
        assert!(
            !t.saw("STARTTLS") && !t.saw("MAIL") && !t.saw("RCPT"),
            "{missing}: {:?}",
            t.text_lines()
        );
        assert_quit_sent(&t);
    }
}

/// RFC 5321 §4.1.1.10: QUIT is answered 221. Another code after an accepted message is a
/// deviation: exit 0 (the message is in), with a warning line.
#[test]
fn quit_answered_other_than_221_is_a_warning() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        transaction("250 2.0.0 queued"),
        vec![expect("QUIT"), line("250 see you"), ReadToEnd],
    ]));
    let r = smtp(&fake, &[]);
    fake.finish().assert_ok();
    assert_ok(&r);
    let w: Vec<Value> = events(&r.json(), "warning").into_iter().cloned().collect();
    assert!(
        w.iter().any(|e| e["msg"]
            .as_str()
            .unwrap()
            .contains("QUIT answered 250 see you")),
        "{w:?}"
    );
}

/// A TLS name rustls will not take (`--sni "bad name"`) is found before STARTTLS is sent: a
/// usage error (2) with the dialogue in step, so QUIT follows. It used to be found after the
/// server's 220, when only dropping the connection was left.
#[test]
fn unusable_tls_name_is_usage_2_before_starttls_and_quits() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["STARTTLS"]),
        quit(),
        vec![ReadToEnd],
    ]));
    let r = smtp(&fake, &["--starttls", "--sni", "not a name"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 2, "setup");
    assert_reply_in_error(&s, "not a valid TLS server name");
    assert!(!t.saw("STARTTLS"), "{:?}", t.text_lines());
    assert_quit_sent(&t);
}

#[test]
fn starttls_454_exits_22() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["STARTTLS"]),
        vec![
            expect("STARTTLS"),
            line("454 4.7.0 TLS not available due to temporary reason"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 22, "starttls");
    assert_shown(&r, "454 4.7.0 TLS not available due to temporary reason");
    assert_reply_in_error(&s, "454 4.7.0 TLS not available");
    assert_quit_sent(&t);
    assert!(!t.saw("MAIL"));
}

#[test]
fn bytes_injected_after_starttls_220_are_discarded() {
    // The classic STARTTLS command-injection shape: the 220 and a forged reply in one write.
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["STARTTLS"]),
        vec![
            expect("STARTTLS"),
            send("220 go ahead\r\n250 injected\r\n"),
            Sleep(200),
            Close,
        ],
    ]));
    let r = smtp(&fake, &["--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    // The fake does not speak TLS, so the handshake fails afterwards.
    assert_failed(&r, 5, "tls");
    let all = r.json();
    let disc = events(&all, "discarded");
    assert_eq!(disc.len(), 1, "{}", r.stdout);
    assert_eq!(disc[0]["bytes"], 14);
    assert!(
        disc[0]["preview"]
            .as_str()
            .unwrap()
            .contains("250 injected"),
        "{}",
        disc[0]
    );
    assert!(
        events(&all, "warning")
            .iter()
            .any(|w| w["msg"].as_str().unwrap().contains("discarded")),
        "{}",
        r.stdout
    );
    let recv: Vec<&str> = events(&all, "recv")
        .iter()
        .map(|e| e["line"].as_str().unwrap())
        .collect();
    assert!(recv.contains(&"220 go ahead"));
    assert!(
        !recv.iter().any(|l| l.contains("injected")),
        "injected line read as a reply: {recv:?}"
    );
    // The discarded event comes before any TLS outcome.
    let pos = |ty: &str| all.iter().position(|e| e["type"] == ty);
    assert!(pos("discarded") < pos("summary"));
    assert!(!t.saw("MAIL"));
}

// ---------------------------------------------------------------- connection lost mid-DATA

#[track_caller]
fn assert_not_confirmed(r: &Run) {
    let s = assert_failed(r, 8, "data");
    assert_eq!(s["accepted"], false, "{s}");
    assert_eq!(s["error"]["kind"], "closed", "{s}");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("NOT confirmed as sent"),
        "message does not warn: {msg}"
    );
}

/// Script up to the 354, then `rest`.
fn until_354(rest: Vec<Step>) -> Vec<Step> {
    script(vec![
        banner(),
        ehlo(&[]),
        vec![
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT"),
            line("250 ok"),
            expect("DATA"),
            line("354 go ahead"),
        ],
        rest,
    ])
}

fn big_body_file() -> std::path::PathBuf {
    let row = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n";
    let mut body = b"Subject: big\r\n\r\n".to_vec();
    for _ in 0..110_000 {
        body.extend_from_slice(row);
    }
    tmp_file("bigbody", &body)
}

#[test]
fn stall_after_the_final_dot_times_out_not_confirmed() {
    let fake = FakeServer::start(until_354(vec![ReadUntilDot, Stall]));
    let t0 = Instant::now();
    let r = smtp(&fake, &["--timeout", "1s"]);
    assert!(
        t0.elapsed() < Duration::from_secs(2),
        "took {:?}",
        t0.elapsed()
    );
    fake.finish().assert_ok();
    let s = assert_failed(&r, 6, "data");
    assert_eq!(s["accepted"], false);
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("NOT confirmed as sent"),
        "message does not warn: {msg}"
    );
}

#[test]
fn server_that_stops_reading_mid_body_times_out_not_confirmed() {
    // The fake reads nothing after the 354: the 8 MB body fills the socket buffers and mailctl's
    // write must give up after --timeout.
    let file = big_body_file();
    let fake = FakeServer::start(until_354(vec![Sleep(2500), Close]));
    let t0 = Instant::now();
    let r = smtp(
        &fake,
        &["--timeout", "1s", "--data", file.to_str().unwrap()],
    );
    let took = t0.elapsed();
    fake.finish().assert_ok();
    let _ = std::fs::remove_file(&file);
    assert!(took < Duration::from_millis(2400), "took {took:?}");
    let s = assert_failed(&r, 6, "data");
    assert_eq!(s["accepted"], false);
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("NOT confirmed as sent"),
        "message does not warn: {msg}"
    );
}

#[test]
fn close_after_part_of_the_body_exits_8_not_confirmed() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        vec![
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT"),
            line("250 ok"),
            expect("DATA"),
            line("354 go ahead"),
            ReadBytes(20),
            Close,
        ],
    ]));
    let r = smtp(&fake, &[]);
    fake.finish().assert_ok();
    assert_not_confirmed(&r);
}

#[test]
fn close_after_the_final_dot_exits_8_not_confirmed() {
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        vec![
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT"),
            line("250 ok"),
            expect("DATA"),
            line("354 go ahead"),
            ReadUntilDot,
            Close,
        ],
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(t.bodies.len(), 1);
    assert_not_confirmed(&r);
}

#[test]
fn close_while_a_large_body_is_being_written_exits_8_not_confirmed() {
    // 8 MB cannot fit in the socket buffers, so the close hits mailctl while it is still writing.
    let file = big_body_file();
    let fake = FakeServer::start(until_354(vec![ReadBytes(1000), Close]));
    let r = smtp(&fake, &["--data", file.to_str().unwrap()]);
    fake.finish().assert_ok();
    let _ = std::fs::remove_file(&file);
    assert_not_confirmed(&r);
}

// ---------------------------------------------------------------- stalls and drips

#[test]
fn server_stalling_after_banner_times_out_in_ehlo() {
    let fake = FakeServer::start(script(vec![banner(), vec![Stall]]));
    let t0 = Instant::now();
    let r = smtp(&fake, &["--timeout", "1s"]);
    let took = t0.elapsed();
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 6, "ehlo");
    assert_eq!(s["error"]["kind"], "timeout");
    assert!(
        took < Duration::from_millis(2000),
        "took {took:?} with --timeout 1s"
    );
    assert!(
        took >= Duration::from_millis(900),
        "gave up early: {took:?}"
    );
    assert!(t.saw("EHLO client.test"));
}

#[test]
fn slowloris_banner_cannot_extend_the_timeout() {
    let fake = FakeServer::start(vec![Drip(
        b"220 this banner is dripped one byte at a time\r\n".to_vec(),
        200,
    )]);
    let t0 = Instant::now();
    let r = smtp(&fake, &["--timeout", "1s"]);
    let took = t0.elapsed();
    fake.finish();
    let s = assert_failed(&r, 6, "banner");
    assert_eq!(s["error"]["kind"], "timeout");
    assert!(
        took < Duration::from_millis(2000),
        "took {took:?} with --timeout 1s"
    );
}

// ---------------------------------------------------------------- hostile and broken replies

#[test]
fn overlong_reply_line_is_a_protocol_error() {
    let mut long = b"220 ".to_vec();
    long.extend(std::iter::repeat_n(b'a', 100 * 1024));
    let fake = FakeServer::start(vec![Send(long), ReadToEnd]);
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    let s = assert_failed(&r, 7, "banner");
    assert_eq!(s["error"]["kind"], "protocol");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("longer than"),
        "{s}"
    );
    assert!(
        r.stdout.len() < 50_000,
        "the overlong line was echoed: {} bytes",
        r.stdout.len()
    );
    assert!(!t.saw("EHLO"));
}

const HOSTILE: &[u8] = b"250 ok \xff\xfe \x1b[31mred\r\n";
const HOSTILE_SHOWN: &str = "250 ok \\xff\\xfe \\x1b[31mred";

#[track_caller]
fn assert_no_raw_bytes(r: &Run) {
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains('\x1b'), "raw ESC in output: {out:?}");
        assert!(
            !out.contains('\u{fffd}'),
            "raw non-UTF-8 in output: {out:?}"
        );
    }
}

#[test]
fn non_utf8_and_ansi_in_a_reply_are_escaped_in_json() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![expect("EHLO"), Send(HOSTILE.to_vec())],
        quit(),
    ]));
    let r = smtp(&fake, &["--quit-after", "ehlo"]);
    fake.finish().assert_ok();
    assert_ok(&r);
    assert_shown(&r, HOSTILE_SHOWN);
    assert_no_raw_bytes(&r);
}

#[test]
fn non_utf8_and_ansi_in_a_rejection_are_escaped_in_json_and_human_output() {
    let rejection = [b"554".as_slice(), &HOSTILE[3..]].concat();
    let shown = format!("554{}", &HOSTILE_SHOWN[3..]);
    for json in [true, false] {
        let fake = FakeServer::start(script(vec![vec![Send(rejection.clone())], quit()]));
        let r = smtp_mode(&fake, json, &[]);
        fake.finish().assert_ok();
        assert_eq!(r.code, 20, "{r:?}");
        assert_no_raw_bytes(&r);
        if json {
            let s = assert_failed(&r, 20, "banner");
            assert_shown(&r, &shown);
            assert_eq!(s["error"]["reply"], shown);
        } else {
            assert!(r.stdout.contains(&format!("S: {shown}")), "{}", r.stdout);
            assert!(r.stdout.contains("banner"), "{}", r.stdout);
        }
    }
}

#[test]
fn malformed_reply_is_a_protocol_error() {
    let fake = FakeServer::start(vec![line("hello world"), ReadToEnd]);
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    let s = assert_failed(&r, 7, "banner");
    assert_shown(&r, "hello world");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("hello world"),
        "{s}"
    );
    assert!(!t.saw("EHLO"));
}

#[test]
fn malformed_reply_to_ehlo_is_a_protocol_error() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![expect("EHLO"), line("25O fake.test"), ReadToEnd],
    ]));
    let r = smtp(&fake, &[]);
    fake.finish().assert_ok();
    assert_failed(&r, 7, "ehlo");
    assert_shown(&r, "25O fake.test");
}

#[test]
fn reply_code_changing_mid_reply_is_a_protocol_error() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![
            expect("EHLO"),
            send("250-fake.test\r\n250-PIPELINING\r\n550 surprise\r\n"),
            ReadToEnd,
        ],
    ]));
    let r = smtp(&fake, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 7, "ehlo");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("250 then 550"),
        "{s}"
    );
    assert_shown(&r, "550 surprise");
    assert!(!t.saw("MAIL"));
}

#[test]
fn endless_continuation_lines_are_a_protocol_error() {
    let flood: Vec<u8> = std::iter::repeat_n(*b"250-x\r\n", 2000).flatten().collect();
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![expect("EHLO"), Send(flood), ReadToEnd],
    ]));
    let r = smtp(&fake, &[]);
    fake.finish().assert_ok();
    let s = assert_failed(&r, 7, "ehlo");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("continuation"),
        "{s}"
    );
}

// ---------------------------------------------------------------- pipelining

#[test]
fn pipelining_sends_the_envelope_and_data_before_reading_replies() {
    // The fake reads MAIL, both RCPTs and DATA before it answers anything: a client that waited
    // for the MAIL reply would stall here and time out.
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&["PIPELINING", "SIZE 10000000"]),
        vec![
            expect("MAIL FROM:<sender@client.test> SIZE="),
            expect("RCPT TO:<a@fake.test>"),
            expect("RCPT TO:<b@fake.test>"),
            expect("DATA"),
            send("250 2.1.0 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n"),
            ReadUntilDot,
            line("250 2.0.0 queued as PIPE1"),
        ],
        quit(),
    ]));
    let r = smtp(
        &fake,
        &["--to", "a@fake.test,b@fake.test", "--timeout", "2s"],
    );
    let t = fake.finish();
    t.assert_ok();
    let s = assert_ok(&r);
    assert_eq!(s["accepted"], true);
    assert_eq!(s["detail"], "250 2.0.0 queued as PIPE1");
    // In mailctl's own transcript too: all four commands were sent before the first reply.
    let d = r.dialogue();
    let mail = d.iter().position(|l| l.starts_with("C: MAIL")).unwrap();
    let first_reply = d[mail..].iter().position(|l| l.starts_with("S: ")).unwrap() + mail;
    let batch = &d[mail..first_reply];
    assert_eq!(batch.len(), 4, "{d:#?}");
    assert!(
        batch[0].starts_with("C: MAIL FROM:<sender@client.test> SIZE="),
        "{d:#?}"
    );
    assert_eq!(
        batch[1..],
        [
            "C: RCPT TO:<a@fake.test>",
            "C: RCPT TO:<b@fake.test>",
            "C: DATA"
        ],
        "{d:#?}"
    );
}

fn lockstep_script(caps: &[&str]) -> Vec<Step> {
    script(vec![
        banner(),
        ehlo(caps),
        vec![
            expect("MAIL"),
            ExpectSilence(300),
            line("250 ok"),
            expect("RCPT TO:<a@fake.test>"),
            ExpectSilence(300),
            line("250 ok"),
            expect("RCPT TO:<b@fake.test>"),
            ExpectSilence(300),
            line("250 ok"),
            expect("DATA"),
            ExpectSilence(300),
            line("354 go ahead"),
            ReadUntilDot,
            line("250 2.0.0 queued"),
        ],
        quit(),
    ])
}

#[test]
fn without_pipelining_each_command_waits_for_its_reply() {
    let fake = FakeServer::start(lockstep_script(&["8BITMIME"]));
    let r = smtp(&fake, &["--to", "a@fake.test,b@fake.test"]);
    fake.finish().assert_ok();
    assert_ok(&r);
}

#[test]
fn no_pipelining_flag_waits_even_when_offered() {
    let fake = FakeServer::start(lockstep_script(&["PIPELINING"]));
    let r = smtp(
        &fake,
        &["--to", "a@fake.test,b@fake.test", "--no-pipelining"],
    );
    fake.finish().assert_ok();
    assert_ok(&r);
}

// ---------------------------------------------------------------- DATA encoding on the wire

#[test]
fn dot_stuffing_and_crlf_on_the_wire() {
    let msg = b"Subject: dots\n\n.\n..x\nline\r.\rmore\n.\r\nend";
    let file = tmp_file("dots", msg);
    let fake = FakeServer::start(script(vec![
        banner(),
        ehlo(&[]),
        transaction("250 2.0.0 queued"),
        quit(),
    ]));
    let r = smtp(&fake, &["--data", file.to_str().unwrap()]);
    let t = fake.finish();
    let _ = std::fs::remove_file(&file);
    t.assert_ok();
    assert_ok(&r);
    let body = &t.bodies[0];
    assert_eq!(
        String::from_utf8_lossy(body),
        "Subject: dots\r\n\r\n..\r\n...x\r\nline\r\n..\r\nmore\r\n..\r\nend\r\n.\r\n"
    );
    for (i, &b) in body.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && body[i - 1] == b'\r', "bare LF at {i}");
        }
        if b == b'\r' {
            assert_eq!(body.get(i + 1), Some(&b'\n'), "bare CR at {i}");
        }
    }
    let lone_dots = body.split(|&b| b == b'\n').filter(|l| *l == b".\r").count();
    assert_eq!(lone_dots, 1, "only the terminator may be a lone dot");
    assert!(body.ends_with(b"\r\n.\r\n"));
}

// ---------------------------------------------------------------- AUTH

const PW: &str = "s3cret-Pa55";

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn auth_login_script(final_reply: &str) -> Vec<Step> {
    script(vec![
        banner(),
        ehlo(&["AUTH LOGIN"]),
        vec![
            expect("AUTH LOGIN"),
            line("334 VXNlcm5hbWU6"),
            Expect(b64("alice")),
            line("334 UGFzc3dvcmQ6"),
            Expect(b64(PW)),
            line(final_reply),
        ],
        quit(),
    ])
}

fn auth_run(fake: &FakeServer, json: bool, extra: &[&str]) -> Run {
    let mut args = vec![
        "--user",
        "alice",
        "--password-env",
        "FAKE_SMTP_PW",
        "--auth",
        "login",
        "--quit-after",
        "auth",
    ];
    args.extend_from_slice(extra);
    let mut cmd = mailctl();
    if json {
        cmd.arg("--json");
    }
    cmd.env("FAKE_SMTP_PW", PW)
        .args([
            "smtp",
            "send",
            "-s",
            &fake.server_arg(),
            "--from",
            "sender@client.test",
        ])
        .args([
            "--helo",
            "client.test",
            "--to",
            "rcpt@fake.test",
            "--timeout",
            "5s",
        ])
        .args(&args);
    run(&mut cmd)
}

#[track_caller]
fn assert_password_hidden(r: &Run) {
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(PW), "password leaked: {out}");
        assert!(!out.contains(&b64(PW)), "base64 password leaked: {out}");
    }
}

#[test]
fn auth_login_exchange_redacts_the_password() {
    let fake = FakeServer::start(auth_login_script("235 2.7.0 Authentication successful"));
    let r = auth_run(&fake, true, &[]);
    let t = fake.finish();
    t.assert_ok();
    assert_ok(&r);
    assert_password_hidden(&r);
    let all = r.json();
    let recv = events(&all, "recv");
    let user_ch = recv
        .iter()
        .find(|e| e["line"] == "334 VXNlcm5hbWU6")
        .expect("username challenge shown");
    assert_eq!(user_ch["note"], "decoded: Username:");
    let pw_ch = recv
        .iter()
        .find(|e| e["line"] == "334 UGFzc3dvcmQ6")
        .expect("password challenge shown");
    assert_eq!(pw_ch["note"], "decoded: Password:");
    let sent = events(&all, "sent");
    assert!(sent.iter().any(|e| e["line"] == "AUTH LOGIN"));
    assert!(sent.iter().any(|e| e["line"] == b64("alice")));
    let pw_step = sent
        .iter()
        .find(|e| e["line"] == "***")
        .expect("password step shown as ***");
    assert_eq!(pw_step["redacted"], true);
    assert!(!pw_step["note"].as_str().unwrap_or("").contains(PW));
    assert_shown(&r, "235 2.7.0 Authentication successful");

    // Human output hides it too.
    let fake = FakeServer::start(auth_login_script("235 2.7.0 Authentication successful"));
    let r = auth_run(&fake, false, &[]);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_password_hidden(&r);
    assert!(r.stdout.contains("C: ***"), "{}", r.stdout);
    assert!(r.stdout.contains("decoded: Password:"), "{}", r.stdout);
}

#[test]
fn auth_535_exits_23() {
    let fake = FakeServer::start(auth_login_script(
        "535 5.7.8 Authentication credentials invalid",
    ));
    let r = auth_run(&fake, true, &[]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 23, "auth");
    assert_shown(&r, "535 5.7.8 Authentication credentials invalid");
    assert_reply_in_error(&s, "535 5.7.8 Authentication credentials invalid");
    assert_password_hidden(&r);
    assert_quit_sent(&t);
}

#[test]
fn auth_show_secrets_shows_the_base64() {
    let fake = FakeServer::start(auth_login_script("235 2.7.0 ok"));
    let r = auth_run(&fake, true, &["--show-secrets"]);
    fake.finish().assert_ok();
    assert_ok(&r);
    let all = r.json();
    let sent = events(&all, "sent");
    let pw = sent
        .iter()
        .find(|e| e["line"] == b64(PW))
        .expect("base64 password shown with --show-secrets");
    assert!(
        pw.get("redacted").is_none() || pw["redacted"] == false,
        "{pw}"
    );
}

// ---------------------------------------------------------------- LMTP

#[test]
fn lmtp_per_recipient_replies_partial_exits_10() {
    let fake = FakeServer::start(script(vec![
        banner(),
        vec![
            expect("LHLO client.test"),
            line("250 fake.test"),
            expect("MAIL"),
            line("250 ok"),
            expect("RCPT TO:<a@fake.test>"),
            line("250 ok"),
            expect("RCPT TO:<b@fake.test>"),
            line("250 ok"),
            expect("DATA"),
            line("354 go ahead"),
            ReadUntilDot,
            send("250 2.0.0 <a@fake.test> delivered\r\n550 5.2.2 <b@fake.test> mailbox full\r\n"),
        ],
        quit(),
    ]));
    let r = smtp(&fake, &["--lmtp", "--to", "a@fake.test,b@fake.test"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 10, "data");
    assert_eq!(s["exit_name"], "partial");
    assert_eq!(s["accepted"], true);
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc[0]["delivery"], "250 2.0.0 <a@fake.test> delivered");
    assert_eq!(rc[1]["delivery"], "550 5.2.2 <b@fake.test> mailbox full");
    // RCPT accepted both; only a's delivery succeeded (RFC 2033 §4.2).
    assert_eq!(rc[0]["accepted"], true);
    assert_eq!(rc[1]["accepted"], true);
    assert_eq!(rc[0]["delivered"], true, "{s}");
    assert_eq!(rc[1]["delivered"], false, "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("mailbox full"),
        "{s}"
    );
    assert_shown(&r, "550 5.2.2 <b@fake.test> mailbox full");
    assert!(!t.saw("EHLO"));
    assert_quit_sent(&t);
}

/// Issue 12: an LMTP recipient answered 452 after the message is not delivered in any output:
/// JSON `delivered: false`, human `REJECTED`, exit 10 — and the one delivered recipient is
/// `accepted` in both. All refused after the message: exit 26 and nobody delivered.
#[test]
fn lmtp_refusal_after_data_agrees_in_json_human_and_exit_code() {
    let lmtp = |replies: &str| {
        script(vec![
            banner(),
            vec![
                expect("LHLO client.test"),
                line("250 fake.test"),
                expect("MAIL"),
                line("250 ok"),
                expect("RCPT TO:<a@fake.test>"),
                line("250 ok"),
                expect("RCPT TO:<b@fake.test>"),
                line("250 ok"),
                expect("DATA"),
                line("354 go ahead"),
                ReadUntilDot,
                send(replies),
            ],
            quit(),
            vec![ReadToEnd],
        ])
    };
    // The partial outcome is decided after QUIT: the session must not be ended twice.
    let one_quit = |t: &Transcript| {
        let n = t
            .text_lines()
            .iter()
            .filter(|l| l.as_str() == "QUIT")
            .count();
        assert_eq!(n, 1, "{:?}", t.text_lines());
    };
    let partial = "250 2.0.0 <a@fake.test> delivered\r\n452 4.2.2 <b@fake.test> over quota\r\n";
    let to = ["--lmtp", "--to", "a@fake.test,b@fake.test"];

    let fake = FakeServer::start(lmtp(partial));
    let r = smtp(&fake, &to);
    let t = fake.finish();
    t.assert_ok();
    one_quit(&t);
    let s = assert_failed(&r, 10, "data");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(
        (rc[0]["delivered"].clone(), rc[1]["delivered"].clone()),
        (Value::Bool(true), Value::Bool(false)),
        "{s}"
    );
    assert_eq!(rc[1]["delivery"], "452 4.2.2 <b@fake.test> over quota");

    let fake = FakeServer::start(lmtp(partial));
    let r = smtp_mode(&fake, false, &to);
    fake.finish().assert_ok();
    assert_eq!(r.code, 10, "{}", r.stdout);
    let row = |addr: &str| {
        r.stdout
            .lines()
            .find(|l| l.contains(addr) && (l.contains("accepted") || l.contains("REJECTED")))
            .unwrap_or_else(|| panic!("no line for {addr}: {}", r.stdout))
            .to_string()
    };
    assert!(
        row("a@fake.test").trim_start().starts_with("accepted"),
        "{}",
        r.stdout
    );
    assert!(
        row("b@fake.test").trim_start().starts_with("REJECTED"),
        "{}",
        r.stdout
    );

    let fake = FakeServer::start(lmtp(
        "452 4.2.2 <a@fake.test> over quota\r\n550 5.1.1 <b@fake.test> gone\r\n",
    ));
    let r = smtp(&fake, &to);
    fake.finish().assert_ok();
    let s = assert_failed(&r, 26, "data");
    assert_eq!(s["accepted"], false);
    for rc in s["recipients"].as_array().unwrap() {
        assert_eq!(rc["delivered"], false, "{s}");
    }
}

// ---------------------------------------------------------------- connect

#[test]
fn connect_refused_exits_4() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let r = run(mailctl()
        .args([
            "--json",
            "smtp",
            "send",
            "-s",
            &format!("127.0.0.1:{port}"),
            "--to",
            "a@b.test",
        ])
        .args(["--from", "s@c.test", "--connect-timeout", "2s"]));
    let s = assert_failed(&r, 4, "connect");
    assert_eq!(s["exit_name"], "connect");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("refused"),
        "{s}"
    );
}
