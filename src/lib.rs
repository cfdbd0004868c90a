//! mailctl: debug, check and benchmark mail servers. The data flow is visible in the modules:
//! `cli` (arguments) → `plan` (decisions) → `cmd` (drivers) → `transport` (TCP/TLS, timed line
//! I/O) → `proto` (protocol dialogues emitting `event`s) → `render` (human / JSON / verdict).

pub mod cli;
pub mod cmd;
pub mod dkim;
pub(crate) mod dmarc;
pub mod dns;
pub mod error;
pub mod event;
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod fuzz_api;
pub mod generate;
pub mod load;
pub mod message;
pub(crate) mod outfile;
pub mod plan;
pub mod proto;
pub mod render;
pub mod report;
pub(crate) mod run;
pub mod secret;
pub mod transport;
