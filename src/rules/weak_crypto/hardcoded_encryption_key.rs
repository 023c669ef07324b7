//! PHI604 hardcoded-encryption-key.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};

use super::{is_constant_bytes, positional};

declare_rule! {
    /// ## What it does
    /// Flags encryption and MAC keys written into source: `Fernet(b"...")`,
    /// `AESGCM(b"...")`, `AES.new(b"...", ...)`, `hmac.new(b"...", ...)`,
    /// `crypto.createCipheriv(alg, "literal key", iv)`, `createHmac("sha256", "pepper")`,
    /// `CryptoJS.AES.encrypt(data, "passphrase")`, `Key::<Aes256Gcm>::from_slice(b"...")`,
    /// `Hmac::<Sha256>::new_from_slice(b"...")`.
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
    checker.report(
        key,
        sink,
        format!("`{callee}` is given a key written in the source; anyone with the code can decrypt or recompute what it protects"),
        Level::Error,
        confidence,
    );
}
