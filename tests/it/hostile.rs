//! The hostile-server suite: one table of (protocol, case, expected phase, expected exit code,
//! peak-RSS limit), each row played by a scripted hostile peer (`fake.rs`) against the real
//! binary, whose peak RSS is measured (GNU time's `%M`, see [`run_measured`]). Every row must end with the documented exit
//! code and a failure naming the phase, without a panic, within `--timeout` (plus slack), under
//! its memory limit. Rows already covered by a deeper test elsewhere name that test instead of
//! being played twice.
//!
//! tests/HOSTILE.md is this table (plus the RSS measured on the last refresh); a test keeps the
//! two in step. Refresh it with `UPDATE_HOSTILE=1 cargo test --test it hostile::`.

use crate::fake::{FakeServer, Step, Step::*, Transcript, expect, line, send, smtp_reply};
use crate::util::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// `--timeout` for every row.
const TIMEOUT: Duration = Duration::from_secs(2);
const USER: &str = "u@fake.test";
/// Quotes, a backslash and spaces: every escaping layer gets a chance to leak it.
const PW: &str = "h0stile \"pw\" \\ x";

/// One row of the table.
pub struct Row {
    pub proto: &'static str,
    pub case: &'static str,
    /// The failure's `error.phase`; empty when the run succeeds.
    pub phase: &'static str,
    pub exit: i32,
    /// Peak RSS limit of the mailctl process, MiB.
    pub max_rss_mib: u64,
    /// Empty: played here. Otherwise the test that covers the case.
    pub covered_by: &'static str,
}

const fn row(proto: &'static str, case: &'static str, phase: &'static str, exit: i32) -> Row {
    Row {
        proto,
        case,
        phase,
        exit,
        max_rss_mib: 32,
        covered_by: "",
    }
}

const fn big(mut r: Row, mib: u64) -> Row {
    r.max_rss_mib = mib;
    r
}

const fn elsewhere(mut r: Row, test: &'static str) -> Row {
    r.covered_by = test;
    r.max_rss_mib = 0;
    r
}

