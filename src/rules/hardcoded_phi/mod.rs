//! hardcoded-phi (8xx): realistic identifiers written into source, seed data, fixtures and
//! comments (45 CFR 164.514(b)(2)).
//!
//! The literal shape validators live in [`crate::phi::literals`]; whether a literal sits under a
//! PHI key is decided by the shared classifier ([`crate::phi::Vocabulary::classify_name`]).
//! In test, fixture and mock code its findings are low confidence, like every family's (PHI_DOMAIN
//! asks for full confidence there, since that is where real data gets pasted; on the real
//! repositories we tried, hundreds of such findings were all made-up data and none was real).
//! So are files whose name or directory says the data is made up (`demo`, `mock`, `fake`, ...:
//! [`crate::engine::FileCtx::is_synthetic_data_path`]). Findings are reported with
//! [`Checker::report_redacted`], so a `--snippets` line never shows the literal.

pub mod hardcoded_identifier_in_phi_field;
pub mod hardcoded_medicare_id;
pub mod hardcoded_patient_record;
pub mod hardcoded_ssn;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::is_string;
use crate::phi::literals;
use crate::phi::{Classification, Kind};
use crate::tree::NodeExt;

/// A literal value found in code.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Literal<'a> {
    /// String contents (without quotes) or the digits of a number.
    Text(&'a str),
    /// A date built from numbers: `date(1957, 3, 14)`, `new Date(1957, 2, 14)`,
    /// `NaiveDate::from_ymd_opt(1957, 3, 14)`.
    Date,
}

/// What kind of text a scanned node is, for messages.
pub(crate) fn describe_node(node: Node<'_>) -> &'static str {
    match node.kind() {
        "comment" | "line_comment" | "block_comment" => "comment",
        "integer" | "number" | "integer_literal" => "numeric literal",
        "string"
            if node
                .up()
                .is_some_and(|p| p.kind() == "expression_statement") =>
        {
            "docstring or bare string"
        }
        _ => "string literal",
    }
}

/// The contents of a plain string literal, without quotes or prefixes; `None` for f-strings,
/// templates with substitutions, and anything that is not a string.
fn string_value<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let text = checker.text(node);
    match node.kind() {
        "string" | "string_literal" => {
            let t = text.trim_start_matches(['r', 'b', 'u', 'R', 'B', 'U']);
            let q = t.chars().next()?;
            if !matches!(q, '"' | '\'') {
                return None;
            }
            let inner = t.trim_start_matches(q).trim_end_matches(q);
            (!inner.contains('{') || node.kind() == "string_literal").then_some(inner)
        }
        "template_string" => {
            let inner = text.strip_prefix('`')?.strip_suffix('`')?;
            (!inner.contains("${")).then_some(inner)
        }
        "raw_string_literal" => {
            let inner = text.trim_start_matches(['r', '#']).trim_end_matches('#');
            inner.strip_prefix('"')?.strip_suffix('"')
        }
        _ => None,
    }
}

/// The last name segment of a callee (`datetime.date` → `date`, `NaiveDate::from_ymd_opt` →
/// `from_ymd_opt`).
fn callee_leaf<'a>(checker: &Checker<'a>, node: Node<'a>) -> &'a str {
    let text = checker.text(node);
    text.rsplit(['.', ':']).next().unwrap_or(text)
}

/// The literal a value expression denotes: a string or number, possibly wrapped in a
/// conversion (`"x".to_string()`, `String::from("x")`, `Some("x")`, `str(123)`), or a date
/// constructed from numbers.
pub(crate) fn literal_value<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<Literal<'a>> {
    literal_value_at(checker, node, 0)
}

