//! PHI401 phi-handler-without-audit.

use crate::tree::NodeExt;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::facts::{AuditScope, Call, Collector, FileFacts, FnFact, Shape, StoredFacts};
use super::lowercase_words;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::{Checker, Match, ProjectFacts};
use crate::rules::{Confidence, Level};
use crate::spill::Store;

declare_rule! {
    /// ## What it does
    /// Flags request handlers that read or change PHI when no audit evidence reaches them. A
    /// handler touches PHI when it queries or writes a PHI model (`Patient.objects.get`,
    /// `prisma.patient.findMany`), reads PHI fields, returns PHI, or its route path names a PHI
    /// container (`/patients`, `/fhir/Patient`). Beside handlers of its own file that audit one
    /// by one, a thin handler touches the PHI of the function it hands the request to
    /// (`return this.referrals.summarize(id)` where `summarize` reads `referral.patientName`).
    /// Audit evidence is an audit call in the handler
    /// or in a function it calls, up to five calls down (resolved in the same file or through
    /// imports), an audit
    /// decorator or wrapper, audit middleware, hooks, interceptors, layers or fairings on its
    /// router or app, Django `MIDDLEWARE` from audit libraries, or, for handlers that only write,
    /// model-level history (django-auditlog, simple-history, reversion, SQLAlchemy-Continuum).
    /// Handlers are recognised in Flask, Django, Django REST framework, FastAPI/Starlette,
    /// Express, Koa, Fastify, NestJS, Next.js, axum, actix-web and Rocket.
    ///
    /// Audit evidence is judged by what code does, not only by its name:
    /// - a Django `MIDDLEWARE` entry naming a class of the application counts when one of the
    ///   class's methods writes an audit record, or logs the request's user together with its
    ///   path or method (an access log of every request);
    /// - model write hooks that audit are model history: Django signal receivers
    ///   (`@receiver(post_save, sender=Patient)`, `post_save.connect(fn)`), SQLAlchemy event
    ///   listeners, Sequelize hooks (`hooks: { afterCreate }`, `addHook`), Mongoose
    ///   `schema.post("save", fn)`, TypeORM `@AfterInsert` listeners and subscribers, and
    ///   database triggers created from migration code that write an audit or history table;
    /// - a handler belongs to the application whose router mounts it: the handlers of a library
    ///   crate or package (a Cargo workspace member) routed by the server's router share the
    ///   server's audit.
    ///
    /// PHI evidence is a PHI value read, returned or written. Not evidence: a query of a model
    /// whose own fields hold no PHI (a consent grant made of foreign keys and dates), existence
    /// checks and id-only projections (`.exists()`, `.count()`,
    /// `findByPk(id, { attributes: ['id'] })`, `.values_list('id')`, `select: { id: true }`),
    /// a field declared in the same file as a scalar reference (`patient: Option<String>`), a
    /// route path word or a constant name.
    ///
    /// Confidence says how visible the deviation is: a handler beside handlers of its own file
    /// that audit one by one is high or medium confidence; one beside a router's audit layer is
    /// medium; one whose only audited peers are in other files, or in an application whose
    /// mechanism is middleware this analysis may not see mounted, is low (shown with
    /// `--min-confidence low`). An application with no audit at all gets one finding.
    ///
    /// ## Why is this bad?
    /// The audit controls standard (45 CFR 164.312(b)) requires a record of every access to and
    /// change of ePHI, and information system activity review (164.308(a)(1)(ii)(D)) needs those
    /// records to be structured and retrievable. A handler that serves PHI without one leaves no
    /// trace of who saw which patient; model change history does not record reads.
    ///
    /// ## Example
    /// ```python
    /// @app.get("/patients/<int:pk>")
    /// def get_patient(pk):
    ///     patient = Patient.query.get_or_404(pk)
    ///     return jsonify(patient.to_dict())
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// @app.get("/patients/<int:pk>")
    /// def get_patient(pk):
    ///     patient = Patient.query.get_or_404(pk)
    ///     audit_log("patient.read", actor=current_user.id, patient_ref=patient.id)
    ///     return jsonify(patient.to_dict())
    /// ```
    ///
    /// ## Known limitations
    /// Callees are followed one level for PHI (five for audit) and only when they resolve by name
    /// in the same file, through an import, or by a unique name in the project; a call on a field
    /// (`this.patientsService.findOne()`, `state.patient_repository.create()`) is followed into
    /// the class the field is declared as in its file (`private readonly patients:
    /// PatientsService`, `self.repo = PatientRepository(db)`), or else the classes named like
    /// the field (`PatientsService`, `DieselPatientRepository`). Middleware on an
    /// app object (`app`, `server`, `fastify`) is taken to cover every route in the project;
    /// router-level middleware covers the routes registered on that router after it, in the same
    /// file; an axum `.layer(...)` on a router variable (`router.layer(audit)`) covers the
    /// routes registered earlier in the same function, which that router nests. An axum router
    /// built in another function and nested under an audited layer is not followed. Audit names are configurable in `[audit]`.
    ///
    /// ## References
    /// - 45 CFR 164.312(b) (audit controls)
    /// - 45 CFR 164.308(a)(1)(ii)(D) (information system activity review)
    /// - CWE-778: Insufficient Logging
    pub PHI_HANDLER_WITHOUT_AUDIT = "PHI401" {
        name: "phi-handler-without-audit",
        file: phi_handler_without_audit,
        category: MissingAudit,
        safeguards: [AuditControls, ActivityReview],
        level: Warning,
        confidence: Medium,
        cwe: [778],
        queries: [python, ecma, rust],
        check: check,
        project: project,
        facts: FACTS,
        prefilter: crate::rules::Prefilter::PhiOrCustom(super::may_matter),
    }
}

