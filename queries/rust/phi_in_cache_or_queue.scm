; phi-in-cache-or-queue (PHI203)

; con.set(key, &patient.ssn)
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "set" "set_ex" "set_nx" "hset" "hset_multiple" "lpush" "rpush" "sadd" "xadd" "publish" "set_multiple" "mset")) @sink

; con.set::<_, _, ()>(key, &patient.ssn)
(call_expression
  function: (generic_function
    function: (field_expression
      value: (_) @receiver
      field: (field_identifier) @method))
  arguments: (arguments) @args
  (#any-of? @method "set" "set_ex" "set_nx" "hset" "hset_multiple" "lpush" "rpush" "sadd" "xadd" "publish" "set_multiple" "mset")) @sink

; redis::cmd("SETEX").arg(key).arg(ttl).arg(value).query_async(&mut con)
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#eq? @method "arg")) @sink
