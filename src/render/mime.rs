//! How `mime show` looks to people: the file, then the entity tree (one line per entity: IMAP
//! section, type and parameters, transfer encoding, sizes, offsets), each entity's decoded
//! headers and filename, and its problems marked `✗ error` / `! warning`.

use super::human::{TreeNode, clean, tree};
use crate::mime::{Entity, Scan, Severity, ShownHeader};
use crate::report::Human;
use crate::report::mime::{MessageMime, MimeShow};

/// The tree of one scanned message, headed by its name: `mime show`, and `imap fetch --mime`
/// and `pop3 retr --mime` (one per message written).
fn scan_tree(input: &str, s: &Scan) -> String {
    let head = format!(
        "{}: {} bytes, {} line ends, {} entities: {} error(s), {} warning(s)",
        input,
        s.size,
        s.line_ends.to_ascii_uppercase(),
        s.entities,
        s.errors,
        s.warnings
    );
    tree(&TreeNode {
        label: head,
        children: vec![node(&s.root)],
    })
}

/// The MIME tree of a message written by `imap fetch --full --mime` or `pop3 retr --mime`.
pub(super) fn message_tree(m: &MessageMime) -> String {
    match (&m.scan, &m.note) {
        (Some(s), _) => scan_tree(&m.file, s),
        (None, note) => format!(
            "{}: MIME tree not shown: {}\n",
            clean(&m.file),
            clean(note.as_deref().unwrap_or("?"))
        ),
    }
}

impl Human for MimeShow {
    fn results(&self) -> String {
        if !self.show_tree {
            return String::new();
        }
        scan_tree(&self.input, &self.scan)
    }

    fn after(&self) -> String {
        match &self.extracted {
            // The content type and the file name come from the message: cleaned as every
            // other line of this tree is (`tree` does it for the labels).
            Some(x) => format!(
                "extracted {} ({}, {} bytes decoded) to {}\n",
                clean(&x.section),
                clean(&x.content_type),
                x.bytes,
                clean(&x.to)
            ),
            None => String::new(),
        }
    }
}

/// `raw` and, when it differs, ` → decoded`.
fn shown(h: &ShownHeader) -> String {
    if h.raw == h.decoded {
        format!("{}: {}", h.name, h.raw)
    } else {
        format!("{}: {}  →  {}", h.name, h.raw, h.decoded)
    }
}

fn label(e: &Entity) -> String {
    let mut l = format!("{}  {}", e.section, e.content_type);
    for (k, v) in &e.params {
        l.push_str(&format!("; {k}={v:?}"));
    }
    if e.content_type_raw.is_none() {
        l.push_str(" (default)");
    }
    l.push_str(&format!("  {}", e.transfer_encoding));
    if let Some(d) = &e.disposition {
        l.push_str(&format!("  {d}"));
    }
    match e.decoded_size {
        Some(d) if d != e.encoded_size => {
            l.push_str(&format!("  {} → {d} bytes", e.encoded_size));
        }
        Some(_) => l.push_str(&format!("  {} bytes", e.encoded_size)),
        None if e.content_type.starts_with("multipart/") => {
            l.push_str(&format!("  {} bytes", e.encoded_size));
        }
        None => l.push_str(&format!("  {} bytes (not decodable)", e.encoded_size)),
    }
    l.push_str(&format!(
        "  @{}..{} (body @{})",
        e.offsets.start, e.offsets.end, e.offsets.body_start
    ));
    if e.message {
        l.push_str("  [message]");
    }
    if let Some(sec) = &e.security {
        l.push_str(&format!("  [{}]", sec.label));
    }
    l
}

fn node(e: &Entity) -> TreeNode {
    let leaf = |label: String| TreeNode {
        label,
        children: vec![],
    };
    let mut children: Vec<TreeNode> = e.headers.iter().map(|h| leaf(shown(h))).collect();
    if let Some(f) = &e.filename {
        children.push(leaf(shown(f)));
    }
    for p in &e.problems {
        let mark = match p.severity {
            Severity::Error => "✗ error",
            Severity::Warning => "! warning",
        };
        let times = if p.count > 1 {
            format!(" (×{}, first)", p.count)
        } else {
            String::new()
        };
        children.push(leaf(format!(
            "{mark} {} at {}{times}: {}",
            p.code, p.offset, p.message
        )));
    }
    children.extend(e.children.iter().map(node));
    TreeNode {
        label: label(e),
        children,
    }
}
