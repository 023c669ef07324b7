//! The `phi-lint` binary: parse the command line, call the library, map the outcome to an
//! exit code (0 clean, 1 findings, 2 usage error or incomplete scan). No lint logic lives here.

#![allow(clippy::result_large_err)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use phi_lint::cli::{
    Cli, ColorChoice, Command, InitArgs, MergeArgs, MergeFormat, RulesArgs, ScanArgs,
};
use phi_lint::config::Resolver;
use phi_lint::error::Error;
use phi_lint::escape::{self, for_terminal};
use phi_lint::output::{self, Format};
use phi_lint::rules::{self, Level};
use phi_lint::settings::Overrides;

// mimalloc: the analysis makes millions of short-lived allocations across worker threads;
// glibc malloc spent ~8% of scan time in them and kept freed per-thread arenas resident.
#[global_allocator]
static GLOBAL: long_lived::Allocator = long_lived::Allocator;

/// mimalloc, with allocations made inside [`phi_lint::alloc::long_lived`] (the facts kept until
/// the project-level passes) served from a heap of their own, so they pack into their own pages
/// instead of each pinning a page that per-file work has otherwise freed (peak RSS on the 105 MB
/// generated corpus 112 → 100 MB). mimalloc 3 heaps serve any thread; with an older mimalloc
/// everything comes from the default heap.
mod long_lived {
    use std::alloc::{GlobalAlloc, Layout};
    use std::ffi::{c_int, c_void};
    use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering};

    extern "C" {
        fn mi_version() -> c_int;
        fn mi_heap_new() -> *mut c_void;
        fn mi_heap_malloc_aligned(heap: *mut c_void, size: usize, align: usize) -> *mut c_void;
    }

    /// The long-lived heap, created on first use and never deleted.
    static HEAP: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());
    /// 0: not decided yet, 1: mimalloc 3 (heaps shared by threads), 2: not available.
    static SUPPORTED: AtomicU8 = AtomicU8::new(0);

    fn heap() -> *mut c_void {
        let heap = HEAP.load(Ordering::Acquire);
        if !heap.is_null() {
            return heap;
        }
        let supported = match SUPPORTED.load(Ordering::Relaxed) {
            // SAFETY: plain C call without arguments.
            0 if unsafe { mi_version() } >= 30000 => 1,
            0 => 2,
            s => s,
        };
        SUPPORTED.store(supported, Ordering::Relaxed);
        if supported != 1 {
            return std::ptr::null_mut();
        }
        // SAFETY: plain C call; mimalloc allocates the heap's own data internally. A heap that
        // loses the race below is left unused (a few hundred bytes).
        let fresh = unsafe { mi_heap_new() };
        match HEAP.compare_exchange(
            std::ptr::null_mut(),
            fresh,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => fresh,
            Err(winner) => winner,
        }
    }

    pub struct Allocator;

    // SAFETY: every block comes from mimalloc (the default heap or the long-lived heap), and
    // `mi_free`, which `MiMalloc::dealloc` calls, frees a block of any heap from any thread.
    unsafe impl GlobalAlloc for Allocator {
        #[inline]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if phi_lint::alloc::is_long_lived() {
                let heap = heap();
                if !heap.is_null() {
                    return mi_heap_malloc_aligned(heap, layout.size(), layout.align()).cast();
                }
            }
            mimalloc::MiMalloc.alloc(layout)
        }

        #[inline]
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if phi_lint::alloc::is_long_lived() {
                let p = self.alloc(layout);
                if !p.is_null() {
                    std::ptr::write_bytes(p, 0, layout.size());
                }
                return p;
            }
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }

        #[inline]
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }

        #[inline]
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if phi_lint::alloc::is_long_lived() {
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let p = self.alloc(new_layout);
                if !p.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                return p;
            }
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

