//! `mailctl imap` against the rig's Dovecot (IMAP on 10143 with STARTTLS, IMAPS on 10993):
//! capabilities, LIST (+STATUS, modified UTF-7 names), EXAMINE, SEARCH, FETCH (header table,
//! whole messages byte for byte, body sections, \Seen untouched unless asked), IDLE, raw
//! commands, TLS, every login method, refusing cleartext passwords where the server refuses them.
//!
//! Every test here uses alice@rig.test. Other test files deliver to alice too, so no test relies
//! on the mailbox holding only its own messages: each finds its messages by a `token()` in the
//! subject (UID SEARCH) and works on those UIDs only.

use crate::rig_pop3::{RawRun, run_raw};
use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ALICE: &str = "alice@rig.test";
const ALICE_PW: &str = "alice-secret-pw";
const SENDER: &str = "imap-test@rig.test";

// ---------------------------------------------------------------- running mailctl

fn imap_at(addr: &str, sub: &str) -> Command {
    let mut c = mailctl();
    c.args(["--json", "imap", sub, "-s", addr, "--timeout", "20s"]);
    c
}

/// Logged in as alice over plaintext IMAP on 127.0.0.1 (Dovecot allows LOGIN from loopback).
fn imap(sub: &str) -> Command {
    let mut c = imap_at(&rig().addr("RIG_IMAP_PORT"), sub);
    c.args(["-u", ALICE]).env("MAILCTL_PASSWORD", ALICE_PW);
    c
}

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
    assert!(s["error"].is_null(), "{s}");
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
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
    assert_no_secret(&r.stdout, &r.stderr);
    s
}

#[track_caller]
fn assert_failed(r: &Run, code: i32, phase: &str) -> Value {
    let s = r.failed_at(code, phase);
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
    s
}

fn secret_forms(pw: &str) -> Vec<String> {
    use base64::Engine;
    let b64 = |s: &[u8]| base64::engine::general_purpose::STANDARD.encode(s);
    vec![
        pw.to_string(),
        b64(pw.as_bytes()),
        b64(format!("\0{ALICE}\0{pw}").as_bytes()),
    ]
}

#[track_caller]
fn assert_no_secret_pw(stdout: &[u8], stderr: &str, pw: &str) {
    for s in secret_forms(pw) {
        assert!(
            !contains(stdout, s.as_bytes()),
            "secret {s:?} leaked to stdout"
        );
        assert!(!stderr.contains(&s), "secret {s:?} leaked to stderr");
    }
}

