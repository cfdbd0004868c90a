//! The transcript of an HTTP/1.1 exchange as it crosses the wire: a stream wrapper under hyper
//! that turns the request head into `C:` lines and each response head into `S:` lines, each
//! timed when its bytes were written or arrived. hyper does the HTTP; this only shows it, so the
//! user sees exactly what was sent and what the server said, even a head hyper then rejected.
//! Bodies are not shown here: the caller summarises the body it read.

use crate::event::{Ctx, EventKind, escape_bytes};
use std::io::IoSlice;
use std::pin::Pin;
use std::sync::Arc;
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

    fn emit(&self, ctx: &Ctx, line: &[u8], note: Option<String>) {
        let line = escape_bytes(line);
        ctx.emit(match self.dir {
            Dir::Sent => EventKind::Sent {
                line,
                tls: true,
                redacted: false,
                note,
            },
            Dir::Recv => EventKind::Recv {
                line,
                tls: true,
                note,
            },
        });
    }

    fn feed(&mut self, ctx: &Ctx, mut bytes: &[u8]) {
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
            self.emit(ctx, &line, None);
        }
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
    sent: Heads,
    recv: Heads,
}

impl<S> Tap<S> {
    pub(crate) fn new(inner: S, ctx: Arc<Ctx>) -> Tap<S> {
        Tap {
            inner,
            ctx,
            sent: Heads::new(Dir::Sent),
            recv: Heads::new(Dir::Recv),
        }
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
            this.recv.feed(&this.ctx, &buf.filled()[before..]);
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
            this.sent.feed(&this.ctx, &buf[..n]);
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
            for b in bufs {
                if left == 0 {
                    break;
                }
                let take = left.min(b.len());
                this.sent.feed(&this.ctx, &b[..take]);
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
        let mut tap = Tap::new(client, ctx);
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
