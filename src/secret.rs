//! Secrets: where passwords come from (never argv), and a type that cannot be printed by accident.

use crate::error::Failure;
use std::io::IsTerminal;
use std::path::PathBuf;

/// A password or token. `Debug` and `Display` print `***`; use [`Secret::expose`] deliberately.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
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
pub enum PasswordSource {
    /// `--password-env VAR`
    Env(String),
    /// `--password-file FILE` (first line; trailing CR/LF removed)
    File(PathBuf),
    /// Nothing given: `MAILCTL_PASSWORD`, else a prompt on the terminal.
    Default,
}

/// The environment variable read when no source is named.
pub const DEFAULT_ENV: &str = "MAILCTL_PASSWORD";

impl PasswordSource {
    pub fn read(&self, user: &str) -> Result<Secret, Failure> {
        match self {
            PasswordSource::Env(var) => std::env::var(var).map(Secret).map_err(|_| {
                Failure::usage(format!(
                    "--password-env {var}: variable is not set (or not UTF-8)"
                ))
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
    fn file_source_takes_first_line() {
        let dir = std::env::temp_dir().join(format!("mailctl-secret-{}", std::process::id()));
        std::fs::write(&dir, "pw with spaces \r\nsecond\n").unwrap();
        let s = PasswordSource::File(dir.clone()).read("u").unwrap();
        assert_eq!(s.expose(), "pw with spaces ");
        std::fs::remove_file(dir).unwrap();
    }
}
