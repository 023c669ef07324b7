; hardcoded-encryption-key (PHI604)

; Fernet(b"bXktc2VjcmV0LWtleS0uLi4="), AESGCM(b"0123456789abcdef")
; algorithms.AES(KEY), AES.new(b"sixteen byte key", AES.MODE_GCM)
; hmac.new(b"pepper", ssn.encode(), hashlib.sha256)
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call
  function: (identifier) @method
  arguments: (argument_list) @args
  (#any-of? @method "Fernet" "AESGCM" "AESCCM" "AESOCB3" "AESSIV" "ChaCha20Poly1305" "AES" "SecretBox" "new")) @sink

; jwt.encode(claims, "signing-secret", algorithm="HS256"), jwt.decode(token, "signing-secret", ...)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "Fernet" "AESGCM" "AESCCM" "AESOCB3" "AESSIV" "ChaCha20Poly1305" "AES" "SecretBox" "new" "encode" "decode")) @sink

; JWT_SECRET = os.environ.get("JWT_SECRET", "cb-prod-3b9d71f0a6c24e58"): a literal fallback key
; FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="hV3q9Xk2pL0s...")
; class Settings(BaseSettings): jwt_secret: str = "pb-rpm-7f3a91c2e4b8d6a05f17c3e9"
(assignment
  left: (identifier) @key
  right: (_) @value
  (#match? @key "(?i)(secret|_key|^key|signing|pepper)$")) @sink

; app.config["SECRET_KEY"] = "a-literal-signing-secret", app.config["JWT_SECRET_KEY"] = "..."
(assignment
  left: (subscript
    value: (_) @receiver
    subscript: (string) @key)
  right: (string) @value
  (#match? @key "(?i)(secret|key|pepper)")) @sink

; app.secret_key = "a-literal-signing-secret"
(assignment
  left: (attribute
    object: (_) @receiver
    attribute: (identifier) @key)
  right: (string) @value
  (#match? @key "(?i)(secret|_key|signing)$")) @sink

; environment={"LINK_SIGNING_KEY": "sunmed-pa-link-signing-2024"} (a Lambda's or a container's
; environment written in infrastructure code)
(pair
  key: (string) @key
  value: (string) @value
  (#match? @key "(?i)(secret|key|pepper)")) @sink