/// The table. Limits: see README "Limits against hostile servers".
pub const ROWS: &[Row] = &[
    // ------------------------------------------------------------------ SMTP
    row("smtp", "endless 250- continuation lines", "ehlo", 7),
    row("smtp", "10 MB reply line without a newline", "banner", 7),
    row(
        "smtp",
        "NUL, invalid UTF-8 and ANSI escapes in a reply (human output)",
        "banner",
        20,
    ),
    elsewhere(
        row("smtp", "data injected after STARTTLS 220", "tls", 5),
        "fake_smtp::bytes_injected_after_starttls_220_are_discarded",
    ),
    row("smtp", "certificate for the wrong name", "tls", 5),
    row("smtp", "expired certificate", "tls", 5),
    row("smtp", "self-signed certificate", "tls", 5),
    row(
        "smtp",
        "ANSI escapes in certificate names (human output)",
        "tls",
        5,
    ),
    row(
        "smtp",
        "downgrade: STARTTLS advertised, then refused (no AUTH follows)",
        "starttls",
        22,
    ),
    elsewhere(
        row(
            "smtp",
            "downgrade: STARTTLS stripped from EHLO (QUIT, nothing in clear)",
            "capability",
            18,
        ),
        "fake_smtp::starttls_required_but_not_offered_is_capability_18_and_quits_without_plaintext_mail",
    ),
    elsewhere(
        row("smtp", "slowloris: banner one byte at a time", "banner", 6),
        "fake_smtp::slowloris_banner_cannot_extend_the_timeout",
    ),
    row(
        "smtp",
        "slowloris: a continuation line every 0.5 s",
        "ehlo",
        6,
    ),
    elsewhere(
        row("smtp", "connection refused", "connect", 4),
        "fake_smtp::connect_refused_exits_4",
    ),
    row("smtp", "reset before the banner", "banner", 8),
    row("smtp", "reset after EHLO", "ehlo", 8),
    row("smtp", "reset after STARTTLS", "starttls", 8),
    row("smtp", "reset during the TLS handshake", "tls", 5),
    row("smtp", "reset after AUTH", "auth", 8),
    row("smtp", "reset after MAIL FROM", "mail", 8),
    row("smtp", "reset after RCPT TO", "rcpt", 8),
    row("smtp", "reset after DATA", "data", 8),
    row("smtp", "reset in the middle of the body", "data", 8),
    row("smtp", "reset after QUIT (message already accepted)", "", 0),
    // ------------------------------------------------------------------ POP3
    row("pop3", "endless CAPA lines", "capa", 7),
    big(
        row("pop3", "endless LIST lines (1,000,000 kept)", "command", 7),
        120,
    ),
    big(
        row(
            "pop3",
            "endless UIDL lines with 60 KB unique-ids (32 MiB kept)",
            "command",
            7,
        ),
        80,
    ),
    row("pop3", "10 MB response line without a newline", "banner", 7),
    row(
        "pop3",
        "NUL, invalid UTF-8 and ANSI escapes in -ERR (human output)",
        "banner",
        20,
    ),
    elsewhere(
        row("pop3", "data injected after STLS +OK", "tls", 5),
        "fake_pop3::bytes_injected_after_stls_ok_are_discarded",
    ),
    row("pop3", "certificate for the wrong name", "tls", 5),
    row("pop3", "expired certificate", "tls", 5),
    row("pop3", "self-signed certificate", "tls", 5),
    elsewhere(
        row(
            "pop3",
            "downgrade: STLS advertised, then refused (no USER follows)",
            "starttls",
            22,
        ),
        "fake_pop3::stls_err_is_rejected_starttls_22",
    ),
    elsewhere(
        row(
            "pop3",
            "downgrade: STLS stripped from CAPA (QUIT, nothing in clear)",
            "capability",
            18,
        ),
        "fake_pop3::starttls_not_offered_is_capability_18_quits_and_nothing_sent_in_clear",
    ),
    row(
        "pop3",
        "slowloris: RETR body one byte every 0.1 s",
        "command",
        6,
    ),
    row(
        "pop3",
        "drip: RETR body 16 KiB a second, forever (--max-time 3s)",
        "command",
        19,
    ),
    row("pop3", "reset before the greeting", "banner", 8),
    row("pop3", "reset during the TLS handshake", "tls", 5),
    row("pop3", "reset after CAPA", "capa", 8),
    row("pop3", "reset after USER", "auth", 8),
    row("pop3", "reset after PASS", "auth", 8),
    row("pop3", "reset after STAT", "command", 8),
    row("pop3", "reset in the middle of a RETR body", "command", 8),
    row(
        "pop3",
        "RETR body that never ends (LIST said 1000 octets)",
        "command",
        7,
    ),
    row("pop3", "reset after QUIT", "quit", 8),
    // ------------------------------------------------------------------ IMAP
    big(
        row(
            "imap",
            "endless untagged LIST responses (100,000 kept)",
            "command",
            7,
        ),
        80,
    ),
    big(
        row(
            "imap",
            "endless LIST responses with 4 MB mailbox names (64 MiB kept)",
            "command",
            7,
        ),
        160,
    ),
    big(
        row(
            "imap",
            "IDLE: untagged lines without pause, none answering DONE (--for 1s)",
            "command",
            6,
        ),
        // Time-bound, not count-bound: what arrives in 1 s plus one --timeout after DONE, over
        // a baseline that grew by about 1.5 MiB with the OpenPGP and CMS code (issue 16).
        48,
    ),
    big(
        row(
            "imap",
            "endless 4 MB * SEARCH lines (2,000,000 items kept)",
            "command",
            7,
        ),
        200,
    ),
    big(
        row(
            "imap",
            "one response continued by literal after literal",
            "command",
            7,
        ),
        80,
    ),
    big(
        row("imap", "10 MB response line without a newline", "banner", 7),
        40,
    ),
    elsewhere(
        row("imap", "4 GB literal where no sink takes it", "command", 7),
        "fake_imap::imap_four_gigabyte_literal_in_header_fetch_is_protocol_7_fast",
    ),
    row(
        "imap",
        "4 GB literal streamed to a file, then the server vanishes",
        "command",
        8,
    ),
    row(
        "imap",
        "4 GB BODY[] literal for a 1000-octet RFC822.SIZE",
        "command",
        7,
    ),
    row(
        "imap",
        "4 GB BODY[] literal sent before RFC822.SIZE (asked first: 1000)",
        "command",
        7,
    ),
    row(
        "imap",
        "4 GB BODY[] literal, RFC822.SIZE never sent",
        "command",
        7,
    ),
    row(
        "imap",
        "4 GB --part literal of a 1000-octet message",
        "command",
        7,
    ),
    big(
        row(
            "imap",
            "--headers: 20 messages with a 500 KB Subject and From each",
            "",
            0,
        ),
        40,
    ),
    row(
        "imap",
        "NUL, invalid UTF-8 and ANSI escapes in NO (human output)",
        "auth",
        23,
    ),
    elsewhere(
        row("imap", "data injected after STARTTLS OK", "tls", 5),
        "fake_imap::imap_bytes_injected_after_starttls_ok_are_discarded",
    ),
    row("imap", "certificate for the wrong name", "tls", 5),
    row("imap", "expired certificate", "tls", 5),
    row("imap", "self-signed certificate", "tls", 5),
    elsewhere(
        row(
            "imap",
            "downgrade: STARTTLS advertised, then refused (no LOGIN follows)",
            "starttls",
            22,
        ),
        "fake_imap::imap_starttls_no_capability_no_and_preauth_without_tls",
    ),
    elsewhere(
        row(
            "imap",
            "downgrade: STARTTLS stripped from CAPABILITY (LOGOUT, nothing in clear)",
            "capability",
            18,
        ),
        "fake_imap::imap_starttls_not_offered_is_capability_18_logs_out_and_nothing_sent_in_clear",
    ),
    row(
        "imap",
        "slowloris: an untagged response every 0.5 s",
        "select",
        6,
    ),
    row(
        "imap",
        "slowloris: literal one byte every 0.1 s",
        "command",
        6,
    ),
    row("imap", "reset before the greeting", "banner", 8),
    row("imap", "reset during the TLS handshake", "tls", 5),
    row("imap", "reset after LOGIN", "auth", 8),
    row("imap", "reset after EXAMINE", "select", 8),
    row("imap", "reset after FETCH", "command", 8),
    row("imap", "reset after LOGOUT", "", 0),
    // Issue 15: proxies, SASL servers and --pipe children that misbehave.
    elsewhere(
        row("smtp", "SOCKS5 proxy answering garbage", "proxy", 7),
        "connect_ways::socks_proxy_answering_garbage",
    ),
    elsewhere(
        row("smtp", "SOCKS5 proxy that never answers", "proxy", 6),
        "connect_ways::socks_proxy_that_stalls_is_cut_at_the_timeout",
    ),
    elsewhere(
        row("smtp", "HTTP proxy sending an endless header", "proxy", 7),
        "connect_ways::http_proxy_with_an_endless_header",
    ),
    elsewhere(
        row("smtp", "--pipe command that spawns a background job", "", 0),
        "connect_ways::pipe_session_end_reaches_the_whole_process_group",
    ),
    elsewhere(
        row(
            "smtp",
            "SCRAM server with a wrong signature (v=)",
            "auth",
            23,
        ),
        "fake_sasl::smtp_scram_wrong_server_signature_is_auth_failure_and_cancelled",
    ),
    elsewhere(
        row(
            "smtp",
            "SCRAM success (235) without a server signature",
            "auth",
            23,
        ),
        "fake_sasl::smtp_scram_success_without_server_final_is_not_trusted",
    ),
    elsewhere(
        row(
            "smtp",
            "SCRAM nonce not extending ours; 2^31 iterations",
            "auth",
            7,
        ),
        "fake_sasl::smtp_scram_nonce_not_extending_ours_is_refused",
    ),
];

// ---------------------------------------------------------------- certificates

fn cert_dir() -> PathBuf {
    PathBuf::from(rig().get("RIG_CERT_DIR"))
}

/// A rustls server config for `<name>.pem`/`<name>.key` (PEM files in `dir`).
fn server_config(dir: &Path, name: &str) -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(dir.join(format!("{name}.pem")))
            .unwrap_or_else(|e| panic!("{name}.pem: {e:?}"))
            .map(|c| c.unwrap())
            .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join(format!("{name}.key")))
        .unwrap_or_else(|e| panic!("{name}.key: {e:?}"));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Arc::new(config)
}

/// The rig's certificates: `wrongname` (other.example), `expired`, `selfsigned`.
fn rig_tls(name: &str) -> Arc<rustls::ServerConfig> {
    server_config(&cert_dir(), name)
}

