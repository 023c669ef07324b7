; phi-in-browser-storage (PHI202)

; response.set_cookie("dob", patient.dob): a cookie is kept in plaintext by the browser.
; Sanic response.add_cookie("dob", patient.dob)
; Tornado self.set_secure_cookie("last", json.dumps(record)): signed, not encrypted
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "set_cookie" "set_signed_cookie" "add_cookie" "set_secure_cookie")) @sink

; Flask / Quart `session["dob"] = patient.dob`, Starlette `request.session["patient"] = {...}`:
; a cookie-backed session is signed, not encrypted, and the browser keeps it.
(assignment
  left: (subscript
    value: (_) @receiver
    subscript: (_) @key)
  right: (_) @value
  (#match? @receiver "(^|\\.)session$")) @sink
