; tls-verification-disabled (PHI302)

; reqwest::Client::builder().danger_accept_invalid_certs(true)
(call_expression
  function: (field_expression
    field: (field_identifier) @method)
  arguments: (arguments
    (boolean_literal) @value)
  (#any-of? @method "danger_accept_invalid_certs" "danger_accept_invalid_hostnames" "tls_danger_accept_invalid_certs" "tls_danger_accept_invalid_hostnames")) @sink

; builder.set_verify(SslVerifyMode::NONE)
(call_expression
  function: (field_expression
    field: (field_identifier) @method)
  arguments: (arguments
    (scoped_identifier) @value)
  (#eq? @method "set_verify")) @sink

; impl ServerCertVerifier for AcceptAll { fn verify_server_cert(..) { Ok(ServerCertVerified::assertion()) } }
(impl_item
  trait: (_) @key
  body: (declaration_list) @value
  (#match? @key "ServerCertVerifier$")) @sink
