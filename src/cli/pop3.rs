//! `mailctl pop3 …` arguments.

use super::*;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct Pop3Args {
    #[command(subcommand)]
    pub command: Pop3Command,
}

/// Connection and login options of every POP3 subcommand.
#[derive(Debug, Args)]
pub struct Pop3Conn {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting.
    #[arg(long, conflicts_with = "auth")]
    pub apop: bool,

    /// Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered.
    /// `external` needs no --user.
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Show message bodies in the transcript line by line instead of a size summary.
    #[arg(long)]
    pub show_data: bool,
}

#[derive(Debug, Subcommand)]
pub enum Pop3Command {
    /// Show the server's capabilities (CAPA, RFC 2449); logs in only if --user is given.
    Capa {
        #[command(flatten)]
        conn: Pop3Conn,
    },
    /// Number of messages and total size (STAT).
    Stat {
        #[command(flatten)]
        conn: Pop3Conn,
    },
    /// Message numbers and sizes (LIST), all or one.
    List {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: Option<u32>,
    },
    /// Message numbers and unique ids (UIDL), all or one.
    Uidl {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: Option<u32>,
    },
    /// Retrieve one message (RETR), streamed to stdout or a file as it arrives.
    ///
    /// With -o the message is written to a new file under a random name beside FILE, synced,
    /// then moved into place: a failure never leaves a truncated FILE. The body may be at most
    /// twice the size LIST gives plus 64 KiB (exit 7 past it). The transcript goes to stderr
    /// when the message goes to stdout; a reader that closes it early is exit 141.
    Retr {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number (or unique id with --uid).
        msg: String,
        /// Take MSG as a UIDL unique id.
        #[arg(long)]
        uid: bool,
        /// Write the message to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Delete the message on the server after it was completely written and synced to disk.
        /// To stdout only when stdout is a regular file (> FILE); refused for a pipe or terminal.
        #[arg(long)]
        delete: bool,
        /// With -o FILE: after writing the message, show its MIME tree as `mime show` does
        /// (sections, types, sizes, offsets, PGP/S/MIME labels, problems).
        #[arg(long, requires = "output")]
        mime: bool,
    },
    /// Headers and the first LINES lines of the body (TOP).
    Top {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message number.
        msg: u32,
        /// Body lines to show.
        lines: u32,
    },
    /// Delete messages (DELE, committed by QUIT). The only subcommand that deletes.
    Dele {
        #[command(flatten)]
        conn: Pop3Conn,
        /// Message numbers (or unique ids with --uid).
        #[arg(required = true)]
        msgs: Vec<String>,
        /// Take the arguments as UIDL unique ids.
        #[arg(long)]
        uid: bool,
    },
    /// Log in and send NOOP: a login check.
    Noop {
        #[command(flatten)]
        conn: Pop3Conn,
    },
    Shell(Box<ShellArgs>),
}

impl Pop3Command {
    /// The connection options (None for `shell`, which has its own).
    pub fn conn(&self) -> Option<&Pop3Conn> {
        Some(match self {
            Pop3Command::Capa { conn }
            | Pop3Command::Stat { conn }
            | Pop3Command::List { conn, .. }
            | Pop3Command::Uidl { conn, .. }
            | Pop3Command::Retr { conn, .. }
            | Pop3Command::Top { conn, .. }
            | Pop3Command::Dele { conn, .. }
            | Pop3Command::Noop { conn } => conn,
            Pop3Command::Shell(_) => return None,
        })
    }
}
