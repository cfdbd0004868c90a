//! The result of one command, handed to the renderer for the summary and the exit code.

pub(crate) mod check;
pub(crate) mod dkim;
pub(crate) mod dmarc;
pub(crate) mod dns;
pub(crate) mod imap;
pub(crate) mod pop3;
pub(crate) mod smtp;

use crate::error::{Failure, Kind, Phase};
use std::sync::Arc;

/// How a command's typed result is laid out for people. The types live with their command's
/// results; the impls live in `render/` (one file per area), which owns every layout.
pub(crate) trait Human {
    /// The results proper (a table, a tree, lines), printed before the timings; in a results
    /// command they alone go to stdout.
    fn results(&self) -> String {
        String::new()
    }
    /// Lines printed after the timings (e.g. a send's recipients).
    fn after(&self) -> String {
        String::new()
    }
}

/// A command's typed result (dog's typed `Response`): serialized for JSON, laid out by
/// [`Human`] for people.
/// `Any`: a command with its own output formats (`check`) gets its own type back to render it.
pub(crate) trait Outcome: Human + std::fmt::Debug + Send + Sync + std::any::Any {
    /// The JSON fields, as one serialized object; the renderer appends its members to the
    /// summary after the head fields, in declaration order.
    fn json(&self) -> serde_json::Result<String>;
}

impl<T: serde::Serialize + Human + std::fmt::Debug + Send + Sync + 'static> Outcome for T {
    fn json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// e.g. "smtp send".
    pub command: String,
    /// The address we ended up talking to.
    pub server: Option<String>,
    pub failure: Option<Failure>,
    /// One-line result on success, e.g. the server's final reply.
    pub detail: Option<String>,
    pub timings: Vec<(Phase, f64)>,
    pub total_ms: f64,
    /// Audit findings (dns), shown after the table and in JSON as `findings`.
    pub findings: Vec<crate::dns::finding::Finding>,
    /// The command's typed result (see [`Outcome`]).
    pub body: Option<Arc<dyn Outcome>>,
}

impl Report {
    pub(crate) fn new(command: impl Into<String>) -> Self {
        Report {
            command: command.into(),
            server: None,
            failure: None,
            detail: None,
            timings: Vec::new(),
            total_ms: 0.0,
            findings: Vec::new(),
            body: None,
        }
    }

    /// Attach the command's typed result.
    pub(crate) fn with_body(mut self, body: impl Outcome + 'static) -> Report {
        self.body = Some(Arc::new(body));
        self
    }

    /// Close the report: the failure (if any), the phase timings and the total time.
    pub(crate) fn finish(mut self, failure: Option<Failure>, ctx: &crate::event::Ctx) -> Report {
        self.failure = failure;
        self.timings = ctx.timings();
        self.total_ms = ctx.now_ms();
        self
    }

    pub(crate) fn exit_code(&self) -> i32 {
        self.failure.as_ref().map_or(0, Failure::exit_code)
    }

    /// `ok`, `partial`, `warning` or `fail`.
    pub(crate) fn outcome(&self) -> &'static str {
        match &self.failure {
            None => "ok",
            Some(f) if f.kind == Kind::Partial => "partial",
            Some(f) if f.kind == Kind::Warnings => "warning",
            Some(f) if f.kind == Kind::Interrupted => "interrupted",
            Some(_) => "fail",
        }
    }
}
