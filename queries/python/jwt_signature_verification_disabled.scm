; jwt-signature-verification-disabled (PHI603)

; jwt.decode(token, options={"verify_signature": False})
; jwt.decode(token, key, verify=False)
; jwt.decode(token, key, algorithms=["none"])
; jwt.encode(payload, None, algorithm="none")
; python-jose jwt.get_unverified_claims(token)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "decode" "encode" "decode_complete" "get_unverified_claims")) @sink
