; hardcoded-patient-record (PHI804)

; {"name": "Zelda Testperson", "dob": "1957-03-14", "diagnosis": "E11.9"}
(dictionary) @finding

; Patient.objects.create(first_name="Zelda", last_name="Testperson", dob=date(1957, 3, 14))
(call
  arguments: (argument_list
    (keyword_argument)) @finding)
