//! Command-line surface tests: generated files match the CLI, usage errors, help.

use crate::util::*;

/// completions/ and man/ are produced by `mailctl --generate`; regenerate and compare so they can
/// never drift from the CLI. To refresh: `cargo run -- --generate .`
#[test]
fn generated_files_match_the_cli() {
    let tmp = std::env::temp_dir().join(token("gen"));
    let r = run(mailctl().arg("--generate").arg(&tmp));
    assert_eq!(r.code, 0, "{r:?}");
    let mut checked = 0;
    for sub in ["completions", "man"] {
        let fresh = tmp.join(sub);
        let committed = repo_root().join(sub);
        let mut names: Vec<_> = std::fs::read_dir(&fresh)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for n in names {
            let a = std::fs::read(fresh.join(&n)).unwrap();
            let b = std::fs::read(committed.join(&n)).unwrap_or_default();
            assert!(
                a == b,
                "{sub}/{} is out of date: run `cargo run -- --generate .` and commit",
                n.to_string_lossy()
            );
            checked += 1;
        }
        let committed_count = std::fs::read_dir(&committed).unwrap().count();
        let fresh_count = std::fs::read_dir(&fresh).unwrap().count();
        assert_eq!(
            committed_count, fresh_count,
            "{sub}/ has files the CLI no longer generates"
        );
    }
    assert!(checked >= 7);
    let _ = std::fs::remove_dir_all(tmp);
}

/// `--generate` writes files too: a symlink planted at one of its names is replaced, not written
/// through (std::fs::write used to follow it onto any file the user can write).
#[cfg(unix)]
#[test]
fn generate_replaces_a_planted_symlink_instead_of_following_it() {
    let tmp = std::env::temp_dir().join(token("gen-link"));
    std::fs::create_dir_all(tmp.join("man")).unwrap();
    std::fs::create_dir_all(tmp.join("completions")).unwrap();
    let victim = tmp.join("victim");
    std::fs::write(&victim, "keep").unwrap();
    for name in ["man/mailctl.1", "completions/mailctl.bash"] {
        std::os::unix::fs::symlink(&victim, tmp.join(name)).unwrap();
    }
    let r = run(mailctl().arg("--generate").arg(&tmp));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    for name in ["man/mailctl.1", "completions/mailctl.bash"] {
        let p = tmp.join(name);
        assert!(!p.symlink_metadata().unwrap().is_symlink(), "{name}");
        assert!(std::fs::read(&p).unwrap().len() > 100, "{name}");
        assert!(temp_leftovers(&p).is_empty(), "{name}");
    }
    let _ = std::fs::remove_dir_all(tmp);
}

#[test]
fn usage_errors_exit_2() {
    let r = run(mailctl().args(["smtp", "send", "--bogus-flag"]));
    assert_eq!(r.code, 2);
    let r = run(mailctl().args(["smtp", "send", "--server", "127.0.0.1:1"]));
    assert_eq!(r.code, 2, "no recipient is a usage error: {r:?}");
    assert!(r.stdout.contains("no recipient"), "{r:?}");
    let r = run(mailctl().args(["smtp", "send", "-s", "h:notaport", "--to", "a@b"]));
    assert_eq!(r.code, 2);
}

#[test]
fn password_is_never_an_argument() {
    let r = run(smtp_send_nowhere().args(["--password", "x"]));
    assert_eq!(r.code, 2);
}

#[test]
fn readme_documents_every_exit_code() {
    assert_exit_codes_documented(mailctl::error::EXIT_CODES, "");
}

#[test]
fn broken_pipe_exits_quietly() {
    // Close the read end immediately; the transcript write hits EPIPE.
    let r = run_stdout_closed(smtp_send_nowhere().args(["--connect-timeout", "2s"]));
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    assert!(!r.stderr.contains("Broken pipe"), "{r:?}");
}

