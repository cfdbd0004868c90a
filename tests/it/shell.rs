//! `smtp|pop3|imap shell` against the real rig: scripts from a file, from stdin and from
//! `--send`/`--expect`; STARTTLS typed as a command; `:auth`, `:login` and `:data`; an unmet
//! expectation failing in its command's phase; and the interactive editor under a
//! pseudo-terminal (typing, history, Ctrl-D, the server hanging up at the prompt). A scripted
//! fake peer only for what Postfix will not do: bytes injected after STARTTLS's 220.

use crate::fake::{FakeServer, ReadToEnd, Sleep, Stall, TlsAccept, expect, line, send};
use crate::util::*;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn tls_args(cmd: &mut std::process::Command) -> &mut std::process::Command {
    let r = rig();
    cmd.args(["--ca-file", r.ca(), "--sni", r.get("RIG_TLS_NAME")])
}

/// Run with `input` on stdin (a pipe: the shell reads it as its script).
fn run_with_stdin(cmd: &mut std::process::Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailctl");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("mailctl did not finish within 60 s")
        .expect("wait for mailctl");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn assert_ok(r: &Run) {
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
}

#[test]
fn smtp_script_starttls_auth_and_data_deliver_the_file_intact() {
    let r = rig();
    let tok = token("shell-data");
    let dir = std::env::temp_dir().join(token("shell"));
    std::fs::create_dir_all(&dir).unwrap();
    // Bare LF line ends (become CRLF) and lines a missing dot-stuffing would eat or end early:
    // a lone ".", "..", ".x".
    let msg = format!(
        "From: alice@rig.test\nTo: alice@rig.test\nSubject: {tok}\n\nfirst\n.\n..\n.x dot line\nlast {tok}\n"
    );
    let msg_path = dir.join("msg.eml");
    std::fs::write(&msg_path, &msg).unwrap();
    let script = format!(
        "# submission with STARTTLS typed by hand\n< 220\n> EHLO shell.test\n< 250 STARTTLS\nSTARTTLS\n< 220\nEHLO shell.test\n< 250 AUTH\n:auth plain\n< 235\nMAIL FROM:<alice@rig.test>\n< 250\nRCPT TO:<alice@rig.test>\n< 25\n:data {}\n< 250\n",
        msg_path.display()
    );
    let script_path = dir.join("probe.script");
    std::fs::write(&script_path, script).unwrap();
    let run = run(tls_args(
        mailctl()
            .args(["--json", "smtp", "shell", "-s"])
            .arg(r.addr("RIG_SUBMISSION_PORT"))
            .args(["--user", r.get("RIG_USER"), "--password-env", "SHELL_PW"])
            .env("SHELL_PW", r.get("RIG_PASSWORD"))
            .arg("--script")
            .arg(&script_path),
    ));
    assert_ok(&run);
    let d = run.dialogue();
    assert!(d.contains(&"C: STARTTLS".to_string()), "{d:?}");
    assert!(d.contains(&"C: AUTH PLAIN ***".to_string()), "{d:?}");
    assert!(d.contains(&"C: QUIT".to_string()), "QUIT at the end: {d:?}");
    assert!(!run.stdout.contains(r.get("RIG_PASSWORD")));
    let all = run.json();
    let tls_at = all
        .iter()
        .position(|e| e["type"] == "tls")
        .expect("tls event");
    let ehlo2 = all
        .iter()
        .rposition(|e| e["type"] == "sent" && e["line"] == "EHLO shell.test")
        .unwrap();
    assert!(tls_at < ehlo2, "the second EHLO goes inside TLS");
    assert!(
        all.iter()
            .any(|e| e["type"] == "data_summary" && e["lines"] == 9),
        "{}",
        run.stdout
    );
    let s = run.summary();
    assert_eq!(s["expectations_met"], 8, "{s}");
    assert_eq!(s["tls"], true, "{s}");
    let got = wait_for_message(&r.maildir("alice"), &format!("last {tok}"));
    let got = String::from_utf8_lossy(&normalise(&got)).into_owned();
    assert!(
        got.contains("\n\nfirst\n.\n..\n.x dot line\nlast "),
        "body not intact:\n{got}"
    );
}

#[test]
fn pop3_script_on_stdin_upgrades_logs_in_and_stats() {
    let r = rig();
    let script = "< +OK\nSTLS\n< +OK\nCAPA\n< +OK USER\n:login\n< +OK\nSTAT\n< +OK\nQUIT\n< +OK\n";
    let run = run_with_stdin(
        tls_args(
            mailctl()
                .args(["--json", "pop3", "shell", "-s"])
                .arg(r.addr("RIG_POP3_PORT"))
                .args(["--user", r.get("RIG_USER"), "--password-env", "SHELL_PW"])
                .env("SHELL_PW", r.get("RIG_PASSWORD")),
        ),
        script,
    );
    assert_ok(&run);
    let d = run.dialogue();
    assert!(d.contains(&"C: PASS ***".to_string()), "{d:?}");
    assert!(
        d.iter()
            .any(|l| l.starts_with("S: +OK") && d.contains(&"C: STAT".into()))
    );
    // CAPA's body was read to its end: STAT's answer is its own.
    let stat = d.iter().position(|l| l == "C: STAT").unwrap();
    assert!(d[stat + 1].starts_with("S: +OK "), "{d:?}");
    assert_eq!(run.summary()["expectations_met"], 6);
    assert!(!run.stdout.contains(r.get("RIG_PASSWORD")));
}

#[test]
fn imap_send_expect_pairs_get_tags_upgrade_and_log_in() {
    let r = rig();
    let mut cmd = mailctl();
    cmd.args(["--json", "imap", "shell", "-s"])
        .arg(r.addr("RIG_IMAP_PORT"))
        .args(["--user", r.get("RIG_USER"), "--password-env", "SHELL_PW"])
        .env("SHELL_PW", r.get("RIG_PASSWORD"));
    for (send, expect) in [
        ("capability", "OK"),
        ("STARTTLS", "OK"),
        (":auth plain", "OK"),
        ("select INBOX", "OK EXISTS"),
        ("t9 NOOP", "OK"),
        ("logout", "OK"),
    ] {
        cmd.args(["--send", send, "--expect", expect]);
    }
    let run = run(tls_args(&mut cmd));
    assert_ok(&run);
    let d = run.dialogue();
    for want in [
        "C: a1 capability",
        "C: a2 STARTTLS",
        // No SASL-IR: what was learned before STARTTLS is void (RFC 9051 §6.2.1), so the
        // initial response waits for the server's "+".
        "C: a3 AUTHENTICATE PLAIN",
        "C: ***",
        "C: a4 select INBOX",
        "C: t9 NOOP",
        "C: a5 logout",
    ] {
        assert!(d.iter().any(|l| l == want), "{want} missing: {d:?}");
    }
    assert!(d.iter().any(|l| l.starts_with("S: a4 OK")), "{d:?}");
    // LOGOUT ended the session: no second one.
    assert_eq!(
        d.iter()
            .filter(|l| l.contains("LOGOUT") || l.contains("logout"))
            .count(),
        1
    );
    assert_eq!(run.summary()["expectations_met"], 6);
}

#[test]
fn an_unmet_expectation_quits_and_fails_in_its_commands_phase() {
    let r = rig();
    let script = "EHLO shell.test\n< 250\nMAIL FROM:<alice@rig.test>\n< 250\nRCPT TO:<alice@rig.test>\n< 550 rejected\nNOOP\n";
    let run = run_with_stdin(
        mailctl()
            .args(["--json", "smtp", "shell", "-s"])
            .arg(r.addr("RIG_SMTP_PORT")),
        script,
    );
    let s = run.failed_at(25, "rcpt");
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("line 6") && msg.contains("expected 550") && msg.contains("got 250"),
        "{msg}"
    );
    assert!(
        s["error"]["reply"].as_str().unwrap().starts_with("250"),
        "{s}"
    );
    let d = run.dialogue();
    assert_eq!(
        d.last().map(String::as_str),
        Some("S: 221 2.0.0 Bye"),
        "{d:?}"
    );
    assert!(
        !d.contains(&"C: NOOP".to_string()),
        "the script stopped: {d:?}"
    );

    // -q: the one-line verdict names the phase and the expectation.
    let q = run_with_stdin(
        mailctl()
            .args(["-q", "smtp", "shell", "-s"])
            .arg(r.addr("RIG_SMTP_PORT"))
            .args(["--send", "EHLO shell.test", "--expect", "5"]),
        "",
    );
    assert_eq!(q.code, 21, "{q:?}");
    assert_eq!(q.stdout.lines().count(), 1, "{}", q.stdout);
    assert!(
        q.stdout.contains("ehlo") && q.stdout.contains("expected 5, got 250"),
        "{}",
        q.stdout
    );
}

