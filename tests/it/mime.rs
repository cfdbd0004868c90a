//! `mailctl mime show` on the fixture messages of tests/fixtures/mime/ (written by make.py there):
//! the tree (kept as a golden file), the JSON result, the exit code by what was found, and
//! `--extract` byte for byte, with the safe-file rules (no overwrite, no symlink followed).

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/mime").join(name)
}

fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(token(&format!("mime-{what}")));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn show(args: &[&str]) -> Run {
    let mut c = mailctl();
    c.arg("mime").arg("show").args(args);
    run(&mut c)
}

/// The human tree of a clean nested message, byte for byte (`UPDATE_GOLDEN=1` rewrites it):
/// IMAP section numbers including message/rfc822 nesting, offsets, sizes, decoded headers.
#[test]
fn nested_tree_is_golden_and_exit_0() {
    let mut c = mailctl();
    // A relative path, so the first line does not depend on where the tree is checked out.
    c.current_dir(fixture(""))
        .args(["mime", "show", "nested.eml"]);
    let r = run(&mut c);
    assert_eq!(r.code, 0, "{r:?}");
    let golden = fixture("nested.tree");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &r.stdout).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap();
    assert_eq!(r.stdout, want, "stderr: {}", r.stderr);
    assert!(r.stderr.starts_with("OK mime show"), "{}", r.stderr);
}

#[test]
fn json_carries_the_typed_tree() {
    let r = show(&["--json", fixture("nested.eml").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json().pop().unwrap();
    assert_eq!(v["command"], "mime show");
    assert_eq!(v["entities"], 11);
    assert_eq!(v["errors"], 0);
    let root = &v["root"];
    assert_eq!(root["section"], "TEXT");
    let att = &root["children"][1];
    assert_eq!(att["section"], "2");
    assert_eq!(att["transfer_encoding"], "base64");
    assert_eq!(att["decoded_size"], 768);
    assert_eq!(att["filename"]["decoded"], "Grün.bin");
    assert_eq!(root["children"][2]["children"][0]["section"], "3.TEXT");
    assert_eq!(v["detail"], "11 entities, 1942 bytes, no problems found");
    let subject = &root["headers"][0];
    assert_eq!(subject["decoded"], "Grüße again");
}

#[test]
fn warnings_exit_11_and_errors_exit_12() {
    let r = show(&[fixture("warnings.eml").to_str().unwrap()]);
    assert_eq!(r.code, 11, "{r:?}");
    for code in ["header-8bit", "8bit-in-7bit", "line-too-long"] {
        assert!(
            r.stdout.contains(&format!("! warning {code}")),
            "{code}: {}",
            r.stdout
        );
    }
    let r = show(&[fixture("broken.eml").to_str().unwrap()]);
    assert_eq!(r.code, 12, "{r:?}");
    assert!(
        r.stderr.contains("2 error(s), 0 warning(s) in 3 entities"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("no problems"), "{}", r.stderr);
    assert!(
        r.stdout.contains("✗ error boundary-unclosed"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✗ error base64-invalid"), "{}", r.stdout);
}

#[test]
fn quiet_prints_the_verdict_line_alone() {
    let mut c = mailctl();
    c.args([
        "-q",
        "mime",
        "show",
        fixture("broken.eml").to_str().unwrap(),
    ]);
    let r = run(&mut c);
    assert_eq!(r.code, 12);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(all.lines().count(), 1, "{all}");
    assert!(all.starts_with("FAIL mime show"), "{all}");
}

#[test]
fn reads_stdin() {
    let mut c = mailctl();
    c.args(["mime", "show", "-"])
        .stdin(std::fs::File::open(fixture("broken.eml")).unwrap());
    let r = run(&mut c);
    assert_eq!(r.code, 12, "{r:?}");
    assert!(r.stdout.starts_with("-: 186 bytes"), "{}", r.stdout);
}

fn extract(section: &str, out: &Path, extra: &[&str]) -> Run {
    let mut c = mailctl();
    c.args(["mime", "show", fixture("nested.eml").to_str().unwrap()])
        .args(["--extract", section, "-o"])
        .arg(out)
        .args(extra);
    run(&mut c)
}

#[test]
fn extract_writes_the_decoded_part_and_never_overwrites() {
    let dir = scratch("extract");
    let want = std::fs::read(fixture("attachment.bin")).unwrap();
    let dest = dir.join("att.bin");
    let r = extract("2", &dest, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        std::fs::read(&dest).unwrap(),
        want,
        "byte-exact decoded attachment"
    );
    assert!(
        r.stderr
            .contains("extracted 2 (application/octet-stream, 768 bytes"),
        "{}",
        r.stderr
    );

    // Again: refused, the file unchanged.
    std::fs::write(&dest, b"mine").unwrap();
    let r = extract("2", &dest, &[]);
    assert_ne!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(&dest).unwrap(), b"mine");
    assert!(temp_leftovers(&dest).is_empty());

    // Into a directory: the RFC 2231 filename, decoded.
    let r = extract("2", &dir, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(dir.join("Grün.bin")).unwrap(), want);

    // The QP text, decoded.
    let qp = dir.join("text.txt");
    assert_eq!(extract("1.1", &qp, &[]).code, 0);
    assert_eq!(std::fs::read(&qp).unwrap(), "Grüße".as_bytes());

    // No such part: a usage error.
    let r = extract("9.9", &dir.join("none"), &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!dir.join("none").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extract_never_follows_a_symlink() {
    let dir = scratch("symlink");
    let target = dir.join("precious");
    std::fs::write(&target, b"keep me").unwrap();
    let link = dir.join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = extract("2", &link, &[]);
    assert_ne!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    // With --force the link itself is replaced by a new file; the target is untouched.
    let r = extract("2", &link, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    assert!(
        !std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(&link).unwrap(),
        std::fs::read(fixture("attachment.bin")).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extract_to_stdout_puts_only_the_part_there() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mailctl"))
        .env("NO_COLOR", "1")
        .args(["mime", "show", fixture("nested.eml").to_str().unwrap()])
        .args(["--extract", "2", "-o", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        out.stdout,
        std::fs::read(fixture("attachment.bin")).unwrap()
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("OK mime show"));
}

#[test]
fn extract_of_an_undecodable_part_fails_and_writes_nothing() {
    let dir = scratch("undecodable");
    let dest = dir.join("img.png");
    let mut c = mailctl();
    c.args(["mime", "show", fixture("broken.eml").to_str().unwrap()])
        .args(["--extract", "2", "-o"])
        .arg(&dest);
    let r = run(&mut c);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("cannot decode"), "{}", r.stderr);
    assert!(!dest.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
