//! Base-image sizes: what users write in `FROM`, resolved to sourced table rows.
//!
//! Resolution, in order:
//! 1. `scratch` is 0 bytes.
//! 2. Rows whose tag is exactly the user's tag (after normalising `docker.io/library/`
//!    and a missing tag to `latest`). A tag is rebuilt over time, so several rows may
//!    match: the point is the earliest build with an uncompressed figure, the range
//!    covers every build seen.
//! 3. Partial versions and aliases: rows whose version starts with the user's version
//!    (component-wise: `3` matches `3.16`, not `30`) and whose variant words are the
//!    same (distro code names may be added: `22-slim` matches `22-bookworm-slim`).
//!    The point is the newest such version; flagged approximate.
//! 4. Nearest known row of the same image and variant; flagged approximate, wider range.
//!
//! Digests (`@sha256:…`) are dropped: the size of the tag is used and that is said.

use crate::engine::sort;
use serde::Serialize;

/// One observed build of one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseRow {
    pub image: &'static str,
    pub tag: &'static str,
    pub uncompressed: Option<u64>,
    pub compressed: Option<u64>,
    pub date: &'static str,
    pub resolved: &'static str,
    pub confidence: &'static str,
    pub source: &'static str,
}

fn rows() -> &'static [BaseRow] {
    use super::tables::{self, Table};
    use std::sync::OnceLock;
    static ROWS: OnceLock<Vec<BaseRow>> = OnceLock::new();
    // In the browser the table is fetched next to the app: until it is loaded, no rows.
    tables::parsed(Table::Base, &ROWS, |text| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("image\t"))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                if c.len() < 8 {
                    return None;
                }
                Some(BaseRow {
                    image: c[0],
                    tag: c[1],
                    uncompressed: c[2].parse().ok(),
                    compressed: c[3].parse().ok(),
                    date: c[4],
                    resolved: c[5],
                    confidence: c[6],
                    source: c[7],
                })
            })
            .collect()
    })
    .map_or(&[], Vec::as_slice)
}

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// Repository without the default registry: `golang`, `gcr.io/distroless/static`.
    pub name: String,
    /// Tag as written, or `latest` when none was given.
    pub tag: String,
    pub digest: Option<String>,
    /// True when the user wrote no tag (and no digest).
    pub implicit_latest: bool,
}

impl ImageRef {
    pub fn display(&self) -> String {
        format!("{}:{}", self.name, self.tag)
    }
}

/// Parses `[registry/]name[:tag][@digest]`. Returns `None` for an empty reference.
pub fn parse_image_ref(s: &str) -> Option<ImageRef> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d.to_string())),
        None => (s, None),
    };
    // A ':' after the last '/' separates the tag (a ':' before it is a registry port).
    let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match rest[last_slash..].find(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    let mut name = name.to_ascii_lowercase();
    // Docker Hub under its other host names (Rails 7.1's generated Dockerfile says
    // `registry.docker.com/library/ruby`), and the official images' mirrors on Google's
    // and Amazon's registries, which serve the same builds.
    for prefix in [
        "docker.io/library/",
        "index.docker.io/library/",
        "registry-1.docker.io/library/",
        "registry.docker.com/library/",
        "registry.hub.docker.com/library/",
        "mirror.gcr.io/library/",
        "public.ecr.aws/docker/library/",
        "library/",
        "docker.io/",
        "index.docker.io/",
        "registry-1.docker.io/",
        "registry.docker.com/",
        "registry.hub.docker.com/",
        "mirror.gcr.io/",
    ] {
        if let Some(n) = name.strip_prefix(prefix) {
            name = n.to_string();
            break;
        }
    }
    // The official images' amd64 repository holds the same amd64 builds the table measures
    // (`amd64/alpine:3.12` is `alpine:3.12`).
    if let Some(n) = name.strip_prefix("amd64/") {
        name = n.to_string();
    }
    if name.is_empty() {
        return None;
    }
    let implicit_latest = tag.is_none() && digest.is_none();
    Some(ImageRef {
        name,
        tag: tag
            .filter(|t| !t.is_empty())
            .unwrap_or("latest")
            .to_string(),
        digest,
        implicit_latest,
    })
}

/// Another name the table knows the same image by.
fn aliases_of(r: &ImageRef) -> Vec<ImageRef> {
    let with = |name: String| {
        let mut a = r.clone();
        a.name = name;
        a
    };
    // gcr.io/distroless/cc-debian11 → gcr.io/distroless/cc (rows name the release in the
    // tag), else the same image on the nearest other Debian release
    // (nodejs22-debian13 → nodejs22-debian12); gcr.io/distroless/python3 → python3-debian13…
    if r.name.starts_with("gcr.io/distroless/") {
        let (stem, own) = match r.name.rsplit_once("-debian") {
            Some((s, n)) if n.chars().all(|c| c.is_ascii_digit()) => (s, n.parse::<u32>().ok()),
            _ => (r.name.as_str(), None),
        };
        // Nearest release first; without one, the newest.
        let mut releases: Vec<u32> = DEBIAN_RELEASES
            .iter()
            .map(|(_, n)| *n)
            .filter(|n| Some(*n) != own && *n >= 10)
            .collect();
        sort::sort_by_key(&mut releases, |n| {
            (own.map_or(0, |o| n.abs_diff(o)), u32::MAX - n)
        });
        // The name without a release first: it meant the then-current one.
        let mut out: Vec<ImageRef> = Vec::new();
        if own.is_some() {
            out.push(with(stem.to_string()));
        }
        out.extend(releases.iter().map(|n| with(format!("{stem}-debian{n}"))));
        return out;
    }
    // .NET Core's images moved from mcr.microsoft.com/dotnet/core/<repo> to
    // mcr.microsoft.com/dotnet/<repo> with .NET 5.
    if let Some(rest) = r.name.strip_prefix("mcr.microsoft.com/dotnet/core/") {
        return vec![with(format!("mcr.microsoft.com/dotnet/{rest}"))];
    }
    // Red Hat's registries name UBI images `ubi9/ubi-minimal` or `ubi9-minimal`; Docker
    // Hub's copies are `redhat/ubi9-minimal`.
    for reg in ["registry.access.redhat.com/", "registry.redhat.io/"] {
        if let Some(rest) = r.name.strip_prefix(reg) {
            let name = match rest.split_once('/') {
                Some((ver, "ubi")) => ver.to_string(),
                Some((ver, kind)) => format!("{ver}-{}", kind.trim_start_matches("ubi-")),
                None => rest.to_string(),
            };
            return vec![with(format!("redhat/{name}"))];
        }
    }
    match r.name.as_str() {
        // The unprivileged variant of the official nginx image.
        "nginxinc/nginx-unprivileged" => vec![with("nginx".into())],
        _ => Vec::new(),
    }
}

/// Debian's releases: code name and version number, newest first.
pub const DEBIAN_RELEASES: &[(&str, u32)] = &[
    ("trixie", 13),
    ("bookworm", 12),
    ("bullseye", 11),
    ("buster", 10),
    ("stretch", 9),
    ("jessie", 8),
];

/// The Debian release a `debian` tag names by number (`12`, `12-slim`, `12.5`).
pub fn debian_release_of_number(tag: &str) -> Option<(&'static str, u32)> {
    let major: u32 = tag.split(['-', '.']).next()?.parse().ok()?;
    DEBIAN_RELEASES.iter().copied().find(|(_, n)| *n == major)
}

/// Debian's releases with their release dates, newest first.
pub fn debian_release_dates() -> Vec<(&'static str, &'static str)> {
    DEBIAN_RELEASES
        .iter()
        .filter_map(|(c, _)| {
            OS_RELEASE_DATES
                .iter()
                .find(|(r, _)| r == c)
                .map(|(_, d)| (*c, *d))
        })
        .collect()
}

/// Ubuntu's LTS releases: code name, version, release date (wiki.ubuntu.com/Releases).
pub const UBUNTU_LTS: &[(&str, &str, &str)] = &[
    ("resolute", "26.04", "2026-04-23"),
    ("noble", "24.04", "2024-04-25"),
    ("jammy", "22.04", "2022-04-21"),
    ("focal", "20.04", "2020-04-23"),
    ("bionic", "18.04", "2018-04-26"),
    ("xenial", "16.04", "2016-04-21"),
    ("trusty", "14.04", "2014-04-17"),
];

/// Ubuntu's interim (nine-month) releases: code name, version, release date
/// (wiki.ubuntu.com/Releases). `ubuntu:rolling` is the newest release of either list.
pub const UBUNTU_INTERIM: &[(&str, &str, &str)] = &[
    ("questing", "25.10", "2025-10-09"),
    ("plucky", "25.04", "2025-04-17"),
    ("oracular", "24.10", "2024-10-10"),
    ("mantic", "23.10", "2023-10-12"),
    ("lunar", "23.04", "2023-04-20"),
    ("kinetic", "22.10", "2022-10-20"),
    ("impish", "21.10", "2021-10-14"),
    ("hirsute", "21.04", "2021-04-22"),
    ("groovy", "20.10", "2020-10-22"),
    ("eoan", "19.10", "2019-10-17"),
    ("disco", "19.04", "2019-04-18"),
    ("cosmic", "18.10", "2018-10-18"),
];

/// All of Ubuntu's releases above (LTS and interim).
pub fn ubuntu_releases() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)>
{
    UBUNTU_LTS.iter().chain(UBUNTU_INTERIM)
}

/// The Ubuntu release whose code name `word` is (`plucky`), exactly.
pub fn ubuntu_codename(word: &str) -> Option<&'static str> {
    ubuntu_releases()
        .find(|(c, _, _)| *c == word)
        .map(|(c, _, _)| *c)
}

/// The first Ubuntu code name among the words of `text` (`21-jdk-noble`): whole words only,
/// so `disco` (19.04) is not found in `discord`.
pub fn ubuntu_codename_in(text: &str) -> Option<&'static str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find_map(ubuntu_codename)
}

/// The version of the newest Ubuntu release out by a date (`YYYY`, `YYYY-MM`, …): LTS
/// only, or with `interim` every release.
pub fn ubuntu_newest(interim: bool, as_of: &str) -> Option<&'static str> {
    let until = earlier_date(None, Some(as_of))?;
    UBUNTU_LTS
        .iter()
        .chain(UBUNTU_INTERIM.iter().filter(|_| interim))
        .filter(|(_, _, d)| *d <= until.as_str())
        .max_by_key(|(_, _, d)| *d)
        .map(|(_, v, _)| *v)
}

/// The other name of an Ubuntu release tag: its version for a code name (`noble` →
/// `24.04`), its code name for a version.
fn ubuntu_twin(tag: &str) -> Option<&'static str> {
    ubuntu_releases().find_map(|(c, v, _)| {
        if tag == *c {
            Some(*v)
        } else if tag == *v {
            Some(*c)
        } else {
            None
        }
    })
}

/// The Ubuntu release a tag names, by code name (`jammy`, `21-jdk-noble`, `plucky`) or
/// version (`22.04`, `ubuntu:25.04`).
pub fn ubuntu_release(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    ubuntu_releases()
        .find(|(c, v, _)| {
            words.contains(c)
                || text
                    .match_indices(v)
                    .any(|(i, _)| !text[..i].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.'))
        })
        .map(|(c, _, _)| *c)
}

/// The release a base image is built on, among `releases` (code name and release date,
/// newest first): the one its tag names (`named`); else the one its build in the table
/// names (`build_names`), unless, as of a date, that release came out after the date or
/// after the build (a testing build); else the newest out when the base was built and by
/// the date asked for (`node:16` built in 2023-03 was on bullseye).
pub fn built_on(
    releases: &[(&'static str, &'static str)],
    named: Option<&'static str>,
    build_names: Option<&'static str>,
    built: Option<&str>,
    as_of: Option<&str>,
) -> Option<&'static str> {
    let until = earlier_date(built, as_of);
    let by_date = until
        .as_deref()
        .and_then(|u| releases.iter().find(|(_, d)| *d <= u).map(|(c, _)| *c));
    named
        .or_else(|| {
            let b = build_names?;
            let out = releases.iter().find(|(c, _)| *c == b).map(|(_, d)| *d);
            match (out, until.as_deref().filter(|_| as_of.is_some())) {
                (Some(r), Some(u)) if r > u => by_date.or(Some(b)),
                _ => Some(b),
            }
        })
        .or(by_date)
}

