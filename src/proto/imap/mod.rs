//! IMAP client (RFC 9051 / RFC 3501): framing with streamed literals, a tolerant response parser,
//! modified UTF-7 names, login (LOGIN, AUTHENTICATE with SASL-IR), STARTTLS and tagged commands
//! ([`client`]); the `imap …` dialogue's steps in [`session`] and [`fetch`].

pub mod client;
pub(crate) mod fetch;
pub mod frame;
pub mod mutf7;
pub mod parse;
pub(crate) mod session;

pub use client::Imap;
