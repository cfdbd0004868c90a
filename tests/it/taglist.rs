//! One tag-list rule for every record type (RFC 6376 §3.2: "if a tag name does occur more than
//! once, the entire tag-list is invalid"), end to end: a DMARC record or DKIM key record with a
//! repeated tag is reported as invalid and not applied, where the first occurrence used to be.

use crate::dnsd::{DnsServer, Zone};
use crate::util::{Run, mailctl, run_with_timeout};
use serde_json::Value;
use std::time::Duration;

fn dns(srv: &DnsServer, args: &[&str]) -> Run {
    let mut c = mailctl();
    c.arg("--json").arg("dns").args(args).args([
        "--nameserver",
        &srv.nameserver_arg(),
        "--timeout",
        "2s",
    ]);
    run_with_timeout(&mut c, Duration::from_secs(30))
}

fn finding<'a>(s: &'a Value, code: &str) -> &'a Value {
    s["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["code"] == code))
        .unwrap_or_else(|| panic!("no {code} finding: {s}"))
}

/// `p=reject; p=none` used to be applied as p=reject; the record is invalid, so no policy.
#[test]
fn dmarc_record_with_a_repeated_tag_is_invalid() {
    let record = "v=DMARC1; p=reject; p=none; rua=mailto:d@d.test";
    let srv = DnsServer::start(
        Zone::new()
            .a("d.test", "192.0.2.1")
            .txt("_dmarc.d.test", &[record]),
    );
    let r = dns(&srv, &["dmarc", "d.test"]);
    let s = r.summary();
    assert_eq!(r.code, 12, "{s}");
    assert_eq!(s["dmarc"]["record"], record);
    assert_eq!(s["dmarc"]["parsed"], Value::Null, "{s}");
    let f = finding(&s, "dmarc-duplicate-tag");
    assert_eq!(f["severity"], "error");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("p= appears more than once: the whole record is invalid"),
        "{m}"
    );
}

/// `dns dkim` used to show the first p= as the key while `dkim verify` refused the record.
#[test]
fn dkim_key_record_with_a_repeated_tag_is_invalid() {
    let record = "v=DKIM1; k=rsa; k=ed25519; p=oKSQ/cdYWvUEV2ZrQUOlJ4z/cRISA74x3lxJsvCDxdg=";
    let srv = DnsServer::start(Zone::new().txt("sel._domainkey.k.test", &[record]));
    let r = dns(&srv, &["dkim", "sel", "k.test"]);
    let s = r.summary();
    assert_eq!(r.code, 12, "{s}");
    assert_eq!(s["dkim"][0]["parsed"], Value::Null, "{s}");
    assert_eq!(s["dkim"][0]["status"], "error", "{s}");
    let f = finding(&s, "dkim-duplicate-tag");
    assert_eq!(f["severity"], "error");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("k= appears more than once: the whole key record is invalid"),
        "{m}"
    );
}
