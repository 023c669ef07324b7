; insecure-cipher-mode (PHI602)

; Cipher::aes_128_ecb(), Cipher::des_ede3_cbc(), Cipher::rc4()
; Nonce::from_slice(b"unique nonce")
(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @method)
  arguments: (arguments) @args) @sink

; ecb::Encryptor::<Aes128>::new(..), des::TdesEde3::new(..)
(scoped_type_identifier
  path: (identifier) @receiver
  (#any-of? @receiver "ecb" "des" "rc4" "blowfish")) @sink

; use des::{Des, TdesEde3};
(scoped_use_list
  path: (identifier) @receiver
  (#any-of? @receiver "ecb" "des" "rc4" "blowfish")) @sink

; use ecb::Encryptor;
(use_declaration
  argument: (scoped_identifier
    path: (identifier) @receiver)
  (#any-of? @receiver "ecb" "des" "rc4" "blowfish")) @sink
