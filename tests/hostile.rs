//! Hostile repositories: file names, keys, comments and git or configuration files crafted to
//! forge output, drive the terminal, leak their content or run commands. Nothing from the
//! scanned tree reaches a terminal raw, runs, or is echoed.

#![cfg(unix)]

use crate::support::{phi_lint, project, run};

const LEAK: &str = "def f(patient):\n    print(patient.ssn)\n";

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
