//! PHP: run Composer in the builder, ship the application on the Alpine PHP image.
//!
//! - **multi-stage**: the builder keeps the user's steps with `composer install
//!   --no-dev --optimize-autoloader`; the runtime is `php:<same version>-fpm-alpine`
//!   (`-cli-alpine` for CLI images; Apache images have no Alpine variant and keep
//!   their own) and installs the same extensions with `install-php-extensions`,
//!   which knows each extension's Alpine libraries, then copies the application.

use super::common::{
    self, app_dirs, build_platform_caveat, copy_dirs, os_packages, runtime_packages, single, Ctx,
    Distro, Runtime, Tag, Walk,
};
use super::detect::{program, Shape};
use super::{source_of, Edits, Proposal, RewriteKind};

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(_) => vec![],
    }
}

fn is_build_env(k: &str) -> bool {
    k.starts_with("COMPOSER")
}

/// Extensions the builder installs.
fn extensions(w: &Walk) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, c) in w.commands() {
        let p = program(c);
        let names: Vec<&String> = match p {
            "docker-php-ext-install" | "docker-php-ext-enable" | "install-php-extensions" => {
                c.argv[1..].iter().filter(|a| !a.starts_with('-')).collect()
            }
            "pecl" if c.argv.get(1).is_some_and(|a| a == "install") => {
                c.argv[2..].iter().filter(|a| !a.starts_with('-')).collect()
            }
            _ => vec![],
        };
        for n in names {
            if n.contains('$') {
                continue;
            }
            // `redis-6.0.2` → `redis`
            let base = n.split('-').next().unwrap_or(n).to_string();
            if !out.contains(&base) {
                out.push(base);
            }
        }
    }
    out
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let name = w.image_name();
    if !matches!(name, "php" | "composer") {
        return vec![];
    }
    let Some((step, cmd)) =
        w.find_last(|c| program(c) == "composer" && c.argv.get(1).is_some_and(|a| a == "install"))
    else {
        return vec![];
    };
    let builder = common::builder_name(w.stage());
    let tag = Tag::parse(w.tag());
    let mut e = Edits::default();
    let mut caveats = Vec::new();

    // composer install --no-dev --optimize-autoloader
    let mut add = Vec::new();
    if !cmd.argv.iter().any(|a| a == "--no-dev") {
        add.push("--no-dev");
    }
    if !cmd.argv.iter().any(|a| {
        a == "--optimize-autoloader"
            || a == "-o"
            || a.starts_with("--classmap-authoritative")
            || a == "-a"
    }) {
        add.push("--optimize-autoloader");
    }
    if !add.is_empty() {
        let src = source_of(ctx.text, step.ins);
        if step.ins.json.is_some() {
            return vec![];
        }
        let Some(pos) = src.find("composer install") else {
            return vec![];
        };
        e.insert(
            step.ins.start_offset + pos + "composer install".len(),
            format!(" {}", add.join(" ")),
        );
        caveats.push(format!(
            "`{}` added to `composer install`: the runtime gets production packages and an optimised class map",
            add.join(" ")
        ));
    }

    // The runtime image: the builder's variant on Alpine.
    let variant = if name == "composer" {
        "cli".to_string()
    } else {
        tag.words
            .iter()
            .find(|w| matches!(w.as_str(), "fpm" | "cli" | "apache" | "zts"))
            .cloned()
            .unwrap_or_else(|| "cli".into())
    };
    let version = if name == "composer" {
        caveats.push("the composer image runs the newest PHP: php:8-cli-alpine is assumed; pin the PHP version the application targets".into());
        "8".to_string()
    } else {
        tag.version.clone()
    };
    let alpine = variant != "apache";
    let image = if alpine {
        format!("php:{}", common::tag_of(&[&version, &variant, "alpine"]))
    } else {
        format!(
            "php:{}",
            common::tag_of(&[&version, &variant, tag.codename.as_deref().unwrap_or("")])
        )
    };
    if !alpine {
        caveats.push("the official Apache images have no Alpine variant: the runtime keeps php:*-apache and drops Composer, its cache and dev packages".into());
    }
    let builder_alpine = w.distro().is_alpine();
    let same_family = alpine == builder_alpine;
    let distro = if alpine {
        Distro::Alpine(None)
    } else {
        w.distro()
    };

    let exts = extensions(w);
    let mut head = Vec::new();
    if !exts.is_empty() {
        head.push("COPY --from=mlocati/php-extension-installer /usr/bin/install-php-extensions /usr/local/bin/".to_string());
        head.push(format!("RUN install-php-extensions {}", exts.join(" ")));
        caveats.push(format!(
            "extensions {} installed again in the runtime with install-php-extensions (mlocati/php-extension-installer), which adds their system libraries and removes its build dependencies",
            exts.join(", ")
        ));
    }
    let pk = runtime_packages(
        &os_packages(w),
        &["unzip", "zip", "libzip", "composer"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    let mut packages = Vec::new();
    if same_family {
        packages = pk.keep.clone();
    } else if !pk.keep.is_empty() {
        caveats.push(format!(
            "the builder installs {} with apt: install their Alpine packages in the runtime if the application needs them",
            pk.keep.join(", ")
        ));
    }
    if !pk.fetchers.is_empty() {
        let only_fetchers = common::RuntimePackages {
            fetchers: pk.fetchers.clone(),
            ..Default::default()
        };
        caveats.extend(only_fetchers.caveats("extensions"));
    }
    caveats.extend(build_platform_caveat(ctx, w, "compiled extensions"));

    let ran_in_wd = w.commands().any(|(s, _)| s.workdir == w.workdir);
    let Some(dirs) = app_dirs(w, ran_in_wd) else {
        return vec![];
    };
    if dirs.is_empty() {
        return vec![];
    }
    let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro);
    rt.title = format!("Multi-stage onto {image}");
    rt.why = if alpine {
        format!(
            "{image} is the same PHP {} on Alpine without Composer, git, unzip and dev packages",
            if version.is_empty() {
                "release".to_string()
            } else {
                version.clone()
            }
        )
    } else {
        format!("{image} is the same PHP image without Composer, git, unzip and dev packages")
    };
    rt.builder = e;
    rt.head = head;
    rt.copies = copy_dirs(&builder, &dirs);
    rt.packages = packages;
    rt.same_family = same_family;
    rt.image_users = &["www-data"];
    rt.is_build_env = &is_build_env;
    rt.caveats = caveats;
    rt.caveats.push("php.ini settings and config files the builder added (conf.d, pool configs) must be copied too".into());
    single(ctx, w, rt).into_iter().collect()
}
