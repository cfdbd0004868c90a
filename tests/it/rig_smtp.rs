//! `smtp send` against the real-server rig (Postfix on 10025/10587/10465, Dovecot LMTP on 10024,
//! NSD on 10053): delivery byte for byte, STARTTLS/implicit TLS, AUTH, per-recipient outcomes,
//! pipelining, BDAT, --quit-after, MX resolution, transcript modes and a large message.
//!
//! Every test finds its own message by a `token()` in the Subject (tests run in parallel and the
//! Maildirs are shared), and compares the stored copy with what was sent after removing the trace
//! headers Postfix/Dovecot prepend.

use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- helpers

/// `mailctl --json smtp send` with a bounded per-reply timeout.
fn send() -> Command {
    let mut c = mailctl();
    c.args(["--json", "smtp", "send", "--timeout", "10s"]);
    c
}

/// Human-readable transcript mode.
fn send_human() -> Command {
    let mut c = mailctl();
    c.args(["smtp", "send", "--timeout", "10s"]);
    c
}

/// Events of one type from a --json run.
fn events(r: &Run, ty: &str) -> Vec<Value> {
    r.json().into_iter().filter(|e| e["type"] == ty).collect()
}

fn one_event(r: &Run, ty: &str) -> Value {
    let v = events(r, ty);
    assert_eq!(v.len(), 1, "expected exactly one {ty:?} event: {r:?}");
    v.into_iter().next().unwrap()
}

/// Write `bytes` to a fresh temp file.
fn temp_file(tag: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("mailctl-{}", token(tag)));
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Wait (bounded) for a Maildir message whose first 16 KiB contain `needle` (our tokens are in
/// the Subject, so this never reads whole large messages). Returns the file and its bytes.
fn wait_for_head(dir: &Path, needle: &str) -> (PathBuf, Vec<u8>) {
    use std::io::Read;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for f in maildir_files(dir) {
            let mut head = vec![0u8; 16 * 1024];
            let n = match std::fs::File::open(&f).and_then(|mut h| h.read(&mut head)) {
                Ok(n) => n,
                Err(_) => continue,
            };
            if contains(&head[..n], needle.as_bytes()) {
                return (f.clone(), std::fs::read(&f).unwrap());
            }
        }
        assert!(
            Instant::now() < deadline,
            "no message containing {needle:?} arrived in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The message as the client sent it: remove the trace header fields the rig prepends
/// (Return-Path, Delivered-To, Received, each with its continuation lines).
fn strip_trace(stored: &[u8]) -> &[u8] {
    let mut rest = stored;
    loop {
        let is_trace = ["Return-Path:", "Delivered-To:", "Received:"]
            .iter()
            .any(|h| rest.starts_with(h.as_bytes()));
        if !is_trace {
            return rest;
        }
        // Drop the first line and any folded continuation lines (starting with SP/TAB).
        loop {
            let nl = rest
                .iter()
                .position(|&b| b == b'\n')
                .expect("unterminated header line");
            rest = &rest[nl + 1..];
            if !matches!(rest.first(), Some(b' ' | b'\t')) {
                break;
            }
        }
    }
}

/// The trace header block (everything `strip_trace` removes), as text.
fn trace_headers(stored: &[u8]) -> String {
    let body = strip_trace(stored);
    String::from_utf8_lossy(&stored[..stored.len() - body.len()]).into_owned()
}

/// What the Maildir copy of a sent file must be: every line ending LF (Dovecot stores LF).
fn as_stored(sent: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sent.len());
    let mut i = 0;
    while i < sent.len() {
        if sent[i] == b'\r' && sent.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(sent[i]);
        i += 1;
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    out
}

fn assert_same_bytes(got: &[u8], want: &[u8]) {
    if got != want {
        let at = got
            .iter()
            .zip(want)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(want.len()));
        let lo = at.saturating_sub(60);
        panic!(
            "stored message differs at byte {at} (stored {} bytes, expected {}):\n stored: {:?}\n expect: {:?}",
            got.len(),
            want.len(),
            String::from_utf8_lossy(&got[lo..(at + 60).min(got.len())]),
            String::from_utf8_lossy(&want[lo..(at + 60).min(want.len())]),
        );
    }
}

/// A message that exercises dot-stuffing and line-ending normalisation: lines starting with '.',
/// a line that is only '.', mixed CRLF and bare LF, 8-bit UTF-8, `From ` at line start.
fn tricky_message(tok: &str, to: &str) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(format!("Subject: tricky {tok}\r\n").as_bytes());
    m.extend_from_slice(format!("From: sender@rig.test\r\nTo: {to}\n").as_bytes());
    m.extend_from_slice(b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    m.extend_from_slice(b"Content-Transfer-Encoding: 8bit\n\r\n");
    m.extend_from_slice(b".leading dot\n");
    m.extend_from_slice(b".\n");
    m.extend_from_slice(b"..two dots\r\n");
    m.extend_from_slice(b"...\n");
    m.extend_from_slice(b". dot space\r\n");
    m.extend_from_slice(b"\n");
    m.extend_from_slice(
        "h\u{e9}llo w\u{f6}rld \u{2014} \u{65e5}\u{672c}\u{8a9e} \u{1f600}\n".as_bytes(),
    );
    m.extend_from_slice(b"From the start of a line\n");
    m.extend_from_slice(b"trailing spaces   \r\n");
    m.extend_from_slice(b"\ttab indented\n");
    m.extend_from_slice(b".\r\n");
    m.extend_from_slice(b"last line .\n");
    m
}

/// Assert a stored copy equals what was sent (after the trace headers, CRLF -> LF).
fn assert_delivered_intact(stored: &[u8], sent: &[u8]) {
    assert_same_bytes(strip_trace(stored), &as_stored(sent));
}

fn dialogue_has(r: &Run, prefix: &str) -> bool {
    r.dialogue().iter().any(|l| l.starts_with(prefix))
}

/// Assert the run ended politely: last two dialogue lines are QUIT and 221.
fn assert_ends_with_quit(r: &Run) {
    let d = r.dialogue();
    assert!(d.len() >= 2, "{r:?}");
    assert_eq!(d[d.len() - 2], "C: QUIT", "dialogue: {d:#?}");
    assert!(d[d.len() - 1].starts_with("S: 221"), "dialogue: {d:#?}");
}

// ---------------------------------------------------------------- AUTH helpers

/// Tests in this file that authenticate take this lock. Dovecot's auth penalty (per client IP,
/// and every rig client is 127.0.0.1) delays the next AUTH by ~4 s after any failed one; the
/// wrong-password test clears it again while still holding the lock.
static AUTH_LOCK: Mutex<()> = Mutex::new(());

pub(crate) fn auth_lock() -> std::sync::MutexGuard<'static, ()> {
    AUTH_LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reset Dovecot's auth penalty for 127.0.0.1 (what a successful login does), through the rig's
/// anvil socket. Best effort: if it fails, AUTH tests are only slower.
pub(crate) fn clear_auth_penalty(rig: &Rig) {
    use std::io::{Read, Write};
    let path = rig.dir().join("dovecot/run/anvil-auth-penalty");
    let Ok(mut s) = std::os::unix::net::UnixStream::connect(path) else {
        return;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s
        .write_all(b"VERSION\tanvil\t1\t0\nPENALTY-INC\t127.0.0.1\t0\t0\nPENALTY-GET\t127.0.0.1\n");
    let mut buf = [0u8; 64];
    let _ = s.read(&mut buf); // the GET reply: the INC before it has been applied
}

const ALICE_PW: &str = "alice-secret-pw";

/// Every form in which alice's password could leak into a transcript.
fn secret_forms() -> Vec<String> {
    use base64::Engine;
    let b64 = |s: &[u8]| base64::engine::general_purpose::STANDARD.encode(s);
    vec![
        ALICE_PW.to_string(),
        b64(ALICE_PW.as_bytes()), // AUTH LOGIN password step
        b64(b"\0alice@rig.test\0alice-secret-pw"), // AUTH PLAIN initial response
    ]
}

fn assert_no_secret(r: &Run) {
    for s in secret_forms() {
        assert!(
            !r.stdout.contains(&s),
            "secret {s:?} leaked to stdout:\n{}",
            r.stdout
        );
        assert!(
            !r.stderr.contains(&s),
            "secret {s:?} leaked to stderr:\n{}",
            r.stderr
        );
    }
}

/// The AUTH exchange of a --json run: every client line after `AUTH` up to the 235.
fn assert_auth_redacted(r: &Run, mech: &str) {
    let sent = events(r, "sent");
    let auth_idx = sent
        .iter()
        .position(|e| {
            e["line"]
                .as_str()
                .unwrap()
                .starts_with(&format!("AUTH {mech}"))
        })
        .unwrap_or_else(|| panic!("no AUTH {mech} sent: {r:?}"));
    let auth = &sent[auth_idx];
    assert!(
        auth["tls"].as_bool().unwrap(),
        "AUTH must be inside TLS: {auth}"
    );
    // PLAIN carries the credentials on the AUTH line itself.
    if mech == "PLAIN" {
        assert_eq!(auth["line"], "AUTH PLAIN ***", "{auth}");
        assert_eq!(auth["redacted"], true, "{auth}");
    }
    // LOGIN/CRAM-MD5/SCRAM send further lines; the password-bearing ones are exactly "***".
    let steps: Vec<&Value> = sent[auth_idx + 1..]
        .iter()
        .take_while(|e| !e["line"].as_str().unwrap().starts_with("MAIL "))
        .collect();
    if mech != "PLAIN" {
        assert!(
            steps
                .iter()
                .any(|e| e["line"] == "***" && e["redacted"] == true),
            "no redacted AUTH step: {steps:?}"
        );
    }
    let d = r.dialogue();
    assert!(d.iter().any(|l| l.starts_with("S: 235")), "{d:#?}");
}

fn assert_tls_verified(r: &Run, sni: &str) {
    let t = one_event(r, "tls");
    assert_eq!(t["verified"], true, "{t}");
    assert_eq!(t["sni"], sni, "{t}");
    let cert = &t["cert"];
    assert_eq!(cert["subject"], "CN=mail.rig.test", "{t}");
    assert_eq!(cert["issuer"], "CN=mailctl rig test CA", "{t}");
    let sans: Vec<&str> = cert["sans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        sans.contains(&"mail.rig.test") && sans.contains(&"127.0.0.1"),
        "{sans:?}"
    );
    assert!(cert["days_left"].as_i64().unwrap() > 0, "{t}");
    assert!(t["version"].as_str().unwrap().starts_with("TLSv1."), "{t}");
}

fn assert_ok(r: &Run) -> Value {
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    assert_eq!(s["exit_code"], 0, "{s}");
    assert_eq!(s["exit_name"], "ok", "{s}");
    assert!(s["error"].is_null(), "{s}");
    s
}

// ---------------------------------------------------------------- 1. plain delivery, byte for byte

#[test]
fn plain_send_delivers_tricky_body_byte_for_byte() {
    let rig = rig();
    let tok = token("plain");
    let msg = tricky_message(&tok, "alice@rig.test");
    let file = temp_file("plain.eml", &msg);
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
        ])
        .arg("--data")
        .arg(&file));
    let s = assert_ok(&r);
    assert_eq!(s["server"], rig.addr("RIG_SMTP_PORT"));
    assert_eq!(s["accepted"], true, "{s}");
    assert_eq!(s["tls"], false, "{s}");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc.len(), 1, "{s}");
    assert_eq!(rc[0]["addr"], "alice@rig.test");
    assert_eq!(rc[0]["accepted"], true);
    assert!(s["detail"].as_str().unwrap().starts_with("250 "), "{s}");
    // 8-bit body: BODY=8BITMIME declared (Postfix offers it).
    assert!(
        dialogue_has(&r, "C: MAIL FROM:<sender@rig.test> SIZE="),
        "{:#?}",
        r.dialogue()
    );
    assert!(
        r.dialogue()
            .iter()
            .any(|l| l.starts_with("C: MAIL FROM:") && l.ends_with("BODY=8BITMIME"))
    );

    let (_, stored) = wait_for_head(&rig.maildir("alice"), &tok);
    let trace = trace_headers(&stored);
    assert!(
        trace.starts_with("Return-Path: <sender@rig.test>\n"),
        "{trace}"
    );
    assert!(trace.contains("with ESMTP id"), "{trace}");
    assert_delivered_intact(&stored, &msg);
    let _ = std::fs::remove_file(file);
}

