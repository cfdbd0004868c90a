//! The protocol side of `smtp|pop3|imap shell`: the telnet / `openssl s_client -starttls`
//! replacement. Lines typed (or scripted) go out with CRLF; the reply is read until it is
//! complete for the protocol (SMTP: the `NNN ` line, RFC 5321 §4.2.1; POP3: the status line and,
//! for the commands that have one, the multi-line body up to `.`, RFC 1939 §3; IMAP: the tagged
//! response for our tag, with literals in server data and `+` continuations, RFC 9051 §2.2);
//! STARTTLS/STLS typed by the user is carried out with a verified handshake; `:` helpers do
//! what cannot be typed by hand (SASL, a message file). Everything goes through the same
//! [`Wire`], so every line is a timed `C:`/`S:` event. Nothing here prints or reads the terminal.

pub(crate) mod script;

use crate::error::{Failure, Kind, Phase};
use crate::event::{EventKind, escape_bytes};
use crate::proto::imap::frame;
use crate::proto::pop3::{self, Pop3};
use crate::proto::sasl::{self, Credentials, Mechanism};
use crate::proto::smtp::client::SmtpClient;
use crate::secret::PasswordSource;
use crate::transport::tls::TlsClient;
use crate::transport::wire::{BoxIo, Outgoing, Wire};
use script::{Expect, Helper, Step};
use serde::Serialize;
use std::time::Duration;

/// Which protocol the shell speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Proto {
    Smtp,
    Pop3,
    Imap,
}

impl Proto {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Proto::Smtp => "smtp",
            Proto::Pop3 => "pop3",
            Proto::Imap => "imap",
        }
    }
}

/// IMAP command names (RFC 9051 §6 and the common extensions): a line starting with one of
/// these has no tag, and the shell adds one (`a1`, `a2`, …).
const IMAP_COMMANDS: &[&str] = &[
    "CAPABILITY",
    "NOOP",
    "LOGOUT",
    "STARTTLS",
    "AUTHENTICATE",
    "LOGIN",
    "ENABLE",
    "SELECT",
    "EXAMINE",
    "CREATE",
    "DELETE",
    "RENAME",
    "SUBSCRIBE",
    "UNSUBSCRIBE",
    "LIST",
    "LSUB",
    "XLIST",
    "NAMESPACE",
    "STATUS",
    "APPEND",
    "IDLE",
    "CLOSE",
    "UNSELECT",
    "EXPUNGE",
    "SEARCH",
    "FETCH",
    "STORE",
    "COPY",
    "MOVE",
    "UID",
    "CHECK",
    "ID",
    "GETQUOTA",
    "GETQUOTAROOT",
    "SETQUOTA",
    "GETACL",
    "SETACL",
    "DELETEACL",
    "MYRIGHTS",
    "LISTRIGHTS",
    "GETMETADATA",
    "SETMETADATA",
    "SORT",
    "THREAD",
    "COMPRESS",
    "NOTIFY",
    "UNAUTHENTICATE",
    "REPLACE",
];

/// How long an idle shell waits for unsolicited server data: the user may think for hours, and
/// `--max-time` (when given) still caps it. The server's own idle timeout (SMTP 421, IMAP BYE)
/// is what usually ends a forgotten session.
const IDLE_WAIT: Duration = Duration::from_secs(7 * 24 * 3600);

/// Most lines of one POP3 multi-line answer (see `pop3::MAX_LIST_LINES`).
const MAX_POP3_LINES: usize = pop3::MAX_LIST_LINES;

/// Most bytes `:data` reads and sends when the server announced no smaller SIZE: the whole
/// message is held in memory, and no test message needs more.
const MAX_DATA_FILE: u64 = 100 * 1024 * 1024;

/// Most IMAP responses to one command before the server counts as hostile.
const MAX_IMAP_RESPONSES: usize = 1_000_000;

/// The last complete reply, which `<` expectations judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Last {
    /// `250`, `+OK`, `-ERR`, `+`, `OK`, `NO`, `BAD`, `PREAUTH`, `BYE`.
    pub status: String,
    /// The reply as one line (`250 a / b`; POP3 and IMAP: the status line), for messages.
    pub shown: String,
    /// Everything the reply held (a POP3 body, an IMAP command's untagged responses), for an
    /// expectation's text.
    pub text: String,
    /// The phase of the command it answered, which an unmet expectation fails in.
    pub phase: Phase,
}

impl Last {
    pub(crate) fn matches(&self, e: &Expect) -> bool {
        let status = if e.status.bytes().all(|b| b.is_ascii_digit()) {
            self.status.starts_with(&e.status)
        } else {
            self.status.eq_ignore_ascii_case(&e.status)
        };
        status
            && e.text.as_ref().is_none_or(|t| {
                self.text
                    .to_ascii_lowercase()
                    .contains(&t.to_ascii_lowercase())
            })
    }
}

/// What the shell is in the middle of: the next line typed is not a new command.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Command,
    /// SMTP after 354: message lines go out as typed until `.` (RFC 5321 §4.1.1.4).
    SmtpData,
    /// A server `+` continuation (SASL, a literal, IDLE) for this tag (IMAP) or AUTH (SMTP 334,
    /// POP3 `+`): the next line answers it.
    Continue(Option<String>),
}

/// Whether the session goes on after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Go,
    /// QUIT/LOGOUT done: the session is over.
    Ended,
}

/// What a shell needs besides the wire: the TLS client for STARTTLS, the login, the SASL names.
pub(crate) struct Setup {
    pub proto: Proto,
    pub host: String,
    pub tls: TlsClient,
    /// `--user` and where its password comes from (read at the first `:auth`/`:login`).
    pub login: Option<(String, PasswordSource)>,
    /// SASL mechanism names `:auth` takes, lower case, with their mechanism.
    pub mechs: Vec<(String, Mechanism)>,
    /// Most bytes one reply may hold (POP3 multi-line, IMAP responses to one command).
    pub max_reply: usize,
    /// Scripts may use `:data -` (stdin); an interactive session may not (stdin is the user).
    pub stdin_free: bool,
    /// `:data` shows the message line by line (else one summary line).
    pub show_data: bool,
    /// The server as named on the command line, for OAUTHBEARER's host= and port=.
    pub peer: Option<(String, u16)>,
}

enum Conn {
    Smtp(SmtpClient<BoxIo>),
    Pop3(Pop3<BoxIo>),
    Imap(Wire<BoxIo>),
}

pub(crate) struct Shell {
    conn: Conn,
    setup: Setup,
    creds: Option<Credentials>,
    mode: Mode,
    tag: u32,
    /// IMAP capabilities seen (SASL-IR decides `:auth`'s initial response, RFC 4959).
    caps: Vec<String>,
    last: Option<Last>,
    /// What the reply being read held before its status (POP3 body, IMAP untagged lines), at
    /// most --max-reply bytes (an IDLE left for days on a busy mailbox keeps only the newest).
    gathered: String,
    /// `gathered` dropped lines during this step (said once).
    gathered_capped: bool,
    /// The SIZE the last EHLO/LHLO reply announced (RFC 1870; None: none, or no fixed limit),
    /// which `:data` checks its file against before sending DATA.
    smtp_size: Option<u64>,
    /// The command in progress is a SASL exchange typed by hand (AUTH, AUTHENTICATE).
    in_sasl: bool,
    /// The command in progress is an IMAP LOGIN typed by hand: the lines that send its
    /// literals (`a LOGIN alice {6}`, then the password) are credentials.
    in_login: bool,
    /// Lines sent (helpers' lines included).
    pub sent: u64,
    /// Expectations checked and met.
    pub met: u64,
}

