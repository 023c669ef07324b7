//! PHI101 phi-in-log.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{Evidence, Purpose};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;
use tree_sitter::Node;

use super::{is_logger, strongest_arg};

declare_rule! {
    /// ## What it does
    /// Flags logging calls whose message, format arguments, structured fields or context carry
    /// PHI: Python `logging`, loguru and structlog, JavaScript winston, pino, bunyan, loglevel and
    /// `debug`, hapi's `request.log(tags, data)` and `server.log(tags, data)`, and the Rust `log`,
    /// `tracing` and `slog` macros. Values are followed through local
    /// variables, f-strings, `%`/`.format`, template literals and `format!`.
    ///
    /// Also flagged: context appended to every later line (structlog `bind_contextvars`,
    /// Powertools `append_keys`); PHI fields named in a thiserror `#[error("...{mrn}")]` message;
    /// and layers configured to log everything that passes through them, values included:
    /// SQLAlchemy `create_engine(..., echo=True)`, Powertools
    /// `inject_lambda_context(log_event=True)`, Pony `set_sql_debug(True, show_values=True)`,
    /// Drizzle `{ logger: true }`, Sequelize `{ logQueryParameters: true }`, knex and Lucid
    /// `{ client: 'pg', debug: true }`, MikroORM `debug: ['query-params']` and a
    /// `sea_orm=debug` tracing filter (a warning at medium confidence: it is a setting, and the
    /// data it logs is whatever the application stores).
    ///
    /// ## Why is this bad?
    /// Log lines are copied to aggregators, retained for years and read by operators, vendors and
    /// attackers who could never open the patient record itself. Writing PHI there discloses more
    /// than the purpose needs (45 CFR 164.502(b), minimum necessary) and defeats the access
    /// controls on the source data (164.312(a)(1)).
    ///
    /// ## Example
    /// ```python
    /// log.warning("lookup failed for %s", patient.ssn)
    /// ```
    ///
    /// ## Use instead
    /// Log an opaque reference, or a redacted or keyed-hash (HMAC) form of the value:
    /// ```python
    /// log.warning("lookup failed for patient %s", patient.id)
    /// log.warning("lookup failed for %s", hmac_sha256(LOG_KEY, patient.mrn))
    /// ```
    ///
    /// Masking or truncation (`mask_ssn(patient.ssn)`, `"***-**-" + ssn[-4:]`,
    /// `mrn.substring(0, 4) + "..."`, a `masked_*` name) is reported as a **note** instead of
    /// being cleared: a partial SSN or MRN is still an identifier (PHI_DOMAIN §4.0). Redaction,
    /// encryption and keyed hashes clear the finding.
    ///
    /// A client IP address counts only where it is tied to a patient's data: it is not reported
    /// in request middleware (a function or class named `*middleware*`, or one that receives
    /// `next`), which sees every visitor, nor in the record of a security event (failed log-ins,
    /// denied access, rate limiting), which keeps the address because that is its purpose.
    ///
    /// ## Known limitations
    /// Values passed through helper functions defined elsewhere are not followed. A logger built
    /// with a redaction step in its format (winston `format.combine(phiRedactionFormat(), ..)`,
    /// in the file or in the module the logger is imported from) clears e-mail addresses, the
    /// one identifier a pattern finds in every written form; phone numbers, SSNs, names and
    /// clinical values are still reported. A Python logging filter or pino `redact` configured
    /// elsewhere is not seen; mark sanitisers in `[sanitizers] functions` or suppress with a
    /// reason.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.312(a)(1) (access control)
    /// - CWE-532: Insertion of Sensitive Information into Log File
    pub PHI_IN_LOG = "PHI101" {
        name: "phi-in-log",
        file: phi_in_log,
        category: PhiLogging,
        safeguards: [MinimumNecessary, AccessControl],
        level: Error,
        confidence: High,
        cwe: [532, 359],
        queries: [python, ecma, rust],
        check: check,
        project: super::project_helper_sinks,
        facts: super::HELPER_SINK_FACTS,
        prefilter: crate::rules::Prefilter::PhiOr(&["createengine", "createasyncengine", "logevent", "logqueryparameters", "drizzle", "setsqldebug", "seaorm", "mikroorm", "knex", "lucid"]),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    if let (Some(sink), Some(setting)) = (m.get("sink"), m.get("setting")) {
        return statement_logging(checker, sink, setting);
    }
    if let (Some(sink), Some(format)) = (m.get("sink"), m.get("format")) {
        return error_format(checker, sink, format);
    }
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    if let Some(exception) = m.get("exception") {
        return exception_message(checker, sink, exception, args);
    }
    if let Some(receiver) = m.get("receiver") {
        let context_vars = m
            .get("method")
            .is_some_and(|meth| checker.text(meth) == "bind_contextvars")
            && checker.text(receiver).ends_with("contextvars");
        if !context_vars && !is_logger(checker, receiver) && !hapi_log(checker, m, receiver, args) {
            return;
        }
    } else if let Some(callee) = m.get("callee") {
        // A bare call such as `debug(...)` counts only when bound to a logger factory.
        if !is_logger(checker, callee) {
            return;
        }
    }
    let Some(evidence) = strongest_arg(checker, args, Purpose::Logging) else {
        return;
    };
    let callee = m
        .get("callee")
        .or_else(|| sink.field("function"))
        .or_else(|| sink.field("macro"))
        .unwrap_or(sink);
    if only_an_email(&evidence) && redacting_logger(checker, callee) {
        return;
    }
    let mut name = checker.sink_name(callee);
    if sink.kind() == "macro_invocation" {
        name.push('!');
    }
    let message = format!("{} is written to the log by `{name}`", evidence.describe());
    checker.report_phi(sink, &evidence, message);
}

/// hapi's request and server logs: `request.log(['crossmatch', 'warn'], msg)`,
/// `server.log(['error'], data)` (an array of tags first, then the data).
fn hapi_log<'a>(checker: &Checker<'a>, m: &Match<'a>, receiver: Node<'a>, args: Node<'a>) -> bool {
    let is_log = m
        .get("method")
        .is_some_and(|meth| checker.text(meth) == "log");
    let tagged = args.named_child(0).is_some_and(|a| a.kind() == "array");
    is_log
        && tagged
        && matches!(
            checker.text(receiver),
            "request" | "server" | "req" | "h.request"
        )
}

