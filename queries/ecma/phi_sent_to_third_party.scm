; phi-sent-to-third-party (PHI704)

; analytics.track("Visit Booked", { dob: patient.dob }), mixpanel.people.set({ $email })
; posthog.identify(patient.id), openai.chat.completions.create({ messages })
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "track" "identify" "page" "screen" "group" "alias" "set" "set_once" "register" "capture" "logEvent" "setUserId" "setUserProperties" "addUserProperties" "setUserVars" "push" "create" "generateContent")) @sink

; gtag("event", "refill", { patient_name: name }), fbq("track", "Lead", { email })
(call_expression
  function: (identifier) @callee
  arguments: (arguments) @args
  (#any-of? @callee "gtag" "fbq" "hj")) @sink
