//! PHI801 hardcoded-ssn.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::literals;
use crate::phi::Kind;
use crate::rules::{Confidence, Level};

use super::{classify_key, describe_node, enclosing_record_context, key_of, text_has_health};

declare_rule! {
    /// ## What it does
    /// Flags Social Security numbers written into source: in string literals, docstrings,
    /// comments, seed data and test fixtures. A number counts when it has a valid format: three,
    /// two and four digits with matching separators (`-`, a space, or none), an area that is not
    /// `000`, `666` or `900`-`999`, a group that is not `00` and a serial that is not `0000`.
    /// Nine bare digits count only under an SSN-named key or variable (`ssn = "212456789"`),
    /// because they are usually ZIP+4 codes or order numbers. Well-known sample values
    /// (`078-05-1120`, `123-45-6789`, repeated digits) are notes at low confidence. In tests,
    /// fixtures and mocks findings are low confidence, as for every rule; `--min-confidence low`
    /// shows them.
    ///
    /// ## Why is this bad?
    /// A valid-looking SSN in a repository is either real data copied from production, or will
    /// be mistaken for it by every scanner and reviewer downstream. Source code is copied to
    /// laptops, CI caches, forks and vendors with none of the access controls on the patient
    /// record, and an SSN is one of the Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)(G))
    /// that makes any nearby health data identifiable.
    ///
    /// ## Example
    /// ```python
    /// patient = {"name": "Zelda Testperson", "ssn": "212-45-6789", "dx": "E11.9"}
    /// ```
    ///
    /// ## Use instead
    /// Generate fake data at run time, or use a value that can never be issued:
    /// ```python
    /// patient = {"name": fake.name(), "ssn": "000-00-0000", "dx": "E11.9"}
    /// ```
    ///
    /// ## Known limitations
    /// ITINs (9xx area) are not reported. Numbers built by concatenation or formatting are not
    /// seen. Set `allow-known-samples = true` under `[hardcoded]` to silence sample values.
    ///
    /// ## References
    /// - 45 CFR 164.514(b)(2)(i)(G) (Safe Harbor: Social Security numbers)
    /// - SSA POMS RM 10201.035 (never-issued SSN ranges)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub HARDCODED_SSN = "PHI801" {
        name: "hardcoded-ssn",
        file: hardcoded_ssn,
        category: HardcodedPhi,
        safeguards: [SafeHarborIdentifier, AccessControl],
        level: Error,
        confidence: High,
        cwe: [359, 798],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::PhiOrCustom(|text, _| crate::phi::literals::may_contain_ssn(text)),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(node) = m.get("finding") else {
        return;
    };
    let own = own_text(checker, node);
    let text: &str = &own;
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let found = literals::find_ssns(text);
    if found.is_empty() {
        // Nothing SSN-shaped: the key it is stored under cannot change that.
        return;
    }
    let key = key_of(checker, node);
    let ssn_key = key
        .and_then(|k| classify_key(checker, k))
        .is_some_and(|c| c.kind == Kind::Ssn);
    let numeric = describe_node(node) == "numeric literal";
    let real = found
        .iter()
        .find(|s| !s.sample && (s.separated || ssn_key) && (!numeric || ssn_key));
    let sample = found.iter().find(|s| s.sample && (s.separated || ssn_key));
    let what = describe_node(node);
    let under = key.filter(|_| ssn_key).map_or(String::new(), |k| {
        format!(" assigned to `{}`", crate::flow::display_name(&[k]))
    });
    if real.is_some() {
        let context = text_has_health(checker, text)
            || enclosing_record_context(checker, node).is_some_and(|c| c.has_name_or_health());
        let (level, confidence, tail) = if context {
            (
                Level::Error,
                Confidence::High,
                " next to a name or health information",
            )
        } else if ssn_key {
            (Level::Warning, Confidence::High, "")
        } else {
            (Level::Warning, Confidence::Medium, "")
        };
        let message = format!("{what}{under} contains a valid-format Social Security number{tail}");
        checker.report_redacted(node, node, message, level, confidence);
    } else if sample.is_some() && !checker.file.settings.hardcoded.allow_known_samples {
        let message = format!("{what}{under} contains a well-known sample Social Security number");
        checker.report_redacted(node, node, message, Level::Note, Confidence::Low);
    }
}

/// A literal's own text: a template or f-string without its substitutions, each of which is a
/// literal matched on its own (nested templates, `${`${`...`}`}`, are each read once, not once
/// per enclosing level).
pub(crate) fn own_text<'a>(
    checker: &Checker<'a>,
    node: tree_sitter::Node<'a>,
) -> std::borrow::Cow<'a, str> {
    let text = checker.text(node);
    // Only a literal that can hold a substitution is looked into (one byte search, no walk).
    let substitutes = match node.kind() {
        "template_string" => text.contains("${"),
        "string" => {
            let prefix = text.bytes().take_while(|b| b.is_ascii_alphabetic()).take(3);
            prefix.into_iter().any(|b| b == b'f' || b == b'F') && text.contains('{')
        }
        _ => false,
    };
    if !substitutes {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cursor = node.walk();
    let subs = node
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind(), "template_substitution" | "interpolation"))
        .map(|c| c.byte_range())
        .collect::<Vec<_>>();
    if subs.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let start = node.start_byte();
    let mut out = String::new();
    let mut at = start;
    for r in subs {
        out.push_str(&text[at - start..r.start - start]);
        // A space keeps the parts on either side from joining into one number.
        out.push(' ');
        at = r.end;
    }
    out.push_str(&text[at - start..]);
    std::borrow::Cow::Owned(out)
}
