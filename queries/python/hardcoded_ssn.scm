; hardcoded-ssn (PHI801)

; ssn = "212-45-6789"
; """Fixture for patient 212-45-6789."""
(string) @finding

; # SSN 212-45-6789
(comment) @finding

; ssn = 212456789
(integer) @finding

