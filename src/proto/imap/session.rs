//! The `imap …` dialogue's steps (RFC 9051, RFC 3501): STARTTLS or CAPABILITY after the
//! greeting, login unless PREAUTH, EXAMINE/SELECT, LIST with STATUS, SEARCH, a raw command and
//! IDLE (RFC 2177); FETCH is in [`super::fetch`]. Nothing here prints: the wire's events carry
//! the dialogue, and each step returns what it learned. `check` runs the same opening steps.

use super::Imap;
use super::client::quote;
use super::frame::LiteralSink;
use super::mutf7;
use super::parse::{Cond, Resp, StatusResp, Tok};
use crate::error::{Failure, Kind, Phase};
use crate::proto::sasl::{Credentials, Mechanism};
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Limit, Outgoing};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::Duration;

/// A mailbox name for the wire: modified UTF-7, quoted.
pub(crate) fn mbox(name: &str) -> String {
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

/// One mailbox of a LIST answer (RFC 9051 §7.3.1), with its STATUS when asked.
#[derive(Debug, Serialize)]
pub(crate) struct Listed {
    /// The name for people (modified UTF-7 decoded, RFC 9051 §5.1.3).
    pub name: String,
    /// The name as sent.
    pub raw_name: String,
    pub delimiter: String,
    pub flags: Vec<String>,
    /// `null` without --status or for a mailbox that cannot be selected.
    pub status: Option<MailboxStatus>,
}

/// A STATUS answer (RFC 9051 §6.3.11): the items as the server sent them (lower-cased, `null`
/// for a value that is not a number), or the refusal.
#[derive(Debug)]
pub(crate) enum MailboxStatus {
    Items(Vec<(String, Option<u64>)>),
    Refused(String),
}

impl MailboxStatus {
    /// The item `key` when it is a number.
    pub(crate) fn get(&self, key: &str) -> Option<u64> {
        match self {
            MailboxStatus::Items(items) => items.iter().find(|(k, _)| k == key).and_then(|x| x.1),
            MailboxStatus::Refused(_) => None,
        }
    }
}

impl Serialize for MailboxStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            MailboxStatus::Items(items) => {
                let mut m = s.serialize_map(Some(items.len()))?;
                for (k, v) in items {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            MailboxStatus::Refused(reply) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("error", reply)?;
                m.end()
            }
        }
    }
}

/// LIST `reference` `pattern` (RFC 9051 §6.3.9), and with `status` a STATUS of each selectable
/// mailbox (a refused one is a warning and an `error` in its row, not a failure).
pub(crate) async fn list(
    imap: &mut Imap<BoxIo>,
    reference: &str,
    pattern: &str,
    status: bool,
) -> Result<Vec<Listed>, Failure> {
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
    let mut listed = Vec::with_capacity(boxes.len());
    for (raw, delimiter, flags) in boxes {
        let name = mutf7::display(&raw);
        let selectable = !flags.iter().any(|f| {
            f.eq_ignore_ascii_case("\\Noselect") || f.eq_ignore_ascii_case("\\NonExistent")
        });
        let status = if status && selectable {
            imap.wire.set_phase(Phase::Select);
            let (s, got) = imap
                .simple(&format!(
                    "STATUS {} (MESSAGES UNSEEN RECENT UIDNEXT UIDVALIDITY)",
                    quote(&raw)
                ))
                .await?;
            if s.cond == Cond::Ok {
                let mut items: Vec<(String, Option<u64>)> = Vec::new();
                for r in got {
                    if let Resp::Data { kind, data } = r
                        && kind == "STATUS"
                        && let Some(kv) = data.get(1).and_then(Tok::list)
                    {
                        for pair in kv.chunks(2) {
                            if let [Tok::Atom(k), v] = pair {
                                // A repeated item keeps its place and takes the last value.
                                let k = k.to_ascii_lowercase();
                                match items.iter_mut().find(|(have, _)| *have == k) {
                                    Some(item) => item.1 = v.as_num(),
                                    None => items.push((k, v.as_num())),
                                }
                            }
                        }
                    }
                }
                Some(MailboxStatus::Items(items))
            } else {
                imap.wire
                    .ctx()
                    .warn(format!("STATUS {name}: {}", s.display()));
                Some(MailboxStatus::Refused(s.display()))
            }
        } else {
            None
        };
        listed.push(Listed {
            name,
            raw_name: raw,
            delimiter,
            flags,
            status,
        });
    }
    imap.wire.set_phase(Phase::Command);
    Ok(listed)
}

/// SEARCH (or UID SEARCH) in the selected mailbox (RFC 9051 §6.4.4): the numbers found.
pub(crate) async fn search(
    imap: &mut Imap<BoxIo>,
    criteria: &str,
    uid: bool,
) -> Result<Vec<u64>, Failure> {
    let cmd = format!("{}SEARCH {criteria}", if uid { "UID " } else { "" });
    let (st, got) = imap.simple(&cmd).await?;
    if st.cond != Cond::Ok {
        return Err(imap.rejected("SEARCH", &st));
    }
    Ok(search_results(&got))
}

/// Any command, as typed: how many untagged responses it drew, and its tagged status.
pub(crate) async fn raw(
    imap: &mut Imap<BoxIo>,
    command: &str,
) -> Result<(usize, StatusResp), Failure> {
    let (st, got) = imap.simple(command).await?;
    Ok((got.len(), st))
}

/// IDLE (RFC 2177): each event the server reports is shown as it arrives (an info event) and
/// kept, until `duration` elapses or Ctrl-C; IDLE is re-issued every 29 minutes as the RFC asks.
pub(crate) async fn idle(
    imap: &mut Imap<BoxIo>,
    duration: Option<Duration>,
) -> Result<Idled, Failure> {
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
    Ok(Idled {
        events,
        interrupted,
    })
}

/// What an IDLE run saw.
#[derive(Debug)]
pub(crate) struct Idled {
    pub events: IdleEvents,
    /// Ended by Ctrl-C rather than --for.
    pub interrupted: bool,
}

/// Most IDLE events kept for the summary table and JSON (each is also shown as it arrives).
/// IDLE may run for days, and a server may report without pause: without a bound every event
/// of the run stays in memory until the end.
pub(crate) const MAX_IDLE_EVENTS: usize = 100_000;

/// The IDLE events of a run: all counted, the first [`MAX_IDLE_EVENTS`] kept, each cut like a
/// header field (an `* OK` text may be megabytes).
#[derive(Debug, Default)]
pub(crate) struct IdleEvents {
    pub kept: Vec<String>,
    pub total: u64,
}

impl IdleEvents {
    fn push(&mut self, text: String) {
        self.total += 1;
        if self.kept.len() < MAX_IDLE_EVENTS {
            self.kept.push(super::fetch::cap_field(text));
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
