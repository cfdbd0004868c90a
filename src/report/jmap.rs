//! What `jmap …` commands found, typed: serialized as the JSON summary's fields, laid out for
//! people in `render/jmap.rs`.

use serde::Serialize;
use serde_json::{Map, Value};

/// One command's result. Untagged: each variant's fields are the JSON fields.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum JmapResult {
    /// The session resource (RFC 8620 §2) summarised.
    Capability {
        session_url: String,
        username: String,
        state: String,
        api_url: String,
        download_url: String,
        upload_url: String,
        event_source_url: String,
        capabilities: Vec<Capability>,
        accounts: Vec<Account>,
    },
    /// Mailbox/get (RFC 8621 §2).
    List { mailboxes: Vec<Mailbox> },
    /// Email/query then Email/get of the ids found.
    Search {
        /// The query's total, when the server counted it.
        total: Option<u64>,
        messages: Vec<EmailRow>,
    },
    /// Email/get.
    Headers {
        messages: Vec<EmailRow>,
        /// Ids the server does not know (`notFound`).
        not_found: Vec<String>,
    },
    /// One message downloaded (`null` output: stdout).
    Raw {
        id: String,
        blob_id: String,
        size: u64,
        output: Option<String>,
    },
    /// Email/import + EmailSubmission/set.
    Send {
        email_id: String,
        submission_id: String,
        undo_status: Option<String>,
        recipients: Vec<Recipient>,
    },
    /// Push: every state change counted, the first ones kept.
    Watch {
        events_total: u64,
        events: Vec<StateChange>,
    },
}

#[derive(Debug, Serialize)]
pub(crate) struct Capability {
    pub name: String,
    /// The capability object as the server sent it (limits for core).
    pub properties: Map<String, Value>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Account {
    pub id: String,
    pub name: String,
    pub personal: bool,
    pub read_only: bool,
    /// The capabilities this account is the primary account for.
    pub primary_for: Vec<String>,
    pub capabilities: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Mailbox {
    pub id: String,
    /// The full name, parents first, joined with `/`.
    pub name: String,
    pub role: Option<String>,
    pub total_emails: Option<u64>,
    pub unread_emails: Option<u64>,
    pub total_threads: Option<u64>,
    pub unread_threads: Option<u64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct EmailRow {
    pub id: String,
    pub received_at: String,
    pub from: String,
    pub subject: String,
    pub size: Option<u64>,
    pub keywords: Vec<String>,
    pub blob_id: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Recipient {
    pub address: String,
    /// deliveryStatus.delivered (RFC 8621 §7): queued, yes, no, unknown; None when the server
    /// reported nothing for it.
    pub delivered: Option<String>,
    pub smtp_reply: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct StateChange {
    /// Milliseconds since the session started.
    pub t_ms: f64,
    /// `changed`: account id → data type → new state (RFC 8620 §7.1).
    pub changed: Value,
}
