//! `mailctl pgp verify` against messages signed by GnuPG with the rig's keys (RIG_GNUPGHOME,
//! copied per test: gpg-agent keeps sockets in the home), built as RFC 3156 multipart/signed
//! over the exact signed part, delivered through the rig's Postfix to alice and fetched back
//! with `imap fetch --full`, then verified with --key, --dns (the rig's NSD OPENPGPKEY records)
//! and --wkd (the rig's nginx). Tampered, wrong-key, expired-key, LF-signed, inline-signed and
//! encrypted messages end on their documented exit codes with the reason in words.

use crate::rig_imap::uid_of;
use crate::util::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A private copy of the rig's GnuPG home.
pub(crate) struct Gpg {
    home: PathBuf,
}

impl Gpg {
    pub(crate) fn new() -> Gpg {
        let src = PathBuf::from(rig().get("RIG_GNUPGHOME"));
        let home = std::env::temp_dir().join(token("gnupg"));
        std::fs::create_dir_all(&home).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let e = e.unwrap();
            let to = home.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                let st = Command::new("cp").arg("-r").arg(e.path()).arg(&to).status();
                assert!(st.unwrap().success());
            } else {
                std::fs::copy(e.path(), to).unwrap();
            }
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
        Gpg { home }
    }

    /// gpg ARGS with `input` on stdin; its stdout.
    pub(crate) fn run(&self, args: &[&str], input: &[u8]) -> Vec<u8> {
        let mut child = Command::new("gpg")
            .arg("--homedir")
            .arg(&self.home)
            .args([
                "--batch",
                "--no-tty",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--trust-model",
                "always",
            ])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gpg (Debian's gnupg) must be installed for the pgp tests");
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "gpg {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// An armored detached signature over `data` by `who`.
    pub(crate) fn detach_sign(&self, who: &str, data: &[u8], extra: &[&str]) -> Vec<u8> {
        let mut args = extra.to_vec();
        args.extend(["--local-user", who, "--armor", "--detach-sign"]);
        self.run(&args, data)
    }
}

impl Drop for Gpg {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .arg("--homedir")
            .arg(&self.home)
            .args(["--kill", "gpg-agent"])
            .status();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// The signed part: quoted-printable, as RFC 3156 §5 asks (no trailing white space survives).
pub(crate) fn part(tok: &str) -> Vec<u8> {
    format!(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello, this is {tok}.\r\nA second line=20\r\nGr=C3=BC=C3=9Fe\r\n"
    )
    .into_bytes()
}

/// RFC 3156 §5 multipart/signed around `part` (its exact bytes) and `sig`.
pub(crate) fn pgp_mime(from: &str, tok: &str, part: &[u8], sig: &[u8]) -> Vec<u8> {
    let sig = String::from_utf8_lossy(sig)
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    let mut m = format!(
        "From: {from}\r\nTo: alice@rig.test\r\nSubject: {tok}\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha512;\r\n protocol=\"application/pgp-signature\"; boundary=\"=-sig-{tok}\"\r\n\r\nThis is an OpenPGP/MIME signed message (RFC 3156).\r\n--=-sig-{tok}\r\n"
    )
    .into_bytes();
    m.extend_from_slice(part);
    m.extend_from_slice(
        format!(
            "\r\n--=-sig-{tok}\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\nContent-Description: OpenPGP digital signature\r\n\r\n{sig}\r\n--=-sig-{tok}--\r\n"
        )
        .as_bytes(),
    );
    m
}

/// The set-up most tests share: a fresh GnuPG home (kept alive by the returned value), a token,
/// a scratch directory named after `label`, the signed part, and `signer`'s detached signature
/// over it (`args`: extra gpg options, e.g. the digest).
fn signed(label: &str, signer: &str, args: &[&str]) -> (Gpg, String, PathBuf, Vec<u8>, Vec<u8>) {
    let gpg = Gpg::new();
    let tok = token(label);
    let dir = scratch(label);
    let p = part(&tok);
    let sig = gpg.detach_sign(signer, &p, args);
    (gpg, tok, dir, p, sig)
}

pub(crate) fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(token(what));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Deliver `msg` to alice through Postfix, fetch it back over IMAP (whole, as Dovecot serves
/// it), and return the fetched file.
fn round_trip(tok: &str, msg: &[u8], dir: &Path) -> PathBuf {
    let rig = rig();
    let file = write(dir, "sent.eml", msg);
    let r = run(mailctl()
        .args(["-q", "smtp", "send", "-s", &rig.addr("RIG_SMTP_PORT")])
        .args([
            "--timeout",
            "30s",
            "--from",
            "pgp-test@rig.test",
            "--to",
            "alice@rig.test",
        ])
        .arg("--data")
        .arg(&file));
    assert_eq!(r.code, 0, "delivery failed: {r:?}");
    let uid = uid_of(tok);
    let out = dir.join("fetched");
    let r = run(mailctl()
        .args(["-q", "imap", "fetch", "-s", &rig.addr("RIG_IMAP_PORT")])
        .args(["-u", "alice@rig.test", "--timeout", "20s"])
        .env("MAILCTL_PASSWORD", "alice-secret-pw")
        .args(["INBOX", &uid.to_string(), "--uid", "--full", "-o"])
        .arg(&out));
    assert_eq!(r.code, 0, "fetch failed: {r:?}");
    let got = out.join(format!("{uid}.eml"));
    assert!(got.exists(), "{r:?}");
    got
}

pub(crate) fn verify(file: &Path, args: &[&str]) -> Run {
    let mut c = mailctl();
    c.args(["--json", "pgp", "verify"]).arg(file).args(args);
    run(&mut c)
}

/// `--dns` through the rig's NSD.
pub(crate) fn dns_args() -> Vec<String> {
    vec![
        "--nameserver".into(),
        rig().dns(),
        "--timeout".into(),
        "2s".into(),
    ]
}

/// `--wkd` through the rig's nginx (port 443 → RIG_WKD_PORT) with the rig CA.
pub(crate) fn wkd_args() -> Vec<String> {
    let rig = rig();
    let mut a = dns_args();
    a.extend([
        "--connect-to".into(),
        format!(":443:127.0.0.1:{}", rig.port("RIG_WKD_PORT")),
        "--ca-file".into(),
        rig.ca().into(),
    ]);
    a
}

#[track_caller]
fn summary(r: &Run, code: i32) -> Value {
    assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
    assert_eq!(r.code, code, "{r:?}");
    r.summary()
}

fn first_sig(s: &Value) -> &Value {
    &s["signatures"][0]
}

#[test]
fn alice_ed25519_pgp_mime_survives_postfix_and_imap_and_verifies() {
    let rig = rig();
    let (_gpg, tok, dir, p, sig) =
        signed("pgp-alice", "alice@rig.test", &["--digest-algo", "SHA512"]);
    let fetched = round_trip(
        &tok,
        &pgp_mime("Alice <alice@rig.test>", &tok, &p, &sig),
        &dir,
    );
    let r = verify(&fetched, &["--key", rig.get("RIG_PGP_ALICE_KEY")]);
    let s = summary(&r, 0);
    assert_eq!(s["outcome"], "ok", "{s}");
    assert_eq!(s["form"], "pgp-mime", "{s}");
    let g = first_sig(&s);
    assert_eq!(g["verdict"], "good", "{s}");
    assert_eq!(g["signer"], rig.get("RIG_PGP_ALICE_FPR"), "{s}");
    assert_eq!(g["issuer_fingerprint"], rig.get("RIG_PGP_ALICE_FPR"), "{s}");
    assert_eq!(g["hash"], "SHA-512", "{s}");
    assert_eq!(g["algorithm"], "EdDSA", "{s}");
    assert!(g["created"].as_i64().unwrap() > 1_700_000_000, "{s}");
    assert_eq!(g["signer_user_ids"][0], "Alice <alice@rig.test>", "{s}");
    assert_eq!(s["keys"][0]["strength"], "Ed25519", "{s}");
    assert_eq!(s["address"], "alice@rig.test", "{s}");
    let detail = s["detail"].as_str().unwrap();
    assert!(detail.starts_with("good signature by "), "{detail}");
    // Human output names the signer and the verdict.
    let mut c = mailctl();
    c.args(["pgp", "verify"])
        .arg(&fetched)
        .args(["--key", rig.get("RIG_PGP_ALICE_KEY")]);
    let h = run(&mut c);
    assert_eq!(h.code, 0, "{h:?}");
    assert!(h.stdout.contains("✓ good signature"), "{}", h.stdout);
    assert!(
        h.stdout.contains(rig.get("RIG_PGP_ALICE_FPR")),
        "{}",
        h.stdout
    );
    assert!(h.stderr.starts_with("OK pgp verify"), "{}", h.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bob_rsa3072_verifies_and_tampering_after_delivery_is_exit_30() {
    let rig = rig();
    let (_gpg, tok, dir, p, sig) = signed("pgp-bob", "bob@rig.test", &["--digest-algo", "SHA256"]);
    let fetched = round_trip(&tok, &pgp_mime("Bob <bob@rig.test>", &tok, &p, &sig), &dir);
    let r = verify(&fetched, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 0);
    let g = first_sig(&s);
    assert_eq!(
        (g["verdict"].as_str(), g["algorithm"].as_str()),
        (Some("good"), Some("RSA")),
        "{s}"
    );
    assert_eq!(s["keys"][0]["strength"], "3072 bits", "{s}");
    // micalg says sha512, the signature is SHA-256: a finding, not a failure.
    assert!(
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "pgp-micalg-mismatch"),
        "{s}"
    );

    // One word of the signed part changed in the fetched copy.
    let bytes = std::fs::read(&fetched).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let tampered = write(
        &dir,
        "tampered.eml",
        text.replace("A second line", "A forged line").as_bytes(),
    );
    let r = verify(&tampered, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 30);
    assert_eq!(s["exit_name"], "signature-bad", "{s}");
    assert_eq!(first_sig(&s)["verdict"], "bad", "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains("does not verify over part 1"), "{why}");
    assert!(why.contains(rig.get("RIG_PGP_BOB_FPR")), "{why}");
    assert!(why.contains("changed after signing"), "{why}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_wrong_key_is_exit_31_naming_both_keys() {
    let rig = rig();
    let (_gpg, tok, dir, p, sig) = signed("pgp-wrong", "alice@rig.test", &[]);
    let f = write(&dir, "m.eml", &pgp_mime("alice@rig.test", &tok, &p, &sig));
    let r = verify(&f, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 31);
    assert_eq!(s["exit_name"], "signature-no-key", "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains(rig.get("RIG_PGP_ALICE_FPR")), "{why}");
    assert!(why.contains(rig.get("RIG_PGP_BOB_FPR")), "{why}");
    // Both keys given: the right one is picked.
    let r = verify(
        &f,
        &[
            "--key",
            rig.get("RIG_PGP_BOB_KEY"),
            "--key",
            rig.get("RIG_PGP_ALICE_KEY"),
        ],
    );
    summary(&r, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn carols_expired_key_is_exit_32_even_for_a_signature_made_before() {
    let rig = rig();
    let gpg = Gpg::new();
    let tok = token("pgp-carol");
    let dir = scratch("pgp-carol");
    let p = part(&tok);
    // Made while the key was valid (it was made two years ago with a one-year expiry).
    let when = std::process::Command::new("date")
        .args(["-u", "-d", "18 months ago", "+%Y%m%dT%H%M%S"])
        .output()
        .unwrap();
    let when = String::from_utf8(when.stdout).unwrap();
    let sig = gpg.detach_sign("carol@rig.test", &p, &["--faked-system-time", when.trim()]);
    let f = write(
        &dir,
        "m.eml",
        &pgp_mime("Carol <carol@rig.test>", &tok, &p, &sig),
    );
    let r = verify(&f, &["--key", rig.get("RIG_PGP_CAROL_KEY")]);
    let s = summary(&r, 32);
    assert_eq!(s["exit_name"], "signature-untrusted", "{s}");
    assert_eq!(first_sig(&s)["verdict"], "key_invalid", "{s}");
    assert_eq!(s["keys"][0]["expired"], true, "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains("expired"), "{why}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_part_signed_with_lf_line_ends_is_diagnosed_not_passed() {
    let rig = rig();
    let gpg = Gpg::new();
    let tok = token("pgp-lf");
    let dir = scratch("pgp-lf");
    let p = part(&tok);
    let lf = String::from_utf8(p.clone()).unwrap().replace("\r\n", "\n");
    // The signer hashed LF text (not canonicalised), the message carries CRLF.
    let sig = gpg.detach_sign("alice@rig.test", lf.as_bytes(), &[]);
    let f = write(&dir, "m.eml", &pgp_mime("alice@rig.test", &tok, &p, &sig));
    let r = verify(&f, &["--key", rig.get("RIG_PGP_ALICE_KEY")]);
    let s = summary(&r, 30);
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains("LF line ends"), "{why}");
    assert!(why.contains("not a pass"), "{why}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn inline_cleartext_signature_verifies_and_edits_fail() {
    let rig = rig();
    let gpg = Gpg::new();
    let tok = token("pgp-inline");
    let dir = scratch("pgp-inline");
    let text = format!("Hello {tok}\n- a line starting with a dash\nFrom the start of a line\n");
    let signed = gpg.run(
        &["--local-user", "bob@rig.test", "--clearsign"],
        text.as_bytes(),
    );
    let mut msg = format!(
        "From: bob@rig.test\r\nTo: alice@rig.test\r\nSubject: {tok}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
    )
    .into_bytes();
    msg.extend_from_slice(
        String::from_utf8(signed)
            .unwrap()
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    let fetched = round_trip(&tok, &msg, &dir);
    let r = verify(&fetched, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 0);
    assert_eq!(s["form"], "inline", "{s}");
    assert_eq!(first_sig(&s)["sig_type"], "text", "{s}");
    let edited = String::from_utf8(std::fs::read(&fetched).unwrap())
        .unwrap()
        .replace("a line starting", "a line beginning");
    let f = write(&dir, "edited.eml", edited.as_bytes());
    let r = verify(&f, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    summary(&r, 30);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn encrypted_and_unsigned_messages_are_exit_33_in_words() {
    let rig = rig();
    let gpg = Gpg::new();
    let dir = scratch("pgp-enc");
    let enc = gpg.run(
        &["--armor", "--encrypt", "-r", "alice@rig.test"],
        b"secret\n",
    );
    let mut msg = b"From: alice@rig.test\r\nTo: bob@rig.test\r\nSubject: enc\r\nMIME-Version: 1.0\r\nContent-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=E\r\n\r\n--E\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n--E\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
    msg.extend_from_slice(&enc);
    msg.extend_from_slice(b"\r\n--E--\r\n");
    let f = write(&dir, "enc.eml", &msg);
    let r = verify(&f, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 33);
    assert_eq!(s["exit_name"], "unsigned", "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(
        why.contains("encrypted") && why.contains("secret key"),
        "{why}"
    );
    let f = write(
        &dir,
        "plain.eml",
        b"From: a@rig.test\r\nSubject: x\r\n\r\nno signature\r\n",
    );
    let r = verify(&f, &["--key", rig.get("RIG_PGP_BOB_KEY")]);
    let s = summary(&r, 33);
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no OpenPGP signature"),
        "{s}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn dns_openpgpkey_gives_the_key_and_catches_the_wrong_address() {
    let rig = rig();
    let (gpg, tok, dir, p, sig) = signed("pgp-dns", "alice@rig.test", &[]);
    let f = write(
        &dir,
        "a.eml",
        &pgp_mime("Alice <alice@rig.test>", &tok, &p, &sig),
    );
    let mut args = vec!["--dns".to_string()];
    args.extend(dns_args());
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = verify(&f, &a);
    let s = summary(&r, 0);
    assert_eq!(s["key_source"], "dns", "{s}");
    // No DNSSEC on this path: said beside the good signature (RFC 7929 §7).
    assert!(
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "openpgpkey-not-validated"),
        "{s}"
    );
    assert_eq!(first_sig(&s)["signer"], rig.get("RIG_PGP_ALICE_FPR"), "{s}");
    // The lookup is in the transcript: RFC 7929 §3's owner name, type OPENPGPKEY.
    assert!(
        r.json().iter().any(|e| e["type"] == "dns_answer"
            && e["qtype"] == "OPENPGPKEY"
            && e["name"]
                == "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db._openpgpkey.rig.test"
            && e["outcome"] == "answer"),
        "{r:?}"
    );

    // Mallory signs as dave: DNS publishes Mallory's key for dave. It verifies, but the key
    // is not dave's.
    let sig = gpg.detach_sign("mallory@elsewhere.test", &p, &[]);
    let f = write(
        &dir,
        "d.eml",
        &pgp_mime("Dave <dave@rig.test>", &tok, &p, &sig),
    );
    let r = verify(&f, &a);
    let s = summary(&r, 32);
    let why = s["error"]["message"].as_str().unwrap();
    assert!(
        why.contains("dave@rig.test") && why.contains("mallory@elsewhere.test"),
        "{why}"
    );
    assert!(
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "pgp-key-no-uid-for-address"),
        "{s}"
    );

    // erin has no record: no key, in words.
    let f = write(&dir, "e.eml", &pgp_mime("erin@rig.test", &tok, &p, &sig));
    let r = verify(&f, &a);
    let s = summary(&r, 31);
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("OPENPGPKEY"),
        "{s}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn wkd_gives_the_key_by_either_method() {
    let rig = rig();
    let (gpg, tok, dir, p, sig) = signed("pgp-wkd", "alice@rig.test", &[]);
    let f = write(
        &dir,
        "a.eml",
        &pgp_mime("Alice <alice@rig.test>", &tok, &p, &sig),
    );
    let mut args = vec!["--wkd".to_string()];
    args.extend(wkd_args());
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = verify(&f, &a);
    let s = summary(&r, 0);
    assert_eq!(s["key_source"], "wkd", "{s}");
    assert_eq!(s["wkd"]["advanced"]["status"], 200, "{s}");
    let sent: Vec<String> = r.dialogue();
    assert!(
        sent.iter()
            .any(|l| l.starts_with("C: GET /.well-known/openpgpkey/rig.test/hu/")),
        "{sent:#?}"
    );
    // frank@direct.rig.test: the direct method only.
    let sig = gpg.detach_sign("frank@direct.rig.test", &p, &[]);
    let f = write(
        &dir,
        "f.eml",
        &pgp_mime("Frank <frank@direct.rig.test>", &tok, &p, &sig),
    );
    let r = verify(&f, &a);
    let s = summary(&r, 0);
    assert_eq!(first_sig(&s)["signer"], rig.get("RIG_PGP_FRANK_FPR"), "{s}");
    assert!(
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "wkd-advanced-missing"),
        "{s}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The sender is every From: mailbox read per RFC 5322 §3.4 (comments dropped): a `<…>` in a
/// comment does not pick the address, and a From: with no address ties the signature to
/// nobody (exit 32) unless --address names the sender.
#[test]
fn the_sender_is_read_from_from_as_rfc5322_says() {
    let rig = rig();
    let (_gpg, tok, dir, p, sig) = signed("pgp-from", "alice@rig.test", &[]);
    let key = rig.get("RIG_PGP_ALICE_KEY");
    let run = |from: &str, extra: &[&str]| {
        let f = write(&dir, "m.eml", &pgp_mime(from, &tok, &p, &sig));
        let mut args = vec!["--key", key];
        args.extend(extra);
        verify(&f, &args)
    };
    summary(&run("alice@rig.test (Alice)", &[]), 0);
    let s = summary(&run("mallory@elsewhere.test (<alice@rig.test>)", &[]), 32);
    assert_eq!(s["exit_name"], "signature-untrusted", "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(
        why.contains("for the sender mallory@elsewhere.test"),
        "{why}"
    );
    let s = summary(&run("alice@rig.test, bob@rig.test", &[]), 32);
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains("for the sender bob@rig.test"), "{why}");
    let s = summary(&run("Alice", &[]), 32);
    let why = s["error"]["message"].as_str().unwrap();
    assert!(
        why.contains("the sender could not be read from From: (Alice): the signature is not tied to the sender"),
        "{why}"
    );
    summary(&run("Alice", &["--address", "alice@rig.test"]), 0);
    let _ = std::fs::remove_dir_all(dir);
}

/// A signature past its own expiration time (RFC 9580 §5.2.3.18) is exit 32.
#[test]
fn an_expired_signature_is_exit_32() {
    let rig = rig();
    let (_gpg, tok, dir, p, sig) = signed(
        "pgp-sigexp",
        "alice@rig.test",
        &["--default-sig-expire", "seconds=1"],
    );
    let f = write(&dir, "m.eml", &pgp_mime("alice@rig.test", &tok, &p, &sig));
    std::thread::sleep(std::time::Duration::from_secs(2));
    let r = verify(&f, &["--key", rig.get("RIG_PGP_ALICE_KEY")]);
    let s = summary(&r, 32);
    assert_eq!(first_sig(&s)["verdict"], "key_invalid", "{s}");
    let why = s["error"]["message"].as_str().unwrap();
    assert!(why.contains("§5.2.3.18"), "{why}");
    let _ = std::fs::remove_dir_all(dir);
}
