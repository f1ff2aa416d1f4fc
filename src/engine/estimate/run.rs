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
    // A cache mount whose target path contains `needle` (`target=/root/.cache/pip`).
    let cache_mounted = |needle: &str| {
        mounts.iter().any(|m| {
            m.iter().any(|&(k, v)| k == "type" && v == "cache")
                && m.iter().any(|&(k, v)| {
                    matches!(k, "target" | "dst" | "destination") && v.contains(needle)
                })
        })
    };
    // A cache the same RUN deletes (`rm -rf /root/.cache/pip`, `rm -rf ~/.npm`) is not
    // left in the layer.
    // Relative and `$VAR` paths resolve as the shell would (WORKDIR, the stage's ENV).
    // Each command's `rm` paths, read once.
    let rm_paths: Vec<Vec<String>> = cmds
        .iter()
        .map(|o| rm_targets(o, &st.workdir, &st.env))
        .collect();
    let removed = |path: &str| rm_paths.iter().flatten().any(|w| model::is_under(path, w));
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
    let earlier_artifacts = st.artifacts.len();
    let mut total = fact(0, 0, 0);
    let mut basis: Vec<String> = Vec::new();
    let mut modelled = 0usize;
    let mut unknown: Vec<String> = Vec::new();
    let mut go_cache_counted = false;
    let mut apt = AptStep {
        showmanual: script.contains("apt-mark showmanual"),
        ldd: cmds.iter().any(|c| c.argv.iter().any(|w| w == "ldd")),
        ..Default::default()
    };
    let mut apk = ApkStep::default();
    let mut apk_unknown = false;
    // The locale archive this RUN wrote, and where its basis is: written once per layer.
    let mut locale_here: Option<(Fact, usize)> = None;
    // The default node_modules (production, with devDependencies) this RUN installed with
    // its devDependencies: a prune can take them out.
    let mut dev_default_here: Option<(Fact, Fact)> = None;
    let mut unknown_deps = false;
    // A virtualenv `source …/bin/activate` switched on earlier in this RUN.
    let mut activated: Option<String> = None;
    // Toolchain releases downloaded in this RUN, each until a `tar` unpacks it.
    let mut downloads: Vec<Download> = Vec::new();
    // An installer script was downloaded in this RUN; the shell after it runs it.
    let mut script_here = false;
    // CPython built from python.org's release tarball and installed (docker-library/python).
    let cpython = cpython_source_build(&cmds, &st.env);
    for (c, gone) in cmds.iter().zip(&rm_paths) {
        // What an earlier step built and this `rm` deletes is no longer there for a later
        // `COPY --from` (the layers still hold it). In order: `rm -rf dist && npm run build`
        // keeps the new build.
        if !gone.is_empty() {
            st.artifacts
                .retain(|art| !gone.iter().any(|w| model::is_under(&art.path, w)));
        }
        let mut env = st.env.clone();
        if let Some(v) = &activated {
            env.insert("VIRTUAL_ENV".into(), v.clone());
        }
        env.extend(c.env.iter().cloned());
        // How pip, uv and Composer read a yes/no environment variable.
        let set = |k: &str| {
            env.get(k)
                .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
        };
        if prints_version(c) {
            // `mvn -v`, `go version`: no build, whatever the tool.
            continue;
        }
        if let Some(version) = &cpython {
            let prog = c.program().rsplit('/').next().unwrap_or("");
            let from_python_org =
                model::download(&c.argv).is_some_and(|(u, _)| u.contains("python.org/ftp/python/"));
            // Its download, unpacking, configure and make steps.
            if from_python_org || prog == "tar" || prog == "configure" || prog == "make" {
                modelled += 1;
                if prog == "make" && c.argv.iter().any(|w| w == "install" || w == "altinstall") {
                    let minor: Option<u32> = version.split('.').nth(1).and_then(|m| m.parse().ok());
                    let (f, measured) = facts::cpython_install(minor.unwrap_or(13));
                    total = add(total, f);
                    basis.push(format!(
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
                modelled += 1;
                activated = Some(join_path(&st.workdir, venv));
                continue;
            }
            if c.argv.get(1).is_some_and(|a| a.ends_with("nvm.sh")) {
                // Loads nvm's shell functions: writes nothing.
                modelled += 1;
                continue;
            }
        }
        if c.program() == "nvm" {
            match c.argv.get(1).map(String::as_str) {
                Some("install") => {
                    modelled += 1;
                    let (f, b) = nvm_install(c, &cmds);
                    total = add(total, f);
                    basis.push(b);
                }
                // Switching versions, aliases, the cache and listings write a few bytes.
                Some(
                    "use" | "alias" | "unalias" | "cache" | "ls" | "list" | "current" | "which"
                    | "version" | "--version",
                ) => {
                    modelled += 1;
                }
                _ => unknown.push("nvm".into()),
            }
            continue;
        }
        if apt_command(c, &mut apt) {
            modelled += 1;
            continue;
        }
        if st.musl && apk_command(c, &mut apk) {
            modelled += 1;
            continue;
        }
        if let Some((with_pip, minor)) = venv_command(c) {
            modelled += 1;
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
            total = add(total, f);
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
            basis.push(what);
            continue;
        }
        if let Some(PipInstall {
            reqs,
            files,
            no_cache,
            installer,
            lock,
        }) = pip_install(c)
        {
            modelled += 1;
            let no_cache = no_cache || removed("/root/.cache/pip") || set("PIP_NO_CACHE_DIR");
            let inst = sizes::pip::install(&reqs, &st.pip, a.as_of.as_deref());
            st.pip.extend(inst.packages.iter().copied());
            let uv = installer == PyInstaller::Uv;
            // Poetry's installer compiles nothing unless --compile since 1.4 (2023-02).
            let poetry_quiet = installer == PyInstaller::Poetry
                && !c.argv.iter().any(|w| w == "--compile")
                && a.as_of.as_deref().is_none_or(|d| d >= "2023-03");
            let no_pyc = if uv {
                let asked = c
                    .argv
                    .iter()
                    .any(|w| w == "--compile-bytecode" || w == "--compile")
                    || set("UV_COMPILE_BYTECODE");
                (!asked).then_some("uv compiles no bytecode unless asked: --compile-bytecode or UV_COMPILE_BYTECODE=1")
            } else if poetry_quiet {
                Some("Poetry's installer compiles no bytecode unless --compile, since Poetry 1.4")
            } else {
                c.argv
                    .iter()
                    .any(|w| w == "--no-compile")
                    .then_some("--no-compile")
            };
            let (mut f, installed) = pip_installed(&inst, st.python_minor, no_pyc);
            // Only requirement files or a project, no names: their clauses say it all.
            let unnamed = lock.is_none()
                && inst.packages.is_empty()
                && (!files.is_empty() || !inst.unknown.is_empty());
            let mut what = if let Some(l) = lock {
                format!(
                    "{} from {l}",
                    c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
                )
            } else if unnamed {
                String::new()
            } else {
                format!(
                    "pip: {} package(s){} — {installed}",
                    inst.packages.len(),
                    if inst.packages.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ": {}",
                            inst.packages
                                .iter()
                                .take(6)
                                .copied()
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                )
            };
            // `uv sync` installs into the project's .venv (or UV_PROJECT_ENVIRONMENT).
            let dest = if c.is("uv", &["sync"]) {
                let d = env
                    .get("UV_PROJECT_ENVIRONMENT")
                    .filter(|v| !v.is_empty())
                    .map_or(".venv", String::as_str);
                join_path(&st.workdir, d)
            } else {
                pip_destination(c, &env)
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: dest,
                size: f,
                basis: "Python packages installed in this stage".into(),
            });
            // uv's cache, when it stays in this layer.
            let uv_dir = c
                .argv
                .windows(2)
                .find(|w| w[0] == "--cache-dir")
                .map(|w| w[1].clone())
                .or_else(|| env.get("UV_CACHE_DIR").cloned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "/root/.cache/uv".to_string());
            let uv_cache = uv
                && !c.argv.iter().any(|w| w == "--no-cache" || w == "-n")
                && !set("UV_NO_CACHE")
                && !removed(&uv_dir)
                && !cmds.iter().any(|o| o.is("uv", &["cache", "clean"]))
                && !cache_mounted(uv_dir.trim_start_matches("/root/"));
            // With copies instead of hard links the cache keeps a second copy of the files.
            let uv_copies = c
                .argv
                .windows(2)
                .any(|w| w[0] == "--link-mode" && w[1] == "copy")
                || c.argv.iter().any(|w| w == "--link-mode=copy")
                || env.get("UV_LINK_MODE").is_some_and(|v| v == "copy");
            if uv {
                if uv_cache && !inst.packages.is_empty() {
                    let k = facts::UV_CACHE_PER_PACKAGE;
                    let c = times(k, inst.packages.len() as u64);
                    f = add(f, c);
                    what.push_str(&format!(
                        "; uv's cache keeps the package indexes{}: +{} ({})",
                        if uv_copies {
                            ""
                        } else {
                            " (its unpacked files are hard links to the installed ones)"
                        },
                        fmt_bytes(c.bytes),
                        k.source
                    ));
                    if uv_copies {
                        let u = inst.unpacked;
                        f = add(f, fact(u, u, u));
                        what.push_str(&format!(
                            "; with --link-mode copy it keeps its own copy of the files too: +{}",
                            fmt_bytes(u)
                        ));
                    }
                }
            } else if !no_cache && !cache_mounted(".cache/pip") && inst.wheels > 0 {
                f = add(f, fact(inst.wheels, inst.wheels, inst.wheels * 2));
                what.push_str(&format!(
                    "; pip cache keeps the wheels: +{}",
                    fmt_bytes(inst.wheels)
                ));
            }
            // `pip install .` / `-e .`: a local project, installed with its dependencies.
            let is_project = |x: &str| {
                lock.is_none()
                    && (x == "." || x.starts_with("./") || x.starts_with('/'))
                    && !x.ends_with(".whl")
                    && !c
                        .argv
                        .windows(2)
                        .any(|p| p[1] == x && matches!(p[0].as_str(), "-r" | "--requirement"))
            };
            let project = files.iter().any(|x| is_project(x));
            if !files.is_empty() || !inst.unknown.is_empty() {
                let named: Vec<String> =
                    files
                        .iter()
                        .map(|x| {
                            if lock.is_some() {
                                x.clone()
                            } else if is_project(x) {
                                format!("the project {x} and its dependencies")
                            } else if c.argv.windows(2).any(|p| {
                                p[1] == *x && matches!(p[0].as_str(), "-r" | "--requirement")
                            }) {
                                format!("-r {x}")
                            } else {
                                x.clone()
                            }
                        })
                        .chain(inst.unknown.iter().cloned())
                        .collect();
                // Poetry keeps its virtualenv under its cache dir: deleting that in the same
                // RUN deletes the installed packages with it.
                let venv_removed = c
                    .is("poetry", &["install"])
                    .then(|| poetry_venv_dir(&env))
                    .flatten()
                    .filter(|d| removed(d));
                match a.dependencies_bytes {
                    _ if venv_removed.is_some() => {
                        what.push_str(&format!(
                            "; Poetry's virtualenv is in {}, which this RUN deletes: the packages go with it (set POETRY_VIRTUALENVS_CREATE=false or POETRY_VIRTUALENVS_IN_PROJECT=true to keep them)",
                            venv_removed.unwrap_or_default()
                        ));
                    }
                    Some(b) => {
                        f = add(f, fact(b, b, b));
                        what.push_str(&format!(
                            "; {}: {} {YOUR_ASSUMPTION}",
                            named.join(" "),
                            fmt_bytes(b)
                        ));
                    }
                    None if !st.pip_default
                        && (c.argv.iter().any(|w| w == "-r" || w == "--requirement")
                            || project
                            || lockfile_install(c).is_some()) =>
                    {
                        st.pip_default = true;
                        // A requirements file Slimfile cannot see: a typical app's, stated
                        // as a default the user can replace.
                        let (d, wheels, starter) = pip_defaults(&doc.lower);
                        // The starters were measured with pip, .pyc included: an installer
                        // that compiles none takes their files' share.
                        let of = |names: &[&str]| {
                            sizes::pip::install(
                                &names.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                                &Default::default(),
                                None,
                            )
                        };
                        let share = |s: &sizes::pip::Install| {
                            (s.unpacked * 1000)
                                .checked_div(s.unpacked + s.pyc)
                                .unwrap_or(1000)
                        };
                        let s = of(starter);
                        let files_share = share(&s);
                        // The range runs from the Flask starter to the Django one.
                        let d = match no_pyc {
                            Some(_) => Fact {
                                source: d.source,
                                ..scaled(
                                    d,
                                    fact(
                                        files_share,
                                        share(&of(&["flask", "gunicorn"])),
                                        share(&of(&["django", "gunicorn", "psycopg2-binary"])),
                                    ),
                                )
                            },
                            None => d,
                        };
                        // uv, Poetry and PDM install the dev group too, when there is one:
                        // most projects have none, so it only widens the range.
                        let dev = installs_dev_group(c, &env).then_some(facts::PY_DEV_GROUP);
                        let d = Fact {
                            low: d.low.min(d.bytes),
                            high: d.high.max(d.bytes) + dev.map_or(0, |g| g.high),
                            ..d
                        };
                        note_default(|x| &mut x.dependencies, d.bytes);
                        f = add(f, d);
                        if let Some(art) = st.artifacts.last_mut() {
                            art.size = add(art.size, d);
                        }
                        what.push_str(&format!(
                            "; {}: {} by default, range {}–{} ({}{}; {DEPS_HINT}){}{}",
                            named.join(" "),
                            fmt_bytes(d.bytes),
                            fmt_bytes(d.low),
                            fmt_bytes(d.high),
                            d.source,
                            match no_pyc {
                                Some(_) => format!(
                                    ", without its .pyc: ×{} (its wheels' files against files and .pyc, data/pip/wheels.tsv)",
                                    decimal(files_share, 1000, 2)
                                ),
                                None => String::new(),
                            },
                            match dev {
                                Some(g) => format!(
                                    "; the range's top adds a dev group, which {} installs unless told not to, up to {} ({})",
                                    c.argv.first().map_or("it", String::as_str),
                                    fmt_bytes(g.high),
                                    g.source
                                ),
                                None => String::new(),
                            },
                            if inst.unknown.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    "; not in the PyPI table, counted in that default: {}",
                                    inst.unknown.join(" ")
                                )
                            }
                        ));
                        // pip's own cache, or uv's; Poetry keeps its own in a form not
                        // measured here.
                        if uv_cache {
                            let k = facts::UV_CACHE_PER_PACKAGE;
                            let n = s.packages.len() as u64;
                            let c = times(k, n);
                            f = add(f, c);
                            what.push_str(&format!(
                                "; uv's cache keeps the package indexes of the starter's {n} packages: +{} ({})",
                                fmt_bytes(c.bytes),
                                k.source
                            ));
                        } else if !uv && lock.is_none() && !no_cache && !cache_mounted(".cache/pip")
                        {
                            let w = wheels;
                            f = add(f, w);
                            what.push_str(&format!(
                                "; pip cache keeps their wheels: +{} ({})",
                                fmt_bytes(w.bytes),
                                w.source
                            ));
                        }
                    }
                    // The same lock file again (deps first, then the project): its
                    // dependencies are in the earlier layer; this one adds the project.
                    None if lock.is_some() && st.pip_default => {
                        what.push_str(&format!(
                            "; {}: its dependencies were counted in an earlier step (the default there), this one adds the project itself",
                            named.join(" ")
                        ));
                    }
                    None => {
                        unknown_deps = true;
                        DEFAULTS.with(|d| d.borrow_mut().dependencies_unknown = true);
                        what.push_str(&format!("; {}: {UNKNOWN_DEPS}", named.join(" ")));
                        st.unknown_paths.push(pip_destination(c, &env));
                    }
                }
            }
            total = add(total, f);
            basis.push(if unnamed {
                let prog = if uv { "uv pip install" } else { "pip install" };
                format!("{prog} {}", what.trim_start_matches("; "))
            } else {
                what
            });
            continue;
        }
        if c.is("npm", &["prune"])
            && c.argv
                .iter()
                .any(|w| w == "--production" || w == "--omit=dev" || w == "--prod")
        {
            // devDependencies go: in this RUN, the default's dev part never lands; for a
            // later COPY --from, node_modules is the production tree.
            modelled += 1;
            // The default this RUN installed, else one an earlier step may have (npm's or
            // yarn 1's).
            let app = doc.node_app;
            let pairs = match dev_default_here {
                Some(p) => vec![p],
                None => vec![app.node_modules(false), app.node_modules(true)],
            };
            let (prod, dev) = pairs[0];
            if dev_default_here.is_some() {
                total = fact(
                    total.bytes.saturating_sub(dev.bytes - prod.bytes),
                    total.low.saturating_sub(dev.low.saturating_sub(prod.low)),
                    total.high.saturating_sub(dev.high - prod.high),
                );
                basis.push(format!(
                    "npm prune: production tree only, {}",
                    fmt_bytes(prod.bytes)
                ));
            } else {
                basis.push("npm prune: the earlier layer keeps the devDependencies".into());
            }
            if let Some((art, prod)) = st.artifacts.iter_mut().rev().find_map(|x| {
                let (prod, _) = pairs.iter().find(|(_, dev)| x.size.bytes == dev.bytes)?;
                x.path.ends_with("/node_modules").then_some((x, *prod))
            }) {
                art.size = prod;
            }
            continue;
        }
        if let Some((specs, global, omit_dev)) = npm_install(c) {
            modelled += 1;
            let yarn = c.program().ends_with("yarn");
            // Yarn 2+ reads the libc field and fetches this platform's packages only; yarn 1
            // installs every Linux build and caches every platform's.
            let berry = yarn && doc.yarn_berry;
            let cache_cleaned = removed("/root/.npm")
                || cmds
                    .iter()
                    .any(|o| o.is("npm", &["cache", "clean"]) || o.is("yarn", &["cache", "clean"]));
            let mut f;
            let mut what;
            if specs.is_empty() {
                // NODE_ENV=production makes npm, yarn and pnpm leave devDependencies out.
                let omit_dev = omit_dev
                    || env
                        .get("NODE_ENV")
                        .is_some_and(|v| v.trim_matches('"') == "production");
                let dev = if omit_dev {
                    " without devDependencies"
                } else {
                    " with its devDependencies"
                };
                // package.json is the user's: a typical app's node_modules, stated as a
                // default the user can replace.
                let (prod, with_dev) = doc.node_app.node_modules(yarn && !berry);
                let d = if omit_dev { prod } else { with_dev };
                if !omit_dev && a.dependencies_bytes.is_none() {
                    dev_default_here = Some((prod, with_dev));
                }
                (f, what) =
                    dependency_default(a, &format!("node_modules from package.json{dev}"), d);
            } else {
                let inst = sizes::npm::install(&specs, &st.npm);
                st.npm.extend(inst.packages.iter().copied());
                f = fact(
                    inst.installed,
                    inst.installed * 9 / 10,
                    inst.installed * 12 / 10,
                );
                what = format!(
                    "npm: {} package(s){} {}{}",
                    inst.packages.len(),
                    if global { " installed globally" } else { "" },
                    fmt_bytes(inst.installed),
                    if inst.unknown.is_empty() {
                        String::new()
                    } else {
                        format!("; not in the npm table: {}", inst.unknown.join(" "))
                    }
                );
                if !inst.unknown.is_empty() {
                    match a.dependencies_bytes {
                        Some(b) => {
                            f = add(f, fact(b, b, b));
                            what.push_str(&format!(" (+{}: your assumption)", fmt_bytes(b)));
                        }
                        None => {
                            unknown_deps = true;
                            DEFAULTS.with(|d| d.borrow_mut().dependencies_unknown = true);
                            what.push_str(&format!(" ({UNKNOWN_DEPS})"));
                        }
                    }
                }
            }
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: if global {
                    "/usr/local/lib/node_modules".to_string()
                } else {
                    join_path(&st.workdir, "node_modules")
                },
                size: f,
                basis: "node_modules installed in this stage".into(),
            });
            if f.bytes > 0 && !cache_cleaned && !cache_mounted(".npm") && !cache_mounted("yarn") {
                // pnpm's store hard-links into node_modules: only its index and the files
                // not linked add to the layer. npm's and yarn's caches are copies.
                let (k, per_mille, label) = if c.program().ends_with("pnpm") {
                    let k = facts::PNPM_STORE_EXTRA_PER_INSTALLED;
                    (k, k.bytes, "pnpm store beyond its hard links")
                } else {
                    let k = facts::NPM_CACHE_PER_INSTALLED;
                    let label = if yarn {
                        "yarn cache kept"
                    } else {
                        "npm cache kept in ~/.npm"
                    };
                    (k, facts::npm_cache_per_installed(f.bytes), label)
                };
                let yarn_default =
                    (yarn && !berry && specs.is_empty() && a.dependencies_bytes.is_none())
                        .then(|| doc.node_app.yarn_cache(a.as_of.as_deref()));
                let (c, source) = match yarn_default {
                    // yarn 1 caches the whole lock file: the measured cache of that kind of app.
                    Some(y) => (y, y.source),
                    // Berry: a zip of each package, this platform's only.
                    None if berry => {
                        let k = facts::YARN_BERRY_CACHE_PER_INSTALLED;
                        (scaled(f, k), k.source)
                    }
                    None => (
                        fact(
                            f.bytes * per_mille / 1000,
                            f.low * k.low / 1000,
                            f.high * k.high / 1000,
                        ),
                        k.source,
                    ),
                };
                what.push_str(&format!("; {label}: +{} ({source})", fmt_bytes(c.bytes)));
                f = add(f, c);
            }
            total = add(total, f);
            basis.push(what);
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
                total = rewrite_artifact(st, i, &file, f, "stripped", total);
                stripped.push(format!(
                    "strip {file}: {} without symbols ({what})",
                    fmt_bytes(f.bytes)
                ));
            }
            if !stripped.is_empty() {
                modelled += 1;
                basis.extend(stripped);
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
            modelled += 1;
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
                        total = add(total, f);
                        o.clone()
                    }
                    None => {
                        total = rewrite_artifact(st, i, &file, f, "packed with upx", total);
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
                modelled += 1;
                basis.extend(packed);
                continue;
            }
        }
        if c.is("go", &["mod", "download"]) || c.is("go", &["get"]) {
            modelled += 1;
            // GOPATH-era `go get importpath` also built and installed the command into
            // $GOPATH/bin (until Go 1.18): a later COPY --from may take it.
            if let Some(bin) = c.is("go", &["get"]).then(|| go_bin_path(c, &env)).flatten() {
                let old_go = st.go_version.is_some_and(|v| v < (1, 18));
                let f = facts::GO_BINARY;
                if old_go {
                    total = add(total, f);
                    basis.push(format!(
                        "go get builds {bin}: Go binary {} ({})",
                        fmt_bytes(f.bytes),
                        f.source
                    ));
                }
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: bin,
                    size: f,
                    basis: format!("Go binary built by go get ({})", f.source),
                });
            }
            let has_sum = go_sum_copied(&st.copied);
            if has_sum && !cache_mounted("/go/pkg/mod") {
                let (f, b) = go_module_cache(st, a, "Go module cache for go.sum");
                total = add(total, f);
                basis.push(b);
            } else if !has_sum {
                basis.push(
                    "go mod download: no go.sum copied, so no third-party modules (0 B)".into(),
                );
            } else {
                basis.push("module cache in a cache mount: not in the image".into());
            }
        } else if c.is("go", &["build"]) || c.is("go", &["install"]) {
            modelled += 1;
            let ldflags = c.option(&["-ldflags"]).unwrap_or("");
            let stripped = ldflags.contains("-s") && ldflags.contains("-w");
            // go.sum copied: the program has third-party modules, so the starters' figures.
            let with_modules = go_sum_copied(&st.copied);
            let out = if c.is("go", &["install"]) {
                go_bin_path(c, &env).unwrap_or_else(|| "/go/bin/app".to_string())
            } else {
                c.option(&["-o"])
                    .map(|o| join_path(&st.workdir, &model::expand(o, &env)))
                    .unwrap_or_else(|| join_path(&st.workdir, &go_build_name(c)))
            };
            // A program named hello (`go build hello.go`, `-o /bin/hello`) with no
            // third-party modules is taken at its word: a hello world.
            let hello = !with_modules
                && std::iter::once(out.as_str())
                    .chain(
                        c.argv
                            .iter()
                            .skip(2)
                            .map(String::as_str)
                            .filter(|w| w.ends_with(".go")),
                    )
                    .any(|w| {
                        let name = w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase();
                        let stem = name.strip_suffix(".go").unwrap_or(&name);
                        matches!(stem, "hello" | "helloworld" | "hello-world" | "hello_world")
                    });
            let (mut f, src) = assumed_artifact(
                a,
                if with_modules {
                    facts::GO_STARTER_BINARY
                } else if hello {
                    facts::go_hello_binary(st.go_version)
                } else {
                    facts::GO_BINARY
                },
            );
            if stripped && a.artifact_bytes.is_none() {
                // -s -w drops the symbol table and DWARF, as `strip` does; the hello world
                // was measured stripped too.
                let (num, den, _) = GO_STRIPPED;
                f = if hello {
                    fact(f.low, f.low, f.high * num / den)
                } else {
                    fact(f.bytes * num / den, f.low, f.high * num / den)
                };
            }
            total = add(total, f);
            basis.push(format!(
                "Go binary {}{} ({src})",
                fmt_bytes(f.bytes),
                if stripped {
                    ", stripped with -s -w"
                } else {
                    ""
                }
            ));
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("Go binary ({src})"),
            });
            // Without a `go mod download` before it, the build fetches go.sum's modules itself.
            let vendored = c.argv.iter().any(|w| w == "-mod=vendor")
                || env
                    .get("GOFLAGS")
                    .is_some_and(|v| v.contains("-mod=vendor"));
            let gopath_mode = env.get("GO111MODULE").is_some_and(|v| v == "off");
            if !st.go_modules
                && go_sum_copied(&st.copied)
                && !vendored
                && !gopath_mode
                && !cache_mounted("/go/pkg/mod")
                && !removed("/go/pkg/mod")
            {
                let (f, b) = go_module_cache(st, a, "go build downloads go.sum's modules");
                total = add(total, f);
                basis.push(b);
            }
            if !go_cache_counted
                && !cache_mounted("go-build")
                && !removed("/root/.cache/go-build")
                && !cmds
                    .iter()
                    .any(|o| o.is("go", &["clean"]) && o.argv.iter().any(|w| w == "-cache"))
            {
                go_cache_counted = true;
                let old_go = st
                    .go_version
                    .is_some_and(|(major, minor)| major == 1 && minor < 20);
                let cache = match (old_go, with_modules) {
                    (true, false) => facts::GO_BUILD_CACHE_PRE_1_20,
                    (true, true) => facts::GO_STARTER_BUILD_CACHE_PRE_1_20,
                    (false, false) => facts::GO_BUILD_CACHE,
                    (false, true) => facts::GO_STARTER_BUILD_CACHE,
                };
                total = add(total, cache);
                basis.push(format!(
                    "build cache /root/.cache/go-build {} ({})",
                    fmt_bytes(cache.bytes),
                    cache.source
                ));
            }
        } else if c.is("javac", &[]) {
            // Compiles each source into a class file beside it (or under `-d DIR`).
            modelled += 1;
            let dir = c
                .option(&["-d"])
                .map(|d| join_path(&st.workdir, &model::expand(d, &env)));
            let sources: Vec<&String> = c
                .argv
                .iter()
                .skip(1)
                .filter(|w| w.ends_with(".java"))
                .collect();
            let k = facts::JAVA_CLASS_FILE;
            let f = times(k, sources.len().max(1) as u64);
            total = add(total, f);
            basis.push(format!(
                "javac: {} class file(s), {} ({})",
                sources.len().max(1),
                fmt_bytes(f.bytes),
                k.source
            ));
            for src in &sources {
                let class = format!("{}.class", src.trim_end_matches(".java"));
                let path = match &dir {
                    Some(d) => join_path(d, class.rsplit('/').next().unwrap_or(&class)),
                    None => join_path(&st.workdir, &class),
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path,
                    size: k,
                    basis: format!("a class file javac wrote ({})", k.source),
                });
            }
            if let (Some(d), true) = (&dir, sources.is_empty()) {
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: d.clone(),
                    size: f,
                    basis: format!("class files javac wrote ({})", k.source),
                });
            }
        } else if c.is("jlink", &[]) && c.option(&["--output"]).is_some() {
            let out = c.option(&["--output"]).unwrap_or_default();
            let out = join_path(&st.workdir, &model::expand(out, &env));
            let requested: Vec<String> = c
                .option(&["--add-modules"])
                .map(|m| model::expand(m, &env))
                .unwrap_or_default()
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect();
            // `--compress=2` and `zip-1`…`zip-9` zip the modules; 0, 1 (string sharing) do not.
            let compress = c.option(&["--compress", "-c"]).unwrap_or("0");
            let zipped = compress == "2" || compress.strip_prefix("zip-").is_some_and(|n| n != "0");
            let stripped = c
                .argv
                .iter()
                .any(|w| w == "--strip-debug" || w == "-G" || w == "--strip-java-debug-attributes");
            let substituted = requested.iter().any(|m| m.contains('$') || m.contains('`'));
            // `--add-modules $(cat deps.info)` after `jdeps --print-module-deps`: the modules
            // are decided at build time; server apps' usual lists stand in.
            let rt = if substituted {
                sizes::jlink::decided_at_build_time(zipped)
            } else {
                sizes::jlink::runtime(&requested, zipped)
            };
            if requested.is_empty() || !rt.unknown.is_empty() && rt.modules <= 1 {
                unknown.push("jlink (modules not named)".to_string());
                st.unknown_paths.push(out);
            } else {
                modelled += 1;
                let mut f = rt.size;
                if !stripped {
                    // Measured with --strip-debug; without it the runtime only grows.
                    f.high = f.high.saturating_mul(2);
                }
                total = add(total, f);
                basis.push(format!(
                    "jlink runtime {} of {} module(s){}{}{}{} ({})",
                    fmt_bytes(f.bytes),
                    rt.modules,
                    if substituted {
                        format!(
                            " (the modules are decided at build time: a server app's usual set, range {}–{})",
                            fmt_bytes(f.low),
                            fmt_bytes(f.high)
                        )
                    } else {
                        String::new()
                    },
                    if zipped { ", compressed" } else { "" },
                    if stripped {
                        ""
                    } else {
                        "; without --strip-debug it is larger (not measured): high end doubled"
                    },
                    if rt.unknown.is_empty() {
                        String::new()
                    } else {
                        format!("; not in the table, not counted: {}", rt.unknown.join(", "))
                    },
                    f.source
                ));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: out,
                    size: f,
                    basis: format!("jlink runtime ({})", f.source),
                });
            }
        } else if let Some(x) = spring_boot_extract(c) {
            // Spring Boot's jar modes write the jar's contents out: its dependency jars
            // (stored uncompressed in it, nearly all of it), the launcher and the app's
            // classes, as files of about the jar's size.
            modelled += 1;
            let jar = join_path(&st.workdir, &x.jar);
            let built = st
                .artifacts
                .iter()
                .rev()
                .find(|art| artifact_matches(&art.path, &jar))
                .map(|art| (art.size, art.basis.clone()));
            let (f, what) = built.unwrap_or_else(|| {
                let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
                (f, format!("jar ({src})"))
            });
            total = add(total, f);
            let dest = join_path(&st.workdir, &x.destination);
            basis.push(format!(
                "{} extracts {} into {dest}: about the jar's size, {} ({what})",
                x.mode,
                x.jar,
                fmt_bytes(f.bytes)
            ));
            // Already a part of an output folder (`target/extracted` under `target/*`):
            // a later COPY takes its parts from that.
            let inside = st.artifacts.iter().any(|art| {
                art.path
                    .strip_suffix("/*")
                    .is_some_and(|d| dest.starts_with(&format!("{d}/")))
            });
            if !inside && !x.layers {
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: dest,
                    size: f,
                    basis: format!("the jar's contents ({what})"),
                });
            } else if !inside {
                for (k, layer_dir) in SPRING_BOOT_LAYERS.iter().enumerate() {
                    st.add_artifact(Artifact {
                        made_by: 0,
                        either: false,
                        path: join_path(&dest, layer_dir),
                        size: if k == 0 { f } else { fact(0, 0, 0) },
                        basis: if k == 0 {
                            format!("the jar's layers, counted here whole; {what}")
                        } else {
                            "a layer of the jar, counted whole with dependencies/".to_string()
                        },
                    });
                }
            }
        } else if c.is("dotnet", &["restore"]) {
            modelled += 1;
            let (f, b) = dependency_default(
                a,
                "NuGet packages in ~/.nuget/packages",
                facts::NUGET_PACKAGES,
            );
            total = add(total, f);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: "/root/.nuget/packages".into(),
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
        } else if let Some((tool, builds)) = java_build(c) {
            modelled += 1;
            let wrapper = c.program().ends_with("mvnw") || c.program().ends_with("gradlew");
            let (cache, home, dist) = if tool == "maven" {
                (
                    "Maven repository ~/.m2 (plugins and dependencies)",
                    "/root/.m2",
                    facts::MAVEN_WRAPPER_DIST,
                )
            } else {
                (
                    "Gradle caches ~/.gradle (plugins and dependencies; the same jars and POMs as a Maven repository)",
                    "/root/.gradle",
                    facts::GRADLE_WRAPPER_DIST,
                )
            };
            if !st.java_cache && !cache_mounted(if tool == "maven" { ".m2" } else { ".gradle" }) {
                st.java_cache = true;
                let (mut f, b) = dependency_default(a, cache, facts::MAVEN_REPOSITORY);
                basis.push(b.clone());
                if wrapper {
                    f = add(f, dist);
                    basis.push(format!(
                        "the wrapper's {} distribution in {home}/wrapper/dists {} ({})",
                        if tool == "maven" { "Maven" } else { "Gradle" },
                        fmt_bytes(dist.bytes),
                        dist.source
                    ));
                }
                total = add(total, f);
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: home.into(),
                    size: f,
                    basis: b,
                });
            }
            if let Some(native) = native_build(c) {
                // GraalVM's native-image: the executable is the program a later stage copies.
                let (f, src) = assumed_artifact(a, native.fact());
                total = add(total, f);
                let what = format!("{} native executable", native.name());
                basis.push(format!("{what} {} ({src})", fmt_bytes(f.bytes)));
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, native.dir(tool)),
                    size: f,
                    basis: format!("{what} ({src})"),
                });
            } else if builds {
                let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
                total = add(total, f);
                basis.push(format!("jar {} ({src})", fmt_bytes(f.bytes)));
                let dir = if tool == "maven" {
                    "target/*"
                } else {
                    "build/libs/*"
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, dir),
                    size: f,
                    basis: format!("jar ({src})"),
                });
            }
        } else if c.argv.get(1).is_some_and(|w| w.ends_with("manage.py"))
            && c.argv.get(2).is_some_and(|w| w == "collectstatic")
            && c.program()
                .rsplit('/')
                .next()
                .is_some_and(|p| p.starts_with("python"))
        {
            modelled += 1;
            let f = facts::DJANGO_COLLECTSTATIC;
            total = add(total, f);
            basis.push(format!(
                "collectstatic copies Django's admin static files {}, plus your app's own ({})",
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if let Some(step) = composer_setup(c, &script) {
            // Composer's own installer (getcomposer.org): the script it downloads is
            // deleted or small; what stays is the phar it writes.
            modelled += 1;
            if step {
                let f = facts::COMPOSER_PHAR;
                total = add(total, f);
                basis.push(format!(
                    "Composer's phar, composer.phar: {} ({})",
                    fmt_bytes(f.bytes),
                    f.source
                ));
            }
        } else if frontend_build(c) && doc.node_app == NodeApp::Next {
            modelled += 1;
            // Next.js writes .next/: the server bundles, the client's static files, its
            // build cache, and with `output: "standalone"` (which a Dockerfile copying
            // .next/standalone shows) the traced server. Each part is an artifact, so a
            // COPY of one part or of the whole folder takes what it names.
            let standalone = doc.lower.contains(".next/standalone");
            let mut parts = vec![
                ("static", facts::NEXT_STATIC),
                ("server", facts::NEXT_SERVER),
            ];
            // The build cache, unless the same RUN deletes it.
            if !removed(&join_path(&st.workdir, ".next/cache")) {
                parts.insert(1, ("cache", facts::NEXT_CACHE));
            }
            if standalone {
                parts.insert(0, ("standalone", facts::NEXT_STANDALONE));
            }
            let mut sum = fact(0, 0, 0);
            for (_, f) in &parts {
                sum = add(sum, *f);
            }
            let (f, src) = assumed_artifact(a, sum);
            let src = if a.artifact_bytes.is_some() {
                src
            } else {
                "measured: a minimal Next.js 16.5 App Router app's .next (data/MEASURED.md)"
            };
            total = add(total, f);
            basis.push(format!(
                "Next.js build output .next/ {} ({}; {src})",
                fmt_bytes(f.bytes),
                parts
                    .iter()
                    .map(|(n, p)| format!("{n} {}", fmt_bytes(p.bytes)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for (name, p) in parts {
                // The user's size stands for the whole folder: its parts share it.
                let size = match a.artifact_bytes {
                    Some(b) => {
                        let share = (b as u128 * p.bytes as u128 / sum.bytes.max(1) as u128) as u64;
                        fact(share, share, share)
                    }
                    None => p,
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: join_path(&st.workdir, &format!(".next/{name}")),
                    size,
                    basis: format!("Next.js .next/{name} ({})", p.source),
                });
            }
        } else if frontend_build(c) {
            modelled += 1;
            let (f, src) = assumed_artifact(a, facts::FRONTEND_BUILD);
            total = add(total, f);
            basis.push(format!(
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
        } else if let Some((tool, names)) = rpm_install(c) {
            modelled += 1;
            let present = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
            let ap = sizes::rpm::install(&names, present);
            let r = facts::RPM_PER_DEBIAN;
            total = add(total, per_mille(ap.bytes, r));
            let cleaned = cmds.iter().any(|o| {
                RPM_TOOLS.iter().any(|p| o.is(p, &["clean"]))
                    || o.is("rm", &[])
                        && o.argv.iter().any(|w| {
                            w.starts_with("/var/cache/dnf")
                                || w.starts_with("/var/cache/yum")
                                || w.starts_with("/var/cache/{")
                        })
            });
            basis.push(format!(
                "{tool}: approximation (low confidence) — {} package(s) priced as Debian bookworm's of the same name{} with dependencies ({} package(s), {} on a slim image) {} (no RPM repository is reachable to measure){}{}",
                ap.priced.len(),
                if ap.priced.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        ap.priced
                            .iter()
                            .map(|(r, d)| if r == d { r.clone() } else { format!("{r} as {d}") })
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                ap.packages,
                fmt_bytes(ap.bytes),
                ratio_text(r),
                if ap.unknown.is_empty() {
                    String::new()
                } else {
                    format!("; no equivalent (not counted): {}", ap.unknown.join(" "))
                },
                if cleaned {
                    ""
                } else {
                    "; its metadata cache stays in the image (not counted; `clean all` in the same RUN removes it)"
                }
            ));
            unknown_deps |= ap.priced.is_empty();
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
                modelled += 1;
            } else {
                unknown.push(format!("{} {}", c.program(), words.first().unwrap_or(&"")));
            }
        } else if let Some((tool, names)) = php_extensions(c) {
            modelled += 1;
            let (f, b, unknown) = php_extension_layer(tool, &names, &cmds, st);
            total = add(total, f);
            basis.push(b);
            unknown_deps |= unknown;
        } else if c.is("corepack", &["enable"]) || c.is("corepack", &["disable"]) {
            // Links `yarn`/`pnpm` shims beside node: a few bytes.
            modelled += 1;
            basis.push("corepack: links the yarn and pnpm shims beside node (a few bytes)".into());
        } else if c.is("corepack", &["prepare"]) || c.is("corepack", &["install"]) {
            // Downloads a package manager into ~/.cache/node/corepack.
            modelled += 1;
            let names: Vec<String> = c
                .argv
                .iter()
                .skip(2)
                .filter(|w| !w.starts_with('-'))
                .cloned()
                .collect();
            let names = if names.is_empty() {
                vec!["pnpm".to_string()]
            } else {
                names
            };
            let inst = sizes::npm::install(&names, &Default::default());
            total = add(
                total,
                fact(inst.installed, inst.installed, inst.installed * 3),
            );
            basis.push(format!(
                "corepack: {} into ~/.cache/node/corepack, {} (npm registry unpackedSize, data/npm){}",
                names.join(" "),
                fmt_bytes(inst.installed),
                if inst.unknown.is_empty() {
                    String::new()
                } else {
                    format!("; not in the npm table: {}", inst.unknown.join(" "))
                }
            ));
        } else if c.is("pecl", &[]) {
            // `pecl clear-cache`, `pecl update-channels`: bookkeeping.
            modelled += 1;
        } else if c.is("bundle", &["config"]) {
            // `bundle config set --local path vendor/bundle`: where later installs go.
            modelled += 1;
            let words: Vec<&str> = c.argv.iter().skip(2).map(String::as_str).collect();
            let mut it = words
                .iter()
                .filter(|w| !w.starts_with("--") && **w != "set");
            if let (Some(&"path"), Some(dir)) = (it.next(), it.next()) {
                st.bundle_path = Some(join_path(&st.workdir, dir.trim_matches(['\'', '"'])));
            }
        } else if c.is("bundle", &["install"]) {
            modelled += 1;
            // Groups left out: `--without`, a non-empty BUNDLE_WITHOUT, `bundle config … without`.
            let production = c.argv.iter().any(|w| w.starts_with("--without"))
                || st
                    .env
                    .get("BUNDLE_WITHOUT")
                    .is_some_and(|v| !model::expand(v, &st.env).trim().is_empty())
                || doc
                    .lower
                    .lines()
                    .any(|l| l.contains("bundle config") && l.contains("without"));
            let (f, b) = bundle_install(&doc.lower, production, &cmds, a);
            total = add(total, f);
            // Where bundler installs: --path, `bundle config path`, BUNDLE_PATH, vendor/bundle
            // in deployment mode, else GEM_HOME (the ruby images set it).
            let deployment = c.argv.iter().any(|w| w == "--deployment")
                || st
                    .env
                    .get("BUNDLE_DEPLOYMENT")
                    .is_some_and(|v| v == "1" || v == "true");
            let dir = c
                .option(&["--path"])
                .map(|p| join_path(&st.workdir, p))
                .or_else(|| st.bundle_path.clone())
                .or_else(|| Some(model::expand("$BUNDLE_PATH", &st.env)).filter(|d| !d.is_empty()))
                .or_else(|| deployment.then(|| join_path(&st.workdir, "vendor/bundle")))
                .or_else(|| Some(model::expand("$GEM_HOME", &st.env)).filter(|d| !d.is_empty()))
                .unwrap_or_else(|| "/usr/local/bundle".into());
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: join_path(&st.workdir, &dir),
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
        } else if let Some(names) = locales_compiled(c, &cmds) {
            // locale-gen/localedef rewrite glibc's locale archive whole: the layer holds
            // it once, with every locale compiled so far.
            modelled += 1;
            let before = st.locales.len();
            if !names.is_empty() {
                st.locales.remove("locale.gen");
            }
            st.locales.extend(names);
            if st.locales.is_empty() {
                // Whatever /etc/locale.gen lists: one, as the base's is all comments.
                st.locales.insert("locale.gen".into());
            }
            let more = st.locales.len() as u64 - 1;
            let f = add(
                facts::LOCALE_ARCHIVE,
                fact(
                    more.saturating_mul(facts::LOCALE_MORE.bytes),
                    more.saturating_mul(facts::LOCALE_MORE.low),
                    more.saturating_mul(facts::LOCALE_MORE.high),
                ),
            );
            let text = format!(
                "glibc's locale archive with {} locale(s){}: {} ({}; one locale {}–{}, each more {}–{})",
                st.locales.len(),
                if before > 0 && locale_here.is_none() {
                    ", written again whole"
                } else {
                    ""
                },
                fmt_bytes(f.bytes),
                facts::LOCALE_ARCHIVE.source,
                fmt_bytes(facts::LOCALE_ARCHIVE.low),
                fmt_bytes(facts::LOCALE_ARCHIVE.high),
                fmt_bytes(facts::LOCALE_MORE.low),
                fmt_bytes(facts::LOCALE_MORE.high),
            );
            // A second compile in the same RUN (`locale-gen && dpkg-reconfigure locales`)
            // leaves one archive: it replaces the first one's.
            if let Some((old, k)) = locale_here {
                total = replace(total, old, f);
                basis[k] = text;
                locale_here = Some((f, k));
            } else {
                total = add(total, f);
                locale_here = Some((f, basis.len()));
                basis.push(text);
            }
        } else if let Some(names) = gem_install(c) {
            // Each gem's files and the .gem `gem install` keeps in GEM_HOME/cache, as
            // Debian packages the gems (tests and docs dropped: a lower bound).
            let inst = sizes::gems::install(&names, &st.gems);
            if !inst.unknown.is_empty() {
                unknown.push(format!("gem install {}", inst.unknown.join(" ")));
            }
            if !inst.gems.is_empty() || inst.unknown.is_empty() {
                modelled += 1;
                st.gems.extend(inst.gems.iter().copied());
                // GEM_HOME (the ruby images set /usr/local/bundle), or `--install-dir`.
                let home = c
                    .option(&["-i", "--install-dir"])
                    .map(str::to_string)
                    .or_else(|| Some(model::expand("$GEM_HOME", &st.env)).filter(|d| !d.is_empty()))
                    .unwrap_or_else(|| "/usr/local/bundle".into());
                let home = join_path(&st.workdir, &home);
                // The .gem archives stay in GEM_HOME/cache unless this RUN deletes them.
                let cache_removed = removed(&format!("{home}/cache"));
                let cached = if cache_removed { 0 } else { inst.cached };
                let b = inst.files + cached;
                // A native gem from rubygems.org may vendor the libraries Debian's links.
                let libs: Vec<String> = inst.libs.iter().map(|l| l.to_string()).collect();
                let base;
                let present = match &st.apt {
                    Some(p) => p,
                    None => {
                        base = sizes::apt::base_set();
                        &base
                    }
                };
                let vendored = sizes::apt::install_in(st.apt_release, &libs, false, present).slim;
                let f = fact(b, b, b + vendored);
                total = add(total, f);
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path: home,
                    size: f,
                    basis: "gems gem install unpacked (data/ruby/gems.tsv)".into(),
                });
                basis.push(format!(
                    "gem install: {} gem(s) ({}{}) — files {}, {} (Debian bookworm's gem packages, data/ruby/gems.tsv, {}; tests and docs dropped there, so a lower bound{})",
                    inst.gems.len(),
                    inst.gems.iter().take(6).copied().collect::<Vec<_>>().join(", "),
                    if inst.gems.len() > 6 { ", …" } else { "" },
                    fmt_bytes(inst.files),
                    if cache_removed {
                        "their .gem archives deleted from the cache in this RUN".to_string()
                    } else {
                        format!("their .gem archives kept in the cache {}", fmt_bytes(inst.cached))
                    },
                    sizes::gems::table_date(),
                    if vendored > 0 {
                        format!(
                            "; up to {} more if a native gem vendors the libraries it links there",
                            fmt_bytes(vendored)
                        )
                    } else {
                        String::new()
                    },
                ));
            }
        } else if c.is("bootsnap", &["precompile"])
            || c.is("bundle", &["exec", "bootsnap", "precompile"])
        {
            // bootsnap's compile cache (tmp/cache/bootsnap unless --cache-dir): the gems'
            // (--gemfile) or the named folders' Ruby and YAML, compiled.
            modelled += 1;
            let r = facts::BOOTSNAP_PER_GEM_BYTE;
            let gemfile = c.argv.iter().any(|w| w == "--gemfile");
            let (of, what) = if gemfile {
                // The gem files the bundle holds, without bundler's .gem cache.
                let bundle = st
                    .artifacts
                    .iter()
                    .rev()
                    .find(|art| art.basis.starts_with(GEMFILE_GEMS))
                    .map(|art| {
                        // Your figure, or ours after the RUN deleted the .gem cache: the
                        // files as they are.
                        let files = if art.basis.contains(GEM_CACHE_DELETED)
                            || art.basis.contains(YOUR_ASSUMPTION)
                        {
                            art.size
                        } else {
                            let keep = 1000 - facts::GEM_CACHE_SHARE;
                            scaled(art.size, fact(keep, keep, keep))
                        };
                        (files, "the bundle's gem files")
                    });
                bundle.unwrap_or((facts::RUBY_APP_GEMS, "a Ruby app's gems (default)"))
            } else {
                // The named folders are part of what the stage copied from the context.
                let copied = st
                    .artifacts
                    .iter()
                    .rev()
                    .find(|art| art.basis.starts_with("build context"))
                    .map(|art| art.size);
                let f = copied.unwrap_or_else(|| assumed_context(a, facts::DEFAULT_CONTEXT).0);
                (
                    f,
                    "your code, at most the build context it copied (an upper bound)",
                )
            };
            let f = scaled(of, r);
            total = add(total, f);
            basis.push(format!(
                "bootsnap's compile cache of {what}: {}, {} {}",
                fmt_bytes(f.bytes),
                fmt_bytes(of.bytes),
                ratio_text(r)
            ));
            let dir = c
                .option(&["--cache-dir"])
                .map(str::to_string)
                .or_else(|| st.env.get("BOOTSNAP_CACHE_DIR").cloned())
                .unwrap_or_else(|| "tmp/cache".to_string());
            let path = join_path(
                &st.workdir,
                &format!("{}/bootsnap", dir.trim_end_matches('/')),
            );
            // One cache folder: a second precompile (`app/ lib/` after `--gemfile`) adds to it.
            let before = st
                .artifacts
                .iter()
                .position(|art| art.path == path)
                .map(|k| st.artifacts.remove(k).size);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path,
                size: before.map_or(f, |b| add(b, f)),
                basis: format!("bootsnap's compile cache ({})", r.source),
            });
        } else if c.is("composer", &["install"])
            || c.is("composer", &["update"])
            || c.is("composer", &["require"])
        {
            modelled += 1;
            let no_dev = c
                .argv
                .iter()
                .any(|w| w == "--no-dev" || w == "--update-no-dev")
                || set("COMPOSER_NO_DEV");
            let (f, b) = if no_dev {
                dependency_default(a, "Composer packages in vendor/", facts::COMPOSER_VENDOR)
            } else {
                dependency_default(
                    a,
                    "Composer packages in vendor/ with the development ones",
                    facts::COMPOSER_VENDOR_WITH_DEV,
                )
            };
            total = add(total, f);
            // vendor/ is made to match the lock file: a second install (then `--no-dev`)
            // replaces what the first put there.
            let vendor = join_path(&st.workdir, "vendor");
            st.artifacts.retain(|art| art.path != vendor);
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: vendor,
                size: f,
                basis: b.clone(),
            });
            basis.push(b);
            // Composer keeps each package's zip in its cache: COMPOSER_CACHE_DIR, else
            // $COMPOSER_HOME/cache (the composer image sets COMPOSER_HOME=/tmp), else
            // ~/.cache/composer (~/.composer/cache for Composer 1).
            // `env` holds the stage's ENV and the command's own `VAR=value` words.
            let var = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
            let dirs: Vec<String> = match (var("COMPOSER_CACHE_DIR"), var("COMPOSER_HOME")) {
                (Some(d), _) => vec![d],
                (None, Some(h)) => vec![format!("{}/cache", h.trim_end_matches('/'))],
                (None, None) => vec![
                    "/root/.cache/composer".into(),
                    "/root/.composer/cache".into(),
                ],
            };
            let kept = f.bytes > 0
                && !c.argv.iter().any(|w| w == "--no-cache")
                && !dirs.iter().any(|d| d == "/dev/null")
                && !cmds.iter().any(|o| {
                    ["clear-cache", "clearcache", "cc"]
                        .iter()
                        .any(|v| o.is("composer", &[v]))
                })
                && !dirs.iter().any(|d| removed(d))
                && !cache_mounted("composer");
            if kept {
                let k = facts::COMPOSER_CACHE_PER_VENDOR;
                let cache = scaled(f, k);
                total = add(total, cache);
                basis.push(format!(
                    "Composer's cache kept in {}: {} ({} ‰ of vendor/; {})",
                    dirs[0],
                    fmt_bytes(cache.bytes),
                    k.bytes,
                    k.source
                ));
            }
        } else if let Some(p) = dotnet_publish(c) {
            modelled += 1;
            // Before .NET 8 a runtime identifier alone made the publish self-contained.
            let sc = p
                .self_contained
                .unwrap_or(p.runtime && st.dotnet_sdk.is_some_and(|v| v < 8));
            let pre_8 = st.dotnet_sdk.is_some_and(|v| v < 8);
            let (default, kind) =
                dotnet_publish_output(p.aot, sc, p.trimmed, pre_8, dotnet_web(&doc.lower));
            let (f, src) = assumed_artifact(a, default);
            total = add(total, f);
            basis.push(format!(
                "dotnet publish {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = match &p.output {
                Some(o) => join_path(&st.workdir, &model::expand(o, &env)),
                None => join_path(&st.workdir, "bin/*"),
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("dotnet publish output, {kind} ({src})"),
            });
        } else if c.is("cargo", &["new"]) || c.is("cargo", &["init"]) {
            // A project skeleton (the dependency-caching pattern's dummy crate).
            modelled += 1;
            let k = facts::CARGO_NEW_PROJECT;
            total = add(total, k);
            basis.push(format!(
                "{}: a project skeleton {} ({})",
                c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" "),
                fmt_bytes(k.bytes),
                k.source
            ));
        } else if c.is("cargo", &["build"]) || c.is("cargo", &["install"]) {
            modelled += 1;
            let install = c.is("cargo", &["install"]);
            let profile = c.cargo_profile();
            let dev = profile == "debug";
            let target = c.option(&["--target"]).unwrap_or("");
            let rustflags = env.get("RUSTFLAGS").cloned().unwrap_or_default();
            let musl = target.contains("musl") || (target.is_empty() && st.musl);
            let (mut default, kind) = if musl {
                (facts::RUST_BINARY_MUSL, "static musl")
            } else if rustflags.contains("crt-static") {
                (facts::RUST_BINARY_GLIBC_STATIC, "static glibc")
            } else {
                (facts::RUST_BINARY, "glibc, dynamic")
            };
            let mut kind = kind.to_string();
            // Cargo.lock copied on its own (to cache the dependencies' build): a program
            // with dependencies, so the starters' binary; a dev build, the dev profile's.
            // Either plus what static linking adds.
            let deps = st.copied.iter().any(|f| f == "Cargo.lock");
            let program = match (dev, deps) {
                (false, true) => Some(facts::RUST_STARTER_BINARY),
                (true, false) => Some(facts::RUST_BINARY_DEBUG),
                (true, true) => Some(facts::RUST_STARTER_BINARY_DEBUG),
                (false, false) => None,
            };
            if let Some(s) = program {
                let libc = default.bytes.saturating_sub(facts::RUST_BINARY.bytes);
                default = Fact {
                    bytes: s.bytes + libc,
                    low: s.low + libc,
                    high: default.high.max(s.high),
                    source: s.source,
                };
            }
            if dev {
                kind.push_str("; dev profile, with debuginfo, unoptimised");
            }
            // The standard library's debuginfo, which release builds kept before Rust 1.77:
            // by the toolchain's age, unless the Dockerfile sets the profile's `strip`
            // (CARGO_PROFILE_RELEASE_STRIP) or RUSTFLAGS strips (`-C strip=…`,
            // `-C link-arg=-s`).
            let strip = if dev {
                None
            } else {
                rust_strip_setting(&rustflags, env.get("CARGO_PROFILE_RELEASE_STRIP"))
            };
            let d = facts::RUST_STD_DEBUGINFO;
            let mut with_debuginfo = false;
            let mut symbols_stripped = false;
            match (strip, st.rust_strip) {
                (Some(RustStripSetting::None), _) | (None, RustStrip::Never) => {
                    with_debuginfo = !dev;
                }
                (Some(RustStripSetting::Symbols), _) => symbols_stripped = true,
                (None, RustStrip::IfCargoTomlSays) if !dev => {
                    default.high += d;
                    kind.push_str(&format!(
                        "; Rust 1.59–1.76 kept the standard library's debuginfo, +{}, unless Cargo.toml sets `strip` (in the range)",
                        fmt_bytes(d)
                    ));
                }
                _ => {}
            }
            if with_debuginfo {
                default.bytes += d;
                default.low += d;
                default.high += d;
                kind.push_str(&format!(
                    "; {}: the standard library's debuginfo, +{}",
                    if strip.is_some() {
                        "strip = \"none\" kept"
                    } else {
                        "Rust before 1.59 kept"
                    },
                    fmt_bytes(d)
                ));
            }
            if symbols_stripped {
                let (num, den, _) = RUST_STRIPPED;
                let share = |b: u64| strip_kept(b, 0, num, den);
                default.bytes = share(default.bytes);
                default.low = share(default.low);
                kind.push_str("; its symbols stripped as the build is told");
            }
            let (f, src) = assumed_artifact(a, default);
            let with_debuginfo = with_debuginfo && a.artifact_bytes.is_none();
            let symbols_stripped = symbols_stripped && a.artifact_bytes.is_none();
            total = add(total, f);
            basis.push(format!(
                "Rust binary {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = if install {
                "/usr/local/cargo/bin/*".to_string()
            } else if target.is_empty() {
                join_path(&st.workdir, &format!("target/{profile}/*"))
            } else {
                join_path(&st.workdir, &format!("target/{target}/{profile}/*"))
            };
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: if dev {
                    format!("Rust dev-profile binary ({src})")
                } else if with_debuginfo {
                    format!("Rust binary with the standard library's debuginfo ({src})")
                } else if symbols_stripped {
                    format!("Rust binary ({src}), stripped")
                } else {
                    format!("Rust binary ({src})")
                },
            });
            let target_cleaned = removed(&join_path(&st.workdir, "target"))
                || cmds.iter().any(|o| o.is("cargo", &["clean"]));
            if !st.rust_target
                && !cache_mounted("target")
                && !c.is("cargo", &["install"])
                && !target_cleaned
            {
                st.rust_target = true;
                let t = if dev {
                    facts::RUST_TARGET_DIR_DEBUG
                } else {
                    facts::RUST_TARGET_DIR
                };
                total = add(total, t);
                basis.push(format!(
                    "target/ {} by default, range {}–{} ({})",
                    fmt_bytes(t.bytes),
                    fmt_bytes(t.low),
                    fmt_bytes(t.high),
                    t.source
                ));
            }
            if !st.rust_registry
                && !cache_mounted("registry")
                && !removed(&join_path(
                    st.env
                        .get("CARGO_HOME")
                        .map_or("/usr/local/cargo", |h| h.as_str()),
                    "registry",
                ))
            {
                st.rust_registry = true;
                let (f, what) = match a.dependencies_bytes {
                    Some(b) => (fact(b, b, b), "your assumption".to_string()),
                    None => {
                        let r = facts::RUST_REGISTRY;
                        note_default(|x| &mut x.dependencies, r.bytes);
                        (
                            r,
                            format!(
                                "by default, range {}–{} ({}; {DEPS_HINT})",
                                fmt_bytes(r.low),
                                fmt_bytes(r.high),
                                r.source
                            ),
                        )
                    }
                };
                total = add(total, f);
                basis.push(format!(
                    "Cargo registry /usr/local/cargo/registry {} {what}",
                    fmt_bytes(f.bytes)
                ));
            }
        } else if (c.is("cmake", &[]) && !c.argv.iter().any(|w| w == "--build"))
            || c.is("meson", &["setup"])
        {
            // Configures the build: Makefiles and a cache, a few kilobytes.
            modelled += 1;
            basis.push(format!(
                "{}: configures the build (build files only)",
                c.program()
            ));
        } else if matches!(
            c.program().rsplit('/').next().unwrap_or(""),
            "make" | "cmake" | "ninja" | "meson" | "gmake"
        ) && !c.argv.iter().any(|w| w == "install")
        {
            // Compiles into the source tree; a later COPY --from sizes what it takes.
            modelled += 1;
            // `text` is the whole Dockerfile: `-static` anywhere (LDFLAGS) links statically;
            // a C++ compiler or C++ sources anywhere make it a C++ program.
            let cxx = cxx_project(&doc.lower);
            let f = c_program(text.contains("-static"), st.musl, cxx);
            st.native_program = Some((f, c_program(true, st.musl, cxx), cxx));
            total = add(total, f);
            basis.push(format!(
                "{}: a program, {} by default ({}); object files not counted",
                c.program(),
                fmt_bytes(f.bytes),
                f.source
            ));
        } else if is_c_compiler(c.program())
            && !c.argv.iter().any(|w| w == "-c" || w == "--version")
        {
            modelled += 1;
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
            total = add(total, f);
            let lang = if cxx { "C++" } else { "C" };
            basis.push(format!(
                "{lang} program {} ({kind}; {src})",
                fmt_bytes(f.bytes)
            ));
            let out = join_path(
                &st.workdir,
                &model::expand(c.option(&["-o"]).unwrap_or("a.out"), &env),
            );
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: out,
                size: f,
                basis: format!("C program ({src})"),
            });
        } else if let Some(copies) = copies_of_artifacts(c, &st.artifacts, &st.workdir, &env) {
            // `cp target/release/app /bin/server`: what an earlier step built, now also
            // (cp) or instead (mv) at the destination, for a later `COPY --from` to take.
            modelled += 1;
            let is_cp = c.is("cp", &[]);
            for (dest, art) in copies {
                if is_cp {
                    total = add(total, art.size);
                }
                basis.push(format!(
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
            modelled += 1;
            let mut dup = fact(0, 0, 0);
            let mut changed: Vec<String> = Vec::new();
            for p in &paths {
                let p = join_path(&st.workdir, &model::expand(p, &env));
                let under = |d: &str| model::is_under(d.trim_end_matches("/*"), &p);
                // What earlier COPY and RUN steps of this stage put there, each once.
                for art in st.artifacts.iter().take(earlier_artifacts) {
                    if under(&art.path) && !changed.contains(&art.path) {
                        changed.push(art.path.clone());
                        dup = add(dup, art.size);
                    }
                }
            }
            if !changed.is_empty() {
                total = add(total, dup);
                basis.push(format!(
                    "`{} -R` writes what earlier steps put there ({}) into this layer again: +{} (`COPY --chown`/`--chmod` avoids it)",
                    c.program().rsplit('/').next().unwrap_or(""),
                    changed.join(", "),
                    fmt_bytes(dup.bytes)
                ));
            }
        } else if let Some(inst) = installer_script(c) {
            // nvm's install.sh clones nvm into ~/.nvm: a size Slimfile does not know, and
            // the shell that runs it stays unknown too.
            if inst != Installer::Nvm {
                modelled += 1;
                script_here = true;
            }
            match inst {
                Installer::Nvm => unknown.push("nvm's install.sh (a git checkout of nvm)".into()),
                Installer::NodeSource(line) => {
                    // The script (nodesource/distributions' deb setup): `apt-get update`,
                    // `apt-get install -y ca-certificates curl gnupg`, the repository, `apt-get
                    // update` again.
                    st.nodesource = Some(line);
                    apt.update = true;
                    apt.installs.push((
                        ["ca-certificates", "curl", "gnupg"]
                            .map(String::from)
                            .to_vec(),
                        true,
                    ));
                }
                Installer::Uv => {
                    let f = add(facts::UV_BINARY, facts::UVX_BINARY);
                    total = add(total, f);
                    basis.push(format!(
                        "uv's installer: uv and uvx in ~/.local/bin, {} (the musl builds' size stands in: {})",
                        fmt_bytes(f.bytes),
                        facts::UV_BINARY.source
                    ));
                }
                Installer::Poetry => {
                    // A virtualenv of its own with pip, and Poetry installed into it.
                    let (venv, venv_what) = venv_with_pip(st.python_minor);
                    // `POETRY_VERSION=1.8.2 python3 -` sets it for the installer's Python.
                    let inline = cmds
                        .iter()
                        .flat_map(|o| o.env.iter())
                        .find(|(k, _)| k == "POETRY_VERSION")
                        .map(|(_, v)| v.clone());
                    let req = match inline
                        .or_else(|| env.get("POETRY_VERSION").cloned())
                        .filter(|v| !v.is_empty())
                    {
                        Some(v) => format!("poetry=={v}"),
                        None => "poetry".to_string(),
                    };
                    let inst = sizes::pip::install(&[req], &Default::default(), a.as_of.as_deref());
                    let (installed, text) = pip_installed(&inst, st.python_minor, None);
                    let f = add(venv, installed);
                    total = add(total, f);
                    basis.push(format!(
                        "Poetry's installer: a {venv_what}, and Poetry with {} package(s) in it, {text}",
                        inst.packages.len(),
                    ));
                }
            }
        } else if script_here && runs_piped_script(c) {
            // The shell or Python that runs the downloaded installer, once.
            script_here = false;
            modelled += 1;
        } else if signing_key_download(c) {
            // A repository's signing key (`curl …/pubkey.gpg | apt-key add -`): a few KB.
            modelled += 1;
        } else if let Some(d) = toolchain_download(c) {
            modelled += 1;
            downloads.push(d);
        } else if let Some(t) = model::tar_extract(&c.argv) {
            let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
            let from = |d: &Download| match (&t.file, &d.file) {
                (None, None) => true,
                (Some(tf), Some(df)) => name(tf) == name(df),
                _ => false,
            };
            match downloads.iter_mut().rev().find(|d| !d.used && from(d)) {
                Some(d) => {
                    d.used = true;
                    modelled += 1;
                    let mut files = sizes::dist::unpacked(&d.dist);
                    // The node images' trim: OpenSSL's headers for other architectures
                    // deleted in the same RUN.
                    let trim = sizes::dist::trimmable(&d.dist);
                    let trimmed = trim > 0
                        && cmds.iter().any(|o| {
                            (o.is("rm", &[]) || o.is("find", &[]))
                                && o.argv.iter().any(|w| w.contains("openssl/archs"))
                        });
                    if let (true, Some((f, b))) = (trimmed, files.as_mut()) {
                        *f = fact(
                            f.bytes.saturating_sub(trim),
                            f.low.saturating_sub(trim),
                            f.high.saturating_sub(trim),
                        );
                        b.push_str(&format!(
                            "; less OpenSSL's headers for other architectures, which this RUN deletes: −{}",
                            fmt_bytes(trim)
                        ));
                    }
                    // The Go that later builds in this stage is this release.
                    if d.dist.name == "Go" {
                        let v = d.dist.version.as_deref().unwrap_or("");
                        let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
                        if let (Some(Some(a)), Some(Some(b))) = (parts.next(), parts.next()) {
                            st.go_version = Some((a, b));
                        }
                    }
                    if let Some((f, b)) = &files {
                        total = add(total, *f);
                        basis.push(format!("`{}` unpacked: {b}", d.dist.file));
                        let dir = join_path(&st.workdir, t.dir.as_deref().unwrap_or("."));
                        let path = if t.strip {
                            dir
                        } else {
                            join_path(&dir, &d.dist.top_dir)
                        };
                        st.add_artifact(Artifact {
                            made_by: 0,
                            either: false,
                            path,
                            size: *f,
                            basis: format!("{} release", d.dist.name),
                        });
                    }
                    if let Some(file) = &d.file {
                        let deleted = cmds
                            .iter()
                            .any(|o| model::rm_covers(&o.argv, file, &st.workdir));
                        if let (false, Some((f, _))) = (deleted, files) {
                            // The archive is about the size its files compress to.
                            let xz = d.dist.file.ends_with(".xz");
                            let r = if xz {
                                facts::XZ_TOOLCHAIN_PER_BYTE
                            } else {
                                facts::GZIP_PER_BYTE
                            };
                            let kept = per_mille(f.bytes, r);
                            total = add(total, kept);
                            basis.push(format!(
                                "the archive `{}` stays in the layer: about {}, what its files compress to with {} ({}) — `rm` it in the same RUN, or pipe the download into tar",
                                d.dist.file,
                                fmt_bytes(kept.bytes),
                                if xz { "xz" } else { "gzip" },
                                r.source
                            ));
                        }
                    }
                }
                None => unknown.push("tar".into()),
            }
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
            unknown.push("apk on Wolfi (its packages are not in the tables)".to_string());
        } else {
            unknown.push(c.program().to_string());
        }
    }
    // A toolchain downloaded and not unpacked: the layer holds an archive of unknown size.
    for d in downloads.iter().filter(|d| !d.used) {
        modelled = modelled.saturating_sub(1);
        unknown.push(d.program.clone());
    }
    // A cache mount on the lists or apk's cache keeps them out of the layer (Docker's
    // `docker init` templates mount /var/cache/apk; its apt example /var/lib/apt).
    if cache_mounted("/var/lib/apt") {
        apt.lists_mounted = true;
    }
    if cache_mounted("/var/cache/apk") {
        apk.cache_removed = true;
    }
    // Yarn's apt repository: its `yarn` package holds Yarn 1 as the npm package has it.
    st.yarn_repo |= script.contains("dl.yarnpkg.com/debian");
    if st.yarn_repo && apt.installs_any(|p| p == "yarn") {
        // Yarn's package recommends nodejs: with recommends on, apt installs one too — the
        // distribution's, unless NodeSource's repository is there.
        for (ps, recommends) in apt.installs.iter_mut() {
            if *recommends && ps.iter().any(|p| p == "yarn") && !ps.iter().any(|p| p == "nodejs") {
                ps.push("nodejs".to_string());
            }
        }
        apt.take_out(|p| p == "yarn");
        let inst = sizes::npm::install(&["yarn".to_string()], &Default::default());
        if inst.installed > 0 {
            total = add(
                total,
                fact(
                    inst.installed,
                    inst.installed * 9 / 10,
                    inst.installed * 11 / 10,
                ),
            );
            basis.push(format!(
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
        if apt.installs_any(asks) {
            match line.major().and_then(|m| sizes::dist::newest_of_major("Node.js", Some(m))) {
                Some((f, b)) => {
                    apt.take_out(|p| asks(p) || p == "npm");
                    total = add(total, f);
                    basis.push(format!(
                        "nodejs from NodeSource ({}): the official build with npm, as packaged (“The NodeSource nodejs package contains both the node binary and npm”): {b}",
                        match line {
                            NodeLine::Major(m) => format!("Node.js {m}"),
                            NodeLine::Lts => "its LTS line".to_string(),
                            NodeLine::Current => "its current line".to_string(),
                        }
                    ));
                }
                None => basis.push(
                    "nodejs from NodeSource: a Node.js major the release table lacks, priced as the distribution's nodejs".to_string(),
                ),
            }
        }
    }
    if apt.touched() {
        let (f, b) = apt_layer(&apt, st);
        total = add(total, f);
        basis.insert(0, b);
    }
    if apk.touched() {
        let debian = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
        let (f, b, known) = apk_layer(
            &apk,
            st.alpine.as_deref(),
            &mut st.apk,
            &mut st.apk_index,
            debian,
        );
        total = add(total, f);
        basis.insert(0, b);
        // Packages missing from the Alpine table are as unknown as the app's dependencies.
        unknown_deps |= !known;
        apk_unknown = !known;
    }
    // `if …; then A; else B; fi` and `case` arms run one branch; the estimate adds them all.
    let words: Vec<&str> = script.split_whitespace().collect();
    if total.bytes > 0
        && words
            .iter()
            .any(|w| matches!(*w, "else" | "elif" | "esac" | "else;"))
    {
        basis.push(
            "every branch of its if/case is counted, though one runs: an upper bound".to_string(),
        );
    }
    let mut l = layer(ins, text, LayerKind::Run, total, String::new());
    if apk_unknown {
        // None of the packages is in the table: what the layer holds is unknown, whatever
        // its index cache adds.
        l.estimated = false;
    }
    if unknown_deps && total.bytes == 0 {
        // Only what Slimfile cannot size (dependencies it cannot see, packages its
        // tables lack): unknown, not zero.
        l.estimated = false;
    }
    if !unknown.is_empty() && st.workdir != "/" {
        // What it wrote in its working directory is unknown to a later COPY --from too.
        st.unknown_outputs
            .push((st.workdir.clone(), ins.start_line, unknown[0].clone()));
    }
    if !unknown.is_empty() && modelled == 0 {
        unknown.dedup();
        l.estimated = false;
        l.basis = format!("`{}`: not modelled yet, size unknown", unknown.join("`, `"));
    } else {
        if !unknown.is_empty() {
            unknown.dedup();
            l.partial = true;
            basis.push(format!(
                "`{}` not modelled, not counted",
                unknown.join("`, `")
            ));
        }
        l.basis = if basis.is_empty() {
            "no files of note".into()
        } else {
            basis.join("; ")
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