fn literal_value_at<'a>(
    checker: &Checker<'a>,
    node: Node<'a>,
    depth: usize,
) -> Option<Literal<'a>> {
    if depth > 4 {
        return None;
    }
    match node.kind() {
        "integer" | "number" | "integer_literal" => {
            let t = checker.text(node);
            t.chars()
                .all(|c| c.is_ascii_digit() || c == '_')
                .then_some(Literal::Text(t))
        }
        k if is_string(k) => string_value(checker, node).map(Literal::Text),
        "parenthesized_expression" => literal_value_at(checker, node.named_child(0)?, depth + 1),
        "call" | "call_expression" | "new_expression" => {
            let callee = node
                .field("function")
                .or_else(|| node.field("constructor"))?;
            let args = node.field("arguments")?;
            let mut cursor = args.walk();
            let first = args
                .named_children(&mut cursor)
                .find(|c| !c.kind().contains("comment"));
            // `"x".to_string()`, `"x".into()`, `"x".to_owned()`
            if callee.kind() == "field_expression" {
                let field = callee.field("field")?;
                if matches!(
                    checker.text(field),
                    "to_string" | "into" | "to_owned" | "parse"
                ) {
                    return literal_value_at(checker, callee.field("value")?, depth + 1);
                }
                return None;
            }
            let leaf = callee_leaf(checker, callee);
            let first = first?;
            let lower = leaf.to_ascii_lowercase();
            if lower.contains("date") || lower.starts_with("from_ymd") {
                if matches!(first.kind(), "integer" | "number" | "integer_literal") {
                    let year = checker.text(first).parse::<u16>().ok()?;
                    return ((1870..=2100).contains(&year) && literals::is_past_date(year, 1, 1))
                        .then_some(Literal::Date);
                }
                return match literal_value_at(checker, first, depth + 1)? {
                    Literal::Text(t)
                        if literals::parse_date(t)
                            .is_some_and(|(y, m, d)| literals::is_past_date(y, m, d)) =>
                    {
                        Some(Literal::Date)
                    }
                    _ => None,
                };
            }
            if matches!(leaf, "from" | "Some" | "str" | "String" | "new" | "Decimal") {
                return literal_value_at(checker, first, depth + 1);
            }
            None
        }
        _ => None,
    }
}

/// The text of a key node: identifiers as written, strings without quotes, the attribute of
/// `self.mrn`, the property of `this.mrn`.
pub(crate) fn key_name<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    match node.kind() {
        "identifier"
        | "property_identifier"
        | "field_identifier"
        | "shorthand_property_identifier"
        | "private_property_identifier" => Some(checker.text(node)),
        k if is_string(k) => string_value(checker, node),
        "attribute" => key_name(checker, node.field("attribute")?),
        "member_expression" => key_name(checker, node.field("property")?),
        "field_expression" => key_name(checker, node.field("field")?),
        _ => None,
    }
}

/// The key a value is stored under, when `value` is the value of a dict pair, keyword argument,
/// object property, struct field, assignment or variable declaration.
pub(crate) fn key_of<'a>(checker: &Checker<'a>, value: Node<'a>) -> Option<&'a str> {
    let mut node = lift_wrappers(checker, value);
    let parent = node.up()?;
    let key = match parent.kind() {
        "pair" => parent.field("key"),
        "keyword_argument" => parent.field("name"),
        "assignment" | "assignment_expression" => parent.field("left"),
        "variable_declarator" => parent.field("name"),
        "field_initializer" => parent.field("field"),
        "let_declaration" => parent.field("pattern"),
        "const_item" | "static_item" => parent.field("name"),
        _ => None,
    }?;
    if key.id() == node.id() {
        return None;
    }
    node = key;
    key_name(checker, node)
}

/// The outermost expression that still denotes the same literal: `"x"` inside
/// `"x".to_string()`, `String::from("x")` or `date(1957, 3, 14)`.
pub(crate) fn lift_wrappers<'a>(checker: &Checker<'a>, value: Node<'a>) -> Node<'a> {
    let mut node = value;
    for _ in 0..4 {
        let Some(parent) = node.up() else { break };
        let call = match parent.kind() {
            "arguments" | "argument_list" | "field_expression" => parent.up(),
            "parenthesized_expression" => Some(parent),
            _ => None,
        };
        match call {
            Some(c) if literal_value(checker, c).is_some() => node = c,
            _ => break,
        }
    }
    node
}

/// The record literal (dict, object, struct expression, keyword-argument list) a value is a
/// field of.
pub(crate) fn container_of<'a>(checker: &Checker<'a>, value: Node<'a>) -> Option<Node<'a>> {
    let mut node = lift_wrappers(checker, value);
    // An element of a list field: `name: [{ given: ..., family: ... }]`.
    for _ in 0..2 {
        match node.up() {
            Some(p) if matches!(p.kind(), "array" | "list" | "array_expression" | "tuple") => {
                node = p
            }
            _ => break,
        }
    }
    let field = node.up()?;
    if !matches!(
        field.kind(),
        "pair" | "keyword_argument" | "field_initializer"
    ) {
        return None;
    }
    let list = field.up()?;
    match list.kind() {
        "dictionary" | "object" => Some(list),
        "argument_list" if list.up().is_some_and(|c| c.kind() == "call") => Some(list),
        "field_initializer_list" => list.up().filter(|p| p.kind() == "struct_expression"),
        _ => None,
    }
}

