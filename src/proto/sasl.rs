//! SASL client mechanisms (PLAIN RFC 4616, LOGIN, CRAM-MD5 RFC 2195, SCRAM-SHA-1/-256 RFC 5802
//! and RFC 7677, OAUTHBEARER RFC 7628, XOAUTH2, EXTERNAL RFC 4422 Appendix A), shared by SMTP
//! AUTH, POP3 AUTH and IMAP AUTHENTICATE. Each step says what the transcript may show of it.

mod scram;

use crate::error::{Failure, Kind};
use crate::event::Ctx;
use crate::secret::Secret;
use crate::transport::wire::Wire;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use std::sync::Arc;

/// `--auth` as the dialogues take it (the plan converts clap's `cli::AuthChoice` to this): the
/// strongest mechanism the server offers, or this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthChoice {
    Auto,
    Only(Mechanism),
}

impl AuthChoice {
    /// The mechanism to insist on (None: pick the strongest offered).
    pub(crate) fn mechanism(self) -> Option<Mechanism> {
        match self {
            AuthChoice::Auto => None,
            AuthChoice::Only(m) => Some(m),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mechanism {
    Plain,
    Login,
    CramMd5,
    ScramSha1,
    ScramSha256,
    OAuthBearer,
    XOauth2,
    External,
}

impl Mechanism {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
            Mechanism::CramMd5 => "CRAM-MD5",
            Mechanism::ScramSha1 => "SCRAM-SHA-1",
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::OAuthBearer => "OAUTHBEARER",
            Mechanism::XOauth2 => "XOAUTH2",
            Mechanism::External => "EXTERNAL",
        }
    }

    /// Preference for `--auth auto` among the mechanisms a server offers: SCRAM keeps the
    /// password off the wire and makes the server prove it knows it (SHA-256 before SHA-1,
    /// RFC 7677 §1), CRAM-MD5 keeps the password off the wire, then PLAIN (one round trip), then
    /// LOGIN. OAUTHBEARER and XOAUTH2 need a token, not a password, and EXTERNAL a client
    /// certificate, so they are only used when asked for.
    pub(crate) const AUTO_ORDER: [Mechanism; 5] = [
        Mechanism::ScramSha256,
        Mechanism::ScramSha1,
        Mechanism::CramMd5,
        Mechanism::Plain,
        Mechanism::Login,
    ];

    /// Pick the first mechanism of [`Self::AUTO_ORDER`] the server advertises.
    pub(crate) fn choose(offered: &[String]) -> Option<Mechanism> {
        Self::AUTO_ORDER
            .into_iter()
            .find(|m| offered.iter().any(|o| o.eq_ignore_ascii_case(m.name())))
    }

    /// Whether the mechanism puts a reusable secret on the wire (the password or a bearer
    /// token): such a mechanism is never sent in clear to a server that did not offer it.
    /// CRAM-MD5 and SCRAM send proofs, EXTERNAL nothing secret.
    pub(crate) fn exposes_secret(self) -> bool {
        matches!(
            self,
            Mechanism::Plain | Mechanism::Login | Mechanism::OAuthBearer | Mechanism::XOauth2
        )
    }

    fn scram_hash(self) -> Option<scram::Hash> {
        match self {
            Mechanism::ScramSha1 => Some(scram::Hash::Sha1),
            Mechanism::ScramSha256 => Some(scram::Hash::Sha256),
            _ => None,
        }
    }
}

/// Why the client stops an exchange: the protocol cancels it (`*`, RFC 4954 §4, RFC 5034 §4,
/// RFC 9051 §6.2.2) and reports this as the auth phase's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Abort {
    /// `Protocol` for a server message that makes no sense, `Rejected` for a refusal (the
    /// server's `e=`, a server that cannot prove it knows the password).
    pub kind: Kind,
    pub message: String,
}

impl Abort {
    pub(crate) fn protocol(message: impl Into<String>) -> Abort {
        Abort {
            kind: Kind::Protocol,
            message: message.into(),
        }
    }
    pub(crate) fn refused(message: impl Into<String>) -> Abort {
        Abort {
            kind: Kind::Rejected,
            message: message.into(),
        }
    }
}