/// The maintainer's `--generate` is no user option: no completion script offers it, and no man
/// page points at a page that does not exist (`mailctl-help(1)`, `mailctl-smtp-help(1)`).
#[test]
fn generated_files_offer_nothing_that_is_not_there() {
    let root = repo_root();
    for e in std::fs::read_dir(root.join("completions")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(!text.contains("generate="), "{}", p.display());
        assert!(!text.contains("--generate"), "{}", p.display());
        assert!(!text.contains("-l generate"), "{}", p.display());
    }
    // The same for every hidden argument (the swaks/curl aliases such as --protocol): typed
    // from habit, they work, but no completion script suggests them. fish names each long
    // option as `-l NAME`, so a hidden one shows up as `-l NAME ` there.
    fn hidden(cmd: &clap::Command, out: &mut Vec<String>) {
        for a in cmd.get_arguments().filter(|a| a.is_hide_set()) {
            if let Some(l) = a.get_long() {
                out.push(l.to_string());
            }
        }
        for s in cmd.get_subcommands() {
            hidden(s, out);
        }
    }
    let mut names = Vec::new();
    hidden(
        &<mailctl::cli::Cli as clap::CommandFactory>::command(),
        &mut names,
    );
    assert!(names.iter().any(|n| n == "protocol"), "{names:?}");
    let fish = std::fs::read_to_string(root.join("completions/mailctl.fish")).unwrap();
    for n in &names {
        assert!(
            !fish.contains(&format!("-l {n} ")),
            "completions/mailctl.fish offers the hidden --{n}"
        );
    }
    let pages: Vec<String> = std::fs::read_dir(root.join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in &pages {
        let text = std::fs::read_to_string(root.join("man").join(page)).unwrap();
        let refs = text
            .lines()
            .filter(|l| l.starts_with("mailctl\\-") && l.ends_with("(1)"));
        for r in refs {
            let name = format!("{}.1", r.replace("\\-", "-").trim_end_matches("(1)"));
            assert!(
                pages.contains(&name),
                "{page} refers to {r}, which does not exist"
            );
        }
    }
}

/// Out-of-range and malformed numbers are refused in a sentence naming the option, not clap's
/// "0 is not in 1..18446744073709551615".
#[test]
fn range_errors_read_as_sentences() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--count", "0"],
            "invalid value '0' for '--count <N>': it must be a whole number, at least 1",
        ),
        (
            &["--count", "5", "--concurrency", "0"],
            "'--concurrency <C>': it must be a whole number, from 1 to 10000",
        ),
        (
            &["-p", "70000"],
            "'--port <PORT>': it must be a whole number, from 1 to 65535",
        ),
        (
            &["--timeout", "0"],
            "'--timeout <DURATION>': it must be a duration of more than 0 and at most a day",
        ),
        (
            &["--count", "5", "--size", "0"],
            "'--size <BYTES>': it must be a size from 1 byte to 1 GiB",
        ),
    ];
    for (args, want) in cases {
        let r = run(mailctl()
            .args(["smtp", "send", "-s", "127.0.0.1:1", "--to", "a@b.test"])
            .args(*args));
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains(" is not in "), "{args:?}: {}", r.stderr);
    }
}

/// README's phase list names every phase a failure can carry (`error.rs` `Phase::ALL`).
#[test]
fn readme_lists_every_phase() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- phases -->")
        .expect("README has a phase list marked <!-- phases -->");
    let list = &readme[start..start + readme[start..].find("\n\n").unwrap()];
    for p in mailctl::error::Phase::ALL {
        assert!(
            list.contains(&format!("`{}`", p.as_str())),
            "README's phase list lacks `{p}`"
        );
    }
}

/// `--max-time` ends a session that the server keeps alive (here: a resolver that never answers
/// the MX lookup, so the phase is `resolve`), with exit 19 and the phase named.
#[test]
fn max_time_bounds_resolution_too() {
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let ns = silent.local_addr().unwrap().to_string();
    // curl's spelling, `-m SECONDS`, is the same option (it was "unexpected argument '-m'").
    for max_time in [["--max-time", "1s"], ["-m", "1"]] {
        let started = std::time::Instant::now();
        let r = run(mailctl()
            .args([
                "--json",
                "smtp",
                "send",
                "--to",
                "a@example.test",
                "--nameserver",
                &ns,
            ])
            .args(["--timeout", "10s"])
            .args(max_time));
        let took = started.elapsed();
        let s = r.failed_at(19, "resolve");
        assert_eq!(s["exit_name"], "max-time", "{max_time:?}: {s}");
        assert!(
            took < std::time::Duration::from_millis(2500),
            "{max_time:?} took {took:?}"
        );
    }
    drop(silent);
}