/// The `(key, value)` fields of a record literal.
pub(crate) fn fields<'a>(checker: &Checker<'a>, container: Node<'a>) -> Vec<(&'a str, Node<'a>)> {
    let mut out = Vec::new();
    let list = if container.kind() == "struct_expression" {
        match container.field("body") {
            Some(b) => b,
            None => return out,
        }
    } else {
        container
    };
    let mut cursor = list.walk();
    for child in list.named_children(&mut cursor) {
        let (key, value) = match child.kind() {
            "pair" => (child.field("key"), child.field("value")),
            "keyword_argument" => (child.field("name"), child.field("value")),
            "field_initializer" => (child.field("field"), child.field("value")),
            _ => (None, None),
        };
        if let (Some(k), Some(v)) = (key, value) {
            if let Some(name) = key_name(checker, k) {
                out.push((name, v));
            }
        }
    }
    out
}

/// Whether a literal is a plausible value of an identifier kind (not a placeholder, format or
/// sample): a real date for a birth date, a phone number for a phone field, and so on.
pub(crate) fn plausible(kind: Kind, literal: Literal<'_>) -> bool {
    let text = match literal {
        Literal::Date => return kind == Kind::Date,
        Literal::Text(t) => t.trim(),
    };
    if text.is_empty() {
        return false;
    }
    match kind {
        Kind::Ssn => literals::is_ssn(text),
        Kind::Date => {
            literals::parse_date(text).is_some_and(|(y, m, d)| literals::is_past_date(y, m, d))
        }
        Kind::Phone => literals::is_phone(text),
        Kind::Email => literals::is_email(text),
        Kind::Name => literals::is_person_name(text),
        Kind::Mrn
        | Kind::HealthPlan
        | Kind::Account
        | Kind::License
        | Kind::OtherId
        | Kind::Device
        | Kind::Vehicle => literals::is_record_number(text),
        Kind::Address => {
            text.len() >= 8
                && text.chars().any(|c| c.is_ascii_digit())
                && text.split_whitespace().count() >= 2
                && text.chars().any(char::is_alphabetic)
        }
        _ => false,
    }
}

/// What a record literal holds: the identifier kinds with plausible literal values, and
/// whether it carries health information or a person's name.
#[derive(Clone, Debug, Default)]
pub(crate) struct RecordContext {
    /// Identifier kinds with plausible literal values, deduplicated.
    pub identifiers: Vec<Kind>,
    /// A health-information key with a literal value.
    pub health: bool,
    /// A name field holds a placeholder (`Doe`, `Test`): the record's names are not counted.
    pub placeholder_name: bool,
    /// A value marks the record as made up: a 555 phone number, an `example.com` email, a
    /// `demo-`/`test-`/`mock-` id ([`literals::is_synthetic_marker`]). The name the record is
    /// bound to can say so too: [`is_made_up`] asks both.
    pub synthetic: bool,
}

impl RecordContext {
    /// A record that names a person or carries health information next to an identifier.
    pub fn has_name_or_health(&self) -> bool {
        self.health || self.identifiers.contains(&Kind::Name)
    }

    /// An identifiable record: a strong identifier plus health information, or two different
    /// identifier kinds (a name and a birth date).
    pub fn is_patient_record(&self) -> bool {
        !self.identifiers.is_empty() && (self.health || self.identifiers.len() >= 2)
    }
}

/// The classification of a key, when it names PHI with at least medium confidence.
pub(crate) fn classify_key(checker: &Checker<'_>, key: &str) -> Option<Classification> {
    checker
        .file
        .flow
        .vocab()
        .classify_name(key)
        .filter(|c| c.score >= 0.5)
}