impl Shell {
    pub(crate) fn new(wire: Wire<BoxIo>, setup: Setup) -> Shell {
        let conn = match setup.proto {
            Proto::Smtp => Conn::Smtp(SmtpClient::new(wire)),
            Proto::Pop3 => Conn::Pop3(Pop3::new(wire)),
            Proto::Imap => {
                let mut w = wire;
                let max = crate::proto::imap::client::MAX_LINE;
                if setup.max_reply < max {
                    // No line may hold more than all the responses to a command may.
                    w.set_max_line_for(setup.max_reply, " (--max-reply)");
                } else {
                    w.set_max_line(max);
                }
                Conn::Imap(w)
            }
        };
        Shell {
            conn,
            setup,
            creds: None,
            mode: Mode::Command,
            tag: 0,
            caps: Vec::new(),
            last: None,
            in_sasl: false,
            in_login: false,
            gathered: String::new(),
            gathered_capped: false,
            smtp_size: None,
            sent: 0,
            met: 0,
        }
    }

    pub(crate) fn wire(&mut self) -> &mut Wire<BoxIo> {
        match &mut self.conn {
            Conn::Smtp(c) => &mut c.wire,
            Conn::Pop3(p) => &mut p.wire,
            Conn::Imap(w) => w,
        }
    }

    fn wire_ref(&self) -> &Wire<BoxIo> {
        match &self.conn {
            Conn::Smtp(c) => &c.wire,
            Conn::Pop3(p) => &p.wire,
            Conn::Imap(w) => w,
        }
    }

    pub(crate) fn is_tls(&self) -> bool {
        self.wire_ref().is_tls()
    }

    /// QUIT/LOGOUT was sent or the connection was closed on purpose.
    pub(crate) fn ended(&self) -> bool {
        self.wire_ref().is_shut()
    }

    /// The prompt for the next line: what it will be taken as.
    pub(crate) fn prompt(&self) -> String {
        let p = self.setup.proto.name();
        let tls = if self.is_tls() { "+tls" } else { "" };
        match &self.mode {
            Mode::Command => format!("{p}{tls}> "),
            Mode::SmtpData => "data> ".to_string(),
            Mode::Continue(_) => format!("{p}{tls}+ "),
        }
    }

    /// Whether an empty line means something now (a body line, a continuation).
    pub(crate) fn takes_empty_line(&self) -> bool {
        self.mode != Mode::Command
    }

    fn info(&self, msg: impl Into<String>) {
        self.wire_ref().ctx().info(msg);
    }

    fn warn(&self, msg: impl Into<String>) {
        self.wire_ref().ctx().warn(msg);
    }

    fn set_last(&mut self, status: impl Into<String>, shown: String) {
        let text = std::mem::take(&mut self.gathered) + &shown;
        let phase = self.wire_ref().phase();
        self.last = Some(Last {
            status: status.into(),
            shown,
            text,
            phase,
        });
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("a{}", self.tag)
    }

    /// The greeting (shown, and judged only by a `<` that follows); with `--starttls`, the
    /// upgrade right after it, so the prompt starts inside TLS.
    pub(crate) async fn open(&mut self, starttls: bool, helo: &str) -> Result<(), Failure> {
        let res = self.opening(starttls, helo).await;
        self.wire().end_phase();
        res
    }

    async fn opening(&mut self, starttls: bool, helo: &str) -> Result<(), Failure> {
        self.wire().set_phase(Phase::Banner);
        match self.setup.proto {
            Proto::Smtp => {
                self.smtp_reply().await?;
            }
            Proto::Pop3 => {
                self.pop3_reply(false).await?;
            }
            Proto::Imap => {
                self.imap_greeting().await?;
            }
        }
        if !starttls {
            return Ok(());
        }
        self.wire().refuse_if_tls()?;
        let refused = |s: &Shell, what: &str| {
            let last = s.last.clone().map(|l| l.shown).unwrap_or_default();
            Failure::new(Phase::Starttls, Kind::Rejected, format!("{what} refused"))
                .with_reply(last)
        };
        match self.setup.proto {
            Proto::Smtp => {
                // RFC 3207 §4: STARTTLS follows EHLO; after the handshake EHLO is sent again.
                self.wire().set_phase(Phase::Ehlo);
                self.send_plain(&format!("EHLO {helo}")).await?;
                self.smtp_reply().await?;
                if !self.last_is("2") {
                    return Err(Failure::new(Phase::Ehlo, Kind::Rejected, "EHLO refused")
                        .with_reply(self.last.clone().map(|l| l.shown).unwrap_or_default()));
                }
                self.upgrade("STARTTLS", None).await?;
                if !self.is_tls() {
                    return Err(refused(self, "STARTTLS"));
                }
                self.wire().set_phase(Phase::Ehlo);
                self.send_plain(&format!("EHLO {helo}")).await?;
                self.smtp_reply().await?;
            }
            Proto::Pop3 => {
                self.upgrade("STLS", None).await?;
                if !self.is_tls() {
                    return Err(refused(self, "STLS"));
                }
            }
            Proto::Imap => {
                let tag = self.next_tag();
                self.upgrade(&format!("{tag} STARTTLS"), Some(tag)).await?;
                if !self.is_tls() {
                    return Err(refused(self, "STARTTLS"));
                }
            }
        }
        Ok(())
    }

    fn last_is(&self, status: &str) -> bool {
        self.last.as_ref().is_some_and(|l| {
            l.matches(&Expect {
                status: status.into(),
                text: None,
            })
        })
    }

    /// Check an expectation against the last reply: an unmet one fails in the phase of the
    /// command that reply answered (a `< 250` after `MAIL FROM` fails in phase mail, exit 24).
    pub(crate) fn expect(&mut self, e: &Expect, at: &str) -> Result<(), Failure> {
        self.gathered.clear();
        let Some(last) = self.last.clone() else {
            return Err(Failure::new(
                Phase::Banner,
                Kind::Protocol,
                format!("{at}: expected {e}, but no reply has been read"),
            ));
        };
        if last.matches(e) {
            self.met += 1;
            self.info(format!("{at}: expected {e}: met ({})", last.status));
            return Ok(());
        }
        Err(Failure::new(
            last.phase,
            Kind::Rejected,
            format!("{at}: expected {e}, got {}", last.status),
        )
        .with_reply(last.shown.clone()))
    }

    /// Carry out one step (an expectation is checked by [`Shell::expect`]).
    pub(crate) async fn step(&mut self, step: &Step) -> Result<Flow, Failure> {
        // The time between steps is the user's (or the script's), not the server's: each
        // phase is charged only from the command to its reply.
        self.wire().skip_time();
        self.gathered.clear();
        self.gathered_capped = false;
        let flow = match step {
            Step::Send(line) => self.line(line).await,
            Step::Expect(e) => self.expect(e, "expectation").map(|_| Flow::Go),
            Step::Helper(h) => self.helper(h).await,
        };
        self.wire().end_phase();
        flow
    }

