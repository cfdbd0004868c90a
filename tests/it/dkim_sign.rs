//! `dkim keygen`, `dkim sign` and `smtp send --dkim-key`, checked by an independent verifier:
//! dkimpy (Debian `python3-dkim`, with `python3-nacl` for Ed25519 per RFC 8463). Public keys are
//! served to dkimpy from a dict (its `dnsfunc` hook), never from real DNS. A missing dkimpy is a
//! test failure, not a skip.
//!
//! Keys: one RSA 2048 and one Ed25519 key made by `mailctl dkim keygen` (shared by the tests:
//! RSA generation takes seconds in a debug build), and OpenSSL-made keys from
//! tests/fixtures/dkim/sign/ (make.sh) so keys mailctl did not write are covered too.

use crate::util::*;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

// ---------------------------------------------------------------- helpers

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/dkim/sign").join(name)
}

/// A fresh, empty directory for one test.
fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailctl-{}", token(tag)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A key made by `mailctl --json dkim keygen`, and its summary.
struct Made {
    path: PathBuf,
    summary: Value,
}

fn keygen(algo: &str, selector: &str, path: &Path, extra: &[&str]) -> Run {
    run(mailctl()
        .args([
            "--json",
            "dkim",
            "keygen",
            "--algo",
            algo,
            "--selector",
            selector,
        ])
        .args(["--domain", "example.org", "-o"])
        .arg(path)
        .args(extra))
}

fn made(algo: &str, selector: &str) -> Made {
    let path = temp_dir("keygen").join(format!("{algo}.pem"));
    let r = keygen(algo, selector, &path, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    Made {
        path,
        summary: r.summary(),
    }
}

fn rsa_key() -> &'static Made {
    static K: OnceLock<Made> = OnceLock::new();
    K.get_or_init(|| made("rsa", "rsa1"))
}

fn ed_key() -> &'static Made {
    static K: OnceLock<Made> = OnceLock::new();
    K.get_or_init(|| made("ed25519", "ed1"))
}

/// The Python with Debian's dist-packages: `MAILCTL_TEST_PYTHON`, else /usr/bin/python3 (a
/// pyenv/venv `python3` first on PATH does not see python3-dkim), else `python3`.
fn python() -> Command {
    let bin = std::env::var("MAILCTL_TEST_PYTHON").unwrap_or_else(|_| {
        if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3".into()
        } else {
            "python3".into()
        }
    });
    Command::new(bin)
}

const VERIFY_PY: &str = r#"
import json, logging, sys
try:
    import dkim
except ImportError as e:
    print("MISSING dkim: %s" % e); sys.exit(3)
try:
    import nacl.signing
except ImportError as e:
    print("MISSING nacl: %s" % e); sys.exit(3)
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
msg = open(sys.argv[1], "rb").read()
records = json.loads(sys.argv[2])
def dnsfunc(name, timeout=5):
    return records.get(name.decode()).encode() if name.decode() in records else None
d = dkim.DKIM(msg, logger=logging.getLogger("dkimpy"))
try:
    ok = d.verify(dnsfunc=dnsfunc)
except dkim.DKIMException as e:
    print("dkimpy: %s" % e, file=sys.stderr)
    ok = False
print("PASS" if ok else "FAIL")
"#;

/// Verify the first DKIM-Signature of `msg` with dkimpy; `records` maps
/// `selector._domainkey.domain` to the TXT value. True on pass; the log comes back too.
fn dkimpy_verify(msg: &[u8], records: &[(&str, &str)]) -> (bool, String) {
    let file = temp_dir("dkimpy").join("msg.eml");
    std::fs::write(&file, msg).unwrap();
    let map: serde_json::Map<String, Value> = records
        .iter()
        .map(|(n, v)| (format!("{n}."), Value::String(v.to_string())))
        .collect();
    let out = python()
        .arg("-c")
        .arg(VERIFY_PY)
        .arg(&file)
        .arg(Value::Object(map).to_string())
        .stdin(Stdio::null())
        .output()
        .expect("run python3 (install python3)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let log = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(
        out.status.code(),
        Some(3),
        "dkimpy is missing: install python3-dkim and python3-nacl (apt-get install python3-dkim python3-nacl): {log}"
    );
    assert!(out.status.success(), "dkimpy crashed: {log}");
    (stdout.trim() == "PASS", log)
}

