//! SF026 `unstripped_binary`.
//!
//! ## What it does
//! Checks for a `go build` or `go install` without `-ldflags` (on the command or in
//! GOFLAGS), and for a Rust release build (`cargo build
//! --release`, `cargo install`) that nothing tells to strip, when the program it makes
//! reaches the image: the finding is kept only when its fix makes the image smaller (a
//! program that stays in a builder stage, or is stripped by a later step, is not reported).
//!
//! With a program size set under Assumptions the estimate takes that figure as it is,
//! stripped or not, so the fix saves nothing there and the rule reports nothing.
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
use crate::engine::model;

pub const CODE: &str = "SF026";

/// Go is told its linker flags here: `-ldflags` on the command, or GOFLAGS (the RUN's own
/// or the stage's ENV/ARG) naming them. The author chose; the rule leaves it.
fn go_flags_given(c: &shell::Cmd, scope: &shell::Scope) -> bool {
    c.args()
        .iter()
        .any(|w| w.text.starts_with("-ldflags") || w.text.starts_with("--ldflags"))
        || c.env
            .iter()
            .any(|w| w.text.starts_with("GOFLAGS=") && w.text.contains("ldflags"))
        || scope.var("GOFLAGS").is_some_and(|v| v.contains("ldflags"))
}

/// `go build ./...` (several packages: it only checks they compile) and `-o /dev/null`
/// write no program.
fn go_builds_nothing(c: &shell::Cmd) -> bool {
    let a = c.args();
    a.iter()
        .any(|w| w.text == "/dev/null" || w.text == "-o=/dev/null")
        || (a.iter().any(|w| w.text.ends_with("..."))
            && !a.iter().any(|w| w.text.starts_with("-o")))
}

/// A Cargo build or install (after an optional `+toolchain`) whose profile writes to
/// target/release, as the estimate reads it ([`model::Command::cargo_profile`]).
fn cargo_release(c: &shell::Cmd) -> bool {
    let verb = c
        .args()
        .iter()
        .map(|w| w.text.as_str())
        .find(|w| !w.starts_with('+'));
    let plain = model::Command {
        env: Vec::new(),
        argv: c.argv.iter().map(|w| w.text.clone()).collect(),
    };
    matches!(verb, Some("build" | "install")) && plain.cargo_profile() == "release"
}

/// Cargo is told what to strip here: CARGO_PROFILE_RELEASE_STRIP or RUSTFLAGS on the
/// command or in the stage's ENV/ARG (the estimate reads which).
fn cargo_told(c: &shell::Cmd, scope: &shell::Scope) -> bool {
    let named = |k: &str| k == "CARGO_PROFILE_RELEASE_STRIP" || k == "RUSTFLAGS";
    c.env
        .iter()
        .any(|w| w.text.split_once('=').is_some_and(|(k, _)| named(k)))
        || scope.var("CARGO_PROFILE_RELEASE_STRIP").is_some()
        || scope
            .var("RUSTFLAGS")
            .is_some_and(|v| v.contains("strip") || v.contains("link-arg=-s"))
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let scopes = shell::scopes(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if !shell::is_run(ins, false) {
            continue;
        }
        let scope = scopes.get(i).cloned().unwrap_or_default();
        let script = shell::script(ctx, ins);
        // One finding per RUN, with an edit for each build in it. Told to strip in another
        // way (`strip`, RUSTFLAGS, Cargo's profile): the estimate prices the fix at
        // nothing, and the finding is dropped.
        let mut edits = Vec::new();
        let (mut go, mut rust) = (false, false);
        for c in &script.commands {
            let verb = shell::verb(c).map(|w| w.text.as_str());
            if c.is("go") && matches!(verb, Some("build" | "install")) {
                if go_flags_given(c, &scope) || go_builds_nothing(c) {
                    continue;
                }
                let verb = verb.unwrap_or("build");
                let Some(f) =
                    shell::insert_after_verb(ctx, &[c], verb, "-ldflags=\"-s -w\"", false)
                else {
                    continue;
                };
                edits.extend(f.edits);
                go = true;
            } else if c.is("cargo") && cargo_release(c) && !cargo_told(c, &scope) {
                let Some(w) = c.argv.first().filter(|w| w.spanned) else {
                    continue;
                };
                edits.push(Edit {
                    start: w.start,
                    end: w.start,
                    replacement: "CARGO_PROFILE_RELEASE_STRIP=true ".into(),
                });
                rust = true;
            }
        }
        let title = match (go, rust) {
            (true, false) => "Add -ldflags=\"-s -w\"",
            (false, true) => "Add CARGO_PROFILE_RELEASE_STRIP=true",
            _ => "Strip the programs",
        };
        let Some(fix) = shell::checked(
            ctx,
            Fix {
                title: title.into(),
                edits,
                safe: false,
            },
        ) else {
            continue;
        };
        let message = if go {
            "`go build` writes the symbol table and DWARF debug information into the program: \
             `-ldflags=\"-s -w\"` leaves them out"
        } else {
            "the release build keeps the program's symbols (and, before Rust 1.77, the standard \
             library's debuginfo): set `strip = true` in Cargo.toml's [profile.release] or \
             CARGO_PROFILE_RELEASE_STRIP=true"
        };
        let mut f = shell::finding(CODE, ins, message.into(), None, Some(fix));
        f.only_if_it_saves = true;
        out.push(f);
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
        // A heredoc, `go install`, a toolchain and a named release profile are read; a
        // setting for something else (GOFLAGS=-mod=vendor) does not silence it.
        for loud in [
            "FROM golang:1.22\nENV GOFLAGS=-mod=vendor\nRUN <<EOF\ngo install ./cmd/app\nEOF\n",
            "FROM rust:1.80\nRUN cargo +nightly build --profile release\n",
            "FROM rust:1.80\nRUN cargo install --path .\n",
        ] {
            assert_eq!(run_rule(check, loud).len(), 1, "{loud}");
        }
        // Already told, a dev build, or flags the author chose: nothing.
        for quiet in [
            "FROM golang:1.22\nRUN go build -ldflags \"-X main.v=1\" -o /app .\n",
            "FROM golang:1.22\nENV GOFLAGS=-ldflags=-s\nRUN go build -o /app .\n",
            "FROM rust:1.80\nRUN cargo build\n",
            "FROM golang:1.22\nRUN go vet ./...\n",
            "FROM golang:1.22\nRUN go build ./... && go build -o /dev/null .\n",
            "FROM golang:1.22\nARG GOFLAGS=\"-ldflags=-s -w\"\nRUN go build -o /app .\n",
            "FROM rust:1.80\nRUN cargo +nightly build --profile dev\n",
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
        // Stripped by a later command: the fix would save nothing, so nothing is reported.
        let stripped = "FROM rust:1.80 AS b\nWORKDIR /app\nCOPY . .\n\
                        RUN cargo build --release && strip target/release/app\n\
                        FROM debian:bookworm-slim\nCOPY --from=b /app/target/release/app /app\n";
        assert!(codes(stripped).is_empty());
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
