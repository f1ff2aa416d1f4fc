//! PHP extensions: what `docker-php-ext-install`, `pecl install` and
//! `install-php-extensions` add to an official `php` image.
//!
//! Each extension's shared object is priced from Debian bookworm's package of it
//! (`data/php/extensions.tsv`, measured from the .debs by `scripts/build_php_ext_table.py`):
//! the same PHP sources built with similar flags. Extensions the official image already
//! compiles in (its `./configure` flags and PHP's defaults) add nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One extension of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: &'static str,
    /// The .so in Debian's package (stripped).
    pub so_bytes: u64,
    /// The Debian package it was measured from.
    pub package: &'static str,
    /// The system libraries the extension loads (Debian package names).
    pub runtime: Vec<&'static str>,
}

/// Compiled into the official image's `php` (docker-library/php Dockerfile-linux.template:
/// `--enable-ftp --enable-mbstring --enable-mysqlnd --with-sodium=shared --with-pdo-sqlite
/// --with-sqlite3 --with-curl --with-openssl --with-readline --with-zlib`, sodium enabled by
/// `docker-php-ext-enable sodium`) or enabled by PHP's own configure defaults.
const BUILTIN: &[&str] = &[
    "core",
    "ctype",
    "curl",
    "date",
    "dom",
    "fileinfo",
    "filter",
    "ftp",
    "hash",
    "iconv",
    "json",
    "libxml",
    "mbstring",
    "mysqlnd",
    "openssl",
    "pcre",
    "pdo",
    "pdo_sqlite",
    "phar",
    "posix",
    "random",
    "readline",
    "reflection",
    "session",
    "simplexml",
    "sodium",
    "spl",
    "sqlite3",
    "standard",
    "tokenizer",
    "xml",
    "xmlreader",
    "xmlwriter",
    "zlib",
];

fn table() -> &'static HashMap<&'static str, Extension> {
    static T: OnceLock<HashMap<&'static str, Extension>> = OnceLock::new();
    static NONE: OnceLock<HashMap<&'static str, Extension>> = OnceLock::new();
    // In the browser the table is fetched (data/php/extensions.tsv): until it is there,
    // no extension is known.
    super::tables::parsed(super::tables::Table::PhpExtensions, &T, |text| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("extension\t"))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                Some((
                    *c.first()?,
                    Extension {
                        name: c.first()?,
                        so_bytes: c.get(1)?.parse().ok()?,
                        package: c.get(2)?,
                        runtime: c.get(4).unwrap_or(&"").split_whitespace().collect(),
                    },
                ))
            })
            .collect()
    })
    .unwrap_or_else(|| NONE.get_or_init(HashMap::new))
}

/// `redis-5.3.7`, `xdebug-3.4.0beta1`, `Imagick/imagick@master`, `PDO_MYSQL` → `redis`,
/// `xdebug`, `imagick`, `pdo_mysql`.
pub fn normalise(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    let base = base.split('@').next().unwrap_or(base);
    let mut out = base.to_ascii_lowercase();
    // A version after a dash: `redis-5.3.7`, `xdebug-beta`, `apcu-stable`.
    if let Some(i) = out.find('-') {
        out.truncate(i);
    }
    if out == "zend_opcache" {
        out = "opcache".into();
    }
    out
}

/// What installing the named extensions adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Install {
    pub known: Vec<Extension>,
    /// Already compiled into the image: nothing to add.
    pub builtin: Vec<String>,
    /// Not in the table (not counted).
    pub unknown: Vec<String>,
    pub so_bytes: u64,
}

/// The extensions `names` (each once).
pub fn install(names: &[String]) -> Install {
    let mut out = Install::default();
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        // `install-php-extensions @composer`: a tool, not an extension.
        if n.starts_with('@') {
            out.unknown.push(n.clone());
            continue;
        }
        let name = normalise(n);
        if name.is_empty() || name.starts_with('@') || seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        if BUILTIN.contains(&name.as_str()) {
            out.builtin.push(name);
        } else if let Some(e) = table().get(name.as_str()) {
            out.so_bytes += e.so_bytes;
            out.known.push(e.clone());
        } else {
            out.unknown.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_priced_from_the_table_and_builtins_add_nothing() {
        let i = install(&[
            "pdo_mysql".into(),
            "gd".into(),
            "mbstring".into(),
            "redis-5.3.7".into(),
            "no_such_ext".into(),
            "gd".into(),
        ]);
        let names: Vec<&str> = i.known.iter().map(|e| e.name).collect();
        assert_eq!(names, ["pdo_mysql", "gd", "redis"]);
        assert_eq!(i.builtin, ["mbstring"]);
        assert_eq!(i.unknown, ["no_such_ext"]);
        assert_eq!(i.so_bytes, i.known.iter().map(|e| e.so_bytes).sum::<u64>());
        // Every row has a size; gd loads libgd.
        assert!(i.known.iter().all(|e| e.so_bytes > 1000));
        assert!(i.known[1].runtime.contains(&"libgd3"), "{:?}", i.known[1]);
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise("xdebug-3.4.0beta1"), "xdebug");
        assert_eq!(normalise("Imagick/imagick@master"), "imagick");
        assert_eq!(normalise("PDO_MYSQL"), "pdo_mysql");
        assert_eq!(normalise("Zend_OPcache"), "opcache");
    }
}
