#!/usr/bin/env python3
"""Measure what a Go starter app leaves in an image, from Debian's packaged Go sources.

proxy.golang.org is not reachable from this machine, but Debian packages Go libraries as
golang-*-dev packages holding each module's source under /usr/share/gocode/src. For each
starter (a small program on one or two popular libraries, below) this script:

* module cache: walks the module graph from the starter's libraries through each module's
  go.mod `require` lines (what `go mod download` fetches: a go >= 1.17 app lists every
  module its build needs in go.mod, an older one pulls the go.mod graph), finds each module
  in the Debian packages' tree, and sizes it as GOMODCACHE holds it: the extracted tree plus
  the deflate zip Go keeps in cache/download. Modules Debian does not package are listed and
  not counted, so this is a lower bound for them; Debian's versions stand in for go.mod's.
* build cache and binary: builds the program in GOPATH mode with Debian's go1.19 (GOCACHE
  empty), once plain (Go < 1.20: the standard library comes precompiled with GOROOT) and
  once with -a (Go >= 1.20 compiles the standard library into the cache), and sizes the
  binary plain, with CGO_ENABLED=0 and with -ldflags="-s -w".

Run: apt-get update && apt-get install golang-go && python3 scripts/measure_go_modules.py
"""
import io
import os
import re
import subprocess
import tempfile
import zipfile

from debian_packages import depends_closure, download

# name: (Debian packages, module paths the program requires, main.go)
STARTERS = {
    "gin web API": (
        ["golang-github-gin-gonic-gin-dev"],
        ["github.com/gin-gonic/gin"],
        'package main\nimport "github.com/gin-gonic/gin"\nfunc main() {\n\tr := gin.Default()\n'
        '\tr.GET("/", func(c *gin.Context) { c.JSON(200, gin.H{"message": "hello"}) })\n\tr.Run(":8080")\n}\n',
    ),
    "echo web API": (
        ["golang-github-labstack-echo-dev"],
        ["github.com/labstack/echo/v4"],
        'package main\nimport "github.com/labstack/echo/v4"\nfunc main() {\n\te := echo.New()\n'
        '\te.GET("/", func(c echo.Context) error { return c.String(200, "hello") })\n\te.Start(":8080")\n}\n',
    ),
    "gorilla/mux + MySQL API": (
        ["golang-github-gorilla-mux-dev", "golang-github-go-sql-driver-mysql-dev"],
        ["github.com/gorilla/mux", "github.com/go-sql-driver/mysql"],
        'package main\nimport (\n\t"database/sql"\n\t"net/http"\n\t"os"\n\t_ "github.com/go-sql-driver/mysql"\n'
        '\t"github.com/gorilla/mux"\n)\nfunc main() {\n\tdb, _ := sql.Open("mysql", os.Getenv("DSN"))\n'
        '\tr := mux.NewRouter()\n\tr.HandleFunc("/", func(w http.ResponseWriter, q *http.Request) {\n'
        '\t\tif err := db.Ping(); err != nil { http.Error(w, err.Error(), 500); return }\n\t\tw.Write([]byte("ok"))\n\t})\n'
        '\thttp.ListenAndServe(":8080", r)\n}\n',
    ),
    "net/http + logrus": (
        ["golang-github-sirupsen-logrus-dev"],
        ["github.com/sirupsen/logrus"],
        'package main\nimport (\n\t"net/http"\n\tlog "github.com/sirupsen/logrus"\n)\nfunc main() {\n'
        '\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { log.Info("hit"); w.Write([]byte("hi")) })\n'
        '\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}\n',
    ),
    "cobra CLI": (
        ["golang-github-spf13-cobra-dev"],
        ["github.com/spf13/cobra"],
        'package main\nimport (\n\t"fmt"\n\t"github.com/spf13/cobra"\n)\nfunc main() {\n'
        '\troot := &cobra.Command{Use: "app", Run: func(cmd *cobra.Command, args []string) { fmt.Println("hello") }}\n'
        '\troot.Execute()\n}\n',
    ),
    "chi + pgx service": (
        ["golang-github-go-chi-chi-dev", "golang-github-jackc-pgx-v4-dev"],
        ["github.com/go-chi/chi", "github.com/jackc/pgx/v4"],
        'package main\nimport (\n\t"context"\n\t"net/http"\n\t"os"\n\t"github.com/go-chi/chi"\n\t"github.com/jackc/pgx/v4"\n)\n'
        'func main() {\n\tr := chi.NewRouter()\n\tr.Get("/", func(w http.ResponseWriter, req *http.Request) {\n'
        '\t\tc, err := pgx.Connect(context.Background(), os.Getenv("DATABASE_URL"))\n'
        '\t\tif err != nil { http.Error(w, err.Error(), 500); return }\n\t\tdefer c.Close(context.Background())\n'
        '\t\tw.Write([]byte("ok"))\n\t})\n\thttp.ListenAndServe(":8080", r)\n}\n',
    ),
    "gRPC service": (
        ["golang-google-grpc-dev"],
        ["google.golang.org/grpc"],
        'package main\nimport (\n\t"net"\n\t"google.golang.org/grpc"\n\t"google.golang.org/grpc/health"\n'
        '\thealthpb "google.golang.org/grpc/health/grpc_health_v1"\n)\nfunc main() {\n\ts := grpc.NewServer()\n'
        '\thealthpb.RegisterHealthServer(s, health.NewServer())\n\tl, _ := net.Listen("tcp", ":50051")\n\ts.Serve(l)\n}\n',
    ),
}

