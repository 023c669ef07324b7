//! Hostile repositories: file names, keys, comments and git or configuration files crafted to
//! forge output, drive the terminal, leak their content or run commands. Nothing from the
//! scanned tree reaches a terminal raw, runs, or is echoed.

#![cfg(unix)]

use crate::support::{phi_lint, project, run};

const LEAK: &str = "def f(patient):\n    print(patient.ssn)\n";

/// Raw control and bidi characters that must never reach standard output or error.
fn assert_no_raw_controls(what: &str, text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "{what} holds a raw {c:?}:\n{text}"
        );
    }
}

#[test]
fn a_newline_in_a_file_name_cannot_forge_a_finding_line() {
    let name = "forge.py:1:1: PHI999 error forged finding\nreal.py";
    let dir = project(&[(name, LEAK)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("real.py")),
        "the name's second line became a line of its own:\n{out}"
    );
    assert!(
        out.contains("forge.py:1:1: PHI999 error forged finding\\nreal.py:2:11: PHI102"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn a_newline_in_a_file_name_cannot_emit_a_workflow_command() {
    let name = "x\n::error file=app.py,line=1::forged.py";
    let dir = project(&[(name, LEAK)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "github"]));
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error file=x\\n%3A%3Aerror")),
        "{out}"
    );
    assert!(
        out.contains("file=app.py%2Cline=1%3A%3Aforged.py,line=2"),
        "{out}"
    );
}

#[test]
fn escape_sequences_and_bidi_overrides_in_names_are_shown_escaped() {
    let dir = project(&[
        ("\u{1b}[2Jclear.py", LEAK),
        ("bell\u{7}\u{7f}\u{9b}31m.py", LEAK),
        ("evil\u{202e}yp.py", LEAK),
        ("iso\u{2066}late\u{2069}.py", LEAK),
    ]);
    // Binary content makes a warning notification that names the file.
    std::fs::write(
        dir.path().join("\u{1b}]0;pwned\u{7}.ts"),
        [0x47u8, 0x40, 0x00, 0x10, 0x00, 0x00],
    )
    .unwrap();
    for format in ["text", "github"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 1, "{format}:\n{out}\n{err}");
        assert_no_raw_controls(format, &out);
        assert_no_raw_controls(format, &err);
        assert!(out.contains("\\x1b[2Jclear.py"), "{format}:\n{out}");
        assert!(
            out.contains("bell\\x07\\x7f\\u{9b}31m.py"),
            "{format}:\n{out}"
        );
        assert!(out.contains("evil\\u{202e}yp.py"), "{format}:\n{out}");
        assert!(
            out.contains("iso\\u{2066}late\\u{2069}.py"),
            "{format}:\n{out}"
        );
        // The notification: an annotation in github, a message on stderr in text.
        let notified = if format == "text" { &err } else { &out };
        assert!(
            notified.contains("\\x1b]0;pwned\\x07.ts"),
            "{format}:\n{notified}"
        );
    }
    for format in ["json", "sarif"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 1, "{format}:\n{out}\n{err}");
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{format} is not JSON: {e}\n{out}"));
        assert_no_raw_controls(&format!("{format} stderr"), &err);
        assert!(err.contains("\\x1b]0;pwned\\x07.ts"), "{format}:\n{err}");
    }
}

#[test]
fn escape_sequences_in_a_subscript_key_do_not_reach_the_terminal() {
    let dir = project(&[(
        "keys.py",
        "import logging\nlog = logging.getLogger()\n\ndef f(patient):\n    log.info(patient[\"ssn\u{1b}[2J\"])\n",
    )]);
    for format in ["text", "github"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 1, "{format}:\n{out}\n{err}");
        assert!(out.contains("PHI101"), "{out}");
        assert_no_raw_controls(format, &out);
    }
}

#[test]
fn errors_name_paths_escaped() {
    let dir = project(&[("ok.py", LEAK)]);
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--config", "no\u{1b}[2Jsuch\n.toml"]));
    assert_eq!(code, 2, "{err}");
    assert_no_raw_controls("stderr", &err);
    assert!(err.contains("no\\x1b[2Jsuch\\n.toml"), "{err}");
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "--select", "PHI\u{1b}[2J"]));
    assert_eq!(code, 2, "{err}");
    assert_no_raw_controls("stderr", &err);
}

