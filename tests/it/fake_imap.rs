//! IMAP against scripted fake servers: what Dovecot won't do (BYE/PREAUTH greetings, NO/BAD at
//! each phase, literals that lie, break off or announce 4 GB, untagged data interleaved with
//! FETCH, huge and malformed response lines, STARTTLS missing or with injected bytes, stalls,
//! odd mailbox names), checked on the exit code, the failing phase, the files left behind and
//! the bytes mailctl put on the wire.

use crate::fake::{FakeServer, Step, Step::*, Transcript, expect, line, send};
use crate::rig_pop3::{RawRun, run_raw};
use crate::util::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USER: &str = "u@fake.test";
const PW: &str = "fake-imap-secret-27182";

// ---------------------------------------------------------------- script pieces

fn greeting_with(caps: &str) -> Vec<Step> {
    vec![line(&format!("* OK [CAPABILITY {caps}] fake IMAP ready"))]
}

fn greeting() -> Vec<Step> {
    greeting_with("IMAP4rev1 IDLE AUTH=PLAIN")
}

/// LOGIN as tag A0001 (capabilities come with the greeting, so no CAPABILITY first).
fn login() -> Vec<Step> {
    vec![
        expect(&format!("A0001 LOGIN \"{USER}\" \"{PW}\"")),
        line("A0001 OK [CAPABILITY IMAP4rev1 IDLE] logged in"),
    ]
}

/// EXAMINE INBOX as tag A0002.
fn examine() -> Vec<Step> {
    vec![
        expect("A0002 EXAMINE \"INBOX\""),
        send(
            "* FLAGS (\\Seen)\r\n* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\nA0002 OK [READ-ONLY] done\r\n",
        ),
    ]
}

fn logout(tag: &str) -> Vec<Step> {
    vec![
        expect(&format!("{tag} LOGOUT")),
        send(format!("* BYE bye\r\n{tag} OK logged out\r\n")),
        ReadToEnd,
    ]
}

/// The `FETCH set (UID RFC822.SIZE)` asked before any body (tag A0003), answered with
/// `(seq, uid, size)` per message.
fn sizes(set: &str, msgs: &[(u64, u64, usize)]) -> Vec<Step> {
    let mut resp: String = msgs
        .iter()
        .map(|(n, u, z)| format!("* {n} FETCH (UID {u} RFC822.SIZE {z})\r\n"))
        .collect();
    resp.push_str("A0003 OK done\r\n");
    vec![
        expect(&format!("A0003 FETCH {set} (UID RFC822.SIZE)")),
        send(resp),
    ]
}

fn script(parts: Vec<Vec<Step>>) -> Vec<Step> {
    parts.concat()
}

// ---------------------------------------------------------------- running mailctl

fn cmd(fake: &FakeServer, sub: &str, extra: &[&str]) -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "imap", sub, "-s", &fake.server_arg(), "-u", USER])
        .env("MAILCTL_PASSWORD", PW);
    if !extra.contains(&"--timeout") {
        c.args(["--timeout", "5s"]);
    }
    c.args(extra);
    c
}

fn imap(fake: &FakeServer, sub: &str, extra: &[&str]) -> Run {
    run(&mut cmd(fake, sub, extra))
}

#[track_caller]
fn assert_failed(r: &Run, code: i32, phase: &str) -> Value {
    let s = r.failed_at(code, phase);
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
    s
}

#[track_caller]
fn assert_ok(r: &Run) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    assert_no_secret(r.stdout.as_bytes(), &r.stderr);
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

/// Whether any client line contains `what` (tags make prefixes awkward).
fn sent(t: &Transcript, what: &str) -> bool {
    t.text_lines().iter().any(|l| l.contains(what))
}

#[track_caller]
fn never_sent(t: &Transcript, what: &str) {
    assert!(
        !sent(t, what),
        "{what} was sent: client lines {:?}",
        t.text_lines()
    );
}

#[track_caller]
fn no_password_on_wire(t: &Transcript) {
    assert!(
        !String::from_utf8_lossy(&t.raw).contains(PW),
        "password on the wire: {:?}",
        t.text_lines()
    );
}

fn out_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailctl-{}", token(tag)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn dir_names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------- greetings and login

#[test]
fn imap_bye_greeting_is_rejected_banner_20() {
    let fake = FakeServer::start(vec![
        line("* BYE [UNAVAILABLE] too busy, go away"),
        ReadToEnd,
    ]);
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    let s = assert_failed(&r, 20, "banner");
    assert_error_mentions(&s, "too busy, go away");
    never_sent(&t, "LOGIN");
    no_password_on_wire(&t);
}

