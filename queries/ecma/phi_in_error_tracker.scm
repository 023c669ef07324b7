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