/// The commands that only talk to DNS have no session, but each makes any number of queries
/// (an SPF tree, an audit, a directory of messages): `--max-time` bounds the whole command,
/// exit 19 in phase resolve, for `dns`, `dkim verify` and `dmarc evaluate`. Before, a silent
/// nameserver cost 2 × --timeout per query with no end to their number (and `--max-time` was
/// refused as an unknown option).
#[test]
fn max_time_bounds_every_dns_only_command() {
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let ns = silent.local_addr().unwrap().to_string();
    let dir = std::env::temp_dir().join(token("dns-max-time"));
    std::fs::create_dir_all(&dir).unwrap();
    let msg = dir.join("m.eml");
    std::fs::write(
        &msg,
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=sel; h=from; bh=YQ==; b=YQ==\r\n\
         From: a@example.test\r\n\r\nbody\r\n",
    )
    .unwrap();
    let m = msg.to_str().unwrap();
    for args in [
        vec!["dns", "spf", "example.test", "--ip", "192.0.2.1"],
        vec!["dns", "check", "example.test"],
        vec!["dkim", "verify", m],
        vec![
            "dmarc",
            "evaluate",
            m,
            "--ip",
            "192.0.2.1",
            "--mail-from",
            "a@example.test",
        ],
    ] {
        let started = std::time::Instant::now();
        let r = run(mailctl().arg("--json").args(&args).args([
            "--nameserver",
            &ns,
            "--timeout",
            "2s",
            "--max-time",
            "1s",
        ]));
        let took = started.elapsed();
        let s = r.failed_at(19, "resolve");
        assert_eq!(s["exit_name"], "max-time", "{args:?}: {s}");
        assert!(
            took < std::time::Duration::from_millis(2500),
            "{args:?} took {took:?}"
        );
    }
    drop(silent);
    let _ = std::fs::remove_dir_all(&dir);
}

