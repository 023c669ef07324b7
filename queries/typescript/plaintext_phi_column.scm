; plaintext-phi-column (PHI205)

; TypeORM / MikroORM: @Column() mrn: string;  @Column({ transformer: encrypted }) ssn: string;
(public_field_definition
  decorator: (decorator
    (call_expression
      function: (identifier) @attribute
      arguments: (arguments) @args))
  name: (property_identifier) @key
  (#any-of? @attribute "Column" "Property")) @sink

; Lucid `@column() declare comorbidities` beside `@column(sealed) declare address`, LoopBack
; `@property() riskFactors` beside `assessmentSealed`: a model that encrypts some of its fields
(class_declaration
  body: (class_body)) @sink
