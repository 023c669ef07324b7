//! PHI402 phi-in-audit-record.

use super::is_audit_name;
use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::phi::Kind;
use crate::rules::phi_logging::strongest_arg;

declare_rule! {
    /// ## What it does
    /// Flags audit calls (`audit_log(...)`, `AuditLog.objects.create(...)`,
    /// `this.audit.record(...)`, `audit::record(...)`) whose arguments carry PHI values, such as
    /// a name, a diagnosis or a whole patient record, instead of an opaque reference to the
    /// patient (`patient.id`).
    ///
    /// ## Why is this bad?
    /// An audit trail should record who did what to which record: the actor, the action, an
    /// opaque resource reference, the time and the outcome. Copying PHI into it turns the audit
    /// store into another PHI store, with wider readership (security and compliance staff,
    /// SIEM vendors) and longer retention than the record itself (45 CFR 164.502(b) minimum
    /// necessary; 164.312(b) audit controls).
    ///
    /// ## Example
    /// ```python
    /// audit_log("patient.read", actor=request.user.id, patient=patient.full_name)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// audit_log("patient.read", actor=request.user.id, patient_ref=patient.id)
    /// ```
    ///
    /// A record handed over whole (`audit.log({ patient })`, `logAccess(user, patient)`) is
    /// reported at low confidence: audit helpers mostly take the record to read its id, and a
    /// Django model instance given as a keyword argument of a manager call
    /// (`AccessLog.objects.create(patient=patient)`) is stored as a foreign key and not
    /// reported. Field values and serialised records (`JSON.stringify(patient)`) are.
    ///
    /// An event that says it is about a user account or a member of the workforce
    /// (`entity_type: EntityType::User`, `resource_type="staff"`) carries workforce data, not a
    /// patient's: its names, emails and phones are not reported. A helper named after auditing
    /// whose body only writes the application log (`auditDoseToTextIfEnabled(dosages, logger)`)
    /// is a log statement, not an audit trail: the logging rules report what it writes.
    ///
    /// The rule is in the `extended` suite: it checks the quality of an audit trail that
    /// exists (a separate, low-severity check), and on real code nobody tuned it to, blind
    /// reviewers judged none of its findings (0 of 8, `bench/realcode/` check half) a leak.
    /// Run it with `--select PHI402` or `--suite extended`.
    ///
    /// ## Known limitations
    /// Only the call's own arguments are checked; what an audit helper adds to the event
    /// itself is not followed. Whether the event carries an actor identifier
    /// (164.312(a)(2)(i)) is not checked yet. IP addresses are not reported: an audit event
    /// records the actor's network address by design.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.312(b) (audit controls)
    /// - CWE-532: Insertion of Sensitive Information into Log File
    pub PHI_IN_AUDIT_RECORD = "PHI402" {
        name: "phi-in-audit-record",
        file: phi_in_audit_record,
        category: MissingAudit,
        safeguards: [MinimumNecessary, AuditControls],
        level: Warning,
        confidence: Medium,
        cwe: [532],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
        // A quality check of an audit trail that exists; none of its 8 findings on the check
        // half of bench/realcode was judged a leak.
        suite: Extended,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(callee), Some(args)) = (m.get("sink"), m.get("callee"), m.get("args"))
    else {
        return;
    };
    let callee_text = super::callee_path(checker.text(callee));
    // `auditlog.register(Patient)` registers a model for history; it writes no record.
    if !is_audit_name(checker.file.settings, callee_text)
        || callee_text.ends_with("register")
        || callee_text.ends_with("Middleware")
        || super::is_class_about_audit(callee_text)
    {
        return;
    }
    // `auditDoseToTextIfEnabled(dosages, logger)` whose body is `logger.info({...})`: an
    // application log, whatever the helper is named, and no audit trail (PHI_DOMAIN §3.4); the
    // logging rules follow the value into it and report it there.
    if helper_writes_only_to_log(checker, callee_text) {
        return;
    }
    let Some(ev) = strongest_arg(checker, args, Purpose::Logging).filter(|e| {
        e.class.score >= 0.5
            // The client address is the actor's network address, a field audit records are
            // meant to carry (FHIR `AuditEvent.agent.network`).
            && e.class.kind != Kind::Ip
            // A class passed as an argument (`AuditEvent.record(Patient, ...)`) is no value.
            && !(e.node.kind() == "identifier"
                && checker.text(e.node).starts_with(char::is_uppercase))
    }) else {
        return;
    };
    // An event about a user account or a member of the workforce (`entity_type:
    // EntityType::User`, `resource: "staff"`): the names, emails and phones it carries are the
    // account's, workforce data and no patient's (JUDGING §2).
    if (ev.class.kind.is_identifier() || ev.class.kind == Kind::Demographic)
        && event_about_account(checker, args)
    {
        return;
    }
    let name = checker.sink_name(callee);
    let message = format!(
        "{} is written into the audit record by `{name}`; record an opaque reference instead",
        ev.describe()
    );
    // A whole record handed over as it is (`audit.log({ patient })`,
    // `AccessLog.objects.create(patient=patient)`) is most often stored as its reference: an ORM
    // keyword argument holding a model instance is a foreign key, and audit helpers take the
    // record to read its id. Field values (`patient.first_name`) and serialised records
    // (`json.dumps(patient)`) are what copy PHI into the trail.
    if ev.class.kind == Kind::Record && ev.via.is_none() && is_reference_shaped(ev.node, args) {
        if is_orm_keyword_argument(checker, callee_text, ev.node) {
            return;
        }
        let level = checker.rule().level.min(crate::rules::Level::Warning);
        checker.report(ev.node, sink, message, level, crate::rules::Confidence::Low);
        return;
    }
    checker.report_phi(sink, &ev, message);
}

