#!/usr/bin/env python3
"""Measure a PHP framework's vendor/ and Composer's download cache from Debian's PHP packages.

Packagist is not reachable from this machine, but Debian packages Laravel's and Symfony's
framework libraries as php-* packages holding each library's source under /usr/share/php.
For each starter (a framework's packages, below) this script walks their Depends closure
through the php-* library packages (not PHP itself or its extensions), extracts the .debs
and sizes

* vendor: the library files (what `composer install --no-dev` puts in vendor/, less the
  tests and docs Debian leaves out, so a low figure), and
* cache: each library zipped with deflate, as Composer keeps every dist archive it
  downloads in its cache (~/.cache/composer/files) — so the cache-to-vendor ratio.

Run: apt-get update && python3 scripts/measure_php_vendor.py
"""
import io
import os
import subprocess
import tempfile
import zipfile

from debian_packages import depends_closure, download

STARTERS = {
    "Laravel 8 framework + Guzzle": ["php-laravel-framework", "php-guzzlehttp-guzzle"],
    "Symfony framework-bundle + Twig + Doctrine ORM": [
        "php-symfony-framework-bundle",
        "php-symfony-twig-bundle",
        "php-doctrine-orm",
    ],
}

NOT_LIBRARIES = {"php-common", "php-cli", "php", "php-json", "php-mbstring", "php-xml",
                 "php-intl", "php-curl", "php-sqlite3", "php-mysql", "php-pgsql", "php-apcu",
                 "php-igbinary", "php-redis", "php-memcached", "php-gmp", "php-bcmath",
                 "php-zip", "php-gd", "php-ctype", "php-tokenizer", "php-iconv", "php-sodium"}


def is_library(name):
    return name.startswith("php-") and name not in NOT_LIBRARIES


def sizes(tree):
    """Bytes of the files under tree/usr/share/php, and of each top folder zipped."""
    root = os.path.join(tree, "usr/share/php")
    files, zipped = 0, 0
    if not os.path.isdir(root):
        return 0, 0
    for top in sorted(os.listdir(root)):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for d, _, names in os.walk(os.path.join(root, top)):
                for n in names:
                    p = os.path.join(d, n)
                    if os.path.islink(p) or not os.path.isfile(p):
                        continue
                    files += os.path.getsize(p)
                    z.write(p, os.path.relpath(p, root))
        zipped += len(buf.getvalue())
    return files, zipped


def main():
    for name, roots in STARTERS.items():
        pkgs = [p for p in depends_closure(roots, is_library) if is_library(p)]
        with tempfile.TemporaryDirectory() as tmp:
            debs = download(pkgs, tmp)
            tree = os.path.join(tmp, "tree")
            for deb in debs.values():
                subprocess.run(["dpkg-deb", "-x", deb, tree], check=True)
            vendor, cache = sizes(tree)
        ratio = cache / vendor if vendor else 0
        print(f"{name}: {len(debs)} packages, vendor {vendor:,} B, zipped {cache:,} B "
              f"(cache/vendor {ratio:.3f})")


if __name__ == "__main__":
    main()
