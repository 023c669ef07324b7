; hardcoded-encryption-key (PHI604)

; Fernet(b"bXktc2VjcmV0LWtleS0uLi4="), AESGCM(b"0123456789abcdef")
; algorithms.AES(KEY), AES.new(b"sixteen byte key", AES.MODE_GCM)
; hmac.new(b"pepper", ssn.encode(), hashlib.sha256)
(call
  function: [
    (identifier) @method
    (attribute
      object: (_) @receiver
      attribute: (identifier) @method)
  ]
  arguments: (argument_list) @args
  (#any-of? @method "Fernet" "AESGCM" "AESCCM" "AESOCB3" "AESSIV" "ChaCha20Poly1305" "AES" "SecretBox" "new")) @sink
