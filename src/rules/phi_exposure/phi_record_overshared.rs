//! PHI705 phi-record-overshared.

use tree_sitter::Node;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts, Site};
use crate::flow::{is_function, is_string, key_text, string_content, unwrap_value, Purpose};
use crate::phi::Kind;
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags whole PHI records sent to clients: `model_to_dict(patient)`,
    /// `jsonable_encoder(patient)`, `vars(patient)` and `patient.__dict__` returned or put in a
    /// response, Django REST framework serializers of a PHI model with
    /// `fields = "__all__"` (a model named like a record, or one the project declares with a
    /// field holding a strong identifier: `date_of_birth = models.DateField()`), and Express
    /// `res.json(patient)` / `res.send(patient)` of a record seen fetched whole: from an ORM read
    /// without a projection (`await Patient.findOne(q)`, `prisma.patient.findMany({ where })`,
    /// `Patient.find().then(patients => res.json(patients))`) or the rows of a `SELECT *`.
    ///
    /// ## Why is this bad?
    /// A serialised record carries every column, including identifiers, notes and fields
    /// added later, whatever the screen needs. Disclosures must be limited to the minimum
    /// necessary for the purpose (45 CFR 164.502(b), 164.514(d)).
    ///
    /// ## Example
    /// ```python
    /// class PatientSerializer(serializers.ModelSerializer):
    ///     class Meta:
    ///         model = Patient
    ///         fields = "__all__"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// class PatientSerializer(serializers.ModelSerializer):
    ///     class Meta:
    ///         model = Patient
    ///         fields = ["id", "display_name", "next_visit"]
    /// ```
    ///
    /// ## Known limitations
    /// Records are recognised by name (`patient`, `Patient`, FHIR resource types), and a
    /// serializer's model also by the fields the project declares for a class of that name
    /// (two models of the same name in different apps are not told apart); a response model
    /// or serializer applied elsewhere is not seen. Python calls count only in a
    /// `return` or a response constructor. An Express response of a record-named value whose
    /// origin is not seen (a service call, a helper's result) is reported at low confidence:
    /// the service may already have picked the columns.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.514(d)
    /// - CWE-213: Exposure of Sensitive Information Due to Incompatible Policies
    pub PHI_RECORD_OVERSHARED = "PHI705" {
        name: "phi-record-overshared",
        file: phi_record_overshared,
        category: PhiExposure,
        safeguards: [MinimumNecessary],
        level: Warning,
        confidence: Medium,
        cwe: [213, 359],
        queries: [python, ecma],
        check: check,
        project: project,
        facts: FACTS,
        prefilter: crate::rules::Prefilter::Phi,
        suite: Extended,
    }
}

const RESPONSES: &[&str] = &[
    "jsonify",
    "Response",
    "JSONResponse",
    "ORJSONResponse",
    "JsonResponse",
    "HttpResponse",
    "make_response",
];

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    if sink.kind() == "class_definition" {
        serializer_meta(checker, m, sink);
        return;
    }
    if sink.kind() == "assignment" {
        model_field(checker, m, sink);
        return;
    }
    let Some(arg) = m.get("arg") else { return };
    if let Some(receiver) = m.get("receiver") {
        let mut root = receiver;
        while let Some(inner) = root.field("object").or_else(|| root.field("function")) {
            root = inner;
        }
        if !matches!(checker.text(root), "res" | "response" | "reply" | "resp") {
            return;
        }
    } else if !sent_to_client(checker, sink) {
        return;
    }
    let Some(evidence) = checker.phi(arg, Purpose::Exposure) else {
        return;
    };
    if evidence.class.kind != Kind::Record || evidence.class.score < 0.5 {
        return;
    }
    let how = m
        .get("callee")
        .map(|c| format!("`{}`", checker.code_name(c)))
        .or_else(|| {
            m.get("method")
                .map(|c| format!("`{}`", checker.code_name(c)))
        })
        .unwrap_or_else(|| "`__dict__`".to_string());
    let message = format!(
        "{} is serialised whole by {how} and sent to the client; select the fields the client needs",
        evidence.describe()
    );
    // `res.json(patients)` sends whatever `patients` holds: often rows a service already cut
    // down to the columns the screen needs. Reported at the rule's confidence only when the
    // record is seen fetched whole (`await Patient.findOne(q)`, `repo.find(id)`, the rows of
    // `SELECT *`); Python's whole-record serialisers (`model_to_dict`) say so by themselves.
    if m.get("receiver").is_some() && !fetched_whole(checker, evidence.node, 0) {
        checker.report(
            evidence.node,
            sink,
            message,
            crate::rules::Level::Warning,
            crate::rules::Confidence::Low,
        );
        return;
    }
    checker.report_phi(sink, &evidence, message);
}

