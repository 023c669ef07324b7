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
    /// Also flags a signing or encryption secret read from the environment with a literal
    /// fallback, which production runs with the day the variable is missing:
    /// `os.environ.get("JWT_SECRET", "cb-prod-3b9d71f0")`, django-environ
    /// `env("FIELD_ENCRYPTION_KEY", default="...")`, `process.env.X ?? '...'`,
    /// `session({ secret: process.env.SESSION_SECRET || '...' })`,
    /// `std::env::var("JWT_SECRET").unwrap_or_else(|_| "...".to_string())`, and a pydantic
    /// `BaseSettings` field such as `jwt_secret: str = "..."`.
    ///
    /// And token and cookie signing secrets written into source: `jwt.encode(claims, "...")`,
    /// `jwt.sign(claims, "...")`, `jwt.verify(token, "...")`, jose `SignJWT(..).sign(secret)`,
    /// `EncodingKey::from_secret(b"...")`, and settings named for a secret and set to a
    /// key-shaped literal (`app.config["SECRET_KEY"] = "..."`, `app.secret_key = "..."`,
    /// `session({ secret: "..." })`, `const JWT_SECRET: &str = "...";`). Names are those of keys
    /// (`*_SECRET`, `*_ENCRYPTION_KEY`, `JWT_KEY`, `SIGNING_KEY`), not another service's
    /// credentials (`CLIENT_SECRET`, `API_KEY`); placeholders (`change-me`, `local-dev-...`, fewer
    /// than 12 characters, no digit) are not keys.
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
    /// seen. In configuration files (YAML, JSON, TOML, `.env`), a key named for a signing or
    /// encryption secret (`field_key`, `JWT_SECRET`, `PRISMA_FIELD_ENCRYPTION_KEY`) holding a
    /// key-shaped literal is reported; other credentials are left to secret scanners.
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
        prefilter: crate::rules::Prefilter::Tokens(&["fernet", "aesgcm", "aes", "hmac", "createcipheriv", "createhmac", "cryptojs", "key", "keyinit", "fromslice", "newfromslice", "chacha20poly1305", "cipher", "secret", "jwt", "cookieparser"]),
        config: config,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    if let (Some(key), Some(value)) = (m.get("key"), m.get("value")) {
        return named_fallback(checker, key, value, m.get("receiver"));
    }
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    if matches!(method, "unwrap_or_else" | "unwrap_or") {
        if let Some(receiver) = m.get("receiver") {
            rust_env_fallback(checker, receiver, args);
        }
        return;
    }
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let receiver = m.get("receiver").map(|n| checker.text(n)).unwrap_or("");
    let rtokens = tokenize(receiver);
    let rhas = |w: &str| rtokens.iter().any(|t| t == w);
    let pos = positional(args);
    // Which positional argument is the key, per API.
    // A token signing secret: `jwt.encode(claims, "..")`, `jwt.sign(claims, "..")`,
    // `EncodingKey::from_secret(b"..")`.
    let signing = matches!(
        (sink.kind(), method),
        ("call", "encode" | "decode")
            | (
                "call_expression",
                "sign" | "verify" | "jwtVerify" | "cookieParser" | "from_secret"
            )
    );
    let key_index = match (sink.kind(), method) {
        // PyJWT / python-jose: `jwt.encode(claims, key, ...)`, `jwt.decode(token, key, ...)`.
        ("call", "encode" | "decode") if rhas("jwt") => {
            return signing_key(checker, sink, args, pos.get(1).copied());
        }
        ("call", "encode" | "decode") => None,
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
        // jose: `new SignJWT(claims)...sign(secret)`; jsonwebtoken: `jwt.sign(claims, secret)`,
        // `jwt.verify(token, secret)`; `jwtVerify(token, secret)`; `cookieParser(secret)`.
        ("call_expression", "sign") if receiver.contains("SignJWT") => Some(0),
        ("call_expression", "sign" | "verify") if rhas("jwt") || rhas("jsonwebtoken") => Some(1),
        ("call_expression", "sign" | "verify") => None,
        ("call_expression", "jwtVerify") => Some(1),
        ("call_expression", "cookieParser") => Some(0),
        // jsonwebtoken (Rust): `EncodingKey::from_secret(b"..")`, `DecodingKey::from_secret(..)`.
        ("call_expression", "from_secret") if rhas("encoding") || rhas("decoding") => Some(0),
        ("call_expression", "from_secret") => None,
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
    if signing {
        return signing_key(checker, sink, args, Some(key));
    }
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

/// A token or cookie signing secret written at the call: `jwt.encode(claims, "..")` (or
/// `key="..."`), `jwt.sign(claims, "..")`, `EncodingKey::from_secret(b"..")`, or a constant bound
/// to a literal. Whoever has the code can mint tokens the application trusts.
fn signing_key<'a>(
    checker: &mut Checker<'a>,
    sink: Node<'a>,
    args: Node<'a>,
    key: Option<Node<'a>>,
) {
    let key = key.or_else(|| crate::rules::unencrypted_storage::keyword(checker, args, "key"));
    let Some(key) = key else {
        return;
    };
    let text = checker.text(key);
    if matches!(text, "\"\"" | "''" | "b\"\"" | "b''" | "``") || !is_constant_bytes(checker, key, 0)
    {
        return;
    }
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    let (at, message) = match named_constant(checker, key) {
        Some((name, value)) => (
            value,
            format!("`{name}` is a signing secret written in the source (used by `{callee}`); anyone with the code can forge the tokens or cookies it signs"),
        ),
        None => (
            key,
            format!("`{callee}` is given a signing secret written in the source; anyone with the code can forge the tokens or cookies it signs"),
        ),
    };
    checker.report(at, sink, message, Level::Error, Confidence::High);
}