/// A self-signed certificate whose subject and SAN carry ESC, BEL and an OSC title sequence,
/// made with the openssl CLI (which the rig installs) once per test run.
fn evil_tls() -> Arc<rustls::ServerConfig> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(token("hostile-cert"));
        std::fs::create_dir_all(&d).unwrap();
        let out = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
            .args(["ec_paramgen_curve:P-256", "-nodes", "-days", "30", "-utf8"])
            .arg("-keyout")
            .arg(d.join("evil.key"))
            .arg("-out")
            .arg(d.join("evil.pem"))
            .arg("-subj")
            .arg("/CN=evil\x1b]0;pwned\x07\x1b[2Jname")
            .arg("-addext")
            .arg("subjectAltName=DNS:x\x1b[31m.test")
            .stdin(Stdio::null())
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "openssl: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        d
    });
    server_config(dir, "evil")
}

fn tls_args() -> Vec<String> {
    vec![
        "--ca-file".into(),
        rig().ca().into(),
        "--sni".into(),
        "mail.rig.test".into(),
    ]
}

// ---------------------------------------------------------------- hostile bytes

/// NUL, invalid UTF-8, a CSI that clears the screen, an OSC that retitles the window, a C1 CSI,
/// and a bare CR that would overwrite the start of the line.
const NASTY: &[u8] = b"\x00nul \xff\xfe \x1b[2J\x1b]0;pwned\x07 \xc2\x9b31m \rover";

fn with_nasty(prefix: &str) -> Vec<u8> {
    [prefix.as_bytes(), NASTY, b"\r\n"].concat()
}

/// Bytes a terminal would act on; none may reach human output.
fn terminal_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}

// ---------------------------------------------------------------- scripts

fn smtp_banner() -> Vec<Step> {
    vec![line("220 fake.test ESMTP hostile")]
}

fn smtp_ehlo(caps: &[&str]) -> Vec<Step> {
    vec![
        expect("EHLO"),
        Send(smtp_reply(250, &[&["fake.test"], caps].concat())),
    ]
}

fn pop3_open() -> Vec<Step> {
    vec![
        line("+OK hostile POP3"),
        expect("CAPA"),
        send("+OK\r\nUSER\r\nUIDL\r\n.\r\n"),
        expect(&format!("USER {USER}")),
        line("+OK"),
        expect("PASS "),
        line("+OK in"),
    ]
}

/// Greeting and CAPA (USER only), up to the USER command.
fn pop3_to_user() -> Vec<Step> {
    vec![
        line("+OK hostile"),
        expect("CAPA"),
        send("+OK\r\nUSER\r\n.\r\n"),
        expect("USER"),
    ]
}

fn imap_greeting() -> Vec<Step> {
    vec![line("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hostile IMAP")]
}

fn imap_login() -> Vec<Step> {
    vec![
        expect("A0001 LOGIN"),
        line("A0001 OK [CAPABILITY IMAP4rev1] in"),
    ]
}

fn imap_examine() -> Vec<Step> {
    vec![
        expect("A0002 EXAMINE"),
        send("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\nA0002 OK [READ-ONLY] done\r\n"),
    ]
}

/// `n` copies of `step`, each followed by a pause.
fn every(ms: u64, n: usize, bytes: &[u8]) -> Vec<Step> {
    (0..n)
        .flat_map(|_| [Send(bytes.to_vec()), Sleep(ms)])
        .collect()
}

fn flood(pattern: &[u8], max: u64) -> Step {
    Flood {
        pattern: pattern.to_vec(),
        max,
    }
}

const GB: u64 = 1 << 30;

/// What a row plays and what it checks beyond exit code, phase, time and memory.
struct Scenario {
    script: Vec<Step>,
    /// Arguments after `mailctl [--json] <proto>` (pop3/imap: the subcommand first).
    args: Vec<String>,
    /// Render human output (and check it for terminal controls) instead of JSON.
    human: bool,
    /// `-q`: only the verdict. For floods of a million lines, where rendering every line as an
    /// event would measure the renderer, not the bound.
    quiet: bool,
    /// Client lines (prefixes) that must never reach the wire.
    never_sent: Vec<&'static str>,
    /// A file or directory that must be absent or empty afterwards.
    no_output: Option<PathBuf>,
}

fn sc(script: Vec<Vec<Step>>, args: &[&str]) -> Scenario {
    Scenario {
        script: script.concat(),
        args: args.iter().map(|s| s.to_string()).collect(),
        human: false,
        quiet: false,
        never_sent: vec![],
        no_output: None,
    }
}

