//! PHI502 long-lived-token.

use tree_sitter::Node;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts, Site};
use crate::eval::{self, Kind, Unit};
use crate::lang::Family;
use crate::rules::{Confidence, Level};
use crate::settings::SessionPolicy;
use crate::tree::NodeExt;

use super::{
    ecma_callee_module, judge, last_segment, lifetime, method_chain, ms_lifetime, object_get,
    object_has, policy, py_setting, py_setting_name, report_judged, resolve, Args, Lifetime, Limit,
    PySetting,
};

declare_rule! {
    /// ## What it does
    /// Flags authentication tokens that never expire, or live longer than the policy: PyJWT
    /// `jwt.encode` payloads without `exp` and `jwt.decode(..., options={"verify_exp": False})`,
    /// Flask-JWT-Extended `JWT_ACCESS_TOKEN_EXPIRES` / `JWT_REFRESH_TOKEN_EXPIRES` (30-day
    /// refresh default) and `expires_delta`, DRF SimpleJWT lifetimes, jsonwebtoken `sign` without
    /// `expiresIn` or `exp` and `verify` with `ignoreExpiration: true`, passport-jwt strategies
    /// with `ignoreExpiration: true` (also NestJS `super({ .. })` options), jose `SignJWT`
    /// without `setExpirationTime`, and Rust jsonwebtoken claims structs without `exp`, claims
    /// whose `exp` is now plus more than the policy (`now_secs + 24 * 3600`,
    /// `let exp = (Utc::now() + Duration::days(7)).timestamp()`) or a `Validation` with
    /// `validate_exp = false`.
    ///
    /// ## Why is this bad?
    /// A bearer token that never expires keeps working after logout, after the user leaves and
    /// after it leaks into a log or a browser cache: whoever holds it is authenticated
    /// (45 CFR 164.312(d)), and no inactivity limit ends the session (164.312(a)(2)(iii)). The
    /// default limits are 1 hour for access tokens and 1 day for refresh tokens; set them with
    /// `[token] max-lifetime-seconds` and `max-refresh-seconds`.
    ///
    /// ## Example
    /// ```javascript
    /// const token = jwt.sign({ sub: user.id }, secret);
    /// ```
    ///
    /// ## Use instead
    /// ```javascript
    /// const token = jwt.sign({ sub: user.id }, secret, { expiresIn: "15m" });
    /// ```
    ///
    /// ## Known limitations
    /// A payload built elsewhere is only seen when it is a literal in the same function; an
    /// `exp` added later by a helper is missed (the function's text is searched for `exp`).
    /// Refresh tokens are recognised by names containing `refresh`.
    ///
    /// ## References
    /// - 45 CFR 164.312(d) (person or entity authentication), 164.312(a)(2)(iii) (automatic
    ///   logoff)
    /// - CWE-613: Insufficient Session Expiration
    pub LONG_LIVED_TOKEN = "PHI502" {
        name: "long-lived-token",
        file: long_lived_token,
        category: SessionTimeout,
        safeguards: [EntityAuthentication, AutomaticLogoff],
        level: Warning,
        confidence: High,
        cwe: [613],
        queries: [python, ecma, rust],
        check: check,
        project: project,
        prefilter: crate::rules::Prefilter::Tokens(&[
            "jwt", "jsonwebtoken", "jose", "signjwt", "claims", "validation", "simplejwt", "token", "tokens",
        ]),
    }
}

/// A `create_refresh_token(...)` call without `expires_delta`: its lifetime is the setting.
#[derive(Debug)]
struct RefreshUse {
    site: Site,
}

fn check<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    match c.file.lang.family() {
        Family::Python => python(c, m),
        Family::Ecma => ecma(c, m),
        Family::Rust => rust(c, m),
    }
}

fn is_refresh(c: &Checker<'_>, node: Node<'_>) -> bool {
    let mut n = Some(node);
    let mut hops = 0;
    while let Some(x) = n {
        hops += 1;
        if hops > 12 {
            break;
        }
        if matches!(
            x.kind(),
            "variable_declarator"
                | "assignment"
                | "function_definition"
                | "function_declaration"
                | "method_definition"
                | "pair"
                | "function_item"
                | "let_declaration"
        ) {
            let head = x
                .field("name")
                .or_else(|| x.field("left"))
                .or_else(|| x.field("key"))
                .or_else(|| x.field("pattern"));
            if head.is_some_and(|h| c.text(h).to_ascii_lowercase().contains("refresh")) {
                return true;
            }
            if crate::flow::is_function(x.kind()) {
                break;
            }
        }
        n = x.parent();
    }
    c.text(node).to_ascii_lowercase().contains("refresh")
}

