//! Messages to verify: `.eml` files, stdin, plain directories of message files, Maildir
//! directories (`cur/` and `new/`) and mbox files (detected by their leading `From ` line, mboxrd
//! quoting undone).

use crate::error::Failure;
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One message as read, with where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    /// File path, `path#N` for the N-th message of an mbox (1-based), or `-` for stdin.
    pub source: String,
    pub raw: Vec<u8>,
}

/// A message to verify: a file read when a worker gets to it (a Maildir of any size streams
/// through memory a message at a time), or one already in memory (stdin, a part of an mbox).
#[derive(Debug)]
pub(crate) enum Item {
    File(PathBuf),
    Mem(Message),
}

impl Item {
    /// Where the message comes from: its path, `path#N`, or `-`.
    pub(crate) fn source(&self) -> String {
        match self {
            Item::Mem(m) => m.source.clone(),
            Item::File(p) => p.display().to_string(),
        }
    }

    /// The message bytes, read now if the item is a file.
    pub(crate) fn read(&self) -> Result<Cow<'_, [u8]>, Failure> {
        match self {
            Item::Mem(m) => Ok(Cow::Borrowed(&m.raw)),
            Item::File(p) => std::fs::read(p)
                .map(Cow::Owned)
                .map_err(|e| Failure::local_io(format!("{}: {e}", p.display()))),
        }
    }
}

/// List every input in order: stdin and files named on the command line are read now (a file
/// may be an mbox of many messages); a Maildir's messages are listed, to be read by the
/// workers, as are the files of a plain directory. A path that cannot be read fails the whole
/// run (exit 9); a directory with no message files is a usage error.
pub(crate) fn list_inputs(inputs: &[String]) -> Result<Vec<Item>, Failure> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            let mut raw = Vec::new();
            std::io::stdin()
                .read_to_end(&mut raw)
                .map_err(|e| Failure::local_io(format!("reading stdin: {e}")))?;
            push_file("-", raw, &mut out);
            continue;
        }
        let path = Path::new(input);
        let meta =
            std::fs::metadata(path).map_err(|e| Failure::local_io(format!("{input}: {e}")))?;
        if meta.is_dir() {
            list_maildir(input, path, &mut out)?;
        } else {
            let raw =
                std::fs::read(path).map_err(|e| Failure::local_io(format!("{input}: {e}")))?;
            push_file(input, raw, &mut out);
        }
    }
    Ok(out)
}

/// A file is an mbox when it starts with a `From ` separator line (a message never does: its
/// first header would be `From:`).
fn push_file(source: &str, raw: Vec<u8>, out: &mut Vec<Item>) {
    if raw.starts_with(b"From ") {
        for (i, m) in split_mbox(&raw).into_iter().enumerate() {
            out.push(Item::Mem(Message {
                source: format!("{source}#{}", i + 1),
                raw: m,
            }));
        }
    } else {
        out.push(Item::Mem(Message {
            source: source.to_string(),
            raw,
        }));
    }
}

/// Maildir: the files of `cur/` then `new/`, each sorted by name; `tmp/` and dot files are
/// skipped (deliveries in progress).
fn list_maildir(input: &str, dir: &Path, out: &mut Vec<Item>) -> Result<(), Failure> {
    let subs: Vec<_> = ["cur", "new"]
        .iter()
        .map(|s| dir.join(s))
        .filter(|p| p.is_dir())
        .collect();
    if subs.is_empty() {
        // A plain directory of message files (.eml exports, an MH folder): its files.
        let before = out.len();
        list_files(dir, out)?;
        if out.len() == before {
            return Err(Failure::usage(format!(
                "{input} is a directory without message files (and not a Maildir: no cur/ or \
                 new/)"
            )));
        }
        return Ok(());
    }
    for sub in subs {
        list_files(&sub, out)?;
    }
    Ok(())
}

/// The regular files of one directory, sorted; dot files and subdirectories are skipped. Each
/// file is one message (read by a worker), even if it looks like an mbox.
fn list_files(dir: &Path, out: &mut Vec<Item>) -> Result<(), Failure> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::local_io(format!("{}: {e}", dir.display())))?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.path())
        .collect();
    // Byte order of the names (what `ls` shows in the C locale): deterministic whatever order
    // the file system lists them in; comparing the OsStr is cheaper than PathBuf's
    // component-wise order for 10,000 entries.
    names.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out.extend(names.into_iter().map(Item::File));
    Ok(())
}

/// Split an mbox: a `From ` line at the start or after an empty line begins a message; the empty
/// line before it belongs to the separator; `>From `, `>>From ` … lose one `>` (mboxrd).
pub(crate) fn split_mbox(raw: &[u8]) -> Vec<Vec<u8>> {
    let mut msgs: Vec<Vec<u8>> = Vec::new();
    let mut cur: Option<Vec<u8>> = None;
    let mut prev_empty = true;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if prev_empty && line.starts_with(b"From ") {
            if let Some(mut m) = cur.take() {
                strip_separator_blank(&mut m);
                msgs.push(m);
            }
            cur = Some(Vec::new());
            prev_empty = false;
            continue;
        }
        prev_empty = content.is_empty();
        let Some(m) = cur.as_mut() else { continue };
        let quoted = line.iter().position(|&b| b != b'>').unwrap_or(0);
        if quoted > 0 && line[quoted..].starts_with(b"From ") {
            m.extend_from_slice(&line[1..]);
        } else {
            m.extend_from_slice(line);
        }
    }
    if let Some(mut m) = cur {
        strip_separator_blank(&mut m);
        msgs.push(m);
    }
    msgs
}

fn strip_separator_blank(m: &mut Vec<u8>) {
    if m.ends_with(b"\r\n\r\n") {
        m.truncate(m.len() - 2);
    } else if m.ends_with(b"\n\n") {
        m.truncate(m.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_split_and_unquote() {
        let mbox = b"From a@b Thu Jan  1 00:00:00 2026\nFrom: a@b\n\nhi\n>From here\n>>From x\n\nFrom c@d Thu Jan  1 00:00:01 2026\nFrom: c@d\n\nbye\n\n";
        let m = split_mbox(mbox);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0], b"From: a@b\n\nhi\nFrom here\n>From x\n");
        assert_eq!(m[1], b"From: c@d\n\nbye\n");
    }
}
