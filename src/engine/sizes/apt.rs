//! Debian packages: Installed-Size and dependencies (`data/apt/bookworm.tsv`,
//! generated from the bookworm archive by `scripts/build_apt_table.py`, and
//! `data/apt/bullseye.tsv`, `trixie.tsv` and Ubuntu's `focal.tsv`, `jammy.tsv`,
//! `noble.tsv` from their archives by
//! `scripts/build_apt_release_table.py`), and
//! the dependency closure an `apt-get install` pulls in.

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
    /// Bytes of the regular files in its .deb (what lands on disk; Installed-Size rounds
    /// every file up to a KiB), measured; `None` when not measured.
    pub files: Option<u64>,
    /// Bytes of the `.pyc` files py3compile writes when it is installed, measured by
    /// byte-compiling its .py files (`None`: not measured).
    pub pyc: Option<u64>,
    /// Its files, slim and pyc figures are scaled from bookworm's measurement of the
    /// same package (another release's table), not measured from its own .deb.
    pub scaled: bool,
    /// Its pyc figure is scaled from bookworm's (flag `s`, or `p` where only the pyc
    /// figure is: Ubuntu's files are measured from its own .debs).
    pub pyc_scaled: bool,
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
    /// Share of Installed-Size (thousandths) that measured non-doc packages' files come
    /// to: what an unmeasured package is assumed to put on a full image.
    files_per_mille: u64,
    /// `.pyc` bytes per byte of Installed-Size of the measured Python packages
    /// (thousandths): what an unmeasured one is assumed to write.
    pyc_per_mille: u64,
    /// Row of `python3`: packages depending on it have modules py3compile compiles.
    python3: Option<u32>,
}

/// A package name up to its version numbers: `libssl1.1` and `libssl3` are `libssl#`,
/// `libicu67` and `libicu72` `libicu#` (as scripts/build_apt_release_table.py's `stem`).
fn stem(name: &str) -> String {
    stem_chars(name).collect()
}

/// [`stem`]'s characters, one at a time: a scan of the table compares them without
/// building a string per package, and stops at the first that differs.
fn stem_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = name.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        if !c.is_ascii_digit() {
            return Some(c);
        }
        // Digits, and dots followed by digits: one version number.
        loop {
            match chars.peek() {
                Some(d) if d.is_ascii_digit() => {
                    chars.next();
                }
                Some('.') => {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek().is_some_and(|d| d.is_ascii_digit()) {
                        chars.next();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        Some('#')
    })
}

fn b36(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 36).ok()
}

/// A Debian release the tables have packages of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Release {
    #[default]
    Bookworm,
    /// Bullseye's own sizes and dependencies; they stand in for buster and older too,
    /// whose archives are no longer served.
    Bullseye,
    /// Trixie's (and the newer releases' until they have their own).
    Trixie,
    /// Ubuntu's LTS releases (main and universe); focal stands in for older ones, noble
    /// for newer.
    Focal,
    Jammy,
    Noble,
}

impl Release {
    /// The release whose table prices a stage built on `codename` (bookworm for anything
    /// unknown).
    pub fn for_codename(codename: &str) -> Release {
        match codename {
            "bullseye" | "buster" | "stretch" | "jessie" | "wheezy" => Release::Bullseye,
            "trixie" | "forky" => Release::Trixie,
            _ => Self::ubuntu_table_for(codename).unwrap_or(Release::Bookworm),
        }
    }

    /// An Ubuntu release's table: that of the newest LTS release out when it came out (an
    /// interim release takes its LTS predecessor's), focal for bionic and older, noble for
    /// resolute (sizes::base's release list and dates).
    fn ubuntu_table_for(codename: &str) -> Option<Release> {
        use super::base::{ubuntu_releases, UBUNTU_LTS};
        let (_, _, out) = ubuntu_releases().find(|(c, _, _)| *c == codename)?;
        let lts = UBUNTU_LTS.iter().find(|(_, _, d)| d <= out)?;
        Some(match lts.0 {
            "jammy" => Release::Jammy,
            "noble" | "resolute" => Release::Noble,
            _ => Release::Focal,
        })
    }