#[test]
fn imap_preauth_with_starttls_is_capability_18_logs_out_and_nothing_sent_in_clear() {
    let fake = FakeServer::start(script(vec![
        vec![line(
            "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] already logged in",
        )],
        logout("A0001"),
    ]));
    let r = imap(&fake, "select", &["INBOX", "--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    assert_error_mentions(&s, "PREAUTH");
    never_sent(&t, "LOGIN");
    never_sent(&t, "EXAMINE");
    never_sent(&t, "STARTTLS");
    no_password_on_wire(&t);
}

#[test]
fn imap_no_to_login_is_rejected_auth_23() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        vec![
            expect("A0001 LOGIN"),
            line("A0001 NO [AUTHENTICATIONFAILED] Authentication failed."),
        ],
        logout("A0002"),
    ]));
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 23, "auth");
    assert_error_mentions(&s, "AUTHENTICATIONFAILED");
    never_sent(&t, "EXAMINE");
    assert!(
        r.dialogue()
            .contains(&format!("C: A0001 LOGIN \"{USER}\" ***")),
        "{:#?}",
        r.dialogue()
    );
}

#[test]
fn imap_bad_to_examine_is_rejected_select_28() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 EXAMINE"),
            line("A0002 BAD mailbox name is odd"),
        ],
        logout("A0003"),
    ]));
    let r = imap(&fake, "fetch", &["INBOX", "1:*"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 28, "select");
    assert_error_mentions(&s, "BAD mailbox name is odd");
    never_sent(&t, "FETCH");
}

#[test]
fn imap_server_silent_after_login_times_out_6() {
    let fake = FakeServer::start(script(vec![greeting(), vec![expect("A0001 LOGIN"), Stall]]));
    let started = Instant::now();
    let r = imap(&fake, "select", &["INBOX", "--timeout", "1s"]);
    let took = started.elapsed();
    fake.finish().assert_ok();
    let s = assert_failed(&r, 6, "auth");
    assert_eq!(s["error"]["kind"], "timeout", "{s}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

// ---------------------------------------------------------------- literals

#[test]
fn imap_fetch_full_connection_closed_inside_literal_is_8_and_leaves_no_file() {
    let dir = out_dir("imap-fake-cut");
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect("A0003 UID FETCH 5 (UID RFC822.SIZE)"),
            send("* 1 FETCH (UID 5 RFC822.SIZE 5000)\r\nA0003 OK done\r\n"),
            expect("A0004 UID FETCH 5 (UID RFC822.SIZE BODY.PEEK[])"),
            send(
                "* 1 FETCH (UID 5 RFC822.SIZE 5000 BODY[] {5000}\r\nSubject: cut\r\n\r\nonly the first part of the bo",
            ),
            Sleep(100),
            Close,
        ],
    ]));
    let r = run(cmd(&fake, "fetch", &["INBOX", "5", "--uid", "--full", "-o"]).arg(&dir));
    fake.finish().assert_ok();
    let s = assert_failed(&r, 8, "command");
    assert_eq!(s["error"]["kind"], "closed", "{s}");
    assert_eq!(dir_names(&dir), Vec::<String>::new(), "partial files left");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn imap_four_gigabyte_literal_in_header_fetch_is_protocol_7_fast() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect(
                "A0003 FETCH 1 (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])",
            ),
            send(
                "* 1 FETCH (UID 5 FLAGS () RFC822.SIZE 10 BODY[HEADER.FIELDS (DATE FROM SUBJECT)] {4294967296}\r\nSubject: x\r\n",
            ),
            Stall,
        ],
    ]));
    let started = Instant::now();
    let r = imap(&fake, "fetch", &["INBOX", "1", "--headers"]);
    let took = started.elapsed();
    fake.finish();
    let s = assert_failed(&r, 7, "command");
    assert_eq!(s["error"]["kind"], "protocol", "{s}");
    assert_error_mentions(&s, "4294967296");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn imap_literal_that_lies_about_its_size_times_out_6_without_a_file() {
    // 100 announced, 5 sent, then the tagged OK (swallowed as literal data) and silence.
    let dir = out_dir("imap-fake-lie");
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        sizes("1", &[(1, 5, 100)]),
        vec![
            expect("A0004 FETCH 1 (UID RFC822.SIZE BODY.PEEK[])"),
            send("* 1 FETCH (UID 5 RFC822.SIZE 100 BODY[] {100}\r\nabcde)\r\nA0004 OK done\r\n"),
            Stall,
        ],
    ]));
    let started = Instant::now();
    let r = run(cmd(
        &fake,
        "fetch",
        &["INBOX", "1", "--full", "--force", "--timeout", "1s", "-o"],
    )
    .arg(&dir));
    let took = started.elapsed();
    fake.finish();
    let s = assert_failed(&r, 6, "command");
    assert_eq!(s["error"]["kind"], "timeout", "{s}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(dir_names(&dir), Vec::<String>::new(), "partial files left");
    let _ = std::fs::remove_dir_all(&dir);
}

