//! What a `shell` session did, typed: serialized as the JSON summary's fields, laid out for
//! people in `render/shell.rs`.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct ShellResult {
    /// `smtp`, `pop3` or `imap`.
    pub protocol: &'static str,
    /// `terminal` or `script`.
    pub input: &'static str,
    /// Lines sent (a helper's lines included; a message body sent by `:data` counts once).
    pub sent: u64,
    /// Expectations (`<` lines, `--expect`) checked and met.
    pub expectations_met: u64,
    /// The session was TLS at its end (implicit, --starttls, or STARTTLS typed).
    pub tls: bool,
}
