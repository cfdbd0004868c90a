//! `smime verify` on messages signed by OpenSSL (tests/fixtures/smime, made by make.sh there).

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/smime")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn ca(name: &str) -> Vec<CertificateDer<'static>> {
    use rustls_pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(&fixture(name))
        .map(|c| c.unwrap())
        .collect()
}

fn check(msg: &[u8], ca_file: &str) -> Verification {
    verify(msg, &ca(ca_file), UnixTime::now())
}

#[test]
fn openssl_signatures_verify() {
    for (f, form, alg) in [
        ("signed-rsa.eml", "detached", "rsaEncryption"),
        ("signed-ec.eml", "detached", "ecdsa-with-SHA256"),
        ("smime-signed.eml", "detached", "rsaEncryption"),
        ("opaque.eml", "opaque", "rsaEncryption"),
    ] {
        let v = check(&fixture(f), "ca.pem");
        assert_eq!((v.status, v.form), (Status::Good, form), "{f}: {v:#?}");
        let s = &v.signers[0];
        assert_eq!(s.signature_algorithm, alg, "{f}");
        assert_eq!(s.digest_algorithm, "sha-256");
        assert_eq!(s.emails[0], "alice@example.org");
        assert_eq!(s.issuer.as_deref(), Some("CN=Fixture Test CA"));
        assert!(s.signing_time.is_some());
        assert_eq!(s.chain, ["CN=Fixture Test CA"]);
        assert_eq!(s.checks.len(), 4);
        assert!(s.checks.iter().all(|c| c.ok));
    }
}

/// A copy stored with LF line ends (Maildir, mbox) still verifies: the signed part is
/// canonicalized back to CRLF (RFC 8551 §3.1.1).
#[test]
fn an_lf_stored_copy_verifies() {
    let lf: Vec<u8> = fixture("signed-rsa.eml")
        .into_iter()
        .filter(|b| *b != b'\r')
        .collect();
    assert_eq!(check(&lf, "ca.pem").status, Status::Good);
}

#[test]
fn a_changed_body_is_bad_and_says_where() {
    let msg = String::from_utf8(fixture("signed-rsa.eml"))
        .unwrap()
        .replace("at 10.", "at 11.");
    let v = check(msg.as_bytes(), "ca.pem");
    assert_eq!(v.status, Status::Bad);
    let r = v.reason.unwrap();
    assert!(r.starts_with("the signed part 1 ("), "{r}");
    assert!(r.contains("changed after it was signed"), "{r}");
    let msg = String::from_utf8(fixture("opaque.eml")).unwrap();
    // Flip one base64 character deep inside the content: the CMS still parses (or not); never good.
    let i = msg.find("Hello").unwrap_or(msg.len() / 2);
    let mut b = msg.into_bytes();
    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    assert_ne!(check(&b, "ca.pem").status, Status::Good);
}

#[test]
fn lf_signed_content_is_named_as_line_endings() {
    let v = check(&fixture("binary-lf.eml"), "ca.pem");
    assert_eq!(v.status, Status::Bad);
    assert!(
        v.reason
            .as_deref()
            .unwrap()
            .contains("line endings were changed in transit"),
        "{v:#?}"
    );
}

#[test]
fn another_ca_is_untrusted() {
    let v = check(&fixture("signed-ec.eml"), "other-ca.pem");
    assert_eq!(v.status, Status::Untrusted);
    let r = v.reason.unwrap();
    assert!(
        r.contains("does not reach any --ca-file certificate"),
        "{r}"
    );
    assert!(r.contains("CN=Alice EC"), "{r}");
}

#[test]
fn another_from_address_is_untrusted() {
    let msg = String::from_utf8(fixture("signed-rsa.eml"))
        .unwrap()
        .replace("From: Alice <alice@", "From: Mallory <mallory@");
    let v = check(msg.as_bytes(), "ca.pem");
    assert_eq!(v.status, Status::Untrusted);
    assert!(
        v.reason
            .unwrap()
            .contains("From: mallory@example.org, but the certificate names alice@example.org")
    );
}

