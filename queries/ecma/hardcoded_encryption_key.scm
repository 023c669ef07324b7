; hardcoded-encryption-key (PHI604)

; crypto.createCipheriv("aes-256-gcm", "0123456789abcdef0123456789abcdef", iv)
; crypto.createHmac("sha256", "pepper")
; CryptoJS.AES.encrypt(JSON.stringify(record), "secret passphrase")
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call_expression
  function: (identifier) @method
  arguments: (arguments) @args
  (#any-of? @method "createCipheriv" "createDecipheriv" "createHmac" "encrypt" "decrypt")) @sink

(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "createCipheriv" "createDecipheriv" "createHmac" "encrypt" "decrypt")) @sink
