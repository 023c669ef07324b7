; database-tls-disabled (PHI305)

; new Pool({ connectionString: "postgres://app@db.acme-health.com/ehr?sslmode=disable" })
[(string) (template_string)] @value @sink

; new Pool({ host, ssl: false })
(pair
  key: (property_identifier) @key
  value: (_) @value
  (#any-of? @key "ssl" "tls" "sslmode" "sslMode")) @sink