#[test]
fn encrypted_names_its_recipients() {
    let v = check(&fixture("encrypted.eml"), "ca.pem");
    assert_eq!((v.status, v.form), (Status::NotSigned, "enveloped"));
    assert_eq!(v.recipients.len(), 1);
    assert_eq!(
        v.recipients[0].issuer.as_deref(),
        Some("CN=Fixture Test CA")
    );
    assert_eq!(v.content_encryption.as_deref(), Some("aes256-CBC"));
}

#[test]
fn unsigned_and_pgp_are_not_signed() {
    let v = check(b"Subject: x\r\n\r\nhello\r\n", "ca.pem");
    assert_eq!((v.status, v.form), (Status::NotSigned, "none"));
    let v = check(
        b"Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pgp-signature\r\n\r\nsig\r\n--b--\r\n",
        "ca.pem",
    );
    assert_eq!((v.status, v.form), (Status::NotSigned, "pgp"));
    assert!(v.reason.unwrap().contains("pgp verify"));
}

#[test]
fn garbage_signatures_are_bad_not_panics() {
    let v = check(
        b"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\nMIIB\r\n--b--\r\n",
        "ca.pem",
    );
    assert_eq!(v.status, Status::Bad);
    assert!(
        v.reason
            .unwrap()
            .contains("the signature part 2 is not a DER CMS")
    );
}

/// A micalg that names another digest is noted, not fatal: the SignerInfo's digest is the one
/// that counts (RFC 8551 §3.5.3.2).
#[test]
fn a_wrong_micalg_is_noted() {
    let msg = String::from_utf8(fixture("signed-rsa.eml"))
        .unwrap()
        .replace("micalg=\"sha-256\"", "micalg=\"sha-512\"");
    let v = check(msg.as_bytes(), "ca.pem");
    assert_eq!(v.status, Status::Good);
    assert!(
        v.reason
            .as_deref()
            .unwrap()
            .contains("micalg \"sha-512\" does not name the signer's digest sha-256"),
        "{v:#?}"
    );
}

/// Truncated and bit-flipped copies of every fixture: a verdict each time, never a panic; a
/// changed letter inside the signed part is never good.
#[test]
fn damaged_messages_never_panic() {
    for f in [
        "signed-rsa.eml",
        "signed-ec.eml",
        "opaque.eml",
        "encrypted.eml",
        "binary-lf.eml",
    ] {
        let raw = fixture(f);
        let cas = ca("ca.pem");
        for cut in (0..raw.len()).step_by(97) {
            let _ = verify(&raw[..cut], &cas, UnixTime::now());
        }
        for i in (0..raw.len()).step_by(53) {
            let mut m = raw.clone();
            m[i] ^= 0x20;
            let v = verify(&m, &cas, UnixTime::now());
            let s = crate::mime::scan(&raw);
            if let Some((e, _)) = crate::mime::security::find_role(&s.root, &["signed"])
                && let Some(first) = e.children.first()
                && i >= first.offsets.start
                && i < first.offsets.end
                // XOR 0x20 changes a letter's case: a different signed byte, never good.
                && m[i].is_ascii_alphabetic()
            {
                assert_ne!(v.status, Status::Good, "{f}: flip at {i} verified");
            }
        }
    }
}

/// An untrusted chain does not hide a wrong address: both checks are shown, the chain first.
#[test]
fn untrusted_chain_and_wrong_address_both_show() {
    let msg = String::from_utf8(fixture("signed-ec.eml"))
        .unwrap()
        .replace("From: Alice <alice@", "From: Mallory <mallory@");
    let v = check(msg.as_bytes(), "other-ca.pem");
    assert_eq!(v.status, Status::Untrusted);
    let checks: Vec<(&str, bool)> = v.signers[0]
        .checks
        .iter()
        .map(|c| (c.check, c.ok))
        .collect();
    assert_eq!(
        checks,
        [
            ("digest", true),
            ("signature", true),
            ("chain", false),
            ("address", false)
        ]
    );
    assert!(v.reason.unwrap().contains("does not reach any --ca-file"));
}

