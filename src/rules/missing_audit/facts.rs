//! Per-file facts for the missing-audit project pass: small records (names, sites, flags),
//! never trees. Gathered in one walk per file, in parallel with every other file.

use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use super::{is_app_log_call, is_audit_name};
use crate::diagnostic::{Diagnostic, Position};
use crate::engine::{Checker, Fingerprint, Site};
use crate::flow::Purpose;
use crate::intern::intern;
use crate::lang::{Family, Language};
use crate::phi::{tokenize, Kind};
use crate::rules::{Confidence, Level, RuleMeta};
use crate::tree::NodeExt;

/// The longest receiver text kept for a route (`router`, `this.app.router`): a longer one is
/// an expression, not a name to resolve.
const MAX_RECEIVER_TEXT: usize = 256;

/// Everything one file contributes to the join.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FileFacts {
    /// The application the file belongs to; kept in the summary, not spilled.
    #[serde(skip)]
    pub app: std::sync::Arc<str>,
    /// Module key: the display path without extension and without a trailing `index`,
    /// `__init__` or `mod` component (`app/views`, `src/routes/patients`).
    pub module: String,
    /// Imported names.
    pub imports: Vec<Import>,
    /// Functions and methods.
    pub functions: Vec<FnFact>,
    /// Route registrations naming a function or class defined elsewhere (Django `urlpatterns`,
    /// axum `.route(p, get(h))`, Express `router.get(p, getPatient)`).
    pub routes: Vec<RouteRef>,
    /// Audit middleware, hooks, interceptors, layers and model history found in this file.
    pub scopes: Vec<AuditScope>,
    /// The callees of every function, each function's a range ([`FnFact::calls`]): one
    /// allocation per file instead of one per function.
    pub calls: Vec<Call>,
    /// Masked source lines of functions, by index in `functions`, when snippets were asked for.
    pub snippets: Vec<(u32, Box<str>)>,
    /// Routers mounted under a path prefix (`app.use('/api/patients', require('./routes/x'))`):
    /// the prefix and the mounted module, or the local name it was imported under.
    pub mounts: Vec<Mount>,
    /// ORM model classes defined here, and whether their own fields can hold PHI
    /// ([`Collector::py_model`]).
    pub models: Vec<(String, bool)>,
    /// Names imported from another package or crate, not from a module of this one (JS
    /// `import { getPatient } from "@clinic/handlers"`, Rust `use clinic_auth::{authorize_post}`):
    /// a route naming one of them mounts another package's handler.
    pub external: Vec<String>,
    /// Some function not named for audit writes an audit record ([`StoredFacts::audits`]).
    #[serde(skip)]
    pub uses_audit: bool,
}

/// The PHI a function touches: the strongest evidence, the model class it was read from or
/// written to when there is one (`DataAccessGrant` in `DataAccessGrant.objects.get(...)`), and
/// the strongest evidence that came from no model, for when the join finds that model holds no
/// PHI.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Touch {
    /// Description for the message.
    pub what: String,
    /// Classifier score.
    pub score: f32,
    /// The model class the evidence comes from.
    pub model: Option<String>,
    /// The strongest evidence from no model: (description, score).
    pub plain: Option<(String, f32)>,
}

impl Touch {
    /// Offers evidence: keeps the strongest, and the strongest without a model.
    pub fn offer(best: &mut Option<Touch>, what: String, score: f32, model: Option<String>) {
        match best {
            None => {
                *best = Some(Touch {
                    plain: model.is_none().then(|| (what.clone(), score)),
                    what,
                    score,
                    model,
                })
            }
            Some(t) => {
                if model.is_none() && t.plain.as_ref().is_none_or(|p| p.1 < score) {
                    t.plain = Some((what.clone(), score));
                }
                if t.score < score {
                    t.what = what;
                    t.score = score;
                    t.model = model;
                }
            }
        }
    }

    /// The evidence to report, given whether a model is known to hold no PHI.
    pub fn effective(&self, phi_free: impl Fn(&str) -> bool) -> Option<(&str, f32)> {
        match &self.model {
            Some(m) if phi_free(m) => self.plain.as_ref().map(|(w, s)| (w.as_str(), *s)),
            _ => Some((self.what.as_str(), self.score)),
        }
    }
}

/// One file's facts as kept until the join. What the join indexes every file by (module,
/// classes, route registrations, audit scopes, mounts) stays in memory; the functions with their
/// callees, the imports and the snippets, nearly all of the facts, are encoded into the scan's
/// spill store ([`crate::spill`]) and read back when the join visits the file.
#[derive(Debug)]
pub struct StoredFacts {
    /// [`FileFacts::module`].
    pub module: String,
    /// The application the file belongs to ([`crate::discover::app_of`]).
    pub app: std::sync::Arc<str>,
    /// The distinct classes of the file's methods, in order of appearance.
    pub classes: Vec<Interned>,
    /// Whether a function is a request handler by its own shape.
    pub has_handlers: bool,
    /// Whether application code (a function not itself named for audit) writes an audit record
    /// by a direct call or decorator ([`FnFact::audit`]): the application has an audit
    /// mechanism, whether or not the handlers that use it are recognised.
    pub audits: bool,
    /// [`FileFacts::routes`].
    pub routes: Vec<RouteRef>,
    /// [`FileFacts::scopes`].
    pub scopes: Vec<AuditScope>,
    /// [`FileFacts::mounts`].
    pub mounts: Vec<Mount>,
    /// [`FileFacts::models`].
    pub models: Vec<(String, bool)>,
    /// The rest of the [`FileFacts`], encoded.
    body: crate::spill::Blob,
}

impl StoredFacts {
    /// Keeps `facts`, their bulk in `store`.
    pub fn store(mut facts: FileFacts, store: &crate::spill::Store) -> StoredFacts {
        // The summary is kept until the join: copies without growth slack, in long-lived memory.
        let summary = crate::alloc::long_lived(|| {
            let mut classes: Vec<Interned> = Vec::new();
            for class in facts.functions.iter().filter_map(|f| f.class) {
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
            StoredFacts {
                module: facts.module.clone(),
                app: facts.app.clone(),
                classes: {
                    classes.shrink_to_fit();
                    classes
                },
                has_handlers: facts.functions.iter().any(|f| f.handler.is_some()),
                audits: facts.uses_audit,
                routes: facts.routes.clone(),
                scopes: facts.scopes.clone(),
                mounts: facts.mounts.clone(),
                models: facts.models.clone(),
                body: crate::spill::Blob::default(),
            }
        });
        facts.module.clear();
        facts.routes.clear();
        facts.scopes.clear();
        facts.mounts.clear();
        facts.models.clear();
        // Encoding plain data into a vector cannot fail.
        let bytes = postcard::to_allocvec(&facts).unwrap_or_default();
        StoredFacts {
            body: store.put(&bytes),
            ..summary
        }
    }

    /// The facts as the facts cache keeps them: the summary and the application encoded, the
    /// bulk as spilled (`None` if it cannot be read back from `store`).
    pub fn to_cache(&self, store: &crate::spill::Store) -> Option<Vec<u8>> {
        let body = store.get(self.body).ok()?;
        let cached = CachedFacts {
            app: &self.app,
            module: &self.module,
            classes: self
                .classes
                .iter()
                .map(|c| std::borrow::Cow::Borrowed(*c))
                .collect(),
            has_handlers: self.has_handlers,
            audits: self.audits,
            routes: std::borrow::Cow::Borrowed(&self.routes),
            scopes: std::borrow::Cow::Borrowed(&self.scopes),
            mounts: std::borrow::Cow::Borrowed(&self.mounts),
            models: std::borrow::Cow::Borrowed(&self.models),
            body: &body,
        };
        postcard::to_allocvec(&cached).ok()
    }

    /// Facts read back from the facts cache ([`StoredFacts::to_cache`]), their bulk left where
    /// it is, in the cache file's bytes, as a blob of `store` (decoded only if the join visits
    /// the file).
    pub fn from_cache(
        bytes: &crate::cache::Bytes<'_>,
        store: &crate::spill::Store,
    ) -> Option<StoredFacts> {
        let cached: CachedFacts<'_> = postcard::from_bytes(bytes.bytes()).ok()?;
        let body = match bytes.range_of(cached.body) {
            Some(range) => store.put_shared(bytes.data, range),
            None => store.put(cached.body),
        };
        // The summary is kept until the join, as when it is gathered.
        Some(crate::alloc::long_lived(|| StoredFacts {
            module: cached.module.to_string(),
            app: cached.app.into(),
            classes: cached.classes.iter().map(|c| intern(c)).collect(),
            has_handlers: cached.has_handlers,
            audits: cached.audits,
            routes: cached.routes.into_owned(),
            scopes: cached.scopes.into_owned(),
            mounts: cached.mounts.into_owned(),
            models: cached.models.into_owned(),
            body,
        }))
    }

    /// The functions, callees, imports and snippets, read back from `store` (empty, with the
    /// error kept in the store for the scan to report, if they cannot be).
    pub fn load(&self, store: &crate::spill::Store) -> FileFacts {
        let decoded = store.get(self.body).and_then(|bytes| {
            postcard::from_bytes::<FileFacts>(&bytes).map_err(|e| {
                let message = format!("decoding spilled facts: {e}");
                store.fail(&message);
                message
            })
        });
        decoded.unwrap_or_default()
    }
}

/// [`StoredFacts`] as the facts cache keeps them. The bulk is the spill store's encoding,
/// copied as bytes both ways (postcard writes a byte slice as its length and the bytes, which
/// reads back as a borrowed slice).
#[derive(Serialize, Deserialize)]
struct CachedFacts<'a> {
    app: &'a str,
    module: &'a str,
    #[serde(borrow)]
    classes: Vec<std::borrow::Cow<'a, str>>,
    has_handlers: bool,
    audits: bool,
    routes: std::borrow::Cow<'a, [RouteRef]>,
    scopes: std::borrow::Cow<'a, [AuditScope]>,
    mounts: std::borrow::Cow<'a, [Mount]>,
    models: std::borrow::Cow<'a, [(String, bool)]>,
    #[serde(with = "bytes")]
    body: &'a [u8],
}

/// A byte slice written and read as postcard bytes (its length, then the bytes).
mod bytes {
    pub fn serialize<S: serde::Serializer>(b: &&[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(b)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'de [u8], D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

/// A router mounted under a path prefix.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mount {
    /// The prefix.
    pub prefix: String,
    /// The mounted module, when given as `require('./x')`.
    pub module: Option<String>,
    /// The local name, when given as an identifier.
    pub local: Option<String>,
}

/// `from app.audit import record as rec` → local `rec`, module `app/audit`, name `record`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Import {
    /// Name bound in this file.
    pub local: String,
    /// Module path (`/`-separated, resolved against this file when relative).
    pub module: String,
    /// Imported item, or `None` for a whole-module import.
    pub name: Option<String>,
}

/// A call made by a function: `qualifier.name(...)` (qualifier is the first path segment,
/// owner the one before the name: `patientService` in `this.patientService.find(...)`).
/// Interned (names and all), so each of the hundreds of thousands of calls a large repository's
/// functions make is one pointer: they repeat a few thousand callee names.
#[derive(Debug, Clone, Copy)]
pub struct Call(&'static CallName);

/// The names of a [`Call`].
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CallName {
    /// First segment of a dotted callee (`audit` in `audit.record`), `self`/`this` included.
    pub qualifier: Option<&'static str>,
    /// The segment before the name (`patient_repository` in
    /// `state.patient_repository.create`; the qualifier itself in `audit.record`).
    pub owner: Option<&'static str>,
    /// Last segment.
    pub name: &'static str,
}

impl Call {
    /// The call `qualifier. ... .owner.name(...)`.
    pub fn new(qualifier: Option<&str>, owner: Option<&str>, name: &str) -> Call {
        type Pairs = std::collections::HashMap<(usize, usize, usize), &'static CallName>;
        static PAIRS: std::sync::OnceLock<std::sync::Mutex<Pairs>> = std::sync::OnceLock::new();
        let key = CallName {
            qualifier: qualifier.map(intern),
            owner: owner.map(intern),
            name: intern(name),
        };
        // Interned strings are unique, so their addresses identify the names.
        let addr = (
            key.qualifier.map_or(0, |q| q.as_ptr() as usize),
            key.owner.map_or(0, |o| o.as_ptr() as usize),
            key.name.as_ptr() as usize,
        );
        thread_local! {
            // Each worker's view of the shared pairs (see `intern`).
            static SEEN: std::cell::RefCell<Pairs> = Default::default();
        }
        if let Some(hit) = SEEN.with(|seen| seen.borrow().get(&addr).copied()) {
            return Call(hit);
        }
        let interned = *PAIRS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(addr)
            .or_insert_with(|| crate::alloc::long_lived(|| Box::leak(Box::new(key))));
        SEEN.with(|seen| seen.borrow_mut().insert(addr, interned));
        Call(interned)
    }
}

/// Written as its three names; read back through [`Call::new`], so it is the same interned call.
impl Serialize for Call {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.qualifier, self.owner, self.name).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Call {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Call, D::Error> {
        type Names<'a> = (
            Option<std::borrow::Cow<'a, str>>,
            Option<std::borrow::Cow<'a, str>>,
            std::borrow::Cow<'a, str>,
        );
        let (qualifier, owner, name): Names<'de> = Deserialize::deserialize(d)?;
        Ok(Call::new(qualifier.as_deref(), owner.as_deref(), &name))
    }
}

/// An interned name. The alias keeps serde's derive from taking the field for a string borrowed
/// from the input (which would have to outlive `'static`); `interned` reads it back.
pub type Interned = &'static str;

/// Reads an interned name back (`#[serde(deserialize_with = "interned")]`).
fn interned<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s: std::borrow::Cow<'de, str> = Deserialize::deserialize(d)?;
    Ok(intern(&s))
}

/// Reads an optional interned name back.
fn interned_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    let s: Option<std::borrow::Cow<'de, str>> = Deserialize::deserialize(d)?;
    Ok(s.as_deref().map(intern))
}

impl std::ops::Deref for Call {
    type Target = CallName;
    fn deref(&self) -> &CallName {
        self.0
    }
}