#[test]
fn data_without_final_newline_gets_one() {
    let rig = rig();
    let tok = token("nonl");
    let msg = format!("Subject: {tok}\n\n.dot\nno newline at end").into_bytes();
    let file = temp_file("nonl.eml", &msg);
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
            "--to",
            "bob@rig.test",
        ])
        .arg("--data")
        .arg(&file));
    assert_ok(&r);
    let (_, stored) = wait_for_head(&rig.maildir("bob"), &tok);
    assert_same_bytes(
        strip_trace(&stored),
        format!("Subject: {tok}\n\n.dot\nno newline at end\n").as_bytes(),
    );
    let _ = std::fs::remove_file(file);
}

// ---------------------------------------------------------------- 2. STARTTLS + AUTH

#[test]
fn starttls_auth_each_mechanism_with_password_env() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    for (choice, mech) in [
        ("plain", "PLAIN"),
        ("login", "LOGIN"),
        ("cram-md5", "CRAM-MD5"),
        // The rig's Dovecot offers SCRAM: auto prefers SCRAM-SHA-256 over CRAM-MD5.
        ("auto", "SCRAM-SHA-256"),
    ] {
        let tok = token(&format!("auth-{choice}"));
        let r = run(send()
            .env("RIG_TEST_PW", ALICE_PW)
            .args([
                "-s",
                &rig.addr("RIG_SUBMISSION_PORT"),
                "--starttls",
                "--ca-file",
                rig.ca(),
                "--sni",
                "mail.rig.test",
            ])
            .args([
                "-u",
                "alice@rig.test",
                "--password-env",
                "RIG_TEST_PW",
                "--auth",
                choice,
            ])
            .args([
                "--from",
                "alice@rig.test",
                "--to",
                "bob@rig.test",
                "--subject",
                &tok,
            ]));
        let s = assert_ok(&r);
        assert_eq!(s["tls"], true, "{choice}: {s}");
        assert_tls_verified(&r, "mail.rig.test");
        assert_auth_redacted(&r, mech);
        assert_no_secret(&r);
        // STARTTLS happened in plaintext, everything after it inside TLS, EHLO asked again.
        let sent = events(&r, "sent");
        let st = sent
            .iter()
            .position(|e| e["line"] == "STARTTLS")
            .expect("STARTTLS sent");
        assert_eq!(sent[st]["tls"], false);
        assert!(
            sent[st + 1]["line"].as_str().unwrap().starts_with("EHLO "),
            "{:?}",
            sent[st + 1]
        );
        assert!(
            sent[st + 1..].iter().all(|e| e["tls"] == true),
            "{choice}: plaintext after STARTTLS"
        );
        let (_, stored) = wait_for_head(&rig.maildir("bob"), &tok);
        assert!(
            trace_headers(&stored).contains("with ESMTPSA id"),
            "{choice}: {}",
            trace_headers(&stored)
        );
    }
}

