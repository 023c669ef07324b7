#!/usr/bin/env python3
"""Times the pre-commit path on a project: five staged files in a 2,000-file application.

Usage: bench/precommit_project.py BIN [--files 2000] [--runs 20] [--seed 7] [--keep DIR]

Writes a deterministic Express/TypeScript application (one package.json at the root, audit
middleware registered in app.js, route, service and component files from bench/gen_corpus.py)
into a temporary git repository, commits it, changes five route files and stages them, then
times the whole `phi-lint` process as a hook runs it, median of RUNS:

- `phi-lint scan F1..F5` (what the pre-commit framework runs, with the staged files named) and
  `phi-lint scan --staged` (a plain git hook);
- cold: `--no-cache` (every other file of the application is analysed for its project facts),
  and the first run with an empty cache (the same, plus writing the cache);
- warm: the cache holds the other files' facts; files older than two seconds are recognised by
  their `stat` data, so only the five staged files are read and analysed;
- warm after `touch` of every file: `stat` data changed, so every file is read and hashed
  (SHA-256) but none analysed again.

It also checks that the partial scans report exactly what a scan of the whole repository
reports on the five files. The facts cache goes to a temporary directory (PHI_LINT_CACHE_DIR).
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402

APP = """const express = require('express');
const { auditTrail } = require('./lib/audit');
const routes = require('./routes');

const app = express();
app.use(express.json());
app.use(auditTrail);
app.use('/api', routes);

module.exports = app;
"""

AUDIT = """async function logPhiAccess(actorId, action, patientRef) {
  await AuditEntry.create({ actorId, action, patientRef, at: new Date() });
}

function auditTrail(req, res, next) {
  logPhiAccess(req.user.id, req.method, req.params.id).then(() => next(), next);
}

module.exports = { logPhiAccess, auditTrail };
"""

# Appended to each staged file: a handler reading a patient record (covered by app.js's
# middleware, so a scan of everything reports no PHI401 on it).
CHANGE = """
router.get('/patients/:id/chart', async (req, res) => {
  const patient = await Patient.findById(req.params.id);
  res.json({ id: patient.id, status: patient.status });
});
"""


def generate(root, files, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.join(root, "lib"))
    with open(os.path.join(root, "package.json"), "w") as f:
        f.write('{"name": "clinic-portal", "version": "1.0.0"}\n')
    with open(os.path.join(root, "app.js"), "w") as f:
        f.write(APP)
    with open(os.path.join(root, "lib", "audit.js"), "w") as f:
        f.write(AUDIT)
    routes = []
    for i in range(files - 3):
        health = rng.random() < 0.33
        kind = rng.choices(["route", "service", "component", "script"], weights=[40, 40, 15, 5])[0]
        area = f"m{i % 40:02d}"
        if kind == "route":
            rel, text = f"routes/{area}/r{i}.js", gen_corpus.js_file(rng, health)
            routes.append(rel)
        elif kind == "service":
            rel, text = f"src/services/{area}/s{i}.ts", gen_corpus.ts_file(rng, health, False)
        elif kind == "component":
            rel, text = f"src/components/{area}/C{i}.tsx", gen_corpus.ts_file(rng, health, True)
        else:
            rel, text = f"scripts/{area}/job{i}.py", gen_corpus.py_file(rng, health)
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(root, "routes", "index.js"), "w") as f:
        f.write("const express = require('express');\nmodule.exports = express.Router();\n")
    return routes


def git(root, *args):
    subprocess.run(["git", "-c", "user.email=b@example.org", "-c", "user.name=bench", *args],
                   cwd=root, check=True, stdout=subprocess.DEVNULL)


def timed(cmd, root, env):
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - t) * 1000
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.decode()}")
    return ms, p.stdout


def findings(out, paths=None):
    doc = json.loads(out)
    return sorted((f["path"], f["start"]["line"], f["code"], f["message"]) for f in doc["findings"]
                  if paths is None or f["path"] in paths)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="write the project here and keep it")
    args = ap.parse_args()
    binp = os.path.abspath(args.bin)
    root = args.keep or tempfile.mkdtemp(prefix="phi-lint-precommit-")
    if args.keep:
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
    cache = tempfile.mkdtemp(prefix="phi-lint-cache-")
    env = dict(os.environ, PHI_LINT_CACHE_DIR=cache, NO_COLOR="1")
    env.pop("CI", None)
    try:
        routes = generate(root, args.files, args.seed)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "generated")
        staged = sorted(random.Random(args.seed).sample(routes, 5))
        for rel in staged:
            with open(os.path.join(root, rel), "a") as f:
                f.write(CHANGE)
        git(root, "add", *staged)
        total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root)
                    if ".git" not in d for f in fs)
        print(f"project: {args.files} files, {total / 1e6:.1f} MB, one application; staged: {len(staged)} route files")
        # Let every file's modification time age past the two seconds the cache requires before
        # it trusts `stat` data.
        time.sleep(2.5)

        full_ms, full_out = timed([binp, "scan", ".", "-f", "json", "--no-cache"], root, env)
        expected = findings(full_out, set(staged))
        print(f"full scan of the repository: {full_ms:.0f} ms ({len(findings(full_out))} findings)")

        for label, cmd in [("scan F1..F5 (pre-commit framework)", [binp, "scan", "-f", "json", *staged]),
                           ("scan --staged (git hook)", [binp, "scan", "-f", "json", "--staged"])]:
            cold = [timed(cmd + ["--no-cache"], root, env)[0] for _ in range(5)]
            first = []
            for _ in range(3):
                shutil.rmtree(cache, ignore_errors=True)
                ms, out = timed(cmd, root, env)
                first.append(ms)
            warm = []
            for _ in range(args.runs):
                ms, out = timed(cmd, root, env)
                warm.append(ms)
            summary = json.loads(out)["summary"]
            agree = findings(out) == expected
            for rel in os.listdir(root):
                if rel != ".git":
                    subprocess.run(["find", os.path.join(root, rel), "-type", "f", "-exec", "touch", "{}", "+"], check=True)
            touched = [timed(cmd, root, env)[0] for _ in range(5)]
            # Restore the staged state for the next command (touch does not change content).
            print(f"{label}:")
            print(f"  cold, --no-cache:            median {statistics.median(cold):6.1f} ms (of {len(cold)})")
            print(f"  cold, first run, empty cache: median {statistics.median(first):6.1f} ms (of {len(first)})")
            print(f"  warm:                        median {statistics.median(warm):6.1f} ms, max {max(warm):.1f} ms (of {len(warm)})")
            print(f"  warm, every file touched:    median {statistics.median(touched):6.1f} ms (of {len(touched)})")
            print(f"  context files {summary['files_context']}, from the cache {summary['files_context_cached']}; "
                  f"findings on the staged files {'equal' if agree else 'DIFFER FROM'} the full scan's ({len(expected)})")
            time.sleep(2.5)
            timed(cmd, root, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
