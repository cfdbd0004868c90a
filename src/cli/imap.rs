//! `mailctl imap …` arguments.

use super::*;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImapArgs {
    #[command(subcommand)]
    pub command: ImapCommand,
}

/// Connection and login options of every IMAP subcommand.
#[derive(Debug, Args)]
pub struct ImapConn {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks
    /// the strongest mechanism offered. `external` needs no --user.
    #[arg(short, long, value_name = "MECH", num_args = 0..=1, default_missing_value = "auto", ignore_case = true)]
    pub auth: Option<AuthChoice>,

    /// Show message data in the transcript instead of a size summary.
    #[arg(long)]
    pub show_data: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImapCommand {
    /// Show the server's capabilities (before and, with --user, after login).
    Capability {
        #[command(flatten)]
        conn: ImapConn,
    },
    /// List mailboxes (LIST), optionally with STATUS counters per mailbox.
    List {
        #[command(flatten)]
        conn: ImapConn,
        /// Reference name (RFC 9051 §6.3.9).
        #[arg(default_value = "")]
        reference: String,
        /// Mailbox pattern: `*` matches everything, `%` one level.
        #[arg(default_value = "*")]
        pattern: String,
        /// Add MESSAGES, UNSEEN, RECENT, UIDNEXT and UIDVALIDITY for each mailbox (STATUS).
        #[arg(long)]
        status: bool,
    },
    /// Open a mailbox read-only (EXAMINE) and show what the server reports about it.
    Select {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox name (shown and given in UTF-8; encoded as modified UTF-7 on the wire).
        mailbox: String,
    },
    /// Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid).
    Search {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to search, opened read-only with EXAMINE (UTF-8; modified UTF-7 on the wire).
        mailbox: String,
        /// Search criteria, as IMAP syntax: e.g. UNSEEN, FROM alice, SINCE 1-Nov-2026.
        #[arg(required = true, num_args = 1..)]
        criteria: Vec<String>,
        /// Return UIDs (UID SEARCH).
        #[arg(long)]
        uid: bool,
    },
    /// Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen).
    ///
    /// Default: a table of UID, date, from, subject, size and flags. --full writes one .eml per
    /// message into DIR; --part writes one body section. Large messages are streamed to their
    /// file as they arrive, never held in memory.
    Fetch {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to fetch from, opened read-only with EXAMINE (SELECT with --mark-seen); UTF-8.
        mailbox: String,
        /// Message set: e.g. 1:*, 1,3,5:7 (UIDs with --uid).
        set: String,
        /// Show the header table (the default).
        #[arg(long, conflicts_with_all = ["full", "part"])]
        headers: bool,
        /// Write each whole message as DIR/<UID>.eml.
        #[arg(long, requires = "output")]
        full: bool,
        /// Write one body section (e.g. 1, 1.2, HEADER, TEXT) of each message.
        #[arg(long, value_name = "SECTION", conflicts_with = "full")]
        part: Option<String>,
        /// Output: a directory for --full; a file for --part (default stdout).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
        /// The set is UIDs (UID FETCH).
        #[arg(long)]
        uid: bool,
        /// Fetch with BODY[] instead of BODY.PEEK[]: the server marks the messages \Seen.
        #[arg(long)]
        mark_seen: bool,
        /// With --full: after writing each message, show its MIME tree as `mime show` does
        /// (sections, types, sizes, offsets, PGP/S/MIME labels, problems).
        #[arg(long, requires = "full")]
        mime: bool,
    },
    /// Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for.
    Idle {
        #[command(flatten)]
        conn: ImapConn,
        /// Mailbox to watch, opened read-only with EXAMINE (UTF-8; modified UTF-7 on the wire).
        mailbox: String,
        /// Stop after this long (e.g. 30s, 5m).
        #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
        duration: Option<std::time::Duration>,
    },
    /// Log in, send one command and show the tagged reply (and untagged data).
    Raw {
        #[command(flatten)]
        conn: ImapConn,
        /// The command without its tag, e.g. 'STATUS INBOX (MESSAGES)'.
        command: String,
    },
    Shell(Box<ShellArgs>),
}

impl ImapCommand {
    /// The connection options (None for `shell`, which has its own).
    pub fn conn(&self) -> Option<&ImapConn> {
        Some(match self {
            ImapCommand::Capability { conn }
            | ImapCommand::List { conn, .. }
            | ImapCommand::Select { conn, .. }
            | ImapCommand::Search { conn, .. }
            | ImapCommand::Fetch { conn, .. }
            | ImapCommand::Idle { conn, .. }
            | ImapCommand::Raw { conn, .. } => conn,
            ImapCommand::Shell(_) => return None,
        })
    }
}
