//! Command-line interface (clap derive). The names here are a public contract: CI
//! configurations, the pre-commit hook and editors depend on them. Add; never rename.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;
use crate::rules::{Confidence, Level};

/// Find leaks of protected health information (HIPAA PHI) in source code.
#[derive(Debug, Parser)]
#[command(name = "phi-lint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Scan files and directories for PHI leaks.
    Scan(ScanArgs),
    /// List every rule with its code, name, category, default level and HIPAA citation.
    Rules(RulesArgs),
    /// Write a commented default configuration file (phi-lint.toml).
    Init(InitArgs),
    /// Merge the SARIF logs of a sharded scan (`scan --shard I/N`) into one log.
    ///
    /// The result is the log one unsharded scan would have written. Exits 0, or 2 when an input
    /// cannot be read or merged (another tool or version, other rules, a shard missing or given
    /// twice). It is not a gate: each shard's scan exits 1 on its own findings.
    Merge(MergeArgs),
    /// Run a language server for editors (LSP 3.17 over standard input and output).
    ///
    /// Open documents are analysed from memory on open and on every change, unsaved edits
    /// included, as `scan --stdin-filename` analyses a buffer: with the configuration closest to
    /// the document and the project-level facts of its application. Findings become diagnostics
    /// (rule code, a link to the rule's documentation, severity from the level); quick fixes
    /// insert a `phi-lint: ignore[CODE]` comment. The README's Editors section shows how to set
    /// it up in Neovim and VS Code.
    Server(ServerArgs),
    /// Print a rule's documentation, or list the rules of a category.
    Explain {
        /// Rule code (PHI101), name (phi-in-log) or category (phi-logging).
        rule: String,
    },
}

/// `phi-lint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `phi-lint merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// SARIF files written by `phi-lint scan --shard I/N` (one run each, same phi-lint version).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Write the merged log to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "sarif")]
    pub format: MergeFormat,

    /// Write `-o` through a symbolic link or into a named pipe even when it lies inside the
    /// repository (a repository could commit `phi-lint.sarif -> ~/.bashrc`).
    #[arg(long)]
    pub force: bool,
}

/// `phi-lint merge --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    /// SARIF 2.1.0.
    Sarif,
}

/// `phi-lint server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Accepted for clients that pass it (VS Code's language client does): standard input and
    /// output is the only transport.
    #[arg(long)]
    pub stdio: bool,

    /// Do not read or write the project-facts cache (the facts of the other files of a
    /// document's application are then computed afresh for every analysis).
    #[arg(long)]
    pub no_cache: bool,
}

