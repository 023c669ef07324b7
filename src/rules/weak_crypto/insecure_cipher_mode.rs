//! PHI602 insecure-cipher-mode.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::unwrap_parens;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::{is_constant_bytes, keyword, positional, string_value};

declare_rule! {
    /// ## What it does
    /// Flags ciphers and modes that do not protect data: ECB mode (`AES.MODE_ECB`,
    /// `modes.ECB()`, `"aes-256-ecb"`, `Cipher::aes_128_ecb()`), removed or broken ciphers
    /// (DES, 3DES, RC4, Blowfish, CAST5, IDEA, SEED), Node's `crypto.createCipher` (an MD5 key
    /// derivation and a fixed IV), and a constant IV or nonce (`modes.CBC(b"\x00" * 16)`,
    /// `Buffer.alloc(16, 0)`, `Nonce::from_slice(b"unique nonce")`). A Rust type alias of an
    /// ECB or removed cipher (`type Aes128EcbEnc = ecb::Encryptor<Aes128>`) is reported where it
    /// encrypts (`Aes128EcbEnc::new(key)`).
    ///
    /// Also RustCrypto `encrypt_block` applied to each chunk of a message in a loop or an
    /// iterator closure, and `encrypt_blocks`: every block encrypted alone is ECB mode.
    ///
    /// ## Why is this bad?
    /// ECB encrypts equal blocks to equal ciphertext, so the structure of records shows
    /// through; the removed ciphers are breakable; a reused nonce lets an attacker recover the
    /// keystream of AES-GCM and ChaCha20 and forge messages. Encryption of ePHI must actually
    /// protect it (45 CFR 164.312(a)(2)(iv)) and detect changes (164.312(c)(2)).
    ///
    /// ## Example
    /// ```python
    /// cipher = AES.new(key, AES.MODE_ECB)
    /// ct = AESGCM(key).encrypt(b"static nonce", record, None)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// nonce = os.urandom(12)
    /// ct = AESGCM(key).encrypt(nonce, record, None)
    /// ```
    ///
    /// ## Known limitations
    /// CBC and CTR without a MAC are not reported (the MAC is usually computed elsewhere). A
    /// constant IV is recognised when it is a literal, a zero buffer, or a variable bound to
    /// one in the same file.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption), 164.312(c)(2) (mechanism to
    ///   authenticate ePHI)
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm; CWE-329: Generation of
    ///   Predictable IV with CBC Mode; CWE-323: Reusing a Nonce, Key Pair in Encryption
    pub INSECURE_CIPHER_MODE = "PHI602" {
        name: "insecure-cipher-mode",
        file: insecure_cipher_mode,
        category: WeakCrypto,
        safeguards: [EncryptionAtRest, AuthenticateEphi],
        level: Error,
        confidence: High,
        cwe: [327, 329, 323],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["ecb", "des", "des3", "tripledes", "rc4", "arc4", "blowfish", "cast5", "idea", "seed", "createcipher", "createcipheriv", "cipher", "iv", "nonce", "crypto", "cryptojs", "aes", "modes", "symm", "openssl"]),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let receiver = m.get("receiver");
    let receiver_text = receiver.map(|r| checker.text(r)).unwrap_or("");
    let receiver_tokens = tokenize(receiver_text);
    let has = |w: &str| receiver_tokens.iter().any(|t| t == w);
    let report = |checker: &mut Checker<'a>, focus: Node<'a>, message: String| {
        checker.report(focus, sink, message, Level::Error, Confidence::High);
    };
    match sink.kind() {
        // Python `AES.MODE_ECB`, `modes.ECB`, `algorithms.TripleDES`
        "attribute" => {
            let ok = match method {
                "MODE_ECB" => true,
                "ECB" => has("modes"),
                _ => has("algorithms") || has("decrepit"),
            };
            if ok {
                report_selected(checker, sink, method.contains("ECB"), method);
            }
        }
        // CryptoJS `CryptoJS.mode.ECB`, `CryptoJS.DES`
        "member_expression" => {
            let ok = match method {
                "ECB" => has("mode"),
                _ => has("crypto") && has("js"),
            };
            // `CryptoJS.DES.encrypt` holds `CryptoJS.DES`: report the innermost only.
            if ok {
                report_selected(checker, sink, method == "ECB", method);
            }
        }
        // Rust `ecb::Encryptor`, `use des::{..}`
        "scoped_type_identifier" | "scoped_use_list" | "use_declaration" => {
            let what = match receiver_text {
                "ecb" => "ECB mode",
                "des" => "the DES cipher",
                "rc4" => "the RC4 cipher",
                _ => "the Blowfish cipher",
            };
            // `type Aes128EcbEnc = ecb::Encryptor<Aes128>;`: reported where the alias encrypts
            // (`Aes128EcbEnc::new(key)`), the line that handles the data; at the alias when it
            // is never used in this file.
            if let Some(alias) = type_alias_name(checker, sink) {
                let uses = alias_uses(checker, alias);
                if !uses.is_empty() {
                    for u in uses {
                        checker.report(
                            u,
                            u,
                            format!("`{alias}` is {what} (crate `{receiver_text}`), which does not protect encrypted data"),
                            Level::Error,
                            Confidence::High,
                        );
                    }
                    return;
                }
            }
            let focus = receiver.unwrap_or(sink);
            report(checker, focus, format!("crate `{receiver_text}` provides {what}, which does not protect encrypted data"));
        }
        "call" => python_call(checker, sink, method, receiver, m.get("args")),
        "call_expression" if checker.file.lang.family() == crate::lang::Family::Rust => {
            rust_call(checker, sink, method, receiver_text, m.get("args"))
        }
        "call_expression" => ecma_call(checker, sink, method, m.get("args")),
        _ => {}
    }
}

