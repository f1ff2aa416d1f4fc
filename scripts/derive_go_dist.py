#!/usr/bin/env python3
"""Derives the unpacked size of Go's official linux-amd64 release (the /usr/local/go that
`curl https://go.dev/dl/goX.linux-amd64.tar.gz | tar -C /usr/local -xz` leaves) from the
base-image table, since go.dev is not reachable from here.

The golang:X-alpine3.Y images are alpine:3.Y + `apk add ca-certificates` + /usr/local/go
(+ empty /go directories). Recent ones unpack the official linux-amd64 tarball; older ones
build Go from source and then delete "a few intermediate / bootstrapping files the official
binary release tarballs do not contain" (docker-library/golang's Dockerfiles), so their
/usr/local/go is the release's tree as well. Hence:

    Go release tree = golang:X-alpine3.Y − alpine:3.Y − ca-certificates (apk, Alpine 3.Y)

Each side is a sourced row of data/base-images.tsv (repo-info) or data/apk; the alpine
build nearest in date to the golang build is used.

Output: data/go/dist.tsv.  Run: python3 scripts/derive_go_dist.py
"""

import csv
import os
import re

ROOT = os.path.join(os.path.dirname(__file__), "..")


def rows(path):
    with open(os.path.join(ROOT, path)) as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def days(d):
    y, m, dd = (int(x) for x in (d + "-01-01")[:10].split("-"))
    return y * 372 + m * 31 + dd


def main():
    base = rows("data/base-images.tsv")
    apk = rows("data/apk/alpine-installed-sizes.tsv")
    alpine = {}
    for r in base:
        m = re.fullmatch(r"3\.(\d+)(\.\d+)?", r["tag"])
        if r["image"] == "alpine" and m and r["uncompressed_bytes"]:
            alpine.setdefault(f"3.{m.group(1)}", []).append(r)
    certs = {}
    for r in apk:
        if r["name"] == "ca-certificates":
            certs.setdefault(r["alpine"], []).append(int(r["installed_bytes"]))
    out = {}
    for r in base:
        m = re.fullmatch(r"golang:(\d+\.\d+\.\d+)-alpine(3\.\d+)", r["resolved"])
        if r["image"] != "golang" or not m or not r["uncompressed_bytes"]:
            continue
        go, rel = m.groups()
        if rel not in alpine:
            continue
        a = min(alpine[rel], key=lambda x: abs(days(x["date"]) - days(r["date"])))
        near = min(certs, key=lambda k: abs(int(k.split(".")[1]) - int(rel.split(".")[1])))
        ca = sorted(certs[near])[len(certs[near]) // 2]
        tree = int(r["uncompressed_bytes"]) - int(a["uncompressed_bytes"]) - ca
        mb = lambda b: f"{int(b) / 1e6:.2f} MB"
        basis = (
            f"golang:{go}-alpine{rel} {mb(r['uncompressed_bytes'])} ({r['source']}) "
            f"− alpine:{a['tag']} {mb(a['uncompressed_bytes'])} ({a['source']}) "
            f"− ca-certificates {mb(ca)} (apk, Alpine {near})"
        )
        out[go] = (tree, r["date"], basis)
    key = lambda v: tuple(int(x) for x in v.split("."))
    os.makedirs(os.path.join(ROOT, "data", "go"), exist_ok=True)
    with open(os.path.join(ROOT, "data", "go", "dist.tsv"), "w") as f:
        f.write(
            "# Go's official linux-amd64 release tree (/usr/local/go), derived from the golang alpine\n"
            "# images by scripts/derive_go_dist.py; do not edit. Bytes.\n"
        )
        f.write("version\tbytes\tdate\tbasis\n")
        for go in sorted(out, key=key):
            tree, date, basis = out[go]
            f.write(f"{go}\t{tree}\t{date}\t{basis}\n")


if __name__ == "__main__":
    main()
