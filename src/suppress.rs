//! Inline suppressions: `phi-lint: ignore[PHI101] reason`, `phi-lint: ignore reason` and
//! `phi-lint: ignore-file` in source comments.
//!
//! The engine finds comments as tree-sitter comment nodes (never by scanning raw text, so a
//! string containing the marker suppresses nothing) and hands each comment's text to
//! [`parse_comment`], a small pure function that never panics. The directives are kept per file
//! until the project-level pass is done, then [`apply`] marks the findings they cover.
//!
//! A directive covers the lines of its comment and, when the comment stands alone on its line,
//! the next line. A finding is covered when one of its lines (start to end) is covered.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Notification, Suppression};
use crate::rules::RuleMeta;

/// What a directive suppresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Findings on the comment's line(s) and, for a comment alone on its line, the next line.
    Line,
    /// Every finding in the file.
    File,
}

/// A parsed `phi-lint:` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Line or file scope.
    pub scope: Scope,
    /// Rule selectors in brackets (codes, names, prefixes or categories); empty = every rule.
    pub rules: Vec<String>,
    /// The justification after the directive, if any.
    pub reason: Option<String>,
}

/// The marker every directive starts with.
pub const MARKER: &str = "phi-lint:";

/// Parses the text of one comment (with its delimiters). Returns `None` for comments that are
/// not a well-formed directive (an unclosed `[` is not a directive: the finding stays visible).
pub fn parse_comment(comment: &str) -> Option<Directive> {
    let at = find_ascii_ci(comment, MARKER)?;
    let rest = comment[at + MARKER.len()..].trim_start();
    let (scope, rest) = if let Some(r) = strip_prefix_ci(rest, "ignore-file") {
        (Scope::File, r)
    } else if let Some(r) = strip_prefix_ci(rest, "ignore") {
        (Scope::Line, r)
    } else {
        return None;
    };
    // `ignore` must be a whole word: `ignored` or `ignore_x` is not a directive.
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let mut rules = Vec::new();
    let mut rest = rest;
    if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        rules = inner[..close]
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        rest = &inner[close + 1..];
    }
    let reason = clean_reason(rest);
    Some(Directive {
        scope,
        rules,
        reason,
    })
}

/// The reason text: separators and comment terminators trimmed; `None` when empty.
fn clean_reason(rest: &str) -> Option<String> {
    let mut r = rest.trim();
    for end in ["*/", "-->", "}"] {
        if let Some(s) = r.strip_suffix(end) {
            r = s.trim_end();
        }
    }
    let r = r
        .trim_start_matches(|c: char| c == ':' || c == '-' || c == '\u{2014}' || c.is_whitespace())
        .trim();
    (!r.is_empty()).then(|| r.to_string())
}

/// Whether `text` may contain a directive (a cheap byte search before any tree walk).
pub fn mentions_marker(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([MARKER])
                .expect("the marker is a plain ASCII literal")
        });
    FINDER.is_match(text)
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    // Byte windows: the needle is ASCII, so a match always starts on a char boundary.
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A directive found in a file, with where it applies.
#[derive(Clone, Debug)]
pub struct Found {
    /// The directive.
    pub directive: Directive,
    /// First line of the comment (1-based).
    pub line: usize,
    /// Last line covered (the comment's last line, or the next line for an own-line comment).
    pub last_line: usize,
    /// Rule codes the directive names (resolved); empty for a blanket directive.
    pub codes: Vec<&'static str>,
    /// Some rule selector in the brackets is not a known rule.
    pub unknown: Vec<String>,
    /// Whether it suppressed something.
    pub used: bool,
}

impl Found {
    /// Resolves a directive found at `line..=last_line`.
    pub fn new(directive: Directive, line: usize, last_line: usize) -> Found {
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        for sel in &directive.rules {
            match crate::rules::select(sel) {
                Some(rules) => codes.extend(rules.iter().map(|r| r.code)),
                None => unknown.push(sel.clone()),
            }
        }
        codes.sort_unstable();
        codes.dedup();
        Found {
            directive,
            line,
            last_line,
            codes,
            unknown,
            used: false,
        }
    }

    fn covers(&self, d: &Diagnostic) -> bool {
        let rule_ok = self.directive.rules.is_empty() || self.codes.contains(&d.rule.code);
        let line_ok = match self.directive.scope {
            Scope::File => true,
            Scope::Line => {
                d.start.line as usize <= self.last_line && d.end.line as usize >= self.line
            }
        };
        rule_ok && line_ok
    }

