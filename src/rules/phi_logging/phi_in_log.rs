//! PHI101 phi-in-log.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::tree::NodeExt;

use super::{is_logger, strongest_arg};

declare_rule! {
    /// ## What it does
    /// Flags logging calls whose message, format arguments, structured fields or context carry
    /// PHI: Python `logging`, loguru and structlog, JavaScript winston, pino, bunyan, loglevel and
    /// `debug`, and the Rust `log`, `tracing` and `slog` macros. Values are followed through local
    /// variables, f-strings, `%`/`.format`, template literals and `format!`.
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
    /// Values passed through helper functions defined elsewhere are not followed. A logging
    /// filter or pino `redact` configured elsewhere is not seen; mark sanitisers in
    /// `[sanitizers] functions` or suppress with a reason.
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
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
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
        if !context_vars && !is_logger(checker, receiver) {
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
    let mut name = checker.sink_name(callee);
    if sink.kind() == "macro_invocation" {
        name.push('!');
    }
    let message = format!("{} is written to the log by `{name}`", evidence.describe());
    checker.report_phi(sink, &evidence, message);
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
            && (last.ends_with("Error")
                || last.ends_with("Exception")
                || last.ends_with("Exc")
                || matches!(last, "Error" | "Exception"));
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
