//! The size estimator: a layer per instruction of the final stage, each with
//! bytes, a low–high range and a one-line basis a person can check.
//!
//! Earlier stages are estimated too (their outputs feed `COPY --from`), but
//! only the final stage ships. Instructions the model does not cover yet are
//! reported as *not estimated* instead of being guessed.

use super::model::{self, join_path, normalise_path as normalise, Model, Stage};
use super::sizes::{self, facts, BaseMatch, Fact};
use super::sort;
use super::syntax::{Instruction, ParsedFile};
use serde::Serialize;
use std::collections::BTreeMap;

mod apk;
mod apt;
mod copy;
mod dotnet;
mod download;
mod go;
mod java;
mod native;
mod node;
mod php;
mod python;
mod rpm;
mod ruby;
mod run;
mod rust;
mod strip;
#[cfg(test)]
mod tests;

use apk::*;
use apt::*;
use copy::*;
use dotnet::*;
use download::*;
use go::*;
use java::*;
pub(crate) use native::CXX_HINTS;
use native::*;
use node::*;
use php::*;
use python::*;
use rpm::*;
use ruby::*;
use run::*;
use rust::*;
use strip::*;

/// What the estimate rests on that Slimfile cannot see. `None` = the sourced default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Assumptions {
    /// Size of the build context copied by `COPY . .`.
    pub context_bytes: Option<u64>,
    /// Size of each built program (a `go build` output).
    pub artifact_bytes: Option<u64>,
    /// Size of the downloaded dependencies (Go module cache) when the project has any.
    pub dependencies_bytes: Option<u64>,
    /// Size of a base image the table does not have (a vendor's or a private image): the
    /// shipped stage's, which the panel offers; a builder's unknown base takes it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_bytes: Option<u64>,
    /// Build date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): base images as they were built
    /// then, for reproducing an older article's numbers. `None`: the table's builds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The stage `docker build --target` builds (its name). `None`: the last stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayerKind {
    /// The base image (`FROM`).
    Base,
    /// Files copied or added.
    Files,
    /// A `RUN` step.
    Run,
    /// Configuration only (`ENV`, `CMD`…): no bytes.
    Metadata,
}

/// What one instruction adds to the image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub line: usize,
    pub end_line: usize,
    pub keyword: String,
    /// A short rendering of the instruction (first line, trimmed).
    pub instruction: String,
    pub kind: LayerKind,
    pub bytes: u64,
    pub low: u64,
    pub high: u64,
    /// Where the number comes from: a table row, a measurement, or an assumption.
    pub basis: String,
    /// False when this step is not modelled yet: its bytes are unknown, not zero.
    pub estimated: bool,
    /// Estimated, but part of what it writes is not modelled and not counted (a command
    /// Slimfile does not know beside ones it does): its bytes are a lower bound.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// The layer gzip-compressed, as a registry stores it (the download; the containerd
    /// image store keeps it beside the unpacked files): [`compress`] fills it.
    pub compressed: u64,
}

/// The estimate of the final image.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Estimate {
    pub bytes: u64,
    pub low: u64,
    pub high: u64,
    pub layers: Vec<Layer>,
    /// Layers whose size is unknown (not counted in `bytes`).
    pub unestimated: usize,
    /// Name or index of the stage that ships.
    pub final_stage: String,
    /// Set when `final_stage` is a `--target` stage, not the file's last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The sourced defaults the estimate took where the user set nothing.
    pub defaults: Defaults,
    /// Estimated layers with a part not modelled ([`Layer::partial`]).
    pub partial: usize,
    /// The compressed layers (download size; `docker images` CONTENT SIZE on the
    /// containerd image store), with a range.
    pub compressed: u64,
    pub compressed_low: u64,
    pub compressed_high: u64,
}

