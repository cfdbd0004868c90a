//! `mailctl wkd ADDRESS` and `mailctl dns openpgpkey ADDRESS` against the rig: its nginx serves
//! the Web Key Directory of rig.test by the advanced and direct methods (policy files, a 302
//! for redirect@rig.test) and of direct.rig.test by the direct method only; its NSD has the
//! OPENPGPKEY records. Each finding the issue names: no key, key for the wrong address, expired
//! key, advanced method missing while direct works, HTTP redirects.

use crate::pgp::{dns_args, wkd_args};
use crate::util::*;
use serde_json::Value;

fn wkd(address: &str) -> Run {
    let mut c = mailctl();
    c.args(["--json", "wkd", address]).args(wkd_args());
    run(&mut c)
}

fn openpgpkey(address: &str) -> Run {
    let mut c = mailctl();
    c.args(["--json", "dns", "openpgpkey", address])
        .args(dns_args());
    run(&mut c)
}

#[track_caller]
fn summary(r: &Run, code: i32) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    assert_eq!(r.code, code, "{r:?}");
    r.summary()
}

fn codes(s: &Value) -> Vec<String> {
    s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn wkd_alice_by_the_advanced_method_with_every_head_in_the_transcript() {
    let rig = rig();
    let r = wkd("alice@rig.test");
    let s = summary(&r, 0);
    assert_eq!(s["hash"], "kei1q4tipxxu1yj79k9kfukdhfy631xe", "{s}");
    let adv = &s["advanced"];
    assert_eq!(adv["status"], 200, "{s}");
    assert_eq!(adv["policy_status"], 200, "{s}");
    assert_eq!(
        adv["keys"][0]["fingerprint"],
        rig.get("RIG_PGP_ALICE_FPR"),
        "{s}"
    );
    assert_eq!(s["direct"]["status"], 200, "{s}");
    assert_eq!(codes(&s), vec!["pgp-key-ok"], "{s}");
    let d = r.dialogue();
    for want in [
        "C: GET /.well-known/openpgpkey/rig.test/policy HTTP/1.1",
        "C: GET /.well-known/openpgpkey/rig.test/hu/kei1q4tipxxu1yj79k9kfukdhfy631xe?l=alice HTTP/1.1",
        "C: Host: openpgpkey.rig.test",
        "C: GET /.well-known/openpgpkey/hu/kei1q4tipxxu1yj79k9kfukdhfy631xe?l=alice HTTP/1.1",
        "C: Host: rig.test",
        "S: HTTP/1.1 200 OK",
    ] {
        assert!(d.iter().any(|l| l == want), "{want} missing: {d:#?}");
    }
}

#[test]
fn wkd_direct_only_domain_warns_that_the_advanced_method_is_missing() {
    let rig = rig();
    let r = wkd("frank@direct.rig.test");
    let s = summary(&r, 11);
    assert!(
        s["advanced"]["host_absent"]
            .as_str()
            .unwrap()
            .contains("NXDOMAIN"),
        "{s}"
    );
    assert_eq!(
        s["direct"]["keys"][0]["fingerprint"],
        rig.get("RIG_PGP_FRANK_FPR"),
        "{s}"
    );
    assert_eq!(codes(&s), vec!["wkd-advanced-missing", "pgp-key-ok"], "{s}");
    // No request to a host that does not exist.
    assert!(
        !r.dialogue()
            .iter()
            .any(|l| l.contains("Host: openpgpkey.direct.rig.test")),
        "{:#?}",
        r.dialogue()
    );
}

#[test]
fn wkd_findings_no_key_wrong_address_expired_redirect() {
    // erin: 404 by both methods.
    let s = summary(&wkd("erin@rig.test"), 12);
    assert_eq!(s["advanced"]["status"], 404, "{s}");
    assert!(codes(&s).contains(&"wkd-no-key".to_string()), "{s}");
    // dave: Mallory's key.
    let s = summary(&wkd("dave@rig.test"), 12);
    assert!(
        codes(&s).contains(&"pgp-key-no-uid-for-address".to_string()),
        "{s}"
    );
    // carol: expired.
    let s = summary(&wkd("carol@rig.test"), 12);
    assert!(codes(&s).contains(&"pgp-key-expired".to_string()), "{s}");
    // redirect@: a 302 to alice's key, followed, reported, and the key is not redirect@'s.
    let s = summary(&wkd("redirect@rig.test"), 12);
    let adv = &s["advanced"];
    assert_eq!(adv["status"], 200, "{s}");
    assert!(
        adv["redirects"][0]
            .as_str()
            .unwrap()
            .starts_with("302 -> https://openpgpkey.rig.test/"),
        "{s}"
    );
    let c = codes(&s);
    assert!(c.contains(&"wkd-redirect".to_string()), "{s}");
    assert!(c.contains(&"pgp-key-no-uid-for-address".to_string()), "{s}");
}

#[test]
fn dns_openpgpkey_records_and_their_findings() {
    let rig = rig();
    let r = openpgpkey("alice@rig.test");
    let s = summary(&r, 0);
    let o = &s["openpgpkey"];
    assert_eq!(
        o["name"], "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db._openpgpkey.rig.test",
        "{s}"
    );
    assert_eq!(
        o["records"][0]["keys"][0]["fingerprint"],
        rig.get("RIG_PGP_ALICE_FPR"),
        "{s}"
    );
    assert!(
        r.json()
            .iter()
            .any(|e| e["type"] == "dns_query" && e["qtype"] == "OPENPGPKEY"),
        "{r:?}"
    );
    let s = summary(&openpgpkey("bob@rig.test"), 0);
    assert_eq!(
        s["openpgpkey"]["records"][0]["keys"][0]["strength"], "3072 bits",
        "{s}"
    );
    let s = summary(&openpgpkey("dave@rig.test"), 12);
    assert!(
        codes(&s).contains(&"pgp-key-no-uid-for-address".to_string()),
        "{s}"
    );
    let s = summary(&openpgpkey("carol@rig.test"), 12);
    assert!(codes(&s).contains(&"pgp-key-expired".to_string()), "{s}");
    let s = summary(&openpgpkey("erin@rig.test"), 12);
    assert_eq!(s["openpgpkey"]["outcome"], "nxdomain", "{s}");
    assert_eq!(codes(&s), vec!["openpgpkey-none"], "{s}");
    // --trust-anchor: the rig's anchor covers audit.test, not rig.test, so validation of a
    // rig.test answer cannot establish anything: said as a warning, not taken for secure.
    let mut c = mailctl();
    c.args(["--json", "dns", "openpgpkey", "alice@rig.test"])
        .args(dns_args())
        .args(["--trust-anchor", rig.get("RIG_TRUST_ANCHOR")]);
    let s = summary(&run(&mut c), 11);
    assert!(s["openpgpkey"]["dnssec"]["status"].is_string(), "{s}");
    assert_ne!(s["openpgpkey"]["dnssec"]["status"], "secure", "{s}");
    assert!(
        codes(&s)
            .iter()
            .any(|c| c.starts_with("openpgpkey-dnssec-")),
        "{s}"
    );
    // Not an address: usage.
    let mut c = mailctl();
    c.args(["dns", "openpgpkey", "no-at-sign"]);
    assert_eq!(run(&mut c).code, 2);
}
