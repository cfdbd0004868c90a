//! SASL exchanges against scripted fake servers, for what a real server will not do: a SCRAM
//! server that signs with the wrong key (or not at all), refuses with `e=`, hands back a nonce
//! that is not ours, asks for 1 or 2^31 iterations or sends truncated base64; an OAUTHBEARER
//! error challenge. The fake also plays a correct SCRAM server (its own derivation, checked
//! against the client's proof) so the multi-step exchanges of SMTP AUTH (RFC 4954), POP3 AUTH
//! (RFC 5034) and IMAP AUTHENTICATE (RFC 9051 §6.2.2, with and without SASL-IR, RFC 4959) are
//! shown to run to the end: client-first, server-first, client-final, server-final, empty
//! response, success.

use crate::fake::{FakeServer, Step, Step::*, Transcript, expect, line, reply, smtp_reply};
use crate::util::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ring::{digest, hmac, pbkdf2};
use serde_json::Value;

const USER: &str = "alice@fake.test";
const PW: &str = "scram-fake-pw-16180";
const SALT: &[u8] = b"fake-salt-0123";

// ---------------------------------------------------------------- a SCRAM server in the fake

#[derive(Clone, Copy)]
enum H {
    Sha1,
    Sha256,
}

impl H {
    fn algs(
        self,
    ) -> (
        pbkdf2::Algorithm,
        hmac::Algorithm,
        &'static digest::Algorithm,
    ) {
        match self {
            H::Sha1 => (
                pbkdf2::PBKDF2_HMAC_SHA1,
                hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                &digest::SHA1_FOR_LEGACY_USE_ONLY,
            ),
            H::Sha256 => (
                pbkdf2::PBKDF2_HMAC_SHA256,
                hmac::HMAC_SHA256,
                &digest::SHA256,
            ),
        }
    }
}

/// The base64 payload of the client's last line: the last word (`AUTH MECH <ir>`, or the line).
fn last_payload(lines: &[String]) -> Vec<u8> {
    let l = lines.last().map(String::as_str).unwrap_or("");
    let word = l.rsplit(' ').next().unwrap_or("");
    B64.decode(word).unwrap_or_default()
}

/// The client's first message (the last line that decodes to `n,,…`), and its bare part.
fn client_first_bare(lines: &[String]) -> String {
    for l in lines.iter().rev() {
        let word = l.rsplit(' ').next().unwrap_or("");
        if let Ok(d) = B64.decode(word)
            && let Some(bare) = String::from_utf8_lossy(&d).strip_prefix("n,,")
        {
            return bare.to_string();
        }
    }
    String::new()
}

fn client_nonce(lines: &[String]) -> String {
    let bare = client_first_bare(lines);
    bare.split(",r=").nth(1).unwrap_or("").to_string()
}

fn server_first(lines: &[String], iterations: u32) -> String {
    format!(
        "r={}srvNONCE42,s={},i={iterations}",
        client_nonce(lines),
        B64.encode(SALT)
    )
}

/// The server-final message for the exchange so far (the last client line is client-final):
/// `v=` when the client's proof is right, `e=invalid-proof` when not.
fn server_final(lines: &[String], h: H, iterations: u32) -> String {
    let (kdf, mac, dig) = h.algs();
    let cf = String::from_utf8_lossy(&last_payload(lines)).into_owned();
    let Some((without_proof, proof)) = cf.rsplit_once(",p=") else {
        return "e=other-error".into();
    };
    let auth_message = format!(
        "{},{},{without_proof}",
        client_first_bare(lines),
        server_first(lines, iterations)
    );
    let mut salted = vec![0u8; dig.output_len()];
    pbkdf2::derive(
        kdf,
        std::num::NonZeroU32::new(iterations).unwrap(),
        SALT,
        PW.as_bytes(),
        &mut salted,
    );
    let key = hmac::Key::new(mac, &salted);
    let client_key = hmac::sign(&key, b"Client Key");
    let stored = digest::digest(dig, client_key.as_ref());
    let client_sig = hmac::sign(
        &hmac::Key::new(mac, stored.as_ref()),
        auth_message.as_bytes(),
    );
    let want: Vec<u8> = client_key
        .as_ref()
        .iter()
        .zip(client_sig.as_ref())
        .map(|(a, b)| a ^ b)
        .collect();
    if B64.decode(proof).ok() != Some(want) {
        return "e=invalid-proof".into();
    }
    let server_key = hmac::sign(&key, b"Server Key");
    let v = hmac::sign(
        &hmac::Key::new(mac, server_key.as_ref()),
        auth_message.as_bytes(),
    );
    format!("v={}", B64.encode(v.as_ref()))
}