fn server_tls() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = std::path::PathBuf::from(rig().get("RIG_CERT_DIR"));
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    )
}

#[test]
fn bytes_injected_after_a_typed_starttls_are_discarded_and_reported() {
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        expect("STARTTLS"),
        send("220 go ahead\r\n250 injected\r\n"),
        TlsAccept(server_tls()),
    ]);
    let run = run(mailctl()
        .args(["--json", "smtp", "shell", "-s", &fake.server_arg()])
        .args(["--ca-file", rig().ca()])
        .args(["--send", "STARTTLS", "--expect", "220"]));
    let t = fake.finish();
    t.assert_ok();
    assert_eq!(t.tls, Some(Ok(())), "the handshake completed");
    let all = run.json();
    let disc: Vec<_> = all.iter().filter(|e| e["type"] == "discarded").collect();
    assert_eq!(disc.len(), 1, "{}", run.stdout);
    assert_eq!(disc[0]["bytes"], 14);
    assert!(run.warnings().iter().any(|w| w.contains("discarded")));
    let d = run.dialogue();
    assert!(!d.iter().any(|l| l.contains("injected")), "{d:?}");
    let pos = |ty: &str| all.iter().position(|e| e["type"] == ty).unwrap();
    assert!(pos("discarded") < pos("tls"));
    assert!(!run.stderr.contains("panicked"));
    assert_eq!(run.summary()["tls"], true);
}