/// The TXT value a verifier would see: the character-strings joined (RFC 6376 §3.6.2.2).
fn record_value(summary: &Value) -> String {
    summary["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

fn sign(key: &Path, selector: &str, input: &Path, extra: &[&str]) -> Run {
    run(mailctl()
        .args(["dkim", "sign", "--key"])
        .arg(key)
        .args(["--selector", selector, "--domain", "example.org"])
        .args(extra)
        .arg(input))
}

/// Every line end is CRLF.
fn all_crlf(b: &[u8]) -> bool {
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'\n' || (i > 0 && b[i - 1] == b'\r'))
        && !b.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n')
}

fn to_crlf(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 64);
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' && (i == 0 || b[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(c);
    }
    out
}

/// Remove the trace fields Postfix/Dovecot prepend (Return-Path, Delivered-To, Received, with
/// their continuation lines); they sit above the signature and are not signed.
fn strip_trace(stored: &[u8]) -> &[u8] {
    let mut rest = stored;
    while ["Return-Path:", "Delivered-To:", "Received:"]
        .iter()
        .any(|h| rest.starts_with(h.as_bytes()))
    {
        loop {
            let nl = rest.iter().position(|&b| b == b'\n').expect("header line");
            rest = &rest[nl + 1..];
            if !matches!(rest.first(), Some(b' ' | b'\t')) {
                break;
            }
        }
    }
    rest
}

// ---------------------------------------------------------------- keygen

/// What both key types must satisfy: mode 0600, PKCS#8 PEM, the record in JSON and in the
/// human table, strings of at most 255 bytes, and a record our own DKIM key parser accepts.
fn check_made(k: &Made, algo: &str, bits: u64, selector: &str) {
    let s = &k.summary;
    assert_eq!(mode(&k.path), 0o600, "{}", k.path.display());
    let pem = std::fs::read_to_string(&k.path).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    assert_eq!(s["algorithm"], algo, "{s}");
    assert_eq!(s["bits"], bits, "{s}");
    let name = format!("{selector}._domainkey.example.org");
    assert_eq!(s["name"], name.as_str(), "{s}");
    let strings: Vec<&str> = s["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        strings.iter().all(|x| !x.is_empty() && x.len() <= 255),
        "{strings:?}"
    );
    let value = record_value(s);
    assert_eq!(s["value"], value.as_str());
    assert!(
        value.starts_with(&format!("v=DKIM1; k={algo}; p=")),
        "{value}"
    );
    let quoted: Vec<String> = strings.iter().map(|x| format!("\"{x}\"")).collect();
    assert_eq!(
        s["record"],
        format!("{name}. IN TXT ( {} )", quoted.join(" ")).as_str()
    );
    let (key, findings) = mailctl::dns::dkimkey::parse_dkim_key(&value);
    let key = key.unwrap_or_else(|| panic!("record does not parse: {findings:?}"));
    assert_eq!(key.key_type, algo);
    assert_eq!(key.bits, Some(bits as u32));
    assert!(!key.revoked);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != mailctl::dns::finding::Severity::Error),
        "{findings:?}"
    );
}

#[test]
fn keygen_rsa_2048_writes_0600_key_and_a_record_that_parses() {
    let k = rsa_key();
    check_made(k, "rsa", 2048, "rsa1");
    assert_eq!(
        k.summary["strings"].as_array().unwrap().len(),
        2,
        "a 2048-bit key needs two strings"
    );
    // Never replaced without --force; the refusal comes before generating anything.
    let before = std::fs::read(&k.path).unwrap();
    let r = keygen("rsa", "rsa1", &k.path, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.summary()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--force"),
        "{r:?}"
    );
    assert_eq!(std::fs::read(&k.path).unwrap(), before);
    // --force replaces a world-readable file with a 0600 one.
    let other = temp_dir("keygen-force").join("old.pem");
    std::fs::write(&other, "old").unwrap();
    std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = keygen("rsa", "rsa2", &other, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(mode(&other), 0o600);
    check_made(
        &Made {
            path: other.clone(),
            summary: r.summary(),
        },
        "rsa",
        2048,
        "rsa2",
    );
    assert_eq!(
        std::fs::read_dir(other.parent().unwrap()).unwrap().count(),
        1,
        "temporary file left behind"
    );
}

/// A key that could not be written is a usage error before any key is generated (it used to be
/// exit 9 after the work), like every output file mailctl writes.
#[test]
fn keygen_into_a_directory_that_does_not_exist_is_a_usage_error() {
    let path = temp_dir("keygen-missing").join("no-such-dir").join("k.pem");
    let r = keygen("ed25519", "ed9", &path, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "setup", "{s}");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot create"),
        "{s}"
    );
    assert!(!path.exists());
}

