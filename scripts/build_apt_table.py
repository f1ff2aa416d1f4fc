#!/usr/bin/env python3
"""Build data/apt/bookworm.tsv: Debian bookworm packages with Installed-Size and dependencies.

Source: this machine's apt archive lists for Debian bookworm (main, bookworm-updates,
bookworm-security), read from the Packages lists `apt-get update` leaves in /var/lib/apt/lists. The date of the
archive's InRelease file is written into the table's header.

Which packages: Priority required/important/standard; every package the corpus and the
published cases install with apt-get/apt; data/apt/common-installs.txt (leaf tools people
install by name); the 2,000 packages most depended on (reverse
Depends/Recommends count, the popularity proxy available offline); then the dependency
closure of all of them (Depends, Pre-Depends, Recommends; first alternative; virtual
packages through Provides), so the engine can resolve installs without the archive.

Columns: name, installed_kib (Installed-Size, KiB), flags (b = in the package set of a
debian:bookworm-slim image, data/apt/bookworm-slim-packages.txt; d = Section doc or
localization), depends, recommends, slim_skipped_kib (KiB of the package a -slim image's
dpkg does not install -- docs, man pages, translations -- measured from the .deb by
scripts/build_apt_slim_table.py; empty when not measured), files_kib (KiB of the regular
files in the .deb's data archive, from the same measurement: what lands on disk, which
Installed-Size overstates by rounding every file up to a KiB; empty when not measured),
pyc_kib (KiB of .pyc files py3compile writes when it is installed, measured by
scripts/build_apt_pyc_table.py; empty when not measured). To keep the WebAssembly
bundle small, dependencies are written as base-36 row numbers (0 = the first package row).

Run: apt-get update && python3 scripts/build_apt_table.py   (from the repository root)
"""
import glob
import json
import os
import re
import subprocess
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "apt", "bookworm.tsv")


def records():
    """Every record of the Debian archive's Packages lists on this machine.

    The lists are read directly (`apt-get indextargets`, decompressed by
    `apt-helper cat-file`), not through `apt-cache dumpavail`: dumpavail gives one
    record per package, the candidate, which is the locally installed version when
    this machine has a package from another repository (nodesource's nodejs).
    """
    files = subprocess.run(
        ["apt-get", "indextargets", "--format", "$(FILENAME)", "Identifier: Packages"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    for path in files:
        if "deb.debian.org" not in os.path.basename(path):
            continue
        out = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path],
                             capture_output=True, text=True, check=True).stdout
        yield from parse_packages(out)


def newer(a, b):
    """Is Debian version a newer than b?"""
    return subprocess.run(["dpkg", "--compare-versions", a, "gt", b]).returncode == 0


def names(field):
    """First alternative of each dependency, without versions or arch qualifiers."""
    out = []
    for group in (field or "").split(","):
        alt = group.split("|")[0].strip()
        alt = re.sub(r"\s*\(.*?\)", "", alt).split(":")[0].strip()
        if alt:
            out.append(alt)
    return out


def installed_by(text):
    pkgs = set()
    for m in re.finditer(r"apt(?:-get)?\s+(?:-\S+\s+)*install\b((?:\s+(?:\\\s*\n)?\s*[-\w.+=:${}/]+)+)", text):
        for w in re.split(r"\s+", m.group(1).replace("\\\n", " ")):
            w = w.strip()
            if w and not w.startswith("-") and "$" not in w and "=" not in w and "/" not in w:
                pkgs.add(w.split(":")[0])
    return pkgs


PROVIDES = {}


def resolve_in(pkgs, n):
    """A package name, or the package that Provides the virtual name n."""
    return n if n in pkgs else PROVIDES.get(n)


