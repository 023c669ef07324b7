; insecure-cipher-mode (PHI602)

; crypto.createCipher("aes192", password)
; crypto.createCipheriv("aes-256-ecb", key, null)
; createCipheriv("aes-256-cbc", key, Buffer.alloc(16, 0))
(call_expression
  function: [
    (identifier) @method
    (member_expression
      property: (property_identifier) @method)
  ]
  arguments: (arguments) @args
  (#any-of? @method "createCipher" "createDecipher" "createCipheriv")) @sink

; CryptoJS.DES.encrypt(data, key), CryptoJS.mode.ECB
(member_expression
  object: (_) @receiver
  property: (property_identifier) @method
  (#any-of? @method "ECB" "DES" "TripleDES" "RC4" "RC4Drop")) @sink
