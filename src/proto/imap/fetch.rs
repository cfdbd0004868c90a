//! FETCH for `imap fetch` (RFC 9051 §6.4.5): header rows, whole messages into a directory, or
//! one body section into a file or stdout. Every BODY literal is bounded by its message's
//! RFC822.SIZE, learned before any body is asked for, and streamed to its file as it arrives.

use super::Imap;
use super::client::Chooser;
use super::frame::{LiteralSink, MAX_INLINE_LITERAL};
use super::parse::{Cond, Resp, Tok, fetch_items};
use crate::error::{Failure, Kind, Phase};
use crate::outfile::data::DataOut;
use crate::proto::retrieval_bound;
use crate::transport::wire::{BoxIo, Outgoing};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One `--headers` row: what a FETCH of UID, FLAGS, RFC822.SIZE and the Date, From and
/// Subject fields (RFC 9051 §6.4.5) says about a message. The JSON fields, in this order.
#[derive(Debug, Serialize)]
pub(crate) struct HeaderRow {
    pub seq: u64,
    pub uid: Option<u64>,
    /// RFC 3339 when the Date field parses (RFC 5322 §3.3), else empty.
    pub date: String,
    /// The Date field as sent, unfolded.
    pub date_header: Option<String>,
    pub from: String,
    pub subject: String,
    pub size: Option<u64>,
    pub flags: Vec<String>,
}

/// A message (or part) fetched: its UID, its size in octets, and the file it went to (empty
/// when all went to one output).
#[derive(Debug, Serialize)]
pub(crate) struct Fetched {
    pub uid: Option<u64>,
    pub size: u64,
    pub file: String,
}

fn prefix(uid: bool) -> &'static str {
    if uid { "UID " } else { "" }
}

/// BODY.PEEK leaves \Seen alone (RFC 9051 §6.4.5); BODY sets it, with --mark-seen.
fn body_item(mark_seen: bool) -> &'static str {
    if mark_seen { "BODY" } else { "BODY.PEEK" }
}

/// The header rows of the messages in `set`.
pub(crate) async fn fetch_headers(
    imap: &mut Imap<BoxIo>,
    set: &str,
    uid: bool,
) -> Result<Vec<HeaderRow>, Failure> {
    let prefix = prefix(uid);
    let cmd = format!(
        "{prefix}FETCH {set} (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])"
    );
    // Each response is reduced to its typed row as it arrives (the raw header is dropped at
    // once); the rows are what the JSON is serialized from and the table laid out from: a
    // 10,000 message listing stays a few MB.
    let mut rows: Vec<HeaderRow> = Vec::new();
    let st = imap
        .run(Outgoing::plain(cmd), u64::MAX, &mut |_, _| None, |r| {
            if let Resp::Numbered { n, kind, data } = r
                && kind == "FETCH"
            {
                let (mut uid, mut size, mut flags, mut header) = (None, None, Vec::new(), None);
                for (k, v) in fetch_items(&data) {
                    match k.as_str() {
                        "UID" => uid = v.as_num(),
                        "FLAGS" => {
                            flags = v
                                .list()
                                .unwrap_or(&[])
                                .iter()
                                .filter_map(Tok::text)
                                .collect()
                        }
                        "RFC822.SIZE" => size = v.as_num(),
                        k if k.starts_with("BODY[") => {
                            header = Some(v.bytes().map(<[u8]>::to_vec).unwrap_or_default())
                        }
                        _ => {}
                    }
                }
                // A FETCH without the header is an unsolicited flag update, not a row.
                if let Some(h) = header {
                    let (date, date_header, from, subject) = header_fields(&h);
                    rows.push(HeaderRow {
                        seq: n,
                        uid,
                        date,
                        date_header,
                        from,
                        subject,
                        size,
                        flags,
                    });
                }
            }
            Ok(())
        })
        .await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("FETCH", &st));
    }
    Ok(rows)
}

/// Each whole message in `set` into `dir` as `<UID>.eml`.
pub(crate) async fn fetch_full(
    imap: &mut Imap<BoxIo>,
    set: &str,
    uid: bool,
    mark_seen: bool,
    dir: &Path,
    force: bool,
) -> Result<Vec<Fetched>, Failure> {
    let prefix = prefix(uid);
    // Learned first (see `learn_sizes`): an existing <UID>.eml stops us before anything is
    // fetched, and every BODY[] literal is bounded by its message's RFC822.SIZE.
    let sizes = learn_sizes(imap, prefix, set, (!force).then_some(dir)).await?;
    let cmd = format!(
        "{prefix}FETCH {set} (UID RFC822.SIZE {}[])",
        body_item(mark_seen)
    );
    stream_fetch(imap, cmd, dir, force, None, sizes).await
}