/// A bare name or field access (`patient`, `self.patient`, `{ patient }`) handed to the call as
/// it is, or inside argument containers (a keyword argument, an object, a list): not a call, a
/// string or a spread that copies the record's contents.
fn is_reference_shaped(node: tree_sitter::Node<'_>, args: tree_sitter::Node<'_>) -> bool {
    // Python `patient=patient`: the keyword's value.
    let node = if node.kind() == "keyword_argument" {
        match node.child_by_field_name("value") {
            Some(v) => v,
            None => return false,
        }
    } else {
        node
    };
    if !matches!(
        node.kind(),
        "identifier"
            | "attribute"
            | "member_expression"
            | "field_expression"
            | "shorthand_property_identifier"
            | "self"
            | "this"
    ) {
        return false;
    }
    // Up to the argument list, only containers (bounded: argument nesting is shallow).
    let mut cur = node;
    for _ in 0..16 {
        let Some(parent) = cur.parent() else {
            return false;
        };
        if parent.id() == args.id() {
            return true;
        }
        if !matches!(
            parent.kind(),
            "keyword_argument"
                | "pair"
                | "object"
                | "dictionary"
                | "list"
                | "array"
                | "tuple"
                | "parenthesized_expression"
                | "field_initializer"
                | "field_initializer_list"
                | "struct_expression"
                | "shorthand_field_initializer"
        ) {
            return false;
        }
        cur = parent;
    }
    false
}

/// `X.objects.create(patient=patient)`, `X.objects.get_or_create(...)`: a model instance as the
/// keyword argument of a Django manager call is stored as a foreign key, the record's id.
fn is_orm_keyword_argument(
    checker: &Checker<'_>,
    callee: &str,
    node: tree_sitter::Node<'_>,
) -> bool {
    checker.file.lang.family() == crate::lang::Family::Python
        && callee.contains(".objects.")
        && (node.kind() == "keyword_argument"
            || node.parent().is_some_and(|p| {
                p.kind() == "keyword_argument" && p.child_by_field_name("value") == Some(node)
            }))
}

/// Key words under which an audit event names the kind of thing it is about: `entity_type`,
/// `resourceType`, `target_model`, `object_type`.
const SUBJECT_KEYS: &[&str] = &["entity", "resource", "target", "object", "model"];

/// Key words under which an audit event names what happened (`action: "user.update"`,
/// `event_type: "STAFF_INVITED"`, `activity_type`): a string value naming an account says
/// the event is about that account.
const ACTION_KEYS: &[&str] = &["action", "event", "activity", "operation"];

