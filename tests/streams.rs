//! Streams and messages: the report on standard output (or `-o`), every error and notification
//! on standard error in every format; output-file checks before the scan; `explain <category>`;
//! `--statistics`, `--quiet` and `--stdin-filename`; the README's option table.

use std::io::Write;
use std::process::Stdio;

use crate::support::{phi_lint, project, root, run};

const LEAKY: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n    print(patient.ssn)\n    log.info('y %s', patient.ssn)\n";
const UNUSED: &str = "def f(patient):\n    return patient.id  # phi-lint: ignore[PHI101] old\n";

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn notifications_go_to_stderr_in_every_format() {
    let dir = project(&[("b.py", UNUSED)]);
    for format in ["text", "json", "sarif", "github"] {
        let (code, out, err) = run(phi_lint(dir.path()).args([
            "scan",
            ".",
            "--report-unused-suppressions",
            "--format",
            format,
        ]));
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert!(
            err.contains("phi-lint: warning: b.py: line 2: unused suppression"),
            "{format}: {err}"
        );
        if format == "text" {
            assert!(!out.contains("unused suppression"), "{out}");
        }
    }
    // A file that cannot be scanned: an error on stderr, never in the text report.
    let dir = project(&[("a.py", LEAKY), ("boom.py", LEAKY)]);
    let (code, out, err) = run(phi_lint(dir.path())
        .args(["scan", "."])
        .env("PHI_LINT_DEBUG_PANIC_ON", "boom.py"));
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("a.py:5:") && !out.contains("boom.py"), "{out}");
    assert!(
        err.contains("phi-lint: error: boom.py: internal error"),
        "{err}"
    );
    assert!(
        err.contains("1 file could not be scanned; the scan is incomplete"),
        "{err}"
    );
}

#[test]
fn output_into_a_missing_directory_fails_before_the_scan() {
    let dir = project(&[("a.py", LEAKY)]);
    for flag in ["-o", "--write-baseline"] {
        let (code, out, err) =
            run(phi_lint(dir.path()).args(["scan", ".", flag, "no/such/dir/report.sarif"]));
        assert_eq!(code, 2, "{flag}: {out}{err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("no/such/dir/report.sarif") && err.contains("does not exist"),
            "{err}"
        );
        assert!(!err.contains("recorded"), "the scan ran: {err}");
    }
    assert!(!dir.path().join("no").exists());
}

#[test]
fn output_extension_picks_the_format_whatever_its_case() {
    let dir = project(&[("a.py", LEAKY)]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "-o", "out.SARIF"]));
    assert_eq!(code, 1, "{err}");
    let log = json(&std::fs::read_to_string(dir.path().join("out.SARIF")).unwrap());
    assert_eq!(log["version"], "2.1.0");
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "-o", "out.JSON"]));
    assert_eq!(code, 1, "{err}");
    let doc = json(&std::fs::read_to_string(dir.path().join("out.JSON")).unwrap());
    assert!(doc["findings"].is_array(), "{doc}");
}

