#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deploymap_fuzz::size_and_view(data));
