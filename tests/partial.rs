//! Partial scans (named files, `--staged`) take project-level facts from the whole of the
//! applications their files belong to, and report only on those files: a pre-commit hook gives
//! the findings a scan of the repository gives on the files it checks. The facts of the other
//! files are cached by content outside the scanned tree.

use std::path::Path;
use std::process::Command;

use crate::support::{phi_lint, project, run};

/// An Express application whose audit middleware is registered in `app.js` and covers the
/// handler in `routes/x.js`; and a second application (`svc/`, its own manifest) whose
/// handlers audit one by one, with one holdout in `svc/routes/b.js`.
const FILES: &[(&str, &str)] = &[
    ("package.json", "{\"name\": \"app\"}\n"),
    (
        "app.js",
        "const express = require('express');\nconst { auditTrail } = require('./lib/audit');\nconst x = require('./routes/x');\n\nconst app = express();\napp.use(auditTrail);\napp.use('/patients', x);\n\nmodule.exports = app;\n",
    ),
    (
        "lib/audit.js",
        "async function logPhiAccess(actorId, action, patientRef) {\n  await AuditEntry.create({ actorId, action, patientRef, at: new Date() });\n}\n\nfunction auditTrail(req, res, next) {\n  logPhiAccess(req.user.id, req.method, req.params.id).then(() => next(), next);\n}\n\nmodule.exports = { logPhiAccess, auditTrail };\n",
    ),
    (
        "routes/x.js",
        "const express = require('express');\nconst router = express.Router();\n\nrouter.get('/:id', async (req, res) => {\n  const patient = await Patient.findById(req.params.id);\n  res.json(patient);\n});\n\nmodule.exports = router;\n",
    ),
    ("svc/package.json", "{\"name\": \"svc\"}\n"),
    (
        "svc/audit.js",
        "async function auditLog(actor, action, ref) {\n  await AuditEntry.create({ actor, action, ref });\n}\nmodule.exports = { auditLog };\n",
    ),
    (
        "svc/routes/a.js",
        "const express = require('express');\nconst { auditLog } = require('../audit');\nconst router = express.Router();\n\nrouter.get('/charts/:id', async (req, res) => {\n  const patient = await Patient.findById(req.params.id);\n  await auditLog(req.user.id, 'read', patient.id);\n  res.json(patient);\n});\n\nmodule.exports = router;\n",
    ),
    (
        "svc/routes/b.js",
        "const express = require('express');\nconst router = express.Router();\n\nrouter.get('/records/:id', async (req, res) => {\n  const patient = await Patient.findById(req.params.id);\n  res.json(patient);\n});\n\nmodule.exports = router;\n",
    ),
];

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// The project as a committed git repository.
fn repo() -> tempfile::TempDir {
    let dir = project(FILES);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "init"]);
    dir
}

