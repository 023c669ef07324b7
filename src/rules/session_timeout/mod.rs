//! session-timeout: sessions and tokens that never expire on inactivity, or live longer than
//! the policy allows (45 CFR 164.312(a)(2)(iii) automatic logoff; 164.312(d) person or entity
//! authentication, for tokens that never expire).
//!
//! Each check computes the effective lifetime of one session or token mechanism, from the
//! explicit setting or from the framework default when it is unset (PHI_DOMAIN §3.5), with the
//! shared evaluator in [`crate::eval`], and compares it with the `[session]` / `[token]` policy.
//! Settings that are split over modules (Django `settings/production.py` importing `base`, a
//! Flask config class, a JWT manager configured elsewhere) are joined in a project pass.

pub mod long_lived_session;
pub mod long_lived_token;

use std::collections::HashMap;

use tree_sitter::Node;

use crate::engine::{Checker, Site};
use crate::eval::{self, Evaluator, Unit, Value};
use crate::rules::{Confidence, Level};
use crate::settings::SessionPolicy;
use crate::tree::NodeExt;

/// The policy in force.
pub(crate) fn policy(c: &Checker<'_>) -> SessionPolicy {
    c.file.settings.session_policy
}

/// An evaluator over the checked file.
pub(crate) fn evaluator<'a>(c: &Checker<'a>) -> Evaluator<'a> {
    Evaluator::new(c.file.lang.family(), c.file.source, c.file.tree.root_node())
}

/// Follows identifiers to the expression they were bound to (local bindings, then file-level
/// constants), a few hops at most.
pub(crate) fn resolve<'a>(c: &Checker<'a>, mut node: Node<'a>) -> Node<'a> {
    for _ in 0..4 {
        node = eval_unwrap(node);
        if node.kind() != "identifier" {
            break;
        }
        let next = c
            .file
            .flow
            .binding_value(node)
            .or_else(|| evaluator(c).constant(c.text(node)));
        match next {
            Some(n) if n.id() != node.id() => node = n,
            _ => break,
        }
    }
    eval_unwrap(node)
}

fn eval_unwrap(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "reference_expression"
    ) {
        match node.field("value").or_else(|| node.named_child(0)) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The value under `key` in an object literal (JS `{ key: v }`, Python dict `{"key": v}`), with
/// identifiers resolved. `Some(None)` means the key is present as a shorthand or spread we
/// cannot read.
pub(crate) fn object_get<'a>(c: &Checker<'a>, obj: Node<'a>, key: &str) -> Option<Node<'a>> {
    let obj = resolve(c, obj);
    if !matches!(obj.kind(), "object" | "dictionary") {
        return None;
    }
    let mut cursor = obj.walk();
    let mut found = None;
    for child in obj.named_children(&mut cursor) {
        match child.kind() {
            "pair" => {
                let Some(k) = child.field("key") else {
                    continue;
                };
                let kt = c.text(k);
                let name = eval::string_content(kt).unwrap_or(kt);
                if name == key {
                    found = child.field("value");
                }
            }
            "shorthand_property_identifier" if c.text(child) == key => found = Some(child),
            _ => {}
        }
    }
    found
}

/// Whether an object literal (after resolving) has `key`, or is not a literal at all (`None`).
pub(crate) fn object_has<'a>(c: &Checker<'a>, obj: Node<'a>, key: &str) -> Option<bool> {
    let obj = resolve(c, obj);
    if !matches!(obj.kind(), "object" | "dictionary") {
        return None;
    }
    if object_get(c, obj, key).is_some() {
        return Some(true);
    }
    // A spread (`...base`, `**base`) may carry the key.
    let mut cursor = obj.walk();
    let spread = obj
        .named_children(&mut cursor)
        .any(|n| matches!(n.kind(), "spread_element" | "dictionary_splat"));
    if spread {
        None
    } else {
        Some(false)
    }
}

/// The keyword arguments and positional arguments of a Python or JS call.
pub(crate) struct Args<'a> {
    pub positional: Vec<Node<'a>>,
    pub keywords: Vec<(&'a str, Node<'a>)>,
}

impl<'a> Args<'a> {
    pub(crate) fn of(c: &Checker<'a>, args: Node<'a>) -> Args<'a> {
        let mut positional = Vec::new();
        let mut keywords = Vec::new();
        let mut cursor = args.walk();
        for a in args.named_children(&mut cursor) {
            match a.kind() {
                "comment" | "line_comment" | "block_comment" => {}
                "keyword_argument" => {
                    if let (Some(k), Some(v)) = (a.field("name"), a.field("value")) {
                        keywords.push((c.text(k), v));
                    }
                }
                _ => positional.push(a),
            }
        }
        Args {
            positional,
            keywords,
        }
    }

    pub(crate) fn kw(&self, name: &str) -> Option<Node<'a>> {
        self.keywords
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }
}

pub(crate) use crate::flow::last_segment;