#[track_caller]
fn assert_no_secret(stdout: &[u8], stderr: &str) {
    assert_no_secret_pw(stdout, stderr, ALICE_PW)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn events(all: &[Value], ty: &str) -> Vec<Value> {
    all.iter().filter(|e| e["type"] == ty).cloned().collect()
}

fn sent_lines(all: &[Value]) -> Vec<String> {
    events(all, "sent")
        .iter()
        .map(|e| e["line"].as_str().unwrap().to_string())
        .collect()
}

fn temp_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mailctl-{}", token(tag)))
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

/// Reset Dovecot's auth penalty for 127.0.0.1 after a failed login (see rig_smtp.rs).
fn clear_auth_penalty(rig: &Rig) {
    use std::io::{Read, Write};
    let path = rig.dir().join("dovecot/run/anvil-auth-penalty");
    let Ok(mut s) = std::os::unix::net::UnixStream::connect(path) else {
        return;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s
        .write_all(b"VERSION\tanvil\t1\t0\nPENALTY-INC\t127.0.0.1\t0\t0\nPENALTY-GET\t127.0.0.1\n");
    let mut buf = [0u8; 64];
    let _ = s.read(&mut buf);
}

// ---------------------------------------------------------------- messages in alice's mailbox

/// Wait (bounded) for a Maildir message whose first 16 KiB contain `needle`; returns its bytes.
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
            "no message containing {needle:?} arrived"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn smtp_send() -> Command {
    let mut c = mailctl();
    c.args(["-q", "smtp", "send", "-s", &rig().addr("RIG_SMTP_PORT")])
        .args(["--timeout", "30s", "--from", SENDER, "--to", ALICE]);
    c
}

/// Deliver a whole message (--data) to alice; returns the Maildir copy.
fn deliver_data(tok: &str, msg: &[u8]) -> Vec<u8> {
    let file = temp_path("imap-msg.eml");
    std::fs::write(&file, msg).unwrap();
    let r = run(smtp_send().arg("--data").arg(&file));
    let _ = std::fs::remove_file(&file);
    assert_eq!(r.code, 0, "delivery failed: {r:?}");
    wait_for_head(&rig().maildir("alice"), tok)
}

/// Deliver a generated message (subject/body/attachments) to alice; returns the Maildir copy.
pub(crate) fn deliver_built(tok: &str, args: &[&str]) -> Vec<u8> {
    let r = run(smtp_send().args(args));
    assert_eq!(r.code, 0, "delivery failed: {r:?}");
    wait_for_head(&rig().maildir("alice"), tok)
}

/// The UIDs in INBOX whose subject contains `tok` (waits until Dovecot sees at least one).
fn uids_of(tok: &str) -> Vec<u64> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let r = run(imap("search").args(["INBOX", "SUBJECT", tok, "--uid"]));
        let s = assert_ok(&r);
        let v: Vec<u64> = s["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        if !v.is_empty() {
            return v;
        }
        assert!(Instant::now() < deadline, "no UID for {tok}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub(crate) fn uid_of(tok: &str) -> u64 {
    let v = uids_of(tok);
    assert_eq!(v.len(), 1, "{tok}: {v:?}");
    v[0]
}

fn simple_message(tok: &str, body: &str) -> Vec<u8> {
    format!("From: {SENDER}\r\nTo: {ALICE}\r\nSubject: {tok}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n")
        .into_bytes()
}

/// Remove our messages with doveadm (the IMAP client is read-only by design). Best effort.
pub(crate) fn expunge(uids: &[u64]) {
    let rig = rig();
    let conf = rig.dir().join("dovecot/dovecot.conf");
    for u in uids {
        let _ = Command::new("doveadm")
            .arg("-c")
            .arg(&conf)
            .args([
                "expunge",
                "-u",
                ALICE,
                "mailbox",
                "INBOX",
                "uid",
                &u.to_string(),
            ])
            .output();
    }
}

/// Flags of one UID, from `fetch --headers`.
fn flags_of(uid: u64) -> Vec<String> {
    let r = run(imap("fetch").args(["INBOX", &uid.to_string(), "--uid"]));
    let s = assert_ok(&r);
    let m = &s["messages"][0];
    assert_eq!(m["uid"], uid, "{s}");
    m["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------- capability, list, select

#[test]
fn imap_capability_without_and_with_login() {
    let rig = rig();
    let r = run(&mut imap_at(&rig.addr("RIG_IMAP_PORT"), "capability"));
    let s = assert_ok(&r);
    let caps: Vec<&str> = s["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for c in ["IMAP4rev1", "STARTTLS", "IDLE", "SASL-IR", "AUTH=PLAIN"] {
        assert!(caps.contains(&c), "{c} missing: {caps:?}");
    }
    let sent = sent_lines(&r.json());
    assert!(
        !sent
            .iter()
            .any(|l| l.contains("LOGIN") || l.contains("AUTHENTICATE")),
        "{sent:?}"
    );
    assert!(sent.last().unwrap().ends_with("LOGOUT"), "{sent:?}");

    // With --user: logged in, capabilities after login (Dovecot adds many, drops STARTTLS).
    let r = run(&mut imap("capability"));
    let s = assert_ok(&r);
    let after: Vec<&str> = s["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let before: Vec<&str> = s["capabilities_before_login"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(before.contains(&"STARTTLS"), "{s}");
    assert!(
        after.contains(&"UIDPLUS") && !after.contains(&"STARTTLS"),
        "{s}"
    );
    assert!(after.len() > before.len(), "{s}");
    assert!(
        r.dialogue()
            .iter()
            .any(|l| l == "C: A0001 LOGIN \"alice@rig.test\" ***"),
        "{:#?}",
        r.dialogue()
    );
}

fn status_of<'a>(s: &'a Value, name: &str) -> &'a Value {
    s["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed: {s}"))
}

#[test]
fn imap_list_and_status_counts_grow_with_delivery() {
    let r = run(&mut imap("list"));
    let s = assert_ok(&r);
    let inbox = status_of(&s, "INBOX");
    assert_eq!(inbox["raw_name"], "INBOX");
    assert!(inbox["status"].is_null(), "{s}");

    let r = run(imap("list").arg("--status"));
    let s = assert_ok(&r);
    let st = &status_of(&s, "INBOX")["status"];
    let before = st["messages"].as_u64().unwrap_or_else(|| panic!("{s}"));
    let uidnext = st["uidnext"].as_u64().unwrap();
    assert!(st["uidvalidity"].as_u64().unwrap() > 0, "{s}");
    assert!(st["unseen"].as_u64().unwrap() <= before, "{s}");

    let tok = token("imap-status");
    deliver_data(&tok, &simple_message(&tok, "count me"));
    let uid = uid_of(&tok);
    assert!(uid >= uidnext, "uid {uid} < uidnext {uidnext}");
    let r = run(imap("list").arg("--status"));
    let s = assert_ok(&r);
    let st = &status_of(&s, "INBOX")["status"];
    assert!(st["messages"].as_u64().unwrap() > before, "{s}");
    assert!(st["uidnext"].as_u64().unwrap() > uid, "{s}");
}

#[test]
fn imap_mailbox_with_non_ascii_name() {
    // Create with the modified UTF-7 name on the wire (tolerate a mailbox left by a former run).
    let r = run(imap("raw").arg("CREATE \"Entw&APw-rfe\""));
    if r.code != 0 {
        let s = assert_failed(&r, 29, "command");
        assert!(
            s["error"]["reply"]
                .as_str()
                .unwrap()
                .contains("ALREADYEXISTS"),
            "{s}"
        );
    }
    let r = run(&mut imap("list"));
    let s = assert_ok(&r);
    let m = status_of(&s, "Entwürfe");
    assert_eq!(m["raw_name"], "Entw&APw-rfe", "{s}");

    let r = run(imap("list").arg("--status"));
    let s = assert_ok(&r);
    assert!(
        status_of(&s, "Entwürfe")["status"]["messages"].is_u64(),
        "{s}"
    );

    // select takes the UTF-8 name and encodes it.
    let r = run(imap("select").arg("Entwürfe"));
    let s = assert_ok(&r);
    assert!(
        sent_lines(&r.json())
            .iter()
            .any(|l| l.ends_with("EXAMINE \"Entw&APw-rfe\"")),
        "{:#?}",
        r.dialogue()
    );
    assert_eq!(s["mailbox"], "Entwürfe");
    assert_eq!(s["info"]["access"], "read-only", "{s}");
}

#[test]
fn imap_select_inbox_is_read_only_examine() {
    let r = run(imap("select").arg("INBOX"));
    let s = assert_ok(&r);
    let info = &s["info"];
    assert_eq!(info["access"], "read-only", "{s}");
    assert!(info["uidvalidity"].as_u64().unwrap() > 0, "{s}");
    assert!(info["uidnext"].as_u64().unwrap() > 0, "{s}");
    assert!(info["exists"].is_u64(), "{s}");
    assert!(info["flags"].as_str().unwrap().contains("\\Seen"), "{s}");
    let sent = sent_lines(&r.json());
    assert!(
        sent.iter().any(|l| l.ends_with("EXAMINE \"INBOX\"")),
        "{sent:?}"
    );
    assert!(!sent.iter().any(|l| l.contains(" SELECT ")), "{sent:?}");

    // A mailbox that does not exist: 28, with the server's NO.
    let r = run(imap("select").arg("No-Such-Mailbox-xyz"));
    let s = assert_failed(&r, 28, "select");
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("NO"),
        "{s}"
    );
}

// ---------------------------------------------------------------- search and fetch

#[test]
fn imap_search_by_token_finds_exactly_our_messages() {
    let tok = token("imap-search");
    deliver_data(
        &format!("{tok} one"),
        &simple_message(&format!("{tok} one"), "1"),
    );
    deliver_data(
        &format!("{tok} two"),
        &simple_message(&format!("{tok} two"), "2"),
    );
    let uids = uids_of(&tok);
    let uids = if uids.len() < 2 {
        std::thread::sleep(Duration::from_millis(300));
        uids_of(&tok)
    } else {
        uids
    };
    assert_eq!(uids.len(), 2, "{uids:?}");
    assert!(uids[0] < uids[1]);
    // Criteria are IMAP syntax: a string with a space is quoted by the user.
    let r = run(imap("search")
        .args(["INBOX", "SUBJECT", &format!("\"{tok} two\"")])
        .arg("--uid"));
    let s = assert_ok(&r);
    assert_eq!(s["matches"], serde_json::json!([uids[1]]), "{s}");
    assert_eq!(s["uid"], true);
    // Without --uid: sequence numbers, as many.
    let r = run(imap("search").args(["INBOX", "SUBJECT", &tok]));
    let s = assert_ok(&r);
    assert_eq!(s["matches"].as_array().unwrap().len(), 2, "{s}");
    assert!(
        sent_lines(&r.json())
            .iter()
            .any(|l| l.ends_with(&format!("SEARCH SUBJECT {tok}")))
    );
    // Nothing matches.
    let r = run(imap("search").args(["INBOX", "SUBJECT", "no-such-token-imap-xyz", "--uid"]));
    let s = assert_ok(&r);
    assert_eq!(s["matches"], serde_json::json!([]), "{s}");
}

/// `mailctl [GLOBAL…] imap SUB -s IMAP -u alice` in human output (no --json).
fn imap_human(global: &[&str], sub: &str) -> Command {
    let mut c = mailctl();
    c.args(global)
        .args([
            "imap",
            sub,
            "-s",
            &rig().addr("RIG_IMAP_PORT"),
            "--timeout",
            "20s",
        ])
        .args(["-u", ALICE])
        .env("MAILCTL_PASSWORD", ALICE_PW);
    c
}

/// curl's convention for commands that produce results: stdout carries the result alone (the
/// SEARCH matches, the LIST table), the transcript and the verdict go to stderr, and `-q` keeps
/// the result (before, it printed only the verdict: `imap -q search` found nothing to show).
#[test]
fn imap_search_and_list_results_alone_on_stdout_and_kept_by_q() {
    let tok = token("imap-results");
    deliver_data(&tok, &simple_message(&tok, "results"));
    let uid = uid_of(&tok);
    for global in [&[][..], &["-q"]] {
        let r = run(imap_human(global, "search").args(["INBOX", "SUBJECT", &tok, "--uid"]));
        assert_eq!(r.code, 0, "{global:?}: {r:?}");
        assert_eq!(r.stdout, format!("UID\n{uid}\n"), "{global:?}: {r:?}");
        let verdict = r.stderr.lines().last().unwrap_or_default();
        assert!(verdict.starts_with("OK imap search "), "{global:?}: {r:?}");
        if global.is_empty() {
            assert!(r.stderr.contains("UID SEARCH SUBJECT"), "{r:?}");
        } else {
            assert_eq!(r.stderr.lines().count(), 1, "-q: the verdict alone: {r:?}");
        }
        let r = run(&mut imap_human(global, "list"));
        assert_eq!(r.code, 0, "{global:?}: {r:?}");
        let mut lines = r.stdout.lines();
        assert_eq!(
            lines
                .next()
                .map(|l| l.split_whitespace().collect::<Vec<_>>()),
            Some(vec!["MAILBOX", "FLAGS"]),
            "{r:?}"
        );
        assert!(lines.any(|l| l.starts_with("INBOX")), "{r:?}");
        assert!(
            !r.stdout.contains("C: ") && !r.stdout.contains("OK imap"),
            "{r:?}"
        );
    }
    expunge(&[uid]);
}

#[test]
fn imap_fetch_headers_table_and_json_decode_utf8_subject() {
    let tok = token("imap-hdr");
    let subject = format!("Grüße 日本語 {tok}");
    deliver_built(
        &tok,
        &[
            "--subject",
            &subject,
            "--body",
            "hello",
            "-H",
            &format!("X-Tok: {tok}"),
        ],
    );
    let uid = uid_of(&tok);
    let r = run(imap("fetch").args(["INBOX", &uid.to_string(), "--uid", "--headers"]));
    let s = assert_ok(&r);
    let msgs = s["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1, "{s}");
    let m = &msgs[0];
    assert_eq!(m["uid"], uid);
    assert_eq!(m["subject"], subject.as_str(), "{s}");
    assert!(m["from"].as_str().unwrap().contains(SENDER), "{s}");
    assert!(!m["date"].as_str().unwrap().is_empty(), "{s}");
    assert!(m["size"].as_u64().unwrap() > 100, "{s}");
    assert!(m["flags"].is_array(), "{s}");
    // mail-builder encoded the subject (RFC 2047): the wire has no raw UTF-8 in it.
    let stored = wait_for_head(&rig().maildir("alice"), &tok);
    assert!(contains(&stored, b"=?utf-8?") || contains(&stored, b"=?UTF-8?"));

    // Human table.
    let r = run(mailctl()
        .args([
            "imap",
            "fetch",
            "-s",
            &rig().addr("RIG_IMAP_PORT"),
            "-u",
            ALICE,
        ])
        .args(["INBOX", &uid.to_string(), "--uid"])
        .env("MAILCTL_PASSWORD", ALICE_PW));
    assert_eq!(r.code, 0, "{r:?}");
    let head = r
        .stdout
        .lines()
        .find(|l| l.starts_with("UID"))
        .expect("no table");
    for col in ["DATE", "FROM", "SUBJECT", "SIZE", "FLAGS"] {
        assert!(head.contains(col), "{head}");
    }
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with(&uid.to_string()))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(row.contains(&subject), "{row}");
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
}

#[test]
fn imap_fetch_full_writes_uid_eml_identical_and_refuses_overwrite() {
    let tok = token("imap-full");
    let mut msg = simple_message(&tok, "line one\r\n.dotted\r\nw\u{f6}rld");
    msg.extend_from_slice(b"\r\n");
    let stored = deliver_data(&tok, &msg);
    let uid = uid_of(&tok);
    let dir = temp_path("imap-full-dir");
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
        .arg(&dir));
    let s = assert_ok(&r);
    let file = dir.join(format!("{uid}.eml"));
    let got = std::fs::read(&file).unwrap();
    assert_same_bytes(&normalise(&got), &stored);
    assert!(contains(&got, b"\r\n"), "not CRLF as on the wire");
    assert_eq!(s["messages"][0]["uid"], uid, "{s}");
    assert_eq!(s["messages"][0]["size"], got.len() as u64, "{s}");
    assert_eq!(s["messages"][0]["file"], file.display().to_string(), "{s}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![format!("{uid}.eml")], "temp files left over");
    let sent = sent_lines(&r.json());
    assert!(sent.iter().any(|l| l.contains("BODY.PEEK[]")), "{sent:?}");

    // Again without --force: usage error, nothing downloaded, file untouched.
    std::fs::write(&file, b"precious").unwrap();
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
        .arg(&dir));
    let s = assert_failed(&r, 2, "setup");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("--force"),
        "{s}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"precious");
    assert!(
        !sent_lines(&r.json()).iter().any(|l| l.contains("BODY")),
        "message fetched although it cannot be written: {:#?}",
        r.dialogue()
    );
    assert!(events(&r.json(), "data_received").is_empty());

    // --force overwrites.
    let r = run(imap("fetch")
        .args([
            "INBOX",
            &uid.to_string(),
            "--uid",
            "--full",
            "--force",
            "-o",
        ])
        .arg(&dir));
    assert_ok(&r);
    assert_same_bytes(&normalise(&std::fs::read(&file).unwrap()), &stored);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".mailctl-fetch")),
        "{names:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The named defect of issue 12: `fetch --full` wrote each message to the predictable