    async fn send_plain(&mut self, line: &str) -> Result<(), Failure> {
        self.send_out(Outgoing::plain(line)).await
    }

    async fn send_out(&mut self, out: Outgoing) -> Result<(), Failure> {
        self.sent += 1;
        self.wire().send_line(out).await
    }

    /// A line typed (or scripted) by the user.
    async fn line(&mut self, line: &str) -> Result<Flow, Failure> {
        match self.mode.clone() {
            Mode::SmtpData => {
                // Sent exactly as typed: the user does their own dot-stuffing, as with telnet.
                self.send_plain(line).await?;
                if line == "." {
                    self.mode = Mode::Command;
                    self.smtp_reply().await?;
                }
                Ok(Flow::Go)
            }
            Mode::Continue(tag) => {
                // A line answering a SASL challenge is a credential: kept out of the
                // transcript (`*`, the cancel, is not); so is the literal data of a LOGIN (the
                // password, and to be safe the user name), all but the next literal's size.
                // IDLE's DONE and other literal data are shown.
                let shown = if self.in_sasl {
                    (line != "*").then(|| "***".to_string())
                } else if self.in_login {
                    Some(redact_login_literal(line))
                } else {
                    None
                };
                self.send_out(Outgoing {
                    bytes: line.as_bytes().to_vec(),
                    shown,
                    note: None,
                })
                .await?;
                self.mode = Mode::Command;
                match (self.setup.proto, tag) {
                    (Proto::Imap, Some(tag)) => {
                        if literal_plus(line) {
                            self.mode = Mode::Continue(Some(tag));
                            return Ok(Flow::Go);
                        }
                        self.imap_until(&tag).await?;
                    }
                    (Proto::Smtp, _) => {
                        self.smtp_reply().await?;
                    }
                    _ => {
                        self.pop3_reply(false).await?;
                    }
                }
                Ok(Flow::Go)
            }
            Mode::Command => match self.setup.proto {
                Proto::Smtp => self.smtp_line(line).await,
                Proto::Pop3 => self.pop3_line(line).await,
                Proto::Imap => self.imap_line(line).await,
            },
        }
    }

    async fn smtp_line(&mut self, line: &str) -> Result<Flow, Failure> {
        let verb = first_word(line);
        self.wire().set_phase(smtp_phase(&verb));
        if verb == "STARTTLS" && !self.is_tls() {
            self.upgrade(line, None).await?;
            return Ok(Flow::Go);
        }
        self.in_sasl = verb == "AUTH";
        self.send_out(redact_smtp(line)).await?;
        self.smtp_reply().await?;
        if verb == "QUIT" {
            return Ok(self.close().await);
        }
        Ok(Flow::Go)
    }

    async fn pop3_line(&mut self, line: &str) -> Result<Flow, Failure> {
        let verb = first_word(line);
        self.wire().set_phase(pop3_phase(&verb));
        if verb == "STLS" && !self.is_tls() {
            self.upgrade(line, None).await?;
            return Ok(Flow::Go);
        }
        let args = line.split_whitespace().count() - usize::from(!verb.is_empty());
        // RFC 1939 §5, §7; RFC 2449 §5: these answer +OK with a multi-line body. A bare AUTH
        // lists the mechanisms the same way on the servers that support it (RFC 1734 usage).
        let multi = match verb.as_str() {
            "RETR" | "TOP" | "CAPA" => true,
            "LIST" | "UIDL" | "AUTH" => args == 0,
            _ => false,
        };
        self.in_sasl = verb == "AUTH";
        self.send_out(redact_pop3(line)).await?;
        self.pop3_reply(multi).await?;
        if verb == "QUIT" {
            return Ok(self.close().await);
        }
        Ok(Flow::Go)
    }

    async fn imap_line(&mut self, line: &str) -> Result<Flow, Failure> {
        let first = first_word(line);
        if first.is_empty() {
            return Ok(Flow::Go);
        }
        let (tag, sent, verb) = if IMAP_COMMANDS.contains(&first.as_str()) {
            let tag = self.next_tag();
            let sent = format!("{tag} {line}");
            (tag, sent, first)
        } else {
            let rest = line.trim_start()[first.len()..].trim_start();
            (
                line.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                line.to_string(),
                first_word(rest),
            )
        };
        self.wire().set_phase(imap_phase(&verb));
        if verb == "STARTTLS" && !self.is_tls() {
            self.upgrade(&sent, Some(tag)).await?;
            return Ok(Flow::Go);
        }
        self.in_sasl = verb == "AUTHENTICATE";
        self.in_login = verb == "LOGIN";
        self.send_out(redact_imap(&sent, &verb)).await?;
        if literal_plus(&sent) {
            // A non-synchronizing literal (RFC 7888): the server waits for its bytes, no reply.
            self.mode = Mode::Continue(Some(tag));
            return Ok(Flow::Go);
        }
        self.imap_until(&tag).await?;
        if verb == "LOGOUT" && self.mode == Mode::Command {
            return Ok(self.close().await);
        }
        Ok(Flow::Go)
    }

    /// The session is over (QUIT/LOGOUT answered): close our side.
    async fn close(&mut self) -> Flow {
        let w = self.wire();
        w.shutdown().await;
        w.end_phase();
        Flow::Ended
    }

    /// STARTTLS (RFC 3207), STLS (RFC 2595 §4), IMAP STARTTLS (RFC 9051 §6.2.1) as typed: send
    /// it, read the answer, and on a yes do the handshake, verified as always. Bytes the server
    /// sent after its yes and before the handshake are discarded and reported by the wire.
    async fn upgrade(&mut self, line: &str, tag: Option<String>) -> Result<(), Failure> {
        self.wire().set_phase(Phase::Starttls);
        // A name rustls cannot use fails before the command goes out, not after the yes.
        let host = self.setup.host.clone();
        self.setup.tls.server_name(&host)?;
        self.send_plain(line).await?;
        let yes = match self.setup.proto {
            Proto::Smtp => {
                self.smtp_reply().await?;
                self.last_is("220")
            }
            Proto::Pop3 => {
                self.pop3_reply(false).await?;
                self.last_is("+OK")
            }
            Proto::Imap => {
                let tag = tag.unwrap_or_default();
                self.imap_until(&tag).await?;
                self.mode == Mode::Command && self.last_is("OK")
            }
        };
        if !yes {
            self.info("the server did not agree: the session stays in plaintext");
            return Ok(());
        }
        let next = match self.setup.proto {
            Proto::Smtp => Phase::Ehlo,
            _ => Phase::Capa,
        };
        let tls = &self.setup.tls;
        let wire = match &mut self.conn {
            Conn::Smtp(c) => &mut c.wire,
            Conn::Pop3(p) => &mut p.wire,
            Conn::Imap(w) => w,
        };
        wire.start_tls(tls, &host, next).await?;
        self.caps.clear();
        self.smtp_size = None;
        self.info(match self.setup.proto {
            Proto::Smtp => {
                "TLS is up. RFC 3207 §4.2: the server forgot everything said before the \
                 handshake: send EHLO again before anything else (it is not sent for you)"
            }
            Proto::Pop3 => {
                "TLS is up. RFC 2595 §4: capabilities may differ now: send CAPA again to see them"
            }
            Proto::Imap => {
                "TLS is up. RFC 9051 §6.2.1: capabilities learned before are void: send \
                 CAPABILITY again to see them"
            }
        });
        Ok(())
    }

