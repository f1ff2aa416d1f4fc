"""Shared by the scripts that size Debian packages: a Depends closure and downloads.

`depends_closure(roots, follow, stop)` walks `apt-cache depends` (Depends lines only) from
`roots`, following a dependency when `follow(name)` says so and never entering `stop`.
`download(pkgs, dest)` fetches each package's .deb into `dest` (one at a time: a name apt
cannot download fails the whole batch) and returns {name: path} for those it got,
reporting the others on stderr.
"""
import os
import subprocess
import sys


def depends_closure(roots, follow, stop=frozenset()):
    seen, todo = set(), list(roots)
    while todo:
        p = todo.pop()
        if p in seen or p in stop:
            continue
        seen.add(p)
        out = subprocess.run(["apt-cache", "depends", "--no-recommends", "--no-suggests",
                              "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", p],
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            line = line.strip()
            if line.startswith(("Depends:", "|Depends:")):
                d = line.split(":", 1)[1].strip().strip("<>")
                if follow(d):
                    todo.append(d)
    return sorted(seen)


def download(pkgs, dest):
    for p in pkgs:
        subprocess.run(["apt-get", "download", "-q", p], cwd=dest, capture_output=True)
    got = {}
    for p in pkgs:
        debs = [f for f in os.listdir(dest) if f.startswith(p + "_")]
        if debs:
            got[p] = os.path.join(dest, debs[0])
        else:
            print(f"  could not download {p}", file=sys.stderr)
    return got
