; phi-handler-without-audit (PHI401)

; The whole crate file: the check gathers per-file facts (routed handlers, calls, audit
; layers, wraps and fairings) for the project-level join.
(source_file) @finding