/// FETCH data for one message with its header literal.
fn header_fetch(seq: u32, uid: u32, flags: &str, header: &str) -> String {
    format!(
        "* {seq} FETCH (UID {uid} FLAGS ({flags}) RFC822.SIZE {} BODY[HEADER.FIELDS (DATE FROM SUBJECT)] {{{}}}\r\n{header})\r\n",
        header.len() + 40,
        header.len()
    )
}

#[test]
fn imap_untagged_responses_interleaved_with_fetch_data() {
    let h1 =
        "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nFrom: A <a@x.test>\r\nSubject: first\r\n\r\n";
    let h2 = "From: b@x.test\r\nSubject: =?utf-8?q?gr=C3=BC=C3=9Fe?=\r\n\r\n";
    let mut resp = header_fetch(1, 5, "\\Seen", h1);
    resp.push_str(
        "* 3 EXISTS\r\n* OK [ALERT] x\r\n* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n* 2 RECENT\r\n",
    );
    resp.push_str(&header_fetch(2, 6, "", h2));
    resp.push_str("* 2 EXPUNGE\r\nA0003 OK done\r\n");
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect("A0003 FETCH 1:2 (UID FLAGS RFC822.SIZE BODY.PEEK["),
            send(resp),
        ],
        logout("A0004"),
    ]));
    let r = imap(&fake, "fetch", &["INBOX", "1:2"]);
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    let m = s["messages"].as_array().unwrap();
    assert_eq!(m.len(), 2, "{s}");
    assert_eq!(m[0]["uid"], 5);
    assert_eq!(m[0]["subject"], "first");
    assert_eq!(m[0]["from"], "A <a@x.test>");
    assert_eq!(m[0]["flags"], json!(["\\Seen"]));
    assert_eq!(m[0]["size"], h1.len() as u64 + 40);
    assert_eq!(m[1]["uid"], 6);
    assert_eq!(m[1]["subject"], "grüße");
    assert_eq!(m[1]["flags"], json!([]));

    // The same interleaving in a --full fetch: two files with exactly the literal bytes.
    let dir = out_dir("imap-fake-interleave");
    let b1 = "Subject: one\r\n\r\nbody one\r\n";
    let b2 = "Subject: two\r\n\r\nbody two \u{e9}\r\n";
    let resp = format!(
        "* 1 FETCH (UID 5 RFC822.SIZE {} BODY[] {{{}}}\r\n{b1})\r\n* 4 EXISTS\r\n* OK [ALERT] x\r\n* 1 FETCH (FLAGS (\\Seen))\r\n* 2 FETCH (UID 6 RFC822.SIZE {} BODY[] {{{}}}\r\n{b2})\r\nA0004 OK done\r\n",
        b1.len(),
        b1.len(),
        b2.len(),
        b2.len()
    );
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        sizes("1:2", &[(1, 5, b1.len()), (2, 6, b2.len())]),
        vec![
            expect("A0004 FETCH 1:2 (UID RFC822.SIZE BODY.PEEK[])"),
            send(resp),
        ],
        logout("A0005"),
    ]));
    let r = run(cmd(&fake, "fetch", &["INBOX", "1:2", "--full", "--force", "-o"]).arg(&dir));
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    assert_eq!(
        dir_names(&dir),
        vec!["5.eml".to_string(), "6.eml".to_string()],
        "{s}"
    );
    assert_eq!(std::fs::read(dir.join("5.eml")).unwrap(), b1.as_bytes());
    assert_eq!(std::fs::read(dir.join("6.eml")).unwrap(), b2.as_bytes());
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- hostile lines

