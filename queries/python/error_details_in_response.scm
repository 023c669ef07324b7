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

; raise web.HTTPNotFound(text=f"no results for MRN {mrn}")
; raise HTTPException(status_code=404, detail=f"no chart for {dob}")
(raise_statement
  (call
    function: (_) @callee
    arguments: (argument_list) @args) @exception) @sink

; abort(404, f"no chart for {mrn}"), JsonResponse({"error": ...}, status=404)
(call
  function: (identifier) @callee
  arguments: (argument_list) @args
  (#any-of? @callee "abort" "HttpResponseNotFound" "HttpResponseBadRequest" "HttpResponseForbidden" "HttpResponseGone" "HttpResponseServerError" "JsonResponse" "HttpResponse" "JSONResponse" "PlainTextResponse")) @sink

; return jsonify(error=f"no chart for {mrn}"), 404
(return_statement
  (expression_list
    .
    (_) @arg
    .
    (integer) @value)) @sink
