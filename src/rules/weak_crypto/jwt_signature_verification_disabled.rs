//! PHI603 jwt-signature-verification-disabled.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::unwrap_parens;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

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
    /// jsonwebtoken `jwt.decode()` never verifies: it is reported when its claims decide
    /// access (`claims.role`, `claims.sub`, assigned to `req.user`) in a function that does not
    /// also call `jwt.verify`; reading `exp` to schedule a refresh, or the header with
    /// `{ complete: true }` to pick a key, is not reported.
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
    if sink.kind() == "call_expression" && method == "decode" {
        ecma_decode(checker, sink, args);
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

/// Claim names whose values decide what a caller may do.
const AUTHZ_CLAIMS: &[&str] = &[
    "role",
    "roles",
    "scope",
    "scopes",
    "scp",
    "permission",
    "permissions",
    "perms",
    "admin",
    "isadmin",
    "sub",
    "user",
    "userid",
    "uid",
    "group",
    "groups",
    "tenant",
    "tenantid",
    "org",
    "orgid",
    "authorities",
    "claims",
    "staff",
    "kiosk",
    "patientid",
    "account",
    "accountid",
];

/// jsonwebtoken (Node) `jwt.decode(token)`: it never verifies the signature. Reported when the
/// decoded claims decide access and the same function does not verify the token.
fn ecma_decode<'a>(checker: &mut Checker<'a>, sink: Node<'a>, args: Node<'a>) {
    let Some(receiver) = sink
        .field("function")
        .and_then(|f| f.field("object"))
        .filter(|r| r.kind() == "identifier")
    else {
        return;
    };
    let rname = checker.text(receiver);
    let module = crate::rules::session_timeout::ecma_import_source(checker, rname);
    let jsonwebtoken = match module {
        Some(m) => m == "jsonwebtoken",
        None => matches!(rname, "jwt" | "jsonwebtoken"),
    };
    if !jsonwebtoken {
        return;
    }
    // `jwt.decode(token, { complete: true })`: the header, to pick a verification key.
    if let Some(opts) = positional(args).get(1) {
        if property(checker, *opts, "complete").is_some_and(|v| checker.text(v) == "true") {
            return;
        }
    }
    // The token must come from the request being served (a header, cookie, query or body
    // value): an ID token received from the identity provider's token endpoint over TLS may be
    // read without checking its signature (OpenID Connect Core 3.1.3.7).
    let Some(token) = positional(args).first().copied() else {
        return;
    };
    if !from_request(checker, token) {
        return;
    }
    let func = checker.file.flow.enclosing_function(sink);
    let body_text = func.map(|f| checker.text(f)).unwrap_or(checker.file.source);
    if body_text.contains(".verify(") || body_text.contains("jwtVerify(") {
        return;
    }
    // Where the claims go: `const claims = jwt.decode(t)`, `req.user = jwt.decode(t)`,
    // `const { role } = jwt.decode(t)`, or `jwt.decode(t).role`.
    let mut holder = sink.parent();
    while let Some(p) = holder.filter(|p| {
        matches!(
            p.kind(),
            "parenthesized_expression" | "await_expression" | "as_expression" | "binary_expression"
        )
    }) {
        holder = p.parent();
    }
    let trusted = match holder {
        Some(p) if p.kind() == "member_expression" => p
            .field("property")
            .is_some_and(|prop| is_authz_claim(checker.text(prop))),
        Some(p) if p.kind() == "variable_declarator" => match p.field("name") {
            Some(n) if n.kind() == "identifier" => {
                reads_authz_claim(checker, body_text, checker.text(n))
            }
            Some(n) if n.kind() == "object_pattern" => {
                let mut c = n.walk();
                let found = n
                    .named_children(&mut c)
                    .any(|k| is_authz_claim(checker.text(k).split(':').next().unwrap_or("")));
                found
            }
            _ => false,
        },
        Some(p) if p.kind() == "assignment_expression" => p.field("left").is_some_and(|l| {
            let t = checker.text(l);
            if l.kind() == "identifier" {
                reads_authz_claim(checker, body_text, t)
            } else {
                let last = t.rsplit('.').next().unwrap_or(t);
                is_authz_claim(last)
            }
        }),
        Some(p) if p.kind() == "return_statement" => func
            .and_then(|f| {
                f.field("name")
                    .or_else(|| f.parent().and_then(|v| v.field("name")))
            })
            .is_some_and(|n| {
                tokenize(checker.text(n)).iter().any(|t| {
                    matches!(
                        t.as_str(),
                        "auth"
                            | "role"
                            | "roles"
                            | "user"
                            | "permission"
                            | "permissions"
                            | "claims"
                            | "identity"
                            | "principal"
                    )
                })
            }),
        _ => false,
    };
    if !trusted {
        return;
    }
    let callee = checker.sink_name(sink);
    checker.report(
        sink,
        sink,
        format!("`{callee}` reads a JWT without checking its signature, and its claims decide access; any forged token is accepted"),
        Level::Error,
        Confidence::High,
    );
}

fn is_authz_claim(name: &str) -> bool {
    let t: String = name
        .trim()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    AUTHZ_CLAIMS.contains(&t.as_str())
}

/// Whether a variable holding decoded claims has an access-deciding claim read from it in
/// `text`: `claims.role`, `claims?.role`, `claims["scope"]`.
fn reads_authz_claim(_checker: &Checker<'_>, text: &str, var: &str) -> bool {
    if var.is_empty() {
        return false;
    }
    for (at, _) in text.match_indices(var) {
        let before_ok = at == 0
            || !text.as_bytes()[at - 1].is_ascii_alphanumeric() && text.as_bytes()[at - 1] != b'_';
        if !before_ok {
            continue;
        }
        let rest = &text[at + var.len()..];
        let rest = rest
            .strip_prefix("?.")
            .or_else(|| rest.strip_prefix('.'))
            .or_else(|| rest.strip_prefix("[\"").or_else(|| rest.strip_prefix("['")));
        let Some(rest) = rest else { continue };
        let prop: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if is_authz_claim(&prop) {
            return true;
        }
    }
    false
}

/// Whether a token expression reads the incoming request (`req.headers.authorization`,
/// `request.headers["x-kiosk-token"]`, `ctx.cookies.get("jwt")`, `req.query.token`), directly
/// or through one local binding.
fn from_request<'a>(checker: &Checker<'a>, token: Node<'a>) -> bool {
    let reads = |text: &str| {
        let lower = text.to_ascii_lowercase();
        !lower.contains("id_token")
            && !lower.contains("idtoken")
            && (lower.contains("headers")
                || lower.contains("header(")
                || lower.contains("cookies")
                || lower.contains("authorization")
                || lower.contains(".query")
                || lower.contains(".body")
                || lower.contains("bearer"))
    };
    if reads(checker.text(token)) {
        return true;
    }
    let mut node = unwrap_parens(token);
    while matches!(
        node.kind(),
        "call_expression" | "member_expression" | "as_expression" | "binary_expression"
    ) {
        match node
            .field("object")
            .or_else(|| node.field("function"))
            .or_else(|| node.field("left"))
            .or_else(|| node.named_child(0))
        {
            Some(n) => node = n,
            None => break,
        }
    }
    node.kind() == "identifier"
        && checker
            .file
            .flow
            .binding_value(node)
            .is_some_and(|v| reads(checker.text(v)))
}
