//! phi-lint's own JSON document: findings with rule metadata and HIPAA citations, file
//! notifications and a summary. Stable field names; new fields may be added.

use std::io::Write;

use serde::Serialize;

use super::Context;
use crate::diagnostic::{Notification, Position};
use crate::rules::{Confidence, Level};
use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    findings: Vec<Finding<'a>>,
    notifications: &'a [Notification],
    summary: Summary,
    /// Which configuration file was used and what it switched off.
    config: Config,
}

/// The configuration a scan used: `file` (its path as it is: the serializer escapes it; with
/// several configuration files, the one closest to the root) and the rules they switched off
/// that the command line alone would have run; `files`, every configuration file used with the
/// files it extends and the rules it switched off.
#[derive(Serialize)]
struct Config {
    file: Option<String>,
    rules_off: Vec<&'static str>,
    files: Vec<ConfigFileUsed>,
}

/// One configuration file a scan used.
#[derive(Serialize)]
struct ConfigFileUsed {
    file: String,
    extends: Vec<String>,
    rules_off: Vec<&'static str>,
    /// Terms it declares never PHI (`[phi] ignore`).
    terms_ignored: Vec<String>,
}

/// A path as the report holds it: as it is (JSON escapes control characters itself, and a
/// terminal escape here would name a file that does not exist).
fn shown(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    name: &'static str,
    category: &'static str,
    level: Level,
    confidence: Confidence,
    message: &'a str,
    path: &'a str,
    start: LineColumn,
    end: LineColumn,
    fingerprint: &'a str,
    hipaa: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<&'a crate::diagnostic::Suppression>,
}

/// A position as the JSON report shows it: 1-based line and column in Unicode scalar values.
#[derive(Serialize)]
struct LineColumn {
    line: u32,
    column: u32,
}

impl From<Position> for LineColumn {
    fn from(p: Position) -> LineColumn {
        LineColumn {
            line: p.line,
            column: p.column,
        }
    }
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    files_parsed: usize,
    bytes_scanned: u64,
    findings: usize,
    suppressed: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    files_not_scanned: usize,
    files_skipped: usize,
    files_excluded: usize,
    /// Other files of the scanned files' applications read for project-level facts only.
    files_context: usize,
    /// Of those, the files whose facts came from the facts cache.
    files_context_cached: usize,
}

/// Writes the JSON document.
pub fn write(report: &Report, _ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let count = |l: Level| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.level == l && d.suppression.is_none())
            .count()
    };
    let doc = Document {
        tool: "phi-lint",
        version: env!("CARGO_PKG_VERSION"),
        findings: report
            .diagnostics
            .iter()
            .map(|d| Finding {
                code: d.rule.code,
                name: d.rule.name,
                category: d.rule.category.tag(),
                level: d.level,
                confidence: d.confidence,
                message: &d.message,
                path: &d.path,
                start: d.start.into(),
                end: d.end.into(),
                fingerprint: &d.fingerprint,
                hipaa: d.rule.safeguards.iter().map(|s| s.citation()).collect(),
                snippet: d.snippet.as_deref(),
                suppression: d.suppression.as_ref(),
            })
            .collect(),
        notifications: &report.notifications,
        config: Config {
            file: report.config_file.as_deref().map(shown),
            rules_off: report.rules_off_by_config.clone(),
            files: report
                .configs
                .iter()
                .map(|c| ConfigFileUsed {
                    file: shown(&c.file),
                    extends: c.extends.iter().map(|p| shown(p)).collect(),
                    rules_off: c.rules_off.clone(),
                    terms_ignored: c.terms_ignored.clone(),
                })
                .collect(),
        },
        summary: Summary {
            files_scanned: report.files_scanned,
            files_parsed: report.files_parsed,
            bytes_scanned: report.bytes_scanned,
            findings: report
                .diagnostics
                .iter()
                .filter(|d| d.suppression.is_none())
                .count(),
            suppressed: report
                .diagnostics
                .iter()
                .filter(|d| d.suppression.is_some())
                .count(),
            errors: count(Level::Error),
            warnings: count(Level::Warning),
            notes: count(Level::Note),
            files_not_scanned: report
                .notifications
                .iter()
                .filter(|n| n.level == crate::diagnostic::NotificationLevel::Error)
                .count(),
            files_skipped: report.files_skipped,
            files_excluded: report.files_excluded,
            files_context: report.files_context,
            files_context_cached: report.files_context_cached,
        },
    };
    super::safe_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
