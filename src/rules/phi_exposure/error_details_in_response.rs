//! PHI702 error-details-in-response.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{is_function, Evidence, Purpose};
use crate::phi::{tokenize, Kind};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags exception text and stack traces returned to clients: in Python, `str(e)`,
    /// `repr(e)`, `f"...{e}"` or `traceback.format_exc()` of a caught exception in a return
    /// value or a response (`jsonify`, `JSONResponse`, `HTTPException(detail=...)`, Falcon's
    /// `resp.media`), also in an application-wide error handler (Falcon
    /// `handler(req, resp, ex, params)`, Flask `@app.errorhandler`, FastAPI
    /// `@app.exception_handler`); in JavaScript and TypeScript, `res.send(err.message)`,
    /// `res.json({ error: err })`, `res.status(500).send(err.stack)` with a caught or
    /// middleware error, or the exception of a NestJS `@Catch()` filter.
    ///
    /// Also flags PHI the code itself writes into an error response: aiohttp
    /// `raise web.HTTPNotFound(text=f"no results for MRN {mrn}")`, Falcon
    /// `HTTPNotFound(description=...)`, FastAPI `HTTPException(404, detail=...)`, Flask
    /// `abort(404, ...)` and `return jsonify(...), 404`, Django `HttpResponseNotFound(...)`;
    /// `reply.code(404).send({ error: `...${lastName}` })`, NestJS
    /// `throw new NotFoundException(`...${mrn}`)`, http-errors `createError(404, ...)`;
    /// Rocket `Custom(Status::NotFound, format!(..))`, `status::NotFound(..)`, actix
    /// `HttpResponse::NotFound().body(..)`, axum `(StatusCode::NOT_FOUND, format!(..))`, tonic
    /// `Status::failed_precondition(format!(..))`, poem `Error::from_string(msg,
    /// StatusCode::NOT_FOUND)`, and a response variant of an application error enum
    /// (`Error::BadRequest(format!(..))`, `ApiError::NotFound(..)`); Hono
    /// `new HTTPException(409, { message })` and Feathers' error classes (`new Conflict(msg)`).
    /// Surrogate ids (`patient {id} not found`) are not reported.
    ///
    /// ## Why is this bad?
    /// Database, validation and serialisation errors quote the values they failed on
    /// (`duplicate key value (ssn)=(...)`, `invalid date "..."`), so the body can carry
    /// another patient's PHI to whoever made the request, and stack traces map the system for
    /// an attacker. Only the minimum necessary should leave (45 CFR 164.502(b)).
    ///
    /// ## Example
    /// ```python
    /// except IntegrityError as e:
    ///     return jsonify({"error": str(e)}), 500
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// except IntegrityError:
    ///     log.exception("insert failed", extra={"request_id": rid})
    ///     return jsonify({"error": "could not save the record", "request_id": rid}), 500
    /// ```
    ///
    /// ## Known limitations
    /// Python returns are reported only in functions that look like request handlers (a
    /// route decorator, or a `request` parameter that is unannotated or typed as the
    /// framework's `Request`; a `request: str` prompt does not count) or inside a response
    /// constructor. Errors
    /// passed to a framework's own error renderer are not followed.
    ///
    /// Low confidence (shown with `--min-confidence low`): the text of a caught error
    /// (`res.status(500).json({ error: err.message })`, `return {"error": str(e)}`), in a
    /// handler or in an application-wide error handler. On real applications such errors
    /// carried surrogate ids, constants and storage keys, and they go back to the user who made
    /// the request. Stack traces and tracebacks, and PHI the code itself writes into an error
    /// response, are reported at default confidence.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.312(a)(1) (access control)
    /// - CWE-209: Generation of Error Message Containing Sensitive Information
    pub ERROR_DETAILS_IN_RESPONSE = "PHI702" {
        name: "error-details-in-response",
        file: error_details_in_response,
        category: PhiExposure,
        safeguards: [MinimumNecessary, AccessControl],
        level: Warning,
        confidence: Medium,
        cwe: [209, 497],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["except", "catch", "err", "error", "errors", "exception", "exc", "traceback", "formatexc", "raise", "throw", "abort", "status", "code", "custom", "httpresponse", "jsonresponse", "statuscode"]),
    }
}