/// One client message in a SASL exchange: base64 to send, and a safe rendering for the transcript.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub b64: String,
    /// Transcript text replacing `b64` when secrets are hidden.
    pub shown: String,
    /// Decoded explanation shown beside the line, secrets masked.
    pub note: String,
}

impl Step {
    /// The line to send for this step.
    pub(crate) fn into_line(self) -> crate::transport::wire::Outgoing {
        crate::transport::wire::Outgoing {
            bytes: self.b64.into_bytes(),
            shown: Some(self.shown),
            note: Some(self.note),
        }
    }
}

/// The line that cancels an exchange (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2).
pub(crate) fn cancel_line() -> crate::transport::wire::Outgoing {
    crate::transport::wire::Outgoing {
        bytes: b"*".to_vec(),
        shown: None,
        note: Some("cancel the exchange".into()),
    }
}

pub(crate) struct Credentials {
    /// The user (for EXTERNAL: the authorization identity, possibly empty).
    pub user: String,
    /// The password or bearer token (empty for EXTERNAL).
    pub secret: Secret,
    /// The server as the user named it, for OAUTHBEARER's `host=` and `port=` (RFC 7628 §3.1);
    /// None when it is not known before connecting (an MX).
    pub peer: Option<(String, u16)>,
}

fn step(raw: &[u8], shown: impl Into<String>, note: impl Into<String>) -> Step {
    Step {
        b64: B64.encode(raw),
        shown: shown.into(),
        note: note.into(),
    }
}

/// A step whose content is no secret: the transcript shows the base64 itself.
fn open_step(raw: &[u8], note: impl Into<String>) -> Step {
    let b64 = B64.encode(raw);
    Step {
        shown: b64.clone(),
        b64,
        note: note.into(),
    }
}

/// A running exchange: feed it server challenges, get the next client message.
pub(crate) struct Exchange<'a> {
    mech: Mechanism,
    creds: &'a Credentials,
    ctx: Arc<Ctx>,
    tls: bool,
    round: usize,
    /// The initial response, when it did not go with the command (no SASL-IR, or too long for
    /// the command line): sent in answer to the server's first, empty, challenge (RFC 4422 §5).
    deferred: Option<Step>,
    scram: Option<scram::Client>,
    /// What the server's error challenge said (OAUTHBEARER/XOAUTH2 JSON, RFC 7628 §3.2.2).
    server_error: Option<String>,
}

impl<'a> Exchange<'a> {
    /// `tls`: whether the connection is encrypted (SCRAM refuses a weak iteration count in clear).
    pub(crate) fn new(
        mech: Mechanism,
        creds: &'a Credentials,
        ctx: Arc<Ctx>,
        tls: bool,
    ) -> Result<Self, Abort> {
        let scram = match mech.scram_hash() {
            Some(h) => Some(scram::Client::new(
                h,
                &creds.user,
                scram::new_nonce().map_err(|e| Abort {
                    kind: Kind::Internal,
                    message: e,
                })?,
            )),
            None => None,
        };
        Ok(Exchange {
            mech,
            creds,
            ctx,
            tls,
            round: 0,
            deferred: None,
            scram,
            server_error: None,
        })
    }

    /// The RFCs' example exchanges need their own nonce.
    #[cfg(test)]
    fn with_nonce(mut self, nonce: &str) -> Self {
        if let Some(h) = self.mech.scram_hash() {
            self.scram = Some(scram::Client::new(h, &self.creds.user, nonce.into()));
        }
        self
    }