#[test]
fn password_file_and_human_output_never_show_the_password() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    let pwfile = temp_file(
        "pw",
        format!("{ALICE_PW}\nsecond line ignored\n").as_bytes(),
    );
    for mech in ["plain", "login", "cram-md5"] {
        // Human mode, connecting by name through the rig DNS: the name verifies without --sni.
        let r = run(send_human()
            .args([
                "-s",
                &format!("mail.rig.test:{}", rig.port("RIG_SUBMISSION_PORT")),
                "--nameserver",
                &rig.dns(),
            ])
            .args([
                "--starttls",
                "--ca-file",
                rig.ca(),
                "-u",
                "alice@rig.test",
                "--auth",
                mech,
            ])
            .arg("--password-file")
            .arg(&pwfile)
            .args(["--quit-after", "auth"]));
        assert_eq!(r.code, 0, "{mech}: {r:?}");
        assert_no_secret(&r);
        assert!(
            r.stdout.contains("tls C: ***") || r.stdout.contains("tls C: AUTH PLAIN ***"),
            "{mech}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("tls S: 235"), "{mech}: {}", r.stdout);
        assert!(r.stdout.contains("certificate verified"), "{}", r.stdout);
    }
    let _ = std::fs::remove_file(pwfile);
}

#[test]
fn mailctl_password_env_var_by_name_json() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    let tok = token("mailctl-password");
    let r = run(send()
        .env("MAILCTL_PASSWORD", ALICE_PW)
        .args([
            "-s",
            &format!("mail.rig.test:{}", rig.port("RIG_SUBMISSION_PORT")),
            "--nameserver",
            &rig.dns(),
        ])
        .args([
            "--starttls",
            "--ca-file",
            rig.ca(),
            "-u",
            "alice@rig.test",
            "--auth",
        ])
        .args([
            "--from",
            "alice@rig.test",
            "--to",
            "bob@rig.test",
            "--subject",
            &tok,
        ]));
    assert_ok(&r);
    assert_tls_verified(&r, "mail.rig.test");
    let resolved = resolved(&r);
    assert!(
        resolved
            .iter()
            .any(|e| e["query"] == "mail.rig.test" && e["answers"][0] == "127.0.0.1"),
        "{resolved:?}"
    );
    assert_auth_redacted(&r, "SCRAM-SHA-256");
    assert_no_secret(&r);
    wait_for_head(&rig.maildir("bob"), &tok);
}

// ---------------------------------------------------------------- 3. wrong password

#[test]
fn wrong_password_is_rejected_auth_23() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    let wrong = "wrong-pw-Zq9";
    let r = run(send()
        .env("RIG_TEST_PW", wrong)
        .args([
            "-s",
            &rig.addr("RIG_SUBMISSION_PORT"),
            "--starttls",
            "--ca-file",
            rig.ca(),
            "--sni",
            "mail.rig.test",
        ])
        .args([
            "-u",
            "alice@rig.test",
            "--password-env",
            "RIG_TEST_PW",
            "--auth",
            "plain",
        ])
        .args(["--from", "alice@rig.test", "--to", "bob@rig.test"]));
    // Undo Dovecot's per-IP penalty before anyone else authenticates.
    clear_auth_penalty(rig);
    assert_eq!(r.code, 23, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "fail", "{s}");
    assert_eq!(s["exit_code"], 23, "{s}");
    assert_eq!(s["exit_name"], "rejected-auth", "{s}");
    assert_eq!(s["error"]["phase"], "auth", "{s}");
    assert_eq!(s["error"]["kind"], "rejected", "{s}");
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("535"),
        "{s}"
    );
    assert_eq!(s["accepted"], false, "{s}");
    assert!(
        !r.stdout.contains(wrong) && !r.stderr.contains(wrong),
        "{r:?}"
    );
    assert!(!dialogue_has(&r, "C: MAIL FROM"), "{:#?}", r.dialogue());
    assert_ends_with_quit(&r);
}

// ---------------------------------------------------------------- 4. implicit TLS

#[test]
fn implicit_tls_smtps_with_auth() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    let tok = token("smtps");
    let msg = tricky_message(&tok, "bob@rig.test");
    let file = temp_file("smtps.eml", &msg);
    let r = run(send()
        .env("RIG_TEST_PW", ALICE_PW)
        .args([
            "-s",
            &rig.addr("RIG_SMTPS_PORT"),
            "--tls",
            "--ca-file",
            rig.ca(),
            "--sni",
            "mail.rig.test",
        ])
        .args([
            "-u",
            "alice@rig.test",
            "--password-env",
            "RIG_TEST_PW",
            "--auth",
            "plain",
        ])
        .args(["--from", "alice@rig.test", "--to", "bob@rig.test"])
        .arg("--data")
        .arg(&file));
    let s = assert_ok(&r);
    assert_eq!(s["tls"], true, "{s}");
    assert_tls_verified(&r, "mail.rig.test");
    // The TLS handshake precedes the banner; every line is inside TLS; no STARTTLS.
    let all = r.json();
    let tls_at = all.iter().position(|e| e["type"] == "tls").unwrap();
    let banner_at = all.iter().position(|e| e["type"] == "recv").unwrap();
    assert!(tls_at < banner_at, "handshake must come before the banner");
    assert!(
        all.iter()
            .filter(|e| e["type"] == "sent" || e["type"] == "recv")
            .all(|e| e["tls"] == true)
    );
    assert!(!dialogue_has(&r, "C: STARTTLS"));
    assert_no_secret(&r);
    let (_, stored) = wait_for_head(&rig.maildir("bob"), &tok);
    assert!(
        trace_headers(&stored).contains("with ESMTPSA id"),
        "{}",
        trace_headers(&stored)
    );
    assert_delivered_intact(&stored, &msg);
    let _ = std::fs::remove_file(file);
}

// ---------------------------------------------------------------- 5. untrusted certificate

#[test]
fn starttls_untrusted_cert_fails_tls_and_shows_the_cert() {
    let rig = rig();
    let r = run(send().args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--starttls",
        "--from",
        "a@rig.test",
        "--to",
        "alice@rig.test",
    ]));
    assert_eq!(r.code, 5, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "fail", "{s}");
    assert_eq!(s["exit_name"], "tls", "{s}");
    assert_eq!(s["error"]["phase"], "tls", "{s}");
    assert_eq!(s["error"]["kind"], "tls", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--ca-file"),
        "hint missing: {s}"
    );
    let failed = one_event(&r, "tls_failed_cert");
    assert_eq!(failed["cert"]["subject"], "CN=mail.rig.test", "{failed}");
    assert_eq!(
        failed["cert"]["issuer"], "CN=mailctl rig test CA",
        "{failed}"
    );
    assert!(
        events(&r, "tls").is_empty(),
        "no successful handshake event expected"
    );
    // Nothing was sent after the failed handshake.
    let sent = events(&r, "sent");
    assert_eq!(sent.last().unwrap()["line"], "STARTTLS", "{sent:?}");
    assert!(sent.iter().all(|e| e["tls"] == false));

    // Human mode shows the certificate too.
    let h = run(send_human().args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--starttls",
        "--to",
        "alice@rig.test",
    ]));
    assert_eq!(h.code, 5, "{h:?}");
    assert!(
        h.stdout.contains("CN=mail.rig.test") || h.stderr.contains("CN=mail.rig.test"),
        "{h:?}"
    );
}

#[test]
fn starttls_insecure_works_with_loud_warning() {
    let rig = rig();
    for json in [true, false] {
        let mut c = if json { send() } else { send_human() };
        let r = run(c.args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--starttls",
            "--insecure",
            "--quit-after",
            "starttls",
        ]));
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stderr.contains("WARNING"), "no warning on stderr: {r:?}");
        assert!(r.stderr.contains("NOT verified"), "{r:?}");
        if json {
            let t = one_event(&r, "tls");
            assert_eq!(t["verified"], false, "{t}");
            assert_eq!(t["cert"]["subject"], "CN=mail.rig.test");
            assert_ends_with_quit(&r);
        }
    }
}

