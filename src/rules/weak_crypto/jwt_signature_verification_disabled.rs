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
    /// Also python-jose `jwt.get_unverified_claims(token)`, judged like an unverified decode.
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
    /// Reading a token's header or claims before verifying it is the standard way to choose the
    /// verifier: the issuer (`iss`), key id (`kid`), client (`client_id`, `azp`), audience,
    /// algorithm or tenant says which key or client to check the token against. A Python
    /// unverified decode whose claims are only read for those selector claims (`payload.get("iss")`,
    /// `jwt.decode(...)["kid"]`) is therefore not a bypass: when the same token then goes to a
    /// verifying call in the same function (`validate_jwt(token, keys)`, a `jwt.decode` with a
    /// key) it is not reported, otherwise it is reported at low confidence (the verification may
    /// happen elsewhere). An unverified payload that is returned, passed on, or read for any
    /// other claim (`sub`, `scope`, `patient`, custom claims) is trusted as identity and stays
    /// reported.
    ///
    /// ## Known limitations
    /// Node's jsonwebtoken `jwt.decode()` never verifies: it is reported when its claims decide
    /// access (`claims.role`, `claims.sub`, assigned to `req.user`) in a function that does not
    /// also call `jwt.verify`; reading `exp` to schedule a refresh, or the header with
    /// `{ complete: true }` to pick a key, is not reported. The peek analysis follows one local
    /// variable in Python; a payload stored on an object is judged as trusted.
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

/// Claims and header fields that say which key, issuer or client a token is to be verified
/// against: reading only these from an unverified decode is how a verifier is chosen.
const SELECTOR_CLAIMS: &[&str] = &[
    "iss",
    "kid",
    "aud",
    "client_id",
    "azp",
    "alg",
    "jku",
    "x5u",
    "x5t",
    "typ",
    "tid",
    "header",
];

/// How the payload of an unverified decode is used.
enum Peek {
    /// Returned, passed on, or read for a claim that is not a selector: trusted as identity.
    Trusted,
    /// Only selector claims are read, and the same token then reaches a verifying call.
    SelectorThenVerified,
    /// Only selector claims (the first one named) are read; no verification is seen here.
    SelectorOnly(String),
}

/// The selector claim an expression reads from `base`: `base.get("iss")`, `base.get("iss", "")`,
/// `base["kid"]`. `base` is the object of the attribute or the value of the subscript.
fn selector_read<'a>(checker: &Checker<'a>, base: Node<'a>) -> Option<&'a str> {
    let parent = base.parent()?;
    let claim = match parent.kind() {
        "attribute" if parent.field("object").is_some_and(|o| o.id() == base.id()) => {
            if parent.field("attribute").map(|a| checker.text(a)) != Some("get") {
                return None;
            }
            let call = parent.parent().filter(|c| c.kind() == "call")?;
            let first = positional(call.field("arguments")?).into_iter().next()?;
            string_value(checker, first)?
        }
        "subscript" if parent.field("value").is_some_and(|v| v.id() == base.id()) => {
            string_value(checker, parent.field("subscript")?)?
        }
        _ => return None,
    };
    SELECTOR_CLAIMS.contains(&claim).then_some(claim)
}

/// Whether the payload of the unverified Python decode `call` is only read for selector claims
/// (to choose the key or client), and whether the token then goes to a verifying call.
fn peek<'a>(checker: &Checker<'a>, call: Node<'a>, args: Node<'a>) -> Peek {
    let parent = call.parent();
    // `jwt.decode(token, ...).get("iss")`, `jwt.decode(token, ...)["kid"]`
    let (claim, scope, after) = if let Some(claim) = selector_read(checker, call) {
        let scope = checker.file.flow.enclosing_function(call);
        (claim.to_string(), scope, call.end_byte())
    } else {
        // `payload = jwt.decode(token, ...)`, then only `payload.get("iss")`.
        let Some(assign) = parent.filter(|p| p.kind() == "assignment") else {
            return Peek::Trusted;
        };
        let Some(target) = assign.field("left").filter(|l| l.kind() == "identifier") else {
            return Peek::Trusted;
        };
        let name = checker.text(target);
        let scope = checker.file.flow.enclosing_function(call);
        let root = scope.unwrap_or_else(|| checker.file.tree.root_node());
        let mut first_claim = None;
        let mut trusted = false;
        crate::tree::preorder(root, |node, _| {
            if trusted {
                return crate::tree::Walk::Stop;
            }
            if node.kind() == "identifier"
                && node.id() != target.id()
                && node.start_byte() > call.end_byte()
                && checker.text(node) == name
            {
                // `payload = ...` again: a new value, not a read.
                let rebinding = node.parent().is_some_and(|p| {
                    p.kind() == "assignment" && p.field("left").is_some_and(|l| l.id() == node.id())
                });
                if !rebinding {
                    match selector_read(checker, node) {
                        Some(c) => {
                            first_claim.get_or_insert(c);
                        }
                        None => trusted = true,
                    }
                }
            }
            crate::tree::Walk::Descend
        });
        match (trusted, first_claim) {
            (false, Some(c)) => (c.to_string(), scope, assign.end_byte()),
            _ => return Peek::Trusted,
        }
    };
    // The token: the first positional argument, when it is a plain name or attribute.
    let token = positional(args)
        .into_iter()
        .next()
        .filter(|t| matches!(t.kind(), "identifier" | "attribute"))
        .map(|t| checker.text(t));
    let verified = match (token, scope) {
        (Some(token), Some(scope)) => verified_later(checker, scope, call, token, after),
        _ => false,
    };
    if verified {
        Peek::SelectorThenVerified
    } else {
        Peek::SelectorOnly(claim)
    }
}