/// `DIR/.mailctl-fetch-<seq>.eml.part`, opened without O_EXCL, so a symlink planted there made it write
/// a server-controlled message over any file the user can write, even without --force.
#[cfg(unix)]
#[test]
fn imap_fetch_full_never_writes_through_a_planted_symlink() {
    let tok = token("imap-symlink");
    let stored = deliver_data(&tok, &simple_message(&tok, "attacker-chosen bytes"));
    let uid = uid_of(&tok);
    let r = run(imap("search").args(["INBOX", "SUBJECT", &tok]));
    let seq = assert_ok(&r)["matches"][0].as_u64().unwrap();
    let dir = temp_path("imap-symlink-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = temp_path("imap-symlink-victim");
    std::fs::write(&victim, b"keep").unwrap();
    // Around the sequence number, in case another test expunges meanwhile.
    for n in seq.saturating_sub(5).max(1)..=seq + 5 {
        for name in [
            format!(".mailctl-fetch-{n}.eml.part"),
            format!(".mailctl-fetch-{n}.eml"),
        ] {
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
    }
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
        .arg(&dir));
    assert_ok(&r);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"keep",
        "written through the symlink"
    );
    let got = std::fs::read(dir.join(format!("{uid}.eml"))).unwrap();
    assert_same_bytes(&normalise(&got), &stored);
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".mailctl-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&victim);
}

