//! `mailctl check smtp|imap|pop3|roundtrip`: health checks for monitoring. Every target runs
//! concurrently in its own session with its own transcript; each gets a Nagios state from its
//! failure and the thresholds, and the worst state is the exit code in every output format.

pub mod endpoint;
pub mod roundtrip;
pub mod thresholds;

use crate::cli::{CheckCommand, OutputArgs};
use crate::error::Failure;
use crate::event::{Ctx, Event, EventKind, Sink};
use crate::plan::check::{self as plan, CheckOutput, Job};
use crate::plan::{OutputMode, OutputPlan};
use crate::render::{Printer, check as render, human};
use crate::report::check::{CheckReport, Format, Reason, Status, TargetResult, TranscriptFile};
use futures_util::StreamExt;
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

/// How many targets are checked at the same time.
const CONCURRENCY: usize = 32;

/// What one target's sessions found, before judging.
#[derive(Default)]
pub struct Outcome {
    pub server: Option<String>,
    pub failure: Option<Failure>,
    /// What passed, in order (e.g. "STARTTLS", "logged in as …").
    pub parts: Vec<String>,
    /// Verdicts found on the way (a refused RSET, a message left behind).
    pub reasons: Vec<Reason>,
    pub data: Map<String, Value>,
    /// The phases to report, when not the session's own (a roundtrip has its own phases).
    pub timings: Option<Vec<(String, f64)>>,
    /// The timing `--warn`/`--crit` apply to (default "total").
    pub primary: Option<&'static str>,
}

/// Events printed as they happen (one target, human or JSON output).
struct Live {
    printer: Arc<Printer>,
    name: String,
    json: bool,
    state: Mutex<human::State>,
}

/// Where a target's events go: kept for its verdict and transcript file, and printed live when
/// it is the only target.
pub struct TargetSink {
    events: Mutex<Vec<Event>>,
    live: Option<Live>,
}

impl Sink for TargetSink {
    fn emit(&self, event: Event) {
        if let Some(l) = &self.live {
            let text = if l.json {
                render::json_event(&l.name, &event)
            } else {
                let mut st = l.state.lock().unwrap_or_else(|e| e.into_inner());
                human::event(&event, &mut st)
            };
            l.printer.print(&text);
        }
        self.events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(event);
    }
}

impl TargetSink {
    /// The greeting: every line the server sent before our first command, one per line.
    pub fn greeting(&self) -> String {
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

/// Run `mailctl check …` from its arguments to its exit code (0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN).
pub fn execute(global: &OutputArgs, cmd: &CheckCommand) -> i32 {
    let command = plan::command_name(cmd).to_string();
    let (out, problem) = plan::output(global, cmd);
    let mut printer = Printer::new(&OutputPlan {
        mode: match out.view.format {
            Format::Json => OutputMode::Json,
            Format::Human if out.view.quiet => OutputMode::Quiet,
            _ => OutputMode::Human,
        },
        color: out.color,
    });
    printer.outlive_stdout();
    let plan = match problem.map_or_else(|| plan::check(cmd), Err) {
        Ok(p) => p,
        Err(f) => return unknown(&printer, &out, command, f),
    };
    // The transcript file is written at the end: a name it cannot take is UNKNOWN now, before
    // any server is checked, not a note after the verdict.
    if let Some(path) = &out.view.transcript
        && let Err(f) = crate::outfile::check_replaceable(path)
    {
        return unknown(&printer, &out, command, f);
    }
    if plan.show_secrets {
        // As in the other commands: the AUTH payloads the sessions show are not turned back
        // into *** on the way out (--transcript-on-failure is refused with it, see plan).
        printer.show_secrets();
    }
    if plan.insecure {
        printer.loud("--insecure: the server certificate is NOT verified; anyone on the path can read and change this session");
    }
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let f = Failure::local_io(format!("cannot start the runtime: {e}"));
            return unknown(&printer, &out, command, f);
        }
    };
    let printer = Arc::new(printer);
    let targets = rt.block_on(run_all(&plan, &out, &printer));
    let mut report = CheckReport {
        command,
        targets,
        failure: None,
        transcript: TranscriptFile::NotWritten,
    };
    if let Some(path) = &out.view.transcript {
        report.transcript = render::write_transcript(&printer, path, &report);
        if let TranscriptFile::Failed(why) = &report.transcript {
            printer.loud(&format!("--transcript-on-failure: {why}"));
        }
    }
    if out.view.format == Format::Prometheus {
        // A target that could not be checked has no sample that says why (see
        // render::prometheus): a person reading the cron mail or the journal sees it here.
        for t in report
            .targets
            .iter()
            .filter(|t| t.status == Status::Unknown)
        {
            printer.unknown(&format!(
                "mailctl {} {}: {}",
                report.command,
                t.name,
                render::headline(t)
            ));
        }
    }
    printer.print(&render::finish(&out.view, &report));
    report.exit_code()
}

