//! C and C++: compile in the toolchain image, ship the program.
//!
//! - **static**: `-static` added to the compile command, onto `scratch`. With musl
//!   (an Alpine builder) the result is fully static; with glibc, functions that
//!   load NSS modules (getaddrinfo, getpwnam) still want shared libraries.
//! - **multi-stage**: the dynamic program onto the builder's own OS, slim
//!   (`debian:<codename>-slim`, `alpine:<v>`), so its C library is there.
//! - **distroless**: `gcr.io/distroless/cc-debianN` (glibc, libgcc, libstdc++).
//! - multi-stage files: a final stage that copies the builder's whole directory
//!   copies the program only (**artifacts-only**); one on a full OS moves to the
//!   variants above.

use super::common::{
    self, build_platform_caveat, is_under, join, normalise, os_packages, replace_from_image,
    runtime_packages, shell_free, shellless_user, single, Ctx, Distro, Runtime, Step, Walk,
};
use super::detect::{program, Multi, Shape};
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::Command;
use crate::engine::syntax::Instruction;

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => multi_stage(ctx, m),
    }
}

fn is_compiler(c: &Command) -> bool {
    matches!(
        program(c),
        "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++" | "musl-gcc"
    ) && !c.argv.iter().any(|a| {
        matches!(
            a.as_str(),
            "-c" | "-E" | "-S" | "-shared" | "--version" | "-v"
        )
    }) && c.argv.len() > 1
}

struct Compile<'w, 'a> {
    step: &'w Step<'a>,
    cmd: &'w Command,
    output: String,
    cxx: bool,
    is_static: bool,
    libs: Vec<String>,
    /// Built by make/CMake/Ninja: the link line is in the project's files, so `-static`
    /// cannot be added here.
    build_tool: bool,
}

/// make, Ninja or `cmake --build`: a build that compiles (not `make install`).
pub(crate) fn is_build_tool(c: &Command) -> bool {
    match program(c) {
        "make" | "gmake" | "ninja" => !c.argv.iter().any(|a| a == "install"),
        "cmake" => c.argv.iter().any(|a| a == "--build"),
        _ => false,
    }
}

/// A program make/CMake/Ninja built, named by the stage's `CMD`/`ENTRYPOINT` as a path
/// under the build's folder (`CMD ["./app"]` after `RUN make` in /src).
fn tool_build<'w, 'a>(w: &'w Walk<'a>) -> Option<Compile<'w, 'a>> {
    let (step, cmd) = w.find_last(is_build_tool)?;
    let first = w.run_words().into_iter().next()?;
    if !first.contains('/') || first.contains('$') {
        return None;
    }
    let output = normalise(&join(&w.workdir, &first));
    if !is_under(&output, &step.workdir) || step.workdir == "/" {
        return None;
    }
    let lower = w
        .commands()
        .map(|(_, c)| c.argv.join(" "))
        .chain(w.steps.iter().map(|s| s.ins.args.clone()))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let cxx = crate::engine::estimate::CXX_HINTS
        .iter()
        .any(|k| lower.contains(k));
    Some(Compile {
        step,
        cmd,
        output,
        cxx,
        is_static: false,
        libs: Vec::new(),
        build_tool: true,
    })
}

fn compile<'w, 'a>(w: &'w Walk<'a>) -> Option<Compile<'w, 'a>> {
    let (step, cmd) = w.find_last(is_compiler)?;
    let out = cmd.option(&["-o"]).unwrap_or("a.out");
    if out.contains('$') {
        return None;
    }
    let cxx = matches!(program(cmd), "g++" | "c++" | "clang++")
        || cmd
            .argv
            .iter()
            .any(|a| a.ends_with(".cpp") || a.ends_with(".cc"));
    Some(Compile {
        step,
        cmd,
        output: normalise(&join(&step.workdir, out)),
        cxx,
        is_static: cmd.argv.iter().any(|a| a == "-static"),
        libs: cmd
            .argv
            .iter()
            .filter_map(|a| a.strip_prefix("-l"))
            .filter(|l| !matches!(*l, "c" | "m" | "pthread" | "dl" | "rt"))
            .map(str::to_string)
            .collect(),
        build_tool: false,
    })
}

