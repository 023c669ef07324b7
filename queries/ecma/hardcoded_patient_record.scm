; hardcoded-patient-record (PHI804)

; { firstName: "Zelda", lastName: "Testperson", dob: "1957-03-14", diagnosis: "E11.9" }
(object) @finding
