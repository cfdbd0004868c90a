//! Failure taxonomy: every failure names the phase it happened in and maps to one documented exit code.
//! A command that ran to its end but found something short of a plain success (a partial
//! delivery, audit findings, an SPF/DKIM/DMARC result) ends on a [`Verdict`] instead: a result,
//! not a failure, with its own documented exit code.
//!
//! The exit-code table lives here and nowhere else; README.md and the man page are written from
//! [`EXIT_CODES`], and a test checks they agree.

use serde::Serialize;
use std::fmt;

/// Where in a session something happened. Used for per-phase timings and to name failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Parsing arguments, reading local files, building the message.
    Setup,
    /// Name resolution: MX lookup, A/AAAA of the host.
    Resolve,
    /// TCP connect.
    Connect,
    /// The `--proxy` hop after connecting to the proxy: the SOCKS5 negotiation or the HTTP
    /// CONNECT exchange that opens the tunnel to the target.
    Proxy,
    /// TLS handshake and certificate verification.
    Tls,
    /// Waiting for the server greeting.
    Banner,
    /// EHLO / HELO / LHLO.
    Ehlo,
    /// POP3 CAPA / IMAP CAPABILITY.
    Capa,
    /// The STARTTLS (or STLS) command before the handshake.
    Starttls,
    /// AUTH / login.
    Auth,
    /// MAIL FROM.
    Mail,
    /// RCPT TO.
    Rcpt,
    /// DATA / BDAT and the message transfer.
    Data,
    /// IMAP SELECT / EXAMINE / STATUS of a mailbox.
    Select,
    /// The command the user asked for (POP3 RETR/LIST/DELE…, IMAP FETCH/SEARCH/LIST…).
    Command,
    /// QUIT / LOGOUT.
    Quit,
    /// The server lacks what the user required (STARTTLS/STLS, CHUNKING for --bdat, SMTPUTF8
    /// for a non-ASCII envelope): mailctl refused to go on before sending the command. Only a
    /// failure's phase, never timed: no command belongs to it.
    Capability,
}