fn enclosing_function_text<'a>(c: &Checker<'a>, node: Node<'a>) -> &'a str {
    let mut n = node.parent();
    while let Some(x) = n {
        if crate::flow::is_function(x.kind()) {
            return c.text(x);
        }
        n = x.parent();
    }
    c.file.source
}

fn mentions_exp(text: &str) -> bool {
    [
        "\"exp\"", "'exp'", "`exp`", "exp:", ".exp ", ".exp=", "exp =",
    ]
    .iter()
    .any(|p| text.contains(p))
}

fn python<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let p = policy(c);
    match sink.kind() {
        "assignment" => {
            let (Some(left), Some(value)) = (m.get("key"), m.get("value")) else {
                return;
            };
            let Some((name, module_level)) = py_setting_name(c, left) else {
                return;
            };
            py_token_setting(c, &name, module_level, left, sink, value, &p);
        }
        "call" => {
            let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
                return;
            };
            let ctext = c.text(callee);
            let a = Args::of(c, args);
            match last_segment(ctext) {
                "update" | "from_mapping" if ctext.contains("config") => {
                    for (k, v) in a.keywords.clone() {
                        py_token_setting(c, k, false, v, sink, v, &p);
                    }
                }
                "create_access_token" | "create_refresh_token" => {
                    let refresh = last_segment(ctext) == "create_refresh_token";
                    let limit = if refresh {
                        Limit::Refresh
                    } else {
                        Limit::Token
                    };
                    let what = if refresh {
                        "refresh token"
                    } else {
                        "access token"
                    };
                    match a.kw("expires_delta") {
                        Some(v) => {
                            let judged = judge(
                                &p,
                                lifetime(c, v, Unit::Seconds),
                                limit,
                                what,
                                "expires_delta",
                            );
                            report_judged(c, v, sink, judged);
                        }
                        None if refresh => {
                            let site = c.site(sink, sink);
                            c.fact(RefreshUse { site });
                        }
                        None => {}
                    }
                }
                "encode" if ctext.ends_with("jwt.encode") => {
                    let Some(payload) = a.positional.first().copied().or_else(|| a.kw("payload"))
                    else {
                        return;
                    };
                    jwt_payload(c, sink, payload, &p);
                }
                "decode" if ctext.ends_with("jwt.decode") => {
                    let Some(opts) = a.kw("options") else { return };
                    if let Some(v) = object_get(c, opts, "verify_exp") {
                        if resolve(c, v).kind() == "false" {
                            let msg = format!(
                                "token expiry is not checked (jwt.decode options verify_exp False), so expired tokens are accepted; {}",
                                Limit::Token.phrase(&p)
                            );
                            c.report(v, sink, msg, Level::Error, Confidence::High);
                        }
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn py_token_setting<'a>(
    c: &mut Checker<'a>,
    name: &str,
    module_level: bool,
    focus: Node<'a>,
    anchor: Node<'a>,
    value: Node<'a>,
    p: &SessionPolicy,
) {
    match name {
        "JWT_ACCESS_TOKEN_EXPIRES" | "JWT_REFRESH_TOKEN_EXPIRES" => {
            let refresh = name == "JWT_REFRESH_TOKEN_EXPIRES";
            let (limit, what) = if refresh {
                (Limit::Refresh, "refresh token")
            } else {
                (Limit::Token, "access token")
            };
            let judged = judge(p, lifetime(c, value, Unit::Seconds), limit, what, name);
            report_judged(c, focus, anchor, judged);
            let fact = py_setting(c, name.to_string(), module_level, focus, anchor, value);
            c.fact(fact);
        }
        "SIMPLE_JWT" => {
            for (key, limit, what) in [
                ("ACCESS_TOKEN_LIFETIME", Limit::Token, "access token"),
                ("SLIDING_TOKEN_LIFETIME", Limit::Token, "sliding token"),
                ("REFRESH_TOKEN_LIFETIME", Limit::Refresh, "refresh token"),
                (
                    "SLIDING_TOKEN_REFRESH_LIFETIME",
                    Limit::Refresh,
                    "sliding refresh token",
                ),
            ] {
                if let Some(v) = object_get(c, value, key) {
                    let judged = judge(p, lifetime(c, v, Unit::Seconds), limit, what, key);
                    report_judged(c, v, anchor, judged);
                }
            }
        }
        _ => {}
    }
}

/// PyJWT: a payload literal without `exp`, or with an `exp` of now plus a long delta.
fn jwt_payload<'a>(c: &mut Checker<'a>, sink: Node<'a>, payload: Node<'a>, p: &SessionPolicy) {
    let refresh = is_refresh(c, sink);
    let (limit, what) = if refresh {
        (Limit::Refresh, "refresh token")
    } else {
        (Limit::Token, "token")
    };
    match object_has(c, payload, "exp") {
        Some(false) => {
            if mentions_exp(enclosing_function_text(c, sink)) {
                return;
            }
            let msg = format!(
                "{what} payload has no exp claim, so the token never expires; {}",
                limit.phrase(p)
            );
            c.report(payload, sink, msg, Level::Error, Confidence::High);
        }
        Some(true) => {
            let Some(exp) = object_get(c, payload, "exp") else {
                return;
            };
            if let Some(life) = exp_offset(c, exp) {
                let judged = judge(p, life, limit, what, "exp");
                report_judged(c, exp, sink, judged);
            }
        }
        None => {}
    }
}

/// `datetime.utcnow() + timedelta(days=30)`: the offset from now, when one side of a `+` is a
/// duration.
fn exp_offset<'a>(c: &Checker<'a>, node: Node<'a>) -> Option<Lifetime> {
    sum_offset(c, node, |v, _| v.kind == Kind::Duration)
}

/// The lifetime an expiry of `now + offset` grants: the first side of a `+` (right, then left)
/// that evaluates and that `accept` takes given the other side, in seconds. Shared by every
/// language's `exp` check.
fn sum_offset<'a>(
    c: &Checker<'a>,
    node: Node<'a>,
    accept: impl Fn(&eval::Value, Node<'a>) -> bool,
) -> Option<Lifetime> {
    let node = resolve(c, node);
    if !matches!(node.kind(), "binary_operator" | "binary_expression")
        || node.field("operator").map(|o| c.text(o)) != Some("+")
    {
        return None;
    }
    let ev = super::evaluator(c);
    let (l, r) = (node.field("left")?, node.field("right")?);
    for (side, other) in [(r, l), (l, r)] {
        let Some(v) = ev.eval(side) else { continue };
        if accept(&v, other) {
            return Some(Lifetime::Secs {
                secs: v.seconds(Unit::Seconds),
                exact: v.exact,
            });
        }
    }
    None
}

fn ecma<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(callee), Some(args)) = (m.get("sink"), m.get("callee"), m.get("args"))
    else {
        return;
    };
    let p = policy(c);
    let module = ecma_callee_module(c, callee);
    let a = Args::of(c, args);
    if passport_jwt_ignores_expiry(c, sink, callee, &a, &p) {
        return;
    }
    if sink.kind() == "new_expression" {
        if last_segment(c.text(callee)) != "SignJWT" || module != Some("jose") {
            return;
        }
        let (_, links) = method_chain(c, sink);
        let refresh = is_refresh(c, sink);
        let (limit, what) = if refresh {
            (Limit::Refresh, "refresh token")
        } else {
            (Limit::Token, "token")
        };
        match links.iter().find(|(n, _)| *n == "setExpirationTime") {
            Some((_, largs)) => {
                if let Some(v) = largs.named_child(0) {
                    let v = resolve(c, v);
                    if let Some(s) = eval::string_content(c.text(v)) {
                        let life = match eval::parse_duration_str(s, Unit::Seconds) {
                            Some(d) => Lifetime::Secs {
                                secs: d.seconds(Unit::Seconds),
                                exact: true,
                            },
                            None => Lifetime::Unknown,
                        };
                        let judged = judge(&p, life, limit, what, "setExpirationTime");
                        report_judged(c, v, sink, judged);
                    }
                }
            }
            None => {
                if enclosing_function_text(c, sink).contains("setExpirationTime") {
                    return;
                }
                let msg = format!(
                    "jose SignJWT has no setExpirationTime, so the {what} never expires; {}",
                    limit.phrase(&p)
                );
                c.report(sink, sink, msg, Level::Error, Confidence::High);
            }
        }
        return;
    }
    if module != Some("jsonwebtoken") {
        return;
    }
    match last_segment(c.text(callee)) {
        "sign" => {
            let Some(payload) = a.positional.first().copied() else {
                return;
            };
            let refresh = is_refresh(c, sink);
            let (limit, what) = if refresh {
                (Limit::Refresh, "refresh token")
            } else {
                (Limit::Token, "token")
            };
            let opts = a
                .positional
                .get(2)
                .copied()
                .filter(|o| matches!(resolve(c, *o).kind(), "object"));
            if let Some(v) = opts.and_then(|o| object_get(c, o, "expiresIn")) {
                let judged = judge(
                    &p,
                    ms_lifetime(c, v, Unit::Seconds),
                    limit,
                    what,
                    "expiresIn",
                );
                report_judged(c, v, sink, judged);
                return;
            }
            if opts.is_some_and(|o| object_has(c, o, "expiresIn").is_none()) {
                return; // A spread may set it.
            }
            let payload_kind = resolve(c, payload).kind();
            let literal_text = matches!(payload_kind, "string" | "template_string")
                || (payload_kind == "binary_expression"
                    && c.text(resolve(c, payload)).contains(" + "));
            let has_exp = if literal_text {
                // A string payload cannot carry `exp`, and `expiresIn` is not allowed with it.
                Some(false)
            } else {
                object_has(c, payload, "exp")
            };
            match has_exp {
                Some(true) => {
                    if let Some(exp) = object_get(c, payload, "exp") {
                        if let Some(life) = exp_offset_seconds(c, exp) {
                            let judged = judge(&p, life, limit, what, "exp");
                            report_judged(c, exp, sink, judged);
                        }
                    }
                }
                Some(false) => {
                    if mentions_exp(enclosing_function_text(c, sink)) {
                        return;
                    }
                    let msg = format!(
                        "jsonwebtoken sign has no expiresIn and the payload no exp, so the {what} never expires; {}",
                        limit.phrase(&p)
                    );
                    c.report(sink, sink, msg, Level::Error, Confidence::High);
                }
                None => {
                    if mentions_exp(enclosing_function_text(c, sink)) {
                        return;
                    }
                    let msg = format!(
                        "jsonwebtoken sign has no expiresIn, so the {what} never expires unless its payload carries exp; {}",
                        limit.phrase(&p)
                    );
                    c.report(sink, sink, msg, Level::Warning, Confidence::Medium);
                }
            }
        }
        "verify" => {
            let Some(opts) = a.positional.get(2).copied() else {
                return;
            };
            if let Some(v) = object_get(c, opts, "ignoreExpiration") {
                if resolve(c, v).kind() == "true" {
                    let msg = format!(
                        "token expiry is not checked (jsonwebtoken verify with ignoreExpiration), so expired tokens are accepted; {}",
                        Limit::Token.phrase(&p)
                    );
                    c.report(v, sink, msg, Level::Error, Confidence::High);
                }
            }
        }
        _ => {}
    }
}