// ---------------------------------------------------------------- on a terminal

/// mailctl with stdin, stdout and stderr on a new pseudo-terminal; the test types into the
/// master side and reads the screen from it.
struct Pty {
    master: std::fs::File,
    screen: Arc<Mutex<Vec<u8>>>,
    child: std::process::Child,
}

impl Pty {
    fn spawn(cmd: &mut std::process::Command) -> Pty {
        let (mut m, mut s) = (-1, -1);
        let ws = libc::winsize {
            ws_row: 50,
            ws_col: 200,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors into the given ints; no name, no termios.
        let rc =
            unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned by nobody else.
        let (master, slave) = unsafe { (OwnedFd::from_raw_fd(m), OwnedFd::from_raw_fd(s)) };
        let child = cmd
            .env("TERM", "xterm")
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave.try_clone().unwrap())
            .spawn()
            .expect("spawn mailctl");
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        drop(slave);
        let _ = master.as_raw_fd();
        let master = std::fs::File::from(master);
        let screen = Arc::new(Mutex::new(Vec::new()));
        let (mut reader, sink) = (master.try_clone().unwrap(), screen.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            master,
            screen,
            child,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().unwrap()).replace("\r\n", "\n")
    }

    /// Wait until `needle` has appeared `n` times on the screen.
    #[track_caller]
    fn wait_for(&self, needle: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.text().matches(needle).count() < n {
            assert!(
                Instant::now() < deadline,
                "{needle:?} did not appear {n} time(s); screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn type_keys(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("mailctl did not end; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn interactive_lines_history_and_ctrl_d_on_a_terminal() {
    let r = rig();
    let mut pty = Pty::spawn(
        mailctl()
            .args(["smtp", "shell", "-s"])
            .arg(r.addr("RIG_SMTP_PORT")),
    );
    pty.wait_for("smtp> ", 1);
    assert!(pty.text().contains("S: 220 "), "{}", pty.text());
    pty.type_keys("EHLO pty.test\r");
    pty.wait_for("S: 250 ", 1);
    pty.wait_for("smtp> ", 2);
    pty.type_keys("NOOP\r");
    pty.wait_for("C: NOOP", 1);
    pty.wait_for("smtp> ", 3);
    // Up arrow: the last line back from the history; Enter sends it again.
    pty.type_keys("\x1b[A");
    pty.type_keys("\r");
    pty.wait_for("C: NOOP", 2);
    pty.wait_for("smtp> ", 4);
    // A helper's mistake is a warning, not the end.
    pty.type_keys(":data\r");
    pty.wait_for(":data needs a file", 1);
    pty.wait_for("smtp> ", 5);
    // Ctrl-D: QUIT, politely.
    pty.type_keys("\x04");
    let code = pty.exit_code();
    std::thread::sleep(Duration::from_millis(200));
    let screen = pty.text();
    assert_eq!(code, 0, "{screen}");
    for want in ["C: EHLO pty.test", "C: QUIT", "S: 221 ", "OK smtp shell"] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    assert_eq!(screen.matches("C: NOOP").count(), 2, "{screen}");
}

#[test]
fn the_server_hanging_up_at_the_prompt_ends_the_shell_with_exit_8() {
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        Sleep(700),
        line("421 4.4.2 fake.test idle timeout, closing"),
        crate::fake::Close,
    ]);
    let mut pty = Pty::spawn(mailctl().args(["smtp", "shell", "-s", &fake.server_arg()]));
    pty.wait_for("smtp> ", 1);
    // Half a line typed when the server hangs up.
    pty.type_keys("EHL");
    let code = pty.exit_code();
    std::thread::sleep(Duration::from_millis(200));
    let screen = pty.text();
    fake.finish().assert_ok();
    assert_eq!(code, 8, "{screen}");
    assert!(screen.contains("S: 421 4.4.2"), "{screen}");
    assert!(
        screen.contains("the server closed the connection"),
        "{screen}"
    );
    // The verdict starts on a line of its own, not after the abandoned prompt.
    assert!(
        screen.lines().any(|l| l.starts_with("FAIL smtp shell")),
        "{screen}"
    );
}

#[test]
fn auth_helper_drives_any_sasl_mechanism_scram_included() {
    let r = rig();
    let run = run(tls_args(
        mailctl()
            .args(["--json", "smtp", "shell", "--starttls", "-s"])
            .arg(r.addr("RIG_SUBMISSION_PORT"))
            .args(["--user", r.get("RIG_USER"), "--password-env", "SHELL_PW"])
            .env("SHELL_PW", r.get("RIG_PASSWORD"))
            .args(["--send", ":auth scram-sha-256", "--expect", "235"]),
    ));
    assert_ok(&run);
    let all = run.json();
    assert!(
        all.iter().any(|e| e["type"] == "info"
            && e["msg"]
                .as_str()
                .unwrap_or_default()
                .contains("server signature verified")),
        "{}",
        run.stdout
    );
    let d = run.dialogue();
    assert!(
        d.iter().any(|l| l.starts_with("C: AUTH SCRAM-SHA-256 ")),
        "{d:?}"
    );
    assert!(!run.stdout.contains(r.get("RIG_PASSWORD")));
    // An unknown name lists the known ones, and nothing is sent.
    let bad = run_with_stdin(
        tls_args(
            mailctl()
                .args(["--json", "smtp", "shell", "--starttls", "-s"])
                .arg(r.addr("RIG_SUBMISSION_PORT"))
                .args(["--user", r.get("RIG_USER"), "--password-env", "SHELL_PW"])
                .env("SHELL_PW", r.get("RIG_PASSWORD")),
        ),
        ":auth gssapi\n",
    );
    let s = bad.failed_at(2, "auth");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("plain"),
        "{s}"
    );
    assert!(!bad.dialogue().iter().any(|l| l.starts_with("C: AUTH")));
}

// ---------------------------------------------------------------- peers that break the stream

/// `250` and 70,000 bytes with no line end: more than the 64 KiB a line may hold.
fn overlong_reply() -> Vec<u8> {
    let mut v = b"250".to_vec();
    v.extend(std::iter::repeat_n(b'x', 70_000));
    v
}

#[test]
fn an_overlong_server_line_ends_a_scripted_session_with_exit_7() {
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        expect("NOOP"),
        send(overlong_reply()),
        Stall,
    ]);
    let t = Instant::now();
    let run = run(mailctl().args([
        "--json",
        "smtp",
        "shell",
        "-s",
        &fake.server_arg(),
        "--send",
        "NOOP",
        "--send",
        "NOOP",
    ]));
    let s = run.failed_at(7, "command");
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    let msg = s["error"]["message"].as_str().unwrap();
    assert!(msg.contains("longer than 65536 bytes"), "{msg}");
    // Out of step: nothing more is said on that stream, not even QUIT.
    let d = run.dialogue();
    assert_eq!(
        d.iter().filter(|l| l.starts_with("C: ")).count(),
        1,
        "{d:?}"
    );
    fake.finish().assert_ok();
}

