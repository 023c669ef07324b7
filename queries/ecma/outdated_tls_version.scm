; outdated-tls-version (PHI303)

; https.request({ minVersion: "TLSv1" })
; new https.Agent({ secureProtocol: "TLSv1_method" })
(pair
  key: (property_identifier) @key
  value: (string) @value
  (#any-of? @key "minVersion" "maxVersion" "secureProtocol")) @sink

; tls.DEFAULT_MIN_VERSION = "TLSv1"
(assignment_expression
  left: (member_expression
    property: (property_identifier) @key)
  right: (string) @value
  (#any-of? @key "DEFAULT_MIN_VERSION" "DEFAULT_MAX_VERSION")) @sink
