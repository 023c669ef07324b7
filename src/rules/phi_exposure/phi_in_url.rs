//! PHI701 phi-in-url.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{self, string_content, unwrap_parens, Evidence, Purpose};
use crate::phi::{tokenize, Kind};
use crate::tree::NodeExt;

use super::{is_url_identifier, name_evidence, route_params};

declare_rule! {
    /// ## What it does
    /// Flags direct identifiers put in URLs: route paths whose parameters are PHI-named
    /// (`@app.get("/patients/<ssn>")`, `path("p/<str:mrn>/", ...)`, `app.get("/lookup/:dob")`,
    /// `.route("/patients/{ssn}", ...)`, `#[get("/patients/{ssn}")]`), query strings built from
    /// PHI (`f"/lookup?ssn={patient.ssn}"`, `` `/api?dob=${dob}` ``, `params={"mrn": mrn}`,
    /// `new URLSearchParams({ dob })`, `url_for("lookup", ssn=ssn)`, Rust
    /// `format!("{}/eligibility?member_id={}&dob={}", ..)` and reqwest
    /// `.query(&[("dob", ..)])`), NestJS route decorators (`@Get("by-mrn/:mrn")`), and handlers
    /// that read PHI from the query string (`request.args["dob"]`, aiohttp
    /// `request.query.get("dob")`, Falcon `req.get_param("dob")`, `req.query.ssn`,
    /// `const { lastName, dob } = request.query`, `searchParams.get("mrn")`).
    ///
    /// Also PHI arriving in a query string: FastAPI route parameters that are not in the path
    /// and not a dependency, body, header, cookie or file (`@router.get("/lookup") def
    /// lookup(mrn: str, dob: date)`), Koa `const { dob } = ctx.query as ...`, and client-side
    /// navigation with query parameters (Angular `router.navigate([..], { queryParams: {..} })`).
    ///
    /// ## Why is this bad?
    /// URLs are written to web-server and proxy access logs, CDN logs, browser history and
    /// `Referer` headers sent to other sites, none of which have the access controls of the
    /// record. TLS does not hide them from any of those (45 CFR 164.312(e)(1), 164.502(b)).
    ///
    /// ## Example
    /// ```python
    /// @app.get("/patients/<ssn>")
    /// def show(ssn): ...
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// @app.get("/patients/<uuid:patient_ref>")  # an opaque surrogate
    /// def show(patient_ref): ...
    /// ```
    /// or send the identifier in a POST body.
    ///
    /// ## Known limitations
    /// Internal surrogate ids (`/patients/<patient_id>`) are not reported: they are opaque
    /// outside the system. Neither are file system paths (a string opening with a directory,
    /// `f"{old_dir}/{fname}"`) nor file names from a directory listing (`for fname in files:`),
    /// which the vocabulary may read as a first name; a query parameter whose key is a constant
    /// (`{Params.PATIENT_NAME: v}`) is judged by its value, or by the string the constant holds
    /// in the same file, not by the constant's own name. URLs assembled across several statements are followed only as far
    /// as the shared data flow goes.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.502(b) (minimum necessary)
    /// - CWE-598: Use of GET Request Method With Sensitive Query Strings
    pub PHI_IN_URL = "PHI701" {
        name: "phi-in-url",
        file: phi_in_url,
        category: PhiExposure,
        safeguards: [MinimumNecessary, TransmissionSecurity],
        level: Error,
        confidence: High,
        cwe: [598, 359],
        queries: [python, ecma, typescript, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

/// The text of a string literal without prefix and quotes (placeholders kept).
fn raw_string(text: &str) -> &str {
    let t = text.trim_start_matches(['r', 'b', 'u', 'f', 'R', 'B', 'U', 'F', '#']);
    let t = t.trim_start_matches(['"', '\'', '`']);
    t.trim_end_matches(['"', '\'', '`', '#'])
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    if let (Some(params), "decorated_definition") = (m.get("params"), sink.kind()) {
        // A route function's decorators (the first 16: a route has a few).
        let mut cursor = sink.walk();
        let decorators: Vec<Node<'a>> = sink
            .named_children(&mut cursor)
            .filter(|c| c.kind() == "decorator")
            .take(16)
            .collect();
        for decorator in decorators {
            fastapi_query_params(checker, decorator, params);
        }
        return;
    }
    match sink.kind() {
        // `format!("{}/eligibility?member_id={}&dob={}", base, m.member_id, m.dob)`
        "macro_invocation" => {
            rust_format_url(checker, sink);
            return;
        }
        // NestJS `@Get("by-mrn/:mrn")`: the decorator's argument is always a path.
        "decorator" => {
            if let Some(value) = m.get("value") {
                route_path(checker, sink, value, true);
            }
            return;
        }
        _ => {}
    }
    if let (Some(pattern), Some(_)) = (m.get("key"), m.get("value")) {
        if pattern.kind() == "object_pattern" {
            destructured_query(checker, sink, pattern);
            return;
        }
    }
    if m.get("method").is_some_and(|n| checker.text(n) == "query")
        && checker.file.lang.family() == crate::lang::Family::Rust
    {
        if let Some(args) = m.get("args") {
            rust_query_pairs(checker, sink, args);
        }
        return;
    }
    match sink.kind() {
        "string" | "template_string" if m.get("method").is_none() => interpolated(checker, sink),
        _ => {}
    }
    if let (Some(value), Some(_)) = (m.get("value"), m.get("method")) {
        route(checker, sink, value);
        return;
    }
    if let Some(args) = m.get("args") {
        call_args(checker, m, sink, args);
        return;
    }
    if let (Some(value), None) = (m.get("value"), m.get("method")) {
        if value.kind() == "object"
            && !is_request_body(checker, sink)
            && !given_to_a_non_http_call(checker, sink)
        {
            object_pairs(checker, sink, value, "query parameters");
        }
        return;
    }
    if let Some(key) = m.get("key") {
        read_from_query(checker, m, sink, key);
    }
}

fn report<'a>(checker: &mut Checker<'a>, sink: Node<'a>, evidence: &Evidence<'a>, place: &str) {
    let message = format!(
        "{} is put in a URL ({place}); URLs are kept in access logs, proxies and browser history",
        evidence.describe()
    );
    checker.report_phi(sink, evidence, message);
}

/// A route path with PHI-named parameters.
fn route<'a>(checker: &mut Checker<'a>, sink: Node<'a>, value: Node<'a>) {
    route_path(checker, sink, value, false);
}

/// A route path with PHI-named parameters; `always_path` when the string can only be a path
/// (a NestJS `@Get(":mrn")` decorator).
fn route_path<'a>(checker: &mut Checker<'a>, sink: Node<'a>, value: Node<'a>, always_path: bool) {
    let path = raw_string(checker.text(value));
    if !always_path && !path.contains('/') && !path.starts_with('^') {
        return;
    }
    let mut best: Option<Evidence<'a>> = None;
    for name in route_params(path) {
        best = flow::max(best, name_evidence(checker, name, value));
    }
    if let Some(e) = best.filter(is_url_identifier) {
        let place = format!("route path parameter `{}`", e.name);
        report(checker, sink, &e, &place);
    }
}