    /// The initial response, for mechanisms that have one.
    pub(crate) fn initial(&mut self) -> Option<Step> {
        let c = self.creds;
        self.round = 1;
        match self.mech {
            Mechanism::Plain => {
                let raw = format!("\0{}\0{}", c.user, c.secret.expose());
                Some(step(
                    raw.as_bytes(),
                    "***",
                    format!("PLAIN authcid={:?} password=***", c.user),
                ))
            }
            Mechanism::XOauth2 => {
                let raw = format!(
                    "user={}\x01auth=Bearer {}\x01\x01",
                    c.user,
                    c.secret.expose()
                );
                Some(step(
                    raw.as_bytes(),
                    "***",
                    format!("XOAUTH2 user={:?} token=***", c.user),
                ))
            }
            Mechanism::OAuthBearer => {
                // RFC 7628 §3.1: gs2 header with the authzid, then key/value pairs, each ended
                // by %x01, and a final %x01.
                let peer = match &c.peer {
                    Some((h, p)) => format!("host={h}\x01port={p}\x01"),
                    None => String::new(),
                };
                let gs2 = if c.user.is_empty() {
                    "n,,".to_string()
                } else {
                    format!("n,a={},", scram::escape_user(&c.user))
                };
                let raw = format!("{gs2}\x01{peer}auth=Bearer {}\x01\x01", c.secret.expose());
                let shown_peer = peer.replace('\x01', "^A");
                Some(step(
                    raw.as_bytes(),
                    "***",
                    format!("OAUTHBEARER {gs2}^A{shown_peer}auth=Bearer ***^A^A"),
                ))
            }
            Mechanism::External => {
                // RFC 4422 Appendix A: the authorization identity, or nothing to act as the
                // identity the certificate carries.
                let note = if c.user.is_empty() {
                    "EXTERNAL: empty authzid (the identity of the TLS client certificate)".into()
                } else {
                    format!("EXTERNAL authzid={:?}", c.user)
                };
                Some(open_step(c.user.as_bytes(), note))
            }
            Mechanism::ScramSha1 | Mechanism::ScramSha256 => {
                let first = self.scram.as_ref()?.client_first();
                Some(open_step(
                    first.as_bytes(),
                    format!("{} client-first {first}", self.mech.name()),
                ))
            }
            Mechanism::Login | Mechanism::CramMd5 => {
                self.round = 0;
                None
            }
        }
    }

    /// The initial response to send with the command, when it fits in `room` base64 characters
    /// (None: the protocol cannot carry one, IMAP without SASL-IR). Otherwise it is kept for the
    /// server's first challenge (RFC 4954 §4, RFC 5034 §4: an over-long command must not carry it).
    pub(crate) fn initial_within(&mut self, room: Option<usize>) -> Option<Step> {
        let s = self.initial()?;
        match room {
            Some(n) if s.b64.len().max(1) <= n => Some(s),
            _ => {
                self.deferred = Some(s);
                None
            }
        }
    }

    /// Answer one server challenge (already base64-decoded). An error: cancel the exchange and
    /// report it.
    pub(crate) fn respond(&mut self, challenge: &[u8]) -> Result<Step, Abort> {
        if let Some(s) = self.deferred.take() {
            if !challenge.is_empty() && self.ctx.emits() {
                self.ctx.warn(format!(
                    "{}: the first challenge should be empty (RFC 4422 §5); answering it with the initial response",
                    self.mech.name()
                ));
            }
            return Ok(s);
        }
        let c = self.creds;
        self.round += 1;
        match (self.mech, self.round) {
            (Mechanism::Login, 1) => Ok(open_step(
                c.user.as_bytes(),
                format!("username {:?}", c.user),
            )),
            (Mechanism::Login, 2) => Ok(step(c.secret.expose().as_bytes(), "***", "password ***")),
            (Mechanism::CramMd5, 1) => {
                let mut mac = Hmac::<md5::Md5>::new_from_slice(c.secret.expose().as_bytes())
                    .map_err(|e| Abort::protocol(format!("HMAC key: {e}")))?;
                mac.update(challenge);
                let digest: String = mac
                    .finalize()
                    .into_bytes()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                let raw = format!("{} {digest}", c.user);
                Ok(step(
                    raw.as_bytes(),
                    "***",
                    format!("CRAM-MD5 user={:?} digest=***", c.user),
                ))
            }
            (Mechanism::ScramSha1 | Mechanism::ScramSha256, _) => self.scram_step(challenge),
            // The error challenge (RFC 7628 §3.2.2): show it, and answer so the server can send
            // its failure reply — %x01 for OAUTHBEARER (§3.2.3), an empty response for XOAUTH2
            // (Google's documented behaviour).
            (Mechanism::OAuthBearer | Mechanism::XOauth2, 2) => {
                let detail = oauth_error(challenge);
                if self.ctx.emits() {
                    self.ctx
                        .info(format!("{}: server error {detail}", self.mech.name()));
                }
                self.server_error = Some(detail);
                Ok(if self.mech == Mechanism::OAuthBearer {
                    open_step(b"\x01", "%x01: acknowledge the error (RFC 7628 §3.2.3)")
                } else {
                    Step {
                        b64: String::new(),
                        shown: String::new(),
                        note: "empty response after the error".into(),
                    }
                })
            }
            (m, r) => Err(Abort::protocol(format!(
                "unexpected challenge number {r} for {}",
                m.name()
            ))),
        }
    }

