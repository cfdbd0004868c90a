//! `mailctl check smtp|imap|pop3|roundtrip`: health checks for monitoring. Every target runs
//! concurrently in its own session with its own transcript; each gets a Nagios state from its
//! failure and the thresholds, and the worst state is the exit code in every output format.

mod domain;
mod endpoint;
mod roundtrip;
mod thresholds;

use crate::error::Failure;
use crate::event::{Ctx, Event, EventKind, Sink};
use crate::plan::check::{CheckPlan, Job};
use crate::report::Report;
use crate::report::check::{
    CheckReport, Progress, Reason, Roundtrip, Status, TargetResult, TranscriptFile,
};
use futures_util::StreamExt;
use std::sync::{Arc, Mutex};

/// How many targets are checked at the same time.
const CONCURRENCY: usize = 32;

/// What one target's sessions found, before judging.
#[derive(Default)]
pub(crate) struct Outcome {
    pub(crate) server: Option<String>,
    pub(crate) failure: Option<Failure>,
    /// What passed, in order (e.g. "STARTTLS", "logged in as …").
    pub(crate) parts: Vec<String>,
    /// Verdicts found on the way (a refused RSET, a message left behind).
    pub(crate) reasons: Vec<Reason>,
    /// A roundtrip's own findings.
    pub(crate) roundtrip: Option<Roundtrip>,
    /// The phases to report, when not the session's own (a roundtrip has its own phases).
    pub(crate) timings: Option<Vec<(String, f64)>>,
    /// The timing `--warn`/`--crit` apply to (default "total").
    pub(crate) primary: Option<&'static str>,
}

/// Where a target's events go: kept for its verdict and transcript file, and handed to the
/// run's [`Progress`] as they happen (which prints them, or not).
pub(crate) struct TargetSink {
    name: String,
    events: Mutex<Vec<Event>>,
    progress: Arc<dyn Progress>,
}

impl Sink for TargetSink {
    fn emit(&self, event: Event) {
        self.progress.event(&self.name, &event);
        self.events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(event);
    }
}

impl TargetSink {
    /// The greeting: every line the server sent before our first command, one per line.
    pub(crate) fn greeting(&self) -> String {
        let events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        events
            .iter()
            .take_while(|e| !matches!(e.kind, EventKind::Sent { .. }))
            .filter_map(|e| match &e.kind {
                EventKind::Recv { line, .. } => Some(line.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Check every target of the plan: one verdict each (the worst is the exit code, see
/// [`CheckReport::status`]).
pub(crate) async fn run(plan: &CheckPlan, progress: Arc<dyn Progress>) -> Report {
    let targets = run_all(plan, &progress).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Report::new(plan.command.clone()).with_body(CheckReport {
        command: plan.command.clone(),
        targets,
        failure: None,
        transcript: TranscriptFile::NotWritten,
        at: crate::utc::fmt_utc(now),
    })
}

/// Check every target, at most [`CONCURRENCY`] at a time; results in the order given.
async fn run_all(plan: &CheckPlan, progress: &Arc<dyn Progress>) -> Vec<TargetResult> {
    let mut results: Vec<(usize, TargetResult)> =
        futures_util::stream::iter(plan.jobs.iter().enumerate())
            .map(|(i, job)| async move {
                let r = run_job(job, progress.clone()).await;
                progress.done(&plan.command, &r);
                (i, r)
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

async fn run_job(job: &Job, progress: Arc<dyn Progress>) -> TargetResult {
    let sink = Arc::new(TargetSink {
        name: job.name().to_string(),
        events: Mutex::new(Vec::new()),
        progress,
    });
    let mut ctx = Ctx::new(sink.clone() as Arc<dyn Sink>);
    let (name, protocol, limits) = match job {
        Job::Endpoint(p) => {
            ctx.show_secrets = p.connect.show_secrets;
            (p.name.clone(), p.proto.as_str(), p.limits.clone())
        }
        Job::Roundtrip(r) => (r.name.clone(), "roundtrip", r.limits.clone()),
        Job::Domain(d) => (d.name.clone(), "domain", d.limits.clone()),
    };
    let ctx = Arc::new(ctx);
    let o = match job {
        Job::Endpoint(p) => endpoint::run(p, ctx.clone(), &sink).await,
        Job::Roundtrip(r) => roundtrip::run(r, ctx.clone()).await,
        Job::Domain(d) => domain::run(d, ctx.clone()).await,
    };
    let total_ms = ctx.now_ms();
    let timings = o.timings.unwrap_or_else(|| {
        ctx.timings()
            .into_iter()
            .map(|(p, ms)| (p.as_str().to_string(), ms))
            .collect()
    });
    let events = sink.take();
    // The certificate closest to expiry among those the target's servers presented.
    let cert = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Tls { cert, .. } => cert.clone(),
            EventKind::TlsFailedCert { cert } => Some(cert.clone()),
            _ => None,
        })
        .min_by_key(|c| c.days_left);
    let mut r = TargetResult {
        name,
        protocol: protocol.to_string(),
        server: o.server,
        status: Status::Ok,
        reasons: o.reasons,
        detail: o.parts.join(", "),
        failure: o.failure,
        timings,
        total_ms,
        primary: o.primary.unwrap_or("total"),
        limits,
        cert,
        roundtrip: o.roundtrip,
        events,
    };
    thresholds::judge(&mut r);
    r
}
