; phi-sent-to-third-party (PHI704)

; http.post("https://api.openai.com/v1/chat/completions").json(&json!({ "messages": .. }))
; .post(&cfg.llm.endpoint).bearer_auth(env::var("OPENAI_API_KEY")?).json(&body)
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "json" "body" "form" "query" "multipart")) @sink