/// The PHI401 findings of a JSON report as `path:line message`.
fn phi401(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "PHI401")
        .map(|f| {
            format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["start"]["line"],
                f["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// Scans at low confidence: the holdout in `svc/routes/b.js` deviates from an audited handler
/// of another file (`svc/routes/a.js`), which PHI401 reports below the default confidence.
fn scan(dir: &Path, args: &[&str]) -> (i32, Vec<String>, serde_json::Value) {
    let (code, out, err) = run(phi_lint(dir)
        .args([
            "scan",
            "-f",
            "json",
            "--select",
            "missing-audit",
            "--min-confidence",
            "low",
        ])
        .args(args));
    assert!(code == 0 || code == 1, "{out}{err}");
    let v = serde_json::from_str(&out).unwrap();
    (code, phi401(&out), v)
}

/// The case: the full scan is clean for `routes/x.js` (the middleware in `app.js`
/// covers it); the hook, given only `routes/x.js` (named, or staged), must be too. Before, it
/// saw no audit anywhere and blocked the commit.
#[test]
fn a_named_or_staged_file_gets_the_facts_of_its_whole_application() {
    let dir = repo();
    let (_, full, _) = scan(dir.path(), &["."]);
    assert_eq!(full.len(), 1, "{full:?}");
    assert!(full[0].starts_with("svc/routes/b.js:4 "), "{full:?}");
    let (code, named, v) = scan(dir.path(), &["routes/x.js"]);
    assert_eq!((code, named.as_slice()), (0, &[][..]), "{v}");
    assert_eq!(v["summary"]["files_scanned"], 1);
    // The other files of its application (the repository root's, `svc/` inside it included)
    // were read for facts, not reported on.
    assert_eq!(v["summary"]["files_context"], 5, "{v}");
    // Staged: the same, with the other files as committed.
    std::fs::write(
        dir.path().join("routes/x.js"),
        format!("{}// touched\n", FILES[3].1),
    )
    .unwrap();
    git(dir.path(), &["add", "routes/x.js"]);
    let (code, staged, _) = scan(dir.path(), &["--staged"]);
    assert_eq!((code, staged.as_slice()), (0, &[][..]));
    // A file of `svc/` reads only its own application.
    let (_, _, v) = scan(dir.path(), &["svc/routes/b.js", "--no-cache"]);
    assert_eq!(v["summary"]["files_context"], 2, "{v}");
}

/// The other direction: a holdout is reported when only its file is named or staged, with the
/// full scan's finding (message included: the audit of its sibling handlers is seen).
#[test]
fn a_holdout_is_still_reported_when_only_its_file_is_checked() {
    let dir = repo();
    let (_, full, _) = scan(dir.path(), &["."]);
    let (code, named, _) = scan(dir.path(), &["svc/routes/b.js"]);
    assert_eq!(code, 1);
    assert_eq!(named, full);
    assert!(
        named[0].contains("escapes the audit that other handlers"),
        "{named:?}"
    );
    std::fs::write(
        dir.path().join("svc/routes/b.js"),
        format!("{}// touched\n", FILES[7].1),
    )
    .unwrap();
    git(dir.path(), &["add", "svc/routes/b.js"]);
    let (code, staged, _) = scan(dir.path(), &["--staged"]);
    assert_eq!(code, 1);
    assert_eq!(staged, full);
    // Both files of the two applications at once, in either order: the full scan's findings.
    let (_, both, _) = scan(dir.path(), &["svc/routes/b.js", "routes/x.js"]);
    let (_, reversed, _) = scan(dir.path(), &["routes/x.js", "svc/routes/b.js"]);
    assert_eq!(both, full);
    assert_eq!(reversed, full);
}

/// `--staged` reads the other files as staged: audit middleware added to `app.js` but not
/// staged is not what is being committed, so the staged handler is reported; once staged, it
/// is not.
#[test]
fn staged_scans_read_the_other_files_from_the_index() {
    let dir = repo();
    // Commit an app.js without the middleware, then add it in the working tree only.
    let without = FILES[1].1.replace("app.use(auditTrail);\n", "");
    std::fs::write(dir.path().join("app.js"), &without).unwrap();
    git(dir.path(), &["commit", "-qam", "no audit"]);
    std::fs::write(dir.path().join("app.js"), FILES[1].1).unwrap();
    std::fs::write(
        dir.path().join("routes/x.js"),
        format!("{}// touched\n", FILES[3].1),
    )
    .unwrap();
    git(dir.path(), &["add", "routes/x.js"]);
    let (code, staged, _) = scan(dir.path(), &["--staged"]);
    assert_eq!(code, 1, "{staged:?}");
    assert!(staged[0].starts_with("routes/x.js:4 "), "{staged:?}");
    // The working tree has the middleware: a scan of the named file is clean.
    let (code, _, _) = scan(dir.path(), &["routes/x.js"]);
    assert_eq!(code, 0);
    git(dir.path(), &["add", "app.js"]);
    let (code, staged, _) = scan(dir.path(), &["--staged"]);
    assert_eq!((code, staged.as_slice()), (0, &[][..]));
}

/// The facts of the other files are cached by content in the cache directory: a second run
/// takes them from there, a changed file is analysed again, and `--no-cache` neither reads nor
/// writes it. A cache directory inside the scanned repository is never used.
#[test]
fn context_facts_are_cached_by_content_outside_the_tree() {
    let dir = repo();
    let cache = tempfile::tempdir().unwrap();
    let with_cache = |args: &[&str]| {
        let (code, out, err) = run(phi_lint(dir.path())
            .env("PHI_LINT_CACHE_DIR", cache.path())
            .args(["scan", "-f", "json", "--select", "missing-audit"])
            .args(args));
        assert!(code == 0 || code == 1, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        (code, v)
    };
    let (_, v) = with_cache(&["routes/x.js", "--no-cache"]);
    assert_eq!(v["summary"]["files_context"], 5);
    assert!(std::fs::read_dir(cache.path()).unwrap().next().is_none());
    let (_, v) = with_cache(&["routes/x.js"]);
    assert_eq!(v["summary"]["files_context_cached"], 0);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 1);
    let (code, v) = with_cache(&["routes/x.js"]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["files_context_cached"], 5, "{v}");
    // app.js loses its middleware: its facts are computed afresh and the handler is reported.
    let without = FILES[1].1.replace("app.use(auditTrail);\n", "");
    std::fs::write(dir.path().join("app.js"), &without).unwrap();
    let (code, v) = with_cache(&["routes/x.js"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["summary"]["files_context_cached"], 4, "{v}");
    // A cache directory inside the repository is not written.
    let inside = dir.path().join(".cache");
    let (code, out, _) = run(phi_lint(dir.path())
        .env("PHI_LINT_CACHE_DIR", &inside)
        .args(["scan", "-f", "json", "routes/x.js"]));
    assert_eq!(code, 1, "{out}");
    assert!(!inside.exists());
}

/// A Python application whose project-level findings each depend on another file: session and
/// token lifetimes set in `config.py` (views.py is clean), an encrypted field in `vault.py` (the
/// plaintext columns of models.py are reported), a PHI model declared in `models.py` (the
/// serializer is reported).
const PYTHON: &[(&str, &str)] = &[
    ("pyproject.toml", "[project]\nname = \"clinic\"\n"),
    (
        "clinic/models.py",
        "from django.db import models\n\n\nclass ExternalLabResult(models.Model):\n    external_id = models.UUIDField(unique=True)\n    date_of_birth = models.DateField()\n    mobile_phone = models.CharField(max_length=15)\n",
    ),
    (
        "clinic/vault.py",
        "from django.db import models\nfrom encrypted_model_fields.fields import EncryptedCharField\n\n\nclass Secret(models.Model):\n    token = EncryptedCharField(max_length=64)\n",
    ),
    (
        "clinic/serializers.py",
        "from rest_framework import serializers\nfrom .models import ExternalLabResult\n\n\nclass ExternalLabResultSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = ExternalLabResult\n        fields = \"__all__\"\n",
    ),
    (
        "clinic/config.py",
        "from datetime import timedelta\n\nPERMANENT_SESSION_LIFETIME = timedelta(minutes=10)\nJWT_REFRESH_TOKEN_EXPIRES = timedelta(hours=2)\n",
    ),
    (
        "clinic/views.py",
        "from flask import Flask, session\nfrom flask_jwt_extended import create_refresh_token\n\napp = Flask(__name__)\napp.config.from_object(\"clinic.config\")\n\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    session.permanent = True\n    session[\"user_id\"] = 1\n    token = create_refresh_token(identity=1)\n    return {\"refresh\": token}\n",
    ),
];

/// Every project-level rule's facts survive the cache: each file named alone, with the other
/// files' facts computed (first run) or read back from the cache (second run), gets exactly the
/// findings the full scan gives it.
#[test]
fn each_file_alone_gets_the_full_scans_findings_with_facts_computed_or_cached() {
    let dir = project(PYTHON);
    let cache = tempfile::tempdir().unwrap();
    let scan = |args: &[&str]| -> (Vec<String>, serde_json::Value) {
        let (code, out, err) = run(phi_lint(dir.path())
            .env("PHI_LINT_CACHE_DIR", cache.path())
            .args(["scan", "-f", "json", "--suite", "extended"])
            .args(args));
        assert!(code == 0 || code == 1, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut found: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{} {} {}",
                    f["path"].as_str().unwrap(),
                    f["start"]["line"],
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect();
        found.sort();
        (found, v)
    };
    let (full, _) = scan(&[".", "--no-cache"]);
    let codes: Vec<&str> = full.iter().map(|f| f.split(' ').nth(1).unwrap()).collect();
    assert_eq!(codes, ["PHI205", "PHI205", "PHI705"], "{full:#?}");
    for round in ["computed", "cached"] {
        let mut union = Vec::new();
        for (path, _) in PYTHON.iter().filter(|(p, _)| p.ends_with(".py")) {
            let (found, v) = scan(&[path]);
            let context = v["summary"]["files_context"].as_u64().unwrap();
            assert_eq!(context, 4, "{path}");
            if round == "cached" {
                assert_eq!(v["summary"]["files_context_cached"], context, "{path}");
            }
            union.extend(found);
        }
        union.sort();
        assert_eq!(union, full, "{round}");
    }
}

/// `--staged` reads a helper module as staged too: a helper whose working copy now returns a
/// patient record, not staged, is not what the commit holds, so the staged caller is clean;
/// once the helper is staged, the caller is reported.
#[test]
fn staged_scans_read_imported_helpers_as_staged() {
    let dir = project(&[
        (
            "api.js",
            "export async function fetchRecord(id) {\n  return { ok: true, id };\n}\n",
        ),
        (
            "view.js",
            "import { fetchRecord } from './api';\n\nexport async function show(id) {\n  const data = await fetchRecord(id);\n  console.log(data);\n}\n",
        ),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("api.js"),
        "export async function fetchRecord(id) {\n  return Patient.findById(id);\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("view.js"),
        "import { fetchRecord } from './api';\n\nexport async function show(id) {\n  const data = await fetchRecord(id);\n  console.log(data);\n}\n// touched\n",
    )
    .unwrap();
    git(d, &["add", "view.js"]);
    let scan = |args: &[&str]| {
        let (code, out, err) = run(phi_lint(d)
            .args(["scan", "--select", "PHI102", "--no-cache"])
            .args(args));
        assert!(code == 0 || code == 1, "{err}");
        (code, out)
    };
    let (code, out) = scan(&["view.js"]);
    assert_eq!(
        code, 1,
        "the working tree's helper returns a record:\n{out}"
    );
    let (code, out) = scan(&["--staged"]);
    assert_eq!(code, 0, "the staged helper returns none:\n{out}");
    git(d, &["add", "api.js"]);
    let (code, out) = scan(&["--staged"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("view.js:5"), "{out}");
}

/// A file named outside any repository, with no manifest above it, is its own directory's
/// application: a scan run from a parent directory does not walk that directory's other
/// folders for project facts (`cd ~ && phi-lint scan notes/a.py` must not read the home
/// directory). Here a broken configuration in a sibling folder would be met by such a walk.
#[test]
fn a_file_outside_any_repository_does_not_make_the_working_directory_its_application() {
    let dir = crate::support::project(&[
        ("notes/a.py", "def f(patient):\n    print(patient.ssn)\n"),
        ("other/phi-lint.toml", "this is = = not toml\n"),
        ("other/b.py", "def g(x):\n    return x\n"),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", "notes/a.py"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(!err.contains("other"), "{err}");
}
