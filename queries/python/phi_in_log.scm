; phi-in-log (PHI101)

; log.warning("lookup failed for %s", patient.ssn)
; logging.info(f"admitted {patient.name}")
; structlog.get_logger().info("lookup", ssn=ssn)
; logger.bind(mrn=mrn)
; logger.append_keys(member_id=dto["member_id"]) (Powertools), structlog.contextvars.
; bind_contextvars(member_id=client.member_id): every later line of the
; request carries it
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "debug" "info" "warning" "warn" "error" "exception" "critical" "fatal" "log" "msg" "trace" "success" "bind" "contextualize" "bind_contextvars" "append_keys")) @sink

; raise ValueError(f"no coverage for {patient.ssn}"): the message reaches tracebacks, logs and
; error reports.
(raise_statement
  (call
    function: (_) @exception
    arguments: (argument_list) @args) @sink)

; create_engine(url, echo=True): SQLAlchemy logs every statement with its bound parameters;
; set_sql_debug(True, show_values=True): Pony logs every statement with its bound values.
; @logger.inject_lambda_context(log_event=True): Powertools logs every incoming event in full.
(call
  function: [
    (identifier) @_factory
    (attribute attribute: (identifier) @_factory)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @setting
      value: (true)))
  (#any-of? @_factory "create_engine" "create_async_engine" "inject_lambda_context" "set_sql_debug")
  (#any-of? @setting "echo" "log_event" "show_values")) @sink

