//! The results of `smtp send`: one message's per-recipient outcomes, or a load run's counts,
//! latencies and failures. Their JSON is the summary's schema (README); their human layout is
//! in `render/smtp.rs`.

use crate::load::stats::{Errors, Latency};
use serde::Serialize;

/// One recipient of a send (RFC 5321 §4.1.1.3 RCPT; RFC 2033 §4.2 for LMTP's per-recipient
/// reply after the message).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Recipient {
    pub(crate) addr: String,
    /// RCPT TO was accepted (`reply` is its answer).
    pub(crate) accepted: bool,
    pub(crate) reply: String,
    /// LMTP only: this recipient's reply after the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) delivery: Option<String>,
    /// The server took the message for this recipient (see `proto::smtp::RcptResult`).
    pub(crate) delivered: bool,
}

/// `smtp send`: the same keys whatever the outcome (a stable schema for machines).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct SendResult {
    pub(crate) recipients: Vec<Recipient>,
    /// The server confirmed it took the message.
    pub(crate) accepted: bool,
    pub(crate) tls: bool,
    /// `--vrfy` / `--expn` answers (absent when none was asked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) verified: Vec<crate::proto::smtp::session::Verified>,
}

/// `smtp send --count`: the whole run, under `load`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LoadResult {
    pub(crate) load: LoadSummary,
}

/// Every key always present, zero or null before anything was measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LoadSummary {
    pub(crate) count: u64,
    pub(crate) concurrency: u32,
    pub(crate) per_session: u64,
    /// `--rate`, messages started per second at most.
    pub(crate) rate: Option<f64>,
    pub(crate) message_bytes: u64,
    pub(crate) messages: MessageCounts,
    /// Ended early by Ctrl-C.
    pub(crate) interrupted: bool,
    pub(crate) sessions: SessionCounts,
    pub(crate) elapsed_ms: f64,
    pub(crate) messages_per_s: f64,
    pub(crate) attempted_per_s: f64,
    pub(crate) latency_ms: Latency,
    pub(crate) errors: Errors,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct MessageCounts {
    pub(crate) attempted: u64,
    pub(crate) accepted: u64,
    /// Accepted for some recipients and refused for others.
    pub(crate) partial: u64,
    pub(crate) failed: u64,
    /// Dropped in flight by a second Ctrl-C: delivered or not, nobody knows.
    pub(crate) aborted: u64,
    pub(crate) not_attempted: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SessionCounts {
    pub(crate) opened: u64,
    pub(crate) failed: u64,
}
