; phi-in-error-tracker (PHI103)

; sentry_sdk.set_context("patient", {"mrn": patient.mrn})
; scope.set_extra("dob", patient.dob)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "set_context" "set_extra" "set_user" "set_tag" "set_tags" "capture_message" "add_breadcrumb" "report_message" "report_exc_info" "notify" "set_attribute" "set_attributes" "add_event" "add_custom_parameter" "add_custom_attribute")) @sink

; sentry_sdk.init(dsn=DSN, send_default_pii=True)
(call
  function: (attribute
    attribute: (identifier) @_init)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (_) @value))
  (#eq? @_init "init")
  (#eq? @key "send_default_pii")) @sink