impl PartialEq for Call {
    fn eq(&self, other: &Call) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Call {}

impl PartialOrd for Call {
    fn partial_cmp(&self, other: &Call) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Call {
    /// By names, so the order is the same in every run.
    fn cmp(&self, other: &Call) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

/// One function or method. Every function of the project is kept until the join, so this stays
/// small: interned names, the (rare) handler shape and PHI boxed, callees and snippet in the
/// file's tables, the path in the file's key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FnFact {
    /// Name (`default` for an anonymous default export, `<handler>` for an inline handler).
    #[serde(deserialize_with = "interned")]
    pub name: Interned,
    /// Enclosing class.
    #[serde(deserialize_with = "interned_opt")]
    pub class: Option<Interned>,
    /// The span covering the handler (decorators or the route call included).
    pub site: FnSite,
    /// Set when the function is a request handler by its own shape.
    pub handler: Option<Box<Shape>>,
    /// The PHI it touches: a description and a score (boxed: few functions touch PHI).
    pub phi: Option<Box<Touch>>,
    /// Whether it writes a PHI model (`create`, `save`, `update`, `delete`).
    pub writes: bool,
    /// A direct audit call, or an audit decorator.
    pub audit: bool,
    /// Calls made in the body, each distinct callee once: `start..end` of [`FileFacts::calls`].
    pub calls: (u32, u32),
    /// HTTP method from a decorator such as Django `@require_POST`.
    pub method_hint: Option<MethodHint>,
}

/// Where a function is reported: a [`crate::engine::Site`] without the path (the join knows
/// each file's) and the snippet (in [`FileFacts::snippets`]).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct FnSite {
    /// Start (of the first decorator or of the route call, when there is one).
    pub start: Position,
    /// End.
    pub end: Position,
    /// Content-based fingerprint.
    pub fingerprint: Fingerprint,
}

/// The HTTP method a view decorator restricts a function to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MethodHint {
    /// `@require_GET`, `@require_safe`.
    Get,
    /// `@require_POST`, `@require_http_methods([...])` without `GET`.
    Post,
}

impl MethodHint {
    /// The method, upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            MethodHint::Get => "GET",
            MethodHint::Post => "POST",
        }
    }
}

impl FileFacts {
    /// The callees of `f`, a function of this file.
    pub fn calls_of(&self, f: &FnFact) -> &[Call] {
        self.calls
            .get(f.calls.0 as usize..f.calls.1 as usize)
            .unwrap_or_default()
    }

    /// A finding at `f`, a function of this file, whose display path is `path`.
    pub fn diagnostic(
        &self,
        path: &str,
        f: &FnFact,
        rule: &'static RuleMeta,
        message: String,
        level: Level,
        confidence: Confidence,
    ) -> Diagnostic {
        let index = self
            .functions
            .iter()
            .position(|g| std::ptr::eq(g, f))
            .and_then(|i| u32::try_from(i).ok());
        let snippet = index.and_then(|i| {
            self.snippets
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, s)| s.clone())
        });
        // The full site, rebuilt for the few functions reported.
        let site = Site {
            path: path.into(),
            start: f.site.start,
            end: f.site.end,
            fingerprint: f.site.fingerprint,
            snippet,
        };
        site.diagnostic(rule, message, level, confidence)
    }
}

/// How a handler is routed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Shape {
    /// Framework name for the message.
    #[serde(deserialize_with = "interned")]
    pub framework: Interned,
    /// Route path, when known.
    pub route: Option<String>,
    /// HTTP method in upper case, when known (`GET`); `None` means any.
    pub method: Option<String>,
    /// The router or app variable the route is registered on.
    pub receiver: Option<String>,
    /// Byte offset of the registration.
    pub pos: usize,
    /// Audit evidence carried by the registration itself (middleware in the route chain,
    /// `Depends(audit)`, an audit decorator, a request guard).
    pub covered: bool,
}

/// A route registration naming a handler by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouteRef {
    /// Qualifier (`views` in `views.patient_detail`).
    pub qualifier: Option<String>,
    /// Function or class name.
    pub target: String,
    /// Route shape.
    pub shape: Shape,
}

/// Audit evidence that covers more than one handler.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum AuditScope {
    /// Every handler in the project (app-level middleware, Django `MIDDLEWARE`, global
    /// interceptors, fairings).
    Global(String),
    /// Handlers registered on `receiver` in this file after byte `pos`.
    Receiver {
        /// Router or app variable.
        receiver: String,
        /// Registration offset.
        pos: usize,
        /// What was registered.
        what: String,
    },
    /// Handlers registered inside the byte range `start..end` of this file before `before`
    /// (axum `.layer(...)`; actix `.wrap(...)` with `before = end`).
    Chain {
        /// Chain start.
        start: usize,
        /// Chain end.
        end: usize,
        /// Only registrations before this offset.
        before: usize,
    },
    /// Every handler method of a class in this file (`@UseInterceptors(AuditInterceptor)`,
    /// an `AuditMixin` base, an audited `dispatch`/`initial`).
    Class(String),
    /// Write handlers of a class (an audited `perform_create`).
    ClassWrites(String),
    /// Model-level change history: covers handlers that only write.
    ModelHistory(String),
    /// An ORM hook or signal handler registered by name (`post_save.connect(log_change,
    /// sender=Patient)`, `Patient.addHook("afterCreate", recordChange)`): model history when the
    /// named function of this file writes an audit record (resolved in the join).
    Hook {
        /// The function the hook calls.
        function: String,
        /// What registered it, for the message.
        what: String,
    },
    /// A Django `MIDDLEWARE` entry naming a class of the project (`"portal.logging.
    /// RequestLogMiddleware"`): every handler of the application when one of the class's methods
    /// writes an audit or access-log record (resolved in the join, by what the class does).
    MiddlewareClass {
        /// The module, `/`-separated (`portal/logging`).
        module: String,
        /// The class name.
        class: String,
    },
}

impl AuditScope {
    /// Whether the scope is audit evidence by itself (a reference to a class is evidence only
    /// once the join has seen the class audit).
    pub fn is_evidence(&self) -> bool {
        !matches!(
            self,
            AuditScope::MiddlewareClass { .. } | AuditScope::Hook { .. }
        )
    }
}

const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "all",
];
const WRITE_VERBS: &[&str] = &[
    "create",
    "save",
    "update",
    "delete",
    "destroy",
    "insert",
    "upsert",
    "remove",
    "bulk_create",
    "bulk_update",
    "update_or_create",
    "createMany",
    "updateMany",
    "deleteMany",
    "insert_one",
    "insert_many",
    "update_one",
    "delete_one",
    "execute",
    "findOneAndUpdate",
    "findOneAndRemove",
    "findOneAndDelete",
    "findByIdAndUpdate",
    "findByIdAndRemove",
    "findByIdAndDelete",
    "updateOne",
    "deleteOne",
    "replaceOne",
];
/// Node kinds between a call and the member access on its result (`f(x).y`, `f(x)?.y`,
/// `f(x).await.y`, `(await f(x)).y`, `f(x)!.y`).
const CHAIN_LINKS: &[&str] = &[
    "call",
    "call_expression",
    "await_expression",
    "try_expression",
    "parenthesized_expression",
    "non_null_expression",
];
/// Method names that are handlers on class-based views.
const VIEW_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "list",
    "retrieve",
    "create",
    "update",
    "partial_update",
    "destroy",
];
/// Hooks on class-based views whose audit covers every handler method of the class.
const CLASS_HOOKS: &[&str] = &[
    "dispatch",
    "initial",
    "finalize_response",
    "setup",
    "get_object",
    "get_queryset",
    "before_request",
];

/// Upper-case HTTP method of a handler name or route method.
pub fn method_of(name: &str) -> Option<String> {
    let m = match name {
        "list" | "retrieve" => "GET",
        "create" => "POST",
        "update" => "PUT",
        "partial_update" => "PATCH",
        "destroy" => "DELETE",
        "all" | "any" | "api_route" | "route" => return None,
        other if HTTP_METHODS.contains(&other.to_lowercase().as_str()) => {
            return Some(other.to_uppercase())
        }
        _ => return None,
    };
    Some(m.to_string())
}

/// The module key of a display path.
pub fn module_key(path: &str) -> String {
    let no_ext = match path.rfind('.') {
        Some(dot) if dot > path.rfind('/').map_or(0, |s| s + 1) => &path[..dot],
        _ => path,
    };
    for tail in ["/index", "/__init__", "/mod"] {
        if let Some(stripped) = no_ext.strip_suffix(tail) {
            return stripped.to_string();
        }
    }
    no_ext.to_string()
}

/// Joins a relative import spec (`./audit`, `../lib/audit`) onto a module's directory.
fn join_relative(module: &str, spec: &str) -> String {
    let mut parts: Vec<&str> = module.split('/').collect();
    parts.pop();
    for seg in spec.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    module_key(&parts.join("/"))
}

/// Every node kind `python_node`, `ecma_node` and `rust_node` act on.
static DISPATCHED: crate::tree::PerLanguage = crate::tree::PerLanguage::new(&[
    // Python
    "function_definition",
    "class_definition",
    "import_from_statement",
    "import_statement",
    "assignment",
    "call",
    // JavaScript and TypeScript
    "variable_declarator",
    "call_expression",
    "function_declaration",
    "method_definition",
    "arrow_function",
    "function_expression",
    "function",
    "pair",
    // Rust
    "function_item",
    "use_declaration",
    // Database triggers created from migration code (`op.execute("CREATE TRIGGER ...")`)
    "string",
    "template_string",
    "string_literal",
    "raw_string_literal",
]);

/// The node kinds [`Collector::analyse_body`] acts on; every other node is only descended into.
static BODY_KINDS: crate::tree::PerLanguage = crate::tree::PerLanguage::new(&[
    "call",
    "call_expression",
    "new_expression",
    "macro_invocation",
    "string",
    "string_literal",
    "attribute",
    "member_expression",
    "field_expression",
    "return_statement",
    "return_expression",
]);

/// Gathers the facts of one file.
pub struct Collector<'c, 'a> {
    checker: &'c Checker<'a>,
    lang: Language,
    facts: FileFacts,
    /// Look at only the node kinds the collector acts on ([`DISPATCHED`], [`BODY_KINDS`]); off
    /// only in the test that keeps those lists complete.
    filtered: bool,
    /// Field names declared in this file's structs, classes and interfaces, and whether every
    /// declaration types them as a scalar reference ([`is_scalar_type`]): read on first use.
    field_types: std::cell::OnceCell<std::collections::HashMap<&'a str, bool>>,
    /// The root of the method chain of each call looked at, by node id ([`Collector::chain_root`]).
    chain_roots: std::collections::HashMap<usize, Node<'a>>,
    /// Per chain root: whether the chain starts from a variable (asked once per chain).
    chain_from_variable: std::collections::HashMap<usize, bool>,
}

impl<'c, 'a> Collector<'c, 'a> {
    /// A collector over the checker's file.
    pub fn new(checker: &'c Checker<'a>) -> Collector<'c, 'a> {
        Collector {
            checker,
            lang: checker.file.lang,
            facts: FileFacts {
                module: module_key(checker.file.path),
                app: checker.file.app.clone(),
                ..Default::default()
            },
            filtered: true,
            field_types: std::cell::OnceCell::new(),
            chain_roots: Default::default(),
            chain_from_variable: Default::default(),
        }
    }

    /// Whether `field` is declared in this file, every time with a scalar type: a
    /// `patient: Option<String>` field holds a reference (`Patient/123`), not the record.
    fn declared_scalar(&self, field: &str) -> bool {
        let types = self.field_types.get_or_init(|| {
            let mut map: std::collections::HashMap<&'a str, bool> = Default::default();
            let root = self.checker.file.tree.root_node();
            crate::tree::preorder(root, |n, _| {
                let (name, ty) = match n.kind() {
                    // Rust `pub patient: Option<String>`
                    "field_declaration" => (n.field("name"), n.field("type")),
                    // TypeScript `patient?: string`
                    "property_signature" | "public_field_definition" => {
                        (n.field("name"), n.field("type"))
                    }
                    // Python `patient: str | None = None` in a class body
                    "assignment" if n.field("type").is_some() => (n.field("left"), n.field("type")),
                    _ => return crate::tree::Walk::Descend,
                };
                if let (Some(name), Some(ty)) = (name, ty) {
                    let scalar = is_scalar_type(self.text(ty));
                    *map.entry(self.text(name)).or_insert(true) &= scalar;
                }
                crate::tree::Walk::Descend
            });
            map
        });
        types.get(field).copied().unwrap_or(false)
    }

