//! Alpine packages: installed sizes (`data/apk/alpine-installed-sizes.tsv`).
//!
//! Alpine's package index is not reachable from where the tables are built, so the
//! table holds the installed sizes docker-library/repo-info prints for the apk
//! packages of Alpine-based official images (Alpine 3.9–3.22, 2019–2025), one row per
//! package version with the file it was read from; a stage takes the figures of its own
//! Alpine release, or the nearest one the table has. An `apk add` is sized from the
//! packages it names and the explicit dependencies their APKBUILDs declare
//! (`data/apk/depends.tsv`); the shared libraries abuild adds as dependencies are not
//! listed, which the estimate's range says. Read through [`super::tables`] like the others.

use crate::engine::sort;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// One package's installed size in one Alpine release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApkPackage {
    pub name: &'static str,
    pub version: &'static str,
    pub bytes: u64,
    /// Alpine release the figure is from (`3.13`), or empty.
    pub alpine: &'static str,
}

/// Every row of the table by package name (all the releases it was seen in).
fn table() -> &'static HashMap<&'static str, Vec<ApkPackage>> {
    static T: OnceLock<HashMap<&'static str, Vec<ApkPackage>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<ApkPackage>> = HashMap::new();
        for line in super::tables::text(super::tables::Table::Apk)
            .lines()
            .filter(|l| !l.starts_with("name\t"))
        {
            let c: Vec<&'static str> = line.split('\t').collect();
            let (Some(&name), Some(&version), Some(bytes), Some(&alpine)) = (
                c.first(),
                c.get(1),
                c.get(2).and_then(|b| b.parse::<u64>().ok()),
                c.get(3),
            ) else {
                continue;
            };
            m.entry(name).or_default().push(ApkPackage {
                name,
                version,
                bytes,
                alpine,
            });
        }
        m
    })
}

/// `3.19` → (3, 19), for comparing releases as numbers (3.9 < 3.19).
pub fn release(a: &str) -> (u32, u32) {
    let mut it = a.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// `curl=8.5.0-r0`, `curl>8`, `curl@edge` → `curl`.
pub fn normalise(name: &str) -> &str {
    name.split(['=', '<', '>', '~', '@']).next().unwrap_or(name)
}

/// How far apart two Alpine releases are: a major version counts as 100 minor ones.
fn release_distance(a: &str, b: &str) -> u32 {
    let (a, b) = (release(a), release(b));
    a.0.abs_diff(b.0) * 100 + a.1.abs_diff(b.1)
}

/// A package's row from the newest release the table has it for.
pub fn lookup(name: &str) -> Option<ApkPackage> {
    lookup_in(name, None)
}

/// A package's row from `alpine` (`3.19`) when the table has that release, else the
/// nearest one (an older release on a tie); without a release, the newest.
pub fn lookup_in(name: &str, alpine: Option<&str>) -> Option<ApkPackage> {
    let rows = table().get(normalise(name))?;
    let key = |p: &&ApkPackage| -> (u32, u32, u32) {
        match alpine {
            Some(want) => {
                let (dist, b) = (release_distance(want, p.alpine), release(p.alpine));
                // Smaller distance first, then the older release on a tie.
                (u32::MAX - dist, u32::MAX - b.0, u32::MAX - b.1)
            }
            None => {
                let r = release(p.alpine);
                (0, r.0, r.1)
            }
        }
    };
    rows.iter().max_by_key(key).copied()
}

/// Whether every row of the dependency `name` comes from a release more than two minor
/// versions after `parent`, the release its dependent's row is from: as far as the table
/// knows, the dependent's package of then still held those files itself. (Compared with the
/// dependent's row, not the stage's release: for a stage older than the whole table, both
/// rows come from later releases.)
fn split_off_later(name: &str, parent: &str) -> bool {
    table().get(normalise(name)).is_some_and(|rows| {
        rows.iter()
            .all(|p| release(p.alpine) > release(parent) && release_distance(parent, p.alpine) > 2)
    })
}

/// What an `apk add` of `names` is known to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApkInstall {
    /// Packages with a size: the named ones, then their dependencies.
    pub known: Vec<ApkPackage>,
    /// Named packages the size table lacks.
    pub unknown: Vec<String>,
    /// Dependencies the size table lacks (not counted).
    pub unknown_deps: Vec<String>,
    /// Dependencies the table knows only from releases well after the one their dependent's
    /// row is from (not counted): today's APKBUILDs name packages split off later (`g++` →
    /// `libstdc++-dev`, gcc 12, Alpine 3.17), whose files the older package held itself.
    pub later_deps: Vec<String>,
    /// How many of `known` came in as dependencies.
    pub dependencies: usize,
    /// Named packages sized by a published closure (`data/apk/closures.tsv`).
    pub closures: Vec<Closure>,
    pub bytes: u64,
}

