//! Protocol dialogues. They read and write through `transport::wire::Wire`, emit events, and
//! never print.

pub mod imap;
pub mod pop3;
pub mod sasl;
pub mod smtp;