    /// The class a field of this file's classes holds, by its declaration: a TypeScript
    /// constructor parameter property or field with a type annotation (`private readonly
    /// patients: PatientsService`), or a Python `self.repo = PatientRepository(...)`.
    fn field_class(&self, field: &str) -> Option<&'a str> {
        // Rust fields are reached through `self.field` of a struct whose declaration names a
        // type, and `Self`'s methods are found by name already: only TypeScript and Python.
        if self.checker.file.lang.family() == crate::lang::Family::Rust {
            return None;
        }
        let file = self.checker.file;
        if let Some(known) = file.field_classes.borrow().get(field) {
            return *known;
        }
        let found = field_class_in(file.source, field);
        file.field_classes
            .borrow_mut()
            .insert(field.to_string(), found);
        found
    }

    /// The outermost expression of the method chain `node` is in (`Router::new().route(..)
    /// .layer(..)`), remembered for every link on the way up: walking up from every call of a
    /// 200,000-link chain was quadratic.
    fn chain_root(&mut self, node: Node<'a>) -> Node<'a> {
        let mut path = Vec::new();
        let mut cur = node;
        let root = loop {
            if let Some(root) = self.chain_roots.get(&cur.id()) {
                break *root;
            }
            path.push(cur.id());
            match cur.up() {
                Some(p) if is_chain_link(p) => cur = p,
                _ => break cur,
            }
        };
        for id in path {
            self.chain_roots.insert(id, root);
        }
        root
    }

    fn text(&self, n: Node<'_>) -> &'a str {
        self.checker.text(n)
    }

    fn audit(&self, name: &str) -> bool {
        is_audit_name(self.checker.file.settings, name)
    }

    /// Walks the whole file.
    pub fn run(self, root: Node<'a>) -> FileFacts {
        self.run_over(root, true)
    }

    /// [`Collector::run`], looking at only the [`DISPATCHED`] and [`BODY_KINDS`] node kinds or
    /// (for the test that keeps those lists complete) at every node.
    fn run_over(mut self, root: Node<'a>, only_dispatched: bool) -> FileFacts {
        self.filtered = only_dispatched;
        // One walk collects the nodes to look at and builds the data-flow function table, which
        // looking at them needs.
        let flow = &self.checker.file.flow;
        let mut table = flow.function_table_builder();
        let kinds = DISPATCHED.get(self.checker.file.lang);
        let mut nodes = Vec::new();
        crate::tree::preorder(root, |node, depth| {
            if let Some(t) = &mut table {
                t.visit(node, depth);
            }
            if !only_dispatched || kinds.contains(node) {
                nodes.push(node);
            }
            crate::tree::Walk::Descend
        });
        if let Some(t) = table {
            flow.install_function_table(t);
        }
        for node in nodes {
            if crate::budget::exhausted() {
                break;
            }
            if matches!(
                node.kind(),
                "string" | "template_string" | "string_literal" | "raw_string_literal"
            ) {
                self.trigger_sql(node);
                continue;
            }
            match self.lang.family() {
                Family::Python => self.python_node(node),
                Family::Ecma => self.ecma_node(node),
                Family::Rust => self.rust_node(node),
            }
        }
        if self.lang.family() == Family::Ecma {
            self.nextjs();
        }
        // Application code that writes an audit record: a function not itself named for audit
        // (`retrieve` calling `PatientRecordAccess.objects.create`), not an audit helper or
        // middleware that may be defined and never used.
        let settings = self.checker.file.settings;
        self.facts.uses_audit = self
            .facts
            .functions
            .iter()
            .any(|f| f.audit && !is_audit_name(settings, f.name));
        // The join keeps a summary ([`StoredFacts`]); the rest is encoded and dropped.
        self.facts
    }

    // ---------------------------------------------------------------- shared

    /// A site from `start` (a decorator or route call) to the end of `node`; with snippets on,
    /// records the function's (it is pushed next).
    fn site(&mut self, start: Node<'a>, node: Node<'a>) -> FnSite {
        // Every function gets a site, but few are reported: fingerprint the name, not the
        // whole body (which would walk every node of every function).
        let anchor = node.field("name").unwrap_or(start);
        let site = self.checker.site(node, anchor);
        if let (Some(snippet), Ok(i)) = (site.snippet, u32::try_from(self.facts.functions.len())) {
            self.facts.snippets.push((i, snippet));
        }
        FnSite {
            start: self.checker.file.position(start.start_byte()),
            end: site.end,
            fingerprint: site.fingerprint,
        }
    }

    /// Appends `calls` to the file's callee table: the range a function record keeps.
    fn store_calls(&mut self, calls: &[Call]) -> (u32, u32) {
        let start = self.facts.calls.len();
        self.facts.calls.extend_from_slice(calls);
        let end = self.facts.calls.len();
        // A file has far fewer than 2^32 calls (tree-sitter offsets are 32-bit).
        (
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(end).unwrap_or(u32::MAX),
        )
    }

    /// String content of a literal node, if it is one.
    fn string(&self, n: Node<'a>) -> Option<&'a str> {
        let t = self.text(n);
        match n.kind() {
            "string" | "string_literal" | "raw_string_literal" | "template_string" => {
                let t = t.trim_start_matches(['r', 'b', 'f', 'u', '#']);
                Some(t.trim_matches(|c| c == '"' || c == '\'' || c == '`' || c == '#'))
            }
            _ => None,
        }
    }

    /// Body analysis: calls, audit calls, PHI touched, writes.
    fn analyse_body(&self, body: Node<'a>) -> (Vec<Call>, bool, Option<Touch>, bool) {
        let flow = &self.checker.file.flow;
        let vocab = flow.vocab();
        let settings = self.checker.file.settings;
        let mut calls = Vec::new();
        let mut audit = false;
        let mut best: Option<Touch> = None;
        let mut writes = false;
        let mut budget = 600usize;
        let mut stack = vec![body];
        // One cursor for every node's children: `Node::walk` allocates one each time.
        let mut cursor = body.walk();
        let acted_on = BODY_KINDS.get(self.lang);
        while let Some(n) = stack.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            // Most nodes are none of the kinds below: test the symbol id before naming the kind.
            if self.filtered && !acted_on.contains(n) {
                stack.extend(n.named_children(&mut cursor));
                continue;
            }
            let kind = n.kind();
            let mut consider = false;
            match kind {
                "call" | "call_expression" | "new_expression" | "macro_invocation" => {
                    consider = true;
                    let callee = n
                        .field("function")
                        .or_else(|| n.field("constructor"))
                        .or_else(|| n.field("macro"));
                    if let Some(callee) = callee {
                        let text = super::callee_path(self.text(callee));
                        let segs: Vec<&str> = text
                            .split(['.', ':'])
                            .map(|s| s.trim().trim_end_matches('?'))
                            .filter(|s| !s.is_empty())
                            .collect();
                        if let Some(name) = segs.last() {
                            if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                                let n = segs.len();
                                // `this.patients.findOne()`: the field's declared class names
                                // the service better than the field does.
                                let owner = (n > 1).then(|| segs[n - 2]).map(|o| {
                                    if n == 3 && matches!(segs[0], "this" | "self") {
                                        self.field_class(o).unwrap_or(o)
                                    } else {
                                        o
                                    }
                                });
                                calls.push(Call::new((n > 1).then(|| segs[0]), owner, name));
                            }
                            if self.audit(text)
                                || (settings.audit.accept_app_logs && is_app_log_call(text))
                            {
                                audit = true;
                            }
                            if WRITE_VERBS.contains(name) {
                                let form = self.bound_to_record_form(callee);
                                let model = form.is_some()
                                    || segs[..segs.len() - 1].iter().any(|s| vocab.names_record(s));
                                if model {
                                    writes = true;
                                    let mut desc =
                                        format!("`{}`", crate::flow::display_name(&segs));
                                    if let Some(form) = form {
                                        desc.push_str(&format!(" (a `{form}`)"));
                                    }
                                    let model = form
                                        .and_then(model_of_form)
                                        .or_else(|| {
                                            segs.first().copied().filter(|m| is_class_name(m))
                                        })
                                        .map(str::to_string);
                                    Touch::offer(&mut best, desc, 0.8, model);
                                }
                            }
                        }
                    }
                }
                "string" | "string_literal" if self.string(n) == Some("AuditEvent") => {
                    audit = true;
                }
                "attribute" | "member_expression" | "field_expression" => consider = true,
                "return_statement" | "return_expression" => {
                    if let Some(v) = n.named_child(0) {
                        if matches!(v.kind(), "identifier") {
                            self.consider(v, &mut best);
                        }
                    }
                }
                _ => {}
            }
            if consider {
                self.consider(n, &mut best);
                // The outermost expression speaks for its parts, but a call inside a chain is a
                // call too: `repo.create(p).unwrap()`, `audit.log(e).catch(ignore)`.
                if matches!(kind, "attribute" | "member_expression" | "field_expression") {
                    let object = n.field("object").or_else(|| n.field("value"));
                    if let Some(o) = object.filter(|o| CHAIN_LINKS.contains(&o.kind())) {
                        stack.push(o);
                    }
                    continue;
                }
            }
            stack.extend(n.named_children(&mut cursor));
        }
        let _ = flow;
        // The join asks whether any callee audits: each distinct callee once is enough.
        calls.sort_unstable();
        calls.dedup();
        (calls, audit, best, writes)
    }

    /// Whether `form.save()` is called on a form or serializer of a PHI model: `form` was
    /// last bound to `MedicalRecordForm(request.POST)` or `PatientSerializer(data=...)`.
    fn bound_to_record_form(&self, callee: Node<'a>) -> Option<&'a str> {
        let flow = &self.checker.file.flow;
        let object = callee
            .field("object")
            .filter(|o| o.kind() == "identifier")?;
        let value = flow.binding_value(object)?;
        if !matches!(value.kind(), "call" | "call_expression" | "new_expression") {
            return None;
        }
        let class = value
            .field("function")
            .or_else(|| value.field("constructor"))?;
        let class = self.text(class).rsplit('.').next().unwrap_or("");
        let model = ["ModelForm", "Form", "Serializer"]
            .iter()
            .find_map(|suffix| class.strip_suffix(suffix))
            .filter(|m| !m.is_empty())?;
        let vocab = flow.vocab();
        vocab.names_record(model).then_some(class)
    }

    fn consider(&self, n: Node<'a>, best: &mut Option<Touch>) {
        // The PHI a function touches is read only for handlers, and only handlers in the
        // scanned files are reported: a file outside a `--shard` contributes names, calls and
        // audit evidence to the join, never a finding.
        if self.checker.file.facts_only {
            return;
        }
        // Cheap lexical gate first: most calls and member accesses name nothing PHI-like.
        let text = self.text(n);
        if n.kind() != "identifier"
            && (text.len() > 400 || !self.checker.file.flow.vocab().mentions_phi(text))
        {
            return;
        }
        let Some(ev) = self.checker.phi(n, Purpose::Exposure) else {
            return;
        };
        // Handlers touch PHI when the evidence is strong: a record, a field in container
        // context (`patient.full_name`) or a strong identifier. A bare `full_name` (often the
        // signed-in staff member's) or a health word alone (`allergy_type`) is not enough.
        if ev.class.kind == Kind::InternalId || ev.class.score < 0.75 {
            return;
        }
        // A name, email or phone without a PHI container in its access path is as likely the
        // staff member's own (`get_full_name(jwt)`, `current_user.email`).
        let vocab = self.checker.file.flow.vocab();
        // The field itself may name whose it is: `referral.patientName`, `row.member_dob`.
        let segments = || ev.name.split(['.', '(', ')', ' ', '[', ']']);
        let in_container = segments().any(|seg| !seg.is_empty() && vocab.names_record(seg))
            || segments().rfind(|seg| !seg.is_empty()).is_some_and(|leaf| {
                let words = tokenize(leaf);
                words.len() > 1
                    && words[..words.len() - 1].iter().any(|w| {
                        matches!(
                            vocab.term(&w.to_lowercase()),
                            Some((crate::phi::Class::Container, _))
                        )
                    })
            });
        let contact = matches!(
            ev.class.kind,
            Kind::Name | Kind::Email | Kind::Phone | Kind::Address | Kind::Date | Kind::Photo
        );
        if contact && !in_container && !ev.class.aggregate {
            return;
        }
        // `request.patient` where `patient: Option<String>` is declared in this file: a
        // reference to the record, not the record.
        if ev.class.kind == Kind::Record
            && matches!(
                n.kind(),
                "field_expression" | "attribute" | "member_expression"
            )
        {
            let leaf = n
                .field("field")
                .or_else(|| n.field("attribute"))
                .or_else(|| n.field("property"))
                .map(|f| self.text(f));
            if leaf.is_some_and(|l| self.declared_scalar(l)) {
                return;
            }
        }
        // A query or projection that reads only ids (`findByPk(id, { attributes: ['id'] })`,
        // `.exists()`, `.values_list('id', flat=True)`) checks existence: no PHI is read.
        if ev.class.kind == Kind::Record && self.reads_only_ids(ev.node) {
            return;
        }
        let model = (ev.class.kind == Kind::Record)
            .then(|| self.query_model(ev.node))
            .flatten()
            .map(str::to_string);
        Touch::offer(best, ev.describe(), ev.class.score, model);
    }

    /// The model class a query chain starts from (`DataAccessGrant` in
    /// `DataAccessGrant.objects.select_related(...).filter(...)`, `Patient` in
    /// `Patient.findByPk(id)`), when it is a class name.
    fn query_model(&self, node: Node<'a>) -> Option<&'a str> {
        let mut cur = node;
        for _ in 0..12 {
            cur = match cur.kind() {
                "call" | "call_expression" => cur.field("function")?,
                "attribute" | "member_expression" => cur.field("object")?,
                "await" | "await_expression" | "parenthesized_expression" => cur.named_child(0)?,
                "identifier" => {
                    let name = self.text(cur);
                    return is_class_name(name).then_some(name);
                }
                _ => return None,
            };
        }
        None
    }

    /// Whether a query expression only reads ids or checks existence: a projection naming id
    /// fields only (`{ attributes: ['id'] }`, `select: { id: true }`, `.only('pk')`,
    /// `.values_list('id', flat=True)`, `.select('_id')`), or a count or existence test
    /// (`.exists()`, `.count()`).
    fn reads_only_ids(&self, node: Node<'a>) -> bool {
        // Calls chained on the query: `Patient.objects.filter(pk=pk).exists()`.
        let mut up = node;
        for _ in 0..6 {
            let Some(member) = up
                .parent()
                .filter(|p| matches!(p.kind(), "attribute" | "member_expression"))
                .filter(|p| p.field("object").is_some_and(|o| o.id() == up.id()))
            else {
                break;
            };
            let Some(call) = member
                .parent()
                .filter(|c| matches!(c.kind(), "call" | "call_expression"))
            else {
                break;
            };
            let method = member
                .field("attribute")
                .or_else(|| member.field("property"))
                .map(|m| self.text(m));
            if matches!(method, Some("exists" | "count" | "countDocuments")) {
                return true;
            }
            if let Some(only_ids) = call
                .field("arguments")
                .and_then(|a| self.projection_only_ids(method, a))
            {
                return only_ids;
            }
            up = call;
        }
        let mut cur = Some(node);
        for _ in 0..12 {
            let Some(n) = cur else { return false };
            match n.kind() {
                "call" | "call_expression" => {
                    let function = n.field("function");
                    let method = function
                        .and_then(|f| f.field("attribute").or_else(|| f.field("property")))
                        .map(|m| self.text(m));
                    if matches!(method, Some("exists" | "count" | "countDocuments")) {
                        return true;
                    }
                    let args = n.field("arguments");
                    if let Some(args) = args {
                        if let Some(only_ids) = self.projection_only_ids(method, args) {
                            return only_ids;
                        }
                    }
                    cur = function.and_then(|f| f.field("object"));
                }
                "await" | "await_expression" | "parenthesized_expression" => cur = n.named_child(0),
                _ => return false,
            }
        }
        false
    }

    /// The projection of one query call, when it has one: whether it names id fields only.
    fn projection_only_ids(&self, method: Option<&str>, args: Node<'a>) -> Option<bool> {
        let mut fields: Vec<&'a str> = Vec::new();
        let mut c = args.walk();
        let children: Vec<Node<'a>> = args.named_children(&mut c).collect();
        match method {
            // Django `.only('id')`, `.values('pk')`, `.values_list('id', flat=True)`;
            // Mongoose `.select('_id')`.
            Some("only" | "values" | "values_list" | "select" | "pluck") => {
                for a in &children {
                    if a.kind() == "keyword_argument" {
                        continue;
                    }
                    let s = self.string(*a)?;
                    fields.extend(s.split_whitespace());
                }
            }
            _ => {
                // Sequelize `{ attributes: ['id'] }`, Prisma `{ select: { id: true } }`.
                let options = children.iter().find(|a| a.kind() == "object")?;
                let mut oc = options.walk();
                let pair = options.named_children(&mut oc).find(|p| {
                    p.kind() == "pair"
                        && p.field("key").is_some_and(|k| {
                            matches!(
                                self.text(k).trim_matches(['"', '\'']),
                                "attributes" | "select"
                            )
                        })
                })?;
                let value = pair.field("value")?;
                let mut vc = value.walk();
                for item in value.named_children(&mut vc) {
                    match item.kind() {
                        "pair" => {
                            fields.push(item.field("key").map_or("", |k| self.text(k)));
                        }
                        "comment" => {}
                        _ => fields.push(self.string(item)?),
                    }
                }
            }
        }
        if fields.is_empty() {
            return None;
        }
        Some(
            fields
                .iter()
                .all(|f| is_id_field(f.trim_matches(['"', '\'']))),
        )
    }

    /// Whether a route path names a PHI container (`/patients`, `/fhir/Patient/:id`).
    pub fn route_is_phi(&self, route: &str) -> bool {
        route_is_phi(self.checker.file.flow.vocab(), route)
    }

    /// The PHI record type named in a function's parameter or return types, if any.
    fn signature_phi(&self, node: Node<'a>) -> Option<(String, f32)> {
        let func = if node.kind() == "decorated_definition" {
            node.field("definition")?
        } else {
            node
        };
        let vocab = self.checker.file.flow.vocab();
        let mut types: Vec<Node<'a>> = Vec::new();
        if let Some(r) = func.field("return_type") {
            types.push(r);
        }
        if let Some(params) = func.field("parameters") {
            let mut c = params.walk();
            for p in params.named_children(&mut c) {
                if let Some(t) = p.field("type") {
                    types.push(t);
                }
            }
        }
        for t in types {
            // Bounded: a type is short; a pathological one is not read whole.
            let text = self.text(t);
            let mut end = text.len().min(256);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let text = &text[..end];
            let word = text
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .find(|w| w.starts_with(char::is_uppercase) && vocab.type_is_record(w));
            if let Some(word) = word {
                return Some((format!("its signature carries `{word}` records"), 0.7));
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn push_fn(
        &mut self,
        name: String,
        class: Option<String>,
        start: Node<'a>,
        node: Node<'a>,
        body: Option<Node<'a>>,
        handler: Option<Shape>,
        decorator_audit: bool,
    ) {
        let (calls, audit, phi, writes) = match body {
            Some(b) => self.analyse_body(b),
            None => (Vec::new(), false, None, false),
        };
        // A handler whose signature takes or returns a PHI record (`-> Json<Patient>`,
        // `Json(p): Json<Patient>`, `-> PatientOut`) handles that record whatever its body shows.
        // Only where a signature can make a handler: its own shape, or a Rust function (axum,
        // actix and Rocket handlers are named by route registrations elsewhere).
        let phi = match phi {
            None if handler.is_some() || self.lang.family() == crate::lang::Family::Rust => {
                self.signature_phi(node).map(|(what, score)| Touch {
                    plain: Some((what.clone(), score)),
                    what,
                    score,
                    model: None,
                })
            }
            found => found,
        };
        let site = self.site(start, node);
        let calls = self.store_calls(&calls);
        self.facts.functions.push(FnFact {
            name: intern(&name),
            class: class.as_deref().map(intern),
            site,
            handler: handler.map(Box::new),
            phi: phi.map(Box::new),
            writes,
            audit: audit || decorator_audit,
            calls,
            method_hint: None,
        });
    }

    // ---------------------------------------------------------------- python

    fn python_node(&mut self, node: Node<'a>) {
        match node.kind() {
            "function_definition" => self.py_function(node),
            "class_definition" => self.py_class(node),
            "import_from_statement" => self.py_import_from(node),
            "import_statement" => {
                let mut c = node.walk();
                for n in node.named_children(&mut c) {
                    let (module, local) = match n.kind() {
                        "dotted_name" => (self.text(n), self.text(n)),
                        "aliased_import" => (
                            n.field("name").map_or("", |x| self.text(x)),
                            n.field("alias").map_or("", |x| self.text(x)),
                        ),
                        _ => continue,
                    };
                    self.facts.imports.push(Import {
                        local: local.to_string(),
                        module: module.replace('.', "/"),
                        name: None,
                    });
                }
            }
            "assignment" => self.py_assignment(node),
            "call" => self.py_call(node),
            _ => {}
        }
    }

    fn py_import_from(&mut self, node: Node<'a>) {
        let Some(m) = node.field("module_name") else {
            return;
        };
        let spec = self.text(m);
        let module = if let Some(rest) = spec.strip_prefix('.') {
            // `from . import views`, `from .audit import record`, `from ..core import x`.
            let ups = rest.chars().take_while(|c| *c == '.').count();
            let rest = &rest[ups..];
            let mut rel = "./".to_string() + &"../".repeat(ups);
            rel.push_str(&rest.replace('.', "/"));
            join_relative(&self.facts.module, &rel)
        } else {
            spec.replace('.', "/")
        };
        let mut c = node.walk();
        for n in node.children_by_field_name("name", &mut c) {
            let (name, local) = match n.kind() {
                "dotted_name" => (self.text(n), self.text(n)),
                "aliased_import" => (
                    n.field("name").map_or("", |x| self.text(x)),
                    n.field("alias").map_or("", |x| self.text(x)),
                ),
                _ => continue,
            };
            // `from . import views` imports a module; `from .audit import record` an item.
            self.facts.imports.push(Import {
                local: local.to_string(),
                module: module.clone(),
                name: Some(name.to_string()),
            });
        }
    }

    fn py_decorators(&self, func: Node<'a>) -> (Node<'a>, Vec<Node<'a>>) {
        match func.up() {
            Some(p) if p.kind() == "decorated_definition" => {
                let mut c = p.walk();
                let decs = p
                    .named_children(&mut c)
                    .filter(|n| n.kind() == "decorator")
                    .collect();
                (p, decs)
            }
            _ => (func, Vec::new()),
        }
    }

    fn py_function(&mut self, func: Node<'a>) {
        let name = func.field("name").map_or("", |n| self.text(n)).to_string();
        let (outer, decorators) = self.py_decorators(func);
        let class_node = enclosing_class(func);
        let class = class_node
            .and_then(|c| c.field("name"))
            .map(|n| self.text(n).to_string());
        let settings = self.checker.file.settings;
        let mut shape: Option<Shape> = None;
        let mut decorator_audit = false;
        for d in &decorators {
            let Some(expr) = d.named_child(0) else {
                continue;
            };
            let (callee, args) = if expr.kind() == "call" {
                (
                    expr.field("function").unwrap_or(expr),
                    expr.field("arguments"),
                )
            } else {
                (expr, None)
            };
            let callee_text = self.text(callee);
            let last = callee_text.rsplit('.').next().unwrap_or(callee_text);
            let receiver = callee_text
                .rsplit_once('.')
                .map(|(r, _)| r.rsplit('.').next().unwrap_or(r).to_string());
            if self.audit(callee_text) {
                decorator_audit = true;
            }
            let first_arg = args.and_then(|a| a.named_child(0));
            // Route paths start with `/` (`@mock.patch("app.crud.x")` is no route).
            let route = first_arg
                .and_then(|a| self.string(a))
                .filter(|r| r.starts_with('/') || r.is_empty())
                .map(str::to_string);
            let args_audit = args.is_some_and(|a| self.mentions_audit(a));
            if receiver.is_some()
                && (last == "route" || HTTP_METHODS.contains(&last) || last == "api_route")
                && route.is_some()
            {
                let mut method = method_of(last);
                if last == "route" {
                    method = args
                        .and_then(|a| self.py_methods_kwarg(a))
                        .or(Some("GET".into()));
                }
                let src = self.checker.file.source;
                shape = Some(Shape {
                    framework: if src.contains("fastapi") || src.contains("starlette") {
                        "FastAPI"
                    } else {
                        "Flask"
                    },
                    route,
                    method,
                    receiver,
                    pos: outer.start_byte(),
                    covered: args_audit,
                });
            } else if last == "api_view" || last == "action" {
                let method = args
                    .map(|a| self.text(a).to_uppercase())
                    .filter(|t| {
                        !t.contains("POST")
                            && !t.contains("PUT")
                            && !t.contains("DELETE")
                            && !t.contains("PATCH")
                    })
                    .map(|_| "GET".to_string());
                shape = Some(Shape {
                    framework: "Django REST framework",
                    method,
                    pos: outer.start_byte(),
                    ..Default::default()
                });
            } else if settings
                .audit
                .handler_decorators
                .contains(&tokenize(callee_text).concat())
            {
                shape = Some(Shape {
                    framework: "configured handler decorator",
                    pos: outer.start_byte(),
                    ..Default::default()
                });
            } else if matches!(last, "receiver" | "listens_for")
                && args.is_some_and(|a| names_write_event(self.text(a)))
            {
                // A Django signal receiver or SQLAlchemy event listener on model writes
                // (`@receiver(post_save, sender=Patient)`) that writes an audit record.
                if let Some(body) = func.field("body") {
                    let (_, audits, _, _) = self.analyse_body(body);
                    if audits || self.audit(&name) {
                        self.facts.scopes.push(AuditScope::ModelHistory(format!(
                            "`{name}` model signal receiver"
                        )));
                    }
                }
            } else if matches!(
                last,
                "before_request" | "after_request" | "teardown_request" | "middleware"
            ) && receiver.is_some()
            {
                // Flask hooks and FastAPI `@app.middleware("http")`: audit inside counts for
                // the app (or blueprint).
                if let Some(body) = func.field("body") {
                    let (_, audits, _, _) = self.analyse_body(body);
                    if audits || self.audit(&name) {
                        let r = receiver.clone().unwrap_or_default();
                        self.push_receiver_scope(r, 0, format!("`{name}` hook"));
                    }
                }
                return;
            }
        }
        // FastAPI: `audit: None = Depends(audit_access)` in the parameters.
        if let Some(s) = shape.as_mut() {
            if let Some(params) = func.field("parameters") {
                if self.mentions_audit(params) {
                    s.covered = true;
                }
            }
        }
        // Class-based views: methods of a view class are handlers.
        if shape.is_none() {
            if let Some(cls) = class_node {
                if self.py_is_view_class(cls) && VIEW_METHODS.contains(&name.as_str()) {
                    shape = Some(Shape {
                        framework: self.py_view_framework(cls),
                        method: method_of(&name),
                        pos: outer.start_byte(),
                        ..Default::default()
                    });
                }
            }
        }
        let body = func.field("body");
        // Class-level coverage from hooks.
        if let (Some(cls), Some(b)) = (&class, body) {
            let is_hook = CLASS_HOOKS.contains(&name.as_str());
            let is_perform = name.starts_with("perform_");
            if is_hook || is_perform {
                let (_, audits, _, _) = self.analyse_body(b);
                if audits || decorator_audit {
                    self.facts.scopes.push(if is_hook {
                        AuditScope::Class(cls.clone())
                    } else {
                        AuditScope::ClassWrites(cls.clone())
                    });
                }
            }
        }
        // Only top-level functions and methods are recorded (nested helpers are part of their
        // parent's body).
        if self.checker.file.flow.enclosing_function(func).is_some() {
            return;
        }
        // A middleware method that logs who requested what (the request's user and its path or
        // method in one log call) writes an access log: audit evidence by what it does,
        // whatever the logger is called.
        if let (Some(cls), Some(b)) = (class_node, body) {
            if is_middleware_class(
                self.text(cls.field("name").unwrap_or(cls)),
                self.class_bases(cls),
            ) && self.logs_request_access(b)
            {
                decorator_audit = true;
            }
        }
        let hint = decorators.iter().find_map(|d| {
            let t = self.text(*d);
            if t.contains("require_POST") {
                Some(MethodHint::Post)
            } else if t.contains("require_GET") || t.contains("require_safe") {
                Some(MethodHint::Get)
            } else if t.contains("require_http_methods") && !t.contains("GET") {
                Some(MethodHint::Post)
            } else {
                None
            }
        });
        self.push_fn(name, class, outer, outer, body, shape, decorator_audit);
        if let Some(f) = self.facts.functions.last_mut() {
            f.method_hint = hint;
        }
    }

    /// A database trigger that writes an audit or history table, created from migration code
    /// (`op.execute("CREATE TRIGGER patient_audit AFTER INSERT OR UPDATE ON patient ...")`,
    /// `knex.raw(...)`): change history for every write of the table, like a history library.
    /// Triggers record changes, not reads.
    fn trigger_sql(&mut self, node: Node<'a>) {
        let text = self.text(node);
        if text.len() > 20_000 || !text.contains("TRIGGER") && !text.contains("trigger") {
            return;
        }
        let upper = text.to_ascii_uppercase();
        let creates = upper.contains("CREATE TRIGGER")
            || upper.contains("CREATE OR REPLACE TRIGGER")
            || upper.contains("CREATE CONSTRAINT TRIGGER");
        if !creates {
            return;
        }
        let records = ["AUDIT", "HISTORY", "CHANGELOG", "CHANGE_LOG", "JOURNAL"]
            .iter()
            .any(|w| upper.contains(w));
        if records {
            self.facts
                .scopes
                .push(AuditScope::ModelHistory("a database audit trigger".into()));
        }
    }

    /// A hook or signal handler: model history when `handler` (an inline function, or one of
    /// this file named by the registration) writes an audit record.
    fn hook_handler(&mut self, handler: Node<'a>, what: String) {
        match handler.kind() {
            "identifier" | "attribute" | "member_expression" => {
                let name = self.text(handler);
                let name = name.rsplit('.').next().unwrap_or(name);
                if self.audit(name) {
                    self.facts.scopes.push(AuditScope::ModelHistory(what));
                } else {
                    self.facts.scopes.push(AuditScope::Hook {
                        function: name.to_string(),
                        what,
                    });
                }
            }
            "arrow_function" | "function_expression" | "function" | "lambda" => {
                let audits = handler
                    .field("body")
                    .is_some_and(|b| self.analyse_body(b).1);
                if audits {
                    self.facts.scopes.push(AuditScope::ModelHistory(what));
                }
            }
            _ => {}
        }
    }

    /// Records an ORM model class (Django `models.Model`, Flask-SQLAlchemy `db.Model`,
    /// SQLAlchemy declarative `Base`, `SQLModel`) and whether its own fields can hold PHI: a
    /// field that is not a relation (`ForeignKey`, `OneToOneField`, `relationship`: those hold
    /// another record's id) and whose name the vocabulary reads as an identifier or health
    /// data. A model named as a PHI record (`Patient`), or one that also inherits from a class
    /// whose fields are not seen here (a mixin, an abstract model), counts as holding PHI.
    fn py_model(&mut self, name: &'a str, bases: &'a str, body: Node<'a>) {
        let base_names: Vec<&str> = bases
            .trim_matches(['(', ')'])
            .split(',')
            .map(str::trim)
            .filter(|b| !b.is_empty() && !b.contains('='))
            .collect();
        let orm_base = |b: &str| {
            matches!(
                b,
                "models.Model" | "db.Model" | "Model" | "Base" | "DeclarativeBase" | "SQLModel"
            )
        };
        if base_names.is_empty() || !base_names.iter().any(|b| orm_base(b)) {
            return;
        }
        let vocab = self.checker.file.flow.vocab();
        let mut holds_phi = vocab.type_is_record(name) || base_names.iter().any(|b| !orm_base(b));
        let mut c = body.walk();
        for stmt in body.named_children(&mut c) {
            if holds_phi {
                break;
            }
            let Some(asg) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                continue;
            };
            let (Some(left), Some(right)) = (asg.field("left"), asg.field("right")) else {
                continue;
            };
            if left.kind() != "identifier" || right.kind() != "call" {
                continue;
            }
            let callee = right.field("function").map_or("", |f| self.text(f));
            let ctor = callee.rsplit('.').next().unwrap_or(callee);
            let is_field = ctor.ends_with("Field")
                || matches!(
                    ctor,
                    "Column" | "mapped_column" | "ForeignKey" | "relationship"
                );
            if !is_field {
                continue;
            }
            let args = right.field("arguments").map_or("", |a| self.text(a));
            let relation = matches!(
                ctor,
                "ForeignKey"
                    | "OneToOneField"
                    | "ManyToManyField"
                    | "ParentalKey"
                    | "relationship"
                    | "GenericForeignKey"
            ) || args.contains("ForeignKey(");
            if relation {
                continue;
            }
            let field = self.text(left);
            holds_phi = vocab.classify_name(field).is_some_and(|c| {
                c.kind != Kind::InternalId
                    && (c.kind.is_identifier() || matches!(c.kind, Kind::Health | Kind::Record))
                    && c.score >= 0.5
            });
        }
        self.facts.models.push((name.to_string(), holds_phi));
    }

    /// Whether a body makes a log call whose arguments carry the request's actor
    /// (`request.user`) and the resource or action (`request.path`, `request.method`,
    /// `get_full_path()`): an access-log record.
    fn logs_request_access(&self, body: Node<'a>) -> bool {
        let mut found = false;
        crate::tree::preorder(body, |n, _| {
            if found {
                return crate::tree::Walk::Stop;
            }
            if n.kind() != "call" {
                return crate::tree::Walk::Descend;
            }
            let callee = n.field("function").map_or("", |f| self.text(f));
            let (Some(args), true) = (n.field("arguments"), is_app_log_call(callee)) else {
                return crate::tree::Walk::Descend;
            };
            let text = self.text(args);
            let actor = text.contains(".user");
            let resource = ["path", "get_full_path", "method", "url"]
                .iter()
                .any(|w| text.contains(&format!(".{w}")));
            found = actor && resource;
            crate::tree::Walk::Skip
        });
        found
    }

    fn py_methods_kwarg(&self, args: Node<'a>) -> Option<String> {
        let mut c = args.walk();
        for kw in args.named_children(&mut c) {
            if kw.kind() != "keyword_argument" {
                continue;
            }
            if kw.field("name").map(|n| self.text(n)) == Some("methods") {
                let t = self.text(kw).to_uppercase();
                let writes = ["POST", "PUT", "PATCH", "DELETE"]
                    .iter()
                    .filter(|m| t.contains(*m))
                    .count();
                return Some(if writes > 0 && !t.contains("GET") {
                    "POST".into()
                } else if writes > 0 {
                    "ANY".into()
                } else {
                    "GET".into()
                });
            }
        }
        None
    }

    fn class_bases(&self, cls: Node<'a>) -> &'a str {
        cls.field("superclasses").map_or("", |b| self.text(b))
    }

    fn py_is_view_class(&self, cls: Node<'a>) -> bool {
        let bases = self.class_bases(cls);
        bases
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|b| {
                b.ends_with("View")
                    || b.ends_with("ViewSet")
                    || b.ends_with("APIView")
                    || b == "Resource"
                    || b.ends_with("Mixin") && b.contains("Model")
            })
    }

    fn py_view_framework(&self, cls: Node<'a>) -> &'static str {
        let bases = self.class_bases(cls);
        if bases.contains("APIView")
            || bases.contains("ViewSet")
            || bases.contains("GenericAPIView")
        {
            "Django REST framework"
        } else if bases.contains("MethodView") || bases.contains("Resource") {
            "Flask"
        } else {
            "Django"
        }
    }

    fn py_class(&mut self, cls: Node<'a>) {
        let Some(name) = cls.field("name").map(|n| self.text(n)) else {
            return;
        };
        let bases = self.class_bases(cls);
        let (outer, decorators) = self.py_decorators(cls);
        for d in &decorators {
            if self.text(*d).contains("reversion.register") || self.audit(self.text(*d)) {
                self.facts.scopes.push(AuditScope::ModelHistory(format!(
                    "`{}`",
                    self.text(*d).trim_start_matches('@')
                )));
            }
        }
        let body = cls.field("body");
        if let Some(b) = body {
            self.py_model(name, bases, b);
        }
        let body_text = body.map_or("", |b| self.text(b));
        if body_text.contains("HistoricalRecords(") || body_text.contains("__versioned__") {
            self.facts
                .scopes
                .push(AuditScope::ModelHistory(format!("history on `{name}`")));
        }
        if !self.py_is_view_class(cls) {
            return;
        }
        if bases
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|b| self.audit(b))
        {
            self.facts.scopes.push(AuditScope::Class(name.to_string()));
        }
        // Generic views without their own handler methods: the class is the handler, its
        // PHI is the model of `queryset`/`model`/`serializer_class`.
        let Some(body) = body else { return };
        let mut c = body.walk();
        let mut has_methods = false;
        let mut phi: Option<Touch> = None;
        for stmt in body.named_children(&mut c) {
            let def = if stmt.kind() == "decorated_definition" {
                stmt.field("definition")
            } else {
                Some(stmt)
            };
            if let Some(def) = def.filter(|d| d.kind() == "function_definition") {
                let n = def.field("name").map_or("", |n| self.text(n));
                if VIEW_METHODS.contains(&n) {
                    has_methods = true;
                }
                // `def get_queryset(self): return Patient.objects.all()`.
                if matches!(n, "get_queryset" | "get_object" | "get_context_data") {
                    if let Some(b) = def.field("body") {
                        let (_, _, found, _) = self.analyse_body(b);
                        if found
                            .as_ref()
                            .is_some_and(|f| phi.as_ref().is_none_or(|p| p.score < f.score))
                        {
                            phi = found;
                        }
                    }
                }
            }
            if stmt.kind() == "expression_statement" {
                if let Some(asg) = stmt.named_child(0).filter(|a| a.kind() == "assignment") {
                    let left = asg.field("left").map_or("", |n| self.text(n));
                    if let Some(right) = asg.field("right") {
                        if matches!(left, "queryset" | "model") {
                            let vocab = self.checker.file.flow.vocab();
                            let model = self.text(right).split(['.', '(']).next().unwrap_or("");
                            if vocab.type_is_record(model) {
                                Touch::offer(
                                    &mut phi,
                                    format!("`{model}` records"),
                                    0.8,
                                    Some(model.to_string()),
                                );
                            } else {
                                self.consider(right, &mut phi);
                            }
                        }
                    }
                }
            }
        }
        if has_methods || phi.is_none() {
            return;
        }
        let read_only = [
            "ReadOnly",
            "ListView",
            "DetailView",
            "ListAPIView",
            "RetrieveAPIView",
            "TemplateView",
        ]
        .iter()
        .any(|b| bases.contains(b))
            && !bases.contains("Update")
            && !bases.contains("Create")
            && !bases.contains("Destroy");
        let site = self.site(outer, outer);
        self.facts.functions.push(FnFact {
            name: intern(name),
            class: Some(intern(name)),
            site,
            handler: Some(Box::new(Shape {
                framework: self.py_view_framework(cls),
                method: read_only.then(|| "GET".to_string()),
                pos: outer.start_byte(),
                ..Default::default()
            })),
            phi: phi.map(Box::new),
            writes: !read_only,
            audit: false,
            calls: (0, 0),
            method_hint: None,
        });
    }

    fn push_receiver_scope(&mut self, receiver: String, pos: usize, what: String) {
        if is_app_name(&receiver) {
            self.facts.scopes.push(AuditScope::Global(what));
        } else {
            self.facts.scopes.push(AuditScope::Receiver {
                receiver,
                pos,
                what,
            });
        }
    }

    /// Whether any identifier or string in a subtree names audit evidence.
    fn mentions_audit(&self, node: Node<'a>) -> bool {
        let mut stack = vec![node];
        let mut budget = 400;
        while let Some(n) = stack.pop() {
            budget -= 1;
            if budget == 0 {
                return false;
            }
            match n.kind() {
                "identifier"
                | "attribute"
                | "member_expression"
                | "scoped_identifier"
                | "type_identifier"
                | "property_identifier"
                | "field_expression"
                | "dotted_name"
                    if self.audit(self.text(n)) =>
                {
                    return true;
                }
                "string" | "string_literal" | "string_fragment"
                    if self.string(n).is_some_and(|s| self.audit(s)) =>
                {
                    return true;
                }
                _ => {}
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        false
    }

    fn py_assignment(&mut self, node: Node<'a>) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let left_text = self.text(left);
        if left_text == "MIDDLEWARE" || left_text == "MIDDLEWARE_CLASSES" {
            let mut c = right.walk();
            for item in right.named_children(&mut c) {
                if let Some(s) = self.string(item) {
                    if self.audit(s) {
                        self.facts
                            .scopes
                            .push(AuditScope::Global("Django `MIDDLEWARE`".into()));
                    } else if let Some((module, class)) = s.rsplit_once('.') {
                        // The project's own middleware: judged by what its class does.
                        if !module.is_empty() && !module.starts_with("django.") {
                            self.facts.scopes.push(AuditScope::MiddlewareClass {
                                module: module.replace('.', "/"),
                                class: class.to_string(),
                            });
                        }
                    }
                }
            }
            return;
        }
        // `router = APIRouter(dependencies=[Depends(audit)])`, `app = FastAPI(...)`.
        if right.kind() == "call" && left.kind() == "identifier" {
            let callee = right.field("function").map_or("", |f| self.text(f));
            if matches!(
                callee,
                "APIRouter" | "FastAPI" | "fastapi.APIRouter" | "fastapi.FastAPI"
            ) && right
                .field("arguments")
                .is_some_and(|a| self.mentions_audit(a))
            {
                let what = format!("`{callee}` dependencies");
                if callee.ends_with("FastAPI") {
                    self.facts.scopes.push(AuditScope::Global(what));
                } else {
                    self.facts.scopes.push(AuditScope::Receiver {
                        receiver: left_text.to_string(),
                        pos: 0,
                        what,
                    });
                }
            }
        }
    }

    fn py_call(&mut self, node: Node<'a>) {
        let Some(callee) = node.field("function") else {
            return;
        };
        let callee_text = self.text(callee);
        let args = node.field("arguments");
        let last = callee_text.rsplit('.').next().unwrap_or(callee_text);
        match last {
            "register" if callee_text.contains("auditlog") || callee_text.contains("reversion") => {
                self.facts
                    .scopes
                    .push(AuditScope::ModelHistory(format!("`{callee_text}`")));
            }
            // `post_save.connect(log_change, sender=Patient)`,
            // `event.listen(Patient, "after_update", log_change)`.
            "connect" | "listen"
                if args.is_some_and(|a| names_write_event(self.text(a)))
                    && (last == "listen" || names_write_event(callee_text)) =>
            {
                let Some(a) = args else { return };
                let mut c = a.walk();
                let positional: Vec<Node<'a>> = a
                    .named_children(&mut c)
                    .filter(|n| n.kind() != "keyword_argument")
                    .collect();
                let handler = if last == "connect" {
                    positional.first()
                } else {
                    positional.get(2)
                };
                if let Some(h) = handler.copied() {
                    self.hook_handler(h, format!("`{callee_text}` model hook"));
                }
            }
            "make_versioned" => {
                self.facts
                    .scopes
                    .push(AuditScope::ModelHistory("`make_versioned`".into()));
            }
            "add_middleware" | "before_request" | "after_request"
                if args.is_some_and(|a| self.mentions_audit(a)) =>
            {
                let receiver = callee_text
                    .rsplit_once('.')
                    .map_or("app", |(r, _)| r)
                    .to_string();
                self.push_receiver_scope(receiver, 0, format!("`{callee_text}`"));
            }
            "include_router" => {
                if let Some(a) = args {
                    let kw_audit = {
                        let mut c = a.walk();
                        let found = a
                            .named_children(&mut c)
                            .any(|k| k.kind() == "keyword_argument" && self.mentions_audit(k));
                        found
                    };
                    if kw_audit {
                        if let Some(r) = a.named_child(0) {
                            let r = self.text(r);
                            let r = r.rsplit('.').next().unwrap_or(r).to_string();
                            self.facts.scopes.push(AuditScope::Receiver {
                                receiver: r,
                                pos: 0,
                                what: "`include_router` dependencies".into(),
                            });
                        }
                    }
                }
            }
            // Django `path("patients/<int:pk>/", views.detail)`, Starlette `Route(p, endpoint)`,
            // Flask `add_url_rule(p, view_func=f)`, FastAPI `add_api_route(p, f)`.
            "path" | "re_path" | "url" | "Route" | "add_url_rule" | "add_api_route" => {
                let Some(a) = args else { return };
                let mut c = a.walk();
                let items: Vec<Node<'a>> = a.named_children(&mut c).collect();
                let route = items
                    .first()
                    .and_then(|n| self.string(*n))
                    .map(str::to_string);
                let Some(route) = route else { return };
                let target = items.iter().skip(1).find_map(|n| {
                    let v = if n.kind() == "keyword_argument" {
                        let k = n.field("name").map_or("", |k| self.text(k));
                        if !matches!(k, "view_func" | "endpoint" | "view") {
                            return None;
                        }
                        n.field("value")?
                    } else {
                        *n
                    };
                    match v.kind() {
                        "identifier" | "attribute" => Some(self.text(v)),
                        // `PatientView.as_view()`
                        "call" => {
                            let f = self.text(v.field("function")?);
                            f.strip_suffix(".as_view")
                                .or(f.strip_suffix(".as_view_func"))
                        }
                        _ => None,
                    }
                });
                let Some(target) = target else { return };
                let (qualifier, name) = match target.rsplit_once('.') {
                    Some((q, n)) => (Some(q.rsplit('.').next().unwrap_or(q).to_string()), n),
                    None => (None, target),
                };
                let framework = if matches!(last, "path" | "re_path" | "url") {
                    "Django"
                } else if last == "Route" {
                    "Starlette"
                } else {
                    "Flask/FastAPI"
                };
                self.facts.routes.push(RouteRef {
                    qualifier,
                    target: name.to_string(),
                    shape: Shape {
                        framework,
                        route: Some(route),
                        pos: node.start_byte(),
                        ..Default::default()
                    },
                });
            }
            _ => {}
        }
    }

    // ---------------------------------------------------------------- ecma

    fn ecma_node(&mut self, node: Node<'a>) {
        match node.kind() {
            "import_statement" => self.js_import(node),
            "variable_declarator" => self.js_require(node),
            "call_expression" => self.js_call(node),
            "function_declaration" | "method_definition" => self.js_function(node),
            "arrow_function" | "function_expression" | "function" => {
                let Some(p) = node.up() else {
                    return;
                };
                // Named by a variable: `const getPatient = async (req, res) => {...}`.
                let (name, decl) = match p.kind() {
                    "variable_declarator" => (p.field("name").map_or("", |n| self.text(n)), p.up()),
                    // CommonJS: `exports.getPatient = async (req, res) => {...}`,
                    // `module.exports.getPatient = function (req, res) {...}`.
                    "assignment_expression" => match p.field("left") {
                        Some(left) if is_commonjs_export(self.text(left)) => {
                            (left.field("property").map_or("", |n| self.text(n)), p.up())
                        }
                        _ => return,
                    },
                    // `module.exports = { getPatient: async (req, res) => {...} }`.
                    "pair" => {
                        let exported = p
                            .up()
                            .filter(|o| o.kind() == "object")
                            .and_then(|o| o.up())
                            .filter(|a| a.kind() == "assignment_expression")
                            .and_then(|a| a.field("left"))
                            .is_some_and(|l| matches!(self.text(l), "module.exports" | "exports"));
                        if !exported {
                            return;
                        }
                        (p.field("key").map_or("", |k| self.text(k)), Some(p))
                    }
                    _ => return,
                };
                // Only top-level functions: tested after the parent's kind, which rules out most
                // callbacks without a function-table lookup.
                if name.is_empty() || self.checker.file.flow.enclosing_function(node).is_some() {
                    return;
                }
                let decl = decl.unwrap_or(p);
                let outer = decl
                    .up()
                    .filter(|e| e.kind() == "export_statement")
                    .unwrap_or(decl);
                self.push_fn(
                    name.to_string(),
                    None,
                    outer,
                    outer,
                    node.field("body"),
                    None,
                    false,
                );
            }
            "pair" => {
                // Nest `{ provide: APP_INTERCEPTOR, useClass: AuditInterceptor }`.
                let key = node.field("key").map_or("", |k| self.text(k));
                // Sequelize model options `hooks: { afterCreate: (record) => audit(...) }`.
                if is_write_hook(key) {
                    let in_hooks = node
                        .parent()
                        .and_then(|o| o.parent())
                        .filter(|p| p.kind() == "pair")
                        .and_then(|p| p.field("key"))
                        .is_some_and(|k| self.text(k) == "hooks");
                    if let (true, Some(v)) = (in_hooks, node.field("value")) {
                        self.hook_handler(v, format!("`{key}` model hook"));
                    }
                    return;
                }
                if matches!(key, "useClass" | "useValue" | "useFactory") {
                    if let Some(obj) = node.up() {
                        let t = self.text(obj);
                        if (t.contains("APP_INTERCEPTOR") || t.contains("APP_GUARD"))
                            && node.field("value").is_some_and(|v| self.mentions_audit(v))
                        {
                            self.facts
                                .scopes
                                .push(AuditScope::Global("`APP_INTERCEPTOR` provider".into()));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn js_import(&mut self, node: Node<'a>) {
        let Some(src) = node.field("source").and_then(|s| self.string(s)) else {
            return;
        };
        let module = if src.starts_with('.') {
            join_relative(&self.facts.module, src)
        } else {
            src.to_string()
        };
        let external = !src.starts_with('.');
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.kind() {
                "import_specifier" => {
                    let name = n.field("name").map_or("", |x| self.text(x));
                    let local = n.field("alias").map_or(name, |x| self.text(x));
                    if external {
                        self.facts.external.push(local.to_string());
                    }
                    self.facts.imports.push(Import {
                        local: local.to_string(),
                        module: module.clone(),
                        name: Some(name.to_string()),
                    });
                    continue;
                }
                "namespace_import" => {
                    if let Some(id) = n.named_child(0) {
                        self.facts.imports.push(Import {
                            local: self.text(id).to_string(),
                            module: module.clone(),
                            name: None,
                        });
                    }
                    continue;
                }
                "identifier" if n.up().is_some_and(|p| p.kind() == "import_clause") => {
                    self.facts.imports.push(Import {
                        local: self.text(n).to_string(),
                        module: module.clone(),
                        name: Some("default".into()),
                    });
                }
                _ => {}
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
    }

    /// `const audit = require('./audit')`, `const { logAccess } = require('../audit')`.
    fn js_require(&mut self, node: Node<'a>) {
        let Some(value) = node.field("value") else {
            return;
        };
        if value.kind() != "call_expression"
            || value.field("function").map(|f| self.text(f)) != Some("require")
        {
            return;
        }
        let Some(src) = value
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .and_then(|s| self.string(s))
        else {
            return;
        };
        let module = if src.starts_with('.') {
            join_relative(&self.facts.module, src)
        } else {
            src.to_string()
        };
        let Some(name) = node.field("name") else {
            return;
        };
        if name.kind() == "identifier" {
            self.facts.imports.push(Import {
                local: self.text(name).to_string(),
                module,
                name: None,
            });
        } else {
            let mut c = name.walk();
            for p in name.named_children(&mut c) {
                let (key, local) = match p.kind() {
                    "shorthand_property_identifier_pattern" => (self.text(p), self.text(p)),
                    "pair_pattern" => (
                        p.field("key").map_or("", |k| self.text(k)),
                        p.field("value").map_or("", |k| self.text(k)),
                    ),
                    _ => continue,
                };
                if !src.starts_with('.') {
                    self.facts.external.push(local.to_string());
                }
                self.facts.imports.push(Import {
                    local: local.to_string(),
                    module: module.clone(),
                    name: Some(key.to_string()),
                });
            }
        }
    }

    fn js_function(&mut self, node: Node<'a>) {
        let name = node.field("name").map_or("", |n| self.text(n)).to_string();
        if self.checker.file.flow.enclosing_function(node).is_some() {
            return;
        }
        let class_node = enclosing_class(node);
        let class = class_node
            .and_then(|c| c.field("name"))
            .map(|n| self.text(n).to_string());
        let mut outer = node;
        if let Some(p) = node.up().filter(|p| p.kind() == "export_statement") {
            outer = p;
        }
        let mut shape = None;
        let mut decorator_audit = false;
        // TypeORM entity listeners (`@AfterInsert() logInsert()`) and subscribers
        // (`afterUpdate(event)`) that write an audit record: model history.
        if node.kind() == "method_definition" {
            let listener = is_write_hook(&name)
                || decorators_of(node)
                    .into_iter()
                    .any(|d| is_write_hook(self.decorator_parts(d).0));
            if listener && node.field("body").is_some_and(|b| self.analyse_body(b).1) {
                self.facts.scopes.push(AuditScope::ModelHistory(format!(
                    "`{name}` entity listener"
                )));
            }
        }
        // NestJS: `@Get(':id')` on a method of a `@Controller('patients')` class.
        if node.kind() == "method_definition" {
            let decorators = decorators_of(node);
            if let Some(first) = decorators.first() {
                outer = *first;
            }
            for d in &decorators {
                let (dname, arg) = self.decorator_parts(*d);
                if self.audit(dname) {
                    decorator_audit = true;
                }
                if (dname == "UseInterceptors" || dname == "UseGuards") && self.mentions_audit(*d) {
                    decorator_audit = true;
                }
                if let Some(m) = ["Get", "Post", "Put", "Patch", "Delete", "All"]
                    .iter()
                    .find(|m| **m == dname)
                {
                    let base = class_node.and_then(|c| self.controller_path(c));
                    if let Some(base) = base {
                        let route = format!("{}/{}", base, arg.unwrap_or(""));
                        shape = Some(Shape {
                            framework: "NestJS",
                            route: Some(route),
                            method: method_of(m),
                            receiver: None,
                            pos: node.start_byte(),
                            covered: false,
                        });
                    }
                }
            }
            if shape.is_some() {
                if let Some(cls) = class_node {
                    for d in decorators_of(cls) {
                        let (dname, _) = self.decorator_parts(d);
                        if self.audit(dname)
                            || (matches!(dname, "UseInterceptors" | "UseGuards")
                                && self.mentions_audit(d))
                        {
                            if let Some(s) = shape.as_mut() {
                                s.covered = true;
                            }
                        }
                    }
                }
            }
        }
        let body = node.field("body");
        self.push_fn(name, class, outer, node, body, shape, decorator_audit);
        if let Some(f) = self.facts.functions.last_mut() {
            // The site spans from the first decorator (or export) to the end of the function.
            let _ = f;
        }
    }

    fn decorator_parts(&self, d: Node<'a>) -> (&'a str, Option<&'a str>) {
        let Some(expr) = d.named_child(0) else {
            return ("", None);
        };
        if expr.kind() == "call_expression" {
            let f = expr.field("function").map_or("", |f| self.text(f));
            let arg = expr
                .field("arguments")
                .and_then(|a| a.named_child(0))
                .and_then(|a| self.string(a));
            (f, arg)
        } else {
            (self.text(expr), None)
        }
    }

    fn controller_path(&self, cls: Node<'a>) -> Option<String> {
        for d in decorators_of(cls) {
            let (name, arg) = self.decorator_parts(d);
            if name == "Controller" {
                return Some(format!("/{}", arg.unwrap_or("").trim_matches('/')));
            }
        }
        None
    }

    fn js_call(&mut self, node: Node<'a>) {
        let Some(callee) = node.field("function") else {
            return;
        };
        if callee.kind() != "member_expression" {
            return;
        }
        let Some(method) = callee.field("property").map(|p| self.text(p)) else {
            return;
        };
        let Some(object) = callee.field("object") else {
            return;
        };
        let Some(args) = node.field("arguments") else {
            return;
        };
        let mut c = args.walk();
        let items: Vec<Node<'a>> = args.named_children(&mut c).collect();
        // ORM hooks on writes: Sequelize `Patient.addHook("afterCreate", fn)` and
        // `Patient.afterUpdate(fn)`, Mongoose `schema.post("save", fn)`.
        let first_string = items.first().and_then(|n| self.string(*n));
        let hook = match method {
            "addHook" => first_string
                .filter(|h| is_write_hook(h))
                .map(|_| items.get(1)),
            m if is_write_hook(m) => Some(items.first()),
            "post" | "pre" => first_string
                .filter(|h| is_mongoose_write_hook(h))
                .map(|_| items.get(1)),
            _ => None,
        };
        if let Some(Some(handler)) = hook {
            let what = format!("`{}` model hook", self.text(callee));
            self.hook_handler(*handler, what);
            return;
        }
        // The receiver: `router`, `app`, `this.app`, or `router.route('/p')` (path inside).
        let (receiver, inner_path) = match object.kind() {
            "identifier" => (Some(self.text(object).to_string()), None),
            "member_expression" => (
                object.field("property").map(|p| self.text(p).to_string()),
                None,
            ),
            "call_expression" => {
                let f = object.field("function");
                let is_route = f
                    .and_then(|f| f.field("property"))
                    .is_some_and(|p| self.text(p) == "route");
                if is_route {
                    // Only a route's receiver is read: the object of every link of a long
                    // method chain is the rest of the chain, and copying it at each link was
                    // quadratic (the fuzzer's 80,000-link `.then(r => r)` chain).
                    let r = f
                        .and_then(|f| f.field("object"))
                        .map(|o| self.text(o))
                        .filter(|t| t.len() <= MAX_RECEIVER_TEXT)
                        .map(str::to_string);
                    let p = object
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                        .and_then(|a| self.string(a))
                        .map(str::to_string);
                    (r, p)
                } else {
                    (None, None)
                }
            }
            _ => (None, None),
        };
        let Some(receiver) = receiver else { return };
        match method {
            "use"
            | "useGlobalInterceptors"
            | "useGlobalGuards"
            | "apply"
            | "addHook"
            | "register" => {
                if method == "use" {
                    self.js_mount(&items);
                }
                let audited = items.iter().any(|a| self.js_arg_audits(*a));
                if audited {
                    let what = format!("`{receiver}.{method}(...)`");
                    if method == "useGlobalInterceptors" || method == "apply" {
                        self.facts.scopes.push(AuditScope::Global(what));
                    } else {
                        self.push_receiver_scope(receiver, node.start_byte(), what);
                    }
                }
            }
            "route" if items.first().is_some_and(|i| i.kind() == "object") => {
                // Fastify `fastify.route({ method, url, handler, preHandler })`.
                let obj = items[0];
                let mut route = None;
                let mut method = None;
                let mut handler = None;
                let mut covered = false;
                let mut c = obj.walk();
                for pair in obj.named_children(&mut c) {
                    let key = pair.field("key").map_or("", |k| self.text(k));
                    let Some(v) = pair.field("value") else {
                        continue;
                    };
                    match key {
                        "url" | "path" => route = self.string(v).map(str::to_string),
                        "method" => method = self.string(v).map(|m| m.to_uppercase()),
                        "handler" => handler = Some(v),
                        "onRequest" | "preHandler" | "onResponse" | "preValidation" => {
                            covered |= self.js_arg_audits(v)
                        }
                        _ => {}
                    }
                }
                if let (Some(route), Some(h)) = (route, handler) {
                    let shape = Shape {
                        framework: "Fastify",
                        route: Some(route),
                        method,
                        receiver: Some(receiver),
                        pos: node.start_byte(),
                        covered,
                    };
                    self.js_handler_arg(node, h, shape);
                }
            }
            m if HTTP_METHODS.contains(&m) || m == "del" => {
                let (route, rest) = match inner_path {
                    Some(p) => (Some(p), &items[..]),
                    None => (
                        items
                            .first()
                            .and_then(|a| self.string(*a))
                            .filter(|r| r.starts_with('/') || *r == "*")
                            .map(str::to_string),
                        items.get(1..).unwrap_or(&[]),
                    ),
                };
                let Some(route) = route else { return };
                let Some((handler, middleware)) = rest.split_last() else {
                    return;
                };
                if !matches!(
                    handler.kind(),
                    "identifier"
                        | "member_expression"
                        | "arrow_function"
                        | "function_expression"
                        | "function"
                        | "call_expression"
                ) {
                    return;
                }
                let mut covered = middleware.iter().any(|a| self.js_arg_audits(*a));
                // Fastify route options `{ preHandler: audit }`, or `onRequest: [audit]`.
                covered |= middleware
                    .iter()
                    .any(|a| a.kind() == "object" && self.mentions_audit(*a));
                let framework = if receiver.to_lowercase().contains("fastify") {
                    "Fastify"
                } else {
                    "Express/Koa"
                };
                let shape = Shape {
                    framework,
                    route: Some(route),
                    method: method_of(m),
                    receiver: Some(receiver),
                    pos: node.start_byte(),
                    covered,
                };
                self.js_handler_arg(node, *handler, shape);
            }
            _ => {}
        }
    }

    /// `app.use('/api/patients', require('./routes/patients'))`, `app.use('/patients', router)`.
    fn js_mount(&mut self, items: &[Node<'a>]) {
        let Some(prefix) = items.first().and_then(|a| self.string(*a)) else {
            return;
        };
        if !prefix.starts_with('/') {
            return;
        }
        for arg in &items[1..] {
            match arg.kind() {
                "identifier" => self.facts.mounts.push(Mount {
                    prefix: prefix.to_string(),
                    module: None,
                    local: Some(self.text(*arg).to_string()),
                }),
                "call_expression"
                    if arg.field("function").map(|f| self.text(f)) == Some("require") =>
                {
                    if let Some(src) = arg
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                        .and_then(|s| self.string(s))
                        .filter(|s| s.starts_with('.'))
                    {
                        let module = join_relative(&self.facts.module, src);
                        self.facts.mounts.push(Mount {
                            prefix: prefix.to_string(),
                            module: Some(module),
                            local: None,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    /// Records the handler argument of a route call: an inline function, a name, or a wrapper
    /// call (`withAudit(getPatient)` covers it).
    fn js_handler_arg(&mut self, call: Node<'a>, handler: Node<'a>, mut shape: Shape) {
        match handler.kind() {
            "arrow_function" | "function_expression" | "function" => {
                self.push_fn(
                    "<handler>".into(),
                    None,
                    call,
                    call,
                    handler.field("body"),
                    Some(shape),
                    false,
                );
            }
            "identifier" | "member_expression" => {
                let t = self.text(handler);
                let (qualifier, target) = match t.rsplit_once('.') {
                    Some((q, n)) => (Some(q.rsplit('.').next().unwrap_or(q).to_string()), n),
                    None => (None, t),
                };
                self.facts.routes.push(RouteRef {
                    qualifier: qualifier.filter(|q| q != "this"),
                    target: target.to_string(),
                    shape,
                });
            }
            "call_expression" => {
                let f = handler.field("function").map_or("", |f| self.text(f));
                if self.audit(f) {
                    shape.covered = true;
                }
                if let Some(inner) = handler.field("arguments").and_then(|a| a.named_child(0)) {
                    self.js_handler_arg(call, inner, shape);
                }
            }
            _ => {}
        }
    }

    /// Whether a middleware argument is audit: a name, a call to an audit factory, or an
    /// inline function that calls audit.
    fn js_arg_audits(&self, arg: Node<'a>) -> bool {
        match arg.kind() {
            "arrow_function" | "function_expression" | "function" => {
                arg.field("body").is_some_and(|b| self.analyse_body(b).1)
            }
            "string" => false,
            _ => self.mentions_audit(arg),
        }
    }

    /// Next.js: `pages/api/**` default exports and `app/**/route.ts` method exports.
    fn nextjs(&mut self) {
        let path = self.checker.file.path;
        let module = self.facts.module.clone();
        let route = if let Some(i) = module.find("pages/api/") {
            Some((format!("/api/{}", &module[i + "pages/api/".len()..]), true))
        } else if module.ends_with("/route")
            && (module.starts_with("app/") || module.contains("/app/"))
        {
            let i = module.rfind("app/").unwrap_or(0);
            Some((
                format!("/{}", &module[i + 4..module.len() - "/route".len()]),
                false,
            ))
        } else {
            None
        };
        let Some((route, pages)) = route else {
            // `middleware.ts` / `proxy.ts` at the root: weak evidence for every route.
            let base = path.rsplit('/').next().unwrap_or(path);
            if (base.starts_with("middleware.") || base.starts_with("proxy."))
                && self.facts.functions.iter().any(|f| f.audit)
            {
                self.facts
                    .scopes
                    .push(AuditScope::Global("Next.js middleware".into()));
            }
            return;
        };
        let root = self.checker.file.tree.root_node();
        let mut c = root.walk();
        for stmt in root.named_children(&mut c) {
            if stmt.kind() != "export_statement" {
                continue;
            }
            // App router: `export const GET = withAudit("cycle.read", async (req, ctx) => {...})`,
            // a handler defined inline in a wrapper's call, covered when the wrapper audits.
            if !pages {
                self.next_wrapped_handlers(stmt, &route);
            }
            let t = self.text(stmt);
            if pages && t.starts_with("export default") {
                // `export default withAudit(handler)`.
                if let Some(v) = stmt.field("value") {
                    if v.kind() == "call_expression" {
                        let f = v.field("function").map_or("", |f| self.text(f));
                        let wrapped_default = self.audit(f);
                        if let Some(inner) = v.field("arguments").and_then(|a| a.named_child(0)) {
                            let name = self.text(inner).to_string();
                            if let Some(f) =
                                self.facts.functions.iter_mut().find(|f| f.name == name)
                            {
                                f.handler = Some(Box::new(Shape {
                                    framework: "Next.js",
                                    route: Some(route.clone()),
                                    covered: wrapped_default,
                                    ..Default::default()
                                }));
                            }
                        }
                        continue;
                    }
                }
            }
        }
        for f in self.facts.functions.iter_mut() {
            let exported_default = pages
                && self.checker.file.source[f.site.start.byte as usize
                    ..(f.site.end.byte as usize).min(self.checker.file.source.len())]
                    .starts_with("export default");
            let method = (!pages
                && ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(&f.name))
            .then(|| f.name.to_string());
            if f.handler.is_none() && (exported_default || method.is_some()) {
                f.handler = Some(Box::new(Shape {
                    framework: "Next.js",
                    route: Some(route.clone()),
                    method,
                    ..Default::default()
                }));
            }
        }
    }

    /// The handlers an app router `export const METHOD = wrapper(..., async (req) => {...})`
    /// statement defines: the inline function, named by the method, covered when the wrapper's
    /// name says it audits (its body is not followed: a wrapper that audits under another name
    /// is not recognised).
    fn next_wrapped_handlers(&mut self, stmt: Node<'a>, route: &str) {
        let Some(decl) = stmt
            .field("declaration")
            .filter(|d| d.kind() == "lexical_declaration")
        else {
            return;
        };
        let mut dc = decl.walk();
        let declarators: Vec<Node<'a>> = decl
            .named_children(&mut dc)
            .filter(|d| d.kind() == "variable_declarator")
            .collect();
        for d in declarators {
            let name = d.field("name").map_or("", |n| self.text(n));
            if !["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(&name) {
                continue;
            }
            let Some(call) = d.field("value").filter(|v| v.kind() == "call_expression") else {
                continue;
            };
            let callee = call.field("function").map_or("", |f| self.text(f));
            let Some(args) = call.field("arguments") else {
                continue;
            };
            let mut ac = args.walk();
            let inner = args.named_children(&mut ac).find(|a| {
                matches!(
                    a.kind(),
                    "arrow_function" | "function_expression" | "function"
                )
            });
            let Some(inner) = inner else {
                continue;
            };
            let covered = self.audit(callee);
            self.push_fn(
                name.to_string(),
                None,
                stmt,
                stmt,
                inner.field("body"),
                Some(Shape {
                    framework: "Next.js",
                    route: Some(route.to_string()),
                    method: Some(name.to_string()),
                    covered,
                    ..Default::default()
                }),
                false,
            );
        }
    }

    // ---------------------------------------------------------------- rust

    fn rust_node(&mut self, node: Node<'a>) {
        match node.kind() {
            "function_item" => self.rs_function(node),
            "use_declaration" => {
                let t = self.text(node);
                let path = t
                    .trim_start_matches("pub ")
                    .trim_start_matches("use ")
                    .trim_end_matches(';')
                    .trim();
                // Names used from another crate: `use clinic_auth::{authorize::authorize_post}`.
                let first = path.split("::").next().unwrap_or("");
                if !matches!(first, "crate" | "self" | "super" | "std" | "core" | "alloc")
                    && path.contains("::")
                    && path.len() < 4000
                {
                    let names = path
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty() && *w != first && *w != "as");
                    for name in names {
                        self.facts.external.push(name.to_string());
                    }
                }
                if path.contains('{') {
                    return;
                }
                let path = path
                    .trim_start_matches("crate::")
                    .trim_start_matches("super::")
                    .trim_start_matches("self::");
                if let Some((module, name)) = path.rsplit_once("::") {
                    let (name, local) = match name.split_once(" as ") {
                        Some((n, l)) => (n.trim(), l.trim()),
                        None => (name, name),
                    };
                    self.facts.imports.push(Import {
                        local: local.to_string(),
                        module: module.replace("::", "/"),
                        name: Some(name.to_string()),
                    });
                }
            }
            "call_expression" => self.rs_call(node),
            _ => {}
        }
    }

    fn rs_function(&mut self, func: Node<'a>) {
        if self.checker.file.flow.enclosing_function(func).is_some() {
            return;
        }
        let name = func.field("name").map_or("", |n| self.text(n)).to_string();
        let attrs = crate::tree::rust_attributes(func);
        let outer = attrs.last().copied().unwrap_or(func);
        let mut shape = None;
        let mut decorator_audit = false;
        for a in &attrs {
            let Some(attr) = a.named_child(0) else {
                continue;
            };
            let path = attr.named_child(0).map_or("", |p| self.text(p));
            let last = path.rsplit("::").next().unwrap_or(path);
            if self.audit(path) {
                decorator_audit = true;
            }
            if HTTP_METHODS.contains(&last) || last == "route" {
                let route = attr
                    .field("arguments")
                    .and_then(|tt| {
                        let mut c = tt.walk();
                        let s = tt
                            .named_children(&mut c)
                            .find(|n| n.kind() == "string_literal");
                        s
                    })
                    .and_then(|s| self.string(s))
                    .map(str::to_string);
                let src = self.checker.file.source;
                shape = Some(Shape {
                    framework: if src.contains("rocket") {
                        "Rocket"
                    } else {
                        "actix-web"
                    },
                    route,
                    method: method_of(last),
                    pos: outer.start_byte(),
                    ..Default::default()
                });
            }
        }
        // Rocket request guards / axum extractors named like audit: `_audit: AuditCtx`.
        if let Some(params) = func.field("parameters") {
            if self.mentions_audit(params) {
                if let Some(s) = shape.as_mut() {
                    s.covered = true;
                } else {
                    decorator_audit = true;
                }
            }
        }
        let class = enclosing_impl(func).map(|t| self.text(t).to_string());
        let body = func.field("body");
        self.push_fn(name, class, outer, func, body, shape, decorator_audit);
    }

    fn rs_call(&mut self, node: Node<'a>) {
        let Some(f) = node.field("function") else {
            return;
        };
        let args = node.field("arguments");
        let (method, chain_call) = match f.kind() {
            "field_expression" => (f.field("field").map_or("", |x| self.text(x)), true),
            "identifier" | "scoped_identifier" => {
                let t = self.text(f);
                (t.rsplit("::").next().unwrap_or(t), false)
            }
            _ => return,
        };
        let chain = self.chain_root(node);
        // Position of the method name: every call of a chain starts at the chain's start.
        let mpos = if chain_call {
            f.field("field")
                .map_or(node.start_byte(), |x| x.start_byte())
        } else {
            node.start_byte()
        };
        match (method, chain_call) {
            ("layer" | "route_layer" | "wrap" | "wrap_fn" | "attach" | "fairing", true) => {
                let Some(a) = args else { return };
                let text = self.text(a);
                if text.contains("TraceLayer") && !self.mentions_audit(a) {
                    return;
                }
                let audited = self.mentions_audit(a)
                    || (self.checker.file.settings.audit.accept_app_logs
                        && text.contains("Logger"));
                if !audited {
                    return;
                }
                if method == "attach" {
                    self.facts
                        .scopes
                        .push(AuditScope::Global("Rocket fairing".into()));
                    return;
                }
                let before = if method.starts_with("wrap") {
                    chain.end_byte()
                } else {
                    mpos
                };
                // `router.layer(audit)` on a router variable built up earlier in the function
                // (`let mut router = Router::new().nest("/patients", patient_routes)`, where
                // `patient_routes` was built a few statements before): an axum layer wraps every
                // route the router holds, so it covers the routes registered earlier in the same
                // function, not only the ones in its own chain. A chain that starts with
                // `Router::new()` is a fresh router and covers only itself.
                let from_variable = *self
                    .chain_from_variable
                    .entry(chain.id())
                    .or_insert_with(|| chain_starts_with_variable(chain));
                let start = if method != "wrap" && from_variable {
                    self.checker
                        .file
                        .flow
                        .enclosing_function(node)
                        .map_or(chain.start_byte(), |f| f.start_byte())
                } else {
                    chain.start_byte()
                };
                self.facts.scopes.push(AuditScope::Chain {
                    start,
                    end: chain.end_byte(),
                    before,
                });
            }
            // axum `.route("/p", get(h).post(h2))`, actix `.route("/p", web::get().to(h))`.
            ("route", true) => {
                let Some(a) = args else { return };
                let route = a
                    .named_child(0)
                    .and_then(|r| self.string(r))
                    .map(str::to_string);
                if let Some(r) = a.named_child(1) {
                    self.rs_method_router(r, route, mpos);
                }
            }
            ("service", true) => {
                if let Some(target) = args.and_then(|a| a.named_child(0)) {
                    if matches!(target.kind(), "identifier" | "scoped_identifier") {
                        let t = self.text(target);
                        self.facts.routes.push(RouteRef {
                            qualifier: None,
                            target: t.rsplit("::").next().unwrap_or(t).to_string(),
                            shape: Shape {
                                framework: "actix-web",
                                pos: mpos,
                                ..Default::default()
                            },
                        });
                    }
                }
            }
            ("to", true) => {
                // `web::resource("/p").route(web::get().to(h))` handled via `route`; a bare
                // `.to(h)` elsewhere (`web::get().to(h)` in `App::route`) is covered there.
            }
            _ => {}
        }
    }

    /// The handlers of an axum `MethodRouter` or actix `Route` expression.
    fn rs_method_router(&mut self, expr: Node<'a>, route: Option<String>, pos: usize) {
        let mut stack = vec![expr];
        while let Some(n) = stack.pop() {
            if n.kind() == "call_expression" {
                let f = n.field("function");
                let name = f.map_or("", |f| match f.kind() {
                    "field_expression" => f.field("field").map_or("", |x| self.text(x)),
                    _ => {
                        let t = self.text(f);
                        t.rsplit("::").next().unwrap_or(t)
                    }
                });
                let is_axum = HTTP_METHODS.contains(&name) || name == "any";
                if is_axum || name == "to" {
                    if let Some(h) = n
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                        .filter(|h| matches!(h.kind(), "identifier" | "scoped_identifier"))
                    {
                        let t = self.text(h);
                        let method = if is_axum {
                            method_of(name)
                        } else {
                            // `web::get().to(h)`: the method is the receiver call.
                            f.and_then(|f| f.field("value"))
                                .map(|v| self.text(v))
                                .and_then(|v| {
                                    let v = v.trim_end_matches("()");
                                    method_of(v.rsplit("::").next().unwrap_or(v))
                                })
                        };
                        self.facts.routes.push(RouteRef {
                            qualifier: None,
                            target: t.rsplit("::").next().unwrap_or(t).to_string(),
                            shape: Shape {
                                framework: if is_axum { "axum" } else { "actix-web" },
                                route: route.clone(),
                                method,
                                pos,
                                ..Default::default()
                            },
                        });
                    }
                }
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
    }
}

/// Whether an assignment target names a CommonJS export of one function (`exports.getPatient`,
/// `module.exports.getPatient`).
/// Whether text names a model write signal or event: Django `post_save`, `post_delete`,
/// `pre_save`, `pre_delete`, `m2m_changed`; SQLAlchemy `after_insert`, `after_update`,
/// `after_delete`, `before_*`.
fn names_write_event(text: &str) -> bool {
    [
        "post_save",
        "post_delete",
        "pre_save",
        "pre_delete",
        "m2m_changed",
        "after_insert",
        "after_update",
        "after_delete",
        "before_insert",
        "before_update",
        "before_delete",
    ]
    .iter()
    .any(|e| text.contains(e))
}

/// Sequelize and TypeORM hooks run on model writes (`afterCreate`, `afterBulkUpdate`,
/// `afterDestroy`, `afterInsert`, `afterRemove`).
fn is_write_hook(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("after") else {
        return false;
    };
    let rest = rest.strip_prefix("Bulk").unwrap_or(rest);
    matches!(
        rest,
        "Create" | "Update" | "Destroy" | "Save" | "Upsert" | "Insert" | "Remove" | "SoftRemove"
    )
}

/// Mongoose document and query middleware names that write (`save`, `updateOne`,
/// `findOneAndUpdate`, `deleteOne`).
fn is_mongoose_write_hook(name: &str) -> bool {
    matches!(
        name,
        "save"
            | "updateOne"
            | "updateMany"
            | "findOneAndUpdate"
            | "findOneAndDelete"
            | "findOneAndRemove"
            | "deleteOne"
            | "deleteMany"
            | "remove"
            | "insertMany"
    )
}

/// Whether a name is written like a class (`DataAccessGrant`, `Patient`), not a variable.
fn is_class_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(char::is_lowercase)
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The model of a form or serializer class name (`MedicalRecordForm` → `MedicalRecord`).
fn model_of_form(form: &str) -> Option<&str> {
    ["ModelForm", "Form", "Serializer"]
        .iter()
        .find_map(|suffix| form.strip_suffix(suffix))
        .filter(|m| !m.is_empty())
}

/// The class a field is declared or constructed as, found in the source text: `private readonly
/// patients: PatientsService` (a TypeScript parameter property or typed field) or `self.repo =
/// PatientRepository(db)` (Python). At most 64 occurrences of the field's name are looked at.
fn field_class_in<'s>(source: &'s str, field: &str) -> Option<&'s str> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    for (at, _) in source.match_indices(field).take(64) {
        let end = at + field.len();
        if source[..at].ends_with(is_ident) || source[end..].starts_with(is_ident) {
            continue;
        }
        let rest = source[end..].trim_start_matches([' ', '\t', '?', '!']);
        let (class_text, typed) = if let Some(r) = rest.strip_prefix(':') {
            // `patients: PatientsService`
            (r, true)
        } else if source[..at].ends_with("self.") {
            // `self.repo = PatientRepository(`
            match rest.strip_prefix('=') {
                Some(r) if !r.starts_with('=') => (r, false),
                _ => continue,
            }
        } else {
            continue;
        };
        let class_text = class_text.trim_start();
        let len = class_text
            .find(|c: char| !is_ident(c))
            .unwrap_or(class_text.len());
        let class = &class_text[..len];
        if class.starts_with(char::is_uppercase)
            && (typed || class_text[len..].trim_start().starts_with('('))
        {
            return Some(class);
        }
    }
    None
}

/// Whether a declared type is a scalar that can only hold a reference or an id (`String`,
/// `Option<String>`, `&str`, `Uuid`, `i64`, `string`, `str | None`, `Optional[str]`, a
/// `PatientId` newtype), not a record.
fn is_scalar_type(ty: &str) -> bool {
    let t = ty.trim_start_matches(':').trim();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "Option" | "Optional" | "None" | "null" | "undefined" | "static" | "a"
            )
        })
        .collect();
    words.len() == 1 && {
        let w = words[0];
        matches!(
            w.to_ascii_lowercase().as_str(),
            "string"
                | "str"
                | "uuid"
                | "i32"
                | "i64"
                | "u32"
                | "u64"
                | "usize"
                | "int"
                | "number"
                | "bigint"
        ) || (w.len() > 2 && w.ends_with("Id"))
    }
}

/// Whether a field name is a surrogate key (`id`, `_id`, `pk`, `uuid`).
/// A surrogate key column: `id`, `pk`, or one named for the record it keys (`label_id`,
/// `patientId`): a projection of those reads which records exist, not what they hold.
fn is_id_field(name: &str) -> bool {
    matches!(name, "id" | "_id" | "pk" | "uuid" | "guid") || crate::phi::names_a_surrogate_id(name)
}

/// Whether a class is request middleware: named so (`RequestLogMiddleware`) or built on
/// Django's `MiddlewareMixin`.
fn is_middleware_class(name: &str, bases: &str) -> bool {
    name.ends_with("Middleware") || bases.contains("MiddlewareMixin")
}

fn is_commonjs_export(target: &str) -> bool {
    target
        .strip_prefix("module.")
        .unwrap_or(target)
        .strip_prefix("exports.")
        .is_some_and(|name| !name.is_empty() && !name.contains('.'))
}

/// Whether a route path names a PHI container or FHIR resource.
pub fn route_is_phi(vocab: &crate::phi::Vocabulary, route: &str) -> bool {
    route
        .split(['/', '.', '?', '&', '='])
        .filter(|s| !s.is_empty() && !s.starts_with([':', '<', '{', '[', '$']))
        .any(|seg| vocab.names_record(seg))
}

/// App-like receivers: middleware registered on them reaches every route of the project.
fn is_app_name(receiver: &str) -> bool {
    matches!(
        receiver,
        "app" | "application" | "server" | "fastify" | "api" | "App"
    )
}

fn enclosing_class(node: Node<'_>) -> Option<Node<'_>> {
    let mut n = node.up();
    while let Some(p) = n {
        if matches!(p.kind(), "class_definition" | "class_declaration" | "class") {
            return Some(p);
        }
        if crate::flow::is_function(p.kind()) {
            return None;
        }
        n = p.up();
    }
    None
}

fn enclosing_impl(node: Node<'_>) -> Option<Node<'_>> {
    let mut n = node.up();
    while let Some(p) = n {
        if p.kind() == "impl_item" {
            return p.field("type");
        }
        n = p.up();
    }
    None
}

/// Decorators of a TS method or class (children, or preceding siblings in a class body).
fn decorators_of(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut c = node.walk();
    out.extend(node.children(&mut c).filter(|n| n.kind() == "decorator"));
    let mut prev = node.prev_named_sibling();
    while let Some(p) = prev {
        if p.kind() != "decorator" {
            break;
        }
        out.insert(0, p);
        prev = p.prev_named_sibling();
    }
    if out.is_empty() {
        if let Some(parent) = node.up().filter(|p| p.kind() == "export_statement") {
            let mut c = parent.walk();
            out.extend(parent.children(&mut c).filter(|n| n.kind() == "decorator"));
        }
    }
    out
}

/// Whether `node` continues a Rust method chain upwards.
/// Whether the method chain `chain` (`router.layer(a).layer(b)`) starts from a variable
/// rather than a constructor call (`Router::new()`, `App::new()`).
fn chain_starts_with_variable(chain: Node<'_>) -> bool {
    let mut cur = chain;
    for _ in 0..1_000_000 {
        let next = match cur.kind() {
            "call_expression" => cur.field("function"),
            "field_expression" => cur.field("value"),
            "identifier" | "self" => return true,
            _ => return false,
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    false
}

fn is_chain_link(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "field_expression" | "call_expression" | "try_expression" | "await_expression"
    )
}

#[cfg(test)]
mod tests {
    use super::Collector;
    use crate::engine::{Checker, FileCtx};
    use crate::settings::Settings;

    /// `DISPATCHED` must name every kind `python_node`, `ecma_node` and `rust_node` act on, and
    /// `BODY_KINDS` every kind `analyse_body` acts on: on every fixture, looking at only those
    /// kinds gives the same facts as looking at every node.
    #[test]
    fn dispatched_kinds_cover_every_kind_the_collector_acts_on() {
        let settings = Settings::default_settings();
        let rule =
            &crate::rules::missing_audit::phi_handler_without_audit::PHI_HANDLER_WITHOUT_AUDIT;
        let mut checked = 0;
        crate::tree::for_each_fixture(|path, lang, source, tree| {
            let rel = path.display().to_string();
            let facts = |only_dispatched: bool| {
                let ctx = FileCtx::new(&rel, lang, source, tree, &settings);
                let checker = Checker::new(&ctx, rule);
                let facts = Collector::new(&checker).run_over(tree.root_node(), only_dispatched);
                format!("{facts:?}")
            };
            let (filtered, all) = (facts(true), facts(false));
            assert_eq!(filtered, all, "{rel}");
            checked += usize::from(all.contains("FnFact"));
        });
        assert!(checked > 50, "{checked}");
    }

    /// Every function of a repository keeps one record until the join (121 k records for
    /// 52 MB of code), so its size is peak memory. Grow it only with a reason.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn function_records_stay_small() {
        let (site, func) = (
            std::mem::size_of::<super::FnSite>(),
            std::mem::size_of::<super::FnFact>(),
        );
        eprintln!("FnSite {site} B, FnFact {func} B");
        assert!(site <= 40, "FnSite is {site} bytes");
        assert!(func <= 104, "FnFact is {func} bytes");
    }
}
