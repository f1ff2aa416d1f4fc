//! Rust: build with cargo, ship the binary.
//!
//! - **multi-stage** (single-stage files): `debian:<codename>-slim` of the
//!   builder's release, so the glibc the binary was linked against is there.
//! - **distroless**: `gcr.io/distroless/cc-debianN` (glibc, libgcc, libssl, CA
//!   certificates), N chosen so its glibc is at least the builder's.
//! - **static**: a musl build (a `rust:*-alpine` builder, or
//!   `--target x86_64-unknown-linux-musl` when the builder needs apt) onto
//!   `gcr.io/distroless/static-debian12`, which has no libc at all.
//! - **slim** (multi-stage files whose final stage is a full OS or the toolchain).
//!
//! The binary's name comes from a `COPY --from` or the `ENTRYPOINT`/`CMD`; when
//! neither names it, the build installs into `/out` (`cargo install --path .
//! --root /out`) so the runtime copies a known directory.

use super::common::{
    self, build_platform_caveat, is_under, join, normalise, os_packages, replace_from_image,
    runtime_packages, shellless_user, single, Carry, Ctx, Distro, Runtime, Step, Tag, Walk,
};
use super::detect::{program, Multi, Shape};
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Command};
use crate::engine::syntax::Instruction;

const MUSL: &str = "x86_64-unknown-linux-musl";

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => multi_stage(ctx, m),
    }
}

/// Cargo settings that mean nothing at run time.
fn is_build_env(k: &str) -> bool {
    k.starts_with("CARGO") || k.starts_with("RUST") || k == "USER"
}

struct Build<'w, 'a> {
    step: &'w Step<'a>,
    cmd: &'w Command,
    install: bool,
    target: Option<String>,
    profile: String,
    /// `target/` of the build (CARGO_TARGET_DIR or `<workdir>/target`).
    target_dir: String,
}

impl Build<'_, '_> {
    /// Where `cargo build` puts a binary named `name`.
    fn output(&self, name: &str) -> String {
        if self.install {
            let root = self
                .cmd
                .option(&["--root"])
                .map(str::to_string)
                .unwrap_or_else(|| {
                    self.step
                        .env
                        .get("CARGO_HOME")
                        .cloned()
                        .unwrap_or_else(|| "/usr/local/cargo".into())
                });
            return format!("{}/bin/{name}", join(&self.step.workdir, &root));
        }
        match &self.target {
            Some(t) => format!("{}/{t}/{}/{name}", self.target_dir, self.profile),
            None => format!("{}/{}/{name}", self.target_dir, self.profile),
        }
    }
}

fn build<'w, 'a>(w: &'w Walk<'a>) -> Option<Build<'w, 'a>> {
    let (step, cmd) = w.find_last(|c| {
        program(c) == "cargo"
            && matches!(
                c.argv.get(1).map(String::as_str),
                Some("build" | "b" | "install")
            )
    })?;
    let install = cmd.argv.get(1).is_some_and(|a| a == "install");
    // `cargo install <crate>` installs a tool, not this project.
    if install && !cmd.argv.iter().any(|a| a == "--path") {
        return None;
    }
    let target = cmd.option(&["--target"]).map(str::to_string);
    // WebAssembly and other non-Linux targets are not container programs.
    if target.as_deref().is_some_and(|t| !t.contains("linux")) {
        return None;
    }
    let target_dir = cmd
        .option(&["--target-dir"])
        .map(str::to_string)
        .or_else(|| step.env.get("CARGO_TARGET_DIR").cloned())
        .unwrap_or_else(|| "target".into());
    Some(Build {
        step,
        cmd,
        install,
        target,
        profile: cmd.cargo_profile(),
        target_dir: normalise(&join(&step.workdir, &target_dir)),
    })
}