/// Body section `section` of each message in `set`, all into `out` (aborted on failure,
/// committed otherwise). Returns the parts and where `out` was committed (None: stdout).
pub(crate) async fn fetch_part(
    imap: &mut Imap<BoxIo>,
    set: &str,
    uid: bool,
    mark_seen: bool,
    section: &str,
    force: bool,
    out: DataOut,
) -> Result<(Vec<Fetched>, Option<PathBuf>), Failure> {
    let prefix = prefix(uid);
    // A section is a piece of its message (RFC 9051 §6.4.5 BODY[<section>]), so the message's
    // RFC822.SIZE bounds its literal too.
    let sizes = learn_sizes(imap, prefix, set, None).await?;
    let cmd = format!(
        "{prefix}FETCH {set} (UID {}[{section}])",
        body_item(mark_seen)
    );
    let shared = Arc::new(Mutex::new(Some(out)));
    let files = stream_fetch(imap, cmd, Path::new(""), force, Some(shared.clone()), sizes).await;
    let out = shared.lock().unwrap_or_else(|e| e.into_inner()).take();
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            if let Some(o) = out {
                o.abort();
            }
            return Err(e);
        }
    };
    let written = match out {
        Some(o) => o.commit(false)?,
        None => None,
    };
    Ok((files, written))
}

/// Ask `FETCH set (UID RFC822.SIZE)` before any body, and keep each message's size by sequence
/// number (a `* n FETCH` names it in both responses, also under UID FETCH). Without this a
/// server that sends the BODY[] literal before RFC822.SIZE (or no RFC822.SIZE at all) could
/// announce `{4000000000}` and have it streamed to disk: the literal's own count is no bound,
/// since the server chooses it. With `existing_in`, also stop at an existing `<UID>.eml` there
/// (checked as the responses stream by, not kept).
async fn learn_sizes(
    imap: &mut Imap<BoxIo>,
    prefix: &str,
    set: &str,
    existing_in: Option<&std::path::Path>,
) -> Result<HashMap<u64, u64>, Failure> {
    let mut sizes = HashMap::new();
    let mut existing = None;
    let cmd = Outgoing::plain(format!("{prefix}FETCH {set} (UID RFC822.SIZE)"));
    let st = imap
        .run(cmd, u64::MAX, &mut |_, _| None, |r| {
            if let Resp::Numbered { n, kind, data } = r
                && kind == "FETCH"
            {
                let items = fetch_items(&data);
                if let Some(size) = items
                    .iter()
                    .find(|(k, _)| k == "RFC822.SIZE")
                    .and_then(|(_, v)| v.as_num())
                {
                    sizes.insert(n, size);
                }
                if let Some(dir) = existing_in
                    && existing.is_none()
                    && let Some(u) = items
                        .iter()
                        .find(|(k, _)| k == "UID")
                        .and_then(|(_, v)| v.as_num())
                {
                    let p = dir.join(format!("{u}.eml"));
                    if p.symlink_metadata().is_ok() {
                        existing = Some(p);
                    }
                }
            }
            Ok(())
        })
        .await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("FETCH", &st));
    }
    if let Some(p) = existing {
        return Err(Failure::usage(format!(
            "{} exists; use --force to overwrite",
            p.display()
        )));
    }
    Ok(sizes)
}

