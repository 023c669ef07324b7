#!/usr/bin/env bash
# Checks that two phi-lint binaries report exactly the same findings (low confidence and
# fingerprints included) on the given directories: the check to run after every performance
# change. Usage: bench/compare.sh OLD_BIN NEW_BIN DIR...
# Exits 1 if any directory differs, and prints the first differences.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OLD_BIN NEW_BIN DIR..." >&2; exit 2; }
old="$1" new="$2"; shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for dir in "$@"; do
  # Exit status 1 only means findings; anything else is a failed scan.
  for side in old new; do
    bin=$old; [ "$side" = new ] && bin=$new
    rc=0
    "$bin" scan "$dir" --isolated --min-confidence low --format json -o "$tmp/$side.json" \
      >/dev/null 2>"$tmp/$side.err" || rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "$dir: $bin failed (exit $rc):" >&2
      cat "$tmp/$side.err" >&2
      exit 2
    fi
  done
  python3 - "$dir" "$tmp/old.json" "$tmp/new.json" <<'PY' || status=1
import json, sys
dir_, a, b = sys.argv[1:]
fa, fb = json.load(open(a))["findings"], json.load(open(b))["findings"]
key = lambda f: json.dumps(f, sort_keys=True)
ka, kb = [key(f) for f in fa], [key(f) for f in fb]
if ka == kb:
    print(f"{dir_}: {len(fa)} findings, identical")
    sys.exit(0)
print(f"{dir_}: {len(fa)} -> {len(fb)} findings, DIFFERENT")
sa, sb = set(ka), set(kb)
for k in [k for k in ka if k not in sb][:5]:
    print("  - " + k[:200])
for k in [k for k in kb if k not in sa][:5]:
    print("  + " + k[:200])
if sa == sb:
    print("  (same findings, different order)")
sys.exit(1)
PY
done
exit $status
