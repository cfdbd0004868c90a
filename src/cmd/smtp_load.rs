//! `mailctl smtp send --count N`: load mode. N messages over `--concurrency` sessions (a new
//! session per message, or `--per-session` messages each), optionally paced by `--rate`, through
//! the same connect, STARTTLS, AUTH and transaction code as a single send. Memory stays bounded
//! whatever N is: the message is encoded once, and only histograms and counters are kept
//! (`load/stats.rs`). One task drives every session: the client is I/O-bound, and one core stays
//! free for the server on a small machine.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, Event, Sink};
use crate::load::stats::{Stats, label};
use crate::plan::SmtpLoadPlan;
use crate::proto::smtp::Delivery;
use crate::proto::smtp::client::SmtpClient;
use crate::proto::smtp::session;
use crate::proto::{self, Session};
use crate::report::Report;
use crate::report::smtp::{LoadResult, LoadSummary, MessageCounts, SessionCounts};
use crate::transport::connect::{self, Resolved};
use crate::transport::tls::TlsClient;
use crate::transport::wire::Limit;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Phases charged when a session opens, per transaction, and at its end.
const SETUP: [Phase; 6] = [
    Phase::Connect,
    Phase::Tls,
    Phase::Banner,
    Phase::Ehlo,
    Phase::Starttls,
    Phase::Auth,
];
const TRANSACTION: [Phase; 3] = [Phase::Mail, Phase::Rcpt, Phase::Data];
const END: [Phase; 1] = [Phase::Quit];

/// A shown session's events: live for the first session (printed around the progress bar), or
/// kept per transaction and printed as one block (`--transcript all`), so concurrent sessions
/// never interleave line by line. Memory: one transaction's events at most.
struct Transcript {
    out: Arc<dyn Sink>,
    bar: ProgressBar,
    on: AtomicBool,
    kept: Option<Mutex<Vec<Event>>>,
}

impl Sink for Transcript {
    fn emit(&self, event: Event) {
        if !self.on.load(Ordering::Relaxed) {
            return;
        }
        match &self.kept {
            Some(k) => k.lock().unwrap_or_else(|e| e.into_inner()).push(event),
            None => self.bar.suspend(|| self.out.emit(event)),
        }
    }
}

impl Transcript {
    fn flush(&self) {
        if let Some(k) = &self.kept {
            let events = std::mem::take(&mut *k.lock().unwrap_or_else(|e| e.into_inner()));
            if !events.is_empty() {
                self.bar
                    .suspend(|| events.into_iter().for_each(|e| self.out.emit(e)));
            }
        }
    }
}

/// What every session shares.
struct Shared<'a> {
    plan: &'a SmtpLoadPlan,
    ctx: &'a Arc<Ctx>,
    tls: Option<TlsClient>,
    target: Resolved,
    bar: ProgressBar,
    /// The next message number to hand out.
    next: AtomicU64,
    sessions: AtomicU64,
    /// Set on a failure that every further message would repeat (a usage error, a capability the
    /// server lacks), or on Ctrl-C.
    stop: AtomicBool,
    /// Messages handed out by [`Shared::claim`]. Each is counted by [`Shared::finished`] once,
    /// unless a second Ctrl-C drops it in flight: `begun - attempted` were aborted.
    begun: AtomicU64,
    /// `--rate`: when the next message may start, and the gap between starts.
    pacer: Option<(Mutex<Instant>, Duration)>,
    stats: Mutex<Stats>,
}