/// The facts cache keeps a file's summary and its spilled bulk as it is (see
/// [`StoredFacts::to_cache`]).
const FACTS: crate::rules::FactCodec = crate::rules::FactCodec {
    encode: |fact, settings| {
        fact.downcast_ref::<StoredFacts>()?
            .to_cache(&settings.spill)
    },
    decode: |bytes, _, settings| {
        let stored = StoredFacts::from_cache(bytes, &settings.spill)?;
        Some(Box::new(stored))
    },
};

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(root) = m.get("finding") else {
        return;
    };
    // Tests call handlers and mock routes; they are not handlers themselves.
    if root.up().is_some() || checker.file.is_test_path() {
        return;
    }
    let facts = Collector::new(checker).run(root);
    if !facts.functions.is_empty()
        || !facts.routes.is_empty()
        || !facts.scopes.is_empty()
        || !facts.models.is_empty()
    {
        let stored = StoredFacts::store(facts, &checker.file.settings.spill);
        checker.fact(stored);
    }
}

struct Join<'f> {
    files: Vec<&'f StoredFacts>,
    /// Display path of each file.
    paths: Vec<&'f str>,
    /// Where each file's functions, callees and imports were spilled.
    store: &'f Store,
    /// The files read back most recently, most recent last: a handler's callees are mostly in
    /// a few service and repository modules.
    cache: RefCell<Vec<(usize, Rc<FileFacts>)>>,
    /// First file by exact module key.
    exact: HashMap<&'f str, usize>,
    /// First file by every proper `/`-suffix of its module key (`b/c` and `c` of `a/b/c`).
    suffixes: HashMap<&'f str, usize>,
    /// Class-less functions named by a route registration, by name: `None` when the name is
    /// defined more than once. Only those names: an index of every function would be the
    /// largest allocation of a large scan.
    by_name: HashMap<&'static str, Option<(usize, usize)>>,
    /// The files defining methods of each class, under the class name's [`class_keys`]: how a
    /// field holding an injected service (`this.patientService`, `state.patient_repository`)
    /// finds its class.
    classes: HashMap<String, Vec<(&'static str, usize)>>,
    /// [`Join::function_audits`] answers by (file, function, depth).
    audits_memo: RefCell<HashMap<(usize, usize, usize), bool>>,
}

