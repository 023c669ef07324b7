//! Baselines: the findings a project accepted when it adopted phi-lint, recorded by content
//! fingerprint so later scans report only new ones.
//!
//! An entry is `(code, path, fingerprint)`. The fingerprint hashes the rule, the path, the
//! enclosing function's name and the shape of the flagged construct (not line numbers), so
//! entries survive edits above a finding and rebases. The file is JSON with one entry per line,
//! sorted, so two branches that each add or drop different entries merge cleanly (only two
//! additions at the very end touch the same line, the last entry's comma).

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Rule code.
    pub code: String,
    /// Path relative to the scan root.
    pub path: String,
    /// Content fingerprint (`hex:occurrence`).
    pub fingerprint: String,
}

impl Entry {
    /// The entry for a finding.
    pub fn of(d: &Diagnostic) -> Entry {
        Entry {
            code: d.rule.code.to_string(),
            path: d.path.clone(),
            fingerprint: d.fingerprint.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Renders a baseline: one sorted entry per line.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let entries: BTreeSet<Entry> = diagnostics
        .iter()
        .filter(|d| d.suppression.is_none())
        .map(Entry::of)
        .collect();
    let mut out = String::from("{\n  \"version\": 1,\n  \"findings\": [\n");
    let n = entries.len();
    for (i, e) in entries.iter().enumerate() {
        out.push_str("    ");
        out.push_str(&crate::output::safe_json::to_string(e).unwrap_or_default());
        if i + 1 < n {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str("  ]\n}\n");
    out
}

/// Reads a baseline file.
pub fn load(path: &Path) -> Result<BTreeSet<Entry>, Error> {
    let text = crate::read::text_or_error(path, None, crate::read::MAX_LOG_BYTES)?;
    // The file may come from anywhere (a pull request): the error names the place, never a
    // value or key of it.
    let file: File = serde_json::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "{}:{}:{}: not a phi-lint baseline: {}",
            path.display(),
            e.line(),
            e.column(),
            crate::error::json_problem(&e)
        ))
    })?;
    if file.version != 1 {
        return Err(Error::Usage(format!(
            "{}: baseline version {} is not supported (expected 1)",
            path.display(),
            file.version
        )));
    }
    Ok(file.findings.into_iter().collect())
}

/// Drops the findings recorded in `baseline`; returns how many were dropped.
pub fn filter(diagnostics: &mut Vec<Diagnostic>, baseline: &BTreeSet<Entry>) -> usize {
    let before = diagnostics.len();
    diagnostics.retain(|d| !baseline.contains(&Entry::of(d)));
    before - diagnostics.len()
}
