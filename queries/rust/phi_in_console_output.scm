; phi-in-console-output (PHI102)

; println!("{}", patient.ssn)
; dbg!(&patient)
(macro_invocation
  macro: (identifier) @callee
  (token_tree) @args
  (#any-of? @callee "println" "print" "eprintln" "eprint" "dbg" "panic")) @sink
