//! phi-logging: PHI written in plaintext to logs, consoles and error trackers
//! (45 CFR 164.502(b) minimum necessary; 164.312(a)(1) access control, because logs reach far
//! more people and systems than the record they came from).
//!
//! The rules share one shape: a query finds the sink call, the check decides whether it really
//! is a logger (receiver names, aliases bound from `getLogger()`/`pino()`), and every argument
//! is asked of the shared data-flow layer; the strongest PHI argument is reported.

pub mod phi_in_console_output;
pub mod phi_in_error_tracker;
pub mod phi_in_instrumented_span;
pub mod phi_in_log;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::{self, Evidence, Purpose};
use crate::phi::{tokenize, Kind};
use crate::tree::NodeExt;

/// Lowest score reported at all (reported as low confidence; hidden by the default
/// `--min-confidence medium`).
pub(crate) const REPORT_FLOOR: f32 = 0.3;

/// The strongest PHI among a call's arguments (positional, keyword, or macro token tree),
/// leaving out internal surrogate ids (`patient_id`), which are the recommended way to refer to
/// a patient in logs.
pub(crate) fn strongest_arg<'a>(
    checker: &Checker<'a>,
    args: Node<'a>,
    purpose: Purpose,
) -> Option<Evidence<'a>> {
    strongest_arg_with_ids(checker, args, purpose)
        .filter(|e| e.class.kind != Kind::InternalId)
        .filter(|e| e.class.kind != Kind::Ip || ip_is_patients(checker, args))
        .filter(|e| !is_a_bare_code(e) || names_a_person(checker, args))
}

/// Whether a value is a clinical code or a single vital sign (`cptCode`, `icd10_codes`,
/// `rxcui`, `medication_ndc`, `systolic`): about no one unless the statement says whose it
/// is. A status is not one (`hivStatus` says the condition).
/// Clinical records, notes, lists and histories (`vitalsData`, `prescriptions`,
/// `patientHistory`) and values read from a record source are not bare codes.
fn is_a_bare_code(e: &Evidence<'_>) -> bool {
    if !matches!(e.class.kind, Kind::Health | Kind::Demographic)
        || e.via.as_deref().is_some_and(|v| v.contains(' '))
    {
        return false;
    }
    let leaf = e.name.rsplit('.').next().unwrap_or(&e.name);
    let tokens = crate::phi::tokenize(leaf);
    tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "code"
                | "codes"
                | "cpt"
                | "icd"
                | "icd10"
                | "icd9"
                | "rxcui"
                | "rxnorm"
                | "ndc"
                | "loinc"
                | "snomed"
                | "hcpcs"
                | "systolic"
                | "diastolic"
                | "bmi"
                | "spo2"
        )
    })
}

/// Whether a sink call's code names whom what it writes is about: an identifier, a record or
/// the id of any record (`encounterId`, `note.id`, `claim`). Clinical data is PHI when it is
/// about an identifiable patient or tied to a record, even by a surrogate id (JUDGING §2); a
/// clinical code, a vital sign or a status written alone (`logger.error('lookup failed', {
/// rxcui })`, `log.info(f"BP {systolic}")`) is about no one. Words inside string literals do
/// not count. Bounded: at most 256 nodes of the arguments are looked at.
fn names_a_person(checker: &Checker<'_>, args: Node<'_>) -> bool {
    let vocab = checker.file.flow.vocab();
    let mut stack = vec![args];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen > 256 {
            return false;
        }
        match node.kind() {
            "identifier"
            | "property_identifier"
            | "field_identifier"
            | "shorthand_property_identifier"
            | "shorthand_property_identifier_pattern" => {
                let text = checker.text(node);
                if crate::phi::names_a_surrogate_id(text)
                    || vocab
                        .classify_name(text)
                        .is_some_and(|c| !matches!(c.kind, Kind::Health | Kind::Demographic))
                {
                    return true;
                }
            }
            "string_content" | "string_fragment" | "escape_sequence" | "comment" => {}
            _ => {
                let mut cursor = node.walk();
                stack.extend(node.named_children(&mut cursor));
            }
        }
    }
    false
}

/// Whether a client address written by a log call is a patient's: an IP address is an
/// identifier of PHI only when it is linked to health information (PHI_DOMAIN, identifier O).
/// Request middleware (rate limiters, proxy-auth and admin guards) sees every visitor's address,
/// and a record of a security event keeps the address because that is what it is for; a handler
/// of a health application that logs its client's address ties it to that client's data.
fn ip_is_patients<'a>(checker: &Checker<'a>, args: Node<'a>) -> bool {
    !is_security_event(checker.text(args)) && !checker.file.flow.in_request_middleware(args)
}

