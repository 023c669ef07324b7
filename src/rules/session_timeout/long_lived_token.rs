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
    /// Some shapes are not a token without expiry:
    /// - a jsonwebtoken `sign` wrapper whose options come from its own parameter
    ///   (`createToken(data, expiry)`) lets each caller decide the lifetime: it is a low
    ///   confidence note asking to check the callers;
    /// - a Rust claims struct that derives `Deserialize` but not `Serialize` is only decoded
    ///   (it reads tokens others issued), so no token is encoded from it;
    /// - `validate_exp = false` in a function whose every caller signs a user out (an OpenID
    ///   Connect `id_token_hint` may be expired), revokes (RFC 7009) or introspects (RFC 7662) a
    ///   token accepts expired tokens on purpose, with the signature still checked. The callers
    ///   are found across the project by name, through wrappers named after the function
    ///   (`decode_allow_expired_async`); the use is read from the caller's or its file's name;
    /// - Flask-JWT-Extended's defaults (the 30-day refresh token) apply only in a file that
    ///   imports `flask_jwt_extended`: other libraries have a `create_refresh_token` too.
    ///
    /// ## Known limitations
    /// A payload built elsewhere is only seen when it is a literal in the same function; an
    /// `exp` added later by a helper is missed (the function's text is searched for `exp`).
    /// Refresh tokens are recognised by names containing `refresh`. A function that turns the
    /// expiry check off and has no caller in the scan is reported.
    ///
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files, a lifetime under a
    /// token key (`jwt.expiresIn`, `JWT_EXPIRES_IN`, `ACCESS_TOKEN_EXPIRE_MINUTES`,
    /// `auth.oauth.refresh_token_lifetime`) is judged with the same policy and duration
    /// reading as code; refresh tokens against `max-refresh-seconds`. A unit in a key with a
    /// token word names a lifetime too (`share.token_days`, `REFRESH_TOKEN_DAYS`), and a link
    /// that carries its own access (`family_portal.link_days`, `report_link_ttl_secs`) is
    /// judged like an access token. One-time tokens and links (password reset, e-mail
    /// verification, invitations, magic, upload and download links) and authorization codes
    /// are not login tokens.
    ///
    /// The same key reading applies to settings written in code: Python module-level and
    /// settings-class assignments (`PORTAL_TOKEN_TTL_SECONDS = config("X", default=12 * 3600)`,
    /// `jwt_ttl_minutes: int = 720`), Python keyword arguments named for a token lifetime
    /// (`access_token_validity=Duration.hours(24)`, AWS CDK), module-level JS/TS
    /// configuration objects (`module.exports = { counselorJwt: { expiresIn: "7d" } }`) and
    /// call options whose key names the token at module level or in infrastructure code (AWS
    /// CDK `addClient("web", { accessTokenValidity })`); form state built in a component is not
    /// configuration.
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
        facts: FACTS,
        prefilter: crate::rules::Prefilter::Tokens(&[
            "jwt", "jsonwebtoken", "jose", "signjwt", "claims", "validation", "simplejwt", "token", "tokens",
        ]),
        config: config,
    }
}

/// The facts as the facts cache keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
enum Cached {
    Setting(super::PySettingData),
    Refresh(crate::engine::SiteData),
}

const FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, _| {
        let cached = if let Some(s) = fact.downcast_ref::<PySetting>() {
            Cached::Setting(s.data())
        } else {
            Cached::Refresh(fact.downcast_ref::<RefreshUse>()?.site.data())
        };
        postcard::to_allocvec(&cached).ok()
    },
    decode: |bytes, path, _| {
        Some(match postcard::from_bytes(bytes.bytes()).ok()? {
            Cached::Setting(data) => Box::new(PySetting::from_data(data, path)),
            Cached::Refresh(site) => Box::new(RefreshUse {
                site: Site::from_data(site, path),
            }),
        })
    },
};

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
        n = x.up();
    }
    c.text(node).to_ascii_lowercase().contains("refresh")
}