    fn scram_step(&mut self, challenge: &[u8]) -> Result<Step, Abort> {
        let name = self.mech.name();
        let Some(sc) = self.scram.as_mut() else {
            return Err(Abort::protocol("SCRAM state missing"));
        };
        if sc.awaiting_final() {
            // server-final as a challenge (RFC 4954 §4, RFC 9051 §6.2.2: additional data with
            // success is sent as a challenge the client answers with an empty response).
            sc.server_final(challenge)?;
            self.verified_info();
            return Ok(Step {
                b64: String::new(),
                shown: String::new(),
                note: "empty response: the server proved it knows the password".into(),
            });
        }
        let mut notices = scram::Notices::default();
        let f = sc.server_first(
            challenge,
            self.creds.secret.expose(),
            self.tls,
            &mut notices,
        );
        for w in notices.warnings {
            self.ctx.warn(w);
        }
        for i in notices.infos {
            self.ctx.info(i);
        }
        let f = f?;
        // Like the proof, the server signature lets whoever sees it test password guesses
        // offline: redacted wherever it appears (the server-final line), unless --show-secrets.
        crate::secret::register_derived(&f.expected_v);
        let v = format!("v={}", f.expected_v);
        crate::secret::register_derived(&B64.encode(&v));
        // A server-final with extensions after v= encodes differently past the last whole
        // 3-byte group: the base64 of that prefix is what the raw line always starts with.
        let whole = v.len() / 3 * 3;
        if whole > 0 {
            crate::secret::register_derived(&B64.encode(&v.as_bytes()[..whole]));
        }
        // The proof too (RFC 5802 §3: with the salt and count shown, it allows offline password
        // guessing): in the clear and as the base64 client-final, should a server echo either.
        if let Some((_, proof)) = f.message.rsplit_once(",p=") {
            crate::secret::register_derived(proof);
        }
        crate::secret::register_derived(&B64.encode(f.message.as_bytes()));
        let raw = f.message.as_bytes();
        Ok(step(
            raw,
            "***",
            format!(
                "{name} client-final {},p=*** (salt s={}, {} iterations)",
                f.without_proof, f.salt_b64, f.iterations
            ),
        ))
    }

    fn verified_info(&self) {
        if self.ctx.emits() {
            self.ctx.info(format!(
                "{}: server signature verified: the server knows the password",
                self.mech.name()
            ));
        }
    }

    /// The server accepted the login; `additional`: data that came with the success (RFC 4422
    /// §3.6), for protocols that carry it. SCRAM is only a success once the server proved it
    /// knows the password: an OK without (or with a wrong) server-final is refused.
    pub(crate) fn after_success(&mut self, additional: Option<&[u8]>) -> Result<(), Abort> {
        let Some(sc) = self.scram.as_mut() else {
            return Ok(());
        };
        if sc.verified() {
            return Ok(());
        }
        match additional {
            Some(data) if sc.awaiting_final() => {
                sc.server_final(data)?;
                self.verified_info();
                Ok(())
            }
            _ => Err(Abort::refused(format!(
                "{}: the server accepted the login without sending its SCRAM signature (v=); the login is not trusted",
                scram::NO_PROOF
            ))),
        }
    }

    /// The failure message for a refused exchange: `msg` (e.g. "AUTH OAUTHBEARER failed") and
    /// what the server's error challenge said, if it sent one.
    pub(crate) fn refused(&self, msg: String) -> String {
        match &self.server_error {
            Some(e) => format!("{msg}: server error {e}"),
            None => msg,
        }
    }
}

/// The OAUTHBEARER / XOAUTH2 error challenge (RFC 7628 §3.2.2: JSON with `status`, `scope`,
/// `openid-configuration`), for the transcript and the failure message.
fn oauth_error(challenge: &[u8]) -> String {
    let parsed: Option<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(challenge).ok();
    let Some(obj) = parsed else {
        return format!("(not JSON) {}", crate::event::escape_bytes(challenge));
    };
    let mut parts = Vec::new();
    for key in ["status", "scope", "openid-configuration"] {
        if let Some(v) = obj.get(key) {
            let v = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            parts.push(format!("{key}={}", crate::event::clean(&v)));
        }
    }
    if parts.is_empty() {
        parts.push(crate::event::escape_bytes(challenge));
    }
    parts.join(" ")
}