#[test]
fn imap_fetch_part_to_stdout_and_file() {
    let tok = token("imap-part");
    let stored = deliver_data(&tok, &simple_message(&tok, "body line 1\r\nbody line 2"));
    let uid = uid_of(&tok);
    let split = stored.windows(2).position(|w| w == b"\n\n").unwrap() + 2;
    let (head, body) = stored.split_at(split);
    for (section, want) in [("TEXT", body), ("1", body), ("HEADER", head)] {
        let r =
            run_raw(imap("fetch").args(["INBOX", &uid.to_string(), "--uid", "--part", section]));
        let s = assert_raw_ok(&r);
        assert_same_bytes(&normalise(&r.stdout), want);
        assert_eq!(s["parts"][0]["uid"], uid, "{s}");
        assert_eq!(s["parts"][0]["size"], r.stdout.len() as u64, "{s}");
        assert!(
            r.dialogue()
                .iter()
                .any(|l| l.contains(&format!("BODY.PEEK[{section}]"))),
            "{:#?}",
            r.dialogue()
        );
    }
    // lower-case section and -o FILE.
    let out = temp_path("imap-part.txt");
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--part", "text", "-o"])
        .arg(&out));
    let s = assert_ok(&r);
    assert_same_bytes(&normalise(&std::fs::read(&out).unwrap()), body);
    assert_eq!(s["output"], out.display().to_string(), "{s}");
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?}",
        temp_leftovers(&out)
    );
    // Exists, no --force: refused.
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--part", "TEXT", "-o"])
        .arg(&out));
    assert_eq!(r.code, 2, "{r:?}");
    let _ = std::fs::remove_file(&out);
}

