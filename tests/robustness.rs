//! Hostile and unusual input: nothing crashes the scan, loses results, or goes unreported.

use crate::support::{phi_lint, project, run};

const LEAK: &str = "def f(patient):\n    print(patient.ssn)\n";

#[test]
fn binary_content_with_a_source_extension_is_skipped_with_a_warning() {
    let dir = project(&[("ok.py", LEAK)]);
    std::fs::write(
        dir.path().join("video.ts"),
        [0x47u8, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d],
    )
    .unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "findings in other files still count:\n{out}");
    assert!(
        err.contains("warning: video.ts: binary content in a source file; skipped"),
        "{err}"
    );
    assert!(out.contains("ok.py:2"), "{out}");
}

#[test]
fn invalid_utf8_is_scanned_lossily_with_a_note() {
    let dir = project(&[]);
    let mut bytes = b"# caf\xe9 \xff\n".to_vec();
    bytes.extend_from_slice(LEAK.as_bytes());
    std::fs::write(dir.path().join("latin1.py"), bytes).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("note: latin1.py: invalid UTF-8"), "{err}");
    assert!(out.contains("latin1.py:3:11: PHI102"), "{out}");
}

#[test]
fn huge_single_line_bundles_are_skipped_not_waited_on() {
    let dir = project(&[]);
    let mut big = String::with_capacity(50 * 1024 * 1024 + 64);
    while big.len() < 50 * 1024 * 1024 {
        big.push_str("var a=function(b){return b+1};console.log(a(2));");
    }
    std::fs::write(dir.path().join("bundle.js"), &big).unwrap();
    let t = std::time::Instant::now();
    // The only file is skipped: nothing was scanned, which is not a clean result.
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("bundle.js: file is 5242"), "{err}");
    assert!(t.elapsed().as_secs() < 20);
    // Above the size limit the minified-code detector still skips it.
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--max-file-size", "100000000"]));
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("bundle.js: minified or generated code"),
        "{err}"
    );
}

#[test]
fn deeply_nested_input_does_not_overflow_the_stack() {
    let depth = 100_000;
    // One bracket per line, so the minified-code detector does not skip the files.
    let (open_sq, close_sq) = ("[\n".repeat(depth), "]\n".repeat(depth));
    let (open, close) = ("(\n".repeat(depth), ")\n".repeat(depth));
    let py = format!("import logging\nlog = logging.getLogger()\n\ndef f(patient):\n    x = {open_sq}patient.ssn{close_sq}\n    log.info(x)\n");
    let js = format!("function f(patient) {{ console.log({open}patient.ssn{close}); }}\n");
    let rs = format!(
        "fn f(patient: &Patient) {{ let x = {open}patient.ssn{close}; println!(\"{{}}\", x); }}\n"
    );
    let dir = project(&[("deep.py", &py), ("deep.js", &js), ("deep.rs", &rs)]);
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--max-file-size", "10000000"]));
    assert!(code == 0 || code == 1, "exit {code}\n{out}\n{err}");
    assert!(!err.contains("overflow"), "{err}");
    assert!(
        out.contains("3 files scanned") || out.contains("in 3 files"),
        "{out}"
    );
}

