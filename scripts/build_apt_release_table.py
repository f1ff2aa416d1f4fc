#!/usr/bin/env python3
"""Build data/apt/<release>.tsv for another Debian release (default: bullseye), in the
format of data/apt/bookworm.tsv (see scripts/build_apt_table.py for the columns).

Why: Debian's packages change size between releases (bullseye's gcc-10 is 51.1 MB
Installed-Size, bookworm's gcc-12 68.2 MB; git 35.1 vs 44.9 MB), so an `apt-get install`
on a bullseye or buster image priced from bookworm comes out too large.

Sources:
- Installed-Size, Depends, Recommends, Provides: the release's Packages lists from
  deb.debian.org (main, <release>-updates) and security.debian.org (<release>-security),
  downloaded by this script; the table's header gives the archive's InRelease date.
- The base set (flag b): the packages `debootstrap --variant=minbase` installs, which is
  what the debian:<release>-slim images are built from: Priority required, plus apt, plus
  their Depends/Pre-Depends closure, taking of alternatives one that is required or whose
  own dependencies are (as debootstrap does). Run on bookworm's lists this rule gives
  exactly data/apt/bookworm-slim-packages.txt (88 packages, read off a real minbase).
- files_kib, slim_skipped_kib and pyc_kib were measured from bookworm's .debs only. For a
  package of this release they are scaled from its bookworm counterpart (the same name,
  or the same name up to version numbers: gcc-10 ~ gcc-12, libssl1.1 ~ libssl3, and
  trixie's 64-bit time_t renames: libcurl4t64 ~ libcurl4) by the
  ratio of Installed-Sizes, and the row is flagged `s`. Packages without a counterpart
  leave them empty; the engine then uses the table's own average shares.

Ubuntu releases (focal, jammy, noble) are read the same way from archive.ubuntu.com (main
and universe). Bookworm's slim shares do not carry over to them (Ubuntu moves its main
packages' translations into language packs, and its images' dpkg excludes differ), so
their files_kib and slim_skipped_kib come from their own .debs, measured by
`scripts/build_apt_slim_table.py <release>` into data/apt/<release>-slim-excluded.tsv;
a package not measured there is left empty (the engine then uses the table's average
shares, or Installed-Size when nothing is measured). Only their pyc column is scaled
from bookworm (flag p). Their base set is the same minbase rule (Priority required, plus
apt); the ubuntu images are built from Ubuntu's own minimal root file system, which the
rule approximates.

Run: python3 scripts/build_apt_release_table.py [bullseye|trixie|focal|jammy|noble]   (from
the repository root; needs network access to deb.debian.org, security.debian.org and
archive.ubuntu.com)
"""
import json
import lzma
import os
import re
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_apt_table as bt  # noqa: E402

ROOT = bt.ROOT


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as r:
        data = r.read()
    return lzma.decompress(data).decode("utf-8", "replace") if url.endswith(".xz") else data.decode("utf-8", "replace")


UBUNTU = ("focal", "jammy", "noble")


def lists(release):
    if release in UBUNTU:
        # Ubuntu: main and universe, with the updates and security pockets.
        return [
            f"http://archive.ubuntu.com/ubuntu/dists/{release}{pocket}/{comp}/binary-amd64/Packages.xz"
            for pocket in ("", "-updates", "-security")
            for comp in ("main", "universe")
        ]
    return [
        f"http://deb.debian.org/debian/dists/{release}/main/binary-amd64/Packages.xz",
        f"http://deb.debian.org/debian/dists/{release}-updates/main/binary-amd64/Packages.xz",
        f"http://security.debian.org/debian-security/dists/{release}-security/main/binary-amd64/Packages.xz",
    ]


def inrelease_url(release):
    if release in UBUNTU:
        # The release pocket's InRelease is frozen at release day; -updates moves.
        return f"http://archive.ubuntu.com/ubuntu/dists/{release}-updates/InRelease"
    return f"http://deb.debian.org/debian/dists/{release}/InRelease"


def clean(a):
    return re.sub(r"\s*\(.*?\)", "", a).split(":")[0].strip()


def minbase(pkgs):
    """The packages debootstrap --variant=minbase installs (see the module doc)."""
    provides = {}
    for n, r in pkgs.items():
        for g in (r.get("Provides") or "").split(","):
            if clean(g):
                provides.setdefault(clean(g), []).append(n)
    start = {n for n, r in pkgs.items() if r.get("Priority") == "required"} | {"apt"}

    def deps(r):
        return [g for g in ((r.get("Depends") or "") + "," + (r.get("Pre-Depends") or "")).split(",") if g.strip()]

    def pick(group):
        cands = []
        for a in group.split("|"):
            a = clean(a)
            cands += [a] if a in pkgs else provides.get(a, [])
        for c in cands:
            if c in start:
                return c
        for c in cands:
            if all(clean(x) in start for g in deps(pkgs[c]) for x in g.split("|")):
                return c
        return cands[0] if cands else None

    seen, todo = set(start), list(start)
    while todo:
        for g in deps(pkgs[todo.pop()]):
            d = pick(g)
            if d and d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def stem(name):
    """A package name up to its version numbers (gcc-10 and gcc-12 -> gcc-#)."""
    return re.sub(r"\d+(\.\d+)*", "#", name)