/// `f"/lookup?ssn={x}"`, `` `/api/${x}` ``: interpolations in a query-string value or a path
/// segment of a URL-shaped string.
fn interpolated<'a>(checker: &mut Checker<'a>, sink: Node<'a>) {
    let source = checker.file.source;
    let start = sink.start_byte();
    let literal = raw_string(checker.text(sink));
    // `mailto:` and `tel:` links are not requested from a server.
    if literal.starts_with("mailto:") || literal.starts_with("tel:") || literal.starts_with("sms:")
    {
        return;
    }
    let mut cursor = sink.walk();
    let parts: Vec<Node<'a>> = sink
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind(), "interpolation" | "template_substitution"))
        .collect();
    // `${base}/patients/${x}` is a URL, but a string that opens with a patient's value is not:
    // `${dob.slice(4, 6)}/${dob.slice(6, 8)}` formats a date.
    let opens_with_phi = || {
        !literal.starts_with("{{")
            && parts
                .first()
                .and_then(|p| p.named_child(0))
                .and_then(|e| checker.phi(e, Purpose::Exposure))
                .is_some_and(|e| e.class.kind != Kind::Url)
    };
    // `f"{old_dir}/{fname}"` opens with a directory: a file system path, not a URL.
    let opens_with_directory = || {
        parts
            .first()
            .and_then(|p| p.named_child(0))
            .is_some_and(|e| names_directory(checker, e))
    };
    let url_shaped = literal.starts_with('/')
        || literal.starts_with("http")
        || (literal.starts_with('{') || literal.starts_with("${"))
            && literal.contains('/')
            && !opens_with_phi()
            && !opens_with_directory();
    let mut best: Option<(Evidence<'a>, String)> = None;
    for part in parts {
        let Some(expr) = part.named_child(0) else {
            continue;
        };
        let before = source.get(start..part.start_byte()).unwrap_or("");
        if is_listed_file_name(checker, expr) {
            continue;
        }
        let from_value = checker.phi(expr, Purpose::Exposure);
        if let Some(head) = before.strip_suffix('=') {
            let key_start = head.rfind(['?', '&']);
            let Some(ks) = key_start else { continue };
            let key = &head[ks + 1..];
            if !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                continue;
            }
            let from_key = checker
                .file
                .flow
                .key_evidence(key, expr, expr, Purpose::Exposure);
            let ev = flow::max(from_value, from_key).filter(is_url_identifier);
            if let Some(ev) = ev {
                if best
                    .as_ref()
                    .is_none_or(|(b, _)| ev.class.score > b.class.score)
                {
                    best = Some((
                        ev,
                        format!("query parameter `{}`", crate::flow::display_name(&[key])),
                    ));
                }
            }
        } else if before.ends_with('/') && url_shaped {
            if let Some(ev) = from_value.filter(is_url_identifier) {
                if best
                    .as_ref()
                    .is_none_or(|(b, _)| ev.class.score > b.class.score)
                {
                    best = Some((ev, "URL path".to_string()));
                }
            }
        }
    }
    if let Some((ev, place)) = best {
        report(checker, sink, &ev, &place);
    }
}

