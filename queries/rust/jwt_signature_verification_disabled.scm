; jwt-signature-verification-disabled (PHI603)

; validation.insecure_disable_signature_validation()
(call_expression
  function: (field_expression
    field: (field_identifier) @method)
  (#eq? @method "insecure_disable_signature_validation")) @sink

; jsonwebtoken::dangerous_insecure_decode::<Claims>(&token)
; dangerous_insecure_decode(&token)
(call_expression
  function: [
    (identifier) @method
    (scoped_identifier
      name: (identifier) @method)
    (generic_function
      function: [
        (identifier) @method
        (scoped_identifier
          name: (identifier) @method)
      ])
  ]
  (#any-of? @method "dangerous_insecure_decode" "dangerous_insecure_decode_with_validation" "dangerous_unsafe_decode")) @sink