/// ORM and repository reads that return whole records (rows, documents, entities).
const WHOLE_READS: &[&str] = &[
    "find",
    "findOne",
    "findById",
    "findByPk",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
    "findAll",
    "findOneBy",
    "findOneOrFail",
    "findBy",
    "findAndCountAll",
];

/// Calls on a query that keep its records whole (`Patient.findOne(q).lean()`).
const PASS_THROUGH: &[&str] = &["lean", "exec", "populate", "sort", "limit", "skip", "then"];

/// Option keys and chained calls that pick columns (`{ select: {...} }`, `.select('name')`).
const PROJECTIONS: &[&str] = &[
    "select",
    "attributes",
    "projection",
    "fields",
    "columns",
    "omit",
];

/// Query calls whose first argument is SQL (`pool.query(sql, params)`).
const SQL_CALLS: &[&str] = &[
    "query",
    "execute",
    "raw",
    "any",
    "manyOrNone",
    "oneOrNone",
    "one",
];

/// Whether `node`, the record a response sends, is seen fetched whole: a whole-record ORM read
/// without a projection, or the rows of a `SELECT *` (directly or through a variable, up to a
/// few assignments away).
fn fetched_whole<'a>(checker: &Checker<'a>, node: Node<'a>, depth: usize) -> bool {
    if depth > 3 {
        return false;
    }
    let node = unwrap_value(node);
    match node.kind() {
        // `{ patients: rows }`: the value.
        "pair" => node
            .field("value")
            .is_some_and(|v| fetched_whole(checker, v, depth)),
        "identifier" | "shorthand_property_identifier" => {
            match checker.file.flow.binding_value(node) {
                Some(v) => fetched_whole(checker, v, depth + 1),
                None => {
                    then_result(checker, node).is_some_and(|q| fetched_whole(checker, q, depth + 1))
                }
            }
        }
        // `result.rows`, `result.recordset` (a field of a fetched record is no whole record).
        "member_expression" => {
            node.field("property")
                .is_some_and(|p| matches!(checker.text(p), "rows" | "recordset" | "dataValues"))
                && node
                    .field("object")
                    .is_some_and(|o| fetched_whole(checker, o, depth + 1))
        }
        // `rows[0]`, `result.rows[0]`
        "subscript_expression" => node
            .field("object")
            .is_some_and(|o| fetched_whole(checker, o, depth + 1)),
        "call_expression" => {
            let Some(function) = node.field("function") else {
                return false;
            };
            let name = crate::flow::last_segment(checker.text(function));
            if PROJECTIONS.contains(&name) {
                return false;
            }
            if PASS_THROUGH.contains(&name) {
                return function
                    .field("object")
                    .is_some_and(|o| fetched_whole(checker, o, depth));
            }
            let args: Vec<Node<'a>> = node
                .field("arguments")
                .map(|a| {
                    let mut cursor = a.walk();
                    a.named_children(&mut cursor).collect()
                })
                .unwrap_or_default();
            if SQL_CALLS.contains(&name) {
                return args
                    .first()
                    .is_some_and(|sql| selects_every_column(checker, *sql));
            }
            // `findById(id, 'name email')`: Mongoose's second argument is a projection.
            WHOLE_READS.contains(&name)
                && args.iter().skip(1).all(|a| !is_string(a.kind()))
                && !args.iter().any(|a| has_projection_key(checker, *a))
        }
        _ => false,
    }
}