/// Whether a log statement records a security event (failed authentication, denied access,
/// rate limiting, blocked requests): the client address is what such a record is for, and
/// keeping it is itself a safeguard (45 CFR 164.308(a)(5)(ii)(C), log-in monitoring).
fn is_security_event(text: &str) -> bool {
    let lower = text[..text.len().min(512)].to_ascii_lowercase();
    [
        "auth fail",
        "authentication fail",
        "authorization fail",
        "unauthenticated",
        "not authenticated",
        "denied",
        "unauthori",
        "forbidden",
        "login fail",
        "failed login",
        "invalid token",
        "invalid api key",
        "invalid credentials",
        "rate limit",
        "rate-limit",
        "too many",
        "blocked",
        "suspicious",
        "brute",
        "permission",
        "authorization header",
        "admin access",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Like [`strongest_arg`], internal ids included: for disclosures outside the system boundary
/// (analytics user ids), where a patient id is itself an identifier.
pub(crate) fn strongest_arg_with_ids<'a>(
    checker: &Checker<'a>,
    args: Node<'a>,
    purpose: Purpose,
) -> Option<Evidence<'a>> {
    let flow = &checker.file.flow;
    let mut all: Vec<Evidence<'a>> = Vec::new();
    if args.kind() == "token_tree" {
        all.extend(
            flow.macro_args(args, purpose, 0)
                .into_iter()
                .filter_map(|a| a.evidence),
        );
    } else {
        let mut cursor = args.walk();
        for arg in args.named_children(&mut cursor) {
            let ev = match arg.kind() {
                "comment" => None,
                "keyword_argument" => {
                    let (Some(k), Some(v)) = (arg.field("name"), arg.field("value")) else {
                        continue;
                    };
                    flow.eval_keyed(checker.text(k), k, v, purpose)
                }
                _ => checker.phi(arg, purpose),
            };
            // A message built from several values (`f"{p.name} {p.ssn}"`, `"a" + b + c`): each
            // part is asked too, so the finding names every kind it carries.
            if ev.is_some() {
                for part in interpolated_parts(checker, arg) {
                    all.extend(checker.phi(part, purpose));
                }
            }
            all.extend(ev);
        }
    }
    let mut best: Option<Evidence<'a>> = None;
    let mut rest = Vec::new();
    for e in all {
        match best.take() {
            None => best = Some(e),
            Some(b) => {
                let (win, lose) = match flow::max(Some(b.clone()), Some(e.clone())) {
                    Some(w) if w.node.id() == e.node.id() && w.name == e.name => (e, b),
                    _ => (b, e),
                };
                best = Some(win);
                rest.push(lose);
            }
        }
    }
    best.filter(|e| e.class.score >= REPORT_FLOOR)
        .map(|e| e.with_others(rest, REPORT_FLOOR))
}

/// The values interpolated into a message (f-string and template substitutions, the operands
/// of `+` and `%`, the arguments of `.format(...)`), a few levels deep and at most 16.
fn interpolated_parts<'a>(checker: &Checker<'a>, arg: Node<'a>) -> Vec<Node<'a>> {
    const MAX_PARTS: usize = 16;
    let mut out = Vec::new();
    let mut stack = vec![(arg, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if out.len() >= MAX_PARTS || depth > 4 {
            break;
        }
        let mut cursor = node.walk();
        match node.kind() {
            "string" | "template_string" | "concatenated_string" => {
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "interpolation" | "template_substitution" => {
                            if let Some(e) = child.named_child(0) {
                                out.push(e);
                                stack.push((e, depth + 1));
                            }
                        }
                        "string" | "template_string" => stack.push((child, depth + 1)),
                        _ => {}
                    }
                }
            }
            "binary_expression" | "binary_operator" | "tuple" | "parenthesized_expression" => {
                for child in node.named_children(&mut cursor) {
                    out.push(child);
                    stack.push((child, depth + 1));
                }
            }
            // `"{} {}".format(a, b)`; not other calls, whose result may be a masked form.
            "call" | "call_expression"
                if node
                    .field("function")
                    .and_then(|f| f.field("attribute").or_else(|| f.field("property")))
                    .is_some_and(|a| checker.text(a) == "format") =>
            {
                if let Some(args) = node.field("arguments") {
                    for child in args.named_children(&mut cursor) {
                        out.push(child);
                    }
                }
            }
            _ => {}
        }
    }
    out.truncate(MAX_PARTS);
    out
}

