//! The scanner on crafted messages: one test per problem it reports, and the section numbering
//! of RFC 3501 §6.4.5 on a nested message.

use super::*;

fn crlf(s: &str) -> Vec<u8> {
    s.replace('\n', "\r\n").into_bytes()
}

fn codes(e: &Entity) -> Vec<&'static str> {
    e.problems.iter().map(|p| p.code).collect()
}

fn sections(e: &Entity, out: &mut Vec<String>) {
    out.push(format!("{} {}", e.section, e.content_type));
    for c in &e.children {
        sections(c, out);
    }
}

const NESTED: &str = "From: =?utf-8?Q?J=C3=BCrgen?= <j@example.org>
To: a@example.org
Subject: =?UTF-8?B?R3LDvMOfZQ==?= again
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"outer\"

preamble
--outer
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Gr=C3=BC=C3=9Fe
--inner
Content-Type: text/html; charset=utf-8

<p>hi</p>
--inner--
--outer
Content-Type: application/pdf
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename*0*=utf-8''Gr%C3%BC; filename*1=\"n.pdf\"

aGVsbG8g
d29ybGQ=
--outer
Content-Type: message/rfc822

Subject: inner message
Content-Type: multipart/mixed; boundary=b2

--b2
Content-Type: text/plain

one
--b2
Content-Type: text/plain

two
--b2--
--outer
Content-Type: message/rfc822

Subject: single

body
--outer--
epilogue
";

#[test]
fn nested_sections_follow_imap_numbering() {
    let raw = crlf(NESTED);
    let s = scan(&raw);
    let mut got = Vec::new();
    sections(&s.root, &mut got);
    assert_eq!(
        got,
        [
            "TEXT multipart/mixed",
            "1 multipart/alternative",
            "1.1 text/plain",
            "1.2 text/html",
            "2 application/pdf",
            "3 message/rfc822",
            "3.TEXT multipart/mixed",
            "3.1 text/plain",
            "3.2 text/plain",
            "4 message/rfc822",
            "4.1 text/plain",
        ]
    );
    assert_eq!((s.errors, s.warnings), (0, 0), "{:#?}", s.root);
    assert_eq!(s.line_ends, "crlf");
    let subject = &s.root.headers.iter().find(|h| h.name == "Subject").unwrap();
    assert_eq!(subject.raw, "=?UTF-8?B?R3LDvMOfZQ==?= again");
    assert_eq!(subject.decoded, "Grüße again");
    assert_eq!(s.root.headers[1].name, "From");
    assert_eq!(s.root.headers[1].decoded, "Jürgen <j@example.org>");
    let qp = find(&s.root, "1.1").unwrap();
    assert_eq!(qp.transfer_encoding, "quoted-printable");
    assert_eq!(decoded_body(&raw, qp).unwrap(), "Grüße".as_bytes());
    assert_eq!(qp.charset.as_deref(), Some("utf-8"));
    let pdf = find(&s.root, "2").unwrap();
    assert_eq!(pdf.filename.as_ref().unwrap().decoded, "Grün.pdf");
    assert!(
        pdf.filename
            .as_ref()
            .unwrap()
            .raw
            .contains("filename*0*=utf-8''Gr%C3%BC")
    );
    assert_eq!(pdf.disposition.as_deref(), Some("attachment"));
    assert_eq!(decoded_body(&raw, pdf).unwrap(), b"hello world");
    assert_eq!(pdf.decoded_size, Some(11));
    assert_eq!(pdf.encoded_size, "aGVsbG8g\r\nd29ybGQ=".len());
    // Offsets point into the file: the part starts with its header, the body after the blank.
    assert!(raw[pdf.offsets.start..].starts_with(b"Content-Type: application/pdf"));
    assert!(raw[pdf.offsets.body_start..].starts_with(b"aGVsbG8g"));
    assert!(raw[..pdf.offsets.end].ends_with(b"d29ybGQ="));
    let inner = find(&s.root, "3.TEXT").unwrap();
    assert!(inner.message);
    assert_eq!(inner.headers[0].decoded, "inner message");
    assert_eq!(find(&s.root, "TEXT").unwrap().section, "TEXT");
}

