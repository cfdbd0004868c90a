//! `mailctl jmap …`: discover the session (RFC 8620 §2.2), then one command's method calls over
//! the same keep-alive HTTP session; downloads streamed to their file, push read as it arrives.

use crate::error::{Failure, Judgement, Kind, Phase, Verdict};
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::outfile::data::DataOut;
use crate::plan::jmap::{Filter, JmapAction, JmapPlan};
use crate::proto::jmap::push::Parser;
use crate::proto::jmap::{self, CORE, MAIL, SUBMISSION, Session, call, expand, response};
use crate::report::Report;
use crate::report::jmap::{
    Account, Capability, EmailRow, JmapResult, Mailbox, Recipient, StateChange,
};
use crate::transport::http::{self, Body, Client, Request};
use hyper::Method;
use hyper::body::Bytes;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// The most state changes a watch keeps for its table (all are counted).
const KEEP_EVENTS: usize = 1000;

/// The most of one kept `changed` value (as JSON text): a real one names a few accounts and
/// types; larger ones are counted but kept as a note, so 1000 kept stay small.
const MAX_CHANGED: usize = 4096;

/// A `changed` value as kept for the table: itself when small, else a note of its size.
fn kept_changed(changed: Value) -> Value {
    let n = changed.to_string().len();
    if n > MAX_CHANGED {
        Value::String(format!("({n} bytes: more than the {MAX_CHANGED} kept)"))
    } else {
        changed
    }
}

/// The most a download may bring (a message larger than any server's limit, far less than
/// disk): bounded like every other read.
const MAX_DOWNLOAD: u64 = 1 << 30;

fn name(a: &JmapAction) -> &'static str {
    match a {
        JmapAction::Capability => "capability",
        JmapAction::List => "list",
        JmapAction::Search { .. } => "search",
        JmapAction::Fetch { .. } | JmapAction::Raw { .. } => "fetch",
        JmapAction::Send { .. } => "send",
        JmapAction::Watch { .. } => "watch",
    }
}

pub(crate) async fn run(plan: &JmapPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new(format!("jmap {}", name(&plan.action)));
    let mut output = match &plan.action {
        JmapAction::Raw {
            output: Some(p),
            force,
            ..
        } => match DataOut::file(p, *force) {
            Ok(o) => Some(o),
            Err(f) => return report.finish(Some(f), &ctx),
        },
        JmapAction::Raw { output: None, .. } => Some(DataOut::stdout()),
        _ => None,
    };
    let mut client = Client::new(plan.http.clone(), plan.auth.clone(), ctx.clone());
    let mut body = None;
    let mut verdict = None;
    let mut sig = crate::run::Interrupts::install();
    // watch ends on Ctrl-C by itself, with what it saw (as imap idle does); everything else is
    // cut short, and a partial download removed.
    let res = if matches!(plan.action, JmapAction::Watch { .. }) {
        session(
            &mut client,
            plan,
            &mut report,
            &mut body,
            &mut verdict,
            &mut output,
            Some(&mut sig),
        )
        .await
    } else {
        let work = session(
            &mut client,
            plan,
            &mut report,
            &mut body,
            &mut verdict,
            &mut output,
            None,
        );
        crate::run::interruptible(&mut sig, Phase::Command, work).await
    };
    let res = match (res, output) {
        (Ok(()), Some(out)) => out.commit(false).map(|_| ()),
        (Err(f), Some(out)) => {
            out.abort();
            Err(f)
        }
        (r, None) => r,
    };
    drop(client);
    if let Some(b) = body {
        report = report.with_body(b);
    }
    match res {
        Ok(()) => report.conclude(Ok(verdict), &ctx),
        Err(f) => report.finish(Some(f), &ctx),
    }
}

