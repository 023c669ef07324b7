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
pub mod cache;
pub mod cli;
pub mod config;
pub mod config_files;
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
pub mod memo;
pub mod output;
pub mod phi;
pub mod progress;
pub mod project;
pub mod read;
pub mod rules;
pub mod server;
pub mod settings;
pub mod shard;
pub mod spill;
pub mod suppress;
pub mod tree;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Resolver;
use crate::diagnostic::{Diagnostic, Notification, NotificationLevel};
use crate::discover::SourceFile;
use crate::engine::{Engine, FileResult, Worker};
use crate::error::Result;
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
    /// Files skipped on purpose: too large, binary, minified, not a regular file, or a symbolic
    /// link the walk does not follow (dangling, looping, or leading outside the directory).
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
    /// The configuration file used, if any: with several, the one closest to the root (the
    /// first of [`Report::configs`]).
    pub config_file: Option<PathBuf>,
    /// Rules a configuration file switched off ([`Settings::rules_off_by_config`]), in any of
    /// them.
    pub rules_off_by_config: Vec<&'static str>,
    /// Every configuration file the scan used (for the files scanned or for the project facts
    /// read from other files of their applications), by path.
    pub configs: Vec<ConfigUse>,
    /// Files of the scanned files' applications read only for their project-level facts (a
    /// partial scan: named files, `--staged`, `--stdin-filename`).
    pub files_context: usize,
    /// Of those, the files whose facts came from the facts cache.
    pub files_context_cached: usize,
    /// The rules run on the files scanned (in code order): with several configuration files,
    /// those any of them runs.
    pub rules: Vec<&'static rules::RuleMeta>,
}

/// A configuration file a scan used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigUse {
    /// The file.
    pub file: PathBuf,
    /// The files it extends, nearest first.
    pub extends: Vec<PathBuf>,
    /// The rules it switched off that the command line alone would have run.
    pub rules_off: Vec<&'static str>,
    /// The terms it declares never PHI (`[phi] ignore`).
    pub terms_ignored: Vec<String>,
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

/// The source root for `paths`: the current directory when some path is inside it, otherwise
/// the deepest directory holding every path (a directory path itself, a file's directory), so
/// the root, and every path shown, is the same whatever the order of the paths.
pub fn source_root(paths: &[PathBuf]) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let abs: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    if abs.is_empty() || abs.iter().any(|p| p.starts_with(&cwd)) {
        return cwd;
    }
    let dir_of = |p: &Path| -> PathBuf {
        if p.is_dir() {
            p.to_path_buf()
        } else {
            p.parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| cwd.clone())
        }
    };
    let mut common = dir_of(&abs[0]);
    for p in &abs[1..] {
        let dir = dir_of(p);
        while !dir.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    common
}

/// Scans `paths` with `settings` (one configuration for every file).
pub fn check(settings: &Settings, paths: &[PathBuf]) -> Report {
    let resolver = Resolver::fixed(settings.clone());
    check_with(&resolver, paths, &Options::default())
        .expect("fixed settings raise no configuration error")
}

/// How a scan treats the files it was not asked about.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Do not read the other files of the scanned files' applications for project-level facts:
    /// project-level rules then join the facts of the scanned files alone.
    pub no_project_context: bool,
    /// Where the project facts of those other files are cached between runs (see [`cache`]);
    /// `None`: not cached.
    pub cache_dir: Option<PathBuf>,
}

/// Scans `paths`, each file with the settings `resolver` gives it (the closest configuration
/// file). When the paths do not cover whole applications (named files), the other files of the
/// applications they belong to are read for project-level facts, so that project-level rules
/// report on the named files what a scan of everything would.
pub fn check_with(resolver: &Resolver, paths: &[PathBuf], options: &Options) -> Result<Report> {
    let root = source_root(paths);
    let discover::Discovered {
        files,
        groups,
        mut notifications,
        excluded,
        skipped,
    } = discover::walk_with(paths, &root, resolver, discover::CliGlobs::Walked);
    let walked: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| config::normalize(p))
        .collect();
    if let Some(e) = resolver.take_error() {
        return Err(e);
    }
    let settings = resolver.all();
    notifications.retain(|n| settings[0].in_shard(&n.path));
    let gather: Gather<'_> = Box::new(|| {
        let context = if options.no_project_context {
            project::Context::default()
        } else {
            project::context(
                resolver,
                &root,
                &walked,
                &files,
                project::Contents::WorkTree,
            )?
        };
        Ok((context, resolver.all()))
    });
    let mut report = run(
        &settings,
        Inputs {
            files: &files,
            groups: &groups,
            contents: None,
        },
        gather,
        options,
    )?;
    // The context's walk may have met a configuration file in error.
    if let Some(e) = resolver.take_error() {
        report.notifications.push(context_config_error(e, &root)?);
    }
    report.files_excluded = excluded;
    // The links the walk skipped are skipped files as much as those the engine skips.
    report.files_skipped += skipped.iter().filter(|p| settings[0].in_shard(p)).count();
    notifications.append(&mut report.notifications);
    notifications.extend(resolver.take_warnings());
    notifications.sort();
    notifications.dedup();
    report.notifications = notifications;
    report.root = root;
    Ok(report)
}

