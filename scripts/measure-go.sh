#!/bin/sh
# Measures Go binary and cache sizes with Debian bookworm's Go (go1.19.8), offline (no modules).
set -e
W=$(mktemp -d); cd $W
export GOCACHE=$W/cache GOPATH=$W/gopath GOFLAGS=-mod=mod GOPROXY=off
mkdir hello http
printf 'module hello\ngo 1.19\n' > hello/go.mod
printf 'package main\nimport "fmt"\nfunc main(){ fmt.Println("hello") }\n' > hello/main.go
printf 'module web\ngo 1.19\n' > http/go.mod
printf 'package main\nimport ("fmt";"net/http")\nfunc main(){ http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request){ fmt.Fprintln(w,"hi") }); http.ListenAndServe(":8080", nil) }\n' > http/main.go
for p in hello http; do
  (cd $p && go build -o ../$p.bin . && CGO_ENABLED=0 go build -o ../$p.static . && go build -ldflags="-s -w" -o ../$p.stripped .)
done
ls -l *.bin *.static *.stripped | awk '{print $5, $9}'
du -sb cache | awk '{print "GOCACHE after building both (3 variants each):", $1}'
rm -rf cache; (cd http && go build -o ../x .); du -sb cache | awk '{print "GOCACHE after one net/http build:", $1}'
rm -rf cache; (cd hello && go build -o ../x .); du -sb cache | awk '{print "GOCACHE after one hello build:", $1}'
rm -rf cache; (cd http && go build -a -o ../x .); du -sb cache | awk '{print "GOCACHE after go build -a of net/http (std compiled into the cache, as Go >= 1.20 does):", $1}'
rm -rf cache; (cd hello && go build -a -o ../x .); du -sb cache | awk '{print "GOCACHE after go build -a of hello:", $1}'
du -sb /usr/lib/go-1.19/pkg/linux_amd64 | awk '{print "precompiled std in GOROOT/pkg/linux_amd64:", $1}'