async fn session(
    client: &mut Client,
    plan: &JmapPlan,
    report: &mut Report,
    body: &mut Option<JmapResult>,
    verdict: &mut Option<Judgement>,
    output: &mut Option<DataOut>,
    sig: Option<&mut crate::run::Interrupts>,
) -> Result<(), Failure> {
    let s = jmap::discover(client, plan.start.clone()).await?;
    report.server = Some(s.api_url.origin().ascii_serialization());
    match &plan.action {
        JmapAction::Capability => {
            let r = capability(&s);
            if let JmapResult::Capability {
                capabilities,
                accounts,
                ..
            } = &r
            {
                report.detail = Some(format!(
                    "{} capabilities, {} account(s)",
                    capabilities.len(),
                    accounts.len()
                ));
            }
            *body = Some(r);
        }
        JmapAction::List => {
            let account = s.primary_account(MAIL)?;
            let mailboxes = mailboxes(client, &s, &account).await?;
            report.detail = Some(format!("{} mailbox(es)", mailboxes.len()));
            *body = Some(JmapResult::List { mailboxes });
        }
        JmapAction::Search { filter, limit } => {
            let account = s.primary_account(MAIL)?;
            let (ids, total) = query(client, &s, &account, filter, *limit).await?;
            let (messages, _) = emails(client, &s, &account, &ids).await?;
            report.detail = Some(match total {
                Some(t) => format!("{} of {t} email(s)", messages.len()),
                None => format!("{} email(s)", messages.len()),
            });
            *body = Some(JmapResult::Search { total, messages });
        }
        JmapAction::Fetch { ids } => {
            let account = s.primary_account(MAIL)?;
            let (messages, not_found) = emails(client, &s, &account, ids).await?;
            if !not_found.is_empty() {
                client.ctx().warn(format!(
                    "no such email: {}",
                    escape_bytes(not_found.join(", ").as_bytes())
                ));
            }
            report.detail = Some(format!("{} email(s)", messages.len()));
            let none = messages.is_empty();
            *body = Some(JmapResult::Headers {
                messages,
                not_found,
            });
            if none {
                return Err(Failure::new(
                    Phase::Command,
                    Kind::Rejected,
                    "none of the ids is an email of this account",
                ));
            }
        }
        JmapAction::Raw { id, output: o, .. } => {
            let account = s.primary_account(MAIL)?;
            let (messages, _) = emails(client, &s, &account, std::slice::from_ref(id)).await?;
            // Only the row of the asked id: another row's blob must never be saved under its name.
            let m = messages.into_iter().find(|m| m.id == *id).ok_or_else(|| {
                Failure::new(
                    Phase::Command,
                    Kind::Rejected,
                    format!("no email {} in this account", escape_bytes(id.as_bytes())),
                )
            })?;
            let out = output
                .as_mut()
                .ok_or_else(|| Failure::new(Phase::Setup, Kind::Internal, "no output for --raw"))?;
            let size = download(client, &s, &account, &m.blob_id, id, out).await?;
            report.detail = Some(format!(
                "{size} bytes{}",
                o.as_ref()
                    .map(|p| format!(" written to {}", p.display()))
                    .unwrap_or_default()
            ));
            *body = Some(JmapResult::Raw {
                id: id.clone(),
                blob_id: m.blob_id,
                size,
                output: o.as_ref().map(|p| p.display().to_string()),
            });
        }
        JmapAction::Send { from, to, message } => {
            let r = send(client, &s, from, to, message).await?;
            if let JmapResult::Send { recipients, .. } = &r {
                let refused = recipients
                    .iter()
                    .filter(|r| r.delivered.as_deref() == Some("no"))
                    .count();
                report.detail = Some(format!("submitted for {} recipient(s)", recipients.len()));
                if refused == recipients.len() && refused > 0 {
                    *body = Some(r);
                    return Err(Failure::new(
                        Phase::Rcpt,
                        Kind::Rejected,
                        "the server could deliver to none of the recipients",
                    ));
                }
                if refused > 0 {
                    *verdict = Some(Judgement::new(
                        Phase::Rcpt,
                        Verdict::Partial,
                        format!(
                            "{refused} of {} recipient(s) not delivered",
                            recipients.len()
                        ),
                    ));
                }
            }
            *body = Some(r);
        }
        JmapAction::Watch { duration, count } => {
            let mut events = Vec::new();
            let mut total = 0;
            let res = watch(client, &s, *duration, *count, &mut events, &mut total, sig).await;
            report.detail = Some(format!("{total} state change(s)"));
            *body = Some(JmapResult::Watch {
                events_total: total,
                events,
            });
            res?;
        }
    }
    Ok(())
}

