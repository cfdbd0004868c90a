//! Commands: run a plan through transport and protocol code and produce a [`crate::report::Report`].

pub(crate) mod audit;
pub(crate) mod check;
pub(crate) mod dkim;
pub(crate) mod dmarc;
pub(crate) mod dns;
pub(crate) mod imap;
pub(crate) mod jmap;
pub(crate) mod mime;
pub(crate) mod pgp;
pub(crate) mod pop3;
pub(crate) mod shell;
pub(crate) mod smime;
pub(crate) mod smtp_load;
pub(crate) mod smtp_send;
pub(crate) mod smtp_sink;
pub(crate) mod wkd;
