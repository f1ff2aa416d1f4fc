#!/usr/bin/env python3
"""Build data/apt/bookworm-slim-excluded.tsv: for each Debian package people install, how
many bytes of it a `debian:*-slim` image keeps.

A slim image's dpkg skips paths (/etc/dpkg/dpkg.cfg.d/docker in the image, copied below as
EXCLUDE/INCLUDE): docs, man pages, info pages, translations. How much of a package that is
varies a lot (wget's translations are most of it; libssl3 has none), so one average factor
over Installed-Size misestimates translation-heavy installs by a third. This script
downloads each .deb from the Debian archive this machine's apt uses, lists the files of its
data archive, and sums the regular-file bytes that land and that are skipped.

Which packages: the dependency closure (Depends, Pre-Depends, Recommends) of every package
the corpus, the published cases and data/apt/common-installs.txt install -- the same
`named` set scripts/build_apt_table.py starts from -- whose .deb is at most 30 MB, plus the
larger ones Dockerfiles install (BIG below: JDKs, Go, browsers, fonts; ~0.7 GB). The rest over
30 MB (texlive, its docs) keep the average factor. Measuring the JDK showed why BIG matters: a
package with almost no docs given the average share lost 27 MB of a 379 MB image
(bench/oracle-rewrites/java-debian).

Columns: name, version, file_bytes (all regular files), excluded_bytes (those slim skips).
Resumable: rows already in the output for the same version are kept.

Other releases: `python3 scripts/build_apt_slim_table.py bullseye` (or trixie) measures the
packages of data/apt/bullseye.tsv the same way, from deb.debian.org and security.debian.org,
into data/apt/bullseye-slim-excluded.tsv (the -slim images' rules are the same in every
release), which scripts/build_apt_release_table.py then reads instead of scaling bookworm's.
Ubuntu (focal, jammy, noble): `python3 scripts/build_apt_slim_table.py jammy` measures the
same way every package of data/apt/jammy.tsv whose .deb is at most 30 MB (plus the BIG ones'
Ubuntu names), downloaded from archive.ubuntu.com, into data/apt/jammy-slim-excluded.tsv,
with the rules of the ubuntu images' /etc/dpkg/dpkg.cfg.d/excludes (UBUNTU_EXCLUDE below).
Those skip man pages, docs and .mo translations but not info pages; and Ubuntu ships most
translations in language packs, so its packages hold fewer of them than Debian's.
scripts/build_apt_release_table.py then reads the file.

Run: apt-get update && python3 scripts/build_apt_slim_table.py [focal|jammy|noble]   (from
the repository root; takes a while: about 2 GB of downloads per release, deleted as it goes)
"""
import fnmatch
import importlib.util
import os
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "apt", "bookworm-slim-excluded.tsv")
MAX_DEB = 30_000_000
BIG = {"openjdk-17-jre-headless", "openjdk-17-jdk-headless", "golang-1.19-go", "chromium",
       "chromium-common", "firefox-esr", "libstd-rust-dev", "llvm-14-dev", "fonts-noto-cjk",
       "fonts-noto-extra", "libwine", "debian-keyring", "mupdf-tools"}

# debian:bookworm-slim, /etc/dpkg/dpkg.cfg.d/docker ("# slim variant").
EXCLUDE = ["/usr/share/doc/*", "/usr/share/groff/*", "/usr/share/info/*", "/usr/share/linda/*",
           "/usr/share/lintian/overrides/*", "/usr/share/locale/*", "/usr/share/man/*"]
INCLUDE = ["/usr/share/doc/*/copyright", "/usr/share/doc/kde/HTML/C/*", "/usr/share/gnome/help/*/C/*",
           "/usr/share/locale/all_languages", "/usr/share/locale/currency/*", "/usr/share/locale/l10n/*",
           "/usr/share/locale/languages", "/usr/share/locale/locale.alias", "/usr/share/omf/*/*-C.emf"]