/// A published `apk add`: what apk said the step installed (`data/apk/closures.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    /// The packages the step named (PHP's versioned names as `php`, `php-fpm`).
    pub packages: Vec<&'static str>,
    pub alpine: &'static str,
    /// Packages that were installed before it (the closure excludes them).
    pub earlier: Vec<&'static str>,
    /// What the step installed.
    pub members: Vec<&'static str>,
    /// apk's "OK:" total after the step minus the one before (or the bare base image).
    pub bytes: u64,
    pub source: &'static str,
}

/// `php82` → `php`, `php83-fpm` → `php-fpm`: a PHP closure stands for any version's.
fn closure_name(n: &str) -> String {
    let n = normalise(n);
    if let Some(rest) = n.strip_prefix("php") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if rest.is_empty() || rest == "-fpm" {
            return format!("php{rest}");
        }
    }
    n.to_string()
}

/// [`closure_name`] of a row's own package names (static text: the alias or the name).
fn closure_key(n: &'static str) -> &'static str {
    match closure_name(n).as_str() {
        "php" => "php",
        "php-fpm" => "php-fpm",
        _ => n,
    }
}

/// The published closures of `data/apk/closures.tsv`, in file order (empty until the base
/// table, which the bare-image rows subtract, is loaded).
pub fn closures() -> &'static [Closure] {
    static T: OnceLock<Vec<Closure>> = OnceLock::new();
    // The bare-image rows subtract the base table's alpine sizes: wait until it is there.
    let text = super::tables::text(super::tables::Table::ApkClosures);
    if T.get().is_none()
        && (super::tables::text(super::tables::Table::Base).is_empty() || text.is_empty())
    {
        return &[];
    }
    T.get_or_init(|| {
        // "58 MiB", "18.7 MiB": read as thousandths, without the float parser (its tables
        // would add kilobytes to the WebAssembly).
        let mib = |t: &str| -> Option<u64> {
            let m = t.strip_suffix(" MiB")?;
            let (int, frac) = m.split_once('.').unwrap_or((m, ""));
            let frac = format!("{:0<3}", frac.get(..frac.len().min(3))?);
            let milli = int.parse::<u64>().ok()?.checked_mul(1000)? + frac.parse::<u64>().ok()?;
            Some(milli.checked_mul(1_048_576)? / 1000)
        };
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("packages\t"))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                let [packages, alpine, earlier, before, after, members, source] = c[..] else {
                    return None;
                };
                let before = if before == "bare" {
                    let r = super::parse_image_ref(&format!("alpine:{alpine}"))?;
                    super::lookup_base(&r)?.bytes
                } else {
                    mib(before)?
                };
                Some(Closure {
                    packages: packages.split_whitespace().map(closure_key).collect(),
                    alpine,
                    earlier: earlier.split_whitespace().collect(),
                    members: members.split_whitespace().collect(),
                    bytes: mib(after)?.checked_sub(before)?,
                    source,
                })
            })
            .collect()
    })
}

