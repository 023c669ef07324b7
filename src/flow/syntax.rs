//! Syntax knowledge the data-flow layer needs, per language family: which nodes are functions,
//! literals, bindings and callees, and the binding index built in one iterative walk.

use tree_sitter::Node;

use super::{Binding, Index, Value};
use crate::lang::Family;
use crate::tree::NodeExt;

/// Node kinds that open a function scope in any of the grammars.
pub fn is_function(kind: &str) -> bool {
    FUNCTION_KINDS.contains(&kind)
}

/// The node kinds [`is_function`] accepts.
pub const FUNCTION_KINDS: &[&str] = &[
    "function_definition",
    "lambda",
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
    "function_item",
    "closure_expression",
];

/// [`FUNCTION_KINDS`] by symbol id.
pub static FUNCTIONS: crate::tree::PerLanguage = crate::tree::PerLanguage::new(FUNCTION_KINDS);

/// Literal constants: a value that cannot carry PHI from elsewhere.
pub fn is_literal(kind: &str) -> bool {
    matches!(
        kind,
        "integer"
            | "float"
            | "true"
            | "false"
            | "none"
            | "number"
            | "null"
            | "undefined"
            | "integer_literal"
            | "float_literal"
            | "boolean_literal"
            | "char_literal"
            | "string_literal"
            | "raw_string_literal"
            | "string_fragment"
    )
}

/// Whether a node is a string literal with nothing interpolated: a JavaScript `'..'`/`".."`, a
/// template string without `${}`, a Python string that is no f-string with fields.
pub fn is_plain_string(node: Node<'_>) -> bool {
    match node.kind() {
        "string" | "template_string" => {
            let mut cursor = node.walk();
            let plain = node
                .named_children(&mut cursor)
                .all(|c| !matches!(c.kind(), "interpolation" | "template_substitution"));
            plain
        }
        _ => false,
    }
}

/// Whether an identifier is written in constant case (`MEDICATION_ORDER_CODE`, `EHR`,
/// `MAX_PATIENTS_2`): upper-case letters, digits and underscores, with at least two letters.
/// By convention such a name holds a constant, a code or a setting, not a value read at run time.
pub fn is_constant_case(name: &str) -> bool {
    name.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Unwraps parentheses.
pub fn unwrap_parens(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression" | "await" | "await_expression"
    ) {
        match node.named_child(0) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The callee of a call or macro.
pub fn callee(node: Node<'_>) -> Option<Node<'_>> {
    node.field("function")
        .or_else(|| node.field("constructor"))
        .or_else(|| node.field("macro"))
}

/// Whether a node kind is a string literal (any language), not a comment or a number.
pub fn is_string(kind: &str) -> bool {
    matches!(
        kind,
        "string" | "string_literal" | "raw_string_literal" | "template_string"
    )
}

/// `node` without the wrappers that leave its value as it is: parentheses, `await`, and
/// TypeScript's `x as T`, `x!`, `x satisfies T`, `<T>x`.
pub fn unwrap_value(mut node: Node<'_>) -> Node<'_> {
    loop {
        node = unwrap_parens(node);
        match node.kind() {
            "as_expression" | "non_null_expression" | "type_assertion" | "satisfies_expression" => {
                match node.named_child(0) {
                    Some(inner) => node = inner,
                    None => return node,
                }
            }
            _ => return node,
        }
    }
}

/// The text of a key: identifiers as they are, strings without quotes.
pub fn key_text<'s>(text: &'s str, kind: &str) -> Option<&'s str> {
    match kind {
        "string" | "string_literal" => string_content(text, kind),
        "identifier"
        | "property_identifier"
        | "field_identifier"
        | "shorthand_property_identifier" => Some(text),
        _ => None,
    }
}

/// The content of a plain string literal without interpolation.
pub fn string_content<'s>(text: &'s str, kind: &str) -> Option<&'s str> {
    if !matches!(kind, "string" | "string_literal") {
        return None;
    }
    let t = text.trim_start_matches(['r', 'b', 'u', 'R', 'B', 'U']);
    let q = t.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') {
        return None;
    }
    let inner = t.trim_start_matches(q).trim_end_matches(q);
    if inner.contains(['{', '$', '\n']) || inner.len() > 64 {
        return None;
    }
    Some(inner)
}

