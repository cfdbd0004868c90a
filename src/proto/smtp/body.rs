//! The message body on the wire: encoded once (CRLF, dot-stuffing, RFC 5321 §4.5.2) or while
//! it is written, shown line by line with `--show-data` or as one summary event, and cut into
//! BDAT chunks (RFC 3030 §2). The dialogue around it is in `session.rs`.

use super::client::SmtpClient;
use super::data;
use crate::error::Failure;
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::transport::wire::BoxIo;

/// A message encoded for the wire once (CRLF line ends; for DATA also dot-stuffed and with the
/// terminating `.` line), so a transaction never re-encodes it.
pub(crate) struct Encoded {
    pub bytes: Vec<u8>,
    pub lines: u64,
    /// The message has bytes >= 0x80 (MAIL FROM then asks for BODY=8BITMIME, RFC 6152).
    pub eight_bit: bool,
}

impl Encoded {
    pub(crate) fn new(msg: &[u8], bdat: bool) -> Encoded {
        let (bytes, lines) = if bdat {
            data::encode_bdat(msg)
        } else {
            data::encode_data(msg)
        };
        Encoded {
            bytes,
            lines,
            eight_bit: msg.iter().any(|&b| b >= 0x80),
        }
    }
}

/// How much of the message is encoded (and, for BDAT, sent as one chunk) at a time when it is
/// encoded on the way out.
pub(super) const ENCODE_CHUNK: usize = 1 << 20;

/// What one transaction sends: an encoded message as two consecutive slices. Load mode keeps a
/// small per-session `head` (the header block up to its own Message-ID line) and shares the
/// `tail`; `head` always ends at a line boundary.
#[derive(Clone, Copy)]
pub(crate) struct Body<'a> {
    pub head: &'a [u8],
    pub tail: &'a [u8],
    pub lines: u64,
    pub eight_bit: bool,
    /// `tail` is the message as given (and `head` empty), encoded (CRLF, dot-stuffing, the final
    /// `.` line) [`ENCODE_CHUNK`] bytes at a time while it is written, so the message is held
    /// once, not twice (`smtp send --data` of 60 MB: 137 MB peak RSS with a whole encoded copy).
    /// False: already encoded (load mode shares one encoded copy between all sessions).
    pub encode: bool,
    /// Bytes on the wire (encoded, DATA's terminator included).
    pub wire_len: usize,
}

impl<'a> Body<'a> {
    /// `msg` as given, to be encoded on the way out; one pass now counts its wire size and
    /// lines (for SIZE= and the summary) without keeping the encoding.
    pub(crate) fn raw(msg: &'a [u8], bdat: bool) -> Body<'a> {
        let mut enc = data::Encoder::new(!bdat);
        let mut scratch = Vec::new();
        let mut parts = msg.chunks(ENCODE_CHUNK).peekable();
        let mut wire_len = 0;
        loop {
            let last = encode_next(&mut enc, &mut parts, &mut scratch);
            wire_len += scratch.len();
            if last {
                break;
            }
        }
        Body {
            head: &[],
            tail: msg,
            lines: enc.lines,
            eight_bit: msg.iter().any(|&b| b >= 0x80),
            encode: true,
            wire_len,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.wire_len
    }
}

/// Encode the next chunk of a message into `out` (cleared first); with the last one, end the
/// body. Returns whether that was the last (an empty message is one empty last chunk).
pub(super) fn encode_next(
    enc: &mut data::Encoder,
    parts: &mut std::iter::Peekable<std::slice::Chunks<'_, u8>>,
    out: &mut Vec<u8>,
) -> bool {
    out.clear();
    if let Some(p) = parts.next() {
        enc.encode(p, out);
    }
    let last = parts.peek().is_none();
    if last {
        enc.finish(out);
    }
    last
}

/// Show body bytes line by line (`--show-data`), as they go on the wire.
pub(super) fn show_lines(ctx: &Ctx, tls: bool, bytes: &[u8]) {
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let l = line.strip_suffix(b"\r\n").unwrap_or(line);
        ctx.emit(EventKind::Sent {
            line: escape_bytes(l),
            tls,
            redacted: false,
            note: None,
        });
    }
}

/// Show the complete lines of `more` (`--show-data`); a line cut between two chunks waits in
/// `carry` for its end, so the transcript shows it once, whole.
pub(super) fn show_chunk(ctx: &Ctx, tls: bool, carry: &mut Vec<u8>, more: &[u8]) {
    carry.extend_from_slice(more);
    if let Some(cut) = carry.iter().rposition(|&b| b == b'\n') {
        show_lines(ctx, tls, &carry[..=cut]);
        carry.drain(..=cut);
    }
}

/// Write the encoded body, shown line by line (`--show-data`) or as a summary event.
pub(super) async fn transfer(c: &mut SmtpClient<BoxIo>, body: &Body<'_>) -> Result<(), Failure> {
    let ctx = c.wire.ctx().clone();
    let tls = c.wire.is_tls();
    if body.encode {
        summarize(&ctx, body, tls);
        let mut enc = data::Encoder::new(true);
        let mut parts = body.tail.chunks(ENCODE_CHUNK).peekable();
        let (mut buf, mut carry) = (Vec::new(), Vec::new());
        loop {
            let last = encode_next(&mut enc, &mut parts, &mut buf);
            if ctx.show_data {
                show_chunk(&ctx, tls, &mut carry, &buf);
            }
            c.wire.write_raw(&buf).await?;
            if last {
                break;
            }
        }
        return c.wire.flush().await;
    }
    if ctx.show_data {
        show_lines(&ctx, tls, body.head);
        show_lines(&ctx, tls, body.tail);
    }
    summarize(&ctx, body, tls);
    for part in [body.head, body.tail] {
        for chunk in part.chunks(256 * 1024) {
            c.wire.write_raw(chunk).await?;
        }
    }
    c.wire.flush().await
}

/// The summary line that stands for the message in the transcript, unless `--show-data` shows
/// it line by line.
pub(super) fn summarize(ctx: &Ctx, body: &Body<'_>, tls: bool) {
    if !ctx.show_data {
        ctx.emit(EventKind::DataSummary {
            lines: body.lines,
            bytes: body.len() as u64,
            tls,
        });
    }
}

/// Cut the concatenation of `parts` into BDAT chunks of at most `size` bytes, each a list of
/// pieces borrowed from the parts (RFC 3030 §2: chunk boundaries carry no meaning). Always at
/// least one chunk: an empty message is `BDAT 0 LAST`.
pub(super) fn bdat_chunks<'a>(parts: &[&'a [u8]], size: usize) -> Vec<Vec<&'a [u8]>> {
    let mut chunks = vec![Vec::new()];
    let mut room = size;
    for part in parts {
        let mut rest = *part;
        while !rest.is_empty() {
            if room == 0 {
                chunks.push(Vec::new());
                room = size;
            }
            let (piece, after) = rest.split_at(rest.len().min(room));
            if let Some(chunk) = chunks.last_mut() {
                chunk.push(piece);
            }
            room -= piece.len();
            rest = after;
        }
    }
    chunks
}
