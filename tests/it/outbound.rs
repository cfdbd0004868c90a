//! Outbound safety: what mailctl puts on the wire and in its output, whatever it is fed.
//!
//! - DATA from every message source (a file as is, a generated message, a DKIM-signed one) has
//!   only CRLF line endings and exactly one lone "." line, and the receiver reads back exactly
//!   the message (random bodies full of CR, LF, dots, NUL and 0xFF). The encoder itself has a
//!   property test in src/proto/smtp/data.rs.
//! - Secrets never reach the transcript, the JSON, an error or a panic: every AUTH mechanism of
//!   every protocol, every renderer, random passwords (base64-looking, spaces, quotes,
//!   backslashes), against fake peers that reject and echo the credentials back.
//! - A name from the server (an IMAP UID) can never put a file outside the output directory.
//!   (Refusing to overwrite without --force is covered by rig_pop3::retr_to_file_refuses_…,
//!   rig_imap and dkim_sign's keygen tests.)

use crate::fake::{FakeServer, Step, Step::*, expect, line, send};
use crate::util::*;
use base64::Engine;
use std::path::Path;

/// xorshift64*: deterministic random inputs; a failure names its seed and case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

fn b64(b: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn tmp_file(tag: &str, content: &[u8]) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("mailctl-{}", token(tag)));
    std::fs::write(&p, content).unwrap();
    p
}

// ---------------------------------------------------------------- DATA

/// Every CRLF, bare CR and bare LF as one CRLF; an unterminated last line terminated.
fn normalised(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'\r' if input.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 1;
            }
            b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    if !out.is_empty() && !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Read a DATA body as an MTA does (RFC 5321 §4.5.2); Err on a bare CR or LF, a lone "." before
/// the end, or no terminator.
fn receive(wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut rest = wire;
    loop {
        let lf = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("no terminator")?;
        if lf == 0 || rest[lf - 1] != b'\r' {
            return Err(format!("bare LF at byte {}", wire.len() - rest.len() + lf));
        }
        let l = &rest[..lf - 1];
        if l.contains(&b'\r') {
            return Err("bare CR".into());
        }
        rest = &rest[lf + 1..];
        if l == b"." {
            return if rest.is_empty() {
                Ok(out)
            } else {
                Err(format!(
                    "a lone '.' before the end: {} bytes follow it",
                    rest.len()
                ))
            };
        }
        out.extend_from_slice(l.strip_prefix(b".").unwrap_or(l));
        out.extend_from_slice(b"\r\n");
    }
}

/// Send once with these extra arguments and return the DATA body exactly as it arrived.
fn send_and_capture(extra: &[&str]) -> Vec<u8> {
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        expect("EHLO"),
        line("250 fake.test"),
        expect("MAIL"),
        line("250 ok"),
        expect("RCPT"),
        line("250 ok"),
        expect("DATA"),
        line("354 go"),
        ReadUntilDot,
        line("250 2.0.0 queued"),
        expect("QUIT"),
        line("221 bye"),
    ]);
    let r = run(mailctl()
        .args(["--json", "smtp", "send", "-s", &fake.server_arg()])
        .args(["--from", "sender@client.test", "--to", "rcpt@fake.test"])
        .args(["--helo", "client.test", "--timeout", "5s"])
        .args(extra));
    let t = fake.finish();
    assert_eq!(r.code, 0, "{extra:?}: {r:?}");
    t.assert_ok();
    assert_eq!(t.bodies.len(), 1);
    // Nothing after the body but QUIT: no line of the message was taken as a command.
    assert_eq!(t.text_lines().last().map(String::as_str), Some("QUIT"));
    t.bodies[0].clone()
}

const DANGEROUS: &[u8] = b"\r\n..a \0\xff";

/// The sequences that end or smuggle DATA on a careless client.
const TRICKY: &[&[u8]] = &[
    b"\n.\n",
    b"\r.\r",
    b"\n.\r\n",
    b"\r\n.\r\n",
    b"\r\n.\n",
    b"\n.\rMAIL FROM:<x@evil>\r\n",
    b".\r\n",
    b"\r\r\n.\r\r\n",
    b"end.",
];

