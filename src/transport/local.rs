//! Connections that are not TCP: `--unix PATH` (a UNIX-domain stream socket, as Postfix's and
//! Dovecot's local listeners offer) and `--pipe COMMAND` (a child process speaking the protocol
//! on its stdin and stdout, as `sendmail -bs` or Dovecot's `imap` binary do).
//!
//! A pipe's child is started with `sh -c`, its stderr is shown as info lines, it is killed and
//! reaped when the session ends (or `--max-time` strikes), and when it exits before the dialogue
//! is over the error says with which status.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind};
use std::path::Path;
use std::pin::Pin;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};
use tokio::process::{ChildStdin, ChildStdout, Command};
use tokio::sync::oneshot;

/// Connect to a UNIX-domain stream socket within `timeout`.
pub(crate) async fn unix(
    path: &Path,
    timeout: Duration,
    ctx: &Ctx,
) -> Result<tokio::net::UnixStream, Failure> {
    let shown = format!("unix:{}", path.display());
    ctx.emit(EventKind::Connecting {
        addr: shown.clone(),
    });
    let started = Instant::now();
    let res = tokio::time::timeout(timeout, tokio::net::UnixStream::connect(path)).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    ctx.record(Phase::Connect, ms);
    match res {
        Ok(Ok(s)) => {
            ctx.emit(EventKind::Connected {
                addr: shown,
                local: String::new(),
                ms,
            });
            Ok(s)
        }
        Ok(Err(e)) => Err(Failure::new(
            Phase::Connect,
            Kind::Connect,
            format!("could not connect to {shown}: {e}"),
        )),
        Err(_) => Err(Failure::new(
            Phase::Connect,
            Kind::Connect,
            format!("could not connect to {shown}: timed out after {timeout:?}"),
        )),
    }
}

/// The longest stderr line shown (the rest is cut); a child cannot make us buffer more.
const STDERR_LINE_MAX: usize = 4096;

/// How long a child whose stdout closed gets to exit before its status is given up on.
const EXIT_GRACE: Duration = Duration::from_millis(500);

/// The child's stdin and stdout as one stream. Dropping it kills the child (if it still runs)
/// and a task reaps it.
pub(crate) struct PipeIo {
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    /// The child's exit status, once it exited.
    status: Arc<std::sync::Mutex<Option<ExitStatus>>>,
    /// Dropped with the stream: tells the reaper to kill the child.
    _kill: oneshot::Sender<()>,
    /// After EOF on stdout: until when we wait for the exit status, and the next look.
    grace: Option<(tokio::time::Instant, Pin<Box<tokio::time::Sleep>>)>,
    command: String,
    /// The child's process group (its pid: `process_group(0)`).
    pgid: Option<u32>,
}

impl Drop for PipeIo {
    /// The session is over: SIGTERM to the whole group now, synchronously — mailctl may exit
    /// before the reaper task runs again, and tokio's kill_on_drop reaches only `sh` itself.
    /// The reaper follows with SIGKILL after KILL_GRACE if the runtime is still there.
    fn drop(&mut self) {
        if self.exited().is_none() {
            signal_group(self.pgid, nix::sys::signal::Signal::SIGTERM);
        }
    }
}

/// At most this many lines of the child's stderr become info lines.
const STDERR_LINES_MAX: usize = 200;
/// How long the child's group has between SIGTERM and SIGKILL at the end of the session.
const KILL_GRACE: Duration = Duration::from_secs(2);

/// Signal the process group `pgid` leads (ours from `process_group(0)`); gone already is fine.
fn signal_group(pgid: Option<u32>, sig: nix::sys::signal::Signal) {
    if let Some(p) = pgid.and_then(|p| i32::try_from(p).ok()).filter(|p| *p > 1) {
        let _ = nix::sys::signal::killpg(nix::unistd::Pid::from_raw(p), sig);
    }
}

