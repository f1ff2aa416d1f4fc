#!/usr/bin/env python3
"""What each layer of a built image is made of, in the classes the apt model prices
separately: package files, .pyc written on install, dpkg's status file and its -old copy,
debconf's caches, dpkg's per-package records (info/), logs, the linker cache, the rest.
Sizes are counted as the oracle counts them (regular files' sizes, symlinks' target
lengths, hardlinks and whiteouts 0).
   python3 bench/oracle/anatomy.py IMAGE_DIR      (a `buildah push ... dir:IMAGE_DIR`)"""
import json
import sys
import tarfile


def kind(n):
    if n.startswith("var/lib/dpkg/status"):
        return "status"
    if n.startswith("var/cache/debconf/"):
        return "debconf"
    if n.startswith("var/lib/dpkg/"):
        return "dpkg-info"
    if n.startswith(("var/log/", "var/lib/apt/extended_states")):
        return "logs"
    if n.startswith(("etc/ld.so.cache", "var/cache/ldconfig/")):
        return "ldcache"
    if "__pycache__/" in n or n.endswith(".pyc"):
        return "pyc"
    if n.startswith("var/lib/apt/lists/"):
        return "lists"
    return "files"


d = sys.argv[1]
m = json.load(open(d + "/manifest.json"))
for i, l in enumerate(m["layers"]):
    f = d + "/" + l["digest"].split(":")[1]
    acc = {}
    with tarfile.open(f) as t:
        for x in t:
            s = x.size if x.isfile() else (len(x.linkname.encode("utf-8", "surrogateescape")) if x.issym() else 0)
            k = kind(x.name)
            acc[k] = acc.get(k, 0) + s
            if k == "status" and x.name.endswith("status") and x.isfile():
                # Package count of the status file after this layer.
                data = t.extractfile(x).read().decode("utf-8", "replace")
                acc["status-packages"] = data.count("\nPackage: ") + data.startswith("Package: ")
                acc["status-bytes"] = len(data.encode())
    print(i, sum(v for k, v in acc.items() if not k.startswith("status-")), json.dumps(acc, sort_keys=True))