#[test]
fn explain_a_category_lists_its_rules() {
    let dir = project(&[]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["explain", "phi-logging"]));
    assert_eq!(code, 0, "{err}");
    for (code, name) in [
        ("PHI101", "phi-in-log"),
        ("PHI102", "phi-in-console-output"),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} missing: {out}"));
        assert!(line.contains(name), "{line}");
        assert!(
            line.len() > code.len() + name.len() + 10,
            "no summary: {line}"
        );
    }
    assert!(!out.contains("PHI201"), "{out}");
    let (code, _, err) = run(phi_lint(dir.path()).args(["explain", "no-such-thing"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"), "{err}");
}

#[test]
fn suppression_problems_point_at_their_line() {
    let dir = project(&[("b.py", UNUSED)]);
    let (_, out, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--report-unused-suppressions",
        "--format",
        "sarif",
    ]));
    let log = json(&out);
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    let loc = &notes[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "b.py", "{loc}");
    assert_eq!(loc["region"]["startLine"], 2, "{loc}");

    let src = format!("# phi-lint: ignore-file generated\n{LEAKY}");
    let dir = project(&[("a.py", &src)]);
    let (_, out, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--strict-suppressions",
        "--format",
        "github",
    ]));
    let line = out
        .lines()
        .find(|l| l.contains("suppression without a rule list"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("::warning file=a.py,line=1,title=phi-lint::"),
        "{line}"
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = project(&[("a.py", LEAKY)]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--statistics"]));
    assert_eq!(code, 1, "{err}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["PHI101", "phi-in-log", "2"],
            vec!["PHI102", "phi-in-console-output", "1"]
        ],
        "{out}"
    );
    let (code, out, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--statistics", "-f", "json"]));
    assert_eq!(code, 1);
    assert_eq!(
        json(&out),
        serde_json::json!([
            {"code": "PHI101", "name": "phi-in-log", "count": 2},
            {"code": "PHI102", "name": "phi-in-console-output", "count": 1},
        ])
    );
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--statistics", "-f", "sarif"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn quiet_prints_only_findings() {
    let dir = project(&[("a.py", LEAKY)]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--quiet"]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().all(|l| l.starts_with("a.py:")), "{out}");
    assert!(err.is_empty(), "{err}");
    let dir = project(&[("ok.py", "x = 1\n")]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-q"]));
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
    // Errors still reach stderr.
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "missing", "-q"]));
    assert_eq!(code, 2);
    assert!(!err.is_empty());
}

#[test]
fn progress_never_reaches_a_redirected_stderr() {
    let dir = project(&[("ok.py", "x = 1\n")]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

fn scan_stdin(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = phi_lint(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // A usage error exits before reading: a closed pipe here is not a failure.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stdin_is_scanned_as_the_named_file() {
    // On disk the file is clean; the unsaved buffer leaks. The config beside it applies.
    let dir = project(&[
        ("src/app.py", "x = 1\n"),
        (
            "src/pyproject.toml",
            "[tool.phi-lint]\nignore = [\"PHI102\"]\n",
        ),
    ]);
    let (code, out, err) = scan_stdin(
        dir.path(),
        &["scan", "--stdin-filename", "src/app.py", "-"],
        LEAKY,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("src/app.py:5:22: PHI101"), "{out}");
    assert!(!out.contains("PHI102"), "config not applied: {out}");
    assert!(out.contains("in 1 file scanned"), "{out}");
    // Language from the extension.
    let (code, out, _) = scan_stdin(
        dir.path(),
        &["scan", "--stdin-filename", "web/x.ts", "-", "-f", "json"],
        "function f(patient) {\n  console.log(patient.ssn);\n}\n",
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(json(&out)["findings"][0]["path"], "web/x.ts", "{out}");
    // `-` needs a name, and a name needs `-`.
    let (code, _, err) = scan_stdin(dir.path(), &["scan", "-"], LEAKY);
    assert_eq!(code, 2);
    assert!(err.contains("--stdin-filename"), "{err}");
    let (code, _, _) = scan_stdin(
        dir.path(),
        &["scan", "--stdin-filename", "a.py", "."],
        LEAKY,
    );
    assert_eq!(code, 2);
    let (code, _, err) = scan_stdin(dir.path(), &["scan", "--stdin-filename", "a.txt", "-"], "");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn readme_usage_table_names_every_scan_flag() {
    let dir = project(&[]);
    let (code, help, _) = run(phi_lint(dir.path()).args(["scan", "--help"]));
    assert_eq!(code, 0);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("`scan` options:").expect("scan options table");
    let table: String = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    let flags: Vec<&str> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == '=')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    assert!(flags.contains(&"--statistics"), "{help}");
    for flag in flags {
        if flag == "--help" || flag == "--version" {
            continue;
        }
        let named = table.match_indices(flag).any(|(i, _)| {
            !table[i + flag.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        });
        assert!(named, "{flag} is not in the README's scan options table");
    }
    assert!(
        readme.contains("cargo install --locked --path ."),
        "quick start"
    );
}
