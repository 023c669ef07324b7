//! File discovery: walk the given paths in parallel with the `ignore` crate (honouring
//! `.gitignore`, `.ignore` and `.phi-lintignore`, also outside a git repository), keep files of
//! supported languages, and return them sorted so that everything downstream is deterministic.
//!
//! Paths given explicitly on the command line are scanned even when a `.gitignore` would skip
//! them (as ruff and gitleaks do: the pre-commit framework passes exactly the staged files), but
//! `exclude` globs still apply to them, so a project's `exclude` config is honoured in hooks.
//! The walk and the analysis are two phases (walk, sort, then rayon): no thread pool is nested
//! inside another.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::config::Resolver;
use crate::config_files::Format;
use crate::diagnostic::Notification;
use crate::lang::Language;
use crate::settings::Settings;

/// A file to scan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Path relative to the source root, `/`-separated (what output shows).
    pub rel: String,
    /// Path to open.
    pub path: PathBuf,
    /// Source code in a language, or a configuration file.
    pub kind: FileKind,
}

/// What a scanned file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// Source code.
    Code(Language),
    /// A configuration file ([`crate::config_files`]).
    Config(Format),
}

impl FileKind {
    /// The kind of a path: a source language by extension, or, when `config` is set (some
    /// selected rule reads configuration files), a configuration format.
    pub fn from_path(path: &Path, config: bool) -> Option<FileKind> {
        match Language::from_path(path) {
            Some(lang) => Some(FileKind::Code(lang)),
            None if config => Format::from_path(path).map(FileKind::Config),
            None => None,
        }
    }

    /// The language of a source file.
    pub fn lang(self) -> Option<Language> {
        match self {
            FileKind::Code(lang) => Some(lang),
            FileKind::Config(_) => None,
        }
    }
}

impl From<Language> for FileKind {
    fn from(lang: Language) -> FileKind {
        FileKind::Code(lang)
    }
}

/// Files that mark the root of an application or package: project-level facts (audit
/// middleware, route registrations) of one application never apply to another.
pub const APP_MANIFESTS: &[&str] = &[
    "package.json",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "manage.py",
    "requirements.txt",
    "Cargo.toml",
];

/// The application a file belongs to: the display path of the closest directory above it,
/// inside the scanned root, that holds one of [`APP_MANIFESTS`] (`""` for the root itself or
/// when there is none). Directories are looked at once per scan.
pub fn app_of(file: &SourceFile) -> String {
    static SEEN: crate::memo::ScanMemo<PathBuf, bool> = crate::memo::ScanMemo::new();
    let rel = Path::new(&file.rel);
    // The scanned root is `path` less the components of `rel`.
    let mut root = file.path.clone();
    for _ in rel.components() {
        if !root.pop() {
            return String::new();
        }
    }
    let mut dirs: Vec<&Path> = rel.ancestors().skip(1).collect();
    dirs.pop(); // the empty path: the root, which is the fallback anyway
    for dir in dirs {
        let abs = root.join(dir);
        let has = SEEN.get(&abs).unwrap_or_else(|| {
            let has = APP_MANIFESTS.iter().any(|m| abs.join(m).is_file());
            SEEN.insert(abs, has);
            has
        });
        if has {
            return dir.to_string_lossy().replace('\\', "/");
        }
    }
    String::new()
}

/// The name of the project-specific ignore file.
pub const IGNORE_FILE: &str = ".phi-lintignore";

/// Makes `path` relative to `root` for display, with `/` separators.
pub fn relative(path: &Path, root: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(root).unwrap_or(path);
    let mut s = String::new();
    for (i, c) in rel.components().enumerate() {
        if matches!(c, std::path::Component::CurDir) {
            continue;
        }
        if i > 0 && !s.is_empty() {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    if s.is_empty() {
        s.push('.');
    }
    s
}

/// Walks `paths` and returns the files to scan plus problems met on the way.
pub fn discover(
    paths: &[PathBuf],
    root: &Path,
    settings: &Settings,
) -> (Vec<SourceFile>, Vec<Notification>) {
    let found = walk(paths, root, settings);
    (found.files, found.notifications)
}

/// What [`walk`] found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The files to scan, sorted.
    pub files: Vec<SourceFile>,
    /// For each file, the index of its settings in the [`Resolver`] walked with.
    pub groups: Vec<usize>,
    /// Problems met on the way, sorted.
    pub notifications: Vec<Notification>,
    /// Files and directories left out by `exclude` globs or `include` selection, and files named
    /// on the command line in no supported language.
    pub excluded: usize,
    /// The symbolic links skipped with a warning (dangling, looping, or leading outside the
    /// directory walked) that would otherwise have been scanned or walked, by path: skipped
    /// files, which the scan counts (a scan that skipped everything is not clean).
    pub skipped: Vec<String>,
}

/// Walks `paths` as [`discover`] does, also counting what was left out.
///
/// Symbolic links are not followed by the walker. A link to a source file that resolves inside
/// the directory being walked is scanned under the link's path, unless its target is scanned
/// anyway (so each file is scanned once); a link to a directory inside it adds nothing (the
/// directory is walked under its own path, and no link can loop). A link that resolves outside
/// is skipped with a warning naming the link.
pub fn walk(paths: &[PathBuf], root: &Path, settings: &Settings) -> Discovered {
    walk_with(
        paths,
        root,
        &Resolver::fixed(settings.clone()),
        CliGlobs::Walked,
    )
}

/// What the built-in and `--exclude` globs are matched against for files found by walking a
/// directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CliGlobs {
    /// The path relative to the directory walked (a path argument).
    Walked,
    /// The path relative to the scan root (a walk of an application's directory for project
    /// facts, which must leave out what a scan of the root would).
    Root,
}

