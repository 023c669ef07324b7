//! Shared helpers: running the binary, temporary project trees, fixture annotations.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod annotations;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `phi-lint` command run in `dir`, its facts cache in a directory of the test run's own
/// (never the user's).
pub fn phi_lint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_phi-lint"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PHI_LINT_CACHE_DIR", cache_dir());
    cmd
}

/// The facts cache directory of the tests (in Cargo's temporary directory for them).
pub fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("phi-lint-cache")
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the phi-lint binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// A temporary directory with files written from `(path, content)` pairs.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("phi-lint-test")
        .tempdir()
        .expect("temp dir");
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("file has a parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    dir
}

/// Copies a directory tree (fixtures) into a fresh temporary directory.
pub fn copy_tree(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("phi-lint-test")
        .tempdir()
        .expect("temp dir");
    copy_dir(src, dir.path());
    dir
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read fixture dir") {
        let entry = entry.expect("dir entry");
        let to = dst.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).expect("copy");
        }
    }
}