/// The pairs of a dict or object literal sent as query parameters.
fn object_pairs<'a>(checker: &mut Checker<'a>, sink: Node<'a>, object: Node<'a>, place: &str) {
    let object = unwrap_parens(object);
    let object = if object.kind() == "identifier" {
        checker.file.flow.binding_value(object).unwrap_or(object)
    } else {
        object
    };
    let flow = &checker.file.flow;
    let mut best: Option<Evidence<'a>> = None;
    let mut cursor = object.walk();
    for pair in object.named_children(&mut cursor) {
        let ev = match pair.kind() {
            "pair" => {
                let (Some(k), Some(v)) = (pair.field("key"), pair.field("value")) else {
                    continue;
                };
                // `searchParams: { birthdate: { type: "date", description: "..." } }` describes
                // a search parameter; a value sent in a query string is a scalar expression.
                if matches!(
                    unwrap_parens(v).kind(),
                    "object" | "array" | "dictionary" | "list"
                ) {
                    continue;
                }
                let text = checker.text(k);
                match string_content(text, k.kind()).or_else(|| constant_key(checker, k)) {
                    Some(key) => flow.eval_keyed(key, k, v, Purpose::Exposure),
                    // `{SearchParam.PATIENT_NAME: value}`: the key is a constant whose own name
                    // (`..._KEY_NAME`, `ParameterName.X`) says nothing about the parameter it
                    // holds; only the value is judged.
                    None if matches!(
                        k.kind(),
                        "identifier" | "attribute" | "member_expression"
                    ) =>
                    {
                        checker.phi(v, Purpose::Exposure)
                    }
                    None => flow.eval_keyed(text, k, v, Purpose::Exposure),
                }
            }
            "shorthand_property_identifier" => checker.phi(pair, Purpose::Exposure),
            _ => None,
        };
        best = flow::max(best, ev);
    }
    if let Some(ev) = best.filter(is_url_identifier) {
        let place = format!("{place}, key `{}`", ev.name);
        report(checker, sink, &ev, &place);
    }
}

