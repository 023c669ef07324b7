//! weak-crypto: weak or misused cryptography on PHI (45 CFR 164.312(a)(2)(iv) encryption,
//! 164.312(c)(2) integrity, 164.312(d) entity authentication, 164.514(c) re-identification
//! codes).
//!
//! Two shapes of rule live here. Rules about *data* (a fast hash applied to an identifier) ask
//! the shared data-flow layer whether the hashed value is PHI and report with its evidence.
//! Rules about *configuration* (ECB, a constant IV, JWT signatures turned off) are findings
//! whatever the data, because the code around them is what carries the PHI; they report with
//! a fixed level.

pub mod hardcoded_encryption_key;
pub mod insecure_cipher_mode;
pub mod jwt_signature_verification_disabled;
pub mod weak_hash_on_phi;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::{string_content, unwrap_parens};
use crate::tree::NodeExt;

/// The content of a plain string literal, following one local binding
/// (`ALG = "md5"; hashlib.new(ALG)`).
pub(crate) fn string_value<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let node = unwrap_parens(node);
    if let Some(s) = string_content(checker.text(node), node.kind()) {
        return Some(s);
    }
    if node.kind() == "identifier" {
        let value = checker.file.flow.binding_value(node)?;
        return string_content(checker.text(value), value.kind());
    }
    None
}

/// The positional (non-keyword) arguments of an argument list.
pub(crate) fn positional<'a>(args: Node<'a>) -> Vec<Node<'a>> {
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| {
            !matches!(
                n.kind(),
                "comment" | "keyword_argument" | "list_splat" | "dictionary_splat"
            )
        })
        .collect()
}

/// The value of a Python keyword argument `name=...`.
pub(crate) fn keyword<'a>(checker: &Checker<'a>, args: Node<'a>, name: &str) -> Option<Node<'a>> {
    let mut cursor = args.walk();
    let found = args.named_children(&mut cursor).find(|n| {
        n.kind() == "keyword_argument" && n.field("name").is_some_and(|k| checker.text(k) == name)
    });
    found.and_then(|n| n.field("value"))
}

/// The value of a property `key: value` in a JS object literal, or of `"key": value` in a
/// Python dict literal.
pub(crate) fn property<'a>(checker: &Checker<'a>, object: Node<'a>, key: &str) -> Option<Node<'a>> {
    let object = unwrap_parens(object);
    let object = if object.kind() == "identifier" {
        checker.file.flow.binding_value(object).unwrap_or(object)
    } else {
        object
    };
    if !matches!(object.kind(), "object" | "dictionary") {
        return None;
    }
    let mut cursor = object.walk();
    let found = object.named_children(&mut cursor).find(|n| {
        n.kind() == "pair"
            && n.field("key").is_some_and(|k| {
                let t = checker.text(k);
                t == key || string_content(t, k.kind()) == Some(key)
            })
    });
    found.and_then(|n| n.field("value"))
}

/// Whether an expression is a constant byte string: a literal (`b"0123456789abcdef"`,
/// `"static iv"`), a repeated literal (`b"\x00" * 16`), a zero buffer (`bytes(16)`,
/// `Buffer.alloc(16)`, `[0u8; 12]`), a buffer built from a literal (`Buffer.from("...")`,
/// `b"...".as_ref()`), or a local/module binding of one of these.
pub(crate) fn is_constant_bytes<'a>(checker: &Checker<'a>, node: Node<'a>, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let node = unwrap_parens(node);
    let text = checker.text(node);
    match node.kind() {
        "string" | "string_literal" | "raw_string_literal" | "template_string" => {
            // An f-string or template literal with interpolation is not constant.
            let mut cursor = node.walk();
            let interpolated = node
                .named_children(&mut cursor)
                .any(|c| matches!(c.kind(), "interpolation" | "template_substitution"));
            !interpolated
        }
        "binary_operator" | "binary_expression" => {
            let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
                return false;
            };
            is_constant_bytes(checker, l, depth + 1)
                && (is_constant_bytes(checker, r, depth + 1)
                    || matches!(r.kind(), "integer" | "number"))
        }
        // `[0u8; 12]`, `[0; 16]`
        "array_expression" => {
            let mut cursor = node.walk();
            let all_literal = node
                .named_children(&mut cursor)
                .all(|c| matches!(c.kind(), "integer_literal"));
            all_literal
        }
        // `&[0u8; 12]`, `b"...".as_ref()`
        "reference_expression" => node
            .field("value")
            .is_some_and(|v| is_constant_bytes(checker, v, depth + 1)),
        "call" | "call_expression" => {
            let Some(callee) = crate::flow::callee(node) else {
                return false;
            };
            let callee_text = checker.text(callee);
            let args = node.field("arguments");
            let first = args.and_then(|a| positional(a).into_iter().next());
            let method = callee_text.rsplit(['.', ':']).next().unwrap_or("");
            match method {
                // `bytes(16)`, `bytearray(16)`, `Buffer.alloc(16)`, `Buffer.alloc(16, 0)`
                "bytes" | "bytearray" | "alloc" => {
                    first.is_none_or(|f| matches!(f.kind(), "integer" | "number"))
                        || first.is_some_and(|f| is_constant_bytes(checker, f, depth + 1))
                }
                // `Buffer.from("...")`, `"...".encode()`, `b"...".as_ref()`, `enc.encode("...")`
                "from" | "encode" | "as_ref" | "to_vec" | "as_bytes" | "from_slice" | "parse"
                | "into" => {
                    let receiver = callee.field("object").or_else(|| callee.field("value"));
                    // `settings.SECRET.encode("utf-8")`: the argument names an encoding; the data
                    // is the receiver.
                    let encoding_name = first.is_some_and(|f| {
                        let t = checker
                            .text(f)
                            .trim_matches(['"', '\''])
                            .to_ascii_lowercase();
                        matches!(
                            t.replace(['-', '_'], "").as_str(),
                            "utf8" | "ascii" | "latin1" | "utf16" | "iso88591" | "hex" | "base64"
                        )
                    });
                    let first = if method == "encode" && encoding_name {
                        None
                    } else {
                        first
                    };
                    match first {
                        Some(f) => {
                            is_constant_bytes(checker, f, depth + 1)
                                && !matches!(f.kind(), "integer" | "number")
                        }
                        None => receiver.is_some_and(|r| is_constant_bytes(checker, r, depth + 1)),
                    }
                }
                _ => false,
            }
        }
        "identifier" => {
            // Constants named like environment lookups are not literals; only follow a binding.
            let _ = text;
            bound_value(checker, node).is_some_and(|v| is_constant_bytes(checker, v, depth + 1))
        }
        _ => false,
    }
}

/// What an identifier is bound to: a local or module binding, or a file-level constant item
/// (`const RECON_KEY: &[u8; 16] = b"..."` in Rust).
pub(crate) fn bound_value<'a>(checker: &Checker<'a>, ident: Node<'a>) -> Option<Node<'a>> {
    checker.file.flow.binding_value(ident).or_else(|| {
        crate::eval::Evaluator::new(
            checker.file.lang.family(),
            checker.file.source,
            checker.file.tree.root_node(),
        )
        .constant(checker.text(ident))
    })
}
