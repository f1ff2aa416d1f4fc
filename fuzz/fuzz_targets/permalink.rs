//! The permalink decoder must return an error, never panic, on any fragment.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = slimfile::engine::permalink::decode(&s);
    // And with a valid version prefix, so the deflate path is reached.
    let _ = slimfile::engine::permalink::decode(&format!("v1/{s}"));
    let _ = slimfile::engine::permalink::decode(&format!("v0/{s}"));
});