/// The string a constant key stands for (`NAME_PARAM = "name"` in the same file).
fn constant_key<'a>(checker: &Checker<'a>, key: Node<'a>) -> Option<&'a str> {
    if key.kind() != "identifier" {
        return None;
    }
    let value = checker.file.flow.binding_value(key)?;
    string_content(checker.text(value), value.kind())
}

/// Whether an interpolated expression is a file name rather than a person's: the variable of a
/// loop over a directory listing (`for fname in files:`, `for (const f of fs.readdirSync(d))`,
/// `for name in os.listdir(d)`), whose name the classifier may read as a first name.
fn is_listed_file_name<'a>(checker: &Checker<'a>, expr: Node<'a>) -> bool {
    if expr.kind() != "identifier" {
        return false;
    }
    let name = checker.text(expr);
    let mut n = expr.parent();
    for _ in 0..40 {
        let Some(node) = n else { return false };
        if matches!(node.kind(), "for_statement" | "for_in_statement") {
            let bound = node.field("left").is_some_and(|l| {
                let mut found = false;
                crate::tree::preorder(l, |x, _| {
                    found |= x.kind() == "identifier" && checker.text(x) == name;
                    crate::tree::Walk::Descend
                });
                found
            });
            if bound {
                let iterable = node.field("right").map_or("", |r| checker.text(r));
                return tokenize(iterable).iter().any(|t| {
                    matches!(
                        t.to_lowercase().as_str(),
                        "file"
                            | "files"
                            | "filenames"
                            | "fnames"
                            | "listdir"
                            | "readdir"
                            | "readdirsync"
                            | "glob"
                            | "iglob"
                            | "rglob"
                            | "iterdir"
                            | "scandir"
                            | "walk"
                            | "entries"
                    )
                });
            }
        }
        if crate::flow::is_function(node.kind()) {
            return false;
        }
        n = node.parent();
    }
    false
}

/// Whether an interpolated expression at the start of a string names a directory
/// (`f"{old_dir}/{fname}"`, `` `${uploadFolder}/${name}` ``): the string is a file system path.
fn names_directory(checker: &Checker<'_>, expr: Node<'_>) -> bool {
    let text = checker.text(expr);
    let last = text.rsplit(['.', ':']).next().unwrap_or(text);
    tokenize(last).iter().any(|t| {
        matches!(
            t.to_lowercase().as_str(),
            "dir" | "dirs" | "directory" | "folder" | "dirname" | "tmpdir" | "basedir" | "cwd"
        )
    })
}

/// `url_for("lookup", ssn=x)`, `requests.get(url, params={...})`, `urlencode({...})`.
fn call_args<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>, args: Node<'a>) {
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let mut cursor = args.walk();
    let children: Vec<Node<'a>> = args.named_children(&mut cursor).collect();
    match method {
        "url_for" => {
            let flow = &checker.file.flow;
            let mut best: Option<Evidence<'a>> = None;
            for arg in &children {
                if arg.kind() != "keyword_argument" {
                    continue;
                }
                let (Some(k), Some(v)) = (arg.field("name"), arg.field("value")) else {
                    continue;
                };
                let key = checker.text(k);
                if key.starts_with('_') {
                    continue;
                }
                best = flow::max(best, flow.eval_keyed(key, k, v, Purpose::Exposure));
            }
            if let Some(ev) = best.filter(is_url_identifier) {
                let place = format!("`url_for` parameter `{}`", ev.name);
                report(checker, sink, &ev, &place);
            }
        }
        "urlencode" => {
            if let Some(first) = children.first() {
                object_pairs(checker, sink, *first, "`urlencode` parameters");
            }
        }
        _ => {
            for arg in &children {
                if arg.kind() == "keyword_argument"
                    && arg
                        .field("name")
                        .is_some_and(|k| checker.text(k) == "params")
                {
                    if let Some(v) = arg.field("value") {
                        object_pairs(checker, sink, v, "`params`");
                    }
                }
            }
        }
    }
}