/// The binary the image runs, from its run words: (name, path as written).
fn binary_from_run(words: &[String]) -> Option<(String, String)> {
    let first = words.first()?;
    let name = first.rsplit('/').next()?;
    if name.is_empty()
        || matches!(
            name,
            "cargo" | "sh" | "bash" | "env" | "tini" | "dumb-init" | "rustup" | "exec"
        )
    {
        return None;
    }
    Some((name.to_string(), first.clone()))
}

/// `rust:1.75` → `rust:1.75-alpine`.
fn alpine_builder(tag: &str) -> String {
    let t = Tag::parse(tag);
    format!("rust:{}", common::tag_of(&[&t.version, "alpine"]))
}

/// Stages other than those in `w`'s chain that derive from one of them.
fn shared_with_others(ctx: &Ctx, w: &Walk) -> bool {
    let mine: Vec<usize> = w.chain.iter().map(|s| s.index).collect();
    ctx.model.stages.iter().any(|s| {
        !mine.contains(&s.index)
            && ctx
                .model
                .stage_ref(&s.from, s.index)
                .is_some_and(|p| mine.contains(&p.index))
    })
}

/// How the static variant builds for musl.
enum MuslBuild {
    /// Already a musl builder (rust:*-alpine).
    Already,
    /// Switch the root FROM to rust:<v>-alpine.
    AlpineBuilder(String),
    /// Add `--target x86_64-unknown-linux-musl` to the cargo command.
    Target,
}

fn musl_plan(ctx: &Ctx, w: &Walk, b: &Build) -> Option<MuslBuild> {
    if w.distro().is_alpine() || b.target.as_deref().is_some_and(|t| t.contains("musl")) {
        return Some(MuslBuild::Already);
    }
    let uses_apt = w.has(|c| matches!(program(c), "apt-get" | "apt" | "dpkg"));
    if w.chain.len() == 1 && !uses_apt && w.image_name() == "rust" && !shared_with_others(ctx, w) {
        return Some(MuslBuild::AlpineBuilder(alpine_builder(w.tag())));
    }
    // Editing the cargo command needs it in shell form.
    (b.step.ins.json.is_none() && source_of(ctx.text, b.step.ins).contains("cargo "))
        .then_some(MuslBuild::Target)
}

/// Edits the builder for a musl build; returns the new output path for `name`.
fn apply_musl(
    ctx: &Ctx,
    w: &Walk,
    b: &Build,
    plan: &MuslBuild,
    name: &str,
    e: &mut Edits,
    caveats: &mut Vec<String>,
) -> String {
    match plan {
        MuslBuild::Already => b.output(name),
        MuslBuild::AlpineBuilder(img) => {
            if let Some(f) = ctx.stage_from(w.chain[0]) {
                replace_from_image(e, ctx.text, f, img);
            }
            caveats.push(format!(
                "builder switched to {img}: Rust on Alpine links musl statically by default"
            ));
            b.output(name)
        }
        MuslBuild::Target => {
            let src = source_of(ctx.text, b.step.ins);
            let verb = if b.install {
                "cargo install"
            } else {
                "cargo build"
            };
            if let Some(pos) = src.find(verb) {
                let at = b.step.ins.start_offset + pos;
                e.insert(at, format!("rustup target add {MUSL} && "));
                e.insert(at + verb.len(), format!(" --target {MUSL}"));
            }
            caveats.push(format!(
                "`--target {MUSL}` builds for x86_64 only (use aarch64-unknown-linux-musl on arm64); crates with C code need `musl-tools` (apt-get install musl-tools) in the builder"
            ));
            if b.install {
                b.output(name)
            } else {
                format!("{}/{MUSL}/{}/{name}", b.target_dir, b.profile)
            }
        }
    }
}

fn musl_caveats(caveats: &mut Vec<String>) {
    caveats.push("crates that link C libraries need static musl builds of them: use rustls instead of OpenSSL, or openssl's `vendored` feature".into());
    caveats.push("musl's memory allocator is slower under heavy multi-threaded load; a global allocator such as mimalloc or jemalloc removes the gap".into());
}

