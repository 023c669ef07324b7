//! PHI403 audit-event-missing-actor.

use tree_sitter::Node;

use super::is_audit_name;
use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::last_segment;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags structured audit calls (two or more arguments, or keyword/object fields) in which no
    /// argument names the actor: no `user`, `actor`, `*_by`, `principal`, `staff`, `provider`, `request`,
    /// `ctx` or similar value or key.
    ///
    /// ## Why is this bad?
    /// An audit record that does not say who acted cannot support activity review
    /// (45 CFR 164.308(a)(1)(ii)(D)) and breaks unique user identification (164.312(a)(2)(i)):
    /// every access must be traceable to one person or system.
    ///
    /// ## Example
    /// ```python
    /// audit_log("patient.read", patient_ref=patient.id)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// audit_log("patient.read", actor=request.user.id, patient_ref=patient.id)
    /// ```
    ///
    /// Audit middleware built per route (`router.get(path, auditLog({ action }), handler)`)
    /// and classes about the audit trail (`AuditHistoryResponse(...)`) are not audit records.
    /// Neither are predicates (`shouldAudit(method, url)`) or calls that spread a caller's fields
    /// into the record (`repo.create({ ...auditData, timestamp })`, `audit_log(**event)`): the
    /// actor may be among the forwarded fields.
    ///
    /// ## Known limitations
    /// An audit helper that reads the actor from request-scoped context itself (a context
    /// variable, thread-local or `AsyncLocalStorage`) is reported; suppress with a reason.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(i) (unique user identification), 164.312(b) (audit controls)
    /// - 45 CFR 164.308(a)(1)(ii)(D) (information system activity review)
    /// - CWE-778: Insufficient Logging
    pub AUDIT_EVENT_MISSING_ACTOR = "PHI403" {
        name: "audit-event-missing-actor",
        file: audit_event_missing_actor,
        category: MissingAudit,
        safeguards: [UniqueUserIdentification, AuditControls, ActivityReview],
        level: Note,
        confidence: Medium,
        cwe: [778],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::PhiOrCustom(super::may_audit),
        suite: Extended,
    }
}

/// Tokens that name whoever acted (or an object that carries it, such as the request).
const ACTOR_TOKENS: &[&str] = &[
    "user",
    "users",
    "userid",
    "uid",
    "username",
    "actor",
    "by",
    "principal",
    "staff",
    "clinician",
    "practitioner",
    "provider",
    "requester",
    "requestor",
    "operator",
    "who",
    "request",
    "req",
    "ctx",
    "context",
    "session",
    "identity",
    "current",
    "me",
    "caller",
    "agent",
    "employee",
    "sub",
    "claims",
    "auth",
    "account",
    "login",
    "author",
    "performer",
    "initiator",
    "admin",
    "administrator",
    "reviewer",
    "approver",
    "creator",
    "submitter",
    "signer",
    "editor",
    "updater",
    "modifier",
];

/// Route registration and dependency calls whose arguments are middleware: an audit call there
/// (`router.get("/x", auditLog({ action: "VIEW" }), handler)`) builds a middleware that reads
/// the actor from each request.
const MIDDLEWARE_SLOTS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "use", "route", "options", "head",
    "Depends", "Security",
];

/// An audit call that builds middleware for a route (its actor comes from the request), a
/// class about the audit trail rather than a record, or an in-place edit of a record being
/// assembled (`event["agent"].append(...)`).
fn not_an_audit_write(checker: &Checker<'_>, sink: Node<'_>, callee_text: &str) -> bool {
    // Middleware factory: an argument (or in an array argument) of a route registration.
    let mut up = sink.up();
    if up.is_some_and(|p| matches!(p.kind(), "array" | "list")) {
        up = up.and_then(|p| p.up());
    }
    if let Some(outer) = up
        .filter(|p| matches!(p.kind(), "arguments" | "argument_list"))
        .and_then(|p| p.up())
        .and_then(|c| c.field("function"))
    {
        let text = checker.text(outer);
        if MIDDLEWARE_SLOTS.contains(&last_segment(text)) {
            return true;
        }
    }
    if super::is_class_about_audit(callee_text) {
        return true;
    }
    matches!(
        last_segment(callee_text),
        "append" | "extend" | "insert" | "push"
    ) && callee_text.contains('[')
}

