//! `pop3 …`: the action (RFC 1939 commands), message references checked, the login chosen
//! (USER/PASS, APOP or SASL AUTH, RFC 5034).

use super::connect::{ConnectPlan, check_auth_user, connect, credentials, mechanism};
use crate::error::Failure;

/// A message named by number or by UIDL unique id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MsgRef {
    Num(u32),
    Uid(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pop3Action {
    Capa,
    Stat,
    List(Option<u32>),
    Uidl(Option<u32>),
    Retr {
        msg: MsgRef,
        output: Option<std::path::PathBuf>,
        force: bool,
        delete: bool,
        /// Show the written message's MIME tree (needs `output`).
        mime: bool,
    },
    Top {
        msg: u32,
        lines: u32,
    },
    Dele(Vec<MsgRef>),
    Noop,
}

pub(crate) struct Pop3Plan {
    pub connect: ConnectPlan,
    pub login: Option<crate::proto::pop3::Login>,
    pub show_data: bool,
    pub action: Pop3Action,
}

impl Pop3Plan {
    /// Whether retrieved data goes to stdout (then the transcript goes to stderr).
    pub(crate) fn data_to_stdout(&self) -> bool {
        matches!(
            self.action,
            Pop3Action::Retr { output: None, .. } | Pop3Action::Top { .. }
        )
    }
}

fn msg_ref(s: &str, uid: bool) -> Result<MsgRef, Failure> {
    if uid {
        // RFC 1939 §7: a unique-id is 1 to 70 characters 0x21..0x7E.
        if s.is_empty() || s.len() > 70 || !s.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err(Failure::usage(format!("{s:?} is not a POP3 unique id")));
        }
        return Ok(MsgRef::Uid(s.to_string()));
    }
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(MsgRef::Num(n)),
        _ => Err(Failure::usage(format!(
            "{s:?} is not a message number (use --uid for unique ids)"
        ))),
    }
}

pub(crate) fn pop3(cmd: &crate::cli::Pop3Command) -> Result<Pop3Plan, Failure> {
    use crate::cli::Pop3Command as C;
    use crate::proto::pop3::Login;
    let conn = cmd.conn().ok_or_else(super::shell::elsewhere)?;
    let default_port = if conn.connect.tls { 995 } else { 110 };
    let connect = connect(&conn.connect, default_port, None)?;
    let action = match cmd {
        C::Capa { .. } => Pop3Action::Capa,
        C::Stat { .. } => Pop3Action::Stat,
        C::List { msg, .. } => Pop3Action::List(*msg),
        C::Uidl { msg, .. } => Pop3Action::Uidl(*msg),
        C::Retr {
            msg,
            uid,
            output,
            force,
            delete,
            mime,
            ..
        } => {
            // The tree is read back from the file written: stdout (`-o -`) cannot be.
            if *mime && output.as_deref().is_some_and(|o| o.as_os_str() == "-") {
                return Err(Failure::usage(
                    "--mime reads the message back from the file -o wrote: give a file, not stdout (-o -)",
                ));
            }
            Pop3Action::Retr {
                msg: msg_ref(msg, *uid)?,
                output: output.clone(),
                force: *force,
                delete: *delete,
                mime: *mime,
            }
        }
        C::Top { msg, lines, .. } => Pop3Action::Top {
            msg: *msg,
            lines: *lines,
        },
        C::Dele { msgs, uid, .. } => Pop3Action::Dele(
            msgs.iter()
                .map(|m| msg_ref(m, *uid))
                .collect::<Result<_, _>>()?,
        ),
        C::Noop { .. } => Pop3Action::Noop,
        C::Shell(_) => return Err(super::shell::elsewhere()),
    };
    // --auth external logs in with the client certificate; a --pipe command may run the server
    // already logged in (Dovecot's `pop3 -u USER`; IMAP says so with PREAUTH, RFC 9051
    // §7.1.4): neither needs --user.
    let external = conn.auth == Some(crate::cli::AuthChoice::External);
    if conn.connect.user.is_none()
        && !external
        && action != Pop3Action::Capa
        && conn.connect.route.pipe.is_none()
    {
        return Err(Failure::usage(
            "this POP3 command needs a login: give --user (or --auth external, or --pipe a pre-authenticated server)",
        ));
    }
    check_auth_user(&conn.connect, conn.auth)?;
    let login = credentials(&conn.connect, conn.auth, &connect)?.map(|c| {
        if conn.apop {
            Login::Apop(c)
        } else if let Some(choice) = conn.auth {
            Login::Sasl(mechanism(choice), c)
        } else {
            Login::UserPass(c)
        }
    });
    Ok(Pop3Plan {
        connect,
        login,
        show_data: conn.show_data,
        action,
    })
}