fn static_iv_message(what: &str, callee: &str) -> String {
    format!("`{callee}` is given a constant {what}; reusing an IV or nonce with one key exposes the encrypted data")
}

fn python_call<'a>(
    checker: &mut Checker<'a>,
    sink: Node<'a>,
    method: &str,
    receiver: Option<Node<'a>>,
    args: Option<Node<'a>>,
) {
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    let receiver_text = receiver.map(|r| checker.text(r)).unwrap_or("");
    // `DES.new(...)`, `ARC4.new(...)`: no `@args` in that pattern.
    if args.is_none() {
        checker.report(
            sink,
            sink,
            format!(
                "`{callee}` uses the {receiver_text} cipher, which does not protect encrypted data"
            ),
            Level::Error,
            Confidence::High,
        );
        return;
    }
    let Some(args) = args else { return };
    let pos = positional(args);
    match method {
        "CBC" | "CTR" | "GCM" | "CFB" | "OFB" | "CFB8" => {
            if !tokenize(receiver_text).iter().any(|t| t == "modes") {
                return;
            }
            let iv = pos
                .first()
                .copied()
                .or_else(|| keyword(checker, args, "initialization_vector"))
                .or_else(|| keyword(checker, args, "nonce"));
            if let Some(iv) = iv.filter(|iv| is_constant_bytes(checker, *iv, 0)) {
                let what = if method == "GCM" || method == "CTR" {
                    "nonce"
                } else {
                    "IV"
                };
                checker.report(
                    iv,
                    sink,
                    static_iv_message(what, callee),
                    Level::Error,
                    Confidence::High,
                );
            }
        }
        "new" => {
            // PyCryptodome `AES.new(key, mode, iv)` or `iv=`/`nonce=`
            let iv = pos
                .get(2)
                .copied()
                .or_else(|| keyword(checker, args, "iv"))
                .or_else(|| keyword(checker, args, "nonce"));
            if let Some(iv) = iv.filter(|iv| is_constant_bytes(checker, *iv, 0)) {
                checker.report(
                    iv,
                    sink,
                    static_iv_message("IV or nonce", callee),
                    Level::Error,
                    Confidence::High,
                );
            }
        }
        "encrypt" => {
            // `AESGCM(key).encrypt(nonce, data, aad)`, or `aead = ChaCha20Poly1305(k)` first.
            let Some(receiver) = receiver else { return };
            let receiver = unwrap_parens(receiver);
            let ctor = if receiver.kind() == "identifier" {
                checker.file.flow.binding_value(receiver)
            } else {
                Some(receiver)
            };
            let Some(ctor) = ctor.filter(|c| c.kind() == "call") else {
                return;
            };
            let ctor_callee = crate::flow::callee(ctor)
                .map(|c| checker.text(c))
                .unwrap_or("");
            let joined = tokenize(ctor_callee).concat();
            let aead = [
                "aesgcm",
                "chacha20poly1305",
                "aesccm",
                "aesocb3",
                "aesgcmsiv",
            ]
            .iter()
            .any(|w| joined.ends_with(w));
            if !aead {
                return;
            }
            if let Some(nonce) = pos
                .first()
                .copied()
                .filter(|n| is_constant_bytes(checker, *n, 0))
            {
                checker.report(
                    nonce,
                    sink,
                    static_iv_message("nonce", callee),
                    Level::Error,
                    Confidence::High,
                );
            }
        }
        _ => {}
    }
}

fn ecma_call<'a>(checker: &mut Checker<'a>, sink: Node<'a>, method: &str, args: Option<Node<'a>>) {
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    if method == "createCipher" || method == "createDecipher" {
        checker.report(
            sink,
            sink,
            format!("`{callee}` derives the key with unsalted MD5 and uses a fixed IV; it is removed from Node.js"),
            Level::Error,
            Confidence::High,
        );
        return;
    }
    let Some(args) = args else { return };
    let pos = positional(args);
    let Some(alg) = pos.first().and_then(|a| string_value(checker, *a)) else {
        return;
    };
    let lower = alg.to_ascii_lowercase();
    let weak = if lower.ends_with("ecb") {
        Some("ECB mode")
    } else if lower.starts_with("des") {
        Some("the DES cipher")
    } else if lower.starts_with("rc4") || lower.starts_with("rc2") {
        Some("the RC4 cipher")
    } else if lower.starts_with("bf") || lower.starts_with("blowfish") || lower.starts_with("cast")
    {
        Some("the Blowfish or CAST cipher")
    } else {
        None
    };
    if let Some(what) = weak {
        checker.report(
            pos[0],
            sink,
            format!("`{callee}` selects {what}, which does not protect encrypted data"),
            Level::Error,
            Confidence::High,
        );
        return;
    }
    if let Some(iv) = pos
        .get(2)
        .copied()
        .filter(|iv| is_constant_bytes(checker, *iv, 0))
    {
        let what = if lower.contains("gcm") || lower.contains("ctr") || lower.contains("chacha") {
            "nonce"
        } else {
            "IV"
        };
        checker.report(
            iv,
            sink,
            static_iv_message(what, callee),
            Level::Error,
            Confidence::High,
        );
    }
}