# The ubuntu images' /etc/dpkg/dpkg.cfg.d/excludes (the images are "minimized"; `unminimize`
# removes the file). As printed from ubuntu images in public write-ups: jammy and earlier
# keep changelog.Debian.*, Ubuntu Base 24.04 (noble) changelog.* (see data/MEASURED.md).
UBUNTU_EXCLUDE = ["/usr/share/man/*", "/usr/share/locale/*/LC_MESSAGES/*.mo", "/usr/share/doc/*"]
UBUNTU_INCLUDE = {"focal": ["/usr/share/doc/*/copyright", "/usr/share/doc/*/changelog.Debian.*"],
                  "jammy": ["/usr/share/doc/*/copyright", "/usr/share/doc/*/changelog.Debian.*"],
                  "noble": ["/usr/share/doc/*/copyright", "/usr/share/doc/*/changelog.*"]}


def excluded(path, exclude=EXCLUDE, include=INCLUDE):
    # dpkg: the last matching path-exclude/path-include wins; includes come after excludes.
    # Its patterns are fnmatch(3) without FNM_PATHNAME, so `*` also matches `/`, as here.
    if any(fnmatch.fnmatchcase(path, p) for p in include):
        return False
    return any(fnmatch.fnmatchcase(path, p) for p in exclude)


def measure(deb, exclude=EXCLUDE, include=INCLUDE):
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], capture_output=True, check=True).stdout
    total = skipped = 0
    with tempfile.TemporaryFile() as f:
        f.write(data)
        f.seek(0)
        with tarfile.open(fileobj=f) as t:
            for m in t:
                if not m.isreg():
                    continue
                path = "/" + m.name.lstrip("./")
                total += m.size
                if excluded(path, exclude, include):
                    skipped += m.size
    return total, skipped


def measured_rows(path, pkgs):
    """The rows an earlier run wrote to `path` for the same versions as `pkgs` (the run
    resumes from them)."""
    rows = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if not line.startswith(("#", "name\t")) and c[0] in pkgs and c[1] == pkgs[c[0]].get("Version"):
                rows[c[0]] = c
    return rows


