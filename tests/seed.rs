//! The seed case (shared/cases, pair `seed-go`): a Go app on golang:1.19-alpine is
//! 359 MB; multi-stage onto alpine:3 is 12 MB; FROM scratch is 6.66 MB (`docker images`).
//! The estimator and the tool's own rewrites must land within 10 % of each.
#![cfg(not(target_arch = "wasm32"))]

use slimfile::engine::{self, Assumptions};

fn case(id: &str) -> (String, f64) {
    let text = include_str!("fixtures/cases.jsonl");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("cases.jsonl is JSON lines");
        if v["id"] == id {
            return (
                v["dockerfile"].as_str().unwrap().to_string(),
                v["reported_size_mb"].as_f64().unwrap(),
            );
        }
    }
    panic!("case {id} not in fixtures/cases.jsonl");
}

fn within(estimate: u64, published_mb: f64, pct: f64) -> bool {
    let e = estimate as f64 / 1e6;
    (e - published_mb).abs() / published_mb <= pct / 100.0
}

/// The seed article's date (2022-08-19): base images as they were built then.
fn story() -> Assumptions {
    Assumptions {
        as_of: Some("2022-08-19".into()),
        ..Assumptions::default()
    }
}

#[test]
fn seed_dockerfiles_estimate_within_ten_percent() {
    for id in [
        "seed-go-before",
        "seed-go-after-alpine",
        "seed-go-after-scratch",
    ] {
        let (text, mb) = case(id);
        let a = engine::analyze(&text, &story());
        assert!(a.errors.is_empty(), "{id}: {:?}", a.errors);
        assert_eq!(a.before.unestimated, 0, "{id}: every layer is estimated");
        assert!(
            within(a.before.bytes, mb, 10.0),
            "{id}: estimated {} B, published {mb} MB",
            a.before.bytes
        );
        assert!(a.before.low <= a.before.bytes && a.before.bytes <= a.before.high);
        for l in &a.before.layers {
            assert!(!l.basis.is_empty(), "{id}: line {} has no basis", l.line);
        }
    }
}

#[test]
fn suggested_rewrites_of_the_single_stage_file_match_the_published_afters() {
    let (text, _) = case("seed-go-before");
    let a = engine::analyze(&text, &story());
    let get = |k: &str| {
        a.rewrites
            .iter()
            .find(|r| r.kind == k)
            .unwrap_or_else(|| panic!("no {k} rewrite"))
    };
    let ms = get("multi-stage");
    let sc = get("scratch");
    assert!(within(ms.bytes, 12.0, 10.0), "multi-stage {} B", ms.bytes);
    assert!(within(sc.bytes, 6.66, 10.0), "scratch {} B", sc.bytes);
    // The runtime matches the builder's Alpine release (golang:1.19-alpine = Alpine 3.16).
    assert!(
        ms.dockerfile.contains("FROM alpine:3.16\n"),
        "{}",
        ms.dockerfile
    );
    assert!(sc.dockerfile.contains("FROM scratch\n"));
    assert!(sc.dockerfile.contains("CGO_ENABLED=0 go build"));
    assert!(sc.dockerfile.contains("ca-certificates.crt"));
    for (r, needle) in [
        (sc, "no shell"),
        (sc, "CGO_ENABLED=0"),
        (sc, "65534"),
        (sc, "time-zone"),
    ] {
        assert!(
            r.caveats.iter().any(|c| c.contains(needle)),
            "scratch caveats mention {needle}: {:?}",
            r.caveats
        );
    }
    // Rewrites are valid Dockerfiles that keep the entrypoint.
    for r in [ms, sc] {
        let p = slimfile::engine::syntax::parse(&r.dockerfile);
        assert!(p.errors.is_empty(), "{}: {:?}", r.kind, p.errors);
        assert!(r.dockerfile.contains("ENTRYPOINT [\"/main\"]"));
        assert!(r.saves_bytes > 300_000_000);
    }
}

#[test]
fn the_multi_stage_alpine_file_gets_the_published_scratch_rewrite() {
    // The article's second step: from the multi-stage file onto alpine:3 (12 MB) to scratch
    // with CGO_ENABLED=0 and the builder's CA certificates (6.66 MB).
    let (text, _) = case("seed-go-after-alpine");
    let (published, _) = case("seed-go-after-scratch");
    let a = engine::analyze(&text, &story());
    let sc = a
        .rewrites
        .iter()
        .find(|r| r.kind == "scratch")
        .expect("a scratch rewrite");
    assert!(within(sc.bytes, 6.66, 10.0), "scratch {} B", sc.bytes);
    // The same file as the article's, but for its blank line and GOOS=linux.
    let norm = |t: &str| {
        t.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.replace("GOOS=linux ", ""))
            .collect::<Vec<_>>()
    };
    assert_eq!(norm(&sc.dockerfile), norm(&published));
    assert!(sc.caveats.iter().any(|c| c.contains("CGO_ENABLED=0")));
    // distroless/static holds what scratch lacks (certificates, zoneinfo, a nonroot user).
    let d = a
        .rewrites
        .iter()
        .find(|r| r.kind == "distroless")
        .expect("a distroless rewrite");
    assert!(d
        .dockerfile
        .contains("FROM gcr.io/distroless/static-debian12\n"));
    assert!(sc.bytes < d.bytes && d.bytes < a.before.bytes);
}

#[test]
fn rewrites_match_golden_files() {
    let (text, _) = case("seed-go-before");
    let a = engine::analyze(&text, &story());
    for r in &a.rewrites {
        let path = format!(
            "{}/tests/golden/seed-go.{}.Dockerfile",
            env!("CARGO_MANIFEST_DIR"),
            r.kind
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &r.dockerfile).unwrap();
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {path}; run with UPDATE_GOLDEN=1"));
        assert_eq!(r.dockerfile, want, "{path} differs");
    }
}

#[test]
fn assumptions_move_the_numbers() {
    let (text, _) = case("seed-go-before");
    let base = engine::analyze(&text, &story());
    let bigger = engine::analyze(
        &text,
        &Assumptions {
            context_bytes: Some(50_000_000),
            artifact_bytes: Some(20_000_000),
            ..Default::default()
        },
    );
    assert!(bigger.before.bytes > base.before.bytes + 50_000_000);
    let sc = |a: &engine::Analysis| {
        a.rewrites
            .iter()
            .find(|r| r.kind == "scratch")
            .unwrap()
            .bytes
    };
    assert!(
        sc(&bigger) > sc(&base) + 13_000_000,
        "the artifact size reaches the rewrite"
    );
}

#[test]
fn broken_lines_keep_the_rest_of_the_analysis() {
    let (text, _) = case("seed-go-before");
    let broken = text.replace("COPY . .", "COPY . .\nENV PATH\n");
    let a = engine::analyze(&broken, &Assumptions::default());
    assert!(!a.errors.is_empty());
    assert!(a.errors[0].line == 6, "{:?}", a.errors);
    assert!(
        within(a.before.bytes, 359.0, 10.0),
        "the estimate survives a bad line"
    );
}