    /// One of Ubuntu's releases (its packages' files are measured with the ubuntu images'
    /// dpkg excludes; a package not measured is taken at its Installed-Size).
    pub fn is_ubuntu(self) -> bool {
        matches!(self, Release::Focal | Release::Jammy | Release::Noble)
    }

    pub fn name(self) -> &'static str {
        match self {
            Release::Bookworm => "bookworm",
            Release::Bullseye => "bullseye",
            Release::Trixie => "trixie",
            Release::Focal => "focal",
            Release::Jammy => "jammy",
            Release::Noble => "noble",
        }
    }
}

impl Release {
    fn table(self) -> super::tables::Table {
        match self {
            Release::Bookworm => super::tables::Table::Apt,
            Release::Bullseye => super::tables::Table::AptBullseye,
            Release::Trixie => super::tables::Table::AptTrixie,
            Release::Focal => super::tables::Table::AptFocal,
            Release::Jammy => super::tables::Table::AptJammy,
            Release::Noble => super::tables::Table::AptNoble,
        }
    }

    /// Has this release's table arrived? (In the browser the other releases' tables come
    /// after the first analysis; natively they are compiled in.)
    pub fn available(self) -> bool {
        super::tables::available(self.table())
    }

    /// Asks for this release's table (the page fetches it and analyses again).
    pub fn request(self) {
        super::tables::want(self.table());
    }
}

fn table_of(release: Release) -> &'static Table {
    static BOOKWORM: OnceLock<Table> = OnceLock::new();
    static BULLSEYE: OnceLock<Table> = OnceLock::new();
    static TRIXIE: OnceLock<Table> = OnceLock::new();
    static FOCAL: OnceLock<Table> = OnceLock::new();
    static JAMMY: OnceLock<Table> = OnceLock::new();
    static NOBLE: OnceLock<Table> = OnceLock::new();
    static EMPTY: OnceLock<Table> = OnceLock::new();
    let cell = match release {
        Release::Bookworm => &BOOKWORM,
        Release::Bullseye => &BULLSEYE,
        Release::Trixie => &TRIXIE,
        Release::Focal => &FOCAL,
        Release::Jammy => &JAMMY,
        Release::Noble => &NOBLE,
    };
    // Parsed once it has arrived; until then an empty table, cached apart so the real one
    // is read when it comes.
    super::tables::parsed(release.table(), cell, parse_table)
        .unwrap_or_else(|| EMPTY.get_or_init(|| parse_table("")))
}

fn table() -> &'static Table {
    table_of(Release::Bookworm)
}