/// A handler reading a PHI-named query-string parameter.
fn read_from_query<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>, key: Node<'a>) {
    // `(req.get_param(k) for k in ("last_name", "dob"))`: the keys a comprehension iterates,
    // reported once with the strongest.
    if key.kind() == "identifier" {
        let mut all: Vec<Evidence<'a>> = iterated_strings(checker, key)
            .into_iter()
            .filter_map(|k| {
                let text = checker.text(k);
                let name = string_content(text, k.kind()).unwrap_or(text);
                name_evidence(checker, name, key).filter(is_url_identifier)
            })
            .collect();
        all.sort_by(|a, b| b.class.score.total_cmp(&a.class.score));
        if all.is_empty() {
            return;
        }
        let best = all.remove(0).with_others(all, 0.5);
        let place = format!(
            "read from the query string as `{}`",
            crate::flow::display_name(&[best.name.as_str()])
        );
        report(checker, sink, &best, &place);
        return;
    }
    let text = checker.text(key);
    let name = string_content(text, key.kind()).unwrap_or(text);
    if let Some(receiver) = m.get("receiver") {
        // `searchParams.get("dob")`, `useSearchParams().get("ssn")`, `url.searchParams.get(..)`
        let tokens = tokenize(checker.text(receiver));
        if !tokens.iter().any(|t| t == "search" || t == "query") {
            return;
        }
    }
    if let Some(ev) = name_evidence(checker, name, key).filter(is_url_identifier) {
        let place = format!(
            "read from the query string as `{}`",
            crate::flow::display_name(&[name])
        );
        report(checker, sink, &ev, &place);
    }
}

/// Whether `new URLSearchParams({...})` is a form-encoded request body (`body: new
/// URLSearchParams(..)`, `const body = new URLSearchParams(..)`) rather than a query string.
/// Whether the object holding a `params`/`query` pair is an argument of an error tracker, a
/// logger or an analytics call (`airbrake.notify({ error, params: {..} })`,
/// `logger.info({ query })`), where the key names what is reported, not a URL's query.
fn given_to_a_non_http_call(checker: &Checker<'_>, pair: Node<'_>) -> bool {
    let Some(call) = pair
        .up()
        .filter(|o| o.kind() == "object")
        .and_then(|o| o.up())
        .filter(|a| a.kind() == "arguments")
        .and_then(|a| a.up())
        .filter(|c| c.kind() == "call_expression")
    else {
        return false;
    };
    let Some(callee) = call.field("function") else {
        return false;
    };
    let text = checker.text(callee);
    let last = text.rsplit('.').next().unwrap_or(text);
    matches!(
        last,
        "notify"
            | "captureException"
            | "captureMessage"
            | "captureEvent"
            | "setContext"
            | "setExtra"
            | "setExtras"
            | "addBreadcrumb"
            | "report"
            | "track"
            | "identify"
            | "capture"
            | "trace"
            | "debug"
            | "info"
            | "warn"
            | "error"
            | "fatal"
            | "log"
    )
}

fn is_request_body(checker: &Checker<'_>, node: Node<'_>) -> bool {
    let Some(parent) = node.up() else {
        return false;
    };
    let name = match parent.kind() {
        "pair" => parent.field("key"),
        "variable_declarator" => parent.field("name"),
        "assignment_expression" => parent.field("left"),
        _ => None,
    };
    name.is_some_and(|n| {
        tokenize(checker.text(n))
            .iter()
            .any(|t| matches!(t.as_str(), "body" | "form" | "payload" | "data"))
    })
}

