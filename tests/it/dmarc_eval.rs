//! `mailctl dmarc evaluate` (RFC 7489) against the DKIM fixtures (signed by dkimpy, d=example.test)
//! and the in-process DNS server: DKIM- and SPF-aligned passes, relaxed vs strict alignment for a
//! subdomain, fail with the policy as disposition, no policy, a SERVFAIL on the DMARC record, and
//! a message without a single From domain. Each asserts the Authentication-Results header.

use crate::dnsd::{DnsServer, Rcode, RecordType, Zone};
use crate::util::{Run, mailctl, repo_root, run_with_timeout};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

const GOOD_IP: &str = "192.0.2.1";
const BAD_IP: &str = "198.51.100.7";

fn dir() -> PathBuf {
    repo_root().join("tests/fixtures/dkim/verify")
}

fn msg(name: &str) -> String {
    dir()
        .join("messages")
        .join(format!("{name}.eml"))
        .display()
        .to_string()
}

/// The fixture keys at `<selector>._domainkey.example.test` (and at `mail.example.test`, for
/// messages signed here with d=mail.example.test), SPF for example.test, mail.example.test and
/// mx.example.test allowing GOOD_IP only.
pub(crate) fn zone() -> Zone {
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let mut zone = Zone::new();
    for (sel, txt) in keys.as_object().unwrap() {
        for d in ["example.test", "mail.example.test"] {
            zone = zone.txt(&format!("{sel}._domainkey.{d}"), &[txt.as_str().unwrap()]);
        }
    }
    let spf = format!("v=spf1 ip4:{GOOD_IP} -all");
    zone.txt("example.test", &[&spf])
        .txt("mail.example.test", &[&spf])
        .txt("mx.example.test", &[&spf])
}

fn with_dmarc(record: &str) -> DnsServer {
    DnsServer::start(zone().txt("_dmarc.example.test", &[record]))
}

fn evaluate(srv: &DnsServer, file: &str, ip: &str, mail_from: &str, extra: &[&str]) -> Run {
    let mut c = mailctl();
    c.args([
        "--json",
        "dmarc",
        "evaluate",
        file,
        "--ip",
        ip,
        "--mail-from",
        mail_from,
    ])
    .args(extra)
    .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    run_with_timeout(&mut c, Duration::from_secs(30))
}

/// The Authentication-Results header without its authserv-id (the local hostname).
fn ar(r: &Run) -> String {
    let s = r.summary();
    let line = s["authentication_results"].as_str().unwrap().to_string();
    assert_eq!(s["detail"].as_str(), Some(line.as_str()));
    let rest = line
        .strip_prefix("Authentication-Results: ")
        .unwrap_or_else(|| panic!("{line}"));
    let (_host, methods) = rest.split_once("; ").unwrap();
    methods.to_string()
}

#[test]
fn dkim_aligned_pass_with_spf_fail() {
    let srv = with_dmarc("v=DMARC1; p=reject");
    let r = evaluate(&srv, &msg("ok-rsa"), BAD_IP, "alice@example.test", &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=fail smtp.mailfrom=alice@example.test; dkim=pass header.d=example.test header.s=rsa2048; dmarc=pass (p=reject dis=none) header.from=example.test"
    );
    let s = r.summary();
    let d = &s["dmarc"];
    assert_eq!(d["result"], "pass");
    assert_eq!(d["policy"], "reject");
    assert_eq!(d["disposition"], "none");
    assert_eq!(d["from_domain"], "example.test");
    assert_eq!(d["policy_domain"], "example.test");
    assert_eq!(d["spf_aligned"], false);
    assert_eq!(d["dkim_aligned"], true);
    assert_eq!(s["spf"]["result"], "fail");
    assert_eq!(s["dkim"][0]["result"], "pass");
    assert_eq!(s["dkim"][0]["aligned"], true);
}

