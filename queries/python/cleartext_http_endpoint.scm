; cleartext-http-endpoint (PHI301)

; requests.post("http://lab.acme-health.com/results", json=payload)
; urllib.request.urlopen(url)
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "request" "urlopen" "Request" "stream" "ws_connect" "connect")) @sink

; urlopen("http://...")
(call
  function: (identifier) @method
  arguments: (argument_list) @args
  (#any-of? @method "urlopen" "Request" "connect")) @sink

; httpx.Client(base_url="http://ehr.acme-health.com")
(keyword_argument
  name: (identifier) @key
  value: (_) @value) @sink

; FHIR_BASE_URL = "http://fhir.acme-health.com"
(assignment
  left: (identifier) @key
  right: [(string) (binary_operator)] @value) @sink
