; hardcoded-identifier-in-phi-field (PHI803)

; {"mrn": "00482913"}
(pair
  key: (_) @key
  value: (_) @value) @sink

; Encounter(mrn="00482913")
(keyword_argument
  name: (identifier) @key
  value: (_) @value) @sink

; mrn = "00482913"
; self.dob = date(1957, 3, 14)
(assignment
  left: [
    (identifier)
    (attribute)
  ] @key
  right: (_) @value) @sink

; lookup("E1234567") when `mrn-patterns` matches the literal
(string) @value

; # MRN: 00482913
(comment) @value