fn why_distroless_cc(suffix: &str) -> String {
    format!("distroless/cc-{suffix} holds glibc, libgcc and libssl, which a default (glibc, dynamic) Rust binary links, plus CA certificates and time zones, and no shell")
}

const WHY_STATIC: &str = "a musl build is fully static, so distroless/static (CA certificates, time zones, /etc/passwd, no libc) is all it needs";

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let Some(b) = build(w) else {
        return vec![];
    };
    let run = w.run_words();
    let named = binary_from_run(&run);
    let distro = w.distro();
    let mut out = Vec::new();

    // Binary name and the path the runtime runs it at.
    let mut base_edits = Edits::default();
    let mut base_caveats = Vec::new();
    let (name, at_runtime, unknown) = match &named {
        Some((name, as_written)) => {
            let path = if as_written.contains('/') {
                normalise(&join(&w.workdir, as_written))
            } else {
                format!("/usr/local/bin/{name}")
            };
            (name.clone(), path, false)
        }
        None => {
            // No name: install into /out so the runtime copies a known directory.
            let src = source_of(ctx.text, b.step.ins);
            let verb = if b.install {
                "cargo install"
            } else {
                "cargo build"
            };
            if b.step.ins.json.is_some() || !src.contains(verb) {
                return vec![];
            }
            if let Some(pos) = src.find(verb) {
                let at = b.step.ins.start_offset + pos;
                // Replace the verb; `--release` means nothing to cargo install.
                let rest = &src[pos + verb.len()..];
                let line_end = rest.find(['&', ';', '|', '\n']).unwrap_or(rest.len());
                let args: Vec<&str> = rest[..line_end]
                    .split_whitespace()
                    .filter(|a| *a != "--release" && *a != "-r" && *a != "\\")
                    .filter(|a| !(b.install && (*a == "--path" || *a == ".")))
                    .collect();
                let locked = if args.iter().any(|a| *a == "--locked" || *a == "--frozen") {
                    ""
                } else {
                    " --locked"
                };
                let mut new = format!("cargo install --path . --root /out{locked}");
                for a in args {
                    new.push(' ');
                    new.push_str(a);
                }
                let trailing_space = if rest[..line_end].ends_with(' ') {
                    " "
                } else {
                    ""
                };
                base_edits.replace(
                    at,
                    at + verb.len() + line_end,
                    format!("{new}{trailing_space}"),
                );
            }
            base_caveats.push("the binary's name is not in the Dockerfile: the build installs it into /out (`cargo install --path . --root /out --locked`, which needs an up-to-date Cargo.lock) and the runtime copies /out/bin/ to /usr/local/bin/".into());
            (String::new(), "/usr/local/bin/".into(), true)
        }
    };
    // `CMD cargo run` cannot run without cargo.
    let cargo_run = run.first().is_some_and(|p| p.ends_with("cargo"));
    if cargo_run {
        base_caveats.push(format!(
            "`{}` needs cargo at run time: the runtime runs the built binary instead{}",
            run.join(" "),
            if unknown {
                "; set `CMD [\"/usr/local/bin/<name>\"]` with the [package] name from Cargo.toml"
            } else {
                ""
            }
        ));
    }
    // Dependency caching: only when the manifest and `src` are copied apart.
    let cache = dependency_cache(ctx, w, &b);
    if let Some((at, line, touch_at)) = &cache {
        base_edits.insert(*at, line.clone());
        base_edits.insert(*touch_at, "touch src/main.rs && ");
        base_caveats.push("dependencies are built once from Cargo.toml/Cargo.lock with a placeholder main, so a source change does not rebuild them (assumes a single crate whose binary is src/main.rs)".into());
    } else {
        base_caveats.push("every source change rebuilds all dependencies: copy Cargo.toml/Cargo.lock and build them first (or use cargo-chef) to cache them".into());
    }
    let copy_for = |from: &str| -> String {
        if unknown {
            format!(
                "COPY --from={} /out/bin/ /usr/local/bin/",
                common::builder_name(w.stage())
            )
        } else {
            format!(
                "COPY --from={} {from} {at_runtime}",
                common::builder_name(w.stage())
            )
        }
    };
    let exec_path = if unknown {
        None
    } else {
        Some(at_runtime.clone())
    };
    let map_cargo_run = move |ins: &Instruction| -> Carry {
        let words = match &ins.json {
            Some(v) => v.clone(),
            None => model::shell_words(&ins.args),
        };
        let is_cargo = words.first().is_some_and(|p| p.ends_with("cargo"));
        if !matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") || !is_cargo {
            return Carry::Keep;
        }
        match &exec_path {
            // `cargo run [--release] [-- args]` → the binary with the args.
            Some(p) => {
                let mut v = vec![p.clone()];
                if let Some(i) = words.iter().position(|w| w == "--") {
                    v.extend(words[i + 1..].iter().cloned());
                }
                Carry::Replace(format!(
                    "{} {}",
                    ins.keyword,
                    crate::engine::syntax::to_json_array(&v)
                ))
            }
            None => Carry::Drop,
        }
    };
    let packages = os_packages(w);
    let pk = runtime_packages(
        &packages,
        &["rustc", "cargo", "rust"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    let pc = build_platform_caveat(ctx, w, "a binary");
    let last_user = w.last_user();

    // 1. multi-stage onto the builder's OS, slim.
    {
        let image = distro.slim_image();
        let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
        rt.title = format!("Multi-stage onto {image}");
        rt.why = match &distro {
            Distro::Alpine(_) => format!("the builder is Alpine; {image} has the same musl libc and a shell"),
            _ => format!("{image} is the builder's own Debian release without its toolchain: the same glibc the binary was linked against"),
        };
        rt.builder = clone_edits(&base_edits);
        rt.copies = vec![copy_for(&b.output(&name))];
        rt.packages = pk.install();
        rt.is_build_env = &is_build_env;
        rt.map = Box::new(map_cargo_run.clone());
        rt.caveats = base_caveats.clone();
        rt.caveats
            .extend(pk.caveats("crates linking them (openssl-sys…)"));
        rt.caveats.extend(pc.clone());
        if !distro.is_alpine() {
            rt.caveats.push(format!("{image} has no CA certificates: add `ca-certificates` to the runtime if the program makes TLS connections"));
        }
        common_caveats(&mut rt.caveats);
        out.extend(single(ctx, w, rt));
    }
    // 2. distroless/cc (glibc builds only).
    if !distro.is_alpine() && !b.target.as_deref().is_some_and(|t| t.contains("musl")) {
        let suffix = distro.distroless_suffix();
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/cc-{suffix}{}", u.tag);
        let mut rt = Runtime::new(RewriteKind::Distroless, image.clone(), Distro::Unknown);
        rt.title = format!("Distroless: {image}");
        rt.why = why_distroless_cc(suffix);
        rt.no_shell = Some("distroless");
        rt.builder = clone_edits(&base_edits);
        rt.copies = vec![copy_for(&b.output(&name))];
        rt.user = Some(u.line);
        rt.is_build_env = &is_build_env;
        rt.map = Box::new(map_cargo_run.clone());
        rt.caveats = base_caveats.clone();
        rt.caveats.extend(u.caveat);
        if !pk.keep.is_empty() || !pk.dev.is_empty() {
            rt.caveats.push(format!("the builder installs {}: distroless has no package manager, so any shared library beyond glibc, libgcc and libssl must be copied from the builder", pk.keep.iter().chain(&pk.dev).cloned().collect::<Vec<_>>().join(", ")));
        }
        rt.caveats.extend(pc.clone());
        rt.caveats.push(common::NO_SHELL_DEBUG_TAG.into());
        common_caveats(&mut rt.caveats);
        if !unknown {
            out.extend(single(ctx, w, rt));
        }
    }
    // 3. static musl onto distroless/static.
    if let Some(plan) = musl_plan(ctx, w, &b) {
        let mut e = clone_edits(&base_edits);
        let mut caveats = base_caveats.clone();
        let from = apply_musl(ctx, w, &b, &plan, &name, &mut e, &mut caveats);
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/static-debian12{}", u.tag);
        let mut rt = Runtime::new(RewriteKind::Static, image.clone(), Distro::Unknown);
        rt.title = format!("Static musl binary on {image}");
        rt.why = WHY_STATIC.into();
        rt.no_shell = Some("distroless");
        rt.builder = e;
        rt.copies = vec![copy_for(&from)];
        rt.user = Some(u.line);
        rt.is_build_env = &is_build_env;
        rt.map = Box::new(map_cargo_run.clone());
        rt.caveats = caveats;
        rt.caveats.extend(u.caveat);
        musl_caveats(&mut rt.caveats);
        rt.caveats.extend(pc.clone());
        rt.caveats.push(common::NO_SHELL_DEBUG_TAG.into());
        common_caveats(&mut rt.caveats);
        // With a --target edit the /out rewrite and the target flag would collide.
        if !(unknown && matches!(plan, MuslBuild::Target)) {
            out.extend(single(ctx, w, rt));
        }
    }
    out
}

fn common_caveats(c: &mut Vec<String>) {
    c.push("files the program reads at run time (templates, static assets, config) must be copied into the runtime stage too".into());
}

fn clone_edits(e: &Edits) -> Edits {
    e.clone()
}

/// `(offset, text)` to insert a dependency-caching step after the manifest copy,
/// and where to insert `touch src/main.rs && ` before the real build.
/// Only when `Cargo.toml` (and `Cargo.lock`) are copied alone and `src` after them:
/// then no workspace member or build script is missing from the placeholder build.
fn dependency_cache(ctx: &Ctx, w: &Walk, b: &Build) -> Option<(usize, String, usize)> {
    if b.install || b.step.ins.json.is_some() || w.chain.len() != 1 {
        return None;
    }
    let mut manifest: Option<&Instruction> = None;
    let mut src_copied = false;
    for s in &w.steps {
        if std::ptr::eq(s.ins, b.step.ins) {
            break;
        }
        match s.ins.keyword.as_str() {
            "COPY" | "ADD" if s.ins.flag("from").is_none() => {
                let mut words = model::shell_words(&s.ins.args);
                words.pop();
                let names: Vec<&str> = words
                    .iter()
                    .map(|x| x.trim_start_matches("./").trim_end_matches('/'))
                    .collect();
                if !names.is_empty()
                    && names
                        .iter()
                        .all(|n| matches!(*n, "Cargo.toml" | "Cargo.lock"))
                    && names.contains(&"Cargo.toml")
                {
                    manifest = Some(s.ins);
                } else if names == ["src"] && manifest.is_some() {
                    src_copied = true;
                } else {
                    return None;
                }
            }
            "RUN" if manifest.is_some() => return None, // already a step between
            _ => {}
        }
    }
    let manifest = manifest?;
    if !src_copied {
        return None;
    }
    let src = source_of(ctx.text, b.step.ins);
    let pos = src.find("cargo build")?;
    let flags: Vec<&str> = b.cmd.argv[2..]
        .iter()
        .map(String::as_str)
        .filter(|a| !a.contains('$'))
        .collect();
    let build = format!("cargo build {}", flags.join(" "));
    let line = format!(
        "\n# Build the dependencies alone, so they are cached until Cargo.toml/Cargo.lock change\nRUN mkdir src && echo 'fn main() {{}}' > src/main.rs \\\n    && {} \\\n    && rm -rf src",
        build.trim_end()
    );
    Some((manifest.end_offset, line, b.step.ins.start_offset + pos))
}

// ---------------------------------------------------------------------------
// Multi-stage files

/// How heavy a final base is, for a Rust binary.
fn weight(fin: &Walk) -> u32 {
    let name = fin.image_name();
    let tag = fin.tag();
    match name {
        "scratch" => 0,
        n if n.contains("distroless/static") || n.contains("chainguard/static") => 1,
        n if n.contains("distroless") => 2,
        "alpine" | "busybox" => 2,
        "rust" => 5,
        "debian" | "ubuntu" if tag.contains("slim") => 3,
        "debian" | "ubuntu" | "buildpack-deps" | "fedora" | "centos" | "almalinux"
        | "rockylinux" => 4,
        _ => 3,
    }
}

fn multi_stage(ctx: &Ctx, m: &Multi) -> Vec<Proposal> {
    let Some(b) = build(&m.src) else {
        return vec![];
    };
    // The binary the final stage copies: its path in the builder and the COPY.
    let mut found: Option<(&Instruction, String, String)> = None;
    for ins in &m.copies {
        let (sources, _) = Multi::copy_paths(ins);
        if sources.len() != 1 {
            continue;
        }
        let p = normalise(&join("/", &model::expand(&sources[0], &m.fin.env)));
        let name = p.rsplit('/').next().unwrap_or("").to_string();
        let from_build = if b.install {
            is_under(&p, "/usr/local/cargo/bin") || p.contains("/bin/")
        } else {
            p.contains(&format!("/{}/", b.profile))
        };
        if from_build && !name.is_empty() && !name.contains('*') {
            found = Some((ins, p, name));
        }
    }
    let Some((copy, path, name)) = found else {
        return vec![];
    };
    if ctx.stage_from(m.fin.chain[0]).is_none() || m.fin.chain.len() != 1 {
        return vec![];
    }
    let fin_from = ctx.stage_from(m.fin.chain[0]).unwrap();
    let w = weight(&m.fin);
    let distro = m.src.distro();
    let musl_already =
        distro.is_alpine() || b.target.as_deref().is_some_and(|t| t.contains("musl"));
    let mut out = Vec::new();
    let pc = build_platform_caveat(ctx, &m.src, "a binary");

    if w >= 4 && !musl_already {
        let image = distro.slim_image();
        let mut e = Edits::default();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        let mut caveats = vec![format!("{image} has no CA certificates: add `ca-certificates` if the program makes TLS connections")];
        caveats.extend(pc.clone());
        out.extend(common::edit_final(
            ctx,
            if w == 5 {
                RewriteKind::MultiStage
            } else {
                RewriteKind::Slim
            },
            format!("Final stage on {image}"),
            format!("{image} has the same glibc as the builder without the rest of a full OS"),
            e,
            caveats,
        ));
    }
    let last_user = m.fin.last_user();
    // RUNs that only install CA certificates or time-zone data, or add a user: distroless
    // has those, so they go; any other RUN needs the shell and keeps the OS.
    let runs: Vec<&Instruction> = m
        .fin
        .steps
        .iter()
        .filter(|s| s.ins.keyword == "RUN")
        .filter(|s| s.cmds.iter().all(common::replaceable_in_shellless))
        .map(|s| s.ins)
        .collect();
    let drop_runs = |e: &mut Edits, caveats: &mut Vec<String>, image: &str| {
        for r in &runs {
            common::delete_block(e, ctx.text, r);
            caveats.push(format!(
                "line {}: RUN removed (distroless has no shell): {image} has {}",
                r.start_line,
                if image.contains("/cc-") {
                    "OpenSSL's libssl, CA certificates, time-zone data and a nonroot user"
                } else {
                    "CA certificates, time-zone data and a nonroot user (no OpenSSL: a static build links its own)"
                }
            ));
        }
    };
    if w >= 3 && !musl_already {
        let suffix = distro.distroless_suffix();
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/cc-{suffix}{}", u.tag);
        let mut e = Edits::default();
        let mut caveats = Vec::new();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        drop_runs(&mut e, &mut caveats, &image);
        if common::shell_free_but(ctx, &m.fin, "distroless", &mut e, &mut caveats, &runs).is_some()
        {
            user_edit(&mut e, ctx, last_user, &u, &mut caveats);
            caveats.extend(pc.clone());
            caveats.push(common::NO_SHELL_DEBUG_TAG.into());
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Distroless,
                format!("Final stage on {image}"),
                why_distroless_cc(suffix),
                e,
                caveats,
            ));
        }
    }
    if w >= 2 {
        let mut e = Edits::default();
        let mut caveats = Vec::new();
        let plan = match musl_plan(ctx, &m.src, &b) {
            Some(p) => p,
            None => return out,
        };
        let new_path = apply_musl(ctx, &m.src, &b, &plan, &name, &mut e, &mut caveats);
        if new_path != path {
            // Point the COPY at the musl output.
            let src = source_of(ctx.text, copy);
            let old_rel = format!("/{}/", b.profile);
            let new_rel = format!("/{MUSL}/{}/", b.profile);
            match src.find(&old_rel) {
                Some(pos) => e.replace(
                    copy.start_offset + pos,
                    copy.start_offset + pos + old_rel.len(),
                    new_rel,
                ),
                None => return out,
            }
        }
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/static-debian12{}", u.tag);
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        drop_runs(&mut e, &mut caveats, &image);
        if common::shell_free_but(ctx, &m.fin, "distroless", &mut e, &mut caveats, &runs).is_some()
        {
            user_edit(&mut e, ctx, last_user, &u, &mut caveats);
            musl_caveats(&mut caveats);
            caveats.extend(pc);
            caveats.push(common::NO_SHELL_DEBUG_TAG.into());
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Static,
                format!("Static musl binary on {image}"),
                WHY_STATIC.into(),
                e,
                caveats,
            ));
        }
    }
    out
}

