//! SCRAM-SHA-1/-256, OAUTHBEARER and XOAUTH2 against the rig's Dovecot, for all three
//! protocols: IMAP AUTHENTICATE (10143, STARTTLS), POP3 AUTH (10110, STLS) and SMTP AUTH on the
//! submission port (10587, STARTTLS, Postfix asking Dovecot). Every run is checked on what the
//! transcript shows: client-first and the server's messages in the open, the password-derived
//! proof and server signature as `***` (unless --show-secrets), and the server's signature
//! verified before the login counts.
//!
//! Logins that fail hold rig_smtp's auth lock and clear Dovecot's per-IP auth penalty after;
//! POP3 logins use carol under rig_pop3's mailbox lock (a POP3 session locks the mailbox).

use crate::rig_pop3::carol_lock;
use crate::rig_smtp::{auth_lock, clear_auth_penalty};
use crate::util::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::Value;
use std::process::Command;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Proto {
    Smtp,
    Imap,
    Pop3,
}

const ALL: [Proto; 3] = [Proto::Smtp, Proto::Imap, Proto::Pop3];

/// The user each protocol logs in as, and its password.
fn login_of(rig: &Rig, p: Proto) -> (&'static str, String) {
    match p {
        Proto::Pop3 => ("carol@rig.test", rig.get("RIG_PASSWORD3").to_string()),
        _ => ("alice@rig.test", rig.get("RIG_PASSWORD").to_string()),
    }
}

/// `mailctl --json …` logging in over STARTTLS/STLS with `--auth mech`; the secret comes from
/// RIG_SASL_SECRET.
fn login_cmd(rig: &Rig, p: Proto, user: &str, mech: &str, secret: &str) -> Command {
    let mut c = mailctl();
    c.arg("--json");
    match p {
        Proto::Smtp => {
            c.args(["smtp", "send", "-s", &rig.addr("RIG_SUBMISSION_PORT")])
                .args(["--from", user, "--to", "bob@rig.test"])
                .args(["--quit-after", "auth"]);
        }
        Proto::Imap => {
            c.args(["imap", "capability", "-s", &rig.addr("RIG_IMAP_PORT")]);
        }
        Proto::Pop3 => {
            c.args(["pop3", "noop", "-s", &rig.addr("RIG_POP3_PORT")]);
        }
    }
    c.args([
        "--starttls",
        "--ca-file",
        rig.ca(),
        "--sni",
        rig.get("RIG_TLS_NAME"),
    ])
    .args([
        "-u",
        user,
        "--password-env",
        "RIG_SASL_SECRET",
        "--auth",
        mech,
    ])
    .env("RIG_SASL_SECRET", secret);
    c
}

fn events<'a>(all: &'a [Value], ty: &str) -> Vec<&'a Value> {
    all.iter().filter(|e| e["type"] == ty).collect()
}

/// The first line of the exchange (`AUTH …` / `Axxxx AUTHENTICATE …`) and the lines after it.
fn exchange(all: &[Value], mech: &str) -> (String, Vec<Value>) {
    let sent = events(all, "sent");
    let i = sent
        .iter()
        .position(|e| {
            let l = e["line"].as_str().unwrap_or("");
            l.starts_with(&format!("AUTH {mech}")) || l.contains(&format!(" AUTHENTICATE {mech}"))
        })
        .unwrap_or_else(|| panic!("no AUTH {mech} sent: {all:#?}"));
    (
        sent[i]["line"].as_str().unwrap().to_string(),
        sent[i + 1..].iter().map(|v| (*v).clone()).collect(),
    )
}

#[track_caller]
fn assert_hidden(r: &Run, secret: &str) {
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(secret), "secret leaked: {out}");
        assert!(!out.contains(&B64.encode(secret)), "base64 secret leaked");
    }
    // No line the transcript shows carries a SCRAM proof (`p=`) or signature (`v=`).
    for e in r.json() {
        for key in ["line", "note"] {
            let Some(text) = e[key].as_str() else {
                continue;
            };
            for word in text.split(' ') {
                if let Ok(d) = B64.decode(word) {
                    let d = String::from_utf8_lossy(&d);
                    assert!(
                        !d.contains(",p=") && !d.starts_with("v="),
                        "proof or signature shown: {e}"
                    );
                }
            }
        }
    }
}

