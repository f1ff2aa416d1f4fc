#!/usr/bin/env python3
"""Build data/apt/bookworm-pyc.tsv: the bytes of .pyc files Debian writes when a package
with Python modules is installed.

Debian's Python packages ship .py files only; their postinst runs py3compile (the
interpreter's own stdlib: python3.11's postinst) and the __pycache__/*.pyc files land in
the install layer beside the package's files -- 11.7 MB for `apt-get install python3` on
bookworm-slim, more than a third of the layer (bench/oracle/anatomy.py). Installed-Size
does not count them. This script downloads each Python package of data/apt/bookworm.tsv
(names python3*, libpython3*, and packages depending on python3) at the version the slim table measured, extracts its .py
files under /usr/lib/python3*, byte-compiles them with a Python 3.11 (the version bookworm
ships; the .pyc format is the same across 3.11.x) and sums the .pyc bytes.

Columns: name, version, pyc_bytes.   Resumable, like build_apt_slim_table.py.
Run: apt-get update && python3 scripts/build_apt_pyc_table.py   (from the repository root)
"""
import compileall
import io
import os
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "apt", "bookworm-pyc.tsv")
TABLE = os.path.join(ROOT, "data", "apt", "bookworm.tsv")
SLIM = os.path.join(ROOT, "data", "apt", "bookworm-slim-excluded.tsv")


def pyc_bytes(deb, tmp):
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], capture_output=True, check=True).stdout
    root = os.path.join(tmp, "x")
    subprocess.run(["rm", "-rf", root], check=True)
    os.makedirs(root)
    n = 0
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        for m in t:
            name = m.name.lstrip("./")
            if m.isreg() and name.endswith(".py") and name.startswith("usr/lib/python3"):
                dest = os.path.join(root, name)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with open(dest, "wb") as f:
                    f.write(t.extractfile(m).read())
                n += 1
    if n == 0:
        return 0
    compileall.compile_dir(root, quiet=2, workers=1)
    total = 0
    for d, _, files in os.walk(root):
        if os.path.basename(d) == "__pycache__":
            total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    return total


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("needs Python 3.11 (bookworm's), to write the .pyc files bookworm would")
    versions = {}
    for line in open(SLIM, encoding="utf-8"):
        if not line.startswith(("#", "name\t")):
            c = line.rstrip("\n").split("\t")
            versions[c[0]] = c[1]
    # Python's own packages, and every package that depends on python3 (gyp, meson…):
    # py3compile runs for them too.
    table = [line.rstrip("\n").split("\t") for line in open(TABLE, encoding="utf-8")
             if not line.startswith(("#", "name\t"))]
    python3 = next(i for i, c in enumerate(table) if c[0] == "python3")
    wanted = [c[0] for c in table
              if (c[0].startswith(("python3", "libpython3")) or python3 in [int(x, 36) for x in c[3].split(",") if x])
              and "d" not in c[2] and c[0] in versions]
    rows = {}
    if os.path.exists(OUT):
        for line in open(OUT, encoding="utf-8"):
            if not line.startswith(("#", "name\t")):
                c = line.rstrip("\n").split("\t")
                if versions.get(c[0]) == c[1]:
                    rows[c[0]] = c
    left = [n for n in wanted if n not in rows]
    print(f"{len(wanted)} packages, {len(left)} to measure", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(0, len(left), 40):
            batch = left[i:i + 40]
            subprocess.run(["apt-get", "download", "-q", *[f"{n}={versions[n]}" for n in batch]],
                           cwd=tmp, capture_output=True)
            for n in batch:
                debs = [f for f in os.listdir(tmp) if f.startswith(n + "_") and f.endswith(".deb")]
                if not debs:
                    print(f"  could not download {n}", file=sys.stderr)
                    continue
                try:
                    rows[n] = [n, versions[n], str(pyc_bytes(os.path.join(tmp, debs[0]), tmp))]
                except (subprocess.CalledProcessError, tarfile.TarError) as e:
                    print(f"  could not read {n}: {e}", file=sys.stderr)
                for d in debs:
                    os.remove(os.path.join(tmp, d))
            write(rows)
            print(f"  {min(i + 40, len(left))}/{len(left)}", file=sys.stderr)
    write(rows)


def write(rows):
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Debian bookworm Python packages: bytes of the .pyc files py3compile writes on install, from\n"
                "# byte-compiling the .py files of each .deb with Python 3.11 by scripts/build_apt_pyc_table.py; do not edit.\n")
        f.write("name\tversion\tpyc_bytes\n")
        for n in sorted(rows):
            f.write("\t".join(rows[n]) + "\n")


if __name__ == "__main__":
    main()
