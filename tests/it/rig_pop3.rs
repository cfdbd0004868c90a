//! `mailctl pop3` against the rig's Dovecot (POP3 on 10110 with STLS, POP3S on 10995): counts,
//! retrieval byte for byte (stdout and -o), TOP, DELE and its rollback, TLS, every login method,
//! refusing cleartext passwords where the server refuses them, and a large message.
//!
//! Every POP3 test uses carol@rig.test and holds `carol_lock()`: a POP3 session locks the mailbox
//! and message numbers depend on its contents. Other test files may still deliver to carol (and
//! remove what they delivered), so no test here relies on the mailbox holding only its own
//! messages: each finds its messages by a `token()` (TOP n 0), never deletes anything it did not
//! deliver, and removes what it delivered when it ends.

use crate::util::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

const CAROL: &str = "carol@rig.test";
const CAROL_PW: &str = "carol-secret-pw";
/// Envelope sender of every message these tests deliver.
const SENDER: &str = "pop3-test@rig.test";

static CAROL_LOCK: Mutex<()> = Mutex::new(());

/// Take the lock; the first taker also removes what earlier, aborted runs of these tests left
/// in carol's mailbox (messages from our envelope sender only).
pub(crate) fn carol_lock() -> MutexGuard<'static, ()> {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let g = CAROL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        let ours = format!("Return-Path: <{SENDER}>");
        let stale: Vec<String> = uidl_all()
            .into_iter()
            .filter(|(n, _)| {
                let r = run_raw(pop3("top").args([&n.to_string(), "0"]));
                r.code == 0 && r.stdout.starts_with(ours.as_bytes())
            })
            .map(|(_, u)| u)
            .collect();
        if !stale.is_empty() {
            let _ = run(pop3("dele").arg("--uid").args(&stale));
        }
    }
    g
}

// ---------------------------------------------------------------- running mailctl

/// What a finished run produced, stdout kept as raw bytes (retrieved messages go there).
#[derive(Debug)]
pub struct RawRun {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl RawRun {
    /// JSON Lines from stderr (where the transcript goes when stdout carries data).
    pub fn events(&self) -> Vec<Value> {
        jsonl(&self.stderr)
    }
    pub fn summary(&self) -> Value {
        summary_of(&self.events())
    }
    pub fn dialogue(&self) -> Vec<String> {
        dialogue_of(&self.events())
    }
}

pub fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {l}\n--- whole output:\n{text}"))
        })
        .collect()
}

pub fn summary_of(all: &[Value]) -> Value {
    let last = all.last().cloned().expect("no JSON output");
    assert_eq!(
        last["type"], "summary",
        "last line is not the summary: {last}"
    );
    last
}

pub fn dialogue_of(all: &[Value]) -> Vec<String> {
    all.iter()
        .filter_map(|e| match e["type"].as_str()? {
            "sent" => Some(format!("C: {}", e["line"].as_str()?)),
            "recv" => Some(format!("S: {}", e["line"].as_str()?)),
            _ => None,
        })
        .collect()
}

