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
    let name = checker.sink_name(callee);
    let message = format!(
        "{} is written into the audit record by `{name}`; record an opaque reference instead",
        ev.describe()
    );
    checker.report_phi(sink, &ev, message);
}
