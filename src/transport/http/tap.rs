//! The transcript of HTTP/1.1 exchanges as they cross the wire: a stream wrapper under hyper
//! that turns each request head into `C:` lines and each response head into `S:` lines, each
//! timed when its bytes were written or arrived. hyper does the HTTP; this only shows it, so the
//! user sees exactly what was sent and what the server said, even a head hyper then rejected.
//!
//! Several requests may share one keep-alive connection (RFC 9112 §9.3): before each request the
//! client re-arms the tap ([`TapHandle::next_exchange`]) so the next heads are shown again. The
//! request body's summary (or, with `--show-data`, its lines) is emitted once its last byte was
//! written, so it sits between the request head and the response in the transcript. Response
//! bodies are not shown here: the caller summarises the body it read. `Authorization` and
//! `Proxy-Authorization` values are shown as `SCHEME ***` unless `--show-secrets`.

use crate::event::{Ctx, EventKind, escape_bytes};
use std::io::IoSlice;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A line longer than this is shown cut (hyper refuses far shorter heads than a runaway line).
const LINE_MAX: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Sent,
    Recv,
}

/// Splits one direction's head bytes into lines and emits them until the empty line that ends
/// the head (RFC 9112 §2.1). A response head with a 1xx status is followed by another head.
struct Heads {
    dir: Dir,
    buf: Vec<u8>,
    /// The current line was cut at [`LINE_MAX`]: drop bytes until its end.
    skipping: bool,
    /// The head's first line (request or status line) has been seen.
    started: bool,
    /// Informational (1xx) response: another head follows.
    interim: bool,
    done: bool,
}

impl Heads {
    fn new(dir: Dir) -> Heads {
        Heads {
            dir,
            buf: Vec::new(),
            skipping: false,
            started: false,
            interim: false,
            done: false,
        }
    }

    /// Ready for the next head on the same connection.
    fn rearm(&mut self) {
        *self = Heads::new(self.dir);
    }

    fn emit(&self, ctx: &Ctx, tls: bool, line: &[u8], note: Option<String>) {
        let (line, redacted) = match self.dir {
            Dir::Sent if !ctx.show_secrets => match redact_credentials(line) {
                Some(shown) => (shown, true),
                None => (escape_bytes(line), false),
            },
            _ => (escape_bytes(line), false),
        };
        ctx.emit(match self.dir {
            Dir::Sent => EventKind::Sent {
                line,
                tls,
                redacted,
                note,
            },
            Dir::Recv => EventKind::Recv { line, tls, note },
        });
    }

    /// Show the head lines in `bytes`; returns the bytes after the head's end (the body).
    fn feed<'b>(&mut self, ctx: &Ctx, tls: bool, mut bytes: &'b [u8]) -> &'b [u8] {
        if self.done {
            return bytes;
        }
        while !self.done && !bytes.is_empty() {
            let nl = bytes.iter().position(|&b| b == b'\n');
            let (chunk, rest, ended) = match nl {
                Some(i) => (&bytes[..i], &bytes[i + 1..], true),
                None => (bytes, &[][..], false),
            };
            bytes = rest;
            if !self.skipping {
                let room = LINE_MAX.saturating_sub(self.buf.len());
                self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    let line = std::mem::take(&mut self.buf);
                    self.emit(
                        ctx,
                        tls,
                        &line,
                        Some(format!("line longer than {LINE_MAX} bytes, cut")),
                    );
                    self.skipping = true;
                }
            }
            if !ended {
                continue;
            }
            if self.skipping {
                self.skipping = false;
                continue;
            }
            let mut line = std::mem::take(&mut self.buf);
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if line.is_empty() && self.started {
                // The end of a head. After `HTTP/1.1 100 Continue` the real response follows.
                self.started = false;
                self.done = !self.interim;
                self.interim = false;
                continue;
            }
            if !self.started {
                self.started = true;
                self.interim = self.dir == Dir::Recv && is_interim(&line);
            }
            self.emit(ctx, tls, &line, None);
        }
        bytes
    }
}

/// `Authorization: Basic dXNlcjpwYXNz` → `Authorization: Basic ***` (RFC 9110 §11.6.2, §11.7.2):
/// the scheme stays, so the reader sees which kind of credential went out, never its value.
fn redact_credentials(line: &[u8]) -> Option<String> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    if !name.eq_ignore_ascii_case(b"authorization")
        && !name.eq_ignore_ascii_case(b"proxy-authorization")
    {
        return None;
    }
    let value = String::from_utf8_lossy(&line[colon + 1..]);
    let value = value.trim();
    let scheme = value.split([' ', '\t']).next().unwrap_or("");
    let shown = if scheme.is_empty() || scheme.len() == value.len() {
        "***".to_string()
    } else {
        format!("{} ***", escape_bytes(scheme.as_bytes()))
    };
    Some(format!("{}: {shown}", escape_bytes(name)))
}

/// What the transcript shows of a request body once it has all been written.
#[derive(Debug, Clone)]
pub(crate) enum SentBody {
    /// A summary: so many lines and bytes.
    Summary { lines: u64, bytes: u64 },
    /// `--show-data`: these lines (pretty-printed JSON), for a body of `bytes` bytes.
    Lines { lines: Vec<String>, bytes: u64 },
}

impl SentBody {
    fn len(&self) -> u64 {
        match self {
            SentBody::Summary { bytes, .. } | SentBody::Lines { bytes, .. } => *bytes,
        }
    }
}

/// The state both directions share with the client that re-arms them.
struct State {
    sent: Heads,
    recv: Heads,
    /// The current request's body, shown when `written` reaches its length.
    body: Option<SentBody>,
    written: u64,
}