#[track_caller]
fn assert_logged_in(r: &Run, what: &str) -> Vec<Value> {
    assert!(!r.stderr.contains("panicked"), "{what}: {r:?}");
    assert_eq!(r.code, 0, "{what}: {}\n{}", r.stdout, r.stderr);
    r.json()
}

// ---------------------------------------------------------------- SCRAM

#[test]
fn scram_sha_1_and_256_log_in_over_smtp_imap_and_pop3_and_verify_the_server() {
    let rig = rig();
    let _g = carol_lock();
    for p in ALL {
        for (choice, mech) in [
            ("scram-sha-1", "SCRAM-SHA-1"),
            ("scram-sha-256", "SCRAM-SHA-256"),
            // --auth auto prefers SCRAM-SHA-256 over everything else Dovecot offers.
            ("auto", "SCRAM-SHA-256"),
        ] {
            let what = format!("{p:?} {choice}");
            let (user, pw) = login_of(rig, p);
            let r = run(&mut login_cmd(rig, p, user, choice, &pw));
            let all = assert_logged_in(&r, &what);
            assert_hidden(&r, &pw);
            let (first, rest) = exchange(&all, mech);
            // client-first goes with the command (SMTP and POP3 initial response, IMAP
            // SASL-IR) and is shown as it is: it holds no secret.
            let ir = first.rsplit(' ').next().unwrap();
            let client_first = String::from_utf8(B64.decode(ir).unwrap()).unwrap();
            assert!(
                client_first.starts_with(&format!("n,,n={user},r=")),
                "{what}: {client_first}"
            );
            // client-final: *** with the proof-less part in the note.
            let fin = rest
                .iter()
                .find(|e| e["line"] == "***")
                .unwrap_or_else(|| panic!("{what}: no redacted client-final: {rest:#?}"));
            assert_eq!(fin["redacted"], true, "{what}");
            let note = fin["note"].as_str().unwrap();
            assert!(
                note.starts_with(&format!("{mech} client-final c=biws,r="))
                    && note.contains(",p=***"),
                "{what}: {note}"
            );
            // server-final came as a challenge, was verified, and answered with an empty line.
            assert!(
                events(&all, "info").iter().any(|e| e["msg"]
                    .as_str()
                    .unwrap()
                    .contains("server signature verified")),
                "{what}: {}",
                r.stdout
            );
            assert!(rest.iter().any(|e| e["line"] == ""), "{what}: {rest:#?}");
            for e in &rest {
                assert_eq!(e["tls"], true, "{what}: outside TLS: {e}");
            }
        }
    }
}

#[test]
fn scram_show_secrets_shows_the_proof() {
    let rig = rig();
    let (user, pw) = login_of(rig, Proto::Imap);
    let r = run(login_cmd(rig, Proto::Imap, user, "scram-sha-256", &pw).arg("--show-secrets"));
    let all = assert_logged_in(&r, "show-secrets");
    let (_, rest) = exchange(&all, "SCRAM-SHA-256");
    let shown: Vec<String> = rest
        .iter()
        .filter_map(|e| B64.decode(e["line"].as_str()?).ok())
        .map(|d| String::from_utf8_lossy(&d).into_owned())
        .collect();
    assert!(
        shown
            .iter()
            .any(|d| d.starts_with("c=biws,r=") && d.contains(",p=")),
        "{shown:?}"
    );
}

#[test]
fn scram_wrong_password_is_auth_failure_23_for_each_protocol() {
    let rig = rig();
    let _g = auth_lock();
    let _c = carol_lock();
    for p in ALL {
        let (user, _) = login_of(rig, p);
        let wrong = "not-the-password-4711";
        let r = run(&mut login_cmd(rig, p, user, "scram-sha-256", wrong));
        clear_auth_penalty(rig);
        let s = r.failed_at(23, "auth");
        assert_hidden(&r, wrong);
        assert!(!s["error"]["reply"].is_null(), "{p:?}: {s}");
    }
}