/// The outcome of evaluating a lifetime.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Lifetime {
    /// A known number of seconds; `exact` is false for an environment fallback.
    Secs { secs: u64, exact: bool },
    /// Explicitly disabled (`False`, `None`, `null`): never expires.
    Never,
    /// Present but not statically known.
    Unknown,
}

/// Evaluates a lifetime expression whose plain numbers are in `unit`.
pub(crate) fn lifetime<'a>(c: &Checker<'a>, node: Node<'a>, unit: Unit) -> Lifetime {
    let ev = evaluator(c);
    let node = eval_unwrap(node);
    if ev.is_nothing(node) {
        return Lifetime::Never;
    }
    match ev.eval(node) {
        Some(v) => Lifetime::Secs {
            secs: v.seconds(unit),
            exact: v.exact,
        },
        None => Lifetime::Unknown,
    }
}

/// Evaluates a JS duration that may be a `ms`-style string (`"7d"`, and a bare `"120"` in
/// milliseconds) or a number in `unit`.
pub(crate) fn ms_lifetime<'a>(c: &Checker<'a>, node: Node<'a>, unit: Unit) -> Lifetime {
    let node = resolve(c, node);
    if let Some(s) = eval::string_content(c.text(node)) {
        return match eval::parse_duration_str(s, Unit::Millis) {
            Some(v) => Lifetime::Secs {
                secs: v.seconds(Unit::Millis),
                exact: true,
            },
            None => Lifetime::Unknown,
        };
    }
    lifetime(c, node, unit)
}

/// Which policy limit a lifetime is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Limit {
    /// `[session] max-idle-seconds`.
    Idle,
    /// `[session] max-absolute-seconds`.
    Absolute,
    /// `[token] max-lifetime-seconds`.
    Token,
    /// `[token] max-refresh-seconds`.
    Refresh,
}

impl Limit {
    pub(crate) fn seconds(self, p: &SessionPolicy) -> u64 {
        match self {
            Limit::Idle => p.max_idle,
            Limit::Absolute => p.max_absolute,
            Limit::Token => p.max_token,
            Limit::Refresh => p.max_refresh,
        }
    }

    /// "policy allows 15 minutes of inactivity".
    pub(crate) fn phrase(self, p: &SessionPolicy) -> String {
        let h = eval::human(self.seconds(p));
        match self {
            Limit::Idle => format!("policy allows {h} of inactivity"),
            Limit::Absolute => format!("policy allows a session of {h}"),
            Limit::Token => format!("policy allows access tokens of {h}"),
            Limit::Refresh => format!("policy allows refresh tokens of {h}"),
        }
    }
}

/// A finding level and confidence for a lifetime check, or `None` when it complies.
/// `what` names the mechanism ("session cookie"), `source` the setting or "(default)".
pub(crate) fn judge(
    p: &SessionPolicy,
    life: Lifetime,
    limit: Limit,
    what: &str,
    source: &str,
) -> Option<(String, Level, Confidence)> {
    // Messages start lowercase: a leading type name (`SessionMiddleware cookie`) is quoted.
    let quoted;
    let what = match what.split_once(' ') {
        Some((head, rest)) if head.starts_with(char::is_uppercase) => {
            quoted = format!("`{head}` {rest}");
            quoted.as_str()
        }
        _ => what,
    };
    match life {
        Lifetime::Secs { secs, exact } => {
            if secs <= limit.seconds(p) {
                return None;
            }
            let conf = if exact {
                Confidence::High
            } else {
                Confidence::Medium
            };
            let fallback = if exact { "" } else { " by its fallback value" };
            Some((
                format!(
                    "{what} lives {}{fallback} ({source}), {}",
                    eval::human(secs),
                    limit.phrase(p)
                ),
                Level::Warning,
                conf,
            ))
        }
        Lifetime::Never => Some((
            format!("{what} never expires ({source}), {}", limit.phrase(p)),
            Level::Error,
            Confidence::High,
        )),
        Lifetime::Unknown => Some((
            format!(
                "{what} lifetime ({source}) cannot be evaluated statically; check that it stays within the policy ({})",
                limit.phrase(p)
            ),
            Level::Note,
            // A reminder to check, not a finding a reviewer acts on: extended suite only.
            Confidence::Low,
        )),
    }
}

/// Reports a judged lifetime.
pub(crate) fn report_judged<'a>(
    c: &mut Checker<'a>,
    focus: Node<'a>,
    anchor: Node<'a>,
    judged: Option<(String, Level, Confidence)>,
) {
    if let Some((msg, level, conf)) = judged {
        c.report(focus, anchor, msg, level, conf);
    }
}

/// `import x from "m"`, `import { a as x } from "m"`, `const x = require("m")`: the module a
/// top-level JS/TS binding comes from (`None` when it is not imported, or from a computed path).
pub(crate) fn ecma_import_source<'a>(c: &Checker<'a>, local: &str) -> Option<&'a str> {
    // Asked for every call the session rules match: the file's bindings are read once.
    let table = c.file.ecma_imports.get_or_init(|| ecma_imports(c));
    table
        .iter()
        .find(|(name, _)| *name == local)
        .and_then(|(_, module)| *module)
}

