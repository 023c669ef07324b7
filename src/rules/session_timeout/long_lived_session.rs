//! PHI501 long-lived-session.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts, Site};
use crate::eval::{self, Unit};
use crate::lang::Family;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::{
    by_path, ecma_callee_module, ecma_import_source, judge, last_segment, lifetime, method_chain,
    object_get, object_has, policy, py_setting, py_setting_name, report_judged, resolve,
    resolve_py_import, Args, Lifetime, Limit, PySetting, StarImport,
};

declare_rule! {
    /// ## What it does
    /// Flags sessions without an inactivity expiry, or whose effective lifetime (the explicit
    /// setting, or the framework default when it is unset) exceeds the policy: Django
    /// `SESSION_COOKIE_AGE` (two weeks when absent, joined across `settings/` modules; a
    /// development, local or test module such as `settings/local.py` is not judged),
    /// `SESSION_SAVE_EVERY_REQUEST`, django-session-timeout, `request.session.set_expiry`, Flask
    /// `PERMANENT_SESSION_LIFETIME` with `session.permanent` or with a login kept in the default
    /// session (`session["user_id"] = user.id`, `login_user(user)`: that cookie ends with the
    /// browser, but Flask accepts it for the permanent lifetime after it was written and never
    /// expires an idle one), Flask-Login remember-me cookies,
    /// Starlette/FastAPI `SessionMiddleware`, Litestar `ServerSideSessionConfig` and
    /// `CookieBackendConfig` (14 days by default), Remix `createCookieSessionStorage` and
    /// @hapi/cookie `cookie.ttl`, express-session, cookie-session, koa-session,
    /// `@fastify/session`, iron-session, next-auth, actix-session, tower-sessions and Rocket
    /// private cookies (`fastify.register(require("@fastify/session"), ..)` too). The
    /// application's own inactivity timers count as well: a constant named for an idle logout
    /// or session timeout with its unit (`IDLE_LOGOUT_MS = 12 * 60 * 60 * 1000`,
    /// `INACTIVITY_TIMEOUT_SECONDS = 3600`, `SESSION_TIMEOUT_MINUTES = 480`); pool, connection
    /// and request timeouts do not.
    ///
    /// ## Why is this bad?
    /// An unattended workstation with a live session gives the next person access to every
    /// record the user could open. HIPAA requires procedures that terminate an electronic
    /// session after a period of inactivity (45 CFR 164.312(a)(2)(iii), automatic logoff).
    /// The default limits are 15 minutes of inactivity and 12 hours in total; set them with
    /// `[session] max-idle-seconds` and `max-absolute-seconds`.
    ///
    /// ## Example
    /// ```python
    /// # settings.py: SESSION_COOKIE_AGE is unset, so sessions last two weeks
    /// INSTALLED_APPS = ["django.contrib.sessions", "clinic"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// SESSION_COOKIE_AGE = 15 * 60
    /// SESSION_SAVE_EVERY_REQUEST = True  # sliding: expires after 15 minutes idle
    /// ```
    ///
    /// ## Known limitations
    /// Values that cannot be evaluated statically (read from the environment without a
    /// default, computed by functions) are reported as notes at medium confidence. Server-side
    /// store TTLs (Redis) are not seen, nor idle timers whose constant does not say its unit.
    /// An application whose Python code sets its own inactivity logout of known length
    /// (`SESSION_TIMEOUT_HOURS = 1`) is judged by that timer: the Django and Flask session
    /// defaults it makes moot are not reported (explicit settings still are).
    ///
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files, a lifetime under a
    /// session key (`SESSION_COOKIE_AGE`, `session.cookie.maxAge`, `session.idle_timeout`,
    /// `SESSION_IDLE_TIMEOUT_MINUTES`, `auth.idle_timeout`) is judged with the same policy and
    /// duration reading as code: numbers in the unit the key names (`_MINUTES`, `_ms`,
    /// `Hours`), milliseconds for a camel-case `maxAge`, seconds otherwise; strings with units
    /// (`"8h"`, `"7d"`) and ISO 8601 durations (`PT15M`). Remember-me and absolute lifetimes
    /// are compared with `max-absolute-seconds`, the rest with `max-idle-seconds`. A unit in a
    /// key with a session or cookie word names a lifetime too (`security.staff_cookie_days`).
    /// Database, HTTP, cache and job timeouts are not sessions.
    ///
    /// The same key reading applies to settings written in code: Python module-level and
    /// settings-class assignments (`SESSION_MAX_AGE = config("X", default=14 * 86400)`,
    /// `session_cookie_days: int = 30`) and keyword arguments named for a session lifetime,
    /// module-level JS/TS configuration objects (`module.exports = { session: { maxAge } }`,
    /// `defineNuxtConfig({ runtimeConfig: { session: { maxAge } } })`,
    /// `environment = { idleLogoutMinutes: 240 }`). A number under a key that names no unit
    /// counts milliseconds when written with a 1000 factor, seconds when written as another
    /// product. Authentication cookies set with a long `maxAge` are judged as well: SvelteKit
    /// and Next.js `cookies.set`, h3, Hono and `@fastify/cookie` `setCookie` (seconds), Express
    /// `res.cookie` and Koa `ctx.cookies.set` (milliseconds), when the cookie's name or value
    /// names a session, login or token; CSRF and preference cookies are not. An
    /// express-session store's `ttl` (connect-mongo, connect-redis) is judged when the cookie
    /// sets no lifetime known statically.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iii) (automatic logoff)
    /// - CWE-613: Insufficient Session Expiration
    pub LONG_LIVED_SESSION = "PHI501" {
        name: "long-lived-session",
        file: long_lived_session,
        category: SessionTimeout,
        safeguards: [AutomaticLogoff, AccessControl],
        level: Warning,
        confidence: High,
        cwe: [613],
        queries: [python, ecma, rust],
        check: check,
        project: project,
        facts: FACTS,
        prefilter: crate::rules::Prefilter::Tokens(&[
            "session", "sessions", "sessionmiddleware", "cookie", "cookies", "remember", "permanent", "expiry",
            "settings", "middleware", "ironsession", "nextauth", "authoptions", "private", "loginuser",
            "idle", "inactivity", "logout", "logoff", "timeout",
        ]),
        config: config,
    }
}