#[test]
fn nested_token_trees_in_a_macro_do_not_overflow_the_stack() {
    // The audit's 2.6 KB repro (`info!(((((...)))))`, 1,300 levels) and a deeper one with a
    // PHI path at the bottom, in a directory scan large enough to run on the worker threads.
    let shallow = format!(
        "fn main() {{\n    info!({}x{});\n}}\n",
        "(".repeat(1300),
        ")".repeat(1300)
    );
    let deep = format!(
        "use log::info;\nfn main() {{\n    info!(\"{{}}\", {}patient.ssn{});\n}}\n",
        "(\n".repeat(20_000),
        ")\n".repeat(20_000)
    );
    let mut files: Vec<(String, String)> =
        vec![("deep.rs".into(), shallow), ("deeper.rs".into(), deep)];
    for i in 0..70 {
        files.push((format!("m{i}.py"), format!("x = {i}\n")));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let dir = project(&refs);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert!(code == 0 || code == 1, "exit {code}\n{out}\n{err}");
    assert!(!err.contains("overflow"), "{err}");
    assert!(out.contains("72 files"), "{out}");
}

#[test]
fn empty_files_bom_and_crlf_are_handled() {
    let dir = project(&[
        ("empty.py", ""),
        (
            "bom.py",
            "\u{feff}def f(patient):\n    print(patient.ssn)\n",
        ),
        ("crlf.py", "def f(patient):\r\n    print(patient.ssn)\r\n"),
    ]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("bom.py:2:11: PHI102"),
        "BOM does not shift columns:\n{out}"
    );
    assert!(
        out.contains("crlf.py:2:11: PHI102"),
        "CRLF lines keep their columns:\n{out}"
    );
    assert!(out.contains("in 3 files scanned"), "{out}");
    let (_, sarif, _) = run(phi_lint(dir.path()).args(["scan", "crlf.py", "--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        region["endColumn"], 22,
        "end column excludes the CR: {region}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_once() {
    let dir = project(&[("src/a.py", LEAK)]);
    std::os::unix::fs::symlink(dir.path().join("src"), dir.path().join("src/loop")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("gone.py"),
        dir.path().join("src/dangling.py"),
    )
    .unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert_eq!(err.matches("dangling.py").count(), 1, "{err}");
    assert!(out.contains("src/a.py:2"), "{out}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_make_the_scan_incomplete() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(&[("a.py", LEAK), ("secret.py", LEAK)]);
    let secret = dir.path().join("secret.py");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions do not apply. A dangling path given explicitly is the
        // nearest unreadable input.
        let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "a.py", "nope/secret.py"]));
        assert_eq!(code, 2, "{out}");
        return;
    }
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("secret.py: permission denied"), "{err}");
    assert!(
        out.contains("a.py:2"),
        "other files keep their findings:\n{out}"
    );
}

#[test]
fn unusual_paths_work_and_are_percent_encoded_in_sarif() {
    let dir = project(&[("dir with space/ünïcode file.py", LEAK)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("dir with space/ünïcode file.py:2"), "{out}");
    let (_, sarif, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "sarif"]));
    assert!(
        sarif.contains("dir%20with%20space/%C3%BCn%C3%AFcode%20file.py"),
        "{sarif}"
    );
}

#[test]
fn directory_named_like_a_file_and_file_arguments_of_other_types() {
    let dir = project(&[
        ("looks_like.py/inner.py", LEAK),
        ("notes.txt", "patient ssn\n"),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "looks_like.py", "notes.txt"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("looks_like.py/inner.py:2"), "{out}");
    assert!(
        err.contains("notes.txt: not a Python, JavaScript, TypeScript or Rust file; skipped"),
        "{err}"
    );
}

#[test]
fn a_panic_in_one_file_is_contained() {
    let dir = project(&[("a.py", LEAK), ("boom.py", LEAK), ("c.py", LEAK)]);
    let (code, out, err) = run(phi_lint(dir.path())
        .args(["scan", "."])
        .env("PHI_LINT_DEBUG_PANIC_ON", "boom.py"));
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("error: boom.py: internal error"), "{err}");
    // The panic's own message (which could quote the file) is not printed, only its place.
    assert!(!err.contains("PHI_LINT_DEBUG_PANIC_ON matched"), "{err}");
    assert!(err.contains("phi-lint: internal error at src/"), "{err}");
    assert!(
        out.contains("a.py:2") && out.contains("c.py:2"),
        "other files keep their results:\n{out}"
    );
    let (_, sarif, _) = run(phi_lint(dir.path())
        .args(["scan", ".", "--format", "sarif"])
        .env("PHI_LINT_DEBUG_PANIC_ON", "boom.py"));
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
}

