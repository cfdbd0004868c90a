//! `mailctl imap …`: greet, STARTTLS, log in, run one read-only command (EXAMINE unless asked
//! otherwise; nothing is ever expunged), LOGOUT.

use super::connect;
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, escape_bytes};
use crate::outfile::data::DataOut;
use crate::plan::{FetchMode, ImapAction, ImapPlan};
use crate::proto::imap::client::{Chooser, quote};
use crate::proto::imap::frame::{LiteralSink, MAX_INLINE_LITERAL};
use crate::proto::imap::parse::{Cond, Resp, Tok, fetch_items};
use crate::proto::imap::{Imap, mutf7};
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::{Session, retrieval_bound};
use crate::report::Report;
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Limit, Outgoing};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn name(a: &ImapAction) -> &'static str {
    match a {
        ImapAction::Capability => "capability",
        ImapAction::List { .. } => "list",
        ImapAction::Select { .. } => "select",
        ImapAction::Search { .. } => "search",
        ImapAction::Fetch { .. } => "fetch",
        ImapAction::Idle { .. } => "idle",
        ImapAction::Raw { .. } => "raw",
    }
}

pub async fn run(plan: &ImapPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("imap {}", name(&plan.action)));
    // Where the data goes is settled before connecting: a file that exists (without --force) or
    // a directory we cannot write to is the user's to fix, and no server time is spent on it.
    // IDLE ends on Ctrl-C by itself, with DONE and LOGOUT; everything else is cut short.
    let idle = matches!(plan.action, ImapAction::Idle { .. });
    let mut sig = (!idle).then(super::Interrupts::install);
    let mut output = match prepare_output(&plan.action) {
        Ok(o) => o,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let start = connect::start(&plan.connect, &ctx);
    let started = match sig.as_mut() {
        Some(sig) => super::interruptible(sig, Phase::Connect, start).await,
        None => start.await,
    };
    let (tls, conn) = match started {
        Ok(x) => x,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    report.server = Some(conn.addr.clone());
    let host = conn.host.clone();
    let mut imap = Imap::new(conn.into_wire(ctx.clone(), plan.connect.timeout));
    let work = session(
        &mut imap,
        plan,
        &host,
        tls.as_ref(),
        &mut report,
        &mut output,
    );
    let res = match sig.as_mut() {
        Some(sig) => super::interruptible(sig, Phase::Command, work).await,
        None => work.await,
    };
    drop(output);
    let res = res.map_err(|mut f| {
        if f.kind == Kind::Interrupted {
            f.phase = imap.wire.phase();
        }
        f
    });
    let res = imap.end_if_failed(res).await;
    report.finish(res.err(), &ctx)
}

/// `fetch --part -o FILE`: the output file, opened now. `fetch --full DIR`: the directory,
/// created and checked to take new files now.
fn prepare_output(action: &ImapAction) -> Result<Option<DataOut>, Failure> {
    let ImapAction::Fetch { mode, force, .. } = action else {
        return Ok(None);
    };
    match mode {
        FetchMode::Part {
            output: Some(p), ..
        } => DataOut::file(p, *force).map(Some),
        FetchMode::Full { dir } => {
            crate::outfile::create_dir(dir)?;
            crate::outfile::check_dir_writable(dir)?;
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// A mailbox name for the wire: modified UTF-7, quoted.
fn mbox(name: &str) -> String {
    quote(&mutf7::encode(name))
}

/// After the greeting: STARTTLS when asked, else CAPABILITY when the greeting did not list them.
pub(crate) async fn starttls_or_capability(
    imap: &mut Imap<BoxIo>,
    greeting: Cond,
    starttls: bool,
    tls: Option<&TlsClient>,
    host: &str,
) -> Result<(), Failure> {
    if starttls {
        if greeting == Cond::Preauth {
            // RFC 9051 §6.2.1: STARTTLS is only valid in the not-authenticated state.
            // A capability mismatch: the session is ended with LOGOUT (see proto::in_step).
            return Err(Failure::new(
                Phase::Capability,
                Kind::Capability,
                "server greeted with PREAUTH: STARTTLS is impossible, refusing to continue in plaintext",
            ));
        }
        imap.starttls(TlsClient::required(tls)?, host).await
    } else if imap.caps.is_empty() {
        imap.wire.set_phase(Phase::Capa);
        imap.capability().await
    } else {
        Ok(())
    }
}

/// Log in, unless the server greeted with PREAUTH (RFC 9051 §7.1.4: already authenticated).
/// Returns whether a login was done.
pub(crate) async fn login_unless_preauth(
    imap: &mut Imap<BoxIo>,
    greeting: Cond,
    creds: &Credentials,
    sasl: Option<Option<Mechanism>>,
) -> Result<bool, Failure> {
    if greeting == Cond::Preauth {
        imap.wire
            .ctx()
            .info("server greeted with PREAUTH: already logged in");
        return Ok(false);
    }
    imap.login(creds, sasl).await?;
    Ok(true)
}

async fn session(
    imap: &mut Imap<BoxIo>,
    plan: &ImapPlan,
    host: &str,
    tls: Option<&TlsClient>,
    report: &mut Report,
    output: &mut Option<DataOut>,
) -> Result<(), Failure> {
    let greeting = imap.greeting().await?;
    starttls_or_capability(imap, greeting, plan.connect.starttls, tls, host).await?;
    let caps_before = imap.caps.clone();
    if let Some(creds) = &plan.creds {
        login_unless_preauth(imap, greeting, creds, plan.sasl).await?;
    }
    imap.wire.set_phase(Phase::Command);
    match &plan.action {
        ImapAction::Capability => {
            report.detail = Some(format!("{} capabilities", imap.caps.len()));
            report.table = Some((
                vec!["CAPABILITY".into()],
                imap.caps.iter().map(|c| vec![c.clone()]).collect(),
            ));
            report.data.insert("capabilities".into(), json!(imap.caps));
            report
                .data
                .insert("capabilities_before_login".into(), json!(caps_before));
        }
        ImapAction::List {
            reference,
            pattern,
            status,
        } => list(imap, reference, pattern, *status, report).await?,
        ImapAction::Select { mailbox } => {
            let info = examine(imap, mailbox, false).await?;
            report.detail = Some(format!(
                "{mailbox}: {} messages",
                info.get("exists").and_then(Value::as_u64).unwrap_or(0)
            ));
            report.table = Some((
                vec!["KEY".into(), "VALUE".into()],
                info.iter()
                    .map(|(k, v)| {
                        vec![
                            k.clone(),
                            v.as_str()
                                .map(String::from)
                                .unwrap_or_else(|| v.to_string()),
                        ]
                    })
                    .collect(),
            ));
            report.data.insert("mailbox".into(), json!(mailbox));
            report.data.insert("info".into(), Value::Object(info));
        }
        ImapAction::Search {
            mailbox,
            criteria,
            uid,
        } => {
            examine(imap, mailbox, false).await?;
            imap.wire.set_phase(Phase::Command);
            let cmd = format!("{}SEARCH {criteria}", if *uid { "UID " } else { "" });
            let (st, got) = imap.simple(&cmd).await?;
            if st.cond != Cond::Ok {
                return Err(imap.rejected("SEARCH", &st));
            }
            let nums = search_results(&got);
            report.detail = Some(format!("{} match(es) in {mailbox}", nums.len()));
            let col = if *uid { "UID" } else { "MSG" };
            report.table = Some((
                vec![col.into()],
                nums.iter().map(|n| vec![n.to_string()]).collect(),
            ));
            report.data.insert("matches".into(), json!(nums));
            report.data.insert("uid".into(), json!(uid));
        }
        ImapAction::Fetch {
            mailbox,
            set,
            mode,
            force,
            uid,
            mark_seen,
        } => {
            examine(imap, mailbox, *mark_seen).await?;
            imap.wire.set_phase(Phase::Command);
            fetch(
                imap,
                set,
                mode,
                *force,
                *uid,
                *mark_seen,
                output.take(),
                report,
            )
            .await?;
        }
        ImapAction::Idle { mailbox, duration } => {
            examine(imap, mailbox, false).await?;
            imap.wire.set_phase(Phase::Command);
            idle(imap, *duration, report).await?;
        }
        ImapAction::Raw { command } => {
            let (st, got) = imap.simple(command).await?;
            report.data.insert("untagged".into(), json!(got.len()));
            report.data.insert("status".into(), json!(st.display()));
            if st.cond != Cond::Ok {
                return Err(imap.rejected("command", &st));
            }
            report.detail = Some(st.display());
        }
    }
    imap.logout().await;
    Ok(())
}

/// The numbers (or UIDs) in the untagged SEARCH responses (RFC 3501 §7.2.5).
pub(crate) fn search_results(resps: &[Resp]) -> Vec<u64> {
    resps
        .iter()
        .filter_map(|r| match r {
            Resp::Data { kind, data } if kind == "SEARCH" => {
                Some(data.iter().filter_map(Tok::as_num).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect()
}

/// EXAMINE (read-only) or, when messages must be marked \Seen, SELECT. Returns what the server
/// reported about the mailbox.
pub(crate) async fn examine(
    imap: &mut Imap<BoxIo>,
    mailbox: &str,
    write: bool,
) -> Result<serde_json::Map<String, Value>, Failure> {
    imap.wire.set_phase(Phase::Select);
    let verb = if write { "SELECT" } else { "EXAMINE" };
    let (st, got) = imap.simple(&format!("{verb} {}", mbox(mailbox))).await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected(&format!("{verb} {mailbox}"), &st));
    }
    let mut info = serde_json::Map::new();
    for r in got {
        match r {
            Resp::Numbered { n, kind, .. } if kind == "EXISTS" || kind == "RECENT" => {
                info.insert(kind.to_ascii_lowercase(), json!(n));
            }
            Resp::Data { kind, data } if kind == "FLAGS" => {
                let flags: Vec<String> = data
                    .first()
                    .and_then(Tok::list)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(Tok::text)
                    .collect();
                info.insert("flags".into(), json!(flags.join(" ")));
            }
            Resp::Status(s) if s.cond == Cond::Ok => {
                if let Some(code) = s.code {
                    let (k, v) = code.split_once(' ').unwrap_or((&code, ""));
                    let key = k.to_ascii_lowercase();
                    if ["uidvalidity", "uidnext", "unseen", "highestmodseq"].contains(&key.as_str())
                    {
                        info.insert(key, v.parse::<u64>().map(|n| json!(n)).unwrap_or(json!(v)));
                    } else if key == "permanentflags" {
                        info.insert(key, json!(v.trim_matches(|c| c == '(' || c == ')')));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(code) = &st.code {
        let access = code.to_ascii_lowercase();
        // RFC 3501 §6.3.2 / RFC 9051 §6.3.3: EXAMINE's tagged OK MUST carry [READ-ONLY]. A
        // server saying READ-WRITE is tolerated: in examine paths mailctl sends nothing that
        // modifies the mailbox (FETCH uses BODY.PEEK, no STORE, no EXPUNGE), so it stays safe.
        if !write && access == "read-write" {
            imap.wire.ctx().warn(format!(
                "server answered EXAMINE {mailbox} with [READ-WRITE] (RFC 3501 §6.3.2 requires [READ-ONLY]); continuing: mailctl sends nothing that changes the mailbox here"
            ));
        }
        if write && access == "read-only" {
            imap.wire.ctx().warn(format!(
                "server opened {mailbox} [READ-ONLY] for SELECT: flags cannot be changed in this session"
            ));
        }
        info.insert("access".into(), json!(access));
    }
    Ok(info)
}

async fn list(
    imap: &mut Imap<BoxIo>,
    reference: &str,
    pattern: &str,
    status: bool,
    report: &mut Report,
) -> Result<(), Failure> {
    let (st, got) = imap
        .simple(&format!("LIST {} {}", mbox(reference), mbox(pattern)))
        .await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("LIST", &st));
    }
    let mut boxes = Vec::new();
    for r in got {
        if let Resp::Data { kind, data } = r
            && kind == "LIST"
            && data.len() >= 3
        {
            let flags: Vec<String> = data[0]
                .list()
                .unwrap_or(&[])
                .iter()
                .filter_map(Tok::text)
                .collect();
            let delim = data[1].text().unwrap_or_default();
            let raw = data[2]
                .bytes()
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .or_else(|| data[2].text())
                .unwrap_or_default();
            boxes.push((raw, delim, flags));
        }
    }
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for (raw, delim, flags) in &boxes {
        let name = mutf7::display(raw);
        let selectable = !flags.iter().any(|f| {
            f.eq_ignore_ascii_case("\\Noselect") || f.eq_ignore_ascii_case("\\NonExistent")
        });
        let mut st_json = Value::Null;
        let mut cells = vec![escape_bytes(name.as_bytes()), flags.join(" ")];
        if status {
            if selectable {
                imap.wire.set_phase(Phase::Select);
                let (s, got) = imap
                    .simple(&format!(
                        "STATUS {} (MESSAGES UNSEEN RECENT UIDNEXT UIDVALIDITY)",
                        quote(raw)
                    ))
                    .await?;
                let mut m = serde_json::Map::new();
                if s.cond == Cond::Ok {
                    for r in got {
                        if let Resp::Data { kind, data } = r
                            && kind == "STATUS"
                            && let Some(kv) = data.get(1).and_then(Tok::list)
                        {
                            for pair in kv.chunks(2) {
                                if let [Tok::Atom(k), v] = pair {
                                    m.insert(k.to_ascii_lowercase(), json!(v.as_num()));
                                }
                            }
                        }
                    }
                } else {
                    m.insert("error".into(), json!(s.display()));
                    imap.wire
                        .ctx()
                        .warn(format!("STATUS {name}: {}", s.display()));
                }
                for k in ["messages", "unseen", "recent", "uidnext", "uidvalidity"] {
                    cells.push(
                        m.get(k)
                            .and_then(Value::as_u64)
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| "-".into()),
                    );
                }
                st_json = Value::Object(m);
            } else {
                cells.extend(std::iter::repeat_n("-".to_string(), 5));
            }
        }
        rows.push(cells);
        items.push(json!({"name": name, "raw_name": raw, "delimiter": delim, "flags": flags, "status": st_json}));
    }
    imap.wire.set_phase(Phase::Command);
    let mut cols = vec!["MAILBOX".to_string(), "FLAGS".to_string()];
    if status {
        cols.extend(["MESSAGES", "UNSEEN", "RECENT", "UIDNEXT", "UIDVALIDITY"].map(String::from));
    }
    report.detail = Some(format!("{} mailbox(es)", items.len()));
    report.table = Some((cols, rows));
    report.data.insert("mailboxes".into(), json!(items));
    Ok(())
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
pub const MAX_HEADER_FIELD: usize = 998;

fn cap_field(s: String) -> String {
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

#[allow(clippy::too_many_arguments)]
async fn fetch(
    imap: &mut Imap<BoxIo>,
    set: &str,
    mode: &FetchMode,
    force: bool,
    uid: bool,
    mark_seen: bool,
    prepared: Option<DataOut>,
    report: &mut Report,
) -> Result<(), Failure> {
    let peek = if mark_seen { "BODY" } else { "BODY.PEEK" };
    let prefix = if uid { "UID " } else { "" };
    match mode {
        FetchMode::Headers => {
            let cmd = format!(
                "{prefix}FETCH {set} (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])"
            );
            // Each response is reduced to its row as it arrives (the raw header is dropped at
            // once), and rows are moved, not copied, into the table and the JSON: a 10,000
            // message listing stays a few MB.
            let mut table: Vec<Vec<String>> = Vec::new();
            let mut items: Vec<Value> = Vec::new();
            let st = imap
                .run(Outgoing::plain(cmd), u64::MAX, &mut |_, _| None, |r| {
                    if let Resp::Numbered { n, kind, data } = r
                        && kind == "FETCH"
                    {
                        let (mut uid, mut size, mut flags, mut header) =
                            (None, None, Vec::new(), None);
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
                            let shown_date = match (&date_header, date.is_empty()) {
                                (Some(d), true) => escape_bytes(d.as_bytes()),
                                _ => date.clone(),
                            };
                            table.push(vec![
                                uid.map(|u| u.to_string()).unwrap_or_else(|| "-".into()),
                                shown_date,
                                escape_bytes(from.as_bytes()),
                                escape_bytes(subject.as_bytes()),
                                size.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                                flags.join(" "),
                            ]);
                            // Sized up front: json! inserts one by one, and an 8th key doubles
                            // the map's tables (~1 KB a row, 10 MB for a 10,000-message listing).
                            let mut row = serde_json::Map::with_capacity(8);
                            row.insert("seq".into(), json!(n));
                            row.insert("uid".into(), json!(uid));
                            row.insert("date".into(), Value::String(date));
                            row.insert("date_header".into(), json!(date_header));
                            row.insert("from".into(), Value::String(from));
                            row.insert("subject".into(), Value::String(subject));
                            row.insert("size".into(), json!(size));
                            row.insert("flags".into(), json!(flags));
                            items.push(Value::Object(row));
                        }
                    }
                    Ok(())
                })
                .await?;
            if st.cond != Cond::Ok {
                return Err(imap.rejected("FETCH", &st));
            }
            report.detail = Some(format!("{} message(s)", items.len()));
            report.table = Some((
                ["UID", "DATE", "FROM", "SUBJECT", "SIZE", "FLAGS"]
                    .map(String::from)
                    .to_vec(),
                table,
            ));
            report.data.insert("messages".into(), Value::Array(items));
        }
        FetchMode::Full { dir } => {
            // Learned first (see `learn_sizes`): an existing <UID>.eml stops us before anything
            // is fetched, and every BODY[] literal is bounded by its message's RFC822.SIZE.
            let sizes = learn_sizes(imap, prefix, set, (!force).then_some(dir.as_path())).await?;
            let cmd = format!("{prefix}FETCH {set} (UID RFC822.SIZE {peek}[])");
            let files = stream_fetch(imap, cmd, dir, force, None, sizes).await?;
            report.detail = Some(format!(
                "{} message(s) written to {}",
                files.len(),
                dir.display()
            ));
            report.table = Some((
                vec!["UID".into(), "SIZE".into(), "FILE".into()],
                files
                    .iter()
                    .map(|f| {
                        vec![
                            f.0.map(|u| u.to_string()).unwrap_or_default(),
                            f.1.to_string(),
                            f.2.clone(),
                        ]
                    })
                    .collect(),
            ));
            report.data.insert(
                "messages".into(),
                json!(
                    files
                        .iter()
                        .map(|f| json!({"uid": f.0, "size": f.1, "file": f.2}))
                        .collect::<Vec<_>>()
                ),
            );
        }
        FetchMode::Part { section, output } => {
            // A section is a piece of its message (RFC 9051 §6.4.5 BODY[<section>]), so the
            // message's RFC822.SIZE bounds its literal too.
            let sizes = learn_sizes(imap, prefix, set, None).await?;
            let cmd = format!("{prefix}FETCH {set} (UID {peek}[{section}])");
            let out = match (output, prepared) {
                (_, Some(o)) => o,
                (Some(p), None) => DataOut::file(p, force)?,
                (None, None) => DataOut::stdout(),
            };
            let shared = Arc::new(Mutex::new(Some(out)));
            let files = stream_fetch(
                imap,
                cmd,
                std::path::Path::new(""),
                force,
                Some(shared.clone()),
                sizes,
            )
            .await;
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
            let total: u64 = files.iter().map(|f| f.1).sum();
            report.detail = Some(format!(
                "{} part(s), {total} bytes{}",
                files.len(),
                written
                    .as_ref()
                    .map(|w| format!(" written to {}", w.display()))
                    .unwrap_or_default()
            ));
            report.data.insert(
                "parts".into(),
                json!(
                    files
                        .iter()
                        .map(|f| json!({"uid": f.0, "size": f.1}))
                        .collect::<Vec<_>>()
                ),
            );
            report.data.insert(
                "output".into(),
                json!(written.map(|w| w.display().to_string())),
            );
        }
    }
    Ok(())
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
/// Returns (uid, size, file) per message.
async fn stream_fetch(
    imap: &mut Imap<BoxIo>,
    cmd: String,
    dir: &std::path::Path,
    force: bool,
    single: Option<Arc<Mutex<Option<DataOut>>>>,
    sizes: HashMap<u64, u64>,
) -> Result<Vec<(Option<u64>, u64, String)>, Failure> {
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
                        Ok(p) => files.push((uid, size, p.display().to_string())),
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
                    files.push((uid, size, String::new()));
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

/// IDLE (RFC 2177): print what the server reports until --for elapses or Ctrl-C, re-issuing IDLE
/// every 29 minutes as the RFC asks.
async fn idle(
    imap: &mut Imap<BoxIo>,
    duration: Option<Duration>,
    report: &mut Report,
) -> Result<(), Failure> {
    if !imap.has_cap("IDLE") {
        return Err(Failure::new(
            Phase::Command,
            Kind::Rejected,
            "server does not offer IDLE (RFC 2177)",
        ));
    }
    let end = duration.map(|d| tokio::time::Instant::now() + d);
    let normal_timeout = imap.wire.timeout();
    // IDLE is meant to run long: --max-time bounded the setup (connect, login, select); the wait
    // is bounded by --for or Ctrl-C, and every reply in it still by --timeout.
    imap.wire.set_limit(Limit::none());
    let mut events = IdleEvents::default();
    let mut interrupted = false;
    loop {
        let cycle_end = {
            let cap = tokio::time::Instant::now() + Duration::from_secs(29 * 60);
            end.map_or(cap, |e| e.min(cap))
        };
        let (tag, first) = {
            let tag_cmd = Outgoing::plain("IDLE");
            // Send IDLE and wait for the continuation; untagged data may come first.
            imap.start_idle(tag_cmd).await?
        };
        for r in first {
            events.push(idle_event(imap, &r));
        }
        imap.wire.set_timeout(Duration::from_secs(31 * 60));
        let mut keep_inline = |_: &[u8], _: u64| -> Option<Box<dyn LiteralSink + Send>> { None };
        loop {
            // Checked here too, not only as a select! branch: a server that streams without
            // pause keeps the read branch ready, and the timer branch was then never taken
            // (1 MB `* OK` lines held `--for 2s` for good).
            if tokio::time::Instant::now() >= cycle_end {
                break;
            }
            let ev = tokio::select! {
                r = imap.read(u64::MAX, &mut keep_inline) => Some(r?),
                _ = tokio::time::sleep_until(cycle_end) => None,
                _ = tokio::signal::ctrl_c() => { interrupted = true; None }
            };
            match ev {
                Some(Resp::Status(s)) if s.cond == Cond::Bye => {
                    imap.wire.set_timeout(normal_timeout);
                    return Err(imap
                        .wire
                        .fail(Kind::Closed, "server ended IDLE with BYE")
                        .with_reply(s.display()));
                }
                Some(Resp::Tagged { status, .. }) => {
                    imap.wire.set_timeout(normal_timeout);
                    return Err(imap.rejected("IDLE", &status));
                }
                Some(r) => events.push(idle_event(imap, &r)),
                None => break,
            }
        }
        imap.wire.set_timeout(normal_timeout);
        let (st, late) = imap.done_idle(&tag).await?;
        for r in late {
            events.push(idle_event(imap, &r));
        }
        if st.cond != Cond::Ok {
            return Err(imap.rejected("IDLE", &st));
        }
        if interrupted || end.is_some_and(|e| tokio::time::Instant::now() >= e) {
            break;
        }
    }
    report.detail = Some(format!(
        "{} event(s) while idling{}{}",
        events.total,
        if events.total > events.kept.len() as u64 {
            format!(" (the first {} kept)", events.kept.len())
        } else {
            String::new()
        },
        if interrupted { " (interrupted)" } else { "" }
    ));
    report.table = Some((
        vec!["EVENT".into()],
        events.kept.iter().map(|e| vec![e.clone()]).collect(),
    ));
    report
        .data
        .insert("events_total".into(), json!(events.total));
    report.data.insert("events".into(), json!(events.kept));
    Ok(())
}

/// Most IDLE events kept for the summary table and JSON (each is also shown as it arrives).
/// IDLE may run for days, and a server may report without pause: without a bound every event
/// of the run stays in memory until the end.
pub const MAX_IDLE_EVENTS: usize = 100_000;

/// The IDLE events of a run: all counted, the first [`MAX_IDLE_EVENTS`] kept, each cut like a
/// header field (an `* OK` text may be megabytes).
#[derive(Default)]
struct IdleEvents {
    kept: Vec<String>,
    total: u64,
}

impl IdleEvents {
    fn push(&mut self, text: String) {
        self.total += 1;
        if self.kept.len() < MAX_IDLE_EVENTS {
            self.kept.push(cap_field(text));
        }
    }
}

fn idle_event(imap: &Imap<BoxIo>, r: &Resp) -> String {
    let text = match r {
        Resp::Numbered { n, kind, .. } => match kind.as_str() {
            "EXISTS" => format!("{n} EXISTS (mailbox now has {n} messages)"),
            "EXPUNGE" => format!("{n} EXPUNGE (message {n} removed)"),
            "RECENT" => format!("{n} RECENT"),
            "FETCH" => format!("{n} FETCH (flags changed)"),
            other => format!("{n} {other}"),
        },
        Resp::Status(s) => s.display(),
        Resp::Data { kind, .. } => kind.clone(),
        other => format!("{other:?}"),
    };
    imap.wire.ctx().info(format!("idle: {text}"));
    text
}
