//! Which TLS versions the rig's STARTTLS listeners accept, as OpenSSL's own client finds them:
//! the ground truth for the audit's legacy-TLS findings (src/audit/probe.rs `legacy_tls`, whose
//! unit tests check it against real `openssl s_server`s; tests/it/audit.rs checks the audit). The rig leaves smtpd_tls_protocols at Postfix 3.7's default (`>=TLSv1`)
//! and Postfix runs OpenSSL at security level 0 (tls_server.c: "backwards compatible security as
//! a base for opportunistic TLS"), so the rig's STARTTLS listeners take TLS 1.0 and 1.1 — all
//! but mx1a (127.0.0.11), set to `>=TLSv1.2`.

use crate::util::rig;
use std::process::{Command, Stdio};

/// `openssl s_client -starttls smtp` limited to one version (`-tls1`, `-tls1_1`, `-tls1_2`)
/// completed a handshake. `-msg` would show a ServerHello even for an older version the client
/// then refuses; the session line says whether a handshake completed: `New, TLSv1.0, Cipher is
/// …`, or `New, (NONE), Cipher is (NONE)`.
fn handshake_completes(addr: &str, version_flag: &str) -> (bool, String) {
    let out = Command::new("openssl")
        .args([
            "s_client",
            "-starttls",
            "smtp",
            "-connect",
            addr,
            version_flag,
        ])
        // OpenSSL 3.0's client refuses TLS 1.0/1.1 handshake signatures (SHA-1) above level 0.
        .args(["-cipher", "ALL:@SECLEVEL=0"])
        .stdin(Stdio::null())
        .output()
        .expect("the openssl command");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let done = text
        .lines()
        .any(|l| l.starts_with("New, ") && !l.contains("(NONE)"));
    (done, text)
}

#[test]
fn rig_listeners_accept_the_old_versions_except_the_one_set_to_refuse_them() {
    let r = rig();
    let port = r.port("RIG_SMTP_PORT");
    // Postfix's defaults: TLS 1.0, 1.1 and 1.2 all complete.
    for host in ["127.0.0.1", r.get("RIG_AUDIT_MX2")] {
        let addr = format!("{host}:{port}");
        for flag in ["-tls1", "-tls1_1", "-tls1_2"] {
            let (done, text) = handshake_completes(&addr, flag);
            assert!(
                done,
                "{addr} {flag}: no handshake:
{text}"
            );
        }
    }
    // mx1a: smtpd_tls_protocols = >=TLSv1.2.
    let addr = format!("{}:{port}", r.get("RIG_AUDIT_MX1A"));
    for flag in ["-tls1", "-tls1_1"] {
        let (done, text) = handshake_completes(&addr, flag);
        assert!(
            !done,
            "{addr} {flag}: a handshake it should refuse:\n{text}"
        );
    }
    let (done, text) = handshake_completes(&addr, "-tls1_2");
    assert!(done, "{addr} -tls1_2: no handshake:\n{text}");
}

#[test]
fn the_listener_without_starttls_has_no_version_to_test() {
    let r = rig();
    let addr = format!("{}:{}", r.get("RIG_AUDIT_MX1B"), r.port("RIG_SMTP_PORT"));
    let (done, text) = handshake_completes(&addr, "-tls1");
    assert!(!done, "{addr}: a handshake without STARTTLS?\n{text}");
    assert!(text.contains("STARTTLS"), "{text}");
}
