#!/usr/bin/env python3
"""Measure what `bundle install` leaves for three Ruby web-app starters, from Debian's gems.

rubygems.org is not reachable from this machine, but Debian packages gems as ruby-*
packages (and `puma`) holding each gem's files. For each starter (Sinatra + Puma, Grape +
Puma, Rails + Puma + pg) this script takes the Depends closure through gem packages, leaving
out what the Ruby image already has (the closure of Debian's `ruby` itself: rake, minitest,
bundler…), downloads them and sizes:

  tree   the gem files (everything outside /usr/share/doc and /usr/share/man): what
         `bundle install` unpacks into /usr/local/bundle/gems and extensions/
  cache  the same files as a gzip'd tar, which is what a .gem is: bundler keeps one per gem
         in /usr/local/bundle/cache unless the Dockerfile removes it

Debian drops tests, docs and vendored C libraries from gems (nokogiri links the system
libxml2 instead of shipping its own), so these are lower bounds; the engine's range says so.

Run: apt-get update && python3 scripts/measure_gem_defaults.py
"""
import gzip
import io
import subprocess
import tarfile
import tempfile

from debian_packages import depends_closure, download

STARTERS = {
    "sinatra puma": ["ruby-sinatra", "puma"],
    "grape puma": ["ruby-grape", "puma"],
    "rails puma pg": ["ruby-rails", "puma", "ruby-pg"],
}


def is_gem(p):
    return p.startswith("ruby-") or p == "puma"


def closure(roots, stop=frozenset()):
    return depends_closure(roots, is_gem, stop)


def ruby_itself():
    """Gem packages Debian's Ruby pulls in itself: in the ruby image already."""
    roots = ["ruby", "ruby3.1", "libruby3.1", "ruby-rubygems", "ruby-bundler"]
    return frozenset(depends_closure(roots, lambda d: is_gem(d) or d.startswith(("ruby", "libruby"))))


def measure(deb):
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], capture_output=True, check=True).stdout
    tree = 0
    raw = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data)) as t, tarfile.open(fileobj=raw, mode="w") as out:
        for m in t:
            if not m.isreg() or m.name.startswith(("./usr/share/doc/", "./usr/share/man/")):
                continue
            b = t.extractfile(m).read()
            tree += len(b)
            out.addfile(m, io.BytesIO(b))
    return tree, len(gzip.compress(raw.getvalue(), 9))


def main():
    stop = ruby_itself()
    with tempfile.TemporaryDirectory() as tmp:
        for name, roots in STARTERS.items():
            debs = download(closure(roots, stop), tmp)
            tree = cache = 0
            for deb in debs.values():
                t, c = measure(deb)
                tree += t
                cache += c
            n = len(debs)
            print(f"{name}: {n} gems, files {tree:,} B, .gem cache {cache:,} B, "
                  f"installed with cache {tree + cache:,} B")


if __name__ == "__main__":
    main()
