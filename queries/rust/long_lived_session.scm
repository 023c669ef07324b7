; long-lived-session (PHI501)

; SessionMiddleware::builder(store, key).session_lifecycle(PersistentSession::default()).build()
; SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::days(7)))
; cookies.add_private(Cookie::new("user_id", id))
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @sink