fn enclosing_function_text<'a>(c: &Checker<'a>, node: Node<'a>) -> &'a str {
    let mut n = node.up();
    while let Some(x) = n {
        if crate::flow::is_function(x.kind()) {
            return c.text(x);
        }
        n = x.up();
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
            if left.kind() == "identifier"
                && !matches!(
                    name.as_str(),
                    "JWT_ACCESS_TOKEN_EXPIRES" | "JWT_REFRESH_TOKEN_EXPIRES" | "SIMPLE_JWT"
                )
                && super::may_name_lifetime(&name)
                && ["token", "jwt", "link"]
                    .iter()
                    .any(|w| super::contains_ignore_case(&name, w))
                && super::py_setting_scope(sink)
            {
                // `PORTAL_TOKEN_TTL_SECONDS = config("X", default=12 * 3600)`, a settings
                // class's `jwt_ttl_minutes: int = 720`.
                super::code_setting(c, &[name.as_str()], value, sink, super::config_token);
                return;
            }
            py_token_setting(c, &name, module_level, left, sink, value, &p);
        }
        "call" => {
            let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
                return;
            };
            let ctext = c.text(callee);
            let a = Args::of(c, args);
            // `add_client(access_token_validity=Duration.hours(24))`: a keyword named for a
            // token lifetime.
            for (k, v) in a.keywords.iter().copied() {
                if (super::contains_ignore_case(k, "token")
                    || super::contains_ignore_case(k, "jwt"))
                    && !k.starts_with("JWT_")
                    && super::may_name_lifetime(k)
                {
                    super::code_setting(c, &[k], v, sink, super::config_token);
                }
            }
            match last_segment(ctext) {
                "update" | "from_mapping" if ctext.contains("config") => {
                    for (k, v) in a.keywords.clone() {
                        py_token_setting(c, k, false, v, sink, v, &p);
                    }
                }
                // Flask-JWT-Extended's functions and defaults apply only where the library is
                // imported: other libraries (django-allauth's headless tokens) have functions of
                // the same names and their own settings.
                "create_access_token" | "create_refresh_token" if imports_flask_jwt_extended(c) => {
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

/// Whether the Python file imports Flask-JWT-Extended (`from flask_jwt_extended import ...`,
/// `import flask_jwt_extended`).
fn imports_flask_jwt_extended(c: &Checker<'_>) -> bool {
    c.file.source.lines().take(2000).any(|line| {
        let line = line.trim_start();
        (line.starts_with("from ") || line.starts_with("import "))
            && line
                .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .any(|w| w == "flask_jwt_extended")
    })
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
    if let (Some(sink), Some(key), Some(value)) = (m.get("sink"), m.get("key"), m.get("value")) {
        // `counselorJwt: { expiresIn: "7d" }` in a configuration object.
        if sink.kind() == "pair" && super::may_name_lifetime(c.text(key)) {
            if let Some(keys) = super::ecma_config_keys(c, sink) {
                super::code_setting(c, &keys, value, sink, super::config_token);
            }
        }
        return;
    }
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
            // `createToken(data, expiry) { const options = expiry ? { expiresIn: expiry } :
            // undefined; return jwt.sign(data, secret, options) }`: a wrapper whose options come
            // from its own parameters; each caller decides the lifetime.
            if opts.is_none() {
                if let Some((wrapper, param)) = a
                    .positional
                    .get(2)
                    .and_then(|o| from_parameter(c, sink, *o))
                {
                    let msg = format!(
                        "jsonwebtoken sign takes its options from parameter `{param}` of `{wrapper}`, so its callers decide the {what} lifetime; check that every caller passes an expiry within the policy ({})",
                        limit.phrase(&p)
                    );
                    c.report(sink, sink, msg, Level::Note, Confidence::Low);
                    return;
                }
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

/// The identifiers a function's parameter list binds (the first 64 nodes of it).
fn parameter_names<'a>(c: &Checker<'a>, function: Node<'a>) -> Vec<&'a str> {
    let Some(params) = function
        .field("parameters")
        .or_else(|| function.field("parameter"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    crate::tree::preorder(params, |n, _| {
        if out.len() > 64 {
            return crate::tree::Walk::Stop;
        }
        if matches!(
            n.kind(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) {
            out.push(c.text(n));
        }
        crate::tree::Walk::Descend
    });
    out
}

/// When a call argument is (or is bound in the same function to an expression that uses) a
/// parameter of the function around the call: that function's name and the parameter. A
/// wrapper such as `createToken(data, expiry)` passes its caller's choice through.
fn from_parameter<'a>(
    c: &Checker<'a>,
    call: Node<'a>,
    arg: Node<'a>,
) -> Option<(&'a str, &'a str)> {
    let function = c.file.flow.enclosing_function(call)?;
    let params = parameter_names(c, function);
    if params.is_empty() {
        return None;
    }
    let name = function
        .field("name")
        .map(|n| c.text(n))
        .or_else(|| {
            // `const createToken = (data, expiry) => ...`, `createToken: function (...) {...}`
            function
                .parent()
                .and_then(|p| p.field("name").or_else(|| p.field("key")))
                .map(|n| c.text(n))
        })
        .unwrap_or("the enclosing function");
    let mut found = None;
    for expr in [arg, resolve(c, arg)] {
        crate::tree::preorder(expr, |n, _| {
            if found.is_some() {
                return crate::tree::Walk::Stop;
            }
            if n.kind() == "identifier" && params.contains(&c.text(n)) {
                found = Some(c.text(n));
            }
            crate::tree::Walk::Descend
        });
        if found.is_some() {
            break;
        }
    }
    found.map(|param| (name, param))
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
    let Some(sink) = m.get("sink") else { return };
    if sink.kind() == "call_expression" {
        if let Some(callee) = m.get("callee") {
            rust_call(c, sink, callee);
        }
        return;
    }
    let Some(key) = m.get("key") else {
        return;
    };
    let p = policy(c);
    match sink.kind() {
        "assignment_expression" | "field_initializer" | "let_declaration" => {
            let Some(value) = m.get("value") else { return };
            if c.text(key) == "exp" && c.file.source_contains("jsonwebtoken") {
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
                // Judged in the project pass, by what the function that turns the check off
                // is used for.
                let function = enclosing_fn_name(c, sink);
                let purpose = function.is_some_and(names_expiry_exempt_use)
                    || names_expiry_exempt_use(file_stem(c.file.path));
                let test = c.file.is_test_path() || c.file.in_inline_test(sink);
                let site = c.site(sink, sink);
                c.fact(LaxExpiry {
                    function: function.map(str::to_string),
                    purpose,
                    confidence: if test {
                        Confidence::Low
                    } else {
                        Confidence::High
                    },
                    message: msg,
                    site,
                });
            }
        }
        "struct_item" => {
            let name = c.text(key);
            if !(name.ends_with("Claims") || name.ends_with("Claim")) {
                return;
            }
            if !c.file.source_contains("jsonwebtoken") {
                return;
            }
            // `#[derive(Deserialize)] struct MinimalClaims { iss, sub }`: a struct that cannot
            // be serialised is only ever decoded (jsonwebtoken's `encode` needs `Serialize`):
            // it reads tokens someone else issued, and no token is issued from it.
            if decode_only(c, sink, name) {
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

/// A jsonwebtoken `Validation` with `validate_exp = false`, judged in the project pass by the
/// callers of the function that sets it.
#[derive(Debug)]
struct LaxExpiry {
    /// The function the validation is built in.
    function: Option<String>,
    /// That function, or its file, names a use where expired tokens must be accepted.
    purpose: bool,
    confidence: Confidence,
    message: String,
    site: Site,
}

/// A Rust call of a function or method that may read tokens: who calls it, and for what.
#[derive(Debug)]
struct TokenCall {
    callee: String,
    caller: Option<String>,
    /// The caller, or its file, names a use where expired tokens must be accepted.
    purpose: bool,
    /// Test code.
    test: bool,
}

/// Whether a function or file name says expired tokens are read on purpose: signing out (an
/// OpenID Connect `id_token_hint` may be expired), revoking (RFC 7009) or introspecting
/// (RFC 7662, which answers `active: false`) a token. Only the expiry check is off there; the
/// signature is still verified.
fn names_expiry_exempt_use(name: &str) -> bool {
    crate::phi::tokenize(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "logout"
                | "signout"
                | "revoke"
                | "revoked"
                | "revocation"
                | "introspect"
                | "introspection"
                | "hint"
        )
    })
}

/// The file name of a display path, without its extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// The name of the Rust function (`fn` item) around a node.
fn enclosing_fn_name<'a>(c: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let mut f = c.file.flow.enclosing_function(node);
    for _ in 0..8 {
        let item = f?;
        if item.kind() == "function_item" {
            return item.field("name").map(|n| c.text(n));
        }
        f = c.file.flow.enclosing_function(item);
    }
    None
}

/// The name a Rust call calls: `decode` in `decode(..)`, `jwt.decode_allow_expired::<T>(..)`,
/// `JwtService::verify(..)`.
fn rust_callee_leaf<'a>(c: &Checker<'a>, callee: Node<'a>) -> Option<&'a str> {
    let mut node = callee;
    for _ in 0..4 {
        match node.kind() {
            "identifier" | "field_identifier" => return Some(c.text(node)),
            "field_expression" => node = node.field("field")?,
            "scoped_identifier" => node = node.field("name")?,
            "generic_function" => node = node.field("function")?,
            _ => return None,
        }
    }
    None
}

/// Records a call of a token-reading function (its name says decode, verify, validate, parse,
/// token, claims, jwt, expired or introspect) for the judgement of [`LaxExpiry`].
fn rust_call<'a>(c: &mut Checker<'a>, call: Node<'a>, callee: Node<'a>) {
    let Some(leaf) = rust_callee_leaf(c, callee) else {
        return;
    };
    let lower = leaf.to_ascii_lowercase();
    if ![
        "decode",
        "verify",
        "validat",
        "parse",
        "token",
        "claim",
        "jwt",
        "expire",
        "introspect",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return;
    }
    let caller = enclosing_fn_name(c, call);
    let purpose = caller.is_some_and(names_expiry_exempt_use)
        || names_expiry_exempt_use(file_stem(c.file.path));
    let test = c.file.is_test_path() || c.file.in_inline_test(call);
    c.fact(TokenCall {
        callee: leaf.to_string(),
        caller: caller.map(str::to_string),
        purpose,
        test,
    });
}

/// Whether a Rust claims struct can only be decoded: it derives `Deserialize` but not
/// `Serialize`, and the file has no hand-written `impl Serialize for` it.
fn decode_only<'a>(c: &Checker<'a>, item: Node<'a>, name: &str) -> bool {
    let derives: Vec<&str> = crate::tree::rust_attributes(item)
        .into_iter()
        .map(|a| c.text(a))
        .filter(|t| t.contains("derive"))
        .collect();
    let derives_word = |w: &str| {
        derives.iter().any(|t| {
            t.split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .any(|x| x == w)
        })
    };
    derives_word("Deserialize")
        && !derives_word("Serialize")
        && !c.file.source.contains(&format!("Serialize for {name}"))
}

/// Whether every use of the function that turns off the expiry check is one where expired
/// tokens are read on purpose ([`names_expiry_exempt_use`]), following wrappers named after it
/// (`decode_allow_expired_async` around `decode_allow_expired`). `None` when no caller outside
/// tests (or, for a function in test code, no caller at all) is seen: the use is unknown.
fn lax_uses_exempt(function: &str, calls: &[&TokenCall], in_test: bool) -> Option<bool> {
    let mut names: Vec<&str> = vec![function];
    let mut seen_caller = false;
    let mut i = 0;
    while i < names.len() && names.len() < 16 {
        let name = names[i];
        i += 1;
        // Tests call everything; they say what the function is for only about test code.
        for call in calls
            .iter()
            .filter(|t| t.callee == name && (in_test || !t.test))
        {
            seen_caller = true;
            if call.purpose {
                continue;
            }
            match call.caller.as_deref() {
                Some(caller) if names.iter().any(|n| caller.contains(n)) => {
                    if !names.contains(&caller) {
                        names.push(caller);
                    }
                }
                _ => return Some(false),
            }
        }
    }
    seen_caller.then_some(true)
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let mut out = lax_expiry(p);
    out.extend(default_refresh(p));
    out
}

/// `validate_exp = false` findings: dropped when the function is only used to sign out, revoke
/// or introspect tokens.
fn lax_expiry(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let calls: Vec<&TokenCall> = p.of::<TokenCall>().map(|(_, t)| t).collect();
    let mut out = Vec::new();
    for (_, lax) in p.of::<LaxExpiry>() {
        if lax.purpose {
            continue;
        }
        let exempt = lax
            .function
            .as_deref()
            .and_then(|f| lax_uses_exempt(f, &calls, lax.confidence == Confidence::Low));
        if exempt == Some(true) {
            continue;
        }
        out.push(
            lax.site
                .diagnostic(p.rule, lax.message.clone(), Level::Error, lax.confidence),
        );
    }
    out
}

fn default_refresh(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
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

/// PHI502 in configuration files.
fn config<'a>(c: &mut crate::config_files::ConfigChecker<'a>, e: &crate::config_files::Entry<'a>) {
    if !super::may_name_lifetime(e.last_key()) {
        return;
    }
    if let Some((limit, what)) = super::config_token(&super::KeyWords::of_entry(e)) {
        super::config_report(c, e, limit, what);
    }
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
        || !c.file.source_contains("passport-jwt")
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