def main():
    if len(sys.argv) > 1:
        return main_release(sys.argv[1])
    spec = importlib.util.spec_from_file_location("apt_table", os.path.join(ROOT, "scripts", "build_apt_table.py"))
    at = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(at)
    pkgs, named = at.archive_and_named()
    closure = at.closure(pkgs, named, True)
    wanted = sorted(n for n in closure if int(pkgs[n].get("Size", 0)) <= MAX_DEB or n in BIG)

    rows = measured_rows(OUT, pkgs)
    left = [n for n in wanted if n not in rows]
    print(f"{len(wanted)} packages, {len(left)} to measure", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(0, len(left), 40):
            batch = left[i:i + 40]
            specs = [f"{n}={pkgs[n]['Version']}" for n in batch]
            subprocess.run(["apt-get", "download", "-q", *specs], cwd=tmp, capture_output=True)
            for n in batch:
                debs = [f for f in os.listdir(tmp) if f.startswith(n + "_") and f.endswith(".deb")]
                if not debs:
                    print(f"  could not download {n}", file=sys.stderr)
                    continue
                try:
                    total, skipped = measure(os.path.join(tmp, debs[0]))
                    rows[n] = [n, pkgs[n]["Version"], str(total), str(skipped)]
                except (subprocess.CalledProcessError, tarfile.TarError) as e:
                    print(f"  could not read {n}: {e}", file=sys.stderr)
                for d in debs:
                    os.remove(os.path.join(tmp, d))
            write(rows)
            print(f"  {min(i + 40, len(left))}/{len(left)}", file=sys.stderr)
    write(rows)


def main_release(release):
    """Measures the packages of data/apt/<release>.tsv from its archive's .debs: Ubuntu's
    with the ubuntu images' excludes, another Debian release's (bullseye, trixie) with the
    -slim images' (the same rules, debuerreotype's slimify list)."""
    import concurrent.futures
    import urllib.error
    import urllib.request

    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import build_apt_release_table as rt  # noqa: E402
    import build_apt_table as bt  # noqa: E402

    if release not in rt.UBUNTU + ("bullseye", "trixie"):
        sys.exit(f"unknown release {release}; one of {', '.join(rt.UBUNTU)}, bullseye, trixie")
    ubuntu = release in rt.UBUNTU
    out = os.path.join(ROOT, "data", "apt", f"{release}-slim-excluded.tsv")
    recs = []
    # The release pocket's own .deb of each package: security.debian.org's pool does not
    # answer from here, so a package whose newest version is a security update is measured
    # from the release's version of it (the header says so).
    released = {}
    for url in rt.lists(release):
        for r in bt.parse_packages(rt.fetch(url)):
            recs.append(r)
            if "security" not in url:
                released.setdefault(r["Package"], r["Filename"])
    pkgs, _ = bt.archive_and_named(recs)
    table = [line.split("\t", 1)[0] for line in open(os.path.join(ROOT, "data", "apt", f"{release}.tsv"), encoding="utf-8")
             if not line.startswith(("#", "name\t"))]
    big = {rt.stem(n) for n in BIG}
    wanted = sorted(n for n in table if n in pkgs and (int(pkgs[n].get("Size", 0)) <= MAX_DEB or rt.stem(n) in big))
    rows = measured_rows(out, pkgs)
    left = [n for n in wanted if n not in rows]
    print(f"{len(wanted)} packages, {len(left)} to measure", file=sys.stderr)
    exclude, include = (UBUNTU_EXCLUDE, UBUNTU_INCLUDE[release]) if ubuntu else (EXCLUDE, INCLUDE)
    mirrors = (["http://archive.ubuntu.com/ubuntu/"] if ubuntu
               else ["http://deb.debian.org/debian/", "http://security.debian.org/debian-security/"])

    def one(n):
        with tempfile.NamedTemporaryFile(suffix=".deb") as f:
            urls = [m + pkgs[n]["Filename"] for m in mirrors]
            if not ubuntu and n in released and released[n] != pkgs[n]["Filename"]:
                urls.append(mirrors[0] + released[n])
            for i, url in enumerate(urls):
                try:
                    with urllib.request.urlopen(url, timeout=300) as r:
                        while chunk := r.read(1 << 20):
                            f.write(chunk)
                    break
                except urllib.error.HTTPError:
                    if i == len(urls) - 1:
                        raise
            f.flush()
            return measure(f.name, exclude, include)

    header = (UBUNTU_HEADER if ubuntu else RELEASE_HEADER).format(release=release)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = {pool.submit(one, n): n for n in left}
        for k, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            n = futures[fut]
            try:
                total, skipped = fut.result()
                rows[n] = [n, pkgs[n]["Version"], str(total), str(skipped)]
            except Exception as e:  # noqa: BLE001 -- one bad download must not stop the rest
                print(f"  could not measure {n}: {e}", file=sys.stderr)
            if k % 200 == 0:
                write(rows, out, header)
                print(f"  {k}/{len(left)}", file=sys.stderr)
    write(rows, out, header)


UBUNTU_HEADER = ("# Ubuntu {release} packages: bytes of regular files in the .deb, and the part an ubuntu image's dpkg\n"
                 "# skips (path-exclude of /etc/dpkg/dpkg.cfg.d/excludes). Measured from archive.ubuntu.com's .debs by\n"
                 "# scripts/build_apt_slim_table.py {release}; do not edit.\n")
RELEASE_HEADER = ("# Debian {release} packages: bytes of regular files in the .deb, and the part a debian:*-slim image's dpkg\n"
                  "# skips (path-exclude of /etc/dpkg/dpkg.cfg.d/docker). Measured from the archive's .debs by\n"
                  "# scripts/build_apt_slim_table.py {release} (a security update from the release's own .deb of the\n"
                  "# package: security.debian.org's pool was not reachable); do not edit.\n")
DEBIAN_HEADER = ("# Debian bookworm packages: bytes of regular files in the .deb, and the part a debian:*-slim image's dpkg\n"
                 "# skips (path-exclude of /etc/dpkg/dpkg.cfg.d/docker). Measured from the archive's .debs by\n"
                 "# scripts/build_apt_slim_table.py; do not edit.\n")


def write(rows, out=OUT, header=DEBIAN_HEADER):
    with open(out, "w", encoding="utf-8") as f:
        f.write(header)
        f.write("name\tversion\tfile_bytes\texcluded_bytes\n")
        for n in sorted(rows):
            f.write("\t".join(rows[n]) + "\n")


if __name__ == "__main__":
    main()
