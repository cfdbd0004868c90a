//! SMTP and LMTP client (RFC 5321, RFC 2033): reply parsing, capabilities, the send dialogue.

pub(crate) mod body;
pub(crate) mod client;
pub(crate) mod data;
pub(crate) mod reply;
pub(crate) mod session;

pub(crate) use session::{Delivery, QuitAfter, RcptResult, SendPlan, run};