/// The confidence of a caught error's text sent back to the client. On real applications every
/// one judged (27 in twelve repositories: catch blocks of single handlers, Express error
/// middleware, Django views catching `IntegrityError`) carried surrogate ids, constants or
/// storage keys, and it returns to the user who made the request, whose own input is what a
/// validation error quotes; neither what the guarded block handled nor the kind of handler
/// separated the few that could quote PHI. A stack trace and PHI the code itself writes into an
/// error response keep their confidence.
const ERROR_TEXT_CONFIDENCE: Confidence = Confidence::Low;

const RESPONSES: &[&str] = &[
    "jsonify",
    "Response",
    "JSONResponse",
    "PlainTextResponse",
    "HTMLResponse",
    "HttpResponse",
    "JsonResponse",
    "HttpResponseBadRequest",
    "HttpResponseServerError",
    "make_response",
    "HTTPException",
    "abort",
    "render_template",
    "render",
];

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    match checker.file.lang.family() {
        crate::lang::Family::Python
            if m.get("exception").is_some()
                || m.get("args").is_some()
                || m.get("value").is_some() =>
        {
            python_echo(checker, m, sink)
        }
        crate::lang::Family::Python => python(checker, m, sink),
        crate::lang::Family::Rust => rust_echo(checker, m, sink),
        crate::lang::Family::Ecma if m.get("exception").is_some() => ecma_throw(checker, m, sink),
        crate::lang::Family::Ecma => {
            ecma(checker, m, sink);
            ecma_echo(checker, m, sink);
        }
    }
}

/// The `as` name of the innermost `except` clause around a node, or the exception parameter
/// of an application-wide error handler ([`error_handler_param`]).
fn except_alias<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) {
            return error_handler_param(checker, p);
        }
        if p.kind() == "except_clause" {
            let mut cursor = p.walk();
            for c in p.named_children(&mut cursor) {
                // `except E as e` (as_pattern with an alias) in current grammars
                if c.kind() == "as_pattern" {
                    if let Some(alias) = c.field("alias") {
                        return Some(checker.text(alias).trim());
                    }
                }
            }
            return Some("");
        }
        n = p.up();
    }
    None
}

fn python<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let Some(alias) = except_alias(checker, sink) else {
        return;
    };
    let what = if let Some(arg) = m.get("arg") {
        let name = checker.text(arg);
        if alias.is_empty() || name != alias {
            return;
        }
        format!("exception text of `{name}`")
    } else {
        "a stack trace".to_string()
    };
    // Walk out to the statement: a return, or a response constructor on the way.
    let mut n = sink.up();
    let mut via: Option<&str> = None;
    let mut returned = false;
    while let Some(p) = n {
        if is_function(p.kind()) || p.kind() == "block" {
            break;
        }
        if p.kind() == "call" {
            if let Some(c) = p.field("function") {
                let text = checker.text(c);
                let last = text.rsplit('.').next().unwrap_or(text);
                if RESPONSES.contains(&last) {
                    via = Some(last);
                }
            }
        }
        // `raise HTTPException(detail=str(e))` counts through the constructor above; a
        // plain `raise ValueError(str(e))` stays on the server.
        if p.kind() == "return_statement" {
            returned = true;
            break;
        }
        if p.kind() == "raise_statement" {
            break;
        }
        // Falcon: `resp.media = {"detail": str(ex)}`, `resp.text = str(ex)`.
        if p.kind() == "assignment" {
            let left = p.field("left").map(|l| checker.text(l)).unwrap_or("");
            if let Some((obj, attr)) = left.rsplit_once('.') {
                if matches!(obj, "resp" | "response")
                    && matches!(attr, "media" | "text" | "body" | "data")
                {
                    via = Some(left);
                }
            }
            break;
        }
        n = p.up();
    }
    let handler = enclosing_handler(checker, sink);
    let sink_name = match (via, returned) {
        (Some(v), _) => v.to_string(),
        (None, true) if handler => "the handler's return value".to_string(),
        _ => return,
    };
    let level = if m.get("arg").is_none() {
        Level::Error
    } else {
        Level::Warning
    };
    // The text of a caught error is low confidence (see `ERROR_TEXT_CONFIDENCE`); a
    // traceback (no `arg`: `traceback.format_exc()`) is not.
    let deliberate = m.get("arg").is_some();
    checker.report(
        sink,
        sink,
        format!(
            "{what} is sent to the client by {}; errors can quote the PHI they failed on",
            quote(&sink_name)
        ),
        level,
        if deliberate {
            ERROR_TEXT_CONFIDENCE
        } else {
            Confidence::Medium
        },
    );
}

