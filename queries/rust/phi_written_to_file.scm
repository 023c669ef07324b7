; phi-written-to-file (PHI201)

; std::fs::write("out.txt", &patient.ssn)
; serde_json::to_writer(&file, &patient)
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "write" "to_writer" "to_writer_pretty")) @sink

; file.write_all(patient.ssn.as_bytes())
; conn.execute("INSERT INTO patients (ssn) VALUES (?1)", params![patient.ssn])
; csv::Writer::from_path(p)?.serialize(&patient)
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "write" "write_all" "execute" "serialize" "write_record")) @sink

; writeln!(file, "{}", patient.ssn)
(macro_invocation
  macro: (identifier) @method
  (token_tree) @args
  (#any-of? @method "write" "writeln")) @sink
