//! Fuzz target `dmarc_record`: the body is `mailctl::fuzz_api::dmarc_record`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/dmarc_record and fuzz/regressions/dmarc_record.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::dmarc_record(data));