#[test]
fn data_from_a_file_is_crlf_stuffed_and_exact() {
    let mut rng = Rng(0xda7a_f11e);
    let mut bodies: Vec<Vec<u8>> = TRICKY
        .iter()
        .map(|t| [b"Subject: t\r\n\r\nx".as_slice(), t, b"y"].concat())
        .collect();
    for _ in 0..8 {
        let len = rng.below(400);
        bodies.push(rng.bytes(DANGEROUS, len));
    }
    for (i, body) in bodies.iter().enumerate() {
        let f = tmp_file("data", body);
        let wire = send_and_capture(&["--data", f.to_str().unwrap()]);
        let _ = std::fs::remove_file(&f);
        let got = receive(&wire).unwrap_or_else(|e| panic!("body {i} {body:?}: {e}"));
        assert_eq!(got, normalised(body), "body {i}: {body:?}");
    }
}

#[test]
fn generated_messages_are_crlf_and_stuffed() {
    // --body (argv: no NUL), --body-file (anything), headers around them.
    let mut rng = Rng(0x6e4e_a7ed);
    for (i, t) in TRICKY.iter().enumerate() {
        let text = String::from_utf8_lossy(t).into_owned();
        let body = format!("first{text}last");
        let wire = send_and_capture(&["--subject", "tricky", "--body", &body]);
        let got = receive(&wire).unwrap_or_else(|e| panic!("--body {i} {body:?}: {e}"));
        let got = String::from_utf8_lossy(&got);
        assert!(got.contains("Subject: tricky\r\n"), "{got}");
    }
    for i in 0..4 {
        // --body-file is text (UTF-8); the binary goes in as an attachment.
        let len = rng.below(300);
        let f = tmp_file("body", &rng.bytes(b"\r\n..a \0", len));
        let len = rng.below(300);
        let a = tmp_file("attach.bin", &rng.bytes(DANGEROUS, len));
        let wire = send_and_capture(&[
            "--subject",
            "random",
            "--body-file",
            f.to_str().unwrap(),
            "--attach",
            a.to_str().unwrap(),
            "-H",
            "X-Test: .",
        ]);
        let _ = std::fs::remove_file(&f);
        let _ = std::fs::remove_file(&a);
        receive(&wire).unwrap_or_else(|e| panic!("--body-file {i}: {e}"));
    }
}

