//! Composer and PHP extensions.

use super::*;

/// A step of installing Composer with its installer from getcomposer.org, in a RUN whose
/// script mentions it: `Some(true)` for the step that writes the phar (`php installer`,
/// `php composer-setup.php`, `… | php -- --install-dir=…`, a download of composer.phar),
/// `Some(false)` for the others (downloading the installer, `php -r` checks and unlinks).
pub(super) fn composer_setup(c: &model::Command, script: &str) -> Option<bool> {
    if !script.contains("getcomposer.org") && !script.contains("composer-setup") {
        return None;
    }
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let words = &c.argv[1.min(c.argv.len())..];
    match prog {
        "curl" | "wget" if words.iter().any(|w| w.contains("getcomposer.org")) => Some(
            words
                .iter()
                .any(|w| w.contains("getcomposer.org") && w.ends_with(".phar")),
        ),
        "php" if words.iter().any(|w| w == "-r") => Some(false),
        "php"
            if words.is_empty()
                || words.iter().any(|w| {
                    w == "--"
                        || w.starts_with("--install-dir")
                        || w.starts_with("--filename")
                        || w.ends_with("installer")
                        || w.ends_with("composer-setup.php")
                }) =>
        {
            Some(true)
        }
        _ => None,
    }
}

/// Who compiles a PHP extension into an official `php` image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PhpTool {
    /// `docker-php-ext-install`: builds from the image's PHP sources; the system
    /// libraries come from the `-dev` packages the Dockerfile installed itself.
    DockerPhpExt,
    /// `pecl install`: downloads and builds from PECL.
    Pecl,
    /// mlocati's `install-php-extensions`: installs the libraries the extension loads
    /// and removes its build dependencies.
    Mlocati,
}

/// `docker-php-ext-install [-j N] ext…`, `pecl install [-o -f] ext…`,
/// `install-php-extensions ext…`: the tool and the extensions named.
pub(super) fn php_extensions(c: &model::Command) -> Option<(PhpTool, Vec<String>)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let (tool, rest) = match prog {
        "docker-php-ext-install" => (PhpTool::DockerPhpExt, 1),
        "install-php-extensions" => (PhpTool::Mlocati, 1),
        "pecl" if c.argv.get(1).map(String::as_str) == Some("install") => (PhpTool::Pecl, 2),
        _ => return None,
    };
    let mut names = Vec::new();
    let mut skip_value = false;
    for w in c.argv.iter().skip(rest) {
        if skip_value {
            skip_value = false;
        } else if matches!(
            w.as_str(),
            "-j" | "--jobs" | "--ini-name" | "-D" | "--configureoptions"
        ) {
            skip_value = true;
        } else if !w.starts_with('-') && !w.contains(['$', '`', '(', ')', '=', '\'', '"']) {
            names.push(w.clone());
        }
    }
    Some((tool, names))
}

