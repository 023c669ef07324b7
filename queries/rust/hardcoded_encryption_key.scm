; hardcoded-encryption-key (PHI604)

; Key::<Aes256Gcm>::from_slice(b"an example very very secret key.")
; Aes256Gcm::new_from_slice(b"..."), Hmac::<Sha256>::new_from_slice(b"pepper")
; UnboundKey::new(&AES_256_GCM, b"...")
; EncodingKey::from_secret(b"signing-secret"), DecodingKey::from_secret("...".as_bytes())
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "from_slice" "new_from_slice" "new" "from_secret")) @sink

; std::env::var("GATEWAY_JWT_SECRET").unwrap_or_else(|_| "mv-gateway-hs256-7d1c0a9e".to_string())
(call_expression
  function: (field_expression
    value: (call_expression) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "unwrap_or_else" "unwrap_or")) @sink

; const JWT_SECRET: &str = "a-literal-signing-secret";
(const_item
  name: (identifier) @key
  value: (string_literal) @value
  (#match? @key "(?i)(secret|_key|signing|pepper)$")) @sink

(static_item
  name: (identifier) @key
  value: (string_literal) @value
  (#match? @key "(?i)(secret|_key|signing|pepper)$")) @sink