impl Estimate {
    /// What `docker images` shows as DISK USAGE with the containerd image store (the
    /// default on fresh installs of Docker Engine 29+ and Docker Desktop 4.34+): the
    /// unpacked layers plus the compressed ones it keeps too.
    pub fn containerd_disk_usage(&self) -> (u64, u64, u64) {
        (
            self.bytes + self.compressed,
            self.low + self.compressed_low,
            self.high + self.compressed_high,
        )
    }
}

/// Something a stage produced that a later `COPY --from` may take.
#[derive(Debug, Clone, PartialEq)]
struct Artifact {
    path: String,
    size: Fact,
    basis: String,
    /// The line of the instruction that made it (set by [`StageState::add_artifact`]): a
    /// `strip` or `upx` in the same RUN rewrites it inside that RUN's layer.
    made_by: usize,
    /// One of the folders a step may have written, of which only one exists (Vite's dist/,
    /// Create React App's build/): a COPY --from of several counts the first.
    either: bool,
}

#[derive(Debug, Clone, Default)]
struct StageState {
    /// The line of the instruction being estimated.
    line: usize,
    layers: Vec<Layer>,
    artifacts: Vec<Artifact>,
    workdir: String,
    copied: Vec<String>,
    env: BTreeMap<String, String>,
    go_version: Option<(u32, u32)>,
    /// The default Go module cache was counted in this stage.
    go_modules: bool,
    /// Maven's or Gradle's dependency cache (and wrapper distribution) was counted in this stage.
    java_cache: bool,
    /// Where `bundle config set path …` told Bundler to install.
    bundle_path: Option<String>,
    /// Python's minor version when the base names it (`python:3.11-slim` → 11).
    python_minor: Option<u32>,
    /// The .NET SDK's major version, when the base is `mcr.microsoft.com/dotnet/sdk:N…`.
    dotnet_sdk: Option<u32>,
    /// The base is Alpine (musl libc): compilers make musl binaries.
    musl: bool,
    /// A native build tool ran here (`make`, `cmake --build`, `ninja`): the program it
    /// compiled, which a later `COPY --from` takes out, and the same program linked
    /// statically (what runs on a base without a libc), and whether it is C++.
    native_program: Option<(Fact, Fact, bool)>,
    /// The base has no C library (`scratch`, distroless/static): a C or C++ program copied
    /// here runs only if it was linked statically.
    no_libc: bool,
    /// The base is plain Alpine or BusyBox and the stage installs no libstdc++: a C++
    /// program copied here runs only if it was linked statically.
    no_libstdcxx: bool,
    /// The base is Wolfi's (Chainguard's images): apk installs Wolfi's packages, not Alpine's.
    wolfi: bool,
    /// The base's Alpine release (`3.19`), when the table says.
    alpine: Option<String>,
    /// Debian packages present, when the base is Debian-family (None: no apt): rows of
    /// `apt_release`'s table.
    apt: Option<std::collections::BTreeSet<u32>>,
    /// The Debian release whose package table prices this stage's apt installs, and
    /// the release the base names, when it names one (`buster`).
    apt_release: sizes::apt::Release,
    apt_codename: Option<&'static str>,
    /// dpkg excludes docs, man pages and locales (the `-slim` images).
    slim: bool,
    /// Packages dpkg unpacked, and removed, in this stage's apt steps so far: its logs
    /// grow by each and every later step copies them whole into its layer.
    apt_log: (u64, u64),
    /// Package lists from an `apt-get update` in an earlier layer are still in the image.
    apt_lists: bool,
    /// NodeSource's setup script ran (`curl …deb.nodesource.com/setup_20.x | bash -`): apt's
    /// `nodejs` is NodeSource's, of that line.
    nodesource: Option<NodeLine>,
    /// Yarn's apt repository (dl.yarnpkg.com/debian) was added: apt's `yarn` is Yarn 1.
    yarn_repo: bool,
    /// Python packages pip installed in earlier layers.
    pip: std::collections::BTreeSet<&'static str>,
    /// npm packages installed in earlier layers.
    npm: std::collections::BTreeSet<&'static str>,
    /// Ruby gems `gem install` put in earlier layers.
    gems: std::collections::BTreeSet<&'static str>,
    /// Locales compiled into glibc's locale archive by earlier steps.
    locales: std::collections::BTreeSet<String>,
    /// Whether this stage's Rust toolchain strips release builds by default (by the
    /// version its image names, or the date the estimate is made as of).
    rust_strip: RustStrip,
    /// Rust's target/ and Cargo registry are already counted in this stage.
    rust_target: bool,
    rust_registry: bool,
    /// A typical app's Python dependencies are already counted in this stage.
    pip_default: bool,
    /// Alpine packages earlier `apk add`s installed.
    apk: Vec<String>,
    /// apk's index cache (/var/cache/apk) was left by an earlier layer of this stage.
    apk_index: bool,
    /// Debian packages that stood in for Alpine packages the table lacks (each counted once).
    debian_equiv: Option<std::collections::BTreeSet<u32>>,

