//! SARIF contract tests: schema validity (against the official 2.1.0 schema, vendored in
//! `tests/sarif-schema-2.1.0.json`), the fields GitHub code scanning and our tooling read, UTF-16
//! columns, and fingerprints that survive edits above a finding.

use serde_json::Value;

use crate::support::{copy_tree, phi_lint, project, root, run};

fn sarif_of(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["scan", "--format", "sarif"];
    all.extend_from_slice(args);
    let (code, out, err) = run(phi_lint(dir).args(&all));
    assert!(code == 0 || code == 1 || code == 2, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{out}"))
}

pub(crate) fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("schema parses");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

#[test]
fn output_validates_against_the_sarif_schema() {
    let dir = copy_tree(&root().join("fixtures"));
    std::fs::write(dir.path().join("broken.py"), [0u8, 159, 146, 150]).unwrap();
    let log = sarif_of(dir.path(), &["."]);
    assert!(log["runs"][0]["results"].as_array().unwrap().len() > 20);
    let errors = schema_errors(&log);
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
    // A clean run validates too.
    let clean = project(&[("ok.py", "x = 1\n")]);
    let errors = schema_errors(&sarif_of(clean.path(), &["."]));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// A project whose audited sibling makes the other handler a PHI401 finding: a project-level
/// result, computed from facts that round-trip through the spill store.
const UNAUDITED_ROUTE: &str = "const express = require('express');
const router = express.Router();

router.get('/patients/:id', async (req, res) => {
  const patient = await Patient.findById(req.params.id);
  await audit.log({ actor: req.user.id, action: 'read', patientId: patient.id });
  res.json({ name: patient.name });
});

router.get('/patients/:id/notes', async (req, res) => {
  const patient = await Patient.findById(req.params.id);
  res.json({ diagnosis: patient.diagnosis });
});

module.exports = router;
";

/// Every region has 1-based columns, whatever rule produced it.
fn regions_with_bad_columns(log: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for key in ["startColumn", "endColumn", "startLine", "endLine"] {
            if region[key].as_i64().is_some_and(|c| c < 1) {
                bad.push(format!("{} {key} {}", r["ruleId"], region[key]));
            }
        }
    }
    bad
}

#[test]
fn every_rule_including_project_level_ones_gives_valid_sarif() {
    let fixtures = copy_tree(&root().join("fixtures"));
    let routes = project(&[("routes.js", UNAUDITED_ROUTE)]);
    let mut fired = std::collections::BTreeSet::new();
    for dir in [fixtures.path(), routes.path()] {
        let log = sarif_of(dir, &[".", "--suite", "extended"]);
        let errors = schema_errors(&log);
        assert!(
            errors.is_empty(),
            "schema violations:\n{}",
            errors.join("\n")
        );
        let bad = regions_with_bad_columns(&log);
        assert!(
            bad.is_empty(),
            "regions with columns below 1:\n{}",
            bad.join("\n")
        );
        for r in log["runs"][0]["results"].as_array().unwrap() {
            fired.insert(r["ruleId"].as_str().unwrap().to_string());
        }
    }
    let missing: Vec<&str> = phi_lint::rules::ALL
        .iter()
        .map(|r| r.code)
        .filter(|c| !fired.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules with no SARIF result: {missing:?}"
    );
}

#[test]
fn driver_rules_carry_the_contract_fields() {
    let dir = project(&[("ok.py", "x = 1\n")]);
    // The default suite's rules, each saying its suite; the extended suite lists every rule.
    let default = sarif_of(dir.path(), &["."]);
    let listed = default["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let in_default = phi_lint::rules::ALL
        .iter()
        .filter(|r| r.suite == phi_lint::rules::Suite::Default)
        .count();
    assert_eq!(listed.len(), in_default);
    assert!(listed.iter().all(|r| r["properties"]["suite"] == "default"));
    let log = sarif_of(dir.path(), &[".", "--suite", "extended"]);
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "phi-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    assert_eq!(driver["supportedTaxonomies"][0]["name"], "HIPAA");
    let taxa = run["taxonomies"][0]["taxa"].as_array().unwrap();
    assert_eq!(run["taxonomies"][0]["name"], "HIPAA");
    let categories = [
        "phi-logging",
        "unencrypted-storage",
        "unencrypted-transmission",
        "missing-audit",
        "session-timeout",
        "weak-crypto",
        "phi-exposure",
        "hardcoded-phi",
    ];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), phi_lint::rules::ALL.len());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(id.starts_with("PHI") && id.len() == 6, "{id}");
        assert!(rule["name"]
            .as_str()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-'));
        for field in ["shortDescription", "fullDescription"] {
            assert!(
                !rule[field]["text"].as_str().unwrap().is_empty(),
                "{id}.{field}"
            );
        }
        assert!(
            rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string(),
            "{id}.help"
        );
        assert!(["error", "warning", "note"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
        let tags: Vec<&str> = rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&"security"), "{id}: {tags:?}");
        assert_eq!(
            tags.iter().filter(|t| categories.contains(t)).count(),
            1,
            "{id}: exactly one category tag: {tags:?}"
        );
        assert!(
            tags.iter().any(|t| t.starts_with("hipaa/164.")),
            "{id}: {tags:?}"
        );
        assert!(
            ["high", "medium", "low"].contains(&rule["properties"]["precision"].as_str().unwrap())
        );
        let sev: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        let rels = rule["relationships"].as_array().unwrap();
        assert!(!rels.is_empty(), "{id} has no HIPAA relationship");
        for rel in rels {
            let idx = rel["target"]["index"].as_u64().unwrap() as usize;
            assert_eq!(
                taxa[idx]["id"], rel["target"]["id"],
                "{id}: taxon index points at the right taxon"
            );
            assert_eq!(rel["target"]["toolComponent"]["name"], "HIPAA");
        }
    }
}

