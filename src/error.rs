//! Typed errors for the things that stop a run before it starts: bad configuration, bad rule
//! selectors, queries that do not compile. Each carries its context (file, span) and a hint, and
//! derives `miette::Diagnostic` so `main` can render it. Problems with individual scanned files
//! are not errors: they become [`crate::diagnostic::Notification`]s and the scan goes on.
//!
//! Every path, value and message shown goes through [`crate::escape::for_terminal`]: a path
//! or a configuration value from a scanned repository can hold control characters.

use std::path::PathBuf;

use miette::{NamedSource, SourceSpan};

use crate::escape as esc;

/// An error that stops the run (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The configuration file is not valid TOML or has unknown keys or bad values.
    #[error("invalid configuration in {}: {}", esc::path(.path), esc::for_terminal(.message))]
    #[diagnostic(
        code(phi_lint::config),
        help("see the Configuration section of the README for the valid keys")
    )]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: Option<SourceSpan>,
    },
    /// A file that should be readable (configuration, baseline) could not be read.
    #[error("cannot read {}", esc::path(.path))]
    #[diagnostic(code(phi_lint::io))]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Output could not be written.
    #[error("cannot write {}", esc::path(.path))]
    #[diagnostic(code(phi_lint::io))]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A `--select`/`--ignore` value that names no rule.
    #[error("unknown rule selector `{}`", esc::for_terminal(.0))]
    #[diagnostic(code(phi_lint::selector), help("use a code (PHI101), a code prefix (PHI1), a name (phi-in-log), a category (phi-logging) or ALL; `phi-lint rules` lists them"))]
    UnknownSelector(String),
    /// An invalid glob.
    #[error("invalid glob `{}`: {}", esc::for_terminal(.glob), esc::for_terminal(.message))]
    #[diagnostic(code(phi_lint::glob))]
    Glob {
        /// The glob.
        glob: String,
        /// Why.
        message: String,
    },
    /// A built-in query failed to compile (a bug in phi-lint).
    #[error("query {file} does not compile for {language}: {message}")]
    #[diagnostic(
        code(phi_lint::query),
        help("this is a bug in phi-lint; please report it")
    )]
    Query {
        /// `queries/<dir>/<rule>.scm`.
        file: String,
        /// The grammar.
        language: &'static str,
        /// tree-sitter's message with row and column.
        message: String,
    },
    /// Anything else that makes the run unusable.
    #[error("{}", esc::for_terminal(.0))]
    #[diagnostic(code(phi_lint::usage))]
    Usage(String),
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
