; hardcoded-identifier-in-phi-field (PHI803)

; { mrn: "00482913" }
(pair
  key: (_) @key
  value: (_) @value) @sink

; const mrn = "00482913";
(variable_declarator
  name: (identifier) @key
  value: (_) @value) @sink

; patient.dob = "1957-03-14";
(assignment_expression
  left: [
    (identifier)
    (member_expression)
  ] @key
  right: (_) @value) @sink

; lookup("E1234567") when `mrn-patterns` matches the literal
(string) @value

; `DOB: 1957-03-14`
(template_string) @value

; // MRN: 00482913
(comment) @value
