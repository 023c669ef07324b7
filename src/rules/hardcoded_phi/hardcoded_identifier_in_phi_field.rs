//! PHI803 hardcoded-identifier-in-phi-field.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::literals;
use crate::phi::Kind;
use crate::rules::{Confidence, Level};

use super::{
    container_of, describe_node, fields, fits_named_scheme, in_message_map, in_patient_record,
    is_made_up, is_sample_name, key_of, literal_value, owned_by_callee, owned_by_function,
    plausible, record_context, text_has_health, Literal,
};

declare_rule! {
    /// ## What it does
    /// Flags a realistic identifier literal assigned to a field, key, keyword argument or
    /// variable whose name the PHI vocabulary reads as a strong identifier: a medical record
    /// number under `mrn`, a real date under `dob`, a person's name under `first_name`, a phone
    /// number under `patient_phone`, a member id under `member_id`. The value must have the shape
    /// of its kind (a date that exists, a phone number outside the fictional `555-01xx` range, an
    /// email outside `example.com`), so format strings, placeholders and empty defaults are not
    /// reported. Social Security numbers and MBIs are left to `hardcoded-ssn` and
    /// `hardcoded-medicare-id`; literals inside a full patient record to
    /// `hardcoded-patient-record`. In tests, fixtures and mocks (by path, or a Rust
    /// `#[cfg(test)]` module) findings are low confidence, as for every rule.
    ///
    /// ## Why is this bad?
    /// Identifiers typed into seed scripts and fixtures are very often copied from a real chart
    /// while debugging. Once committed they live in every clone and CI cache, outside the access
    /// controls on the record, and each is a Safe Harbor identifier (45 CFR 164.514(b)(2)).
    ///
    /// ## Example
    /// ```python
    /// encounter = Encounter(mrn="00482913", admitted=today())
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// encounter = Encounter(mrn=fake_mrn(), admitted=today())
    /// ```
    ///
    /// Labelled values in comments, docstrings and strings count too (`# MRN: 00482913`,
    /// `"DOB: 1957-03-14"`): the label is read with the same vocabulary.
    ///
    /// With `mrn-patterns` under `[hardcoded]` (regular expressions for the site's MRN
    /// formats), any string literal matching one is reported too, whatever its key.
    ///
    /// ## Known limitations
    /// A name on its own is reported as a note, and only when capitalised; conventional
    /// placeholders (`John Doe`, `Test Patient`, test words such as `Updated` or `Staff`,
    /// keyboard runs such as `abc` or `asdf`, mailboxes named so: `abc@gmail.com`, and
    /// any field of a record whose name field holds one, such as the birth date beside
    /// `name: "John Doe"`) only at `--min-confidence low`.
    /// The same goes for January 1st birth dates (`1990-01-01`), the usual made-up or unknown
    /// date, and for a date in test code with no other identifier beside it (a unit test's
    /// `dob = date(1980, 1, 15)`). So do the fields of a staff member's record: one with a field
    /// of its own that only staff records have (`licenseNumber`, `npi`, `specialization`,
    /// `shift`, `staffId`) or a role that is not a patient's (`role: "ophthalmologist"`).
    /// A "name" holding a health term (`fullName: "Depression Inventory"`) is not
    /// reported. Neither is text about a field rather than its value: a value in a map or call
    /// about messages (`errors.first_name = "Required"`, `ValidationError({...})`, an error
    /// response with a 4xx status, `labels`, `placeholders`, translations); nor an account's or a
    /// staff member's name, read with the call it is passed to (`User.objects.create_user(...)`,
    /// `Staff(...)`) or the function that builds it (`def create_superuser()`) as its owner.
    /// Known sample data is low confidence: the example patients of the FHIR and HL7
    /// specifications (`Peter Chalmers`, `Amy Shaw`), alliterative joke names (`Patty
    /// Pennington`), and an identifier under a key naming its scheme without the scheme's shape
    /// (an `mbi` that is no valid MBI, such as CMS's synthetic ones with an `S` in second place;
    /// a `hicn` without its beneficiary code). So are files whose name says they hold test data
    /// (`create_test_user.py`, `integration_tests/`). There is no national MRN format, so any four or more digits under an MRN key
    /// are reported, unless they count straight up or down (`123456`).
    ///
    /// ## References
    /// - 45 CFR 164.514(b)(2)(i) (Safe Harbor identifiers)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub HARDCODED_IDENTIFIER_IN_PHI_FIELD = "PHI803" {
        name: "hardcoded-identifier-in-phi-field",
        file: hardcoded_identifier_in_phi_field,
        category: HardcodedPhi,
        safeguards: [SafeHarborIdentifier, AccessControl],
        level: Warning,
        confidence: Medium,
        cwe: [359, 798],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::PhiOrCustom(|_, settings| !settings.mrn_patterns.is_empty()),
        // On real code a PHI-named field assigned a literal was a label, a validation message,
        // a staff account or sample data in all 27 judged findings of the check half
        // (bench/realcode): not precise enough for the default output. Configured
        // `mrn-patterns` bring it into the default suite.
        suite: Extended,
        requested_by: asks_for_mrn_patterns,
    }
}

