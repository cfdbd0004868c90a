//! Fuzz target `proxy`: the body is `mailctl::fuzz_api::proxy`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/proxy and fuzz/regressions/proxy.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::proxy(data));
