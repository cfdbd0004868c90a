//! The layering of src/, kept true: every `crate::…` path in a module must point at a module its
//! row below allows. The table is the architecture; lib.rs's top comment and README's
//! architecture section print it (checked here too), so the text cannot drift from the code.

use crate::util::repo_root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of src/ and the modules it may import, in import order: a module may
/// import only modules listed after it. `main.rs` (the binary) sits above all and wires
/// cli → plan → cmd → render; `lib.rs` only declares modules.
///
/// - `cli` holds the clap types; only `plan` (and `generate`, which prints them) reads them, so
///   nothing below `plan` sees clap (ripgrep's low-level args → high-level plan). `cmd` reads
///   its plan, so in import order it stands above `plan`, though data flows cli → plan → cmd.
/// - `cmd` runs a plan through protocol dialogues and domain logic and returns a typed result
///   (`report`); `render` lays results and events out and depends on nothing that runs.
/// - `transport` resolves names through `dns` (the resolver is the first step of a connection),
///   so `dns` sits below it and must not reach up into sessions.
#[rustfmt::skip]
pub const LAYERS: &[(&str, &[&str])] = &[
    ("app",       &["generate", "cmd", "plan", "cli", "render", "report", "event", "secret", "error"]),
    ("generate",  &["cli", "outfile", "error"]),
    ("cmd",       &["plan", "run", "report", "pgp", "audit", "dmarc", "load", "proto", "dkim", "smime", "mime", "message", "transport", "dns", "outfile", "event", "secret", "error", "utc"]),
    ("plan",      &["cli", "report", "audit", "load", "proto", "dkim", "message", "transport", "dns", "outfile", "event", "secret", "error", "utc"]),
    ("cli",       &[]),
    ("fuzz_api",  &["pgp", "proto", "dkim", "smime", "mime", "message", "transport", "dns", "event", "secret", "error"]),
    ("render",    &["report", "pgp", "audit", "dmarc", "dkim", "smime", "mime", "dns", "outfile", "event", "secret", "error", "utc"]),
    ("run",       &["report", "outfile", "event", "error"]),
    ("report",    &["pgp", "audit", "dmarc", "load", "proto", "dkim", "smime", "mime", "dns", "event", "secret", "error", "utc"]),
    ("pgp",       &["audit", "mime", "transport", "dns", "event", "error", "utc"]),
    ("audit",     &["proto", "transport", "dns", "event", "secret", "error"]),
    ("dmarc",     &["dkim", "dns", "message", "event", "secret", "error"]),
    ("load",      &["proto", "message", "transport", "dns", "outfile", "event", "secret", "error"]),
    ("proto",     &["message", "transport", "dns", "outfile", "event", "secret", "error", "utc"]),
    ("dkim",      &["message", "dns", "outfile", "event", "secret", "error"]),
    ("smime",     &["mime", "event", "utc"]),
    ("mime",      &["event", "secret", "error"]),
    ("message",   &["event", "secret", "error"]),
    ("transport", &["dns", "outfile", "event", "secret", "error", "utc"]),
    ("dns",       &["event", "secret", "error", "utc"]),
    ("outfile",   &["event", "secret", "error"]),
    ("secret",    &["event", "error"]),
    ("event",     &["error"]),
    ("error",     &[]),
    ("utc",       &[]),
];

/// One import that the table does not allow.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The top-level module a file under src/ belongs to (`cmd/dns.rs` → `cmd`), with the second
/// level for `cmd` (`cmd/check/mod.rs` → `check`), used by the no-cmd-imports-cmd rule.
fn module_of(rel: &Path) -> (String, Option<String>) {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let strip = |s: &str| s.trim_end_matches(".rs").to_string();
    let top = strip(&parts[0]);
    let second = parts.get(1).map(|s| strip(s)).filter(|s| s != "mod");
    (top, second)
}

/// The module paths a line names after `crate::`: `crate::a::b` → `[a, b]`, `crate::{a::x, b}`
/// → `[a, x]`, `[b]`. Only the first two segments matter here.
fn crate_paths(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        // `mailctl_crate::` or `some_crate::` are not ours.
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 1 => break,
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        items.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            items.push(item);
            for it in items {
                let segs = segments(it.trim());
                if !segs.is_empty() {
                    out.push(segs);
                }
            }
        } else {
            let segs = segments(rest);
            if !segs.is_empty() {
                out.push(segs);
            }
        }
    }
    out
}