#[test]
fn imap_one_megabyte_response_line_has_a_clear_outcome() {
    let mut huge = b"* OK ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 1 << 20));
    huge.extend_from_slice(b"\r\nA0002 OK noop done\r\n");
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![expect("A0002 NOOP"), Send(huge)],
        logout("A0003"),
    ]));
    let r = imap(&fake, "raw", &["NOOP"]);
    let _ = fake.finish();
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let s = r.summary();
    assert!(
        r.code == 0 || r.code == 7,
        "unclear outcome {}: {s}",
        r.code
    );
    if r.code == 0 {
        assert!(s["detail"].as_str().unwrap().contains("noop done"), "{s}");
    } else {
        assert_eq!(s["error"]["kind"], "protocol", "{s}");
    }
}

#[test]
fn imap_malformed_response_lines_are_protocol_7() {
    // A tagged reply that is neither OK, NO nor BAD.
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 EXAMINE"),
            line("A0002 MAYBE later"),
            ReadToEnd,
        ],
    ]));
    let r = imap(&fake, "select", &["INBOX"]);
    fake.finish();
    let s = assert_failed(&r, 7, "select");
    assert_eq!(s["error"]["kind"], "protocol", "{s}");

    // Garbage instead of a greeting.
    let fake = FakeServer::start(vec![line("garbage"), ReadToEnd]);
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    assert_failed(&r, 7, "banner");
    never_sent(&t, "LOGIN");

    // Garbage in the middle of a command's untagged data.
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 NOOP"),
            send("* 1 FETCH (UID 5\r\nA0002 OK\r\n"),
            ReadToEnd,
        ],
    ]));
    let r = imap(&fake, "raw", &["NOOP"]);
    fake.finish();
    assert_failed(&r, 7, "command");
}

// ---------------------------------------------------------------- session end and deviations

/// Issue 12: EXAMINE answered [READ-WRITE] (RFC 3501 §6.3.2 requires READ-ONLY) is tolerated with
/// a warning line: mailctl sends nothing that modifies the mailbox there. It used to pass in
/// silence.
#[test]
fn imap_examine_answered_read_write_warns_and_continues() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 EXAMINE \"INBOX\""),
            send("* 3 EXISTS\r\nA0002 OK [READ-WRITE] examined, but writable\r\n"),
        ],
        logout("A0003"),
    ]));
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_ok(&r);
    assert_eq!(s["info"]["access"], "read-write", "{s}");
    let w = r.warnings();
    assert!(
        w.iter()
            .any(|m| m.contains("[READ-WRITE]") && m.contains("EXAMINE")),
        "{w:?}"
    );
    never_sent(&t, "STORE");
    never_sent(&t, "EXPUNGE");
}

/// The other direction: SELECT (for --mark-seen) answered [READ-ONLY] means no \Seen can be set
/// in this session; the fetch still works, with a warning line saying so.
#[test]
fn imap_select_answered_read_only_warns_that_flags_cannot_change() {
    let h = "Subject: ro\r\n\r\n";
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 SELECT \"INBOX\""),
            send("* 1 EXISTS\r\nA0002 OK [READ-ONLY] selected, read-only\r\n"),
            expect("A0003 FETCH 1 (UID FLAGS RFC822.SIZE BODY.PEEK["),
            send(format!("{}A0003 OK done\r\n", header_fetch(1, 5, "", h))),
        ],
        logout("A0004"),
    ]));
    let r = imap(&fake, "fetch", &["INBOX", "1", "--mark-seen"]);
    fake.finish().assert_ok();
    assert_ok(&r);
    let w = r.warnings();
    assert!(w.iter().any(|m| m.contains("[READ-ONLY]")), "{w:?}");
}

/// RFC 9051 §6.1.3: after LOGOUT the server sends BYE, then the tagged OK. A server that closes
/// after the BYE without the OK is tolerated: exit 0, an info line, no warning (the BYE used to
/// end the read, so the tagged OK was never read even when sent).
#[test]
fn imap_logout_without_tagged_ok_is_noted_not_failed() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![expect("A0003 LOGOUT"), line("* BYE closing now"), Close],
    ]));
    let r = imap(&fake, "select", &["INBOX"]);
    fake.finish().assert_ok();
    assert_ok(&r);
    let w = r.warnings();
    assert!(!w.iter().any(|m| m.contains("LOGOUT")), "{w:?}");
    assert!(
        r.json().iter().any(|e| e["type"] == "info"
            && e["msg"]
                .as_str()
                .is_some_and(|m| m.contains("without the tagged OK to LOGOUT"))),
        "{:#?}",
        r.json()
    );
}