/// Run an interactive shell against `fake`, type `keys` once the prompt is up, and return the
/// exit code and the screen; fails (instead of spinning for ever) when mailctl does not end.
fn at_prompt(fake: &FakeServer, proto: &str, keys: &str) -> (i32, String) {
    let mut pty = Pty::spawn(mailctl().args([proto, "shell", "-s", &fake.server_arg()]));
    pty.wait_for(&format!("{proto}> "), 1);
    pty.type_keys(keys);
    let code = pty.exit_code();
    std::thread::sleep(Duration::from_millis(200));
    (code, pty.text())
}

#[test]
fn an_overlong_reply_at_a_terminal_ends_the_session_instead_of_spinning() {
    // The reply to a command typed: the failure is the command's.
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        expect("NOOP"),
        send(overlong_reply()),
        Stall,
    ]);
    let (code, screen) = at_prompt(&fake, "smtp", "NOOP\r");
    fake.finish().assert_ok();
    assert_eq!(code, 7, "{screen}");
    // Said once (the verdict), not once per turn of a loop.
    assert!(
        screen.matches("longer than 65536 bytes").count() <= 2,
        "{screen}"
    );
    let verdict = screen
        .lines()
        .find(|l| l.starts_with("FAIL smtp shell"))
        .unwrap_or_else(|| panic!("no verdict:\n{screen}"));
    assert!(verdict.contains("exit 7"), "{verdict}");

    // Sent unasked while the prompt is up: between commands, so in phase command.
    let fake = FakeServer::start(vec![
        line("220 fake.test ESMTP"),
        Sleep(500),
        send(overlong_reply()),
        Stall,
    ]);
    let (code, screen) = at_prompt(&fake, "smtp", "");
    fake.finish().assert_ok();
    assert_eq!(code, 7, "{screen}");
    assert!(
        screen.matches("longer than 65536 bytes").count() <= 2,
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("FAIL smtp shell") && l.contains("exit 7")),
        "{screen}"
    );
}