/// A secret named for what it signs or encrypts and set to a literal: `SECRET_KEY = ".."` in a
/// settings module, `app.config["SECRET_KEY"] = ".."`, `app.secret_key = ".."`,
/// `const JWT_SECRET = ".."`, `session({ secret: ".." })`, `const JWT_SECRET: &str = "..";`.
/// Values that are not shaped like a key (no digit, shorter than 12 characters: the name of a
/// session entry, a message) or that say they are placeholders, development and
/// test settings files, and values put into the environment (`os.environ["X"] = ".."`, which
/// test set-up does) are left alone.
fn direct_secret<'a>(
    checker: &mut Checker<'a>,
    name: &str,
    literal: Node<'a>,
    receiver: Option<Node<'a>>,
) {
    if receiver.is_some_and(|r| {
        let t = checker.text(r);
        t.ends_with("environ") || t.contains("process.env")
    }) {
        return;
    }
    if crate::rules::is_dev_file_name(checker.file.path) || !is_constant_bytes(checker, literal, 0)
    {
        return;
    }
    // A constant handed to a call (`Fernet(FIELD_KEY)`, `jwt.sign(claims, JWT_SECRET)`) is
    // judged, and reported with its use, where it is called.
    if passed_to_a_call(checker, name, literal) {
        return;
    }
    report_literal_key(
        checker,
        name,
        literal,
        "is a signing or encryption secret written in the source",
    );
}

/// Whether `name` (the constant `literal` is bound to) is an argument of a call elsewhere in the
/// file: `Fernet(FIELD_KEY)`, `jwt.sign(claims, JWT_SECRET)`, `KEY.encode()` handed on. At most
/// 64 uses are looked at.
fn passed_to_a_call(checker: &Checker<'_>, name: &str, literal: Node<'_>) -> bool {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return false;
    }
    let root = checker.file.tree.root_node();
    // The declaration itself (`secret: ".."` in `session({ .. })`) is not a use.
    let declaration = literal.up().unwrap_or(literal);
    for at in crate::flow::word_positions(checker.file.source, name).take(64) {
        let end = at + name.len();
        let Some(mut node) = root.descendant_for_byte_range(at, end) else {
            continue;
        };
        if declaration.start_byte() <= at && end <= declaration.end_byte() {
            continue;
        }
        for _ in 0..4 {
            let Some(parent) = node.up() else {
                break;
            };
            if matches!(parent.kind(), "arguments" | "argument_list") {
                return true;
            }
            node = parent;
        }
    }
    false
}

