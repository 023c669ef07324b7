; phi-record-overshared (PHI705)

; return JsonResponse(model_to_dict(patient)); return jsonable_encoder(patient)
(call
  function: [
    (identifier) @callee
    (attribute
      attribute: (identifier) @callee)
  ]
  arguments: (argument_list
    .
    (_) @arg)
  (#any-of? @callee "model_to_dict" "jsonable_encoder" "vars" "asdict")) @sink

; return jsonify(patient.__dict__)
(attribute
  object: (_) @arg
  attribute: (identifier) @_dict
  (#eq? @_dict "__dict__")) @sink

; class Meta: model = Patient; fields = "__all__"
(class_definition
  name: (identifier) @_meta
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @key
        right: (string) @value)))
  (#eq? @_meta "Meta")
  (#eq? @key "fields")) @sink

; class PatientExternalTest(models.Model): mobile_number = models.CharField(max_length=14)
(class_definition
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @key
        right: (call) @value) @sink)))
