//! The fuzz targets' inputs replayed in a normal `cargo test`, without cargo-fuzz: every seed of
//! fuzz/corpus/<target>/ and every crash input kept in fuzz/regressions/<target>/ goes through
//! `mailctl::fuzz_api::<target>`, the same function the libFuzzer target calls, with the same
//! invariants. The long fuzzing runs are documented in fuzz/README.md.

use mailctl::fuzz_api::TARGETS;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Run every input of `kind` (corpus or regressions) through its target; returns how many ran
/// per target, and fails naming each input that panicked.
fn replay(kind: &str) -> Vec<(&'static str, usize)> {
    let mut failed = Vec::new();
    let mut counts = Vec::new();
    for (name, target) in TARGETS {
        let inputs = files(&fuzz_dir().join(kind).join(name));
        for path in &inputs {
            let data = std::fs::read(path).unwrap();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(path.display().to_string());
            }
        }
        counts.push((*name, inputs.len()));
    }
    assert!(failed.is_empty(), "fuzz inputs that fail: {failed:#?}");
    counts
}

#[test]
fn every_target_has_a_fuzz_target_file_and_a_seed_corpus() {
    for (name, _) in TARGETS {
        let target = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        let src = std::fs::read_to_string(&target).unwrap_or_default();
        assert!(
            src.contains(&format!("mailctl::fuzz_api::{name}(data)")),
            "{} must call mailctl::fuzz_api::{name}",
            target.display()
        );
    }
    // No corpus or regression directory for a target that does not exist (it would never run).
    for kind in ["corpus", "regressions"] {
        if let Ok(rd) = std::fs::read_dir(fuzz_dir().join(kind)) {
            for e in rd.filter_map(Result::ok) {
                let n = e.file_name().to_string_lossy().into_owned();
                assert!(
                    TARGETS.iter().any(|(t, _)| *t == n),
                    "fuzz/{kind}/{n} belongs to no target"
                );
            }
        }
    }
}

#[test]
fn seed_corpora_pass_every_target() {
    for (name, n) in replay("corpus") {
        assert!(n > 0, "fuzz/corpus/{name} is empty");
    }
}

#[test]
fn crash_inputs_found_by_fuzzing_stay_fixed() {
    let counts = replay("regressions");
    assert!(
        counts.iter().map(|(_, n)| n).sum::<usize>() > 0,
        "fuzz/regressions holds no input"
    );
}