/// An [`Exchange`] on this connection (its events, whether it is encrypted).
pub(crate) fn exchange<'a, S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    wire: &Wire<S>,
    mech: Mechanism,
    creds: &'a Credentials,
) -> Result<Exchange<'a>, Failure> {
    Exchange::new(mech, creds, wire.ctx().clone(), wire.is_tls())
        .map_err(|a| wire.fail(a.kind, a.message))
}

/// [`pick`] for a session: warns in the transcript when the mechanism is tried unadvertised,
/// and a refusal becomes the current phase's failure. `listed` is how the protocol names its
/// list (`AUTH ` for SMTP, `SASL ` for POP3 CAPA, `AUTH=` for IMAP), so the warning quotes it.
pub(crate) fn choose<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    wire: &Wire<S>,
    requested: Option<Mechanism>,
    offered: &[String],
    listed: &str,
) -> Result<Mechanism, Failure> {
    match pick(requested, offered, wire.is_tls()) {
        Ok(Pick::Use(m)) => Ok(m),
        Ok(Pick::UseUnadvertised(m)) => {
            wire.ctx().warn(format!(
                "server does not advertise {listed}{}; trying anyway",
                m.name()
            ));
            Ok(m)
        }
        Err(why) => Err(wire.fail(Kind::Rejected, why)),
    }
}

/// What [`pick`] decided.
pub(crate) enum Pick {
    Use(Mechanism),
    /// Use it although the server did not advertise it (the caller warns).
    UseUnadvertised(Mechanism),
}

/// Choose the mechanism for a login: the requested one, or the strongest offered. Never sends a
/// reusable secret in clear for a mechanism the server did not offer there (servers drop
/// plaintext mechanisms from the list exactly when they refuse them without TLS).
/// The error is the user-facing reason.
pub(crate) fn pick(
    requested: Option<Mechanism>,
    offered: &[String],
    tls: bool,
) -> Result<Pick, String> {
    let listed = |m: Mechanism| offered.iter().any(|o| o.eq_ignore_ascii_case(m.name()));
    let shown = if offered.is_empty() {
        "none".to_string()
    } else {
        offered.join(" ")
    };
    match requested {
        Some(m) if listed(m) => Ok(Pick::Use(m)),
        Some(m) if m.exposes_secret() && !tls => Err(format!(
            "server does not offer {} here (offered: {shown}); refusing to send the credentials in clear — use --starttls or --tls",
            m.name()
        )),
        Some(m) => Ok(Pick::UseUnadvertised(m)),
        None => Mechanism::choose(offered).map(Pick::Use).ok_or_else(|| {
            let hint = if !tls && offered.is_empty() {
                " (many servers offer it only after STARTTLS)"
            } else {
                ""
            };
            format!("server offers no usable SASL mechanism (offered: {shown}){hint}")
        }),
    }
}

/// The first line of an exchange, `VERB MECH [initial-response]`, with its transcript form.
pub(crate) fn first_line(
    verb: &str,
    mech: Mechanism,
    initial: Option<Step>,
) -> crate::transport::wire::Outgoing {
    use crate::transport::wire::Outgoing;
    match initial {
        Some(s) => Outgoing {
            // RFC 4959 §3 / RFC 4954 §4: an empty initial response is sent as "=".
            bytes: format!(
                "{verb} {} {}",
                mech.name(),
                if s.b64.is_empty() { "=" } else { &s.b64 }
            )
            .into_bytes(),
            // The transcript shows the "=" that goes on the wire, never an empty field.
            shown: Some(format!(
                "{verb} {} {}",
                mech.name(),
                if s.b64.is_empty() && s.shown.is_empty() {
                    "="
                } else {
                    &s.shown
                }
            )),
            note: Some(s.note),
        },
        None => Outgoing::plain(format!("{verb} {}", mech.name())),
    }
}

