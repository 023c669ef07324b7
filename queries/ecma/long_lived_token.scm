; long-lived-token (PHI502)

; jwt.sign({ sub: user.id }, secret)
; jwt.verify(token, secret, { ignoreExpiration: true })
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @sink

; new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).sign(key)
(new_expression
  constructor: (_) @callee
  arguments: (arguments) @args) @sink

; module.exports = { counselorJwt: { expiresIn: "7d" } }
(pair
  key: (_) @key
  value: (_) @value) @sink
