//! The size estimator: a layer per instruction of the final stage, each with
//! bytes, a low–high range and a one-line basis a person can check.
//!
//! Earlier stages are estimated too (their outputs feed `COPY --from`), but
//! only the final stage ships. Instructions the model does not cover yet are
//! reported as *not estimated* instead of being guessed.

use super::model::{self, join_path, normalise_path as normalise, Model, Stage};
use super::sizes::{self, facts, BaseMatch, Fact};
use super::syntax::{Instruction, ParsedFile};
use serde::Serialize;
use std::collections::BTreeMap;

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

/// The major version of a .NET SDK image (`mcr.microsoft.com/dotnet/sdk:8.0-jammy` → 8).
fn dotnet_sdk_of(image: &str) -> Option<u32> {
    let (name, tag) = image.rsplit_once(':')?;
    if !(name.ends_with("dotnet/sdk") || name.ends_with("dotnet/core/sdk")) {
        return None;
    }
    tag.split(['.', '-']).next()?.parse().ok()
}

/// What a `dotnet publish` makes, read from its flags (`--self-contained`, `-r`,
/// `-p:PublishTrimmed=true`, `-p:PublishAot=true`, `-o`).
#[derive(Debug, Default, PartialEq)]
struct DotnetPublish {
    self_contained: Option<bool>,
    runtime: bool,
    trimmed: bool,
    aot: bool,
    output: Option<String>,
}

fn dotnet_publish(c: &model::Command) -> Option<DotnetPublish> {
    if !c.is("dotnet", &["publish"]) {
        return None;
    }
    let mut p = DotnetPublish::default();
    let mut words = c.argv[2..].iter().peekable();
    let truthy = |v: &str| !v.eq_ignore_ascii_case("false");
    while let Some(w) = words.next() {
        let lower = w.to_ascii_lowercase();
        let prop = if let Some(v) = ["-p:", "/p:", "--property:", "-property:", "/property:"]
            .iter()
            .find_map(|pre| lower.strip_prefix(pre))
        {
            Some(v.to_string())
        } else if lower == "-p" || lower == "--property" {
            words.next().map(|v| v.to_ascii_lowercase())
        } else {
            None
        };
        if let Some(props) = prop {
            for kv in props.split(';') {
                let Some((k, v)) = kv.split_once('=') else {
                    continue;
                };
                match k {
                    "publishtrimmed" => p.trimmed = truthy(v),
                    "publishaot" => p.aot = truthy(v),
                    "selfcontained" => p.self_contained = Some(truthy(v)),
                    _ => {}
                }
            }
            continue;
        }
        match lower.as_str() {
            "--sc" | "--self-contained" => {
                let value = words
                    .peek()
                    .map(|v| v.to_ascii_lowercase())
                    .filter(|v| v == "true" || v == "false");
                if value.is_some() {
                    words.next();
                }
                p.self_contained = Some(value.as_deref() != Some("false"));
            }
            "--no-self-contained" => p.self_contained = Some(false),
            "-r" | "--runtime" | "-a" | "--arch" | "--os" => {
                words.next();
                p.runtime = true;
            }
            "-o" | "--output" => p.output = words.next().cloned(),
            x => {
                if let Some(v) = x
                    .strip_prefix("--self-contained=")
                    .or_else(|| x.strip_prefix("--sc="))
                {
                    p.self_contained = Some(truthy(v));
                } else if let Some(v) = w
                    .strip_prefix("--output=")
                    .or_else(|| w.strip_prefix("-o="))
                {
                    p.output = Some(v.to_string());
                } else if x.starts_with("--runtime=") || x.starts_with("-r=") {
                    p.runtime = true;
                }
            }
        }
    }
    Some(p)
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

/// What a pip install's packages take installed: their files, and the .pyc files pip
/// compiles from their .py files, measured per wheel with CPython 3.11
/// (`scripts/measure_pip_pyc.py`). For another CPython minor, or one not known, .pyc sizes
/// are not measured: half to twice. Wheels with no measurement take the share one real
/// build showed ([`facts::PIP_INSTALLED_PER_UNPACKED`]). `no_pyc` says why an installer
/// compiles nothing (`uv` unless asked, `pip install --no-compile`).
fn pip_installed(
    inst: &sizes::pip::Install,
    python_minor: Option<u32>,
    no_pyc: Option<&str>,
) -> (Fact, String) {
    if let Some(why) = no_pyc {
        let u = inst.unpacked;
        let text = format!(
            "{} unpacked{}; no .pyc ({why})",
            fmt_bytes(u),
            pypi_then(inst)
        );
        return (fact(u, u, u), text);
    }
    let measured_files = inst.unpacked - inst.pyc_unmeasured.min(inst.unpacked);
    let rest = per_mille(inst.pyc_unmeasured, facts::PIP_INSTALLED_PER_UNPACKED);
    let p = inst.pyc;
    let pyc = if python_minor == Some(11) && inst.pyc_scaled == 0 {
        fact(p, p * 98 / 100, p * 102 / 100)
    } else {
        fact(p, p / 2, p * 2)
    };
    let f = add(
        add(fact(measured_files, measured_files, measured_files), pyc),
        rest,
    );
    let mut text = format!(
        "{} unpacked{}; .pyc compiled on install {} (measured per wheel with CPython 3.11, scripts/measure_pip_pyc.py{}{})",
        fmt_bytes(inst.unpacked),
        pypi_then(inst),
        fmt_bytes(p),
        if python_minor == Some(11) {
            ""
        } else {
            "; another Python's half to twice"
        },
        if inst.pyc_scaled > 0 {
            format!(
                "; scaled from today's wheel for {} older version(s), half to twice",
                inst.pyc_scaled
            )
        } else {
            String::new()
        }
    );
    if inst.pyc_unmeasured > 0 {
        text.push_str(&format!(
            "; {} of wheels not measured, ×{} ({})",
            fmt_bytes(inst.pyc_unmeasured),
            decimal(facts::PIP_INSTALLED_PER_UNPACKED.bytes, 1000, 2),
            facts::PIP_INSTALLED_PER_UNPACKED.source
        ));
    }
    (f, text)
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

fn go_version_of(image: &str, base: Option<&BaseMatch>) -> Option<(u32, u32)> {
    let parse = |s: &str| -> Option<(u32, u32)> {
        let v: String = s
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut it = v.split('.');
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    };
    let tag = image.rsplit_once(':').map(|(_, t)| t).unwrap_or("");
    parse(tag).or_else(|| {
        base.and_then(|b| b.row.as_ref())
            .and_then(|r| parse(r.resolved.split_once(':')?.1))
    })
}

/// What a Rust toolchain's release profile does with the debuginfo the standard library
/// ships with (Cargo's changelog: `strip` in profiles stable in 1.59, 2022-02-24;
/// `strip = "debuginfo"` the release default from 1.77, 2024-03-21).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum RustStrip {
    /// Rust 1.77 and later: release builds drop it.
    #[default]
    ByDefault,
    /// Rust 1.59–1.76: kept, unless Cargo.toml sets `strip`, which the Dockerfile doesn't
    /// show.
    IfCargoTomlSays,
    /// Before Rust 1.59: kept; Cargo had no `strip` setting.
    Never,
}

/// What a Dockerfile tells a Rust release build to strip: Cargo's profile setting
/// (CARGO_PROFILE_RELEASE_STRIP: `none`/`false`, `debuginfo`, `symbols`/`true`) or rustc's
/// flag in RUSTFLAGS (`-C strip=…`, or the linker's `-s`), which wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RustStripSetting {
    None,
    Debuginfo,
    Symbols,
}

fn rust_strip_setting(rustflags: &str, profile: Option<&String>) -> Option<RustStripSetting> {
    let read = |v: &str| match v.trim_matches(|c| c == '"' || c == '\'') {
        "none" | "false" | "n" | "no" | "off" => Some(RustStripSetting::None),
        "debuginfo" => Some(RustStripSetting::Debuginfo),
        "symbols" | "true" | "y" | "yes" | "on" => Some(RustStripSetting::Symbols),
        _ => None,
    };
    let words: Vec<&str> = rustflags.split_whitespace().collect();
    let mut flag = None;
    for (k, w) in words.iter().enumerate() {
        let opt = match *w {
            "-C" | "--codegen" => words.get(k + 1).copied().unwrap_or(""),
            w => w
                .strip_prefix("-C")
                .or_else(|| w.strip_prefix("--codegen="))
                .unwrap_or(""),
        };
        if let Some(v) = opt.strip_prefix("strip=") {
            flag = read(v).or(flag);
        } else if opt == "link-arg=-s" || opt == "link-args=-s" {
            flag = Some(RustStripSetting::Symbols);
        }
    }
    flag.or_else(|| profile.and_then(|v| read(v)))
}

/// The Rust release a base names (`rust:1.70-slim`, `clux/muslrust:1.57.0`), else the
/// one current at the end of the period the estimate is made as of (as base images are
/// looked up); without either, today's.
fn rust_strip_of(image: &str, as_of: Option<&str>) -> RustStrip {
    let by_version = |minor: u32| match minor {
        0..=58 => RustStrip::Never,
        59..=76 => RustStrip::IfCargoTomlSays,
        _ => RustStrip::ByDefault,
    };
    if let Some(r) = sizes::parse_image_ref(image).filter(|r| {
        r.name
            .rsplit('/')
            .next()
            .is_some_and(|n| n.contains("rust"))
    }) {
        let minor = r
            .tag
            .strip_prefix("1.")
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|m| m.parse().ok());
        if let Some(m) = minor {
            return by_version(m);
        }
    }
    let Some(d) = as_of else {
        return RustStrip::ByDefault;
    };
    let d = sizes::base::end_of_period(d);
    if d.as_str() < "2022-02-24" {
        RustStrip::Never
    } else if d.as_str() < "2024-03-21" {
        RustStrip::IfCargoTomlSays
    } else {
        RustStrip::ByDefault
    }
}

/// Python's minor version a `python:3.X…` base names.
fn python_minor_of(image: &str) -> Option<u32> {
    let (name, tag) = image.rsplit_once(':')?;
    // uv's derived images name the Python (`ghcr.io/astral-sh/uv:python3.13-bookworm-slim`).
    let rest = if name.rsplit('/').next() == Some("python") {
        tag.strip_prefix("3.")?
    } else if sizes::parse_image_ref(image).is_some_and(|r| sizes::is_uv_image(&r.name)) {
        tag.split_once("python3.")?.1
    } else {
        return None;
    };
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// `python3 -m venv DIR`, `python3.11 -m venv --without-pip DIR`, `uv venv`, `virtualenv`:
/// Some(with pip, Python minor version named by the program).
fn venv_command(c: &model::Command) -> Option<(bool, Option<u32>)> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    if prog == "uv" && words.get(1) == Some(&"venv") {
        return Some((words.contains(&"--seed"), None));
    }
    if prog == "virtualenv" {
        return Some((!words.contains(&"--no-pip"), None));
    }
    if prog.starts_with("python") && words.get(1) == Some(&"-m") && words.get(2) == Some(&"venv") {
        let minor = prog
            .strip_prefix("python3.")
            .and_then(|m| m.parse::<u32>().ok());
        return Some((!words.contains(&"--without-pip"), minor));
    }
    None
}

/// Well-known files a `COPY --from` takes from a builder image.
fn system_file(path: &str) -> Option<(Fact, &'static str)> {
    match normalise(path).as_str() {
        "/etc/ssl/certs/ca-certificates.crt"
        | "/etc/ssl/cert.pem"
        | "/etc/pki/tls/certs/ca-bundle.crt" => Some((facts::CA_BUNDLE, "CA certificate bundle")),
        // The directory: the bundle, the rest symlinks of a few dozen bytes each.
        "/etc/ssl/certs" | "/etc/ssl/certs/" | "/etc/ssl" => Some((
            facts::CA_BUNDLE,
            "CA certificates directory (its bundle; the other entries are symlinks)",
        )),
        "/etc/passwd" | "/etc/group" => Some((facts::ACCOUNT_FILE, "user/group database")),
        "/usr/share/zoneinfo" | "/usr/share/zoneinfo/" => {
            Some((facts::ZONEINFO, "time-zone database"))
        }
        _ => None,
    }
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

fn copy_layer(
    doc: &Doc,
    ins: &Instruction,
    model: &Model,
    stage: &Stage,
    earlier: &[StageState],
    st: &mut StageState,
    a: &Assumptions,
) -> Layer {
    st.line = ins.start_line;
    let text = doc.text;
    let mut words = match &ins.json {
        Some(v) => v.clone(),
        None => model::shell_words(&ins.args),
    };
    if !ins.heredocs.is_empty() {
        let bytes: u64 = ins.heredocs.iter().map(|h| h.content.len() as u64).sum();
        return layer(
            ins,
            text,
            LayerKind::Files,
            fact(bytes, bytes, bytes),
            "inline heredoc file(s)".into(),
        );
    }
    if words.len() < 2 {
        let mut l = layer(
            ins,
            text,
            LayerKind::Files,
            fact(0, 0, 0),
            "no source and destination".into(),
        );
        l.estimated = false;
        return l;
    }
    // COPY expands the stage's ENV and ARG values in its paths, as a shell would.
    let dest = model::expand(&words.pop().unwrap_or_default(), &st.env);
    let dest_abs = join_path(&st.workdir, &dest);
    let sources: Vec<String> = words.iter().map(|w| model::expand(w, &st.env)).collect();

    if let Some(from) = ins.flag("from") {
        let from = model::expand(from, &st.env);
        let Some(src_stage) = model.stage_ref(&from, stage.index) else {
            // An external image: known files of a few tool images, else unknown.
            if let Some((f, b)) = image_files(&from, &sources) {
                return layer(ins, text, LayerKind::Files, f, b);
            }
            // Files every image holds alike (`COPY --from=alpine /etc/ssl/certs/… /etc/ssl/certs/`).
            let system: Option<Vec<(Fact, &str)>> =
                sources.iter().map(|s| system_file(s)).collect();
            if let Some(files) = system.filter(|v| !v.is_empty()) {
                let f = files.iter().fold(fact(0, 0, 0), |t, (f, _)| add(t, *f));
                let b = sources
                    .iter()
                    .zip(&files)
                    .map(|(s, (f, what))| {
                        format!(
                            "{s} from {from}: {what} {} ({})",
                            fmt_bytes(f.bytes),
                            f.source
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                return layer(ins, text, LayerKind::Files, f, b);
            }
            // The image's whole file system (`COPY --from=alpine:3.20 / /`): its size.
            if !sources.is_empty() && sources.iter().all(|s| s == "/" || s == "/.") {
                if let Some(m) = sizes::parse_image_ref(&from)
                    .and_then(|r| sizes::lookup_base_at(&r, a.as_of.as_deref()))
                {
                    let f = fact(m.bytes, m.low, m.high);
                    let b = format!("the whole file system of {from}: {}", m.basis);
                    return layer(ins, text, LayerKind::Files, f, b);
                }
            }
            let mut l = layer(
                ins,
                text,
                LayerKind::Files,
                fact(0, 0, 0),
                format!("copies from image {from}: contents unknown"),
            );
            l.estimated = false;
            return l;
        };
        // A stage that only names a tool image (`FROM ghcr.io/astral-sh/uv:0.5 AS uv`).
        if src_stage.body.is_empty() {
            if let Some((f, b)) = image_files(&src_stage.from, &sources) {
                return layer(ins, text, LayerKind::Files, f, format!("stage {from}: {b}"));
            }
        }
        let src_state = &earlier[src_stage.index];
        let mut total = fact(0, 0, 0);
        let mut basis = Vec::new();
        let mut unknown = false;
        let mut partial = false;
        for s in &sources {
            // COPY --from paths are relative to the source stage's root.
            let p = normalise(&format!("/{}", s.trim_start_matches('/')));
            let hits: Vec<&Artifact> = src_state
                .artifacts
                .iter()
                .filter(|art| artifact_matches(&art.path, &p))
                .collect();
            if src_state
                .unknown_paths
                .iter()
                .any(|u| artifact_matches(u, &p))
            {
                unknown = true;
                basis.push(format!(
                    "{p} from stage {from} holds dependencies of unknown size"
                ));
            }
            // The folder (or one above it) where a step Slimfile does not model ran.
            let steps: Vec<String> = src_state
                .unknown_outputs
                .iter()
                .filter(|(d, _, _)| model::is_under(d, &p) || model::is_under(&p, d))
                .map(|(d, line, prog)| format!("`{prog}` (line {line}) in {d}"))
                .collect();
            if !steps.is_empty() {
                partial = true;
                // Counted as what is known, as a RUN with an unmodelled command is.
                basis.push(format!(
                    "{p} from stage {from} also holds what {} wrote: not modelled, not counted",
                    steps.join(", ")
                ));
            }
            if !hits.is_empty() {
                let mut either_taken: Vec<usize> = Vec::new();
                for h in hits {
                    if h.either {
                        if either_taken.contains(&h.made_by) {
                            continue;
                        }
                        either_taken.push(h.made_by);
                    }
                    // A folder below the files an artifact stands for (`target/*`, then
                    // `COPY --from target/extracted/dependencies`, Spring Boot's layers):
                    // the parts together are the artifact, counted once.
                    let part = h.path.strip_suffix("/*").is_some_and(|dir| {
                        let parent = p.rsplit_once('/').map(|(x, _)| x).unwrap_or("");
                        parent.starts_with(&format!("{dir}/"))
                    });
                    if part && !st.first_part(format!("{}:{}", src_stage.index, h.path)) {
                        basis.push(format!(
                            "{p} from stage {from}: part of {} ({}), counted with an earlier part",
                            h.path, h.basis
                        ));
                        continue;
                    }
                    total = add(total, h.size);
                    // A folder's contents land in the destination as they were below it
                    // (`COPY --from=build /rails /rails` keeps /rails/tmp/cache/bootsnap).
                    let name = match h
                        .path
                        .strip_prefix(&format!("{}/", p.trim_end_matches('/')))
                    {
                        Some(rest) => join_path(&dest_abs, rest),
                        _ => dest_path_for(&dest_abs, &h.path, sources.len()),
                    };
                    st.add_artifact(Artifact {
                        made_by: 0,
                        either: false,
                        path: name,
                        size: h.size,
                        basis: h.basis.clone(),
                    });
                    basis.push(format!("{} from stage {} ({})", h.path, from, h.basis));
                }
            } else if let Some((f, what)) = system_file(&p) {
                total = add(total, f);
                basis.push(format!("{what} {}: {}", fmt_bytes(f.bytes), f.source));
            } else if let Some((dynamic, linked_static, cxx)) = src_state
                .native_program
                .filter(|_| a.artifact_bytes.is_none())
            {
                // Built by make/cmake/ninja: a C or C++ program, range up to 10 MB. On a base
                // without a libc (or, for C++, without libstdc++) it can only run if it was
                // linked statically.
                let (f, how) = if st.no_libc && dynamic.bytes < linked_static.bytes {
                    (
                        linked_static,
                        "; linked statically, as it must be to run without a libc",
                    )
                } else if cxx && st.no_libstdcxx && dynamic.bytes < linked_static.bytes {
                    (
                        linked_static,
                        "; linked statically, as a C++ program must be to run on a base without libstdc++",
                    )
                } else {
                    (dynamic, "")
                };
                note_default(|x| &mut x.artifact, f.bytes);
                total = add(total, f);
                basis.push(format!(
                    "{p} from stage {from}: a program make built, {} by default ({}){how}",
                    fmt_bytes(f.bytes),
                    f.source
                ));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest_abs.clone(),
                    size: f,
                    basis: "a program built with make".into(),
                });
            } else if let Some(ctx) = src_state.artifacts.iter().find(|art| {
                art.basis.starts_with("build context")
                    && p.strip_prefix(&format!("{}/", art.path))
                        .is_some_and(|rest| !rest.split('/').any(build_output_dir))
            }) {
                // Part of a build context the stage copied (`COPY . .`, then `COPY
                // --from=builder /app/public ./public`): the parts together are at most the
                // whole context, counted once with the first part taken.
                let f = if !st.first_part(format!("{}:{}", src_stage.index, ctx.path)) {
                    basis.push(format!(
                        "{p} from stage {from}: part of the build context copied to {}, counted with an earlier part",
                        ctx.path
                    ));
                    fact(0, 0, 0)
                } else {
                    basis.push(format!(
                        "{p} from stage {from}: part of the build context copied to {}, at most all of it, {} ({})",
                        ctx.path,
                        fmt_bytes(ctx.size.bytes),
                        ctx.basis
                    ));
                    fact(ctx.size.bytes, 0, ctx.size.high)
                };
                total = add(total, f);
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest_abs.clone(),
                    size: f,
                    basis: ctx.basis.clone(),
                });
            } else {
                let (f, src) = assumed(a.artifact_bytes, generic_artifact());
                total = add(total, f);
                unknown = a.artifact_bytes.is_none();
                if unknown {
                    DEFAULTS.with(|d| d.borrow_mut().artifact_unknown = true);
                }
                basis.push(format!(
                    "{p} from stage {from}: not produced by a step Slimfile models; {src}"
                ));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest_abs.clone(),
                    size: f,
                    basis: src.to_string(),
                });
            }
        }
        let mut l = layer(ins, text, LayerKind::Files, total, basis.join("; "));
        l.partial = partial;
        if unknown {
            // Part of what is copied has no size: the layer is unknown, not its known part.
            l.estimated = false;
        }
        return l;
    }

    // From the build context (or URLs for ADD).
    let mut total = fact(0, 0, 0);
    let mut basis = Vec::new();
    let mut small = 0;
    for s in &sources {
        st.copied
            .push(s.rsplit('/').next().unwrap_or(s).to_string());
        if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") {
            let mut l = layer(
                ins,
                text,
                LayerKind::Files,
                fact(0, 0, 0),
                format!("downloads {s}: size unknown until fetched"),
            );
            l.estimated = false;
            return l;
        }
        // What lands where, so a later `COPY --from` of this stage can be sized.
        let into = |name: &str| {
            if sources.len() > 1 || dest.ends_with('/') || dest == "." {
                join_path(&dest_abs, name)
            } else {
                dest_abs.clone()
            }
        };
        let lower_name = s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase();
        // A program built on the host: a jar (`ARG JAR_FILE=target/*.jar`, `COPY ${JAR_FILE}
        // app.jar`, Spring's own guide), or the native executable Quarkus's generated
        // Dockerfile.native copies (`COPY target/*-runner /work/application`).
        let host_built = if lower_name.ends_with("-runner") {
            Some((
                facts::QUARKUS_NATIVE_EXECUTABLE,
                "Quarkus native executable".to_string(),
            ))
        } else if [".jar", ".war", ".ear"]
            .iter()
            .any(|e| lower_name.ends_with(e))
        {
            Some((facts::JAVA_JAR, "jar".to_string()))
        } else if let Some((tfm, rid)) = host_dotnet_publish(s) {
            // A runtime identifier made the publish self-contained before .NET 8; on a base
            // without the .NET runtime it has to be, to run.
            let from = stage.from.to_ascii_lowercase();
            let runtime_base = from.contains("dotnet") && !from.contains("runtime-deps");
            let sc = rid && (tfm.is_some_and(|v| v < 8) || !runtime_base);
            let (f, kind) = dotnet_publish_output(false, sc, false, false, dotnet_web(&doc.lower));
            Some((f, format!("dotnet publish output ({kind})")))
        } else {
            None
        };
        if let Some((default, what)) = host_built {
            let (f, src) = assumed_artifact(a, default);
            total = add(total, f);
            basis.push(format!(
                "{s}: a {what} built outside the image, {} ({src})",
                fmt_bytes(f.bytes)
            ));
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: into(&lower_name),
                size: f,
                basis: format!("{what} ({src})"),
            });
        } else if looks_like_file(s) {
            small += 1;
            total = add(total, facts::SMALL_FILE);
            let name = s.rsplit('/').next().unwrap_or(s);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: into(name),
                size: facts::SMALL_FILE,
                basis: "a file from the build context".into(),
            });
        } else if s.trim_end_matches('/').rsplit('/').next() == Some("node_modules") {
            // The host's installed dependencies, devDependencies included as a plain
            // `npm install` leaves them.
            let (f, b) = dependency_default(
                a,
                "node_modules from the build context",
                doc.node_app.node_modules(false).1,
            );
            total = add(total, f);
            basis.push(b);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: into("node_modules"),
                size: f,
                basis: "node_modules from the build context".into(),
            });
        } else {
            let (f, src) = assumed_context(a, facts::DEFAULT_CONTEXT);
            total = add(total, f);
            basis.push(format!("build context {} ({})", fmt_bytes(f.bytes), src));
            let trimmed = s.trim_end_matches('/');
            let path = if trimmed == "." || trimmed.is_empty() || trimmed.contains('*') {
                dest_abs.clone()
            } else {
                into(trimmed.rsplit('/').next().unwrap_or(trimmed))
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path,
                size: f,
                basis: format!("build context ({src})"),
            });
        }
    }
    if small > 0 {
        basis.insert(
            0,
            format!(
                "{small} named file(s), {} each ({})",
                fmt_bytes(facts::SMALL_FILE.bytes),
                facts::SMALL_FILE.source
            ),
        );
    }
    layer(ins, text, LayerKind::Files, total, basis.join("; "))
}

/// Whether copying `src` takes the artifact at `art` (`dir/*` stands for an unknown file name).
fn artifact_matches(art: &str, src: &str) -> bool {
    path_matches(art, src)
        // Images that preset Cargo's target (rust-musl-builder, muslrust: `.cargo/config`)
        // put `cargo build --release` output under target/<triple>/release.
        || strip_cargo_triple(src).is_some_and(|s| path_matches(art, &s))
}

/// `/app/target/x86_64-unknown-linux-musl/release/x` → `/app/target/release/x`.
fn strip_cargo_triple(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let i = parts.iter().position(|p| *p == "target")?;
    let (triple, profile) = (parts.get(i + 1)?, parts.get(i + 2)?);
    if triple.matches('-').count() >= 2 && matches!(*profile, "release" | "debug") {
        let mut out = parts.clone();
        out.remove(i + 1);
        Some(out.join("/"))
    } else {
        None
    }
}

fn path_matches(art: &str, src: &str) -> bool {
    let src_dir = src.trim_end_matches('/');
    if let Some(dir) = art.strip_suffix("/*") {
        let parent = src_dir.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        return parent == dir
            || src_dir == dir
            || src_dir.starts_with(&format!("{dir}/"))
            || dir.starts_with(&format!("{src_dir}/"))
            || src_dir.is_empty();
    }
    art == src || art.starts_with(&format!("{src_dir}/")) || src_dir.is_empty()
}

fn dest_path_for(dest_abs: &str, src_path: &str, n_sources: usize) -> String {
    if n_sources == 1 && !dest_abs.ends_with('/') {
        dest_abs.to_string()
    } else {
        let name = src_path.rsplit('/').next().unwrap_or("");
        join_path(dest_abs, name)
    }
}

/// A RUN that downloads CPython's release tarball from python.org and runs `make install`
/// (docker-library/python's pattern), and deletes the tarball and the source tree as that
/// does: the version, from the tarball's name or $PYTHON_VERSION.
fn cpython_source_build(cmds: &[model::Command], env: &BTreeMap<String, String>) -> Option<String> {
    let url = cmds
        .iter()
        .filter_map(|c| model::download(&c.argv))
        .map(|(u, _)| model::expand(&u, env))
        .find(|u| u.contains("python.org/ftp/python/") && u.contains(".tar"))?;
    let installs = cmds.iter().any(|c| {
        c.program().rsplit('/').next() == Some("make")
            && c.argv.iter().any(|w| w == "install" || w == "altinstall")
    });
    // What it leaves besides the install (the tarball, the source tree) is not modelled:
    // only the pattern that deletes them is taken.
    let cleans = cmds.iter().filter(|c| c.is("rm", &[])).any(|c| {
        c.argv
            .iter()
            .any(|w| w.contains("/usr/src/python") || w.contains("Python-"))
    });
    if !installs || !cleans {
        return None;
    }
    let from_name = url
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_prefix("Python-"))
        .and_then(|f| f.split(".tar").next())
        .filter(|v| v.starts_with("3.") && !v.contains('$'));
    from_name
        .map(str::to_string)
        .or_else(|| env.get("PYTHON_VERSION").cloned())
        .or_else(|| Some("3".to_string()))
}

/// The locales `locale-gen [NAME…]`, `localedef … NAME` or `dpkg-reconfigure locales`
/// compiles: the names given, else those a `sed` of /etc/locale.gen in the same RUN
/// uncomments (none found: what locale.gen already lists). Names as glibc normalises them
/// (`en_US.utf8` is `en_US.UTF-8`).
fn locales_compiled(c: &model::Command, cmds: &[model::Command]) -> Option<Vec<String>> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let names = |args: &[String]| -> Vec<String> {
        args.iter()
            .filter(|w| !w.starts_with(['-', '/']))
            .filter_map(|w| {
                // The first word shaped `ll_CC…` in the argument (`s/# de_DE.UTF-8/…/`).
                w.split(|ch: char| !(ch.is_ascii_alphanumeric() || "_.-@".contains(ch)))
                    .find(|t| {
                        let b = t.as_bytes();
                        b.len() >= 5 && b[2] == b'_' && b[..2].iter().all(u8::is_ascii_lowercase)
                    })
            })
            .map(|t| t.to_ascii_lowercase().replace("utf-8", "utf8"))
            .collect()
    };
    let from_sed = || -> Vec<String> {
        // `sed -i 's/# de_DE…/de_DE…/' /etc/locale.gen`, `echo 'en_US.UTF-8 UTF-8' >>
        // /etc/locale.gen`.
        cmds.iter()
            .filter(|o| {
                matches!(o.program(), "sed" | "echo" | "printf")
                    && o.argv.iter().any(|w| w.ends_with("locale.gen"))
            })
            .flat_map(|o| names(o.words().get(1..).unwrap_or_default()))
            .collect()
    };
    match prog {
        "locale-gen" => {
            let n = names(c.words().get(1..).unwrap_or_default());
            Some(if n.is_empty() { from_sed() } else { n })
        }
        // `localedef -i en_US -c -f UTF-8 -A /usr/share/locale/locale.alias en_US.UTF-8`
        "localedef"
            if c.argv
                .iter()
                .any(|w| w == "-i" || w.starts_with("--inputfile")) =>
        {
            let n = names(
                c.words()
                    .last()
                    .map(std::slice::from_ref)
                    .unwrap_or_default(),
            );
            Some(if n.is_empty() {
                vec!["localedef".into()]
            } else {
                n
            })
        }
        "dpkg-reconfigure" if c.argv.iter().any(|w| w == "locales") => Some(from_sed()),
        _ => None,
    }
}

/// `gem install NAME… [-v V] [--no-document]`: the gems named (None for anything else,
/// such as `gem install --file Gemfile` or `gem update --system`).
fn gem_install(c: &model::Command) -> Option<Vec<String>> {
    if !c.is("gem", &["install"]) {
        return None;
    }
    let mut names = Vec::new();
    let mut words = c.words().iter().skip(2);
    while let Some(w) = words.next() {
        match w.as_str() {
            "-v" | "--version" | "-i" | "--install-dir" | "-n" | "--bindir" | "--source" | "-s"
            | "--platform" | "-P" | "--trust-policy" | "--build-root" | "-p" | "--http-proxy"
            | "--config-file" => {
                words.next();
            }
            "-g" | "--file" => return None,
            w if w.starts_with('-') => {}
            // `rails:7.1.0`, `'rails:~> 7.1'`: the name before the version.
            w => names.push(
                w.trim_matches(['\'', '"'])
                    .split(':')
                    .next()
                    .unwrap_or(w)
                    .to_string(),
            ),
        }
    }
    names.retain(|n| !n.is_empty() && !n.contains(['>', '<', '=', '~']));
    (!names.is_empty()).then_some(names)
}

/// The folders Spring Boot's layered jar extracts to, in its default layers.idx order.
const SPRING_BOOT_LAYERS: [&str; 4] = [
    "dependencies",
    "spring-boot-loader",
    "snapshot-dependencies",
    "application",
];

/// `java -Djarmode=layertools -jar app.jar extract` (Spring Boot 2.3–3.2) or
/// `java -Djarmode=tools -jar app.jar extract [--layers] [--launcher]` (3.3+).
struct SpringBootExtract {
    mode: &'static str,
    jar: String,
    /// Relative to the working directory, or absolute.
    destination: String,
    /// The four layer folders (layertools always; tools with `--layers`), or the jar and
    /// its lib/ (tools without).
    layers: bool,
}

fn spring_boot_extract(c: &model::Command) -> Option<SpringBootExtract> {
    if c.program().rsplit('/').next() != Some("java") {
        return None;
    }
    let args = &c.argv[1..];
    let mode = args.iter().find_map(|w| match w.as_str() {
        "-Djarmode=layertools" => Some("layertools"),
        "-Djarmode=tools" => Some("tools"),
        _ => None,
    })?;
    let k = args.iter().position(|w| w == "-jar")?;
    let jar = args.get(k + 1)?.clone();
    if args.get(k + 2).map(String::as_str) != Some("extract") {
        return None;
    }
    let rest = &args[k + 3..];
    let destination = c.option(&["--destination"]).map(str::to_string);
    let layers = mode == "layertools" || rest.iter().any(|w| w.starts_with("--layers"));
    // tools extracts into a folder named after the jar unless told otherwise.
    let destination = destination.unwrap_or_else(|| {
        if mode == "layertools" {
            ".".to_string()
        } else {
            let name = jar.rsplit('/').next().unwrap_or(&jar);
            name.strip_suffix(".jar").unwrap_or(name).to_string()
        }
    });
    Some(SpringBootExtract {
        mode,
        jar,
        destination,
        layers,
    })
}

/// A copied build output nobody modelled: unknown, so the range is wide.
fn generic_artifact() -> Fact {
    Fact {
        bytes: 0,
        low: 0,
        high: 0,
        source: "unknown: set the artifact size under Assumptions",
    }
}

fn looks_like_file(s: &str) -> bool {
    let name = s.trim_end_matches('/').rsplit('/').next().unwrap_or(s);
    if s.ends_with('/') || name == "." || name == ".." || name == "*" {
        return false;
    }
    // `package*.json`, `*.csproj`, `Gemfile*`, `yarn.lock*`: a few named files, not a folder.
    if name.contains('*') {
        let stem = name.trim_end_matches('*');
        return name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| !ext.is_empty() && !ext.contains('*'))
            || (!stem.contains('*') && !stem.is_empty() && looks_like_file(stem));
    }
    name.contains('.')
        || matches!(
            name,
            "Gemfile"
                | "Makefile"
                | "Dockerfile"
                | "Pipfile"
                | "Cargo"
                | "LICENSE"
                | "go.mod"
                | "go.sum"
        )
}

/// The absolute paths an `rm` removes (`rm -rf node_modules ~/.npm /tmp/*`), resolved as the
/// shell would from the working directory and the stage's ENV; none for another command or
/// an argument with an unknown variable.
fn rm_targets(c: &model::Command, workdir: &str, env: &BTreeMap<String, String>) -> Vec<String> {
    if !c.is("rm", &[]) {
        return Vec::new();
    }
    c.argv
        .iter()
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .filter_map(|w| {
            let w = w
                .strip_prefix('~')
                .or_else(|| w.strip_prefix("$HOME"))
                .map(|rest| format!("/root{rest}"))
                .unwrap_or_else(|| w.to_string());
            let expanded = model::expand(&w, env);
            if expanded.is_empty() {
                return None;
            }
            let w = join_path(workdir, &expanded);
            let w = w.trim_end_matches('*').trim_end_matches('/');
            (!w.is_empty()).then(|| w.to_string())
        })
        .collect()
}

fn run_layer(doc: &Doc, ins: &Instruction, st: &mut StageState, a: &Assumptions) -> Layer {
    st.line = ins.start_line;
    let text = doc.text;
    let script = model::expand_known(&model::run_script(ins), &st.env);
    let cmds = model::commands(&script);
    let mounts = mount_options(ins);
    // A cache mount whose target path contains `needle` (`target=/root/.cache/pip`).
    let cache_mounted = |needle: &str| {
        mounts.iter().any(|m| {
            m.iter().any(|&(k, v)| k == "type" && v == "cache")
                && m.iter().any(|&(k, v)| {
                    matches!(k, "target" | "dst" | "destination") && v.contains(needle)
                })
        })
    };
    // A cache the same RUN deletes (`rm -rf /root/.cache/pip`, `rm -rf ~/.npm`) is not
    // left in the layer.
    // Relative and `$VAR` paths resolve as the shell would (WORKDIR, the stage's ENV).
    // Each command's `rm` paths, read once.
    let rm_paths: Vec<Vec<String>> = cmds
        .iter()
        .map(|o| rm_targets(o, &st.workdir, &st.env))
        .collect();
    let removed = |path: &str| rm_paths.iter().flatten().any(|w| model::is_under(path, w));
    // Files bind-mounted from the build context (`--mount=type=bind,source=Cargo.lock`, as
    // docker init's templates do) tell what the project holds, as a COPY of them would.
    for m in &mounts {
        let kv = |key: &str| m.iter().find(|(k, _)| *k == key).map(|&(_, v)| v);
        if kv("type").is_none_or(|t| t == "bind") && kv("from").is_none() {
            if let Some(src) = kv("source").or_else(|| kv("src")) {
                let name = src.trim_end_matches('/').rsplit('/').next().unwrap_or(src);
                if !name.is_empty() && name != "." && !st.copied.iter().any(|c| c == name) {
                    st.copied.push(name.to_string());
                }
            }
        }
    }
    // A `git clone` brings the project's whole tree (its go.sum, Cargo.lock…), as `COPY . .`
    // would.
    if cmds.iter().any(|c| c.is("git", &["clone"])) && !st.copied.iter().any(|c| c == ".") {
        st.copied.push(".".into());
    }
    let earlier_artifacts = st.artifacts.len();
    let mut total = fact(0, 0, 0);
    let mut basis: Vec<String> = Vec::new();
    let mut modelled = 0usize;
    let mut unknown: Vec<String> = Vec::new();
    let mut go_cache_counted = false;
    let mut apt = AptStep {
        showmanual: script.contains("apt-mark showmanual"),
        ldd: cmds.iter().any(|c| c.argv.iter().any(|w| w == "ldd")),
        ..Default::default()
    };
    let mut apk = ApkStep::default();
    let mut apk_unknown = false;
    // The locale archive this RUN wrote, and where its basis is: written once per layer.
    let mut locale_here: Option<(Fact, usize)> = None;
    // The default node_modules (production, with devDependencies) this RUN installed with
    // its devDependencies: a prune can take them out.
    let mut dev_default_here: Option<(Fact, Fact)> = None;
    let mut unknown_deps = false;
    // A virtualenv `source …/bin/activate` switched on earlier in this RUN.
    let mut activated: Option<String> = None;
    // Toolchain releases downloaded in this RUN, each until a `tar` unpacks it.
    let mut downloads: Vec<Download> = Vec::new();
    // An installer script was downloaded in this RUN; the shell after it runs it.
    let mut script_here = false;
    // CPython built from python.org's release tarball and installed (docker-library/python).
    let cpython = cpython_source_build(&cmds, &st.env);
    for (c, gone) in cmds.iter().zip(&rm_paths) {
        // What an earlier step built and this `rm` deletes is no longer there for a later
        // `COPY --from` (the layers still hold it). In order: `rm -rf dist && npm run build`
        // keeps the new build.
        if !gone.is_empty() {
            st.artifacts
                .retain(|art| !gone.iter().any(|w| model::is_under(&art.path, w)));
        }
        let mut env = st.env.clone();
        if let Some(v) = &activated {
            env.insert("VIRTUAL_ENV".into(), v.clone());
        }
        env.extend(c.env.iter().cloned());
        // How pip, uv and Composer read a yes/no environment variable.
        let set = |k: &str| {
            env.get(k)
                .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
        };
        if prints_version(c) {
            // `mvn -v`, `go version`: no build, whatever the tool.
            continue;
        }
        if let Some(version) = &cpython {
            let prog = c.program().rsplit('/').next().unwrap_or("");
            let from_python_org =
                model::download(&c.argv).is_some_and(|(u, _)| u.contains("python.org/ftp/python/"));
            // Its download, unpacking, configure and make steps.
            if from_python_org || prog == "tar" || prog == "configure" || prog == "make" {
                modelled += 1;
                if prog == "make" && c.argv.iter().any(|w| w == "install" || w == "altinstall") {
                    let minor: Option<u32> = version.split('.').nth(1).and_then(|m| m.parse().ok());
                    let (f, measured) = facts::cpython_install(minor.unwrap_or(13));
                    total = add(total, f);
                    basis.push(format!(
                        "CPython {version} built from python.org's source and installed in /usr/local: {}{} ({}; range: the spread of the python:3.10–3.13-slim-bookworm images)",
                        fmt_bytes(f.bytes),
                        match minor {
                            Some(m) if m == measured => String::new(),
                            Some(m) => format!(", 3.{measured}'s install standing in for 3.{m}'s"),
                            None => format!(", 3.{measured}'s install"),
                        },
                        f.source
                    ));
                    if let Some(m) = minor {
                        st.python_minor = Some(m);
                    }
                    st.add_artifact(Artifact {
                        made_by: 0,
                        either: false,
                        path: "/usr/local/lib".into(),
                        size: f,
                        basis: format!("CPython {version} ({})", f.source),
                    });
                }
                continue;
            }
        }
        if matches!(c.program(), "source" | ".") {
            if let Some(venv) = c.argv.get(1).and_then(|a| a.strip_suffix("/bin/activate")) {
                modelled += 1;
                activated = Some(join_path(&st.workdir, venv));
                continue;
            }
            if c.argv.get(1).is_some_and(|a| a.ends_with("nvm.sh")) {
                // Loads nvm's shell functions: writes nothing.
                modelled += 1;
                continue;
            }
        }
        if c.program() == "nvm" {
            match c.argv.get(1).map(String::as_str) {
                Some("install") => {
                    modelled += 1;
                    let (f, b) = nvm_install(c, &cmds);
                    total = add(total, f);
                    basis.push(b);
                }
                // Switching versions, aliases, the cache and listings write a few bytes.
                Some(
                    "use" | "alias" | "unalias" | "cache" | "ls" | "list" | "current" | "which"
                    | "version" | "--version",
                ) => {
                    modelled += 1;
                }
                _ => unknown.push("nvm".into()),
            }
            continue;
        }
        if apt_command(c, &mut apt) {
            modelled += 1;
            continue;
        }
        if st.musl && apk_command(c, &mut apk) {
            modelled += 1;
            continue;
        }
        if let Some((with_pip, minor)) = venv_command(c) {
            modelled += 1;
            let (f, what) = if with_pip {
                venv_with_pip(minor.or(st.python_minor))
            } else {
                (
                    facts::VENV_WITHOUT_PIP,
                    format!(
                        "virtualenv without pip: {} ({})",
                        fmt_bytes(facts::VENV_WITHOUT_PIP.bytes),
                        facts::VENV_WITHOUT_PIP.source
                    ),
                )
            };
            total = add(total, f);
            // Where it is: the first path after `venv` (`python -m venv /opt/venv`, `uv venv`,
            // which defaults to .venv) or after `virtualenv`; COPY --from takes it whole.
            let after = c
                .argv
                .iter()
                .position(|w| w == "venv" || w.ends_with("virtualenv"))
                .map_or(0, |i| i + 1);
            let dir = c
                .argv
                .iter()
                .skip(after)
                .find(|w| !w.starts_with('-'))
                .map_or(".venv", String::as_str);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: join_path(&st.workdir, dir),
                size: f,
                basis: "a virtualenv created in this stage".into(),
            });
            basis.push(what);
            continue;
        }
        if let Some(PipInstall {
            reqs,
            files,
            no_cache,
            installer,
            lock,
        }) = pip_install(c)
        {
            modelled += 1;
            let no_cache = no_cache || removed("/root/.cache/pip") || set("PIP_NO_CACHE_DIR");
            let inst = sizes::pip::install(&reqs, &st.pip, a.as_of.as_deref());
            st.pip.extend(inst.packages.iter().copied());
            let uv = installer == PyInstaller::Uv;
            // Poetry's installer compiles nothing unless --compile since 1.4 (2023-02).
            let poetry_quiet = installer == PyInstaller::Poetry
                && !c.argv.iter().any(|w| w == "--compile")
                && a.as_of.as_deref().is_none_or(|d| d >= "2023-03");
            let no_pyc = if uv {
                let asked = c
                    .argv
                    .iter()
                    .any(|w| w == "--compile-bytecode" || w == "--compile")
                    || set("UV_COMPILE_BYTECODE");
                (!asked).then_some("uv compiles no bytecode unless asked: --compile-bytecode or UV_COMPILE_BYTECODE=1")
            } else if poetry_quiet {
                Some("Poetry's installer compiles no bytecode unless --compile, since Poetry 1.4")
            } else {
                c.argv
                    .iter()
                    .any(|w| w == "--no-compile")
                    .then_some("--no-compile")
            };
            let (mut f, installed) = pip_installed(&inst, st.python_minor, no_pyc);
            // Only requirement files or a project, no names: their clauses say it all.
            let unnamed = lock.is_none()
                && inst.packages.is_empty()
                && (!files.is_empty() || !inst.unknown.is_empty());
            let mut what = if let Some(l) = lock {
                format!(
                    "{} from {l}",
                    c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
                )
            } else if unnamed {
                String::new()
            } else {
                format!(
                    "pip: {} package(s){} — {installed}",
                    inst.packages.len(),
                    if inst.packages.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ": {}",
                            inst.packages
                                .iter()
                                .take(6)
                                .copied()
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                )
            };
            // `uv sync` installs into the project's .venv (or UV_PROJECT_ENVIRONMENT).
            let dest = if c.is("uv", &["sync"]) {
                let d = env
                    .get("UV_PROJECT_ENVIRONMENT")
                    .filter(|v| !v.is_empty())
                    .map_or(".venv", String::as_str);
                join_path(&st.workdir, d)
            } else {
                pip_destination(c, &env)
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: dest,
                size: f,
                basis: "Python packages installed in this stage".into(),
            });
            // uv's cache, when it stays in this layer.
            let uv_dir = c
                .argv
                .windows(2)
                .find(|w| w[0] == "--cache-dir")
                .map(|w| w[1].clone())
                .or_else(|| env.get("UV_CACHE_DIR").cloned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "/root/.cache/uv".to_string());
            let uv_cache = uv
                && !c.argv.iter().any(|w| w == "--no-cache" || w == "-n")
                && !set("UV_NO_CACHE")
                && !removed(&uv_dir)
                && !cmds.iter().any(|o| o.is("uv", &["cache", "clean"]))
                && !cache_mounted(uv_dir.trim_start_matches("/root/"));
            // With copies instead of hard links the cache keeps a second copy of the files.
            let uv_copies = c
                .argv
                .windows(2)
                .any(|w| w[0] == "--link-mode" && w[1] == "copy")
                || c.argv.iter().any(|w| w == "--link-mode=copy")
                || env.get("UV_LINK_MODE").is_some_and(|v| v == "copy");
            if uv {
                if uv_cache && !inst.packages.is_empty() {
                    let k = facts::UV_CACHE_PER_PACKAGE;
                    let c = times(k, inst.packages.len() as u64);
                    f = add(f, c);
                    what.push_str(&format!(
                        "; uv's cache keeps the package indexes{}: +{} ({})",
                        if uv_copies {
                            ""
                        } else {
                            " (its unpacked files are hard links to the installed ones)"
                        },
                        fmt_bytes(c.bytes),
                        k.source
                    ));
                    if uv_copies {
                        let u = inst.unpacked;
                        f = add(f, fact(u, u, u));
                        what.push_str(&format!(
                            "; with --link-mode copy it keeps its own copy of the files too: +{}",
                            fmt_bytes(u)
                        ));
                    }
                }
            } else if !no_cache && !cache_mounted(".cache/pip") && inst.wheels > 0 {
                f = add(f, fact(inst.wheels, inst.wheels, inst.wheels * 2));
                what.push_str(&format!(
                    "; pip cache keeps the wheels: +{}",
                    fmt_bytes(inst.wheels)
                ));
            }
            // `pip install .` / `-e .`: a local project, installed with its dependencies.
            let is_project = |x: &str| {
                lock.is_none()
                    && (x == "." || x.starts_with("./") || x.starts_with('/'))
                    && !x.ends_with(".whl")
                    && !c
                        .argv
                        .windows(2)
                        .any(|p| p[1] == x && matches!(p[0].as_str(), "-r" | "--requirement"))
            };
            let project = files.iter().any(|x| is_project(x));
            if !files.is_empty() || !inst.unknown.is_empty() {
                let named: Vec<String> =
                    files
                        .iter()
                        .map(|x| {
                            if lock.is_some() {
                                x.clone()
                            } else if is_project(x) {
                                format!("the project {x} and its dependencies")
                            } else if c.argv.windows(2).any(|p| {
                                p[1] == *x && matches!(p[0].as_str(), "-r" | "--requirement")
                            }) {
                                format!("-r {x}")
                            } else {
                                x.clone()
                            }
                        })
                        .chain(inst.unknown.iter().cloned())
                        .collect();
                // Poetry keeps its virtualenv under its cache dir: deleting that in the same
                // RUN deletes the installed packages with it.
                let venv_removed = c
                    .is("poetry", &["install"])
                    .then(|| poetry_venv_dir(&env))
                    .flatten()
                    .filter(|d| removed(d));
                match a.dependencies_bytes {
                    _ if venv_removed.is_some() => {
                        what.push_str(&format!(
                            "; Poetry's virtualenv is in {}, which this RUN deletes: the packages go with it (set POETRY_VIRTUALENVS_CREATE=false or POETRY_VIRTUALENVS_IN_PROJECT=true to keep them)",
                            venv_removed.unwrap_or_default()
                        ));
                    }
                    Some(b) => {
                        f = add(f, fact(b, b, b));
                        what.push_str(&format!(
                            "; {}: {} {YOUR_ASSUMPTION}",
                            named.join(" "),
                            fmt_bytes(b)
                        ));
                    }
                    None if !st.pip_default
                        && (c.argv.iter().any(|w| w == "-r" || w == "--requirement")
                            || project
                            || lockfile_install(c).is_some()) =>
                    {
                        st.pip_default = true;
                        // A requirements file Slimfile cannot see: a typical app's, stated
                        // as a default the user can replace.
                        let (d, wheels, starter) = pip_defaults(&doc.lower);
                        // The starters were measured with pip, .pyc included: an installer
                        // that compiles none takes their files' share.
                        let of = |names: &[&str]| {
                            sizes::pip::install(
                                &names.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                                &Default::default(),
                                None,
                            )
                        };
                        let share = |s: &sizes::pip::Install| {
                            (s.unpacked * 1000)
                                .checked_div(s.unpacked + s.pyc)
                                .unwrap_or(1000)
                        };
                        let s = of(starter);
                        let files_share = share(&s);
                        // The range runs from the Flask starter to the Django one.
                        let d = match no_pyc {
                            Some(_) => Fact {
                                source: d.source,
                                ..scaled(
                                    d,
                                    fact(
                                        files_share,
                                        share(&of(&["flask", "gunicorn"])),
                                        share(&of(&["django", "gunicorn", "psycopg2-binary"])),
                                    ),
                                )
                            },
                            None => d,
                        };
                        // uv, Poetry and PDM install the dev group too, when there is one:
                        // most projects have none, so it only widens the range.
                        let dev = installs_dev_group(c, &env).then_some(facts::PY_DEV_GROUP);
                        let d = Fact {
                            low: d.low.min(d.bytes),
                            high: d.high.max(d.bytes) + dev.map_or(0, |g| g.high),
                            ..d
                        };
                        note_default(|x| &mut x.dependencies, d.bytes);
                        f = add(f, d);
                        if let Some(art) = st.artifacts.last_mut() {
                            art.size = add(art.size, d);
                        }
                        what.push_str(&format!(
                            "; {}: {} by default, range {}–{} ({}{}; {DEPS_HINT}){}{}",
                            named.join(" "),
                            fmt_bytes(d.bytes),
                            fmt_bytes(d.low),
                            fmt_bytes(d.high),
                            d.source,
                            match no_pyc {
                                Some(_) => format!(
                                    ", without its .pyc: ×{} (its wheels' files against files and .pyc, data/pip/wheels.tsv)",
                                    decimal(files_share, 1000, 2)
                                ),
                                None => String::new(),
                            },
                            match dev {
                                Some(g) => format!(
                                    "; the range's top adds a dev group, which {} installs unless told not to, up to {} ({})",
                                    c.argv.first().map_or("it", String::as_str),
                                    fmt_bytes(g.high),
                                    g.source
                                ),
                                None => String::new(),
                            },
                            if inst.unknown.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    "; not in the PyPI table, counted in that default: {}",
                                    inst.unknown.join(" ")
                                )
                            }
                        ));
                        // pip's own cache, or uv's; Poetry keeps its own in a form not
                        // measured here.
                        if uv_cache {
                            let k = facts::UV_CACHE_PER_PACKAGE;
                            let n = s.packages.len() as u64;
                            let c = times(k, n);
                            f = add(f, c);
                            what.push_str(&format!(
                                "; uv's cache keeps the package indexes of the starter's {n} packages: +{} ({})",
                                fmt_bytes(c.bytes),
                                k.source
                            ));
                        } else if !uv && lock.is_none() && !no_cache && !cache_mounted(".cache/pip")
                        {
                            let w = wheels;
                            f = add(f, w);
                            what.push_str(&format!(
                                "; pip cache keeps their wheels: +{} ({})",
                                fmt_bytes(w.bytes),
                                w.source
                            ));
                        }
                    }
                    // The same lock file again (deps first, then the project): its
                    // dependencies are in the earlier layer; this one adds the project.
                    None if lock.is_some() && st.pip_default => {
                        what.push_str(&format!(
                            "; {}: its dependencies were counted in an earlier step (the default there), this one adds the project itself",
                            named.join(" ")
                        ));
                    }
                    None => {
                        unknown_deps = true;
                        DEFAULTS.with(|d| d.borrow_mut().dependencies_unknown = true);
                        what.push_str(&format!("; {}: {UNKNOWN_DEPS}", named.join(" ")));
                        st.unknown_paths.push(pip_destination(c, &env));
                    }
                }
            }
            total = add(total, f);
            basis.push(if unnamed {
                let prog = if uv { "uv pip install" } else { "pip install" };
                format!("{prog} {}", what.trim_start_matches("; "))
            } else {
                what
            });
            continue;
        }
        if c.is("npm", &["prune"])
            && c.argv
                .iter()
                .any(|w| w == "--production" || w == "--omit=dev" || w == "--prod")
        {
            // devDependencies go: in this RUN, the default's dev part never lands; for a
            // later COPY --from, node_modules is the production tree.
            modelled += 1;
            // The default this RUN installed, else one an earlier step may have (npm's or
            // yarn 1's).
            let app = doc.node_app;
            let pairs = match dev_default_here {
                Some(p) => vec![p],
                None => vec![app.node_modules(false), app.node_modules(true)],
            };
            let (prod, dev) = pairs[0];
            if dev_default_here.is_some() {
                total = fact(
                    total.bytes.saturating_sub(dev.bytes - prod.bytes),
                    total.low.saturating_sub(dev.low.saturating_sub(prod.low)),
                    total.high.saturating_sub(dev.high - prod.high),
                );
                basis.push(format!(
                    "npm prune: production tree only, {}",
                    fmt_bytes(prod.bytes)
                ));
            } else {
                basis.push("npm prune: the earlier layer keeps the devDependencies".into());
            }
            if let Some((art, prod)) = st.artifacts.iter_mut().rev().find_map(|x| {
                let (prod, _) = pairs.iter().find(|(_, dev)| x.size.bytes == dev.bytes)?;
                x.path.ends_with("/node_modules").then_some((x, *prod))
            }) {
                art.size = prod;
            }
            continue;
        }
        if let Some((specs, global, omit_dev)) = npm_install(c) {
            modelled += 1;
            let yarn = c.program().ends_with("yarn");
            // Yarn 2+ reads the libc field and fetches this platform's packages only; yarn 1
            // installs every Linux build and caches every platform's.
            let berry = yarn && doc.yarn_berry;
            let cache_cleaned = removed("/root/.npm")
                || cmds
                    .iter()
                    .any(|o| o.is("npm", &["cache", "clean"]) || o.is("yarn", &["cache", "clean"]));
            let mut f;
            let mut what;
            if specs.is_empty() {
                // NODE_ENV=production makes npm, yarn and pnpm leave devDependencies out.
                let omit_dev = omit_dev
                    || env
                        .get("NODE_ENV")
                        .is_some_and(|v| v.trim_matches('"') == "production");
                let dev = if omit_dev {
                    " without devDependencies"
                } else {
                    " with its devDependencies"
                };
                // package.json is the user's: a typical app's node_modules, stated as a
                // default the user can replace.
                let (prod, with_dev) = doc.node_app.node_modules(yarn && !berry);
                let d = if omit_dev { prod } else { with_dev };
                if !omit_dev && a.dependencies_bytes.is_none() {
                    dev_default_here = Some((prod, with_dev));
                }
                (f, what) =
                    dependency_default(a, &format!("node_modules from package.json{dev}"), d);
            } else {
                let inst = sizes::npm::install(&specs, &st.npm);
                st.npm.extend(inst.packages.iter().copied());
                f = fact(
                    inst.installed,
                    inst.installed * 9 / 10,
                    inst.installed * 12 / 10,
                );
                what = format!(
                    "npm: {} package(s){} {}{}",
                    inst.packages.len(),
                    if global { " installed globally" } else { "" },
                    fmt_bytes(inst.installed),
                    if inst.unknown.is_empty() {
                        String::new()
                    } else {
                        format!("; not in the npm table: {}", inst.unknown.join(" "))
                    }
                );
                if !inst.unknown.is_empty() {
                    match a.dependencies_bytes {
                        Some(b) => {
                            f = add(f, fact(b, b, b));
                            what.push_str(&format!(" (+{}: your assumption)", fmt_bytes(b)));
                        }
                        None => {
                            unknown_deps = true;
                            DEFAULTS.with(|d| d.borrow_mut().dependencies_unknown = true);
                            what.push_str(&format!(" ({UNKNOWN_DEPS})"));
                        }
                    }
                }
            }
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: if global {
                    "/usr/local/lib/node_modules".to_string()
                } else {
                    join_path(&st.workdir, "node_modules")
                },
                size: f,
                basis: "node_modules installed in this stage".into(),
            });
            if f.bytes > 0 && !cache_cleaned && !cache_mounted(".npm") && !cache_mounted("yarn") {
                // pnpm's store hard-links into node_modules: only its index and the files
                // not linked add to the layer. npm's and yarn's caches are copies.
                let (k, per_mille, label) = if c.program().ends_with("pnpm") {
                    let k = facts::PNPM_STORE_EXTRA_PER_INSTALLED;
                    (k, k.bytes, "pnpm store beyond its hard links")
                } else {
                    let k = facts::NPM_CACHE_PER_INSTALLED;
                    let label = if yarn {
                        "yarn cache kept"
                    } else {
                        "npm cache kept in ~/.npm"
                    };
                    (k, facts::npm_cache_per_installed(f.bytes), label)
                };
                let yarn_default =
                    (yarn && !berry && specs.is_empty() && a.dependencies_bytes.is_none())
                        .then(|| doc.node_app.yarn_cache(a.as_of.as_deref()));
                let (c, source) = match yarn_default {
                    // yarn 1 caches the whole lock file: the measured cache of that kind of app.
                    Some(y) => (y, y.source),
                    // Berry: a zip of each package, this platform's only.
                    None if berry => {
                        let k = facts::YARN_BERRY_CACHE_PER_INSTALLED;
                        (scaled(f, k), k.source)
                    }
                    None => (
                        fact(
                            f.bytes * per_mille / 1000,
                            f.low * k.low / 1000,
                            f.high * k.high / 1000,
                        ),
                        k.source,
                    ),
                };
                what.push_str(&format!("; {label}: +{} ({source})", fmt_bytes(c.bytes)));
                f = add(f, c);
            }
            total = add(total, f);
            basis.push(what);
            continue;
        }
        if c.is("strip", &[]) {
            // `strip FILE` writes the binary again without its symbols: the new copy is in
            // this layer, and a later COPY --from takes the stripped size.
            let mut stripped = Vec::new();
            for w in c.argv.iter().skip(1).filter(|w| !w.starts_with('-')) {
                let file = join_path(&st.workdir, &model::expand(w, &env));
                let Some(i) = st
                    .artifacts
                    .iter()
                    .rposition(|x| artifact_matches(&x.path, &file))
                else {
                    continue;
                };
                let art = &mut st.artifacts[i];
                if art.basis.contains(", stripped") {
                    stripped.push(format!("strip {file}: without symbols already"));
                    continue;
                }
                let Some((minus, num, den, what)) = strip_ratio(&art.basis) else {
                    continue;
                };
                let s = art.size;
                let share = |b: u64| strip_kept(b, minus, num, den);
                let f = Fact {
                    bytes: share(s.bytes),
                    low: share(s.low),
                    high: s.high,
                    source: s.source,
                };
                total = rewrite_artifact(st, i, &file, f, "stripped", total);
                stripped.push(format!(
                    "strip {file}: {} without symbols ({what})",
                    fmt_bytes(f.bytes)
                ));
            }
            if !stripped.is_empty() {
                modelled += 1;
                basis.extend(stripped);
                continue;
            }
        }
        // `upx -t/-l/-d/-V`: tests, lists, unpacks, prints: nothing packed.
        let upx_reads = c.argv.iter().skip(1).any(|w| {
            matches!(
                w.as_str(),
                "-t" | "-l"
                    | "-d"
                    | "-V"
                    | "-h"
                    | "--test"
                    | "--list"
                    | "--decompress"
                    | "--version"
                    | "--help"
            )
        });
        if c.is("upx", &[]) && upx_reads {
            modelled += 1;
            continue;
        }
        if c.is("upx", &[]) {
            // `upx [--best] [--lzma] FILE`: the binary rewritten compressed (`-o OUT`: a
            // packed copy beside it).
            let strong = c
                .argv
                .iter()
                .any(|w| matches!(w.as_str(), "--lzma" | "--brute" | "--ultra-brute"));
            let r = if strong {
                facts::UPX_LZMA_PER_BYTE
            } else {
                facts::UPX_DEFAULT_PER_BYTE
            };
            let out = c
                .option(&["-o", "--output"])
                .map(|o| join_path(&st.workdir, &model::expand(o, &env)));
            let mut packed = Vec::new();
            for w in c.argv.iter().skip(1).filter(|w| !w.starts_with('-')) {
                let file = join_path(&st.workdir, &model::expand(w, &env));
                if out.as_deref() == Some(file.as_str()) {
                    continue;
                }
                // A program a build made (Go, Rust, C), not a whole output folder.
                let Some(i) = st.artifacts.iter().rposition(|x| {
                    artifact_matches(&x.path, &file)
                        && (strip_ratio(&x.basis).is_some() || x.basis.contains("program"))
                }) else {
                    continue;
                };
                let s = st.artifacts[i].size;
                let f = scaled(s, r);
                let file = match &out {
                    Some(o) => {
                        let basis = format!("{}, packed with upx", st.artifacts[i].basis);
                        st.add_artifact(Artifact {
                            made_by: 0,
                            either: false,
                            path: o.clone(),
                            size: f,
                            basis,
                        });
                        total = add(total, f);
                        o.clone()
                    }
                    None => {
                        total = rewrite_artifact(st, i, &file, f, "packed with upx", total);
                        file
                    }
                };
                packed.push(format!(
                    "upx {file}: {} ({} ‰ of its size; {})",
                    fmt_bytes(f.bytes),
                    r.bytes,
                    r.source
                ));
            }
            if !packed.is_empty() {
                modelled += 1;
                basis.extend(packed);
                continue;
            }
        }
        if c.is("go", &["mod", "download"]) || c.is("go", &["get"]) {
            modelled += 1;
            // GOPATH-era `go get importpath` also built and installed the command into
            // $GOPATH/bin (until Go 1.18): a later COPY --from may take it.
            if let Some(bin) = c.is("go", &["get"]).then(|| go_bin_path(c, &env)).flatten() {
                let old_go = st.go_version.is_some_and(|v| v < (1, 18));
                let f = facts::GO_BINARY;
                if old_go {
                    total = add(total, f);
                    basis.push(format!(
                        "go get builds {bin}: Go binary {} ({})",
                        fmt_bytes(f.bytes),
                        f.source
                    ));
                }
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: bin,
                    size: f,
                    basis: format!("Go binary built by go get ({})", f.source),
                });
            }
            let has_sum = go_sum_copied(&st.copied);
            if has_sum && !cache_mounted("/go/pkg/mod") {
                let (f, b) = go_module_cache(st, a, "Go module cache for go.sum");
                total = add(total, f);
                basis.push(b);
            } else if !has_sum {
                basis.push(
                    "go mod download: no go.sum copied, so no third-party modules (0 B)".into(),
                );
            } else {
                basis.push("module cache in a cache mount: not in the image".into());
            }
        } else if c.is("go", &["build"]) || c.is("go", &["install"]) {
            modelled += 1;
            let ldflags = c.option(&["-ldflags"]).unwrap_or("");
            let stripped = ldflags.contains("-s") && ldflags.contains("-w");
            // go.sum copied: the program has third-party modules, so the starters' figures.
            let with_modules = go_sum_copied(&st.copied);
            let out = if c.is("go", &["install"]) {
                go_bin_path(c, &env).unwrap_or_else(|| "/go/bin/app".to_string())
            } else {
                c.option(&["-o"])
                    .map(|o| join_path(&st.workdir, &model::expand(o, &env)))
                    .unwrap_or_else(|| join_path(&st.workdir, &go_build_name(c)))
            };
            // A program named hello (`go build hello.go`, `-o /bin/hello`) with no
            // third-party modules is taken at its word: a hello world.
            let hello = !with_modules
                && std::iter::once(out.as_str())
                    .chain(
                        c.argv
                            .iter()
                            .skip(2)
                            .map(String::as_str)
                            .filter(|w| w.ends_with(".go")),
                    )
                    .any(|w| {
                        let name = w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase();
                        let stem = name.strip_suffix(".go").unwrap_or(&name);
                        matches!(stem, "hello" | "helloworld" | "hello-world" | "hello_world")
                    });
            let (mut f, src) = assumed_artifact(
                a,
                if with_modules {
                    facts::GO_STARTER_BINARY
                } else if hello {
                    facts::go_hello_binary(st.go_version)
                } else {
                    facts::GO_BINARY
                },
            );
            if stripped && a.artifact_bytes.is_none() {
                // -s -w drops the symbol table and DWARF, as `strip` does; the hello world
                // was measured stripped too.
                let (num, den, _) = GO_STRIPPED;
                f = if hello {
                    fact(f.low, f.low, f.high * num / den)
                } else {
                    fact(f.bytes * num / den, f.low, f.high * num / den)
                };
            }
            total = add(total, f);
            basis.push(format!(
                "Go binary {}{} ({src})",
                fmt_bytes(f.bytes),
                if stripped {
                    ", stripped with -s -w"
                } else {
                    ""
                }
            ));
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("Go binary ({src})"),
            });
            // Without a `go mod download` before it, the build fetches go.sum's modules itself.
            let vendored = c.argv.iter().any(|w| w == "-mod=vendor")
                || env
                    .get("GOFLAGS")
                    .is_some_and(|v| v.contains("-mod=vendor"));
            let gopath_mode = env.get("GO111MODULE").is_some_and(|v| v == "off");
            if !st.go_modules
                && go_sum_copied(&st.copied)
                && !vendored
                && !gopath_mode
                && !cache_mounted("/go/pkg/mod")
                && !removed("/go/pkg/mod")
            {
                let (f, b) = go_module_cache(st, a, "go build downloads go.sum's modules");
                total = add(total, f);
                basis.push(b);
            }
            if !go_cache_counted
                && !cache_mounted("go-build")
                && !removed("/root/.cache/go-build")
                && !cmds
                    .iter()
                    .any(|o| o.is("go", &["clean"]) && o.argv.iter().any(|w| w == "-cache"))
            {
                go_cache_counted = true;
                let old_go = st
                    .go_version
                    .is_some_and(|(major, minor)| major == 1 && minor < 20);
                let cache = match (old_go, with_modules) {
                    (true, false) => facts::GO_BUILD_CACHE_PRE_1_20,
                    (true, true) => facts::GO_STARTER_BUILD_CACHE_PRE_1_20,
                    (false, false) => facts::GO_BUILD_CACHE,
                    (false, true) => facts::GO_STARTER_BUILD_CACHE,
                };
                total = add(total, cache);
                basis.push(format!(
                    "build cache /root/.cache/go-build {} ({})",
                    fmt_bytes(cache.bytes),
                    cache.source
                ));
            }
        } else if c.is("javac", &[]) {
            // Compiles each source into a class file beside it (or under `-d DIR`).
            modelled += 1;
            let dir = c
                .option(&["-d"])
                .map(|d| join_path(&st.workdir, &model::expand(d, &env)));
            let sources: Vec<&String> = c
                .argv
                .iter()
                .skip(1)
                .filter(|w| w.ends_with(".java"))
                .collect();
            let k = facts::JAVA_CLASS_FILE;
            let f = times(k, sources.len().max(1) as u64);
            total = add(total, f);
            basis.push(format!(
                "javac: {} class file(s), {} ({})",
                sources.len().max(1),
                fmt_bytes(f.bytes),
                k.source
            ));
            for src in &sources {
                let class = format!("{}.class", src.trim_end_matches(".java"));
                let path = match &dir {
                    Some(d) => join_path(d, class.rsplit('/').next().unwrap_or(&class)),
                    None => join_path(&st.workdir, &class),
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path,
                    size: k,
                    basis: format!("a class file javac wrote ({})", k.source),
                });
            }
            if let (Some(d), true) = (&dir, sources.is_empty()) {
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: d.clone(),
                    size: f,
                    basis: format!("class files javac wrote ({})", k.source),
                });
            }
        } else if c.is("jlink", &[]) && c.option(&["--output"]).is_some() {
            let out = c.option(&["--output"]).unwrap_or_default();
            let out = join_path(&st.workdir, &model::expand(out, &env));
            let requested: Vec<String> = c
                .option(&["--add-modules"])
                .map(|m| model::expand(m, &env))
                .unwrap_or_default()
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect();
            // `--compress=2` and `zip-1`…`zip-9` zip the modules; 0, 1 (string sharing) do not.
            let compress = c.option(&["--compress", "-c"]).unwrap_or("0");
            let zipped = compress == "2" || compress.strip_prefix("zip-").is_some_and(|n| n != "0");
            let stripped = c
                .argv
                .iter()
                .any(|w| w == "--strip-debug" || w == "-G" || w == "--strip-java-debug-attributes");
            let substituted = requested.iter().any(|m| m.contains('$') || m.contains('`'));
            // `--add-modules $(cat deps.info)` after `jdeps --print-module-deps`: the modules
            // are decided at build time; server apps' usual lists stand in.
            let rt = if substituted {
                sizes::jlink::decided_at_build_time(zipped)
            } else {
                sizes::jlink::runtime(&requested, zipped)
            };
            if requested.is_empty() || !rt.unknown.is_empty() && rt.modules <= 1 {
                unknown.push("jlink (modules not named)".to_string());
                st.unknown_paths.push(out);
            } else {
                modelled += 1;
                let mut f = rt.size;
                if !stripped {
                    // Measured with --strip-debug; without it the runtime only grows.
                    f.high = f.high.saturating_mul(2);
                }
                total = add(total, f);
                basis.push(format!(
                    "jlink runtime {} of {} module(s){}{}{}{} ({})",
                    fmt_bytes(f.bytes),
                    rt.modules,
                    if substituted {
                        format!(
                            " (the modules are decided at build time: a server app's usual set, range {}–{})",
                            fmt_bytes(f.low),
                            fmt_bytes(f.high)
                        )
                    } else {
                        String::new()
                    },
                    if zipped { ", compressed" } else { "" },
                    if stripped {
                        ""
                    } else {
                        "; without --strip-debug it is larger (not measured): high end doubled"
                    },
                    if rt.unknown.is_empty() {
                        String::new()
                    } else {
                        format!("; not in the table, not counted: {}", rt.unknown.join(", "))
                    },
                    f.source
                ));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: out,
                    size: f,
                    basis: format!("jlink runtime ({})", f.source),
                });
            }
        } else if let Some(x) = spring_boot_extract(c) {
            // Spring Boot's jar modes write the jar's contents out: its dependency jars
            // (stored uncompressed in it, nearly all of it), the launcher and the app's
            // classes, as files of about the jar's size.
            modelled += 1;
            let jar = join_path(&st.workdir, &x.jar);
            let built = st
                .artifacts
                .iter()
                .rev()
                .find(|art| artifact_matches(&art.path, &jar))
                .map(|art| (art.size, art.basis.clone()));
            let (f, what) = built.unwrap_or_else(|| {
                let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
                (f, format!("jar ({src})"))
            });
            total = add(total, f);
            let dest = join_path(&st.workdir, &x.destination);
            basis.push(format!(
                "{} extracts {} into {dest}: about the jar's size, {} ({what})",
                x.mode,
                x.jar,
                fmt_bytes(f.bytes)
            ));
            // Already a part of an output folder (`target/extracted` under `target/*`):
            // a later COPY takes its parts from that.
            let inside = st.artifacts.iter().any(|art| {
                art.path
                    .strip_suffix("/*")
                    .is_some_and(|d| dest.starts_with(&format!("{d}/")))
            });
            if !inside && !x.layers {
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest,
                    size: f,
                    basis: format!("the jar's contents ({what})"),
                });
            } else if !inside {
                for (k, layer_dir) in SPRING_BOOT_LAYERS.iter().enumerate() {
                    st.add_artifact(Artifact {
                        made_by: 0,
                        either: false,
                        path: join_path(&dest, layer_dir),
                        size: if k == 0 { f } else { fact(0, 0, 0) },
                        basis: if k == 0 {
                            format!("the jar's layers, counted here whole; {what}")
                        } else {
                            "a layer of the jar, counted whole with dependencies/".to_string()
                        },
                    });
                }
            }
        } else if c.is("dotnet", &["restore"]) {
            modelled += 1;
            let (f, b) = dependency_default(
                a,
                "NuGet packages in ~/.nuget/packages",
                facts::NUGET_PACKAGES,
            );
            total = add(total, f);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: "/root/.nuget/packages".into(),
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
        } else if let Some((tool, builds)) = java_build(c) {
            modelled += 1;
            let wrapper = c.program().ends_with("mvnw") || c.program().ends_with("gradlew");
            let (cache, home, dist) = if tool == "maven" {
                (
                    "Maven repository ~/.m2 (plugins and dependencies)",
                    "/root/.m2",
                    facts::MAVEN_WRAPPER_DIST,
                )
            } else {
                (
                    "Gradle caches ~/.gradle (plugins and dependencies; the same jars and POMs as a Maven repository)",
                    "/root/.gradle",
                    facts::GRADLE_WRAPPER_DIST,
                )
            };
            if !st.java_cache && !cache_mounted(if tool == "maven" { ".m2" } else { ".gradle" }) {
                st.java_cache = true;
                let (mut f, b) = dependency_default(a, cache, facts::MAVEN_REPOSITORY);
                basis.push(b.clone());
                if wrapper {
                    f = add(f, dist);
                    basis.push(format!(
                        "the wrapper's {} distribution in {home}/wrapper/dists {} ({})",
                        if tool == "maven" { "Maven" } else { "Gradle" },
                        fmt_bytes(dist.bytes),
                        dist.source
                    ));
                }
                total = add(total, f);
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: home.into(),
                    size: f,
                    basis: b,
                });
            }
            if let Some(native) = native_build(c) {
                // GraalVM's native-image: the executable is the program a later stage copies.
                let (f, src) = assumed_artifact(a, native.fact());
                total = add(total, f);
                let what = format!("{} native executable", native.name());
                basis.push(format!("{what} {} ({src})", fmt_bytes(f.bytes)));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, native.dir(tool)),
                    size: f,
                    basis: format!("{what} ({src})"),
                });
            } else if builds {
                let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
                total = add(total, f);
                basis.push(format!("jar {} ({src})", fmt_bytes(f.bytes)));
                let dir = if tool == "maven" {
                    "target/*"
                } else {
                    "build/libs/*"
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, dir),
                    size: f,
                    basis: format!("jar ({src})"),
                });
            }
        } else if c.argv.get(1).is_some_and(|w| w.ends_with("manage.py"))
            && c.argv.get(2).is_some_and(|w| w == "collectstatic")
            && c.program()
                .rsplit('/')
                .next()
                .is_some_and(|p| p.starts_with("python"))
        {
            modelled += 1;
            let f = facts::DJANGO_COLLECTSTATIC;
            total = add(total, f);
            basis.push(format!(
                "collectstatic copies Django's admin static files {}, plus your app's own ({})",
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if let Some(step) = composer_setup(c, &script) {
            // Composer's own installer (getcomposer.org): the script it downloads is
            // deleted or small; what stays is the phar it writes.
            modelled += 1;
            if step {
                let f = facts::COMPOSER_PHAR;
                total = add(total, f);
                basis.push(format!(
                    "Composer's phar, composer.phar: {} ({})",
                    fmt_bytes(f.bytes),
                    f.source
                ));
            }
        } else if frontend_build(c) && doc.node_app == NodeApp::Next {
            modelled += 1;
            // Next.js writes .next/: the server bundles, the client's static files, its
            // build cache, and with `output: "standalone"` (which a Dockerfile copying
            // .next/standalone shows) the traced server. Each part is an artifact, so a
            // COPY of one part or of the whole folder takes what it names.
            let standalone = doc.lower.contains(".next/standalone");
            let mut parts = vec![
                ("static", facts::NEXT_STATIC),
                ("server", facts::NEXT_SERVER),
            ];
            // The build cache, unless the same RUN deletes it.
            if !removed(&join_path(&st.workdir, ".next/cache")) {
                parts.insert(1, ("cache", facts::NEXT_CACHE));
            }
            if standalone {
                parts.insert(0, ("standalone", facts::NEXT_STANDALONE));
            }
            let mut sum = fact(0, 0, 0);
            for (_, f) in &parts {
                sum = add(sum, *f);
            }
            let (f, src) = assumed_artifact(a, sum);
            let src = if a.artifact_bytes.is_some() {
                src
            } else {
                "measured: a minimal Next.js 16.5 App Router app's .next (data/MEASURED.md)"
            };
            total = add(total, f);
            basis.push(format!(
                "Next.js build output .next/ {} ({}; {src})",
                fmt_bytes(f.bytes),
                parts
                    .iter()
                    .map(|(n, p)| format!("{n} {}", fmt_bytes(p.bytes)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for (name, p) in parts {
                // The user's size stands for the whole folder: its parts share it.
                let size = match a.artifact_bytes {
                    Some(b) => {
                        let share = (b as u128 * p.bytes as u128 / sum.bytes.max(1) as u128) as u64;
                        fact(share, share, share)
                    }
                    None => p,
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, &format!(".next/{name}")),
                    size,
                    basis: format!("Next.js .next/{name} ({})", p.source),
                });
            }
        } else if frontend_build(c) {
            modelled += 1;
            let (f, src) = assumed_artifact(a, facts::FRONTEND_BUILD);
            total = add(total, f);
            basis.push(format!(
                "front-end build output {} ({src})",
                fmt_bytes(f.bytes)
            ));
            // Vite writes dist/, Create React App build/.
            for dir in ["dist", "build"] {
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: true,
                    path: join_path(&st.workdir, dir),
                    size: f,
                    basis: format!("front-end build output ({src})"),
                });
            }
        } else if let Some((tool, names)) = rpm_install(c) {
            modelled += 1;
            let present = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
            let ap = sizes::rpm::install(&names, present);
            let r = facts::RPM_PER_DEBIAN;
            total = add(total, per_mille(ap.bytes, r));
            let cleaned = cmds.iter().any(|o| {
                RPM_TOOLS.iter().any(|p| o.is(p, &["clean"]))
                    || o.is("rm", &[])
                        && o.argv.iter().any(|w| {
                            w.starts_with("/var/cache/dnf")
                                || w.starts_with("/var/cache/yum")
                                || w.starts_with("/var/cache/{")
                        })
            });
            basis.push(format!(
                "{tool}: approximation (low confidence) — {} package(s) priced as Debian bookworm's of the same name{} with dependencies ({} package(s), {} on a slim image) {} (no RPM repository is reachable to measure){}{}",
                ap.priced.len(),
                if ap.priced.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        ap.priced
                            .iter()
                            .map(|(r, d)| if r == d { r.clone() } else { format!("{r} as {d}") })
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                ap.packages,
                fmt_bytes(ap.bytes),
                ratio_text(r),
                if ap.unknown.is_empty() {
                    String::new()
                } else {
                    format!("; no equivalent (not counted): {}", ap.unknown.join(" "))
                },
                if cleaned {
                    ""
                } else {
                    "; its metadata cache stays in the image (not counted; `clean all` in the same RUN removes it)"
                }
            ));
            unknown_deps |= ap.priced.is_empty();
        } else if RPM_TOOLS.iter().any(|p| c.is(p, &[])) {
            // `clean all`, `makecache`, repository settings, `module enable`: no packages.
            // Anything else (`update`, `groupinstall`, `module install`, `localinstall`)
            // is not modelled.
            let words: Vec<&str> = c
                .argv
                .iter()
                .skip(1)
                .map(String::as_str)
                .filter(|w| !w.starts_with('-'))
                .collect();
            let settings = match words.first().copied() {
                Some("clean" | "makecache" | "config-manager") => true,
                Some("module") => {
                    matches!(words.get(1).copied(), Some("enable" | "disable" | "reset"))
                }
                _ => false,
            };
            if settings {
                modelled += 1;
            } else {
                unknown.push(format!("{} {}", c.program(), words.first().unwrap_or(&"")));
            }
        } else if let Some((tool, names)) = php_extensions(c) {
            modelled += 1;
            let (f, b, unknown) = php_extension_layer(tool, &names, &cmds, st);
            total = add(total, f);
            basis.push(b);
            unknown_deps |= unknown;
        } else if c.is("corepack", &["enable"]) || c.is("corepack", &["disable"]) {
            // Links `yarn`/`pnpm` shims beside node: a few bytes.
            modelled += 1;
            basis.push("corepack: links the yarn and pnpm shims beside node (a few bytes)".into());
        } else if c.is("corepack", &["prepare"]) || c.is("corepack", &["install"]) {
            // Downloads a package manager into ~/.cache/node/corepack.
            modelled += 1;
            let names: Vec<String> = c
                .argv
                .iter()
                .skip(2)
                .filter(|w| !w.starts_with('-'))
                .cloned()
                .collect();
            let names = if names.is_empty() {
                vec!["pnpm".to_string()]
            } else {
                names
            };
            let inst = sizes::npm::install(&names, &Default::default());
            total = add(
                total,
                fact(inst.installed, inst.installed, inst.installed * 3),
            );
            basis.push(format!(
                "corepack: {} into ~/.cache/node/corepack, {} (npm registry unpackedSize, data/npm){}",
                names.join(" "),
                fmt_bytes(inst.installed),
                if inst.unknown.is_empty() {
                    String::new()
                } else {
                    format!("; not in the npm table: {}", inst.unknown.join(" "))
                }
            ));
        } else if c.is("pecl", &[]) {
            // `pecl clear-cache`, `pecl update-channels`: bookkeeping.
            modelled += 1;
        } else if c.is("bundle", &["config"]) {
            // `bundle config set --local path vendor/bundle`: where later installs go.
            modelled += 1;
            let words: Vec<&str> = c.argv.iter().skip(2).map(String::as_str).collect();
            let mut it = words
                .iter()
                .filter(|w| !w.starts_with("--") && **w != "set");
            if let (Some(&"path"), Some(dir)) = (it.next(), it.next()) {
                st.bundle_path = Some(join_path(&st.workdir, dir.trim_matches(['\'', '"'])));
            }
        } else if c.is("bundle", &["install"]) {
            modelled += 1;
            // Groups left out: `--without`, a non-empty BUNDLE_WITHOUT, `bundle config … without`.
            let production = c.argv.iter().any(|w| w.starts_with("--without"))
                || st
                    .env
                    .get("BUNDLE_WITHOUT")
                    .is_some_and(|v| !model::expand(v, &st.env).trim().is_empty())
                || doc
                    .lower
                    .lines()
                    .any(|l| l.contains("bundle config") && l.contains("without"));
            let (f, b) = bundle_install(&doc.lower, production, &cmds, a);
            total = add(total, f);
            // Where bundler installs: --path, `bundle config path`, BUNDLE_PATH, vendor/bundle
            // in deployment mode, else GEM_HOME (the ruby images set it).
            let deployment = c.argv.iter().any(|w| w == "--deployment")
                || st
                    .env
                    .get("BUNDLE_DEPLOYMENT")
                    .is_some_and(|v| v == "1" || v == "true");
            let dir = c
                .option(&["--path"])
                .map(|p| join_path(&st.workdir, p))
                .or_else(|| st.bundle_path.clone())
                .or_else(|| Some(model::expand("$BUNDLE_PATH", &st.env)).filter(|d| !d.is_empty()))
                .or_else(|| deployment.then(|| join_path(&st.workdir, "vendor/bundle")))
                .or_else(|| Some(model::expand("$GEM_HOME", &st.env)).filter(|d| !d.is_empty()))
                .unwrap_or_else(|| "/usr/local/bundle".into());
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: join_path(&st.workdir, &dir),
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
        } else if let Some(names) = locales_compiled(c, &cmds) {
            // locale-gen/localedef rewrite glibc's locale archive whole: the layer holds
            // it once, with every locale compiled so far.
            modelled += 1;
            let before = st.locales.len();
            if !names.is_empty() {
                st.locales.remove("locale.gen");
            }
            st.locales.extend(names);
            if st.locales.is_empty() {
                // Whatever /etc/locale.gen lists: one, as the base's is all comments.
                st.locales.insert("locale.gen".into());
            }
            let more = st.locales.len() as u64 - 1;
            let f = add(
                facts::LOCALE_ARCHIVE,
                fact(
                    more.saturating_mul(facts::LOCALE_MORE.bytes),
                    more.saturating_mul(facts::LOCALE_MORE.low),
                    more.saturating_mul(facts::LOCALE_MORE.high),
                ),
            );
            let text = format!(
                "glibc's locale archive with {} locale(s){}: {} ({}; one locale {}–{}, each more {}–{})",
                st.locales.len(),
                if before > 0 && locale_here.is_none() {
                    ", written again whole"
                } else {
                    ""
                },
                fmt_bytes(f.bytes),
                facts::LOCALE_ARCHIVE.source,
                fmt_bytes(facts::LOCALE_ARCHIVE.low),
                fmt_bytes(facts::LOCALE_ARCHIVE.high),
                fmt_bytes(facts::LOCALE_MORE.low),
                fmt_bytes(facts::LOCALE_MORE.high),
            );
            // A second compile in the same RUN (`locale-gen && dpkg-reconfigure locales`)
            // leaves one archive: it replaces the first one's.
            if let Some((old, k)) = locale_here {
                total = replace(total, old, f);
                basis[k] = text;
                locale_here = Some((f, k));
            } else {
                total = add(total, f);
                locale_here = Some((f, basis.len()));
                basis.push(text);
            }
        } else if let Some(names) = gem_install(c) {
            // Each gem's files and the .gem `gem install` keeps in GEM_HOME/cache, as
            // Debian packages the gems (tests and docs dropped: a lower bound).
            let inst = sizes::gems::install(&names, &st.gems);
            if !inst.unknown.is_empty() {
                unknown.push(format!("gem install {}", inst.unknown.join(" ")));
            }
            if !inst.gems.is_empty() || inst.unknown.is_empty() {
                modelled += 1;
                st.gems.extend(inst.gems.iter().copied());
                // GEM_HOME (the ruby images set /usr/local/bundle), or `--install-dir`.
                let home = c
                    .option(&["-i", "--install-dir"])
                    .map(str::to_string)
                    .or_else(|| Some(model::expand("$GEM_HOME", &st.env)).filter(|d| !d.is_empty()))
                    .unwrap_or_else(|| "/usr/local/bundle".into());
                let home = join_path(&st.workdir, &home);
                // The .gem archives stay in GEM_HOME/cache unless this RUN deletes them.
                let cache_removed = removed(&format!("{home}/cache"));
                let cached = if cache_removed { 0 } else { inst.cached };
                let b = inst.files + cached;
                // A native gem from rubygems.org may vendor the libraries Debian's links.
                let libs: Vec<String> = inst.libs.iter().map(|l| l.to_string()).collect();
                let base;
                let present = match &st.apt {
                    Some(p) => p,
                    None => {
                        base = sizes::apt::base_set();
                        &base
                    }
                };
                let vendored = sizes::apt::install_in(st.apt_release, &libs, false, present).slim;
                let f = fact(b, b, b + vendored);
                total = add(total, f);
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: home,
                    size: f,
                    basis: "gems gem install unpacked (data/ruby/gems.tsv)".into(),
                });
                basis.push(format!(
                    "gem install: {} gem(s) ({}{}) — files {}, {} (Debian bookworm's gem packages, data/ruby/gems.tsv, {}; tests and docs dropped there, so a lower bound{})",
                    inst.gems.len(),
                    inst.gems.iter().take(6).copied().collect::<Vec<_>>().join(", "),
                    if inst.gems.len() > 6 { ", …" } else { "" },
                    fmt_bytes(inst.files),
                    if cache_removed {
                        "their .gem archives deleted from the cache in this RUN".to_string()
                    } else {
                        format!("their .gem archives kept in the cache {}", fmt_bytes(inst.cached))
                    },
                    sizes::gems::table_date(),
                    if vendored > 0 {
                        format!(
                            "; up to {} more if a native gem vendors the libraries it links there",
                            fmt_bytes(vendored)
                        )
                    } else {
                        String::new()
                    },
                ));
            }
        } else if c.is("bootsnap", &["precompile"])
            || c.is("bundle", &["exec", "bootsnap", "precompile"])
        {
            // bootsnap's compile cache (tmp/cache/bootsnap unless --cache-dir): the gems'
            // (--gemfile) or the named folders' Ruby and YAML, compiled.
            modelled += 1;
            let r = facts::BOOTSNAP_PER_GEM_BYTE;
            let gemfile = c.argv.iter().any(|w| w == "--gemfile");
            let (of, what) = if gemfile {
                // The gem files the bundle holds, without bundler's .gem cache.
                let bundle = st
                    .artifacts
                    .iter()
                    .rev()
                    .find(|art| art.basis.starts_with(GEMFILE_GEMS))
                    .map(|art| {
                        // Your figure, or ours after the RUN deleted the .gem cache: the
                        // files as they are.
                        let files = if art.basis.contains(GEM_CACHE_DELETED)
                            || art.basis.contains(YOUR_ASSUMPTION)
                        {
                            art.size
                        } else {
                            let keep = 1000 - facts::GEM_CACHE_SHARE;
                            scaled(art.size, fact(keep, keep, keep))
                        };
                        (files, "the bundle's gem files")
                    });
                bundle.unwrap_or((facts::RUBY_APP_GEMS, "a Ruby app's gems (default)"))
            } else {
                // The named folders are part of what the stage copied from the context.
                let copied = st
                    .artifacts
                    .iter()
                    .rev()
                    .find(|art| art.basis.starts_with("build context"))
                    .map(|art| art.size);
                let f = copied.unwrap_or_else(|| assumed_context(a, facts::DEFAULT_CONTEXT).0);
                (
                    f,
                    "your code, at most the build context it copied (an upper bound)",
                )
            };
            let f = scaled(of, r);
            total = add(total, f);
            basis.push(format!(
                "bootsnap's compile cache of {what}: {}, {} {}",
                fmt_bytes(f.bytes),
                fmt_bytes(of.bytes),
                ratio_text(r)
            ));
            let dir = c
                .option(&["--cache-dir"])
                .map(str::to_string)
                .or_else(|| st.env.get("BOOTSNAP_CACHE_DIR").cloned())
                .unwrap_or_else(|| "tmp/cache".to_string());
            let path = join_path(
                &st.workdir,
                &format!("{}/bootsnap", dir.trim_end_matches('/')),
            );
            // One cache folder: a second precompile (`app/ lib/` after `--gemfile`) adds to it.
            let before = st
                .artifacts
                .iter()
                .position(|art| art.path == path)
                .map(|k| st.artifacts.remove(k).size);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path,
                size: before.map_or(f, |b| add(b, f)),
                basis: format!("bootsnap's compile cache ({})", r.source),
            });
        } else if c.is("composer", &["install"])
            || c.is("composer", &["update"])
            || c.is("composer", &["require"])
        {
            modelled += 1;
            let no_dev = c
                .argv
                .iter()
                .any(|w| w == "--no-dev" || w == "--update-no-dev")
                || set("COMPOSER_NO_DEV");
            let (f, b) = if no_dev {
                dependency_default(a, "Composer packages in vendor/", facts::COMPOSER_VENDOR)
            } else {
                dependency_default(
                    a,
                    "Composer packages in vendor/ with the development ones",
                    facts::COMPOSER_VENDOR_WITH_DEV,
                )
            };
            total = add(total, f);
            // vendor/ is made to match the lock file: a second install (then `--no-dev`)
            // replaces what the first put there.
            let vendor = join_path(&st.workdir, "vendor");
            st.artifacts.retain(|art| art.path != vendor);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: vendor,
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
            // Composer keeps each package's zip in its cache: COMPOSER_CACHE_DIR, else
            // $COMPOSER_HOME/cache (the composer image sets COMPOSER_HOME=/tmp), else
            // ~/.cache/composer (~/.composer/cache for Composer 1).
            // `env` holds the stage's ENV and the command's own `VAR=value` words.
            let var = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
            let dirs: Vec<String> = match (var("COMPOSER_CACHE_DIR"), var("COMPOSER_HOME")) {
                (Some(d), _) => vec![d],
                (None, Some(h)) => vec![format!("{}/cache", h.trim_end_matches('/'))],
                (None, None) => vec![
                    "/root/.cache/composer".into(),
                    "/root/.composer/cache".into(),
                ],
            };
            let kept = f.bytes > 0
                && !c.argv.iter().any(|w| w == "--no-cache")
                && !dirs.iter().any(|d| d == "/dev/null")
                && !cmds.iter().any(|o| {
                    ["clear-cache", "clearcache", "cc"]
                        .iter()
                        .any(|v| o.is("composer", &[v]))
                })
                && !dirs.iter().any(|d| removed(d))
                && !cache_mounted("composer");
            if kept {
                let k = facts::COMPOSER_CACHE_PER_VENDOR;
                let cache = scaled(f, k);
                total = add(total, cache);
                basis.push(format!(
                    "Composer's cache kept in {}: {} ({} ‰ of vendor/; {})",
                    dirs[0],
                    fmt_bytes(cache.bytes),
                    k.bytes,
                    k.source
                ));
            }
        } else if let Some(p) = dotnet_publish(c) {
            modelled += 1;
            // Before .NET 8 a runtime identifier alone made the publish self-contained.
            let sc = p
                .self_contained
                .unwrap_or(p.runtime && st.dotnet_sdk.is_some_and(|v| v < 8));
            let pre_8 = st.dotnet_sdk.is_some_and(|v| v < 8);
            let (default, kind) =
                dotnet_publish_output(p.aot, sc, p.trimmed, pre_8, dotnet_web(&doc.lower));
            let (f, src) = assumed_artifact(a, default);
            total = add(total, f);
            basis.push(format!(
                "dotnet publish {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = match &p.output {
                Some(o) => join_path(&st.workdir, &model::expand(o, &env)),
                None => join_path(&st.workdir, "bin/*"),
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("dotnet publish output, {kind} ({src})"),
            });
        } else if c.is("cargo", &["new"]) || c.is("cargo", &["init"]) {
            // A project skeleton (the dependency-caching pattern's dummy crate).
            modelled += 1;
            let k = facts::CARGO_NEW_PROJECT;
            total = add(total, k);
            basis.push(format!(
                "{}: a project skeleton {} ({})",
                c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" "),
                fmt_bytes(k.bytes),
                k.source
            ));
        } else if c.is("cargo", &["build"]) || c.is("cargo", &["install"]) {
            modelled += 1;
            let install = c.is("cargo", &["install"]);
            let profile = c.cargo_profile();
            let dev = profile == "debug";
            let target = c.option(&["--target"]).unwrap_or("");
            let rustflags = env.get("RUSTFLAGS").cloned().unwrap_or_default();
            let musl = target.contains("musl") || (target.is_empty() && st.musl);
            let (mut default, kind) = if musl {
                (facts::RUST_BINARY_MUSL, "static musl")
            } else if rustflags.contains("crt-static") {
                (facts::RUST_BINARY_GLIBC_STATIC, "static glibc")
            } else {
                (facts::RUST_BINARY, "glibc, dynamic")
            };
            let mut kind = kind.to_string();
            // Cargo.lock copied on its own (to cache the dependencies' build): a program
            // with dependencies, so the starters' binary; a dev build, the dev profile's.
            // Either plus what static linking adds.
            let deps = st.copied.iter().any(|f| f == "Cargo.lock");
            let program = match (dev, deps) {
                (false, true) => Some(facts::RUST_STARTER_BINARY),
                (true, false) => Some(facts::RUST_BINARY_DEBUG),
                (true, true) => Some(facts::RUST_STARTER_BINARY_DEBUG),
                (false, false) => None,
            };
            if let Some(s) = program {
                let libc = default.bytes.saturating_sub(facts::RUST_BINARY.bytes);
                default = Fact {
                    bytes: s.bytes + libc,
                    low: s.low + libc,
                    high: default.high.max(s.high),
                    source: s.source,
                };
            }
            if dev {
                kind.push_str("; dev profile, with debuginfo, unoptimised");
            }
            // The standard library's debuginfo, which release builds kept before Rust 1.77:
            // by the toolchain's age, unless the Dockerfile sets the profile's `strip`
            // (CARGO_PROFILE_RELEASE_STRIP) or RUSTFLAGS strips (`-C strip=…`,
            // `-C link-arg=-s`).
            let strip = if dev {
                None
            } else {
                rust_strip_setting(&rustflags, env.get("CARGO_PROFILE_RELEASE_STRIP"))
            };
            let d = facts::RUST_STD_DEBUGINFO;
            let mut with_debuginfo = false;
            let mut symbols_stripped = false;
            match (strip, st.rust_strip) {
                (Some(RustStripSetting::None), _) | (None, RustStrip::Never) => {
                    with_debuginfo = !dev;
                }
                (Some(RustStripSetting::Symbols), _) => symbols_stripped = true,
                (None, RustStrip::IfCargoTomlSays) if !dev => {
                    default.high += d;
                    kind.push_str(&format!(
                        "; Rust 1.59–1.76 kept the standard library's debuginfo, +{}, unless Cargo.toml sets `strip` (in the range)",
                        fmt_bytes(d)
                    ));
                }
                _ => {}
            }
            if with_debuginfo {
                default.bytes += d;
                default.low += d;
                default.high += d;
                kind.push_str(&format!(
                    "; {}: the standard library's debuginfo, +{}",
                    if strip.is_some() {
                        "strip = \"none\" kept"
                    } else {
                        "Rust before 1.59 kept"
                    },
                    fmt_bytes(d)
                ));
            }
            if symbols_stripped {
                let (num, den, _) = RUST_STRIPPED;
                let share = |b: u64| strip_kept(b, 0, num, den);
                default.bytes = share(default.bytes);
                default.low = share(default.low);
                kind.push_str("; its symbols stripped as the build is told");
            }
            let (f, src) = assumed_artifact(a, default);
            let with_debuginfo = with_debuginfo && a.artifact_bytes.is_none();
            let symbols_stripped = symbols_stripped && a.artifact_bytes.is_none();
            total = add(total, f);
            basis.push(format!(
                "Rust binary {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = if install {
                "/usr/local/cargo/bin/*".to_string()
            } else if target.is_empty() {
                join_path(&st.workdir, &format!("target/{profile}/*"))
            } else {
                join_path(&st.workdir, &format!("target/{target}/{profile}/*"))
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: if dev {
                    format!("Rust dev-profile binary ({src})")
                } else if with_debuginfo {
                    format!("Rust binary with the standard library's debuginfo ({src})")
                } else if symbols_stripped {
                    format!("Rust binary ({src}), stripped")
                } else {
                    format!("Rust binary ({src})")
                },
            });
            let target_cleaned = removed(&join_path(&st.workdir, "target"))
                || cmds.iter().any(|o| o.is("cargo", &["clean"]));
            if !st.rust_target
                && !cache_mounted("target")
                && !c.is("cargo", &["install"])
                && !target_cleaned
            {
                st.rust_target = true;
                let t = if dev {
                    facts::RUST_TARGET_DIR_DEBUG
                } else {
                    facts::RUST_TARGET_DIR
                };
                total = add(total, t);
                basis.push(format!(
                    "target/ {} by default, range {}–{} ({})",
                    fmt_bytes(t.bytes),
                    fmt_bytes(t.low),
                    fmt_bytes(t.high),
                    t.source
                ));
            }
            if !st.rust_registry
                && !cache_mounted("registry")
                && !removed(&join_path(
                    st.env
                        .get("CARGO_HOME")
                        .map_or("/usr/local/cargo", |h| h.as_str()),
                    "registry",
                ))
            {
                st.rust_registry = true;
                let (f, what) = match a.dependencies_bytes {
                    Some(b) => (fact(b, b, b), "your assumption".to_string()),
                    None => {
                        let r = facts::RUST_REGISTRY;
                        note_default(|x| &mut x.dependencies, r.bytes);
                        (
                            r,
                            format!(
                                "by default, range {}–{} ({}; {DEPS_HINT})",
                                fmt_bytes(r.low),
                                fmt_bytes(r.high),
                                r.source
                            ),
                        )
                    }
                };
                total = add(total, f);
                basis.push(format!(
                    "Cargo registry /usr/local/cargo/registry {} {what}",
                    fmt_bytes(f.bytes)
                ));
            }
        } else if (c.is("cmake", &[]) && !c.argv.iter().any(|w| w == "--build"))
            || c.is("meson", &["setup"])
        {
            // Configures the build: Makefiles and a cache, a few kilobytes.
            modelled += 1;
            basis.push(format!(
                "{}: configures the build (build files only)",
                c.program()
            ));
        } else if matches!(
            c.program().rsplit('/').next().unwrap_or(""),
            "make" | "cmake" | "ninja" | "meson" | "gmake"
        ) && !c.argv.iter().any(|w| w == "install")
        {
            // Compiles into the source tree; a later COPY --from sizes what it takes.
            modelled += 1;
            // `text` is the whole Dockerfile: `-static` anywhere (LDFLAGS) links statically;
            // a C++ compiler or C++ sources anywhere make it a C++ program.
            let cxx = cxx_project(&doc.lower);
            let f = c_program(text.contains("-static"), st.musl, cxx);
            st.native_program = Some((f, c_program(true, st.musl, cxx), cxx));
            total = add(total, f);
            basis.push(format!(
                "{}: a program, {} by default ({}); object files not counted",
                c.program(),
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if is_c_compiler(c.program())
            && !c.argv.iter().any(|w| w == "-c" || w == "--version")
        {
            modelled += 1;
            let is_static = c.argv.iter().any(|w| w == "-static");
            let musl = st.musl || c.program().contains("musl");
            let cxx = c.program().contains("++")
                || c.argv
                    .iter()
                    .any(|w| w.ends_with(".cpp") || w.ends_with(".cc"));
            let (default, kind) = match (is_static, musl) {
                (true, true) if c.program().contains("musl") => {
                    (facts::C_BINARY_MUSL_STATIC, "static musl")
                }
                (true, true) => (c_program(true, true, cxx), "static musl, Alpine's gcc"),
                (true, false) => (c_program(true, false, cxx), "static glibc"),
                (false, _) => (c_program(false, musl, cxx), "dynamic"),
            };
            let (f, src) = assumed_artifact(a, default);
            total = add(total, f);
            let lang = if cxx { "C++" } else { "C" };
            basis.push(format!(
                "{lang} program {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = join_path(
                &st.workdir,
                &model::expand(c.option(&["-o"]).unwrap_or("a.out"), &env),
            );
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("C program ({src})"),
            });
        } else if let Some(copies) = copies_of_artifacts(c, &st.artifacts, &st.workdir, &env) {
            // `cp target/release/app /bin/server`: what an earlier step built, now also
            // (cp) or instead (mv) at the destination, for a later `COPY --from` to take.
            modelled += 1;
            let is_cp = c.is("cp", &[]);
            for (dest, art) in copies {
                if is_cp {
                    total = add(total, art.size);
                }
                basis.push(format!(
                    "{} {} to {dest}: {} ({})",
                    c.program(),
                    art.path,
                    fmt_bytes(art.size.bytes),
                    art.basis
                ));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest,
                    size: art.size,
                    basis: art.basis,
                });
            }
        } else if let Some(paths) = recursive_owner_change(c) {
            // chown -R / chmod -R on files of earlier layers writes them all again into
            // this one (overlay copy-up); what this RUN created itself is not doubled.
            modelled += 1;
            let mut dup = fact(0, 0, 0);
            let mut changed: Vec<String> = Vec::new();
            for p in &paths {
                let p = join_path(&st.workdir, &model::expand(p, &env));
                let under = |d: &str| model::is_under(d.trim_end_matches("/*"), &p);
                // What earlier COPY and RUN steps of this stage put there, each once.
                for art in st.artifacts.iter().take(earlier_artifacts) {
                    if under(&art.path) && !changed.contains(&art.path) {
                        changed.push(art.path.clone());
                        dup = add(dup, art.size);
                    }
                }
            }
            if !changed.is_empty() {
                total = add(total, dup);
                basis.push(format!(
                    "`{} -R` writes what earlier steps put there ({}) into this layer again: +{} (`COPY --chown`/`--chmod` avoids it)",
                    c.program().rsplit('/').next().unwrap_or(""),
                    changed.join(", "),
                    fmt_bytes(dup.bytes)
                ));
            }
        } else if let Some(inst) = installer_script(c) {
            // nvm's install.sh clones nvm into ~/.nvm: a size Slimfile does not know, and
            // the shell that runs it stays unknown too.
            if inst != Installer::Nvm {
                modelled += 1;
                script_here = true;
            }
            match inst {
                Installer::Nvm => unknown.push("nvm's install.sh (a git checkout of nvm)".into()),
                Installer::NodeSource(line) => {
                    // The script (nodesource/distributions' deb setup): `apt-get update`,
                    // `apt-get install -y ca-certificates curl gnupg`, the repository, `apt-get
                    // update` again.
                    st.nodesource = Some(line);
                    apt.update = true;
                    apt.installs.push((
                        ["ca-certificates", "curl", "gnupg"]
                            .map(String::from)
                            .to_vec(),
                        true,
                    ));
                }
                Installer::Uv => {
                    let f = add(facts::UV_BINARY, facts::UVX_BINARY);
                    total = add(total, f);
                    basis.push(format!(
                        "uv's installer: uv and uvx in ~/.local/bin, {} (the musl builds' size stands in: {})",
                        fmt_bytes(f.bytes),
                        facts::UV_BINARY.source
                    ));
                }
                Installer::Poetry => {
                    // A virtualenv of its own with pip, and Poetry installed into it.
                    let (venv, venv_what) = venv_with_pip(st.python_minor);
                    // `POETRY_VERSION=1.8.2 python3 -` sets it for the installer's Python.
                    let inline = cmds
                        .iter()
                        .flat_map(|o| o.env.iter())
                        .find(|(k, _)| k == "POETRY_VERSION")
                        .map(|(_, v)| v.clone());
                    let req = match inline
                        .or_else(|| env.get("POETRY_VERSION").cloned())
                        .filter(|v| !v.is_empty())
                    {
                        Some(v) => format!("poetry=={v}"),
                        None => "poetry".to_string(),
                    };
                    let inst = sizes::pip::install(&[req], &Default::default(), a.as_of.as_deref());
                    let (installed, text) = pip_installed(&inst, st.python_minor, None);
                    let f = add(venv, installed);
                    total = add(total, f);
                    basis.push(format!(
                        "Poetry's installer: a {venv_what}, and Poetry with {} package(s) in it, {text}",
                        inst.packages.len(),
                    ));
                }
            }
        } else if script_here && runs_piped_script(c) {
            // The shell or Python that runs the downloaded installer, once.
            script_here = false;
            modelled += 1;
        } else if signing_key_download(c) {
            // A repository's signing key (`curl …/pubkey.gpg | apt-key add -`): a few KB.
            modelled += 1;
        } else if let Some(d) = toolchain_download(c) {
            modelled += 1;
            downloads.push(d);
        } else if let Some(t) = model::tar_extract(&c.argv) {
            let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
            let from = |d: &Download| match (&t.file, &d.file) {
                (None, None) => true,
                (Some(tf), Some(df)) => name(tf) == name(df),
                _ => false,
            };
            match downloads.iter_mut().rev().find(|d| !d.used && from(d)) {
                Some(d) => {
                    d.used = true;
                    modelled += 1;
                    let mut files = sizes::dist::unpacked(&d.dist);
                    // The node images' trim: OpenSSL's headers for other architectures
                    // deleted in the same RUN.
                    let trim = sizes::dist::trimmable(&d.dist);
                    let trimmed = trim > 0
                        && cmds.iter().any(|o| {
                            (o.is("rm", &[]) || o.is("find", &[]))
                                && o.argv.iter().any(|w| w.contains("openssl/archs"))
                        });
                    if let (true, Some((f, b))) = (trimmed, files.as_mut()) {
                        *f = fact(
                            f.bytes.saturating_sub(trim),
                            f.low.saturating_sub(trim),
                            f.high.saturating_sub(trim),
                        );
                        b.push_str(&format!(
                            "; less OpenSSL's headers for other architectures, which this RUN deletes: −{}",
                            fmt_bytes(trim)
                        ));
                    }
                    // The Go that later builds in this stage is this release.
                    if d.dist.name == "Go" {
                        let v = d.dist.version.as_deref().unwrap_or("");
                        let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
                        if let (Some(Some(a)), Some(Some(b))) = (parts.next(), parts.next()) {
                            st.go_version = Some((a, b));
                        }
                    }
                    if let Some((f, b)) = &files {
                        total = add(total, *f);
                        basis.push(format!("`{}` unpacked: {b}", d.dist.file));
                        let dir = join_path(&st.workdir, t.dir.as_deref().unwrap_or("."));
                        let path = if t.strip {
                            dir
                        } else {
                            join_path(&dir, &d.dist.top_dir)
                        };
                        st.add_artifact(Artifact {
                            made_by: 0,
                            either: false,
                            path,
                            size: *f,
                            basis: format!("{} release", d.dist.name),
                        });
                    }
                    if let Some(file) = &d.file {
                        let deleted = cmds
                            .iter()
                            .any(|o| model::rm_covers(&o.argv, file, &st.workdir));
                        if let (false, Some((f, _))) = (deleted, files) {
                            // The archive is about the size its files compress to.
                            let xz = d.dist.file.ends_with(".xz");
                            let r = if xz {
                                facts::XZ_TOOLCHAIN_PER_BYTE
                            } else {
                                facts::GZIP_PER_BYTE
                            };
                            let kept = per_mille(f.bytes, r);
                            total = add(total, kept);
                            basis.push(format!(
                                "the archive `{}` stays in the layer: about {}, what its files compress to with {} ({}) — `rm` it in the same RUN, or pipe the download into tar",
                                d.dist.file,
                                fmt_bytes(kept.bytes),
                                if xz { "xz" } else { "gzip" },
                                r.source
                            ));
                        }
                    }
                }
                None => unknown.push("tar".into()),
            }
        } else if is_harmless(c.program())
            || shell_syntax(c)
            || artisan_small(c)
            || checks_only(c)
            || reads_or_deletes(c)
        {
            // Adds nothing, but models nothing either: `export V=1 && curl … | tar x` is
            // as unknown as the download alone.
        } else if c.apk().is_some() && st.wolfi {
            // Wolfi's (glibc) packages differ from Alpine's.
            unknown.push("apk on Wolfi (its packages are not in the tables)".to_string());
        } else {
            unknown.push(c.program().to_string());
        }
    }
    // A toolchain downloaded and not unpacked: the layer holds an archive of unknown size.
    for d in downloads.iter().filter(|d| !d.used) {
        modelled = modelled.saturating_sub(1);
        unknown.push(d.program.clone());
    }
    // A cache mount on the lists or apk's cache keeps them out of the layer (Docker's
    // `docker init` templates mount /var/cache/apk; its apt example /var/lib/apt).
    if cache_mounted("/var/lib/apt") {
        apt.lists_mounted = true;
    }
    if cache_mounted("/var/cache/apk") {
        apk.cache_removed = true;
    }
    // Yarn's apt repository: its `yarn` package holds Yarn 1 as the npm package has it.
    st.yarn_repo |= script.contains("dl.yarnpkg.com/debian");
    if st.yarn_repo && apt.installs_any(|p| p == "yarn") {
        // Yarn's package recommends nodejs: with recommends on, apt installs one too — the
        // distribution's, unless NodeSource's repository is there.
        for (ps, recommends) in apt.installs.iter_mut() {
            if *recommends && ps.iter().any(|p| p == "yarn") && !ps.iter().any(|p| p == "nodejs") {
                ps.push("nodejs".to_string());
            }
        }
        apt.take_out(|p| p == "yarn");
        let inst = sizes::npm::install(&["yarn".to_string()], &Default::default());
        if inst.installed > 0 {
            total = add(
                total,
                fact(
                    inst.installed,
                    inst.installed * 9 / 10,
                    inst.installed * 11 / 10,
                ),
            );
            basis.push(format!(
                "yarn from Yarn's apt repository: Yarn 1's files, as its npm package holds them, {} (data/npm/packages.tsv)",
                fmt_bytes(inst.installed)
            ));
        }
    }
    // NodeSource's `nodejs` is the official build repackaged, npm included: the Node.js
    // release table prices it, not the distribution's nodejs and its libraries. A major the
    // release table lacks keeps the distribution's price, and says so.
    if let Some(line) = st.nodesource {
        let asks = |p: &str| p == "nodejs" || p.starts_with("nodejs=");
        if apt.installs_any(asks) {
            match line.major().and_then(|m| sizes::dist::newest_of_major("Node.js", Some(m))) {
                Some((f, b)) => {
                    apt.take_out(|p| asks(p) || p == "npm");
                    total = add(total, f);
                    basis.push(format!(
                        "nodejs from NodeSource ({}): the official build with npm, as packaged (“The NodeSource nodejs package contains both the node binary and npm”): {b}",
                        match line {
                            NodeLine::Major(m) => format!("Node.js {m}"),
                            NodeLine::Lts => "its LTS line".to_string(),
                            NodeLine::Current => "its current line".to_string(),
                        }
                    ));
                }
                None => basis.push(
                    "nodejs from NodeSource: a Node.js major the release table lacks, priced as the distribution's nodejs".to_string(),
                ),
            }
        }
    }
    if apt.touched() {
        let (f, b) = apt_layer(&apt, st);
        total = add(total, f);
        basis.insert(0, b);
    }
    if apk.touched() {
        let debian = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
        let (f, b, known) = apk_layer(
            &apk,
            st.alpine.as_deref(),
            &mut st.apk,
            &mut st.apk_index,
            debian,
        );
        total = add(total, f);
        basis.insert(0, b);
        // Packages missing from the Alpine table are as unknown as the app's dependencies.
        unknown_deps |= !known;
        apk_unknown = !known;
    }
    // `if …; then A; else B; fi` and `case` arms run one branch; the estimate adds them all.
    let words: Vec<&str> = script.split_whitespace().collect();
    if total.bytes > 0
        && words
            .iter()
            .any(|w| matches!(*w, "else" | "elif" | "esac" | "else;"))
    {
        basis.push(
            "every branch of its if/case is counted, though one runs: an upper bound".to_string(),
        );
    }
    let mut l = layer(ins, text, LayerKind::Run, total, String::new());
    if apk_unknown {
        // None of the packages is in the table: what the layer holds is unknown, whatever
        // its index cache adds.
        l.estimated = false;
    }
    if unknown_deps && total.bytes == 0 {
        // Only what Slimfile cannot size (dependencies it cannot see, packages its
        // tables lack): unknown, not zero.
        l.estimated = false;
    }
    if !unknown.is_empty() && st.workdir != "/" {
        // What it wrote in its working directory is unknown to a later COPY --from too.
        st.unknown_outputs
            .push((st.workdir.clone(), ins.start_line, unknown[0].clone()));
    }
    if !unknown.is_empty() && modelled == 0 {
        unknown.dedup();
        l.estimated = false;
        l.basis = format!("`{}`: not modelled yet, size unknown", unknown.join("`, `"));
    } else {
        if !unknown.is_empty() {
            unknown.dedup();
            l.partial = true;
            basis.push(format!(
                "`{}` not modelled, not counted",
                unknown.join("`, `")
            ));
        }
        l.basis = if basis.is_empty() {
            "no files of note".into()
        } else {
            basis.join("; ")
        };
    }
    l
}

/// What `bundle install`'s basis says, which `bootsnap precompile --gemfile` reads back
/// to find the bundle and whether its figure still holds the .gem cache.
const GEMFILE_GEMS: &str = "gems from the Gemfile";
const GEM_CACHE_DELETED: &str = ".gem cache is deleted";
/// How a figure the user set is marked.
const YOUR_ASSUMPTION: &str = "(your assumption)";

/// `bundle install`: the user's "Downloaded dependencies", or a default — a Rails app's
/// gems when the Dockerfile names Rails (production only when it leaves out the
/// development and test groups), else the Ruby starters' median. Bundler keeps each .gem
/// in `/usr/local/bundle/cache` unless the same RUN deletes it. Takes the lowercased
/// Dockerfile ([`Doc::lower`]); returns (size, basis).
fn bundle_install(
    lower: &str,
    production: bool,
    cmds: &[model::Command],
    a: &Assumptions,
) -> (Fact, String) {
    let (d, what) = if lower.contains("rails") && production {
        (
            facts::RAILS_GEMS_PRODUCTION,
            "a Rails app's production gems",
        )
    } else if lower.contains("rails") {
        (
            facts::RAILS_GEMS_ALL_GROUPS,
            "a Rails app's gems, development and test groups included",
        )
    } else {
        (facts::RUBY_APP_GEMS, "a Ruby app's gems")
    };
    if a.dependencies_bytes.is_some() {
        return dependency_default(a, GEMFILE_GEMS, d);
    }
    let (d, mut basis) = dependency_default(a, &format!("{GEMFILE_GEMS}, {what}"), d);
    let cache_removed = cmds.iter().filter(|o| o.is("rm", &[])).any(|o| {
        o.argv
            .iter()
            .skip(1)
            .map(|w| w.to_ascii_lowercase())
            .any(|w| w.contains("cache") && (w.contains("bundle") || w.contains("gem")))
    });
    if !cache_removed {
        return (d, basis);
    }
    let keep = 1000 - facts::GEM_CACHE_SHARE;
    let f = fact(d.bytes * keep / 1000, d.low * keep / 1000, d.high);
    basis.push_str(&format!(
        "; the {GEM_CACHE_DELETED} in this RUN: −{} (its measured share of a bundle, data/MEASURED.md)",
        fmt_bytes(d.bytes - f.bytes)
    ));
    (f, basis)
}

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

/// Where a pip install was priced from PyPI as it was on an earlier date: that date, for the
/// basis (empty when today's table priced it).
fn pypi_then(inst: &sizes::pip::Install) -> String {
    match inst.as_of {
        Some((d, py)) => {
            format!(" (PyPI's versions on {d}, CPython {py} wheels, scripts/build_pip_history.py)")
        }
        None => String::new(),
    }
}

/// Stripped to unstripped, measured (data/MEASURED.md): a Go net/http server (`strip` or
/// `-ldflags "-s -w"`) and a Rust release hello world, with the measurement named.
const GO_STRIPPED: (u64, u64, &str) = (
    4_505_600,
    6_516_845,
    "measured: a Go net/http server, 4,505,600 of 6,516,845 B",
);
const RUST_STRIPPED: (u64, u64, &str) = (
    343_408,
    445_904,
    "measured: a Rust release hello world, 343,408 of 445,904 B",
);

/// A Rust dev-profile binary: the median starter's (axum), 3,008,424 of 26,997,584 B.
const RUST_DEBUG_STRIPPED: (u64, u64, &str) = (
    3_008_424,
    26_997_584,
    "measured: a Rust starter's dev-profile binary, 3,008,424 of 26,997,584 B",
);

/// What stripping keeps of `b` bytes: `minus` taken off outright, then `num`/`den` of the
/// rest. u128: the ratio's terms are millions, and a user's size may reach the 1 PB cap,
/// whose product with them overflows u64.
fn strip_kept(b: u64, minus: u64, num: u64, den: u64) -> u64 {
    (b.saturating_sub(minus) as u128 * num as u128 / den.max(1) as u128) as u64
}

/// What `strip` keeps of a binary the estimate built, by its artifact's basis: the bytes it
/// removes outright (the standard library's debuginfo an older Cargo left), then the
/// measured share of the rest.
fn strip_ratio(basis: &str) -> Option<(u64, u64, u64, &'static str)> {
    let ((num, den, what), minus) = if basis.starts_with("Go binary") {
        (GO_STRIPPED, 0)
    } else if basis.starts_with("Rust binary with the standard library's debuginfo") {
        (RUST_STRIPPED, facts::RUST_STD_DEBUGINFO)
    } else if basis.starts_with("Rust binary") {
        (RUST_STRIPPED, 0)
    } else if basis.starts_with("Rust dev-profile binary") {
        (RUST_DEBUG_STRIPPED, 0)
    } else {
        return None;
    };
    Some((minus, num, den, what))
}

/// Whether the stage's copies bring a go.sum: named, or a whole tree copied, unless go.mod
/// was copied on its own without one (such a module has no third-party modules).
fn go_sum_copied(copied: &[String]) -> bool {
    if copied.iter().any(|f| f == "go.sum") {
        return true;
    }
    if copied.iter().any(|f| f == "go.mod") {
        return false;
    }
    // `.`, `./src`, `example-backend`: a directory, so the module's files come with it.
    copied.iter().any(|f| f == "." || !f.contains('.'))
}

/// The Go module cache, counted once per stage: the user's figure or the starters' default.
fn go_module_cache(st: &mut StageState, a: &Assumptions, what: &str) -> (Fact, String) {
    if st.go_modules {
        return (
            fact(0, 0, 0),
            "Go module cache: counted by an earlier step of this stage".into(),
        );
    }
    st.go_modules = true;
    dependency_default(a, what, facts::GO_MODULE_CACHE)
}

/// What `go build` without `-o` names its program: `go build hello.go` → `hello`, `go build
/// ./cmd/server` → `server`; for the current directory's package it is the module's or the
/// directory's last element, which the Dockerfile doesn't say: any file there (`*`).
fn go_build_name(c: &model::Command) -> String {
    let mut words = c.argv.iter().skip(2);
    let mut arg = None;
    while let Some(w) = words.next() {
        if w.starts_with('-') {
            // Flags that take a separate value.
            if !w.contains('=')
                && matches!(
                    w.trim_start_matches('-'),
                    "ldflags"
                        | "tags"
                        | "gcflags"
                        | "mod"
                        | "p"
                        | "trimpath=false"
                        | "buildmode"
                        | "installsuffix"
                )
            {
                words.next();
            }
            continue;
        }
        arg = Some(w.as_str());
        break;
    }
    match arg {
        Some(a) if a.ends_with(".go") => a
            .rsplit('/')
            .next()
            .unwrap_or(a)
            .trim_end_matches(".go")
            .to_string(),
        Some(a) if a != "." && a != "./" && !a.ends_with("...") => {
            let last = a.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            if last.is_empty() || last == "." {
                "*".to_string()
            } else {
                last.to_string()
            }
        }
        _ => "*".to_string(),
    }
}

/// The pip defaults (installed, wheels) for the app a Dockerfile shows: a Django app
/// (`manage.py`, `django`) or a Flask app (`flask`) takes its measured starter's; a FastAPI
/// app, and any other, the median, which is the FastAPI starter's. Takes the lowercased
/// Dockerfile ([`Doc::lower`]).
fn pip_defaults(t: &str) -> (Fact, Fact, &'static [&'static str]) {
    if t.contains("manage.py") || t.contains("django") {
        let (d, w) = facts::PIP_DJANGO_APP;
        (d, w, &["django", "gunicorn", "psycopg2-binary"])
    } else if t.contains("flask") && !t.contains("uvicorn") && !t.contains("fastapi") {
        let (d, w) = facts::PIP_FLASK_APP;
        (d, w, &["flask", "gunicorn"])
    } else {
        // The median of the three starters is FastAPI's.
        (
            facts::PIP_APP_DEPENDENCIES,
            facts::PIP_APP_DEPENDENCIES_WHEELS,
            &["fastapi", "uvicorn"],
        )
    }
}

/// A web app (ASP.NET Core) carries more of the framework than a console app: the
/// lowercased Dockerfile names aspnet or exposes a port.
fn dotnet_web(lower: &str) -> bool {
    lower.contains("aspnet") || lower.lines().any(|l| l.trim_start().starts_with("expose"))
}

/// What `dotnet publish` writes, by kind: Native AOT; self-contained and trimmed (by an SDK
/// before 8, `pre_8`, or since); self-contained (the app and the runtime, ASP.NET Core's for
/// a `web` app); or framework-dependent (the app's own assemblies).
fn dotnet_publish_output(
    aot: bool,
    sc: bool,
    trimmed: bool,
    pre_8: bool,
    web: bool,
) -> (Fact, &'static str) {
    if aot {
        (facts::DOTNET_NATIVE_AOT, "Native AOT")
    } else if sc && trimmed && pre_8 {
        (
            facts::DOTNET_SELF_CONTAINED_TRIMMED_PRE_8,
            "self-contained, trimmed by a .NET SDK before 8",
        )
    } else if sc && trimmed {
        (
            facts::DOTNET_SELF_CONTAINED_TRIMMED,
            "self-contained, trimmed",
        )
    } else if sc {
        let rt = if web {
            facts::DOTNET_ASPNET_RUNTIME
        } else {
            facts::DOTNET_RUNTIME
        };
        let app = facts::DOTNET_APP_FRAMEWORK_DEPENDENT;
        (
            Fact {
                bytes: rt.bytes + app.bytes,
                low: rt.low + app.low,
                high: rt.high + app.high,
                source: rt.source,
            },
            if web {
                "self-contained: the app and ASP.NET Core's framework"
            } else {
                "self-contained: the app and the .NET runtime"
            },
        )
    } else {
        (
            facts::DOTNET_APP_FRAMEWORK_DEPENDENT,
            "framework-dependent: the app's own assemblies",
        )
    }
}

/// A `dotnet publish` output folder built on the host (`COPY bin/Release/net6.0/publish/ .`,
/// `COPY /bin/Release/netcoreapp2.1/linux-x64/publish/ .`): the target framework's major
/// version (`netcoreapp2.1` → 2, `net6.0` → 6) and whether a runtime identifier folder
/// (`linux-x64`, `linux-musl-x64`) shows.
fn host_dotnet_publish(src: &str) -> Option<(Option<u32>, bool)> {
    let parts: Vec<&str> = src.split('/').filter(|p| !p.is_empty()).collect();
    let at = parts
        .iter()
        .position(|p| p.eq_ignore_ascii_case("publish"))?;
    if at + 1 < parts.len() && !(at + 2 == parts.len() && parts[at + 1].contains('*')) {
        return None;
    }
    let before = &parts[..at];
    let tfm = before.iter().find_map(|p| {
        let l = p.to_ascii_lowercase();
        let v = l
            .strip_prefix("netcoreapp")
            .or_else(|| l.strip_prefix("net").filter(|r| r.contains('.')))?;
        v.split('.').next()?.parse::<u32>().ok()
    });
    let rid = before.iter().any(|p| {
        ["linux-", "linux-musl-", "alpine-", "win-", "osx-"]
            .iter()
            .any(|pre| p.to_ascii_lowercase().starts_with(pre))
    });
    let release = before
        .iter()
        .any(|p| p.eq_ignore_ascii_case("release") || p.eq_ignore_ascii_case("debug"));
    (tfm.is_some() || release || rid).then_some((tfm, rid))
}

/// A step of installing Composer with its installer from getcomposer.org, in a RUN whose
/// script mentions it: `Some(true)` for the step that writes the phar (`php installer`,
/// `php composer-setup.php`, `… | php -- --install-dir=…`, a download of composer.phar),
/// `Some(false)` for the others (downloading the installer, `php -r` checks and unlinks).
fn composer_setup(c: &model::Command, script: &str) -> Option<bool> {
    if !script.contains("getcomposer.org") && !script.contains("composer-setup") {
        return None;
    }
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let words = &c.argv[1.min(c.argv.len())..];
    match prog {
        "curl" | "wget" if words.iter().any(|w| w.contains("getcomposer.org")) => Some(
            words
                .iter()
                .any(|w| w.contains("getcomposer.org") && w.ends_with(".phar")),
        ),
        "php" if words.iter().any(|w| w == "-r") => Some(false),
        "php"
            if words.is_empty()
                || words.iter().any(|w| {
                    w == "--"
                        || w.starts_with("--install-dir")
                        || w.starts_with("--filename")
                        || w.ends_with("installer")
                        || w.ends_with("composer-setup.php")
                }) =>
        {
            Some(true)
        }
        _ => None,
    }
}

/// A Dockerfile that shows a Next.js app: `next build`/`next start`, `.next` copied,
/// `next.config`. Takes the lowercased Dockerfile ([`Doc::lower`]).
fn shows_next(t: &str) -> bool {
    [
        "next build",
        "next start",
        "/.next",
        " .next",
        "next.config",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// What stands in for a Node app's package.json, which Slimfile cannot see:
/// create-next-app's measured dependencies for a Next.js app (`next build`/`next start`,
/// `.next` copied, `next.config`); for a front end built to static files, a server run from
/// its source (`node app.js`) or anything else, the median of that kind in a survey of 40
/// Node apps that public Dockerfiles build (data/npm/app-survey.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeApp {
    Next,
    FrontEnd,
    Server,
    Median,
}

impl NodeApp {
    /// Takes the lowercased Dockerfile ([`Doc::lower`]).
    fn of(t: &str) -> NodeApp {
        if shows_next(t) {
            NodeApp::Next
        } else if shows_front_end(t) {
            NodeApp::FrontEnd
        } else if plain_node_server(t) {
            NodeApp::Server
        } else {
            NodeApp::Median
        }
    }

    /// Its node_modules (production, with devDependencies) as npm installs it, or as yarn 1
    /// does (`yarn1`), which installs both libc builds of Next.js's native packages.
    fn node_modules(self, yarn1: bool) -> (Fact, Fact) {
        match self {
            NodeApp::Next if yarn1 => (facts::YARN_NEXT_APP, facts::YARN_NEXT_APP_WITH_DEV),
            NodeApp::Next => (facts::NPM_NEXT_APP, facts::NPM_NEXT_APP_WITH_DEV),
            NodeApp::FrontEnd => (facts::NPM_FRONTEND_APP, facts::NPM_FRONTEND_APP_WITH_DEV),
            NodeApp::Server => (facts::NPM_SERVER_APP, facts::NPM_SERVER_APP),
            NodeApp::Median => (
                facts::NPM_APP_DEPENDENCIES,
                facts::NPM_APP_DEPENDENCIES_WITH_DEV,
            ),
        }
    }

    /// What yarn 1's cache holds after `yarn install` of it, its devDependencies included
    /// whatever the flags: create-next-app's measured cache for a Next.js app, without
    /// TypeScript 7's platform builds for an estimate as of a month before they came; for the
    /// others, the median cache of that kind in the survey.
    fn yarn_cache(self, as_of: Option<&str>) -> Fact {
        match self {
            NodeApp::Next if as_of.is_some_and(|d| d < facts::TYPESCRIPT_7_RELEASED) => {
                let (y, ts7) = (facts::YARN_CACHE_NEXT_APP, facts::YARN_CACHE_TS7_PLATFORMS);
                Fact {
                    bytes: y.bytes - ts7,
                    high: y.high - ts7,
                    ..y
                }
            }
            NodeApp::Next => facts::YARN_CACHE_NEXT_APP,
            NodeApp::FrontEnd => facts::YARN_CACHE_FRONTEND_APP,
            NodeApp::Server => facts::YARN_CACHE_SERVER_APP,
            NodeApp::Median => facts::YARN_CACHE_APP,
        }
    }
}

/// A front end built to static files: the Dockerfile names Vite, Create React App, Vue CLI
/// or Angular's build (`ng build`), serves a folder with `serve`, `http-server` or
/// `live-server`, or puts files in nginx's html folder. Comment lines do not count. Takes the
/// lowercased Dockerfile.
fn shows_front_end(t: &str) -> bool {
    const BUILDERS: [&str; 3] = ["vite", "react-scripts", "vue-cli-service"];
    t.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .any(|l| {
            let words: Vec<&str> = l
                .split(|c: char| c.is_whitespace() || "[]\",'&;|".contains(c))
                .filter(|w| !w.is_empty())
                .collect();
            l.contains("/usr/share/nginx/html")
                || words.windows(2).any(|w| w == ["ng", "build"])
                || words
                    .iter()
                    .any(|w| BUILDERS.contains(w) || model::is_static_file_server(w))
        })
}

/// Yarn 2+ (Berry) rather than Yarn 1: the Dockerfile enables corepack, names
/// `.yarnrc.yml` or `.yarn/releases`, sets a version or installs `--immutable`. Takes the
/// lowercased Dockerfile.
fn yarn_berry(t: &str) -> bool {
    [
        "corepack",
        ".yarnrc.yml",
        ".yarn/releases",
        "yarn set version",
        "--immutable",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A Node server with no build step that runs a source file (`CMD ["node", "app.js"]`):
/// the shape of an Express app, not of a TypeScript, NestJS or front-end build. Takes the
/// lowercased Dockerfile.
fn plain_node_server(t: &str) -> bool {
    const BUILDS: [&str; 11] = [
        "npm run build",
        "yarn build",
        "yarn run build",
        "pnpm build",
        "pnpm run build",
        "tsc",
        "nest build",
        "vite build",
        "webpack",
        "ng build",
        "npx ",
    ];
    if BUILDS.iter().any(|b| t.contains(b)) {
        return false;
    }
    t.lines().map(str::trim_start).any(|l| {
        (l.starts_with("cmd") || l.starts_with("entrypoint"))
            && l.split(|ch: char| ch.is_whitespace() || "[]\",".contains(ch))
                .any(|w| w == "node" || w.ends_with("/node"))
            && [".js", ".mjs", ".cjs"].iter().any(|e| l.contains(e))
            && !["dist/", "build/", ".next", "out/"]
                .iter()
                .any(|d| l.contains(d))
    })
}

/// A virtualenv with pip (`python -m venv`): measured per CPython minor, or the middle of
/// the measured ones with their range when the minor is not known.
fn venv_with_pip(known: Option<u32>) -> (Fact, String) {
    let mut sizes: Vec<u64> = facts::VENV_WITH_PIP.iter().map(|(_, b)| *b).collect();
    sizes.sort();
    let (lo, hi) = (
        sizes.first().copied().unwrap_or(0),
        sizes.last().copied().unwrap_or(0),
    );
    match known.and_then(|m| facts::VENV_WITH_PIP.iter().find(|(v, _)| *v == m)) {
        Some((m, b)) => (
            fact(*b, *b * 9 / 10, *b * 11 / 10),
            format!(
                "virtualenv with the pip ensurepip bundles: {} (measured with CPython 3.{m}, data/MEASURED.md)",
                fmt_bytes(*b)
            ),
        ),
        None => {
            let mid = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
            (
                fact(mid, lo, hi),
                format!(
                    "virtualenv with the pip ensurepip bundles: {} ({}–{} across CPython 3.8–3.13, measured, data/MEASURED.md)",
                    fmt_bytes(mid),
                    fmt_bytes(lo),
                    fmt_bytes(hi)
                ),
            )
        }
    }
}

/// The Node.js line NodeSource's setup script names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NodeLine {
    Major(u32),
    /// `setup_lts.x`: the newest even-numbered (long-term support) major.
    Lts,
    /// `setup_current.x` or plain `setup`: the newest major.
    Current,
}

impl NodeLine {
    /// The major it stands for among the measured releases.
    fn major(self) -> Option<u32> {
        match self {
            NodeLine::Major(m) => Some(m),
            NodeLine::Lts => sizes::dist::newest_major("Node.js", |m| m % 2 == 0),
            NodeLine::Current => sizes::dist::newest_major("Node.js", |_| true),
        }
    }
}

/// An installer script a RUN downloads and pipes into a shell or Python.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Installer {
    /// NodeSource's apt setup: `setup_20.x`, `setup_lts.x`, `setup_current.x`.
    NodeSource(NodeLine),
    /// astral.sh/uv/install.sh: the uv and uvx binaries in ~/.local/bin.
    Uv,
    /// install.python-poetry.org: Poetry in a virtualenv of its own.
    Poetry,
    /// nvm's install.sh: a git checkout of nvm in ~/.nvm, of a size Slimfile does not know.
    Nvm,
}

/// `nvm install [VERSION | --lts | node]`: the official Node.js build of that release in
/// $NVM_DIR/versions/node, and its archive, which nvm keeps in $NVM_DIR/.cache/bin (its
/// `nvm_install_binary_extract` deletes only the unpacked copy) unless `nvm cache clear` or a
/// `rm` of the cache runs in the same RUN. nvm fetches .tar.xz when xz is installed, else
/// .tar.gz: the archive's range spans both ratios.
fn nvm_install(c: &model::Command, cmds: &[model::Command]) -> (Fact, String) {
    let args: Vec<&str> = c.argv.iter().skip(2).map(String::as_str).collect();
    let named = args.iter().find(|a| !a.starts_with('-')).copied();
    // Node.js's LTS code names (`lts/hydrogen`, `--lts=gallium`).
    const LTS_NAMES: [(&str, u32); 11] = [
        ("argon", 4),
        ("boron", 6),
        ("carbon", 8),
        ("dubnium", 10),
        ("erbium", 12),
        ("fermium", 14),
        ("gallium", 16),
        ("hydrogen", 18),
        ("iron", 20),
        ("jod", 22),
        ("krypton", 24),
    ];
    let lts_flag = args.iter().find_map(|a| a.strip_prefix("--lts"));
    let lts_name = lts_flag
        .and_then(|v| v.strip_prefix('='))
        .or_else(|| named.and_then(|n| n.strip_prefix("lts/")));
    let node = |v: Option<String>| sizes::dist::Dist::release("Node.js", v);
    // A major the table lacks: the nearest measured release, with a range over its neighbours.
    let of_major = |m: u32| {
        sizes::dist::newest_of_major("Node.js", Some(m))
            .or_else(|| sizes::dist::unpacked(&node(Some(m.to_string()))))
    };
    let lts_major = lts_name.and_then(|n| {
        LTS_NAMES
            .iter()
            .find(|(name, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, m)| m)
    });
    let found = if let Some(m) = lts_major {
        of_major(m)
    } else if lts_flag.is_some() || lts_name.is_some() {
        NodeLine::Lts.major().and_then(of_major)
    } else {
        match named.map(|v| v.trim_start_matches('v')) {
            Some("node" | "stable" | "latest" | "current") => {
                NodeLine::Current.major().and_then(of_major)
            }
            Some(v) if v.contains('.') && !v.contains('$') => {
                sizes::dist::unpacked(&node(Some(v.to_string())))
            }
            Some(v) if v.parse::<u32>().is_ok() => v.parse().ok().and_then(of_major),
            // No version (.nvmrc) or a variable: the range over every measured release.
            _ => sizes::dist::unpacked(&node(None)),
        }
    };
    let Some((f, b)) = found else {
        return (
            fact(0, 0, 0),
            "nvm install: a release the Node.js table lacks, not counted".into(),
        );
    };
    let cleared = cmds.iter().any(|o| {
        o.is("nvm", &["cache", "clear"])
            || (o.is("rm", &[])
                && o.argv
                    .iter()
                    .any(|w| w.to_ascii_lowercase().contains("nvm") && w.contains(".cache")))
    });
    if cleared {
        return (
            f,
            format!("nvm install: {b}; its download cache cleared in the same RUN"),
        );
    }
    let (xz, gz) = (facts::XZ_TOOLCHAIN_PER_BYTE, facts::GZIP_PER_BYTE);
    let archive = fact(
        f.bytes * xz.bytes / 1000,
        f.bytes * xz.low / 1000,
        f.bytes * gz.bytes / 1000,
    );
    (
        add(f, archive),
        format!(
            "nvm install: {b}; nvm keeps the downloaded archive in $NVM_DIR/.cache: about {} ({}; `nvm cache clear` in the same RUN avoids it)",
            fmt_bytes(archive.bytes),
            xz.source
        ),
    )
}

/// A shell or Python reading its script from stdin (`sh`, `bash -s -- -y`, `python3 -`):
/// what runs an installer piped from curl. Not `bash build.sh` or `bash -c '…'`.
fn runs_piped_script(c: &model::Command) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if !matches!(prog, "sh" | "bash" | "dash" | "python" | "python3") {
        return false;
    }
    let mut args = c.argv.iter().skip(1).take_while(|w| *w != "--");
    args.all(|w| w == "-" || (w.starts_with('-') && w != "-c" && !w.starts_with("-c")))
}

/// `curl`/`wget` of an installer script Slimfile knows.
fn installer_script(c: &model::Command) -> Option<Installer> {
    let (url, _) = model::download(&c.argv)?;
    let host_path = url.split("://").nth(1).unwrap_or("");
    if let Some(tail) = host_path.strip_prefix("deb.nodesource.com/setup") {
        let line = match tail.trim_start_matches('_').trim_end_matches(".x") {
            "lts" => NodeLine::Lts,
            m => m.parse().map_or(NodeLine::Current, NodeLine::Major),
        };
        return Some(Installer::NodeSource(line));
    }
    if host_path.starts_with("astral.sh/uv/") && host_path.ends_with("install.sh") {
        return Some(Installer::Uv);
    }
    if host_path.trim_end_matches('/') == "install.python-poetry.org" {
        return Some(Installer::Poetry);
    }
    if host_path.contains("nvm-sh/nvm/") && host_path.ends_with("/install.sh") {
        return Some(Installer::Nvm);
    }
    None
}

/// `curl`/`wget` of a package repository's signing key: a URL ending in `.gpg`, `.asc`,
/// `.key`, `.pub` or `/gpg`, `/gpgkey` (download.docker.com/linux/debian/gpg,
/// dl.yarnpkg.com/debian/pubkey.gpg, deb.nodesource.com/gpgkey/nodesource-repo.gpg.key).
fn signing_key_download(c: &model::Command) -> bool {
    model::download(&c.argv).is_some_and(|(url, _)| {
        let u = url.to_ascii_lowercase();
        let path = u.split(['?', '#']).next().unwrap_or("");
        [".gpg", ".asc", ".key", ".pub", "/gpg", "/gpgkey"]
            .iter()
            .any(|e| path.ends_with(e))
    })
}

/// A download of a toolchain's release archive (`curl -fsSL URL`, `wget -O go.tgz URL`).
struct Download {
    dist: sizes::dist::Dist,
    /// The file it writes; None when it writes to stdout, into a pipe.
    file: Option<String>,
    program: String,
    /// A `tar` of the same RUN unpacked it.
    used: bool,
}

/// `curl`/`wget` of a release archive the toolchain tables know (Node.js, Go).
fn toolchain_download(c: &model::Command) -> Option<Download> {
    let (url, file) = model::download(&c.argv)?;
    Some(Download {
        dist: sizes::dist::dist_of_url(&url)?,
        file,
        program: c.program().rsplit('/').next().unwrap_or("").to_string(),
        used: false,
    })
}

/// Where `go install importpath[@version]` / GOPATH-era `go get importpath` puts the
/// command: $GOBIN, else $GOPATH/bin (the golang images: /go/bin), named after the import
/// path's last element (a `/vN` major-version suffix skipped). None for `./...`, local
/// paths and flags only.
fn go_bin_path(c: &model::Command, env: &BTreeMap<String, String>) -> Option<String> {
    let arg = c.argv.iter().skip(2).find(|w| !w.starts_with('-'))?;
    let path = arg.split('@').next().unwrap_or(arg);
    if path.starts_with('.') || path.ends_with("...") || !path.contains('.') {
        return None;
    }
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let mut name = parts.next()?;
    if name.len() > 1 && name.starts_with('v') && name[1..].chars().all(|ch| ch.is_ascii_digit()) {
        name = parts.next()?;
    }
    let (gobin, gopath) = (model::expand("$GOBIN", env), model::expand("$GOPATH", env));
    let dir = match (gobin.is_empty(), gopath.is_empty()) {
        (false, _) => gobin,
        (true, false) => format!("{gopath}/bin"),
        (true, true) => "/go/bin".to_string(),
    };
    Some(format!("{}/{name}", dir.trim_end_matches('/')))
}

/// The build tool a command runs and whether it builds a jar: `mvn package`, `./mvnw
/// install`, `gradle build`, `./gradlew bootJar` → Some(("maven" | "gradle", builds)).
fn java_build(c: &model::Command) -> Option<(&'static str, bool)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let tool = match prog {
        "mvn" | "mvnw" => "maven",
        "gradle" | "gradlew" => "gradle",
        _ => return None,
    };
    let builds = c.argv.iter().skip(1).any(|w| {
        matches!(
            w.as_str(),
            "package"
                | "install"
                | "verify"
                | "deploy"
                | "build"
                | "assemble"
                | "bootJar"
                | "jar"
                | "shadowJar"
        ) || w.ends_with(":repackage")
            // The assembly and shade plugins' goals write a jar with its dependencies.
            || w == "assembly:single"
            || w == "shade:shade"
    });
    Some((tool, builds))
}

/// A Java build that compiles a GraalVM native executable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NativeBuild {
    /// Native Build Tools' goals, as Spring Boot 3 documents them: `mvn -Pnative
    /// native:compile`, `gradle nativeCompile`.
    Spring,
    /// `mvn package -Dnative` (or `-Dquarkus.native.enabled=true`,
    /// `-Dquarkus.package.type=native`).
    Quarkus,
}

impl NativeBuild {
    fn fact(self) -> Fact {
        match self {
            NativeBuild::Spring => facts::SPRING_NATIVE_EXECUTABLE,
            NativeBuild::Quarkus => facts::QUARKUS_NATIVE_EXECUTABLE,
        }
    }

    fn name(self) -> &'static str {
        match self {
            NativeBuild::Spring => "GraalVM",
            NativeBuild::Quarkus => "Quarkus",
        }
    }

    /// Where the executable lands, relative to the project.
    fn dir(self, tool: &str) -> &'static str {
        match (self, tool) {
            (_, "maven") => "target/*",
            (NativeBuild::Spring, _) => "build/native/nativeCompile/*",
            (NativeBuild::Quarkus, _) => "build/*",
        }
    }
}

fn native_build(c: &model::Command) -> Option<NativeBuild> {
    let args = || c.argv.iter().skip(1).map(String::as_str);
    if args().any(|w| w.starts_with("native:compile") || w == "nativeCompile") {
        Some(NativeBuild::Spring)
    } else if args().any(|w| {
        w == "-Dnative"
            || w == "-Dquarkus.native.enabled=true"
            || w == "-Dquarkus.package.type=native"
    }) {
        Some(NativeBuild::Quarkus)
    } else {
        None
    }
}

/// A front-end build: `npm run build`, `yarn build`, `pnpm run build`, `vite build`, or a
/// package script named like one (`build:prod`, `app:build`, `compile`).
fn frontend_build(c: &model::Command) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let args: Vec<&str> = c.argv.iter().skip(1).map(String::as_str).collect();
    let build = |s: &&str| {
        matches!(*s, "build" | "compile" | "dist")
            || s.starts_with("build:")
            || s.ends_with(":build")
            || s.starts_with("compile:")
    };
    match prog {
        "npm" => {
            matches!(args.first(), Some(&"run") | Some(&"run-script"))
                && args.get(1).is_some_and(build)
        }
        "yarn" | "pnpm" | "bun" => {
            args.first().is_some_and(build)
                || (args.first() == Some(&"run") && args.get(1).is_some_and(build))
        }
        "vite" | "ng" => args.first() == Some(&"build"),
        "next" => args.first() == Some(&"build"),
        "npx" => {
            args.starts_with(&["vite", "build"])
                || args.starts_with(&["ng", "build"])
                || args.starts_with(&["next", "build"])
        }
        _ => false,
    }
}

/// Files copied out of a tool image whose contents are measured: uv's image
/// (`COPY --from=ghcr.io/astral-sh/uv /uv /uvx /bin/`) holds the same static musl binaries
/// as its PyPI wheel.
/// The composer image's `/usr/bin/composer` is the Composer phar.
fn image_files(from: &str, sources: &[String]) -> Option<(Fact, String)> {
    let r = sizes::parse_image_ref(from)?;
    let name = r.name.as_str();
    // The golang image's /usr/local/go is Go's release tree, which the Go table derives
    // from those images: the release the tag names (`golang:1.22-alpine`), else the newest.
    if name == "golang"
        && !sources.is_empty()
        && sources
            .iter()
            .all(|s| s.trim_end_matches('/') == "/usr/local/go")
    {
        let version: String = r
            .tag
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let d = sizes::dist::Dist::release("Go", version.contains('.').then_some(version));
        let (f, basis) = sizes::dist::unpacked(&d)?;
        return Some((f, format!("/usr/local/go from {from}: {basis}")));
    }
    // The node image's Node.js (`COPY --from=node:22-slim /usr/local/bin/node …`): parts
    // of the release of the tag's major, measured from the official build.
    if name == "node" {
        use sizes::dist::NodePart;
        let major = r
            .tag
            .split(['.', '-'])
            .next()
            .and_then(|m| m.parse::<u32>().ok());
        let mut total = fact(0, 0, 0);
        let mut parts = Vec::new();
        for s in sources {
            let part = match s.trim_end_matches('/') {
                "/usr/local/bin/node" | "/usr/local/bin" => NodePart::Program,
                "/usr/local/lib/node_modules" => NodePart::Modules,
                "/usr/local/include/node" | "/usr/local/include" => NodePart::Headers,
                _ => return None,
            };
            let (f, basis) = sizes::dist::node_part(major, part)?;
            total = add(total, f);
            parts.push(format!("{s}: {basis}"));
        }
        let musl = if r.tag.contains("alpine") {
            " (the official linux-x64 build's size stands in for Alpine's musl build)"
        } else {
            ""
        };
        return (!parts.is_empty())
            .then(|| (total, format!("from {from}{musl}: {}", parts.join("; "))));
    }
    if !sizes::is_uv_image(name) && name != "composer" {
        return None;
    }
    let mut total = fact(0, 0, 0);
    let mut names = Vec::new();
    let mut source = "";
    for s in sources {
        let f = match (
            name,
            s.trim_end_matches('/').rsplit('/').next().unwrap_or(""),
        ) {
            ("composer", "composer") => facts::COMPOSER_PHAR,
            (_, "uv") => facts::UV_BINARY,
            (_, "uvx") => facts::UVX_BINARY,
            _ => return None,
        };
        source = f.source;
        total = add(total, f);
        names.push(s.as_str());
    }
    (!names.is_empty()).then(|| {
        (
            total,
            format!(
                "{} from {from}: {} ({source})",
                names.join(", "),
                fmt_bytes(total.bytes),
            ),
        )
    })
}

/// `chown -R user:group a b`, `chmod -R 755 a`, `chgrp -R g a`: the paths changed.
fn recursive_owner_change(c: &model::Command) -> Option<Vec<String>> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if !matches!(prog, "chown" | "chmod" | "chgrp") {
        return None;
    }
    let recursive = c.argv.iter().skip(1).any(|w| {
        w == "--recursive" || (w.starts_with('-') && !w.starts_with("--") && w.contains('R'))
    });
    if !recursive {
        return None;
    }
    let operands: Vec<String> = c
        .argv
        .iter()
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .cloned()
        .collect();
    // The first operand is the owner or the mode (`--reference=f` has none).
    let skip = usize::from(!c.argv.iter().any(|w| w.starts_with("--reference")));
    Some(operands.into_iter().skip(skip).collect())
}

/// The Red Hat-family package managers.
const RPM_TOOLS: [&str; 4] = ["dnf", "yum", "microdnf", "tdnf"];

/// `dnf install -y a b`, `yum -y install a`, `microdnf install a`: the tool and the names.
fn rpm_install(c: &model::Command) -> Option<(&'static str, Vec<String>)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let tool = RPM_TOOLS.iter().copied().find(|t| *t == prog)?;
    // Options that take the next word as their value.
    const VALUED: &[&str] = &[
        "--enablerepo",
        "--disablerepo",
        "--installroot",
        "--releasever",
        "--setopt",
        "-x",
        "--exclude",
        "--repo",
        "--repofrompath",
        "--config",
        "-c",
    ];
    let mut words: Vec<&String> = Vec::new();
    let mut it = c.argv.iter().skip(1);
    while let Some(w) = it.next() {
        if VALUED.contains(&w.as_str()) {
            it.next();
        } else if !w.starts_with('-') {
            words.push(w);
        }
    }
    if words.first().map(|w| w.as_str()) != Some("install") {
        return None;
    }
    let names = words
        .into_iter()
        .skip(1)
        .filter(|w| !w.contains('$') && !w.contains('`'))
        .cloned()
        .collect();
    Some((tool, names))
}

/// Who compiles a PHP extension into an official `php` image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhpTool {
    /// `docker-php-ext-install`: builds from the image's PHP sources; the system
    /// libraries come from the `-dev` packages the Dockerfile installed itself.
    DockerPhpExt,
    /// `pecl install`: downloads and builds from PECL.
    Pecl,
    /// mlocati's `install-php-extensions`: installs the libraries the extension loads
    /// and removes its build dependencies.
    Mlocati,
}

/// `docker-php-ext-install [-j N] ext…`, `pecl install [-o -f] ext…`,
/// `install-php-extensions ext…`: the tool and the extensions named.
fn php_extensions(c: &model::Command) -> Option<(PhpTool, Vec<String>)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let (tool, rest) = match prog {
        "docker-php-ext-install" => (PhpTool::DockerPhpExt, 1),
        "install-php-extensions" => (PhpTool::Mlocati, 1),
        "pecl" if c.argv.get(1).map(String::as_str) == Some("install") => (PhpTool::Pecl, 2),
        _ => return None,
    };
    let mut names = Vec::new();
    let mut skip_value = false;
    for w in c.argv.iter().skip(rest) {
        if skip_value {
            skip_value = false;
        } else if matches!(
            w.as_str(),
            "-j" | "--jobs" | "--ini-name" | "-D" | "--configureoptions"
        ) {
            skip_value = true;
        } else if !w.starts_with('-') && !w.contains(['$', '`', '(', ')', '=', '\'', '"']) {
            names.push(w.clone());
        }
    }
    Some((tool, names))
}

/// The bytes PHP extensions add: each .so as Debian builds it; for
/// `install-php-extensions` on a Debian-based image, also the libraries it keeps.
fn php_extension_layer(
    tool: PhpTool,
    names: &[String],
    cmds: &[model::Command],
    st: &mut StageState,
) -> (Fact, String, bool) {
    let inst = sizes::php::install(names);
    let so = inst.so_bytes;
    // docker-php-ext-install strips what it builds (docker-library/php#1268), as
    // install-php-extensions does; `pecl install` does not unless the Dockerfile strips.
    let stripped = tool != PhpTool::Pecl || cmds.iter().any(|o| o.is("strip", &[]));
    let mut f = fact(so, so, if stripped { so } else { so.saturating_mul(2) });
    let mut parts = vec![format!(
        "PHP extension(s) {}: {} of .so (measured from Debian bookworm's packages, data/php/extensions.tsv){}",
        inst.known
            .iter()
            .map(|e| e.name)
            .collect::<Vec<_>>()
            .join(", "),
        fmt_bytes(so),
        if stripped {
            ""
        } else {
            "; pecl builds unstripped, so up to 2×"
        }
    )];
    if inst.known.is_empty() {
        parts[0] = "PHP extension(s): none with a size".into();
    }
    if !inst.builtin.is_empty() {
        parts.push(format!(
            "already compiled into the php image: {}",
            inst.builtin.join(", ")
        ));
    }
    if !inst.unknown.is_empty() {
        parts.push(format!(
            "not in the extension table (not counted): {}",
            inst.unknown.join(", ")
        ));
    }
    if tool == PhpTool::Mlocati {
        let runtime: Vec<String> = inst
            .known
            .iter()
            .flat_map(|e| e.runtime.iter().map(|r| r.to_string()))
            .collect();
        match st.apt.as_mut() {
            Some(present) if !runtime.is_empty() => {
                let libs = sizes::apt::install_in(st.apt_release, &runtime, false, present);
                present.extend(libs.new.iter().copied());
                let kept = apt_kept(&libs, st.slim);
                f = add(f, kept);
                parts.push(format!(
                    "libraries it keeps: {} new Debian package(s), {}{}",
                    libs.new.len(),
                    fmt_bytes(kept.bytes),
                    if libs.unknown.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (not in the {} table, not counted: {})",
                            st.apt_release.name(),
                            libs.unknown.join(" ")
                        )
                    }
                ));
            }
            // On Alpine it installs the same libraries' Alpine packages: priced as
            // Debian's, scaled as other Alpine packages the table lacks.
            None if !runtime.is_empty() && st.musl => {
                let debian = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
                let libs = sizes::apt::equivalents(&runtime, |n| Some(n.to_string()), debian);
                let approx = per_mille(libs.bytes, facts::APK_PER_DEBIAN);
                f = add(f, approx);
                parts.push(format!(
                    "the libraries it installs, approximated (low confidence): Debian's {} ({} package(s) with dependencies, {} on a slim image) {}",
                    runtime.join(" "),
                    libs.packages,
                    fmt_bytes(libs.bytes),
                    ratio_text(facts::APK_PER_DEBIAN)
                ));
            }
            None if !runtime.is_empty() => {
                parts.push("the system libraries it installs on this base: not counted".into())
            }
            _ => {}
        }
    }
    if tool == PhpTool::Pecl
        && !cmds
            .iter()
            .any(|o| o.argv.iter().any(|w| w.starts_with("/tmp/pear")))
    {
        parts.push("pecl's download cache in /tmp/pear stays (size not in the tables)".into());
    }
    let unknown = inst.known.is_empty() && !inst.unknown.is_empty();
    (f, parts.join("; "), unknown)
}

/// Where `poetry install` creates its virtualenv, when not in the project or the system:
/// POETRY_VIRTUALENVS_PATH, else `{cache-dir}/virtualenvs` (POETRY_CACHE_DIR, default
/// ~/.cache/pypoetry), per Poetry's configuration docs.
fn poetry_venv_dir(env: &BTreeMap<String, String>) -> Option<String> {
    let truthy = |k: &str| {
        env.get(k)
            .map(|v| v.to_ascii_lowercase())
            .map(|v| v == "true" || v == "1")
    };
    // An active virtualenv is where Poetry installs.
    if truthy("POETRY_VIRTUALENVS_CREATE") == Some(false)
        || truthy("POETRY_VIRTUALENVS_IN_PROJECT") == Some(true)
        || env.get("VIRTUAL_ENV").is_some_and(|v| !v.is_empty())
    {
        return None;
    }
    if let Some(p) = env.get("POETRY_VIRTUALENVS_PATH").filter(|p| !p.is_empty()) {
        return Some(p.clone());
    }
    let cache = env
        .get("POETRY_CACHE_DIR")
        .filter(|p| !p.is_empty())
        .cloned()
        .unwrap_or_else(|| "/root/.cache/pypoetry".into());
    Some(format!("{}/virtualenvs", cache.trim_end_matches('/')))
}

/// The lock file a project installer reads (`uv sync`, `poetry install`, `pipenv install`,
/// `pdm install`): its dependencies are the app's, which Slimfile cannot see.
fn lockfile_install(c: &model::Command) -> Option<&'static str> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    let sub = words.get(1).copied();
    let named = words
        .get(2..)
        .is_some_and(|rest| rest.iter().any(|w| !w.starts_with('-')));
    match (prog, sub) {
        ("uv", Some("sync")) => Some("uv.lock"),
        ("poetry", Some("install")) => Some("poetry.lock"),
        ("pipenv", Some("install" | "sync")) if !named => Some("Pipfile.lock"),
        ("pdm", Some("install" | "sync")) => Some("pdm.lock"),
        _ => None,
    }
}

/// Whether a lock-file install also installs the project's dev group, as `uv sync`,
/// `poetry install` and `pdm install` do by default (`pipenv` only with `--dev`).
fn installs_dev_group(c: &model::Command, env: &BTreeMap<String, String>) -> bool {
    let has = |w: &str| c.argv.iter().any(|a| a == w);
    let pair = |k: &str, v: &str| {
        c.argv.windows(2).any(|p| p[0] == k && p[1] == v) || has(&format!("{k}={v}"))
    };
    match lockfile_install(c) {
        Some("uv.lock") => {
            !(has("--no-dev")
                || has("--no-default-groups")
                || pair("--no-group", "dev")
                || c.argv.iter().any(|a| a.starts_with("--only-group"))
                || ["UV_NO_DEV", "UV_NO_DEFAULT_GROUPS"]
                    .iter()
                    .any(|k| env.get(*k).is_some_and(|v| !v.is_empty() && v != "0")))
        }
        Some("poetry.lock") => {
            // `--only main`, `--only=main`, `--only-root`: no dev group.
            !(has("--no-dev")
                || pair("--without", "dev")
                || c.argv.iter().any(|a| a.starts_with("--only")))
        }
        Some("pdm.lock") => !(has("--prod") || has("--production") || has("-P")),
        Some("Pipfile.lock") => has("--dev") || has("-d"),
        _ => false,
    }
}

/// Which Python installer a [`PipInstall`] runs: they differ in what they compile and cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PyInstaller {
    Pip,
    Uv,
    Poetry,
    /// pipenv, PDM.
    Other,
}

/// A Python package install [`pip_install`] read.
struct PipInstall {
    reqs: Vec<String>,
    /// `-r` files, paths and URLs, or the lock file.
    files: Vec<String>,
    /// `--no-cache-dir` (pip), `--no-cache` (a lock-file installer).
    no_cache: bool,
    installer: PyInstaller,
    /// The lock file a lock-file installer reads ([`lockfile_install`]).
    lock: Option<&'static str>,
}

/// `pip install …`, `pip3 install …`, `python -m pip install …`, `uv pip install …`, and the
/// lock-file installers above.
fn pip_install(c: &model::Command) -> Option<PipInstall> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    if let Some(lock) = lockfile_install(c) {
        return Some(PipInstall {
            reqs: Vec::new(),
            files: vec![lock.to_string()],
            no_cache: c.argv.iter().any(|w| w == "--no-cache"),
            installer: match prog {
                "uv" => PyInstaller::Uv,
                "poetry" => PyInstaller::Poetry,
                _ => PyInstaller::Other,
            },
            lock: Some(lock),
        });
    }
    let (rest, installer) = if prog.starts_with("pip") && words.get(1) == Some(&"install") {
        (&words[2..], PyInstaller::Pip)
    } else if prog == "uv" && words.get(1) == Some(&"pip") && words.get(2) == Some(&"install") {
        (&words[3..], PyInstaller::Uv)
    } else if prog.starts_with("python")
        && words.get(1) == Some(&"-m")
        && words.get(2).is_some_and(|w| w.starts_with("pip"))
        && words.get(3) == Some(&"install")
    {
        (&words[4..], PyInstaller::Pip)
    } else if prog.starts_with("python")
        && words.get(1..4) == Some(&["-m", "uv", "pip"][..])
        && words.get(4) == Some(&"install")
    {
        (&words[5..], PyInstaller::Uv)
    } else {
        return None;
    };
    let mut reqs = Vec::new();
    let mut files = Vec::new();
    let mut no_cache = false;
    let mut it = rest.iter();
    while let Some(w) = it.next() {
        match *w {
            // pip takes unambiguous prefixes of long options: `--no-cache` is `--no-cache-dir`.
            w if w.len() >= 7 && "--no-cache-dir".starts_with(w) => no_cache = true,
            "-r" | "--requirement" | "-c" | "--constraint" => {
                if let Some(f) = it.next() {
                    if !w.starts_with("-c") && *w != "--constraint" {
                        files.push(f.to_string());
                    }
                }
            }
            "-i" | "--index-url" | "--extra-index-url" | "-f" | "--find-links" | "--target"
            | "-t" | "--prefix" | "--root" | "--platform" | "--python-version" | "--cert"
            | "--client-cert" | "--trusted-host" | "--proxy" | "--timeout" | "--retries"
            | "--src" | "--implementation" | "--abi" | "--progress-bar" | "--only-binary"
            | "--no-binary" | "--python" | "-p" | "--cache-dir" | "--link-mode"
            | "--index-strategy" | "--resolution" | "--exclude-newer" | "-C"
            | "--config-settings" | "--default-index" | "--index" | "--keyring-provider" => {
                it.next();
            }
            w if w.starts_with('-') => {}
            w if w == "."
                || w.starts_with("./")
                || w.starts_with('/')
                || w.ends_with(".whl")
                || w.contains("://") =>
            {
                files.push(w.to_string())
            }
            w => reqs.push(w.to_string()),
        }
    }
    Some(PipInstall {
        reqs,
        files,
        no_cache,
        installer,
        lock: None,
    })
}

/// How a layer that uses a default for the app's dependencies says it can be replaced.
const DEPS_HINT: &str = "set yours as “Downloaded dependencies” under Assumptions";

/// What a layer says of dependencies it cannot see.
const UNKNOWN_DEPS: &str =
    "dependencies of unknown size, not counted (set “Downloaded dependencies” under Assumptions)";

/// Where a pip install puts its packages: `--target`/`--prefix`, the virtualenv whose pip
/// runs (by path, `VIRTUAL_ENV`, or the first `…/bin` on `PATH`), else the system site-packages.
fn pip_destination(c: &model::Command, env: &BTreeMap<String, String>) -> String {
    if let Some(t) = c.option(&["--target", "-t", "--prefix"]) {
        return normalise(t);
    }
    // `pip install --user`: PYTHONUSERBASE, else ~/.local.
    if c.argv.iter().any(|w| w == "--user") {
        return env
            .get("PYTHONUSERBASE")
            .filter(|b| !b.is_empty())
            .map_or_else(|| "/root/.local".to_string(), |b| normalise(b));
    }
    let prog = c.program();
    if let Some((venv, _)) = prog.rsplit_once("/bin/") {
        if !venv.is_empty() && venv != "/usr" && venv != "/usr/local" {
            return normalise(venv);
        }
    }
    if let Some(v) = env.get("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        return normalise(v);
    }
    if let Some(first) = env.get("PATH").and_then(|p| p.split(':').next()) {
        if let Some(venv) = first.strip_suffix("/bin") {
            if !venv.is_empty()
                && !matches!(venv, "/usr" | "/usr/local" | "" | "/")
                && !venv.contains('$')
            {
                return normalise(venv);
            }
        }
    }
    "/usr/local/lib/python3".to_string()
}

/// `npm install|i|ci|add`, `yarn [install|add]`, `pnpm install|add`: (named packages, global, --omit=dev).
fn npm_install(c: &model::Command) -> Option<(Vec<String>, bool, bool)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let verb = c.argv.get(1).map(String::as_str);
    let installs = match prog {
        "npm" => matches!(verb, Some("install" | "i" | "ci" | "add")),
        // Bare `yarn` (flags only: `yarn --frozen-lockfile`) installs.
        "yarn" => {
            verb.is_none_or(|v| matches!(v, "install" | "add" | "global") || v.starts_with('-'))
        }
        "pnpm" => matches!(verb, Some("install" | "i" | "add")),
        _ => false,
    };
    if !installs {
        return None;
    }
    let mut specs = Vec::new();
    let mut global = false;
    let mut omit_dev = false;
    let first = if verb.is_some_and(|v| v.starts_with('-')) {
        1
    } else {
        2
    };
    for w in c.argv.iter().skip(first) {
        match w.as_str() {
            "-g" | "--global" => global = true,
            "--omit=dev" | "--production" | "--only=production" | "--only=prod" | "--prod" => {
                omit_dev = true
            }
            "add" => {}
            w if w.starts_with('-') => {}
            w => specs.push(w.to_string()),
        }
    }
    if prog == "yarn" && verb == Some("global") {
        global = true;
    }
    Some((specs, global, omit_dev))
}

/// What the apt commands of one RUN do.
#[derive(Debug, Default)]
struct AptStep {
    update: bool,
    /// (packages, with recommends)
    installs: Vec<(Vec<String>, bool)>,
    lists_removed: bool,
    /// /var/lib/apt (or its lists) is a cache mount: the lists never reach the layer.
    lists_mounted: bool,
    upgrade: bool,
    /// `apt-get remove`/`purge` of these packages in the same RUN, with how many installs
    /// came before it (only those are undone).
    removed: Vec<(String, usize)>,
    /// `--auto-remove` on the remove, or `apt-get autoremove`: the dependencies only the
    /// removed packages needed go too.
    autoremove: bool,
    /// The official images' saved-mark pattern: `apt-mark auto '.*'` after this many
    /// installs marks everything they installed as removable…
    marked_auto: Option<usize>,
    /// …`apt-mark manual NAME…` (literal names) keeps some…
    marked_manual: Vec<String>,
    /// …`… ldd … | xargs -r apt-mark manual` keeps the packages of the libraries the
    /// programs it built link…
    keeps_linked: bool,
    /// …and `apt-get purge --auto-remove` (or `autoremove`) after the mark removes the rest.
    purged_after_mark: bool,
    /// The RUN lists the manually installed packages (`apt-mark showmanual`), or runs
    /// `ldd`: what an `xargs apt-mark auto`/`manual` is fed.
    showmanual: bool,
    ldd: bool,
}

impl AptStep {
    fn touched(&self) -> bool {
        self.update
            || !self.installs.is_empty()
            || !self.removed.is_empty()
            || self.lists_removed
            || self.upgrade
    }

    /// Whether an install of this RUN names a package `is` accepts.
    fn installs_any(&self, is: impl Fn(&str) -> bool) -> bool {
        self.installs.iter().any(|(ps, _)| ps.iter().any(|p| is(p)))
    }

    /// Takes the packages `is` accepts out of this RUN's installs (another source prices
    /// them); an install left with none goes.
    fn take_out(&mut self, is: impl Fn(&str) -> bool) {
        for (ps, _) in self.installs.iter_mut() {
            ps.retain(|p| !is(p));
        }
        self.installs.retain(|(ps, _)| !ps.is_empty());
    }
}

/// Reads one command into `apt`; true when it was an apt command.
/// What the `apk` commands of one RUN do.
#[derive(Debug, Default)]
struct ApkStep {
    /// `apk add`: (virtual package name given with `--virtual`/`-t`, packages, --no-cache).
    adds: Vec<(Option<String>, Vec<String>, bool)>,
    /// `apk del` arguments (virtual names or packages removed in the same RUN).
    deleted: Vec<String>,
    /// `apk update` ran (the index lands in /var/cache/apk).
    update: bool,
    /// `rm -rf /var/cache/apk/*` (or `apk cache clean`) ran.
    cache_removed: bool,
}

impl ApkStep {
    fn touched(&self) -> bool {
        !self.adds.is_empty() || self.update
    }
}

fn apk_command(c: &model::Command, apk: &mut ApkStep) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if prog == "rm" && c.argv.iter().any(|w| w.starts_with("/var/cache/apk")) {
        apk.cache_removed = true;
        return true;
    }
    let Some(cmd) = c.apk() else {
        return false;
    };
    match cmd.verb.as_str() {
        "add" => apk
            .adds
            .push((cmd.virtual_name, cmd.packages, cmd.no_cache)),
        "del" => apk.deleted.extend(cmd.packages),
        "update" => apk.update = true,
        "cache" if cmd.packages.first().is_some_and(|p| p == "clean") => apk.cache_removed = true,
        _ => {}
    }
    true
}

/// Bytes an apk RUN adds, with its basis; false when no package it adds is known.
fn apk_layer(
    apk: &ApkStep,
    alpine: Option<&str>,
    present: &mut Vec<String>,
    index_kept: &mut bool,
    debian: &mut std::collections::BTreeSet<u32>,
) -> (Fact, String, bool) {
    let mut names = Vec::new();
    let mut removed = Vec::new();
    let mut cache_kept = apk.update && !apk.cache_removed;
    for (virt, pkgs, no_cache) in &apk.adds {
        cache_kept |= !no_cache && !apk.cache_removed;
        let gone = virt.as_ref().is_some_and(|v| apk.deleted.contains(v));
        for p in pkgs {
            if gone || apk.deleted.contains(p) {
                removed.push(p.clone());
            } else {
                names.push(p.clone());
            }
        }
    }
    // Alpine's `yarn` is Yarn 1's release (one bundled script, which needs nodejs), the files
    // the npm package holds; Debian splits it into hundreds of node-* packages, no proxy.
    let mut yarn = None;
    if names.iter().any(|n| n == "yarn") && sizes::apk::lookup("yarn").is_none() {
        names.retain(|n| n != "yarn");
        let node = !names.iter().any(|n| n.starts_with("nodejs"))
            && !present.iter().any(|p| p == "nodejs");
        if node {
            names.push("nodejs".into());
        }
        let npm = sizes::npm::install(&["yarn".to_string()], &Default::default());
        yarn = (npm.installed > 0).then_some((npm.installed, node));
        present.push("yarn".into());
    }
    let inst = sizes::apk::install_onto(&names, alpine, present);
    present.extend(inst.known.iter().map(|p| p.name.to_string()));
    // Named packages are installed whether or not a table prices them.
    present.extend(names.iter().map(|n| sizes::apk::normalise(n).to_string()));
    present.extend(
        inst.closures
            .iter()
            .flat_map(|c| c.members.iter().map(|m| m.to_string())),
    );
    let mut releases: Vec<&str> = inst.known.iter().map(|p| p.alpine).collect();
    releases.sort_by_key(|r| sizes::apk::release(r));
    releases.dedup();
    // The packages' installed sizes and their APKBUILD dependencies' (not the libraries).
    let table_bytes = inst.bytes - inst.closures.iter().map(|c| c.bytes).sum::<u64>();
    let mut f = fact(table_bytes, table_bytes, table_bytes.saturating_mul(3));
    let mut parts = Vec::new();
    for c in &inst.closures {
        // apk's own total: libraries included, rounded to a MiB; another release's
        // figure ranges from half to twice it (mysql-client pulled in perl from 3.18 on).
        let same = alpine.is_some_and(|a| sizes::apk::release(a) == sizes::apk::release(c.alpine));
        let (lo, hi) = if same {
            (c.bytes.saturating_sub(524_288), c.bytes + 524_288)
        } else {
            (c.bytes / 2, c.bytes.saturating_mul(2))
        };
        f = add(f, fact(c.bytes, lo, hi));
        parts.push(format!(
            "apk: {} — {} as apk reported it on Alpine {}{} ({} packages: {}{}; {})",
            c.packages.join(" "),
            fmt_bytes(c.bytes),
            c.alpine,
            if same {
                ""
            } else {
                ", another release: range ½–2×"
            },
            c.members.len(),
            c.members
                .iter()
                .take(6)
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            if c.members.len() > 6 { ", …" } else { "" },
            c.source
        ));
    }
    if let Some((b, node)) = yarn {
        f = add(f, fact(b, b * 9 / 10, b * 11 / 10));
        parts.push(format!(
            "apk: yarn — Yarn 1's files as its npm package holds them, {} (data/npm/packages.tsv){}",
            fmt_bytes(b),
            if node { ", and the nodejs it depends on" } else { "" }
        ));
    }
    if apk.adds.is_empty() {
        parts.push("apk update: fetches the package index".to_string());
    } else if names.is_empty() {
        // Everything it adds it deletes again (the `.build-deps` pattern): said below.
    } else if !inst.known.is_empty() || inst.closures.is_empty() && inst.unknown.is_empty() {
        parts.push(format!(
        "apk: {} package(s) known{} — installed {} (Alpine {} sizes, docker-library/repo-info, data/apk){}; libraries abuild adds as dependencies are not listed in APKBUILDs, range up to 3×",
        inst.known.len(),
        if inst.known.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                inst.known.iter().take(6).map(|p| p.name).collect::<Vec<_>>().join(", ")
            )
        },
        fmt_bytes(table_bytes),
        if releases.is_empty() {
            "3.x".to_string()
        } else {
            releases.join(", ")
        },
        if inst.dependencies > 0 {
            format!(
                ", {} of them dependencies (aports APKBUILDs, data/apk/depends.tsv)",
                inst.dependencies
            )
        } else {
            String::new()
        },
    ));
    }
    if !inst.unknown_deps.is_empty() {
        parts.push(format!(
            "dependencies not in the Alpine table (not counted): {}",
            inst.unknown_deps.join(" ")
        ));
    }
    if !inst.later_deps.is_empty() {
        parts.push(format!(
            "dependencies the Alpine table knows only from later releases, split off since (not counted): {}",
            inst.later_deps.join(" ")
        ));
    }
    // Named packages the Alpine table lacks: approximated from Debian's install of the
    // same package, scaled by how Alpine's sizes compare with Debian's.
    // What the Alpine table priced is installed: its Debian equivalents are not priced
    // again inside an unknown package's Debian closure (supervisor's python3).
    let known: Vec<String> = inst.known.iter().map(|p| p.name.to_string()).collect();
    if !inst.unknown.is_empty() && !known.is_empty() {
        sizes::apk::debian_priced(&known, debian);
    }
    let approx = sizes::apk::debian_priced(&inst.unknown, debian);
    if !approx.priced.is_empty() {
        let d = approx.bytes;
        f = add(f, per_mille(d, facts::APK_PER_DEBIAN));
        parts.push(format!(
            "not in the Alpine table, approximated (low confidence): {} priced as Debian bookworm's {} ({} package(s) with dependencies, {} on a slim image) {}",
            approx
                .priced
                .iter()
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            approx
                .priced
                .iter()
                .map(|(_, d)| *d)
                .collect::<Vec<_>>()
                .join(" "),
            approx.packages,
            fmt_bytes(d),
            ratio_text(facts::APK_PER_DEBIAN),
        ));
    }
    if !approx.unknown.is_empty() {
        parts.push(format!(
            "not in the Alpine table nor with a Debian equivalent (not counted): {}",
            approx.unknown.join(" ")
        ));
    }
    if !removed.is_empty() {
        parts.push(format!(
            "apk: installed and removed again in the same RUN (adds nothing): {}",
            removed.join(" ")
        ));
    }
    if cache_kept && !*index_kept {
        // Written once; a later update replaces it with one of about the same size.
        *index_kept = true;
        let c = facts::apk_index_cache(alpine);
        f = add(f, c);
        parts.push(format!(
            "apk's index cache stays in /var/cache/apk: +{} ({}; `--no-cache` avoids it)",
            fmt_bytes(c.bytes),
            c.source
        ));
    } else if cache_kept {
        parts.push("apk's index cache: already in an earlier layer".into());
    }
    (
        f,
        parts.join("; "),
        !inst.known.is_empty()
            || !inst.closures.is_empty()
            || !approx.priced.is_empty()
            || inst.unknown.is_empty(),
    )
}

fn apt_command(c: &model::Command, apt: &mut AptStep) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if prog == "rm" && c.argv.iter().any(|w| w.starts_with("/var/lib/apt/lists")) {
        apt.lists_removed = true;
        return true;
    }
    if prog == "apt-mark" {
        apt_mark(&c.words()[1..], apt);
        return true;
    }
    // `… ldd … | xargs -r apt-mark manual`: the ldd step's packages;
    // `apt-mark showmanual | xargs apt-mark auto`: every package marked removable.
    if prog == "xargs" {
        match xargs_program(c) {
            Some(("apt-mark", Some("manual"))) => {
                apt.keeps_linked |= apt.ldd;
            }
            Some(("apt-mark", Some("auto"))) => {
                if apt.showmanual {
                    apt.marked_auto = Some(apt.installs.len());
                    apt.purged_after_mark = false;
                }
            }
            _ => return false,
        }
        return true;
    }
    if !matches!(prog, "apt-get" | "apt" | "aptitude") {
        return false;
    }
    let mut words = c.argv[1..].iter().peekable();
    let mut verb = None;
    let mut packages = Vec::new();
    let mut recommends = true;
    let mut auto = false;
    while let Some(w) = words.next() {
        if w == "--auto-remove" || w == "--autoremove" {
            auto = true;
        } else if w == "-o" || w == "--option" {
            if let Some(o) = words.next() {
                if o.to_ascii_lowercase().contains("install-recommends=false")
                    || o.contains("Install-Recommends=0")
                {
                    recommends = false;
                }
            }
        } else if w == "--no-install-recommends" {
            recommends = false;
        } else if w.starts_with('-') {
        } else if verb.is_none() {
            verb = Some(w.as_str());
        } else {
            packages.push(w.clone());
        }
    }
    match verb {
        Some("update") => apt.update = true,
        Some("install") => apt.installs.push((packages, recommends)),
        Some("upgrade" | "dist-upgrade" | "full-upgrade") => apt.upgrade = true,
        Some("remove" | "purge") => {
            let n = apt.installs.len();
            apt.removed.extend(packages.into_iter().map(|p| (p, n)));
            apt.autoremove |= auto;
            apt.purged_after_mark |= auto && apt.marked_auto.is_some();
        }
        Some("autoremove") => {
            apt.autoremove = true;
            apt.purged_after_mark |= apt.marked_auto.is_some();
        }
        // apt 2.7.8+ (noble, trixie): removes the package lists and the .deb cache.
        Some("dist-clean") => apt.lists_removed = true,
        _ => {}
    }
    true
}

/// `apt-mark auto '.*'` marks every package as removable; `apt-mark manual NAME…` keeps
/// the named ones (`$savedAptMark`, the packages marked before the RUN, stays as it was).
fn apt_mark(args: &[String], apt: &mut AptStep) {
    let words = args.iter().filter(|w| !w.starts_with('-'));
    let mut words = words.map(String::as_str);
    match words.next() {
        Some("auto") if words.any(|w| matches!(w, ".*" | "^.*$" | "'.*'")) => {
            apt.marked_auto = Some(apt.installs.len());
            apt.purged_after_mark = false;
        }
        Some("manual") => apt.marked_manual.extend(
            words
                .filter(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.:=".contains(c))
                })
                .map(str::to_string),
        ),
        _ => {}
    }
}

/// What an apt install leaves of its packages: their files (on a slim image minus the
/// docs, man pages and translations dpkg skips there, measured per package from the
/// .debs) and dpkg's records of them. Unmeasured packages widen the range.
fn apt_kept(inst: &sizes::apt::Install, slim: bool) -> Fact {
    let files = if slim { inst.slim } else { inst.files } + inst.generated;
    let r = facts::APT_RECORDS_PER_FILE_BYTE;
    // Packages not measured, or measured only in another release (scaled), widen the range.
    let unmeasured = (inst.new.len().saturating_sub(inst.slim_measured) + inst.scaled)
        .min(inst.new.len()) as u64;
    let share = unmeasured * 1000 / (inst.new.len() as u64).max(1);
    fact(
        files + files * r.bytes / 1000,
        files + files * r.low / 1000 - files * share / 1000 * 15 / 100,
        files + files * r.high / 1000 + files * share / 1000 * 15 / 100,
    )
}

fn apt_layer(apt: &AptStep, st: &mut StageState) -> (Fact, String) {
    let mut total = fact(0, 0, 0);
    let mut parts = Vec::new();
    let Some(present) = st.apt.as_mut() else {
        return (
            total,
            "apt on a base that is not Debian-based: not modelled".to_string(),
        );
    };
    // Packages this RUN installs and removes again: with --auto-remove (or `apt-get
    // autoremove`) the dependencies only they needed go too, so what stays is what the
    // other packages need — the install without them. Without it their dependencies stay.
    let base_name = |p: &str| p.split(['=', ':']).next().unwrap_or(p).to_string();
    // A removal undoes the installs before it, not those after.
    let undone = |name: &str, k: usize| {
        apt.removed
            .iter()
            .any(|(r, before)| k < *before && base_name(r) == name)
    };
    let mut gone: Vec<String> = Vec::new();
    for (k, (ps, _)) in apt.installs.iter().enumerate() {
        for p in ps {
            let n = base_name(p);
            if undone(&n, k) && !gone.contains(&n) {
                gone.push(n);
            }
        }
    }
    let installs: Vec<(Vec<String>, bool)> = if gone.is_empty() || !apt.autoremove {
        apt.installs.clone()
    } else {
        apt.installs
            .iter()
            .enumerate()
            .map(|(k, (ps, r))| {
                let kept = ps.iter().filter(|p| !undone(&base_name(p), k)).cloned();
                (kept.collect(), *r)
            })
            .collect()
    };
    // The saved-mark pattern: what the installs before `apt-mark auto '.*'` brought goes
    // with the purge, but for the packages marked manual again: those named, and with the
    // ldd step the shared libraries of the -dev packages it built against.
    let mut installs = installs;
    let mut maybe_linked = Vec::new();
    let saved_mark = apt.marked_auto.filter(|_| apt.purged_after_mark);
    if let Some(m) = saved_mark {
        let m = m.min(installs.len());
        let named: Vec<String> = installs[..m]
            .iter()
            .flat_map(|(ps, _)| ps.iter().map(|p| base_name(p)))
            .collect();
        let mut kept: Vec<String> = named
            .iter()
            .filter(|n| apt.marked_manual.contains(n))
            .cloned()
            .collect();
        let purged: Vec<&str> = named
            .iter()
            .filter(|n| !kept.contains(n))
            .map(String::as_str)
            .collect();
        let mut text = format!(
            "apt-mark auto '.*' then purge --auto-remove: the {} package(s) this RUN installed go again with their dependencies ({}{})",
            purged.len(),
            purged.iter().take(8).copied().collect::<Vec<_>>().join(" "),
            if purged.len() > 8 { " …" } else { "" }
        );
        if apt.keeps_linked {
            let (direct, through) = sizes::apt::runtime_libraries(st.apt_release, &named);
            text.push_str(&format!(
                "; kept: the libraries the programs it built link (`apt-mark manual` of ldd's packages), taken as the shared-library packages its -dev packages depend on: {}{}",
                if direct.is_empty() {
                    "none".to_string()
                } else {
                    direct.join(" ")
                },
                if through.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; up to {} more through their -dev dependencies (the range's top)",
                        through.len()
                    )
                }
            ));
            kept.extend(direct);
            maybe_linked = through;
        }
        parts.push(text);
        gone.extend(purged.iter().map(|p| p.to_string()));
        installs.drain(..m);
        if m > 0 {
            // dpkg ran, whatever stays.
            installs.insert(0, (kept, false));
        }
    }
    if !gone.is_empty() && saved_mark.is_none() {
        parts.push(if apt.autoremove {
            format!(
                "removed again in the same RUN with the dependencies only they needed (--auto-remove): {}, not counted",
                gone.join(" ")
            )
        } else {
            format!(
                "removed again in the same RUN without --auto-remove: {}; their dependencies stay, and the estimate counts them whole (an upper bound)",
                gone.join(" ")
            )
        });
    }
    let before = present.len();
    // The packages before this RUN, kept when it removes any.
    let present_before = (!apt.removed.is_empty() || saved_mark.is_some()).then(|| present.clone());
    // What the installs below add; unless some went again, also all dpkg unpacked.
    let mut new_here = Vec::new();
    let mut debconf = false;
    for (pkgs, recommends) in &installs {
        let inst = sizes::apt::install_in(st.apt_release, pkgs, *recommends, present);
        present.extend(inst.new.iter().copied());
        new_here.extend(inst.new.iter().copied());
        // Debian's Go toolchain names its version (`golang-1.19-go`): the build cache depends on it.
        for p in inst
            .new
            .iter()
            .filter_map(|&i| sizes::apt::package_in(st.apt_release, i))
        {
            if let Some(minor) = p
                .name
                .strip_prefix("golang-1.")
                .and_then(|r| r.strip_suffix("-go"))
                .and_then(|m| m.parse::<u32>().ok())
            {
                st.go_version = Some((1, minor));
            }
            // Debian's Python (`python3.11`): what `python3 -m venv` bundles depends on it.
            if let Some(minor) = p
                .name
                .strip_prefix("python3.")
                .and_then(|m| m.parse::<u32>().ok())
            {
                st.python_minor = Some(minor);
            }
        }
        let kept = apt_kept(&inst, st.slim);
        // Debian byte-compiles Python modules on install (py3compile).
        // Measured per package; packages not measured widen the range.
        let unmeasured_py = inst.python.saturating_sub(inst.python_measured) > 0;
        let pyc = if unmeasured_py {
            fact(inst.pyc, inst.pyc / 2, inst.pyc * 2)
        } else {
            fact(inst.pyc, inst.pyc * 98 / 100, inst.pyc * 102 / 100)
        };
        total = add(total, add(kept, pyc));
        debconf |= inst.debconf;
        let names: Vec<&str> = inst
            .new
            .iter()
            .filter_map(|&i| sizes::apt::package_in(st.apt_release, i))
            .map(|p| p.name)
            .take(6)
            .collect();
        let mut extra = Vec::new();
        if inst.generated > 0 {
            extra.push(format!(
                "files its install scripts write (the CA bundle) {}",
                fmt_bytes(inst.generated)
            ));
        }
        if inst.pyc > 0 {
            extra.push(format!(
                ".pyc files py3compile writes {} ({} for {} of {} Python packages)",
                fmt_bytes(inst.pyc),
                if inst.pyc_scaled > 0 {
                    "scaled from bookworm's measurements"
                } else {
                    "measured"
                },
                inst.python_measured,
                inst.python
            ));
        }
        if pkgs.is_empty() {
            // Everything it installed went again (the saved-mark pattern).
            continue;
        }
        let kept_text = if st.slim && st.apt_release.is_ubuntu() && inst.slim_measured == 0 {
            format!(
                "{} at Installed-Size (Ubuntu keeps translations in language packs; the docs and man pages its image skips are not measured)",
                fmt_bytes(inst.slim)
            )
        } else if st.slim {
            let how = if inst.scaled > 0 && inst.scaled == inst.slim_measured {
                "scaled from bookworm's measurements of the same packages"
            } else if inst.scaled > 0 {
                "measured, or scaled from bookworm's measurements,"
            } else {
                "measured"
            };
            format!(
                "{} on a slim image (docs, man pages, translations skipped; {how} for {} of {} packages)",
                fmt_bytes(inst.slim),
                inst.slim_measured,
                inst.new.len(),
            )
        } else if inst.scaled > 0 {
            format!(
                "{} with docs (scaled from bookworm's measurements of the same packages for {} of {})",
                fmt_bytes(inst.files),
                inst.scaled,
                inst.new.len()
            )
        } else {
            format!("{} with docs", fmt_bytes(inst.files))
        };
        let release = st.apt_release.name();
        parts.push(format!(
            "apt{}: {} new package(s){}{} — Installed-Size {} ({}{}), files {}{}",
            match st.apt_codename {
                Some(c) if c != release => format!(" ({release}'s packages stand in for {c}'s)"),
                _ if st.apt_release != sizes::apt::Release::Bookworm => {
                    format!(" ({release}'s packages)")
                }
                _ => String::new(),
            },
            inst.new.len(),
            if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            },
            if inst.new.len() > names.len() {
                ", …"
            } else {
                ""
            },
            fmt_bytes(inst.installed),
            if *recommends {
                "with Recommends"
            } else {
                "--no-install-recommends"
            },
            if inst.unknown.is_empty() {
                String::new()
            } else {
                format!("; not in the {release} table: {}", inst.unknown.join(" "))
            },
            kept_text,
            extra.iter().map(|e| format!("; {e}")).collect::<String>()
        ));
    }
    // What dpkg unpacks, whatever goes again in the same RUN: its logs record each. When
    // nothing went, the installs above are this RUN's own and added exactly that.
    let unpacked = match &present_before {
        Some(p0) if !gone.is_empty() || saved_mark.is_some() => {
            let mut p = p0.clone();
            let mut all = Vec::new();
            for (ps, r) in &apt.installs {
                let inst = sizes::apt::install_in(st.apt_release, ps, *r, &p);
                p.extend(inst.new.iter().copied());
                all.extend(inst.new);
            }
            all
        }
        _ => new_here,
    };
    // Removals of packages an earlier step or the base put there (a package installs
    // nothing new when it is present).
    let earlier_removed = apt
        .removed
        .iter()
        .map(|(r, _)| base_name(r))
        .filter(|n| !gone.contains(n))
        .filter(|n| {
            present_before.as_ref().is_some_and(|p0| {
                let i = sizes::apt::install_in(st.apt_release, std::slice::from_ref(n), false, p0);
                i.new.is_empty() && i.unknown.is_empty()
            })
        })
        .count();
    // Removed without --auto-remove: the named packages go, their dependencies stay.
    let plain_removed = if apt.autoremove { 0 } else { gone.len() };
    // Nothing new to install: dpkg does not run. (A package installed and removed again
    // still ran it.) When it runs it rewrites its status file and its logs whole.
    if !unpacked.is_empty() || !gone.is_empty() || earlier_removed > 0 {
        let (f, text) = dpkg_bookkeeping(
            st,
            &unpacked,
            before,
            earlier_removed + plain_removed,
            debconf,
        );
        total = add(total, f);
        parts.push(text);
    }
    if !maybe_linked.is_empty() {
        let Some(present) = st.apt.as_ref() else {
            return (total, parts.join("; "));
        };
        let inst = sizes::apt::install_in(st.apt_release, &maybe_linked, false, present);
        let more = apt_kept(&inst, st.slim);
        total = add(total, fact(0, 0, more.high));
    }
    if apt.update {
        if apt.lists_mounted {
            parts.push("package lists in a cache mount: 0 B".into());
        } else if apt.lists_removed {
            parts.push("package lists removed in the same RUN: 0 B".into());
        } else {
            total = add(total, facts::APT_LISTS);
            parts.push(format!(
                "package lists kept in /var/lib/apt/lists: +{} ({})",
                fmt_bytes(facts::APT_LISTS.bytes),
                facts::APT_LISTS.source
            ));
            st.apt_lists = true;
        }
    } else if apt.lists_removed && st.apt_lists {
        parts.push(
            "removing lists that an earlier layer added saves nothing: they stay in that layer"
                .into(),
        );
    }
    if apt.upgrade {
        parts.push("apt-get upgrade: size depends on the base's age, not modelled".into());
    }
    (total, parts.join("; "))
}

/// What an apt step that ran dpkg writes beyond the packages' files: dpkg's status file
/// with its old copy, apt's and dpkg's logs (which hold every step of the stage so far),
/// the linker cache when a library came, and debconf's caches when a package uses it.
/// `unpacked` is what dpkg unpacked in this step, `before` how many packages were
/// present before it, `also_removed` the removals that count leaves out (without
/// --auto-remove, or of packages present before the step).
fn dpkg_bookkeeping(
    st: &mut StageState,
    unpacked: &[u32],
    before: usize,
    also_removed: usize,
    debconf: bool,
) -> (Fact, String) {
    let now = st.apt.as_ref().map_or(0, |p| p.len());
    let n = now as u64;
    let s = facts::APT_STATUS_PER_PACKAGE;
    let status = times(s, 2 * n);
    let removed = unpacked.len().saturating_sub(now.saturating_sub(before)) + also_removed;
    st.apt_log.0 += unpacked.len() as u64;
    st.apt_log.1 += removed as u64;
    let (i, r) = st.apt_log;
    let logs = add(
        facts::APT_LOGS,
        add(
            times(facts::APT_LOG_PER_UNPACKED, i),
            times(facts::APT_LOG_PER_REMOVED, r),
        ),
    );
    let mut f = add(status, logs);
    let mut text = format!(
        "dpkg's status file and its old copy {}; apt's and dpkg's logs {} ({i} package(s) unpacked{} in this stage's apt steps so far)",
        fmt_bytes(status.bytes),
        fmt_bytes(logs.bytes),
        if r > 0 { format!(", {r} removed") } else { String::new() },
    );
    let library = unpacked.iter().any(|&p| {
        sizes::apt::package_in(st.apt_release, p).is_some_and(|p| p.name.starts_with("lib"))
    });
    if library {
        f = add(f, facts::APT_LDCACHE);
        text.push_str(&format!(
            "; the linker cache (a library came) {}",
            fmt_bytes(facts::APT_LDCACHE.bytes)
        ));
    }
    if debconf {
        f = add(f, facts::APT_DEBCONF);
        text.push_str(&format!(
            "; debconf's caches rewritten (a new package uses debconf) {}",
            fmt_bytes(facts::APT_DEBCONF.bytes)
        ));
    }
    (f, text)
}

/// What a base image's apt starts from: its packages (rows of the release's table),
/// whether it is a slim (doc-less) image, the release whose table prices it, and the
/// Debian release its tag names.
type AptBase = (
    Option<std::collections::BTreeSet<u32>>,
    bool,
    sizes::apt::Release,
    Option<&'static str>,
);

/// Packages a base image starts with, and whether it is a slim (doc-less) image.
fn apt_base(from: &str, m: &sizes::BaseMatch, musl: bool, as_of: Option<&str>) -> AptBase {
    let none = (None, false, sizes::apt::Release::Bookworm, None);
    let resolved = m.row.as_ref().map(|r| r.resolved).unwrap_or("");
    if musl {
        return none;
    }
    let name = from.split([':', '@']).next().unwrap_or(from);
    let short = name.rsplit('/').next().unwrap_or(name);
    let tag = format!(
        "{} {}",
        from.split_once(':').map(|(_, t)| t).unwrap_or(""),
        resolved
    );
    let debian_family = matches!(
        short,
        "debian"
            | "ubuntu"
            | "buildpack-deps"
            | "python"
            | "node"
            | "golang"
            | "rust"
            | "ruby"
            | "php"
            | "perl"
            | "eclipse-temurin"
            | "openjdk"
            | "maven"
            | "gradle"
            | "gcc"
            | "nginx"
            | "httpd"
            | "haproxy"
            | "erlang"
            | "elixir"
    ) || name.starts_with("mcr.microsoft.com/dotnet/")
        && !tag.contains("alpine")
        && !tag.contains("chiseled")
        && !tag.contains("distroless");
    if !debian_family {
        return none;
    }
    // The Debian release the stage is built on: the one its tag names, else the one its
    // build in the table names (`python:3.8` as of 2020 is `3.8.0-buster`) unless that
    // build is only the nearest the table had, else the newest out when it was built (and
    // by the date asked for). Bullseye and older take bullseye's table, trixie and newer
    // trixie's; Ubuntu-based images (ubuntu, eclipse-temurin) their LTS release's.
    fn debian_codename(text: &str) -> Option<&'static str> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .find_map(|w| {
                sizes::base::DEBIAN_RELEASES
                    .iter()
                    .map(|(c, _)| *c)
                    .chain(["wheezy", "forky"])
                    .find(|c| *c == w)
            })
    }
    let user_tag = from.split_once(':').map(|(_, t)| t).unwrap_or("");
    // A build that is only the nearest the table had (`aspnet:6.0` looked up as an
    // `8.0-jammy` row) says nothing of the image's own distribution: the tag alone does.
    let named = if m.kind == sizes::base::MatchKind::Nearest {
        user_tag.to_string()
    } else {
        tag.clone()
    };
    let ubuntu = matches!(short, "ubuntu" | "eclipse-temurin")
        || named.contains("temurin")
        || named.contains("ubuntu")
        || sizes::base::ubuntu_codename_in(&named).is_some();
    let rolling = user_tag
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "sid" | "testing" | "unstable"));
    let rolling_ubuntu = short == "ubuntu" && user_tag.starts_with("rolling");
    let built = m.row.as_ref().map(|r| r.date);
    // The release a build in the table names, unless it is only the nearest the table had.
    let build_names = |names: fn(&str) -> Option<&'static str>| {
        (m.kind != sizes::base::MatchKind::Nearest)
            .then(|| names(resolved))
            .flatten()
    };
    let codename = if ubuntu && debian_codename(user_tag).is_none() {
        let releases: Vec<_> = sizes::base::UBUNTU_LTS
            .iter()
            .map(|(c, _, d)| (*c, *d))
            .collect();
        // `ubuntu:rolling` is the newest release, LTS or not, out by the date (as the base
        // lookup takes it), or without one when the build it stands for was made.
        let newest = rolling_ubuntu
            .then(|| {
                as_of
                    .map(str::to_string)
                    .or_else(|| built.and_then(sizes::base::date_in))
            })
            .flatten()
            .and_then(|u| sizes::base::ubuntu_newest(true, &u))
            .and_then(sizes::base::ubuntu_release);
        sizes::base::built_on(
            &releases,
            sizes::base::ubuntu_release(user_tag).or(newest),
            build_names(sizes::base::ubuntu_release),
            built,
            as_of,
        )
    } else {
        // `debian:oldstable` names a release through Debian's suites, whatever build
        // stood in; `sid`/`testing`/`unstable` the one in the making.
        let suite = (short == "debian")
            .then(|| sizes::base::debian_suite(user_tag, as_of))
            .flatten()
            .and_then(|t| debian_codename(&t));
        let named = debian_codename(user_tag)
            .or(suite)
            .or(rolling.then_some("forky"));
        sizes::base::built_on(
            &sizes::base::debian_release_dates(),
            named,
            build_names(debian_codename),
            built,
            as_of,
        )
    };
    let release = codename.map_or(
        sizes::apt::Release::Bookworm,
        sizes::apt::Release::for_codename,
    );
    // In the browser a release's table comes after the first analysis: until then,
    // bookworm's stands in (the basis says whose packages priced the step).
    let release = if release.available() {
        release
    } else {
        release.request();
        sizes::apt::Release::Bookworm
    };
    let mut present = sizes::apt::base_set_of(release);
    // Built FROM debian:*-slim (php, nginx, httpd, haproxy, .NET) or ubuntu (whose images
    // are minimized too; eclipse-temurin): dpkg there skips docs, man pages and locales.
    let on_slim = matches!(
        short,
        "ubuntu" | "php" | "nginx" | "httpd" | "haproxy" | "eclipse-temurin"
    ) || name.starts_with("mcr.microsoft.com/dotnet/");
    // maven and gradle images on temurin are Ubuntu-based too.
    let temurin_tools = matches!(short, "maven" | "gradle") && tag.contains("temurin");
    let slim = tag.contains("slim") || on_slim || temurin_tools;
    // Full language images are built on buildpack-deps: compilers and -dev packages are
    // there. temurin and .NET images are not, but they do ship curl, wget, ca-certificates
    // and locales: the buildpack-deps set stands for those (an approximation).
    let full_lang = !tag.contains("slim")
        && !matches!(
            short,
            "debian" | "ubuntu" | "php" | "nginx" | "httpd" | "haproxy"
        );
    if short == "php" {
        // docker-library/php (Dockerfile-linux.template) keeps PHPIZE_DEPS, ca-certificates,
        // curl and xz-utils, and the libraries PHP itself links.
        let php: Vec<String> = PHP_IMAGE_PACKAGES.iter().map(|s| s.to_string()).collect();
        let inst = sizes::apt::install_in(release, &php, false, &present);
        present.extend(inst.new);
        if tag.contains("apache") {
            let inst = sizes::apt::install_in(release, &["apache2".to_string()], false, &present);
            present.extend(inst.new);
        }
    }
    if full_lang {
        let bp: Vec<String> = BUILDPACK_DEPS.iter().map(|s| s.to_string()).collect();
        let inst = sizes::apt::install_in(release, &bp, false, &present);
        present.extend(inst.new);
    }
    (Some(present), slim, release, codename)
}

/// What docker-library/php's Debian images install and keep (Dockerfile-linux.template:
/// `$PHPIZE_DEPS ca-certificates curl xz-utils`, then the runtime libraries of the PHP
/// it builds, which `apt-mark manual` keeps when the -dev packages are purged).
const PHP_IMAGE_PACKAGES: &[&str] = &[
    "autoconf",
    "dpkg-dev",
    "file",
    "g++",
    "gcc",
    "libc-dev",
    "make",
    "pkg-config",
    "re2c",
    "ca-certificates",
    "curl",
    "xz-utils",
    "libargon2-1",
    "libcurl4",
    "libonig5",
    "libreadline8",
    "libsodium23",
    "libsqlite3-0",
    "libssl3",
    "libxml2",
    "zlib1g",
];

/// The packages docker-library's buildpack-deps (curl, scm, and the full image) installs.
const BUILDPACK_DEPS: &[&str] = &[
    "ca-certificates",
    "curl",
    "gnupg",
    "netbase",
    "sq",
    "wget",
    "git",
    "mercurial",
    "openssh-client",
    "subversion",
    "procps",
    "autoconf",
    "automake",
    "bzip2",
    "default-libmysqlclient-dev",
    "dpkg-dev",
    "file",
    "g++",
    "gcc",
    "imagemagick",
    "libbz2-dev",
    "libc6-dev",
    "libcurl4-openssl-dev",
    "libdb-dev",
    "libevent-dev",
    "libffi-dev",
    "libgdbm-dev",
    "libglib2.0-dev",
    "libgmp-dev",
    "libjpeg-dev",
    "libkrb5-dev",
    "liblzma-dev",
    "libmagickcore-dev",
    "libmagickwand-dev",
    "libmaxminddb-dev",
    "libncurses5-dev",
    "libncursesw5-dev",
    "libpng-dev",
    "libpq-dev",
    "libreadline-dev",
    "libsqlite3-dev",
    "libssl-dev",
    "libtool",
    "libwebp-dev",
    "libxml2-dev",
    "libxslt-dev",
    "libyaml-dev",
    "make",
    "patch",
    "unzip",
    "xz-utils",
    "zlib1g-dev",
];

/// The measured or published size of a C or C++ program: dynamic, static glibc, or static
/// musl as Alpine's gcc links it.
fn c_program(is_static: bool, musl: bool, cxx: bool) -> Fact {
    match (is_static, musl, cxx) {
        (true, true, false) => facts::C_BINARY_ALPINE_STATIC,
        (true, false, false) => facts::C_BINARY_GLIBC_STATIC,
        (false, _, false) => facts::C_BINARY,
        (true, true, true) => facts::CXX_BINARY_MUSL_STATIC,
        (true, false, true) => facts::CXX_BINARY_GLIBC_STATIC,
        (false, _, true) => facts::CXX_BINARY,
    }
}

/// What marks a C++ project in a lowercased Dockerfile: C++ sources named, or the C++
/// compiler chosen (`CXX=g++`). Installing g++ alone does not: C builds (curl's) do too.
pub(crate) const CXX_HINTS: [&str; 6] = [".cpp", ".cc ", ".cxx", ".hpp", ".hh ", "cxx="];

/// A C++ project, by [`CXX_HINTS`]. `lower` is the lowercased Dockerfile.
fn cxx_project(lower: &str) -> bool {
    CXX_HINTS.iter().any(|w| lower.contains(w))
}

fn is_c_compiler(p: &str) -> bool {
    matches!(
        p.rsplit('/').next().unwrap_or(p),
        "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++" | "musl-gcc"
    )
}

/// The options of each `--mount` of a RUN, as (key, value) pairs
/// (`type=cache,target=/root/.npm` → `[("type", "cache"), ("target", "/root/.npm")]`).
fn mount_options(ins: &Instruction) -> Vec<Vec<(&str, &str)>> {
    ins.flags
        .iter()
        .filter(|f| f.name == "mount")
        .map(|f| {
            f.value
                .as_deref()
                .unwrap_or("")
                .split(',')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (k.trim(), v.trim())
                })
                .collect()
        })
        .collect()
}

/// Folders build tools write their output to (`.next`, `dist`, `target`…): a path through
/// one is what a build made, not part of the copied build context.
fn build_output_dir(seg: &str) -> bool {
    matches!(
        seg,
        ".next"
            | ".nuxt"
            | ".output"
            | ".svelte-kit"
            | "dist"
            | "build"
            | "out"
            | "target"
            | "bin"
            | "obj"
            | "publish"
            | "_site"
            | "node_modules"
            | "vendor"
            | ".venv"
    )
}

/// `cp`/`mv` of something an earlier step of the stage built: (destination, artifact) for
/// each source that is one; None when no source is (an unknown copy).
fn copies_of_artifacts(
    c: &model::Command,
    artifacts: &[Artifact],
    workdir: &str,
    env: &BTreeMap<String, String>,
) -> Option<Vec<(String, Artifact)>> {
    if !(c.is("cp", &[]) || c.is("mv", &[])) {
        return None;
    }
    let words: Vec<String> = c
        .argv
        .iter()
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .map(|w| model::expand(w, env))
        .collect();
    let (dest, sources) = words.split_last()?;
    if sources.is_empty() || dest.is_empty() || dest.contains('$') {
        return None;
    }
    let dest = join_path(workdir, dest);
    let mut out = Vec::new();
    for s in sources {
        let sp = join_path(workdir, s);
        if let Some(art) = artifacts
            .iter()
            .rev()
            .find(|a| artifact_matches(&a.path, &sp))
        {
            out.push((dest_path_for(&dest, &sp, sources.len()), art.clone()));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `php artisan config:cache`, `route:cache`, `optimize`…: Laravel writes a few cached PHP
/// files (bootstrap/cache), a symlink or a key: nothing of note. `view:cache` (compiled
/// templates) and `migrate` (a database) are not among them.
fn artisan_small(c: &model::Command) -> bool {
    c.program().rsplit('/').next() == Some("php")
        && c.argv.get(1).is_some_and(|w| w == "artisan")
        && c.argv.get(2).is_some_and(|w| {
            matches!(
                w.as_str(),
                "config:cache"
                    | "route:cache"
                    | "event:cache"
                    | "optimize"
                    | "storage:link"
                    | "key:generate"
                    | "package:discover"
                    | "config:clear"
                    | "route:clear"
                    | "cache:clear"
                    | "view:clear"
                    | "optimize:clear"
                    | "event:clear"
            )
        })
}

/// A package script that checks the code (`npm test`, `yarn lint`, `pnpm run typecheck`)
/// or `pytest`: it reads the project and writes at most a report or a small cache.
fn checks_only(c: &model::Command) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let args: Vec<&str> = c.argv.iter().skip(1).map(String::as_str).collect();
    let check = |s: &&str| matches!(*s, "test" | "t" | "lint" | "typecheck" | "check");
    match prog {
        "npm" | "yarn" | "pnpm" | "bun" => {
            args.first().is_some_and(check)
                || (args.first() == Some(&"run") && args.get(1).is_some_and(check))
        }
        "pytest" => true,
        _ => false,
    }
}

/// `find` that lists or deletes (`find / -name '*.a' -delete`, `-exec rm`, `-exec ldd`),
/// `xargs` running such a command (`xargs -r apk info --installed`, `xargs rm`), sourcing an
/// environment file (`. /etc/os-release`, `. ~/.nvm/nvm.sh`) and `gpgconf --kill all`: they
/// read or remove, and removing adds nothing to a layer. A `find -exec` or `xargs` that runs
/// anything else (`chmod`, `strip`, `sed -i`) may rewrite files and is not counted as
/// harmless.
fn reads_or_deletes(c: &model::Command) -> bool {
    let reader = |p: &str| {
        matches!(
            p.rsplit('/').next().unwrap_or(p),
            "rm" | "ldd"
                | "readlink"
                | "realpath"
                | "dirname"
                | "basename"
                | "file"
                | "scanelf"
                | "echo"
                | "printf"
                | "ls"
                | "cat"
                | "grep"
                | "stat"
                | "du"
                | "sort"
        )
    };
    let args: Vec<&str> = c.argv.iter().skip(1).map(String::as_str).collect();
    match c.program().rsplit('/').next().unwrap_or("") {
        "find" => args.iter().enumerate().all(|(i, w)| {
            // `-fprint FILE`, `-fls FILE` write a file.
            !w.starts_with("-fprint")
                && *w != "-fls"
                && (!matches!(*w, "-exec" | "-execdir" | "-ok" | "-okdir")
                    || args.get(i + 1).is_some_and(|p| reader(p)))
        }),
        "xargs" => match xargs_program(c) {
            Some(("apk", Some("info"))) | Some(("dpkg-query", _)) => true,
            Some((p, _)) => reader(p),
            None => true,
        },
        // Environment files (`. /etc/os-release`, `. "$NVM_DIR/nvm.sh"`, `. ~/.cargo/env`);
        // any other script may build or download anything.
        "." | "source" => args.first().is_some_and(|f| {
            let f = f.trim_matches('"');
            [
                "os-release",
                "nvm.sh",
                ".cargo/env",
                "/activate",
                "profile",
                ".bashrc",
                "environment",
                // Apache's (`. "$APACHE_ENVVARS"` in the php images): variables only.
                "apache2/envvars",
                "$APACHE_ENVVARS",
            ]
            .iter()
            .any(|e| f.ends_with(e))
        }),
        "gpgconf" => args.first() == Some(&"--kill"),
        _ => false,
    }
}

/// The command `xargs` runs, with its first argument: the first word that is no option
/// (`-r`, `-0`, `-n 1`, `-I {}`) or an option's value.
fn xargs_program(c: &model::Command) -> Option<(&str, Option<&str>)> {
    let mut rest = c.words().iter().skip(1).map(String::as_str);
    while let Some(w) = rest.next() {
        if matches!(w, "-n" | "-I" | "-P" | "-L" | "-d" | "-s" | "-E") {
            rest.next();
        } else if !w.starts_with('-') {
            return Some((w.rsplit('/').next().unwrap_or(w), rest.next()));
        }
    }
    None
}

/// A variable assignment alone (`arch="$(uname -m)"`): no program runs but the one in
/// the substitution, which only prints.
fn shell_syntax(c: &model::Command) -> bool {
    c.argv.is_empty() || (c.program().is_empty() && c.argv.len() == 1)
}

/// `java -version`, `node --version`, `mvn -v`: a check that prints the tool's version and
/// writes nothing.
fn prints_version(c: &model::Command) -> bool {
    // Its output may go elsewhere (`wget --version > /dev/null`).
    let words = c.words();
    words.len() > 1
        && words[1..].iter().all(|w| {
            matches!(
                w.as_str(),
                "--version" | "-version" | "-v" | "-V" | "version" | "-showversion"
            )
        })
}

/// Commands that add no files of note.
fn is_harmless(p: &str) -> bool {
    matches!(
        p.rsplit('/').next().unwrap_or(p),
        "echo"
            | "docker-php-ext-enable"
            | "update-ca-certificates"
            | "docker-php-ext-configure"
            | "docker-php-source"
            | "set"
            | ":"
            | "mkdir"
            | "cd"
            | "true"
            | "test"
            | "["
            | "ln"
            | "chmod"
            | "chown"
            | "export"
            | "printf"
            | "ls"
            | "cat"
            | "env"
            | "id"
            | "whoami"
            | "sleep"
            | "exit"
            | "fi"
            | "done"
            // A loop's header (`for f in a b`) and a `case`'s end: their commands are
            // estimated on their own.
            | "for"
            | "esac"
            | "go"
            | "which"
            | "command"
            // Deleting adds nothing to a layer (a later layer cannot shrink the image); the
            // caches a RUN deletes itself (Go, pip, npm, Cargo) are left out where they are
            // counted.
            | "rm"
            // A rename (`mv php.ini-production php.ini`): a file of the image written again.
            | "mv"
            | "{"
            | "}"
            // Users, groups, package marks and Apache's config symlinks: a few KB.
            | "adduser"
            | "addgroup"
            | "useradd"
            | "usermod"
            | "groupadd"
            | "apt-mark"
            | "a2enmod"
            | "a2dismod"
            | "a2enconf"
            | "a2ensite"
            | "ldconfig"
            // An empty file, a repository key, a keyring: a few KB.
            | "touch"
            | "apt-key"
            | "gpg"
            // Text tools: they read, or rewrite a config file in place (`sed -i`,
            // `… | tee /etc/x.conf`), a few KB.
            | "grep"
            | "sed"
            | "tee"
            | "awk"
            | "head"
            | "tail"
            | "wc"
            | "sort"
            | "cut"
            | "tr"
            // Checksums of a download (`sha256sum -c`): they read it.
            | "sha256sum"
            | "sha512sum"
            | "sha1sum"
            | "md5sum"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::syntax;

    fn est(text: &str) -> Estimate {
        est_with(text, &Assumptions::default())
    }

    fn est_with(text: &str, a: &Assumptions) -> Estimate {
        let p = syntax::parse(text);
        let m = Model::build(&p);
        estimate(text, &p, &m, a)
    }

    #[test]
    fn a_base_the_table_lacks_takes_a_stand_in_or_the_users_size() {
        let text = "FROM acme/liberica-openjdk-debian:21\nCOPY app.jar /app.jar\n";
        let temurin =
            sizes::lookup_base(&sizes::parse_image_ref("eclipse-temurin:21-jdk").unwrap()).unwrap();
        let e = est(text);
        let base = &e.layers[0];
        assert!(
            base.estimated && base.basis.contains("stand-in eclipse-temurin:21-jdk"),
            "{}",
            base.basis
        );
        assert_eq!(base.bytes, temurin.bytes);
        assert_eq!(e.defaults.base, vec![temurin.bytes]);
        // The size the user sets replaces the stand-in, exactly.
        let a = Assumptions {
            base_bytes: Some(180_000_000),
            ..Default::default()
        };
        let e = est_with(text, &a);
        let base = &e.layers[0];
        assert_eq!(
            (base.bytes, base.low, base.high),
            (180_000_000, 180_000_000, 180_000_000)
        );
        assert!(
            base.basis.contains("as set under Assumptions"),
            "{}",
            base.basis
        );
        assert!(e.defaults.base.is_empty() && !e.defaults.base_unknown);

        // A name that mentions nothing known: unknown until the user says.
        let text = "FROM registry.example.com/team/toolbox:7\nCOPY app /app\n";
        let e = est(text);
        assert!(!e.layers[0].estimated && e.defaults.base_unknown);
        let a = Assumptions {
            base_bytes: Some(5_000_000),
            ..Default::default()
        };
        let e = est_with(text, &a);
        assert!(e.layers[0].estimated && e.layers[0].bytes == 5_000_000);
        assert_eq!(e.unestimated, 0);

        // A builder's unknown base does not ship: the panel does not ask for it.
        let e = est("FROM registry.example.com/team/toolbox:7 AS b\nRUN make\nFROM alpine:3.20\nCOPY --from=b /out/app /app\n");
        assert!(e.defaults.base.is_empty() && !e.defaults.base_unknown);
    }

    /// The estimate with the base images and tables as of a date (`2023-04`).
    fn est_as_of(text: &str, as_of: Option<&str>) -> Estimate {
        let a = Assumptions {
            as_of: as_of.map(str::to_string),
            ..Default::default()
        };
        est_with(text, &a)
    }

    #[test]
    fn virtualenvs_and_lock_file_installs_are_sized() {
        let e = est("FROM python:3.12-slim\nRUN python -m venv /venv\nRUN python -m venv --without-pip /v2\n");
        assert_eq!(e.layers[1].bytes, 13_748_640, "{}", e.layers[1].basis);
        assert_eq!(e.layers[2].bytes, facts::VENV_WITHOUT_PIP.bytes);
        // A lock file's dependencies: the stated default once, then the project only. uv
        // writes no .pyc and its cache holds the indexes.
        let e = est("FROM python:3.12-slim\nRUN uv sync --frozen --no-install-project --compile-bytecode --no-cache\nRUN uv sync --frozen\n");
        assert_eq!(e.layers[1].bytes, facts::PIP_APP_DEPENDENCIES.bytes);
        assert!(
            e.layers[2].estimated && e.layers[2].bytes == 0,
            "{}",
            e.layers[2].basis
        );
        let p = est("FROM python:3.12\nRUN poetry install --no-root --compile\n");
        assert_eq!(p.layers[1].bytes, facts::PIP_APP_DEPENDENCIES.bytes);
        // Poetry 1.4 and later compile nothing unless asked; before, they did.
        let quiet = est("FROM python:3.12\nRUN poetry install --no-root\n");
        assert!(quiet.layers[1].basis.contains("without its .pyc"));
        assert!(quiet.layers[1].bytes < p.layers[1].bytes);
        let old = crate::engine::analyze(
            "FROM python:3.10\nRUN poetry install --no-root\n",
            &Assumptions {
                as_of: Some("2022-05".into()),
                ..Default::default()
            },
        );
        let old = &old.before.layers[1];
        assert!(!old.basis.contains("without its .pyc"), "{}", old.basis);
        // pip -r with the default dependencies: their wheels stay in pip's cache unless
        // --no-cache-dir.
        let r = est("FROM python:3.12\nRUN pip install -r requirements.txt\n");
        let (d, w) = (
            facts::PIP_APP_DEPENDENCIES,
            facts::PIP_APP_DEPENDENCIES_WHEELS,
        );
        assert_eq!(
            r.layers[1].bytes,
            d.bytes + w.bytes,
            "{}",
            r.layers[1].basis
        );
        let r = est("FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n");
        assert_eq!(r.layers[1].bytes, d.bytes, "{}", r.layers[1].basis);
        // `pip install .`: the project with its dependencies, the same default.
        let r = est("FROM python:3.12\nCOPY . .\nRUN pip install --no-cache-dir -e .\n");
        assert_eq!(r.layers[2].bytes, d.bytes, "{}", r.layers[2].basis);
        assert!(r.layers[2].basis.contains("the project ."));
        // One word is enough to be a command; nothing here may panic.
        for t in ["uv", "poetry", "pipenv", "pdm", "uv pip", "python -m"] {
            est(&format!("FROM python:3.12\nRUN {t}\n"));
        }
    }

    #[test]
    fn toolchain_archives_unpacked_by_tar_are_sized() {
        let text = concat!(
            "FROM debian:bookworm-slim AS build\n",
            "ENV NODE_VERSION=20.11.0\n",
            "RUN curl -fsSL https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1\n",
            "RUN wget -q https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz\n",
            "RUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -xzf /tmp/go.tgz -C /opt && rm /tmp/go.tgz\n",
            "RUN curl -O https://go.dev/dl/go1.22.4.linux-amd64.tar.gz\n",
            "RUN tar -xzf app.tar.gz\n",
            "FROM debian:bookworm-slim\n",
            "COPY --from=build /usr/local/go /usr/local/go\n",
        );
        let e = est(text);
        let a = Assumptions {
            target: Some("build".into()),
            ..Assumptions::default()
        };
        let b = crate::engine::analyze(text, &a).before;
        let node = sizes::dist::dist_of_url("https://x/node-v20.11.0-linux-x64.tar.xz").unwrap();
        let go = sizes::dist::dist_of_url("https://x/go1.22.4.linux-amd64.tar.gz").unwrap();
        let (n, _) = sizes::dist::unpacked(&node).unwrap();
        let (g, _) = sizes::dist::unpacked(&go).unwrap();
        let build = &b.layers;
        // Piped into tar: the release's files, nothing else.
        assert_eq!(build[2].bytes, n.bytes, "{}", build[2].basis);
        assert!(build[2].estimated && !build[2].partial);
        // Downloaded to a file that stays: the files and the archive (what they gzip to).
        let archive = g.bytes * facts::GZIP_PER_BYTE.bytes / 1000;
        assert_eq!(build[3].bytes, g.bytes + archive, "{}", build[3].basis);
        assert!(!build[3].partial && build[3].basis.contains("stays in the layer"));
        // Downloaded, unpacked and removed in one RUN.
        assert_eq!(build[4].bytes, g.bytes);
        assert!(!build[4].partial, "{}", build[4].basis);
        // The node images' trim of OpenSSL's other architectures' headers.
        let t = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN curl -fsSLO https://nodejs.org/dist/v20.20.2/node-v20.20.2-linux-x64.tar.xz && tar -xJf node-v20.20.2-linux-x64.tar.xz -C /usr/local --strip-components=1 && rm node-v20.20.2-linux-x64.tar.xz && find /usr/local/include/node/openssl/archs -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} \\;\n",
        ));
        let (n20, _) = sizes::dist::unpacked(&node).unwrap();
        let trim = sizes::dist::trimmable(&node);
        assert!(trim > 40_000_000, "{trim}");
        assert_eq!(t.layers[1].bytes, n20.bytes - trim, "{}", t.layers[1].basis);
        // The downloaded Go builds what comes after: its release prices a hello world.
        let h = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN curl -fsSL https://go.dev/dl/go1.15.15.linux-amd64.tar.gz | tar -C /usr/local -xz\n",
            "COPY hello.go .\n",
            "RUN go build -o /hello hello.go\n",
        ));
        let built = h.layers.last().unwrap();
        assert!(built.basis.contains("1.15"), "{}", built.basis);
        // Downloaded and never unpacked, and an archive of the build context: unknown.
        assert!(
            !build[5].estimated && !build[6].estimated,
            "{}",
            build[5].basis
        );
        // A later stage copying the unpacked tree gets its size.
        let last = e.layers.last().unwrap();
        assert_eq!(last.bytes, g.bytes, "{}", last.basis);
    }

    #[test]
    fn nodesource_nodejs_is_the_official_build_not_the_distributions() {
        let (node20, _) = sizes::dist::newest_of_major("Node.js", Some(20)).unwrap();
        let e = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN apt-get update && apt-get install -y curl && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*\n",
        ));
        let l = &e.layers[1];
        assert!(l.estimated && !l.partial, "{}", l.basis);
        assert!(l.basis.contains("NodeSource (Node.js 20)"), "{}", l.basis);
        // A proxy option's URL is not taken for the script's.
        let proxied = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN apt-get update && apt-get install -y curl && curl -x http://proxy:3128 -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*\n",
        ));
        assert_eq!(
            proxied.layers[1].bytes, l.bytes,
            "{}",
            proxied.layers[1].basis
        );
        // Not Debian's nodejs 18 and its libnode.
        assert!(!l.basis.contains("libnode"), "{}", l.basis);
        assert!(
            l.bytes > node20.bytes && l.bytes < node20.bytes + 40_000_000,
            "{}",
            l.bytes
        );
        // The setup alone, in a RUN of its own, leaves apt's lists; the install is Node's.
        let e = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN curl -fsSL https://deb.nodesource.com/setup_lts.x | bash -\n",
            "RUN apt-get install -y nodejs\n",
        ));
        assert!(e.layers[1].basis.contains("gnupg"), "{}", e.layers[1].basis);
        assert!(e.layers[1].bytes > 19_000_000, "{}", e.layers[1].basis);
        assert!(
            e.layers[2].basis.contains("NodeSource (its LTS line)"),
            "{}",
            e.layers[2].basis
        );
        // Yarn's apt repository: `yarn` is Yarn 1, priced as its npm package.
        let e = est(concat!(
            "FROM node:20-bookworm\n",
            "RUN curl -sS https://dl.yarnpkg.com/debian/pubkey.gpg | apt-key add - && echo \"deb https://dl.yarnpkg.com/debian/ stable main\" > /etc/apt/sources.list.d/yarn.list\n",
            "RUN apt-get update && apt-get install -y --no-install-recommends yarn && rm -rf /var/lib/apt/lists/*\n",
        ));
        // Its key download and apt-key: a few KB, modelled.
        assert!(
            e.layers[1].estimated && !e.layers[1].partial,
            "{}",
            e.layers[1].basis
        );
        let l = &e.layers[2];
        assert!(l.basis.contains("Yarn 1's files"), "{}", l.basis);
        assert!(l.bytes > 4_000_000 && l.bytes < 10_000_000, "{}", l.basis);
    }

    #[test]
    fn a_stage_that_only_names_uv_s_image_gives_its_binaries() {
        let e = est("FROM ghcr.io/astral-sh/uv:0.5 AS uv\nFROM python:3.12-slim\nCOPY --from=uv /uv /uvx /bin/\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::UV_BINARY.bytes + facts::UVX_BINARY.bytes);
        assert_eq!(
            python_minor_of("ghcr.io/astral-sh/uv:python3.13-bookworm-slim"),
            Some(13)
        );
    }

    #[test]
    fn lock_installs_add_a_dev_group_to_the_range_unless_told_not_to() {
        let cmd = |t: &str| model::commands(t).into_iter().next().unwrap();
        let none = BTreeMap::new();
        for (line, dev) in [
            ("uv sync --frozen", true),
            ("uv sync --frozen --no-dev", false),
            ("uv sync --only-group prod", false),
            ("uv sync --no-group dev", false),
            ("uv sync --no-group=dev", false),
            ("poetry install --no-root", true),
            ("poetry install --only main", false),
            ("poetry install --only=main", false),
            ("poetry install --without dev", false),
            ("poetry install --no-dev", false),
            ("pdm install", true),
            ("pdm install --prod", false),
            ("pipenv install --deploy", false),
            ("pipenv install --dev", true),
            ("pip install -r requirements.txt", false),
        ] {
            assert_eq!(installs_dev_group(&cmd(line), &none), dev, "{line}");
        }
        let env = BTreeMap::from([("UV_NO_DEV".to_string(), "1".to_string())]);
        assert!(!installs_dev_group(&cmd("uv sync"), &env));
        // The point estimate stays the runtime starter's; the top of the range grows.
        let top = |run: &str| {
            let e = est(&format!(
                "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\nRUN {run}\n"
            ));
            let l = e.layers.last().unwrap().clone();
            (l.bytes, l.high, l.basis)
        };
        let (with, with_high, basis) = top("poetry install --no-root");
        let (without, without_high, _) = top("poetry install --no-root --only main");
        assert_eq!(with, without);
        assert_eq!(
            with_high,
            without_high + facts::PY_DEV_GROUP.high,
            "{basis}"
        );
        assert!(basis.contains("dev group"), "{basis}");
    }

    #[test]
    fn uv_and_poetry_installers_are_sized() {
        let e = est(concat!(
            "FROM python:3.12-slim\n",
            "RUN curl -LsSf https://astral.sh/uv/install.sh | sh\n",
            "RUN curl -sSL https://install.python-poetry.org | python3 -\n",
            "RUN curl -sSL https://example.com/install.sh | sh\n",
        ));
        let uv = &e.layers[1];
        assert!(uv.estimated && !uv.partial, "{}", uv.basis);
        assert_eq!(uv.bytes, facts::UV_BINARY.bytes + facts::UVX_BINARY.bytes);
        // Poetry: a venv with pip (CPython 3.12's) and Poetry's closure in it.
        let poetry = &e.layers[2];
        assert!(poetry.estimated && !poetry.partial, "{}", poetry.basis);
        assert!(poetry.basis.contains("3.12"), "{}", poetry.basis);
        assert!(poetry.bytes > 13_748_640 + 20_000_000, "{}", poetry.basis);
        // An installer Slimfile does not know stays unknown.
        assert!(!e.layers[3].estimated, "{}", e.layers[3].basis);
        // Only the shell the installer is piped into is taken; a later script is not.
        let e = est(concat!(
            "FROM python:3.12-slim\n",
            "RUN curl -LsSf https://astral.sh/uv/install.sh | sh && bash build.sh\n",
            "RUN curl -fsSL https://deb.nodesource.com/setup_12.x | bash - && apt-get install -y nodejs\n",
        ));
        assert!(e.layers[1].partial, "{}", e.layers[1].basis);
        // A NodeSource major the release table lacks keeps the distribution's price.
        assert!(
            e.layers[2].basis.contains("the release table lacks"),
            "{}",
            e.layers[2].basis
        );
        assert!(e.layers[2].bytes > 30_000_000, "{}", e.layers[2].basis);
    }

    #[test]
    fn nvm_installs_a_node_release_and_keeps_its_archive() {
        let (n18, _) = sizes::dist::newest_of_major("Node.js", Some(18)).unwrap();
        let e = est(concat!(
            "FROM debian:bookworm-slim\n",
            "ENV NVM_DIR=/root/.nvm\n",
            "RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash\n",
            "RUN . $NVM_DIR/nvm.sh && nvm install 18 && nvm alias default 18 && nvm use default\n",
            "RUN . $NVM_DIR/nvm.sh && nvm install 18 && nvm cache clear\n",
            "RUN . $NVM_DIR/nvm.sh && nvm install 18 && rm -rf \"$NVM_DIR/.cache\"\n",
        ));
        // nvm's own checkout: not known.
        assert!(!e.layers[2].estimated, "{}", e.layers[2].basis);
        let l = &e.layers[3];
        assert!(l.estimated && !l.partial, "{}", l.basis);
        let archive = n18.bytes * facts::XZ_TOOLCHAIN_PER_BYTE.bytes / 1000;
        assert_eq!(l.bytes, n18.bytes + archive, "{}", l.basis);
        assert_eq!(e.layers[4].bytes, n18.bytes, "{}", e.layers[4].basis);
        assert_eq!(e.layers[5].bytes, n18.bytes, "{}", e.layers[5].basis);
        // A major the table lacks takes the nearest release, with a range; a code name its
        // major; no version the range over all.
        let twelve = est("FROM debian\nRUN nvm install 12\n");
        assert!(
            twelve.layers[1].bytes > 50_000_000,
            "{}",
            twelve.layers[1].basis
        );
        let gallium = est("FROM debian\nRUN nvm install lts/gallium && nvm cache clear\n");
        let (n16, _) = sizes::dist::newest_of_major("Node.js", Some(16)).unwrap();
        assert_eq!(
            gallium.layers[1].bytes, n16.bytes,
            "{}",
            gallium.layers[1].basis
        );
        let none = est("FROM debian\nRUN nvm install && nvm cache clear\n");
        assert!(
            none.layers[1].low < none.layers[1].bytes,
            "{}",
            none.layers[1].basis
        );
        for t in [
            "nvm install",
            "nvm install --lts",
            "nvm install v99.1.1",
            "nvm install lts/iron",
            "nvm",
            "nvm install --lts=",
            "nvm install $V",
        ] {
            est(&format!("FROM debian\nRUN {t}\n"));
        }
    }

    #[test]
    fn todays_command_readers_take_truncated_input_without_panicking() {
        // Each reader indexes words after its program: cut short, they must give up.
        for t in [
            "apt-mark",
            "apt-mark auto",
            "apt-mark manual",
            "xargs apt-mark",
            "xargs",
            "apt-mark auto '.*' && apt-get purge --auto-remove",
            "java -Djarmode=tools",
            "java -Djarmode=layertools -jar",
            "java -Djarmode=layertools -jar app.jar",
            "java -Djarmode=tools -jar app.jar extract --destination",
            "bootsnap precompile",
            "bundle exec bootsnap precompile --gemfile --cache-dir",
            "gem install",
            "gem install -v",
            "gem install ''",
            "gem install :",
            "locale-gen",
            "locale-gen ''",
            "localedef -i",
            "dpkg-reconfigure locales",
            "wget https://www.python.org/ftp/python/ && make install && rm -rf Python-",
            "chown -R",
        ] {
            for base in ["debian:bookworm-slim", "ruby:3.3", "alpine", "scratch"] {
                let e = est(&format!("FROM {base}\nWORKDIR /app\nCOPY . .\nRUN {t}\n"));
                assert!(!e.layers.is_empty(), "{t}");
            }
            crate::engine::analyze(
                &format!("FROM debian\nCOPY a /a\nRUN {t}\n"),
                &Default::default(),
            );
        }
    }

    #[test]
    fn packages_removed_in_the_same_run_with_auto_remove_are_not_counted() {
        let only_libpq = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*\n");
        let purged = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*\n");
        let with_gcc = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n");
        let l = &purged.layers[1];
        assert!(l.basis.contains("--auto-remove"), "{}", l.basis);
        // What stays is libpq-dev's install; gcc's toolchain goes, leaving only the log
        // lines of its install and removal.
        let logs_only = l.bytes - only_libpq.layers[1].bytes;
        assert!(logs_only > 0 && logs_only < 100_000, "{}", l.basis);
        assert!(l.basis.contains(" removed in this stage"), "{}", l.basis);
        assert!(with_gcc.layers[1].bytes > l.bytes + 50_000_000);
        // `apt-get autoremove` after a plain remove does the same.
        let later = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get remove -y gcc && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*\n");
        assert_eq!(later.layers[1].bytes, l.bytes);
        // Without it the dependencies stay: counted whole, and said so.
        let plain = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get remove -y gcc && rm -rf /var/lib/apt/lists/*\n");
        // …but for the log lines of curl's removal.
        assert_eq!(
            plain.layers[1].bytes,
            with_gcc.layers[1].bytes + facts::APT_LOG_PER_REMOVED.bytes
        );
        assert!(
            plain.layers[1].basis.contains("upper bound"),
            "{}",
            plain.layers[1].basis
        );
        // A purge undoes the installs before it, not one after.
        let after = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get purge -y --auto-remove gcc && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n");
        assert_eq!(
            after.layers[1].bytes, with_gcc.layers[1].bytes,
            "{}",
            after.layers[1].basis
        );
        // Everything removed again: dpkg still ran.
        let all = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && apt-get purge -y --auto-remove curl && rm -rf /var/lib/apt/lists/*\n");
        assert!(
            all.layers[1].bytes > 0 && all.layers[1].bytes < 5_000_000,
            "{}",
            all.layers[1].basis
        );
    }

    #[test]
    fn uv_compiles_no_bytecode_and_its_cache_hard_links_the_files() {
        let run = |r: &str| {
            let e = est(&format!("FROM python:3.12-slim\nRUN {r}\n"));
            e.layers[1].clone()
        };
        let pip = run("pip install --no-cache-dir boto3");
        let uv = run("uv pip install --system --no-cache boto3");
        let compiled = run("uv pip install --system --no-cache --compile-bytecode boto3");
        // Without --compile-bytecode uv writes no .pyc: the files alone.
        assert!(uv.basis.contains("no .pyc"), "{}", uv.basis);
        assert!(uv.bytes < pip.bytes, "{} vs {}", uv.bytes, pip.bytes);
        assert_eq!(compiled.bytes, pip.bytes, "{}", compiled.basis);
        let env = est("FROM python:3.12-slim\nENV UV_COMPILE_BYTECODE=1\nRUN uv pip install --system --no-cache boto3\n");
        assert_eq!(env.layers[2].bytes, pip.bytes);
        // Its cache holds the indexes, not a second copy of the packages.
        let cached = run("uv pip install --system boto3");
        let extra = cached.bytes - uv.bytes;
        assert_eq!(
            extra,
            7 * facts::UV_CACHE_PER_PACKAGE.bytes,
            "{}",
            cached.basis
        );
        assert_eq!(
            run("uv pip install --system boto3 && uv cache clean").bytes,
            uv.bytes
        );
        // An rm of the folder the cache is in, not of another.
        let rm = |r: &str| run(&format!("uv pip install --system boto3 && rm -rf {r}")).bytes;
        assert_eq!(rm("/root/.cache"), uv.bytes);
        let elsewhere = "UV_CACHE_DIR=/tmp/uv uv pip install --system boto3 && rm -rf";
        assert_eq!(
            run(&format!("{elsewhere} /root/.cache")).bytes,
            cached.bytes
        );
        assert_eq!(run(&format!("{elsewhere} /tmp/uv")).bytes, uv.bytes);
        // A requirements file uv installs: the default's files without the .pyc its
        // starter was measured with, and uv's cache of the starter's packages.
        let req = |r: &str| {
            est(&format!(
                "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN {r}\n"
            ))
            .layers[2]
                .clone()
        };
        let by_pip = req("pip install --no-cache-dir -r requirements.txt");
        let by_uv = req("uv pip install --system --no-cache -r requirements.txt");
        assert!(
            by_uv
                .basis
                .starts_with("uv pip install -r requirements.txt"),
            "{}",
            by_uv.basis
        );
        assert!(by_uv.basis.contains("without its .pyc"), "{}", by_uv.basis);
        assert!(by_uv.bytes < by_pip.bytes * 9 / 10 && by_uv.bytes > by_pip.bytes / 2);
        let cached = req("uv pip install --system -r requirements.txt");
        assert!(
            cached
                .basis
                .contains("uv's cache keeps the package indexes"),
            "{}",
            cached.basis
        );
        assert!(!cached.basis.contains("pip cache"), "{}", cached.basis);
        // pip keeps the wheels; `--no-compile` skips its .pyc.
        let pip_cached = run("pip install boto3");
        assert!(pip_cached.basis.contains("pip cache keeps the wheels"));
        assert_eq!(
            run("pip install --no-cache-dir --no-compile boto3").bytes,
            uv.bytes
        );
    }

    #[test]
    fn apt_logs_grow_with_every_step_of_the_stage() {
        let says = |l: &Layer, text: &str| assert!(l.basis.contains(text), "{}", l.basis);
        // dpkg's and apt's logs are appended to, and each step's layer holds them whole:
        // the second install's layer carries the first's lines too.
        let two = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
        let alone = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
        says(&two.layers[1], "(3 package(s) unpacked in this stage");
        says(&two.layers[2], "(4 package(s) unpacked in this stage");
        says(&alone.layers[1], "(1 package(s) unpacked in this stage");
        // less brings no library: no linker cache; jq does.
        assert!(!alone.layers[1].basis.contains("linker cache"));
        assert!(two.layers[1].basis.contains("linker cache"));
        // The extra is the three earlier packages' log lines, and only that: status grows
        // by the packages present too.
        let extra = two.layers[2].bytes - alone.layers[1].bytes;
        let status = 2 * 3 * facts::APT_STATUS_PER_PACKAGE.bytes;
        assert_eq!(extra, 3 * facts::APT_LOG_PER_UNPACKED.bytes + status);
        // A later stage built FROM this one goes on from its count.
        let staged = est("FROM debian:bookworm-slim AS a\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nFROM a\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
        says(staged.layers.last().unwrap(), "(4 package(s) unpacked");
        // Packages installed and purged again in the same RUN: their removal is logged too.
        let purged = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq && apt-get purge -y --auto-remove jq && rm -rf /var/lib/apt/lists/*\n");
        says(&purged.layers[1], "3 package(s) unpacked, 3 removed");
        // A plain remove logs the named package; a later RUN that only purges still runs
        // dpkg, which rewrites its status file and logs.
        let later = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq less && apt-get remove -y less && rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y jq\n");
        says(&later.layers[1], "4 package(s) unpacked, 1 removed");
        says(&later.layers[2], "4 package(s) unpacked, 2 removed");
        assert!(later.layers[2].bytes > 100_000 && later.layers[2].bytes < 300_000);
    }

    #[test]
    fn the_saved_mark_pattern_keeps_only_what_the_build_links() {
        // docker-library's pattern: every package this RUN installed is marked auto, the
        // packages of the libraries the built programs link are marked manual again, and
        // the purge removes the rest.
        let run = |ldd: &str| {
            est(&format!("FROM debian:bookworm-slim\nRUN set -eux; savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc libc6-dev libsqlite3-dev libssl-dev; gcc -o /usr/local/bin/m m.c -lsqlite3; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark > /dev/null; {ldd} apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*\n"))
        };
        let linked = run("find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual;");
        let l = &linked.layers[1];
        assert!(!l.partial, "{}", l.basis);
        assert!(l.basis.contains("libssl3 libsqlite3-0"), "{}", l.basis);
        // What stays is the two libraries' install, not gcc's toolchain.
        let libs = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libssl3 libsqlite3-0 && rm -rf /var/lib/apt/lists/*\n");
        let diff = l.bytes.abs_diff(libs.layers[1].bytes);
        assert!(diff < 100_000, "{} vs {}", l.bytes, libs.layers[1].bytes);
        // Without the ldd step nothing it installed stays but dpkg's records.
        let none = run("");
        assert!(none.layers[1].bytes < 500_000, "{}", none.layers[1].basis);
        assert!(!none.layers[1].basis.contains("new package"));
        // Packages named to `apt-mark manual` stay.
        let named = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc curl; apt-mark auto '.*'; apt-mark manual curl; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n");
        let curl = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends curl; rm -rf /var/lib/apt/lists/*\n");
        let logs_only = named.layers[1].bytes - curl.layers[1].bytes;
        assert!(logs_only < 100_000, "{}", named.layers[1].basis);
        // A mark with no purge after it removes nothing.
        let kept = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-mark auto '.*'; rm -rf /var/lib/apt/lists/*\n");
        assert!(kept.layers[1].bytes > 50_000_000);
        // nginx's spelling of the mark.
        let piped = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-mark showmanual | xargs apt-mark auto > /dev/null; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n");
        assert!(piped.layers[1].bytes < 500_000, "{}", piped.layers[1].basis);
        // Nor does a purge before the mark.
        let early = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-get purge -y --auto-remove; apt-mark auto '.*'; rm -rf /var/lib/apt/lists/*\n");
        assert_eq!(early.layers[1].bytes, kept.layers[1].bytes);
    }

    #[test]
    fn upx_and_strip_rewrite_the_binary_in_place() {
        let plain = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app .\nFROM scratch\nCOPY --from=b /app /app\n");
        let packed = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx --best --lzma /app\nFROM scratch\nCOPY --from=b /app /app\n");
        let (p, q) = (plain.layers.last().unwrap(), packed.layers.last().unwrap());
        assert_eq!(
            q.bytes,
            p.bytes * facts::UPX_LZMA_PER_BYTE.bytes / 1000,
            "{}",
            q.basis
        );
        assert!(q.basis.contains("packed with upx"), "{}", q.basis);
        // In the RUN that built it, strip replaces the binary: the layer holds one copy.
        let one = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n");
        let both = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release && strip target/release/app\n");
        assert!(
            both.layers[3].bytes <= one.layers[3].bytes,
            "{}",
            both.layers[3].basis
        );
        // In a later RUN, the packed copy is a second one.
        let later = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nRUN upx target/release/app\n");
        assert!(
            later.layers[4].bytes > 0 && later.layers[4].estimated,
            "{}",
            later.layers[4].basis
        );
        // The dummy-build pattern: the real build's binary, stripped in its RUN, once.
        let dummy = concat!(
            "FROM rust:1.80\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\n",
            "RUN mkdir src && echo 'fn main(){}' > src/main.rs && cargo build --release\n",
            "COPY src ./src\n",
        );
        let a = est(&format!("{dummy}RUN cargo build --release\n"));
        let b = est(&format!(
            "{dummy}RUN cargo build --release && strip target/release/app\n"
        ));
        assert!(b.layers.last().unwrap().bytes <= a.layers.last().unwrap().bytes);
        // upx -t only tests; -o writes a packed copy beside the original.
        let t = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx -t /app\nFROM scratch\nCOPY --from=b /app /app\n");
        assert_eq!(
            t.layers.last().unwrap().bytes,
            plain.layers.last().unwrap().bytes
        );
        let o = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx --lzma -o /app.upx /app\nFROM scratch\nCOPY --from=b /app /app\n");
        assert_eq!(
            o.layers.last().unwrap().bytes,
            plain.layers.last().unwrap().bytes,
            "{}",
            o.layers.last().unwrap().basis
        );
    }

    #[test]
    fn odd_words_in_the_new_steps_never_panic() {
        for line in [
            "RUN go install @",
            "RUN go get .x/v",
            "RUN go get x.y/v",
            "RUN go install a.b/ü/v9@",
            "RUN npm prune --omit=dev",
            "RUN corepack prepare",
            "RUN corepack",
            "RUN make install",
            "RUN bundle install && rm -rf",
            "RUN composer install",
            "RUN apk update && apk add --no-cache",
            "COPY --from=::: / /",
            "COPY --from=composer@ /usr/bin/composer /c",
            "COPY ./node_modules/ /",
            "RUN pip install -e / -r",
            "RUN apk add php php- php8 -dev openjdk openjdk17- postgresql py3- nodejs npm @",
            "RUN apk add nodejs && apk add npm && apk del nodejs",
            "RUN ./mvnw && ./gradlew && mvn && dotnet restore",
            "RUN --mount=type=cache,target= mvn package",
            "RUN strip",
            "RUN strip -s -- $BIN ../../.. /",
            "RUN go build -mod=vendor && strip ./",
            "COPY Cargo.lock go.mod /\nRUN cargo build --release && strip target/release/*",
            "COPY go.sum /\nRUN GO111MODULE=off go build && go mod download && go build",
            "CMD node\nENTRYPOINT [\"node\", \".js\"",
            // This session's paths: mounts, cp/mv, jars, globs, clones, parts of a context.
            "RUN --mount=,,=,type= --mount=type=bind,source= --mount=source=/ cp",
            "RUN go build -o a && cp a && cp -- a $X && mv a / && cp a b c/",
            "COPY *.jar\nCOPY ${JAR_FILE} .jar\nCOPY * \nCOPY Gemfile** ./",
            "RUN git clone && go build && cmake && meson setup && make && cp",
            "COPY . /a\nFROM alpine AS b\nCOPY --from=0 /a/ / \nCOPY --from=0 /a/x/.next/ /",
            "RUN composer install && COMPOSER_HOME= composer require && composer cc",
            "RUN uv sync && g++ -static x.cc -o && c++",
            "FROM debian:12.\nFROM debian:stable-\nFROM debian:99-slim\nFROM debian:oldoldoldstable\nFROM registry.docker.com/\nFROM mirror.gcr.io/library/:",
        ] {
            est(&format!("FROM alpine:3.19\n{line}\n"));
            est(&format!("FROM node:20\nENV GOPATH= NODE_ENV=\n{line}\n"));
        }
        assert!(facts::apk_index_cache(Some("edge")).bytes > 0);
    }

    #[test]
    fn package_lists_in_args_and_bundlers_path_are_followed() {
        // apk add $PACKAGES reads the ARG; the shell's own variables stay.
        let e = est(
            "FROM alpine:3.20\nARG PACKAGES=\"nodejs bash\"\nRUN apk add --no-cache $PACKAGES\n",
        );
        let l = e.layers.last().unwrap();
        assert!(l.basis.contains("nodejs"), "{}", l.basis);
        assert!(l.bytes > 40_000_000, "{}", l.basis);
        let vars: BTreeMap<String, String> = [("A".to_string(), "x y".to_string())].into();
        assert_eq!(
            model::expand_known("a $A ${A} $B ${B:-z} $", &vars),
            "a x y x y $B ${B:-z} $"
        );
        // Poetry's virtualenv under a cache dir the same RUN deletes: nothing stays.
        let p = est("FROM python:3.12-slim\nRUN pip install --no-cache poetry\nCOPY pyproject.toml poetry.lock ./\n\
             RUN POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n");
        let l = p.layers.last().unwrap();
        assert_eq!(l.bytes, 0, "{}", l.basis);
        assert!(
            !p.layers[1].basis.contains("pip cache"),
            "{}",
            p.layers[1].basis
        );
        let kept = est(
            "FROM python:3.12-slim\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\n\
             RUN POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n",
        );
        assert!(kept.layers.last().unwrap().bytes > 0);
        // A Next.js app (it copies .next) takes create-next-app's dependencies by default.
        let next = est("FROM node:20-alpine AS b\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\
             FROM node:20-alpine\nWORKDIR /app\nCOPY --from=b /app/node_modules ./node_modules\nCOPY --from=b /app/.next ./.next\n");
        let nm = &next.layers[next.layers.len() - 2];
        assert_eq!(nm.bytes, facts::NPM_NEXT_APP_WITH_DEV.bytes, "{}", nm.basis);
        // `pip install --user` goes to PYTHONUSERBASE; an activated virtualenv takes Poetry's
        // install and is copied whole.
        let user = est("FROM python:3.12-alpine AS b\nENV PYTHONUSERBASE=/install\nRUN pip install --user -r requirements.txt\n\
             FROM python:3.12-alpine\nCOPY --from=b /install /install\n");
        assert!(user.layers.last().unwrap().estimated);
        let venv = est(
            "FROM python:3.12-slim AS b\nRUN python -m venv /opt/venv; . /opt/venv/bin/activate; \
             POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n\
             FROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv\n",
        );
        let l = venv.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert!(l.bytes > facts::PIP_APP_DEPENDENCIES.bytes, "{}", l.basis);
        // A Dockerfile that names Django or Flask takes that starter's measured dependencies.
        for (cmd, d) in [
            (
                "[\"python\", \"manage.py\", \"runserver\"]",
                facts::PIP_DJANGO_APP.0,
            ),
            ("[\"flask\", \"run\"]", facts::PIP_FLASK_APP.0),
        ] {
            let e = est(&format!("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD {cmd}\n"));
            assert_eq!(e.layers[2].bytes, d.bytes, "{}", e.layers[2].basis);
        }
        // Bare `yarn` with flags installs.
        let y = est("FROM node:20\nWORKDIR /app\nRUN yarn --frozen-lockfile --production\n");
        let l = y.layers.last().unwrap();
        assert!(l.basis.contains("without devDependencies"), "{}", l.basis);
        // Gems installed to vendor/bundle are copied with the app.
        let e = est(
            "FROM ruby:3.2-alpine AS b\nWORKDIR /app\nCOPY Gemfile* ./\n\
             RUN bundle config set --local path vendor/bundle && bundle install\nCOPY . .\n\
             FROM ruby:3.2-alpine\nCOPY --from=b /app /app\n",
        );
        let l = e.layers.last().unwrap();
        assert!(l.basis.contains("vendor/bundle"), "{}", l.basis);
        assert!(l.bytes >= facts::RUBY_APP_GEMS.bytes, "{}", l.basis);
    }

    #[test]
    fn yarn_caches_the_whole_lock_file_as_measured_for_the_survey() {
        let run = |text: &str, as_of: Option<&str>| {
            let l = est_as_of(text, as_of).layers.last().unwrap().clone();
            (l.bytes, l.basis)
        };
        let app = "FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install";
        let (dev, basis) = run(&format!("{app}\n"), None);
        let y = facts::YARN_CACHE_APP.bytes;
        assert_eq!(
            dev,
            facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes + y,
            "{basis}"
        );
        assert!(basis.contains("yarn 1.22.22"), "{basis}");
        // --production leaves the devDependencies out of node_modules, not out of the cache.
        let (prod, _) = run(&format!("{app} --production\n"), None);
        assert_eq!(prod, facts::NPM_APP_DEPENDENCIES.bytes + y);
        let (cleaned, _) = run(&format!("{app} && yarn cache clean\n"), None);
        assert_eq!(cleaned, facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes);
        // The surveyed apps ask for no TypeScript 7: an earlier date takes nothing off.
        let (then, _) = run(&format!("{app}\n"), Some("2024-06"));
        assert_eq!(then, dev);
        // A plain Node server and a front end take their kind's.
        let server = app.replacen(
            "FROM node:20\n",
            "FROM node:20\nCMD [\"node\", \"app.js\"]\n",
            1,
        );
        let (b, basis) = run(&format!("{server}\n"), None);
        let want = facts::NPM_SERVER_APP.bytes + facts::YARN_CACHE_SERVER_APP.bytes;
        assert_eq!(b, want, "{basis}");
        let front = est(&format!("{app}\nRUN yarn vite build\n"));
        let want = facts::NPM_FRONTEND_APP_WITH_DEV.bytes + facts::YARN_CACHE_FRONTEND_APP.bytes;
        assert_eq!(front.layers[3].bytes, want, "{}", front.layers[3].basis);
        // Yarn 4 (corepack): a zip of each package for this platform.
        let berry = app.replacen(
            "RUN yarn install",
            "RUN corepack enable && yarn install --immutable",
            1,
        );
        let (b, basis) = run(&format!("{berry}\n"), None);
        let d = facts::NPM_APP_DEPENDENCIES_WITH_DEV;
        let want = d.bytes + d.bytes * facts::YARN_BERRY_CACHE_PER_INSTALLED.bytes / 1000;
        assert_eq!(b, want, "{basis}");
        // A Next.js app: both libc builds of its native packages, and their caches.
        let (b, basis) = run(
            "FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install\n",
            None,
        );
        let want = facts::YARN_NEXT_APP_WITH_DEV.bytes + facts::YARN_CACHE_NEXT_APP.bytes;
        assert_eq!(b, want, "{basis}");
        // Before TypeScript 7 there were no per-platform TypeScript builds to cache.
        let (then, _) = run(
            "FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install\n",
            Some("2024-06"),
        );
        assert_eq!(b - then, facts::YARN_CACHE_TS7_PLATFORMS);
        // A prune takes out what yarn's own tree adds with the devDependencies.
        let (b, basis) = run("FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install && npm prune --omit=dev\n", None);
        let want = facts::YARN_NEXT_APP.bytes + facts::YARN_CACHE_NEXT_APP.bytes;
        assert_eq!(b, want, "{basis}");
        // Yarn 2+ reads the libc field: npm's tree, and its own cache.
        let (b, basis) = run("FROM node:20\nCOPY next.config.js package.json ./\nRUN corepack enable && yarn install --immutable\n", None);
        let d = facts::NPM_NEXT_APP_WITH_DEV.bytes;
        let want = d + d * facts::YARN_BERRY_CACHE_PER_INSTALLED.bytes / 1000;
        assert_eq!(b, want, "{basis}");
    }

    #[test]
    fn build_outputs_are_found_where_the_tools_put_them() {
        // `go build` without -o: named after the file, the package path, or (for the
        // directory's own package) something the Dockerfile doesn't say.
        for (line, name) in [
            ("go build hello.go", "hello"),
            ("go build -ldflags '-s -w' ./cmd/server", "server"),
            ("go build", "*"),
            ("go build -v .", "*"),
        ] {
            assert_eq!(go_build_name(&model::commands(line)[0]), name, "{line}");
        }
        let go = est("FROM golang:1.22 AS b\nWORKDIR /src\nCOPY . .\nRUN go build\n\
             FROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\nCOPY --from=b /src/server /server\n");
        let n = go.layers.len();
        assert_eq!(
            go.layers[n - 1].bytes,
            facts::GO_STARTER_BINARY.bytes,
            "{}",
            go.layers[n - 1].basis
        );
        assert_eq!(go.layers[n - 2].bytes, facts::ACCOUNT_FILE.bytes);
        // An image that presets Cargo's target puts the release under target/<triple>/.
        let rust = est("FROM ekidd/rust-musl-builder AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\
             FROM scratch\nCOPY --from=b /app/target/x86_64-unknown-linux-musl/release/hello /hello\n");
        let l = rust.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert!(l.bytes > 300_000, "{}", l.basis);
    }

    #[test]
    fn go_install_and_gopath_go_get_name_their_binaries() {
        let bin = |line: &str, env: &[(&str, &str)]| {
            let env: BTreeMap<String, String> = env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            go_bin_path(&model::commands(line)[0], &env)
        };
        assert_eq!(
            bin("go install github.com/air-verse/air@latest", &[]).as_deref(),
            Some("/go/bin/air")
        );
        assert_eq!(
            bin("go install golang.org/x/tools/gopls/v2@v2.0.0", &[]).as_deref(),
            Some("/go/bin/gopls")
        );
        assert_eq!(
            bin(
                "go get -u github.com/x/y/cmd/tool",
                &[("GOPATH", "/gopath")]
            )
            .as_deref(),
            Some("/gopath/bin/tool")
        );
        assert_eq!(bin("go install ./...", &[]), None);
        assert_eq!(bin("go install", &[]), None);
        // A later COPY --from finds the binary of a GOPATH-era `go get`.
        let e = est(
            "FROM golang:alpine AS b\nRUN go get github.com/sourcegraph/checkup/cmd/checkup\n\
                     FROM alpine\nCOPY --from=b /go/bin/checkup /usr/bin/checkup\n",
        );
        assert_eq!(e.layers.last().unwrap().bytes, facts::GO_BINARY.bytes);
    }

    #[test]
    fn installs_are_priced_from_the_base_release_packages() {
        // docker-library/buildpack-deps' bullseye/curl and scm Dockerfiles, against the
        // sizes docker-library/repo-info printed for them (maxmood96/repo-info
        // repos/buildpack-deps/local/bullseye-curl.md, 2023-04-28: 152.91 MB;
        // bullseye-scm.md, 2024-01-09: 305.17 MB).
        let curl = "FROM debian:bullseye\n\
            RUN apt-get update && apt-get install -y --no-install-recommends \\\n\
            ca-certificates curl netbase wget && rm -rf /var/lib/apt/lists/*\n\
            RUN set -ex; if ! command -v gpg > /dev/null; then apt-get update; \\\n\
            apt-get install -y --no-install-recommends gnupg dirmngr; \\\n\
            rm -rf /var/lib/apt/lists/*; fi\n";
        let scm = format!(
            "{curl}RUN apt-get update && apt-get install -y --no-install-recommends \\\n\
             git mercurial openssh-client subversion procps && rm -rf /var/lib/apt/lists/*\n"
        );
        let at = |t: &str, d: &str| est_as_of(t, Some(d)).bytes;
        let within = |got: u64, real: u64, pct: u64| got.abs_diff(real) * 100 <= real * pct;
        let c = at(curl, "2023-04");
        assert!(within(c, 152_910_000, 2), "{c}");
        let s = at(&scm, "2024-01");
        assert!(within(s, 305_170_000, 4), "{s}");
        // Priced from bookworm's packages the same file comes out larger.
        let bw = at(&scm.replace("bullseye", "bookworm"), "2024-01");
        assert!(bw > s, "{bw} {s}");
        // trixie/curl (sq too), repo-info's docker-library/repo-info
        // repos/buildpack-deps/local/trixie-curl.md, 2026-08-25: 180.11 MB.
        let trixie = "FROM debian:trixie\nRUN set -eux; apt-get update; \\\n\
            apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget; \\\n\
            rm -rf /var/lib/apt/lists/*\n";
        let t = at(trixie, "2026-09");
        assert!(within(t, 180_110_000, 2), "{t}");
    }

    #[test]
    fn finds_and_xargs_that_read_or_delete_add_nothing() {
        let ok = |s: &str| reads_or_deletes(&model::commands(s)[0]);
        assert!(ok("find /usr/local -type f -name '*.a' -delete"));
        assert!(ok("find /usr -name '*.pyc' -exec rm -rf '{}' +"));
        assert!(ok("xargs -r apk info --installed"));
        assert!(ok("xargs -n 1 rm -f"));
        assert!(ok(". /etc/os-release"));
        assert!(ok(". \"$NVM_DIR/nvm.sh\""));
        assert!(ok("gpgconf --kill all"));
        // A build script, or a find that writes its list: not nothing.
        assert!(!ok(". ./build.sh"));
        assert!(!ok("find / -fprint /tmp/files"));
        // Rewriting files is not reading them.
        assert!(!ok("find /app -type f -exec chmod 644 {} +"));
        assert!(ok(". \"$APACHE_ENVVARS\"") && ok(". /etc/apache2/envvars"));
        assert!(!ok(". ./build.sh"));
        assert!(!ok("find /usr/local/bin -type f -exec strip {} +"));
        assert!(!ok("xargs sed -i s/a/b/"));
        assert!(!ok("gpgconf --list-dirs"));
    }

    #[test]
    fn decimals_are_written_without_floating_point() {
        assert_eq!(decimal(6_516_845, 1_000_000, 2), "6.52");
        assert_eq!(decimal(1_590, 1000, 2), "1.59");
        assert_eq!(decimal(15, 10, 0), "2");
        assert_eq!(decimal(1_050, 1000, 1), "1.1");
        assert_eq!(decimal(0, 7, 3), "0.000");
        assert_eq!(fmt_bytes(359_000_000), "359.0 MB");
        assert_eq!(fmt_bytes(1_010_844_038), "1.01 GB");
        assert_eq!(fmt_bytes(445_900), "445.9 KB");
        assert_eq!(decimal(u64::MAX, 1, 2).len(), 23);
        assert_eq!(smaller(359_000_000, 12_000_000), "30× smaller");
        assert_eq!(smaller(100, 90), "10 % smaller");
        assert_eq!(smaller(100, 100), "no saving");
        assert_eq!(smaller(10_050, 10_000), "under 1 % smaller");
        assert_eq!(smaller(100, 0), "no saving");
    }

    #[test]
    fn a_go_program_named_hello_is_a_hello_world() {
        let last = |t: &str| est(t).layers.last().unwrap().bytes;
        let go119 = facts::go_hello_binary(Some((1, 19)));
        let hello = "FROM golang:1.19\nWORKDIR /src\nCOPY hello.go .\nRUN go build hello.go\n\
                     FROM scratch\nCOPY --from=0 /src/hello .\n";
        assert_eq!(last(hello), go119.bytes);
        let named = "FROM golang:1.19\nCOPY main.go .\nRUN go build -o /bin/hello-world .\n\
                     FROM scratch\nCOPY --from=0 /bin/hello-world /\n";
        assert_eq!(last(named), go119.bytes);
        // Any other name is a program of unknown size: the net/http default.
        let server = "FROM golang\nCOPY main.go .\nRUN go build -o /bin/server .\n\
                      FROM scratch\nCOPY --from=0 /bin/server /\n";
        assert_eq!(last(server), facts::GO_BINARY.bytes);
        // Stripped, it is the measured stripped hello world.
        let stripped =
            "FROM golang:1.19\nCOPY hello.go .\nRUN go build -ldflags='-s -w' hello.go\n\
                        FROM scratch\nCOPY --from=0 /go/hello /\n";
        assert_eq!(last(stripped), go119.low);
        // A flag's value is no program name.
        let tags = "FROM golang\nCOPY main.go .\nRUN go build -tags hello -o /bin/app .\n\
                    FROM scratch\nCOPY --from=0 /bin/app /\n";
        assert_eq!(last(tags), facts::GO_BINARY.bytes);
        // With third-party modules it is no hello world, whatever its name.
        let modules = "FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n\
                       RUN go build -o /bin/hello .\nFROM scratch\nCOPY --from=0 /bin/hello /\n";
        assert_eq!(last(modules), facts::GO_STARTER_BINARY.bytes);
        // The Go release builds it: the nearest measured one to the builder's.
        let on = |tag: &str| {
            last(&format!(
                "FROM golang:{tag}\nCOPY hello.go .\nRUN go build hello.go\n\
                 FROM scratch\nCOPY --from=0 /go/hello /\n"
            ))
        };
        assert_eq!(on("1.14"), 2_038_877);
        assert_eq!(on("1.20-alpine"), 1_814_255);
        assert_eq!(on("1.26"), 2_406_041);
        assert_eq!(facts::go_hello_binary(None), facts::GO_HELLO_BINARY);
        assert_eq!(facts::go_hello_binary(Some((2, 0))), facts::GO_HELLO_BINARY);
    }
    #[test]
    fn alpine_yarn_is_yarn_1_with_nodejs() {
        let yarn = sizes::npm::install(&["yarn".to_string()], &Default::default()).installed;
        let both = est("FROM alpine:3.19\nRUN apk add --no-cache yarn\n");
        let node = est("FROM alpine:3.19\nRUN apk add --no-cache nodejs\n");
        let (b, n) = (&both.layers[1], &node.layers[1]);
        assert_eq!(b.bytes, n.bytes + yarn, "{}", b.basis);
        assert!(b.basis.contains("Yarn 1's files"), "{}", b.basis);
        assert!(!b.basis.contains("yarnpkg"), "{}", b.basis);
    }

    #[test]
    fn apk_index_cache_is_counted_once_unless_no_cache() {
        let kept = est("FROM alpine:3.19\nRUN apk add curl\nRUN apk add git\n");
        let clean =
            est("FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN apk add --no-cache git\n");
        let idx = facts::apk_index_cache(Some("3.19")).bytes;
        assert_eq!(
            kept.layers[1].bytes,
            clean.layers[1].bytes + idx,
            "{}",
            kept.layers[1].basis
        );
        assert_eq!(
            kept.layers[2].bytes, clean.layers[2].bytes,
            "{}",
            kept.layers[2].basis
        );
        let removed =
            est("FROM alpine:3.19\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n");
        assert_eq!(removed.layers[1].bytes, clean.layers[1].bytes);
        // Packages the table lacks leave the layer unknown, index or not.
        let unknown = est("FROM alpine:3.19\nRUN apk add no-such-apk-package\n");
        assert!(!unknown.layers[1].estimated);
        // Build dependencies deleted in the same RUN add nothing, and the basis says only that.
        let virt = est("FROM alpine:3.19\nRUN apk add --no-cache --virtual .b gcc && apk del .b\n");
        assert_eq!(virt.layers[1].bytes, 0);
        assert_eq!(
            virt.layers[1].basis,
            "apk: installed and removed again in the same RUN (adds nothing): gcc"
        );
    }

    #[test]
    fn node_modules_copied_from_the_host_are_a_dependency_tree() {
        let e = est("FROM node:20\nWORKDIR /app\nCOPY ./node_modules /app/node_modules\n");
        let l = e.layers.last().unwrap();
        assert_eq!(
            l.bytes,
            facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes,
            "{}",
            l.basis
        );
    }

    #[test]
    fn copying_an_images_root_copies_the_image() {
        let e = est("FROM scratch\nCOPY --from=alpine:3.19 / /\n");
        let l = e.layers.last().unwrap();
        let base = sizes::lookup_base(&sizes::parse_image_ref("alpine:3.19").unwrap()).unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, base.bytes);
    }

    #[test]
    fn the_composer_binary_copied_from_its_image_is_the_phar() {
        let e =
            est("FROM php:8.2-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::COMPOSER_PHAR.bytes);
    }

    #[test]
    fn go_copied_from_the_golang_image_is_its_release_tree() {
        let e = est("FROM debian:bookworm-slim\nCOPY --from=golang:1.22-alpine /usr/local/go/ /usr/local/go\n");
        let l = e.layers.last().unwrap();
        let d = sizes::dist::Dist::release("Go", Some("1.22".into()));
        let (go, _) = sizes::dist::unpacked(&d).unwrap();
        assert!(l.estimated && l.basis.contains("Go 1.22."), "{}", l.basis);
        assert_eq!((l.bytes, l.low, l.high), (go.bytes, go.low, go.high));
        // Another path out of the image stays unknown.
        let e = est("FROM debian:bookworm-slim\nCOPY --from=golang:1.22 /go/bin/tool /usr/bin/\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn node_copied_from_the_node_image_is_its_release_parts() {
        use sizes::dist::{node_part, NodePart};
        let e = est("FROM python:3.12-slim\n\
                     COPY --from=node:22-slim /usr/local/bin/node /usr/local/bin/node\n\
                     COPY --from=node:22-slim /usr/local/lib/node_modules /usr/local/lib/node_modules\n");
        let (program, _) = node_part(Some(22), NodePart::Program).unwrap();
        let (modules, _) = node_part(Some(22), NodePart::Modules).unwrap();
        let (bin, lib) = (&e.layers[1], &e.layers[2]);
        assert!(bin.basis.contains("Node.js 22."), "{}", bin.basis);
        assert_eq!((bin.bytes, lib.bytes), (program.bytes, modules.bytes));
        // The program is most of the release, npm and corepack a tenth of it.
        assert!(program.bytes > 80_000_000 && modules.bytes < program.bytes / 5);
        // Another path out of the image stays unknown.
        let e =
            est("FROM debian:bookworm-slim\nCOPY --from=node:22 /opt/yarn-v1.22.22 /opt/yarn\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn programs_built_by_make_take_the_measured_c_program() {
        let e = est("FROM gcc:12 AS b\nWORKDIR /src\nCOPY . .\nRUN make\n\
                     FROM debian:bookworm-slim\nCOPY --from=b /src/app /usr/local/bin/app\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::C_BINARY.bytes);
        let e = est(
            "FROM alpine:3.19 AS b\nRUN apk add build-base\nCOPY . .\nRUN make LDFLAGS=-static\n\
                     FROM scratch\nCOPY --from=b /app /app\n",
        );
        assert_eq!(
            e.layers.last().unwrap().bytes,
            facts::C_BINARY_ALPINE_STATIC.bytes
        );
        // On scratch (no libc) the program must be static even when no `-static` shows
        // (it sits in CMakeLists.txt); C++ sources make it a C++ program with libstdc++.
        let cxx = |runtime: &str| {
            est(&format!(
                "FROM alpine:3.19 AS b\nRUN apk add cmake make g++\nCOPY main.cpp CMakeLists.txt .\n\
                 RUN cmake . && make\nFROM {runtime}\nCOPY --from=b /hello /hello\n"
            ))
            .layers
            .last()
            .unwrap()
            .clone()
        };
        let l = cxx("scratch");
        assert_eq!(l.bytes, facts::CXX_BINARY_MUSL_STATIC.bytes, "{}", l.basis);
        assert!(l.basis.contains("linked statically"), "{}", l.basis);
        // Plain Alpine has no libstdc++: static there too, unless the stage installs it.
        let l = cxx("alpine:3.19");
        assert_eq!(l.bytes, facts::CXX_BINARY_MUSL_STATIC.bytes, "{}", l.basis);
        assert!(l.basis.contains("without libstdc++"), "{}", l.basis);
        let l = cxx("alpine:3.19\nRUN apk add --no-cache libstdc++");
        assert_eq!(l.bytes, facts::CXX_BINARY.bytes, "{}", l.basis);
        assert_eq!(cxx("debian:bookworm-slim").bytes, facts::CXX_BINARY.bytes);
        assert_eq!(
            cxx("gcr.io/distroless/static-debian12").bytes,
            facts::CXX_BINARY_MUSL_STATIC.bytes
        );
        // A C program on scratch from Debian's gcc: static glibc.
        let e =
            est("FROM gcc:12 AS b\nCOPY . .\nRUN make\nFROM scratch\nCOPY --from=b /app /app\n");
        assert_eq!(
            e.layers.last().unwrap().bytes,
            facts::C_BINARY_GLIBC_STATIC.bytes
        );
        // g++ named on the command line.
        let e = est("FROM gcc:12\nRUN g++ -static -o /hello hello.cpp\n");
        assert_eq!(
            e.layers.last().unwrap().bytes,
            facts::CXX_BINARY_GLIBC_STATIC.bytes
        );
    }

    #[test]
    fn package_manager_caches_follow_the_installer() {
        let npm = est(
            "FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install --omit=dev\n",
        );
        let pnpm = est("FROM node:20-slim\nRUN corepack enable\nWORKDIR /app\nCOPY package.json ./\nRUN pnpm install --prod\n");
        let d = facts::NPM_APP_DEPENDENCIES.bytes;
        let n = npm.layers.last().unwrap();
        assert_eq!(
            n.bytes,
            d + d * facts::npm_cache_per_installed(d) / 1000,
            "{}",
            n.basis
        );
        let p = pnpm.layers.last().unwrap();
        let k = facts::PNPM_STORE_EXTRA_PER_INSTALLED.bytes;
        assert_eq!(p.bytes, d + d * k / 1000, "{}", p.basis);
        // corepack enable only links shims.
        assert!(pnpm.layers[1].estimated && pnpm.layers[1].bytes == 0);
        // Without --omit=dev or NODE_ENV=production the devDependencies come too.
        let all = est("FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci && rm -rf /root/.npm\n");
        assert_eq!(
            all.layers.last().unwrap().bytes,
            facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes
        );
        let env = est("FROM node:20-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci && rm -rf /root/.npm\n");
        assert_eq!(env.layers.last().unwrap().bytes, d);
        // A prune in the same RUN leaves the production tree; COPY --from takes that.
        let pruned = est(
            "FROM node:20-slim AS b\nWORKDIR /app\nCOPY package.json ./\n\
                          RUN npm ci && npm prune --omit=dev && rm -rf /root/.npm\n\
                          FROM node:20-slim\nCOPY --from=b /app/node_modules /app/node_modules\n",
        );
        assert_eq!(pruned.layers.last().unwrap().bytes, d);
    }

    #[test]
    fn what_a_later_rm_deletes_is_not_copied_and_a_front_end_build_counts_once() {
        let copied = |run: &str| {
            let e = est(&format!(
                "FROM node:20-alpine AS b\nWORKDIR /app\nCOPY package.json yarn.lock ./\n\
                 RUN yarn install\nCOPY . .\nRUN {run}\nFROM node:20-alpine\nCOPY --from=b /app /app\n"
            ));
            e.layers.last().unwrap().clone()
        };
        let kept = copied("yarn build");
        let gone = copied("yarn build && rm -rf node_modules");
        assert!(kept.basis.contains("/app/node_modules"), "{}", kept.basis);
        assert!(!gone.basis.contains("/app/node_modules"), "{}", gone.basis);
        assert!(
            gone.bytes < facts::NPM_APP_DEPENDENCIES.bytes,
            "{}",
            gone.basis
        );
        // Removed before the build: the new dist/ is there.
        let rebuilt = copied("rm -rf dist && yarn build");
        assert_eq!(rebuilt.bytes, kept.bytes, "{}", rebuilt.basis);
        // dist/ (Vite) or build/ (Create React App): one of them, counted once.
        assert_eq!(
            kept.basis.matches("front-end build output").count(),
            1,
            "{}",
            kept.basis
        );
        let gone = copied("yarn build && rm -rf /app/dist /app/build");
        assert!(!gone.basis.contains("front-end"), "{}", gone.basis);
    }

    #[test]
    fn parts_of_a_copied_build_context_count_once_and_a_repeated_install_replaces() {
        let e = est(
            "FROM php:8.3-fpm-alpine AS b\nWORKDIR /app\nCOPY composer.json ./\n\
             RUN composer install\nCOPY . .\nRUN composer install --no-dev\n\
             FROM php:8.3-fpm-alpine\nWORKDIR /app\nCOPY --from=b /app/vendor ./vendor\n\
             COPY --from=b /app/public ./public\nCOPY --from=b /app/src ./src\n",
        );
        let n = e.layers.len();
        let (vendor, public, src) = (&e.layers[n - 3], &e.layers[n - 2], &e.layers[n - 1]);
        assert_eq!(
            vendor.bytes,
            facts::COMPOSER_VENDOR.bytes,
            "{}",
            vendor.basis
        );
        assert!(public.estimated && src.estimated);
        assert_eq!(
            public.bytes,
            facts::DEFAULT_CONTEXT.bytes,
            "{}",
            public.basis
        );
        assert_eq!(src.bytes, 0, "{}", src.basis);
        assert!(
            src.basis.contains("counted with an earlier part"),
            "{}",
            src.basis
        );
    }

    #[test]
    fn cp_of_a_built_program_and_bind_mounted_manifests_are_followed() {
        // docker init's Rust template: Cargo.lock bind-mounted (the program has
        // dependencies), target/ in a cache mount, the binary copied out with cp.
        let e = est("FROM rust:1.75-alpine AS build\nWORKDIR /app\n\
             RUN --mount=type=bind,source=src,target=src --mount=type=bind,source=Cargo.lock,target=Cargo.lock \\\n\
                 --mount=type=cache,target=/app/target/ cargo build --locked --release && cp ./target/release/app /bin/server\n\
             FROM alpine:3.18\nCOPY --from=build /bin/server /bin/\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        // The starters' binary (plus musl's share over glibc's, a few KB).
        let s = facts::RUST_STARTER_BINARY.bytes;
        assert!((s..s + 10_000).contains(&l.bytes), "{}", l.basis);
        // mv moves it: the layer gains nothing, the new path is what a COPY --from takes.
        let e = est("FROM golang:1.22 AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o app . && mv app /usr/local/bin/app\n\
             FROM scratch\nCOPY --from=b /usr/local/bin/app /app\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated && l.bytes > 1_000_000, "{}", l.basis);
        // A cp of something no step built stays unknown.
        let e = est("FROM debian:12\nRUN cp /opt/x /usr/bin/x\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn the_parts_of_an_extracted_jar_count_once() {
        // Spring Boot's layers (docker init's Java template): four COPYs of the folders
        // `layertools extract` makes of one jar.
        let e = est("FROM maven:3.9-eclipse-temurin-17 AS b\nWORKDIR /build\nCOPY . .\n\
             RUN mvn package && java -Djarmode=layertools -jar target/app.jar extract --destination target/extracted\n\
             FROM eclipse-temurin:17-jre\n\
             COPY --from=b build/target/extracted/dependencies/ ./\n\
             COPY --from=b build/target/extracted/spring-boot-loader/ ./\n\
             COPY --from=b build/target/extracted/application/ ./\n");
        let n = e.layers.len();
        let parts: Vec<u64> = e.layers[n - 3..].iter().map(|l| l.bytes).collect();
        assert!(parts[0] > 0, "{}", e.layers[n - 3].basis);
        assert_eq!(&parts[1..], &[0, 0], "{}", e.layers[n - 1].basis);
    }

    #[test]
    fn cpython_built_from_source_is_the_measured_install() {
        // docker-library/python's build: download, unpack, configure, make, make install,
        // then the tarball and the source tree deleted.
        let run = |clean: &str| {
            est(&format!("FROM debian:bookworm-slim\nENV PYTHON_VERSION 3.11.9\nRUN set -eux; wget -O python.tar.xz \"https://www.python.org/ftp/python/${{PYTHON_VERSION%%[a-z]*}}/Python-$PYTHON_VERSION.tar.xz\"; mkdir -p /usr/src/python; tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; rm python.tar.xz; cd /usr/src/python; ./configure --enable-shared --with-ensurepip; make -j \"$(nproc)\"; make install; cd /; {clean}\n"))
        };
        let e = run("rm -rf /usr/src/python");
        let l = e.layers.last().unwrap();
        assert!(l.estimated && !l.partial, "{}", l.basis);
        assert_eq!(l.bytes, facts::CPYTHON_3_11.bytes, "{}", l.basis);
        assert!(l.basis.contains("CPython 3.11.9"), "{}", l.basis);
        // The source tree kept: not the pattern, not priced as it.
        let kept = run("true");
        assert!(kept.layers.last().unwrap().bytes != facts::CPYTHON_3_11.bytes);
        // 3.13 and later take 3.13's measured install.
        let e = est("FROM debian:bookworm-slim\nRUN wget -O python.tar.xz https://www.python.org/ftp/python/3.13.14/Python-3.13.14.tar.xz && tar -xf python.tar.xz && cd Python-3.13.14 && ./configure && make && make install && cd / && rm -rf Python-3.13.14 python.tar.xz\n");
        let l = e.layers.last().unwrap();
        assert_eq!(l.bytes, facts::CPYTHON_3_13.bytes, "{}", l.basis);
    }

    #[test]
    fn locale_generation_writes_the_locale_archive() {
        let e = est("FROM ubuntu:22.04\nRUN locale-gen en_US.UTF-8\nRUN sed -i 's/# de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen && locale-gen\nRUN localedef -i fr_FR -c -f UTF-8 fr_FR.UTF-8\n");
        let (a, b, c) = (&e.layers[1], &e.layers[2], &e.layers[3]);
        assert!(a.estimated && !a.partial, "{}", a.basis);
        assert_eq!(a.bytes, facts::LOCALE_ARCHIVE.bytes);
        // Each later run writes the whole archive again, one locale more.
        assert_eq!(
            b.bytes,
            facts::LOCALE_ARCHIVE.bytes + facts::LOCALE_MORE.bytes
        );
        assert_eq!(
            c.bytes,
            facts::LOCALE_ARCHIVE.bytes + 2 * facts::LOCALE_MORE.bytes
        );
        assert!(c.basis.contains("3 locale(s)"), "{}", c.basis);
        // Two names at once.
        let two = est("FROM ubuntu:22.04\nRUN locale-gen en_US.UTF-8 de_DE.UTF-8\n");
        assert_eq!(two.layers[1].bytes, b.bytes);
        // Two compiles in one RUN leave one archive; the same locale again is no new one.
        let once = est("FROM debian:bookworm\nRUN echo 'en_US.UTF-8 UTF-8' > /etc/locale.gen && locale-gen && dpkg-reconfigure -f noninteractive locales && localedef -i en_US -f UTF-8 en_US.UTF-8\nRUN locale-gen en_US.utf8\n");
        assert_eq!(
            once.layers[1].bytes,
            facts::LOCALE_ARCHIVE.bytes,
            "{}",
            once.layers[1].basis
        );
        assert!(
            once.layers[1].basis.contains("1 locale(s)"),
            "{}",
            once.layers[1].basis
        );
        assert_eq!(once.layers[2].bytes, facts::LOCALE_ARCHIVE.bytes);
        // localedef without an input file (a listing) is not a compile.
        assert!(!est("FROM ubuntu:22.04\nRUN localedef --list-archive\n").layers[1].estimated);
    }

    #[test]
    fn gem_install_is_priced_from_debians_gems() {
        let e = est("FROM ruby:3.3\nRUN gem install bundler -v 2.5.6 --no-document\nRUN gem install rails:7.1.0 && gem install nokogiri\n");
        let (b, r) = (&e.layers[1], &e.layers[2]);
        assert!(
            b.estimated && b.bytes > 1_000_000 && b.bytes < 2_500_000,
            "{}",
            b.basis
        );
        assert!(r.estimated && r.bytes > 5_000_000, "{}", r.basis);
        // nokogiri came with rails: the second install adds nothing.
        assert!(
            r.basis.contains("nokogiri") || r.basis.contains("…"),
            "{}",
            r.basis
        );
        let alone = est("FROM ruby:3.3\nRUN gem install rails:7.1.0\n");
        assert_eq!(alone.layers[1].bytes, r.bytes);
        // A native gem's vendored libraries widen the top of the range, unless the image
        // has them (ruby:3.3 is built on buildpack-deps, with libxml2).
        assert!(r.high == r.bytes && b.high == b.bytes);
        let slim = est("FROM ruby:3.3-slim\nRUN gem install nokogiri\n");
        assert!(
            slim.layers[1].high > slim.layers[1].bytes,
            "{}",
            slim.layers[1].basis
        );
        // The cache deleted in the same RUN; a redirection is no gem; the version
        // constraint stays with its gem.
        let del = est("FROM ruby:3.3\nRUN gem install bundler > /dev/null && rm -rf /usr/local/bundle/cache\n");
        assert!(
            del.layers[1].bytes < b.bytes && !del.layers[1].partial,
            "{}",
            del.layers[1].basis
        );
        let pinned = est("FROM ruby:3.3\nRUN gem install 'rails:~> 7.1'\n");
        assert_eq!(pinned.layers[1].bytes, r.bytes);
        // A gem the table lacks leaves the layer partly modelled.
        assert!(est("FROM ruby:3.3\nRUN gem install bundler my_private_gem\n").layers[1].partial);
        // Gemfile installs and unknown gems stay unmodelled.
        assert!(!est("FROM ruby:3.3\nRUN gem install -g Gemfile\n").layers[1].estimated);
        assert!(!est("FROM ruby:3.3\nRUN gem install no_such_gem\n").layers[1].estimated);
    }

    #[test]
    fn bootsnap_caches_compiled_gems_and_chown_doubles_them() {
        // Rails' generated Dockerfile (7.1+): the gems' cache after bundle install, the
        // app's after COPY, then `chown -R … tmp` in the final stage.
        let text = "FROM ruby:3.3-slim AS base\nWORKDIR /rails\nENV BUNDLE_WITHOUT=development\n\
             FROM base AS build\nCOPY Gemfile Gemfile.lock ./\n\
             RUN bundle install && rm -rf ~/.bundle/ \"${BUNDLE_PATH}\"/ruby/*/cache && bundle exec bootsnap precompile --gemfile\n\
             COPY . .\nRUN bundle exec bootsnap precompile app/ lib/\n\
             FROM base\nCOPY --from=build /usr/local/bundle /usr/local/bundle\nCOPY --from=build /rails /rails\n\
             RUN useradd rails && chown -R rails:rails db log storage tmp\n";
        let e = est(text);
        let n = e.layers.len();
        let (gems, app, chown) = (&e.layers[n - 3], &e.layers[n - 2], &e.layers[n - 1]);
        let r = facts::BOOTSNAP_PER_GEM_BYTE.bytes;
        // The cache is the gem files (the .gem cache deleted) at the measured ratio.
        let cache = gems.bytes * r / 1000;
        assert!(
            app.bytes > cache && app.bytes < cache + 1_000_000,
            "{}",
            app.basis
        );
        assert!(
            app.basis.contains("/rails/tmp/cache/bootsnap"),
            "{}",
            app.basis
        );
        // chown -R of tmp writes the cache again.
        assert!(
            chown.bytes > cache && chown.bytes < app.bytes,
            "{}",
            chown.basis
        );
        // --cache-dir moves it out of tmp: the chown leaves it alone.
        let moved = est(&text
            .replace("--gemfile", "--gemfile --cache-dir /cache")
            .replace("app/ lib/", "--cache-dir /cache app/ lib/"));
        assert!(moved.layers.last().unwrap().bytes < 1_000_000);
    }

    #[test]
    fn spring_boot_jar_modes_extract_the_jar() {
        // layertools in its own RUN, into the working directory (vimad/spring-boot-docker).
        let e = est(
            "FROM maven:3.9-eclipse-temurin-21 AS b\nWORKDIR /app\nCOPY . .\nRUN mvn package\n\
             RUN java -Djarmode=layertools -jar target/app-1.0.0.jar extract\n\
             FROM eclipse-temurin:21-jre-alpine\nWORKDIR /app\n\
             COPY --from=b app/dependencies/ ./\nCOPY --from=b app/spring-boot-loader/ ./\n\
             COPY --from=b app/snapshot-dependencies/ ./\nCOPY --from=b app/application/ ./\n",
        );
        let n = e.layers.len();
        let parts: Vec<u64> = e.layers[n - 4..].iter().map(|l| l.bytes).collect();
        assert_eq!(parts, [facts::JAVA_JAR.bytes, 0, 0, 0]);
        assert!(e.layers[n - 4..].iter().all(|l| l.estimated && !l.partial));
        // The extracting RUN is modelled: the jar's contents.
        let one = est("FROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY target/app.jar app.jar\nRUN java -Djarmode=layertools -jar app.jar extract\n");
        let l = one.layers.last().unwrap();
        assert!(
            l.estimated && l.bytes == facts::JAVA_JAR.bytes,
            "{}",
            l.basis
        );
        // tools mode (Spring Boot 3.3+): a folder named after the jar, layers on request.
        let t = est("FROM eclipse-temurin:21-jre AS b\nWORKDIR /b\nCOPY target/app.jar app.jar\n\
             RUN java -Djarmode=tools -jar app.jar extract --layers --launcher\n\
             FROM eclipse-temurin:21-jre\nCOPY --from=b /b/app/dependencies/ ./\nCOPY --from=b /b/app/application/ ./\n");
        let n = t.layers.len();
        assert_eq!(
            t.layers[n - 2].bytes,
            facts::JAVA_JAR.bytes,
            "{}",
            t.layers[n - 2].basis
        );
        assert_eq!(t.layers[n - 1].bytes, 0);
        // Without --layers: the jar and its lib/ in the destination.
        let j = est(
            "FROM eclipse-temurin:21-jre AS b\nWORKDIR /b\nCOPY target/app.jar app.jar\n\
             RUN java -Djarmode=tools -jar app.jar extract --destination out\n\
             FROM eclipse-temurin:21-jre\nCOPY --from=b /b/out /app\n",
        );
        let l = j.layers.last().unwrap();
        assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
        // Any other java command stays unmodelled.
        let o = est("FROM eclipse-temurin:21-jre\nRUN java -jar tool.jar generate\n");
        assert!(!o.layers.last().unwrap().estimated);
    }

    #[test]
    fn build_outputs_are_not_parts_of_the_context_and_a_rename_is_small() {
        let e = est(
            "FROM node:18-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm run build\n\
             FROM node:18-alpine\nCOPY --from=b /app/.next/standalone ./\n",
        );
        // Not a part of the context: the Next.js build's traced server, as measured.
        let l = e.layers.last().unwrap();
        assert_eq!(l.bytes, facts::NEXT_STANDALONE.bytes, "{}", l.basis);
        let e = est("FROM php:8.2-apache\nRUN mv \"$PHP_INI_DIR/php.ini-production\" \"$PHP_INI_DIR/php.ini\"\n");
        assert!(e.layers.last().unwrap().estimated);
    }

    #[test]
    fn a_copy_from_a_folder_where_unmodelled_steps_ran_says_so() {
        let e = est(
            "FROM ruby:3.3 AS b\nWORKDIR /rails\nCOPY . .\nRUN ./bin/rails assets:precompile\n\
             FROM ruby:3.3-slim\nCOPY --from=b /rails /rails\n",
        );
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert!(
            l.basis.contains(
                "also holds what `./bin/rails` (line 4) in /rails wrote: not modelled, not counted"
            ),
            "{}",
            l.basis
        );
    }

    #[test]
    fn a_maven_assembly_builds_the_jar() {
        let e = est(
            "FROM maven:3.8.5-eclipse-temurin-17 AS b\nWORKDIR /w\nCOPY . .\n\
             RUN mvn --batch-mode clean compile assembly:single\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=b /w/target/app.jar /app.jar\n",
        );
        let l = e.layers.last().unwrap();
        assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
    }

    #[test]
    fn native_image_builds_make_the_executable_a_later_stage_copies() {
        let last = |t: &str| est(t).layers.last().unwrap().clone();
        // Spring Boot 3's documented build, as vimad/spring-boot-docker writes it.
        let l = last(
            "FROM ghcr.io/graalvm/native-image-community:21 AS builder
WORKDIR /app
             COPY . .
RUN mvn -Pnative native:compile
             FROM oraclelinux:9-slim
WORKDIR /app
             COPY --from=builder app/target/spring-boot-docker ./
",
        );
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(
            l.bytes,
            facts::SPRING_NATIVE_EXECUTABLE.bytes,
            "{}",
            l.basis
        );
        let g = last(
            "FROM ghcr.io/graalvm/native-image-community:21 AS b
WORKDIR /src
COPY . .
             RUN ./gradlew nativeCompile
FROM gcr.io/distroless/base-debian12
             COPY --from=b /src/build/native/nativeCompile/demo /demo
",
        );
        assert_eq!(
            g.bytes,
            facts::SPRING_NATIVE_EXECUTABLE.bytes,
            "{}",
            g.basis
        );
        // Quarkus, built in the image and on the host (its generated Dockerfile.native).
        let q = last(
            "FROM quay.io/quarkus/ubi-quarkus-mandrel-builder-image:jdk-21 AS b
             WORKDIR /code
COPY . .
RUN ./mvnw package -Dnative
             FROM quay.io/quarkus/quarkus-micro-image:2.0
             COPY --from=b /code/target/*-runner /work/application
",
        );
        assert_eq!(
            q.bytes,
            facts::QUARKUS_NATIVE_EXECUTABLE.bytes,
            "{}",
            q.basis
        );
        let host = last(
            "FROM registry.access.redhat.com/ubi9/ubi-minimal
WORKDIR /work/
             COPY --chown=1001:root --chmod=0755 target/*-runner /work/application
",
        );
        assert_eq!(
            host.bytes,
            facts::QUARKUS_NATIVE_EXECUTABLE.bytes,
            "{}",
            host.basis
        );
        // A plain package still builds the jar.
        let jar = last(
            "FROM maven:3.9-eclipse-temurin-21 AS b
WORKDIR /w
COPY . .
RUN mvn package
             FROM eclipse-temurin:21-jre
COPY --from=b /w/target/app.jar /app.jar
",
        );
        assert_eq!(jar.bytes, facts::JAVA_JAR.bytes, "{}", jar.basis);
    }

    #[test]
    fn code_checks_write_nothing_of_note() {
        for run in ["npm test", "yarn lint", "pnpm run typecheck", "pytest -q"] {
            let e = est(&format!("FROM node:20-alpine\nRUN {run}\n"));
            let l = e.layers.last().unwrap();
            assert!(l.estimated && l.bytes == 0, "{run}: {}", l.basis);
        }
        let e = est("FROM node:20-alpine\nRUN npm run deploy\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn laravel_caches_are_small_and_migrations_unknown() {
        let e = est("FROM php:8.2-fpm\nRUN php artisan config:cache && php artisan route:cache\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated && l.bytes == 0, "{}", l.basis);
        let e = est("FROM php:8.2-fpm\nRUN php artisan migrate --force\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn a_copy_of_a_subfolder_where_unmodelled_steps_ran_says_so_and_branches_are_bounds() {
        let e = est(
            "FROM ruby:3.3 AS b\nWORKDIR /rails\nCOPY . .\nRUN ./bin/rails assets:precompile\n\
             FROM nginx:alpine\nCOPY --from=b /rails/public/assets /usr/share/nginx/html\n",
        );
        let l = e.layers.last().unwrap();
        assert!(
            l.basis.contains("`./bin/rails` (line 4) in /rails wrote"),
            "{}",
            l.basis
        );
        // Both branches of an if are counted: the layer says it is an upper bound.
        let e = est("FROM debian:bookworm-slim\nRUN if [ \"$X\" = 1 ]; then apt-get update && apt-get install -y curl; else apt-get update && apt-get install -y wget; fi\n");
        let l = e.layers.last().unwrap();
        assert!(l.basis.contains("an upper bound"), "{}", l.basis);
    }

    #[test]
    fn django_collectstatic_copies_the_admin_static_files() {
        let e = est("FROM python:3.12-slim\nRUN python manage.py collectstatic --noinput\n");
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::DJANGO_COLLECTSTATIC.bytes);
        let e = est("FROM python:3.12-slim\nRUN python manage.py runserver\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn composer_from_its_installer_is_its_phar() {
        for run in [
            "curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer",
            "php -r \"copy('https://getcomposer.org/installer', 'composer-setup.php');\" && php composer-setup.php && php -r \"unlink('composer-setup.php');\" && mv composer.phar /usr/local/bin/composer",
            "wget https://getcomposer.org/download/2.0.8/composer.phar && mv composer.phar /usr/bin/composer && chmod +x /usr/bin/composer",
        ] {
            let e = est(&format!("FROM php:8.2-cli\nRUN {run}\n"));
            let l = e.layers.last().unwrap();
            assert!(l.estimated, "{run}: {}", l.basis);
            assert_eq!(l.bytes, facts::COMPOSER_PHAR.bytes, "{run}: {}", l.basis);
        }
        // `php` elsewhere is still not modelled.
        let e = est("FROM php:8.2-cli\nRUN php bin/console cache:warmup\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    #[test]
    fn a_next_build_leaves_its_parts_of_dot_next() {
        // Without output: "standalone" (no COPY of it), `.next` is the server bundles, the
        // static files and the build cache; its static part alone is what it is.
        let df = |copy: &str| {
            format!(
                "FROM node:20-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx next build\n\
                 FROM node:20-alpine\nWORKDIR /app\n{copy}CMD [\"npx\", \"next\", \"start\"]\n"
            )
        };
        let whole = est(&df("COPY --from=b /app/.next ./.next\n"));
        let l = &whole.layers[whole.layers.len() - 2];
        assert_eq!(
            l.bytes,
            facts::NEXT_STATIC.bytes + facts::NEXT_CACHE.bytes + facts::NEXT_SERVER.bytes,
            "{}",
            l.basis
        );
        let st = est(&df("COPY --from=b /app/.next/static ./.next/static\n"));
        assert_eq!(
            st.layers[st.layers.len() - 2].bytes,
            facts::NEXT_STATIC.bytes
        );
        // The user's size stands for the whole folder.
        let text = df("COPY --from=b /app/.next ./.next\n");
        let p = syntax::parse(&text);
        let m = Model::build(&p);
        let a = Assumptions {
            artifact_bytes: Some(50_000_000),
            ..Default::default()
        };
        let e = estimate(&text, &p, &m, &a);
        let b = e.layers[e.layers.len() - 2].bytes;
        assert!((49_999_990..=50_000_000).contains(&b), "{b}");
    }

    #[test]
    fn uv_sync_installs_into_the_project_venv_that_copy_from_takes() {
        let e = est(
            "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS b\nWORKDIR /app\n\
             RUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync --frozen --no-dev\n\
             FROM python:3.12-slim-bookworm\nCOPY --from=b /app/.venv /app/.venv\n",
        );
        let l = e.layers.last().unwrap();
        assert!(l.estimated && l.bytes > 1_000_000, "{}", l.basis);
    }

    #[test]
    fn globs_of_manifest_names_are_small_files() {
        for f in [
            "Gemfile*",
            "yarn.lock*",
            "package*.json",
            "*.csproj",
            "Pipfile*",
        ] {
            assert!(looks_like_file(f), "{f}");
        }
        for d in ["src*", "*", "app/*", "lib/"] {
            assert!(!looks_like_file(d), "{d}");
        }
        let e = est("FROM ruby:3.3\nCOPY Gemfile* package.json yarn.lock ./\n");
        assert_eq!(e.layers.last().unwrap().bytes, 3 * facts::SMALL_FILE.bytes);
    }

    #[test]
    fn a_cloned_go_project_downloads_its_modules() {
        let e = est("FROM golang:1.22\nRUN git clone https://example.com/app.git /src && cd /src && go build -o /app .\n");
        let l = e.layers.last().unwrap();
        assert!(
            l.basis.contains("downloads go.sum's modules"),
            "{}",
            l.basis
        );
    }

    #[test]
    fn a_jar_copied_from_the_context_is_the_built_program() {
        // Spring's "Spring Boot with Docker" guide.
        let e = est("FROM eclipse-temurin:17-jdk-alpine\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\nENTRYPOINT [\"java\",\"-jar\",\"/app.jar\"]\n");
        let l = &e.layers[2];
        assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
    }

    #[test]
    fn composer_installs_the_development_packages_unless_told_not_to() {
        // The last layer holds vendor/ and Composer's cache, a share of it.
        let vendor = |t: &str| {
            let l = est(t).layers.last().unwrap().clone();
            let k = facts::COMPOSER_CACHE_PER_VENDOR.bytes;
            (l.bytes * 1000 / (1000 + k), l.basis)
        };
        let dev = facts::COMPOSER_VENDOR_WITH_DEV.bytes;
        let prod = facts::COMPOSER_VENDOR.bytes;
        for (t, want) in [
            ("FROM php:8.3-fpm\nRUN composer install\n", dev),
            ("FROM php:8.3-fpm\nRUN composer install --no-dev\n", prod),
            (
                "FROM php:8.3-fpm\nENV COMPOSER_NO_DEV=1\nRUN composer install\n",
                prod,
            ),
            (
                "FROM php:8.3-fpm\nRUN COMPOSER_NO_DEV=0 composer install\n",
                dev,
            ),
            (
                "FROM php:8.3-fpm\nRUN composer require --update-no-dev a/b\n",
                prod,
            ),
        ] {
            let (b, basis) = vendor(t);
            assert!(b.abs_diff(want) <= 1, "{t}: {b} vs {want}: {basis}");
        }
        let (_, basis) = vendor("FROM php\nRUN composer install\n");
        assert!(basis.contains("with the development ones"), "{basis}");
    }

    #[test]
    fn composer_keeps_its_download_cache_unless_told_not_to() {
        let v = facts::COMPOSER_VENDOR.bytes;
        let cache = v * facts::COMPOSER_CACHE_PER_VENDOR.bytes / 1000;
        let last = |t: &str| est(t).layers.last().unwrap().clone();
        let l = last("FROM php:8.3-fpm\nWORKDIR /app\nRUN composer install --no-dev\n");
        assert_eq!(l.bytes, v + cache, "{}", l.basis);
        assert!(l.basis.contains("/root/.cache/composer"), "{}", l.basis);
        // The composer image keeps it under COMPOSER_HOME=/tmp.
        let l = last("FROM composer:2\nRUN composer install\n");
        assert!(l.basis.contains("kept in /tmp/cache"), "{}", l.basis);
        for t in [
            "FROM php\nRUN composer install && composer clear-cache\n",
            "FROM php\nRUN composer install --no-dev --no-cache\n",
            "FROM php\nRUN COMPOSER_CACHE_DIR=/dev/null composer install\n",
            "FROM php\nENV COMPOSER_HOME=/composer\nRUN composer install && rm -rf /composer/cache\n",
            "FROM composer:2\nRUN composer install && rm -rf /tmp/cache\n",
            "FROM php\nRUN composer install && rm -rf ~/.cache/composer ~/.composer/cache\n",
            "FROM php\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n",
        ] {
            let dev = !t.contains("--no-dev");
            let want = if dev { facts::COMPOSER_VENDOR_WITH_DEV.bytes } else { v };
            assert_eq!(last(t).bytes, want, "{t}");
        }
    }

    #[test]
    fn a_cargo_lock_copied_on_its_own_means_dependencies_and_strip_shrinks_the_binary() {
        let df = |strip: &str| {
            format!(
                "FROM rust:1.75 AS b\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\nCOPY src src\n\
                 RUN cargo build --release\n{strip}FROM debian:bookworm-slim\n\
                 COPY --from=b /app/target/release/app /app\n"
            )
        };
        let plain = est(&df(""));
        let l = plain.layers.last().unwrap();
        assert_eq!(l.bytes, facts::RUST_STARTER_BINARY.bytes, "{}", l.basis);
        let stripped = est(&df("RUN strip target/release/app\n"));
        let l = stripped.layers.last().unwrap();
        assert_eq!(
            l.bytes,
            facts::RUST_STARTER_BINARY.bytes * 343_408 / 445_904,
            "{}",
            l.basis
        );
        // A dummy build that caches the dependencies, then the real one: the second
        // writes over the first's program, which is copied (and stripped) once.
        let twice = est(&df(
            "COPY . .\nRUN cargo build --release\nRUN strip target/release/app\n",
        ));
        assert_eq!(
            twice.layers.last().unwrap().bytes,
            stripped.layers.last().unwrap().bytes,
            "{}",
            twice.layers.last().unwrap().basis
        );
        // A whole directory copied says nothing about dependencies: hello world's size.
        let hello = est(
            "FROM rust:1.75 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\
                         FROM scratch\nCOPY --from=b /app/target/release/hello /hello\n",
        );
        assert_eq!(hello.layers.last().unwrap().bytes, facts::RUST_BINARY.bytes);
        // `strip` of something the estimate did not build is left alone.
        let other = est("FROM debian:bookworm-slim\nRUN strip /usr/bin/foo\n");
        assert!(!other
            .layers
            .last()
            .unwrap()
            .basis
            .contains("without symbols"));
    }

    #[test]
    fn older_toolchains_keep_the_standard_librarys_debuginfo_and_dev_builds_are_larger() {
        let at = est_as_of;
        let df = |from: &str, build: &str, after: &str| {
            format!(
                "FROM {from} AS b\nWORKDIR /app\nCOPY . .\nRUN {build}\n{after}FROM scratch\n\
                 COPY --from=b /app/target/release/hello /hello\n"
            )
        };
        let hello = facts::RUST_BINARY.bytes;
        let debuginfo = facts::RUST_STD_DEBUGINFO;
        let last = |e: Estimate| e.layers.last().unwrap().clone();
        // Rust 1.50 named by the tag: the debuginfo is in; `strip` takes it out again.
        let old = last(at(&df("rust:1.50", "cargo build --release", ""), None));
        assert_eq!(old.bytes, hello + debuginfo, "{}", old.basis);
        assert!(old.basis.contains("debuginfo"), "{}", old.basis);
        let stripped = last(at(
            &df(
                "rust:1.50",
                "cargo build --release",
                "RUN strip target/release/hello\n",
            ),
            None,
        ));
        assert_eq!(stripped.bytes, hello * 343_408 / 445_904);
        // The range's low end is a binary with the debuginfo too, stripped the same way.
        assert_eq!(old.low, facts::RUST_BINARY.low + debuginfo);
        assert_eq!(stripped.low, facts::RUST_BINARY.low * 343_408 / 445_904);
        // A digest-pinned tag still names its release.
        let pinned = last(at(
            &df("rust:1.50@sha256:0123abcd", "cargo build --release", ""),
            None,
        ));
        assert_eq!(pinned.bytes, old.bytes);
        // 1.59–1.76: Cargo.toml may strip, so only the range's top holds it.
        let mid = last(at(&df("rust:1.70-slim", "cargo build --release", ""), None));
        assert_eq!(mid.bytes, hello);
        assert_eq!(mid.high, facts::RUST_BINARY.high + debuginfo);
        // An image that names no version: the date the estimate is made as of.
        let ekidd = df("ekidd/rust-musl-builder", "cargo build --release", "");
        assert_eq!(last(at(&ekidd, Some("2019"))).bytes, hello + debuginfo);
        assert_eq!(last(at(&ekidd, Some("2023-09"))).bytes, hello);
        assert_eq!(
            last(at(&ekidd, Some("2024-06"))).high,
            facts::RUST_BINARY.high
        );
        assert_eq!(last(at(&ekidd, None)).bytes, hello);
        // Told what to strip: the linker's -s or rustc's strip=symbols take the symbols too
        // (and a later `strip` finds nothing more); strip=debuginfo only the debuginfo;
        // strip=none keeps it even today.
        let told =
            |build: &str, from: &str, after: &str| last(at(&df(from, build, after), None)).bytes;
        let symbols = hello * 343_408 / 445_904;
        assert_eq!(
            told(
                "RUSTFLAGS='-C link-arg=-s' cargo build --release",
                "rust:1.50",
                ""
            ),
            symbols
        );
        assert_eq!(
            told(
                "RUSTFLAGS=\"-Cstrip=symbols\" cargo build --release",
                "rust:1.50",
                "RUN strip target/release/hello\n"
            ),
            symbols
        );
        assert_eq!(
            told(
                "CARGO_PROFILE_RELEASE_STRIP=debuginfo cargo build --release",
                "rust:1.50",
                ""
            ),
            hello
        );
        assert_eq!(
            told(
                "RUSTFLAGS='-C strip=none' cargo build --release",
                "rust:1.90",
                ""
            ),
            hello + debuginfo
        );
        assert_eq!(
            told(
                "CARGO_PROFILE_RELEASE_STRIP=false cargo build -r",
                "rust:1.90",
                ""
            ),
            hello + debuginfo
        );
        // The profile a command builds: --profile release and -r are release builds.
        assert_eq!(
            told("cargo build --profile release", "rust:1.90", ""),
            hello
        );
        // The dev profile: its binary, in target/debug, and its larger target/.
        let dev = at(
            "FROM rust:1.80 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build\n\
             FROM scratch\nCOPY --from=b /app/target/debug/hello /hello\n",
            None,
        );
        assert_eq!(last(dev).bytes, facts::RUST_BINARY_DEBUG.bytes);
        let single = at(
            "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build\n",
            None,
        );
        let l = last(single);
        assert_eq!(
            l.bytes,
            facts::RUST_BINARY_DEBUG.bytes
                + facts::RUST_TARGET_DIR_DEBUG.bytes
                + facts::RUST_REGISTRY.bytes,
            "{}",
            l.basis
        );
        assert!(l.basis.contains("dev profile"), "{}", l.basis);
        let dev_stripped = at(
            "FROM rust:1.80 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --profile dev\n\
             RUN strip target/debug/hello\nFROM scratch\nCOPY --from=b /app/target/debug/hello /hello\n",
            None,
        );
        assert_eq!(
            last(dev_stripped).bytes,
            facts::RUST_BINARY_DEBUG.bytes * 3_008_424 / 26_997_584
        );
        // A second `strip` keeps what the first left.
        let twice = last(at(
            &df(
                "rust:1.50",
                "cargo build --release",
                "RUN strip target/release/hello && strip target/release/hello\n",
            ),
            None,
        ));
        assert_eq!(twice.bytes, stripped.bytes);
    }

    #[test]
    fn harmless_commands_do_not_make_a_download_known() {
        let e = est(
            "FROM alpine:3.19\nRUN export V=1 && cd /opt && curl -sS https://x/a.tgz | tar xz\n",
        );
        let l = e.layers.last().unwrap();
        assert!(!l.estimated, "{}", l.basis);
        assert_eq!(e.unestimated, 1);
        let quiet = est("FROM alpine:3.19\nRUN mkdir -p /data && echo ok\n");
        let l = quiet.layers.last().unwrap();
        assert!(l.estimated && l.bytes == 0, "{}", l.basis);
        // Version checks, text tools, checksums and the shell's own syntax (assignments,
        // loop and case keywords, case patterns) add nothing; a download in a case arm
        // stays unknown.
        for run in [
            "java -version && javac --version && mvn -v",
            "sed -i 's/a/b/' /etc/x.conf && echo 'k=v' | tee -a /etc/y.conf",
            "echo \"$SUM  /tmp/a\" | sha256sum -c -",
            "arch=\"$(uname -m)\"; case \"$arch\" in x86_64) SUM=1 ;; *) echo no; exit 1 ;; esac",
            "for f in a b; do echo $f; done",
        ] {
            let e = est(&format!("FROM alpine:3.19\nRUN {run}\n"));
            let l = e.layers.last().unwrap();
            assert!(l.estimated && l.bytes == 0, "{run}: {}", l.basis);
        }
        let e = est("FROM alpine:3.19\nRUN case \"$a\" in x86_64) wget -O /tmp/j.tgz https://x/j.tgz ;; esac\n");
        assert!(!e.layers.last().unwrap().estimated);
    }

    /// A Node app on `base` that installs its package.json with npm, then `tail`.
    fn npm_app(base: &str, tail: &str) -> String {
        format!("FROM {base}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install && rm -rf /root/.npm\nCOPY . .\n{tail}")
    }

    #[test]
    fn a_node_server_run_from_source_takes_the_surveyed_servers() {
        let df = |tail: &str| npm_app("node:20-slim", tail);
        for tail in [
            "CMD [\"node\", \"app.js\"]\n",
            "CMD node server.mjs\n",
            "ENTRYPOINT [\"/usr/local/bin/node\", \"src/index.js\"]\n",
        ] {
            let e = est(&df(tail));
            assert_eq!(e.layers[3].bytes, facts::NPM_SERVER_APP.bytes, "{tail}");
        }
        // A build step or a built entry point is another kind of app: the general default.
        for tail in [
            "RUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n",
            "CMD [\"node\", \"dist/main.js\"]\n",
            "CMD [\"npm\", \"start\"]\n",
        ] {
            let e = est(&df(tail));
            assert_eq!(
                e.layers[3].bytes,
                facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes,
                "{tail}"
            );
        }
    }

    #[test]
    fn a_front_end_takes_the_surveyed_front_ends() {
        let df = |tail: &str| npm_app("node:20-alpine", tail);
        for tail in [
            "RUN npm run build\nCMD [\"npx\", \"serve\", \"-s\", \"build\"]\n",
            "RUN npm run build\nRUN npm install -g http-server\nCMD [\"http-server\", \"dist\"]\n",
            "RUN npx vite build\n",
        ] {
            let e = est(&df(tail));
            let l = &e.layers[3];
            assert_eq!(l.bytes, facts::NPM_FRONTEND_APP_WITH_DEV.bytes, "{tail}");
            assert!(l.basis.contains("front ends"), "{tail}: {}", l.basis);
        }
        // A build copied into nginx's html folder is a front end's.
        let nginx = df(
            "RUN npm run build\nFROM nginx:alpine\nCOPY --from=0 /app/dist /usr/share/nginx/html\n",
        );
        assert_eq!(NodeApp::of(&nginx.to_lowercase()), NodeApp::FrontEnd);
        assert_eq!(NodeApp::of("run npx ng build --prod\n"), NodeApp::FrontEnd);
        // Words that merely end in "ng" before "build", and comments, are not a front end.
        for text in [
            "# copying build output\ncmd node build/server.js\n",
            "run echo running build\ncmd [\"node\", \"dist/main.js\"]\n",
        ] {
            assert_eq!(NodeApp::of(text), NodeApp::Median, "{text}");
        }
        let e = est(
            &df("RUN npm run build\nCMD [\"npx\", \"serve\", \"-s\", \"build\"]\n")
                .replace("npm install", "npm ci --omit=dev"),
        );
        assert_eq!(e.layers[3].bytes, facts::NPM_FRONTEND_APP.bytes);
    }

    #[test]
    fn go_modules_take_the_stated_default_once() {
        let e = est(
            "FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nRUN go mod download\n",
        );
        assert_eq!(
            e.layers[2].bytes,
            facts::GO_MODULE_CACHE.bytes,
            "{}",
            e.layers[2].basis
        );
        assert_eq!(e.layers[3].bytes, 0);
        assert_eq!(e.unestimated, 0);
        // Without a go.sum there is nothing to download.
        let n = est("FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\n");
        assert_eq!(n.layers[2].bytes, 0);
    }

    #[test]
    fn go_build_of_a_module_with_go_sum_fetches_its_modules_and_takes_the_starters_figures() {
        for (df, want, why) in [
            (
                "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_MODULE_CACHE.bytes
                    + facts::GO_STARTER_BINARY.bytes
                    + facts::GO_STARTER_BUILD_CACHE.bytes,
                "no `go mod download`: the build fetches go.sum's modules itself",
            ),
            (
                "FROM golang:1.19\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_STARTER_BINARY.bytes + facts::GO_STARTER_BUILD_CACHE_PRE_1_20.bytes,
                "counted once per stage: after `go mod download` no second cache",
            ),
            (
                "FROM golang:1.22\nCOPY go.mod .\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_BINARY.bytes + facts::GO_BUILD_CACHE.bytes,
                "go.mod copied alone says there is no go.sum: a program without modules",
            ),
        ] {
            let e = est(df);
            let l = e.layers.last().unwrap();
            assert_eq!(l.bytes, want, "{why}: {}", l.basis);
        }
        // Vendored modules, GOPATH mode or a cache mount: nothing downloaded into the image.
        for df in [
            "FROM golang:1.22\nCOPY . .\nRUN go build -mod=vendor -o /app\n",
            "FROM golang:1.22\nENV GO111MODULE=off\nCOPY . .\nRUN go build -o /app\n",
            "FROM golang:1.22\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app\n",
        ] {
            let l = est(df).layers.last().unwrap().clone();
            assert!(!l.basis.contains("downloads go.sum"), "{df}: {}", l.basis);
        }
    }

    #[test]
    fn ca_certificates_copied_as_a_directory_are_the_bundle() {
        let e = est("FROM debian:bookworm-slim AS b\nFROM scratch\nCOPY --from=b /etc/ssl/certs/ /etc/ssl/certs\n");
        let l = &e.layers[1];
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::CA_BUNDLE.bytes);
    }

    #[test]
    fn compressed_layers_and_containerd_disk_usage() {
        // debian:bookworm-slim: the table's remote/ figure is the compressed size.
        let e = est("FROM debian:bookworm-slim\n");
        assert!(
            e.compressed > 28_000_000 && e.compressed < 28_500_000,
            "{}",
            e.compressed
        );
        assert_eq!(e.containerd_disk_usage().0, e.bytes + e.compressed);
        // An added layer of files gzips to about a third; a .jar barely shrinks.
        let e = est("FROM scratch\nCOPY app /app\nCOPY app.jar /app.jar\n");
        let (files, jar) = (&e.layers[1], &e.layers[2]);
        assert_eq!(files.compressed, files.bytes * 340 / 1000);
        assert_eq!(jar.compressed, jar.bytes * 950 / 1000);
        assert!(e.compressed_low <= e.compressed && e.compressed <= e.compressed_high);
        // A stage used as a base carries its compressed layers along.
        let e = est("FROM debian:bookworm-slim AS b\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM b\n");
        let first = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
        assert_eq!(e.compressed, first.compressed);
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(join_path("/build", "main"), "/build/main");
        assert_eq!(join_path("/build", "/main"), "/main");
        assert_eq!(join_path("/", "./a/../b"), "/b");
    }

    #[test]
    fn unknown_base_is_not_estimated_rather_than_zero() {
        let e = est("FROM example.com/nothing:1\nRUN ./install.sh\n");
        assert_eq!(e.unestimated, 2);
        assert_eq!(e.bytes, 0);
    }

    fn publish(line: &str) -> DotnetPublish {
        let cmds = model::commands(line);
        dotnet_publish(&cmds[0]).expect("a dotnet publish")
    }

    #[test]
    fn reads_dotnet_publish_flags() {
        let p = publish("dotnet publish --sc -p PublishTrimmed=true -o /app");
        assert_eq!(p.self_contained, Some(true));
        assert!(p.trimmed && !p.aot);
        assert_eq!(p.output.as_deref(), Some("/app"));
        let p = publish("dotnet publish --self-contained false --no-restore -o /app");
        assert_eq!(p.self_contained, Some(false));
        let p = publish("dotnet publish -c Release -r linux-musl-x64 \"/p:PublishAot=true;StripSymbols=true\" --output=/out");
        assert!(p.aot && p.runtime && p.self_contained.is_none());
        assert_eq!(p.output.as_deref(), Some("/out"));
        let p = publish("dotnet publish --self-contained -p:SelfContained=false");
        assert_eq!(p.self_contained, Some(false));
    }

    #[test]
    fn a_publish_folder_built_on_the_host_is_sized_by_kind() {
        assert_eq!(
            host_dotnet_publish("/bin/Release/netcoreapp2.1/linux-x64/publish/"),
            Some((Some(2), true))
        );
        assert_eq!(
            host_dotnet_publish("bin/Release/net8.0/publish"),
            Some((Some(8), false))
        );
        assert_eq!(host_dotnet_publish("publish/"), None);
        assert_eq!(host_dotnet_publish("src/publish/app.dll"), None);
        let last = |t: &str| est(t).layers.last().unwrap().clone();
        // A runtime identifier before .NET 8: self-contained, the runtime included.
        let l = last("FROM ubuntu:18.04\nCOPY /bin/Release/netcoreapp2.1/linux-x64/publish/ .\n");
        let rt = facts::DOTNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes;
        assert_eq!(l.bytes, rt, "{}", l.basis);
        assert!(l.basis.contains("built outside the image"), "{}", l.basis);
        // Framework-dependent on the runtime image: the app's own assemblies.
        let l = last("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY bin/Release/net8.0/linux-x64/publish/ .\n");
        assert_eq!(
            l.bytes,
            facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes,
            "{}",
            l.basis
        );
        // .NET 8 with a runtime identifier on runtime-deps must carry its runtime.
        let l = last("FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nEXPOSE 8080\nCOPY bin/Release/net8.0/linux-x64/publish/ .\n");
        let web = facts::DOTNET_ASPNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes;
        assert_eq!(l.bytes, web, "{}", l.basis);
    }

    #[test]
    fn dotnet_publish_output_is_sized_by_kind() {
        let file = |publish: &str, sdk: &str| {
            format!(
                "FROM mcr.microsoft.com/dotnet/sdk:{sdk} AS build\nWORKDIR /source\nCOPY . .\nRUN {publish}\n\
                 FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nCOPY --from=build /app .\n"
            )
        };
        let app = |publish: &str, sdk: &str| {
            let e = est(&file(publish, sdk));
            let l = e.layers.last().unwrap().clone();
            assert!(l.estimated, "{publish}: {}", l.basis);
            l.bytes
        };
        let trimmed = app("dotnet publish --sc -p:PublishTrimmed=true -o /app", "8.0");
        assert_eq!(trimmed, facts::DOTNET_SELF_CONTAINED_TRIMMED.bytes);
        // Before .NET 8 the trimmer kept more.
        assert_eq!(
            app("dotnet publish --sc -p:PublishTrimmed=true -o /app", "5.0"),
            facts::DOTNET_SELF_CONTAINED_TRIMMED_PRE_8.bytes
        );
        assert_eq!(
            app(
                "dotnet publish -r linux-x64 -p:PublishAot=true -o /app",
                "8.0"
            ),
            facts::DOTNET_NATIVE_AOT.bytes
        );
        // Framework-dependent: only the app's own assemblies.
        assert_eq!(
            app("dotnet publish -c Release -o /app", "8.0"),
            facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
        );
        // A runtime identifier made the publish self-contained before .NET 8; not since.
        let untrimmed = app("dotnet publish -r linux-x64 -o /app", "6.0");
        assert_eq!(
            untrimmed,
            facts::DOTNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
        );
        assert_eq!(
            app("dotnet publish -r linux-x64 -o /app", "8.0"),
            facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
        );
        // The default output folder is found under bin/.
        let e = est("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release --sc -p:PublishTrimmed=true\n\
             FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nCOPY --from=build /src/bin/Release/net8.0/linux-x64/publish /app\n");
        assert_eq!(e.layers.last().unwrap().bytes, trimmed);
    }

    #[test]
    fn package_scripts_named_like_builds_are_builds() {
        let cmd = |t: &str| model::commands(t).into_iter().next().unwrap();
        for (line, build) in [
            ("npm run build", true),
            ("npm run build:prod", true),
            ("npm run-script compile", true),
            ("yarn app:build", true),
            ("yarn build", true),
            ("pnpm run dist", true),
            ("yarn install", false),
            ("npm run start", false),
            ("npm run rebuild", false),
            ("yarn lint", false),
        ] {
            assert_eq!(frontend_build(&cmd(line)), build, "{line}");
        }
    }

    #[test]
    fn cargo_new_is_a_measured_skeleton() {
        let e = est("FROM rust:1.80\nRUN USER=root cargo new --bin app\n");
        let l = &e.layers[1];
        assert!(l.estimated && !l.partial, "{}", l.basis);
        assert_eq!(l.bytes, facts::CARGO_NEW_PROJECT.bytes);
    }

    #[test]
    fn javac_writes_a_class_file_a_later_stage_can_copy() {
        let e = est(
            "FROM openjdk:17 AS b\nWORKDIR /hello\nCOPY Hello.java .\nRUN javac Hello.java\n\
                     FROM openjdk:17-jre\nCOPY --from=b /hello/Hello.class /app/\n",
        );
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::JAVA_CLASS_FILE.bytes);
        let e = est(
            "FROM openjdk:17 AS b\nCOPY src src\nRUN javac -d /out $(find src -name '*.java')\n\
                     FROM openjdk:17-jre\nCOPY --from=b /out /app/\n",
        );
        assert!(
            e.layers.last().unwrap().estimated,
            "{}",
            e.layers.last().unwrap().basis
        );
    }

    #[test]
    fn java_and_frontend_builds_leave_sized_outputs() {
        let e = est("FROM maven:3.9-eclipse-temurin-17 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -B package -DskipTests\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=build /src/target/*.jar /app.jar\n");
        let jar = e.layers.last().unwrap();
        assert!(jar.estimated, "{}", jar.basis);
        assert_eq!(jar.bytes, facts::JAVA_JAR.bytes);
        // Built in the final stage, the Maven repository is there too (a published default
        // until the user says), and the wrapper's Maven distribution; counted once a stage.
        let single = est("FROM maven:3.9-eclipse-temurin-17\nWORKDIR /src\nCOPY . .\nRUN ./mvnw dependency:go-offline\nRUN ./mvnw package\n");
        let offline = &single.layers[3];
        assert!(offline.basis.contains("~/.m2"), "{}", offline.basis);
        assert!(
            offline.basis.contains("Downloaded dependencies"),
            "{}",
            offline.basis
        );
        assert_eq!(
            offline.bytes,
            facts::MAVEN_REPOSITORY.bytes + facts::MAVEN_WRAPPER_DIST.bytes
        );
        assert_eq!(single.layers[4].bytes, facts::JAVA_JAR.bytes);
        // A repository copied out of a build stage is the same default.
        let copied = est(
            "FROM maven:3.9-eclipse-temurin-17 AS b\nRUN mvn dependency:go-offline\n\
             FROM eclipse-temurin:17-jdk\nCOPY --from=b /root/.m2 /root/.m2\n",
        );
        let l = copied.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::MAVEN_REPOSITORY.bytes);
        // A cache mount keeps it out of the image.
        let mounted = est("FROM maven:3.9-eclipse-temurin-17\nRUN --mount=type=cache,target=/root/.m2 mvn package\n");
        assert_eq!(mounted.layers.last().unwrap().bytes, facts::JAVA_JAR.bytes);
        // gradlew brings its distribution; NuGet has its own default.
        let gw = est("FROM eclipse-temurin:17-jdk\nCOPY . .\nRUN ./gradlew bootJar\n");
        assert_eq!(
            gw.layers.last().unwrap().bytes,
            facts::MAVEN_REPOSITORY.bytes
                + facts::GRADLE_WRAPPER_DIST.bytes
                + facts::JAVA_JAR.bytes
        );
        let nuget =
            est("FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY *.csproj .\nRUN dotnet restore\n");
        assert_eq!(
            nuget.layers.last().unwrap().bytes,
            facts::NUGET_PACKAGES.bytes
        );
        let g = est("FROM gradle:8-jdk17 AS b\nWORKDIR /home/gradle/src\nCOPY . .\nRUN gradle bootJar --no-daemon\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=b /home/gradle/src/build/libs/app.jar /app.jar\n");
        assert_eq!(g.layers.last().unwrap().bytes, facts::JAVA_JAR.bytes);
        let web = est(
            "FROM node:22-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\
             FROM nginx:alpine\nCOPY --from=b /app/dist /usr/share/nginx/html\n",
        );
        let dist = web.layers.last().unwrap();
        assert!(dist.estimated, "{}", dist.basis);
        assert_eq!(dist.bytes, facts::FRONTEND_BUILD.bytes);
        // Bundler's gems: a sourced default until the user says, then theirs.
        let text =
            "FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n";
        let p = syntax::parse(text);
        let m = Model::build(&p);
        let default = estimate(text, &p, &m, &Assumptions::default());
        let l = default.layers.last().unwrap();
        assert!(l.estimated);
        assert_eq!(l.bytes, facts::RUBY_APP_GEMS.bytes, "{}", l.basis);
        let a = Assumptions {
            dependencies_bytes: Some(50_000_000),
            ..Default::default()
        };
        let known = estimate(text, &p, &m, &a);
        assert_eq!(known.layers.last().unwrap().bytes, 50_000_000);
        // A Rails app: its production gems when the development and test groups are left
        // out, all of them otherwise; deleting the .gem cache in the same RUN saves its share.
        let prod = "FROM ruby:3.3\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\nCMD bin/rails server\n";
        let p = syntax::parse(prod);
        let m = Model::build(&p);
        let e = estimate(prod, &p, &m, &Assumptions::default());
        assert_eq!(e.layers[2].bytes, facts::RAILS_GEMS_PRODUCTION.bytes);
        let dev = prod.replace("ENV BUNDLE_WITHOUT=development:test\n", "");
        let p = syntax::parse(&dev);
        let m = Model::build(&p);
        let e = estimate(&dev, &p, &m, &Assumptions::default());
        assert_eq!(e.layers[1].bytes, facts::RAILS_GEMS_ALL_GROUPS.bytes);
        // An empty BUNDLE_WITHOUT (an ARG never set) leaves no group out; `--without` and
        // `bundle config set without` do.
        for (text, gems) in [
            (
                "ARG without=\"\"\nENV BUNDLE_WITHOUT=${unset}\nRUN bundle install",
                facts::RAILS_GEMS_ALL_GROUPS,
            ),
            (
                "RUN bundle install --without development test",
                facts::RAILS_GEMS_PRODUCTION,
            ),
            (
                "RUN bundle config set without 'development test' && bundle install",
                facts::RAILS_GEMS_PRODUCTION,
            ),
        ] {
            let t = format!("FROM ruby:3.3\n{text}\nCMD bin/rails server\n");
            let p = syntax::parse(&t);
            let m = Model::build(&p);
            let e = estimate(&t, &p, &m, &Assumptions::default());
            let run = e.layers.iter().rev().find(|l| l.keyword == "RUN").unwrap();
            assert_eq!(run.bytes, gems.bytes, "{text}: {}", run.basis);
        }
        let clean = prod.replace(
            "RUN bundle install",
            "RUN bundle install && rm -rf \"${BUNDLE_PATH}\"/ruby/*/cache",
        );
        let p = syntax::parse(&clean);
        let m = Model::build(&p);
        let e = estimate(&clean, &p, &m, &Assumptions::default());
        let keep = facts::RAILS_GEMS_PRODUCTION.bytes * (1000 - facts::GEM_CACHE_SHARE) / 1000;
        assert_eq!(e.layers[2].bytes, keep, "{}", e.layers[2].basis);
        // Composer's vendor/: the published median, carried by COPY --from.
        let php = "FROM composer:2 AS deps\nWORKDIR /app\nCOPY composer.json composer.lock ./\n\
                   RUN composer install --no-dev\nFROM php:8.2-fpm\nCOPY --from=deps /app/vendor /var/www/vendor\n";
        let p = syntax::parse(php);
        let m = Model::build(&p);
        let e = estimate(php, &p, &m, &Assumptions::default());
        let l = e.layers.last().unwrap();
        assert!(l.estimated, "{}", l.basis);
        assert_eq!(l.bytes, facts::COMPOSER_VENDOR.bytes, "{}", l.basis);
    }

    #[test]
    fn formats_bytes() {
        assert_eq!(fmt_bytes(359_000_000), "359.0 MB");
        assert_eq!(fmt_bytes(1_100_000_000), "1.10 GB");
        assert_eq!(fmt_bytes(999), "999 B");
    }
}
