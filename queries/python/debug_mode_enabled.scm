; debug-mode-enabled (PHI703)

; DEBUG = True (Django settings module)
(module
  (expression_statement
    (assignment
      left: (identifier) @key
      right: (true) @value)
    (#eq? @key "DEBUG")) @sink)

; app.run(debug=True), FastAPI(debug=True), Starlette(debug=True)
(call
  function: (_) @callee
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (true) @value))
  (#eq? @key "debug")) @sink

; app.debug = True; app.config["DEBUG"] = True
(assignment
  left: [
    (attribute
      attribute: (identifier) @key)
    (subscript
      subscript: (string) @key)
  ]
  right: (true) @value
  (#match? @key "^[\"']?(debug|DEBUG)[\"']?$")) @sink

; logger.add(sink) from loguru, without diagnose=False
(call
  function: (attribute
    object: (identifier) @receiver
    attribute: (identifier) @_add)
  arguments: (argument_list) @args
  (#eq? @_add "add")
  (#eq? @receiver "logger")) @sink