/// The binary turns off mimalloc's eager arena commit before the allocator starts (peak RSS,
/// README Performance), and an explicit `MIMALLOC_ARENA_EAGER_COMMIT` still wins. mimalloc's
/// verbose mode prints the options it runs with.
#[cfg(target_os = "linux")]
#[test]
fn allocator_commits_lazily_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let option = |env: Option<&str>| {
        let mut cmd = phi_lint(dir.path());
        cmd.arg("rules").env("MIMALLOC_VERBOSE", "1");
        cmd.env_remove("MIMALLOC_ARENA_EAGER_COMMIT");
        if let Some(v) = env {
            cmd.env("MIMALLOC_ARENA_EAGER_COMMIT", v);
        }
        let (code, _, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        err.lines()
            .find(|l| l.contains("'arena_eager_commit'"))
            .map(|l| l.trim().to_string())
            .unwrap_or_else(|| panic!("mimalloc printed no options: {err}"))
    };
    assert_eq!(option(None), "option 'arena_eager_commit': 0");
    assert_eq!(option(Some("1")), "option 'arena_eager_commit': 1");
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded_and_scanned() {
    let dir = project(&[]);
    let mut le = vec![0xff, 0xfe];
    le.extend(LEAK.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(LEAK.encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(dir.path().join("le.py"), le).unwrap();
    std::fs::write(dir.path().join("be.py"), be).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("le.py:2:11: PHI102"), "{out}");
    assert!(out.contains("be.py:2:11: PHI102"), "{out}");
    assert!(out.contains("note: le.py: decoded from UTF-16"), "{out}");
}

#[test]
fn carriage_return_only_line_ends_are_line_breaks() {
    let dir = project(&[]);
    // Over 10 kB with no line feed at all: not minified, and the finding is on line 2002.
    let text = format!(
        "{}def f(patient):\r    print(patient.ssn)\r",
        "x = 1\r".repeat(2000)
    );
    std::fs::write(dir.path().join("mac.py"), text).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("minified"), "{out}");
    assert!(out.contains("mac.py:2002:11: PHI102"), "{out}");
}

#[test]
fn a_lone_nul_byte_in_text_is_scanned_but_binary_is_still_skipped() {
    let dir = project(&[]);
    let text = format!("# {}\nx = 1\0\n{LEAK}", "a".repeat(8000));
    std::fs::write(dir.path().join("nul.py"), text).unwrap();
    let binary: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    std::fs::write(dir.path().join("blob.py"), binary).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nul.py:4:11: PHI102"), "{out}");
    assert!(
        out.contains("note: nul.py: NUL bytes read as spaces"),
        "{out}"
    );
    assert!(
        out.contains("warning: blob.py: binary content in a source file; skipped"),
        "{out}"
    );
}

#[test]
fn the_summary_counts_skipped_files() {
    let dir = project(&[("ok.py", LEAK)]);
    std::fs::write(dir.path().join("blob.ts"), [0u8, 1, 2, 0, 0, 3]).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("in 1 file scanned; 1 skipped."), "{out}");
    let (_, json, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["summary"]["files_skipped"], 1, "{json}");
    assert_eq!(doc["summary"]["files_scanned"], 1, "{json}");
}

#[test]
fn a_scan_of_nothing_but_excluded_or_skipped_files_is_not_clean() {
    let dir = project(&[("a.py", LEAK)]);
    std::fs::write(dir.path().join("blob.ts"), [0u8, 1, 2, 0, 0, 3]).unwrap();
    // (A file named on the command line and excluded by the configuration is no error: a
    // pre-commit hook names staged files; see cli::explicit_files_are_scanned_even_if_...)
    for args in [
        &["scan", ".", "--exclude", "a.py", "--exclude", "blob.ts"][..],
        &["scan", "blob.ts"],
    ] {
        let (code, out, err) = run(phi_lint(dir.path()).args(args));
        assert_eq!(code, 2, "{args:?}:\n{out}\n{err}");
        assert!(!out.contains("No PHI leaks found"), "{args:?}:\n{out}");
        assert!(err.contains("no file was scanned"), "{args:?}:\n{err}");
    }
}

