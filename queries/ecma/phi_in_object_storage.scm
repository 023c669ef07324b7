; phi-in-object-storage (PHI204)

; await s3.send(new PutObjectCommand({ Bucket, Key, Body: JSON.stringify(patient) }))
; new Upload({ client, params: { Bucket, Key, Body } })
(new_expression
  constructor: (identifier) @callee
  arguments: (arguments
    .
    (object) @value)
  (#any-of? @callee "PutObjectCommand" "Upload")) @sink

; s3.putObject({ Bucket, Key, Body }).promise()
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments
    .
    (object) @value)
  (#any-of? @method "putObject" "upload")) @sink