/// swaks' single-dash words and the long options mailctl has no (or another) meaning for get a
/// sentence saying what to use, and nothing is sent: clap alone would read `-tls` as `-t ls` (a
/// recipient named "ls"), `-stl` as `-s tl`, and suggest `--tls` (implicit TLS) for
/// `--tls-optional`. Under `check` the same error is UNKNOWN (3).
#[test]
fn swaks_and_curl_options_get_a_sentence_not_a_misreading() {
    for (args, needle) in [
        (&["-tls"][..], "--starttls"),
        (&["-tlsc"], "--tls"),
        (&["-stl"], "time"),
        (&["--tls-optional"], "no opportunistic TLS"),
        (&["-tlsos"], "no opportunistic TLS"),
        (&["--tls-verify"], "always verified"),
        (&["-q", "RCPT"], "--quit-after rcpt"),
        // swaks' -q EHLO in a STARTTLS session stops where mailctl's `starttls` does.
        (&["--starttls", "-q", "EHLO"], "--quit-after starttls"),
        (&["--quit-after", "CONNECT"], "`banner`"),
        (&["-h", "client.example"], "--helo"),
        (&["-au", "alice"], "--user"),
        (&["--pipeline"], "PIPELINING"),
        (&["--protocol", "SMTP"], "EHLO"),
        // curl options clap used to answer with a tip naming a different option (--mail-rcpt).
        (&["--mail-auth", "a@b.example"], "AUTH="),
        (&["--mail-rcpt-allowfails"], "exit 10"),
        (&["--resolve", "mx:25:127.0.0.1"], "--sni"),
        // swaks' -lp was read by clap as -l p; --config got no hint.
        (&["-lp", "2525"], "source address and port"),
        (&["--config", "swaksrc"], "no configuration file"),
    ] {
        let r = run(smtp_send_nowhere().args(args));
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {r:?}");
        assert!(
            !r.stderr.contains("connecting") && r.stdout.is_empty(),
            "{args:?}: {r:?}"
        );
    }
    let r = run(mailctl().args(["pop3", "list", "-s", "pop3s://mail.example.org"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--tls") && r.stderr.contains("no URLs"),
        "{r:?}"
    );
    let r = run(mailctl().args(["check", "smtp", "-s", "127.0.0.1:1", "-tls"]));
    assert_eq!(r.code, 3, "check: a usage error is UNKNOWN: {r:?}");
    assert!(r.stderr.contains("--starttls"), "{r:?}");
}

/// Every way swaks and curl give a password on the command line is refused with the ways
/// mailctl takes one, and the value given never appears in any output (it would be one more
/// copy of the secret, in a terminal log or a CI job's output).
#[test]
fn password_options_explain_and_never_echo_the_value() {
    const SECRET: &str = "Sw4ks-s3cret-value";
    let colon = format!("alice:{SECRET}");
    let eq = format!("--password={SECRET}");
    let auth_eq = format!("--auth-password={SECRET}");
    for args in [
        vec!["--password", SECRET],
        vec![eq.as_str()],
        vec!["--auth-password", SECRET],
        vec![auth_eq.as_str()],
        vec!["-ap", SECRET],
        // curl's -u USER:PASSWORD
        vec!["--auth", "plain", "-u", colon.as_str()],
    ] {
        let r = run(smtp_send_nowhere().args(&args));
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(!all.contains(SECRET), "{args:?} echoed the password: {r:?}");
        for way in [
            "--password-env",
            "--password-file",
            "MAILCTL_PASSWORD",
            "prompt",
        ] {
            assert!(all.contains(way), "{args:?} does not mention {way}: {r:?}");
        }
    }
    let r = run(mailctl().args(["imap", "list", "-s", "127.0.0.1:1", "-u", &colon]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!format!("{r:?}").contains(SECRET), "{r:?}");
}

/// swaks' and curl's spellings that mean exactly what a mailctl option means are accepted
/// (hidden: --help and the completions show mailctl's own names only).
#[test]
fn swaks_and_curl_aliases_parse_as_the_mailctl_option() {
    // `--quit RCPT` is swaks' --quit-after, upper case as swaks users write it.
    let r = run(mailctl().args([
        "--json",
        "smtp",
        "send",
        "-s",
        "127.0.0.1:1",
        "--tls-on-connect",
        "--tls-sni",
        "mail.example",
        "--cacert",
        "/nonexistent/ca.pem",
        "--auth-user",
        "me@example.org",
        "--ehlo",
        "client.example",
        "--mail-from",
        "me@example.org",
        "--mail-rcpt",
        "you@example.org",
        "--add-header",
        "X-A: 1",
        "--h-X-B",
        "2",
        "--quit",
        "RCPT",
        "--auth",
        "PLAIN",
    ]));
    // The plan's first question (the password for the --auth-user) proves that all of it parsed.
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.is_empty(), "{r:?}");
    assert_eq!(
        r.summary()["error"]["message"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("a password is needed for me@example.org"),
        "{r:?}"
    );
    let help = run(mailctl().args(["smtp", "send", "--help"]));
    for hidden in [
        "tls-on-connect",
        "auth-user",
        "mail-rcpt",
        "add-header",
        "--protocol",
    ] {
        assert!(!help.stdout.contains(hidden), "{hidden} is in --help");
    }
}

/// The README's first command is what a new user runs: it must parse, and its server must be a
/// name that exists — not one of the RFC 2606 / RFC 6761 reserved names (example.org, .test,
/// .invalid, .example, localhost), which never reach a mail server.
#[test]
fn readme_run_command_names_a_real_server_and_parses() {
    use clap::Parser;
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README has a `cargo run --release -- …` command");
    let args: Vec<&str> = line["cargo run --release -- ".len()..]
        .split_whitespace()
        .collect();
    mailctl::cli::Cli::try_parse_from(std::iter::once("mailctl").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("README command does not parse: {line}\n{e}"));
    let server = args
        .iter()
        .position(|a| *a == "--server" || *a == "-s")
        .map(|i| args[i + 1])
        .expect("the README command names a --server");
    let host = server
        .rsplit_once(':')
        .map_or(server, |(h, _)| h)
        .to_ascii_lowercase();
    let reserved = ["example.org", "example.com", "example.net"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || [".test", ".invalid", ".example", ".localhost"]
            .iter()
            .any(|t| host.ends_with(t))
        || host == "localhost";
    assert!(
        !reserved,
        "{host} is a reserved name that never resolves to a mail server: {line}"
    );
}

/// Colour is for a terminal: with stdout on a terminal and stderr redirected, nothing written
/// to stderr — the transcript of a results command, the `--insecure` warning — may carry an
/// escape sequence into the log. (Before, `auto` looked at stdout only, and the warning went to
/// the redirected stderr in red.)
#[test]
fn no_colour_reaches_a_redirected_stderr() {
    use std::os::fd::FromRawFd;
    let rig = rig();
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills two fresh descriptors; each is owned by one File from here on.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    let (master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut c = mailctl();
    c.env_remove("NO_COLOR")
        .args(["imap", "capability", "-s", &rig.addr("RIG_IMAPS_PORT")])
        .args(["--tls", "--insecure", "--timeout", "10s"])
        .stdout(slave)
        .stderr(std::process::Stdio::piped());
    let child = c.spawn().expect("spawn mailctl");
    drop(c); // the parent's copy of the slave: the child's end is then the only one
    // Drain the terminal side so the child never blocks on a full pty (EIO once it exits).
    let reader = std::thread::spawn(move || {
        let mut tty = Vec::new();
        let _ = std::io::Read::read_to_end(&mut &master, &mut tty);
        tty
    });
    let out = child.wait_with_output().expect("wait for mailctl");
    let tty = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        tty.contains("CAPABILITY"),
        "the results are on the terminal: {tty:?}"
    );
    assert!(stderr.contains("--insecure"), "{stderr}");
    assert!(
        stderr.contains("S: * OK"),
        "the transcript is on stderr: {stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "escape sequences in a redirected stderr: {stderr:?}"
    );
}

/// Every option README.md and the man pages name is one mailctl takes (a long name, a short
/// flag or a hidden alias of some command) or a swaks/curl spelling that `cli::compat` answers
/// with a sentence — so a renamed or removed option cannot stay in the docs. Besides: cargo's
/// own flags in the install line, and `--generate` (handled before clap).
#[test]
fn every_option_the_docs_name_exists_or_is_answered() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, longs: &mut Vec<String>, shorts: &mut Vec<char>) {
        for a in cmd.get_arguments() {
            longs.extend(a.get_long().map(str::to_owned));
            longs.extend(
                a.get_all_aliases()
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_owned),
            );
            shorts.extend(a.get_short());
            shorts.extend(a.get_all_short_aliases().unwrap_or_default());
        }
        for s in cmd.get_subcommands() {
            walk(s, longs, shorts);
        }
    }
    let mut cmd = mailctl::cli::Cli::command();
    cmd.build();
    let (mut longs, mut shorts) = (Vec::new(), Vec::new());
    walk(&cmd, &mut longs, &mut shorts);
    // A foreign spelling is answered (Err with a sentence) rather than passed to clap.
    let answered = |opt: &str| {
        mailctl::cli::compat::translate(
            ["mailctl", "smtp", "send", opt, "x"]
                .iter()
                .map(std::ffi::OsString::from)
                .collect(),
        )
        .is_err()
    };
    let outside = ["path", "release", "generate"];

    let mut docs = vec![(
        "README.md".to_string(),
        std::fs::read_to_string(repo_root().join("README.md")).unwrap(),
    )];
    for e in std::fs::read_dir(repo_root().join("man")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap().replace("\\-", "-");
        docs.push((p.display().to_string(), text));
    }
    let long_re = regex::Regex::new(r"(?:^|[^\w-])--([a-z][a-z0-9-]*[a-z0-9])").unwrap();
    // Short flags and swaks' single-dash words, where they stand as options in a code span.
    let span_re = regex::Regex::new(r"`([^`\n]+)`").unwrap();
    let short_re = regex::Regex::new(r"^-([A-Za-z0-9]|[a-z]{2,5})$").unwrap();
    let mut bad = Vec::new();
    let mut seen = 0;
    for (file, text) in &docs {
        for c in long_re.captures_iter(text) {
            let name = &c[1];
            seen += 1;
            if !longs.iter().any(|l| l == name)
                && !outside.contains(&name)
                && !answered(&format!("--{name}"))
            {
                bad.push(format!("{file}: --{name}"));
            }
        }
        if !file.ends_with("README.md") {
            continue;
        }
        for span in span_re.captures_iter(text) {
            // Other programs' command lines (`man -l …`, `openssl pkey -pubout`).
            if ["man ", "cargo ", "openssl "]
                .iter()
                .any(|p| span[1].starts_with(p))
            {
                continue;
            }
            for tok in span[1].split([' ', ',', '/', '(', ')']) {
                let Some(c) = short_re.captures(tok) else {
                    continue;
                };
                seen += 1;
                let known = c[1].len() == 1 && shorts.contains(&c[1].chars().next().unwrap());
                if !known && !answered(tok) {
                    bad.push(format!("{file}: {tok}"));
                }
            }
        }
    }
    // What the swaks/curl tables call "accepted" must be a real (hidden) alias, not merely
    // answered with a sentence: `(`--ehlo`, `--lhlo` accepted; …)`.
    let readme = &docs[0].1;
    let accepted_re = regex::Regex::new(r"\(([^()]*?) accepted").unwrap();
    let mut aliases = 0;
    for c in accepted_re.captures_iter(readme) {
        for tok in c[1].split(['`', ' ', ',', ';', ':']) {
            let ok = if let Some(l) = tok.strip_prefix("--") {
                // swaks' `--h-Name` is rewritten to --header by compat, before clap.
                longs.iter().any(|x| x == l) || l == "h-Name"
            } else if let Some(sh) = tok.strip_prefix('-').filter(|t| t.len() == 1) {
                shorts.contains(&sh.chars().next().unwrap())
            } else {
                continue;
            };
            aliases += 1;
            if !ok {
                bad.push(format!(
                    "README.md calls {tok} accepted, but mailctl does not take it"
                ));
            }
        }
    }
    assert!(aliases >= 10, "only {aliases} accepted aliases found");
    assert!(
        seen > 300,
        "only {seen} options found: is the pattern right?"
    );
    assert!(
        bad.is_empty(),
        "options the docs name that mailctl neither takes nor answers:\n{}",
        bad.join("\n")
    );
}

/// Where README.md or a man page writes "exit N" next to an exit-code name (`exit 18
/// (capability)`, "exit 7 protocol"), the pair is the one in `error.rs`; every "exit N" is a code
/// that exists. Catches a code renumbered in one place and not the other.
#[test]
fn exit_codes_named_in_the_docs_match_the_table() {
    use mailctl::error::{CHECK_EXIT_CODES, EXIT_CODES};
    let names: Vec<&str> = EXIT_CODES.iter().map(|r| r.name).collect();
    let re = regex::Regex::new(r"\bexit (\d+)(?:,? \(?`?([a-z][a-z-]*[a-z])`?)?").unwrap();
    let mut docs = vec![std::fs::read_to_string(repo_root().join("README.md")).unwrap()];
    for e in std::fs::read_dir(repo_root().join("man")).unwrap() {
        docs.push(
            std::fs::read_to_string(e.unwrap().path())
                .unwrap()
                .replace("\\-", "-"),
        );
    }
    docs.push(std::fs::read_to_string(repo_root().join("tests/HOSTILE.md")).unwrap());
    let mut bad = Vec::new();
    let mut seen = 0;
    for text in &docs {
        for c in re.captures_iter(text) {
            seen += 1;
            let code: i32 = c[1].parse().unwrap();
            let Some(row) = EXIT_CODES
                .iter()
                .chain(CHECK_EXIT_CODES)
                .find(|r| r.code == code)
            else {
                bad.push(format!("{}: no such exit code", &c[0]));
                continue;
            };
            if let Some(name) = c.get(2).map(|m| m.as_str())
                && names.contains(&name)
                && EXIT_CODES.iter().find(|r| r.code == code).map(|r| r.name) != Some(name)
            {
                bad.push(format!("{}: exit {code} is `{}`", &c[0], row.name));
            }
        }
    }
    assert!(seen > 40, "only {seen} found");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every option and argument a user sees in `--help` (and the man pages) says what it is: the
/// man pages are generated from the same text, so an empty entry there is an empty entry here.
/// (`imap fetch MAILBOX`, `dkim keygen --algo` and `--selector` had none.)
#[test]
fn every_visible_option_has_help_text() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            if a.is_hide_set() {
                continue;
            }
            let text = a
                .get_long_help()
                .or(a.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            if text.trim().is_empty() {
                bad.push(format!("{path} {}", a.get_id()));
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), bad);
        }
    }
    let mut cmd = mailctl::cli::Cli::command();
    cmd.build();
    let mut bad = Vec::new();
    walk(&cmd, "mailctl", &mut bad);
    assert!(bad.is_empty(), "no help text: {bad:#?}");
}

