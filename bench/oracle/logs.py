#!/usr/bin/env python3
"""apt's and dpkg's logs per layer, and the fit behind the APT_LOGS facts.

   python3 bench/oracle/logs.py rows CASE IMAGE_DIR >> logs.tsv   (a `buildah push ... dir:IMAGE_DIR`)
   python3 bench/oracle/logs.py fit logs.tsv

`rows` prints, for each layer that holds apt's logs, the bytes of the logs (/var/log and
apt's extended_states), of the linker cache, and the packages dpkg.log says were
installed and removed so far (the logs grow with every step, and each step copies them
whole into its layer). `fit` solves logs = a + b × installed + c × removed by least
squares and prints each layer against it. `bash bench/oracle/run.sh` with LOGS=1 writes
logs.tsv."""
import json
import sys
import tarfile


def rows(case, d):
    m = json.load(open(d + "/manifest.json"))
    for i, l in enumerate(m["layers"]):
        logs = ldcache = 0
        counts = None
        with tarfile.open(d + "/" + l["digest"].split(":")[1]) as t:
            for x in t:
                if not x.isfile():
                    continue
                if x.name.startswith(("var/log/", "var/lib/apt/extended_states")):
                    logs += x.size
                if x.name.startswith(("etc/ld.so.cache", "var/cache/ldconfig/")):
                    ldcache += x.size
                if x.name == "var/log/dpkg.log":
                    acts = [ln.split(" ")[2:3] for ln in t.extractfile(x).read().decode().splitlines()]
                    counts = (acts.count(["install"]), acts.count(["remove"]))
        if counts:
            print(f"{case}\t{i}\t{logs}\t{ldcache}\t{counts[0]}\t{counts[1]}")


def solve(a, b):
    """Gaussian elimination for the 3×3 normal equations."""
    n = len(b)
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p], b[c], b[p] = a[p], a[c], b[p], b[c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            a[r] = [x - f * y for x, y in zip(a[r], a[c])]
            b[r] -= f * b[c]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (b[r] - sum(a[r][k] * x[k] for k in range(r + 1, n))) / a[r][r]
    return x


def fit(path):
    data = [ln.rstrip("\n").split("\t") for ln in open(path) if not ln.startswith("case")]
    xs = [(1.0, float(r[4]), float(r[5])) for r in data]
    ys = [float(r[2]) for r in data]
    ata = [[sum(x[i] * x[j] for x in xs) for j in range(3)] for i in range(3)]
    aty = [sum(x[i] * y for x, y in zip(xs, ys)) for i in range(3)]
    a, b, c = solve(ata, aty)
    print(f"logs = {a:.0f} + {b:.0f} × installed + {c:.0f} × removed  ({len(data)} layers)")
    for r, (_, i, k), y in zip(data, xs, ys):
        e = a + b * i + c * k
        print(f"{r[0]:32} {r[1]:>2}  installed {int(i):>3} removed {int(k):>3}  real {int(y):>7}  fit {e:>9.0f}  {100 * (e - y) / y:+6.1f} %")
    ld = sorted(int(r[3]) for r in data if int(r[3]) > 0)
    print(f"linker cache, in the {len(ld)} layers that rewrote it: {ld[0]}–{ld[-1]} B, median {ld[len(ld) // 2]} B")


if __name__ == "__main__":
    if sys.argv[1:2] == ["rows"]:
        rows(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["fit"]:
        fit(sys.argv[2])
    else:
        sys.exit(__doc__)