/// mimalloc commits its arenas eagerly by default, so pages the analysis touched once stay
/// resident: the facts the project-level passes keep until the end are spread over pages that
/// per-file work also used. Without eager commit, peak RSS on the 26 MB generated shard drops
/// from 88 to 61 MB (README, Performance). The option must be set before mimalloc initialises
/// (after that it no longer applies to the first arena), so this runs as an ELF constructor,
/// before Rust's runtime makes its first allocation.
///
/// Freed pages are also returned at once rather than after mimalloc's default 10 ms delay: the
/// per-file work frees most of what it allocates within milliseconds, and with the delay those
/// pages stay resident beside the facts (peak RSS on the 105 MB generated corpus 136 → 112 MB,
/// on the 26 MB shard 51 → 45 MB, for about 1 % more system time).
///
/// A `MIMALLOC_ARENA_EAGER_COMMIT` or `MIMALLOC_PURGE_DELAY` in the environment wins. Options 4
/// and 15 are `mi_option_arena_eager_commit` and `mi_option_purge_delay` in mimalloc 2.1
/// through 3.x.
#[cfg(target_os = "linux")]
mod allocator_options {
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        fn mi_version() -> std::ffi::c_int;
    }

    const ARENA_EAGER_COMMIT: std::ffi::c_int = 4;
    const PURGE_DELAY: std::ffi::c_int = 15;

    #[used]
    #[link_section = ".init_array.00100"]
    static SET: extern "C" fn() = set;

    extern "C" fn set() {
        // SAFETY: plain C calls into the linked mimalloc with no pointer arguments;
        // `mi_option_set` before initialisation only records the value.
        if !(20100..40000).contains(&unsafe { mi_version() }) {
            return;
        }
        for (option, env) in [
            (ARENA_EAGER_COMMIT, "MIMALLOC_ARENA_EAGER_COMMIT"),
            (PURGE_DELAY, "MIMALLOC_PURGE_DELAY"),
        ] {
            if std::env::var_os(env).is_none() {
                // SAFETY: as above.
                unsafe { mi_option_set(option, 0) };
            }
        }
    }
}

fn main() -> ExitCode {
    // Before any tree-sitter object exists: parse memory is counted, and capped, per file.
    phi_lint::alloc::install_parse_accounting();
    // A panic message can quote the text being analysed (a string sliced out of bounds shows
    // the string): only its place in phi-lint's source reaches standard error. The scan goes on
    // without the file (`catch_unwind` around each file's analysis), which it reports as an
    // internal error.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("phi-lint: internal error{at}; its message is not shown because it may quote the scanned code (please report it)");
    }));
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .wrap_lines(false)
                .color(color)
                .terminal_links(false)
                .build(),
        )
    }));
    let result = match cli.command {
        Command::Scan(args) => scan(args),
        Command::Rules(args) => list_rules(&args),
        Command::Init(args) => init(&args),
        Command::Merge(args) => merge(&args),
        Command::Server(args) => Ok(phi_lint::server::run(&args)),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{:?}", miette::Report::new(err));
            ExitCode::from(2)
        }
    }
}

