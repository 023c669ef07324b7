//! The SARIF output passes the Microsoft SARIF Multitool validator with GitHub's rules
//! (`validate --rule-kind "Sarif;Gh"`): no error or warning results. The validator exits 0 even
//! when it finds errors, so this reads its result file.
//!
//! Skipped (passes with a note) when the multitool is not installed. Install it with
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

#[test]
fn sarif_passes_the_multitool_validator_with_github_rules() {
    let Some(tool) = multitool() else {
        eprintln!("note: SARIF Multitool not installed; validator check skipped");
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
    let out = dir.path().join("validation.sarif");
    let status = Command::new(&tool)
        .current_dir(dir.path())
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
        .arg("out.sarif")
        .output()
        .expect("the multitool runs");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "no validator output ({e}): {}",
            String::from_utf8_lossy(&status.stdout)
        )
    });
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let problems: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] == "error" || r["level"] == "warning")
        .map(|r| format!("{} {}: {}", r["level"], r["ruleId"], r["message"]))
        .collect();
    assert!(
        problems.is_empty(),
        "the validator found problems:\n{}",
        problems.join("\n")
    );
    // The validator must actually have run the GitHub rules.
    assert!(text.contains("SARIF2"), "{text}");
}