#[test]
fn single_part_message_is_section_1_and_lf_files_are_fine() {
    let s = scan(b"Subject: x\n\nhello\n");
    assert_eq!(s.root.section, "1");
    assert_eq!(s.root.content_type, "text/plain");
    assert_eq!(s.root.charset.as_deref(), Some("us-ascii"));
    assert_eq!(s.line_ends, "lf");
    assert_eq!((s.errors, s.warnings), (0, 0));
}

#[test]
fn missing_boundary_is_an_error() {
    let s = scan(&crlf("Content-Type: multipart/mixed\n\n--x\n\nhi\n--x--\n"));
    assert_eq!(codes(&s.root), ["boundary-missing"]);
    assert_eq!(s.errors, 1);
}

#[test]
fn unclosed_boundary_is_an_error_and_the_last_part_runs_to_the_end() {
    let s = scan(&crlf(
        "Content-Type: multipart/mixed; boundary=x\n\n--x\n\nhi\n--x\n\nthere\n",
    ));
    assert_eq!(codes(&s.root), ["boundary-unclosed"]);
    assert_eq!(s.root.children.len(), 2);
    assert_eq!(s.root.children[1].offsets.end, s.size);
    let s = scan(&crlf(
        "Content-Type: multipart/mixed; boundary=x\n\nno parts\n",
    ));
    assert!(s.root.problems[0].message.contains("no delimiter"));
}

#[test]
fn a_boundary_prefix_with_text_after_is_no_delimiter() {
    let s = scan(&crlf(
        "Content-Type: multipart/mixed; boundary=x\n\n--x\n\n--xy not me\n--x--\n",
    ));
    assert_eq!(s.root.children.len(), 1);
    assert_eq!(s.errors, 0);
}

#[test]
fn eight_bit_in_7bit_and_charset_mismatch() {
    let s = scan(b"Content-Type: text/plain; charset=utf-8\r\n\r\nGr\xfc\xdfe\r\n");
    assert_eq!(codes(&s.root), ["8bit-in-7bit", "charset-mismatch"]);
    assert_eq!(s.root.problems[0].offset, 45);
    assert_eq!((s.errors, s.warnings), (0, 2));
    let s =
        scan(b"Content-Transfer-Encoding: 8bit\r\nContent-Type: text/plain\r\n\r\nGr\xc3\xbc\r\n");
    assert_eq!(codes(&s.root), ["charset-mismatch"], "default us-ascii");
    let s = scan(b"Content-Type: text/plain; charset=x-nope\r\n\r\nhi\r\n");
    assert_eq!(codes(&s.root), ["charset-unknown"]);
    let s = scan(
        b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\xe4\r\n",
    );
    assert_eq!(codes(&s.root), Vec::<&str>::new());
}

#[test]
fn long_lines_bare_cr_and_bare_lf() {
    let mut raw = b"Subject: x\r\n\r\n".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 999));
    raw.extend_from_slice(b"\r\nbare\rcr\r\nbare lf\nend\r\n");
    let s = scan(&raw);
    assert_eq!(codes(&s.root), ["line-too-long", "bare-cr", "bare-lf"]);
    let lf = &s.root.problems[2];
    assert_eq!(raw[lf.offset], b'\n');
    // 998 is allowed.
    let mut raw = b"Subject: x\r\n\r\n".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 998));
    raw.extend_from_slice(b"\r\n");
    assert_eq!(scan(&raw).warnings, 0);
}

#[test]
fn header_folding_errors_are_errors() {
    let s = scan(b" folded first\r\nSubject: x\r\nno colon here\r\n\r\nbody\r\n");
    assert_eq!(
        codes(&s.root),
        ["header-continuation-first", "header-no-colon"]
    );
    assert_eq!(s.root.problems[1].offset, 27);
    assert_eq!(s.errors, 2);
    // A proper fold is unfolded into the field.
    let s = scan(b"Subject: a\r\n b\r\n\r\n");
    assert_eq!(s.root.headers[0].raw, "a b");
}

#[test]
fn raw_utf8_in_headers_is_a_warning_naming_smtputf8() {
    let s = scan("Subject: Grüße\r\n\r\nx\r\n".as_bytes());
    assert_eq!(codes(&s.root), ["header-8bit"]);
    assert!(s.root.problems[0].message.contains("SMTPUTF8"));
    assert_eq!(s.root.headers[0].decoded, "Grüße");
}

