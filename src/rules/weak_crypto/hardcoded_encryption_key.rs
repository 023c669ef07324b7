//! PHI604 hardcoded-encryption-key.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::{is_constant_bytes, positional};

declare_rule! {
    /// ## What it does
    /// Flags encryption and MAC keys written into source: `Fernet(b"...")`,
    /// `AESGCM(b"...")`, `AES.new(b"...", ...)`, `hmac.new(b"...", ...)`,
    /// `crypto.createCipheriv(alg, "literal key", iv)`, `createHmac("sha256", "pepper")`,
    /// `CryptoJS.AES.encrypt(data, "passphrase")`, `Key::<Aes256Gcm>::from_slice(b"...")`,
    /// `Hmac::<Sha256>::new_from_slice(b"...")`, RustCrypto `KeyInit::new` on a cipher type
    /// (`Aes128EcbEnc::new(KEY.into())`). A key held in a named constant
    /// (`const EXPORT_KEY = Buffer.from("..", "hex")`, `const RECON_KEY: &[u8; 16] = b".."`,
    /// `STORAGE_SECRET = "..."`) is reported once, where it is written, however many calls use
    /// it.
    ///
    /// ## Why is this bad?
    /// A key in source is in every clone, fork, build artefact and backup of the repository,
    /// and it cannot be rotated without a release. Whoever reads the code can decrypt the ePHI
    /// it protects (45 CFR 164.312(a)(2)(iv)) or recompute the pseudonyms a keyed hash was meant
    /// to protect (164.514(c)).
    ///
    /// ## Example
    /// ```python
    /// box = Fernet(b"bXktc2VjcmV0LWtleS1ub3QtcmVhbC0wMDAwMDAwMDA=")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// box = Fernet(os.environ["FIELD_ENCRYPTION_KEY"])  # or a KMS data key
    /// ```
    ///
    /// ## Known limitations
    /// Only literal keys at the call, or variables bound to a literal in the same file, are
    /// seen; keys in configuration files are left to secret scanners.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption), 164.514(c) (re-identification
    ///   codes)
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    pub HARDCODED_ENCRYPTION_KEY = "PHI604" {
        name: "hardcoded-encryption-key",
        file: hardcoded_encryption_key,
        category: WeakCrypto,
        safeguards: [EncryptionAtRest, ReidentificationCode],
        level: Error,
        confidence: High,
        cwe: [321],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["fernet", "aesgcm", "aes", "hmac", "createcipheriv", "createhmac", "cryptojs", "key", "keyinit", "fromslice", "newfromslice", "chacha20poly1305", "cipher", "secret"]),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let receiver = m.get("receiver").map(|n| checker.text(n)).unwrap_or("");
    let rtokens = tokenize(receiver);
    let rhas = |w: &str| rtokens.iter().any(|t| t == w);
    let pos = positional(args);
    // Which positional argument is the key, per API.
    let key_index = match (sink.kind(), method) {
        ("call", "new") if receiver == "AES" || receiver == "hmac" => Some(0),
        ("call", "new") => None,
        ("call", "AES") if rhas("algorithms") => Some(0),
        ("call", "AES") => None,
        ("call", _) => Some(0),
        ("call_expression", "createCipheriv" | "createDecipheriv" | "createHmac") => Some(1),
        // CryptoJS.AES.encrypt(data, key), CryptoJS.TripleDES.decrypt(data, key)
        ("call_expression", "encrypt" | "decrypt")
            if rhas("crypto") && rhas("js") || rhas("aes") =>
        {
            Some(1)
        }
        ("call_expression", "from_slice" | "new_from_slice") => {
            let aead_key =
                rhas("key") || rhas("hmac") || rhas("gcm") || rhas("poly1305") || rhas("siv");
            aead_key.then_some(0)
        }
        ("call_expression", "new") if rhas("unbound") && rhas("key") => Some(1),
        // RustCrypto `KeyInit::new(key)`: `Aes256Gcm::new(..)`, `Aes128EcbEnc::new(..)`,
        // `cbc::Encryptor::<Aes128>::new(key, iv)`, `ChaCha20Poly1305::new(..)`.
        ("call_expression", "new")
            if [
                "aes", "gcm", "chacha20", "poly1305", "cbc", "ecb", "ctr", "des", "cipher",
            ]
            .iter()
            .any(|w| rhas(w)) =>
        {
            Some(0)
        }
        _ => None,
    };
    let Some(key) = key_index.and_then(|i| pos.get(i).copied()) else {
        return;
    };
    // An empty string is a placeholder or test double, not a key.
    let text = checker.text(key);
    if matches!(text, "\"\"" | "''" | "b\"\"" | "b''" | "``") {
        return;
    }
    if !is_constant_bytes(checker, key, 0) {
        return;
    }
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    // Test code is demoted centrally, in `Checker::report`.
    let confidence = Confidence::High;
    // A named constant (`const EXPORT_KEY = Buffer.from("..", "hex")`, `RECON_KEY: &[u8; 16] =
    // b".."`) is reported once, where the key is written: that is the line to change, however
    // many calls use it.
    if let Some((name, value)) = named_constant(checker, key) {
        // `let key = Key::<Aes256Gcm>::from_slice(b"..")` is reported at that call.
        let bound_to_key_api = crate::flow::callee(value).is_some_and(|c| {
            let t = checker.text(c);
            matches!(
                t.rsplit(['.', ':']).next(),
                Some("from_slice" | "new_from_slice")
            )
        });
        // `ENCRYPTION_KEY = b""`: a placeholder to fill in, not a key.
        let empty = matches!(checker.text(value), "\"\"" | "''" | "b\"\"" | "b''" | "``");
        if bound_to_key_api || empty {
            return;
        }
        checker.report(
            value,
            value,
            format!("`{name}` is a key written in the source (used by `{callee}`); anyone with the code can decrypt or recompute what it protects"),
            Level::Error,
            confidence,
        );
        return;
    }
    checker.report(
        key,
        sink,
        format!("`{callee}` is given a key written in the source; anyone with the code can decrypt or recompute what it protects"),
        Level::Error,
        confidence,
    );
}

/// The constant a key argument names and the literal it is bound to: `EXPORT_KEY`,
/// `&RECON_KEY`, `RECON_KEY.into()`, `KEY.as_bytes()`.
fn named_constant<'a>(checker: &Checker<'a>, key: Node<'a>) -> Option<(&'a str, Node<'a>)> {
    let mut node = crate::flow::unwrap_parens(key);
    for _ in 0..4 {
        node = match node.kind() {
            "reference_expression" => node.field("value")?,
            "call_expression" | "call" => {
                let f = node.field("function")?;
                let method = f
                    .field("field")
                    .or_else(|| f.field("property"))
                    .or_else(|| f.field("attribute"))
                    .map(|m| checker.text(m))?;
                if !matches!(
                    method,
                    "into" | "as_ref" | "as_bytes" | "to_vec" | "encode" | "as_slice"
                ) {
                    return None;
                }
                f.field("value").or_else(|| f.field("object"))?
            }
            _ => break,
        };
    }
    if node.kind() != "identifier" {
        return None;
    }
    let value = super::bound_value(checker, node)?;
    Some((checker.text(node), value))
}
