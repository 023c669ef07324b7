; weak-hash-on-phi (PHI601)

; crypto.createHash("md5").update(patient.ssn)
; const h = createHash("sha1"); h.update(mrn)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @_update)
  arguments: (arguments) @args
  (#eq? @_update "update")) @sink

; CryptoJS.MD5(patient.ssn), CryptoJS.SHA256(mrn), md5(dob)
; (Two patterns rather than one alternation: each is the same as other rules' plain and method
; call patterns, which the cursor then matches once for all of them.)
(call_expression
  function: (identifier) @_algo
  arguments: (arguments) @args
  (#any-of? @_algo "MD5" "SHA1" "SHA256" "SHA512" "md5" "sha1" "sha256")) @sink

(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_algo)
  arguments: (arguments) @args
  (#any-of? @_algo "MD5" "SHA1" "SHA256" "SHA512" "md5" "sha1" "sha256")) @sink

; WebCrypto: crypto.subtle.digest("SHA-1", enc.encode(`${lastName}|${dob}`))
(call_expression
  function: (member_expression
    object: (member_expression
      property: (property_identifier) @_subtle)
    property: (property_identifier) @_digest)
  arguments: (arguments) @args
  (#eq? @_subtle "subtle")
  (#eq? @_digest "digest")) @sink