/// The query whose result an identifier is the parameter for: `Patient.find().then(patients =>
/// res.json(patients))` gives `Patient.find()`.
fn then_result<'a>(checker: &Checker<'a>, ident: Node<'a>) -> Option<Node<'a>> {
    let name = checker.text(ident);
    let mut n = ident.up();
    while let Some(p) = n {
        if p.kind() == "arrow_function" || p.kind() == "function_expression" {
            let param = p.field("parameter").or_else(|| {
                p.field("parameters")
                    .and_then(|ps| ps.named_child(0))
                    .map(|first| first.field("pattern").unwrap_or(first))
            })?;
            if checker.text(param) != name {
                return None;
            }
            let call = p.up().filter(|a| a.kind() == "arguments")?.up()?;
            let function = call.field("function")?;
            if function.kind() != "member_expression"
                || function.field("property").map(|m| checker.text(m)) != Some("then")
            {
                return None;
            }
            return function.field("object");
        }
        if crate::flow::is_function(p.kind()) {
            return None;
        }
        n = p.up();
    }
    None
}

/// An options object with a key that picks columns (`{ where, select: { id: true } }`).
fn has_projection_key(checker: &Checker<'_>, arg: Node<'_>) -> bool {
    if arg.kind() != "object" {
        return false;
    }
    let mut cursor = arg.walk();
    let found = arg.named_children(&mut cursor).any(|pair| {
        let key = pair.field("key").unwrap_or(pair);
        key_text(checker.text(key), key.kind()).is_some_and(|k| PROJECTIONS.contains(&k))
    });
    found
}

/// SQL text (a literal, or a variable holding one) that selects every column: `SELECT *`,
/// `SELECT p.*`.
fn selects_every_column<'a>(checker: &Checker<'a>, sql: Node<'a>) -> bool {
    let sql = unwrap_value(sql);
    let literal = match sql.kind() {
        "identifier" => checker
            .file
            .flow
            .binding_value(sql)
            .map(unwrap_value)
            .filter(|v| is_string(v.kind())),
        k if is_string(k) => Some(sql),
        _ => None,
    };
    let Some(literal) = literal else {
        return false;
    };
    let text = checker.text(literal).to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).any(|w| {
        w[0].ends_with("select") && (w[1] == "*" || w[1].ends_with(".*") || w[1].starts_with("*"))
    })
}

/// Whether a Python expression is returned or passed to a response constructor.
fn sent_to_client(checker: &Checker<'_>, node: Node<'_>) -> bool {
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) || p.kind() == "block" {
            return false;
        }
        if p.kind() == "return_statement" {
            return true;
        }
        if p.kind() == "call" {
            if let Some(c) = p.field("function") {
                let text = checker.text(c);
                if RESPONSES.contains(&text.rsplit('.').next().unwrap_or(text)) {
                    return true;
                }
            }
        }
        n = p.up();
    }
    false
}

/// `class Meta: model = Patient; fields = "__all__"` inside a serializer or model form.
fn serializer_meta<'a>(checker: &mut Checker<'a>, m: &Match<'a>, meta: Node<'a>) {
    let Some(value) = m.get("value") else { return };
    if string_content(checker.text(value), value.kind()) != Some("__all__") {
        return;
    }
    let Some(body) = meta.field("body") else {
        return;
    };
    let mut cursor = body.walk();
    let model = body.named_children(&mut cursor).find_map(|stmt| {
        let assign = stmt.named_child(0).filter(|a| a.kind() == "assignment")?;
        let left = assign.field("left")?;
        (checker.text(left) == "model").then(|| assign.field("right"))?
    });
    let Some(model) = model else { return };
    let model_name = checker.text(model);
    let outer = meta
        .up()
        .and_then(|b| b.up())
        .filter(|c| c.kind() == "class_definition")
        .and_then(|c| c.field("name"))
        .map(|n| checker.text(n))
        .unwrap_or("Meta");
    if !checker.file.flow.vocab().type_is_record(model_name) {
        // `model = PatientExternalTest`: a PHI model by what its fields hold, if the project
        // declares it (joined in `project`).
        let site = checker.site(value, meta);
        checker.fact(AllFieldsSerializer {
            site,
            serializer: outer.to_string(),
            model: model_name
                .rsplit('.')
                .next()
                .unwrap_or(model_name)
                .to_string(),
        });
        return;
    }
    let message = format!(
        "`{outer}` exposes every field of PHI model `{model_name}` with `fields = \"__all__\"`; list the fields the client needs"
    );
    checker.report(
        value,
        meta,
        message,
        crate::rules::Level::Warning,
        crate::rules::Confidence::High,
    );
}

