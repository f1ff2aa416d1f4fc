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
import os
import subprocess
import sys
import tarfile
import tempfile

STARTERS = {
    "sinatra puma": ["ruby-sinatra", "puma"],
    "grape puma": ["ruby-grape", "puma"],
    "rails puma pg": ["ruby-rails", "puma", "ruby-pg"],
}


def is_gem(p):
    return p.startswith("ruby-") or p == "puma"


def closure(roots, stop=frozenset()):
    seen, todo = set(), list(roots)
    while todo:
        p = todo.pop()
        if p in seen or p in stop:
            continue
        seen.add(p)
        out = subprocess.run(["apt-cache", "depends", "--no-recommends", "--no-suggests",
                              "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", p],
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            line = line.strip()
            if line.startswith(("Depends:", "|Depends:")):
                d = line.split(":", 1)[1].strip().strip("<>")
                if is_gem(d):
                    todo.append(d)
    return sorted(seen)


def ruby_itself():
    """Gem packages Debian's Ruby pulls in itself: in the ruby image already."""
    seen, todo = set(), ["ruby", "ruby3.1", "libruby3.1", "ruby-rubygems", "ruby-bundler"]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        out = subprocess.run(["apt-cache", "depends", "--no-recommends", "--no-suggests", p],
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            line = line.strip()
            if line.startswith(("Depends:", "|Depends:")):
                d = line.split(":", 1)[1].strip().strip("<>")
                if is_gem(d) or d.startswith(("ruby", "libruby")):
                    todo.append(d)
    return frozenset(seen)


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
            pkgs = closure(roots, stop)
            for p in pkgs:  # one at a time: a name apt cannot download fails the whole batch
                subprocess.run(["apt-get", "download", "-q", p], cwd=tmp, capture_output=True)
            tree = cache = n = 0
            for p in pkgs:
                debs = [f for f in os.listdir(tmp) if f.startswith(p + "_")]
                if not debs:
                    print(f"  could not download {p}", file=sys.stderr)
                    continue
                t, c = measure(os.path.join(tmp, debs[0]))
                tree += t
                cache += c
                n += 1
            print(f"{name}: {n} gems, files {tree:,} B, .gem cache {cache:,} B, "
                  f"installed with cache {tree + cache:,} B")


if __name__ == "__main__":
    main()
