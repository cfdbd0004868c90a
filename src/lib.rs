//! mailctl: debug, check and benchmark mail servers.
//!
//! Data flows `cli` → `plan` → `cmd` → `render`; `app` runs every command through one pipeline
//! (parse, plan, run, render, exit code by the plan's policy), and `main.rs` only calls it.
//! `cmd` runs a plan through protocol dialogues (`proto`) and domain logic (`dns`, `dkim`, `mime`, `pgp`,
//! `dmarc`, `load`) over `transport`, and returns a typed result (`report`) that `render` lays
//! out; `event`, `secret`, `error` and the other small modules sit at the bottom. A module imports only the modules on
//! its row (tests/it/layering.rs keeps this table true; README's "How it is built" shows it too):
//!
//! ```text
//! app → generate, cmd, plan, cli, render, report, event, secret, error
//! generate → cli, outfile, error
//! cmd → plan, run, report, pgp, audit, dmarc, load, proto, dkim, smime, mime, message, transport, dns, outfile, event, secret, error, utc
//! plan → cli, report, audit, load, proto, dkim, message, transport, dns, outfile, event, secret, error, utc
//! cli → (nothing)
//! fuzz_api → pgp, proto, dkim, smime, mime, message, transport, dns, event, secret, error
//! render → report, pgp, audit, dmarc, dkim, smime, mime, dns, outfile, event, secret, error, utc
//! run → report, outfile, event, error
//! report → pgp, audit, dmarc, load, proto, dkim, smime, mime, dns, event, secret, error, utc
//! pgp → audit, mime, transport, dns, event, error, utc
//! audit → proto, transport, dns, event, secret, error
//! dmarc → dkim, dns, message, event, secret, error
//! load → proto, message, transport, dns, outfile, event, secret, error
//! proto → message, transport, dns, outfile, event, secret, error, utc
//! dkim → message, dns, outfile, event, secret, error
//! smime → mime, event, utc
//! mime → event, secret, error
//! message → event, secret, error
//! transport → dns, outfile, event, secret, error, utc
//! dns → event, secret, error, utc
//! outfile → event, secret, error
//! secret → event, error
//! event → error
//! error → (nothing)
//! utc → (nothing)
//! ```

pub mod app;
pub(crate) mod audit;
pub mod cli;
pub(crate) mod cmd;
pub(crate) mod dkim;
pub(crate) mod dmarc;
pub mod dns;
pub mod error;
pub mod event;
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod fuzz_api;
pub(crate) mod generate;
pub(crate) mod load;
pub(crate) mod message;
pub(crate) mod mime;
pub(crate) mod outfile;
pub(crate) mod pgp;
pub(crate) mod plan;
pub(crate) mod proto;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod run;
pub(crate) mod secret;
pub(crate) mod smime;
pub(crate) mod transport;
pub(crate) mod utc;
