//! cargo-fuzz target: any bytes as a CSDL file through the whole pipeline.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_fuzz::pipeline(data));
