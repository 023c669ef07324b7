#!/usr/bin/env bash
# Proves the pre-commit hook with the real `pre-commit` tool (PyPI): a temporary git repository
# uses this repository as a hook source (`pre-commit try-repo`); a staged file with a PHI log
# line is blocked with a readable message, a clean file passes. Then it times the hook on five
# small staged files (the hook environment is already built by then).
#
# Slow the first time: pre-commit builds phi-lint with `cargo install` (language: rust).
# Not part of .ci/run. Usage: scripts/test-pre-commit.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$work/cache}"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
pc="$work/venv/bin/pre-commit"
"$pc" --version

repo="$work/repo"
git init --quiet "$repo"
cd "$repo"
git config user.email test@example.org
git config user.name test
# try-repo uses the hook source's HEAD plus uncommitted changes.

cat > leak.py <<'PY'
import logging

log = logging.getLogger(__name__)


def admit(patient):
    log.info("admitting %s", patient.ssn)
PY
git add leak.py

if [ -z "${SKIP_TRY_REPO:-}" ]; then
  echo "== pre-commit try-repo on staged leak.py (expected: blocked)"
  start=$(date +%s.%N)
  if "$pc" try-repo "$here" phi-lint --files leak.py; then
    echo "FAIL: the hook passed a file with a PHI log line" >&2
    exit 1
  fi
  echo "(try-repo builds the hook in a fresh clone every time: $(echo "$(date +%s.%N) - $start" | bc) s)"
fi

# A real installed hook: this repository at its HEAD commit as a `repos:` entry.
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $(git -C "$here" rev-parse HEAD)
    hooks:
      - id: phi-lint
YAML
git add .pre-commit-config.yaml
"$pc" install
echo "== git commit with staged leak.py (expected: blocked)"
start=$(date +%s.%N)
if git commit -qm "admit patients"; then
  echo "FAIL: the commit with a PHI log line went through" >&2
  exit 1
fi
echo "(first commit attempt incl. building the hook: $(echo "$(date +%s.%N) - $start" | bc) s)"
git rm --cached --quiet leak.py
rm leak.py

for i in 1 2 3 4 5; do
  cat > "ok$i.py" <<PY
import logging

log = logging.getLogger(__name__)


def handler$i(patient):
    log.info("admitted patient id=%s", patient.id)
    return {"id": patient.id}
PY
done
git add ok*.py
echo "== git commit with five clean staged files (expected: passes)"
git commit -qm "clean handlers"
git log --oneline | head -1
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$pc" run phi-lint --files ok1.py ok2.py ok3.py ok4.py ok5.py >/dev/null
  echo "pre-commit run phi-lint, 5 files, run $run: $(echo "$(date +%s.%N) - $start" | bc) s"
done
bin="$(find "$PRE_COMMIT_HOME" -path '*/bin/phi-lint' -type f | head -1)"
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$bin" scan ok1.py ok2.py ok3.py ok4.py ok5.py >/dev/null
  echo "phi-lint alone (hook binary), 5 files, run $run: $(echo "$(date +%s.%N) - $start" | bc) s"
done
echo "OK: pre-commit blocked the leak and passed the clean files"