/// A reply step: `prefix` + base64 of what `f` makes of the client lines + CRLF.
fn challenge(
    prefix: &'static str,
    f: impl Fn(&[String]) -> String + std::marker::Send + Sync + 'static,
) -> Step {
    reply(move |lines| format!("{prefix}{}\r\n", B64.encode(f(lines))).into_bytes())
}

fn good_first(
    iterations: u32,
) -> impl Fn(&[String]) -> String + std::marker::Send + Sync + 'static {
    move |l| server_first(l, iterations)
}

fn good_final(h: H) -> impl Fn(&[String]) -> String + std::marker::Send + Sync + 'static {
    move |l| server_final(l, h, 4096)
}

// ---------------------------------------------------------------- running mailctl

fn smtp_cmd(fake: &FakeServer, mech: &str, extra: &[&str]) -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "smtp", "send", "-s", &fake.server_arg()])
        .args(["--from", "a@client.test", "--to", "b@fake.test"])
        .args(["--helo", "client.test", "--timeout", "5s"])
        .args(["--user", USER, "--quit-after", "auth"])
        .env("MAILCTL_PASSWORD", PW);
    if !mech.is_empty() {
        c.args(["--auth", mech]);
    }
    c.args(extra);
    c
}

fn smtp_open(caps: &str) -> Vec<Step> {
    vec![
        line("220 fake.test ESMTP"),
        expect("EHLO client.test"),
        Send(smtp_reply(250, &["fake.test", caps])),
    ]
}

fn smtp_quit() -> Vec<Step> {
    vec![expect("QUIT"), line("221 bye")]
}

#[track_caller]
fn assert_secret_hidden(r: &Run) {
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(PW), "password leaked: {out}");
        assert!(!out.contains(&B64.encode(PW)), "base64 password leaked");
    }
}

#[track_caller]
fn error_text(s: &Value) -> String {
    format!("{} {}", s["error"]["message"], s["error"]["reply"])
}

/// The client lines after the AUTH/AUTHENTICATE command, decoded where they are base64.
fn decoded_client_lines(t: &Transcript) -> Vec<String> {
    t.text_lines()
        .iter()
        .map(|l| {
            let w = l.rsplit(' ').next().unwrap_or("");
            B64.decode(w)
                .map(|d| String::from_utf8_lossy(&d).into_owned())
                .unwrap_or_else(|_| l.clone())
        })
        .collect()
}

// ---------------------------------------------------------------- SMTP

#[test]
fn smtp_scram_sha_256_full_exchange_verifies_the_server_and_redacts_proof_and_signature() {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH PLAIN SCRAM-SHA-1 SCRAM-SHA-256 CRAM-MD5"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                challenge("334 ", good_first(4096)),
                Step::ReadLine,
                // RFC 4954 §4: server-final as a challenge, answered with an empty line.
                challenge("334 ", good_final(H::Sha256)),
                Step::Expect(String::new()),
                line("235 2.7.0 ok"),
            ],
            smtp_quit(),
        ]
        .concat(),
    );
    // --auth auto: SCRAM-SHA-256 is preferred over everything else offered.
    let r = run(&mut smtp_cmd(&fake, "", &[]));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_secret_hidden(&r);
    let d = decoded_client_lines(&t);
    assert!(d[1].starts_with("n,,n=alice@fake.test,r="), "{d:?}");
    let dialogue = r.dialogue();
    // The client-final carries the proof: shown as ***, with the proof-less part in the note.
    assert!(dialogue.iter().any(|l| l == "C: ***"), "{dialogue:#?}");
    let all = r.json();
    let note = all
        .iter()
        .find(|e| e["type"] == "sent" && e["line"] == "***")
        .map(|e| e["note"].as_str().unwrap_or("").to_string())
        .unwrap();
    assert!(
        note.starts_with("SCRAM-SHA-256 client-final c=biws,r=") && note.contains(",p=***"),
        "{note}"
    );
    // The server signature is redacted in the server's own line, unless --show-secrets.
    assert!(dialogue.iter().any(|l| l == "S: 334 ***"), "{dialogue:#?}");
    assert!(
        r.stdout.contains("server signature verified"),
        "{}",
        r.stdout
    );
}