/// Like `util::run`, but stdout stays bytes.
pub fn run_raw(cmd: &mut Command) -> RawRun {
    let out = Running::start(cmd).output(Duration::from_secs(60));
    RawRun {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `mailctl --json pop3 SUB -s ADDR` with a bounded timeout, no login.
fn pop3_at(addr: &str, sub: &str) -> Command {
    let mut c = mailctl();
    c.args(["--json", "pop3", sub, "-s", addr, "--timeout", "10s"]);
    c
}

/// Logged in as carol over plaintext POP3 on 127.0.0.1 (Dovecot allows that from loopback).
fn pop3(sub: &str) -> Command {
    let mut c = pop3_at(&rig().addr("RIG_POP3_PORT"), sub);
    c.args(["-u", CAROL]).env("MAILCTL_PASSWORD", CAROL_PW);
    c
}

/// TLS options for the rig's certificate.
fn tls_args(rig: &Rig) -> Vec<String> {
    vec![
        "--ca-file".into(),
        rig.ca().into(),
        "--sni".into(),
        rig.get("RIG_TLS_NAME").into(),
    ]
}

#[track_caller]
fn assert_ok(r: &Run) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    assert_eq!(s["exit_code"], 0, "{s}");
    assert!(s["error"].is_null(), "{s}");
    s
}

#[track_caller]
fn assert_raw_ok(r: &RawRun) -> Value {
    assert!(
        !r.stderr.contains("panicked"),
        "mailctl panicked: {}",
        r.stderr
    );
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    s
}

#[track_caller]
fn assert_failed(r: &Run, code: i32, phase: &str) -> Value {
    r.failed_at(code, phase)
}

/// Every form in which a password could leak into a transcript.
fn secret_forms(user: &str, pw: &str) -> Vec<String> {
    use base64::Engine;
    let b64 = |s: &[u8]| base64::engine::general_purpose::STANDARD.encode(s);
    vec![
        pw.to_string(),
        b64(pw.as_bytes()),
        b64(format!("\0{user}\0{pw}").as_bytes()),
    ]
}

#[track_caller]
fn assert_no_secret_in(stdout: &[u8], stderr: &str, pw: &str) {
    for s in secret_forms(CAROL, pw) {
        assert!(
            !contains(stdout, s.as_bytes()),
            "secret {s:?} leaked to stdout:\n{}",
            String::from_utf8_lossy(stdout)
        );
        assert!(
            !stderr.contains(&s),
            "secret {s:?} leaked to stderr:\n{stderr}"
        );
    }
}

#[track_caller]
fn assert_no_secret(r: &Run) {
    assert_no_secret_in(r.stdout.as_bytes(), &r.stderr, CAROL_PW);
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn events(all: &[Value], ty: &str) -> Vec<Value> {
    all.iter().filter(|e| e["type"] == ty).cloned().collect()
}

fn temp_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mailctl-{}", token(tag)))
}

// ---------------------------------------------------------------- messages in carol's mailbox

/// Deliver `msg` (a whole message, CRLF or LF) to carol through Postfix, wait until it is in the
/// Maildir, and return the stored copy (LF line endings, trace headers prepended).
fn deliver(tok: &str, msg: &[u8]) -> Vec<u8> {
    let rig = rig();
    let file = temp_path("pop3-msg.eml");
    std::fs::write(&file, msg).unwrap();
    let r = run(mailctl()
        .args([
            "-q",
            "smtp",
            "send",
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--timeout",
            "30s",
            "--from",
            SENDER,
            "--to",
            CAROL,
        ])
        .arg("--data")
        .arg(&file));
    let _ = std::fs::remove_file(&file);
    assert_eq!(r.code, 0, "delivery failed: {r:?}");
    wait_for_head(&rig.maildir("carol"), tok)
}

/// Wait (bounded) for a Maildir message whose first 16 KiB contain `needle` (never reads whole
/// large messages of other tests). Returns its bytes.
fn wait_for_head(dir: &Path, needle: &str) -> Vec<u8> {
    use std::io::Read;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        for f in maildir_files(dir) {
            let mut head = vec![0u8; 16 * 1024];
            let n = match std::fs::File::open(&f).and_then(|mut h| h.read(&mut head)) {
                Ok(n) => n,
                Err(_) => continue,
            };
            if contains(&head[..n], needle.as_bytes())
                && let Ok(b) = std::fs::read(&f)
            {
                return b;
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

/// What POP3 sends for a stored message: Dovecot keeps LF, RETR gives CRLF.
fn wire_form(stored: &[u8]) -> Vec<u8> {
    assert!(!stored.contains(&b'\r'), "stored copy has a CR");
    let mut out = Vec::with_capacity(stored.len() + stored.len() / 40);
    for &b in stored {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[track_caller]
fn assert_same_bytes(got: &[u8], want: &[u8]) {
    if got != want {
        let at = got
            .iter()
            .zip(want)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(want.len()));
        let lo = at.saturating_sub(60);
        panic!(
            "bytes differ at {at} (got {} bytes, expected {}):\n got:    {:?}\n expect: {:?}",
            got.len(),
            want.len(),
            String::from_utf8_lossy(&got[lo..(at + 60).min(got.len())]),
            String::from_utf8_lossy(&want[lo..(at + 60).min(want.len())]),
        );
    }
}

/// (number, unique id) of every message, from one UIDL.
fn uidl_all() -> Vec<(u64, String)> {
    let r = run(&mut pop3("uidl"));
    let s = assert_ok(&r);
    s["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("no messages array: {s}"))
        .iter()
        .map(|m| {
            (
                m["msg"].as_u64().unwrap(),
                m["uid"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Msg {
    n: u64,
    uid: String,
}

/// Find our message by its token: newest first (ours is usually the last), with TOP n 0.
fn locate(tok: &str) -> Msg {
    for (n, uid) in uidl_all().into_iter().rev() {
        let r = run_raw(pop3("top").args([&n.to_string(), "0"]));
        if r.code == 0 && contains(&r.stdout, tok.as_bytes()) {
            return Msg { n, uid };
        }
    }
    panic!("no message with {tok:?} in carol's mailbox");
}

/// Deletes (by unique id, still under the lock) whatever it holds and is still there.
struct Cleanup(Vec<String>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let left: Vec<String> = match std::panic::catch_unwind(uidl_all) {
            Ok(all) => all
                .into_iter()
                .map(|(_, u)| u)
                .filter(|u| self.0.contains(u))
                .collect(),
            Err(_) => return,
        };
        if !left.is_empty() {
            let _ = run(pop3("dele").arg("--uid").args(&left));
        }
    }
}

fn simple_message(tok: &str, body: &str) -> Vec<u8> {
    format!("From: pop3-test@rig.test\r\nTo: {CAROL}\r\nSubject: {tok}\r\n\r\n{body}\r\n")
        .into_bytes()
}

/// Dots at line starts, a lone ".", 8-bit UTF-8 in a header and the body.
fn tricky_message(tok: &str) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(
        format!("From: pop3-test@rig.test\r\nTo: {CAROL}\r\nSubject: h\u{e9}llo \u{65e5}\u{672c}\u{8a9e} \u{1f600} {tok}\r\n")
            .as_bytes(),
    );
    m.extend_from_slice(
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
    );
    m.extend_from_slice(b".leading dot\r\n.\r\n..two dots\r\n...\r\n. dot space\r\n\r\n");
    m.extend_from_slice("w\u{f6}rld \u{2014} caf\u{e9}\r\n".as_bytes());
    m.extend_from_slice(b"last line .\r\n.\r\n");
    m
}

// ---------------------------------------------------------------- counts

#[test]
fn stat_list_uidl_agree_with_what_was_delivered() {
    let _g = carol_lock();
    let (t1, t2) = (token("pop3-count-a"), token("pop3-count-b"));
    let s1 = deliver(&t1, &simple_message(&t1, "first"));
    let s2 = deliver(&t2, &simple_message(&t2, "second, a little longer"));
    let m1 = locate(&t1);
    let m2 = locate(&t2);
    let _c = Cleanup(vec![m1.uid.clone(), m2.uid.clone()]);
    assert_ne!(m1.n, m2.n);
    assert_ne!(m1.uid, m2.uid);

    // Another test file may deliver to carol between two sessions: retry until the STATs before
    // and after LIST/UIDL agree, then everything must be consistent.
    let mut checked = false;
    for _ in 0..5 {
        let st1 = assert_ok(&run(&mut pop3("stat")));
        let list = run(&mut pop3("list"));
        let uidl = run(&mut pop3("uidl"));
        let st2 = assert_ok(&run(&mut pop3("stat")));
        if (&st1["messages"], &st1["octets"]) != (&st2["messages"], &st2["octets"]) {
            continue;
        }
        assert_eq!(st1["command"], "pop3 stat");
        let count = st1["messages"].as_u64().unwrap();
        let octets = st1["octets"].as_u64().unwrap();
        assert_eq!(
            st1["detail"],
            format!("{count} messages, {octets} octets"),
            "{st1}"
        );
        let ls = assert_ok(&list);
        let rows = ls["messages"].as_array().unwrap();
        assert_eq!(rows.len() as u64, count, "{ls}");
        let sum: u64 = rows.iter().map(|r| r["size"].as_u64().unwrap()).sum();
        assert_eq!(sum, octets, "LIST sizes do not add up to STAT: {ls}");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r["msg"], i as u64 + 1, "{ls}");
        }
        let size_of = |n: u64| rows[n as usize - 1]["size"].as_u64().unwrap();
        assert_eq!(size_of(m1.n), wire_form(&s1).len() as u64, "{ls}");
        assert_eq!(size_of(m2.n), wire_form(&s2).len() as u64, "{ls}");

        let us = assert_ok(&uidl);
        let urows = us["messages"].as_array().unwrap();
        assert_eq!(urows.len() as u64, count, "{us}");
        let mut uids: Vec<&str> = urows.iter().map(|r| r["uid"].as_str().unwrap()).collect();
        assert_eq!(urows[m1.n as usize - 1]["uid"], m1.uid.as_str());
        assert_eq!(urows[m2.n as usize - 1]["uid"], m2.uid.as_str());
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len() as u64, count, "unique ids are not unique: {us}");
        checked = true;
        break;
    }
    assert!(
        checked,
        "carol's mailbox never held still for STAT/LIST/UIDL/STAT"
    );

    // One-message forms.
    let r = run(pop3("list").arg(m1.n.to_string()));
    let s = assert_ok(&r);
    assert_eq!(
        s["messages"],
        json!([{"msg": m1.n, "size": wire_form(&s1).len()}]),
        "{s}"
    );
    assert!(r.dialogue().contains(&format!("C: LIST {}", m1.n)));
    let r = run(pop3("uidl").arg(m2.n.to_string()));
    let s = assert_ok(&r);
    assert_eq!(s["messages"], json!([{"msg": m2.n, "uid": m2.uid}]), "{s}");
    assert_no_secret(&r);
}

/// `mailctl [GLOBAL…] pop3 SUB -s POP3 -u carol` in human output (no --json).
fn pop3_human(global: &[&str], sub: &str) -> Command {
    let mut c = mailctl();
    c.args(global)
        .args([
            "pop3",
            sub,
            "-s",
            &rig().addr("RIG_POP3_PORT"),
            "--timeout",
            "10s",
        ])
        .args(["-u", CAROL])
        .env("MAILCTL_PASSWORD", CAROL_PW);
    c
}

/// Results commands follow curl's convention: stdout carries the result table alone (for
/// `> file`, `| cut`), the transcript and the verdict go to stderr; `-q` drops the transcript
/// but never the result. (Before, the table sat between the transcript and the verdict on
/// stdout, and `-q` printed the verdict only: `pop3 -q list` listed nothing.)
#[test]
fn list_uidl_stat_results_alone_on_stdout_and_kept_by_q() {
    let _g = carol_lock();
    let tok = token("pop3-results");
    deliver(&tok, &simple_message(&tok, "results"));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    let n = m.n.to_string();
    let w = n.len().max(3);
    let want = format!("{:<w$}  UID\n{n:<w$}  {}\n", "MSG", m.uid);
    for global in [&[][..], &["-q"]] {
        let r = run(pop3_human(global, "uidl").arg(&n));
        assert_eq!(r.code, 0, "{global:?}: {r:?}");
        assert_eq!(
            r.stdout, want,
            "{global:?}: stdout is the result alone: {r:?}"
        );
        let verdict = r.stderr.lines().last().unwrap_or_default();
        assert!(verdict.starts_with("OK pop3 uidl "), "{global:?}: {r:?}");
        if global.is_empty() {
            assert!(r.stderr.contains(&format!("C: UIDL {n}")), "{r:?}");
        } else {
            assert_eq!(r.stderr.lines().count(), 1, "-q: the verdict alone: {r:?}");
        }
    }
    // STAT's numbers are its result: a table too, on stdout, with -q as well.
    let r = run(&mut pop3_human(&["-q"], "stat"));
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{r:?}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["MESSAGES", "OCTETS"]
    );
    let nums: Vec<u64> = lines[1]
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(nums.len() == 2 && nums[0] >= 1 && nums[1] > 0, "{r:?}");
    assert!(r.stderr.starts_with("OK pop3 stat "), "{r:?}");
    // --json is unchanged: every event and the summary on stdout.
    let r = run(pop3("uidl").arg(&n));
    let s = assert_ok(&r);
    assert_eq!(s["messages"], json!([{"msg": m.n, "uid": m.uid}]), "{s}");
    assert!(r.dialogue().contains(&format!("C: UIDL {n}")), "{r:?}");
}

// ---------------------------------------------------------------- RETR

#[test]
fn retr_to_stdout_is_exactly_the_message_transcript_on_stderr() {
    let _g = carol_lock();
    let tok = token("pop3-retr-stdout");
    let stored = deliver(&tok, &tricky_message(&tok));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);

    let r = run_raw(pop3("retr").arg(m.n.to_string()));
    let s = assert_raw_ok(&r);
    // stdout is the message and nothing else: CRLF on the wire, the Maildir copy once normalised.
    assert_same_bytes(&r.stdout, &wire_form(&stored));
    assert_same_bytes(&normalise(&r.stdout), &stored);
    assert!(contains(&r.stdout, "\u{65e5}\u{672c}\u{8a9e}".as_bytes()));
    assert!(contains(&r.stdout, b"\r\n.\r\n..two dots\r\n...\r\n"));
    // The transcript and summary are on stderr.
    assert_eq!(s["command"], "pop3 retr", "{s}");
    assert_eq!(s["msg"], m.n, "{s}");
    assert_eq!(s["octets"], r.stdout.len() as u64, "{s}");
    assert_eq!(
        s["lines"],
        r.stdout.iter().filter(|&&b| b == b'\n').count() as u64,
        "{s}"
    );
    assert!(s["output"].is_null(), "{s}");
    assert_eq!(s["deleted"], json!([]), "{s}");
    let d = r.dialogue();
    assert!(d.contains(&format!("C: RETR {}", m.n)), "{d:#?}");
    assert!(d.contains(&"C: PASS ***".to_string()), "{d:#?}");
    assert!(!d.iter().any(|l| l.starts_with("C: DELE")), "{d:#?}");
    let dr = events(&r.events(), "data_received");
    assert_eq!(dr.len(), 1, "{}", r.stderr);
    assert_eq!(dr[0]["bytes"], r.stdout.len() as u64);
    assert_no_secret_in(&r.stdout, &r.stderr, CAROL_PW);
    // The size from LIST (asked first: it bounds the body) is exact for Dovecot: no warning.
    assert!(d.contains(&format!("C: LIST {}", m.n)), "{d:#?}");
    assert!(
        !events(&r.events(), "warning")
            .iter()
            .any(|w| w["msg"].as_str().unwrap().contains("octets")),
        "{}",
        r.stderr
    );
    // RETR never deletes.
    assert!(uidl_all().iter().any(|(_, u)| u == &m.uid));
}

#[test]
fn retr_to_file_refuses_to_overwrite_without_force() {
    let _g = carol_lock();
    let tok = token("pop3-retr-file");
    let stored = deliver(&tok, &tricky_message(&tok));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    let out = temp_path("retr-out.eml");

    let r = run(pop3("retr").arg(m.n.to_string()).arg("-o").arg(&out));
    let s = assert_ok(&r);
    let got = std::fs::read(&out).unwrap();
    assert_same_bytes(&got, &wire_form(&stored));
    assert_eq!(s["output"], out.display().to_string(), "{s}");
    assert_eq!(s["octets"], got.len() as u64, "{s}");
    assert_eq!(s["deleted"], json!([]), "{s}");
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    assert_no_secret(&r);

    // Again: FILE exists, no --force -> usage error, FILE untouched.
    std::fs::write(&out, b"precious").unwrap();
    let r = run(pop3("retr").arg(m.n.to_string()).arg("-o").arg(&out));
    let s = assert_failed(&r, 2, "setup");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("--force"),
        "{s}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    assert!(
        !r.dialogue().iter().any(|l| l.starts_with("C: RETR")),
        "RETR sent although the output cannot be written: {:#?}",
        r.dialogue()
    );

    // --force overwrites.
    let r = run(pop3("retr")
        .arg(m.n.to_string())
        .arg("-o")
        .arg(&out)
        .arg("--force"));
    assert_ok(&r);
    assert_same_bytes(&std::fs::read(&out).unwrap(), &wire_form(&stored));
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn retr_by_uid_with_delete_writes_then_deletes() {
    let _g = carol_lock();
    let tok = token("pop3-retr-del");
    let stored = deliver(&tok, &simple_message(&tok, "delete me after reading"));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    let out = temp_path("retr-del.eml");

    let r = run(pop3("retr")
        .args(["--uid", &m.uid, "--delete", "-o"])
        .arg(&out));
    let s = assert_ok(&r);
    assert_same_bytes(&std::fs::read(&out).unwrap(), &wire_form(&stored));
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    assert_eq!(s["msg"], m.n, "{s}");
    assert_eq!(s["deleted"], json!([m.n]), "{s}");
    assert_eq!(s["output"], out.display().to_string(), "{s}");
    let d = r.dialogue();
    // UIDL to resolve the id, RETR, then DELE, then QUIT (which commits).
    let pos = |p: &str| {
        d.iter()
            .position(|l| l.starts_with(p))
            .unwrap_or_else(|| panic!("{p:?} not sent: {d:#?}"))
    };
    assert!(pos("C: UIDL") < pos("C: RETR"));
    assert!(pos(&format!("C: RETR {}", m.n)) < pos(&format!("C: DELE {}", m.n)));
    assert!(pos("C: DELE") < pos("C: QUIT"));
    assert_no_secret(&r);
    // Gone from the server.
    assert!(!uidl_all().iter().any(|(_, u)| u == &m.uid));
    let _ = std::fs::remove_file(&out);

    // An unknown unique id: refused before anything is retrieved.
    let r = run_raw(pop3("retr").args(["--uid", "no-such-uid-xyz"]));
    assert_eq!(r.code, 29, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "command", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-uid-xyz"),
        "{s}"
    );
    assert!(!r.dialogue().iter().any(|l| l.starts_with("C: RETR")));
}

#[test]
fn top_zero_lines_is_the_header_only() {
    let _g = carol_lock();
    let tok = token("pop3-top");
    let stored = deliver(
        &tok,
        &simple_message(&tok, "body line one\r\nbody line two\r\n.dotted"),
    );
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    let head_end = stored
        .windows(2)
        .position(|w| w == b"\n\n")
        .expect("no header/body separator")
        + 2;

    let r = run_raw(pop3("top").args([&m.n.to_string(), "0"]));
    let s = assert_raw_ok(&r);
    assert_same_bytes(&r.stdout, &wire_form(&stored[..head_end]));
    assert!(!contains(&r.stdout, b"body line"));
    assert_eq!(s["command"], "pop3 top", "{s}");
    assert_eq!(s["octets"], r.stdout.len() as u64, "{s}");
    assert!(r.dialogue().contains(&format!("C: TOP {} 0", m.n)));

    // One body line.
    let r = run_raw(pop3("top").args([&m.n.to_string(), "1"]));
    assert_raw_ok(&r);
    let mut want = wire_form(&stored[..head_end]);
    want.extend_from_slice(b"body line one\r\n");
    assert_same_bytes(&r.stdout, &want);
    assert_no_secret_in(&r.stdout, &r.stderr, CAROL_PW);
}

// ---------------------------------------------------------------- DELE

#[test]
fn dele_removes_the_message() {
    let _g = carol_lock();
    let tok = token("pop3-dele");
    deliver(&tok, &simple_message(&tok, "to be deleted"));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);

    let r = run(pop3("dele").arg(m.n.to_string()));
    let s = assert_ok(&r);
    assert_eq!(s["deleted"], json!([m.n]), "{s}");
    let d = r.dialogue();
    let i = d
        .iter()
        .position(|l| l == &format!("C: DELE {}", m.n))
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(d[i + 1].starts_with("S: +OK"), "{d:#?}");
    assert_eq!(d[d.len() - 2], "C: QUIT", "{d:#?}");
    assert!(d[d.len() - 1].starts_with("S: +OK"), "{d:#?}");
    assert!(!uidl_all().iter().any(|(_, u)| u == &m.uid), "still there");
}

#[test]
fn dele_of_a_missing_message_deletes_nothing() {
    let _g = carol_lock();
    let tok = token("pop3-dele-rollback");
    let stored = deliver(&tok, &simple_message(&tok, "must survive"));
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);

    // `dele N 999999`: the first DELE succeeds, the second is refused; nothing may be committed.
    let r = run(pop3("dele").args([&m.n.to_string(), "999999"]));
    let s = assert_failed(&r, 29, "command");
    assert!(s["deleted"].is_null(), "{s}");
    assert!(
        s["error"]["reply"]
            .as_str()
            .unwrap_or("")
            .starts_with("-ERR"),
        "the server's -ERR is not in the error: {s}"
    );
    let d = r.dialogue();
    assert!(d.contains(&format!("C: DELE {}", m.n)), "{d:#?}");
    assert!(d.contains(&"C: DELE 999999".to_string()), "{d:#?}");
    let rset = d.iter().position(|l| l == "C: RSET");
    let quit = d.iter().position(|l| l == "C: QUIT");
    assert!(rset.is_some() && rset < quit, "no RSET before QUIT: {d:#?}");
    assert_no_secret(&r);
    // Still there, intact.
    let all = uidl_all();
    assert!(all.iter().any(|(_, u)| u == &m.uid), "message was deleted");
    let r = run_raw(pop3("retr").args(["--uid", &m.uid]));
    assert_raw_ok(&r);
    assert_same_bytes(&r.stdout, &wire_form(&stored));

    // An unknown unique id among known ones: nothing is deleted either.
    let r = run(pop3("dele").args(["--uid", &m.uid, "no-such-uid-xyz"]));
    assert_failed(&r, 29, "command");
    assert!(
        uidl_all().iter().any(|(_, u)| u == &m.uid),
        "message was deleted"
    );
}

// ---------------------------------------------------------------- login

#[test]
fn wrong_password_is_rejected_auth_23_with_the_server_text() {
    let _g = carol_lock();
    let wrong = "not-carols-password-42";
    let r = run(pop3_at(&rig().addr("RIG_POP3_PORT"), "noop")
        .args(["-u", CAROL, "--password-env", "POP3_WRONG_PW"])
        .env("POP3_WRONG_PW", wrong));
    let s = assert_failed(&r, 23, "auth");
    let reply = s["error"]["reply"].as_str().unwrap_or("");
    assert!(reply.starts_with("-ERR"), "{s}");
    assert!(reply.contains("Authentication failed"), "{s}");
    assert_no_secret_in(r.stdout.as_bytes(), &r.stderr, wrong);
    assert!(r.dialogue().contains(&"C: PASS ***".to_string()));
    assert!(!r.dialogue().iter().any(|l| l.starts_with("C: NOOP")));
    // Human mode shows the server's text too, and no password.
    let r = run(mailctl()
        .args([
            "pop3",
            "noop",
            "-s",
            &rig().addr("RIG_POP3_PORT"),
            "-u",
            CAROL,
        ])
        .args(["--password-env", "POP3_WRONG_PW", "--timeout", "10s"])
        .env("POP3_WRONG_PW", wrong));
    assert_eq!(r.code, 23, "{r:?}");
    assert!(r.stdout.contains("Authentication failed"), "{r:?}");
    assert_no_secret_in(r.stdout.as_bytes(), &r.stderr, wrong);
}

#[test]
fn noop_login_check_succeeds() {
    let _g = carol_lock();
    let r = run(&mut pop3("noop"));
    let s = assert_ok(&r);
    assert_eq!(s["command"], "pop3 noop");
    let d = r.dialogue();
    assert!(d.contains(&"C: USER carol@rig.test".to_string()), "{d:#?}");
    assert!(d.contains(&"C: NOOP".to_string()), "{d:#?}");
    // Plaintext password: warned about.
    assert!(
        events(&r.json(), "warning")
            .iter()
            .any(|w| w["msg"].as_str().unwrap().contains("unencrypted")),
        "{}",
        r.stdout
    );
    assert_no_secret(&r);
}

#[track_caller]
fn assert_all_tls_after_login(r: &Run) {
    let all = r.json();
    let t = events(&all, "tls");
    assert_eq!(t.len(), 1, "{}", r.stdout);
    assert_eq!(t[0]["verified"], true, "{}", t[0]);
    assert_eq!(t[0]["sni"], "mail.rig.test", "{}", t[0]);
    assert_eq!(t[0]["cert"]["subject"], "CN=mail.rig.test", "{}", t[0]);
    // Every credential-bearing line went inside TLS.
    for e in events(&all, "sent") {
        let l = e["line"].as_str().unwrap();
        if l.starts_with("USER") || l.starts_with("PASS") || l.starts_with("AUTH") || l == "***" {
            assert_eq!(e["tls"], true, "credentials outside TLS: {e}");
        }
    }
    assert!(
        !events(&all, "warning")
            .iter()
            .any(|w| w["msg"].as_str().unwrap().contains("unencrypted")),
        "{}",
        r.stdout
    );
}

#[test]
fn starttls_and_implicit_tls() {
    let _g = carol_lock();
    let rig = rig();
    // STLS on 110.
    let r = run(pop3("stat").arg("--starttls").args(tls_args(rig)));
    let s = assert_ok(&r);
    assert!(s["messages"].is_u64(), "{s}");
    assert_all_tls_after_login(&r);
    let all = r.json();
    let sent = events(&all, "sent");
    let stls = sent
        .iter()
        .position(|e| e["line"] == "STLS")
        .expect("no STLS");
    assert_eq!(sent[stls]["tls"], false);
    // CAPA is asked again inside TLS (RFC 2595: forget what was learned in plaintext).
    assert!(
        sent[stls + 1..]
            .iter()
            .any(|e| e["line"] == "CAPA" && e["tls"] == true),
        "{}",
        r.stdout
    );
    assert!(sent[stls + 1..].iter().all(|e| e["tls"] == true));
    assert_no_secret(&r);

    // Implicit TLS on 995: everything, the greeting included, is inside TLS.
    let r = run(pop3_at(&rig.addr("RIG_POP3S_PORT"), "stat")
        .args(["--tls", "-u", CAROL])
        .args(tls_args(rig))
        .env("MAILCTL_PASSWORD", CAROL_PW));
    assert_ok(&r);
    assert_all_tls_after_login(&r);
    let all = r.json();
    assert!(
        all.iter()
            .filter(|e| e["type"] == "sent" || e["type"] == "recv")
            .all(|e| e["tls"] == true),
        "{}",
        r.stdout
    );
    assert!(!r.dialogue().contains(&"C: STLS".to_string()));
    assert_no_secret(&r);

    // The name given with -s is checked: mail.rig.test through the rig's DNS.
    let r = run(mailctl()
        .args(["--json", "pop3", "noop", "--timeout", "10s", "--tls"])
        .args([
            "-s",
            &format!("mail.rig.test:{}", rig.port("RIG_POP3S_PORT")),
        ])
        .args([
            "--nameserver",
            &rig.dns(),
            "--ca-file",
            rig.ca(),
            "-u",
            CAROL,
        ])
        .env("MAILCTL_PASSWORD", CAROL_PW));
    assert_ok(&r);
    assert_eq!(events(&r.json(), "tls")[0]["sni"], "mail.rig.test");
}

#[test]
fn sasl_auth_each_mechanism_over_starttls() {
    let _g = carol_lock();
    let rig = rig();
    for (choice, mech) in [
        ("plain", "PLAIN"),
        ("login", "LOGIN"),
        ("cram-md5", "CRAM-MD5"),
        // The rig's Dovecot offers SCRAM: auto prefers SCRAM-SHA-256 over CRAM-MD5.
        ("auto", "SCRAM-SHA-256"),
    ] {
        let r = run(pop3("noop")
            .args(["--starttls", "--auth", choice])
            .args(tls_args(rig)));
        assert_ok(&r);
        assert_all_tls_after_login(&r);
        let all = r.json();
        let sent = events(&all, "sent");
        let i = sent
            .iter()
            .position(|e| e["line"].as_str().unwrap().starts_with("AUTH "))
            .unwrap_or_else(|| panic!("{choice}: no AUTH: {}", r.stdout));
        let line = sent[i]["line"].as_str().unwrap();
        if mech == "PLAIN" {
            assert_eq!(line, "AUTH PLAIN ***", "{choice}");
            assert_eq!(sent[i]["redacted"], true);
        } else {
            // SCRAM sends client-first (no secret in it) as the initial response.
            if mech.starts_with("SCRAM") {
                assert!(
                    line.starts_with(&format!("AUTH {mech} ")),
                    "{choice}: {line}"
                );
            } else {
                assert_eq!(line, format!("AUTH {mech}"), "{choice}");
            }
            assert!(
                sent[i + 1..]
                    .iter()
                    .any(|e| e["line"] == "***" && e["redacted"] == true),
                "{choice}: no redacted step: {}",
                r.stdout
            );
        }
        assert!(
            !sent
                .iter()
                .any(|e| e["line"].as_str().unwrap().starts_with("USER"))
        );
        assert!(
            r.dialogue()
                .iter()
                .any(|l| l.starts_with("S: +OK Logged in"))
        );
        assert_no_secret(&r);
    }
    // Plaintext AUTH PLAIN is fine on 127.0.0.1 too (no --starttls).
    let r = run(pop3("noop").args(["--auth", "plain"]));
    assert_ok(&r);
    assert_no_secret(&r);
}

#[test]
fn apop_without_a_greeting_timestamp_is_refused_23() {
    let _g = carol_lock();
    let r = run(pop3("noop").arg("--apop"));
    let s = assert_failed(&r, 23, "auth");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("APOP") && msg.contains("timestamp"), "{s}");
    let d = r.dialogue();
    assert!(
        !d.iter().any(|l| l.starts_with("C: APOP")
            || l.starts_with("C: USER")
            || l.starts_with("C: PASS")),
        "{d:#?}"
    );
    assert_no_secret(&r);
}

#[test]
fn plaintext_password_refused_where_the_server_refuses_it() {
    let _g = carol_lock();
    let rig = rig();
    let host2 = format!("{}:{}", rig.get("RIG_HOST2"), rig.port("RIG_POP3_PORT"));
    // Dovecot on 127.0.0.2 does not offer USER in the clear: mailctl must not send the password.
    let r = run(pop3_at(&host2, "noop")
        .args(["-u", CAROL])
        .env("MAILCTL_PASSWORD", CAROL_PW));
    let s = assert_failed(&r, 23, "auth");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("USER") && msg.contains("--starttls"), "{s}");
    let d = r.dialogue();
    assert!(
        !d.iter()
            .any(|l| l.starts_with("C: USER") || l.starts_with("C: PASS")),
        "{d:#?}"
    );
    assert!(
        !d.iter().any(|l| l.starts_with("S: USER")),
        "CAPA had USER? {d:#?}"
    );
    assert_no_secret(&r);
    // --auth plain in the clear there is not offered either (SASL lists CRAM-MD5 only).
    let r = run(pop3_at(&host2, "noop")
        .args(["-u", CAROL, "--auth", "plain"])
        .env("MAILCTL_PASSWORD", CAROL_PW));
    assert_failed(&r, 23, "auth");
    assert!(
        !r.dialogue().iter().any(|l| l.starts_with("C: AUTH")),
        "AUTH PLAIN (the password, base64) sent in the clear to a server that does not offer it: {:#?}",
        r.dialogue()
    );
    assert_no_secret(&r);
    // With STLS the same server takes the password.
    let r = run(pop3_at(&host2, "noop")
        .args(["-u", CAROL, "--starttls"])
        .args(tls_args(rig))
        .env("MAILCTL_PASSWORD", CAROL_PW));
    assert_ok(&r);
    assert_all_tls_after_login(&r);
    assert_no_secret(&r);
}