/// Walks and parses every file (and with [`engine::Baseline::Query`] runs the compiled queries)
/// without running rules: the benchmark's baselines.
pub fn baseline(settings: &Settings, paths: &[PathBuf], baseline: engine::Baseline) -> Report {
    let root = source_root(paths);
    let (mut files, notifications) = discover::discover(paths, &root, settings);
    files.retain(|f| settings.in_shard(&f.rel));
    let engine = Engine::baseline(settings, baseline);
    let results: Vec<FileResult> = files
        .par_iter()
        .map_init(Worker::default, |worker, file| {
            analyze_guarded(&engine, worker, file, None)
        })
        .collect();
    let mut report = Report::default();
    for r in results {
        report.files_scanned += usize::from(r.scanned);
        report.files_parsed += usize::from(r.parsed);
        report.files_skipped += usize::from(r.skipped);
        report.bytes_scanned += r.bytes;
        report.notifications.extend(r.notifications);
    }
    report.notifications.extend(notifications);
    report.root = root;
    report
}

/// Scans a list of already-discovered files.
pub fn check_files(settings: &Settings, files: &[SourceFile]) -> Report {
    let groups = vec![0; files.len()];
    let settings = [std::sync::Arc::new(settings.clone())];
    let all = settings.to_vec();
    run(
        &settings,
        Inputs {
            files,
            groups: &groups,
            contents: None,
        },
        Box::new(move || Ok((project::Context::default(), all))),
        &Options::default(),
    )
    .expect("a scan without context raises no error")
}

/// Scans in-memory content (staged blobs): `contents[i]` is the text of `files[i]`, whose
/// `rel` paths are relative to `root`.
pub fn check_contents(
    settings: &Settings,
    root: &Path,
    files: &[SourceFile],
    contents: &[Vec<u8>],
) -> Report {
    let resolver = Resolver::fixed(settings.clone());
    let groups = vec![0; files.len()];
    let options = Options {
        no_project_context: true,
        ..Options::default()
    };
    check_contents_with(&resolver, root, files, &groups, contents, &options)
        .expect("fixed settings raise no configuration error")
}

/// [`check_contents`] with each file's settings from `resolver` (`groups[i]` is the index of
/// `files[i]`'s), and the other files of their applications read for project-level facts (from
/// the index with `contents_of_others` [`project::Contents::Index`]).
pub fn check_contents_with(
    resolver: &Resolver,
    root: &Path,
    files: &[SourceFile],
    groups: &[usize],
    contents: &[Vec<u8>],
    options: &Options,
) -> Result<Report> {
    check_contents_from(
        resolver,
        root,
        files,
        groups,
        contents,
        project::Contents::WorkTree,
        options,
    )
}

