//! ValiMail's ARC validation test suite (tests/conformance/arc/arc-draft-validation-tests.yml, MIT
//! licence, copied verbatim from github.com/ValiMail/arc_test_suite at f137dcb), end to end
//! through the binary: each scenario's `txt-records` are served by a real DNS server in this
//! process ([`crate::dnsd`]), each case's message is written to a file, and every message of a
//! scenario is verified in one run of
//!
//!   mailctl --json dkim verify --arc FILE… --nameserver=127.0.0.1:PORT --timeout=2s
//!
//! The case passes when `messages[n].arc.result` is the case's `cv` (compared lowercase, as the
//! suite's own driver testarc.py does). The suite's signatures carry `t=12345` and no `x=`, so no
//! `--at` is needed.

use crate::dnsd::{DnsServer, Zone};
use crate::util::{mailctl, repo_root, run_with_timeout};
use serde_json::Value;
use std::time::Duration;
use yaml_rust2::{Yaml, YamlLoader};

/// The suite, relative to the repository root.
pub const SUITE: &str = "tests/conformance/arc/arc-draft-validation-tests.yml";

/// Cases where mailctl knowingly differs from the suite: (case name, why). Each must still
/// fail — a case listed here that passes fails the test, so the list stays true. README.md
/// ("ARC conformance") carries the same list.
const KNOWN_DISAGREEMENTS: &[(&str, &str)] = &[
    (
        "cv_fail_i1_as_cv_fail",
        "the newest ARC-Seal has cv=fail; RFC 8617 §5.2 step 2 makes the chain status fail, the \
         suite expects no status at all (its reference validator returned nothing)",
    ),
    (
        "cv_fail_i2_as2_fail",
        "the newest ARC-Seal has cv=fail; RFC 8617 §5.2 step 2 makes the chain status fail, the \
         suite expects no status at all",
    ),
    (
        "cv_fail_i2_as1_fail",
        "ARC-Seal i=1 has cv=fail under a newer cv=pass seal; RFC 8617 §5.2 step 3 makes the \
         chain status fail, the suite expects no status at all",
    ),
    (
        "ams_fields_c_na",
        "the AMS has no c=, which means simple/simple (RFC 6376 §3.5 c=, RFC 8617 §4.1.2); its \
         b= only verifies over relaxed-canonicalized headers (checked with openssl), so the \
         sealer signed with relaxed and did not say so",
    ),
    (
        "ams_fields_h_empty",
        "h= is empty: the From header field must be signed, else the signature is ignored \
         (RFC 6376 §5.4, §6.1.1; the AMS has DKIM-Signature semantics, RFC 8617 §4.1.2)",
    ),
    (
        "ams_fields_h_includes_ams",
        "h= includes ARC-Message-Signature, which RFC 8617 §4.1.2 says must not be signed (the \
         suite itself fails an AMS whose h= includes ARC-Seal, ams_fields_h_includes_as)",
    ),
];

struct Case {
    scenario: usize,
    name: String,
    message: String,
    /// Expected chain validation status, lowercase (`none`, `pass`, `fail`, or empty).
    cv: String,
}