#[test]
fn imap_max_reply_holds_while_the_response_arrives() {
    // A literal larger than --max-reply is refused on its announcement: its bytes never come,
    // and the shell does not wait --timeout for them.
    for (what, sent) in [
        ("literal", b"* 1 FETCH (BODY[] {50000}\r\n".to_vec()),
        ("line", {
            let mut v = b"* 1 FETCH (BODY[] \"".to_vec();
            v.extend(std::iter::repeat_n(b'x', 5000));
            v
        }),
    ] {
        let fake = FakeServer::start(vec![
            line("* OK fake IMAP ready"),
            expect("a1 FETCH"),
            send(sent),
            Stall,
        ]);
        let t = Instant::now();
        let run = run(mailctl().args([
            "--json",
            "imap",
            "shell",
            "-s",
            &fake.server_arg(),
            "--timeout",
            "30s",
            "--max-reply",
            "1k",
            "--send",
            "FETCH 1 BODY[]",
        ]));
        let s = run.failed_at(7, "command");
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "{what}: {:?}",
            t.elapsed()
        );
        let msg = s["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("1024 bytes") && msg.contains("--max-reply"),
            "{what}: {msg}"
        );
        fake.finish().assert_ok();
    }
}

// ---------------------------------------------------------------- credentials typed by hand

