//! Python packages: unpacked wheel sizes and dependencies (`data/pip/wheels.tsv`,
//! generated from PyPI by `scripts/build_pip_table.py`).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Wheel {
    pub name: &'static str,
    pub unpacked: u64,
    /// The .whl file, which pip's cache keeps.
    pub wheel: u64,
    depends: Vec<&'static str>,
}

fn table() -> &'static HashMap<&'static str, Wheel> {
    static T: OnceLock<HashMap<&'static str, Wheel>> = OnceLock::new();
    T.get_or_init(|| {
        super::tables::text(super::tables::Table::Pip)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                if c.len() < 5 {
                    return None;
                }
                Some((
                    c[0],
                    Wheel {
                        name: c[0],
                        unpacked: c[2].parse().ok()?,
                        wheel: c[3].parse().ok()?,
                        depends: c[4].split(',').filter(|s| !s.is_empty()).collect(),
                    },
                ))
            })
            .collect()
    })
}

/// `Flask[async]>=2.0` → `flask`.
pub fn normalise(req: &str) -> String {
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .unwrap_or(req.len());
    let mut out = String::new();
    let mut last_sep = false;
    for c in req[..end].chars() {
        if matches!(c, '-' | '_' | '.') {
            if !last_sep {
                out.push('-');
            }
            last_sep = true;
        } else {
            out.push(c.to_ascii_lowercase());
            last_sep = false;
        }
    }
    out
}

/// What one `pip install` adds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Install {
    pub packages: Vec<&'static str>,
    pub unpacked: u64,
    pub wheels: u64,
    pub unknown: Vec<String>,
}

/// The closure of `requirements` minus what `present` holds.
pub fn install(requirements: &[String], present: &BTreeSet<&'static str>) -> Install {
    let t = table();
    let mut out = Install::default();
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let mut todo: Vec<&'static str> = Vec::new();
    for r in requirements {
        let n = normalise(r);
        match t.get_key_value(n.as_str()) {
            Some((k, _)) => todo.push(k),
            None => {
                if !n.is_empty() {
                    out.unknown.push(n)
                }
            }
        }
    }
    while let Some(n) = todo.pop() {
        if present.contains(n) || !seen.insert(n) {
            continue;
        }
        let Some(w) = t.get(n) else { continue };
        out.packages.push(w.name);
        out.unpacked += w.unpacked;
        out.wheels += w.wheel;
        todo.extend(w.depends.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_pulls_its_dependencies() {
        let i = install(&["requests==2.31".into()], &BTreeSet::new());
        assert_eq!(i.packages.len(), 5, "{:?}", i.packages);
        assert!(i.unpacked > 1_500_000 && i.unpacked < 3_000_000);
        assert!(i.wheels < i.unpacked);
        assert_eq!(normalise("Flask[async]>=2.0"), "flask");
        assert_eq!(normalise("zope.interface"), "zope-interface");
        assert_eq!(
            install(&["no-such-wheel".into()], &BTreeSet::new()).unknown,
            vec!["no-such-wheel"]
        );
    }
}