fn scenario(r: &Row) -> Scenario {
    match (r.proto, r.case) {
        // ------------------------------------------------------------ SMTP
        ("smtp", "endless 250- continuation lines") => sc(
            vec![smtp_banner(), vec![expect("EHLO"), flood(b"250-x\r\n", GB)]],
            &[],
        ),
        ("smtp", "10 MB reply line without a newline") => {
            sc(vec![vec![send("220 "), flood(b"a", 10 << 20)]], &[])
        }
        ("smtp", "NUL, invalid UTF-8 and ANSI escapes in a reply (human output)") => human(sc(
            vec![vec![
                Send(with_nasty("554 5.3.2 ")),
                expect("QUIT"),
                Send(with_nasty("221 ")),
            ]],
            &[],
        )),
        (
            proto,
            case @ ("certificate for the wrong name"
            | "expired certificate"
            | "self-signed certificate"),
        ) => {
            let config = rig_tls(match case {
                "certificate for the wrong name" => "wrongname",
                "expired certificate" => "expired",
                _ => "selfsigned",
            });
            match proto {
                "smtp" => rig_ca(sc(
                    vec![
                        smtp_banner(),
                        smtp_ehlo(&["STARTTLS"]),
                        vec![expect("STARTTLS"), line("220 go ahead"), TlsAccept(config)],
                    ],
                    &["--starttls"],
                )),
                _ => implicit_tls(proto, vec![TlsAccept(config)]),
            }
        }
        ("smtp", "ANSI escapes in certificate names (human output)") => {
            human(implicit_tls("smtp", vec![TlsAccept(evil_tls())]))
        }
        ("smtp", "downgrade: STARTTLS advertised, then refused (no AUTH follows)") => {
            let mut s = sc(
                vec![
                    smtp_banner(),
                    smtp_ehlo(&["STARTTLS", "AUTH PLAIN LOGIN"]),
                    vec![
                        expect("STARTTLS"),
                        line("454 4.7.0 TLS not available"),
                        expect("QUIT"),
                        line("221 bye"),
                        ReadToEnd,
                    ],
                ],
                &["--starttls", "--user", USER, "--auth", "plain"],
            );
            s.never_sent = vec!["AUTH", "MAIL"];
            s
        }
        ("smtp", "slowloris: a continuation line every 0.5 s") => sc(
            vec![
                smtp_banner(),
                vec![expect("EHLO")],
                every(500, 40, b"250-x\r\n"),
            ],
            &[],
        ),
        ("smtp", "reset before the banner") => sc(vec![reset_before_greeting()], &[]),
        ("smtp", "reset after EHLO") => sc(vec![smtp_banner(), vec![expect("EHLO"), Reset]], &[]),
        ("smtp", "reset after STARTTLS") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&["STARTTLS"]),
                vec![expect("STARTTLS"), Reset],
            ],
            &["--starttls"],
        ),
        ("smtp", "reset during the TLS handshake") => rig_ca(sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&["STARTTLS"]),
                // Wait for the start of the ClientHello, then abort.
                vec![expect("STARTTLS"), line("220 go"), ReadBytes(5), Reset],
            ],
            &["--starttls"],
        )),
        (proto, "reset during the TLS handshake") => implicit_tls(proto, vec![ReadBytes(5), Reset]),
        ("smtp", "reset after AUTH") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&["AUTH PLAIN"]),
                vec![expect("AUTH PLAIN"), Reset],
            ],
            &["--user", USER, "--auth", "plain"],
        ),
        ("smtp", "reset after MAIL FROM") => sc(
            vec![smtp_banner(), smtp_ehlo(&[]), vec![expect("MAIL"), Reset]],
            &[],
        ),
        ("smtp", "reset after RCPT TO") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&[]),
                vec![expect("MAIL"), line("250 ok"), expect("RCPT"), Reset],
            ],
            &[],
        ),
        ("smtp", "reset after DATA") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&[]),
                smtp_envelope(),
                vec![expect("DATA"), Reset],
            ],
            &[],
        ),
        ("smtp", "reset in the middle of the body") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&[]),
                smtp_envelope(),
                vec![expect("DATA"), line("354 go"), ReadBytes(10), Reset],
            ],
            &[],
        ),
        ("smtp", "reset after QUIT (message already accepted)") => sc(
            vec![
                smtp_banner(),
                smtp_ehlo(&[]),
                smtp_envelope(),
                vec![
                    expect("DATA"),
                    line("354 go"),
                    ReadUntilDot,
                    line("250 2.0.0 queued"),
                    expect("QUIT"),
                    Reset,
                ],
            ],
            &[],
        ),
        // ------------------------------------------------------------ POP3
        ("pop3", "endless CAPA lines") => sc(
            vec![vec![
                line("+OK hostile"),
                expect("CAPA"),
                send("+OK\r\n"),
                flood(b"X-CAP\r\n", GB),
            ]],
            &["stat"],
        ),
        ("pop3", "endless LIST lines (1,000,000 kept)") => quiet(sc(
            vec![
                pop3_open(),
                vec![expect("LIST"), send("+OK\r\n"), flood(b"1 100\r\n", GB)],
            ],
            &["list"],
        )),
        ("pop3", "endless UIDL lines with 60 KB unique-ids (32 MiB kept)") => {
            // Lines were counted (a million), not bytes: a million 60 KB lines is 60 GB.
            let mut l = b"1 ".to_vec();
            l.extend_from_slice(&[b'u'; 60_000]);
            l.extend_from_slice(b"\r\n");
            quiet(sc(
                vec![
                    pop3_open(),
                    vec![expect("UIDL"), send("+OK\r\n"), flood(&l, GB)],
                ],
                &["uidl"],
            ))
        }
        ("pop3", "10 MB response line without a newline") => {
            sc(vec![vec![send("+OK "), flood(b"a", 10 << 20)]], &["stat"])
        }
        ("pop3", "NUL, invalid UTF-8 and ANSI escapes in -ERR (human output)") => human(sc(
            vec![vec![Send(with_nasty("-ERR ")), expect("QUIT"), line("+OK")]],
            &["stat"],
        )),
        ("pop3", "slowloris: RETR body one byte every 0.1 s") => {
            let out = out_path("pop3-drip.eml");
            let body = b"Subject: drip\r\n\r\n".repeat(20);
            let mut s = sc(
                vec![
                    pop3_open(),
                    vec![
                        expect("LIST 1"),
                        line("+OK 1 340"),
                        expect("RETR 1"),
                        line("+OK"),
                        Drip(body, 100),
                    ],
                ],
                &["retr", "1", "-o", out.to_str().unwrap()],
            );
            s.no_output = Some(out);
            s
        }
        ("pop3", "drip: RETR body 16 KiB a second, forever (--max-time 3s)") => {
            // Each 16 KiB earns the bulk transfer another --timeout (2 s), so only --max-time
            // can end this body.
            let out = out_path("pop3-forever.eml");
            let chunk = [b"x".repeat(1022), b"\r\n".to_vec()].concat().repeat(16);
            let mut s = sc(
                vec![
                    pop3_open(),
                    // LIST's size puts the retrieval bound (2 x size + 64 KiB) beyond what
                    // arrives in 3 s: this row is about time, the bound has its own row.
                    vec![
                        expect("LIST 1"),
                        line("+OK 1 1000000"),
                        expect("RETR 1"),
                        line("+OK"),
                    ],
                    every(1000, 60, &chunk),
                ],
                &["retr", "1", "--max-time", "3s", "-o", out.to_str().unwrap()],
            );
            s.no_output = Some(out);
            s
        }
        ("pop3", "reset before the greeting") => sc(vec![reset_before_greeting()], &["stat"]),
        ("pop3", "reset after CAPA") => sc(
            vec![vec![line("+OK hostile"), expect("CAPA"), Reset]],
            &["stat"],
        ),
        ("pop3", "reset after USER") => sc(vec![pop3_to_user(), vec![Reset]], &["stat"]),
        ("pop3", "reset after PASS") => sc(
            vec![pop3_to_user(), vec![line("+OK"), expect("PASS"), Reset]],
            &["stat"],
        ),
        ("pop3", "reset after STAT") => {
            sc(vec![pop3_open(), vec![expect("STAT"), Reset]], &["stat"])
        }
        ("pop3", "reset in the middle of a RETR body") => {
            let out = out_path("pop3-reset.eml");
            let mut s = sc(
                vec![
                    pop3_open(),
                    vec![
                        expect("LIST 1"),
                        line("+OK 1 5000"),
                        expect("RETR 1"),
                        line("+OK"),
                        send("Subject: cut\r\n\r\nhalf a bo"),
                        Sleep(50),
                        Reset,
                    ],
                ],
                &["retr", "1", "--delete", "-o", out.to_str().unwrap()],
            );
            s.no_output = Some(out);
            s.never_sent = vec!["DELE"];
            s
        }
        ("pop3", "RETR body that never ends (LIST said 1000 octets)") => {
            // The bulk deadline only stops a body that stalls; this one keeps coming, and
            // before the LIST bound it filled the disk.
            let out = out_path("pop3-endless.eml");
            let mut s = sc(
                vec![
                    pop3_open(),
                    vec![
                        expect("LIST 1"),
                        line("+OK 1 1000"),
                        expect("RETR 1"),
                        line("+OK"),
                        flood(b"Subject: more and more\r\n", 4 * GB),
                    ],
                ],
                &["retr", "1", "--delete", "-o", out.to_str().unwrap()],
            );
            s.no_output = Some(out);
            s.never_sent = vec!["DELE"];
            s
        }
        ("pop3", "reset after QUIT") => sc(
            vec![
                pop3_open(),
                vec![expect("STAT"), line("+OK 1 10"), expect("QUIT"), Reset],
            ],
            &["stat"],
        ),
        // ------------------------------------------------------------ IMAP
        ("imap", "endless untagged LIST responses (100,000 kept)") => quiet(sc(
            vec![
                imap_greeting(),
                imap_login(),
                vec![expect("A0002 LIST"), flood(b"* LIST () \"/\" box\r\n", GB)],
            ],
            &["list"],
        )),
        ("imap", "endless LIST responses with 4 MB mailbox names (64 MiB kept)") => {
            // 100,000 responses were allowed whatever their size: 400 GB of names.
            let mut line = b"* LIST () \"/\" \"".to_vec();
            line.extend_from_slice(&[b'n'; 4 << 20]);
            line.extend_from_slice(b"\"\r\n");
            quiet(sc(
                vec![
                    imap_greeting(),
                    imap_login(),
                    vec![expect("A0002 LIST"), flood(&line, GB)],
                ],
                &["list"],
            ))
        }
        ("imap", "IDLE: untagged lines without pause, none answering DONE (--for 1s)") => {
            // After DONE the wait for the tagged reply was extended by every line that arrived,
            // and IDLE runs without --max-time: a server streaming on held the client for a
            // million responses. Now one --timeout after DONE.
            quiet(sc(
                vec![
                    vec![
                        line("* OK [CAPABILITY IMAP4rev1 IDLE] hostile IMAP"),
                        expect("A0001 LOGIN"),
                        line("A0001 OK [CAPABILITY IMAP4rev1 IDLE] in"),
                    ],
                    imap_examine(),
                    vec![
                        expect("A0003 IDLE"),
                        send("+ idling\r\n"),
                        flood(b"* 1 RECENT\r\n", GB),
                    ],
                ],
                &["idle", "INBOX", "--for", "1s"],
            ))
        }
        ("imap", "endless 4 MB * SEARCH lines (2,000,000 items kept)") => {
            // Each line is two million numbers: responses were counted, items were not (60 such
            // lines took 23 GB before the kill).
            let mut line = b"* SEARCH".to_vec();
            line.extend_from_slice(&b" 1".repeat(2_000_000));
            line.extend_from_slice(b"\r\n");
            quiet(sc(
                vec![
                    imap_greeting(),
                    imap_login(),
                    imap_examine(),
                    vec![expect("A0003 SEARCH ALL"), flood(&line, GB)],
                ],
                &["search", "INBOX", "ALL"],
            ))
        }
        ("imap", "one response continued by literal after literal") => {
            let mut pattern = vec![b'a'; 1 << 20];
            pattern.extend_from_slice(b" {1048576}\r\n");
            sc(
                vec![
                    imap_greeting(),
                    imap_login(),
                    vec![
                        expect("A0002 LIST"),
                        send("* LIST () \"/\" {1048576}\r\n"),
                        Flood {
                            pattern,
                            max: 4 * GB,
                        },
                    ],
                ],
                &["list"],
            )
        }
        ("imap", "10 MB response line without a newline") => sc(
            vec![vec![send("* OK "), flood(b"a", 10 << 20)]],
            &["select", "INBOX"],
        ),
        ("imap", "4 GB literal streamed to a file, then the server vanishes") => {
            imap_fetch_to_dir("imap-4g", 4 * GB, flood(b"Subject: x\r\n", 4 << 20))
        }
        ("imap", "4 GB BODY[] literal for a 1000-octet RFC822.SIZE") => {
            // Refused when announced: not a byte of it is stored.
            imap_fetch_sized(
                "imap-oversize",
                1000,
                4 * GB,
                flood(b"Subject: x\r\n", 4 << 20),
            )
        }
        ("imap", "4 GB BODY[] literal sent before RFC822.SIZE (asked first: 1000)") => {
            // The size asked for first bounds the literal, whatever order the items come in.
            imap_fetch_with(
                "imap-size-after",
                "* 1 FETCH (UID 5 RFC822.SIZE 1000)",
                "(UID RFC822.SIZE BODY.PEEK[])",
                format!("* 1 FETCH (UID 5 BODY[] {{{}}}\r\n", 4 * GB),
                flood(b"Subject: x\r\n", 4 << 20),
                None,
            )
        }
        ("imap", "4 GB BODY[] literal, RFC822.SIZE never sent") => imap_fetch_with(
            "imap-no-size",
            "* 1 FETCH (UID 5)",
            "(UID RFC822.SIZE BODY.PEEK[])",
            format!("* 1 FETCH (UID 5 BODY[] {{{}}}\r\n", 4 * GB),
            flood(b"Subject: x\r\n", 4 << 20),
            None,
        ),
        ("imap", "4 GB --part literal of a 1000-octet message") => imap_fetch_with(
            "imap-part-4g",
            "* 1 FETCH (UID 5 RFC822.SIZE 1000)",
            "(UID BODY.PEEK[1])",
            format!("* 1 FETCH (UID 5 BODY[1] {{{}}}\r\n", 4 * GB),
            flood(b"Subject: x\r\n", 4 << 20),
            Some("1"),
        ),
        ("imap", "--headers: 20 messages with a 500 KB Subject and From each") => {
            // Each field is cut at 998 characters (RFC 5322 §2.1.1) for the row: the table, the
            // JSON and the escaped text held several copies of 1 MB per message before.
            let hdr = format!(
                "Subject: {}\r\nFrom: {}@x.test\r\n\r\n",
                "s".repeat(500_000),
                "f".repeat(500_000)
            );
            let mut resp = String::new();
            for i in 1..=20 {
                resp.push_str(&format!(
                    "* {i} FETCH (UID {i} FLAGS () RFC822.SIZE 10 BODY[HEADER.FIELDS (DATE FROM SUBJECT)] {{{}}}\r\n{hdr})\r\n",
                    hdr.len()
                ));
            }
            resp.push_str("A0003 OK done\r\n");
            sc(
                vec![
                    imap_greeting(),
                    imap_login(),
                    imap_examine(),
                    vec![
                        expect("A0003 FETCH 1:20 (UID FLAGS RFC822.SIZE"),
                        send(resp),
                    ],
                    vec![expect("A0004 LOGOUT"), line("A0004 OK")],
                ],
                &["fetch", "INBOX", "1:20", "--headers"],
            )
        }
        ("imap", "NUL, invalid UTF-8 and ANSI escapes in NO (human output)") => human(sc(
            vec![
                imap_greeting(),
                vec![
                    expect("A0001 LOGIN"),
                    Send(with_nasty("A0001 NO ")),
                    expect("A0002 LOGOUT"),
                    line("A0002 OK"),
                ],
            ],
            &["select", "INBOX"],
        )),
        ("imap", "slowloris: an untagged response every 0.5 s") => sc(
            vec![
                imap_greeting(),
                imap_login(),
                vec![expect("A0002 EXAMINE")],
                every(500, 40, b"* OK still here\r\n"),
            ],
            &["select", "INBOX"],
        ),
        ("imap", "slowloris: literal one byte every 0.1 s") => {
            imap_fetch_to_dir("imap-drip", 400, Drip(vec![b'x'; 400], 100))
        }
        ("imap", "reset before the greeting") => {
            sc(vec![reset_before_greeting()], &["select", "INBOX"])
        }
        ("imap", "reset after LOGIN") => sc(
            vec![imap_greeting(), vec![expect("A0001 LOGIN"), Reset]],
            &["select", "INBOX"],
        ),
        ("imap", "reset after EXAMINE") => sc(
            vec![
                imap_greeting(),
                imap_login(),
                vec![expect("A0002 EXAMINE"), Reset],
            ],
            &["select", "INBOX"],
        ),
        ("imap", "reset after FETCH") => sc(
            vec![
                imap_greeting(),
                imap_login(),
                imap_examine(),
                vec![expect("A0003 FETCH"), Reset],
            ],
            &["fetch", "INBOX", "1"],
        ),
        ("imap", "reset after LOGOUT") => sc(
            vec![
                imap_greeting(),
                imap_login(),
                imap_examine(),
                vec![expect("A0003 LOGOUT"), Reset],
            ],
            &["select", "INBOX"],
        ),
        other => panic!("no scenario for row {other:?}"),
    }
}

