; phi-sent-to-third-party (PHI704)
;
; Which calls send data to which vendor is the table sinks/third-party.toml: these patterns
; find every call, and the check looks its method or function name up in the table.

; analytics.track(patient.id, "Visit Booked", {"dob": patient.dob})
; mp.people_set(patient.mrn, {"$email": patient.email})
; client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": note}])
; Runner.run(agent, note) (OpenAI Agents SDK); chain.invoke({"note": note})
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args) @sink

; requests.post("https://api.segment.io/v1/track", json=body), track(row["mrn"], "Notified")
(call
  function: (identifier) @callee
  arguments: (argument_list) @args) @sink
