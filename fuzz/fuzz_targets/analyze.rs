//! The whole engine (parse, model, estimate, rewrite) must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = slimfile::engine::analyze(&text, &Default::default());
});