#[test]
fn dkim_signed_data_is_crlf_stuffed_and_exact() {
    let dir = std::env::temp_dir().join(token("outbound-dkim"));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("k.pem");
    let r = run(mailctl()
        .args(["dkim", "keygen", "--algo", "ed25519", "--selector", "s1"])
        .args(["--domain", "client.test", "-o"])
        .arg(&key));
    assert_eq!(r.code, 0, "{r:?}");
    let mut rng = Rng(0xd1c1_5167);
    let mut bodies: Vec<Vec<u8>> = TRICKY.iter().map(|t| t.to_vec()).collect();
    for _ in 0..4 {
        let len = rng.below(300);
        bodies.push(rng.bytes(DANGEROUS, len));
    }
    for (i, b) in bodies.iter().enumerate() {
        let msg = [
            b"From: sender@client.test\r\nTo: rcpt@fake.test\r\nSubject: s\r\n\r\n".as_slice(),
            b,
        ]
        .concat();
        let f = tmp_file("dkim-data", &msg);
        let wire = send_and_capture(&[
            "--data",
            f.to_str().unwrap(),
            "--dkim-key",
            key.to_str().unwrap(),
            "--dkim-selector",
            "s1",
        ]);
        let _ = std::fs::remove_file(&f);
        let got = receive(&wire).unwrap_or_else(|e| panic!("dkim body {i} {b:?}: {e}"));
        assert!(got.starts_with(b"DKIM-Signature:"), "body {i}");
        assert!(
            got.ends_with(&normalised(&msg)),
            "body {i}: signed message differs from the input: {:?}",
            String::from_utf8_lossy(&got)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- secrets

const USER: &str = "alice@fake.test";

/// Random passwords that stress every escaping layer: base64-looking, spaces, quotes,
/// backslashes, `=`, `+`, `/`, and fixed ones that look like protocol text.
fn passwords() -> Vec<String> {
    let mut rng = Rng(0x05ec_2e75);
    let alphabet = b"ab XYZ019\"'\\=+/*%{}[]";
    let mut pws = vec![
        "QUJDREVGR0g=".to_string(),
        "pass word \"quoted\" \\ end".to_string(),
        "235 2.7.0 ok".to_string(),
        // `|` is shown as `¦` in Nagios status text: a form the renderer makes, not the wire.
        "pipe|secret \"q\" |".to_string(),
        // `%`, `+` and a space: percent-encoded differently from any other form, and base64
        // echoed at another alignment (IMAP LOGIN carries ASCII only; non-ASCII: secret.rs tests).
        "S\"cr\\et|pa%ss w+rd~".to_string(),
    ];
    for _ in 0..3 {
        let len = 8 + rng.below(24);
        pws.push(String::from_utf8(rng.bytes(alphabet, len)).unwrap());
    }
    pws
}

/// Every form the secret may take on the wire or in any output.
fn forms(pw: &str) -> Vec<String> {
    let json = serde_json::to_string(pw).unwrap();
    let imap_quoted = pw.replace('\\', "\\\\").replace('"', "\\\"");
    vec![
        pw.to_string(),
        b64(pw),
        b64(format!("\0{USER}\0{pw}")),
        b64(format!("user={USER}\x01auth=Bearer {pw}\x01\x01")),
        json[1..json.len() - 1].to_string(),
        imap_quoted,
        // Forms mailctl never sends but a server's log line may: an authzid shifting the
        // base64 alignment, `\uXXXX` JSON, percent-encoding.
        b64(format!("x\0{USER}\0{pw}")),
        pw.chars()
            .map(|c| match c {
                '"' => "\\\"".to_string(),
                '\\' => "\\\\".to_string(),
                c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
                c => c
                    .encode_utf16(&mut [0; 2])
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect(),
            })
            .collect(),
        pw.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                b => format!("%{b:02X}"),
            })
            .collect(),
    ]
}

/// One login attempt: protocol, arguments, and a fake that rejects while echoing `echo` back.
struct Attempt {
    label: &'static str,
    args: Vec<String>,
    script: Vec<Step>,
}

/// Everything the server echoes: the password and each wire form of it.
fn echo(pw: &str) -> String {
    forms(pw).join(" | ")
}

fn attempts(pw: &str) -> Vec<Attempt> {
    let e = echo(pw);
    let smtp = |label, mech: &str, steps: Vec<Step>| Attempt {
        label,
        args: [
            "smtp",
            "send",
            "--from",
            "s@client.test",
            "--to",
            "r@fake.test",
        ]
        .into_iter()
        .chain([
            "--helo",
            "client.test",
            "--auth",
            mech,
            "--quit-after",
            "auth",
        ])
        .map(String::from)
        .collect(),
        script: [
            vec![
                line("220 fake.test ESMTP"),
                expect("EHLO"),
                line("250-fake.test"),
                line("250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2"),
            ],
            steps,
            vec![expect("QUIT"), line(&format!("221 {e}"))],
        ]
        .concat(),
    };
    let pop3 = |label, extra: &[&str], greeting: &str, steps: Vec<Step>| Attempt {
        label,
        args: ["pop3", "noop"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect(),
        script: [
            vec![
                line(greeting),
                expect("CAPA"),
                send("+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n"),
            ],
            steps,
            vec![expect("QUIT"), line(&format!("+OK {e}"))],
        ]
        .concat(),
    };
    let imap = |label, extra: &[&str], steps: Vec<Step>| Attempt {
        label,
        args: ["imap", "select", "INBOX"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect(),
        script: [
            vec![line("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready")],
            steps,
            vec![
                expect("A0002 LOGOUT"),
                line(&format!("* BYE {e}")),
                line("A0002 OK"),
            ],
        ]
        .concat(),
    };
    vec![
        smtp(
            "smtp AUTH PLAIN",
            "plain",
            vec![expect("AUTH PLAIN"), line(&format!("535 5.7.8 {e}"))],
        ),
        smtp(
            "smtp AUTH LOGIN",
            "login",
            vec![
                expect("AUTH LOGIN"),
                line("334 VXNlcm5hbWU6"),
                expect(&b64(USER)),
                line("334 UGFzc3dvcmQ6"),
                Expect(b64(pw)),
                line(&format!("535 5.7.8 {e}")),
            ],
        ),
        smtp(
            "smtp AUTH CRAM-MD5",
            "cram-md5",
            vec![
                expect("AUTH CRAM-MD5"),
                line(&format!("334 {}", b64("<1.2@fake.test>"))),
                ReadLine,
                line(&format!("535 5.7.8 {e}")),
            ],
        ),
        smtp(
            "smtp AUTH XOAUTH2",
            "xoauth2",
            vec![
                expect("AUTH XOAUTH2"),
                line(&format!(
                    "334 {}",
                    b64(format!("{{\"status\":\"401\",\"echo\":{:?}}}", e))
                )),
                ReadLine,
                line(&format!("535 5.7.8 {e}")),
            ],
        ),
        pop3(
            "pop3 USER/PASS",
            &[],
            "+OK ready",
            vec![
                expect(&format!("USER {USER}")),
                line(&format!("+OK {e}")),
                expect("PASS "),
                line(&format!("-ERR [AUTH] {e}")),
            ],
        ),
        // The message goes to stdout, so the transcript and the error go to stderr.
        Attempt {
            label: "pop3 retr (transcript on stderr)",
            args: ["pop3", "retr", "1"].map(String::from).to_vec(),
            ..pop3(
                "",
                &[],
                "+OK ready",
                vec![
                    expect(&format!("USER {USER}")),
                    line(&format!("+OK {e}")),
                    expect("PASS "),
                    line(&format!("-ERR [AUTH] {e}")),
                ],
            )
        },
        pop3(
            "pop3 APOP",
            &["--apop"],
            "+OK ready <1896.697170952@fake.test>",
            vec![expect("APOP"), line(&format!("-ERR [AUTH] {e}"))],
        ),
        pop3(
            "pop3 AUTH PLAIN",
            &["--auth", "plain"],
            "+OK ready",
            vec![expect("AUTH PLAIN"), line(&format!("-ERR [AUTH] {e}"))],
        ),
        imap(
            "imap LOGIN",
            &[],
            vec![
                expect("A0001 LOGIN"),
                line(&format!("A0001 NO [AUTHENTICATIONFAILED] {e}")),
            ],
        ),
        imap(
            "imap AUTHENTICATE PLAIN",
            &["--auth", "plain"],
            vec![
                expect("A0001 AUTHENTICATE PLAIN"),
                line(&format!("A0001 NO [AUTHENTICATIONFAILED] {e}")),
            ],
        ),
    ]
}

#[test]
fn secrets_never_reach_any_output_whatever_the_server_echoes() {
    let mut runs = 0;
    for pw in passwords() {
        let leaks = forms(&pw);
        for a in attempts(&pw) {
            for mode in ["--json", "-q", "human"] {
                let fake = FakeServer::start(a.script.clone());
                let mut cmd = mailctl();
                if mode != "human" {
                    cmd.arg(mode);
                }
                let (proto, rest) = a.args.split_first().unwrap();
                let (sub, rest) = rest.split_first().unwrap();
                cmd.args([proto, sub, "-s", &fake.server_arg(), "-u", USER])
                    .args(rest)
                    .args(["--password-env", "OUTBOUND_PW", "--timeout", "5s"])
                    .env("OUTBOUND_PW", &pw);
                let r = run(&mut cmd);
                let t = fake.finish();
                let ctx = format!("{} {mode} pw {pw:?}", a.label);
                t.assert_ok();
                assert_eq!(r.code, 23, "{ctx}: {r:?}");
                assert!(!r.stderr.contains("panicked"), "{ctx}: {r:?}");
                for out in [&r.stdout, &r.stderr] {
                    for f in &leaks {
                        assert!(!out.contains(f.as_str()), "{ctx}: {f:?} in output:\n{out}");
                    }
                }
                if mode == "--json" {
                    // `retr` keeps stdout for the message: its summary may be on stderr.
                    let s: serde_json::Value = r
                        .stdout
                        .lines()
                        .chain(r.stderr.lines())
                        .rfind(|l| l.starts_with("{\"type\":\"summary\""))
                        .map(|l| serde_json::from_str(l).unwrap())
                        .unwrap_or_else(|| panic!("{ctx}: no summary: {r:?}"));
                    assert_eq!(s["error"]["phase"], "auth", "{ctx}: {s}");
                    // What the server said is still shown, with the secret replaced.
                    let reply = format!("{} {}", s["error"]["message"], s["error"]["reply"]);
                    assert!(reply.contains("***"), "{ctx}: {s}");
                }
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 8 * 10 * 3);
}

/// `check` with every output format and the `--transcript-on-failure` file, against a server
/// that refuses the login while echoing the password in every wire form: stdout, stderr and the
/// file hold `***`, never a form of the secret.
#[test]
fn secrets_never_reach_any_check_output_or_the_transcript_file() {
    let dir = std::env::temp_dir().join(token("check-secrets"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut runs = 0;
    for pw in passwords() {
        let leaks = forms(&pw);
        let e = echo(&pw);
        // Whatever the client does after the refusal (QUIT or just close), the script ends.
        let scripts: Vec<(&str, Vec<&str>, Vec<Step>)> = vec![
            (
                "smtp",
                vec!["--auth", "plain"],
                vec![
                    line(&format!("220 fake.test ESMTP {e}")),
                    expect("EHLO"),
                    line("250-fake.test"),
                    line("250 AUTH PLAIN LOGIN"),
                    expect("AUTH PLAIN"),
                    line(&format!("535 5.7.8 {e}")),
                    ReadLine,
                    line(&format!("221 {e}")),
                ],
            ),
            (
                "imap",
                vec![],
                vec![
                    line("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready"),
                    expect("A0001 LOGIN"),
                    line(&format!("A0001 NO [AUTHENTICATIONFAILED] {e}")),
                    ReadLine,
                    send(format!("* BYE {e}\r\nA0002 OK\r\n")),
                ],
            ),
            (
                "pop3",
                vec![],
                vec![
                    line("+OK ready"),
                    expect("CAPA"),
                    send("+OK\r\nUSER\r\n.\r\n"),
                    expect(&format!("USER {USER}")),
                    line(&format!("+OK {e}")),
                    expect("PASS "),
                    line(&format!("-ERR [AUTH] {e}")),
                    ReadLine,
                    line(&format!("+OK {e}")),
                ],
            ),
        ];
        for (proto, extra, script) in &scripts {
            for format in ["human", "quiet", "json", "nagios", "prometheus"] {
                let file = dir.join(format!("{runs}.txt"));
                let fake = FakeServer::start(script.clone());
                let mut cmd = mailctl();
                cmd.args(["check", proto, "-s", &fake.server_arg(), "-u", USER])
                    .args(extra)
                    .args(["--password-env", "OUTBOUND_PW", "--timeout", "5s"])
                    .arg("--transcript-on-failure")
                    .arg(&file)
                    .env("OUTBOUND_PW", &pw);
                match format {
                    "quiet" => cmd.arg("-q"),
                    f => cmd.args(["--format", f]),
                };
                let r = run(&mut cmd);
                drop(fake.finish());
                let ctx = format!("check {proto} {format} pw {pw:?}");
                assert_eq!(r.code, 2, "{ctx}: {r:?}");
                assert!(!r.stderr.contains("panicked"), "{ctx}: {r:?}");
                let written = std::fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{ctx}: no transcript file ({e}): {r:?}"));
                for (sink, out) in [
                    ("stdout", &r.stdout),
                    ("stderr", &r.stderr),
                    ("file", &written),
                ] {
                    for f in &leaks {
                        assert!(!out.contains(f.as_str()), "{ctx}: {f:?} in {sink}:\n{out}");
                    }
                }
                // The server's words are kept, the secret in them replaced.
                assert!(written.contains("***"), "{ctx}: {written}");
                if format == "nagios" {
                    assert!(r.stdout.contains("***"), "{ctx}: {}", r.stdout);
                }
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 8 * 3 * 5);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_password_with_a_line_break_is_refused_without_echoing_it() {
    // POP3 PASS carries the password as is; a CR/LF in it (an environment variable can hold
    // one) must stop the command, and the refusal must not quote the password.
    let pw = "line\r\nbreak-secret";
    let fake = FakeServer::start(vec![
        line("+OK ready"),
        expect("CAPA"),
        send("+OK\r\nUSER\r\n.\r\n"),
        expect("USER"),
        line("+OK"),
        ReadToEnd,
    ]);
    let r = run(mailctl()
        .args([
            "--json",
            "pop3",
            "noop",
            "-s",
            &fake.server_arg(),
            "-u",
            USER,
        ])
        .args(["--password-env", "OUTBOUND_PW", "--timeout", "2s"])
        .env("OUTBOUND_PW", pw));
    let t = fake.finish();
    let s = r.failed_at(2, "auth");
    assert!(!r.stdout.contains("break-secret"), "{}", r.stdout);
    assert!(!String::from_utf8_lossy(&t.raw).contains("break-secret"));
    assert!(
        s["error"]["message"].as_str().unwrap().contains("PASS ***"),
        "{s}"
    );
}

// ---------------------------------------------------------------- file names from the server

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        out.push(e.file_name().to_string_lossy().into_owned());
        assert!(
            e.file_type().unwrap().is_file(),
            "{:?} is not a file",
            e.path()
        );
    }
    out.sort();
    out
}

#[test]
fn uids_from_the_server_cannot_escape_the_output_directory() {
    // Each FETCH answers with a UID that tries to be a path. A UID is a number (RFC 9051 §2.3.1.1);
    // anything else is not used as a name: the file is seq-<N>.eml, inside the directory.
    let root = std::env::temp_dir().join(token("outbound-uid"));
    let dir = root.join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let hostile = [
        "../escape",
        "/tmp/abs",
        "a/b",
        "\"..\\\\x\"",
        "\"n\0l\"",
        "..",
        "5/../../x",
    ];
    for (i, uid) in hostile.iter().enumerate() {
        let seq = i + 1;
        let body = format!("Subject: {i}\r\n\r\nbody\r\n");
        let fake = FakeServer::start(vec![
            line("* OK [CAPABILITY IMAP4rev1] ready"),
            expect("A0001 LOGIN"),
            line("A0001 OK [CAPABILITY IMAP4rev1] in"),
            expect("A0002 EXAMINE"),
            line("A0002 OK [READ-ONLY] done"),
            expect("A0003 FETCH"),
            send(format!(
                "* {seq} FETCH (UID {uid} RFC822.SIZE {})\r\nA0003 OK done\r\n",
                body.len()
            )),
            expect("A0004 FETCH"),
            send(format!(
                "* {seq} FETCH (UID {uid} RFC822.SIZE {} BODY[] {{{}}}\r\n{body})\r\nA0004 OK done\r\n",
                body.len(),
                body.len()
            )),
            expect("A0005 LOGOUT"),
            line("A0005 OK"),
        ]);
        let r = run(mailctl()
            .args([
                "--json",
                "imap",
                "fetch",
                "INBOX",
                &seq.to_string(),
                "--full",
                "--force",
            ])
            .args([
                "-s",
                &fake.server_arg(),
                "-u",
                USER,
                "--timeout",
                "5s",
                "-o",
            ])
            .arg(&dir)
            .env("MAILCTL_PASSWORD", "pw-outbound-uid"));
        let _ = fake.finish();
        assert!(!r.stderr.contains("panicked"), "{r:?}");
        assert!(
            r.code == 0 || r.code == 7,
            "UID {uid:?}: unexpected outcome {}: {}",
            r.code,
            r.stdout
        );
        // Nothing outside out/, and nothing but regular files inside it.
        let mut outside: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        outside.sort();
        assert_eq!(outside, vec!["out".to_string()], "UID {uid:?}");
        for n in files_under(&dir) {
            assert!(
                n.ends_with(".eml") && !n.contains('/') && !n.starts_with('.'),
                "UID {uid:?}: file {n:?}"
            );
        }
    }
    // Every message that was written is called seq-<N>.eml: no hostile UID became a name.
    for n in files_under(&dir) {
        assert!(n.starts_with("seq-"), "{n}");
    }
    assert!(!Path::new("/tmp/abs.eml").exists());
    let _ = std::fs::remove_dir_all(&root);
}
