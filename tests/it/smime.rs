//! `mailctl smime verify` and the MIME security labels of `mime show`, with real components:
//! certificates for alice@rig.test issued at test time by the rig's CA with openssl (RSA and
//! P-256, emailProtection, SAN email; one expired), messages signed by `openssl cms -sign`
//! (detached and -nodetach), `openssl smime -sign`, and encrypted by `openssl cms -encrypt`,
//! delivered through the rig's Postfix and fetched back over IMAP (`imap fetch --full --mime`)
//! and POP3 (`pop3 retr -o --mime`), then verified. Fixture-file tests (tests/fixtures/smime,
//! tests/fixtures/mime/security.eml) pin the output shape and the exit codes.

use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const ALICE: &str = "alice@rig.test";
const ALICE_PW: &str = "alice-secret-pw";
const CAROL: &str = "carol@rig.test";
const CAROL_PW: &str = "carol-secret-pw";
const SENDER: &str = "smime-test@rig.test";

// ---------------------------------------------------------------- openssl at test time

#[track_caller]
fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl (Debian's openssl package) must be installed for these tests");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Test-time PKI: alice's certificates issued by the rig CA, and a CA that issued nothing.
struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn path(&self, f: &str) -> String {
        self.dir.join(f).display().to_string()
    }
}

const EXT: &str = "basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=emailProtection
subjectAltName=email:alice@rig.test
";

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let rig = rig();
        let dir = std::env::temp_dir().join(token("smime-pki"));
        std::fs::create_dir_all(&dir).unwrap();
        let cert_dir = PathBuf::from(rig.get("RIG_CERT_DIR"));
        let (ca, ca_key) = (
            rig.ca().to_string(),
            cert_dir.join("ca.key").display().to_string(),
        );
        assert!(
            Path::new(&ca_key).exists(),
            "the rig CA key is not in RIG_CERT_DIR"
        );
        std::fs::write(dir.join("ext.cnf"), EXT).unwrap();
        // RSA and P-256 certificates for alice@rig.test, a year from now.
        for (name, newkey) in [("rsa", "rsa:2048"), ("ec", "ec")] {
            let mut args = vec!["req", "-newkey", newkey];
            if newkey == "ec" {
                args.extend(["-pkeyopt", "ec_paramgen_curve:P-256"]);
            }
            let key = format!("alice-{name}.key");
            let csr = format!("alice-{name}.csr");
            let subj = format!("/CN=Alice {name}");
            args.extend(["-nodes", "-keyout", &key, "-out", &csr, "-subj", &subj]);
            openssl(&dir, &args);
            let pem = format!("alice-{name}.pem");
            openssl(
                &dir,
                &[
                    "x509",
                    "-req",
                    "-in",
                    &csr,
                    "-CA",
                    &ca,
                    "-CAkey",
                    &ca_key,
                    "-set_serial",
                    &format!("{}", 0x5000 + name.len()),
                    "-days",
                    "365",
                    "-extfile",
                    "ext.cnf",
                    "-out",
                    &pem,
                ],
            );
        }
        // An expired certificate (2020-2021): `openssl ca` is the OpenSSL 3.0 way to set dates.
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "6001\n").unwrap();
        std::fs::create_dir_all(dir.join("issued")).unwrap();
        std::fs::write(
            dir.join("ca.cnf"),
            format!(
                "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=issued\nserial=serial\n\
                 certificate={ca}\nprivate_key={ca_key}\ndefault_md=sha256\npolicy=p\n\
                 unique_subject=no\n[p]\ncommonName=supplied\n"
            ),
        )
        .unwrap();
        openssl(
            &dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "alice-old.key",
                "-out",
                "alice-old.csr",
                "-subj",
                "/CN=Alice old",
            ],
        );
        openssl(
            &dir,
            &[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-in",
                "alice-old.csr",
                "-out",
                "alice-old.pem",
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20210101000000Z",
                "-extfile",
                "ext.cnf",
                "-notext",
            ],
        );
        // Another CA, which issued none of alice's certificates.
        openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "other.key",
                "-out",
                "other-ca.pem",
                "-days",
                "30",
                "-subj",
                "/CN=Other CA",
            ],
        );
        Pki { dir }
    })
}

