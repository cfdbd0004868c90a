//! IMAP client (RFC 9051 / RFC 3501): framing with streamed literals, a tolerant response parser,
//! modified UTF-7 names, login (LOGIN, AUTHENTICATE with SASL-IR), STARTTLS and tagged commands.

pub mod client;
pub mod frame;
pub mod mutf7;
pub mod parse;

pub use client::Imap;