#[test]
fn imap_reading_never_sets_seen_and_mark_seen_does() {
    let tok = token("imap-seen");
    deliver_data(&tok, &simple_message(&tok, "unseen please"));
    let uid = uid_of(&tok);
    assert!(!flags_of(uid).iter().any(|f| f == "\\Seen"));
    let dir = temp_path("imap-seen-dir");
    let r = run(imap("fetch")
        .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
        .arg(&dir));
    assert_ok(&r);
    let r = run_raw(imap("fetch").args(["INBOX", &uid.to_string(), "--uid", "--part", "TEXT"]));
    assert_raw_ok(&r);
    assert!(
        !flags_of(uid).iter().any(|f| f == "\\Seen"),
        "read-only fetch set \\Seen"
    );

    let r = run_raw(imap("fetch").args([
        "INBOX",
        &uid.to_string(),
        "--uid",
        "--part",
        "TEXT",
        "--mark-seen",
    ]));
    assert_raw_ok(&r);
    let d = r.dialogue();
    assert!(d.iter().any(|l| l.contains(" SELECT \"INBOX\"")), "{d:#?}");
    assert!(d.iter().any(|l| l.contains("BODY[TEXT]")), "{d:#?}");
    assert!(
        flags_of(uid).iter().any(|f| f == "\\Seen"),
        "--mark-seen did not set \\Seen"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn imap_mime_attachment_part_2_is_the_base64_of_the_file() {
    use base64::Engine;
    let tok = token("imap-mime");
    let att = temp_path("attach.bin");
    let bytes: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&att, &bytes).unwrap();
    let stored = deliver_built(
        &tok,
        &[
            "--subject",
            &format!("attachment {tok}"),
            "--body",
            "see the attachment",
            "--attach",
            att.to_str().unwrap(),
        ],
    );
    let _ = std::fs::remove_file(&att);
    assert!(contains(&stored, b"multipart/mixed"), "not MIME");
    let uid = uid_of(&tok);
    let r = run_raw(imap("fetch").args(["INBOX", &uid.to_string(), "--uid", "--part", "2"]));
    assert_raw_ok(&r);
    let b64: Vec<u8> = r
        .stdout
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .unwrap_or_else(|e| {
            panic!(
                "part 2 is not base64 ({e}): {:?}",
                String::from_utf8_lossy(&r.stdout[..200.min(r.stdout.len())])
            )
        });
    assert!(decoded == bytes, "attachment differs");
    // Part 1 is the text.
    let r = run_raw(imap("fetch").args(["INBOX", &uid.to_string(), "--uid", "--part", "1"]));
    assert_raw_ok(&r);
    assert!(
        contains(&r.stdout, b"see the attachment"),
        "{:?}",
        String::from_utf8_lossy(&r.stdout)
    );
}

#[test]
fn imap_twenty_megabyte_message_full_fetch_streams_with_small_rss() {
    let tok = token("imap-big");
    let mut msg =
        format!("From: {SENDER}\r\nSubject: big {tok}\r\nContent-Type: text/plain\r\n\r\n")
            .into_bytes();
    let mut i = 0u64;
    while msg.len() < 20 * 1024 * 1024 {
        msg.extend_from_slice(
            format!("{i:09} plain line ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 h\u{e9}\r\n")
                .as_bytes(),
        );
        i += 1;
    }
    let stored = deliver_data(&tok, &msg);
    let uid = uid_of(&tok);
    let dir = temp_path("imap-big-dir");
    let time = Path::new("/usr/bin/time");
    let mut c = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "RSS_KB=%M"])
            .arg(env!("CARGO_BIN_EXE_mailctl"));
        c.env_remove("MAILCTL_PASSWORD")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null());
        c
    } else {
        mailctl()
    };
    c.args([
        "-q",
        "imap",
        "fetch",
        "-s",
        &rig().addr("RIG_IMAP_PORT"),
        "-u",
        ALICE,
    ])
    .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
    .arg(&dir)
    .env("MAILCTL_PASSWORD", ALICE_PW);
    let started = Instant::now();
    let r = run(&mut c);
    let took = started.elapsed();
    assert_eq!(r.code, 0, "{r:?}");
    let got = std::fs::read(dir.join(format!("{uid}.eml"))).unwrap();
    let got = normalise(&got);
    assert_eq!(got.len(), stored.len(), "size differs");
    assert!(got == stored, "content differs");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    if time.exists() {
        let kb: u64 = r
            .stderr
            .lines()
            .filter_map(|l| l.strip_prefix("RSS_KB="))
            .next_back()
            .unwrap_or_else(|| panic!("no RSS from /usr/bin/time: {}", r.stderr))
            .trim()
            .parse()
            .unwrap();
        assert!(
            kb < 32 * 1024,
            "peak RSS {kb} KiB fetching a 20 MB message: not streamed?"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    expunge(&[uid]);
}

// ---------------------------------------------------------------- idle, raw

#[test]
fn imap_idle_reports_exists_for_new_mail() {
    let tok = token("imap-idle");
    let t = std::thread::spawn({
        let tok = tok.clone();
        move || {
            std::thread::sleep(Duration::from_millis(500));
            deliver_data(&tok, &simple_message(&tok, "wake up"));
        }
    });
    let r = run(imap("idle").args(["INBOX", "--for", "3s"]));
    t.join().unwrap();
    let s = assert_ok(&r);
    let evs: Vec<&str> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(evs.iter().any(|e| e.contains("EXISTS")), "{s}");
    let sent = sent_lines(&r.json());
    let idle = sent
        .iter()
        .position(|l| l.ends_with(" IDLE"))
        .expect("no IDLE");
    assert_eq!(sent[idle + 1], "DONE", "{sent:?}");
    assert!(sent.last().unwrap().ends_with("LOGOUT"));
}

/// IDLE is meant to run long: --max-time bounds the setup, and --for (not --max-time) the wait.
#[test]
fn imap_idle_waits_for_its_for_past_max_time() {
    let started = std::time::Instant::now();
    let r = run(imap("idle").args(["INBOX", "--for", "2500ms", "--max-time", "1s"]));
    assert_ok(&r);
    assert!(started.elapsed() >= Duration::from_millis(2500));
}

#[test]
fn imap_raw_noop_ok_and_bogus_is_29_with_the_bad_text() {
    let r = run(imap("raw").arg("NOOP"));
    let s = assert_ok(&r);
    assert!(s["status"].as_str().unwrap().starts_with("OK"), "{s}");
    let r = run(imap("raw").arg("BOGUS"));
    let s = assert_failed(&r, 29, "command");
    let reply = s["error"]["reply"].as_str().unwrap();
    assert!(
        reply.starts_with("BAD") && reply.contains("Unknown command"),
        "{s}"
    );
    // The refused command's result is reported too: its untagged count and its status.
    assert_eq!(s["untagged"], 0, "{s}");
    assert_eq!(s["status"], reply, "{s}");
    assert!(
        r.dialogue().iter().any(|l| l.starts_with("S: A0002 BAD")),
        "{:#?}",
        r.dialogue()
    );
}

// ---------------------------------------------------------------- login, TLS

#[test]
fn imap_wrong_password_is_23() {
    let rig = rig();
    let wrong = "not-alices-password-77";
    let r = run(imap_at(&rig.addr("RIG_IMAP_PORT"), "select")
        .args(["INBOX", "-u", ALICE, "--password-env", "IMAP_WRONG_PW"])
        .env("IMAP_WRONG_PW", wrong));
    clear_auth_penalty(rig);
    assert!(!r.stderr.contains("panicked"));
    let s = r.summary();
    assert_eq!(r.code, 23, "{s}");
    assert_eq!(s["error"]["phase"], "auth", "{s}");
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("NO"),
        "{s}"
    );
    assert_no_secret_pw(r.stdout.as_bytes(), &r.stderr, wrong);
    assert!(!sent_lines(&r.json()).iter().any(|l| l.contains("EXAMINE")));
}

