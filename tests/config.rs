//! Configuration files end to end (issue 19): what is scanned and what is not, non-production
//! demotion, suppressions (comments in YAML/TOML/.env/JSON5; none in plain JSON), SARIF
//! validity, fingerprints, `--diff`, `--staged`, baselines, `.gitignore` and `exclude`, hostile
//! input (deep nesting, huge files) and messages that never repeat a value.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{phi_lint, project, run};

const ENDPOINTS: &str = "api:\n  base_url: http://api.acme-health.com/v2\n";
const DOTENV: &str = "NODE_TLS_REJECT_UNAUTHORIZED=0\nAPI_URL=http://api.acme-health.com\n";

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn findings(dir: &Path, args: &[&str]) -> Vec<(String, u64, String)> {
    let mut all = vec!["scan", "--isolated", "-f", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(phi_lint(dir).args(&all));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    json(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(st.status.success(), "git {args:?}");
}

#[test]
fn config_files_are_scanned_beside_code() {
    let dir = project(&[
        ("config/production.yaml", ENDPOINTS),
        (".env", DOTENV),
        (
            "deploy/app.toml",
            "[db]\nurl = \"postgres://db.acme-health.com/ehr?sslmode=disable\"\n",
        ),
        (
            "settings.json5",
            "{\n  // JSON5 allows comments\n  jwt: { expiresIn: '30d', },\n}\n",
        ),
        ("app.py", "x = 1\n"),
    ]);
    let found = findings(dir.path(), &["."]);
    assert_eq!(
        found,
        [
            (".env".into(), 1, "PHI302".into()),
            (".env".into(), 2, "PHI301".into()),
            ("config/production.yaml".into(), 2, "PHI301".into()),
            ("deploy/app.toml".into(), 2, "PHI305".into()),
            ("settings.json5".into(), 3, "PHI502".into()),
        ]
    );
    // Rules without a config check never read them: nothing to scan but the code.
    let (code, out, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "--select", "PHI101"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("in 1 file."), "{out}");
}

#[test]
fn lockfiles_manifests_tool_configs_and_data_are_not_judged() {
    let url = "http://api.acme-health.com";
    let dir = project(&[
        ("package.json", &format!("{{\"homepage\": \"{url}\", \"config\": {{\"api_url\": \"{url}\"}}}}")),
        ("package-lock.json", &format!("{{\"api_url\": \"{url}\"}}")),
        ("tsconfig.json", &format!("{{\"api_url\": \"{url}\"}}")),
        (".vscode/settings.json", &format!("{{\"api_url\": \"{url}\"}}")),
        ("pnpm-lock.yaml", &format!("api_url: {url}\n")),
        ("Cargo.toml", &format!("[package]\nname = \"x\"\n[metadata]\napi_url = \"{url}\"\n")),
        // data: a FHIR resource, an OpenAPI document, a JSON array
        ("fhir/patient.json", &format!("{{\"resourceType\": \"Endpoint\", \"address\": \"{url}\", \"api_url\": \"{url}\"}}")),
        ("spec/openapi.yaml", &format!("openapi: 3.0.0\nservers:\n  - url: {url}\n")),
        ("data.json", &format!("[{{\"api_url\": \"{url}\"}}]")),
        // over the size cap: data
        ("big.json", &format!("{{\"api_url\": \"{url}\", \"pad\": \"{}\"}}", "x".repeat(300_000))),
    ]);
    assert_eq!(findings(dir.path(), &["."]), []);
}

#[test]
fn dev_ci_and_compose_files_are_low_confidence_production_templates_are_kept() {
    let env = "DATABASE_URL=postgres://db.acme-health.com/ehr?sslmode=disable\n";
    let dir = project(&[
        ("docker-compose.yml", "services:\n  api:\n    environment:\n      - DATABASE_URL=postgres://db.acme-health.com/ehr?sslmode=disable\n"),
        (".env.example", env),
        (".env.development", env),
        (".github/workflows/ci.yml", "env:\n  API_URL: http://api.acme-health.com\n"),
        ("config/test.json", "{\"api\": {\"url\": \"http://api.acme-health.com\"}}"),
        ("tests/fixtures/app.yaml", ENDPOINTS),
        (".env.production", env),
    ]);
    // `.env.example` is the template deployments copy: kept at medium confidence.
    assert_eq!(
        findings(dir.path(), &["."]),
        [
            (".env.example".into(), 1, "PHI305".into()),
            (".env.production".into(), 1, "PHI305".into())
        ]
    );
    let low = findings(dir.path(), &[".", "--min-confidence", "low"]);
    // Four demoted, and `.github/` is a hidden directory: never walked.
    assert_eq!(low.len(), 6, "{low:?}");
    assert!(
        low.iter().any(|(p, _, _)| p == "docker-compose.yml"),
        "{low:?}"
    );
    assert!(
        !low.iter().any(|(p, _, _)| p.starts_with(".github")),
        "{low:?}"
    );
    // Named on the command line, a workflow file is scanned, and is CI: low confidence.
    let ci = findings(
        dir.path(),
        &[".github/workflows/ci.yml", "--min-confidence", "low"],
    );
    assert_eq!(ci.len(), 1, "{ci:?}");
}

#[test]
fn dotenv_files_respect_gitignore_and_exclude() {
    let dir = project(&[
        (".gitignore", ".env.local\n"),
        (".env.local", DOTENV),
        ("svc/.env", DOTENV),
        ("other/.env", DOTENV),
        (".hidden/app.yaml", ENDPOINTS),
    ]);
    git(dir.path(), &["init", "-q"]);
    let found = findings(dir.path(), &[".", "--exclude", "other"]);
    let paths: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(paths, ["svc/.env", "svc/.env"]);
}

#[test]
fn suppressions_in_yaml_toml_dotenv_and_json5_comments() {
    let dir = project(&[
        (
            "a.yaml",
            "api:\n  # phi-lint: ignore[PHI301] the vendor offers no TLS; VPN tunnel\n  base_url: http://api.acme-health.com\n  webhook_url: http://hooks.acme-health.com # phi-lint: ignore[cleartext-http-endpoint] tunnel\n",
        ),
        (
            "b.toml",
            "[api]\nbase_url = \"http://api.acme-health.com\" # phi-lint: ignore[PHI301] tunnel\n",
        ),
        (
            ".env",
            "# phi-lint: ignore[PHI302] internal CA rollout, ticket 42\nNODE_TLS_REJECT_UNAUTHORIZED=0\nAPI_URL=http://api.acme-health.com # phi-lint: ignore[PHI301] tunnel\n",
        ),
        (
            "c.json5",
            "{\n  // phi-lint: ignore[PHI301] tunnel\n  api_url: 'http://api.acme-health.com',\n}\n",
        ),
        ("d.yaml", "# phi-lint: ignore-file[PHI3] staging only\napi:\n  base_url: http://api.acme-health.com\n"),
    ]);
    assert_eq!(findings(dir.path(), &["."]), []);
    let (code, out, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "-f",
        "json",
        "--include-suppressed",
    ]));
    assert_eq!(code, 0, "{out}");
    let log = json(&out);
    let all = log["findings"].as_array().unwrap();
    assert_eq!(all.len(), 7, "{out}");
    assert!(all.iter().all(|f| f["suppression"].is_object()), "{out}");
    let reasons: Vec<&str> = all
        .iter()
        .filter_map(|f| f["suppression"]["justification"].as_str())
        .collect();
    assert!(
        reasons.contains(&"internal CA rollout, ticket 42"),
        "{reasons:?}"
    );
    // A directive that names another rule suppresses nothing.
    let other = project(&[(
        "a.yaml",
        "api:\n  base_url: http://api.acme-health.com # phi-lint: ignore[PHI101] wrong rule\n",
    )]);
    assert_eq!(findings(other.path(), &["."]).len(), 1);
    // Unused suppressions in configuration files are reported like those in code.
    let unused = project(&[(
        "a.yaml",
        "# phi-lint: ignore[PHI301] nothing here\nkey: value\n",
    )]);
    let (code, _, err) = run(phi_lint(unused.path()).args([
        "scan",
        ".",
        "--isolated",
        "--report-unused-suppressions",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("a.yaml"), "{err}");
}

#[test]
fn plain_json_is_suppressed_by_baseline() {
    let dir = project(&[(
        "config/default.json",
        "{\"api\": {\"baseUrl\": \"http://api.acme-health.com\"}}\n",
    )]);
    let d = dir.path();
    let (code, _, err) =
        run(phi_lint(d).args(["scan", ".", "--isolated", "--write-baseline", "base.json"]));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) =
        run(phi_lint(d).args(["scan", ".", "--isolated", "--baseline", "base.json"]));
    assert_eq!(code, 0, "{out}");
    // A new finding in the same file is still reported.
    std::fs::write(
        d.join("config/default.json"),
        "{\n  \"api\": {\"baseUrl\": \"http://api.acme-health.com\"},\n  \"ehr\": {\"endpoint\": \"http://ehr.acme-health.com\"}\n}\n",
    )
    .unwrap();
    let (code, out, _) =
        run(phi_lint(d).args(["scan", ".", "--isolated", "--baseline", "base.json"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("config/default.json:3:"), "{out}");
    assert!(
        !out.contains("config/default.json:2:"),
        "the baselined one moved and still matches:\n{out}"
    );
}

#[test]
fn config_findings_give_valid_sarif_with_utf16_columns_and_stable_fingerprints() {
    let yaml =
        "# Ünïcödé 🏥 header\nname: \"🏥🏥\"\napi:\n  base_url: http://api.acme-health.com\n";
    let dir = project(&[("app.yaml", yaml), (".env", DOTENV)]);
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "-f", "sarif"]));
    let log = json(&out);
    let errors = crate::sarif::schema_errors(&log);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "{out}");
    for r in results {
        assert!(r["partialFingerprints"]["phiLint/v1"].is_string(), "{r}");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(region.get("snippet").is_none());
    }
    // Edits above the finding keep its fingerprint.
    let fp = |log: &Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["phiLint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = fp(&log);
    std::fs::write(
        dir.path().join("app.yaml"),
        format!("# a new comment\nother: 1\n{yaml}"),
    )
    .unwrap();
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "-f", "sarif"]));
    assert_eq!(fp(&json(&out)), before);
    // UTF-16 columns: a line with astral characters before the value.
    let wide = project(&[(
        "app.yaml",
        "api: {note: \"🏥\", base_url: http://api.acme-health.com}\n",
    )]);
    let (_, out, _) = run(phi_lint(wide.path()).args(["scan", ".", "--isolated", "-f", "sarif"]));
    let log = json(&out);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    // `api: {note: "🏥", base_url: ` is 27 characters, 28 UTF-16 code units.
    assert_eq!(region["startColumn"], 29, "{out}");
    let (_, text, _) = run(phi_lint(wide.path()).args(["scan", ".", "--isolated"]));
    assert!(text.contains("app.yaml:1:28:"), "{text}");
}

