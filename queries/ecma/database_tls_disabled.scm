; database-tls-disabled (PHI305)

; new Pool({ connectionString: "postgres://app@db.acme-health.com/ehr?sslmode=disable" })
; (The string is the finding: the check reads it as both value and sink.)
(string) @value

(template_string) @value

; new Pool({ host, ssl: false })
; (`key: (_)`: a quoted key's text keeps its quotes, so the predicate still admits only plain
; keys, and the pattern is the same as the hard-coded identifier rule's.)
(pair
  key: (_) @key
  value: (_) @value
  (#any-of? @key "ssl" "tls" "sslmode" "sslMode")) @sink
