//! PHI205 plaintext-phi-column.

use std::collections::HashMap;

use tree_sitter::Node;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts, Site};
use crate::phi::Kind;
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
    /// `StringEncryptedType` / `EncryptedType` (directly or through a helper of the same file,
    /// `Column(_enc(String))` with `def _enc(t): return StringEncryptedType(t, key)`); and
    /// TypeORM / MikroORM entities (`@Column() mrn: string`) when another column has an
    /// encrypting `transformer` (`@Column({ transformer: encrypted })`).
    ///
    /// Within a model that encrypts some of its own columns, every other plaintext PHI column
    /// (health data such as `diagnosis_codes` or `discharge_summary`, names, contact details)
    /// is reported, not only strong identifiers: the model's authors decided its PHI is
    /// encrypted at the field level.
    ///
    /// The same holds within one record literal: a Python dict or JavaScript object (a DynamoDB
    /// item, a Mongo document, a knex `insert({...})`, a Drizzle `pgTable` or Sequelize `define`
    /// schema) in which some PHI fields go through an encrypting call (`fernet.encrypt(..)`,
    /// `seal(..)`, `_enc(..)`, a `sealedText("ssn")` column helper) and other PHI fields do not.
    /// Hashes, fingerprints and lookup columns beside the ciphertext are not reported.
    ///
    /// Any other ORM's model is judged by its own fields: a Pony `db.Entity`, peewee, Tortoise
    /// or mongoengine class, a Lucid (`@column()`), LoopBack (`@model()`/`@property()`),
    /// Sequelize-typescript or Mongoose (`@Prop()`) class, or a Rust struct deriving or
    /// annotated for SeaORM, diesel or sqlx (`DeriveEntityModel`, `#[diesel(table_name)]`,
    /// `FromRow`) that seals some of its fields (`ssn_sealed`, `chartNotesEncrypted`,
    /// `@column(sealed)`) and keeps clinical fields or an SSN in plaintext beside them is
    /// reported per field. Names, birth dates, record numbers and contact details kept in the
    /// clear there are how rows are found, and flags (`bool`) are no PHI value.
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
    /// A column is PHI when its model is patient-side: named as a PHI record (`Patient`,
    /// `Member`, `Claim`), holding health data or an identifier other than contact details
    /// (`diagnosis`, `ssn`, `mrn`, `date_of_birth`), or pointing at such a model by a foreign
    /// key; an abstract model or mixin it inherits from counts too. Contact fields of other
    /// models (an organisation's phone, a supplier's email) are low confidence. Fields of an
    /// abstract model or mixin (`PhoneMixin`) are judged by the concrete models that use it:
    /// reported when one of them is patient-side, not when all of them are organisations, and
    /// low confidence when no user is seen.
    ///
    /// ## Known limitations
    /// Projects that rely on database-level encryption (TDE, encrypted volumes) without any
    /// encrypted field type are not reported, because that encryption is invisible to the
    /// linter. Object-style schemas are covered only through the record-literal check above (not
    /// Prisma). Django, SQLAlchemy, TypeORM and MikroORM models are matched by class name across
    /// the project; the other ORMs' models are judged within their own declaration.
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
        queries: [python, ecma, typescript, rust],
        check: check,
        project: project,
        facts: FACTS,
        prefilter: crate::rules::Prefilter::PhiOr(&["encrypted", "encrypt", "encryptedtype", "stringencryptedtype", "mixin", "abstract", "transformer", "column"]),
    }
}

/// The facts as the facts cache keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
enum Cached {
    Column {
        site: crate::engine::SiteData,
        field: String,
        kind: String,
        field_type: String,
        score: f32,
        class: String,
        strong: bool,
    },
    Class {
        name: String,
        bases: Vec<String>,
        is_abstract: bool,
        patient_side: bool,
    },
    Encrypted {
        class: String,
    },
}

const FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, _| {
        let cached = if let Some(c) = fact.downcast_ref::<PlainColumn>() {
            Cached::Column {
                site: c.site.data(),
                field: c.field.clone(),
                kind: c.kind.to_string(),
                field_type: c.field_type.clone(),
                score: c.score,
                class: c.class.clone(),
                strong: c.strong,
            }
        } else if let Some(c) = fact.downcast_ref::<ModelClass>() {
            Cached::Class {
                name: c.name.clone(),
                bases: c.bases.clone(),
                is_abstract: c.is_abstract,
                patient_side: c.patient_side,
            }
        } else {
            Cached::Encrypted {
                class: fact.downcast_ref::<EncryptedFieldInUse>()?.class.clone(),
            }
        };
        postcard::to_allocvec(&cached).ok()
    },
    decode: |bytes, path, _| {
        Some(match postcard::from_bytes(bytes.bytes()).ok()? {
            Cached::Column {
                site,
                field,
                kind,
                field_type,
                score,
                class,
                strong,
            } => Box::new(PlainColumn {
                site: Site::from_data(site, path),
                field,
                kind: crate::intern::intern(&kind),
                field_type,
                score,
                class,
                strong,
            }),
            Cached::Class {
                name,
                bases,
                is_abstract,
                patient_side,
            } => Box::new(ModelClass {
                name,
                bases,
                is_abstract,
                patient_side,
            }),
            Cached::Encrypted { class } => Box::new(EncryptedFieldInUse { class }),
        })
    },
};

/// A model field stored in plaintext that holds PHI.
struct PlainColumn {
    site: Site,
    field: String,
    kind: &'static str,
    field_type: String,
    score: f32,
    /// The class declaring it.
    class: String,
    /// A strong identifier (reported in any model of a project that encrypts fields); other
    /// PHI is reported only in a model that encrypts some of its own fields.
    strong: bool,
}

/// A class that declares model fields: what it inherits from, whether it is abstract (a mixin,
/// `class Meta: abstract = True`, `__abstract__ = True`), and whether its own content makes it
/// patient-side.
struct ModelClass {
    name: String,
    bases: Vec<String>,
    is_abstract: bool,
    patient_side: bool,
}

/// Evidence that the project uses an encrypted field type, in the model class named.
struct EncryptedFieldInUse {
    class: String,
}

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

/// The class a field assignment is declared in.
fn declaring_class(sink: Node<'_>) -> Option<Node<'_>> {
    sink.parent()
        .and_then(|p| p.parent())
        .filter(|b| b.kind() == "block")
        .and_then(|b| b.parent())
        .filter(|c| c.kind() == "class_definition")
}

/// Summarises a class for the project pass ([`ModelClass`]).
fn model_class<'a>(checker: &Checker<'a>, class: Node<'a>) -> Option<ModelClass> {
    let name = checker.text(class.field("name")?).to_string();
    let bases: Vec<String> = class
        .field("superclasses")
        .map(|b| {
            let mut c = b.walk();
            b.named_children(&mut c)
                .filter(|n| matches!(n.kind(), "identifier" | "attribute"))
                .map(|n| {
                    let t = checker.text(n);
                    t.rsplit('.').next().unwrap_or(t).to_string()
                })
                .collect()
        })
        .unwrap_or_default();
    let vocab = checker.file.flow.vocab();
    let body = class.field("body")?;
    let body_text = checker.text(body);
    let is_abstract = name.ends_with("Mixin")
        || bases.is_empty()
        || bases.iter().all(|b| b == "object")
        || body_text.contains("__abstract__ = True")
        || (body_text.contains("class Meta") && body_text.contains("abstract = True"));
    let mut patient_side = vocab.type_is_record(&name);
    let mut c = body.walk();
    for stmt in body.named_children(&mut c) {
        if patient_side {
            break;
        }
        let Some(asg) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
            continue;
        };
        let (Some(left), Some(right)) = (asg.field("left"), asg.field("right")) else {
            continue;
        };
        let right_text = checker.text(right);
        // A foreign key to a PHI record: `patient = models.ForeignKey(Patient, ...)`,
        // `relationship("Patient")`.
        let callee = right
            .field("function")
            .map(|f| checker.text(f))
            .unwrap_or("");
        let callee_last = callee.rsplit('.').next().unwrap_or(callee);
        if matches!(
            callee_last,
            "ForeignKey" | "OneToOneField" | "ManyToManyField" | "relationship"
        ) || right_text.contains("ForeignKey(")
        {
            let target = right
                .field("arguments")
                .and_then(|a| a.named_child(0))
                .map(|t| checker.text(t).trim_matches(['"', '\'']))
                .unwrap_or("");
            let target = target.rsplit('.').next().unwrap_or(target);
            patient_side = vocab.type_is_record(target);
            continue;
        }
        let Some(class) = vocab.classify_name(checker.text(left)) else {
            continue;
        };
        patient_side = (class.kind == Kind::Health && class.score >= 0.6)
            || (class.is_strong_identifier() && !is_contact(class.kind));
    }
    Some(ModelClass {
        name,
        bases,
        is_abstract,
        patient_side,
    })
}