#[test]
fn invalid_base64_is_an_error_and_invalid_qp_a_warning() {
    let s = scan(b"Content-Transfer-Encoding: base64\r\n\r\naGVs*bG8=\r\n");
    assert_eq!(codes(&s.root), ["base64-invalid"]);
    assert_eq!(s.root.problems[0].offset, 41);
    assert_eq!(s.root.decoded_size, None);
    assert_eq!(s.errors, 1);
    let s = scan(b"Content-Transfer-Encoding: quoted-printable\r\n\r\na=ZZ\r\n");
    assert_eq!(codes(&s.root), ["qp-invalid"]);
    assert_eq!(s.warnings, 1);
}

#[test]
fn depth_and_part_limits_hold() {
    let mut raw = Vec::new();
    for i in 0..(MAX_DEPTH + 10) {
        raw.extend(
            format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").bytes(),
        );
    }
    let s = scan(&raw);
    assert!(s.errors >= 1);
    let mut deep = &s.root;
    let mut levels = 0;
    while let Some(c) = deep.children.first() {
        deep = c;
        levels += 1;
    }
    assert!(levels <= MAX_DEPTH, "{levels}");
    assert!(deep.problems.iter().any(|p| p.code == "too-deep"));

    let mut raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n".to_vec();
    for _ in 0..(MAX_PARTS + 5) {
        raw.extend_from_slice(b"--b\r\n\r\nx\r\n");
    }
    raw.extend_from_slice(b"--b--\r\n");
    let s = scan(&raw);
    assert_eq!(s.entities, MAX_PARTS);
    assert!(s.root.problems.iter().any(|p| p.code == "too-many-parts"));
}

#[test]
fn digest_parts_default_to_message_rfc822() {
    let s = scan(&crlf(
        "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n",
    ));
    let p = &s.root.children[0];
    assert_eq!(p.content_type, "message/rfc822");
    assert_eq!(p.children[0].section, "1.1");
}

#[test]
fn any_prefix_of_a_message_scans_without_panic() {
    let raw = crlf(NESTED);
    for n in 0..raw.len() {
        let s = scan(&raw[..n]);
        assert!(s.root.offsets.end == n);
    }
}

#[test]
fn an_mbox_from_line_is_not_a_header() {
    let s = scan(b"From a@b Thu Jan  1 00:00:00 2026\nSubject: x\n\nhi\n");
    assert_eq!((s.errors, s.warnings), (0, 0), "{:?}", s.root.problems);
    assert_eq!(s.root.offsets.start, 34);
    assert_eq!(s.root.headers[0].raw, "x");
}

/// A few thousand deterministic mutations of a real message (bytes flipped, deleted,
/// duplicated, delimiters and '=' sprinkled in): the scan, `find` and `decoded_body` of every
/// section never panic and offsets stay inside the input. The fuzz target does this at length.
#[test]
fn mutated_messages_never_panic() {
    let base = crlf(NESTED);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let junk: [&[u8]; 8] = [
        b"--outer",
        b"--inner--",
        b"=",
        b"\r",
        b"\n",
        b"\xff",
        b"=?utf-8?B?",
        b"*0*=",
    ];
    for _ in 0..3000 {
        let mut m = base.clone();
        for _ in 0..(next() % 6 + 1) {
            let at = (next() as usize) % (m.len() + 1);
            match next() % 4 {
                0 if at < m.len() => m[at] = next() as u8,
                1 if at < m.len() => {
                    let n = ((next() as usize) % 40).min(m.len() - at);
                    m.drain(at..at + n);
                }
                2 => {
                    let j = junk[(next() as usize) % junk.len()];
                    m.splice(at..at, j.iter().copied());
                }
                _ => {
                    let n = ((next() as usize) % 80).min(m.len() - at);
                    let copy: Vec<u8> = m[at..at + n].to_vec();
                    m.splice(at..at, copy);
                }
            }
        }
        let s = scan(&m);
        let mut stack = vec![&s.root];
        while let Some(e) = stack.pop() {
            assert!(e.offsets.start <= e.offsets.body_start);
            assert!(e.offsets.body_start <= e.offsets.end && e.offsets.end <= m.len());
            assert!(find(&s.root, &e.section).is_some());
            let _ = decoded_body(&m, e);
            stack.extend(e.children.iter());
        }
    }
}

// MIME security (security.rs).

const SIGNED: &str = "From: a@example.org
Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256;
 boundary=b

