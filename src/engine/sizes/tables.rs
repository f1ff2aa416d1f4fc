//! Where the package tables come from.
//!
//! Natively (CLI, tests) they are compiled in. In the browser they are separate
//! files fetched next to the app (`bookworm.tsv`, `bullseye.tsv`, `trixie.tsv`, Ubuntu's
//! `focal.tsv`, `jammy.tsv`, `noble.tsv`, `alpine-installed-sizes.tsv`,
//! `packages.tsv`, `wheels.tsv`, `wheels-history.tsv`, `base-images.tsv`, Alpine's `depends.tsv` and
//! `closures.tsv`, PHP's `extensions.tsv`, Java's `jlink-modules.tsv`, Ruby's `gems.tsv`, the Node.js
//! and Go releases' `node/dist.tsv` and `go/dist.tsv`, and the permalink dictionary
//! `permalink-dict-v1.txt`), which keeps 2.5 MB of data (829 KB gzip, `scripts/bundle-size.sh`) out of the
//! WebAssembly code bundle. The UI fetches the [`Table::CORE`] ones at once and calls
//! [`load`] for each before its first analysis, and a [`Table::LATE`] one when an analysis
//! [`want`]s it. Until then a table reads as empty, so
//! installs show as *not in the table* rather than failing.

use std::sync::OnceLock;

/// A data table: Debian packages, Alpine packages (sizes, APKBUILD dependencies,
/// published closures), npm packages, Python wheels or base images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Apt,
    /// Debian bullseye's and trixie's packages (bookworm's are `Apt`).
    AptBullseye,
    AptTrixie,
    /// Ubuntu's LTS releases' packages.
    AptFocal,
    AptJammy,
    AptNoble,
    Apk,
    ApkDepends,
    ApkClosures,
    Npm,
    Pip,
    /// Python wheels as PyPI had them on earlier dates (for an estimate made as of one).
    PipHistory,
    Base,
    PhpExtensions,
    JlinkModules,
    /// Ruby gems as `gem install` unpacks them.
    Gems,
    /// Node.js and Go releases as their tarballs unpack.
    NodeDist,
    GoDist,
    /// Not a size table: the permalink format v1's preset dictionary.
    PermalinkDict,
}

impl Table {
    /// The tables the page fetches before its first analysis.
    pub const CORE: [Table; 13] = [
        Table::Apt,
        Table::Apk,
        Table::ApkDepends,
        Table::ApkClosures,
        Table::Npm,
        Table::Pip,
        Table::Base,
        Table::PhpExtensions,
        Table::JlinkModules,
        Table::Gems,
        Table::NodeDist,
        Table::GoDist,
        Table::PermalinkDict,
    ];
    /// The tables it fetches later, only when an analysis wants one: the other Debian and
    /// the Ubuntu releases' packages, which only files on those releases use, and PyPI's
    /// past, which only estimates made as of an earlier date use. Until one arrives, such
    /// stages are priced from bookworm's table (and say so), pip installs from today's
    /// wheels; the page analyses again when it does.
    pub const LATE: [Table; 6] = [
        Table::PipHistory,
        Table::AptBullseye,
        Table::AptTrixie,
        Table::AptFocal,
        Table::AptJammy,
        Table::AptNoble,
    ];

    /// Every table: the core ones, then the late ones.
    pub const ALL: [Table; Table::CORE.len() + Table::LATE.len()] = {
        let mut all = [Table::Apt; Table::CORE.len() + Table::LATE.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < Table::CORE.len() {
                Table::CORE[i]
            } else {
                Table::LATE[i - Table::CORE.len()]
            };
            i += 1;
        }
        all
    };
}

impl Table {
    /// The file the browser fetches, relative to the page.
    pub const fn file(self) -> &'static str {
        match self {
            Table::Apt => "bookworm.tsv",
            Table::AptBullseye => "bullseye.tsv",
            Table::AptTrixie => "trixie.tsv",
            Table::AptFocal => "focal.tsv",
            Table::AptJammy => "jammy.tsv",
            Table::AptNoble => "noble.tsv",
            Table::Apk => "alpine-installed-sizes.tsv",
            Table::ApkDepends => "depends.tsv",
            Table::ApkClosures => "closures.tsv",
            Table::Npm => "packages.tsv",
            Table::Pip => "wheels.tsv",
            Table::PipHistory => "wheels-history.tsv",
            Table::Base => "base-images.tsv",
            Table::PhpExtensions => "extensions.tsv",
            Table::JlinkModules => "jlink-modules.tsv",
            Table::Gems => "gems.tsv",
            Table::NodeDist => "node/dist.tsv",
            Table::GoDist => "go/dist.tsv",
            Table::PermalinkDict => "permalink-dict-v1.txt",
        }
    }

    fn cell(self) -> &'static OnceLock<&'static str> {
        static APT: OnceLock<&'static str> = OnceLock::new();
        static APT_BULLSEYE: OnceLock<&'static str> = OnceLock::new();
        static APT_TRIXIE: OnceLock<&'static str> = OnceLock::new();
        static APT_FOCAL: OnceLock<&'static str> = OnceLock::new();
        static APT_JAMMY: OnceLock<&'static str> = OnceLock::new();
        static APT_NOBLE: OnceLock<&'static str> = OnceLock::new();
        static APK: OnceLock<&'static str> = OnceLock::new();
        static APK_DEPENDS: OnceLock<&'static str> = OnceLock::new();
        static APK_CLOSURES: OnceLock<&'static str> = OnceLock::new();
        static NPM: OnceLock<&'static str> = OnceLock::new();
        static PIP: OnceLock<&'static str> = OnceLock::new();
        static PIP_HISTORY: OnceLock<&'static str> = OnceLock::new();
        static BASE: OnceLock<&'static str> = OnceLock::new();
        static PHP: OnceLock<&'static str> = OnceLock::new();
        static JLINK: OnceLock<&'static str> = OnceLock::new();
        static GEMS: OnceLock<&'static str> = OnceLock::new();
        static NODE_DIST: OnceLock<&'static str> = OnceLock::new();
        static GO_DIST: OnceLock<&'static str> = OnceLock::new();
        static DICT: OnceLock<&'static str> = OnceLock::new();
        match self {
            Table::Apt => &APT,
            Table::AptBullseye => &APT_BULLSEYE,
            Table::AptTrixie => &APT_TRIXIE,
            Table::AptFocal => &APT_FOCAL,
            Table::AptJammy => &APT_JAMMY,
            Table::AptNoble => &APT_NOBLE,
            Table::Apk => &APK,
            Table::ApkDepends => &APK_DEPENDS,
            Table::ApkClosures => &APK_CLOSURES,
            Table::Npm => &NPM,
            Table::Pip => &PIP,
            Table::PipHistory => &PIP_HISTORY,
            Table::Base => &BASE,
            Table::PhpExtensions => &PHP,
            Table::JlinkModules => &JLINK,
            Table::Gems => &GEMS,
            Table::NodeDist => &NODE_DIST,
            Table::GoDist => &GO_DIST,
            Table::PermalinkDict => &DICT,
        }
    }
}

