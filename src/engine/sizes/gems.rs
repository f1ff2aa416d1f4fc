//! Ruby gems as `gem install` unpacks them (`data/ruby/gems.tsv`, measured from Debian
//! bookworm's gem packages by `scripts/build_gem_table.py`): each gem's files, its `.gem`
//! (which `gem install` keeps in GEM_HOME/cache), the gems it depends on, and the shared
//! libraries it links: 127 gems. Read through `tables.rs` (fetched by the page).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

struct Gem {
    files: u64,
    gem: u64,
    deps: Vec<&'static str>,
    libs: Vec<&'static str>,
}

fn table() -> &'static HashMap<&'static str, Gem> {
    static T: OnceLock<HashMap<&'static str, Gem>> = OnceLock::new();
    static EMPTY: OnceLock<HashMap<&'static str, Gem>> = OnceLock::new();
    super::tables::parsed(super::tables::Table::Gems, &T, |text| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                let list = |i: usize| -> Vec<&'static str> {
                    c.get(i)
                        .map(|s| s.split(',').filter(|x| !x.is_empty()).collect())
                        .unwrap_or_default()
                };
                Some((
                    *c.first()?,
                    Gem {
                        files: c.get(3)?.parse().ok()?,
                        gem: c.get(4)?.parse().ok()?,
                        deps: list(5),
                        libs: list(6),
                    },
                ))
            })
            .collect()
    })
    .unwrap_or_else(|| EMPTY.get_or_init(HashMap::new))
}

/// The table's date (its header line; empty until the table has arrived, in the browser).
pub fn table_date() -> &'static str {
    super::tables::text(super::tables::Table::Gems)
        .lines()
        .next()
        .and_then(|l| l.rsplit(", ").next())
        .unwrap_or("")
}

/// `mini_portile2`, `Rails:7.1.0` → `mini-portile2`, `rails` (Debian's spelling).
pub fn normalise(name: &str) -> String {
    let n = name.split(':').next().unwrap_or(name);
    n.to_ascii_lowercase().replace('_', "-")
}

/// What one `gem install NAME…` adds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Install {
    /// The gems new to the image, named and pulled in.
    pub gems: Vec<&'static str>,
    /// Their files (Debian's: tests and docs dropped, a lower bound).
    pub files: u64,
    /// Their `.gem` archives in the cache.
    pub cached: u64,
    /// Shared-library packages they link (Debian's names), which a native gem from
    /// rubygems.org may vendor instead.
    pub libs: Vec<&'static str>,
    /// Names not in the table.
    pub unknown: Vec<String>,
}

/// The closure of `names` minus what `present` holds (gems installed earlier).
pub fn install(names: &[String], present: &BTreeSet<&'static str>) -> Install {
    let t = table();
    let mut out = Install::default();
    let mut seen = BTreeSet::new();
    let mut todo = Vec::new();
    for n in names {
        let n = normalise(n);
        match t.get_key_value(n.as_str()) {
            Some((k, _)) => todo.push(*k),
            None => out.unknown.push(n),
        }
    }
    while let Some(n) = todo.pop() {
        if present.contains(n) || !seen.insert(n) {
            continue;
        }
        let Some(g) = t.get(n) else { continue };
        out.gems.push(n);
        out.files += g.files;
        out.cached += g.gem;
        for l in &g.libs {
            if !out.libs.contains(l) {
                out.libs.push(l);
            }
        }
        todo.extend(g.deps.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rails_pulls_in_its_frameworks_and_bundler_stands_alone() {
        let r = install(&["rails".into()], &BTreeSet::new());
        assert!(r.gems.contains(&"activerecord") && r.gems.contains(&"nokogiri"));
        assert!(r.files > 5_000_000 && r.cached < r.files, "{r:?}");
        assert!(r.libs.contains(&"libxml2"), "{:?}", r.libs);
        let b = install(&["bundler".into()], &BTreeSet::new());
        assert_eq!(b.gems, vec!["bundler"]);
        assert!(b.files > 1_000_000 && b.files < 2_000_000);
        // What is there already adds nothing; unknown names are reported.
        let present: BTreeSet<&str> = r.gems.iter().copied().collect();
        assert_eq!(install(&["rails".into()], &present).files, 0);
        let u = install(
            &["no_such_gem".into(), "Mini_Portile2".into()],
            &BTreeSet::new(),
        );
        assert_eq!(u.unknown, vec!["no-such-gem".to_string()]);
        assert_eq!(u.gems, vec!["mini-portile2"]);
        assert!(table_date().starts_with("20"));
    }
}
