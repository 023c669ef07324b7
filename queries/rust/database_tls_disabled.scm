; database-tls-disabled (PHI305)

; PgPool::connect("postgres://app@db.acme-health.com/ehr?sslmode=disable")
; (The string is the finding: the check reads it as both value and sink.)
(string_literal) @value

; PgConnectOptions::new().ssl_mode(PgSslMode::Disable)
(scoped_identifier
  path: (_) @key
  name: (identifier) @value
  (#any-of? @value "Disable" "Disabled")) @sink

; tokio_postgres::connect("host=pg.internal user=app", NoTls), deadpool `create_pool(rt, NoTls)`
(call_expression
  arguments: (arguments
    [
      (identifier) @value
      (scoped_identifier name: (identifier) @value)
    ])
  (#eq? @value "NoTls")) @sink