fn parse_table(text: &'static str) -> Table {
    {
        let mut packages = Vec::new();
        let mut date = "";
        for line in text.lines() {
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
                scaled: c[2].contains('s'),
                pyc_scaled: c[2].contains('s') || c[2].contains('p'),
                slim_skipped: c
                    .get(5)
                    .and_then(|v| v.parse::<u64>().ok())
                    .map(|k| k * 1024),
                files: c
                    .get(6)
                    .and_then(|v| v.parse::<u64>().ok())
                    .map(|k| k * 1024),
                pyc: c
                    .get(7)
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
        let (kept, files, of) = packages
            .iter()
            .filter(|p| !p.docs)
            .filter_map(|p| {
                let files = p.files?;
                Some((files.saturating_sub(p.slim_skipped?), files, p.installed))
            })
            .fold((0u64, 0u64, 0u64), |(k, f, o), (pk, pf, po)| {
                (k + pk, f + pf, o + po)
            });
        let python3 = packages
            .iter()
            .position(|p| p.name == "python3")
            .map(|i| i as u32);
        let (pyc, py_of) = packages
            .iter()
            .filter(|p| is_python(p, python3))
            .filter_map(|p| Some((p.pyc?, p.installed)))
            .fold((0u64, 0u64), |(a, b), (x, y)| (a + x, b + y));
        Table {
            pyc_per_mille: (pyc * 1000).checked_div(py_of).unwrap_or(0),
            python3,
            packages,
            index,
            date,
            slim_keep_per_mille: (kept * 1000).checked_div(of).unwrap_or(1000),
            files_per_mille: (files * 1000).checked_div(of).unwrap_or(1000),
        }
    }
}

/// Files a package's maintainer scripts create on install, beyond its .deb's files
/// (Python's .pyc are counted apart, per package).
const GENERATED: &[(&str, u64)] = &[
    // update-ca-certificates: /etc/ssl/certs/ca-certificates.crt (219,597 B) and the
    // hash symlinks; measured in the layer that installs ca-certificates alone on
    // bookworm-slim (bench/oracle/10-two-installs, bench/oracle/anatomy.py).
    ("ca-certificates", 242_976),
];

/// A package with Python modules: Python's own, or one depending on python3.
fn is_python(p: &Package, python3: Option<u32>) -> bool {
    !p.docs
        && (p.name.starts_with("python3")
            || p.name.starts_with("libpython3")
            || python3.is_some_and(|i| p.depends.contains(&i)))
}

/// The archive date the table was generated from.
pub fn table_date() -> &'static str {
    table().date
}

/// The archive date of a release's table.
pub fn table_date_of(release: Release) -> &'static str {
    table_of(release).date
}

pub fn package(i: u32) -> Option<&'static Package> {
    package_in(Release::Bookworm, i)
}

/// A package of a release's table, by row.
pub fn package_in(release: Release, i: u32) -> Option<&'static Package> {
    table_of(release).packages.get(i as usize)
}

/// `curl=7.88*`, `curl:amd64`, `curl/bookworm-backports` → `curl`.
pub fn normalise(name: &str) -> &str {
    let n = name.split(['=', '/']).next().unwrap_or(name);
    n.split(':').next().unwrap_or(n)
}

/// A package's row; a virtual name one package provides (`libvips` → libvips42,
/// data/apt/bookworm-virtual.tsv) is that package's.
pub fn lookup(name: &str) -> Option<u32> {
    lookup_in(Release::Bookworm, name)
}

/// [`lookup`] in a release's table. Bookworm's names the engine and its tables use
/// (`libssl3`, `libcurl4`, `libicu72`) are found in another release as that release names
/// them: trixie's 64-bit time_t renames (`libcurl4t64`, which apt also installs by the old
/// name), or the one package with the same name up to its version numbers (`libssl1.1`,
/// `libicu67` on bullseye).
pub fn lookup_in(release: Release, name: &str) -> Option<u32> {
    let t = table_of(release);
    let n = normalise(name);
    let virtual_name = |n: &str| {
        include_str!("../../../data/apt/bookworm-virtual.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .find(|(v, _)| *v == n)
            .map(|(_, p)| p)
    };
    if let Some(&i) = t.index.get(n) {
        return Some(i);
    }
    let provider = virtual_name(n);
    if let Some(i) = provider.and_then(|p| t.index.get(p)) {
        return Some(*i);
    }
    if release == Release::Bookworm {
        return None;
    }
    let n = provider.unwrap_or(n);
    if let Some(&i) = t.index.get(format!("{n}t64").as_str()) {
        return Some(i);
    }
    // The one package whose name is the same up to version numbers (a miss is rare: a
    // scan of the table is cheaper in code than an index of stems).
    let want = stem(n);
    let mut found = t
        .packages
        .iter()
        .enumerate()
        .filter(|(_, p)| stem_chars(p.name).eq(want.chars()));
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i as u32),
        _ => None,
    }
}

/// The packages a `debian:*-slim` image starts with.
pub fn base_set() -> BTreeSet<u32> {
    base_set_of(Release::Bookworm)
}