/// Checks one file whose content is in memory rather than on disk (standard input with
/// `--stdin-filename`, an editor's unsaved buffer in `phi-lint server`) as the file at `path`:
/// the language comes from its extension, its settings from the configuration a scan would
/// give a file there (`resolver`), `exclude`/`include` globs apply as to a file named on the
/// command line, and the other files of its application are read from disk for project-level
/// facts. `read` supplies the content; it is called once the path is known to name a supported
/// language. Paths in the report are relative to `root`. `Ok(None)`: no supported language has
/// this extension (nothing was read).
pub fn check_buffer(
    resolver: &Resolver,
    root: &Path,
    path: &Path,
    read: impl FnOnce(u64) -> Result<Vec<u8>>,
    options: &Options,
) -> Result<Option<Report>> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let normal = config::normalize(&abs);
    let group = resolver.for_file(&normal);
    let settings = resolver.get(group);
    let Some(kind) = discover::FileKind::from_path(path, settings.scans_config()) else {
        return Ok(None);
    };
    let rel = abs
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    // At most one byte over the limit is read: a larger buffer is skipped as too large, and an
    // endless one (`< /dev/zero`) is not read to the end.
    let content = read(settings.max_file_size)?;
    let mut files = Vec::new();
    let mut groups = Vec::new();
    let mut contents = Vec::new();
    if !settings.excludes(&normal, Path::new(&rel)) && settings.includes(&normal) {
        files.push(SourceFile {
            rel,
            path: abs,
            kind,
        });
        groups.push(group);
        contents.push(content);
    }
    check_contents_with(resolver, root, &files, &groups, &contents, options).map(Some)
}

/// A configuration error met only while reading the rest of an application for project facts
/// (a sibling package's `pyproject.toml` in a monorepo, when only one package is scanned): the
/// files asked for were scanned with their own configuration, so it is a warning naming the
/// file and the place, and the files under it gave their facts under the default settings.
/// Any other error stays an error.
fn context_config_error(e: error::Error, root: &Path) -> Result<Notification> {
    match e {
        error::Error::Config { path, message, at } => {
            let at = at
                .map(|(line, column)| format!(" at {line}:{column}"))
                .unwrap_or_default();
            Ok(Notification::warning(
                discover::relative(&path, root),
                format!(
                    "invalid configuration{at}: {message}; not a configuration of the files scanned, so the files under it were read for project facts with the default settings"
                ),
            ))
        }
        other => Err(other),
    }
}

/// [`check_contents_with`], the other files of the applications read from `others`.
pub fn check_contents_from(
    resolver: &Resolver,
    root: &Path,
    files: &[SourceFile],
    groups: &[usize],
    contents: &[Vec<u8>],
    others: project::Contents,
    options: &Options,
) -> Result<Report> {
    if let Some(e) = resolver.take_error() {
        return Err(e);
    }
    let settings = resolver.all();
    let gather: Gather<'_> = Box::new(move || {
        let context = if options.no_project_context {
            project::Context::default()
        } else {
            project::context(resolver, root, &[], files, others)?
        };
        Ok((context, resolver.all()))
    });
    let mut report = run(
        &settings,
        Inputs {
            files,
            groups,
            contents: Some(contents),
        },
        gather,
        options,
    )?;
    if let Some(e) = resolver.take_error() {
        report.notifications.push(context_config_error(e, root)?);
    }
    report.notifications.extend(resolver.take_warnings());
    report.notifications.sort();
    report.notifications.dedup();
    report.root = root.to_path_buf();
    Ok(report)
}

/// The files a scan reports on.
struct Inputs<'a> {
    files: &'a [SourceFile],
    /// Settings index of each file.
    groups: &'a [usize],
    /// In-memory content of each file (staged blobs, standard input).
    contents: Option<&'a [Vec<u8>]>,
}

/// Gathers a partial scan's context: finds its files (a walk that may meet configuration files
/// not seen yet) and returns it with every settings known then.
type Gather<'a> =
    Box<dyn FnOnce() -> Result<(project::Context, Vec<std::sync::Arc<Settings>>)> + Send + 'a>;

/// One engine per configuration that has files to report on, planned with its own files, and
/// with `--shard` the facts-only engines for files outside the shard.
type Engines<'s> = (Vec<Option<Engine<'s>>>, Vec<Option<Engine<'s>>>);

fn engines<'s>(
    settings: &'s [std::sync::Arc<Settings>],
    files: &[SourceFile],
    groups: &[usize],
    contents: Option<&[Vec<u8>]>,
) -> Engines<'s> {
    let mut engines: Vec<Option<Engine<'_>>> = settings.iter().map(|_| None).collect();
    let mut outside: Vec<Option<Engine<'_>>> = settings.iter().map(|_| None).collect();
    for (g, s) in settings.iter().enumerate() {
        let mine: Vec<usize> = (0..files.len()).filter(|i| groups[*i] == g).collect();
        if mine.is_empty() {
            continue;
        }
        let mut engine = Engine::new(s);
        if mine.len() == files.len() {
            engine.plan(files, contents);
        } else if mine.len() <= 64 {
            let own: Vec<SourceFile> = mine.iter().map(|i| files[*i].clone()).collect();
            let own_contents: Option<Vec<Vec<u8>>> =
                contents.map(|c| mine.iter().map(|i| c[*i].clone()).collect());
            engine.plan(&own, own_contents.as_deref());
        }
        engines[g] = Some(engine);
        // With `--shard`, files outside the shard run only the rules with project-level passes
        // (their facts join across all files); nothing found on them is reported.
        if s.shard.is_some() && s.rules.iter().any(|r| r.project.is_some()) {
            outside[g] = Some(Engine::project_only(s, true));
        }
    }
    (engines, outside)
}