#[track_caller]
fn assert_all_tls(r: &Run) {
    let all = r.json();
    let t = events(&all, "tls");
    assert_eq!(t.len(), 1, "{}", r.stdout);
    assert_eq!(t[0]["verified"], true, "{}", t[0]);
    assert_eq!(t[0]["sni"], "mail.rig.test", "{}", t[0]);
    for e in events(&all, "sent") {
        let l = e["line"].as_str().unwrap();
        if l.contains("LOGIN") || l.contains("AUTHENTICATE") || e["redacted"] == true {
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
fn imap_starttls_and_implicit_tls() {
    let rig = rig();
    let r = run(imap("select")
        .args(["INBOX", "--starttls"])
        .args(tls_args(rig)));
    assert_ok(&r);
    assert_all_tls(&r);
    let all = r.json();
    let sent = events(&all, "sent");
    let st = sent
        .iter()
        .position(|e| e["line"] == "A0001 STARTTLS")
        .expect("no STARTTLS");
    assert_eq!(sent[st]["tls"], false);
    assert!(sent[st + 1..].iter().all(|e| e["tls"] == true));
    assert!(
        sent[st + 1]["line"]
            .as_str()
            .unwrap()
            .ends_with("CAPABILITY"),
        "{}",
        r.stdout
    );

    let r = run(imap_at(&rig.addr("RIG_IMAPS_PORT"), "select")
        .args(["INBOX", "--tls", "-u", ALICE])
        .args(tls_args(rig))
        .env("MAILCTL_PASSWORD", ALICE_PW));
    assert_ok(&r);
    assert_all_tls(&r);
    assert!(
        r.json()
            .iter()
            .filter(|e| e["type"] == "sent" || e["type"] == "recv")
            .all(|e| e["tls"] == true)
    );

    // By name, through the rig's DNS.
    let r = run(mailctl()
        .args(["--json", "imap", "capability", "--timeout", "10s", "--tls"])
        .args([
            "-s",
            &format!("mail.rig.test:{}", rig.port("RIG_IMAPS_PORT")),
        ])
        .args([
            "--nameserver",
            &rig.dns(),
            "--ca-file",
            rig.ca(),
            "-u",
            ALICE,
        ])
        .env("MAILCTL_PASSWORD", ALICE_PW));
    assert_ok(&r);
    assert_eq!(events(&r.json(), "tls")[0]["sni"], "mail.rig.test");
}

#[test]
fn imap_sasl_each_mechanism_over_starttls() {
    let rig = rig();
    for (choice, mech) in [
        ("plain", "PLAIN"),
        ("login", "LOGIN"),
        ("cram-md5", "CRAM-MD5"),
        // The rig's Dovecot offers SCRAM: auto prefers SCRAM-SHA-256 over CRAM-MD5.
        ("auto", "SCRAM-SHA-256"),
    ] {
        let r = run(imap("select")
            .args(["INBOX", "--starttls", "--auth", choice])
            .args(tls_args(rig)));
        assert_ok(&r);
        assert_all_tls(&r);
        let sent = events(&r.json(), "sent");
        let i = sent
            .iter()
            .position(|e| e["line"].as_str().unwrap().contains(" AUTHENTICATE "))
            .unwrap_or_else(|| panic!("{choice}: no AUTHENTICATE: {}", r.stdout));
        let line = sent[i]["line"].as_str().unwrap();
        if mech == "PLAIN" {
            // SASL-IR: the credentials ride on the command line, redacted.
            assert!(line.ends_with("AUTHENTICATE PLAIN ***"), "{line}");
            assert_eq!(sent[i]["redacted"], true);
        } else if mech.starts_with("SCRAM") {
            // SASL-IR: client-first (no secret in it) rides on the command line.
            assert!(
                line.contains(&format!("AUTHENTICATE {mech} ")),
                "{choice}: {line}"
            );
            assert!(sent[i + 1..].iter().any(|e| e["redacted"] == true));
        } else {
            assert!(
                line.ends_with(&format!("AUTHENTICATE {mech}")),
                "{choice}: {line}"
            );
            assert!(sent[i + 1..].iter().any(|e| e["redacted"] == true));
        }
        assert!(
            !sent
                .iter()
                .any(|e| e["line"].as_str().unwrap().contains(" LOGIN "))
        );
    }
}

#[test]
fn imap_no_password_in_clear_where_login_is_disabled() {
    let rig = rig();
    let host2 = format!("{}:{}", rig.get("RIG_HOST2"), rig.port("RIG_IMAP_PORT"));
    // LOGINDISABLED: LOGIN must not be sent.
    let r = run(imap_at(&host2, "select")
        .args(["INBOX", "-u", ALICE])
        .env("MAILCTL_PASSWORD", ALICE_PW));
    let s = assert_failed(&r, 23, "auth");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("LOGINDISABLED"),
        "{s}"
    );
    assert!(
        !sent_lines(&r.json()).iter().any(|l| l.contains("LOGIN \"")),
        "{:#?}",
        r.dialogue()
    );
    // AUTHENTICATE PLAIN / LOGIN (not offered there) in the clear: refused too.
    for mech in ["plain", "login"] {
        let r = run(imap_at(&host2, "select")
            .args(["INBOX", "-u", ALICE, "--auth", mech])
            .env("MAILCTL_PASSWORD", ALICE_PW));
        assert_failed(&r, 23, "auth");
        assert!(
            !sent_lines(&r.json())
                .iter()
                .any(|l| l.contains("AUTHENTICATE")),
            "--auth {mech}: credentials sent in clear: {:#?}",
            r.dialogue()
        );
    }
    // With STARTTLS the same server takes LOGIN.
    let r = run(imap_at(&host2, "select")
        .args(["INBOX", "-u", ALICE, "--starttls"])
        .args(tls_args(rig))
        .env("MAILCTL_PASSWORD", ALICE_PW));
    assert_ok(&r);
    assert_all_tls(&r);
}

#[test]
fn imap_escape_and_non_utf8_bytes_never_reach_the_terminal_raw() {
    let tok = token("imap-esc");
    let mut msg = format!("From: {SENDER}\r\nTo: {ALICE}\r\n").into_bytes();
    msg.extend_from_slice(b"Subject: \x1b[31mred\x1b[0m \xff\xfe bytes ");
    msg.extend_from_slice(tok.as_bytes());
    msg.extend_from_slice(b"\r\n\r\nbody \x1b]0;title\x07 \xc3\x28 end\r\n");
    deliver_data(&tok, &msg);
    let uid = uid_of(&tok);
    for extra in [&["--headers"][..], &["--headers", "--show-data"][..]] {
        // Human output.
        let r = run_raw(
            mailctl()
                .args([
                    "imap",
                    "fetch",
                    "-s",
                    &rig().addr("RIG_IMAP_PORT"),
                    "-u",
                    ALICE,
                ])
                .args(["INBOX", &uid.to_string(), "--uid"])
                .args(extra)
                .env("MAILCTL_PASSWORD", ALICE_PW),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            !r.stdout.contains(&0x1b),
            "raw ESC on stdout: {:?}",
            String::from_utf8_lossy(&r.stdout)
        );
        assert!(!r.stdout.contains(&0x07), "raw BEL on stdout");
        assert!(
            std::str::from_utf8(&r.stdout).is_ok(),
            "non-UTF-8 on stdout"
        );
        assert!(!r.stderr.contains('\x1b'));
        // JSON output.
        let r = run_raw(
            imap("fetch")
                .args(["INBOX", &uid.to_string(), "--uid"])
                .args(extra),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains(&0x1b));
        assert!(
            std::str::from_utf8(&r.stdout).is_ok(),
            "non-UTF-8 on stdout"
        );
    }
    // The transcript of a --show-data fetch of the body.
    let r = run_raw(
        mailctl()
            .args([
                "imap",
                "fetch",
                "-s",
                &rig().addr("RIG_IMAP_PORT"),
                "-u",
                ALICE,
                "--show-data",
            ])
            .args([
                "INBOX",
                &uid.to_string(),
                "--uid",
                "--full",
                "--force",
                "-o",
            ])
            .arg(temp_path("imap-esc-dir"))
            .env("MAILCTL_PASSWORD", ALICE_PW),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains(&0x1b),
        "raw ESC in transcript: {:?}",
        String::from_utf8_lossy(&r.stdout)
    );
    assert!(!r.stdout.contains(&0x07));
    assert!(std::str::from_utf8(&r.stdout).is_ok());
}

/// The terminal column where `needle` starts in `line` (East Asian wide characters and emoji
/// take two columns, combining marks none: what a terminal shows, UAX #11).
fn column_of(line: &str, needle: &str) -> Option<usize> {
    let at = line.find(needle)?;
    Some(unicode_width::UnicodeWidthStr::width(&line[..at]))
}

#[test]
fn imap_list_table_aligns_wide_and_combining_mailbox_names() {
    // 受信箱 (three wide characters), 📬 (an emoji, a surrogate pair in modified UTF-7) and
    // "Cafe" + U+0301 COMBINING ACUTE (five characters, four columns), as RFC 3501 §5.1.3 puts
    // them on the wire. A mailbox left by a former run is fine.
    for wire in ["&U9dP4Xux-", "&2D3c7A-", "Cafe&AwE-"] {
        let r = run(imap("raw").arg(format!("CREATE \"{wire}\"")));
        if r.code != 0 {
            assert_failed(&r, 29, "command");
        }
    }
    let r = run(mailctl()
        .args([
            "imap",
            "list",
            "-s",
            &rig().addr("RIG_IMAP_PORT"),
            "-u",
            ALICE,
        ])
        .env("MAILCTL_PASSWORD", ALICE_PW));
    assert_eq!(r.code, 0, "{r:?}");
    let head = r
        .stdout
        .lines()
        .find(|l| l.starts_with("MAILBOX"))
        .unwrap_or_else(|| panic!("no table:\n{}", r.stdout));
    let flags_col = column_of(head, "FLAGS").unwrap();
    let mut seen = 0;
    for name in ["受信箱", "📬", "Cafe\u{301}", "INBOX"] {
        let row = r
            .stdout
            .lines()
            .find(|l| l.split("  ").next() == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{}", r.stdout));
        // The flags cell (`\HasNoChildren`, …) starts in the FLAGS column on every row.
        let cell = column_of(row, "\\");
        assert_eq!(cell, Some(flags_col), "{name}: misaligned:\n{head}\n{row}");
        seen += 1;
    }
    assert_eq!(seen, 4);
}
