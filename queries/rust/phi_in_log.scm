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

; anyhow::bail!("lookup failed for {}", member.dob), anyhow!(..), eyre!(..): the error's
; message reaches logs and error reports
(macro_invocation
  macro: (_) @exception
  (token_tree) @args
  (#match? @exception "^(anyhow::|eyre::)?(bail|anyhow|eyre|format_err)$")) @sink

; #[error("no prior study on file for {name} (MRN {mrn})")] (thiserror): the fields become the
; error's message, which is logged and reported wherever the error is.
(attribute_item
  (attribute
    (identifier) @_attr
    arguments: (token_tree
      (string_literal) @format))
  (#eq? @_attr "error")) @sink

; EnvFilter::new("info,sea_orm=debug"): SeaORM logs every statement with its values inlined.
((string_literal) @setting @sink
  (#match? @setting "sea_orm"))
