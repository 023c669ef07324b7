; long-lived-session (PHI501)

; SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
; app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=31)
; session.permanent = True
(assignment
  left: (_) @key
  right: (_) @value) @sink

; request.session.set_expiry(3600)
; app.add_middleware(SessionMiddleware, secret_key=key)
; login_user(user, remember=True)
(call
  function: (_) @callee
  arguments: (argument_list) @args) @sink

; from .base import *
(import_from_statement
  module_name: (_) @key
  (wildcard_import)) @sink