/// A JS `exp` of `now + seconds`: `Math.floor(Date.now() / 1000) + 60 * 60`.
fn exp_offset_seconds<'a>(c: &Checker<'a>, node: Node<'a>) -> Option<Lifetime> {
    sum_offset(c, node, |_, _| true)
}

/// A jsonwebtoken `exp` of now plus a lifetime: `now_secs + 24 * 3600` (with `now_secs` from
/// `SystemTime::now()`), `(Utc::now() + Duration::hours(24)).timestamp() as usize`. A plain
/// number counts as seconds only when the other side reads the clock.
fn rust_exp_offset<'a>(c: &Checker<'a>, node: Node<'a>) -> Option<Lifetime> {
    let mut node = resolve(c, node);
    // `(...).timestamp() as usize`: the cast and the conversion to epoch seconds.
    for _ in 0..4 {
        node = match node.kind() {
            "type_cast_expression" | "parenthesized_expression" => {
                node.field("value").or_else(|| node.named_child(0))?
            }
            "call_expression" => {
                let callee = node.field("function")?;
                let field = callee.field("field").map(|f| c.text(f));
                match field {
                    Some("timestamp" | "unix_timestamp" | "as_secs") => callee.field("value")?,
                    _ => return None,
                }
            }
            _ => break,
        };
    }
    let reads_clock = |n: Node<'a>| {
        let t = c.text(resolve(c, n));
        t.contains("now") || t.contains("SystemTime") || t.contains("Utc")
    };
    sum_offset(c, node, |v, other| {
        v.kind == Kind::Duration || reads_clock(other)
    })
}

