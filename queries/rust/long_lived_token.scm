; long-lived-token (PHI502)

; validation.validate_exp = false;
(assignment_expression
  left: (field_expression
    field: (field_identifier) @key)
  right: (_) @value) @sink

; Validation { validate_exp: false, ..Validation::default() }
(field_initializer
  field: (field_identifier) @key
  value: (_) @value) @sink

; #[derive(Serialize)] struct Claims { sub: String }
(struct_item
  name: (type_identifier) @key
  body: (field_declaration_list) @args) @sink

; service.decode_allow_expired::<Claims>(token): who calls the function that sets
; validate_exp = false
(call_expression
  function: (_) @callee) @sink
; let exp = (Utc::now() + Duration::days(7)).timestamp() as usize; Claims { sub, exp }
(let_declaration
  pattern: (identifier) @key
  value: (_) @value
  (#eq? @key "exp")) @sink