// ---------------------------------------------------------------- 6. LMTP offers STARTTLS

/// Dovecot LMTP advertises STARTTLS, so "--starttls against a server without it" is covered by the
/// fake-peer tests; here: --lmtp --starttls works against Dovecot and delivers.
#[test]
fn lmtp_starttls_against_dovecot() {
    let rig = rig();
    let tok = token("lmtp-tls");
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_LMTP_PORT"),
            "--lmtp",
            "--starttls",
            "--ca-file",
            rig.ca(),
            "--sni",
            "mail.rig.test",
        ])
        .args([
            "--from",
            "sender@rig.test",
            "--to",
            "bob@rig.test",
            "--subject",
            &tok,
        ]));
    let s = assert_ok(&r);
    assert_eq!(s["tls"], true);
    assert_tls_verified(&r, "mail.rig.test");
    let d = r.dialogue();
    assert!(
        d.iter().filter(|l| l.starts_with("C: LHLO ")).count() == 2,
        "LHLO before and after STARTTLS: {d:#?}"
    );
    assert!(!d.iter().any(|l| l.starts_with("C: EHLO")), "{d:#?}");
    wait_for_head(&rig.maildir("bob"), &tok);
}

// ---------------------------------------------------------------- 7. recipients

#[test]
fn one_good_one_unknown_recipient_is_partial_10() {
    let rig = rig();
    let tok = token("partial");
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
        ])
        .args([
            "--to",
            "alice@rig.test",
            "--to",
            "unknown@rig.test",
            "--subject",
            &tok,
        ]));
    assert_eq!(r.code, 10, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "partial", "{s}");
    assert_eq!(s["exit_name"], "partial", "{s}");
    assert_eq!(s["error"]["phase"], "rcpt", "{s}");
    assert_eq!(s["error"]["kind"], "partial", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown@rig.test"),
        "{s}"
    );
    assert_eq!(s["accepted"], true, "{s}");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc.len(), 2, "{s}");
    assert_eq!(
        (
            rc[0]["addr"].as_str().unwrap(),
            rc[0]["accepted"].as_bool().unwrap()
        ),
        ("alice@rig.test", true)
    );
    assert!(rc[0]["reply"].as_str().unwrap().starts_with("250"), "{s}");
    assert_eq!(
        (
            rc[1]["addr"].as_str().unwrap(),
            rc[1]["accepted"].as_bool().unwrap()
        ),
        ("unknown@rig.test", false)
    );
    assert!(rc[1]["reply"].as_str().unwrap().starts_with("550"), "{s}");
    assert_ends_with_quit(&r);
    wait_for_head(&rig.maildir("alice"), &tok);
}

#[test]
fn all_recipients_unknown_is_rejected_rcpt_25() {
    let rig = rig();
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
        ])
        .args(["--to", "unknown@rig.test,nobody@rig.test"]));
    assert_eq!(r.code, 25, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "fail", "{s}");
    assert_eq!(s["exit_name"], "rejected-rcpt", "{s}");
    assert_eq!(s["error"]["phase"], "rcpt", "{s}");
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("550"),
        "{s}"
    );
    assert_eq!(s["accepted"], false, "{s}");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc.len(), 2);
    assert!(
        rc.iter()
            .all(|x| x["accepted"] == false && x["reply"].as_str().unwrap().starts_with("550")),
        "{s}"
    );
    // Pipelined DATA got 554 (no valid recipients) and no message was transferred.
    assert!(
        events(&r, "data_summary").is_empty(),
        "no message may be sent: {r:?}"
    );
    assert_ends_with_quit(&r);
}

#[test]
fn relay_without_auth_is_denied_554() {
    let rig = rig();
    let r = run(send().args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--from",
        "sender@rig.test",
        "--to",
        "x@example.org",
    ]));
    assert_eq!(r.code, 25, "{r:?}");
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "rcpt", "{s}");
    let reply = s["error"]["reply"].as_str().unwrap();
    assert!(
        reply.starts_with("554") && reply.contains("Relay access denied"),
        "{s}"
    );
    assert_eq!(s["recipients"][0]["accepted"], false, "{s}");
    assert_ends_with_quit(&r);
}

// ---------------------------------------------------------------- 8. pipelining

fn envelope_slice(r: &Run) -> Vec<String> {
    let d = r.dialogue();
    let start = d
        .iter()
        .position(|l| l.starts_with("C: MAIL FROM:"))
        .expect("MAIL FROM sent");
    let end = d
        .iter()
        .position(|l| l.starts_with("S: 354"))
        .expect("354 received");
    d[start..=end].to_vec()
}

#[test]
fn pipelining_sends_envelope_before_replies_and_no_pipelining_alternates() {
    let rig = rig();
    let args = |tok: &str| -> Vec<String> {
        [
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test,bob@rig.test",
            "--subject",
            tok,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let tok1 = token("pipe");
    let r = run(send().args(args(&tok1)));
    assert_ok(&r);
    let e = envelope_slice(&r);
    let kinds: Vec<&str> = e.iter().map(|l| &l[..2]).collect();
    assert_eq!(
        kinds,
        ["C:", "C:", "C:", "C:", "S:", "S:", "S:", "S:"],
        "{e:#?}"
    );
    assert!(
        e[1].starts_with("C: RCPT TO:<alice@rig.test>")
            && e[2].starts_with("C: RCPT TO:<bob@rig.test>"),
        "{e:#?}"
    );
    assert_eq!(e[3], "C: DATA");

    let tok2 = token("nopipe");
    let r = run(send().args(args(&tok2)).arg("--no-pipelining"));
    assert_ok(&r);
    let e = envelope_slice(&r);
    let kinds: Vec<&str> = e.iter().map(|l| &l[..2]).collect();
    assert_eq!(
        kinds,
        ["C:", "S:", "C:", "S:", "C:", "S:", "C:", "S:"],
        "{e:#?}"
    );
    assert!(
        e[0].starts_with("C: MAIL FROM:") && e[1].starts_with("S: 250"),
        "{e:#?}"
    );
    assert_eq!(e[6], "C: DATA");
    // PIPELINING was offered both times; only the client behaviour differs.
    assert!(dialogue_has(&r, "S: 250-PIPELINING"));
    for tok in [&tok1, &tok2] {
        wait_for_head(&rig.maildir("alice"), tok);
        wait_for_head(&rig.maildir("bob"), tok);
    }
}

// ---------------------------------------------------------------- 9. BDAT

#[test]
fn bdat_delivers_intact_without_dot_stuffing() {
    let rig = rig();
    let tok = token("bdat");
    let msg = tricky_message(&tok, "alice@rig.test");
    let file = temp_file("bdat.eml", &msg);
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--bdat",
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
        ])
        .arg("--data")
        .arg(&file));
    let s = assert_ok(&r);
    let d = r.dialogue();
    assert!(!d.iter().any(|l| l == "C: DATA"), "{d:#?}");
    let bdat: Vec<&String> = d.iter().filter(|l| l.starts_with("C: BDAT ")).collect();
    assert_eq!(bdat.len(), 1, "{d:#?}");
    // BDAT size = the CRLF-normalised message, no stuffing, no terminator.
    let wire_len = as_stored(&msg).iter().filter(|&&b| b == b'\n').count() + as_stored(&msg).len();
    assert_eq!(
        bdat[0].as_str(),
        format!("C: BDAT {wire_len} LAST"),
        "{d:#?}"
    );
    assert!(s["detail"].as_str().unwrap().starts_with("250"), "{s}");
    let (_, stored) = wait_for_head(&rig.maildir("alice"), &tok);
    assert_delivered_intact(&stored, &msg);
    let _ = std::fs::remove_file(file);
}