/// The string literals a comprehension's loop variable takes: `k` in
/// `(f(k) for k in ("last_name", "dob"))`.
fn iterated_strings<'a>(checker: &Checker<'a>, ident: Node<'a>) -> Vec<Node<'a>> {
    let name = checker.text(ident);
    let mut n = ident.parent();
    while let Some(p) = n {
        if matches!(
            p.kind(),
            "generator_expression"
                | "list_comprehension"
                | "set_comprehension"
                | "dictionary_comprehension"
        ) {
            let mut cursor = p.walk();
            for clause in p.named_children(&mut cursor) {
                if clause.kind() != "for_in_clause" {
                    continue;
                }
                let left = clause.field("left").map(|l| checker.text(l));
                let Some(right) = clause.field("right") else {
                    continue;
                };
                if left != Some(name) || !matches!(right.kind(), "tuple" | "list" | "set") {
                    continue;
                }
                let mut c2 = right.walk();
                return right
                    .named_children(&mut c2)
                    .filter(|s| s.kind() == "string")
                    .collect();
            }
            return Vec::new();
        }
        if crate::flow::is_function(p.kind()) {
            break;
        }
        n = p.parent();
    }
    Vec::new()
}

/// FastAPI: the parameters of a route function that are not in its path and are not a
/// dependency, body, header, cookie or file are read from the query string
/// (`@router.get("/patients/lookup") def lookup(mrn: str, dob: str)`), so a PHI-named one puts
/// PHI in the URL.
fn fastapi_query_params<'a>(checker: &mut Checker<'a>, decorator: Node<'a>, params: Node<'a>) {
    if !crate::rules::session_timeout::imports_package(checker, "fastapi") {
        return;
    }
    let Some(call) = decorator.named_child(0).filter(|c| c.kind() == "call") else {
        return;
    };
    let method = call
        .field("function")
        .and_then(|f| f.field("attribute"))
        .map(|a| checker.text(a))
        .unwrap_or("");
    if !matches!(method, "get" | "delete" | "api_route") {
        return;
    }
    // The path template: `{patient_id}` placeholders are path parameters.
    let Some(path) = call
        .field("arguments")
        .and_then(|a| a.named_child(0))
        .filter(|a| a.kind() == "string")
    else {
        return;
    };
    let path = checker.text(path);
    let mut best: Option<Evidence<'a>> = None;
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let (name, ty, default) = match param.kind() {
            "typed_parameter" => (
                param.named_child(0).filter(|n| n.kind() == "identifier"),
                param.field("type"),
                None,
            ),
            "typed_default_parameter" => (
                param.field("name"),
                param.field("type"),
                param.field("value"),
            ),
            "identifier" => (Some(param), None, None),
            _ => continue,
        };
        let Some(name) = name else { continue };
        let name_text = checker.text(name);
        if path.contains(&format!("{{{name_text}}}")) || path.contains(&format!("{{{name_text}:")) {
            continue;
        }
        let not_query = default.is_some_and(|d| {
            let t = checker.text(d);
            [
                "Depends(",
                "Body(",
                "Header(",
                "Cookie(",
                "File(",
                "Form(",
                "Security(",
                "Path(",
            ]
            .iter()
            .any(|w| t.starts_with(w))
        }) || ty.is_some_and(|t| {
            // Framework objects and models (a pydantic model without `Query` is a body).
            !checker
                .text(t)
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| {
                    matches!(
                        w,
                        "str"
                            | "int"
                            | "float"
                            | "date"
                            | "datetime"
                            | "UUID"
                            | "Query"
                            | "EmailStr"
                    )
                })
        });
        if not_query {
            continue;
        }
        best = flow::max(best, name_evidence(checker, name_text, name));
    }
    if let Some(ev) = best.filter(is_url_identifier) {
        let place = format!(
            "read from the query string as `{}`",
            crate::flow::display_name(&[ev.name.as_str()])
        );
        let anchor = ev.node;
        report(checker, anchor, &ev, &place);
    }
}

/// `const { lastName, dob } = request.query`: PHI-named parameters read from the query string.
fn destructured_query<'a>(checker: &mut Checker<'a>, sink: Node<'a>, pattern: Node<'a>) {
    let mut best: Option<Evidence<'a>> = None;
    let mut cursor = pattern.walk();
    for p in pattern.named_children(&mut cursor) {
        let key = match p.kind() {
            "shorthand_property_identifier_pattern" => Some(p),
            "pair_pattern" => p.field("key"),
            "object_assignment_pattern" => p.field("left"),
            _ => None,
        };
        let Some(key) = key else { continue };
        let text = checker.text(key);
        let name = string_content(text, key.kind()).unwrap_or(text);
        best = flow::max(best, name_evidence(checker, name, key));
    }
    if let Some(ev) = best.filter(is_url_identifier) {
        let place = format!(
            "read from the query string as `{}`",
            crate::flow::display_name(&[ev.name.as_str()])
        );
        report(checker, sink, &ev, &place);
    }
}

