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

; for block in data.chunks_mut(16) { cipher.encrypt_block(block.into()) }: a block cipher applied
; to each block on its own is ECB mode
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "encrypt_block" "encrypt_block_mut" "encrypt_blocks" "encrypt_block_b2b")) @sink