// ---------------------------------------------------------------- 10. LMTP

#[test]
fn lmtp_direct_per_recipient_delivery_replies() {
    let rig = rig();
    let tok = token("lmtp");
    let msg = tricky_message(&tok, "alice@rig.test");
    let file = temp_file("lmtp.eml", &msg);
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_LMTP_PORT"),
            "--lmtp",
            "--from",
            "sender@rig.test",
        ])
        .args(["--to", "alice@rig.test,unknown@rig.test,bob@rig.test"])
        .arg("--data")
        .arg(&file));
    assert_eq!(r.code, 10, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "partial", "{s}");
    assert_eq!(s["accepted"], true, "{s}");
    let rc = s["recipients"].as_array().unwrap();
    assert_eq!(rc.len(), 3, "{s}");
    for (i, addr) in [(0, "alice@rig.test"), (2, "bob@rig.test")] {
        assert_eq!(rc[i]["addr"], addr);
        assert_eq!(rc[i]["accepted"], true, "{s}");
        let del = rc[i]["delivery"]
            .as_str()
            .unwrap_or_else(|| panic!("no delivery reply for {addr}: {s}"));
        assert!(del.starts_with("250") && del.contains(addr), "{s}");
    }
    assert_eq!(rc[1]["accepted"], false, "{s}");
    assert!(rc[1]["reply"].as_str().unwrap().starts_with("550"), "{s}");
    assert!(
        rc[1].get("delivery").is_none(),
        "rejected RCPT has no delivery reply: {s}"
    );
    // One reply per accepted recipient after the message, then QUIT.
    let d = r.dialogue();
    assert!(d.iter().any(|l| l.starts_with("C: LHLO ")), "{d:#?}");
    let after_354 = d.iter().position(|l| l.starts_with("S: 354")).unwrap();
    let tail: Vec<&String> = d[after_354 + 1..].iter().collect();
    assert!(
        tail.len() == 4 && tail[0].contains("alice@rig.test") && tail[1].contains("bob@rig.test"),
        "{tail:#?}"
    );
    assert_ends_with_quit(&r);
    for user in ["alice", "bob"] {
        let (_, stored) = wait_for_head(&rig.maildir(user), &tok);
        let trace = trace_headers(&stored);
        assert!(
            !trace.contains("Received:"),
            "LMTP adds no Received: {trace}"
        );
        assert_delivered_intact(&stored, &msg);
    }
    let _ = std::fs::remove_file(file);
}

#[test]
fn lmtp_all_unknown_is_rejected_rcpt() {
    let rig = rig();
    let r = run(send().args([
        "-s",
        &rig.addr("RIG_LMTP_PORT"),
        "--lmtp",
        "--from",
        "sender@rig.test",
        "--to",
        "unknown@rig.test",
    ]));
    assert_eq!(r.code, 25, "{r:?}");
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "rcpt", "{s}");
    assert!(events(&r, "data_summary").is_empty(), "{r:?}");
    assert_ends_with_quit(&r);
}

// ---------------------------------------------------------------- 11. --quit-after

#[test]
fn quit_after_banner_ehlo_rcpt_sends_no_message() {
    let rig = rig();
    for (step, last_cmd) in [
        ("banner", None),
        ("ehlo", Some("C: EHLO ")),
        ("rcpt", Some("C: RCPT TO:<alice@rig.test>")),
    ] {
        let r = run(send()
            .args([
                "-s",
                &rig.addr("RIG_SMTP_PORT"),
                "--from",
                "sender@rig.test",
                "--to",
                "alice@rig.test",
            ])
            .args(["--quit-after", step]));
        let s = assert_ok(&r);
        assert_eq!(s["accepted"], false, "{step}: {s}");
        assert!(s["detail"].as_str().unwrap().contains(step), "{step}: {s}");
        let d = r.dialogue();
        assert!(d[0].starts_with("S: 220"), "{d:#?}");
        assert_ends_with_quit(&r);
        assert!(
            !d.iter().any(|l| l == "C: DATA" || l.starts_with("C: BDAT")),
            "{step}: {d:#?}"
        );
        assert!(events(&r, "data_summary").is_empty(), "{step}");
        let client: Vec<&String> = d.iter().filter(|l| l.starts_with("C: ")).collect();
        match last_cmd {
            None => assert_eq!(client, ["C: QUIT"], "{step}"),
            Some(p) => assert!(client[client.len() - 2].starts_with(p), "{step}: {d:#?}"),
        }
        if step == "rcpt" {
            let rc = s["recipients"].as_array().unwrap();
            assert_eq!(rc.len(), 1);
            assert_eq!(rc[0]["accepted"], true, "{s}");
        }
    }
}

// ---------------------------------------------------------------- 12. MX resolution

#[test]
fn mx_lookup_delivers_via_mail_rig_test() {
    let rig = rig();
    let tok = token("mx");
    let r = run(send()
        .args([
            "--nameserver",
            &rig.dns(),
            "--port",
            &rig.port("RIG_SMTP_PORT").to_string(),
        ])
        .args([
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
            "--subject",
            &tok,
        ]));
    let s = assert_ok(&r);
    assert_eq!(s["server"], rig.addr("RIG_SMTP_PORT"), "{s}");
    let res = resolved(&r);
    assert!(
        res.iter().any(|e| e["query"] == "MX rig.test"
            && e["answers"] == serde_json::json!(["10 mail.rig.test."])),
        "{res:?}"
    );
    assert!(
        res.iter()
            .any(|e| e["query"] == "mail.rig.test"
                && e["answers"] == serde_json::json!(["127.0.0.1"])),
        "{res:?}"
    );
    assert!(s["timings_ms"]["resolve"].as_f64().is_some(), "{s}");
    wait_for_head(&rig.maildir("alice"), &tok);
}

#[test]
fn mx_dead_first_host_falls_back_to_next_mx() {
    let rig = rig();
    let port = rig.port("RIG_SMTP_PORT");
    let r = run(send()
        .args([
            "--nameserver",
            &rig.dns(),
            "--port",
            &port.to_string(),
            "--connect-timeout",
            "3s",
        ])
        .args(["--to", "x@multi.rig.test", "--quit-after", "ehlo"]));
    let s = assert_ok(&r);
    assert_eq!(s["server"], format!("127.0.0.1:{port}"), "{s}");
    let all = r.json();
    let pos = |pred: &dyn Fn(&Value) -> bool| all.iter().position(pred);
    let mx =
        pos(&|e| e["type"] == "dns_answer" && e["qtype"] == "MX" && e["name"] == "multi.rig.test")
            .expect("MX answered");
    let answers: Vec<&Value> = all[mx]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["data"])
        .collect();
    assert_eq!(answers, ["10 dead.rig.test.", "20 mail.rig.test."]);
    let dead = pos(&|e| e["type"] == "connecting" && e["addr"] == format!("127.0.0.3:{port}"))
        .expect("tried the dead MX");
    let warn = pos(&|e| e["type"] == "warning" && e["msg"].as_str().unwrap().contains("127.0.0.3"))
        .expect("connect failure reported");
    let good = pos(&|e| e["type"] == "connected" && e["addr"] == format!("127.0.0.1:{port}"))
        .expect("connected to 2nd MX");
    assert!(
        mx < dead && dead < warn && warn < good,
        "order: mx {mx} dead {dead} warn {warn} good {good}"
    );
    assert!(
        !all.iter()
            .any(|e| e["type"] == "connected" && e["addr"] == format!("127.0.0.3:{port}"))
    );
    assert_ends_with_quit(&r);
}