#[test]
fn smtp_scram_wrong_server_signature_is_auth_failure_and_cancelled() {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH SCRAM-SHA-1"),
            vec![
                expect("AUTH SCRAM-SHA-1 "),
                challenge("334 ", good_first(4096)),
                Step::ReadLine,
                challenge("334 ", |_| format!("v={}", B64.encode([7u8; 20]))),
                expect("*"),
                line("501 5.7.0 cancelled"),
            ],
            smtp_quit(),
        ]
        .concat(),
    );
    let r = run(&mut smtp_cmd(&fake, "scram-sha-1", &[]));
    let t = fake.finish();
    t.assert_ok();
    let s = r.failed_at(23, "auth");
    let e = error_text(&s);
    assert!(e.contains("could not prove it knows the password"), "{e}");
    assert!(e.contains("501 5.7.0 cancelled"), "{e}");
    assert_secret_hidden(&r);
}

#[test]
fn smtp_scram_success_without_server_final_is_not_trusted() {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH SCRAM-SHA-256"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                challenge("334 ", good_first(4096)),
                Step::ReadLine,
                line("235 2.7.0 whatever you say"),
            ],
            smtp_quit(),
        ]
        .concat(),
    );
    let r = run(&mut smtp_cmd(&fake, "scram-sha-256", &[]));
    fake.finish().assert_ok();
    let s = r.failed_at(23, "auth");
    let e = error_text(&s);
    assert!(
        e.contains("could not prove it knows the password") && e.contains("235"),
        "{e}"
    );
}

#[test]
fn smtp_scram_server_error_attribute_is_reported() {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH SCRAM-SHA-256"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                challenge("334 ", good_first(4096)),
                Step::ReadLine,
                challenge("334 ", |_| "e=other-error".into()),
                expect("*"),
                line("501 5.7.0 cancelled"),
            ],
            smtp_quit(),
        ]
        .concat(),
    );
    let r = run(&mut smtp_cmd(&fake, "scram-sha-256", &[]));
    fake.finish().assert_ok();
    let s = r.failed_at(23, "auth");
    assert!(error_text(&s).contains("e=other-error"), "{s}");
}

/// A hostile server-first: the exchange is cancelled with `*` and the failure says why.
fn hostile_first(sf: &'static str, code: i32, needle: &str) {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH SCRAM-SHA-256"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                challenge("334 ", move |l| sf.replace("NONCE", &client_nonce(l))),
                expect("*"),
                line("501 5.7.0 cancelled"),
            ],
            if code == 23 {
                smtp_quit()
            } else {
                vec![ReadToEnd]
            },
        ]
        .concat(),
    );
    let r = run(&mut smtp_cmd(&fake, "scram-sha-256", &[]));
    fake.finish().assert_ok();
    let s = r.failed_at(code, "auth");
    assert!(error_text(&s).contains(needle), "{sf}: {s}");
}

#[test]
fn smtp_scram_nonce_not_extending_ours_is_refused() {
    hostile_first("r=someoneelse,s=c2FsdA==,i=4096", 7, "does not extend");
    hostile_first("r=NONCE,s=c2FsdA==,i=4096", 7, "does not extend");
}

#[test]
fn smtp_scram_iteration_counts_1_and_2_pow_31() {
    // In clear, 1 iteration makes the proof cheap to brute-force for anyone on the path.
    hostile_first("r=NONCEx,s=c2FsdA==,i=1", 23, "fewer than the 4096");
    hostile_first("r=NONCEx,s=c2FsdA==,i=2147483648", 7, "at most 1000000");
}

#[test]
fn smtp_scram_malformed_server_first() {
    hostile_first("r=NONCEx,s=c2FsdA=,i=4096", 7, "not base64");
    hostile_first("r=NONCEx,i=4096", 7, "no salt");
    hostile_first("m=must,r=NONCEx,s=c2FsdA==,i=4096", 7, "m=");
}

