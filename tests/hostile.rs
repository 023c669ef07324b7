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
    ] {
        let dir = project(&[("app.py", LEAK), ("sub/b.py", LEAK)]);
        let path = dir.path().join(name);
        match make {
            "fifo" => fifo(&path),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
            "outside" => std::os::unix::fs::symlink(outside.path().join("secret"), &path).unwrap(),
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
