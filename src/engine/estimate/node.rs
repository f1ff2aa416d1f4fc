//! npm, Yarn, pnpm, nvm and front-end builds: node_modules, caches and build output.

use super::*;

/// A Dockerfile that shows a Next.js app: `next build`/`next start`, `.next` copied,
/// `next.config`. Takes the lowercased Dockerfile ([`Doc::lower`]).
fn shows_next(t: &str) -> bool {
    [
        "next build",
        "next start",
        "/.next",
        " .next",
        "next.config",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// What stands in for a Node app's package.json, which Slimfile cannot see:
/// create-next-app's measured dependencies for a Next.js app (`next build`/`next start`,
/// `.next` copied, `next.config`); for a front end built to static files, a server run from
/// its source (`node app.js`) or anything else, the median of that kind in a survey of 40
/// Node apps that public Dockerfiles build (data/npm/app-survey.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NodeApp {
    Next,
    FrontEnd,
    Server,
    Median,
}

impl NodeApp {
    /// Takes the lowercased Dockerfile ([`Doc::lower`]).
    pub(super) fn of(t: &str) -> NodeApp {
        if shows_next(t) {
            NodeApp::Next
        } else if shows_front_end(t) {
            NodeApp::FrontEnd
        } else if plain_node_server(t) {
            NodeApp::Server
        } else {
            NodeApp::Median
        }
    }

    /// Its node_modules (production, with devDependencies) as npm installs it, or as yarn 1
    /// does (`yarn1`), which installs both libc builds of Next.js's native packages.
    pub(super) fn node_modules(self, yarn1: bool) -> (Fact, Fact) {
        match self {
            NodeApp::Next if yarn1 => (facts::YARN_NEXT_APP, facts::YARN_NEXT_APP_WITH_DEV),
            NodeApp::Next => (facts::NPM_NEXT_APP, facts::NPM_NEXT_APP_WITH_DEV),
            NodeApp::FrontEnd => (facts::NPM_FRONTEND_APP, facts::NPM_FRONTEND_APP_WITH_DEV),
            NodeApp::Server => (facts::NPM_SERVER_APP, facts::NPM_SERVER_APP),
            NodeApp::Median => (
                facts::NPM_APP_DEPENDENCIES,
                facts::NPM_APP_DEPENDENCIES_WITH_DEV,
            ),
        }
    }

    /// What yarn 1's cache holds after `yarn install` of it, its devDependencies included
    /// whatever the flags: create-next-app's measured cache for a Next.js app, without
    /// TypeScript 7's platform builds for an estimate as of a month before they came; for the
    /// others, the median cache of that kind in the survey.
    pub(super) fn yarn_cache(self, as_of: Option<&str>) -> Fact {
        match self {
            NodeApp::Next if as_of.is_some_and(|d| d < facts::TYPESCRIPT_7_RELEASED) => {
                let (y, ts7) = (facts::YARN_CACHE_NEXT_APP, facts::YARN_CACHE_TS7_PLATFORMS);
                Fact {
                    bytes: y.bytes - ts7,
                    high: y.high - ts7,
                    ..y
                }
            }
            NodeApp::Next => facts::YARN_CACHE_NEXT_APP,
            NodeApp::FrontEnd => facts::YARN_CACHE_FRONTEND_APP,
            NodeApp::Server => facts::YARN_CACHE_SERVER_APP,
            NodeApp::Median => facts::YARN_CACHE_APP,
        }
    }
}

/// A front end built to static files: the Dockerfile names Vite, Create React App, Vue CLI
/// or Angular's build (`ng build`), serves a folder with `serve`, `http-server` or
/// `live-server`, or puts files in nginx's html folder. Comment lines do not count. Takes the
/// lowercased Dockerfile.
fn shows_front_end(t: &str) -> bool {
    const BUILDERS: [&str; 3] = ["vite", "react-scripts", "vue-cli-service"];
    t.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .any(|l| {
            let words: Vec<&str> = l
                .split(|c: char| c.is_whitespace() || "[]\",'&;|".contains(c))
                .filter(|w| !w.is_empty())
                .collect();
            l.contains("/usr/share/nginx/html")
                || words.windows(2).any(|w| w == ["ng", "build"])
                || words
                    .iter()
                    .any(|w| BUILDERS.contains(w) || model::is_static_file_server(w))
        })
}

/// Yarn 2+ (Berry) rather than Yarn 1: the Dockerfile enables corepack, names
/// `.yarnrc.yml` or `.yarn/releases`, sets a version or installs `--immutable`. Takes the
/// lowercased Dockerfile.
pub(super) fn yarn_berry(t: &str) -> bool {
    [
        "corepack",
        ".yarnrc.yml",
        ".yarn/releases",
        "yarn set version",
        "--immutable",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A Node server with no build step that runs a source file (`CMD ["node", "app.js"]`):
/// the shape of an Express app, not of a TypeScript, NestJS or front-end build. Takes the
/// lowercased Dockerfile.
fn plain_node_server(t: &str) -> bool {
    const BUILDS: [&str; 11] = [
        "npm run build",
        "yarn build",
        "yarn run build",
        "pnpm build",
        "pnpm run build",
        "tsc",
        "nest build",
        "vite build",
        "webpack",
        "ng build",
        "npx ",
    ];
    if BUILDS.iter().any(|b| t.contains(b)) {
        return false;
    }
    t.lines().map(str::trim_start).any(|l| {
        (l.starts_with("cmd") || l.starts_with("entrypoint"))
            && l.split(|ch: char| ch.is_whitespace() || "[]\",".contains(ch))
                .any(|w| w == "node" || w.ends_with("/node"))
            && [".js", ".mjs", ".cjs"].iter().any(|e| l.contains(e))
            && !["dist/", "build/", ".next", "out/"]
                .iter()
                .any(|d| l.contains(d))
    })
}

/// The Node.js line NodeSource's setup script names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum NodeLine {
    Major(u32),
    /// `setup_lts.x`: the newest even-numbered (long-term support) major.
    Lts,
    /// `setup_current.x` or plain `setup`: the newest major.
    Current,
}

impl NodeLine {
    /// The major it stands for among the measured releases.
    pub(super) fn major(self) -> Option<u32> {
        match self {
            NodeLine::Major(m) => Some(m),
            NodeLine::Lts => sizes::dist::newest_major("Node.js", |m| m % 2 == 0),
            NodeLine::Current => sizes::dist::newest_major("Node.js", |_| true),
        }
    }
}

/// `nvm install [VERSION | --lts | node]`: the official Node.js build of that release in
/// $NVM_DIR/versions/node, and its archive, which nvm keeps in $NVM_DIR/.cache/bin (its
/// `nvm_install_binary_extract` deletes only the unpacked copy) unless `nvm cache clear` or a
/// `rm` of the cache runs in the same RUN. nvm fetches .tar.xz when xz is installed, else
/// .tar.gz: the archive's range spans both ratios.
pub(super) fn nvm_install(c: &model::Command, cmds: &[model::Command]) -> (Fact, String) {
    let args: Vec<&str> = c.argv.iter().skip(2).map(String::as_str).collect();
    let named = args.iter().find(|a| !a.starts_with('-')).copied();
    // Node.js's LTS code names (`lts/hydrogen`, `--lts=gallium`).
    const LTS_NAMES: [(&str, u32); 11] = [
        ("argon", 4),
        ("boron", 6),
        ("carbon", 8),
        ("dubnium", 10),
        ("erbium", 12),
        ("fermium", 14),
        ("gallium", 16),
        ("hydrogen", 18),
        ("iron", 20),
        ("jod", 22),
        ("krypton", 24),
    ];
    let lts_flag = args.iter().find_map(|a| a.strip_prefix("--lts"));
    let lts_name = lts_flag
        .and_then(|v| v.strip_prefix('='))
        .or_else(|| named.and_then(|n| n.strip_prefix("lts/")));
    let node = |v: Option<String>| sizes::dist::Dist::release("Node.js", v);
    // A major the table lacks: the nearest measured release, with a range over its neighbours.
    let of_major = |m: u32| {
        sizes::dist::newest_of_major("Node.js", Some(m))
            .or_else(|| sizes::dist::unpacked(&node(Some(m.to_string()))))
    };
    let lts_major = lts_name.and_then(|n| {
        LTS_NAMES
            .iter()
            .find(|(name, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, m)| m)
    });
    let found = if let Some(m) = lts_major {
        of_major(m)
    } else if lts_flag.is_some() || lts_name.is_some() {
        NodeLine::Lts.major().and_then(of_major)
    } else {
        match named.map(|v| v.trim_start_matches('v')) {
            Some("node" | "stable" | "latest" | "current") => {
                NodeLine::Current.major().and_then(of_major)
            }
            Some(v) if v.contains('.') && !v.contains('$') => {
                sizes::dist::unpacked(&node(Some(v.to_string())))
            }
            Some(v) if v.parse::<u32>().is_ok() => v.parse().ok().and_then(of_major),
            // No version (.nvmrc) or a variable: the range over every measured release.
            _ => sizes::dist::unpacked(&node(None)),
        }
    };
    let Some((f, b)) = found else {
        return (
            fact(0, 0, 0),
            "nvm install: a release the Node.js table lacks, not counted".into(),
        );
    };
    let cleared = cmds.iter().any(|o| {
        o.is("nvm", &["cache", "clear"])
            || (o.is("rm", &[])
                && o.argv
                    .iter()
                    .any(|w| w.to_ascii_lowercase().contains("nvm") && w.contains(".cache")))
    });
    if cleared {
        return (
            f,
            format!("nvm install: {b}; its download cache cleared in the same RUN"),
        );
    }
    let (xz, gz) = (facts::XZ_TOOLCHAIN_PER_BYTE, facts::GZIP_PER_BYTE);
    let archive = fact(
        f.bytes * xz.bytes / 1000,
        f.bytes * xz.low / 1000,
        f.bytes * gz.bytes / 1000,
    );
    (
        add(f, archive),
        format!(
            "nvm install: {b}; nvm keeps the downloaded archive in $NVM_DIR/.cache: about {} ({}; `nvm cache clear` in the same RUN avoids it)",
            fmt_bytes(archive.bytes),
            xz.source
        ),
    )
}

/// A front-end build: `npm run build`, `yarn build`, `pnpm run build`, `vite build`, or a
/// package script named like one (`build:prod`, `app:build`, `compile`).
pub(super) fn frontend_build(c: &model::Command) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let args: Vec<&str> = c.argv.iter().skip(1).map(String::as_str).collect();
    let build = |s: &&str| {
        matches!(*s, "build" | "compile" | "dist")
            || s.starts_with("build:")
            || s.ends_with(":build")
            || s.starts_with("compile:")
    };
    match prog {
        "npm" => {
            matches!(args.first(), Some(&"run") | Some(&"run-script"))
                && args.get(1).is_some_and(build)
        }
        "yarn" | "pnpm" | "bun" => {
            args.first().is_some_and(build)
                || (args.first() == Some(&"run") && args.get(1).is_some_and(build))
        }
        "vite" | "ng" => args.first() == Some(&"build"),
        "next" => args.first() == Some(&"build"),
        "npx" => {
            args.starts_with(&["vite", "build"])
                || args.starts_with(&["ng", "build"])
                || args.starts_with(&["next", "build"])
        }
        _ => false,
    }
}

/// `npm install|i|ci|add`, `yarn [install|add]`, `pnpm install|add`: (named packages, global, --omit=dev).
pub(super) fn npm_install(c: &model::Command) -> Option<(Vec<String>, bool, bool)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let verb = c.argv.get(1).map(String::as_str);
    let installs = match prog {
        "npm" => matches!(verb, Some("install" | "i" | "ci" | "add")),
        // Bare `yarn` (flags only: `yarn --frozen-lockfile`) installs.
        "yarn" => {
            verb.is_none_or(|v| matches!(v, "install" | "add" | "global") || v.starts_with('-'))
        }
        "pnpm" => matches!(verb, Some("install" | "i" | "add")),
        _ => false,
    };
    if !installs {
        return None;
    }
    let mut specs = Vec::new();
    let mut global = false;
    let mut omit_dev = false;
    let first = if verb.is_some_and(|v| v.starts_with('-')) {
        1
    } else {
        2
    };
    for w in c.argv.iter().skip(first) {
        match w.as_str() {
            "-g" | "--global" => global = true,
            "--omit=dev" | "--production" | "--only=production" | "--only=prod" | "--prod" => {
                omit_dev = true
            }
            "add" => {}
            w if w.starts_with('-') => {}
            w => specs.push(w.to_string()),
        }
    }
    if prog == "yarn" && verb == Some("global") {
        global = true;
    }
    Some((specs, global, omit_dev))
}