/// The first date (`YYYY-MM-DD`, `YYYY-MM`) in a row's date text (some read "baseline file
/// as of 2025-05-09 (…)"), as the last day string of its period; `None` when it has none.
pub fn date_in(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        let d = |j: usize| b.get(i + j).is_some_and(|c| c.is_ascii_digit());
        let starts = (i == 0 || !b[i - 1].is_ascii_digit())
            && (0..4).all(d)
            && b.get(i + 4) == Some(&b'-')
            && d(5)
            && d(6);
        if !starts {
            return None;
        }
        let day = b.get(i + 7) == Some(&b'-') && d(8) && d(9);
        Some(end_of_period(&text[i..i + if day { 10 } else { 7 }]))
    })
}

/// The earlier of a build's date and the date asked for (`YYYY` allowed), as a
/// `YYYY-MM-DD` string to compare with release dates; `None` when neither has one.
pub fn earlier_date(built: Option<&str>, as_of: Option<&str>) -> Option<String> {
    let built = built.and_then(date_in);
    let as_of = as_of.map(|d| {
        if d.len() == 4 {
            end_of_period(d)
        } else {
            date_in(d).unwrap_or_else(|| end_of_period(d))
        }
    });
    match (built, as_of) {
        (Some(b), Some(a)) => Some(b.min(a)),
        (Some(d), None) | (None, Some(d)) => Some(d),
        (None, None) => None,
    }
}

/// Debian's suite aliases (`stable-slim` → `trixie-slim`): without a date as of the
/// table's snapshot (2026: trixie is stable), with one the releases out by then.
pub fn debian_suite(tag: &str, as_of: Option<&str>) -> Option<String> {
    let until = as_of.map(end_of_period);
    let out: Vec<&str> = DEBIAN_RELEASES
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| {
            until.as_ref().is_none_or(|u| {
                OS_RELEASE_DATES
                    .iter()
                    .any(|(r, d)| r == c && *d <= u.as_str())
            })
        })
        .collect();
    for (i, alias) in ["stable", "oldstable", "oldoldstable"].iter().enumerate() {
        if let Some(rest) = tag.strip_prefix(alias) {
            if rest.is_empty() || rest.starts_with('-') {
                return out.get(i).map(|codename| format!("{codename}{rest}"));
            }
        }
    }
    None
}

/// How a reference was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    Scratch,
    Exact,
    Partial,
    Nearest,
}

/// The size of a base image, with the rows it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseMatch {
    pub bytes: u64,
    pub low: u64,
    pub high: u64,
    pub kind: MatchKind,
    /// The row the point estimate comes from (None for scratch).
    pub row: Option<BaseRow>,
    /// How many table rows the range covers.
    pub rows_considered: usize,
    /// One line a person can check.
    pub basis: String,
}

impl BaseMatch {
    pub fn approximate(&self) -> bool {
        matches!(self.kind, MatchKind::Partial | MatchKind::Nearest)
    }

    /// The Alpine release a row says the image is built on (`alpine3.16` → `3.16`).
    pub fn alpine_version(&self) -> Option<String> {
        let row = self.row.as_ref()?;
        alpine_version_in(row.resolved).or_else(|| alpine_version_in(row.tag))
    }
}

fn alpine_version_in(s: &str) -> Option<String> {
    s.match_indices("alpine").find_map(|(i, _)| {
        let rest = s[i + 6..].trim_start_matches([' ', '-', ':']);
        let v: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        // Keep major.minor.
        let mut parts = v.split('.').filter(|p| !p.is_empty());
        match (parts.next(), parts.next()) {
            (Some(a), Some(b)) => Some(format!("{a}.{b}")),
            _ => None,
        }
    })
}

/// Splits a tag into its leading version (`1.19`) and its variant words (`alpine`).
fn split_tag(tag: &str) -> (Vec<u32>, Vec<String>) {
    let mut version = Vec::new();
    let mut words = Vec::new();
    let mut in_version = true;
    for part in tag.split('-') {
        if in_version {
            let p = part.strip_prefix('v').unwrap_or(part);
            if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.') {
                version.extend(p.split('.').filter_map(|n| n.parse::<u32>().ok()));
                in_version = false;
                continue;
            }
            in_version = false;
        }
        // `alpine3.16` → `alpine`; `jdk21` → `jdk`.
        let w: String = part
            .chars()
            .take_while(|c| !c.is_ascii_digit())
            .collect::<String>()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if !w.is_empty() {
            words.push(w);
        }
    }
    (version, words)
}

/// A tag's parts after its version, without Debian/Ubuntu code names and `jdk`, digits
/// kept (`3-jdk-11` → `11`, apart from `3-jdk-8`; `8-jdk17` → `jdk17`; `8-jdk-stretch` →
/// nothing, as `8`); with `alpine_any`, `alpine3.16` counts as `alpine`.
fn variant_parts(tag: &str, alpine_any: bool) -> Vec<String> {
    let mut parts: Vec<&str> = tag.split('-').collect();
    if parts.first().is_some_and(|p| {
        let p = p.strip_prefix('v').unwrap_or(p);
        !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.')
    }) {
        parts.remove(0);
    }
    parts
        .into_iter()
        .filter(|p| !CODENAMES.contains(p) && *p != "jdk")
        .map(|p| {
            let p = p.to_ascii_lowercase();
            if alpine_any && p.starts_with("alpine") {
                "alpine".to_string()
            } else {
                p
            }
        })
        .collect()
}

/// The Debian or Ubuntu release a row's tag or resolved name names (the newest, if several),
/// with its release date.
fn os_release(row: &BaseRow) -> Option<(&'static str, &'static str)> {
    let text = format!("{} {}", row.tag, row.resolved);
    let words: Vec<&str> = text.split(|ch: char| !ch.is_ascii_alphanumeric()).collect();
    OS_RELEASE_DATES
        .iter()
        .filter(|(c, _)| words.contains(c))
        .max_by_key(|(_, d)| *d)
        .copied()
}

/// Whether the Debian or Ubuntu release a row names had a successor out for more than a
/// year when it was built: the images' default variant had moved on by then, so such a
/// build is its own variant, not the bare tag (`node:18-bullseye` of 2024-11, bookworm out
/// since 2023-06; `openjdk:8-jdk-stretch` of 2020-02, buster out since 2019-07, is not).
fn os_superseded(row: &BaseRow) -> bool {
    let ubuntu = |c: &str| {
        UBUNTU_LTS
            .iter()
            .chain(UBUNTU_INTERIM)
            .any(|(n, _, _)| *n == c)
    };
    let (Some((named, since)), Some(built)) = (os_release(row), day_number(row.date)) else {
        return false;
    };
    OS_RELEASE_DATES.iter().any(|(c, d)| {
        ubuntu(c) == ubuntu(named) && *d > since && day_number(d).is_some_and(|d| built - d > 365)
    })
}

const CODENAMES: &[&str] = &[
    "bookworm", "bullseye", "buster", "trixie", "stretch", "jammy", "noble", "focal", "resolute",
];

/// Tag words that add nothing to a bare version: code names, the JDK a Java image's
/// bare tag is (`openjdk:8` = `8-jdk`, `eclipse-temurin:21` = `21-jdk-jammy`), and the
/// amd64 architecture suffix (`runtime-deps:5.0.5-alpine3.13-amd64`: every row is amd64's),
/// and PHP's default variant (`php:8.2` is `php:8.2-cli`; only PHP's tags say `cli`).
fn neutral_word(w: &str) -> bool {
    CODENAMES.contains(&w) || w == "jdk" || w == "amd" || w == "cli"
}

fn variant_matches(user: &[String], row: &[String]) -> bool {
    let core = |w: &[String]| -> Vec<String> {
        let mut v: Vec<String> = w.iter().filter(|x| !neutral_word(x)).cloned().collect();
        sort::sort(&mut v);
        v
    };
    if core(user) != core(row) {
        return false;
    }
    // Code names the user named must be present in the row.
    user.iter()
        .filter(|w| CODENAMES.contains(&w.as_str()))
        .all(|w| row.contains(w))
}

fn version_prefix(user: &[u32], row: &[u32]) -> bool {
    !user.is_empty() && row.len() >= user.len() && row[..user.len()] == user[..]
}

/// The tag a row's resolved name gives (`node:22-bookworm-slim (22.23.2)` → `22-bookworm-slim`).
fn resolved_tag(row: &BaseRow) -> &str {
    let t = row.resolved.split_once(':').map(|(_, t)| t).unwrap_or("");
    t.split(' ').next().unwrap_or("")
}

/// Variant words of a row: from its tag, plus code names its resolved tag adds
/// (`22-slim` resolved as `node:22-bookworm-slim`).
fn row_words(row: &BaseRow) -> Vec<String> {
    let mut w = split_tag(row.tag).1;
    for x in split_tag(resolved_tag(row)).1 {
        if CODENAMES.contains(&x.as_str()) && !w.contains(&x) {
            w.push(x);
        }
    }
    w
}

/// The version a row describes: from its tag, or from the resolved tag when the tag has
/// none (`latest` → `golang:latest (1.26.5, trixie)`) or says less (`1-alpine3.20`
/// resolved as `nginx:1.27.3-alpine`).
fn row_version(row: &BaseRow) -> Vec<u32> {
    let (v, _) = split_tag(row.tag);
    let full = split_tag(resolved_tag(row)).0;
    if v.is_empty() || full.len() > v.len() && version_prefix(&v, &full) {
        full
    } else {
        v
    }
}

/// Bytes as MB with two decimals (`229.59 MB`).
pub(crate) fn mb(b: u64) -> String {
    format!("{} MB", crate::engine::estimate::decimal(b, 1_000_000, 2))
}

fn describe(row: &BaseRow) -> String {
    format!(
        "{}:{} → {} ({}), {} [{}; {}]",
        row.image,
        row.tag,
        row.resolved,
        row.date,
        row.uncompressed.map(mb).unwrap_or_else(|| "?".into()),
        row.confidence,
        row.source
    )
}

/// Error margin of one row's figure.
fn margin(row: &BaseRow, bytes: u64) -> u64 {
    match row.confidence {
        "exact" => 5_000,
        "rounded" => 5_000_000,
        // baselines with a 5 % tolerance, third-party listings
        "derived" | "third-party" => bytes / 20,
        // a `docker images` line quoted in an issue: 0.1 MB (or 1 MB) rounding
        "published" => 500_000,
        _ => bytes / 4,
    }
}

/// The base's compressed size (its layers as the registry stores them): the row's own
/// figure from repo-info's `remote/` file when it has one; otherwise its uncompressed
/// size times the ratio of the same image's rows that have both (or of all such rows).
pub fn compressed_of(m: &BaseMatch) -> u64 {
    let Some(row) = m.row.as_ref() else {
        return 0;
    };
    if let (Some(c), Some(u)) = (row.compressed, row.uncompressed) {
        // The two figures may be of builds days apart: keep their ratio, applied to
        // the point estimate.
        return m.bytes * (c * 1000 / u.max(1)).min(1000) / 1000;
    }
    let ratio = |same: bool| -> Option<u64> {
        let (c, u) = rows()
            .iter()
            .filter(|r| !same || r.image == row.image)
            .filter_map(|r| Some((r.compressed?, r.uncompressed?)))
            .fold((0u64, 0u64), |(a, b), (c, u)| (a + c, b + u));
        (c * 1000).checked_div(u)
    };
    let per_mille = ratio(true)
        .or_else(|| ratio(false))
        .unwrap_or(400)
        .min(1000);
    m.bytes * per_mille / 1000
}

