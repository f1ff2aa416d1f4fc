//! Alpine packages: installed sizes (`data/apk/alpine-installed-sizes.tsv`).
//!
//! Alpine's package index is not reachable from where the tables are built, so the
//! table holds the installed sizes docker-library/repo-info prints for the apk
//! packages of Alpine-based official images (Alpine 3.9–3.13, 2019–2021), one row per
//! package version with the file it was read from. It has no dependencies: an
//! `apk add` is sized from the packages it names, and the estimate's range says that
//! their dependencies are not counted. Read through [`super::tables`] like the others.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One package's installed size, from the newest Alpine release the table has it for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApkPackage {
    pub name: &'static str,
    pub version: &'static str,
    pub bytes: u64,
    /// Alpine release the figure is from (`3.13`), or empty.
    pub alpine: &'static str,
}

fn table() -> &'static HashMap<&'static str, ApkPackage> {
    static T: OnceLock<HashMap<&'static str, ApkPackage>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: HashMap<&'static str, ApkPackage> = HashMap::new();
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
            let p = ApkPackage {
                name,
                version,
                bytes,
                alpine,
            };
            let newer = m
                .get(name)
                .is_none_or(|old| release(alpine) >= release(old.alpine));
            if newer {
                m.insert(name, p);
            }
        }
        m
    })
}

fn release(a: &str) -> (u32, u32) {
    let mut it = a.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// `curl=8.5.0-r0`, `curl>8`, `curl@edge` → `curl`.
pub fn normalise(name: &str) -> &str {
    name.split(['=', '<', '>', '~', '@']).next().unwrap_or(name)
}

pub fn lookup(name: &str) -> Option<ApkPackage> {
    table().get(normalise(name)).copied()
}

/// What an `apk add` of `names` is known to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApkInstall {
    pub known: Vec<ApkPackage>,
    pub unknown: Vec<String>,
    pub bytes: u64,
}

pub fn install(names: &[String]) -> ApkInstall {
    let mut out = ApkInstall::default();
    for n in names {
        match lookup(n) {
            Some(p) if !out.known.iter().any(|k| k.name == p.name) => {
                out.bytes += p.bytes;
                out.known.push(p);
            }
            Some(_) => {}
            None => out.unknown.push(n.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_from_the_newest_release() {
        let p = lookup("ca-certificates=20191127-r5").expect("ca-certificates");
        assert!(release(p.alpine) >= (3, 12), "{p:?}");
        assert!(p.bytes > 100_000 && p.bytes < 2_000_000);
        let i = install(&["curl".into(), "no-such-package".into(), "curl".into()]);
        assert_eq!(i.known.len(), 1);
        assert_eq!(i.unknown, vec!["no-such-package".to_string()]);
    }
}