/// A secret read from the environment with a literal fallback, or a settings class's literal
/// default: `JWT_SECRET = os.environ.get("JWT_SECRET", "cb-prod-3b9d71f0")`,
/// `const SECRET = process.env.X ?? '...'`, `secret: process.env.SESSION_SECRET || '...'`,
/// `jwt_secret: str = "..."` in a pydantic `BaseSettings`. The fallback is what production
/// runs with the day the variable is missing, and it is in every clone.
fn named_fallback<'a>(
    checker: &mut Checker<'a>,
    key: Node<'a>,
    value: Node<'a>,
    receiver: Option<Node<'a>>,
) {
    // `app.config["SECRET_KEY"]`: the key's text without its quotes.
    let name = match key.kind() {
        "string" => match crate::flow::string_content(checker.text(key), key.kind()) {
            Some(n) => n,
            None => return,
        },
        _ => checker.text(key),
    };
    let mut name = name;
    // `const KEY = Buffer.from(env.FIELD_KEY || '..')`: the variable the environment is read
    // from may name the secret when the constant does not.
    if !is_secret_name(name) {
        let env_name = (value.kind() != "string")
            .then(|| env_variable(checker.text(value)))
            .flatten();
        match env_name.filter(|n| is_secret_name(n)) {
            Some(n) => name = n,
            None => return,
        }
    }
    let literal = match value.kind() {
        // `process.env.X ?? 'literal'`, `process.env.X || 'literal'`
        "binary_expression" => {
            let op = value
                .field("operator")
                .map(|o| checker.text(o))
                .unwrap_or("");
            let (Some(left), Some(right)) = (value.field("left"), value.field("right")) else {
                return;
            };
            if !matches!(op, "??" | "||") || !reads_env(checker.text(left)) {
                return;
            }
            right
        }
        // `Buffer.from(process.env.FIELD_KEY || '..', 'base64')`,
        // `new TextEncoder().encode(env.JWT_SECRET ?? '..')`: the fallback inside a conversion.
        "call_expression" => {
            let Some(first) = value
                .field("arguments")
                .and_then(|a| positional(a).first().copied())
                .filter(|f| f.kind() == "binary_expression")
            else {
                return;
            };
            return named_fallback(checker, key, first, receiver);
        }
        // `os.environ.get("N", "literal")`, `os.getenv("N", "literal")`, `env("N", default=..)`,
        // `config("N", default=..)`
        "call" => {
            let callee = value
                .field("function")
                .map(|f| checker.text(f))
                .unwrap_or("");
            let env_read = matches!(
                callee,
                "os.environ.get"
                    | "os.getenv"
                    | "environ.get"
                    | "getenv"
                    | "env"
                    | "env.str"
                    | "config"
                    | "env.get"
            );
            let Some(args) = value.field("arguments").filter(|_| env_read) else {
                return;
            };
            let default = crate::rules::unencrypted_storage::keyword(checker, args, "default")
                .or_else(|| positional(args).get(1).copied());
            let Some(default) = default else {
                return;
            };
            default
        }
        // `jwt_secret: str = "..."` in a settings class
        "string" if in_settings_class(checker, key) => value,
        "string" | "template_string" | "string_literal" => {
            return direct_secret(checker, name, value, receiver);
        }
        _ => return,
    };
    report_fallback(checker, name, literal);
}