/// Run a FETCH whose BODY literals are streamed: each into its own file in `dir` (renamed to
/// `<UID>.eml` once the response is complete and synced), or all into `single`.
/// Returns each message's [`Fetched`] (`file` empty with `single`).
async fn stream_fetch(
    imap: &mut Imap<BoxIo>,
    cmd: String,
    dir: &std::path::Path,
    force: bool,
    single: Option<Arc<Mutex<Option<DataOut>>>>,
    sizes: HashMap<u64, u64>,
) -> Result<Vec<Fetched>, Failure> {
    type Slot = Arc<Mutex<Option<DataOut>>>;
    let current: Slot = single.clone().unwrap_or_default();
    let err: Arc<Mutex<Option<Failure>>> = Arc::default();
    struct Sink {
        slot: Slot,
    }
    impl LiteralSink for Sink {
        fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
            match self.slot.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
                Some(out) => out.write(bytes),
                None => Ok(()),
            }
        }
    }
    let dir_owned = dir.to_path_buf();
    let per_message = single.is_none();
    let (cur2, err2) = (current.clone(), err.clone());
    let mut choose = move |prefix: &[u8], size: u64| -> Option<Box<dyn LiteralSink + Send>> {
        let item = item_before_literal(prefix);
        if !item.starts_with("BODY[") {
            return None;
        }
        let seq = seq_of(prefix);
        // The size learned before (`learn_sizes`), else one sent ahead of this literal.
        let known = seq
            .and_then(|n| sizes.get(&n).copied())
            .or_else(|| size_before_literal(prefix));
        let refuse = match known {
            // RFC 9051 §7.5.2: RFC822.SIZE is the message's exact size, and BODY[] is the
            // message (a section is part of it). A literal far beyond it is not a counting
            // difference: refuse to store it.
            Some(known) if size > retrieval_bound(known) => Some(format!(
                "server announced a {size}-byte literal for a message whose RFC822.SIZE is {known} (at most {} accepted); nothing of it was kept",
                retrieval_bound(known)
            )),
            // RFC 9051 §6.4.5: a FETCH response carries the items asked for. A server that
            // never said how big the message is gets no more than an inline literal would.
            None if size > MAX_INLINE_LITERAL => Some(format!(
                "server announced a {size}-byte literal for message {} but never sent its RFC822.SIZE (at most {MAX_INLINE_LITERAL} accepted without it); nothing of it was kept",
                seq.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
            )),
            _ => None,
        };
        if let Some(msg) = refuse {
            let f = Failure::new(Phase::Command, Kind::Protocol, msg);
            return Some(Box::new(move |_: &[u8]| Err(f.clone())));
        }
        if per_message {
            let seq = seq.unwrap_or(0);
            match DataOut::file_in(&dir_owned, &format!("fetch-{seq}.eml"), force) {
                Ok(o) => *cur2.lock().unwrap_or_else(|e| e.into_inner()) = Some(o),
                Err(f) => {
                    *err2.lock().unwrap_or_else(|e| e.into_inner()) = Some(f);
                    return None;
                }
            }
        }
        Some(Box::new(Sink { slot: cur2.clone() }))
    };
    let chooser: &mut Chooser<'_> = &mut choose;
    let ctx = imap.wire.ctx().clone();
    let mut files = Vec::new();
    let mut failure: Option<Failure> = None;
    let res = imap
        .run(Outgoing::plain(cmd), 0, chooser, |r| {
            if let Some(f) = err.lock().unwrap_or_else(|e| e.into_inner()).take() {
                return Err(f);
            }
            if let Resp::Numbered { n, kind, data } = r
                && kind == "FETCH"
            {
                let items = fetch_items(&data);
                let uid = items
                    .iter()
                    .find(|(k, _)| k == "UID")
                    .and_then(|(_, v)| v.as_num());
                let Some((_, body)) = items.iter().find(|(k, _)| k.starts_with("BODY[")) else {
                    return Ok(());
                };
                let size = match body {
                    Tok::Streamed(s) => *s,
                    Tok::Nil => 0,
                    other => other.bytes().map(|b| b.len() as u64).unwrap_or(0),
                };
                if let Some(announced) = items
                    .iter()
                    .find(|(k, _)| k == "RFC822.SIZE")
                    .and_then(|(_, v)| v.as_num())
                    && per_message
                    && announced != size
                {
                    // RFC 9051 §7.5.2 calls RFC822.SIZE exact; a different count is a server
                    // deviation worth knowing about (the bytes written are what arrived).
                    ctx.warn(format!(
                        "message {n}: RFC822.SIZE announced {announced} octets, BODY[] has {size}"
                    ));
                }
                if per_message {
                    let streamed = current.lock().unwrap_or_else(|e| e.into_inner()).take();
                    let out = match (streamed, body) {
                        (Some(out), _) => out,
                        // The body came inline (a quoted string, an empty literal, NIL):
                        // write it through the same temp-file-and-rename path.
                        (None, inline) => {
                            let mut out = DataOut::file_in(dir, &format!("fetch-{n}.eml"), force)?;
                            out.write(inline.bytes().unwrap_or_default())?;
                            out
                        }
                    };
                    let name = match uid {
                        Some(u) => format!("{u}.eml"),
                        None => format!("seq-{n}.eml"),
                    };
                    let dest = dir.join(&name);
                    match out.commit_to(&dest) {
                        Ok(p) => files.push(Fetched {
                            uid,
                            size,
                            file: p.display().to_string(),
                        }),
                        Err(f) => failure = Some(f),
                    }
                    if let Some(f) = failure.take() {
                        return Err(f);
                    }
                } else {
                    if let Tok::Str(b) = body
                        && let Some(out) =
                            current.lock().unwrap_or_else(|e| e.into_inner()).as_mut()
                    {
                        // A small part came inline, not streamed: write it now.
                        out.write(b)?;
                    }
                    files.push(Fetched {
                        uid,
                        size,
                        file: String::new(),
                    });
                }
            }
            Ok(())
        })
        .await;
    if per_message && let Some(out) = current.lock().unwrap_or_else(|e| e.into_inner()).take() {
        // A message cut off mid-literal: remove its partial file.
        out.abort();
    }
    let st = res?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("FETCH", &st));
    }
    if files.is_empty() {
        // The server said OK but sent no message: the set matched nothing (e.g. an unknown UID).
        return Err(
            Failure::new(Phase::Command, Kind::Rejected, "no message matched the set")
                .with_reply(st.display()),
        );
    }
    Ok(files)
}

