//! Public DKIM and ARC test vectors beyond ValiMail's validation suite, each run through the
//! binary with its keys given as `--key` files (no DNS):
//!
//!   mailctl --json dkim verify --arc --at T --key SEL._domainkey.DOM=FILE… MESSAGE
//!
//! - `tests/conformance/mail-auth/`: mail-auth's own DKIM and ARC messages (real mail from
//!   Google, Facebook, GitHub, the IETF lists, Fastmail's Topicbox, and the RFC 8463 §A.3 example)
//!   with their key records, judged at mail-auth's own verification time.
//! - `tests/conformance/dkimpy/`: dkimpy's test data (RFC 8463 example signatures, an Exim
//!   Ed25519 signature, Gmail's degenerate folding, a bad d=, bad key records) and messages
//!   signed by dkimpy for the edge cases of its test suite (extra or prepended From, l=,
//!   re-folded b= with a tab, LF line endings), plus its two ARC vectors.
//! - `tests/conformance/rfc/`: RFC 6376 Appendix A's signed example and Appendix C's key.
//! - `tests/conformance/arc/arc-draft-sign-tests.yml`: ValiMail's ARC *signing* suite; mailctl
//!   does not seal, so its expected outputs are verified instead (see [`arc_signing_suite`]).
//!
//! Every expectation is the vector's own (what its project's tests assert), except the
//! disagreements listed in README.md ("DKIM and ARC test vectors"), each with its RFC reason.

use crate::util::{mailctl, repo_root, run_with_timeout, token};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use yaml_rust2::YamlLoader;

fn conf(rel: &str) -> PathBuf {
    repo_root().join("tests/conformance").join(rel)
}

/// One verification: the summary's `messages[0]`.
fn verify(message: &Path, keys: &[(String, PathBuf)], at: Option<&str>) -> Value {
    let mut cmd = mailctl();
    cmd.args(["--json", "dkim", "verify", "--arc"]);
    if let Some(at) = at {
        cmd.args(["--at", at]);
    }
    for (name, file) in keys {
        cmd.arg("--key").arg(format!("{name}={}", file.display()));
    }
    cmd.arg(message);
    let run = run_with_timeout(&mut cmd, Duration::from_secs(30));
    let s = run.summary();
    let m = s["messages"][0].clone();
    assert!(
        m.is_object(),
        "{}: no message report (exit {}): {}",
        message.display(),
        run.code,
        run.stderr
    );
    m
}