    /// Build contexts and artifacts of earlier stages (`stage:path`) a `COPY --from` of a
    /// part of has counted already: the parts together are at most the whole.
    parts_drawn: Vec<String>,

    /// Folders holding something of unknown size (dependencies Slimfile cannot see).
    unknown_paths: Vec<String>,
    /// Working directories a step Slimfile does not model ran in (`rails
    /// assets:precompile` in /rails), with its line and program: what it wrote there is
    /// unknown, so a COPY --from of the folder is too.
    unknown_outputs: Vec<(String, usize, String)>,
}

impl StageState {
    /// Records what a step built. Programs built again into the same output folder (a
    /// dependency-caching dummy `cargo build`, then the real one) replace the earlier
    /// ones: a later COPY --from takes them once. Folders that steps add to (a venv,
    /// node_modules) keep each step's part.
    fn add_artifact(&mut self, mut art: Artifact) {
        art.made_by = self.line;
        if art.path.ends_with("/*") {
            self.artifacts.retain(|x| x.path != art.path);
        }
        self.artifacts.push(art);
    }

    /// True the first time a part of `key` (`stage:path`) is taken, false after: the
    /// parts of one build context or build output count once together.
    fn first_part(&mut self, key: String) -> bool {
        if self.parts_drawn.contains(&key) {
            return false;
        }
        self.parts_drawn.push(key);
        true
    }

    fn totals(&self) -> (u64, u64, u64) {
        self.layers
            .iter()
            .filter(|l| l.estimated)
            .fold((0, 0, 0), |(b, lo, hi), l| {
                (b + l.bytes, lo + l.low, hi + l.high)
            })
    }
}

/// Formats bytes the way `docker images` does (decimal units).
pub fn fmt_bytes(b: u64) -> String {
    if b >= 1_000_000_000 {
        format!("{} GB", decimal(b, 1_000_000_000, 2))
    } else if b >= 1_000_000 {
        format!("{} MB", decimal(b, 1_000_000, 1))
    } else if b >= 1_000 {
        format!("{} KB", decimal(b, 1_000, 1))
    } else {
        format!("{b} B")
    }
}

/// How much smaller `after` is than `before`, as the CLI and the page say it: "12× smaller"
/// from 1.5 times on, else "3 % smaller", else "no saving".
pub fn smaller(before: u64, after: u64) -> String {
    let (b, a) = (u128::from(before), u128::from(after));
    if a > 0 && b * 2 >= a * 3 {
        format!("{}× smaller", (b + a / 2) / a)
    } else if a > 0 && b * 1000 >= a * 1005 {
        match ((b - a) * 100 + b / 2) / b {
            0 => "under 1 % smaller".into(),
            pct => format!("{pct} % smaller"),
        }
    } else {
        "no saving".into()
    }
}