#[test]
fn messages_and_snippets_never_repeat_a_value() {
    let secret = "postgres://admin:hunter2@db.zqleak.org/ehr?sslmode=disable";
    let dir = project(&[(
        ".env",
        &format!(
            "DATABASE_URL={secret}\nAPI_URL=http://ssn-219-09-9999.zqleak.org\n\"\u{1b}[31mX=1\n"
        ),
    )]);
    for format in ["text", "json", "sarif", "github"] {
        let (_, out, err) =
            run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "--snippets", "-f", format]));
        for leak in ["hunter2", "zqleak", "219-09", "\u{1b}"] {
            assert!(!out.contains(leak), "{format}: {leak} in\n{out}");
            assert!(!err.contains(leak), "{format}: {leak} in\n{err}");
        }
    }
    // Keys that are not name-shaped are not shown either.
    let odd = project(&[(
        "a.yaml",
        "\"api url 219-09-9999 \\e[31m\": {base_url: http://api.acme-health.com}\n",
    )]);
    let (_, out, _) = run(phi_lint(odd.path()).args(["scan", ".", "--isolated"]));
    assert!(out.contains("<string key>"), "{out}");
    assert!(!out.contains("219"), "{out}");
}

#[test]
fn deeply_nested_documents_neither_crash_nor_stall() {
    let depth = 200_000;
    let json_doc = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let yaml_doc = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let toml_doc = format!("a = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
    let dir = project(&[
        ("deep.json", &json_doc),
        ("deep.yaml", &yaml_doc),
        ("deep.toml", &toml_doc),
    ]);
    let started = std::time::Instant::now();
    // Over the size cap: read as data, not parsed.
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert!(code == 0, "{err}");
    // Under it (a 60,000-deep document is 120 kB): parsed, walked to the depth bound.
    let depth = 60_000;
    let small = project(&[
        (
            "deep.json",
            &format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "deep.yaml",
            &format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth)),
        ),
        (".env", &"A=\"\n".repeat(depth)),
    ]);
    let (code, _, err) = run(phi_lint(small.path()).args(["scan", ".", "--isolated"]));
    assert!(code == 0, "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn diff_and_staged_cover_config_files() {
    let dir = project(&[("app.yaml", ENDPOINTS)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("app.yaml"),
        format!("{ENDPOINTS}  webhook_url: http://hooks.acme-health.com\n"),
    )
    .unwrap();
    std::fs::write(d.join(".env"), DOTENV).unwrap();
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--isolated", "--diff", "HEAD"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("app.yaml:3:"), "{out}");
    assert!(!out.contains("app.yaml:2:"), "{out}");
    assert!(out.contains(".env:1:"), "untracked files are new:\n{out}");
    // --staged reads the index.
    git(d, &["add", ".env"]);
    std::fs::write(d.join(".env"), "X=1\n").unwrap();
    let (code, out, _) = run(phi_lint(d).args(["scan", "--isolated", "--staged"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(".env:1:30: PHI302"), "{out}");
    assert!(!out.contains("app.yaml"), "{out}");
}

#[test]
fn stdin_filename_reads_a_config_file() {
    let dir = project(&[]);
    let mut child = phi_lint(dir.path())
        .args([
            "scan",
            "--isolated",
            "--stdin-filename",
            "config/prod.yaml",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ENDPOINTS.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("config/prod.yaml:2:13: PHI301"), "{text}");
}

/// `[hardcoded] mrn-patterns` come from the scanned repository's own configuration and were
/// compiled before any file, under no budget: 1,000 patterns took 11 s and 1.2 GB. More than
/// the documented limit is refused at once, with the limit named.
#[test]
fn a_committed_config_with_too_many_mrn_patterns_is_refused_quickly() {
    let patterns: Vec<String> = (0..1000).map(|i| format!("\"\\\\w{{20}}{i}\"")).collect();
    let config = format!("[hardcoded]\nmrn-patterns = [{}]\n", patterns.join(","));
    let dir = project(&[("phi-lint.toml", config.as_str()), ("a.py", "x = 1\n")]);
    let start = std::time::Instant::now();
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at most 64 patterns"), "{err}");
}

/// A key named for a signing or encryption secret with a key-shaped value is reported in the
/// configuration deployments run with (`.env`), and only at low confidence in a template they
/// copy (`.env.example`), whose values are examples far more often than keys.
#[test]
fn secrets_in_configuration_are_reported_and_templates_hold_examples() {
    let env = "JWT_SECRET=ward-bff-7f3a91c2e4b8d6a05f17\n";
    let dir = project(&[(".env", env), (".env.example", env)]);
    let default = findings(dir.path(), &["--select", "PHI604"]);
    assert_eq!(
        default
            .iter()
            .map(|(p, l, c)| (p.as_str(), *l, c.as_str()))
            .collect::<Vec<_>>(),
        [(".env", 1, "PHI604")],
        "{default:?}"
    );
    let low = findings(
        dir.path(),
        &["--select", "PHI604", "--min-confidence", "low"],
    );
    assert_eq!(low.len(), 2, "{low:?}");
}

/// Helm and Jinja templates are not YAML until rendered: their directive lines and `{{ .. }}`
/// values are blanked before parsing, so the rest is judged. A YAML file with a real syntax
/// error is judged on what the parser recovered, and the user is told it was only partly read,
/// never shown as scanned and clean in silence.
#[test]
fn templated_and_broken_yaml_is_read_and_a_broken_one_is_named() {
    let helm = "env:\n  FHIR_URL: \"http://fhir.acme-health.com\"\n{{- if .Values.debug }}\n  \
                DEBUG: {{ .Values.debug | quote }}\n{{- end }}\n  \
                NODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n";
    let broken = "env:\n  FHIR_URL: \"http://fhir.acme-health.com\"\n  BAD: [unclosed\n  \
                  NODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n";
    for (text, warned) in [(helm, false), (broken, true)] {
        let dir = project(&[("deploy/values.yaml", text)]);
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "--isolated", "-f", "json"]));
        assert_eq!(code, 1, "{out}\n{err}");
        let v = json(&out);
        let codes: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["PHI301", "PHI302"], "{text}\n{out}");
        let notes = v["notifications"].as_array().unwrap();
        assert_eq!(
            notes.iter().any(|n| n["message"]
                .as_str()
                .is_some_and(|m| m.contains("not valid YAML"))),
            warned,
            "{text}\n{out}"
        );
    }
}
