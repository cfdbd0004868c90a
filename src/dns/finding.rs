//! Findings of a DNS audit: what is wrong or worth knowing about a record, with a severity that
//! decides the exit code of `dns …` commands.

use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Checked and fine (the audit says what it verified, not only what is wrong).
    Ok,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable short identifier, e.g. `spf-too-many-lookups`, `dmarc-p-none`.
    pub code: String,
    /// What is wrong and why it matters, for a person (may cite the RFC section).
    pub message: String,
}

impl Finding {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code: code.to_string(),
            message: visible(message.into()),
        }
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }
}

/// The message with its control characters written as Rust escapes (`\u{1b}`, `\n`): messages quote
/// records from DNS (`k=…`, a report URI) and renderers print them as they are, so a hostile
/// record must not reach the user's terminal with an ESC in it. Tabs stay, as in
/// [`crate::event::escape_bytes`]. Found by fuzzing (fuzz/regressions/dmarc_record, dkim_key).
fn visible(message: String) -> String {
    let bad = |c: char| c.is_control() && c != '\t';
    if !message.chars().any(bad) {
        return message;
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        if bad(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The worst severity among findings.
pub fn worst(findings: &[Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).max()
}

/// The exit outcome of an audit: the worst finding decides. A failed lookup (temperror) outranks
/// everything else: the answer is unknown, so nothing else can be trusted.
pub(crate) fn verdict(findings: &[Finding]) -> Ending {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    if let Some(f) = findings.iter().find(|f| f.code.ends_with("-lookup-failed")) {
        return Err(Failure::new(
            Phase::Resolve,
            Kind::TempError,
            f.message.clone(),
        ));
    }
    Ok(match worst(findings) {
        Some(Severity::Error) => Some(Judgement::new(
            Phase::Resolve,
            Verdict::Errors,
            format!(
                "{} error(s), {} warning(s)",
                count(Severity::Error),
                count(Severity::Warning)
            ),
        )),
        Some(Severity::Warning) => Some(Judgement::new(
            Phase::Resolve,
            Verdict::Warnings,
            format!("{} warning(s)", count(Severity::Warning)),
        )),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_messages_are_escaped() {
        let f = Finding::error("x", "k=r\u{1b}[2Jsa\0: unknown\tkey type\n");
        assert_eq!(f.message, "k=r\\u{1b}[2Jsa\\u{0}: unknown\tkey type\\n");
        assert_eq!(
            Finding::info("x", "plain \"text\"").message,
            "plain \"text\""
        );
    }
}
