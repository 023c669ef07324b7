//! PHI804 hardcoded-patient-record.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::record_context;

declare_rule! {
    /// ## What it does
    /// Flags a record literal (a Python dict or keyword-argument call, a JavaScript or
    /// TypeScript object, a Rust struct expression) that hard-codes an identifiable patient: an
    /// identifier with a realistic value (name, SSN, MRN, MBI, member id, and then also birth
    /// date, phone or email) together with either health information (`diagnosis`, `icd10`,
    /// `medication`) or a second kind of identifier. Keys are read with the shared PHI
    /// vocabulary, and each value must have the shape of its kind. Typical sites are seed
    /// scripts, factories and test fixtures; in tests, fixtures and mocks findings are low
    /// confidence (`--min-confidence low` shows them), as for every rule.
    ///
    /// ## Why is this bad?
    /// A name with a birth date, or any identifier with a diagnosis, is PHI (45 CFR 160.103).
    /// Whether copied from production or invented to look real, such records in a repository
    /// reach everyone who can read the code and cannot be told apart from real data by auditors
    /// and secret scanners.
    ///
    /// ## Example
    /// ```javascript
    /// const seed = { firstName: "Zelda", lastName: "Testperson", dob: "1957-03-14", diagnosis: "E11.9" };
    /// ```
    ///
    /// ## Use instead
    /// Generate records with a fake-data library at run time, or keep only the fields the test
    /// needs:
    /// ```javascript
    /// const seed = { firstName: faker.person.firstName(), dob: faker.date.birthdate(), diagnosis: "E11.9" };
    /// ```
    ///
    /// ## Known limitations
    /// JSON, YAML and CSV fixture files are not scanned. Records built field by field
    /// (`p.name = ...; p.dob = ...`) are reported field by field by
    /// `hardcoded-identifier-in-phi-field` instead.
    ///
    /// ## References
    /// - 45 CFR 164.514(b)(2) (Safe Harbor de-identification), 160.103 (definition of PHI)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub HARDCODED_PATIENT_RECORD = "PHI804" {
        name: "hardcoded-patient-record",
        file: hardcoded_patient_record,
        category: HardcodedPhi,
        safeguards: [SafeHarborIdentifier, AccessControl],
        level: Error,
        confidence: High,
        cwe: [359, 798],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(container) = m.get("finding") else {
        return;
    };
    let ctx = record_context(checker, container);
    if !ctx.is_patient_record() {
        return;
    }
    let focus = if container.kind() == "argument_list" {
        container.up().unwrap_or(container)
    } else {
        container
    };
    // Report the outermost record once: `{ patient: { name, dob } }` is one finding.
    if super::in_patient_record(checker, focus) {
        return;
    }
    let mut kinds: Vec<&str> = ctx.identifiers.iter().map(|k| k.describe()).collect();
    if ctx.health {
        kinds.push("health information");
    }
    let what = match container.kind() {
        "dictionary" => "dict literal",
        "argument_list" => "call with keyword arguments",
        "struct_expression" => "struct literal",
        _ => "object literal",
    };
    // A record with a 555 phone number, an `example.com` email or a `demo-` id says it is made
    // up: low confidence.
    let confidence = if super::is_made_up(checker, container, &ctx) {
        Confidence::Low
    } else if ctx.health || ctx.identifiers.len() >= 3 {
        Confidence::High
    } else {
        Confidence::Medium
    };
    let message = format!(
        "{what} hard-codes an identifiable patient record ({})",
        kinds.join(", ")
    );
    checker.report_redacted(focus, container, message, Level::Error, confidence);
}
