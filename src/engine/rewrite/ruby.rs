//! Ruby: bundle in the full image, run on the slim one.
//!
//! - **multi-stage**: the builder installs gems without the development and
//!   test groups (`BUNDLE_WITHOUT=development:test`, unless the file already
//!   chooses groups) and drops the downloaded `.gem` files; the runtime is
//!   `ruby:<same version>-slim` (or the builder's own Alpine image, since gems
//!   with native extensions are linked against its C library) and copies the
//!   gems (`/usr/local/bundle`, the official images' `BUNDLE_PATH`, or the
//!   application's `vendor/bundle`) and the application.

use super::common::{
    self, app_dirs, build_platform_caveat, comment_start, copy_dirs, os_packages, runtime_packages,
    single, Ctx, Distro, Runtime, Tag, Walk,
};
use super::detect::{program, Shape};
use super::{Edits, Proposal, RewriteKind};

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => common::interpreter_slim(ctx, &m.fin, "gems with native extensions")
            .into_iter()
            .collect(),
    }
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let name = w.image_name();
    if name != "ruby" && !name.ends_with("/ruby") {
        return vec![];
    }
    let Some((install_step, _)) =
        w.find(|c| program(c) == "bundle" && c.argv.get(1).is_some_and(|a| a == "install"))
    else {
        return vec![];
    };
    let builder = common::builder_name(w.stage());
    let distro = w.distro();
    let tag = Tag::parse(w.tag());
    let mut e = Edits::default();
    let mut caveats = Vec::new();

    // Where the gems go: BUNDLE_PATH / --path / `bundle config set path`, else the image's.
    let configured = w.commands().find_map(|(s, c)| {
        if program(c) == "bundle" && c.argv.get(1).is_some_and(|a| a == "config") {
            let i = c.argv.iter().position(|a| a == "path" || a == "--path")?;
            return c.argv.get(i + 1).map(|p| (s.workdir.clone(), p.clone()));
        }
        if program(c) == "bundle" && c.argv.get(1).is_some_and(|a| a == "install") {
            if let Some(p) = c.option(&["--path"]) {
                return Some((s.workdir.clone(), p.to_string()));
            }
            if c.argv.iter().any(|a| a == "--deployment") {
                return Some((s.workdir.clone(), "vendor/bundle".to_string()));
            }
        }
        None
    });
    let gems = match (&configured, install_step.env.get("BUNDLE_PATH")) {
        (Some((wd, p)), _) => common::normalise(&common::join(wd, p)),
        (None, Some(p)) => common::normalise(&common::join(&install_step.workdir, p)),
        (None, None) => "/usr/local/bundle".to_string(),
    };

    // Leave the development and test groups out, unless the file already chooses.
    let chooses_groups = w.env.contains_key("BUNDLE_WITHOUT")
        || w.env.contains_key("BUNDLE_ONLY")
        || w.commands().any(|(_, c)| {
            program(c) == "bundle"
                && c.argv
                    .iter()
                    .any(|a| a == "without" || a == "--without" || a == "only")
        });
    let mut env_lines = Vec::new();
    if !chooses_groups {
        let at = comment_start(ctx.text, install_step.ins);
        let line_start = ctx.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        e.insert(line_start, "ENV BUNDLE_WITHOUT=\"development:test\"\n");
        env_lines.push("ENV BUNDLE_WITHOUT=\"development:test\"".to_string());
        caveats.push("`BUNDLE_WITHOUT=development:test` set before `bundle install`: steps in the builder that need those groups (tests, linters) must run in another stage".into());
    }
    // The downloaded .gem files are not needed once installed.
    let last_bundle = w
        .steps
        .iter()
        .rev()
        .find(|s| {
            s.cmds
                .iter()
                .any(|c| program(c) == "bundle" && c.argv.get(1).is_some_and(|a| a == "install"))
        })
        .map(|s| s.ins)
        .unwrap_or(install_step.ins);
    if gems == "/usr/local/bundle" {
        e.insert(
            last_bundle.end_offset,
            "\nRUN rm -rf /usr/local/bundle/cache /usr/local/bundle/ruby/*/cache",
        );
        caveats.push("the downloaded .gem files (/usr/local/bundle/cache) are removed after `bundle install`: the runtime copies the installed gems only".into());
    }

    let pk = runtime_packages(
        &os_packages(w),
        &["nodejs", "npm", "yarn", "ruby-dev"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    caveats.extend(pk.caveats("gems with native extensions (pg, mysql2…)"));
    caveats.extend(build_platform_caveat(ctx, w, "native extensions"));

    let (image, why) = match &distro {
        Distro::Alpine(_) => (
            format!("{}:{}", name, w.tag()),
            "the builder is Alpine: the same image keeps the musl libc the gems' native extensions were built against, without compilers and headers".to_string(),
        ),
        _ => {
            let t = common::tag_of(&[&tag.version, "slim", tag.codename.as_deref().unwrap_or("")]);
            (
                format!("ruby:{t}"),
                "ruby's slim variant is the same Ruby and Debian release without compilers and headers, so gems built in the builder still load".to_string(),
            )
        }
    };
    let ran_in_wd = w.commands().any(|(s, _)| s.workdir == w.workdir);
    let Some(mut dirs) = app_dirs(w, ran_in_wd) else {
        return vec![];
    };
    if !dirs.iter().any(|(d, _)| common::is_under(&gems, d)) {
        dirs.insert(0, (gems.clone(), None));
    }
    let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
    rt.title = format!("Multi-stage onto {image}");
    rt.why = why;
    rt.builder = e;
    rt.env = env_lines;
    rt.copies = copy_dirs(&builder, &dirs);
    rt.packages = pk.install();
    rt.caveats = caveats;
    if w.commands()
        .any(|(_, c)| c.argv.iter().any(|a| a == "assets:precompile"))
    {
        rt.caveats.push("assets compiled in the builder (rails assets:precompile) are copied with the application directory; Node.js is not in the runtime".into());
    }
    single(ctx, w, rt).into_iter().collect()
}