fn scan(args: ScanArgs) -> Result<ExitCode, Error> {
    // Everything that can be refused without scanning is refused before the scan starts.
    for path in [&args.output, &args.write_baseline].into_iter().flatten() {
        check_destination(path)?;
        if !args.force {
            check_not_a_link_in_the_tree(path, &args.paths)?;
        }
    }
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Text);
    if args.statistics && !matches!(format, Format::Text | Format::Json) {
        return Err(Error::Usage(
            "--statistics prints text or JSON; use --format text or --format json".into(),
        ));
    }
    let stdin_path = stdin_path(&args)?;
    let paths = match &stdin_path {
        Some(path) => vec![path.clone()],
        None => args.paths.clone(),
    };
    let overrides = Overrides {
        config: args.config.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        exclude: args.exclude.clone(),
        min_confidence: args.min_confidence.map(Into::into),
        suite: args.suite.map(Into::into),
        threads: args.threads,
        snippets: args.snippets,
        max_file_size: args.max_file_size,
        isolated: args.isolated,
        no_prefilter: args.no_prefilter,
        allow_partial: args.allow_partial,
        suppressions: phi_lint::suppress::Policy {
            include_suppressed: args.include_suppressed,
            strict: args.strict_suppressions,
            report_unused: args.report_unused_suppressions,
        },
        shard: args.shard,
    };
    // The scan root: standard input's file is looked at where its name says; staged files
    // are relative to the work tree's top level.
    let top = if args.staged {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::Usage(format!("cannot read the current directory: {e}")))?;
        Some(phi_lint::git::toplevel(&cwd)?)
    } else {
        None
    };
    let root = match &top {
        Some(top) => top.clone(),
        None => phi_lint::source_root(&paths),
    };
    // Each file gets the settings of its closest configuration file, or `--config`'s.
    let resolver = Resolver::new(&overrides, &root)?;
    let options = phi_lint::Options {
        no_project_context: false,
        cache_dir: if args.no_cache {
            None
        } else {
            phi_lint::cache::default_dir()
        },
    };
    let baseline = match &args.baseline {
        Some(path) => Some(phi_lint::baseline::load(path)?),
        None => None,
    };
    let progress = phi_lint::progress::Progress::start(
        phi_lint::progress::enabled(
            std::io::stderr().is_terminal(),
            std::env::var_os("CI").is_some(),
            format != Format::Text,
            args.quiet,
        ),
        phi_lint::progress::DELAY,
        "scanning",
    );
    let mut report = if let Some(path) = &stdin_path {
        scan_stdin(&resolver, &root, path, &options)?
    } else if args.parse_only {
        phi_lint::baseline(
            &resolver.base(),
            &args.paths,
            phi_lint::engine::Baseline::Parse,
        )
    } else if args.query_only {
        phi_lint::baseline(
            &resolver.base(),
            &args.paths,
            phi_lint::engine::Baseline::Query,
        )
    } else if let Some(top) = &top {
        scan_staged(&resolver, top, &args.paths, &options)?
    } else {
        phi_lint::check_with(&resolver, &args.paths, &options)?
    };
    drop(progress);
    if let Some(rev) = &args.diff {
        keep_changed(&mut report, rev, top.is_some())?;
    }
    if let Some(path) = &args.write_baseline {
        let text = phi_lint::baseline::render(&report.diagnostics);
        write_output(path, &mut |out| out.write_all(text.as_bytes()))?;
        let n = report
            .diagnostics
            .iter()
            .filter(|d| d.suppression.is_none())
            .count();
        eprintln!(
            "phi-lint: recorded {n} finding{} in {}",
            if n == 1 { "" } else { "s" },
            escape::path(path)
        );
        return Ok(if report.has_errors() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    if let Some(entries) = &baseline {
        let hidden = phi_lint::baseline::filter(&mut report.diagnostics, entries);
        if hidden > 0 && !args.quiet {
            eprintln!(
                "phi-lint: {hidden} finding{} recorded in the baseline not shown",
                if hidden == 1 { "" } else { "s" }
            );
        }
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let ctx = output::Context {
        rules: &report.rules,
        color,
        quiet: args.quiet,
    };
    // Written straight to its destination: a large repository's report is tens of MB.
    emit_with(args.output.as_deref(), |out| match format {
        _ if !args.statistics => output::write(format, &report, &ctx, out),
        Format::Json => output::statistics::write_json(&report, out),
        _ => output::statistics::write_text(&report, out),
    })?;
    print_notifications(&report, args.quiet);
    if !args.quiet {
        // One line per configuration file and category: a committed configuration switching
        // rules off is visible in every CI log, in every format.
        for used in &report.configs {
            let config = escape::path(&used.file).to_string();
            for category in phi_lint::rules::Category::ALL {
                let off: Vec<&str> = used
                    .rules_off
                    .iter()
                    .copied()
                    .filter(|c| c.starts_with(category.code_prefix()))
                    .collect();
                if !off.is_empty() {
                    eprintln!(
                        "phi-lint: note: {config} switches off {} ({})",
                        category.tag(),
                        off.join(", ")
                    );
                }
            }
            if !used.terms_ignored.is_empty() {
                // Names from the repository's file: shown only when name-shaped.
                let shown: Vec<String> = used
                    .terms_ignored
                    .iter()
                    .take(8)
                    .map(|t| shown_term(t))
                    .collect();
                let more = used.terms_ignored.len().saturating_sub(8);
                eprintln!(
                    "phi-lint: note: {config} declares {} term{} never PHI ([phi] ignore: {}{}); findings on them are not reported",
                    used.terms_ignored.len(),
                    if used.terms_ignored.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if more > 0 { format!(", and {more} more") } else { String::new() }
                );
            }
        }
    }
    if format == Format::Sarif && !args.statistics {
        let shown = report
            .diagnostics
            .iter()
            .filter(|d| d.suppression.is_none())
            .count();
        if let Some(warning) = output::sarif::github_limit_warning(shown) {
            eprintln!("phi-lint: warning: {warning}");
        }
    }
    if report.has_errors() {
        return Ok(ExitCode::from(2));
    }
    if report.scanned_nothing() {
        // A pre-commit hook names the staged files: when the project's own configuration
        // excludes every one of them (a commit touching only migrations or fixtures), there is
        // nothing to check and the commit is not blocked. A directory that yields nothing to
        // scan is an error: a CI job must not go green having checked nothing.
        let only_named_files = !args.paths.is_empty()
            && args
                .paths
                .iter()
                .all(|p| p.as_os_str() != "-" && p.is_file())
            && report.files_skipped == 0;
        if only_named_files {
            if !args.quiet {
                eprintln!(
                    "phi-lint: note: every file named ({}) is excluded by the configuration; nothing to scan",
                    report.files_excluded
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "phi-lint: error: no file was scanned ({} excluded, {} skipped); nothing was checked",
            report.files_excluded, report.files_skipped
        );
        return Ok(ExitCode::from(2));
    }
    let fail: Level = args.fail_level.into();
    if report.suppression_problems > 0
        || report
            .diagnostics
            .iter()
            .any(|d| d.level >= fail && d.suppression.is_none())
    {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Notifications (files that could not be scanned, suppression problems) go to standard error
/// in every format, so standard output (or `-o`) holds only the report. `--quiet` drops notes.
fn print_notifications(report: &phi_lint::Report, quiet: bool) {
    use phi_lint::diagnostic::NotificationLevel;
    let mut failed = 0;
    for n in &report.notifications {
        let level = match n.level {
            NotificationLevel::Error => {
                failed += 1;
                "error"
            }
            NotificationLevel::Warning => "warning",
            NotificationLevel::Note if quiet => continue,
            NotificationLevel::Note => "note",
        };
        eprintln!(
            "phi-lint: {level}: {}: {}",
            for_terminal(&n.path),
            for_terminal(&n.message)
        );
    }
    if failed > 0 {
        eprintln!(
            "phi-lint: {failed} file{} could not be scanned; the scan is incomplete",
            if failed == 1 { "" } else { "s" }
        );
    }
}

/// Refuses an output file whose directory does not exist, before any scanning, so a typo in
/// `-o` costs nothing and a CI job fails at once.
fn check_destination(path: &Path) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.is_dir() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "cannot write {}: directory {} does not exist",
        escape::path(path),
        escape::path(dir)
    )))
}

/// Refuses to write through a symbolic link that lies inside a scanned directory or the
/// repository it belongs to, or into a named pipe there: the checkout is untrusted, a committed
/// `phi-lint.sarif -> ../../.ssh/authorized_keys` would make the report overwrite its target,
/// and a planted pipe would block the write forever. `--force` writes anyway.
fn check_not_a_link_in_the_tree(path: &Path, scanned: &[PathBuf]) -> Result<(), Error> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let roots: Vec<PathBuf> = if scanned.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        scanned.to_vec()
    };
    let mut roots: Vec<PathBuf> = roots
        .iter()
        .map(|root| std::fs::canonicalize(root).unwrap_or_else(|_| abs(root)))
        .filter(|root| root.is_dir())
        .collect();
    // The repositories the scanned directories (and the working directory, where `-o` names
    // are relative to) belong to: `scan src -o phi-lint.sarif` writes beside `src`, into the
    // same untrusted checkout.
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok());
    let repos: Vec<PathBuf> = roots
        .iter()
        .chain(cwd.iter())
        .filter_map(|dir| {
            dir.ancestors()
                .find(|a| a.join(".git").exists())
                .map(Path::to_path_buf)
        })
        .collect();
    roots.extend(repos);
    // A named pipe planted in the tree under the report's name would block the write forever.
    let target = abs(path);
    #[cfg(unix)]
    let is_fifo = {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(&target).is_ok_and(|m| m.file_type().is_fifo())
    };
    #[cfg(not(unix))]
    let is_fifo = false;
    if is_fifo {
        let dir = target.parent().unwrap_or(Path::new("/"));
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if roots.iter().any(|root| dir.starts_with(root)) {
            return Err(Error::Usage(format!(
                "refusing to write {}: it is a named pipe inside the repository; remove it or pass --force",
                escape::path(path)
            )));
        }
    }
    // The file itself or any directory on the way to it (`reports -> ../outside`): a link that
    // lies inside the scanned tree is the repository's, and is not followed.
    for at in target.ancestors() {
        let is_link = std::fs::symlink_metadata(at).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            continue;
        }
        // Where the link itself is (its directory resolved, not its target).
        let dir = at.parent().unwrap_or(Path::new("/"));
        let link_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if roots.iter().any(|root| link_dir.starts_with(root)) {
            return Err(Error::Usage(format!(
                "refusing to write {}: {} is a symbolic link inside the scanned tree; remove it or pass --force",
                escape::path(path),
                escape::path(at)
            )));
        }
    }
    Ok(())
}