    /// One SMTP reply, every line shown; a 334 leaves the next line to answer it.
    async fn smtp_reply(&mut self) -> Result<(), Failure> {
        let Conn::Smtp(c) = &mut self.conn else {
            return Ok(());
        };
        let r = c.read_reply().await?;
        let shown = r.display();
        if r.code == 250 && c.wire.phase() == Phase::Ehlo {
            // An EHLO (or HELO, with no extensions) answered: what it says about SIZE holds
            // until the next one.
            self.smtp_size = crate::proto::smtp::client::Caps::from_reply(&r)
                .size()
                .filter(|&n| n > 0);
        }
        if r.code == 334 {
            self.mode = Mode::Continue(None);
        } else if r.code == 354 {
            self.mode = Mode::SmtpData;
        }
        self.set_last(r.code.to_string(), shown);
        Ok(())
    }

    /// One POP3 answer: the status line, then (when `multi` and +OK) the body up to `.`, every
    /// line shown as sent; a `+` continuation (RFC 5034 §4) leaves the next line to answer it.
    async fn pop3_reply(&mut self, multi: bool) -> Result<(), Failure> {
        let max_reply = self.setup.max_reply;
        let Conn::Pop3(p) = &mut self.conn else {
            return Ok(());
        };
        let raw = p.wire.read_line().await?;
        if raw == b"+" || raw.starts_with(b"+ ") {
            self.mode = Mode::Continue(None);
            let shown = escape_bytes(&raw);
            self.set_last("+", shown);
            return Ok(());
        }
        let st = pop3::parse_status(&raw).map_err(|e| p.wire.fail(Kind::Protocol, e))?;
        if st.ok && multi {
            // Cut off by a bound, the rest of the body is still coming and would be read as
            // the answers to the commands that follow.
            let lines = p
                .read_lines_within(MAX_POP3_LINES, max_reply)
                .await
                .map_err(|f| {
                    if f.kind == Kind::Protocol {
                        f.out_of_step()
                    } else {
                        f
                    }
                })?;
            self.gathered = lines.join("\n") + "\n";
        }
        let status = if st.ok { "+OK" } else { "-ERR" };
        self.set_last(status, st.display());
        Ok(())
    }

    async fn imap_greeting(&mut self) -> Result<(), Failure> {
        let Conn::Imap(w) = &mut self.conn else {
            return Ok(());
        };
        let mut d = w.deadline();
        let f = frame::read_response(w, u64::MAX, &mut d, |_, _| None).await?;
        let r = classify(&f.bytes);
        self.learn(&f.bytes);
        match r {
            Imap::Untagged(word, text) => self.set_last(word, text),
            _ => {
                return Err(self.wire().fail(
                    Kind::Protocol,
                    "the greeting is not an untagged response (RFC 9051 §7.1)",
                ));
            }
        }
        Ok(())
    }

    /// IMAP responses until the tagged one for `tag` (or a `+` continuation, which the next
    /// line answers), all sharing one deadline that moves only while data arrives, and at most
    /// `max_reply` bytes between them.
    async fn imap_until(&mut self, tag: &str) -> Result<(), Failure> {
        let mut total = 0usize;
        let mut d = self.wire().bulk_deadline();
        for _ in 0..MAX_IMAP_RESPONSES {
            if self.imap_response(Some(tag), &mut d, &mut total).await? {
                return Ok(());
            }
        }
        Err(self.wire().fail(
            Kind::Protocol,
            format!("more than {MAX_IMAP_RESPONSES} responses to one command"),
        ))
    }

    /// One IMAP response (literals included); true when it ends the command for `tag` (its
    /// tagged reply) or asks for a continuation.
    async fn imap_response(
        &mut self,
        tag: Option<&str>,
        d: &mut crate::transport::wire::Deadline,
        total: &mut usize,
    ) -> Result<bool, Failure> {
        let max_reply = self.setup.max_reply;
        let w = self.wire();
        // --max-reply holds while the responses arrive (each line as it is read, a literal on
        // its announcement), not only once a whole response is in memory.
        let room = max_reply.saturating_sub(*total);
        let ours = room < frame::MAX_RESPONSE;
        let too_long = || {
            if ours {
                format!(
                    "the responses to one command hold more than {max_reply} bytes (--max-reply)"
                )
            } else {
                format!("one response is longer than {} bytes", frame::MAX_RESPONSE)
            }
        };
        let f = frame::read_response_within(w, u64::MAX, room, &too_long, d, |_, _| None).await?;
        *total += f.bytes.len();
        self.learn(&f.bytes);
        let class = classify(&f.bytes);
        if let Imap::Untagged(_, text) = &class
            && tag.is_some()
            && keep_line(&mut self.gathered, text, max_reply)
            && !self.gathered_capped
        {
            self.gathered_capped = true;
            self.warn(format!(
                "the untagged responses to this command passed --max-reply ({max_reply} bytes): \
                 the oldest are no longer kept for '<' expectations (all are shown)"
            ));
        }
        match (class, tag) {
            (Imap::Continue(text), Some(tag)) => {
                self.mode = Mode::Continue(Some(tag.to_string()));
                self.set_last("+", text);
                Ok(true)
            }
            (Imap::Tagged(t, cond, text), Some(tag)) if t.eq_ignore_ascii_case(tag) => {
                self.mode = Mode::Command;
                self.set_last(cond, text);
                Ok(true)
            }
            (Imap::Continue(_), None) => {
                self.warn("the server asked for a continuation no command is waiting for");
                Ok(false)
            }
            (Imap::Tagged(t, _, text), _) => {
                self.warn(format!("reply for another tag ({t}: {text})"));
                Ok(false)
            }
            (Imap::Untagged(word, _), _) => {
                if word == "BYE" && self.wire_ref().phase() != Phase::Quit {
                    self.warn("the server said BYE: it will close the connection");
                }
                Ok(false)
            }
        }
    }

    /// Learn IMAP capabilities from `* CAPABILITY …` or a `[CAPABILITY …]` code.
    fn learn(&mut self, bytes: &[u8]) {
        let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let text = String::from_utf8_lossy(first).to_ascii_uppercase();
        if let Some(i) = text.find("CAPABILITY ") {
            let rest = &text[i + "CAPABILITY ".len()..];
            let rest = rest.split(']').next().unwrap_or_default();
            self.caps = rest.split_whitespace().map(String::from).collect();
        }
    }

    /// Wait, cancel-safely, until the server sends a whole line while the user is idle (the
    /// tail of a reply that timed out may still be on its way: its first bytes alone would
    /// wake [`Shell::unsolicited`] only to time out again). Ok(false): the server closed the
    /// connection.
    pub(crate) async fn readable(&mut self) -> Result<bool, Failure> {
        let w = self.wire();
        let t = w.timeout();
        w.set_timeout(IDLE_WAIT);
        let mut d = w.deadline();
        w.set_timeout(t);
        w.line_ready_by(&mut d).await
    }