fn quote(s: &str) -> String {
    if s.contains(' ') {
        s.to_string()
    } else {
        format!("`{s}`")
    }
}

/// Whether the function around a node looks like a request handler: decorated with a route
/// (`@app.get`, `@router.post`, `@api_view`) or taking `request`.
fn enclosing_handler(checker: &Checker<'_>, node: Node<'_>) -> bool {
    let mut n = node.up();
    while let Some(p) = n {
        if p.kind() == "function_definition" {
            if let Some(params) = p.field("parameters") {
                let mut cursor = params.walk();
                if params
                    .named_children(&mut cursor)
                    .any(|param| is_request_param(checker, param))
                {
                    return true;
                }
            }
            if let Some(d) = p.up().filter(|d| d.kind() == "decorated_definition") {
                let mut cursor = d.walk();
                let decorated = d.named_children(&mut cursor).any(|c| {
                    c.kind() == "decorator"
                        && tokenize(checker.text(c)).iter().any(|w| {
                            matches!(
                                w.as_str(),
                                "route"
                                    | "get"
                                    | "post"
                                    | "put"
                                    | "patch"
                                    | "delete"
                                    | "api"
                                    | "view"
                                    | "websocket"
                            )
                        })
                });
                return decorated;
            }
            return false;
        }
        n = p.up();
    }
    false
}

/// Whether a parameter is the framework's request: named `request` or `req`, with no annotation
/// or a request class (`Request`, `HttpRequest`, `starlette.requests.Request`). A `request: str`
/// prompt or a `request: RollbackRequest` body model does not make a function a handler.
fn is_request_param(checker: &Checker<'_>, param: Node<'_>) -> bool {
    let name = match param.kind() {
        "identifier" => Some(param),
        "default_parameter" | "typed_default_parameter" => param.field("name"),
        "typed_parameter" => param.named_child(0).filter(|n| n.kind() == "identifier"),
        _ => None,
    };
    if !name.is_some_and(|n| matches!(checker.text(n), "request" | "req")) {
        return false;
    }
    let Some(annotation) = param.field("type") else {
        return true;
    };
    let text = checker.text(annotation).trim_matches(['"', '\'']);
    let last = text.rsplit('.').next().unwrap_or(text).trim();
    matches!(
        last,
        "Request" | "HttpRequest" | "WSGIRequest" | "ASGIRequest" | "HTTPConnection" | "Any"
    )
}

/// The name of an error bound by an enclosing `catch (e)` or the first parameter of a
/// four-parameter Express error middleware `(err, req, res, next)`.
fn is_error_binding(checker: &Checker<'_>, ident: Node<'_>) -> bool {
    let name = checker.text(ident);
    let mut n = ident.up();
    while let Some(p) = n {
        if p.kind() == "catch_clause" {
            if let Some(param) = p.field("parameter") {
                if checker.text(param) == name {
                    return true;
                }
            }
        }
        if is_function(p.kind()) {
            if let Some(params) = p.field("parameters") {
                let mut cursor = params.walk();
                let list: Vec<Node<'_>> = params.named_children(&mut cursor).collect();
                let first_is_name = list.first().is_some_and(|f| {
                    checker.text(*f).split(':').next().unwrap_or("").trim() == name
                });
                if list.len() == 4 && first_is_name {
                    return true;
                }
                if first_is_name && is_nest_exception_filter(checker, p) {
                    return true;
                }
            }
        }
        n = p.up();
    }
    false
}

