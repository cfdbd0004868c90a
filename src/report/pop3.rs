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
