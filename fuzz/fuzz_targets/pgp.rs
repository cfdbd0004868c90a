//! Fuzz target `pgp`: the body is `mailctl::fuzz_api::pgp`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/pgp and fuzz/regressions/pgp.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::pgp(data));
