#!/usr/bin/env python3
"""Fits the apt model's three constants to the real builds in results.tsv:
   layer bytes = keep * slim bytes(new packages)
                 + debconf * (1 if a new package depends on debconf, else 0)
                 + byte-compile * Installed-Size(new Python packages)
where a package's slim bytes are its Installed-Size minus what a -slim image's dpkg
skips (data/apt/bookworm.tsv's slim_skipped_kib; see scripts/build_apt_slim_table.py)
for the layers that install packages on bookworm-slim with the lists removed in the same RUN.
Prints the fit, and each layer's error with the fitted constants.
   python3 bench/oracle/fit.py"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(ROOT, "data/apt/bookworm.tsv")) if not l.startswith(("#", "name\t"))]
idx = {r[0]: i for i, r in enumerate(rows)}
base = {i for i, r in enumerate(rows) if "b" in r[2]}
DEBCONF = idx.get("debconf")


def uses_debconf(i):
    """Whether package i depends on debconf: installing it rewrites debconf's caches."""
    return DEBCONF in [int(x, 36) for x in rows[i][3].split(",") if x]


def closure(names, rec, present):
    seen, todo = set(), [idx[n] for n in names if n in idx]
    while todo:
        i = todo.pop()
        if i in seen or i in present:
            continue
        seen.add(i)
        r = rows[i]
        todo += [int(x, 36) for x in r[3].split(",") if x]
        if rec:
            todo += [int(x, 36) for x in r[4].split(",") if x]
    return seen


def skipped(r):
    return int(r[5]) * 1024 if len(r) > 5 and r[5] else None


# What unmeasured non-doc packages keep: the share measured non-doc packages keep
# (the engine computes the same, sizes::apt::slim_keep_per_mille).
_m = [(int(r[1]) * 1024 - skipped(r), int(r[1]) * 1024) for r in rows if "d" not in r[2] and skipped(r) is not None]
KEEP = sum(k for k, _ in _m) / sum(o for _, o in _m) if _m else 1.0


def slim_bytes(i):
    """Bytes of package i that land on a -slim image (dpkg skips docs, man, locales)."""
    r = rows[i]
    s = skipped(r)
    if s is not None:
        return max(0, int(r[1]) * 1024 - s)
    return 0 if "d" in r[2] else int(r[1]) * 1024 * KEEP


real = {}
for l in open(os.path.join(HERE, "results.tsv")):
    c, layer, b = l.rstrip("\n").split("\t")
    if layer.isdigit():
        real[(c, int(layer))] = int(b)

points = []
for case in sorted({c for c, _ in real}):
    df = open(os.path.join(HERE, case, "Dockerfile")).read()
    present = set(base)
    for n, line in enumerate(df.splitlines()[1:], start=1):
        m = re.search(r"apt-get install -y( --no-install-recommends)? ([\w .+-]+?)( &&|$)", line)
        if not m or "rm -rf /var/lib/apt/lists" not in line or (case, n) not in real:
            continue
        new = closure(m.group(2).split(), not m.group(1), present)
        present |= new
        inst = sum(slim_bytes(i) for i in new)
        # Debian byte-compiles Python modules on install: their Installed-Size is the
        # second variable of the fit (the engine's APT_PYTHON_COMPILE).
        py = sum(int(rows[i][1]) * 1024 for i in new
                 if "d" not in rows[i][2] and rows[i][0].startswith(("python3", "libpython3")))
        d = 1 if any(uses_debconf(i) for i in new) else 0
        points.append((case, n, inst, py, d, real[(case, n)]))

# Two stages. 1: keep and the debconf cost, by least squares (no intercept) for
# y = a x + b d over the layers without Python packages (x: slim bytes, d: 1 when a new
# package depends on debconf, whose install rewrites /var/cache/debconf/*.dat and keeps
# the -old copies). 2: the byte-compile share c of the Python packages' Installed-Size p
# (Debian's py3compile writes .pyc files on install), by least squares of c p against
# what stage 1 leaves of the layers with Python packages.
# (A fixed cost per install step, fitted before, came out at 0.93 MB, but steps of one to
# three small packages add only -0.16 to +0.15 MB beyond their files: the cost was
# debconf's, paid by the steps that install ca-certificates and the like.)
plain = [q for q in points if q[3] == 0]
sxx = sum(q[2] * q[2] for q in plain)
sxd = sum(q[2] * q[4] for q in plain)
sdd = sum(q[4] * q[4] for q in plain)
sxy = sum(q[2] * q[5] for q in plain)
sdy = sum(q[4] * q[5] for q in plain)
det = sxx * sdd - sxd * sxd
a = (sxy * sdd - sdy * sxd) / det
b = (sxx * sdy - sxd * sxy) / det
py = [q for q in points if q[3] > 0]
c = sum(q[3] * (q[5] - a * q[2] - b * q[4]) for q in py) / sum(q[3] ** 2 for q in py) if py else 0.0
print(f"{len(plain)} layers without Python: keep = {a:.4f} of the slim bytes, debconf = {b:,.0f} B per step that "
      f"installs a debconf user; {len(py)} with Python: byte-compile = {c:.4f} of their Installed-Size")
for case, layer, x, p, d, y in points:
    est = a * x + c * p + b * d
    print(f"  {case:32} layer {layer}: slim {x:>11,}  python {p:>11,}  debconf {d}  real {y:>11,}  fitted {est:>13,.0f}  error {100 * (est - y) / y:+.1f}%")
