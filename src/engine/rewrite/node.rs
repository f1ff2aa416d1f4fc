//! Node.js: install and build with all dependencies, run with production ones.
//!
//! - **multi-stage**: the builder keeps the user's steps and prunes dev
//!   dependencies at the end (`npm prune --omit=dev`, `yarn install --production`,
//!   `pnpm prune --prod`); the runtime is `node:<same version>-slim` (or the same
//!   Alpine image when the builder is Alpine), so native addons built in the
//!   builder find the same C library, and it copies the application directory.
//! - **distroless**: `gcr.io/distroless/nodejs<major>-debianN` when the image
//!   runs `node <script>` (the image's entrypoint is node itself; there is no npm),
//!   also for the final stage of a file that is multi-stage already.
//! - **nginx**: a front end built to static files (`npm run build`, then served
//!   by `serve -s build`, `vite preview`…) is served by `nginx:alpine`.
//! - **alpine**: builder and runtime both on `node:<same version>-alpine`, so native
//!   addons are built for musl, when no stage installs Debian packages (they would
//!   have to be found again in Alpine's); for a multi-stage file, every stage.
//! - **slim**/**alpine**: a single stage that installs nothing (node_modules comes
//!   from the build context) moves to the slim or Alpine image of the same version.

use super::common::{
    self, app_dirs, build_platform_caveat, copy_dirs, healthcheck_exec, json_words, os_packages,
    replace_from_image, runtime_packages, shellless_user, single, Carry, Ctx, Distro, Runtime, Tag,
    Walk,
};
use super::detect::{program, Multi, Shape};
use super::{Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Command};
use crate::engine::syntax::Instruction;

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => common::interpreter_slim(ctx, &m.fin, "native addons")
            .into_iter()
            .chain(multi_alpine(ctx, m))
            .chain(multi_distroless(ctx, m))
            .collect(),
    }
}

/// A multi-stage file whose final stage runs `node <script>` on a Debian-based node image
/// and runs no commands, from a Debian-based builder (native addons built for glibc): the
/// same stage on distroless/nodejs of that major.
fn multi_distroless(ctx: &Ctx, m: &Multi) -> Option<Proposal> {
    let fin = &m.fin;
    if m.src.distro().is_alpine() {
        return None;
    }
    let runs_node = fin
        .run_words()
        .first()
        .is_some_and(|p| p == "node" || p.ends_with("/node"));
    if fin.chain.len() != 1 || fin.image_name() != "node" || fin.distro().is_alpine() || !runs_node
    {
        return None;
    }
    let major = node_major(fin).filter(|m| [20, 22, 24].contains(m))?;
    let from = ctx.stage_from(fin.chain[0])?;
    let last_user = fin.last_user();
    let mut u = shellless_user(ctx, last_user, "distroless");
    if last_user.is_some_and(|i| i.args.trim() == "node") {
        u.caveat = Some("USER node replaced by the `:nonroot` tag's user (uid 65532): distroless has no user node".into());
    }
    let image = format!(
        "gcr.io/distroless/nodejs{major}-{}{}",
        fin.distro().distroless_suffix(),
        u.tag
    );
    let mut e = Edits::default();
    replace_from_image(&mut e, ctx.text, from, &image);
    for s in &fin.steps {
        let ins = s.ins;
        match ins.keyword.as_str() {
            // No shell to run it.
            "RUN" => return None,
            "CMD" | "ENTRYPOINT" | "HEALTHCHECK" => match distroless_map(ins) {
                Carry::Replace(l) => e.replace(ins.start_offset, ins.end_offset, l),
                // A command that is not node would need a shell or npm.
                _ if ins.keyword != "HEALTHCHECK" => return None,
                _ if !ins.args.contains('[') => return None,
                _ => {}
            },
            _ => {}
        }
    }
    let mut caveats = Vec::new();
    super::rust::user_edit(&mut e, ctx, last_user, &u, &mut caveats);
    caveats.push("the image's entrypoint is /nodejs/bin/node: CMD holds the script and its arguments; there is no npm".into());
    caveats.push(common::NO_SHELL_DEBUG_TAG.into());
    common::edit_final(
        ctx,
        RewriteKind::Distroless,
        format!("Final stage on {image}"),
        format!("distroless/nodejs{major} is Node.js {major} and glibc with no shell or package manager"),
        e,
        caveats,
    )
}