impl Phase {
    /// Every phase, in session order: README's phase list is checked against this.
    pub const ALL: &'static [Phase] = &[
        Phase::Setup,
        Phase::Resolve,
        Phase::Connect,
        Phase::Proxy,
        Phase::Tls,
        Phase::Banner,
        Phase::Ehlo,
        Phase::Capa,
        Phase::Starttls,
        Phase::Auth,
        Phase::Mail,
        Phase::Rcpt,
        Phase::Data,
        Phase::Select,
        Phase::Command,
        Phase::Quit,
        Phase::Capability,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Setup => "setup",
            Phase::Resolve => "resolve",
            Phase::Connect => "connect",
            Phase::Proxy => "proxy",
            Phase::Tls => "tls",
            Phase::Banner => "banner",
            Phase::Ehlo => "ehlo",
            Phase::Capa => "capa",
            Phase::Starttls => "starttls",
            Phase::Auth => "auth",
            Phase::Mail => "mail",
            Phase::Rcpt => "rcpt",
            Phase::Data => "data",
            Phase::Select => "select",
            Phase::Command => "command",
            Phase::Quit => "quit",
            Phase::Capability => "capability",
        }
    }

    /// Exit code used when the server rejects the command of this phase.
    fn rejection_code(self) -> i32 {
        match self {
            Phase::Banner => 20,
            Phase::Ehlo | Phase::Capa => 21,
            Phase::Starttls => 22,
            Phase::Auth => 23,
            Phase::Mail => 24,
            Phase::Rcpt => 25,
            Phase::Data => 26,
            Phase::Quit => 27,
            Phase::Select => 28,
            Phase::Command => 29,
            // Nothing is "rejected" by a missing capability; mailctl refused (Kind::Capability).
            Phase::Capability => 18,
            // A "rejection" before the dialogue starts cannot come from a server; treat as usage.
            Phase::Setup => 2,
            Phase::Resolve => 3,
            // The proxy refused to open the tunnel (a SOCKS5 reply code, an HTTP status other
            // than 2xx, a refused proxy login): no connection to the target exists, which is
            // what exit 4 means with or without a proxy; the phase says it was the proxy.
            Phase::Connect | Phase::Proxy => 4,
            Phase::Tls => 5,
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The class of a failure (the command could not do what was asked); with the phase it decides
/// the exit code. What a command that ran to its end concluded is a [`Verdict`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Bad command line or unusable input.
    Usage,
    /// DNS or host resolution failed.
    Resolve,
    /// No TCP connection could be made.
    Connect,
    /// TLS handshake or certificate verification failed.
    Tls,
    /// The server does not offer what the user required (STARTTLS/STLS, CHUNKING, SMTPUTF8);
    /// mailctl stopped before sending the command, and the session is still in step.
    Capability,
    /// The server answered with a 4xx/5xx (or -ERR / NO / BAD) at the phase.
    Rejected,
    /// The peer did not answer within --timeout.
    Timeout,
    /// The whole session took longer than --max-time (a peer that answers just fast enough to
    /// keep each reply within --timeout still ends).
    MaxTime,
    /// The peer sent something that violates the protocol (malformed reply, overlong line, …).
    Protocol,
    /// The peer closed the connection when we expected more.
    Closed,
    /// Reading or writing a local file failed.
    LocalIo,
    /// A lookup failed (SERVFAIL, REFUSED, timeout): the answer is unknown, so nothing could be
    /// judged.
    TempError,
    /// The user pressed Ctrl-C (SIGINT) before the work was done (load mode: the summary covers
    /// what was sent until then).
    Interrupted,
    /// Retrieved data could not all be written to stdout: the reader closed the pipe first.
    BrokenPipe,
    /// A bug in mailctl.
    Internal,
}

/// What a command that ran to its end concluded, when that is not a plain success: the message
/// went out but not to everyone, the records were read and judged, the signatures were checked.
/// Nothing failed; the result itself is the news. JSON names a verdict where it names a failure
/// (`error.kind`), so the two share one list of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The message was accepted for some recipients and rejected for others (load mode: some
    /// messages were accepted, others not).
    Partial,
    /// A DNS audit completed; its worst finding is a warning.
    Warnings,
    /// A DNS audit completed; a record is invalid or missing where it must exist (dmarc
    /// evaluate: fail or permerror).
    Errors,
    /// SPF evaluation (--ip) gave fail or softfail (RFC 7208 §2.6.4, §2.6.5).
    SpfFail,
    /// SPF evaluation (--ip) gave neutral or none: the client is not authorized either way
    /// (RFC 7208 §2.6.1, §2.6.2).
    SpfNeutral,
    /// DKIM: at least one message has a signature that does not verify (and none passed).
    DkimFail,
    /// DKIM: at least one message carries no DKIM signature at all (dmarc evaluate: no DMARC
    /// record, RFC 7489 §6.6.3).
    DkimNone,
    /// pgp verify, smime verify: no signature verifies over the signed part (it changed after
    /// signing, the signature is over other data, a bad signature value, an unreadable or
    /// unsupported signature).
    SignatureBad,
    /// pgp verify: no key given or found has the key ID the signature names.
    SignatureNoKey,
    /// pgp verify, smime verify: the signature verifies, but its signer is not to be trusted
    /// for this message (OpenPGP: the key is revoked, had expired when it signed, may not sign,
    /// or has no user ID for the sender; S/MIME: no chain to --ca-file, an expired certificate,
    /// no emailProtection, another address).
    SignatureUntrusted,
    /// pgp verify, smime verify: the message carries no signature of that kind to check
    /// (unsigned, the other kind, or encrypted).
    Unsigned,
}

