#!/usr/bin/env python3
"""Measure what `bootsnap precompile` writes, per byte of the gems it compiles.

Rails' generated Dockerfile (7.1+) runs `bundle exec bootsnap precompile --gemfile` after
`bundle install` and `bootsnap precompile app/ lib/` after copying the app: bootsnap compiles
every .rb file to YARV instruction sequences (and every .yml to MessagePack) into
tmp/cache/bootsnap, which then ships with the app. rubygems.org is out of reach here, so this
script compiles the gems Debian packages for a Rails + Puma + pg app (the closure
scripts/measure_gem_defaults.py sizes, minus what Debian's Ruby itself pulls in), each
package's installed files compiled on its own, and reports:

  files   the package's files outside /usr/share/{doc,man} (what the gem holds)
  cache   the bytes bootsnap's cache for them comes to
  ratio   cache per byte of files, over the whole set and per package (median, p10, p90)

Needs the packages installed:
  apt-get install --no-install-recommends ruby ruby-bootsnap ruby-msgpack ruby-rails puma ruby-pg
Run: python3 scripts/measure_bootsnap.py
"""
import os
import statistics
import subprocess
import tempfile

from measure_gem_defaults import STARTERS, closure, ruby_itself


def files_of(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True).stdout
    return [
        f for f in out.splitlines()
        if os.path.isfile(f) and not os.path.islink(f)
        and not f.startswith(("/usr/share/doc/", "/usr/share/man/"))
    ]


def tree_bytes(path):
    total = 0
    for root, _, names in os.walk(path):
        for n in names:
            p = os.path.join(root, n)
            if os.path.isfile(p) and not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def compile_files(files):
    """bootsnap precompile over the directories holding `files`, restricted to them by
    copying them into a scratch tree (a package shares /usr/lib/ruby/vendor_ruby with
    others)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        for f in files:
            if f.endswith((".rb", ".yml", ".yaml")):
                dst = src + f
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                with open(f, "rb") as a, open(dst, "wb") as b:
                    b.write(a.read())
        if not os.path.isdir(src):
            return 0
        cache = os.path.join(tmp, "cache")
        subprocess.run(
            # msgpack first: bootsnap's YAML cache needs it, and its require hooks do not
            # find it once loaded.
            ["ruby", "-e", "require 'msgpack'; require 'bootsnap'; require 'bootsnap/cli'; "
             "exit Bootsnap::CLI.new(ARGV).run",
             "--", "precompile", "--cache-dir", cache, "-j", "0", src],
            check=True, capture_output=True)
        return tree_bytes(cache)


def main():
    pkgs = closure(STARTERS["rails puma pg"], ruby_itself())
    rows = []
    for p in pkgs:
        fs = files_of(p)
        if not fs:
            print(f"  {p}: not installed, skipped")
            continue
        files = sum(os.path.getsize(f) for f in fs)
        rb = sum(os.path.getsize(f) for f in fs if f.endswith(".rb"))
        cache = compile_files(fs)
        rows.append((p, files, rb, cache))
    files = sum(r[1] for r in rows)
    rb = sum(r[2] for r in rows)
    cache = sum(r[3] for r in rows)
    print(f"{len(rows)} packages: files {files:,} B, .rb {rb:,} B, bootsnap cache {cache:,} B")
    print(f"cache per byte of files: {cache / files:.3f}; per byte of .rb: {cache / rb:.3f}")
    per = sorted(r[3] / r[1] for r in rows if r[1] > 0)
    q = statistics.quantiles(per, n=10)
    print(f"per package, cache per byte of files: median {statistics.median(per):.3f}, "
          f"p10 {q[0]:.3f}, p90 {q[-1]:.3f}")


if __name__ == "__main__":
    main()
