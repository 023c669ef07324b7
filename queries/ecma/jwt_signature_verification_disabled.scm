; jwt-signature-verification-disabled (PHI603)

; jwt.verify(token, key, { algorithms: ["none"] })
; jwt.sign(payload, "", { algorithm: "none" })
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "verify" "sign")) @sink