/// Whether the file imports from `package` or one of its modules (`fastapi`, `fastapi.params`,
/// `typeorm`, `@mikro-orm/core`): Python's import table, or the JS/TS top-level bindings, each
/// read once per file.
pub(crate) fn imports_package(c: &Checker<'_>, package: &str) -> bool {
    let under = |module: &str| {
        module
            .strip_prefix(package)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '/']))
    };
    match c.file.lang.family() {
        crate::lang::Family::Ecma => c
            .file
            .ecma_imports
            .get_or_init(|| ecma_imports(c))
            .iter()
            .any(|(_, module)| module.is_some_and(under)),
        _ => c
            .file
            .flow
            .imports()
            .values()
            .any(|(module, _)| under(module)),
    }
}

/// Every top-level import binding of a JS/TS file with its module, in source order: the first
/// entry for a name is the one in force.
fn ecma_imports<'a>(c: &Checker<'a>) -> Vec<(&'a str, Option<&'a str>)> {
    let root = c.file.tree.root_node();
    let mut table = Vec::new();
    let mut names = Vec::new();
    let mut cursor = root.walk();
    for item in root.named_children(&mut cursor) {
        match item.kind() {
            "import_statement" => {
                let Some(src) = item.field("source") else {
                    continue;
                };
                let module = eval::string_content(c.text(src));
                names.clear();
                bound_idents(c, item, &mut names);
                table.extend(names.iter().map(|n| (*n, module)));
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut c2 = item.walk();
                let decls: Vec<Node<'a>> = item.named_children(&mut c2).collect();
                let first = table.len();
                // Within one declaration the last declarator binding a name wins.
                for decl in decls.into_iter().rev() {
                    let (Some(n), Some(v)) = (decl.field("name"), decl.field("value")) else {
                        continue;
                    };
                    if v.kind() != "call_expression" || !c.text(v).starts_with("require(") {
                        continue;
                    }
                    let Some(arg) = v.field("arguments").and_then(|a| a.named_child(0)) else {
                        continue;
                    };
                    let module = eval::string_content(c.text(arg));
                    names.clear();
                    bound_idents(c, n, &mut names);
                    for name in &names {
                        if !table[first..].iter().any(|(seen, _)| seen == name) {
                            table.push((*name, module));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    table
}

/// The identifiers a binding pattern or import clause binds (the first 255 nodes of it): in
/// `import { a as x }` only the alias binds.
fn bound_idents<'a>(c: &Checker<'a>, node: Node<'a>, out: &mut Vec<&'a str>) {
    let mut stack = vec![node];
    let mut budget = 256;
    while let Some(n) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        if matches!(
            n.kind(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) {
            let aliased = n.up().is_some_and(|p| {
                p.kind() == "import_specifier" && p.field("alias").is_some_and(|a| a.id() != n.id())
            });
            if !aliased {
                out.push(c.text(n));
            }
            continue;
        }
        if n.kind() == "string" {
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
}

/// The module a JS/TS callee comes from: `session` → `express-session`; `jwt.sign` →
/// `jsonwebtoken`.
pub(crate) fn ecma_callee_module<'a>(c: &Checker<'a>, callee: Node<'a>) -> Option<&'a str> {
    let head = match callee.kind() {
        "member_expression" => {
            let mut n = callee;
            while n.kind() == "member_expression" {
                n = n.field("object")?;
            }
            n
        }
        _ => callee,
    };
    if head.kind() != "identifier" {
        return None;
    }
    ecma_import_source(c, c.text(head))
}

/// The outermost call of a method chain that starts at `node` (`X::builder(..).a(..).b(..)`),
/// and every `(method name, args)` link of it.
pub(crate) fn method_chain<'a>(
    c: &Checker<'a>,
    node: Node<'a>,
) -> (Node<'a>, Vec<(&'a str, Node<'a>)>) {
    let mut links = Vec::new();
    let mut top = node;
    while let Some(parent) = top.up() {
        // Rust: call_expression(function: field_expression(value: top, field)) ;
        // JS: call_expression(function: member_expression(object: top, property)).
        if !matches!(parent.kind(), "field_expression" | "member_expression") {
            break;
        }
        let Some(call) = parent.up() else { break };
        if call.kind() != "call_expression" {
            break;
        }
        let name = parent
            .field("field")
            .or_else(|| parent.field("property"))
            .map(|n| c.text(n))
            .unwrap_or("");
        if let Some(args) = call.field("arguments") {
            links.push((name, args));
        }
        top = call;
        if links.len() > 64 {
            break;
        }
    }
    (top, links)
}

/// Per-module Python setting assignments, for the project passes.
#[derive(Debug)]
pub(crate) struct PySetting {
    pub name: String,
    pub value: Option<Value>,
    pub truth: Option<bool>,
    pub strings: Vec<String>,
    pub module_level: bool,
    pub site: Site,
}

/// `from .base import *` in a Python module.
#[derive(Debug)]
pub(crate) struct StarImport {
    pub target: String,
}

/// A [`PySetting`] as the facts cache keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct PySettingData {
    name: String,
    value: Option<Value>,
    truth: Option<bool>,
    strings: Vec<String>,
    module_level: bool,
    site: crate::engine::SiteData,
}

impl PySetting {
    /// The setting as the facts cache keeps it.
    pub(crate) fn data(&self) -> PySettingData {
        PySettingData {
            name: self.name.clone(),
            value: self.value,
            truth: self.truth,
            strings: self.strings.clone(),
            module_level: self.module_level,
            site: self.site.data(),
        }
    }

    /// The setting `data` describes, in the file at `path`.
    pub(crate) fn from_data(data: PySettingData, path: &std::sync::Arc<str>) -> PySetting {
        PySetting {
            name: data.name,
            value: data.value,
            truth: data.truth,
            strings: data.strings,
            module_level: data.module_level,
            site: Site::from_data(data.site, path),
        }
    }
}

/// The setting name of a Python assignment target: `NAME` (module or class level),
/// `app.config["NAME"]`, `app.permanent_session_lifetime`.
pub(crate) fn py_setting_name<'a>(c: &Checker<'a>, left: Node<'a>) -> Option<(String, bool)> {
    match left.kind() {
        "identifier" => {
            let name = c.text(left);
            let module_level = left
                .up()
                .and_then(|a| a.up())
                .and_then(|s| s.up())
                .is_some_and(|m| m.kind() == "module");
            Some((name.to_string(), module_level))
        }
        "subscript" => {
            let value = left.field("value")?;
            if !c.text(value).ends_with("config") {
                return None;
            }
            let key = left.field("subscript")?;
            Some((eval::string_content(c.text(key))?.to_string(), false))
        }
        "attribute" => {
            let attr = left.field("attribute")?;
            Some((c.text(attr).to_ascii_uppercase(), false))
        }
        _ => None,
    }
}

/// Builds a [`PySetting`] fact.
pub(crate) fn py_setting<'a>(
    c: &Checker<'a>,
    name: String,
    module_level: bool,
    focus: Node<'a>,
    anchor: Node<'a>,
    value: Node<'a>,
) -> PySetting {
    let ev = evaluator(c);
    let v = resolve(c, value);
    let mut strings = Vec::new();
    if matches!(v.kind(), "list" | "tuple") {
        let mut cursor = v.walk();
        for item in v.named_children(&mut cursor) {
            if let Some(s) = eval::string_content(c.text(item)) {
                strings.push(s.to_string());
            }
        }
    }
    PySetting {
        name,
        value: ev.eval(v),
        truth: if ev.is_true(v) {
            Some(true)
        } else if v.kind() == "false" {
            Some(false)
        } else {
            None
        },
        strings,
        module_level,
        site: c.site(focus, anchor),
    }
}

/// Resolves a Python star import of module `path` to one of `modules` (display paths).
pub(crate) fn resolve_py_import<'m>(
    path: &str,
    target: &str,
    modules: &[&'m str],
) -> Option<&'m str> {
    let dots = target.chars().take_while(|c| *c == '.').count();
    let rest = target[dots..].replace('.', "/");
    let candidates: Vec<String> = if dots > 0 {
        let mut dir: Vec<&str> = path.split('/').collect();
        dir.pop();
        for _ in 1..dots {
            dir.pop()?;
        }
        let base = dir.join("/");
        let join = |s: &str| {
            if base.is_empty() {
                s.to_string()
            } else {
                format!("{base}/{s}")
            }
        };
        vec![
            join(&format!("{rest}.py")),
            join(&format!("{rest}/__init__.py")),
        ]
    } else {
        vec![format!("{rest}.py"), format!("{rest}/__init__.py")]
    };
    modules.iter().copied().find(|m| {
        candidates
            .iter()
            .any(|cand| *m == cand || m.ends_with(&format!("/{cand}")))
    })
}

/// Groups facts by path.
pub(crate) fn by_path<'a, T>(
    items: impl Iterator<Item = (&'a str, &'a T)>,
) -> HashMap<&'a str, Vec<&'a T>>
where
    T: 'a,
{
    let mut map: HashMap<&str, Vec<&T>> = HashMap::new();
    for (p, t) in items {
        map.entry(p).or_default().push(t);
    }
    map
}

/// Words of a configuration key that say its value is a lifetime.
const CONFIG_LIFETIME: &[&str] = &[
    "age",
    "maxage",
    "ttl",
    "timeout",
    "lifetime",
    "expire",
    "expires",
    "expiry",
    "expiration",
    "exp",
    "duration",
    "idle",
    "inactivity",
    "validity",
    "valid",
    "life",
    "lifespan",
    "length",
];

/// Words of a key path that make a lifetime something other than a login session or an
/// authentication token: database and network timeouts, jobs, one-time links and codes
/// (password reset, e-mail verification, invitations), caches and test tooling.
const CONFIG_NOT_AUTH: &[&str] = &[
    "db",
    "database",
    "sql",
    "postgres",
    "postgresql",
    "mysql",
    "mongo",
    "mongodb",
    "pool",
    "connection",
    "connections",
    "connect",
    "statement",
    "lock",
    "transaction",
    "query",
    "socket",
    "keepalive",
    "upstream",
    "proxy",
    "grpc",
    "kafka",
    "celery",
    "worker",
    "job",
    "jobs",
    "queue",
    "request",
    "response",
    "read",
    "write",
    "http",
    "ssh",
    "smtp",
    "mail",
    "lambda",
    "build",
    "cypress",
    "jest",
    "mocha",
    "retry",
    "reset",
    "password",
    "passwd",
    "verification",
    "verify",
    "confirm",
    "confirmation",
    "invite",
    "invitation",
    "activation",
    "activate",
    "email",
    "otp",
    "mfa",
    "code",
    "csrf",
    "xsrf",
    "upload",
    "download",
    "signed",
    "presigned",
    "magic",
    "github",
    "gitlab",
    "npm",
    "slack",
    "cdn",
    "cache",
    "lock",
    "rate",
    "limit",
    "throttle",
    "captcha",
    "webhook",
    "test",
    "tests",
    "mock",
    "health",
    "probe",
    "liveness",
    "readiness",
    "grace",
    "shutdown",
    "startup",
    "deploy",
    "terraform",
];

/// Words of a key that give the unit of its number. With a session, cookie, token or link word
/// in the same key (`token_days`, `staff_cookie_days`, `REFRESH_TOKEN_DAYS`, `link_ttl_secs`)
/// they name a lifetime as surely as `ttl` does.
const CONFIG_UNITS: &[&str] = &[
    "ms",
    "millis",
    "milliseconds",
    "millisecond",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
];

/// Words of a key that name what a unit word measures the life of.
const CONFIG_CREDENTIAL: &[&str] = &[
    "session", "sessions", "cookie", "cookies", "token", "tokens", "jwt", "link", "links",
];

/// Words of a key path that name a link: a URL that carries its own access, like a bearer token.
const CONFIG_LINK: &[&str] = &["link", "links"];

/// The lowercase words of a setting's key path: the last key's, and every key's.
pub(crate) struct KeyWords {
    key: Vec<String>,
    path: Vec<String>,
}

impl KeyWords {
    /// The words of a configuration entry's key path.
    pub(crate) fn of_entry(e: &crate::config_files::Entry<'_>) -> KeyWords {
        KeyWords {
            key: e.key_tokens(),
            path: e.path_tokens(),
        }
    }

    /// The words of a key path written in code (object keys, a setting's name).
    pub(crate) fn of_keys(keys: &[&str]) -> KeyWords {
        let mut path = Vec::new();
        for k in keys {
            crate::phi::tokenize_into(k, &mut path);
        }
        KeyWords {
            key: keys
                .last()
                .map(|k| crate::phi::tokenize(k))
                .unwrap_or_default(),
            path,
        }
    }

    fn k(&self, ws: &[&str]) -> bool {
        self.key.iter().any(|t| ws.contains(&t.as_str()))
    }

    fn p(&self, ws: &[&str]) -> bool {
        self.path.iter().any(|t| ws.contains(&t.as_str()))
    }

    /// Whether the last key names a lifetime: a lifetime word (`ttl`, `maxAge`, `expires`), or
    /// a unit with a session, cookie, token or link word (`token_days`, `cookie_hours`).
    fn names_lifetime(&self) -> bool {
        self.k(CONFIG_LIFETIME) || (self.k(CONFIG_UNITS) && self.k(CONFIG_CREDENTIAL))
    }
}

/// The policy limit and the words naming a login session configured by an entry
/// (`SESSION_COOKIE_AGE`, `session.cookie.maxAge`, `auth.idle_timeout`, `REMEMBER_COOKIE_DURATION`).
pub(crate) fn config_session(w: &KeyWords) -> Option<(Limit, &'static str)> {
    let k = |ws: &[&str]| w.k(ws);
    let p = |ws: &[&str]| w.p(ws);
    // The last key's words first: most keys name no lifetime, and the path's words are many.
    if !w.names_lifetime()
        || p(&["token", "tokens", "jwt", "bearer"])
        || p(CONFIG_LINK)
        || p(CONFIG_NOT_AUTH)
    {
        return None;
    }
    let auth = &[
        "auth", "login", "logout", "sso", "user", "signin", "identity", "keycloak", "oidc",
        "remember", "security",
    ];
    let context = p(&["session", "sessions"])
        || (p(&["cookie", "cookies"]) && p(auth))
        || (k(&["idle", "inactivity"]) && p(auth));
    if !context {
        return None;
    }
    Some(if p(&["remember"]) {
        (Limit::Absolute, "remember-me cookie")
    } else if p(&["absolute"]) || (k(&["max", "maximum"]) && k(&["lifetime", "duration"])) {
        // `SESSION_MAX_LIFETIME`: how long a session may last however active, not its idle limit.
        (Limit::Absolute, "session")
    } else if p(&["cookie", "cookies"]) {
        (Limit::Idle, "session cookie")
    } else {
        (Limit::Idle, "session")
    })
}

/// The policy limit and the words naming an authentication token whose lifetime an entry sets
/// (`jwt.expiresIn`, `ACCESS_TOKEN_EXPIRE_MINUTES`, `REFRESH_TOKEN_LIFETIME`), or a link that
/// carries its own access (`portal.link_days`, `share.link_ttl_secs`); reset, invitation,
/// verification, magic, upload and download links are not.
pub(crate) fn config_token(w: &KeyWords) -> Option<(Limit, &'static str)> {
    let p = |ws: &[&str]| w.p(ws);
    let token = p(&["token", "tokens", "jwt", "bearer"]);
    if !w.names_lifetime() || !(token || p(CONFIG_LINK)) || p(CONFIG_NOT_AUTH) {
        return None;
    }
    Some(if p(&["refresh"]) {
        (Limit::Refresh, "refresh token")
    } else if !token {
        (Limit::Token, "access link")
    } else if p(&["access"]) || !p(&["jwt"]) {
        (Limit::Token, "access token")
    } else {
        (Limit::Token, "JWT")
    })
}

/// The lifetime a configuration value sets, or `None` when it is no duration. Plain numbers
/// (also in strings, as every dotenv value is) are in the unit the key names
/// (`_MINUTES`, `_ms`, `Hours`), else milliseconds for a camel-case `maxAge` (the Node
/// convention) and seconds otherwise; strings may carry units (`"7d"`, `"15m"`, `"2 hours"`)
/// or be ISO 8601 durations (`PT15M`, `P1D`). A value filled in at deploy time is unknown.
pub(crate) fn config_lifetime(e: &crate::config_files::Entry<'_>) -> Option<Lifetime> {
    use crate::config_files::ScalarKind;
    if !matches!(e.kind, ScalarKind::Number | ScalarKind::String) {
        return None;
    }
    let text = e.text.trim();
    if text.is_empty() {
        return None;
    }
    if crate::config_files::is_templated(text) {
        return Some(Lifetime::Unknown);
    }
    let tokens = e.key_tokens();
    let mut per = key_unit_ms(&tokens, e.last_key());
    if let Ok(n) = text.parse::<f64>() {
        if !n.is_finite() || n < 0.0 {
            return None;
        }
        if !names_a_unit(&tokens) && counts_milliseconds(n) {
            per = 1;
        }
        let ms = n * per as f64;
        if ms > 1e18 {
            return None;
        }
        return Some(Lifetime::Secs {
            secs: (ms / 1000.0) as u64,
            exact: true,
        });
    }
    if let Some(secs) = iso8601_seconds(text) {
        return Some(Lifetime::Secs { secs, exact: true });
    }
    let bare = if per == 1 {
        Unit::Millis
    } else {
        Unit::Seconds
    };
    eval::parse_duration_str(text, bare).map(|v| Lifetime::Secs {
        secs: v.seconds(Unit::Millis),
        exact: true,
    })
}

/// Whether a key's tokens name a unit (`_MINUTES`, `_ms`, `Hours`, `_S`).
fn names_a_unit(tokens: &[String]) -> bool {
    tokens.iter().any(|t| {
        CONFIG_UNITS.contains(&t.as_str()) || matches!(t.as_str(), "s" | "m" | "h" | "d" | "w")
    })
}

/// Whether a bare number under a key that names no unit counts milliseconds whatever the
/// key's convention: a whole number of minutes in milliseconds, ten minutes or more
/// (`SESSION_MAX_AGE=86400000`, one day). Read as seconds it would be a multiple of 1000
/// minutes (86,400,000 seconds is 1000 days), which no lifetime is written as.
fn counts_milliseconds(n: f64) -> bool {
    n >= 600_000.0 && n.fract() == 0.0 && (n as u64).is_multiple_of(60_000)
}

/// Milliseconds per unit of a bare number under a key: the unit the key names (`_MINUTES`,
/// `_ms`, `Hours`), else milliseconds for a camel-case `maxAge` (the Node convention) and
/// seconds otherwise.
fn key_unit_ms(key: &[String], last_key: &str) -> u64 {
    let k = |ws: &[&str]| key.iter().any(|t| ws.contains(&t.as_str()));
    if k(&["ms", "millis", "millisecond", "milliseconds"]) {
        1
    } else if k(&["min", "mins", "minute", "minutes"]) {
        60_000
    } else if k(&["hour", "hours", "hr", "hrs", "h"]) {
        3_600_000
    } else if k(&["day", "days", "d"]) {
        86_400_000
    } else if k(&["week", "weeks"]) {
        604_800_000
    } else if k(&["s", "sec", "secs", "second", "seconds"]) {
        1000
    } else if last_key.contains("maxAge") || last_key.contains("MaxAge") {
        1
    } else {
        1000
    }
}

/// An ISO 8601 duration with days, hours, minutes and seconds (`P1D`, `PT15M`, `PT1H30M`).
fn iso8601_seconds(text: &str) -> Option<u64> {
    let rest = text.strip_prefix(['P', 'p'])?;
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if number.is_empty() => time = true,
            d if d.is_ascii_digit() => number.push(d),
            u => {
                let n: u64 = number.parse().ok()?;
                number.clear();
                let factor = match (u, time) {
                    ('W', false) => 604_800,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(factor)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(total)
}

/// Judges and reports a configuration entry's lifetime against `limit`.
pub(crate) fn config_report(
    c: &mut crate::config_files::ConfigChecker<'_>,
    e: &crate::config_files::Entry<'_>,
    limit: Limit,
    what: &str,
) {
    let Some(life) = config_lifetime(e) else {
        return;
    };
    let p = c.settings.session_policy;
    let source = format!("`{}`", c.key_name(e));
    if let Some((message, level, confidence)) = judge(&p, life, limit, what, &source) {
        c.report(e, message, level, confidence);
    }
}

/// The lifetime a setting written in code sets (`SESSION_MAX_AGE = config("X", default=...)`,
/// `counselorJwt: { expiresIn: "7d" }`, `access_token_validity=Duration.hours(24)`), read as in
/// configuration files: durations as they are, plain numbers in the unit the last key names.
/// When the key names no unit, an arithmetic value says it: with a 1000 factor
/// (`30 * 24 * 60 * 60 * 1000`) it counts milliseconds, without one (`60 * 60 * 24 * 7`)
/// seconds (h3, SvelteKit and next-auth read a `maxAge` in seconds); a plain number counts
/// milliseconds under a camel-case `maxAge` (the Node convention) and seconds otherwise. `None` when the value is
/// no duration or cannot be evaluated.
pub(crate) fn code_lifetime<'a>(
    c: &Checker<'a>,
    keys: &[&str],
    value: Node<'a>,
) -> Option<Lifetime> {
    let v = resolve(c, value);
    if !matches!(
        v.kind(),
        "integer"
            | "float"
            | "number"
            | "binary_expression"
            | "binary_operator"
            | "string"
            | "template_string"
            | "call"
            | "call_expression"
    ) {
        return None;
    }
    let val = evaluator(c).eval(v)?;
    if val.milli < 0 {
        return None;
    }
    let secs = match val.kind {
        eval::Kind::Duration => val.seconds(Unit::Seconds),
        eval::Kind::Number => {
            let last = keys.last().copied().unwrap_or("");
            let tokens = crate::phi::tokenize(last);
            let mut per = key_unit_ms(&tokens, last);
            let named_unit = names_a_unit(&tokens);
            if !named_unit
                && val.milli % 1000 == 0
                && counts_milliseconds((val.milli / 1000) as f64)
            {
                per = 1;
            }
            if !named_unit && matches!(v.kind(), "binary_expression" | "binary_operator") {
                // `30 * 24 * 60 * 60 * 1000` counts milliseconds, `60 * 60 * 24 * 7` seconds.
                let text = c.text(v);
                per = if text.contains("1000") || text.contains("1e3") {
                    1
                } else {
                    1000
                };
            }
            let secs = u128::try_from(val.milli).ok()? * u128::from(per) / 1_000_000;
            u64::try_from(secs).ok()?
        }
    };
    Some(Lifetime::Secs {
        secs,
        exact: val.exact,
    })
}

/// Judges and reports a lifetime setting written in code whose key path `keys` `classify`
/// accepts ([`config_session`], [`config_token`]). Returns whether the path names such a
/// setting (whether or not its value complies).
pub(crate) fn code_setting<'a>(
    c: &mut Checker<'a>,
    keys: &[&str],
    value: Node<'a>,
    anchor: Node<'a>,
    classify: fn(&KeyWords) -> Option<(Limit, &'static str)>,
) -> bool {
    let Some((limit, what)) = classify(&KeyWords::of_keys(keys)) else {
        return false;
    };
    let Some(life) = code_lifetime(c, keys, value) else {
        return true;
    };
    let source = format!("`{}`", keys.join("."));
    let judged = judge(&policy(c), life, limit, what, &source);
    report_judged(c, value, anchor, judged);
    true
}

/// Whether a key may name a lifetime: a cheap look before it is split into words.
pub(crate) fn may_name_lifetime(key: &str) -> bool {
    let bytes = key.as_bytes();
    (0..bytes.len()).any(|i| {
        // One pass, and at each letter only the words it starts: this runs on every key of
        // every configuration file and object literal.
        let words: &[&[u8]] = match bytes[i].to_ascii_lowercase() {
            b'a' => &[b"age"],
            b't' => &[b"ttl", b"time"],
            b'e' => &[b"exp"],
            b'l' => &[b"life", b"length"],
            b'd' => &[b"dur", b"day"],
            b'i' => &[b"idle", b"inactiv"],
            b'v' => &[b"valid"],
            b'm' => &[b"ms", b"min"],
            b's' => &[b"sec"],
            b'h' => &[b"hour", b"hr"],
            b'w' => &[b"week"],
            _ => return false,
        };
        let rest = &bytes[i..];
        words
            .iter()
            .any(|w| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w))
    })
}

/// Whether `hay` contains the lowercase ASCII word `needle`, in any case, without allocating.
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether a Python assignment is a setting: at module level or in a class body (a settings
/// class, pydantic `BaseSettings`).
pub(crate) fn py_setting_scope(assignment: Node<'_>) -> bool {
    let Some(stmt) = assignment.up() else {
        return false;
    };
    match stmt.up() {
        Some(m) if m.kind() == "module" => true,
        Some(b) if b.kind() == "block" => b.up().is_some_and(|d| d.kind() == "class_definition"),
        _ => false,
    }
}

/// The key path of a JS/TS object `pair` in a configuration object: the keys of the enclosing
/// pairs from the outermost object, after the name of the variable it is bound to. `None`
/// unless the outermost object is at module level and bound to a variable, exported
/// (`module.exports = {..}`, `export default {..}`) or passed to a `define...Config` call
/// (`defineNuxtConfig`), or is passed to any call at module level or in infrastructure code
/// (AWS CDK, CDKTF, Pulumi) and the pair's own key names the credential
/// (`accessTokenValidity`): objects passed to other calls are their options, which the library
/// checks read with the library's units. An object with `providers` bound to an `auth` options variable is next-auth's,
/// read by its own check.
pub(crate) fn ecma_config_keys<'a>(c: &Checker<'a>, pair: Node<'a>) -> Option<Vec<&'a str>> {
    let mut keys = Vec::new();
    let mut node = pair;
    let mut root = None;
    for _ in 0..32 {
        match node.kind() {
            "pair" => {
                let k = node.field("key")?;
                let text = c.text(k);
                keys.push(eval::string_content(text).unwrap_or(text));
            }
            "object" => root = Some(node),
            _ => break,
        }
        node = node.up()?;
    }
    let root = root?;
    // Module-level objects only: one built inside a function is a value in use (form defaults,
    // options for a call), not the application's configuration.
    let top_level = |mut n: Node<'a>| {
        for _ in 0..6 {
            match n.up() {
                Some(p) if p.kind() == "program" => return true,
                Some(p) => n = p,
                None => return false,
            }
            if matches!(
                n.kind(),
                "function_declaration"
                    | "function_expression"
                    | "arrow_function"
                    | "method_definition"
                    | "class_body"
                    | "statement_block"
            ) {
                return false;
            }
        }
        false
    };
    // `addClient("web", { accessTokenValidity: Duration.hours(24) })` (AWS CDK),
    // `new OAuth2Server({ refreshTokenLifetime })`: options of a call at module level or in
    // infrastructure code, when the key itself names the credential; library options keyed `maxAge`, `expiresIn`
    // or `ttl` alone are left to the library checks, which know their units.
    let key_names_credential = keys.first().is_some_and(|k| {
        crate::phi::tokenize(k)
            .iter()
            .any(|t| CONFIG_CREDENTIAL.contains(&t.as_str()))
    });
    // Infrastructure code builds its resources inside constructors and functions: a call there
    // is configuration too. Elsewhere an object built in a function is a value in use (a
    // form's state, a request body).
    let infrastructure = || {
        ["aws-cdk-lib", "@aws-cdk", "constructs", "cdktf", "@pulumi"]
            .iter()
            .any(|p| imports_package(c, p))
    };
    if node.kind() == "arguments" && key_names_credential && (top_level(node) || infrastructure()) {
        let call = node.up()?;
        let callee = call
            .field("function")
            .or_else(|| call.field("constructor"))?;
        let last = last_segment(c.text(callee));
        if !(last.starts_with("define") && last.ends_with("Config")) {
            keys.reverse();
            return Some(keys);
        }
    }
    if !top_level(node) {
        return None;
    }
    match node.kind() {
        "variable_declarator" => {
            let name = node.field("name")?;
            if name.kind() != "identifier" {
                return None;
            }
            let lower = c.text(name).to_ascii_lowercase();
            if lower.contains("auth") && object_has(c, root, "providers") == Some(true) {
                return None;
            }
            keys.push(c.text(name));
        }
        "assignment_expression" | "export_statement" => {}
        "arguments" => {
            let call = node.up()?;
            let callee = call.field("function")?;
            let last = last_segment(c.text(callee));
            if !(last.starts_with("define") && last.ends_with("Config")) {
                return None;
            }
        }
        _ => return None,
    }
    keys.reverse();
    Some(keys)
}
