; outdated-tls-version (PHI303)

; .min_tls_version(reqwest::tls::Version::TLS_1_0)
; builder.set_min_proto_version(Some(SslVersion::TLS1))
; .min_protocol_version(Some(Protocol::Tlsv10))
(scoped_identifier
  path: (_) @key
  name: (identifier) @value
  (#any-of? @value "TLS_1_0" "TLS_1_1" "TLS1" "TLS1_1" "SSL3" "Tlsv10" "Tlsv11" "Sslv3")) @sink
