//! Prints, for every Dockerfile under a folder, the length of its permalink fragment
//! (`v1/…`) as JSON lines. `bench/permalink.mjs` compares these with lz-string.
//!
//!     cargo run --release --example permalink_lengths -- tests/fixtures/corpus/files

use slimfile::engine::permalink::{encode, State};

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/corpus/files".into());
    let mut stack = vec![std::path::PathBuf::from(&root)];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let link = encode(&State {
            text,
            ..Default::default()
        });
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(&p)
            .to_string_lossy()
            .into_owned();
        println!("{}", serde_json::json!({"path": rel, "len": link.len()}));
    }
}
