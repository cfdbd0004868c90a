//! `smtp send`'s other stages and extensions against the real rig (issue 15): Postfix XCLIENT on
//! the listener that authorizes it (and refused where it is not offered), `--drop-after` (the
//! session ends without QUIT, and Postfix says so in its log; after the dot the message is
//! still delivered), VRFY/EXPN as Postfix answers them, and REQUIRETLS refused where it is not
//! offered.

use crate::util::*;
use serde_json::Value;
use std::time::{Duration, Instant};

fn send() -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "smtp", "send", "--timeout", "10s"]);
    c
}

fn ok(r: &Run) -> Value {
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    assert_eq!(s["outcome"], "ok", "{s}");
    s
}

fn closed_by(r: &Run) -> Vec<String> {
    r.json()
        .iter()
        .filter(|e| e["type"] == "closed")
        .filter_map(|e| e["by"].as_str().map(String::from))
        .collect()
}

/// Wait (bounded) until Postfix's log has a line containing all of `needles`.
fn wait_for_log(rig: &Rig, needles: &[&str]) -> String {
    let log = rig.dir().join("log/postfix.log");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(l) = text.lines().find(|l| needles.iter().all(|n| l.contains(n))) {
            return l.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no line with {needles:?} in {}",
            log.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// XCLIENT (Postfix XCLIENT_README): the attributes go out as given, the server greets again,
/// mailctl says EHLO again, and the message is received "from" the client XCLIENT named —
/// Postfix's Received header shows the forged name and address.
#[test]
fn xclient_makes_postfix_see_the_named_client() {
    let rig = rig();
    let tok = token("xclient");
    let r = run(send()
        .args(["-s", &rig.addr("RIG_XCLIENT_SMTP_PORT")])
        .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
        .args(["--subject", &tok])
        .args([
            "--xclient",
            "ADDR=192.0.2.99",
            "--xclient",
            "NAME=relay.example HELO=relay.example",
        ]));
    let s = ok(&r);
    assert_eq!(s["accepted"], true, "{s}");
    let d = r.dialogue();
    let at = d
        .iter()
        .position(|l| l == "C: XCLIENT ADDR=192.0.2.99 NAME=relay.example HELO=relay.example")
        .unwrap_or_else(|| panic!("no XCLIENT line: {d:#?}"));
    assert!(d[at + 1].starts_with("S: 220 "), "{d:#?}");
    assert!(
        d[at + 2..].iter().any(|l| l.starts_with("C: EHLO ")),
        "EHLO again after XCLIENT: {d:#?}"
    );
    let stored = wait_for_message(&rig.maildir("alice"), &tok);
    let text = String::from_utf8_lossy(&stored);
    assert!(
        // Our EHLO after XCLIENT sets the HELO name again; name and address are XCLIENT's.
        text.contains("(relay.example [192.0.2.99])"),
        "Received header names the XCLIENT client:\n{text}"
    );
}

/// The plain SMTP listener does not authorize this client: XCLIENT is not in its EHLO, so
/// mailctl refuses before sending anything (exit 18, QUIT); an attribute the server does not
/// list is refused the same way; a malformed one is a usage error.
#[test]
fn xclient_not_offered_or_unknown_attribute_is_capability_18() {
    let rig = rig();
    for (port, attr) in [
        ("RIG_SMTP_PORT", "ADDR=192.0.2.99"),
        ("RIG_XCLIENT_SMTP_PORT", "COLOUR=blue"),
    ] {
        let r = run(send()
            .args(["-s", &rig.addr(port)])
            .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
            .args(["--xclient", attr]));
        assert_eq!(r.code, 18, "{port} {attr}: {r:?}");
        let d = r.dialogue();
        assert!(
            !d.iter()
                .any(|l| l.starts_with("C: XCLIENT") || l.starts_with("C: MAIL")),
            "{d:#?}"
        );
        assert!(d.iter().any(|l| l == "C: QUIT"), "{d:#?}");
    }
    for bad in ["ADDR", "=x", "A-B=1"] {
        let r = run(send()
            .args(["-s", &rig.addr("RIG_XCLIENT_SMTP_PORT")])
            .args(["--to", "alice@rig.test", "--xclient", bad]));
        assert_eq!(r.code, 2, "{bad}: {r:?}");
    }
}

/// `--drop-after rcpt`: RCPT answered, then the connection closes with no QUIT; Postfix logs
/// the lost connection after RCPT. Exit 0: the dialogue did what was asked.
#[test]
fn drop_after_rcpt_closes_without_quit() {
    let rig = rig();
    let helo = token("drop-rcpt");
    let r = run(send()
        .args(["-s", &rig.addr("RIG_SMTP_PORT"), "--helo", &helo])
        .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
        .args(["--drop-after", "rcpt"]));
    let s = ok(&r);
    assert_eq!(s["accepted"], false, "{s}");
    let d = r.dialogue();
    assert!(
        d.iter()
            .any(|l| l.starts_with("C: RCPT TO:<alice@rig.test>")),
        "{d:#?}"
    );
    assert!(
        !d.iter().any(|l| l == "C: QUIT" || l == "C: DATA"),
        "{d:#?}"
    );
    assert!(
        closed_by(&r)
            .iter()
            .any(|b| b.contains("--drop-after rcpt")),
        "{:?}",
        closed_by(&r)
    );
    // Postfix's own account: the client vanished after RCPT (no quit=1 in its summary).
    let line = wait_for_log(rig, &["lost connection after RCPT", "127.0.0.1"]);
    assert!(!line.contains("quit="), "{line}");
    // And --quit-after / --drop-after together is a usage error.
    let r = run(send()
        .args(["-s", &rig.addr("RIG_SMTP_PORT"), "--to", "alice@rig.test"])
        .args(["--drop-after", "rcpt", "--quit-after", "rcpt"]));
    assert_eq!(r.code, 2, "{r:?}");
}

/// `--drop-after dot`: the whole message and its final dot go out, the connection closes
/// before the reply — and Postfix, which took the message at the dot, delivers it anyway
/// (the RFC 1047 duplicate-message window, seen from the server).
#[test]
fn drop_after_dot_message_is_still_delivered() {
    let rig = rig();
    let tok = token("drop-dot");
    let r = run(send()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args(["--from", "sender@rig.test", "--to", "alice@rig.test"])
        .args(["--subject", &tok, "--drop-after", "dot"]));
    let s = ok(&r);
    assert_eq!(s["accepted"], false, "no reply was read: {s}");
    let d = r.dialogue();
    assert!(d.iter().any(|l| l == "C: DATA"), "{d:#?}");
    assert!(!d.iter().any(|l| l == "C: QUIT"), "{d:#?}");
    assert!(
        !d.iter().any(|l| l.starts_with("S: 250 2.0.0 Ok: queued")),
        "the reply to the dot was not read: {d:#?}"
    );
    wait_for_message(&rig.maildir("alice"), &tok);
}

/// VRFY and EXPN as Postfix answers them: 252 for a known virtual mailbox (it will take mail
/// but does not confirm, RFC 5321 §3.5.3), 550 for an unknown one (exit 29, phase command),
/// 500 for EXPN (Postfix does not implement it). Without --to the answers are the whole session.
#[test]
fn vrfy_and_expn_against_postfix() {
    let rig = rig();
    let r = run(send()
        .args(["-s", &rig.addr("RIG_SMTP_PORT")])
        .args(["--vrfy", "alice@rig.test"]));
    let s = ok(&r);
    let v = &s["verified"][0];
    assert_eq!(v["command"], "VRFY", "{s}");
    assert_eq!(v["arg"], "alice@rig.test", "{s}");
    assert_eq!(v["code"], 252, "{s}");
    let d = r.dialogue();
    assert!(!d.iter().any(|l| l.starts_with("C: MAIL")), "{d:#?}");
    assert!(d.iter().any(|l| l == "C: QUIT"), "{d:#?}");

    // A "no" is an answer: every question is still asked, then the session fails (29).
    let r = run(send().args(["-s", &rig.addr("RIG_SMTP_PORT")]).args([
        "--vrfy",
        "nobody-here@rig.test",
        "--vrfy",
        "bob@rig.test",
    ]));
    assert_eq!(r.code, 29, "{r:?}");
    let s = r.summary();
    assert_eq!(s["verified"][0]["code"], 550, "{s}");
    assert_eq!(s["verified"][1]["code"], 252, "{s}");

    for (flag, arg, code) in [
        ("--vrfy", "nobody-here@rig.test", "550"),
        ("--expn", "staff", "500"),
    ] {
        let r = run(send().args(["-s", &rig.addr("RIG_SMTP_PORT")]).args([
            "--to",
            "alice@rig.test",
            flag,
            arg,
        ]));
        assert_eq!(r.code, 29, "{flag} {arg}: {r:?}");
        let s = r.summary();
        assert_eq!(s["error"]["phase"], "command", "{s}");
        assert!(
            s["error"].to_string().contains(code) || s["reply"].to_string().contains(code),
            "{s}"
        );
        assert!(
            !r.dialogue().iter().any(|l| l.starts_with("C: MAIL")),
            "{r:?}"
        );
    }
}

/// REQUIRETLS (RFC 8689): Postfix does not offer it, so even inside STARTTLS nothing is sent
/// (exit 18); without TLS, or with --insecure, it is a usage error before connecting.
#[test]
fn requiretls_is_refused_where_it_cannot_be_honoured() {
    let rig = rig();
    let r = run(send()
        .args([
            "-s",
            &rig.addr("RIG_SUBMISSION_PORT"),
            "--starttls",
            "--ca-file",
            rig.ca(),
        ])
        .args([
            "--sni",
            "mail.rig.test",
            "--to",
            "alice@rig.test",
            "--requiretls",
        ]));
    assert_eq!(r.code, 18, "{r:?}");
    assert!(
        r.summary()["error"].to_string().contains("REQUIRETLS"),
        "{r:?}"
    );
    assert!(
        !r.dialogue().iter().any(|l| l.starts_with("C: MAIL")),
        "{r:?}"
    );
    for extra in [vec![], vec!["--starttls", "--insecure"]] {
        let r = run(send()
            .args([
                "-s",
                &rig.addr("RIG_SMTP_PORT"),
                "--to",
                "alice@rig.test",
                "--requiretls",
            ])
            .args(&extra));
        assert_eq!(r.code, 2, "{extra:?}: {r:?}");
    }
}
