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

use std::collections::HashMap;
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
                let (a, b) = (release(want), release(p.alpine));
                let dist = (a.0.abs_diff(b.0)) * 100 + a.1.abs_diff(b.1);
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

/// What an `apk add` of `names` is known to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApkInstall {
    /// Packages with a size: the named ones, then their dependencies.
    pub known: Vec<ApkPackage>,
    /// Named packages the size table lacks.
    pub unknown: Vec<String>,
    /// Dependencies the size table lacks (not counted).
    pub unknown_deps: Vec<String>,
    /// How many of `known` came in as dependencies.
    pub dependencies: usize,
    pub bytes: u64,
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
    let t = T.get_or_init(|| {
        include_str!("../../../data/apk/depends.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("package\t"))
            .filter_map(|l| {
                let mut c = l.split('\t');
                let name = c.next()?;
                let deps = c.next().unwrap_or("").split_whitespace().collect();
                Some((name, deps))
            })
            .collect()
    });
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
    // The named packages first (breadth-first), so one named package that another depends
    // on still counts as named.
    let mut todo: Vec<(String, bool)> = names.iter().rev().map(|n| (n.clone(), false)).collect();
    let named_set: Vec<String> = names.iter().map(|n| normalise(n).to_string()).collect();
    while let Some((n, dep)) = todo.pop() {
        let name = normalise(&n).to_string();
        // `so:libfoo.so.1`, `cmd:foo`, `!conflict`: virtual names, not packages.
        if name.is_empty() || name.contains(':') || name.starts_with('!') || seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        match lookup_in(&name, alpine) {
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
                todo.insert(0, (d.to_string(), true));
            }
        }
    }
    out
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
        let i = install(
            &["curl".into(), "no-such-package".into(), "curl".into()],
            None,
        );
        // curl once, and the ca-certificates its APKBUILD depends on.
        let names: Vec<&str> = i.known.iter().map(|k| k.name).collect();
        assert_eq!(names, ["curl", "ca-certificates"]);
        assert_eq!(i.dependencies, 1);
        assert_eq!(i.unknown, vec!["no-such-package".to_string()]);
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
