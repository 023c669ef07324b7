#!/usr/bin/env python3
"""Scores phi-lint against the blind labeled corpus in this folder.

    bench/labeled/score.py [--bin PATH] [--per-app] [--misses] [--fps] [-- SCAN ARGS...]

Labels are trailing comments written by helpers who had not read the rules, fixtures or tests
(LABEL_FORMAT.md): `LEAK(<family>)` on a line a reviewer would flag, `SAFE(<family>)` on a
look-alike; JSON files list theirs in `<app>/LABELS.txt`. The corpus is never edited to fit the
scanner.

A finding counts for the family of its rule (FAMILY below). It is a true positive when a LEAK
label of that family sits within two lines of its start in the same file (each label is matched
once); a finding that matches no LEAK label of its family is a false positive (whether it sits on
a SAFE label or on an unlabeled line). Recall is matched LEAK labels / all LEAK labels.
The scan runs twice: the whole corpus as one tree, then app by app (the default output a user
gets, no flags beyond SCAN ARGS).
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
LABEL = re.compile(r"\b(LEAK|SAFE)\((logging|storage|transmission|audit|session|exposure|crypto|hardcoded)\)")
LABELS_TXT = re.compile(r"^(\S+?):(\d+)\s+(LEAK|SAFE)\((\w+)\)")
FAMILIES = ["logging", "storage", "transmission", "exposure", "session", "crypto", "audit", "hardcoded"]
CORE = {"logging", "storage", "transmission", "exposure", "session", "crypto"}
SOURCE_EXT = (".py", ".pyi", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".rs",
              ".json", ".json5", ".yaml", ".yml", ".toml", ".env", ".xml", ".cfg", ".ini")


def family(code, category):
    if code == "PHI402":  # PHI written into an audit record: a log of its own
        return "logging"
    return {
        "phi-logging": "logging",
        "unencrypted-storage": "storage",
        "unencrypted-transmission": "transmission",
        "missing-audit": "audit",
        "session-timeout": "session",
        "weak-crypto": "crypto",
        "phi-exposure": "exposure",
        "hardcoded-phi": "hardcoded",
    }[category]


def apps():
    return sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)) and not d.startswith("."))


def read_labels(app):
    labels = []  # (app, relpath, line, kind, family)
    root = os.path.join(HERE, app)
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("node_modules", ".git", "target")]
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name == "LABELS.txt":
                for line in open(path, encoding="utf-8"):
                    m = LABELS_TXT.match(line.strip())
                    if m:
                        labels.append((app, m.group(1), int(m.group(2)), m.group(3), m.group(4)))
                continue
            if not (name.endswith(SOURCE_EXT) or name.startswith(".env")):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for i, text in enumerate(f, 1):
                    for m in LABEL.finditer(text):
                        labels.append((app, rel, i, m.group(1), m.group(2)))
    return labels


def scan(binary, target, extra):
    cmd = [binary, "scan", ".", "--format", "json", *extra]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=target)
    if out.returncode not in (0, 1):
        sys.exit(f"scan of {target} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout)["findings"]


def findings_whole(binary, extra):
    out = []
    for f in scan(binary, HERE, extra):
        app, _, rel = f["path"].partition("/")
        out.append((app, rel, f))
    return out


def findings_per_app(binary, extra):
    out = []
    for app in apps():
        for f in scan(binary, os.path.join(HERE, app), extra):
            out.append((app, f["path"], f))
    return out


def score(labels, findings):
    leaks = [l for l in labels if l[3] == "LEAK"]
    safes = {(l[0], l[1], l[4]): [] for l in labels if l[3] == "SAFE"}
    for l in labels:
        if l[3] == "SAFE":
            safes[(l[0], l[1], l[4])].append(l[2])
    matched = set()
    tp = collections.Counter()
    fp = collections.Counter()
    on_safe = collections.Counter()
    fps = []
    for app, rel, f in sorted(findings, key=lambda x: (x[0], x[1], x[2]["start"]["line"])):
        fam = family(f["code"], f["category"])
        line = f["start"]["line"]
        hit = None
        for i, l in enumerate(leaks):
            if i in matched or l[0] != app or l[1] != rel or l[4] != fam:
                continue
            if abs(l[2] - line) <= 2:
                hit = i
                break
        if hit is not None:
            matched.add(hit)
            tp[fam] += 1
            continue
        # Another finding of the same family already took this label: a duplicate, not an FP.
        if any(l[0] == app and l[1] == rel and l[4] == fam and abs(l[2] - line) <= 2 for l in leaks):
            continue
        fp[fam] += 1
        if any(abs(s - line) <= 2 for s in safes.get((app, rel, fam), [])):
            on_safe[fam] += 1
        fps.append((app, rel, line, f["code"], f["message"]))
    total = collections.Counter(l[4] for l in leaks)
    missed = [l for i, l in enumerate(leaks) if i not in matched]
    return tp, fp, on_safe, total, missed, fps


def table(title, tp, fp, on_safe, total):
    print(title)
    print(f"  {'family':13} {'labels':>6} {'found':>6} {'FP':>4} {'(on SAFE)':>9} {'recall':>7} {'precision':>9} {'F1':>5}")

    def line(name, t, f, s, n):
        r = t / n if n else 0.0
        p = t / (t + f) if t + f else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:13} {n:>6} {t:>6} {f:>4} {s:>9} {r:>7.2f} {p:>9.2f} {f1:>5.2f}")

    for fam in FAMILIES:
        line(fam, tp[fam], fp[fam], on_safe[fam], total[fam])
    core = lambda c: sum(c[x] for x in CORE)
    line("core", core(tp), core(fp), core(on_safe), core(total))
    line("all", sum(tp.values()), sum(fp.values()), sum(on_safe.values()), sum(total.values()))


def main():
    global HERE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(TOP, "target", "release", "phi-lint"), type=os.path.abspath)
    ap.add_argument("--corpus", default=HERE, type=os.path.abspath,
                    help="corpus folder (default: this one, the held-out corpus; bench/labeled-tune is the tuning one)")
    ap.add_argument("--misses", action="store_true", help="list LEAK labels no finding matched")
    ap.add_argument("--fps", action="store_true", help="list findings that matched no LEAK label")
    ap.add_argument("scan_args", nargs="*")
    args = ap.parse_args()
    HERE = args.corpus
    labels = [l for app in apps() for l in read_labels(app)]
    print(f"{len(apps())} apps, {sum(1 for l in labels if l[3] == 'LEAK')} LEAK and "
          f"{sum(1 for l in labels if l[3] == 'SAFE')} SAFE labels; core = {', '.join(sorted(CORE))}")
    for title, found in (("whole tree", findings_whole(args.bin, args.scan_args)),
                         ("app by app", findings_per_app(args.bin, args.scan_args))):
        tp, fp, on_safe, total, missed, fps = score(labels, found)
        table(title, tp, fp, on_safe, total)
        if args.misses:
            for l in missed:
                print(f"    miss {l[4]:12} {l[0]}/{l[1]}:{l[2]}")
        if args.fps:
            for app, rel, line, code, msg in fps:
                print(f"    fp   {code} {app}/{rel}:{line} {msg}")


if __name__ == "__main__":
    main()
