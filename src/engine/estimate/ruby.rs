//! Bundler and `gem install`.

use super::*;

/// `gem install NAME… [-v V] [--no-document]`: the gems named (None for anything else,
/// such as `gem install --file Gemfile` or `gem update --system`).
pub(super) fn gem_install(c: &model::Command) -> Option<Vec<String>> {
    if !c.is("gem", &["install"]) {
        return None;
    }
    let mut names = Vec::new();
    let mut words = c.words().iter().skip(2);
    while let Some(w) = words.next() {
        match w.as_str() {
            "-v" | "--version" | "-i" | "--install-dir" | "-n" | "--bindir" | "--source" | "-s"
            | "--platform" | "-P" | "--trust-policy" | "--build-root" | "-p" | "--http-proxy"
            | "--config-file" => {
                words.next();
            }
            "-g" | "--file" => return None,
            w if w.starts_with('-') => {}
            // `rails:7.1.0`, `'rails:~> 7.1'`: the name before the version.
            w => names.push(
                w.trim_matches(['\'', '"'])
                    .split(':')
                    .next()
                    .unwrap_or(w)
                    .to_string(),
            ),
        }
    }
    names.retain(|n| !n.is_empty() && !n.contains(['>', '<', '=', '~']));
    (!names.is_empty()).then_some(names)
}

/// What `bundle install`'s basis says, which `bootsnap precompile --gemfile` reads back
/// to find the bundle and whether its figure still holds the .gem cache.
const GEMFILE_GEMS: &str = "gems from the Gemfile";
const GEM_CACHE_DELETED: &str = ".gem cache is deleted";
/// `bundle install`: the user's "Downloaded dependencies", or a default — a Rails app's
/// gems when the Dockerfile names Rails (production only when it leaves out the
/// development and test groups), else the Ruby starters' median. Bundler keeps each .gem
/// in `/usr/local/bundle/cache` unless the same RUN deletes it. Takes the lowercased
/// Dockerfile ([`Doc::lower`]); returns (size, basis).
fn bundle_install(
    lower: &str,
    production: bool,
    cmds: &[model::Command],
    a: &Assumptions,
) -> (Fact, String) {
    let (d, what) = if lower.contains("rails") && production {
        (
            facts::RAILS_GEMS_PRODUCTION,
            "a Rails app's production gems",
        )
    } else if lower.contains("rails") {
        (
            facts::RAILS_GEMS_ALL_GROUPS,
            "a Rails app's gems, development and test groups included",
        )
    } else {
        (facts::RUBY_APP_GEMS, "a Ruby app's gems")
    };
    if a.dependencies_bytes.is_some() {
        return dependency_default(a, GEMFILE_GEMS, d);
    }
    let (d, mut basis) = dependency_default(a, &format!("{GEMFILE_GEMS}, {what}"), d);
    let cache_removed = cmds.iter().filter(|o| o.is("rm", &[])).any(|o| {
        o.argv
            .iter()
            .skip(1)
            .map(|w| w.to_ascii_lowercase())
            .any(|w| w.contains("cache") && (w.contains("bundle") || w.contains("gem")))
    });
    if !cache_removed {
        return (d, basis);
    }
    let keep = 1000 - facts::GEM_CACHE_SHARE;
    let f = fact(d.bytes * keep / 1000, d.low * keep / 1000, d.high);
    basis.push_str(&format!(
        "; the {GEM_CACHE_DELETED} in this RUN: −{} (its measured share of a bundle, data/MEASURED.md)",
        fmt_bytes(d.bytes - f.bytes)
    ));
    (f, basis)
}

/// `bundle install`: the Gemfile's gems (a default: Slimfile cannot see the Gemfile), where
/// bundler puts them, and the groups left out.
pub(super) fn bundle_install_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { doc, a, c, sc, .. } = *cx;
    let cmds = &sc.cmds;
    run.modelled += 1;
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
    let (f, b) = bundle_install(&doc.lower, production, cmds, a);
    run.total = add(run.total, f);
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
    run.basis.push(b);
}

/// `gem install`: the named gems from the gem table, with their caches.
pub(super) fn gem_install_step(cx: &Cx, st: &mut StageState, run: &mut Run, names: Vec<String>) {
    let Cx { c, sc, .. } = *cx;
    // Each gem's files and the .gem `gem install` keeps in GEM_HOME/cache, as
    // Debian packages the gems (tests and docs dropped: a lower bound).
    let inst = sizes::gems::install(&names, &st.gems);
    if !inst.unknown.is_empty() {
        run.unknown
            .push(format!("gem install {}", inst.unknown.join(" ")));
    }
    if !inst.gems.is_empty() || inst.unknown.is_empty() {
        run.modelled += 1;
        st.gems.extend(inst.gems.iter().copied());
        // GEM_HOME (the ruby images set /usr/local/bundle), or `--install-dir`.
        let home = c
            .option(&["-i", "--install-dir"])
            .map(str::to_string)
            .or_else(|| Some(model::expand("$GEM_HOME", &st.env)).filter(|d| !d.is_empty()))
            .unwrap_or_else(|| "/usr/local/bundle".into());
        let home = join_path(&st.workdir, &home);
        // The .gem archives stay in GEM_HOME/cache unless this RUN deletes them.
        let cache_removed = sc.removed(&format!("{home}/cache"));
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
        run.total = add(run.total, f);
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: home,
            size: f,
            basis: "gems gem install unpacked (data/ruby/gems.tsv)".into(),
        });
        run.basis.push(format!(
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
}

/// `bootsnap precompile`: the compile cache of the app's or the gems' Ruby and YAML.
pub(super) fn bootsnap_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, .. } = *cx;
    // bootsnap's compile cache (tmp/cache/bootsnap unless --cache-dir): the gems'
    // (--gemfile) or the named folders' Ruby and YAML, compiled.
    run.modelled += 1;
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
    run.total = add(run.total, f);
    run.basis.push(format!(
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
}
