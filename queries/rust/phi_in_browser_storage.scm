; phi-in-browser-storage (PHI202)

; Cookie::new("dob", patient.dob.to_string())
; Cookie::build(("last_visit", format!("{}", patient.name)))
(call_expression
  function: (scoped_identifier
    path: (identifier) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args
  (#eq? @receiver "Cookie")
  (#any-of? @method "new" "build" "new_with_str")) @sink
