; phi-in-error-tracker (PHI103)

; Sentry.setContext("patient", { mrn: patient.mrn })
; span.setAttribute("patient.dob", patient.dob)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "setContext" "setExtra" "setExtras" "setUser" "setTag" "setTags" "captureMessage" "captureException" "addBreadcrumb" "notify" "leaveBreadcrumb" "noticeError" "addCustomAttribute" "addCustomAttributes" "setCustomAttribute" "addAction" "addError" "setAttribute" "setAttributes" "addEvent" "identify")) @sink

; Sentry.init({ dsn, sendDefaultPii: true })
(call_expression
  function: (member_expression
    property: (property_identifier) @_init)
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @key
        value: (_) @value)))
  (#eq? @_init "init")
  (#eq? @key "sendDefaultPii")) @sink

; Sentry.replayIntegration({ maskAllText: false }), new Sentry.Replay({ blockAllMedia: false }):
; session replay records the pages as the user sees them, unmasked.
(call_expression
  function: [
    (identifier) @_replay
    (member_expression property: (property_identifier) @_replay)
  ]
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @setting
        value: (false))))
  (#any-of? @_replay "replayIntegration" "Replay")
  (#any-of? @setting "maskAllText" "maskAllInputs" "blockAllMedia")) @sink

(new_expression
  constructor: [
    (identifier) @_replay
    (member_expression property: (property_identifier) @_replay)
  ]
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @setting
        value: (false))))
  (#eq? @_replay "Replay")
  (#any-of? @setting "maskAllText" "maskAllInputs" "blockAllMedia")) @sink
