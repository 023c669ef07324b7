; insecure-cipher-mode (PHI602)

; crypto.createCipher("aes192", password)
; crypto.createCipheriv("aes-256-ecb", key, null)
; createCipheriv("aes-256-cbc", key, Buffer.alloc(16, 0))
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call_expression
  function: (identifier) @method
  arguments: (arguments) @args
  (#any-of? @method "createCipher" "createDecipher" "createCipheriv")) @sink

(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "createCipher" "createDecipher" "createCipheriv")) @sink

; CryptoJS.DES.encrypt(data, key), CryptoJS.mode.ECB
(member_expression
  object: (_) @receiver
  property: (property_identifier) @method
  (#any-of? @method "ECB" "DES" "TripleDES" "RC4" "RC4Drop")) @sink
