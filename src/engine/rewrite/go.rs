//! Go: build in the toolchain image, ship only the binary.
//!
//! - **multi-stage**: the runtime is the builder's own OS at its smallest
//!   (Alpine of the same release for `golang:*-alpine`, `debian:<codename>-slim`
//!   for Debian-based builders), so a binary built with CGO still finds the
//!   same C library.
//! - **scratch**: `CGO_ENABLED=0` makes a static binary that needs nothing
//!   but CA certificates (copied from the builder) and runs as a numeric
//!   non-root user, because scratch has no `/etc/passwd`.
//!
//! A file that is multi-stage already (`multi_stage`, called by `detect.rs`) and ships the
//! binary on an OS image gets the same binary on scratch and on distroless/static, when the
//! final stage's `RUN`s only fetch certificates or add users and cgo is not asked for.

use super::common::{self, carry, emit_carried, join, Ctx, Walk};
use super::detect::Multi;
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Model};
use crate::engine::syntax::{Instruction, ParsedFile};

const SCRATCH_TITLE: &str = "FROM scratch with a static binary";
const SCRATCH_WHY: &str =
    "scratch is empty: a static Go binary (CGO_ENABLED=0) needs nothing else but CA certificates";
const NO_TOOLCHAIN: &str =
    "no Go toolchain at run time: `go run` or plugins built at run time will not work";
/// What turning cgo off costs, after what was added where.
const CGO_OFF: &str = "packages that need cgo (e.g. mattn/go-sqlite3) will not build; net and os/user fall back to pure-Go code";

/// What a Go binary on scratch lacks, however it got there.
fn scratch_caveats(caveats: &mut Vec<String>) {
    caveats.push("no shell or tools in the image: `docker exec … sh` will not work; debug with an ephemeral container".into());
    caveats.push("CA certificates copied from the builder for outgoing TLS".into());
    caveats.push("no time-zone data: build with `-tags timetzdata` or copy /usr/share/zoneinfo if the program calls time.LoadLocation".into());
}

/// The official golang image, under any registry prefix.
fn is_golang(name: &str) -> bool {
    name == "golang" || name.ends_with("/golang")
}

/// A `go build`, `go install` or `go get` of the stage.
struct GoBuild<'a> {
    ins: &'a Instruction,
    /// `build`, `install` or `get`.
    verb: &'static str,
    /// Absolute path of the binary in the builder (`-o`).
    output: Option<String>,
    /// Where the binary lands without `-o`: the working directory for `go build`, GOBIN or
    /// $GOPATH/bin for `go install` and (GOPATH mode) `go get`.
    dir: String,
    /// The binary is static already: CGO_ENABLED=0, or cgo linked with `-static`.
    is_static: bool,
    /// CGO_ENABLED=1 set on purpose, without static linking: the binary needs the C library.
    needs_cgo: bool,
}