GO = "/usr/lib/go-1.19/bin/go"

# Alternatives apt would not install together: golang-google-grpc-dev Depends on
# "golang-github-golang-protobuf-1-3-dev | …" and on golang-github-golang-protobuf-1-5-dev,
# which Conflicts with 1-3, so apt satisfies both with 1-5.
STOP = {"golang-github-golang-protobuf-1-3-dev"}


def is_module(d):
    # Library packages are golang-*-dev; the toolchain (golang-go, golang-1.19-go, golang-src)
    # never ends in -dev. golang-golang-x-*, golang-google-* and golang-gopkg-* are modules.
    return d.startswith("golang-") and d.endswith("-dev")


def requires(gomod):
    text = open(gomod).read()
    reqs = []
    for block in re.finditer(r"^require \(\n(.*?)^\)", text, re.M | re.S):
        for line in block.group(1).splitlines():
            line = line.strip()
            if line and not line.startswith("//"):
                reqs.append(line.split()[0].strip('"'))
    reqs += [m.group(1).strip('"') for m in re.finditer(r"^require (\S+) \S+", text, re.M)]
    return reqs


def module_dir(src, path):
    """Debian keeps /vN modules either under their import path or without the suffix."""
    for cand in (path, re.sub(r"/v\d+$", "", path)):
        d = os.path.join(src, cand)
        if os.path.isdir(d):
            return d
    return None


def cache_size(d):
    """The extracted module (nested modules left out) plus its deflate zip."""
    tree = 0
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for dp, dn, fn in os.walk(d):
            if dp != d and os.path.exists(os.path.join(dp, "go.mod")):
                dn[:] = []
                continue
            for f in fn:
                p = os.path.join(dp, f)
                if os.path.isfile(p) and not os.path.islink(p):
                    b = open(p, "rb").read()
                    tree += len(b)
                    z.writestr(os.path.relpath(p, d), b)
    return tree + len(buf.getvalue())


def du(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout
    return int(out.split()[0])


def measure(name, packages, modules, program, tmp):
    debs = download(depends_closure(packages, is_module, STOP), tmp)
    root = os.path.join(tmp, "root")
    for deb in debs.values():
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    src = os.path.join(root, "usr/share/gocode/src")

    seen, missing, todo = {}, set(), list(modules)
    while todo:
        m = todo.pop()
        if m in seen or m in missing:
            continue
        d = module_dir(src, m)
        if d is None:
            missing.add(m)
            continue
        seen[m] = d
        if os.path.exists(os.path.join(d, "go.mod")):
            todo += requires(os.path.join(d, "go.mod"))
    cache = sum(cache_size(d) for d in seen.values())

    # GOPATH mode resolves `…/v4` imports by directory: link the suffix where Debian left it off.
    for m in modules:
        if not os.path.isdir(os.path.join(src, m)) and module_dir(src, m):
            os.symlink(module_dir(src, m), os.path.join(src, m))
    app = os.path.join(src, "starter")
    os.makedirs(app, exist_ok=True)
    open(os.path.join(app, "main.go"), "w").write(program)
    env = dict(os.environ, GOPATH=os.path.join(root, "usr/share/gocode"), GO111MODULE="off", GOFLAGS="")
    res = {"modules": len(seen), "module cache": cache}
    for label, extra, cgo, all_ in [
        ("binary", [], "1", False),
        ("binary CGO_ENABLED=0", [], "0", False),
        ("binary -s -w", ["-ldflags=-s -w"], "1", False),
        ("build cache, Go < 1.20", [], "1", False),
        ("build cache, Go >= 1.20 (-a)", [], "1", True),
    ]:
        gocache = tempfile.mkdtemp(dir=tmp)
        out = os.path.join(tmp, "app.bin")
        cmd = [GO, "build"] + (["-a"] if all_ else []) + extra + ["-o", out, "."]
        subprocess.run(cmd, cwd=app, env=dict(env, CGO_ENABLED=cgo, GOCACHE=gocache), check=True)
        res[label] = du(gocache) if label.startswith("build cache") else os.path.getsize(out)
    print(f"{name}: {len(seen)} modules; not packaged by Debian (not counted): {sorted(missing) or 'none'}")
    return res


def main():
    rows = {}
    for name, (packages, modules, program) in STARTERS.items():
        with tempfile.TemporaryDirectory() as tmp:
            rows[name] = measure(name, packages, modules, program, tmp)
    cols = list(next(iter(rows.values())).keys())
    print("\n| starter | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for name, r in rows.items():
        print(f"| {name} | " + " | ".join(f"{r[c]:,}" for c in cols) + " |")
    return rows


if __name__ == "__main__":
    main()