    /// Read what the server sent unasked (an IMAP IDLE update, an SMTP 421 before it closes):
    /// one reply or response, shown like any other. Between commands, a failure is no
    /// command's: it is in phase command.
    pub(crate) async fn unsolicited(&mut self) -> Result<(), Failure> {
        self.wire().skip_time();
        let between = self.mode == Mode::Command;
        let res = self.unsolicited_reply().await;
        self.wire().end_phase();
        res.map_err(|mut f| {
            if between && f.kind != Kind::MaxTime {
                f.phase = Phase::Command;
            }
            f
        })
    }

    async fn unsolicited_reply(&mut self) -> Result<(), Failure> {
        match (self.setup.proto, self.mode.clone()) {
            (Proto::Imap, mode) => {
                // One response, not "until the tagged one": the user may be about to type
                // IDLE's DONE, and that must not wait for anything.
                let tag = match mode {
                    Mode::Continue(Some(t)) => Some(t),
                    _ => None,
                };
                let mut d = self.wire().deadline();
                self.imap_response(tag.as_deref(), &mut d, &mut 0).await?;
                Ok(())
            }
            (Proto::Smtp, _) => {
                let Conn::Smtp(c) = &mut self.conn else {
                    return Ok(());
                };
                let r = c.read_reply().await?;
                if r.code == 421 {
                    c.wire.ctx().warn(
                        "421: the server is closing the transmission channel (RFC 5321 §3.8)",
                    );
                }
                Ok(())
            }
            (Proto::Pop3, _) => {
                self.wire().read_line().await?;
                Ok(())
            }
        }
    }

    /// End the session politely: QUIT (SMTP, POP3) or LOGOUT (IMAP), whatever the answer. In
    /// the middle of a message body or a continuation nothing polite can be said: close.
    pub(crate) async fn sign_off(&mut self) {
        if self.ended() {
            return;
        }
        self.wire().skip_time();
        match self.mode {
            Mode::Command => {}
            Mode::SmtpData => {
                self.warn("leaving in the middle of a message body: closing without '.'");
                self.close().await;
                return;
            }
            Mode::Continue(_) => {
                // RFC 4954 §4 / RFC 5034 §4 / RFC 9051 §6.2.2: "*" cancels an exchange; an
                // IMAP literal or IDLE has no such word, so the connection is just closed.
                if self.setup.proto == Proto::Imap {
                    self.warn("leaving in the middle of a command: closing without LOGOUT");
                    self.close().await;
                    return;
                }
                if self.send_plain("*").await.is_err() || self.line_reply().await.is_err() {
                    self.close().await;
                    return;
                }
            }
        }
        self.sent += 1;
        match &mut self.conn {
            Conn::Smtp(c) => c.quit().await,
            Conn::Pop3(p) => {
                if let Ok(st) = p.quit().await
                    && !st.ok
                {
                    p.wire.ctx().warn(format!("QUIT answered {}", st.display()));
                }
            }
            Conn::Imap(_) => {
                let tag = self.next_tag();
                self.wire().set_phase(Phase::Quit);
                let logout = format!("{tag} LOGOUT");
                if self.wire().send(&logout).await.is_ok()
                    && let Err(f) = self.imap_until(&tag).await
                {
                    self.warn(format!("no reply to LOGOUT: {}", f.message));
                }
                self.close().await;
            }
        }
    }

    /// The reply to a line answering a continuation (`*` when signing off).
    async fn line_reply(&mut self) -> Result<(), Failure> {
        self.mode = Mode::Command;
        match self.setup.proto {
            Proto::Smtp => self.smtp_reply().await,
            _ => self.pop3_reply(false).await,
        }
    }

    async fn helper(&mut self, h: &Helper) -> Result<Flow, Failure> {
        if self.mode != Mode::Command && *h != Helper::Help && *h != Helper::Quit {
            return Err(Failure::usage(
                "finish the message body ('.') or the continuation first",
            ));
        }
        match h {
            Helper::Help => {
                self.info(help(self.setup.proto));
                Ok(Flow::Go)
            }
            Helper::Quit => {
                self.sign_off().await;
                Ok(Flow::Ended)
            }
            Helper::Auth(name) => self.auth(name).await.map(|_| Flow::Go),
            Helper::Login => self.login().await.map(|_| Flow::Go),
            Helper::Data(file) => self.data(file).await.map(|_| Flow::Go),
        }
    }

    /// --user and its password, read once (prompted without echo when no other source has it).
    async fn credentials(&mut self) -> Result<(), Failure> {
        if self.creds.is_some() {
            return Ok(());
        }
        let Some((user, source)) = self.setup.login.clone() else {
            return Err(Failure::new(
                Phase::Auth,
                Kind::Usage,
                "logging in needs --user (and --password-env, --password-file, MAILCTL_PASSWORD or a prompt)",
            ));
        };
        let u = user.clone();
        let secret = tokio::task::spawn_blocking(move || source.read(&u))
            .await
            .map_err(|e| Failure::new(Phase::Auth, Kind::Internal, e.to_string()))??;
        let peer = self.setup.peer.clone();
        self.creds = Some(Credentials { user, secret, peer });
        Ok(())
    }

