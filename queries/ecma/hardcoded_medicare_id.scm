; hardcoded-medicare-id (PHI802)

; const ssn = "212-45-6789";
(string) @finding

; const note = `SSN 212-45-6789`;
(template_string) @finding

; // SSN 212-45-6789
(comment) @finding

