; hardcoded-encryption-key (PHI604)

; crypto.createCipheriv("aes-256-gcm", "0123456789abcdef0123456789abcdef", iv)
; crypto.createHmac("sha256", "pepper")
; CryptoJS.AES.encrypt(JSON.stringify(record), "secret passphrase")
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call_expression
  function: (identifier) @method
  arguments: (arguments) @args
  (#any-of? @method "createCipheriv" "createDecipheriv" "createHmac" "encrypt" "decrypt" "jwtVerify" "cookieParser")) @sink

; jwt.sign(claims, "signing-secret"), jwt.verify(token, "signing-secret"),
; new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("..."))
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "createCipheriv" "createDecipheriv" "createHmac" "encrypt" "decrypt" "sign" "verify")) @sink

; const JWT_SECRET = process.env.BFF_JWT_SECRET ?? 'stlukes-ward-bff-2b71c9': a literal fallback
; const JWT_SECRET = 'stlukes-ward-bff-2b71c9': a literal secret
; const KEY = Buffer.from(env.FIELD_KEY || 'bGl0dGxl...', 'base64'): a fallback inside a conversion
(variable_declarator
  name: (identifier) @key
  value: [(binary_expression) (string) (template_string) (call_expression)] @value
  (#match? @key "(?i)(secret|key|signing|pepper)$")) @sink

; session({ secret: process.env.SESSION_SECRET || 'renalpath-unit7-session-secret' })
; session({ secret: 'renalpath-unit7-session-secret' }), JwtModule.register({ secret: '...' })
; { fieldKey: process.env.FIELD_KEY || '6c2a0f1e...' }
(pair
  key: (property_identifier) @key
  value: [(binary_expression) (string) (template_string) (call_expression)] @value
  (#match? @key "(?i)(secret|key|pepper)$")) @sink
