; phi-in-browser-storage (PHI202)

; response.set_cookie("dob", patient.dob): a cookie is kept in plaintext by the browser.
; Sanic response.add_cookie("dob", patient.dob)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "set_cookie" "set_signed_cookie" "add_cookie")) @sink