const DJANGO_NAMES: &[&str] = &[
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_EXPIRE_SECONDS",
    "SESSION_EXPIRE_AFTER_LAST_ACTIVITY",
    "SESSION_SECURITY_EXPIRE_AFTER",
    "MIDDLEWARE",
    "INSTALLED_APPS",
    "ROOT_URLCONF",
];
const FLASK_NAMES: &[&str] = &["PERMANENT_SESSION_LIFETIME", "REMEMBER_COOKIE_DURATION"];

/// Django's `SESSION_COOKIE_AGE` default: two weeks.
const DJANGO_DEFAULT_AGE: u64 = 1_209_600;

/// The facts as the facts cache keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
enum Cached {
    Setting(super::PySettingData),
    StarImport(String),
    Flask(FlaskSession, crate::engine::SiteData),
    IdleTimer,
}

const FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, _| {
        let cached = if let Some(s) = fact.downcast_ref::<PySetting>() {
            Cached::Setting(s.data())
        } else if let Some(s) = fact.downcast_ref::<StarImport>() {
            Cached::StarImport(s.target.clone())
        } else if fact.downcast_ref::<IdleTimer>().is_some() {
            Cached::IdleTimer
        } else {
            let u = fact.downcast_ref::<FlaskUse>()?;
            Cached::Flask(u.kind, u.site.data())
        };
        postcard::to_allocvec(&cached).ok()
    },
    decode: |bytes, path, _| {
        Some(match postcard::from_bytes(bytes.bytes()).ok()? {
            Cached::Setting(data) => Box::new(PySetting::from_data(data, path)),
            Cached::StarImport(target) => Box::new(StarImport { target }),
            Cached::Flask(kind, site) => Box::new(FlaskUse {
                kind,
                site: Site::from_data(site, path),
            }),
            Cached::IdleTimer => Box::new(IdleTimer),
        })
    },
};

/// The application runs its own inactivity logout: a Python constant named for an idle or
/// session timeout whose length is known ([`idle_constant`]), judged where it is set. The framework's default
/// cookie lifetime is then not what ends an idle session.
#[derive(Debug)]
struct IdleTimer;

/// A Flask session or Flask-Login remember-me cookie whose lifetime is the project's setting.
#[derive(Debug)]
struct FlaskUse {
    kind: FlaskSession,
    site: Site,
}

/// What a [`FlaskUse`] starts.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum FlaskSession {
    /// `session.permanent = True`: a cookie refreshed on each request.
    Permanent,
    /// `login_user(user, remember=True)`: a remember-me cookie.
    Remember,
    /// A login written into the default session (`session["user_id"] = user.id`,
    /// `login_user(user)`): the cookie ends with the browser, but Flask accepts it for
    /// `PERMANENT_SESSION_LIFETIME` after it was written, with no inactivity expiry.
    Login,
}

/// Tokens of a session key that hold the signed-in identity (`user_id`, `_user_id`, `uid`,
/// `logged_in`, `account`).
const LOGIN_KEY_TOKENS: &[&str] = &[
    "user",
    "userid",
    "uid",
    "username",
    "account",
    "login",
    "logged",
    "auth",
    "admin",
    "staff",
    "doctor",
    "clinician",
];

fn check<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    match c.file.lang.family() {
        Family::Python => python(c, m),
        Family::Ecma => ecma(c, m),
        Family::Rust => rust(c, m),
    }
}

fn python<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let p = policy(c);
    match sink.kind() {
        "import_from_statement" => {
            if let Some(k) = m.get("key") {
                let target = c.text(k).to_string();
                c.fact(StarImport { target });
            }
        }
        "assignment" => {
            let (Some(left), Some(value)) = (m.get("key"), m.get("value")) else {
                return;
            };
            // `session.permanent = True`
            if left.kind() == "attribute" {
                let attr = left.field("attribute").map(|a| c.text(a));
                let obj = left.field("object").map(|o| c.text(o));
                if attr == Some("permanent")
                    && obj.is_some_and(|o| o == "session" || o.ends_with(".session"))
                    && super::evaluator(c).is_true(value)
                {
                    let site = c.site(sink, sink);
                    c.fact(FlaskUse {
                        kind: FlaskSession::Permanent,
                        site,
                    });
                    return;
                }
            }
            // `session["user_id"] = user.id` in a Flask module.
            if left.kind() == "subscript" && is_flask_login_key(c, left) {
                let site = c.site(sink, sink);
                c.fact(FlaskUse {
                    kind: FlaskSession::Login,
                    site,
                });
                return;
            }
            // The application's own idle timer; Django and Flask settings are joined below.
            if left.kind() == "identifier"
                && !DJANGO_NAMES.contains(&c.text(left))
                && !FLASK_NAMES.contains(&c.text(left))
                && idle_constant(c, left, value, sink, &p)
            {
                return;
            }
            // `SESSION_MAX_AGE = config("SESSION_MAX_AGE", cast=int, default=14 * 86400)`, a
            // settings class's `session_cookie_days: int = 30`.
            if left.kind() == "identifier"
                && super::may_name_lifetime(c.text(left))
                && ["session", "cookie", "idle", "inactiv"]
                    .iter()
                    .any(|w| super::contains_ignore_case(c.text(left), w))
                && !DJANGO_NAMES.contains(&c.text(left))
                && !FLASK_NAMES.contains(&c.text(left))
                && super::py_setting_scope(sink)
                && super::code_setting(c, &[c.text(left)], value, sink, super::config_session)
            {
                return;
            }
            let Some((name, module_level)) = py_setting_name(c, left) else {
                return;
            };
            setting(c, name, module_level, left, sink, value, &p);
        }
        "call" => {
            let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
                return;
            };
            let ctext = c.text(callee);
            let last = last_segment(ctext);
            let a = Args::of(c, args);
            // A keyword named for a session lifetime (`session_cookie_age=timedelta(days=7)`).
            for (k, v) in a.keywords.iter().copied() {
                if (super::contains_ignore_case(k, "session")
                    || super::contains_ignore_case(k, "cookie"))
                    && super::may_name_lifetime(k)
                {
                    super::code_setting(c, &[k], v, sink, super::config_session);
                }
            }
            match last {
                "set_expiry" if ctext.contains("session") => {
                    let Some(v) = a.positional.first().copied() else {
                        return;
                    };
                    let life = lifetime(c, v, Unit::Seconds);
                    let judged = match life {
                        // 0 means browser close; None means the global policy.
                        Lifetime::Never => None,
                        Lifetime::Secs { secs: 0, .. } => None,
                        // A datetime is an absolute expiry: not evaluated.
                        Lifetime::Unknown => None,
                        _ => judge(&p, life, Limit::Idle, "session", "set_expiry"),
                    };
                    report_judged(c, v, sink, judged);
                }
                "update" | "from_mapping" if ctext.contains("config") => {
                    for (k, v) in a.keywords.clone() {
                        setting(c, k.to_string(), false, v, sink, v, &p);
                    }
                }
                "login_user" => {
                    let remember = a
                        .kw("remember")
                        .or_else(|| a.positional.get(1).copied())
                        .is_some_and(|r| super::evaluator(c).is_true(r));
                    if !remember {
                        // Flask-Login's session login; a project's own `login_user` helper
                        // (Django, Starlette) is not one.
                        if in_flask_module(c) {
                            let site = c.site(sink, sink);
                            c.fact(FlaskUse {
                                kind: FlaskSession::Login,
                                site,
                            });
                        }
                        return;
                    }
                    if let Some(d) = a.kw("duration").or_else(|| a.positional.get(2).copied()) {
                        let life = lifetime(c, d, Unit::Seconds);
                        let judged = judge(
                            &p,
                            life,
                            Limit::Absolute,
                            "remember-me cookie",
                            "login_user duration",
                        );
                        report_judged(c, d, sink, judged);
                    } else {
                        let site = c.site(sink, sink);
                        c.fact(FlaskUse {
                            kind: FlaskSession::Remember,
                            site,
                        });
                    }
                }
                _ => starlette(c, sink, callee, &a, &p),
            }
        }
        _ => {}
    }
}