/// A multi-stage file whose stages all start from Debian-based official node images
/// (or from each other) and install no OS packages: every one moves to the same
/// version's Alpine image, so what the builders compile is built for the runtime's musl.
fn multi_alpine(ctx: &Ctx, m: &Multi) -> Option<Proposal> {
    if m.fin.image_name() != "node" || m.fin.distro().is_alpine() {
        return None;
    }
    let mut e = Edits::default();
    let mut images = Vec::new();
    for stage in &ctx.model.stages {
        let w = ctx.walk(stage);
        if installs_debian_packages(&w) {
            return None;
        }
        // A stage that derives from another is moved with it.
        if ctx.model.stage_ref(&stage.from, stage.index).is_some() {
            continue;
        }
        if w.image_name() != "node" || w.distro().is_alpine() || system_node(&w) {
            return None;
        }
        let tag = Tag::parse(w.tag());
        let image = format!("node:{}", common::tag_of(&[&tag.version, "alpine"]));
        replace_from_image(&mut e, ctx.text, ctx.stage_from(stage)?, &image);
        if !images.contains(&image) {
            images.push(image);
        }
    }
    let fin_image = images.last()?.clone();
    let mut caveats = vec![
        format!("every stage moves to Alpine ({}): dependencies with native addons and no musl prebuilds need `apk add --no-cache python3 make g++` in the stage that installs them", images.join(", ")),
        MUSL_DIFFERS.into(),
    ];
    if m.fin.runtime_text().contains("curl") {
        let from = ctx.stage_from(m.fin.stage())?;
        e.insert(from.end_offset, "\nRUN apk add --no-cache curl");
        caveats.push(
            "curl is installed for the command that uses it: Alpine has only BusyBox wget".into(),
        );
    }
    common::edit_final(
        ctx,
        RewriteKind::Alpine,
        format!("All stages on Alpine: {fin_image}"),
        "the same Node.js version on Alpine, the smallest official Node image; the builders move too, so native addons are built for its musl libc".into(),
        e,
        caveats,
    )
}

/// What moving a Node app from glibc to Alpine risks.
const MUSL_DIFFERS: &str = "Alpine's musl libc differs from glibc (DNS resolution, locales, some prebuilt binaries such as Prisma's engines or Puppeteer's Chromium): test the app on it";

/// A stage that installs Debian packages: moving it to Alpine would need them found again.
fn installs_debian_packages(w: &Walk) -> bool {
    w.commands().any(|(_, c)| {
        matches!(
            program(c),
            "apt-get" | "apt" | "dpkg" | "aptitude" | "add-apt-repository"
        )
    })
}

fn is_build_env(k: &str) -> bool {
    k.starts_with("NPM_CONFIG") || k.starts_with("npm_config") || k.starts_with("YARN_")
}

#[derive(Clone, Copy, PartialEq)]
enum Pm {
    Npm,
    Yarn,
    Pnpm,
}

fn pm_of(c: &Command) -> Option<Pm> {
    match program(c) {
        "npm" => Some(Pm::Npm),
        "yarn" => Some(Pm::Yarn),
        "pnpm" => Some(Pm::Pnpm),
        _ => None,
    }
}

fn sub(c: &Command) -> &str {
    c.argv.get(1).map(String::as_str).unwrap_or("")
}

fn is_global(c: &Command) -> bool {
    c.argv.iter().any(|a| a == "-g" || a == "--global")
        || (program(c) == "yarn" && sub(c) == "global")
}

/// `npm ci`, `npm install`, `yarn`, `yarn install`, `pnpm install` (not global ones).
fn is_install(c: &Command) -> bool {
    if is_global(c) {
        return false;
    }
    match program(c) {
        "npm" => matches!(sub(c), "ci" | "install" | "i" | "clean-install"),
        "yarn" => matches!(sub(c), "" | "install") || c.argv.len() == 1,
        "pnpm" => matches!(sub(c), "install" | "i"),
        _ => false,
    }
}

fn is_build(c: &Command) -> bool {
    let s = sub(c);
    let third = c.argv.get(2).map(String::as_str).unwrap_or("");
    match program(c) {
        "npm" => s == "run" && third == "build",
        "yarn" | "pnpm" => s == "build" || (s == "run" && third == "build"),
        "npx" => matches!(s, "vite" | "tsc" | "ng" | "next" | "react-scripts"),
        "ng" | "vite" | "tsc" => true,
        _ => false,
    }
}

