; hardcoded-identifier-in-phi-field (PHI803)

; Encounter { mrn: "00482913".into() }
(field_initializer
  field: (field_identifier) @key
  value: (_) @value) @sink

; let mrn = "00482913";
(let_declaration
  pattern: (identifier) @key
  value: (_) @value) @sink

; const TEST_MRN: &str = "00482913";
(const_item
  name: (identifier) @key
  value: (_) @value) @sink

; static TEST_MRN: &str = "00482913";
(static_item
  name: (identifier) @key
  value: (_) @value) @sink

; lookup("E1234567") when `mrn-patterns` matches the literal
(string_literal) @value

; // MRN: 00482913
(line_comment) @value

; /* MRN: 00482913 */
(block_comment) @value