    /// `:auth MECH`: the SASL exchange (RFC 4422) in the protocol's own framing: SMTP AUTH with
    /// 334 challenges (RFC 4954), POP3 AUTH with `+` (RFC 5034), IMAP AUTHENTICATE with `+` and
    /// SASL-IR when offered (RFC 9051 §6.2.2, RFC 4959). The result is the last reply.
    async fn auth(&mut self, name: &str) -> Result<(), Failure> {
        let mech = self
            .setup
            .mechs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, m)| *m)
            .ok_or_else(|| {
                let known: Vec<&str> = self.setup.mechs.iter().map(|(n, _)| n.as_str()).collect();
                Failure::new(
                    Phase::Auth,
                    Kind::Usage,
                    format!(
                        ":auth {name}: unknown mechanism (known: {})",
                        known.join(", ")
                    ),
                )
            })?;
        self.wire().set_phase(Phase::Auth);
        if !self.is_tls() && mech.exposes_secret() {
            return Err(Failure::new(
                Phase::Auth,
                Kind::Usage,
                format!(
                    ":auth {}: refusing to send the credentials in clear; upgrade first (STARTTLS, STLS, or --starttls / --tls)",
                    mech.name()
                ),
            ));
        }
        self.credentials().await?;
        let Some(creds) = self.creds.take() else {
            return Ok(());
        };
        let res = self.exchange(mech, &creds).await;
        self.creds = Some(creds);
        res
    }

    async fn exchange(&mut self, mech: Mechanism, creds: &Credentials) -> Result<(), Failure> {
        let mut x = sasl::exchange(self.wire_ref(), mech, creds)?;
        // What fits on the command line goes with it (SASL-IR for IMAP, RFC 4959; RFC 4954 §4's
        // 512-octet SMTP line; RFC 5034 §4's 255-octet POP3 line); the rest answers the
        // server's first, empty, challenge.
        let (tag, first) = match self.setup.proto {
            Proto::Imap => {
                let tag = self.next_tag();
                let room = self
                    .caps
                    .iter()
                    .any(|c| c == "SASL-IR")
                    .then_some(usize::MAX);
                let first =
                    sasl::first_line(&format!("{tag} AUTHENTICATE"), mech, x.initial_within(room));
                (Some(tag), first)
            }
            Proto::Smtp => {
                let room = 512usize.saturating_sub("AUTH \r\n".len() + mech.name().len() + 1);
                (
                    None,
                    sasl::first_line("AUTH", mech, x.initial_within(Some(room))),
                )
            }
            Proto::Pop3 => {
                let room = 255usize.saturating_sub("AUTH \r\n".len() + mech.name().len() + 1);
                (
                    None,
                    sasl::first_line("AUTH", mech, x.initial_within(Some(room))),
                )
            }
        };
        self.send_out(first).await?;
        let mut cancelled: Option<sasl::Abort> = None;
        for _ in 0..10 {
            match &tag {
                Some(t) => self.imap_until(&t.clone()).await?,
                None if self.setup.proto == Proto::Smtp => self.smtp_reply().await?,
                None => self.pop3_reply(false).await?,
            }
            let last = self.last.clone().map(|l| l.shown).unwrap_or_default();
            if self.mode == Mode::Command {
                if let Some(a) = cancelled {
                    return Err(Failure::new(Phase::Auth, a.kind, a.message).with_reply(last));
                }
                let ok = match self.setup.proto {
                    Proto::Smtp => self.last_is("2"),
                    Proto::Pop3 => self.last_is("+OK"),
                    Proto::Imap => self.last_is("OK"),
                };
                if ok {
                    // SCRAM: a success before the server proved it knows the password is none
                    // (no protocol here carries data with the success).
                    x.after_success(None).map_err(|a| {
                        Failure::new(Phase::Auth, a.kind, a.message).with_reply(last)
                    })?;
                }
                return Ok(());
            }
            self.mode = Mode::Command;
            // The text after the status: `334 <b64>`, `+ <b64>`.
            let b64 = last.split_once(' ').map(|(_, b)| b.trim()).unwrap_or("");
            let step = sasl::decode_challenge(b64)
                .map_err(sasl::Abort::protocol)
                .and_then(|ch| x.respond(&ch));
            match step {
                Ok(step) => self.send_out(step.into_line()).await?,
                Err(a) => {
                    // RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2: "*" cancels; the server
                    // answers with a refusal, then the failure is reported.
                    self.send_out(sasl::cancel_line()).await?;
                    cancelled = Some(a);
                }
            }
        }
        Err(self.wire().fail(
            Kind::Protocol,
            "the SASL exchange did not finish after 10 challenges",
        ))
    }

    /// `:login`: POP3 USER/PASS (RFC 1939 §7) or IMAP LOGIN (RFC 9051 §6.2.3), the password
    /// shown as `***`.
    async fn login(&mut self) -> Result<(), Failure> {
        self.wire().set_phase(Phase::Auth);
        if self.setup.proto == Proto::Smtp {
            return Err(Failure::new(
                Phase::Auth,
                Kind::Usage,
                ":login: SMTP has no password login of its own; use :auth plain (or login)",
            ));
        }
        if !self.is_tls() {
            return Err(Failure::new(
                Phase::Auth,
                Kind::Usage,
                ":login: refusing to send the password in clear; upgrade first (STLS/STARTTLS, or --starttls / --tls)",
            ));
        }
        self.credentials().await?;
        let Some(c) = self.creds.take() else {
            return Ok(());
        };
        let res = self.login_with(&c).await;
        self.creds = Some(c);
        res
    }

    async fn login_with(&mut self, c: &Credentials) -> Result<(), Failure> {
        use crate::proto::imap::client::{quotable, quote};
        match self.setup.proto {
            Proto::Pop3 => {
                self.send_plain(&format!("USER {}", c.user)).await?;
                self.pop3_reply(false).await?;
                if !self.last_is("+OK") {
                    return Ok(());
                }
                self.send_out(Outgoing {
                    bytes: format!("PASS {}", c.secret.expose()).into_bytes(),
                    shown: Some("PASS ***".into()),
                    note: None,
                })
                .await?;
                self.pop3_reply(false).await
            }
            _ => {
                if !quotable(&c.user) || !quotable(c.secret.expose()) {
                    return Err(Failure::new(
                        Phase::Auth,
                        Kind::Usage,
                        ":login: the user name or password cannot go in a quoted string; use :auth plain",
                    ));
                }
                let tag = self.next_tag();
                self.send_out(Outgoing {
                    bytes: format!(
                        "{tag} LOGIN {} {}",
                        quote(&c.user),
                        quote(c.secret.expose())
                    )
                    .into_bytes(),
                    shown: Some(format!("{tag} LOGIN {} ***", quote(&c.user))),
                    note: None,
                })
                .await?;
                self.imap_until(&tag).await
            }
        }
    }

    /// `:data FILE` (SMTP): DATA, then the file with CRLF line ends and dot-stuffing (RFC 5321
    /// §4.5.2) and the final `.`, then the reply. A refused DATA sends nothing; nor does a
    /// file over the server's SIZE or [`MAX_DATA_FILE`].
    async fn data(&mut self, file: &str) -> Result<(), Failure> {
        if self.setup.proto != Proto::Smtp {
            return Err(Failure::usage(
                ":data is for SMTP (POP3 and IMAP have no message upload like it; IMAP: APPEND with a literal)",
            ));
        }
        // The whole message is held in memory and sent at once: at most the server's SIZE
        // (RFC 1870 §4: a bigger one would be refused after it was sent), and never more than
        // MAX_DATA_FILE, whatever SIZE the server announced.
        let (cap, limit) = match self.smtp_size {
            Some(n) if n < MAX_DATA_FILE => (n, format!("the server's SIZE {n} (RFC 1870)")),
            _ => (
                MAX_DATA_FILE,
                format!("{MAX_DATA_FILE} bytes, the most :data sends"),
            ),
        };
        let too_big = |what: String| {
            Failure::new(
                Phase::Data,
                Kind::Usage,
                format!(":data {file}: {what} is more than {limit}: nothing was sent"),
            )
        };
        let msg = if file == "-" {
            if !self.setup.stdin_free {
                return Err(Failure::usage(
                    ":data -: standard input is the keyboard (or the script) here; give a file",
                ));
            }
            tokio::task::spawn_blocking(move || read_capped(std::io::stdin().lock(), cap))
                .await
                .map_err(|e| Failure::new(Phase::Data, Kind::Internal, e.to_string()))?
                .map_err(|e| Failure::local_io_from(":data -: reading stdin", e))?
        } else {
            let io = |e| Failure::local_io_from(format!(":data {file}"), e);
            let f = tokio::fs::File::open(file).await.map_err(io)?;
            let len = f.metadata().await.map_err(io)?.len();
            if len > cap {
                return Err(too_big(format!("the file ({len} bytes)")));
            }
            // The length may be a lie (a device, a file still growing): the read is capped too.
            use tokio::io::AsyncReadExt;
            let mut buf = Vec::new();
            f.take(cap + 1).read_to_end(&mut buf).await.map_err(io)?;
            buf
        };
        if msg.len() as u64 > cap {
            return Err(too_big("the message".to_string()));
        }
        self.wire().set_phase(Phase::Data);
        self.send_plain("DATA").await?;
        self.smtp_reply().await?;
        if self.mode != Mode::SmtpData {
            return Ok(());
        }
        let (bytes, lines) = crate::proto::smtp::data::encode_data(&msg);
        let show = self.setup.show_data;
        let w = self.wire();
        w.write_raw(&bytes).await?;
        w.flush().await?;
        let tls = w.is_tls();
        if show {
            for l in bytes.split_inclusive(|&b| b == b'\n') {
                let l = l.strip_suffix(b"\r\n").unwrap_or(l);
                w.ctx().emit(EventKind::Sent {
                    line: escape_bytes(l),
                    tls,
                    redacted: false,
                    note: None,
                });
            }
        } else {
            w.ctx().emit(EventKind::DataSummary {
                lines,
                bytes: bytes.len() as u64,
                tls,
            });
        }
        self.sent += 1;
        self.mode = Mode::Command;
        self.smtp_reply().await
    }
}