fn ecma<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(receiver), Some(args)) = (m.get("receiver"), m.get("args")) else {
        return;
    };
    // The root of `res.status(500)`, `reply.code(500)`, `ctx.res`
    let mut root = receiver;
    while let Some(inner) = root.field("object").or_else(|| root.field("function")) {
        root = inner;
    }
    let root_text = checker.text(root);
    if !matches!(root_text, "res" | "response" | "reply" | "resp") {
        return;
    }
    // Find the error value in the arguments: `err`, `err.message`, `err.stack`.
    let mut stack: Vec<Node<'a>> = vec![args];
    let mut found: Option<(Node<'a>, bool)> = None;
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" && is_error_binding(checker, n) {
            let parent = n.up();
            let prop = parent
                .filter(|p| p.kind() == "member_expression")
                .and_then(|p| p.field("property"))
                .map(|p| checker.text(p));
            match prop {
                Some("stack") => {
                    found = Some((parent.unwrap_or(n), true));
                    break;
                }
                Some("message") | None => {
                    found = Some((parent.filter(|_| prop.is_some()).unwrap_or(n), false));
                }
                Some(_) => {}
            }
            continue;
        }
        if is_function(n.kind()) {
            continue;
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    let Some((focus, is_stack)) = found else {
        return;
    };
    // `res.status(500).json` reads `res.json`: the root and the sending method.
    let callee = sink
        .field("function")
        .map(|c| checker.text(c))
        .filter(|t| t.len() <= 48 && !t.contains(['"', '\'', '`', '(']))
        .map(str::to_string)
        .or_else(|| {
            m.get("method")
                .map(|meth| format!("{root_text}.{}", checker.text(meth)))
        })
        .unwrap_or_else(|| "res.send".to_string());
    let (what, level) = if is_stack {
        ("a stack trace", Level::Error)
    } else {
        ("error text", Level::Warning)
    };
    // The text of a caught error is low confidence (see `ERROR_TEXT_CONFIDENCE`); a stack
    // trace is not.
    let deliberate = !is_stack;
    checker.report(
        focus,
        sink,
        format!("{what} (`{}`) is sent to the client by `{callee}`; errors can quote the PHI they failed on", checker.code_name(focus)),
        level,
        if deliberate {
            ERROR_TEXT_CONFIDENCE
        } else {
            Confidence::Medium
        },
    );
}

/// The status code set on a response chain: `res.status(404)`, `reply.code(400)`.
fn status_of(checker: &Checker<'_>, receiver: Node<'_>) -> Option<u16> {
    let mut n = Some(receiver);
    while let Some(node) = n {
        if node.kind() == "call_expression" {
            let method = node
                .field("function")
                .and_then(|f| f.field("property"))
                .map(|p| checker.text(p));
            if matches!(method, Some("status" | "code")) {
                let arg = node.field("arguments").and_then(|a| a.named_child(0))?;
                return checker.text(arg).parse().ok();
            }
        }
        n = node.field("object").or_else(|| node.field("function"));
    }
    None
}

/// The exception parameter of an application-wide error handler: Falcon's
/// `handler(req, resp, ex, params)` (given to `add_error_handler`), a Flask
/// `@app.errorhandler(...)` function, a FastAPI/Starlette `@app.exception_handler(...)`
/// function (`(request, exc)`).
fn error_handler_param<'a>(checker: &Checker<'a>, func: Node<'a>) -> Option<&'a str> {
    if func.kind() != "function_definition" {
        return None;
    }
    let params = func.field("parameters")?;
    let mut cursor = params.walk();
    let names: Vec<&'a str> = params
        .named_children(&mut cursor)
        .filter_map(|p| match p.kind() {
            "identifier" => Some(checker.text(p)),
            "typed_parameter" => p.named_child(0).map(|n| checker.text(n)),
            _ => None,
        })
        .collect();
    let names: Vec<&'a str> = names.into_iter().filter(|n| *n != "self").collect();
    // Falcon
    if names.len() == 4 && matches!(names[1], "resp" | "response") && names[3] == "params" {
        return Some(names[2]);
    }
    let decorated = func
        .parent()
        .filter(|d| d.kind() == "decorated_definition")
        .is_some_and(|d| {
            let mut c = d.walk();
            let found = d.named_children(&mut c).any(|c| {
                c.kind() == "decorator" && {
                    let t = checker.text(c);
                    t.contains("errorhandler") || t.contains("exception_handler")
                }
            });
            found
        });
    if !decorated {
        return None;
    }
    // Flask `(e)`, FastAPI `(request, exc)`
    names.last().copied()
}

