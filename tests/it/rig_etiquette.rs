//! Protocol etiquette against the real servers of the rig (issue 12): every session mailctl ends
//! for its own reasons after the greeting still ends with QUIT/LOGOUT and shows the answer; a
//! capability the server lacks is phase `capability`, exit 18; an IP-literal server gets no SNI
//! and no output claims one.
//!
//! Users: bob (POP3, so carol's locked POP3 tests are not disturbed), alice (IMAP: one message of
//! its own, removed again). Nothing is retrieved: the stops strike before any body is fetched.

use crate::util::*;
use serde_json::Value;
use std::process::Command;

fn json_cmd(args: &[&str]) -> Command {
    let mut c = mailctl();
    c.arg("--json").args(args).args(["--timeout", "10s"]);
    c
}

#[track_caller]
fn position(d: &[String], line: &str) -> usize {
    d.iter()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("{line:?} not in the dialogue: {d:#?}"))
}

fn tls_event(r: &Run) -> Value {
    let t: Vec<Value> = r
        .json()
        .into_iter()
        .filter(|e| e["type"] == "tls")
        .collect();
    assert_eq!(t.len(), 1, "{r:?}");
    t[0].clone()
}

/// A stop of mailctl's own after login (the asked-for unique id is not in Dovecot's UIDL list)
/// is not a broken dialogue: RSET (nothing is ever committed by accident), then QUIT, and
/// Dovecot's answer is shown. Output-file problems are found before connecting now (see
/// fake_pop3's `output_taken_during_the_transfer_still_rsets_and_quits` for a local error after
/// login).
#[test]
fn pop3_own_stop_after_login_still_rsets_and_quits() {
    let rig = rig();
    let out = std::env::temp_dir().join(token("etq-pop3")).join("out.eml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let r = run(json_cmd(&[
        "pop3",
        "retr",
        "--uid",
        "no-such-unique-id",
        "-s",
        &rig.addr("RIG_POP3_PORT"),
        "-u",
        rig.get("RIG_USER2"),
        "-o",
        out.to_str().unwrap(),
    ])
    .env("MAILCTL_PASSWORD", rig.get("RIG_PASSWORD2")));
    let s = r.summary();
    assert_eq!(r.code, 29, "{s}");
    assert!(!out.exists());
    let d = r.dialogue();
    assert!(!d.iter().any(|l| l.starts_with("C: RETR")), "{d:#?}");
    let rset = position(&d, "C: RSET");
    let quit = position(&d, "C: QUIT");
    assert!(rset < quit, "{d:#?}");
    assert_eq!(
        d.last().map(String::as_str),
        Some("S: +OK Logging out."),
        "{d:#?}"
    );
}

