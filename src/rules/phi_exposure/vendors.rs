//! Which library calls send data to a third-party vendor: the declarative table
//! `sinks/third-party.toml` (one row per vendor, one per library call), read at build time, and
//! the code that decides whether a call in a file is one of its rows.
//!
//! A row names a method (`analytics.track`), a receiver path it is called on
//! (`chat.completions`), or a bare function (`gtag`); the receiver is shown to be the vendor's by
//! its own name (`mixpanel.people.set`) or by what it is bound to: a constructor
//! (`client = OpenAI()`), a module (`import posthog from "posthog-js"`), a class member
//! (`this.llm = new ChatOpenAI()`, `self.client = OpenAI()`), a cloud client factory
//! (`boto3.client("bedrock-runtime")`), or a langchain pipe (`chain = prompt | llm`). The same
//! recogniser runs over the checked file and over a sibling module that defines a wrapper
//! (`export function track(e, p) { posthog.capture(e, p) }`), so it works on a [`Code`]: a
//! file's text, syntax tree and data flow, without a [`crate::engine::Checker`].

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use tree_sitter::Node;

use crate::flow::{unwrap_value, Flow};
use crate::lang::Family;
use crate::phi::tokenize;
use crate::tree::NodeExt;

/// The table, as written in `sinks/third-party.toml`.
const TABLE: &str = include_str!("../../../sinks/third-party.toml");

/// What kind of vendor receives the data.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum VendorKind {
    /// Product analytics, tag managers, tracking pixels, session replay.
    Analytics,
    /// Hosted large language models.
    Llm,
    /// SMS and messaging APIs.
    Messaging,
}

/// One vendor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Vendor {
    /// What users list in `baa-vendors`.
    pub id: String,
    /// Analytics, LLM or messaging.
    pub kind: VendorKind,
    #[serde(default)]
    tokens: Vec<String>,
    #[serde(default)]
    constructors: Vec<String>,
    #[serde(default)]
    modules: Vec<String>,
    #[serde(default)]
    services: Vec<String>,
    /// API hosts.
    #[serde(default)]
    pub hosts: Vec<String>,
}

/// How a row's receiver must be shown to be the vendor's.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Resolve {
    /// Its own name names the vendor.
    Name,
    /// It is bound to a constructor, module or member of the vendor.
    Binding,
    /// Either.
    #[default]
    Either,
}

/// One library call that sends its arguments to a vendor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Call {
    vendor: Option<String>,
    kind: Option<VendorKind>,
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default)]
    functions: Vec<String>,
    receiver: Option<String>,
    #[serde(default)]
    resolve: Resolve,
    #[serde(default)]
    modules: Vec<String>,
    provider: Option<String>,
    #[serde(default)]
    payload: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    vendor: Vec<Vendor>,
    call: Vec<Call>,
}

/// The table with its indexes by method and function name.
struct Index {
    table: Table,
    methods: HashMap<String, Vec<usize>>,
    functions: HashMap<String, Vec<usize>>,
}

fn parse(text: &str) -> Result<Table, String> {
    let table: Table = toml::from_str(text).map_err(|e| e.to_string())?;
    for (i, call) in table.call.iter().enumerate() {
        if call.methods.is_empty() == call.functions.is_empty() {
            return Err(format!("call {i}: give `methods` or `functions`"));
        }
        match (&call.vendor, call.kind) {
            (Some(v), None) if table.vendor.iter().any(|x| &x.id == v) => {}
            (None, Some(_)) => {}
            _ => return Err(format!("call {i}: give a known `vendor` or a `kind`")),
        }
        if call
            .languages
            .iter()
            .any(|l| !matches!(l.as_str(), "python" | "ecma"))
        {
            return Err(format!("call {i}: languages are `python` and `ecma`"));
        }
    }
    let mut ids: Vec<&str> = table.vendor.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err("vendor ids must be unique".into());
    }
    Ok(table)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let table = parse(TABLE).expect("sinks/third-party.toml is valid (checked by a unit test)");
        let mut methods: HashMap<String, Vec<usize>> = HashMap::new();
        let mut functions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, call) in table.call.iter().enumerate() {
            for m in &call.methods {
                methods.entry(m.clone()).or_default().push(i);
            }
            for f in &call.functions {
                functions.entry(f.clone()).or_default().push(i);
            }
        }
        Index {
            table,
            methods,
            functions,
        }
    })
}