/// Whether a call sits in a `for` loop or an iterator closure (`chunks_mut(16).for_each(..)`)
/// within its function.
fn in_block_loop(node: Node<'_>) -> bool {
    let mut n = node.up();
    while let Some(p) = n {
        match p.kind() {
            "for_expression" | "while_expression" | "loop_expression" | "closure_expression" => {
                return true
            }
            "function_item" | "impl_item" => return false,
            _ => {}
        }
        n = p.up();
    }
    false
}

fn rust_call<'a>(
    checker: &mut Checker<'a>,
    sink: Node<'a>,
    method: &str,
    receiver_text: &str,
    args: Option<Node<'a>>,
) {
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    // RustCrypto `BlockEncrypt::encrypt_block` over a message's chunks, in a loop or an
    // iterator closure: every block encrypted alone with the same key, which is ECB.
    if method.starts_with("encrypt_block") {
        if method == "encrypt_blocks" || in_block_loop(sink) {
            checker.report(
                sink,
                sink,
                format!("`{callee}` encrypts each block on its own (ECB mode), which does not protect encrypted data"),
                Level::Error,
                Confidence::High,
            );
        }
        return;
    }
    let last = receiver_text.rsplit("::").next().unwrap_or(receiver_text);
    if last == "Cipher" {
        let what = if method.ends_with("_ecb") {
            Some("ECB mode")
        } else if method.starts_with("des") {
            Some("the DES cipher")
        } else if method.starts_with("rc4") {
            Some("the RC4 cipher")
        } else if method.starts_with("bf_") || method.starts_with("cast5") {
            Some("the Blowfish or CAST cipher")
        } else {
            None
        };
        if let Some(what) = what {
            checker.report(
                sink,
                sink,
                format!("`{callee}` selects {what}, which does not protect encrypted data"),
                Level::Error,
                Confidence::High,
            );
        }
        return;
    }
    let tokens = tokenize(receiver_text);
    let is_nonce = tokens.iter().any(|t| t == "nonce" || t == "iv");
    if !is_nonce
        || !matches!(
            method,
            "from_slice"
                | "from"
                | "assume_unique_for_key"
                | "try_assume_unique_for_key"
                | "clone_from_slice"
        )
    {
        return;
    }
    let Some(first) = args.and_then(|a| positional(a).into_iter().next()) else {
        return;
    };
    if is_constant_bytes(checker, first, 0) {
        checker.report(
            first,
            sink,
            static_iv_message("nonce", callee),
            Level::Error,
            Confidence::High,
        );
    }
}

/// Reports a call or member that selects ECB mode or a broken cipher.
fn report_selected<'a>(checker: &mut Checker<'a>, sink: Node<'a>, ecb: bool, method: &str) {
    let what = if ecb {
        "ECB mode".to_string()
    } else {
        format!("the {method} cipher")
    };
    let message = format!(
        "`{}` selects {what}, which does not protect encrypted data",
        checker.sink_name(sink)
    );
    checker.report(sink, sink, message, Level::Error, Confidence::High);
}

/// The name of the type alias a type is the value of: `Aes128EcbEnc` in
/// `type Aes128EcbEnc = ecb::Encryptor<aes::Aes128>;`.
fn type_alias_name<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let mut n = node.parent();
    while let Some(p) = n {
        if p.kind() == "type_item" {
            return p.field("name").map(|t| checker.text(t));
        }
        if !matches!(
            p.kind(),
            "generic_type" | "type_arguments" | "scoped_type_identifier"
        ) {
            return None;
        }
        n = p.parent();
    }
    None
}

/// The paths that call through a type alias: `Aes128EcbEnc::new(..)`, at most 16.
fn alias_uses<'a>(checker: &Checker<'a>, alias: &str) -> Vec<Node<'a>> {
    let source = checker.file.source;
    let root = checker.file.tree.root_node();
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    for (at, _) in source.match_indices(alias) {
        if out.len() == 16 {
            break;
        }
        let end = at + alias.len();
        let before_ok =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !before_ok || !source[end..].starts_with("::") {
            continue;
        }
        let Some(leaf) = root.descendant_for_byte_range(at, end) else {
            continue;
        };
        if leaf.kind() == "identifier" || leaf.kind() == "type_identifier" {
            out.push(leaf);
        }
    }
    out
}