/// Looks up the uncompressed size of a base image.
pub fn lookup_base(r: &ImageRef) -> Option<BaseMatch> {
    lookup_base_at(r, None)
}

/// Astral's uv image, under either of its names (a reference's parsed name).
pub fn is_uv_image(name: &str) -> bool {
    matches!(name, "ghcr.io/astral-sh/uv" | "astral/uv")
}

/// Astral's uv images (docs.astral.sh/uv/guides/integration/docker): `ghcr.io/astral-sh/uv`
/// and its `latest` or version tags hold only the `uv` and `uvx` binaries; the derived tags
/// are an official image with the two added (`python3.13-bookworm-slim` is
/// `python:3.13-slim-bookworm`, `bookworm-slim` is `debian:bookworm-slim`, `alpine3.21` is
/// `alpine:3.21`), a uv version may lead the tag (`0.5.11-python3.12-alpine`).
fn uv_image(r: &ImageRef, as_of: Option<&str>) -> Option<BaseMatch> {
    if !is_uv_image(&r.name) {
        return None;
    }
    let uv = super::facts::UV_BINARY;
    let uvx = super::facts::UVX_BINARY;
    // A leading uv version (`0.5.11-…`) names the release, not the base.
    let tag = match r.tag.split_once('-') {
        Some((v, rest)) if v.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ if r.tag.starts_with(|c: char| c.is_ascii_digit()) => "",
        _ => r.tag.as_str(),
    };
    let under = if tag.is_empty() || tag == "latest" {
        None
    } else if let Some(rest) = tag.strip_prefix("python") {
        let (version, variant) = rest.split_once('-').unwrap_or((rest, ""));
        let variant = match variant.strip_suffix("-slim") {
            Some(codename) => format!("slim-{codename}"),
            None => variant.to_string(),
        };
        Some(if variant.is_empty() {
            format!("python:{version}")
        } else {
            format!("python:{version}-{variant}")
        })
    } else if let Some(v) = tag.strip_prefix("alpine") {
        Some(if v.is_empty() {
            "alpine:latest".to_string()
        } else {
            format!("alpine:{v}")
        })
    } else if tag.ends_with("-slim") && tag != "debian-slim" {
        Some(format!("debian:{tag}"))
    } else {
        return None;
    };
    let (bytes, low, high) = (uv.bytes + uvx.bytes, uv.low + uvx.low, uv.high + uvx.high);
    let added = format!(
        "uv and uvx {} ({})",
        crate::engine::fmt_bytes(bytes),
        uv.source
    );
    let Some(under) = under else {
        return Some(BaseMatch {
            bytes,
            low,
            high,
            kind: MatchKind::Nearest,
            row: None,
            rows_considered: 0,
            basis: format!("{}: only {added}", r.display()),
        });
    };
    let m = lookup_base_at(&parse_image_ref(&under)?, as_of)?;
    Some(BaseMatch {
        bytes: m.bytes + bytes,
        low: m.low + low,
        high: m.high + high,
        basis: format!("{} is {under} with {added}: {}", r.display(), m.basis),
        ..m
    })
}

/// Distributions among the official images: a stand-in of last resort (below), after
/// the runtimes and servers a name may also mention (`…/php-alpine` is PHP first).
const DISTROS: &[&str] = &[
    "alpine",
    "debian",
    "ubuntu",
    "centos",
    "fedora",
    "almalinux",
    "oraclelinux",
    "amazonlinux",
    "busybox",
];

/// Words naming a program that works beside another (`node-exporter`, `redis-commander`):
/// such an image is not the one its name mentions.
const BESIDE_WORDS: &[&str] = &[
    "exporter",
    "operator",
    "controller",
    "agent",
    "commander",
    "sidecar",
    "proxy",
    "admin",
    "dashboard",
    "ui",
];

/// Words in an image's name or tag that name a Java runtime, by any vendor.
pub const JAVA_WORDS: &[&str] = &[
    "java",
    "jdk",
    "jre",
    "openjdk",
    "openjre",
    "temurin",
    "liberica",
    "zulu",
    "corretto",
    "semeru",
    "graalvm",
    "dragonwell",
    "sapmachine",
];

/// A known image standing in for one the table does not have (a vendor's or a private
/// registry's image): the same Java release from Eclipse Temurin for another vendor's
/// JDK or JRE (`bellsoft/liberica-runtime-container:jre-25-slim-musl` →
/// `eclipse-temurin:25-jre-alpine`); Chainguard's image of the runtime a Wolfi-based name
/// mentions, else wolfi-base; the official image of a runtime or server the image's own
/// name (the path's last part) mentions, with the user's tag or version
/// (`brimstone/ubuntu:14.04` → `ubuntu:14.04`), unless it names a program beside it;
/// last the distribution it mentions (`musl` and BellSoft's Alpaquita → alpine). The
/// stand-in's range is widened to half its low and twice its high, an assumption the
/// basis states. Returns it with the stand-in's reference (which says, for the rest of the
/// estimate, what distribution and runtime the image has); `None` when the name mentions
/// nothing known.
pub fn stand_in_base(r: &ImageRef, as_of: Option<&str>) -> Option<(BaseMatch, String)> {
    // Distroless images are their own kind (no shell, a runtime's bare files): the aliases
    // already try their other Debian releases; only the same runtime's nearest other
    // release stands for them (nodejs24 → nodejs22: distroless/cc and one node binary).
    if let Some(rest) = r.name.strip_prefix("gcr.io/distroless/") {
        let stem = rest.split("-debian").next().unwrap_or(rest);
        let major: u32 = stem.strip_prefix("nodejs")?.parse().ok()?;
        let mut majors: Vec<u32> = rows()
            .iter()
            .filter_map(|row| row.image.strip_prefix("gcr.io/distroless/nodejs"))
            .filter_map(|m| m.split("-debian").next()?.parse().ok())
            .filter(|m| *m != major)
            .collect();
        sort::sort_by_key(&mut majors, |m| (m.abs_diff(major), u32::MAX - m));
        majors.dedup();
        return majors.into_iter().find_map(|m| {
            let reference = r.name.replace(&format!("nodejs{major}"), &format!("nodejs{m}"));
            stand_in_match(
                r,
                &format!("{reference}:{}", r.tag),
                "distroless's image of the nearest Node.js major: distroless/cc and one node binary",
                as_of,
            )
        });
    }
    // The repository path without a registry host (a first part with a dot or a port).
    let path = match r.name.split_once('/') {
        Some((host, rest)) if host.contains('.') || host.contains(':') => rest,
        _ => r.name.as_str(),
    };
    let words: Vec<&str> = path
        .split(['/', '-', '_'])
        .chain(r.tag.split(['-', '_']))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let version = r
        .tag
        .split(['-', '_'])
        .chain(path.split(['/', '-', '_']))
        .find(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_digit() || c == '.')
        });
    let musl = has("musl") || has("alpine") || has("alpaquita");
    let known = |name: &str| rows().iter().any(|row| row.image == name);
    let mut candidates: Vec<(String, &str)> = Vec::new();
    if words.iter().any(|w| JAVA_WORDS.contains(w)) {
        let kind = if has("jre") || has("openjre") {
            "jre"
        } else {
            "jdk"
        };
        let alpine = if musl { "-alpine" } else { "" };
        // Without a Java release in the name nothing says how big the runtime is.
        let major = version
            .and_then(|v| v.split('.').next()?.parse::<u32>().ok())
            .filter(|v| (7..=40).contains(v))?;
        candidates.push((
            format!("eclipse-temurin:{major}-{kind}{alpine}"),
            "Eclipse Temurin's build of the same Java release",
        ));
    }
    if has("wolfi") || has("chainguard") {
        for w in &words {
            let name = format!("cgr.dev/chainguard/{w}");
            if *w != "wolfi" && known(&name) {
                candidates.push((
                    format!("{name}:latest"),
                    "Chainguard's Wolfi image of the same runtime",
                ));
            }
        }
        candidates.push((
            "cgr.dev/chainguard/wolfi-base:latest".into(),
            "Chainguard's Wolfi base",
        ));
    }
    // Official images the image's own name (its last part) mentions: runtimes and servers
    // first, distributions last. A name that says it is another program beside one
    // (`prom/node-exporter`, `redis-commander`) has none.
    // The tag's words count too (`tiangolo/uvicorn-gunicorn-fastapi:python3.9-slim`), but
    // only with the version they carry (`python3.9`): the tag is the image's own
    // (`mvdan/shfmt:v3.1.2-alpine` is shfmt 3.1.2 on some alpine).
    let last = path.rsplit('/').next().unwrap_or("");
    let tagged = r.tag.split(['-', '_']);
    let beside = last
        .split(['-', '_'])
        .chain(tagged.clone())
        .any(|w| BESIDE_WORDS.contains(&w));
    // (image name, the version the word carried, whether it is a word of the name)
    type Named<'a> = Vec<(&'a str, Option<&'a str>, bool)>;
    let (distros, runtimes): (Named, Named) = last
        .split(['-', '_'])
        .map(|w| (w, true))
        .chain(tagged.map(|w| (w, false)))
        .map(|(w, in_name)| match w.find(|c: char| c.is_ascii_digit()) {
            Some(i) if i > 0 && w[i..].chars().all(|c| c.is_ascii_digit() || c == '.') => {
                (&w[..i], Some(&w[i..]), in_name)
            }
            _ => (w, None, in_name),
        })
        .map(|(w, v, n)| (if w == "nodejs" { "node" } else { w }, v, n))
        .filter(|(w, ..)| !beside && known(w))
        .partition(|(w, ..)| DISTROS.contains(w));
    for (name, carried, in_name) in runtimes.into_iter().chain(distros) {
        let reason = "the official image the name mentions";
        // The variant the name says: Alpine's, or slim.
        let variant = match (musl, has("slim")) {
            _ if DISTROS.contains(&name) => "",
            (true, _) => "-alpine",
            (false, true) => "-slim",
            _ => "",
        };
        if let Some(v) = carried.or(version.filter(|_| in_name)) {
            candidates.push((format!("{name}:{v}{variant}"), reason));
        }
        if in_name {
            candidates.push((format!("{name}:{}", r.tag), reason));
        }
        candidates.push((
            format!(
                "{name}:{}",
                if musl && name != "alpine" {
                    "alpine"
                } else {
                    "latest"
                }
            ),
            reason,
        ));
    }
    if musl {
        candidates.push(("alpine:latest".into(), "a small musl-based distribution"));
    }
    candidates
        .into_iter()
        .find_map(|(reference, reason)| stand_in_match(r, &reference, reason, as_of))
}

/// `reference` standing in for `r`, when the table has it: its size, the range halved
/// and doubled.
fn stand_in_match(
    r: &ImageRef,
    reference: &str,
    reason: &str,
    as_of: Option<&str>,
) -> Option<(BaseMatch, String)> {
    let stand = parse_image_ref(reference)?;
    if stand.name == r.name {
        return None;
    }
    let m = lookup_base_at(&stand, as_of)?;
    let m = BaseMatch {
        low: m.low / 2,
        high: m.high.saturating_mul(2),
        kind: MatchKind::Nearest,
        basis: format!(
            "{}: not in the base-image table; stand-in {reference} ({reason}), range halved and doubled (assumption): {}",
            r.display(),
            m.basis
        ),
        ..m
    };
    Some((m, reference.to_string()))
}