/// Every vendor of the table.
pub(crate) fn all() -> &'static [Vendor] {
    &index().table.vendor
}

/// Lowercase strings at least one of which a module that calls a vendor SDK contains: the
/// vendors' tokens of four letters or more, modules and constructors, and the global functions
/// of the table (`gtag`, `fbq`).
pub(crate) fn needles() -> &'static [String] {
    static NEEDLES: OnceLock<Vec<String>> = OnceLock::new();
    NEEDLES.get_or_init(|| {
        let idx = index();
        let mut out: Vec<String> = Vec::new();
        for v in &idx.table.vendor {
            out.extend(v.tokens.iter().filter(|t| t.len() >= 4).cloned());
            out.extend(
                v.modules
                    .iter()
                    .filter(|m| m.len() >= 4)
                    .map(|m| m.to_ascii_lowercase()),
            );
            out.extend(v.constructors.iter().map(|c| c.to_ascii_lowercase()));
            out.extend(v.services.iter().cloned());
        }
        // Functions called without an import (`gtag`, `fbq`); the others are imported from
        // one of the modules above.
        out.extend(
            idx.table
                .call
                .iter()
                .filter(|c| c.modules.is_empty())
                .flat_map(|c| c.functions.iter())
                .filter(|f| f.len() >= 3)
                .map(|f| f.to_ascii_lowercase()),
        );
        out.sort();
        out.dedup();
        out
    })
}

/// The vendor with this id.
pub(crate) fn by_id(id: &str) -> Option<&'static Vendor> {
    all().iter().find(|v| v.id == id)
}

/// Whether a `baa-vendors` entry (an id or a host) covers the vendor.
pub(crate) fn covered(baa: &[String], v: &Vendor) -> bool {
    baa.iter().any(|b| {
        let b = b.to_ascii_lowercase();
        b == v.id
            || v.hosts
                .iter()
                .any(|h| *h == b || h.ends_with(&format!(".{b}")))
    })
}

/// Whether a name mentions a vendor: one of its tokens, or a long vendor token inside a name
/// split by casing (`OpenAI` -> `open`, `ai`; `dataLayer` -> `data`, `layer`).
pub(crate) fn names_vendor(text: &str, v: &Vendor) -> bool {
    let tokens = tokenize(text);
    let joined = tokens.concat();
    tokens_name_vendor(&tokens, &joined, v)
}

fn tokens_name_vendor(tokens: &[String], joined: &str, v: &Vendor) -> bool {
    tokens.iter().any(|t| v.tokens.contains(t))
        || v.tokens
            .iter()
            .any(|w| w.len() >= 6 && joined.contains(w.as_str()))
}

/// The first vendor `keep` accepts that `text` names ([`names_vendor`]), tokenizing the text
/// once for all of them.
pub(crate) fn vendor_named_in(
    text: &str,
    keep: impl Fn(&Vendor) -> bool,
) -> Option<&'static Vendor> {
    let tokens = tokenize(text);
    let joined = tokens.concat();
    all()
        .iter()
        .find(|v| keep(v) && tokens_name_vendor(&tokens, &joined, v))
}

/// The host of a literal URL (`"https://api.openai.com/v1/chat"`, `f"https://{host}/x"` has
/// none): the text between the scheme and the first `/`, `:`, `?` or placeholder.
pub(crate) fn url_host(text: &str) -> Option<&str> {
    let t = text
        .trim_start_matches(['f', 'r', 'b'])
        .trim_matches(['"', '\'', '`']);
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))?;
    let end = rest
        .find(['/', ':', '?', '{', '$', '"', '\'', '`', ' '])
        .unwrap_or(rest.len());
    let host = &rest[..end];
    (!host.is_empty()).then_some(host)
}