fn segments(s: &str) -> Vec<String> {
    s.split("::")
        .map(|seg| {
            seg.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .take_while(|seg| !seg.is_empty())
        .take(2)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src/") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every import in `src` that goes against the table, and every `cmd` module that imports
/// another. Plain `//` comments and `#[cfg(test)] mod tests` are skipped; doc comments count (a
/// doc link is a dependency of the documentation, and it was how an upward edge hid before).
fn violations(src: &Path) -> Vec<Violation> {
    let table: BTreeMap<&str, BTreeSet<&str>> = LAYERS
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(src).expect("under src").to_path_buf();
        let (from, cmd_name) = module_of(&rel);
        if from == "lib" || from == "main" {
            continue;
        }
        let mut text = std::fs::read_to_string(&f).expect("read source");
        // A file's unit tests may build fixtures from any module; the layering is about the
        // code that ships.
        if let Some(i) = text.find("#[cfg(test)]\nmod tests") {
            text.truncate(i);
        }
        // In cmd/, `super::` reaches the other commands too: `super::x` from cmd/a.rs or
        // cmd/a/mod.rs, `super::super::x` from cmd/a/b.rs.
        let depth = rel.components().count();
        let is_mod = rel.file_name().is_some_and(|n| n == "mod.rs");
        let cmd_super = match (from.as_str(), depth, is_mod) {
            ("cmd", 2, _) | ("cmd", 3, true) => Some("super::"),
            ("cmd", 3, false) => Some("super::super::"),
            _ => None,
        };
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") && !t.starts_with("///") && !t.starts_with("//!") {
                continue;
            }
            if let (Some(prefix), Some(own)) = (cmd_super, &cmd_name) {
                for (i, _) in line.match_indices(prefix) {
                    if line[..i].ends_with("super::") {
                        continue;
                    }
                    let other: String = line[i + prefix.len()..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !other.is_empty() && other != "super" && &other != own {
                        found.push(Violation {
                            file: rel.display().to_string(),
                            line: n + 1,
                            from: from.clone(),
                            to: format!("cmd::{other}"),
                        });
                    }
                }
            }
            for segs in crate_paths(line) {
                let to = segs[0].as_str();
                let v = |to: String| Violation {
                    file: rel.display().to_string(),
                    line: n + 1,
                    from: from.clone(),
                    to,
                };
                if to == from {
                    // Inside one module; only `cmd` has a rule about its own parts.
                    if from == "cmd"
                        && let (Some(own), Some(other)) = (&cmd_name, segs.get(1))
                        && own != other
                    {
                        found.push(v(format!("cmd::{other}")));
                    }
                    continue;
                }
                let allowed = table
                    .get(from.as_str())
                    .is_some_and(|deps| deps.contains(to));
                if !allowed {
                    found.push(v(to.to_string()));
                }
            }
        }
    }
    found.sort();
    found
}

/// The table as text, one line a module: `cmd → plan, proto, …` (what README and lib.rs show).
fn table_text() -> String {
    LAYERS
        .iter()
        .map(|(m, deps)| {
            if deps.is_empty() {
                format!("{m} → (nothing)\n")
            } else {
                format!("{m} → {}\n", deps.join(", "))
            }
        })
        .collect()
}

#[test]
fn no_import_goes_against_the_layer_table() {
    // MAILCTL_LAYERING_SRC points the check at another tree (e.g. an older checkout, to see
    // what it finds there).
    let src = std::env::var_os("MAILCTL_LAYERING_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("src"));
    let found = violations(&src);
    let list: String = found
        .iter()
        .map(|v| format!("  {}:{}: {} → {}\n", v.file, v.line, v.from, v.to))
        .collect();
    assert!(
        found.is_empty(),
        "{} import(s) against the layer table (tests/it/layering.rs):\n{list}",
        found.len()
    );
}

#[test]
fn every_module_of_src_has_a_row() {
    let mut files = Vec::new();
    rust_files(&repo_root().join("src"), &mut files);
    let rows: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let src = repo_root().join("src");
    for f in files {
        let (top, _) = module_of(f.strip_prefix(&src).unwrap());
        if top != "lib" && top != "main" {
            assert!(
                rows.contains(top.as_str()),
                "src/{top} has no row in LAYERS"
            );
        }
    }
}

#[test]
fn the_table_is_a_hierarchy() {
    // Acyclic: every module only allows modules listed after it, so the order is the layering.
    for (i, (m, deps)) in LAYERS.iter().enumerate() {
        for d in *deps {
            let j = LAYERS.iter().position(|(n, _)| n == d);
            assert!(
                j.is_some_and(|j| j > i),
                "{m} may import {d}, which is not below it in LAYERS"
            );
        }
    }
}

#[test]
fn the_check_finds_what_it_must() {
    // A small tree with one upward import, one cmd → cmd import, a doc link and a grouped
    // import: the check must name each, and must not be fooled by plain comments.
    let dir = std::env::temp_dir().join(format!("mailctl-layering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cmd")).unwrap();
    std::fs::create_dir_all(dir.join("dns")).unwrap();
    std::fs::write(
        dir.join("event.rs"),
        "//! e\nuse crate::plan::OutputMode;\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("cmd/dmarc.rs"),
        "//! d\nuse crate::{event::Ctx, cmd::dns::x};\n// crate::cli::Not (a comment)\nsuper::bounded();\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("dns/mod.rs"),
        "//! see [`crate::cmd::bounded`]\nuse crate::error::Failure;\n",
    )
    .unwrap();
    let found: Vec<(String, String)> = violations(&dir)
        .into_iter()
        .map(|v| (v.from, v.to))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        found,
        vec![
            ("cmd".to_string(), "cmd::dns".to_string()),
            ("cmd".to_string(), "cmd::bounded".to_string()),
            ("dns".to_string(), "cmd".to_string()),
            ("event".to_string(), "plan".to_string()),
        ]
    );
}

#[test]
fn readme_and_lib_rs_show_the_table() {
    let want = table_text();
    for file in ["README.md", "src/lib.rs"] {
        let text = std::fs::read_to_string(repo_root().join(file)).unwrap();
        // lib.rs carries it in `//!` lines.
        let text: String = if file.ends_with(".rs") {
            text.lines()
                .filter_map(|l| l.strip_prefix("//!"))
                .map(|l| l.strip_prefix(' ').unwrap_or(l).to_string() + "\n")
                .collect()
        } else {
            text
        };
        assert!(
            text.contains(&want),
            "{file} does not show the layer table of tests/it/layering.rs; it should contain:\n{want}"
        );
    }
}