/// Whether the file is a Flask module (it names `flask` or `flask_login`), so `session` and
/// `login_user` are Flask's.
fn in_flask_module(c: &Checker<'_>) -> bool {
    c.file.source_contains("flask")
}

/// Whether `left` is `session[KEY]` in a Flask module, with a key that holds the signed-in
/// identity (`session["user_id"]`, not `session["cart"]`).
fn is_flask_login_key(c: &Checker<'_>, left: Node<'_>) -> bool {
    let (Some(obj), Some(key)) = (left.field("value"), left.field("subscript")) else {
        return false;
    };
    if c.text(obj) != "session" || key.kind() != "string" || !in_flask_module(c) {
        return false;
    }
    crate::phi::tokenize(c.text(key).trim_matches(['"', '\'']))
        .iter()
        .any(|t| LOGIN_KEY_TOKENS.contains(&t.to_lowercase().as_str()))
}

fn setting<'a>(
    c: &mut Checker<'a>,
    name: String,
    module_level: bool,
    focus: Node<'a>,
    anchor: Node<'a>,
    value: Node<'a>,
    p: &crate::settings::SessionPolicy,
) {
    let is_django = module_level && DJANGO_NAMES.contains(&name.as_str());
    let is_flask = FLASK_NAMES.contains(&name.as_str());
    if !is_django && !is_flask {
        return;
    }
    if is_flask {
        let (what, limit, unit) = if name == "PERMANENT_SESSION_LIFETIME" {
            ("permanent session", Limit::Idle, Unit::Seconds)
        } else {
            ("remember-me cookie", Limit::Absolute, Unit::Seconds)
        };
        let life = lifetime(c, value, unit);
        let judged = judge(p, life, limit, what, &name);
        report_judged(c, focus, anchor, judged);
    }
    let fact = py_setting(c, name, module_level, focus, anchor, value);
    c.fact(fact);
}

/// Starlette / FastAPI `SessionMiddleware`: `max_age` defaults to 14 days.
fn starlette<'a>(
    c: &mut Checker<'a>,
    sink: Node<'a>,
    callee: Node<'a>,
    a: &Args<'a>,
    p: &crate::settings::SessionPolicy,
) {
    let last = last_segment(c.text(callee));
    let is_mw = |n: Node<'_>| last_segment(c.text(n)) == "SessionMiddleware";
    // Litestar's session backends: `max_age` defaults to 14 days too.
    let what = match last {
        "ServerSideSessionConfig" => "ServerSideSessionConfig session",
        "CookieBackendConfig" => "CookieBackendConfig session",
        _ => "SessionMiddleware cookie",
    };
    let applies = match last {
        "SessionMiddleware" | "ServerSideSessionConfig" | "CookieBackendConfig" => true,
        "add_middleware" | "Middleware" => a.positional.first().is_some_and(|f| is_mw(*f)),
        _ => false,
    };
    if !applies {
        return;
    }
    let judged = match a.kw("max_age") {
        Some(v) => {
            let life = lifetime(c, v, Unit::Seconds);
            if matches!(life, Lifetime::Never) {
                // `max_age=None`: a browser-session cookie.
                None
            } else {
                judge(p, life, Limit::Idle, what, "max_age")
            }
        }
        None => judge(
            p,
            Lifetime::Secs {
                secs: DJANGO_DEFAULT_AGE,
                exact: true,
            },
            Limit::Idle,
            what,
            "default max_age",
        ),
    };
    let focus = a.kw("max_age").unwrap_or(sink);
    report_judged(c, focus, sink, judged);
}