/// The user's own `mrn-patterns` ask for this rule: it runs in the default suite then.
fn asks_for_mrn_patterns(config: &crate::settings::ConfigFile) -> bool {
    !config.hardcoded.mrn_patterns.is_empty()
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(value) = m.get("value") else {
        return;
    };
    let (Some(sink), Some(key)) = (m.get("sink"), m.get("key")) else {
        site_mrn(checker, value);
        labelled_in_text(checker, value);
        return;
    };
    let Some(lit) = literal_value(checker, value) else {
        return;
    };
    let key_text = checker.text(key);
    let segments: Vec<&str> = key_text
        .trim_matches(['"', '\'', '`'])
        .split(['.', ':'])
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() || segments.len() > 6 {
        return;
    }
    let Some(class) = checker
        .file
        .flow
        .vocab()
        .classify_path(&segments, false)
        .filter(|c| c.score >= 0.8 && c.kind.is_identifier() && c.kind != Kind::Ssn)
    else {
        return;
    };
    // A field of a record stored under a key also reads with that key as its receiver:
    // `clinician: { firstName: "..." }` is the clinician's name, like `clinician.firstName`,
    // and not a patient's (the owner demotion). The key only ever lowers the verdict.
    if let [leaf] = segments[..] {
        if let Some(outer) = container_of(checker, value).and_then(|c| key_of(checker, c)) {
            let owned = checker
                .file
                .flow
                .vocab()
                .classify_path(&[outer, leaf], false);
            if owned.is_none_or(|c| c.score < 0.8) {
                return;
            }
        }
    }
    if let Literal::Text(t) = lit {
        if !literals::find_ssns(t).is_empty() || !literals::find_mbis(t).is_empty() {
            return;
        }
    }
    if !plausible(class.kind, lit) {
        return;
    }
    let leaf = segments.last().copied().unwrap_or_default();
    // `errors.first_name = "This field is required"`, `ValidationError({"first_name":
    // "Required"})`, `labels = {"dob": "Date of birth"}`: text about the field, not its value.
    if in_message_map(checker, value, &segments[..segments.len() - 1]) {
        return;
    }
    // `User.objects.create_user(first_name="Fred")`, `first_name = "Fred"` in `def
    // create_superuser()`: an account's or a staff member's name, as `user.first_name` is.
    if owned_by_callee(checker, value)
        || (sink.kind() == "assignment"
            && segments.len() == 1
            && container_of(checker, value).is_none()
            && owned_by_function(checker, value))
    {
        return;
    }
    // A full name has two words at least: `fullName: 'Asymmetry'` labels a scoring criterion.
    let full_key = crate::phi::tokenize(segments.last().copied().unwrap_or_default())
        .iter()
        .any(|w| w.eq_ignore_ascii_case("full"));
    if class.kind == Kind::Name
        && full_key
        && matches!(lit, Literal::Text(t) if t.split_whitespace().count() < 2)
    {
        return;
    }
    // `fullName: "Beck Depression Inventory"` names an instrument or a form, not a person: a
    // health term of the vocabulary is no part of a person's name.
    if matches!(lit, Literal::Text(t) if class.kind == Kind::Name && text_has_health(checker, t)) {
        return;
    }
    if in_patient_record(checker, value) {
        return;
    }
    let name = segments.last().copied().unwrap_or_default();
    // A placeholder name, or any field next to one (`firstName: "Jane", lastName: "Doe"`,
    // `{ name: "John Doe", dob: "1993-07-01" }`, `first: "Client", last: "Test"`): the record is
    // made-up test data.
    // January 1st (`1990-01-01`, `19700101`) is the conventional made-up or unknown birth date.
    let in_placeholder_record = || {
        container_of(checker, value).is_some_and(|c| {
            let ctx = record_context(checker, c);
            ctx.placeholder_name || is_made_up(checker, c, &ctx)
        })
    };
    // An identifier under a key that names its scheme (`mbi`, `hicn`) without the scheme's shape
    // is a synthetic one (CMS test MBIs have an `S` in the second position).
    let off_scheme = matches!(lit, Literal::Text(t) if fits_named_scheme(leaf, t) == Some(false));
    let placeholder = off_scheme
        || match lit {
            Literal::Text(t) if class.kind == Kind::Name => {
                literals::is_placeholder_name(t) || is_sample_name(t) || in_placeholder_record()
            }
            Literal::Text(t) if class.kind == Kind::Date => jan_first(t) || in_placeholder_record(),
            Literal::Text(t) if class.kind == Kind::Email => {
                literals::is_placeholder_email(t) || in_placeholder_record()
            }
            // `new Date("1990-01-01")`: the quoted argument.
            Literal::Date => {
                checker
                    .text(value)
                    .split(['"', '\'', '`'])
                    .nth(1)
                    .is_some_and(jan_first)
                    || in_placeholder_record()
            }
            _ => in_placeholder_record(),
        };
    // A date on its own, outside any record literal (`dob = date(1980, 1, 15)` in a unit test
    // of age or date matching), is test input, not a chart copied into a fixture: in test code
    // it is low confidence. A date in a record with other fields stays.
    let lone_test_date = class.kind == Kind::Date
        && (checker.file.is_test_path() || checker.file.in_inline_test(value))
        && container_of(checker, value).is_none_or(|c| fields(checker, c).len() <= 1);
    // A name on its own identifies nobody in particular and is the most common kind of test
    // data: a note. Placeholders (`John Doe`, `Local Given`) are low confidence (hidden by
    // default).
    let (level, confidence) = if placeholder || lone_test_date {
        (Level::Note, Confidence::Low)
    } else if class.kind == Kind::Name {
        (Level::Note, Confidence::Medium)
    } else {
        (Level::Warning, Confidence::High)
    };
    let message = format!(
        "`{}` is assigned a hard-coded {}",
        crate::flow::display_name(&[name]),
        class.kind.describe()
    );
    checker.report_redacted(value, sink, message, level, confidence);
}