/// Whether the audit event built by a call's arguments says it is about a user account or a
/// member of the workforce: a key naming what the event is about ([`SUBJECT_KEYS`]) whose
/// value, a string or a constant path (`"user"`, `EntityType::User`, `AuditEntity.STAFF`),
/// names an account and no patient-side record ([`crate::phi::Vocabulary::names_account`]),
/// or an action ([`ACTION_KEYS`], or the first argument) whose string names one
/// (`"user.update"`, `"STAFF_INVITED"`).
/// The event's pairs are looked at three levels deep (`CreateAuditLog { entity_type, .. }`
/// inside the call's arguments).
fn event_about_account(checker: &Checker<'_>, args: tree_sitter::Node<'_>) -> bool {
    fn walk(checker: &Checker<'_>, node: tree_sitter::Node<'_>, depth: usize) -> bool {
        if depth > 4 {
            return false;
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if matches!(
                child.kind(),
                "pair" | "keyword_argument" | "field_initializer"
            ) {
                let key = child
                    .child_by_field_name("key")
                    .or_else(|| child.child_by_field_name("field"))
                    .or_else(|| child.child_by_field_name("name"));
                let value = child.child_by_field_name("value");
                if let (Some(key), Some(value)) = (key, value) {
                    let key_text = crate::flow::key_text(checker.text(key), key.kind());
                    let key_has = |words: &[&str]| {
                        key_text.is_some_and(|k| {
                            crate::phi::tokenize(k)
                                .iter()
                                .any(|t| words.contains(&t.to_lowercase().as_str()))
                        })
                    };
                    if key_has(ACTION_KEYS)
                        && crate::flow::string_content(checker.text(value), value.kind())
                            .is_some_and(|a| checker.file.flow.vocab().names_account(a))
                    {
                        return true;
                    }
                    if key_has(SUBJECT_KEYS) {
                        let text = checker.text(value);
                        let named = crate::flow::string_content(text, value.kind()).or_else(|| {
                            matches!(
                                value.kind(),
                                "identifier"
                                    | "scoped_identifier"
                                    | "attribute"
                                    | "member_expression"
                                    | "field_expression"
                            )
                            .then(|| crate::flow::last_segment(text))
                        });
                        if named.is_some_and(|n| checker.file.flow.vocab().names_account(n)) {
                            return true;
                        }
                    }
                }
            }
            if matches!(
                child.kind(),
                "dictionary"
                    | "object"
                    | "struct_expression"
                    | "field_initializer_list"
                    | "argument_list"
                    | "arguments"
                    | "pair"
                    | "keyword_argument"
                    | "field_initializer"
                    | "reference_expression"
            ) && walk(checker, child, depth + 1)
            {
                return true;
            }
        }
        false
    }
    // `audit("user.password_reset", {...})`: the action as the first argument.
    let action = args
        .named_child(0)
        .and_then(|a| crate::flow::string_content(checker.text(a), a.kind()));
    action.is_some_and(|a| checker.file.flow.vocab().names_account(a)) || walk(checker, args, 0)
}

/// First words of a method that writes somewhere other than the application log (a table, a
/// queue, a request): a helper calling one may keep a real trail.
const WRITE_VERBS: &[&str] = &[
    "create", "insert", "save", "add", "put", "post", "send", "write", "emit", "publish", "push",
    "record", "store", "persist", "append", "enqueue", "fetch", "execute", "upsert", "update",
];

/// Whether an audit-named callee called by its bare name is a function of the application (of
/// this file, or imported from a sibling module) whose body writes to the application log
/// (`logger.info`, `console.log`) and makes no other write: no audit call, no call whose
/// method starts with a write verb ([`WRITE_VERBS`]). Such a helper is a log statement.
fn helper_writes_only_to_log(checker: &Checker<'_>, callee: &str) -> bool {
    if callee.is_empty()
        || !callee
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return false;
    }
    let flow = &checker.file.flow;
    let settings = checker.file.settings;
    if let Some(func) = flow.function_named(callee) {
        return body_writes_only_to_log(flow, func, settings);
    }
    let Some((path, imported)) = flow.imported_from(callee) else {
        return false;
    };
    if imported.is_empty() {
        return false;
    }
    crate::flow::Flow::parse_module(&path, flow.settings(), false, |module| {
        module
            .function_named(&imported)
            .is_some_and(|func| body_writes_only_to_log(module, func, settings))
    })
    .unwrap_or(false)
}

fn body_writes_only_to_log(
    flow: &crate::flow::Flow<'_>,
    func: tree_sitter::Node<'_>,
    settings: &crate::settings::Settings,
) -> bool {
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    let source = flow.source();
    let mut logs = false;
    let mut writes = false;
    crate::tree::preorder(body, |n, _| {
        if matches!(n.kind(), "call" | "call_expression" | "macro_invocation") {
            let callee = n
                .child_by_field_name("function")
                .or_else(|| n.child_by_field_name("macro"))
                .and_then(|c| source.get(c.byte_range()))
                .unwrap_or("");
            let callee = super::callee_path(callee);
            if super::is_app_log_call(callee) {
                logs = true;
            } else {
                let method = crate::flow::last_segment(callee);
                let first = crate::phi::tokenize(method)
                    .into_iter()
                    .next()
                    .unwrap_or_default()
                    .to_lowercase();
                if WRITE_VERBS.contains(&first.as_str()) || is_audit_name(settings, callee) {
                    writes = true;
                }
            }
        }
        crate::tree::Walk::Descend
    });
    logs && !writes
}
