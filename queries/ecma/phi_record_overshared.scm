; phi-record-overshared (PHI705)

; res.json(patient), res.send(await Patient.findById(id))
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments
    .
    (_) @arg .)
  (#any-of? @method "json" "send" "jsonp")) @sink