fn is_nest_exception_filter(checker: &Checker<'_>, func: Node<'_>) -> bool {
    if func.kind() != "method_definition"
        || func.field("name").map(|n| checker.text(n)) != Some("catch")
    {
        return false;
    }
    let mut n = func.parent();
    while let Some(p) = n {
        if matches!(p.kind(), "class_declaration" | "class") {
            let text = checker.text(p);
            let head = text.split('{').next().unwrap_or("");
            let decorated =
                p.prev_named_sibling().is_some_and(|d| {
                    d.kind() == "decorator" && checker.text(d).starts_with("@Catch")
                }) || {
                    let mut c = p.walk();
                    let found = p
                        .children(&mut c)
                        .any(|c| c.kind() == "decorator" && checker.text(c).starts_with("@Catch"));
                    found
                } || p.parent().is_some_and(|e| {
                    let mut c = e.walk();
                    let found = e
                        .children(&mut c)
                        .any(|c| c.kind() == "decorator" && checker.text(c).starts_with("@Catch"));
                    found
                });
            return decorated || head.contains("ExceptionFilter");
        }
        n = p.parent();
    }
    false
}

/// PHI the code itself writes into an error response (not exception text): an identifier or
/// health value, not a surrogate id or a whole record returned alongside.
fn echoed_phi<'a>(checker: &Checker<'a>, nodes: &[Node<'a>]) -> Option<Evidence<'a>> {
    let flow = &checker.file.flow;
    let mut best: Option<Evidence<'a>> = None;
    for n in nodes {
        let ev = if n.kind() == "keyword_argument" {
            match (n.field("name"), n.field("value")) {
                (Some(k), Some(v)) => {
                    let key = checker.text(k);
                    // `status_code=404`, `headers={...}`: not the message.
                    if matches!(
                        key,
                        "status_code" | "status" | "headers" | "code" | "content_type"
                    ) {
                        None
                    } else {
                        flow.eval(v, Purpose::Exposure)
                    }
                }
                _ => None,
            }
        } else {
            checker.phi(*n, Purpose::Exposure)
        };
        best = crate::flow::max(best, ev);
    }
    best.filter(|e| {
        e.class.score >= 0.5
            && !e.class.aggregate
            && e.class.kind != Kind::InternalId
            && !e.class.masked
    })
}

fn report_echo<'a>(checker: &mut Checker<'a>, sink: Node<'a>, evidence: &Evidence<'a>, what: &str) {
    let message = format!(
        "{} is echoed in {what}; error bodies reach clients, proxies and their logs",
        evidence.describe()
    );
    checker.report_phi(sink, evidence, message);
}

/// The arguments of a call, comments left out.
fn call_args<'a>(args: Node<'a>) -> Vec<Node<'a>> {
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|a| !matches!(a.kind(), "comment" | "line_comment" | "block_comment"))
        .collect()
}

/// The last segment of a callee (`web.HTTPNotFound` → `HTTPNotFound`).
fn last_name<'a>(checker: &Checker<'a>, callee: Node<'a>) -> &'a str {
    let t = checker.text(callee);
    t.rsplit(['.', ':']).next().unwrap_or(t)
}