/// Whether the PHI the evidence carries is an e-mail address alone: the one identifier whose
/// every written form a pattern finds in any text, so a redacting log format replaces it
/// wherever it appears. Phone numbers and SSNs are written in many forms a redaction pattern may
/// miss (`(303) 555-0142` beside `+13035550142`); names, dates and clinical values have no shape.
fn only_an_email(evidence: &Evidence<'_>) -> bool {
    // The other values of the call are kept only as descriptions: any of them keeps the finding.
    evidence.class.kind == crate::phi::Kind::Email && evidence.also.is_empty()
}

/// Whether the logger a call is made on (`logger.info(..)`) is built in this file, or imported
/// from a module of the application that builds it, with a redaction step in its format (winston
/// `format.combine(phiRedactionFormat(), ..)`, a `format` or hook calling `redactPHI`,
/// `scrub`, `sanitize*`): every record it writes passes through that step. The module's text
/// is read once per scan.
fn redacting_logger(checker: &Checker<'_>, callee: Node<'_>) -> bool {
    static REDACTS: crate::memo::ScanMemo<std::path::PathBuf, bool> = crate::memo::ScanMemo::new();
    let object = callee
        .field("object")
        .or_else(|| callee.field("value"))
        .filter(|o| o.kind() == "identifier");
    let Some(object) = object else {
        return false;
    };
    let flow = &checker.file.flow;
    let Some((path, _)) = flow.imported_from(checker.text(object)) else {
        // A logger built in this very file.
        return builds_a_redacting_logger(checker.file.source, flow);
    };
    crate::read::note_dependency(&path);
    if let Some(known) = REDACTS.get(&path) {
        return known;
    }
    let settings = flow.settings();
    let answer = crate::read::sibling_module(&path, settings.max_file_size)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .is_some_and(|text| builds_a_redacting_logger(&text, flow));
    REDACTS.insert(path, answer);
    answer
}