#[test]
fn null_mx_is_resolve_failure_3() {
    let rig = rig();
    let r = run(send()
        .args([
            "--nameserver",
            &rig.dns(),
            "--port",
            &rig.port("RIG_SMTP_PORT").to_string(),
        ])
        .args(["--from", "sender@rig.test", "--to", "x@nullmx.rig.test"]));
    assert_eq!(r.code, 3, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "fail", "{s}");
    assert_eq!(s["exit_name"], "resolve", "{s}");
    assert_eq!(s["error"]["phase"], "resolve", "{s}");
    let msg = s["error"]["message"].as_str().unwrap().to_lowercase();
    assert!(msg.contains("null mx"), "{s}");
    assert!(
        events(&r, "connecting").is_empty(),
        "must not connect anywhere: {r:?}"
    );
}

#[test]
fn implicit_mx_uses_the_a_record() {
    let rig = rig();
    let r = run(send()
        .args([
            "--nameserver",
            &rig.dns(),
            "--port",
            &rig.port("RIG_SMTP_PORT").to_string(),
        ])
        .args(["--to", "x@implicit.rig.test", "--quit-after", "banner"]));
    let s = assert_ok(&r);
    assert_eq!(s["server"], rig.addr("RIG_SMTP_PORT"), "{s}");
    let res = resolved(&r);
    assert!(
        res.iter()
            .any(|e| e["query"] == "MX implicit.rig.test" && e["answers"] == serde_json::json!([])),
        "{res:?}"
    );
    assert!(
        res.iter().any(|e| e["query"] == "implicit.rig.test"
            && e["answers"] == serde_json::json!(["127.0.0.1"])),
        "{res:?}"
    );
    let d = r.dialogue();
    assert!(d[0].starts_with("S: 220 mail.rig.test"), "{d:#?}");
    assert_ends_with_quit(&r);
}

#[test]
fn nonexistent_domain_is_resolve_failure_3() {
    let rig = rig();
    let r = run(send()
        .args([
            "--nameserver",
            &rig.dns(),
            "--port",
            &rig.port("RIG_SMTP_PORT").to_string(),
        ])
        .args(["--to", "x@nonexistent.rig.test", "--quit-after", "banner"]));
    assert_eq!(r.code, 3, "{r:?}");
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "resolve", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nonexistent.rig.test"),
        "{s}"
    );
    assert!(events(&r, "connecting").is_empty(), "{r:?}");
}

// ---------------------------------------------------------------- 13. --show-data

#[test]
fn show_data_puts_message_lines_in_the_transcript() {
    let rig = rig();
    let tok = token("showdata");
    let base = |c: &mut Command, tok: &str| {
        c.args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
        ])
        .args(["--subject", tok, "--body", ".dotted line\nsecond line"]);
    };
    let mut c = send();
    base(&mut c, &tok);
    let r = run(c.arg("--show-data"));
    assert_ok(&r);
    let d = r.dialogue();
    assert!(d.contains(&format!("C: Subject: {tok}")), "{d:#?}");
    // Shown as sent on the wire: dot-stuffed, then the terminating ".".
    assert!(d.contains(&"C: ..dotted line".to_string()), "{d:#?}");
    assert!(d.contains(&"C: second line".to_string()), "{d:#?}");
    let end = d
        .iter()
        .position(|l| l == "C: .")
        .expect("end-of-data line shown");
    assert!(d[end + 1].starts_with("S: 250"), "{d:#?}");
    assert!(events(&r, "data_summary").is_empty(), "{r:?}");
    let (_, stored) = wait_for_head(&rig.maildir("alice"), &tok);
    assert!(
        contains(&stored, b"\n.dotted line\nsecond line"),
        "{}",
        String::from_utf8_lossy(&stored)
    );

    let tok2 = token("nodata");
    let mut c = send();
    base(&mut c, &tok2);
    let r = run(&mut c);
    assert_ok(&r);
    let d = r.dialogue();
    assert!(
        !d.iter()
            .any(|l| l.contains(&tok2) || l.contains("dotted line")),
        "{d:#?}"
    );
    let sum = one_event(&r, "data_summary");
    assert!(
        sum["bytes"].as_u64().unwrap() > 0 && sum["lines"].as_u64().unwrap() >= 3,
        "{sum}"
    );
    assert_eq!(sum["tls"], false);
    wait_for_head(&rig.maildir("alice"), &tok2);
}

// ---------------------------------------------------------------- 14. large message

#[test]
fn twenty_megabyte_message_is_delivered_intact() {
    let rig = rig();
    let tok = token("big");
    let mut msg = format!("Subject: big {tok}\r\nContent-Type: text/plain\r\n\r\n").into_bytes();
    let mut i = 0u64;
    while msg.len() < 20 * 1024 * 1024 {
        // Every 7th line starts with '.', every 11th is a lone '.', endings alternate CRLF / LF.
        let line = match i % 11 {
            0 => ".".to_string(),
            _ if i.is_multiple_of(7) => {
                format!(".{i:09} dotted line of text abcdefghijklmnopqrstuvwxyz 0123456789")
            }
            _ => format!("{i:09} plain line of text ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 h\u{e9}"),
        };
        msg.extend_from_slice(line.as_bytes());
        msg.extend_from_slice(if i.is_multiple_of(2) { b"\r\n" } else { b"\n" });
        i += 1;
    }
    let file = temp_file("big.eml", &msg);
    let started = Instant::now();
    let mut c = send();
    c.args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--from",
        "sender@rig.test",
    ])
    .args(["--to", "bob@rig.test", "--data"])
    .arg(&file);
    let m = crate::hostile::run_measured(&c, Duration::from_secs(60));
    let r = m.run;
    let s = assert_ok(&r);
    // The program's own peak (the debug binary's resident pages, TLS, buffers) with a tiny
    // message on the same path: the bound below is relative to it, so it tracks the binary's
    // size and still catches a second copy of the message.
    let small = temp_file("small.eml", b"Subject: small\r\n\r\nhi\r\n");
    let mut b = send();
    b.args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--from",
        "sender@rig.test",
    ])
    .args(["--to", "bob@rig.test", "--data"])
    .arg(&small);
    let base = crate::hostile::run_measured(&b, Duration::from_secs(60));
    assert_eq!(base.run.code, 0, "{:?}", base.run);
    let _ = std::fs::remove_file(&small);
    // Held once: the message is encoded a MiB at a time on the way out, never copied whole
    // (a whole encoded copy made this the program + 20 MiB + 20 MiB).
    assert!(
        m.rss_kib < base.rss_kib + (msg.len() as u64 + (8 << 20)) / 1024,
        "peak RSS {} KiB for a {} byte message (the same send of a tiny message: {} KiB)",
        m.rss_kib,
        msg.len(),
        base.rss_kib
    );
    let sum = one_event(&r, "data_summary");
    let expected = as_stored(&msg);
    let lines = expected.iter().filter(|&&b| b == b'\n').count() as u64;
    assert_eq!(sum["lines"].as_u64().unwrap(), lines, "{sum}");
    assert!(s["detail"].as_str().unwrap().starts_with("250"), "{s}");

    let (path, stored) = wait_for_head(&rig.maildir("bob"), &tok);
    // Remove our 20 MB copy so other tests' Maildir scans stay fast.
    let _ = std::fs::remove_file(&path);
    let got = strip_trace(&stored);
    assert_eq!(got.len(), expected.len(), "size differs");
    assert!(got == expected.as_slice(), "content differs");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );

    // The same with BDAT: each MiB of the message is one chunk, encoded as it goes.
    let tok2 = token("bigbdat");
    let msg2 = [
        format!("Subject: big {tok2}\r\n").into_bytes(),
        msg[msg.iter().position(|&b| b == b'\n').unwrap() + 1..].to_vec(),
    ]
    .concat();
    std::fs::write(&file, &msg2).unwrap();
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
        ])
        .args(["--to", "bob@rig.test", "--bdat", "--data"])
        .arg(&file));
    let _ = std::fs::remove_file(&file);
    assert_ok(&r);
    let bdat: Vec<String> = r
        .dialogue()
        .into_iter()
        .filter(|l| l.starts_with("C: BDAT"))
        .collect();
    assert!(bdat.len() >= 20, "{bdat:?}");
    let (path, stored) = wait_for_head(&rig.maildir("bob"), &tok2);
    let _ = std::fs::remove_file(&path);
    let got = strip_trace(&stored);
    assert!(got == as_stored(&msg2).as_slice(), "BDAT content differs");
}

