//! Python packages: unpacked wheel sizes and dependencies (`data/pip/wheels.tsv`,
//! generated from PyPI by `scripts/build_pip_table.py`), and the same names as PyPI had
//! them on earlier dates (`data/pip/wheels-history.tsv`, `scripts/build_pip_history.py`).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Wheel {
    pub name: &'static str,
    pub unpacked: u64,
    /// The .whl file, which pip's cache keeps.
    pub wheel: u64,
    depends: Vec<&'static str>,
    /// The .pyc files pip writes when it byte-compiles the wheel's .py files, measured
    /// (`scripts/measure_pip_pyc.py`); today's table has them, the snapshots do not.
    pyc: Option<u64>,
}

/// A row's name, unpacked size, .whl size and dependencies, from its columns.
fn wheel(c: &[&'static str]) -> Option<Wheel> {
    Some(Wheel {
        name: c.first()?,
        unpacked: c.get(2)?.parse().ok()?,
        wheel: c.get(3)?.parse().ok()?,
        depends: c.get(4)?.split(',').filter(|s| !s.is_empty()).collect(),
        pyc: c.get(5).and_then(|v| v.parse().ok()),
    })
}

fn table() -> &'static HashMap<&'static str, Wheel> {
    static T: OnceLock<HashMap<&'static str, Wheel>> = OnceLock::new();
    T.get_or_init(|| {
        super::tables::text(super::tables::Table::Pip)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
            .filter_map(|l| {
                let w = wheel(&l.split('\t').collect::<Vec<_>>())?;
                Some((w.name, w))
            })
            .collect()
    })
}

/// PyPI on one earlier date: the CPython minor current then, and each name's wheel.
#[derive(Debug)]
pub struct Snapshot {
    pub date: &'static str,
    pub python: &'static str,
    wheels: HashMap<&'static str, Wheel>,
}

/// The snapshots, oldest first; `None` until the table has arrived (in the browser).
fn history() -> Option<&'static Vec<Snapshot>> {
    static T: OnceLock<Vec<Snapshot>> = OnceLock::new();
    super::tables::parsed(super::tables::Table::PipHistory, &T, |text| {
        let mut out: Vec<Snapshot> = Vec::new();
        for l in text.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&'static str> = l.split('\t').collect();
            let (Some(&date), Some(&python)) = (c.first(), c.get(1)) else {
                continue;
            };
            let Some(w) = wheel(&c[2..]) else { continue };
            if out.last().is_none_or(|s| s.date != date) {
                out.push(Snapshot {
                    date,
                    python,
                    wheels: HashMap::new(),
                });
            }
            if let Some(s) = out.last_mut() {
                s.wheels.insert(w.name, w);
            }
        }
        out
    })
}

/// The snapshot an estimate made as of `as_of` prices from: the latest taken by the end of
/// the period the date names (the earliest, for dates before it). None without a date, for
/// dates past the last snapshot's year (today's table), and in the browser until the table
/// arrives (it is asked for; the page analyses again).
pub fn snapshot(as_of: Option<&str>) -> Option<&'static Snapshot> {
    let until = super::base::end_of_period(as_of?);
    let Some(h) = history() else {
        super::tables::want(super::tables::Table::PipHistory);
        return None;
    };
    let last = h.last()?;
    if until.get(..4) > last.date.get(..4) {
        return None;
    }
    h.iter()
        .rev()
        .find(|s| s.date <= until.as_str())
        .or(h.first())
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
    /// The .pyc files pip writes for them: measured per wheel, or for an earlier version
    /// scaled by today's wheel's share.
    pub pyc: u64,
    /// Packages whose .pyc bytes were scaled so, and those with no measurement at all
    /// (counted at [`super::facts::PIP_INSTALLED_PER_UNPACKED`]'s share instead).
    pub pyc_scaled: usize,
    pub pyc_unmeasured: u64,
    pub unknown: Vec<String>,
    /// The earlier date whose PyPI priced it (and that date's CPython), when that snapshot
    /// had any of its packages (names it lacks take today's rows).
    pub as_of: Option<(&'static str, &'static str)>,
}