def bookworm_measured():
    """name -> (installed_kib, skipped_kib, files_kib, pyc_kib) of data/apt/bookworm.tsv."""
    out = {}
    for line in open(os.path.join(ROOT, "data", "apt", "bookworm.tsv"), encoding="utf-8"):
        if line.startswith(("#", "name\t")):
            continue
        c = line.rstrip("\n").split("\t")
        num = lambda v: int(v) if v else None  # noqa: E731
        out[c[0]] = (int(c[1]), num(c[5]), num(c[6]), num(c[7]) if len(c) > 7 else None)
    return out


def main():
    release = sys.argv[1] if len(sys.argv) > 1 else "bullseye"
    recs = []
    for url in lists(release):
        recs += list(bt.parse_packages(fetch(url)))
    inrelease = urllib.request.urlopen(inrelease_url(release), timeout=60).read().decode("utf-8", "replace")
    date = next((line[5:].strip() for line in inrelease.splitlines() if line.startswith("Date:")), "")

    pkgs, wanted = bt.archive_and_named(recs)
    # The validation cases' installs too (tests/fixtures/more-cases.jsonl).
    for line in open(os.path.join(ROOT, "tests", "fixtures", "more-cases.jsonl"), encoding="utf-8"):
        for p in bt.installed_by(json.loads(line)["dockerfile"]):
            rp = bt.resolve_in(pkgs, p)
            if rp:
                wanted.add(rp)
    # Bookworm's names the engine uses (common-installs.txt, the PHP extensions' runtime
    # libraries) as this release names them: trixie's 64-bit time_t renames (libcurl4 ->
    # libcurl4t64), or the one package with the same name up to version numbers
    # (libssl3 -> libssl1.1 on bullseye). The engine maps them the same way.
    stems = {}
    for n in pkgs:
        stems.setdefault(stem(n), []).append(n)
    bookworm_names = set()
    for line in open(os.path.join(ROOT, "data", "apt", "common-installs.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            bookworm_names.update(line.split())
    for line in open(os.path.join(ROOT, "data", "php", "extensions.tsv"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if not line.startswith("#") and len(c) > 4 and c[0] != "extension":
            bookworm_names.update(x for x in c[4].split(",") if x)
    for n in bookworm_names:
        if bt.resolve_in(pkgs, n):
            continue
        if n + "t64" in pkgs:
            wanted.add(n + "t64")
        elif len(stems.get(stem(n), [])) == 1:
            wanted.add(stems[stem(n)][0])
    wanted = bt.select(pkgs, wanted)
    base = minbase(pkgs)
    wanted |= base

    bw = bookworm_measured()
    by_stem = {}
    for n in bw:
        by_stem.setdefault(stem(n), []).append(n)
    skipped, file_kib, pyc, scaled, pyc_only = {}, {}, {}, set(), set()
    for n in wanted:
        # trixie renamed libraries for 64-bit time_t (libcurl4 -> libcurl4t64).
        plain = n[:-3] if n.endswith("t64") else n
        twin = next((x for x in (n, plain) if x in bw), None)
        if twin is None and len(by_stem.get(stem(plain), [])) == 1:
            twin = by_stem[stem(plain)][0]
        if twin is None:
            continue
        inst, skip, files, pc = bw[twin]
        if not inst or files is None:
            continue
        mine = int(pkgs[n].get("Installed-Size", "0") or 0)
        if pc is not None:
            pyc[n] = round(pc * mine / inst)
            scaled.add(n)
        if release in UBUNTU:
            # Ubuntu moves its main packages' translations into language packs, so their
            # Installed-Size already lacks what bookworm's slim images skip most of; the
            # share of Debian's would over-skip (buildpack-deps:jammy-curl: 11.7 MB
            # estimated that way against about 17 MB). Its own .debs are measured below.
            continue
        file_kib[n] = round(files * mine / inst)
        if skip is not None:
            skipped[n] = round(skip * mine / inst)
        scaled.add(n)
    # The release's own .debs, measured (scripts/build_apt_slim_table.py <release>): always
    # for Ubuntu, and for a Debian release whose measurement is in the repository; a package
    # measured there keeps only its pyc column scaled (flag p).
    measured = os.path.join(ROOT, "data", "apt", f"{release}-slim-excluded.tsv")
    if release in UBUNTU or os.path.exists(measured):
        own_skipped, own_files = bt.read_slim(measured, pkgs)
        for n in own_files:
            skipped[n], file_kib[n] = own_skipped[n], own_files[n]
            scaled.discard(n)
            if n in pyc:
                pyc_only.add(n)
        pyc_only &= set(pyc)

    header = (
        f"# {'Ubuntu' if release in UBUNTU else 'Debian'} {release} ({'main, universe' if release in UBUNTU else 'main'}, updates, security) Installed-Size and dependencies; archive InRelease date: {date}; "
        f"base set: debootstrap minbase; "
        + ("files and slim columns measured from its .debs (data/apt/" + release + "-slim-excluded.tsv), pyc column scaled from bookworm's measurements (flag p); " if release in UBUNTU or os.path.exists(measured)
           else "files, slim and pyc columns scaled from bookworm's measurements (flag s); ")
        + "generated by scripts/build_apt_release_table.py\n"
    )
    out = os.path.join(ROOT, "data", "apt", f"{release}.tsv")
    bt.write_table(out, header, pkgs, wanted, base, skipped, file_kib, pyc, scaled, pyc_only)
    print(f"{len(scaled)} rows scaled from bookworm's measurements, {len(pyc_only)} only their pyc")


if __name__ == "__main__":
    main()