/// Applies a shell-less user decision to the final stage's `USER` line.
pub(crate) fn user_edit(
    e: &mut Edits,
    ctx: &Ctx,
    last_user: Option<&Instruction>,
    u: &common::ShelllessUser,
    caveats: &mut Vec<String>,
) {
    if let Some(ins) = last_user {
        match &u.line {
            Some(l) if l.as_str() != source_of(ctx.text, ins) => {
                e.replace(ins.start_offset, ins.end_offset, l.clone())
            }
            Some(_) => {}
            None => common::delete_block(e, ctx.text, ins),
        }
    }
    caveats.extend(u.caveat.clone());
}

#[cfg(test)]
mod tests {
    use crate::engine::rewrite::proposed_kinds as kinds;

    const BUILD: &str =
        "FROM rust:1.80 AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\n";

    #[test]
    fn a_slim_final_stage_that_only_adds_certificates_and_a_user_goes_distroless() {
        let t = format!(
            "{BUILD}FROM debian:bookworm-slim\nRUN apt-get update -y && apt-get install -y --no-install-recommends openssl ca-certificates && apt-get autoremove -y && apt-get clean -y && rm -rf /var/lib/apt/lists/*\nRUN useradd app\nCOPY --from=build /app/target/release/api /api\nUSER app\nENTRYPOINT [\"/api\"]\n"
        );
        let a = crate::engine::analyze(&t, &Default::default());
        let d = a.rewrites.iter().find(|r| r.kind == "distroless").unwrap();
        let fin = d.dockerfile.split("\n\nFROM ").nth(1).unwrap_or("");
        assert!(!fin.contains("RUN ") && !fin.contains("USER "), "{fin}");
        assert!(d
            .dockerfile
            .contains("FROM gcr.io/distroless/cc-debian12:nonroot\n"));
        assert!(d
            .caveats
            .iter()
            .any(|c| c.starts_with("line 7: RUN removed")));
        assert!(a.rewrites.iter().any(|r| r.kind == "static"));
        // A library the program may load keeps the OS.
        let t = format!(
            "{BUILD}FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y libpq5 ca-certificates\nCOPY --from=build /app/target/release/api /api\nENTRYPOINT [\"/api\"]\n"
        );
        assert!(kinds(&t).is_empty(), "{:?}", kinds(&t));
    }
}
