; phi-in-url (PHI701)

; @app.get("/patients/<ssn>"), path("p/<str:mrn>/", view), router.get("/lookup/{dob}")
(call
  function: [
    (identifier) @method
    (attribute
      attribute: (identifier) @method)
  ]
  arguments: (argument_list
    .
    (string) @value)
  (#any-of? @method "route" "get" "post" "put" "patch" "delete" "api_route" "websocket" "path" "re_path" "url" "add_url_rule" "add_api_route")) @sink

; requests.get(f"{BASE}/lookup?ssn={patient.ssn}"), redirect(f"/done?dob={dob}")
(string
  (interpolation)) @sink

; requests.get(url, params={"mrn": patient.mrn}); url_for("lookup", ssn=ssn)
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call
  function: (identifier) @method
  arguments: (argument_list) @args
  (#any-of? @method "url_for" "reverse" "redirect" "get" "post" "put" "patch" "delete" "head" "request" "urlencode")) @sink

(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "url_for" "reverse" "redirect" "get" "post" "put" "patch" "delete" "head" "request" "urlencode")) @sink

; request.args["dob"], request.GET.get("ssn"), request.query_params["mrn"]
; request.query.get("dob") (aiohttp), req.params["dob"] (Falcon)
(subscript
  value: (attribute
    attribute: (identifier) @_q)
  subscript: (string) @key
  (#any-of? @_q "args" "GET" "query_params" "query" "params")) @sink
(call
  function: (attribute
    object: (attribute
      attribute: (identifier) @_q)
    attribute: (identifier) @_get)
  arguments: (argument_list
    .
    (string) @key)
  (#any-of? @_q "args" "GET" "query_params" "query" "params")
  (#eq? @_get "get")) @sink

; req.get_param("dob") (Falcon), self.get_query_argument("ssn") (Tornado)
; (req.get_param(k) for k in ("last_name", "dob"))
(call
  function: (attribute
    attribute: (identifier) @_get)
  arguments: (argument_list
    .
    [
      (string)
      (identifier)
    ] @key)
  (#any-of? @_get "get_param" "get_param_as_int" "get_param_as_date" "get_param_as_datetime" "get_param_as_list" "get_query_argument" "get_query_arguments")) @sink

; FastAPI: @router.get("/patients/lookup") def lookup(mrn: str, dob: str): parameters that are
; not in the path are read from the query string
; (The decorators are looked at by the check: a pattern with an unanchored `(decorator)` child
; keeps one partial match per decorator alive across the others, quadratic in their number.)
(decorated_definition
  definition: (function_definition
    parameters: (parameters) @params)) @sink
