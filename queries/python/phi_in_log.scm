; phi-in-log (PHI101)

; log.warning("lookup failed for %s", patient.ssn)
; logging.info(f"admitted {patient.name}")
; structlog.get_logger().info("lookup", ssn=ssn)
; logger.bind(mrn=mrn)
; structlog.contextvars.bind_contextvars(member_id=client.member_id): every later line of the
; request carries it
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "debug" "info" "warning" "warn" "error" "exception" "critical" "fatal" "log" "msg" "trace" "success" "bind" "contextualize" "bind_contextvars")) @sink

; raise ValueError(f"no coverage for {patient.ssn}"): the message reaches tracebacks, logs and
; error reports.
(raise_statement
  (call
    function: (_) @exception
    arguments: (argument_list) @args) @sink)