/// The vendor whose API host this is (`*` in a table host stands for one label).
pub(crate) fn host_vendor(host: &str) -> Option<&'static Vendor> {
    let host = host.to_ascii_lowercase();
    all().iter().find(|v| {
        v.hosts.iter().any(|h| {
            host_matches(&host, h) || (!h.contains('*') && host.ends_with(&format!(".{h}")))
        })
    })
}

fn host_matches(host: &str, pattern: &str) -> bool {
    let hl: Vec<&str> = host.split('.').collect();
    let pl: Vec<&str> = pattern.split('.').collect();
    hl.len() == pl.len() && hl.iter().zip(&pl).all(|(h, p)| *p == "*" || h == p)
}

/// Like [`names_vendor`] with the vendor's tokens of four letters or more only: a constructor
/// or factory named `fs.createWriteStream` or `ga.init` names no vendor.
/// Whether a constructor's tokens name the vendor (long names only; tokenized once for every
/// vendor).
fn tokens_name_vendor_long(tokens: &[String], v: &Vendor) -> bool {
    let joined = tokens.concat();
    v.tokens
        .iter()
        .filter(|w| w.len() >= 4)
        .any(|w| tokens.iter().any(|t| t == w) || (w.len() >= 6 && joined.contains(w.as_str())))
}

/// Whether a module (`twilio.rest`, `@ai-sdk/openai`) is one of the vendor's.
fn module_is(module: &str, v: &Vendor) -> bool {
    v.modules.iter().any(|m| module_matches(module, m))
}

fn module_matches(module: &str, m: &str) -> bool {
    module == m
        || module
            .strip_prefix(m)
            .is_some_and(|rest| rest.starts_with(['.', '/']))
}

/// A file's code as the recogniser needs it: text, tree and local data flow.
pub(crate) struct Code<'a, 'f> {
    /// The source text.
    pub source: &'a str,
    /// The syntax tree's root.
    pub root: Node<'a>,
    /// Python or JS/TS (Rust has no table rows).
    pub family: Family,
    /// Local data flow over the file.
    pub flow: &'f Flow<'a>,
}

/// A call that sends data to a vendor.
pub(crate) struct Sent<'a> {
    /// The vendor.
    pub vendor: &'static Vendor,
    /// The argument list (`Payload::Args`) or the values that carry data to the vendor.
    pub payload: Payload<'a>,
}