/// Adds `-static` after the compiler's name.
fn add_static(ctx: &Ctx, c: &Compile, e: &mut Edits) -> Option<()> {
    if c.is_static {
        return Some(());
    }
    if c.build_tool {
        return None;
    }
    if c.step.ins.json.is_some() {
        return None;
    }
    let src = source_of(ctx.text, c.step.ins);
    let prog = c.cmd.argv.first()?;
    // The compiler word, as a whole word.
    let mut from = 0;
    while let Some(i) = src[from..].find(prog.as_str()) {
        let at = from + i;
        let end = at + prog.len();
        let before_ok = at == 0 || src[..at].ends_with([' ', '\t', '&', ';', '|', '\n']);
        let after_ok = src[end..].starts_with([' ', '\t']);
        if before_ok && after_ok {
            e.insert(c.step.ins.start_offset + end, " -static");
            return Some(());
        }
        from = end;
    }
    None
}

fn static_caveats(c: &Compile, musl: bool) -> Vec<String> {
    let mut v = vec![
        "`-static` links the C library into the program: scratch then needs nothing else"
            .to_string(),
    ];
    if !musl {
        v.push("static glibc: getaddrinfo, getpwnam and iconv still try to load shared NSS/gconv modules at run time (the linker warns); a musl toolchain (Alpine) avoids it".into());
    }
    if !c.libs.is_empty() {
        v.push(format!(
            "-l{} must be available as static archives (lib*.a) in the builder",
            c.libs.join(" -l")
        ));
    }
    v.push("scratch has no CA certificates, time zones or /etc/passwd: copy them from the builder if the program uses them".into());
    v.push("no shell: `docker exec … sh` will not work".into());
    v
}

