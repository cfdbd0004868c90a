//! mailctl integration tests: one test binary (ripgrep style). Real servers from tests/rig for the
//! normal paths, scripted fake peers for what real servers won't do.

// The crate's [lints] are for the tool: a test reports what it saw, drives sockets through libc,
// and its helpers are `pub` for the other test modules.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    unsafe_code,
    unreachable_pub
)]

mod util;

mod arc_suite;
mod audit;
mod check;
mod cli;
mod connect_ways;
mod dkim_arc;
mod dkim_sign;
mod dkim_verify;
mod dmarc_eval;
mod dns_cmd;
mod dnsd;
mod fake;
mod fake_imap;
mod fake_pop3;
mod fake_sasl;
mod fake_smtp;
mod formats;
#[cfg(feature = "fuzz")]
mod fuzz_regressions;
/// The fuzz corpus replay needs the fuzz entry points: say so instead of skipping it.
#[cfg(not(feature = "fuzz"))]
#[test]
fn fuzz_regressions_need_the_fuzz_feature() {
    panic!("the fuzz corpus replay needs `--features fuzz`: run the suite with `bash tests/run`");
}
mod golden;
mod hostile;
mod jmap;
mod layering;
mod legacy_tls;
mod mime;
mod mta_sts;
mod outbound;
mod pgp;
mod pty;
mod rig_etiquette;
mod rig_imap;
mod rig_pop3;
mod rig_sasl;
mod rig_smtp;
mod shell;
mod sink;
mod smime;
mod smtp_extras;
mod smtp_load;
mod spf_mail_auth_suite;
mod spf_suite;
mod spf_vs_mail_auth;
mod taglist;
mod vectors;
mod wkd;
