#!/usr/bin/env python3
"""Link each row of data/npm/packages.tsv to the optionalDependencies npm installed for it.

Packages that ship native code (esbuild, rollup, next, sharp, lightningcss, typescript 7…)
put their binaries in per-platform packages listed as optionalDependencies; npm installs
the ones for this platform (linux-x64) and build_npm_table.py sized them as rows of their
own, but linked only `dependencies`. This script asks the registry for each row's manifest
(name@version) and adds to its depends column the optional dependencies that are rows of
the table, i.e. that npm installed here. build_npm_table.py now links them itself; this
brings the committed table up to that without re-resolving every version.
Run: python3 scripts/npm_optional_links.py   (from the repository root; needs the npm registry)
"""
import concurrent.futures
import json
import os
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_apt_table import b36  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "data", "npm", "packages.tsv")


def optional(name, version):
    url = f"https://registry.npmjs.org/{urllib.parse.quote(name, safe='@')}/{version}"
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return list((json.load(r).get("optionalDependencies") or {}).keys())
    except Exception:  # a row the registry no longer serves keeps its links
        return None


def main():
    lines = open(TABLE, encoding="utf-8").read().splitlines()
    head, rows = lines[:2], [l.split("\t") for l in lines[2:]]
    index = {r[0]: i for i, r in enumerate(rows)}
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        opts = list(pool.map(lambda r: optional(r[0], r[1]), rows))
    added = failed = 0
    for r, o in zip(rows, opts):
        if o is None:
            failed += 1
            continue
        have = [d for d in r[3].split(",") if d] if len(r) > 3 else []
        for d in o:
            if d in index and b36(index[d]) not in have:
                have.append(b36(index[d]))
                added += 1
        while len(r) < 4:
            r.append("")
        r[3] = ",".join(have)
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write("\n".join(head + ["\t".join(r) for r in rows]) + "\n")
    print(f"added {added} optional-dependency links; {failed} manifests not fetched")


if __name__ == "__main__":
    main()
