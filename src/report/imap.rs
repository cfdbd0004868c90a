//! What `imap …` commands found, typed: serialized as the JSON summary's fields (in declaration
//! order), laid out for people in `render/imap.rs`.

// The rows are built by the dialogue as responses stream in (RFC 9051 §7.4.2 FETCH, §7.3.1
// LIST) and serialized as they are; named here too, so `render/` never reaches into `proto/`.
pub(crate) use crate::proto::imap::fetch::{Fetched, HeaderRow};
pub(crate) use crate::proto::imap::session::Listed;
#[cfg(test)]
pub(crate) use crate::proto::imap::session::MailboxStatus;
use serde::Serialize;
use serde_json::{Map, Value};

/// One command's result. Untagged: each variant's fields are the JSON fields, as they always
/// were.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum ImapResult {
    /// CAPABILITY (RFC 9051 §6.1.1), after login and before it.
    Capability {
        capabilities: Vec<String>,
        capabilities_before_login: Vec<String>,
    },
    /// LIST, with STATUS columns when `with_status`.
    List {
        #[serde(skip)]
        with_status: bool,
        mailboxes: Vec<Listed>,
    },
    /// EXAMINE: what the server said about the mailbox, in the order it said it.
    Select {
        mailbox: String,
        info: Map<String, Value>,
    },
    /// SEARCH: message numbers, or UIDs when `uid`.
    Search { matches: Vec<u64>, uid: bool },
    /// FETCH's header rows.
    Headers { messages: Vec<HeaderRow> },
    /// FETCH --full: one file per message.
    Full {
        messages: Vec<Fetched>,
        /// --mime: each written message's MIME tree, in the order of `messages`.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mime: Vec<crate::report::mime::MessageMime>,
    },
    /// FETCH --part: every part into one output (`null`: stdout).
    Part {
        parts: Vec<Part>,
        output: Option<String>,
    },
    /// IDLE: every event counted, the first ones kept.
    Idle {
        events_total: u64,
        events: Vec<String>,
    },
    /// A raw command: the untagged responses it drew and its tagged status.
    Raw { untagged: usize, status: String },
}

/// A body section fetched with --part.
#[derive(Debug, Serialize)]
pub(crate) struct Part {
    pub uid: Option<u64>,
    pub size: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Outcome;

    fn listed(status: Option<MailboxStatus>) -> Listed {
        Listed {
            name: "Café".into(),
            raw_name: "Cafe&AOk-".into(),
            delimiter: "/".into(),
            flags: vec!["\\HasNoChildren".into()],
            status,
        }
    }

    #[test]
    fn list_status_is_null_the_items_as_sent_or_the_refusal() {
        let list = ImapResult::List {
            with_status: true,
            mailboxes: vec![
                listed(None),
                listed(Some(MailboxStatus::Items(vec![
                    ("messages".into(), Some(2)),
                    ("unseen".into(), None),
                ]))),
                listed(Some(MailboxStatus::Refused("NO locked".into()))),
            ],
        };
        let head = r#"{"name":"Café","raw_name":"Cafe&AOk-","delimiter":"/","flags":["\\HasNoChildren"],"status":"#;
        assert_eq!(
            list.json().unwrap(),
            format!(
                r#"{{"mailboxes":[{head}null}},{head}{{"messages":2,"unseen":null}}}},{head}{{"error":"NO locked"}}}}]}}"#
            )
        );
    }

    #[test]
    fn header_rows_keep_their_field_order() {
        let h = ImapResult::Headers {
            messages: vec![HeaderRow {
                seq: 1,
                uid: None,
                date: String::new(),
                date_header: Some("01-Jan-1970 01:01:00 +0000".into()),
                from: "a@b".into(),
                subject: "s".into(),
                size: Some(10),
                flags: vec![],
            }],
        };
        assert_eq!(
            h.json().unwrap(),
            r#"{"messages":[{"seq":1,"uid":null,"date":"","date_header":"01-Jan-1970 01:01:00 +0000","from":"a@b","subject":"s","size":10,"flags":[]}]}"#
        );
    }
}