impl Verdict {
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Partial => 10,
            Verdict::Warnings => 11,
            Verdict::Errors => 12,
            Verdict::SpfFail => 14,
            Verdict::SpfNeutral => 15,
            Verdict::DkimFail => 16,
            Verdict::DkimNone => 17,
            Verdict::SignatureBad => 30,
            Verdict::SignatureNoKey => 31,
            Verdict::SignatureUntrusted => 32,
            Verdict::Unsigned => 33,
        }
    }
}

/// One row of the exit-code table.
pub struct ExitCodeRow {
    pub code: i32,
    pub name: &'static str,
    pub meaning: &'static str,
}

/// The documented exit codes. Codes 20–27 are "the server rejected the command of this phase".
pub const EXIT_CODES: &[ExitCodeRow] = &[
    ExitCodeRow {
        code: 0,
        name: "ok",
        meaning: "success",
    },
    ExitCodeRow {
        code: 1,
        name: "internal",
        meaning: "internal error (a bug in mailctl)",
    },
    ExitCodeRow {
        code: 2,
        name: "usage",
        meaning: "bad command line or unusable input",
    },
    ExitCodeRow {
        code: 3,
        name: "resolve",
        meaning: "DNS / host resolution failed (including null MX)",
    },
    ExitCodeRow {
        code: 4,
        name: "connect",
        meaning: "TCP connection failed (refused, unreachable, connect timeout), or --proxy did not open the tunnel (phase `proxy`: a SOCKS5 reply code, an HTTP status other than 2xx, a refused proxy login); smtp sink: cannot listen on the address",
    },
    ExitCodeRow {
        code: 5,
        name: "tls",
        meaning: "TLS handshake or certificate verification failed",
    },
    ExitCodeRow {
        code: 6,
        name: "timeout",
        meaning: "the server stopped answering for longer than --timeout",
    },
    ExitCodeRow {
        code: 7,
        name: "protocol",
        meaning: "protocol violation: malformed or overlong reply",
    },
    ExitCodeRow {
        code: 8,
        name: "closed",
        meaning: "the server closed the connection unexpectedly",
    },
    ExitCodeRow {
        code: 9,
        name: "local-io",
        meaning: "reading or writing a local file failed",
    },
    ExitCodeRow {
        code: 10,
        name: "partial",
        meaning: "message accepted for some recipients, rejected for others, at RCPT or (LMTP) in a recipient's own reply after the message (smtp send --count: some messages accepted, others not)",
    },
    ExitCodeRow {
        code: 11,
        name: "dns-warnings",
        meaning: "dns, audit: the audit completed and its worst finding is a warning; mime show: the message has warnings only",
    },
    ExitCodeRow {
        code: 12,
        name: "dns-errors",
        meaning: "dns, audit: a record is invalid or an MX address failed a probe (audit), or missing where it must exist (SPF permerror included); dmarc evaluate: fail or permerror; mime show: the message structure is broken (unclosed boundary, undecodable base64, broken header)",
    },
    ExitCodeRow {
        code: 13,
        name: "dns-temperror",
        meaning: "a DNS lookup failed (SERVFAIL, REFUSED, timeout), so the answer is unknown (dns, audit, dkim verify, dmarc evaluate)",
    },
    ExitCodeRow {
        code: 14,
        name: "spf-fail",
        meaning: "dns spf --ip: the result is fail or softfail",
    },
    ExitCodeRow {
        code: 15,
        name: "spf-neutral",
        meaning: "dns spf --ip: the result is neutral or none",
    },
    ExitCodeRow {
        code: 16,
        name: "dkim-fail",
        meaning: "dkim verify: a message has no valid signature (fail, permerror)",
    },
    ExitCodeRow {
        code: 17,
        name: "dkim-none",
        meaning: "dkim verify: a message is not signed (and none failed); dmarc evaluate: no DMARC policy",
    },
    ExitCodeRow {
        code: 18,
        name: "capability",
        meaning: "the server lacks what was required: STARTTLS/STLS for --starttls (an IMAP PREAUTH greeting makes it impossible too), CHUNKING for --bdat, SMTPUTF8 for a non-ASCII envelope; nothing was sent instead, and the session was ended with QUIT/LOGOUT; jmap: the session offers no account for what the command needs, or (watch) the server's push is off",
    },
    ExitCodeRow {
        code: 19,
        name: "max-time",
        meaning: "the session (dns, dkim verify, dmarc evaluate: the command) took longer than --max-time (default 10m; check: 1m per target), whatever the phase",
    },
    ExitCodeRow {
        code: 20,
        name: "rejected-banner",
        meaning: "server greeting was not 2xx (or the server refused service)",
    },
    ExitCodeRow {
        code: 21,
        name: "rejected-ehlo",
        meaning: "EHLO/HELO/LHLO (or IMAP CAPABILITY) rejected; jmap: the session resource could not be read (an HTTP status other than 2xx or 3xx)",
    },
    ExitCodeRow {
        code: 22,
        name: "rejected-starttls",
        meaning: "STARTTLS command rejected",
    },
    ExitCodeRow {
        code: 23,
        name: "rejected-auth",
        meaning: "authentication failed, or no login the server offers here is usable (LOGINDISABLED, no USER, no common SASL mechanism: nothing was sent), or a SCRAM server could not prove it knows the password; jmap: HTTP 401 or 403",
    },
    ExitCodeRow {
        code: 24,
        name: "rejected-mail",
        meaning: "MAIL FROM rejected",
    },
    ExitCodeRow {
        code: 25,
        name: "rejected-rcpt",
        meaning: "every recipient was rejected",
    },
    ExitCodeRow {
        code: 26,
        name: "rejected-data",
        meaning: "DATA/BDAT or the message itself rejected",
    },
    ExitCodeRow {
        code: 27,
        name: "rejected-quit",
        meaning: "QUIT rejected or lost where it matters (POP3: deletions were not committed); after SMTP accepted the message a lost QUIT is only a warning (exit 0)",
    },
    ExitCodeRow {
        code: 28,
        name: "rejected-select",
        meaning: "IMAP mailbox could not be selected/examined (NO/BAD)",
    },
    ExitCodeRow {
        code: 29,
        name: "rejected-command",
        meaning: "the requested POP3/IMAP command was refused (-ERR, NO, BAD); jmap: the API request was refused (a problem details object, RFC 8620 §3.6.1) or a method answered with an error (§3.6.2); shell scripts: the reply to a command of no other phase (NOOP, VRFY, STAT, FETCH…) did not meet its expectation",
    },
    ExitCodeRow {
        code: 30,
        name: "signature-bad",
        meaning: "pgp verify, smime verify: no signature verifies over the signed part (the part changed after signing, the signature is over other data, a bad signature value, a signer certificate missing, an unsupported algorithm, an unreadable signature)",
    },
    ExitCodeRow {
        code: 31,
        name: "signature-no-key",
        meaning: "pgp verify: no key given (--key) or found (--wkd, --dns) has the key ID or fingerprint the signature names",
    },
    ExitCodeRow {
        code: 32,
        name: "signature-untrusted",
        meaning: "pgp verify, smime verify: the signature verifies but it does not vouch for this message: the sender cannot be read from From:, or a From: mailbox is not the signer's (OpenPGP: the key is revoked, expired, may not sign, or has no user ID for it; the signature itself expired or claims a time in the future or before its key; S/MIME: no chain to --ca-file, a certificate expired or not yet valid, no emailProtection key purpose or no signing key usage, the certificate does not name the address)",
    },
    ExitCodeRow {
        code: 33,
        name: "unsigned",
        meaning: "pgp verify, smime verify: nothing of that kind to verify: no OpenPGP (pgp) or S/MIME (smime) signature in the message, or it is encrypted (a signature inside needs the recipient's secret key; S/MIME recipients are shown) or carries certificates only",
    },
    ExitCodeRow {
        code: 130,
        name: "interrupted",
        meaning: "stopped by Ctrl-C (128 + SIGINT, as a shell reports it): smtp send --count, whose summary counts what was sent until then; pop3 and imap (also on SIGTERM), which remove a partial output file and commit no deletion",
    },
    ExitCodeRow {
        code: 141,
        name: "broken-pipe",
        meaning: "stdout was closed before the data (pop3 retr/top, imap fetch --part, dkim sign) was complete (128 + SIGPIPE, as a shell reports it); nothing is deleted after it",
    },
];

