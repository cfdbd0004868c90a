//! `mailctl smtp sink`: listen, serve each connection (`proto::smtp::server`) on its own task
//! with its own transcript, until --max messages, --max-time or Ctrl-C/SIGTERM; then report.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind};
use crate::plan::SmtpSinkPlan;
use crate::proto::smtp::server::{self, Peer, ServerPlan, Tally};
use crate::proto::smtp::store::{Store, StorePlan};
use crate::report::Report;
use crate::report::sink::{SinkResult, Transcripts};
use crate::transport::tls_server::TlsServer;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

/// How long the connections still open may take to finish once the sink stops.
const GRACE: Duration = Duration::from_secs(5);

pub(crate) async fn run(plan: &SmtpSinkPlan, ctx: Arc<Ctx>, shown: Arc<dyn Transcripts>) -> Report {
    let mut report = Report::new("smtp sink");
    let (storage, path) = match &plan.store {
        StorePlan::Discard => ("discard", None),
        StorePlan::Maildir(p) => ("maildir", Some(p.display().to_string())),
        StorePlan::Dir(p) => ("dir", Some(p.display().to_string())),
    };
    let mut result = SinkResult {
        listen: plan.listen.to_string(),
        protocol: if plan.server.lmtp { "lmtp" } else { "smtp" }.into(),
        storage: storage.into(),
        path,
        ..SinkResult::default()
    };
    let store: Arc<dyn Store> = match plan.store.open(&plan.server.hostname) {
        Ok(s) => Arc::from(s),
        Err(f) => return report.with_body(result).finish(Some(f), &ctx),
    };
    let listener = match TcpListener::bind(plan.listen).await {
        Ok(l) => l,
        Err(e) => {
            let f = Failure::new(
                Phase::Connect,
                Kind::Connect,
                format!("cannot listen on {}: {e}", plan.listen),
            );
            return report.with_body(result).finish(Some(f), &ctx);
        }
    };
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| plan.listen.to_string());
    result.listen = local.clone();
    report.server = Some(local.clone());
    let tls = match (&plan.tls, plan.server.implicit_tls) {
        (Some(_), true) => ", TLS on connect",
        (Some(_), false) => ", STARTTLS offered",
        (None, _) => "",
    };
    ctx.info(format!(
        "listening on {local} ({}{tls}); {}",
        result.protocol.to_uppercase(),
        plan.store.describe()
    ));

    let shared = Arc::new(Shared {
        plan: plan.server.clone(),
        tls: plan.tls.clone(),
        store,
        tally: Tally::default(),
        refused: AtomicU64::new(0),
    });
    let slots = Arc::new(tokio::sync::Semaphore::new(plan.max_connections));
    let mut tasks = tokio::task::JoinSet::new();
    let mut next_conn = 0u64;
    let started = Instant::now();
    let deadline = plan.max_time.map(|d| tokio::time::Instant::now() + d);
    let mut sig = crate::run::Interrupts::install();
    let accept_loop = async {
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let (stream, addr) = match accepted {
                        Ok(x) => x,
                        Err(e) => {
                            // Out of descriptors and the like: wait a little, then go on.
                            ctx.warn(format!("accept failed: {e}"));
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    // Reap finished connections so the set stays small.
                    while tasks.try_join_next().is_some() {}
                    let Ok(slot) = slots.clone().try_acquire_owned() else {
                        shared.refused.fetch_add(1, Ordering::Relaxed);
                        tasks.spawn(too_many(stream));
                        continue;
                    };
                    next_conn += 1;
                    let conn = next_conn;
                    let csink = shown.open(conn);
                    let cctx = Arc::new(ctx.for_session(csink));
                    let shared = shared.clone();
                    let shown = shown.clone();
                    tasks.spawn(async move {
                        shared.serve(stream, addr, conn, cctx).await;
                        shown.close(conn);
                        drop(slot);
                    });
                }
                _ = shared.tally.done.notified() => return "max",
                _ = sleep_until(deadline) => return "max_time",
            }
        }
    };
    let ended_by = crate::run::interruptible(&mut sig, Phase::Data, async {
        Ok::<_, Failure>(accept_loop.await)
    })
    .await
    .unwrap_or("interrupt");
    // Every way of stopping is the same from here (RFC 5321 §3.8: 421 before closing): new
    // transactions are refused with 421, idle connections get 421 now (after a last call for
    // a QUIT already on its way), and transactions under way may finish within GRACE.
    shared.tally.close();
    drop(listener);
    while tasks.try_join_next().is_some() {}
    if !tasks.is_empty() {
        ctx.info(format!(
            "stopped listening ({}); idle connections are told 421, transactions under way \
             have {GRACE:?} to finish (Ctrl-C again: stop now)",
            ended_by.replace('_', "-")
        ));
        let graced =
            tokio::time::timeout(GRACE, async { while tasks.join_next().await.is_some() {} });
        // A further Ctrl-C or SIGTERM cuts the wait short.
        let _ = crate::run::interruptible(&mut sig, Phase::Data, async {
            let _ = graced.await;
            Ok::<_, Failure>(())
        })
        .await;
    }
    if !tasks.is_empty() {
        // Time is up: each connection still open is told 421, then dropped.
        shared.tally.abort();
        let _ = tokio::time::timeout(Duration::from_secs(1), async {
            while tasks.join_next().await.is_some() {}
        })
        .await;
    }
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}

    let t = &shared.tally;
    let elapsed = started.elapsed().as_secs_f64();
    result.ended_by = ended_by.into();
    result.messages = t.messages.load(Ordering::Relaxed);
    result.bytes = t.bytes.load(Ordering::Relaxed);
    result.recipients = t.recipients.load(Ordering::Relaxed);
    result.rejected = t.rejected.load(Ordering::Relaxed);
    result.errors = t.errors.load(Ordering::Relaxed);
    result.connections = next_conn;
    result.refused_connections = shared.refused.load(Ordering::Relaxed);
    result.elapsed_ms = (elapsed * 1_000_000.0).round() / 1000.0;
    result.messages_per_s = if elapsed > 0.0 {
        (result.messages as f64 / elapsed * 10.0).round() / 10.0
    } else {
        0.0
    };
    report.detail = Some(format!(
        "{} messages ({} bytes) over {} connections, {} errors; ended by {}",
        result.messages,
        result.bytes,
        result.connections,
        result.errors,
        ended_by.replace('_', "-")
    ));
    report.with_body(result).finish(None, &ctx)
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// One connection too many: 421 (RFC 5321 §3.8) and close.
async fn too_many(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream
            .write_all(b"421 4.3.2 too many connections, try again later\r\n")
            .await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// What every connection task shares.
struct Shared {
    plan: ServerPlan,
    tls: Option<TlsServer>,
    store: Arc<dyn Store>,
    tally: Tally,
    refused: AtomicU64,
}

impl Shared {
    async fn serve(&self, stream: TcpStream, addr: std::net::SocketAddr, conn: u64, ctx: Arc<Ctx>) {
        let _ = stream.set_nodelay(true);
        let local = stream
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        if ctx.emits() {
            ctx.emit(EventKind::Accepted {
                conn,
                peer: addr.to_string(),
                local: local.clone(),
            });
        }
        let peer = Peer { addr, local };
        server::serve(
            stream,
            &peer,
            &self.plan,
            self.tls.as_ref(),
            &*self.store,
            &self.tally,
            ctx,
        )
        .await;
    }
}
