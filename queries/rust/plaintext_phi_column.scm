; plaintext-phi-column (PHI205)

; #[derive(DeriveEntityModel)] struct Model { ssn_sealed: Option<String>, injury_description: Option<String> }:
; an ORM model that encrypts some of its fields keeps others in plaintext
(struct_item
  body: (field_declaration_list)) @sink