#[test]
fn messages_never_carry_string_keys_or_their_digits() {
    let py = "import logging\nlog = logging.getLogger()\n\ndef f(patient):\n    log.info(patient[\"email_john.smith@gmail.com\"])\n    log.info(patient[\"name: Jane Q. Doe\"])\n    log.info(patient[\"ssn_2-1-9-0-9-9-9-9-9\"])\n    log.info(patient[\"ssn\"])\n";
    let dir = project(&[("keys.py", py)]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    assert_eq!(code, 1, "{out}\n{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let messages: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    let all = messages.join("\n");
    for leaked in ["john", "smith", "gmail", "Jane", "Doe", "2-1-9", "9-9-9"] {
        assert!(!all.contains(leaked), "`{leaked}` echoed:\n{all}");
    }
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.contains("`patient[<string key>]`"))
            .count(),
        2,
        "{all}"
    );
    assert!(all.contains("`patient.ssn_#-#-#-#-#-#-#-#-#`"), "{all}");
    assert!(all.contains("`patient.ssn`"), "{all}");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let st = std::process::Command::new("git")
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

#[test]
fn git_runs_nothing_the_repository_config_names_and_leaves_the_index_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(&[
        ("app.py", LEAK),
        (".gitattributes", "*.py filter=evil diff=evil\n"),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(d.join("app.py"), format!("{LEAK}    print(patient.dob)\n")).unwrap();
    git(d, &["add", "app.py"]);
    // Each command the repository names leaves a marker when it runs.
    let out = tempfile::tempdir().unwrap();
    let mut config = String::new();
    for (section, key, script) in [
        ("core", "fsmonitor", "fsmonitor"),
        ("core", "pager", "pager"),
        ("diff", "external", "external"),
        ("filter \"evil\"", "clean", "clean"),
        ("filter \"evil\"", "smudge", "smudge"),
        ("filter \"evil\"", "process", "process"),
        ("diff \"evil\"", "textconv", "textconv"),
    ] {
        let path = out.path().join(script);
        std::fs::write(
            &path,
            format!("#!/bin/sh\ntouch '{}.ran'\ncat\n", path.display()),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        config.push_str(&format!("[{section}]\n\t{key} = {}\n", path.display()));
    }
    let mut git_config = std::fs::read_to_string(d.join(".git/config")).unwrap();
    git_config.push_str(&config);
    std::fs::write(d.join(".git/config"), git_config).unwrap();
    // A working-tree file whose stat no longer matches the index: git hashes it again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(d.join("app.py"), format!("{LEAK}    print(patient.dob)\n")).unwrap();
    let ran = |out: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(out)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ran"))
            .collect()
    };
    // Setting the config up ran nothing.
    assert_eq!(ran(out.path()), Vec::<String>::new());
    let index = || {
        let meta = std::fs::metadata(d.join(".git/index")).unwrap();
        (
            meta.modified().unwrap(),
            std::fs::read(d.join(".git/index")).unwrap(),
        )
    };
    let before = index();
    for args in [
        &["scan", "--diff", "HEAD", "."][..],
        &["scan", "--staged"][..],
    ] {
        let (code, stdout, err) = run(phi_lint(d).args(args));
        assert_eq!(code, 1, "{args:?}:\n{stdout}\n{err}");
        assert!(stdout.contains("app.py:3"), "{args:?}:\n{stdout}");
        assert_eq!(ran(out.path()), Vec::<String>::new(), "{args:?}:\n{err}");
        assert!(index() == before, "{args:?} rewrote .git/index");
    }
}

/// Runs a command, killing it after `secs` seconds: (exit code or None if killed, stdout, stderr).
fn run_for(cmd: &mut std::process::Command, secs: u64) -> (Option<i32>, String, String) {
    use std::io::Read;
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the phi-lint binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (code, out, err)
}

#[test]
fn a_config_file_linking_out_of_the_repository_is_not_read_or_echoed() {
    let outside = project(&[("secret.toml", "select = [\"canary-outside-repo\"]\n")]);
    for (name, target) in [
        (
            "pyproject.toml",
            std::path::PathBuf::from("/proc/self/environ"),
        ),
        ("phi-lint.toml", outside.path().join("secret.toml")),
    ] {
        let dir = project(&[("app.py", LEAK)]);
        std::os::unix::fs::symlink(&target, dir.path().join(name)).unwrap();
        let (code, out, err) = run(phi_lint(dir.path())
            .env("PHI_LINT_TEST_SECRET", "canary-in-environ")
            .args(["scan", "."]));
        assert_eq!(code, 2, "{name}:\n{out}\n{err}");
        assert!(!err.contains("canary"), "{name}: content echoed:\n{err}");
        assert!(
            err.contains(name) && err.contains("outside the repository"),
            "{name}:\n{err}"
        );
    }
    // A link inside the repository is followed.
    let dir = project(&[
        ("app.py", LEAK),
        ("conf/phi.toml", "ignore = [\"PHI102\"]\n"),
    ]);
    std::os::unix::fs::symlink("conf/phi.toml", dir.path().join("phi-lint.toml")).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}\n{err}");
}

#[test]
fn config_and_ignore_files_must_be_small_regular_files() {
    let outside = project(&[("secret", "canary-outside-repo\n")]);
    let fifo = |p: &std::path::Path| {
        let st = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap();
        assert!(st.success());
    };
    // A FIFO config file or ignore file would block the scan on open; /dev/zero would never end.
    for (name, make) in [
        ("phi-lint.toml", "fifo"),
        (".phi-lintignore", "fifo"),
        ("sub/.gitignore", "zero"),
        (".ignore", "outside"),
        ("phi-lint.toml", "big"),
        // Ignore files compile into matchers the walker keeps while it walks below them: one
        // of 256 KiB of globs (each of many nested directories could hold one) is refused.
        ("sub/.gitignore", "globs"),
    ] {
        let dir = project(&[("app.py", LEAK), ("sub/b.py", LEAK)]);
        let path = dir.path().join(name);
        match make {
            "fifo" => fifo(&path),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
            "outside" => std::os::unix::fs::symlink(outside.path().join("secret"), &path).unwrap(),
            "globs" => std::fs::write(
                &path,
                (0..12_000)
                    .map(|i| format!("x{i}/**/y/**/*.py\n"))
                    .collect::<String>(),
            )
            .unwrap(),
            _ => std::fs::write(&path, "#".repeat(2 << 20)).unwrap(),
        }
        let (code, out, err) = run_for(phi_lint(dir.path()).args(["scan", "."]), 30);
        assert_eq!(code, Some(2), "{name} ({make}):\n{out}\n{err}");
        assert!(
            !out.contains("canary") && !err.contains("canary"),
            "{out}\n{err}"
        );
        let shown = format!("{out}{err}");
        assert!(
            shown.contains(name.rsplit('/').next().unwrap()),
            "{name} ({make}):\n{shown}"
        );
    }
}

/// Each ignore file under its own limit, nested: the walker keeps every one above a directory
/// compiled while it walks below it, so the ignore files along a chain are bounded together,
/// and the directory past the bound is named and not scanned (exit 2); the ones above it are.
#[test]
fn nested_ignore_files_are_bounded_along_the_chain() {
    let globs: String = (0..5_000).map(|i| format!("x{i}/**/y/**/*.py\n")).collect();
    assert!(globs.len() < 128 << 10);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut dir = String::new();
    for i in 0..6 {
        dir.push_str(&format!("d{i}/"));
        files.push((format!("{dir}.gitignore"), globs.clone()));
        files.push((format!("{dir}a.py"), LEAK.to_string()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let dir = project(&refs);
    let (code, out, err) = run_for(phi_lint(dir.path()).args(["scan", "."]), 60);
    assert_eq!(code, Some(2), "{out}\n{err}");
    assert!(
        out.contains("d0/a.py:2:") && out.contains("d0/d1/d2/a.py:2:"),
        "{out}"
    );
    assert!(
        err.contains("the ignore files above this directory hold over 512 KiB"),
        "{err}"
    );
    assert!(!out.contains("d0/d1/d2/d3/d4/d5/a.py"), "{out}");
}

#[test]
fn merge_reads_regular_files_only() {
    let dir = project(&[]);
    let t = std::time::Instant::now();
    let (code, _, err) = run_for(phi_lint(dir.path()).args(["merge", "/dev/zero"]), 30);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(t.elapsed().as_secs() < 10);
}

#[test]
fn snippets_mask_literals_whole_and_keep_identifiers() {
    let py = "import hashlib\nimport logging\nlog = logging.getLogger()\n\ndef f(patient):\n    log.info(\"Jane Doe 078-05-1120 %s\", hashlib.sha256(patient.ssn), 42)  # MRN 00482913\n    log.info(patient.dob)  # phi-lint: ignore[PHI101] Jane Doe asked for it\n";
    let dir = project(&[("snip.py", py)]);
    let (code, out, _) = run(phi_lint(dir.path()).args([
        "scan",
        ".",
        "--snippets",
        "--include-suppressed",
        "--min-confidence",
        "low",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "6 |     log.info(\"***********************\", hashlib.sha256(patient.ssn), ##)  #*************"
        ),
        "{out}"
    );
    for leaked in ["Jane", "078", "00482913", "42", "asked"] {
        assert!(!out.contains(leaked), "`{leaked}` echoed:\n{out}");
    }
    // The caret stays under the finding.
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("6 |") && l.contains("patient.ssn"))
        .unwrap();
    let column = lines[at].find("patient.ssn").unwrap();
    assert_eq!(lines[at + 1].find('^'), Some(column), "{out}");
    assert!(out.contains("(suppressed)"), "{out}");
    // A hard-coded value is cut at the literal.
    assert!(out.contains("6 |     log.info([redacted]"), "{out}");
}

/// Text that is a literal in all but name is masked too: a TypeScript template literal type
/// (whose `${string}` placeholder is a type keyword, not text) and an HTML-like comment, which
/// sloppy-mode JavaScript accepts.
#[test]
fn snippets_mask_template_literal_types_and_html_comments() {
    let ts = "function f(patient: any) {\n  console.log(patient.ssn); type T = `ssn 078-05-1120 ${string}`;\n}\n";
    let js =
        "function f(patient) {\n  console.log(patient.ssn); <!-- patient Jane Doe 078-05-1120\n}\n";
    let dir = project(&[("c.ts", ts), ("b.js", js)]);
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--snippets"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("c.ts:2:") && out.contains("b.js:2:"), "{out}");
    for leaked in ["078", "1120", "Jane", "ssn 0"] {
        assert!(!out.contains(leaked), "`{leaked}` echoed:\n{out}");
    }
    // Identifiers stay readable.
    assert!(out.contains("type T = `"), "{out}");
}

fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_or_device_named_on_the_command_line_is_an_error_not_a_hang() {
    let dir = project(&[("ok.py", LEAK)]);
    mkfifo(&dir.path().join("pipe.py"));
    for arg in ["pipe.py", "/dev/zero"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "ok.py", arg]));
        // Notifications are on stderr; findings on stdout.
        let out = format!("{out}{err}");
        assert_eq!(code, 2, "{arg}:\n{out}\n{err}");
        assert!(
            out.contains("not a regular file or directory (a FIFO, socket or device)"),
            "{arg}:\n{out}"
        );
    }
}

#[test]
fn a_fifo_met_in_a_directory_scan_is_skipped_not_read() {
    let dir = project(&[("ok.py", LEAK)]);
    mkfifo(&dir.path().join("pipe.py"));
    // A link to the FIFO resolves inside the tree: it is opened, and must not block either.
    std::os::unix::fs::symlink(dir.path().join("pipe.py"), dir.path().join("link.py")).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ok.py:2:11"), "{out}");
    assert!(
        out.contains("warning: pipe.py: not a regular file (a FIFO, socket or device); skipped"),
        "{out}"
    );
    assert!(out.contains("1 file scanned; 1 skipped"), "{out}");
}

#[test]
fn symbolic_links_inside_the_root_are_scanned_once_and_links_out_are_named() {
    let outside = project(&[("o.py", LEAK), ("lib/l.py", LEAK)]);
    let dir = project(&[("src/real.txt", LEAK), ("src/a.py", LEAK)]);
    let src = dir.path().join("src");
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, src.join(name)).unwrap()
    };
    link(&src.join("real.txt"), "via_link.py");
    link(&src.join("a.py"), "again.py");
    link(&src, "loop");
    link(&outside.path().join("o.py"), "\u{1b}[2Jout.py");
    link(&outside.path().join("lib"), "vendored");
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    // Notifications are on stderr; findings on stdout.
    let out = format!("{out}{err}");
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("src/via_link.py:2:11: PHI102"), "{out}");
    assert_eq!(out.matches("PHI102").count(), 2, "{out}");
    assert!(out.contains("src/a.py:2:11"), "{out}");
    assert!(
        out.contains("warning: src/\\x1b[2Jout.py: symbolic link to a path outside"),
        "{out}"
    );
    assert!(
        out.contains("warning: src/vendored: symbolic link to a path outside"),
        "{out}"
    );
    assert!(!out.contains("l.py"), "{out}");
    assert_no_raw_controls("text", &out);
}

