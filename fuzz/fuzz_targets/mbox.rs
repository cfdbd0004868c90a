//! Fuzz target `mbox`: the body is `mailctl::fuzz_api::mbox`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/mbox and fuzz/regressions/mbox.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::mbox(data));
