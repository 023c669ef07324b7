//! End-to-end tests of the binary: exit codes, walking rules, formats, output files, and the
//! guarantee that output never repeats a value from the scanned code.

use crate::support::{copy_tree, phi_lint, project, root, run};

const LEAKY: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n";
const CLEAN: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.id)\n";

#[test]
fn exit_code_is_1_with_findings_and_0_without() {
    let dir = project(&[("leak.py", LEAKY)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("leak.py:5:22: PHI101 error"), "{out}");
    let dir = project(&[("ok.py", CLEAN)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("No PHI leaks found in 1 file."), "{out}");
}

#[test]
fn fail_level_raises_the_bar() {
    // A whole record is a warning, not an error.
    let dir = project(&[("w.py", "def f(patient):\n    print(patient)\n")]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--fail-level", "error"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PHI102 warning"), "{out}");
    let (code, _, _) = run(phi_lint(dir.path()).args(["scan", ".", "--fail-level", "warning"]));
    assert_eq!(code, 1);
}

#[test]
fn exit_code_is_2_for_usage_errors_and_missing_paths() {
    let dir = project(&[("ok.py", CLEAN)]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "--select", "PHI999"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule selector `PHI999`"), "{err}");
    let (code, _, _) = run(phi_lint(dir.path()).args(["scan", "--format", "xml"]));
    assert_eq!(code, 2);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "ok.py", "does-not-exist"]));
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("does-not-exist: no such file or directory"),
        "{err}"
    );
}