/// The bytes PHP extensions add: each .so as Debian builds it; for
/// `install-php-extensions` on a Debian-based image, also the libraries it keeps.
pub(super) fn php_extension_layer(
    tool: PhpTool,
    names: &[String],
    cmds: &[model::Command],
    st: &mut StageState,
) -> (Fact, String, bool) {
    let inst = sizes::php::install(names);
    let so = inst.so_bytes;
    // docker-php-ext-install strips what it builds (docker-library/php#1268), as
    // install-php-extensions does; `pecl install` does not unless the Dockerfile strips.
    let stripped = tool != PhpTool::Pecl || cmds.iter().any(|o| o.is("strip", &[]));
    let mut f = fact(so, so, if stripped { so } else { so.saturating_mul(2) });
    let mut parts = vec![format!(
        "PHP extension(s) {}: {} of .so (measured from Debian bookworm's packages, data/php/extensions.tsv){}",
        inst.known
            .iter()
            .map(|e| e.name)
            .collect::<Vec<_>>()
            .join(", "),
        fmt_bytes(so),
        if stripped {
            ""
        } else {
            "; pecl builds unstripped, so up to 2×"
        }
    )];
    if inst.known.is_empty() {
        parts[0] = "PHP extension(s): none with a size".into();
    }
    if !inst.builtin.is_empty() {
        parts.push(format!(
            "already compiled into the php image: {}",
            inst.builtin.join(", ")
        ));
    }
    if !inst.unknown.is_empty() {
        parts.push(format!(
            "not in the extension table (not counted): {}",
            inst.unknown.join(", ")
        ));
    }
    if tool == PhpTool::Mlocati {
        let runtime: Vec<String> = inst
            .known
            .iter()
            .flat_map(|e| e.runtime.iter().map(|r| r.to_string()))
            .collect();
        match st.apt.as_mut() {
            Some(present) if !runtime.is_empty() => {
                let libs = sizes::apt::install_in(st.apt_release, &runtime, false, present);
                present.extend(libs.new.iter().copied());
                let kept = apt_kept(&libs, st.slim);
                f = add(f, kept);
                parts.push(format!(
                    "libraries it keeps: {} new Debian package(s), {}{}",
                    libs.new.len(),
                    fmt_bytes(kept.bytes),
                    if libs.unknown.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (not in the {} table, not counted: {})",
                            st.apt_release.name(),
                            libs.unknown.join(" ")
                        )
                    }
                ));
            }
            // On Alpine it installs the same libraries' Alpine packages: priced as
            // Debian's, scaled as other Alpine packages the table lacks.
            None if !runtime.is_empty() && st.musl => {
                let debian = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
                let libs = sizes::apt::equivalents(&runtime, |n| Some(n.to_string()), debian);
                let approx = per_mille(libs.bytes, facts::APK_PER_DEBIAN);
                f = add(f, approx);
                parts.push(format!(
                    "the libraries it installs, approximated (low confidence): Debian's {} ({} package(s) with dependencies, {} on a slim image) {}",
                    runtime.join(" "),
                    libs.packages,
                    fmt_bytes(libs.bytes),
                    ratio_text(facts::APK_PER_DEBIAN)
                ));
            }
            None if !runtime.is_empty() => {
                parts.push("the system libraries it installs on this base: not counted".into())
            }
            _ => {}
        }
    }
    if tool == PhpTool::Pecl
        && !cmds
            .iter()
            .any(|o| o.argv.iter().any(|w| w.starts_with("/tmp/pear")))
    {
        parts.push("pecl's download cache in /tmp/pear stays (size not in the tables)".into());
    }
    let unknown = inst.known.is_empty() && !inst.unknown.is_empty();
    (f, parts.join("; "), unknown)
}

/// `php artisan config:cache`, `route:cache`, `optimize`…: Laravel writes a few cached PHP
/// files (bootstrap/cache), a symlink or a key: nothing of note. `view:cache` (compiled
/// templates) and `migrate` (a database) are not among them.
pub(super) fn artisan_small(c: &model::Command) -> bool {
    c.program().rsplit('/').next() == Some("php")
        && c.argv.get(1).is_some_and(|w| w == "artisan")
        && c.argv.get(2).is_some_and(|w| {
            matches!(
                w.as_str(),
                "config:cache"
                    | "route:cache"
                    | "event:cache"
                    | "optimize"
                    | "storage:link"
                    | "key:generate"
                    | "package:discover"
                    | "config:clear"
                    | "route:clear"
                    | "cache:clear"
                    | "view:clear"
                    | "optimize:clear"
                    | "event:clear"
            )
        })
}

/// `composer install`/`update`/`require`: vendor/ (the default or the named packages) and
/// Composer's cache.
pub(super) fn composer_install_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, env, sc, .. } = *cx;
    let cmds = &sc.cmds;
    let set = |k: &str| env_set(env, k);
    run.modelled += 1;
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
    run.total = add(run.total, f);
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
    run.basis.push(b);
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
        && !dirs.iter().any(|d| sc.removed(d))
        && !sc.cache_mounted("composer");
    if kept {
        let k = facts::COMPOSER_CACHE_PER_VENDOR;
        let cache = scaled(f, k);
        run.total = add(run.total, cache);
        run.basis.push(format!(
            "Composer's cache kept in {}: {} ({} ‰ of vendor/; {})",
            dirs[0],
            fmt_bytes(cache.bytes),
            k.bytes,
            k.source
        ));
    }
}
