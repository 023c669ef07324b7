; phi-in-console-output (PHI102)

; print(patient.ssn)
; pprint(patient)
(call
  function: (identifier) @callee
  arguments: (argument_list) @args
  (#any-of? @callee "print" "pprint")) @sink

; sys.stderr.write(f"bad dob {dob}")
; pprint.pprint(record)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "write" "writelines" "pprint" "echo" "secho")) @sink