/// [`walk`], each file with the settings of its closest configuration (see [`Resolver`]): its
/// `exclude` and `include` globs decide whether it is scanned, and a directory is pruned by the
/// settings of the directory that holds it.
pub fn walk_with(
    paths: &[PathBuf],
    root: &Path,
    resolver: &Resolver,
    cli_globs: CliGlobs,
) -> Discovered {
    let base_settings = resolver.base();
    let files: Mutex<Vec<(SourceFile, usize)>> = Mutex::new(Vec::new());
    let notes = Mutex::new(Vec::new());
    let excluded = std::sync::atomic::AtomicUsize::new(0);
    let skipped: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let links: Mutex<Vec<(String, PathBuf)>> = Mutex::new(Vec::new());
    let refusals = std::sync::Arc::new(Mutex::new(Vec::new()));
    for path in paths {
        let rel = relative(path, root);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_string()
                } else {
                    e.to_string()
                };
                notes
                    .lock()
                    .expect("notification lock")
                    .push(Notification::error(rel, what));
                continue;
            }
        };
        if !meta.is_file() && !meta.is_dir() {
            notes
                .lock()
                .expect("notification lock")
                .push(Notification::error(
                    rel,
                    "not a regular file or directory (a FIFO, socket or device); not scanned",
                ));
            continue;
        }
        if meta.is_file() {
            let abs = crate::config::normalize(path);
            let group = resolver.for_file(&abs);
            let settings = resolver.get(group);
            if settings.excludes(&abs, Path::new(&rel)) || !settings.includes(&abs) {
                excluded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                continue;
            }
            match FileKind::from_path(path, settings.scans_config()) {
                Some(kind) => files.lock().expect("file lock").push((
                    SourceFile {
                        rel,
                        path: path.clone(),
                        kind,
                    },
                    group,
                )),
                None => {
                    excluded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    notes
                        .lock()
                        .expect("notification lock")
                        .push(Notification::note(
                            rel,
                            "not a Python, JavaScript, TypeScript or Rust file; skipped",
                        ))
                }
            }
            continue;
        }
        // The walker reads the ignore files of `path` and of every directory above it before
        // the first entry, and those of each directory before its entries: each is checked
        // first, and a directory whose ignore files may not be read is not walked at all.
        let repository = crate::read::repository_of(path);
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        // The bytes of ignore files above each directory, whose patterns the walker keeps
        // compiled while it walks below it, are bounded along every chain, not only per file.
        let mut above: u64 = 0;
        let refused: Vec<Notification> = abs
            .ancestors()
            .filter_map(|dir| {
                let inside = dir.starts_with(&repository).then_some(repository.as_path());
                match ignore_files(dir, inside) {
                    Ok(bytes) => {
                        above += bytes;
                        None
                    }
                    Err((file, why)) => Some(refusal(relative(&file, root), &why)),
                }
            })
            .collect();
        if !refused.is_empty() {
            notes.lock().expect("notification lock").extend(refused);
            continue;
        }
        if above > crate::limits::IGNORE_CHAIN_BYTES {
            notes
                .lock()
                .expect("notification lock")
                .push(chain_refusal(relative(path, root)));
            continue;
        }
        let chains: std::sync::Arc<Mutex<rustc_hash::FxHashMap<PathBuf, u64>>> = Default::default();
        chains
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone(), above);
        let mut builder = WalkBuilder::new(path);
        let refusals = std::sync::Arc::clone(&refusals);
        let walk_root = root.to_path_buf();
        let dotenv = base_settings.scans_config();
        builder
            .standard_filters(true)
            // Hidden entries are skipped below, except dotenv files (`.env`, `.env.production`)
            // when configuration files are scanned.
            .hidden(false)
            .require_git(false)
            .follow_links(false)
            .add_custom_ignore_filename(IGNORE_FILE)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() > 0 && is_hidden(entry.file_name()) {
                    return !is_dir
                        && dotenv
                        && Format::from_path(entry.path()) == Some(Format::Env);
                }
                if entry.depth() == 0 || !is_dir {
                    return true;
                }
                let own = match ignore_files(entry.path(), Some(&repository)) {
                    Ok(bytes) => bytes,
                    Err((file, why)) => {
                        refusals
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(refusal(relative(&file, &walk_root), &why));
                        return false;
                    }
                };
                let mut chains = chains.lock().unwrap_or_else(|e| e.into_inner());
                let parent = entry
                    .path()
                    .parent()
                    .and_then(|p| chains.get(p).copied())
                    .unwrap_or(0);
                let total = parent + own;
                if total > crate::limits::IGNORE_CHAIN_BYTES {
                    refusals
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(chain_refusal(relative(entry.path(), &walk_root)));
                    return false;
                }
                chains.insert(entry.path().to_path_buf(), total);
                true
            })
            .threads(base_settings.threads);
        let base = path.clone();
        let config = base_settings.scans_config();
        let real_base = std::fs::canonicalize(path).unwrap_or_else(|_| abs.clone());
        builder.build_parallel().run(|| {
            let files = &files;
            let notes = &notes;
            let base = &base;
            let real_base = &real_base;
            let excluded = &excluded;
            let skipped = &skipped;
            let links = &links;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        let (p, msg) = walk_error(&err);
                        let p = p.map_or_else(|| relative(base, root), |p| relative(&p, root));
                        notes
                            .lock()
                            .expect("notification lock")
                            .push(Notification::error(p, msg));
                        return WalkState::Continue;
                    }
                };
                let p = entry.path();
                let rel = relative(p, root);
                let rel_to_base = match cli_globs {
                    CliGlobs::Walked => p.strip_prefix(base).unwrap_or(p).to_path_buf(),
                    CliGlobs::Root => PathBuf::from(&rel),
                };
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let abs = crate::config::normalize(p);
                // A directory is pruned by the configuration of the directory holding it, a
                // file kept or left out by its own.
                let group = if is_dir {
                    resolver.for_dir(abs.parent().unwrap_or(&abs))
                } else {
                    resolver.for_file(&abs)
                };
                let settings = resolver.get(group);
                if entry.depth() > 0 && settings.excludes(&abs, &rel_to_base) {
                    if is_dir || FileKind::from_path(p, config).is_some() {
                        excluded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    return if is_dir {
                        WalkState::Skip
                    } else {
                        WalkState::Continue
                    };
                }
                if is_dir {
                    return WalkState::Continue;
                }
                let lang = FileKind::from_path(p, config);
                let keep = |rel: String, kind: FileKind| {
                    files.lock().expect("file lock").push((
                        SourceFile {
                            rel,
                            path: p.to_path_buf(),
                            kind,
                        },
                        group,
                    ));
                };
                if entry.path_is_symlink() {
                    let warn = |message: &str| {
                        notes
                            .lock()
                            .expect("notification lock")
                            .push(Notification::warning(relative(p, root), message));
                        skipped.lock().expect("skipped lock").push(rel.clone());
                    };
                    match std::fs::canonicalize(p) {
                        Err(_) if lang.is_some() => warn("dangling symbolic link; skipped"),
                        Err(_) => {}
                        Ok(target) if !target.starts_with(real_base) => {
                            if lang.is_some() || target.is_dir() {
                                warn(
                                    "symbolic link to a path outside the scanned directory; \
                                     skipped",
                                );
                            }
                        }
                        // A directory inside is walked under its own path.
                        Ok(target) if target.is_dir() => {}
                        Ok(target) => {
                            if let Some(lang) = lang.filter(|_| settings.includes(&abs)) {
                                links.lock().expect("link lock").push((rel.clone(), target));
                                keep(rel, lang);
                            }
                        }
                    }
                    return WalkState::Continue;
                }
                // Regular files, and FIFOs, sockets and devices with a source file's name: the
                // engine checks the type on the opened handle (a file can be swapped for a FIFO
                // after the walk) and skips those with a warning. A source file outside the
                // configuration's `include` is left out by it, as an excluded one is.
                match lang {
                    Some(lang) if settings.includes(&abs) => keep(rel, lang),
                    Some(_) => {
                        excluded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    None => {}
                }
                WalkState::Continue
            })
        });
    }
    let mut files = files.into_inner().expect("file lock");
    files.sort();
    files.dedup_by(|a, b| a.0.rel == b.0.rel);
    // A linked file is scanned once: under its own path when that is scanned too, otherwise
    // under the first link to it.
    let links = links.into_inner().expect("link lock");
    if !links.is_empty() {
        let linked: std::collections::HashMap<&str, &Path> = links
            .iter()
            .map(|(r, t)| (r.as_str(), t.as_path()))
            .collect();
        let mut seen: std::collections::HashSet<PathBuf> = files
            .iter()
            .filter(|(f, _)| !linked.contains_key(f.rel.as_str()))
            .filter_map(|(f, _)| std::fs::canonicalize(&f.path).ok())
            .collect();
        files.retain(|(f, _)| {
            linked
                .get(f.rel.as_str())
                .is_none_or(|target| seen.insert(target.to_path_buf()))
        });
    }
    let mut notes = notes.into_inner().expect("notification lock");
    // Nothing to scan, yet source files are there: ignore files (a committed `.gitignore` of
    // `*`) hid them all. That is no clean scan: they are counted as excluded, so the run fails
    // as one that excluded everything does, and a warning says which directory.
    let mut excluded = excluded.into_inner();
    // (Files left out by the configuration already make an empty scan fail, and say so.)
    if files.is_empty() && excluded == 0 && skipped.lock().expect("skipped lock").is_empty() {
        for path in paths.iter().filter(|p| p.is_dir()) {
            if let Some(hidden) = hidden_by_ignore_files(path, base_settings.scans_config()) {
                excluded += hidden;
                notes.push(Notification::warning(
                    relative(path, root),
                    "every source file here is ignored by ignore files (.gitignore, .ignore, \
                     .phi-lintignore); nothing under it was scanned",
                ));
            }
        }
    }
    let (files, groups) = files.into_iter().unzip();
    notes.append(&mut refusals.lock().unwrap_or_else(|e| e.into_inner()));
    notes.sort();
    notes.dedup();
    Discovered {
        files,
        groups,
        notifications: notes,
        excluded,
        skipped: skipped.into_inner().expect("skipped lock"),
    }
}

