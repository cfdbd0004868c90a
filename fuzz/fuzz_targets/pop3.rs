//! Fuzz target `pop3`: the body is `mailctl::fuzz_api::pop3`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/pop3 and fuzz/regressions/pop3.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::pop3(data));
