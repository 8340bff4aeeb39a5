#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deploymap_fuzz::parse_time_target(data));