/// The name of the class, or `impl` type, enclosing a node (for `self.ssn` inside `Patient`).
pub fn enclosing_class_name<'a>(node: Node<'_>, source: &'a str) -> Option<&'a str> {
    let mut n = node.up();
    while let Some(p) = n {
        match p.kind() {
            "class_definition" | "class_declaration" | "class" => {
                return p.field("name").and_then(|c| source.get(c.byte_range()));
            }
            "impl_item" => {
                return p.field("type").and_then(|c| source.get(c.byte_range()));
            }
            _ => {}
        }
        n = p.up();
    }
    None
}

/// The token tree of a macro invocation.
pub fn macro_token_tree(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    let found = node
        .children(&mut cursor)
        .find(|c| c.kind() == "token_tree");
    found
}

/// Identifiers captured inline by a Rust format string: `"{ssn}"`, `"{name:?}"`.
pub fn format_captures(literal: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = literal.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            if j > start
                && !bytes[start].is_ascii_digit()
                && matches!(bytes.get(j), Some(b'}' | b':'))
            {
                out.push(&literal[start..j]);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Calls whose result says nothing about the value's content (sizes, booleans, types).
pub const DEMOTING_CALLS: &[&str] = &[
    "len",
    "length",
    "count",
    "size",
    "bool",
    "isinstance",
    "type",
    "typeof",
    "id",
    "hash",
    "exists",
    "is_empty",
    "isEmpty",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "isValid",
    "is_valid",
    "validate",
    "startswith",
    "endswith",
    "startsWith",
    "endsWith",
    "includes",
    "contains",
    "__len__",
    "sizeof",
    "keys",
    "uuid4",
    "uuid",
    "now",
    "time",
    "random",
];

/// The last segment of a callee path (`request.session.set_expiry` → `set_expiry`,
/// `AuditLog::create` → `create`).
pub fn last_segment(text: &str) -> &str {
    text.rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or(text)
        .trim()
}

/// Whether an expression's value is a size, a count or a truth value, whatever it reads:
/// `len(meds)`, `bool(subject_id)`, `rows.length`, `!!patient`, `not found`, `a == b`,
/// `typeof x`, `isinstance(x, Patient)`. Under a PHI key (`currentMedications: rows.length`,
/// `"google_subject_id": bool(sub)`) the key then names what was counted or tested, not what
/// the record holds.
pub fn content_free(node: Node<'_>, source: &str) -> bool {
    let text = |n: Node<'_>| source.get(n.byte_range()).unwrap_or("");
    let node = unwrap_parens(node);
    match node.kind() {
        "not_operator" | "comparison_operator" => true,
        "unary_expression" => {
            let op = node.child(0).map(text).unwrap_or("");
            matches!(op, "!" | "typeof")
        }
        "binary_expression" => {
            let op = node.field("operator").map(text).unwrap_or("");
            matches!(
                op,
                "==" | "===" | "!=" | "!==" | "<" | ">" | "<=" | ">=" | "instanceof" | "in"
            )
        }
        "call" | "call_expression" => callee(node).is_some_and(|c| {
            let name = text(c).rsplit(['.', ':']).next().unwrap_or("");
            // `Number(rows[0].count)`, `int(len(x))`: a number conversion of a count is one.
            if matches!(name, "Number" | "parseInt" | "parseFloat" | "int" | "float") {
                return node
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .is_some_and(|a| content_free(a, source));
            }
            matches!(name, "bool" | "Boolean" | "len" | "isinstance")
                || (DEMOTING_CALLS.contains(&name)
                    && !matches!(
                        name,
                        "id" | "hash" | "uuid" | "uuid4" | "now" | "time" | "random" | "keys"
                    ))
        }),
        "attribute" | "member_expression" | "field_expression" => node
            .field("attribute")
            .or_else(|| node.field("property"))
            .or_else(|| node.field("field"))
            .is_some_and(|m| matches!(text(m), "length" | "size" | "count")),
        _ => false,
    }
}

/// Calls that answer with some or all of a collection's own elements: methods on the
/// collection (JS, Rust) or, in Python, builtins given it.
pub const COLLECTION_CALLS: &[&str] = &[
    "filter",
    "sort",
    "reverse",
    "toSorted",
    "toReversed",
    "flat",
    "into_iter",
    "iter_mut",
    "cloned",
    "copied",
    "rev",
    "take",
    "skip",
    "peekable",
    "sorted",
    "reversed",
];

/// Calls that pass their input (receiver or arguments) through: conversions, string building,
/// serialisation. PHI_DOMAIN §4.0: base64, JSON, `repr`, `String(x)` are not sanitisers.
pub const PASSTHROUGH_CALLS: &[&str] = &[
    "str",
    "repr",
    "format",
    "String",
    "toString",
    "to_string",
    "to_owned",
    "clone",
    "as_str",
    "as_ref",
    "as_bytes",
    "into_bytes",
    "to_vec",
    // serde_json's pretty-printing serialisers.
    "to_vec_pretty",
    "to_string_pretty",
    "isoformat",
    "toISOString",
    "into",
    "unwrap",
    "unwrap_or",
    "unwrap_or_default",
    "expect",
    "strip",
    "trim",
    "lower",
    "upper",
    "toLowerCase",
    "toUpperCase",
    "to_lowercase",
    "to_uppercase",
    "capitalize",
    "title",
    "join",
    "dumps",
    "stringify",
    "serialize",
    "to_dict",
    "dict",
    "model_dump",
    "model_dump_json",
    "json",
    "to_json",
    "toJSON",
    "as_dict",
    "asdict",
    "jsonable_encoder",
    "model_to_dict",
    "vars",
    "encode",
    "decode",
    "b64encode",
    "urlsafe_b64encode",
    "btoa",
    "encodeURIComponent",
    "encodeURI",
    "quote",
    "urlencode",
    "pformat",
    "get",
    "getattr",
    "pop",
    "getlist",
    "Some",
    "Ok",
    "new",
    "from",
    "f",
    "concat",
    "fmt",
    "pprint",
    "inspect",
    "to_vec",
    "as_bytes",
    "into_bytes",
    "to_bytes",
    "iter",
    "collect",
    "map",
    "lstrip",
    "rstrip",
    "trimEnd",
    "trimStart",
    "strftime",
    "isoformat",
    "toISOString",
    "toLocaleDateString",
    "toDateString",
    "replace",
    "slice",
    "substring",
    "substr",
    "split",
    "first",
    "last",
    // A frame built from records holds them: `pd.DataFrame(patients).to_csv(...)`.
    "DataFrame",
    "from_records",
    "json_normalize",
];

/// Query verbs: called on a PHI model they return PHI records.
pub const QUERY_VERBS: &[&str] = &[
    "get",
    "filter",
    "all",
    "first",
    "last",
    "get_or_create",
    "get_object_or_404",
    "find",
    "findOne",
    "findUnique",
    "findFirst",
    "findMany",
    "findById",
    "findByPk",
    "findAll",
    "query",
    "select",
    "fetch_one",
    "fetch_all",
    "fetch_optional",
    "one",
    "one_or_none",
    "scalar",
    "scalars",
    "load",
    "read",
    "search",
    "retrieve",
    "exclude",
    "values",
    "objects",
    "order_by",
    "filter_by",
    "select_related",
    "prefetch_related",
    // Flask-SQLAlchemy, SQLAlchemy 2.
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "paginate",
    "scalar_one",
    "scalar_one_or_none",
    // Django (async forms too).
    "in_bulk",
    "latest",
    "earliest",
    "aget",
    "afirst",
    // Sequelize, Mongoose.
    "findAndCountAll",
    "findOrCreate",
    "findOneAndUpdate",
    "findByIdAndUpdate",
    // Prisma.
    "findUniqueOrThrow",
    "findFirstOrThrow",
    // TypeORM.
    "findBy",
    "findOneBy",
    "findOneOrFail",
    "findOneByOrFail",
    "getOne",
    "getMany",
    // Diesel, sqlx, SeaORM.
    "get_result",
    "get_results",
    "fetch",
    "find_by_id",
];

/// Strips a leading accessor verb: `get_full_name` → `full_name`, `getPatient` → `Patient`.
pub fn strip_verb(method: &str) -> &str {
    for verb in [
        "get_", "fetch_", "load_", "find_", "read_", "get", "fetch", "load", "find", "read",
    ] {
        if let Some(rest) = method.strip_prefix(verb) {
            if verb.ends_with('_') || rest.starts_with(|c: char| c.is_uppercase()) {
                return rest;
            }
        }
    }
    method
}

/// Builds the binding index of one scope (a function, or the module) in one iterative walk that
/// does not descend into nested functions: each scope is indexed only when a lookup reaches it,
/// so a file pays for the functions that contain sinks, not for all of them. No recursion, so
/// deeply nested input is fine.
pub(super) fn build_scope<'a>(
    family: Family,
    source: &'a str,
    scope: Node<'a>,
    first_id: usize,
) -> Index<'a> {
    let mut index = Index {
        count: first_id,
        ..Default::default()
    };
    let text = |n: Node<'_>| source.get(n.byte_range()).unwrap_or("");
    let mut stack: Vec<Node<'a>> = vec![scope];
    while let Some(node) = stack.pop() {
        if crate::budget::exhausted() {
            break;
        }
        if node.id() == scope.id() {
            if is_function(node.kind()) {
                bind_params(&mut index, family, node, 0, &text);
            }
        } else if is_function(node.kind()) {
            continue;
        } else {
            bind_assignment(&mut index, family, node, 0, &text);
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.child_count() > 0 {
                stack.push(child);
            }
        }
    }
    for list in index.bindings.values_mut() {
        list.sort_by_key(|b| b.pos);
    }
    index
}

