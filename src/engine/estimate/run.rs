//! What a `RUN` adds: each command of its script, read in order, priced from the tables.

use super::*;

pub(super) fn looks_like_file(s: &str) -> bool {
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

/// The script of one `RUN`, read once: its commands, the paths each `rm` deletes, its
/// `--mount` options.
pub(super) struct Script<'i> {
    pub(super) script: String,
    pub(super) cmds: Vec<model::Command>,
    pub(super) rm_paths: Vec<Vec<String>>,
    pub(super) mounts: Vec<Vec<(&'i str, &'i str)>>,
    /// Artifacts of the stage before this RUN.
    pub(super) earlier_artifacts: usize,
    /// CPython built from python.org's release tarball and installed (docker-library/python).
    pub(super) cpython: Option<String>,
}

impl Script<'_> {
    /// A cache mount whose target path contains `needle` (`target=/root/.cache/pip`).
    pub(super) fn cache_mounted(&self, needle: &str) -> bool {
        self.mounts.iter().any(|m| {
            m.iter().any(|&(k, v)| k == "type" && v == "cache")
                && m.iter().any(|&(k, v)| {
                    matches!(k, "target" | "dst" | "destination") && v.contains(needle)
                })
        })
    }

    /// A path some `rm` of this RUN deletes: a cache the same RUN deletes
    /// (`rm -rf /root/.cache/pip`, `rm -rf ~/.npm`) is not left in the layer.
    pub(super) fn removed(&self, path: &str) -> bool {
        self.rm_paths
            .iter()
            .flatten()
            .any(|w| model::is_under(path, w))
    }
}

/// What one command of a `RUN` is read with.
#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    pub(super) doc: &'a Doc<'a>,
    pub(super) a: &'a Assumptions,
    pub(super) c: &'a model::Command,
    /// The stage's ENV, an activated virtualenv and the command's own `VAR=value`.
    pub(super) env: &'a BTreeMap<String, String>,
    pub(super) sc: &'a Script<'a>,
}

