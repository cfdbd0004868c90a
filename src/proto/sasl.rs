//! SASL client mechanisms (PLAIN RFC 4616, LOGIN, CRAM-MD5 RFC 2195, XOAUTH2), shared by SMTP AUTH,
//! POP3 AUTH and IMAP AUTHENTICATE. Each step says what the transcript may show of it.

use crate::error::{Failure, Kind};
use crate::secret::Secret;
use crate::transport::wire::Wire;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};

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
    XOauth2,
}

impl Mechanism {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
            Mechanism::CramMd5 => "CRAM-MD5",
            Mechanism::XOauth2 => "XOAUTH2",
        }
    }

    /// Preference for `--auth auto` among the mechanisms a server offers: CRAM-MD5 keeps the
    /// password off the wire, then PLAIN (one round trip), then LOGIN. XOAUTH2 needs a token, not a
    /// password, so it is only used when asked for.
    pub(crate) const AUTO_ORDER: [Mechanism; 3] =
        [Mechanism::CramMd5, Mechanism::Plain, Mechanism::Login];

    /// Pick the first mechanism of [`Self::AUTO_ORDER`] the server advertises.
    pub(crate) fn choose(offered: &[String]) -> Option<Mechanism> {
        Self::AUTO_ORDER
            .into_iter()
            .find(|m| offered.iter().any(|o| o.eq_ignore_ascii_case(m.name())))
    }

    /// Whether the mechanism puts a reusable secret on the wire (anything but CRAM-MD5): such a
    /// mechanism is never sent in clear to a server that did not offer it.
    pub(crate) fn exposes_secret(self) -> bool {
        !matches!(self, Mechanism::CramMd5)
    }

    /// Whether the mechanism sends an initial response with the command (RFC 4954 §4).
    pub(crate) fn has_initial_response(self) -> bool {
        matches!(self, Mechanism::Plain | Mechanism::XOauth2)
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

pub(crate) struct Credentials {
    pub user: String,
    pub secret: Secret,
}

fn step(raw: &[u8], shown: impl Into<String>, note: impl Into<String>) -> Step {
    Step {
        b64: B64.encode(raw),
        shown: shown.into(),
        note: note.into(),
    }
}

/// A running exchange: feed it server challenges, get the next client message.
pub(crate) struct Exchange<'a> {
    mech: Mechanism,
    creds: &'a Credentials,
    round: usize,
}

impl<'a> Exchange<'a> {
    pub(crate) fn new(mech: Mechanism, creds: &'a Credentials) -> Self {
        Exchange {
            mech,
            creds,
            round: 0,
        }
    }

    /// The initial response, for mechanisms that have one.
    pub(crate) fn initial(&mut self) -> Option<Step> {
        let c = self.creds;
        match self.mech {
            Mechanism::Plain => {
                self.round = 1;
                let raw = format!("\0{}\0{}", c.user, c.secret.expose());
                Some(step(
                    raw.as_bytes(),
                    "***",
                    format!("PLAIN authcid={:?} password=***", c.user),
                ))
            }
            Mechanism::XOauth2 => {
                self.round = 1;
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
            _ => None,
        }
    }

    /// Answer one server challenge (already base64-decoded).
    pub(crate) fn respond(&mut self, challenge: &[u8]) -> Result<Step, String> {
        let c = self.creds;
        self.round += 1;
        match (self.mech, self.round) {
            (Mechanism::Login, 1) => Ok(Step {
                b64: B64.encode(c.user.as_bytes()),
                shown: B64.encode(c.user.as_bytes()),
                note: format!("username {:?}", c.user),
            }),
            (Mechanism::Login, 2) => Ok(step(c.secret.expose().as_bytes(), "***", "password ***")),
            (Mechanism::CramMd5, 1) => {
                let mut mac = Hmac::<md5::Md5>::new_from_slice(c.secret.expose().as_bytes())
                    .map_err(|e| format!("HMAC key: {e}"))?;
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
            // XOAUTH2 failure: the server sends a JSON error challenge; RFC 7628 §3.2.3 says answer
            // with an empty response so the server can send the final failure reply.
            (Mechanism::XOauth2, _) => Ok(Step {
                b64: String::new(),
                shown: String::new(),
                note: "empty response after error".into(),
            }),
            (m, r) => Err(format!("unexpected challenge number {r} for {}", m.name())),
        }
    }
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
            shown: Some(format!("{verb} {} {}", mech.name(), s.shown)),
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
        }
    }

    #[test]
    fn plain_initial_response() {
        let c = creds();
        let s = Exchange::new(Mechanism::Plain, &c).initial().unwrap();
        assert_eq!(B64.decode(&s.b64).unwrap(), b"\0alice\0s3cret");
        assert!(!s.shown.contains("s3cret") && !s.note.contains("s3cret"));
    }

    #[test]
    fn cram_md5_matches_rfc2195_example() {
        // RFC 2195 §2 example: user tim, secret tanstaaftanstaaf.
        let c = Credentials {
            user: "tim".into(),
            secret: Secret::new("tanstaaftanstaaf"),
        };
        let mut x = Exchange::new(Mechanism::CramMd5, &c);
        let s = x
            .respond(b"<1896.697170952@postoffice.reston.mci.net>")
            .unwrap();
        assert_eq!(s.b64, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
        assert_eq!(s.shown, "***");
    }

    #[test]
    fn login_shows_user_but_not_password() {
        let c = creds();
        let mut x = Exchange::new(Mechanism::Login, &c);
        let u = x.respond(b"Username:").unwrap();
        assert_eq!(u.shown, B64.encode("alice"));
        let p = x.respond(b"Password:").unwrap();
        assert_eq!(p.shown, "***");
        assert_eq!(B64.decode(p.b64).unwrap(), b"s3cret");
        assert!(x.respond(b"more?").is_err());
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
