; error-details-in-response (PHI702)

; res.status(500).send(err.message), res.json({ error: err }), reply.send(err.stack)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "send" "json" "end" "write" "jsonp")) @sink