/// Contact details: what an organisation's record has too (a supplier's phone, a clinic's
/// email and address, a contact person's name).
fn is_contact(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Name | Kind::Phone | Kind::Email | Kind::Address | Kind::Url | Kind::Ip
    )
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else {
        return;
    };
    // `class Shipper(PhoneMixin, models.Model): ...`: who inherits from whom.
    if sink.kind() == "class_definition" {
        if let Some(info) = model_class(checker, sink) {
            checker.fact(info);
        }
        sealed_model(checker, sink);
        return;
    }
    if matches!(
        sink.kind(),
        "class_declaration" | "class" | "abstract_class_declaration" | "struct_item"
    ) {
        sealed_model(checker, sink);
        return;
    }
    if sink.kind() == "public_field_definition" {
        entity_field(checker, m, sink);
        return;
    }
    if matches!(sink.kind(), "dictionary" | "object") {
        mixed_record(checker, m, sink);
        return;
    }
    let (Some(key), Some(value)) = (m.get("key"), m.get("value")) else {
        return;
    };
    // Only fields declared in a class body.
    let in_class = sink.up().and_then(|p| p.up()).is_some_and(|b| {
        b.kind() == "block" && b.up().is_some_and(|c| c.kind() == "class_definition")
    });
    if !in_class {
        return;
    }
    let owner = declaring_class(sink)
        .and_then(|c| c.field("name"))
        .map(|n| checker.text(n).to_string())
        .unwrap_or_default();
    let value_text = checker.text(value);
    let callee = value
        .field("function")
        .map(|f| checker.text(f))
        .unwrap_or("");
    let callee_last = callee.rsplit('.').next().unwrap_or(callee);
    let first_arg = value.field("arguments").and_then(|a| a.named_child(0));
    // `Column(_enc(String(120)))`: a helper of this file that wraps an encrypted type.
    let wrapped = matches!(callee_last, "Column" | "mapped_column")
        && first_arg.is_some_and(|a| encrypting_helper(checker, a));
    if is_encrypted_type(callee) || value_text.contains("EncryptedType(") || wrapped {
        checker.fact(EncryptedFieldInUse { class: owner });
        return;
    }
    // `models.CharField(...)`, or `Column(String(11))` / `mapped_column(String)`.
    let field_type = if PLAIN_TYPES.contains(&callee_last) && callee.contains("models.") {
        callee_last.to_string()
    } else if matches!(callee_last, "Column" | "mapped_column") {
        let Some(first) = first_arg else {
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
    plain_column(checker, key, sink, field_type, owner);
}

/// Records a plaintext column named `key` holding PHI, declared in class `owner`.
fn plain_column<'a>(
    checker: &mut Checker<'a>,
    key: Node<'a>,
    sink: Node<'a>,
    field_type: String,
    owner: String,
) {
    let field = checker.text(key);
    let Some(class) = checker.file.flow.vocab().classify_name(field) else {
        return;
    };
    // A digest or masked copy (`ssn_digest`, `phone_last4`) is what encryption leaves behind.
    if class.masked || class.kind == Kind::InternalId {
        return;
    }
    let strong = class.is_strong_identifier();
    if !strong && class.score < 0.6 {
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
        class: owner,
        strong,
    });
}

/// Whether `arg` calls a function of this file whose body builds an encrypted column type:
/// `def _enc(type_): return StringEncryptedType(type_, KEY, AesGcmEngine)`.
fn encrypting_helper<'a>(checker: &Checker<'a>, arg: Node<'a>) -> bool {
    if arg.kind() != "call" {
        return false;
    }
    let Some(name) = arg.field("function").filter(|f| f.kind() == "identifier") else {
        return false;
    };
    let Some(def) = checker.file.flow.function_named(checker.text(name)) else {
        return false;
    };
    let body = checker.text(def);
    body.contains("EncryptedType(") || body.contains("Encrypted") && body.contains("return")
}