fn ecma<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let p = policy(c);
    if sink.kind() == "pair" {
        // `session: { maxAge: 30 * 24 * 60 * 60 * 1000 }` in a configuration object.
        if let (Some(key), Some(value)) = (m.get("key"), m.get("value")) {
            if super::may_name_lifetime(c.text(key)) {
                if let Some(keys) = super::ecma_config_keys(c, sink) {
                    super::code_setting(c, &keys, value, sink, super::config_session);
                }
            }
        }
        return;
    }
    if sink.kind() == "variable_declarator" {
        let (Some(key), Some(value)) = (m.get("key"), m.get("value")) else {
            return;
        };
        if value.kind() != "object" {
            idle_constant(c, key, value, sink, &p);
            return;
        }
        let name = c.text(key).to_ascii_lowercase();
        if name.contains("auth")
            && (name.contains("option") || name.contains("config"))
            && object_has(c, value, "providers") == Some(true)
        {
            next_auth(c, value, sink, &p);
        }
        return;
    }
    let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
        return;
    };
    let a = Args::of(c, args);
    let last = last_segment(c.text(callee));
    // `fastify.register(fastifySession, opts)`
    if last == "register" {
        let Some(plugin) = a.positional.first().copied() else {
            return;
        };
        let module = match plugin.kind() {
            "identifier" => ecma_import_source(c, c.text(plugin)).unwrap_or(""),
            // `fastify.register(require("@fastify/session"), opts)`
            "call_expression" => {
                let is_require = plugin
                    .field("function")
                    .is_some_and(|f| c.text(f) == "require");
                let spec = plugin
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .and_then(|s| eval::string_content(c.text(s)));
                match (is_require, spec) {
                    (true, Some(s)) => s,
                    _ => return,
                }
            }
            _ => return,
        };
        let opts = a.positional.get(1).copied();
        match module {
            "@fastify/session" | "fastify-session" => {
                let max_age = opts
                    .and_then(|o| object_get(c, o, "cookie"))
                    .and_then(|ck| object_get(c, ck, "maxAge"));
                match max_age {
                    Some(v) => {
                        let judged = judge(
                            &p,
                            lifetime(c, v, Unit::Millis),
                            Limit::Idle,
                            "@fastify/session cookie",
                            "cookie.maxAge",
                        );
                        report_judged(c, v, sink, judged);
                    }
                    None => no_idle(c, sink, "@fastify/session cookie has no cookie.maxAge", &p),
                }
            }
            "@fastify/secure-session" | "fastify-secure-session" => {
                let v = opts.and_then(|o| object_get(c, o, "expiry"));
                let (life, src) = match v {
                    Some(v) => (lifetime(c, v, Unit::Seconds), "expiry"),
                    None => (
                        Lifetime::Secs {
                            secs: 86_400,
                            exact: true,
                        },
                        "default expiry",
                    ),
                };
                let judged = judge(&p, life, Limit::Idle, "@fastify/secure-session cookie", src);
                report_judged(c, v.unwrap_or(sink), sink, judged);
            }
            _ => {}
        }
        return;
    }
    if auth_cookie_set(c, sink, callee, &a, &p) {
        return;
    }
    // @hapi/cookie: `server.auth.strategy('session', 'cookie', { cookie: { ttl } })`, in
    // milliseconds; without a ttl the cookie ends with the browser session.
    if last == "strategy"
        && a.positional
            .get(1)
            .and_then(|s| eval::string_content(c.text(*s)))
            .is_some_and(|s| s == "cookie")
    {
        let opts = a.positional.get(2).copied();
        cookie_option(
            c,
            sink,
            opts,
            ("ttl", Unit::Millis),
            "@hapi/cookie session",
            &p,
        );
        return;
    }
    // Remix / React Router session storages: `createCookieSessionStorage({ cookie: { maxAge } })`,
    // in seconds; without one the cookie ends with the browser session.
    if matches!(
        last,
        "createCookieSessionStorage"
            | "createSessionStorage"
            | "createFileSessionStorage"
            | "createWorkersKVSessionStorage"
            | "createMemorySessionStorage"
    ) {
        let opts = a.positional.first().copied();
        cookie_option(
            c,
            sink,
            opts,
            ("maxAge", Unit::Seconds),
            "session cookie",
            &p,
        );
        return;
    }
    let Some(module) = ecma_callee_module(c, callee) else {
        return;
    };
    match module {
        "express-session" => {
            let Some(opts) = a.positional.first().copied() else {
                return;
            };
            if object_has(c, opts, "cookie").is_none() && object_has(c, opts, "secret").is_none() {
                return; // Options not visible.
            }
            let cookie = object_get(c, opts, "cookie");
            let max_age = cookie.and_then(|ck| {
                object_get(c, ck, "maxAge").or_else(|| object_get(c, ck, "expires"))
            });
            if cookie.is_some() && object_has(c, cookie.unwrap_or(opts), "maxAge").is_none() {
                return; // A spread may set it.
            }
            if let Some(ttl) = express_store_ttl(c, opts) {
                // The store keeps a session for its ttl when the cookie sets no known lifetime
                // (connect-mongo, connect-redis: seconds).
                let cookie_life = max_age.map(|v| lifetime(c, v, Unit::Millis));
                if !matches!(cookie_life, Some(Lifetime::Secs { .. } | Lifetime::Never)) {
                    let life = lifetime(c, ttl, Unit::Seconds);
                    if matches!(life, Lifetime::Secs { .. }) {
                        let judged =
                            judge(&p, life, Limit::Idle, "express-session store", "store ttl");
                        report_judged(c, ttl, sink, judged);
                        return;
                    }
                }
            }
            match max_age {
                Some(v) if !super::evaluator(c).is_nothing(v) => {
                    let judged = judge(&p, lifetime(c, v, Unit::Millis), Limit::Idle, "express-session cookie", "cookie.maxAge");
                    report_judged(c, v, sink, judged);
                }
                _ => no_idle(
                    c,
                    sink,
                    "express-session cookie has no maxAge or expires (a browser-session cookie; only the store TTL ends the session)",
                    &p,
                ),
            }
        }
        "cookie-session" => {
            let Some(opts) = a.positional.first().copied() else {
                return;
            };
            match object_get(c, opts, "maxAge").or_else(|| object_get(c, opts, "expires")) {
                Some(v) => {
                    let judged = judge(
                        &p,
                        lifetime(c, v, Unit::Millis),
                        Limit::Idle,
                        "cookie-session cookie",
                        "maxAge",
                    );
                    report_judged(c, v, sink, judged);
                }
                None if object_has(c, opts, "maxAge") == Some(false) => no_idle(
                    c,
                    sink,
                    "cookie-session cookie has no maxAge (it is never expired by the server)",
                    &p,
                ),
                None => {}
            }
        }
        "koa-session" => {
            let Some(opts) = a
                .positional
                .iter()
                .copied()
                .find(|n| matches!(resolve(c, *n).kind(), "object"))
            else {
                // `session(app)`: every option defaulted; maxAge is one day.
                let judged = judge(
                    &p,
                    Lifetime::Secs {
                        secs: 86_400,
                        exact: true,
                    },
                    Limit::Idle,
                    "koa-session cookie",
                    "default maxAge",
                );
                report_judged(c, sink, sink, judged);
                return;
            };
            let v = object_get(c, opts, "maxAge");
            let (life, src) = match v {
                Some(v) if eval::string_content(c.text(resolve(c, v))).is_some() => {
                    // `maxAge: "session"`: a browser-session cookie.
                    no_idle(
                        c,
                        v,
                        "koa-session cookie is a browser-session cookie (maxAge \"session\")",
                        &p,
                    );
                    return;
                }
                Some(v) => (lifetime(c, v, Unit::Millis), "maxAge"),
                None if object_has(c, opts, "maxAge") == Some(false) => (
                    Lifetime::Secs {
                        secs: 86_400,
                        exact: true,
                    },
                    "default maxAge",
                ),
                None => return,
            };
            let judged = judge(&p, life, Limit::Idle, "koa-session cookie", src);
            report_judged(c, v.unwrap_or(sink), sink, judged);
        }
        "iron-session" | "iron-session/next" | "iron-session/edge" | "next-iron-session" => {
            if !matches!(
                last,
                "getIronSession"
                    | "withIronSessionApiRoute"
                    | "withIronSessionSsr"
                    | "ironSession"
                    | "withIronSession"
                    | "sealData"
            ) {
                return;
            }
            let Some(opts) = a
                .positional
                .iter()
                .rev()
                .copied()
                .find(|n| matches!(resolve(c, *n).kind(), "object"))
            else {
                return;
            };
            let v = object_get(c, opts, "ttl");
            let (life, src) = match v {
                Some(v) => match lifetime(c, v, Unit::Seconds) {
                    Lifetime::Secs { secs: 0, .. } => {
                        (Lifetime::Never, "ttl 0, the longest cookie lifetime")
                    }
                    l => (l, "ttl"),
                },
                None if object_has(c, opts, "ttl") == Some(false) => (
                    Lifetime::Secs {
                        secs: 14 * 86_400,
                        exact: true,
                    },
                    "default ttl",
                ),
                None => return,
            };
            let judged = judge(&p, life, Limit::Idle, "iron-session cookie", src);
            report_judged(c, v.unwrap_or(sink), sink, judged);
        }
        "next-auth" | "next-auth/next" => {
            if let Some(opts) = a
                .positional
                .iter()
                .rev()
                .copied()
                .find(|n| matches!(resolve(c, *n).kind(), "object"))
            {
                next_auth(c, resolve(c, opts), sink, &p);
            }
        }
        _ => {}
    }
}