/// Start `sh -c COMMAND`, with its stdin and stdout as the stream and its stderr as info lines.
pub(crate) fn spawn(command: &str, ctx: &Arc<Ctx>) -> Result<PipeIo, Failure> {
    let shown = format!("pipe: sh -c {command:?}");
    ctx.emit(EventKind::Connecting {
        addr: shown.clone(),
    });
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // The backstop: whatever path drops the child (a runtime shutting down), it dies.
        .kill_on_drop(true)
        // Its own process group, so the end of the session reaches whatever the command
        // started (`cd x && sendmail -bs`, a pipeline, an ssh under a shell that forks).
        .process_group(0)
        .spawn()
        .map_err(|e| {
            Failure::new(
                Phase::Connect,
                Kind::Connect,
                format!("could not start sh -c {command:?}: {e}"),
            )
        })?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    ctx.record(Phase::Connect, ms);
    let pgid = child.id();
    let pid = pgid.map(|p| format!("pid {p}")).unwrap_or_default();
    ctx.emit(EventKind::Connected {
        addr: shown,
        local: pid,
        ms,
    });
    let internal = |what: &str| Failure::new(Phase::Connect, Kind::Internal, format!("no {what}"));
    let stdin = child.stdin.take().ok_or_else(|| internal("stdin"))?;
    let stdout = child.stdout.take().ok_or_else(|| internal("stdout"))?;
    if let Some(stderr) = child.stderr.take() {
        let ctx = ctx.clone();
        tokio::spawn(async move {
            let mut r = tokio::io::BufReader::new(stderr);
            let mut line = Vec::new();
            let (mut shown, mut suppressed) = (0usize, 0usize);
            loop {
                line.clear();
                // Bounded: a line longer than STDERR_LINE_MAX is shown in pieces.
                let mut limited = (&mut r).take(STDERR_LINE_MAX as u64);
                match limited.read_until(b'\n', &mut line).await {
                    Ok(0) | Err(_) => break,
                    // A chatty child must not grow the transcript without bound: after
                    // STDERR_LINES_MAX lines the rest is read and counted, not shown.
                    Ok(_) if shown >= STDERR_LINES_MAX => {
                        suppressed += 1;
                        continue;
                    }
                    Ok(_) => {
                        shown += 1;
                        let text = String::from_utf8_lossy(&line);
                        ctx.info(format!(
                            "pipe stderr: {}",
                            crate::event::clean(text.trim_end_matches(['\r', '\n']))
                        ));
                    }
                }
            }
            if suppressed > 0 {
                ctx.info(format!(
                    "pipe stderr: {suppressed} more line(s) not shown (at most {STDERR_LINES_MAX})"
                ));
            }
        });
    }
    let status = Arc::new(std::sync::Mutex::new(None));
    let status_tx = status.clone();
    let (kill, mut killed) = oneshot::channel::<()>();
    let reaper_ctx = ctx.clone();
    tokio::spawn(async move {
        tokio::select! {
            st = child.wait() => {
                if let Ok(st) = st {
                    reaper_ctx.info(format!("pipe command ended: {st}"));
                    *status_tx.lock().unwrap_or_else(|e| e.into_inner()) = Some(st);
                }
            }
            _ = &mut killed => {
                // The session is over (or failed): the child's group gets SIGTERM and a moment
                // to finish what it took (a message being queued), then SIGKILL.
                signal_group(pgid, nix::sys::signal::Signal::SIGTERM);
                if tokio::time::timeout(KILL_GRACE, child.wait()).await.is_err() {
                    let _ = child.start_kill();
                    let _ = child.wait().await;
                }
                signal_group(pgid, nix::sys::signal::Signal::SIGKILL);
            }
        }
    });
    Ok(PipeIo {
        stdin: Some(stdin),
        stdout,
        status,
        _kill: kill,
        grace: None,
        command: command.to_string(),
        pgid,
    })
}

impl PipeIo {
    fn exited(&self) -> Option<ExitStatus> {
        *self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn early_exit(&self, st: ExitStatus) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            format!("the command sh -c {:?} ended ({st})", self.command),
        )
    }
}