/// A report is never written through a symbolic link committed inside the scanned tree
/// (`phi-lint.sarif -> ../target`), unless `--force` says so.
#[test]
fn output_refuses_a_symbolic_link_inside_the_scanned_tree() {
    let outside = project(&[("victim.txt", "keep me\n")]);
    let dir = project(&[("app.py", LEAK)]);
    std::os::unix::fs::symlink(
        outside.path().join("victim.txt"),
        dir.path().join("phi-lint.sarif"),
    )
    .unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "-o", "phi-lint.sarif"]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("symbolic link inside the scanned tree"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("victim.txt")).unwrap(),
        "keep me\n"
    );
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "-o", "phi-lint.sarif", "--force"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(std::fs::read_to_string(outside.path().join("victim.txt"))
        .unwrap()
        .contains("\"version\": \"2.1.0\""));
}

/// A directory on the way to `-o` or `--write-baseline` that is a symbolic link committed in
/// the scanned tree (`reports -> ../outside`) is not followed either: the report would land
/// outside the repository.
#[test]
fn output_refuses_a_symbolic_link_directory_on_its_way() {
    let outside = tempfile::tempdir().unwrap();
    let dir = project(&[("app.py", LEAK)]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("reports")).unwrap();
    for flag in ["-o", "--write-baseline"] {
        let target = format!(
            "reports/{}",
            if flag == "-o" { "out.sarif" } else { "b.json" }
        );
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", flag, &target]));
        assert_eq!(code, 2, "{flag}: {out}{err}");
        assert!(
            err.contains("symbolic link inside the scanned tree"),
            "{flag}: {err}"
        );
    }
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    // A link outside the scanned tree (the user's own) is followed.
    let reports = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(reports.path(), elsewhere.path().join("r")).unwrap();
    let out_path = elsewhere.path().join("r").join("out.sarif");
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "-o", out_path.to_str().unwrap()]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(reports.path().join("out.sarif").is_file());
}

