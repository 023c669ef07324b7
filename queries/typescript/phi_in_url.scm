; phi-in-url (PHI701), TypeScript only

; const { lastName, dob } = ctx.query as Record<string, string>
(variable_declarator
  name: (object_pattern) @key
  value: (as_expression
    (member_expression
      property: (property_identifier) @_q)) @value
  (#eq? @_q "query")) @sink