#[test]
fn invalid_config_is_an_error_with_location() {
    let dir = project(&[
        ("ok.py", CLEAN),
        ("phi-lint.toml", "select = [\"ALL\"]\nunknown-key = 1\n"),
    ]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
    // The place and what was expected; the unknown key is the file's, not repeated.
    assert!(
        err.contains("phi-lint.toml:2:1: unknown key: expected one of `extend`"),
        "{err}"
    );
    let dir = project(&[("ok.py", CLEAN), ("phi-lint.toml", "select = [\n")]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn config_file_selects_rules_and_extends_vocabulary() {
    // A national identifier the default vocabulary does not know (Iceland's kennitala).
    let src = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(person):\n    log.info('x %s', person.kennitala)\n    print(person.kennitala)\n";
    let dir = project(&[
        ("a.py", src),
        (
            "phi-lint.toml",
            "ignore = [\"PHI102\"]\n[phi]\nstrong = [\"kennitala\"]\n",
        ),
    ]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("PHI101"), "{out}");
    assert!(!out.contains("PHI102"), "{out}");
    let (code, _, _) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 0);
}

#[test]
fn walking_honours_gitignore_and_phi_lintignore_outside_git() {
    let dir = copy_tree(&root().join("fixtures/projects/gitignore_demo"));
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("app/views.py:7"), "{out}");
    assert!(!out.contains("build/"), "gitignored file scanned:\n{out}");
    assert!(
        !out.contains("vendored/"),
        ".phi-lintignore'd file scanned:\n{out}"
    );
    assert!(out.contains("in 2 files scanned"), "{out}");
}

/// A configuration whose `include` matches no file leaves every source file out, as `exclude`
/// would: the scan checked nothing and says so (exit 2), instead of "No PHI leaks found in 0
/// files" and a green CI job.
#[test]
fn an_include_that_matches_nothing_is_an_error_not_a_clean_scan() {
    let dir = project(&[
        ("app/a.py", "def f(patient):\n    print(patient.ssn)\n"),
        ("phi-lint.toml", "include = [\"nothing/**\"]\n"),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("no file was scanned (1 excluded"), "{err}");
    assert!(!out.contains("No PHI leaks found"), "{out}");
}

#[test]
fn explicit_files_are_scanned_even_if_gitignored_but_excludes_apply() {
    let dir = copy_tree(&root().join("fixtures/projects/gitignore_demo"));
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "build/generated.py"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("build/generated.py:3"), "{out}");
    // Every file named is excluded by the configuration (a pre-commit hook passing only
    // excluded staged files): nothing to check, and the commit is not blocked.
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", "build/generated.py", "--exclude", "build"]));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("build/generated.py:3"), "{out}");
    assert!(
        err.contains("every file named (1) is excluded by the configuration"),
        "{err}"
    );
    // A directory that yields nothing to scan is an error: CI must not go green on nothing.
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "--exclude", "app"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no file was scanned"), "{err}");
}

#[test]
fn exclude_globs_skip_paths() {
    let dir = project(&[("src/a.py", LEAKY), ("migrations/0001.py", LEAKY)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--exclude", "migrations"]));
    assert_eq!(code, 1);
    assert!(out.contains("src/a.py"), "{out}");
    assert!(!out.contains("migrations"), "{out}");
}

#[test]
fn format_is_inferred_from_output_extension_and_written_atomically() {
    let dir = project(&[("leak.py", LEAKY)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-o", "report.sarif"]));
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing on stdout when -o is given: {out}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let (_, _, _) = run(phi_lint(dir.path()).args(["scan", "leak.py", "-o", "report.json"]));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(json["findings"][0]["code"], "PHI101");
    assert_eq!(json["summary"]["findings"], 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

/// `-o /dev/null` is common in scripts. Renaming a report over a device or pipe would replace it
/// with a regular file (as root, breaking `/dev/null` for the whole machine), and renaming over a
/// symlink would replace the link. Tested on a named pipe and a symlink, never on `/dev/null`.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_symlink_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = project(&[("leak.py", LEAKY)]);
    let fifo = dir.path().join("pipe.sarif");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.map(|s| s.success()).unwrap_or(false) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let (code, _, err) =
            run(phi_lint(dir.path()).args(["scan", "leak.py", "-o", "pipe.sarif"]));
        assert_eq!(code, 1, "{err}");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the named pipe was replaced by {kind:?}");
        let text = reader.join().unwrap();
        let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(sarif["version"], "2.1.0");
    }

    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/real.json"), "old").unwrap();
    std::os::unix::fs::symlink("reports/real.json", dir.path().join("link.json")).unwrap();
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "leak.py", "-o", "link.json"]));
    assert_eq!(code, 1, "{err}");
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the symlink was replaced");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reports/real.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["findings"][0]["code"], "PHI101");
}

/// `phi-lint rules | head -1` and friends: a reader that goes away is not an error and never a
/// panic. The read end is closed before the child starts, so its first write fails every time.
#[test]
fn a_closed_stdout_pipe_is_not_an_error() {
    let dir = project(&[("leak.py", LEAKY)]);
    let cases: [(&[&str], i32); 5] = [
        (&["rules"], 0),
        (&["rules", "--json"], 0),
        (&["explain", "PHI101"], 0),
        (&["init", "-"], 0),
        (&["scan", "leak.py"], 1),
    ];
    for (args, want) in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = phi_lint(dir.path())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// An unwritable `-o` is a usage-level error (exit 2) that names the file and the cause once.
#[test]
fn unwritable_output_names_the_file_and_the_cause_once() {
    let dir = project(&[("leak.py", LEAKY)]);
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["scan", "leak.py", "-o", "missing/dir/out.sarif"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write missing/dir/out.sarif"), "{err}");
    assert_eq!(err.matches("does not exist").count(), 1, "{err}");
}

#[test]
fn output_is_identical_across_thread_counts() {
    let dir = copy_tree(&root().join("fixtures"));
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8"] {
        let (_, out, _) = run(phi_lint(dir.path()).args([
            "scan",
            ".",
            "--format",
            "sarif",
            "--threads",
            threads,
        ]));
        outputs.push(out);
    }
    assert!(outputs[0].len() > 1000);
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn prefilter_never_changes_the_results() {
    let dir = copy_tree(&root().join("fixtures"));
    let (_, with, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--format",
        "json",
        "--min-confidence",
        "low",
    ]));
    let (_, without, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--format",
        "json",
        "--min-confidence",
        "low",
        "--no-prefilter",
    ]));
    let with: serde_json::Value = serde_json::from_str(&with).unwrap();
    let without: serde_json::Value = serde_json::from_str(&without).unwrap();
    assert!(without["findings"].as_array().unwrap().len() > 50);
    assert_eq!(
        with["findings"], without["findings"],
        "the byte prefilter skipped a file that has findings"
    );
    // The summary says how many files were parsed: every scanned file without the prefilter,
    // fewer with it (fixtures include files no rule can fire on).
    let count = |doc: &serde_json::Value, key: &str| doc["summary"][key].as_u64().unwrap();
    assert_eq!(
        count(&without, "files_parsed"),
        count(&without, "files_scanned")
    );
    assert_eq!(
        count(&with, "files_scanned"),
        count(&without, "files_scanned")
    );
    assert!(
        count(&with, "files_parsed") < count(&with, "files_scanned"),
        "{}",
        with["summary"]
    );
}