/// With `--stdin-filename PATH`, PATH (the only path must be `-`); `-` without it is an error.
fn stdin_path(args: &ScanArgs) -> Result<Option<PathBuf>, Error> {
    let dash = |p: &PathBuf| p.as_os_str() == "-";
    match (&args.stdin_filename, args.paths.as_slice()) {
        (Some(path), [only]) if dash(only) => Ok(Some(path.clone())),
        (Some(_), _) => Err(Error::Usage(
            "--stdin-filename reads the file from standard input: give `-` as the only path".into(),
        )),
        (None, paths) if paths.iter().any(dash) => Err(Error::Usage(
            "`-` reads standard input; name the file with --stdin-filename PATH".into(),
        )),
        (None, _) => Ok(None),
    }
}

/// `--stdin-filename PATH -`: scans standard input as the file at `path` (language from its
/// extension; configuration looked up and `exclude`/`include` globs applied as for a file named
/// on the command line, the other files of its application read for project-level facts).
fn scan_stdin(
    resolver: &Resolver,
    root: &Path,
    path: &Path,
    options: &phi_lint::Options,
) -> Result<phi_lint::Report, Error> {
    use std::io::Read;
    let read = |limit: u64| {
        let mut content = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut content)
            .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
        Ok(content)
    };
    phi_lint::check_buffer(resolver, root, path, read, options)?.ok_or_else(|| {
        Error::Usage(format!(
            "--stdin-filename {}: no supported language has this extension",
            escape::path(path)
        ))
    })
}

