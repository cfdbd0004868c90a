//! How `imap …` results are laid out for people: one table per command that lists something
//! (capabilities, mailboxes, the mailbox's state, matches, header rows, files, IDLE events);
//! `--part` and `raw` have none, their line is the summary's detail.

use super::human::table;
use crate::event::escape_bytes;
use crate::report::Human;
use crate::report::imap::ImapResult;

/// The STATUS items shown as columns, in this order, after MAILBOX and FLAGS.
const STATUS_COLUMNS: [&str; 5] = ["messages", "unseen", "recent", "uidnext", "uidvalidity"];

fn cols(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| s.to_string()).collect()
}

impl Human for ImapResult {
    fn results(&self) -> String {
        match self {
            ImapResult::Capability { capabilities, .. } => table(
                &cols(&["CAPABILITY"]),
                &capabilities
                    .iter()
                    .map(|c| vec![c.clone()])
                    .collect::<Vec<_>>(),
            ),
            ImapResult::List {
                with_status,
                mailboxes,
            } => {
                let mut c = cols(&["MAILBOX", "FLAGS"]);
                if *with_status {
                    c.extend(STATUS_COLUMNS.map(str::to_ascii_uppercase));
                }
                let rows: Vec<Vec<String>> = mailboxes
                    .iter()
                    .map(|m| {
                        let mut cells = vec![escape_bytes(m.name.as_bytes()), m.flags.join(" ")];
                        if *with_status {
                            // A mailbox that cannot be selected, or whose STATUS was refused,
                            // shows `-` in every column.
                            cells.extend(STATUS_COLUMNS.map(|k| {
                                m.status
                                    .as_ref()
                                    .and_then(|s| s.get(k))
                                    .map(|n| n.to_string())
                                    .unwrap_or_else(|| "-".into())
                            }));
                        }
                        cells
                    })
                    .collect();
                table(&c, &rows)
            }
            ImapResult::Select { info, .. } => table(
                &cols(&["KEY", "VALUE"]),
                &info
                    .iter()
                    .map(|(k, v)| {
                        vec![
                            k.clone(),
                            v.as_str()
                                .map(String::from)
                                .unwrap_or_else(|| v.to_string()),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            ImapResult::Search { matches, uid } => table(
                &cols(&[if *uid { "UID" } else { "MSG" }]),
                &matches
                    .iter()
                    .map(|n| vec![n.to_string()])
                    .collect::<Vec<_>>(),
            ),
            ImapResult::Headers { messages } => table(
                &cols(&["UID", "DATE", "FROM", "SUBJECT", "SIZE", "FLAGS"]),
                &messages
                    .iter()
                    .map(|m| {
                        // A Date that is not RFC 5322 §3.3 (pymap's demo mail carries the IMAP
                        // internal-date form) is shown as sent, not as an empty column.
                        let date = match (&m.date_header, m.date.is_empty()) {
                            (Some(d), true) => escape_bytes(d.as_bytes()),
                            _ => m.date.clone(),
                        };
                        vec![
                            m.uid.map(|u| u.to_string()).unwrap_or_else(|| "-".into()),
                            date,
                            escape_bytes(m.from.as_bytes()),
                            escape_bytes(m.subject.as_bytes()),
                            m.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                            m.flags.join(" "),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            ImapResult::Full { messages, mime } => {
                let mut out = table(
                    &cols(&["UID", "SIZE", "FILE"]),
                    &messages
                        .iter()
                        .map(|f| {
                            vec![
                                f.uid.map(|u| u.to_string()).unwrap_or_default(),
                                f.size.to_string(),
                                f.file.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                );
                for m in mime {
                    out.push_str(&super::mime::message_tree(m));
                }
                out
            }
            ImapResult::Idle { events, .. } => table(
                &cols(&["EVENT"]),
                &events.iter().map(|e| vec![e.clone()]).collect::<Vec<_>>(),
            ),
            ImapResult::Part { .. } | ImapResult::Raw { .. } => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::imap::{HeaderRow, Listed, MailboxStatus};

    #[test]
    fn list_with_status_shows_a_dash_where_there_is_no_number() {
        let m = |name: &str, status| Listed {
            name: name.into(),
            raw_name: name.into(),
            delimiter: ".".into(),
            flags: vec![],
            status,
        };
        let r = ImapResult::List {
            with_status: true,
            mailboxes: vec![
                m(
                    "a",
                    Some(MailboxStatus::Items(vec![("messages".into(), Some(3))])),
                ),
                m("b", Some(MailboxStatus::Refused("NO".into()))),
                m("c", None),
            ],
        };
        colored::control::set_override(false);
        assert_eq!(
            r.results(),
            "MAILBOX  FLAGS  MESSAGES  UNSEEN  RECENT  UIDNEXT  UIDVALIDITY\n\
             a               3         -       -       -        -\n\
             b               -         -       -       -        -\n\
             c               -         -       -       -        -\n"
        );
    }

    #[test]
    fn a_date_that_does_not_parse_is_shown_as_sent() {
        let r = ImapResult::Headers {
            messages: vec![HeaderRow {
                seq: 1,
                uid: Some(7),
                date: String::new(),
                date_header: Some("01-Jan-1970 01:01:00 +0000".into()),
                from: "a@b".into(),
                subject: "hi\x1b".into(),
                size: None,
                flags: vec!["\\Seen".into()],
            }],
        };
        colored::control::set_override(false);
        let out = r.results();
        assert!(
            out.contains("7    01-Jan-1970 01:01:00 +0000  a@b   hi\\x1b   -     \\Seen"),
            "{out}"
        );
    }
}