/// How many calls below a handler's callees audit evidence is looked for. PHI evidence is looked
/// for one call down only: what a handler reaches through its callees must be audited at least
/// as deep as the PHI it is reported for.
const AUDIT_DEPTH: usize = 4;

/// Most classes one field name is looked up in (`this.repository` could be any of them).
const MAX_CLASSES: usize = 8;

/// Files the join keeps read back at once.
const CACHED_FILES: usize = 32;

/// The keys a class is found under: its name lowercased without separators, and every suffix of
/// two or more of its words (`DieselPatientRepository`: `dieselpatientrepository`,
/// `patientrepository`), with a trailing `Impl` dropped as well (`PatientServiceImpl`).
fn class_keys(class: &str) -> Vec<String> {
    let mut words = lowercase_words(class);
    let mut keys = vec![words.concat()];
    if words.len() > 1 && words.last().is_some_and(|w| w == "impl") {
        words.pop();
        keys.push(words.concat());
    }
    for k in 1..words.len().saturating_sub(1) {
        keys.push(words[k..].concat());
    }
    keys.sort();
    keys.dedup();
    keys
}

/// A field name in the form [`class_keys`] indexes (`patient_repository`, `patientService` →
/// `patientrepository`, `patientservice`).
fn field_key(field: &str) -> String {
    lowercase_words(field).concat()
}

impl<'f> Join<'f> {
    /// Indexes the files once: a large project resolves hundreds of thousands of names.
    fn new(of: impl Iterator<Item = (&'f str, &'f StoredFacts)>, store: &'f Store) -> Join<'f> {
        let (paths, files): (Vec<_>, Vec<_>) = of.unzip();
        let mut exact = HashMap::new();
        let mut suffixes = HashMap::new();
        let mut by_name: HashMap<&'static str, Option<(usize, usize)>> = HashMap::new();
        let targets: std::collections::HashSet<&str> = files
            .iter()
            .flat_map(|f| &f.routes)
            .map(|r| r.target.as_str())
            .collect();
        let mut classes: HashMap<String, Vec<(&'static str, usize)>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            for class in &f.classes {
                for key in class_keys(class) {
                    classes.entry(key).or_default().push((class, i));
                }
            }
            exact.entry(f.module.as_str()).or_insert(i);
            for (at, _) in f.module.match_indices('/') {
                suffixes.entry(&f.module[at + 1..]).or_insert(i);
            }
            // Route targets are found by name among every file's functions: read each file back
            // once (and keep none of them).
            if !targets.is_empty() {
                for (j, func) in f.load(store).functions.iter().enumerate() {
                    if func.class.is_none() && targets.contains(func.name) {
                        by_name
                            .entry(func.name)
                            .and_modify(|e| *e = None)
                            .or_insert(Some((i, j)));
                    }
                }
            }
        }
        Join {
            files,
            paths,
            store,
            cache: RefCell::default(),
            exact,
            suffixes,
            by_name,
            classes,
            audits_memo: RefCell::default(),
        }
    }

    /// The functions, callees and imports of file `i`, read back from the spill store.
    fn body(&self, i: usize) -> Rc<FileFacts> {
        let mut cache = self.cache.borrow_mut();
        if let Some(at) = cache.iter().position(|(j, _)| *j == i) {
            let hit = cache.remove(at);
            let facts = hit.1.clone();
            cache.push(hit);
            return facts;
        }
        let facts = Rc::new(self.files[i].load(self.store));
        if cache.len() == CACHED_FILES {
            cache.remove(0);
        }
        cache.push((i, facts.clone()));
        facts
    }

    /// The methods `call` may reach through the field it is made on, by the field's name:
    /// `this.patientService.find()` → `PatientService::find`.
    fn by_owner(&self, call: &Call) -> Vec<(usize, usize)> {
        let Some(owner) = call.owner else {
            return Vec::new();
        };
        let Some(classes) = self.classes.get(&field_key(owner)) else {
            return Vec::new();
        };
        classes
            .iter()
            .take(MAX_CLASSES)
            .filter_map(|(class, file)| {
                let j = self
                    .body(*file)
                    .functions
                    .iter()
                    .position(|f| f.name == call.name && f.class == Some(class))?;
                Some((*file, j))
            })
            .collect()
    }