/// Whether an audit-named call writes a record. Its name's head is the audit or its log
/// (`audit`, `auditLog`, `logAudit`, `log_audit_event`, `AuditEntry`), or the audit is the
/// receiver and the method records (`auditService.log`, `AuditLog.objects.create`,
/// `auditLogger.info`). Helpers of an audit screen (`logAuditRoutesError`,
/// `addAuditDateFilters`, `smsAuditColumn`) and edits of an audit model
/// (`pageAudit.activity.set(...)`) are not. Names configured in `[audit]` without the word are
/// taken as given.
fn writes_a_record(callee_text: &str) -> bool {
    if !callee_text.to_ascii_lowercase().contains("audit") {
        return true;
    }
    let tokens: Vec<String> = tokenize(last_segment(callee_text))
        .iter()
        .map(|t| t.to_lowercase())
        .collect();
    let Some(head) = tokens.last() else {
        return false;
    };
    if tokens.iter().any(|t| t.starts_with("audit")) {
        // The head nouns of an audit record's class (`AuditEvent`, `AuditLogEntry`), and of
        // the call's: the audit act itself, its logger, an access or activity trail.
        return (super::RECORD_WORDS.contains(&head.as_str()) && head != "item")
            || matches!(
                head.as_str(),
                "audited" | "auditing" | "auditor" | "logger" | "trails" | "activity" | "access"
            );
    }
    const RECORDING: &[&str] = &[
        "log", "logs", "record", "write", "create", "add", "emit", "track", "info", "warn",
        "warning", "error", "notice", "save", "insert", "push", "send", "publish", "append",
        "store", "put", "capture", "entry", "event", "trail", "bulk",
    ];
    tokens
        .first()
        .is_some_and(|t| RECORDING.contains(&t.as_str()))
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(callee), Some(args)) = (m.get("sink"), m.get("callee"), m.get("args"))
    else {
        return;
    };
    let callee_text = super::callee_path(checker.text(callee));
    if !is_audit_name(checker.file.settings, callee_text)
        || callee_text.ends_with("register")
        || callee_text.contains("Middleware")
        || callee_text.contains("Interceptor")
        || not_an_audit_write(checker, sink, callee_text)
        || !writes_a_record(callee_text)
    {
        return;
    }
    let mut cursor = args.walk();
    let items: Vec<Node<'a>> = args
        .named_children(&mut cursor)
        .filter(|n| !n.kind().contains("comment"))
        .collect();
    let structured = items.len() >= 2
        || items
            .iter()
            .any(|n| matches!(n.kind(), "keyword_argument" | "object" | "dictionary"));
    // Macros: only a structured field list (`audit!(action = "read", patient = id)`).
    let structured =
        structured && (args.kind() != "token_tree" || checker.text(args).contains('='));
    if !structured
        || items
            .iter()
            .any(|n| n.kind().contains("function") || n.kind() == "lambda")
    {
        return;
    }
    // A call of a plain function (`audit_event("read", record.id)`, `logAudit(req, ...)`) is a
    // call of the application's own audit helper, which commonly takes the actor from the
    // request context itself (`current_user`, `g.user`, a context variable). Its body is judged
    // where it writes the record, by this rule, not each call site by its arguments.
    if matches!(callee.kind(), "identifier" | "scoped_identifier")
        && !callee_text.contains('.')
        && args.kind() != "token_tree"
        // `AuditEvent(...)` constructs the record itself.
        && !callee_text.starts_with(char::is_uppercase)
        && checker
            .file
            .flow
            .is_own_function(callee_text.rsplit("::").next().unwrap_or(callee_text))
    {
        return;
    }
    if names_actor(checker, args) || forwards_fields(args) {
        return;
    }
    let name = checker.sink_name(callee);
    checker.report(
        sink,
        sink,
        format!(
            "audit call `{name}` records no actor identifier; add the user or service that acted"
        ),
        Level::Note,
        Confidence::Medium,
    );
}

/// Whether the arguments spread another value's fields into the record
/// (`repo.create({ ...auditLogData, timestamp })`, `audit(**event)`): a wrapper that forwards
/// whatever its caller built, the actor included, so the call site cannot tell it is missing.
fn forwards_fields(args: Node<'_>) -> bool {
    let mut stack = vec![args];
    while let Some(n) = stack.pop() {
        if matches!(
            n.kind(),
            "spread_element" | "dictionary_splat" | "list_splat" | "dictionary_splat_pattern"
        ) {
            return true;
        }
        // Spreads nested in a function argument belong to that call, not to this record.
        if n.kind().contains("function") || n.kind() == "lambda" {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    false
}

/// Whether any identifier or key in the arguments names an actor.
fn names_actor(checker: &Checker<'_>, args: Node<'_>) -> bool {
    let mut stack = vec![args];
    while let Some(n) = stack.pop() {
        if n.kind().contains("identifier") || n.kind() == "self" || n.kind() == "this" {
            let tokens = tokenize(checker.text(n));
            if tokens
                .iter()
                .any(|t| ACTOR_TOKENS.contains(&t.to_lowercase().as_str()))
            {
                return true;
            }
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}