fn crlf(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + b.len() / 30);
    for (i, c) in b.iter().enumerate() {
        if *c == b'\n' && (i == 0 || b[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(*c);
    }
    out
}

/// A message from `from` to `to`, subject `tok`, whose MIME part is what `openssl args…` made
/// of a small text entity (openssl writes the MIME-Version and Content-Type lines itself).
fn signed_message(tok: &str, from: &str, to: &str, args: &[&str]) -> Vec<u8> {
    let p = pki();
    let body = p.dir.join(format!("{tok}.txt"));
    std::fs::write(
        &body,
        format!(
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello,\r\nthe token is {tok}.\r\n"
        ),
    )
    .unwrap();
    // `-in FILE` right after the command: OpenSSL 3.0 takes no option after a positional
    // argument (the recipient certificate of `cms -encrypt`).
    let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    a.splice(2..2, ["-in".to_string(), body.display().to_string()]);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mime = openssl(&p.dir, &a);
    let mut msg = format!(
        "From: Alice <{from}>\r\nTo: {to}\r\nSubject: {tok}\r\nDate: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
    )
    .into_bytes();
    msg.extend(crlf(&mime));
    msg
}

fn sign_args<'a>(p: &'a Pki, cert: &'a str, key: &'a str) -> Vec<String> {
    vec![
        "cms".into(),
        "-sign".into(),
        "-md".into(),
        "sha256".into(),
        "-signer".into(),
        p.path(cert),
        "-inkey".into(),
        p.path(key),
    ]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

// ---------------------------------------------------------------- the rig round trip

fn smtp_send(to: &str) -> Command {
    let mut c = mailctl();
    c.args(["-q", "smtp", "send", "-s", &rig().addr("RIG_SMTP_PORT")])
        .args(["--timeout", "30s", "--from", SENDER, "--to", to]);
    c
}

/// Deliver `msg` through the rig's Postfix to `to`; waits for the Maildir copy.
fn deliver(tok: &str, to: &str, msg: &[u8]) {
    let file = pki().dir.join(format!("{tok}.eml"));
    std::fs::write(&file, msg).unwrap();
    let r = run(smtp_send(to).arg("--data").arg(&file));
    assert_eq!(r.code, 0, "delivery failed: {r:?}");
    let user = to.split('@').next().unwrap();
    wait_for_message(&rig().maildir(user), tok);
}

/// Fetch alice's message `tok` over IMAP with `--full --mime`; returns (the file, the JSON summary).
fn imap_fetch(tok: &str) -> (PathBuf, Value) {
    let uid = crate::rig_imap::uid_of(tok);
    let dir = pki().dir.join(format!("imap-{tok}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut c = mailctl();
    c.args([
        "--json",
        "imap",
        "fetch",
        "-s",
        &rig().addr("RIG_IMAP_PORT"),
    ])
    .args(["--timeout", "20s", "-u", ALICE])
    .env("MAILCTL_PASSWORD", ALICE_PW)
    .args(["INBOX", &uid.to_string(), "--uid", "--full", "--mime", "-o"])
    .arg(&dir);
    let r = run(&mut c);
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    crate::rig_imap::expunge(&[uid]);
    (dir.join(format!("{uid}.eml")), s)
}

fn verify(file: &Path, ca: &str, extra: &[&str]) -> Run {
    let mut c = mailctl();
    c.args(extra)
        .args(["smime", "verify", "--ca-file", ca])
        .arg(file);
    run(&mut c)
}

/// Signed, delivered, fetched, verified: the whole path a reader's mail takes.
fn round_trip(tok: &str, msg: &[u8]) -> (PathBuf, Value) {
    deliver(tok, ALICE, msg);
    imap_fetch(tok)
}

/// `openssl cms -sign` with alice's certificate `cert` (`rsa`, `ec`, `old`) and `extra`
/// options, From: `from`, through Postfix and back over IMAP: (the file, the fetch summary).
fn signed_round_trip(tag: &str, cert: &str, from: &str, extra: &[&str]) -> (PathBuf, Value) {
    let p = pki();
    let tok = token(tag);
    let mut args = sign_args(
        p,
        &format!("alice-{cert}.pem"),
        &format!("alice-{cert}.key"),
    );
    args.extend(extra.iter().map(|s| s.to_string()));
    round_trip(&tok, &signed_message(&tok, from, ALICE, &strs(&args)))
}

#[track_caller]
fn says(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} not in:\n{text}");
}

#[test]
fn smime_rsa_detached_through_postfix_and_imap_is_good() {
    let (file, fetched) = signed_round_trip("smime-rsa", "rsa", ALICE, &[]);
    // imap fetch --mime: the tree of the message written, S/MIME labelled.
    let tree = &fetched["mime"][0];
    assert_eq!(tree["file"], file.display().to_string(), "{fetched}");
    let root = &tree["scan"]["root"];
    assert_eq!(root["content_type"], "multipart/signed");
    assert_eq!(root["security"]["scheme"], "smime");
    assert_eq!(root["security"]["micalg"], "sha-256");
    assert_eq!(root["children"][1]["security"]["role"], "signature");
    let r = verify(&file, rig().ca(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    says(&r.stdout, ": GOOD");
    says(&r.stdout, "✓ chain: CN=Alice rsa →");
    says(
        &r.stdout,
        "✓ address: From: alice@rig.test is in the certificate",
    );
    assert!(r.stderr.starts_with("OK smime verify"), "{}", r.stderr);
    // JSON: the signer, its algorithms, serial and validity.
    let s = verify(&file, rig().ca(), &["--json"]).summary();
    assert_eq!(s["command"], "smime verify");
    assert_eq!(
        (s["form"].as_str(), s["status"].as_str()),
        (Some("detached"), Some("good"))
    );
    let signer = &s["signers"][0];
    assert_eq!(signer["emails"][0], "alice@rig.test");
    assert_eq!(signer["digest_algorithm"], "sha-256");
    assert_eq!(signer["signature_algorithm"], "rsaEncryption");
    assert_eq!(signer["serial"], "5003");
    assert!(signer["not_after"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn smime_p256_opaque_and_openssl_smime_through_postfix_are_good() {
    // ECDSA P-256, detached.
    let (file, _) = signed_round_trip("smime-ec", "ec", ALICE, &[]);
    let r = verify(&file, rig().ca(), &["--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.summary()["signers"][0]["signature_algorithm"],
        "ecdsa-with-SHA256"
    );
    // Opaque (-nodetach): application/pkcs7-mime signed-data.
    let (file, fetched) = signed_round_trip("smime-opaque", "rsa", ALICE, &["-nodetach"]);
    assert_eq!(
        fetched["mime"][0]["scan"]["root"]["security"]["role"],
        "signed-data"
    );
    let r = verify(&file, rig().ca(), &["--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    assert_eq!(
        (s["form"].as_str(), s["inner_type"].as_str()),
        (Some("opaque"), Some("text/plain"))
    );
    // `openssl smime -sign` (the older command): a multipart/signed too.
    let p = pki();
    let tok = token("smime-legacy");
    let (cert, key) = (p.path("alice-rsa.pem"), p.path("alice-rsa.key"));
    let args = ["smime", "-sign", "-signer", &cert, "-inkey", &key];
    let (file, _) = round_trip(&tok, &signed_message(&tok, ALICE, ALICE, &args));
    let r = verify(&file, rig().ca(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn smime_tampered_body_is_30_and_names_the_part() {
    let p = pki();
    let tok = token("smime-tamper");
    let args = sign_args(p, "alice-rsa.pem", "alice-rsa.key");
    let msg = signed_message(&tok, ALICE, ALICE, &strs(&args));
    // Changed after signing (a relay rewriting the text): one word of the signed part.
    let msg = String::from_utf8(msg)
        .unwrap()
        .replacen("Hello,", "Hallo,", 1);
    let (file, _) = round_trip(&tok, msg.as_bytes());
    let r = verify(&file, rig().ca(), &[]);
    assert_eq!(r.code, 30, "{r:?}");
    says(
        &r.stderr,
        "FAIL smime verify (exit 30 signature-bad): the signed part 1 (",
    );
    says(&r.stderr, "changed after it was signed");
    says(&r.stdout, "✗ digest: sha-256 over the signed part 1");
}

#[test]
fn smime_wrong_ca_expired_and_wrong_from_are_32() {
    let p = pki();
    // The right signature, checked against a CA that did not issue the certificate.
    let (file, _) = signed_round_trip("smime-ca", "rsa", ALICE, &[]);
    let r = verify(&file, &p.path("other-ca.pem"), &[]);
    assert_eq!(r.code, 32, "{r:?}");
    says(
        &r.stderr,
        "the chain does not reach any --ca-file certificate",
    );
    // Two CA files: the rig's among them is enough.
    let mut c = mailctl();
    c.args(["smime", "verify", "--ca-file", &p.path("other-ca.pem")])
        .args(["--ca-file", rig().ca()])
        .arg(&file);
    assert_eq!(run(&mut c).code, 0);
    // An expired certificate (2020-2021): named with its validity.
    let (file, _) = signed_round_trip("smime-expired", "old", ALICE, &[]);
    let r = verify(&file, rig().ca(), &[]);
    assert_eq!(r.code, 32, "{r:?}");
    says(&r.stderr, "expired");
    says(&r.stderr, "2021-01-01T00:00:00Z");
    // Alice's certificate on a message From: bob.
    let (file, _) = signed_round_trip("smime-from", "ec", "bob@rig.test", &[]);
    let r = verify(&file, rig().ca(), &[]);
    assert_eq!(r.code, 32, "{r:?}");
    says(
        &r.stderr,
        "From: bob@rig.test, but the certificate names alice@rig.test",
    );
}

#[test]
fn smime_encrypted_is_33_with_its_recipient() {
    let p = pki();
    let tok = token("smime-enc");
    let cert = p.path("alice-rsa.pem");
    let msg = signed_message(&tok, ALICE, ALICE, &["cms", "-encrypt", "-aes256", &cert]);
    let (file, fetched) = round_trip(&tok, &msg);
    assert_eq!(
        fetched["mime"][0]["scan"]["root"]["security"]["role"],
        "enveloped-data"
    );
    let r = verify(&file, rig().ca(), &["--json"]);
    assert_eq!(r.code, 33, "{r:?}");
    let s = r.summary();
    assert_eq!(s["form"], "enveloped");
    assert_eq!(s["error"]["kind"], "unsigned");
    assert_eq!(s["recipients"][0]["serial"], "5003");
    assert_eq!(s["recipients"][0]["kind"], "key-transport");
    assert!(
        s["recipients"][0]["issuer"]
            .as_str()
            .unwrap()
            .contains("CN="),
        "{s}"
    );
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is encrypted (enveloped-data"),
        "{s}"
    );
}

/// POP3: the signed message retrieved to a file with `--mime` (tree in the human output and
/// the JSON), then verified from that file.
#[test]
fn pop3_retr_mime_then_verify() {
    let _g = crate::rig_pop3::carol_lock();
    let p = pki();
    let tok = token("smime-pop3");
    let args = sign_args(p, "alice-rsa.pem", "alice-rsa.key");
    deliver(
        &tok,
        CAROL,
        &signed_message(&tok, ALICE, CAROL, &strs(&args)),
    );
    let s = run(&mut pop3(&["--json"], "uidl")).summary();
    let mut found = None;
    for m in s["messages"].as_array().unwrap().iter().rev() {
        let n = m["msg"].as_u64().unwrap().to_string();
        let out = p.dir.join(format!("pop3-{tok}-{n}.eml"));
        let r = run(pop3(&["--json"], "retr")
            .args([&n, "--mime", "-o"])
            .arg(&out));
        assert_eq!(r.code, 0, "{r:?}");
        if std::fs::read(&out)
            .unwrap()
            .windows(tok.len())
            .any(|w| w == tok.as_bytes())
        {
            found = Some((out, r.summary(), m["uid"].as_str().unwrap().to_string(), n));
            break;
        }
    }
    let (file, s, uid, n) = found.expect("our message in carol's mailbox");
    assert_eq!(s["mime"]["file"], file.display().to_string());
    assert_eq!(
        s["mime"]["scan"]["root"]["security"]["label"],
        "S/MIME signed (RFC 8551), micalg sha-256"
    );
    // Human output: the tree after the retrieval.
    let human = p.dir.join(format!("pop3-{tok}-human.eml"));
    let r = run(pop3(&[], "retr").args([&n, "--mime", "-o"]).arg(&human));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("[S/MIME signed (RFC 8551), micalg sha-256]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("[S/MIME signature]"), "{}", r.stdout);
    let v = verify(&file, rig().ca(), &[]);
    assert_eq!(v.code, 0, "{v:?}");
    // Remove what we delivered (by unique id).
    let r = run(pop3(&[], "dele").args(["--uid", &uid]));
    assert_eq!(r.code, 0, "cleanup: {r:?}");
}

/// `mailctl [global] pop3 SUB` logged in as carol over plaintext POP3 on loopback.
fn pop3(global: &[&str], sub: &str) -> Command {
    let mut c = mailctl();
    c.args(global)
        .args([
            "pop3",
            sub,
            "-s",
            &rig().addr("RIG_POP3_PORT"),
            "--timeout",
            "20s",
        ])
        .args(["-u", CAROL])
        .env("MAILCTL_PASSWORD", CAROL_PW);
    c
}

// ---------------------------------------------------------------- fixtures (no rig)

fn fixture(dir: &str, name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(dir).join(name)
}

/// `mime show` of a message with every MIME security form and problem, byte for byte
/// (`UPDATE_GOLDEN=1` rewrites it), exit 12 for its errors.
#[test]
fn mime_security_tree_is_golden() {
    let mut c = mailctl();
    c.current_dir(fixture("mime", ""))
        .args(["mime", "show", "security.eml"]);
    let r = run(&mut c);
    assert_eq!(r.code, 12, "{r:?}");
    let golden = fixture("mime", "security.tree");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &r.stdout).unwrap();
    }
    assert_eq!(r.stdout, std::fs::read_to_string(&golden).unwrap());
    let mut c = mailctl();
    c.args(["--json", "mime", "show"])
        .arg(fixture("mime", "security.eml"));
    let v = run(&mut c).summary();
    let root = &v["root"];
    assert_eq!(root["children"][0]["security"]["scheme"], "pgp");
    assert_eq!(root["children"][0]["security"]["micalg"], "pgp-sha256");
    assert_eq!(root["children"][1]["security"]["role"], "encrypted");
    assert_eq!(root["children"][2]["security"]["role"], "inline-signed");
    let bad = &root["children"][5]["children"][0];
    let codes: Vec<&str> = bad["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "signed-protocol-missing",
            "signed-parts",
            "signed-micalg-invalid",
            "signed-8bit",
            "signed-trailing-space",
            "signed-from-line"
        ]
    );
}

#[test]
fn smime_verify_fixture_exit_codes_and_quiet_lines() {
    let ca = fixture("smime", "ca.pem");
    let ca = ca.to_str().unwrap();
    for (f, code, line) in [
        ("signed-rsa.eml", 0, "OK smime verify"),
        ("opaque.eml", 0, "OK smime verify"),
        (
            "binary-lf.eml",
            30,
            "FAIL smime verify (exit 30 signature-bad)",
        ),
        ("encrypted.eml", 33, "NONE smime verify (exit 33 unsigned)"),
    ] {
        let r = verify(&fixture("smime", f), ca, &["-q"]);
        assert_eq!(r.code, code, "{f}: {r:?}");
        assert!(r.stderr.starts_with(line), "{f}: {}", r.stderr);
        assert_eq!(r.stdout, "", "-q prints the verdict alone");
    }
    let other = fixture("smime", "other-ca.pem");
    let r = verify(
        &fixture("smime", "signed-ec.eml"),
        other.to_str().unwrap(),
        &["-q"],
    );
    assert_eq!(r.code, 32, "{r:?}");
    // Not S/MIME at all, from stdin.
    let mut c = mailctl();
    c.args(["smime", "verify", "--ca-file", ca, "-"])
        .stdin(std::fs::File::open(fixture("mime", "nested.eml")).unwrap());
    let r = run(&mut c);
    assert_eq!(r.code, 33, "{r:?}");
    assert!(
        r.stderr.contains("no S/MIME entity in this message"),
        "{}",
        r.stderr
    );
    // A CA file that is not PEM is a usage error before the message is read.
    let r = verify(
        &fixture("smime", "signed-rsa.eml"),
        fixture("mime", "nested.eml").to_str().unwrap(),
        &["-q"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no CERTIFICATE in it"), "{}", r.stderr);
}