/// The benchmark's baselines parse every file, prefilter or not, report nothing and succeed;
/// the query baseline runs the queries (an invalid selection is still a usage error).
#[test]
fn benchmark_baselines_parse_every_file_and_report_nothing() {
    let dir = project(&[
        ("leak.py", LEAKY),
        ("plain.py", "def add(a, b):\n    return a + b\n"),
        (
            "web.ts",
            "export const f = (patient: any) => console.log(patient.ssn);\n",
        ),
    ]);
    for mode in ["--parse-only", "--query-only"] {
        let (code, out, err) =
            run(phi_lint(dir.path()).args(["scan", ".", "--format", "json", mode]));
        assert_eq!(code, 0, "{mode}: {out}{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["summary"]["files_scanned"], 3, "{mode}: {out}");
        // `plain.py` has nothing any rule could fire on: a real scan would not parse it.
        assert_eq!(doc["summary"]["files_parsed"], 3, "{mode}: {out}");
        assert_eq!(doc["summary"]["findings"], 0, "{mode}: {out}");
    }
    let (code, _, _) =
        run(phi_lint(dir.path()).args(["scan", ".", "--parse-only", "--query-only"]));
    assert_eq!(code, 2);
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["files_parsed"], 2, "{out}");
}

/// Small scans (a pre-commit hook's files) compile only the patterns of the rules that can fire
/// in their files; that must never lose a finding either.
#[test]
fn small_scans_compile_only_what_they_need_and_lose_nothing() {
    let dir = copy_tree(&root().join("fixtures"));
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir.path()) {
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    // Mixed languages per chunk, fewer files than the small-scan threshold.
    let mut total = 0;
    for chunk in files.chunks(48) {
        let mut args = vec!["scan", "--format", "json", "--min-confidence", "low"];
        args.extend(chunk.iter().map(String::as_str));
        let (_, with, _) = run(phi_lint(dir.path()).args(&args));
        args.push("--no-prefilter");
        let (_, without, _) = run(phi_lint(dir.path()).args(&args));
        let with: serde_json::Value = serde_json::from_str(&with).unwrap();
        let without: serde_json::Value = serde_json::from_str(&without).unwrap();
        assert_eq!(with["findings"], without["findings"], "files {chunk:?}");
        total += with["findings"].as_array().unwrap().len();
    }
    assert!(total > 50, "{total}");
}

#[test]
fn output_never_contains_scanned_values() {
    let fake_values = [
        "219-09-9999",
        "219099999",
        "1EG4-TE5-MK73",
        "1EG4TE5MK73",
        "1957-03-14",
        "MRN00482913",
        "00482913",
        "zebulon.quixotefake@example.org",
        "555-0142",
        "Zebulon",
        "Quixotefake",
        "E11.9",
    ];
    let dir = copy_tree(&root().join("fixtures/projects/fake_phi"));
    for args in [
        vec!["scan", ".", "--format", "text", "--min-confidence", "low"],
        vec!["scan", ".", "--format", "json", "--min-confidence", "low"],
        vec!["scan", ".", "--format", "sarif", "--min-confidence", "low"],
        vec!["scan", ".", "--format", "sarif", "-o", "out.sarif"],
    ] {
        let (code, out, err) = run(phi_lint(dir.path()).args(&args));
        assert_eq!(code, 1, "the fixture has findings ({args:?}): {out}");
        let file = std::fs::read_to_string(dir.path().join("out.sarif")).unwrap_or_default();
        // Rule documentation in `tool.driver.rules` legitimately quotes well-known sample
        // identifiers (the Woolworth SSN, the CMS sample MBI); everything else is checked.
        let without_docs = |text: &str| -> String {
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(mut v) if v.get("runs").is_some() => {
                    v["runs"][0]["tool"] = serde_json::Value::Null;
                    v.to_string()
                }
                _ => text.to_string(),
            }
        };
        let (out, file) = (without_docs(&out), without_docs(&file));
        for value in fake_values {
            for (what, text) in [("stdout", &out), ("stderr", &err), ("out.sarif", &file)] {
                assert!(
                    !text.contains(value),
                    "{what} of {args:?} contains the scanned value {value}"
                );
            }
        }
    }
    // With --snippets, identifier-shaped substrings are masked.
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--snippets"]));
    assert!(out.contains(" | "), "snippets are shown: {out}");
    for value in [
        "219-09-9999",
        "1957-03-14",
        "MRN00482913",
        "zebulon.quixotefake@example.org",
        "555-0142",
    ] {
        assert!(!out.contains(value), "--snippets output contains {value}");
    }
}