pub fn propose(
    text: &str,
    parsed: &ParsedFile,
    model: &Model,
    as_of: Option<&str>,
) -> Vec<Proposal> {
    let Some(stage) = model.final_stage() else {
        return vec![];
    };
    // Already multi-stage onto another stage: the final stage is not the toolchain.
    if model.stage_ref(&stage.from, stage.index).is_some() {
        return vec![];
    }
    let ctx = Ctx {
        text,
        parsed,
        model,
        as_of,
    };
    let w = ctx.walk(stage);
    let is_go_image = w.image.as_ref().is_some_and(|r| is_golang(&r.name));

    let Some(build) = go_commands(&w).into_iter().rfind(|b| b.verb == "build") else {
        return vec![];
    };
    if !is_go_image && build.output.is_none() {
        return vec![];
    }
    let workdir = w.workdir.clone();
    let base = w.base;
    let alpine = base.as_ref().and_then(|b| b.alpine_version());
    let from_ins = &parsed.instructions[stage.from_instr];
    let builder_name = stage.name.clone().unwrap_or_else(|| "builder".to_string());

    // The runtime-stage instructions carried over from the original, in order.
    let kept = carry(parsed, &stage.body, &is_build_env);
    let (carried, last_user, final_workdir) = (kept.carried, kept.last_user, kept.final_workdir);

    let mut out = Vec::new();
    for kind in [RewriteKind::MultiStage, RewriteKind::Scratch] {
        let mut caveats = Vec::new();
        let mut e = Edits::default();
        // Name the builder stage.
        if stage.name.is_none() {
            e.insert(from_ins.end_offset, " AS builder");
        }
        let output = match &build.output {
            Some(o) => o.clone(),
            None => {
                // No -o: name the output so the runtime stage can copy it.
                if let Some(pos) = source_of(text, build.ins).find("go build") {
                    e.insert(build.ins.start_offset + pos + "go build".len(), " -o /app");
                }
                "/app".to_string()
            }
        };
        if kind == RewriteKind::Scratch && build.needs_cgo {
            continue;
        }
        if kind == RewriteKind::Scratch && !build.is_static {
            if let Some(pos) = source_of(text, build.ins).find("go build") {
                e.insert(build.ins.start_offset + pos, "CGO_ENABLED=0 ");
            }
        }
        for ins in &carried {
            e.delete_instruction(text, ins);
        }
        let mut builder = e.apply(text);
        if !builder.ends_with('\n') {
            builder.push('\n');
        }

        let mut rt = String::new();
        let (base_line, why) = match kind {
            RewriteKind::MultiStage => runtime_base(
                alpine.as_deref(),
                base.as_ref()
                    .and_then(|b| b.row.as_ref())
                    .map(|r| r.resolved),
                &stage.from,
            ),
            _ => ("scratch".to_string(), SCRATCH_WHY.to_string()),
        };
        rt.push_str(&format!("\nFROM {base_line}\n"));
        if kind == RewriteKind::Scratch {
            rt.push_str(&format!(
                "COPY --from={builder_name} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"
            ));
        }
        // The runtime starts where the program ran: the stage's last working
        // directory, which may come from the base image (golang's /go) or a
        // relative WORKDIR (which in the new base would resolve elsewhere).
        if workdir != "/" {
            match final_workdir {
                Some(w) if w.args.trim().starts_with('/') && !w.args.contains('$') => {
                    rt.push_str(source_of(text, w));
                    rt.push('\n');
                }
                _ => rt.push_str(&format!("WORKDIR {workdir}\n")),
            }
        }
        rt.push_str(&format!("COPY --from={builder_name} {output} {output}\n"));
        match (kind, last_user) {
            (RewriteKind::Scratch, Some(u))
                if !u
                    .args
                    .trim()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit()) =>
            {
                rt.push_str("USER 65534:65534\n");
                caveats.push(format!(
                    "line {}: USER {} replaced by the numeric 65534:65534 (nobody): scratch has no /etc/passwd to look names up",
                    u.start_line,
                    u.args.trim()
                ));
            }
            (RewriteKind::Scratch, None) => {
                rt.push_str("USER 65534:65534\n");
                caveats.push("runs as the numeric non-root user 65534 (nobody): scratch has no /etc/passwd; ports below 1024 then need CAP_NET_BIND_SERVICE".into());
            }
            (_, Some(u)) => {
                rt.push_str(source_of(text, u));
                rt.push('\n');
            }
            (_, None) => {}
        }
        let no_shell = (kind == RewriteKind::Scratch).then_some("scratch");
        let needs_shell = emit_carried(text, &carried, no_shell, &mut rt, &mut caveats);
        let dockerfile = format!("{builder}{rt}");

        match kind {
            RewriteKind::MultiStage => {
                if let Some(v) = &alpine {
                    caveats.push(format!(
                        "runtime pinned to alpine:{v}, the Alpine release the builder image is built on, so a binary built with CGO finds the same musl libc"
                    ));
                }
                caveats.push(NO_TOOLCHAIN.into());
            }
            _ => {
                if !needs_shell.is_empty() {
                    // A command that needs a shell cannot run on scratch: do not propose it.
                    continue;
                }
                if !build.is_static {
                    caveats.push(format!("CGO_ENABLED=0 added to `go build`: {CGO_OFF}"));
                }
                scratch_caveats(&mut caveats);
            }
        }
        caveats.push("files the program reads at run time (templates, static assets, config) must be copied into the runtime stage too".into());
        out.push(Proposal {
            kind,
            title: match kind {
                RewriteKind::MultiStage => format!("Multi-stage onto {base_line}"),
                _ => SCRATCH_TITLE.into(),
            },
            why,
            dockerfile,
            caveats,
        });
    }
    out
}

