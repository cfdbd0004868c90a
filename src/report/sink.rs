//! The result of `smtp sink`: what it received until it stopped, and the interface through
//! which it hands each connection's transcript to the printer (implemented in `render/sink.rs`).

use crate::event::Sink;
use serde::Serialize;
use std::sync::Arc;

/// `smtp sink`'s summary: the same keys whatever happened (a stable schema for machines).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct SinkResult {
    /// The address it listened on (the port chosen when `--listen` said 0).
    pub(crate) listen: String,
    /// `smtp` or `lmtp`.
    pub(crate) protocol: String,
    /// `maildir`, `dir` or `discard`.
    pub(crate) storage: String,
    /// The Maildir or directory, when messages were kept.
    pub(crate) path: Option<String>,
    /// Why it stopped: `max` (--max messages), `max_time`, `interrupt` (Ctrl-C, SIGTERM).
    pub(crate) ended_by: String,
    pub(crate) messages: u64,
    /// Bytes of the messages taken, as stored (with the Received: header).
    pub(crate) bytes: u64,
    /// Recipients the messages were taken for.
    pub(crate) recipients: u64,
    /// Messages refused after they were sent (over --max-size, a scripted reply).
    pub(crate) rejected: u64,
    pub(crate) connections: u64,
    /// Connections refused because --max-connections were open.
    pub(crate) refused_connections: u64,
    /// Connections that ended in a failure (timeout, TLS, too many errors, dropped mid-message)
    /// and messages that could not be stored.
    pub(crate) errors: u64,
    pub(crate) elapsed_ms: f64,
    pub(crate) messages_per_s: f64,
}

/// Where each connection's events go: a connection's transcript is printed as it happens while
/// no other one is being shown, else kept and printed whole when it ends, so two connections
/// never interleave line by line.
pub(crate) trait Transcripts: Send + Sync {
    /// The sink for connection `conn`'s events; None: nobody will see them (`-q`), so no event
    /// need be made.
    fn open(&self, conn: u64) -> Option<Arc<dyn Sink>>;
    /// Connection `conn` ended: print what was kept of it.
    fn close(&self, conn: u64);
}
