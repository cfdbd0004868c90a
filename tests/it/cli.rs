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