/// Judges the lifetime an options object sets under `cookie.<key>` (in `unit`), when it sets
/// one: `{ cookie: { ttl } }`, `{ cookie: { maxAge } }`. Without it the cookie ends with the
/// browser session, and nothing is reported.
fn cookie_option<'a>(
    c: &mut Checker<'a>,
    sink: Node<'a>,
    opts: Option<Node<'a>>,
    (key, unit): (&str, Unit),
    what: &str,
    p: &crate::settings::SessionPolicy,
) {
    let Some(v) = opts
        .and_then(|o| object_get(c, o, "cookie"))
        .and_then(|ck| object_get(c, ck, key))
    else {
        return;
    };
    let judged = judge(
        p,
        lifetime(c, v, unit),
        Limit::Idle,
        what,
        &format!("cookie.{key}"),
    );
    report_judged(c, v, sink, judged);
}

/// The `ttl` an express-session store is created with (`MongoStore.create({ ttl })`,
/// `new RedisStore({ client, ttl })`).
fn express_store_ttl<'a>(c: &Checker<'a>, opts: Node<'a>) -> Option<Node<'a>> {
    let store = resolve(c, object_get(c, opts, "store")?);
    if !matches!(store.kind(), "call_expression" | "new_expression") {
        return None;
    }
    let args = store.field("arguments")?;
    let mut cursor = args.walk();
    let first = args
        .named_children(&mut cursor)
        .find(|n| n.kind() != "comment")?;
    object_get(c, first, "ttl")
}

/// next-auth / Auth.js: `session.maxAge` defaults to 30 days.
fn next_auth<'a>(
    c: &mut Checker<'a>,
    opts: Node<'a>,
    anchor: Node<'a>,
    p: &crate::settings::SessionPolicy,
) {
    let session = object_get(c, opts, "session");
    let v = session.and_then(|s| object_get(c, s, "maxAge"));
    let (life, src) = match v {
        Some(v) => (lifetime(c, v, Unit::Seconds), "session.maxAge"),
        None => {
            if session.is_some_and(|s| object_has(c, s, "maxAge").is_none())
                || object_has(c, opts, "session").is_none()
            {
                return;
            }
            (
                Lifetime::Secs {
                    secs: 30 * 86_400,
                    exact: true,
                },
                "default session.maxAge",
            )
        }
    };
    let focus = v.or(session).unwrap_or(opts);
    let judged = judge(p, life, Limit::Idle, "next-auth session", src);
    report_judged(c, focus, anchor, judged);
}

fn no_idle<'a>(
    c: &mut Checker<'a>,
    focus: Node<'a>,
    what: &str,
    p: &crate::settings::SessionPolicy,
) {
    let msg = format!(
        "{what}, so there is no inactivity expiry; {}",
        Limit::Idle.phrase(p)
    );
    c.report(focus, focus, msg, Level::Warning, Confidence::High);
}

fn rust<'a>(c: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(callee), Some(args)) = (m.get("sink"), m.get("callee"), m.get("args"))
    else {
        return;
    };
    let p = policy(c);
    let ctext = c.text(callee);
    if ctext.ends_with("SessionMiddleware::new") || ctext.ends_with("SessionMiddleware::builder") {
        // actix-session: BrowserSession with a one-day state TTL unless configured.
        let (_, links) = method_chain(c, sink);
        let lifecycle = links.iter().find(|(n, _)| *n == "session_lifecycle");
        let mut ttl = None;
        if let Some((_, largs)) = lifecycle {
            ttl = find_method_arg(c, *largs, &["session_ttl", "state_ttl"]);
            if ttl.is_none() {
                if let Some(arg) = largs.named_child(0) {
                    let arg = resolve(c, arg);
                    ttl = find_method_arg(c, arg, &["session_ttl", "state_ttl"]);
                }
            }
        }
        let (life, src, focus) = match ttl {
            Some(v) => (lifetime(c, v, Unit::Seconds), "session TTL", v),
            None => (
                Lifetime::Secs {
                    secs: 86_400,
                    exact: true,
                },
                "default TTL",
                sink,
            ),
        };
        let judged = judge(&p, life, Limit::Idle, "actix-session session", src);
        report_judged(c, focus, sink, judged);
        return;
    }
    if ctext.ends_with("SessionManagerLayer::new") {
        let (_, links) = method_chain(c, sink);
        let expiry = links
            .iter()
            .find(|(n, _)| *n == "with_expiry")
            .and_then(|(_, a)| a.named_child(0))
            .map(|e| resolve(c, e));
        match expiry {
            None => no_idle(
                c,
                sink,
                "tower-sessions layer has no with_expiry (a browser-session cookie; the store keeps the record 2 weeks)",
                &p,
            ),
            Some(e) => {
                let etext = c.text(e);
                if etext.contains("OnSessionEnd") {
                    no_idle(c, e, "tower-sessions expiry is Expiry::OnSessionEnd (the store keeps the record 2 weeks)", &p);
                } else if etext.contains("OnInactivity") {
                    if let Some(d) = e
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                    {
                        let judged = judge(&p, lifetime(c, d, Unit::Seconds), Limit::Idle, "tower-sessions session", "Expiry::OnInactivity");
                        report_judged(c, d, sink, judged);
                    }
                }
            }
        }
        return;
    }
    if last_segment(ctext) == "add_private" {
        let Some(arg) = args.named_child(0) else {
            return;
        };
        let arg = resolve(c, arg);
        let text = c.text(arg);
        if text.contains(".expires(") || text.contains("expires:") {
            return;
        }
        if !auth_cookie_name(c, arg) {
            return;
        }
        let life = match find_method_arg(c, arg, &["max_age"]) {
            Some(v) => lifetime(c, v, Unit::Seconds),
            None => Lifetime::Secs {
                secs: 7 * 86_400,
                exact: true,
            },
        };
        let judged = judge(
            &p,
            life,
            Limit::Idle,
            "private cookie (Rocket `add_private`)",
            if text.contains("max_age") {
                "max_age"
            } else {
                "default expiry of private cookies"
            },
        );
        report_judged(c, sink, sink, judged);
    }
}

