//! missing-audit: request handlers that read or change PHI without leaving an audit record
//! (45 CFR 164.312(b) audit controls; 164.308(a)(1)(ii)(D) information system activity review).
//!
//! PHI401 is a project-level rule. Its check runs once per file (the query matches the file's
//! root) and records small facts ([`facts::FileFacts`]: functions with their calls, PHI touched
//! and audit calls; handler shapes; route registrations; audit middleware scopes; model history
//! registrations). Until the join, only a summary of each file's facts stays in memory
//! ([`facts::StoredFacts`]); the functions and their calls wait in the scan's spill store
//! ([`crate::spill`]) and are read back as the join visits them. The project pass joins them: a
//! handler is reported when it touches PHI and no audit evidence reaches it (its body, a callee
//! one level away resolved through the same file or imports, decorators and wrappers,
//! router/app middleware, global configuration, or, for write-only handlers, model-level
//! history).
//!
//! PHI402 is a per-file rule on audit calls themselves.

pub mod audit_event_missing_actor;
pub mod facts;
pub mod phi_handler_without_audit;
pub mod phi_in_audit_record;

use crate::phi::tokenize;
use crate::settings::Settings;

/// Access-log verbs that count as audit calls (PHI_DOMAIN §3.4), tokenised and joined.
const ACCESS_VERBS: &[&str] = &[
    "logaccess",
    "recordaccess",
    "trackaccess",
    "accesslog",
    "logphiaccess",
    "phiaccess",
    "trackphi",
    "logdisclosure",
    "recorddisclosure",
];

/// Tokens that name auditing (not `auditorium`).
const AUDIT_TOKENS: &[&str] = &[
    "audit",
    "audits",
    "audited",
    "auditing",
    "auditlog",
    "auditlogs",
    "auditor",
    "auditevent",
    "audittrail",
    "auditable",
    "easyaudit",
];

/// Leading verbs that read (or prune) audit data rather than write it (`get_audit_trail`,
/// `auditLog.deleteMany({ where: { timestamp: { lt: cutoff } } })` under a retention policy).
const READ_VERBS: &[&str] = &[
    "get", "list", "fetch", "read", "find", "query", "view", "show", "search", "export", "is",
    "has", "count", "delete", "purge", "prune", "destroy",
];

/// Whether a callee, decorator or middleware name (possibly dotted: `auditlog.register`,
/// `self.audit_service.record`) denotes audit evidence: a token starting with `audit`, an
/// access-log verb, or a configured name.
pub(crate) fn is_audit_name(settings: &Settings, name: &str) -> bool {
    // Type arguments are no part of the name: `ApiResponse::<Vec<DbAuditLog>>::error(...)`
    // builds an error response, whatever type it is for.
    let name = &*without_type_arguments(name);
    // Every audit token contains `audit`, and the other tests look for access verbs or
    // configured names in the joined tokens, which are the name's letters and digits lowercased.
    // Most callees contain none of them: answer those without tokenising (this runs on every
    // call in every function).
    if !letters_name_audit(&lowercase_keeping(name, char::is_alphanumeric), settings) {
        return false;
    }
    let tokens = lowercase_words(name);
    let Some(audit_at) = tokens
        .iter()
        .position(|t| AUDIT_TOKENS.contains(&t.as_str()))
        .or_else(|| {
            let joined = tokens.concat();
            (ACCESS_VERBS.iter().any(|v| joined.contains(v))
                || settings
                    .audit
                    .names
                    .iter()
                    .any(|n| joined.contains(n.as_str())))
            .then_some(0)
        })
    else {
        return false;
    };
    // `get_audit_trail()`, `auditLogs.findMany()`: reading (or pruning) the audit store is no
    // audit record.
    let after = &tokens[audit_at..];
    let last = tokenize(crate::flow::last_segment(name))
        .into_iter()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if READ_VERBS.contains(&last.as_str()) && after.len() > 1 {
        return false;
    }
    // `shouldAudit(method, url)`, `isAuditable(entity)`: a predicate deciding whether to audit.
    !PREDICATE_WORDS.contains(&last.as_str())
}

