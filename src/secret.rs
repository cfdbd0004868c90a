//! Secrets: where passwords come from (never argv), and a type that cannot be printed by accident.

use crate::error::Failure;
use std::io::IsTerminal;
use std::path::PathBuf;

/// A password or token. `Debug` and `Display` print `***`; use [`Secret::expose`] deliberately.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    #[cfg(any(test, feature = "fuzz"))]
    pub(crate) fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// No secret: EXTERNAL logs in with the TLS client certificate (RFC 4422 Appendix A).
    pub(crate) fn none() -> Self {
        Secret(String::new())
    }
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// Where to read the password from, in the order the user can choose them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PasswordSource {
    /// `--password-env VAR`
    Env(String),
    /// `--password-file FILE` (first line; trailing CR/LF removed)
    File(PathBuf),
    /// Nothing given: `MAILCTL_PASSWORD`, else a prompt on the terminal.
    Default,
}

/// The environment variable read when no source is named.
pub(crate) const DEFAULT_ENV: &str = "MAILCTL_PASSWORD";

/// A conventional environment variable name (POSIX.1-2017 §8.1: upper case, digits and `_`,
/// not starting with a digit): safe to quote in an error, unlike a mistyped password.
fn looks_like_env_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl PasswordSource {
    /// Read the secret and register it (and the forms it takes on the wire) for [`redact`].
    pub(crate) fn read(&self, user: &str) -> Result<Secret, Failure> {
        let s = self.read_unregistered(user)?;
        register(user, &s);
        Ok(s)
    }

    fn read_unregistered(&self, user: &str) -> Result<Secret, Failure> {
        match self {
            PasswordSource::Env(var) => std::env::var(var).map(Secret).map_err(|_| {
                if looks_like_env_name(var) {
                    Failure::usage(format!(
                        "--password-env {var}: variable is not set (or not UTF-8)"
                    ))
                } else {
                    // People coming from swaks (`--auth-password PW`) give the password itself;
                    // echoing it would put it in the terminal and the monitoring log.
                    Failure::usage(
                        "--password-env: the variable named is not set, and the name is not shown: it is not an upper-case environment variable name (A-Z, 0-9, _), so it may be the password itself; give the name of a variable that holds the password (export PW=…; --password-env PW)",
                    )
                }
            }),
            PasswordSource::File(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Failure::local_io(format!("--password-file {}: {e}", path.display()))
                })?;
                let line = text.lines().next().unwrap_or("");
                Ok(Secret(line.trim_end_matches(['\r', '\n']).to_string()))
            }
            PasswordSource::Default => {
                if let Ok(p) = std::env::var(DEFAULT_ENV) {
                    return Ok(Secret(p));
                }
                if std::io::stdin().is_terminal() {
                    rpassword::prompt_password(format!("Password for {user}: "))
                        .map(Secret)
                        .map_err(|e| {
                            Failure::local_io(format!("reading password from the terminal: {e}"))
                        })
                } else {
                    Err(Failure::usage(format!(
                        "a password is needed for {user}: use --password-env VAR, --password-file FILE or {DEFAULT_ENV} (no terminal to prompt on)"
                    )))
                }
            }
        }
    }
}

/// Every form a registered secret can take in output: as itself, in each SASL encoding mailctl
/// sends, as an IMAP quoted string, and each of those as the transcript escapes them and as JSON
/// escapes them. A server that echoes what we sent (`535 bad credentials AGFsaWNl…`, `-ERR PASS
/// s3cret not accepted`) must not make the secret appear in the transcript, an error or the
/// JSON: the printer replaces every form with `***` unless --show-secrets.
static FORMS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Forms shorter than this are not redacted: replacing a 3-character password everywhere would
/// garble every line (timings, codes) and protect nothing.
pub(crate) const MIN_REDACTED_LEN: usize = 4;

/// Register a secret (with the user it goes with) for [`redact`].
pub(crate) fn register(user: &str, secret: &Secret) {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let p = secret.expose();
    let quoted = p.replace('\\', "\\\\").replace('"', "\\\"");
    let base = [
        p.to_string(),
        quoted,
        b64(p),
        b64(&format!("\0{user}\0{p}")),
        b64(&format!("user={user}\x01auth=Bearer {p}\x01\x01")),
    ];
    let mut forms = FORMS.lock().unwrap_or_else(|e| e.into_inner());
    let echoed = echo_forms(p);
    for b in base.into_iter().chain(echoed) {
        for f in output_forms(b) {
            if f.len() >= MIN_REDACTED_LEN && !forms.contains(&f) {
                forms.push(f);
            }
        }
    }
    // Longest first, so a form containing another is replaced whole.
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
}

