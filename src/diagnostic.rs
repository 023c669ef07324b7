//! The single finding type every output format renders, and the per-file notifications
//! (unreadable files, parse failures) that SARIF reports as `toolExecutionNotifications`.

use crate::rules::{Confidence, Level, RuleMeta};

/// A position in a file. Lines are 1-based; columns are 1-based and counted three ways, because
/// terminals count characters, SARIF viewers count UTF-16 code units and tree-sitter counts bytes.
/// 32-bit like tree-sitter's own offsets (it cannot parse a larger file), so the sites the
/// project-level passes keep for every function of a repository stay small.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
    /// 1-based column in UTF-16 code units (SARIF `columnKind: utf16CodeUnits`). Serialized with
    /// the rest: positions round-trip through the spill store, and SARIF needs this column.
    pub utf16_column: u32,
    /// Byte offset in the file.
    pub byte: u32,
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The rule that fired.
    pub rule: &'static RuleMeta,
    /// Path relative to the source root, with `/` separators.
    pub path: String,
    /// Start of the reported span.
    pub start: Position,
    /// End of the reported span (exclusive).
    pub end: Position,
    /// One line, lowercase start, no trailing period; names identifiers and sinks, never values.
    pub message: String,
    /// Level of this finding (may differ from the rule's default).
    pub level: Level,
    /// Confidence of this finding.
    pub confidence: Confidence,
    /// Content-based fingerprint that survives unrelated edits above the finding.
    pub fingerprint: String,
    /// Masked source line, only when the user asked for snippets.
    pub snippet: Option<String>,
    /// Set when an inline `phi-lint: ignore` comment covers the finding (kept only with
    /// `--include-suppressed`).
    pub suppression: Option<Suppression>,
}

/// An in-source suppression of a finding (SARIF `suppressions[]` kind `inSource`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Suppression {
    /// The reason written after the directive, if any.
    pub justification: Option<String>,
}

impl Diagnostic {
    /// The sort key: (path, line, column, code).
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (
            &self.path,
            self.start.line,
            self.start.column,
            self.rule.code,
        )
    }
}

/// How bad a notification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotificationLevel {
    /// Informational: the file was scanned, perhaps approximately.
    Note,
    /// The file was skipped on purpose (too large, minified).
    Warning,
    /// The file could not be scanned; the run exits 2.
    Error,
}

/// Something that happened to a file other than a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Notification {
    /// The file or directory concerned, relative to the source root when possible.
    pub path: String,
    /// Severity.
    pub level: NotificationLevel,
    /// What happened, in one line.
    pub message: String,
    /// The 1-based line concerned, when the notification is about a place in the file (a
    /// suppression comment); SARIF gives it a region and the github format a `line=`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Notification {
    /// The same notification, about line `line` of its file.
    pub fn at_line(self, line: usize) -> Notification {
        Notification {
            line: u32::try_from(line).ok(),
            ..self
        }
    }

    /// A file that could not be scanned.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Notification {
        Notification {
            path: path.into(),
            level: NotificationLevel::Error,
            message: message.into(),
            line: None,
        }
    }

    /// A file skipped on purpose.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Notification {
        Notification {
            path: path.into(),
            level: NotificationLevel::Warning,
            message: message.into(),
            line: None,
        }
    }

    /// Information about a scanned file.
    pub fn note(path: impl Into<String>, message: impl Into<String>) -> Notification {
        Notification {
            path: path.into(),
            level: NotificationLevel::Note,
            message: message.into(),
            line: None,
        }
    }
}

/// Where the lines of a text start, for turning byte offsets into [`Position`]s. One
/// implementation for source and configuration files, so both report the same lines and
/// columns (characters and UTF-16 code units).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `source`.
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The position of a byte offset of `source` (the text this index was built from).
    pub fn position(&self, source: &str, byte: usize) -> Position {
        let byte = byte.min(source.len());
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let prefix = source.get(start..byte).unwrap_or_else(|| {
            // Not on a char boundary (only possible with a bug upstream): count what is valid.
            let mut b = byte;
            while !source.is_char_boundary(b) {
                b -= 1;
            }
            &source[start..b]
        });
        let prefix = prefix.strip_suffix('\r').unwrap_or(prefix);
        // Saturating: tree-sitter's offsets are 32-bit, so no parsed file gets near the limit.
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: narrow(line),
            column: narrow(prefix.chars().count() + 1),
            utf16_column: narrow(prefix.encode_utf16().count() + 1),
            byte: narrow(byte),
        }
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// The byte range of the line (without its line break) containing `byte`.
    pub fn line_range(&self, source: &str, byte: usize) -> std::ops::Range<usize> {
        let byte = byte.min(source.len());
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).map_or(source.len(), |e| e - 1);
        if source.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > start {
            end -= 1;
        }
        start..end
    }
}