#[test]
fn smtp_truncated_base64_challenge_is_protocol_7() {
    let fake = FakeServer::start(
        [
            smtp_open("AUTH SCRAM-SHA-256"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                line("334 cj1hYm"),
                expect("*"),
                line("501 5.7.0 cancelled"),
                ReadToEnd,
            ],
        ]
        .concat(),
    );
    let r = run(&mut smtp_cmd(&fake, "scram-sha-256", &[]));
    fake.finish().assert_ok();
    let s = r.failed_at(7, "auth");
    assert!(error_text(&s).contains("not base64"), "{s}");
}

#[test]
fn smtp_oauthbearer_error_challenge_is_acknowledged_and_shown() {
    const TOKEN: &str = "ya29.fake-bearer-token-ABCDEFG";
    let json = r#"{"status":"invalid_token","scope":"https://mail.fake.test/","openid-configuration":"https://fake.test/.well-known/openid-configuration"}"#;
    let fake = FakeServer::start(
        [
            smtp_open("AUTH OAUTHBEARER XOAUTH2"),
            vec![
                expect("AUTH OAUTHBEARER "),
                line(&format!("334 {}", B64.encode(json))),
                // RFC 7628 §3.2.3: a single %x01.
                Step::Expect("AQ==".into()),
                line("535 5.7.8 Authentication credentials invalid"),
            ],
            smtp_quit(),
        ]
        .concat(),
    );
    let mut c = mailctl();
    c.args(["--json", "smtp", "send", "-s", &fake.server_arg()])
        .args(["--from", "a@client.test", "--to", "b@fake.test"])
        .args(["--helo", "client.test", "--timeout", "5s"])
        .args([
            "--user",
            USER,
            "--auth",
            "oauthbearer",
            "--quit-after",
            "auth",
        ])
        .env("MAILCTL_PASSWORD", TOKEN);
    let addr = fake.addr;
    let r = run(&mut c);
    let t = fake.finish();
    t.assert_ok();
    let s = r.failed_at(23, "auth");
    let e = error_text(&s);
    assert!(
        e.contains("status=invalid_token") && e.contains("scope=https://mail.fake.test/"),
        "{e}"
    );
    assert!(!r.stdout.contains(TOKEN) && !r.stderr.contains(TOKEN));
    let d = decoded_client_lines(&t);
    assert_eq!(
        d[1],
        format!(
            "n,a={USER},\x01host={}\x01port={}\x01auth=Bearer {TOKEN}\x01\x01",
            addr.ip(),
            addr.port()
        )
    );
}

// ---------------------------------------------------------------- IMAP

fn imap_cmd(fake: &FakeServer, mech: &str) -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "imap", "capability", "-s", &fake.server_arg()])
        .args(["-u", USER, "--auth", mech, "--timeout", "5s"])
        .env("MAILCTL_PASSWORD", PW);
    c
}

fn imap_logout(tag: &str) -> Vec<Step> {
    vec![
        expect(&format!("{tag} LOGOUT")),
        line(&format!("* BYE bye\r\n{tag} OK bye")),
        ReadToEnd,
    ]
}

#[test]
fn imap_scram_without_sasl_ir_runs_every_step() {
    let fake = FakeServer::start(
        [
            vec![
                line("* OK [CAPABILITY IMAP4rev1 AUTH=SCRAM-SHA-1] fake"),
                expect("A0001 AUTHENTICATE SCRAM-SHA-1"),
                line("+ "),
                Step::ReadLine,
                challenge("+ ", good_first(4096)),
                Step::ReadLine,
                challenge("+ ", good_final(H::Sha1)),
                Step::Expect(String::new()),
                line("A0001 OK [CAPABILITY IMAP4rev1] logged in"),
            ],
            imap_logout("A0002"),
        ]
        .concat(),
    );
    let r = run(&mut imap_cmd(&fake, "scram-sha-1"));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_secret_hidden(&r);
    assert_eq!(t.text_lines()[0], "A0001 AUTHENTICATE SCRAM-SHA-1");
    assert!(r.stdout.contains("server signature verified"));
}

#[test]
fn imap_scram_with_sasl_ir_and_a_wrong_signature_cancels_and_logs_out() {
    let fake = FakeServer::start(
        [
            vec![
                line("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256] fake"),
                expect("A0001 AUTHENTICATE SCRAM-SHA-256 "),
                challenge("+ ", good_first(4096)),
                Step::ReadLine,
                challenge("+ ", |_| format!("v={}", B64.encode([1u8; 32]))),
                expect("*"),
                line("A0001 BAD cancelled"),
            ],
            imap_logout("A0002"),
        ]
        .concat(),
    );
    let r = run(&mut imap_cmd(&fake, "scram-sha-256"));
    fake.finish().assert_ok();
    let s = r.failed_at(23, "auth");
    assert!(
        error_text(&s).contains("could not prove it knows the password"),
        "{s}"
    );
}