/// `--diff` reads what git prints about the repository's own files: nothing the repository
/// commits (content shaped like a diff header, attributes, names git quotes, its diff
/// configuration) can make a changed line look unchanged.
#[test]
fn the_repository_cannot_hide_a_change_from_diff() {
    let base = "def h(patient):\n    pass\n";
    let changed = "def h(patient):\n    print(patient.ssn)\n";
    // Added content that reads `+++ b/nothing.py` in the diff, above the change.
    let hijack = |body: &str| format!("X = \"\"\"\nold\n\"\"\"\n{body}");
    let names = [
        "a.py",
        "c.py",
        "p\u{e4}t.py",
        "t\tab.py",
        "q\"uo\\te.py",
        "sp ace.py",
    ];
    let dir = project(&[]);
    let d = dir.path();
    for name in names {
        let text = if name == "c.py" {
            hijack(base)
        } else {
            base.to_string()
        };
        std::fs::write(d.join(name), text).unwrap();
    }
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    // A committed `.gitattributes` marking every file binary for diff, and a diff configuration
    // that drops the `a/`/`b/` prefixes and quotes every non-ASCII name.
    std::fs::write(d.join(".gitattributes"), "*.py -diff\n").unwrap();
    git(d, &["add", ".gitattributes"]);
    git(d, &["commit", "-qm", "attributes"]);
    let mut config = std::fs::read_to_string(d.join(".git/config")).unwrap();
    config.push_str(
        "[diff]\n\tnoprefix = true\n\tinterHunkContext = 100\n[core]\n\tquotePath = true\n",
    );
    std::fs::write(d.join(".git/config"), config).unwrap();
    for name in names {
        let text = if name == "c.py" {
            hijack(changed).replace("old", "++ b/nothing.py")
        } else {
            changed.to_string()
        };
        std::fs::write(d.join(name), text).unwrap();
    }
    let (code, out, err) =
        run(phi_lint(d).args(["scan", ".", "--diff", "HEAD", "--format", "json"]));
    assert_eq!(code, 1, "{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut found: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    let mut want: Vec<(String, u64)> = names
        .iter()
        .map(|n| (n.to_string(), if *n == "c.py" { 5 } else { 2 }))
        .collect();
    want.sort();
    assert_eq!(found, want, "{out}");
    // An unchanged line stays out: the hijack line itself is not a finding, and a file whose
    // change was staged and committed has nothing to report.
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "change"]);
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--diff", "HEAD"]));
    assert_eq!(code, 0, "{out}\n{err}");
}