/// The suite repeats some case names within a scenario (`as_fields_b_head_case` …), which PyYAML
/// accepts (the last one wins, so the reference driver never ran the first) and yaml-rust2
/// rejects. Every case is kept: a repeated name gets a `~2`, `~3` … suffix.
fn rename_duplicates(src: &str) -> String {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut out = String::with_capacity(src.len() + 64);
    for line in src.split_inclusive('\n') {
        if line.starts_with("---") {
            seen.clear();
        }
        let key = line
            .strip_prefix("  ")
            .filter(|l| !l.starts_with(' '))
            .and_then(|l| l.trim_end().strip_suffix(':'))
            .filter(|k| !k.is_empty() && !k.contains(' '));
        if let Some(k) = key {
            let n = seen.entry(k.to_string()).or_insert(0);
            *n += 1;
            if *n > 1 {
                out.push_str(&format!("  {k}~{n}:\n"));
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Parse the suite: each scenario's zone (its `txt-records`) and its cases.
fn load() -> (Vec<Zone>, Vec<Case>) {
    let path = repo_root().join(SUITE);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs =
        YamlLoader::load_from_str(&rename_duplicates(&src)).expect("the suite is valid YAML");
    let mut zones = Vec::new();
    let mut cases = Vec::new();
    for doc in &docs {
        let mut zone = Zone::new();
        if let Some(recs) = doc["txt-records"].as_hash() {
            for (name, txt) in recs {
                let (Some(name), Some(txt)) = (name.as_str(), txt.as_str()) else {
                    panic!("txt-records entry is not name: text");
                };
                // A TXT character-string holds at most 255 bytes (RFC 1035 §3.3.14); longer
                // records are split, as a zone file does, and joined by the verifier.
                let chunks: Vec<&str> = txt
                    .as_bytes()
                    .chunks(255)
                    .map(|c| std::str::from_utf8(c).expect("ASCII record"))
                    .collect();
                zone = zone.txt(name, &chunks);
            }
        }
        let scenario = zones.len();
        zones.push(zone);
        let Some(tests) = doc["tests"].as_hash() else {
            continue;
        };
        for (name, t) in tests {
            let name = name.as_str().expect("case name").to_string();
            let message = t["message"].as_str().unwrap_or("").to_string();
            let cv = match &t["cv"] {
                Yaml::String(s) => s.trim().to_ascii_lowercase(),
                Yaml::Null => String::new(),
                y => panic!("{name}: cv is {y:?}"),
            };
            cases.push(Case {
                scenario,
                name,
                message,
                cv,
            });
        }
    }
    (zones, cases)
}

#[test]
fn arc_validation_suite() {
    let (zones, cases) = load();
    assert!(cases.len() > 150, "only {} cases loaded", cases.len());
    for (name, _) in KNOWN_DISAGREEMENTS {
        assert!(
            cases.iter().any(|c| c.name == *name),
            "KNOWN_DISAGREEMENTS names {name:?}, which is not a case of the suite"
        );
    }
    let dir = std::env::temp_dir().join(format!(
        "mailctl-arc-suite-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    // (case index, got, detail)
    let mut outcomes: Vec<(usize, String, String)> = Vec::new();
    let mut warned = 0;
    for (s, zone) in zones.into_iter().enumerate() {
        let idx: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].scenario == s)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let srv = DnsServer::start(zone);
        let files: Vec<String> = idx
            .iter()
            .map(|&i| {
                let p = dir.join(format!("{:03}-{}.eml", i, cases[i].name));
                std::fs::write(&p, &cases[i].message).unwrap();
                p.display().to_string()
            })
            .collect();
        let mut cmd = mailctl();
        cmd.args(["--json", "dkim", "verify", "--arc"])
            .args(&files)
            .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
        let run = run_with_timeout(&mut cmd, Duration::from_secs(120));
        let summary = run.summary();
        // Sealers that sign ARC-Authentication-Results in the AMS (as the suite's all do) are
        // tolerated with a warning line (RFC 8617 §4.1.2 says they must not).
        if summary["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["code"] == "arc-ams-signs-arc-field"))
        {
            warned += 1;
        }
        let msgs = summary["messages"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            msgs.len(),
            files.len(),
            "scenario {s}: exit {}: {}",
            run.code,
            run.stderr
        );
        for (&i, m) in idx.iter().zip(&msgs) {
            let arc: &Value = &m["arc"];
            outcomes.push((
                i,
                arc["result"].as_str().unwrap_or("<none>").to_string(),
                arc["reason"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        warned > 0,
        "no scenario warned about an AMS signing ARC-Authentication-Results"
    );

    let known = |name: &str| KNOWN_DISAGREEMENTS.iter().any(|(n, _)| *n == name);
    let mut passed = 0;
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for (i, got, why) in &outcomes {
        let c = &cases[*i];
        let ok = *got == c.cv;
        println!(
            "{:<36} expected {:<5} got {:<5} {}{}",
            c.name,
            if c.cv.is_empty() { "\"\"" } else { &c.cv },
            got,
            if ok { "ok" } else { "NO" },
            if ok {
                String::new()
            } else {
                format!("  {why}")
            }
        );
        if ok {
            passed += 1;
        }
        match (ok, known(&c.name)) {
            (false, false) => {
                unexpected.push(format!("{}: expected {:?}, got {got}: {why}", c.name, c.cv))
            }
            (true, true) => stale.push(c.name.clone()),
            _ => {}
        }
    }
    println!("ARC suite: {passed}/{} cases pass", outcomes.len());
    assert_eq!(outcomes.len(), cases.len());
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "ARC suite: {passed}/{} pass; {} unexpected failures:\n  {}\nlisted in \
         KNOWN_DISAGREEMENTS but now passing (remove them): {stale:?}",
        outcomes.len(),
        unexpected.len(),
        unexpected.join("\n  ")
    );
}