/// How many source files under `dir` a walk that honours no ignore file finds (hidden entries
/// still skipped), when there are some: at most 1,000 entries are looked at and the count stops
/// at the first 100 files.
fn hidden_by_ignore_files(dir: &Path, config: bool) -> Option<usize> {
    let mut found = 0;
    let walk = WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(false)
        .follow_links(false)
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
        .build();
    for entry in walk.take(1000).flatten() {
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && FileKind::from_path(entry.path(), config).is_some() {
            found += 1;
            if found == 100 {
                break;
            }
        }
    }
    (found > 0).then_some(found)
}

/// A hidden file or directory name (a leading dot), which the walk skips as ripgrep does.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The bytes of the ignore files of `dir` the walker reads (`.gitignore`, `.ignore`,
/// `.phi-lintignore`, and `.git/info/exclude` or a `.git` file, whose first line names the git
/// directory), or the first of them that may not be read (see [`crate::read`]).
fn ignore_files(dir: &Path, inside: Option<&Path>) -> Result<u64, (PathBuf, crate::read::Refusal)> {
    let git = dir.join(".git");
    let git_file = if git.is_dir() {
        git.join("info").join("exclude")
    } else {
        git
    };
    let mut bytes = 0;
    for file in [
        dir.join(".gitignore"),
        dir.join(".ignore"),
        dir.join(IGNORE_FILE),
        git_file,
    ] {
        match crate::read::check(&file, inside, crate::limits::IGNORE_BYTES) {
            Ok(n) => bytes += n,
            Err(crate::read::Refusal::Missing) => {}
            Err(why) => return Err((file, why)),
        }
    }
    Ok(bytes)
}

/// The notification for a directory below too many bytes of ignore files: it is not scanned.
fn chain_refusal(path: String) -> Notification {
    Notification::error(
        path,
        format!(
            "the ignore files above this directory hold over {} KiB of patterns; not scanned",
            crate::limits::IGNORE_CHAIN_BYTES >> 10
        ),
    )
}

/// The notification for an ignore file that was not read: its directory is not scanned, so
/// the scan is incomplete (exit 2).
fn refusal(path: String, why: &crate::read::Refusal) -> Notification {
    Notification::error(
        path,
        format!("ignore file {why}; its directory was not scanned"),
    )
}

fn walk_error(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::Loop { child, .. } => {
            (Some(child.clone()), "symbolic link loop; skipped".into())
        }
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            (None, "permission denied".into())
        }
        // The message would quote the pattern, a line of the ignore file.
        ignore::Error::Glob { .. } => (None, "invalid pattern in an ignore file".into()),
        ignore::Error::Partial(errs) => errs
            .first()
            .map(walk_error)
            .unwrap_or((None, "cannot read an ignore file".into())),
        other => (None, other.to_string()),
    }
}
