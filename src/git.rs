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
    // Names as they are, whole, from the top level (the parsers expect nothing else).
    "-c",
    "core.quotePath=false",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    "-c",
    "diff.relative=false",
    "--no-pager",
];

/// Runs `git -C dir <NO_REPOSITORY_COMMANDS> args` with no prompt, no optional locks and no
/// standard input.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    git_with_index(dir, args, None)
}

/// [`git`], reading (and, for commands that refresh stat data, writing) the index at `index`
/// instead of the repository's own.
fn git_with_index(dir: &Path, args: &[&str], index: Option<&Path>) -> Result<Vec<u8>, Error> {
    let mut command = Command::new("git");
    if let Some(index) = index {
        command.env("GIT_INDEX_FILE", index);
    }
    let out = command
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

/// A staged file: its path relative to the top level and what the index holds there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staged {
    /// Path relative to the top level, as git names it.
    pub path: String,
    /// Whether the index holds a regular file there (mode 100644 or 100755): not a symbolic
    /// link, whose blob is its target's name, nor a submodule's commit.
    pub regular: bool,
    /// The staged blob's object id: its content is read by id, so a name git cannot be given
    /// back (not UTF-8, a line break) still reads.
    pub blob: String,
}

/// Staged files (added, copied, modified, renamed), relative to the top level.
pub fn staged_files(top: &Path) -> Result<Vec<Staged>, Error> {
    let out = git(
        top,
        &[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--text",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-abbrev",
            "--diff-filter=ACMR",
        ],
    )?;
    Ok(parse_raw(&out))
}

/// A copy of the repository's index in a temporary file (removed when dropped), or `None` when
/// the repository has no index yet.
fn private_index(top: &Path) -> Result<Option<tempfile::NamedTempFile>, Error> {
    let out = git(
        top,
        &["rev-parse", "--path-format=absolute", "--git-path", "index"],
    )?;
    let path = PathBuf::from(String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r']));
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    if !meta.is_file() {
        return Err(Error::Usage("the git index is not a regular file".into()));
    }
    let copy = tempfile::Builder::new()
        .prefix("phi-lint-index-")
        .tempfile()
        .map_err(|e| Error::Usage(format!("cannot create a temporary index: {e}")))?;
    std::fs::copy(&path, copy.path())
        .map_err(|e| Error::Usage(format!("cannot copy the git index: {e}")))?;
    Ok(Some(copy))
}

/// Reads `git diff --raw -z`: each record is `:<old mode> <new mode> <old id> <new id>
/// <status>` then the path, or for a rename or copy (`R<score>`, `C<score>`) the old and the
/// new path, each NUL-terminated.
pub fn parse_raw(out: &[u8]) -> Vec<Staged> {
    let mut fields = out.split(|&b| b == 0);
    let mut staged = Vec::new();
    while let Some(meta) = fields.next() {
        let Some(meta) = meta.strip_prefix(b":") else {
            continue;
        };
        let parts: Vec<&[u8]> = meta.split(|&b| b == b' ').collect();
        let field = |i: usize| parts.get(i).copied().unwrap_or_default();
        let (new_mode, new_id, status) = (field(1), field(3), field(4));
        let two = matches!(status.first(), Some(b'R' | b'C'));
        if two {
            fields.next();
        }
        let Some(path) = fields.next().filter(|p| !p.is_empty()) else {
            break;
        };
        staged.push(Staged {
            path: String::from_utf8_lossy(path).into_owned(),
            regular: new_mode.starts_with(b"100"),
            blob: String::from_utf8_lossy(new_id).into_owned(),
        });
    }
    staged
}

/// The content of one blob by its object id (as `git diff --raw` names it).
pub fn blob(top: &Path, id: &str) -> Result<Vec<u8>, Error> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Usage(
            "git named no object id for a staged file".into(),
        ));
    }
    git(top, &["cat-file", "blob", id])
}

