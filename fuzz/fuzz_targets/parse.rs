//! The splitter must return, never panic, on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let p = slimfile::engine::syntax::parse(&text);
    for i in &p.instructions {
        assert!(i.start_line <= i.end_line);
        assert!(i.start_offset <= i.end_offset && i.end_offset <= text.len());
    }
});