/// The sequence number of a `* N FETCH` response prefix.
fn seq_of(prefix: &[u8]) -> Option<u64> {
    let s = std::str::from_utf8(prefix.get(2..)?.split(|&b| b == b' ').next()?).ok()?;
    s.parse().ok()
}

/// `RFC822.SIZE n` sent before the literal at the end of `prefix`, if any (servers usually send
/// the items in the order asked: `UID RFC822.SIZE BODY[]`).
fn size_before_literal(prefix: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(prefix).to_ascii_uppercase();
    let at = text.rfind("RFC822.SIZE ")? + "RFC822.SIZE ".len();
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The item name right before a literal at the end of `prefix`: `... BODY[1.2] {N}\r\n` → `BODY[1.2]`.
fn item_before_literal(prefix: &[u8]) -> String {
    let text = String::from_utf8_lossy(prefix);
    let before = text
        .trim_end()
        .rsplit_once('{')
        .map(|(a, _)| a)
        .unwrap_or("")
        .trim_end();
    before
        .rsplit([' ', '('])
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

/// Longest date, from or subject kept for a `--headers` row, in characters: RFC 5322 §2.1.1's
/// line limit. A longer one is cut with `…`: a server sending megabytes of Subject per message
/// would otherwise cost several times that per row (the table, the JSON, the escaped text).
pub(crate) const MAX_HEADER_FIELD: usize = 998;

pub(crate) fn cap_field(s: String) -> String {
    match s.char_indices().nth(MAX_HEADER_FIELD) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

/// Date (RFC 3339 when it parses), the Date field as sent (unfolded), From and Subject, each
/// cut at [`MAX_HEADER_FIELD`].
fn header_fields(raw: &[u8]) -> (String, Option<String>, String, String) {
    let (date, date_header, from, subject) = header_fields_uncapped(raw);
    (
        cap_field(date),
        date_header.map(cap_field),
        cap_field(from),
        cap_field(subject),
    )
}

fn header_fields_uncapped(raw: &[u8]) -> (String, Option<String>, String, String) {
    let msg = mail_parser::MessageParser::default().parse_headers(raw);
    let Some(m) = msg else {
        return (String::new(), None, String::new(), String::new());
    };
    // A Date that is not RFC 5322 §3.3 (pymap's demo mail carries the IMAP internal-date form
    // `01-Jan-1970 01:01:00 +0000`) must not become an empty column: the table shows it as sent.
    let date_header = m.header_raw("Date").map(|d| {
        d.split(['\r', '\n'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let date = m.date().map(|d| d.to_rfc3339()).unwrap_or_default();
    let from = m
        .from()
        .and_then(|a| a.first())
        .map(|a| match (&a.name, &a.address) {
            (Some(n), Some(ad)) => format!("{n} <{ad}>"),
            (None, Some(ad)) => ad.to_string(),
            (Some(n), None) => n.to_string(),
            (None, None) => String::new(),
        })
        .unwrap_or_default();
    let subject = m.subject().unwrap_or_default().to_string();
    (date, date_header, from, subject)
}
