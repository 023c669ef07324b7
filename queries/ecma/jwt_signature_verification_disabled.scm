; jwt-signature-verification-disabled (PHI603)

; jwt.verify(token, key, { algorithms: ["none"] })
; jwt.sign(payload, "", { algorithm: "none" })
; const claims = jwt.decode(token); if (claims.role === "admin") ...
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "verify" "sign" "decode")) @sink
