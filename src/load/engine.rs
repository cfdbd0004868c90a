//! Load mode's engine: N messages over `--concurrency` sessions (a new session per message, or
//! `--per-session` messages each), optionally paced by `--rate`, through the same connect,
//! STARTTLS, AUTH and transaction code as a single send (`proto/smtp/session.rs`). One task
//! drives every session: the client is I/O-bound, and one core stays free for the server on a
//! small machine. Memory stays bounded whatever N is: the message is encoded once (`Template`),
//! and only histograms and counters are kept (`stats.rs`). The command (`cmd/smtp_load.rs`)
//! draws the progress bar this moves and turns the [`Outcome`] (`outcome.rs`) into its result.

use super::LoadPlan;
use super::outcome::{Interrupted, Outcome};
use super::stats::Stats;
use crate::error::{Failure, Judgement, Kind, Phase};
use crate::event::{Ctx, Event, Sink};
use crate::proto::smtp::client::SmtpClient;
use crate::proto::smtp::session;
use crate::proto::smtp::{Delivery, SendPlan};
use crate::proto::{self, Session};
use crate::transport::connect::{self, ConnectPlan, Resolved};
use crate::transport::tls::TlsClient;
use crate::transport::wire::Limit;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use indicatif::ProgressBar;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Phases charged when a session opens, per transaction, and at its end.
const SETUP: [Phase; 7] = [
    Phase::Connect,
    Phase::Proxy,
    Phase::Tls,
    Phase::Banner,
    Phase::Ehlo,
    Phase::Starttls,
    Phase::Auth,
];
const TRANSACTION: [Phase; 3] = [Phase::Mail, Phase::Rcpt, Phase::Data];
const END: [Phase; 1] = [Phase::Quit];

/// What a run needs before its first session: the TLS client, and the target resolved once for
/// every session (MX lookup included): a load test measures the server, not the resolver.
pub(crate) struct Ready {
    tls: Option<TlsClient>,
    target: Resolved,
}

impl Ready {
    pub(crate) async fn prepare(plan: &ConnectPlan, ctx: &Arc<Ctx>) -> Result<Ready, Failure> {
        let tls = (plan.implicit_tls || plan.starttls)
            .then(|| TlsClient::new(&plan.tls))
            .transpose()?;
        let limit = Limit::starting_now(plan.max_time);
        let target = limit
            .run(Phase::Resolve, connect::resolve(plan, ctx))
            .await?;
        Ok(Ready { tls, target })
    }

    /// The address the sessions connect to first.
    pub(crate) fn server(&self) -> Option<String> {
        self.target.addrs.first().map(|a| a.to_string())
    }