/// A table parsed once, by `parse`, into `cell`; `None` while its text is empty (in the
/// browser, until it is fetched), with nothing cached, so the loaded table is read on the
/// next call.
pub fn parsed<T>(
    table: Table,
    cell: &'static OnceLock<T>,
    parse: impl FnOnce(&'static str) -> T,
) -> Option<&'static T> {
    if let Some(t) = cell.get() {
        return Some(t);
    }
    let text = text(table);
    if text.is_empty() {
        return None;
    }
    Some(cell.get_or_init(|| parse(text)))
}

/// Has the table's text arrived (natively: always)?
pub fn available(table: Table) -> bool {
    !text(table).is_empty()
}

thread_local! {
    /// Late tables an analysis would have used had they been there, each with whether it
    /// has been handed out to be fetched.
    static WANTED: std::cell::RefCell<Vec<(Table, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes that an analysis needed a table that has not arrived (the page fetches it and
/// analyses again).
pub fn want(table: Table) {
    WANTED.with(|w| {
        let mut w = w.borrow_mut();
        if !w.iter().any(|(t, _)| *t == table) {
            w.push((table, false));
        }
    });
}

/// The tables wanted and not handed out before: each is returned once, so the page
/// fetches it once.
pub fn take_wanted() -> Vec<Table> {
    WANTED.with(|w| {
        w.borrow_mut()
            .iter_mut()
            .filter(|(_, handed)| !*handed)
            .map(|(t, handed)| {
                *handed = true;
                *t
            })
            .collect()
    })
}

/// Installs a table's text (first call wins). Returns false if it was already set.
pub fn load(table: Table, text: String) -> bool {
    table.cell().set(Box::leak(text.into_boxed_str())).is_ok()
}

/// The table's text: loaded, else compiled in (native), else empty (browser, not loaded yet).
pub fn text(table: Table) -> &'static str {
    if let Some(t) = table.cell().get() {
        return t;
    }
    builtin(table)
}

#[cfg(not(target_arch = "wasm32"))]
fn builtin(table: Table) -> &'static str {
    match table {
        Table::Apt => include_str!("../../../data/apt/bookworm.tsv"),
        Table::AptBullseye => include_str!("../../../data/apt/bullseye.tsv"),
        Table::AptTrixie => include_str!("../../../data/apt/trixie.tsv"),
        Table::AptFocal => include_str!("../../../data/apt/focal.tsv"),
        Table::AptJammy => include_str!("../../../data/apt/jammy.tsv"),
        Table::AptNoble => include_str!("../../../data/apt/noble.tsv"),
        Table::Apk => include_str!("../../../data/apk/alpine-installed-sizes.tsv"),
        Table::ApkDepends => include_str!("../../../data/apk/depends.tsv"),
        Table::ApkClosures => include_str!("../../../data/apk/closures.tsv"),
        Table::Npm => include_str!("../../../data/npm/packages.tsv"),
        Table::Pip => include_str!("../../../data/pip/wheels.tsv"),
        Table::PipHistory => include_str!("../../../data/pip/wheels-history.tsv"),
        Table::Base => include_str!("../../../data/base-images.tsv"),
        Table::PhpExtensions => include_str!("../../../data/php/extensions.tsv"),
        Table::JlinkModules => include_str!("../../../data/java/jlink-modules.tsv"),
        Table::Gems => include_str!("../../../data/ruby/gems.tsv"),
        Table::NodeDist => include_str!("../../../data/node/dist.tsv"),
        Table::GoDist => include_str!("../../../data/go/dist.tsv"),
        Table::PermalinkDict => include_str!("../../../data/permalink-dict-v1.txt"),
    }
}

#[cfg(target_arch = "wasm32")]
fn builtin(_: Table) -> &'static str {
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_core_or_late() {
        for t in Table::ALL {
            assert!(
                Table::CORE.contains(&t) != Table::LATE.contains(&t),
                "{t:?}"
            );
        }
        assert_eq!(Table::CORE.len() + Table::LATE.len(), Table::ALL.len());
    }

    #[test]
    fn a_wanted_table_is_handed_out_once() {
        want(Table::AptJammy);
        want(Table::AptJammy);
        assert_eq!(take_wanted(), vec![Table::AptJammy]);
        want(Table::AptJammy);
        assert!(take_wanted().is_empty());
    }
}
