//! IMAP response framing (RFC 9051 §4.3, §7.5): a response is a line that may continue after
//! literals `{N}` / `{N+}` / `~{N}`. Small literals are kept inline; a big one can be streamed to
//! a sink chosen by the caller, so a 100 MB message never sits in memory.

use crate::error::{Failure, Kind};
use crate::event::EventKind;
use crate::transport::wire::{DEFAULT_MAX_LINE, Deadline, Wire};
use tokio::io::{AsyncRead, AsyncWrite};

/// Literals up to this size are buffered when no sink takes them; larger ones without a sink are
/// refused (a server announcing 4 GB cannot make us allocate it).
pub(crate) const MAX_INLINE_LITERAL: u64 = 16 * 1024 * 1024;

/// Most bytes one response may hold in memory (lines plus inline literals). Without it a server
/// could continue one response forever with `{16777216}` literal after literal.
pub(crate) const MAX_RESPONSE: usize = 32 * 1024 * 1024;

/// A framed response: the raw bytes with inline literals, and where streamed literals were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Framed {
    /// The response as sent, except that each streamed literal reads `{*}` with no data.
    pub bytes: Vec<u8>,
    /// Sizes of the literals that were streamed elsewhere, in order.
    pub streamed: Vec<u64>,
}

/// Where a streamed literal's bytes go.
pub(crate) trait LiteralSink {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure>;
}

impl<F: FnMut(&[u8]) -> Result<(), Failure>> LiteralSink for F {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self(bytes)
    }
}

/// The literal size announced at the end of a line, if any: `{12}`, `{12+}`, `~{12}`.
pub(crate) fn literal_at_end(line: &[u8]) -> Option<Result<u64, String>> {
    let body = line.strip_suffix(b"}")?;
    let open = body.iter().rposition(|&b| b == b'{')?;
    let digits = &body[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<u64>().ok())
            .ok_or_else(|| "literal size does not fit in 64 bits".to_string()),
    )
}

/// Read one complete response by `deadline`. `choose` is asked, for each literal larger than
/// `stream_over` bytes, whether to stream it (given the response so far and the size).
pub(crate) async fn read_response<S, C>(
    wire: &mut Wire<S>,
    stream_over: u64,
    deadline: &mut Deadline,
    choose: C,
) -> Result<Framed, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
    C: FnMut(&[u8], u64) -> Option<Box<dyn LiteralSink + Send>>,
{
    let too_long = || format!("one response is longer than {MAX_RESPONSE} bytes");
    read_response_within(wire, stream_over, MAX_RESPONSE, &too_long, deadline, choose).await
}

/// [`read_response`] holding at most `max` bytes in memory (lines and inline literals, at most
/// [`MAX_RESPONSE`]), checked as each line arrives and before each inline literal is read, so
/// a bound the user chose (`shell --max-reply`) holds while the response is still coming;
/// `too_long` says which bound it was. Every failure here strikes inside a response, with the
/// rest of it still on its way: it is marked out of step.
pub(crate) async fn read_response_within<S, C>(
    wire: &mut Wire<S>,
    stream_over: u64,
    max: usize,
    too_long: &(dyn Fn() -> String + Sync),
    deadline: &mut Deadline,
    mut choose: C,
) -> Result<Framed, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
    C: FnMut(&[u8], u64) -> Option<Box<dyn LiteralSink + Send>>,
{
    let max = max.min(MAX_RESPONSE);
    let mut out = Framed::default();
    loop {
        let line = wire.read_line_by(deadline).await?;
        if out.bytes.len() + line.len() > max {
            return Err(wire.fail(Kind::Protocol, too_long()).out_of_step());
        }
        out.bytes.extend_from_slice(&line);
        out.bytes.extend_from_slice(b"\r\n");
        let size = match literal_at_end(&line) {
            None => return Ok(out),
            Some(Err(e)) => return Err(wire.fail(Kind::Protocol, e).out_of_step()),
            Some(Ok(n)) => n,
        };
        let sink = if size > stream_over {
            choose(&out.bytes, size)
        } else {
            None
        };
        match sink {
            Some(mut sink) => {
                // Replace `{N}` by the streamed marker, so the parser knows a literal stood here.
                let cut = out.bytes.len()
                    - 2
                    - (line.len() - line.iter().rposition(|&b| b == b'{').unwrap_or(0));
                out.bytes.truncate(cut);
                out.bytes.extend_from_slice(super::parse::STREAMED_MARKER);
                out.bytes.extend_from_slice(b"\r\n");
                copy_literal(wire, size, deadline, |chunk| sink.write(chunk))
                    .await
                    .map_err(Failure::out_of_step)?;
                out.streamed.push(size);
            }
            None => {
                if size > MAX_INLINE_LITERAL {
                    return Err(wire.fail(
                        Kind::Protocol,
                        format!("server announced a {size}-byte literal where none that large can be expected (limit {MAX_INLINE_LITERAL})"),
                    ).out_of_step());
                }
                if out.bytes.len() as u64 + size > max as u64 {
                    return Err(wire.fail(Kind::Protocol, too_long()).out_of_step());
                }
                // Grow with what arrives, not with what was announced: a {16777216} that never
                // comes must not cost 16 MiB.
                let mut buf = Vec::with_capacity((size as usize).min(64 * 1024));
                copy_literal(wire, size, deadline, |chunk| {
                    buf.extend_from_slice(chunk);
                    Ok(())
                })
                .await
                .map_err(Failure::out_of_step)?;
                out.bytes.extend_from_slice(&buf);
            }
        }
    }
}