/// The closure of `requirements` minus what `present` holds, as PyPI had it at `as_of`
/// (each name from the snapshot for that date where it has it, else today's table).
pub fn install(
    requirements: &[String],
    present: &BTreeSet<&'static str>,
    as_of: Option<&str>,
) -> Install {
    let t = table();
    let then = snapshot(as_of);
    let get = |n: &str| then.and_then(|s| s.wheels.get(n)).or_else(|| t.get(n));
    let mut out = Install::default();
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let mut todo: Vec<&'static str> = Vec::new();
    for r in requirements {
        let n = normalise(r);
        match get(&n) {
            Some(w) => todo.push(w.name),
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
        let Some(w) = get(n) else { continue };
        if let Some(s) = then.filter(|s| s.wheels.contains_key(n)) {
            out.as_of = Some((s.date, s.python));
        }
        out.packages.push(w.name);
        out.unpacked += w.unpacked;
        out.wheels += w.wheel;
        match (w.pyc, t.get(n).and_then(|x| x.pyc.map(|p| (p, x.unpacked)))) {
            (Some(p), _) => out.pyc += p,
            (None, Some((p, u))) if u > 0 => {
                out.pyc += (w.unpacked as u128 * p as u128 / u as u128) as u64;
                out.pyc_scaled += 1;
            }
            _ => out.pyc_unmeasured += w.unpacked,
        }
        todo.extend(w.depends.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_pulls_its_dependencies() {
        let i = install(&["requests==2.31".into()], &BTreeSet::new(), None);
        assert_eq!(i.packages.len(), 5, "{:?}", i.packages);
        assert!(i.unpacked > 1_500_000 && i.unpacked < 3_000_000);
        assert!(i.wheels < i.unpacked);
        assert_eq!(normalise("Flask[async]>=2.0"), "flask");
        assert_eq!(normalise("zope.interface"), "zope-interface");
        assert_eq!(
            install(&["no-such-wheel".into()], &BTreeSet::new(), None).unknown,
            vec!["no-such-wheel"]
        );
    }

    #[test]
    fn an_earlier_date_takes_pypi_as_it_was_then() {
        let none = BTreeSet::new();
        assert!(snapshot(None).is_none());
        // Past the last snapshot's year: today's table.
        assert!(snapshot(Some("2031-02")).is_none());
        let s = snapshot(Some("2021-05")).unwrap();
        assert_eq!((s.date, s.python), ("2021-01-01", "3.9"));
        // A year names its end; before the first snapshot, the first.
        assert_eq!(snapshot(Some("2022")).unwrap().date, "2022-01-01");
        assert_eq!(snapshot(Some("2017-03")).unwrap().date, "2019-01-01");
        let then = install(&["pandas".into()], &none, Some("2021-05"));
        let now = install(&["pandas".into()], &none, None);
        assert_eq!(then.as_of, Some(("2021-01-01", "3.9")));
        assert!(then.packages.contains(&"numpy") && then.packages.contains(&"pandas"));
        assert_ne!(then.unpacked, now.unpacked);
        // A name the snapshot lacks falls back to today's row.
        let uv = install(&["uv".into()], &none, Some("2021-05"));
        assert_eq!(uv.unpacked, install(&["uv".into()], &none, None).unpacked);
        assert_eq!(uv.as_of, None, "no snapshot row priced it");
    }

    #[test]
    fn pyc_bytes_are_measured_per_wheel() {
        let none = BTreeSet::new();
        // Every wheel of today's table is measured.
        for n in ["numpy", "requests", "django", "pandas"] {
            let i = install(&[n.into()], &none, None);
            assert_eq!((i.pyc_unmeasured, i.pyc_scaled), (0, 0), "{n}: {i:?}");
        }
        // Compiled code has no .py to compile; a pure-Python package is mostly .py.
        let share = |i: &Install| i.pyc as f64 / i.unpacked as f64;
        let numpy = install(&["numpy".into()], &none, None);
        let requests = install(&["requests".into()], &none, None);
        assert!(
            numpy.pyc > 0 && share(&numpy) < share(&requests) / 2.0,
            "{numpy:?}"
        );
        let django = install(&["django".into()], &none, None);
        // An earlier version takes today's wheel's share of its own size; a name today's
        // table lacks (Django 3.0's pytz) has no measurement.
        let then = install(&["django".into()], &none, Some("2020-05"));
        assert!(then.pyc_scaled >= 3 && then.pyc_unmeasured > 0, "{then:?}");
        let measured = then.pyc as f64 / (then.unpacked - then.pyc_unmeasured) as f64;
        assert!((measured - share(&django)).abs() < 0.05, "{then:?}");
    }
}
