; outdated-tls-version (PHI303)

; ssl.SSLContext(ssl.PROTOCOL_TLSv1)
; ctx.minimum_version = ssl.TLSVersion.TLSv1
(attribute
  object: (_) @key
  attribute: (identifier) @value
  (#any-of? @value "PROTOCOL_TLSv1" "PROTOCOL_TLSv1_1" "PROTOCOL_SSLv2" "PROTOCOL_SSLv3" "TLSv1" "TLSv1_1" "SSLv3")) @sink