/// `phi-lint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the configuration ("-" for standard output).
    #[arg(default_value = "phi-lint.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `phi-lint scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format; inferred from the extension of `--output` (.sarif, .json) when not given.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Skip paths matching GLOB (repeatable; also matches any path component).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Rules to run: codes (PHI101), prefixes (PHI1), names (phi-in-log), categories
    /// (phi-logging) or ALL. Comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Rules not to run (same forms as --select).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Lowest confidence to report.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,

    /// Rule suite: `default` (the rules precise on real code) or `extended` (every rule, and
    /// low-confidence findings unless --min-confidence says otherwise).
    #[arg(long, value_enum, value_name = "SUITE")]
    pub suite: Option<SuiteArg>,

    /// Exit 1 only for findings at or above this level.
    #[arg(long, value_enum, default_value = "note", value_name = "LEVEL")]
    pub fail_level: LevelArg,

    /// Use this configuration file instead of looking for one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files (`--no-repo-config`: for CI that wants only its own flags,
    /// whatever the scanned repository's configuration says).
    #[arg(long, visible_alias = "no-repo-config", conflicts_with = "config")]
    pub isolated: bool,

    /// Include the source line of each finding, with digits and email addresses masked.
    #[arg(long)]
    pub snippets: bool,

    /// Skip files larger than this many bytes (default 4 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// Parse every file, even those no selected rule can fire on (debugging the prefilter).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,

    /// A file not fully analysed within its budgets (parse time and memory, analysis time) is a
    /// warning, not an error (exit 2)
    #[arg(long)]
    pub allow_partial: bool,

    /// Walk and parse only, run no rule (the benchmark's parse-only baseline).
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Walk, parse and run the selected rules' queries, dropping the matches (the benchmark's
    /// query baseline: the floor of matching queries against whole files).
    #[arg(long, hide = true, conflicts_with = "parse_only")]
    pub query_only: bool,

    /// When to use colours in text output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    /// Keep findings suppressed by `phi-lint: ignore` comments, marked as suppressed (SARIF
    /// `suppressions[]`, JSON `suppression`); they never fail the run.
    #[arg(long)]
    pub include_suppressed: bool,

    /// Report suppression comments that name no rule (`phi-lint: ignore` without `[...]`).
    #[arg(long)]
    pub strict_suppressions: bool,

    /// Report suppression comments that suppressed nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,

    /// Record the current findings in FILE (by content fingerprint) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Scan the staged content (the git index) of staged files instead of the working tree.
    /// With `--diff REV`, report only findings on lines the index changed since REV.
    #[arg(long)]
    pub staged: bool,

    /// Report only findings on lines changed since the git revision REV.
    #[arg(long, value_name = "REV")]
    pub diff: Option<String>,

    /// Do not read or write the project-facts cache (the facts of the other files of a
    /// partial scan's applications are then computed afresh).
    #[arg(long)]
    pub no_cache: bool,

    /// Scan only shard I of N (1-based) for a CI matrix: a file's shard depends only on its
    /// path relative to the source root. Project-level rules still read every file. Combine the
    /// shards' SARIF logs with `phi-lint merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<crate::shard::Shard>,

    /// Print how many findings each rule reported (code, name, count; most frequent first)
    /// instead of the findings. Text, or JSON with `--format json`. The exit code is unchanged.
    #[arg(long)]
    pub statistics: bool,

    /// Print only the findings: no summary line, no progress indicator, no notes. Errors and
    /// warnings are still printed on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Write `-o`/`--write-baseline` through a symbolic link or into a named pipe even when it
    /// lies inside the repository or a scanned directory (a repository could commit
    /// `phi-lint.sarif -> ~/.bashrc`).
    #[arg(long)]
    pub force: bool,

    /// Read the file to scan from standard input (give `-` as the path) and report it as PATH.
    /// The language comes from PATH's extension, and configuration is looked up as if the file
    /// were at PATH (for editors and tools that pipe an unsaved buffer).
    #[arg(long, value_name = "PATH", conflicts_with_all = ["staged", "parse_only", "query_only"])]
    pub stdin_filename: Option<PathBuf>,
}

/// `--min-confidence` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ConfidenceArg {
    /// Only high-confidence findings.
    High,
    /// Medium and high (default).
    Medium,
    /// Everything, including likely noise.
    Low,
}

impl From<ConfidenceArg> for Confidence {
    fn from(c: ConfidenceArg) -> Confidence {
        match c {
            ConfidenceArg::High => Confidence::High,
            ConfidenceArg::Medium => Confidence::Medium,
            ConfidenceArg::Low => Confidence::Low,
        }
    }
}

/// `--suite` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SuiteArg {
    /// The rules and confidence paths precise on real code (default).
    Default,
    /// Every rule, low confidence included.
    Extended,
}

impl From<SuiteArg> for crate::rules::Suite {
    fn from(s: SuiteArg) -> crate::rules::Suite {
        match s {
            SuiteArg::Default => crate::rules::Suite::Default,
            SuiteArg::Extended => crate::rules::Suite::Extended,
        }
    }
}

/// `--fail-level` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Any finding fails.
    Note,
    /// Warnings and errors fail.
    Warning,
    /// Only errors fail.
    Error,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Note => Level::Note,
            LevelArg::Warning => Level::Warning,
            LevelArg::Error => Level::Error,
        }
    }
}
