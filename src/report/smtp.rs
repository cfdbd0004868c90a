//! The results of `smtp send`: one message's per-recipient outcomes, or a load run's counts,
//! latencies and failures. Their JSON is the summary's schema (README); their human layout is
//! in `render/smtp.rs`.

use crate::load::stats::{Errors, Latency};
use serde::Serialize;

/// One recipient of a send (RFC 5321 §4.1.1.3 RCPT; RFC 2033 §4.2 for LMTP's per-recipient
/// reply after the message).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recipient {
    pub addr: String,
    /// RCPT TO was accepted (`reply` is its answer).
    pub accepted: bool,
    pub reply: String,
    /// LMTP only: this recipient's reply after the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<String>,
    /// The server took the message for this recipient (see `proto::smtp::RcptResult`).
    pub delivered: bool,
}

/// `smtp send`: the same keys whatever the outcome (a stable schema for machines).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SendResult {
    pub recipients: Vec<Recipient>,
    /// The server confirmed it took the message.
    pub accepted: bool,
    pub tls: bool,
}

/// `smtp send --count`: the whole run, under `load`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadResult {
    pub load: LoadSummary,
}

/// Every key always present, zero or null before anything was measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadSummary {
    pub count: u64,
    pub concurrency: u32,
    pub per_session: u64,
    /// `--rate`, messages started per second at most.
    pub rate: Option<f64>,
    pub message_bytes: u64,
    pub messages: MessageCounts,
    /// Ended early by Ctrl-C.
    pub interrupted: bool,
    pub sessions: SessionCounts,
    pub elapsed_ms: f64,
    pub messages_per_s: f64,
    pub attempted_per_s: f64,
    pub latency_ms: Latency,
    pub errors: Errors,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageCounts {
    pub attempted: u64,
    pub accepted: u64,
    /// Accepted for some recipients and refused for others.
    pub partial: u64,
    pub failed: u64,
    /// Dropped in flight by a second Ctrl-C: delivered or not, nobody knows.
    pub aborted: u64,
    pub not_attempted: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionCounts {
    pub opened: u64,
    pub failed: u64,
}
