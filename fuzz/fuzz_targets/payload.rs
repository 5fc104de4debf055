//! cargo-fuzz target: any bytes as a JSON payload read into generated types.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_fuzz::payload(data));