/// The name of the environment variable an expression reads first (`FIELD_KEY` in
/// `Buffer.from(env.FIELD_KEY || '..')`, `process.env["JWT_SECRET"] ?? '..'`).
fn env_variable(text: &str) -> Option<&str> {
    let at = ["process.env.", "import.meta.env.", "env."]
        .iter()
        .filter_map(|p| text.find(p).map(|i| i + p.len()))
        .min()?;
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Whether an expression reads the environment in JS: `process.env.X`, SvelteKit's
/// `env.X` (`$env/dynamic/private`), Vite's `import.meta.env.X`, `Deno.env.get("X")`.
fn reads_env(text: &str) -> bool {
    text.starts_with("process.env")
        || text.starts_with("env.")
        || text.starts_with("env[")
        || text.starts_with("import.meta.env")
        || text.starts_with("Deno.env.get")
}

/// PHI604 in configuration files: a key named for a signing or encryption secret
/// (`field_key`, `JWT_SECRET`, `PRISMA_FIELD_ENCRYPTION_KEY`) holding a key-shaped literal,
/// not a reference to the environment or a secret store (`${JWT_SECRET}`, `{{ .Values.key }}`)
/// nor a placeholder.
fn config<'a>(c: &mut crate::config_files::ConfigChecker<'a>, e: &crate::config_files::Entry<'a>) {
    // Every entry of an opened file comes here: a byte test before the tokeniser (a secret's
    // name ends in one of these words, as the code queries' predicates require).
    let key = e.last_key().as_bytes();
    let may_name = [&b"secret"[..], b"key", b"pepper"]
        .iter()
        .any(|w| key.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)));
    if e.kind != crate::config_files::ScalarKind::String
        || !may_name
        || !is_secret_name(e.last_key())
    {
        return;
    }
    let value = e.text.trim();
    if crate::config_files::is_templated(value)
        || value.starts_with('$')
        || !looks_like_a_key(value)
    {
        return;
    }
    let message = format!(
        "`{}` is a signing or encryption secret written in the configuration; anyone with the repository can forge or decrypt what it protects",
        c.key_name(e)
    );
    // A template's (`.env.example`) key-shaped value is an example far more often than the key
    // deployments run with: shown with `--min-confidence low`.
    let confidence = if c.template {
        Confidence::Low
    } else {
        Confidence::Medium
    };
    c.report(e, message, Level::Error, confidence);
}

/// `std::env::var("GATEWAY_JWT_SECRET").unwrap_or_else(|_| "...".to_string())`.
fn rust_env_fallback<'a>(checker: &mut Checker<'a>, receiver: Node<'a>, args: Node<'a>) {
    let callee = receiver
        .field("function")
        .map(|f| checker.text(f))
        .unwrap_or("");
    if !matches!(
        callee,
        "std::env::var" | "env::var" | "var" | "dotenvy::var" | "dotenv::var"
    ) {
        return;
    }
    let Some(name) = receiver
        .field("arguments")
        .and_then(|a| a.named_child(0))
        .and_then(|a| crate::flow::string_content(checker.text(a), a.kind()))
    else {
        return;
    };
    if !is_secret_name(name) {
        return;
    }
    // The literal inside the fallback: `|_| "..".to_string()`, `"..".into()`, `String::from("..")`.
    let Some(arg) = positional(args).first().copied() else {
        return;
    };
    let mut found = None;
    crate::tree::preorder(arg, |n, depth| {
        if depth > 8 {
            return crate::tree::Walk::Skip;
        }
        if n.kind() == "string_literal" {
            found = Some(n);
            return crate::tree::Walk::Stop;
        }
        crate::tree::Walk::Descend
    });
    if let Some(literal) = found {
        report_fallback(checker, name, literal);
    }
}

