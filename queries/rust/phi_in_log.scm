; phi-in-log (PHI101)

; info!("admitted {}", patient.mrn)
; warn!(ssn = %p.ssn, "lookup failed")
(macro_invocation
  macro: (identifier) @method
  (token_tree) @args
  (#any-of? @method "error" "warn" "info" "debug" "trace" "log" "event" "span" "error_span" "warn_span" "info_span" "debug_span" "trace_span" "crit")) @sink

; tracing::info!(...), log::error!(...)
(macro_invocation
  macro: (scoped_identifier
    name: (identifier) @method)
  (token_tree) @args
  (#any-of? @method "error" "warn" "info" "debug" "trace" "log" "event" "span" "error_span" "warn_span" "info_span" "debug_span" "trace_span" "crit")) @sink
