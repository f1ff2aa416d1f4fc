//! Golden rewrites for every ecosystem: inputs listed in `tests/golden/inputs/MANIFEST.tsv`
//! (published cases, corpus files, and hand-written ones where the fixtures have no
//! example), each proposal saved as `tests/golden/<name>.<kind>.Dockerfile`.
//! `UPDATE_GOLDEN=1 cargo test --test rewrite_golden` rewrites them; read the diff.
//! `scripts/check_rewrites.py` holds the same files to BuildKit's parser and hadolint.
#![cfg(not(target_arch = "wasm32"))]

use slimfile::engine::{self, syntax, Assumptions};
use std::path::{Path, PathBuf};

const MANIFEST: &str = include_str!("golden/inputs/MANIFEST.tsv");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (name, Dockerfile text) for every manifest row.
fn inputs() -> Vec<(String, String)> {
    let cases = std::fs::read_to_string(root().join("tests/fixtures/cases.jsonl")).unwrap();
    MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("name\t") && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad manifest row: {l}");
            let text = match cols[1] {
                "case" => cases
                    .lines()
                    .map(|c| serde_json::from_str::<serde_json::Value>(c).unwrap())
                    .find(|v| v["id"] == cols[2])
                    .unwrap_or_else(|| panic!("no case {}", cols[2]))["dockerfile"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                "corpus" => std::fs::read_to_string(
                    root().join("tests/fixtures/corpus/files").join(cols[2]),
                )
                .unwrap(),
                "input" => {
                    std::fs::read_to_string(root().join("tests/golden/inputs").join(cols[2]))
                        .unwrap()
                }
                s => panic!("unknown source {s}"),
            };
            (cols[0].to_string(), text)
        })
        .collect()
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

