//! `mailctl dns …` end to end: every command runs against a real DNS server in this process
//! ([`crate::dnsd`], loopback only, never the Internet) and is judged by its exit code, its
//! findings (code, severity, message), the JSON summary and events, and the human output.

use crate::dnsd::{DnsServer, Options, Rcode, RecordType, Transport, Zone};
use crate::util::{Run, mailctl, run, run_with_timeout};
use serde_json::Value;
use std::collections::HashMap;
use std::time::{Duration, Instant};

// Keys generated for these tests with openssl (genpkey; pkey -pubout -outform DER | base64; the
// Ed25519 one is the raw 32-byte key, RFC 8463).
const RSA2048: &str = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5Oebwq70ZzZhi4qB5n/+lb9KFa0ylKIX/tWK8aPLBeMOKqWMDMVOOge/lO1zdrt6tS4z30VR1gds5ZKksQqCQWoGhkid8OrZOO+Uqa9MXh8MeAW40viFIZIvvbynS309HpBDSO8ol5S5hLKBN3aQQPiUp39QBrOvV9MbqUenN+xEQPW9fEcUm007KlJE4HWd5o6hWpP9pCnjGfM8LIojG7tod+kw7/GOgNsUUHSA+gCKTf8b9AHa+wsMXytR7ZpHw1Pm73/hm/ByN9CRVx+bjHvV+B+zMr0bcIGeda9tLlCy+BANK/X724xf5lx/Me/W6dusHvglvfw8gTB0wEVVSwIDAQAB";
const RSA1024: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC0vvTQRvoX+GRsKdARhXfcjLuxegRzPC8FWycPGU6HO1pr/WoU5V0WzL84i1tND73GzSzMZYxqE0wQhNuXjCW1crRrqiTS+Q1MpLxCsnHdILGCur9dNM+Sob/VsTQQ1b2dcqV4gScp91pqASnXZaNrja4Q3k1EsAa175IkXF5jNQIDAQAB";
pub(crate) const RSA512: &str = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALL8FS+4OxBbQc7aJ8mxrvypqBobrC4fW8jgOT4tlMtyMU4x9+lqBMkjQnRQIuM+qQDlO/mgNy+P35Oi2J8NxNMCAwEAAQ==";
const ED25519: &str = "oKSQ/cdYWvUEV2ZrQUOlJ4z/cRISA74x3lxJsvCDxdg=";

const HEALTHY_SPF: &str = "v=spf1 include:_spf.healthy.test ip4:192.0.2.0/24 -all";
const HEALTHY_DMARC: &str = "v=DMARC1; p=reject; rua=mailto:dmarc@healthy.test; adkim=s";

/// A domain with everything right. The SPF include tree is
/// healthy.test → _spf.healthy.test → _net.healthy.test (ip4 only): three TXT lookups in a row.
pub(crate) fn healthy() -> Zone {
    Zone::new()
        .mx("healthy.test", 10, "mx1.healthy.test")
        .mx("healthy.test", 20, "mx2.healthy.test")
        .a("mx1.healthy.test", "192.0.2.10")
        .aaaa("mx1.healthy.test", "2001:db8::10")
        .a("mx2.healthy.test", "192.0.2.20")
        .aaaa("mx2.healthy.test", "2001:db8::20")
        .txt("healthy.test", &[HEALTHY_SPF])
        .txt("healthy.test", &["google-site-verification=abc123"])
        .txt(
            "_spf.healthy.test",
            &["v=spf1 include:_net.healthy.test -all"],
        )
        .txt(
            "_net.healthy.test",
            &["v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all"],
        )
        .txt("_dmarc.healthy.test", &[HEALTHY_DMARC])
        .txt(
            "s1._domainkey.healthy.test",
            &[&format!("v=DKIM1; k=rsa; p={RSA2048}")],
        )
        .txt(
            "s2._domainkey.healthy.test",
            &[&format!("v=DKIM1; k=ed25519; p={ED25519}")],
        )
        .txt("_mta-sts.healthy.test", &["v=STSv1; id=20261123"])
        .txt(
            "_smtp._tls.healthy.test",
            &["v=TLSRPTv1; rua=mailto:tls@healthy.test"],
        )
        .txt(
            "default._bimi.healthy.test",
            &["v=BIMI1; l=https://healthy.test/logo.svg; a=https://healthy.test/vmc.pem"],
        )
}

// ------------------------------------------------------------------------------------ helpers

fn cmd(srv: &DnsServer, json: bool, args: &[&str], extra: &[&str]) -> std::process::Command {
    let mut c = mailctl();
    if json {
        c.arg("--json");
    }
    c.arg("dns")
        .args(args)
        .arg("--nameserver")
        .arg(srv.nameserver_arg())
        .args(extra);
    c
}

/// `mailctl --json dns ARGS --nameserver SRV --timeout 2s`.
fn dns(srv: &DnsServer, args: &[&str]) -> Run {
    run_with_timeout(
        &mut cmd(srv, true, args, &["--timeout", "2s"]),
        Duration::from_secs(30),
    )
}

/// The same, human output.
fn dns_human(srv: &DnsServer, args: &[&str]) -> Run {
    run_with_timeout(
        &mut cmd(srv, false, args, &["--timeout", "2s"]),
        Duration::from_secs(30),
    )
}

/// JSON run with its own extra options (e.g. a short --timeout, --tcp), and its wall time.
fn dns_timed(srv: &DnsServer, args: &[&str], extra: &[&str]) -> (Run, Duration) {
    let started = Instant::now();
    let r = run_with_timeout(&mut cmd(srv, true, args, extra), Duration::from_secs(30));
    (r, started.elapsed())
}

