//! Workflow features end to end: inline suppressions, suppressed results in SARIF, baselines,
//! `--diff`, `--staged`, `--format github`, `phi-lint init`, `[rules]` levels and `include`.

use std::path::Path;
use std::process::Command;

use crate::support::{phi_lint, project, run};

const LEAKY: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n";

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn inline_suppressions_on_the_line_or_the_line_above() {
    let src = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('a %s', patient.ssn)  # phi-lint: ignore[PHI101] fake data\n    # phi-lint: ignore[phi-in-log]\n    log.info('b %s', patient.ssn)\n    log.info('c %s', patient.ssn)\n    s = '# phi-lint: ignore'\n    log.info('d %s', patient.ssn)\n";
    let dir = project(&[("a.py", src)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("a.py:5:"), "{out}");
    assert!(!out.contains("a.py:7:"), "{out}");
    assert!(out.contains("a.py:8:"), "{out}");
    // A string is not a comment.
    assert!(out.contains("a.py:10:"), "{out}");
    // JavaScript and Rust comment nodes too; a trailing comment does not cover the next line.
    let js = "function f(patient) {\n  console.log(patient.ssn); // phi-lint: ignore[PHI102] reviewed\n  console.log(patient.ssn);\n}\n";
    let rs = "fn f(patient: &Patient) {\n    /* phi-lint: ignore[PHI101] */\n    log::info!(\"{}\", patient.ssn);\n}\n";
    let dir = project(&[("a.js", js), ("a.rs", rs)]);
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert!(!out.contains("a.js:2:"), "{out}");
    assert!(out.contains("a.js:3:"), "{out}");
    assert!(!out.contains("a.rs:"), "{out}");
}

#[test]
fn ignore_file_and_strict_and_unused_suppressions() {
    let src = format!("# phi-lint: ignore-file generated fixture\n{LEAKY}");
    let dir = project(&[("a.py", &src)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}");
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--strict-suppressions"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("a.py: line 1: suppression without a rule list"),
        "{err}"
    );

    let src = "def f(patient):\n    return patient.id  # phi-lint: ignore[PHI101] old\n";
    let dir = project(&[("b.py", src)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}");
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--report-unused-suppressions"]));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("b.py: line 2: unused suppression"), "{err}");
    // Not unused when the rule it names did not run.
    let (code, _, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--report-unused-suppressions",
        "--select",
        "PHI102",
    ]));
    assert_eq!(code, 0);
}

#[test]
fn include_suppressed_keeps_them_marked_in_sarif_and_json() {
    let src = LEAKY.replace(
        "patient.ssn)",
        "patient.ssn)  # phi-lint: ignore[PHI101] fake data",
    );
    let dir = project(&[("a.py", &src)]);
    let (code, out, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--include-suppressed", "-f", "sarif"]));
    assert_eq!(code, 0, "suppressed findings never fail the run");
    let sarif = json(&out);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "PHI101");
    assert_eq!(result["suppressions"][0]["kind"], "inSource");
    assert_eq!(result["suppressions"][0]["justification"], "fake data");
    let (_, out, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--include-suppressed", "-f", "json"]));
    let doc = json(&out);
    assert_eq!(
        doc["findings"][0]["suppression"]["justification"],
        "fake data"
    );
    assert_eq!(doc["summary"]["findings"], 0);
    assert_eq!(doc["summary"]["suppressed"], 1);
    // Without the flag they are gone.
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "sarif"]));
    assert_eq!(json(&out)["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn baseline_hides_recorded_findings_and_survives_edits_above() {
    let dir = project(&[("a.py", LEAKY), ("b.py", LEAKY)]);
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--write-baseline", "phi-lint-baseline.json"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded 2 findings"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("phi-lint-baseline.json")).unwrap();
    let entries: Vec<&str> = text.lines().filter(|l| l.contains("\"code\"")).collect();
    assert_eq!(entries.len(), 2, "one entry per line:\n{text}");
    assert!(entries[0] < entries[1], "sorted:\n{text}");
    assert!(!text.contains("\"line\""), "no line numbers:\n{text}");

    // Insert lines above the finding, add a new one in another function.
    let edited = LEAKY.replace(
        "import logging\n",
        "import logging\nimport os\n\n\nCONSTANT = 1\n",
    ) + "\ndef g(patient):\n    log.info('y %s', patient.mrn)\n";
    std::fs::write(dir.path().join("a.py"), edited).unwrap();
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--baseline", "phi-lint-baseline.json"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("2 findings recorded in the baseline not shown"),
        "{err}"
    );
    assert!(out.contains("patient.mrn"), "{out}");
    assert!(!out.contains("patient.ssn"), "{out}");
    assert!(out.contains("Found 1 finding"), "{out}");

    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "--baseline", "a.py"]));
    assert_eq!(code, 2);
    assert!(err.contains("not a phi-lint baseline"), "{err}");
}

