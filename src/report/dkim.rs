//! The typed results of `dkim verify`, `dkim sign` and `dkim keygen`: serialized as the JSON
//! summary's fields (in declaration order, after the head), laid out for people in
//! render/dkim.rs.

use crate::dkim::report::MessageReport;
use serde::Serialize;

/// `dkim verify`: every message, the counts by result, and the keys used.
#[derive(Debug, Serialize)]
pub(crate) struct DkimVerify {
    /// Per message, in input order (every signature, its key and reason).
    pub messages: Vec<MessageReport>,
    pub counts: VerifyCounts,
    /// Every key looked up or read with `--key`, by name.
    pub keys: Vec<KeyUse>,
}

/// Messages by result (RFC 8601 §2.7.1 names).
#[derive(Debug, Serialize)]
pub(crate) struct VerifyCounts {
    pub messages: usize,
    pub pass: usize,
    pub fail: usize,
    pub temperror: usize,
    pub none: usize,
}

/// One key and how it was had.
#[derive(Debug, Serialize)]
pub(crate) struct KeyUse {
    /// `<s>._domainkey.<d>`.
    pub name: String,
    /// `answer`, `file`, or the negative outcome of the lookup.
    pub lookup: &'static str,
    /// The `--key` file, when it was not looked up.
    pub file: Option<String>,
    /// Lookup time, rounded to microseconds.
    pub ms: f64,
    /// Signatures (DKIM and ARC) that named it.
    pub signatures: usize,
}

/// `dkim sign`: what was signed and how (the signed message itself went to stdout).
#[derive(Debug, Serialize)]
pub(crate) struct DkimSign {
    /// The input file, or `-` for stdin.
    pub input: String,
    pub domain: String,
    pub selector: String,
    pub algorithm: &'static str,
    pub key_bits: u32,
    pub canonicalization: &'static str,
    /// The `h=` list.
    pub signed_headers: Vec<String>,
    /// The `t=` value.
    pub timestamp: u64,
    /// Bare line ends converted to CRLF before signing.
    pub converted_line_ends: usize,
    /// Size of the signed message written.
    pub bytes: usize,
    /// The DKIM-Signature field as added (folded).
    pub signature: String,
}

/// `dkim keygen`: the key written and the TXT record to publish (RFC 6376 §3.6.1).
#[derive(Debug, Serialize)]
pub(crate) struct DkimKeygen {
    pub key_file: String,
    pub algorithm: &'static str,
    pub bits: u32,
    pub selector: String,
    pub domain: String,
    /// `<selector>._domainkey.<domain>`.
    pub name: String,
    /// The record's text.
    pub value: String,
    /// The text as character-strings of at most 255 bytes (RFC 6376 §3.6.2.2).
    pub strings: Vec<String>,
    /// The zone-file line.
    pub record: String,
}