    /// The file of a module spec: an exact module key, or one ending with `/spec`.
    fn module(&self, spec: &str) -> Option<usize> {
        let spec = spec.trim_matches('/');
        if spec.is_empty() {
            return None;
        }
        self.exact
            .get(spec)
            .or_else(|| self.suffixes.get(spec))
            .copied()
    }

    fn function_in(&self, file: usize, name: &str, class: Option<&str>) -> Option<usize> {
        let facts = self.body(file);
        let fns = &facts.functions;
        fns.iter()
            .position(|f| f.name == name && class.is_some() && f.class == class)
            .or_else(|| fns.iter().position(|f| f.name == name && f.class.is_none()))
            .or_else(|| fns.iter().position(|f| f.name == name))
    }

    /// The only class-less function of this name in the project (`name` is a route target).
    fn unique(&self, name: &str) -> Option<(usize, usize)> {
        self.by_name.get(name).copied().flatten()
    }

    /// Resolves `qualifier.name` as seen from `file` (inside `class`).
    fn resolve(
        &self,
        file: usize,
        class: Option<&str>,
        qualifier: Option<&str>,
        name: &str,
    ) -> Option<(usize, usize)> {
        let facts = self.body(file);
        match qualifier {
            None | Some("self" | "this" | "cls" | "Self") => {
                if let Some(j) = self.function_in(file, name, class) {
                    return Some((file, j));
                }
                if qualifier.is_some() {
                    return None;
                }
                let imp = facts.imports.iter().find(|i| i.local == name)?;
                let target = imp.name.as_deref().unwrap_or(name);
                let m = self.module(&imp.module)?;
                self.function_in(m, target, None).map(|j| (m, j))
            }
            Some(q) => {
                let m = match facts.imports.iter().find(|i| i.local == q) {
                    Some(imp) => match &imp.name {
                        // `from app import audit` imports a module under a package.
                        Some(n) => self
                            .module(&format!("{}/{n}", imp.module))
                            .or_else(|| self.module(&imp.module)),
                        None => self.module(&imp.module),
                    },
                    None => self.module(q),
                };
                match m {
                    Some(m) => self.function_in(m, name, None).map(|j| (m, j)),
                    None => None,
                }
            }
        }
    }

    /// The functions `call`, made in `file` (inside `class`), may reach: the function it
    /// resolves to by name or import, or else the methods of the classes its field is named
    /// for.
    fn targets(&self, file: usize, class: Option<&str>, call: &Call) -> Vec<(usize, usize)> {
        // `this.service.create()` is the service's `create`, not this class's.
        let on_field = matches!(call.qualifier, Some("self" | "this" | "cls" | "Self"))
            && call.owner != call.qualifier;
        let direct = if on_field {
            None
        } else {
            self.resolve(file, class, call.qualifier, call.name)
        };
        match direct {
            Some(t) => vec![t],
            None => self.by_owner(call),
        }
    }

    fn call_audits(&self, file: usize, class: Option<&str>, call: &Call, depth: usize) -> bool {
        self.targets(file, class, call)
            .into_iter()
            .any(|(fi, fj)| self.function_audits(fi, fj, depth))
    }

    /// The strongest PHI evidence among the functions `f` calls, `depth` calls down: a thin
    /// handler that hands the request to a service (`return this.referrals.summarize(id)`,
    /// `return svc.export_plan(pk)`) touches what the service reads, returns or writes.
    /// Another handler is not followed: it is judged on its own.
    fn callee_phi(
        &self,
        file: usize,
        facts: &FileFacts,
        f: &FnFact,
        depth: usize,
        phi_free: &dyn Fn(&str) -> bool,
    ) -> Option<(String, f32)> {
        let mut best: Option<(String, f32)> = None;
        for call in facts.calls_of(f) {
            for (fi, fj) in self.targets(file, f.class, call) {
                let callee_facts = self.body(fi);
                let g = &callee_facts.functions[fj];
                if g.handler.is_some() || std::ptr::eq(g, f) {
                    continue;
                }
                let found = match g.phi.as_deref().and_then(|t| t.effective(phi_free)) {
                    Some((what, score)) => Some((what.to_string(), score)),
                    None if depth > 1 => self.callee_phi(fi, &callee_facts, g, depth - 1, phi_free),
                    None => None,
                };
                if let Some((what, score)) = found {
                    if best.as_ref().is_none_or(|b| b.1 < score) {
                        best = Some((format!("through `{}`: {what}", g.name), score));
                    }
                }
            }
        }
        best
    }

