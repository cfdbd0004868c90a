//! The `--targets` TOML file of `check smtp|imap|pop3`: one `[[target]]` table per server,
//! each overriding the command line field by field; its errors never quote a value.

use crate::error::Failure;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One `[[target]]` of a `--targets` file: the server and what differs from the command line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetEntry {
    pub(super) server: String,
    pub(super) name: Option<String>,
    pub(super) protocol: Option<String>,
    pub(super) port: Option<u16>,
    pub(super) tls: Option<bool>,
    pub(super) starttls: Option<bool>,
    pub(super) sni: Option<String>,
    /// Replaces the command line's --ca-file list: one path or a list, relative to the file.
    pub(super) ca_file: Option<OneOrMore<PathBuf>>,
    pub(super) insecure: Option<bool>,
    pub(super) user: Option<String>,
    pub(super) password_env: Option<String>,
    pub(super) password_file: Option<PathBuf>,
    pub(super) auth: Option<String>,
    pub(super) apop: Option<bool>,
    pub(super) timeout: Option<String>,
    pub(super) connect_timeout: Option<String>,
    pub(super) max_time: Option<String>,
    pub(super) warn: Option<String>,
    pub(super) crit: Option<String>,
    pub(super) warn_phase: Option<BTreeMap<String, String>>,
    pub(super) crit_phase: Option<BTreeMap<String, String>>,
    pub(super) cert_warn_days: Option<u32>,
    pub(super) cert_crit_days: Option<u32>,
    pub(super) expect_banner: Option<String>,
    pub(super) helo: Option<String>,
    pub(super) send_test: Option<bool>,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
}

/// A key that takes one value or a list (`ca_file = "ca.pem"` or `ca_file = ["a.pem", "b.pem"]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMore<T> {
    One(T),
    More(Vec<T>),
}

impl<T> OneOrMore<T> {
    pub(super) fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMore::One(t) => vec![t],
            OneOrMore::More(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    #[serde(default)]
    target: Vec<TargetEntry>,
}

/// The most targets one run may have: each is a concurrent connection.
pub(super) const MAX_TARGETS: usize = 1000;

pub(super) fn read_targets_file(path: &Path) -> Result<Vec<TargetEntry>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::local_io(format!("--targets {}: {e}", path.display())))?;
    let file: TargetsFile = toml::from_str(&text).map_err(|e| {
        Failure::usage(format!(
            "--targets {}: {}",
            path.display(),
            toml_problem(&text, &e)
        ))
    })?;
    if file.target.is_empty() {
        return Err(Failure::usage(format!(
            "--targets {}: no [[target]] tables",
            path.display()
        )));
    }
    Ok(file.target)
}

/// A targets-file error a person can act on without the file's text in it: where (line and
/// column, 1-based), which key and which `[[target]]`, and what is wrong. The toml crate's own
/// Display quotes the offending source line, and serde's "invalid type: string \"…\"" quotes the
/// value: either can be a password someone put in the file by mistake (`password = "…"` is
/// refused as an unknown key, and its refusal must not print it). Values are never quoted.
fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let what = toml_message(e.message());
    let Some(span) = e.span() else {
        return what;
    };
    let start = span.start.min(text.len());
    let start = (0..=start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..start];
    let line_no = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let mut place = format!("line {line_no}, column {column}");
    if let Some(k) = toml_key(line, start - line_start) {
        place.push_str(&format!(", key `{k}`"));
    }
    let table = before
        .lines()
        .filter(|l| l.trim_start().starts_with("[[target]]"))
        .count();
    if table > 0 {
        place.push_str(&format!(" of [[target]] #{table}"));
    }
    format!("{place}: {what}")
}