impl AsyncRead for PipeIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        // A read with no room left is not EOF (tokio's contract): nothing to do.
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        match Pin::new(&mut self.stdout).poll_read(cx, buf) {
            Poll::Ready(Ok(())) if buf.filled().len() == before => {}
            other => return other,
        }
        // EOF on stdout: say how the child ended when it did so unsuccessfully, after giving
        // it a moment to exit (stdout closes just before the exit status is known).
        loop {
            if let Some(st) = self.exited() {
                return Poll::Ready(if st.success() {
                    Ok(())
                } else {
                    Err(self.early_exit(st))
                });
            }
            let now = tokio::time::Instant::now();
            let (until, tick) = self.grace.get_or_insert_with(|| {
                (
                    now + EXIT_GRACE,
                    Box::pin(tokio::time::sleep(Duration::from_millis(5))),
                )
            });
            if now >= *until {
                return Poll::Ready(Ok(()));
            }
            match tick.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => tick.as_mut().reset(now + Duration::from_millis(5)),
            }
        }
    }
}

use std::future::Future;

impl AsyncWrite for PipeIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let res = match self.stdin.as_mut() {
            Some(s) => Pin::new(s).poll_write(cx, buf),
            None => Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into())),
        };
        match res {
            Poll::Ready(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Poll::Ready(Err(match self.exited() {
                    Some(st) => self.early_exit(st),
                    None => e,
                }))
            }
            other => other,
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.stdin.as_mut() {
            Some(s) => Pin::new(s).poll_flush(cx),
            None => Poll::Ready(Ok(())),
        }
    }

    /// Closing our side is closing the child's stdin: it reads EOF, as after QUIT on a socket.
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if let Some(s) = self.stdin.as_mut()
            && Pin::new(s).poll_flush(cx).is_pending()
        {
            return Poll::Pending;
        }
        self.stdin = None;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn ctx() -> (Arc<Ctx>, Arc<crate::event::Collect>) {
        let sink = Arc::new(crate::event::Collect::default());
        (Arc::new(Ctx::new(sink.clone())), sink)
    }

    #[tokio::test]
    async fn a_pipe_is_a_stream_and_stderr_is_shown() {
        let (ctx, sink) = ctx();
        let mut p = spawn("echo oops >&2; read l; echo \"got $l\"", &ctx).unwrap();
        p.write_all(b"hello\n").await.unwrap();
        let mut out = String::new();
        p.read_to_string(&mut out).await.unwrap();
        assert_eq!(out, "got hello\n");
        tokio::time::sleep(Duration::from_millis(100)).await;
        let infos: Vec<String> = sink
            .events()
            .into_iter()
            .filter_map(|e| match e.kind {
                EventKind::Info { msg } => Some(msg),
                _ => None,
            })
            .collect();
        assert!(infos.iter().any(|m| m == "pipe stderr: oops"), "{infos:?}");
    }

    #[tokio::test]
    async fn an_early_exit_names_its_status() {
        let (ctx, _) = ctx();
        let mut p = spawn("exit 3", &ctx).unwrap();
        let mut out = Vec::new();
        let e = p.read_to_end(&mut out).await.unwrap_err();
        assert!(e.to_string().contains("exit status: 3"), "{e}");
    }

    #[tokio::test]
    async fn dropping_the_stream_kills_the_child() {
        let (ctx, _) = ctx();
        let p = spawn("echo $$; exec sleep 30", &ctx).unwrap();
        let mut p = p;
        let mut line = [0u8; 32];
        let n = p.read(&mut line).await.unwrap();
        let pid: i32 = std::str::from_utf8(&line[..n])
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        drop(p);
        let gone = async {
            while std::path::Path::new(&format!("/proc/{pid}")).exists() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(3), gone)
            .await
            .expect("the child was killed and reaped");
    }

    #[tokio::test]
    async fn a_missing_socket_is_a_connect_failure() {
        let (ctx, _) = ctx();
        let e = unix(
            Path::new("/nonexistent/mailctl.sock"),
            Duration::from_secs(1),
            &ctx,
        )
        .await
        .unwrap_err();
        assert_eq!((e.phase, e.kind), (Phase::Connect, Kind::Connect));
        assert!(
            e.message.contains("unix:/nonexistent/mailctl.sock"),
            "{}",
            e.message
        );
    }
}