/// The stage's `go build`, `go install` and `go get` commands, in order, read with the
/// working directory and variables in force.
fn go_commands<'a>(w: &Walk<'a>) -> Vec<GoBuild<'a>> {
    let mut out = Vec::new();
    for step in &w.steps {
        for c in &step.cmds {
            let Some(verb) = ["build", "install", "get"]
                .into_iter()
                .find(|v| c.is("go", &[v]))
            else {
                continue;
            };
            // The command's own `CGO_ENABLED=…` first, then the stage's ENV.
            let var = |name: &str| {
                c.env
                    .iter()
                    .map(|(k, v)| (k, v))
                    .chain(step.env.iter())
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.as_str())
            };
            let cgo = var("CGO_ENABLED");
            let static_link = c.argv.iter().any(|w| w.contains("-static"));
            let dir = match verb {
                "build" => step.workdir.clone(),
                _ => var("GOBIN")
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{}/bin", var("GOPATH").unwrap_or("/root/go"))),
            };
            out.push(GoBuild {
                ins: step.ins,
                verb,
                output: c
                    .option(&["-o"])
                    .map(|o| model::join_path(&step.workdir, &model::expand(o, &step.env))),
                dir,
                is_static: cgo == Some("0") || static_link,
                needs_cgo: cgo == Some("1") && !static_link,
            });
        }
    }
    out
}

/// Build-time Go settings that mean nothing at run time.
fn is_build_env(k: &str) -> bool {
    k.starts_with("GO") || k.starts_with("CGO_")
}

/// The smallest image of the builder's own OS.
fn runtime_base(alpine: Option<&str>, resolved: Option<&str>, from: &str) -> (String, String) {
    if let Some(v) = alpine {
        return (
            format!("alpine:{v}"),
            format!("the builder is Alpine {v}; the same release keeps musl and any CGO links compatible"),
        );
    }
    let hay = format!("{} {}", from, resolved.unwrap_or(""));
    for code in ["trixie", "bookworm", "bullseye", "buster"] {
        if hay.contains(code) {
            return (
                format!("debian:{code}-slim"),
                format!("the builder is Debian {code}; its slim variant has the same glibc"),
            );
        }
    }
    (
        "debian:bookworm-slim".into(),
        "the golang images are Debian-based unless tagged alpine; a slim Debian keeps glibc for CGO".into(),
    )
}

/// An image that holds an OS and nothing the program could call: a distribution, BusyBox,
/// or distroless's images with a C library.
fn plain_os(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    matches!(
        last,
        "alpine"
            | "debian"
            | "ubuntu"
            | "busybox"
            | "fedora"
            | "centos"
            | "rockylinux"
            | "almalinux"
            | "amazonlinux"
            | "ubi"
            | "ubi-minimal"
            | "ubi8"
            | "ubi9"
            | "ubi8-minimal"
            | "ubi9-minimal"
    ) || name.starts_with("gcr.io/distroless/base")
        || name.starts_with("gcr.io/distroless/cc")
}