/// Rust `format!` building a URL: `key={}` placeholders after the `?` of a URL-shaped format
/// string, with the argument each takes (positional `{}`, `{0}`, or inline `{dob}`).
fn rust_format_url<'a>(checker: &mut Checker<'a>, sink: Node<'a>) {
    let Some(tt) = crate::flow::macro_token_tree_of(sink) else {
        return;
    };
    let mut cursor = tt.walk();
    let first = tt
        .named_children(&mut cursor)
        .find(|n| !matches!(n.kind(), "line_comment" | "block_comment"));
    let Some(literal) = first.filter(|n| n.kind() == "string_literal") else {
        return;
    };
    let fmt = raw_string(checker.text(literal));
    let Some(q) = fmt.find('?') else { return };
    let url_shaped = fmt.starts_with('/') || fmt.starts_with("http") || fmt.starts_with("{}/");
    if !url_shaped {
        return;
    }
    // The positional arguments after the format string.
    let args: Vec<crate::flow::MacroArg<'a>> = checker
        .file
        .flow
        .macro_args(tt, Purpose::Exposure, 0)
        .into_iter()
        .filter(|a| a.node.id() != literal.id() && a.key.is_none())
        .collect();
    let mut next = 0usize;
    let mut best: Option<(Evidence<'a>, String)> = None;
    let bytes = fmt.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' && bytes.get(i + 1) == Some(&b'{') {
            i += 2;
            continue;
        }
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let Some(len) = fmt[i..].find('}') else { break };
        let inner = &fmt[i + 1..i + len];
        let spec = inner.split(':').next().unwrap_or("");
        let arg_index = if spec.is_empty() {
            let at = next;
            next += 1;
            Some(at)
        } else {
            spec.parse::<usize>().ok()
        };
        if i > q {
            let head = &fmt[..i];
            if let Some(key) = head
                .strip_suffix('=')
                .and_then(|h| h.rfind(['?', '&']).map(|ks| &h[ks + 1..]))
            {
                if !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                {
                    let from_value = match arg_index {
                        Some(ix) => args.get(ix).and_then(|a| a.evidence.clone()),
                        None => name_evidence(checker, spec, literal),
                    };
                    let from_key = name_evidence(checker, key, literal);
                    let ev = flow::max(from_value, from_key)
                        .filter(is_url_identifier)
                        .map(|mut e| {
                            e.node = literal;
                            e
                        });
                    if let Some(ev) = ev {
                        if best
                            .as_ref()
                            .is_none_or(|(b, _)| ev.class.score > b.class.score)
                        {
                            best = Some((
                                ev,
                                format!("query parameter `{}`", crate::flow::display_name(&[key])),
                            ));
                        }
                    }
                }
            }
        }
        i += len + 1;
    }
    if let Some((ev, place)) = best {
        report(checker, sink, &ev, &place);
    }
}

/// reqwest `.query(&[("member_id", &m.member_id), ("dob", &m.dob)])`: query parameters by
/// key.
fn rust_query_pairs<'a>(checker: &mut Checker<'a>, sink: Node<'a>, args: Node<'a>) {
    let flow = &checker.file.flow;
    let mut best: Option<Evidence<'a>> = None;
    let mut budget = 200usize;
    let mut stack = vec![args];
    while let Some(n) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        if n.kind() == "tuple_expression" {
            let (Some(k), Some(v)) = (n.named_child(0), n.named_child(1)) else {
                continue;
            };
            if let Some(key) = string_content(checker.text(k), k.kind()) {
                best = flow::max(best, flow.eval_keyed(key, k, v, Purpose::Exposure));
            }
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    if let Some(ev) = best.filter(is_url_identifier) {
        let place = format!("query parameters, key `{}`", ev.name);
        report(checker, sink, &ev, &place);
    }
}