/// Whether a module's text builds a logger (`createLogger(`, `pino(`, `winston.format`) and
/// calls a function the flow's sanitiser table says clears a value for logging
/// (`redactValue(`, `phiRedactionFormat(`, `scrubPhi(`, a configured `[sanitizers]` name).
fn builds_a_redacting_logger(text: &str, flow: &crate::flow::Flow<'_>) -> bool {
    let builds = [
        "createLogger(",
        "winston.format",
        "pino(",
        "format.combine(",
    ]
    .iter()
    .any(|needle| text.contains(needle));
    builds
        && crate::flow::identifier_runs(text).any(|range| {
            text[range.end..].starts_with('(') && flow.clears(&text[range], Purpose::Logging)
        })
}

/// Whether a class name says it is an exception (`ValueError`, `HTTPException`, `Error`).
fn exception_named(name: &str) -> bool {
    name.ends_with("Error") || name.ends_with("Exception") || name.ends_with("Exc")
}

/// Whether an exception class raised under another name (`ChartConflict`, Feathers'
/// `Conflict`) is one: declared in this file with an exception base (`class
/// ChartConflict(Exception)`, `class Conflict extends HttpError`), or imported from a module
/// of errors (`from .errors import ChartConflict`, `import { Conflict } from
/// '@feathersjs/errors'`). A raised response or redirect (`throw new Response(..)`, `raise
/// HTTPFound(..)`) is neither. The file's text is searched for the declaration: no walk.
fn declared_exception(checker: &Checker<'_>, name: &str) -> bool {
    let source = checker.file.source;
    // The import line that binds the name: the module it names, quoted in JavaScript
    // (`from '@feathersjs/errors'`, `require('./errors')`), after `from` in Python.
    let errors_module = |module: &str| {
        let last = module
            .rsplit(['/', '.', ':'])
            .find(|s| !s.is_empty())
            .unwrap_or(module);
        crate::phi::tokenize(last)
            .iter()
            .any(|t| matches!(t.as_str(), "error" | "errors" | "exception" | "exceptions"))
    };
    for line in source.lines().take(2000) {
        let line = line.trim();
        if !(line.starts_with("import ")
            || line.starts_with("from ")
            || line.starts_with("const ")
            || line.starts_with("let ")
            || line.starts_with("var "))
            || crate::flow::word_positions(line, name).next().is_none()
        {
            continue;
        }
        let module = if let Some(rest) = line.strip_prefix("from ") {
            rest.split_whitespace().next().unwrap_or("")
        } else {
            line.split(['\'', '"']).nth(1).unwrap_or("")
        };
        if !module.is_empty()
            && (line.contains(" import ") || line.contains("from ") || line.contains("require("))
        {
            return errors_module(module);
        }
    }
    let needle = format!("class {name}");
    source.match_indices(&needle).take(8).any(|(at, _)| {
        let rest = &source[at + needle.len()..];
        // The bases: `(Exception):` in Python, ` extends HttpError {` in JavaScript.
        let bases = if let Some(r) = rest.strip_prefix('(') {
            r.split(')').next().unwrap_or("")
        } else if let Some(r) = rest.trim_start().strip_prefix("extends ") {
            r.split(['{', '<']).next().unwrap_or("")
        } else {
            return false;
        };
        bases.split([',', ' ', '.']).any(|b| {
            let b = b.trim();
            exception_named(b) || matches!(b, "BaseException")
        })
    })
}