/// The packages a `debian:<release>-slim` image starts with.
pub fn base_set_of(release: Release) -> BTreeSet<u32> {
    table_of(release)
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
    /// What lands on a full image: the bytes of their files (measured per package;
    /// unmeasured ones: Installed-Size times the measured packages' share).
    pub files: u64,
    /// The part of `installed` in doc/translation packages.
    pub docs: u64,
    /// What lands on a `-slim` image: their files minus what dpkg skips there
    /// (measured per package; unmeasured ones keep [`slim_keep_per_mille`] of their
    /// Installed-Size, doc packages nothing).
    pub slim: u64,
    /// How many of the new packages have a measured slim size.
    pub slim_measured: usize,
    /// How many of the new packages' figures were scaled from bookworm's measurement of
    /// the same package (another release's table) rather than measured.
    pub scaled: usize,
    /// How many of the Python packages' `.pyc` figures were scaled so.
    pub pyc_scaled: usize,
    /// `.pyc` files py3compile writes for the new packages: measured per package;
    /// unmeasured Python packages at the measured ones' share of Installed-Size.
    pub pyc: u64,
    /// Files the new packages' maintainer scripts create (the CA bundle…), measured.
    pub generated: u64,
    /// How many new packages have Python modules, and how many of those are measured.
    pub python: usize,
    pub python_measured: usize,
    /// A new package depends on debconf: installing it rewrites debconf's caches.
    pub debconf: bool,
    /// Names not in the table (not counted).
    pub unknown: Vec<String>,
}

/// Another distribution's packages priced as their Debian equivalents: what
/// `apt-get install --no-install-recommends` of them puts on a slim image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Equivalents {
    /// (the other distribution's name, the Debian package that stood in for it)
    pub priced: Vec<(String, &'static str)>,
    /// Names without a Debian equivalent in the table.
    pub unknown: Vec<String>,
    /// Files the closure puts on a `-slim` image (docs, man pages, translations excluded),
    /// new to `present`.
    pub bytes: u64,
    /// Debian packages in that closure.
    pub packages: usize,
}

/// Prices `names` through `debian_name` (None: no equivalent, such as a group) onto an
/// image holding `present`, which this extends so a stage counts a package once.
pub fn equivalents(
    names: &[String],
    debian_name: impl Fn(&str) -> Option<String>,
    present: &mut BTreeSet<u32>,
) -> Equivalents {
    let mut out = Equivalents::default();
    let mut debs = Vec::new();
    for n in names {
        match debian_name(n).and_then(|d| Some((package(lookup(&d)?)?, d))) {
            Some((p, d)) => {
                out.priced.push((n.clone(), p.name));
                debs.push(d);
            }
            None => out.unknown.push(n.clone()),
        }
    }
    let inst = install(&debs, false, present);
    present.extend(inst.new.iter().copied());
    out.bytes = inst.slim + inst.generated;
    out.packages = inst.new.len();
    out
}

