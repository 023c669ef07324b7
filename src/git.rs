//! The little git the pre-commit modes need, by running the `git` binary: the staged files and
//! their blob content (`--staged`), and the lines changed since a revision (`--diff REV`).

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// Changed lines by path: `None` means the whole file is new (untracked).
pub type ChangedLines = HashMap<String, Option<Vec<RangeInclusive<usize>>>>;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        return Err(Error::Usage(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(out.stdout)
}

/// The top-level directory of the work tree containing `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, Error> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&out).trim());
    Ok(top.canonicalize().unwrap_or(top))
}

/// Staged files (added, copied, modified, renamed), relative to the top level.
pub fn staged_files(top: &Path) -> Result<Vec<String>, Error> {
    let out = git(
        top,
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
        ],
    )?;
    Ok(out
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect())
}

/// The staged content of `path` (relative to the top level).
pub fn staged_blob(top: &Path, path: &str) -> Result<Vec<u8>, Error> {
    git(top, &["show", &format!(":{path}")])
}

/// Lines added or changed since `rev` in the working tree, by path relative to the top level.
/// Untracked (not ignored) files count as entirely changed (`None`).
pub fn changed_lines(top: &Path, rev: &str) -> Result<ChangedLines, Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!("--diff: `{rev}` is not a revision")));
    }
    let out = git(
        top,
        &["diff", "-U0", "--no-color", "--no-ext-diff", rev, "--"],
    )?;
    let mut map = parse_unified_diff(&String::from_utf8_lossy(&out));
    let untracked = git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in untracked.split(|&b| b == 0).filter(|s| !s.is_empty()) {
        map.insert(String::from_utf8_lossy(p).into_owned(), None);
    }
    Ok(map)
}

/// Parses `git diff -U0` output into the new-side line ranges of each file.
pub fn parse_unified_diff(diff: &str) -> ChangedLines {
    let mut map = ChangedLines::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(p) = line.strip_prefix("+++ ") {
            current = p.strip_prefix("b/").map(|p| p.trim_end().to_string());
            if let Some(c) = &current {
                map.entry(c.clone()).or_insert_with(|| Some(Vec::new()));
            }
        } else if let Some(h) = line.strip_prefix("@@ ") {
            let Some(c) = &current else { continue };
            // @@ -a[,b] +c[,d] @@
            let Some(new) = h.split_whitespace().find(|t| t.starts_with('+')) else {
                continue;
            };
            let mut parts = new[1..].split(',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            if count == 0 {
                continue;
            }
            if let Some(Some(v)) = map.get_mut(c) {
                v.push(start..=start + count - 1);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_side_ranges() {
        let diff = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,3 +21,0 @@\n-gone\ndiff --git a/n.py b/n.py\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1,4 @@\n";
        let map = parse_unified_diff(diff);
        assert_eq!(map["a.py"], Some(vec![3..=3, 11..=12]));
        assert_eq!(map["n.py"], Some(vec![1..=4]));
    }
}