/// `--staged`: scans the index content of the staged files under `paths`; the other files of
/// their applications are read from the index too, for project-level facts.
fn scan_staged(
    resolver: &Resolver,
    top: &Path,
    paths: &[PathBuf],
    options: &phi_lint::Options,
) -> Result<phi_lint::Report, Error> {
    let scopes: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            abs.canonicalize().unwrap_or(abs)
        })
        .collect();
    let mut files = Vec::new();
    let mut groups = Vec::new();
    let mut links = Vec::new();
    let mut ids = Vec::new();
    for staged in phi_lint::git::staged_files(top)? {
        let rel = staged.path;
        let abs = top.join(&rel);
        if !scopes.iter().any(|s| abs.starts_with(s)) {
            continue;
        }
        let normal = phi_lint::config::normalize(&abs);
        let group = resolver.for_file(&normal);
        let settings = resolver.get(group);
        let Some(kind) = phi_lint::discover::FileKind::from_path(&abs, settings.scans_config())
        else {
            continue;
        };
        if settings.excludes(&normal, Path::new(&rel)) || !settings.includes(&normal) {
            continue;
        }
        // A staged symbolic link's blob is the name of its target, not code; a submodule is
        // scanned in its own repository.
        if !staged.regular {
            links.push(rel);
            continue;
        }
        files.push(phi_lint::discover::SourceFile {
            rel,
            path: abs,
            kind,
        });
        groups.push(group);
        ids.push(staged.blob);
    }
    // By object id: a name that is not UTF-8 (shown lossily) or holds a line break cannot be
    // given back to git as a path.
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let contents = phi_lint::git::blobs(top, &id_refs, u64::MAX)?
        .into_iter()
        .zip(&id_refs)
        .map(|(blob, id)| match blob {
            Some(blob) => Ok(blob),
            // Says why.
            None => phi_lint::git::blob(top, id),
        })
        .collect::<Result<Vec<_>, Error>>()?;
    // A source file modified since it was staged is read as staged wherever the analysis reads
    // another module (function summaries of imported helpers): what is committed.
    let modified: Vec<String> = phi_lint::git::unstaged_files(top)?
        .into_iter()
        .filter(|rel| phi_lint::lang::Language::from_path(Path::new(rel)).is_some())
        .collect();
    if !modified.is_empty() {
        let rels: Vec<&str> = modified.iter().map(String::as_str).collect();
        let staged = staged_contents(top, &rels, 1 << 20)?;
        phi_lint::read::set_overlay(
            modified
                .iter()
                .zip(staged)
                .filter_map(|(rel, content)| Some((top.join(rel), content?)))
                .collect(),
        );
    }
    let mut report = phi_lint::check_contents_from(
        resolver,
        top,
        &files,
        &groups,
        &contents,
        phi_lint::project::Contents::Index {
            top: top.to_path_buf(),
        },
        options,
    )?;
    for rel in links {
        report
            .notifications
            .push(phi_lint::diagnostic::Notification::warning(
                rel,
                "staged as a symbolic link or submodule, not a file; skipped",
            ));
        report.files_skipped += 1;
    }
    Ok(report)
}