#[test]
fn diff_reports_only_changed_lines() {
    let dir = project(&[("a.py", LEAKY)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    let edited = format!("{LEAKY}    log.info('y %s', patient.mrn)\n");
    std::fs::write(d.join("a.py"), edited).unwrap();
    std::fs::write(d.join("new.py"), LEAKY).unwrap();
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--diff", "HEAD"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("a.py:6:"), "{out}");
    assert!(!out.contains("a.py:5:"), "{out}");
    assert!(out.contains("new.py:5:"), "untracked files are new:\n{out}");
    let (code, _, err) = run(phi_lint(d).args(["scan", ".", "--diff", "no-such-rev"]));
    assert_eq!(code, 2);
    assert!(err.contains("git diff"), "{err}");
}

/// `--staged --diff REV` keeps the findings on lines the index changed since `REV`, numbered as
/// the staged content the scan read: a working tree that differs from the index (here, reset
/// to `REV`) changes neither which lines changed nor their numbers.
#[test]
fn staged_with_diff_keeps_lines_the_index_changed() {
    let dir = project(&[("a.py", LEAKY)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    // Staged: three lines above the old leak (which moves from line 5 to 8) and a new leak.
    let staged = format!("# a\n# b\n# c\n{LEAKY}    log.info('y %s', patient.mrn)\n");
    std::fs::write(d.join("a.py"), &staged).unwrap();
    git(d, &["add", "a.py"]);
    std::fs::write(d.join("a.py"), LEAKY).unwrap();
    let (code, out, err) = run(phi_lint(d).args(["scan", "--staged", "--diff", "HEAD"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("a.py:9:"), "{out}");
    assert!(!out.contains("a.py:8:"), "{out}");
    assert!(!out.contains("a.py:5:"), "{out}");
}

#[test]
fn staged_scans_the_index_not_the_working_tree() {
    let dir = project(&[("a.py", LEAKY), ("clean.py", "x = 1\n")]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "a.py"]);
    // The working tree is fixed, the index still leaks.
    std::fs::write(d.join("a.py"), LEAKY.replace("ssn", "id")).unwrap();
    let (code, out, _) = run(phi_lint(d).args(["scan", "--staged"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a.py:5:22: PHI101"), "{out}");
    assert!(out.contains("in 1 file scanned"), "{out}");
    git(d, &["add", "a.py"]);
    let (code, out, _) = run(phi_lint(d).args(["scan", "--staged"]));
    assert_eq!(code, 0, "{out}");

    let outside = project(&[("a.py", LEAKY)]);
    let (code, _, err) = run(phi_lint(outside.path()).args(["scan", "--staged"]));
    assert_eq!(code, 2);
    assert!(err.contains("git"), "{err}");
}

#[test]
fn github_format_writes_escaped_workflow_commands() {
    let dir = project(&[("a b,c.py", LEAKY)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "github"]));
    assert_eq!(code, 1);
    assert_eq!(
        out.trim(),
        "::error file=a b%2Cc.py,line=5,col=22,endLine=5,endColumn=33,title=PHI101 phi-in-log::`patient.ssn` (Social Security number) is written to the log by `log.info` [45 CFR 164.502(b)]"
    );
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_to_overwrite() {
    let dir = project(&[("a.py", LEAKY)]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["init"]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("phi-lint.toml")).unwrap();
    assert!(text.contains("# [rules]"), "{text}");
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}{err}");
    let (code, _, err) = run(phi_lint(dir.path()).args(["init"]));
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn rule_levels_and_include_from_config() {
    let dir = project(&[
        ("src/a.py", LEAKY),
        ("scripts/b.py", LEAKY),
        (
            "phi-lint.toml",
            "include = [\"src/**\"]\n[rules]\nPHI101 = \"warning\"\n",
        ),
    ]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--fail-level", "error"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("src/a.py:5:22: PHI101 warning"), "{out}");
    assert!(!out.contains("scripts/"), "{out}");
    let dir = project(&[
        ("a.py", LEAKY),
        ("phi-lint.toml", "[rules]\nphi-in-log = \"off\"\n"),
    ]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}");
    let dir = project(&[
        ("a.py", LEAKY),
        ("phi-lint.toml", "[rules]\nPHI101 = \"loud\"\n"),
    ]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2);
    assert!(
        err.contains("phi-lint.toml:2:10: unknown value at key `rules`"),
        "{err}"
    );
    assert!(!err.contains("loud"), "the value is not repeated:\n{err}");
}

#[test]
fn suppressions_apply_to_project_level_findings() {
    let src = "SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # phi-lint: ignore[PHI501] kiosk policy approved\n";
    let dir = project(&[("proj/settings.py", src)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--include-suppressed"]));
    // The reason is text from the scanned code: JSON and SARIF carry it, the terminal does not.
    assert!(
        out.contains("PHI501") && out.contains("(suppressed)") && !out.contains("kiosk"),
        "{out}"
    );
    let (_, out, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--include-suppressed", "--format", "json"]));
    assert_eq!(
        json(&out)["findings"][0]["suppression"]["justification"],
        "kiosk policy approved",
        "{out}"
    );
    let dir = project(&[(
        "proj/settings.py",
        "SESSION_COOKIE_AGE = 60 * 60 * 24 * 30\n",
    )]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
}
