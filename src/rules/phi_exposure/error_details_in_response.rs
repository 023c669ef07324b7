//! PHI702 error-details-in-response.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::is_function;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags exception text and stack traces returned to clients: in Python, `str(e)`,
    /// `repr(e)`, `f"...{e}"` or `traceback.format_exc()` of a caught exception in a return
    /// value or a response (`jsonify`, `JSONResponse`, `HTTPException(detail=...)`); in
    /// JavaScript and TypeScript, `res.send(err.message)`, `res.json({ error: err })`,
    /// `res.status(500).send(err.stack)` with a caught or middleware error.
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
    /// Low confidence (shown with `--min-confidence low`): an error the handler picked out
    /// first (`if (err instanceof NotFoundError)`, `if err.code == ...`,
    /// `error.message.includes("Insufficient")`), whose message the application wrote; a
    /// client-error status (`res.status(400)`, `HTTPException(status_code=422, ...)`,
    /// `jsonify(...), 404`), which echoes the caller's own input; and a Python `except` of
    /// specific non-database exceptions (`except ValueError as e`); and code with no PHI
    /// vocabulary in its file path or its top-level statement (a failed cron parse or product
    /// save cannot quote a patient's data).
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
        queries: [python, ecma],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["except", "catch", "err", "error", "errors", "exception", "exc", "traceback", "formatexc"]),
    }
}

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
    if checker.file.lang.family() == crate::lang::Family::Python {
        python(checker, m, sink);
    } else {
        ecma(checker, m, sink);
    }
}

/// The `as` name of the innermost `except` clause around a node.
fn except_alias<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) {
            return None;
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
    let deliberate = m.get("arg").is_some()
        && (guarded_by(checker, sink, alias)
            || python_client_error(checker, sink)
            || specific_except(checker, sink)
            || !try_touches_phi(checker, sink));
    checker.report(
        sink,
        sink,
        format!(
            "{what} is sent to the client by {}; errors can quote the PHI they failed on",
            quote(&sink_name)
        ),
        level,
        if deliberate {
            Confidence::Low
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
                if list.len() == 4
                    && list.first().is_some_and(|f| {
                        checker.text(*f).split(':').next().unwrap_or("").trim() == name
                    })
                {
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
    let error_name = checker.text(focus).split('.').next().unwrap_or("");
    let deliberate = !is_stack
        && (guarded_by(checker, sink, error_name)
            || status_of(checker, receiver).is_some_and(|s| (400..500).contains(&s))
            || !try_touches_phi(checker, sink));
    checker.report(
        focus,
        sink,
        format!("{what} (`{}`) is sent to the client by `{callee}`; errors can quote the PHI they failed on", checker.code_name(focus)),
        level,
        if deliberate {
            Confidence::Low
        } else {
            Confidence::Medium
        },
    );
}

/// Whether `node` sits in the branch of an `if` (or a `case` of a `switch`) that tests the
/// error `name` first: `if (err instanceof NotFoundError)`, `if err.code == "P2025"`,
/// `error.message?.includes("Insufficient")`. The handler picked out an error whose message it
/// wrote itself.
fn guarded_by(checker: &Checker<'_>, node: Node<'_>, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let mentions = |n: Node<'_>| {
        let text = checker.text(n);
        text.len() <= 400
            && text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|w| w == name)
    };
    let mut child = node;
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) || matches!(p.kind(), "catch_clause" | "except_clause") {
            return false;
        }
        match p.kind() {
            "if_statement" | "elif_clause" => {
                let in_condition = p
                    .field("condition")
                    .is_some_and(|c| c.byte_range().contains(&child.start_byte()));
                if !in_condition && p.field("condition").is_some_and(mentions) {
                    return true;
                }
            }
            "switch_statement" if p.field("value").is_some_and(mentions) => return true,
            _ => {}
        }
        child = p;
        n = p.up();
    }
    false
}