thread_local! {
    static EXCLUDED: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Leave one published closure out (by its row among the data rows), for the benchmark's
/// leave-one-out check (`examples/apk_closures.rs`); None puts it back.
pub fn exclude_closure(row: Option<usize>) {
    EXCLUDED.with(|e| e.set(row));
}

/// The published closures that size part of installing `names` onto `present`: the largest
/// named sets first, each from the nearest Alpine release; a closure measured after other
/// packages applies only when they are present, and never to a package already there.
/// Returns them and the names they leave to the table.
fn matching_closures(
    names: &[String],
    alpine: Option<&str>,
    present: &[String],
) -> (Vec<Closure>, Vec<String>) {
    let excluded = EXCLUDED.with(|e| e.get());
    let mut wanted: Vec<String> = names.iter().map(|n| closure_name(n)).collect();
    let mut have: Vec<String> = present.to_vec();
    let mut rows: Vec<(usize, &Closure)> = closures()
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != excluded)
        .collect();
    let distance = |c: &Closure| alpine.map_or(0, |a| release_distance(a, c.alpine));
    // Closures of a near release (two minor versions or fewer) first, even when a far one
    // covers more of the named packages: on 3.21 `nodejs npm` takes 3.20's nodejs and
    // npm's own figure, not 3.15's pair with a Node.js three majors older.
    // Then a closure that installs more of the named packages first (`python3-dev`'s holds
    // `python3`: counting `python3`'s own closure too would count Python twice).
    let covers = |c: &Closure| {
        wanted
            .iter()
            .filter(|w| c.members.contains(&w.as_str()) || c.packages.contains(&w.as_str()))
            .count()
    };
    sort::sort_by_cached_key(&mut rows, |(_, c)| {
        (
            distance(c) > 2,
            std::cmp::Reverse(covers(c)),
            std::cmp::Reverse(c.packages.len()),
            distance(c),
        )
    });
    let mut out = Vec::new();
    for (_, c) in rows {
        // A closure of a release more than two minor versions away only fills a gap in the
        // table: where the table has every package, its own release's figures win.
        let near = distance(c) <= 2;
        let gap = c.packages.iter().any(|p| lookup_in(p, alpine).is_none());
        if !near && !gap {
            continue;
        }
        let named = c.packages.iter().all(|p| wanted.iter().any(|w| w == p));
        let fresh = c.packages.iter().all(|p| !have.iter().any(|h| h == p));
        let after = c.earlier.iter().all(|e| have.iter().any(|h| h == e));
        if named && fresh && after {
            wanted
                .retain(|w| !c.packages.contains(&w.as_str()) && !c.members.contains(&w.as_str()));
            have.extend(c.members.iter().map(|m| m.to_string()));
            out.push(c.clone());
        }
    }
    let left = names
        .iter()
        .filter(|n| wanted.contains(&closure_name(n)))
        .cloned()
        .collect();
    (out, left)
}

/// Packages every `alpine` image starts with (its `alpine-base` world as repo-info lists
/// it for Alpine-based images; `libcrypto1.1`/`libssl1.1` before 3.17, `libapk2` from 3.22).
const ALPINE_BASE: &[&str] = &[
    "alpine-baselayout",
    "alpine-baselayout-data",
    "alpine-keys",
    "alpine-release",
    "apk-tools",
    "busybox",
    "busybox-binsh",
    "ca-certificates-bundle",
    "libapk2",
    "libc-utils",
    "libcrypto1.1",
    "libcrypto3",
    "libssl1.1",
    "libssl3",
    "musl",
    "musl-utils",
    "scanelf",
    "ssl_client",
    "zlib",
];

/// The explicit dependencies of `name` (its APKBUILD's `depends=`), when the table has it.
pub fn depends(name: &str) -> Option<Vec<&'static str>> {
    static T: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    // In the browser, before the table is fetched: nothing known yet.
    let t = super::tables::parsed(super::tables::Table::ApkDepends, &T, |text| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("package\t"))
            .filter_map(|l| {
                let mut c = l.split('\t');
                let name = c.next()?;
                let deps = c.next().unwrap_or("").split_whitespace().collect();
                Some((name, deps))
            })
            .collect()
    })?;
    t.get(normalise(name)).cloned()
}

/// What an `apk add` of `names` adds on Alpine `alpine` (nearest release's figures): the
/// named packages and, through [`depends`], what they pull in that the base lacks.
pub fn install(names: &[String], alpine: Option<&str>) -> ApkInstall {
    install_onto(names, alpine, &[])
}

