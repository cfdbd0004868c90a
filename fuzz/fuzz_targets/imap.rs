//! Fuzz target `imap`: the body is `mailctl::fuzz_api::imap`, shared with the regression test
//! (tests/it/fuzz_regressions.rs) that replays fuzz/corpus/imap and fuzz/regressions/imap.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailctl::fuzz_api::imap(data));
