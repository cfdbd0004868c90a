//! `mailctl smtp|pop3|imap shell` arguments: the interactive session, its scripts and
//! `--send`/`--expect` pairs.

use super::*;
use clap::Args;

/// An interactive session with the server (the telnet / `openssl s_client -starttls`
/// replacement), or a scripted one.
///
/// Each line typed is sent with CRLF; the reply is read until it is complete (SMTP: the final
/// `NNN ` line; POP3: +OK/-ERR and the multi-line body of RETR, TOP, LIST, UIDL, CAPA; IMAP: the
/// tagged reply, with literals and `+` continuations). Every line is shown timed, C: sent and S:
/// received; server data that arrives while you type (IMAP IDLE, SMTP 421) is shown at once.
/// Typing STARTTLS (POP3: STLS) performs the verified TLS handshake after the server's yes.
///
/// Helpers, never sent: `:auth MECH` (SASL with --user and its password, shown as ***),
/// `:login` (POP3 USER/PASS, IMAP LOGIN), `:data FILE` (SMTP: DATA, the file dot-stuffed, `.`),
/// `:quit`, `:help`. IMAP lines that start with a command name get a tag (a1, a2, ...).
/// Ctrl-D ends with QUIT/LOGOUT; Ctrl-C clears the line, a second one leaves. History is kept in
/// memory only: typed lines may hold credentials, so nothing is written to disk.
///
/// Without a terminal on stdin (or with --script / --send), the lines come from the script:
/// `> LINE` sends, `< REPLY [TEXT]` expects (SMTP a code or its first digits: 2, 25, 250; POP3
/// +OK/-ERR; IMAP OK/NO/BAD of the tagged reply; TEXT must appear in the reply), `#` comments,
/// the helpers, and any other line is sent. The first unmet expectation ends the session with
/// QUIT, failing in the phase of the command it answered (MAIL: exit 24, RCPT: 25, ...).
///
/// Examples:
///
///   mailctl smtp shell -s mail.example.org:587 --starttls --user me@example.org
///
///   printf '< 220\n> EHLO me.example\n< 250 STARTTLS\n' | mailctl smtp shell -s mx.example.org
///
///   mailctl smtp shell -s mx.example.org --send "EHLO me.example" --expect 250 --send "MAIL FROM:<>" --expect 250
#[derive(Debug, Args)]
pub struct ShellArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,

    /// Run this script instead of reading the terminal (`-` for stdin).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["send", "expect"])]
    pub script: Option<String>,

    /// Send this line (repeatable, in order); with --expect, a check of each reply. A line
    /// that would put a credential in argv, where ps shows it (POP3 PASS x, APOP user digest,
    /// IMAP LOGIN user pass or with a {n} literal, an AUTH/AUTHENTICATE initial response, the
    /// line right after a bare AUTH MECH) is refused: use :login or :auth with --user, or a
    /// --script file.
    #[arg(long, value_name = "LINE")]
    pub send: Vec<String>,

    /// The reply to the --send of the same position must match (repeatable; '' checks nothing):
    /// SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply
    /// must contain.
    #[arg(long, value_name = "REPLY", requires = "send")]
    pub expect: Vec<String>,

    /// The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command,
    /// checked as they arrive; also the IMAP updates an IDLE keeps for `<`, oldest dropped):
    /// e.g. 1024, 64k, 16M. A reply over it ends the session (exit 7).
    #[arg(long, value_name = "BYTES", default_value = "16M", value_parser = parse_size)]
    pub max_reply: u64,

    /// Show the message `:data` sends line by line instead of a size summary (what the server
    /// sends is always shown line by line).
    #[arg(long)]
    pub show_data: bool,

    /// SMTP: the name for the EHLO that --starttls sends before and after the upgrade.
    /// Default: this machine's host name.
    #[arg(long, value_name = "NAME", alias = "ehlo")]
    pub helo: Option<String>,
}