/// The facts as the facts cache keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
enum Cached {
    Serializer {
        site: crate::engine::SiteData,
        serializer: String,
        model: String,
    },
    Model {
        model: String,
        field: String,
        kind: String,
    },
}

const FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, _| {
        let cached = if let Some(s) = fact.downcast_ref::<AllFieldsSerializer>() {
            Cached::Serializer {
                site: s.site.data(),
                serializer: s.serializer.clone(),
                model: s.model.clone(),
            }
        } else {
            let m = fact.downcast_ref::<PhiModel>()?;
            Cached::Model {
                model: m.model.clone(),
                field: m.field.clone(),
                kind: m.kind.to_string(),
            }
        };
        postcard::to_allocvec(&cached).ok()
    },
    decode: |bytes, path, _| {
        Some(match postcard::from_bytes(bytes.bytes()).ok()? {
            Cached::Serializer {
                site,
                serializer,
                model,
            } => Box::new(AllFieldsSerializer {
                site: Site::from_data(site, path),
                serializer,
                model,
            }),
            Cached::Model { model, field, kind } => Box::new(PhiModel {
                model,
                field,
                kind: crate::intern::intern(&kind),
            }),
        })
    },
};

/// A serializer or model form exposing `fields = "__all__"` of a model whose name does not say
/// PHI by itself.
struct AllFieldsSerializer {
    site: Site,
    serializer: String,
    model: String,
}

/// A model class that declares a field holding a strong identifier (`mobile_number =
/// models.CharField(...)`).
struct PhiModel {
    model: String,
    field: String,
    kind: &'static str,
}

/// `mobile_number = models.CharField(...)` in a class body: the class is a PHI model when the
/// field, read as a member of the class, is a strong identifier.
fn model_field<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(key), Some(value)) = (m.get("key"), m.get("value")) else {
        return;
    };
    let Some(class) = sink
        .up()
        .and_then(|s| s.up())
        .filter(|b| b.kind() == "block")
        .and_then(|b| b.up())
        .filter(|c| c.kind() == "class_definition")
    else {
        return;
    };
    let callee = value
        .field("function")
        .map(|f| checker.text(f))
        .unwrap_or("");
    let callee_last = callee.rsplit('.').next().unwrap_or(callee);
    if !callee_last.ends_with("Field") {
        return;
    }
    let Some(name) = class.field("name").map(|n| checker.text(n)) else {
        return;
    };
    let field = checker.text(key);
    // The class name is the field's receiver: `PatientExternalTest.mobile_number` is a
    // patient's phone, `FacilityUser.phone_number` a staff member's.
    let Some(found) = checker
        .file
        .flow
        .vocab()
        .classify_path(&[name, field], false)
    else {
        return;
    };
    // `external_id` on a patient model is the usual opaque surrogate, not what makes it PHI.
    if !found.is_strong_identifier() || found.kind == Kind::OtherId {
        return;
    }
    checker.fact(PhiModel {
        model: name.to_string(),
        field: field.to_string(),
        kind: found.kind.describe(),
    });
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let models: Vec<&PhiModel> = p.of::<PhiModel>().map(|(_, m)| m).collect();
    if models.is_empty() {
        return Vec::new();
    }
    p.of::<AllFieldsSerializer>()
        .filter_map(|(_, s)| {
            let model = models.iter().find(|m| m.model == s.model)?;
            Some(s.site.diagnostic(
                p.rule,
                format!(
                    "`{}` exposes every field of PHI model `{}` (its `{}` holds a {}) with `fields = \"__all__\"`; list the fields the client needs",
                    s.serializer, s.model, model.field, model.kind
                ),
                crate::rules::Level::Warning,
                crate::rules::Confidence::Medium,
            ))
        })
        .collect()
}
