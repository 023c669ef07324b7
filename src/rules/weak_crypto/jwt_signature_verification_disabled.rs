//! PHI603 jwt-signature-verification-disabled.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::unwrap_parens;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};

use super::{keyword, positional, property, string_value};

declare_rule! {
    /// ## What it does
    /// Flags JSON Web Tokens accepted or issued without a signature check: PyJWT
    /// `jwt.decode(..., options={"verify_signature": False})`, the old `verify=False`,
    /// `algorithms=["none"]` and `algorithm="none"`; jsonwebtoken (Node)
    /// `jwt.verify(..., { algorithms: ["none"] })` and `jwt.sign(..., { algorithm: "none" })`;
    /// jsonwebtoken (Rust) `Validation::insecure_disable_signature_validation()` and
    /// `dangerous_insecure_decode`.
    ///
    /// ## Why is this bad?
    /// Without a signature check anyone can write a token that says they are any user, and
    /// every handler that trusts its claims serves that user's records. Person or entity
    /// authentication (45 CFR 164.312(d)) and access control (164.312(a)(1)) depend on it.
    ///
    /// ## Example
    /// ```python
    /// claims = jwt.decode(token, options={"verify_signature": False})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE)
    /// ```
    ///
    /// ## Known limitations
    /// Reading a token's header or claims before verifying it (for example to pick a key) is
    /// legitimate; such a call is still reported, so suppress it with a reason. Node's
    /// `jwt.decode()` does not verify either, but is only reported by name here when a
    /// verification option is turned off.
    ///
    /// ## References
    /// - 45 CFR 164.312(d) (person or entity authentication), 164.312(a)(1) (access control)
    /// - CWE-347: Improper Verification of Cryptographic Signature
    pub JWT_SIGNATURE_VERIFICATION_DISABLED = "PHI603" {
        name: "jwt-signature-verification-disabled",
        file: jwt_signature_verification_disabled,
        category: WeakCrypto,
        safeguards: [EntityAuthentication, AccessControl],
        level: Error,
        confidence: High,
        cwe: [347],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["jwt", "jsonwebtoken", "jose", "verify", "decode", "algorithms", "validation", "insecure", "dangerous"]),
    }
}

fn is_jwt_receiver(checker: &Checker<'_>, receiver: Option<Node<'_>>) -> bool {
    let Some(receiver) = receiver else {
        return true;
    };
    let tokens = tokenize(checker.text(receiver));
    tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "jwt" | "jsonwebtoken" | "jose" | "jws" | "token" | "tokens"
        )
    })
}

/// Whether a list or array literal names the `none` algorithm.
fn lists_none<'a>(checker: &Checker<'a>, node: Node<'a>) -> bool {
    let node = unwrap_parens(node);
    let node = if node.kind() == "identifier" {
        checker.file.flow.binding_value(node).unwrap_or(node)
    } else {
        node
    };
    if let Some(s) = string_value(checker, node) {
        return s.eq_ignore_ascii_case("none");
    }
    let mut cursor = node.walk();
    let found = matches!(node.kind(), "list" | "array" | "tuple" | "set")
        && node
            .named_children(&mut cursor)
            .any(|c| string_value(checker, c).is_some_and(|s| s.eq_ignore_ascii_case("none")));
    found
}

fn is_false(checker: &Checker<'_>, node: Node<'_>) -> bool {
    matches!(checker.text(node), "False" | "false" | "0")
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let callee = checker.sink_name(sink);
    let callee = callee.as_str();
    let report = |checker: &mut Checker<'a>, focus: Node<'a>, message: String| {
        checker.report(focus, sink, message, Level::Error, Confidence::High);
    };
    let Some(args) = m.get("args") else {
        // Rust: the call itself is the finding.
        let message = if method == "insecure_disable_signature_validation" {
            "`insecure_disable_signature_validation` turns off JWT signature checks; any forged token is accepted".to_string()
        } else {
            format!("`{method}` decodes a JWT without checking its signature; any forged token is accepted")
        };
        report(checker, sink, message);
        return;
    };
    if !is_jwt_receiver(checker, m.get("receiver")) {
        return;
    }
    let python = sink.kind() == "call";
    if python {
        if method.starts_with("decode") {
            if let Some(v) = keyword(checker, args, "verify").filter(|v| is_false(checker, *v)) {
                report(checker, v, format!("`{callee}` is called with `verify=False`; the JWT signature is not checked"));
                return;
            }
            if let Some(options) = keyword(checker, args, "options") {
                if let Some(v) =
                    property(checker, options, "verify_signature").filter(|v| is_false(checker, *v))
                {
                    report(checker, v, format!("`{callee}` is called with `verify_signature` off; the JWT signature is not checked"));
                    return;
                }
            }
            if let Some(algs) =
                keyword(checker, args, "algorithms").filter(|a| lists_none(checker, *a))
            {
                report(
                    checker,
                    algs,
                    format!(
                        "`{callee}` accepts the `none` algorithm; unsigned JWTs pass verification"
                    ),
                );
            }
        } else if let Some(alg) = keyword(checker, args, "algorithm")
            .or_else(|| positional(args).get(2).copied())
            .filter(|a| lists_none(checker, *a))
        {
            report(
                checker,
                alg,
                format!("`{callee}` issues an unsigned JWT with the `none` algorithm"),
            );
        }
        return;
    }
    // jsonwebtoken: verify(token, key, options), sign(payload, key, options)
    let pos = positional(args);
    let Some(options) = pos.get(2).copied() else {
        return;
    };
    let key = if method == "verify" {
        "algorithms"
    } else {
        "algorithm"
    };
    if let Some(v) = property(checker, options, key).filter(|v| lists_none(checker, *v)) {
        let message = if method == "verify" {
            format!("`{callee}` accepts the `none` algorithm; unsigned JWTs pass verification")
        } else {
            format!("`{callee}` issues an unsigned JWT with the `none` algorithm")
        };
        // Report at the call when the options come from a variable.
        let focus = if unwrap_parens(options).kind() == "identifier" {
            options
        } else {
            v
        };
        report(checker, focus, message);
    }
}