/// The key a problem at byte `at` of `line` belongs to: the key before the nearest `=` left of
/// it (with the outer key of an inline table: `warn_phase.tls`), or the key the position is on.
/// Only bare keys (TOML 1.0, "Keys": `A-Za-z0-9_-`) are named, so nothing but a key name
/// from the file is ever printed.
fn toml_key(line: &str, at: usize) -> Option<String> {
    let bare = |k: &str| {
        let k = k.trim().trim_matches(['"', '\'']);
        (!k.is_empty()
            && k.len() <= 64
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then(|| k.to_string())
    };
    let last_key = |s: &str| {
        let s = s.rfind(['{', ',']).map_or(s, |i| &s[i + 1..]);
        bare(s)
    };
    let at = at.min(line.len());
    let head = line.get(..at).unwrap_or("");
    let outer = line.split_once('=').and_then(|(k, _)| bare(k));
    match head.rfind('=') {
        Some(eq) => {
            let inner = last_key(&head[..eq])?;
            match outer {
                Some(o) if head[..eq].contains('{') => Some(format!("{o}.{inner}")),
                _ => Some(inner),
            }
        }
        // The position is on a key (an unknown or duplicate key).
        None => {
            let rest = line.get(at..).unwrap_or("");
            let key = rest.split('=').next().unwrap_or("");
            if rest.contains('=') { bare(key) } else { None }
        }
    }
}

/// The toml/serde message without any value in it: `invalid type: string "s3cret", expected
/// u16` becomes `invalid type: a string, expected u16`. Key names (`unknown field `x``) and the
/// parser's own descriptions are kept.
fn toml_message(m: &str) -> String {
    let m = m.trim();
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = m.strip_prefix(lead) {
            let (got, expected) = match rest.rfind(", expected ") {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            let kind = got.split(['"', '`', '\'']).next().unwrap_or("").trim();
            let kind = match kind {
                "" => "a value".to_string(),
                k if k.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {k}"),
                k => format!("a {k}"),
            };
            return format!("{lead}{kind}{expected}");
        }
    }
    // Anything else quoting text in double or single quotes: the quoted part may be a value.
    let mut out = String::new();
    let mut quote = None;
    for c in m.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push('…');
                out.push(c);
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problem with a targets file, as the user sees it.
    fn problem(text: &str) -> String {
        let e = toml::from_str::<TargetsFile>(text).expect_err(text);
        toml_problem(text, &e)
    }

    #[test]
    fn targets_file_errors_name_the_place_and_key_never_a_value() {
        let secret = "Hunter2-s3cret";
        let head = "[[target]]\nserver = \"a:25\"\n[[target]]\nserver = \"b\"\n";
        let cases = [
            // A password where none may be: an unknown key.
            (
                format!("{head}password = \"{secret}\"\n"),
                "line 5, column 1, key `password` of [[target]] #2: unknown field `password`",
            ),
            // A value of the wrong type on a key.
            (
                format!("{head}port = \"{secret}\"\n"),
                "line 5, column 8, key `port` of [[target]] #2: invalid type: a string, expected u16",
            ),
            (
                format!("{head}user = {{ pw = \"{secret}\" }}\n"),
                "line 5, column 8, key `user` of [[target]] #2: invalid type: a map, expected a string",
            ),
            (
                format!("{head}warn_phase = {{ tls = [\"{secret}\"] }}\n"),
                "line 5, column 22, key `warn_phase.tls` of [[target]] #2: invalid type: a sequence, expected a string",
            ),
            // Syntax errors on the line holding the value.
            (
                format!("{head}password_env = {secret}\n"),
                "line 5, column 16, key `password_env` of [[target]] #2: ",
            ),
            (
                format!("{head}password_file = \"{secret}\n"),
                "line 5, column 32, key `password_file` of [[target]] #2: ",
            ),
            (
                format!("{head}{secret}\n"),
                "line 5, column 15 of [[target]] #2: key with no value",
            ),
            (
                format!("{head}password_env = '{secret}' x\n"),
                "line 5, column ",
            ),
        ];
        for (text, want) in &cases {
            let got = problem(text);
            assert!(!got.contains(secret), "{text:?}: {got}");
            assert!(!got.contains("Hunter"), "{text:?}: {got}");
            assert!(got.starts_with(want), "{text:?}:\n got {got}\nwant {want}");
        }
    }

    #[test]
    fn targets_file_rejects_unknown_keys_and_passwords() {
        let ok: TargetsFile = toml::from_str(
            "[[target]]\nserver = \"a:25\"\nwarn_phase = { tls = \"200ms\" }\n[[target]]\nserver = \"b\"\nprotocol = \"imap\"\n",
        )
        .unwrap();
        assert_eq!(ok.target.len(), 2);
        assert_eq!(ok.target[0].warn_phase.as_ref().unwrap()["tls"], "200ms");
        assert!(
            toml::from_str::<TargetsFile>("[[target]]\nserver = \"a\"\npassword = \"x\"\n")
                .is_err()
        );
        assert!(toml::from_str::<TargetsFile>("[[target]]\nname = \"no server\"\n").is_err());
    }
}