// ---------------------------------------------------------------- OAuth

#[test]
fn oauthbearer_and_xoauth2_with_the_rig_token_log_in_everywhere() {
    let rig = rig();
    let token = rig.get("RIG_OAUTH_TOKEN").to_string();
    for p in ALL {
        // The rig's token is valid for alice; POP3 locks alice's mailbox only for this session.
        for (choice, mech) in [("oauthbearer", "OAUTHBEARER"), ("xoauth2", "XOAUTH2")] {
            let what = format!("{p:?} {choice}");
            let r = run(&mut login_cmd(rig, p, "alice@rig.test", choice, &token));
            let all = assert_logged_in(&r, &what);
            assert_hidden(&r, &token);
            let (first, rest) = exchange(&all, mech);
            // The token rides on the command, redacted; a JWT is too long for POP3's 255-octet
            // command (RFC 5034 §4), so there it answers the first, empty, challenge.
            let deferred = first == format!("AUTH {mech}") && rest[0]["line"] == "***";
            assert!(
                first.ends_with(&format!("{mech} ***")) || (p == Proto::Pop3 && deferred),
                "{what}: {first} {rest:#?}"
            );
        }
    }
}

#[test]
fn oauth_bad_token_fails_23_with_the_servers_json_status() {
    let rig = rig();
    let _g = auth_lock();
    let bad = rig.get("RIG_OAUTH_TOKEN_BAD").to_string();
    for p in ALL {
        for (choice, mech) in [("oauthbearer", "OAUTHBEARER"), ("xoauth2", "XOAUTH2")] {
            let what = format!("{p:?} {choice}");
            let r = run(&mut login_cmd(rig, p, "alice@rig.test", choice, &bad));
            clear_auth_penalty(rig);
            let s = r.failed_at(23, "auth");
            assert_hidden(&r, &bad);
            let msg = s["error"]["message"].as_str().unwrap();
            assert!(msg.contains("server error status="), "{what}: {s}");
            let all = r.json();
            let (_, rest) = exchange(&all, mech);
            // RFC 7628 §3.2.3: OAUTHBEARER acknowledges the error with %x01; XOAUTH2 with an
            // empty line.
            let ack = if mech == "OAUTHBEARER" { "AQ==" } else { "" };
            assert!(rest.iter().any(|e| e["line"] == ack), "{what}: {rest:#?}");
        }
    }
}

/// SASL EXTERNAL (RFC 4422 App. A) with the rig's client certificate: Dovecot takes the user
/// from its CN (alice@rig.test) on IMAPS and POP3S, no --user and no password; without the
/// certificate the same login is refused (exit 23).
#[test]
fn external_logs_in_with_the_client_certificate_on_imap_and_pop3() {
    let rig = rig();
    let _g = auth_lock();
    for (cmd, port) in [("imap", "RIG_IMAPS_PORT"), ("pop3", "RIG_POP3S_PORT")] {
        let base = |with_cert: bool| {
            let mut c = mailctl();
            c.args([
                "--json",
                cmd,
                if cmd == "imap" { "capability" } else { "noop" },
            ])
            .args(["-s", &rig.addr(port), "--tls", "--ca-file", rig.ca()])
            .args(["--sni", rig.get("RIG_TLS_NAME"), "--auth", "external"])
            .env_remove("MAILCTL_PASSWORD");
            if with_cert {
                c.args(["--cert", rig.get("RIG_CLIENT_CERT")])
                    .args(["--key", rig.get("RIG_CLIENT_KEY")]);
            }
            c
        };
        let r = run(&mut base(true));
        assert_eq!(r.code, 0, "{cmd}: {r:?}");
        let d = r.dialogue();
        assert!(
            d.iter().any(|l| l.contains("EXTERNAL")),
            "{cmd}: EXTERNAL in the dialogue: {d:#?}"
        );
        assert!(
            r.stdout.contains("CN=alice@rig.test"),
            "{cmd}: the transcript names the certificate sent: {}",
            r.stdout
        );
        let r = run(&mut base(false));
        assert_eq!(r.code, 23, "{cmd} without a certificate: {r:?}");
        clear_auth_penalty(rig);
    }
}
