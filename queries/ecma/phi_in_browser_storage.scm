; phi-in-browser-storage (PHI202)

; localStorage.setItem("dob", patient.dob)
; AsyncStorage.multiSet([["mrn", mrn]])
; store.put(record); res.cookie("name", patient.name)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "setItem" "mergeItem" "multiSet" "multiMerge" "setMany" "put" "add" "bulkPut" "bulkAdd" "set" "cookie" "setCookie")) @sink

; document.cookie = `mrn=${patient.mrn}`
; localStorage.ssn = patient.ssn
(assignment_expression
  left: (member_expression
    object: (_) @receiver
    property: (property_identifier) @key)
  right: (_) @value) @sink

; sessionStorage["dob"] = patient.dob
(assignment_expression
  left: (subscript_expression
    object: (_) @receiver
    index: (_) @key)
  right: (_) @value) @sink

; hono/cookie setCookie(c, "dob", patient.dob)
(call_expression
  function: (identifier) @method
  arguments: (arguments) @args
  (#eq? @method "setCookie")) @sink
