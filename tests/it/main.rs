//! mailctl integration tests: one test binary (ripgrep style). Real servers from tests/rig for the
//! normal paths, scripted fake peers for what real servers won't do.

mod util;

mod arc_suite;
mod check;
mod cli;
mod dkim_arc;
mod dkim_sign;
mod dkim_verify;
mod dmarc_eval;
mod dns_cmd;
mod dnsd;
mod fake;
mod fake_imap;
mod fake_pop3;
mod fake_smtp;
mod formats;
mod fuzz_regressions;
mod golden;
mod hostile;
mod outbound;
mod pty;
mod rig_etiquette;
mod rig_imap;
mod rig_pop3;
mod rig_smtp;
mod smtp_load;
mod spf_mail_auth_suite;
mod spf_suite;
mod spf_vs_mail_auth;
mod vectors;