/// Register a value derived from a secret that lets whoever sees it test password guesses
/// offline (the SCRAM server signature, RFC 5802 §9), with every form [`register`] gives a
/// password: it is then redacted wherever it appears, the server's own lines included.
pub(crate) fn register_derived(value: &str) {
    let mut forms = FORMS.lock().unwrap_or_else(|e| e.into_inner());
    for b in std::iter::once(value.to_string()).chain(echo_forms(value)) {
        for f in output_forms(b) {
            if f.len() >= MIN_REDACTED_LEN && !forms.contains(&f) {
                forms.push(f);
            }
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
}

/// Forms a server may echo the password in that mailctl never sent it in: a log or a debug reply
/// that quotes what it received the way its own language does. Each is registered with its
/// output forms like the wire forms.
/// - base64 at any position of any base64 text: a PLAIN payload with an authzid, or any prefix
///   whose length is not a multiple of 3, shifts the password's encoding; for each of the three
///   alignments the characters that depend on the password's bytes alone (RFC 4648 §4: each
///   character is 6 bits, so the ones straddling a neighbour's bits are dropped) are the form.
///   This also covers base64 without `=` padding and a base64 split at any 4-character group.
/// - JSON with non-ASCII and control characters as `\uXXXX` (serde_json keeps UTF-8 as is).
/// - percent-encoding (RFC 3986 §2.1, upper- and lower-case hex, space also as `+`).
fn echo_forms(p: &str) -> Vec<String> {
    use base64::Engine;
    let bytes = p.as_bytes();
    let mut out = Vec::new();
    for k in 0..3usize {
        let mut buf = vec![0u8; k];
        buf.extend_from_slice(bytes);
        let enc = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&buf);
        let first = (8 * k).div_ceil(6);
        let end = (8 * (k + bytes.len())) / 6;
        if let Some(core) = enc.get(first..end.min(enc.len())) {
            out.push(core.to_string());
        }
    }
    let ascii_json = |upper: bool| -> String {
        let mut j = String::new();
        for c in p.chars() {
            match c {
                '"' => j.push_str("\\\""),
                '\\' => j.push_str("\\\\"),
                c if c.is_ascii() && !c.is_ascii_control() => j.push(c),
                c => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        j.push_str(&if upper {
                            format!("\\u{u:04X}")
                        } else {
                            format!("\\u{u:04x}")
                        });
                    }
                }
            }
        }
        j
    };
    out.extend([ascii_json(false), ascii_json(true)]);
    let pct = |upper: bool, plus: bool| -> String {
        bytes
            .iter()
            .map(|&b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                b' ' if plus => "+".to_string(),
                b if upper => format!("%{b:02X}"),
                b => format!("%{b:02x}"),
            })
            .collect()
    };
    out.extend([
        pct(true, false),
        pct(false, false),
        pct(true, true),
        pct(false, true),
    ]);
    out
}

/// `s` as each output escapes it. Redaction happens on the finished text of every sink, after
/// the renderers escaped what they print, so every escaping a renderer applies to server or
/// error text must be listed here (the renderers' tests check their own escaping against
/// [`redact`]): the transcript's `escape_bytes` and `clean`, JSON string escaping (of both),
/// the Nagios status text (`|` shown as `¦`, line breaks as ` / `, see render::nagios) and the
/// Prometheus comment line (line breaks as spaces, see render::prometheus).
fn output_forms(s: String) -> Vec<String> {
    let escaped = crate::event::escape_bytes(s.as_bytes());
    let mut out = vec![
        json_inner(&s),
        json_inner(&escaped),
        crate::event::clean(&s).into_owned(),
    ];
    let nagios = s
        .replace('|', "¦")
        .replace("\r\n", " / ")
        .replace(['\n', '\r'], " / ");
    if nagios != s {
        out.push(nagios);
    }
    if s.contains('\n') {
        out.push(s.replace('\n', " "));
    }
    out.push(escaped);
    out.push(s);
    out
}

fn json_inner(s: &str) -> String {
    let q = serde_json::to_string(s).unwrap_or_default();
    q.get(1..q.len().saturating_sub(1))
        .unwrap_or("")
        .to_string()
}