/// Production-only installs leave nothing to prune.
fn production_only(c: &Command, env: &std::collections::BTreeMap<String, String>) -> bool {
    let prod_flag = c.argv.iter().any(|a| {
        matches!(
            a.as_str(),
            "--production" | "--prod" | "--omit=dev" | "--only=production" | "--only=prod" | "-P"
        )
    });
    let prod_env = c
        .env
        .iter()
        .any(|(k, v)| k == "NODE_ENV" && v == "production")
        || env.get("NODE_ENV").is_some_and(|v| v == "production");
    prod_flag || prod_env
}

/// Node.js from the distribution's own packages (`apt-get install nodejs`), not a node image.
fn system_node(w: &Walk) -> bool {
    let name = w.image_name();
    !(name == "node" || name.ends_with("/node") || w.tag().contains("node"))
        && matches!(w.distro(), Distro::Debian(_) | Distro::Ubuntu(_))
        && os_packages(w).iter().any(|p| p == "nodejs")
}

/// The Node.js major a Debian or Ubuntu release's `nodejs` package is (their package lists).
fn system_node_major(d: &Distro) -> Option<u32> {
    match d {
        Distro::Debian(Some(c)) | Distro::Ubuntu(Some(c)) => match *c {
            "trixie" => Some(20),
            "bookworm" => Some(18),
            "bullseye" => Some(12),
            "buster" => Some(10),
            "noble" => Some(18),
            "jammy" => Some(12),
            "focal" => Some(10),
            _ => None,
        },
        _ => None,
    }
}

/// The Node major version of the builder image (`lts` read from the `lts-alpine` row).
fn node_major(w: &Walk) -> Option<u32> {
    if system_node(w) {
        return system_node_major(&w.distro());
    }
    let from_row = |resolved: &str| -> Option<u32> {
        common::version_in(resolved)?
            .split('.')
            .next()?
            .parse()
            .ok()
    };
    if let Some(m) = Tag::parse(w.tag()).major() {
        return Some(m);
    }
    if let Some(m) = from_row(w.resolved()) {
        return Some(m);
    }
    let alias = Tag::parse(w.tag()).version;
    if alias == "lts" || alias == "current" {
        let r = crate::engine::sizes::parse_image_ref(&format!("node:{alias}-alpine"))?;
        let b = crate::engine::sizes::lookup_base(&r)?;
        return from_row(b.row.as_ref()?.resolved);
    }
    None
}