fn sig_results(m: &Value) -> Vec<String> {
    m["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["result"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// mail-auth's resources/{dkim,arc}/NNN.txt: `NAME RECORD` lines, a blank line, the message
/// (LF line endings, which mailctl converts, as mail-auth's test does).
fn mail_auth_case(rel: &str, dir: &Path) -> (PathBuf, Vec<(String, PathBuf)>) {
    let text = std::fs::read_to_string(conf(rel)).unwrap();
    let (records, message) = text
        .split_once("\n\n")
        .expect("records, blank line, message");
    let tag = rel.replace('/', "-");
    let mut keys = Vec::new();
    for (i, line) in records.lines().enumerate() {
        let (name, record) = line.split_once(' ').expect("NAME RECORD");
        let file = dir.join(format!("{tag}-{i}.txt"));
        std::fs::write(&file, record).unwrap();
        keys.push((name.to_string(), file));
    }
    let msg = dir.join(format!("{tag}.eml"));
    std::fs::write(&msg, message).unwrap();
    (msg, keys)
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailctl-{}", token(tag)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// mail-auth verifies every DKIM message at 1667843664 and expects its last signature to pass
/// (src/dkim/verify.rs), and every ARC message to have chain status pass and some DKIM pass
/// (src/arc/verify.rs). mailctl: each of them as mail-auth says, and more strictly every
/// signature passes except the one mail-auth's ARC test does not require (arc/001's third,
/// a Stalwart signature over a body the list changed).
#[test]
fn mail_auth_vectors() {
    let dir = temp_dir("vectors-mail-auth");
    let at = Some("1667843664");
    for n in 1..=6 {
        let (msg, keys) = mail_auth_case(&format!("mail-auth/dkim/{n:03}.txt"), &dir);
        let m = verify(&msg, &keys, at);
        assert_eq!(m["result"], "pass", "dkim/{n:03}: {m}");
        assert!(
            sig_results(&m).iter().all(|r| r == "pass"),
            "dkim/{n:03}: {m}"
        );
        assert_eq!(m["arc"]["result"], "none", "dkim/{n:03}: {m}");
    }
    // dkim/005 carries x=1667930064: a day later it has expired, and --at is what decides.
    let (msg, keys) = mail_auth_case("mail-auth/dkim/005.txt", &dir);
    let m = verify(&msg, &keys, Some("1667930065"));
    assert_eq!(m["result"], "fail", "dkim/005 after x=: {m}");
    assert!(m["reason"].as_str().unwrap().contains("expired"), "{m}");

    let (msg, keys) = mail_auth_case("mail-auth/arc/001.txt", &dir);
    let m = verify(&msg, &keys, at);
    assert_eq!(m["arc"]["result"], "pass", "arc/001: {m}");
    assert_eq!(m["result"], "pass", "arc/001: {m}");
    assert_eq!(sig_results(&m), ["pass", "pass", "fail"], "arc/001: {m}");
    let (msg, keys) = mail_auth_case("mail-auth/arc/002.txt", &dir);
    let m = verify(&msg, &keys, at);
    assert_eq!(m["arc"]["result"], "pass", "arc/002: {m}");
    assert_eq!(m["arc"]["instances"], 2, "arc/002: {m}");
    assert_eq!(m["result"], "pass", "arc/002: {m}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// What dkimpy's tests (1.1.8, dkim/tests/test_dkim*.py, test_arc.py) assert of its data and of
/// messages it signs, run through mailctl. The keys are dkimpy's own (data/*.txt, *.dns).
#[test]
fn dkimpy_vectors() {
    let data = |f: &str| conf(&format!("dkimpy/data/{f}"));
    let key = |name: &str, f: &str| (name.to_string(), data(f));
    let test_key = |f: &str| vec![key("test._domainkey.example.com", f)];
    let football = vec![
        key("brisbane._domainkey.football.example.com", "brisbane.dns"),
        key("test._domainkey.football.example.com", "test.txt"),
    ];

    // The RFC 8463 §A.3 example (simple/simple variant, dkimpy's rfc6376.signed*.msg): both the
    // Ed25519 and the RSA signature verify (test_rfc8032_previous_verifies, test_double_…).
    let m = verify(&data("rfc6376.signed.msg"), &football, None);
    assert_eq!(sig_results(&m), ["pass", "pass"], "{m}");
    let m = verify(&data("rfc6376.signed.rsa.msg"), &football, None);
    assert_eq!(sig_results(&m), ["pass"], "{m}");
    // no_t: x= added after signing, so the b= no longer matches (dkimpy: verify() is False).
    let m = verify(&data("rfc6376.signed.no_t.msg"), &football, None);
    assert_eq!(m["signatures"][0]["code"], "signature-mismatch", "{m}");
    // Exim's Ed25519 prototype (test_verify_third_party).
    let m = verify(
        &data("ed25519test2.msg"),
        &[key("sed._domainkey.test.ex", "eximtest.dns")],
        None,
    );
    assert_eq!(sig_results(&m), ["pass"], "{m}");
    // Gmail's degenerate folding of h= (Debian bug 711751, test_degenerate_folding).
    let m = verify(
        &data("test2.message"),
        &[key("20120113._domainkey.gmail.com", "gmail.txt")],
        None,
    );
    assert_eq!(sig_results(&m), ["pass"], "{m}");
    // d=legitimate.com(.attacker.com is not a domain (test_invalid_domain_verify): permerror,
    // and no key is asked for.
    let m = verify(&data("test.message.baddomain"), &test_key("test.txt"), None);
    assert_eq!(m["signatures"][0]["result"], "permerror", "{m}");
    assert_eq!(m["signatures"][0]["code"], "malformed-signature", "{m}");

    // Messages dkimpy signed with data/test.private (README: how), one per canonicalization.
    let signed = |f: &str| conf(&format!("dkimpy/signed/{f}.eml"));
    for c in [
        "simple-simple",
        "simple-relaxed",
        "relaxed-simple",
        "relaxed-relaxed",
    ] {
        for (case, want) in [
            ("ok", "pass"),
            ("ok-lf", "pass"),          // test_verifies_lflinesep
            ("extra-xfoo", "pass"),     // an unsigned header added: test_multiple_from_fails
            ("l", "pass"),              // test_add_body_length
            ("l-appended", "pass"),     // test_l_verify: text after l= is not covered
            ("altered", "fail"),        // test_altered_body_fails
            ("from-appended", "fail"),  // test_multiple_from_fails
            ("from-prepended", "fail"), // test_multiple_from_fails (From is over-signed)
        ] {
            let m = verify(&signed(&format!("{case}-{c}")), &test_key("test.txt"), None);
            assert_eq!(m["result"], want, "{case}-{c}: {m}");
        }
    }
    // b= re-folded, the last fold a tab (test_dkim_signature_canonicalization), with the
    // 1024-bit test key: FWS in b= is ignored even with simple header canonicalization.
    for c in ["relaxed", "simple", "tab-relaxed", "tab-simple"] {
        let m = verify(
            &signed(&format!("refold1024-{c}")),
            &test_key("test.txt"),
            None,
        );
        assert_eq!(m["result"], "pass", "refold1024-{c}: {m}");
    }
    // dkimpy's own test uses a 512-bit key and minkey=512; RSA keys under 1024 bits must not be
    // accepted (RFC 8301 §3.2), so these are a disagreement (README).
    for c in ["relaxed", "simple", "tab-relaxed", "tab-simple"] {
        let m = verify(
            &signed(&format!("refold-{c}")),
            &[key("example._domainkey.canonical.com", "canonical.txt")],
            None,
        );
        assert_ne!(m["result"], "pass", "refold-{c}: {m}");
        assert!(m["reason"].as_str().unwrap().contains("RFC 8301"), "{m}");
    }
    // Key records: no k= means rsa (test_implicit_k); `v=DKIM1: g=*` is not DKIM1, so the
    // record is discarded (test_bad_version; RFC 6376 §3.6.1); k=ed25519-sha256 is no key type
    // (test_unknown_k).
    let ok = signed("ok-relaxed-relaxed");
    let m = verify(&ok, &test_key("test2.txt"), None);
    assert_eq!(m["result"], "pass", "implicit k=: {m}");
    for bad in ["badversion.txt", "badk.txt"] {
        let m = verify(&ok, &test_key(bad), None);
        assert_eq!(m["signatures"][0]["result"], "permerror", "{bad}: {m}");
        assert_eq!(m["signatures"][0]["code"], "key-unparseable", "{bad}: {m}");
    }

    // test_arc.py: dkimpy's expected ARC set verifies; an ARC-Seal with h= fails (RFC 8617
    // §4.1.3).
    let arc = |f: &str| conf(&format!("dkimpy/arc/{f}.eml"));
    let m = verify(&arc("arc_sign_expected"), &test_key("test.txt"), None);
    assert_eq!(m["arc"]["result"], "pass", "{m}");
    let m = verify(&arc("h_in_arc_seal"), &test_key("test.txt"), None);
    assert_eq!(m["arc"]["result"], "fail", "{m}");
    assert!(m["arc"]["reason"].as_str().unwrap().contains("h="), "{m}");
}

/// RFC 6376 Appendix A.2's signed example does not verify with Appendix C's key, in any
/// verifier: its bh= is the hash of the *relaxed* body although it says c=simple/simple, and
/// its b= does not verify over the headers either (the key is published for example.org, the
/// signature says d=example.com). mailctl says so, and its diagnosis names the cause. The
/// corrected example is RFC 8463 §A.3 (mail-auth/dkim/001, dkimpy/data/rfc6376.signed.msg),
/// which verifies.
#[test]
fn rfc6376_appendix_a_example() {
    let m = verify(
        &conf("rfc/rfc6376-appendix-a2.eml"),
        &[(
            "brisbane._domainkey.example.com".to_string(),
            conf("rfc/rfc6376-appendix-c.pem"),
        )],
        None,
    );
    let sig = &m["signatures"][0];
    assert_eq!(sig["result"], "fail", "{m}");
    assert_eq!(sig["code"], "body-hash-mismatch", "{m}");
    assert!(
        sig["reason"]
            .as_str()
            .unwrap()
            .contains("still matches under relaxed canonicalization"),
        "{m}"
    );
}

/// ValiMail's ARC signing suite: each case is a message and the ARC set a sealer is expected to
/// add (AS, AMS, AAR, compared without whitespace by the suite's driver). mailctl cannot seal,
/// so the expected sets are verified:
///
/// - The expected ARC-Message-Signature verifies in every case (the chain fails only at the
///   ARC-Seal, which RFC 8617 §5.2 checks after the AMS).
/// - The expected ARC-Seal verifies in none: not with mailctl, not with dkimpy 1.1.8 (the
///   suite's reference signer). The suite's seals were made by an older draft's seal
///   algorithm; README lists this.
/// - `sign-resealed/` holds dkimpy 1.1.8's output for the same inputs and key: its AMS is the
///   suite's expected AMS (checked here), its AS is fresh, and the chain passes (or fails where
///   the newest seal says cv=fail, RFC 8617 §5.2 step 2).
#[test]
fn arc_signing_suite() {
    let path = conf("arc/arc-draft-sign-tests.yml");
    let docs = YamlLoader::load_from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let dir = temp_dir("vectors-arc-sign");
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let unfold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cases = 0;
    for doc in &docs {
        let mut keys = Vec::new();
        for (name, txt) in doc["txt-records"].as_hash().unwrap() {
            let file = dir.join(format!("{}.txt", name.as_str().unwrap()));
            std::fs::write(&file, squash(txt.as_str().unwrap())).unwrap();
            keys.push((name.as_str().unwrap().to_string(), file));
        }
        for (name, t) in doc["tests"].as_hash().unwrap() {
            let name = name.as_str().unwrap();
            let message = t["message"].as_str().unwrap();
            let (aseal, ams, aar) = (
                t["AS"].as_str().unwrap_or(""),
                t["AMS"].as_str().unwrap_or(""),
                t["AAR"].as_str().unwrap_or(""),
            );
            if aseal.trim().is_empty() {
                // no_additional_sig: the chain already failed, so a sealer adds nothing
                // (RFC 8617 §5.1.1). The input's own chain: fail.
                let f = dir.join(format!("{name}.eml"));
                std::fs::write(&f, message.replace('\n', "\r\n")).unwrap();
                let m = verify(&f, &keys, None);
                assert_eq!(m["arc"]["result"], "fail", "{name}: {m}");
                cases += 1;
                continue;
            }
            let cv_fail = squash(aseal).contains("cv=fail");
            // The suite's expected set, prepended as a sealer would.
            let expected = format!(
                "ARC-Seal: {}\nARC-Message-Signature: {}\nARC-Authentication-Results: {}\n{message}",
                unfold(aseal),
                unfold(ams),
                unfold(aar)
            );
            let f = dir.join(format!("{name}.eml"));
            std::fs::write(&f, expected.replace('\n', "\r\n")).unwrap();
            let m = verify(&f, &keys, None);
            assert_eq!(m["arc"]["result"], "fail", "{name}: {m}");
            let why = m["arc"]["reason"].as_str().unwrap();
            if cv_fail {
                assert!(why.contains("cv=fail"), "{name}: {m}");
            } else {
                assert!(
                    why.contains("ARC-Seal") && why.contains("signature-mismatch"),
                    "{name}: the expected AMS should verify, the AS not: {m}"
                );
            }
            // dkimpy's seal over the same set.
            let resealed = conf(&format!("arc/sign-resealed/{name}.eml"));
            let text = std::fs::read_to_string(&resealed).unwrap();
            let got_ams = text
                .split("\r\n")
                .skip_while(|l| !l.starts_with("ARC-Message-Signature:"))
                .enumerate()
                .take_while(|(i, l)| *i == 0 || l.starts_with([' ', '\t']))
                .map(|(_, l)| l)
                .collect::<String>();
            assert_eq!(
                squash(got_ams.trim_start_matches("ARC-Message-Signature:")),
                squash(ams),
                "{name}: the resealed AMS is not the suite's expected AMS"
            );
            let m = verify(&resealed, &keys, None);
            let want = if cv_fail { "fail" } else { "pass" };
            assert_eq!(m["arc"]["result"], want, "{name} resealed: {m}");
            cases += 1;
        }
    }
    assert_eq!(cases, 17, "cases of the signing suite");
    let _ = std::fs::remove_dir_all(&dir);
}
