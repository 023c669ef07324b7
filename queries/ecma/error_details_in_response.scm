; error-details-in-response (PHI702)

; res.status(500).send(err.message), res.json({ error: err }), reply.send(err.stack)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "send" "json" "end" "write" "jsonp")) @sink

; throw new NotFoundException(`No referrals on file for MRN ${mrn}`)
(throw_statement
  (new_expression
    constructor: (_) @callee
    arguments: (arguments) @args) @exception) @sink

; throw createError(404, `no chart for ${mrn}`), throw Boom.notFound(msg)
(throw_statement
  (call_expression
    function: (_) @callee
    arguments: (arguments) @args) @exception) @sink