/// Whether a date literal is a January 1st.
fn jan_first(text: &str) -> bool {
    literals::parse_date(text).is_some_and(|(_, m, d)| (m, d) == (1, 1))
}

/// A string literal that matches one of the site's MRN formats (`[hardcoded] mrn-patterns`),
/// under any key or none.
fn site_mrn<'a>(checker: &mut Checker<'a>, value: Node<'a>) {
    let patterns = &checker.file.settings.mrn_patterns;
    if patterns.is_empty() {
        return;
    }
    let Some(Literal::Text(text)) = literal_value(checker, value) else {
        return;
    };
    if text.len() > 64 || !patterns.iter().any(|p| p.is_match(text)) {
        return;
    }
    let message = String::from(
        "string literal matches a configured medical record number format (mrn-patterns)",
    );
    checker.report_redacted(value, value, message, Level::Warning, Confidence::High);
}

/// `MRN: 00482913` or `dob=1957-03-14` inside a comment, docstring or string: the label is read
/// with the shared vocabulary (its last one, two or three words), the value must have the shape
/// of the label's kind.
fn labelled_in_text<'a>(checker: &mut Checker<'a>, node: Node<'a>) {
    let text = checker.text(node);
    if text.len() > 20_000 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let vocab = checker.file.flow.vocab();
    let mut best: Option<(Kind, String)> = None;
    for found in literals::find_labelled_values(text) {
        let (Some(label), Some(value)) = (text.get(found.label), text.get(found.value)) else {
            continue;
        };
        let words: Vec<&str> = label.split([' ', '-']).filter(|w| !w.is_empty()).collect();
        let class = (1..=words.len().min(3)).rev().find_map(|n| {
            let joined = words[words.len() - n..].join("_");
            vocab
                .classify_name(&joined)
                .filter(|c| c.score >= 0.8 && c.kind.is_identifier())
                .map(|c| (c, joined))
        });
        let Some((class, joined)) = class else {
            continue;
        };
        // SSNs and MBIs have their own rules; a name is one word here and says little.
        if matches!(class.kind, Kind::Ssn | Kind::Name)
            || !literals::find_mbis(value).is_empty()
            || !plausible(class.kind, Literal::Text(value))
        {
            continue;
        }
        best = Some((class.kind, joined));
        break;
    }
    let Some((kind, label)) = best else {
        return;
    };
    let message = format!(
        "{} labels a hard-coded {} (`{}`)",
        describe_node(node),
        kind.describe(),
        crate::flow::display_name(&[&label])
    );
    checker.report_redacted(node, node, message, Level::Warning, Confidence::Medium);
}