fn capability(s: &Session) -> JmapResult {
    let obj = |v: Option<&Value>| v.and_then(Value::as_object).cloned().unwrap_or_default();
    let capabilities = obj(s.raw.get("capabilities"))
        .into_iter()
        .map(|(name, v)| Capability {
            name,
            properties: v.as_object().cloned().unwrap_or_default(),
        })
        .collect();
    let primaries = obj(s.raw.get("primaryAccounts"));
    let accounts = obj(s.raw.get("accounts"))
        .into_iter()
        .map(|(id, a)| Account {
            name: a
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            personal: a
                .get("isPersonal")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            read_only: a
                .get("isReadOnly")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            primary_for: primaries
                .iter()
                .filter(|(_, v)| v.as_str() == Some(id.as_str()))
                .map(|(k, _)| k.clone())
                .collect(),
            capabilities: obj(a.get("accountCapabilities")).keys().cloned().collect(),
            id,
        })
        .collect();
    JmapResult::Capability {
        session_url: s.url.to_string(),
        username: s.username.clone(),
        state: s.state.clone(),
        api_url: s.api_url.to_string(),
        download_url: s.download_url.clone(),
        upload_url: s.upload_url.clone(),
        event_source_url: s.event_source_url.clone(),
        capabilities,
        accounts,
    }
}

