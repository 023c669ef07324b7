; hardcoded-encryption-key (PHI604)

; Key::<Aes256Gcm>::from_slice(b"an example very very secret key.")
; Aes256Gcm::new_from_slice(b"..."), Hmac::<Sha256>::new_from_slice(b"pepper")
; UnboundKey::new(&AES_256_GCM, b"...")
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "from_slice" "new_from_slice" "new")) @sink

; std::env::var("GATEWAY_JWT_SECRET").unwrap_or_else(|_| "mv-gateway-hs256-7d1c0a9e".to_string())
(call_expression
  function: (field_expression
    value: (call_expression) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "unwrap_or_else" "unwrap_or")) @sink
