//! The whole engine (parse, model, estimate, rewrite) must never panic, with or without
//! a `--target` (the first named stage, else the input's first word).
#![no_main]
use libfuzzer_sys::fuzz_target;
use slimfile::engine::{self, model::Model, syntax, Assumptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = engine::analyze(&text, &Default::default());
    let parsed = syntax::parse(&text);
    let target = Model::build(&parsed)
        .stages
        .iter()
        .find_map(|s| s.name.clone())
        .or_else(|| text.split_whitespace().next().map(str::to_string));
    let a = Assumptions {
        target,
        ..Default::default()
    };
    let _ = engine::analyze(&text, &a);
});
