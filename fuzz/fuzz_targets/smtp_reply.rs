//! Fuzz target `smtp_reply`: the body is `mailctl::fuzz_api::smtp_reply`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/smtp_reply and fuzz/regressions/smtp_reply.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::smtp_reply(data));
