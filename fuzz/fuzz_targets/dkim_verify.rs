//! Fuzz target `dkim_verify`: the body is `mailctl::fuzz_api::dkim_verify`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/dkim_verify and fuzz/regressions/dkim_verify.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::dkim_verify(data));