/// Error responses a Python handler raises or returns, with their message: aiohttp
/// `web.HTTPNotFound(text=...)`, Falcon `falcon.HTTPBadRequest(description=...)`, FastAPI and
/// Starlette `HTTPException(status_code, detail=...)`, werkzeug and Flask `abort(404, ...)`,
/// `NotFound(...)`, DRF `NotFound(...)`, `PermissionDenied(...)`, Django
/// `HttpResponseNotFound(...)`, `JsonResponse(..., status=404)`, and Flask's
/// `return jsonify(...), 404`.
fn python_echo<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    if let (Some(body), Some(status)) = (m.get("arg"), m.get("value")) {
        // `return jsonify(error=f"..."), 404`
        let is_error = checker
            .text(status)
            .parse::<u16>()
            .is_ok_and(|s| (400..600).contains(&s));
        if !is_error {
            return;
        }
        // `jsonify(error=...)`, `make_response(...)`: the response's arguments.
        let parts = match (body.kind(), body.field("arguments")) {
            ("call", Some(a)) => call_args(a),
            _ => vec![body],
        };
        if let Some(e) = echoed_phi(checker, &parts) {
            report_echo(checker, sink, &e, "the handler's error response");
        }
        return;
    }
    let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
        return;
    };
    let name = last_name(checker, callee);
    let raised = m.get("exception").is_some();
    let list = call_args(args);
    let error_class = raised
        && ((name.starts_with("HTTP") && name.len() > 4 && name != "HTTPStatus")
            || matches!(
                name,
                "NotFound"
                    | "BadRequest"
                    | "Conflict"
                    | "Forbidden"
                    | "Unauthorized"
                    | "Gone"
                    | "UnprocessableEntity"
                    | "PermissionDenied"
                    | "NotAcceptable"
                    | "APIException"
                    | "ParseError"
                    | "NotAuthenticated"
                    | "SanicException"
                    | "InvalidUsage"
            ));
    let response = match name {
        "abort" if !raised => list
            .first()
            .is_some_and(|f| checker.text(*f).parse::<u16>().is_ok_and(|s| s >= 400)),
        "HttpResponseNotFound"
        | "HttpResponseBadRequest"
        | "HttpResponseForbidden"
        | "HttpResponseGone"
        | "HttpResponseServerError" => true,
        "JsonResponse" | "HttpResponse" | "JSONResponse" | "PlainTextResponse" => {
            list.iter().any(|a| {
                a.kind() == "keyword_argument"
                    && a.field("name")
                        .is_some_and(|k| matches!(checker.text(k), "status" | "status_code"))
                    && a.field("value").is_some_and(|v| {
                        let t = checker.text(v);
                        t.parse::<u16>().is_ok_and(|s| s >= 400)
                            || t.contains("HTTP_4")
                            || t.contains("HTTP_5")
                    })
            })
        }
        _ => false,
    };
    if !(error_class || response) {
        return;
    }
    // The status code itself is not the message.
    let message_args: Vec<Node<'a>> = list
        .into_iter()
        .filter(|a| {
            let t = checker.text(*a);
            a.kind() != "integer" && !t.contains("HTTP_") && !t.contains("HTTPStatus")
        })
        .collect();
    if let Some(e) = echoed_phi(checker, &message_args) {
        let what = format!("the error response of `{name}`");
        report_echo(checker, sink, &e, &what);
    }
}

/// NestJS `throw new NotFoundException(...)` (every `HttpException` of `@nestjs/common`),
/// http-errors `throw createError(404, ...)`, Boom `throw Boom.notFound(...)`: the message is
/// the response body.
fn ecma_throw<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(callee), Some(args)) = (m.get("callee"), m.get("args")) else {
        return;
    };
    let text = checker.text(callee);
    let name = last_name(checker, callee);
    let nest = name.ends_with("Exception")
        && (name == "HttpException" || checker.file.source_contains("@nestjs/common"))
        && name != "Exception";
    let http_errors = matches!(name, "createError" | "createHttpError" | "HttpError")
        || text.starts_with("createError.")
        || text.starts_with("httpErrors.")
        || text.starts_with("Boom.");
    // Hono's `HTTPException(409, { message })` (its message is the response body) and Feathers'
    // error classes (`new Conflict(msg)`, `new errors.NotFound(msg)`), which the REST transport
    // renders to the client.
    let hono = name == "HTTPException" && checker.file.source_contains("hono");
    let feathers = checker.file.source_contains("@feathersjs/errors")
        && (is_response_status(name, false)
            || matches!(
                name,
                "NotAuthenticated" | "Unprocessable" | "GeneralError" | "PaymentError"
            ));
    if !(nest || http_errors || hono || feathers) {
        return;
    }
    let list: Vec<Node<'a>> = call_args(args)
        .into_iter()
        .filter(|a| a.kind() != "number")
        .collect();
    if let Some(e) = echoed_phi(checker, &list) {
        let what = format!("the error response of `{}`", checker.code_name(callee));
        report_echo(checker, sink, &e, &what);
    }
}

/// `res.status(404).json({ error: `no patient ${lastName}` })`, `reply.code(404).send(...)`,
/// Koa `ctx.throw(404, msg)`, fastify-sensible `reply.notFound(msg)`: PHI in a response sent
/// with an error status.
fn ecma_echo<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(receiver), Some(args)) = (m.get("receiver"), m.get("args")) else {
        return;
    };
    let mut root = receiver;
    while let Some(inner) = root.field("object").or_else(|| root.field("function")) {
        root = inner;
    }
    if !matches!(checker.text(root), "res" | "response" | "reply" | "resp") {
        return;
    }
    if status_of(checker, receiver).is_none_or(|s| s < 400) {
        return;
    }
    let list = call_args(args);
    if let Some(e) = echoed_phi(checker, &list) {
        let what = format!("an error response sent by `{}`", checker.sink_name(sink));
        report_echo(checker, sink, &e, &what);
    }
}