/// The first argument of a method call named one of `names` inside `node`.
fn find_method_arg<'a>(c: &Checker<'a>, node: Node<'a>, names: &[&str]) -> Option<Node<'a>> {
    let mut stack = vec![node];
    let mut budget = 512;
    while let Some(n) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return None;
        }
        if n.kind() == "call_expression" {
            if let Some(f) = n.field("function") {
                let name = f
                    .field("field")
                    .or_else(|| f.field("name"))
                    .map(|x| c.text(x));
                if name.is_some_and(|x| names.contains(&x)) {
                    return n.field("arguments").and_then(|a| a.named_child(0));
                }
            }
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    None
}

/// A cookie set with a lifetime whose name or value is a login credential:
/// SvelteKit and Next.js `cookies.set(name, value, { maxAge })`, h3 and Hono
/// `setCookie(event, name, value, { maxAge })`, `@fastify/cookie` `reply.setCookie(name, value,
/// { maxAge })` (seconds), Express `res.cookie(name, value, { maxAge })` (milliseconds). A
/// session cookie is compared with the idle limit, a remember-me cookie with the absolute
/// limit, a token cookie with the token limits. Returns whether the call is a cookie set.
fn auth_cookie_set<'a>(
    c: &mut Checker<'a>,
    sink: Node<'a>,
    callee: Node<'a>,
    a: &Args<'a>,
    p: &crate::settings::SessionPolicy,
) -> bool {
    if callee.kind() != "member_expression" && callee.kind() != "identifier" {
        return false;
    }
    let object = callee.field("object").map(|o| c.text(o)).unwrap_or("");
    let last = last_segment(c.text(callee));
    let (name_at, unit) = match last {
        // Koa's `ctx.cookies.set` reads milliseconds.
        "set" if object.ends_with("ctx.cookies") => (0, Unit::Millis),
        "set" if object.ends_with("cookies") || object.ends_with("cookies()") => (0, Unit::Seconds),
        "setCookie" if a.positional.len() >= 4 => (1, Unit::Seconds),
        "setCookie" if callee.kind() == "member_expression" => (0, Unit::Seconds),
        "cookie" if matches!(last_segment(object), "res" | "response" | "reply") => {
            (0, Unit::Millis)
        }
        _ => return false,
    };
    let (Some(name), Some(value), Some(opts)) = (
        a.positional.get(name_at).copied(),
        a.positional.get(name_at + 1).copied(),
        a.positional.get(name_at + 2).copied(),
    ) else {
        return true;
    };
    let Some(max_age) = object_get(c, opts, "maxAge") else {
        return true;
    };
    let mut words = Vec::new();
    if let Some(n) = eval::string_content(c.text(resolve(c, name))) {
        crate::phi::tokenize_into(n, &mut words);
    }
    if matches!(value.kind(), "identifier" | "member_expression") && c.text(value).len() <= 128 {
        crate::phi::tokenize_into(c.text(value), &mut words);
    }
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(&w.as_str()));
    let (limit, what) = if has(&["csrf", "xsrf", "consent", "locale", "lang", "theme"]) {
        return true;
    } else if has(&["refresh"]) {
        (Limit::Refresh, "refresh token cookie")
    } else if has(&["remember"]) {
        (Limit::Absolute, "remember-me cookie")
    } else if has(&["session", "sess", "sid", "auth", "login"]) {
        (Limit::Idle, "session cookie")
    } else if has(&["token", "jwt", "access"]) {
        (Limit::Token, "token cookie")
    } else {
        return true;
    };
    let life = match lifetime(c, max_age, unit) {
        Lifetime::Never | Lifetime::Unknown => return true,
        l => l,
    };
    let judged = judge(p, life, limit, what, "maxAge");
    report_judged(c, max_age, sink, judged);
    true
}

