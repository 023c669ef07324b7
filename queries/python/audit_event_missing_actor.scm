; audit-event-missing-actor (PHI403)
; Every call: the check keeps those whose callee is an audit name (built-in or `[audit]`).

; audit_log("patient.read", actor=user.id, patient=patient.ssn)
; AuditLog.objects.create(action="read", detail=f"{patient.name}")
(call
  function: (_) @callee
  arguments: (argument_list) @args) @sink