#[test]
fn spf_aligned_pass_without_dkim() {
    let srv = with_dmarc("v=DMARC1; p=quarantine");
    let r = evaluate(&srv, &msg("unsigned"), GOOD_IP, "alice@example.test", &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=pass smtp.mailfrom=alice@example.test; dkim=none; dmarc=pass (p=quarantine dis=none) header.from=example.test"
    );
    let s = r.summary();
    assert_eq!(s["dmarc"]["spf_aligned"], true);
    assert_eq!(s["dmarc"]["dkim_aligned"], false);
    assert_eq!(s["dkim"].as_array().unwrap().len(), 0);

    // The null sender: SPF checks the HELO name, which aligns (relaxed) with example.test.
    let r = evaluate(
        &srv,
        &msg("unsigned"),
        GOOD_IP,
        "",
        &["--helo", "mx.example.test"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=pass smtp.helo=mx.example.test; dkim=none; dmarc=pass (p=quarantine dis=none) header.from=example.test"
    );
}

#[test]
fn relaxed_and_strict_spf_alignment_for_a_subdomain() {
    let relaxed = with_dmarc("v=DMARC1; p=reject; aspf=r");
    let r = evaluate(
        &relaxed,
        &msg("unsigned"),
        GOOD_IP,
        "bounce@mail.example.test",
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.summary()["dmarc"]["spf_aligned"], true);
    assert!(ar(&r).ends_with("dmarc=pass (p=reject dis=none) header.from=example.test"));

    let strict = with_dmarc("v=DMARC1; p=reject; aspf=s");
    let r = evaluate(
        &strict,
        &msg("unsigned"),
        GOOD_IP,
        "bounce@mail.example.test",
        &[],
    );
    assert_eq!(r.code, 12, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["spf"]["result"], "pass");
    assert_eq!(s["dmarc"]["spf_aligned"], false);
    assert!(s["spf"]["why"].as_str().unwrap().contains("strict"), "{s}");
    assert_eq!(
        ar(&r),
        "spf=pass smtp.mailfrom=bounce@mail.example.test; dkim=none; dmarc=fail (p=reject dis=reject) header.from=example.test"
    );
}

#[test]
fn relaxed_and_strict_dkim_alignment_for_a_subdomain() {
    // Sign the unsigned fixture with d=mail.example.test (the key is published there too).
    let mut c = mailctl();
    c.args([
        "dkim",
        "sign",
        "--selector",
        "rsa2048",
        "--domain",
        "mail.example.test",
        "--key",
    ])
    .arg(dir().join("rsa2048.key"))
    .arg(msg("unsigned"));
    let signed = run_with_timeout(&mut c, Duration::from_secs(30));
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    let path = std::env::temp_dir().join(format!("mailctl-dmarc-{}.eml", std::process::id()));
    std::fs::write(&path, signed.stdout.as_bytes()).unwrap();
    let file = path.display().to_string();

    let relaxed = with_dmarc("v=DMARC1; p=reject");
    let r = evaluate(&relaxed, &file, BAD_IP, "alice@example.test", &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=fail smtp.mailfrom=alice@example.test; dkim=pass header.d=mail.example.test header.s=rsa2048; dmarc=pass (p=reject dis=none) header.from=example.test"
    );

    let strict = with_dmarc("v=DMARC1; p=quarantine; adkim=s");
    let r = evaluate(&strict, &file, BAD_IP, "alice@example.test", &[]);
    std::fs::remove_file(&path).ok();
    assert_eq!(r.code, 12, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["dkim"][0]["result"], "pass");
    assert_eq!(s["dkim"][0]["aligned"], false);
    assert_eq!(s["dmarc"]["disposition"], "quarantine");
    assert!(ar(&r).ends_with("dmarc=fail (p=quarantine dis=quarantine) header.from=example.test"));
}

#[test]
fn fail_with_p_reject_is_disposition_reject() {
    let srv = with_dmarc("v=DMARC1; p=reject; pct=50");
    let r = evaluate(
        &srv,
        &msg("body-changed"),
        BAD_IP,
        "alice@example.test",
        &[],
    );
    assert_eq!(r.code, 12, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=fail smtp.mailfrom=alice@example.test; dkim=fail header.d=example.test header.s=rsa2048; dmarc=fail (p=reject dis=reject) header.from=example.test"
    );
    let s = r.summary();
    assert_eq!(s["exit_name"], "dns-errors");
    assert_eq!(s["dmarc"]["result"], "fail");
    assert_eq!(s["dmarc"]["policy"], "reject");
    assert_eq!(s["dmarc"]["disposition"], "reject");
    assert_eq!(s["dmarc"]["pct"], 50);
    assert!(
        s["error"]["message"].as_str().unwrap().contains("pct=50"),
        "{s}"
    );

    // A subdomain without its own record gets the organizational domain's sp=.
    let srv = with_dmarc("v=DMARC1; p=reject; sp=quarantine");
    let sub = std::env::temp_dir().join(format!("mailctl-dmarc-sub-{}.eml", std::process::id()));
    let raw = std::fs::read_to_string(msg("unsigned")).unwrap().replacen(
        "alice@example.test",
        "alice@news.example.test",
        1,
    );
    std::fs::write(&sub, raw).unwrap();
    let r = evaluate(
        &srv,
        &sub.display().to_string(),
        BAD_IP,
        "alice@example.test",
        &[],
    );
    std::fs::remove_file(&sub).ok();
    assert_eq!(r.code, 12, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["dmarc"]["policy_domain"], "example.test");
    assert_eq!(s["dmarc"]["from_domain"], "news.example.test");
    assert_eq!(s["dmarc"]["disposition"], "quarantine");
    assert!(
        ar(&r).ends_with("dmarc=fail (p=quarantine dis=quarantine) header.from=news.example.test")
    );
}

#[test]
fn no_dmarc_record_is_none() {
    let srv = DnsServer::start(zone());
    let r = evaluate(&srv, &msg("unsigned"), GOOD_IP, "alice@example.test", &[]);
    assert_eq!(r.code, 17, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=pass smtp.mailfrom=alice@example.test; dkim=none; dmarc=none header.from=example.test"
    );
    let s = r.summary();
    assert_eq!(s["dmarc"]["result"], "none");
    assert_eq!(s["dmarc"]["policy"], Value::Null);
}

#[test]
fn servfail_on_the_dmarc_record_is_temperror() {
    let srv =
        DnsServer::start(zone().rcode("_dmarc.example.test", RecordType::TXT, Rcode::ServFail));
    let r = evaluate(&srv, &msg("ok-rsa"), GOOD_IP, "alice@example.test", &[]);
    assert_eq!(r.code, 13, "{}", r.stdout);
    assert_eq!(
        ar(&r),
        "spf=pass smtp.mailfrom=alice@example.test; dkim=pass header.d=example.test header.s=rsa2048; dmarc=temperror header.from=example.test"
    );
    assert_eq!(r.summary()["dmarc"]["result"], "temperror");
}

#[test]
fn two_from_fields_is_permerror() {
    let srv = with_dmarc("v=DMARC1; p=reject");
    let r = evaluate(
        &srv,
        &msg("second-from"),
        GOOD_IP,
        "alice@example.test",
        &[],
    );
    assert_eq!(r.code, 12, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["dmarc"]["result"], "permerror");
    assert!(ar(&r).ends_with("dmarc=permerror (no single RFC5322.From domain)"));
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2 From header fields"),
        "{s}"
    );
}