/// The staged content of files (paths relative to the top level), in one `git cat-file`;
/// `None` for a file larger than `limit` or that cannot be read that way.
fn staged_contents(top: &Path, rels: &[&str], limit: u64) -> Result<Vec<Option<Vec<u8>>>, Error> {
    // `:path` names the staged blob; a name with a line break cannot go through the batch.
    if rels.iter().any(|r| r.contains(['\n', '\r'])) {
        return rels
            .iter()
            .map(|rel| phi_lint::git::staged_blob(top, rel).map(Some))
            .collect();
    }
    let names: Vec<String> = rels.iter().map(|r| phi_lint::git::index_name(r)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    phi_lint::git::blobs(top, &names, limit)
}

/// `--diff REV`: keeps only findings that start on a line changed since `rev`.
/// With `staged` (`--staged`), the lines the index changed since `rev`, numbered in the staged
/// content the scan read.
fn keep_changed(report: &mut phi_lint::Report, rev: &str, staged: bool) -> Result<(), Error> {
    let root = report
        .root
        .canonicalize()
        .unwrap_or_else(|_| report.root.clone());
    let top = phi_lint::git::toplevel(&root)?;
    let changed = phi_lint::git::changed_lines(&top, rev, staged)?;
    // The content of files with findings on changed lines, read once each, to turn phi-lint's
    // line numbers into git's (`None`: unreadable, the numbers are taken as they are).
    let mut contents: std::collections::HashMap<PathBuf, Option<Vec<u8>>> = Default::default();
    report.diagnostics.retain(|d| {
        let abs = root.join(&d.path);
        let Ok(rel) = abs.strip_prefix(&top) else {
            return false;
        };
        // git's `/`-separated path: a `\` in a name is part of it (outside Windows).
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match changed.get(&rel) {
            None => false,
            Some(None) => true,
            Some(Some(ranges)) => {
                let content = contents.entry(abs.clone()).or_insert_with(|| {
                    if staged {
                        phi_lint::git::staged_blob(&top, &rel).ok()
                    } else {
                        phi_lint::read::source(&abs, phi_lint::read::MAX_LOG_BYTES).ok()
                    }
                });
                let line = match content {
                    Some(content) => phi_lint::git::git_line(content, d.start.line as usize),
                    None => d.start.line as usize,
                };
                ranges.iter().any(|r| r.contains(&line))
            }
        }
    });
    Ok(())
}

/// `phi-lint merge`: a file operation, not a gate: exit 0, or 2 when an input is unusable.
fn merge(args: &MergeArgs) -> Result<ExitCode, Error> {
    if let Some(path) = &args.output {
        check_destination(path)?;
        if !args.force {
            check_not_a_link_in_the_tree(path, &[])?;
        }
    }
    let mut logs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        // Regular files only, size-capped: `merge /dev/zero` fails at once instead of
        // reading until memory runs out.
        let text = phi_lint::read::text_or_error(path, None, phi_lint::read::MAX_LOG_BYTES)?;
        let log: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}:{}:{}: not a valid SARIF (JSON) file: {}",
                path.display(),
                e.line(),
                e.column(),
                phi_lint::error::json_problem(&e)
            ))
        })?;
        logs.push((path.display().to_string(), log));
    }
    let merged = output::sarif::merge(&logs)?;
    let mut buf = Vec::new();
    match args.format {
        MergeFormat::Sarif => output::sarif::write_value(&merged, &mut buf),
    }
    .map_err(|e| Error::Usage(format!("cannot render output: {e}")))?;
    emit(args.output.as_deref(), &buf)?;
    Ok(ExitCode::SUCCESS)
}

