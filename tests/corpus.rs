//! Agreement of the splitter with BuildKit's parser on a corpus of real
//! Dockerfiles (`tests/fixtures/corpus`), whose expected output was produced
//! by BuildKit's `parser.Parse` (`buildkit-expected.jsonl`).
//!
//! Hard requirement: every file agrees on accept/reject, and accepted files on
//! the list of (keyword, start line, end line) and the escape token. Flags,
//! exec-form (JSON) strings, heredoc counts, argument nodes, ONBUILD
//! sub-commands, warnings and error messages are compared too and reported;
//! they are also required to agree fully.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use slimfile::engine::syntax::{parse, Instruction, ParsedFile};
use std::path::Path;

/// A counter of agreements for one aspect.
#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.agree += 1;
        }
    }

    fn full(&self) -> bool {
        self.agree == self.total
    }

    fn show(&self) -> String {
        format!("{}/{}", self.agree, self.total)
    }
}

#[derive(Default)]
struct Report {
    files: Tally,
    accept: Tally,
    spans: Tally,
    escape: Tally,
    flags: Tally,
    json: Tally,
    heredocs: Tally,
    args: Tally,
    sub: Tally,
    warnings: Tally,
    err_message: Tally,
    err_line: Tally,
    mismatches: Vec<String>,
}

impl Report {
    fn note(&mut self, path: &str, what: String) {
        if self.mismatches.len() < 40 {
            self.mismatches.push(format!("{path}: {what}"));
        }
    }
}

#[test]
fn corpus_agrees_with_buildkit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let expected_path = root.join("buildkit-expected.jsonl");
    let files = root.join("files");
    if !expected_path.is_file() || !files.is_dir() {
        println!(
            "corpus: fixtures not found under {}, skipping",
            root.display()
        );
        return;
    }
    let data = std::fs::read_to_string(&expected_path).expect("read buildkit-expected.jsonl");

    let mut r = Report::default();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("buildkit-expected.jsonl line {}: {e}", n + 1));
        let path = row["path"].as_str().unwrap_or_default().to_string();
        let text = match std::fs::read(files.join(&path)) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                r.files.add(false);
                r.note(&path, format!("cannot read fixture: {e}"));
                continue;
            }
        };
        let parsed = parse(&text);
        let ok = compare_file(&mut r, &path, &row, &parsed);
        r.files.add(ok);
    }

    println!("corpus: {}/{} files agree", r.files.agree, r.files.total);
    println!(
        "corpus: accept/reject {}, keyword+lines {}, escape {}",
        r.accept.show(),
        r.spans.show(),
        r.escape.show()
    );
    println!(
        "corpus: per instruction: flags {}, json {}, heredocs {}, args {}, onbuild sub {}",
        r.flags.show(),
        r.json.show(),
        r.heredocs.show(),
        r.args.show(),
        r.sub.show()
    );
    println!(
        "corpus: warnings {}, rejected files: error message {}, error line {}",
        r.warnings.show(),
        r.err_message.show(),
        r.err_line.show()
    );
    for m in &r.mismatches {
        println!("  mismatch: {m}");
    }

    assert!(
        r.files.total > 0,
        "corpus: no rows in buildkit-expected.jsonl"
    );
    assert!(
        r.files.full(),
        "corpus: {}/{} files agree",
        r.files.agree,
        r.files.total
    );
    for (name, t) in [
        ("flags", &r.flags),
        ("json", &r.json),
        ("heredocs", &r.heredocs),
        ("args", &r.args),
        ("onbuild sub", &r.sub),
        ("warnings", &r.warnings),
        ("error message", &r.err_message),
        ("error line", &r.err_line),
    ] {
        assert!(t.full(), "corpus: {name} agree on {}", t.show());
    }
}

