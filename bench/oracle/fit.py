#!/usr/bin/env python3
"""Fits the apt model's three constants to the real builds in results.tsv:
   layer bytes = keep * slim bytes(new packages) + bookkeeping * (install steps)
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
        points.append((case, n, inst, py, real[(case, n)]))

# Two stages. 1: keep and bookkeeping, by least squares for y = a x + b over the layers
# without Python packages (x: slim bytes). 2: the byte-compile share c of the Python
# packages' Installed-Size p (Debian's py3compile writes .pyc files on install), by least
# squares of c p against what stage 1 leaves of the layers with Python packages.
# (Fitting all three at once lets the Python layers pull the intercept to 2.8 MB; a
# per-package term fits a negative value. Both were tried and left out.)
plain = [q for q in points if q[3] == 0]
n = len(plain)
mx = sum(q[2] for q in plain) / n
my = sum(q[4] for q in plain) / n
a = sum((q[2] - mx) * (q[4] - my) for q in plain) / sum((q[2] - mx) ** 2 for q in plain)
b = my - a * mx
py = [q for q in points if q[3] > 0]
c = sum(q[3] * (q[4] - a * q[2] - b) for q in py) / sum(q[3] ** 2 for q in py) if py else 0.0
print(f"{n} layers without Python: keep = {a:.4f} of the slim bytes, bookkeeping = {b:,.0f} B per install step; "
      f"{len(py)} with Python: byte-compile = {c:.4f} of their Installed-Size")
for case, layer, x, p, y in points:
    est = a * x + c * p + b
    print(f"  {case:32} layer {layer}: slim {x:>11,}  python {p:>11,}  real {y:>11,}  fitted {est:>13,.0f}  error {100 * (est - y) / y:+.1f}%")
