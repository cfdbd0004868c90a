//! What `pop3 …` commands found, typed: serialized as the JSON summary's fields (in declaration
//! order), laid out for people in `render/pop3.rs`.

use serde::Serialize;

/// One command's result. Untagged: each variant's fields are the JSON fields, as they always
/// were (`messages` is a count for STAT and a listing for LIST/UIDL).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum Pop3Result {
    /// CAPA (RFC 2449): empty when the server does not support it.
    Capa { capabilities: Vec<String> },
    /// STAT (RFC 1939 §5).
    Stat { messages: u64, octets: u64 },
    /// LIST (RFC 1939 §5).
    List { messages: Vec<SizeRow> },
    /// UIDL (RFC 1939 §7).
    Uidl { messages: Vec<UidRow> },
    /// RETR: what was written where; `deleted` once the DELE is sent (absent while it is not,
    /// empty without --delete).
    Retr {
        msg: u64,
        octets: u64,
        lines: u64,
        output: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        deleted: Option<Vec<u64>>,
        /// --mime: the written message's MIME tree.
        #[serde(skip_serializing_if = "Option::is_none")]
        mime: Option<Box<crate::report::mime::MessageMime>>,
    },
    /// TOP (RFC 1939 §7).
    Top { msg: u32, octets: u64, lines: u64 },
    /// DELE, committed by QUIT (RFC 1939 §6).
    Dele { deleted: Vec<u64> },
    /// NOOP: a login check, no fields.
    Noop {},
}

/// A LIST line: the size as a number in JSON (0 when it is not one), as sent in the table.
#[derive(Debug, Serialize)]
pub(crate) struct SizeRow {
    pub msg: u64,
    pub size: u64,
    #[serde(skip)]
    pub shown: String,
}

/// A UIDL line.
#[derive(Debug, Serialize)]
pub(crate) struct UidRow {
    pub msg: u64,
    pub uid: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Outcome;

    #[test]
    fn fields_are_the_json_fields_of_old() {
        let retr = |deleted| Pop3Result::Retr {
            msg: 3,
            octets: 591,
            lines: 16,
            output: None,
            deleted,
            mime: None,
        };
        // Before DELE was sent there is no `deleted`; without --delete it is empty.
        assert_eq!(
            retr(None).json().unwrap(),
            r#"{"msg":3,"octets":591,"lines":16,"output":null}"#
        );
        assert_eq!(
            retr(Some(vec![])).json().unwrap(),
            r#"{"msg":3,"octets":591,"lines":16,"output":null,"deleted":[]}"#
        );
        let list = Pop3Result::List {
            messages: vec![SizeRow {
                msg: 1,
                size: 0,
                shown: "big".into(),
            }],
        };
        assert_eq!(list.json().unwrap(), r#"{"messages":[{"msg":1,"size":0}]}"#);
        assert_eq!(
            Pop3Result::Stat {
                messages: 2,
                octets: 320
            }
            .json()
            .unwrap(),
            r#"{"messages":2,"octets":320}"#
        );
        // NOOP adds no field to the summary.
        assert_eq!(Pop3Result::Noop {}.json().unwrap(), "{}");
    }
}