impl State {
    fn sent(&mut self, ctx: &Ctx, tls: bool, bytes: &[u8]) {
        let rest = self.sent.feed(ctx, tls, bytes);
        if !self.sent.done || self.body.is_none() {
            return;
        }
        self.written += rest.len() as u64;
        if self.body.as_ref().is_some_and(|b| self.written >= b.len()) {
            match self.body.take() {
                Some(SentBody::Summary { lines, bytes }) => {
                    ctx.emit(EventKind::DataSummary { lines, bytes, tls })
                }
                Some(SentBody::Lines { lines, .. }) => {
                    for line in lines {
                        ctx.emit(EventKind::Sent {
                            line,
                            tls,
                            redacted: false,
                            note: None,
                        });
                    }
                }
                None => {}
            }
        }
    }
}

/// The client's hold on a tap: re-arm it before each request on the connection.
#[derive(Clone)]
pub(crate) struct TapHandle(Arc<Mutex<State>>);

impl TapHandle {
    /// The next request goes out now: show its head and the response's as they cross, and
    /// `body` (if any) once it has been written.
    pub(crate) fn next_exchange(&self, body: Option<SentBody>) {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        s.sent.rearm();
        s.recv.rearm();
        s.body = body.filter(|b| b.len() > 0);
        s.written = 0;
    }
}

/// `HTTP/1.1 1xx …`: an informational response (RFC 9110 §15.2).
fn is_interim(status_line: &[u8]) -> bool {
    let mut words = status_line.split(|&b| b == b' ');
    let _version = words.next();
    words
        .next()
        .is_some_and(|code| code.len() == 3 && code[0] == b'1')
}

/// The stream hyper talks through: everything passes unchanged, the heads become events.
pub(crate) struct Tap<S> {
    inner: S,
    ctx: Arc<Ctx>,
    tls: bool,
    state: Arc<Mutex<State>>,
}

impl<S> Tap<S> {
    /// A tap showing the first request and response heads; `tls` marks the lines as sent inside
    /// TLS.
    pub(crate) fn new(inner: S, ctx: Arc<Ctx>, tls: bool) -> Tap<S> {
        Tap {
            inner,
            ctx,
            tls,
            state: Arc::new(Mutex::new(State {
                sent: Heads::new(Dir::Sent),
                recv: Heads::new(Dir::Recv),
                body: None,
                written: 0,
            })),
        }
    }

    /// The handle to re-arm this tap for the next request.
    pub(crate) fn handle(&self) -> TapHandle {
        TapHandle(self.state.clone())
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Tap<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r {
            let (ctx, tls) = (this.ctx.clone(), this.tls);
            this.state().recv.feed(&ctx, tls, &buf.filled()[before..]);
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Tap<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        let r = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = r {
            let (ctx, tls) = (this.ctx.clone(), this.tls);
            this.state().sent(&ctx, tls, &buf[..n]);
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        let r = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = r {
            // Only the first n bytes, across the slices, were written.
            let mut left = n;
            let (ctx, tls) = (this.ctx.clone(), this.tls);
            let mut state = this.state();
            for b in bufs {
                if left == 0 {
                    break;
                }
                let take = left.min(b.len());
                state.sent(&ctx, tls, &b[..take]);
                left -= take;
            }
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Collect, Event};

    fn lines(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Sent { line, .. } => Some(format!("C: {line}")),
                EventKind::Recv { line, note, .. } => Some(format!(
                    "S: {line}{}",
                    note.as_deref()
                        .map(|n| format!(" [{n}]"))
                        .unwrap_or_default()
                )),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn heads_become_lines_and_bodies_do_not() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let sink = Arc::new(Collect::default());
        let ctx = Arc::new(Ctx::new(sink.clone()));
        let (client, mut server) = tokio::io::duplex(1 << 16);
        let mut tap = Tap::new(client, ctx, true);
        // The request in two writes, split inside a line.
        tap.write_all(b"GET /.well-known/mta-sts.txt HTTP/1.1\r\nHo")
            .await
            .unwrap();
        tap.write_all(b"st: mta-sts.example.com\r\n\r\n")
            .await
            .unwrap();
        let long = "x".repeat(LINE_MAX + 10);
        server
            .write_all(
                format!(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\nContent-Type: text/plain\r\n\
                     X-Long: {long}\r\nX-Esc: \x1b[2J\r\n\r\nversion: STSv1\r\nmode: enforce\r\n"
                )
                .as_bytes(),
            )
            .await
            .unwrap();
        drop(server);
        let mut got = Vec::new();
        tap.read_to_end(&mut got).await.unwrap();
        let l = lines(&sink.events());
        assert_eq!(
            l[..5],
            [
                "C: GET /.well-known/mta-sts.txt HTTP/1.1",
                "C: Host: mta-sts.example.com",
                "S: HTTP/1.1 100 Continue",
                "S: HTTP/1.1 200 OK",
                "S: Content-Type: text/plain",
            ]
        );
        assert!(l[5].starts_with("S: X-Long: xxx") && l[5].ends_with("bytes, cut]"));
        assert_eq!(l[6], "S: X-Esc: \\x1b[2J");
        assert_eq!(l.len(), 7, "the body is not shown line by line: {l:?}");
    }

    #[test]
    fn interim_status() {
        assert!(is_interim(b"HTTP/1.1 103 Early Hints"));
        assert!(!is_interim(b"HTTP/1.1 200 OK"));
        assert!(!is_interim(b"HTTP/1.1 1000 odd"));
    }
}
