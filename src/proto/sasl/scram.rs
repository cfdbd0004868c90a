//! SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677) client, without channel binding: the
//! gs2 header is `n,,` ("client does not support channel binding"), so the -PLUS variants are
//! never offered. The client proves it knows the password, and the server proves it does too
//! (`v=` in server-final): a server that cannot is refused, whatever it answers afterwards.
//!
//! Everything the server sends is checked before it is used: the nonce must extend ours, the
//! salt must be base64, the iteration count is bounded (the work is ours), and a malformed
//! message is an error, never a panic.

use super::Abort;
use crate::error::Kind;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ring::{digest, hmac, pbkdf2};
use std::num::NonZeroU32;

/// RFC 5802 §5.1 and RFC 7677 §4: servers SHOULD announce at least 4096 iterations.
pub(crate) const MIN_ITERATIONS: u32 = 4096;

/// The most PBKDF2 iterations mailctl computes for one login. Real servers use 4096 (Dovecot,
/// Cyrus) to a few hundred thousand; a hostile one asking for 2^31 would otherwise hold a CPU
/// for minutes, outside every --timeout and --max-time (the derivation runs on the session's
/// one thread, between two reads): a million is about a quarter of a second here.
pub(crate) const MAX_ITERATIONS: u32 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha256,
}

impl Hash {
    fn pbkdf2(self) -> pbkdf2::Algorithm {
        match self {
            Hash::Sha1 => pbkdf2::PBKDF2_HMAC_SHA1,
            Hash::Sha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        }
    }
    fn hmac(self) -> hmac::Algorithm {
        match self {
            // SCRAM-SHA-1 is what RFC 5802 defines; ring names SHA-1 HMAC "legacy use".
            Hash::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            Hash::Sha256 => hmac::HMAC_SHA256,
        }
    }
    fn digest(self) -> &'static digest::Algorithm {
        match self {
            Hash::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
            Hash::Sha256 => &digest::SHA256,
        }
    }
    fn len(self) -> usize {
        self.digest().output_len()
    }
}

/// A fresh client nonce: 18 random bytes as base64 (24 printable characters, never ',').
pub(crate) fn new_nonce() -> Result<String, String> {
    use ring::rand::SecureRandom;
    let mut b = [0u8; 18];
    ring::rand::SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| "no randomness for the SCRAM nonce".to_string())?;
    Ok(B64.encode(b))
}

/// saslname (RFC 5802 §5.1): `=` as `=3D` and `,` as `=2C`.
pub(crate) fn escape_user(user: &str) -> String {
    user.replace('=', "=3D").replace(',', "=2C")
}

/// What the client learned from server-first and answers with.
pub(crate) struct ClientFinal {
    /// The whole client-final-message (with the proof).
    pub message: String,
    /// The same without the proof, for the transcript: `c=biws,r=…`.
    pub without_proof: String,
    pub salt_b64: String,
    pub iterations: u32,
    /// The server signature (base64) we expect in server-final: registered as a secret, since
    /// like the proof it allows an offline guess at the password.
    pub expected_v: String,
}

/// Things worth saying in the transcript while deriving the keys.
#[derive(Debug, Default)]
pub(crate) struct Notices {
    pub warnings: Vec<String>,
    pub infos: Vec<String>,
}

#[derive(Debug)]
enum State {
    /// client-first sent, waiting for server-first.
    First,
    /// client-final sent, waiting for server-final; the signature it must carry.
    Final { expected: Vec<u8> },
    /// The server proved it knows the password.
    Verified,
    /// Gave up (an error was reported); nothing more is accepted.
    Done,
}

pub(crate) struct Client {
    hash: Hash,
    nonce: String,
    first_bare: String,
    state: State,
}

fn malformed(what: impl std::fmt::Display) -> Abort {
    Abort {
        kind: Kind::Protocol,
        message: format!("malformed SCRAM server-first-message: {what}"),
    }
}

impl Client {
    /// A client for `user`, with `nonce` (tests inject the RFC's; sessions use [`new_nonce`]).
    pub(crate) fn new(hash: Hash, user: &str, nonce: String) -> Client {
        // RFC 5802 §5.1: the user name SHOULD be prepared with SASLprep before escaping; one
        // SASLprep refuses (prohibited or unassigned characters) is sent as given.
        let prepared = stringprep::saslprep(user)
            .map(|p| p.into_owned())
            .unwrap_or_else(|_| user.to_string());
        Client {
            hash,
            first_bare: format!("n={},r={nonce}", escape_user(&prepared)),
            nonce,
            state: State::First,
        }
    }

