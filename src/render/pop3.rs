//! How `pop3 …` results are laid out for people: one table per listing command (RFC 1939's
//! drop listing, scan listings and unique-id listings); retrieval and deletion have none, their
//! line is the summary's detail.

use super::human::table;
use crate::report::Human;
use crate::report::pop3::Pop3Result;

impl Human for Pop3Result {
    fn results(&self) -> String {
        let cols = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Pop3Result::Capa { capabilities } => table(
                &cols(&["CAPABILITY"]),
                &capabilities
                    .iter()
                    .map(|c| vec![c.clone()])
                    .collect::<Vec<_>>(),
            ),
            // The numbers are this command's result: a table like the others', so stdout and
            // -q carry them (RFC 1939 §5 drop listing: count, then size in octets).
            Pop3Result::Stat { messages, octets } => table(
                &cols(&["MESSAGES", "OCTETS"]),
                &[vec![messages.to_string(), octets.to_string()]],
            ),
            Pop3Result::List { messages } => table(
                &cols(&["MSG", "SIZE"]),
                &messages
                    .iter()
                    .map(|r| vec![r.msg.to_string(), r.shown.clone()])
                    .collect::<Vec<_>>(),
            ),
            Pop3Result::Uidl { messages } => table(
                &cols(&["MSG", "UID"]),
                &messages
                    .iter()
                    .map(|r| vec![r.msg.to_string(), r.uid.clone()])
                    .collect::<Vec<_>>(),
            ),
            Pop3Result::Retr { mime: Some(m), .. } => super::mime::message_tree(m),
            Pop3Result::Retr { .. }
            | Pop3Result::Top { .. }
            | Pop3Result::Dele { .. }
            | Pop3Result::Noop {} => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pop3::SizeRow;

    #[test]
    fn list_shows_the_size_as_sent() {
        // JSON has 0 for a size that is not a number; the table shows what the server said.
        let r = Pop3Result::List {
            messages: vec![SizeRow {
                msg: 1,
                size: 0,
                shown: "12k".into(),
            }],
        };
        colored::control::set_override(false);
        assert_eq!(r.results(), "MSG  SIZE\n1    12k\n");
        assert_eq!(Pop3Result::Noop {}.results(), "");
    }
}