// ---------------------------------------------------------------- STARTTLS

#[test]
fn imap_starttls_not_offered_is_capability_18_logs_out_and_nothing_sent_in_clear() {
    let fake = FakeServer::start(script(vec![
        greeting_with("IMAP4rev1 AUTH=PLAIN"),
        logout("A0001"),
    ]));
    let r = imap(&fake, "select", &["INBOX", "--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 18, "capability");
    // LOGOUT, then both the BYE and the tagged OK are read and shown (RFC 9051 §6.1.3).
    let d = r.dialogue();
    assert!(d.iter().any(|l| l == "C: A0001 LOGOUT"), "{d:#?}");
    assert_eq!(
        d.last().map(String::as_str),
        Some("S: A0001 OK logged out"),
        "{d:#?}"
    );
    assert_error_mentions(&s, "STARTTLS");
    never_sent(&t, "STARTTLS");
    never_sent(&t, "LOGIN");
    never_sent(&t, "AUTHENTICATE");
    no_password_on_wire(&t);
}

#[test]
fn imap_bytes_injected_after_starttls_ok_are_discarded() {
    let fake = FakeServer::start(script(vec![
        greeting_with("IMAP4rev1 STARTTLS LOGINDISABLED"),
        vec![
            expect("A0001 STARTTLS"),
            send("A0001 OK begin TLS\r\n* OK injected\r\n"),
            Sleep(200),
            Close,
        ],
    ]));
    let r = imap(&fake, "select", &["INBOX", "--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    assert_failed(&r, 5, "tls");
    let all = r.json();
    let disc: Vec<&Value> = all.iter().filter(|e| e["type"] == "discarded").collect();
    assert_eq!(disc.len(), 1, "{}", r.stdout);
    assert_eq!(disc[0]["bytes"], "* OK injected\r\n".len());
    assert!(disc[0]["preview"].as_str().unwrap().contains("injected"));
    assert!(
        !all.iter()
            .any(|e| e["type"] == "recv" && e["line"].as_str().unwrap().contains("injected")),
        "injected line read as a response: {}",
        r.stdout
    );
    never_sent(&t, "LOGIN");
    no_password_on_wire(&t);
}

// ---------------------------------------------------------------- mailbox names

#[test]
fn imap_list_decodes_modified_utf7_and_survives_malformed_names() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 LIST \"\" \"*\""),
            send(concat!(
                "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n",
                "* LIST () \"/\" \"~peter/mail/&U,BTFw-/&ZeVnLIqe-\"\r\n",
                "* LIST () \"/\" \"Tom &- Jerry\"\r\n",
                "* LIST () \"/\" \"&A-\"\r\n",
                "* LIST () \"/\" {5}\r\nA b c\r\n",
                "* LIST () \"/\" \"Evil\x1b[2J\"\r\n",
                "* LIST (\\Noselect) NIL INBOX\r\n",
                "A0002 OK done\r\n"
            )),
        ],
        logout("A0003"),
    ]));
    let r = imap(&fake, "list", &[]);
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    let names: Vec<(&str, &str)> = s["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["raw_name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Entwürfe", "Entw&APw-rfe"),
            ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
            ("Tom & Jerry", "Tom &- Jerry"),
            ("&A-", "&A-"),
            ("A b c", "A b c"),
            ("Evil\x1b[2J", "Evil\x1b[2J"),
            ("INBOX", "INBOX"),
        ],
        "{s}"
    );
    assert_eq!(s["mailboxes"][6]["delimiter"], "", "{s}");

    // Human output: decoded names, and no raw ESC reaches the terminal.
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        vec![
            expect("A0002 LIST"),
            // Flags are atoms the table joins as they are: one carries an ESC sequence too.
            send(&b"* LIST () \"/\" \"Entw&APw-rfe\"\r\n* LIST (\\Marked \\Evil\x1b]0;pwned\x07) \"/\" \"&A-\"\r\n* LIST () \"/\" \"Evil\x1b[2J\xff\"\r\nA0002 OK done\r\n"[..]),
        ],
        logout("A0003"),
    ]));
    let r: RawRun = run_raw(
        mailctl()
            .args([
                "imap",
                "list",
                "-s",
                &fake.server_arg(),
                "-u",
                USER,
                "--timeout",
                "5s",
            ])
            .env("MAILCTL_PASSWORD", PW),
    );
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = String::from_utf8(r.stdout.clone()).expect("non-UTF-8 on stdout");
    assert!(out.contains("Entwürfe"), "{out}");
    assert!(out.contains("&A-"), "{out}");
    assert!(!out.contains('\x1b'), "raw ESC on stdout: {out:?}");
    assert!(!out.contains('\x07'), "raw BEL on stdout: {out:?}");
    assert!(out.contains("\\x1b"), "{out}");
    assert!(out.contains("\\Marked \\Evil\\x1b]0;pwned\\x07"), "{out}");
}