/// `num / den` written with `places` decimals, rounded half up: integer arithmetic, so the
/// WebAssembly bundle carries no floating-point formatting (about 13 KB of code).
pub fn decimal(num: u64, den: u64, places: u32) -> String {
    let scale = 10u128.pow(places);
    let den = u128::from(den.max(1));
    let v = (u128::from(num) * scale + den / 2) / den;
    if places == 0 {
        return v.to_string();
    }
    format!(
        "{}.{:0width$}",
        v / scale,
        v % scale,
        width = places as usize
    )
}

fn first_line(ins: &Instruction, text: &str) -> String {
    let raw = text
        .get(ins.start_offset..ins.end_offset)
        .unwrap_or(&ins.keyword);
    let line = raw.lines().next().unwrap_or("").trim();
    let mut s: String = line.chars().take(90).collect();
    if line.chars().count() > 90 || raw.lines().nth(1).is_some() {
        s.push_str(" …");
    }
    s
}

/// The Dockerfile's text, and its lowercased copy made once per estimate for the
/// defaults that read what the whole file shows about its app (Next.js, Django, Rails…).
struct Doc<'a> {
    text: &'a str,
    lower: String,
    /// What stands in for a Node app's dependencies ([`NodeApp::of`]).
    node_app: NodeApp,
    /// Whether yarn is Yarn 2+ ([`yarn_berry`]).
    yarn_berry: bool,
}

/// Estimates the final stage of `parsed`.
pub fn estimate(text: &str, parsed: &ParsedFile, model: &Model, a: &Assumptions) -> Estimate {
    // A link or the panel may carry any number: past a petabyte it is capped, so sums and
    // the per-mille factors below cannot overflow.
    const MAX: u64 = 1_000_000_000_000_000;
    let capped = Assumptions {
        context_bytes: a.context_bytes.map(|b| b.min(MAX)),
        artifact_bytes: a.artifact_bytes.map(|b| b.min(MAX)),
        dependencies_bytes: a.dependencies_bytes.map(|b| b.min(MAX)),
        base_bytes: a.base_bytes.map(|b| b.min(MAX)),
        ..a.clone()
    };
    let a = &capped;
    let lower = text.to_ascii_lowercase();
    let doc = Doc {
        text,
        node_app: NodeApp::of(&lower),
        yarn_berry: yarn_berry(&lower),
        lower,
    };
    let mut states: Vec<StageState> = Vec::with_capacity(model.stages.len());
    // The defaults this estimate takes, collected apart from any other's.
    let outer = DEFAULTS.with(|d| d.take());
    for stage in &model.stages {
        let st = estimate_stage(&doc, parsed, model, stage, &states, a);
        states.push(st);
    }
    let defaults = DEFAULTS.with(|d| d.replace(outer));
    let Some(last) = states.last() else {
        return Estimate::default();
    };
    let (bytes, low, high) = last.totals();
    let (compressed, compressed_low, compressed_high) = last
        .layers
        .iter()
        .filter(|l| l.estimated)
        .fold((0u64, 0u64, 0u64), |(c, lo, hi), l| {
            let (r_lo, r_hi) = compressed_range(l);
            (
                c + l.compressed,
                lo + l.low * r_lo / 1000,
                hi + l.high * r_hi / 1000,
            )
        });
    let final_stage = model
        .final_stage()
        .map(|s| s.name.clone().unwrap_or_else(|| s.index.to_string()))
        .unwrap_or_default();
    Estimate {
        bytes,
        low,
        high,
        unestimated: last.layers.iter().filter(|l| !l.estimated).count(),
        partial: last
            .layers
            .iter()
            .filter(|l| l.estimated && l.partial)
            .count(),
        layers: last.layers.clone(),
        final_stage,
        target: model.target.clone(),
        defaults,
        compressed,
        compressed_low: compressed_low.min(compressed),
        compressed_high: compressed_high.max(compressed),
    }
}

