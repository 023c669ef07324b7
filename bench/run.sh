#!/usr/bin/env bash
# phi-lint benchmark. Usage:
#   bench/run.sh [--mb 100] [--semgrep] [EXTRA_REPO_DIR...]
# Prepares a deterministic generated corpus (bench/corpus, 4 shards), builds release, and for
# the 25/50/100% points and any extra repositories reports files (scanned, and parsed: the rest
# were ruled out by the byte prefilter), MB, wall time, MB/s, peak RSS
# (/usr/bin/time -v) and findings, for the full scan, for the parse-only baseline (same walker,
# same grammars, parse and drop) and for the query-only baseline (parse, run every rule's
# tree-sitter queries, drop the matches: the floor of a query-based scan). With --semgrep it
# also times Semgrep (installed from PyPI into bench/.venv, run offline with --metrics=off and
# bench/semgrep-rules.yml) on the first shard.
# Finally it measures the pre-commit path: five small staged files, whole process, median of 20.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=100
SEMGREP=0
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --semgrep) SEMGREP=1; shift ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done
CORPUS=bench/corpus/gen-$MB
OUT=bench/results
mkdir -p "$OUT"
if [ ! -d "$CORPUS" ]; then
  python3 bench/gen_corpus.py "$CORPUS" --mb "$MB" --shards 4
fi
cargo build --release --locked -q
BIN=target/release/phi-lint
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "phi-lint $($BIN --version | cut -d' ' -f2), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-26s %-11s %7s %7s %8s %8s %8s %8s %9s %9s\n' corpus mode files parsed MB wall_s cpu_s MB/s rss_MB findings

measure() { # label mode paths...
  local label="$1" mode="$2"; shift 2
  local extra=()
  [ "$mode" = parse-only ] && extra=(--parse-only)
  [ "$mode" = query-only ] && extra=(--query-only)
  local json="$OUT/run.json" tv="$OUT/time.txt"
  /usr/bin/time -v "$BIN" scan "$@" --isolated --format json -o "$json" "${extra[@]}" 2>"$tv" || true
  python3 - "$label" "$mode" "$json" "$tv" <<'PY'
import json, re, sys
label, mode, jpath, tpath = sys.argv[1:]
doc = json.load(open(jpath))
t = open(tpath).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", t).group(1)
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
s = doc["summary"]
mb = s["bytes_scanned"] / 1e6
print(f"{label:<26} {mode:<11} {s['files_scanned']:>7} {s.get('files_parsed', 0):>7} {mb:>8.1f} {secs:>8.2f} {cpu:>8.2f} {mb / max(secs, 1e-9):>8.1f} {rss:>8.1f} {s['findings']:>9}")
with open(jpath + ".rows", "a") as rows:
    rows.write(f"{label}\t{mode}\t{secs}\t{cpu}\n")
PY
}

rm -f "$OUT/run.json.rows"
S="$CORPUS/shard"
for point in 25 50 100; do
  case $point in
    25) paths=("${S}0") ;;
    50) paths=("${S}0" "${S}1") ;;
    100) paths=("${S}0" "${S}1" "${S}2" "${S}3") ;;
  esac
  label="generated ${point}% of ${MB}MB"
  measure "$label" full "${paths[@]}"
  measure "$label" parse-only "${paths[@]}"
  measure "$label" query-only "${paths[@]}"
done
for repo in "${EXTRA[@]}"; do
  measure "$(basename "$repo")" full "$repo"
  measure "$(basename "$repo")" parse-only "$repo"
  measure "$(basename "$repo")" query-only "$repo"
done

if [ "$SEMGREP" = 1 ]; then
  if [ ! -x bench/.venv/bin/semgrep ]; then
    python3 -m venv bench/.venv && bench/.venv/bin/pip install -q semgrep
  fi
  # --no-git-ignore: the generated corpus is gitignored in this repository, and Semgrep skips
  # gitignored files (it would scan nothing). Semgrep's rules approximate phi-lint's
  # phi-logging and transmission families, so phi-lint runs those (PHI1, PHI3) for the
  # like-for-like ratio, and then every rule.
  /usr/bin/time -o "$OUT/sg.time" -f "%e %U %S" bench/.venv/bin/semgrep scan --metrics=off \
    --disable-version-check --no-git-ignore --config bench/semgrep-rules.yml \
    --jobs "$(nproc)" --quiet --json -o "$OUT/semgrep.json" "${S}0" || true
  /usr/bin/time -o "$OUT/pl1.time" -f "%e %U %S" "$BIN" scan "${S}0" --isolated --select PHI1,PHI3 \
    --format json -o "$OUT/p1.json" || true
  /usr/bin/time -o "$OUT/pl.time" -f "%e %U %S" "$BIN" scan "${S}0" --isolated \
    --format json -o "$OUT/p.json" || true
  python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
