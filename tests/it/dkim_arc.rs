//! `mailctl dkim verify --arc` (RFC 8617 chain validation) against chains sealed by an
//! independent sealer (dkimpy, see tests/fixtures/dkim/arc/make.py), keys served by the
//! in-process DNS server: results, reasons, oldest-pass, one lookup per key, and the DKIM exit
//! code left as it is.

use crate::dnsd::{DnsServer, Zone};
use crate::util::{Run, mailctl, repo_root, run_with_timeout};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

fn dir() -> PathBuf {
    repo_root().join("tests/fixtures/dkim/arc")
}

fn msg(name: &str) -> String {
    dir()
        .join("messages")
        .join(format!("{name}.eml"))
        .display()
        .to_string()
}

fn server() -> DnsServer {
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let mut zone = Zone::new();
    for (name, txt) in keys.as_object().unwrap() {
        zone = zone.txt(name, &[txt.as_str().unwrap()]);
    }
    DnsServer::start(zone)
}

fn verify(srv: &DnsServer, args: &[&str]) -> Run {
    let mut c = mailctl();
    c.args(["--json", "dkim", "verify", "--arc"])
        .args(args)
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    run_with_timeout(&mut c, Duration::from_secs(30))
}

#[test]
fn chains_pass_and_fail_with_reasons() {
    let srv = server();
    let names = [
        "arc-none",
        "arc-1hop",
        "arc-2hop",
        "arc-body-changed",
        "arc-seal-tampered",
    ];
    let paths: Vec<String> = names.iter().map(|n| msg(n)).collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let r = verify(&srv, &args);
    let s = r.summary();
    let by = |n: &str| -> Value {
        s["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["source"].as_str().unwrap().ends_with(&format!("{n}.eml")))
            .unwrap()["arc"]
            .clone()
    };

    let a = by("arc-none");
    assert_eq!(a["result"], "none", "{a}");
    assert_eq!(a["instances"], 0, "{a}");
    assert!(a.get("oldest_pass").is_none(), "{a}");

    let a = by("arc-1hop");
    assert_eq!(a["result"], "pass", "{a}");
    assert_eq!(a["instances"], 1, "{a}");
    assert_eq!(a["oldest_pass"], 0, "{a}");

    let a = by("arc-2hop");
    assert_eq!(a["result"], "pass", "{a}");
    assert_eq!(a["instances"], 2, "{a}");
    assert_eq!(a["oldest_pass"], 0, "{a}");
    assert!(
        a["reason"].as_str().unwrap().contains("d=relay2.test"),
        "{a}"
    );

    // Body rewritten after the last seal: the newest AMS body hash no longer matches.
    let a = by("arc-body-changed");
    assert_eq!(a["result"], "fail", "{a}");
    assert_eq!(a["instances"], 2, "{a}");
    let reason = a["reason"].as_str().unwrap();
    assert!(
        reason.contains("ARC-Message-Signature i=2") && reason.contains("body-hash-mismatch"),
        "{reason}"
    );

    // One b= character of the first seal changed: that seal fails, and so does the second,
    // which seals the first one's header field.
    let a = by("arc-seal-tampered");
    assert_eq!(a["result"], "fail", "{a}");
    let reason = a["reason"].as_str().unwrap();
    assert!(
        reason.contains("ARC-Seal i=1 (d=relay1.test, s=arc): signature-mismatch")
            && reason.contains("ARC-Seal i=2 (d=relay2.test, s=arc): signature-mismatch"),
        "{reason}"
    );

    // ARC is informational: the DKIM verdicts and exit code are unchanged (the body change
    // breaks the DKIM signature too: 16).
    assert_eq!(by("arc-2hop")["result"], "pass");
    assert_eq!(r.code, 16, "{}", r.stdout);
    for (n, dkim) in [
        ("arc-none", "pass"),
        ("arc-2hop", "pass"),
        ("arc-seal-tampered", "pass"),
        ("arc-body-changed", "fail"),
    ] {
        let m = s["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["source"].as_str().unwrap().ends_with(&format!("{n}.eml")))
            .unwrap();
        assert_eq!(m["result"], dkim, "{n}: {m}");
    }

    // Every key once per run: relay1, relay2 (ARC) and example.test (DKIM).
    for name in [
        "arc._domainkey.relay1.test",
        "arc._domainkey.relay2.test",
        "rsa2048._domainkey.example.test",
    ] {
        let n = r
            .json()
            .iter()
            .filter(|e| e["type"] == "dns_query" && e["name"] == name)
            .count();
        assert_eq!(n, 1, "{name}");
    }
}

#[test]
fn passing_chain_exits_zero_and_human_output_has_arc() {
    let srv = server();
    let r = verify(&srv, &[&msg("arc-2hop")]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.summary()["messages"][0]["arc"]["result"], "pass");

    let mut c = mailctl();
    c.args([
        "dkim",
        "verify",
        "--arc",
        &msg("arc-body-changed"),
        &msg("arc-none"),
    ])
    .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    let r = run_with_timeout(&mut c, Duration::from_secs(30));
    assert!(r.stdout.contains("arc=fail (2 set(s))"), "{}", r.stdout);
    assert!(r.stdout.contains("arc=none"), "{}", r.stdout);
}

#[test]
fn without_arc_flag_no_arc_field() {
    let srv = server();
    let mut c = mailctl();
    c.args(["--json", "dkim", "verify", &msg("arc-2hop")])
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    let r = run_with_timeout(&mut c, Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.summary()["messages"][0].get("arc").is_none());
}