fn text(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Mailbox/get of every mailbox (RFC 8621 §2.1), full names built from parentId.
async fn mailboxes(
    client: &mut Client,
    s: &Session,
    account: &str,
) -> Result<Vec<Mailbox>, Failure> {
    let r = call(
        client,
        s,
        &[CORE, MAIL],
        vec![json!(["Mailbox/get", {
            "accountId": account,
            "ids": null,
            "properties": ["id", "name", "parentId", "role", "totalEmails", "unreadEmails",
                           "totalThreads", "unreadThreads"]
        }, "m0"])],
    )
    .await?;
    let args = response(&r, "m0", "Mailbox/get")?;
    let list = args
        .get("list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let by_id: std::collections::HashMap<String, &Value> =
        list.iter().map(|m| (text(m, "id"), m)).collect();
    let full = |m: &Value| {
        let mut parts = vec![text(m, "name")];
        let mut cur = m.get("parentId").and_then(Value::as_str);
        // A parent chain is a tree (§2); a server's loop ends here.
        for _ in 0..32 {
            let Some(p) = cur.and_then(|id| by_id.get(id)) else {
                break;
            };
            parts.push(text(p, "name"));
            cur = p.get("parentId").and_then(Value::as_str);
        }
        parts.reverse();
        parts.join("/")
    };
    let mut out: Vec<Mailbox> = list
        .iter()
        .map(|m| Mailbox {
            id: text(m, "id"),
            name: full(m),
            role: m.get("role").and_then(Value::as_str).map(str::to_string),
            total_emails: m.get("totalEmails").and_then(Value::as_u64),
            unread_emails: m.get("unreadEmails").and_then(Value::as_u64),
            total_threads: m.get("totalThreads").and_then(Value::as_u64),
            unread_threads: m.get("unreadThreads").and_then(Value::as_u64),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Email/query (RFC 8621 §4.4), newest first.
async fn query(
    client: &mut Client,
    s: &Session,
    account: &str,
    f: &Filter,
    limit: u64,
) -> Result<(Vec<String>, Option<u64>), Failure> {
    let mut cond = serde_json::Map::new();
    for (k, v) in [
        ("from", &f.from),
        ("to", &f.to),
        ("subject", &f.subject),
        ("text", &f.text),
        ("before", &f.before),
        ("after", &f.after),
    ] {
        if let Some(v) = v {
            cond.insert(k.into(), json!(v));
        }
    }
    if let Some(m) = &f.in_mailbox {
        let boxes = mailboxes(client, s, account).await?;
        let found = boxes
            .iter()
            .find(|b| b.id == *m)
            .or_else(|| boxes.iter().find(|b| b.name == *m))
            .or_else(|| {
                boxes
                    .iter()
                    .find(|b| b.role.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(m)))
            })
            .ok_or_else(|| {
                Failure::new(
                    Phase::Select,
                    Kind::Rejected,
                    format!(
                        "no mailbox {} (by id, name or role) in this account",
                        escape_bytes(m.as_bytes())
                    ),
                )
            })?;
        cond.insert("inMailbox".into(), json!(found.id));
    }
    let r = call(
        client,
        s,
        &[CORE, MAIL],
        vec![json!(["Email/query", {
            "accountId": account,
            "filter": if cond.is_empty() { Value::Null } else { Value::Object(cond) },
            "sort": [{"property": "receivedAt", "isAscending": false}],
            "limit": limit,
            "calculateTotal": true
        }, "q0"])],
    )
    .await?;
    let args = response(&r, "q0", "Email/query")?;
    let ids: Vec<String> = args
        .get("ids")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    // Never more than asked, whatever the server returned.
    let ids = ids.into_iter().take(limit as usize).collect();
    Ok((ids, args.get("total").and_then(Value::as_u64)))
}

/// Email/get (RFC 8621 §4.2) of `ids`, in batches of maxObjectsInGet.
async fn emails(
    client: &mut Client,
    s: &Session,
    account: &str,
    ids: &[String],
) -> Result<(Vec<EmailRow>, Vec<String>), Failure> {
    // Rows keyed by id: only ids asked for are kept (a server's extra or repeated rows are
    // dropped, so at most one row per asked id), then put in the order asked.
    let mut rows: HashMap<String, EmailRow> = HashMap::new();
    let mut not_found = Vec::new();
    let mut unasked = 0usize;
    for batch in ids.chunks(s.max_objects_in_get()) {
        let asked: HashSet<&str> = batch.iter().map(String::as_str).collect();
        let r = call(
            client,
            s,
            &[CORE, MAIL],
            vec![json!(["Email/get", {
                "accountId": account,
                "ids": batch,
                "properties": ["id", "blobId", "receivedAt", "from", "subject", "size", "keywords"]
            }, "g0"])],
        )
        .await?;
        let args = response(&r, "g0", "Email/get")?;
        for m in args
            .get("list")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = text(m, "id");
            if !asked.contains(id.as_str()) || rows.contains_key(&id) {
                unasked += 1;
                continue;
            }
            let from = m
                .get("from")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|ad| {
                            let email = text(ad, "email");
                            match ad.get("name").and_then(Value::as_str) {
                                Some(n) if !n.is_empty() => format!("{n} <{email}>"),
                                _ => email,
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let mut keywords: Vec<String> = m
                .get("keywords")
                .and_then(Value::as_object)
                .map(|k| k.keys().cloned().collect())
                .unwrap_or_default();
            keywords.sort();
            rows.insert(
                id.clone(),
                EmailRow {
                    id,
                    received_at: text(m, "receivedAt"),
                    from,
                    subject: text(m, "subject"),
                    size: m.get("size").and_then(Value::as_u64),
                    keywords,
                    blob_id: text(m, "blobId"),
                },
            );
        }
        not_found.extend(
            args.get("notFound")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|i| asked.contains(i))
                .map(str::to_string),
        );
    }
    if unasked > 0 {
        client.ctx().warn(format!(
            "Email/get answered {unasked} row(s) for ids not asked for (or repeated): dropped (RFC 8620 §5.1 returns only the ids asked)"
        ));
    }
    // In the order asked (the server's list order is its own).
    let rows = ids.iter().filter_map(|i| rows.remove(i)).collect();
    Ok((rows, not_found))
}

/// The blob through the download URL (RFC 8620 §6.2), streamed to `out`.
async fn download(
    client: &mut Client,
    s: &Session,
    account: &str,
    blob: &str,
    id: &str,
    out: &mut DataOut,
) -> Result<u64, Failure> {
    let url = expand(
        &s.download_url,
        &[
            ("accountId", account),
            ("blobId", blob),
            ("name", &format!("{id}.eml")),
            ("type", "message/rfc822"),
        ],
    );
    let url = http::parse_url(&url)
        .map_err(|e| Failure::new(Phase::Command, Kind::Protocol, format!("downloadUrl: {e}")))?;
    let st = client.open(Request::get(url, Phase::Data)).await?;
    if !st.head.status.is_success() {
        let status = st.head.status;
        let mut st = st;
        let mut said = Vec::new();
        while let Some(piece) = client.chunk(&mut st).await? {
            if said.len() < 4096 {
                said.extend_from_slice(&piece[..piece.len().min(4096 - said.len())]);
            }
            if st.received > 64 * 1024 {
                break;
            }
        }
        let r = http::Response {
            head: st.head,
            body: Bytes::from(said),
        };
        let kind = if status.as_u16() == 401 || status.as_u16() == 403 {
            (Phase::Auth, Kind::Rejected)
        } else {
            (Phase::Data, Kind::Rejected)
        };
        return Err(
            Failure::new(kind.0, kind.1, "the download was refused").with_reply(jmap::problem(&r))
        );
    }
    client.save(st, MAX_DOWNLOAD, |b| out.write(b)).await
}

/// Upload the message as it is (RFC 8620 §6.1), import it into Drafts (RFC 8621 §4.8), submit
/// it with an explicit envelope (§7.5) and move it to Sent on success, then read the
/// submission's delivery status (§7.1). Upload + import keeps the bytes exactly as built or
/// given (a signature over them stays valid), which Email/set's structured create would not.
async fn send(
    client: &mut Client,
    s: &Session,
    from: &str,
    to: &[String],
    message: &[u8],
) -> Result<JmapResult, Failure> {
    let account = s.primary_account(MAIL)?;
    let sub_account = s.primary_account(SUBMISSION)?;
    // The identity to send as, and the Drafts and Sent mailboxes.
    let r = call(
        client,
        s,
        &[CORE, MAIL, SUBMISSION],
        vec![
            json!(["Identity/get", {"accountId": sub_account, "ids": null}, "i0"]),
            json!(["Mailbox/get", {"accountId": account, "ids": null,
                   "properties": ["id", "role", "name"]}, "m0"]),
        ],
    )
    .await?;
    let identities = response(&r, "i0", "Identity/get")?
        .get("list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let unnamed = (identities.len() == 1 && text(&identities[0], "email").is_empty())
        .then(|| identities[0].clone());
    if unnamed.is_some() && pick_identity(&identities, from).is_none() {
        // Cyrus gives a user without a domain one identity with an empty email: the server
        // still judges the envelope, so sending with it is safe to tolerate.
        client.ctx().warn(format!(
            "the account's only identity names no email address: sending as it, with {from} as the envelope sender"
        ));
    }
    let identity = pick_identity(&identities, from)
        .or(unnamed)
        .ok_or_else(|| {
            let known: Vec<String> = identities.iter().map(|i| text(i, "email")).collect();
            Failure::new(
                Phase::Mail,
                Kind::Rejected,
                format!(
                    "no identity of this account may send as {from} (identities: {})",
                    escape_bytes(known.join(", ").as_bytes())
                ),
            )
        })?;
    if !text(&identity, "email").eq_ignore_ascii_case(from) && !text(&identity, "email").is_empty()
    {
        client.ctx().info(format!(
            "sending as identity {} ({})",
            escape_bytes(text(&identity, "id").as_bytes()),
            escape_bytes(text(&identity, "email").as_bytes())
        ));
    }
    let boxes = response(&r, "m0", "Mailbox/get")?
        .get("list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let role = |want: &str| {
        boxes
            .iter()
            .find(|b| b.get("role").and_then(Value::as_str) == Some(want))
            .map(|b| text(b, "id"))
    };
    let drafts = role("drafts").or_else(|| role("inbox")).ok_or_else(|| {
        Failure::new(
            Phase::Mail,
            Kind::Rejected,
            "the account has neither a Drafts nor an Inbox mailbox to put the message in",
        )
    })?;
    let sent = role("sent");

    // The upload.
    let url = expand(&s.upload_url, &[("accountId", &account)]);
    let url = http::parse_url(&url)
        .map_err(|e| Failure::new(Phase::Data, Kind::Protocol, format!("uploadUrl: {e}")))?;
    let up = client
        .send(Request {
            method: Method::POST,
            url,
            headers: vec![(hyper::header::ACCEPT, "application/json".into())],
            body: Some(Body {
                bytes: Bytes::copy_from_slice(message),
                content_type: "message/rfc822".into(),
            }),
            phase: Phase::Data,
        })
        .await?;
    if !up.head.status.is_success() {
        return Err(
            Failure::new(Phase::Data, Kind::Rejected, "the upload was refused")
                .with_reply(jmap::problem(&up)),
        );
    }
    let blob = serde_json::from_slice::<Value>(&up.body)
        .ok()
        .and_then(|v| v.get("blobId").and_then(Value::as_str).map(str::to_string))
        .ok_or_else(|| {
            Failure::new(
                Phase::Data,
                Kind::Protocol,
                "the upload response has no blobId (RFC 8620 §6.1)",
            )
        })?;

    // Import + submission in one request; the submission refers to the import's creation id.
    let mut update = serde_json::Map::new();
    update.insert("keywords/$draft".into(), Value::Null);
    if let Some(sent) = &sent {
        update.insert(format!("mailboxIds/{drafts}"), Value::Null);
        update.insert(format!("mailboxIds/{sent}"), json!(true));
    }
    let rcpt_to: Vec<Value> = to.iter().map(|t| json!({"email": t})).collect();
    let r = call(
        client,
        s,
        &[CORE, MAIL, SUBMISSION],
        vec![
            json!(["Email/import", {"accountId": account, "emails": {"m": {
                "blobId": blob, "mailboxIds": {drafts.clone(): true},
                "keywords": {"$draft": true, "$seen": true}}}}, "e0"]),
            json!(["EmailSubmission/set", {"accountId": sub_account,
                "create": {"s": {"identityId": text(&identity, "id"), "emailId": "#m",
                    "envelope": {"mailFrom": {"email": from}, "rcptTo": rcpt_to}}},
                "onSuccessUpdateEmail": {"#s": update}}, "s0"]),
        ],
    )
    .await?;
    let imported = response(&r, "e0", "Email/import")?;
    let email_id = match imported.pointer("/created/m/id").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => return Err(set_error(imported, "m", "Email/import", Phase::Data)),
    };
    let submitted = response(&r, "s0", "EmailSubmission/set")?;
    let Some(created) = submitted.pointer("/created/s") else {
        return Err(set_error(
            submitted,
            "s",
            "EmailSubmission/set",
            Phase::Rcpt,
        ));
    };
    let submission_id = text(created, "id");
    // The implicit Email/set of onSuccessUpdateEmail: a failure there leaves the message sent.
    if let Some(upd) = r.iter().find(|x| {
        x.get(0).and_then(Value::as_str) == Some("Email/set")
            && x.get(2).and_then(Value::as_str) == Some("s0")
    }) && let Some(nu) = upd.pointer("/1/notUpdated").and_then(Value::as_object)
        && !nu.is_empty()
    {
        client.ctx().warn(format!(
            "the message was submitted, but moving it to Sent failed: {}",
            escape_bytes(Value::Object(nu.clone()).to_string().as_bytes())
        ));
    }

    // What the server knows of each recipient.
    let r = call(
        client,
        s,
        &[CORE, MAIL, SUBMISSION],
        vec![json!(["EmailSubmission/get", {"accountId": sub_account,
            "ids": [submission_id], "properties": ["id", "undoStatus", "deliveryStatus"]}, "g0"])],
    )
    .await?;
    let got = response(&r, "g0", "EmailSubmission/get")?;
    let sub = got.pointer("/list/0").cloned().unwrap_or(Value::Null);
    let status = sub.get("deliveryStatus").and_then(Value::as_object);
    if status.is_none() {
        // RFC 8621 §7: null when the server does not track delivery (Cyrus 3.6 does not).
        client.ctx().info(
            "the server reports no deliveryStatus for this submission: it took the message, \
             what happened next is in its logs",
        );
    }
    let recipients = to
        .iter()
        .map(|t| {
            let d = status.and_then(|m| {
                m.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(t))
                    .map(|(_, v)| v)
            });
            Recipient {
                address: t.clone(),
                delivered: d
                    .and_then(|d| d.get("delivered"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                smtp_reply: d
                    .and_then(|d| d.get("smtpReply"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }
        })
        .collect();
    Ok(JmapResult::Send {
        email_id,
        submission_id,
        undo_status: sub
            .get("undoStatus")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                created
                    .get("undoStatus")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }),
        recipients,
    })
}

/// The identity whose email is `from`, or a wildcard `*@domain` one (RFC 8621 §6).
fn pick_identity(identities: &[Value], from: &str) -> Option<Value> {
    let domain = from.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase());
    identities
        .iter()
        .find(|i| text(i, "email").eq_ignore_ascii_case(from))
        .or_else(|| {
            identities.iter().find(|i| {
                let e = text(i, "email").to_ascii_lowercase();
                domain
                    .as_ref()
                    .is_some_and(|d| e.strip_prefix("*@") == Some(d.as_str()))
            })
        })
        .cloned()
}

/// A /set's `notCreated` entry (RFC 8620 §5.3 SetError) as a failure in the phase its type
/// belongs to (RFC 8621 §7.5: an envelope's sender, its recipients, or the message).
fn set_error(args: &Value, key: &str, method: &str, default: Phase) -> Failure {
    let e = args
        .pointer(&format!("/notCreated/{key}"))
        .cloned()
        .unwrap_or(Value::Null);
    let ty = text(&e, "type");
    let phase = match ty.as_str() {
        "forbiddenMailFrom" | "forbiddenFrom" => Phase::Mail,
        "invalidRecipients" | "noRecipients" | "tooManyRecipients" => Phase::Rcpt,
        "invalidEmail" | "tooLarge" | "blobNotFound" => Phase::Data,
        _ => default,
    };
    let desc = text(&e, "description");
    // What else the SetError carries (`invalidRecipients`: the addresses refused, §7.5).
    let extra: serde_json::Map<String, Value> = e
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| *k != "type" && *k != "description")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut said = if ty.is_empty() {
        "no SetError given".to_string()
    } else {
        ty
    };
    if !desc.is_empty() {
        said.push_str(&format!(": {desc}"));
    }
    if !extra.is_empty() {
        said.push_str(&format!(" {}", Value::Object(extra)));
    }
    Failure::new(phase, Kind::Rejected, format!("{method} did not create it"))
        .with_reply(escape_bytes(said.as_bytes()))
}

/// Push over the event source (RFC 8620 §7.3): each `state` event's `changed`, until `--for`,
/// `--count`, or `--max-time` (exit 19).
async fn watch(
    client: &mut Client,
    s: &Session,
    duration: Option<Duration>,
    count: Option<u64>,
    events: &mut Vec<StateChange>,
    total: &mut u64,
    mut sig: Option<&mut crate::run::Interrupts>,
) -> Result<(), Failure> {
    // No pings asked: the wait is bounded by --for and --max-time instead.
    let url = expand(
        &s.event_source_url,
        &[("types", "*"), ("closeafter", "no"), ("ping", "0")],
    );
    let url = http::parse_url(&url).map_err(|e| {
        Failure::new(
            Phase::Command,
            Kind::Protocol,
            format!("eventSourceUrl: {e}"),
        )
    })?;
    let mut st = client
        .open(
            Request::get(url.clone(), Phase::Command)
                .header(hyper::header::ACCEPT, "text/event-stream"),
        )
        .await?;
    if st.head.status == hyper::StatusCode::NO_CONTENT {
        // What Cyrus answers when its push is off (RFC 8620 §7.3 has no word for it).
        return Err(Failure::new(
            Phase::Capability,
            Kind::Capability,
            "the server's event source answered 204 No Content: push is turned off there",
        ));
    }
    if !st.head.status.is_success() || st.head.media_type().as_deref() != Some("text/event-stream")
    {
        return Err(Failure::new(
            Phase::Command,
            Kind::Rejected,
            format!(
                "the event source answered {} ({}), not an event stream",
                st.head.status,
                st.head
                    .media_type()
                    .unwrap_or_else(|| "no Content-Type".into())
            ),
        ));
    }
    let tls = url.scheme() == "https";
    let until = duration.map(|d| tokio::time::Instant::now() + d);
    let limit = client.limit();
    // One read waits until the end of --for or --max-time.
    st.wait = Duration::from_secs(86_400);
    let ctx = client.ctx().clone();
    client
        .ctx()
        .info("waiting for state changes (RFC 8620 §7.3)".to_string());
    let mut parser = Parser::default();
    loop {
        let read = client.chunk(&mut st);
        let next = async {
            match sig.as_deref_mut() {
                Some(sig) => crate::run::interruptible(sig, Phase::Command, read).await,
                None => read.await,
            }
        };
        let piece = match until {
            Some(u) => match tokio::time::timeout_at(limit.cap(u), next).await {
                Ok(r) => r,
                Err(_) if limit.expired() => return Err(limit.failure(Phase::Command)),
                Err(_) => {
                    ctx.info("--for elapsed: done");
                    return Ok(());
                }
            },
            None => next.await,
        };
        let piece = match piece {
            Err(f) if f.kind == Kind::Interrupted => {
                ctx.info("interrupted: done");
                return Ok(());
            }
            r => r?,
        };
        let Some(piece) = piece else {
            return Err(Failure::new(
                Phase::Command,
                Kind::Closed,
                "the server ended the event stream",
            ));
        };
        let (lines, evs) = parser
            .feed(&piece)
            .map_err(|e| Failure::new(Phase::Command, Kind::Protocol, e))?;
        for l in lines {
            ctx.emit(EventKind::Recv {
                line: escape_bytes(&l),
                tls,
                note: None,
            });
        }
        for e in evs {
            if e.kind != "state" {
                continue;
            }
            let changed = serde_json::from_str::<Value>(&e.data)
                .ok()
                .and_then(|v| v.get("changed").cloned());
            let Some(changed) = changed else {
                ctx.warn("a state event without a `changed` object (RFC 8620 §7.1): skipped");
                continue;
            };
            *total += 1;
            if events.len() < KEEP_EVENTS {
                events.push(StateChange {
                    t_ms: ctx.now_ms(),
                    changed: kept_changed(changed),
                });
            }
            if count.is_some_and(|c| *total >= c) {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jmap_kept_changed_values_are_bounded() {
        let small = json!({"A1": {"Email": "7"}});
        assert_eq!(kept_changed(small.clone()), small);
        let big = json!({"A1": {"Email": "x".repeat(MAX_CHANGED * 10)}});
        let kept = kept_changed(big);
        assert!(kept.as_str().unwrap().contains("4096"), "{kept}");
        assert!(kept.to_string().len() < 100);
    }
}
