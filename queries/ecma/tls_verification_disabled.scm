; tls-verification-disabled (PHI302)

; new https.Agent({ rejectUnauthorized: false })
; request({ url, strictSSL: false })
; tls.connect({ checkServerIdentity: () => undefined })
(pair
  key: (property_identifier) @key
  value: (_) @value
  (#any-of? @key "rejectUnauthorized" "strictSSL" "checkServerIdentity")) @sink

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
(assignment_expression
  left: (member_expression
    property: (property_identifier) @key)
  right: (_) @value
  (#eq? @key "NODE_TLS_REJECT_UNAUTHORIZED")) @sink