/// `--staged` reads the staged content of each staged file by its own name: a file named
/// `0:app.py` is not read as stage 0 of `app.py`.
#[test]
fn staged_content_is_read_by_the_whole_name() {
    let dir = project(&[("app.py", "x = 1\n"), ("0:app.py", LEAK)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    let (code, out, err) = run(phi_lint(d).args(["scan", "--staged"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("0:app.py:2:11: PHI102"), "{out}");
}

/// `--diff` against the working tree never rewrites `.git/index`, even when a file was only
/// touched since it was committed (git refreshes such stat data and writes the refreshed index
/// back, optional locks or not): the diff runs on a private copy of the index.
#[test]
fn diff_leaves_the_index_alone_when_files_were_only_touched() {
    let dir = project(&[("app.py", "x = 1\n")]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // Same content, new modification time.
    std::fs::write(d.join("app.py"), "x = 1\n").unwrap();
    std::fs::write(d.join("new.py"), LEAK).unwrap();
    let before = std::fs::read(d.join(".git/index")).unwrap();
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--diff", "HEAD"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("new.py:2:"), "{out}");
    assert!(!out.contains("app.py"), "{out}");
    assert_eq!(std::fs::read(d.join(".git/index")).unwrap(), before);
}

/// A staged file whose name is not UTF-8 is read by its blob's object id, not by a name
/// converted for display (which git does not know): one such name must not abort the whole
/// pre-commit scan and hide the leaks of every other staged file.
#[test]
fn staged_file_names_that_are_not_utf8_do_not_abort_the_scan() {
    use std::os::unix::ffi::OsStrExt;
    let dir = project(&[("ok.py", LEAK)]);
    let d = dir.path();
    let odd = std::ffi::OsStr::from_bytes(b"bad\xff.py");
    std::fs::write(d.join(odd), LEAK).unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    let (code, out, err) = run(phi_lint(d).args(["scan", "--staged"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("ok.py:2:"), "{out}");
    assert!(out.contains("bad") && out.contains(".py:2:"), "{out}");
}

/// A symbolic link staged in the index holds the name of its target, not code: `--staged` skips
/// it with a warning (as the working-tree walk skips links it does not follow) instead of
/// scanning the target's name as the file's text, which a hostile repository can write as code.
#[test]
fn staged_symbolic_links_are_skipped_not_scanned_as_their_target_name() {
    let dir = project(&[("app.py", "x = 1\n")]);
    let d = dir.path();
    std::os::unix::fs::symlink(LEAK, d.join("link.py")).unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    let (code, out, err) = run(phi_lint(d).args(["scan", "--staged", "--format", "json"]));
    assert_eq!(code, 0, "{out}\n{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{out}");
    assert!(
        err.contains("link.py") && err.contains("symbolic link"),
        "{err}"
    );
    // The same text as a staged regular file is a finding.
    std::fs::remove_file(d.join("link.py")).unwrap();
    std::fs::write(d.join("link.py"), LEAK).unwrap();
    git(d, &["add", "."]);
    let (code, out, err) = run(phi_lint(d).args(["scan", "--staged"]));
    assert_eq!(code, 1, "{out}\n{err}");
}

/// An error about a file of the scanned repository (its configuration, a baseline or SARIF log
/// it provides) names the file, the line and column and the key, never a value or a line of
/// it: standard error is a CI log, and the file may hold a secret next to the mistake.
#[test]
fn errors_about_repository_files_name_the_place_never_the_content() {
    for (config, place, says) in [
        (
            "password = \"hunter2-SECRET\"\n[rules\n",
            ":2:7",
            "not valid TOML",
        ),
        (
            "exclude = \"SECRET-not-a-list\"\n",
            ":1:11",
            "invalid type at key `exclude`: expected a sequence",
        ),
        (
            "select = [\"ALL\"]\nunknown_SECRET = \"SECRET\"\n",
            ":2:1",
            "unknown key: expected one of",
        ),
        (
            "[phi]\nstrong = [\"nhs\", 1]\n",
            ":2:18",
            "invalid type at key `phi.strong[1]`: expected a string",
        ),
        ("[phi]\nSECRET_key = 1\n", ":2:1", "unknown key in `phi`"),
        (
            "[rules]\nPHI101 = \"SECRET\"\n",
            ":2:10",
            "unknown value at key `rules`: expected one of",
        ),
        (
            "[rules]\nSECRET = \"off\"\n",
            ":2:1",
            "`rules`: a key is an unknown rule selector",
        ),
        (
            "select = [\"ALL\", \"SECRET\"]\n",
            ":1:18",
            "`select[1]`: unknown rule selector",
        ),
        ("suite = \"SECRET\"\n", ":1:9", "`suite`: unknown suite"),
        (
            "[hardcoded]\nmrn-patterns = [\"(SECRET\"]\n",
            ":2:17",
            "`hardcoded.mrn-patterns[0]`: not a valid regex",
        ),
        (
            "exclude = [\"[SECRET\"]\n",
            ":1:12",
            "`exclude[0]`: not a valid glob",
        ),
        // An integer out of range is a syntax error whose parser message quotes the value.
        (
            "select = [\"ALL\"]\nmax-file-size = 4111111111111111111111\n",
            ":2:17",
            "not valid TOML: invalid type",
        ),
    ] {
        let dir = project(&[("app.py", LEAK), ("phi-lint.toml", config)]);
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(code, 2, "{config}:\n{out}\n{err}");
        assert!(!err.contains("SECRET"), "{config}: echoed:\n{err}");
        assert!(!err.contains("41111111"), "{config}: echoed:\n{err}");
        assert!(
            err.contains(&format!("phi-lint.toml{place}: {says}")),
            "{config}:\n{err}"
        );
    }

    // A `pyproject.toml` without `[tool.phi-lint]` is another tool's business, whatever it
    // holds; one that is not TOML at all is passed over with a warning naming the file only.
    for pyproject in [
        "[tool.poetry]\nname = \"x\"\ntoken = \"SECRET\" junk\n",
        "tool = \"SECRET\"\n",
        "[tool.poetry]\nversion = [\"SECRET\", 1]\n",
    ] {
        let dir = project(&[("app.py", LEAK), ("pyproject.toml", pyproject)]);
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(code, 1, "{pyproject}:\n{out}\n{err}");
        assert!(out.contains("app.py:2:11"), "{out}");
        assert!(!err.contains("SECRET"), "{pyproject}: echoed:\n{err}");
        let warned = err.contains("warning: pyproject.toml: not valid TOML");
        assert_eq!(warned, pyproject.contains("junk"), "{pyproject}:\n{err}");
    }
    // Inside `[tool.phi-lint]`, or in a broken file that has one, it is an error as anywhere.
    for (pyproject, says) in [
        (
            "[tool.phi-lint]\nexclude = \"SECRET\"\n",
            "pyproject.toml:2:11: invalid type at key `tool.phi-lint.exclude`",
        ),
        (
            "[tool.poetry]\ntoken = \"SECRET\" junk\n[tool.phi-lint]\n",
            "pyproject.toml:2:18: not valid TOML",
        ),
    ] {
        let dir = project(&[("app.py", LEAK), ("pyproject.toml", pyproject)]);
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(code, 2, "{pyproject}:\n{out}\n{err}");
        assert!(!err.contains("SECRET"), "{pyproject}: echoed:\n{err}");
        assert!(err.contains(says), "{pyproject}:\n{err}");
    }

    // Baselines and the SARIF logs `merge` reads.
    let dir = project(&[
        ("app.py", LEAK),
        (
            "b1.json",
            "{\"version\": \"sk_live_SECRET\\n::error file=a.py::forged\\u001b[2J\", \"findings\": []}",
        ),
        (
            "b2.json",
            "{\"version\": 1, \"findings\": [], \"AKIA_SECRET\\u001b]0;title\\u0007\": 1}",
        ),
        (
            "b3.json",
            "{\"version\": 1, \"findings\": [{\"code\": 5, \"path\": \"x\", \"fingerprint\": \"y\"}]}",
        ),
        (
            "m1.sarif",
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"SECRET_sk_live_123\"}},\"results\":[]}]}",
        ),
        (
            "m2.sarif",
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"phi-lint\",\"version\":\"SECRET\"}},\"results\":[]}]}",
        ),
        (
            "m3.sarif",
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"phi-lint\",\"version\":\"0.1.0\"}},\"results\":[]}]}",
        ),
    ]);
    for (args, says) in [
        (
            &["scan", ".", "--baseline", "b1.json"][..],
            "b1.json:1:64: not a phi-lint baseline: invalid type: expected u32",
        ),
        (
            &["scan", ".", "--baseline", "b2.json"][..],
            "b2.json:1:64: not a phi-lint baseline: unknown key: expected `version` or `findings`",
        ),
        (
            &["scan", ".", "--baseline", "b3.json"][..],
            "b3.json:1:38: not a phi-lint baseline: invalid type: expected a string",
        ),
        (
            &["merge", "m1.sarif"][..],
            "m1.sarif: written by another tool",
        ),
        (
            &["merge", "m3.sarif", "m2.sarif"][..],
            "m2.sarif: written by phi-lint (another version), but m3.sarif by phi-lint 0.1.0",
        ),
    ] {
        let (code, out, err) = run(phi_lint(dir.path()).args(args));
        assert_eq!(code, 2, "{args:?}:\n{out}\n{err}");
        assert!(!err.contains("SECRET"), "{args:?}: echoed:\n{err}");
        assert!(err.contains(says), "{args:?}:\n{err}");
        assert_no_raw_controls("stderr", &err);
    }
}

/// Symbolic links skipped by the walk (dangling, looping, or leading outside the scanned
/// directory) are skipped files: the summary counts them, and a scan that skipped every file
/// it found checked nothing, so it is not clean.
#[test]
fn skipped_links_are_counted_and_a_scan_of_only_skipped_links_fails() {
    let outside = project(&[("o.py", LEAK), ("lib/l.py", LEAK)]);
    let dir = project(&[]);
    let d = dir.path();
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, d.join(name)).unwrap()
    };
    link(&outside.path().join("o.py"), "out.py");
    link(std::path::Path::new("missing.py"), "dangling.py");
    link(std::path::Path::new("loop2.py"), "loop1.py");
    link(std::path::Path::new("loop1.py"), "loop2.py");
    link(&outside.path().join("lib"), "vendored");
    let (code, out, err) = run(phi_lint(d).args(["scan", "."]));
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(!out.contains("No PHI leaks found"), "{out}");
    assert!(
        err.contains("no file was scanned (0 excluded, 5 skipped)"),
        "{err}"
    );
    let (code, out, _) = run(phi_lint(d).args(["scan", ".", "--format", "json"]));
    assert_eq!(code, 2, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["summary"]["files_skipped"], 5, "{out}");
    assert_eq!(report["summary"]["files_scanned"], 0, "{out}");
    let (code, out, _) = run(phi_lint(d).args(["scan", ".", "--format", "sarif"]));
    assert_eq!(code, 2, "{out}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"], false,
        "{out}"
    );
    // With a file scanned, the skipped links are counted next to it.
    std::fs::write(d.join("ok.py"), LEAK).unwrap();
    let (code, out, _) = run(phi_lint(d).args(["scan", "."]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("in 1 file scanned; 5 skipped"), "{out}");
}

/// Every glob of a list is compiled into one matcher, which the glob library caps: a list longer
/// than the documented limit, or one too complex to compile, is an error that says so (not
/// "invalid glob ``: error building NFA").
#[test]
fn glob_lists_have_a_documented_limit() {
    let globs = |n: usize, glob: &str| -> String {
        let items: Vec<String> = (0..n).map(|i| format!("\"x{i}{glob}\"")).collect();
        format!("exclude = [{}]\n", items.join(","))
    };
    let simple = "**/*x*{a,b,c}*[0-9]*{d,e}*/**";
    let alternates = format!(
        "{{{}}}",
        (0..60)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let complex = format!("**/*{alternates}*[0-9]*{alternates}*/{alternates}/**");
    for (config, code, says) in [
        (globs(1000, simple), 1, None),
        (
            globs(10_000, simple),
            2,
            Some(
                "phi-lint.toml:1:11: `exclude`: 10000 globs, more than the limit of 1000 per list",
            ),
        ),
        (
            globs(1000, &complex),
            2,
            Some("phi-lint.toml: `exclude`: the 1000 globs cannot be compiled together"),
        ),
    ] {
        let dir = project(&[("app.py", LEAK), ("phi-lint.toml", &config)]);
        let (got, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(got, code, "{out}\n{err}");
        if let Some(says) = says {
            assert!(err.contains(says), "{err}");
            assert!(!err.contains("NFA") && !err.contains("``"), "{err}");
        }
    }
    let dir = project(&[("app.py", LEAK)]);
    let mut cmd = phi_lint(dir.path());
    cmd.args(["scan", "."]);
    for i in 0..1001 {
        cmd.arg(format!("--exclude=x{i}"));
    }
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--exclude: 1001 globs, more than the limit of 1000 per list"),
        "{err}"
    );
}

/// JSON and SARIF name a configuration file by its real path, which their serializer escapes:
/// a terminal escape there would name a file that does not exist. Standard error still shows
/// it escaped.
#[test]
fn json_and_sarif_name_configuration_files_by_their_real_path() {
    let name = "sub\n::error file=x::forged\u{1b}[31m";
    let dir = project(&[
        (&format!("{name}/app.py"), LEAK),
        (&format!("{name}/phi-lint.toml"), "ignore = [\"PHI1\"]\n"),
        (&format!("{name}/base.toml"), "min-confidence = \"high\"\n"),
    ]);
    std::fs::write(
        dir.path().join(name).join("phi-lint.toml"),
        "extend = \"base.toml\"\nignore = [\"PHI1\"]\n",
    )
    .unwrap();
    let real = |value: &serde_json::Value| -> String {
        let path = value.as_str().unwrap_or_else(|| panic!("{value}"));
        assert!(
            std::path::Path::new(path).is_file(),
            "{path:?} is not the file"
        );
        path.to_string()
    };
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "json"]));
    assert_eq!(code, 0, "{out}\n{err}");
    assert_no_raw_controls("json", &out);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let config = &report["config"];
    assert!(real(&config["file"]).ends_with(&format!("{name}/phi-lint.toml")));
    assert_eq!(real(&config["files"][0]["file"]), real(&config["file"]));
    assert!(real(&config["files"][0]["extends"][0]).ends_with(&format!("{name}/base.toml")));
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--format", "sarif"]));
    assert_no_raw_controls("sarif", &out);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert_eq!(real(&props["configFile"]), real(&config["file"]));
    assert_eq!(
        real(&props["configFiles"][0]["file"]),
        real(&config["file"])
    );
    assert_eq!(
        real(&props["configFiles"][0]["extends"][0]),
        real(&config["files"][0]["extends"][0])
    );
    assert_no_raw_controls("stderr", &err);
    assert!(
        err.contains("sub\\n::error file=x::forged\\x1b[31m/phi-lint.toml switches off"),
        "{err}"
    );
}

/// phi-lint breaks lines at a lone carriage return, git only at line feeds: `--diff` turns each
/// finding's line into git's before looking it up, so carriage returns above a change cannot
/// move its findings off the lines git says changed.
#[test]
fn lone_carriage_returns_cannot_move_a_change_out_of_diff() {
    let dir = project(&[("a.py", "X = 1\rY = 2\rZ = 3\ndef h(patient):\n    pass\n")]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("a.py"),
        "X = 1\rY = 2\rZ = 3\ndef h(patient):\n    print(patient.ssn)\n    print(patient.dob)\n",
    )
    .unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first leak"]);
    std::fs::write(
        d.join("a.py"),
        "X = 1\rY = 2\rZ = 3\ndef h(patient):\n    print(patient.ssn)\n    print(patient.dob)\n    print(patient.mrn)\n",
    )
    .unwrap();
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--diff", "HEAD~1"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("a.py:5:11") && out.contains("a.py:6:11"),
        "{out}"
    );
    assert!(out.contains("a.py:7:11"), "{out}");
    // Only the line changed since HEAD.
    let (code, out, err) = run(phi_lint(d).args(["scan", ".", "--diff", "HEAD"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("a.py:7:11"), "{out}");
    assert!(
        !out.contains("a.py:5:") && !out.contains("a.py:6:"),
        "{out}"
    );
}

/// serde_json writes DEL, the C1 controls and the Unicode bidirectional controls raw: a
/// directory or an `extend` target named with them reached JSON and SARIF reports (and a
/// baseline) as is, for a terminal or a CI page to act on. They are now written as `\u`
/// escapes, which read back as the same path; text and github output escape them their way.
#[test]
fn del_c1_and_bidi_controls_in_paths_are_escaped_in_json_and_sarif() {
    let dir_name = "d\u{7f}e\u{85}l\u{9b}31m\u{202e}fdp.\u{2066}x\u{2069}";
    let base = "b\u{202e}ase\u{9b}.toml";
    let dir = project(&[
        (&format!("{dir_name}/app.py"), LEAK),
        (&format!("{dir_name}/{base}"), "min-confidence = \"high\"\n"),
        (
            &format!("{dir_name}/phi-lint.toml"),
            &format!("extend = \"{base}\"\n"),
        ),
    ]);
    for format in ["json", "sarif"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 1, "{format}:\n{out}\n{err}");
        assert_no_raw_controls(format, &out);
        assert_no_raw_controls(&format!("{format} stderr"), &err);
        assert!(
            out.contains("d\\u007fe\\u0085l\\u009b31m\\u202efdp.\\u2066x\\u2069"),
            "{format}:\n{out}"
        );
        assert!(out.contains("b\\u202ease\\u009b.toml"), "{format}:\n{out}");
        // The escapes read back as the real paths.
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let extends = if format == "json" {
            v["config"]["files"][0]["extends"][0].clone()
        } else {
            v["runs"][0]["invocations"][0]["properties"]["configFiles"][0]["extends"][0].clone()
        };
        let extends = extends
            .as_str()
            .unwrap_or_else(|| panic!("{format}:\n{out}"));
        assert!(
            std::path::Path::new(extends).is_file()
                && extends.ends_with(&format!("{dir_name}/{base}")),
            "{format}: {extends:?}"
        );
    }
    for format in ["text", "github"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 1, "{format}:\n{out}\n{err}");
        assert_no_raw_controls(format, &out);
        assert_no_raw_controls(&format!("{format} stderr"), &err);
        assert!(
            out.contains("d\\x7fe\\u{85}l\\u{9b}31m\\u{202e}fdp.\\u{2066}x\\u{2069}"),
            "{format}:\n{out}"
        );
    }
    // A baseline names the files too.
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "--write-baseline", "b.json"]));
    assert!(code == 0 || code == 1, "{out}\n{err}");
    let written = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert_no_raw_controls("baseline", &written);
    assert!(written.contains("\\u202e"), "{written}");
    // An `extend` that names a missing file: the error shows the name escaped.
    std::fs::write(
        dir.path().join(dir_name).join("phi-lint.toml"),
        // TOML's own escapes: the raw characters are not valid in a TOML string.
        "extend = \"gone\\u202e\\u0085\\u007f.toml\"\n",
    )
    .unwrap();
    for format in ["text", "json"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--format", format]));
        assert_eq!(code, 2, "{format}:\n{out}\n{err}");
        assert_no_raw_controls(format, &out);
        assert_no_raw_controls(&format!("{format} stderr"), &err);
        assert!(
            err.contains("gone\\u{202e}\\u{85}\\x7f.toml does not exist"),
            "{format}:\n{err}"
        );
    }
}