/// [`install`] onto an image that already holds `present` (earlier `apk add`s).
pub fn install_onto(names: &[String], alpine: Option<&str>, present: &[String]) -> ApkInstall {
    let mut out = ApkInstall::default();
    let mut seen: Vec<String> = ALPINE_BASE
        .iter()
        .map(|s| s.to_string())
        .chain(present.iter().cloned())
        .collect();
    // Installs apk's own output measured: the whole closure, libraries included.
    let (closures, left) = matching_closures(names, alpine, &seen);
    for c in closures {
        seen.extend(c.members.iter().map(|m| m.to_string()));
        out.bytes += c.bytes;
        out.closures.push(c);
    }
    let names = &left[..];
    // The named packages first (breadth-first), so one named package that another depends
    // on still counts as named.
    // Each with whether it came in as a dependency, and the release its dependent's row is from.
    let mut todo: Vec<(String, bool, Option<&str>)> = names
        .iter()
        .rev()
        .map(|n| (n.clone(), false, None))
        .collect();
    let named_set: Vec<String> = names.iter().map(|n| normalise(n).to_string()).collect();
    while let Some((n, dep, parent)) = todo.pop() {
        let name = normalise(&n).to_string();
        // `so:libfoo.so.1`, `cmd:foo`, `!conflict`: virtual names, not packages.
        if name.is_empty() || name.contains(':') || name.starts_with('!') || seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        if parent.is_some_and(|r| split_off_later(&name, r)) {
            out.later_deps.push(name);
            continue;
        }
        let row = lookup_in(&name, alpine);
        match row {
            Some(p) => {
                out.bytes += p.bytes;
                out.known.push(p);
                out.dependencies += usize::from(dep);
            }
            None if dep => out.unknown_deps.push(name.clone()),
            None => out.unknown.push(n.clone()),
        }
        for d in depends(&name).unwrap_or_default().into_iter().rev() {
            if !named_set.iter().any(|n| n == d) {
                todo.insert(0, (d.to_string(), true, row.map(|p| p.alpine)));
            }
        }
    }
    out
}

/// The Debian package an Alpine package corresponds to, for pricing a package the Alpine
/// table lacks (see `facts::APK_PER_DEBIAN`): Alpine's naming mapped to Debian's
/// (`py3-foo` → `python3-foo`, `openjdk17-jre-headless` → `openjdk-17-jre-headless`,
/// `php82-fpm` → `php8.2-fpm`, `postgresql15-client` → `postgresql-client`), else the same
/// name. PHP and PostgreSQL versions map to bookworm's (8.2, 15): one line each there.
pub fn debian_equivalent(name: &str) -> String {
    let n = normalise(name);
    let mapped = match n {
        "build-base" => "build-essential",
        "musl-dev" => "libc6-dev",
        "linux-headers" => "linux-libc-dev",
        "openssl-dev" | "libressl-dev" => "libssl-dev",
        "zlib-dev" => "zlib1g-dev",
        "jpeg-dev" | "libjpeg-turbo-dev" => "libjpeg-dev",
        "mysql-client" => "default-mysql-client",
        "nodejs-current" => "nodejs",
        "py3-pip" => "python3-pip",
        "font-noto" => "fonts-noto-core",
        "ttf-freefont" => "fonts-freefont-ttf",
        "ttf-dejavu" => "fonts-dejavu-core",
        "nodejs-npm" => "npm",
        "go" => "golang-go",
        "postgresql-dev" => "libpq-dev",
        "php" => "php8.2-cli",
        "php-fpm" => "php8.2-fpm",
        _ => "",
    };
    if !mapped.is_empty() {
        return mapped.to_string();
    }
    if let Some(rest) = n.strip_prefix("py3-") {
        return format!("python3-{rest}");
    }
    // openjdk17, openjdk17-jdk, openjdk17-jre, openjdk17-jre-headless
    if let Some(rest) = n.strip_prefix("openjdk") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let kind = match &rest[digits.len()..] {
                "-jre-headless" => "jre-headless",
                "-jre" => "jre",
                _ => "jdk-headless",
            };
            let exact = format!("openjdk-{digits}-{kind}");
            // Bookworm carries one OpenJDK (17): other versions are priced as it.
            return if super::apt::lookup(&exact).is_some() {
                exact
            } else {
                format!("openjdk-17-{kind}")
            };
        }
    }
    // php7, php81, php82-fpm, php83-pdo_mysql → bookworm's php8.2 packages.
    if let Some(rest) = n.strip_prefix("php") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return match rest[digits.len()..].strip_prefix('-') {
                None => "php8.2-cli".to_string(),
                Some("apache2") => "libapache2-mod-php8.2".to_string(),
                Some(ext) => {
                    let ext = ext.strip_prefix("pdo_").unwrap_or(ext);
                    let ext = match ext {
                        "mysqli" | "mysqlnd" => "mysql",
                        "pgsql" => "pgsql",
                        e => e,
                    };
                    format!("php8.2-{ext}")
                }
            };
        }
    }
    // postgresql15-client → postgresql-client (bookworm's is 15).
    if let Some(rest) = n.strip_prefix("postgresql") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        return format!("postgresql{rest}");
    }
    // foo-dev → libfoo-dev when Debian names the library that way.
    if let Some(base) = n.strip_suffix("-dev") {
        if !base.starts_with("lib") && super::apt::lookup(n).is_none() {
            return format!("lib{base}-dev");
        }
    }
    n.to_string()
}

