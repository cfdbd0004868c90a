//! Fuzz target `dkim_key`: the body is `mailctl::fuzz_api::dkim_key`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/dkim_key and fuzz/regressions/dkim_key.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::dkim_key(data));