fn quiet(mut s: Scenario) -> Scenario {
    s.quiet = true;
    s
}

fn human(mut s: Scenario) -> Scenario {
    s.human = true;
    s
}

/// With the rig's CA and TLS name, for rows that get as far as a certificate check.
fn rig_ca(mut s: Scenario) -> Scenario {
    s.args.extend(tls_args());
    s
}

fn smtp_envelope() -> Vec<Step> {
    vec![
        expect("MAIL"),
        line("250 ok"),
        expect("RCPT"),
        line("250 ok"),
    ]
}

/// `--tls` (implicit TLS, the rig's CA and TLS name) with `steps` from the first byte; POP3 runs
/// STAT and IMAP CAPABILITY.
fn implicit_tls(proto: &str, steps: Vec<Step>) -> Scenario {
    let args: &[&str] = match proto {
        "smtp" => &["--tls"],
        "pop3" => &["stat", "--tls"],
        _ => &["capability", "--tls"],
    };
    rig_ca(sc(vec![steps], args))
}

/// `imap fetch INBOX 1 --full -o DIR`: the server announces a literal of `size` octets for message
/// 1 and then plays `body`; DIR must be left empty.
fn imap_fetch_to_dir(tag: &str, size: u64, body: Step) -> Scenario {
    imap_fetch_sized(tag, size, size, body)
}