/// Whether the first string literal in a cookie expression names an authentication cookie.
fn auth_cookie_name(c: &Checker<'_>, node: Node<'_>) -> bool {
    let mut stack = vec![node];
    let mut budget = 256;
    while let Some(n) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return false;
        }
        if n.kind() == "string_literal" {
            let name = c.text(n).to_ascii_lowercase();
            return [
                "session", "auth", "user", "login", "token", "sid", "jwt", "account",
            ]
            .iter()
            .any(|w| name.contains(w));
        }
        let mut cursor = n.walk();
        let mut kids: Vec<_> = n.named_children(&mut cursor).collect();
        kids.reverse();
        stack.extend(kids);
    }
    false
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let pol = &p.settings.session_policy;
    let mut out = Vec::new();
    let mut seen: HashSet<(String, u32, String)> = HashSet::new();
    let mut push = |site: &Site, msg: String, level: Level, conf: Confidence| {
        if seen.insert((site.path.to_string(), site.start.byte, msg.clone())) {
            out.push(site.diagnostic(p.rule, msg, level, conf));
        }
    };

    // An application with its own inactivity logout (`SESSION_TIMEOUT_HOURS = 1`, enforced by
    // its login code and judged where it is set) does not rely on a framework's default cookie
    // lifetime to end idle sessions: the defaults are not reported, explicit settings are.
    let own_idle_timer = p.of::<IdleTimer>().next().is_some();
    // Flask: defaults apply when no module sets the lifetime.
    let settings: Vec<(&str, &PySetting)> = p.of::<PySetting>().collect();
    let has = |name: &str| settings.iter().any(|(_, s)| s.name == name);
    for (_, u) in p.of::<FlaskUse>() {
        let (name, secs, what, limit) = match u.kind {
            FlaskSession::Remember => (
                "REMEMBER_COOKIE_DURATION",
                365 * 86_400,
                "remember-me cookie",
                Limit::Absolute,
            ),
            FlaskSession::Permanent => (
                "PERMANENT_SESSION_LIFETIME",
                31 * 86_400,
                "permanent session",
                Limit::Idle,
            ),
            FlaskSession::Login => (
                "PERMANENT_SESSION_LIFETIME",
                31 * 86_400,
                "login session",
                Limit::Idle,
            ),
        };
        if has(name) || (own_idle_timer && u.kind != FlaskSession::Remember) {
            continue;
        }
        let src = match u.kind {
            // Flask checks the signature's age against the permanent lifetime on every
            // session, and nothing expires an idle one.
            FlaskSession::Login => format!("default {name}, with no inactivity expiry"),
            _ => format!("default {name}"),
        };
        if let Some((msg, level, conf)) =
            judge(pol, Lifetime::Secs { secs, exact: true }, limit, what, &src)
        {
            push(&u.site, msg, level, conf);
        }
    }

    // Django: join settings modules along `from .base import *`.
    let modules_settings = by_path(
        settings
            .iter()
            .filter(|(_, s)| s.module_level)
            .map(|(p, s)| (*p, *s)),
    );
    let imports = by_path(p.of::<StarImport>());
    let mut modules: Vec<&str> = modules_settings
        .keys()
        .chain(imports.keys())
        .copied()
        .collect();
    modules.sort_unstable();
    modules.dedup();
    let mut imported: HashSet<&str> = HashSet::new();
    for (path, list) in &imports {
        for imp in list {
            if let Some(t) = resolve_py_import(path, &imp.target, &modules) {
                if t != *path {
                    imported.insert(t);
                }
            }
        }
    }
    #[allow(clippy::type_complexity)]
    let mut django: Vec<(&Site, String, Level, Confidence, Vec<&str>)> = Vec::new();
    // A development, local or test settings module (`settings/local.py`) never serves
    // production sessions (PHI_DOMAIN 3.1: skip `*dev*`, `*local*`, `*test*`).
    for leaf in modules
        .iter()
        .copied()
        .filter(|m| !imported.contains(m) && !crate::rules::is_dev_file_name(m))
    {
        let mut eff: HashMap<&str, &PySetting> = HashMap::new();
        let mut unresolved = false;
        let mut chain: Vec<&str> = Vec::new();
        collect(
            leaf,
            &modules,
            &modules_settings,
            &imports,
            &mut eff,
            &mut unresolved,
            &mut chain,
            0,
        );
        let is_django = [
            "INSTALLED_APPS",
            "MIDDLEWARE",
            "ROOT_URLCONF",
            "SESSION_COOKIE_AGE",
        ]
        .iter()
        .any(|n| eff.contains_key(n));
        if !is_django {
            continue;
        }
        let marker = ["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"]
            .iter()
            .find_map(|n| eff.get(n).map(|s| &s.site))
            .or_else(|| eff.values().next().map(|s| &s.site));
        let Some(marker) = marker else { continue };
        let middleware: Vec<&str> = eff
            .get("MIDDLEWARE")
            .map(|s| s.strings.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let timeout_mw = middleware.iter().find(|m| {
            let l = m.to_ascii_lowercase();
            l.contains("timeout")
                || l.contains("logout")
                || l.contains("idle")
                || l.contains("session_security")
        });
        if let Some(mw) = timeout_mw {
            // django-session-timeout reads SESSION_EXPIRE_SECONDS, falling back to
            // SESSION_COOKIE_AGE; django-session-security SESSION_SECURITY_EXPIRE_AFTER
            // (default 600 s). Other timeout middleware is trusted.
            let (setting, fallback, what) = if mw.contains("django_session_timeout") {
                (
                    "SESSION_EXPIRE_SECONDS",
                    eff.get("SESSION_COOKIE_AGE")
                        .copied()
                        .map_or(Some(DJANGO_DEFAULT_AGE), |_| None),
                    "django-session-timeout session",
                )
            } else if mw.contains("session_security") {
                (
                    "SESSION_SECURITY_EXPIRE_AFTER",
                    Some(600),
                    "django-session-security session",
                )
            } else {
                continue;
            };
            let explicit = eff.get(setting).copied().or_else(|| {
                (setting == "SESSION_EXPIRE_SECONDS")
                    .then(|| eff.get("SESSION_COOKIE_AGE").copied())
                    .flatten()
            });
            let (life, src, site) = match explicit {
                Some(s) => (
                    match s.value {
                        Some(v) => Lifetime::Secs {
                            secs: v.seconds(Unit::Seconds),
                            exact: v.exact,
                        },
                        None => Lifetime::Unknown,
                    },
                    s.name.as_str(),
                    &s.site,
                ),
                None => match fallback {
                    Some(secs) => (
                        Lifetime::Secs { secs, exact: true },
                        if setting == "SESSION_EXPIRE_SECONDS" {
                            "default SESSION_COOKIE_AGE"
                        } else {
                            "default SESSION_SECURITY_EXPIRE_AFTER"
                        },
                        eff.get("MIDDLEWARE").map_or(marker, |m| &m.site),
                    ),
                    None => continue,
                },
            };
            if let Some((msg, level, conf)) = judge(pol, life, Limit::Idle, what, src) {
                push(site, msg, level, conf);
            }
            continue;
        }
        // A MIDDLEWARE list without SessionMiddleware: Django sessions are not in use.
        if eff.get("MIDDLEWARE").is_some_and(|m| !m.strings.is_empty())
            && !middleware.iter().any(|m| m.ends_with("SessionMiddleware"))
        {
            continue;
        }
        let age = eff.get("SESSION_COOKIE_AGE").copied();
        if age.is_none() && (unresolved || own_idle_timer) {
            // The setting may come from a module we did not see; or the application ends idle
            // sessions itself.
            continue;
        }
        let every = eff
            .get("SESSION_SAVE_EVERY_REQUEST")
            .is_some_and(|s| s.truth == Some(true));
        let (life, src, site) = match age {
            Some(s) => (
                match s.value {
                    Some(v) => Lifetime::Secs {
                        secs: v.seconds(Unit::Seconds),
                        exact: v.exact,
                    },
                    None => Lifetime::Unknown,
                },
                "SESSION_COOKIE_AGE",
                &s.site,
            ),
            None => (
                Lifetime::Secs {
                    secs: DJANGO_DEFAULT_AGE,
                    exact: true,
                },
                "default SESSION_COOKIE_AGE",
                marker,
            ),
        };
        let judged = match (life, every) {
            // Short but not sliding: an absolute limit at or below the idle limit is stricter.
            (Lifetime::Secs { secs, .. }, _) if secs <= pol.max_idle => None,
            _ => judge(pol, life, Limit::Idle, "session cookie", src),
        };
        if let Some((mut msg, level, conf)) = judged {
            if !every {
                msg.push_str("; SESSION_SAVE_EVERY_REQUEST is off, so activity does not extend it");
            }
            // One finding per place, naming every settings module that inherits it.
            let inherited = (leaf != &*site.path).then_some(leaf);
            match django.iter_mut().find(|(s, m, ..)| {
                s.path == site.path && s.start.byte == site.start.byte && *m == msg
            }) {
                Some(entry) => entry.4.extend(inherited),
                None => django.push((site, msg, level, conf, inherited.into_iter().collect())),
            }
        }
    }
    for (site, mut msg, level, conf, leaves) in django {
        if !leaves.is_empty() {
            let s = if leaves.len() == 1 { "" } else { "s" };
            msg.push_str(&format!(" (settings module{s} {})", leaves.join(", ")));
        }
        push(site, msg, level, conf);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn collect<'f>(
    module: &'f str,
    modules: &[&'f str],
    settings: &HashMap<&'f str, Vec<&'f PySetting>>,
    imports: &HashMap<&'f str, Vec<&'f StarImport>>,
    eff: &mut HashMap<&'f str, &'f PySetting>,
    unresolved: &mut bool,
    chain: &mut Vec<&'f str>,
    depth: usize,
) {
    if depth > 8 || chain.contains(&module) {
        return;
    }
    chain.push(module);
    for imp in imports.get(module).into_iter().flatten() {
        match resolve_py_import(module, &imp.target, modules) {
            Some(t) if t != module => collect(
                t,
                modules,
                settings,
                imports,
                eff,
                unresolved,
                chain,
                depth + 1,
            ),
            _ => *unresolved = true,
        }
    }
    for s in settings.get(module).into_iter().flatten() {
        eff.insert(s.name.as_str(), s);
    }
}

/// PHI501 in configuration files.
fn config<'a>(c: &mut crate::config_files::ConfigChecker<'a>, e: &crate::config_files::Entry<'a>) {
    if !super::may_name_lifetime(e.last_key()) {
        return;
    }
    if let Some((limit, what)) = super::config_session(&super::KeyWords::of_entry(e)) {
        super::config_report(c, e, limit, what);
    }
}

/// An application's own inactivity timer: a constant named for an idle logout or session
/// timeout (`IDLE_LOGOUT_MS = 12 * 60 * 60 * 1000`, `SESSION_TIMEOUT_MINUTES = 480`,
/// `INACTIVITY_TIMEOUT_SECONDS = 3600`) whose value, in the unit its name gives, exceeds the
/// idle policy. Connection, pool and request timeouts are not sessions. Returns whether the
/// name is such a timer.
fn idle_constant<'a>(
    c: &mut Checker<'a>,
    key: Node<'a>,
    value: Node<'a>,
    anchor: Node<'a>,
    p: &crate::settings::SessionPolicy,
) -> bool {
    let lower = c.text(key).to_ascii_lowercase();
    if !["idle", "inactiv", "logout", "logoff", "signout", "session"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    let tokens: Vec<String> = crate::phi::tokenize(c.text(key))
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let has = |w: &[&str]| tokens.iter().any(|t| w.contains(&t.as_str()));
    let idle = has(&["idle"]);
    let inactivity = has(&["inactivity", "inactive"]);
    let logout = has(&["logout", "logoff", "signout", "autologout"]);
    let session = has(&["session"]);
    let timeout = has(&["timeout", "expiry", "expire", "expiration", "ttl"]);
    let other = has(&[
        "db",
        "database",
        "pool",
        "connection",
        "conn",
        "socket",
        "keepalive",
        "http",
        "request",
        "query",
        "redis",
        "worker",
        "lock",
        "cache",
        "poll",
        "retry",
        "job",
        "queue",
        "stream",
        "server",
        "client",
        "upstream",
        "proxy",
        "grpc",
        "tcp",
        "warning",
        "warn",
        "countdown",
        "modal",
        "dialog",
        "toast",
        "debounce",
    ]);
    // `IDLE_TIMEOUT_MS` alone is as often a socket's as a user's: it needs a logout or a
    // session in its name.
    let named = !other
        && (logout || (session && (timeout || idle)) || (inactivity && (timeout || session)));
    if !named {
        return false;
    }
    // The unit the name gives: `_MS`, `Millis`, `_SECONDS`, `_MINUTES`, `_HOURS`.
    let factor: Option<(Unit, u64)> = if has(&["ms", "millis", "milliseconds", "msec"]) {
        Some((Unit::Millis, 1))
    } else if has(&["s", "sec", "secs", "second", "seconds"]) {
        Some((Unit::Seconds, 1))
    } else if has(&["min", "mins", "minute", "minutes"]) {
        Some((Unit::Seconds, 60))
    } else if has(&["h", "hr", "hrs", "hour", "hours"]) {
        Some((Unit::Seconds, 3600))
    } else {
        None
    };
    let Some(v) = super::evaluator(c).eval(value) else {
        return true;
    };
    let secs = match (v.kind, factor) {
        (eval::Kind::Duration, _) => v.seconds(Unit::Seconds),
        (eval::Kind::Number, Some((unit, f))) => v.seconds(unit).saturating_mul(f),
        // A plain number in an unnamed unit: not judged.
        (eval::Kind::Number, None) => return true,
    };
    let life = Lifetime::Secs {
        secs,
        exact: v.exact,
    };
    // A timer of known length in the application's Python code: its own inactivity logout
    // (not one in test or fixture code, which serves no session).
    if c.file.lang.family() == Family::Python && !c.file.is_test_path() {
        c.fact(IdleTimer);
    }
    let name = c.text(key).to_string();
    let judged = judge(p, life, Limit::Idle, "inactivity logout", &name);
    report_judged(c, value, anchor, judged);
    true
}
