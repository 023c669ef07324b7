; error-details-in-response (PHI702)

; return jsonify({"error": str(e)}), 500
; raise HTTPException(status_code=500, detail=repr(exc))
(call
  function: (identifier) @callee
  arguments: (argument_list
    .
    (identifier) @arg .)
  (#any-of? @callee "str" "repr")) @sink

; return traceback.format_exc()
(call
  function: (attribute
    attribute: (identifier) @method)
  (#any-of? @method "format_exc" "format_exception")) @sink

; return {"error": f"lookup failed: {e}"}
(interpolation
  (identifier) @arg) @sink