/// `fetch --full` of one message whose RFC822.SIZE is `rfc822` and BODY[] literal `literal`.
fn imap_fetch_sized(tag: &str, rfc822: u64, literal: u64, body: Step) -> Scenario {
    imap_fetch_with(
        tag,
        &format!("* 1 FETCH (UID 5 RFC822.SIZE {rfc822})"),
        "(UID RFC822.SIZE BODY.PEEK[])",
        format!("* 1 FETCH (UID 5 RFC822.SIZE {rfc822} BODY[] {{{literal}}}\r\n"),
        body,
        None,
    )
}

/// `fetch` of message 1: `sizes` answers the `(UID RFC822.SIZE)` asked first, then `items` is
/// the body FETCH and `head` + `body` its answer; `--full` into a directory, or with `part`
/// `--part` into a file. Either output must be absent or empty afterwards.
fn imap_fetch_with(
    tag: &str,
    sizes: &str,
    items: &str,
    head: String,
    body: Step,
    part: Option<&str>,
) -> Scenario {
    let dir = out_path(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = sc(
        vec![
            imap_greeting(),
            imap_login(),
            imap_examine(),
            vec![
                expect("A0003 FETCH 1 (UID RFC822.SIZE)"),
                send(format!("{sizes}\r\nA0003 OK done\r\n")),
                expect(&format!("A0004 FETCH 1 {items}")),
                send(head),
                body,
            ],
        ],
        &["fetch", "INBOX", "1", "--force", "-o"],
    );
    match part {
        None => {
            s.args.push(dir.to_str().unwrap().into());
            s.args.push("--full".into());
        }
        Some(sec) => {
            s.args.push(dir.join("part.out").to_str().unwrap().into());
            s.args.extend(["--part".into(), sec.into()]);
        }
    }
    s.no_output = Some(dir);
    s
}

fn out_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mailctl-{}", token(tag)))
}

// ---------------------------------------------------------------- running and measuring

/// A finished run with the peak RSS of the mailctl process.
pub struct Measured {
    pub run: Run,
    pub rss_kib: u64,
    pub took: Duration,
}

/// Keep the head and the tail of a stream: a flood of events must not flood the test process.
fn read_bounded(mut r: impl Read) -> String {
    const KEEP: usize = 1 << 20;
    let mut head = Vec::new();
    let mut tail: Vec<u8> = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let mut cut = false;
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 {
            break;
        }
        if head.len() < KEEP {
            head.extend_from_slice(&buf[..n]);
            continue;
        }
        tail.extend_from_slice(&buf[..n]);
        if tail.len() > 2 * KEEP {
            tail.drain(..tail.len() - KEEP);
            cut = true;
        }
    }
    if !cut && tail.is_empty() {
        return String::from_utf8_lossy(&head).into_owned();
    }
    // Only whole lines from the tail, so JSON Lines still parse.
    let start = tail.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let head_end = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut out = head[..head_end].to_vec();
    out.extend_from_slice(&tail[if cut { start } else { 0 }..]);
    String::from_utf8_lossy(&out).into_owned()
}

