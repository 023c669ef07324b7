; phi-handler-without-audit (PHI401)

; The whole program: the check gathers per-file facts (route handlers, controllers, calls,
; audit middleware and interceptors) for the project-level join.
(program) @finding