/// Whether `token` is passed, after byte `after` in `scope`, to a call that verifies it: a
/// function or method named for verification or validation (`validate_jwt(token, keys)`,
/// `self._verify(token)`), or a `jwt.decode` that does not turn verification off.
fn verified_later<'a>(
    checker: &Checker<'a>,
    scope: Node<'a>,
    unverified: Node<'a>,
    token: &str,
    after: usize,
) -> bool {
    let mut found = false;
    crate::tree::preorder(scope, |node, _| {
        if found {
            return crate::tree::Walk::Stop;
        }
        if node.kind() != "call" || node.start_byte() < after || node.id() == unverified.id() {
            return crate::tree::Walk::Descend;
        }
        let (Some(function), Some(args)) = (node.field("function"), node.field("arguments")) else {
            return crate::tree::Walk::Descend;
        };
        let passes_token = positional(args)
            .into_iter()
            .any(|a| checker.text(a) == token);
        if !passes_token {
            return crate::tree::Walk::Descend;
        }
        let leaf = checker.text(function).rsplit('.').next().unwrap_or("");
        let words = tokenize(leaf);
        let names_check = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "verify" | "verified" | "validate" | "validated" | "authenticate"
            )
        });
        let verifying_decode = matches!(leaf, "decode" | "decode_complete")
            && keyword(checker, args, "options")
                .and_then(|o| property(checker, o, "verify_signature"))
                .is_none_or(|v| !is_false(checker, v))
            && keyword(checker, args, "verify").is_none_or(|v| !is_false(checker, v));
        found = names_check || verifying_decode;
        crate::tree::Walk::Descend
    });
    found
}

/// Reports a Python decode with verification off (`what` says how), judged by how its payload
/// is used ([`peek`]).
fn report_unverified<'a>(
    checker: &mut Checker<'a>,
    focus: Node<'a>,
    sink: Node<'a>,
    args: Node<'a>,
    what: &str,
) {
    match peek(checker, sink, args) {
        Peek::Trusted => checker.report(
            focus,
            sink,
            format!("{what}; the JWT signature is not checked"),
            Level::Error,
            Confidence::High,
        ),
        Peek::SelectorThenVerified => {}
        Peek::SelectorOnly(claim) => checker.report(
            focus,
            sink,
            format!("{what} and only `{claim}` is read from the claims, as when choosing the verifier; make sure the token is verified before it is trusted"),
            Level::Error,
            Confidence::Low,
        ),
    }
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
        // python-jose: the claims of a token whose signature was never checked.
        if method == "get_unverified_claims" {
            report_unverified(
                checker,
                sink,
                sink,
                args,
                &format!("`{callee}` reads the claims of an unverified token"),
            );
            return;
        }
        if method.starts_with("decode") {
            if let Some(v) = keyword(checker, args, "verify").filter(|v| is_false(checker, *v)) {
                report_unverified(
                    checker,
                    v,
                    sink,
                    args,
                    &format!("`{callee}` is called with `verify=False`"),
                );
                return;
            }
            if let Some(options) = keyword(checker, args, "options") {
                if let Some(v) =
                    property(checker, options, "verify_signature").filter(|v| is_false(checker, *v))
                {
                    report_unverified(
                        checker,
                        v,
                        sink,
                        args,
                        &format!("`{callee}` is called with `verify_signature` off"),
                    );
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
                    || becomes_the_identity(body_text, checker.text(n))
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

/// Whether a variable holding decoded claims is made the request's identity in `text`:
/// `req.user = claims`, `ctx.state.user = claims`, `res.locals.auth = claims`.
fn becomes_the_identity(text: &str, var: &str) -> bool {
    if var.is_empty() {
        return false;
    }
    for at in crate::flow::word_positions(text, var).take(64) {
        let Some(before) = text[..at].trim_end().strip_suffix('=') else {
            continue;
        };
        if before.ends_with(['=', '!', '<', '>']) {
            continue;
        }
        let target = before.trim_end();
        let last = target
            .rsplit('.')
            .next()
            .unwrap_or("")
            .trim_start_matches('?');
        if target.contains('.')
            && matches!(
                last.to_ascii_lowercase().as_str(),
                "user" | "auth" | "claims" | "identity" | "principal" | "currentuser" | "session"
            )
        {
            return true;
        }
    }
    false
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