/// Move exactly `size` literal bytes from the wire into `sink`, emitting a summary (or the lines
/// with --show-data).
async fn copy_literal<S, F>(
    wire: &mut Wire<S>,
    size: u64,
    deadline: &mut Deadline,
    mut sink: F,
) -> Result<(), Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: FnMut(&[u8]) -> Result<(), Failure>,
{
    let show = wire.ctx().show_data;
    let mut left = size;
    let mut lines = 0u64;
    let mut shown: Vec<u8> = Vec::new();
    while left > 0 {
        let buf = wire.buffered_by(deadline).await?;
        if buf.is_empty() {
            return Err(wire.fail(
                Kind::Closed,
                format!(
                    "server closed the connection inside a {size}-byte literal ({} bytes missing)",
                    left
                ),
            ));
        }
        let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let chunk = &buf[..n];
        lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        if show {
            shown.extend_from_slice(chunk);
        }
        let res = sink(chunk);
        wire.consume(n);
        // A local write failing inside a literal: the rest of the response (and the tagged
        // reply) is still coming, so no LOGOUT can follow.
        res.map_err(Failure::out_of_step)?;
        left -= n as u64;
        if show {
            while let Some(i) = shown.iter().position(|&b| b == b'\n') {
                let l: Vec<u8> = shown.drain(..=i).collect();
                let l = l.strip_suffix(b"\n").unwrap_or(&l);
                wire.emit_recv(l.strip_suffix(b"\r").unwrap_or(l), Some("literal".into()));
            }
            if shown.len() > DEFAULT_MAX_LINE {
                // A literal "line" with no end in sight: show it in pieces rather than hold it.
                wire.emit_recv(&shown, Some("literal, no line end yet".into()));
                shown.clear();
            }
        }
    }
    if show {
        if !shown.is_empty() {
            wire.emit_recv(&shown, Some("literal".into()));
        }
    } else {
        let tls = wire.is_tls();
        wire.ctx().emit(EventKind::DataReceived {
            lines,
            bytes: size,
            tls,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_markers() {
        assert_eq!(literal_at_end(b"* 1 FETCH (BODY[] {123}"), Some(Ok(123)));
        assert_eq!(literal_at_end(b"A1 LOGIN {5+}"), Some(Ok(5)));
        assert_eq!(literal_at_end(b"* 1 FETCH (BINARY[] ~{7}"), Some(Ok(7)));
        assert_eq!(literal_at_end(b"* OK done"), None);
        assert_eq!(literal_at_end(b"* OK {abc}"), None);
        assert_eq!(literal_at_end(b"* OK {}"), None);
        assert!(matches!(
            literal_at_end(b"* X {99999999999999999999999}"),
            Some(Err(_))
        ));
    }

    /// A bound below MAX_RESPONSE holds while the response arrives: a literal that would
    /// cross it is refused on its announcement (before a byte of it is waited for), a line as
    /// soon as it is read, and either leaves the dialogue out of step.
    #[tokio::test]
    async fn a_chosen_bound_is_checked_as_the_response_arrives() {
        use crate::event::{Collect, Ctx};
        use std::sync::Arc;
        use std::time::Duration;
        use tokio::io::AsyncWriteExt;
        let wire = |io| {
            let ctx = Arc::new(Ctx::new(Arc::new(Collect::default())));
            Wire::new(io, ctx, Duration::from_secs(30), false)
        };
        let too_long = || "over the bound".to_string();
        let (a, mut b) = tokio::io::duplex(1 << 16);
        let mut w = wire(a);
        // The literal's bytes never come: only the bound can end this read in time.
        b.write_all(b"* 1 FETCH (BODY[] {5000}\r\n").await.unwrap();
        let mut d = w.deadline();
        let t = std::time::Instant::now();
        let err = read_response_within(&mut w, u64::MAX, 1000, &too_long, &mut d, |_, _| None)
            .await
            .unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        assert_eq!(
            (err.kind, err.message.as_str()),
            (Kind::Protocol, "over the bound")
        );
        assert!(err.desynced);

        let (a, mut b) = tokio::io::duplex(1 << 16);
        let mut w = wire(a);
        b.write_all(b"* 1 FETCH (BODY[] {10}\r\n0123456789 FLAGS (\\Seen))\r\n* 2 EXISTS\r\n")
            .await
            .unwrap();
        let mut d = w.deadline();
        let f = read_response_within(&mut w, u64::MAX, 1000, &too_long, &mut d, |_, _| None)
            .await
            .unwrap();
        assert!(f.bytes.ends_with(b"0123456789 FLAGS (\\Seen))\r\n"));
        let err = read_response_within(&mut w, u64::MAX, 5, &too_long, &mut d, |_, _| None)
            .await
            .unwrap_err();
        assert!(err.desynced && err.message == "over the bound");
    }
}
