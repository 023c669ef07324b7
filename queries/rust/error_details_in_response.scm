; error-details-in-response (PHI702)

; Err(Custom(Status::NotFound, format!("no registry record for {last_name}")))
(call_expression
  function: (identifier) @callee
  arguments: (arguments) @args
  (#eq? @callee "Custom")) @sink

; status::NotFound(format!(..)), error::ErrorNotFound(format!(..))
(call_expression
  function: (scoped_identifier
    path: (identifier) @_module
    name: (identifier) @callee)
  arguments: (arguments) @args
  (#any-of? @_module "status" "error")) @sink

; HttpResponse::NotFound().body(format!(..))
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier
        path: (_) @_type
        name: (identifier) @key))
    field: (field_identifier) @_send)
  arguments: (arguments) @args
  (#match? @_type "HttpResponse$")
  (#any-of? @_send "body" "json")) @sink

; (StatusCode::NOT_FOUND, format!(..)) as an axum response
(tuple_expression
  .
  (scoped_identifier
    path: (_) @_status
    name: (identifier) @key)
  .
  (_) @arg
  (#match? @_status "StatusCode$")) @sink

; tonic Status::failed_precondition(format!(..)), Status::not_found(..); an application error
; enum's response variant: Error::BadRequest(format!(..)), ApiError::NotFound(..)
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @callee)
  arguments: (arguments) @args
  (#match? @receiver "(^|::)(Status|[A-Za-z]*Error)$")) @sink