/// `fetch --full -o DIR` creates DIR (and missing parents) 0700 and each message 0600: other
/// local users can neither read the mail nor list which UIDs were fetched.
#[cfg(unix)]
#[test]
fn imap_full_fetch_creates_private_directories_and_files() {
    use std::os::unix::fs::PermissionsExt;
    let base = out_dir("imap-dir-mode");
    let dir = base.join("new").join("sub");
    let body = "Subject: d\r\n\r\nx\r\n";
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        sizes("1", &[(1, 5, body.len())]),
        vec![
            expect("A0004 FETCH 1 (UID RFC822.SIZE BODY.PEEK[])"),
            send(format!(
                "* 1 FETCH (UID 5 RFC822.SIZE {0} BODY[] {{{0}}}\r\n{body})\r\nA0004 OK done\r\n",
                body.len()
            )),
        ],
        logout("A0005"),
    ]));
    let r = run(cmd(&fake, "fetch", &["INBOX", "1", "--full", "-o"]).arg(&dir));
    fake.finish().assert_ok();
    assert_ok(&r);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&base.join("new")), 0o700);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("5.eml")), 0o600);
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn imap_full_fetch_writes_bodies_that_are_not_streamed_literals() {
    // RFC 9051: BODY[] is an nstring; a server may send a small body as a quoted string, and an
    // empty message as a zero-length literal. Both must still become <UID>.eml, not vanish.
    for (label, body_item, want) in [
        ("quoted string", "BODY[] \"Subject: q\"", &b"Subject: q"[..]),
        ("zero-length literal", "BODY[] {0}\r\n", &b""[..]),
    ] {
        let dir = out_dir("imap-fake-inline");
        let fake = FakeServer::start(script(vec![
            greeting(),
            login(),
            examine(),
            sizes("1", &[(1, 5, want.len())]),
            vec![
                expect("A0004 FETCH 1 (UID RFC822.SIZE BODY.PEEK[])"),
                send(format!(
                    "* 1 FETCH (UID 5 RFC822.SIZE {} {body_item})\r\nA0004 OK done\r\n",
                    want.len()
                )),
            ],
            logout("A0005"),
        ]));
        let r = run(cmd(&fake, "fetch", &["INBOX", "1", "--full", "--force", "-o"]).arg(&dir));
        fake.finish().assert_ok();
        let s = assert_ok(&r);
        assert_eq!(
            dir_names(&dir),
            vec!["5.eml".to_string()],
            "{label}: message silently not written: {s}"
        );
        assert_eq!(std::fs::read(dir.join("5.eml")).unwrap(), want, "{label}");
        assert_eq!(s["messages"].as_array().unwrap().len(), 1, "{label}: {s}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn imap_idle_events_and_bye_during_idle() {
    // EXISTS during IDLE, then DONE after --for.
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect("A0003 IDLE"),
            line("+ idling"),
            Sleep(200),
            send("* 4 EXISTS\r\n* 1 RECENT\r\n"),
            expect("DONE"),
            line("A0003 OK IDLE terminated"),
        ],
        logout("A0004"),
    ]));
    let r = imap(&fake, "idle", &["INBOX", "--for", "1s"]);
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    let ev: Vec<&str> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(ev.iter().any(|e| e.starts_with("4 EXISTS")), "{s}");

    // BYE while idling: closed, 8.
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect("A0003 IDLE"),
            line("+ idling"),
            Sleep(100),
            line("* BYE shutting down"),
            Close,
        ],
    ]));
    let r = imap(&fake, "idle", &["INBOX", "--for", "5s"]);
    fake.finish();
    let s = assert_failed(&r, 8, "command");
    assert_error_mentions(&s, "shutting down");

    // No IDLE capability: refused before anything is sent.
    let fake = FakeServer::start(script(vec![
        greeting_with("IMAP4rev1 AUTH=PLAIN"),
        vec![
            expect("A0001 LOGIN"),
            line("A0001 OK [CAPABILITY IMAP4rev1] logged in"),
        ],
        examine(),
        logout("A0003"),
    ]));
    let r = imap(&fake, "idle", &["INBOX", "--for", "1s"]);
    let t = fake.finish();
    assert_failed(&r, 29, "command");
    never_sent(&t, "IDLE");
}

