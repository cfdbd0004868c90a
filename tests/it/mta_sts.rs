//! MTA-STS against a real HTTPS server: nginx serving each policy case on its own loopback port
//! (the fixture of the library's tests, src/audit/mta_sts/nginx.rs, included here by path), its
//! certificate for `mta-sts.audit.test` issued by the rig's CA.
//!
//! The library's own tests fetch every case through `audit::mta_sts` (`cargo test --lib
//! audit::mta_sts`). Here the fixture is checked with an independent client (`openssl
//! s_client`, raw HTTP/1.1), so a wrong fixture cannot make both sides agree; and the run of
//! `mailctl audit` that will show the policy waits for `audit::run` to call the module.

use crate::util::{mailctl, rig, run};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

// The library's tests use all of it; a test here may not.
#[allow(dead_code)]
#[path = "../../src/audit/mta_sts/nginx.rs"]
mod nginx;

use nginx::{Nginx, POLICY_HOST};

/// One GET of the policy over TLS with OpenSSL's client, verifying the certificate against the
/// rig CA for the policy host; returns (verified, the response head and body as text).
fn openssl_get(port: u16, ca: &str) -> (bool, String) {
    let mut child = Command::new("openssl")
        .args(["s_client", "-quiet", "-verify_return_error"])
        .arg("-connect")
        .arg(format!("127.0.0.1:{port}"))
        .args(["-servername", POLICY_HOST, "-verify_hostname", POLICY_HOST])
        .args(["-CAfile", ca])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run openssl s_client");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            format!(
                "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: {POLICY_HOST}\r\n\
                 Connection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().expect("wait for openssl");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn nginx_serves_each_policy_case() {
    let r = rig();
    let nginx = Nginx::start(Path::new(r.get("RIG_CERT_DIR")));
    let get = |case: &str| openssl_get(nginx.port(case), r.ca());

    let (ok, text) = get("good");
    assert!(ok, "{text}");
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
    assert!(text.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"));
    assert!(text.ends_with(nginx::GOOD), "{text}");

    let (ok, text) = get("redirect");
    assert!(ok && text.starts_with("HTTP/1.1 301 "), "{text}");
    assert!(text.contains("\r\nLocation: https://www.audit.test/.well-known/mta-sts.txt\r\n"));

    let (_, text) = get("html");
    assert!(text.contains("\r\nContent-Type: text/html\r\n"), "{text}");
    assert!(
        text.ends_with(nginx::GOOD),
        "a valid policy with the wrong type"
    );

    let (_, text) = get("miss");
    assert!(text.ends_with(nginx::MISSES), "{text}");

    let (_, text) = get("big");
    assert!(text.contains(&format!("\r\nContent-Length: {}\r\n", nginx::BIG)));
    let (_, text) = get("stream");
    assert!(
        text.contains("\r\nTransfer-Encoding: chunked\r\n") && !text.contains("Content-Length"),
        "{}",
        &text[..text.len().min(400)]
    );

    let (_, text) = get("missing");
    assert!(text.starts_with("HTTP/1.1 404 "), "{text}");

    // The certificate for other.example does not verify for the policy host.
    let (ok, text) = get("wrongcert");
    assert!(!ok && text.is_empty(), "{text}");
}

/// `mailctl audit` with the policy host sent to nginx: the MTA-STS part of the report. The JSON
/// key (`mta_sts`) and the flat findings are the proposal for the integration.
#[test]
fn audit_fetches_and_judges_the_policy() {
    let r = rig();
    let nginx = Nginx::start(Path::new(r.get("RIG_CERT_DIR")));
    let smtp = r.port("RIG_SMTP_PORT");
    let mut cmd = mailctl();
    cmd.args(["--json", "audit", "audit.test", "--nameserver", &r.dns()])
        .args(["--ca-file", r.ca()])
        .args(["--connect-to", &nginx.connect_to("good")]);
    for k in [
        "RIG_AUDIT_MX1A",
        "RIG_AUDIT_MX1B",
        "RIG_AUDIT_MX2",
        "RIG_AUDIT_DEAD",
    ] {
        let listen = r.get(k);
        let n = listen.rsplit('.').next().unwrap();
        cmd.args(["--connect-to", &format!("192.0.2.{n}:25:{listen}:{smtp}")]);
    }
    let out = run(&mut cmd);
    let s = out.summary();
    let m = &s["mta_sts_policy"];
    assert_eq!(m["status"], 200, "{m}");
    assert_eq!(m["policy"]["mode"], "enforce");
    let codes: Vec<(&str, &str)> = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .filter(|(c, _)| c.starts_with("mta-sts-"))
        .collect();
    // audit.test publishes no _mta-sts TXT record: the policy is never discovered, and what
    // would fail under it is advice (warnings), not errors.
    for want in [
        ("mta-sts-none", "info"),
        ("mta-sts-policy-ok", "ok"),
        ("mta-sts-policy-without-txt", "warning"),
        ("mta-sts-mx-covered", "ok"),
        ("mta-sts-mx-cert-invalid", "warning"),
    ] {
        assert!(codes.contains(&want), "no {want:?} in {codes:?}");
    }
}

/// sts.audit.test announces a policy (`_mta-sts` TXT): served, it is enforced — its MX set is
/// covered and certificates valid, while an MX address without STARTTLS is an error; not
/// served, senders that saw the TXT record fail to fetch it: an error.
#[test]
fn an_announced_policy_is_enforced_and_a_missing_one_is_an_error() {
    let r = rig();
    let nginx = Nginx::start(Path::new(r.get("RIG_CERT_DIR")));
    let smtp = r.port("RIG_SMTP_PORT");
    let audit = |extra: &[String]| {
        let mut cmd = mailctl();
        cmd.args([
            "--json",
            "audit",
            "sts.audit.test",
            "--nameserver",
            &r.dns(),
        ])
        .args(["--ca-file", r.ca(), "--no-dnssec"])
        .args(extra);
        for k in ["RIG_AUDIT_MX1A", "RIG_AUDIT_MX1B"] {
            let listen = r.get(k);
            let n = listen.rsplit('.').next().unwrap();
            cmd.args(["--connect-to", &format!("192.0.2.{n}:25:{listen}:{smtp}")]);
        }
        run(&mut cmd).summary()
    };
    let codes = |s: &serde_json::Value| -> Vec<(String, String)> {
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let to = format!(
        "mta-sts.sts.audit.test:443:127.0.0.1:{}",
        nginx.port("good")
    );
    let s = audit(&["--connect-to".into(), to]);
    let m = &s["mta_sts_policy"];
    assert_eq!(m["status"], 200, "{m}");
    assert_eq!(m["txt_id"], "20261203T1", "{m}");
    let c = codes(&s);
    for want in [("mta-sts-policy-ok", "ok"), ("mta-sts-mx-covered", "ok")] {
        assert!(
            c.contains(&(want.0.to_string(), want.1.to_string())),
            "no {want:?} in {c:?}"
        );
    }
    // mx1's second address offers no STARTTLS: under enforce, senders will not deliver there.
    let missing = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "starttls-missing")
        .unwrap_or_else(|| panic!("no starttls-missing in {c:?}"));
    assert_eq!(missing["severity"], "error", "{missing}");

    // The same domain with nothing at the policy host: the TXT record promises a policy.
    let s = audit(&[]);
    let c = codes(&s);
    assert!(
        c.contains(&("mta-sts-txt-without-policy".into(), "error".into())),
        "{c:?}"
    );
}
