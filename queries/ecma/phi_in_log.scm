; phi-in-log (PHI101)

; logger.info({ ssn: patient.ssn }, "lookup")
; req.log.warn(`failed for ${patient.name}`)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "trace" "debug" "info" "warn" "warning" "error" "fatal" "log" "silly" "verbose" "http" "child" "notice" "critical")) @sink

; const debug = require("debug")("app"); debug("loaded %o", patient)
(call_expression
  function: (identifier) @callee
  arguments: (arguments) @args
  (#any-of? @callee "debug" "log" "dbg" "logger" "trace")) @sink

; throw new Error(`no coverage for ${mrn}`): the message reaches stack traces, logs and error
; reports.
(throw_statement
  (new_expression
    constructor: (_) @exception
    arguments: (arguments) @args) @sink)

; drizzle(client, { logger: true }): Drizzle's default logger prints every query with its
; parameters.
(call_expression
  function: (identifier) @_factory
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @setting
        value: (true))))
  (#eq? @_factory "drizzle")
  (#eq? @setting "logger")) @sink

; Sequelize `{ logQueryParameters: true }` (in the constructor's options or a config file): every
; logged query carries its bound values.
(pair
  key: [(property_identifier) (string)] @setting
  value: (true)
  (#match? @setting "^['\"]?logQueryParameters['\"]?$")) @sink

; knex / Lucid `{ client: 'pg', debug: true }`: every query is logged with its bindings.
(object
  (pair
    key: (property_identifier) @_client
    value: (string))
  (pair
    key: (property_identifier) @setting
    value: (true))
  (#eq? @_client "client")
  (#eq? @setting "debug")) @sink

; MikroORM `debug: ['query-params']`: every query is logged with its parameters.
(pair
  key: (property_identifier) @setting
  value: (array (string) @value)
  (#eq? @setting "debug")
  (#match? @value "query-params")) @sink