fn findings(s: &Value) -> Vec<(String, String, String)> {
    s["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["severity"].as_str().unwrap_or("?").to_string(),
                        f["code"].as_str().unwrap_or("?").to_string(),
                        f["message"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn codes(s: &Value) -> Vec<String> {
    findings(s).into_iter().map(|f| f.1).collect()
}

/// The one finding with this code: asserts its severity and returns its message.
fn finding(r: &Run, code: &str, severity: &str) -> String {
    let s = r.summary();
    let all = findings(&s);
    let hits: Vec<_> = all.iter().filter(|f| f.1 == code).collect();
    assert!(
        !hits.is_empty(),
        "no {code} finding; findings: {all:#?}\n--- stdout:\n{}",
        r.stdout
    );
    assert_eq!(hits[0].0, severity, "severity of {code}: {all:#?}");
    hits[0].2.clone()
}

fn assert_exit(r: &Run, code: i32) {
    assert_eq!(
        r.code,
        code,
        "exit code; findings: {:#?}\n--- stdout:\n{}\n--- stderr:\n{}",
        r.json().last().map(findings),
        r.stdout,
        r.stderr
    );
}

fn events<'a>(all: &'a [Value], kind: &str) -> Vec<&'a Value> {
    all.iter().filter(|e| e["type"] == kind).collect()
}

/// No finding of severity warning or error.
fn assert_clean(s: &Value) {
    let bad: Vec<_> = findings(s)
        .into_iter()
        .filter(|f| f.0 == "warning" || f.0 == "error")
        .collect();
    assert!(bad.is_empty(), "unexpected findings: {bad:#?}");
}

// ------------------------------------------------------------------------- the healthy domain

#[test]
fn healthy_domain_check_is_clean() {
    let srv = DnsServer::start(healthy());
    let r = dns(&srv, &["check", "healthy.test", "--selector", "s1,s2"]);
    assert_exit(&r, 0);
    let s = r.summary();
    assert_eq!(s["command"], "dns check");
    assert_eq!(s["outcome"], "ok");
    assert_eq!(s["exit_name"], "ok");
    assert_clean(&s);
    let d = &s["domains"][0];
    assert_eq!(d["domain"], "healthy.test");
    // MX: both hosts by preference, each with its A and AAAA.
    let hosts = d["mx"]["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 2, "{d}");
    assert_eq!(hosts[0]["host"], "mx1.healthy.test");
    assert_eq!(hosts[0]["preference"], 10);
    assert_eq!(hosts[1]["host"], "mx2.healthy.test");
    for (h, a, aaaa) in [
        (&hosts[0], "192.0.2.10", "2001:db8::10"),
        (&hosts[1], "192.0.2.20", "2001:db8::20"),
    ] {
        let addrs: Vec<&str> = h["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(addrs.contains(&a) && addrs.contains(&aaaa), "{h}");
        assert!(h["cname"].is_null() && h["problem"].is_null(), "{h}");
    }
    assert_eq!(d["mx"]["implicit"], false);
    assert_eq!(d["mx"]["null_mx"], false);
    // SPF: the whole include tree, two lookups, no voids.
    let spf = &d["spf"];
    assert_eq!(spf["tree"]["record"], HEALTHY_SPF);
    assert_eq!(spf["tree"]["outcome"], "ok");
    assert_eq!(spf["dns_lookups"], 2);
    assert_eq!(spf["void_lookups"], 0);
    let inc = &spf["tree"]["terms"][0];
    assert_eq!(inc["text"], "include:_spf.healthy.test");
    let nested = &inc["child"]["terms"][0]["child"];
    assert_eq!(nested["domain"], "_net.healthy.test");
    assert_eq!(
        nested["record"],
        "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all"
    );
    // Every policy record: found and ok.
    assert_eq!(d["dmarc"]["status"], "ok", "{}", d["dmarc"]);
    assert_eq!(d["dmarc"]["record"], HEALTHY_DMARC);
    let dkim = d["dkim"].as_array().unwrap();
    assert_eq!(dkim.len(), 2);
    assert_eq!(dkim[0]["name"], "s1._domainkey.healthy.test");
    assert_eq!(dkim[0]["status"], "ok");
    assert_eq!(dkim[0]["parsed"]["key_type"], "rsa");
    assert_eq!(dkim[0]["parsed"]["bits"], 2048);
    assert_eq!(dkim[1]["name"], "s2._domainkey.healthy.test");
    assert_eq!(dkim[1]["status"], "ok");
    assert_eq!(dkim[1]["parsed"]["key_type"], "ed25519");
    assert_eq!(dkim[1]["parsed"]["bits"], 256);
    for k in ["mta_sts", "tls_rpt", "bimi"] {
        assert_eq!(d[k]["status"], "ok", "{k}: {}", d[k]);
    }
    assert_eq!(d["mta_sts"]["parsed"]["id"], "20261123");
    assert_eq!(d["tls_rpt"]["parsed"]["rua"][0], "mailto:tls@healthy.test");
    assert_eq!(
        d["bimi"]["parsed"]["authority"],
        "https://healthy.test/vmc.pem"
    );
}

#[test]
fn healthy_domain_check_human_table_and_verdict() {
    let srv = DnsServer::start(healthy());
    let r = dns_human(&srv, &["check", "healthy.test", "--selector", "s1,s2"]);
    assert_exit(&r, 0);
    let out = &r.stdout;
    assert!(
        out.contains("DOMAIN") && out.contains("SPF (lookups)"),
        "{out}"
    );
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("healthy.test") && l.contains("(2/10)"))
        .unwrap_or_else(|| panic!("no summary row for healthy.test:\n{out}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        vec![
            "healthy.test",
            "ok",
            "ok",
            "(2/10)",
            "ok",
            "ok",
            "ok",
            "ok",
            "ok"
        ],
        "{row}"
    );
    // Results on stdout, the transcript and the verdict on stderr (curl's convention).
    assert!(!out.contains("Q: ") && !out.contains("OK dns"), "{out}");
    let err = &r.stderr;
    assert!(err.contains("Q: MX healthy.test"), "{err}");
    assert!(err.contains("A: MX healthy.test NOERROR"), "{err}");
    let verdict = err.lines().last().unwrap();
    assert!(verdict.starts_with("OK dns check"), "{verdict}");
    assert!(
        !out.contains("warning ") && !out.contains("error "),
        "{out}"
    );
}

#[test]
fn spf_human_output_shows_questions_answers_and_the_tree() {
    let srv = DnsServer::start(healthy());
    let r = dns_human(&srv, &["spf", "healthy.test"]);
    assert_exit(&r, 0);
    for want in [
        "Q: TXT healthy.test",
        "A: TXT healthy.test NOERROR",
        "Q: TXT _spf.healthy.test",
        "Q: TXT _net.healthy.test",
        "TXT \"v=spf1 include:_spf.healthy.test",
    ] {
        assert!(r.stderr.contains(want), "missing {want:?}:\n{}", r.stderr);
    }
    // stdout is the tree alone: its root is the first line.
    let out = &r.stdout;
    assert!(out.starts_with("healthy.test  "), "{out}");
    // The tree: root line, then terms with ├─ / └─, the nested include indented under │.
    let lines: Vec<&str> = out.lines().collect();
    let root = lines
        .iter()
        .position(|l| l.starts_with(&format!("healthy.test  \"{HEALTHY_SPF}\"")))
        .unwrap_or_else(|| panic!("no tree root:\n{out}"));
    let tree = &lines[root..];
    assert!(
        tree[1].starts_with("├─ include:_spf.healthy.test  [1 lookup"),
        "{out}"
    );
    assert!(
        tree[2].starts_with("│  └─ _spf.healthy.test  \"v=spf1 include:_net.healthy.test -all\""),
        "{out}"
    );
    assert!(
        tree[3].starts_with("│     ├─ include:_net.healthy.test  [1 lookup"),
        "{out}"
    );
    assert!(
        tree[4].starts_with("│     │  └─ _net.healthy.test  \"v=spf1 ip4:198.51.100.0/24"),
        "{out}"
    );
    assert!(
        tree.iter().any(|l| l.starts_with("├─ ip4:192.0.2.0/24")),
        "{out}"
    );
    assert!(tree.contains(&"└─ -all"), "{out}");
    let verdict = r.stderr.lines().last().unwrap();
    assert!(verdict.starts_with("OK dns spf"), "{verdict}");
    assert!(
        verdict.contains("2 DNS-querying terms (limit 10), 0 void lookups (limit 2)"),
        "{verdict}"
    );
}

#[test]
fn failure_human_output_has_findings_and_a_verdict_with_the_exit_code() {
    let srv = DnsServer::start(Zone::new().mx("ipmx.test", 10, "192.0.2.1"));
    let r = dns_human(&srv, &["mx", "ipmx.test"]);
    assert_exit(&r, 12);
    let err = &r.stderr;
    assert!(
        err.contains("Q: MX ipmx.test") && err.contains("A: MX ipmx.test NOERROR"),
        "{err}"
    );
    let out = &r.stdout;
    let f = out
        .lines()
        .find(|l| l.starts_with("error") && l.contains("mx-ip-literal"))
        .unwrap_or_else(|| panic!("no finding line:\n{out}"));
    assert!(f.contains("192.0.2.1"), "{f}");
    let verdict = err.lines().last().unwrap();
    assert!(
        verdict.starts_with("FAIL dns mx") && verdict.contains("(exit 12 dns-errors)"),
        "{verdict}"
    );
    // Warnings: WARN and exit 11.
    let srv = DnsServer::start(Zone::new().txt("neutral.test", &["v=spf1 ?all"]));
    let r = dns_human(&srv, &["spf", "neutral.test"]);
    assert_exit(&r, 11);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("warning") && l.contains("spf-neutral-all")),
        "{}",
        r.stdout
    );
    let verdict = r.stderr.lines().last().unwrap();
    assert!(
        verdict.starts_with("WARN dns spf") && verdict.contains("(exit 11 dns-warnings)"),
        "{verdict}"
    );
}