#[test]
fn rules_and_explain() {
    let dir = project(&[]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["rules"]));
    assert_eq!(code, 0);
    assert!(out.contains("PHI101  phi-in-log"), "{out}");
    assert!(out.contains("45 CFR 164.502(b)"), "{out}");
    // Columns stay aligned whatever the length of a rule name or category.
    let header = out.lines().next().unwrap();
    let (category_at, level_at) = (
        header.find("CATEGORY").unwrap(),
        header.find("LEVEL").unwrap(),
    );
    for line in out.lines().skip(1) {
        assert_eq!(line.as_bytes()[category_at - 1], b' ', "{line}");
        assert_ne!(line.as_bytes()[category_at], b' ', "{line}");
        assert!(
            ["error", "warning", "note"]
                .iter()
                .any(|l| line[level_at..].starts_with(l)),
            "{line}"
        );
    }
    let (code, out, _) = run(phi_lint(dir.path()).args(["explain", "phi-in-log"]));
    assert_eq!(code, 0);
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## References",
    ] {
        assert!(out.contains(heading), "{heading} missing:\n{out}");
    }
    let (code, _, err) = run(phi_lint(dir.path()).args(["explain", "nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"), "{err}");
    let (code, out, _) = run(phi_lint(dir.path()).args(["rules", "--json"]));
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(rows.as_array().unwrap().len() >= 4);
}

/// The text report of `scan . --select rules`, at the default confidence or with `low` ones.
fn scan_selected(dir: &std::path::Path, rules: &str, low: bool) -> String {
    let mut cmd = phi_lint(dir);
    cmd.args(["scan", ".", "--select", rules]);
    if low {
        cmd.args(["--min-confidence", "low"]);
    }
    run(&mut cmd).1
}

#[test]
fn hardcoded_identifiers_in_demo_and_mock_data_are_low_confidence() {
    let record = "PATIENT = {'name': 'Zelda Quimby', 'dob': '1957-03-14', 'diagnosis': 'E11.9'}\n";
    const MADE_UP: [&str; 3] = [
        "app/demo/patients.py",
        "app/fake_patients.py",
        "web/src/mockData.py",
    ];
    let mut files = vec![("db/seed.py", record)];
    files.extend(MADE_UP.iter().map(|p| (*p, record)));
    let dir = project(&files);
    let out = scan_selected(dir.path(), "PHI804", false);
    assert!(
        out.contains("db/seed.py:1"),
        "seed scripts stay in scope:\n{out}"
    );
    for path in MADE_UP {
        assert!(!out.contains(path), "{path} holds made-up data:\n{out}");
    }
    let out = scan_selected(dir.path(), "PHI804", true);
    for path in MADE_UP {
        assert!(
            out.contains(&format!("{path}:1")),
            "{path} at low confidence:\n{out}"
        );
    }
}