/// Rust error responses with a message the code wrote: Rocket `Custom(Status::NotFound, msg)`,
/// `status::NotFound(msg)`, actix `HttpResponse::NotFound().body(msg)`,
/// `error::ErrorNotFound(msg)`, axum `(StatusCode::NOT_FOUND, msg)`.
fn rust_echo<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let args: Vec<Node<'a>> = if let Some(args) = m.get("args") {
        call_args(args)
    } else if let Some(arg) = m.get("arg") {
        vec![arg]
    } else {
        return;
    };
    let what = match (m.get("callee"), m.get("key")) {
        (Some(c), _) => format!("the error response of `{}`", checker.code_name(c)),
        (None, Some(k)) => format!("a `{}` response", checker.code_name(k)),
        _ => "an error response".to_string(),
    };
    if let Some(status) = m.get("key") {
        // `(StatusCode::NOT_FOUND, msg)`, `HttpResponse::NotFound()`: only error statuses.
        if !is_error_status(checker.text(status)) {
            return;
        }
    }
    if let (Some(c), Some(etype)) = (m.get("callee"), m.get("receiver")) {
        // `Status::not_found(..)` (tonic), `Error::BadRequest(..)`: a response status by name
        // (`Error::Io(..)`, `Status::from_error(..)` are not).
        let is_status = checker.text(etype).ends_with("Status");
        // poem `Error::from_string(msg, StatusCode::NOT_FOUND)`: the status is an argument.
        let with_status = matches!(checker.text(c), "from_string" | "from_response")
            && args.iter().any(|a| {
                let t = checker.text(*a);
                t.contains("StatusCode::") && is_error_status(t.rsplit("::").next().unwrap_or(""))
            });
        if !is_response_status(checker.text(c), is_status) && !with_status {
            return;
        }
    } else if let Some(c) = m.get("callee") {
        let last = last_name(checker, c);
        if last == "Custom" {
            // `Custom(Status::Ok, ..)` is not an error.
            let first = args.first().map(|a| checker.text(*a)).unwrap_or("");
            let status = first.rsplit("::").next().unwrap_or("");
            if !first.contains("Status::") || !is_error_status(status) {
                return;
            }
        } else if checker.text(c).starts_with("error::") {
            if !last.starts_with("Error") {
                return;
            }
        } else if !is_error_status(last) {
            return;
        }
    }
    let message_args: Vec<Node<'a>> = args
        .into_iter()
        .filter(|a| !checker.text(*a).contains("Status"))
        .collect();
    if let Some(e) = echoed_phi(checker, &message_args) {
        report_echo(checker, sink, &e, &what);
    }
}

/// Whether a constructor names an error response status: a tonic `Status` constructor
/// (`not_found`, `failed_precondition`, `invalid_argument`) or an HTTP status variant of an
/// application error (`BadRequest`, `NotFound`, `Conflict`, `Unauthorized`).
fn is_response_status(name: &str, tonic: bool) -> bool {
    let n: String = name
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let grpc = [
        "notfound",
        "invalidargument",
        "failedprecondition",
        "alreadyexists",
        "permissiondenied",
        "unauthenticated",
        "internal",
        "aborted",
        "outofrange",
        "unavailable",
        "dataloss",
        "unknown",
        "new",
    ];
    let http = [
        "badrequest",
        "notfound",
        "unauthorized",
        "forbidden",
        "conflict",
        "unprocessableentity",
        "internalservererror",
        "gone",
        "precondition",
        "preconditionfailed",
        "toomanyrequests",
        "customerror",
    ];
    if tonic {
        grpc.contains(&n.as_str())
    } else {
        http.contains(&n.as_str())
    }
}

/// Whether a status name is an error (`NotFound`, `NOT_FOUND`, `BadRequest`), not a success or
/// redirect (`Ok`, `CREATED`, `Found`, `MovedPermanently`).
fn is_error_status(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    ![
        "ok",
        "created",
        "accepted",
        "nocontent",
        "found",
        "moved",
        "seeother",
        "temporaryredirect",
        "permanentredirect",
        "notmodified",
        "partialcontent",
        "continue",
        "switching",
        "resetcontent",
        "custom",
    ]
    .iter()
    .any(|p| n.starts_with(p))
}