impl Shared<'_> {
    fn stats(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn more(&self) -> bool {
        !self.stop.load(Ordering::Relaxed)
            && self.next.load(Ordering::Relaxed) < self.plan.load.count
    }

    /// Take the next message number, waiting for its turn under `--rate`. The pacer never lets
    /// a late start make the next ones burst: each start is at least one gap after the last.
    async fn claim(&self) -> Option<u64> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        if n >= self.plan.load.count {
            return None;
        }
        if let Some((next, gap)) = &self.pacer {
            let at = {
                let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
                let at = (*next).max(Instant::now());
                *next = at + *gap;
                at
            };
            tokio::time::sleep_until(at.into()).await;
            // Ctrl-C while this message waited for its turn: it is not started.
            if self.stop.load(Ordering::Relaxed) {
                return None;
            }
        }
        self.begun.fetch_add(1, Ordering::Relaxed);
        Some(n)
    }

    /// One message is done: count it, charge its phases, move the bar.
    fn finished(&self, ctx: &Ctx, only: &[Phase], total: Duration, outcome: Result<(), &Failure>) {
        let mut st = self.stats();
        st.record_phases(&ctx.take_timings(), only);
        st.message(total, outcome);
        let errors = st.failed + st.partial;
        drop(st);
        if outcome.is_err() {
            if let Err(f) = outcome
                && matches!(f.kind, Kind::Usage | Kind::Internal | Kind::Capability)
            {
                self.stop.store(true, Ordering::Relaxed);
            }
            self.bar.set_message(format!("{errors} failed"));
        }
        self.bar.inc(1);
    }
}

/// The failure of a transaction with the server's reply attached, so it is counted by reply
/// code: for a partial acceptance, the first refused recipient's reply.
fn with_code(f: Failure, d: &Delivery) -> Failure {
    if f.reply.is_some() || f.kind != Kind::Partial {
        return f;
    }
    let refused = d.rcpts.iter().find_map(|r| {
        if !r.accepted {
            Some(r.reply.clone())
        } else {
            r.delivery.clone().filter(|x| !x.starts_with('2'))
        }
    });
    match refused {
        Some(r) => f.with_reply(r),
        None => f,
    }
}

async fn session(sh: &Shared<'_>, first: u64) {
    let plan = sh.plan;
    let no = sh.sessions.fetch_add(1, Ordering::Relaxed);
    let shown = (no == 0 || plan.load.transcript_all).then(|| {
        Arc::new(Transcript {
            out: sh.ctx.sink().clone(),
            bar: sh.bar.clone(),
            on: AtomicBool::new(true),
            kept: (no > 0).then(|| Mutex::new(Vec::new())),
        })
    });
    let sink = shown.clone().map(|t| t as Arc<dyn Sink>);
    let ctx = Arc::new(sh.ctx.for_session(sink));
    if shown.is_some() && plan.load.transcript_all {
        ctx.info(format!("session {}, message {}", no + 1, first + 1));
    }
    let flush = || {
        if let Some(t) = &shown {
            t.flush();
        }
    };
    let started = Instant::now();
    let failed_session = |f: &Failure| {
        sh.stats().sessions_failed += 1;
        sh.finished(&ctx, &SETUP, started.elapsed(), Err(f));
        flush();
    };

    let conn = match connect::open_to(
        &plan.send.connect,
        sh.tls.as_ref(),
        &sh.target.host,
        &sh.target.addrs,
        &ctx,
        // --max-time bounds each session in load mode, not the whole run.
        Limit::starting_now(plan.send.connect.max_time),
    )
    .await
    {
        Ok(c) => c,
        Err(f) => return failed_session(&f),
    };
    let mut c = SmtpClient::new(conn.into_wire(ctx.clone()));
    let caps = match session::open(&mut c, &sh.target.host, &plan.send.send, sh.tls.as_ref()).await
    {
        Ok(Some(caps)) => caps,
        Ok(None) => {
            let f = Failure::new(Phase::Setup, Kind::Internal, "--quit-after in load mode");
            return failed_session(&f);
        }
        Err(f) => {
            c.end_after(&f).await;
            return failed_session(&f);
        }
    };
    c.wire.end_phase();
    sh.stats().record_phases(&ctx.take_timings(), &SETUP);

    let template = &plan.load.message;
    let mut head = template.head.clone();
    let (mut n, mut sent, mut t0) = (first, 0u64, started);
    loop {
        // Time between transactions (waiting for --rate) belongs to no phase.
        c.wire.end_phase();
        let _ = ctx.take_timings();
        template.number(&mut head, n);
        let mut d = Delivery::default();
        let res = session::transaction(
            &mut c,
            &plan.send.send,
            &caps,
            &template.body(&head),
            &mut d,
        )
        .await
        .map_err(|f| with_code(f, &d));
        c.wire.end_phase();
        sent += 1;
        // After a refusal, a partial acceptance or a stop of our own (a capability the server
        // lacks) the dialogue is still in step and ends with QUIT below; after anything else it
        // is not (proto::in_step).
        let in_step = res.as_ref().err().is_none_or(proto::in_step);
        if !in_step {
            sh.stats().sessions_failed += 1;
        }
        sh.finished(&ctx, &TRANSACTION, t0.elapsed(), res.as_ref().map(|_| ()));
        if let Some(t) = &shown
            && !plan.load.transcript_all
            && sent == 1
            && plan.load.per_session > 1
        {
            ctx.info(
                "the rest of this session is not shown (--transcript all shows every session)",
            );
            t.on.store(false, Ordering::Relaxed);
        }
        flush();
        if !in_step {
            return;
        }
        if sent >= plan.load.per_session || !sh.more() {
            break;
        }
        if res.is_err()
            && let Err(f) = session::reset(&mut c).await
        {
            if !proto::in_step(&f) {
                c.wire.end_phase();
                sh.stats().sessions_failed += 1;
                return;
            }
            break;
        }
        match sh.claim().await {
            Some(next) => n = next,
            None => break,
        }
        if plan.load.transcript_all {
            ctx.info(format!("session {}, message {}", no + 1, n + 1));
        }
        t0 = Instant::now();
    }
    c.quit().await;
    sh.stats().record_phases(&ctx.take_timings(), &END);
    flush();
}

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

