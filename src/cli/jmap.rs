//! `mailctl jmap …` arguments (RFC 8620 core, RFC 8621 mail).

use super::*;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct JmapArgs {
    #[command(subcommand)]
    pub command: JmapCommand,
}

/// How JMAP requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JmapAuth {
    /// HTTP Basic (RFC 7617) with --user and its password.
    Basic,
    /// An OAuth 2.0 bearer token (RFC 6750), read like a password (--password-env,
    /// --password-file, MAILCTL_PASSWORD or a prompt); --user only names whose token it is and
    /// is not sent.
    Bearer,
}

/// Server, TLS, login and output options of every JMAP subcommand.
#[derive(Debug, Args)]
pub struct JmapConn {
    /// --server is a host (HOST[:PORT]: the session is discovered at
    /// https://HOST/.well-known/jmap, RFC 8620 §2.2), a URL whose path is `/` (the same, on that
    /// scheme, host and port), or the session resource's URL itself. Redirects are followed (at
    /// most 5, each in the transcript); --port, --tls and --starttls do not apply.
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// How to authenticate: `basic` (the default with --user) or `bearer`.
    #[arg(long, value_name = "SCHEME", ignore_case = true)]
    pub auth: Option<JmapAuth>,

    /// Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl's syntax: empty fields
    /// match any or keep the original); the certificate is still checked against HOST1 and the
    /// Host header names it. Repeatable.
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2")]
    pub connect_to: Vec<String>,

    /// Show request and response bodies in the transcript (JSON pretty-printed) instead of a
    /// size summary.
    #[arg(long)]
    pub show_data: bool,
}

#[derive(Debug, Subcommand)]
pub enum JmapCommand {
    /// The session resource summarised: accounts, capabilities and their limits (maxSizeUpload,
    /// maxCallsInRequest, maxObjectsInGet …), and the API, download, upload and event-source
    /// URLs.
    Capability {
        #[command(flatten)]
        conn: JmapConn,
    },
    /// Mailboxes (Mailbox/get): name, role, total and unread emails and threads.
    List {
        #[command(flatten)]
        conn: JmapConn,
    },
    /// Find emails (Email/query, newest first) and show their header table.
    Search {
        #[command(flatten)]
        conn: JmapConn,
        /// From header contains this text.
        #[arg(long, value_name = "TEXT")]
        from: Option<String>,
        /// To header contains this text.
        #[arg(long, value_name = "TEXT")]
        to: Option<String>,
        /// Subject contains this text.
        #[arg(long, value_name = "TEXT")]
        subject: Option<String>,
        /// Any header or body text contains this (servers answer from their search index).
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// Received before this UTC time (RFC 3339, e.g. 2026-12-01T00:00:00Z, or a date).
        #[arg(long, value_name = "TIME")]
        before: Option<String>,
        /// Received at or after this UTC time (RFC 3339, or a date).
        #[arg(long, value_name = "TIME")]
        after: Option<String>,
        /// Only in this mailbox: its name (as `list` shows it), role (inbox, sent …) or id.
        #[arg(long, value_name = "MAILBOX")]
        in_mailbox: Option<String>,
        /// At most this many emails.
        #[arg(long, value_name = "N", default_value = "50", value_parser = whole::<u64, 1, 10000>)]
        limit: u64,
    },
    /// Show emails' header table (Email/get), or write one raw message (RFC 5322 bytes from the
    /// download URL) to a file or stdout with --raw.
    Fetch {
        #[command(flatten)]
        conn: JmapConn,
        /// Email ids (as `search` shows them).
        #[arg(required = true, num_args = 1..)]
        ids: Vec<String>,
        /// Download the whole message (one id) as it is stored, streamed to -o FILE (created
        /// new, renamed into place when complete) or stdout.
        #[arg(long)]
        raw: bool,
        /// The file for --raw.
        #[arg(short, long, value_name = "FILE", requires = "raw")]
        output: Option<PathBuf>,
        /// Overwrite the output file.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Send a message: uploaded as is, Email/import into the Drafts mailbox, then
    /// EmailSubmission/set (RFC 8621 §7) with an explicit envelope; on success the email moves
    /// to Sent. Per-recipient results from the server's deliveryStatus.
    Send {
        #[command(flatten)]
        conn: JmapConn,
        /// Envelope sender and From: header (must match one of the account's identities).
        #[arg(short, long, value_name = "ADDR")]
        from: String,
        /// Recipient (repeatable); also the To: header of a built message.
        #[arg(short, long, value_name = "ADDR", required = true)]
        to: Vec<String>,
        /// Subject of a built message.
        #[arg(long, value_name = "TEXT")]
        subject: Option<String>,
        /// Body text of a built message.
        #[arg(long, value_name = "TEXT")]
        body: Option<String>,
        /// Extra header of a built message, 'Name: value' (repeatable).
        #[arg(long = "header", value_name = "HEADER")]
        headers: Vec<String>,
        /// Send this message file (or - for stdin) as it is instead of building one.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["subject", "body", "headers"])]
        data: Option<String>,
    },
    /// Wait for changes pushed over the event source (RFC 8620 §7.3) and show each state
    /// change, until --for, --count or --max-time.
    Watch {
        #[command(flatten)]
        conn: JmapConn,
        /// Stop after this long (e.g. 30s, 5m).
        #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
        duration: Option<std::time::Duration>,
        /// Stop after this many state changes.
        #[arg(long, value_name = "N", value_parser = whole::<u64, 1, 1000000>)]
        count: Option<u64>,
    },
}

impl JmapCommand {
    pub fn conn(&self) -> &JmapConn {
        match self {
            JmapCommand::Capability { conn }
            | JmapCommand::List { conn }
            | JmapCommand::Search { conn, .. }
            | JmapCommand::Fetch { conn, .. }
            | JmapCommand::Send { conn, .. }
            | JmapCommand::Watch { conn, .. } => conn,
        }
    }
}