/// Whether the variable, constant or field a record literal is (part of) the value of says the
/// data is made up: `MOCK_CLAIMS = [{ patientName: ... }]`, `const previewPatient = {...}`,
/// `fakeRows`, `sample_patients`, `DEMO_DATA`.
fn bound_to_made_up_name(checker: &Checker<'_>, container: Node<'_>) -> bool {
    let mut n = container.up();
    for _ in 0..8 {
        let Some(p) = n else {
            return false;
        };
        let name = match p.kind() {
            "variable_declarator" | "let_declaration" | "const_item" | "static_item" => {
                p.field("name").or_else(|| p.field("pattern"))
            }
            "assignment" | "assignment_expression" => p.field("left"),
            "pair" | "field_initializer" => p.field("key").or_else(|| p.field("field")),
            _ if crate::flow::is_function(p.kind()) => return false,
            _ => None,
        };
        if let Some(name) = name {
            const MORE: &[&str] = &[
                "preview",
                "placeholder",
                "example",
                "examples",
                "fixture",
                "fixtures",
            ];
            if literals::names_made_up(checker.text(name), MORE) {
                return true;
            }
            if matches!(
                p.kind(),
                "variable_declarator"
                    | "let_declaration"
                    | "const_item"
                    | "static_item"
                    | "assignment"
                    | "assignment_expression"
            ) {
                return false;
            }
        }
        n = p.up();
    }
    false
}

/// Whether the record literal `container` (summarised in `ctx`) is made-up data (a value says
/// so, or the name it is bound to does) or a staff member's record, not a patient's. The binding
/// and the staff fields are looked up only here, when a finding is about to be reported: walking
/// up from every record literal to its binding, and normalising every key of every record, would
/// cost every record literal of a scan.
pub(crate) fn is_made_up<'a>(
    checker: &Checker<'a>,
    container: Node<'a>,
    ctx: &RecordContext,
) -> bool {
    ctx.synthetic
        || is_staff_record(checker, container)
        || bound_to_made_up_name(checker, container)
}

/// A staff member's record: a field of its own (not of a nested record: a patient's insurance
/// entry may hold their employer's `employeeId`) that only staff records have (`staffId`,
/// `licenseNumber`, `npi`, `specialization`, `shift`), or a role that is not a patient's
/// (`role: 'ophthalmologist'`).
fn is_staff_record<'a>(checker: &Checker<'a>, container: Node<'a>) -> bool {
    fields(checker, container).into_iter().any(|(key, value)| {
        let norm: String = key
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        STAFF_KEYS.contains(&norm.as_str())
            || (matches!(norm.as_str(), "role" | "usertype" | "accounttype")
                && matches!(
                    literal_value(checker, value),
                    Some(Literal::Text(t)) if !names_a_patient_role(t)
                ))
    })
}

/// Summarises a record literal's fields.
pub(crate) fn record_context<'a>(checker: &Checker<'a>, container: Node<'a>) -> RecordContext {
    let mut ctx = RecordContext::default();
    let mut anchored = false;
    collect_fields(checker, container, 0, &mut ctx, &mut anchored);
    if !ctx.placeholder_name
        && ctx.identifiers.contains(&Kind::Name)
        && record_has_sample_name(checker, container)
    {
        ctx.placeholder_name = true;
    }
    if ctx.placeholder_name {
        ctx.identifiers.retain(|k| *k != Kind::Name);
    }
    anchored |= ctx.identifiers.contains(&Kind::Name);
    // Phone numbers, emails and dates under weaker keys count only next to a name or a strong
    // identifier (PHI_DOMAIN §3.6).
    if !anchored {
        ctx.identifiers.clear();
    }
    ctx
}

/// Whether a value sits in a patient record literal, directly or up to two records out
/// (`{ person: { birthdate, names: [{ givenName }] } }`).
pub(crate) fn in_patient_record<'a>(checker: &Checker<'a>, value: Node<'a>) -> bool {
    let mut node = value;
    for _ in 0..3 {
        let Some(c) = container_of(checker, node) else {
            return false;
        };
        if record_context(checker, c).is_patient_record() {
            return true;
        }
        node = if c.kind() == "argument_list" {
            c.up().unwrap_or(c)
        } else {
            c
        };
    }
    false
}

