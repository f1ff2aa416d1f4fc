#!/usr/bin/env python3
"""Measure a Go module cache for three starter apps from Debian's packaged Go sources.

proxy.golang.org is not reachable from this machine, but Debian packages Go libraries as
golang-*-dev packages holding each module's source under /usr/share/gocode/src. For each
starter (a gin web API, a cobra CLI, a chi + pgx service) this script takes the dependency
closure of its -dev packages (Depends only: the import graph Debian builds with), downloads
them, and sizes what `go mod download` would leave in GOMODCACHE for those modules: the
extracted tree (pkg/mod/<module>@<version>) plus the module zip kept in
pkg/mod/cache/download (deflate, as Go writes it). `go mod download` fetches the whole module
graph of go.sum, test-only dependencies too, so this is a lower bound; the engine's range says so.

Run: apt-get update && python3 scripts/measure_go_modules.py
"""
import io
import subprocess
import tarfile
import tempfile
import zipfile

from debian_packages import depends_closure, download

STARTERS = {
    "gin web API": ["golang-github-gin-gonic-gin-dev"],
    "cobra CLI": ["golang-github-spf13-cobra-dev"],
    "chi + pgx service": ["golang-github-go-chi-chi-dev", "golang-github-jackc-pgx-v4-dev"],
}


def is_module(d):
    return d.startswith("golang-") and d.endswith("-dev") and not d.startswith("golang-go")


def closure(roots):
    return depends_closure(roots, is_module)


def measure(deb):
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], capture_output=True, check=True).stdout
    tree = 0
    buf = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data)) as t, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for m in t:
            if m.isreg() and "/gocode/src/" in m.name:
                b = t.extractfile(m).read()
                tree += len(b)
                z.writestr(m.name, b)
    return tree, len(buf.getvalue())


def main():
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, roots in STARTERS.items():
            debs = download(closure(roots), tmp)
            tree = zipped = 0
            for deb in debs.values():
                t, z = measure(deb)
                tree += t
                zipped += z
            n = len(debs)
            res[name] = (n, tree, zipped)
            print(f"{name}: {n} modules, extracted {tree:,} B, zips {zipped:,} B, cache {tree + zipped:,} B")
    return res


if __name__ == "__main__":
    main()