/// The same for IMAP: `fetch --full` learns the UIDs after EXAMINE and finds `<UID>.eml` already
/// in the output directory (a usage error only the server's UIDs reveal), and LOGOUT follows,
/// with the BYE and the tagged OK both read and shown (RFC 9051 §6.1.3).
#[test]
fn imap_own_stop_after_examine_still_logs_out_and_reads_the_tagged_ok() {
    let rig = rig();
    let tok = token("etq-imap");
    crate::rig_imap::deliver_built(&tok, &["--subject", &tok, "--body", "etiquette"]);
    let uid = crate::rig_imap::uid_of(&tok);
    let dir = std::env::temp_dir().join(&tok);
    std::fs::create_dir_all(&dir).unwrap();
    let taken = dir.join(format!("{uid}.eml"));
    std::fs::write(&taken, "mine").unwrap();
    let r = run(json_cmd(&[
        "imap",
        "fetch",
        "INBOX",
        &uid.to_string(),
        "--uid",
        "--full",
        "-s",
        &rig.addr("RIG_IMAP_PORT"),
        "-u",
        rig.get("RIG_USER"),
        "-o",
        dir.to_str().unwrap(),
    ])
    .env("MAILCTL_PASSWORD", rig.get("RIG_PASSWORD")));
    crate::rig_imap::expunge(&[uid]);
    let s = r.summary();
    assert_eq!(r.code, 2, "{s}");
    assert_eq!(s["exit_name"], "usage", "{s}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
    let d = r.dialogue();
    assert!(
        !d.iter().any(|l| l.starts_with("C: A") && l.contains("[]")),
        "a body was fetched: {d:#?}"
    );
    let n = d.len();
    assert!(n >= 3, "{d:#?}");
    assert!(
        d[n - 3].starts_with("C: A") && d[n - 3].ends_with(" LOGOUT"),
        "{d:#?}"
    );
    let tag = d[n - 3]["C: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(d[n - 2], "S: * BYE Logging out", "{d:#?}");
    assert!(
        d[n - 1].starts_with(&format!("S: {tag} OK ")),
        "tagged LOGOUT reply not read: {d:#?}"
    );
}

/// Every normal IMAP session ends with the tagged OK to LOGOUT in the transcript (it used to
/// stop at the BYE), and no warning about it.
#[test]
fn imap_logout_tagged_ok_is_read_and_shown() {
    let rig = rig();
    let r = run(&mut json_cmd(&[
        "imap",
        "capability",
        "-s",
        &rig.addr("RIG_IMAP_PORT"),
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let d = r.dialogue();
    let logout = position(&d, "C: A0001 LOGOUT");
    assert_eq!(
        d[logout + 1..],
        [
            "S: * BYE Logging out".to_string(),
            "S: A0001 OK Logout completed.".to_string()
        ],
        "{d:#?}"
    );
    assert!(r.warnings().is_empty(), "{:#?}", r.warnings());
}

/// Dovecot's LMTP offers no SMTPUTF8: a non-ASCII recipient is a capability mismatch (18,
/// phase `capability`), nothing of the transaction is sent (RFC 6531 §3.4), and the session ends
/// with QUIT and Dovecot's 221.
#[test]
fn lmtp_non_ascii_recipient_without_smtputf8_is_capability_18_and_quits() {
    let rig = rig();
    let r = run(&mut json_cmd(&[
        "smtp",
        "send",
        "--lmtp",
        "-s",
        &rig.addr("RIG_LMTP_PORT"),
        "--from",
        "etiquette@rig.test",
        "--to",
        "j\u{f6}rg@rig.test",
    ]));
    let s = r.failed_at(18, "capability");
    assert_eq!(s["exit_name"], "capability", "{s}");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("SMTPUTF8"),
        "{s}"
    );
    let d = r.dialogue();
    assert!(!d.iter().any(|l| l.starts_with("C: MAIL")), "{d:#?}");
    let n = d.len();
    assert_eq!(d[n - 2], "C: QUIT", "{d:#?}");
    assert!(d[n - 1].starts_with("S: 221 "), "{d:#?}");
}

/// Load mode: the same mismatch stops the run (every message would repeat it) instead of
/// counting N failures, and the session that met it still QUITs.
#[test]
fn load_mode_capability_mismatch_stops_and_quits() {
    let rig = rig();
    let r = run(&mut json_cmd(&[
        "smtp",
        "send",
        "--lmtp",
        "-s",
        &rig.addr("RIG_LMTP_PORT"),
        "--from",
        "etiquette@rig.test",
        "--to",
        "j\u{f6}rg@rig.test",
        "--count",
        "5",
        "--concurrency",
        "1",
    ]));
    let s = r.failed_at(18, "capability");
    let l = &s["load"];
    assert_eq!(l["messages"]["attempted"], 1, "{s}");
    assert_eq!(l["messages"]["accepted"], 0, "{s}");
    let d = r.dialogue();
    assert!(!d.iter().any(|l| l.starts_with("C: MAIL")), "{d:#?}");
    assert_eq!(d[d.len() - 2], "C: QUIT", "{d:#?}");
    assert!(d[d.len() - 1].starts_with("S: 221 "), "{d:#?}");
}

/// RFC 6066 §3: no SNI for an IP literal (rustls sends none); the certificate is still verified
/// against the IP (the rig certificate has 127.0.0.1 in its SANs). JSON says `"sni": null` and
/// the human transcript "no SNI (IP literal)" instead of showing the IP as the SNI; with a name
/// (`--sni`) the name is shown as before.
#[test]
fn tls_to_an_ip_literal_shows_no_sni() {
    let rig = rig();
    let smtps = rig.addr("RIG_SMTPS_PORT");
    assert!(smtps.starts_with("127.0.0.1:"), "{smtps}");
    let base = |json: bool| {
        let mut c = mailctl();
        if json {
            c.arg("--json");
        }
        c.args(["smtp", "send", "-s", &smtps, "--tls", "--ca-file", rig.ca()])
            .args([
                "--to",
                "bob@rig.test",
                "--quit-after",
                "ehlo",
                "--timeout",
                "10s",
            ]);
        c
    };
    let r = run(&mut base(true));
    assert_eq!(r.code, 0, "{r:?}");
    let t = tls_event(&r);
    assert!(t["sni"].is_null(), "{t}");
    assert_eq!(t["verified"], true, "{t}");

    let r = run(&mut base(false));
    assert_eq!(r.code, 0, "{r:?}");
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("TLS handshake"))
        .unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("no SNI (IP literal)"), "{line}");
    assert!(!line.contains("SNI 127.0.0.1"), "{line}");

    let r = run(base(true).args(["--sni", "mail.rig.test"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(tls_event(&r)["sni"], "mail.rig.test");
}
