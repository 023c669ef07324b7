; database-tls-disabled (PHI305)

; psycopg.connect("postgresql://app@db.acme-health.com/ehr?sslmode=disable")
(string) @value @sink

; psycopg.connect(host=h, sslmode="disable"); asyncpg.connect(dsn, ssl=False)
(keyword_argument
  name: (identifier) @key
  value: (_) @value
  (#any-of? @key "sslmode" "ssl" "ssl_disabled" "tls")) @sink