/// Whether a receiver expression names a logger: its last segment has a `log`/`logger`/
/// `logging` token (`self.log`, `app.logger`, `structlog.get_logger()`), or it is a variable
/// bound to a logger factory (`lg = logging.getLogger(__name__)`, `const l = pino()`).
pub(crate) fn is_logger<'a>(checker: &Checker<'a>, receiver: Node<'a>) -> bool {
    let text = checker.text(receiver);
    // Audit loggers are audit trails, judged by the missing-audit rules, not application logs.
    if tokenize(text.split('(').next().unwrap_or(text))
        .iter()
        .any(|t| t == "audit")
    {
        return false;
    }
    if is_logger_name(text) {
        return true;
    }
    if receiver.kind() == "identifier" {
        if let Some(rhs) = checker.file.flow.binding_value(receiver) {
            let rhs_text = checker.text(rhs);
            let head = rhs_text.split('(').next().unwrap_or("");
            let all = tokenize(rhs_text).concat();
            const FACTORIES: &[&str] = &[
                "pino",
                "bunyan",
                "winston",
                "createlogger",
                "getlogger",
                "structlog",
                "loguru",
                "requiredebug",
                "loglevel",
            ];
            return is_logger_name(head) || FACTORIES.iter().any(|w| all.contains(w));
        }
    }
    false
}

fn is_logger_name(text: &str) -> bool {
    let head = text.split('(').next().unwrap_or(text);
    let last = head
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or(head);
    let tokens = tokenize(last);
    !tokens.iter().any(|t| t == "audit")
        && tokens.iter().any(|t| {
            matches!(
                t.as_str(),
                "log"
                    | "logger"
                    | "logging"
                    | "loguru"
                    | "structlog"
                    | "slog"
                    | "logs"
                    | "getlogger"
            )
        })
}

/// A log statement of a function of another module that a call passes PHI to
/// ([`crate::engine::summary`]): the function's own statement, not a wrapper of the logger
/// (`save(record)` logs the record it then inserts; a warning in an `except` branch names the
/// number it failed to text). Reported once at the log statement, whichever callers pass PHI.
pub(crate) struct HelperSink {
    /// The log statement, in the module that defines the function.
    pub site: crate::engine::Site,
    /// The finding's message.
    pub message: String,
    /// Its level and confidence, as the call's evidence decides them.
    pub level: crate::rules::Level,
    pub confidence: crate::rules::Confidence,
}

/// The logging rules' project-level pass: one finding per helper log statement that some call
/// passes PHI to (the most confident, then the first message in order).
pub(crate) fn project_helper_sinks(
    p: &crate::engine::ProjectFacts<'_>,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut best: std::collections::BTreeMap<(&str, u32, u32), &HelperSink> =
        std::collections::BTreeMap::new();
    for (_, h) in p.of::<HelperSink>() {
        let key = (&*h.site.path, h.site.start.line, h.site.start.column);
        let better = best.get(&key).is_none_or(|b| {
            (h.confidence, h.level) > (b.confidence, b.level)
                || ((h.confidence, h.level) == (b.confidence, b.level) && h.message < b.message)
        });
        if better {
            best.insert(key, h);
        }
    }
    best.into_values()
        .map(|h| {
            h.site
                .diagnostic(p.rule, h.message.clone(), h.level, h.confidence)
        })
        .collect()
}

/// [`HelperSink`] as the facts cache keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedHelperSink {
    path: String,
    site: crate::engine::SiteData,
    message: String,
    level: crate::rules::Level,
    confidence: crate::rules::Confidence,
}

/// How the logging rules' [`HelperSink`] facts are cached.
pub(crate) const HELPER_SINK_FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, _| {
        let h = fact.downcast_ref::<HelperSink>()?;
        postcard::to_allocvec(&CachedHelperSink {
            path: h.site.path.to_string(),
            site: h.site.data(),
            message: h.message.clone(),
            level: h.level,
            confidence: h.confidence,
        })
        .ok()
    },
    decode: |bytes, _, _| {
        let c: CachedHelperSink = postcard::from_bytes(bytes.bytes()).ok()?;
        Some(Box::new(HelperSink {
            site: crate::engine::Site::from_data(c.site, &std::sync::Arc::from(c.path.as_str())),
            message: c.message,
            level: c.level,
            confidence: c.confidence,
        }))
    },
};
