//! phi-lint finds leaks of protected health information (HIPAA PHI) in Python, JavaScript,
//! TypeScript and Rust source code.
//!
//! The pipeline has two phases, as in ruff: [`discover`] walks the paths in parallel and returns
//! a sorted file list; [`check`] then analyses the files with rayon, each worker owning its
//! parsers and query cursor. Each file is parsed once; one joined tree-sitter query per language
//! finds candidate sites for every rule, and the rules decide with the shared PHI classifier
//! ([`phi`]) and local data flow ([`flow`]). Findings are sorted before output, so results are
//! identical whatever the thread count.

#![warn(missing_docs)]
// Errors are built only on the way out of a failed start-up (bad config, bad selector); their
// size does not matter, and keeping the source text inline lets miette render it.
#![allow(clippy::result_large_err)]

pub mod alloc;
pub mod baseline;
pub mod budget;
pub mod cli;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod error;
pub mod escape;
pub mod eval;
pub mod flow;
pub mod git;
pub mod init;
pub mod intern;
pub mod lang;
pub mod limits;
pub mod output;
pub mod phi;
pub mod progress;
pub mod read;
pub mod rules;
pub mod settings;
pub mod shard;
pub mod spill;
pub mod suppress;
pub mod tree;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Notification, NotificationLevel};
use crate::discover::SourceFile;
use crate::engine::{Engine, FileResult, Worker};
use crate::settings::Settings;

/// The outcome of a scan.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted by (path, line, column, code).
    pub diagnostics: Vec<Diagnostic>,
    /// Problems with individual files, sorted.
    pub notifications: Vec<Notification>,
    /// Files analysed.
    pub files_scanned: usize,
    /// Files parsed: those scanned that the byte prefilter did not rule out.
    pub files_parsed: usize,
    /// Files skipped on purpose: too large, binary, minified, or not a regular file.
    pub files_skipped: usize,
    /// Files left out by `exclude` globs or `include` selection, or named on the command line
    /// but of no supported language.
    pub files_excluded: usize,
    /// Bytes read.
    pub bytes_scanned: u64,
    /// The source root that paths are relative to.
    pub root: PathBuf,
    /// Problems with suppression comments (unknown rules; blanket and unused ones when asked),
    /// also listed in `notifications`. They make the run fail.
    pub suppression_problems: usize,
    /// The shard scanned (`--shard I/N`), if any: findings and notifications cover only its files.
    pub shard: Option<shard::Shard>,
    /// The configuration file used, if any.
    pub config_file: Option<PathBuf>,
    /// Rules the configuration file switched off ([`Settings::rules_off_by_config`]).
    pub rules_off_by_config: Vec<&'static str>,
}

impl Report {
    /// Whether nothing was scanned although something was asked for: every file found was
    /// excluded or skipped. Such a scan must not look clean. Exclusions are counted over the
    /// whole walk, so with `--shard` only the shard's own skipped files count (a shard may
    /// legitimately hold no file).
    pub fn scanned_nothing(&self) -> bool {
        self.files_scanned == 0
            && (self.files_skipped > 0 || (self.files_excluded > 0 && self.shard.is_none()))
    }

    /// Whether some file could not be scanned (the run must then exit 2).
    pub fn has_errors(&self) -> bool {
        self.notifications
            .iter()
            .any(|n| n.level == NotificationLevel::Error)
    }
}

/// The source root for `paths`: the current directory when every path is inside it, otherwise
/// the first path (or its directory, for a file).
pub fn source_root(paths: &[PathBuf]) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let abs: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    if abs.iter().all(|p| p.starts_with(&cwd)) {
        return cwd;
    }
    let first = &abs[0];
    if first.is_dir() {
        first.clone()
    } else {
        first.parent().map(Path::to_path_buf).unwrap_or(cwd)
    }
}

/// Scans `paths` with `settings`.
pub fn check(settings: &Settings, paths: &[PathBuf]) -> Report {
    let root = source_root(paths);
    let discover::Discovered {
        files,
        mut notifications,
        excluded,
    } = discover::walk(paths, &root, settings);
    notifications.retain(|n| settings.in_shard(&n.path));
    let mut report = check_files(settings, &files);
    report.files_excluded = excluded;
    notifications.append(&mut report.notifications);
    notifications.sort();
    notifications.dedup();
    report.notifications = notifications;
    report.root = root;
    report
}

/// Walks and parses every file (and with [`engine::Baseline::Query`] runs the compiled queries)
/// without running rules: the benchmark's baselines.
pub fn baseline(settings: &Settings, paths: &[PathBuf], baseline: engine::Baseline) -> Report {
    let root = source_root(paths);
    let (mut files, notifications) = discover::discover(paths, &root, settings);
    files.retain(|f| settings.in_shard(&f.rel));
    let engine = Engine::baseline(settings, baseline);
    let mut report = run_engine(&engine, settings, &files, None);
    report.notifications.extend(notifications);
    report.root = root;
    report
}

/// Scans a list of already-discovered files.
pub fn check_files(settings: &Settings, files: &[SourceFile]) -> Report {
    let mut engine = Engine::new(settings);
    engine.plan(files, None);
    run_engine(&engine, settings, files, None)
}

/// Scans in-memory content (staged blobs): `contents[i]` is the text of `files[i]`, whose
/// `rel` paths are relative to `root`.
pub fn check_contents(
    settings: &Settings,
    root: &Path,
    files: &[SourceFile],
    contents: &[Vec<u8>],
) -> Report {
    let mut engine = Engine::new(settings);
    engine.plan(files, Some(contents));
    let mut report = run_engine(&engine, settings, files, Some(contents));
    report.notifications.sort();
    report.notifications.dedup();
    report.root = root.to_path_buf();
    report
}

