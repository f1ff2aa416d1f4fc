//! npm packages: installed sizes and dependencies (`data/npm/packages.tsv`,
//! generated with npm by `scripts/build_npm_table.py`).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

struct Package {
    installed: u64,
    depends: Vec<&'static str>,
}

fn table() -> &'static HashMap<&'static str, Package> {
    static T: OnceLock<HashMap<&'static str, Package>> = OnceLock::new();
    T.get_or_init(|| {
        let rows: Vec<Vec<&'static str>> = super::tables::text(super::tables::Table::Npm)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
            .map(|l| l.split('\t').collect())
            .filter(|c: &Vec<&str>| c.len() >= 4)
            .collect();
        // Dependencies are base-36 row numbers.
        let name_of = |i: &str| {
            u32::from_str_radix(i, 36)
                .ok()
                .and_then(|i| rows.get(i as usize))
                .map(|r| r[0])
        };
        rows.iter()
            .filter_map(|c| {
                Some((
                    c[0],
                    Package {
                        installed: c[2].parse().ok()?,
                        depends: c[3].split(',').filter_map(name_of).collect(),
                    },
                ))
            })
            .collect()
    })
}

/// `express@4`, `@nestjs/core@^10` → the package name.
pub fn normalise(spec: &str) -> &str {
    let at = if let Some(rest) = spec.strip_prefix('@') {
        rest.find('@').map(|i| i + 1)
    } else {
        spec.find('@')
    };
    match at {
        Some(i) => &spec[..i],
        None => spec,
    }
}

/// What one `npm install NAME…` adds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Install {
    pub packages: Vec<&'static str>,
    pub installed: u64,
    pub unknown: Vec<String>,
}

/// The closure of `specs` minus what `present` holds.
pub fn install(specs: &[String], present: &BTreeSet<&'static str>) -> Install {
    let t = table();
    let mut out = Install::default();
    let mut seen = BTreeSet::new();
    let mut todo = Vec::new();
    for s in specs {
        match t.get_key_value(normalise(s)) {
            Some((k, _)) => todo.push(*k),
            None => out.unknown.push(normalise(s).to_string()),
        }
    }
    while let Some(n) = todo.pop() {
        if present.contains(n) || !seen.insert(n) {
            continue;
        }
        let Some(p) = t.get(n) else { continue };
        out.packages.push(n);
        out.installed += p.installed;
        todo.extend(p.depends.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn express_pulls_its_dependencies() {
        let i = install(&["express@4".into()], &BTreeSet::new());
        assert!(i.packages.len() > 20, "{:?}", i.packages);
        assert!(i.installed > 1_000_000);
        assert_eq!(normalise("@nestjs/core@^10"), "@nestjs/core");
        assert_eq!(normalise("lodash"), "lodash");
        assert_eq!(
            install(&["no-such-npm-package".into()], &BTreeSet::new()).unknown,
            vec!["no-such-npm-package"]
        );
    }
}