/// The staged content of `path` (relative to the top level).
pub fn staged_blob(top: &Path, path: &str) -> Result<Vec<u8>, Error> {
    // `cat-file blob` gives the blob as stored: no textconv, no filters, no pager.
    git(top, &["cat-file", "blob", &index_name(path)])
}

/// The name of the stage-0 index entry of `path`: `:0:path`. A bare `:path` reads a path that
/// starts with `0:` to `3:` as that stage of the rest of it, so the staged content of a file
/// named `0:app.py` would be read from `app.py`.
pub fn index_name(path: &str) -> String {
    format!(":0:{path}")
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

/// Options of every `git diff` whose output is read: the diff is computed and printed the same
/// way whatever the repository configures. `--text` diffs every file as text, so a committed
/// `.gitattributes` with `*.py -diff` (or `binary`, or a large `core.bigFileThreshold`) cannot
/// turn a change into "Binary files differ"; no external diff, no textconv, no colour; fixed
/// `a/`/`b/` prefixes (`diff.noprefix` and `diff.mnemonicPrefix` change them), submodules as one
/// line, and no context lines between hunks (`diff.interHunkContext`).
const DIFF_OPTIONS: &[&str] = &[
    "--text",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--submodule=short",
    "--inter-hunk-context=0",
    "-U0",
];

/// Lines added or changed since `rev` in the working tree, by path relative to the top level.
/// Untracked (not ignored) files count as entirely changed (`None`).
///
/// File names come from `git diff --numstat -z` (NUL-separated, never quoted), the changed lines
/// from the patch, and the two must agree: a file whose added lines the patch does not account
/// for exactly (a header the parser did not understand, a diff printed as binary) counts as
/// entirely changed, so a repository cannot hide a change from `--diff` by shaping its diff.
/// With `staged`, the lines changed in the index since `rev` (`git diff --cached`): what a
/// commit would change, as `--staged` scans it.
pub fn changed_lines(top: &Path, rev: &str, staged: bool) -> Result<ChangedLines, Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!("--diff: `{rev}` is not a revision")));
    }
    // Comparing with the working tree hashes changed files through the clean filter of their
    // attributes, a command the repository's config names: every filter driver is emptied.
    let filters = emptied_filters(top)?;
    // Comparing with the working tree refreshes the stat data of files touched since they were
    // staged, and git writes the refreshed index back even without optional locks: the diff
    // runs on a private copy of the index, so `.git/index` is never rewritten.
    let private = if staged { None } else { private_index(top)? };
    let index = private.as_ref().map(|p| p.path());
    let diff = |extra: &[&str]| -> Result<Vec<u8>, Error> {
        let mut args: Vec<&str> = filters.iter().map(String::as_str).collect();
        args.push("diff");
        if staged {
            args.push("--cached");
        }
        args.extend_from_slice(extra);
        args.extend_from_slice(DIFF_OPTIONS);
        args.extend([rev, "--"]);
        git_with_index(top, &args, index)
    };
    let numstat = parse_numstat(&diff(&["--numstat", "-z"])?);
    let hunks = parse_unified_diff(&diff(&[])?);
    let mut map = ChangedLines::new();
    for (path, added) in numstat {
        let lines = match added {
            Some(0) => Some(Vec::new()),
            Some(added) => hunks
                .get(&path)
                .filter(|ranges| {
                    ranges
                        .iter()
                        .map(|r| r.end() + 1 - r.start())
                        .sum::<usize>()
                        == added
                })
                .cloned(),
            None => None,
        };
        map.insert(path, lines);
    }
    if staged {
        // Untracked files are not in the index: not part of the commit.
        return Ok(map);
    }
    let untracked = git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in untracked.split(|&b| b == 0).filter(|s| !s.is_empty()) {
        map.insert(String::from_utf8_lossy(p).into_owned(), None);
    }
    Ok(map)
}

