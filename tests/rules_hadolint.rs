//! Agreement of the rules with hadolint 2.15.1 on the corpus, and fixes that hold.
//!
//! `tests/fixtures/hadolint-expected.jsonl` holds what hadolint reported on each
//! corpus file. For every hadolint code one of our rules maps to, findings are
//! matched by (file, code, line of the instruction's first line). Files hadolint
//! could not parse (DL1000) are left out, and the intentional differences listed in
//! `tests/fixtures/hadolint-differences.tsv` (each explained in its rule's doc
//! comment) are subtracted. Target: precision and recall of at least 95 % per code.
//!
//! The second test applies every fix to every corpus file it fires on, and to the
//! Dockerfiles in `FIX_CASES` that make the fixes the corpus lacks fire: the result
//! must still parse with no errors, into as many instructions, and the rule must no
//! longer fire on that instruction.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use slimfile::engine::model::Model;
use slimfile::engine::rules::{Context, Finding, RULES};
use slimfile::engine::syntax::parse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const TARGET: f64 = 0.95;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A corpus path and hadolint's findings on it as (code, line).
type Expected = Vec<(String, Vec<(String, usize)>)>;

/// hadolint's findings per corpus file, without the version header.
fn expected() -> Option<Expected> {
    let data = std::fs::read_to_string(fixtures().join("hadolint-expected.jsonl")).ok()?;
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("valid JSON line");
        let Some(path) = v.get("path").and_then(Value::as_str) else {
            continue; // the version header
        };
        let findings = v
            .get("findings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| {
                        Some((
                            f.get("code")?.as_str()?.to_string(),
                            f.get("line")?.as_u64()? as usize,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push((path.to_string(), findings));
    }
    Some(out)
}

fn run_rules(text: &str) -> Vec<Finding> {
    let parsed = parse(text);
    let model = Model::build(&parsed);
    let ctx = Context {
        text,
        parsed: &parsed,
        model: &model,
        as_of: None,
        target: None,
    };
    RULES.iter().flat_map(|(_, rule)| rule(&ctx)).collect()
}

/// (path, line, code) → reason.
fn differences() -> BTreeMap<(String, usize, String), String> {
    let data =
        std::fs::read_to_string(fixtures().join("hadolint-differences.tsv")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("path\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 4, "bad differences line: {line:?}");
        let n: usize = cols[1].parse().expect("line number");
        out.insert(
            (cols[0].to_string(), n, cols[2].to_string()),
            cols[3].to_string(),
        );
    }
    out
}

#[derive(Default)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if a + b == 0 {
        1.0
    } else {
        a as f64 / (a + b) as f64
    }
}

#[test]
fn rules_agree_with_hadolint() {
    let files = fixtures().join("corpus/files");
    let Some(expected) = expected().filter(|_| files.is_dir()) else {
        println!(
            "rules_hadolint: fixtures not found under {}, skipping",
            fixtures().display()
        );
        return;
    };
    // The hadolint codes our rules stand for.
    let codes: BTreeSet<&str> = [
        "DL3009", "DL3015", "DL3019", "DL3042", "DL3006", "DL3007", "DL3020", "DL3032", "DL3040",
        "DL3002", "DL3060", "DL3064", "DL3000",
    ]
    .into_iter()
    .collect();
    let diffs = differences();
    let mut used_diffs = BTreeSet::new();
    let mut counts: BTreeMap<&str, Count> = codes.iter().map(|c| (*c, Count::default())).collect();
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for (path, theirs) in &expected {
        if theirs.iter().any(|(c, _)| c == "DL1000") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(files.join(path)) else {
            println!("rules_hadolint: missing corpus file {path}");
            continue;
        };
        checked += 1;
        let theirs: BTreeSet<(String, usize)> = theirs
            .iter()
            .filter(|(c, _)| codes.contains(c.as_str()))
            .cloned()
            .collect();
        let ours: BTreeSet<(String, usize)> = run_rules(&text)
            .iter()
            .filter_map(|f| Some((f.hadolint?.to_string(), f.line)))
            .collect();
        for (code, line) in theirs.union(&ours) {
            let key = (path.clone(), *line, code.clone());
            let (h, o) = (
                theirs.contains(&(code.clone(), *line)),
                ours.contains(&(code.clone(), *line)),
            );
            if h != o && diffs.contains_key(&key) {
                used_diffs.insert(key);
                continue;
            }
            let Some(c) = counts.get_mut(code.as_str()) else {
                continue;
            };
            match (h, o) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    mismatches.push(format!("FP {path}:{line} {code}"));
                }
                (true, false) => {
                    c.fn_ += 1;
                    mismatches.push(format!("FN {path}:{line} {code}"));
                }
                (false, false) => {}
            }
        }
    }
    println!("rules_hadolint: {checked} files (DL1000 files excluded)");
    println!(
        "{:<8} {:>5} {:>5} {:>5} {:>10} {:>8}",
        "code", "tp", "fp", "fn", "precision", "recall"
    );
    let mut failed = Vec::new();
    for (code, c) in &counts {
        let p = ratio(c.tp, c.fp);
        let r = ratio(c.tp, c.fn_);
        println!(
            "{code:<8} {:>5} {:>5} {:>5} {:>9.1}% {:>7.1}%",
            c.tp,
            c.fp,
            c.fn_,
            p * 100.0,
            r * 100.0
        );
        if p < TARGET || r < TARGET {
            failed.push(*code);
        }
    }
    println!(
        "intentional differences subtracted: {} of {} listed",
        used_diffs.len(),
        diffs.len()
    );
    for m in &mismatches {
        println!("  {m}");
    }
    let stale: Vec<_> = diffs.keys().filter(|k| !used_diffs.contains(*k)).collect();
    assert!(
        stale.is_empty(),
        "hadolint-differences.tsv lists agreements (or unknown files): {stale:?}"
    );
    assert!(
        failed.is_empty(),
        "below {TARGET} precision or recall: {failed:?}"
    );
}