/// Run a shell on `script` (a file, so nothing secret is in argv) with --json.
fn scripted(proto: &str, fake: &FakeServer, script: &str, extra: &[&str]) -> Run {
    let dir = std::env::temp_dir().join(token("shell-secret"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.script");
    std::fs::write(&path, script).unwrap();
    run(mailctl()
        .args(["--json", proto, "shell", "-s", &fake.server_arg()])
        .args(extra)
        .arg("--script")
        .arg(&path))
}

#[test]
fn imap_login_literals_and_pop3_apop_digests_are_redacted() {
    const PW: &str = "s3cr3t";
    let fake = FakeServer::start(vec![
        line("* OK fake IMAP ready"),
        // The password as a synchronizing literal.
        expect("t1 LOGIN alice {6}"),
        line("+ ready"),
        expect(PW),
        line("t1 NO [AUTHENTICATIONFAILED] nope"),
        // User and password as LITERAL+ literals (RFC 7888): no "+" between them.
        expect("t2 LOGIN {5+}"),
        expect("alice {6+}"),
        expect(PW),
        line("t2 OK logged in"),
        expect("a1 LOGOUT"),
        send("* BYE bye\r\na1 OK done\r\n"),
        ReadToEnd,
    ]);
    let script = format!(
        "t1 LOGIN alice {{6}}\n< +\n{PW}\n< NO\nt2 LOGIN {{5+}}\nalice {{6+}}\n{PW}\n< OK\n"
    );
    let run = scripted("imap", &fake, &script, &[]);
    fake.finish().assert_ok();
    assert_ok(&run);
    assert!(!run.stdout.contains(PW), "{}", run.stdout);
    let sent: Vec<String> = run
        .dialogue()
        .into_iter()
        .filter(|l| l.starts_with("C: "))
        .collect();
    assert_eq!(
        sent,
        [
            "C: t1 LOGIN alice {6}",
            "C: ***",
            "C: t2 LOGIN {5+}",
            "C: *** {6+}",
            "C: ***",
            "C: a1 LOGOUT"
        ]
    );

    // --show-secrets shows them: the redaction is the transcript's, not the wire's.
    let fake = FakeServer::start(vec![
        line("* OK fake IMAP ready"),
        expect("t1 LOGIN alice {6}"),
        line("+ ready"),
        expect(PW),
        line("t1 OK in"),
        expect("a1 LOGOUT"),
        send("a1 OK done\r\n"),
        ReadToEnd,
    ]);
    let run = scripted(
        "imap",
        &fake,
        &format!("t1 LOGIN alice {{6}}\n{PW}\n"),
        &["--show-secrets"],
    );
    fake.finish().assert_ok();
    assert_ok(&run);
    assert!(
        run.dialogue().contains(&format!("C: {PW}")),
        "{}",
        run.stdout
    );

    let digest = "c4c9334bac560ecc979e58001b3e22fb";
    let fake = FakeServer::start(vec![
        line("+OK fake POP3 <1896.697170952@fake.test>"),
        expect(&format!("APOP alice {digest}")),
        line("+OK maildrop locked"),
        expect("QUIT"),
        line("+OK bye"),
        ReadToEnd,
    ]);
    let run = scripted("pop3", &fake, &format!("APOP alice {digest}\n< +OK\n"), &[]);
    fake.finish().assert_ok();
    assert_ok(&run);
    assert!(!run.stdout.contains(digest), "{}", run.stdout);
    assert!(
        run.dialogue().contains(&"C: APOP alice ***".to_string()),
        "{}",
        run.stdout
    );
}

#[test]
fn a_long_idle_keeps_at_most_max_reply_bytes_of_updates_and_says_so_once() {
    // 300 updates of ~14 bytes while IDLE waits at the prompt, under --max-reply 1k: all shown,
    // the oldest no longer kept (said once), and DONE ends the IDLE as usual.
    let updates: String = (1..=300).map(|n| format!("* {n} EXISTS\r\n")).collect();
    let fake = FakeServer::start(vec![
        line("* OK fake IMAP ready"),
        expect("a1 IDLE"),
        line("+ idling"),
        send(updates),
        expect("DONE"),
        line("a1 OK IDLE done"),
        expect("a2 LOGOUT"),
        send("* BYE bye\r\na2 OK done\r\n"),
        ReadToEnd,
    ]);
    let mut pty = Pty::spawn(mailctl().args([
        "imap",
        "shell",
        "-s",
        &fake.server_arg(),
        "--max-reply",
        "1k",
    ]));
    pty.wait_for("imap> ", 1);
    pty.type_keys("IDLE\r");
    pty.wait_for("S: * 300 EXISTS", 1);
    pty.type_keys("DONE\r");
    pty.wait_for("S: a1 OK IDLE done", 1);
    pty.wait_for("imap> ", 2);
    pty.type_keys("\x04");
    let code = pty.exit_code();
    std::thread::sleep(Duration::from_millis(200));
    let screen = pty.text();
    fake.finish().assert_ok();
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        screen.matches("passed --max-reply (1024 bytes)").count(),
        1,
        "{screen}"
    );
    assert!(screen.contains("S: * 1 EXISTS"), "{screen}");
}

#[test]
fn a_credential_in_a_send_argument_is_a_usage_error_before_connecting() {
    // Nothing listens here: the refusal comes from the plan, before any connection.
    let nowhere = "127.0.0.1:9";
    for (proto, sends) in [
        ("pop3", &["USER alice", "PASS s3cr3t-argv"][..]),
        ("imap", &["t1 LOGIN alice s3cr3t-argv"][..]),
        ("smtp", &["EHLO x", "AUTH LOGIN", "czNjcjN0LWFyZ3Y="][..]),
    ] {
        let mut cmd = mailctl();
        cmd.args(["--json", proto, "shell", "-s", nowhere]);
        for s in sends {
            cmd.args(["--send", s]);
        }
        let run = run(&mut cmd);
        let s = run.failed_at(2, "setup");
        let msg = s["error"]["message"].as_str().unwrap();
        assert!(
            msg.starts_with(&format!("--send #{}", sends.len()))
                && msg.contains("ps")
                && (msg.contains(":login") || msg.contains(":auth")),
            "{msg}"
        );
        assert!(!run.stdout.contains("s3cr3t") && !run.stdout.contains("czNjcjN0"));
        assert!(
            !run.json().iter().any(|e| e["type"] == "connecting"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn data_refuses_a_file_over_the_servers_size_or_100_mib_before_sending_data() {
    let dir = std::env::temp_dir().join(token("shell-data-cap"));
    std::fs::create_dir_all(&dir).unwrap();
    let small_over = dir.join("2000.eml");
    std::fs::write(
        &small_over,
        "Subject: x\n\n".to_string() + &"y".repeat(2000),
    )
    .unwrap();
    // Sparse: 200 MiB on paper, nothing on disk; refused on its length, never read.
    let huge = dir.join("huge.eml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    for (size, file, want) in [
        ("250-SIZE 1000", &small_over, "the server's SIZE 1000"),
        ("250-SIZE 0", &huge, "104857600 bytes"),
        ("250-SIZE 999999999999", &huge, "104857600 bytes"),
    ] {
        let fake = FakeServer::start(vec![
            line("220 fake.test ESMTP"),
            expect("EHLO x"),
            send(format!("250-fake.test\r\n{size}\r\n250 8BITMIME\r\n")),
            expect("QUIT"),
            line("221 bye"),
            ReadToEnd,
        ]);
        let script = format!("EHLO x\n:data {}\n", file.display());
        let t = Instant::now();
        let run = scripted("smtp", &fake, &script, &[]);
        let s = run.failed_at(2, "data");
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        let msg = s["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains(want) && msg.contains("nothing was sent"),
            "{msg}"
        );
        // No DATA went out; the session ended politely.
        let t = fake.finish();
        t.assert_ok();
        assert!(!t.saw("DATA"), "{:?}", t.text_lines());
    }
}
