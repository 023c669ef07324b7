//! `scan --statistics`: how many findings each rule reported, most frequent first (ruff's
//! `--statistics`), instead of the findings themselves. Suppressed findings are not counted.
//! Text is one aligned row per rule (`CODE NAME COUNT`); JSON is an array of
//! `{"code", "name", "count"}` objects in the same order.

use std::io::Write;

use crate::rules::RuleMeta;
use crate::Report;

/// (rule, count) for every rule with at least one unsuppressed finding, by count descending,
/// then by code.
pub fn counts(report: &Report) -> Vec<(&'static RuleMeta, usize)> {
    let mut counts: Vec<(&'static RuleMeta, usize)> = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.suppression.is_none())
    {
        match counts.iter_mut().find(|(r, _)| r.code == d.rule.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.rule, 1)),
        }
    }
    counts.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.code.cmp(b.code)));
    counts
}

/// Writes the counts as an aligned table.
pub fn write_text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let rows = counts(report);
    let name_w = rows.iter().map(|(r, _)| r.name.len()).max().unwrap_or(0);
    for (rule, n) in rows {
        writeln!(out, "{:<7} {:<name_w$} {n:>6}", rule.code, rule.name)?;
    }
    Ok(())
}

/// Writes the counts as a JSON array.
pub fn write_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<serde_json::Value> = counts(report)
        .into_iter()
        .map(|(r, n)| serde_json::json!({"code": r.code, "name": r.name, "count": n}))
        .collect();
    super::safe_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}
