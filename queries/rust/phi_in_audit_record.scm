; phi-in-audit-record (PHI402)

; audit::record("read", &user.id, &patient.name)
(call_expression
  function: (_) @callee
  arguments: (arguments) @args
  (#match? @callee "(?i)(audit|access|disclosure)")) @sink

; audit!("read", actor = user.id, ssn = %patient.ssn)
(macro_invocation
  macro: (_) @callee
  (token_tree) @args
  (#match? @callee "(?i)(audit|access|disclosure)")) @sink