/// Whether a variable or environment name holds a key or signing secret: `JWT_SECRET`,
/// `SESSION_SECRET`, `FIELD_ENCRYPTION_KEY`, `signingKey` (not `API_KEY_HEADER`, `SECRET_NAME`).
fn is_secret_name(name: &str) -> bool {
    let tokens: Vec<String> = tokenize(name)
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let Some(last) = tokens.last() else {
        return false;
    };
    // An OAuth client's or an API's secret is a credential for another service, left to
    // secret scanners; this rule is about the keys that sign or encrypt this application's data.
    let credential = tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "client" | "api" | "consumer" | "oauth" | "webhook" | "aws" | "access" | "storage"
        )
    });
    match last.as_str() {
        "secret" | "pepper" => !credential,
        // (`SESSION_KEY`, `wizard_session_key`: the name of a session entry, not a key.)
        "key" => {
            !credential
                && tokens.iter().any(|t| {
                    matches!(
                        t.as_str(),
                        "encryption"
                            | "signing"
                            | "jwt"
                            | "hmac"
                            | "aes"
                            | "fernet"
                            | "pgp"
                            | "cipher"
                            | "crypto"
                            | "field"
                            | "secret"
                    )
                })
        }
        _ => false,
    }
}

/// Whether `key` is a field of a pydantic / pydantic-settings `BaseSettings` class.
fn in_settings_class(checker: &Checker<'_>, key: Node<'_>) -> bool {
    let Some(class) = key
        .up()
        .and_then(|a| a.up())
        .and_then(|s| s.up())
        .filter(|b| b.kind() == "block")
        .and_then(|b| b.up())
        .filter(|c| c.kind() == "class_definition")
    else {
        return false;
    };
    class
        .field("superclasses")
        .is_some_and(|s| checker.text(s).contains("Settings"))
}

/// Reports a literal fallback key, unless it is a placeholder (`"change-me"`, `""`, `"dev"`).
fn report_fallback<'a>(checker: &mut Checker<'a>, name: &str, literal: Node<'a>) {
    report_literal_key(
        checker,
        name,
        literal,
        "falls back to a key written in the source when the environment does not set it",
    );
}

/// Reports the literal a secret named `name` holds, when it is shaped like key material rather
/// than a placeholder, the name of a key (`SESSION_KEY = "_auth_user_id"`) or a message; `what`
/// says how the name gets it.
fn report_literal_key<'a>(checker: &mut Checker<'a>, name: &str, literal: Node<'a>, what: &str) {
    let Some(content) = crate::flow::string_content(checker.text(literal), literal.kind()) else {
        return;
    };
    if !looks_like_a_key(content) {
        return;
    }
    let shown = crate::flow::display_name(&[name]);
    checker.report(
        literal,
        literal,
        format!("`{shown}` {what}; anyone with the code can forge or decrypt what it protects"),
        Level::Error,
        Confidence::Medium,
    );
}

/// Whether a literal is shaped like a real key rather than a placeholder: at least 12
/// characters, letters and digits both, and no placeholder word.
fn looks_like_a_key(s: &str) -> bool {
    s.len() >= 12
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && !is_placeholder(s)
}

/// Whether a literal says it is a placeholder, an example or a development value, or is a
/// secret kept encrypted (SOPS `ENC[AES256_GCM,..]`, Ansible Vault) or a reference to a store.
fn is_placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    // `GENERATE_NEW_SECRET_WITH_openssl_rand_base64_64`, `YOUR_JWT_SECRET`: words joined by `_`,
    // an instruction rather than key material (random base64 mixes cases and digits).
    let words = s
        .split(['_', '-'])
        .filter(|w| {
            w.len() >= 3
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && (w.bytes().all(|b| b.is_ascii_uppercase())
                    || w.bytes().all(|b| b.is_ascii_lowercase()))
        })
        .count();
    if words >= 3 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return true;
    }
    if [
        "enc[",
        "$ansible_vault",
        "vault:",
        "arn:aws:",
        "kms:",
        "ssm:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    [
        "change",
        "replace",
        "your",
        "example",
        "placeholder",
        "xxx",
        "dummy",
        "insecure",
        "todo",
        "fixme",
        "notsecret",
        "not-secret",
        "sample",
        "dev-",
        "-dev",
        "dev_",
        "_dev",
        "local",
        "test",
        "fake",
        "secret-key-here",
        "<",
        "${",
        "generate",
    ]
    .iter()
    .any(|w| lower.contains(w))
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