/// Whether a layer holds an archive that is compressed already (a .jar, .war, .zip…):
/// gzip cannot shrink it further.
fn holds_archive(l: &Layer) -> bool {
    matches!(l.kind, LayerKind::Files)
        && l.keyword == "COPY"
        && [
            ".jar", ".war", ".ear", ".zip", ".whl", ".gz", ".tgz", ".xz", ".zst",
        ]
        .iter()
        .any(|x| l.instruction.split_whitespace().any(|w| w.ends_with(x)))
}

/// Compressed bytes per byte of an added layer, in thousandths.
fn gzip_ratio(l: &Layer) -> Fact {
    if holds_archive(l) {
        facts::GZIP_ARCHIVE_PER_BYTE
    } else {
        facts::GZIP_PER_BYTE
    }
}

/// The per-mille range of compressed bytes per byte of a layer.
fn compressed_range(l: &Layer) -> (u64, u64) {
    if l.kind == LayerKind::Base {
        // Set from the table: the base's own ratio stands, its range widened by the
        // spread of ratios between builds (±15 %).
        let r = (l.compressed * 1000).checked_div(l.bytes).unwrap_or(0);
        return (r * 85 / 100, (r * 115 / 100).min(1000));
    }
    let f = gzip_ratio(l);
    (f.low, f.high)
}

/// Fills each added layer's compressed size (base layers carry theirs from the table).
fn compress(layers: &mut [Layer]) {
    for l in layers.iter_mut().filter(|l| l.kind != LayerKind::Base) {
        l.compressed = l.bytes * gzip_ratio(l).bytes / 1000;
    }
}

fn layer(ins: &Instruction, text: &str, kind: LayerKind, f: Fact, basis: String) -> Layer {
    Layer {
        line: ins.start_line,
        end_line: ins.end_line,
        keyword: ins.keyword.clone(),
        instruction: first_line(ins, text),
        kind,
        bytes: f.bytes,
        low: f.low.min(f.bytes),
        high: f.high.max(f.bytes),
        basis,
        estimated: true,
        partial: false,
        compressed: 0,
    }
}

fn fact(bytes: u64, low: u64, high: u64) -> Fact {
    Fact {
        bytes,
        low,
        high,
        source: "",
    }
}

fn add(a: Fact, b: Fact) -> Fact {
    fact(
        a.bytes.saturating_add(b.bytes),
        a.low.saturating_add(b.low),
        a.high.saturating_add(b.high),
    )
}

/// A command that rewrites build artifact `i` in place (`strip`, `upx`) as `file`, now of
/// size `f`: the RUN's layer total after it. Made by this RUN (the instruction being
/// estimated, `st.line`), the new copy replaces the old in the layer; made earlier, the
/// layer holds a second copy. A later COPY --from takes the new size.
fn rewrite_artifact(
    st: &mut StageState,
    i: usize,
    file: &str,
    f: Fact,
    how: &str,
    total: Fact,
) -> Fact {
    let line = st.line;
    let Some(art) = st.artifacts.get_mut(i) else {
        return total;
    };
    let (old, here) = (art.size, art.made_by == line);
    art.size = f;
    art.path = file.to_string();
    art.basis = format!("{}, {how}", art.basis);
    if here {
        replace(total, old, f)
    } else {
        add(total, f)
    }
}

/// `total` with `old` (counted in it) replaced by `new`.
fn replace(total: Fact, old: Fact, new: Fact) -> Fact {
    fact(
        total.bytes.saturating_sub(old.bytes) + new.bytes,
        total.low.saturating_sub(old.low) + new.low,
        total.high.saturating_sub(old.high) + new.high,
    )
}

/// A size with a range times a ratio with a range, in thousandths: low by low, high by high.
fn scaled(f: Fact, r: Fact) -> Fact {
    fact(
        f.bytes.saturating_mul(r.bytes) / 1000,
        f.low.saturating_mul(r.low) / 1000,
        f.high.saturating_mul(r.high) / 1000,
    )
}