/// A shared-library package: Debian names one after the library's soname (Debian Policy
/// §8.1: `libssl3`, `libsqlite3-0`, `zlib1g`); its headers, tools and data come in
/// `-dev`, `-bin`, `-common`, `-data` packages.
fn is_shared_library(name: &str) -> bool {
    (name.starts_with("lib") || name.starts_with("zlib"))
        && name.chars().any(|c| c.is_ascii_digit())
        && !name.contains("-dev")
        && ![
            "-bin", "-common", "-data", "-doc", "-dbg", "-tools", "-utils",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// The shared libraries a program built against the `-dev` packages among `names` links:
/// the library packages those depend on. `direct`: their own Depends (`libssl-dev` →
/// `libssl3`); `through`: also those reached through the `-dev` packages they depend on
/// (`tk-dev` → `tk8.6-dev` → `libtk8.6`), which a build may or may not link.
pub fn runtime_libraries(release: Release, names: &[String]) -> (Vec<String>, Vec<String>) {
    let t = table_of(release);
    let (mut direct, mut through) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    let mut todo: Vec<(u32, bool)> = names
        .iter()
        .filter_map(|n| lookup_in(release, n))
        .map(|i| (i, true))
        .collect();
    while let Some((i, named)) = todo.pop() {
        let Some(p) = t.packages.get(i as usize) else {
            continue;
        };
        if !p.name.ends_with("-dev") || !seen.insert(i) {
            continue;
        }
        for &d in &p.depends {
            let Some(dep) = t.packages.get(d as usize) else {
                continue;
            };
            if is_shared_library(dep.name) {
                let list = if named { &mut direct } else { &mut through };
                if !list.iter().any(|n| n == dep.name) {
                    list.push(dep.name.to_string());
                }
            } else {
                todo.push((d, false));
            }
        }
    }
    through.retain(|n| !direct.contains(n));
    (direct, through)
}

/// The closure of `names` (Depends, Pre-Depends, and Recommends unless disabled)
/// minus what `present` already holds.
pub fn install(names: &[String], recommends: bool, present: &BTreeSet<u32>) -> Install {
    install_in(Release::Bookworm, names, recommends, present)
}

/// [`install`] from a release's table (`present` holds rows of the same table).
pub fn install_in(
    release: Release,
    names: &[String],
    recommends: bool,
    present: &BTreeSet<u32>,
) -> Install {
    let t = table_of(release);
    let mut out = Install::default();
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    let mut todo: Vec<u32> = Vec::new();
    let debconf = lookup_in(release, "debconf");
    for n in names {
        match lookup_in(release, n) {
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
        out.files += p.files.unwrap_or(p.installed * t.files_per_mille / 1000);
        out.scaled += usize::from(p.scaled && p.files.is_some());
        match (p.files, p.slim_skipped) {
            (Some(files), Some(skip)) => {
                out.slim += files.saturating_sub(skip);
                out.slim_measured += 1;
            }
            _ if p.docs => {}
            _ => out.slim += p.installed * t.slim_keep_per_mille / 1000,
        }
        out.generated += GENERATED
            .iter()
            .filter(|(n, _)| *n == p.name)
            .map(|(_, b)| b)
            .sum::<u64>();
        if p.docs {
            out.docs += p.installed;
        } else if is_python(p, t.python3) {
            out.python += 1;
            match p.pyc {
                Some(b) => {
                    out.pyc += b;
                    out.python_measured += 1;
                    out.pyc_scaled += usize::from(p.pyc_scaled);
                }
                None => out.pyc += p.installed * t.pyc_per_mille / 1000,
            }
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
    fn runtime_libraries_are_the_dev_packages_shared_libraries() {
        let names: Vec<String> = ["gcc", "libssl-dev", "libsqlite3-dev", "tk-dev"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (direct, through) = runtime_libraries(Release::Bookworm, &names);
        assert!(direct.contains(&"libssl3".to_string()), "{direct:?}");
        assert!(direct.contains(&"libsqlite3-0".to_string()), "{direct:?}");
        // tk-dev names no library itself: Tk's comes through tk8.6-dev.
        assert!(!direct.iter().any(|n| n.starts_with("libtk")), "{direct:?}");
        assert!(
            through.iter().any(|n| n.starts_with("libtk")),
            "{through:?}"
        );
        // gcc is no -dev package; headers and tools are no libraries.
        assert!(!direct
            .iter()
            .chain(&through)
            .any(|n| n.ends_with("-dev") || n == "gcc"));
        assert!(is_shared_library("zlib1g") && is_shared_library("libbz2-1.0"));
        assert!(!is_shared_library("libc-dev-bin") && !is_shared_library("libssl-dev"));
    }

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
    fn files_pyc_and_generated_files_are_counted_from_measurements() {
        let base = base_set();
        // python3's stdlib ships .py only: py3compile writes the .pyc on install
        // (11,675,110 B measured in bench/oracle/06-python3-clean).
        let py = install(&["python3".into()], false, &base);
        assert_eq!(py.python, py.python_measured);
        assert!(py.pyc > 11_000_000 && py.pyc < 12_300_000, "{}", py.pyc);
        // Installed-Size rounds every file up to a KiB: the files come to less.
        assert!(py.files < py.installed);
        assert!(install(&["jq".into()], false, &base).pyc == 0);
        // update-ca-certificates writes the bundle.
        let ca = install(&["ca-certificates".into()], false, &base);
        assert!(ca.generated > 200_000);
        assert_eq!(install(&["jq".into()], false, &base).generated, 0);
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

    #[test]
    fn virtual_names_people_install_are_their_provider() {
        // Rails' generated Dockerfile installs `libvips`, which libvips42 provides.
        assert!(lookup("libvips").is_some());
        assert_eq!(lookup("libvips"), lookup("libvips42"));
        assert_eq!(lookup("libvips:amd64"), lookup("libvips42"));
        let i = install(&["libvips".into()], false, &BTreeSet::new());
        assert!(i.unknown.is_empty() && i.new.len() > 1);
        // Not cmdtest: Dockerfiles install `yarn` from Yarn's own repository.
        assert_eq!(lookup("yarn"), None);
    }

    #[test]
    fn bullseye_has_its_own_packages_and_base() {
        let rel = Release::Bullseye;
        assert!(!table_date_of(rel).is_empty());
        // minbase: bullseye-slim starts with libssl1.1 and tzdata, not bookworm's libssl3.
        let base = base_set_of(rel);
        let has = |n: &str| lookup_in(rel, n).is_some_and(|i| base.contains(&i));
        assert!(
            has("libssl1.1") && has("tzdata") && has("apt"),
            "{}",
            base.len()
        );
        // Bookworm's name for it finds bullseye's package (libssl3 -> libssl1.1).
        assert_eq!(lookup_in(rel, "libssl3"), lookup_in(rel, "libssl1.1"));
        assert_eq!(stem("libssl1.1"), "libssl#");
        assert_eq!(stem("libldap-2.5-0"), "libldap-#-#");
        // Its gcc is gcc-10: smaller than bookworm's gcc-12 by Installed-Size.
        let gcc = install_in(rel, &["gcc".into()], false, &base);
        let gcc12 = install(&["gcc".into()], false, &base_set());
        assert!(gcc.unknown.is_empty());
        assert!(
            gcc.new
                .iter()
                .any(|&i| package_in(rel, i).unwrap().name == "gcc-10"),
            "{:?}",
            gcc.new
        );
        assert!(gcc.installed < gcc12.installed * 85 / 100);
        // Its slim sizes are measured from its own .debs (data/apt/bullseye-slim-excluded.tsv).
        assert_eq!(gcc.scaled, 0);
        assert_eq!(gcc.slim_measured, gcc.new.len());
        assert!(gcc.slim < gcc.files);
        assert_eq!(Release::for_codename("buster"), Release::Bullseye);
        assert_eq!(Release::for_codename("trixie"), Release::Trixie);
        assert_eq!(Release::for_codename("jammy"), Release::Jammy);
        assert_eq!(Release::for_codename("bionic"), Release::Focal);
        // Interim releases take their LTS predecessor's table.
        for (c, r) in [
            ("cosmic", Release::Focal),
            ("impish", Release::Focal),
            ("kinetic", Release::Jammy),
            ("mantic", Release::Jammy),
            ("oracular", Release::Noble),
            ("questing", Release::Noble),
            ("resolute", Release::Noble),
            ("trusty", Release::Focal),
        ] {
            assert_eq!(Release::for_codename(c), r, "{c}");
        }
        assert_eq!(Release::for_codename("sid"), Release::Bookworm);
    }
}
