; phi-in-url (PHI701)

; app.get("/patients/:ssn", handler), router.post("/lookup/:dob", ...)
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @method)
  arguments: (arguments
    .
    (string) @value)
  (#any-of? @method "get" "post" "put" "patch" "delete" "all" "route")) @sink

; fetch(`/api/lookup?ssn=${patient.ssn}`), res.redirect(`/done?dob=${dob}`)
(template_string
  (template_substitution)) @sink

; new URLSearchParams({ dob: patient.dob })
(new_expression
  constructor: (identifier) @callee
  arguments: (arguments
    (object) @value)
  (#eq? @callee "URLSearchParams")) @sink

; axios.get(url, { params: { mrn: patient.mrn } })
; router.navigate(['/chart'], { queryParams: { mrn: p.mrn } }) (Angular), router.push({ query })
(pair
  key: (property_identifier) @key
  value: (object) @value
  (#any-of? @key "params" "query" "searchParams" "queryParams")) @sink

; req.query.ssn, req.query["dob"]
(member_expression
  object: (member_expression
    property: (property_identifier) @_q)
  property: (property_identifier) @key
  (#eq? @_q "query")) @sink

; searchParams.get("dob"), useSearchParams().get("ssn")
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @_get)
  arguments: (arguments
    .
    (string) @key)
  (#eq? @_get "get")) @sink

; const { lastName, dob } = request.query (Express, Fastify, Koa's ctx.query)
(variable_declarator
  name: (object_pattern) @key
  value: (member_expression
    property: (property_identifier) @_q) @value
  (#eq? @_q "query")) @sink

; @Get("by-mrn/:mrn") (NestJS)
(decorator
  (call_expression
    function: (identifier) @_verb
    arguments: (arguments
      .
      (string) @value))
  (#any-of? @_verb "Get" "Post" "Put" "Patch" "Delete" "All")) @sink
