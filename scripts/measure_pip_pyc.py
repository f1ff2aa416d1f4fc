#!/usr/bin/env python3
"""Add the .pyc bytes `pip install` writes to data/pip/wheels.tsv (a pyc_bytes column).

pip byte-compiles every .py file it installs into __pycache__. For each row of
data/pip/wheels.tsv the script downloads that exact wheel (CPython 3.12, manylinux x86_64,
as build_pip_table.py picked it), compiles each .py member with this interpreter as pip does
(optimisation level 0, timestamp-based .pyc: a 16-byte header and the marshalled code) and
sums the .pyc sizes; files that do not compile (templates, Python 2 leftovers) write none,
as with pip. The interpreter's minor version is named in the table's first line: .pyc sizes
differ a little between CPython minors.
Run: python3 scripts/measure_pip_pyc.py   (from the repository root; needs PyPI)
Downloads are cached in $PIP_TABLE_CACHE (/tmp/slimfile-wheels).
"""
import importlib._bootstrap_external as be
import os
import re
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_pip_table import norm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "data", "pip", "wheels.tsv")
CACHE = os.environ.get("PIP_TABLE_CACHE", "/tmp/slimfile-wheels")


def pyc_bytes(path):
    total = 0
    with zipfile.ZipFile(path) as z:
        for i in z.infolist():
            # pip compiles what lands in site-packages: not scripts or data of <name>.data/.
            if not i.filename.endswith(".py") or ".data/" in i.filename.split("/", 1)[0] + "/":
                continue
            try:
                code = compile(z.read(i), i.filename, "exec", dont_inherit=True, optimize=0)
            except (SyntaxError, ValueError):
                continue
            total += len(be._code_to_timestamp_pyc(code, 0, i.file_size))
    return total


def main():
    lines = open(TABLE, encoding="utf-8").read().splitlines()
    head, rows = lines[:2], [l.split("\t") for l in lines[2:]]
    os.makedirs(CACHE, exist_ok=True)
    have = {}
    for f in os.listdir(CACHE):
        if f.endswith(".whl"):
            p = f.split("-")
            have[(norm(p[0]), p[1])] = os.path.join(CACHE, f)
    out = []
    failed = []
    for r in rows:
        name, version = r[0], r[1]
        path = have.get((name, version))
        if path is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                            "--platform", "manylinux2014_x86_64", "--platform", "manylinux_2_28_x86_64",
                            "--python-version", "3.12", "--implementation", "cp", "-d", CACHE,
                            f"{name}=={version}"], capture_output=True, text=True)
            for f in os.listdir(CACHE):
                p = f.split("-")
                if f.endswith(".whl") and norm(p[0]) == name and p[1] == version:
                    path = os.path.join(CACHE, f)
        r = r[:5]
        if path is None:
            failed.append(f"{name}=={version}")
            r.append("")
        else:
            r.append(str(pyc_bytes(path)))
        out.append(r)
    v = sys.version_info
    head[0] = re.sub(r"; \.pyc bytes measured with CPython [0-9.]+.*$", "", head[0])
    head[0] += f"; .pyc bytes measured with CPython {v.major}.{v.minor} by scripts/measure_pip_pyc.py"
    head[1] = "name\tversion\tunpacked_bytes\twheel_bytes\tdepends\tpyc_bytes"
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write("\n".join(head + ["\t".join(r) for r in out]) + "\n")
    print(f"measured {len(out) - len(failed)} wheels; not downloaded: {' '.join(failed) or 'none'}")


if __name__ == "__main__":
    main()
