; phi-sent-to-third-party (PHI704)

; analytics.track(patient.id, "Visit Booked", {"dob": patient.dob})
; mp.people_set(patient.mrn, {"$email": patient.email})
; posthog.capture(distinct_id=patient.id, event="refill")
; client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": note}])
; Runner.run(agent, note) (OpenAI Agents SDK)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "track" "identify" "page" "screen" "group" "alias" "people_set" "people_set_once" "capture" "set_user_properties" "log_event" "create" "generate_content" "import_data" "run" "run_sync" "run_streamed")) @sink
