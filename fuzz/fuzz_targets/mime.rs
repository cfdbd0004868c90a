//! Fuzz target `mime`: the body is `mailctl::fuzz_api::mime`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/mime and fuzz/regressions/mime.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::mime(data));
