//! SMTP and LMTP client (RFC 5321, RFC 2033): reply parsing, capabilities, the send dialogue;
//! and the server side `smtp sink` runs (`server.rs`, storing through `store.rs`).

pub(crate) mod body;
pub(crate) mod client;
pub(crate) mod data;
pub(crate) mod reply;
pub(crate) mod server;
pub(crate) mod session;
pub(crate) mod store;

pub(crate) use session::{Delivery, QuitAfter, RcptResult, SendPlan, run};