#[test]
fn human_output_has_the_header_and_the_table() {
    let srv = with_dmarc("v=DMARC1; p=reject");
    let mut c = mailctl();
    c.args([
        "dmarc",
        "evaluate",
        &msg("ok-rsa"),
        "--ip",
        BAD_IP,
        "--mail-from",
    ])
    .arg("alice@example.test")
    .args(["--nameserver", &srv.nameserver_arg()]);
    let r = run_with_timeout(&mut c, Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(out.contains("Authentication-Results: "), "{out}");
    assert!(out.contains("CHECK"), "{out}");
    assert!(out.contains("ALIGNED"), "{out}");
}

/// `--key` and `--at` work in `dmarc evaluate` as in `dkim verify`: the DKIM key from a file (no
/// query for it), the signature's x= judged as of `--at`.
#[test]
fn key_file_and_at() {
    // No DKIM keys in this zone: only the file can make DKIM pass.
    let srv = DnsServer::start(
        Zone::new()
            .txt("example.test", &[&format!("v=spf1 ip4:{GOOD_IP} -all")])
            .txt("_dmarc.example.test", &["v=DMARC1; p=reject"]),
    );
    let key = format!(
        "rsa2048._domainkey.example.test={}",
        dir().join("pub/rsa2048.pem").display()
    );
    let r = evaluate(
        &srv,
        &msg("expired"),
        BAD_IP,
        "bounce@example.test",
        &["--key", &key, "--at", "2026-01-01T00:10:00Z"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(ar(&r).contains("dkim=pass"), "{}", ar(&r));
    assert!(
        !r.json()
            .iter()
            .any(|e| e["type"] == "dns_query" && e["name"] == "rsa2048._domainkey.example.test"),
        "{}",
        r.stdout
    );
    // Now, the same signature has expired.
    let r = evaluate(
        &srv,
        &msg("expired"),
        BAD_IP,
        "bounce@example.test",
        &["--key", &key],
    );
    assert!(ar(&r).contains("dkim=fail"), "{}", ar(&r));
}

/// Two DMARC records at the From domain end policy discovery: "If the remaining set contains
/// multiple records or no records, policy discovery terminates and DMARC processing is not
/// applied" (RFC 7489 §6.6.3). The organizational domain is asked only when the From domain's
/// set is *empty*. Before: the two records counted as none and the organizational domain's
/// p=reject/sp=quarantine was applied to mail from the subdomain.
#[test]
fn multiple_records_at_the_from_domain_do_not_fall_back() {
    let srv = DnsServer::start(
        zone()
            .txt(
                "_dmarc.example.test",
                &["v=DMARC1; p=reject; sp=quarantine"],
            )
            .txt("_dmarc.news.example.test", &["v=DMARC1; p=none"])
            .txt("_dmarc.news.example.test", &["v=DMARC1; p=reject"]),
    );
    let sub = std::env::temp_dir().join(format!("mailctl-dmarc-multi-{}.eml", std::process::id()));
    let raw = std::fs::read_to_string(msg("unsigned")).unwrap().replacen(
        "alice@example.test",
        "alice@news.example.test",
        1,
    );
    std::fs::write(&sub, raw).unwrap();
    let r = evaluate(
        &srv,
        &sub.display().to_string(),
        BAD_IP,
        "alice@example.test",
        &[],
    );
    std::fs::remove_file(&sub).ok();
    let s = r.summary();
    assert_eq!(s["dmarc"]["result"], "none", "{s}");
    assert_eq!(s["dmarc"]["policy"], Value::Null, "{s}");
    assert_eq!(s["dmarc"]["policy_domain"], "news.example.test", "{s}");
    assert_eq!(r.code, 17, "{}", r.stdout);
    assert!(
        ar(&r).ends_with("dmarc=none header.from=news.example.test"),
        "{}",
        ar(&r)
    );
    // The same for `dns dmarc`: the finding, and no fallback.
    let mut c = mailctl();
    c.args(["--json", "dns", "dmarc", "news.example.test"])
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    let r = run_with_timeout(&mut c, Duration::from_secs(30));
    assert!(r.stdout.contains("dmarc-multiple-records"), "{}", r.stdout);
    assert!(!r.stdout.contains("dmarc-org-fallback"), "{}", r.stdout);
}

/// A record without a valid p= (or with an invalid sp=) and without a valid rua: "the Mail
/// Receiver applies no DMARC processing to this message" (RFC 7489 §6.6.3), so dmarc=none, not
/// a fail under an assumed p=none. With a valid rua it is treated as p=none, as before.
#[test]
fn record_without_p_or_rua_means_no_dmarc_processing() {
    for rec in [
        "v=DMARC1; sp=reject",
        "v=DMARC1; p=bogus",
        "v=DMARC1; p=reject; sp=bogus",
    ] {
        let srv = with_dmarc(rec);
        let r = evaluate(&srv, &msg("unsigned"), BAD_IP, "alice@example.test", &[]);
        let s = r.summary();
        assert_eq!(s["dmarc"]["result"], "none", "{rec}: {s}");
        assert_eq!(s["dmarc"]["policy"], Value::Null, "{rec}: {s}");
        assert_eq!(r.code, 17, "{rec}: {}", r.stdout);
        assert!(
            ar(&r).ends_with("dmarc=none header.from=example.test"),
            "{}",
            ar(&r)
        );
    }
    let srv = with_dmarc("v=DMARC1; rua=mailto:d@example.test");
    let r = evaluate(&srv, &msg("unsigned"), BAD_IP, "alice@example.test", &[]);
    let s = r.summary();
    assert_eq!(s["dmarc"]["result"], "fail", "{s}");
    assert_eq!(s["dmarc"]["policy"], "none", "{s}");
}
