//! C and C++ builds: compilers, make, CMake.

use super::*;

/// A Java build that compiles a GraalVM native executable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NativeBuild {
    /// Native Build Tools' goals, as Spring Boot 3 documents them: `mvn -Pnative
    /// native:compile`, `gradle nativeCompile`.
    Spring,
    /// `mvn package -Dnative` (or `-Dquarkus.native.enabled=true`,
    /// `-Dquarkus.package.type=native`).
    Quarkus,
}

impl NativeBuild {
    pub(super) fn fact(self) -> Fact {
        match self {
            NativeBuild::Spring => facts::SPRING_NATIVE_EXECUTABLE,
            NativeBuild::Quarkus => facts::QUARKUS_NATIVE_EXECUTABLE,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            NativeBuild::Spring => "GraalVM",
            NativeBuild::Quarkus => "Quarkus",
        }
    }

    /// Where the executable lands, relative to the project.
    pub(super) fn dir(self, tool: &str) -> &'static str {
        match (self, tool) {
            (_, "maven") => "target/*",
            (NativeBuild::Spring, _) => "build/native/nativeCompile/*",
            (NativeBuild::Quarkus, _) => "build/*",
        }
    }
}

pub(super) fn native_build(c: &model::Command) -> Option<NativeBuild> {
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

/// The measured or published size of a C or C++ program: dynamic, static glibc, or static
/// musl as Alpine's gcc links it.
pub(super) fn c_program(is_static: bool, musl: bool, cxx: bool) -> Fact {
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
pub(super) fn cxx_project(lower: &str) -> bool {
    CXX_HINTS.iter().any(|w| lower.contains(w))
}

pub(super) fn is_c_compiler(p: &str) -> bool {
    matches!(
        p.rsplit('/').next().unwrap_or(p),
        "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++" | "musl-gcc"
    )
}

/// A C or C++ compiler run by hand: the program, static or linked to the C library.
pub(super) fn compile_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, env, .. } = *cx;
    run.modelled += 1;
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
    run.total = add(run.total, f);
    let lang = if cxx { "C++" } else { "C" };
    run.basis.push(format!(
        "{lang} program {} ({kind}; {src})",
        fmt_bytes(f.bytes)
    ));
    let out = join_path(
        &st.workdir,
        &model::expand(c.option(&["-o"]).unwrap_or("a.out"), env),
    );
    st.add_artifact(Artifact {
        made_by: 0,
        either: false,
        path: out,
        size: f,
        basis: format!("C program ({src})"),
    });
}
