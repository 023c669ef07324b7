//! The little git the pre-commit modes need, by running the `git` binary: the staged files and
//! their blob content (`--staged`), and the lines changed since a revision (`--diff REV`).
//!
//! The repository is untrusted, and so is its `.git/config`: git runs commands named there
//! (`core.fsmonitor`, `diff.external`, textconv drivers, `core.pager`, hooks). Every invocation
//! goes through [`git`], which overrides each of them on the command line, asks for no
//! external diff or textconv, never prompts, and takes no optional locks, so a scan neither
//! runs anything the repository names nor rewrites `.git/index`.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// Changed lines by path: `None` means the whole file is new (untracked).
pub type ChangedLines = HashMap<String, Option<Vec<RangeInclusive<usize>>>>;

/// Settings given before every git subcommand: command-line `-c` wins over every config file.
const NO_REPOSITORY_COMMANDS: &[&str] = &[
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.external=",
    "-c",
    "core.pager=cat",
    "-c",
    "core.untrackedCache=false",
    "-c",
    "protocol.allow=never",
    "--no-pager",
];

/// Runs `git -C dir <NO_REPOSITORY_COMMANDS> args` with no prompt, no optional locks and no
/// standard input.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(NO_REPOSITORY_COMMANDS)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
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
            "--no-ext-diff",
            "--no-textconv",
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
    // `cat-file blob` gives the blob as stored: no textconv, no filters, no pager.
    git(top, &["cat-file", "blob", &format!(":{path}")])
}

/// Files whose working copy may differ from their staged content (modified, not staged), by
/// path relative to the top level. `diff-files` (plumbing) compares the index's `stat` data
/// without refreshing the index, so it never rewrites `.git/index` (the porcelain `git diff`
/// does, optional locks or not); a file merely touched since it was staged is listed too, which
/// costs only reading its staged content. Every filter driver is emptied all the same.
pub fn unstaged_files(top: &Path) -> Result<Vec<String>, Error> {
    let mut args = emptied_filters(top)?;
    args.extend(
        [
            "diff-files",
            "--name-only",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
            "--diff-filter=M",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = git(top, &args)?;
    Ok(out
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect())
}

/// Every file in the index (stage 0) with its blob id, by path relative to the top level.
pub fn index_entries(top: &Path) -> Result<HashMap<String, String>, Error> {
    let out = git(top, &["ls-files", "--stage", "-z"])?;
    Ok(out
        .split(|&b| b == 0)
        .filter_map(|entry| {
            // `<mode> <oid> <stage>\t<path>`
            let entry = String::from_utf8_lossy(entry);
            let (meta, path) = entry.split_once('\t')?;
            let mut parts = meta.split(' ');
            let mode = parts.next()?;
            let oid = parts.next()?;
            let stage = parts.next()?;
            // Regular files only: a symbolic link's blob is its target's name.
            (stage == "0" && mode.starts_with("100")).then(|| (path.to_string(), oid.to_string()))
        })
        .collect())
}

/// The content of blobs by id, read through one `git cat-file --batch` (no textconv, no
/// filters); a blob that is missing, not a blob or larger than `limit` bytes is `None`.
pub fn blobs(top: &Path, oids: &[&str], limit: u64) -> Result<Vec<Option<Vec<u8>>>, Error> {
    use std::io::{BufRead, Read, Write};
    if oids.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(NO_REPOSITORY_COMMANDS)
        .args(["cat-file", "--batch"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let request: String = oids.iter().map(|o| format!("{o}\n")).collect();
    // Written from another thread: git answers as it reads, and a full pipe would block both.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout was piped"));
    let mut blobs = Vec::with_capacity(oids.len());
    let mut header = String::new();
    for _ in oids {
        header.clear();
        if out.read_line(&mut header).unwrap_or(0) == 0 {
            break;
        }
        // `<oid> blob <size>` or `<oid> missing`.
        let mut parts = header.split_whitespace();
        let (_, kind, size) = (parts.next(), parts.next(), parts.next());
        match (kind, size.and_then(|s| s.parse::<u64>().ok())) {
            (Some(_), Some(size)) if size > limit => {
                std::io::copy(&mut (&mut out).take(size + 1), &mut std::io::sink())
                    .map_err(|e| Error::Usage(format!("git cat-file: {e}")))?;
                blobs.push(None);
            }
            (Some(kind), Some(size)) => {
                let mut content = Vec::with_capacity(size as usize);
                (&mut out)
                    .take(size)
                    .read_to_end(&mut content)
                    .map_err(|e| Error::Usage(format!("git cat-file: {e}")))?;
                let mut newline = [0u8; 1];
                let _ = out.read_exact(&mut newline);
                blobs.push((kind == "blob").then_some(content));
            }
            _ => blobs.push(None),
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    blobs.resize(oids.len(), None);
    Ok(blobs)
}

/// `-c filter.<driver>.{clean,smudge,process}=` for every filter driver the repository's
/// configuration names: comparing with the working tree would otherwise run the command a
/// driver names.
fn emptied_filters(top: &Path) -> Result<Vec<String>, Error> {
    Ok(filter_drivers(top)?
        .iter()
        .flat_map(|d| {
            ["clean", "smudge", "process"]
                .into_iter()
                .flat_map(move |k| ["-c".to_string(), format!("filter.{d}.{k}=")])
        })
        .collect())
}

/// Lines added or changed since `rev` in the working tree, by path relative to the top level.
/// Untracked (not ignored) files count as entirely changed (`None`).
pub fn changed_lines(top: &Path, rev: &str) -> Result<ChangedLines, Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!("--diff: `{rev}` is not a revision")));
    }
    // Comparing with the working tree hashes changed files through the clean filter of their
    // attributes, a command the repository's config names: every filter driver is emptied.
    let mut args = emptied_filters(top)?;
    args.extend(
        [
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            rev,
            "--",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = git(top, &args)?;
    let mut map = parse_unified_diff(&String::from_utf8_lossy(&out));
    let untracked = git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in untracked.split(|&b| b == 0).filter(|s| !s.is_empty()) {
        map.insert(String::from_utf8_lossy(p).into_owned(), None);
    }
    Ok(map)
}

/// The names of the filter drivers with a command in the repository's configuration
/// (`filter.<name>.clean`, `.smudge`, `.process`). Reading configuration runs nothing.
fn filter_drivers(top: &Path) -> Result<Vec<String>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(NO_REPOSITORY_COMMANDS)
        .args([
            "config",
            "-z",
            "--get-regexp",
            r"^filter\..*\.(clean|smudge|process)$",
        ])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    // Exit 1: no such key.
    if !out.status.success() && out.status.code() != Some(1) {
        return Err(Error::Usage(format!(
            "git config failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let mut drivers: Vec<String> = out
        .stdout
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let key = entry.split(|&b| b == b'\n').next()?;
            let key = String::from_utf8_lossy(key);
            let rest = key.strip_prefix("filter.")?;
            let (name, _) = rest.rsplit_once('.')?;
            Some(name.to_string())
        })
        .collect();
    drivers.sort();
    drivers.dedup();
    Ok(drivers)
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
