//! The linter must never become a PHI leak itself: scanning a tree full of fake-but-valid
//! identifiers, in every output format and with `--snippets`, must not print any of them.

use crate::support::{phi_lint, root, run};

/// Every identifier literal in `fixtures/projects/fake_identifiers`, as written there, plus the
/// distinctive name parts.
const LITERALS: &[&str] = &[
    "274-36-1958",
    "318-52-7046",
    "318527046",
    "471-23-9305",
    "00739251",
    "MRN-77310422",
    "3HN6RC4PW72",
    "5MX3-KD8-FP41",
    "5MX3KD8FP41",
    "1948-11-02",
    "11/02/1948",
    "(617) 423-8890",
    "423-8890",
    "quillon.fakerly@fakemail.org",
    "Quillon",
    "Fakerly",
    "Ysolde",
    "Mockwright",
];

/// Fragments of the identifiers: no output may carry even these.
const FRAGMENTS: &[&str] = &[
    "36-1958", "52-7046", "23-9305", "739251", "RC4PW72", "KD8-FP41", "7310422", "fakemail",
];

fn project() -> std::path::PathBuf {
    root().join("fixtures/projects/fake_identifiers")
}

#[test]
fn fixture_contains_every_literal() {
    let mut all = String::new();
    for f in ["seed.py", "seed.ts", "seed.rs", "tests/fixtures.js"] {
        all.push_str(&std::fs::read_to_string(project().join(f)).expect("fixture file"));
    }
    for lit in LITERALS.iter().chain(FRAGMENTS) {
        assert!(all.contains(lit), "fixture lost `{lit}`");
    }
}

#[test]
fn no_output_format_echoes_an_identifier() {
    let dir = tempfile::tempdir().expect("tempdir");
    for format in ["text", "json", "sarif"] {
        for snippets in [false, true] {
            let out_file = dir.path().join(format!("report-{format}-{snippets}.out"));
            let mut cmd = phi_lint(&project());
            cmd.args([
                "scan",
                ".",
                "--isolated",
                "--select",
                "ALL",
                "--format",
                format,
            ]);
            cmd.args(["--fail-level", "error"]);
            if snippets {
                cmd.arg("--snippets");
            }
            let (code, stdout, stderr) = run(&mut cmd);
            assert_eq!(code, 1, "{format}: findings expected\n{stdout}\n{stderr}");
            assert!(
                stdout.contains("PHI801") && stdout.contains("PHI802") && stdout.contains("PHI804"),
                "{format}: hardcoded-phi findings expected\n{stdout}"
            );
            // Query-string keys written with a value in them (`request.args["ssn 471-..."]`).
            assert!(
                stdout.matches("PHI701").count() >= 2,
                "{format}: phi-in-url findings on the string keys expected\n{stdout}"
            );
            let mut cmd = phi_lint(&project());
            cmd.args([
                "scan",
                ".",
                "--isolated",
                "--select",
                "ALL",
                "--format",
                format,
            ]);
            cmd.args(["--min-confidence", "low", "--output"]);
            cmd.arg(&out_file);
            if snippets {
                cmd.arg("--snippets");
            }
            let (_, stdout2, stderr2) = run(&mut cmd);
            let written = std::fs::read_to_string(&out_file).expect("report written");
            // Test and fixture findings are low confidence: shown, and redacted, with it.
            assert!(
                written.contains("tests/fixtures.js"),
                "{format}: low-confidence findings under tests/ expected\n{written}"
            );
            if snippets && format != "text" {
                assert!(
                    written.contains("[redacted]"),
                    "{format}: snippets expected"
                );
            }
            for (what, text) in [
                ("stdout", &stdout),
                ("stderr", &stderr),
                ("stdout (--output)", &stdout2),
                ("stderr (--output)", &stderr2),
                ("output file", &written),
            ] {
                for lit in LITERALS.iter().chain(FRAGMENTS) {
                    assert!(
                        !text.contains(lit),
                        "{format} (snippets: {snippets}) {what} echoes `{lit}`:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn hardcoded_config_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("phi-lint.toml"),
        "[hardcoded]\nallow-known-samples = true\nmrn-patterns = [\"^E[0-9]{7}$\"]\n",
    )
    .expect("config");
    std::fs::write(
        dir.path().join("lookup.py"),
        "SAMPLE = \"078-05-1120\"\n\n\ndef find(db):\n    return db.get(\"E4417302\")\n",
    )
    .expect("source");
    let (code, stdout, stderr) = run(phi_lint(dir.path()).args(["scan", ".", "--select", "PHI8"]));
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("lookup.py:5:19: PHI803"),
        "mrn-patterns literal expected:\n{stdout}"
    );
    assert!(
        !stdout.contains("PHI801"),
        "known samples are allowed:\n{stdout}"
    );
    assert!(!stdout.contains("E4417302"), "{stdout}");

    std::fs::write(
        dir.path().join("phi-lint.toml"),
        "[hardcoded]\nmrn-patterns = [\"(unclosed\"]\n",
    )
    .expect("config");
    let (code, _, stderr) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`hardcoded.mrn-patterns[0]`: not a valid regex"),
        "{stderr}"
    );
    assert!(!stderr.contains("unclosed"), "{stderr}");
}

/// PHI803 is in the extended suite: a PHI-named field assigned a literal is not in the
/// default output (on real code it was labels, validation messages and sample data), but
/// `--suite extended` shows it and configured `mrn-patterns` bring the rule back by default.
#[test]
fn field_name_literals_are_extended_suite_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("seed.py"),
        "def seed():\n    return {\"member_number\": \"XHZ412887301\", \"plan\": \"gold\"}\n",
    )
    .expect("source");
    let (code, stdout, stderr) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(!stdout.contains("PHI803"), "{stdout}");
    let (code, stdout, stderr) =
        run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "--suite", "extended"]));
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(stdout.contains("PHI803"), "{stdout}");
}
