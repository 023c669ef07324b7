//! The SARIF output passes the Microsoft SARIF Multitool validator with GitHub's rules
//! (`validate --rule-kind "Sarif;Gh"`): no error or warning results. The validator exits 0 even
//! when it finds errors, so this reads its result file.
//!
//! Skipped (passes with a note) when the multitool is not installed, except under CI (`CI` set),
//! where a missing validator fails the test: `.ci/run` installs it. Install it with
//! `npm install --prefix /tmp/sarif-mt @microsoft/sarif-multitool` or point
//! `PHI_LINT_SARIF_MULTITOOL` at the native `Sarif.Multitool` binary (the npm `bin.js` wrapper
//! passes arguments through a shell, which splits `Sarif;Gh`).

use std::path::PathBuf;
use std::process::Command;

use crate::support::{phi_lint, project, run};

fn multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PHI_LINT_SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let known = PathBuf::from(
        "/tmp/sarif-mt/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
    );
    known.is_file().then_some(known)
}

/// The validator, or `None` (test skipped) when it is not installed outside CI.
fn required_multitool() -> Option<PathBuf> {
    let tool = multitool();
    if tool.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the SARIF Multitool is not installed: .ci/run installs it with npm"
        );
        eprintln!("note: SARIF Multitool not installed; validator check skipped");
    }
    tool
}

/// Validates `sarif` (a file in `dir`) and returns the error and warning results.
fn validate(tool: &PathBuf, dir: &std::path::Path, sarif: &str) -> Vec<String> {
    let out = dir.join("validation.sarif");
    let status = Command::new(tool)
        .current_dir(dir)
        .args([
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning;Note",
            "--log",
            "ForceOverwrite",
            "-o",
        ])
        .arg(&out)
        .arg(sarif)
        .output()
        .expect("the multitool runs");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "no validator output ({e}): {}",
            String::from_utf8_lossy(&status.stdout)
        )
    });
    // The validator must actually have run the GitHub rules.
    assert!(text.contains("SARIF2"), "{text}");
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] == "error" || r["level"] == "warning")
        .map(|r| format!("{} {}: {}", r["level"], r["ruleId"], r["message"]))
        .collect()
}

/// Every rule fires on the fixture tree, project-level ones (PHI401, PHI205) included: the
/// SARIF of that scan validates with no error or warning.
#[test]
fn sarif_of_every_rule_passes_the_multitool_validator() {
    let Some(tool) = required_multitool() else {
        return;
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    // The rule fixtures, and a copy of the project fixtures outside this repository (each one
    // application, where the application-level missing-audit findings are; inside the
    // repository a scan of a subdirectory takes the whole repository's project facts).
    let projects = crate::support::copy_tree(&root.join("fixtures/projects"));
    let mut rules: std::collections::BTreeSet<String> = Default::default();
    for (at, tree, name) in [
        (root, "fixtures", "all.sarif"),
        (projects.path(), ".", "projects.sarif"),
    ] {
        let (code, _, err) = run(phi_lint(at)
            .args([
                "scan",
                tree,
                "--isolated",
                "--no-cache",
                "--suite",
                "extended",
                "--min-confidence",
                "low",
                "--include-suppressed",
                "-f",
                "sarif",
                "-o",
            ])
            .arg(dir.path().join(name)));
        assert!(code == 1 || code == 2, "{err}");
        let sarif = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        rules.extend(
            log["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|r| r["ruleId"].as_str().map(str::to_string)),
        );
        let problems = validate(&tool, dir.path(), name);
        assert!(
            problems.is_empty(),
            "the validator found problems in the SARIF of {tree}:\n{}",
            problems.join("\n")
        );
    }
    for code in [
        "PHI401", "PHI205", "PHI101", "PHI301", "PHI501", "PHI604", "PHI803",
    ] {
        assert!(rules.contains(code), "{code} missing from {rules:?}");
    }
}

#[test]
fn sarif_passes_the_multitool_validator_with_github_rules() {
    let Some(tool) = required_multitool() else {
        return;
    };
    let dir = project(&[
        (
            "app/views.py",
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    note = \"é€😀\"; log.info('x %s', patient.ssn)\n    log.info('y %s', patient.mrn)  # phi-lint: ignore[PHI101] fake data\n",
        ),
        ("web/a b.js", "function f(patient) {\n  console.log(patient.ssn);\n}\n"),
        ("bin.py", "\0\0binary"),
    ]);
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--include-suppressed", "-o", "out.sarif"]));
    assert_eq!(code, 1, "{err}");
    let problems = validate(&tool, dir.path(), "out.sarif");
    assert!(
        problems.is_empty(),
        "the validator found problems:\n{}",
        problems.join("\n")
    );
}