/// Nothing could be checked (usage or local error): say why, in the format asked for; UNKNOWN.
fn unknown(printer: &Printer, out: &CheckOutput, command: String, f: Failure) -> i32 {
    if out.view.format == Format::Prometheus {
        // The exposition carries no sample: the reason also goes where a person will see it.
        printer.unknown(&format!("mailctl {command}: {f}"));
    }
    let report = CheckReport {
        command,
        targets: Vec::new(),
        failure: Some(f),
        transcript: TranscriptFile::NotWritten,
    };
    printer.print(&render::finish(&out.view, &report));
    report.exit_code()
}

/// Check every target, at most [`CONCURRENCY`] at a time; results in the order given.
async fn run_all(
    plan: &plan::CheckPlan,
    out: &CheckOutput,
    printer: &Arc<Printer>,
) -> Vec<TargetResult> {
    let single = plan.jobs.len() == 1;
    let live_format = out.view.transcripts();
    let mut results: Vec<(usize, TargetResult)> =
        futures_util::stream::iter(plan.jobs.iter().enumerate())
            .map(|(i, job)| {
                let live = (single && live_format).then(|| Live {
                    printer: printer.clone(),
                    name: job.name().to_string(),
                    json: out.view.format == Format::Json,
                    state: Mutex::new(human::State::default()),
                });
                async move {
                    let r = run_job(job, live).await;
                    if !single && live_format {
                        // Several targets: each transcript is printed whole when its target
                        // is done, never interleaved with another's.
                        printer.print(&render::block(&out.view, &plan.command, &r));
                    }
                    (i, r)
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

async fn run_job(job: &Job, live: Option<Live>) -> TargetResult {
    let sink = Arc::new(TargetSink {
        events: Mutex::new(Vec::new()),
        live,
    });
    let mut ctx = Ctx::new(sink.clone() as Arc<dyn Sink>);
    let (name, protocol, limits) = match job {
        Job::Endpoint(p) => {
            ctx.show_secrets = p.connect.show_secrets;
            (p.name.clone(), p.proto.as_str(), p.limits.clone())
        }
        Job::Roundtrip(r) => (r.name.clone(), "roundtrip", r.limits.clone()),
    };
    let ctx = Arc::new(ctx);
    let o = match job {
        Job::Endpoint(p) => endpoint::run(p, ctx.clone(), &sink).await,
        Job::Roundtrip(r) => roundtrip::run(r, ctx.clone()).await,
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
        data: o.data,
        events,
    };
    thresholds::judge(&mut r);
    r
}

/// Whether the command line names the `check` subcommand, even when it does not parse (so its
/// usage errors can exit UNKNOWN instead of 2).
pub fn in_argv() -> bool {
    use clap::CommandFactory;
    crate::cli::Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(std::env::args_os())
        .is_ok_and(|m| m.subcommand_name() == Some("check"))
}
