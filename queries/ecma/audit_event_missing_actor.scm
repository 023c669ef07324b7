; audit-event-missing-actor (PHI403)
; Every call: the check keeps those whose callee is an audit name (built-in or `[audit]`).

; auditLog({ action: "read", actor: req.user.id, patient: patient.name })
; this.audit.record("read", patient)
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @sink
