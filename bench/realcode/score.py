#!/usr/bin/env python3
"""Real-code precision benchmark: scan pinned public health repositories, join the findings with
the hand verdicts in verdicts.tsv, and print per-rule and overall precision on the judged findings
plus how many findings are not judged yet.

    bench/realcode/score.py [--split check|tune|all] [--root DIR] [--bin PATH] [-- SCAN ARGS...]
    bench/realcode/score.py --sample 40 --seed 7 --split tune > to_judge.tsv

Checkouts live outside the repository, one directory per repo named `<owner>+<name>` under
--root (default /work/realcode, or $PHI_LINT_REALCODE); see README.md for how to make them.
A finding is matched to a verdict by (repo, rule, fingerprint), or by (repo, path, line, rule)
when the fingerprint changed; a verdict whose message differs from the finding's is stale (the
rule now claims something else there) and the finding counts as not judged.
"""

import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
VERDICTS = os.path.join(HERE, "verdicts.tsv")
FIELDS = ["repo", "path", "line", "rule", "fingerprint", "verdict", "reason", "message"]


def load_repos():
    with open(os.path.join(HERE, "repos.toml"), "rb") as f:
        return tomllib.load(f)["repo"]


def load_verdicts():
    rows = []
    if os.path.exists(VERDICTS):
        with open(VERDICTS, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row.get("verdict") in ("TP", "FP", "DEB"):
                    rows.append(row)
    # Two findings can share a fingerprint (the same code in two files): every row is kept.
    by_fp = collections.defaultdict(list)
    for r in rows:
        by_fp[(r["repo"], r["rule"], r["fingerprint"])].append(r)
    by_loc = {(r["repo"], r["path"], r["line"], r["rule"]): r for r in rows}
    return by_fp, by_loc


def scan(binary, checkout, extra):
    cmd = [binary, "scan", ".", "--format", "json", "--isolated", *extra]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=checkout)
    if out.returncode not in (0, 1):
        sys.exit(f"scan of {checkout} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout)["findings"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="check", choices=["check", "tune", "all"])
    ap.add_argument("--root", default=os.environ.get("PHI_LINT_REALCODE", "/work/realcode"))
    ap.add_argument("--bin", default=os.path.join(TOP, "target", "release", "phi-lint"), type=os.path.abspath)
    ap.add_argument("--sample", type=int, help="print N unjudged findings (TSV to fill in) instead of scores")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--list", action="store_true", help="print every finding with its verdict")
    ap.add_argument("scan_args", nargs="*", help="extra `phi-lint scan` arguments (after --)")
    args = ap.parse_args()

    by_fp, by_loc = load_verdicts()
    findings = []
    missing = []
    for repo in load_repos():
        if args.split != "all" and repo["split"] != args.split:
            continue
        checkout = os.path.join(args.root, repo["name"].replace("/", "+"))
        if not os.path.isdir(checkout):
            missing.append(repo["name"])
            continue
        for f in scan(args.bin, checkout, args.scan_args):
            key = (repo["name"], f["code"], f["fingerprint"])
            loc = (repo["name"], f["path"], str(f["start"]["line"]), f["code"])
            # The verdict for this finding: same fingerprint (the one at the same path first) or
            # same place, and the same message (a changed message is a stale verdict).
            same = sorted(by_fp.get(key, []), key=lambda r: r["path"] != f["path"])
            candidates = same + ([by_loc[loc]] if loc in by_loc else [])
            v = next((c for c in candidates if c.get("message") == f["message"]), None)
            findings.append((repo["name"], f, v))
    if missing:
        print(f"not checked out under {args.root}: {', '.join(missing)}", file=sys.stderr)

    if args.sample is not None:
        pool = [(r, f) for r, f, v in findings if v is None]
        pool.sort(key=lambda x: (x[0], x[1]["path"], x[1]["start"]["line"], x[1]["code"]))
        random.Random(args.seed).shuffle(pool)
        w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        w.writerow(FIELDS)
        for r, f in pool[: args.sample]:
            w.writerow([r, f["path"], f["start"]["line"], f["code"], f["fingerprint"], "", "", f["message"]])
        return

    if args.list:
        for r, f, v in findings:
            verdict = v["verdict"] if v else "-"
            print(f"{verdict:4} {f['code']} {r} {f['path']}:{f['start']['line']} {f['message']}")
        print()

    stats = collections.defaultdict(collections.Counter)
    for r, f, v in findings:
        s = stats[f["code"]]
        s["findings"] += 1
        if v:
            s[v["verdict"]] += 1
    total = collections.Counter()
    print(f"split: {args.split}   {len(findings)} findings")
    print(f"{'rule':8} {'findings':>8} {'judged':>6} {'TP':>4} {'DEB':>4} {'FP':>4} {'strict':>7} {'lenient':>7}")

    def row(name, s):
        judged = s["TP"] + s["FP"] + s["DEB"]
        strict = f"{s['TP'] / judged:.2f}" if judged else "-"
        lenient = f"{(s['TP'] + s['DEB']) / judged:.2f}" if judged else "-"
        print(f"{name:8} {s['findings']:>8} {judged:>6} {s['TP']:>4} {s['DEB']:>4} {s['FP']:>4} {strict:>7} {lenient:>7}")

    for code in sorted(stats):
        row(code, stats[code])
        total.update(stats[code])
    row("all", total)
    unjudged = total["findings"] - (total["TP"] + total["FP"] + total["DEB"])
    print(f"not judged yet: {unjudged}")


if __name__ == "__main__":
    main()
