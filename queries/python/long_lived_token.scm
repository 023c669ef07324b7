; long-lived-token (PHI502)

; JWT_ACCESS_TOKEN_EXPIRES = False
; SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(days=7)}
(assignment
  left: (_) @key
  right: (_) @value) @sink

; jwt.encode({"sub": user_id}, key, algorithm="HS256")
; jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})
; create_access_token(identity=user_id, expires_delta=False)
(call
  function: (_) @callee
  arguments: (argument_list) @args) @sink