/// Whether the code around `node` handles PHI at all: the file's path or the top-level
/// statement holding it (the route registration with its path, the whole handler function or
/// class) mentions PHI vocabulary (a patient, a diagnosis, a date of birth). An operation that
/// handles none (a cron expression that failed to parse, a product that failed to save) cannot
/// quote a patient's data in its error.
fn try_touches_phi(checker: &Checker<'_>, node: Node<'_>) -> bool {
    let vocab = checker.file.flow.vocab();
    if vocab.mentions_phi(checker.file.path) {
        return true;
    }
    // The top-level statement holding `node`: the root's child that contains it, found from
    // the root down (walking up costs O(depth) per step in tree-sitter).
    let root = checker.file.tree.root_node();
    let top = if root.id() == node.id() {
        node
    } else {
        root.child_with_descendant(node).unwrap_or(node)
    };
    let text = checker.text(top);
    text.len() > 50_000 || vocab.mentions_phi(text)
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

/// A Python response with a client-error status: `HTTPException(status_code=400, ...)`,
/// `HTTPException(422, ...)`, `abort(404, ...)`, `return jsonify(...), 400`,
/// `JsonResponse(..., status=409)`.
fn python_client_error(checker: &Checker<'_>, sink: Node<'_>) -> bool {
    let client = |text: &str| {
        text.trim()
            .parse::<u16>()
            .is_ok_and(|s| (400..500).contains(&s))
            || text.contains("HTTP_4")
            || text.contains("status.HTTP_4")
    };
    let mut n = sink.up();
    while let Some(p) = n {
        if is_function(p.kind()) || p.kind() == "block" {
            return false;
        }
        if p.kind() == "call" {
            if let Some(args) = p.field("arguments") {
                let mut cursor = args.walk();
                for (i, a) in args.named_children(&mut cursor).enumerate() {
                    let status = match a.kind() {
                        "keyword_argument" => a
                            .field("name")
                            .filter(|k| {
                                matches!(checker.text(*k), "status_code" | "status" | "code")
                            })
                            .and(a.field("value")),
                        _ if i == 0 => Some(a),
                        _ => None,
                    };
                    if status.is_some_and(|s| client(checker.text(s))) {
                        return true;
                    }
                }
            }
        }
        // `return jsonify(...), 400`
        if matches!(p.kind(), "expression_list" | "tuple") {
            let mut cursor = p.walk();
            if p.named_children(&mut cursor)
                .skip(1)
                .any(|c| client(checker.text(c)))
            {
                return true;
            }
        }
        n = p.up();
    }
    false
}

/// Whether the innermost `except` around `node` catches only specific exceptions that are not
/// database or driver errors: `except ValueError as e`, `except (KeyError, ValidationError)`.
/// Database errors quote the row they failed on; a bare `except`, `Exception` or
/// `BaseException` can be anything.
fn specific_except(checker: &Checker<'_>, node: Node<'_>) -> bool {
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) {
            return false;
        }
        if p.kind() == "except_clause" {
            let Some(first) = p.named_child(0).filter(|c| c.kind() != "block") else {
                return false;
            };
            let types = match first.kind() {
                "as_pattern" => first.named_child(0),
                _ => Some(first),
            };
            let Some(types) = types else {
                return false;
            };
            let text = checker.text(types);
            let names: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .filter(|w| !w.is_empty())
                .collect();
            return !names.is_empty()
                && names.iter().all(|full| {
                    let name = full.rsplit('.').next().unwrap_or(full);
                    let lower = name.to_ascii_lowercase();
                    !matches!(name, "Exception" | "BaseException")
                        && ![
                            "integrity",
                            "database",
                            "operational",
                            "sql",
                            "db",
                            "psycopg",
                            "query",
                            "programming",
                            "data",
                        ]
                        .iter()
                        .any(|w| lower.contains(w))
                });
        }
        n = p.up();
    }
    false
}