/// A multi-stage Go file whose final stage copies what `go build`/`go install` wrote onto an
/// image with an OS (alpine, debian-slim, distroless/base) or onto the golang image: the
/// same binary, built with CGO_ENABLED=0, on scratch and on distroless/static (and, from the
/// golang image, first on the builder's own OS at its smallest).
pub(crate) fn multi_stage(ctx: &Ctx, m: &Multi) -> Vec<Proposal> {
    // What the builder's go commands write, and the final stage copies.
    let builds = go_commands(&m.src);
    let copied = |b: &GoBuild| {
        m.copies.iter().any(|ins| {
            let (sources, _) = Multi::copy_paths(ins);
            let [src] = sources.as_slice() else {
                return false;
            };
            let p = model::normalise_path(&join("/", &model::expand(src, &m.src.env)));
            match &b.output {
                Some(o) => p == *o,
                // A binary named after its package, or the folder of them.
                None => b.dir != "/" && model::is_under(&p, &b.dir),
            }
        })
    };
    // Only the commands whose output ships matter (`go get` of sources a later `go build -o`
    // compiles does not).
    let builds: Vec<GoBuild> = builds.into_iter().filter(|b| copied(b)).collect();
    if builds.is_empty() || m.fin.chain.len() != 1 {
        return vec![];
    }
    let is_static = builds.iter().all(|b| b.is_static);
    let needs_cgo = builds.iter().any(|b| b.needs_cgo);
    let Some(fin_from) = ctx.stage_from(m.fin.chain[0]) else {
        return vec![];
    };
    // Only an image that is just an OS: another program's image (`masscan`, a database
    // client) is there for what it runs.
    let fin_image = m.fin.image_name().to_string();
    let ships_toolchain = is_golang(&fin_image);
    if !plain_os(&fin_image) && !ships_toolchain {
        return vec![];
    }
    // RUN steps go (what they did is no longer needed); any other RUN keeps the OS.
    let runs: Vec<&Instruction> = m
        .fin
        .steps
        .iter()
        .filter(|s| s.ins.keyword == "RUN")
        .map(|s| s.ins)
        .collect();
    if m.fin
        .steps
        .iter()
        .any(|s| s.ins.keyword == "RUN" && !s.cmds.iter().all(common::replaceable_in_shellless))
    {
        return vec![];
    }
    let builder = common::builder_name(m.src.stage());
    let golang_builder = is_golang(m.src.image_name());
    // The final stage already copies the CA bundle.
    let copies_certs = m.fin.steps.iter().any(|s| {
        s.ins.keyword == "COPY"
            && (s.ins.args.contains("/etc/ssl/certs") || s.ins.args.contains("ca-certificates"))
    });
    let mut out = Vec::new();
    // A final stage on the golang image ships the toolchain: first, the builder's own OS at
    // its smallest, which keeps the C library a cgo binary links to.
    if ships_toolchain && runs.is_empty() {
        let (image, why) = runtime_base(
            m.src
                .base
                .as_ref()
                .and_then(|b| b.alpine_version())
                .as_deref(),
            m.src
                .base
                .as_ref()
                .and_then(|b| b.row.as_ref())
                .map(|r| r.resolved),
            &m.src.stage().from,
        );
        let mut e = Edits::default();
        common::replace_from_image(&mut e, ctx.text, fin_from, &image);
        out.extend(common::edit_final(
            ctx,
            RewriteKind::MultiStage,
            format!("Final stage on {image}"),
            why,
            e,
            vec![NO_TOOLCHAIN.into()],
        ));
    }
    // cgo asked for (and not linked statically): the binary needs a C library.
    if needs_cgo {
        return out;
    }
    for kind in [RewriteKind::Scratch, RewriteKind::Distroless] {
        let scratch = kind == RewriteKind::Scratch;
        let base = if scratch { "scratch" } else { "distroless" };
        let mut e = Edits::default();
        let mut caveats = Vec::new();
        if !is_static {
            // One go command: on it, as the published rewrites write it; more: for the stage.
            let one = builds.len() == 1;
            let b = &builds[0];
            let cmd = format!("go {}", b.verb);
            let said = match source_of(ctx.text, b.ins).find(&cmd) {
                Some(pos) if one => {
                    e.insert(b.ins.start_offset + pos, "CGO_ENABLED=0 ");
                    format!("CGO_ENABLED=0 added to `{cmd}`")
                }
                _ => match ctx.stage_from(m.src.stage()) {
                    Some(f) => {
                        e.insert(f.end_offset, "\nENV CGO_ENABLED=0");
                        "ENV CGO_ENABLED=0 added to the builder".to_string()
                    }
                    None => return out,
                },
            };
            caveats.push(format!("{said}: {CGO_OFF}"));
        }
        let last_user = m.fin.last_user();
        let u = common::shellless_user(ctx, last_user, base);
        let image = if scratch {
            "scratch".to_string()
        } else {
            format!("gcr.io/distroless/static-debian12{}", u.tag)
        };
        common::replace_from_image(&mut e, ctx.text, fin_from, &image);
        for r in &runs {
            common::delete_block(&mut e, ctx.text, r);
            caveats.push(format!(
                "line {}: RUN removed ({base} has no shell): {}",
                r.start_line,
                if scratch {
                    "CA certificates come from the builder; users are numeric"
                } else {
                    "distroless/static has CA certificates, time-zone data and a nonroot user"
                }
            ));
        }
        if scratch && !copies_certs {
            if !golang_builder {
                // Only the golang images are known to hold the CA bundle.
                continue;
            }
            e.insert(
                fin_from.end_offset,
                format!(
                    "\nCOPY --from={builder} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/"
                ),
            );
        }
        // CMD/ENTRYPOINT in exec form: no /bin/sh to run a shell form.
        if common::shell_free_but(ctx, &m.fin, base, &mut e, &mut caveats, &runs).is_none() {
            continue;
        }
        super::rust::user_edit(&mut e, ctx, last_user, &u, &mut caveats);
        if scratch {
            scratch_caveats(&mut caveats);
        } else {
            caveats.push(common::NO_SHELL_DEBUG_TAG.into());
        }
        let (title, why) = if scratch {
            (SCRATCH_TITLE.to_string(), SCRATCH_WHY.to_string())
        } else {
            (
                format!("Final stage on {image}"),
                "distroless/static holds only CA certificates, time-zone data and /etc/passwd: enough for a static Go binary (CGO_ENABLED=0)".to_string(),
            )
        };
        out.extend(common::edit_final(ctx, kind, title, why, e, caveats));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::{analyze, Assumptions};

    use crate::engine::rewrite::proposed_kinds as kinds;

    const BUILDER: &str =
        "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\n\n";

    #[test]
    fn a_multi_stage_file_keeps_its_os_only_when_the_final_stage_needs_it() {
        // Certificates, time zones and a user: replaced by what scratch and distroless hold.
        let ok = format!(
            "{BUILDER}FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN useradd -u 1000 app\nCOPY --from=build /bin/app /app\nUSER app\nCMD [\"/app\"]\n"
        );
        assert_eq!(kinds(&ok), ["scratch", "distroless"]);
        // A package the program may call at run time keeps the OS: no proposal.
        let needs_os = format!(
            "{BUILDER}FROM alpine:3.20\nRUN apk add --no-cache ffmpeg\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n"
        );
        assert!(kinds(&needs_os).is_empty());
        // A shell-form command with shell features cannot run without /bin/sh.
        let shell = format!(
            "{BUILDER}FROM alpine:3.20\nCOPY --from=build /bin/app /app\nCMD /app --port $PORT\n"
        );
        assert!(kinds(&shell).is_empty());
        // Already on scratch or distroless/static: nothing smaller to offer.
        for fin in ["scratch", "gcr.io/distroless/static-debian12"] {
            let t =
                format!("{BUILDER}FROM {fin}\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n");
            assert!(kinds(&t).is_empty(), "{fin}");
        }
        // The final stage copies something else than the built binary.
        let other = format!(
            "{BUILDER}FROM alpine:3.20\nCOPY --from=build /src/static /static\nCMD [\"/static/run\"]\n"
        );
        assert!(kinds(&other).is_empty());
    }

    #[test]
    fn cgo_on_purpose_and_other_programs_images_are_respected() {
        // Another program's image is there for what it runs.
        let masscan = format!(
            "{BUILDER}FROM r.j3ss.co/masscan\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n"
        );
        assert!(kinds(&masscan).is_empty());
        // CGO_ENABLED=1 set on purpose: the binary needs the C library.
        let cgo = |flags: &str| {
            format!(
                "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build {flags}-o /bin/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n"
            )
        };
        assert!(kinds(&cgo("")).is_empty());
        // Linked statically, it runs on scratch as it is.
        let t = cgo("-ldflags '-extldflags \"-static\"' ");
        let a = analyze(&t, &Assumptions::default());
        let sc = a.rewrites.iter().find(|r| r.kind == "scratch").unwrap();
        assert!(sc.dockerfile.contains("RUN CGO_ENABLED=1 go build"));
        assert!(!sc.dockerfile.contains("CGO_ENABLED=0"));
        assert!(!sc.caveats.iter().any(|c| c.contains("CGO_ENABLED=0")));
        // The same in a single stage: no scratch rewrite that turns cgo off.
        let single = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /bin/app .\nCMD [\"/bin/app\"]\n";
        assert_eq!(kinds(single), ["multi-stage"]);
    }

    #[test]
    fn a_final_stage_on_the_golang_image_moves_to_the_builders_os() {
        let t =
            format!("{BUILDER}FROM golang:1.22\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n");
        let a = analyze(&t, &Assumptions::default());
        let got: Vec<&str> = a.rewrites.iter().map(|r| r.kind).collect();
        assert_eq!(got, ["multi-stage", "scratch", "distroless"]);
        let ms = &a.rewrites[0];
        assert!(
            ms.dockerfile.contains("\nFROM debian:bookworm-slim\n"),
            "{}",
            ms.dockerfile
        );
        assert!(ms.bytes * 5 < a.before.bytes);
        // With cgo on purpose, only the move to the builder's OS.
        let cgo = t.replace("RUN go build", "RUN CGO_ENABLED=1 go build");
        assert_eq!(kinds(&cgo), ["multi-stage"]);
    }

    #[test]
    fn binaries_without_o_are_found_where_go_puts_them() {
        let fin = "FROM alpine:3.20\nCOPY --from=build /go/bin/tool /usr/bin/tool\nENTRYPOINT [\"tool\"]\n";
        // `go install` and (GOPATH mode) `go get` write to $GOPATH/bin (the golang images' /go).
        for cmd in [
            "go install example.com/tool@latest",
            "go get example.com/tool",
        ] {
            let t = format!("FROM golang:1.22 AS build\nRUN {cmd}\n\n{fin}");
            let a = analyze(&t, &Assumptions::default());
            let sc = a.rewrites.iter().find(|r| r.kind == "scratch").expect(cmd);
            assert!(
                sc.dockerfile
                    .contains(&format!("RUN CGO_ENABLED=0 {cmd}\n")),
                "{}",
                sc.dockerfile
            );
        }
        // GOBIN moves them.
        let t = format!("FROM golang:1.22 AS build\nENV GOBIN=/out\nRUN go install example.com/tool@latest\n\n{fin}");
        assert!(
            kinds(&t).is_empty(),
            "/go/bin/tool is not what go install wrote"
        );
        // Several builds in one RUN: the variable goes on the stage.
        let t = "FROM golang:1.22 AS build\nWORKDIR /src/bin\nRUN go build ../cmd/a && go build ../cmd/b\n\nFROM alpine:3.20\nCOPY --from=build /src/bin/ /usr/bin\nENTRYPOINT [\"a\"]\n";
        let a = analyze(t, &Assumptions::default());
        let sc = a.rewrites.iter().find(|r| r.kind == "scratch").unwrap();
        assert!(
            sc.dockerfile
                .starts_with("FROM golang:1.22 AS build\nENV CGO_ENABLED=0\n"),
            "{}",
            sc.dockerfile
        );
    }

    #[test]
    fn odd_multi_stage_go_files_get_an_answer_not_a_panic() {
        for t in [
            // `-o` without a value, an empty COPY, a JSON COPY of one word, FROM with only a flag.
            "FROM golang:1.22 AS b\nRUN go build -o\nFROM alpine\nCOPY --from=b\nCMD [\"/x\"]\n",
            "FROM golang:1.22 AS b\nRUN go install\nFROM alpine\nCOPY --from=b [\"/go/bin\"]\n",
            "FROM golang:1.22 AS b\nWORKDIR /\nRUN go build\nFROM --platform=x\nCOPY --from=b / /\n",
            "FROM golang AS b\nRUN CGO_ENABLED= go get\nFROM golang\nCOPY --from=b /go/bin/ /\nCMD x\n",
            "FROM golang:1.22 AS b\nRUN go build -o /é/ñ .\nFROM debian\nCOPY --from=b /é/ñ /\nENTRYPOINT\n",
        ] {
            let _ = kinds(t);
        }
    }

    #[test]
    fn a_ca_bundle_the_final_stage_copies_already_is_not_copied_twice() {
        let t = format!(
            "{BUILDER}FROM alpine:3.20\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /bin/app /app\nCMD [\"/app\"]\n"
        );
        let a = analyze(&t, &Assumptions::default());
        let sc = a.rewrites.iter().find(|r| r.kind == "scratch").unwrap();
        assert_eq!(sc.dockerfile.matches("ca-certificates.crt").count(), 1);
    }
}
