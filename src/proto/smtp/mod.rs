//! SMTP and LMTP client (RFC 5321, RFC 2033): reply parsing, capabilities, the send dialogue.

pub(crate) mod body;
pub mod client;
pub mod data;
pub mod reply;
pub mod session;

pub use session::{Delivery, QuitAfter, RcptResult, SendPlan, run};
