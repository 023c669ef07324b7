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

; const IDLE_LOGOUT_MS = 12 * 60 * 60 * 1000; const SESSION_TIMEOUT_MINUTES = 480
(variable_declarator
  name: (identifier) @key
  value: [
    (number)
    (binary_expression)
    (call_expression)
  ] @value
  (#match? @key "(?i)(idle|inactiv|logout|logoff|signout|session_?timeout)")) @sink

; module.exports = { session: { maxAge: 30 * 24 * 60 * 60 * 1000 } }
; export default defineNuxtConfig({ runtimeConfig: { session: { maxAge: 60 * 60 * 24 * 7 } } })
(pair
  key: (_) @key
  value: (_) @value) @sink