/// Parses `git diff --numstat -z`: the new path of each changed file and how many lines were
/// added to it (`None` for a file git counts as binary). A rename or copy is
/// `added TAB deleted TAB NUL old NUL new NUL`, any other file `added TAB deleted TAB path NUL`.
pub fn parse_numstat(out: &[u8]) -> Vec<(String, Option<usize>)> {
    let mut fields = out.split(|&b| b == 0);
    let mut files = Vec::new();
    while let Some(field) = fields.next() {
        let mut parts = field.splitn(3, |&b| b == b'\t');
        let (Some(added), Some(_deleted), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let path = if path.is_empty() {
            // Renamed or copied: the old name, then the new one.
            let _old = fields.next();
            match fields.next() {
                Some(new) => new,
                None => break,
            }
        } else {
            path
        };
        let added = std::str::from_utf8(added).ok().and_then(|a| a.parse().ok());
        files.push((String::from_utf8_lossy(path).into_owned(), added));
    }
    files
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

/// The number git gives the line that phi-lint numbers `line` (1-based) in `content`: phi-lint
/// breaks lines at a lone carriage return too (as editors and Python do), git at line feeds
/// only, so a file with lone carriage returns above a change would otherwise have its
/// findings numbered past the lines git says changed.
pub fn git_line(content: &[u8], line: usize) -> usize {
    let (mut ours, mut theirs) = (1, 1);
    let mut bytes = content.iter().peekable();
    while ours < line {
        match bytes.next() {
            None => break,
            Some(b'\n') => {
                ours += 1;
                theirs += 1;
            }
            Some(b'\r') if bytes.peek() != Some(&&b'\n') => ours += 1,
            Some(_) => {}
        }
    }
    theirs
}

/// Where [`parse_unified_diff`] is in the output of `git diff`.
enum DiffState {
    /// Before the first `diff --git` line.
    Outside,
    /// In the extended header of a file: `---` seen or not, the new path once `+++` is read.
    Header { minus: bool, path: Option<String> },
    /// Among the hunks of a file (`None`: a deleted file), with the lines of the current hunk
    /// still to read on the old and the new side and the next new-side line number.
    Hunks {
        path: Option<String>,
        old: usize,
        new: usize,
        line: usize,
    },
}

/// Parses `git diff -U0` output (with [`DIFF_OPTIONS`]) into the new-side line ranges of the
/// lines added to each file.
///
/// A state machine, not a search for `+++ ` lines: a `+++` line is a file header only right
/// after a `---` line in the header that a `diff --git` line opens, before its first `@@`; a
/// hunk's body is exactly as many lines as its `@@` header counts, so no added or removed
/// content (`++ b/other.py` added shows as `+++ b/other.py`) is ever read as a header. Paths
/// that git quotes (`"b/p\303\244t.py"`, tabs, quotes, backslashes) are unquoted.
pub fn parse_unified_diff(diff: &[u8]) -> HashMap<String, Vec<RangeInclusive<usize>>> {
    let mut map: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
    let mut state = DiffState::Outside;
    for line in diff.split(|&b| b == b'\n') {
        if let DiffState::Hunks {
            path,
            old,
            new,
            line: at,
        } = &mut state
        {
            if *old > 0 || *new > 0 {
                match line.first() {
                    Some(b'+') if *new > 0 => {
                        if let Some(p) = path {
                            let ranges = map.entry(p.clone()).or_default();
                            match ranges.last_mut() {
                                Some(r) if *r.end() + 1 == *at => *r = *r.start()..=*at,
                                _ => ranges.push(*at..=*at),
                            }
                        }
                        *new -= 1;
                        *at += 1;
                        continue;
                    }
                    Some(b'-') if *old > 0 => {
                        *old -= 1;
                        continue;
                    }
                    Some(b' ') if *old > 0 && *new > 0 => {
                        *old -= 1;
                        *new -= 1;
                        *at += 1;
                        continue;
                    }
                    Some(b'\\') => continue,
                    // Not a line of the hunk: the diff is not what it claims; the counts of
                    // `--numstat` catch what is lost.
                    _ => {
                        *old = 0;
                        *new = 0;
                    }
                }
            }
        }
        if line.starts_with(b"diff --git ") {
            state = DiffState::Header {
                minus: false,
                path: None,
            };
            continue;
        }
        match &mut state {
            DiffState::Outside => {}
            DiffState::Header { minus, path } => {
                if line.starts_with(b"--- ") {
                    *minus = true;
                } else if let (true, Some(rest)) = (*minus, line.strip_prefix(b"+++ ")) {
                    *path = header_path(rest);
                } else if line.starts_with(b"@@ ") {
                    let path = path.take();
                    state = hunk(line, path);
                }
            }
            DiffState::Hunks { path, .. } => {
                if line.starts_with(b"@@ ") {
                    let path = path.take();
                    state = hunk(line, path);
                }
            }
        }
    }
    map
}

/// The state after the hunk header `@@ -a[,b] +c[,d] @@...` of a file.
fn hunk(header: &[u8], path: Option<String>) -> DiffState {
    let text = String::from_utf8_lossy(header);
    let mut specs = text.split(' ').skip(1);
    let count = |spec: Option<&str>, sign: char| -> Option<(usize, usize)> {
        let mut parts = spec?.strip_prefix(sign)?.split(',');
        let start = parts.next()?.parse().ok()?;
        let count = match parts.next() {
            Some(c) => c.parse().ok()?,
            None => 1,
        };
        Some((start, count))
    };
    let old = count(specs.next(), '-');
    let new = count(specs.next(), '+');
    match (old, new) {
        (Some((_, old)), Some((line, new))) => DiffState::Hunks {
            path,
            old,
            new,
            line,
        },
        // Unreadable: nothing of it is counted (and `--numstat` says the file changed).
        _ => DiffState::Hunks {
            path,
            old: 0,
            new: 0,
            line: 0,
        },
    }
}

/// The path of a `+++ ` header line after the `+++ `: `None` for `/dev/null` (a deleted file).
/// git quotes a name holding a quote, backslash or control character (C style, with octal
/// escapes), and ends an unquoted name holding a space with a tab.
fn header_path(rest: &[u8]) -> Option<String> {
    let name = if rest.first() == Some(&b'"') {
        unquote_c(&rest[1..])?
    } else {
        rest.strip_suffix(b"\t").unwrap_or(rest).to_vec()
    };
    let path = name.strip_prefix(b"b/")?;
    Some(String::from_utf8_lossy(path).into_owned())
}

/// Undoes git's C-style quoting of a name, given what follows the opening quote; `None` when the
/// closing quote or an escape is missing or malformed.
fn unquote_c(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.iter().copied();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => return Some(out),
            b'\\' => {
                let e = bytes.next()?;
                out.push(match e {
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b't' => b'\t',
                    b'n' => b'\n',
                    b'v' => 0x0b,
                    b'f' => 0x0c,
                    b'r' => b'\r',
                    b'"' | b'\\' => e,
                    b'0'..=b'3' => {
                        let (d1, d2) = (bytes.next()?, bytes.next()?);
                        if !matches!(d1, b'0'..=b'7') || !matches!(d2, b'0'..=b'7') {
                            return None;
                        }
                        ((e - b'0') << 6) | ((d1 - b'0') << 3) | (d2 - b'0')
                    }
                    _ => return None,
                });
            }
            _ => out.push(b),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records_give_new_paths_and_whether_they_are_regular_files() {
        let z = "0".repeat(40);
        let a = "a".repeat(40);
        let out = format!(
            ":000000 100644 {z} {a} A\0api/new.py\0\
             :100644 100755 {a} {a} M\0run.sh\0\
             :100644 100644 {a} {a} R091\0old name.js\0new name.js\0\
             :000000 120000 {z} {a} A\0link.py\0\
             :000000 160000 {z} {a} A\0vendor/sub\0"
        );
        let got: Vec<(String, bool)> = parse_raw(out.as_bytes())
            .into_iter()
            .map(|s| (s.path, s.regular))
            .collect();
        assert_eq!(
            got,
            [
                ("api/new.py".to_string(), true),
                ("run.sh".to_string(), true),
                ("new name.js".to_string(), true),
                ("link.py".to_string(), false),
                ("vendor/sub".to_string(), false),
            ]
        );
    }

    #[test]
    fn hunks_give_new_side_ranges() {
        let diff = b"diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,1 +21,0 @@\n-gone\ndiff --git a/n.py b/n.py\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1,4 @@\n+1\n+2\n+3\n+4\n\\ No newline at end of file\n";
        let map = parse_unified_diff(diff);
        assert_eq!(map["a.py"], vec![3..=3, 11..=12]);
        assert_eq!(map["n.py"], vec![1..=4]);
    }

    #[test]
    fn added_lines_that_look_like_headers_stay_content() {
        // `++ b/x.py` added, `-- a/y` removed: inside a hunk they are content.
        let diff = b"diff --git a/c.py b/c.py\n--- a/c.py\n+++ b/c.py\n@@ -2 +2 @@\n--- a/y\n+++ b/x.py\n@@ -5 +5,2 @@\n-    pass\n+    print(patient.ssn)\n+diff --git a/z b/z\n";
        let map = parse_unified_diff(diff);
        assert_eq!(map.len(), 1, "{map:?}");
        assert_eq!(map["c.py"], vec![2..=2, 5..=6]);
    }

    #[test]
    fn quoted_and_spaced_names_are_read_whole() {
        let diff = b"diff --git \"a/p\\303\\244t.py\" \"b/p\\303\\244t.py\"\n--- \"a/p\\303\\244t.py\"\n+++ \"b/p\\303\\244t.py\"\n@@ -2 +2 @@\n-x\n+y\ndiff --git \"a/t\\tq\\\"b\\\\.py\" \"b/t\\tq\\\"b\\\\.py\"\n--- \"a/t\\tq\\\"b\\\\.py\"\n+++ \"b/t\\tq\\\"b\\\\.py\"\n@@ -1 +1 @@\n-x\n+y\ndiff --git a/a b.py b/a b.py\n--- a/a b.py\t\n+++ b/a b.py\t\n@@ -1 +1 @@\n-x\n+y\n";
        let map = parse_unified_diff(diff);
        assert_eq!(map["p\u{e4}t.py"], vec![2..=2]);
        assert_eq!(map["t\tq\"b\\.py"], vec![1..=1]);
        assert_eq!(map["a b.py"], vec![1..=1]);
        assert_eq!(map.len(), 3, "{map:?}");
        assert_eq!(unquote_c(b"a\\x\""), None);
        assert_eq!(unquote_c(b"open"), None);
    }

    #[test]
    fn lone_carriage_returns_are_not_git_line_breaks() {
        let content = b"a\rb\rc\r\nd\ne";
        assert_eq!(git_line(content, 1), 1);
        assert_eq!(git_line(content, 3), 1);
        assert_eq!(git_line(content, 4), 2);
        assert_eq!(git_line(content, 5), 3);
        assert_eq!(git_line(b"x\ny\n", 2), 2);
    }

    #[test]
    fn numstat_names_renames_and_binary_files() {
        let out = b"1\t0\ta.py\0-\t-\tbin.py\x002\t1\t\0old.py\0new\tname.py\0";
        assert_eq!(
            parse_numstat(out),
            vec![
                ("a.py".to_string(), Some(1)),
                ("bin.py".to_string(), None),
                ("new\tname.py".to_string(), Some(2)),
            ]
        );
    }
}