/// Run to completion under a hard limit, measuring mailctl's peak RSS.
///
/// The measurement goes through GNU time (`/usr/bin/time -f %M`, Debian package `time`, which
/// tests/run installs): Linux charges a child the parent's peak RSS when it execs from a
/// vfork/posix_spawn (the old mm's high-water mark is kept in `ru_maxrss`), so a direct wait4 on
/// a child of this big, multi-threaded test process would report the test's own memory. GNU
/// time is tiny and forks a fresh child, so its report is mailctl's own peak.
pub fn run_measured(cmd: &Command, limit: Duration) -> Measured {
    use std::os::unix::process::CommandExt;
    let rss_file = std::env::temp_dir().join(token("rss"));
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .args(["-q", "-f", "%M", "-o"])
        .arg(&rss_file)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so a timeout kills mailctl too, not just time.
        .process_group(0);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    let started = Instant::now();
    let mut child = wrapped
        .spawn()
        .expect("spawn /usr/bin/time (install the Debian package `time`)");
    let pgid = child.id() as libc::pid_t;
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || read_bounded(out));
    let err_t = std::thread::spawn(move || read_bounded(err));
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if done_rx.recv_timeout(limit).is_err() {
            // SAFETY: the process group this test started for this run.
            unsafe { libc::kill(-pgid, libc::SIGKILL) };
            return true;
        }
        false
    });
    let status = child.wait().expect("wait for /usr/bin/time");
    let took = started.elapsed();
    let _ = done_tx.send(());
    let killed = watchdog.join().unwrap();
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    assert!(!killed, "mailctl did not finish within {limit:?}: {cmd:?}");
    let rss = std::fs::read_to_string(&rss_file).unwrap_or_default();
    let _ = std::fs::remove_file(&rss_file);
    // GNU time reports a child killed by a signal on a line of its own before the number.
    let rss_kib = rss
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no RSS from /usr/bin/time: {rss:?}"));
    Measured {
        run: Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        },
        rss_kib,
        took,
    }
}

fn command(r: &Row, s: &Scenario, fake: &FakeServer) -> Command {
    let mut c = mailctl();
    if s.quiet {
        c.arg("-q");
    } else if !s.human {
        c.arg("--json");
    }
    c.arg(r.proto);
    let addr = fake.server_arg();
    let timeout = format!("{}s", TIMEOUT.as_secs());
    match r.proto {
        "smtp" => {
            c.args(["send", "-s", &addr, "--from", "sender@client.test"])
                .args(["--helo", "client.test", "--to", "rcpt@fake.test"]);
            c.args(&s.args);
            if s.args.iter().any(|a| a == "--user") {
                c.args(["--password-env", "HOSTILE_PW"]);
            }
        }
        _ => {
            let (sub, rest) = s.args.split_first().unwrap();
            c.arg(sub).args(["-s", &addr, "-u", USER]).args(rest);
        }
    }
    c.args(["--timeout", &timeout])
        .env("HOSTILE_PW", PW)
        .env("MAILCTL_PASSWORD", PW);
    c
}

/// Play one row; Ok(measured peak RSS in KiB) or what went wrong.
fn play(r: &Row) -> Result<u64, String> {
    let mut s = scenario(r);
    let script = std::mem::take(&mut s.script);
    let fake = FakeServer::start_with_limit(script, Duration::from_secs(30));
    let cmd = command(r, &s, &fake);
    let m = run_measured(&cmd, Duration::from_secs(60));
    let t = fake.finish();
    check(r, &s, &m, &t).map(|_| m.rss_kib).map_err(|e| {
        format!(
            "{e}\n  took {:?}, {} KiB; fake: {:?}, client lines {:?}\n  stdout (tail): {}\n  stderr: {}",
            m.took,
            m.rss_kib,
            t.error,
            t.text_lines().iter().take(20).collect::<Vec<_>>(),
            tail(&m.run.stdout, 1500),
            tail(&m.run.stderr, 1500),
        )
    })
}

fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// Reset an accepted connection before any greeting. The pause first lets the client see its
/// connect() complete: a RST that lands before the client polls the new socket is reported by
/// the kernel as a failed connect (exit 4), which is a different row (seen on a loaded CI).
fn reset_before_greeting() -> Vec<Step> {
    vec![Sleep(200), Reset]
}