/// `n` of a sized thing: its point, low and high each times `n`.
fn times(f: Fact, n: u64) -> Fact {
    fact(
        f.bytes.saturating_mul(n),
        f.low.saturating_mul(n),
        f.high.saturating_mul(n),
    )
}

/// `bytes` times a ratio in thousandths (`facts::APK_PER_DEBIAN`): its point, low and high.
fn per_mille(bytes: u64, r: Fact) -> Fact {
    fact(
        bytes.saturating_mul(r.bytes) / 1000,
        bytes.saturating_mul(r.low) / 1000,
        bytes.saturating_mul(r.high) / 1000,
    )
}

/// A ratio in thousandths as the basis states it: `× 0.58 (source), range 0.15–1.61×`.
fn ratio_text(r: Fact) -> String {
    format!(
        "× {} ({}), range {}–{}×",
        decimal(r.bytes, 1000, 2),
        r.source,
        decimal(r.low, 1000, 2),
        decimal(r.high, 1000, 2)
    )
}

/// A user-set assumption replaces a default: exact, so the range collapses to it.
fn assumed(user: Option<u64>, default: Fact) -> (Fact, &'static str) {
    match user {
        Some(b) => (fact(b, b, b), "your assumption"),
        None => (default, default.source),
    }
}

/// The built program's size: the user's, or `default`, which the estimate reports.
fn assumed_artifact(a: &Assumptions, default: Fact) -> (Fact, &'static str) {
    if a.artifact_bytes.is_none() {
        note_default(|d| &mut d.artifact, default.bytes);
    }
    assumed(a.artifact_bytes, default)
}

/// The build context's size: the user's, or `default`, which the estimate reports.
fn assumed_context(a: &Assumptions, default: Fact) -> (Fact, &'static str) {
    if a.context_bytes.is_none() {
        note_default(|d| &mut d.context, default.bytes);
    }
    assumed(a.context_bytes, default)
}

/// A base image's size: the table's; for an image it lacks, the size the user set, else a
/// stand-in ([`sizes::base::stand_in_base`]). The stage that ships (`ships`) reports the
/// stand-in to the Assumptions panel: a builder's base does not count in the image.
/// Returns the match and the reference the rest of the estimate reads the image's
/// distribution and runtime from: the stand-in's, else `from`.
fn base_or_stand_in(
    r: &sizes::ImageRef,
    from: &str,
    a: &Assumptions,
    ships: bool,
) -> Option<(BaseMatch, String)> {
    let as_of = a.as_of.as_deref();
    if let Some(m) = sizes::lookup_base_at(r, as_of) {
        return Some((m, from.to_string()));
    }
    let stand_in = sizes::base::stand_in_base(r, as_of);
    let reference = stand_in
        .as_ref()
        .map_or_else(|| from.to_string(), |(_, s)| s.clone());
    let m = match (a.base_bytes, stand_in.map(|(m, _)| m)) {
        (Some(b), m) => Some(BaseMatch {
            bytes: b,
            low: b,
            high: b,
            kind: sizes::base::MatchKind::Nearest,
            // The stand-in's row still says which distribution the image is likely on.
            row: m.and_then(|m| m.row),
            rows_considered: 0,
            basis: format!(
                "{from}: not in the base-image table; {} as set under Assumptions",
                fmt_bytes(b)
            ),
        }),
        (None, Some(m)) => {
            if ships {
                note_default(|d| &mut d.base, m.bytes);
            }
            Some(m)
        }
        (None, None) => {
            if ships {
                DEFAULTS.with(|d| d.borrow_mut().base_unknown = true);
            }
            None
        }
    };
    m.map(|m| (m, reference))
}

