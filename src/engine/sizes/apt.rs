//! Debian packages: Installed-Size and dependencies (`data/apt/bookworm.tsv`,
//! generated from the bookworm archive by `scripts/build_apt_table.py`), and the
//! dependency closure an `apt-get install` pulls in.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// One package of the table.
#[derive(Debug)]
pub struct Package {
    pub name: &'static str,
    /// Installed-Size in bytes (the archive gives KiB).
    pub installed: u64,
    /// Part of the package set a `debian:*-slim` image starts with.
    pub required: bool,
    /// Docs or translations (Section doc/localization): a `-slim` image's dpkg excludes them.
    pub docs: bool,
    /// Bytes of the package a `-slim` image's dpkg skips (docs, man pages,
    /// translations), measured from its .deb; `None` when not measured.
    pub slim_skipped: Option<u64>,
    depends: Vec<u32>,
    recommends: Vec<u32>,
}

struct Table {
    packages: Vec<Package>,
    index: HashMap<&'static str, u32>,
    date: &'static str,
    /// Share of Installed-Size (thousandths) that measured non-doc packages keep on
    /// a `-slim` image: what an unmeasured package is assumed to keep.
    slim_keep_per_mille: u64,
}

fn b36(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 36).ok()
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut packages = Vec::new();
        let mut date = "";
        for line in super::tables::text(super::tables::Table::Apt).lines() {
            if let Some(h) = line.strip_prefix('#') {
                if let Some(i) = h.find("InRelease date: ") {
                    date = h[i + 16..].split(';').next().unwrap_or("").trim();
                }
                continue;
            }
            if line.starts_with("name\t") {
                continue;
            }
            let c: Vec<&'static str> = line.split('\t').collect();
            if c.len() < 5 {
                continue;
            }
            let list = |s: &str| s.split(',').filter_map(b36).collect::<Vec<u32>>();
            packages.push(Package {
                name: c[0],
                installed: c[1].parse::<u64>().unwrap_or(0) * 1024,
                required: c[2].contains('b'),
                docs: c[2].contains('d'),
                slim_skipped: c
                    .get(5)
                    .and_then(|v| v.parse::<u64>().ok())
                    .map(|k| k * 1024),
                depends: list(c[3]),
                recommends: list(c[4]),
            });
        }
        let index = packages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name, i as u32))
            .collect();
        let (kept, of) = packages
            .iter()
            .filter(|p| !p.docs)
            .filter_map(|p| Some((p.installed.saturating_sub(p.slim_skipped?), p.installed)))
            .fold((0u64, 0u64), |(k, o), (pk, po)| (k + pk, o + po));
        Table {
            packages,
            index,
            date,
            slim_keep_per_mille: (kept * 1000).checked_div(of).unwrap_or(1000),
        }
    })
}

/// The archive date the table was generated from.
pub fn table_date() -> &'static str {
    table().date
}

pub fn package(i: u32) -> Option<&'static Package> {
    table().packages.get(i as usize)
}

/// `curl=7.88*`, `curl:amd64`, `curl/bookworm-backports` → `curl`.
pub fn normalise(name: &str) -> &str {
    let n = name.split(['=', '/']).next().unwrap_or(name);
    n.split(':').next().unwrap_or(n)
}

pub fn lookup(name: &str) -> Option<u32> {
    table().index.get(normalise(name)).copied()
}

/// The packages a `debian:*-slim` image starts with.
pub fn base_set() -> BTreeSet<u32> {
    table()
        .packages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required)
        .map(|(i, _)| i as u32)
        .collect()
}

/// Share of Installed-Size (thousandths) that the measured non-doc packages keep on a
/// `-slim` image, over the whole table.
pub fn slim_keep_per_mille() -> u64 {
    table().slim_keep_per_mille
}

/// What one `apt-get install` adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Install {
    /// Packages new to the image, in closure order.
    pub new: Vec<u32>,
    /// Sum of their Installed-Size.
    pub installed: u64,
    /// The part of `installed` in doc/translation packages.
    pub docs: u64,
    /// What lands on a `-slim` image: Installed-Size minus what dpkg skips there
    /// (measured per package; unmeasured ones keep [`slim_keep_per_mille`], doc
    /// packages nothing).
    pub slim: u64,
    /// How many of the new packages have a measured slim size.
    pub slim_measured: usize,
    /// The part of `installed` in Python packages (byte-compiled on install by py3compile).
    pub python: u64,
    /// A new package depends on debconf: installing it rewrites debconf's caches.
    pub debconf: bool,
    /// Names not in the table (not counted).
    pub unknown: Vec<String>,
}

/// The closure of `names` (Depends, Pre-Depends, and Recommends unless disabled)
/// minus what `present` already holds.
pub fn install(names: &[String], recommends: bool, present: &BTreeSet<u32>) -> Install {
    let t = table();
    let mut out = Install::default();
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    let mut todo: Vec<u32> = Vec::new();
    let debconf = lookup("debconf");
    for n in names {
        match lookup(n) {
            Some(i) => todo.push(i),
            None => out.unknown.push(n.clone()),
        }
    }
    // Recommends apply to the whole transaction, as apt does.
    while let Some(i) = todo.pop() {
        if present.contains(&i) || !seen.insert(i) {
            continue;
        }
        let Some(p) = t.packages.get(i as usize) else {
            continue;
        };
        out.new.push(i);
        out.installed += p.installed;
        match p.slim_skipped {
            Some(skip) => {
                out.slim += p.installed.saturating_sub(skip);
                out.slim_measured += 1;
            }
            None if p.docs => {}
            None => out.slim += p.installed * t.slim_keep_per_mille / 1000,
        }
        if p.docs {
            out.docs += p.installed;
        } else if p.name.starts_with("python3") || p.name.starts_with("libpython3") {
            out.python += p.installed;
        }
        out.debconf |= debconf.is_some_and(|d| p.depends.contains(&d));
        todo.extend(p.depends.iter().copied());
        if recommends {
            todo.extend(p.recommends.iter().copied());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_of_curl() {
        let base = base_set();
        assert!(base.len() > 50);
        let i = install(&["curl".into(), "ca-certificates".into()], false, &base);
        assert!(i.unknown.is_empty());
        assert!(i.new.len() > 10, "{}", i.new.len());
        assert!(
            i.installed > 10_000_000 && i.installed < 20_000_000,
            "{}",
            i.installed
        );
        // ca-certificates asks debconf which certificates to trust.
        assert!(i.debconf);
        assert!(!install(&["jq".into()], false, &base).debconf);
        let with = install(&["curl".into(), "ca-certificates".into()], true, &base);
        assert!(with.installed > i.installed);
        // Already present packages add nothing.
        let all: BTreeSet<u32> = base.iter().copied().chain(i.new.iter().copied()).collect();
        assert_eq!(install(&["curl".into()], false, &all).installed, 0);
    }

    #[test]
    fn names_are_normalised_and_unknowns_reported() {
        assert_eq!(normalise("curl=7.88.1-10"), "curl");
        assert_eq!(normalise("libc6:amd64"), "libc6");
        assert_eq!(normalise("git/bookworm-backports"), "git");
        let i = install(&["no-such-package-xyz".into()], false, &BTreeSet::new());
        assert_eq!(i.unknown, vec!["no-such-package-xyz".to_string()]);
        assert!(!table_date().is_empty());
    }
}