pub async fn run(plan: &SmtpLoadPlan, ctx: Arc<Ctx>) -> Report {
    let load = &plan.load;
    let mut report = Report::new("smtp send");
    // Every key of the summary is there even when the run never starts.
    let nothing = || summary(plan, &Stats::new(), 0.0, &Interrupted::NOT);
    let connect_plan = &plan.send.connect;
    let tls = match (connect_plan.implicit_tls || connect_plan.starttls)
        .then(|| TlsClient::new(&connect_plan.tls))
        .transpose()
    {
        Ok(t) => t,
        Err(f) => return report.with_body(nothing()).finish(Some(f), &ctx),
    };
    // One resolution for every session (MX lookup included): a load test measures the server,
    // not the resolver.
    let limit = Limit::starting_now(connect_plan.max_time);
    let target = limit.run(Phase::Resolve, connect::resolve(connect_plan, &ctx));
    let target = match target.await {
        Ok(t) => t,
        Err(f) => return report.with_body(nothing()).finish(Some(f), &ctx),
    };
    report.server = target.addrs.first().map(|a| a.to_string());
    let sh = Shared {
        plan,
        ctx: &ctx,
        tls,
        target,
        bar: progress_bar(plan),
        next: AtomicU64::new(0),
        sessions: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        begun: AtomicU64::new(0),
        pacer: load
            .rate
            .map(|r| (Mutex::new(Instant::now()), Duration::from_secs_f64(1.0 / r))),
        stats: Mutex::new(Stats::new()),
    };
    let started = Instant::now();
    let workers = u64::from(load.concurrency).min(load.count);
    let mut all: FuturesUnordered<_> = (0..workers)
        .map(|_| async {
            while let Some(first) = sh.claim().await {
                session(&sh, first).await;
            }
        })
        .collect();
    // Ctrl-C: the first stops handing out messages and lets the ones in flight finish (their
    // sessions end with QUIT, so the counts stay exact); a second drops them where they are.
    let mut interrupts = 0u32;
    loop {
        tokio::select! {
            next = all.next() => if next.is_none() { break },
            _ = ctrl_c() => {
                interrupts += 1;
                sh.stop.store(true, Ordering::Relaxed);
                if interrupts > 1 {
                    break;
                }
                let in_flight =
                    sh.begun.load(Ordering::Relaxed).saturating_sub(sh.stats().attempted);
                sh.bar.suspend(|| {
                    ctx.warn(format!(
                        "interrupted: no new messages; waiting for the {in_flight} in flight \
                         (Ctrl-C again drops them)"
                    ))
                });
            }
        }
    }
    drop(all);
    let elapsed = started.elapsed().as_secs_f64();
    sh.bar.finish_and_clear();
    let mut stats = std::mem::take(&mut *sh.stats());
    stats.sessions = sh.sessions.load(Ordering::Relaxed);
    // A Ctrl-C that came after the last message was attempted cut nothing short.
    let interrupted = Interrupted {
        by_user: interrupts > 0 && stats.attempted < load.count,
        aborted: sh
            .begun
            .load(Ordering::Relaxed)
            .saturating_sub(stats.attempted),
    };
    let rate = stats.accepted as f64 / elapsed.max(1e-9);
    let failure = if interrupted.by_user {
        Some(interrupted.failure(load.count, &stats))
    } else {
        verdict(load.count, &stats)
    };
    if failure.is_none() {
        report.detail = Some(format!(
            "{} of {} messages accepted over {} session(s), {rate:.1} messages/s",
            stats.accepted, load.count, stats.sessions
        ));
    }
    report
        .with_body(summary(plan, &stats, elapsed, &interrupted))
        .finish(failure, &ctx)
}