    /// client-first-message: gs2 header `n,,` (no channel binding, no authzid) and the bare part.
    pub(crate) fn client_first(&self) -> String {
        format!("n,,{}", self.first_bare)
    }

    pub(crate) fn verified(&self) -> bool {
        matches!(self.state, State::Verified)
    }

    /// Whether client-final went out and server-final has not been checked yet.
    pub(crate) fn awaiting_final(&self) -> bool {
        matches!(self.state, State::Final { .. })
    }

    /// Answer server-first (RFC 5802 §5.1, §3): check it, derive the keys, build client-final.
    /// `tls`: whether the connection is encrypted (a weak iteration count is refused in clear).
    pub(crate) fn server_first(
        &mut self,
        msg: &[u8],
        password: &str,
        tls: bool,
        notices: &mut Notices,
    ) -> Result<ClientFinal, Abort> {
        if !matches!(self.state, State::First) {
            self.state = State::Done;
            return Err(Abort::protocol(
                "unexpected SCRAM challenge: server-first was already answered",
            ));
        }
        self.state = State::Done;
        let text = std::str::from_utf8(msg).map_err(|_| malformed("not UTF-8"))?;
        if let Some(e) = text.strip_prefix("e=") {
            return Err(Abort::refused(format!(
                "server refused the SCRAM exchange: e={e}"
            )));
        }
        let (mut r, mut s, mut i) = (None, None, None);
        for attr in text.split(',') {
            let (k, v) = attr
                .split_once('=')
                .filter(|(k, _)| k.len() == 1)
                .ok_or_else(|| malformed(format!("attribute {attr:?} is not a=value")))?;
            let slot = match k {
                "r" => &mut r,
                "s" => &mut s,
                "i" => &mut i,
                // RFC 5802 §5.1: "If this extension is present, the client MUST fail".
                "m" => {
                    return Err(malformed(
                        "it carries a mandatory extension (m=) mailctl does not know (RFC 5802 §5.1)",
                    ));
                }
                // Optional extensions are ignored (RFC 5802 §7, "extensions").
                _ => continue,
            };
            if slot.replace(v).is_some() {
                return Err(malformed(format!("{k}= given twice")));
            }
        }
        let r = r.ok_or_else(|| malformed("no nonce (r=)"))?;
        let s = s.ok_or_else(|| malformed("no salt (s=)"))?;
        let i = i.ok_or_else(|| malformed("no iteration count (i=)"))?;
        // The server adds its part to ours (RFC 5802 §5.1 "r="): a nonce that does not start
        // with ours is a replay or a man in the middle, and nothing is computed for it.
        if !r.starts_with(&self.nonce) || r.len() == self.nonce.len() {
            return Err(Abort::protocol(format!(
                "SCRAM server nonce does not extend the client nonce (RFC 5802 §5.1): sent r={}, got r={r}",
                self.nonce
            )));
        }
        if let Some(c) = r.chars().find(|c| !('\x21'..='\x7e').contains(c)) {
            return Err(malformed(format!(
                "nonce has a character not allowed (RFC 5802 §7 printable): {c:?}"
            )));
        }
        let salt = B64
            .decode(s)
            .map_err(|e| malformed(format!("salt s={s} is not base64: {e}")))?;
        if salt.is_empty() {
            return Err(malformed("empty salt"));
        }
        if i.is_empty() || !i.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed(format!("iteration count i={i} is not a number")));
        }
        let iterations: u32 = match i.trim_start_matches('0').parse::<u64>() {
            Ok(n) if n > u64::from(MAX_ITERATIONS) => {
                return Err(Abort::protocol(format!(
                    "server asks for {n} PBKDF2 iterations; mailctl computes at most {MAX_ITERATIONS} (the work is on this machine, outside --timeout)"
                )));
            }
            Ok(n) => n as u32,
            // Only digits, all zeros (empty after trimming) or longer than u64.
            Err(_) if i.bytes().all(|b| b == b'0') => 0,
            Err(_) => {
                return Err(Abort::protocol(format!(
                    "server asks for {i} PBKDF2 iterations; mailctl computes at most {MAX_ITERATIONS}"
                )));
            }
        };
        let Some(rounds) = NonZeroU32::new(iterations) else {
            return Err(malformed("iteration count i=0"));
        };
        if iterations < MIN_ITERATIONS {
            // A low count makes the proof (and the server signature) cheap to brute-force for
            // whoever sees them. Inside TLS that is only the server, which holds the verifier
            // anyway; in clear it is anyone on the path, so mailctl refuses.
            let why = format!(
                "server asks for {iterations} SCRAM iterations, fewer than the {MIN_ITERATIONS} RFC 5802 §5.1 / RFC 7677 §4 ask for: the exchange is cheap to brute-force for the password"
            );
            if !tls {
                return Err(Abort::refused(format!(
                    "{why}; refusing on an unencrypted connection"
                )));
            }
            notices.warnings.push(why);
        }

        // RFC 5802 §2.2 Normalize(): SASLprep (RFC 4013) as a stored string.
        let prepared = match stringprep::saslprep(password) {
            Ok(p) => {
                if p != password {
                    notices.infos.push(
                        "SCRAM: the password was changed by SASLprep (RFC 4013: Unicode normalization, mapped spaces/characters) before hashing, as RFC 5802 §2.2 requires".into(),
                    );
                }
                p.into_owned()
            }
            Err(e) => {
                // A server that does not apply SASLprep (many do not) hashes the raw bytes, and
                // refusing here would lock such users out; PostgreSQL's client does the same.
                notices.warnings.push(format!(
                    "SCRAM: the password is not valid for SASLprep (RFC 4013: {e}); using it unnormalized"
                ));
                password.to_string()
            }
        };

        let h = self.hash;
        let mut salted = vec![0u8; h.len()];
        pbkdf2::derive(h.pbkdf2(), rounds, &salt, prepared.as_bytes(), &mut salted);
        let salted_key = hmac::Key::new(h.hmac(), &salted);
        let client_key = hmac::sign(&salted_key, b"Client Key");
        let server_key = hmac::sign(&salted_key, b"Server Key");
        let stored_key = digest::digest(h.digest(), client_key.as_ref());

        // c= is base64 of the gs2 header `n,,` (RFC 5802 §7 "channel-binding").
        let without_proof = format!("c=biws,r={r}");
        let auth_message = format!("{},{text},{without_proof}", self.first_bare);
        let client_sig = hmac::sign(
            &hmac::Key::new(h.hmac(), stored_key.as_ref()),
            auth_message.as_bytes(),
        );
        let proof: Vec<u8> = client_key
            .as_ref()
            .iter()
            .zip(client_sig.as_ref())
            .map(|(a, b)| a ^ b)
            .collect();
        let server_sig = hmac::sign(
            &hmac::Key::new(h.hmac(), server_key.as_ref()),
            auth_message.as_bytes(),
        );
        let expected = server_sig.as_ref().to_vec();
        let expected_v = B64.encode(&expected);
        self.state = State::Final { expected };
        Ok(ClientFinal {
            message: format!("{without_proof},p={}", B64.encode(proof)),
            without_proof,
            salt_b64: s.to_string(),
            iterations,
            expected_v,
        })
    }

    /// Check server-final (RFC 5802 §3, §5.1 "v="): the signature must be the one derived from
    /// the password; `e=` is the server's refusal.
    pub(crate) fn server_final(&mut self, msg: &[u8]) -> Result<(), Abort> {
        let State::Final { expected } = std::mem::replace(&mut self.state, State::Done) else {
            return Err(Abort::protocol(
                "unexpected SCRAM challenge after the exchange ended",
            ));
        };
        let text = String::from_utf8_lossy(msg);
        let first = text.split(',').next().unwrap_or("");
        if let Some(e) = first.strip_prefix("e=") {
            return Err(Abort::refused(format!(
                "server refused the SCRAM exchange: e={e}"
            )));
        }
        let Some(v) = first.strip_prefix("v=") else {
            return Err(Abort::refused(format!(
                "{NO_PROOF}: server-final has no signature (v=), got {:?}",
                crate::event::escape_bytes(msg)
            )));
        };
        let got = B64
            .decode(v)
            .map_err(|_| Abort::refused(format!("{NO_PROOF}: its signature v= is not base64")))?;
        // No constant-time compare needed: the expected value changes with every nonce, so
        // timing cannot be used to guess it across attempts.
        if got != expected {
            return Err(Abort::refused(format!(
                "{NO_PROOF}: the SCRAM server signature (v=) is wrong — the server does not know the password (or someone is in the middle)"
            )));
        }
        self.state = State::Verified;
        Ok(())
    }
}