fn init(args: &InitArgs) -> Result<ExitCode, Error> {
    if args.path.as_os_str() == "-" {
        emit(None, phi_lint::init::DEFAULT_CONFIG.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.path.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} already exists; use --force to overwrite it",
            args.path.display()
        )));
    }
    write_output(&args.path, &mut |out| {
        out.write_all(phi_lint::init::DEFAULT_CONFIG.as_bytes())
    })?;
    eprintln!("phi-lint: wrote {}", escape::path(&args.path));
    Ok(ExitCode::SUCCESS)
}

/// Writes a report or config file.
///
/// A regular file (or a new one) is written to a temporary file beside it and renamed over it,
/// so an interrupted run never leaves a truncated report for CI to upload. A symlink is followed,
/// so the link survives and its target gets the report. Anything else that exists (`/dev/null`,
/// `/dev/stdout`, a named pipe) is written in place: renaming over a device would replace it with
/// a regular file, and as root that breaks `/dev/null` for every later process on the machine.
fn write_output(path: &Path, render: Render<'_>) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                render(&mut out)?;
                out.flush()
            })
            .map_err(err),
        Ok(_) => std::fs::canonicalize(path)
            .and_then(|target| rename_into_place(&target, render))
            .map_err(err),
        Err(_) => rename_into_place(path, render).map_err(err),
    }
}

/// Writes output to a destination, a piece at a time.
type Render<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

fn rename_into_place(path: &Path, render: Render<'_>) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        render(&mut out)?;
        out.flush()
    });
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