def t(name):
    wall, user, sys_ = open(f"{out}/{name}").read().split()[-3:]
    return float(wall), float(user) + float(sys_)
sg = json.load(open(f"{out}/semgrep.json"))
print(f"semgrep on shard0: {len(sg['paths']['scanned'])} files, {len(sg['results'])} results, {len(sg.get('errors', []))} errors")
sw, sc = t("sg.time")
for label, name in [("phi-lint --select PHI1,PHI3 (like for like)", "pl1.time"), ("phi-lint, every rule", "pl.time")]:
    pw, pc = t(name)
    print(f"{label}: {pw:.2f} s wall, {pc:.2f} CPU-s; semgrep {sw:.2f} s, {sc:.2f} CPU-s; semgrep/phi-lint {sw / pw:.1f}x wall, {sc / pc:.1f}x CPU")
PY
fi

# The headline: full-scan throughput as a fraction of parse-only throughput (wall and CPU).
python3 - "$OUT/run.json.rows" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
by = {}
for label, mode, wall, cpu in rows:
    by.setdefault(label, {})[mode] = (float(wall), float(cpu))
for label, m in by.items():
    if "full" in m and "parse-only" in m:
        (fw, fc), (pw, pc) = m["full"], m["parse-only"]
        line = f"ratio full/parse-only throughput, {label}: wall {pw / fw:.2f}, cpu {pc / fc:.2f}"
        if "query-only" in m:
            # The most any design that runs the queries over every parsed file could reach.
            qw, qc = m["query-only"]
            line += f"; query-only/parse-only (the query floor) cpu {pc / qc:.2f}"
        print(line)
PY

# A CI matrix shard: one of four on the 100% point (files outside the shard still run the
# rules with project-level passes, to collect their facts).
measure "generated 100%, --shard 1/4" full "${S}0" "${S}1" "${S}2" "${S}3" --shard 1/4

# Pre-commit path: five small staged files, the whole process, median of 20 runs. Three
# commits: five Python files, five TypeScript files, and one file of each language (five
# grammars' queries to compile).
PC=$(mktemp -d)
# A repository, as the hook always runs in one (without it, project facts are looked for in the
# parent directories).
mkdir -p "$PC/.git" "$PC/py" "$PC/ts" "$PC/mixed"
for i in 1 2 3 4 5; do
  printf 'import logging\nlog = logging.getLogger(__name__)\n\ndef f%s(patient):\n    log.info("seen %%s", patient.id)\n' "$i" > "$PC/py/f$i.py"
  printf 'import { Patient } from "./model";\nexport function f%s(patient: Patient) {\n  console.log("seen", patient.id);\n  return fetch("/api/patients/" + patient.id);\n}\n' "$i" > "$PC/ts/f$i.ts"
done
cp "$PC/py/f1.py" "$PC/mixed/a.py"
printf 'function f(patient) { console.log(patient.id); }\n' > "$PC/mixed/b.js"
cp "$PC/ts/f1.ts" "$PC/mixed/c.ts"
printf 'export const C = ({ patient }: Props) => <div>{patient.id}</div>;\n' > "$PC/mixed/d.tsx"
printf 'fn f(p: &Patient) { log::info!("{}", p.id); }\n' > "$PC/mixed/e.rs"
python3 - "$BIN" "$PC" <<'PY'
import glob, statistics, subprocess, sys, time
binp, d = sys.argv[1:]
for name in ["py", "ts", "mixed"]:
    files = sorted(glob.glob(f"{d}/{name}/*"))
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        subprocess.run([binp, "scan", "--isolated", *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append((time.perf_counter() - t) * 1000)
    label = {"py": "5 Python files", "ts": "5 TypeScript files", "mixed": "1 file per language (py, js, ts, tsx, rs)"}[name]
    print(f"pre-commit path, {label}: median {statistics.median(runs):.1f} ms, max {max(runs):.1f} ms")
PY
rm -rf "$PC"
