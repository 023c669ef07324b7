; phi-sent-to-third-party (PHI704)
;
; Which calls send data to which vendor is the table sinks/third-party.toml: these patterns
; find every call, and the check looks its method or function name up in the table.

; analytics.track("Visit Booked", { dob: patient.dob }), mixpanel.people.set({ $email })
; posthog.identify(patient.id), openai.chat.completions.create({ messages })
; this.llm.invoke([new HumanMessage(note)]), window.gtag?.("event", name, params)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args) @sink

; gtag("event", "refill", { patient_name: name }), fbq("track", "Lead", { email })
; generateText({ model: openai("gpt-4o"), prompt }), trackAction("open", { name })
(call_expression
  function: (identifier) @callee
  arguments: (arguments) @args) @sink