#[test]
fn results_carry_the_contract_fields() {
    let dir = project(&[("app/views.py", "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n")]);
    let log = sarif_of(dir.path(), &["."]);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    // GitHub code scanning's category.
    assert_eq!(run["automationDetails"]["id"], "phi-lint/");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file://"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "PHI101");
    let idx = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "PHI101");
    assert_eq!(result["level"], "error");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "app/views.py");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 22);
    assert_eq!(loc["region"]["endColumn"], 33);
    assert!(
        loc["region"].get("snippet").is_none(),
        "no snippet by default"
    );
    assert!(result["partialFingerprints"]["phiLint/v1"].is_string());
    assert!(result["message"]["text"]
        .as_str()
        .unwrap()
        .contains("patient.ssn"));
}

#[test]
fn unscanned_files_are_tool_execution_notifications() {
    let dir = project(&[("ok.py", "x = 1\n")]);
    let log = sarif_of(dir.path(), &["ok.py", "missing.py"]);
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.py"
    );
}

#[test]
fn columns_are_utf16_code_units_after_non_ascii_text() {
    // "é" is one UTF-16 unit but two UTF-8 bytes; "𝔓" is two UTF-16 units and four bytes.
    let src = "def f(patient):\n    print(\"é𝔓\", patient.ssn)\n";
    let dir = project(&[("u.py", src)]);
    let log = sarif_of(dir.path(), &["."]);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    // `    print("é𝔓", ` is 4 + 6 + 1 + 3 (é, then 𝔓 as 2) + 1 + 2 = 17 units before `patient`
    // (and 16 characters, 20 bytes).
    assert_eq!(region["startColumn"], 18, "{region}");
    assert_eq!(region["endColumn"], 29, "{region}");
    let (_, text, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert!(
        text.contains("u.py:2:17:"),
        "text output counts characters: {text}"
    );
}

#[test]
fn fingerprints_survive_edits_above_the_finding() {
    let body = "def f(patient):\n    print(patient.ssn)\n";
    let a = project(&[("a.py", body)]);
    let b = project(&[("a.py", &format!("import os\n\n\n# a new comment\n{body}"))]);
    let fa = sarif_of(a.path(), &["."])["runs"][0]["results"][0]["partialFingerprints"]
        ["phiLint/v1"]
        .clone();
    let fb = sarif_of(b.path(), &["."])["runs"][0]["results"][0]["partialFingerprints"]
        ["phiLint/v1"]
        .clone();
    assert!(fa.is_string());
    assert_eq!(fa, fb);
    let c = project(&[("a.py", "def f(patient):\n    print(patient.dob)\n")]);
    let fc = sarif_of(c.path(), &["."])["runs"][0]["results"][0]["partialFingerprints"]
        ["phiLint/v1"]
        .clone();
    assert_ne!(fa, fc, "a different finding has a different fingerprint");
}