/// The nearest function enclosing `node` (not `node` itself).
pub(super) fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut n = node.up();
    while let Some(p) = n {
        if is_function(p.kind()) {
            return Some(p);
        }
        n = p.up();
    }
    None
}

fn push<'a>(
    index: &mut Index<'a>,
    scope: usize,
    name: &'a str,
    pos: usize,
    value: Value<'a>,
    ty: Option<Node<'a>>,
) {
    if name.is_empty() {
        return;
    }
    let id = index.count;
    index.count += 1;
    index
        .bindings
        .entry((scope, name))
        .or_default()
        .push(Binding { pos, value, ty, id });
}

/// What a parameter of a callback holds, and which one: `fetchX().then(list => ..)` → the
/// call's result; `rows.forEach(row => ..)`, `.map`, `.filter`, ... → an element of `rows`
/// (the second parameter of `.reduce((acc, row) => ..)`); Rust `rows.iter().for_each(|r| ..)`;
/// Python `map(lambda p: .., patients)`, `filter(lambda p: .., rows)`, `sorted(rows, key=lambda
/// r: ..)`. Only a callback written in the call itself: no search for where a named one is
/// passed.
fn callback_value<'a>(
    func: Node<'a>,
    text: &dyn Fn(Node<'_>) -> &'a str,
) -> Option<(usize, Value<'a>)> {
    if !matches!(
        func.kind(),
        "arrow_function" | "function_expression" | "function" | "closure_expression" | "lambda"
    ) {
        return None;
    }
    // A Python `key=lambda r: ..` is inside a keyword argument.
    let holder = func
        .up()
        .filter(|p| p.kind() == "keyword_argument")
        .unwrap_or(func);
    let args = holder
        .up()
        .filter(|p| matches!(p.kind(), "arguments" | "argument_list"))?;
    let call = args
        .up()
        .filter(|c| matches!(c.kind(), "call_expression" | "call"))?;
    let callee = call.field("function")?;
    if func.kind() == "lambda" {
        // Python builtins that apply the function to each element of their collection.
        let name = text(callee);
        if !matches!(name, "map" | "filter" | "sorted" | "min" | "max") {
            return None;
        }
        let mut cursor = args.walk();
        let collection = args
            .named_children(&mut cursor)
            .filter(|a| !a.kind().contains("comment") && a.kind() != "keyword_argument")
            .find(|a| a.id() != func.id())?;
        return Some((0, Value::Element(collection)));
    }
    if args.named_child(0).map(|a| a.id()) != Some(func.id()) {
        return None;
    }
    let (object, method) = match callee.kind() {
        "member_expression" => (callee.field("object")?, text(callee.field("property")?)),
        // Rust `rows.iter().for_each(|r| ..)`.
        "field_expression" if func.kind() == "closure_expression" => {
            (callee.field("value")?, text(callee.field("field")?))
        }
        _ => return None,
    };
    match method {
        "then" if func.kind() != "closure_expression" => Some((0, Value::Expr(object))),
        "reduce" | "reduceRight" if func.kind() != "closure_expression" => {
            Some((1, Value::Element(object)))
        }
        "map" | "forEach" | "filter" | "find" | "findIndex" | "some" | "every" | "flatMap"
        | "findLast" | "sort" | "for_each" | "filter_map" | "flat_map" | "find_map" | "any"
        | "all" | "inspect" | "position" | "take_while" | "skip_while" | "max_by_key"
        | "min_by_key" | "partition" => Some((0, Value::Element(object))),
        _ => None,
    }
}

