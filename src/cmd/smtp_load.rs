//! `mailctl smtp send --count N`: load mode. Thin: resolve the target once, draw the progress
//! bar, run the engine (`load/engine.rs`: sessions, pacing, Ctrl-C) and turn its outcome
//! (`load/outcome.rs`: counts, the verdict) into the typed result (`report::smtp::LoadResult`).

use crate::event::Ctx;
use crate::load::engine::Ready;
use crate::load::outcome::Outcome;
use crate::plan::SmtpLoadPlan;
use crate::report::Report;
use crate::report::smtp::{LoadResult, LoadSummary, MessageCounts, SessionCounts};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Arc;
use std::time::Duration;

pub(crate) async fn run(plan: &SmtpLoadPlan, ctx: Arc<Ctx>) -> Report {
    let load = &plan.load;
    let mut report = Report::new("smtp send");
    let ready = match Ready::prepare(&plan.send.connect, &ctx).await {
        Ok(r) => r,
        // Every key of the summary is there even when the run never starts.
        Err(f) => {
            return report
                .with_body(summary(plan, &Outcome::none(load.count)))
                .finish(Some(f), &ctx);
        }
    };
    report.server = ready.server();
    let outcome = ready
        .run(
            &plan.send.connect,
            &plan.send.send,
            load,
            &ctx,
            progress_bar(plan),
        )
        .await;
    let ending = outcome.ending();
    if matches!(ending, Ok(None)) {
        let st = &outcome.stats;
        let rate = st.accepted as f64 / outcome.elapsed_s.max(1e-9);
        report.detail = Some(format!(
            "{} of {} messages accepted over {} session(s), {rate:.1} messages/s",
            st.accepted, load.count, st.sessions
        ));
    }
    report
        .with_body(summary(plan, &outcome))
        .conclude(ending, &ctx)
}

/// Drawn on stderr when it is a terminal and the output is for humans (`plan.load.progress`);
/// the engine moves it and suspends it around the transcript lines it prints.
fn progress_bar(plan: &SmtpLoadPlan) -> ProgressBar {
    if !plan.load.progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(plan.load.count), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} messages, {rate}/s, ETA {eta} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .with_key(
        "rate",
        |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}", s.per_sec());
        },
    );
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// The run's result: the `load` object of the JSON summary (stable: every key always present).
fn summary(plan: &SmtpLoadPlan, run: &Outcome) -> LoadResult {
    let l = &plan.load;
    let (st, elapsed_s) = (&run.stats, run.elapsed_s);
    let per_s = |n: u64| {
        if elapsed_s > 0.0 {
            ((n as f64 / elapsed_s) * 10.0).round() / 10.0
        } else {
            0.0
        }
    };
    LoadResult {
        load: LoadSummary {
            count: l.count,
            concurrency: l.concurrency,
            per_session: l.per_session,
            rate: l.rate,
            message_bytes: l.message.raw_bytes,
            messages: MessageCounts {
                attempted: st.attempted,
                accepted: st.accepted,
                partial: st.partial,
                failed: st.failed,
                aborted: run.interrupted.aborted,
                not_attempted: run.not_attempted(),
            },
            interrupted: run.interrupted.by_user,
            sessions: SessionCounts {
                opened: st.sessions,
                failed: st.sessions_failed,
            },
            elapsed_ms: (elapsed_s * 1_000_000.0).round() / 1000.0,
            messages_per_s: per_s(st.accepted),
            attempted_per_s: per_s(st.attempted),
            latency_ms: st.latency(),
            errors: st.errors(),
        },
    }
}
