#!/usr/bin/env python3
"""Extracts the pinned repositories of repos.toml into <root>/<owner>+<name> from local git
object stores, tolerating blobs a partial snapshot lacks (they are skipped and counted;
symbolic links are not extracted).

    bench/realcode/extract.py --mirror DIR [--root /work/realcode] [owner+name ...]

DIR holds one git directory per repository, `DIR/<owner>+<name>/repo` (a bare repository or a
work tree with `.git`), for example the snapshots `git clone --mirror` makes. `git archive`
fails on a missing blob; this reads the tree with `git ls-tree -r -z` and the blobs through one
`git cat-file --batch`.
"""
import argparse
import os
import shutil
import subprocess
import tomllib

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--mirror", required=True)
ap.add_argument("--root", default=os.environ.get("PHI_LINT_REALCODE", "/work/realcode"))
ap.add_argument("only", nargs="*")
args = ap.parse_args()
repos = tomllib.load(open(os.path.join(here, "repos.toml"), "rb"))["repo"]
for r in repos:
    n = r["name"].replace("/", "+")
    if args.only and n not in args.only:
        continue
    g = os.path.join(args.mirror, n, "repo")
    if os.path.isdir(os.path.join(g, ".git")):
        g = os.path.join(g, ".git")
    dst = os.path.join(args.root, n)
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    out = subprocess.run(
        ["git", "--git-dir", g, "ls-tree", "-r", "-z", r["commit"]], capture_output=True, check=True
    ).stdout
    entries = []
    for e in out.split(b"\0"):
        if not e:
            continue
        meta, path = e.split(b"\t", 1)
        mode, typ, sha = meta.split()
        if typ != b"blob" or mode == b"120000":
            continue
        entries.append((sha.decode(), path.decode("utf-8", "surrogateescape")))
    p = subprocess.Popen(
        ["git", "--git-dir", g, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    missing = 0
    for sha, path in entries:
        p.stdin.write((sha + "\n").encode())
        p.stdin.flush()
        header = p.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            missing += 1
            continue
        data = p.stdout.read(int(header[2]))
        p.stdout.read(1)
        target = os.path.join(dst, path)
        # Paths come from the repository: never write outside its directory.
        if not os.path.realpath(target).startswith(os.path.realpath(dst) + os.sep):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
    p.stdin.close()
    p.wait()
    print(n, len(entries), "files,", missing, "missing")
