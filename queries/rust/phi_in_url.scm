; phi-in-url (PHI701)

; Router::new().route("/patients/{ssn}", get(show))
(call_expression
  function: (field_expression
    field: (field_identifier) @method)
  arguments: (arguments
    .
    (string_literal) @value)
  (#eq? @method "route")) @sink

; #[get("/patients/{ssn}")] (actix-web), #[get("/patients/<ssn>")] (Rocket)
(attribute_item
  (attribute
    (identifier) @method
    arguments: (token_tree
      (string_literal) @value))
  (#any-of? @method "get" "post" "put" "patch" "delete")) @sink

; format!("{}/eligibility?member_id={}&dob={}", base, member.member_id, member.dob)
(macro_invocation
  macro: (identifier) @_format
  (#eq? @_format "format")) @sink

; client.get(url).query(&[("member_id", &m.member_id), ("dob", &m.dob)])
(call_expression
  function: (field_expression
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#eq? @method "query")) @sink