fn run_engine(
    engine: &Engine<'_>,
    settings: &Settings,
    files: &[SourceFile],
    contents: Option<&[Vec<u8>]>,
) -> Report {
    // With `--shard`, files outside the shard run only the rules with project-level passes (their
    // facts join across all files); nothing found on them is reported.
    let outside = settings
        .shard
        .filter(|_| settings.rules.iter().any(|r| r.project.is_some()))
        .map(|_| Engine::project_only(settings));
    let run = || -> Vec<FileResult> {
        files
            .par_iter()
            .enumerate()
            .map_init(Worker::default, |worker, (i, file)| {
                let engine = match &outside {
                    _ if settings.in_shard(&file.rel) => engine,
                    Some(outside) => outside,
                    None => return FileResult::default(),
                };
                analyze_guarded(engine, worker, file, contents.and_then(|c| c.get(i)))
            })
            .collect()
    };
    let results = if settings.threads > 0 {
        match rayon::ThreadPoolBuilder::new()
            .num_threads(settings.threads)
            .build()
        {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        }
    } else {
        run()
    };
    let mut report = Report {
        shard: settings.shard,
        config_file: settings.config_path.clone(),
        rules_off_by_config: settings.rules_off_by_config.clone(),
        ..Report::default()
    };
    let mut facts: Vec<(String, &'static rules::RuleMeta, engine::Fact)> = Vec::new();
    let mut directives: HashMap<String, Vec<suppress::Found>> = HashMap::new();
    for (file, r) in files.iter().zip(results) {
        if settings.in_shard(&file.rel) {
            if !r.suppressions.is_empty() {
                directives.insert(file.rel.clone(), r.suppressions);
            }
            report.files_scanned += usize::from(r.scanned);
            report.files_parsed += usize::from(r.parsed);
            report.files_skipped += usize::from(r.skipped);
            report.bytes_scanned += r.bytes;
            report.diagnostics.extend(r.diagnostics);
            report.notifications.extend(r.notifications);
        }
        facts.extend(
            r.facts
                .into_iter()
                .map(|(rule, f)| (file.rel.clone(), rule, f)),
        );
    }
    for rule in settings.rules.iter().copied() {
        let Some(project) = rule.project else {
            continue;
        };
        let project_facts = engine::ProjectFacts {
            rule,
            settings,
            facts: facts
                .iter()
                .filter(|(_, r, _)| r.code == rule.code)
                .map(|(p, _, f)| (p.as_str(), f.as_ref()))
                .collect(),
        };
        let found = project(&project_facts);
        report.diagnostics.extend(
            found
                .into_iter()
                .filter(|d| d.confidence >= settings.min_confidence && settings.in_shard(&d.path)),
        );
    }
    if let Some(e) = settings.spill.error() {
        // The facts of some files could not be read back: project-level findings may be missing.
        report.notifications.push(Notification::error(
            ".",
            format!(
                "project-level facts were lost ({e}); missing-audit findings may be incomplete"
            ),
        ));
    }
    finish(&mut report.diagnostics);
    for d in &mut report.diagnostics {
        if let Some((_, level)) = settings.levels.iter().find(|(c, _)| *c == d.rule.code) {
            d.level = *level;
        }
    }
    let problems = suppress::apply(
        &mut report.diagnostics,
        &mut directives,
        &settings.rules,
        settings.suppressions,
    );
    report.suppression_problems = problems.len();
    report.notifications.extend(problems);
    report
}

/// Analyses one file, turning a panic into a notification so one bad file never takes down
/// the scan or loses the other files' results.
fn analyze_guarded(
    engine: &Engine<'_>,
    worker: &mut Worker,
    file: &SourceFile,
    content: Option<&Vec<u8>>,
) -> FileResult {
    match catch_unwind(AssertUnwindSafe(|| {
        // Debug builds can be told to panic on one file, so tests can prove that a panic in one
        // file's analysis is contained. Release builds have no such hook.
        #[cfg(debug_assertions)]
        if std::env::var_os("PHI_LINT_DEBUG_PANIC_ON")
            .is_some_and(|n| file.rel.ends_with(&*n.to_string_lossy()))
        {
            panic!("PHI_LINT_DEBUG_PANIC_ON matched {}", file.rel);
        }
        match content {
            None => engine.analyze_file(worker, file),
            Some(bytes) => {
                let mut r = FileResult {
                    bytes: bytes.len() as u64,
                    ..Default::default()
                };
                if r.bytes > engine.settings.max_file_size {
                    r.notifications
                        .push(engine::too_large(&file.rel, r.bytes, engine.settings));
                    r.skipped = true;
                } else {
                    engine.analyze_bytes(worker, file, bytes, &mut r);
                }
                r
            }
        }
    })) {
        Ok(r) => r,
        Err(_) => {
            // The worker's parser may be mid-parse: start it afresh.
            *worker = Worker::default();
            FileResult {
                notifications: vec![Notification::error(
                    &file.rel,
                    "internal error while analysing this file (please report it); not scanned",
                )],
                ..Default::default()
            }
        }
    }
}

/// Sorts findings and makes fingerprints unique within a file: identical shapes (the same log
/// line twice in one function) get an occurrence suffix in source order.
fn finish(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.end.cmp(&b.end))
            .then(a.message.cmp(&b.message))
    });
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let n = seen
            .entry((d.path.clone(), d.fingerprint.clone()))
            .or_insert(0);
        *n += 1;
        d.fingerprint = format!("{}:{}", d.fingerprint, n);
    }
}