/// A TypeORM or MikroORM entity field: `@Column() mrn: string`, or one whose column has an
/// encrypting transformer (`@Column({ transformer: encrypted })`).
fn entity_field<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(key), Some(decorator)) = (m.get("key"), m.get("attribute")) else {
        return;
    };
    let entity = crate::rules::session_timeout::imports_package(checker, "typeorm")
        || crate::rules::session_timeout::imports_package(checker, "@mikro-orm");
    if !entity {
        return;
    }
    let owner = sink
        .up()
        .and_then(|b| b.up())
        .filter(|c| {
            matches!(
                c.kind(),
                "class_declaration" | "class" | "abstract_class_declaration"
            )
        })
        .and_then(|c| c.field("name"))
        .map(|n| checker.text(n).to_string())
        .unwrap_or_default();
    let options = m.get("args").map(|a| checker.text(a)).unwrap_or("");
    // MikroORM `@Property({ type: EncryptedString })`, a custom column type that encrypts.
    let column_type = options
        .split("type")
        .nth(1)
        .map(|t| t.get(..t.len().min(60)).unwrap_or(t).to_ascii_lowercase());
    if column_type.is_some_and(|t| {
        let t = t.trim_start_matches([':', ' ']);
        let word: String = t
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        names_encryption(&word)
    }) {
        checker.fact(EncryptedFieldInUse { class: owner });
        return;
    }
    if let Some(transformer) = options.split("transformer").nth(1) {
        let t = transformer
            .get(..transformer.len().min(80))
            .unwrap_or(transformer);
        let lower = t.to_ascii_lowercase();
        if names_encryption(&lower) || lower.contains("aes") || lower.contains("kms") {
            checker.fact(EncryptedFieldInUse { class: owner });
        }
        // Any other transformer may encode the value: not judged.
        return;
    }
    let dec = checker.text(decorator);
    plain_column(checker, key, sink, format!("@{dec}"), owner);
}

/// The project's model classes by name: one definition that is patient-side makes the name
/// patient-side; one that is concrete makes it concrete.
struct Models<'a> {
    by_name: HashMap<&'a str, (bool, bool, Vec<&'a str>)>,
}

