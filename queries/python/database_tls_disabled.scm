; database-tls-disabled (PHI305)

; psycopg.connect("postgresql://app@db.acme-health.com/ehr?sslmode=disable")
; (The string is the finding: the check reads it as both value and sink.)
(string) @value

; psycopg.connect(host=h, sslmode="disable"); asyncpg.connect(dsn, ssl=False);
; Minio("objects.internal:9000", secure=False)
(keyword_argument
  name: (identifier) @key
  value: (_) @value
  (#any-of? @key "sslmode" "ssl" "ssl_disabled" "tls" "secure")) @sink
