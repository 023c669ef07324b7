; hardcoded-encryption-key (PHI604)

; crypto.createCipheriv("aes-256-gcm", "0123456789abcdef0123456789abcdef", iv)
; crypto.createHmac("sha256", "pepper")
; CryptoJS.AES.encrypt(JSON.stringify(record), "secret passphrase")
(call_expression
  function: [
    (identifier) @method
    (member_expression
      object: (_) @receiver
      property: (property_identifier) @method)
  ]
  arguments: (arguments) @args
  (#any-of? @method "createCipheriv" "createDecipheriv" "createHmac" "encrypt" "decrypt")) @sink