    /// Whether function `fj` of file `fi` audits, itself or (with `depth` left) through a callee.
    /// Memoised: handlers share their services and helpers, and each is asked once per depth.
    fn function_audits(&self, fi: usize, fj: usize, depth: usize) -> bool {
        if let Some(known) = self.audits_memo.borrow().get(&(fi, fj, depth)) {
            return *known;
        }
        // A cycle through this function is answered `false` while it is being asked.
        self.audits_memo.borrow_mut().insert((fi, fj, depth), false);
        let facts = self.body(fi);
        let f = &facts.functions[fj];
        let audits = f.audit
            || (depth > 0
                && facts
                    .calls_of(f)
                    .iter()
                    .any(|c| self.call_audits(fi, f.class, c, depth - 1)));
        self.audits_memo
            .borrow_mut()
            .insert((fi, fj, depth), audits);
        audits
    }

    /// Whether a method of `class`, defined in the module `module` (`/`-separated), audits
    /// itself or through a function it calls.
    fn class_audits(&self, module: &str, class: &str) -> bool {
        let Some(m) = self.module(module) else {
            return false;
        };
        let facts = self.body(m);
        (0..facts.functions.len())
            .filter(|j| facts.functions[*j].class == Some(class))
            .any(|j| self.function_audits(m, j, 1))
    }

    /// Whether `f`, a function of `facts` (file `file`), audits: itself or through a callee up
    /// to five calls down (a handler, its private helper, the shared service, the service's
    /// `append_decision` writing the audit row).
    fn audits(&self, file: usize, facts: &FileFacts, f: &FnFact) -> bool {
        f.audit
            || facts
                .calls_of(f)
                .iter()
                .any(|c| self.call_audits(file, f.class, c, AUDIT_DEPTH))
    }
}

fn is_write(method: Option<&str>) -> bool {
    matches!(method, Some("POST" | "PUT" | "PATCH" | "DELETE"))
}

/// A PHI handler no audit evidence reaches.
struct Holdout {
    file: usize,
    function: usize,
    what: String,
    score: f32,
    /// The PHI is touched by a function the handler calls, not in its own body: reported only
    /// beside handlers of its own file that audit one by one, where skipping the audit is a
    /// deviation and the handler's PHI is the same service's.
    via_callee: bool,
    framework: &'static str,
    /// It is registered in a file where router middleware audits other routes (registered
    /// after an audit layer, on another router): a deviation seen in one place.
    beside_router_audit: bool,
}

/// What one application's handlers show of its audit mechanism.
#[derive(Default)]
struct AppAudit {
    /// Handlers some audit evidence reaches, by file.
    audited_in: std::collections::HashSet<usize>,
    /// Some handler audits by its own call, decorator or wrapper: the application audits handler
    /// by handler, so one that does not is a deviation.
    per_handler: bool,
    /// Audit middleware, scopes or model history exist somewhere in the application.
    mechanism: bool,
    holdouts: Vec<Holdout>,
}

