//! PHI205 plaintext-phi-column.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts, Site};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags ORM model fields that hold a strong identifier (SSN, MRN, date of birth, phone,
    /// email, insurance member id, ...) in a plaintext column, in a codebase that already uses
    /// an encrypted field type elsewhere: Django `models.CharField/TextField/DateField/...`,
    /// SQLAlchemy `Column(String)`, `db.Column(db.String)` and `mapped_column(String)`, when
    /// the project also uses django-encrypted-model-fields (`EncryptedCharField`, ...),
    /// django-cryptography `encrypt(models.CharField(...))` or sqlalchemy-utils
    /// `StringEncryptedType` / `EncryptedType`.
    ///
    /// ## Why is this bad?
    /// A project that encrypts some columns has decided that field-level encryption is its
    /// safeguard for PHI at rest (45 CFR 164.312(a)(2)(iv)); a strong identifier left in a
    /// plain column next to them is usually an oversight, and it is exactly what a database
    /// dump, a replica or a support query exposes.
    ///
    /// ## Example
    /// ```python
    /// class Patient(models.Model):
    ///     notes = EncryptedTextField()
    ///     ssn = models.CharField(max_length=11)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// class Patient(models.Model):
    ///     notes = EncryptedTextField()
    ///     ssn = EncryptedCharField(max_length=11)
    /// ```
    ///
    /// ## Known limitations
    /// Projects that rely on database-level encryption (TDE, encrypted volumes) without any
    /// encrypted field type are not reported, because that encryption is invisible to the
    /// linter. Only Python ORMs are covered.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption)
    /// - CWE-312: Cleartext Storage of Sensitive Information
    pub PLAINTEXT_PHI_COLUMN = "PHI205" {
        name: "plaintext-phi-column",
        file: plaintext_phi_column,
        category: UnencryptedStorage,
        safeguards: [EncryptionAtRest],
        level: Warning,
        confidence: Medium,
        cwe: [312],
        queries: [python],
        check: check,
        project: project,
        prefilter: crate::rules::Prefilter::PhiOr(&["encrypted", "encrypt", "encryptedtype", "stringencryptedtype"]),
    }
}

/// A model field stored in plaintext that holds a strong identifier.
struct PlainColumn {
    site: Site,
    field: String,
    kind: &'static str,
    field_type: String,
    score: f32,
}

/// Evidence that the project uses an encrypted field type.
struct EncryptedFieldInUse;

const PLAIN_TYPES: &[&str] = &[
    "CharField",
    "TextField",
    "DateField",
    "DateTimeField",
    "EmailField",
    "IntegerField",
    "BigIntegerField",
    "String",
    "Text",
    "Date",
    "DateTime",
    "Unicode",
    "UnicodeText",
    "Integer",
    "BigInteger",
];

fn is_encrypted_type(text: &str) -> bool {
    let head = text.split('(').next().unwrap_or(text);
    let last = head.rsplit('.').next().unwrap_or(head);
    last.starts_with("Encrypted")
        || last == "StringEncryptedType"
        || last == "encrypt"
        || last == "PGPStringField"
        || last == "PGPSymmetricKeyField"
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(key), Some(value)) = (m.get("sink"), m.get("key"), m.get("value")) else {
        return;
    };
    // Only fields declared in a class body.
    let in_class = sink.up().and_then(|p| p.up()).is_some_and(|b| {
        b.kind() == "block" && b.up().is_some_and(|c| c.kind() == "class_definition")
    });
    if !in_class {
        return;
    }
    let value_text = checker.text(value);
    let callee = value
        .field("function")
        .map(|f| checker.text(f))
        .unwrap_or("");
    if is_encrypted_type(callee) || value_text.contains("EncryptedType(") {
        checker.fact(EncryptedFieldInUse);
        return;
    }
    let callee_last = callee.rsplit('.').next().unwrap_or(callee);
    // `models.CharField(...)`, or `Column(String(11))` / `mapped_column(String)`.
    let field_type = if PLAIN_TYPES.contains(&callee_last) && callee.contains("models.") {
        callee_last.to_string()
    } else if matches!(callee_last, "Column" | "mapped_column") {
        let Some(first) = value.field("arguments").and_then(|a| a.named_child(0)) else {
            return;
        };
        let t = checker.text(first);
        let t = t.split('(').next().unwrap_or(t);
        let t = t.rsplit('.').next().unwrap_or(t);
        if !PLAIN_TYPES.contains(&t) {
            return;
        }
        format!("{callee_last}({t})")
    } else {
        return;
    };
    let field = checker.text(key);
    let Some(class) = checker.file.flow.vocab().classify_name(field) else {
        return;
    };
    if !class.is_strong_identifier() {
        return;
    }
    let site = checker.site(key, sink);
    let mut score = class.score;
    if checker.file.is_test_path() {
        score *= 0.5;
    }
    checker.fact(PlainColumn {
        site,
        field: field.to_string(),
        kind: class.kind.describe(),
        field_type,
        score,
    });
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    if p.of::<EncryptedFieldInUse>().next().is_none() {
        return Vec::new();
    }
    p.of::<PlainColumn>()
        .map(|(_, c)| {
            c.site.diagnostic(
                p.rule,
                format!(
                    "model field `{}` ({}) is stored in a plaintext `{}` column while the project encrypts other fields",
                    c.field, c.kind, c.field_type
                ),
                Level::Warning,
                Confidence::from_score(c.score).min(Confidence::Medium),
            )
        })
        .collect()
}
