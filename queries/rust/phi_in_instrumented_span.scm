; phi-in-instrumented-span (PHI104)

; #[instrument]
; #[instrument(skip(db), fields(ssn = %p.ssn))]
(attribute_item
  (attribute
    (identifier) @_name
    arguments: (token_tree)? @args)
  (#eq? @_name "instrument")) @attribute

; #[tracing::instrument(level = "debug")]
(attribute_item
  (attribute
    (scoped_identifier
      name: (identifier) @_name)
    arguments: (token_tree)? @args)
  (#eq? @_name "instrument")) @attribute