/// `as_of` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): the image as it was built then. An
/// exact tag takes its last build by that date (without a date: its newest build, what a
/// pull gives today); a tag without a version (`latest`) the newest release out by then.
/// When the table has nothing that old, the earliest build it has stands in.
pub fn lookup_base_at(r: &ImageRef, as_of: Option<&str>) -> Option<BaseMatch> {
    if r.name == "scratch" {
        return Some(BaseMatch {
            bytes: 0,
            low: 0,
            high: 0,
            kind: MatchKind::Scratch,
            row: None,
            rows_considered: 0,
            basis: "scratch: the empty image, 0 bytes".into(),
        });
    }
    if let Some(m) = uv_image(r, as_of) {
        return Some(m);
    }
    let all: Vec<&BaseRow> = rows()
        .iter()
        .filter(|row| row.image == r.name && row.uncompressed.is_some())
        .collect();
    let until = as_of.map(end_of_period);
    // The rows of `rows` built by the date (all of them without one).
    let built_by = |rows: &[&'static BaseRow]| -> Vec<&'static BaseRow> {
        rows.iter()
            .copied()
            .filter(|row| until.as_ref().is_none_or(|u| row.date <= u.as_str()))
            .collect()
    };
    if all.is_empty() {
        // Known aliases: the same image under another name.
        // Known aliases: the same image under another name, the first the table has.
        // Only names the table has rows for, so the lookup cannot come back here.
        return aliases_of(r).into_iter().find_map(|alias| {
            if !rows()
                .iter()
                .any(|row| row.image == alias.name && row.uncompressed.is_some())
            {
                return None;
            }
            let mut m = lookup_base_at(&alias, as_of)?;
            m.basis = format!(
                "{} is looked up as {}: {}",
                r.display(),
                alias.display(),
                m.basis
            );
            if m.kind == MatchKind::Exact {
                m.kind = MatchKind::Partial;
            }
            Some(m)
        });
    }
    let digest_note = if r.digest.is_some() {
        " (pinned by digest: size of the tag's known builds)"
    } else {
        ""
    };

    // `node:lts*` as of a date is the LTS line of then (`node:lts-alpine` in 2020 is
    // node:12-alpine), not the table's current build of the tag.
    if r.name == "node" && (r.tag == "lts" || r.tag.starts_with("lts-")) {
        if let Some(major) = as_of.and_then(node_lts_major) {
            let tag = format!("{major}{}", &r.tag[3..]);
            if let Some(m) = lookup_alias(r, tag, "was", " then", as_of) {
                return Some(m);
            }
        }
    }
    // `alpine`, `alpine:latest` and `alpine:3` as of a date are the Alpine release out
    // then (`alpine` in mid-2024 is 3.20), not the newest row the table happens to have
    // built by that date (a 3.17 release candidate of 2022).
    if r.name == "alpine" && matches!(r.tag.as_str(), "latest" | "3" | "edge") {
        let release = match (r.tag.as_str(), as_of) {
            // `edge` is the next release in the making: the one after the date, or the
            // newest (the table has no build of edge itself).
            ("edge", Some(d)) => Some(alpine_release_after(d)),
            ("edge", None) => ALPINE_RELEASE_DATES.first().map(|(v, _)| *v),
            (_, d) => d.and_then(alpine_release_of),
        };
        if let Some(release) = release {
            let verb = if r.tag == "edge" {
                "stands for the release in the making,"
            } else {
                "was"
            };
            let when = if as_of.is_some() { " then" } else { "" };
            if let Some(m) = lookup_alias(r, release.to_string(), verb, when, as_of) {
                return Some(m);
            }
        }
    }
    if r.name == "debian" || r.name == "ubuntu" {
        let has_own_rows = all.iter().any(|row| row.tag == r.tag);
        let when = if as_of.is_some() { " then" } else { " now" };
        let suite = if r.name == "debian" && r.tag == "latest" {
            debian_suite("stable", as_of).map(|t| (t, "means", when))
        } else if r.name == "ubuntu" && matches!(r.tag.as_str(), "latest" | "rolling") {
            // `ubuntu:latest` follows the LTS releases, `rolling` every release: as of a
            // date, the newest out by then (`ubuntu:latest` in 2024-01 was 22.04).
            as_of
                .and_then(|d| ubuntu_newest(r.tag == "rolling", d))
                .map(|v| (v.to_string(), "was", when))
        } else if let Some(t) = debian_suite(&r.tag, as_of) {
            Some((t, "means", when))
        } else if r.name == "debian" && !has_own_rows {
            // `debian:12-slim` is `bookworm-slim`, `11.7` bullseye: the release, not the
            // nearest-looking tag (`11-slim` is no `bookworm-slim`).
            debian_release_of_number(&r.tag).and_then(|(codename, n)| {
                let rest = r.tag.strip_prefix(n.to_string().as_str())?;
                let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
                Some((format!("{codename}{rest}"), "is", ""))
            })
        } else {
            None
        };
        if let Some((t, verb, when)) = suite {
            if let Some(m) = lookup_alias(r, t, verb, when, as_of) {
                return Some(m);
            }
        }
    }
    // 1. exact tag
    // `ubuntu:noble` and `ubuntu:24.04` are one tag: the builds of either are its builds.
    let twin = (r.name == "ubuntu").then(|| ubuntu_twin(&r.tag)).flatten();
    let exact: Vec<&BaseRow> = all
        .iter()
        .copied()
        .filter(|row| row.tag == r.tag || Some(row.tag) == twin)
        .collect();
    // A Debian or Ubuntu code name names one release (`bookworm-slim`), not the newest.
    let floating = !r.tag.chars().any(|c| c.is_ascii_digit())
        && !((r.name == "debian" || r.name == "ubuntu") && os_codename_tag(&r.tag));
    // A tag that follows releases (`latest`, `alpine`), asked for a date before any of
    // its own builds in the table: the releases out by then stand for it (below).
    let exact_too_new = floating
        && until
            .as_ref()
            .is_some_and(|u| exact.iter().all(|row| row.date > u.as_str()));
    // A tag naming only a major version (`alpine:3`, `node:20`) moves with its newest
    // minor release: when the table has a newer build of one (`alpine:3.24`) than of the
    // tag itself, that build stands for it.
    let (uv, mut uw) = split_tag(&r.tag);
    // `latest` names no variant: it is the default one.
    uw.retain(|w| w != "latest");
    // Another tag's build on an older Debian or Ubuntu release than the tag's own newest
    // build is another image (`node:18-bullseye` after node:18 moved to bookworm).
    let own_os = built_by(&exact)
        .into_iter()
        .max_by_key(|row| row.date)
        .and_then(os_release);
    let not_older_os =
        |row: &BaseRow| own_os.is_none_or(|(_, o)| os_release(row).is_none_or(|(_, d)| d >= o));
    // A build of another tag standing for this one, and why.
    let stand_in = |point: &'static BaseRow, why: String| -> BaseMatch {
        let mut considered = exact.clone();
        considered.push(point);
        let mut m = summarise(point, &considered, MatchKind::Partial, digest_note, r);
        m.basis = format!("{}; {why}", m.basis);
        m
    };
    if uv.len() == 1 && !exact.is_empty() {
        let newer: Vec<&BaseRow> = all
            .iter()
            .copied()
            .filter(|row| {
                row.tag != r.tag
                    && version_prefix(&uv, &row_version(row))
                    && row_version(row).len() > 1
                    && variant_matches(&uw, &row_words(row))
                    && variant_parts(row.tag, true) == variant_parts(&r.tag, true)
                    && not_older_os(row)
            })
            .collect();
        let (own, minor) = (built_by(&exact), released(built_by(&newer)));
        let own_date = own.iter().map(|row| row.date).max().unwrap_or("");
        let best = minor
            .iter()
            .copied()
            .filter(|row| row.date > own_date)
            .max_by(newest_release);
        if let Some(point) = best {
            return Some(stand_in(
                point,
                format!(
                    "{} follows its newest minor release, and the table's build of that is newer than its own",
                    r.display()
                ),
            ));
        }
    }
    // The same image filed under a sibling tag: repo-info keeps one file of identical
    // builds, so `openjdk:8`'s builds of 2019–2022 are in `8-jdk-stretch` and `8-buster`
    // (the tag spelled with its Debian release or `jdk`). Asked for a date after the tag's
    // own newest build, a newer build of such a sibling stands for it.
    if !exact.is_empty() && until.is_some() {
        let own_date = built_by(&exact)
            .iter()
            .map(|row| row.date)
            .max()
            .unwrap_or("");
        let siblings: Vec<&BaseRow> = all
            .iter()
            .copied()
            .filter(|row| {
                row.tag != r.tag
                    && !uv.is_empty()
                    && split_tag(row.tag).0 == uv
                    && variant_parts(row.tag, false) == variant_parts(&r.tag, false)
                    && not_older_os(row)
                    && !os_superseded(row)
            })
            .collect();
        if let Some(point) = released(built_by(&siblings))
            .into_iter()
            .filter(|row| row.date > own_date)
            .max_by_key(|row| row.date)
        {
            return Some(stand_in(
                point,
                format!(
                    "the table's newer builds of {} are filed under {}",
                    r.display(),
                    point.tag
                ),
            ));
        }
    }
    if r.tag == "latest" && until.is_none() {
        // `latest` is the newest release of the default variant (`alpine:latest` is
        // `alpine:3.24`, `php:latest` the Debian-based CLI): that build stands for it when
        // the table has none of `latest` itself, or only older ones.
        let plain = all.iter().copied().filter(|row| {
            !row_version(row).is_empty()
                && split_tag(row.tag).1.iter().all(|w| {
                    // The default variant: the Debian or Ubuntu release it is built on.
                    DEBIAN_RELEASES.iter().any(|(c, _)| c == w)
                        || matches!(
                            w.as_str(),
                            "noble" | "jammy" | "focal" | "bionic" | "cli" | "jdk"
                        )
                })
        });
        let own = exact.iter().map(|row| row.date).max().unwrap_or("");
        if let Some(point) = released(plain.collect())
            .into_iter()
            .max_by(newest_release)
            .filter(|row| row.date > own)
        {
            let mut m = summarise(point, &[point], MatchKind::Partial, digest_note, r);
            m.basis = format!(
                "{}{} — {} is the newest release",
                describe(point),
                digest_note,
                r.display()
            );
            return Some(m);
        }
    }
    if !exact.is_empty() && !exact_too_new {
        // The build a pull gave: without a date, today's (the newest in the table); with
        // one, the last build by then, or the earliest known when the table has none that
        // old. Early-access builds stand for the tag only when nothing else does.
        let then = built_by(&exact);
        if then.is_empty() {
            if let Some(m) = contemporary(r, &all, &exact, &uv, &uw, until.as_deref(), digest_note)
            {
                return Some(m);
            }
        }
        let point = if then.is_empty() {
            released(exact.clone())
                .into_iter()
                .min_by_key(|row| row.date)
        } else {
            released(then).into_iter().max_by_key(|row| row.date)
        };
        let point = point.unwrap_or(exact[0]);
        return Some(summarise(point, &exact, MatchKind::Exact, digest_note, r));
    }

    if uv.is_empty() && until.is_some() {
        // A tag without a version, as of a date: the newest release out by then, or
        // when the table has no build that old, its earliest build (nearest in time).
        let versioned = all
            .iter()
            .copied()
            .filter(|row| !row_version(row).is_empty());
        let mut same: Vec<&BaseRow> = versioned
            .clone()
            .filter(|row| variant_matches(&uw, &row_words(row)))
            .collect();
        if same.is_empty() {
            same = versioned.collect();
        }
        if !same.is_empty() {
            // A testing build of the next Debian never stood for a version-less tag:
            // the release before it did, until it came out.
            let mut then = built_by(&same);
            then.retain(|row| !testing_build(row));
            let point = if then.is_empty() {
                same.iter().min_by_key(|row| row.date)
            } else {
                then.iter().max_by(|a, b| newest_release(a, b))
            };
            let point = *point.unwrap_or(&same[0]);
            let considered = if then.is_empty() { vec![point] } else { then };
            return Some(summarise(
                point,
                &considered,
                MatchKind::Nearest,
                digest_note,
                r,
            ));
        }
    }
    // 2. partial version / alias with the same variant
    let partial: Vec<&BaseRow> = all
        .iter()
        .copied()
        .filter(|row| {
            version_prefix(&uv, &row_version(row)) && variant_matches(&uw, &row_words(row))
        })
        .collect();
    if !partial.is_empty() {
        // A tag naming no Debian release (`golang:1.16`) follows the newest one out on
        // the date: in 2023 `golang:1.16` was `1.16-bullseye`, even though the table's
        // newest 1.16 build is a `1.16-buster`.
        let names_release = uw.iter().any(|w| CODENAMES.contains(&w.as_str()));
        let released_by = |c: &str| {
            OS_RELEASE_DATES
                .iter()
                .find(|(r, _)| *r == c)
                .is_some_and(|(_, d)| until.as_ref().is_none_or(|u| *d <= u.as_str()))
        };
        let newest_suite = DEBIAN_RELEASES
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| released_by(c))
            .find(|c| {
                partial
                    .iter()
                    .any(|row| row_words(row).iter().any(|w| w == c))
            })
            .filter(|_| !names_release);
        let on_stable: Vec<&BaseRow> = newest_suite
            .map(|s| {
                partial
                    .iter()
                    .copied()
                    .filter(|row| row_words(row).iter().any(|w| w == s))
                    .collect()
            })
            .unwrap_or_default();
        let suite_note = match newest_suite {
            Some(s) if on_stable.len() < partial.len() => {
                let when = if as_of.is_some() { " out then" } else { "" };
                format!(
                    "; the newest Debian release{when} with a build of {}: {s}",
                    r.display()
                )
            }
            _ => String::new(),
        };
        let partial = if on_stable.is_empty() {
            partial
        } else {
            on_stable
        };
        // The newest release built by then (without a date: of all), or, when none is
        // that old, the earliest known.
        let then = built_by(&partial);
        let point = if then.is_empty() {
            partial.iter().copied().min_by_key(|row| row.date)
        } else {
            then.into_iter().max_by(newest_release)
        };
        let point = point.unwrap_or(partial[0]);
        let mut m = summarise(point, &partial, MatchKind::Partial, digest_note, r);
        m.basis.push_str(&suite_note);
        return Some(m);
    }

    // 3. nearest version of the same variant, else of any variant
    let same_variant: Vec<&BaseRow> = all
        .iter()
        .copied()
        .filter(|row| variant_matches(&uw, &row_words(row)))
        .collect();
    let pool = if same_variant.is_empty() {
        all.clone()
    } else {
        same_variant
    };
    // A tag without a version follows the releases: as of a date, the ones out by then.
    let pool = match built_by(&pool) {
        then if uv.is_empty() && !then.is_empty() => {
            let released: Vec<&BaseRow> = then
                .iter()
                .copied()
                .filter(|row| !testing_build(row))
                .collect();
            if released.is_empty() {
                then
            } else {
                released
            }
        }
        _ => pool,
    };
    let distance = |row: &BaseRow| version_distance(&uv, &row_version(row));
    // Prefer rows sharing more variant words (`5.6-alpine` → an alpine row), then those adding
    // fewest words the user did not ask for (`eclipse-temurin:21` is the `21-jdk` image on
    // Ubuntu, not `21-jre-alpine`: code names and a Java image's default `jdk` add nothing),
    // then the nearest version, then a build of the date (the latest by then, else the
    // earliest after), else the newest.
    let shared =
        |row: &BaseRow| -> usize { row_words(row).iter().filter(|w| uw.contains(w)).count() };
    let extra = |row: &BaseRow| -> usize {
        row_words(row)
            .iter()
            .filter(|w| !uw.contains(w) && !neutral_word(w))
            .count()
    };
    let when = |row: &BaseRow| -> (bool, i64) {
        let d = day_number(row.date).unwrap_or(0);
        match until.as_deref().and_then(day_number) {
            Some(u) if d <= u => (false, -d),
            Some(_) => (true, d),
            None => (false, -d),
        }
    };
    let point = *pool
        .iter()
        .min_by_key(|row| {
            (
                std::cmp::Reverse(shared(row)),
                extra(row),
                distance(row),
                when(row),
            )
        })
        .unwrap_or(&pool[0]);
    Some(summarise(point, &pool, MatchKind::Nearest, digest_note, r))
}