/// Nested record literals in a value: `{...}`, `[{...}]`.
fn nested_records(value: Node<'_>) -> Vec<Node<'_>> {
    match value.kind() {
        "dictionary" | "object" | "struct_expression" => vec![value],
        "array" | "list" | "array_expression" | "tuple" => {
            let mut cursor = value.walk();
            value
                .named_children(&mut cursor)
                .filter(|c| matches!(c.kind(), "dictionary" | "object" | "struct_expression"))
                .take(8)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Keys (lowercased, separators removed) only a staff member's record has.
const STAFF_KEYS: &[&str] = &[
    "staffid",
    "licensenumber",
    "licenseno",
    "npi",
    "npinumber",
    "deanumber",
    "specialization",
    "specialty",
    "shift",
];

/// A role value that makes an account a patient's (`patient`, `client`, `member`).
fn names_a_patient_role(role: &str) -> bool {
    let role = role.to_lowercase();
    ["patient", "client", "member", "guardian", "caregiver"]
        .iter()
        .any(|r| role.contains(r))
}

fn collect_fields<'a>(
    checker: &Checker<'a>,
    container: Node<'a>,
    depth: usize,
    ctx: &mut RecordContext,
    anchored: &mut bool,
) {
    for (key, value) in fields(checker, container) {
        if depth < 2 {
            for nested in nested_records(value) {
                collect_fields(checker, nested, depth + 1, ctx, anchored);
            }
        }
        let Some(lit) = literal_value(checker, value) else {
            continue;
        };
        if matches!(lit, Literal::Text(t) if literals::is_synthetic_marker(t)) {
            ctx.synthetic = true;
        }
        // A placeholder under any key that would name a person in a patient's record (`name:
        // "John Doe"` in a record that is not otherwise a patient's) marks the record as made up.
        let vocab = checker.file.flow.vocab();
        if matches!(lit, Literal::Text(t) if literals::is_placeholder_name(t))
            && vocab
                .classify_path(&[key], true)
                .is_some_and(|c| c.kind == Kind::Name)
        {
            ctx.placeholder_name = true;
            continue;
        }
        let Some(class) = classify_key(checker, key) else {
            continue;
        };
        // A vocabulary health term (0.6 and up), not a noun after a container
        // (`emergencyContactRelationship`).
        if class.kind == Kind::Health && class.score >= 0.6 {
            if let Literal::Text(t) = lit {
                if t.chars().any(char::is_alphanumeric) {
                    ctx.health = true;
                }
            }
            continue;
        }
        let strong_enough = class.score >= 0.8
            || matches!(
                class.kind,
                Kind::Phone | Kind::Email | Kind::Date | Kind::Name
            );
        let kind = match (class.kind, lit) {
            (Kind::HealthPlan, Literal::Text(t)) if !literals::find_mbis(t).is_empty() => {
                Some(Kind::HealthPlan)
            }
            // `John Doe` and `Local Given` identify nobody: drop every name of the record.
            (Kind::Name, Literal::Text(t)) if literals::is_placeholder_name(t) => {
                ctx.placeholder_name = true;
                None
            }
            (k, l) if k.is_identifier() && strong_enough && plausible(k, l) => Some(k),
            _ => None,
        };
        if let Some(k) = kind {
            *anchored |= class.score >= 0.8 && k != Kind::Name;
            if !ctx.identifiers.contains(&k) {
                ctx.identifiers.push(k);
            }
        }
    }
}

/// Full names of the example patients of published specifications (the FHIR specification's
/// `Peter James Chalmers`, `Amy V. Shaw`, `Henry Levin`, `Pieter van de Heuvel`; HL7's `Eve
/// Everywoman` and `Adam Everyman`): sample data every health developer copies, lowercased
/// with initials dropped. A published list, like the sample SSN and MBI, not one grown from a
/// repository.
const PUBLISHED_EXAMPLE_NAMES: &[&[&str]] = &[
    &["peter", "chalmers"],
    &["peter", "james", "chalmers"],
    &["jim", "chalmers"],
    &["amy", "shaw"],
    &["henry", "levin"],
    &["pieter", "van", "de", "heuvel"],
    &["eve", "everywoman"],
    &["adam", "everyman"],
];

/// Whether a name is known sample data rather than a person: the example patient of a
/// published specification ([`PUBLISHED_EXAMPLE_NAMES`]), or an alliterative first and last
/// name (`Patty Patient`, `Sally Sample`, `Bob Builder`), the usual shape of a joke name.
pub(crate) fn is_sample_name(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .filter(|w| w.chars().count() > 1)
        .collect();
    if PUBLISHED_EXAMPLE_NAMES
        .iter()
        .any(|n| n.len() == words.len() && n.iter().zip(&words).all(|(a, b)| a == b))
    {
        return true;
    }
    match words.as_slice() {
        [first, last] => {
            first.chars().count() >= 3
                && last.chars().count() >= 3
                && first.chars().next() == last.chars().next()
        }
        _ => false,
    }
}

/// Whether a record's name fields, read together (`given: "Peter"`, `family: "Chalmers"`),
/// make a sample name ([`is_sample_name`]).
fn record_has_sample_name<'a>(checker: &Checker<'a>, container: Node<'a>) -> bool {
    let mut parts: Vec<&str> = Vec::new();
    name_parts(checker, container, 0, &mut parts);
    parts.iter().any(|p| is_sample_name(p))
        || (parts.len() >= 2 && is_sample_name(&parts.join(" ")))
}

/// The literal name parts of a record, in order, looking into a FHIR-style name list
/// (`name: [{ given: ["Peter", "James"], family: "Chalmers" }]`) up to two levels down.
fn name_parts<'a>(
    checker: &Checker<'a>,
    container: Node<'a>,
    depth: usize,
    out: &mut Vec<&'a str>,
) {
    let vocab = checker.file.flow.vocab();
    for (key, value) in fields(checker, container) {
        if depth < 2 {
            for nested in nested_records(value) {
                name_parts(checker, nested, depth + 1, out);
            }
        }
        let names = vocab
            .classify_path(&[key], true)
            .is_some_and(|c| c.kind == Kind::Name);
        if !names || out.len() > 8 {
            continue;
        }
        match literal_value(checker, value) {
            Some(Literal::Text(t)) => out.push(t),
            _ if matches!(value.kind(), "array" | "list") => {
                let mut cursor = value.walk();
                for item in value.named_children(&mut cursor).take(4) {
                    if let Some(Literal::Text(t)) = literal_value(checker, item) {
                        out.push(t);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Words that make a map or object hold text about fields rather than their values: validation
/// errors (`errors.first_name = "This field is required"`,
/// `ValidationError({"first_name": "Required"})`), form labels, placeholders, hints and
/// translations.
const MESSAGE_WORDS: &[&str] = &[
    "error",
    "errors",
    "message",
    "messages",
    "msg",
    "msgs",
    "validation",
    "validations",
    "validator",
    "validators",
    "label",
    "labels",
    "placeholder",
    "placeholders",
    "hint",
    "hints",
    "help",
    "tooltip",
    "tooltips",
    "title",
    "titles",
    "caption",
    "captions",
    "translation",
    "translations",
    "i18n",
    "locale",
    "locales",
    "strings",
];

/// Whether a name (`form.errors`, `ValidationError`, `fieldLabels`) has a word of
/// [`MESSAGE_WORDS`].
pub(crate) fn names_messages(name: &str) -> bool {
    crate::phi::tokenize(name)
        .iter()
        .any(|w| MESSAGE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether a value under a PHI key is a message or label about that field: the key's receiver
/// (`errors.first_name`), the record literal's binding (`errors = {...}`) or the call it is
/// passed to (`ValidationError({...})`, `res.status(400).json({...})`, `Response({...},
/// status=400)`) says the map holds messages.
pub(crate) fn in_message_map<'a>(
    checker: &Checker<'a>,
    value: Node<'a>,
    receivers: &[&str],
) -> bool {
    if receivers.iter().any(|r| names_messages(r)) {
        return true;
    }
    let Some(container) = container_of(checker, value) else {
        return false;
    };
    if key_of(checker, container).is_some_and(names_messages) {
        return true;
    }
    // The call a record literal (or keyword-argument list) is passed to.
    let call = passed_to(container);
    let Some(call) = call.filter(|c| matches!(c.kind(), "call" | "call_expression")) else {
        return false;
    };
    let text = checker.text(call);
    let callee = call.field("function").map_or("", |f| checker.text(f));
    names_messages(callee.split('(').next().unwrap_or(callee))
        || [
            "status=4",
            "status = 4",
            "status(4",
            "status: 4",
            "status_code=4",
        ]
        .iter()
        .any(|p| text.contains(p))
}

/// The call a record literal (or keyword-argument list) is passed to, if any.
fn passed_to(container: Node<'_>) -> Option<Node<'_>> {
    if container.kind() == "argument_list" {
        container.parent()
    } else {
        container
            .parent()
            .filter(|p| matches!(p.kind(), "argument_list" | "arguments"))
            .and_then(|p| p.parent())
    }
}

/// Whether a name (`User`, `create_superuser`, `StaffMember`) names an account or a member of
/// the workforce and no patient-side record (`create_patient_user` is a patient's).
fn names_account(checker: &Checker<'_>, name: &str) -> bool {
    checker.file.flow.vocab().names_account(name)
}

/// Whether a record literal passed to a call belongs to an account or a staff member, by the
/// callee (`User(first_name=...)`, `User.objects.create_user(...)`, `Staff.create(...)`), as
/// `user.first_name` does.
pub(crate) fn owned_by_callee<'a>(checker: &Checker<'a>, value: Node<'a>) -> bool {
    let Some(container) = container_of(checker, value) else {
        return false;
    };
    let call = passed_to(container);
    let Some(callee) = call
        .filter(|c| matches!(c.kind(), "call" | "call_expression" | "new_expression"))
        .and_then(|c| c.field("function").or_else(|| c.field("constructor")))
    else {
        return false;
    };
    checker
        .text(callee)
        .split(['.', ':'])
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .any(|seg| names_account(checker, seg))
}

/// Whether a plain variable belongs to an account or a staff member, by the function that
/// builds it: `first_name = "Fred"` inside `def create_superuser(...)`.
pub(crate) fn owned_by_function<'a>(checker: &Checker<'a>, value: Node<'a>) -> bool {
    checker
        .file
        .flow
        .enclosing_function(value)
        .and_then(|f| f.field("name"))
        .is_some_and(|n| names_account(checker, checker.text(n)))
}

/// Whether a health plan identifier under a key that names its scheme has the scheme's shape:
/// an MBI under an `mbi` key (11 characters, letters and digits in their positions: one that
/// does not fit is synthetic, as CMS's test MBIs with an `S` in the second position are), a
/// HICN under a `hicn` key (nine digits and a one- or two-character suffix, or a railroad
/// number). `None` when the key names no such scheme.
pub(crate) fn fits_named_scheme(key: &str, value: &str) -> Option<bool> {
    let words: Vec<String> = crate::phi::tokenize(key)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect();
    let compact: String = value.chars().filter(|c| *c != '-' && *c != ' ').collect();
    if words.iter().any(|w| w == "mbi") {
        return Some(!literals::find_mbis(&compact).is_empty());
    }
    if words.iter().any(|w| w == "hicn") {
        let upper = compact.to_ascii_uppercase();
        let (digits, suffix) = upper.split_at(upper.len().min(9));
        let ssa = digits.len() == 9
            && digits.chars().all(|c| c.is_ascii_digit())
            && (1..=2).contains(&suffix.len())
            && suffix.starts_with(|c: char| c.is_ascii_uppercase())
            && suffix.chars().all(|c| c.is_ascii_alphanumeric());
        let letters = upper.chars().take_while(char::is_ascii_uppercase).count();
        let rest = &upper[letters..];
        let rrb = (1..=3).contains(&letters)
            && matches!(rest.len(), 6 | 9)
            && rest.chars().all(|c| c.is_ascii_digit());
        return Some(ssa || rrb);
    }
    None
}

/// Whether free text (a comment, a string) carries health context: a health term the shared
/// vocabulary knows, or a dotted ICD-10-CM code.
pub(crate) fn text_has_health(checker: &Checker<'_>, text: &str) -> bool {
    if literals::has_icd10_code(text) {
        return true;
    }
    let vocab = checker.file.flow.vocab();
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.len() >= 2)
        .take(200)
        .any(|w| {
            vocab
                .classify_name(w)
                .is_some_and(|c| c.kind == Kind::Health && c.score >= 0.5)
        })
}

/// Whether a value that is not a record field still sits in a record literal with a name or
/// health information (raises a lone identifier to error).
pub(crate) fn enclosing_record_context<'a>(
    checker: &Checker<'a>,
    node: Node<'a>,
) -> Option<RecordContext> {
    container_of(checker, node).map(|c| record_context(checker, c))
}