#[test]
fn keygen_ed25519_writes_0600_key_and_a_record_that_parses() {
    let k = ed_key();
    check_made(k, "ed25519", 256, "ed1");
    let strings = k.summary["strings"].as_array().unwrap();
    assert_eq!(strings.len(), 1);
    // RFC 8463 §4.2: p= is the raw 32-byte public key (44 base64 characters).
    assert_eq!(
        strings[0]
            .as_str()
            .unwrap()
            .split("p=")
            .nth(1)
            .unwrap()
            .len(),
        44
    );
    let before = std::fs::read(&k.path).unwrap();
    let r = keygen("ed25519", "ed1", &k.path, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(std::fs::read(&k.path).unwrap(), before);
    // --force, into a copy (the shared key stays as the other tests know it).
    let copy = temp_dir("keygen-ed-force").join("ed.pem");
    std::fs::copy(&k.path, &copy).unwrap();
    let r = keygen("ed25519", "ed1", &copy, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(mode(&copy), 0o600);
    assert_ne!(std::fs::read(&copy).unwrap(), before);
}

#[test]
fn keygen_human_output_shows_the_record() {
    let path = temp_dir("keygen-human").join("k.pem");
    let r = run(mailctl()
        .args([
            "dkim",
            "keygen",
            "--algo",
            "ed25519",
            "--selector",
            "sel",
            "--domain",
            "example.org",
            "-o",
        ])
        .arg(&path));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.lines().any(|l| l.starts_with("sel._domainkey.example.org. IN TXT ( \"v=DKIM1; k=ed25519; p=")),
        "{}",
        r.stdout
    );
}

#[test]
fn keygen_refuses_rsa_sizes_it_cannot_sign_with() {
    let path = temp_dir("keygen-bits").join("k.pem");
    let r = keygen("rsa", "s", &path, &["--bits", "1024"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!path.exists());
}

// ---------------------------------------------------------------- sign, verified by dkimpy

/// Sign the LF fixture with `key`, check the output, and have dkimpy verify it; a changed body
/// must then fail (so a pass means something).
fn round_trip(key: &Path, selector: &str, record: &str, extra: &[&str]) -> Vec<u8> {
    let r = sign(key, selector, &fixture("lf.eml"), extra);
    assert_eq!(r.code, 0, "{r:?}");
    let out = r.stdout.as_bytes().to_vec();
    assert!(out.starts_with(b"DKIM-Signature: v=1; a="), "{}", r.stdout);
    assert!(all_crlf(&out), "output must have CRLF line ends");
    assert!(
        r.stderr.contains("OK dkim sign"),
        "the verdict goes to stderr: {r:?}"
    );
    let name = format!("{selector}._domainkey.example.org");
    let (ok, log) = dkimpy_verify(&out, &[(&name, record)]);
    assert!(
        ok,
        "dkimpy did not verify our signature:\n{log}\n--- message:\n{}",
        r.stdout
    );
    let tampered = String::from_utf8(out.clone())
        .unwrap()
        .replace("Hello Bob", "Hello Eve");
    let (ok, log) = dkimpy_verify(tampered.as_bytes(), &[(&name, record)]);
    assert!(!ok, "dkimpy passed a changed body:\n{log}");
    out
}

#[test]
fn sign_rsa_verified_by_dkimpy() {
    let k = rsa_key();
    let out = round_trip(&k.path, "rsa1", &record_value(&k.summary), &[]);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("a=rsa-sha256; s=rsa1; d=example.org; c=relaxed/relaxed;"),
        "{text}"
    );
    // The default list: the ones present (X-Custom is not in it).
    let sig: String = text
        .split("\r\nFrom:")
        .next()
        .unwrap()
        .replace("\r\n\t", " ");
    assert!(sig.contains(" t="), "{sig}");
    let h = sig
        .split("h=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_ascii_lowercase();
    let mut h: Vec<&str> = h.split(':').map(str::trim).collect();
    h.sort();
    assert_eq!(
        h,
        [
            "cc",
            "content-type",
            "date",
            "from",
            "message-id",
            "mime-version",
            "subject",
            "to"
        ],
        "{sig}"
    );
}

#[test]
fn sign_ed25519_verified_by_dkimpy() {
    let k = ed_key();
    let out = round_trip(&k.path, "ed1", &record_value(&k.summary), &[]);
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("a=ed25519-sha256; s=ed1;")
    );
}

#[test]
fn sign_with_openssl_keys_and_chosen_headers_verified_by_dkimpy() {
    for (key, selector) in [
        ("rsa2048-pkcs1", "ossl-rsa"),
        ("ed25519-openssl", "ossl-ed"),
    ] {
        let record = std::fs::read_to_string(fixture(&format!("{key}.txt"))).unwrap();
        let out = round_trip(
            &fixture(&format!("{key}.pem")),
            selector,
            &record,
            &["--headers", "From,Subject,X-Custom,List-Id"],
        );
        let text = String::from_utf8(out).unwrap().replace("\r\n\t", " ");
        // An absent header listed in h= is signed as absent (RFC 6376 §5.4).
        assert!(text.contains("h=X-Custom:Subject:From:List-Id;"), "{text}");
    }
}

#[test]
fn sign_reads_stdin_and_json_summary_goes_to_stderr() {
    let k = ed_key();
    let r = run(mailctl()
        .args(["--json", "dkim", "sign", "--key"])
        .arg(&k.path)
        .args(["--selector", "ed1", "--domain", "example.org", "-"])
        .stdin(std::fs::File::open(fixture("lf.eml")).unwrap()));
    assert_eq!(r.code, 0, "{r:?}");
    let summary: Value = serde_json::from_str(r.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["algorithm"], "ed25519-sha256");
    assert_eq!(summary["input"], "-");
    assert_eq!(summary["converted_line_ends"], 16);
    assert_eq!(summary["bytes"], r.stdout.len());
    assert!(r.stdout.starts_with(summary["signature"].as_str().unwrap()));
    let (ok, log) = dkimpy_verify(
        r.stdout.as_bytes(),
        &[("ed1._domainkey.example.org", &record_value(&k.summary))],
    );
    assert!(ok, "{log}");
}

#[test]
fn sign_failures_have_their_exit_codes_and_write_nothing_to_stdout() {
    let rsa = fixture("rsa2048-pkcs1.pem");
    let cases: &[(&str, PathBuf, PathBuf, &[&str], i32)] = &[
        ("no From", rsa.clone(), fixture("no-from.eml"), &[], 2),
        (
            "--headers without From",
            rsa.clone(),
            fixture("lf.eml"),
            &["--headers", "To,Subject"],
            2,
        ),
        (
            "unreadable key",
            fixture("no-such-key.pem"),
            fixture("lf.eml"),
            &[],
            9,
        ),
        ("key is a directory", fixture(""), fixture("lf.eml"), &[], 9),
        (
            "garbage key",
            fixture("garbage.pem"),
            fixture("lf.eml"),
            &[],
            2,
        ),
        (
            "1024-bit RSA",
            fixture("rsa1024-pkcs1.pem"),
            fixture("lf.eml"),
            &[],
            2,
        ),
        (
            "ECDSA key",
            fixture("ec-p256.pem"),
            fixture("lf.eml"),
            &[],
            2,
        ),
        (
            "unreadable message",
            rsa.clone(),
            fixture("no-such.eml"),
            &[],
            9,
        ),
    ];
    for (what, key, input, extra, code) in cases {
        let r = sign(key, "s", input, extra);
        assert_eq!(r.code, *code, "{what}: {r:?}");
        assert!(r.stdout.is_empty(), "{what}: {r:?}");
        assert!(r.stderr.contains("FAIL dkim sign"), "{what}: {r:?}");
    }
}

/// The signed message is data: a reader that closes stdout before it is complete got less than
/// the message, and the run says so (exit 141) instead of exiting 0.
#[test]
fn signed_message_to_a_closed_stdout_is_broken_pipe_141() {
    let r = run_stdout_closed(
        mailctl()
            .args(["dkim", "sign", "--key"])
            .arg(fixture("rsa2048-pkcs1.pem"))
            .args(["--selector", "s", "--domain", "example.org"])
            .arg(fixture("lf.eml")),
    );
    assert_eq!(r.code, 141, "{r:?}");
    assert!(r.stderr.contains("stdout was closed"), "{r:?}");
}

// ---------------------------------------------------------------- smtp send --dkim-key

/// Send through the rig's Postfix with a DKIM signature, find the stored copy, verify it with
/// dkimpy (the Maildir copy has LF line ends: back to CRLF first).
fn send_signed(key: &Made, selector: &str, data: Option<&Path>) {
    let rig = rig();
    let tok = token("dkim-send");
    let mut cmd = mailctl();
    cmd.args([
        "--json",
        "smtp",
        "send",
        "--timeout",
        "10s",
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
    ])
    .args(["--from", "sender@example.org", "--to", "alice@rig.test"])
    .arg("--dkim-key")
    .arg(&key.path)
    .args(["--dkim-selector", selector]);
    match data {
        Some(f) => {
            let msg = std::fs::read_to_string(f)
                .unwrap()
                .replace("dkim sign fixture", &tok);
            let file = temp_dir("dkim-send-data").join("m.eml");
            std::fs::write(&file, msg).unwrap();
            cmd.arg("--data").arg(file);
        }
        None => {
            cmd.args(["--subject", &tok, "--body", "signed by mailctl\n\n"]);
        }
    }
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let stored = wait_for_message(&rig.maildir("alice"), &tok);
    let record = record_value(&key.summary);
    let name = format!("{selector}._domainkey.example.org");
    let signed = strip_trace(&stored);
    assert!(
        signed.starts_with(b"DKIM-Signature: "),
        "{}",
        String::from_utf8_lossy(&stored)
    );
    let (ok, log) = dkimpy_verify(&to_crlf(signed), &[(&name, &record)]);
    assert!(
        ok,
        "dkimpy: stored message does not verify:\n{log}\n{}",
        String::from_utf8_lossy(&stored)
    );
    // The trace fields above the signature are not covered by it.
    let (ok, log) = dkimpy_verify(&to_crlf(&stored), &[(&name, &record)]);
    assert!(
        ok,
        "dkimpy: stored message with trace fields does not verify:\n{log}"
    );
}

#[test]
fn smtp_send_signs_generated_mail_verified_by_dkimpy() {
    send_signed(ed_key(), "ed1", None);
}

#[test]
fn smtp_send_signs_data_file_verified_by_dkimpy() {
    send_signed(rsa_key(), "rsa1", Some(&fixture("lf.eml")));
}

#[test]
fn smtp_send_dkim_errors_are_setup_failures() {
    let base = [
        "smtp",
        "send",
        "-s",
        "127.0.0.1:1",
        "--from",
        "a@example.org",
        "--to",
        "b@example.org",
    ];
    let r = run(mailctl()
        .args(base)
        .args(["--dkim-selector", "s", "--dkim-key"])
        .arg(fixture("garbage.pem")));
    assert_eq!(r.code, 2, "{r:?}");
    let r = run(mailctl()
        .args(base)
        .args(["--dkim-selector", "s", "--dkim-key"])
        .arg(fixture("missing.pem")));
    assert_eq!(r.code, 9, "{r:?}");
    // The generated message has a From; --data without one is refused before connecting.
    let r = run(mailctl()
        .args(base)
        .args(["--dkim-selector", "s", "--dkim-key"])
        .arg(fixture("rsa2048-pkcs1.pem"))
        .arg("--data")
        .arg(fixture("no-from.eml")));
    assert_eq!(r.code, 2, "{r:?}");
}

/// A signing domain no verifier accepts in d= is refused before anything is signed or written
/// (exit 2, nothing on stdout): dkimpy's test_invalid_domain_sign signs
/// `legitimate.com(.attacker.com`, which IDNA lets through, and every verifier (mailctl's
/// included) then says permerror. Before: `dkim sign` signed it and exited 0.
#[test]
fn sign_and_keygen_refuse_a_domain_verifiers_reject() {
    for bad in ["legitimate.com(.attacker.com", "exa mple.org", "localhost"] {
        let r = run(mailctl()
            .args(["dkim", "sign", "--key"])
            .arg(&rsa_key().path)
            .args(["--selector", "rsa1", "--domain", bad])
            .arg(fixture("lf.eml")));
        assert_eq!(r.code, 2, "sign --domain {bad:?}: {r:?}");
        assert!(r.stdout.is_empty(), "sign --domain {bad:?}: {r:?}");
        assert!(r.stderr.contains("RFC 6376 §3.5"), "{r:?}");
        let path = temp_dir("keygen-bad-domain").join("k.pem");
        let r = run(mailctl()
            .args(["dkim", "keygen", "--selector", "s1", "--domain", bad, "-o"])
            .arg(&path));
        assert_eq!(r.code, 2, "keygen --domain {bad:?}: {r:?}");
        assert!(!path.exists(), "keygen --domain {bad:?} wrote a key");
    }
    // A U-label domain is fine: signed as its A-label (RFC 8616 §4).
    let r = run(mailctl()
        .args(["dkim", "sign", "--key"])
        .arg(&rsa_key().path)
        .args(["--selector", "rsa1", "--domain", "bücher.example"])
        .arg(fixture("lf.eml")));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("d=xn--bcher-kva.example"), "{r:?}");
}
