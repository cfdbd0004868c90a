//! The typed result of `mime show`: the scan (the tree with offsets, sizes and problems) and
//! what `--extract` wrote; serialized as the JSON summary's fields, laid out in render/mime.rs.

use crate::mime::Scan;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct MimeShow {
    /// The input file, or `-` for stdin.
    pub input: String,
    #[serde(flatten)]
    pub scan: Scan,
    /// The part written by `--extract`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted: Option<Extracted>,
    /// Whether people see the tree: not with -q (the verdict alone) or with --extract (the
    /// part is the output).
    #[serde(skip)]
    pub show_tree: bool,
}

/// `imap fetch --full --mime`, `pop3 retr -o FILE --mime`: the MIME tree of a message written
/// to a file, read back from it.
#[derive(Debug, Serialize)]
pub(crate) struct MessageMime {
    pub file: String,
    /// The scan, or none when the file could not be read back (`note` says why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan: Option<Scan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl MessageMime {
    pub(crate) fn of(file: String, read: Result<Vec<u8>, String>) -> MessageMime {
        match read {
            Ok(raw) => MessageMime {
                file,
                scan: Some(crate::mime::scan(&raw)),
                note: None,
            },
            Err(why) => MessageMime {
                file,
                scan: None,
                note: Some(why),
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct Extracted {
    pub section: String,
    pub content_type: String,
    /// The file written, or `-` for stdout.
    pub to: String,
    pub bytes: usize,
}
