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
        .filter(|e| !(e.class.kind == Kind::Ip && is_security_event(checker.text(args))))
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
    let mut best = None;
    if args.kind() == "token_tree" {
        for arg in flow.macro_args(args, purpose, 0) {
            best = flow::max(best, arg.evidence);
        }
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
            best = flow::max(best, ev);
        }
    }
    best.filter(|e| e.class.score >= REPORT_FLOOR)
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
