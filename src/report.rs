//! The result of one command, handed to the renderer for the summary and the exit code.

pub(crate) mod audit;
pub(crate) mod check;
pub(crate) mod dkim;
pub(crate) mod dmarc;
pub(crate) mod dns;
pub(crate) mod imap;
pub(crate) mod jmap;
pub(crate) mod mime;
pub(crate) mod pgp;
pub(crate) mod pop3;
pub(crate) mod shell;
pub(crate) mod sink;
pub(crate) mod smime;
pub(crate) mod smtp;

use crate::error::{Ending, Failure, Judgement, Kind, Phase, Verdict};
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
    /// The command failed: it could not do what was asked. Outranks `verdict` when both are set
    /// (a failure after the judging, e.g. stdout closed).
    pub failure: Option<Failure>,
    /// The command ran to its end and what it found is not a plain success (partial delivery,
    /// audit findings, SPF/DKIM/DMARC results): a result, not a failure.
    pub verdict: Option<Judgement>,
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
            verdict: None,
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

    /// Close the report of a command that may end on a verdict (see [`Ending`]).
    pub(crate) fn conclude(mut self, ending: Ending, ctx: &crate::event::Ctx) -> Report {
        let failure = match ending {
            Ok(verdict) => {
                self.verdict = verdict;
                None
            }
            Err(f) => Some(f),
        };
        self.finish(failure, ctx)
    }

    pub(crate) fn exit_code(&self) -> i32 {
        match (&self.failure, &self.verdict) {
            (Some(f), _) => f.exit_code(),
            (None, Some(v)) => v.exit_code(),
            (None, None) => 0,
        }
    }

    /// The exit code's stable name (`ok` for 0).
    pub(crate) fn exit_name(&self) -> &'static str {
        crate::error::code_name(self.exit_code())
    }

    /// `ok`, `partial`, `warning`, `interrupted` or `fail`.
    pub(crate) fn outcome(&self) -> &'static str {
        match (&self.failure, &self.verdict) {
            (Some(f), _) if f.kind == Kind::Interrupted => "interrupted",
            (Some(_), _) => "fail",
            (None, Some(v)) if v.kind == Verdict::Partial => "partial",
            (None, Some(v)) if v.kind == Verdict::Warnings => "warning",
            (None, Some(_)) => "fail",
            (None, None) => "ok",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict decides the exit code without being a failure; a failure found after it (stdout
    /// closed) outranks it.
    #[test]
    fn a_verdict_is_not_a_failure_and_a_failure_outranks_it() {
        let mut r = Report::new("dns check");
        assert_eq!((r.exit_code(), r.exit_name(), r.outcome()), (0, "ok", "ok"));
        r.verdict = Some(Judgement::new(
            Phase::Resolve,
            Verdict::Warnings,
            "1 warning(s)",
        ));
        assert!(r.failure.is_none());
        assert_eq!(
            (r.exit_code(), r.exit_name(), r.outcome()),
            (11, "dns-warnings", "warning")
        );
        r.verdict = Some(Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2"));
        assert_eq!(
            (r.exit_code(), r.exit_name(), r.outcome()),
            (10, "partial", "partial")
        );
        r.verdict = Some(Judgement::new(
            Phase::Command,
            Verdict::DkimNone,
            "unsigned",
        ));
        assert_eq!(
            (r.exit_code(), r.exit_name(), r.outcome()),
            (17, "dkim-none", "fail")
        );
        r.failure = Some(Failure::new(
            Phase::Setup,
            Kind::BrokenPipe,
            "stdout closed",
        ));
        assert_eq!(
            (r.exit_code(), r.exit_name(), r.outcome()),
            (141, "broken-pipe", "fail")
        );
    }
}
