; cleartext-http-endpoint (PHI301)

; fetch("http://api.acme-health.com/patients")
; axios(url)
(call_expression
  function: (identifier) @callee
  arguments: (arguments) @args
  (#any-of? @callee "fetch" "axios" "got" "ky" "request" "superagent" "needle")) @sink

; axios.post(`http://${host}/x`, body)
; http.get(url)
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "request" "fetch")) @sink

; new WebSocket("ws://feed.acme-health.com")
; (`constructor: (_)`: a member constructor's text has a dot, so the predicate still admits only
; plain names, and the pattern is the same as the token-lifetime rule's.)
(new_expression
  constructor: (_) @callee
  arguments: (arguments) @args
  (#any-of? @callee "WebSocket" "EventSource")) @sink

; axios.create({ baseURL: "http://api.acme-health.com" })
(pair
  key: [(property_identifier) (string)] @key
  value: [(string) (template_string) (binary_expression)] @value) @sink

; const API_BASE_URL = "http://api.acme-health.com"
(variable_declarator
  name: (identifier) @key
  value: [(string) (template_string) (binary_expression)] @value) @sink