/// How pip, uv and Composer read a yes/no environment variable.
pub(super) fn env_set(env: &BTreeMap<String, String>, k: &str) -> bool {
    env.get(k)
        .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// What a `RUN` has added so far, command by command; the layer is made from it at the end.
pub(super) struct Run {
    pub(super) total: Fact,
    pub(super) basis: Vec<String>,
    /// Commands the model priced (or knows add nothing).
    pub(super) modelled: usize,
    /// Commands it cannot price.
    pub(super) unknown: Vec<String>,
    pub(super) go_cache_counted: bool,
    pub(super) apt: AptStep,
    pub(super) apk: ApkStep,
    pub(super) apk_unknown: bool,
    /// The locale archive this RUN wrote, and where its basis is: written once per layer.
    pub(super) locale_here: Option<(Fact, usize)>,
    /// The default node_modules (production, with devDependencies) this RUN installed with
    /// its devDependencies: a prune can take them out.
    pub(super) dev_default_here: Option<(Fact, Fact)>,
    pub(super) unknown_deps: bool,
    /// A virtualenv `source …/bin/activate` switched on earlier in this RUN.
    pub(super) activated: Option<String>,
    /// Toolchain releases downloaded in this RUN, each until a `tar` unpacks it.
    pub(super) downloads: Vec<Download>,
    /// An installer script was downloaded in this RUN; the shell after it runs it.
    pub(super) script_here: bool,
}

pub(super) fn run_layer(
    doc: &Doc,
    ins: &Instruction,
    st: &mut StageState,
    a: &Assumptions,
) -> Layer {
    st.line = ins.start_line;
    let text = doc.text;
    let script = model::expand_known(&model::run_script(ins), &st.env);
    let cmds = model::commands(&script);
    let mounts = mount_options(ins);
    // Relative and `$VAR` paths resolve as the shell would (WORKDIR, the stage's ENV).
    let rm_paths: Vec<Vec<String>> = cmds
        .iter()
        .map(|o| rm_targets(o, &st.workdir, &st.env))
        .collect();
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
    let cpython = cpython_source_build(&cmds, &st.env);
    let sc = Script {
        earlier_artifacts: st.artifacts.len(),
        cpython,
        script,
        cmds,
        rm_paths,
        mounts,
    };
    let mut run = Run {
        total: fact(0, 0, 0),
        basis: Vec::new(),
        modelled: 0,
        unknown: Vec::new(),
        go_cache_counted: false,
        apt: AptStep {
            showmanual: sc.script.contains("apt-mark showmanual"),
            ldd: sc.cmds.iter().any(|c| c.argv.iter().any(|w| w == "ldd")),
            ..Default::default()
        },
        apk: ApkStep::default(),
        apk_unknown: false,
        locale_here: None,
        dev_default_here: None,
        unknown_deps: false,
        activated: None,
        downloads: Vec::new(),
        script_here: false,
    };
    for (c, gone) in sc.cmds.iter().zip(&sc.rm_paths) {
        // What an earlier step built and this `rm` deletes is no longer there for a later
        // `COPY --from` (the layers still hold it). In order: `rm -rf dist && npm run build`
        // keeps the new build.
        if !gone.is_empty() {
            st.artifacts
                .retain(|art| !gone.iter().any(|w| model::is_under(&art.path, w)));
        }
        let mut env = st.env.clone();
        if let Some(v) = &run.activated {
            env.insert("VIRTUAL_ENV".into(), v.clone());
        }
        env.extend(c.env.iter().cloned());
        let cx = Cx {
            doc,
            a,
            c,
            env: &env,
            sc: &sc,
        };
        if prints_version(c) {
            // `mvn -v`, `go version`: no build, whatever the tool.
            continue;
        }
        if let Some(version) = &sc.cpython {
            let prog = c.program().rsplit('/').next().unwrap_or("");
            let from_python_org =
                model::download(&c.argv).is_some_and(|(u, _)| u.contains("python.org/ftp/python/"));
            // Its download, unpacking, configure and make steps.
            if from_python_org || prog == "tar" || prog == "configure" || prog == "make" {
                run.modelled += 1;
                if prog == "make" && c.argv.iter().any(|w| w == "install" || w == "altinstall") {
                    let minor: Option<u32> = version.split('.').nth(1).and_then(|m| m.parse().ok());
                    let (f, measured) = facts::cpython_install(minor.unwrap_or(13));
                    run.total = add(run.total, f);
                    run.basis.push(format!(
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
                run.modelled += 1;
                run.activated = Some(join_path(&st.workdir, venv));
                continue;
            }
            if c.argv.get(1).is_some_and(|a| a.ends_with("nvm.sh")) {
                // Loads nvm's shell functions: writes nothing.
                run.modelled += 1;
                continue;
            }
        }
        if c.program() == "nvm" {
            match c.argv.get(1).map(String::as_str) {
                Some("install") => {
                    run.modelled += 1;
                    let (f, b) = nvm_install(c, &sc.cmds);
                    run.total = add(run.total, f);
                    run.basis.push(b);
                }
                // Switching versions, aliases, the cache and listings write a few bytes.
                Some(
                    "use" | "alias" | "unalias" | "cache" | "ls" | "list" | "current" | "which"
                    | "version" | "--version",
                ) => {
                    run.modelled += 1;
                }
                _ => run.unknown.push("nvm".into()),
            }
            continue;
        }
        if apt_command(c, &mut run.apt) {
            run.modelled += 1;
            continue;
        }
        if st.musl && apk_command(c, &mut run.apk) {
            run.modelled += 1;
            continue;
        }
        if let Some((with_pip, minor)) = venv_command(c) {
            run.modelled += 1;
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
            run.total = add(run.total, f);
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
            run.basis.push(what);
            continue;
        }
        if let Some(bound) = pip_install(c) {
            pip_step(&cx, st, &mut run, bound);
            continue;
        }
        if c.is("npm", &["prune"])
            && c.argv
                .iter()
                .any(|w| w == "--production" || w == "--omit=dev" || w == "--prod")
        {
            npm_prune_step(&cx, st, &mut run);
            continue;
        }
        if let Some(bound) = npm_install(c) {
            npm_install_step(&cx, st, &mut run, bound);
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
                run.total = rewrite_artifact(st, i, &file, f, "stripped", run.total);
                stripped.push(format!(
                    "strip {file}: {} without symbols ({what})",
                    fmt_bytes(f.bytes)
                ));
            }
            if !stripped.is_empty() {
                run.modelled += 1;
                run.basis.extend(stripped);
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
            run.modelled += 1;
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
                        run.total = add(run.total, f);
                        o.clone()
                    }
                    None => {
                        run.total = rewrite_artifact(st, i, &file, f, "packed with upx", run.total);
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
                run.modelled += 1;
                run.basis.extend(packed);
                continue;
            }
        }
        if c.is("go", &["mod", "download"]) || c.is("go", &["get"]) {
            go_mod_download_step(&cx, st, &mut run);
        } else if c.is("go", &["build"]) || c.is("go", &["install"]) {
            go_build_step(&cx, st, &mut run);
        } else if c.is("javac", &[]) {
            javac_step(&cx, st, &mut run);
        } else if c.is("jlink", &[]) && c.option(&["--output"]).is_some() {
            jlink_step(&cx, st, &mut run);
        } else if let Some(bound) = spring_boot_extract(c) {
            spring_boot_step(&cx, st, &mut run, bound);
        } else if c.is("dotnet", &["restore"]) {
            run.modelled += 1;
            let (f, b) = dependency_default(
                a,
                "NuGet packages in ~/.nuget/packages",
                facts::NUGET_PACKAGES,
            );
            run.total = add(run.total, f);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: "/root/.nuget/packages".into(),
                size: f,
                basis: b.clone(),
            });
            run.basis.push(b);
        } else if let Some(bound) = java_build(c) {
            java_build_step(&cx, st, &mut run, bound);
        } else if c.argv.get(1).is_some_and(|w| w.ends_with("manage.py"))
            && c.argv.get(2).is_some_and(|w| w == "collectstatic")
            && c.program()
                .rsplit('/')
                .next()
                .is_some_and(|p| p.starts_with("python"))
        {
            run.modelled += 1;
            let f = facts::DJANGO_COLLECTSTATIC;
            run.total = add(run.total, f);
            run.basis.push(format!(
                "collectstatic copies Django's admin static files {}, plus your app's own ({})",
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if let Some(step) = composer_setup(c, &sc.script) {
            // Composer's own installer (getcomposer.org): the script it downloads is
            // deleted or small; what stays is the phar it writes.
            run.modelled += 1;
            if step {
                let f = facts::COMPOSER_PHAR;
                run.total = add(run.total, f);
                run.basis.push(format!(
                    "Composer's phar, composer.phar: {} ({})",
                    fmt_bytes(f.bytes),
                    f.source
                ));
            }
        } else if frontend_build(c) && doc.node_app == NodeApp::Next {
            next_build_step(&cx, st, &mut run);
        } else if frontend_build(c) {
            run.modelled += 1;
            let (f, src) = assumed_artifact(a, facts::FRONTEND_BUILD);
            run.total = add(run.total, f);
            run.basis.push(format!(
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
        } else if let Some(bound) = rpm_install(c) {
            rpm_step(&cx, st, &mut run, bound);
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
                run.modelled += 1;
            } else {
                run.unknown
                    .push(format!("{} {}", c.program(), words.first().unwrap_or(&"")));
            }
        } else if let Some((tool, names)) = php_extensions(c) {
            run.modelled += 1;
            let (f, b, unknown) = php_extension_layer(tool, &names, &sc.cmds, st);
            run.total = add(run.total, f);
            run.basis.push(b);
            run.unknown_deps |= unknown;
        } else if c.is("corepack", &["enable"]) || c.is("corepack", &["disable"]) {
            // Links `yarn`/`pnpm` shims beside node: a few bytes.
            run.modelled += 1;
            run.basis
                .push("corepack: links the yarn and pnpm shims beside node (a few bytes)".into());
        } else if c.is("corepack", &["prepare"]) || c.is("corepack", &["install"]) {
            corepack_prepare_step(&cx, &mut run);
        } else if c.is("pecl", &[]) {
            // `pecl clear-cache`, `pecl update-channels`: bookkeeping.
            run.modelled += 1;
        } else if c.is("bundle", &["config"]) {
            // `bundle config set --local path vendor/bundle`: where later installs go.
            run.modelled += 1;
            let words: Vec<&str> = c.argv.iter().skip(2).map(String::as_str).collect();
            let mut it = words
                .iter()
                .filter(|w| !w.starts_with("--") && **w != "set");
            if let (Some(&"path"), Some(dir)) = (it.next(), it.next()) {
                st.bundle_path = Some(join_path(&st.workdir, dir.trim_matches(['\'', '"'])));
            }
        } else if c.is("bundle", &["install"]) {
            bundle_install_step(&cx, st, &mut run);
        } else if let Some(bound) = locales_compiled(c, &sc.cmds) {
            locales_step(st, &mut run, bound);
        } else if let Some(bound) = gem_install(c) {
            gem_install_step(&cx, st, &mut run, bound);
        } else if c.is("bootsnap", &["precompile"])
            || c.is("bundle", &["exec", "bootsnap", "precompile"])
        {
            bootsnap_step(&cx, st, &mut run);
        } else if c.is("composer", &["install"])
            || c.is("composer", &["update"])
            || c.is("composer", &["require"])
        {
            composer_install_step(&cx, st, &mut run);
        } else if let Some(bound) = dotnet_publish(c) {
            dotnet_publish_step(&cx, st, &mut run, bound);
        } else if c.is("cargo", &["new"]) || c.is("cargo", &["init"]) {
            // A project skeleton (the dependency-caching pattern's dummy crate).
            run.modelled += 1;
            let k = facts::CARGO_NEW_PROJECT;
            run.total = add(run.total, k);
            run.basis.push(format!(
                "{}: a project skeleton {} ({})",
                c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" "),
                fmt_bytes(k.bytes),
                k.source
            ));
        } else if c.is("cargo", &["build"]) || c.is("cargo", &["install"]) {
            cargo_build_step(&cx, st, &mut run);
        } else if (c.is("cmake", &[]) && !c.argv.iter().any(|w| w == "--build"))
            || c.is("meson", &["setup"])
        {
            // Configures the build: Makefiles and a cache, a few kilobytes.
            run.modelled += 1;
            run.basis.push(format!(
                "{}: configures the build (build files only)",
                c.program()
            ));
        } else if matches!(
            c.program().rsplit('/').next().unwrap_or(""),
            "make" | "cmake" | "ninja" | "meson" | "gmake"
        ) && !c.argv.iter().any(|w| w == "install")
        {
            // Compiles into the source tree; a later COPY --from sizes what it takes.
            run.modelled += 1;
            // `text` is the whole Dockerfile: `-static` anywhere (LDFLAGS) links statically;
            // a C++ compiler or C++ sources anywhere make it a C++ program.
            let cxx = cxx_project(&doc.lower);
            let f = c_program(text.contains("-static"), st.musl, cxx);
            st.native_program = Some((f, c_program(true, st.musl, cxx), cxx));
            run.total = add(run.total, f);
            run.basis.push(format!(
                "{}: a program, {} by default ({}); object files not counted",
                c.program(),
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if is_c_compiler(c.program())
            && !c.argv.iter().any(|w| w == "-c" || w == "--version")
        {
            compile_step(&cx, st, &mut run);
        } else if let Some(copies) = copies_of_artifacts(c, &st.artifacts, &st.workdir, &env) {
            // `cp target/release/app /bin/server`: what an earlier step built, now also
            // (cp) or instead (mv) at the destination, for a later `COPY --from` to take.
            run.modelled += 1;
            let is_cp = c.is("cp", &[]);
            for (dest, art) in copies {
                if is_cp {
                    run.total = add(run.total, art.size);
                }
                run.basis.push(format!(
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
            run.modelled += 1;
            let mut dup = fact(0, 0, 0);
            let mut changed: Vec<String> = Vec::new();
            for p in &paths {
                let p = join_path(&st.workdir, &model::expand(p, &env));
                let under = |d: &str| model::is_under(d.trim_end_matches("/*"), &p);
                // What earlier COPY and RUN steps of this stage put there, each once.
                for art in st.artifacts.iter().take(sc.earlier_artifacts) {
                    if under(&art.path) && !changed.contains(&art.path) {
                        changed.push(art.path.clone());
                        dup = add(dup, art.size);
                    }
                }
            }
            if !changed.is_empty() {
                run.total = add(run.total, dup);
                run.basis.push(format!(
                    "`{} -R` writes what earlier steps put there ({}) into this layer again: +{} (`COPY --chown`/`--chmod` avoids it)",
                    c.program().rsplit('/').next().unwrap_or(""),
                    changed.join(", "),
                    fmt_bytes(dup.bytes)
                ));
            }
        } else if let Some(bound) = installer_script(c) {
            installer_step(&cx, st, &mut run, bound);
        } else if run.script_here && runs_piped_script(c) {
            // The shell or Python that runs the downloaded installer, once.
            run.script_here = false;
            run.modelled += 1;
        } else if signing_key_download(c) {
            // A repository's signing key (`curl …/pubkey.gpg | apt-key add -`): a few KB.
            run.modelled += 1;
        } else if let Some(d) = toolchain_download(c) {
            run.modelled += 1;
            run.downloads.push(d);
        } else if let Some(bound) = model::tar_extract(&c.argv) {
            tar_step(&cx, st, &mut run, bound);
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
            run.unknown
                .push("apk on Wolfi (its packages are not in the tables)".to_string());
        } else {
            run.unknown.push(c.program().to_string());
        }
    }
    // A toolchain downloaded and not unpacked: the layer holds an archive of unknown size.
    for d in run.downloads.iter().filter(|d| !d.used) {
        run.modelled = run.modelled.saturating_sub(1);
        run.unknown.push(d.program.clone());
    }
    // A cache mount on the lists or apk's cache keeps them out of the layer (Docker's
    // `docker init` templates mount /var/cache/apk; its apt example /var/lib/apt).
    if sc.cache_mounted("/var/lib/apt") {
        run.apt.lists_mounted = true;
    }
    if sc.cache_mounted("/var/cache/apk") {
        run.apk.cache_removed = true;
    }
    // Yarn's apt repository: its `yarn` package holds Yarn 1 as the npm package has it.
    st.yarn_repo |= sc.script.contains("dl.yarnpkg.com/debian");
    if st.yarn_repo && run.apt.installs_any(|p| p == "yarn") {
        // Yarn's package recommends nodejs: with recommends on, apt installs one too — the
        // distribution's, unless NodeSource's repository is there.
        for (ps, recommends) in run.apt.installs.iter_mut() {
            if *recommends && ps.iter().any(|p| p == "yarn") && !ps.iter().any(|p| p == "nodejs") {
                ps.push("nodejs".to_string());
            }
        }
        run.apt.take_out(|p| p == "yarn");
        let inst = sizes::npm::install(&["yarn".to_string()], &Default::default());
        if inst.installed > 0 {
            run.total = add(
                run.total,
                fact(
                    inst.installed,
                    inst.installed * 9 / 10,
                    inst.installed * 11 / 10,
                ),
            );
            run.basis.push(format!(
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
        if run.apt.installs_any(asks) {
            match line.major().and_then(|m| sizes::dist::newest_of_major("Node.js", Some(m))) {
                Some((f, b)) => {
                    run.apt.take_out(|p| asks(p) || p == "npm");
                    run.total = add(run.total, f);
                    run.basis.push(format!(
                        "nodejs from NodeSource ({}): the official build with npm, as packaged (“The NodeSource nodejs package contains both the node binary and npm”): {b}",
                        match line {
                            NodeLine::Major(m) => format!("Node.js {m}"),
                            NodeLine::Lts => "its LTS line".to_string(),
                            NodeLine::Current => "its current line".to_string(),
                        }
                    ));
                }
                None => run.basis.push(
                    "nodejs from NodeSource: a Node.js major the release table lacks, priced as the distribution's nodejs".to_string(),
                ),
            }
        }
    }
    if run.apt.touched() {
        let (f, b) = apt_layer(&run.apt, st);
        run.total = add(run.total, f);
        run.basis.insert(0, b);
    }
    if run.apk.touched() {
        let debian = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
        let (f, b, known) = apk_layer(
            &run.apk,
            st.alpine.as_deref(),
            &mut st.apk,
            &mut st.apk_index,
            debian,
        );
        run.total = add(run.total, f);
        run.basis.insert(0, b);
        // Packages missing from the Alpine table are as unknown as the app's dependencies.
        run.unknown_deps |= !known;
        run.apk_unknown = !known;
    }
    // `if …; then A; else B; fi` and `case` arms run one branch; the estimate adds them all.
    let words: Vec<&str> = sc.script.split_whitespace().collect();
    if run.total.bytes > 0
        && words
            .iter()
            .any(|w| matches!(*w, "else" | "elif" | "esac" | "else;"))
    {
        run.basis.push(
            "every branch of its if/case is counted, though one runs: an upper bound".to_string(),
        );
    }
    let mut l = layer(ins, text, LayerKind::Run, run.total, String::new());
    if run.apk_unknown {
        // None of the packages is in the table: what the layer holds is unknown, whatever
        // its index cache adds.
        l.estimated = false;
    }
    if run.unknown_deps && run.total.bytes == 0 {
        // Only what Slimfile cannot size (dependencies it cannot see, packages its
        // tables lack): unknown, not zero.
        l.estimated = false;
    }
    if !run.unknown.is_empty() && st.workdir != "/" {
        // What it wrote in its working directory is unknown to a later COPY --from too.
        st.unknown_outputs
            .push((st.workdir.clone(), ins.start_line, run.unknown[0].clone()));
    }
    if !run.unknown.is_empty() && run.modelled == 0 {
        run.unknown.dedup();
        l.estimated = false;
        l.basis = format!(
            "`{}`: not modelled yet, size unknown",
            run.unknown.join("`, `")
        );
    } else {
        if !run.unknown.is_empty() {
            run.unknown.dedup();
            l.partial = true;
            run.basis.push(format!(
                "`{}` not modelled, not counted",
                run.unknown.join("`, `")
            ));
        }
        l.basis = if run.basis.is_empty() {
            "no files of note".into()
        } else {
            run.basis.join("; ")
        };
    }
    l
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
pub(super) fn reads_or_deletes(c: &model::Command) -> bool {
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
pub(super) fn xargs_program(c: &model::Command) -> Option<(&str, Option<&str>)> {
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
