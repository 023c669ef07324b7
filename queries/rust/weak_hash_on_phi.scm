; weak-hash-on-phi (PHI601)

; md5::compute(patient.ssn.as_bytes()), Sha256::digest(mrn), sha256::digest(dob)
(call_expression
  function: (scoped_identifier
    name: (identifier) @_fn)
  arguments: (arguments) @args
  (#any-of? @_fn "compute" "digest")) @sink

; let mut h = Sha1::new(); h.update(patient.ssn.as_bytes())
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @_update)
  arguments: (arguments) @args
  (#any-of? @_update "update" "chain_update")) @sink

; format!("{:x}", md5::compute(ssn.as_bytes())): a hash call in a macro's token tree
(token_tree
  (identifier) @_crate
  .
  (identifier) @_fn
  .
  (token_tree) @args
  (#any-of? @_fn "compute" "digest")) @sink
