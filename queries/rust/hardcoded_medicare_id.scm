; hardcoded-medicare-id (PHI802)

; let ssn = "212-45-6789";
(string_literal) @finding

; let note = r"SSN 212-45-6789";
(raw_string_literal) @finding

; // SSN 212-45-6789
(line_comment) @finding

; /* SSN 212-45-6789 */
(block_comment) @finding

