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

(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "Fernet" "AESGCM" "AESCCM" "AESOCB3" "AESSIV" "ChaCha20Poly1305" "AES" "SecretBox" "new")) @sink