// ---------------------------------------------------------------- 15. human output

#[test]
fn human_output_shows_dialogue_tls_marker_timings_and_verdict() {
    let rig = rig();
    let tok = token("human");
    let r = run(send_human()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--starttls",
            "--ca-file",
            rig.ca(),
            "--sni",
            "mail.rig.test",
        ])
        .args([
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
            "--subject",
            &tok,
        ]));
    assert_eq!(r.code, 0, "{r:?}");
    let out = &r.stdout;
    let lines: Vec<&str> = out.lines().collect();
    let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
    assert!(has(" S: 220 mail.rig.test"), "{out}");
    assert!(has(" C: EHLO "), "{out}");
    assert!(has(" C: STARTTLS"), "{out}");
    // After STARTTLS every dialogue line is marked as inside TLS.
    let st = lines
        .iter()
        .position(|l| l.contains(" C: STARTTLS"))
        .unwrap();
    let after: Vec<&&str> = lines[st + 2..]
        .iter()
        .filter(|l| l.contains(" C: ") || l.contains(" S: "))
        .collect();
    assert!(
        !after.is_empty()
            && after
                .iter()
                .all(|l| l.contains("tls C: ") || l.contains("tls S: ")),
        "{out}"
    );
    assert!(has("tls C: EHLO "), "{out}");
    assert!(has("tls C: QUIT"), "{out}");
    assert!(has("certificate verified"), "{out}");
    // Timings line and verdict.
    let timings = lines
        .iter()
        .find(|l| l.starts_with("timings (ms):"))
        .unwrap_or_else(|| panic!("no timings line:\n{out}"));
    for phase in [
        "connect", "banner", "ehlo", "starttls", "tls", "data", "total",
    ] {
        assert!(timings.contains(phase), "{timings}");
    }
    let verdict = lines.last().unwrap();
    assert!(verdict.starts_with("OK smtp send"), "{out}");
    assert!(verdict.contains(&rig.addr("RIG_SMTP_PORT")), "{verdict}");
    // No ANSI colour when NO_COLOR is set and stdout is not a terminal.
    assert!(!out.contains('\u{1b}'), "{out}");
    wait_for_head(&rig.maildir("alice"), &tok);
}

// ---------------------------------------------------------------- --quit-after mail / data

/// `--quit-after mail` probes whether the server would take this message from this sender, so
/// MAIL FROM must declare the message's real SIZE (as a full send does), never SIZE=0.
#[test]
fn quit_after_mail_declares_the_real_size() {
    let rig = rig();
    let tok = token("size");
    let msg = format!("Subject: {tok}\n\n{}\n", "x".repeat(5000)).into_bytes();
    let file = temp_file("size.eml", &msg);
    let mail_line = |step: &str| -> String {
        let r = run(send()
            .args([
                "-s",
                &rig.addr("RIG_SMTP_PORT"),
                "--from",
                "sender@rig.test",
                "--to",
                "alice@rig.test",
            ])
            .args(["--quit-after", step])
            .arg("--data")
            .arg(&file));
        assert_ok(&r);
        assert_ends_with_quit(&r);
        r.dialogue()
            .into_iter()
            .find(|l| l.starts_with("C: MAIL FROM:"))
            .expect("MAIL FROM sent")
    };
    let at_rcpt = mail_line("rcpt");
    let at_mail = mail_line("mail");
    let _ = std::fs::remove_file(&file);
    let wire_size = as_stored(&msg).len() + as_stored(&msg).iter().filter(|&&b| b == b'\n').count();
    assert!(at_rcpt.contains(&format!(" SIZE={wire_size}")), "{at_rcpt}");
    assert!(
        !at_mail.contains("SIZE=0"),
        "--quit-after mail declared an empty message: {at_mail}"
    );
    assert_eq!(
        at_mail, at_rcpt,
        "MAIL FROM must not depend on where the probe stops"
    );
}

#[test]
fn quit_after_data_closes_after_354_without_a_message() {
    let rig = rig();
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--from",
            "sender@rig.test",
            "--to",
            "alice@rig.test",
        ])
        .args(["--quit-after", "data"]));
    let s = assert_ok(&r);
    assert_eq!(s["accepted"], false, "{s}");
    let d = r.dialogue();
    assert!(d.last().unwrap().starts_with("S: 354"), "{d:#?}");
    assert!(events(&r, "data_summary").is_empty());
    let closed = one_event(&r, "closed");
    assert!(
        closed["by"].as_str().unwrap().starts_with("client"),
        "{closed}"
    );
}

/// DNS answers from a --json run, shaped as {query, answers}: `MX domain` for MX lookups, and the
/// host name for its A and AAAA lookups together (as the transcript shows them).
fn resolved(r: &Run) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for e in r.json().iter().filter(|e| e["type"] == "dns_answer") {
        let qtype = e["qtype"].as_str().unwrap_or("");
        let name = e["name"].as_str().unwrap_or("");
        let data: Vec<Value> = e["records"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|x| x["type"] == qtype)
                    .map(|x| x["data"].clone())
                    .collect()
            })
            .unwrap_or_default();
        let query = if qtype == "MX" {
            format!("MX {name}")
        } else {
            name.to_string()
        };
        match out.iter_mut().find(|v| v["query"] == query.as_str()) {
            Some(v) => v["answers"].as_array_mut().unwrap().extend(data),
            None => out.push(serde_json::json!({"query": query, "answers": data})),
        }
    }
    out
}

// ---------------------------------------------------------------- TLS mistakes, with a fix named

/// Plain TCP to an implicit-TLS port (Postfix SMTPS, Dovecot IMAPS): the server waits for our
/// ClientHello and says nothing; the banner timeout names --tls as the likely fix.
#[test]
fn silent_implicit_tls_port_hints_tls() {
    let r = run(mailctl()
        .args(["--json", "smtp", "send", "--timeout", "1s"])
        .args(["-s", &rig().addr("RIG_SMTPS_PORT")])
        .args(["--to", "alice@rig.test", "--quit-after", "ehlo"]));
    let s = r.failed_at(6, "banner");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("the server sent nothing") && msg.contains("try --tls"),
        "{s}"
    );
    let r = run(mailctl()
        .args([
            "--json",
            "imap",
            "capability",
            "-s",
            &rig().addr("RIG_IMAPS_PORT"),
        ])
        .args(["--timeout", "1s"]));
    let s = r.failed_at(6, "banner");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("try --tls"),
        "{s}"
    );
}

/// A slow server that did send part of its greeting gets no TLS hint: it is not silent.
#[test]
fn a_server_that_spoke_gets_no_tls_hint() {
    let fake = crate::fake::FakeServer::start(vec![
        crate::fake::send("220 partial"),
        crate::fake::Step::Stall,
    ]);
    let r = run(mailctl()
        .args([
            "--json",
            "smtp",
            "send",
            "-s",
            &fake.server_arg(),
            "--timeout",
            "1s",
        ])
        .args(["--to", "a@fake.test"]));
    let s = r.failed_at(6, "banner");
    assert!(
        !s["error"]["message"].as_str().unwrap().contains("--tls"),
        "{s}"
    );
    fake.finish();
}

