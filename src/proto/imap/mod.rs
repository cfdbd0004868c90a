//! IMAP client (RFC 9051 / RFC 3501): framing with streamed literals, a tolerant response parser,
//! modified UTF-7 names, login (LOGIN, AUTHENTICATE with SASL-IR), STARTTLS and tagged commands
//! ([`client`]); the `imap …` dialogue's steps in [`session`] and [`fetch`].

pub(crate) mod client;
pub(crate) mod fetch;
pub(crate) mod frame;
pub(crate) mod mutf7;
pub(crate) mod parse;
pub(crate) mod session;

pub(crate) use client::Imap;