/// An exception raised or thrown with PHI in its message: the message ends up in tracebacks,
/// logs, error trackers and error e-mails.
fn exception_message<'a>(
    checker: &mut Checker<'a>,
    sink: tree_sitter::Node<'a>,
    exception: tree_sitter::Node<'a>,
    args: tree_sitter::Node<'a>,
) {
    let name = checker.text(exception);
    let last = name.rsplit('.').next().unwrap_or(name);
    // Rust `anyhow::bail!(...)`, `anyhow!(...)`, `eyre!(...)`: an error built from a message.
    let error_macro = sink.kind() == "macro_invocation";
    // An exception class: `ValueError`, `HTTPException`, `Error`, `NotFoundError`.
    let is_exception = error_macro
        || last.starts_with(char::is_uppercase)
            && (exception_named(last) || declared_exception(checker, last));
    // A validation error (Django, DRF, marshmallow, pydantic) is rendered back to the person
    // who submitted the value, not written to tracebacks and logs.
    if !is_exception || matches!(last, "ValidationError" | "ValidationException") {
        return;
    }
    let Some(evidence) = strongest_arg(checker, args, Purpose::Logging) else {
        return;
    };
    let mut sink_name = checker.sink_name(exception);
    if error_macro {
        sink_name.push('!');
    }
    let message = format!(
        "{} is put in the message of `{sink_name}`, which reaches tracebacks, logs and error reports",
        evidence.describe()
    );
    checker.report_phi(sink, &evidence, message);
}

/// A database or request layer configured to log what flows through it in full: every
/// statement with its bound values, every incoming event with its body. In a health
/// application that is every patient record it reads or writes.
fn statement_logging<'a>(checker: &mut Checker<'a>, sink: Node<'a>, setting: Node<'a>) {
    let text = checker.text(setting);
    // A tracing filter in a Rust string: `"info,sea_orm=debug"`, `"sea_orm::driver=trace"`.
    if setting.kind() == "string_literal" {
        let verbose = text.split([',', '"', ' ']).any(|directive| {
            let (target, level) = directive.split_once('=').unwrap_or(("", ""));
            (target == "sea_orm" || target.starts_with("sea_orm::"))
                && matches!(level, "debug" | "trace")
        });
        if !verbose {
            return;
        }
    }
    let what = match text.trim_matches(['"', '\'']) {
        "echo" => "`echo=True` makes SQLAlchemy log every SQL statement with its bound parameters",
        "log_event" => "`log_event=True` makes Powertools log every incoming event in full, request bodies included",
        "logger" => "`logger: true` makes Drizzle log every query with its parameters",
        "logQueryParameters" => "`logQueryParameters: true` makes Sequelize log every query with its bound values",
        "show_values" => "`set_sql_debug(True, show_values=True)` makes Pony log every SQL statement with its bound values",
        "debug" if setting.parent().is_some_and(|p| {
            p.field("value").is_some_and(|v| v.kind() == "array")
        }) => "`debug: ['query-params']` makes MikroORM log every query with its parameters",
        "debug" => "`debug: true` in a knex connection makes knex (and Lucid) log every query with its bindings",
        t if setting.kind() == "string_literal" && t.contains("sea_orm") => "a `sea_orm=debug` tracing filter makes SeaORM log every statement with its values",
        _ => return,
    };
    let message = format!(
        "{what}, so the PHI the application reads and writes reaches the log; log statements without values, or only in development"
    );
    checker.report(
        setting.up().unwrap_or(setting),
        sink,
        message,
        Level::Warning,
        Confidence::Medium,
    );
}

/// thiserror `#[error("no prior study for {name} (MRN {mrn})")]`: the fields the format names
/// become the error's message, which is logged and reported wherever the error goes.
fn error_format<'a>(checker: &mut Checker<'a>, sink: Node<'a>, format: Node<'a>) {
    let vocab = &checker.file.settings.vocab;
    let mut found: Vec<Evidence<'a>> = crate::flow::format_captures(checker.text(format))
        .into_iter()
        .filter_map(|name| {
            let class = vocab.classify_name(name)?;
            (class.kind != crate::phi::Kind::InternalId
                && !class.masked
                && class.score >= super::REPORT_FLOOR)
                .then(|| Evidence {
                    also: Vec::new(),
                    class,
                    name: name.to_string(),
                    via: None,
                    node: format,
                })
        })
        .collect();
    found.sort_by(|a, b| b.class.score.total_cmp(&a.class.score));
    let mut found = found.into_iter();
    let Some(best) = found.next() else {
        return;
    };
    let best = best.with_others(found.collect(), super::REPORT_FLOOR);
    let message = format!(
        "{} is built into an error's message by `#[error(...)]`; the message is logged and reported wherever the error goes",
        best.describe()
    );
    checker.report_phi(sink, &best, message);
}
