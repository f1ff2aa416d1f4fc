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
pub(super) const GEMFILE_GEMS: &str = "gems from the Gemfile";
pub(super) const GEM_CACHE_DELETED: &str = ".gem cache is deleted";
/// `bundle install`: the user's "Downloaded dependencies", or a default — a Rails app's
/// gems when the Dockerfile names Rails (production only when it leaves out the
/// development and test groups), else the Ruby starters' median. Bundler keeps each .gem
/// in `/usr/local/bundle/cache` unless the same RUN deletes it. Takes the lowercased
/// Dockerfile ([`Doc::lower`]); returns (size, basis).
pub(super) fn bundle_install(
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
