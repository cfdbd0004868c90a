//! What `dkim verify` finds, per message and per signature (RFC 8601 §2.7.1 result names): the
//! serialized shape of `--json` (`messages`), and what the human tree is drawn from.

use super::diagnose::CountDiff;
use crate::dns::finding::Finding;
use serde::Serialize;
use std::sync::Arc;

/// Signature result (RFC 8601 §2.7.1 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SigResult {
    Pass,
    Fail,
    Permerror,
    Temperror,
}

/// Message result: pass if any signature passes, else temperror if a key lookup failed, else
/// fail if a signature failed, else none (unsigned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum MsgResult {
    Pass,
    Fail,
    Temperror,
    None,
}

impl MsgResult {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MsgResult::Pass => "pass",
            MsgResult::Fail => "fail",
            MsgResult::Temperror => "temperror",
            MsgResult::None => "none",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BodyInfo {
    /// Length of the canonicalized body.
    pub canonical_bytes: usize,
    /// Bytes of it that were hashed (all, or `l=`).
    pub hashed_bytes: usize,
    /// Canonical body bytes after `l=`: not covered by the signature.
    pub unsigned_bytes: usize,
    pub hash_ok: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct KeyInfo {
    pub name: String,
    /// `answer`, `nxdomain`, `nodata`, `servfail`, `refused`, `timeout`, `error`; `file` for a
    /// key given with `--key` (no lookup).
    pub lookup: String,
    /// The `--key` file the key was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub lookup_ms: f64,
    /// The TXT record used (or the first one seen).
    pub record: Option<String>,
    pub key_type: Option<String>,
    pub bits: Option<u32>,
    pub flags: Vec<String>,
    pub findings: Vec<Finding>,
}

/// What was hashed, for `--debug-canon`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CanonDump {
    /// The canonicalized signed header fields and the DKIM-Signature without b= value.
    pub headers: String,
    /// The body hash input (after l=).
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SigReport {
    /// 1-based, top to bottom.
    pub index: usize,
    pub result: SigResult,
    /// Stable reason code: `pass`, `body-hash-mismatch`, `signature-mismatch`, `key-nxdomain`, …
    pub code: String,
    pub reason: String,
    pub d: Option<String>,
    pub s: Option<String>,
    pub a: Option<String>,
    pub c: Option<String>,
    pub h: Vec<String>,
    pub i: Option<String>,
    pub l: Option<u64>,
    pub t: Option<u64>,
    pub x: Option<u64>,
    pub expired: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyInfo>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header_counts: Vec<CountDiff>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Arc<KeyInfo>>,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canon: Option<CanonDump>,
    /// The raw header and body hash inputs (for the transcript), when asked for.
    #[serde(skip)]
    pub canon_raw: Option<(Vec<u8>, Vec<u8>)>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MessageReport {
    pub source: String,
    pub result: MsgResult,
    /// The deciding signature's reason (or why there is none).
    pub reason: String,
    /// The (first) From header field value, unfolded.
    pub from: Option<String>,
    /// `crlf`, or `lf` when bare LF line endings were converted before verifying.
    pub line_endings: &'static str,
    pub signatures: Vec<SigReport>,
    /// The ARC chain (RFC 8617), when asked for (`--arc`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arc: Option<super::arc::ArcReport>,
}
