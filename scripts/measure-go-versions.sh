#!/bin/bash
# Measures a Go hello world (fmt.Println) built by several Go releases: the binary's size
# depends on the toolchain (runtime and fmt grow and shrink between releases), and a
# hello world is the commonest Go example there is. Debian's packaged Go toolchains
# (golang-1.N-go + golang-1.N-src) are downloaded from deb.debian.org (bullseye, bookworm,
# bookworm-backports, trixie, sid), unpacked into a temporary GOROOT and run offline.
#
# Output: one line per release: go version, default build, CGO_ENABLED=0 build,
# -ldflags="-s -w" build (bytes). Results are in data/MEASURED.md.
#
# Run: bash scripts/measure-go-versions.sh   (needs network access to deb.debian.org)
set -euo pipefail
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
for suite in bullseye bookworm bookworm-backports trixie sid; do
  curl -fsS "http://deb.debian.org/debian/dists/$suite/main/binary-amd64/Packages.xz" | xz -dc >> Packages
done
# Newest version of each golang-1.N-go / golang-1.N-src and its file name.
python3 - <<'PY' > debs.txt
import re
best = {}
for block in open("Packages", encoding="utf-8", errors="replace").read().split("\n\n"):
    f = dict(re.findall(r"^([A-Za-z-]+): (.*)$", block, re.M))
    m = re.fullmatch(r"golang-(1\.\d+)-(go|src)", f.get("Package", ""))
    if m and f.get("Architecture") in ("amd64", "all"):
        best[(m.group(1), m.group(2))] = f["Filename"]
for (v, kind), fn in sorted(best.items()):
    print(v, kind, fn)
PY
mkdir -p hello
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' > hello/hello.go
for v in $(awk '{print $1}' debs.txt | sort -uV); do
  grep -q "^$v src" debs.txt && grep -q "^$v go" debs.txt || continue
  root="$W/root-$v"; mkdir -p "$root"
  for kind in go src; do
    fn=$(awk -v v="$v" -v k="$kind" '$1==v && $2==k {print $3}' debs.txt)
    curl -fsS -o pkg.deb "http://deb.debian.org/debian/$fn"
    dpkg-deb -x pkg.deb "$root"; rm pkg.deb
  done
  goroot="$root/usr/lib/go-$v"
  export GOROOT="$goroot" GOCACHE="$W/cache-$v" GOPATH="$W/gopath" GOPROXY=off GOTOOLCHAIN=local GO111MODULE=off GOFLAGS=
  go="$goroot/bin/go"
  (cd hello
   "$go" build -o "$W/d" hello.go
   CGO_ENABLED=0 "$go" build -o "$W/s" hello.go
   "$go" build -ldflags="-s -w" -o "$W/x" hello.go)
  echo "$("$go" version | awk '{print $3}') $(stat -c %s "$W/d") $(stat -c %s "$W/s") $(stat -c %s "$W/x")"
  rm -rf "$root" "$W/cache-$v"
done