#[test]
fn imap_starttls_no_capability_no_and_preauth_without_tls() {
    // STARTTLS refused: 22, and the password never follows in the clear.
    let fake = FakeServer::start(script(vec![
        greeting_with("IMAP4rev1 STARTTLS AUTH=PLAIN"),
        vec![
            expect("A0001 STARTTLS"),
            line("A0001 NO TLS is broken today"),
        ],
        logout("A0002"),
    ]));
    let r = imap(&fake, "select", &["INBOX", "--starttls"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_failed(&r, 22, "starttls");
    assert_error_mentions(&s, "TLS is broken today");
    never_sent(&t, "LOGIN");
    no_password_on_wire(&t);

    // No capabilities in the greeting and CAPABILITY refused: 21.
    let fake = FakeServer::start(vec![
        line("* OK fake ready"),
        expect("A0001 CAPABILITY"),
        line("A0001 NO not today"),
        expect("A0002 LOGOUT"),
        line("A0002 OK"),
        ReadToEnd,
    ]);
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    t.assert_ok();
    assert_failed(&r, 21, "capa");
    never_sent(&t, "LOGIN");

    // PREAUTH without --starttls: no LOGIN, straight to EXAMINE.
    let fake = FakeServer::start(script(vec![
        vec![line("* PREAUTH [CAPABILITY IMAP4rev1] welcome back")],
        vec![
            expect("A0001 EXAMINE \"INBOX\""),
            send("* 2 EXISTS\r\n* OK [UIDNEXT 9] x\r\nA0001 OK [READ-ONLY] done\r\n"),
        ],
        logout("A0002"),
    ]));
    let r = imap(&fake, "select", &["INBOX"]);
    let t = fake.finish();
    t.assert_ok();
    let s = assert_ok(&r);
    assert_eq!(s["info"]["exists"], 2, "{s}");
    assert_eq!(s["info"]["uidnext"], 9, "{s}");
    never_sent(&t, "LOGIN");
    no_password_on_wire(&t);
}

// ---------------------------------------------------------------- output safety and sizes

#[test]
fn imap_rfc822_size_different_from_the_body_is_a_warning_and_the_bytes_as_sent() {
    let body = b"Subject: s\r\n\r\nmore than announced\r\n";
    let dir = out_dir("imap-size-mismatch");
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        sizes("1", &[(1, 5, 10)]),
        vec![
            expect("A0004 FETCH 1 (UID RFC822.SIZE BODY.PEEK[])"),
            Send(
                [
                    format!(
                        "* 1 FETCH (UID 5 RFC822.SIZE 10 BODY[] {{{}}}\r\n",
                        body.len()
                    )
                    .as_bytes(),
                    body,
                    b")\r\nA0004 OK done\r\n",
                ]
                .concat(),
            ),
        ],
        logout("A0005"),
    ]));
    let r = run(cmd(&fake, "fetch", &["INBOX", "1", "--full", "--force", "-o"]).arg(&dir));
    fake.finish().assert_ok();
    assert_ok(&r);
    assert_eq!(std::fs::read(dir.join("5.eml")).unwrap(), body);
    let want = format!("RFC822.SIZE announced 10 octets, BODY[] has {}", body.len());
    assert!(r.warnings().iter().any(|w| w.contains(&want)), "{r:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn imap_part_to_a_closed_stdout_is_broken_pipe_141_not_success() {
    let text = "x".repeat(76).to_string() + "\r\n";
    let text = text.repeat(2000);
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        sizes("1", &[(1, 5, text.len() + 100)]),
        vec![
            expect("A0004 FETCH 1 (UID BODY.PEEK[TEXT])"),
            send(format!(
                "* 1 FETCH (UID 5 BODY[TEXT] {{{}}}\r\n{text})\r\nA0004 OK done\r\n",
                text.len()
            )),
            ReadToEnd,
        ],
    ]));
    let r = run_stdout_closed(&mut cmd(&fake, "fetch", &["INBOX", "1", "--part", "TEXT"]));
    fake.finish().assert_ok();
    assert_eq!(r.code, 141, "{}", r.stderr);
    let s = crate::rig_pop3::jsonl(&r.stderr)
        .into_iter()
        .rfind(|e| e["type"] == "summary")
        .expect("summary on stderr");
    assert_eq!(s["error"]["kind"], "broken_pipe", "{s}");
    assert_eq!(s["error"]["phase"], "command", "{s}");
}