// ------------------------------------------------------------------------------------------ MX

#[test]
fn mx_pointing_at_a_cname_is_a_warning() {
    let srv = DnsServer::start(
        Zone::new()
            .mx("cn.test", 10, "alias.cn.test")
            .cname("alias.cn.test", "real.cn.test")
            .a("real.cn.test", "192.0.2.5"),
    );
    let r = dns(&srv, &["mx", "cn.test"]);
    assert_exit(&r, 11);
    let m = finding(&r, "mx-cname", "warning");
    assert!(
        m.contains("alias.cn.test") && m.contains("real.cn.test"),
        "{m}"
    );
    let h = &r.summary()["mx"]["hosts"][0];
    assert_eq!(h["cname"], "real.cn.test");
    assert_eq!(h["addresses"][0], "192.0.2.5");
    assert_eq!(r.summary()["exit_name"], "dns-warnings");
}

#[test]
fn mx_that_is_an_ip_literal_is_an_error() {
    let srv = DnsServer::start(Zone::new().mx("ipmx.test", 10, "192.0.2.1"));
    let r = dns(&srv, &["mx", "ipmx.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "mx-ip-literal", "error");
    assert!(m.contains("192.0.2.1"), "{m}");
    assert_eq!(r.summary()["exit_name"], "dns-errors");
}

#[test]
fn null_mx_alone_is_info_and_exit_0() {
    let srv = DnsServer::start(Zone::new().mx("nullmx.test", 0, "."));
    let r = dns(&srv, &["mx", "nullmx.test"]);
    assert_exit(&r, 0);
    let m = finding(&r, "mx-null", "info");
    assert!(m.contains("nullmx.test"), "{m}");
    assert_eq!(r.summary()["mx"]["null_mx"], true);
}

#[test]
fn null_mx_mixed_with_another_mx_is_an_error() {
    let srv = DnsServer::start(
        Zone::new()
            .mx("mixed.test", 0, ".")
            .mx("mixed.test", 10, "mx.mixed.test")
            .a("mx.mixed.test", "192.0.2.7"),
    );
    let r = dns(&srv, &["mx", "mixed.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "mx-null-mixed", "error");
    assert!(m.contains("null MX"), "{m}");
}

#[test]
fn no_mx_but_an_address_is_an_implicit_mx_warning() {
    let srv = DnsServer::start(Zone::new().a("implicit.test", "192.0.2.8"));
    let r = dns(&srv, &["mx", "implicit.test"]);
    assert_exit(&r, 11);
    let m = finding(&r, "mx-implicit", "warning");
    assert!(m.contains("implicit.test"), "{m}");
    let s = r.summary();
    assert_eq!(s["mx"]["implicit"], true);
    assert_eq!(s["mx"]["hosts"][0]["addresses"][0], "192.0.2.8");
}

#[test]
fn nxdomain_domain_is_an_error() {
    let srv = DnsServer::start(Zone::new().a("other.test", "192.0.2.1"));
    let r = dns(&srv, &["mx", "gone.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "mx-nxdomain", "error");
    assert!(m.contains("gone.test"), "{m}");
    let ans = r.json();
    let a = events(&ans, "dns_answer");
    assert_eq!(a[0]["outcome"], "nxdomain");
    assert_eq!(a[0]["rcode"], "NXDOMAIN");
}

#[test]
fn mx_host_that_does_not_resolve_is_an_error() {
    let srv = DnsServer::start(
        Zone::new()
            .mx("unres.test", 10, "ghost.unres.test")
            .mx("unres.test", 20, "mx.unres.test")
            .a("mx.unres.test", "192.0.2.9"),
    );
    let r = dns(&srv, &["mx", "unres.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "mx-unresolvable", "error");
    assert!(m.contains("ghost.unres.test"), "{m}");
    assert!(!m.contains("mx.unres.test "), "{m}");
}

// ----------------------------------------------------------------------------------------- SPF

#[test]
fn spf_two_records_is_an_error() {
    let srv = DnsServer::start(
        Zone::new()
            .txt("two.test", &["v=spf1 ip4:192.0.2.1 -all"])
            .txt("two.test", &["v=spf1 ip4:192.0.2.2 -all"]),
    );
    let r = dns(&srv, &["spf", "two.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "spf-multiple", "error");
    assert!(m.contains("two.test") && m.contains('2'), "{m}");
}

#[test]
fn spf_plus_all_is_an_error() {
    let srv = DnsServer::start(Zone::new().txt("plus.test", &["v=spf1 ip4:192.0.2.1 +all"]));
    let r = dns(&srv, &["spf", "plus.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "spf-plus-all", "error");
    assert!(m.contains("+all") && m.contains("plus.test"), "{m}");
}

#[test]
fn spf_neutral_all_is_a_warning() {
    let srv = DnsServer::start(Zone::new().txt("q.test", &["v=spf1 ip4:192.0.2.1 ?all"]));
    let r = dns(&srv, &["spf", "q.test"]);
    assert_exit(&r, 11);
    let m = finding(&r, "spf-neutral-all", "warning");
    assert!(m.contains("?all") && m.contains("q.test"), "{m}");
}

#[test]
fn spf_ptr_is_a_warning() {
    let srv = DnsServer::start(Zone::new().txt("ptr.test", &["v=spf1 ptr -all"]));
    let r = dns(&srv, &["spf", "ptr.test"]);
    assert_exit(&r, 11);
    let m = finding(&r, "spf-ptr", "warning");
    assert!(m.contains("\"ptr\"") && m.contains("ptr.test"), "{m}");
}

#[test]
fn spf_over_ten_lookups_through_an_include_chain_is_an_error() {
    // many.test → i1 → i2 → … → i11: eleven includes.
    let mut z = Zone::new().txt("many.test", &["v=spf1 include:i1.many.test -all"]);
    for i in 1..=10 {
        z = z.txt(
            &format!("i{i}.many.test"),
            &[&format!("v=spf1 include:i{}.many.test -all", i + 1)],
        );
    }
    z = z.txt("i11.many.test", &["v=spf1 ip4:192.0.2.0/24 -all"]);
    let srv = DnsServer::start(z);
    let r = dns(&srv, &["spf", "many.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "spf-too-many-lookups", "error");
    assert!(
        m.contains("11 DNS-querying terms") && m.contains("include:i11.many.test"),
        "{m}"
    );
    let a = &r.summary()["spf_audit"];
    assert_eq!(a["dns_lookups"], 11, "{a}");
    let path: Vec<&str> = a["lookup_path"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut want = vec!["many.test include:i1.many.test".to_string()];
    for i in 1..=10 {
        want.push(format!("i{i}.many.test include:i{}.many.test", i + 1));
    }
    assert_eq!(path, want);
}

#[test]
fn spf_three_void_lookups_is_an_error() {
    let srv = DnsServer::start(Zone::new().txt(
        "void.test",
        &["v=spf1 exists:v1.void.test a:v2.void.test mx:v3.void.test ip4:192.0.2.1 -all"],
    ));
    let r = dns(&srv, &["spf", "void.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "spf-void-lookups", "error");
    assert!(m.contains('3'), "{m}");
    let a = &r.summary()["spf_audit"];
    assert_eq!(a["void_lookups"], 3, "{a}");
    assert_eq!(a["dns_lookups"], 3, "{a}");
    let voids: Vec<bool> = a["tree"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["void"].as_bool().unwrap())
        .collect();
    assert_eq!(voids, vec![true, true, true, false, false]);
}

#[test]
fn spf_syntax_error_names_the_position() {
    //          0123456789012345678901234567
    let rec = "v=spf1 ip4:192.0.2.300 -all";
    let srv = DnsServer::start(Zone::new().txt("syn.test", &[rec]));
    let r = dns(&srv, &["spf", "syn.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "spf-syntax", "error");
    assert!(m.contains("syn.test"), "{m}");
    let pos: usize = m
        .split("at byte ")
        .nth(1)
        .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no position in {m}"));
    // The position points into the bad term (ip4:192.0.2.300 spans bytes 7..22).
    assert!((7..22).contains(&pos), "position {pos}: {m}");
    assert_eq!(r.summary()["spf_audit"]["tree"]["outcome"], "syntax-error");
}

#[test]
fn spf_record_over_450_bytes_is_a_warning() {
    let terms: Vec<String> = (1..=26).map(|i| format!("ip4:198.51.100.{i}")).collect();
    let rec = format!("v=spf1 {} -all", terms.join(" "));
    assert!(rec.len() > 450 && rec.len() < 512, "{}", rec.len());
    let srv = DnsServer::start(Zone::new().txt("long.test", &[&rec]));
    let r = dns(&srv, &["spf", "long.test"]);
    assert_exit(&r, 11);
    let s = r.summary();
    let long: Vec<_> = findings(&s)
        .into_iter()
        .filter(|f| f.1 == "spf-long")
        .collect();
    assert!(
        long.iter().any(|f| f.0 == "warning"
            && f.2.contains("long.test")
            && f.2.contains(&format!("{} bytes", rec.len()))),
        "{long:#?}"
    );
    assert_eq!(s["spf_audit"]["tree"]["record"], rec.as_str());
}

#[test]
fn no_spf_record_is_reported() {
    let srv = DnsServer::start(
        Zone::new()
            .a("nospf.test", "192.0.2.1")
            .txt("nospf.test", &["some-verification=xyz"]),
    );
    let r = dns(&srv, &["spf", "nospf.test"]);
    assert_exit(&r, 11);
    let m = finding(&r, "spf-none", "warning");
    assert!(m.contains("nospf.test"), "{m}");
    assert_eq!(r.summary()["spf_audit"]["tree"]["outcome"], "none");
}

// --------------------------------------------------------------------------------------- DMARC

fn dmarc_zone(record: &str) -> Zone {
    Zone::new()
        .a("d.test", "192.0.2.1")
        .txt("_dmarc.d.test", &[record])
}

fn dmarc_case(record: &str, code: &str, severity: &str, exit: i32) -> String {
    let srv = DnsServer::start(dmarc_zone(record));
    let r = dns(&srv, &["dmarc", "d.test"]);
    assert_exit(&r, exit);
    assert_eq!(r.summary()["dmarc"]["record"], record);
    finding(&r, code, severity)
}

#[test]
fn dmarc_p_none_is_a_warning() {
    let m = dmarc_case(
        "v=DMARC1; p=none; rua=mailto:d@d.test",
        "dmarc-p-none",
        "warning",
        11,
    );
    assert!(m.contains("p=none"), "{m}");
}

#[test]
fn dmarc_without_rua_is_a_warning() {
    let m = dmarc_case("v=DMARC1; p=reject", "dmarc-no-rua", "warning", 11);
    assert!(m.contains("rua"), "{m}");
}

#[test]
fn dmarc_pct_below_100_is_a_warning() {
    let m = dmarc_case(
        "v=DMARC1; p=reject; pct=50; rua=mailto:d@d.test",
        "dmarc-pct",
        "warning",
        11,
    );
    assert!(m.contains("pct=50"), "{m}");
}

#[test]
fn dmarc_sp_weaker_than_p_is_a_warning() {
    let m = dmarc_case(
        "v=DMARC1; p=reject; sp=none; rua=mailto:d@d.test",
        "dmarc-sp-weaker",
        "warning",
        11,
    );
    assert!(m.contains("sp=none") && m.contains("p=reject"), "{m}");
}

#[test]
fn dmarc_invalid_tag_value_is_an_error() {
    let m = dmarc_case(
        "v=DMARC1; p=reject; adkim=x; rua=mailto:d@d.test",
        "dmarc-invalid-value",
        "error",
        12,
    );
    assert!(m.contains("adkim") && m.contains("\"x\""), "{m}");
}

#[test]
fn dmarc_falls_back_to_the_organizational_domain() {
    let srv = DnsServer::start(healthy().a("sub.healthy.test", "192.0.2.77"));
    let r = dns(&srv, &["dmarc", "sub.healthy.test"]);
    assert_exit(&r, 0);
    let m = finding(&r, "dmarc-org-fallback", "info");
    assert!(
        m.contains("_dmarc.sub.healthy.test") && m.contains("_dmarc.healthy.test"),
        "{m}"
    );
    let s = r.summary();
    assert_eq!(s["policy_domain"], "healthy.test");
    assert_eq!(s["dmarc"]["name"], "_dmarc.healthy.test");
    assert_eq!(s["dmarc"]["record"], HEALTHY_DMARC);
    assert_clean(&s);
    // Both names were asked, the subdomain's first.
    let all = r.json();
    let asked: Vec<&str> = events(&all, "dns_query")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(
        asked,
        vec!["_dmarc.sub.healthy.test", "_dmarc.healthy.test"]
    );
}

#[test]
fn dmarc_external_rua_without_authorization_is_an_error() {
    let rec = "v=DMARC1; p=reject; rua=mailto:reports@other.test";
    let srv = DnsServer::start(dmarc_zone(rec).a("other.test", "192.0.2.2"));
    let r = dns(&srv, &["dmarc", "d.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "dmarc-rua-unauthorized", "error");
    assert!(
        m.contains("mailto:reports@other.test") && m.contains("d.test._report._dmarc.other.test"),
        "{m}"
    );
}

#[test]
fn dmarc_external_rua_with_authorization_is_fine() {
    let rec = "v=DMARC1; p=reject; rua=mailto:reports@other.test";
    let srv =
        DnsServer::start(dmarc_zone(rec).txt("d.test._report._dmarc.other.test", &["v=DMARC1"]));
    let r = dns(&srv, &["dmarc", "d.test"]);
    assert_exit(&r, 0);
    let s = r.summary();
    assert!(
        !codes(&s).contains(&"dmarc-rua-unauthorized".to_string()),
        "{s}"
    );
    assert_clean(&s);
    let all = r.json();
    assert!(
        events(&all, "dns_query")
            .iter()
            .any(|e| e["name"] == "d.test._report._dmarc.other.test" && e["qtype"] == "TXT"),
        "the authorization record was asked for"
    );
}

#[test]
fn dmarc_external_rua_of_the_healthy_domain() {
    // The brief's exact names: healthy.test reporting to other.test, without and with the record.
    let rec = "v=DMARC1; p=reject; rua=mailto:dmarc@other.test";
    let z = || {
        Zone::new()
            .a("healthy.test", "192.0.2.1")
            .txt("_dmarc.healthy.test", &[rec])
    };
    let srv = DnsServer::start(z());
    let r = dns(&srv, &["dmarc", "healthy.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "dmarc-rua-unauthorized", "error");
    assert!(m.contains("healthy.test._report._dmarc.other.test"), "{m}");
    let srv = DnsServer::start(z().txt("healthy.test._report._dmarc.other.test", &["v=DMARC1"]));
    let r = dns(&srv, &["dmarc", "healthy.test"]);
    assert_exit(&r, 0);
    assert_clean(&r.summary());
}

// ---------------------------------------------------------------------------------------- DKIM

fn dkim_case(record: &str, code: &str, severity: &str, exit: i32) -> (Run, String) {
    let srv = DnsServer::start(Zone::new().txt("sel._domainkey.k.test", &[record]));
    let r = dns(&srv, &["dkim", "sel", "k.test"]);
    assert_exit(&r, exit);
    let m = finding(&r, code, severity);
    (r, m)
}

#[test]
fn dkim_revoked_key_is_an_error() {
    let (r, m) = dkim_case("v=DKIM1; k=rsa; p=", "dkim-revoked", "error", 12);
    assert!(m.contains("revoked"), "{m}");
    assert_eq!(r.summary()["dkim"][0]["parsed"]["revoked"], true);
    assert_eq!(r.summary()["dkim"][0]["status"], "error");
}

#[test]
fn dkim_rsa_1024_is_a_warning() {
    let (r, m) = dkim_case(
        &format!("v=DKIM1; k=rsa; p={RSA1024}"),
        "dkim-rsa-short",
        "warning",
        11,
    );
    assert!(m.contains("1024 bits"), "{m}");
    assert_eq!(r.summary()["dkim"][0]["parsed"]["bits"], 1024);
    assert_eq!(r.summary()["dkim"][0]["status"], "warning");
}

#[test]
fn dkim_rsa_512_is_an_error() {
    let (r, m) = dkim_case(
        &format!("v=DKIM1; k=rsa; p={RSA512}"),
        "dkim-rsa-too-short",
        "error",
        12,
    );
    assert!(m.contains("512 bits"), "{m}");
    assert_eq!(r.summary()["dkim"][0]["parsed"]["bits"], 512);
}

#[test]
fn dkim_garbage_base64_is_an_error() {
    let (_, m) = dkim_case(
        "v=DKIM1; k=rsa; p=MIIB!!not*base64",
        "dkim-bad-base64",
        "error",
        12,
    );
    assert!(m.contains("p=") && m.contains("base64"), "{m}");
}

#[test]
fn dkim_testing_flag_is_a_warning() {
    let (r, m) = dkim_case(
        &format!("v=DKIM1; k=rsa; t=y; p={RSA2048}"),
        "dkim-testing",
        "warning",
        11,
    );
    assert!(m.contains("t=y"), "{m}");
    assert_eq!(r.summary()["dkim"][0]["parsed"]["flags"][0], "y");
}

#[test]
fn dkim_missing_selector_is_an_error() {
    let srv = DnsServer::start(healthy());
    let r = dns(&srv, &["dkim", "nope", "healthy.test"]);
    assert_exit(&r, 12);
    let m = finding(&r, "dkim-key-missing", "error");
    assert!(
        m.contains("nope._domainkey.healthy.test") && m.contains("NXDOMAIN"),
        "{m}"
    );
}

/// With several selectors, each key's findings must say which key they are about: the messages
/// are the only place (the JSON `dkim` entries carry no findings).
#[test]
fn dkim_findings_name_their_selector() {
    let srv =
        DnsServer::start(healthy().txt("old._domainkey.healthy.test", &["v=DKIM1; k=rsa; p="]));
    let r = dns(&srv, &["dkim", "s1,old,s2", "healthy.test"]);
    assert_exit(&r, 12);
    let s = r.summary();
    let statuses: Vec<&str> = s["dkim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["ok", "error", "ok"]);
    let m = finding(&r, "dkim-revoked", "error");
    assert!(
        m.contains("old._domainkey.healthy.test") || m.contains("s=old"),
        "the finding does not say which selector is revoked: {m}"
    );
}

// -------------------------------------------------------------------------- DNS failure modes

#[test]
fn servfail_on_the_spf_record_is_a_temperror_not_no_record() {
    let srv = DnsServer::start(healthy().rcode("healthy.test", RecordType::TXT, Rcode::ServFail));
    let r = dns(&srv, &["spf", "healthy.test"]);
    assert_exit(&r, 13);
    let s = r.summary();
    assert_eq!(s["exit_name"], "dns-temperror");
    let all = r.json();
    let ans: Vec<_> = events(&all, "dns_answer")
        .into_iter()
        .filter(|e| e["name"] == "healthy.test" && e["qtype"] == "TXT")
        .collect();
    assert_eq!(ans.len(), 1);
    // README: outcome is one of answer, nxdomain, nodata, servfail, refused, timeout, error;
    // rcode is the mnemonic, like NOERROR and NXDOMAIN.
    assert_eq!(ans[0]["outcome"], "servfail", "{}", ans[0]);
    assert_eq!(ans[0]["rcode"], "SERVFAIL", "{}", ans[0]);
    let m = finding(&r, "spf-lookup-failed", "error");
    assert!(m.contains("SERVFAIL") && m.contains("healthy.test"), "{m}");
    assert!(!codes(&s).iter().any(|c| c == "spf-none"), "{s}");
    assert_eq!(s["spf_audit"]["tree"]["outcome"], "servfail");
    for f in findings(&s) {
        let low = f.2.to_lowercase();
        assert!(
            !low.contains("no spf") && !low.contains("has no txt") && !low.contains("no record"),
            "a SERVFAIL is reported as absence: {f:?}"
        );
    }
    // In human output too, and in the check table SPF is temperror.
    let r = dns_human(&srv, &["check", "healthy.test", "--selector", "s1"]);
    assert_exit(&r, 13);
    assert!(
        r.stderr.contains("A: TXT healthy.test SERVFAIL (servfail)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("temperror (0/10)"), "{}", r.stdout);
    assert!(!r.stdout.contains("spf-none"), "{}", r.stdout);
    assert!(
        r.stderr
            .lines()
            .last()
            .unwrap()
            .contains("(exit 13 dns-temperror)"),
        "{}",
        r.stderr
    );
}

#[test]
fn servfail_on_a_policy_record_is_a_temperror() {
    let srv =
        DnsServer::start(healthy().rcode("_dmarc.healthy.test", RecordType::TXT, Rcode::ServFail));
    let r = dns(&srv, &["dmarc", "healthy.test"]);
    assert_exit(&r, 13);
    let s = r.summary();
    assert_eq!(s["dmarc"]["status"], "temperror");
    let m = finding(&r, "dmarc-lookup-failed", "error");
    assert!(m.contains("SERVFAIL"), "{m}");
    assert!(!codes(&s).iter().any(|c| c == "dmarc-none"), "{s}");
}

#[test]
fn refused_is_a_temperror_with_outcome_refused() {
    let srv = DnsServer::start(healthy().rcode_name("refused.test", Rcode::Refused));
    let r = dns(&srv, &["mx", "refused.test"]);
    assert_exit(&r, 13);
    let s = r.summary();
    let m = finding(&r, "mx-lookup-failed", "error");
    assert!(m.contains("REFUSED"), "{m}");
    assert!(
        !codes(&s)
            .iter()
            .any(|c| c == "mx-none" || c == "mx-nxdomain" || c == "mx-implicit"),
        "{s}"
    );
    let all = r.json();
    let a = events(&all, "dns_answer");
    assert_eq!(
        a.len(),
        1,
        "no A/AAAA fallback after a failed MX lookup: {a:?}"
    );
    assert_eq!(a[0]["outcome"], "refused");
    assert_eq!(a[0]["rcode"], "REFUSED");
}

/// Lookup failures must say which question failed: in `dns check` there are many.
#[test]
fn lookup_failures_name_the_question() {
    let srv = DnsServer::start(
        healthy()
            .rcode(
                "s2._domainkey.healthy.test",
                RecordType::TXT,
                Rcode::ServFail,
            )
            .rcode("_mta-sts.healthy.test", RecordType::TXT, Rcode::Refused),
    );
    let r = dns(&srv, &["check", "healthy.test", "--selector", "s1,s2"]);
    assert_exit(&r, 13);
    let d = &r.summary()["domains"][0];
    assert_eq!(d["dkim"][0]["status"], "ok");
    assert_eq!(d["dkim"][1]["status"], "temperror");
    assert_eq!(d["mta_sts"]["status"], "temperror");
    let m = finding(&r, "mta-sts-lookup-failed", "error");
    assert!(
        m.contains("_mta-sts.healthy.test") && m.contains("REFUSED"),
        "{m}"
    );
    let m = finding(&r, "dkim-key-lookup-failed", "error");
    assert!(m.contains("s2._domainkey.healthy.test"), "{m}");
}

/// An MX host whose A is NODATA and whose AAAA fails: the failure is the AAAA SERVFAIL, and the
/// finding must say so (and name the host), not report the NODATA as the failure.
#[test]
fn mx_host_lookup_failure_reports_the_failure_not_nodata() {
    let srv = DnsServer::start(
        Zone::new()
            .mx("half.test", 10, "h.half.test")
            .txt("h.half.test", &["exists"])
            .rcode("h.half.test", RecordType::AAAA, Rcode::ServFail),
    );
    let r = dns(&srv, &["mx", "half.test"]);
    assert_exit(&r, 13);
    let m = finding(&r, "mx-host-lookup-failed", "error");
    assert!(m.contains("h.half.test"), "host not named: {m}");
    assert!(
        !m.contains("NODATA"),
        "the NODATA of A reported as the failure: {m}"
    );
    let problem = r.summary()["mx"]["hosts"][0]["problem"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(!problem.contains("NODATA"), "{problem}");
}

#[test]
fn a_name_that_never_answers_is_a_temperror_within_the_timeout() {
    let srv = DnsServer::start(healthy().timeout("healthy.test", RecordType::TXT));
    let (r, took) = dns_timed(&srv, &["spf", "healthy.test"], &["--timeout", "500ms"]);
    eprintln!("never-answering TXT: exit {} in {took:?}", r.code);
    assert_exit(&r, 13);
    // Each server is tried twice: 2 attempts × 500 ms, with the same slack again on top.
    assert!(took < Duration::from_millis(2 * 500 * 2), "took {took:?}");
    assert!(took >= Duration::from_millis(500), "took {took:?}");
    let m = finding(&r, "spf-lookup-failed", "error");
    assert!(m.contains("timeout"), "{m}");
    let all = r.json();
    let ans: Vec<_> = events(&all, "dns_answer")
        .into_iter()
        .filter(|e| e["name"] == "healthy.test" && e["qtype"] == "TXT")
        .collect();
    assert_eq!(ans.len(), 1, "{all:#?}");
    assert_eq!(ans[0]["outcome"], "timeout");
    assert!(!codes(&r.summary()).iter().any(|c| c == "spf-none"));
}

#[test]
fn a_silent_server_makes_every_lookup_a_temperror() {
    let srv = DnsServer::start_with(healthy(), Options::default().silent());
    let (r, took) = dns_timed(
        &srv,
        &["check", "healthy.test", "--selector", "s1,s2"],
        &["--timeout", "500ms"],
    );
    eprintln!("silent server: exit {} in {took:?}", r.code);
    assert_exit(&r, 13);
    // All lookups wait concurrently: the whole audit costs one lookup's timeout budget (no
    // dependent lookup follows a failed one).
    assert!(took < Duration::from_millis(2 * 500 * 2), "took {took:?}");
    let s = r.summary();
    let d = &s["domains"][0];
    for k in ["dmarc", "mta_sts", "tls_rpt", "bimi"] {
        assert_eq!(d[k]["status"], "temperror", "{k}: {}", d[k]);
    }
    for k in d["dkim"].as_array().unwrap() {
        assert_eq!(k["status"], "temperror", "{k}");
    }
    // Nothing may claim a record is absent when nobody answered.
    for c in codes(&s) {
        assert!(
            c.ends_with("-lookup-failed"),
            "{c}: only lookup failures are known: {:#?}",
            findings(&s)
        );
    }
    let all = r.json();
    for a in events(&all, "dns_answer") {
        assert_eq!(a["outcome"], "timeout", "{a}");
    }
    assert!(!srv.queries().is_empty(), "the questions did arrive");
}

#[test]
fn a_truncated_udp_answer_is_fetched_again_over_tcp() {
    // 60 ip4 terms: ~1100 bytes, far over the 512-byte UDP limit set on the server.
    let terms: Vec<String> = (1..=60).map(|i| format!("ip4:198.51.100.{i}")).collect();
    let rec = format!("v=spf1 {} -all", terms.join(" "));
    let srv = DnsServer::start_with(
        Zone::new().txt("big.test", &[&rec]),
        Options::default().truncate_udp_over(512),
    );
    let r = dns(&srv, &["spf", "big.test"]);
    assert_exit(&r, 11); // spf-long: the record needs TCP.
    let s = r.summary();
    assert_eq!(
        s["spf_audit"]["tree"]["record"],
        rec.as_str(),
        "the whole record arrived"
    );
    assert_eq!(
        s["spf_audit"]["tree"]["terms"].as_array().unwrap().len(),
        61
    );
    assert!(
        codes(&s).iter().all(|c| c == "spf-long"),
        "{:#?}",
        findings(&s)
    );
    let log: Vec<Transport> = srv
        .queries()
        .into_iter()
        .filter(|q| q.name.eq_ignore_ascii_case("big.test") && q.qtype == RecordType::TXT)
        .map(|q| q.transport)
        .collect();
    assert_eq!(log.first(), Some(&Transport::Udp), "{log:?}");
    assert_eq!(log.last(), Some(&Transport::Tcp), "{log:?}");
    // One question for mailctl: the retry is the resolver's, not a second query.
    let all = r.json();
    assert_eq!(events(&all, "dns_query").len(), 1);
}

#[test]
fn tcp_option_uses_tcp_only() {
    let srv = DnsServer::start(healthy());
    let (r, _) = dns_timed(
        &srv,
        &["check", "healthy.test", "--selector", "s1,s2"],
        &["--tcp", "--timeout", "2s"],
    );
    assert_exit(&r, 0);
    let log = srv.queries();
    assert!(log.len() >= 14, "{log:?}");
    assert!(log.iter().all(|q| q.transport == Transport::Tcp), "{log:?}");
}

// ------------------------------------------------------------------------- SPF evaluation (--ip)

fn eval_zone() -> Zone {
    Zone::new()
        .txt("pass.test", &["v=spf1 ip4:192.0.2.0/24 -all"])
        .txt(
            "fail.test",
            &["v=spf1 ip4:192.0.2.0/24 -all exp=explain.fail.test"],
        )
        .txt(
            "explain.fail.test",
            &["%{i} is not allowed to send mail for %{d}"],
        )
        .txt("soft.test", &["v=spf1 ip4:192.0.2.0/24 ~all"])
        .txt("neutral.test", &["v=spf1 ip4:192.0.2.0/24 ?all"])
        .a("none.test", "192.0.2.1")
        .txt("perm.test", &["v=spf1 include:missing.test -all"])
        .rcode("temp.test", RecordType::TXT, Rcode::ServFail)
}

fn eval(srv: &DnsServer, domain: &str, ip: &str) -> Run {
    let sender = format!("user@{domain}");
    dns(
        srv,
        &[
            "spf",
            domain,
            "--ip",
            ip,
            "--sender",
            &sender,
            "--helo",
            "client.example.test",
        ],
    )
}

#[test]
fn spf_evaluation_results_and_exit_codes() {
    let srv = DnsServer::start(eval_zone());
    for (domain, ip, result, exit, exit_name) in [
        ("pass.test", "192.0.2.10", "pass", 0, "ok"),
        ("fail.test", "203.0.113.5", "fail", 14, "spf-fail"),
        ("soft.test", "203.0.113.5", "softfail", 14, "spf-fail"),
        ("neutral.test", "203.0.113.5", "neutral", 15, "spf-neutral"),
        ("none.test", "203.0.113.5", "none", 15, "spf-neutral"),
        ("perm.test", "203.0.113.5", "permerror", 12, "dns-errors"),
        ("temp.test", "203.0.113.5", "temperror", 13, "dns-temperror"),
    ] {
        let r = eval(&srv, domain, ip);
        assert_eq!(r.code, exit, "{domain}: {}", r.stdout);
        let s = r.summary();
        assert_eq!(s["spf"]["result"], result, "{domain}: {s}");
        assert_eq!(s["exit_name"], exit_name, "{domain}");
        assert_eq!(s["ip"], ip);
        assert_eq!(s["domain"], domain);
    }
}

#[test]
fn spf_fail_carries_the_exp_explanation() {
    let srv = DnsServer::start(eval_zone());
    let r = eval(&srv, "fail.test", "203.0.113.5");
    assert_exit(&r, 14);
    let s = r.summary();
    assert_eq!(s["spf"]["result"], "fail");
    assert_eq!(s["spf"]["mechanism"], "-all");
    assert_eq!(
        s["spf"]["explanation"],
        "203.0.113.5 is not allowed to send mail for fail.test"
    );
    // A pass has no explanation, and the explanation record is not even asked for.
    let r = eval(&srv, "fail.test", "192.0.2.44");
    assert_exit(&r, 0);
    let s = r.summary();
    assert_eq!(s["spf"]["result"], "pass");
    assert!(s["spf"]["explanation"].is_null(), "{s}");
    let all = r.json();
    assert!(
        !events(&all, "dns_query")
            .iter()
            .any(|e| e["name"] == "explain.fail.test"),
        "exp= looked up on a pass"
    );
}

#[test]
fn spf_evaluation_human_verdicts() {
    let srv = DnsServer::start(eval_zone());
    let r = run_with_timeout(
        &mut cmd(
            &srv,
            false,
            &["spf", "soft.test", "--ip", "203.0.113.5"],
            &["--timeout", "2s"],
        ),
        Duration::from_secs(30),
    );
    assert_exit(&r, 14);
    let v = r.stderr.lines().last().unwrap();
    assert!(
        v.starts_with("FAIL dns spf") && v.contains("(exit 14 spf-fail)") && v.contains("softfail"),
        "{v}"
    );
    let r = run_with_timeout(
        &mut cmd(
            &srv,
            false,
            &["spf", "neutral.test", "--ip", "203.0.113.5"],
            &["--timeout", "2s"],
        ),
        Duration::from_secs(30),
    );
    assert_exit(&r, 15);
    let v = r.stderr.lines().last().unwrap();
    assert!(
        v.starts_with("NEUTRAL dns spf") && v.contains("(exit 15 spf-neutral)"),
        "{v}"
    );
}

// ------------------------------------------------------------------ concurrency and no repeats

/// The healthy domain plus one whose records overlap it: its SPF uses `mx`, `a` and includes the
/// healthy domain's `_spf`, and its MX is healthy's mx1, so the same questions come up in several
/// places of one `dns check`.
fn overlapping() -> Zone {
    healthy()
        .mx("overlap.test", 10, "mx1.healthy.test")
        .a("overlap.test", "192.0.2.99")
        .txt(
            "overlap.test",
            &["v=spf1 mx a include:_spf.healthy.test -all"],
        )
        .txt(
            "_dmarc.overlap.test",
            &["v=DMARC1; p=reject; rua=mailto:dmarc@healthy.test"],
        )
        .txt("overlap.test._report._dmarc.healthy.test", &["v=DMARC1"])
        .txt(
            "s1._domainkey.overlap.test",
            &[&format!("v=DKIM1; k=rsa; p={RSA2048}")],
        )
}

#[test]
fn check_asks_every_question_once() {
    let srv = DnsServer::start(overlapping());
    let r = dns(
        &srv,
        &["check", "healthy.test", "overlap.test", "--selector", "s1"],
    );
    let all = r.json();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for q in events(&all, "dns_query") {
        *seen
            .entry((
                q["name"].as_str().unwrap().to_string(),
                q["qtype"].as_str().unwrap().to_string(),
            ))
            .or_default() += 1;
    }
    let repeated: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "asked more than once: {repeated:?}");
    // The overlap really is there: these were needed by more than one part of the audit.
    for (name, t) in [
        ("mx1.healthy.test", "A"),
        ("overlap.test", "MX"),
        ("_spf.healthy.test", "TXT"),
    ] {
        assert_eq!(seen.get(&(name.into(), t.into())), Some(&1), "{name} {t}");
    }
    // Every question has exactly one answer event.
    let answers = events(&all, "dns_answer");
    assert_eq!(answers.len(), seen.len());
    // And the server saw each question once.
    let mut on_wire: HashMap<(String, RecordType), usize> = HashMap::new();
    for q in srv.queries() {
        *on_wire
            .entry((q.name.to_ascii_lowercase(), q.qtype))
            .or_default() += 1;
    }
    let dup: Vec<_> = on_wire.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        dup.is_empty(),
        "the server was asked more than once: {dup:?}"
    );
    // The second domain is otherwise fine (its rua at healthy.test is authorized).
    let s = r.summary();
    assert_exit(&r, 0);
    assert_clean(&s);
    assert_eq!(
        s["domains"][1]["spf"]["dns_lookups"], 4,
        "mx, a, include, nested include"
    );
}

#[test]
fn check_runs_lookups_concurrently() {
    const DELAY: u64 = 100;
    let srv = DnsServer::start_with(healthy(), Options::default().delay(DELAY));
    let (r, took) = dns_timed(
        &srv,
        &["check", "healthy.test", "--selector", "s1,s2"],
        &["--timeout", "2s"],
    );
    eprintln!("check with {DELAY} ms per answer: {took:?}");
    assert_exit(&r, 0);
    let all = r.json();
    let lookups = events(&all, "dns_query").len() as u64;
    // MX 1 + A/AAAA of 2 hosts 4 + SPF 3 + DMARC 1 + DKIM 2 + MTA-STS 1 + TLS-RPT 1 + BIMI 1.
    assert_eq!(lookups, 14);
    // The longest dependent chain is the SPF tree: TXT healthy → _spf → _net (3); MX → A is 2.
    let chain = 3;
    let bound = Duration::from_millis((chain + 2) * DELAY);
    assert!(
        took < bound,
        "took {took:?}, over {bound:?} (sequential would be {} ms)",
        lookups * DELAY
    );
    let total_ms = r.summary()["total_ms"].as_f64().unwrap();
    assert!(
        total_ms >= (chain * DELAY) as f64,
        "total_ms {total_ms}: the chain cannot be faster"
    );
}

/// A nameserver that never answers costs what README and --help say: every query is tried twice
/// (hickory's own `attempts` counts retries, so "2" used to mean three tries: 9 s, not 6 s), for
/// `dns` and for `smtp send`'s MX lookup alike. Timed with --timeout 1s: two tries end after
/// about 2 s, three would take 3 s.
#[test]
fn a_dead_nameserver_gets_two_tries_per_query() {
    let two_tries = |took: Duration| {
        assert!(
            took >= Duration::from_secs(2) && took < Duration::from_millis(2700),
            "took {took:?}"
        );
    };
    let srv = DnsServer::start_with(healthy(), Options::default().silent());
    let (r, took) = dns_timed(&srv, &["mx", "healthy.test"], &["--timeout", "1s"]);
    assert_exit(&r, 13);
    two_tries(took);

    let srv = DnsServer::start_with(healthy(), Options::default().silent());
    let started = Instant::now();
    let r = run(mailctl()
        .args([
            "--json",
            "smtp",
            "send",
            "--to",
            "a@healthy.test",
            "--timeout",
            "1s",
        ])
        .args(["--nameserver", &srv.nameserver_arg()]));
    let took = started.elapsed();
    r.failed_at(3, "resolve");
    two_tries(took);
}

/// `dns` commands produce results: stdout carries them alone (the table, tree and findings),
/// the Q:/A: transcript and the verdict go to stderr (curl's convention), and `-q` keeps the
/// results — before, it printed the verdict only, dropping the MX list `dns mx` exists for.
#[test]
fn dns_results_alone_on_stdout_and_kept_by_q() {
    let srv = DnsServer::start(healthy());
    let human = dns_human(&srv, &["mx", "healthy.test"]);
    assert_exit(&human, 0);
    let quiet = run_with_timeout(
        &mut cmd(
            &srv,
            false,
            &["mx", "healthy.test"],
            &["--timeout", "2s", "-q"],
        ),
        Duration::from_secs(30),
    );
    assert_exit(&quiet, 0);
    for r in [&human, &quiet] {
        assert!(r.stdout.starts_with("PREF  HOST"), "{r:?}");
        assert!(r.stdout.contains("mx1.healthy.test"), "{r:?}");
        assert!(
            !r.stdout.contains("Q: ") && !r.stdout.contains("OK dns"),
            "{r:?}"
        );
        assert!(
            r.stderr.lines().last().unwrap().starts_with("OK dns mx"),
            "{r:?}"
        );
    }
    assert_eq!(human.stdout, quiet.stdout);
    assert!(human.stderr.contains("Q: MX healthy.test"), "{human:?}");
    assert_eq!(quiet.stderr.lines().count(), 1, "{quiet:?}");
    // A failing audit: the findings are results too.
    let srv = DnsServer::start(Zone::new().mx("ipmx.test", 10, "192.0.2.1"));
    let r = run_with_timeout(
        &mut cmd(
            &srv,
            false,
            &["mx", "ipmx.test"],
            &["--timeout", "2s", "-q"],
        ),
        Duration::from_secs(30),
    );
    assert_exit(&r, 12);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("error") && l.contains("mx-ip-literal")),
        "{r:?}"
    );
    assert!(r.stderr.starts_with("FAIL dns mx"), "{r:?}");
    // A usage error has no results: its verdict goes to stderr as well, stdout stays empty.
    let r = crate::util::run(mailctl().args(["dns", "mx", "x.test", "--nameserver", "not-an-ip"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    assert!(r.stderr.contains("FAIL dns"), "{r:?}");
}

/// A domain that is a CNAME to a host with only an address has no MX: the host's address is the
/// implicit MX (RFC 5321 §5.1), for `dns mx` and `smtp send` alike (one MX-candidate function,
/// dns/mx.rs, serves both).
#[test]
fn mx_answer_without_mx_records_is_an_implicit_mx_for_dns_mx_and_smtp_send() {
    let srv = DnsServer::start(
        Zone::new()
            .cname("alias.test", "host.test")
            .a("host.test", "127.0.0.1"),
    );
    let r = dns(&srv, &["mx", "alias.test"]);
    let s = r.summary();
    assert_eq!(s["mx"]["implicit"], true, "{s}");
    assert_eq!(s["mx"]["hosts"][0]["addresses"][0], "127.0.0.1", "{s}");
    // A port nobody listens on: the send must get as far as connecting to the implicit MX.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port().to_string();
    drop(closed);
    let r = run(mailctl().args([
        "--json",
        "smtp",
        "send",
        "--to",
        "someone@alias.test",
        "--nameserver",
        &srv.nameserver_arg(),
        "--timeout",
        "2s",
        "-p",
        &port,
    ]));
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "connect", "{s}");
    assert!(
        r.stdout.contains("implicit MX (RFC 5321 §5.1)"),
        "{}",
        r.stdout
    );
}

/// NXDOMAIN is one answer for every MX reader (dns/mx.rs): the domain does not exist, so it
/// gets no mail and has no implicit MX (RFC 5321 §5.1 falls back to A/AAAA only for a domain
/// that exists without MX records). `dns mx` reports it as an error finding; `smtp send` fails
/// in phase resolve without asking for an address of the domain.
#[test]
fn nxdomain_means_no_mail_and_no_implicit_mx_for_dns_mx_and_smtp_send() {
    let srv = DnsServer::start(Zone::new().a("other.test", "127.0.0.1"));
    let r = dns(&srv, &["mx", "gone.test"]);
    assert_exit(&r, 12);
    finding(&r, "mx-nxdomain", "error");
    let before = srv.queries().len();
    let r = run(mailctl().args([
        "--json",
        "smtp",
        "send",
        "--to",
        "someone@gone.test",
        "--nameserver",
        &srv.nameserver_arg(),
        "--timeout",
        "2s",
    ]));
    let s = r.failed_at(3, "resolve");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("NXDOMAIN"),
        "{s}"
    );
    let asked: Vec<_> = srv.queries()[before..]
        .iter()
        .map(|q| (q.name.to_ascii_lowercase(), q.qtype))
        .collect();
    assert!(
        asked.iter().all(|(_, t)| *t == RecordType::MX),
        "no address lookup after NXDOMAIN: {asked:?}"
    );
}

/// BIMI (draft-brand-indicators-for-message-identification §4.4): a subdomain without its own
/// record gets the organizational domain's, as DMARC does; with neither, one `bimi-none` naming
/// both places. (Found by comparing with checkdmarc: bench/agree_checkdmarc.sh.)
#[test]
fn bimi_falls_back_to_the_organizational_domain() {
    let srv = DnsServer::start(healthy().a("news.healthy.test", "192.0.2.30"));
    let r = dns(&srv, &["bimi", "news.healthy.test"]);
    let s = r.summary();
    assert_eq!(s["bimi"]["name"], "default._bimi.healthy.test", "{s}");
    assert_eq!(s["bimi"]["status"], "ok", "{s}");
    let msg = finding(&r, "bimi-org-fallback", "info");
    assert!(msg.contains("default._bimi.news.healthy.test"), "{msg}");

    let srv = DnsServer::start(Zone::new().a("news.plain.test", "192.0.2.31"));
    let r = dns(&srv, &["bimi", "news.plain.test"]);
    let msg = finding(&r, "bimi-none", "info");
    assert!(
        msg.contains("default._bimi.news.plain.test") && msg.contains("default._bimi.plain.test"),
        "{msg}"
    );
    assert_eq!(
        codes(&r.summary())
            .iter()
            .filter(|c| *c == "bimi-none")
            .count(),
        1
    );
}
