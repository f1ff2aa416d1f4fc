//! Go: build in the toolchain image, ship only the binary.
//!
//! - **multi-stage**: the runtime is the builder's own OS at its smallest
//!   (Alpine of the same release for `golang:*-alpine`, `debian:<codename>-slim`
//!   for Debian-based builders), so a binary built with CGO still finds the
//!   same C library.
//! - **scratch**: `CGO_ENABLED=0` makes a static binary that needs nothing
//!   but CA certificates (copied from the builder) and runs as a numeric
//!   non-root user, because scratch has no `/etc/passwd`.

use super::common::{carry, emit_carried, Ctx};
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Model};
use crate::engine::syntax::{Instruction, ParsedFile};

struct GoBuild<'a> {
    ins: &'a Instruction,
    /// Absolute path of the binary in the builder.
    output: Option<String>,
    cgo_disabled: bool,
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
    let is_go_image = w
        .image
        .as_ref()
        .is_some_and(|r| r.name == "golang" || r.name.ends_with("/golang"));

    // The last `go build`, read with the working directory and variables in force.
    let mut build: Option<GoBuild> = None;
    for step in &w.steps {
        for c in step.cmds.iter().filter(|c| c.is("go", &["build"])) {
            let cgo_off = c
                .env
                .iter()
                .map(|(k, v)| (k, v))
                .chain(step.env.iter())
                .any(|(k, v)| k == "CGO_ENABLED" && v == "0");
            build = Some(GoBuild {
                ins: step.ins,
                output: c
                    .option(&["-o"])
                    .map(|o| model::join_path(&step.workdir, &model::expand(o, &step.env))),
                cgo_disabled: cgo_off,
            });
        }
    }
    let Some(build) = build else { return vec![] };
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
        if kind == RewriteKind::Scratch && !build.cgo_disabled {
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
            RewriteKind::MultiStage => runtime_base(alpine.as_deref(), base.as_ref().and_then(|b| b.row.as_ref()).map(|r| r.resolved), &stage.from),
            _ => (
                "scratch".to_string(),
                "scratch is empty: a static Go binary (CGO_ENABLED=0) needs nothing else but CA certificates".to_string(),
            ),
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
                caveats.push("no Go toolchain at run time: `go run` or plugins built at run time will not work".into());
            }
            _ => {
                if !needs_shell.is_empty() {
                    // A command that needs a shell cannot run on scratch: do not propose it.
                    continue;
                }
                if !build.cgo_disabled {
                    caveats.push("CGO_ENABLED=0 added to `go build`: packages that need cgo (e.g. mattn/go-sqlite3) will not build; net and os/user fall back to pure-Go code".into());
                }
                caveats.push("no shell or tools in the image: `docker exec … sh` will not work; debug with an ephemeral container".into());
                caveats.push("CA certificates copied from the builder for outgoing TLS".into());
                caveats.push("no time-zone data: build with `-tags timetzdata` or copy /usr/share/zoneinfo if the program calls time.LoadLocation".into());
            }
        }
        caveats.push("files the program reads at run time (templates, static assets, config) must be copied into the runtime stage too".into());
        out.push(Proposal {
            kind,
            title: match kind {
                RewriteKind::MultiStage => format!("Multi-stage onto {base_line}"),
                _ => "FROM scratch with a static binary".into(),
            },
            why,
            dockerfile,
            caveats,
        });
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
