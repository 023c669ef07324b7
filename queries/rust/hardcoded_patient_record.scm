; hardcoded-patient-record (PHI804)

; Patient { name: "Zelda Testperson".into(), dob: "1957-03-14".into(), mrn: "00482913".into() }
(struct_expression) @finding