    /// Send `load.count` messages, moving `bar` (cleared at the end) as each one is done, until
    /// every one was attempted, a failure stops the run, or the user interrupts it.
    pub(crate) async fn run(
        self,
        connect: &ConnectPlan,
        send: &SendPlan,
        load: &LoadPlan,
        ctx: &Arc<Ctx>,
        bar: ProgressBar,
    ) -> Outcome {
        let sh = Shared {
            connect,
            send,
            load,
            ctx,
            tls: self.tls,
            target: self.target,
            bar,
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
        // Not `crate::run::Interrupts` (SIGINT and SIGTERM, ending a command at once): load mode
        // needs the two steps.
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
        let elapsed_s = started.elapsed().as_secs_f64();
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
        Outcome {
            count: load.count,
            stats,
            elapsed_s,
            interrupted,
        }
    }
}

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
    connect: &'a ConnectPlan,
    send: &'a SendPlan,
    load: &'a LoadPlan,
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
        !self.stop.load(Ordering::Relaxed) && self.next.load(Ordering::Relaxed) < self.load.count
    }

    /// Take the next message number, waiting for its turn under `--rate`. The pacer never lets
    /// a late start make the next ones burst: each start is at least one gap after the last.
    async fn claim(&self) -> Option<u64> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        if n >= self.load.count {
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

    /// One message is done: count it, charge its phases, move the bar. `outcome` as
    /// [`Stats::message`] takes it.
    fn finished(
        &self,
        ctx: &Ctx,
        only: &[Phase],
        total: Duration,
        outcome: Result<Option<&Judgement>, &Failure>,
    ) {
        let mut st = self.stats();
        st.record_phases(&ctx.take_timings(), only);
        st.message(total, outcome);
        let errors = st.failed + st.partial;
        drop(st);
        if !matches!(outcome, Ok(None)) {
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

/// A partial acceptance with the server's reply attached, so it is counted by reply code: the
/// first refused recipient's reply.
fn with_code(j: Judgement, d: &Delivery) -> Judgement {
    if j.reply.is_some() {
        return j;
    }
    let refused = d.rcpts.iter().find_map(|r| {
        if !r.accepted {
            Some(r.reply.clone())
        } else {
            r.delivery.clone().filter(|x| !x.starts_with('2'))
        }
    });
    match refused {
        Some(r) => j.with_reply(r),
        None => j,
    }
}

async fn session(sh: &Shared<'_>, first: u64) {
    let load = sh.load;
    let no = sh.sessions.fetch_add(1, Ordering::Relaxed);
    let shown = (no == 0 || load.transcript_all).then(|| {
        Arc::new(Transcript {
            out: sh.ctx.sink().clone(),
            bar: sh.bar.clone(),
            on: AtomicBool::new(true),
            kept: (no > 0).then(|| Mutex::new(Vec::new())),
        })
    });
    let sink = shown.clone().map(|t| t as Arc<dyn Sink>);
    let ctx = Arc::new(sh.ctx.for_session(sink));
    if shown.is_some() && load.transcript_all {
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
        sh.connect,
        sh.tls.as_ref(),
        &sh.target,
        &ctx,
        // --max-time bounds each session in load mode, not the whole run.
        Limit::starting_now(sh.connect.max_time),
    )
    .await
    {
        Ok(c) => c,
        Err(f) => return failed_session(&f),
    };
    let mut c = SmtpClient::new(conn.into_wire(ctx.clone()));
    let caps = match session::open(&mut c, &sh.target.host, sh.send, sh.tls.as_ref()).await {
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

    let template = &load.message;
    let mut head = template.head.clone();
    let (mut n, mut sent, mut t0) = (first, 0u64, started);
    loop {
        // Time between transactions (waiting for --rate) belongs to no phase.
        c.wire.end_phase();
        let _ = ctx.take_timings();
        template.number(&mut head, n);
        let mut d = Delivery::default();
        let res = session::transaction(&mut c, sh.send, &caps, &template.body(&head), &mut d).await;
        let partial = match &res {
            Ok(()) => d.partial().map(|j| with_code(j, &d)),
            Err(_) => None,
        };
        c.wire.end_phase();
        sent += 1;
        // After a refusal, a partial acceptance or a stop of our own (a capability the server
        // lacks) the dialogue is still in step and ends with QUIT below; after anything else it
        // is not (proto::in_step).
        let in_step = res.as_ref().err().is_none_or(proto::in_step);
        if !in_step {
            sh.stats().sessions_failed += 1;
        }
        let outcome = res.as_ref().map(|()| partial.as_ref());
        sh.finished(&ctx, &TRANSACTION, t0.elapsed(), outcome);
        if let Some(t) = &shown
            && !load.transcript_all
            && sent == 1
            && load.per_session > 1
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
        if sent >= load.per_session || !sh.more() {
            break;
        }
        // RSET (RFC 5321 §4.1.1.5) after a refused transaction, so the next starts clean (and,
        // as ever, after a partial acceptance too).
        if (res.is_err() || partial.is_some())
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
        if load.transcript_all {
            ctx.info(format!("session {}, message {}", no + 1, n + 1));
        }
        t0 = Instant::now();
    }
    c.quit().await;
    sh.stats().record_phases(&ctx.take_timings(), &END);
    flush();
}

/// Resolves at the first Ctrl-C (SIGINT); never when no handler can be installed.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Verdict;
    use crate::proto::smtp::session::RcptResult;

    #[test]
    fn a_partial_acceptance_is_counted_by_the_first_refused_recipients_reply() {
        let rcpt = |accepted: bool, reply: &str, delivery: Option<&str>| RcptResult {
            addr: "x@rig.test".into(),
            accepted,
            reply: reply.into(),
            delivery: delivery.map(String::from),
            delivered: false,
        };
        let partial = || Judgement::new(Phase::Data, Verdict::Partial, "some recipients refused");
        // SMTP: a recipient refused at RCPT.
        let mut d = Delivery {
            rcpts: vec![rcpt(true, "250 ok", None), rcpt(false, "550 nope", None)],
            ..Delivery::default()
        };
        assert_eq!(with_code(partial(), &d).reply.as_deref(), Some("550 nope"));
        // LMTP: accepted at RCPT, refused in its own reply after the message (RFC 2033 §4.2).
        d.rcpts = vec![
            rcpt(true, "250 ok", Some("250 2.0.0 saved")),
            rcpt(true, "250 ok", Some("452 4.2.2 over quota")),
        ];
        assert_eq!(
            with_code(partial(), &d).reply.as_deref(),
            Some("452 4.2.2 over quota")
        );
        // One that has its own reply is left alone.
        let own = partial().with_reply("550 no");
        assert_eq!(with_code(own.clone(), &d).reply, own.reply);
    }
}