/// The exit codes of `mailctl check`, which follow the Nagios plugin guidelines instead of the
/// table above (monitoring systems read them as the service state). A target the check cannot
/// reach (refused, timed out, TLS failed, login refused) is CRITICAL; UNKNOWN is only for what
/// the check could not do because of the command line or the local machine.
pub const CHECK_EXIT_CODES: &[ExitCodeRow] = &[
    ExitCodeRow {
        code: 0,
        name: "OK",
        meaning: "check: every target passed",
    },
    ExitCodeRow {
        code: 1,
        name: "WARNING",
        meaning: "check: the worst target crossed a warning threshold (time, phase time, certificate days) or could not clean up",
    },
    ExitCodeRow {
        code: 2,
        name: "CRITICAL",
        meaning: "check: a target failed (unreachable, refused, TLS or login failed, lacks a required capability such as STARTTLS, unexpected greeting, message not delivered in time) or crossed a critical threshold",
    },
    ExitCodeRow {
        code: 3,
        name: "UNKNOWN",
        meaning: "check: bad command line or targets file, or a local error (unreadable CA or password file); nothing was judged",
    },
];

/// A failure: what went wrong, in which phase, and what the server said.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub phase: Phase,
    pub kind: Kind,
    pub message: String,
    /// The server's reply (all lines, escaped for display) when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// The failure struck in the middle of an exchange (a local write failed while a body was
    /// still arriving, a TLS name refused after the server's go-ahead): whatever its kind, the
    /// dialogue is out of step and no QUIT/LOGOUT can follow (see `proto::in_step`).
    #[serde(skip)]
    pub(crate) desynced: bool,
}