#[test]
fn capa_without_user_does_not_log_in() {
    let _g = carol_lock();
    let r = run(&mut pop3_at(&rig().addr("RIG_POP3_PORT"), "capa"));
    let s = assert_ok(&r);
    let caps: Vec<&str> = s["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for c in ["USER", "STLS", "UIDL", "TOP"] {
        assert!(caps.contains(&c), "{c} missing: {caps:?}");
    }
    assert!(caps.iter().any(|c| c.starts_with("SASL ")), "{caps:?}");
    let d = r.dialogue();
    assert!(
        !d.iter().any(|l| l.starts_with("C: USER")
            || l.starts_with("C: PASS")
            || l.starts_with("C: AUTH")),
        "{d:#?}"
    );
    assert_eq!(d[d.len() - 2], "C: QUIT", "{d:#?}");

    // With --user it logs in and asks CAPA again (capabilities can change after login).
    let r = run(&mut pop3("capa"));
    assert_ok(&r);
    let d = r.dialogue();
    assert_eq!(d.iter().filter(|l| *l == "C: CAPA").count(), 2, "{d:#?}");
    assert_no_secret(&r);
}

// ---------------------------------------------------------------- content

#[test]
fn mime_message_with_attachment_retrieved_byte_identical() {
    let _g = carol_lock();
    let rig = rig();
    let tok = token("pop3-mime");
    let att = temp_path("attach.bin");
    let bytes: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&att, &bytes).unwrap();
    let r = run(mailctl()
        .args([
            "-q",
            "smtp",
            "send",
            "-s",
            &rig.addr("RIG_SMTP_PORT"),
            "--timeout",
            "30s",
        ])
        .args(["--from", SENDER, "--to", CAROL])
        .args(["--subject", &format!("caf\u{e9} attachment {tok}")])
        .args(["-H", &format!("X-Pop3-Token: {tok}")])
        .args(["--body", "see the attachment \u{2014} d\u{e9}j\u{e0} vu"])
        .arg("--attach")
        .arg(&att));
    let _ = std::fs::remove_file(&att);
    assert_eq!(r.code, 0, "{r:?}");
    let stored = wait_for_head(&rig.maildir("carol"), &tok);
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    assert!(contains(&stored, b"multipart/mixed"), "not MIME");

    let out = temp_path("mime.eml");
    let r = run(pop3("retr").arg(m.n.to_string()).arg("-o").arg(&out));
    assert_ok(&r);
    let got = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert_same_bytes(&got, &wire_form(&stored));
    assert_same_bytes(&normalise(&got), &stored);

    // The same on stdout.
    let r = run_raw(pop3("retr").arg(m.n.to_string()));
    assert_raw_ok(&r);
    assert_same_bytes(&r.stdout, &wire_form(&stored));
}

