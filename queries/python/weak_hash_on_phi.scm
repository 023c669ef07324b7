; weak-hash-on-phi (PHI601)

; hashlib.sha256(patient.ssn.encode())
; hashlib.new("md5", mrn.encode())
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_algo)
  arguments: (argument_list) @args
  (#any-of? @_algo "md5" "sha1" "sha224" "sha256" "sha384" "sha512" "sha3_256" "sha3_512" "blake2b" "blake2s" "new")) @sink

; sha256(ssn.encode()) after `from hashlib import sha256`
(call
  function: (identifier) @_algo
  arguments: (argument_list) @args
  (#any-of? @_algo "md5" "sha1" "sha224" "sha256" "sha384" "sha512")) @sink

; h = hashlib.md5(); h.update(patient.mrn.encode())
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @_update)
  arguments: (argument_list) @args
  (#eq? @_update "update")) @sink