/// Golden files on disk for `name` (kinds).
fn kinds_on_disk(dir: &Path, name: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|f| {
            f.strip_prefix(&format!("{name}."))
                .and_then(|r| r.strip_suffix(".Dockerfile"))
                .filter(|k| !k.contains('.'))
                .map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn rewrites_match_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    let mut failures = Vec::new();
    for (name, text) in inputs() {
        let a = engine::analyze(&text, &Assumptions::default());
        assert!(!a.rewrites.is_empty(), "{name}: no rewrite proposed");
        let mut kinds: Vec<String> = a.rewrites.iter().map(|r| r.kind.to_string()).collect();
        kinds.sort();
        for r in &a.rewrites {
            let path = dir.join(format!("{name}.{}.Dockerfile", r.kind));
            if update {
                std::fs::write(&path, &r.dockerfile).unwrap();
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == r.dockerfile => {}
                Ok(_) => failures.push(format!("{} differs", path.display())),
                Err(_) => failures.push(format!(
                    "missing {}; run with UPDATE_GOLDEN=1",
                    path.display()
                )),
            }
        }
        if update {
            for k in kinds_on_disk(&dir, &name) {
                if !kinds.contains(&k) {
                    std::fs::remove_file(dir.join(format!("{name}.{k}.Dockerfile"))).unwrap();
                }
            }
        }
        let on_disk = kinds_on_disk(&dir, &name);
        if on_disk != kinds {
            failures.push(format!(
                "{name}: proposals {kinds:?}, golden files {on_disk:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_rewrite_is_a_valid_smaller_dockerfile_with_reasons() {
    for (name, text) in inputs() {
        let a = engine::analyze(&text, &Assumptions::default());
        for r in &a.rewrites {
            let p = syntax::parse(&r.dockerfile);
            assert!(p.errors.is_empty(), "{name}.{}: {:?}", r.kind, p.errors);
            assert!(!r.why.trim().is_empty(), "{name}.{}: no why", r.kind);
            assert!(!r.why.contains('\n'), "{name}.{}: why is one line", r.kind);
            assert!(!r.title.is_empty());
            assert_ne!(r.dockerfile, text, "{name}.{}: unchanged", r.kind);
            assert!(
                r.bytes < a.before.bytes || a.before.unestimated > 0 || r.estimate.unestimated > 0,
                "{name}.{}: {} B is not smaller than {} B",
                r.kind,
                r.bytes,
                a.before.bytes
            );
            assert!(
                r.dockerfile.ends_with('\n') || !text.ends_with('\n'),
                "{name}.{}",
                r.kind
            );
        }
    }
}

#[test]
fn golden_inputs_cover_every_ecosystem_twice() {
    let names: Vec<String> = inputs().into_iter().map(|(n, _)| n).collect();
    for eco in [
        "go", "rust", "node", "python", "java", "dotnet", "c", "php", "ruby",
    ] {
        let n = names
            .iter()
            .filter(|x| x.starts_with(&format!("{eco}-")))
            .count();
        assert!(n >= 2, "{eco}: {n} golden input(s)");
    }
}

/// The runtime-only instructions of the input survive in the rewrite's final stage.
#[test]
fn rewrites_keep_what_the_image_runs() {
    for (name, text) in inputs() {
        let a = engine::analyze(&text, &Assumptions::default());
        let orig = syntax::parse(&text);
        for r in &a.rewrites {
            let p = syntax::parse(&r.dockerfile);
            let last_from = p
                .instructions
                .iter()
                .rposition(|i| i.keyword == "FROM")
                .unwrap();
            let fin: Vec<_> = p.instructions[last_from..].iter().collect();
            // What the image runs: kept, except where the caveats say why not (nginx
            // serves files itself; `cargo run` names no binary).
            let runs = |v: &[&syntax::Instruction]| {
                v.iter()
                    .any(|i| i.keyword == "CMD" || i.keyword == "ENTRYPOINT")
            };
            let orig_all: Vec<_> = orig.instructions.iter().collect();
            if runs(&orig_all) && r.kind != "nginx" && name != "rust-cargo-run" {
                assert!(runs(&fin), "{name}.{}: no CMD/ENTRYPOINT", r.kind);
            }
            // What ships: a single stage's instructions, or a multi-stage file's final stage's
            // (a LABEL on its builder never reached the image).
            let orig_multi = orig
                .instructions
                .iter()
                .filter(|i| i.keyword == "FROM")
                .count()
                > 1;
            let orig_from = if orig_multi {
                orig.instructions
                    .iter()
                    .rposition(|i| i.keyword == "FROM")
                    .unwrap_or(0)
            } else {
                0
            };
            for k in ["EXPOSE", "LABEL", "STOPSIGNAL", "VOLUME", "HEALTHCHECK"] {
                let before = orig.instructions[orig_from..]
                    .iter()
                    .any(|i| i.keyword == k);
                let after = fin.iter().any(|i| i.keyword == k);
                // The nginx front end serves on its own port.
                if before && r.kind != "nginx" {
                    assert!(after, "{name}.{}: lost {k}", r.kind);
                }
            }
        }
    }
}

#[test]
fn a_rewrite_that_would_grow_the_image_is_not_proposed() {
    // python:3.9-alpine with one `pip install requests`: moving it into a virtualenv on
    // the same image adds the venv's own pip and setuptools (66 MB against 52 MB).
    let cases = std::fs::read_to_string(root().join("tests/fixtures/cases.jsonl")).unwrap();
    let text = cases
        .lines()
        .map(|c| serde_json::from_str::<serde_json::Value>(c).unwrap())
        .find(|v| v["id"] == "python-karnwong-alpine-requests")
        .unwrap()["dockerfile"]
        .as_str()
        .unwrap()
        .to_string();
    let a = engine::analyze(&text, &Assumptions::default());
    assert!(
        a.rewrites.is_empty(),
        "{:?}",
        a.rewrites.iter().map(|r| r.bytes).collect::<Vec<_>>()
    );
}