/// `npm prune --production`: a later `COPY --from` takes the production tree; an install in
/// this RUN loses its devDependencies, an earlier layer keeps them.
pub(super) fn npm_prune_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { doc, .. } = *cx;
    // devDependencies go: in this RUN, the default's dev part never lands; for a
    // later COPY --from, node_modules is the production tree.
    run.modelled += 1;
    // The default this RUN installed, else one an earlier step may have (npm's or
    // yarn 1's).
    let app = doc.node_app;
    let pairs = match run.dev_default_here {
        Some(p) => vec![p],
        None => vec![app.node_modules(false), app.node_modules(true)],
    };
    let (prod, dev) = pairs[0];
    if run.dev_default_here.is_some() {
        run.total = fact(
            run.total.bytes.saturating_sub(dev.bytes - prod.bytes),
            run.total
                .low
                .saturating_sub(dev.low.saturating_sub(prod.low)),
            run.total.high.saturating_sub(dev.high - prod.high),
        );
        run.basis.push(format!(
            "npm prune: production tree only, {}",
            fmt_bytes(prod.bytes)
        ));
    } else {
        run.basis
            .push("npm prune: the earlier layer keeps the devDependencies".into());
    }
    if let Some((art, prod)) = st.artifacts.iter_mut().rev().find_map(|x| {
        let (prod, _) = pairs.iter().find(|(_, dev)| x.size.bytes == dev.bytes)?;
        x.path.ends_with("/node_modules").then_some((x, *prod))
    }) {
        art.size = prod;
    }
}

