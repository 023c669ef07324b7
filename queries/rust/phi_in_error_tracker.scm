; phi-in-error-tracker (PHI103)

; scope.set_extra("dob", patient.dob.to_string().into())
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "set_extra" "set_user" "set_context" "set_tag" "add_breadcrumb" "set_attribute" "add_event")) @sink

; sentry::capture_message(&format!("bad ssn {}", ssn), Level::Error)
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "capture_message" "add_breadcrumb")) @sink

; sentry::ClientOptions { send_default_pii: true, ..Default::default() }
(struct_expression
  body: (field_initializer_list
    (field_initializer
      field: (field_identifier) @key
      value: (_) @value))
  (#eq? @key "send_default_pii")) @sink