/// Standard input is read up to the file-size limit and no further: an endless stream
/// (`< /dev/zero`) is skipped as too large instead of filling memory.
#[test]
fn an_endless_standard_input_is_not_read_to_the_end() {
    let dir = project(&[("app.py", LEAK)]);
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let (code, out, err) = run(phi_lint(dir.path())
        .args([
            "scan",
            "--stdin-filename",
            "x.py",
            "-",
            "--max-file-size",
            "1048576",
        ])
        .stdin(zero));
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("over the 1048576-byte limit"), "{err}");
}

/// `-o` refuses a committed link anywhere in the repository, not only under the scanned
/// directories (`scan src -o phi-lint.sarif`, the sharded workflow's `merge -o`), and a named
/// pipe planted under the report's name (it would block the write forever).
#[test]
fn output_links_and_pipes_anywhere_in_the_repository_are_refused() {
    let dir = project(&[("src/app.py", LEAK)]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "victim\n").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("phi-lint.sarif")).unwrap();
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "src", "-o", "phi-lint.sarif"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    let (code, _, err) =
        run(phi_lint(dir.path()).args(["merge", "a.sarif", "-o", "phi-lint.sarif"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim\n");
    let fifo = dir.path().join("pipe.sarif");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", ".", "-o", "pipe.sarif"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("named pipe"), "{err}");
}

/// A committed ignore file that hides every source file (`.gitignore` of `*`) does not make a
/// clean scan: the run fails as one that excluded everything, and a warning says why.
#[test]
fn an_ignore_file_hiding_everything_fails_the_scan() {
    for ignore in [".gitignore", ".ignore", ".phi-lintignore"] {
        let dir = project(&[("sub/app.py", LEAK), (ignore, "*\n")]);
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(code, 2, "{ignore}: {out}\n{err}");
        assert!(err.contains("ignored by ignore files"), "{ignore}: {err}");
    }
    // An empty repository is still a clean scan of nothing.
    let dir = project(&[("README.md", "# empty\n")]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 0, "{out}\n{err}");
}
