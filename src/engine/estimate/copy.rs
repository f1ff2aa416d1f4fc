//! What a `COPY`/`ADD` adds: the build context (an assumption), an earlier stage's outputs, or
//! files of another image.

use super::*;

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

pub(super) fn copy_layer(
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
pub(super) fn artifact_matches(art: &str, src: &str) -> bool {
    path_matches(art, src)
        // Images that preset Cargo's target (rust-musl-builder, muslrust: `.cargo/config`)
        // put `cargo build --release` output under target/<triple>/release.
        || strip_cargo_triple(src).is_some_and(|s| path_matches(art, &s))
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

/// A copied build output nobody modelled: unknown, so the range is wide.
fn generic_artifact() -> Fact {
    Fact {
        bytes: 0,
        low: 0,
        high: 0,
        source: "unknown: set the artifact size under Assumptions",
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
pub(super) fn copies_of_artifacts(
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