/// Decode a server challenge for display (and for CRAM-MD5). Invalid base64 is an error.
pub(crate) fn decode_challenge(b64: &str) -> Result<Vec<u8>, String> {
    let t = b64.trim();
    if t == "=" {
        return Ok(Vec::new());
    }
    B64.decode(t)
        .map_err(|e| format!("server challenge is not base64: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            user: "alice".into(),
            secret: Secret::new("s3cret"),
            peer: None,
        }
    }

    #[test]
    fn plain_initial_response() {
        let c = creds();
        let s = x(Mechanism::Plain, &c).initial().unwrap();
        assert_eq!(B64.decode(&s.b64).unwrap(), b"\0alice\0s3cret");
        assert!(!s.shown.contains("s3cret") && !s.note.contains("s3cret"));
    }

    #[test]
    fn cram_md5_matches_rfc2195_example() {
        // RFC 2195 §2 example: user tim, secret tanstaaftanstaaf.
        let c = Credentials {
            user: "tim".into(),
            secret: Secret::new("tanstaaftanstaaf"),
            peer: None,
        };
        let mut x = x(Mechanism::CramMd5, &c);
        let s = x
            .respond(b"<1896.697170952@postoffice.reston.mci.net>")
            .unwrap();
        assert_eq!(s.b64, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
        assert_eq!(s.shown, "***");
    }

    #[test]
    fn login_shows_user_but_not_password() {
        let c = creds();
        let mut x = x(Mechanism::Login, &c);
        let u = x.respond(b"Username:").unwrap();
        assert_eq!(u.shown, B64.encode("alice"));
        let p = x.respond(b"Password:").unwrap();
        assert_eq!(p.shown, "***");
        assert_eq!(B64.decode(p.b64).unwrap(), b"s3cret");
        assert!(x.respond(b"more?").is_err());
    }

    fn x(m: Mechanism, c: &Credentials) -> Exchange<'_> {
        Exchange::new(
            m,
            c,
            Arc::new(Ctx::new(Arc::new(crate::event::Discard))),
            true,
        )
        .unwrap()
    }

    fn pencil() -> Credentials {
        Credentials {
            user: "user".into(),
            secret: Secret::new("pencil"),
            peer: None,
        }
    }

    #[test]
    fn scram_sha_256_rfc7677_exchange_through_the_mechanism() {
        let c = pencil();
        let mut e = x(Mechanism::ScramSha256, &c).with_nonce("rOprNGfwEbeRWgbNEkqO");
        let first = e.initial_within(Some(100)).unwrap();
        assert_eq!(
            B64.decode(&first.b64).unwrap(),
            b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
        );
        assert_eq!(first.shown, first.b64, "client-first holds no secret");
        let fin = e
            .respond(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            .unwrap();
        assert_eq!(
            B64.decode(&fin.b64).unwrap(),
            b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        // The proof is derived from the password: never in the transcript's text.
        assert_eq!(fin.shown, "***");
        assert!(!fin.note.contains("dHzbZapW"), "{}", fin.note);
        assert!(fin.note.contains("p=***") && fin.note.contains("4096 iterations"));
        // An OK before server-final is no proof.
        assert_eq!(e.after_success(None).unwrap_err().kind, Kind::Rejected);
        let done = e
            .respond(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
            .unwrap();
        assert_eq!(done.b64, "");
        e.after_success(None).unwrap();
        // The server signature is registered for redaction.
        assert_eq!(
            crate::secret::redact(
                "S: + dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ=="
            ),
            "S: + ***"
        );
    }

    #[test]
    fn scram_server_final_as_success_data_and_wrong_signature() {
        let c = pencil();
        let sf: &[u8] = b"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
        let mut e = x(Mechanism::ScramSha1, &c).with_nonce("fyko+d2lbbFgONRv9qkxdawL");
        e.initial();
        e.respond(sf).unwrap();
        e.after_success(Some(b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ="))
            .unwrap();

        let mut e = x(Mechanism::ScramSha1, &c).with_nonce("fyko+d2lbbFgONRv9qkxdawL");
        e.initial();
        e.respond(sf).unwrap();
        let a = e.respond(b"v=AAAApqV8S7suAoZWja4dJRkFsKQ=").unwrap_err();
        assert_eq!(a.kind, Kind::Rejected);
        assert!(
            a.message.contains("could not prove it knows the password"),
            "{}",
            a.message
        );
        assert!(e.after_success(None).is_err());
    }

    #[test]
    fn deferred_initial_response_answers_the_first_challenge() {
        let c = pencil();
        let mut e = x(Mechanism::ScramSha256, &c);
        assert!(e.initial_within(None).is_none());
        let s = e.respond(b"").unwrap();
        assert!(B64.decode(&s.b64).unwrap().starts_with(b"n,,n=user,r="));
        // Too long for the command line: deferred too.
        let mut e = x(Mechanism::Plain, &c);
        assert!(e.initial_within(Some(4)).is_none());
        assert_eq!(
            B64.decode(e.respond(b"").unwrap().b64).unwrap(),
            b"\0user\0pencil"
        );
    }

    #[test]
    fn oauthbearer_initial_response_and_error_challenge() {
        let c = Credentials {
            user: "alice@rig.test".into(),
            secret: Secret::new("tok-123"),
            peer: Some(("mail.rig.test".into(), 587)),
        };
        let mut e = x(Mechanism::OAuthBearer, &c);
        let ir = e.initial().unwrap();
        assert_eq!(
            B64.decode(&ir.b64).unwrap(),
            b"n,a=alice@rig.test,\x01host=mail.rig.test\x01port=587\x01auth=Bearer tok-123\x01\x01"
        );
        assert_eq!(ir.shown, "***");
        assert!(!ir.note.contains("tok-123") && ir.note.contains("host=mail.rig.test"));
        let ack = e
            .respond(br#"{"status":"invalid_token","scope":"mail","openid-configuration":"https://x.test/.well-known/openid-configuration"}"#)
            .unwrap();
        // RFC 7628 §3.2.3: the client answers the error with a single %x01.
        assert_eq!(ack.b64, "AQ==");
        let msg = e.refused("AUTH OAUTHBEARER failed".into());
        assert!(
            msg.contains("status=invalid_token") && msg.contains("scope=mail"),
            "{msg}"
        );
        // XOAUTH2: an empty response.
        let mut e = x(Mechanism::XOauth2, &c);
        e.initial();
        assert_eq!(e.respond(br#"{"status":"400"}"#).unwrap().b64, "");
        assert!(e.refused("x".into()).contains("status=400"));
        // Not JSON: shown escaped.
        assert!(oauth_error(b"\xffnope").contains("not JSON"));
    }

    #[test]
    fn external_sends_the_authzid_or_nothing() {
        let c = Credentials {
            user: String::new(),
            secret: Secret::none(),
            peer: None,
        };
        let ir = x(Mechanism::External, &c).initial().unwrap();
        assert_eq!(ir.b64, "");
        let line = first_line("AUTH", Mechanism::External, Some(ir));
        assert_eq!(line.bytes, b"AUTH EXTERNAL =");
        let c = Credentials {
            user: "bob".into(),
            ..c
        };
        assert_eq!(x(Mechanism::External, &c).initial().unwrap().b64, "Ym9i");
    }

    #[test]
    fn auto_never_picks_token_or_certificate_mechanisms() {
        let offered = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            Mechanism::choose(&offered("PLAIN SCRAM-SHA-1 CRAM-MD5 SCRAM-SHA-256")),
            Some(Mechanism::ScramSha256)
        );
        assert_eq!(
            Mechanism::choose(&offered("plain scram-sha-1")),
            Some(Mechanism::ScramSha1)
        );
        assert_eq!(
            Mechanism::choose(&offered("OAUTHBEARER XOAUTH2 EXTERNAL SCRAM-SHA-256-PLUS")),
            None
        );
        // SCRAM sends no reusable secret: tried unadvertised even in clear (with a warning).
        assert!(matches!(
            pick(Some(Mechanism::ScramSha256), &offered("PLAIN"), false),
            Ok(Pick::UseUnadvertised(Mechanism::ScramSha256))
        ));
        assert!(pick(Some(Mechanism::OAuthBearer), &offered("PLAIN"), false).is_err());
    }

    #[test]
    fn auto_prefers_cram_then_plain() {
        let offered = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            Mechanism::choose(&offered("PLAIN LOGIN CRAM-MD5")),
            Some(Mechanism::CramMd5)
        );
        assert_eq!(
            Mechanism::choose(&offered("login plain")),
            Some(Mechanism::Plain)
        );
        assert_eq!(Mechanism::choose(&offered("XOAUTH2 GSSAPI")), None);
    }
}