// ---------------------------------------------------------------- POP3

fn pop3_cmd(fake: &FakeServer, mech: &str, secret: &str) -> std::process::Command {
    let mut c = mailctl();
    c.args(["--json", "pop3", "noop", "-s", &fake.server_arg()])
        .args(["-u", USER, "--auth", mech, "--timeout", "5s"])
        .env("MAILCTL_PASSWORD", secret);
    c
}

fn pop3_open(sasl: &str) -> Vec<Step> {
    vec![
        line("+OK fake POP3"),
        expect("CAPA"),
        Send(format!("+OK\r\nUSER\r\nSASL {sasl}\r\n.\r\n").into_bytes()),
    ]
}

fn pop3_noop_quit() -> Vec<Step> {
    vec![expect("NOOP"), line("+OK"), expect("QUIT"), line("+OK bye")]
}

#[test]
fn pop3_scram_sha_256_multi_step() {
    let fake = FakeServer::start(
        [
            pop3_open("SCRAM-SHA-256 PLAIN"),
            vec![
                expect("AUTH SCRAM-SHA-256 "),
                challenge("+ ", good_first(4096)),
                Step::ReadLine,
                challenge("+ ", good_final(H::Sha256)),
                Step::Expect(String::new()),
                line("+OK logged in"),
            ],
            pop3_noop_quit(),
        ]
        .concat(),
    );
    let r = run(&mut pop3_cmd(&fake, "scram-sha-256", PW));
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_secret_hidden(&r);
}

#[test]
fn pop3_long_oauthbearer_token_waits_for_the_first_challenge() {
    // RFC 5034 §4: an AUTH command over 255 octets must not carry the initial response.
    let token = "t".repeat(300);
    let fake = FakeServer::start(
        [
            pop3_open("OAUTHBEARER"),
            vec![
                Step::Expect("AUTH OAUTHBEARER".into()),
                line("+ "),
                Step::ReadLine,
                line("+OK logged in"),
            ],
            pop3_noop_quit(),
        ]
        .concat(),
    );
    let r = run(&mut pop3_cmd(&fake, "oauthbearer", &token));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(t.text_lines()[1], "AUTH OAUTHBEARER");
    let ir = String::from_utf8(B64.decode(&t.text_lines()[2]).unwrap()).unwrap();
    assert!(
        ir.ends_with(&format!("auth=Bearer {token}\x01\x01")),
        "{ir}"
    );
    assert!(!r.stdout.contains(&token));
}

#[test]
fn pop3_external_without_user_sends_an_empty_initial_response() {
    let fake = FakeServer::start(
        [
            pop3_open("EXTERNAL"),
            vec![expect("AUTH EXTERNAL ="), line("+OK logged in")],
            pop3_noop_quit(),
        ]
        .concat(),
    );
    let mut c = mailctl();
    c.args(["--json", "pop3", "noop", "-s", &fake.server_arg()])
        .args(["--auth", "external", "--timeout", "5s"])
        .env_remove("MAILCTL_PASSWORD");
    let r = run(&mut c);
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn imap_external_without_sasl_ir_answers_the_continuation_with_an_empty_line() {
    let fake = FakeServer::start(
        [
            vec![
                line("* OK [CAPABILITY IMAP4rev1 AUTH=EXTERNAL] fake"),
                Step::Expect("A0001 AUTHENTICATE EXTERNAL".into()),
                line("+ "),
                // RFC 4422 Appendix A: an empty authzid, the certificate's identity.
                Step::Expect(String::new()),
                line("A0001 OK [CAPABILITY IMAP4rev1] logged in"),
            ],
            imap_logout("A0002"),
        ]
        .concat(),
    );
    let mut c = mailctl();
    c.args(["--json", "imap", "capability", "-s", &fake.server_arg()])
        .args(["--auth", "external", "--timeout", "5s"])
        .env_remove("MAILCTL_PASSWORD");
    let r = run(&mut c);
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(t.text_lines()[0], "A0001 AUTHENTICATE EXTERNAL");
    assert_eq!(t.text_lines()[1], "");
}
