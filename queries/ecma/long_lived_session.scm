; long-lived-session (PHI501)

; app.use(session({ secret, cookie: { maxAge: 1000 * 60 * 60 * 24 * 7 } }))
; await fastify.register(fastifySession, { secret, cookie: {} })
; NextAuth({ providers, session: { maxAge: 30 * 24 * 60 * 60 } })
(call_expression
  function: (_) @callee
  arguments: (arguments) @args) @sink

; export const authOptions = { providers: [], session: { strategy: "jwt" } }
(variable_declarator
  name: (identifier) @key
  value: (object) @value) @sink
