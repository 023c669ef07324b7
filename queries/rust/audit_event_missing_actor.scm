; audit-event-missing-actor (PHI403)
; Every call: the check keeps those whose callee is an audit name (built-in or `[audit]`).

; audit::record("read", &user.id, &patient.name)
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @sink

; audit!("read", actor = user.id, ssn = %patient.ssn)
(macro_invocation
  macro: (_) @callee
  (token_tree) @args) @sink