/// The defaults an estimate used where the user set nothing (each a size, or several
/// when steps of different kinds took different ones), for the Assumptions panel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Defaults {
    pub context: Vec<u64>,
    pub artifact: Vec<u64>,
    pub dependencies: Vec<u64>,
    /// A step whose program (a COPY --from of something no step built) or dependencies
    /// (packages the tables lack) has no default: the field would make it known.
    pub artifact_unknown: bool,
    pub dependencies_unknown: bool,
    /// Base images the table lacks: the stand-ins' sizes ([`sizes::base::stand_in_base`]),
    /// and whether one had no stand-in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub base: Vec<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub base_unknown: bool,
}

thread_local! {
    static DEFAULTS: std::cell::RefCell<Defaults> = std::cell::RefCell::new(Defaults::default());
}

fn note_default(field: fn(&mut Defaults) -> &mut Vec<u64>, bytes: u64) {
    DEFAULTS.with(|d| {
        let mut d = d.borrow_mut();
        let v = field(&mut d);
        if !v.contains(&bytes) {
            v.push(bytes);
        }
    });
}

fn estimate_stage(
    doc: &Doc,
    parsed: &ParsedFile,
    model: &Model,
    stage: &Stage,
    earlier: &[StageState],
    a: &Assumptions,
) -> StageState {
    let mut st = estimate_stage_layers(doc, parsed, model, stage, earlier, a);
    compress(&mut st.layers);
    st
}

