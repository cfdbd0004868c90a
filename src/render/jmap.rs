//! How `jmap …` results are laid out for people: one table per command that lists something;
//! `fetch --raw` has none (its line is the summary's detail).

use super::human::table;
use crate::event::escape_bytes;
use crate::report::Human;
use crate::report::jmap::JmapResult;

fn cols(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| s.to_string()).collect()
}

fn num(n: Option<u64>) -> String {
    n.map_or_else(|| "-".into(), |n| n.to_string())
}

fn esc(s: &str) -> String {
    escape_bytes(s.as_bytes())
}

impl Human for JmapResult {
    fn results(&self) -> String {
        match self {
            JmapResult::Capability {
                session_url,
                username,
                api_url,
                download_url,
                upload_url,
                event_source_url,
                capabilities,
                accounts,
                ..
            } => {
                let urls = table(
                    &cols(&["KEY", "VALUE"]),
                    &[
                        ("session", session_url),
                        ("username", username),
                        ("apiUrl", api_url),
                        ("downloadUrl", download_url),
                        ("uploadUrl", upload_url),
                        ("eventSourceUrl", event_source_url),
                    ]
                    .iter()
                    .map(|(k, v)| vec![k.to_string(), esc(v)])
                    .collect::<Vec<_>>(),
                );
                let caps = table(
                    &cols(&["CAPABILITY", "PROPERTIES"]),
                    &capabilities
                        .iter()
                        .map(|c| {
                            let props: Vec<String> = c
                                .properties
                                .iter()
                                .map(|(k, v)| format!("{k}={v}"))
                                .collect();
                            vec![esc(&c.name), esc(&props.join(" "))]
                        })
                        .collect::<Vec<_>>(),
                );
                let accts = table(
                    &cols(&["ACCOUNT", "NAME", "PERSONAL", "READ-ONLY", "PRIMARY FOR"]),
                    &accounts
                        .iter()
                        .map(|a| {
                            vec![
                                esc(&a.id),
                                esc(&a.name),
                                a.personal.to_string(),
                                a.read_only.to_string(),
                                esc(&a.primary_for.join(" ")),
                            ]
                        })
                        .collect::<Vec<_>>(),
                );
                format!("{urls}\n{caps}\n{accts}")
            }
            JmapResult::List { mailboxes } => table(
                &cols(&[
                    "MAILBOX",
                    "ROLE",
                    "EMAILS",
                    "UNREAD",
                    "THREADS",
                    "UNREAD-THREADS",
                    "ID",
                ]),
                &mailboxes
                    .iter()
                    .map(|m| {
                        vec![
                            esc(&m.name),
                            m.role.as_deref().map(esc).unwrap_or_else(|| "-".into()),
                            num(m.total_emails),
                            num(m.unread_emails),
                            num(m.total_threads),
                            num(m.unread_threads),
                            esc(&m.id),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            JmapResult::Search { messages, .. } | JmapResult::Headers { messages, .. } => table(
                &cols(&["ID", "RECEIVED", "FROM", "SUBJECT", "SIZE", "KEYWORDS"]),
                &messages
                    .iter()
                    .map(|m| {
                        vec![
                            esc(&m.id),
                            esc(&m.received_at),
                            esc(&m.from),
                            esc(&m.subject),
                            num(m.size),
                            esc(&m.keywords.join(" ")),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            JmapResult::Raw { .. } => String::new(),
            JmapResult::Send { .. } => String::new(),
            JmapResult::Watch { events, .. } => table(
                &cols(&["T(ms)", "CHANGED"]),
                &events
                    .iter()
                    .map(|e| vec![format!("{:.0}", e.t_ms), esc(&e.changed.to_string())])
                    .collect::<Vec<_>>(),
            ),
        }
    }

    fn after(&self) -> String {
        match self {
            JmapResult::Send { recipients, .. } => table(
                &cols(&["RECIPIENT", "DELIVERED", "SMTP REPLY"]),
                &recipients
                    .iter()
                    .map(|r| {
                        vec![
                            esc(&r.address),
                            r.delivered
                                .as_deref()
                                .map(esc)
                                .unwrap_or_else(|| "-".into()),
                            r.smtp_reply
                                .as_deref()
                                .map(esc)
                                .unwrap_or_else(|| "-".into()),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            _ => String::new(),
        }
    }
}