/// `name` without anything between angle brackets (`Vec::<AuditLog>::new` → `Vec::::new`).
fn without_type_arguments(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains('<') {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut depth = 0usize;
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The classifier's words of a name, lowercased (`DieselPatientRepository`,
/// `patient_repository` → `diesel`/`patient`/`repository`).
pub(crate) fn lowercase_words(name: &str) -> Vec<String> {
    tokenize(name)
        .into_iter()
        .map(|t| t.to_lowercase())
        .collect()
}

/// First words of a method name that make it a yes/no question rather than an action.
const PREDICATE_WORDS: &[&str] = &["should", "is", "has", "can", "needs", "must"];

/// Last words of a class name that make it an audit record (`AuditEvent`, `AuditLogEntry`).
pub(crate) const RECORD_WORDS: &[&str] = &[
    "audit",
    "audits",
    "auditlog",
    "auditevent",
    "audittrail",
    "event",
    "events",
    "log",
    "logs",
    "entry",
    "entries",
    "record",
    "records",
    "trail",
    "item",
];

/// Whether a callee constructs a class about the audit trail rather than an audit record: a
/// query, response, report or view model (`DetailedAuditQuery(...)`,
/// `AuditHistoryResponse(...)`, `AuditEventEnriched(...)`).
pub(crate) fn is_class_about_audit(callee: &str) -> bool {
    let leaf = crate::flow::last_segment(callee);
    if !leaf.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let last = tokenize(leaf)
        .last()
        .map(|t| t.to_lowercase())
        .unwrap_or_default();
    !RECORD_WORDS.contains(&last.as_str())
}

/// The callee path of a call without any chained receiver calls: `Router::new().route(..).layer`
/// → `layer`; `self.audit.record` stays as is.
pub(crate) fn callee_path(text: &str) -> &str {
    match text.rfind(')') {
        Some(i) => text[i + 1..].trim_start_matches(['.', ':', '?']).trim(),
        None => text,
    }
}

/// Whether a call is a plain application log call (counts only with `accept-app-logs`).
pub(crate) fn is_app_log_call(callee: &str) -> bool {
    let mut parts = callee.rsplit('.');
    let method = parts.next().unwrap_or("");
    let receiver = parts.next().unwrap_or("").to_lowercase();
    matches!(
        method,
        "info" | "warning" | "warn" | "debug" | "log" | "notice"
    ) && (receiver.contains("log") || receiver == "console")
}

/// Prefilter for rules about audit calls themselves: whether the file's letters and digits,
/// lowercased, contain what [`is_audit_name`] requires of a callee's (`audit`, an access-log
/// verb or a configured name). A callee's letters are a substring of the file's, so a file that
/// fails cannot hold an audit call.
pub(crate) fn may_audit(text: &str, settings: &Settings) -> bool {
    letters_name_audit(&lowercase_keeping(text, char::is_alphanumeric), settings)
}

/// Whether lowercased letters contain `audit`, an access-log verb or a configured audit name:
/// what [`is_audit_name`] requires of a callee before it tokenises.
fn letters_name_audit(letters: &str, settings: &Settings) -> bool {
    letters.contains("audit")
        || ACCESS_VERBS.iter().any(|v| letters.contains(v))
        || settings
            .audit
            .names
            .iter()
            .any(|n| letters.contains(n.as_str()))
}

/// `text` lowercased, keeping only the characters `keep` accepts (a byte at a time for ASCII
/// text, the common case).
fn lowercase_keeping(text: &str, keep: fn(char) -> bool) -> String {
    if text.is_ascii() {
        text.bytes()
            .filter(|b| keep(char::from(*b)))
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        text.chars()
            .filter(|c| keep(*c))
            .flat_map(char::to_lowercase)
            .collect()
    }
}

/// Prefilter for the missing-audit rules: whether a file could hold a handler, a route or
/// middleware registration, or audit evidence (a superset test on the lowercased text with `_`
/// removed, so `log_access` and `logAccess` both read `logaccess`). Files that fail it are
/// neither handlers nor evidence, so skipping them changes no project-level verdict.
pub(crate) fn may_matter(text: &str, settings: &Settings) -> bool {
    const WORDS: &[&str] = &[
        "audit",
        "request",
        "req.",
        "req,",
        "ctx",
        "route",
        "router",
        "urlpatterns",
        "controller",
        "viewset",
        "apiview",
        // Class-based views: a base class ending in `View` (`TemplateView)`, `DetailView,`), or
        // a model mixin.
        "view)",
        "view,",
        "modelmixin",
        "middleware",
        "interceptor",
        "layer",
        "fairing",
        "historicalrecords",
        // ORM models: whether a model's fields hold PHI decides whether a query of it reads PHI.
        "models.model",
        "db.model",
        "reversion",
        "versioned",
        "disclosure",
        "handler",
        "endpoint",
        "fastify",
        "express",
        "koa",
        "axum",
        "actix",
        "rocket",
        "flask",
        "fastapi",
        "starlette",
    ];
    let norm = lowercase_keeping(text, |c| c != '_');
    WORDS.iter().any(|w| norm.contains(w))
        || ACCESS_VERBS.iter().any(|w| norm.contains(w))
        || settings
            .audit
            .names
            .iter()
            .any(|n| !n.is_empty() && norm.contains(n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_may_hold_handlers() {
        let s = Settings::default_settings();
        for yes in [
            "class Home(TemplateView):\n    template_name = 'home.html'\n",
            "class Detail(LoginRequiredMixin, DetailView):\n    pass\n",
            "class Records(mixins.RetrieveModelMixin, GenericViewSet):\n    pass\n",
            "def show(request, pk):\n    return render(request, 'x.html')\n",
            "export default function handler(req, res) { res.end() }\n",
            "export async function GET(req: NextRequest) { return NextResponse.json({}) }\n",
            "app.use((req, res, next) => next());\n",
            "router.get('/records/:id', getRecord);\n",
        ] {
            assert!(may_matter(yes, &s), "{yes}");
        }
        // A framework import alone is no handler: migrations, iterators, nested data.
        for no in [
            "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    dependencies = []\n",
            "const it = items.values();\nwhile (!it.next().done) {}\n",
            "const nestedValue = { honest: true };\n",
        ] {
            assert!(!may_matter(no, &s), "{no}");
        }
    }

    #[test]
    fn audit_names() {
        let s = Settings::default_settings();
        for yes in [
            "audit",
            "audit_log",
            "auditLog",
            "log_audit",
            "AuditLog.objects.create",
            "self.audit_service.record",
            "auditlog.register",
            "log_access",
            "logPhiAccess",
            "record_disclosure",
            "AuditEvent",
            "AuditLog::<Patient>::record",
        ] {
            assert!(is_audit_name(&s, yes), "{yes}");
            // The audit-call prefilter passes every file that could hold this callee.
            assert!(may_audit(&format!("x = {yes}(event)\n"), &s), "{yes}");
        }
        for no in [
            "get_audit_trail",
            "auditLogs.findMany",
            "log.info",
            "auditorium",
            "save",
            "ApiResponse::<Vec<crate::db::models::DbAuditLog>>::error",
        ] {
            assert!(!is_audit_name(&s, no), "{no}");
        }
        for no in [
            "def show(request):\n    return render(request)\n",
            "logger.info(x)",
        ] {
            assert!(!may_audit(no, &s), "{no}");
        }
    }
}