/// Resolves at the first Ctrl-C (SIGINT); never when no handler can be installed.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// How a run ended early at the user's request.
struct Interrupted {
    by_user: bool,
    /// Messages dropped in flight by a second Ctrl-C: they may or may not have been delivered.
    aborted: u64,
}

impl Interrupted {
    const NOT: Interrupted = Interrupted {
        by_user: false,
        aborted: 0,
    };

    /// Exit 130 whatever the messages did: the run did not do what was asked.
    fn failure(&self, count: u64, st: &Stats) -> Failure {
        let mut msg = format!(
            "interrupted (Ctrl-C): {} of {count} messages accepted{}",
            st.accepted,
            some_recipients(st)
        );
        if st.failed + st.partial > 0 {
            msg.push_str(&format!("; {} failed", st.failed + st.partial));
        }
        if self.aborted > 0 {
            msg.push_str(&format!(
                "; {} dropped in flight (may or may not have been delivered)",
                self.aborted
            ));
        }
        let not_sent = count.saturating_sub(st.attempted + self.aborted);
        if not_sent > 0 {
            msg.push_str(&format!("; {not_sent} not attempted"));
        }
        Failure::new(Phase::Setup, Kind::Interrupted, msg)
    }
}

/// A message accepted for only some recipients is not "accepted" (that means all of them) but
/// was delivered: saying only "0 of 4 messages accepted" when each reached one of its two
/// recipients (a 550 at RCPT, or an LMTP recipient's own 452) misstates what happened.
fn some_recipients(st: &Stats) -> String {
    if st.partial == 0 {
        return String::new();
    }
    format!(" ({} more for only some recipients)", st.partial)
}

/// None when every message was accepted. Otherwise the most common failure decides the exit
/// code: its own code when no message was accepted (as for a single send), `partial` (10) when
/// some were.
fn verdict(count: u64, st: &Stats) -> Option<Failure> {
    if st.accepted == count {
        return None;
    }
    let not_sent = count - st.attempted;
    let Some(top) = st.most_common() else {
        return Some(Failure::new(
            Phase::Setup,
            Kind::Internal,
            format!("{not_sent} of {count} messages were never attempted"),
        ));
    };
    let others = st.failed + st.partial - top.count;
    let mut msg = format!(
        "{} of {count} messages accepted{}; {} × at {}: {}",
        st.accepted,
        some_recipients(st),
        top.count,
        top.phase,
        label(top)
    );
    if others > 0 {
        msg.push_str(&format!("; {others} other failure(s)"));
    }
    if not_sent > 0 {
        msg.push_str(&format!("; {not_sent} not attempted (stopped)"));
    }
    let stopped = matches!(top.kind, Kind::Usage | Kind::Internal | Kind::Capability);
    let kind = if st.accepted + st.partial == 0 || stopped {
        top.kind
    } else {
        Kind::Partial
    };
    let mut f = Failure::new(top.phase, kind, msg);
    f.reply = top.example.reply.clone();
    Some(f)
}

/// The run's result: the `load` object of the JSON summary (stable: every key always present).
fn summary(plan: &SmtpLoadPlan, st: &Stats, elapsed_s: f64, stopped: &Interrupted) -> LoadResult {
    let l = &plan.load;
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
                aborted: stopped.aborted,
                not_attempted: l.count.saturating_sub(st.attempted + stopped.aborted),
            },
            interrupted: stopped.by_user,
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