fn estimate_stage_layers(
    doc: &Doc,
    parsed: &ParsedFile,
    model: &Model,
    stage: &Stage,
    earlier: &[StageState],
    a: &Assumptions,
) -> StageState {
    let text = doc.text;
    let mut st = StageState {
        workdir: "/".into(),
        ..Default::default()
    };
    let Some(from_ins) = parsed.instructions.get(stage.from_instr) else {
        return st;
    };
    // FROM
    if let Some(parent) = model.stage_ref(&stage.from, stage.index) {
        let p = &earlier[parent.index];
        let (b, lo, hi) = p.totals();
        st = p.clone();
        let mut l = layer(
            from_ins,
            text,
            LayerKind::Base,
            fact(b, lo, hi),
            format!(
                "stage {} as it was built ({} layers)",
                parent
                    .name
                    .clone()
                    .unwrap_or_else(|| parent.index.to_string()),
                p.layers.len()
            ),
        );
        l.compressed = p
            .layers
            .iter()
            .filter(|l| l.estimated)
            .map(|l| l.compressed)
            .sum();
        st.layers = vec![l];
    } else {
        let image = sizes::parse_image_ref(&stage.from);
        if let Some(r) = &image {
            if let Some(wd) = sizes::base_workdir(r) {
                st.workdir = wd.into();
            }
            st.no_libc = r.name == "scratch"
                || r.name.ends_with("distroless/static")
                || r.name.ends_with("distroless/static-debian11")
                || r.name.ends_with("distroless/static-debian12")
                || r.name.ends_with("chainguard/static");
            st.wolfi = r.name.contains("wolfi") || r.name.starts_with("cgr.dev/chainguard/");
            // g++ and build-base bring libstdc++ with them.
            st.no_libstdcxx = matches!(r.name.as_str(), "alpine" | "busybox")
                && !stage.body.iter().any(|&i| {
                    parsed.instructions.get(i).is_some_and(|ins| {
                        ins.keyword == "RUN"
                            && ["libstdc++", "g++", "build-base"]
                                .iter()
                                .any(|p| ins.args.contains(p))
                    })
                });
            for (k, v) in sizes::base_env(r) {
                st.env.insert(k.to_string(), v.to_string());
            }
        }
        let found = image.as_ref().and_then(|r| {
            let ships = model.final_stage().is_some_and(|f| f.index == stage.index);
            base_or_stand_in(r, &stage.from, a, ships)
        });
        match found {
            Some((m, from)) => {
                // `from` is the stand-in's reference for an image the table lacks.
                st.go_version = go_version_of(&from, Some(&m));
                st.rust_strip = rust_strip_of(&from, a.as_of.as_deref());
                st.python_minor = python_minor_of(&from);
                st.dotnet_sdk = dotnet_sdk_of(&from);
                st.musl = from.contains("alpine") || m.alpine_version().is_some();
                st.alpine = m.alpine_version();
                (st.apt, st.slim, st.apt_release, st.apt_codename) =
                    apt_base(&from, &m, st.musl, a.as_of.as_deref());
                let mut l = layer(
                    from_ins,
                    text,
                    LayerKind::Base,
                    fact(m.bytes, m.low, m.high),
                    match &a.as_of {
                        Some(d) => format!("as of {d}: {}", m.basis),
                        None => m.basis.clone(),
                    },
                );
                l.compressed = sizes::base::compressed_of(&m);
                st.layers.push(l);
            }
            None => {
                let mut l = layer(
                    from_ins,
                    text,
                    LayerKind::Base,
                    fact(0, 0, 0),
                    format!(
                        "{}: not in the base-image table, size unknown",
                        if stage.from.is_empty() {
                            "(empty)"
                        } else {
                            &stage.from
                        }
                    ),
                );
                l.estimated = false;
                st.layers.push(l);
                st.go_version = go_version_of(&stage.from, None);
                st.rust_strip = rust_strip_of(&stage.from, a.as_of.as_deref());
            }
        }
    }

    for &i in &stage.body {
        let Some(ins) = parsed.instructions.get(i) else {
            continue;
        };
        let l = match ins.keyword.as_str() {
            "WORKDIR" => {
                let dir = model::expand(ins.args.trim(), &st.env);
                st.workdir = join_path(&st.workdir, &dir);
                layer(
                    ins,
                    text,
                    LayerKind::Metadata,
                    fact(0, 0, 0),
                    "creates an empty directory".into(),
                )
            }
            "ENV" => {
                for (k, v) in model::env_pairs(&ins.args) {
                    st.env.insert(k, v);
                }
                layer(
                    ins,
                    text,
                    LayerKind::Metadata,
                    fact(0, 0, 0),
                    "configuration only".into(),
                )
            }
            "ARG" => {
                for (k, v) in model::arg_pairs(&ins.args) {
                    let v = v
                        .or_else(|| model.global_args.get(&k).cloned())
                        .unwrap_or_default();
                    st.env.insert(k, v);
                }
                layer(
                    ins,
                    text,
                    LayerKind::Metadata,
                    fact(0, 0, 0),
                    "configuration only".into(),
                )
            }
            "COPY" | "ADD" => copy_layer(doc, ins, model, stage, earlier, &mut st, a),
            "RUN" => run_layer(doc, ins, &mut st, a),
            _ => layer(
                ins,
                text,
                LayerKind::Metadata,
                fact(0, 0, 0),
                "configuration only".into(),
            ),
        };
        st.layers.push(l);
    }
    st
}

/// How a figure the user set is marked.
const YOUR_ASSUMPTION: &str = "(your assumption)";

/// Dependencies Slimfile cannot see, with a stated default: the user's "Downloaded
/// dependencies", else `d`. Returns (size, basis).
fn dependency_default(a: &Assumptions, what: &str, d: Fact) -> (Fact, String) {
    if a.dependencies_bytes.is_none() {
        note_default(|x| &mut x.dependencies, d.bytes);
    }
    match a.dependencies_bytes {
        Some(b) => (
            fact(b, b, b),
            format!("{what}: {} {YOUR_ASSUMPTION}", fmt_bytes(b)),
        ),
        None => (
            d,
            format!(
                "{what}: {} by default, range {}–{} ({}; {DEPS_HINT})",
                fmt_bytes(d.bytes),
                fmt_bytes(d.low),
                fmt_bytes(d.high),
                d.source
            ),
        ),
    }
}