/// What a vendor call sends.
pub(crate) enum Payload<'a> {
    /// Every argument.
    Args(Node<'a>),
    /// These values only (Twilio's `body`).
    Values(Vec<Node<'a>>),
}

impl<'a> Code<'a, '_> {
    fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    fn language(&self) -> &'static str {
        match self.family {
            Family::Python => "python",
            _ => "ecma",
        }
    }

    /// The module a top-level import binds `local` from: `import posthog from "posthog-js"`,
    /// `const Mixpanel = require("mixpanel")`, `import segment.analytics as analytics`,
    /// `from twilio.rest import Client`.
    pub(crate) fn module_of(&self, local: &str) -> Option<&'a str> {
        let mut cursor = self.root.walk();
        for item in self.root.named_children(&mut cursor) {
            // Asked for many calls of a file: only import-shaped statements are read.
            if !matches!(
                item.kind(),
                "import_statement"
                    | "import_from_statement"
                    | "lexical_declaration"
                    | "variable_declaration"
            ) {
                continue;
            }
            let text = self.text(item);
            if text.len() > 2000 || !words(text).any(|w| w == local) {
                continue;
            }
            match item.kind() {
                // JS/TS `import a, { b as c } from "m"`
                "import_statement" if self.family == Family::Ecma => {
                    let source = item.field("source")?;
                    let head = text.split(" from ").next().unwrap_or(text);
                    if words(head).any(|w| w == local) {
                        return Some(unquote(self.text(source)));
                    }
                }
                // `const x = require("m")`, `const { a: x } = require("m")`
                "lexical_declaration" | "variable_declaration" => {
                    let Some((head, tail)) = text.split_once('=') else {
                        continue;
                    };
                    if !words(head).any(|w| w == local) {
                        continue;
                    }
                    if let Some(spec) = tail.trim().strip_prefix("require(") {
                        let spec = spec.trim_start();
                        let q = spec.chars().next()?;
                        if matches!(q, '"' | '\'' | '`') {
                            let rest = &spec[1..];
                            return rest.find(q).map(|end| &rest[..end]);
                        }
                    }
                }
                // Python `import a.b as c`, `import a`
                "import_statement" => {
                    let mut c2 = item.walk();
                    for name in item.named_children(&mut c2) {
                        match name.kind() {
                            "aliased_import" => {
                                let alias = name.field("alias").map(|a| self.text(a));
                                if alias == Some(local) {
                                    return name.field("name").map(|n| self.text(n));
                                }
                            }
                            "dotted_name" => {
                                let t = self.text(name);
                                if t.split('.').next() == Some(local) {
                                    return Some(t);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                // Python `from m import a, b as c`
                "import_from_statement" => {
                    let module = item.field("module_name")?;
                    let mut c2 = item.walk();
                    for name in item.named_children(&mut c2) {
                        if name.id() == module.id() {
                            continue;
                        }
                        let bound = match name.kind() {
                            "aliased_import" => name.field("alias").map(|a| self.text(a)),
                            "dotted_name" => Some(self.text(name)),
                            _ => None,
                        };
                        if bound == Some(local) {
                            return Some(self.text(module));
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The vendor call `call` is, if any.
    pub(crate) fn recognize(&self, call: Node<'a>) -> Option<Sent<'a>> {
        if !matches!(call.kind(), "call" | "call_expression") {
            return None;
        }
        let func = unwrap_value(call.field("function")?);
        let args = call.field("arguments")?;
        let idx = index();
        match func.kind() {
            "attribute" | "member_expression" => {
                let receiver = func.field("object")?;
                let method = func
                    .field("attribute")
                    .or_else(|| func.field("property"))
                    .map(|m| self.text(m))?;
                // `window.gtag?.("event", ...)`: a global function called through `window`.
                if matches!(self.text(receiver), "window" | "globalThis" | "self")
                    && idx.functions.contains_key(method)
                {
                    return self.function_call(method, args);
                }
                self.method_call(receiver, method, args)
            }
            "identifier" => self.function_call(self.text(func), args),
            _ => None,
        }
    }

    fn rows(&self, ids: Option<&Vec<usize>>) -> Vec<&'static Call> {
        let lang = self.language();
        ids.map(|ids| {
            ids.iter()
                .map(|i| &index().table.call[*i])
                .filter(|c| c.languages.is_empty() || c.languages.iter().any(|l| l == lang))
                .collect()
        })
        .unwrap_or_default()
    }

    fn method_call(&self, receiver: Node<'a>, method: &str, args: Node<'a>) -> Option<Sent<'a>> {
        let rows = self.rows(index().methods.get(method));
        if rows.is_empty() {
            return None;
        }
        // A receiver's text names a vendor (`mixpanel.people`); the text of a long chain
        // (`res.json(p).set(..).set(..)...`, each link the receiver of the next) is not read
        // whole for every link, only its end.
        let text = self.text(receiver);
        let long = text.len() > MAX_NAME_TEXT;
        let path: String = tail(text, MAX_NAME_TEXT)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '?')
            .collect();
        let mut by_binding: Option<Option<&'static Vendor>> = None;
        for row in rows {
            if let Some(r) = &row.receiver {
                let last = path.rsplit('.').next().unwrap_or(&path);
                if !((path == *r && !long) || path.ends_with(&format!(".{r}")) || last == r) {
                    continue;
                }
            }
            if !row.modules.is_empty() {
                let root = self.root_of(receiver);
                let ok = root.kind() == "identifier"
                    && self
                        .module_of(self.text(root))
                        .is_some_and(|m| row.modules.iter().any(|x| module_matches(m, x)));
                if !ok {
                    continue;
                }
            }
            let wanted = |v: &Vendor| match (&row.vendor, row.kind) {
                (Some(id), _) => v.id == *id,
                (None, Some(k)) => v.kind == k,
                (None, None) => false,
            };
            if !row.modules.is_empty() {
                if let Some(v) = row.vendor.as_deref().and_then(by_id) {
                    return Some(self.sent(v, row, args));
                }
            }
            if row.resolve != Resolve::Binding && row.vendor.is_some() && !long {
                if let Some(v) = all().iter().find(|v| wanted(v) && names_vendor(&path, v)) {
                    return Some(self.sent(v, row, args));
                }
            }
            if row.resolve != Resolve::Name {
                let found = *by_binding.get_or_insert_with(|| self.receiver_vendor(receiver));
                if let Some(v) = found.filter(|v| wanted(v)) {
                    return Some(self.sent(v, row, args));
                }
            }
        }
        None
    }

    fn function_call(&self, name: &str, args: Node<'a>) -> Option<Sent<'a>> {
        for row in self.rows(index().functions.get(name)) {
            if !row.modules.is_empty() {
                let ok = self
                    .module_of(name)
                    .is_some_and(|m| row.modules.iter().any(|x| module_matches(m, x)));
                if !ok {
                    continue;
                }
            }
            let vendor = match (&row.vendor, &row.provider) {
                (Some(id), _) => by_id(id),
                (None, Some(prop)) => {
                    let value = self.object_property(args, prop)?;
                    self.expr_vendor(value, 0)
                        .filter(|v| row.kind.is_none_or(|k| v.kind == k))
                }
                _ => None,
            };
            if let Some(v) = vendor {
                return Some(self.sent(v, row, args));
            }
        }
        None
    }

    fn sent(&self, vendor: &'static Vendor, row: &Call, args: Node<'a>) -> Sent<'a> {
        if row.payload.is_empty() {
            return Sent {
                vendor,
                payload: Payload::Args(args),
            };
        }
        let mut values = Vec::new();
        let mut cursor = args.walk();
        for arg in args.named_children(&mut cursor) {
            match arg.kind() {
                "keyword_argument" => {
                    let named = arg
                        .field("name")
                        .is_some_and(|k| row.payload.iter().any(|p| p == self.text(k)));
                    if named {
                        values.extend(arg.field("value"));
                    }
                }
                _ => {
                    for p in &row.payload {
                        values.extend(self.property_of(arg, p));
                    }
                }
            }
        }
        Sent {
            vendor,
            payload: Payload::Values(values),
        }
    }

    /// The value of `key` in the first object literal argument.
    fn object_property(&self, args: Node<'a>, key: &str) -> Option<Node<'a>> {
        let mut cursor = args.walk();
        let found = args
            .named_children(&mut cursor)
            .find_map(|a| self.property_of(a, key));
        found
    }

    fn property_of(&self, object: Node<'a>, key: &str) -> Option<Node<'a>> {
        let mut object = unwrap_value(object);
        if object.kind() == "identifier" {
            object = self.flow.binding_value(object).unwrap_or(object);
        }
        if !matches!(object.kind(), "object" | "dictionary") {
            return None;
        }
        let mut cursor = object.walk();
        let found = object.named_children(&mut cursor).find_map(|pair| {
            if pair.kind() != "pair" {
                return None;
            }
            let k = pair.field("key")?;
            let text = self.text(k);
            (unquote(text) == key)
                .then(|| pair.field("value"))
                .flatten()
        });
        found
    }

    /// The vendor a receiver is bound to: its root's module or binding, or the class member
    /// `self.x` / `this.x` it reads.
    fn receiver_vendor(&self, receiver: Node<'a>) -> Option<&'static Vendor> {
        self.expr_vendor(receiver, 0)
    }

    /// The vendor of the client an expression evaluates to, a few bindings deep.
    pub(crate) fn expr_vendor(&self, expr: Node<'a>, depth: usize) -> Option<&'static Vendor> {
        if depth > 4 {
            return None;
        }
        let expr = unwrap_value(expr);
        match expr.kind() {
            "identifier" => {
                let name = self.text(expr);
                if let Some(v) = self.module_of(name).and_then(module_vendor) {
                    return Some(v);
                }
                let bound = self.flow.binding_value(expr)?;
                if bound.id() == expr.id() {
                    return None;
                }
                self.expr_vendor(bound, depth + 1)
            }
            "attribute" | "member_expression" => {
                // `self.client`, `this.llm`: the class member.
                let object = expr.field("object")?;
                if matches!(self.text(object), "self" | "this") {
                    let member = expr
                        .field("attribute")
                        .or_else(|| expr.field("property"))
                        .map(|m| self.text(m))?;
                    return self
                        .member_value(expr, member)
                        .and_then(|v| self.expr_vendor(v, depth + 1));
                }
                // `client.chat.completions`, `genai.Client`: what its object is.
                self.expr_vendor(object, depth + 1)
            }
            "call" | "call_expression" | "new_expression" => {
                let callee = unwrap_value(
                    expr.field("function")
                        .or_else(|| expr.field("constructor"))?,
                );
                let args = expr.field("arguments");
                // `require("twilio")(sid, token)`, `require("mixpanel")`
                if self.text(callee) == "require" {
                    let spec = args.and_then(|a| a.named_child(0))?;
                    return module_vendor(unquote(self.text(spec)));
                }
                let ctext = self.text(callee);
                let last = ctext.rsplit(['.', ':']).next().unwrap_or(ctext);
                let last = last.split('<').next().unwrap_or(last).trim();
                if let Some(v) = all()
                    .iter()
                    .find(|v| v.constructors.iter().any(|c| c == last))
                {
                    return Some(v);
                }
                // `boto3.client("bedrock-runtime")`, `session.client(service_name=...)`
                if matches!(last, "client" | "resource") {
                    if let Some(service) = args.and_then(|a| a.named_child(0)) {
                        let service = match service.kind() {
                            "keyword_argument" => service.field("value"),
                            _ => Some(service),
                        };
                        let name = service.map(|s| unquote(self.text(s))).unwrap_or("");
                        if let Some(v) = all().iter().find(|v| v.services.iter().any(|s| s == name))
                        {
                            return Some(v);
                        }
                    }
                }
                // `prompt.pipe(llm)`: a chain ends in the model it pipes to.
                if last == "pipe" {
                    if let Some(a) = args.and_then(|a| a.named_child(0)) {
                        if let Some(v) = self.expr_vendor(a, depth + 1) {
                            return Some(v);
                        }
                    }
                }
                // `Mixpanel.init(token)`, `genai.GenerativeModel(...)`: the constructor's names
                // (not read in the text of a long chain, for each of its links).
                if ctext.len() <= MAX_NAME_TEXT {
                    let tokens = tokenize(ctext);
                    if let Some(v) = all().iter().find(|v| tokens_name_vendor_long(&tokens, v)) {
                        return Some(v);
                    }
                }
                // The root of the callee: `Client` from `twilio.rest`, `genAI.getGenerativeModel`.
                let root = self.root_of(callee);
                if root.id() != callee.id() || root.kind() == "identifier" {
                    return self.expr_vendor(root, depth + 1);
                }
                None
            }
            // `Amplitude(key) if key else None`, `key ? new Mixpanel(key) : null`: the client
            // when it is configured.
            "conditional_expression" | "ternary_expression" => {
                let mut cursor = expr.walk();
                let branches: Vec<Node<'a>> = if expr.kind() == "ternary_expression" {
                    [expr.field("consequence"), expr.field("alternative")]
                        .into_iter()
                        .flatten()
                        .collect()
                } else {
                    // `body if condition else orelse`: the first and the last child.
                    let children: Vec<Node<'a>> = expr.named_children(&mut cursor).collect();
                    [children.first().copied(), children.last().copied()]
                        .into_iter()
                        .flatten()
                        .collect()
                };
                branches
                    .into_iter()
                    .find_map(|b| self.expr_vendor(b, depth + 1))
            }
            // `prompt | llm` (langchain expression language)
            "binary_operator" => {
                let op = expr.field("operator").map(|o| self.text(o));
                if op != Some("|") {
                    return None;
                }
                let right = expr.field("right")?;
                self.expr_vendor(right, depth + 1).or_else(|| {
                    expr.field("left")
                        .and_then(|l| self.expr_vendor(l, depth + 1))
                })
            }
            // A TypeScript parameter or field type: `llm: ChatOpenAI`.
            "type_annotation" | "type_identifier" | "generic_type" => {
                let text = self.text(expr);
                let name = text.trim_start_matches(':').trim();
                let name = name.split('<').next().unwrap_or(name).trim();
                all()
                    .iter()
                    .find(|v| v.constructors.iter().any(|c| c == name))
            }
            _ => None,
        }
    }

    /// What a class member `self.x` / `this.x` holds: a field initializer
    /// (`private readonly llm = new ChatOpenAI()`), an assignment in the class
    /// (`this.llm = new ChatOpenAI()`, `self.client = OpenAI()`), or the declared type of a
    /// constructor parameter property (`constructor(private llm: ChatOpenAI)`).
    fn member_value(&self, at: Node<'a>, member: &str) -> Option<Node<'a>> {
        let mut class = at.parent();
        while let Some(c) = class {
            if matches!(
                c.kind(),
                "class_definition" | "class_declaration" | "class" | "abstract_class_declaration"
            ) {
                break;
            }
            class = c.parent();
        }
        let body = class?.field("body")?;
        // The class's own members and its constructor (`constructor`, `__init__`): a client is
        // made once, where the object is built. Only their statements are read, not the whole
        // class body.
        let mut cursor = body.walk();
        for item in body.named_children(&mut cursor) {
            let item = match item.kind() {
                "decorated_definition" => item.field("definition").unwrap_or(item),
                _ => item,
            };
            match item.kind() {
                "public_field_definition" | "field_definition" => {
                    let name = item.field("name").or_else(|| item.field("property"));
                    if name.is_some_and(|k| self.text(k) == member) {
                        if let Some(v) = item.field("value").or_else(|| item.field("type")) {
                            return Some(v);
                        }
                    }
                }
                // Python class attribute `client = OpenAI()`
                "expression_statement" => {
                    if let Some(v) = self.assigned(item, member) {
                        return Some(v);
                    }
                }
                "method_definition" | "function_definition" => {
                    let name = item.field("name").map(|n| self.text(n));
                    if !matches!(name, Some("constructor" | "__init__")) {
                        continue;
                    }
                    // `constructor(private readonly llm: ChatOpenAI)`
                    if let Some(params) = item.field("parameters") {
                        let mut c2 = params.walk();
                        for p in params.named_children(&mut c2) {
                            if !matches!(p.kind(), "required_parameter" | "optional_parameter") {
                                continue;
                            }
                            let mut c3 = p.walk();
                            let property = p.children(&mut c3).any(|ch| {
                                matches!(ch.kind(), "accessibility_modifier" | "readonly")
                            });
                            let name = p.field("pattern").map(|n| self.text(n));
                            if property && name == Some(member) {
                                if let Some(t) = p.field("type") {
                                    return Some(t);
                                }
                            }
                        }
                    }
                    let Some(block) = item.field("body") else {
                        continue;
                    };
                    let mut c2 = block.walk();
                    for stmt in block.named_children(&mut c2) {
                        if let Some(v) = self.assigned(stmt, member) {
                            return Some(v);
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The value a statement assigns to `self.member` / `this.member` (or to `member` at class
    /// level).
    fn assigned(&self, stmt: Node<'a>, member: &str) -> Option<Node<'a>> {
        if stmt.kind() != "expression_statement" {
            return None;
        }
        let a = stmt.named_child(0)?;
        if !matches!(a.kind(), "assignment" | "assignment_expression") {
            return None;
        }
        let left = self.text(a.field("left")?);
        let name = left
            .strip_prefix("self.")
            .or_else(|| left.strip_prefix("this."))
            .unwrap_or(left);
        (name == member).then(|| a.field("right")).flatten()
    }
}

/// The vendor a module belongs to.
fn module_vendor(module: &str) -> Option<&'static Vendor> {
    all().iter().find(|v| module_is(module, v))
}

/// The innermost object or function of a path or call chain: `client` of
/// `client.chat.completions`, `genAI` of `genAI.getGenerativeModel(..)`.
/// Receiver and callee texts longer than this are not read for a vendor's name: a name is
/// short, and a chain of calls is the receiver of each of its links, so reading them whole
/// cost the chain's length squared.
const MAX_NAME_TEXT: usize = 1024;

/// The last `max` bytes of `text` (or a little more, to a character boundary).
fn tail(text: &str, max: usize) -> &str {
    let mut at = text.len().saturating_sub(max);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[at..]
}

impl<'a> Code<'a, '_> {
    /// The innermost object or callee of a chain (`res` in `res.json(p).set(..)`), remembered
    /// for every node of the chain walked: each link of a chain of
    /// calls has the chain below it as its receiver, so walking it again for each cost the
    /// chain's length squared.
    fn root_of(&self, node: Node<'a>) -> Node<'a> {
        let memo = self.flow.chain_roots();
        let mut walked = Vec::new();
        let mut root = unwrap_value(node);
        loop {
            if let Some(known) = memo.borrow().get(&root.id()) {
                root = *known;
                break;
            }
            walked.push(root.id());
            match root.field("object").or_else(|| root.field("function")) {
                Some(inner) => root = unwrap_value(inner),
                None => break,
            }
        }
        let mut memo = memo.borrow_mut();
        for id in walked {
            memo.insert(id, root);
        }
        root
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| !w.is_empty())
}

fn unquote(text: &str) -> &str {
    text.trim_matches(['"', '\'', '`'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_is_valid() {
        let table = parse(TABLE).expect("table parses");
        assert!(table.vendor.len() >= 10);
        for v in &table.vendor {
            assert!(
                v.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "vendor id `{}` is lowercase kebab-case",
                v.id
            );
            assert!(
                v.tokens.iter().all(|t| *t == t.to_lowercase()),
                "tokens of `{}` are lowercase",
                v.id
            );
        }
    }

    #[test]
    fn the_readme_lists_every_vendor_id() {
        let readme = include_str!("../../../README.md");
        let start = readme
            .find("Vendor ids:")
            .expect("README lists the vendor ids");
        let list = &readme[start..start + readme[start..].find(". A host").unwrap_or(0)];
        for v in &parse(TABLE).expect("table parses").vendor {
            assert!(
                list.contains(&format!("`{}`", v.id)),
                "README's vendor id list lacks `{}`",
                v.id
            );
        }
    }

    #[test]
    fn a_row_without_methods_or_an_unknown_vendor_is_refused() {
        let bad = "[[vendor]]\nid = \"x\"\nkind = \"analytics\"\n[[call]]\nvendor = \"y\"\nmethods = [\"track\"]\n";
        assert!(parse(bad).is_err());
        let bad = "[[vendor]]\nid = \"x\"\nkind = \"analytics\"\n[[call]]\nvendor = \"x\"\n";
        assert!(parse(bad).is_err());
        let bad = "[[vendor]]\nid = \"x\"\nkind = \"analytics\"\nhost = []\n[[call]]\nvendor = \"x\"\nmethods = [\"t\"]\n";
        assert!(parse(bad).is_err(), "unknown keys are refused");
    }

    #[test]
    fn urls_name_their_vendor_by_host() {
        assert_eq!(
            url_host("\"https://api.openai.com/v1/chat/completions\""),
            Some("api.openai.com")
        );
        assert_eq!(url_host("f\"https://{host}/v1\""), None);
        assert_eq!(url_host("'/relative'"), None);
        let id = |u: &str| url_host(u).and_then(host_vendor).map(|v| v.id.as_str());
        assert_eq!(id("'https://api.segment.io/v1/track'"), Some("segment"));
        assert_eq!(
            id("'https://bedrock-runtime.us-east-1.amazonaws.com/model'"),
            Some("aws-bedrock")
        );
        assert_eq!(id("'https://s3.us-east-1.amazonaws.com/bucket'"), None);
        assert_eq!(id("'https://api.openai.com.example.net/x'"), None);
    }

    #[test]
    fn modules_match_whole_path_segments() {
        assert!(module_matches("twilio.rest", "twilio"));
        assert!(module_matches("@ai-sdk/openai", "@ai-sdk/openai"));
        assert!(!module_matches("twilio_helpers", "twilio"));
        assert!(!module_matches("analytics-utils", "analytics"));
    }
}
