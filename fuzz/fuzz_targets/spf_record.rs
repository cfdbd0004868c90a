//! Fuzz target `spf_record`: the body is `mailctl::fuzz_api::spf_record`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/spf_record and fuzz/regressions/spf_record.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::spf_record(data));