fn project(p: &ProjectFacts<'_>) -> Vec<Diagnostic> {
    let join = Join::new(p.of::<StoredFacts>(), &p.settings.spill);
    // Project facts are joined within one application (the closest manifest above a file): one
    // service's audit middleware does not cover another's handlers.
    let mut global: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut history: HashMap<&str, String> = HashMap::new();
    let mut apps: std::collections::BTreeMap<&str, AppAudit> = Default::default();
    for (fi, f) in join.files.iter().enumerate() {
        // An audit record written anywhere in the application (`PatientRecordAccess.objects
        // .create(...)` in a view this analysis does not recognise as a handler) is its
        // mechanism: handlers without it are then deviations, not an application without audit.
        let mut evidence = f.audits;
        for s in &f.scopes {
            match s {
                // An ORM hook naming a function of its file: model history when it audits.
                AuditScope::Hook { function, what } => {
                    let audits = join
                        .function_in(fi, function, None)
                        .is_some_and(|j| join.function_audits(fi, j, 1));
                    if audits {
                        history.entry(&f.app).or_insert_with(|| what.clone());
                        evidence = true;
                    }
                }
                AuditScope::Global(_) => {
                    global.insert(&f.app);
                }
                AuditScope::ModelHistory(what) => {
                    history.entry(&f.app).or_insert_with(|| what.clone());
                }
                // Django `MIDDLEWARE` naming a class of the project: global when the class
                // writes an audit or access-log record in one of its methods.
                AuditScope::MiddlewareClass { module, class }
                    if join.class_audits(module, class) =>
                {
                    global.insert(&f.app);
                    evidence = true;
                }
                _ => {}
            }
            evidence |= s.is_evidence();
        }
        if evidence {
            apps.entry(&f.app).or_default().mechanism = true;
        }
    }

    // ORM models whose own fields hold no PHI, by class name (one definition with PHI, or a
    // definition that inherits fields it cannot see, keeps the name a PHI model).
    let mut models: HashMap<&str, bool> = HashMap::new();
    for f in &join.files {
        for (name, holds_phi) in &f.models {
            *models.entry(name.as_str()).or_insert(false) |= *holds_phi;
        }
    }
    let phi_free: std::collections::HashSet<&str> = models
        .into_iter()
        .filter(|(_, holds)| !holds)
        .map(|(name, _)| name)
        .collect();

    // Handlers routed by a registration naming them, with the shapes they are routed by (file
    // of the shape, shape), in file order.
    let mut routed: HashMap<(usize, usize), Vec<(usize, &Shape)>> = HashMap::new();
    for (i, f) in join.files.iter().enumerate() {
        for r in &f.routes {
            let target = join
                .resolve(i, None, r.qualifier.as_deref(), &r.target)
                .or_else(|| join.unique(&r.target));
            if let Some(t) = target {
                routed.entry(t).or_default().push((i, &r.shape));
            }
        }
    }
    let routed_files: std::collections::HashSet<usize> = routed.keys().map(|(i, _)| *i).collect();

    // File by file, function by function: each file with a handler is read back once here.
    let apps = RefCell::new(apps);
    let visit = |fi: usize| {
        if !join.files[fi].has_handlers && !routed_files.contains(&fi) {
            return;
        }
        let own_app: &str = &join.files[fi].app;
        let facts = join.body(fi);
        for (fj, func) in facts.functions.iter().enumerate() {
            // The shapes in the order they were found: registrations in earlier files, the
            // function's own shape, registrations in this and later files.
            let by_route = routed.get(&(fi, fj)).map_or(&[][..], Vec::as_slice);
            let earlier = by_route.iter().take_while(|(si, _)| *si < fi);
            let own = func.handler.as_deref().map(|s| (fi, s));
            let later = by_route.iter().skip_while(|(si, _)| *si < fi);
            let shapes: Vec<(usize, &Shape)> =
                earlier.copied().chain(own).chain(later.copied()).collect();
            if shapes.is_empty() {
                continue;
            }
            // A handler belongs to the application that routes it: a library crate or package
            // whose handlers another application's router mounts (a Cargo workspace member used
            // by the server crate) is part of that application, its audit included. Only when
            // the router's file imports the handler from that package: a route that names a
            // function of another application only by a shared name is no mount.
            let app_key: &str = match (own, shapes.first()) {
                (None, Some((si, _)))
                    if *join.files[*si].app != *own_app
                        && join.body(*si).external.iter().any(|n| n == func.name) =>
                {
                    &join.files[*si].app
                }
                _ => own_app,
            };
            let write_only = shapes.iter().all(|(_, s)| {
                is_write(s.method.as_deref().or(func.method_hint.map(|m| m.as_str())))
            }) || (shapes.iter().all(|(_, s)| s.method.is_none())
                && is_write_name(func.name));
            let on_router = shapes.iter().any(|(si, s)| {
                join.files[*si].scopes.iter().any(|scope| match scope {
                    AuditScope::Receiver { receiver, pos, .. } => {
                        s.receiver.as_deref() == Some(receiver.as_str()) && s.pos >= *pos
                    }
                    AuditScope::Chain { start, end, before } => {
                        s.pos >= *start && s.pos < *end && s.pos < *before
                    }
                    _ => false,
                })
            });
            // An audit mixin or class decorator is opted into view by view, like a call.
            let on_class = join.files[fi].scopes.iter().any(|scope| match scope {
                AuditScope::Class(c) => func.class == Some(c.as_str()),
                AuditScope::ClassWrites(c) => func.class == Some(c.as_str()) && write_only,
                _ => false,
            });
            let in_scope = on_router || on_class;
            let own =
                on_class || shapes.iter().any(|(_, s)| s.covered) || join.audits(fi, &facts, func);
            let audited = own
                || global.contains(app_key)
                || in_scope
                || (write_only && history.contains_key(app_key));
            let mut apps = apps.borrow_mut();
            let app = apps.entry(app_key).or_default();
            if audited {
                app.audited_in.insert(fi);
                app.per_handler |= own;
                continue;
            }
            // Evidence is a PHI value the handler reads, returns or writes; a route path word
            // alone is no evidence.
            // A model whose own fields hold no PHI (a consent grant: two foreign keys and an
            // expiry date) is not a PHI record.
            let is_phi_free = |m: &str| phi_free.contains(m);
            let own_phi = func
                .phi
                .as_deref()
                .and_then(|t| t.effective(is_phi_free))
                .map(|(what, score)| (what.to_string(), score));
            let via_callee = own_phi.is_none();
            let Some((what, score)) =
                own_phi.or_else(|| join.callee_phi(fi, &facts, func, 1, &is_phi_free))
            else {
                continue;
            };
            app.holdouts.push(Holdout {
                file: fi,
                function: fj,
                what,
                score,
                via_callee,
                framework: shapes.first().map_or("", |(_, s)| s.framework),
                beside_router_audit: shapes.iter().any(|(si, _)| {
                    join.files[*si].scopes.iter().any(|scope| {
                        matches!(
                            scope,
                            AuditScope::Receiver { .. } | AuditScope::Chain { .. }
                        )
                    })
                }),
            });
        }
    };

    // Files findings may be reported on first. A partial scan (a pre-commit hook) reports on a
    // few files: the other handlers of an application matter only when those files hold a
    // handler no audit reaches (whether the application audits handler by handler, whether it
    // audits at all, and, where it does not, its first PHI handler and their count), so the
    // rest of an application is visited only then. A full scan visits every file in the
    // first loop.
    let reported = |fi: usize| p.reported.is_none_or(|r| r.contains(join.paths[fi]));
    for fi in (0..join.files.len()).filter(|fi| reported(*fi)) {
        visit(fi);
    }
    let wanting: std::collections::HashSet<&str> = apps
        .borrow()
        .iter()
        .filter(|(_, a)| !a.holdouts.is_empty())
        .map(|(k, _)| *k)
        .collect();
    if p.reported.is_some() && !wanting.is_empty() {
        for fi in (0..join.files.len())
            .filter(|fi| !reported(*fi) && wanting.contains(&*join.files[*fi].app))
        {
            visit(fi);
        }
        // In file order, as one loop over every file finds them.
        for app in apps.borrow_mut().values_mut() {
            app.holdouts.sort_by_key(|h| (h.file, h.function));
        }
    }
    let apps = apps.into_inner();

    let mut out = Vec::new();
    for (app_key, app) in &apps {
        // A handler whose PHI only a callee shows counts beside per-handler audit in its file.
        let holdouts: Vec<&Holdout> = app
            .holdouts
            .iter()
            .filter(|h| !h.via_callee || (app.per_handler && app.audited_in.contains(&h.file)))
            .collect();
        if holdouts.is_empty() {
            continue;
        }
        let mechanism = app.mechanism
            || !app.audited_in.is_empty()
            || global.contains(app_key)
            || history.contains_key(app_key);
        if !mechanism {
            // No audit anywhere in the application: one finding for the application, at its first
            // PHI handler, not one per handler.
            let first = holdouts[0];
            let facts = join.body(first.file);
            let func = &facts.functions[first.function];
            let others = holdouts.len() - 1;
            let also = match others {
                0 => String::new(),
                1 => " and 1 other handler".to_string(),
                n => format!(" and {n} other handlers"),
            };
            let message = format!(
                "{} ({}) touches PHI ({}){also}, and no audit call, decorator, middleware or model history exists anywhere in this application (45 CFR 164.312(b), 164.308(a)(1)(ii)(D))",
                handler_name(func.name),
                first.framework,
                first.what,
            );
            out.push(facts.diagnostic(
                join.paths[first.file],
                func,
                p.rule,
                message,
                Level::Warning,
                Confidence::Medium,
            ));
            continue;
        }
        for h in holdouts {
            let facts = join.body(h.file);
            let func = &facts.functions[h.function];
            // Where handlers audit one by one, one that does not is a deviation (clearest when
            // the other handlers of its own file audit). Where the only mechanism is middleware,
            // scopes or history, a handler it does not reach may be covered by a mount this
            // analysis does not resolve.
            let sibling_audits = app.audited_in.contains(&h.file);
            let (confidence, whose) = match (app.per_handler, sibling_audits) {
                (true, true) if h.score >= 0.8 => (Confidence::High, "other handlers in this file"),
                (true, true) => (Confidence::Medium, "other handlers in this file"),
                // Handlers elsewhere audit one by one, none beside it: the practice may be
                // theirs alone (an export that audits itself) while this handler's access is
                // recorded where this analysis does not see (a backend it calls, the database).
                // Reported below the default confidence.
                (true, false) => (Confidence::Low, "other handlers of this application"),
                (false, _) if h.beside_router_audit => {
                    (Confidence::Medium, "other routes registered beside it")
                }
                (false, _) => (Confidence::Low, "other handlers of this application"),
            };
            let mut message = format!(
                "{} ({}) touches PHI ({}) but escapes the audit that {whose} have: no audit call, decorator or middleware reaches it (45 CFR 164.312(b), 164.308(a)(1)(ii)(D))",
                handler_name(func.name),
                h.framework,
                h.what,
            );
            if let Some(what) = history.get(app_key) {
                message.push_str(&format!(
                    "; model history ({what}) records changes, not reads"
                ));
            }
            out.push(facts.diagnostic(
                join.paths[h.file],
                func,
                p.rule,
                message,
                Level::Warning,
                confidence,
            ));
        }
    }
    out
}

fn handler_name(name: &str) -> String {
    if name == "<handler>" {
        "inline handler".to_string()
    } else {
        format!("handler `{name}`")
    }
}

fn is_write_name(name: &str) -> bool {
    matches!(
        name,
        "create" | "update" | "partial_update" | "destroy" | "post" | "put" | "patch" | "delete"
    )
}

#[cfg(test)]
mod tests {
    use super::{class_keys, field_key};

    #[test]
    fn fields_find_classes_by_name_and_multi_word_suffix() {
        let keys = class_keys("DieselPatientRepository");
        assert_eq!(keys, ["dieselpatientrepository", "patientrepository"]);
        assert!(keys.contains(&field_key("patient_repository")));
        assert!(class_keys("PatientsServiceImpl").contains(&field_key("patientsService")));
        // One word is no suffix: `this.repository` finds only a class named `Repository`.
        assert!(!keys.contains(&field_key("repository")));
        assert_eq!(class_keys("Repository"), ["repository"]);
    }
}