/// Analyses the files asked for (and the context files of a partial scan), runs the
/// project-level passes, and reports on the files asked for. `known[g]` are the settings of
/// files in group `g` for every group of `inputs`; `gather` finds the context while the engines
/// compile their queries.
fn run(
    known: &[std::sync::Arc<Settings>],
    inputs: Inputs<'_>,
    gather: Gather<'_>,
    options: &Options,
) -> Result<Report> {
    let Inputs {
        files,
        groups,
        contents,
    } = inputs;
    let threads = known[0].threads;
    // Compiling the queries is most of a small scan: the context is walked and its facts read
    // back meanwhile, then the files asked for are analysed.
    let (results, gathered) = in_pool(threads, || {
        let ((engines, outside), gathered) = rayon::join(
            || engines(known, files, groups, contents),
            || {
                gather().map(|(mut context, all)| {
                    let facts = context.facts(&all, options);
                    (context, all, facts)
                })
            },
        );
        let results: Vec<FileResult> = files
            .par_iter()
            .enumerate()
            .map_init(Worker::default, |worker, (i, file)| {
                let g = groups[i];
                let engine = match (&engines[g], &outside[g]) {
                    (Some(engine), _) if known[g].in_shard(&file.rel) => engine,
                    (_, Some(outside)) => outside,
                    _ => return FileResult::default(),
                };
                analyze_guarded(engine, worker, file, contents.and_then(|c| c.get(i)))
            })
            .collect();
        (results, gathered)
    });
    let (context, all, context_facts) = gathered?;
    let settings: &[std::sync::Arc<Settings>] = &all;
    let base = &*settings[0];
    let mut report = Report {
        shard: base.shard,
        files_context: context.files.len(),
        files_context_cached: context.cached,
        ..Report::default()
    };
    let mut facts: Vec<(String, &'static rules::RuleMeta, engine::Fact)> = context_facts;
    let mut directives: HashMap<String, Vec<suppress::Found>> = HashMap::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for ((file, r), g) in files.iter().zip(results).zip(groups) {
        if settings[*g].in_shard(&file.rel) {
            group_of.insert(file.rel.clone(), *g);
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
    // The project-level passes, once per configuration with files to report on: each joins the
    // facts of every file and reports on that configuration's files.
    let used: std::collections::BTreeSet<usize> = group_of.values().copied().collect();
    for g in used.iter().copied() {
        let s = &*settings[g];
        let reported: std::collections::HashSet<String> = group_of
            .iter()
            .filter(|(_, og)| **og == g)
            .map(|(p, _)| p.clone())
            .collect();
        // Every file analysed is reported on: no pass needs to tell them apart.
        let partial = reported.len() < files.len() + context.files.len();
        for rule in s.rules.iter().copied() {
            let Some(project) = rule.project else {
                continue;
            };
            let project_facts = engine::ProjectFacts {
                rule,
                settings: s,
                facts: facts
                    .iter()
                    .filter(|(_, r, _)| r.code == rule.code)
                    .map(|(p, _, f)| (p.as_str(), f.as_ref()))
                    .collect(),
                reported: partial.then_some(&reported),
            };
            let found = project(&project_facts);
            report.diagnostics.extend(
                found.into_iter().filter(|d| {
                    d.confidence >= s.min_confidence && group_of.get(&d.path) == Some(&g)
                }),
            );
        }
    }
    if let Some(e) = base.spill.error() {
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
        let s = &settings[group_of.get(&d.path).copied().unwrap_or(0)];
        if let Some((_, level)) = s.levels.iter().find(|(c, _)| *c == d.rule.code) {
            d.level = *level;
        }
    }
    // Suppressions are checked against the rules each file's configuration runs.
    if used.len() <= 1 {
        let s = &settings[used.first().copied().unwrap_or(0)];
        let problems = suppress::apply(
            &mut report.diagnostics,
            &mut directives,
            &s.rules,
            base.suppressions,
        );
        report.suppression_problems = problems.len();
        report.notifications.extend(problems);
    } else {
        let mut kept = Vec::with_capacity(report.diagnostics.len());
        for g in used.iter().copied() {
            let (mut mine, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
                std::mem::take(&mut report.diagnostics)
                    .into_iter()
                    .partition(|d| group_of.get(&d.path) == Some(&g));
            report.diagnostics = rest;
            let mut own: HashMap<String, Vec<suppress::Found>> = directives
                .iter()
                .filter(|(p, _)| group_of.get(*p) == Some(&g))
                .map(|(p, f)| (p.clone(), f.clone()))
                .collect();
            let problems =
                suppress::apply(&mut mine, &mut own, &settings[g].rules, base.suppressions);
            report.suppression_problems += problems.len();
            report.notifications.extend(problems);
            kept.extend(mine);
        }
        kept.append(&mut report.diagnostics);
        kept.sort_by(diagnostic_order);
        report.diagnostics = kept;
    }
    // The configuration files used, for the files scanned (every shard lists the same ones, as
    // `merge` requires) and those read for facts. When no file was scanned at all, every one
    // the walk resolved: a configuration whose `exclude = ["**"]` left everything out is a use
    // that must show.
    let used_groups: std::collections::BTreeSet<usize> = groups.iter().copied().collect();
    let mut seen: std::collections::BTreeSet<usize> = used;
    if seen.is_empty() && used_groups.is_empty() {
        seen.extend(0..settings.len());
    }
    seen.extend(used_groups.iter().copied());
    seen.extend(context.groups.iter().copied());
    for g in seen {
        let s = &settings[g];
        if let Some(file) = &s.config_path {
            report.configs.push(ConfigUse {
                file: file.clone(),
                extends: s.config_extends.clone(),
                rules_off: s.rules_off_by_config.clone(),
                terms_ignored: s.terms_ignored_by_config.clone(),
            });
        }
    }
    report.configs.sort_by(|a, b| {
        (a.file.components().count(), &a.file).cmp(&(b.file.components().count(), &b.file))
    });
    report.configs.dedup();
    if report.configs.is_empty() && settings.len() == 1 {
        // `--config` or a fixed configuration without files to scan still names its file.
        if let Some(file) = &base.config_path {
            report.configs.push(ConfigUse {
                file: file.clone(),
                extends: base.config_extends.clone(),
                rules_off: base.rules_off_by_config.clone(),
                terms_ignored: base.terms_ignored_by_config.clone(),
            });
        }
    }
    report.config_file = report.configs.first().map(|c| c.file.clone());
    let mut run_rules: Vec<&'static rules::RuleMeta> = Vec::new();
    for g in used_groups
        .iter()
        .copied()
        .chain(used_groups.is_empty().then_some(0))
    {
        for rule in settings[g].rules.iter().copied() {
            if !run_rules.iter().any(|r| r.code == rule.code) {
                run_rules.push(rule);
            }
        }
    }
    run_rules.sort_by_key(|r| r.code);
    report.rules = run_rules;
    let mut off: Vec<&'static str> = report
        .configs
        .iter()
        .flat_map(|c| c.rules_off.iter().copied())
        .collect();
    off.sort();
    off.dedup();
    report.rules_off_by_config = off;
    Ok(report)
}

/// Runs `f` in a pool of `threads` workers (0: rayon's global pool, one per core).
fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    if threads > 0 {
        if let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            return pool.install(f);
        }
    }
    f()
}

/// Analyses one file, turning a panic into a notification so one bad file never takes down
/// the scan or loses the other files' results.
pub(crate) fn analyze_guarded(
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

/// The order of findings in every report.
fn diagnostic_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    a.sort_key()
        .cmp(&b.sort_key())
        .then(a.end.cmp(&b.end))
        .then(a.message.cmp(&b.message))
}

/// Sorts findings and makes fingerprints unique within a file: identical shapes (the same log
/// line twice in one function) get an occurrence suffix in source order.
fn finish(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(diagnostic_order);
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let n = seen
            .entry((d.path.clone(), d.fingerprint.clone()))
            .or_insert(0);
        *n += 1;
        d.fingerprint = format!("{}:{}", d.fingerprint, n);
    }
}