fn check(r: &Row, s: &Scenario, m: &Measured, t: &Transcript) -> Result<(), String> {
    let run = &m.run;
    let all = format!("{}{}", run.stdout, run.stderr);
    if all.contains("panicked") {
        return Err("mailctl panicked".into());
    }
    if run.code != r.exit {
        return Err(format!("exit {} instead of {}", run.code, r.exit));
    }
    // No hang past --timeout: a timeout costs one --timeout; anything else at most a reply wait
    // and a QUIT wait.
    // The volume rows (`big`: a million LIST lines, literal after literal) end when a size cap
    // is hit, not on a wait: their time is the work of a debug build reading that much on a
    // busy 2-core CI machine (5.6 s seen), so they get a work budget instead of a wait budget.
    let budget = if r.max_rss_mib > 32 {
        Duration::from_secs(20)
    } else if r.exit == 6 {
        TIMEOUT + Duration::from_millis(1500)
    } else {
        2 * TIMEOUT + Duration::from_millis(1500)
    };
    if m.took > budget {
        return Err(format!("took {:?}, more than {budget:?}", m.took));
    }
    if m.rss_kib > r.max_rss_mib * 1024 {
        return Err(format!(
            "peak RSS {} KiB over the {} MiB limit",
            m.rss_kib, r.max_rss_mib
        ));
    }
    if all.contains(PW) {
        return Err("the password reached the output".into());
    }
    if String::from_utf8_lossy(&t.raw).contains(PW) && r.proto == "smtp" {
        // SMTP scenarios never get as far as sending a password (AUTH PLAIN carries it in
        // base64, checked via never_sent where it matters).
        return Err("the password went on the wire".into());
    }
    for v in &s.never_sent {
        if t.saw(v) {
            return Err(format!("{v} was sent: {:?}", t.text_lines()));
        }
    }
    if let Some(p) = &s.no_output {
        let left: Vec<_> = if p.is_dir() {
            std::fs::read_dir(p)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect()
        } else {
            let mut left = temp_leftovers(p);
            if p.exists() {
                left.push(p.clone());
            }
            left
        };
        if !left.is_empty() {
            return Err(format!("files left behind: {left:?}"));
        }
    }
    if s.human || s.quiet {
        let ctl = terminal_controls(&all);
        if !ctl.is_empty() {
            return Err(format!(
                "terminal control characters in human output: {ctl:?}"
            ));
        }
        let want = if r.exit == 0 {
            "OK ".to_string()
        } else {
            format!("{} failed (exit {}", r.phase, r.exit)
        };
        // The verdict is on stdout, or on stderr for a command whose stdout carries results
        // (pop3 list, imap search…: curl's convention).
        if !run.stdout.contains(&want) && !run.stderr.contains(&want) {
            return Err(format!("verdict does not say {want:?}"));
        }
        return Ok(());
    }
    let summary = run
        .stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .ok_or("no JSON summary")?;
    if summary["type"] != "summary" || summary["exit_code"] != r.exit {
        return Err(format!("summary does not match: {summary}"));
    }
    if r.exit == 0 {
        if summary["outcome"] != "ok" {
            return Err(format!("outcome not ok: {summary}"));
        }
    } else {
        if summary["error"]["phase"] != r.phase {
            return Err(format!(
                "phase {} instead of {}",
                summary["error"]["phase"], r.phase
            ));
        }
        let msg = summary["error"]["message"].as_str().unwrap_or("");
        if msg.is_empty() {
            return Err("the error has no message".into());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- the tests

/// Every row played here, four at a time (they mostly wait on timers and sockets).
#[test]
fn hostile_servers_fail_cleanly_with_bounded_memory_and_time() {
    let rows: Vec<&'static Row> = ROWS.iter().filter(|r| r.covered_by.is_empty()).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|sc| {
        for _ in 0..4 {
            sc.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(r) = rows.get(i) else { break };
                    let res = play(r);
                    results.lock().unwrap().push((i, res));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(i, res)| {
            res.as_ref()
                .err()
                .map(|e| format!("[{} / {}] {e}", rows[*i].proto, rows[*i].case))
        })
        .collect();
    if std::env::var_os("UPDATE_HOSTILE").is_some() && failures.is_empty() {
        let measured: Vec<(&str, &str, u64)> = results
            .iter()
            .map(|(i, res)| (rows[*i].proto, rows[*i].case, *res.as_ref().unwrap()))
            .collect();
        std::fs::write(doc_path(), render_doc(&measured)).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {} hostile rows failed:\n\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n\n")
    );
}

fn doc_path() -> PathBuf {
    repo_root().join("tests/HOSTILE.md")
}

const DOC_HEAD: &str = "# Hostile-server suite

Generated from `ROWS` in `tests/it/hostile.rs` (refresh with
`UPDATE_HOSTILE=1 cargo test --test it hostile::`); a test fails when this table and the rows
drift apart. Each row is a scripted hostile peer played against the real binary with
`--timeout 2s`: the run must end with this exit code and a failure naming this phase (an empty
phase: the run succeeds), without a panic, within the timeout plus slack (rows with an RSS limit over 32 MiB, which end at a size cap:
within 20 s of work), with the mailctl
process's peak RSS (GNU time `%M`, debug build) under the limit. Rows tested elsewhere name
the test. Limits that keep memory bounded are listed in README.md (\"Limits against hostile
servers\").

| protocol | case | phase | exit | RSS limit (MiB) | RSS measured (MiB) | tested by |
|---|---|---|---|---|---|---|
";

/// The table as markdown; `measured` gives the peak RSS per played row.
fn render_doc(measured: &[(&str, &str, u64)]) -> String {
    let mut out = DOC_HEAD.to_string();
    for r in ROWS {
        let m = measured
            .iter()
            .find(|(p, c, _)| *p == r.proto && *c == r.case)
            .map(|(_, _, kib)| format!("{:.1}", *kib as f64 / 1024.0))
            .unwrap_or_else(|| "—".into());
        out.push_str(&format!("{} | {m} | {} |\n", row_key(r), tested_by(r)));
    }
    out
}

/// The columns of a row that the document must reproduce exactly.
fn row_key(r: &Row) -> String {
    let limit = if r.covered_by.is_empty() {
        r.max_rss_mib.to_string()
    } else {
        "—".into()
    };
    format!(
        "| {} | {} | {} | {} | {limit}",
        r.proto,
        r.case,
        if r.phase.is_empty() { "—" } else { r.phase },
        r.exit
    )
}

fn tested_by(r: &Row) -> String {
    if r.covered_by.is_empty() {
        "`hostile::hostile_servers_fail_cleanly_with_bounded_memory_and_time`".into()
    } else {
        format!("`{}`", r.covered_by)
    }
}

#[test]
fn hostile_doc_matches_the_rows() {
    let doc = std::fs::read_to_string(doc_path()).expect("tests/HOSTILE.md");
    assert!(
        doc.starts_with(DOC_HEAD),
        "tests/HOSTILE.md header drifted: refresh with UPDATE_HOSTILE=1"
    );
    let lines: Vec<&str> = doc[DOC_HEAD.len()..].lines().collect();
    assert_eq!(
        lines.len(),
        ROWS.len(),
        "tests/HOSTILE.md has {} rows, the suite {}: refresh with UPDATE_HOSTILE=1",
        lines.len(),
        ROWS.len()
    );
    for (l, r) in lines.iter().zip(ROWS) {
        let key = row_key(r);
        assert!(
            l.starts_with(&format!("{key} | ")) && l.ends_with(&format!(" | {} |", tested_by(r))),
            "tests/HOSTILE.md row drifted (refresh with UPDATE_HOSTILE=1):\n  doc:   {l}\n  suite: {key} | … | {} |",
            tested_by(r)
        );
        // A measured value, if any, is under the limit.
        let measured = l[key.len() + 3..].split(" | ").next().unwrap_or("");
        if let Ok(mib) = measured.parse::<f64>() {
            assert!(
                mib <= r.max_rss_mib as f64,
                "{l}: measured RSS over the limit"
            );
        }
    }
    // Every referenced test exists.
    for r in ROWS.iter().filter(|r| !r.covered_by.is_empty()) {
        let (module, name) = r.covered_by.split_once("::").unwrap();
        let src = std::fs::read_to_string(repo_root().join(format!("tests/it/{module}.rs")))
            .unwrap_or_else(|e| panic!("{module}: {e}"));
        assert!(
            src.contains(&format!("fn {name}()")),
            "{} does not exist",
            r.covered_by
        );
    }
}
