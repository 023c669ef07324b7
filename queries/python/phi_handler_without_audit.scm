; phi-handler-without-audit (PHI401)

; The whole module: the check gathers per-file facts (handlers, calls, audit middleware,
; model history) for the project-level join.
(module) @finding