#[test]
fn test_code_is_demoted_in_every_family() {
    let leak = "import requests\n\ndef f(patient):\n    print(patient.ssn)\n    requests.get('http://api.partner.com/x')\n    ssn = '212-45-6789'\n";
    let dir = project(&[
        ("tests/test_views.py", leak),
        ("app/views.py", leak),
        ("app/tests.py", leak),
    ]);
    let rules = "PHI102,PHI301,PHI801";
    let out = scan_selected(dir.path(), rules, false);
    for line in 4..=6 {
        assert!(out.contains(&format!("app/views.py:{line}")), "{out}");
    }
    assert!(
        !out.contains("tests/test_views.py") && !out.contains("app/tests.py"),
        "test code is low confidence, hard-coded identifiers too:\n{out}"
    );
    let out = scan_selected(dir.path(), rules, true);
    for line in 4..=6 {
        assert!(
            out.contains(&format!("tests/test_views.py:{line}")),
            "{out}"
        );
    }
}

/// Rules outside the default suite run with `--suite extended` (or `suite = "extended"`), or
/// when named by code or name; a category or `ALL` brings only the chosen suite's rules.
#[test]
fn suites_choose_which_rules_run() {
    let audit = "def read(patient):\n    audit_log(\"patient.read\", patient_ref=patient.id)\n\n\n\
                 def edit(patient):\n    audit_log(\"patient.edit\", actor=user_id, name=patient.full_name)\n";
    let dir = project(&[("views.py", audit)]);
    let codes = |args: &[&str]| {
        let mut all = vec!["scan", ".", "--format", "json"];
        all.extend_from_slice(args);
        let (code, out, err) = run(phi_lint(dir.path()).args(&all));
        assert!(code == 0 || code == 1, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(!codes(&[]).contains(&"PHI403".to_string()));
    assert!(!codes(&["--select", "missing-audit"]).contains(&"PHI403".to_string()));
    assert!(codes(&["--suite", "extended"]).contains(&"PHI403".to_string()));
    assert!(codes(&["--select", "PHI403"]).contains(&"PHI403".to_string()));
    assert!(codes(&["--select", "audit-event-missing-actor"]).contains(&"PHI403".to_string()));
    // PHI402 checks the content of an audit trail that exists: extended too.
    assert!(!codes(&[]).contains(&"PHI402".to_string()));
    assert!(codes(&["--suite", "extended"]).contains(&"PHI402".to_string()));
    assert!(codes(&["--select", "PHI402"]).contains(&"PHI402".to_string()));
    std::fs::write(dir.path().join("phi-lint.toml"), "suite = \"extended\"\n").unwrap();
    assert!(codes(&[]).contains(&"PHI403".to_string()));
    std::fs::write(dir.path().join("phi-lint.toml"), "suite = \"everything\"\n").unwrap();
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown suite"), "{err}");
    let (_, out, _) = run(phi_lint(dir.path()).args(["rules", "--json"]));
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    let phi403 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "PHI403")
        .unwrap();
    assert_eq!(phi403["suite"], "extended");
}

/// Benchmarks, load tests, Storybook stories, examples, demo and sample projects, docs and
/// translation tables hold synthetic data or none: their findings are demoted like tests'.
#[test]
fn non_production_paths_are_demoted_like_tests() {
    let leak = "function show(patient) {\n  console.log(patient.dateOfBirth);\n}\nmodule.exports = { show };\n";
    let non_production = [
        "k6/benchmarks/search.js",
        "crates/auth/benches/bench.js",
        "src/components/Chart.stories.js",
        "stories/chart.js",
        "examples/basic/app.js",
        "demo-app/src/app.js",
        "samples/app.js",
        "docs/snippets/app.js",
        "src/shared/locales/fr/patient.js",
        "scripts/test-search-perf.js",
        "src/mockServer/routes/patients.js",
        "app/management/commands/dummy-generator-users.js",
        "seed/fake_patients.js",
        "backend/src/bin/seed_test_patients.js",
        "prisma/seed.js",
        "db/seeders/20240101-patients.js",
        "scripts/synthetic-benes/convert.js",
        "courses/ai-evaluation-101/case_runner.js",
        "backend/src/scripts/ambientScribeSmoke.js",
        "tests-ops/soak-run.js",
        "src/features/patient-detail-shell.old.js",
        "src/views.bak.js",
    ];
    let mut files: Vec<(&str, &str)> = non_production.iter().map(|p| (*p, leak)).collect();
    files.push(("src/app.js", leak));
    files.push(("src/demographics.js", leak));
    // About tobacco use, not a smoke test.
    files.push(("src/smoke_status.js", leak));
    // Seed data as a domain object of the application (a training EHR's case seeds) runs in
    // production.
    files.push(("server/src/seed/seed-data.js", leak));
    let dir = project(&files);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "server/src/seed/seed-data.js",
            "src/app.js",
            "src/demographics.js",
            "src/smoke_status.js"
        ]
    );
}