impl Failure {
    pub fn new(phase: Phase, kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            phase,
            kind,
            message: message.into(),
            reply: None,
            desynced: false,
        }
    }

    /// Mark the dialogue as out of step after this failure (the `desynced` field).
    pub fn out_of_step(mut self) -> Self {
        self.desynced = true;
        self
    }

    pub fn with_reply(mut self, reply: impl Into<String>) -> Self {
        self.reply = Some(reply.into());
        self
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Phase::Setup, Kind::Usage, message)
    }

    pub fn local_io(message: impl Into<String>) -> Self {
        Failure::new(Phase::Setup, Kind::LocalIo, message)
    }

    /// A local I/O or parse error, with what mailctl was doing and the error's whole `source()`
    /// chain (anyhow's `{:#}`: `reading x.eml: …: cause`), so no cause is dropped on the way to
    /// the user.
    pub fn local_io_from<E>(context: impl std::fmt::Display, e: E) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let e = anyhow::Error::new(e).context(context.to_string());
        Failure::local_io(format!("{e:#}"))
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Usage => 2,
            Kind::Resolve => 3,
            Kind::Connect => 4,
            Kind::Tls => 5,
            Kind::Capability => 18,
            Kind::Timeout => 6,
            Kind::MaxTime => 19,
            Kind::Protocol => 7,
            Kind::Closed => 8,
            Kind::LocalIo => 9,
            Kind::Rejected => self.phase.rejection_code(),
            Kind::TempError => 13,
            Kind::Interrupted => 130,
            Kind::BrokenPipe => 141,
            Kind::Internal => 1,
        }
    }

    /// Short stable name of the exit code (the `name` column of [`EXIT_CODES`]).
    pub fn code_name(&self) -> &'static str {
        code_name(self.exit_code())
    }
}

/// Short stable name of an exit code (the `name` column of [`EXIT_CODES`]).
pub(crate) fn code_name(code: i32) -> &'static str {
    EXIT_CODES
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.name)
        .unwrap_or("internal")
}

