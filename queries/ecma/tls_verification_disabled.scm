; tls-verification-disabled (PHI302)

; new https.Agent({ rejectUnauthorized: false })
; request({ url, strictSSL: false })
; tls.connect({ checkServerIdentity: () => undefined })
; ssh2 / ssh2-sftp-client conn.connect({ host, hostVerifier: () => true })
; (`key: (_)`: a quoted key's text keeps its quotes, so the predicate still admits only plain
; keys, and the pattern is the same as the hard-coded identifier rule's.)
(pair
  key: (_) @key
  value: (_) @value
  (#any-of? @key "rejectUnauthorized" "strictSSL" "checkServerIdentity" "hostVerifier")) @sink

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
(assignment_expression
  left: (member_expression
    object: (_) @_object
    property: (property_identifier) @key)
  right: (_) @value
  (#eq? @key "NODE_TLS_REJECT_UNAUTHORIZED")) @sink