/// Every `mailctl …` command line in README.md's examples (```sh blocks and `$ mailctl` lines)
/// and in the man pages' examples (`--help`) parses as written: an option renamed, a value no longer taken or an argument moved cannot
/// stay in an example a user copies.
#[test]
fn readme_example_commands_parse() {
    use clap::Parser;
    /// Shell words of one command: quotes removed, stopping at a redirection, pipe, `&&`, `||`
    /// or comment.
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut has = false;
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => cur.push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    has = true;
                }
                (None, ' ' | '\t') => {
                    if has || !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    has = false;
                }
                (None, c) => cur.push(c),
            }
        }
        if has || !cur.is_empty() {
            out.push(cur);
        }
        let end = out
            .iter()
            .position(|w| {
                w.starts_with('>') || ["|", "||", "&&", "&", ";", "#"].contains(&w.as_str())
            })
            .unwrap_or(out.len());
        out.truncate(end);
        out
    }
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let mut in_sh = false;
    let mut joined = Vec::new();
    let mut pending = String::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let cmd = if in_sh {
            line.trim_start()
        } else if let Some(rest) = line.strip_prefix("$ ") {
            rest
        } else if !pending.is_empty() {
            line.trim_start()
        } else {
            continue;
        };
        pending.push_str(cmd.trim_end_matches('\\'));
        pending.push(' ');
        if !cmd.ends_with('\\') {
            joined.push(std::mem::take(&mut pending));
        }
    }
    // The examples in `--help` (and so in the man pages) too.
    for e in std::fs::read_dir(repo_root().join("man")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        joined.extend(
            text.replace("\\-", "-")
                .lines()
                .filter(|l| {
                    l.starts_with("mailctl ")
                        && l.split(' ')
                            .nth(1)
                            .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
                })
                .filter(|l| !l.starts_with("mailctl prints"))
                .map(str::to_owned),
        );
    }
    let mut checked = 0;
    for cmd in joined {
        let w = words(&cmd);
        let Some(start) = w.iter().position(|x| x == "mailctl") else {
            continue;
        };
        let argv: Vec<std::ffi::OsString> = w[start..].iter().map(Into::into).collect();
        let argv = mailctl::cli::compat::translate(argv)
            .unwrap_or_else(|e| panic!("README example is answered as foreign: {cmd}\n{e}"));
        mailctl::cli::Cli::try_parse_from(argv)
            .unwrap_or_else(|e| panic!("README example does not parse: {cmd}\n{e}"));
        checked += 1;
    }
    assert!(checked >= 23, "only {checked} example commands found");
}

/// `-o -` is stdout for `--part` and `pop3 retr`; with `--full` it created a directory named
/// "-" in the working directory (found while trying `imap fetch --full -o -` against pymap),
/// after logging in. Now refused as usage before connecting (port 1: nothing listens).
#[test]
fn imap_fetch_full_to_stdout_is_refused_and_creates_nothing() {
    let cwd = std::env::temp_dir().join(format!("mailctl-{}", token("full-dash")));
    std::fs::create_dir_all(&cwd).unwrap();
    let r = run(mailctl()
        .current_dir(&cwd)
        .args([
            "imap",
            "fetch",
            "-s",
            "127.0.0.1:1",
            "-u",
            "u",
            "INBOX",
            "1",
            "--full",
            "-o",
            "-",
        ])
        .env("MAILCTL_PASSWORD", "x"));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.contains("cannot go to stdout") || r.stderr.contains("cannot go to stdout"),
        "{r:?}"
    );
    assert!(
        !r.stderr.contains("connecting") && !r.stdout.contains("connecting"),
        "{r:?}"
    );
    assert!(!cwd.join("-").exists(), "a directory named - was created");
    let _ = std::fs::remove_dir_all(&cwd);
}
