//! SF026 `unstripped_binary`.
//!
//! ## What it does
//! Checks for a `go build` without `-ldflags`, and for a Rust release build (`cargo build
//! --release`, `cargo install`) that nothing tells to strip, when the program it makes
//! reaches the image: the finding is kept only when its fix makes the image smaller (a
//! program that stays in a builder stage, or is stripped by a later step, is not reported).
//!
//! ## Why is this bad?
//! Go's linker writes the symbol table and DWARF debug information into the program:
//! `-ldflags="-s -w"` leaves them out, 31 % of a net/http server (4,505,600 of 6,516,845 B,
//! data/MEASURED.md). A panic still prints its stack trace, which comes from the runtime's
//! own tables. A Rust release binary keeps its symbols (23 % of hello world), and one built
//! by Rust older than 1.77 also the standard library's debuginfo, 3.9 MB.
//!
//! ## Example
//! ```dockerfile
//! RUN go build -o /bin/app .
//! RUN cargo build --release
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN go build -ldflags="-s -w" -o /bin/app .
//! RUN CARGO_PROFILE_RELEASE_STRIP=true cargo build --release
//! ```
//! or `strip = true` under `[profile.release]` in Cargo.toml.
//!
//! ## Fix safety
//! Unsafe: the program runs the same, but debuggers (delve, gdb) and profilers lose the
//! names and line tables the symbols held. The fix adds `-ldflags="-s -w"` after `go build`,
//! or `CARGO_PROFILE_RELEASE_STRIP=true` before `cargo`.
//!
//! ## hadolint
//! No equivalent.

use super::shell;
use super::{Context, Edit, Finding, Fix};

pub const CODE: &str = "SF026";

/// The file already says something about stripping or linker flags (in the RUN, an ENV or
/// an ARG: `GOFLAGS`, `RUSTFLAGS`, `CARGO_PROFILE_RELEASE_STRIP`, a `strip` step): the
/// rule leaves it to the author.
fn says_how(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("ldflags") || t.contains("goflags") || t.contains("strip")
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let settings = ctx
        .parsed
        .instructions
        .iter()
        .filter(|i| i.keyword == "ENV" || i.keyword == "ARG")
        .any(|i| says_how(&i.args));
    if settings {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        if !shell::is_run(ins, false) || says_how(&ins.args) {
            continue;
        }
        let script = shell::script(ctx, ins);
        for c in &script.commands {
            let verb = c.args().first().map(|w| w.text.as_str());
            let (message, fix) = if c.is("go") && verb == Some("build") {
                (
                    "`go build` writes the symbol table and DWARF debug information into the \
                     program: `-ldflags=\"-s -w\"` leaves them out",
                    shell::insert_after_verb(ctx, &[c], "build", "-ldflags=\"-s -w\"", false),
                )
            } else if c.is("cargo")
                && (verb == Some("install")
                    || (verb == Some("build") && (c.has_arg("--release") || c.has_arg("-r"))))
            {
                let fix = c.argv.first().filter(|w| w.spanned).and_then(|w| {
                    shell::checked(
                        ctx,
                        Fix {
                            title: "Add CARGO_PROFILE_RELEASE_STRIP=true".into(),
                            edits: vec![Edit {
                                start: w.start,
                                end: w.start,
                                replacement: "CARGO_PROFILE_RELEASE_STRIP=true ".into(),
                            }],
                            safe: false,
                        },
                    )
                });
                (
                    "the release build keeps the program's symbols (and, before Rust 1.77, \
                     the standard library's debuginfo): set `strip = true` in Cargo.toml's \
                     [profile.release] or CARGO_PROFILE_RELEASE_STRIP=true",
                    fix,
                )
            } else {
                continue;
            };
            if fix.is_none() {
                continue;
            }
            let mut f = shell::finding(CODE, ins, message.into(), None, fix);
            f.only_if_it_saves = true;
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;
    use crate::engine::{analyze, Assumptions};

    #[test]
    fn go_and_rust_builds_are_told_to_strip() {
        let f = run_rule(check, "FROM golang:1.22\nRUN go build -o /app .\n");
        assert_eq!(f.len(), 1);
        let fixed = f[0]
            .fix
            .as_ref()
            .unwrap()
            .apply("FROM golang:1.22\nRUN go build -o /app .\n");
        assert_eq!(
            fixed,
            "FROM golang:1.22\nRUN go build -ldflags=\"-s -w\" -o /app .\n"
        );
        let text = "FROM rust:1.80\nRUN cargo build --release\n";
        let f = run_rule(check, text);
        assert_eq!(
            f[0].fix.as_ref().unwrap().apply(text),
            "FROM rust:1.80\nRUN CARGO_PROFILE_RELEASE_STRIP=true cargo build --release\n"
        );
        assert!(!f[0].fix.as_ref().unwrap().safe);
        // Already told, a dev build, or flags the author chose: nothing.
        for quiet in [
            "FROM golang:1.22\nRUN go build -ldflags \"-X main.v=1\" -o /app .\n",
            "FROM golang:1.22\nENV GOFLAGS=-ldflags=-s\nRUN go build -o /app .\n",
            "FROM rust:1.80\nRUN cargo build --release && strip target/release/app\n",
            "FROM rust:1.80\nRUN cargo build\n",
            "FROM golang:1.22\nRUN go vet ./...\n",
        ] {
            assert!(run_rule(check, quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn it_is_reported_only_where_it_shrinks_the_image() {
        let a = Assumptions::default();
        let codes = |t: &str| -> Vec<(u64, u64)> {
            analyze(t, &a)
                .findings
                .iter()
                .filter(|f| f.code == CODE)
                .map(|f| (f.line as u64, f.saves_bytes))
                .collect()
        };
        // The story's scratch image: the program ships, stripping saves a third of it.
        let shipped = "FROM golang:1.19-alpine AS build\nWORKDIR /src\nCOPY . .\n\
                       RUN CGO_ENABLED=0 go build -o /app .\n\
                       FROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n";
        let c = codes(shipped);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(c[0].1 > 1_000_000, "{c:?}");
        // A builder stage whose program nothing copies: not reported.
        let unused = "FROM golang:1.19-alpine AS build\nRUN go build -o /app .\n\
                      FROM alpine:3.19\nCMD [\"true\"]\n";
        assert!(codes(unused).is_empty());
        // An old Rust toolchain: the debuginfo too.
        let rust = "FROM rust:1.50 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\
                    FROM debian:bullseye-slim\nCOPY --from=b /app/target/release/app /app\n";
        let c = codes(rust);
        assert!(
            c.len() == 1 && c[0].1 > crate::engine::sizes::facts::RUST_STD_DEBUGINFO,
            "{c:?}"
        );
    }
}
