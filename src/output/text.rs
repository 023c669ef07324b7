//! Terminal diagnostics: one line per finding in `path:line:col: CODE level message` form (the
//! shape editors and CI log parsers understand), an optional masked code frame with
//! `--snippets`, then a summary (none with `--quiet`). Notifications (files that could not be
//! scanned, suppression problems) are not part of the report: the binary prints them on
//! standard error in every format, so `phi-lint scan > report.txt` keeps only findings.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::Context;
use crate::escape::for_terminal;
use crate::rules::Level;
use crate::Report;

/// Writes the text report.
pub fn write(report: &Report, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if ctx.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let level_style = |level: Level| match level {
        Level::Error => AnsiColor::Red.on_default().bold(),
        Level::Warning => AnsiColor::Yellow.on_default().bold(),
        Level::Note => AnsiColor::Cyan.on_default().bold(),
    };
    for d in &report.diagnostics {
        // The reason is text from the scanned code: only JSON and SARIF carry it.
        let suppressed = if d.suppression.is_some() {
            " (suppressed)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}:{}:{}: {} {} {} [{}, {}]{suppressed}",
            paint(bold, &for_terminal(&d.path)),
            d.start.line,
            d.start.column,
            paint(level_style(d.level), d.rule.code),
            paint(level_style(d.level), d.level.as_str()),
            for_terminal(&d.message),
            d.rule.name,
            d.rule.citation(),
        )?;
        if let Some(snippet) = &d.snippet {
            let gutter = d.start.line.to_string().len();
            let width = if d.end.line == d.start.line {
                d.end.column.saturating_sub(d.start.column).max(1)
            } else {
                1
            };
            writeln!(out, "{:gutter$} |", "")?;
            writeln!(out, "{} | {}", d.start.line, for_terminal(snippet))?;
            writeln!(
                out,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(d.start.column.saturating_sub(1) as usize),
                paint(level_style(d.level), &"^".repeat(width as usize))
            )?;
        }
    }
    if ctx.quiet {
        return Ok(());
    }
    let count = |l: Level| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.level == l && d.suppression.is_none())
            .count()
    };
    let n = report
        .diagnostics
        .iter()
        .filter(|d| d.suppression.is_none())
        .count();
    let files = report.files_scanned;
    let plural = |n: usize, s: &str| {
        if n == 1 {
            format!("{n} {s}")
        } else {
            format!("{n} {s}s")
        }
    };
    let shard = report
        .shard
        .map(|s| format!(" (shard {s})"))
        .unwrap_or_default();
    let skipped = if report.files_skipped > 0 {
        format!("; {} skipped", report.files_skipped)
    } else {
        String::new()
    };
    if n == 0 && files == 0 && (report.scanned_nothing() || report.has_errors()) {
        // Not a clean result: nothing was looked at. The binary says why on standard error
        // (or in the line below) and exits 2.
    } else if n == 0 {
        writeln!(
            out,
            "No PHI leaks found in {}{skipped}{shard}.",
            plural(files, "file")
        )?;
    } else {
        writeln!(
            out,
            "Found {} ({}, {}, {}) in {} scanned{skipped}{shard}.",
            plural(n, "finding"),
            plural(count(Level::Error), "error"),
            plural(count(Level::Warning), "warning"),
            plural(count(Level::Note), "note"),
            plural(files, "file"),
        )?;
    }
    Ok(())
}