/// --tls against a plaintext port: the greeting is no TLS record; the failure says so in words
/// and names --starttls.
#[test]
fn tls_against_a_plaintext_port_hints_starttls() {
    for (proto, key) in [("smtp", "RIG_SMTP_PORT"), ("imap", "RIG_IMAP_PORT")] {
        let mut c = mailctl();
        c.args(["--json", proto]);
        if proto == "smtp" {
            c.args(["send", "--to", "alice@rig.test", "--quit-after", "ehlo"]);
        } else {
            c.arg("capability");
        }
        let r = run(c.args(["-s", &rig().addr(key), "--tls", "--timeout", "5s"]));
        let s = r.failed_at(5, "tls");
        let msg = s["error"]["message"].as_str().unwrap();
        assert!(msg.contains("did not answer with TLS"), "{proto}: {s}");
        assert!(msg.contains("try --starttls"), "{proto}: {s}");
    }
}

/// A certificate name mismatch names the name checked and the certificate's names in words (no
/// `DnsName(...)` debug text), and suggests --sni only when --sni was not given.
#[test]
fn certificate_name_mismatch_reads_as_words() {
    let base = |server: &str| {
        let mut c = send();
        c.args(["-s", server, "--tls", "--ca-file", rig().ca()])
            .args(["--to", "alice@rig.test", "--quit-after", "ehlo"]);
        c
    };
    let r = run(base(&rig().addr("RIG_SMTPS_PORT")).args(["--sni", "wrong.rig.test"]));
    let s = r.failed_at(5, "tls");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("not valid for wrong.rig.test (the --sni name): it names mail.rig.test"),
        "{s}"
    );
    assert!(!msg.contains("DnsName") && !msg.contains("hint"), "{s}");
    // Without --sni the name checked is the host connected to (ns.rig.test, through the rig's
    // DNS); now --sni is the fix to name.
    let host = format!("ns.rig.test:{}", rig().port("RIG_SMTPS_PORT"));
    let r = run(base(&host).args(["--nameserver", &rig().dns()]));
    let s = r.failed_at(5, "tls");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("not valid for ns.rig.test: it names mail.rig.test"),
        "{s}"
    );
    assert!(msg.contains("give it with --sni"), "{s}");
}

/// swaks' `--quit-after EHLO` stops after the last EHLO of the session: against Postfix, after
/// the second one inside TLS with `--protocol ESMTPS` (mailctl's `starttls`), after the only one
/// without (mailctl's `ehlo`); then QUIT. It used to be refused with a sentence.
#[test]
fn swaks_quit_after_ehlo_stops_after_the_last_ehlo() {
    let rig = rig();
    for (tls, ehlos) in [(&["--protocol", "ESMTPS"][..], 2), (&[][..], 1)] {
        let r = run(send()
            .args(["-s", &rig.addr("RIG_SMTP_PORT"), "--cacert", rig.ca()])
            .args(["--tls-sni", "mail.rig.test", "--quit-after", "EHLO"])
            .args(tls));
        let s = assert_ok(&r);
        let d = r.dialogue();
        let sent_ehlo = d.iter().filter(|l| l.starts_with("C: EHLO")).count();
        assert_eq!(sent_ehlo, ehlos, "{tls:?}: {d:#?}");
        assert_eq!(s["tls"], ehlos == 2, "{s}");
        assert!(!dialogue_has(&r, "C: MAIL"), "{d:#?}");
        assert_ends_with_quit(&r);
    }
}

/// A swaks command line, spelled the swaks way wherever mailctl takes the spelling as an alias
/// (`--protocol ESMTPSA`, `--auth-user`, `--ehlo`, `--mail-from`/`--mail-rcpt` of curl,
/// `--add-header`, `--h-Subject`, `--tls-sni`, `--cacert`), does against Postfix what the mailctl
/// spelling does: STARTTLS, AUTH, the EHLO name, the headers in the stored message.
#[test]
fn swaks_spellings_send_the_same_message() {
    let rig = rig();
    let _g = auth_lock();
    clear_auth_penalty(rig);
    let tok = token("swaks-spelling");
    let r = run(send().env("RIG_TEST_PW", ALICE_PW).args([
        "-s",
        &rig.addr("RIG_SUBMISSION_PORT"),
        "--protocol",
        "esmtpsa",
        "--cacert",
        rig.ca(),
        "--tls-sni",
        "mail.rig.test",
        "--auth-user",
        "alice@rig.test",
        "--password-env",
        "RIG_TEST_PW",
        "--ehlo",
        "client.swaks.example",
        "--mail-from",
        "alice@rig.test",
        "--mail-rcpt",
        "bob@rig.test",
        "--h-Subject",
        &tok,
        "--add-header",
        "X-Swaks: yes",
    ]));
    let s = assert_ok(&r);
    assert_eq!(s["tls"], true, "{s}");
    assert_tls_verified(&r, "mail.rig.test");
    assert!(dialogue_has(&r, "C: EHLO client.swaks.example"), "{r:?}");
    assert!(
        dialogue_has(&r, "C: AUTH "),
        "--protocol ESMTPSA authenticates: {r:?}"
    );
    assert_no_secret(&r);
    let (_, stored) = wait_for_head(&rig.maildir("bob"), &tok);
    let text = String::from_utf8_lossy(&stored);
    assert!(text.contains(&format!("Subject: {tok}")), "{text}");
    assert!(text.contains("X-Swaks: yes"), "{text}");
    assert!(trace_headers(&stored).contains("with ESMTPSA id"), "{text}");

    // --tls-on-connect is --tls; swaks' stop point FROM (any case) is MAIL.
    let r = run(send().args([
        "-s",
        &rig.addr("RIG_SMTPS_PORT"),
        "--tls-on-connect",
        "--cacert",
        rig.ca(),
        "--tls-sni",
        "mail.rig.test",
        "--from",
        "alice@rig.test",
        "--to",
        "bob@rig.test",
        "--quit-after",
        "FROM",
    ]));
    let s = assert_ok(&r);
    assert_eq!(s["tls"], true, "{s}");
    assert!(dialogue_has(&r, "C: MAIL FROM:<alice@rig.test>"), "{r:?}");
    assert!(!dialogue_has(&r, "C: RCPT"), "stopped after MAIL: {r:?}");
    assert_ends_with_quit(&r);
}

/// DSN (RFC 3461): RET and ENVID (as xtext) on MAIL FROM, NOTIFY and ORCPT on each RCPT TO,
/// accepted by Postfix; a bad value is a usage error before connecting; a server without DSN is
/// exit 18 with nothing sent.
#[test]
fn dsn_parameters_go_out_as_rfc_3461_says() {
    let rig = rig();
    let r = run(send()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
        .args([
            "--notify",
            "success,failure",
            "--ret",
            "hdrs",
            "--envid",
            "id+1=x",
        ]));
    let s = assert_ok(&r);
    assert_eq!(s["accepted"], true, "{s}");
    let d = r.dialogue();
    assert!(
        d.iter()
            .any(|l| l.starts_with("C: MAIL FROM:<sender@rig.test>")
                && l.ends_with(" RET=HDRS ENVID=id+2B1+3Dx")),
        "{d:#?}"
    );
    assert!(
        d.iter().any(|l| l
            == "C: RCPT TO:<alice@rig.test> NOTIFY=FAILURE,SUCCESS ORCPT=rfc822;alice@rig.test"),
        "{d:#?}"
    );
    for bad in [
        vec!["--notify", "never,success"],
        vec!["--notify", "sometimes"],
        vec!["--ret", "body"],
        vec!["--envid", "has\tcontrol"],
    ] {
        let r = run(send()
            .args(["-s", &rig.addr("RIG_SMTP_PORT")])
            .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
            .args(&bad));
        assert_eq!(r.code, 2, "{bad:?}: {r:?}");
    }
}