/// The configuration is looked up from the scanned path up to the repository root and no
/// further: a `pyproject.toml` in a parent directory of a checkout (another project, a CI
/// workspace) must not switch this repository's rules off.
#[test]
fn config_lookup_stops_at_the_repository_root() {
    let outer = project(&[
        ("pyproject.toml", "[tool.phi-lint]\nignore = [\"ALL\"]\n"),
        ("repo/app.py", LEAKY),
    ]);
    std::fs::create_dir_all(outer.path().join("repo/.git")).unwrap();
    let (code, out, err) = run(phi_lint(&outer.path().join("repo")).args(["scan", "."]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("app.py"), "{out}");
}

/// `--no-repo-config` (an alias of `--isolated`) ignores what the scanned repository
/// configures: a committed config that switches every rule off has no effect.
#[test]
fn no_repo_config_ignores_the_repository_configuration() {
    let dir = project(&[("phi-lint.toml", "ignore = [\"ALL\"]\n"), ("app.py", LEAKY)]);
    let (code, _, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_ne!(code, 1);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--no-repo-config"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("app.py"), "{out}");
}

/// A repository's configuration is untrusted input: the report says which file was used and
/// which rules it switched off (JSON `config`, SARIF `invocations[0].properties`, and one
/// stderr note per category in every format).
/// Terms a configuration declares never PHI (`[phi] ignore`) hide findings as surely as a rule
/// switched off: the report names them (JSON `config.files[].terms_ignored`, SARIF
/// `configFiles[].phiTermsIgnored`, a stderr note, a term that is not name-shaped as `<term>`).
#[test]
fn the_report_records_the_terms_the_configuration_declares_never_phi() {
    let dir = project(&[
        (
            "phi-lint.toml",
            "[phi]\nignore = [\"ssn\", \"patient\", \"x\\u001b[2J\"]\n",
        ),
        ("app.py", LEAKY),
    ]);
    let (_, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["config"]["files"][0]["terms_ignored"],
        serde_json::json!(["patient", "ssn", "x\u{1b}[2J"])
    );
    assert!(
        err.contains("declares 3 terms never PHI ([phi] ignore: patient, ssn, <term>)"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert_eq!(props["configFiles"][0]["phiTermsIgnored"][1], "ssn");
}

/// A configuration that excludes every file is recorded in the report like one that switches
/// rules off (issue 21: `exclude = ["**"]` left no trace), and the run fails.
#[test]
fn a_configuration_that_excludes_everything_is_recorded() {
    let dir = project(&[("phi-lint.toml", "exclude = [\"**\"]\n"), ("app.py", LEAKY)]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    assert_eq!(code, 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["config"]["files"][0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("phi-lint.toml")),
        "{v}"
    );
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert!(
        props["configFile"]
            .as_str()
            .is_some_and(|f| f.ends_with("phi-lint.toml")),
        "{props}"
    );
}

#[test]
fn the_report_records_what_the_configuration_switched_off() {
    let dir = project(&[
        (
            "phi-lint.toml",
            "ignore = [\"phi-logging\"]\n[rules]\nPHI701 = \"off\"\n",
        ),
        ("app.py", LEAKY),
    ]);
    let (_, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["config"]["file"]
        .as_str()
        .unwrap()
        .ends_with("phi-lint.toml"));
    assert_eq!(
        v["config"]["rules_off"],
        serde_json::json!(["PHI101", "PHI102", "PHI103", "PHI104", "PHI701"])
    );
    assert!(
        err.contains("switches off phi-logging (PHI101, PHI102, PHI103, PHI104)"),
        "{err}"
    );
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert_eq!(props["rulesOffByConfig"][4], "PHI701");
    // Without a configuration nothing is reported as switched off.
    let (_, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--isolated", "-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["config"]["rules_off"], serde_json::json!([]));
    assert!(!err.contains("switches off"), "{err}");
}