/// Replace every registered secret form in `text` with `***`.
pub(crate) fn redact(text: &str) -> std::borrow::Cow<'_, str> {
    let forms = FORMS.lock().unwrap_or_else(|e| e.into_inner());
    if !forms.iter().any(|f| text.contains(f.as_str())) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for f in forms.iter() {
        if out.contains(f.as_str()) {
            out = out.replace(f.as_str(), "***");
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_formats() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "*** ***");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn an_unset_password_env_is_named_only_when_it_looks_like_a_name() {
        let e = PasswordSource::Env("MAILCTL_SURELY_UNSET_4711".into())
            .read("u")
            .unwrap_err();
        assert!(
            e.message.contains("MAILCTL_SURELY_UNSET_4711"),
            "{}",
            e.message
        );
        for pw in ["hunter2", "S3cr3t!pw", "Tr0ub4dor&3", "correct horse"] {
            let e = PasswordSource::Env(pw.into()).read("u").unwrap_err();
            assert!(!e.message.contains(pw), "{}", e.message);
            assert_eq!(e.exit_code(), 2);
        }
    }

    #[test]
    fn file_source_takes_first_line() {
        let dir = std::env::temp_dir().join(format!("mailctl-secret-{}", std::process::id()));
        std::fs::write(&dir, "pw with spaces \r\nsecond\n").unwrap();
        let s = PasswordSource::File(dir.clone()).read("u").unwrap();
        assert_eq!(s.expose(), "pw with spaces ");
        std::fs::remove_file(dir).unwrap();
    }

    #[test]
    fn every_wire_form_is_redacted() {
        use base64::Engine;
        let pw = "p\"a ss\\w0rd+/=";
        register("redact-user", &Secret::new(pw));
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        for leak in [
            pw.to_string(),
            b64(pw),
            b64(&format!("\0redact-user\0{pw}")),
            serde_json::to_string(pw).unwrap(),
            "p\\\"a ss\\\\w0rd+/=".to_string(),
        ] {
            let text = format!("535 echo {leak} end");
            let r = redact(&text);
            assert!(!r.contains(pw), "{r}");
            assert!(r.contains("***"), "{leak}: {r}");
        }
        assert_eq!(redact("nothing here"), "nothing here");
    }

    /// Forms a server may echo that mailctl never sent: base64 behind an authzid (any
    /// alignment) or without padding, JSON with `\uXXXX`, percent-encoding. What is left
    /// around the `***` must not hold more than a few bits of the password.
    #[test]
    fn echoed_encodings_are_redacted_at_any_alignment() {
        use base64::Engine;
        let pw = "Sé\"cr\\et|pa%ss w+rd\u{1}";
        register("echo-user", &Secret::new(pw));
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        // (echo, how many characters may remain around the `***`: the base64 of a prefix,
        // plus a character on each side that also carries a neighbour's bits, and padding).
        let mut leaks = vec![
            (b64(pw).trim_end_matches('=').to_string(), 1),
            ("S\\u00e9\\\"cr\\\\et|pa%ss w+rd\\u0001".to_string(), 0),
            ("S\\u00E9\\\"cr\\\\et|pa%ss w+rd\\u0001".to_string(), 0),
            ("S%C3%A9%22cr%5Cet%7Cpa%25ss%20w%2Brd%01".to_string(), 0),
            ("S%c3%a9%22cr%5cet%7cpa%25ss+w%2brd%01".to_string(), 0),
        ];
        for authz in ["a", "ab", "abc", "admin@echo.test"] {
            let plain = format!("{authz}\0echo-user\0");
            leaks.push((b64(&format!("{plain}{pw}")), plain.len() * 4 / 3 + 4));
            leaks.push((
                b64(&format!("{authz}{pw}"))
                    .trim_end_matches('=')
                    .to_string(),
                authz.len() * 4 / 3 + 3,
            ));
        }
        for (leak, max_kept) in leaks {
            let r = redact(&format!("535 echo {leak} end")).into_owned();
            let left = r
                .strip_prefix("535 echo ")
                .and_then(|r| r.strip_suffix(" end"))
                .unwrap_or(&r);
            assert!(left.contains("***"), "{leak}: {r}");
            let kept = left.replace("***", "");
            assert!(kept.len() <= max_kept, "{leak}: {r}");
        }
    }
}
