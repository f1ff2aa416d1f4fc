//! The pure engine: text in, [`Analysis`] out. No web dependencies.
//!
//! `syntax` (BuildKit-compatible splitter) → `model` (stages, variables) →
//! `sizes` (sourced tables) → `estimate` (layers with ranges) →
//! `rules` (findings) and `rewrite` (smaller Dockerfiles, sized by `estimate`).

pub mod edit;
pub mod estimate;
pub mod model;
pub mod permalink;
pub mod rewrite;
pub mod rules;
pub mod sizes;
pub mod sort;
pub mod syntax;

pub use estimate::{decimal, fmt_bytes, smaller, Assumptions, Estimate, Layer};

use serde::Serialize;

/// A rewrite with its estimated size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rewrite {
    pub kind: &'static str,
    pub title: String,
    pub why: String,
    pub dockerfile: String,
    pub bytes: u64,
    pub low: u64,
    pub high: u64,
    /// Bytes saved against the original (0 when it is not smaller).
    pub saves_bytes: u64,
    pub caveats: Vec<String>,
    pub estimate: Estimate,
}

/// A problem at a line of the user's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub line: usize,
    pub message: String,
}

/// Everything Slimfile says about one Dockerfile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Lines BuildKit would reject, with the reason. The rest is still analysed.
    pub errors: Vec<Diagnostic>,
    pub before: Estimate,
    pub rewrites: Vec<Rewrite>,
    pub findings: Vec<rules::Finding>,
    /// Number of instructions read.
    pub instructions: usize,
    pub stages: usize,
    /// The named stages, in order: what `--target` can choose.
    pub targets: Vec<String>,
}

/// Runs the rules and prices each fix with the estimator: the saving is what the
/// fixed text weighs less. Sorted by bytes saved, largest first.
fn findings(
    text: &str,
    parsed: &syntax::ParsedFile,
    model: &model::Model,
    a: &Assumptions,
    before: u64,
    before_low: u64,
    before_high: u64,
) -> Vec<rules::Finding> {
    let ctx = rules::Context {
        text,
        parsed,
        model,
        as_of: a.as_of.as_deref(),
        target: a.target.as_deref(),
    };
    let mut out = rules::check(&ctx);
    for f in &mut out {
        if f.saves_bytes > 0 {
            continue; // a rule that prices itself (no fix to apply)
        }
        if let Some(fix) = f.fix.as_ref().or(f.priced_by.as_ref()) {
            let after = estimate_text(&fix.apply(text), a);
            f.saves_bytes = before.saturating_sub(after.bytes);
            f.saves_low = before_low.saturating_sub(after.low).min(f.saves_bytes);
            f.saves_high = before_high.saturating_sub(after.high).max(f.saves_bytes);
        }
    }
    out.retain(|f| !f.only_if_it_saves || f.saves_bytes > 0);
    sort::sort_by(&mut out, |x, y| {
        y.saves_bytes.cmp(&x.saves_bytes).then(x.line.cmp(&y.line))
    });
    out
}

/// Sizes one Dockerfile text (no rewrites).
pub fn estimate_text(text: &str, a: &Assumptions) -> Estimate {
    let parsed = syntax::parse(text);
    let mut model = model::Model::build(&parsed);
    // Without that stage, the last one is estimated (`analyze` says so).
    let built = a
        .target
        .as_ref()
        .and_then(|t| model.select_target(&parsed, text, t).ok())
        .unwrap_or(text);
    estimate::estimate(built, &parsed, &model, a)
}

/// The one entry point: text in, analysis out. Never panics.
pub fn analyze(text: &str, a: &Assumptions) -> Analysis {
    let parsed = syntax::parse(text);
    let mut model = model::Model::build(&parsed);
    let targets: Vec<String> = model.stages.iter().filter_map(|s| s.name.clone()).collect();
    let stage_count = model.stages.len();
    let mut errors: Vec<Diagnostic> = parsed
        .errors
        .iter()
        .map(|e| Diagnostic {
            line: e.line,
            message: e.message.clone(),
        })
        .collect();
    // `--target`: the stages after it are not built, and the rewrites are of the image it
    // builds, so they read the file up to its end.
    let mut built = text;
    if let Some(t) = &a.target {
        match model.select_target(&parsed, text, t) {
            Ok(prefix) => built = prefix,
            Err(message) => errors.push(Diagnostic { line: 1, message }),
        }
    }
    // The stages after a target are not built: the estimate reads the file up to it (the
    // defaults that look at what the whole file shows about its app, too), as the
    // rewrites do. Offsets into the prefix are those of the whole text.
    let before = estimate::estimate(built, &parsed, &model, a);
    let (r_parsed, r_model);
    let (r_parsed, r_model) = if built.len() == text.len() {
        (&parsed, &model)
    } else {
        r_parsed = syntax::parse(built);
        r_model = model::Model::build(&r_parsed);
        (&r_parsed, &r_model)
    };
    // A rewrite of a `--target` build ends at the stage it proposes.
    let rewrite_assumptions = Assumptions {
        target: None,
        ..a.clone()
    };
    let left_out: Vec<String> = targets
        .iter()
        .skip_while(|n| Some(*n) != model.target.as_ref())
        .skip(1)
        .cloned()
        .collect();
    let rewrites = rewrite::propose_at(built, r_parsed, r_model, a.as_of.as_deref())
        .into_iter()
        .map(|mut p| {
            if built.len() < text.len() {
                p.caveats.push(format!(
                    "For `docker build --target {}`: the stages after it{} are not built, so the rewrite leaves them out; keep yours below it if you build them too.",
                    model.target.as_deref().unwrap_or(""),
                    if left_out.is_empty() { String::new() } else { format!(" ({})", left_out.join(", ")) }
                ));
            }
            let est = estimate_text(&p.dockerfile, &rewrite_assumptions);
            Rewrite {
                kind: p.kind.as_str(),
                title: p.title,
                why: p.why,
                saves_bytes: before.bytes.saturating_sub(est.bytes),
                bytes: est.bytes,
                low: est.low,
                high: est.high,
                dockerfile: p.dockerfile,
                caveats: p.caveats,
                estimate: est,
            }
        })
        // A rewrite is a way to a smaller image: one that both estimates in full and that
        // saves under 1 % (a pip cache the user already mounts, traded for a virtualenv)
        // is not proposed. With a step of either unknown the two cannot be compared;
        // copying only the program saves the build context, whose size is the user's to
        // set, so any saving keeps it.
        .filter(|r: &Rewrite| {
            before.unestimated > 0
                || r.estimate.unestimated > 0
                || r.saves_bytes * 100 >= before.bytes.max(1)
                || (r.kind == "artifacts-only" && r.saves_bytes > 0)
        })
        .collect();
    Analysis {
        errors,
        findings: findings(
            text,
            &parsed,
            &model,
            a,
            before.bytes,
            before.low,
            before.high,
        ),
        instructions: parsed.instructions.len(),
        stages: stage_count,
        targets,
        before,
        rewrites,
    }
}

/// Applies every safe fix, one at a time (offsets move after each), re-analysing in
/// between, until none is left. Bounded, so a fix that does not clear its finding
/// cannot loop.
pub fn apply_safe_fixes(text: &str) -> String {
    rules::apply_safe_fixes(text, |_| true)
}
