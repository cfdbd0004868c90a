//! `imap …`: the action, its arguments checked against what IMAP can carry (RFC 9051), the
//! login (LOGIN or AUTHENTICATE).

use super::connect::{ConnectPlan, check_auth_user, connect, credentials, mechanism};
use crate::error::Failure;
use crate::proto::sasl::{Credentials, Mechanism};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FetchMode {
    /// The header table.
    Headers,
    /// Whole messages into a directory, one `<UID>.eml` each.
    Full { dir: std::path::PathBuf },
    /// One body section of each message, to a file or stdout.
    Part {
        section: String,
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImapAction {
    Capability,
    List {
        reference: String,
        pattern: String,
        status: bool,
    },
    Select {
        mailbox: String,
    },
    Search {
        mailbox: String,
        criteria: String,
        uid: bool,
    },
    Fetch {
        mailbox: String,
        set: String,
        mode: FetchMode,
        force: bool,
        uid: bool,
        mark_seen: bool,
        /// Show each written message's MIME tree (with `FetchMode::Full`).
        mime: bool,
    },
    Idle {
        mailbox: String,
        duration: Option<Duration>,
    },
    Raw {
        command: String,
    },
}

pub(crate) struct ImapPlan {
    pub connect: ConnectPlan,
    pub creds: Option<Credentials>,
    /// None: LOGIN; Some(None): AUTHENTICATE with the strongest offered; Some(Some(m)): that one.
    pub sasl: Option<Option<Mechanism>>,
    pub show_data: bool,
    pub action: ImapAction,
}

impl ImapPlan {
    pub(crate) fn data_to_stdout(&self) -> bool {
        matches!(
            &self.action,
            ImapAction::Fetch {
                mode: FetchMode::Part { output: None, .. },
                ..
            }
        )
    }
}

fn no_controls(what: &str, s: &str) -> Result<(), Failure> {
    if s.chars().any(|c| c.is_control()) {
        return Err(Failure::usage(format!(
            "{what} {s:?} contains control characters"
        )));
    }
    Ok(())
}

pub(crate) fn imap(cmd: &crate::cli::ImapCommand) -> Result<ImapPlan, Failure> {
    use crate::cli::ImapCommand as C;
    let conn = cmd.conn().ok_or_else(super::shell::elsewhere)?;
    let default_port = if conn.connect.tls { 993 } else { 143 };
    let connect = connect(&conn.connect, default_port, None)?;
    let action = match cmd {
        C::Capability { .. } => ImapAction::Capability,
        C::List {
            reference,
            pattern,
            status,
            ..
        } => {
            no_controls("reference", reference)?;
            no_controls("pattern", pattern)?;
            ImapAction::List {
                reference: reference.clone(),
                pattern: pattern.clone(),
                status: *status,
            }
        }
        C::Select { mailbox, .. } => {
            no_controls("mailbox", mailbox)?;
            ImapAction::Select {
                mailbox: mailbox.clone(),
            }
        }
        C::Search {
            mailbox,
            criteria,
            uid,
            ..
        } => {
            no_controls("mailbox", mailbox)?;
            let criteria = criteria.join(" ");
            no_controls("criteria", &criteria)?;
            if !criteria.is_ascii() {
                return Err(Failure::usage(
                    "search criteria must be ASCII (non-ASCII needs CHARSET and literals, not supported yet)",
                ));
            }
            ImapAction::Search {
                mailbox: mailbox.clone(),
                criteria,
                uid: *uid,
            }
        }
        C::Fetch {
            mailbox,
            set,
            full,
            part,
            output,
            force,
            uid,
            mark_seen,
            mime,
            ..
        } => {
            no_controls("mailbox", mailbox)?;
            // RFC 9051 §9 sequence-set: numbers, '*', ':' and ','.
            if set.is_empty()
                || !set
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"*:,".contains(&b))
            {
                return Err(Failure::usage(format!(
                    "{set:?} is not a message set (e.g. 1:*, 4,7:9)"
                )));
            }
            let mode = if *full {
                let dir = output
                    .clone()
                    .ok_or_else(|| Failure::usage("--full needs -o DIR"))?;
                // `-o -` means stdout elsewhere (`--part`, `pop3 retr`); here it would silently
                // create a directory named "-".
                if dir.as_os_str() == "-" {
                    return Err(Failure::usage(
                        "--full writes one file per message into a directory, so it cannot go to stdout (-o -): give a directory",
                    ));
                }
                FetchMode::Full { dir }
            } else if let Some(section) = part {
                if section.is_empty()
                    || !section
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".() -".contains(&b))
                {
                    return Err(Failure::usage(format!(
                        "{section:?} is not a body section (e.g. 1, 1.2, HEADER, TEXT)"
                    )));
                }
                FetchMode::Part {
                    section: section.to_ascii_uppercase(),
                    output: output.clone(),
                }
            } else {
                FetchMode::Headers
            };
            ImapAction::Fetch {
                mailbox: mailbox.clone(),
                set: set.clone(),
                mode,
                force: *force,
                uid: *uid,
                mark_seen: *mark_seen,
                mime: *mime,
            }
        }
        C::Idle {
            mailbox, duration, ..
        } => {
            no_controls("mailbox", mailbox)?;
            ImapAction::Idle {
                mailbox: mailbox.clone(),
                duration: *duration,
            }
        }
        C::Shell(_) => return Err(super::shell::elsewhere()),
        C::Raw { command, .. } => {
            no_controls("command", command)?;
            ImapAction::Raw {
                command: command.clone(),
            }
        }
    };
    // --auth external logs in with the client certificate; a --pipe command may run the server
    // already logged in (Dovecot's `imap -u USER`; IMAP says so with PREAUTH, RFC 9051
    // §7.1.4): neither needs --user.
    let external = conn.auth == Some(crate::cli::AuthChoice::External);
    if conn.connect.user.is_none()
        && !external
        && action != ImapAction::Capability
        && conn.connect.route.pipe.is_none()
    {
        return Err(Failure::usage(
            "this IMAP command needs a login: give --user (or --auth external, or --pipe a pre-authenticated server)",
        ));
    }
    check_auth_user(&conn.connect, conn.auth)?;
    Ok(ImapPlan {
        creds: credentials(&conn.connect, conn.auth, &connect)?,
        connect,
        sasl: conn.auth.map(mechanism),
        show_data: conn.show_data,
        action,
    })
}
