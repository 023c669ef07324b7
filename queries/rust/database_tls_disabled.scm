; database-tls-disabled (PHI305)

; PgPool::connect("postgres://app@db.acme-health.com/ehr?sslmode=disable")
(string_literal) @value @sink

; PgConnectOptions::new().ssl_mode(PgSslMode::Disable)
(scoped_identifier
  path: (_) @key
  name: (identifier) @value
  (#any-of? @value "Disable" "Disabled")) @sink
