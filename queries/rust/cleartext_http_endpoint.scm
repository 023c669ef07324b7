; cleartext-http-endpoint (PHI301)

; reqwest::get("http://api.acme-health.com/patients")
; client.post(url).json(&payload)
; Request::builder().uri("http://...")
; (Two patterns rather than one alternation: each is the same as other rules' path and method
; call patterns, which the cursor then matches once for all of them.)
(call_expression
  function: (scoped_identifier name: (identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "request" "uri" "connect" "connect_async")) @sink

(call_expression
  function: (field_expression value: (_) @_object field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "request" "uri" "connect" "connect_async")) @sink

; const FHIR_BASE_URL: &str = "http://fhir.acme-health.com";
(const_item
  name: (identifier) @key
  value: (_) @value) @sink

(static_item
  name: (identifier) @key
  value: (_) @value) @sink

; let api_url = "http://...";
(let_declaration
  pattern: (identifier) @key
  value: [(string_literal) (macro_invocation)] @value) @sink