/// The start of every message for a server that did not prove itself.
pub(crate) const NO_PROOF: &str = "the server could not prove it knows the password";

#[cfg(test)]
mod tests {
    use super::*;

    fn run(hash: Hash, nonce: &str, server_first: &str) -> (Client, ClientFinal) {
        let mut c = Client::new(hash, "user", nonce.into());
        let mut n = Notices::default();
        let f = c
            .server_first(server_first.as_bytes(), "pencil", true, &mut n)
            .unwrap();
        assert!(n.warnings.is_empty(), "{n:?}");
        (c, f)
    }

    #[test]
    fn rfc5802_section5_example() {
        let (mut c, f) = run(
            Hash::Sha1,
            "fyko+d2lbbFgONRv9qkxdawL",
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
        );
        assert_eq!(c.client_first(), "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        assert_eq!(
            f.message,
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="
        );
        assert_eq!(f.expected_v, "rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        assert!(!c.verified());
        c.server_final(b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ=").unwrap();
        assert!(c.verified());
    }

    #[test]
    fn rfc7677_section3_example() {
        let (mut c, f) = run(
            Hash::Sha256,
            "rOprNGfwEbeRWgbNEkqO",
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        );
        assert_eq!(c.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assert_eq!(
            f.message,
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        c.server_final(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
            .unwrap();
        assert!(c.verified());
    }

    #[test]
    fn wrong_or_missing_server_signature_is_refused() {
        let sf = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
        for bad in [
            &b"v=AmF9pqV8S7suAoZWja4dJRkFsKQ="[..],
            b"v=",
            b"v=!!!",
            b"",
            b"x=1",
        ] {
            let (mut c, _) = run(Hash::Sha1, "fyko+d2lbbFgONRv9qkxdawL", sf);
            let e = c.server_final(bad).unwrap_err();
            assert_eq!(e.kind, Kind::Rejected, "{bad:?}");
            assert!(e.message.starts_with(NO_PROOF), "{}", e.message);
            assert!(!c.verified());
            // Nothing more is accepted after a failure.
            assert!(c.server_final(b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ=").is_err());
        }
        let (mut c, _) = run(Hash::Sha1, "fyko+d2lbbFgONRv9qkxdawL", sf);
        let e = c.server_final(b"e=other-error").unwrap_err();
        assert_eq!(e.kind, Kind::Rejected);
        assert!(e.message.contains("e=other-error"), "{}", e.message);
    }

    #[test]
    fn hostile_server_first_is_an_error_not_a_panic() {
        let nonce = "abc";
        let cases: &[(&str, Kind, &str)] = &[
            (
                "r=xyz123,s=QSXCR+Q6sek8bf92,i=4096",
                Kind::Protocol,
                "does not extend",
            ),
            (
                "r=abc,s=QSXCR+Q6sek8bf92,i=4096",
                Kind::Protocol,
                "does not extend",
            ),
            (
                "r=abcd,s=QSXCR+Q6sek8bf9,i=4096",
                Kind::Protocol,
                "not base64",
            ),
            ("r=abcd,s=,i=4096", Kind::Protocol, "salt"),
            (
                "r=abcd,s=QSXCR+Q6sek8bf92,i=2147483648",
                Kind::Protocol,
                "at most",
            ),
            (
                "r=abcd,s=QSXCR+Q6sek8bf92,i=99999999999999999999999",
                Kind::Protocol,
                "at most",
            ),
            ("r=abcd,s=QSXCR+Q6sek8bf92,i=0", Kind::Protocol, "i=0"),
            (
                "r=abcd,s=QSXCR+Q6sek8bf92,i=-1",
                Kind::Protocol,
                "not a number",
            ),
            ("r=abcd,s=QSXCR+Q6sek8bf92", Kind::Protocol, "no iteration"),
            ("r=abcd,i=4096", Kind::Protocol, "no salt"),
            ("s=QSXCR+Q6sek8bf92,i=4096", Kind::Protocol, "no nonce"),
            (
                "m=ext,r=abcd,s=QSXCR+Q6sek8bf92,i=4096",
                Kind::Protocol,
                "m=",
            ),
            (
                "r=abcd,r=abcde,s=QSXCR+Q6sek8bf92,i=4096",
                Kind::Protocol,
                "twice",
            ),
            ("garbage", Kind::Protocol, "a=value"),
            ("", Kind::Protocol, "a=value"),
            ("e=invalid-encoding", Kind::Rejected, "e=invalid-encoding"),
            (
                "r=abc\u{e9},s=QSXCR+Q6sek8bf92,i=4096",
                Kind::Protocol,
                "character",
            ),
        ];
        for (sf, kind, needle) in cases {
            let mut c = Client::new(Hash::Sha256, "user", nonce.into());
            let e = c
                .server_first(sf.as_bytes(), "pencil", true, &mut Notices::default())
                .err()
                .expect("an error");
            assert_eq!(e.kind, *kind, "{sf}: {}", e.message);
            assert!(e.message.contains(needle), "{sf}: {}", e.message);
        }
        let mut c = Client::new(Hash::Sha256, "user", nonce.into());
        assert!(
            c.server_first(b"\xff\xfe", "pencil", true, &mut Notices::default())
                .is_err()
        );
    }

    #[test]
    fn low_iteration_count_warns_in_tls_and_is_refused_in_clear() {
        let sf = b"r=abcd,s=QSXCR+Q6sek8bf92,i=1";
        let mut n = Notices::default();
        let mut c = Client::new(Hash::Sha1, "user", "abc".into());
        c.server_first(sf, "pencil", true, &mut n).unwrap();
        assert!(n.warnings[0].contains("fewer than the 4096"), "{n:?}");
        let mut c = Client::new(Hash::Sha1, "user", "abc".into());
        let e = c
            .server_first(sf, "pencil", false, &mut Notices::default())
            .err()
            .expect("an error");
        assert_eq!(e.kind, Kind::Rejected);
        assert!(e.message.contains("unencrypted"), "{}", e.message);
    }

    #[test]
    fn user_name_is_escaped_and_extensions_are_ignored() {
        let c = Client::new(Hash::Sha1, "a,b=c", "N".into());
        assert_eq!(c.client_first(), "n,,n=a=2Cb=3Dc,r=N");
        let mut c = Client::new(Hash::Sha1, "u", "N".into());
        c.server_first(
            b"r=NS,s=QSXCR+Q6sek8bf92,i=4096,x=future",
            "p",
            true,
            &mut Notices::default(),
        )
        .unwrap();
    }

    #[test]
    fn user_name_is_saslprepped_then_escaped() {
        // RFC 4013 §3 example: SOFT HYPHEN maps to nothing; then "," and "=" are escaped.
        let c = Client::new(Hash::Sha256, "I\u{00AD}X,a=b", "n0nce".into());
        assert_eq!(c.client_first(), "n,,n=IX=2Ca=3Db,r=n0nce");
        // A name SASLprep refuses (a control character) goes as given.
        let c = Client::new(Hash::Sha256, "a\u{0007}b", "n".into());
        assert_eq!(c.client_first(), "n,,n=a\u{0007}b,r=n");
    }

    #[test]
    fn saslprep_normalizes_or_falls_back() {
        // U+00A0 (no-break space) maps to a space (RFC 4013 §2.1): the proof equals the one for
        // a plain space, and the change is said.
        let sf = b"r=abcd,s=QSXCR+Q6sek8bf92,i=4096";
        let proof = |pw: &str| {
            let mut n = Notices::default();
            let mut c = Client::new(Hash::Sha256, "user", "abc".into());
            (c.server_first(sf, pw, true, &mut n).unwrap().message, n)
        };
        let (a, na) = proof("pen cil");
        let (b, nb) = proof("pen\u{a0}cil");
        assert_eq!(a, b);
        assert!(na.infos.is_empty() && nb.infos.len() == 1, "{nb:?}");
        // A control character is prohibited: used as is, with a warning.
        let (_, nc) = proof("pen\u{7}cil");
        assert_eq!(nc.warnings.len(), 1, "{nc:?}");
    }

    #[test]
    fn nonce_is_random_and_printable() {
        let a = new_nonce().unwrap();
        let b = new_nonce().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
        assert!(a.bytes().all(|c| (0x21..=0x7e).contains(&c) && c != b','));
    }
}