impl<'a> Models<'a> {
    fn new(p: &'a ProjectFacts<'_>) -> Models<'a> {
        let mut by_name: HashMap<&'a str, (bool, bool, Vec<&'a str>)> = HashMap::new();
        for (_, m) in p.of::<ModelClass>() {
            let e = by_name
                .entry(m.name.as_str())
                .or_insert((true, false, Vec::new()));
            e.0 &= m.is_abstract;
            e.1 |= m.patient_side;
            e.2.extend(m.bases.iter().map(String::as_str));
        }
        Models { by_name }
    }

    fn is_abstract(&self, name: &str) -> bool {
        self.by_name.get(name).is_some_and(|e| e.0)
    }

    /// Patient-side by its own content or by an abstract model or mixin it inherits from.
    fn patient_side(&self, name: &str, depth: usize) -> bool {
        let Some((_, own, bases)) = self.by_name.get(name) else {
            return false;
        };
        *own || (depth < 6
            && bases
                .iter()
                .any(|b| self.is_abstract(b) && self.patient_side(b, depth + 1)))
    }

    /// The concrete models that inherit from `name`, directly or through other abstract ones.
    fn concrete_users(&self, name: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut queue = vec![name];
        let mut seen = std::collections::HashSet::new();
        while let Some(n) = queue.pop() {
            if !seen.insert(n) || seen.len() > 256 {
                continue;
            }
            for (model, (is_abstract, _, bases)) in &self.by_name {
                if bases.contains(&n) {
                    if *is_abstract {
                        queue.push(model);
                    } else {
                        out.push(*model);
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    if p.of::<EncryptedFieldInUse>().next().is_none() {
        return Vec::new();
    }
    let encrypting: std::collections::HashSet<&str> = p
        .of::<EncryptedFieldInUse>()
        .map(|(_, e)| e.class.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    let models = Models::new(p);
    p.of::<PlainColumn>()
        .filter_map(|(_, c)| {
            let own_model_encrypts = encrypting.contains(c.class.as_str());
            if !c.strong {
                // Other PHI: only beside encrypted fields of its own model.
                if !own_model_encrypts {
                    return None;
                }
                let confidence = Confidence::from_score(c.score).min(Confidence::Medium);
                let message = format!(
                    "model field `{}` ({}) is stored in a plaintext `{}` column while other fields of `{}` are encrypted",
                    c.field, c.kind, c.field_type, c.class
                );
                return Some(c.site.diagnostic(p.rule, message, Level::Warning, confidence));
            }
            let mut confidence = Confidence::from_score(c.score).min(Confidence::Medium);
            let mut message = format!(
                "model field `{}` ({}) is stored in a plaintext `{}` column while the project encrypts other fields",
                c.field, c.kind, c.field_type
            );
            if own_model_encrypts {
                // Its own model encrypts other fields: patient-side whatever its name says.
            } else if models.is_abstract(&c.class) {
                // A mixin's field is as patient-side as the models that use it.
                let users = models.concrete_users(&c.class);
                match users.iter().find(|u| models.patient_side(u, 0)) {
                    Some(user) => message.push_str(&format!(" (inherited by `{user}`)")),
                    None if users.is_empty() => confidence = Confidence::Low,
                    None => return None,
                }
            } else if !models.patient_side(&c.class, 0) {
                confidence = Confidence::Low;
            }
            Some(c.site.diagnostic(p.rule, message, Level::Warning, confidence))
        })
        .collect()
}

/// Whether a record field's value is encrypted: a call whose callee names encryption
/// (`fernet.encrypt(...)`, `seal(...)`, `_enc({...})`, Drizzle / Sequelize column helpers such as
/// `sealedText("ssn")` or `encryptedString("ssn")`), awaited or not.
fn encrypting_value(text: &dyn Fn(Node<'_>) -> String, value: Node<'_>) -> bool {
    let mut node = value;
    // Bounded: `await (x)` nests a few levels at most.
    for _ in 0..8 {
        match node.kind() {
            "await" | "await_expression" | "parenthesized_expression" => {
                match node.named_child(0) {
                    Some(inner) => node = inner,
                    None => return false,
                }
            }
            _ => break,
        }
    }
    if !matches!(node.kind(), "call" | "call_expression") {
        return false;
    }
    let Some(function) = node.field("function") else {
        return false;
    };
    let callee = text(function).to_ascii_lowercase();
    // The flow's list of encrypting and revealing callees, then what only field-level column
    // helpers are named (`_enc({...})`, `crypt(...)`, `cipherText(...)`, `open(box)`).
    if callee.contains("open") {
        return false;
    }
    // The callee, or the column helper a chain starts with (`sealedText("mrn").notNull()`).
    let head = callee.split('(').next().unwrap_or(&callee);
    if let Some(encrypts) =
        crate::flow::callee_encryption(&callee).or_else(|| crate::flow::callee_encryption(head))
    {
        return encrypts;
    }
    let last = head.rsplit('.').next().unwrap_or(head);
    callee.contains("cipher") || matches!(last.trim_start_matches('_'), "enc" | "crypt")
}

/// Whether a plaintext value is only what encryption leaves behind or no value at all: a
/// literal, a hash, fingerprint or masked copy.
fn derived_or_literal(text: &dyn Fn(Node<'_>) -> String, value: Node<'_>) -> bool {
    if crate::flow::is_literal(value.kind()) || crate::flow::is_string(value.kind()) {
        return true;
    }
    if !matches!(value.kind(), "call" | "call_expression") {
        return false;
    }
    let callee = value
        .field("function")
        .map(|f| text(f).to_ascii_lowercase())
        .unwrap_or_default();
    [
        "hash",
        "digest",
        "hmac",
        "fingerprint",
        "mask",
        "last4",
        "token",
        "blind",
    ]
    .iter()
    .any(|w| callee.contains(w))
}

/// A record literal that encrypts some of its PHI and keeps other PHI in plaintext: a
/// document or item about to be stored (`{"subject": _enc(subject), "diagnosis_codes":
/// dto["icd10"]}`, a knex `insert({...})`), or an object-style schema (Drizzle `pgTable`,
/// Sequelize `define`) whose identifiers use an encrypting column helper beside a plain
/// `text("allergies")`. The authors decided this record's PHI is encrypted at the field level;
/// the plaintext field is the oversight.
fn mixed_record<'a>(checker: &mut Checker<'a>, m: &Match<'a>, record: Node<'a>) {
    let Some(enc) = m.get("callee") else {
        return;
    };
    let source = checker.file.source;
    let text = |n: Node<'_>| source.get(n.byte_range()).unwrap_or("").to_string();
    let vocab = checker.file.flow.vocab();
    let mut pairs = Vec::new();
    let mut cursor = record.walk();
    for pair in record.named_children(&mut cursor) {
        if pair.kind() != "pair" {
            continue;
        }
        let (Some(key), Some(value)) = (pair.field("key"), pair.field("value")) else {
            continue;
        };
        let Some(name) = crate::flow::key_text(checker.text(key), key.kind()) else {
            continue;
        };
        pairs.push((pair, key, name, value, encrypting_value(&text, value)));
        if pairs.len() > 512 {
            return;
        }
    }
    // One report per record: only the match on its first encrypted field goes on.
    let Some(first) = pairs.iter().find(|p| p.4) else {
        return;
    };
    if !(first.0.start_byte() <= enc.start_byte() && enc.end_byte() <= first.0.end_byte()) {
        return;
    }
    // The encrypted fields must hold PHI themselves.
    // The encrypted fields must hold PHI themselves: by their name, or by what is encrypted
    // (`"subject": _enc({"name": ..., "dob": ...})`).
    let encrypts_phi = pairs.iter().any(|(_, _, name, value, encrypted)| {
        *encrypted
            && (vocab
                .classify_name(name)
                .is_some_and(|c| c.kind != Kind::InternalId)
                || encrypted_argument(*value).is_some_and(|a| {
                    checker
                        .phi(a, crate::flow::Purpose::Storage)
                        .is_some_and(|e| e.class.kind != Kind::InternalId)
                }))
    });
    if !encrypts_phi {
        return;
    }
    let encrypted: Vec<&str> = pairs
        .iter()
        .filter(|p| p.4)
        .map(|p| p.2)
        .filter(|n| n.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .take(1)
        .collect();
    for (pair, key, name, value, is_encrypted) in &pairs {
        if *is_encrypted || derived_or_literal(&text, *value) {
            continue;
        }
        if !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        // What encryption leaves behind in the clear: `ssnFingerprint`, `mrn_hash`,
        // `email_lookup`, `phone_last4`, a ciphertext's `iv`, or the encrypted copy itself.
        let derived = derived_name(name);
        if derived {
            continue;
        }
        // The record is patient-side: it encrypts PHI.
        let Some(class) = vocab.classify_path(&[name], true) else {
            continue;
        };
        if class.masked || class.kind == Kind::InternalId {
            continue;
        }
        if !class.is_strong_identifier() && class.score < 0.6 {
            continue;
        }
        let beside = match encrypted.first() {
            Some(e) => format!(" beside the encrypted `{e}`"),
            None => String::new(),
        };
        let message = format!(
            "record field `{name}` ({}) is stored in plaintext{beside}: the same record encrypts its other PHI",
            class.kind.describe()
        );
        let confidence = Confidence::from_score(class.score).min(Confidence::Medium);
        checker.report(*key, *pair, message, Level::Warning, confidence);
    }
}

/// Whether a field name says it holds what encryption leaves behind in the clear
/// (`ssnFingerprint`, `mrn_hash`, `email_lookup`, `phone_last4`, a ciphertext's `iv`), the
/// encrypted copy itself (`ssn_sealed`, `notesEncrypted`), or no PHI value (`status`, `type`,
/// `created_at`, `updated_by`).
fn derived_name(name: &str) -> bool {
    crate::phi::tokenize(name).iter().any(|t| {
        matches!(
            t.to_ascii_lowercase().as_str(),
            "hash"
                | "hashed"
                | "digest"
                | "fingerprint"
                | "hmac"
                | "blind"
                | "index"
                | "lookup"
                | "last4"
                | "masked"
                | "mask"
                | "token"
                | "enc"
                | "encrypted"
                | "sealed"
                | "cipher"
                | "ciphertext"
                | "iv"
                | "nonce"
                | "tag"
                | "key"
                | "count"
                | "status"
                | "type"
                | "at"
                | "by"
        )
    })
}

/// Whether a Django or SQLAlchemy field declaration (`EncryptedCharField`, `models.X`,
/// `Column(..)`) is one the per-field check judges.
fn judged_model(callee: &str) -> bool {
    let last = callee.rsplit('.').next().unwrap_or(callee);
    callee.starts_with("models.")
        || last.starts_with("Encrypted")
        || matches!(
            last,
            "Column" | "mapped_column" | "encrypt" | "StringEncryptedType"
        )
}

/// Whether lowercase text names encryption (`crypt`, `cipher`, `seal`): an encrypting column
/// type or transformer (`EncryptedString`, `transformer: encrypted`) or a decorator option
/// (`@column(sealed)`). The one word list this rule's encryption checks share.
fn names_encryption(lower: &str) -> bool {
    ["crypt", "cipher", "seal"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether a field name says it holds ciphertext: `ssn_sealed`, `chartNotesEncrypted`,
/// `encrypted_dob`, `phone_cipher`, `notes_enc`.
fn ciphertext_named(name: &str) -> bool {
    crate::phi::tokenize(name).iter().any(|t| {
        matches!(
            t.to_ascii_lowercase().as_str(),
            "sealed" | "encrypted" | "enc" | "cipher" | "ciphertext" | "ciphered"
        )
    })
}

/// One field of a model declaration: its name node, the node to report, what declares it
/// (`Optional(LongStr)`, `@column()`, `Option<String>`), and whether that declaration
/// encrypts it (`@column(sealed)`, `@column({ prepare: encrypt })`).
struct ModelField<'a> {
    key: Node<'a>,
    node: Node<'a>,
    declared: String,
    encrypted: bool,
}

/// A persisted model of any ORM, by its shape: a Python class whose base or field declarations
/// are an ORM's (Pony `db.Entity` with `Required(str)`, peewee, Tortoise, mongoengine, SQLModel),
/// a TypeScript class decorated or built as an entity (Lucid `@column()`, LoopBack `@model()` /
/// `@property()`, Sequelize-typescript, Mongoose `@Prop()`), or a Rust struct deriving or
/// annotated for an ORM (SeaORM `DeriveEntityModel`, diesel, sqlx `FromRow`), whose own fields
/// include ciphertext (`ssn_sealed`, an encrypting column option): its authors encrypt PHI at
/// the field level, so its clinical fields and SSNs kept in plaintext are reported, once per
/// field, in this file. Models with an encrypted field type of Django or SQLAlchemy, and
/// TypeORM and MikroORM columns, are left to the per-field checks.
fn sealed_model<'a>(checker: &mut Checker<'a>, class: Node<'a>) {
    let Some(name) = class.field("name").map(|n| checker.text(n).to_string()) else {
        return;
    };
    let Some(body) = class.field("body") else {
        return;
    };
    let source: &'a str = checker.file.source;
    let text = |n: Node<'a>| -> &'a str { source.get(n.byte_range()).unwrap_or("") };
    // Most models seal nothing: one search of the declaration's text before any field is read
    // (case by case rather than on a lowercased copy: no allocation per class; the same words
    // as `names_encryption`, with `_enc`/`Enc` for `notes_enc`, `phoneEnc`).
    let body_text = text(body);
    let marks = [
        "seal", "Seal", "crypt", "Crypt", "cipher", "Cipher", "_enc", "Enc",
    ];
    if !marks.iter().any(|m| body_text.contains(m)) {
        return;
    }
    let mut fields: Vec<ModelField<'a>> = Vec::new();
    let mut orm = false;
    let mut cursor = body.walk();
    let members: Vec<Node<'a>> = body.named_children(&mut cursor).take(400).collect();
    match class.kind() {
        "class_definition" => {
            let bases = class.field("superclasses").map_or("", text);
            orm = bases
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .any(|b| {
                    let last = b.rsplit('.').next().unwrap_or(b);
                    matches!(last, "Entity" | "Document" | "SQLModel" | "DeclarativeBase")
                        || (last == "Model" && b.contains('.'))
                });
            for stmt in members {
                let Some(asg) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                    continue;
                };
                let (Some(key), Some(value)) = (asg.field("left"), asg.field("right")) else {
                    continue;
                };
                if key.kind() != "identifier" || value.kind() != "call" {
                    continue;
                }
                let callee = value.field("function").map_or("", text);
                let last = callee.rsplit('.').next().unwrap_or(callee);
                orm |= matches!(last, "Required" | "Optional" | "PrimaryKey" | "Set")
                    || (last.ends_with("Field") && callee.contains('.'));
                let declared = text(value);
                let declared = declared.get(..declared.len().min(60)).unwrap_or(declared);
                let encrypted = is_encrypted_type(callee) || declared.contains("Encrypted");
                // A Django or SQLAlchemy model with an encrypted field type is judged by the
                // per-field check, which knows the project's encrypted types.
                if encrypted && judged_model(callee) {
                    return;
                }
                fields.push(ModelField {
                    key,
                    node: stmt,
                    declared: declared.to_string(),
                    encrypted,
                });
            }
        }
        "class_declaration" | "class" | "abstract_class_declaration" => {
            // TypeORM and MikroORM fields are judged per field (`entity_field`).
            let typeorm = crate::rules::session_timeout::imports_package(checker, "typeorm")
                || crate::rules::session_timeout::imports_package(checker, "@mikro-orm");
            let heritage = class
                .named_children(&mut class.walk())
                .find(|c| c.kind() == "class_heritage")
                .map_or("", text);
            orm = ["BaseModel", "Entity", "Model"]
                .iter()
                .any(|b| heritage.contains(b));
            for d in class
                .named_children(&mut class.walk())
                .filter(|c| c.kind() == "decorator")
            {
                let d = text(d);
                orm |= ["@Entity", "@model", "@Table", "@Schema"]
                    .iter()
                    .any(|p| d.starts_with(p));
            }
            for member in members {
                if member.kind() != "public_field_definition" {
                    continue;
                }
                let Some(key) = member.field("name") else {
                    continue;
                };
                let mut c = member.walk();
                let decorators: Vec<&str> = member
                    .children_by_field_name("decorator", &mut c)
                    .map(text)
                    .collect();
                let Some(decorator) = decorators.iter().find(|d| {
                    [
                        "@column",
                        "@property",
                        "@Column",
                        "@Property",
                        "@Prop",
                        "@Field",
                    ]
                    .iter()
                    .any(|p| d.starts_with(p))
                }) else {
                    continue;
                };
                orm = true;
                if typeorm
                    && (decorator.starts_with("@Column") || decorator.starts_with("@Property"))
                {
                    continue;
                }
                let encrypted = names_encryption(&decorator.to_ascii_lowercase());
                let declared = decorator
                    .get(..decorator.len().min(60))
                    .unwrap_or(decorator);
                fields.push(ModelField {
                    key,
                    node: member,
                    declared: declared.to_string(),
                    encrypted,
                });
            }
        }
        "struct_item" => {
            // The attributes before the struct: `#[derive(DeriveEntityModel)]`,
            // `#[sea_orm(table_name = "patients")]`, `#[diesel(table_name = ..)]`.
            let mut prev = class.prev_named_sibling();
            for _ in 0..8 {
                let Some(p) = prev.filter(|p| p.kind() == "attribute_item") else {
                    break;
                };
                let a = text(p);
                orm |= [
                    "DeriveEntityModel",
                    "sea_orm",
                    "diesel",
                    "Queryable",
                    "Insertable",
                    "FromRow",
                    "table_name",
                ]
                .iter()
                .any(|w| a.contains(w));
                prev = p.prev_named_sibling();
            }
            for member in members {
                if member.kind() != "field_declaration" {
                    continue;
                }
                let (Some(key), Some(ty)) = (member.field("name"), member.field("type")) else {
                    continue;
                };
                let declared = text(ty);
                let declared = declared.get(..declared.len().min(60)).unwrap_or(declared);
                fields.push(ModelField {
                    key,
                    node: member,
                    declared: declared.to_string(),
                    encrypted: false,
                });
            }
        }
        _ => return,
    }
    if !orm {
        return;
    }
    let vocab = checker.file.flow.vocab();
    // Ciphertext of a value: `ssn_sealed`, `chart_notes_encrypted`; not an `encrypted` flag,
    // an `encrypted_private_key` or an `encryption_passphrase_pending` switch.
    let sealed_value = |field: &str| {
        let rest: Vec<String> = crate::phi::tokenize(field)
            .into_iter()
            .map(|w| w.to_ascii_lowercase())
            .filter(|w| !ciphertext_named(w))
            .collect();
        !rest.is_empty()
            && !rest.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "key"
                        | "keys"
                        | "passphrase"
                        | "password"
                        | "secret"
                        | "salt"
                        | "token"
                        | "pending"
                        | "lost"
                        | "id"
                        | "at"
                        | "by"
                        | "version"
                        | "algorithm"
                        | "is"
                        | "has"
                )
            })
    };
    let sealed = fields
        .iter()
        .find(|f| {
            f.encrypted
                || (ciphertext_named(text(f.key))
                    && sealed_value(text(f.key))
                    && !f.declared.to_ascii_lowercase().contains("bool"))
        })
        .map(|f| text(f.key).to_string());
    let Some(sealed) = sealed else {
        return;
    };
    let mut out = Vec::new();
    for f in &fields {
        let field = text(f.key);
        if f.encrypted
            || derived_name(field)
            || !field.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        // A flag is no PHI value (`medication_taken: Option<bool>`, `BooleanField()`).
        let declared = f.declared.to_ascii_lowercase();
        if declared.contains("bool") {
            continue;
        }
        let Some(class) = vocab.classify_path(&[field], true) else {
            continue;
        };
        // Clinical content and SSNs: the names, birth dates, record numbers and contact
        // details a model keeps in the clear are how its rows are found (a search by name and
        // date of birth), a choice its authors made beside the fields they seal.
        if class.masked || !matches!(class.kind, Kind::Health | Kind::Ssn) || class.score < 0.6 {
            continue;
        }
        out.push((f.key, f.node, field.to_string(), f.declared.clone(), class));
    }
    for (key, node, field, declared, class) in out {
        let message = format!(
            "model field `{field}` ({}) is stored in plaintext (`{declared}`) while `{name}` encrypts `{sealed}`: the model's authors encrypt its PHI at the field level",
            class.kind.describe()
        );
        let mut score = class.score;
        if checker.file.is_test_path() {
            score *= 0.5;
        }
        let confidence = Confidence::from_score(score).min(Confidence::Medium);
        checker.report(key, node, message, Level::Warning, confidence);
    }
}

/// The argument list of the encrypting call of a field value (through `await`).
fn encrypted_argument(value: Node<'_>) -> Option<Node<'_>> {
    let mut node = value;
    for _ in 0..8 {
        if matches!(node.kind(), "call" | "call_expression") {
            return node.field("arguments");
        }
        node = node.named_child(0)?;
    }
    None
}