/// Up to `cap + 1` bytes of `r` (one more than allowed tells a message over the cap).
fn read_capped(r: impl std::io::Read, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    r.take(cap + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Keep `text` as the newest line of `kept`, which may hold at most `cap` bytes: the oldest
/// lines go first (down to half the cap, so that this happens once per cap/2 bytes, not once
/// per line), and a line longer than the cap is not kept. True when anything was dropped.
fn keep_line(kept: &mut String, text: &str, cap: usize) -> bool {
    let need = text.len() + 1;
    if need > cap {
        return true;
    }
    let mut dropped = false;
    if kept.len() + need > cap {
        let target = (cap / 2).min(cap - need);
        let cut = kept.len() - target;
        // Cut after a line end: always a char boundary.
        let at = kept.as_bytes()[cut..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(kept.len(), |i| cut + i + 1);
        kept.drain(..at);
        dropped = true;
    }
    kept.push_str(text);
    kept.push('\n');
    dropped
}

/// The first word of a line, upper case.
fn first_word(line: &str) -> String {
    line.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// Whether a line ends with a non-synchronizing literal `{N+}` / `{N-}` (RFC 7888).
fn literal_plus(line: &str) -> bool {
    let l = line.trim_end();
    l.ends_with("+}") || l.ends_with("-}")
}

/// The phase an SMTP command belongs to (an unmet expectation fails in it).
pub(crate) fn smtp_phase(verb: &str) -> Phase {
    match verb {
        "EHLO" | "HELO" | "LHLO" => Phase::Ehlo,
        "STARTTLS" => Phase::Starttls,
        "AUTH" => Phase::Auth,
        "MAIL" => Phase::Mail,
        "RCPT" => Phase::Rcpt,
        "DATA" | "BDAT" | "." => Phase::Data,
        "QUIT" => Phase::Quit,
        _ => Phase::Command,
    }
}

pub(crate) fn pop3_phase(verb: &str) -> Phase {
    match verb {
        "CAPA" => Phase::Capa,
        "STLS" => Phase::Starttls,
        "USER" | "PASS" | "APOP" | "AUTH" => Phase::Auth,
        "QUIT" => Phase::Quit,
        _ => Phase::Command,
    }
}

pub(crate) fn imap_phase(verb: &str) -> Phase {
    match verb {
        "CAPABILITY" => Phase::Capa,
        "STARTTLS" => Phase::Starttls,
        "LOGIN" | "AUTHENTICATE" => Phase::Auth,
        "SELECT" | "EXAMINE" | "STATUS" => Phase::Select,
        "LOGOUT" => Phase::Quit,
        _ => Phase::Command,
    }
}

/// A typed `AUTH MECH initial-response`: the response is a credential.
fn redact_smtp(line: &str) -> Outgoing {
    let words: Vec<&str> = line.split_whitespace().collect();
    let shown = (words.len() >= 3 && words[0].eq_ignore_ascii_case("AUTH"))
        .then(|| format!("{} {} ***", words[0], words[1]));
    Outgoing {
        bytes: line.as_bytes().to_vec(),
        shown,
        note: None,
    }
}

/// A typed `PASS secret`, `APOP user digest` (RFC 1939 §7: the digest proves the password for
/// this greeting) or `AUTH MECH initial-response`.
fn redact_pop3(line: &str) -> Outgoing {
    let words: Vec<&str> = line.split_whitespace().collect();
    let shown = match words.first().map(|w| w.to_ascii_uppercase()).as_deref() {
        Some("PASS") if words.len() > 1 => Some(format!("{} ***", words[0])),
        Some("APOP") if words.len() >= 3 => Some(format!("{} {} ***", words[0], words[1])),
        Some("AUTH") if words.len() >= 3 => Some(format!("{} {} ***", words[0], words[1])),
        _ => None,
    };
    Outgoing {
        bytes: line.as_bytes().to_vec(),
        shown,
        note: None,
    }
}

/// The size of a literal that ends a line (`{6}`, `{6+}`, `{6-}`, RFC 9051 §4.3, RFC 7888), as
/// written.
pub(super) fn literal_marker(line: &str) -> Option<&str> {
    let l = line.trim_end();
    let open = l.rfind('{')?;
    let inner = l[open + 1..].strip_suffix('}')?;
    let digits = inner
        .strip_suffix('+')
        .or_else(|| inner.strip_suffix('-'))
        .unwrap_or(inner);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| &l[open..])
}

/// A line that carries a typed LOGIN's literal (RFC 9051 §6.2.3: a user name or password sent
/// as `{N}` then its bytes): `***`, followed by the next literal's size when it announces one,
/// so the transcript still shows the command's shape.
fn redact_login_literal(line: &str) -> String {
    match literal_marker(line) {
        Some(m) => format!("*** {m}"),
        None => "***".to_string(),
    }
}

/// A typed `tag LOGIN user password` or `tag AUTHENTICATE MECH initial-response`. A password
/// sent as a literal (`tag LOGIN user {6}`) is not on this line: its size is shown, and the
/// next line is hidden (see `in_login`).
fn redact_imap(line: &str, verb: &str) -> Outgoing {
    let words: Vec<&str> = line.split_whitespace().collect();
    let shown = match verb {
        "LOGIN" if words.len() == 4 && literal_marker(words[3]) == Some(words[3]) => None,
        "LOGIN" if words.len() >= 4 => Some(match literal_marker(line) {
            Some(m) => format!("{} {} {} *** {m}", words[0], words[1], words[2]),
            None => format!("{} {} {} ***", words[0], words[1], words[2]),
        }),
        "AUTHENTICATE" if words.len() >= 4 => {
            Some(format!("{} {} {} ***", words[0], words[1], words[2]))
        }
        _ => None,
    };
    Outgoing {
        bytes: line.as_bytes().to_vec(),
        shown,
        note: None,
    }
}

/// An IMAP response by its first line: `+ text`, `* WORD text`, `tag COND text`.
#[derive(Debug, PartialEq, Eq)]
enum Imap {
    Continue(String),
    Untagged(String, String),
    Tagged(String, String, String),
}

fn classify(bytes: &[u8]) -> Imap {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    let text = escape_bytes(first);
    let mut words = text.splitn(3, ' ');
    let a = words.next().unwrap_or_default().to_string();
    let b = words.next().unwrap_or_default().to_ascii_uppercase();
    if a == "+" {
        return Imap::Continue(text);
    }
    if a == "*" {
        return Imap::Untagged(b, text);
    }
    Imap::Tagged(a, b, text)
}

/// `:help`.
fn help(proto: Proto) -> String {
    let specific = match proto {
        Proto::Smtp => {
            "  :data FILE   DATA, then FILE (CRLF line ends, dot-stuffed) and '.', then the reply\n  \
             STARTTLS     typed as a command: the handshake follows a 220 (then type EHLO again)\n  \
             DATA         typed: after 354 every line goes out as typed until '.'"
        }
        Proto::Pop3 => {
            "  :login       USER and PASS with --user and its password\n  \
             STLS         typed as a command: the handshake follows +OK"
        }
        Proto::Imap => {
            "  :login       LOGIN with --user and its password\n  \
             a line starting with a command name (select INBOX) gets a tag: a1, a2, ...\n  \
             STARTTLS     typed (with or without a tag): the handshake follows OK\n  \
             IDLE         typed: updates show as they come; type DONE to end it"
        }
    };
    format!(
        "lines are sent as typed, with CRLF; the reply is read until it is complete.\n  \
         :auth MECH   SASL login with --user and its password (shown as ***)\n\
         {specific}\n  \
         :quit        QUIT/LOGOUT politely and leave (also Ctrl-D, or Ctrl-C twice)\n  \
         ::text       send a line that starts with ':'\n  \
         :help        this text"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imap_responses_by_first_line() {
        assert_eq!(classify(b"+ idling\r\n"), Imap::Continue("+ idling".into()));
        assert_eq!(
            classify(b"* 3 EXISTS\r\n"),
            Imap::Untagged("3".into(), "* 3 EXISTS".into())
        );
        assert_eq!(
            classify(b"a1 ok done\r\n"),
            Imap::Tagged("a1".into(), "OK".into(), "a1 ok done".into())
        );
        assert_eq!(
            classify(b"* 1 FETCH (BODY[] {3}\r\nabc)\r\n"),
            Imap::Untagged("1".into(), "* 1 FETCH (BODY[] {3}".into())
        );
    }

    #[test]
    fn phases_of_commands() {
        assert_eq!(smtp_phase("MAIL"), Phase::Mail);
        assert_eq!(smtp_phase("NOOP"), Phase::Command);
        assert_eq!(pop3_phase("PASS"), Phase::Auth);
        assert_eq!(imap_phase("SELECT"), Phase::Select);
    }

    #[test]
    fn typed_secrets_are_redacted() {
        assert_eq!(
            redact_pop3("pass s3cret").shown.as_deref(),
            Some("pass ***")
        );
        assert_eq!(redact_pop3("STAT").shown, None);
        assert_eq!(
            redact_imap("a1 LOGIN alice s3cret", "LOGIN")
                .shown
                .as_deref(),
            Some("a1 LOGIN alice ***")
        );
        assert_eq!(
            redact_smtp("AUTH PLAIN AGFsaWNl").shown.as_deref(),
            Some("AUTH PLAIN ***")
        );
        assert_eq!(redact_smtp("AUTH LOGIN").shown, None);
        assert_eq!(
            redact_pop3("apop alice c4c9334bac560ecc979e58001b3e22fb")
                .shown
                .as_deref(),
            Some("apop alice ***")
        );
        assert_eq!(redact_pop3("APOP alice").shown, None);
    }

    #[test]
    fn kept_untagged_lines_stay_within_the_cap() {
        let mut kept = String::new();
        let mut dropped = 0;
        for n in 0..100_000 {
            if keep_line(&mut kept, &format!("* {n} EXISTS é"), 1000) {
                dropped += 1;
            }
            assert!(kept.len() <= 1000, "{}", kept.len());
        }
        assert!(kept.ends_with("* 99999 EXISTS é\n"), "{kept}");
        assert!(kept.starts_with("* "), "whole lines only: {kept}");
        // Dropping is in batches, not once per line.
        assert!(dropped < 100_000 / 20, "{dropped}");
        assert!(keep_line(&mut kept, &"x".repeat(2000), 1000));
        assert!(!kept.contains("xx"));
        let mut small = String::new();
        assert!(!keep_line(&mut small, "* 1 EXISTS", 1000));
        assert_eq!(small, "* 1 EXISTS\n");
    }

    #[test]
    fn a_message_read_is_capped_whatever_the_source() {
        let endless = std::io::repeat(b'x');
        assert_eq!(read_capped(endless, 1000).unwrap().len(), 1001);
        assert_eq!(read_capped(&b"short"[..], 1000).unwrap(), b"short");
    }

    #[test]
    fn login_literals_are_redacted() {
        // The password as a literal: nothing secret on the command line itself.
        assert_eq!(redact_imap("a LOGIN alice {6}", "LOGIN").shown, None);
        assert_eq!(redact_imap("a LOGIN alice {6+}", "LOGIN").shown, None);
        assert_eq!(redact_imap("a LOGIN {5}", "LOGIN").shown, None);
        // A quoted user with a space, then a literal password.
        assert_eq!(
            redact_imap("a LOGIN \"al ice\" {6}", "LOGIN")
                .shown
                .as_deref(),
            Some("a LOGIN \"al *** {6}")
        );
        // The lines carrying the literals: all hidden but the next literal's size.
        assert_eq!(redact_login_literal("s3cr3t"), "***");
        assert_eq!(redact_login_literal("alice {6}"), "*** {6}");
        assert_eq!(redact_login_literal("alice {6+}"), "*** {6+}");
        assert_eq!(redact_login_literal("alice \"s3 cr3t\""), "***");
        assert_eq!(literal_marker("x {12-}"), Some("{12-}"));
        assert_eq!(literal_marker("x {}"), None);
        assert_eq!(literal_marker("x {a}"), None);
    }

    #[test]
    fn expectations_match_prefixes_and_text() {
        let last = Last {
            status: "250".into(),
            shown: "250 mail.rig.test / STARTTLS".into(),
            text: "250 mail.rig.test / STARTTLS".into(),
            phase: Phase::Ehlo,
        };
        let e = |s: &str, t: Option<&str>| Expect {
            status: s.into(),
            text: t.map(String::from),
        };
        assert!(last.matches(&e("2", None)));
        assert!(last.matches(&e("25", Some("starttls"))));
        assert!(!last.matches(&e("251", None)));
        assert!(!last.matches(&e("250", Some("CHUNKING"))));
        let ok = Last {
            status: "OK".into(),
            shown: "a1 OK done".into(),
            text: "* 3 EXISTS\na1 OK done".into(),
            phase: Phase::Select,
        };
        assert!(ok.matches(&e("OK", None)));
        assert!(!ok.matches(&e("NO", None)));
        assert!(ok.matches(&e("OK", Some("exists"))));
    }
}
