; plaintext-phi-column (PHI205)

; class Patient(models.Model): ssn = models.CharField(max_length=11)
; class Patient(Base): ssn = Column(String(11))
; class Patient(Base): ssn: Mapped[str] = mapped_column(String(11))
(class_definition
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @key
        right: (call) @value) @sink)))

; class Shipper(PhoneMixin, models.Model): who uses which abstract model or mixin
(class_definition
  name: (identifier) @key) @sink

; item = {"subject": _enc(subject), "diagnosis_codes": dto["icd10"]}: a record that encrypts
; some of its PHI and keeps the rest in plaintext
(dictionary
  (pair
    value: [
      (call function: (_) @callee)
      (await (call function: (_) @callee))
    ])
  (#match? @callee "(?i)(encrypt|seal|cipher|fernet|kms|(^|\\.)_?enc$)")) @sink
