//! Commands: run a plan through transport and protocol code and produce a [`crate::report::Report`].

pub mod check;
pub mod dkim;
pub mod dmarc;
pub mod dns;
pub mod imap;
pub mod pop3;
pub mod smtp_load;
pub mod smtp_send;