/// The S/MIME signature is found after a PGP/MIME one, nested in a multipart/mixed: the
/// signed bytes are the same wherever the multipart/signed stands.
#[test]
fn smime_after_pgp_in_a_mixed_message_verifies() {
    let signed = String::from_utf8(fixture("signed-rsa.eml")).unwrap();
    let inner = &signed[signed.find("MIME-Version:").unwrap()..];
    let msg = format!(
        "From: alice@example.org\r\nSubject: both\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\
         Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256; boundary=p\r\n\r\n\
         --p\r\n\r\npgp signed\r\n--p\r\nContent-Type: application/pgp-signature\r\n\r\nsig\r\n--p--\r\n\
         --x\r\n{inner}\r\n--x--\r\n"
    );
    let v = check(msg.as_bytes(), "ca.pem");
    assert_eq!(
        (v.status, v.section.as_deref()),
        (Status::Good, Some("2")),
        "{v:#?}"
    );
}

/// The sender is every From: mailbox, read per RFC 5322 §3.4 from the raw header: a `<…>` in a
/// comment is no address, and no address at all ties the signature to nobody.
#[test]
fn the_sender_is_every_from_mailbox_read_as_rfc5322_says() {
    let with_from = |from: &str| {
        let msg = String::from_utf8(fixture("signed-rsa.eml"))
            .unwrap()
            .replace("From: Alice <alice@example.org>", from);
        check(msg.as_bytes(), "ca.pem")
    };
    let v = with_from("From: alice@example.org (Alice)");
    assert_eq!(v.status, Status::Good, "{v:#?}");
    assert_eq!(v.from.as_deref(), Some("alice@example.org"));
    let v = with_from("From: mallory@example.org (<alice@example.org>)");
    assert_eq!(v.status, Status::Untrusted);
    let r = v.reason.unwrap();
    assert!(r.contains("From: mallory@example.org, but"), "{r}");
    let v = with_from("From: alice@example.org, bob@example.org");
    assert_eq!(v.status, Status::Untrusted);
    let r = v.reason.unwrap();
    assert!(r.contains("From: bob@example.org, but"), "{r}");
    let v = with_from("From: Alice");
    assert_eq!(v.status, Status::Untrusted);
    let r = v.reason.unwrap();
    assert!(
        r.contains(
            "the sender could not be read from From: (Alice): the signature is not tied to the sender"
        ),
        "{r}"
    );
}

#[test]
fn a_certificate_not_for_signing_is_refused() {
    use der::DecodePem;
    let ok = Certificate::from_pem(fixture("alice-rsa.pem")).unwrap();
    assert_eq!(key_usage_problem(&ok), None);
    let enc = Certificate::from_pem(fixture("encipher-only.pem")).unwrap();
    let why = key_usage_problem(&enc).unwrap();
    assert!(why.contains("RFC 8550 §4.4.2"), "{why}");
}

/// More SignerInfos than MAX_SIGNERS: the first MAX_SIGNERS are checked, the rest counted.
#[test]
fn signer_infos_are_capped() {
    use base64::Engine;
    use der::{Decode, Encode};
    let b64 = base64::engine::general_purpose::STANDARD;
    let msg = String::from_utf8(fixture("opaque.eml")).unwrap();
    let (head, body) = msg.split_once("\r\n\r\n").unwrap();
    let body: String = body.split_whitespace().collect();
    let ci = ContentInfo::from_der(&b64.decode(body).unwrap()).unwrap();
    let mut sd = ci.content.decode_as::<SignedData>().unwrap();
    let first = sd.signer_infos.0.get(0).unwrap().clone();
    let mut all = vec![first.clone()];
    // Distinct SignerInfos (a SET OF), each with a signature changed in its last octet.
    for i in 0..MAX_SIGNERS as u8 {
        let mut si = first.clone();
        let mut sig = si.signature.as_bytes().to_vec();
        *sig.last_mut().unwrap() ^= i + 1;
        si.signature = der::asn1::OctetString::new(sig).unwrap();
        all.push(si);
    }
    sd.signer_infos =
        cms::signed_data::SignerInfos::from(der::asn1::SetOfVec::try_from(all).unwrap());
    let ci = ContentInfo {
        content_type: ci.content_type,
        content: der::Any::encode_from(&sd).unwrap(),
    };
    let msg = format!("{head}\r\n\r\n{}\r\n", b64.encode(ci.to_der().unwrap()));
    let v = check(msg.as_bytes(), "ca.pem");
    assert_eq!(v.signers.len(), MAX_SIGNERS, "{v:#?}");
    assert_eq!(v.skipped_signers, 1);
    assert_ne!(v.status, Status::Good);
}