/// Dockerfiles that make the rules whose fixes the corpus seldom (or never) triggers
/// fire, so every fix goes through the same checks as on the corpus.
const FIX_CASES: &[&str] = &[
    "FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install \\\n  && npm run build\nCMD [\"node\", \"index.js\"]\n",
    "FROM node:22-slim\nCOPY package*.json ./\nRUN npm ci; yarn install  # deps\n",
    "FROM node:22-slim\nRUN <<EOF\nset -e\nnpm ci\nEOF\n",
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /app .\nCMD [\"/app\"]\n",
    "FROM rust:1\nRUN cargo install ripgrep\nFROM maven:3-eclipse-temurin-21\nRUN [\"mvn\", \"package\"]\n",
    "FROM gradle:jdk21\nENV GRADLE_USER_HOME=/cache\nRUN gradle build --no-daemon\n",
    "ARG PY=3.12\nFROM python:3.12 AS base\nFROM base\nRUN pip install --no-cache-dir -r requirements.txt\n",
    "FROM --platform=$BUILDPLATFORM debian:12 AS app\r\nRUN echo hi\r\n",
    "FROM node\n",
    "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM gcr.io/distroless/static-debian12\nCOPY app /app",
];

/// Applies every fix found on `text`; records what goes wrong.
fn check_fixes(
    name: &str,
    text: &str,
    applied: &mut BTreeMap<&'static str, usize>,
    problems: &mut Vec<String>,
) {
    let before = parse(text);
    for (code, rule) in RULES {
        let model = Model::build(&before);
        let ctx = Context {
            text,
            parsed: &before,
            model: &model,
            as_of: None,
            target: None,
        };
        for f in rule(&ctx) {
            let Some(fix) = &f.fix else { continue };
            *applied.entry(code).or_default() += 1;
            let fixed = fix.apply(text);
            if fixed == text {
                problems.push(format!("{name}:{} {code}: fix changes nothing", f.line));
                continue;
            }
            let after = parse(&fixed);
            if !after.errors.is_empty() && before.errors.is_empty() {
                problems.push(format!(
                    "{name}:{} {code}: errors {:?}",
                    f.line, after.errors
                ));
            }
            if after.instructions.len() != before.instructions.len() {
                problems.push(format!("{name}:{} {code}: instruction count", f.line));
            }
            let model = Model::build(&after);
            let ctx = Context {
                text: &fixed,
                parsed: &after,
                model: &model,
                as_of: None,
                target: None,
            };
            if rule(&ctx).iter().any(|g| g.line == f.line) {
                problems.push(format!(
                    "{name}:{} {code}: still fires after the fix",
                    f.line
                ));
            }
        }
    }
}

#[test]
fn fixes_keep_files_valid_and_silence_the_rule() {
    let mut applied: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, text) in FIX_CASES.iter().enumerate() {
        check_fixes(
            &format!("FIX_CASES[{i}]"),
            text,
            &mut applied,
            &mut problems,
        );
    }
    // Every rule that offers fixes has had one checked.
    for code in ["SF012", "SF013", "SF014", "SF016"] {
        assert!(
            applied.contains_key(code),
            "no fix of {code} was exercised: {applied:?}"
        );
    }
    let files = fixtures().join("corpus/files");
    if let Some(expected) = expected().filter(|_| files.is_dir()) {
        for (path, _) in &expected {
            let Ok(text) = std::fs::read_to_string(files.join(path)) else {
                continue;
            };
            check_fixes(path, &text, &mut applied, &mut problems);
        }
    } else {
        println!(
            "rules_fixes: fixtures not found under {}, corpus skipped",
            fixtures().display()
        );
    }
    println!("fixes applied per rule: {applied:?}");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The rules (and their fixes) never panic: corpus files cut at every few bytes
/// and spliced with pieces of Dockerfile syntax go through every rule.
#[test]
fn rules_never_panic_on_mutated_corpus() {
    let files = fixtures().join("corpus/files");
    let Some(expected) = expected().filter(|_| files.is_dir()) else {
        println!("rules_no_panic: fixtures not found, skipping");
        return;
    };
    const PIECES: &[&str] = &[
        "\\\n",
        "`",
        "<<EOF\n",
        "<<-'X'\n",
        "EOF\n",
        "[\"",
        "\"]",
        "${",
        "}",
        "$(",
        ")",
        "'",
        "\"",
        "#",
        " && ",
        ";",
        "&",
        "|",
        "\r\n",
        "é",
        "😀",
        "RUN ",
        "ADD ",
        "FROM ",
        "apt-get update ",
        "apt-get install ",
        "apk add ",
        "pip install ",
        "yum install ",
        "--mount=type=cache,target=/root/.cache/pip ",
        "ONBUILD RUN ",
        ":latest",
        "@",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for (path, _) in &expected {
        let Ok(text) = std::fs::read_to_string(files.join(path)) else {
            continue;
        };
        for _ in 0..4 {
            let mut t = text.clone();
            for _ in 0..3 {
                let mut at = (next() as usize) % (t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                if next() % 3 == 0 {
                    t.truncate(at);
                } else {
                    t.insert_str(at, PIECES[(next() as usize) % PIECES.len()]);
                }
            }
            for f in run_rules(&t) {
                if let Some(fix) = &f.fix {
                    let _ = fix.apply(&t);
                }
            }
            runs += 1;
        }
    }
    println!("rules_no_panic: {runs} mutants");
}