/// npm, Yarn or pnpm installing packages: node_modules (named packages from the npm table, a
/// package.json from the survey default) and the package manager's cache.
pub(super) fn npm_install_step(
    cx: &Cx,
    st: &mut StageState,
    run: &mut Run,
    (specs, global, omit_dev): (Vec<String>, bool, bool),
) {
    let Cx {
        doc, a, c, env, sc, ..
    } = *cx;
    let cmds = &sc.cmds;
    run.modelled += 1;
    let yarn = c.program().ends_with("yarn");
    // Yarn 2+ reads the libc field and fetches this platform's packages only; yarn 1
    // installs every Linux build and caches every platform's.
    let berry = yarn && doc.yarn_berry;
    let cache_cleaned = sc.removed("/root/.npm")
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
            run.dev_default_here = Some((prod, with_dev));
        }
        (f, what) = dependency_default(a, &format!("node_modules from package.json{dev}"), d);
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
                    run.unknown_deps = true;
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
    if f.bytes > 0 && !cache_cleaned && !sc.cache_mounted(".npm") && !sc.cache_mounted("yarn") {
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
        let yarn_default = (yarn && !berry && specs.is_empty() && a.dependencies_bytes.is_none())
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
    run.total = add(run.total, f);
    run.basis.push(what);
}

/// `next build` (by npm/yarn/pnpm): `.next`, its standalone output, and the build cache.
pub(super) fn next_build_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { doc, a, sc, .. } = *cx;
    run.modelled += 1;
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
    if !sc.removed(&join_path(&st.workdir, ".next/cache")) {
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
    run.total = add(run.total, f);
    run.basis.push(format!(
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
}

/// `corepack prepare`/`install`: the package manager release it downloads.
pub(super) fn corepack_prepare_step(cx: &Cx, run: &mut Run) {
    let Cx { c, .. } = *cx;
    // Downloads a package manager into ~/.cache/node/corepack.
    run.modelled += 1;
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
    run.total = add(
        run.total,
        fact(inst.installed, inst.installed, inst.installed * 3),
    );
    run.basis.push(format!(
        "corepack: {} into ~/.cache/node/corepack, {} (npm registry unpackedSize, data/npm){}",
        names.join(" "),
        fmt_bytes(inst.installed),
        if inst.unknown.is_empty() {
            String::new()
        } else {
            format!("; not in the npm table: {}", inst.unknown.join(" "))
        }
    ));
}