/// Alpine packages the table lacks, priced through their Debian equivalents
/// ([`debian_equivalent`]) onto `present`.
pub fn debian_priced(names: &[String], present: &mut BTreeSet<u32>) -> super::apt::Equivalents {
    super::apt::equivalents(names, |n| Some(debian_equivalent(n)), present)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_from_the_stages_release_or_the_nearest() {
        // busybox is in the table for many releases: each stage gets its own figure.
        let old = lookup_in("busybox", Some("3.10")).unwrap();
        let new = lookup_in("busybox", Some("3.20")).unwrap();
        assert!(release(old.alpine) <= (3, 11), "{old:?}");
        assert!(release(new.alpine) >= (3, 19), "{new:?}");
        // A release past the table's newest takes the newest.
        let far = lookup_in("busybox", Some("3.30")).unwrap();
        assert_eq!(far.alpine, lookup("busybox").unwrap().alpine);
    }

    #[test]
    fn rows_come_from_the_newest_release() {
        let p = lookup("ca-certificates=20191127-r5").expect("ca-certificates");
        assert!(release(p.alpine) >= (3, 12), "{p:?}");
        assert!(p.bytes > 100_000 && p.bytes < 2_000_000);
        // On 3.20, far from the published curl closure (3.13): curl once from the table,
        // and the ca-certificates its APKBUILD depends on.
        let i = install(
            &["curl".into(), "no-such-package".into(), "curl".into()],
            Some("3.20"),
        );
        let names: Vec<&str> = i.known.iter().map(|k| k.name).collect();
        assert_eq!(names, ["curl", "ca-certificates"]);
        assert_eq!(i.dependencies, 1);
        assert_eq!(i.unknown, vec!["no-such-package".to_string()]);
    }

    #[test]
    fn dependencies_split_off_later_are_not_counted_for_older_packages() {
        let has = |i: &ApkInstall, n: &str| i.known.iter().any(|p| p.name == n);
        // build-base on 3.9 prices g++ from 3.11, whose package still held the C++ headers:
        // libstdc++-dev is known only from 3.17 on (apk's published figure is 163.6 MB; with
        // it counted the walk made 212 MB, examples/apk_closures.rs).
        let old = install(&["build-base".into()], Some("3.9"));
        assert!(has(&old, "g++") && !has(&old, "libstdc++-dev"), "{old:?}");
        assert_eq!(old.later_deps, ["libstdc++-dev"]);
        let new = install(&["build-base".into()], Some("3.20"));
        assert!(
            has(&new, "libstdc++-dev") && new.later_deps.is_empty(),
            "{new:?}"
        );
        // A stage older than the whole table still counts gcc: compared with build-base's
        // own row (3.11), gcc's rows (3.10 on) are not later.
        let older = install(&["build-base".into()], Some("3.6"));
        assert!(has(&older, "gcc") && has(&older, "binutils"), "{older:?}");
    }

    #[test]
    fn published_closures_size_whole_installs() {
        const MIB: u64 = 1_048_576;
        // `apk add nodejs npm` on 3.15: 58 MiB after, on a bare alpine:3.15.
        let both = install(&["nodejs".into(), "npm".into()], Some("3.15"));
        assert_eq!(both.closures.len(), 1, "{both:?}");
        assert!(both.known.is_empty() && both.unknown.is_empty(), "{both:?}");
        assert!(
            both.bytes > 50 * MIB && both.bytes < 58 * MIB,
            "{}",
            both.bytes
        );
        // nodejs alone takes the nearest release's figure (3.20's for 3.19).
        let node = install(&["nodejs".into()], Some("3.19"));
        assert_eq!(node.closures[0].alpine, "3.20");
        // On 3.21 both take a near release's nodejs and npm's own figure, not the 3.15
        // closure of the pair: Node.js grew by then.
        let near = install(&["nodejs".into(), "npm".into()], Some("3.21"));
        let releases: Vec<&str> = near.closures.iter().map(|c| c.alpine).collect();
        assert_eq!(releases, ["3.20", "3.16"], "{near:?}");
        assert!(near.bytes > both.bytes, "{} vs {}", near.bytes, both.bytes);
        // npm's figure was measured after nodejs: it applies only when nodejs is there.
        let npm = install_onto(&["npm".into()], Some("3.16"), &["nodejs".into()]);
        assert_eq!(npm.bytes, 11 * MIB);
        assert!(install(&["npm".into()], Some("3.16")).closures.is_empty());
        // What a closure installed is not counted again; PHP's versioned names share one.
        let again = install_onto(
            &["ca-certificates".into()],
            Some("3.20"),
            &node.closures[0]
                .members
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>(),
        );
        assert_eq!(again.bytes, 0, "{again:?}");
        // A closure that holds another named package is taken whole, the other not again.
        let dev = install(&["python3".into(), "python3-dev".into()], Some("3.20"));
        assert_eq!(dev.closures.len(), 1, "{dev:?}");
        assert_eq!(dev.closures[0].packages, vec!["python3-dev"]);
        assert!(dev.known.is_empty(), "{dev:?}");
        let php = install(&["php82".into()], Some("3.19"));
        assert_eq!(php.closures.len(), 1, "{php:?}");
        assert_eq!(php.closures[0].packages, vec!["php"]);
    }

    #[test]
    fn alpine_names_map_to_debian_names() {
        for (alpine, debian) in [
            ("py3-requests", "python3-requests"),
            ("openjdk17-jre-headless", "openjdk-17-jre-headless"),
            ("openjdk17", "openjdk-17-jdk-headless"),
            // Bookworm has one OpenJDK: other versions are priced as 17.
            ("openjdk21-jre", "openjdk-17-jre"),
            ("php82", "php8.2-cli"),
            ("php81-fpm", "php8.2-fpm"),
            ("php83-pdo_mysql", "php8.2-mysql"),
            ("postgresql15-client", "postgresql-client"),
            ("build-base", "build-essential"),
            ("jpeg-dev", "libjpeg-dev"),
            ("ffmpeg=6.1-r0", "ffmpeg"),
            // Names Debian shares are kept as they are.
            ("python3-dev", "python3-dev"),
            ("g++", "g++"),
            ("chromium", "chromium"),
        ] {
            assert_eq!(debian_equivalent(alpine), debian, "{alpine}");
        }
        // What the apt table lacks stays unknown; a stage counts a Debian package once.
        let mut present = super::super::apt::base_set();
        let a = debian_priced(&["ffmpeg".into(), "no-such-pkg".into()], &mut present);
        assert_eq!(a.unknown, vec!["no-such-pkg".to_string()]);
        assert!(a.bytes > 10_000_000, "{a:?}");
        let again = debian_priced(&["ffmpeg".into()], &mut present);
        assert_eq!(again.bytes, 0);
    }

    #[test]
    fn meta_packages_bring_their_dependencies() {
        // build-base is an empty package: its size is gcc, g++, make, binutils…
        let b = install(&["build-base".into()], Some("3.17"));
        assert!(b.dependencies >= 4, "{b:?}");
        assert!(b.bytes > 100_000_000, "{}", b.bytes);
        for p in ["gcc", "g++", "make", "binutils"] {
            assert!(b.known.iter().any(|k| k.name == p), "{p} missing: {b:?}");
        }
        // What the base image has is not added again.
        assert!(!b.known.iter().any(|k| k.name == "musl"));
        // A package named twice, or named and pulled in, counts once.
        let twice = install(&["build-base".into(), "gcc".into()], Some("3.17"));
        assert_eq!(twice.bytes, b.bytes);
    }
}