def closure(pkgs, start, with_recommends, stop=frozenset()):
    """start plus what it pulls in: Depends and Pre-Depends (and Recommends when asked),
    first alternatives, virtual names through Provides. Packages in `stop` are not
    followed (nor returned unless in start)."""
    seen = set(start)
    todo = list(start)
    while todo:
        r = pkgs[todo.pop()]
        fields = names(r.get("Depends")) + names(r.get("Pre-Depends"))
        if with_recommends:
            fields += names(r.get("Recommends"))
        for d in fields:
            rp = resolve_in(pkgs, d)
            if rp and rp not in seen and rp not in stop:
                seen.add(rp)
                todo.append(rp)
    return seen


def parse_packages(text):
    """The records of a Packages list's text."""
    for block in text.split("\n\n"):
        rec, key = {}, None
        for line in block.splitlines():
            if line.startswith((" ", "\t")) and key:
                rec[key] += " " + line.strip()
            elif ":" in line:
                key, _, v = line.partition(":")
                rec[key] = v.strip()
        if "Package" in rec:
            yield rec


def archive_and_named(recs=None):
    """The archive's packages (newest version of each), and the ones people name: the
    standard set, what the corpus and the cases install, data/apt/common-installs.txt.
    `recs`: the archive's records (default: this machine's bookworm lists)."""
    pkgs = {}
    for r in records() if recs is None else recs:
        name = r["Package"]
        # Keep the newest version (bookworm, bookworm-updates and bookworm-security
        # may each have one).
        if name in pkgs and not newer(r.get("Version", ""), pkgs[name].get("Version", "")):
            continue
        pkgs[name] = r
        for p in names(r.get("Provides")):
            PROVIDES.setdefault(p, name)

    def resolve(n):
        return resolve_in(pkgs, n)

    wanted = set()
    for name, r in pkgs.items():
        if r.get("Priority") in ("required", "important", "standard"):
            wanted.add(name)
    texts = []
    for f in glob.glob(os.path.join(ROOT, "tests", "fixtures", "corpus", "files", "**", "*"), recursive=True):
        if os.path.isfile(f):
            try:
                texts.append(open(f, encoding="utf-8").read())
            except (UnicodeDecodeError, OSError):
                pass
    for line in open(os.path.join(ROOT, "tests", "fixtures", "cases.jsonl"), encoding="utf-8"):
        texts.append(json.loads(line)["dockerfile"])
    for t in texts:
        for p in installed_by(t):
            rp = resolve(p)
            if rp:
                wanted.add(rp)
    for line in open(os.path.join(ROOT, "data", "apt", "common-installs.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            for p in line.split():
                rp = resolve(p)
                if rp:
                    wanted.add(rp)
    return pkgs, wanted


def select(pkgs, wanted):
    """`wanted` plus the 2,000 packages most depended on and the dependency closure."""
    def resolve(n):
        return resolve_in(pkgs, n)

    rdeps = Counter()
    for r in pkgs.values():
        for d in set(names(r.get("Depends")) + names(r.get("Recommends"))):
            rp = resolve(d)
            if rp:
                rdeps[rp] += 1
    named = set(wanted)
    for name, _ in rdeps.most_common(2000):
        wanted.add(name)

    # Dependency closure: Depends and Pre-Depends of everything; Recommends too for the
    # packages people name (the corpus, the cases, the standard set), which is where
    # --no-install-recommends makes a difference. Other Recommends edges are kept only
    # when their target is in the table anyway.
    wanted |= closure(pkgs, named, True, stop=wanted)
    wanted |= closure(pkgs, wanted, False, stop=wanted)
    return wanted


def b36(i):
    """A row number in base 36, as the tables write dependencies (the engine reads it back
    with u32::from_str_radix)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        i, d = divmod(i, 36)
        out = digits[d] + out
        if i == 0:
            return out


def read_slim(path, pkgs):
    """A slim-excluded table of scripts/build_apt_slim_table.py, in KiB: (skipped, files) by
    package name, for the rows of the same version as `pkgs` has."""
    skipped, file_kib = {}, {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith(("#", "name\t")):
                continue
            n, version, files, excluded = line.rstrip("\n").split("\t")
            if n in pkgs and pkgs[n].get("Version") == version:
                skipped[n] = (int(excluded) + 1023) // 1024
                file_kib[n] = (int(files) + 512) // 1024
    return skipped, file_kib


def write_table(out, header, pkgs, wanted, base, skipped, file_kib, pyc, scaled=frozenset(), pyc_scaled=frozenset()):
    """Writes the table (columns in the module doc). `scaled`: packages whose skipped,
    files and pyc figures were scaled from another release's measurement (flag s);
    `pyc_scaled`: packages whose pyc figure alone was (flag p)."""
    def resolve(n):
        return resolve_in(pkgs, n)

    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(header)
        f.write("name\tinstalled_kib\tflags\tdepends\trecommends\tslim_skipped_kib\tfiles_kib\tpyc_kib\n")
        order = sorted(wanted)
        index = {n: i for i, n in enumerate(order)}

        for n in order:
            r = pkgs[n]
            dep = [resolve(d) for d in names(r.get("Depends")) + names(r.get("Pre-Depends"))]
            rec = [resolve(d) for d in names(r.get("Recommends"))]
            rec = [d for d in rec if d in wanted]
            # flags: b = in the slim base image; d = docs or translations (Section doc or
            # localization), which a -slim image's dpkg excludes almost entirely; s = the
            # size columns are scaled from another release's measurement; p = only the pyc
            # column is.
            flags = ("b" if n in base else "") + ("d" if r.get("Section", "").split("/")[-1] in ("doc", "localization") else "") + ("s" if n in scaled else "p" if n in pyc_scaled else "")
            f.write("\t".join([n, r.get("Installed-Size", "0"), flags or "-",
                               ",".join(b36(index[d]) for d in sorted({d for d in dep if d in index})),
                               ",".join(b36(index[d]) for d in sorted({d for d in rec if d in index})),
                               str(skipped[n]) if n in skipped else "",
                               str(file_kib[n]) if n in file_kib else "",
                               str(pyc[n]) if n in pyc else ""]) + "\n")
    print(f"wrote {len(wanted)} packages ({len(base)} in the base set) to {os.path.relpath(out, ROOT)}")


def main():
    pkgs, wanted = archive_and_named()
    wanted = select(pkgs, wanted)

    # The base set: the packages of a bookworm-slim look-alike (data/apt/bookworm-slim-packages.txt).
    base = set()
    for line in open(os.path.join(ROOT, "data", "apt", "bookworm-slim-packages.txt"), encoding="utf-8"):
        if not line.startswith("#") and line.strip() in pkgs:
            base.add(line.strip())
    wanted |= base

    release = glob.glob("/var/lib/apt/lists/*debian_dists_bookworm_InRelease")
    date = ""
    if release:
        for line in open(release[0], encoding="utf-8", errors="replace"):
            if line.startswith("Date:"):
                date = line[5:].strip()
                break
    # What a slim image's dpkg skips of each package, where measured
    # (scripts/build_apt_slim_table.py); only for the same version.
    skipped, file_kib = read_slim(os.path.join(ROOT, "data", "apt", "bookworm-slim-excluded.tsv"), pkgs)
    pyc = {}
    pyc_path = os.path.join(ROOT, "data", "apt", "bookworm-pyc.tsv")
    if os.path.exists(pyc_path):
        for line in open(pyc_path, encoding="utf-8"):
            if line.startswith(("#", "name\t")):
                continue
            n, version, b = line.rstrip("\n").split("\t")
            if n in pkgs and pkgs[n].get("Version") == version:
                pyc[n] = (int(b) + 512) // 1024

    header = f"# Debian bookworm (main, updates, security) Installed-Size and dependencies; archive InRelease date: {date}; generated by scripts/build_apt_table.py\n"
    write_table(OUT, header, pkgs, wanted, base, skipped, file_kib, pyc)


if __name__ == "__main__":
    main()