    /// Whether some selected rule could have been suppressed by this directive.
    fn concerns(&self, selected: &[&'static RuleMeta]) -> bool {
        self.directive.rules.is_empty() || selected.iter().any(|r| self.codes.contains(&r.code))
    }
}

/// How to treat suppressions.
#[derive(Clone, Copy, Debug, Default)]
pub struct Policy {
    /// Keep suppressed findings, marked (`--include-suppressed`).
    pub include_suppressed: bool,
    /// Report directives without a rule list (`--strict-suppressions`).
    pub strict: bool,
    /// Report directives that suppressed nothing (`--report-unused-suppressions`).
    pub report_unused: bool,
}

/// Applies the directives of every file to `diagnostics`: suppressed findings are dropped, or
/// kept with a [`Suppression`] record when asked. Returns problems with the directives
/// themselves (unknown rules always; blanket and unused ones when asked).
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    table: &mut HashMap<String, Vec<Found>>,
    selected: &[&'static RuleMeta],
    policy: Policy,
) -> Vec<Notification> {
    for d in diagnostics.iter_mut() {
        let Some(found) = table.get_mut(&d.path) else {
            continue;
        };
        if let Some(f) = found.iter_mut().find(|f| f.covers(d)) {
            f.used = true;
            d.suppression = Some(Suppression {
                justification: f.directive.reason.clone(),
            });
        }
    }
    if !policy.include_suppressed {
        diagnostics.retain(|d| d.suppression.is_none());
    }
    let mut problems = Vec::new();
    let mut paths: Vec<&String> = table.keys().collect();
    paths.sort();
    for path in paths {
        for f in &table[path] {
            let line = f.line;
            for u in &f.unknown {
                problems.push(
                    Notification::warning(
                        path.as_str(),
                        format!(
                            "line {line}: suppression names unknown rule `{}`",
                            crate::flow::display_name(&[u.as_str()])
                        ),
                    )
                    .at_line(line),
                );
            }
            if policy.strict && f.directive.rules.is_empty() {
                problems.push(Notification::warning(
                    path.as_str(),
                    format!("line {line}: suppression without a rule list; name the rules, e.g. `phi-lint: ignore[PHI101] reason`"),
                ).at_line(line));
            }
            if policy.report_unused && !f.used && f.concerns(selected) {
                problems.push(
                    Notification::warning(
                        path.as_str(),
                        format!("line {line}: unused suppression: no finding here to suppress"),
                    )
                    .at_line(line),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(scope: Scope, rules: &[&str], reason: Option<&str>) -> Option<Directive> {
        Some(Directive {
            scope,
            rules: rules.iter().map(|s| s.to_string()).collect(),
            reason: reason.map(String::from),
        })
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(
            parse_comment("# phi-lint: ignore[PHI101]"),
            d(Scope::Line, &["PHI101"], None)
        );
        assert_eq!(
            parse_comment("// phi-lint: ignore[phi-in-log] audit sink, reviewed"),
            d(Scope::Line, &["phi-in-log"], Some("audit sink, reviewed"))
        );
        assert_eq!(
            parse_comment("/* phi-lint: ignore[PHI101, PHI102] -- test data */"),
            d(Scope::Line, &["PHI101", "PHI102"], Some("test data"))
        );
        assert_eq!(
            parse_comment("# phi-lint: ignore"),
            d(Scope::Line, &[], None)
        );
        assert_eq!(
            parse_comment("# phi-lint: ignore: fake records only"),
            d(Scope::Line, &[], Some("fake records only"))
        );
        assert_eq!(
            parse_comment("# phi-lint: ignore-file generated"),
            d(Scope::File, &[], Some("generated"))
        );
        assert_eq!(
            parse_comment("# noqa  PHI-LINT: Ignore[PHI101]"),
            d(Scope::Line, &["PHI101"], None)
        );
    }

    #[test]
    fn rejects_near_misses() {
        assert_eq!(parse_comment("# phi-lint ignore[PHI101]"), None);
        assert_eq!(parse_comment("# phi-lint: ignored"), None);
        assert_eq!(parse_comment("# phi-lint: ignore[PHI101"), None);
        assert_eq!(parse_comment("# phi-lint: enable"), None);
        assert_eq!(parse_comment("# just a comment"), None);
        assert_eq!(parse_comment(""), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "phi-lint:",
            "phi-lint:ignore[",
            "phi-lint:ignore]",
            "phi-lint: ignore[]",
            "phi-lint: ignore[,,]",
            "phi-lint: ignoré",
            "phi-lint: ignore\u{2014}\u{2014}",
            "é phi-lint: ignore-fil",
            "phi-lint: ig",
            "phi-lint: ignore[é] ü */",
            "\u{0}phi-lint:\u{0}ignore",
        ] {
            let _ = parse_comment(s);
        }
        // Every prefix of a multi-byte string.
        let s = "// ünï phi-lint: ignore[PHI101] réason — ok */";
        for i in 0..=s.len() {
            if s.is_char_boundary(i) {
                let _ = parse_comment(&s[..i]);
                let _ = parse_comment(&s[i..]);
            }
        }
    }
}
