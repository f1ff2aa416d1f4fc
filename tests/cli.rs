//! The CLI's JSON contract (`slimfile parse|analyze --format json`).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn slimfile(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_slimfile"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("slimfile-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const SEED: &str = "FROM golang:1.19-alpine\nWORKDIR /build\nCOPY go.mod .\nRUN go mod download\nCOPY . .\nRUN go build -o /main main.go\nENTRYPOINT [\"/main\"]\n";

#[test]
fn parse_lists_instructions_with_lines() {
    let f = write("p.Dockerfile", "FROM alpine\nRUN a \\\n  b\n");
    let (code, out, _) = slimfile(&["parse", "--format", "json", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let i = &v["instructions"];
    assert_eq!(i[0]["keyword"], "FROM");
    assert_eq!(
        (
            i[1]["keyword"].as_str(),
            i[1]["start_line"].as_u64(),
            i[1]["end_line"].as_u64()
        ),
        (Some("RUN"), Some(2), Some(3))
    );
}

#[test]
fn parse_rejects_what_buildkit_rejects() {
    let f = write("bad.Dockerfile", "# only a comment\n");
    let (code, _, err) = slimfile(&["parse", "--format", "json", &f]);
    assert_eq!(code, 1);
    assert!(err.contains("no instructions"), "{err}");
}

#[test]
fn analyze_emits_one_object_per_file() {
    let a = write("a.Dockerfile", SEED);
    let b = write("b.Dockerfile", "FROM alpine:3\n");
    let (code, out, _) = slimfile(&["analyze", "--format", "json", &a, &b]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let s = &lines[0];
    assert_eq!(s["file"], a);
    let bytes = s["before"]["bytes"].as_u64().unwrap();
    assert!(
        s["before"]["low"].as_u64().unwrap() <= bytes
            && bytes <= s["before"]["high"].as_u64().unwrap()
    );
    assert!(s["before"]["layers"][0]["basis"]
        .as_str()
        .unwrap()
        .contains("golang:1.19-alpine"));
    let kinds: Vec<&str> = s["rewrites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["multi-stage", "scratch"]);
    for r in s["rewrites"].as_array().unwrap() {
        assert!(r["dockerfile"]
            .as_str()
            .unwrap()
            .starts_with("FROM golang:1.19-alpine AS builder"));
        assert!(r["caveats"].as_array().unwrap().len() >= 2);
        assert!(r["bytes"].as_u64().unwrap() < bytes);
    }
    assert!(s["findings"].is_array());
}

#[test]
fn assumptions_on_the_command_line() {
    let a = write("c.Dockerfile", SEED);
    let get = |extra: &[&str]| {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(&a);
        let (_, out, _) = slimfile(&args);
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["before"]["bytes"]
            .as_u64()
            .unwrap()
    };
    assert!(get(&["--context-bytes", "100000000"]) > get(&[]) + 90_000_000);
    let (code, _, err) = slimfile(&["analyze", "--context-bytes", "lots", &a]);
    assert_eq!(code, 2);
    assert!(err.contains("number"));

    // A base image the table lacks: the size given replaces its stand-in.
    let b = write(
        "unknown-base.Dockerfile",
        "FROM registry.example.com/team/toolbox:7\nCMD [\"run\"]\n",
    );
    let (_, out, _) = slimfile(&[
        "analyze",
        "--format",
        "json",
        "--base-bytes",
        "42000000",
        &b,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["before"]["bytes"].as_u64(), Some(42_000_000));
}

#[test]
fn as_of_a_date_uses_the_builds_of_then() {
    // `FROM alpine` means the newest Alpine today, Alpine 3.10 (5.58 MB) in mid-2019.
    let a = write("asof.Dockerfile", "FROM alpine\n");
    let get = |extra: &[&str]| {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(&a);
        let (_, out, _) = slimfile(&args);
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["before"].clone()
    };
    let then = get(&["--as-of", "2019-07"]);
    assert_eq!(then["bytes"].as_u64(), Some(5_580_000));
    assert!(then["layers"][0]["basis"]
        .as_str()
        .unwrap()
        .starts_with("as of 2019-07: "));
    assert!(get(&[])["bytes"].as_u64().unwrap() > 5_580_000);
    let (code, _, err) = slimfile(&["analyze", "--as-of", "July", &a]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM"));
}

#[test]
fn text_format_for_people() {
    let a = write("t.Dockerfile", SEED);
    let (code, out, _) = slimfile(&["analyze", &a]);
    assert_eq!(code, 0);
    assert!(out.contains("estimated size"));
    assert!(out.contains("suggestion scratch"));
}

#[test]
fn missing_file_is_a_clear_error() {
    let (code, _, err) = slimfile(&["analyze", "/nonexistent/Dockerfile"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/Dockerfile"));
}

#[test]
fn share_and_unshare_round_trip() {
    let f = write("s.Dockerfile", SEED);
    let (code, url, _) = slimfile(&["share", &f]);
    assert_eq!(code, 0);
    let url = url.trim();
    assert!(url.starts_with("http://127.0.0.1:8080/#v1/"), "{url}");
    let (code, text, _) = slimfile(&["unshare", url]);
    assert_eq!(code, 0);
    assert_eq!(text, SEED);
    let (code, url2, _) = slimfile(&["share", "--base", "https://example.org/slimfile/", &f]);
    assert_eq!(code, 0);
    assert!(url2.starts_with("https://example.org/slimfile/#v1/"));
}

#[test]
fn unshare_explains_broken_links() {
    let (code, _, err) = slimfile(&["unshare", "http://127.0.0.1:8080/#v1/%%%"]);
    assert_eq!(code, 1);
    assert!(err.contains("damaged"), "{err}");
    let (code, _, err) = slimfile(&["unshare", "#v7/abc"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown"), "{err}");
}

#[test]
fn sarif_for_ci() {
    let f = write(
        "sarif.Dockerfile",
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
    );
    let (code, out, _) = slimfile(&["analyze", "--format", "sarif", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["tool"]["driver"]["name"], "Slimfile");
    assert!(v["runs"][0]["results"].is_array());
}

#[test]
fn target_builds_the_named_stage() {
    // `docker build --target build` stops at the Go builder: its 350 MB image, not the
    // small runtime after it.
    let f = write(
        "target.Dockerfile",
        "FROM golang:1.19-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app\n\nFROM alpine:3.16 AS runtime\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
    );
    let get = |extra: &[&str]| {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(&f);
        let (_, out, _) = slimfile(&args);
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let last = get(&[]);
    let build = get(&["--target", "BUILD"]);
    assert_eq!(last["before"]["final_stage"], "runtime");
    assert_eq!(build["before"]["final_stage"], "build");
    assert_eq!(build["before"]["target"], "build");
    assert!(build["before"]["bytes"].as_u64() > Some(300_000_000));
    assert!(last["before"]["bytes"].as_u64() < Some(30_000_000));
    assert_eq!(build["targets"], serde_json::json!(["build", "runtime"]));
    assert_eq!(
        get(&["--target", "runtime"])["before"]["bytes"],
        last["before"]["bytes"]
    );
    // A stage the file does not have: BuildKit's error, and the last stage is estimated.
    let none = get(&["--target", "prod"]);
    assert!(none["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("target stage \"prod\" could not be found"));
    assert_eq!(none["before"]["bytes"], last["before"]["bytes"]);
    // …which fails the command, as it fails `docker build`.
    assert_eq!(slimfile(&["analyze", "--target", "prod", &f]).0, 1);
    assert_eq!(slimfile(&["analyze", "--target", "build", &f]).0, 0);
    let (code, _, err) = slimfile(&["analyze", "--target", "", &f]);
    assert_eq!(code, 2);
    assert!(err.contains("stage name"));
}

/// A reader that stops early (`slimfile analyze … | head -1`) closes the pipe: the CLI
/// stops quietly instead of panicking on the failed write.
#[test]
#[cfg(unix)]
fn a_closed_stdout_pipe_is_not_a_panic() {
    use std::process::Stdio;
    let files: Vec<String> = (0..200)
        .map(|i| write(&format!("pipe{i}.Dockerfile"), SEED))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_slimfile"))
        .arg("analyze")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Close the read end before the program writes: every write fails with EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}
