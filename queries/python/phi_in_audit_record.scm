; phi-in-audit-record (PHI402)

; audit_log("patient.read", actor=user.id, patient=patient.ssn)
; AuditLog.objects.create(action="read", detail=f"{patient.name}")
(call
  function: (_) @callee
  arguments: (argument_list) @args
  (#match? @callee "(?i)(audit|access|disclosure)")) @sink
