//! Around a command's work: its total time bound (`--max-time`) and the user's interrupts
//! (Ctrl-C, SIGTERM), shared by every command and the load mode, below them all.

/// Run a command that only talks to DNS (`dns`, `dkim verify`, `dmarc evaluate`) within its
/// `--max-time`. Each query is bounded (tries × --timeout), but their number is not: an SPF
/// tree, an audit, a directory of messages each with its keys. Past the bound the command ends
/// with exit 19 in phase resolve, as a session does.
pub(crate) async fn bounded(
    max: Option<std::time::Duration>,
    name: String,
    ctx: &std::sync::Arc<crate::event::Ctx>,
    work: impl std::future::Future<Output = crate::report::Report>,
) -> crate::report::Report {
    use crate::error::{Failure, Kind, Phase};
    let Some(max) = max else {
        return work.await;
    };
    match tokio::time::timeout(max, work).await {
        Ok(r) => r,
        Err(_) => crate::report::Report::new(name).finish(
            Some(Failure::new(
                Phase::Resolve,
                Kind::MaxTime,
                format!("the command took longer than --max-time {max:?}: stopped during its DNS lookups"),
            )),
            ctx,
        ),
    }
}

/// Ctrl-C (SIGINT) and SIGTERM (what `kill` sends), caught from [`Interrupts::install`] on, so
/// that a run which has started writing a file can remove it instead of dying with the process.
pub(crate) struct Interrupts {
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

impl Interrupts {
    /// Start catching now: a signal that arrives before [`interruptible`] waits is kept.
    pub(crate) fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Interrupts {
                int: signal(SignalKind::interrupt()).ok(),
                term: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Interrupts {}
        }
    }

    async fn next(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                match s {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                _ = recv(&mut self.int) => "Ctrl-C",
                _ = recv(&mut self.term) => "SIGTERM",
            }
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            "Ctrl-C"
        }
    }
}

/// Run `work` until it ends or the user interrupts, which ends it as an `interrupted` failure
/// (exit 130) in `phase`. Dropping `work` drops what it was writing, so a partial output file is
/// removed ([`crate::outfile`]), and no POP3 deletion is committed (no QUIT is sent).
pub(crate) async fn interruptible<T, F>(
    sig: &mut Interrupts,
    phase: crate::error::Phase,
    work: F,
) -> Result<T, crate::error::Failure>
where
    F: std::future::Future<Output = Result<T, crate::error::Failure>>,
{
    tokio::select! {
        r = work => r,
        what = sig.next() => Err(crate::error::Failure::new(
            phase,
            crate::error::Kind::Interrupted,
            format!(
                "interrupted by {what}: a partial output file was removed, no deletion was committed"
            ),
        )),
    }
}
