; phi-in-log (PHI101)

; log.warning("lookup failed for %s", patient.ssn)
; logging.info(f"admitted {patient.name}")
; structlog.get_logger().info("lookup", ssn=ssn)
; logger.bind(mrn=mrn)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "debug" "info" "warning" "warn" "error" "exception" "critical" "fatal" "log" "msg" "trace" "success" "bind" "contextualize")) @sink

; raise ValueError(f"no coverage for {patient.ssn}"): the message reaches tracebacks, logs and
; error reports.
(raise_statement
  (call
    function: (_) @exception
    arguments: (argument_list) @args) @sink)