preamble
--b  
Content-Type: text/plain

line one
line two
--b
Content-Type: application/pgp-signature
Content-Transfer-Encoding: base64

c2lnbmF0dXJl
--b--
";

/// RFC 1847 §2.1: the signed bytes run from after the delimiter line's CRLF (transport
/// padding on it included in the line) to before the CRLF that precedes the next delimiter.
#[test]
fn signed_parts_are_the_exact_rfc1847_bytes() {
    let raw = crlf(SIGNED);
    let s = scan(&raw);
    assert_eq!(s.errors + s.warnings, 0, "{:?}", s.root.problems);
    let sec = s.root.security.as_ref().unwrap();
    assert_eq!((sec.scheme, sec.role), ("pgp", "signed"));
    assert_eq!(sec.micalg.as_deref(), Some("pgp-sha256"));
    let p = security::signed_parts(&raw, &s.root).unwrap();
    assert_eq!(
        p.content,
        b"Content-Type: text/plain\r\n\r\nline one\r\nline two"
    );
    assert_eq!(
        &raw[p.content_offset..p.content_offset + 13],
        b"Content-Type:"
    );
    assert_eq!(p.signature, b"signature");
    assert_eq!(p.signature_type, "application/pgp-signature");
    assert_eq!(p.protocol.as_deref(), Some("application/pgp-signature"));
    assert_eq!(
        (p.section.as_str(), p.signature_section.as_str()),
        ("TEXT", "2")
    );
    // LF-stored copies: the same part, canonicalized back to CRLF.
    let lf = SIGNED.as_bytes();
    let s = scan(lf);
    let p = security::signed_parts(lf, &s.root).unwrap();
    assert_eq!(
        security::canonical(p.content).as_ref(),
        b"Content-Type: text/plain\r\n\r\nline one\r\nline two"
    );
    // Not a multipart/signed, or not two parts: refused in words.
    assert!(security::signed_parts(&raw, &s.root.children[0]).is_err());
}

#[test]
fn security_problems_by_rfc() {
    let raw = crlf(
        "Content-Type: multipart/signed; boundary=b\n\n--b\nContent-Type: text/plain\n\nx \nFrom me\n--b\nContent-Type: application/pkcs7-signature\n\nMIIB\n--b\nContent-Type: text/plain\n\n3\n--b--\n",
    );
    let s = scan(&raw);
    let c = codes(&s.root);
    for want in [
        "signed-protocol-missing",
        "signed-parts",
        "signed-micalg-missing",
        "signed-trailing-space",
        "signed-from-line",
    ] {
        assert!(c.contains(&want), "{want} in {c:?}");
    }
    assert_eq!(s.root.security.as_ref().unwrap().scheme, "smime");
    let raw = crlf(
        "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=sha-256; boundary=b\n\n--b\n\nx\n--b\nContent-Type: application/pkcs7-signature\n\nMIIB\n--b--\n",
    );
    let c = codes(&scan(&raw).root);
    assert!(c.contains(&"signed-protocol-mismatch"), "{c:?}");
    assert!(c.contains(&"signed-micalg-invalid"), "{c:?}");
    let raw = crlf(
        "Content-Type: multipart/encrypted; boundary=b\n\n--b\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--b\nContent-Type: text/plain\n\nx\n--b--\n",
    );
    let e = scan(&raw).root;
    let c = codes(&e);
    assert!(c.contains(&"encrypted-protocol-missing"), "{c:?}");
    assert!(c.contains(&"encrypted-payload-type"), "{c:?}");
    assert_eq!(
        e.children[1].security.as_ref().unwrap().role,
        "encrypted-payload"
    );
    let raw = crlf("Content-Type: application/pkcs7-mime; smime-type=enveloped-data\n\nMIIB\n");
    let e = scan(&raw).root;
    assert_eq!(e.security.as_ref().unwrap().role, "enveloped-data");
    assert!(e.problems.is_empty());
    let raw = crlf(
        "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhi=20\n-----BEGIN PGP SIGNATURE-----\n\nx\n-----END PGP SIGNATURE-----\n",
    );
    let e = scan(&raw).root;
    let sec = e.security.as_ref().unwrap();
    assert_eq!((sec.scheme, sec.role), ("pgp-inline", "inline-signed"));
    assert!(e.problems.is_empty(), "{:?}", e.problems);
}