fn bind_params<'a>(
    index: &mut Index<'a>,
    family: Family,
    func: Node<'a>,
    scope: usize,
    text: &dyn Fn(Node<'_>) -> &'a str,
) {
    let params = func.field("parameters").or_else(|| func.field("parameter"));
    let Some(params) = params else { return };
    // The first parameter of a callback given to `.then` is what the promise resolves to; of
    // one given to `.map`/`.forEach`/`.filter`, an element of the collection.
    let callback = callback_value(func, text);
    if params.kind() == "identifier" {
        push(
            index,
            scope,
            text(params),
            params.start_byte(),
            match callback {
                Some((0, v)) => v,
                _ => Value::Param(func, 0),
            },
            None,
        );
        return;
    }
    let mut cursor = params.walk();
    // Positions count the arguments a call passes: a Rust method's `self` is its receiver.
    for (i, p) in params
        .named_children(&mut cursor)
        .filter(|p| !p.kind().contains("comment") && p.kind() != "self_parameter")
        .enumerate()
    {
        let param_value = match callback {
            Some((at, v)) if i == at => v,
            _ => Value::Param(func, i),
        };
        // `rows.forEach(({ notes, dob: born }) => ..)`: each key of an element (or of what the
        // promise resolves to) is read from it.
        if let Some((_, source)) = callback.filter(|(at, _)| *at == i) {
            let pattern = match p.kind() {
                "object_pattern" => Some(p),
                "required_parameter" | "optional_parameter" => {
                    p.field("pattern").filter(|n| n.kind() == "object_pattern")
                }
                _ => None,
            };
            let object = match source {
                Value::Element(n) | Value::Expr(n) => Some(n),
                _ => None,
            };
            if let (Some(pattern), Some(object)) = (pattern, object) {
                bind_object_pattern(index, scope, pattern, object, pattern.start_byte(), text);
                continue;
            }
        }
        // Python `**fields`: what callers pass as keyword arguments.
        if family == Family::Python && p.kind() == "dictionary_splat_pattern" {
            if let Some(n) = p.named_child(0).filter(|n| n.kind() == "identifier") {
                push(
                    index,
                    scope,
                    text(n),
                    n.start_byte(),
                    Value::Param(func, super::KEYWORDS),
                    None,
                );
            }
            continue;
        }
        let (name_node, ty) = match (family, p.kind()) {
            (_, "identifier") => (Some(p), None),
            (Family::Python, "typed_parameter") => (p.named_child(0), p.field("type")),
            (Family::Python, "default_parameter") => (p.field("name"), None),
            (Family::Python, "typed_default_parameter") => (p.field("name"), p.field("type")),
            (Family::Ecma, "required_parameter" | "optional_parameter") => {
                (p.field("pattern"), p.field("type"))
            }
            (Family::Ecma, "assignment_pattern") => (p.field("left"), None),
            (Family::Rust, "parameter") => (p.field("pattern"), p.field("type")),
            _ => (None, None),
        };
        if let Some(n) = name_node {
            match n.kind() {
                "identifier" => push(index, scope, text(n), n.start_byte(), param_value, ty),
                "mut_pattern" | "ref_pattern" => {
                    if let Some(inner) =
                        n.named_child(n.named_child_count().saturating_sub(1) as u32)
                    {
                        push(
                            index,
                            scope,
                            text(inner),
                            inner.start_byte(),
                            param_value,
                            ty,
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

fn bind_assignment<'a>(
    index: &mut Index<'a>,
    family: Family,
    node: Node<'a>,
    scope: usize,
    text: &dyn Fn(Node<'_>) -> &'a str,
) {
    let (target, value, ty, kind) = match (family, node.kind()) {
        (Family::Python, "assignment") => {
            let mut right = node.field("right");
            while let Some(r) = right.filter(|r| r.kind() == "assignment") {
                right = r.field("right");
            }
            (node.field("left"), right, node.field("type"), 'e')
        }
        // `with open(path, "w") as fh:` binds `fh` to the context manager expression.
        (Family::Python, "as_pattern") if node.up().is_some_and(|p| p.kind() == "with_item") => {
            let target = node
                .field("alias")
                .and_then(|a| a.named_child(0).filter(|n| n.kind() == "identifier"));
            (target, node.named_child(0), None, 'e')
        }
        (Family::Python, "augmented_assignment") => {
            (node.field("left"), node.field("right"), None, 'a')
        }
        (Family::Python, "for_statement" | "for_in_clause") => {
            (node.field("left"), node.field("right"), None, 'i')
        }
        (Family::Python, "named_expression") => {
            (node.field("name"), node.field("value"), None, 'e')
        }
        (Family::Ecma, "variable_declarator") => (
            node.field("name"),
            node.field("value"),
            node.field("type"),
            'e',
        ),
        (Family::Ecma, "assignment_expression") => {
            (node.field("left"), node.field("right"), None, 'e')
        }
        (Family::Ecma, "augmented_assignment_expression") => {
            (node.field("left"), node.field("right"), None, 'a')
        }
        (Family::Ecma, "for_in_statement") => (node.field("left"), node.field("right"), None, 'i'),
        (Family::Rust, "let_declaration" | "let_condition") => (
            node.field("pattern"),
            node.field("value"),
            node.field("type"),
            'e',
        ),
        (Family::Rust, "assignment_expression") => {
            (node.field("left"), node.field("right"), None, 'e')
        }
        (Family::Rust, "compound_assignment_expr") => {
            (node.field("left"), node.field("right"), None, 'a')
        }
        (Family::Rust, "for_expression") => (node.field("pattern"), node.field("value"), None, 'i'),
        _ => return,
    };
    let (Some(target), Some(value)) = (target, value) else {
        return;
    };
    let mut pos = node.end_byte().min(value.end_byte());
    // `[log(p) for p in patients]`: a comprehension's variable is used before its clause.
    if node.kind() == "for_in_clause" {
        if let Some(comprehension) = node.up() {
            pos = comprehension.start_byte();
        }
    }
    let make = |v: Node<'a>| match kind {
        'a' => Value::Augment(v),
        'i' => Value::Element(v),
        _ => Value::Expr(v),
    };
    match target.kind() {
        "identifier" => push(index, scope, text(target), pos, make(value), ty),
        "mut_pattern" => {
            if let Some(inner) =
                target.named_child(target.named_child_count().saturating_sub(1) as u32)
            {
                push(index, scope, text(inner), pos, make(value), ty);
            }
        }
        // `const { ssn, name: n } = patient`, `let Patient { ssn, .. } = p`
        "object_pattern" | "struct_pattern" => {
            bind_object_pattern(index, scope, target, value, pos, text);
        }
        // `if let Some(p) = get_patient()`: the single inner binding is the value; in
        // `if let Err(e) = delete_patient()` it is the error, not the value.
        "tuple_struct_pattern" if target.named_child_count() == 2 => {
            if let Some(inner) = target.named_child(1).filter(|n| n.kind() == "identifier") {
                let error = target
                    .named_child(0)
                    .is_some_and(|c| text(c).rsplit("::").next() == Some("Err"));
                if error {
                    push(index, scope, text(inner), pos, Value::Opaque, None);
                } else {
                    push(index, scope, text(inner), pos, make(value), ty);
                }
            }
        }
        "pattern_list" | "tuple_pattern" | "array_pattern" | "list_pattern" => {
            let mut cursor = target.walk();
            for el in target.named_children(&mut cursor) {
                if el.kind() == "identifier" {
                    push(index, scope, text(el), pos, Value::Opaque, None);
                }
            }
        }
        _ => {}
    }
}

/// Binds the names of an object or struct pattern, each to its key read from `value`.
fn bind_object_pattern<'a>(
    index: &mut Index<'a>,
    scope: usize,
    target: Node<'a>,
    value: Node<'a>,
    pos: usize,
    text: &dyn Fn(Node<'_>) -> &'a str,
) {
    let mut cursor = target.walk();
    for prop in target.named_children(&mut cursor) {
        match prop.kind() {
            "shorthand_property_identifier_pattern" | "shorthand_field_identifier" => {
                let n = text(prop);
                push(index, scope, n, pos, Value::Destructure(value, n), None);
            }
            "pair_pattern" | "field_pattern" => {
                let key = prop.field("key").or_else(|| prop.field("name"));
                let val = prop.field("value").or_else(|| prop.field("pattern"));
                if let (Some(k), Some(v)) = (key, val) {
                    if v.kind() == "identifier" {
                        push(
                            index,
                            scope,
                            text(v),
                            pos,
                            Value::Destructure(value, text(k)),
                            None,
                        );
                    }
                } else if let Some(k) = key {
                    // Rust `Patient { ssn, .. }` parses as field_pattern with only a name.
                    push(
                        index,
                        scope,
                        text(k),
                        pos,
                        Value::Destructure(value, text(k)),
                        None,
                    );
                }
            }
            _ => {}
        }
    }
}
