; plaintext-phi-column (PHI205)

; Drizzle pgTable("patients", { ssn: sealedText("ssn"), allergies: text("allergies") }),
; Sequelize define("Patient", { dob: sealedString("dob"), familyHistory: { type: DataTypes.JSONB } }),
; knex insert({ ssn_enc: await encrypt(ssn), member_id: values.member_id }): a record that
; encrypts some of its PHI and keeps the rest in plaintext
(object
  (pair
    value: [
      (call_expression function: (_) @callee)
      (await_expression (call_expression function: (_) @callee))
    ])
  (#match? @callee "(?i)(encrypt|seal|cipher|kms|(^|\\.)_?enc$)")) @sink

; A model class that encrypts some of its fields (`@column(sealed)`, `notesSealed`)
(class_declaration
  body: (class_body)) @sink