/// A verdict with what led to it: serialized exactly as a [`Failure`] is (`phase`, `kind`,
/// `message`, `reply`), since both are the JSON summary's `error`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    pub phase: Phase,
    pub kind: Verdict,
    pub message: String,
    /// A server reply that shows why (load mode: the most common refusal's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

impl Judgement {
    pub fn new(phase: Phase, kind: Verdict, message: impl Into<String>) -> Self {
        Judgement {
            phase,
            kind,
            message: message.into(),
            reply: None,
        }
    }

    pub fn with_reply(mut self, reply: impl Into<String>) -> Self {
        self.reply = Some(reply.into());
        self
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    pub fn code_name(&self) -> &'static str {
        code_name(self.exit_code())
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.phase, self.message)?;
        if let Some(reply) = &self.reply {
            write!(f, " (server said: {reply})")?;
        }
        Ok(())
    }
}

/// How a command that could end on a verdict ended: `Err` it failed, `Ok(Some)` it ran to its
/// end and judged, `Ok(None)` all is well.
pub type Ending = Result<Option<Judgement>, Failure>;

/// The kind of whatever kept a run from a plain success, failure or verdict: load mode counts
/// both in one table, by their JSON names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum AnyKind {
    Failed(Kind),
    Judged(Verdict),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.phase, self.message)?;
        if let Some(reply) = &self.reply {
            write!(f, " (server said: {reply})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every failure kind (see `kinds_is_complete`).
    const KINDS: [Kind; 15] = [
        Kind::Usage,
        Kind::Resolve,
        Kind::Connect,
        Kind::Tls,
        Kind::Capability,
        Kind::Rejected,
        Kind::Timeout,
        Kind::MaxTime,
        Kind::Protocol,
        Kind::Closed,
        Kind::LocalIo,
        Kind::TempError,
        Kind::Interrupted,
        Kind::BrokenPipe,
        Kind::Internal,
    ];

    /// Every verdict (see `verdicts_is_complete`).
    const VERDICTS: [Verdict; 11] = [
        Verdict::Partial,
        Verdict::Warnings,
        Verdict::Errors,
        Verdict::SpfFail,
        Verdict::SpfNeutral,
        Verdict::DkimFail,
        Verdict::DkimNone,
        Verdict::SignatureBad,
        Verdict::SignatureNoKey,
        Verdict::SignatureUntrusted,
        Verdict::Unsigned,
    ];

    /// Not called: it stops compiling when a verdict is added, until VERDICTS lists it too.
    #[allow(dead_code)]
    fn verdicts_is_complete(v: Verdict) {
        match v {
            Verdict::Partial
            | Verdict::Warnings
            | Verdict::Errors
            | Verdict::SpfFail
            | Verdict::SpfNeutral
            | Verdict::DkimFail
            | Verdict::DkimNone
            | Verdict::SignatureBad
            | Verdict::SignatureNoKey
            | Verdict::SignatureUntrusted
            | Verdict::Unsigned => {}
        }
    }

    /// Not called: it stops compiling when a kind is added, until KINDS lists it too.
    #[allow(dead_code)]
    fn kinds_is_complete(k: Kind) {
        match k {
            Kind::Usage
            | Kind::Resolve
            | Kind::Connect
            | Kind::Tls
            | Kind::Capability
            | Kind::Rejected
            | Kind::Timeout
            | Kind::MaxTime
            | Kind::Protocol
            | Kind::Closed
            | Kind::LocalIo
            | Kind::TempError
            | Kind::Interrupted
            | Kind::BrokenPipe
            | Kind::Internal => {}
        }
    }

    /// Every `error.kind` a summary can carry: failure kinds and verdicts, by their JSON names.
    fn json_kinds() -> impl Iterator<Item = AnyKind> {
        KINDS
            .into_iter()
            .map(AnyKind::Failed)
            .chain(VERDICTS.into_iter().map(AnyKind::Judged))
    }

    /// README's JSON section lists every `error.kind` a summary can carry, by its JSON name.
    #[test]
    fn readme_lists_every_failure_kind() {
        let readme = include_str!("../README.md");
        let start = readme
            .find("(`kind`: ")
            .expect("README lists the kinds as (`kind`: …)");
        let list = &readme[start..start + readme[start..].find(");").unwrap()];
        for k in json_kinds() {
            let name = serde_json::to_value(k).unwrap();
            let name = name.as_str().unwrap();
            assert!(
                list.contains(&format!("`{name}`")),
                "README's kind list lacks `{name}`"
            );
        }
    }

    /// A verdict and a failure never share a JSON name: `error.kind` alone tells them apart.
    #[test]
    fn verdict_and_failure_names_are_distinct() {
        let mut names: Vec<String> = json_kinds()
            .map(|k| {
                serde_json::to_value(k)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    /// A judgement serializes as a failure of the same name would (the JSON `error` field).
    #[test]
    fn a_judgement_serializes_like_a_failure() {
        let j = Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2").with_reply("550 no");
        assert_eq!(
            serde_json::to_string(&j).unwrap(),
            r#"{"phase":"rcpt","kind":"partial","message":"1 of 2","reply":"550 no"}"#
        );
        let j = Judgement::new(Phase::Resolve, Verdict::Warnings, "1 warning(s)");
        assert_eq!(
            serde_json::to_string(&j).unwrap(),
            r#"{"phase":"resolve","kind":"warnings","message":"1 warning(s)"}"#
        );
        assert_eq!(
            (j.exit_code(), j.code_name(), j.to_string()),
            (11, "dns-warnings", "resolve: 1 warning(s)".to_string())
        );
    }

    #[test]
    fn every_exit_code_a_verdict_can_produce_is_documented() {
        for v in VERDICTS {
            let code = v.exit_code();
            assert!(
                EXIT_CODES.iter().any(|r| r.code == code),
                "{v:?} -> {code} undocumented"
            );
        }
    }

    #[test]
    fn every_exit_code_a_failure_can_produce_is_documented() {
        let kinds = KINDS;
        for k in kinds {
            for &p in Phase::ALL {
                let f = Failure::new(p, k, "x");
                let code = f.exit_code();
                assert!(
                    EXIT_CODES.iter().any(|r| r.code == code),
                    "{k:?}/{p:?} -> {code} undocumented"
                );
            }
        }
    }

    /// A new phase must be added to [`Phase::ALL`] (and so to README's list): this match stops
    /// compiling until it is.
    #[test]
    fn phase_all_is_complete() {
        let n = |p: Phase| match p {
            Phase::Setup
            | Phase::Resolve
            | Phase::Connect
            | Phase::Proxy
            | Phase::Tls
            | Phase::Banner
            | Phase::Ehlo
            | Phase::Capa
            | Phase::Starttls
            | Phase::Auth
            | Phase::Mail
            | Phase::Rcpt
            | Phase::Data
            | Phase::Select
            | Phase::Command
            | Phase::Quit
            | Phase::Capability => 1,
        };
        assert_eq!(Phase::ALL.iter().map(|&p| n(p)).sum::<usize>(), 17);
    }

    /// The table documents no code that nothing produces: every row but `ok` is some failure's
    /// or some verdict's.
    #[test]
    fn every_documented_exit_code_is_produced() {
        let mut produced: Vec<i32> = VERDICTS.iter().map(|v| v.exit_code()).collect();
        for k in KINDS {
            for &p in Phase::ALL {
                produced.push(Failure::new(p, k, "x").exit_code());
            }
        }
        for r in EXIT_CODES.iter().filter(|r| r.code != 0) {
            assert!(
                produced.contains(&r.code),
                "{} ({}) is never produced",
                r.code,
                r.name
            );
        }
    }

    #[test]
    fn exit_codes_are_unique() {
        let mut codes: Vec<i32> = EXIT_CODES.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), EXIT_CODES.len());
    }
}
