#!/usr/bin/env python3
"""Build data/ruby/gems.tsv: what `gem install NAME` unpacks, gem by gem, from Debian.

rubygems.org is out of reach here, but Debian packages gems as ruby-* packages (and a few
under their own names: puma, rake, jekyll…). For every gem in SEEDS and every gem they
depend on (through gem packages, leaving out those Debian's Ruby itself pulls in, which the
ruby images have; a seed is kept even when it is one of those, since `gem install bundler`
installs its own copy), this downloads the bookworm .deb and measures:

  files   its files outside /usr/share/{doc,man}: what the gem unpacks into GEM_HOME
  gem     the same files as a gzip'd tar (level 9), which is what a .gem is: `gem install`
          keeps it in GEM_HOME/cache
  deps    the gems it depends on (rubygems names: Debian's name without `ruby-`)
  libs    the shared-library packages it depends on (libxml2 for nokogiri): a native gem
          from rubygems.org vendors or links them; the estimate's high end adds them

Debian drops gems' tests and docs, so the files are a lower bound of the upstream gem's.

Run: apt-get update && python3 scripts/build_gem_table.py > data/ruby/gems.tsv
"""
import datetime
import subprocess
import sys
import tempfile

from debian_packages import download
from measure_gem_defaults import is_gem, measure, ruby_itself

SEEDS = [
    "bundler", "rake", "rails", "puma", "foreman", "nokogiri", "pg", "mysql2", "sqlite3",
    "sinatra", "jekyll", "sass", "rubocop", "thin", "unicorn", "whenever", "sidekiq",
    "rspec", "rack", "json", "redis", "httparty", "faraday", "thor", "bcrypt", "execjs",
    "bootsnap", "listen", "ffi", "nio4r", "aws-sdk-core",
]
NAMED = {"puma", "rake", "jekyll", "rubocop", "thin", "unicorn"}


def package_of(gem):
    return gem if gem in NAMED else "ruby-" + gem


def gem_of(package):
    return package[len("ruby-"):] if package.startswith("ruby-") else package


def is_shared_library(name):
    return (name.startswith(("lib", "zlib")) and any(c.isdigit() for c in name)
            and "-dev" not in name and not name.endswith(("-bin", "-common", "-data")))


def depends(package):
    out = subprocess.run(["apt-cache", "depends", "--no-recommends", "--no-suggests",
                          "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
                          package], capture_output=True, text=True).stdout
    deps = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith(("Depends:", "|Depends:")):
            deps.append(line.split(":", 1)[1].strip().strip("<>"))
    return deps


def version(package):
    out = subprocess.run(["apt-cache", "show", "--no-all-versions", package],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return ""


def main():
    stop = ruby_itself()
    rows = {}
    todo = [package_of(g) for g in SEEDS]
    seeds = set(todo)
    while todo:
        p = todo.pop()
        if p in rows or (p in stop and p not in seeds):
            continue
        if not version(p):
            print(f"  no package {p}", file=sys.stderr)
            continue
        ds = depends(p)
        gems = sorted({d for d in ds if is_gem(d) and d not in stop and d != p})
        # Ruby's own library is the image's, not the gem's.
        libs = sorted({d for d in ds if is_shared_library(d) and not d.startswith("libruby")})
        rows[p] = (gems, libs)
        todo.extend(gems)
    with tempfile.TemporaryDirectory() as tmp:
        debs = download(sorted(rows), tmp)
        print(f"# data/ruby/gems.tsv: gems as Debian bookworm packages them, "
              f"scripts/build_gem_table.py, {datetime.date.today().isoformat()}")
        print("# gem\tdebian_package\tversion\tfiles\tgem\tdeps\tlibs")
        for p in sorted(rows):
            if p not in debs:
                continue
            files, cache = measure(debs[p])
            gems, libs = rows[p]
            print("\t".join([gem_of(p), p, version(p), str(files), str(cache),
                             ",".join(gem_of(g) for g in gems if g in debs), ",".join(libs)]))


if __name__ == "__main__":
    main()
