//! Typed errors for the things that stop a run before it starts: bad configuration, bad rule
//! selectors, queries that do not compile. Each carries its context (file, span) and a hint, and
//! derives `miette::Diagnostic` so `main` can render it. Problems with individual scanned files
//! are not errors: they become [`crate::diagnostic::Notification`]s and the scan goes on.
//!
//! Every path, value and message shown goes through [`crate::escape::for_terminal`]: a path
//! or a configuration value from a scanned repository can hold control characters.

use std::path::PathBuf;

use crate::escape as esc;

/// An error that stops the run (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The configuration file is not valid TOML or has unknown keys or bad values. The message
    /// names the place (line and column, key path) and what was expected, never the value nor
    /// the line: the file is the scanned repository's, and standard error is a CI log.
    #[error(
        "invalid configuration in {}{}: {}",
        esc::path(.path),
        position(.at),
        esc::for_terminal(.message)
    )]
    #[diagnostic(
        code(phi_lint::config),
        help("see the Configuration section of the README for the valid keys")
    )]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, with no content of the file.
        message: String,
        /// Where: line and column (1-based, columns in characters).
        at: Option<(usize, usize)>,
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

/// `:line:column`, or nothing.
fn position(at: &Option<(usize, usize)>) -> String {
    at.map(|(line, column)| format!(":{line}:{column}"))
        .unwrap_or_default()
}

/// What a serde error message says, without the value it quotes: serde's standard messages
/// quote the offending value (`invalid type: string "hunter2", expected a sequence`) or key
/// (`unknown field `AKIA...``), and both come from a file of the scanned repository. Keeps the
/// kind of problem and what was expected (which names the program's own types and keys);
/// `key` is where, when known (the parent table for an unknown key). A message of any other
/// shape becomes "invalid value".
pub fn serde_message(message: &str, key: Option<&str>) -> String {
    // serde writes `<what>: <value>, expected <expected>` with the expected part last, and the
    // program's text never holds `, expected `: what follows the last one is the program's.
    let expected = |m: &str| m.rsplit_once(", expected ").map(|(_, e)| e.to_string());
    let ours = |m: &str, prefix: &str| -> Option<String> {
        let name = m.strip_prefix(prefix)?.strip_suffix('`')?;
        (!name.contains('`')).then(|| name.to_string())
    };
    let (what, expected, name) = if message.starts_with("invalid type: ") {
        ("invalid type", expected(message), None)
    } else if message.starts_with("invalid value: ") {
        ("invalid value", expected(message), None)
    } else if message.starts_with("invalid length ") {
        ("invalid length", expected(message), None)
    } else if message.starts_with("unknown field `") {
        let none = message.ends_with(", there are no fields");
        ("unknown key", expected(message).filter(|_| !none), None)
    } else if message.starts_with("unknown variant `") {
        let none = message.ends_with(", there are no variants");
        ("unknown value", expected(message).filter(|_| !none), None)
    } else if let Some(name) = ours(message, "missing field `") {
        // A key of the program's own types.
        ("missing key", None, Some(name))
    } else if let Some(name) = ours(message, "duplicate field `") {
        ("duplicate key", None, Some(name))
    } else {
        ("invalid value", None, None)
    };
    let mut out = what.to_string();
    if let Some(name) = &name {
        out.push_str(&format!(" `{name}`"));
    }
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        let at = if what == "unknown key" || name.is_some() {
            "in"
        } else {
            "at key"
        };
        out.push_str(&format!(" {at} `{key}`"));
    }
    if let Some(expected) = expected {
        out.push_str(": expected ");
        out.push_str(&expected);
    }
    out
}

/// What a `serde_json` error says about a file, without its content: a syntax error's message
/// (which names what was expected, not what was met) or [`serde_message`] for a value that
/// does not fit. The position is left to the caller (`e.line()`, `e.column()`).
pub fn json_problem(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&text);
    match e.classify() {
        serde_json::error::Category::Data => serde_message(message, None),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("not valid JSON: {message}")
        }
        serde_json::error::Category::Io => "cannot be read".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::serde_message;

    #[test]
    fn serde_messages_lose_their_values() {
        for (message, key, want) in [
            (
                "invalid type: string \"SECRET, expected x\", expected a sequence",
                Some("exclude"),
                "invalid type at key `exclude`: expected a sequence",
            ),
            (
                "unknown field `AKIA_SECRET`, expected one of `version`, `findings`",
                None,
                "unknown key: expected one of `version`, `findings`",
            ),
            (
                "unknown field `x, expected SECRET`, there are no fields",
                Some("phi"),
                "unknown key in `phi`",
            ),
            (
                "unknown variant `loud`, expected one of `error`, `off`",
                Some("rules"),
                "unknown value at key `rules`: expected one of `error`, `off`",
            ),
            ("missing field `findings`", None, "missing key `findings`"),
            ("missing field `a` SECRET `b`", None, "invalid value"),
            (
                "custom SECRET",
                Some("suite"),
                "invalid value at key `suite`",
            ),
        ] {
            assert_eq!(serde_message(message, key), want);
        }
    }
}