/// Shapes that once stalled the analysis for minutes (20,000 nested arrow functions, a
/// 60,000-deep call) or could: each scan ends well within 20 s of a debug build, with its
/// findings or with the file reported as not fully analysed, and the other files keep theirs.
#[test]
fn pathological_shapes_finish_within_the_analysis_budget() {
    let shapes = [
        (
            "arrows.js",
            format!(
                "const f = {}console.log(patient.ssn);\n",
                "a =>\n".repeat(20_000)
            ),
        ),
        (
            "attrs.py",
            format!(
                "def f(patient):\n    print(patient{}.ssn)\n",
                "\n.x".repeat(20_000)
            ),
        ),
        (
            "calls.py",
            format!(
                "def f(patient):\n    print({}patient.ssn{})\n",
                "f(\n".repeat(60_000),
                ")\n".repeat(60_000)
            ),
        ),
        (
            "binops.py",
            format!(
                "def f(patient):\n    print(patient.ssn{})\n",
                "\n + a".repeat(80_000)
            ),
        ),
    ];
    for (name, text) in &shapes {
        let dir = project(&[(name, text), ("ok.py", LEAK)]);
        let started = std::time::Instant::now();
        let (code, out, err) = run(phi_lint(dir.path())
            .env("PHI_LINT_DEBUG_ANALYSIS_BUDGET_MS", "2000")
            .args(["scan", "."]));
        // Notifications are on stderr; findings on stdout.
        let out = format!("{out}{err}");
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "{name} took {took:?}:\n{out}\n{err}");
        assert!(out.contains("ok.py:2:11: PHI102"), "{name}:\n{out}\n{err}");
        assert!(
            code == 1 || (code == 2 && out.contains(&format!("error: {name}: not fully analysed"))),
            "{name}: exit {code}\n{out}\n{err}"
        );
    }
}

/// A parse abandoned at its limits follows the analysis budget's exit code: an error, or a
/// warning with `--allow-partial` (the memory cap is shown in tests/bounds.rs).
#[test]
fn a_parse_stopped_at_its_limit_fails_the_scan_unless_partial_analysis_is_allowed() {
    // Long enough for tree-sitter to consult its progress callback (every hundred operations).
    let text = format!("{}{LEAK}", "x = f(1, 2)\n".repeat(2000));
    let dir = project(&[("a.py", &text)]);
    let scan = |extra: &[&str]| {
        run(phi_lint(dir.path())
            .env("PHI_LINT_DEBUG_PARSE_TIMEOUT_MS", "0")
            .args(["scan", "."])
            .args(extra))
    };
    let (code, _, err) = scan(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error: a.py: parsing timed out"), "{err}");
    let (code, _, err) = scan(&["--allow-partial"]);
    assert_ne!(code, 2, "{err}");
    assert!(err.contains("warning: a.py: parsing timed out"), "{err}");
}

#[test]
fn a_file_out_of_analysis_budget_fails_the_scan_unless_partial_analysis_is_allowed() {
    let dir = project(&[("a.py", LEAK)]);
    let scan = |extra: &[&str]| {
        run(phi_lint(dir.path())
            .env("PHI_LINT_DEBUG_ANALYSIS_BUDGET_MS", "0")
            .args(["scan", "."])
            .args(extra))
    };
    let (code, out, err) = scan(&[]);
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("error: a.py: not fully analysed"), "{out}");
    let (code, out, err) = scan(&["--allow-partial"]);
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_ne!(code, 2, "{out}");
    assert!(out.contains("warning: a.py: not fully analysed"), "{out}");
}
