; insecure-cipher-mode (PHI602)

; AES.new(key, AES.MODE_ECB); Cipher(algorithms.AES(key), modes.ECB())
; algorithms.TripleDES(key), algorithms.ARC4(key)
(attribute
  object: (_) @receiver
  attribute: (identifier) @method
  (#any-of? @method "MODE_ECB" "ECB" "TripleDES" "ARC4" "Blowfish" "CAST5" "IDEA" "SEED")) @sink

; DES.new(key, DES.MODE_CBC), ARC4.new(key)
(call
  function: (attribute
    object: (identifier) @receiver
    attribute: (identifier) @_new)
  (#eq? @_new "new")
  (#any-of? @receiver "DES" "DES3" "ARC4" "ARC2" "Blowfish" "CAST")) @sink

; modes.CBC(b"\x00" * 16), modes.GCM(STATIC_IV)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "CBC" "CTR" "GCM" "CFB" "OFB" "CFB8")) @sink

; AES.new(key, AES.MODE_CBC, iv=b"0123456789abcdef")
(call
  function: (attribute
    object: (identifier) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#eq? @method "new")
  (#eq? @receiver "AES")) @sink

; AESGCM(key).encrypt(b"static nonce", data, None)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#eq? @method "encrypt")) @sink
