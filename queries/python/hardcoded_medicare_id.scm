; hardcoded-medicare-id (PHI802)

; ssn = "212-45-6789"
; """Fixture for patient 212-45-6789."""
(string) @finding

; # SSN 212-45-6789
(comment) @finding

