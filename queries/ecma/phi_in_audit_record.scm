; phi-in-audit-record (PHI402)

; auditLog({ action: "read", actor: req.user.id, patient: patient.name })
; this.audit.record("read", patient)
(call_expression
  function: (_) @callee
  arguments: (arguments) @args
  (#match? @callee "(?i)(audit|access|disclosure)")) @sink