/// The run words name the compiled program (by path or name).
fn runs_output(w: &Walk, output: &str) -> bool {
    let run = w.run_words();
    let Some(first) = run.first() else {
        return false;
    };
    let p = normalise(&join(&w.workdir, first));
    p == output || first.rsplit('/').next() == output.rsplit('/').next()
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let Some(c) = compile(w).or_else(|| tool_build(w)) else {
        return vec![];
    };
    if !runs_output(w, &c.output) {
        return vec![];
    }
    let builder = common::builder_name(w.stage());
    let distro = w.distro();
    let musl = distro.is_alpine() || program(c.cmd) == "musl-gcc";
    let copy = format!("COPY --from={builder} {} {}", c.output, c.output);
    let pk = runtime_packages(
        &os_packages(w),
        &["g++", "gcc", "clang", "musl-dev"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    let pc = build_platform_caveat(ctx, w, "a program");
    let libs_caveat = if c.build_tool {
        Some(format!(
            "{} built the program from the project's build files, which Slimfile cannot see: the program is taken to be {}, which the image runs, and any library it links beyond libc{} needs its runtime package in the final stage",
            program(c.cmd),
            c.output,
            if c.cxx { " and libstdc++" } else { "" }
        ))
    } else {
        (!c.libs.is_empty()).then(|| {
            format!(
                "the program links -l{}: the runtime needs those shared libraries (the runtime package, not -dev)",
                c.libs.join(" -l")
            )
        })
    };
    let last_user = w.last_user();
    let mut out = Vec::new();

    // 1. static onto scratch.
    {
        let mut e = Edits::default();
        if add_static(ctx, &c, &mut e).is_some() {
            let u = shellless_user(ctx, last_user, "scratch");
            let mut rt = Runtime::new(RewriteKind::Static, "scratch", Distro::Unknown);
            rt.title = "FROM scratch with a static binary".into();
            rt.why = "scratch is empty: a statically linked program needs nothing else".into();
            rt.no_shell = Some("scratch");
            rt.builder = e;
            rt.copies = vec![copy.clone()];
            rt.user = Some(u.line);
            rt.caveats = Vec::new();
            if !c.is_static {
                rt.caveats
                    .push("`-static` added to the compile command".into());
            }
            rt.caveats.extend(static_caveats(&c, musl));
            rt.caveats.extend(u.caveat);
            rt.caveats.extend(pc.clone());
            out.extend(single(ctx, w, rt));
        }
    }
    // 2. the dynamic program on the builder's OS, slim.
    {
        let image = distro.slim_image();
        let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
        rt.title = format!("Multi-stage onto {image}");
        rt.why = match &distro {
            Distro::Alpine(_) => format!("the builder is Alpine; {image} has the same musl libc"),
            Distro::Debian(Some(c)) => format!("the builder is Debian {c}; {image} has the same glibc without the compilers"),
            _ => format!("{image} is the newest Debian: a program linked against an older glibc runs on a newer one"),
        };
        rt.copies = vec![copy.clone()];
        rt.packages = pk.install();
        if c.cxx && distro.is_alpine() {
            rt.packages.push("libstdc++".into());
        }
        rt.caveats.extend(pk.caveats("programs linking them"));
        rt.caveats.extend(libs_caveat.clone());
        rt.caveats.extend(pc.clone());
        out.extend(single(ctx, w, rt));
    }
    // 3. distroless/cc for glibc programs that need no library beyond its own (it has no
    // package manager to add one).
    if !musl && pk.install().is_empty() && pk.dev.is_empty() {
        let suffix = distro.distroless_suffix();
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/cc-{suffix}{}", u.tag);
        let mut rt = Runtime::new(RewriteKind::Distroless, image.clone(), Distro::Unknown);
        rt.title = format!("Distroless: {image}");
        rt.why = format!("distroless/cc-{suffix} has glibc, libgcc and libstdc++ for a dynamically linked C or C++ program, and no shell");
        rt.no_shell = Some("distroless");
        rt.copies = vec![copy];
        rt.user = Some(u.line);
        rt.caveats.extend(u.caveat);
        rt.caveats.extend(libs_caveat);
        rt.caveats.extend(pc);
        rt.caveats.push(common::NO_SHELL_DEBUG_TAG.into());
        out.extend(single(ctx, w, rt));
    }
    out
}

fn weight(fin: &Walk) -> u32 {
    match fin.image_name() {
        "scratch" => 0,
        n if n.contains("distroless/static") => 1,
        n if n.contains("distroless") => 2,
        "alpine" | "busybox" => 2,
        "gcc" | "buildpack-deps" => 5,
        "debian" | "ubuntu" if fin.tag().contains("slim") => 3,
        "debian" | "ubuntu" | "fedora" | "centos" | "almalinux" | "rockylinux" => 4,
        _ => 3,
    }
}

/// The final stage's COPY that takes the program: (instruction, its source, the program's path there).
fn program_copy<'a>(m: &Multi<'a>, output: &str) -> Option<(&'a Instruction, String, String)> {
    for ins in &m.copies {
        let (sources, dest) = Multi::copy_paths(ins);
        if sources.len() != 1 || sources[0].contains('$') || ins.json.is_some() {
            continue;
        }
        let src = normalise(&join(&m.src.workdir, &sources[0]));
        let src_abs = normalise(&join("/", &sources[0]));
        let src = if is_under(output, &src_abs) {
            src_abs
        } else {
            src
        };
        if !is_under(output, &src) {
            continue;
        }
        let dest_abs = normalise(&join(&m.fin.workdir_at(ins), &dest));
        let at = if src == output {
            if dest.ends_with('/') {
                format!(
                    "{}/{}",
                    dest_abs.trim_end_matches('/'),
                    output.rsplit('/').next().unwrap_or("")
                )
            } else {
                dest_abs
            }
        } else {
            format!(
                "{}/{}",
                dest_abs.trim_end_matches('/'),
                &output[src.len()..].trim_start_matches('/')
            )
        };
        return Some((ins, src, at));
    }
    None
}

fn multi_stage(ctx: &Ctx, m: &Multi) -> Vec<Proposal> {
    let Some(c) = compile(&m.src) else {
        return vec![];
    };
    let Some((copy, src, at)) = program_copy(m, &c.output) else {
        return vec![];
    };
    if m.fin.chain.len() != 1 {
        return vec![];
    }
    let Some(fin_from) = ctx.stage_from(m.fin.chain[0]) else {
        return vec![];
    };
    let whole = src != c.output;
    // Replace the COPY's sources and destination by the program alone.
    let copy_edit = |e: &mut Edits| {
        if !whole {
            return;
        }
        let text = source_of(ctx.text, copy);
        if let Some((pos, _)) = common::word_spans(text)
            .into_iter()
            .skip(1)
            .find(|(_, w)| !w.starts_with("--"))
        {
            e.replace(
                copy.start_offset + pos,
                copy.end_offset,
                format!("{} {at}", c.output),
            );
        }
    };
    let w = weight(&m.fin);
    let distro = m.src.distro();
    let musl = distro.is_alpine();
    let last_user = m.fin.last_user();
    let pc = build_platform_caveat(ctx, &m.src, "a program");
    let mut out = Vec::new();
    let whole_caveat = format!(
        "COPY --from copied all of {src}; only the program {} is copied now, to {at}: files it reads from {src} at run time must be copied too",
        c.output
    );

    if whole {
        let mut e = Edits::default();
        copy_edit(&mut e);
        out.extend(common::edit_final(
            ctx,
            RewriteKind::ArtifactsOnly,
            format!(
                "Copy only {} into the final stage",
                c.output.rsplit('/').next().unwrap_or("")
            ),
            format!("the final stage needs the compiled program, not the sources in {src}"),
            e,
            vec![whole_caveat.clone()],
        ));
    }
    if w >= 4 {
        let image = distro.slim_image();
        let mut e = Edits::default();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        copy_edit(&mut e);
        let mut cav: Vec<String> = pc.iter().cloned().collect();
        if whole {
            cav.push(whole_caveat.clone());
        }
        out.extend(common::edit_final(
            ctx,
            if w == 5 {
                RewriteKind::MultiStage
            } else {
                RewriteKind::Slim
            },
            format!("Final stage on {image}"),
            format!("{image} has the builder's C library without the rest of a full OS"),
            e,
            cav,
        ));
    }
    if w >= 3 && !musl {
        let suffix = distro.distroless_suffix();
        let u = shellless_user(ctx, last_user, "distroless");
        let image = format!("gcr.io/distroless/cc-{suffix}{}", u.tag);
        let mut e = Edits::default();
        let mut cav = Vec::new();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        copy_edit(&mut e);
        if shell_free(ctx, &m.fin, "distroless", &mut e, &mut cav).is_some() {
            super::rust::user_edit(&mut e, ctx, last_user, &u, &mut cav);
            cav.extend(pc.clone());
            if whole {
                cav.push(whole_caveat.clone());
            }
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Distroless,
                format!("Final stage on {image}"),
                format!("distroless/cc-{suffix} has glibc, libgcc and libstdc++ for a dynamically linked program, and no shell"),
                e,
                cav,
            ));
        }
    }
    if w >= 1 {
        let mut e = Edits::default();
        if add_static(ctx, &c, &mut e).is_none() {
            return out;
        }
        let u = shellless_user(ctx, last_user, "scratch");
        let mut cav = Vec::new();
        replace_from_image(&mut e, ctx.text, fin_from, "scratch");
        copy_edit(&mut e);
        if shell_free(ctx, &m.fin, "scratch", &mut e, &mut cav).is_some() {
            super::rust::user_edit(&mut e, ctx, last_user, &u, &mut cav);
            if !c.is_static {
                cav.push("`-static` added to the compile command".into());
            }
            cav.extend(static_caveats(&c, musl));
            cav.extend(pc);
            if whole {
                cav.push(whole_caveat);
            }
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Static,
                "FROM scratch with a static binary".into(),
                "scratch is empty: a statically linked program needs nothing else".into(),
                e,
                cav,
            ));
        }
    }
    out
}