fn list_rules(args: &RulesArgs) -> Result<ExitCode, Error> {
    use std::fmt::Write as _;
    let mut out = String::new();
    if args.json {
        let rows: Vec<_> = rules::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code, "name": r.name, "category": r.category.tag(), "level": r.level,
                    "precision": r.confidence, "hipaa": r.safeguards.iter().map(|s| s.citation()).collect::<Vec<_>>(),
                    "summary": r.short_description(), "suite": r.suite,
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&rows).unwrap_or_default();
        out.push('\n');
        emit(None, out.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Columns as wide as their longest entry, so long rule names stay aligned.
    let name_w = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(4);
    let cat_w = rules::ALL
        .iter()
        .map(|r| r.category.tag().len())
        .max()
        .unwrap_or(8);
    let hipaa_w = rules::ALL
        .iter()
        .map(|r| r.citation().len())
        .max()
        .unwrap_or(5);
    let _ = writeln!(
        out,
        "{:<7} {:<name_w$} {:<cat_w$} {:<8} {:<hipaa_w$} SUITE",
        "CODE", "NAME", "CATEGORY", "LEVEL", "HIPAA"
    );
    for r in rules::ALL {
        let _ = writeln!(
            out,
            "{:<7} {:<name_w$} {:<cat_w$} {:<8} {:<hipaa_w$} {}",
            r.code,
            r.name,
            r.category.tag(),
            r.level.as_str(),
            r.citation(),
            r.suite
        );
    }
    emit(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn explain(key: &str) -> Result<ExitCode, Error> {
    let Some(rule) = rules::find(key) else {
        let category = rules::Category::from_tag(&key.to_ascii_lowercase())
            .ok_or_else(|| Error::UnknownSelector(key.to_string()))?;
        return explain_category(category);
    };
    let cites: Vec<String> = rule
        .safeguards
        .iter()
        .map(|s| format!("45 CFR {}", s.citation()))
        .collect();
    let text = format!(
        "# {} {}\n\nCategory: {}. Default level: {}. Precision: {}. Suite: {}. HIPAA: {}.\n\n{}",
        rule.code,
        rule.name,
        rule.category.tag(),
        rule.level,
        rule.confidence.as_str(),
        rule.suite,
        cites.join(", "),
        rule.docs_markdown()
    );
    emit(None, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `explain <category>`: the category's rules, one line each (code, name, summary).
fn explain_category(category: rules::Category) -> Result<ExitCode, Error> {
    use std::fmt::Write as _;
    let members: Vec<_> = rules::ALL
        .iter()
        .filter(|r| r.category == category)
        .collect();
    let name_w = members.iter().map(|r| r.name.len()).max().unwrap_or(4);
    let mut out = format!("# {category}\n\n");
    for r in &members {
        let _ = writeln!(
            out,
            "{:<7} {:<name_w$} {}",
            r.code,
            r.name,
            r.short_description()
        );
    }
    let _ = writeln!(
        out,
        "\nRun `phi-lint explain <CODE>` for a rule's documentation."
    );
    emit(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a rendered report to `output` (atomically) or to standard output; a closed pipe
/// (`phi-lint scan | head`, `phi-lint rules | head`) is not an error.
fn emit(output: Option<&Path>, buf: &[u8]) -> Result<(), Error> {
    emit_with(output, |out| out.write_all(buf))
}

/// [`emit`], with the output written by `render` as it goes rather than given whole.
fn emit_with(
    output: Option<&Path>,
    mut render: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match output {
        Some(path) => write_output(path, &mut render)?,
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            if let Err(e) = render(&mut stdout).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::Usage(format!(
                        "cannot write to standard output: {e}"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// A term from a configuration file as a note shows it: itself when name-shaped (ASCII
/// letters, digits, `_`, `-`, at most 40 characters), otherwise `<term>`.
fn shown_term(t: &str) -> String {
    if !t.is_empty()
        && t.len() <= 40
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        t.to_string()
    } else {
        "<term>".to_string()
    }
}
