//! Colour output as a person sees it: mailctl runs under a pseudo-terminal (so `--color auto`
//! decides by itself that stdout is a terminal), against a scripted peer, and what reaches the
//! terminal is compared with golden files under tests/golden/ after the times and ports are
//! normalised. Our own styling must arrive as escape sequences; the peer's bytes never do.
//! Refresh deliberately with `UPDATE_GOLDEN=1 cargo test --test it pty`.

use crate::fake::{FakeServer, Step, expect, line, send};
use crate::util::*;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::Stdio;

/// Run `cmd` with stdout and stderr on the slave side of a new pseudo-terminal (80 columns);
/// returns the exit code and every byte the terminal received (the line discipline's CRLF
/// turned back into LF).
fn run_on_pty(cmd: &mut std::process::Command) -> (i32, String) {
    let (mut master, mut slave) = (-1, -1);
    let ws = libc::winsize {
        ws_row: 50,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the given ints; no name buffer, no termios.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &ws,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = cmd
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(slave.try_clone().expect("dup slave"))
        .stderr(slave.try_clone().expect("dup slave"))
        .spawn()
        .expect("spawn mailctl");
    // Only the child may hold the slave: reading the master ends (EIO) when it exits. The
    // Command keeps the descriptors it was given until they are replaced.
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    drop(slave);
    let fd = master.as_raw_fd();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut f = std::fs::File::from(master);
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match f.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
        let _ = tx.send(out);
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("mailctl under a pty did not finish (fd {fd})");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let bytes = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the terminal output did not end after mailctl exited");
    let text = String::from_utf8(bytes).expect("terminal output is UTF-8");
    (status.code().unwrap_or(-1), text.replace("\r\n", "\n"))
}

/// Times, ports and ids replaced by fixed text, ESC shown as `⟨ESC⟩` so the golden file is
/// readable and a literal `\x1b` (an escaped escape) stays distinguishable from a real one.
fn normalised(text: &str, ports: &[(String, &str)]) -> String {
    let mut out = String::new();
    for l in text.lines() {
        let mut l = l.to_string();
        for (port, name) in ports {
            l = l.replace(&format!(":{port}"), &format!(":{name}"));
        }
        // The local port, and the size of a generated message (its Date and Message-ID).
        let l = mask_digits_around(&l, "127.0.0.1:", "");
        let l = mask_digits_around(&l, "", " bytes;");
        let l = mask_decimals(&l);
        out.push_str(&l.replace('\x1b', "⟨ESC⟩"));
        out.push('\n');
    }
    out
}

/// Digits right after `before` (or right before `after`) become `N`.
fn mask_digits_around(l: &str, before: &str, after: &str) -> String {
    let mut out = String::new();
    let mut rest = l;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() && out.ends_with(before) {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if rest[end..].starts_with(after)
                && !(before.is_empty() && out.ends_with(|c: char| c.is_ascii_digit()))
            {
                out.push('N');
                rest = &rest[end..];
                continue;
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Every decimal number (`12.3`, `+0.1`; not `127.0.0.1` or `2.0.0`) becomes `N.N`, and runs of
/// spaces become one: the time columns vary in value and so in width from run to run; nothing
/// else in these transcripts has one decimal point.
fn mask_decimals(l: &str) -> String {
    let mut out = String::new();
    let mut rest = l;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(rest.len());
            let token = &rest[..end];
            let decimal =
                token.matches('.').count() == 1 && !token.starts_with('.') && !token.ends_with('.');
            out.push_str(if decimal { "N.N" } else { token });
            rest = &rest[end..];
        } else if c == ' ' {
            out.push(' ');
            rest = rest.trim_start_matches(' ');
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[track_caller]
fn golden(name: &str, actual: &str) {
    let path = repo_root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the golden file (UPDATE_GOLDEN=1 to refresh):\n{actual}"
    );
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// A submission with AUTH LOGIN (notes on both sides), a message summary, and a server whose
/// greeting and replies carry raw escape sequences.
fn send_script() -> Vec<Step> {
    vec![
        send("220 fake.test ESMTP \x1b[31mred\x1b[0m \x07\r\n"),
        expect("EHLO"),
        line("250-fake.test"),
        line("250 AUTH LOGIN"),
        expect("AUTH LOGIN"),
        line("334 VXNlcm5hbWU6"),
        Step::Expect(b64("alice")),
        line("334 UGFzc3dvcmQ6"),
        Step::Expect(b64("pty-secret-pw")),
        line("235 2.7.0 ok \x1b]0;pwned\x07"),
        expect("MAIL"),
        line("250 ok"),
        expect("RCPT"),
        line("250 ok"),
        expect("DATA"),
        line("354 go"),
        Step::ReadUntilDot,
        line("250 2.0.0 queued"),
        expect("QUIT"),
        line("221 bye"),
    ]
}

#[test]
fn colour_transcript_on_a_terminal_styles_our_text_and_escapes_the_peers() {
    let fake = FakeServer::start(send_script());
    let port: u16 = fake
        .server_arg()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (code, text) = run_on_pty(
        mailctl()
            .args(["smtp", "send", "-s", &fake.server_arg()])
            .args(["--from", "a@client.test", "--to", "b@fake.test"])
            .args(["--helo", "client.test", "--subject", "golden"])
            .args(["--body", "hello", "--timeout", "5s"])
            .args(["-u", "alice", "--auth", "login", "--password-env", "PTY_PW"])
            .env("PTY_PW", "pty-secret-pw"),
    );
    fake.finish().assert_ok();
    assert_eq!(code, 0, "{text}");
    // The defect: our own dim styling escaped as if the peer had sent it.
    assert!(
        !text.contains("\\x1b[2m"),
        "our styling was escaped:\n{text}"
    );
    assert!(!text.contains("\\x1b[0m\u{1b}"), "{text}");
    // The peer's escape sequences and BEL arrive as text, never as control bytes.
    assert!(text.contains("\\x1b[31mred\\x1b[0m \\x07"), "{text}");
    assert!(text.contains("\\x1b]0;pwned\\x07"), "{text}");
    assert!(!text.contains('\x07'), "a raw BEL reached the terminal");
    assert!(!text.contains("\x1b]"), "a raw OSC reached the terminal");
    // Our own styling does arrive: dim notes, cyan client lines, green verdict.
    assert!(
        text.contains("\x1b[2m[decoded: Username:]\x1b[0m"),
        "{text}"
    );
    assert!(text.contains("\x1b[2m<message: "), "{text}");
    assert!(!text.contains("pty-secret-pw"), "{text}");
    golden(
        "pty-smtp-send.txt",
        &normalised(&text, &[(port.to_string(), "PORT")]),
    );
}

#[test]
fn colour_is_off_when_stdout_is_not_a_terminal_and_on_with_always() {
    // The same run through a pipe: no escape sequence at all, peer bytes still escaped.
    let fake = FakeServer::start(send_script());
    let r = run(mailctl()
        .env_remove("NO_COLOR")
        .args(["smtp", "send", "-s", &fake.server_arg()])
        .args(["--from", "a@client.test", "--to", "b@fake.test"])
        .args(["--helo", "client.test", "--timeout", "5s"])
        .args(["-u", "alice", "--auth", "login", "--password-env", "PTY_PW"])
        .env("PTY_PW", "pty-secret-pw"));
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stdout.contains('\x1b'), "{}", r.stdout);
    assert!(r.stdout.contains("\\x1b[31mred"), "{}", r.stdout);
    // --color always through a pipe: styled like the terminal, our styling never escaped.
    let fake = FakeServer::start(send_script());
    let r = run(mailctl()
        .args([
            "--color",
            "always",
            "smtp",
            "send",
            "-s",
            &fake.server_arg(),
        ])
        .args(["--from", "a@client.test", "--to", "b@fake.test"])
        .args(["--helo", "client.test", "--timeout", "5s"])
        .args(["-u", "alice", "--auth", "login", "--password-env", "PTY_PW"])
        .env("PTY_PW", "pty-secret-pw"));
    fake.finish().assert_ok();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("\x1b[2m[decoded: Password:]\x1b[0m"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("\\x1b[2m"), "{}", r.stdout);
}

#[test]
fn colour_check_table_and_verdicts_on_a_terminal() {
    // Two targets: one healthy, one that refuses with a reply carrying a raw escape sequence
    // (answering later, so the blocks come in a fixed order). Status words are coloured, the
    // table's header bold, and the peer's bytes escaped everywhere they are quoted.
    let ok = FakeServer::start(vec![
        line("220 ok.test ESMTP"),
        expect("EHLO"),
        line("250 ok.test"),
        expect("QUIT"),
        line("221 bye"),
    ]);
    let bad = FakeServer::start(vec![
        Step::Sleep(300),
        send("554 \x1b[5mno\x1b[0m\r\n"),
        expect("QUIT"),
        line("221 bye"),
    ]);
    let (code, text) = run_on_pty(
        mailctl()
            .args(["check", "smtp", "--timeout", "5s", "--helo", "client.test"])
            .args(["--target", &ok.server_arg(), "--target", &bad.server_arg()]),
    );
    let port = |f: &FakeServer| f.server_arg().rsplit(':').next().unwrap().to_string();
    let ports = [(port(&ok), "OKPORT"), (port(&bad), "BADPORT")];
    drop(ok.finish());
    drop(bad.finish());
    assert_eq!(code, 2, "{text}");
    assert!(
        !text.contains("\\x1b[1m") && !text.contains("\\x1b[3"),
        "{text}"
    );
    assert!(text.contains("554 \\x1b[5mno\\x1b[0m"), "{text}");
    assert!(!text.contains("\x1b[5m"), "{text}");
    golden("pty-check-smtp.txt", &normalised(&text, &ports));
}