/// Compares one file; returns whether the hard requirements hold.
fn compare_file(r: &mut Report, path: &str, row: &Value, parsed: &ParsedFile) -> bool {
    let want_ok = row["ok"].as_bool().unwrap_or(false);
    let got_ok = parsed.errors.is_empty();
    r.accept.add(want_ok == got_ok);
    if want_ok != got_ok {
        r.note(
            path,
            format!("BuildKit ok={want_ok}, ours errors={:?}", parsed.errors),
        );
        return false;
    }

    if !want_ok {
        let err = row["err"].as_str().unwrap_or_default();
        let err_line = row["err_line"].as_u64().unwrap_or(0) as usize;
        let first = &parsed.errors[0];
        r.err_message.add(first.message == err);
        r.err_line.add(first.line == err_line);
        if first.message != err || first.line != err_line {
            r.note(
                path,
                format!("error {:?} line {err_line}, ours {first:?}", err),
            );
        }
        return true;
    }

    let mut ok = true;
    if let Some(esc) = row["escape"].as_str().and_then(|s| s.chars().next()) {
        r.escape.add(esc == parsed.escape);
        if esc != parsed.escape {
            r.note(path, format!("escape {esc:?}, ours {:?}", parsed.escape));
            ok = false;
        }
    }

    let want_warnings: Vec<&str> = row["warnings"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let got_warnings: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
    r.warnings.add(want_warnings == got_warnings);
    if want_warnings != got_warnings {
        r.note(
            path,
            format!("warnings {want_warnings:?}, ours {got_warnings:?}"),
        );
    }

    let empty = Vec::new();
    let want = row["instrs"].as_array().unwrap_or(&empty);
    let want_spans: Vec<(String, usize, usize)> = want
        .iter()
        .map(|i| {
            (
                i["kw"].as_str().unwrap_or_default().to_lowercase(),
                i["start"].as_u64().unwrap_or(0) as usize,
                i["end"].as_u64().unwrap_or(0) as usize,
            )
        })
        .collect();
    let got_spans: Vec<(String, usize, usize)> = parsed
        .instructions
        .iter()
        .map(|i| (i.keyword.to_lowercase(), i.start_line, i.end_line))
        .collect();
    let spans_ok = want_spans == got_spans;
    r.spans.add(spans_ok);
    if !spans_ok {
        let at = want_spans.iter().zip(&got_spans).position(|(a, b)| a != b);
        r.note(
            path,
            format!(
                "instructions differ (BuildKit {}, ours {}), first difference: {:?} vs {:?}",
                want_spans.len(),
                got_spans.len(),
                at.map(|k| &want_spans[k]),
                at.map(|k| &got_spans[k])
            ),
        );
        return false;
    }

    for (w, g) in want.iter().zip(&parsed.instructions) {
        compare_instruction(r, path, w, g, parsed.escape);
    }
    ok
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn compare_instruction(r: &mut Report, path: &str, w: &Value, g: &Instruction, escape: char) {
    let at = format!("line {} {}", g.start_line, g.keyword);

    let want_flags = strings(&w["flags"]);
    let got_flags: Vec<String> = g
        .flags
        .iter()
        .map(|f| match &f.value {
            Some(v) => format!("--{}={}", f.name, v),
            None => format!("--{}", f.name),
        })
        .collect();
    r.flags.add(want_flags == got_flags);
    if want_flags != got_flags {
        r.note(
            path,
            format!("{at}: flags {want_flags:?}, ours {got_flags:?}"),
        );
    }

    let want_args = strings(&w["args"]);
    let want_json = w["json"].as_bool().unwrap_or(false);
    let json_ok = match (&g.json, want_json) {
        (None, false) => true,
        (Some(v), true) => {
            let expected: &[String] = if g.keyword == "HEALTHCHECK" {
                want_args.get(1..).unwrap_or(&[])
            } else {
                &want_args
            };
            v.as_slice() == expected
        }
        _ => false,
    };
    r.json.add(json_ok);
    if !json_ok {
        r.note(
            path,
            format!("{at}: json {want_json} {want_args:?}, ours {:?}", g.json),
        );
    }

    let want_heredocs = w["heredocs"].as_u64().unwrap_or(0) as usize;
    r.heredocs.add(want_heredocs == g.heredocs.len());
    if want_heredocs != g.heredocs.len() {
        r.note(
            path,
            format!("{at}: {want_heredocs} heredocs, ours {}", g.heredocs.len()),
        );
    }

    if g.keyword == "ONBUILD" {
        let want_sub = w["sub"].as_str().unwrap_or_default().to_lowercase();
        let got_sub = g
            .args
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        r.sub.add(want_sub == got_sub);
        if want_sub != got_sub {
            r.note(path, format!("{at}: sub {want_sub:?}, ours {got_sub:?}"));
        }
    } else {
        let got_args = node_values(g, escape);
        r.args.add(got_args == want_args);
        if got_args != want_args {
            r.note(path, format!("{at}: args {want_args:?}, ours {got_args:?}"));
        }
    }
}

/// BuildKit's `[\t\v\f\r ]+` split.
fn ws_split(s: &str) -> Vec<String> {
    s.split(['\t', '\u{0b}', '\u{0c}', '\r', ' '])
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The values of BuildKit's argument nodes, derived from our instruction the
/// way BuildKit's per-instruction line parsers build them.
fn node_values(g: &Instruction, escape: char) -> Vec<String> {
    let args = g.args.as_str();
    match g.keyword.as_str() {
        "HEALTHCHECK" => {
            if args.is_empty() {
                return Vec::new();
            }
            let (typ, rest) = match args.find(char::is_whitespace) {
                Some(i) => (&args[..i], args[i..].trim_start()),
                None => (args, ""),
            };
            let mut v = vec![typ.to_string()];
            match &g.json {
                Some(j) => v.extend(j.iter().cloned()),
                None if !rest.is_empty() => v.push(rest.to_string()),
                None => {}
            }
            v
        }
        _ if g.json.is_some() => g.json.clone().unwrap_or_default(),
        "RUN" | "CMD" | "ENTRYPOINT" | "SHELL" | "MAINTAINER" | "STOPSIGNAL" | "USER"
        | "WORKDIR" => {
            if args.is_empty() {
                Vec::new()
            } else {
                vec![args.to_string()]
            }
        }
        "FROM" | "EXPOSE" | "ADD" | "COPY" | "VOLUME" => ws_split(args),
        "ARG" => parse_words(args, escape),
        "ENV" | "LABEL" => {
            let words = parse_words(args, escape);
            match words.first() {
                None => Vec::new(),
                Some(first) if !first.contains('=') => {
                    let i = args
                        .find(['\t', '\u{0b}', '\u{0c}', '\r', ' '])
                        .unwrap_or(args.len());
                    let rest = args[i..].trim_start_matches(['\t', '\u{0b}', '\u{0c}', '\r', ' ']);
                    vec![args[..i].to_string(), rest.to_string(), String::new()]
                }
                Some(_) => words
                    .iter()
                    .flat_map(|w| {
                        let (k, v) = w.split_once('=').unwrap_or((w, ""));
                        [k.to_string(), v.to_string(), "=".to_string()]
                    })
                    .collect(),
            }
        }
        _ => Vec::new(),
    }
}

/// BuildKit's `parseWords`: whitespace-separated words, quotes and escapes kept.
fn parse_words(rest: &str, esc: char) -> Vec<String> {
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        match quote {
            None => {
                if ch.is_whitespace() {
                    if in_word && (blank_ok || !word.is_empty()) {
                        words.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                    blank_ok = false;
                    i += 1;
                    continue;
                }
                in_word = true;
                if ch == '\'' || ch == '"' {
                    quote = Some(ch);
                    blank_ok = true;
                }
                if ch == esc {
                    if i + 1 == chars.len() {
                        break;
                    }
                    word.push(ch);
                    i += 1;
                }
                word.push(chars[i]);
            }
            Some(q) => {
                if ch == q {
                    quote = None;
                }
                if ch == esc && q != '\'' {
                    if i + 1 == chars.len() {
                        break;
                    }
                    word.push(ch);
                    i += 1;
                }
                word.push(chars[i]);
            }
        }
        i += 1;
    }
    if in_word && (blank_ok || !word.is_empty()) {
        words.push(word);
    }
    words
}