/// How far a row's version `rv` is from the user's `uv`, on one scale: always three places,
/// so `1.41` and `1.98.1` compare alike. A tag without a version (`latest`, `alpine3.21`,
/// `slim`) follows the newest release: the highest version is nearest.
fn version_distance(uv: &[u32], rv: &[u32]) -> u64 {
    let mut d = 0u64;
    for i in 0..3 {
        let b = *rv.get(i).unwrap_or(&0) as u64;
        d = d * 1000
            + if uv.is_empty() {
                999u64.saturating_sub(b)
            } else {
                (*uv.get(i).unwrap_or(&0) as u64).abs_diff(b).min(999)
            };
    }
    d
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (`YYYY-MM` and `YYYY` count from the
/// period's first day); `None` for anything else.
fn day_number(d: &str) -> Option<i64> {
    let mut parts = d.get(..10.min(d.len()))?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A tag whose every build in the table is more than a year newer than the date asked
/// for, while the same variant of another version was built within half a year before it:
/// that build stands in, since an image's recipe changes over time more than between
/// neighbouring versions built together (php's Alpine images kept their compilers until
/// mid-2016: php:7.0.5-alpine was 382.7 MB in April 2016, php:5.6.31-alpine 42.74 MB in
/// 2017). The range reaches the tag's own earliest build.
fn contemporary(
    r: &ImageRef,
    all: &[&'static BaseRow],
    exact: &[&'static BaseRow],
    uv: &[u32],
    uw: &[String],
    until: Option<&str>,
    digest_note: &str,
) -> Option<BaseMatch> {
    let then = day_number(until?)?;
    let earliest = released(exact.to_vec())
        .into_iter()
        .min_by_key(|row| row.date)?;
    if day_number(earliest.date)? - then <= 365 {
        return None;
    }
    let same_then: Vec<&BaseRow> = all
        .iter()
        .copied()
        .filter(|row| {
            row.tag != r.tag
                && variant_matches(uw, &row_words(row))
                && day_number(row.date).is_some_and(|d| d <= then && then - d <= 183)
        })
        .collect();
    // Only when the version asked for was out then: a newer one had been built by the
    // date (`alpine:3.24` as of 2018 is a date that does not fit the tag, not a gap).
    if !same_then.iter().any(|row| row_version(row) >= uv.to_vec()) {
        return None;
    }
    let point = same_then.into_iter().min_by_key(|row| {
        (
            version_distance(uv, &row_version(row)),
            std::cmp::Reverse(row.date),
        )
    })?;
    let mut m = summarise(point, &[point], MatchKind::Nearest, digest_note, r);
    if let Some(b) = earliest.uncompressed {
        m.low = m.low.min(b.saturating_sub(margin(earliest, b)));
        m.high = m.high.max(b + margin(earliest, b));
    }
    m.rows_considered = 2;
    m.basis = format!(
        "{}{} — approximate: {} has no build that old (earliest {}, {}); one of the time stands in",
        describe(point),
        digest_note,
        r.display(),
        earliest.date,
        earliest.uncompressed.map(mb).unwrap_or_else(|| "?".into()),
    );
    Some(m)
}

/// Orders rows by version, then by build date: `max_by` picks the newest release.
/// Builds of one minor line (`7.0` and `7.0.5`) replace each other over time, so within
/// a minor version the later build is newer whatever patch number its row names.
fn newest_release(a: &&BaseRow, b: &&BaseRow) -> std::cmp::Ordering {
    let (va, vb) = (row_version(a), row_version(b));
    let minor = |v: &[u32]| v.iter().take(2).copied().collect::<Vec<u32>>();
    minor(&va)
        .cmp(&minor(&vb))
        .then(a.date.cmp(b.date))
        .then(va.cmp(&vb))
}

/// The rows that are releases (not `11-ea-13`, `3.13.0rc1`, `beta`), when there are any.
fn released(rows: Vec<&'static BaseRow>) -> Vec<&'static BaseRow> {
    let pre = |row: &BaseRow| {
        let t = row.resolved.to_ascii_lowercase();
        ["-ea-", "-ea+", "-rc", "_rc", "beta", "alpha"]
            .iter()
            .any(|m| t.contains(m))
            || testing_build(row)
    };
    let out: Vec<&BaseRow> = rows.iter().copied().filter(|r| !pre(r)).collect();
    if out.is_empty() {
        rows
    } else {
        out
    }
}

/// When each Node.js line became LTS (nodejs.org/en/about/previous-releases, the Release
/// schedule): `node:lts` follows the newest one.
const NODE_LTS_START: &[(u32, &str)] = &[
    (4, "2015-10-01"),
    (6, "2016-10-18"),
    (8, "2017-10-31"),
    (10, "2018-10-30"),
    (12, "2019-10-21"),
    (14, "2020-10-27"),
    (16, "2021-10-26"),
    (18, "2022-10-25"),
    (20, "2023-10-24"),
    (22, "2024-10-29"),
    (24, "2025-10-28"),
];

/// The Node.js major that `node:lts` meant on a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
fn node_lts_major(as_of: &str) -> Option<u32> {
    let until = end_of_period(as_of);
    NODE_LTS_START
        .iter()
        .filter(|(_, d)| *d <= until.as_str())
        .map(|(m, _)| *m)
        .max()
}

/// Release dates of Debian and Ubuntu releases (debian.org/releases/<codename>/,
/// wiki.ubuntu.com/Releases), every release of `DEBIAN_RELEASES` among them: a
/// `debian:bookworm` build from before 2023-06-10 is of testing, not of the release.
const OS_RELEASE_DATES: &[(&str, &str)] = &[
    ("trixie", "2025-08-09"),
    ("bookworm", "2023-06-10"),
    ("bullseye", "2021-08-14"),
    ("buster", "2019-07-06"),
    ("stretch", "2017-06-17"),
    ("jessie", "2015-04-25"),
    ("noble", "2024-04-25"),
    ("jammy", "2022-04-21"),
    ("focal", "2020-04-23"),
];

/// `r` looked up under another tag that names the same image then (`node:lts` → `node:20`,
/// `alpine` → `alpine:3.20`, `debian:stable-slim` → `debian:bookworm-slim`), its basis
/// saying so: `{r} {verb} {alias}{when}: …`.
fn lookup_alias(
    r: &ImageRef,
    tag: String,
    verb: &str,
    when: &str,
    as_of: Option<&str>,
) -> Option<BaseMatch> {
    let mut alias = r.clone();
    alias.tag = tag;
    let mut m = lookup_base_at(&alias, as_of)?;
    m.basis = format!(
        "{} {verb} {}{when}: {}",
        r.display(),
        alias.display(),
        m.basis
    );
    m.kind = MatchKind::Partial;
    Some(m)
}

/// Release dates of Alpine's stable branches (alpinelinux.org/posts/Alpine-3.N.0-released,
/// listed at alpinelinux.org/releases): what `alpine:latest` and `alpine:3` followed.
const ALPINE_RELEASE_DATES: &[(&str, &str)] = &[
    ("3.24", "2026-06-09"),
    ("3.23", "2025-12-03"),
    ("3.22", "2025-05-30"),
    ("3.21", "2024-12-05"),
    ("3.20", "2024-05-22"),
    ("3.19", "2023-12-07"),
    ("3.18", "2023-05-09"),
    ("3.17", "2022-11-22"),
    ("3.16", "2022-05-23"),
    ("3.15", "2021-11-24"),
    ("3.14", "2021-06-15"),
    ("3.13", "2021-01-14"),
    ("3.12", "2020-05-29"),
    ("3.11", "2019-12-19"),
    ("3.10", "2019-06-19"),
    ("3.9", "2019-01-29"),
    ("3.8", "2018-06-26"),
    ("3.7", "2017-11-30"),
    ("3.6", "2017-05-24"),
    ("3.5", "2016-12-22"),
    ("3.4", "2016-05-31"),
    ("3.3", "2016-01-06"),
];

/// The Alpine release that came out after a date (the newest known when none did).
fn alpine_release_after(as_of: &str) -> &'static str {
    let until = end_of_period(as_of);
    ALPINE_RELEASE_DATES
        .iter()
        .rev()
        .find(|(_, d)| *d > until.as_str())
        .or(ALPINE_RELEASE_DATES.first())
        .map_or("3", |(v, _)| *v)
}

/// The newest Alpine release out on a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
fn alpine_release_of(as_of: &str) -> Option<&'static str> {
    let until = end_of_period(as_of);
    ALPINE_RELEASE_DATES
        .iter()
        .find(|(_, d)| *d <= until.as_str())
        .map(|(v, _)| *v)
}

/// A tag naming a Debian or Ubuntu release by its code name (`bookworm-slim`, `jammy`).
fn os_codename_tag(tag: &str) -> bool {
    split_tag(tag)
        .1
        .iter()
        .any(|w| OS_RELEASE_DATES.iter().any(|(c, _)| c == w))
}

/// A `debian`/`ubuntu` row built before its release came out (a testing build).
fn testing_build(row: &BaseRow) -> bool {
    (row.image == "debian" || row.image == "ubuntu")
        && split_tag(row.tag).1.iter().any(|w| {
            OS_RELEASE_DATES
                .iter()
                .any(|(c, d)| c == w && row.date < *d)
        })
}

/// Is `d` a build date [`lookup_base_at`] takes: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`?
pub fn is_build_date(d: &str) -> bool {
    matches!(d.len(), 4 | 7 | 10)
        && d.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// `2020` → `2020-12-31`, `2020-02` → `2020-02-31`: the last day string of the period a
/// date names, for comparing with rows' `YYYY-MM-DD` dates.
pub fn end_of_period(d: &str) -> String {
    let d = d.trim();
    match d.len() {
        4 => format!("{d}-12-31"),
        7 => format!("{d}-31"),
        _ => d.chars().take(10).collect(),
    }
}

fn summarise(
    point: &BaseRow,
    considered: &[&BaseRow],
    kind: MatchKind,
    digest_note: &str,
    r: &ImageRef,
) -> BaseMatch {
    let bytes = point.uncompressed.unwrap_or(0);
    // The range covers every build seen for an exact or partial tag; a nearest
    // guess keeps only the chosen row, widened by a quarter either way.
    let (mut low, mut high) = (
        bytes.saturating_sub(margin(point, bytes)),
        bytes + margin(point, bytes),
    );
    if kind != MatchKind::Nearest {
        for row in considered {
            if let Some(b) = row.uncompressed {
                low = low.min(b.saturating_sub(margin(row, b)));
                high = high.max(b + margin(row, b));
            }
        }
    } else {
        low = low.min(bytes - bytes / 4);
        high = high.max(bytes + bytes / 4);
    }
    let how = match kind {
        MatchKind::Exact if considered.len() > 1 => format!(
            "{} builds of this tag known; range covers all",
            considered.len()
        ),
        MatchKind::Exact => "exact tag".to_string(),
        MatchKind::Partial => format!(
            "approximate: {} matches {} known build(s); newest version used",
            r.display(),
            considered.len()
        ),
        MatchKind::Nearest => format!(
            "approximate: no row for {}; nearest known tag used",
            r.display()
        ),
        MatchKind::Scratch => String::new(),
    };
    BaseMatch {
        bytes,
        low,
        high,
        kind,
        row: Some(point.clone()),
        rows_considered: considered.len(),
        basis: format!("{}{} — {}", describe(point), digest_note, how),
    }
}

/// All image names the table knows (for suggestions and tests).
/// The working directory an image starts its users in (its config's `WorkingDir`),
/// for the images that set one, or `/` for well-known images that set none.
/// `None`: not known (a relative `WORKDIR`, `COPY … .` or `-o app` then resolves
/// against a directory Slimfile can't see).
///
/// Sources: the images' own Dockerfiles, as kept in the corpus
/// (`tests/fixtures/corpus/files/docker-library+golang/*/Dockerfile`: `ENV GOPATH /go`,
/// `WORKDIR $GOPATH`; `docker-library+php`: `WORKDIR /var/www/html`) and the build
/// history docker-library/repo-info prints for `gradle` (`WORKDIR /home/gradle`),
/// `composer` (`WORKDIR /app`) and `tomcat` (`WORKDIR /usr/local/tomcat`). The images
/// mapped to `/` have no `WORKDIR` in their Dockerfiles (docker-library `python`,
/// `node` (except the retired `onbuild` variants), `openjdk`, adoptium's
/// `eclipse-temurin`, nginxinc's `nginx`; the distribution root file systems).
pub fn base_workdir(r: &ImageRef) -> Option<&'static str> {
    let name = r.name.as_str();
    if name == "scratch" {
        return Some("/");
    }
    if r.tag.contains("onbuild") {
        return None;
    }
    match name {
        "golang" => Some("/go"),
        "php" | "wordpress" => Some("/var/www/html"),
        "composer" => Some("/app"),
        "gradle" => Some("/home/gradle"),
        "tomcat" => Some("/usr/local/tomcat"),
        // Rust's musl builders mount or copy the project there (their READMEs' `-v`).
        "ekidd/rust-musl-builder" => Some("/home/rust/src"),
        "clux/muslrust" => Some("/volume"),
        "alpine"
        | "debian"
        | "ubuntu"
        | "busybox"
        | "python"
        | "node"
        | "openjdk"
        | "eclipse-temurin"
        | "rust"
        | "nginx"
        | "nginxinc/nginx-unprivileged" => Some("/"),
        _ => None,
    }
}

/// Environment variables an image sets that Dockerfiles refer to in paths
/// (`WORKDIR $GOPATH/src/app`) or that move a cache. Sources: docker-library/golang's
/// Dockerfile (`ENV GOPATH /go`, in the corpus) and docker-library/composer's
/// (`ENV COMPOSER_HOME /tmp`).
pub fn base_env(r: &ImageRef) -> &'static [(&'static str, &'static str)] {
    match r.name.as_str() {
        "golang" => &[("GOPATH", "/go")],
        // docker-library/composer: `ENV COMPOSER_HOME /tmp`.
        "composer" => &[("COMPOSER_HOME", "/tmp")],
        // docker-library/php (Dockerfile-linux.template, as every php tag's repo-info page
        // lists it): the build tools `docker-php-ext-install` and `pecl` need, which
        // Dockerfiles install with `apk add $PHPIZE_DEPS` to build an extension.
        "php" if r.tag.contains("alpine") => &[(
            "PHPIZE_DEPS",
            "autoconf dpkg-dev dpkg file g++ gcc libc-dev make pkgconf re2c",
        )],
        "php" => &[(
            "PHPIZE_DEPS",
            "autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c",
        )],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(s: &str) -> BaseMatch {
        lookup_base(&parse_image_ref(s).unwrap()).unwrap()
    }

    fn look_at(s: &str, date: &str) -> BaseMatch {
        lookup_base_at(&parse_image_ref(s).unwrap(), Some(date)).unwrap()
    }

    #[test]
    fn ubuntu_releases_by_name_version_and_date() {
        assert_eq!(ubuntu_release("25.04"), Some("plucky"));
        assert_eq!(ubuntu_release("21-jdk-noble"), Some("noble"));
        assert_eq!(ubuntu_release("questing-20250801"), Some("questing"));
        assert_eq!(ubuntu_release("125.04"), None);
        assert_eq!(ubuntu_codename_in("8.0-jammy-chiseled"), Some("jammy"));
        assert_eq!(ubuntu_codename_in("discord-bot"), None);
        assert_eq!(ubuntu_newest(false, "2024-01"), Some("22.04"));
        assert_eq!(ubuntu_newest(true, "2024-01"), Some("23.10"));
        assert_eq!(ubuntu_newest(false, "2024-04-25"), Some("24.04"));
        assert_eq!(ubuntu_newest(true, "2010"), None);
        // As of a date, `ubuntu:latest` is the LTS release out then, not the table's one
        // `latest` row (a 2019 build of 18.04).
        let m = look_at("ubuntu:latest", "2024-01");
        assert!(
            m.basis.contains("ubuntu:latest was ubuntu:22.04 then"),
            "{}",
            m.basis
        );
        assert_eq!(m.bytes, 77_850_000, "{}", m.basis);
        // A code name and its version are one tag: `noble` is not only the table's testing
        // build of it (2023-12) but every 24.04 build.
        assert_eq!(look("ubuntu:noble").bytes, look("ubuntu:24.04").bytes);
        assert_eq!(look_at("ubuntu:noble", "2024-01").bytes, 71_070_000);
    }

    #[test]
    fn a_build_of_the_time_stands_for_a_tag_whose_builds_are_all_much_newer() {
        // php:5.6-alpine's only build in the table is of 2017 (42.74 MB); in April 2016 the
        // Alpine images still carried their compilers, and php:7.0-alpine, built in March,
        // was 376.5 MB (docker-library/php#176).
        let m = look_at("php:5.6-alpine", "2016-04-27");
        assert_eq!(m.bytes, 376_500_000, "{}", m.basis);
        assert_eq!(m.kind, MatchKind::Nearest);
        assert!(
            m.low <= 42_740_000 - 5_000,
            "the range reaches the tag's own build"
        );
        assert!(m.basis.contains("no build that old"), "{}", m.basis);
        // By late July the compilers were gone (php#223: 56.39 MB).
        assert_eq!(look_at("php:5.6-alpine", "2016-07-30").bytes, 56_390_000);
        // Once the tag has a build by the date, that build is used.
        assert_eq!(look_at("php:5.6-alpine", "2017-10").bytes, 42_740_000);
        // A version not out yet at the date is not a gap in the table: its own build.
        assert_eq!(
            look_at("alpine:3.24", "2018-06").bytes,
            look("alpine:3.24").bytes
        );
    }

    #[test]
    fn partial_versions_as_of_a_date_take_a_build_of_then() {
        // php:7-alpine in July 2016: the 7.0 line's build of that month, not 7.4 of 2021.
        let m = look_at("php:7-alpine", "2016-07-30");
        assert_eq!(m.bytes, 56_390_000, "{}", m.basis);
        // Within a minor line the later build is the newer one, whatever patch it names
        // (php:7.0-alpine of July beats php:7.0.5-alpine of April).
        assert_eq!(look_at("php:alpine", "2016-07-30").bytes, 56_390_000);
    }

    #[test]
    fn red_hat_registry_names_are_the_docker_hub_copies() {
        for (name, bytes) in [
            ("registry.access.redhat.com/ubi9/ubi-minimal", 92_000_000),
            ("registry.access.redhat.com/ubi9-minimal:9.4", 92_000_000),
            ("registry.redhat.io/ubi9/ubi", 356_000_000),
            ("redhat/ubi10-minimal", 92_000_000),
            ("registry.access.redhat.com/ubi9/ubi-micro", 33_000_000),
        ] {
            assert_eq!(look(name).bytes, bytes, "{name}");
        }
        // "about 92M": a vendor's round figure, with a wide range.
        let m = look("redhat/ubi9-minimal");
        assert!(m.low < 80_000_000 && m.high > 100_000_000);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-04-27"), Some(16_918));
        assert_eq!(day_number("2016-04"), day_number("2016-04-01"));
        assert_eq!(day_number("2016"), day_number("2016-01-01"));
        assert_eq!(day_number("2016-13-01"), None);
        assert_eq!(day_number("soon"), None);
        assert_eq!(day_number(""), None);
    }

    #[test]
    fn a_tags_later_builds_filed_under_a_sibling_stand_for_it() {
        let tag = |m: &BaseMatch| m.row.as_ref().unwrap().tag;
        // openjdk:8's builds after 2018 are filed as 8-jdk-stretch, 8-stretch, 8-buster:
        // the 2019 image moved to AdoptOpenJDK's build and shrank to about 488 MB.
        let m = look_at("openjdk:8", "2019");
        assert_eq!(
            (tag(&m), m.bytes),
            ("8-jdk-stretch", 488_150_000),
            "{}",
            m.basis
        );
        assert_eq!(look_at("openjdk:8", "2018").bytes, 623_990_000);
        assert_eq!(tag(&look_at("openjdk:8", "2022")), "8-buster");
        // Another JDK or Debian release is another image: maven:3-jdk-11 does not take
        // 3-jdk-8's newer build, nor node:18 in 2024-12 a bullseye build of a tag that had
        // moved to bookworm 17 months before.
        assert_eq!(tag(&look_at("maven:3-jdk-11", "2021-12")), "3-jdk-11");
        assert_eq!(tag(&look_at("gradle:8-jdk17", "2026-06")), "8-jdk17");
        assert_eq!(tag(&look_at("node:18", "2024-12")), "18");
    }

    #[test]
    fn versionless_tags_follow_the_newest_release_or_the_one_out_by_a_date() {
        // `alpine` (latest): the highest Alpine release the table has…
        let now = look("alpine");
        assert!(now.row.as_ref().unwrap().date >= "2026", "{}", now.basis);
        // …or, as of mid-2019, the newest one released by then (3.10, June 2019).
        let r = parse_image_ref("alpine").unwrap();
        let then = lookup_base_at(&r, Some("2019-07")).unwrap();
        assert_eq!(then.bytes, 5_580_000, "{}", then.basis);
        // As of mid-2024, 3.20 (out 2024-05-22), not the 3.17 release candidate that is the
        // newest row built by then; `alpine:3` alike.
        for tag in ["alpine", "alpine:3", "alpine:latest"] {
            let r = parse_image_ref(tag).unwrap();
            let m = lookup_base_at(&r, Some("2024-06")).unwrap();
            assert_eq!(m.row.as_ref().unwrap().tag, "3.20", "{}", m.basis);
            assert!(m.basis.contains("was alpine:3.20 then"), "{}", m.basis);
        }
        // `edge` is the release in the making: in August 2018, 3.9 (January 2019).
        let edge = parse_image_ref("alpine:edge").unwrap();
        let m = lookup_base_at(&edge, Some("2018-08")).unwrap();
        assert_eq!(m.row.as_ref().unwrap().tag, "3.9", "{}", m.basis);
        assert_eq!(look("alpine:edge").row.unwrap().tag, "3.24");
        // Before any build the table has: the earliest one (Alpine 3.3, 4.81 MB), not today's.
        let early = lookup_base_at(&r, Some("2016-04-27")).unwrap();
        assert_eq!(early.row.as_ref().unwrap().tag, "3.3", "{}", early.basis);
        // Without a date, a tag's early-access builds (openjdk:11-ea-…, 2018) are passed
        // over for its releases; as of a date before the release, they are what it was.
        let r = parse_image_ref("openjdk:11-jdk-slim").unwrap();
        assert!(!look("openjdk:11-jdk-slim")
            .row
            .unwrap()
            .resolved
            .contains("-ea-"));
        let ea = lookup_base_at(&r, Some("2018-06")).unwrap();
        assert!(ea.row.unwrap().resolved.contains("-ea-"));
        // An exact tag as of a date takes the last build before it.
        let r = parse_image_ref("golang:1.19-alpine").unwrap();
        let g = lookup_base_at(&r, Some("2023-01")).unwrap();
        assert_eq!(g.row.as_ref().unwrap().date, "2022-10-04");
        let g = lookup_base_at(&r, Some("2023-04")).unwrap();
        assert_eq!(g.row.as_ref().unwrap().date, "2023-03-29");
    }

    #[test]
    fn latest_is_the_newest_release_of_the_default_variant() {
        // `debian:latest` is stable's build, not an old `latest` row.
        let d = look("debian:latest");
        assert!(d.basis.contains("trixie"), "{}", d.basis);
        // `nginx`/`php` without a tag: the newest Debian-based (CLI) release, not an
        // Alpine, FPM or Apache variant.
        for (image, not) in [("nginx", "alpine"), ("php", "fpm"), ("php", "apache")] {
            let m = look(image);
            let tag = &m.row.as_ref().unwrap().tag;
            assert!(!tag.contains(not), "{image}: {tag} ({})", m.basis);
            assert!(m.basis.contains("newest release"), "{}", m.basis);
        }
        // It is the newest such release: no plain-version row of the image is newer.
        let n = look("nginx");
        assert!(n.row.as_ref().unwrap().date >= "2025", "{}", n.basis);
    }

    #[test]
    fn debian_version_numbers_name_their_release() {
        assert_eq!(debian_release_of_number("12-slim"), Some(("bookworm", 12)));
        assert_eq!(debian_release_of_number("11.7"), Some(("bullseye", 11)));
        for bad in ["", "slim", "99", "-12", "1x"] {
            assert_eq!(debian_release_of_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn debian_numbers_and_suites_look_up_their_release() {
        let tag = |m: &BaseMatch| m.row.as_ref().map(|r| r.tag).unwrap_or_default();
        // A number names its release, whatever other tag looks nearer (`11-slim` once
        // came out as bookworm-slim).
        assert_eq!(tag(&look("debian:11-slim")), "bullseye-slim");
        assert_eq!(tag(&look("debian:12-slim")), "bookworm-slim");
        assert_eq!(tag(&look_at("debian:12-slim", "2023-09")), "bookworm-slim");
        assert!(look("debian:11.7")
            .basis
            .starts_with("debian:11.7 is debian:bullseye"));
        // `stable` and `latest` as of a date: the release out then (bookworm came out on
        // 2023-06-10), not today's.
        assert_eq!(
            tag(&look_at("debian:stable-slim", "2023-03")),
            "bullseye-slim"
        );
        assert_eq!(tag(&look_at("debian:stable-slim", "2020")), "buster-slim");
        assert_eq!(
            tag(&look_at("debian:stable-slim", "2023-07")),
            "bookworm-slim"
        );
        assert_eq!(tag(&look_at("debian:oldstable", "2023-09")), "bullseye");
        assert_eq!(tag(&look_at("debian", "2023-09")), "bookworm");
        assert_eq!(tag(&look("debian:stable-slim")), "trixie-slim");
        // A code name is one release: as of a date before any of its builds in the table,
        // its own earliest build, called by its name.
        let m = look_at("debian:bookworm-slim", "2023-09");
        assert_eq!((tag(&m), m.kind), ("bookworm-slim", MatchKind::Exact));
        assert_eq!(tag(&look_at("ubuntu:jammy", "2023-03")), "jammy");
        // os_codename_tag and debian_suite read the releases from OS_RELEASE_DATES.
        for (c, _) in DEBIAN_RELEASES {
            assert!(OS_RELEASE_DATES.iter().any(|(r, _)| r == c), "{c}");
        }
    }

    #[test]
    fn uv_images_are_their_official_base_with_uv_and_uvx() {
        let uv = super::super::facts::UV_BINARY.bytes + super::super::facts::UVX_BINARY.bytes;
        let size = |s: &str| lookup_base_at(&parse_image_ref(s).unwrap(), Some("2025-10"));
        for (derived, base) in [
            (
                "ghcr.io/astral-sh/uv:python3.13-bookworm-slim",
                "python:3.13-slim-bookworm",
            ),
            (
                "ghcr.io/astral-sh/uv:0.5.11-python3.12-alpine",
                "python:3.12-alpine",
            ),
            ("astral/uv:python3.12-bookworm", "python:3.12-bookworm"),
            ("ghcr.io/astral-sh/uv:bookworm-slim", "debian:bookworm-slim"),
            ("ghcr.io/astral-sh/uv:alpine3.21", "alpine:3.21"),
        ] {
            let (d, b) = (size(derived).unwrap(), size(base).unwrap());
            assert_eq!(d.bytes, b.bytes + uv, "{derived}");
            assert_eq!(d.row, b.row, "{derived}");
            assert!(d.basis.contains(base), "{}", d.basis);
        }
        // The plain tags hold the two binaries only.
        assert_eq!(size("ghcr.io/astral-sh/uv:0.5").unwrap().bytes, uv);
        assert_eq!(size("ghcr.io/astral-sh/uv").unwrap().bytes, uv);
        assert!(size("ghcr.io/astral-sh/uv:debian").is_none());
        // Odd tags give an answer or none, never a panic.
        for odd in [
            "-",
            "python",
            "python-",
            "0.5-",
            "-slim",
            "alpine",
            "pythonx.y-z-slim",
        ] {
            let _ = size(&format!("ghcr.io/astral-sh/uv:{odd}"));
        }
    }

    #[test]
    fn docker_hub_host_names_and_mirrors_are_the_official_images() {
        for s in [
            "registry.docker.com/library/ruby:3.3-slim",
            "registry.hub.docker.com/library/ruby:3.3-slim",
            "mirror.gcr.io/library/ruby:3.3-slim",
            "public.ecr.aws/docker/library/ruby:3.3-slim",
            "registry-1.docker.io/ruby:3.3-slim",
            "amd64/ruby:3.3-slim",
            "docker.io/amd64/ruby:3.3-slim",
        ] {
            let r = parse_image_ref(s).unwrap();
            assert_eq!(
                (r.name.as_str(), r.tag.as_str()),
                ("ruby", "3.3-slim"),
                "{s}"
            );
        }
    }

    #[test]
    fn parses_references() {
        let r = parse_image_ref("docker.io/library/golang:1.19-alpine").unwrap();
        assert_eq!((r.name.as_str(), r.tag.as_str()), ("golang", "1.19-alpine"));
        let r = parse_image_ref("localhost:5000/app").unwrap();
        assert_eq!(
            (r.name.as_str(), r.tag.as_str()),
            ("localhost:5000/app", "latest")
        );
        assert!(r.implicit_latest);
        let r = parse_image_ref("alpine@sha256:abc").unwrap();
        assert_eq!(r.tag, "latest");
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        assert!(parse_image_ref("  ").is_none());
        assert!(parse_image_ref("docker.io/library/").is_none());
    }

    #[test]
    fn seed_base_images_resolve_to_their_rows() {
        // Today: the tag's newest build; as of the story (late 2022): the build of then.
        let g = look("golang:1.19-alpine");
        assert_eq!(g.kind, MatchKind::Exact);
        assert_eq!(g.bytes, 353_910_000);
        assert_eq!(g.alpine_version().as_deref(), Some("3.17"));
        assert!(g.low <= 352_140_000 && g.high >= 353_910_000);
        let r = parse_image_ref("golang:1.19-alpine").unwrap();
        let then = lookup_base_at(&r, Some("2022-11")).unwrap();
        assert_eq!(then.bytes, 352_140_000);
        assert_eq!(then.alpine_version().as_deref(), Some("3.16"));
        // alpine:3 today is its newest 3.x release (3.24), not the table's 2021 build of
        // the `3` tag itself; as of mid-2021, that build (3.13.1) was newest.
        let a = look("alpine:3");
        assert_eq!(a.bytes, 8_420_000, "{}", a.basis);
        let r = parse_image_ref("alpine:3").unwrap();
        let then = lookup_base_at(&r, Some("2021-02")).unwrap();
        assert_eq!(then.bytes, 5_610_000, "{}", then.basis);
        assert_eq!(look("scratch").bytes, 0);
    }

    #[test]
    fn partial_versions_take_the_newest_matching_build() {
        let a = look("alpine:3.16.9");
        assert_eq!(a.kind, MatchKind::Nearest);
        let n = look("node:22-bookworm-slim");
        assert_eq!(n.kind, MatchKind::Partial);
        assert_eq!(n.bytes, 227_340_000);
        let p = look("python:3.12");
        assert_eq!(p.bytes, 1_110_000_000);
    }

    #[test]
    fn dates_are_read_from_any_text_without_panicking() {
        assert_eq!(
            date_in("baseline file as of 2025-05-09 (x)").as_deref(),
            Some("2025-05-09")
        );
        assert_eq!(date_in("2023-04").as_deref(), Some("2023-04-31"));
        for odd in [
            "",
            "2023",
            "2023-1",
            "é2023-04-0é",
            "12023-04",
            "-2023-",
            "２０２３-04",
        ] {
            let _ = date_in(odd);
            let _ = earlier_date(Some(odd), Some(odd));
        }
        assert_eq!(date_in("12023-04"), None, "part of a longer number");
        // Nothing out by a date before every release: the build's own release stands.
        let r = [("jammy", "2022-04-21")];
        assert_eq!(
            built_on(&r, None, Some("jammy"), Some("2023-01-01"), Some("2001")),
            Some("jammy")
        );
        assert_eq!(built_on(&r, None, None, None, None), None);
    }

    #[test]
    fn a_version_without_a_release_follows_the_newest_debian_out_then() {
        // golang:1.16 has a 1.16-buster build newer than its 1.16-bullseye one; in 2023
        // the plain tag was built on bullseye, in 2020 (before bullseye) on buster.
        let at = |d: &str| {
            lookup_base_at(&parse_image_ref("golang:1.16").unwrap(), Some(d))
                .unwrap()
                .row
                .unwrap()
                .tag
        };
        assert_eq!(at("2023"), "1.16-bullseye");
        assert_eq!(at("2020-05"), "1.16-buster");
        // Naming the release keeps it.
        let b = lookup_base_at(
            &parse_image_ref("golang:1.16-buster").unwrap(),
            Some("2023"),
        );
        assert_eq!(b.unwrap().row.unwrap().tag, "1.16-buster");
    }

    #[test]
    fn unknown_tags_fall_back_to_the_nearest_row_of_the_same_variant() {
        let g = look("golang:1.7-alpine");
        assert!(g.approximate());
        assert!(g.row.as_ref().unwrap().tag.contains("alpine"));
        assert!(lookup_base(&parse_image_ref("example.com/unknown:1").unwrap()).is_none());
    }

    #[test]
    fn testing_builds_of_the_next_debian_do_not_stand_for_latest() {
        // The table has a bookworm build from 2023-03, before bookworm's release
        // (2023-06-10): `debian` in early 2023 was bullseye.
        let m = lookup_base_at(&parse_image_ref("debian").unwrap(), Some("2023-05")).unwrap();
        assert!(
            m.row.as_ref().unwrap().tag.starts_with("bullseye"),
            "{}",
            m.basis
        );
        // Asked for by name, the testing build is what that tag was then.
        let b = lookup_base_at(
            &parse_image_ref("debian:bookworm").unwrap(),
            Some("2023-04"),
        )
        .unwrap();
        assert_eq!(b.row.as_ref().unwrap().date, "2023-03-01");
    }

    #[test]
    fn distroless_images_of_another_debian_release_stand_in() {
        let m = look("gcr.io/distroless/nodejs22-debian13");
        assert!(m.basis.contains("nodejs22-debian12"), "{}", m.basis);
        assert!(m.approximate());
        let p = look("gcr.io/distroless/cc-debian11");
        assert!(p.basis.contains("gcr.io/distroless/cc"), "{}", p.basis);
        assert!(
            lookup_base(&parse_image_ref("gcr.io/distroless/unknown-debian12").unwrap()).is_none()
        );
    }

    #[test]
    fn a_bare_version_tag_means_the_default_variant() {
        // eclipse-temurin:21 is the JDK on Ubuntu: not the newest row of any 21 variant.
        let r = parse_image_ref("eclipse-temurin:21").unwrap();
        let m = lookup_base_at(&r, Some("2024-01")).unwrap();
        let row = m.row.unwrap();
        assert!(
            row.tag.contains("jdk") && !row.tag.contains("alpine"),
            "{row:?}"
        );
        assert!(row.date <= "2024-01-31", "{row:?}");
        // .NET Core's old repository names are the new ones.
        let r = parse_image_ref("mcr.microsoft.com/dotnet/core/aspnet:3.1-alpine").unwrap();
        let m = lookup_base_at(&r, None).unwrap();
        assert!(m.row.unwrap().tag.contains("alpine"), "{}", m.basis);
        // node:lts follows the LTS line of the date.
        let r = parse_image_ref("node:lts-alpine").unwrap();
        let m = lookup_base_at(&r, Some("2020-03")).unwrap();
        assert!(m.row.unwrap().tag.starts_with("12"), "{}", m.basis);
        assert_eq!(node_lts_major("2024-10-30"), Some(22));
        // openjdk:8 is 8-jdk; golang (latest) as of 2020 the Debian image of then.
        let r = parse_image_ref("openjdk:8").unwrap();
        let row = lookup_base_at(&r, Some("2019")).unwrap().row.unwrap();
        assert!(
            row.tag.starts_with('8') && row.resolved.contains("jdk") && !row.tag.contains("slim"),
            "{row:?}"
        );
        let r = parse_image_ref("golang").unwrap();
        let row = lookup_base_at(&r, Some("2020-03")).unwrap().row.unwrap();
        assert!(
            !row.tag.contains("alpine") && row.date <= "2020-03-31",
            "{row:?}"
        );
    }

    #[test]
    fn debian_buster_and_stretch_have_rows_of_their_own() {
        // debian:buster had none, and took stretch's 100.1 MB; repo-info says 114.05 MB.
        for (image, as_of, bytes) in [
            ("debian:buster", "2020-01", 114_050_000),
            ("debian:10", "2020-01", 114_050_000),
            ("debian:stretch", "2019-09", 100_630_000),
            ("buildpack-deps:stretch", "2020-03", 835_120_000),
        ] {
            let r = parse_image_ref(image).unwrap();
            let row = lookup_base_at(&r, Some(as_of)).unwrap().row.unwrap();
            assert_eq!(row.uncompressed, Some(bytes), "{image}: {row:?}");
        }
    }

    #[test]
    fn nearest_versions_compare_on_one_scale() {
        // 1.75 is 23 minor versions from 1.98.1 and 34 from 1.41: a two-part row
        // version must not look nearer for having fewer parts.
        let m = look("rust:1.75-slim");
        let v = row_version(m.row.as_ref().unwrap());
        assert!(v.get(1).is_some_and(|&minor| minor > 75), "{v:?}");
    }

    #[test]
    fn alpine_versions_are_read_from_resolved_tags() {
        assert_eq!(
            alpine_version_in("golang:1.19.7-alpine3.17").as_deref(),
            Some("3.17")
        );
        assert_eq!(
            alpine_version_in("node:22-alpine (22.23.3, alpine3.24)").as_deref(),
            Some("3.24")
        );
        assert_eq!(alpine_version_in("alpine:3.16.3"), Some("3.16".into()));
        assert_eq!(alpine_version_in("debian"), None);
    }

    #[test]
    fn php_without_a_variant_is_the_cli_image() {
        // php:8.2 and php:8.2-cli are one build; the table only has rows for the latter.
        for image in ["php:8.2", "php:8.3"] {
            let row = look(image).row.unwrap();
            assert_eq!(row.tag, format!("{}-cli", &image[4..]), "{image}");
        }
    }

    fn stand_in(s: &str) -> Option<BaseMatch> {
        let r = parse_image_ref(s).unwrap();
        assert!(lookup_base(&r).is_none(), "{s} is in the table");
        stand_in_base(&r, None).map(|(m, _)| m)
    }

    #[test]
    fn unknown_images_take_a_stand_in_of_the_same_runtime_with_a_wider_range() {
        for (image, standing) in [
            // Another vendor's JDK or JRE: Temurin's build of the same release and libc.
            (
                "bellsoft/liberica-openjdk-debian:25",
                "eclipse-temurin:25-jdk",
            ),
            (
                "bellsoft/liberica-runtime-container:jre-25-slim-musl",
                "eclipse-temurin:25-jre-alpine",
            ),
            ("azul/zulu-openjdk:17-jre", "eclipse-temurin:17-jre"),
            // A Wolfi-based image: Chainguard's image of the runtime it names.
            (
                "ghcr.io/shyim/wolfi-php/base:latest",
                "cgr.dev/chainguard/php:latest",
            ),
            (
                "example.com/team/wolfi-tools",
                "cgr.dev/chainguard/wolfi-base:latest",
            ),
            // A rebuild of an official image, runtime before distribution.
            ("brimstone/ubuntu:14.04", "ubuntu:14.04"),
            ("acme/php-alpine:8.2", "php:8.2-alpine"),
            ("bellsoft/alpaquita-linux-base:musl", "alpine:latest"),
            // A tag's version is the image's own, not the distribution's it names.
            ("mvdan/shfmt:v3.1.2-alpine", "alpine:latest"),
            // The runtime and its version in the tag, one word.
            (
                "tiangolo/uvicorn-gunicorn-fastapi:python3.9-slim",
                "python:3.9-slim",
            ),
        ] {
            let m = stand_in(image).unwrap_or_else(|| panic!("{image}: no stand-in"));
            let own = lookup_base(&parse_image_ref(standing).unwrap()).unwrap();
            assert!(
                m.basis.contains(&format!("stand-in {standing} ")),
                "{image}: {}",
                m.basis
            );
            assert_eq!(m.kind, MatchKind::Nearest, "{image}");
            assert_eq!(
                (m.bytes, m.low, m.high),
                (own.bytes, own.low / 2, own.high * 2),
                "{image}"
            );
        }
    }

    #[test]
    fn odd_names_give_no_stand_in_rather_than_a_panic() {
        for s in [
            "a",
            "a:",
            "x/y:-",
            "ä1:ö2",
            "acme/pythoné3.9:\u{1f600}",
            "acme/jdk:99999999999999999999",
            "acme/openjdk:7.",
            "php-:.",
            "9:9",
            "acme/__--//",
            "acme/node-:-alpine",
        ] {
            if let Some(r) = parse_image_ref(s) {
                let _ = stand_in_base(&r, None);
                let _ = stand_in_base(&r, Some("2019"));
            }
        }
    }

    #[test]
    fn images_that_name_nothing_known_have_no_stand_in() {
        for image in [
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "r.j3ss.co/curl",
            "hello-world",
            // Distroless images: only their own rows, other Debian releases of them.
            "gcr.io/distroless/python3-debian13",
            // Another program beside the one it names.
            "prom/node-exporter:v1.8.0",
            "rediscommander/redis-commander",
            // A JDK without a release says nothing of its size.
            "azul/zulu-openjdk-alpine",
        ] {
            assert!(stand_in(image).is_none(), "{image}");
        }
    }
}
