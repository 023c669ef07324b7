//! PHI802 hardcoded-medicare-id.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::literals;
use crate::phi::Kind;
use crate::rules::{Confidence, Level};

use super::{classify_key, describe_node, enclosing_record_context, key_of, text_has_health};

declare_rule! {
    /// ## What it does
    /// Flags Medicare Beneficiary Identifiers (MBIs) written into source: string literals,
    /// docstrings, comments, seed data and test fixtures. An MBI is 11 characters: digits at
    /// positions 1 (1-9), 4, 7, 10 and 11, letters at positions 2, 5, 8 and 9 (never S, L, O, I,
    /// B or Z), and a letter or digit at positions 3 and 6, written bare or with both print
    /// dashes (`1EG4-TE5-MK73`). The CMS sample MBI is a note at low confidence. In tests,
    /// fixtures and mocks findings are low confidence, as for every rule.
    ///
    /// ## Why is this bad?
    /// An MBI is a health plan beneficiary number (45 CFR 164.514(b)(2)(i)(I)): it identifies a
    /// Medicare patient and, by itself, says that the person is covered by Medicare. Committed to
    /// a repository it spreads to every clone, CI cache and vendor.
    ///
    /// ## Example
    /// ```typescript
    /// const member = { name: "Zelda Testperson", mbi: "2QK7RV3TW58" };
    /// ```
    ///
    /// ## Use instead
    /// Load test identities from a generator, or use a value that cannot be an MBI:
    /// ```typescript
    /// const member = { name: faker.person.fullName(), mbi: "0XX0XX0XX00" };
    /// ```
    ///
    /// ## Known limitations
    /// Legacy HICNs (SSN-based Medicare numbers) are reported by `hardcoded-ssn` only when their
    /// SSN part is separated. Lower-case MBIs are not matched.
    ///
    /// ## References
    /// - 45 CFR 164.514(b)(2)(i)(I) (Safe Harbor: health plan beneficiary numbers)
    /// - CMS, "Understanding the Medicare Beneficiary Identifier (MBI) Format"
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub HARDCODED_MEDICARE_ID = "PHI802" {
        name: "hardcoded-medicare-id",
        file: hardcoded_medicare_id,
        category: HardcodedPhi,
        safeguards: [SafeHarborIdentifier, AccessControl],
        level: Error,
        confidence: High,
        cwe: [359, 798],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::PhiOrCustom(|text, _| crate::phi::literals::may_contain_mbi(text)),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(node) = m.get("finding") else {
        return;
    };
    let own = super::hardcoded_ssn::own_text(checker, node);
    let text: &str = &own;
    if text.len() < 11 {
        return;
    }
    let found = literals::find_mbis(text);
    if found.is_empty() {
        return;
    }
    let key = key_of(checker, node);
    let plan_key = key
        .and_then(|k| classify_key(checker, k))
        .is_some_and(|c| c.kind == Kind::HealthPlan);
    let what = describe_node(node);
    let under = key.filter(|_| plan_key).map_or(String::new(), |k| {
        format!(" assigned to `{}`", crate::flow::display_name(&[k]))
    });
    if found.iter().any(|m| !m.sample) {
        let context = text_has_health(checker, text)
            || enclosing_record_context(checker, node).is_some_and(|c| c.has_name_or_health());
        let (level, confidence, tail) = if context {
            (
                Level::Error,
                Confidence::High,
                " next to a name or health information",
            )
        } else if plan_key {
            (Level::Warning, Confidence::High, "")
        } else {
            (Level::Warning, Confidence::Medium, "")
        };
        let message =
            format!("{what}{under} contains a valid-format Medicare Beneficiary Identifier{tail}");
        checker.report_redacted(node, node, message, level, confidence);
    } else if !checker.file.settings.hardcoded.allow_known_samples {
        let message =
            format!("{what}{under} contains the CMS sample Medicare Beneficiary Identifier");
        checker.report_redacted(node, node, message, Level::Note, Confidence::Low);
    }
}
