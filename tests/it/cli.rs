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
        .args(["--timeout", "10s", "--max-time", "1s"]));
    let took = started.elapsed();
    let s = r.failed_at(19, "resolve");
    assert_eq!(s["exit_name"], "max-time", "{s}");
    assert!(
        took < std::time::Duration::from_millis(2500),
        "took {took:?}"
    );
    drop(silent);
}