fn rust<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(key)) = (m.get("sink"), m.get("key")) else {
        return;
    };
    let p = policy(c);
    match sink.kind() {
        "assignment_expression" | "field_initializer" | "let_declaration" => {
            let Some(value) = m.get("value") else { return };
            if c.text(key) == "exp" && c.file.source.contains("jsonwebtoken") {
                if let Some(life) = rust_exp_offset(c, value) {
                    let judged = judge(&p, life, Limit::Token, "token", "exp");
                    report_judged(c, value, sink, judged);
                }
                return;
            }
            if c.text(key) == "validate_exp" && c.text(value) == "false" {
                let msg = format!(
                    "token expiry is not checked (jsonwebtoken Validation validate_exp false), so expired tokens are accepted; {}",
                    Limit::Token.phrase(&p)
                );
                c.report(sink, sink, msg, Level::Error, Confidence::High);
            }
        }
        "struct_item" => {
            let name = c.text(key);
            if !(name.ends_with("Claims") || name.ends_with("Claim")) {
                return;
            }
            if !c.file.source.contains("jsonwebtoken") {
                return;
            }
            let Some(body) = m.get("args") else { return };
            let mut cursor = body.walk();
            let has_exp = body.named_children(&mut cursor).any(|f| {
                f.kind() == "field_declaration"
                    && f.field("name").is_some_and(|n| c.text(n) == "exp")
            });
            if !has_exp {
                let msg = format!(
                    "claims struct `{name}` has no exp field, so tokens encoded from it never expire; {}",
                    Limit::Token.phrase(&p)
                );
                c.report(key, sink, msg, Level::Warning, Confidence::Medium);
            }
        }
        _ => {}
    }
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let pol = &p.settings.session_policy;
    let configured = p
        .of::<PySetting>()
        .any(|(_, s)| s.name == "JWT_REFRESH_TOKEN_EXPIRES");
    if configured {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (_, u) in p.of::<RefreshUse>() {
        if let Some((msg, level, conf)) = judge(
            pol,
            Lifetime::Secs {
                secs: 30 * 86_400,
                exact: true,
            },
            Limit::Refresh,
            "Flask-JWT-Extended refresh token",
            "default JWT_REFRESH_TOKEN_EXPIRES",
        ) {
            out.push(u.site.diagnostic(p.rule, msg, level, conf));
        }
    }
    out
}

/// passport-jwt `new JwtStrategy({ ignoreExpiration: true, .. }, verify)`, or the options a
/// NestJS `PassportStrategy(Strategy)` subclass passes to `super({ .. })`: expired tokens are
/// accepted.
fn passport_jwt_ignores_expiry<'a>(
    c: &mut Checker<'a>,
    sink: Node<'a>,
    callee: Node<'a>,
    a: &Args<'a>,
    p: &SessionPolicy,
) -> bool {
    let name = last_segment(c.text(callee));
    if !matches!(name, "super" | "Strategy" | "JwtStrategy")
        || !c.file.source.contains("passport-jwt")
    {
        return false;
    }
    let Some(opts) = a
        .positional
        .iter()
        .copied()
        .find(|n| resolve(c, *n).kind() == "object")
    else {
        return false;
    };
    let Some(v) = object_get(c, opts, "ignoreExpiration") else {
        return false;
    };
    if resolve(c, v).kind() != "true" {
        return false;
    }
    let msg = format!(
        "token expiry is not checked (passport-jwt ignoreExpiration), so expired tokens are accepted; {}",
        Limit::Token.phrase(p)
    );
    c.report(v, sink, msg, Level::Error, Confidence::High);
    true
}
