//! Output formats. Every format renders the same [`crate::Report`]; one file per format, and
//! only `sarif.rs` knows SARIF types.
//!
//! No format ever prints a literal value from scanned code: messages name identifiers and
//! sinks, and source lines appear only with `--snippets`, masked.

pub mod github;
pub mod json;
pub mod safe_json;
pub mod sarif;
pub mod statistics;
pub mod text;

use std::io::Write;

use crate::rules::RuleMeta;
use crate::Report;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable terminal diagnostics.
    Text,
    /// phi-lint's JSON document.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::`), shown as annotations.
    Github,
}

impl Format {
    /// The format implied by an output file's extension.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("sarif") {
            Some(Format::Sarif)
        } else if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Everything a renderer needs besides the report.
pub struct Context<'a> {
    /// Rules that ran.
    pub rules: &'a [&'static RuleMeta],
    /// Colour the text output.
    pub color: bool,
    /// `--quiet`: findings only, no summary line.
    pub quiet: bool,
}

/// Renders `report` in `format`.
pub fn write(
    format: Format,
    report: &Report,
    ctx: &Context<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => text::write(report, ctx, out),
        Format::Json => json::write(report, ctx, out),
        Format::Sarif => sarif::write(report, ctx, out),
        Format::Github => github::write(report, ctx, out),
    }
}
