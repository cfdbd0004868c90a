//! Protocol dialogues. They read and write through `transport::wire::Wire`, emit events, and
//! never print.

pub mod sasl;
pub mod smtp;
