; phi-in-console-output (PHI102)

; console.log("patient", patient.dateOfBirth)
; process.stdout.write(`${patient.ssn}\n`)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "log" "info" "warn" "error" "debug" "trace" "dir" "dirxml" "table" "write")) @sink
