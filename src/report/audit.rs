//! The typed result of `audit DOMAIN`, serialized into the JSON summary and laid out for people
//! in `render/audit.rs`. Every finding is also in the report's `findings` (flat, in tree order).

use crate::audit::AuditResult;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct AuditReport {
    #[serde(flatten)]
    pub(crate) audit: AuditResult,
    /// `--transcript`: show every probe's dialogue in the human output.
    #[serde(skip)]
    pub(crate) transcript: bool,
}