#[test]
fn twenty_megabyte_message_retrieved_to_file_intact_and_fast() {
    let _g = carol_lock();
    let tok = token("pop3-big");
    let mut msg = format!("Subject: big {tok}\r\nContent-Type: text/plain\r\n\r\n").into_bytes();
    let mut i = 0u64;
    while msg.len() < 20 * 1024 * 1024 {
        let line = match i % 11 {
            0 => ".".to_string(),
            _ if i.is_multiple_of(7) => format!(".{i:09} dotted line abcdefghijklmnopqrstuvwxyz"),
            _ => format!("{i:09} plain line ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 h\u{e9}"),
        };
        msg.extend_from_slice(line.as_bytes());
        msg.extend_from_slice(b"\r\n");
        i += 1;
    }
    let stored = deliver(&tok, &msg);
    let m = locate(&tok);
    let _c = Cleanup(vec![m.uid.clone()]);
    let out = temp_path("big.eml");

    let started = Instant::now();
    let r = run(pop3("retr").arg(m.n.to_string()).arg("-o").arg(&out));
    let took = started.elapsed();
    let s = assert_ok(&r);
    let got = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let want = wire_form(&stored);
    assert_eq!(got.len(), want.len(), "size differs");
    assert!(got == want, "content differs");
    assert_eq!(s["octets"], want.len() as u64, "{s}");
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?} left over",
        temp_leftovers(&out)
    );
    assert!(took < Duration::from_secs(5), "retr of 20 MB took {took:?}");
}
