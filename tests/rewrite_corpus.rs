//! Rewrites of every corpus file and published case: no panic, and every proposed
//! Dockerfile reads without errors with our splitter.
#![cfg(not(target_arch = "wasm32"))]

use slimfile::engine::{self, syntax, Assumptions};
use std::path::Path;

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn corpus_rewrites_never_panic_and_always_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures/corpus/files"), &mut paths);
    files(&root.join("tests/golden/inputs"), &mut paths);
    paths.sort();
    let mut texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let b = std::fs::read(p).unwrap();
            (
                p.display().to_string(),
                String::from_utf8_lossy(&b).into_owned(),
            )
        })
        .collect();
    let cases = std::fs::read_to_string(root.join("tests/fixtures/cases.jsonl")).unwrap();
    for l in cases.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        texts.push((
            v["id"].as_str().unwrap().to_string(),
            v["dockerfile"].as_str().unwrap().to_string(),
        ));
    }
    assert!(texts.len() > 650);
    let mut proposed = 0;
    let mut failures = Vec::new();
    for (name, text) in &texts {
        let res = std::panic::catch_unwind(|| engine::analyze(text, &Assumptions::default()));
        let Ok(a) = res else {
            failures.push(format!("{name}: panicked"));
            continue;
        };
        for r in &a.rewrites {
            proposed += 1;
            let p = syntax::parse(&r.dockerfile);
            if !p.errors.is_empty() {
                failures.push(format!("{name} ({}): {:?}", r.kind, p.errors));
            }
            if r.dockerfile == *text {
                failures.push(format!("{name} ({}): the rewrite is the input", r.kind));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(proposed > 50, "only {proposed} rewrites over the corpus");
}

/// Inputs that should not get a rewrite: nothing to shrink, or not enough to go on.
#[test]
fn no_rewrite_without_a_build_to_split() {
    for text in [
        // A base image alone.
        "FROM php:5.6-alpine\n",
        // Already the slim image, and nothing builds.
        "FROM node:20-slim\nCOPY . .\nCMD [\"node\", \"a.js\"]\n",
        // A dev environment derived from the build stage.
        "FROM python:3.12 AS builder\nRUN pip install -r r.txt\nFROM builder AS dev\nRUN apt-get update\n",
        // Python 2 has no venv module.
        "FROM python:2-alpine\nRUN pip install gixy\nENTRYPOINT [\"gixy\"]\n",
        // A WebAssembly build is not a container program.
        "FROM rust:1 AS b\nCOPY . .\nRUN cargo build --target wasm32-wasi --release\nFROM scratch\nCOPY --from=b /target/wasm32-wasi/release/x.wasm /x.wasm\n",
    ] {
        let a = engine::analyze(text, &Assumptions::default());
        assert!(
            a.rewrites.is_empty(),
            "{text}: {:?}",
            a.rewrites.iter().map(|r| r.kind).collect::<Vec<_>>()
        );
    }
}
