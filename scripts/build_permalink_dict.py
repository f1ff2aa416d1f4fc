#!/usr/bin/env python3
"""Build data/permalink-dict-v1.txt: the preset deflate dictionary of permalink format v1.

The dictionary is the hand-written common Dockerfile text of data/permalink-dict-seed.txt
(typical FROM lines and build steps of each ecosystem), plus the lines that recur across
*owners* of the corpus: a line counts once per GitHub owner, and only lines found under at
least 2 of the 8 owners are kept, so one project's templates (docker-library's generated
files) cannot dominate it.
Most valuable lines go last (deflate reaches them with the shortest distances).

Changing the dictionary changes the format: it is frozen as v1. A new one needs v2.

Run: python3 scripts/build_permalink_dict.py   (from the repository root)
"""
import os
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "fixtures", "corpus", "files")
OUT = os.path.join(ROOT, "data", "permalink-dict-v1.txt")
LIMIT = 16 * 1024


def main():
    repos = {}
    for dirpath, _, names in os.walk(CORPUS):
        for n in names:
            p = os.path.join(dirpath, n)
            rel = os.path.relpath(p, CORPUS)
            repo = rel.split(os.sep)[0].split("+")[0]  # the owner
            try:
                text = open(p, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            lines = set()
            for line in text.splitlines():
                s = line.strip()
                if 6 <= len(s) <= 120:
                    lines.add(s)
            repos.setdefault(repo, set()).update(lines)
    per_file = Counter()
    for lines in repos.values():
        per_file.update(lines)
    # Value of a line: files it appears in times the bytes it saves.
    scored = [(c * len(s), s) for s, c in per_file.items() if c >= 2]  # c = owners
    scored.sort(reverse=True)
    chosen, size = [], 0
    for _, s in scored:
        if size + len(s) + 1 > LIMIT:
            continue
        chosen.append(s)
        size += len(s) + 1
    seed = [l.strip() for l in open(os.path.join(ROOT, "data", "permalink-dict-seed.txt"), encoding="utf-8") if l.strip()]
    chosen = [l for l in chosen if l not in seed]
    chosen.reverse()  # most valuable last
    chosen += seed  # the generic vocabulary nearest the text
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(chosen) + "\n")
    print(f"wrote {size} bytes, {len(chosen)} lines to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