#[test]
fn imap_unusable_output_is_a_usage_error_before_connecting() {
    let existing = std::env::temp_dir().join(format!("mailctl-{}", token("imap-exists")));
    std::fs::write(&existing, b"precious").unwrap();
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "--part -o an existing file",
            vec![
                "--part".into(),
                "TEXT".into(),
                "-o".into(),
                existing.display().to_string(),
            ],
        ),
        (
            "--full -o a file, not a directory",
            vec!["--full".into(), "-o".into(), existing.display().to_string()],
        ),
    ];
    for (what, args) in cases {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let mut c = mailctl();
        c.args([
            "--json",
            "imap",
            "fetch",
            "-s",
            &addr,
            "-u",
            USER,
            "--timeout",
            "1s",
        ])
        .args(["INBOX", "1"])
        .args(&args)
        .env("MAILCTL_PASSWORD", PW);
        let r = run(&mut c);
        let s = r.failed_at(2, "setup");
        assert!(
            matches!(l.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "{what}: connected although the output was unusable: {s}"
        );
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");
    let _ = std::fs::remove_file(&existing);
}

/// pymap (0.36) demo mail carries `Date: 01-Jan-1970 01:01:00 +0000` (the IMAP internal-date
/// form, not RFC 5322 §3.3). The header table showed an empty DATE column: a value the server
/// sent, silently dropped. Found against pymap in interop testing; the bytes are its reply.
#[test]
fn imap_fetch_unparsable_date_is_shown_as_sent_not_dropped() {
    let h = "From: friend@example.com\r\nSubject: Re: Re: Random question\r\nDate: 01-Jan-1970 01:01:00\r\n +0000\r\n\r\n";
    let steps = || {
        script(vec![
            greeting(),
            login(),
            examine(),
            vec![
                expect("A0003 FETCH 1 (UID FLAGS RFC822.SIZE BODY.PEEK["),
                send(format!(
                    "{}A0003 OK FETCH completed.\r\n",
                    header_fetch(1, 101, "\\Seen", h)
                )),
            ],
            logout("A0004"),
        ])
    };
    let fake = FakeServer::start(steps());
    let r = imap(&fake, "fetch", &["INBOX", "1"]);
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    let m = &s["messages"][0];
    assert_eq!(m["date"], "", "{s}");
    assert_eq!(m["date_header"], "01-Jan-1970 01:01:00 +0000", "{s}");

    // The human table on stdout shows it (unfolded) in the DATE column.
    let fake = FakeServer::start(steps());
    let mut c = mailctl();
    c.args([
        "--color",
        "never",
        "imap",
        "fetch",
        "-s",
        &fake.server_arg(),
        "-u",
        USER,
    ])
    .args(["--timeout", "5s", "INBOX", "1"])
    .env("MAILCTL_PASSWORD", PW);
    let r = run(&mut c);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with("101"))
        .unwrap_or_default();
    assert!(row.contains("01-Jan-1970 01:01:00 +0000"), "{}", r.stdout);
}

/// Courier-IMAP 5.0 without FAM/inotify does not watch the mailbox while idling: mail delivered
/// during IDLE is reported only in answer to DONE, before the tagged OK (its exact bytes below).
/// mailctl showed `* 4 EXISTS` in the transcript but said "0 event(s) while idling" with an
/// empty EVENT table and JSON `events: []`. Found against Courier in interop testing.
#[test]
fn imap_idle_counts_events_reported_with_done() {
    let fake = FakeServer::start(script(vec![
        greeting(),
        login(),
        examine(),
        vec![
            expect("A0003 IDLE"),
            line("+ entering idle mode"),
            expect("DONE"),
            send("* 4 EXISTS\r\n* 4 RECENT\r\nA0003 OK IDLE completed\r\n"),
        ],
        logout("A0004"),
    ]));
    let r = imap(&fake, "idle", &["INBOX", "--for", "1s"]);
    fake.finish().assert_ok();
    let s = assert_ok(&r);
    assert_eq!(
        s["events"],
        json!(["4 EXISTS (mailbox now has 4 messages)", "4 RECENT"]),
        "{s}"
    );
    assert_eq!(s["detail"], "2 event(s) while idling", "{s}");
}