/// The static files a front end is served from, when the image serves a build.
fn static_dir(w: &Walk) -> Option<String> {
    let run = w.run_words();
    let words: Vec<&str> = run.iter().map(String::as_str).collect();
    let prog = words.first().map(|p| p.rsplit('/').next().unwrap_or(p))?;
    let args: Vec<&str> = if prog == "npx" {
        words[1..].to_vec()
    } else {
        words.clone()
    };
    let tool = args.first().copied().unwrap_or("");
    // `serve -s build`, `http-server dist`
    if model::is_static_file_server(tool) {
        return args[1..]
            .iter()
            .find(|a| !a.starts_with('-') && !a.chars().all(|c| c.is_ascii_digit()))
            .map(|d| d.trim_start_matches("./").trim_end_matches('/').to_string());
    }
    // `vite preview`, `npm run preview`: Vite writes dist/.
    let preview = (tool == "vite" && args.get(1) == Some(&"preview"))
        || (matches!(prog, "npm" | "yarn" | "pnpm")
            && words.iter().skip(1).any(|a| *a == "preview"));
    preview.then(|| "dist".into())
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let install = w.find(|c| pm_of(c).is_some() && is_install(c));
    if install.is_none() {
        return from_context(ctx, w);
    }
    let Some((install_step, install_cmd)) = install else {
        return vec![];
    };
    let pm = pm_of(install_cmd).unwrap_or(Pm::Npm);
    let builder = common::builder_name(w.stage());
    let distro = w.distro();
    let major = node_major(w);
    let tag = Tag::parse(w.tag());
    let built = w.has(is_build);
    let pc = build_platform_caveat(ctx, w, "native addons");
    let mut out = Vec::new();

    // Front end: static files onto nginx.
    if let Some(dir) = static_dir(w).filter(|_| built) {
        let mut rt = Runtime::new(RewriteKind::Nginx, "nginx:alpine", Distro::Alpine(None));
        rt.title = "Static files on nginx:alpine".into();
        rt.why = "a front end built to static files needs a web server, not Node.js: nginx:alpine serves them in a few MB".into();
        let src = common::normalise(&common::join(&w.workdir, &dir));
        rt.copies = vec![format!("COPY --from={builder} {src} /usr/share/nginx/html")];
        // The static server the image ran is not needed any more.
        for s in &w.steps {
            let only_server = !s.cmds.is_empty()
                && s.cmds.iter().all(|c| {
                    is_global(c)
                        && c.argv
                            .iter()
                            .skip(2)
                            .any(|a| model::is_static_file_server(a))
                });
            if only_server {
                common::delete_block(&mut rt.builder, ctx.text, s.ins);
            }
        }
        rt.end = vec!["EXPOSE 80".into()];
        rt.user = Some(None);
        rt.is_build_env = &|_| true;
        rt.map = Box::new(|ins: &Instruction| match ins.keyword.as_str() {
            "LABEL" => Carry::Keep,
            _ => Carry::Drop,
        });
        rt.caveats.push(format!(
            "serves {src} (the build output that `{}` served) with nginx's default configuration on port 80; the original CMD/ENTRYPOINT, EXPOSE and HEALTHCHECK are dropped",
            w.run_words().join(" ")
        ));
        rt.caveats.push("client-side routing needs `try_files $uri /index.html;` in an nginx config copied to /etc/nginx/conf.d/default.conf".into());
        rt.caveats.push("ENV values are not read at run time by a static build: variables the app needs (VITE_*, REACT_APP_*) must be set in the builder before the build".into());
        if w.steps.iter().any(|s| s.ins.keyword == "USER") {
            rt.caveats.push("nginx:alpine starts as root (workers run as nginx); nginxinc/nginx-unprivileged:alpine runs as non-root on port 8080".into());
        }
        rt.keep_workdir = false;
        out.extend(single(ctx, w, rt));
        return out;
    }

    // Back end: the application directory with production dependencies.
    let last_pm = w
        .steps
        .iter()
        .rev()
        .find(|s| s.cmds.iter().any(|c| pm_of(c).is_some() && !is_global(c)))
        .map(|s| s.ins);
    let mut e = Edits::default();
    let prune = if production_only(install_cmd, &install_step.env) {
        None
    } else {
        Some(match pm {
            Pm::Npm if major.is_some_and(|m| m < 15) => "npm prune --production",
            Pm::Npm => "npm prune --omit=dev",
            Pm::Yarn => "yarn install --production --ignore-scripts --prefer-offline",
            Pm::Pnpm => "pnpm prune --prod",
        })
    };
    if let (Some(p), Some(ins)) = (prune, last_pm) {
        e.insert(ins.end_offset, format!("\nRUN {p}"));
    }
    let ran_in_wd = w
        .steps
        .iter()
        .any(|s| s.workdir == w.workdir && !s.cmds.is_empty());
    let Some(dirs) = app_dirs(w, ran_in_wd) else {
        return out;
    };
    if dirs.is_empty() {
        return out;
    }
    let run = w.run_words();
    let packages = os_packages(w);
    let pk = runtime_packages(
        &packages,
        &["python", "python3", "py3-pip", "nodejs", "npm", "yarn"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    // Global tools the image runs (pm2, nodemon, serve…) are installed again.
    let mut globals = Vec::new();
    for (_, c) in w.commands() {
        if pm_of(c).is_some() && is_global(c) {
            let runs_it = c.argv.iter().skip(1).any(|a| {
                let name = a.rsplit('/').next().unwrap_or(a);
                let name = name.split('@').find(|s| !s.is_empty()).unwrap_or("");
                !a.starts_with('-')
                    && run
                        .iter()
                        .any(|r| r == name || r == &format!("{name}-runtime"))
            });
            if runs_it {
                globals.push(format!("RUN {}", common::render_words(&c.argv)));
            }
        }
    }
    let mut base_caveats = Vec::new();
    if let Some(p) = prune {
        base_caveats.push(format!(
            "`{p}` added after the last {} step: the runtime gets production dependencies only",
            match pm {
                Pm::Npm => "npm",
                Pm::Yarn => "yarn",
                Pm::Pnpm => "pnpm",
            }
        ));
        if pm == Pm::Yarn {
            base_caveats.push(
                "Yarn 2+ (Berry) prunes with `yarn workspaces focus --all --production` instead"
                    .into(),
            );
        }
    }
    base_caveats.extend(pk.caveats("native addons linking them"));
    base_caveats.extend(pc.clone());
    if !w.env.contains_key("NODE_ENV") {
        base_caveats.push("NODE_ENV is not set: many frameworks (Express, Next.js) run slower in development mode; set `ENV NODE_ENV=production` if the app expects it".into());
    }

    // 1. node:<version>-slim (same Debian) or the same Alpine image; the same
    //    release when Node.js came from its packages (addons built for that Node).
    let system = system_node(w);
    let (image, why) = match &distro {
        Distro::Debian(Some(_)) | Distro::Ubuntu(_) if system => (
            match &distro {
                Distro::Debian(_) => distro.slim_image(),
                _ => format!("{}:{}", w.image_name(), w.tag()),
            },
            format!(
                "Node.js came from this release's nodejs package{}: the same release with only that package (no npm, no compilers) runs the modules and native addons built for it",
                major.map(|m| format!(" (Node {m})")).unwrap_or_default()
            ),
        ),
        Distro::Alpine(_) => (
            format!("node:{}", w.tag()),
            "the builder is already Alpine: the same image without the build tools, caches and dev dependencies; native addons keep their musl libc".to_string(),
        ),
        _ => {
            let t = common::tag_of(&[&tag.version, tag.codename.as_deref().unwrap_or(""), "slim"]);
            (
                format!("node:{t}"),
                "node's slim variant is the same Node.js and Debian release without compilers and docs, so native addons built in the builder still load".to_string(),
            )
        }
    };
    {
        let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
        rt.title = format!("Multi-stage onto {image}");
        rt.why = why;
        rt.builder = e.clone();
        rt.copies = copy_dirs(&builder, &dirs);
        rt.tail = globals.clone();
        rt.packages = pk.install();
        if !system {
            rt.image_users = &["node"];
        }
        rt.is_build_env = &is_build_env;
        rt.caveats = base_caveats.clone();
        if system {
            rt.packages.insert(0, "nodejs".into());
            rt.caveats.push(format!(
                "node:{}-slim is an alternative runtime, but native addons built against the distribution's Node.js must be rebuilt there",
                major.map(|m| m.to_string()).unwrap_or_else(|| "<version>".into())
            ));
        } else if !distro.is_alpine() {
            rt.caveats.push("node:*-alpine is smaller still, but node_modules built on Debian (glibc) must then be installed again on Alpine for native addons".into());
        }
        if w.runtime_text().contains("curl") && !rt.packages.iter().any(|p| p == "curl") {
            rt.packages.push("curl".into());
        }
        rt.caveats.push("files outside the application directory that the app reads at run time must be copied too".into());
        out.extend(single(ctx, w, rt));
    }

    // 2. Both stages on node:<version>-alpine, when the builder is the official Debian
    //    node image and installs no OS packages (those would have to be found again in
    //    Alpine's): native addons are then built for musl in the builder.
    let apt = installs_debian_packages(w);
    let from = ctx.stage_from(w.chain[0]);
    // The official node image is Debian-based unless its tag says Alpine.
    let debian_node = !distro.is_alpine() && !matches!(distro, Distro::Ubuntu(_));
    if let (true, false, false, "node", Some(from)) =
        (debian_node, system, apt, w.image_name(), from)
    {
        let image = format!("node:{}", common::tag_of(&[&tag.version, "alpine"]));
        let mut rt = Runtime::new(RewriteKind::Alpine, image.clone(), Distro::Alpine(None));
        rt.title = format!("Multi-stage on Alpine: {image}");
        rt.why = format!("the same Node.js version on Alpine, the smallest official Node image; the builder moves to {image} too, so native addons are built for its musl libc");
        rt.builder = e.clone();
        replace_from_image(&mut rt.builder, ctx.text, from, &image);
        rt.copies = copy_dirs(&builder, &dirs);
        rt.tail = globals.clone();
        rt.image_users = &["node"];
        rt.is_build_env = &is_build_env;
        rt.caveats = base_caveats.clone();
        rt.caveats.push(format!("the builder is {image} too: dependencies with native addons and no musl prebuilds need `apk add --no-cache python3 make g++` there to install"));
        rt.caveats.push(MUSL_DIFFERS.into());
        if w.runtime_text().contains("curl") {
            rt.packages.push("curl".into());
            rt.caveats.push(
                "curl is installed for the command that uses it: Alpine has only BusyBox wget"
                    .into(),
            );
        }
        rt.caveats.push("files outside the application directory that the app reads at run time must be copied too".into());
        out.extend(single(ctx, w, rt));
    }

    // 3. distroless/nodejs when the image runs `node <script>`.
    let runs_node = run
        .first()
        .is_some_and(|p| p == "node" || p.ends_with("/node"));
    let dl_major = major.filter(|m| [20, 22, 24].contains(m));
    if let (true, Some(m), false, true, false) = (
        runs_node,
        dl_major,
        distro.is_alpine(),
        globals.is_empty(),
        system,
    ) {
        let suffix = distro.distroless_suffix();
        let last_user = w.last_user();
        let mut u = shellless_user(ctx, last_user, "distroless");
        if last_user.is_some_and(|i| i.args.trim() == "node") {
            u.caveat = Some("USER node replaced by the `:nonroot` tag's user (uid 65532): distroless has no user node".into());
        }
        let image = format!("gcr.io/distroless/nodejs{m}-{suffix}{}", u.tag);
        let mut rt = Runtime::new(RewriteKind::Distroless, image.clone(), Distro::Unknown);
        rt.title = format!("Distroless: {image}");
        rt.why = format!("distroless/nodejs{m} is Node.js {m} and glibc with no shell or package manager, the same Debian family as the builder");
        rt.no_shell = Some("distroless");
        rt.builder = e.clone();
        rt.copies = copy_dirs(&builder, &dirs);
        rt.user = Some(u.line);
        rt.is_build_env = &is_build_env;
        rt.map = Box::new(|ins: &Instruction| distroless_map(ins));
        rt.caveats = base_caveats.clone();
        rt.caveats.extend(u.caveat);
        rt.caveats.push("the image's entrypoint is /nodejs/bin/node: CMD holds the script and its arguments; there is no npm".into());
        if !pk.keep.is_empty() {
            rt.caveats.push(format!(
                "the builder installs {}: distroless has no package manager",
                pk.keep.join(", ")
            ));
        }
        rt.caveats.push(common::NO_SHELL_DEBUG_TAG.into());
        out.extend(single(ctx, w, rt));
    }
    out
}

/// `CMD ["node", "a.js"]` → `CMD ["a.js"]`; `ENTRYPOINT node …` → `/nodejs/bin/node`.
fn distroless_map(ins: &Instruction) -> Carry {
    let words = |i: &Instruction| match &i.json {
        Some(v) => Some(v.clone()),
        None if !i.args.chars().any(|c| "$|&;<>()`*?~{}".contains(c)) => {
            Some(model::shell_words(&i.args))
        }
        None => None,
    };
    let is_node = |w: &str| w == "node" || w.ends_with("/node");
    match ins.keyword.as_str() {
        "CMD" => match words(ins) {
            Some(v) if v.first().is_some_and(|p| is_node(p)) => {
                Carry::Replace(format!("CMD {}", json_words(&v[1..])))
            }
            _ => Carry::Keep,
        },
        "ENTRYPOINT" => match words(ins) {
            Some(mut v) if v.first().is_some_and(|p| is_node(p)) => {
                v[0] = "/nodejs/bin/node".into();
                Carry::Replace(format!("ENTRYPOINT {}", json_words(&v)))
            }
            _ => Carry::Keep,
        },
        "HEALTHCHECK" => match healthcheck_exec(ins, |mut v| {
            if v.first().is_some_and(|p| is_node(p)) {
                v[0] = "/nodejs/bin/node".into();
            }
            v
        }) {
            Some(l) if l.contains("/nodejs/bin/node") => Carry::Replace(l),
            _ => Carry::Keep,
        },
        _ => Carry::Keep,
    }
}

/// No install in the image: node_modules comes from the build context.
fn from_context(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let tag = Tag::parse(w.tag());
    let name = w.image_name();
    // ONBUILD images are bases for other builds: their installs happen downstream.
    let onbuild = w.steps.iter().any(|s| s.ins.keyword == "ONBUILD");
    if name != "node" || w.distro().is_alpine() || tag.slim || w.chain.len() != 1 || onbuild {
        return vec![];
    }
    // Only a Node app: it runs node or a package manager.
    let run = w.run_words();
    if !run.first().is_some_and(|p| {
        matches!(
            p.rsplit('/').next().unwrap_or(p),
            "node" | "npm" | "yarn" | "pnpm"
        )
    }) {
        return vec![];
    }
    let Some(from) = ctx.stage_from(w.chain[0]) else {
        return vec![];
    };
    let mut out = Vec::new();
    let slim = common::tag_of(&[&tag.version, tag.codename.as_deref().unwrap_or(""), "slim"]);
    let mut e = Edits::default();
    replace_from_image(&mut e, ctx.text, from, &format!("node:{slim}"));
    let mut caveats = vec!["node_modules is copied from the build context: it must have been installed for Linux; installing it in the image (`npm ci --omit=dev`) is safer".into()];
    caveats.push(
        "the slim image has no compilers, git or curl: RUN steps needing them must install them"
            .into(),
    );
    out.extend(common::edit_final(
        ctx,
        RewriteKind::Slim,
        format!("Slim base: node:{slim}"),
        "the same Node.js version on Debian without compilers and docs: nothing in this image builds anything".into(),
        e,
        caveats,
    ));

    // Alpine, installing production dependencies in the image.
    let alpine = common::tag_of(&[&tag.version, "alpine"]);
    let mut e = Edits::default();
    replace_from_image(&mut e, ctx.text, from, &format!("node:{alpine}"));
    let mut caveats = Vec::new();
    let copies = w.context_copies();
    let nm = copies.iter().find(|(s, _)| {
        let words = model::shell_words(&s.ins.args);
        words.len() == 2
            && words[0].trim_start_matches("./").trim_end_matches('/') == "node_modules"
    });
    let pkg = copies.iter().find(|(s, _)| {
        let words = model::shell_words(&s.ins.args);
        words[..words.len().saturating_sub(1)]
            .iter()
            .any(|x| x.ends_with("package.json") || x.ends_with("package*.json"))
    });
    let major = node_major(w);
    if let Some((nm_step, _)) = nm {
        let Some((pkg_step, _)) = pkg else {
            return out;
        };
        let cmd = if major.is_some_and(|m| m < 15) {
            "npm install --production"
        } else {
            "npm install --omit=dev"
        };
        common::delete_block(&mut e, ctx.text, nm_step.ins);
        e.insert(pkg_step.ins.end_offset, format!("\nRUN {cmd}"));
        caveats.push(format!(
            "node_modules is installed in the image (`{cmd}`) instead of copied from the build context: a host's node_modules does not run on Alpine (musl)"
        ));
        caveats.push("dependencies with native addons and no musl prebuilds need python3, make and g++ to install: add them in a builder stage".into());
    } else {
        caveats.push(
            "Alpine uses musl libc: native addons in node_modules must be built for it".into(),
        );
    }
    out.extend(common::edit_final(
        ctx,
        RewriteKind::Alpine,
        format!("Alpine base: node:{alpine}"),
        "the same Node.js version on Alpine, the smallest official Node image".into(),
        e,
        caveats,
    ));
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::{analyze, Assumptions};

    use crate::engine::rewrite::proposed_kinds as kinds;

    const BUILD: &str =
        "FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\n";

    #[test]
    fn a_multi_stage_final_stage_running_node_also_gets_distroless() {
        let t = format!(
            "{BUILD}FROM node:22\nWORKDIR /app\nCOPY --from=build /app .\nCMD node server.js\n"
        );
        let a = analyze(&t, &Assumptions::default());
        let d = a.rewrites.iter().find(|r| r.kind == "distroless").unwrap();
        assert!(d
            .dockerfile
            .contains("FROM gcr.io/distroless/nodejs22-debian12\n"));
        assert!(
            d.dockerfile.ends_with("CMD [\"server.js\"]\n"),
            "{}",
            d.dockerfile
        );
        // npm is not in the image; a RUN needs a shell; an Alpine builder's addons are musl's.
        for t in [
            format!("{BUILD}FROM node:22\nCOPY --from=build /app .\nCMD [\"npm\", \"start\"]\n"),
            format!("{BUILD}FROM node:22\nCOPY --from=build /app .\nRUN mkdir -p /data\nCMD [\"node\", \"a.js\"]\n"),
            BUILD.replace("node:22 AS", "node:22-alpine AS")
                + "FROM node:22\nCOPY --from=build /app .\nCMD [\"node\", \"a.js\"]\n",
        ] {
            assert!(!kinds(&t).contains(&"distroless"), "{t}");
        }
    }

    #[test]
    fn a_multi_stage_file_on_debian_node_images_moves_every_stage_to_alpine() {
        let t = "FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\
                 FROM build AS test\nRUN npm test\n\
                 FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n\
                 COPY --from=build /app/dist ./dist\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n\
                 CMD [\"node\", \"dist/a.js\"]\n";
        let a = analyze(t, &Assumptions::default());
        let r = a.rewrites.iter().find(|r| r.kind == "alpine").unwrap();
        assert_eq!(
            r.dockerfile,
            t.replace("FROM node:20-slim AS build", "FROM node:20-alpine AS build")
                .replace(
                    "FROM node:20-slim\n",
                    "FROM node:20-alpine\nRUN apk add --no-cache curl\n"
                )
        );
        assert!(r.bytes < a.before.bytes);
        // An apt step in any stage, a builder on another image, Debian's own Node.js or an
        // Alpine runtime already: left as it is.
        let fin = "FROM node:20-slim\nCOPY --from=build /app /app\nCMD [\"node\", \"/app/a.js\"]\n";
        for build in [
            "FROM node:20 AS build\nRUN apt-get update && apt-get install -y libvips-dev\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
            "FROM debian:12 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        ] {
            let t = format!("{build}{fin}");
            assert!(!kinds(&t).contains(&"alpine"), "{t}");
        }
        let t = format!(
            "{BUILD}FROM node:22-alpine\nCOPY --from=build /app /app\nCMD [\"node\", \"/app/a.js\"]\n"
        );
        assert!(!kinds(&t).contains(&"alpine"), "{t}");
    }

    #[test]
    fn a_debian_node_build_also_moves_whole_to_alpine() {
        let t = "FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
\
                 HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
CMD [\"npm\", \"start\"]
";
        let a = analyze(t, &Assumptions::default());
        let r = a.rewrites.iter().find(|r| r.kind == "alpine").unwrap();
        // Builder and runtime on the same Alpine image, so addons are built for musl.
        assert!(
            r.dockerfile.starts_with("FROM node:20-alpine AS builder\n"),
            "{}",
            r.dockerfile
        );
        assert!(r.dockerfile.contains("\nFROM node:20-alpine\n"));
        assert!(r.dockerfile.contains("RUN npm prune --omit=dev\n"));
        // The health check's curl is not in Alpine.
        assert!(
            r.dockerfile.contains("apk add --no-cache curl"),
            "{}",
            r.dockerfile
        );
        let slim = a.rewrites.iter().find(|r| r.kind == "multi-stage").unwrap();
        assert!(r.bytes < slim.bytes);
        // OS packages from apt would have to be found again in Alpine's; Node.js from the
        // distribution, or an Alpine builder, is left as it is.
        for t in [
            "FROM node:20\nRUN apt-get update && apt-get install -y libvips\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n",
            "FROM debian:12\nRUN apt-get update && apt-get install -y nodejs npm\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n",
            "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n",
        ] {
            assert!(!kinds(t).contains(&"alpine"), "{t}");
        }
        // `node` alone and `lts` keep their meaning on Alpine.
        let tag = |from: &str| {
            let t = format!(
                "FROM {from}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n"
            );
            let a = analyze(&t, &Assumptions::default());
            let r = a.rewrites.iter().find(|r| r.kind == "alpine").unwrap();
            r.dockerfile.lines().next().unwrap_or("").to_string()
        };
        assert_eq!(
            tag("node"),
            "FROM alpine AS builder".replace("alpine", "node:alpine")
        );
        assert_eq!(tag("node:lts-bookworm"), "FROM node:lts-alpine AS builder");
        assert_eq!(
            tag("node:22.11.0-bookworm-slim"),
            "FROM node:22.11.0-alpine AS builder"
        );
        // A tag the table knows only by a near build (`node:18` filed as 18-bullseye) is
        // still the Debian-based official image.
        assert_eq!(tag("node:18"), "FROM node:18-alpine AS builder");
        assert_eq!(tag("node:16"), "FROM node:16-alpine AS builder");
    }
}
