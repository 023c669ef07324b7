//! Local data flow: what PHI an expression carries at a given point in a function.
//!
//! This layer is shared by every rule family. A rule finds a sink with a query and asks
//! [`Flow::eval`] about each argument; the answer follows variables back to their assignments
//! in the same function (`msg = f"{patient.ssn}"` → `log.info(msg)`), typed parameters
//! (`patient: Patient`), destructuring (`const { ssn } = req.body`), loop variables
//! (`for p in patients`) and string building (f-strings, `%`, `.format`, template literals,
//! `format!`, concatenation, dict/object literals with PHI keys), and it clears values that pass
//! through a sanitiser for the purpose at hand (PHI_DOMAIN §4: redaction and keyed hashes clear
//! logging but not storage; only encryption clears storage and transmission; an unkeyed hash
//! only demotes; masking or truncation marks the evidence [`Evidence::masked`], which logging and
//! exposure rules report as a note, and changes nothing for storage).
//!
//! The analysis is flow-insensitive within a function beyond "the last assignment before the
//! use", intraprocedural, and bounded: recursion depth is capped and cyclic definitions are cut,
//! so hostile input cannot blow the stack. The binding index is built lazily, on the first
//! identifier a rule asks about, so files without sinks never pay for it.

pub(crate) mod imports;
mod modules;
mod syntax;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use tree_sitter::{Node, Tree};

use crate::lang::{Family, Language};
use crate::phi::{tokenize, Classification, Vocabulary, MASKED_SCORE};
use crate::settings::Settings;
use crate::tree::NodeExt;

pub use modules::macro_token_tree_of;
pub use syntax::{
    callee, format_captures, is_function, is_literal, is_string, key_text, last_segment,
    string_content, unwrap_parens, unwrap_value,
};

/// JavaScript built-in and common library types whose string conversion is their value (a
/// date, a number, a URL), unlike a plain object's `[object Object]`.
const PRINTED_TYPES: &[&str] = &[
    "Date",
    "String",
    "Number",
    "BigInt",
    "Boolean",
    "Symbol",
    "URL",
    "URLSearchParams",
    "RegExp",
    "Buffer",
    "Moment",
    "Dayjs",
    "DateTime",
    "Decimal",
    "ObjectId",
    "Object",
    "Function",
];

/// Names a source file imports from sibling modules: local name → (module, imported name).
pub fn sibling_imports(source: &str, family: Family) -> HashMap<String, (String, String)> {
    imports::table(source, family)
}

/// The parameter position that stands for a Python `**fields` parameter: the keyword
/// arguments of a call, not one of its positional ones.
pub const KEYWORDS: usize = usize::MAX;

/// Why a rule asks: sanitisers clear PHI for some purposes and not others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Logs, consoles, error trackers: redaction, keyed hashes and encryption clear; masking
    /// and truncation downgrade to a note.
    Logging,
    /// Data at rest: only encryption clears.
    Storage,
    /// Data on the wire: only encryption clears.
    Transmission,
    /// URLs, responses, third parties: like logging.
    Exposure,
}

/// PHI found in an expression.
#[derive(Clone, Debug)]
pub struct Evidence<'a> {
    /// The classifier's verdict.
    pub class: Classification,
    /// Where the PHI originates, as an access path of identifiers (`patient.ssn`); never a value.
    pub name: String,
    /// The variable it travelled through, if any (`msg`).
    pub via: Option<String>,
    /// The node to report: the PHI expression at the sink.
    pub node: Node<'a>,
    /// The other PHI the same sink call carries, described (`` `patient.ssn` (Social Security
    /// number) ``): one finding names every kind, so fixing one does not reveal the next.
    pub also: Vec<String>,
}

impl Evidence<'_> {
    /// Whether the value reaches the sink masked or truncated (`mask(ssn)`, `"***-**-" +
    /// ssn[-4:]`, `masked_mrn`): set only for logging and exposure, where masking downgrades a
    /// finding to a note instead of clearing it (PHI_DOMAIN §4.0).
    pub fn masked(&self) -> bool {
        self.class.masked
    }

    /// "`patient.ssn` (Social Security number)" or with the variable it went through.
    pub fn describe(&self) -> String {
        let mut out = self.describe_one();
        for (i, other) in self.also.iter().enumerate() {
            out.push_str(match i {
                0 => " together with ",
                _ if i + 1 == self.also.len() => " and ",
                _ => ", ",
            });
            out.push_str(other);
        }
        out
    }

    /// This value alone, without the others of the same call.
    pub fn describe_one(&self) -> String {
        let what = self.class.kind.describe();
        match &self.via {
            // A phrase (`passed to `save``, `reads `row.mrn``) or the variable it went through.
            Some(v) if v.contains(' ') => format!("`{}` ({what}, {v})", self.name),
            Some(v) if *v != self.name => format!("`{}` ({what}, via `{v}`)", self.name),
            _ => format!("`{}` ({what})", self.name),
        }
    }

    /// Adds the other PHI values of the same sink call (strongest first) that are of another
    /// kind or another access path than this one; at most three are named.
    pub fn with_others(mut self, others: Vec<Evidence<'_>>, floor: f32) -> Self {
        const MAX_OTHERS: usize = 3;
        let mut others: Vec<_> = others
            .into_iter()
            .filter(|o| {
                o.class.score >= floor
                    && !o.class.masked
                    && o.class.kind != crate::phi::Kind::InternalId
            })
            .collect();
        others.sort_by(|a, b| b.class.score.total_cmp(&a.class.score));
        let mut kinds = vec![self.class.kind];
        for o in others {
            if self.also.len() == MAX_OTHERS {
                break;
            }
            if kinds.contains(&o.class.kind) || o.name == self.name {
                continue;
            }
            kinds.push(o.class.kind);
            self.also.push(o.describe_one());
        }
        self
    }
}

const MAX_DEPTH: usize = crate::limits::EXPRESSION_DEPTH;

/// Whether a condition holds only in development builds ([`Flow::in_dev_only_branch`]).
fn is_dev_guard(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    let t = t.replace('\'', "\"");
    matches!(
        t.as_str(),
        "__DEV__"
            | "import.meta.env.DEV"
            | "import.meta.env.MODE===\"development\""
            | "isDevMode"
            | "cfg!debug_assertions"
            | "settings.DEBUG"
            | "process.env.NODE_ENV!==\"production\""
            | "process.env.NODE_ENV!=\"production\""
            | "process.env.NODE_ENV===\"development\""
            | "process.env.NODE_ENV==\"development\""
            | "\"production\"!==process.env.NODE_ENV"
            | "\"development\"===process.env.NODE_ENV"
    )
}

/// The most of a callee's text that is read for sanitiser names ([`Flow::sanitizer_kind`]).
const MAX_CALLEE_TEXT: usize = 256;

/// The last `max` bytes of `text` at most, from a character boundary.
fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// How many expression evaluations may be open at once, whatever their `depth` says: a
/// backstop for paths that start a fresh evaluation from inside one (an object key's value is
/// evaluated as an expression of its own), which nested literals could otherwise chain into a
/// stack overflow (`{a: {a: {a: ...}}}`, 200,000 deep).
const MAX_NESTING: usize = 4 * MAX_DEPTH;

#[derive(Clone, Copy, Debug)]
enum Value<'a> {
    /// `x = expr`
    Expr(Node<'a>),
    /// `x += expr`: the previous value plus this.
    Augment(Node<'a>),
    /// The `index`th parameter of function `func` (its declared type, if any, is the binding's
    /// `ty`): what callers in the same file pass there.
    Param(Node<'a>, usize),
    /// `for x in coll`
    Element(Node<'a>),
    /// `{ key: x } = source`, or `{ x } = source` (key = x)
    Destructure(Node<'a>, &'a str),
    /// Bound to something we do not follow (tuple unpacking).
    Opaque,
}

#[derive(Clone, Copy, Debug)]
struct Binding<'a> {
    pos: usize,
    value: Value<'a>,
    ty: Option<Node<'a>>,
    id: usize,
}

#[derive(Default)]
struct Index<'a> {
    bindings: HashMap<(usize, &'a str), Vec<Binding<'a>>>,
    count: usize,
}

/// Builds a file's function table during a pre-order walk of the whole file that some other
/// pass makes anyway ([`Flow::function_table_builder`], [`Flow::install_function_table`]).
pub struct FnTableBuilder<'a> {
    table: FnTable<'a>,
    /// Open functions on the path to the current node: (index, depth).
    open: Vec<(usize, usize)>,
    kinds: &'static crate::tree::KindSet,
}

impl<'a> FnTableBuilder<'a> {
    fn new(lang: Language) -> FnTableBuilder<'a> {
        FnTableBuilder {
            table: FnTable {
                nodes: Vec::new(),
                parent: Vec::new(),
            },
            open: Vec::new(),
            kinds: syntax::FUNCTIONS.get(lang),
        }
    }

    /// Visits the next node of a pre-order walk from the root (`depth` below the root).
    #[inline]
    pub fn visit(&mut self, node: Node<'a>, depth: usize) {
        while self.open.last().is_some_and(|(_, d)| *d >= depth) {
            self.open.pop();
        }
        if self.kinds.contains(node) {
            self.table.nodes.push(node);
            self.table.parent.push(self.open.last().map(|(i, _)| *i));
            self.open.push((self.table.nodes.len() - 1, depth));
        }
    }
}

/// Local data flow over one file.
pub struct Flow<'a> {
    lang: Language,
    family: Family,
    source: &'a str,
    tree: &'a Tree,
    vocab: &'a Vocabulary,
    sanitizers: &'a [String],
    scopes: RefCell<HashMap<usize, std::rc::Rc<Index<'a>>>>,
    next_id: std::cell::Cell<usize>,
    memo: RefCell<HashMap<(usize, Purpose), Option<Evidence<'a>>>>,
    /// Results of top-level [`Flow::eval`] calls by node: rules and the missing-audit fact
    /// collector ask about the same expressions (a call, then its callee and arguments).
    evals: RefCell<HashMap<(usize, Purpose), Option<Evidence<'a>>>>,
    active: RefCell<HashSet<usize>>,
    functions: std::cell::OnceCell<FnTable<'a>>,
    settings: &'a Settings,
    /// Functions of this file by the name they are called by, built on first use.
    by_name: std::cell::OnceCell<HashMap<&'a str, Node<'a>>>,
    /// Names imported from sibling modules: local name → (module specifier, imported name),
    /// read on first use.
    imported: std::cell::OnceCell<HashMap<String, (String, String)>>,
    /// What calls of local and imported functions return, by (name, purpose): a file calls the
    /// same helper many times.
    returns: RefCell<HashMap<(&'a str, Purpose), Option<Classification>>>,
    /// Whether a name that says nothing is a record by the PHI fields read of it, by (scope,
    /// name): [`Flow::record_by_field_use`].
    #[allow(clippy::type_complexity)]
    field_uses: RefCell<HashMap<(usize, &'a str), Option<(Classification, String)>>>,
    /// Whether each request handler (by function node id) is about PHI by its route, name or
    /// parameters ([`Flow::handler_mentions_phi`]).
    phi_handlers: RefCell<HashMap<usize, bool>>,
    /// The types declared in this file (classes, interfaces, structs, pydantic models) whose
    /// fields hold PHI ([`Flow::declares_phi_type`]), read on first use.
    phi_types: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
    /// [`Flow::imported_phi_type`] by type name, for this file.
    imported_types: RefCell<HashMap<String, bool>>,
    /// The call sites of each function name looked up by [`Flow::calls_named`].
    call_sites: RefCell<HashMap<&'a str, std::rc::Rc<Vec<Node<'a>>>>>,
    /// Where each name is followed by `(` in the source text, found by one pass on the first
    /// [`Flow::calls_named`].
    call_index: std::cell::OnceCell<HashMap<&'a str, Vec<usize>>>,
    /// The innermost object or callee of each chain node walked by a rule ([`Flow::chain_roots`]).
    chain_roots: RefCell<HashMap<usize, Node<'a>>>,
    /// The file on disk, when known: functions imported from the application's other modules
    /// are summarised from their source ([`Flow::imported_return`]).
    origin: std::cell::RefCell<Option<std::path::PathBuf>>,
    /// Expression evaluations open on the stack ([`MAX_NESTING`]).
    nesting: std::cell::Cell<usize>,
}

/// An identifier character as the text searches of this module see one: ASCII letters and
/// digits, `_` and `$`.
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// What a callee does to the confidentiality of its argument, by its name: `Some(false)` when it
/// reveals it (`decrypt`, `unmask`, `expose_secret`), `Some(true)` when it encrypts it
/// (`fernet.encrypt`, `seal`, `kms`), `None` otherwise. The one list every rule that asks
/// "is this encrypted?" uses.
pub(crate) fn callee_encryption(callee: &str) -> Option<bool> {
    let method = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    let joined = tokenize(method).concat();
    // A callee is a path of a few names; the callee of the last call in a chain of 80,000
    // (`x.then(r => r).then(...)`) is the whole chain. Only its end can name a sanitiser,
    // and reading all of it at every link was quadratic.
    let full = tokenize(tail(callee, MAX_CALLEE_TEXT)).concat();
    if [
        "decrypt",
        "unmask",
        "reveal",
        "exposesecret",
        "unseal",
        "intoinner",
        "unredact",
    ]
    .iter()
    .any(|w| joined.contains(w))
    {
        return Some(false);
    }
    [
        "encrypt",
        "seal",
        "fernet",
        "aesgcm",
        "chacha20poly1305",
        "secretbox",
        "cipheriv",
        "kms",
    ]
    .iter()
    .any(|w| joined.contains(w) || (full.contains(w) && joined == "encrypt"))
    .then_some(true)
}

/// Where `word` occurs in `text` as a whole identifier: not preceded or followed by an
/// identifier character (letters, digits, `_`, `$`). One text search, so linear in `text`.
pub(crate) fn word_positions<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let end = at + word.len();
            !word.is_empty()
                && (at == 0 || !is_ident_byte(bytes[at - 1]))
                && (end == bytes.len() || !is_ident_byte(bytes[end]))
        })
}

/// Every maximal run of ASCII identifier characters (letters, digits, `_`, `$`) in `source`, as
/// `start..end` byte ranges, in one pass. Both ends are ASCII, so character boundaries.
pub(crate) fn identifier_runs(source: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = source.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !is_ident_byte(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && is_ident_byte(bytes[i]) {
            i += 1;
        }
        Some(start..i)
    })
}

/// Every function of a file in pre-order, with the index of the function enclosing each: built
/// by one cursor walk on the first lookup. `Node::parent` costs O(depth) per step in
/// tree-sitter, so walking up from every identifier looked up was quadratic in nesting.
struct FnTable<'a> {
    nodes: Vec<Node<'a>>,
    parent: Vec<Option<usize>>,
}

impl<'a> FnTable<'a> {
    fn build(lang: Language, root: Node<'a>) -> FnTable<'a> {
        let mut builder = FnTableBuilder::new(lang);
        crate::tree::preorder(root, |node, depth| {
            builder.visit(node, depth);
            crate::tree::Walk::Descend
        });
        builder.table
    }

    /// The nearest function enclosing `node` (not `node` itself).
    fn enclosing(&self, node: Node<'a>) -> Option<Node<'a>> {
        let (start, end) = (node.start_byte(), node.end_byte());
        // The last function starting at or before `node`; the enclosing one is on its chain.
        let mut at = self
            .nodes
            .partition_point(|f| f.start_byte() <= start)
            .checked_sub(1);
        while let Some(i) = at {
            let f = self.nodes[i];
            if f.start_byte() == start && f.end_byte() == end {
                if f.id() == node.id() {
                    at = self.parent[i];
                    continue;
                }
                // Same span, another node: a wrapper of the function or one it wraps; only
                // the tree knows which.
                return syntax::enclosing_function(node);
            }
            if f.start_byte() <= start && end <= f.end_byte() {
                return Some(f);
            }
            at = self.parent[i];
        }
        None
    }
}

impl<'a> Flow<'a> {
    /// Flow over a parsed file.
    pub fn new(
        lang: Language,
        source: &'a str,
        tree: &'a Tree,
        settings: &'a Settings,
    ) -> Flow<'a> {
        Flow {
            lang,
            family: lang.family(),
            source,
            tree,
            vocab: &settings.vocab,
            sanitizers: &settings.sanitizers,
            scopes: RefCell::new(HashMap::new()),
            next_id: std::cell::Cell::new(0),
            memo: RefCell::new(HashMap::new()),
            evals: RefCell::new(HashMap::new()),
            active: RefCell::new(HashSet::new()),
            functions: std::cell::OnceCell::new(),
            settings,
            by_name: std::cell::OnceCell::new(),
            imported: std::cell::OnceCell::new(),
            returns: RefCell::new(HashMap::new()),
            call_sites: RefCell::new(HashMap::new()),
            call_index: std::cell::OnceCell::new(),
            chain_roots: RefCell::new(HashMap::new()),
            field_uses: RefCell::new(HashMap::new()),
            phi_handlers: RefCell::new(HashMap::new()),
            phi_types: std::cell::OnceCell::new(),
            imported_types: RefCell::new(HashMap::new()),
            origin: std::cell::RefCell::new(None),
            nesting: std::cell::Cell::new(0),
        }
    }

    /// Says where the file is on disk, so calls of functions imported from sibling modules can
    /// be summarised.
    pub fn set_origin(&self, path: &std::path::Path) {
        *self.origin.borrow_mut() = Some(path.to_path_buf());
    }

    /// A builder for the function table, when it is not built yet: a pass that walks the whole
    /// file anyway builds it on the way and hands it to [`Flow::install_function_table`].
    pub fn function_table_builder(&self) -> Option<FnTableBuilder<'a>> {
        self.functions
            .get()
            .is_none()
            .then(|| FnTableBuilder::new(self.lang))
    }

    /// Installs a table built over a complete pre-order walk of the file's root.
    pub fn install_function_table(&self, builder: FnTableBuilder<'a>) {
        let _ = self.functions.set(builder.table);
    }

    fn function_table(&self) -> &FnTable<'a> {
        self.functions
            .get_or_init(|| FnTable::build(self.lang, self.tree.root_node()))
    }

    /// The nearest function enclosing `node` (not `node` itself), from a table built once per
    /// file: cheaper than walking `Node::parent`, which is O(depth) per step.
    pub fn enclosing_function(&self, node: Node<'a>) -> Option<Node<'a>> {
        self.function_table().enclosing(node)
    }

    /// The vocabulary.
    pub fn vocab(&self) -> &'a Vocabulary {
        self.vocab
    }

    fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    /// The PHI an expression carries, if any.
    pub fn eval(&self, node: Node<'a>, purpose: Purpose) -> Option<Evidence<'a>> {
        // Outside any binding evaluation the result depends only on the node and the purpose
        // (inside one, cycle cuts depend on what is being evaluated): memoise those.
        if !self.active.borrow().is_empty() {
            return self.eval_at(node, purpose, 0);
        }
        let key = (node.id(), purpose);
        if let Some(hit) = self.evals.borrow().get(&key) {
            return hit.clone();
        }
        let result = self.eval_at(node, purpose, 0);
        self.evals.borrow_mut().insert(key, result.clone());
        result
    }

    /// Classifies a bare name (a keyword argument, an object key) whose value is `value`:
    /// the name counts only when the value is not a literal constant.
    pub fn eval_keyed(
        &self,
        key: &str,
        key_node: Node<'a>,
        value: Node<'a>,
        purpose: Purpose,
    ) -> Option<Evidence<'a>> {
        self.eval_keyed_at(key, key_node, value, purpose, None)
    }

    /// [`Flow::eval_keyed`]; inside an evaluation (`depth` given) the value is evaluated at that
    /// depth, so nested records (`{a: {a: ...}}`) count against [`MAX_DEPTH`] like any nesting.
    fn eval_keyed_at(
        &self,
        key: &str,
        key_node: Node<'a>,
        value: Node<'a>,
        purpose: Purpose,
        depth: Option<usize>,
    ) -> Option<Evidence<'a>> {
        // `birthdate: 'Birth date (YYYY-MM-DD)'`, `firstName: "John"` (a help text, an
        // example): a key over a constant names the constant, not a record's value. A
        // hard-coded identifier is the hardcoded-phi rules' business.
        if syntax::is_literal(value.kind())
            || syntax::is_plain_string(value)
            || syntax::content_free(value, self.source)
        {
            return None;
        }
        let from_value = match depth {
            None => self.eval(value, purpose),
            Some(d) => self.eval_at(value, purpose, d),
        };
        if self.sanitized_call(value, purpose) {
            return None;
        }
        let from_key = self.vocab.classify_name(key).map(|class| Evidence {
            also: Vec::new(),
            class,
            name: display_name(&[key]),
            via: None,
            node: key_node.up().unwrap_or(key_node),
        });
        // `phone: clinic.phone`, `email: supportEmail`, `ssn: row.ssn_hash`: the value already
        // reads as the key's kind of identifier, demoted (another owner's, a protected form), so
        // the key says nothing the value does not say more precisely.
        let from_key = from_key.filter(|k| {
            !from_value.as_ref().is_some_and(|v| {
                v.class.kind == k.class.kind && !v.class.aggregate && v.class.score < k.class.score
            })
        });
        // `mrn: mrn.substring(0, 4) + "..."`, `ssn: mask(ssn)`: the key names what was masked,
        // so what is logged is a masked form of it.
        let from_key = masked_if(from_key, self.masking(value, purpose));
        for_purpose(max(from_key, from_value), purpose)
    }

    /// Whether `node` masks or truncates a value for `purpose` (`mask(ssn)`, `ssn[-4:]` joined
    /// to a mask literal): only logging and exposure count masking.
    fn masking(&self, node: Node<'a>, purpose: Purpose) -> bool {
        if !matches!(purpose, Purpose::Logging | Purpose::Exposure) {
            return false;
        }
        let node = syntax::unwrap_parens(node);
        if self.truncated_and_masked(node).is_some() {
            return true;
        }
        // `ssn: ssn.slice(-4)`: a short truncation of an identifier, not of a list of records.
        if let Some(object) = self.short_truncation(node) {
            return !self
                .eval_at(object, purpose, MAX_DEPTH / 2)
                .is_some_and(|e| e.class.aggregate);
        }
        matches!(
            node.kind(),
            "call" | "call_expression" | "new_expression" | "macro_invocation"
        ) && syntax::callee(node)
            .is_some_and(|c| self.sanitizer_kind(self.text(c), purpose) == Sanitizer::Masks)
    }

    /// What a name alone says about the value it labels (a query-string key over an
    /// interpolated value, `?ssn=${value}`), at `node`: nothing when the value is a literal or
    /// passes through a sanitiser for `purpose`, a masked form when the value masks or truncates
    /// (`?ssn=${"***-**-" + ssn.slice(-4)}`).
    pub fn key_evidence(
        &self,
        key: &str,
        value: Node<'a>,
        node: Node<'a>,
        purpose: Purpose,
    ) -> Option<Evidence<'a>> {
        if syntax::is_literal(value.kind()) || self.sanitized_call(value, purpose) {
            return None;
        }
        let mut class = self.vocab.classify_name(key)?;
        if self.masking(value, purpose) {
            class = class.mask();
        }
        for_purpose(
            Some(Evidence {
                also: Vec::new(),
                class,
                name: display_name(&[key]),
                via: None,
                node,
            }),
            purpose,
        )
    }

    fn eval_at(&self, node: Node<'a>, purpose: Purpose, depth: usize) -> Option<Evidence<'a>> {
        let open = self.nesting.get();
        if open >= MAX_NESTING {
            return None;
        }
        self.nesting.set(open + 1);
        let found = self.eval_node(node, purpose, depth);
        self.nesting.set(open);
        for_purpose(found, purpose)
    }

    fn eval_node(&self, node: Node<'a>, purpose: Purpose, depth: usize) -> Option<Evidence<'a>> {
        if depth > MAX_DEPTH || crate::budget::exhausted() {
            return None;
        }
        let kind = node.kind();
        let d = depth + 1;
        // `ssn[-4:]`, `mrn.slice(0, 4)`: at most four characters of an identifier are a partial
        // identifier, a masked form for logging and display (PHI_DOMAIN §4.0: "last 4"). Four
        // elements of a list of records (`patients[:4]`) are still records.
        if matches!(purpose, Purpose::Logging | Purpose::Exposure) {
            if let Some(kept) = self.short_truncation(node) {
                return self.eval_at(kept, purpose, d).map(|mut e| {
                    if !e.class.aggregate {
                        e.class = e.class.mask();
                    }
                    e
                });
            }
        }
        match kind {
            "identifier" | "shorthand_property_identifier" | "self" | "this" => {
                self.eval_identifier(node, purpose, d)
            }
            "attribute"
            | "member_expression"
            | "field_expression"
            | "subscript"
            | "subscript_expression"
            | "index_expression" => self.eval_path(node, purpose, d),
            "call" | "call_expression" | "new_expression" => self.eval_call(node, purpose, d),
            "macro_invocation" => self.eval_macro(node, purpose, d),
            "string" | "template_string" => {
                let mut best = None;
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if matches!(child.kind(), "interpolation" | "template_substitution") {
                        if let Some(expr) = child.named_child(0) {
                            let mut found = self.eval_at(expr, purpose, d);
                            if self.renders_as_object(expr) {
                                found = found.filter(|e| e.class.kind.is_identifier());
                            }
                            if matches!(purpose, Purpose::Logging | Purpose::Exposure)
                                && self.masked_interpolation(child, expr)
                            {
                                found = for_purpose(masked_if(found, true), purpose);
                            }
                            best = max(best, found);
                        }
                    }
                }
                best
            }
            "binary_operator" | "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                if matches!(op, "+" | "%") {
                    // `mrn.substring(0, 4) + "****"`, `"***-**-" + ssn[-4:]`: masked by
                    // truncation (PHI_DOMAIN §4.0), which downgrades logging and display to a
                    // note like a `masked_*` name does.
                    if matches!(purpose, Purpose::Logging | Purpose::Exposure) {
                        if let Some(kept) = self.truncated_and_masked(node) {
                            return masked_if(self.eval_at(kept, purpose, d), true);
                        }
                    }
                    let operand = |n: Node<'a>| {
                        let found = self.eval_at(n, purpose, d);
                        if op == "+" && self.renders_as_object(n) {
                            found.filter(|e| e.class.kind.is_identifier())
                        } else {
                            found
                        }
                    };
                    let l = node.field("left").and_then(operand);
                    let r = node.field("right").and_then(operand);
                    max(l, r)
                } else {
                    None
                }
            }
            "dictionary" | "object" | "struct_expression" | "field_initializer_list" => {
                self.eval_record_literal(node, purpose, d)
            }
            "pair" | "field_initializer" | "keyword_argument" => {
                let key = node
                    .field("key")
                    .or_else(|| node.field("field"))
                    .or_else(|| node.field("name"))?;
                let value = node.field("value")?;
                let key_text = syntax::key_text(self.text(key), key.kind())?;
                if depth > MAX_DEPTH - 2 {
                    return None;
                }
                self.eval_keyed_at(key_text, key, value, purpose, Some(d))
            }
            "shorthand_field_initializer" => node
                .named_child(0)
                .and_then(|n| self.eval_at(n, purpose, d)),
            "concatenated_string"
            | "list"
            | "tuple"
            | "set"
            | "array"
            | "expression_list"
            | "array_expression"
            | "tuple_expression"
            | "argument_list"
            | "arguments" => {
                let mut best = None;
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    best = max(best, self.eval_at(child, purpose, d));
                }
                best
            }
            "conditional_expression" => {
                let mut cursor = node.walk();
                let children: Vec<_> = node.named_children(&mut cursor).collect();
                let a = children.first().and_then(|n| self.eval_at(*n, purpose, d));
                let b = children.get(2).and_then(|n| self.eval_at(*n, purpose, d));
                max(a, b)
            }
            "ternary_expression" => {
                let a = node
                    .field("consequence")
                    .and_then(|n| self.eval_at(n, purpose, d));
                let b = node
                    .field("alternative")
                    .and_then(|n| self.eval_at(n, purpose, d));
                max(a, b)
            }
            "parenthesized_expression"
            | "await"
            | "await_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "type_assertion"
            | "reference_expression"
            | "try_expression"
            | "spread_element"
            | "dictionary_splat"
            | "list_splat"
            | "interpolation"
            | "template_substitution"
            | "expression_statement"
            | "type_cast_expression"
            | "parenthesized_arguments" => {
                let inner = node.field("value").or_else(|| node.named_child(0))?;
                self.eval_at(inner, purpose, d)
            }
            "unary_expression" => {
                let op = node.child(0).map(|o| self.text(o)).unwrap_or("");
                if op == "*" {
                    node.named_child(0)
                        .and_then(|n| self.eval_at(n, purpose, d))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn eval_record_literal(
        &self,
        node: Node<'a>,
        purpose: Purpose,
        d: usize,
    ) -> Option<Evidence<'a>> {
        let body = if node.kind() == "struct_expression" {
            node.field("body")
        } else {
            Some(node)
        };
        let body = body?;
        let mut best = None;
        let mut cursor = body.walk();
        for child in body.named_children(&mut cursor) {
            best = max(best, self.eval_at(child, purpose, d));
        }
        best
    }

    fn eval_identifier(&self, node: Node<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let name = self.text(node);
        // `MEDICATION_ORDER_CODE`, an imported `EHR`: a constant-case name holds a constant, a
        // code or a setting, so its name says nothing about a record; only what it is bound
        // to can (`const SSN = row.ssn`).
        let by_name = if syntax::is_constant_case(name) {
            None
        } else {
            self.vocab.classify_name(name)
        };
        let by_name = by_name.map(|class| Evidence {
            also: Vec::new(),
            class,
            name: display_name(&[name]),
            via: None,
            node,
        });
        let Some(binding) = self.lookup(node, name) else {
            return by_name.or_else(|| self.record_by_field_use(node, name, None));
        };
        // `staff_name = _resolve_staff(id)`: the variable's name says whose identifier it holds.
        let from_binding = if self.vocab.names_owner_identifier(name) {
            None
        } else {
            self.eval_binding(binding, purpose, d)
        };
        let mut masked_rhs = false;
        if let Value::Expr(rhs) = binding.value {
            if self.sanitized_call(rhs, purpose) {
                return None;
            }
            masked_rhs = self.masking(rhs, purpose);
        }
        // A variable named like metadata (`count`, `subclass`, `field`) holds something about
        // the PHI, not the PHI itself; one named as masked (`masked_ssn`) holds a masked form.
        let factor = self.vocab.name_factor(name);
        let masked_name = self.vocab.name_is_masked(name);
        let from_binding = from_binding.map(|mut e| {
            e.class.score *= factor;
            if masked_name {
                e.class = e.class.mask();
            }
            if e.name.is_empty() {
                e.name = display_name(&[name]);
            }
            if e.name != name {
                e.via = Some(display_name(&[name]));
            }
            e.node = node;
            e
        });
        // `ssn = mask(ssn)`: the variable holds a masked form of what its name says.
        let by_name = masked_if(by_name, masked_rhs);
        // `memberId = result.rows[0]?.id`, `claimNumber = `CLM-${Date.now()}-${claimId}``: a
        // value made of surrogate ids is one, whatever the variable is called. A medical record
        // number or an SSN stays one however it was made (a generated MRN is the patient's).
        let by_name = by_name.filter(|e| {
            matches!(e.class.kind, crate::phi::Kind::Mrn | crate::phi::Kind::Ssn)
                || !matches!(binding.value, Value::Expr(rhs) if self.is_surrogate_value(rhs, 0))
        });
        let found = max(by_name, from_binding);
        if found.is_none() && !masked_rhs {
            // Fields read first (the message says which); else a type declared in this file
            // with PHI fields (`body: ReadingIn`, `values: CheckIn`, `claim: &Claim`).
            // Only the value itself, as for fields read: `body.note` is judged by `note`; a
            // conversion of the whole value (`body.model_dump()`, `values.toJSON()`) is it.
            let converted = node.parent().is_some_and(|p| {
                matches!(p.kind(), "attribute" | "member_expression")
                    && p.field("attribute")
                        .or_else(|| p.field("property"))
                        .is_some_and(|m| syntax::PASSTHROUGH_CALLS.contains(&self.text(m)))
                    && p.parent().is_some_and(|c| {
                        matches!(c.kind(), "call" | "call_expression")
                            && c.field("function").is_some_and(|f| f.id() == p.id())
                    })
            });
            let whole_value = converted
                || !node.parent().is_some_and(|p| {
                    matches!(
                        p.kind(),
                        "member_expression"
                            | "attribute"
                            | "field_expression"
                            | "subscript"
                            | "subscript_expression"
                            | "index_expression"
                    ) && p
                        .field("object")
                        .or_else(|| p.field("value"))
                        .or_else(|| p.named_child(0))
                        .is_some_and(|o| o.id() == node.id())
                });
            // Not Rust yet: its typed extractors and parameters are everywhere, and the records
            // they would make cost more analysis than the speed budget allows (issue 22 note).
            let declared = || {
                binding
                    .ty
                    .filter(|_| whole_value && self.family != Family::Rust)
                    .and_then(|t| self.declared_phi_type(self.text(t)))
                    .map(|ty| Evidence {
                        also: Vec::new(),
                        class: Classification::record(0.7),
                        name: display_name(&[name]),
                        via: Some(format!("typed `{}`", display_name(&[ty]))),
                        node,
                    })
            };
            return for_purpose(
                self.record_by_field_use(node, name, Some(binding.pos))
                    .or_else(declared),
                purpose,
            );
        }
        for_purpose(found, purpose)
    }

    /// Whether an expression makes a surrogate key and nothing else: a field read named as an
    /// id (`result.rows[0]?.id`, `row["uuid"]`, `created.pk`), a generated id (`uuid4()`,
    /// `crypto.randomUUID()`, `nanoid()`, `Date.now()`),
    /// alternatives of those (`row?.id || id`), or a string built from those and literals only (`` `CLM-${Date.now()}-${claimId.slice(0, 8)}` ``). Bounded by depth.
    fn is_surrogate_value(&self, node: Node<'a>, depth: usize) -> bool {
        const GENERATORS: &[&str] = &[
            "uuid",
            "uuid1",
            "uuid4",
            "uuidv4",
            "v4",
            "v7",
            "randomUUID",
            "nanoid",
            "cuid",
            "cuid2",
            "createId",
            "ulid",
            "now",
            "generateId",
            "objectId",
            "ObjectId",
        ];
        if depth > 4 {
            return false;
        }
        let id_named =
            |text: &str| crate::phi::names_a_surrogate_id(text.trim_matches(['"', '\'', '`']));
        match node.kind() {
            "parenthesized_expression" | "await_expression" | "non_null_expression" => node
                .named_child(0)
                .is_some_and(|c| self.is_surrogate_value(c, depth + 1)),
            "member_expression" | "attribute" | "field_expression" => node
                .field("property")
                .or_else(|| node.field("attribute"))
                .or_else(|| node.field("field"))
                .is_some_and(|p| id_named(self.text(p))),
            "subscript" | "subscript_expression" | "index_expression" => node
                .field("index")
                .or_else(|| node.field("subscript"))
                .or_else(|| node.named_child(1))
                .is_some_and(|k| matches!(k.kind(), "string") && id_named(self.text(k))),
            "call" | "call_expression" => {
                let Some(callee) = node.field("function") else {
                    return false;
                };
                let text = self.text(callee);
                let last = text.rsplit(['.', ':']).next().unwrap_or(text);
                if GENERATORS.contains(&last) {
                    return true;
                }
                // `claimId.slice(0, 8)`, `String(row.id)`: a piece or a conversion of an id.
                let receiver_is_id = callee
                    .field("object")
                    .is_some_and(|o| id_named(self.text(o).rsplit('.').next().unwrap_or("")));
                let converts_an_id = matches!(last, "String" | "str" | "toString")
                    && node.field("arguments").is_some_and(|a| {
                        a.named_child(0)
                            .is_some_and(|x| self.is_surrogate_value(x, depth + 1))
                    });
                receiver_is_id
                    && matches!(
                        last,
                        "slice" | "substring" | "substr" | "toString" | "toUpperCase" | "split"
                    )
                    || converts_an_id
            }
            // `result.rows[0]?.id || id`: each alternative is an id.
            "binary_expression" | "boolean_operator" => {
                let op = node.field("operator").map(|o| self.text(o));
                matches!(op, Some("||" | "??" | "or"))
                    && [node.field("left"), node.field("right")]
                        .iter()
                        .all(|side| {
                            side.is_some_and(|e| {
                                self.is_surrogate_value(e, depth + 1)
                                    || (e.kind() == "identifier" && id_named(self.text(e)))
                            })
                        })
            }
            "template_string" | "string" => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'a>> = node
                    .named_children(&mut cursor)
                    .filter(|c| matches!(c.kind(), "template_substitution" | "interpolation"))
                    .collect();
                !parts.is_empty()
                    && parts.iter().all(|p| {
                        p.named_child(0).is_some_and(|e| {
                            self.is_surrogate_value(e, depth + 1)
                                || (e.kind() == "identifier" && id_named(self.text(e)))
                        })
                    })
            }
            _ => false,
        }
    }

    /// A value whose name says nothing (`values`, `row`, `data`, `body`) is a PHI record when the
    /// code around it reads PHI fields of it: `values.symptoms`, `row["patient_name"]`,
    /// `data?.dueDate`, `row.get("mrn")`, `claim.member_dob`. The fields read in the function
    /// that binds it (or the whole file for a module-level name) are asked of the classifier;
    /// the strongest that is PHI at medium confidence or more (not a surrogate id, not a masked
    /// form) makes the value a whole record. At most 64 uses are looked at, found by the name's
    /// text: no walk over the function.
    fn record_by_field_use(
        &self,
        node: Node<'a>,
        name: &'a str,
        bound_at: Option<usize>,
    ) -> Option<Evidence<'a>> {
        const MAX_USES: usize = 64;
        const MIN_FIELD_SCORE: f32 = 0.6;
        if matches!(name, "self" | "this" | "cls" | "super" | "_")
            || name.len() < 2
            || syntax::is_constant_case(name)
            || name.starts_with(char::is_uppercase)
        {
            return None;
        }
        // Only the value itself: `payload.get("iat")` and `row.status` read a field of the
        // record, judged by that field's name, not the record.
        if node.parent().is_some_and(|p| {
            matches!(
                p.kind(),
                "member_expression"
                    | "attribute"
                    | "field_expression"
                    | "subscript"
                    | "subscript_expression"
                    | "index_expression"
            ) && p
                .field("object")
                .or_else(|| p.field("value"))
                .or_else(|| p.named_child(0))
                .is_some_and(|o| o.id() == node.id())
        }) {
            return None;
        }
        let root = self.tree.root_node();
        let anchor = bound_at
            .and_then(|pos| root.descendant_for_byte_range(pos, pos))
            .unwrap_or(node);
        let scope = self.enclosing_function(anchor).unwrap_or(root);
        if let Some(hit) = self.field_uses.borrow().get(&(scope.id(), name)) {
            return hit.clone().map(|(class, field)| Evidence {
                also: Vec::new(),
                class,
                name: display_name(&[name]),
                via: Some(field),
                node,
            });
        }
        let bytes = self.source.as_bytes();
        let text = self.source.get(scope.byte_range()).unwrap_or("");
        let mut best: Option<(Classification, String)> = None;
        for (at, _) in text.match_indices(name).take(MAX_USES) {
            let start = scope.start_byte() + at;
            let end = start + name.len();
            let before_ok = start == 0 || {
                let b = bytes[start - 1];
                !(b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.')
            };
            let after = &self.source[end..];
            if !before_ok
                || !(after.starts_with('.') || after.starts_with("?.") || after.starts_with('['))
            {
                continue;
            }
            let Some(leaf) = root
                .descendant_for_byte_range(start, end)
                .filter(|l| l.kind() == "identifier" && l.start_byte() == start)
            else {
                continue;
            };
            let Some(parent) = leaf.parent() else {
                continue;
            };
            let field = match parent.kind() {
                "member_expression" => parent.field("property").map(|p| self.text(p)),
                "attribute" => parent
                    .field("attribute")
                    .map(|p| self.text(p))
                    .and_then(|f| {
                        // `row.get("mrn")`: the key read.
                        if f == "get" {
                            parent
                                .parent()
                                .filter(|c| c.kind() == "call")
                                .and_then(|c| c.field("arguments"))
                                .and_then(|a| a.named_child(0))
                                .and_then(|k| syntax::string_content(self.text(k), k.kind()))
                        } else {
                            Some(f)
                        }
                    }),
                "field_expression" => parent.field("field").map(|p| self.text(p)),
                "subscript" | "subscript_expression" | "index_expression" => parent
                    .field("subscript")
                    .or_else(|| parent.field("index"))
                    .or_else(|| parent.named_child(1))
                    .and_then(|k| syntax::string_content(self.text(k), k.kind())),
                _ => None,
            };
            let Some(field) = field else { continue };
            // The object must be this name (not `x[name]`).
            let object = parent
                .field("object")
                .or_else(|| parent.field("value"))
                .or_else(|| parent.named_child(0));
            if object.map(|o| o.id()) != Some(leaf.id()) {
                continue;
            }
            let Some(class) = self.vocab.classify_path(&[name, field], false) else {
                continue;
            };
            // A field that identifies the patient or holds their health information; an
            // address, a URL, a device, an account or an id of any kind is not enough to make
            // an object someone's record (`header["X-Forwarded-For"]`).
            use crate::phi::Kind as K;
            let patient_field = matches!(
                class.kind,
                K::Ssn
                    | K::Mrn
                    | K::Name
                    | K::Date
                    | K::Address
                    | K::Phone
                    | K::Email
                    | K::HealthPlan
                    | K::Biometric
                    | K::Demographic
                    | K::Health
            );
            if class.score < MIN_FIELD_SCORE || class.masked || class.aggregate || !patient_field {
                continue;
            }
            if best.as_ref().is_none_or(|(b, _)| class.score > b.score) {
                best = Some((class, display_name(&[name, field])));
            }
        }
        let result = best.map(|(class, field)| {
            let mut record = Classification::record(0.7);
            record.sensitive = class.sensitive;
            (record, format!("reads `{field}`"))
        });
        self.field_uses
            .borrow_mut()
            .insert((scope.id(), name), result.clone());
        result.map(|(class, field)| Evidence {
            also: Vec::new(),
            class,
            name: display_name(&[name]),
            via: Some(field),
            node,
        })
    }

    fn eval_binding(&self, b: Binding<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        if let Some(hit) = self.memo.borrow().get(&(b.id, purpose)) {
            return hit.clone();
        }
        if !self.active.borrow_mut().insert(b.id) {
            return None;
        }
        let typed = b.ty.filter(|t| self.vocab.type_is_record(self.text(*t)));
        let mut result = match b.value {
            Value::Expr(rhs) => self.eval_at(rhs, purpose, d),
            Value::Augment(rhs) => self.eval_at(rhs, purpose, d),
            Value::Param(func, index) => self.passed_by_callers(func, index, purpose, d),
            Value::Opaque => None,
            Value::Element(coll) => self.eval_at(coll, purpose, d).map(|mut e| {
                if e.class.aggregate {
                    e.name = format!("{} item", e.name);
                }
                e
            }),
            Value::Destructure(source, key) => {
                let from_source = self.eval_at(source, purpose, d);
                let receiver_is_record = from_source.as_ref().is_some_and(|e| e.class.aggregate);
                let mut segments = self
                    .path_segments(source)
                    .map(|(s, _)| s)
                    .unwrap_or_default();
                segments.push(key);
                self.vocab
                    .classify_path(&segments, receiver_is_record)
                    .map(|class| Evidence {
                        also: Vec::new(),
                        class,
                        name: display_name(&segments),
                        via: None,
                        node: source,
                    })
            }
        };
        if let Some(t) = typed {
            let rec = Evidence {
                also: Vec::new(),
                class: Classification::record(0.75),
                // Filled in by the identifier that reads the binding.
                name: String::new(),
                via: None,
                node: t,
            };
            result = max(result, Some(rec));
        }
        self.active.borrow_mut().remove(&b.id);
        self.memo
            .borrow_mut()
            .insert((b.id, purpose), result.clone());
        result
    }

    /// The name a function is called by: its declared name, or the variable or property an
    /// arrow or function expression is assigned to (`const persistForm = (values) => ...`).
    pub(crate) fn function_name(&self, func: Node<'a>) -> Option<&'a str> {
        if let Some(n) = func.field("name") {
            return Some(self.text(n));
        }
        let parent = func.up()?;
        match parent.kind() {
            "variable_declarator" => parent.field("name").map(|n| self.text(n)),
            "pair" => parent.field("key").map(|n| self.text(n)),
            "assignment_expression" => parent
                .field("left")
                .map(|n| self.text(n).rsplit('.').next().unwrap_or("")),
            _ => None,
        }
        .filter(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
    }

    /// A memo for rules that walk a chain of calls and member accesses down to its innermost
    /// object (`res` in `res.json(p).set(..)`), by node id: every link of a chain has the chain
    /// below it as its receiver, so each walk must stop where an earlier one went.
    pub(crate) fn chain_roots(&self) -> &RefCell<HashMap<usize, Node<'a>>> {
        &self.chain_roots
    }

    /// The calls of `name` in this file (`name(...)`, `x.name(...)`, `self.name(...)`), found by
    /// the name's text and resolved to their call nodes: no walk over the whole tree.
    pub(crate) fn calls_named(&self, name: &'a str) -> std::rc::Rc<Vec<Node<'a>>> {
        if let Some(hit) = self.call_sites.borrow().get(name) {
            return hit.clone();
        }
        let found = std::rc::Rc::new(self.find_calls_named(name));
        self.call_sites.borrow_mut().insert(name, found.clone());
        found
    }

    fn find_calls_named(&self, name: &str) -> Vec<Node<'a>> {
        const MAX_CALLS: usize = 16;
        let mut out = Vec::new();
        let bytes = self.source.as_bytes();
        let root = self.tree.root_node();
        let consider = |at: usize| -> Option<Node<'a>> {
            let end = at + name.len();
            let before_ok = at == 0 || !is_ident_byte(bytes[at - 1]);
            let after = self.source[end..].trim_start_matches([' ', '\t']);
            if !before_ok || !after.starts_with('(') {
                return None;
            }
            let leaf = root.descendant_for_byte_range(at, end)?;
            // The leaf is the callee or the property of a member callee.
            let mut callee = leaf;
            if let Some(p) = leaf.up().filter(|p| {
                matches!(
                    p.kind(),
                    "member_expression" | "attribute" | "field_expression" | "scoped_identifier"
                ) && p.end_byte() == end
            }) {
                callee = p;
            }
            callee.up().filter(|c| {
                matches!(c.kind(), "call" | "call_expression")
                    && c.field("function").is_some_and(|f| f.id() == callee.id())
            })
        };
        if !name.is_empty() && name.bytes().all(is_ident_byte) {
            // A name of identifier characters is called where it is a whole word followed by
            // `(`: the positions the file's call index holds, found once for every name (a
            // search of the text per name cost the file's size times its functions).
            for &at in self.call_index().get(name).map_or(&[][..], Vec::as_slice) {
                if out.len() == MAX_CALLS {
                    break;
                }
                out.extend(consider(at));
            }
        } else {
            for (at, _) in self.source.match_indices(name) {
                if out.len() == MAX_CALLS {
                    break;
                }
                out.extend(consider(at));
            }
        }
        out
    }

    /// Every run of identifier characters followed by `(` (after spaces or tabs), by its text.
    fn call_index(&self) -> &HashMap<&'a str, Vec<usize>> {
        self.call_index.get_or_init(|| {
            let source = self.source;
            let bytes = source.as_bytes();
            let mut index: HashMap<&'a str, Vec<usize>> = HashMap::new();
            for run in identifier_runs(source) {
                let (start, i) = (run.start, run.end);
                let mut j = i;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                    j += 1;
                }
                if bytes.get(j) == Some(&b'(') {
                    // Both ends are ASCII, so character boundaries.
                    index.entry(&source[start..i]).or_default().push(start);
                }
            }
            index
        })
    }

    /// What callers in this file pass as parameter `index` of `func`: one level of
    /// interprocedural flow (`save(patient)` → `function save(values) { localStorage.setItem(..,
    /// values) }`). Bounded by the evaluation depth and at most 16 call sites.
    fn passed_by_callers(
        &self,
        func: Node<'a>,
        index: usize,
        purpose: Purpose,
        d: usize,
    ) -> Option<Evidence<'a>> {
        if d > MAX_DEPTH / 2 {
            return None;
        }
        // Summarising the module for its callers in other modules: every parameter stands
        // for a PHI record ([`crate::engine::summary`]).
        if crate::engine::summary::collecting() {
            if index == KEYWORDS {
                return Some(Evidence {
                    also: Vec::new(),
                    class: Classification::record(0.9),
                    name: self.keywords_parameter(func).unwrap_or("").to_string(),
                    via: None,
                    node: func,
                });
            }
            let names = self.parameter_names(func);
            let first_is_self = self.family == Family::Python
                && func
                    .field("parameters")
                    .and_then(|p| p.named_child(0))
                    .is_some_and(|p| matches!(self.text(p), "self" | "cls"));
            let at = if first_is_self {
                index.checked_sub(1)?
            } else {
                index
            };
            return Some(Evidence {
                also: Vec::new(),
                class: Classification::record(0.9),
                name: names.get(at).copied().unwrap_or("").to_string(),
                via: None,
                node: func,
            });
        }
        let name = self.function_name(func)?;
        // A Python method's `self`/`cls` is not passed in the argument list.
        let mut index = index;
        if self.family == Family::Python && index != KEYWORDS {
            let first = func
                .field("parameters")
                .and_then(|p| p.named_child(0))
                .map(|p| self.text(p));
            if matches!(first, Some("self" | "cls")) {
                index = index.checked_sub(1)?;
            }
        }
        // A parameter named as a qualified surrogate key (`patient_id`, `tenantId`) holds one,
        // whatever a caller calls its argument (`self.patient_everything(&member_id)`): the
        // function's own name for the value is its contract. A medical record number or an SSN
        // stays one under any name.
        let surrogate_param = index != KEYWORDS
            && self.parameter_names(func).get(index).is_some_and(|p| {
                crate::phi::names_a_surrogate_id(p) && crate::phi::tokenize(p).len() > 1
            });
        let shape = self.callable_shape(func);
        let mut best: Option<Evidence<'a>> = None;
        for &call in self.calls_named(name).iter() {
            // Recursion: a function's own calls of itself pass nothing new.
            if call.start_byte() >= func.start_byte() && call.end_byte() <= func.end_byte() {
                continue;
            }
            // `adapter.checkEligibility(..)` does not call this file's free function
            // `checkEligibility`, nor does a bare `save(..)` call a class's method `save`.
            if !shape.fits(call) {
                continue;
            }
            let Some(args) = call.field("arguments") else {
                continue;
            };
            if index == KEYWORDS {
                let mut c = args.walk();
                let values: Vec<Node<'a>> = args
                    .named_children(&mut c)
                    .filter(|a| a.kind() == "keyword_argument")
                    .filter_map(|a| a.field("value"))
                    .take(16)
                    .collect();
                for v in values {
                    let found = self.eval_at(v, purpose, d + 1).map(|mut e| {
                        e.via = Some(format!("passed to `{name}`"));
                        e
                    });
                    best = max(best, found);
                }
                continue;
            }
            let mut c = args.walk();
            let positional: Vec<Node<'a>> = args
                .named_children(&mut c)
                .filter(|a| !a.kind().contains("comment") && a.kind() != "keyword_argument")
                .collect();
            let Some(arg) = positional.get(index) else {
                continue;
            };
            let found = self
                .eval_at(*arg, purpose, d + 1)
                .filter(|e| {
                    !surrogate_param
                        || matches!(e.class.kind, crate::phi::Kind::Mrn | crate::phi::Kind::Ssn)
                })
                .map(|mut e| {
                    e.via = Some(format!("passed to `{name}`"));
                    e
                });
            best = max(best, found);
        }
        best
    }

    /// How a function is called: a free function by its bare name (`save(x)`, Rust
    /// `module::save(x)`), a method on a receiver (`self.save(x)`, `this.save(x)`,
    /// `Self::save(x)`), a function stored in an object or assigned to a property
    /// (`{ save: (v) => .. }`, `exports.save = ..`) either way.
    fn callable_shape(&self, func: Node<'a>) -> CallableShape {
        let parent = func.up();
        let grand = parent.and_then(|p| p.up());
        match self.family {
            Family::Python => {
                // `def` in a class body, possibly under decorators.
                let mut holder = parent;
                if holder.is_some_and(|p| p.kind() == "decorated_definition") {
                    holder = holder.and_then(|p| p.up());
                }
                let in_class = holder.is_some_and(|b| b.kind() == "block")
                    && holder
                        .and_then(|b| b.up())
                        .is_some_and(|c| c.kind() == "class_definition");
                CallableShape::of(in_class, func.kind() == "function_definition")
            }
            Family::Rust => {
                let in_impl = parent.is_some_and(|p| p.kind() == "declaration_list")
                    && grand.is_some_and(|g| matches!(g.kind(), "impl_item" | "trait_item"));
                CallableShape::of(in_impl, func.kind() == "function_item")
            }
            _ => match func.kind() {
                "method_definition" => CallableShape::Method,
                "function_declaration" | "generator_function_declaration" => CallableShape::Free,
                _ => match parent.map(|p| p.kind()) {
                    Some("variable_declarator") => CallableShape::Free,
                    Some("public_field_definition" | "field_definition") => CallableShape::Method,
                    _ => CallableShape::Either,
                },
            },
        }
    }

    /// The names of a function's parameters in the order a call passes arguments (a Python
    /// method's `self`/`cls` and a Rust method's `self` left out); a parameter bound by a
    /// pattern is an empty name.
    pub(crate) fn parameter_names(&self, func: Node<'a>) -> Vec<&'a str> {
        let Some(params) = func.field("parameters").or_else(|| func.field("parameter")) else {
            return Vec::new();
        };
        if params.kind() == "identifier" {
            return vec![self.text(params)];
        }
        let mut out = Vec::new();
        let mut cursor = params.walk();
        for (i, p) in params
            .named_children(&mut cursor)
            .filter(|p| !p.kind().contains("comment") && p.kind() != "self_parameter")
            .enumerate()
        {
            let name_node = match p.kind() {
                "identifier" => Some(p),
                "typed_parameter" => p.named_child(0),
                "default_parameter" | "typed_default_parameter" => p.field("name"),
                "required_parameter" | "optional_parameter" | "parameter" => p.field("pattern"),
                "assignment_pattern" => p.field("left"),
                _ => None,
            };
            let name = name_node
                .filter(|n| n.kind() == "identifier")
                .map(|n| self.text(n))
                .unwrap_or("");
            if i == 0 && self.family == Family::Python && matches!(name, "self" | "cls") {
                continue;
            }
            out.push(name);
        }
        out
    }

    /// The name of a Python function's `**fields` parameter, if it has one.
    pub(crate) fn keywords_parameter(&self, func: Node<'a>) -> Option<&'a str> {
        if self.family != Family::Python {
            return None;
        }
        let params = func.field("parameters")?;
        let mut cursor = params.walk();
        let found = params
            .named_children(&mut cursor)
            .find(|p| p.kind() == "dictionary_splat_pattern")
            .and_then(|p| p.named_child(0))
            .filter(|n| n.kind() == "identifier")
            .map(|n| self.text(n));
        found
    }

    /// The file on disk, when known.
    pub(crate) fn origin(&self) -> Option<std::path::PathBuf> {
        self.origin.borrow().clone()
    }

    /// Whether `name` is a function of the application itself: defined in this file, or
    /// imported from one of its own modules (a relative import, or `use crate::`/`super::`).
    pub fn is_own_function(&self, name: &str) -> bool {
        self.functions_by_name().contains_key(name)
            || self.imports().get(name).is_some_and(|(module, _)| {
                module.starts_with('.')
                    || module.starts_with("crate")
                    || module.starts_with("super")
                    || module.starts_with("self")
            })
    }

    /// The functions of this file by name (the first of each name).
    fn functions_by_name(&self) -> &HashMap<&'a str, Node<'a>> {
        self.by_name.get_or_init(|| {
            let mut map = HashMap::new();
            for f in &self.function_table().nodes {
                if let Some(name) = self.function_name(*f) {
                    map.entry(name).or_insert(*f);
                }
            }
            map
        })
    }

    /// The names this file imports from sibling modules.
    pub(crate) fn imports(&self) -> &HashMap<String, (String, String)> {
        self.imported
            .get_or_init(|| imports::table(self.source, self.family))
    }

    /// What a function imported from another module of the application returns: the module
    /// is found next to this file (`from .services import load_chart`, `import { loadChart }
    /// from './api'`), read (a regular file, at most the size limit), parsed and its function's
    /// returns evaluated like [`Flow::local_return`], without following its own imports.
    /// A module is parsed once per scan and purpose, however many of its names the files
    /// import: the returns of all the functions it defines at module level are worked out on
    /// that one parse, and only those that carry PHI are kept.
    fn imported_return(&self, name: &str, purpose: Purpose) -> Option<Classification> {
        type Returns = std::sync::Arc<HashMap<String, Classification>>;
        type Key = (std::path::PathBuf, Purpose);
        static SUMMARIES: crate::memo::ScanMemo<Key, Option<Returns>> =
            crate::memo::ScanMemo::new();
        let origin = self.origin.borrow().clone()?;
        let (module, imported) = self.imports().get(name)?.clone();
        let path = modules::resolve_cached(&origin, self.family, &module)?;
        // What this file's analysis now depends on (the facts cache checks it).
        crate::read::note_dependency(&path);
        let key = (path, purpose);
        if let Some(hit) = SUMMARIES.get(&key) {
            return hit?.get(&imported).copied();
        }
        let returns = Flow::parse_module(&key.0, self.settings, false, |flow| {
            let mut out = HashMap::new();
            for function in flow.module_level_function_names() {
                if crate::budget::exhausted() {
                    break;
                }
                if let Some(e) = flow.local_return(function, purpose, 0) {
                    out.insert(function.to_string(), e.class);
                }
            }
            std::sync::Arc::new(out)
        });
        let summary = returns.as_ref().and_then(|r| r.get(&imported).copied());
        if crate::budget::ran_out() {
            // Possibly cut short: not a summary to keep for the other files.
            return summary;
        }
        SUMMARIES.insert(key, returns);
        summary
    }

    /// The parameter a function returns a form of, when its returns read that parameter and no
    /// other name (`(v) => (v ?? '').trim() || null`, `def clean(s): return s.strip().lower()`).
    /// At most 8 returns and 128 nodes each are looked at.
    fn passthrough_param(&self, func: Node<'a>) -> Option<usize> {
        let params = self.parameter_names(func);
        if params.is_empty() || params.iter().any(|p| p.is_empty()) {
            return None;
        }
        let body = func.field("body")?;
        let mut returns = Vec::new();
        if !matches!(body.kind(), "block" | "statement_block") {
            returns.push(body);
        } else {
            for ret in self.return_statements(func, body, 8) {
                // A bare `return` gives nothing back: no pass-through.
                returns.push(ret.named_child(0)?);
            }
        }
        if returns.is_empty() {
            return None;
        }
        // A masking, hashing or encrypting helper returns a form of its parameter that is no
        // longer it (`maskIdentifier(v)`, `'***' + String(v).slice(-4)`).
        let name = self.function_name(func).unwrap_or("");
        if crate::phi::tokenize(name).iter().any(|t| {
            matches!(
                t.as_str(),
                "mask"
                    | "masked"
                    | "redact"
                    | "redacted"
                    | "hash"
                    | "hashed"
                    | "encrypt"
                    | "encrypted"
                    | "anonymize"
                    | "anonymise"
                    | "pseudonymize"
                    | "sanitize"
                    | "scrub"
                    | "obfuscate"
                    | "truncate"
                    | "last4"
                    | "tokenize"
            )
        }) {
            return None;
        }
        if returns.iter().any(|r| {
            [Purpose::Logging, Purpose::Storage]
                .iter()
                .any(|p| self.masking(*r, *p) || self.sanitized_call(*r, *p))
        }) {
            return None;
        }
        let mut which = None;
        for value in returns {
            let mut stack = vec![value];
            let mut seen = 0;
            while let Some(node) = stack.pop() {
                seen += 1;
                if seen > 128 {
                    return None;
                }
                match node.kind() {
                    "identifier" => {
                        // A conversion called (`String(v)`) is no value read; another function
                        // (`search(event, controller)`) makes something else of its arguments.
                        let callee = node.parent().is_some_and(|p| {
                            matches!(p.kind(), "call" | "call_expression")
                                && p.field("function").is_some_and(|f| f.id() == node.id())
                        });
                        let name = self.text(node);
                        if callee {
                            if matches!(
                                name,
                                "String" | "str" | "Number" | "int" | "float" | "Boolean" | "bool"
                            ) {
                                continue;
                            }
                            return None;
                        }
                        if matches!(name, "undefined" | "NaN" | "None") {
                            continue;
                        }
                        let i = params.iter().position(|p| *p == name)?;
                        if which.is_some_and(|w| w != i) {
                            return None;
                        }
                        which = Some(i);
                    }
                    // Functions defined inside are not what is returned.
                    "arrow_function" | "function_expression" | "lambda" | "closure_expression" => {
                        return None;
                    }
                    _ => {
                        let mut cursor = node.walk();
                        stack.extend(node.named_children(&mut cursor));
                    }
                }
            }
        }
        which
    }

    /// The `return` statements of `func` (whose block is `body`), found from the `return`
    /// keywords in the body's text, at most `limit` of them: no walk over the body. Returns of
    /// nested functions belong to those and are left out.
    fn return_statements(
        &self,
        func: Node<'a>,
        body: Node<'a>,
        limit: usize,
    ) -> impl Iterator<Item = Node<'a>> + '_ {
        let text = self.source.get(body.byte_range()).unwrap_or("");
        let root = self.tree.root_node();
        text.match_indices("return")
            .take(limit)
            .filter_map(move |(at, _)| {
                let start = body.start_byte() + at;
                root.descendant_for_byte_range(start, start + "return".len())
                    .and_then(|leaf| leaf.up())
                    .filter(|r| matches!(r.kind(), "return_statement" | "return_expression"))
            })
            .filter(move |ret| self.enclosing_function(*ret).map(|f| f.id()) == Some(func.id()))
    }

    /// What a function defined in this file returns (`def load_chart(..): return
    /// Patient.objects.get(..)`), for a call of it by name.
    fn local_return(&self, name: &str, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        if d > MAX_DEPTH / 2 {
            return None;
        }
        let func = *self.functions_by_name().get(name)?;
        let body = func.field("body")?;
        // An arrow function with an expression body returns it.
        if !matches!(body.kind(), "block" | "statement_block") {
            return self.eval_at(body, purpose, d + 1);
        }
        // The `return` keywords in the body's text, resolved to their statements: no walk over
        // the body. Returns of nested functions belong to those.
        let mut best = None;
        for ret in self.return_statements(func, body, 64) {
            if let Some(value) = ret.named_child(0) {
                best = max(best, self.eval_at(value, purpose, d + 1));
            }
        }
        // Rust: the block's tail expression.
        if self.family == Family::Rust {
            if let Some(tail) = body
                .named_child(body.named_child_count().saturating_sub(1) as u32)
                .filter(|t| t.kind().ends_with("_expression") || t.kind() == "identifier")
            {
                best = max(best, self.eval_at(tail, purpose, d + 1));
            }
        }
        best
    }

    /// Splits an access path into segments (`self.patient["ssn"]` → self, patient, ssn) and its
    /// base node. Returns `None` when the expression is not a path.
    pub fn path_segments(&self, node: Node<'a>) -> Option<(Vec<&'a str>, Node<'a>)> {
        let mut segments = Vec::new();
        let mut cur = node;
        for _ in 0..64 {
            match cur.kind() {
                "attribute" => {
                    segments.push(self.text(cur.field("attribute")?));
                    cur = cur.field("object")?;
                }
                "member_expression" => {
                    segments.push(self.text(cur.field("property")?));
                    cur = cur.field("object")?;
                }
                "field_expression" => {
                    segments.push(self.text(cur.field("field")?));
                    cur = cur.field("value")?;
                }
                "subscript" | "subscript_expression" | "index_expression" => {
                    let index = cur
                        .field("subscript")
                        .or_else(|| cur.field("index"))
                        .or_else(|| cur.named_child(1));
                    if let Some(key) =
                        index.and_then(|i| syntax::string_content(self.text(i), i.kind()))
                    {
                        segments.push(key);
                    }
                    cur = cur
                        .field("value")
                        .or_else(|| cur.field("object"))
                        .or_else(|| cur.named_child(0))?;
                }
                "parenthesized_expression"
                | "non_null_expression"
                | "await"
                | "await_expression"
                | "reference_expression"
                | "try_expression" => {
                    cur = cur.named_child(0)?;
                }
                "identifier"
                | "self"
                | "this"
                | "property_identifier"
                | "shorthand_property_identifier"
                | "type_identifier" => {
                    segments.push(self.text(cur));
                    segments.reverse();
                    return Some((segments, cur));
                }
                _ => {
                    segments.reverse();
                    return if segments.is_empty() {
                        None
                    } else {
                        Some((segments, cur))
                    };
                }
            }
        }
        None
    }

    fn eval_path(&self, node: Node<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let (mut segments, base) = self.path_segments(node)?;
        let base_is_ident = matches!(base.kind(), "identifier" | "self" | "this");
        let base_ev = if base_is_ident {
            if matches!(base.kind(), "self" | "this") || matches!(self.text(base), "self" | "this")
            {
                if let Some(class_name) = syntax::enclosing_class_name(base, self.source) {
                    segments[0] = class_name;
                }
                None
            } else {
                self.eval_identifier(base, purpose, d)
            }
        } else {
            self.eval_at(base, purpose, d)
        };
        if !base_is_ident && segments.len() == 1 && base_ev.is_none() {
            // `foo().ssn`: the call result is unknown, but the field name still speaks.
        }
        let receiver_is_record = base_ev.as_ref().is_some_and(|e| e.class.aggregate);
        // `models.Patient`, `db.Encounter`: a model class named through its module is the
        // class, not a record of it.
        if !receiver_is_record
            && matches!(node.kind(), "attribute" | "member_expression")
            && segments.last().is_some_and(|s| {
                s.starts_with(char::is_uppercase)
                    && s.chars().any(char::is_lowercase)
                    && self.vocab.type_is_record(s)
            })
            && !self.is_instantiated(node)
        {
            return None;
        }
        // `Urls.SNOMED`, `SearchParam.PATIENT_IDENTIFIER`, `LambdaError.SearchPatientNoPDS`: a
        // constant or member of a class, enum or module (both capitalized) holds a code, a name
        // or a setting, not a patient's data.
        if !receiver_is_record
            && matches!(
                node.kind(),
                "attribute" | "member_expression" | "field_expression" | "scoped_identifier"
            )
            && segments
                .last()
                .is_some_and(|s| syntax::is_constant_case(s) || s.starts_with(char::is_uppercase))
            && self.text(base).starts_with(char::is_uppercase)
        {
            return None;
        }
        let class = self
            .vocab
            .classify_path(&segments, receiver_is_record)
            .or_else(|| self.request_data(&segments, node))?;
        let name = display_name(&segments);
        Some(Evidence {
            also: Vec::new(),
            class,
            name,
            via: None,
            node,
        })
    }

    /// The request's data (`req.body`, `request.json`, `request.data`, `req.media`,
    /// `ctx.request.body`, Pyramid `request.json_body`) in a handler about PHI ([`Flow::handler_mentions_phi`]): what a
    /// patient or clinician submitted to a patient route is that patient's data, whatever the
    /// variable is called.
    fn request_data(&self, segments: &[&str], node: Node<'a>) -> Option<Classification> {
        let path: &[&str] = match segments {
            // Koa `ctx.request.body`, Hono `c.req.json()`
            ["ctx" | "c", "request" | "req", rest @ ..] => rest,
            [base, rest @ ..] if matches!(*base, "req" | "request") => rest,
            _ => return None,
        };
        let data = matches!(
            path,
            ["body" | "json" | "data" | "form" | "POST" | "payload" | "media" | "json_body"]
        );
        if !data {
            return None;
        }
        if self.handler_mentions_phi(node) {
            return Some(Classification::record(0.6));
        }
        // An error handler sees the request that failed, whichever route it was sent to: in a
        // health application, a patient's chart, intake or message as often as not.
        self.in_error_handler(node)
            .then(|| Classification::record(0.55))
    }

    /// Whether `node` is in an application-wide error handler: Express's four-argument
    /// `(err, req, res, next)` middleware, the `catch` of request middleware (Koa
    /// `async (ctx, next) => { try { await next() } catch (err) { .. } }`), or a function
    /// registered with `@app.errorhandler(..)` / `@app.exception_handler(..)`.
    pub fn in_error_handler(&self, node: Node<'a>) -> bool {
        let Some(f) = self.enclosing_function(node) else {
            return false;
        };
        if let Some(params) = f.field("parameters") {
            let mut c = params.walk();
            let names: Vec<&str> = params
                .named_children(&mut c)
                .take(5)
                .map(|p| {
                    let n = p.field("pattern").or_else(|| p.field("name")).unwrap_or(p);
                    self.text(n)
                })
                .collect();
            if names.len() == 4
                && matches!(names[0], "err" | "error" | "e" | "ex" | "exc")
                && names[3] == "next"
            {
                return true;
            }
        }
        if let Some(d) = f.up().filter(|d| d.kind() == "decorated_definition") {
            let mut c = d.walk();
            let registered = d.named_children(&mut c).take(16).any(|dec| {
                dec.kind() == "decorator" && {
                    let t = self.text(dec);
                    t.contains("errorhandler") || t.contains("exception_handler")
                }
            });
            if registered {
                return true;
            }
        }
        // The catch clause of request middleware.
        let mut n = node;
        for _ in 0..32 {
            let Some(p) = n.up() else {
                break;
            };
            if p.id() == f.id() {
                break;
            }
            if matches!(p.kind(), "catch_clause" | "except_clause") {
                return self.in_request_middleware(node);
            }
            n = p;
        }
        false
    }

    /// Whether a type annotation (`ReadingIn`, `Optional[CheckIn]`, `&Claim`, `CheckIn[]`) names
    /// a type declared in this file whose fields hold PHI: a class, pydantic model or dataclass,
    /// TypeScript interface or object type, or Rust struct with a strong identifier or health
    /// field (`patient_mrn`, `dob`, `diagnosis_codes`, `systolic`), so a value of that type is a
    /// record whatever it is called (`body: ReadingIn`, `values: CheckIn`, `claim: &Claim`).
    pub fn declares_phi_type(&self, type_text: &str) -> bool {
        self.declared_phi_type(type_text).is_some()
    }

    /// The type a type annotation names that [`Flow::declares_phi_type`] accepts.
    fn declared_phi_type<'t>(&self, type_text: &'t str) -> Option<&'t str> {
        let types = self.phi_types();
        let words = || {
            type_text
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| w.starts_with(char::is_uppercase))
        };
        words()
            .find(|w| types.contains(w))
            .or_else(|| words().find(|w| self.imported_phi_type(w)))
    }

    /// Whether `name` is a type imported from a sibling module of the application that
    /// declares it with PHI fields (`from .schemas import ReadingIn`, `import { CheckIn } from
    /// './types'`): the module is read and parsed once per scan, like a helper's returns.
    fn imported_phi_type(&self, name: &str) -> bool {
        if let Some(known) = self.imported_types.borrow().get(name) {
            return *known;
        }
        let answer = self.imported_phi_type_uncached(name);
        self.imported_types
            .borrow_mut()
            .insert(name.to_string(), answer);
        answer
    }

    fn imported_phi_type_uncached(&self, name: &str) -> bool {
        // The PHI types of each module, found on one parse of it for the whole scan.
        type Types = std::sync::Arc<HashSet<String>>;
        static TYPES: crate::memo::ScanMemo<std::path::PathBuf, Option<Types>> =
            crate::memo::ScanMemo::new();
        let Some(origin) = self.origin.borrow().clone() else {
            return false;
        };
        let Some((module, imported)) = self.imports().get(name).cloned() else {
            return false;
        };
        let Some(path) = modules::resolve_cached(&origin, self.family, &module) else {
            return false;
        };
        crate::read::note_dependency(&path);
        if let Some(hit) = TYPES.get(&path) {
            return hit.is_some_and(|types| types.contains(&imported));
        }
        let types = Flow::parse_module(&path, self.settings, false, |flow| {
            std::sync::Arc::new(
                flow.phi_types()
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<HashSet<String>>(),
            )
        });
        let declared = types.as_ref().is_some_and(|t| t.contains(&imported));
        if crate::budget::ran_out() {
            return declared;
        }
        TYPES.insert(path, types);
        declared
    }

    /// The types declared in this file whose fields hold PHI, found once.
    fn phi_types(&self) -> &std::collections::HashSet<&'a str> {
        self.phi_types.get_or_init(|| {
            // Types are declared at the top of a module (possibly exported or decorated): only
            // the root's statements are looked at, not every node.
            let mut out = std::collections::HashSet::new();
            let root = self.tree.root_node();
            let mut c = root.walk();
            for stmt in root.named_children(&mut c).take(4_000) {
                let decl = match stmt.kind() {
                    "export_statement" => stmt.field("declaration"),
                    "decorated_definition" => stmt.field("definition"),
                    _ => Some(stmt),
                };
                let Some(decl) = decl else { continue };
                let (name, body) = match decl.kind() {
                    "class_definition"
                    | "class_declaration"
                    | "interface_declaration"
                    | "struct_item" => (decl.field("name"), decl.field("body")),
                    "type_alias_declaration" => (decl.field("name"), decl.field("value")),
                    _ => continue,
                };
                if let (Some(name), Some(body)) = (name, body) {
                    // A user account or a member of the workforce (`User`, `StaffMember`) is
                    // no patient record, whatever contact fields it has.
                    let account = self.vocab.names_account(self.text(name));
                    if !account && self.fields_hold_phi(body) {
                        out.insert(self.text(name));
                    }
                }
            }
            out
        })
    }

    /// Whether the fields declared directly in a type's body include a strong identifier or a
    /// health value (ids, contact details of unknown owners and flags do not count).
    fn fields_hold_phi(&self, body: Node<'a>) -> bool {
        let mut c = body.walk();
        let found = body.named_children(&mut c).take(200).any(|member| {
            let name = match member.kind() {
                // Rust `pub dob: NaiveDate`, TS `dob: string`, `public dob: string;`
                "field_declaration" | "property_signature" | "public_field_definition" => {
                    member.field("name")
                }
                // Python `dob: date` / `dob = models.DateField()` in a class body
                "expression_statement" => member
                    .named_child(0)
                    .filter(|a| a.kind() == "assignment")
                    .and_then(|a| a.field("left"))
                    .filter(|l| l.kind() == "identifier"),
                _ => None,
            };
            name.and_then(|n| self.vocab.classify_name(self.text(n)))
                .is_some_and(|class| {
                    class.kind != crate::phi::Kind::InternalId
                        && !class.masked
                        && (class.is_strong_identifier()
                            || (class.kind == crate::phi::Kind::Health && class.score >= 0.6))
                })
        });
        found
    }

    /// Whether the function around `node` handles a PHI route: its name, parameters,
    /// decorators (`@app.post("/patients")`) or the route it is registered on
    /// (`app.post("/patients/:id/notes", handler)`) mention PHI.
    pub fn handler_mentions_phi(&self, node: Node<'a>) -> bool {
        let Some(f) = self.enclosing_function(node) else {
            return false;
        };
        if let Some(known) = self.phi_handlers.borrow().get(&f.id()) {
            return *known;
        }
        let known = self.vocab.mentions_phi(&self.handler_context(f));
        self.phi_handlers.borrow_mut().insert(f.id(), known);
        known
    }

    /// Whether `node` is inside request middleware rather than a handler: a function or class
    /// named so (`audit_middleware`, `AuthProxyMiddleware`), or one that receives the next
    /// handler of the chain (Express and Koa `(req, res, next)`, axum `next: Next`). What
    /// middleware sees of a request (its client address, its path) belongs to every request,
    /// not to a patient's.
    pub fn in_request_middleware(&self, node: Node<'a>) -> bool {
        let Some(f) = self.enclosing_function(node) else {
            return false;
        };
        let named = |t: &str| t.to_ascii_lowercase().contains("middleware");
        if f.field("name").is_some_and(|n| named(self.text(n)))
            || syntax::enclosing_class_name(f, self.source).is_some_and(named)
        {
            return true;
        }
        let Some(params) = f.field("parameters") else {
            return false;
        };
        let mut c = params.walk();
        let last = params.named_children(&mut c).last();
        last.is_some_and(|p| {
            let name = p.field("pattern").or_else(|| p.field("name")).unwrap_or(p);
            self.text(name) == "next" || p.field("type").is_some_and(|t| self.text(t) == "Next")
        })
    }

    /// The text that says what a handler is about: its name, parameters, decorators, the route
    /// it is registered on and the name it is assigned to, at most 2,000 bytes.
    fn handler_context(&self, f: Node<'a>) -> String {
        let mut context = String::new();
        for field in ["name", "parameters"] {
            if let Some(n) = f.field(field) {
                context.push_str(self.text(n));
                context.push(' ');
            }
        }
        if let Some(d) = f.up().filter(|d| d.kind() == "decorated_definition") {
            let mut c = d.walk();
            for dec in d.named_children(&mut c).filter(|c| c.kind() == "decorator") {
                context.push_str(self.text(dec));
                context.push(' ');
            }
        }
        // `app.post("/patients", async (req, res) => ...)`: the route string.
        if let Some(call) = f
            .up()
            .filter(|a| a.kind() == "arguments")
            .and_then(|a| a.up())
        {
            if let Some(first) = call.field("arguments").and_then(|a| a.named_child(0)) {
                if matches!(first.kind(), "string" | "template_string") {
                    context.push_str(self.text(first));
                }
            }
        }
        // hapi `server.route({ method: "POST", path: "/patients", handler })`: the route's path
        // beside the handler.
        if let Some(object) = f
            .up()
            .filter(|p| p.kind() == "pair")
            .and_then(|p| p.up())
            .filter(|o| o.kind() == "object")
        {
            let mut c = object.walk();
            for pair in object.named_children(&mut c).filter(|p| p.kind() == "pair") {
                if pair.field("key").is_some_and(|k| self.text(k) == "path") {
                    if let Some(v) = pair.field("value") {
                        context.push(' ');
                        context.push_str(self.text(v));
                    }
                }
            }
        }
        // File-based routes (Remix `app/routes/patients.$id.tsx`, Next.js
        // `app/api/patients/route.ts`, SvelteKit `+server.ts`): the module's path names the route
        // of its exported `action`, `loader`, `GET`, `POST`, ... handlers.
        let exported_handler = f.field("name").map(|n| self.text(n)).is_some_and(|n| {
            matches!(
                n,
                "action" | "loader" | "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "handler"
            )
        });
        if exported_handler {
            // The last four components: the route's segments, not the checkout's location.
            if let Some(origin) = self.origin() {
                let parts: Vec<_> = origin.components().rev().take(4).collect();
                for part in parts.into_iter().rev() {
                    context.push(' ');
                    context.push_str(&part.as_os_str().to_string_lossy());
                }
            }
        }
        // `this.createPatient = async (req, res) => ...`, `createPatient: async (req, res) =>`.
        if let Some(owner) = f.up().filter(|p| {
            matches!(
                p.kind(),
                "assignment_expression" | "pair" | "variable_declarator"
            )
        }) {
            if let Some(name) = owner
                .field("left")
                .or_else(|| owner.field("key"))
                .or_else(|| owner.field("name"))
            {
                context.push(' ');
                context.push_str(self.text(name));
            }
        }
        let mut end = context.len().min(2_000);
        while !context.is_char_boundary(end) {
            end -= 1;
        }
        context.truncate(end);
        context
    }

    /// Whether a class reference is constructed or called right there (`new models.Patient(x)`,
    /// `models.Patient(**data)`): then it makes a record.
    fn is_instantiated(&self, node: Node<'a>) -> bool {
        node.up().is_some_and(|p| {
            matches!(p.kind(), "new_expression" | "call" | "call_expression")
                && (p.field("constructor").or_else(|| p.field("function")))
                    .is_some_and(|f| f.id() == node.id())
        })
    }

    /// Whether `node` is a call to a sanitiser for `purpose`.
    pub fn sanitized_call(&self, node: Node<'a>, purpose: Purpose) -> bool {
        let node = syntax::unwrap_parens(node);
        if !matches!(
            node.kind(),
            "call" | "call_expression" | "new_expression" | "macro_invocation"
        ) {
            return false;
        }
        let callee = syntax::callee(node).map(|c| self.text(c)).unwrap_or("");
        matches!(self.sanitizer_kind(callee, purpose), Sanitizer::Clears)
    }

    /// For `a + b` where one side is a mask literal (`"****"`, `"..."`, `"***-**-"`) and the
    /// other a truncation (`x.substring(0, 4)`, `x.slice(-4)`, `x[:4]`, `x[-4:]`): the
    /// truncated operand.
    fn truncated_and_masked(&self, node: Node<'a>) -> Option<Node<'a>> {
        if !matches!(node.kind(), "binary_operator" | "binary_expression")
            || node.field("operator").map(|o| self.text(o)) != Some("+")
        {
            return None;
        }
        let left = node.field("left")?;
        let right = node.field("right")?;
        let is_mask = |n: Node<'a>| {
            syntax::string_content(self.text(n), n.kind()).is_some_and(|t| {
                t.chars()
                    .filter(|c| matches!(c, '*' | '•' | '.' | '#' | 'x' | 'X' | '…'))
                    .count()
                    >= 2
                    && t.chars().all(|c| "*•.#xX…-_ ()".contains(c))
            })
        };
        if is_mask(right) {
            self.truncation(left).map(|_| left)
        } else if is_mask(left) {
            self.truncation(right).map(|_| right)
        } else {
            None
        }
    }

    /// For a truncation (`x.substring(0, 4)`, `x.slice(-4)`, `x[:4]`, `x[-4:]`): what is
    /// truncated, and how many characters it keeps when its bounds are literal.
    fn truncation(&self, n: Node<'a>) -> Option<(Node<'a>, Option<i64>)> {
        let n = syntax::unwrap_parens(n);
        let int = |t: &str| t.replace(' ', "").parse::<i64>().ok();
        // Characters kept by `[start:end]` / `.slice(start, end)` with literal bounds.
        let kept = |start: Option<i64>, end: Option<i64>| -> Option<i64> {
            match (start.unwrap_or(0), end) {
                (s, None) if s < 0 => s.checked_neg(),
                (s, Some(e)) if s >= 0 && e >= s => Some(e - s),
                _ => None,
            }
        };
        match n.kind() {
            "call" | "call_expression" => {
                let callee = syntax::callee(n)?;
                let method = self.text(callee).rsplit('.').next().unwrap_or("");
                let args = n.field("arguments")?;
                if !matches!(method, "substring" | "substr" | "slice")
                    || args.named_child_count() == 0
                {
                    return None;
                }
                let object = callee.field("object")?;
                let mut cursor = args.walk();
                let args: Vec<Option<i64>> = args
                    .named_children(&mut cursor)
                    .map(|a| int(self.text(a)))
                    .collect();
                let count = match args.as_slice() {
                    [Some(a)] if method == "substr" => a.checked_neg().filter(|_| *a < 0),
                    // `substr(start, length)`
                    [Some(a), Some(len)] if method == "substr" => {
                        (*a >= 0 && *len >= 0).then_some(*len)
                    }
                    [Some(a)] => kept(Some(*a), None),
                    [Some(a), Some(b)] => kept(Some(*a), Some(*b)),
                    _ => None,
                };
                Some((object, count))
            }
            "subscript" => {
                let mut cursor = n.walk();
                let subscripts: Vec<Node<'a>> =
                    n.children_by_field_name("subscript", &mut cursor).collect();
                if !subscripts.iter().any(|c| c.kind() == "slice") {
                    return None;
                }
                let object = n.field("value")?;
                // `start:end[:step]`, any part optional: split the slice's text at the colons.
                let count = match subscripts.as_slice() {
                    [slice] => {
                        let parts: Vec<&str> =
                            self.text(*slice).split(':').map(str::trim).collect();
                        let bound = |t: Option<&&str>| -> Option<Option<i64>> {
                            match t.copied().filter(|t| !t.is_empty()) {
                                None => Some(None),
                                Some(t) => int(t).map(Some),
                            }
                        };
                        if parts.len() > 3 || parts.get(2).is_some_and(|step| !step.is_empty()) {
                            None
                        } else {
                            bound(parts.first())
                                .zip(bound(parts.get(1)))
                                .and_then(|(a, b)| kept(a, b))
                        }
                    }
                    _ => None,
                };
                Some((object, count))
            }
            _ => None,
        }
    }

    /// For a truncation that keeps at most four characters by literal bounds (`x[-4:]`,
    /// `x[:4]`, `x[0:3]`, `x.slice(-4)`, `x.slice(0, 4)`, `x.substring(0, 4)`, `x.substr(-4)`):
    /// what is truncated.
    fn short_truncation(&self, n: Node<'a>) -> Option<Node<'a>> {
        const MAX_KEPT: i64 = 4;
        match self.truncation(n)? {
            (object, Some(kept)) if kept <= MAX_KEPT => Some(object),
            _ => None,
        }
    }

    /// Whether a JavaScript or TypeScript value put into a string (a template substitution, a
    /// `+` operand) is an object whose text is `[object Object]`: a name declared with an object
    /// type (`hl7Gender: hl7V3.SexCode`, `request: spine.MetadataRequest | spine.DocumentRequest`),
    /// every member of the type a (qualified) class or interface name. The types whose text
    /// is their value are not: the built-ins that print themselves ([`PRINTED_TYPES`], errors),
    /// arrays and generics, and a type alias or enum declared in the file (`type Sex = "F" |
    /// "M"`). Identifiers (`ssn: Ssn`, a branded string) are still reported by the callers.
    fn renders_as_object(&self, expr: Node<'a>) -> bool {
        if self.family != Family::Ecma || expr.kind() != "identifier" {
            return false;
        }
        let Some(ty) = self.lookup(expr, self.text(expr)).and_then(|b| b.ty) else {
            return false;
        };
        let text = self.text(ty).trim_start_matches(':').trim();
        let mut members = text
            .split('|')
            .map(str::trim)
            .filter(|m| !matches!(*m, "" | "null" | "undefined"))
            .peekable();
        members.peek().is_some()
            && members.all(|member| {
                let leaf = member.rsplit('.').next().unwrap_or(member);
                member
                    .split('.')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    && leaf.starts_with(|c: char| c.is_ascii_uppercase())
                    && !PRINTED_TYPES.contains(&leaf)
                    && !leaf.ends_with("Error")
                    && !leaf.ends_with("Exception")
                    && !self.source.contains(&format!("type {leaf} "))
                    && !self.source.contains(&format!("type {leaf}="))
                    && !self.source.contains(&format!("enum {leaf} "))
            })
    }

    /// For an interpolation in an f-string or template literal: whether it is a truncation
    /// next to a run of mask characters (`f"***-**-{ssn[-4:]}"`, `` `${mrn.slice(0, 3)}****` ``).
    fn masked_interpolation(&self, interp: Node<'a>, expr: Node<'a>) -> bool {
        if self.truncation(expr).is_none() {
            return false;
        }
        let mask_run = |text: &str, at_end: bool| {
            let trimmed = if at_end {
                text.trim_end_matches([' ', '-'])
            } else {
                text.trim_start_matches([' ', '-'])
            };
            let run: Vec<char> = if at_end {
                trimmed
                    .chars()
                    .rev()
                    .take_while(|c| "*•#xX…-".contains(*c))
                    .collect()
            } else {
                trimmed
                    .chars()
                    .take_while(|c| "*•#xX…-".contains(*c))
                    .collect()
            };
            run.iter().filter(|c| **c != '-').count() >= 2
        };
        interp
            .prev_sibling()
            .is_some_and(|p| mask_run(self.text(p), true))
            || interp
                .next_sibling()
                .is_some_and(|n| mask_run(self.text(n), false))
    }

    /// Whether a callee named `callee` clears a value for `purpose` (redaction, keyed hashes,
    /// encryption, the configured `[sanitizers]`): the one table the rules ask by name.
    pub fn clears(&self, callee: &str, purpose: Purpose) -> bool {
        matches!(self.sanitizer_kind(callee, purpose), Sanitizer::Clears)
    }

    fn sanitizer_kind(&self, callee: &str, purpose: Purpose) -> Sanitizer {
        let method = callee.rsplit(['.', ':']).next().unwrap_or(callee);
        let joined = tokenize(method).concat();
        // Only the end of a long callee can name a sanitiser (see `callee_encryption`).
        let full = tokenize(tail(callee, MAX_CALLEE_TEXT)).concat();
        match callee_encryption(callee) {
            Some(false) => return Sanitizer::Retaints,
            Some(true) => return Sanitizer::Clears,
            None => {}
        }
        if matches!(purpose, Purpose::Logging | Purpose::Exposure) {
            // Masking and truncation keep part of the identifier (`***-**-1234`, `j***@x.org`):
            // a note, not a clear (PHI_DOMAIN §4.0).
            if ["mask", "last4", "lastfour", "obfuscat"]
                .iter()
                .any(|w| joined.contains(w))
                && !self.sanitizers.iter().any(|s| *s == joined || *s == full)
            {
                return Sanitizer::Masks;
            }
            let clears = [
                "hmac",
                "redact",
                "scrub",
                "sanitize",
                "sanitise",
                "anonymi",
                "pseudonymi",
                "deidentif",
                "censor",
            ]
            .iter()
            .any(|w| joined.contains(w))
                || self.sanitizers.iter().any(|s| *s == joined || *s == full)
                // A keyed hash named by its module or constructor: `hmac.new(key, v,
                // sha256)`, `crypto.createHmac("sha256", key).update(v)`.
                || full.contains("hmac");
            if clears {
                return Sanitizer::Clears;
            }
        }
        if [
            "hash", "digest", "sha1", "sha256", "sha512", "md5", "blake2b", "blake3",
        ]
        .iter()
        .any(|w| joined.contains(w))
        {
            return Sanitizer::Demotes;
        }
        Sanitizer::None
    }

    fn eval_call(&self, node: Node<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let callee = syntax::callee(node)?;
        let args = node.field("arguments");
        let callee_text = self.text(callee);
        // node:crypto: `cipher.update(data)` / `cipher.final()` on a `createCipheriv(...)`
        // object is encryption, like the constructor itself.
        if let Some(object) = callee.field("object") {
            let method = callee_text.rsplit('.').next().unwrap_or("");
            if matches!(method, "update" | "final") && object.kind() == "identifier" {
                let bound = self.binding_value(object).map(|v| self.text(v));
                if bound.is_some_and(|t| t.contains("createCipheriv")) {
                    return None;
                }
            }
        }
        match self.sanitizer_kind(callee_text, purpose) {
            Sanitizer::Clears => return None,
            Sanitizer::Masks => {
                let inner = max(
                    args.and_then(|a| self.eval_at(a, purpose, d)),
                    self.receiver_eval(callee, purpose, d),
                );
                return masked_if(inner, true);
            }
            Sanitizer::Demotes => {
                let inner = args
                    .and_then(|a| self.eval_at(a, purpose, d))
                    .or_else(|| self.receiver_eval(callee, purpose, d));
                return inner.map(|mut e| {
                    e.class = e.class.demote(0.7);
                    e
                });
            }
            Sanitizer::Retaints => {
                return max(
                    args.and_then(|a| self.eval_at(a, purpose, d)),
                    self.receiver_eval(callee, purpose, d),
                );
            }
            Sanitizer::None => {}
        }
        let segments = match self.path_segments(callee) {
            Some((s, _)) => s,
            // Rust `serde_json::to_string(&patient)`: a conversion through a crate path passes
            // its argument through (other paths, `Utc::now()`, keep the cheaper reading below).
            None if callee.kind() == "scoped_identifier"
                && callee_text
                    .rsplit("::")
                    .next()
                    .is_some_and(|last| syntax::PASSTHROUGH_CALLS.contains(&last.trim())) =>
            {
                callee_text
                    .split("::")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            None => Vec::new(),
        };
        let method = segments.last().copied().unwrap_or(callee_text);
        // `await request.json()`, `request.get_json()`, `await req.formData()`, Hono
        // `await c.req.json()` / `c.req.parseBody()`.
        let request_call = match segments.as_slice() {
            [base, m] => matches!(*base, "req" | "request").then_some(*m),
            ["c" | "ctx", "req" | "request", m] => Some(*m),
            _ => None,
        };
        let reads_body = request_call.is_some_and(|m| {
            matches!(
                m,
                "json" | "get_json" | "formData" | "form" | "text" | "body" | "parseBody"
            )
        });
        // As for `request.json`: a PHI route's body, or in an error handler the body of the
        // request that failed, whichever route it was sent to.
        let score = if !reads_body {
            None
        } else if self.handler_mentions_phi(node) {
            Some(0.6)
        } else if self.in_error_handler(node) {
            Some(0.55)
        } else {
            None
        };
        if let Some(score) = score {
            return Some(Evidence {
                also: Vec::new(),
                class: Classification::record(score),
                name: format!("{}()", display_name(&segments)),
                via: None,
                node,
            });
        }
        let method_tokens = tokenize(method);
        let first = method_tokens.first().map(String::as_str).unwrap_or("");
        // `deletePatient(id)`, `remove_record(pk)` answer with a status, not the record (a bare
        // `prisma.patient.delete(...)` on a model is a query, classified below).
        if syntax::DEMOTING_CALLS.contains(&method)
            || [
                "is", "has", "len", "count", "exists", "validate", "check", "verify", "ensure",
                "assert",
            ]
            .contains(&first)
            || (method_tokens.len() > 1
                && ["delete", "remove", "destroy", "purge"].contains(&first))
        {
            return None;
        }
        if syntax::PASSTHROUGH_CALLS.contains(&method) {
            let from_args = if matches!(method, "get" | "getattr" | "pop" | "getlist") {
                // `d.get("ssn")` reads a key: classify it like `d["ssn"]`.
                let key = args.and_then(|a| a.named_child(if method == "getattr" { 1 } else { 0 }));
                let key = key.and_then(|k| syntax::string_content(self.text(k), k.kind()));
                key.and_then(|key| {
                    let mut segs: Vec<&str> = segments[..segments.len().saturating_sub(1)].to_vec();
                    if method == "getattr" {
                        segs.clear();
                        if let Some(obj) = args.and_then(|a| a.named_child(0)) {
                            segs = self.path_segments(obj).map(|(s, _)| s).unwrap_or_default();
                        }
                    }
                    segs.push(key);
                    let base_ev = self.receiver_eval(callee, purpose, d);
                    let rec = base_ev.as_ref().is_some_and(|e| e.class.aggregate);
                    self.vocab.classify_path(&segs, rec).map(|class| Evidence {
                        also: Vec::new(),
                        class,
                        name: display_name(&segs),
                        via: None,
                        node,
                    })
                })
            } else {
                args.and_then(|a| self.eval_at(a, purpose, d))
            };
            // `patient.get("id")`, `data.get("patient", {}).get("reference")`: a read of a
            // literal key is judged by the key path alone, as `patient["id"]` is, and never by
            // the whole receiver it is read from (a surrogate id or a status of a record is no
            // record).
            let keyed_read = matches!(method, "get" | "getattr" | "pop" | "getlist")
                && args
                    .and_then(|a| a.named_child(if method == "getattr" { 1 } else { 0 }))
                    .is_some_and(|k| syntax::string_content(self.text(k), k.kind()).is_some());
            if keyed_read {
                return from_args;
            }
            // `patients.map(p => p.id)`: a projection holds what its callback returns (the
            // callback's parameter is an element of the receiver), not the records themselves.
            if matches!(method, "map" | "flatMap") && self.family == Family::Ecma {
                let body = args
                    .and_then(|a| a.named_child(0))
                    .filter(|f| f.kind() == "arrow_function")
                    .and_then(|f| f.field("body"))
                    .filter(|b| b.kind() != "statement_block");
                if let Some(body) = body {
                    return self.eval_at(body, purpose, d);
                }
            }
            let found = max(from_args, self.receiver_eval(callee, purpose, d));
            // `Patient.objects.get(pk=1)`: a passthrough verb that is also a query verb falls
            // through to the model check below.
            if found.is_some() || !syntax::QUERY_VERBS.contains(&method) {
                return found;
            }
        }
        // A function of this file that returns what one parameter is given (`const readString
        // = (v) => (v ?? '').trim() || null`): what this call passes there, not what any call
        // of it does.
        if segments.len() == 1 {
            if let Some(index) = self
                .functions_by_name()
                .get(method)
                .and_then(|f| self.passthrough_param(*f))
            {
                let arg = args.and_then(|a| {
                    let mut cursor = a.walk();
                    let found = a
                        .named_children(&mut cursor)
                        .filter(|c| c.kind() != "comment")
                        .nth(index);
                    found
                });
                return arg.and_then(|a| self.eval_at(a, purpose, d + 1));
            }
        }
        // A function of this file called by name: what it returns (`load_chart(request, pk)`);
        // one imported from another module of the application: what its summary says.
        if segments.len() == 1 || matches!(segments.first(), Some(&("self" | "this"))) {
            let known = self.returns.borrow().get(&(method, purpose)).copied();
            let class = match known {
                Some(class) => class,
                None => {
                    let class = self
                        .local_return(method, purpose, d)
                        .map(|e| e.class)
                        .or_else(|| {
                            (segments.len() == 1)
                                .then(|| self.imported_return(method, purpose))
                                .flatten()
                        });
                    self.returns.borrow_mut().insert((method, purpose), class);
                    class
                }
            };
            if let Some(class) = class {
                return Some(Evidence {
                    also: Vec::new(),
                    class,
                    name: format!("{}()", call_name(&segments, method)),
                    via: None,
                    node,
                });
            }
        }
        // The same records, fewer or reordered: `rows.filter(..)`, `rows.iter().rev()`,
        // `list.slice().sort(..)`; Python `sorted(rows)`, `filter(f, rows)`.
        if syntax::COLLECTION_CALLS.contains(&method) {
            let found = if segments.len() == 1 && self.family == Family::Python {
                args.and_then(|a| {
                    let mut c = a.walk();
                    let found = a
                        .named_children(&mut c)
                        .filter(|n| !matches!(n.kind(), "lambda" | "keyword_argument"))
                        .find_map(|n| self.eval_at(n, purpose, d));
                    found
                })
            } else {
                self.receiver_eval(callee, purpose, d)
            };
            if found.is_some() {
                return found;
            }
        }
        // Query verbs on a PHI model: `Patient.objects.get(...)`, `db.query(Patient)`,
        // `prisma.patient.findMany()`.
        if syntax::QUERY_VERBS.contains(&method) {
            let receiver_model = segments[..segments.len().saturating_sub(1)]
                .iter()
                .any(|s| self.vocab.names_record(s));
            let arg_model = args.is_some_and(|a| {
                let mut c = a.walk();
                let found = a
                    .named_children(&mut c)
                    .any(|n| n.kind() == "identifier" && self.vocab.type_is_record(self.text(n)));
                found
            });
            if receiver_model
                || arg_model
                || args.is_some_and(|a| self.selects_by_patient(a) || self.sql_selects_phi(a))
            {
                return Some(Evidence {
                    also: Vec::new(),
                    class: Classification::record(0.75),
                    name: display_name(&segments),
                    via: None,
                    node,
                });
            }
        }
        // A selector names what it selects by, not what it returns: `payments.forPatient(ref)`
        // returns payments.
        if matches!(first, "for" | "by" | "of") && method_tokens.len() > 1 {
            return self.receiver_eval(callee, purpose, d);
        }
        // A getter or accessor named like PHI: `patient.get_full_name()`, `get_patient(id)`.
        let stripped: &str = syntax::strip_verb(method);
        if stripped.is_empty() {
            return None;
        }
        let mut segs: Vec<&str> = segments[..segments.len().saturating_sub(1)].to_vec();
        segs.push(stripped);
        let base_ev = self.receiver_eval(callee, purpose, d);
        let rec = base_ev.as_ref().is_some_and(|e| e.class.aggregate);
        let class = self.vocab.classify_path(&segs, rec)?;
        Some(Evidence {
            also: Vec::new(),
            class,
            name: format!("{}()", call_name(&segments, method)),
            via: None,
            node,
        })
    }

    /// Whether a query's first argument is SQL that reads PHI: `SELECT name, dob FROM
    /// patients`, `SELECT * FROM lab_results WHERE ...` (a PHI table, or a PHI column).
    fn sql_selects_phi(&self, args: Node<'a>) -> bool {
        let Some(first) = args.named_child(0) else {
            return false;
        };
        if !matches!(
            first.kind(),
            "string" | "template_string" | "string_literal" | "raw_string_literal"
        ) {
            return false;
        }
        let text = self.text(first);
        let text = &text[..text.len().min(2048)];
        let lower = text.to_ascii_lowercase();
        let Some(select) = lower.find("select") else {
            return false;
        };
        let Some(from) = lower[select..].find(" from ").map(|f| f + select) else {
            return false;
        };
        let words = |t: &str| {
            t.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let table = words(&text[from + 6..])
            .into_iter()
            .next()
            .unwrap_or_default();
        if self.vocab.names_record(&table) {
            return true;
        }
        words(&text[select + 6..from]).iter().any(|col| {
            self.vocab
                .classify_name(col)
                .is_some_and(|c| !c.aggregate && c.score >= 0.5)
        })
    }

    /// Whether a query's arguments select by a PHI record: a keyword (`patient=p`,
    /// `patient_id=pk`, `patient__user=u`) or an object key, also one level under `where`
    /// (`{ patientId }`, `{ where: { patient: p } }`), whose first word names a PHI container.
    /// What such a query returns (`Appointment.objects.filter(patient=p)`) is that patient's.
    fn selects_by_patient(&self, args: Node<'a>) -> bool {
        let container = |key: &str| {
            let key = key.trim_matches(|c| c == '"' || c == '\'');
            tokenize(key)
                .first()
                .and_then(|first| self.vocab.classify_name(first))
                .is_some_and(|c| c.aggregate)
        };
        let object_selects = |object: Node<'a>, depth: usize| {
            let mut stack = vec![(object, depth)];
            while let Some((obj, depth)) = stack.pop() {
                let mut c = obj.walk();
                for member in obj.named_children(&mut c) {
                    let (key, value) = match member.kind() {
                        "shorthand_property_identifier" => (Some(member), None),
                        "pair" => (member.field("key"), member.field("value")),
                        _ => (None, None),
                    };
                    let Some(key) = key.map(|k| self.text(k)) else {
                        continue;
                    };
                    if key == "where" {
                        if let Some(v) = value.filter(|v| v.kind() == "object" && depth > 0) {
                            stack.push((v, depth - 1));
                        }
                    } else if container(key) {
                        return true;
                    }
                }
            }
            false
        };
        let mut c = args.walk();
        let found = args.named_children(&mut c).any(|arg| match arg.kind() {
            "keyword_argument" => arg.field("name").is_some_and(|n| container(self.text(n))),
            "object" => object_selects(arg, 1),
            _ => false,
        });
        found
    }

    fn receiver_eval(&self, callee: Node<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let object = callee.field("object").or_else(|| {
            callee
                .field("value")
                .filter(|_| callee.kind() == "field_expression")
        })?;
        self.eval_at(object, purpose, d)
    }

    fn eval_macro(&self, node: Node<'a>, purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let name = node.field("macro").map(|m| self.text(m)).unwrap_or("");
        let name = name.rsplit("::").next().unwrap_or(name);
        if !matches!(
            name,
            "format"
                | "format_args"
                | "concat"
                | "json"
                | "vec"
                | "write"
                | "writeln"
                | "params"
                | "named_params"
        ) {
            return None;
        }
        let tt = syntax::macro_token_tree(node)?;
        let mut best = None;
        for arg in self.macro_args(tt, purpose, d) {
            best = max(best, arg.evidence);
        }
        best
    }

    /// Evaluates the arguments of a macro whose body is a token tree (`format!`, `info!`, ...).
    /// Handles the format string's inline captures (`{ssn}`), named arguments and tracing
    /// fields (`ssn = %p.ssn`, `?patient`).
    pub fn macro_args(&self, tt: Node<'a>, purpose: Purpose, d: usize) -> Vec<MacroArg<'a>> {
        let mut out = Vec::new();
        // Token trees nest without bound (`info!(((((...)))))`): each level is a step deeper.
        if d > MAX_DEPTH {
            return out;
        }
        let mut groups: Vec<Vec<Node<'a>>> = vec![Vec::new()];
        let mut cursor = tt.walk();
        let children: Vec<Node<'a>> = tt.children(&mut cursor).collect();
        let inner = if children.len() >= 2 {
            &children[1..children.len() - 1]
        } else {
            &children[..]
        };
        for child in inner {
            if !child.is_named() && matches!(self.text(*child), "," | ";") {
                groups.push(Vec::new());
            } else if let Some(g) = groups.last_mut() {
                g.push(*child);
            }
        }
        for group in groups.into_iter().filter(|g| !g.is_empty()) {
            if group.len() == 1
                && matches!(group[0].kind(), "string_literal" | "raw_string_literal")
            {
                for ident in syntax::format_captures(self.text(group[0])) {
                    if let Some(b) = self.lookup(group[0], ident) {
                        let by_name = self.vocab.classify_name(ident).map(|class| Evidence {
                            also: Vec::new(),
                            class,
                            name: ident.to_string(),
                            via: None,
                            node: group[0],
                        });
                        let from = self.eval_binding(b, purpose, d).map(|mut e| {
                            e.node = group[0];
                            if e.name != ident {
                                e.via = Some(ident.to_string());
                            }
                            e
                        });
                        let from = if matches!(b.value, Value::Expr(rhs) if self.sanitized_call(rhs, purpose))
                        {
                            None
                        } else {
                            from
                        };
                        // `let ssn = mask(&p.ssn); info!("{ssn}")`: a masked form of what the
                        // name says.
                        let by_name = masked_if(
                            by_name,
                            matches!(b.value, Value::Expr(rhs) if self.masking(rhs, purpose)),
                        );
                        let evidence = max(by_name, from);
                        out.push(MacroArg {
                            key: None,
                            evidence: for_purpose(evidence, purpose),
                            node: group[0],
                        });
                    } else if let Some(class) = self.vocab.classify_name(ident) {
                        out.push(MacroArg {
                            key: None,
                            evidence: Some(Evidence {
                                also: Vec::new(),
                                class,
                                name: ident.to_string(),
                                via: None,
                                node: group[0],
                            })
                            .and_then(|e| for_purpose(Some(e), purpose)),
                            node: group[0],
                        });
                    }
                }
                continue;
            }
            // `key = value` (named format argument or tracing field).
            let eq = group
                .iter()
                .position(|n| !n.is_named() && self.text(*n) == "=");
            let (key, rest) = match eq {
                Some(i)
                    if i > 0
                        && group[..i]
                            .iter()
                            .all(|n| n.kind() == "identifier" || self.text(*n) == ".") =>
                {
                    let key: String = group[..i].iter().map(|n| self.text(*n)).collect();
                    (Some(key), &group[i + 1..])
                }
                _ => (None, &group[..]),
            };
            let rest: Vec<Node<'a>> = rest
                .iter()
                .copied()
                .filter(|n| !matches!(self.text(*n), "%" | "?" | "&" | "*" | "mut"))
                .collect();
            if rest.is_empty() {
                continue;
            }
            let literal = rest.iter().all(|n| {
                syntax::is_literal(n.kind())
                    || matches!(
                        n.kind(),
                        "string_literal" | "integer_literal" | "boolean_literal"
                    )
            });
            let mut evidence = if literal {
                None
            } else {
                self.eval_tokens(&rest, purpose, d)
            };
            if let (Some(k), false) = (&key, literal) {
                let sanitizer = self.tokens_sanitizer(&rest, purpose);
                let sanitized = evidence.is_none() && sanitizer == Sanitizer::Clears;
                // `ssn = %mask(&p.ssn)`: the key names what was masked.
                if !sanitized {
                    let masks = sanitizer == Sanitizer::Masks;
                    let by_key = self.vocab.classify_name(k).map(|class| Evidence {
                        also: Vec::new(),
                        class: if masks { class.mask() } else { class },
                        name: k.clone(),
                        via: None,
                        node: rest[0],
                    });
                    evidence = max(evidence, by_key);
                }
            }
            out.push(MacroArg {
                key,
                evidence: for_purpose(evidence, purpose),
                node: rest[0],
            });
        }
        out
    }

    /// The clearing or masking call among macro tokens (`mask(&p.ssn)`, `p.ssn.redact()`), if any.
    fn tokens_sanitizer(&self, tokens: &[Node<'a>], purpose: Purpose) -> Sanitizer {
        let kinds = tokens
            .windows(2)
            .filter(|w| w[0].kind() == "identifier" && w[1].kind() == "token_tree")
            .map(|w| self.sanitizer_kind(self.text(w[0]), purpose));
        let mut found = Sanitizer::None;
        for kind in kinds {
            match kind {
                Sanitizer::Clears => return Sanitizer::Clears,
                Sanitizer::Masks => found = Sanitizer::Masks,
                _ => {}
            }
        }
        found
    }

    /// Evaluates a run of macro tokens such as `patient.name.to_string()` or `mask(&p.ssn)`.
    fn eval_tokens(&self, tokens: &[Node<'a>], purpose: Purpose, d: usize) -> Option<Evidence<'a>> {
        let mut best = None;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if matches!(t.kind(), "identifier" | "self") {
                let mut segs = vec![self.text(t)];
                let mut j = i + 1;
                let mut cleared = false;
                let mut masked = false;
                while j + 1 < tokens.len()
                    && self.text(tokens[j]) == "."
                    && matches!(tokens[j + 1].kind(), "identifier" | "integer_literal")
                {
                    let seg = self.text(tokens[j + 1]);
                    let is_call = tokens.get(j + 2).is_some_and(|n| n.kind() == "token_tree");
                    if is_call {
                        match self.sanitizer_kind(seg, purpose) {
                            Sanitizer::Clears => cleared = true,
                            Sanitizer::Masks => masked = true,
                            _ if syntax::DEMOTING_CALLS.contains(&seg) => cleared = true,
                            _ if syntax::PASSTHROUGH_CALLS.contains(&seg) => {}
                            _ => segs.push(syntax::strip_verb(seg)),
                        }
                        j += 3;
                    } else {
                        segs.push(seg);
                        j += 2;
                    }
                }
                // A free function call: `mask(x)`, `format_ssn(x)`.
                if segs.len() == 1 && tokens.get(i + 1).is_some_and(|n| n.kind() == "token_tree") {
                    let f = segs[0];
                    let kind = self.sanitizer_kind(f, purpose);
                    match kind {
                        Sanitizer::Clears => {}
                        _ if syntax::DEMOTING_CALLS.contains(&f) => {}
                        _ => {
                            let inner = self
                                .macro_args(tokens[i + 1], purpose, d + 1)
                                .into_iter()
                                .filter_map(|a| a.evidence)
                                .fold(None, |b, e| max(b, Some(e)));
                            let inner = masked_if(inner, kind == Sanitizer::Masks);
                            best = max(best, for_purpose(inner, purpose));
                        }
                    }
                    i += 2;
                    continue;
                }
                if !cleared {
                    let base = t;
                    let base_ev = if self.text(base) == "self" {
                        None
                    } else {
                        self.eval_identifier(base, purpose, d)
                    };
                    let found = if segs.len() == 1 {
                        base_ev
                    } else {
                        if self.text(base) == "self" {
                            if let Some(c) = syntax::enclosing_class_name(base, self.source) {
                                segs[0] = c;
                            }
                        }
                        let rec = base_ev.as_ref().is_some_and(|e| e.class.aggregate);
                        self.vocab.classify_path(&segs, rec).map(|class| Evidence {
                            also: Vec::new(),
                            class,
                            name: display_name(&segs),
                            via: None,
                            node: base,
                        })
                    };
                    // `p.ssn.mask()`: a masked form.
                    let found = masked_if(found, masked);
                    best = max(best, for_purpose(found, purpose));
                }
                i = j;
                continue;
            }
            if t.kind() == "token_tree" {
                let inner = self
                    .macro_args(t, purpose, d + 1)
                    .into_iter()
                    .filter_map(|a| a.evidence)
                    .fold(None, |b, e| max(b, Some(e)));
                best = max(best, inner);
            }
            i += 1;
        }
        best
    }

    /// Whether `node` only runs behind a flag that is false as written: `const trace = false;
    /// ... if (trace) console.log(p)`, `DEBUG_PHI = False ... if DEBUG_PHI:`, `debug && log(x)`.
    /// The flag must be bound to a `false` literal and assigned nowhere else in the file, so a
    /// setting switched on at run time is not taken for dead code. Looks at most 64 ancestors.
    pub fn in_dead_branch(&self, node: Node<'a>) -> bool {
        self.guarded(node, false, |guard| {
            let mut g = guard;
            while g.kind() == "parenthesized_expression" {
                match g.named_child(0) {
                    Some(inner) => g = inner,
                    None => break,
                }
            }
            g.kind() == "identifier" && self.is_false_flag(g)
        })
    }

    /// Whether `node` only runs in development builds: behind `__DEV__` (React Native),
    /// `import.meta.env.DEV` (Vite), `isDevMode()` (Angular), `cfg!(debug_assertions)` (Rust),
    /// `process.env.NODE_ENV !== "production"` or `=== "development"`, or `settings.DEBUG`.
    /// Looks at most 64 ancestors, within the function around `node`.
    pub fn in_dev_only_branch(&self, node: Node<'a>) -> bool {
        self.guarded(node, true, |guard| is_dev_guard(self.text(guard)))
    }

    /// Whether some condition `node` runs behind (`if cond:` around it, `cond && node`) passes
    /// `test`: at most 64 ancestors, and with `within_function` not past the enclosing function.
    fn guarded(
        &self,
        node: Node<'a>,
        within_function: bool,
        mut test: impl FnMut(Node<'a>) -> bool,
    ) -> bool {
        let mut cur = node;
        for _ in 0..64 {
            let Some(parent) = cur.up() else {
                return false;
            };
            let guard = match parent.kind() {
                "if_statement" | "if_expression" => parent
                    .field("consequence")
                    .filter(|c| c.id() == cur.id())
                    .and_then(|_| parent.field("condition")),
                "binary_expression" | "boolean_operator" => {
                    let op = parent.field("operator").map(|o| self.text(o));
                    parent
                        .field("right")
                        .filter(|r| r.id() == cur.id() && matches!(op, Some("&&" | "and")))
                        .and_then(|_| parent.field("left"))
                }
                _ => None,
            };
            if guard.is_some_and(&mut test) {
                return true;
            }
            if within_function && is_function(parent.kind()) {
                return false;
            }
            cur = parent;
        }
        false
    }

    /// An identifier bound to a `false` literal and assigned only once in the file.
    fn is_false_flag(&self, ident: Node<'a>) -> bool {
        let Some(value) = self.binding_value(ident) else {
            return false;
        };
        if !matches!(self.text(value), "false" | "False") {
            return false;
        }
        let name = self.text(ident);
        let assignments = self
            .source
            .match_indices(name)
            .filter(|(at, _)| {
                let before = &self.source[..*at];
                let after = self.source[at + name.len()..].trim_start_matches([' ', '\t']);
                !before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
                    && after.starts_with('=')
                    && !after.starts_with("==")
                    && !after.starts_with("=>")
            })
            .take(2)
            .count();
        assignments == 1
    }

    /// The expression last assigned to an identifier before this use, if any.
    pub fn binding_value(&self, ident: Node<'a>) -> Option<Node<'a>> {
        let b = self.lookup(ident, self.text(ident))?;
        match b.value {
            Value::Expr(n) => Some(n),
            _ => None,
        }
    }

    fn scope_index(&self, scope: Node<'a>) -> std::rc::Rc<Index<'a>> {
        if let Some(idx) = self.scopes.borrow().get(&scope.id()) {
            return idx.clone();
        }
        let idx = std::rc::Rc::new(syntax::build_scope(
            self.family,
            self.source,
            scope,
            self.next_id.get(),
        ));
        self.next_id.set(idx.count);
        self.scopes.borrow_mut().insert(scope.id(), idx.clone());
        idx
    }

    fn lookup(&self, at: Node<'a>, name: &str) -> Option<Binding<'a>> {
        let root = self.tree.root_node();
        let functions = self.function_table();
        let mut scope = functions.enclosing(at).unwrap_or(root);
        let pos = at.start_byte();
        let mut first = true;
        loop {
            let index = self.scope_index(scope);
            if let Some(list) = index.bindings.get(&(0, name)) {
                if let Some(b) = list.iter().rev().find(|b| b.pos < pos) {
                    return Some(*b);
                }
                if !first {
                    return list.first().copied();
                }
            }
            if scope.id() == root.id() {
                return None;
            }
            first = false;
            scope = functions.enclosing(scope).unwrap_or(root);
        }
    }
}

/// One argument of a token-tree macro.
#[derive(Debug)]
pub struct MacroArg<'a> {
    /// `key` of `key = value`, if any.
    pub key: Option<String>,
    /// PHI it carries.
    pub evidence: Option<Evidence<'a>>,
    /// First token of the argument.
    pub node: Node<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sanitizer {
    None,
    Clears,
    /// Masking or truncation: for logging and exposure, a note (PHI_DOMAIN §4.0).
    Masks,
    Demotes,
    Retaints,
}

/// `e` as a masked form of itself (`mask(x)`, `"***-**-" + ssn[-4:]`) when `masked`.
fn masked_if(e: Option<Evidence<'_>>, masked: bool) -> Option<Evidence<'_>> {
    e.map(|mut e| {
        if masked {
            e.class = e.class.mask();
        }
        e
    })
}

/// Evidence as the rule asking for `purpose` sees it. Logging and exposure: a masked value that
/// would be reported unmasked (score ≥ 0.5) scores [`MASKED_SCORE`], which `Checker::report_phi`
/// reports as a note at medium confidence; a weaker one keeps its ×0.3. Storage and
/// transmission: masking clears nothing, and a `masked_*` name keeps the ×0.3 it always had,
/// without the note.
fn for_purpose(e: Option<Evidence<'_>>, purpose: Purpose) -> Option<Evidence<'_>> {
    e.map(|mut e| {
        if e.class.masked {
            match purpose {
                Purpose::Logging | Purpose::Exposure => {
                    if e.class.unmasked_score() >= 0.5 - 1e-4 {
                        e.class.score = MASKED_SCORE;
                    }
                }
                Purpose::Storage | Purpose::Transmission => e.class.masked = false,
            }
        }
        e
    })
}

/// The stronger of two pieces of evidence.
pub fn max<'a>(a: Option<Evidence<'a>>, b: Option<Evidence<'a>>) -> Option<Evidence<'a>> {
    match (a, b) {
        // On a tie the unmasked value wins: it is the finding at the higher level.
        (Some(a), Some(b)) => Some(
            if b.class.score > a.class.score
                || (b.class.score == a.class.score && a.class.masked && !b.class.masked)
            {
                b
            } else {
                a
            },
        ),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Joins path segments (identifiers and subscript or object keys) for messages, so that no
/// value from the scanned code can slip into output. This is the one place where a message is
/// built from code text that may be a string key:
///
/// - a segment that is not name-shaped (ASCII letters, digits, `_`, `-`, `$`, at most
///   [`MAX_KEY_LEN`] characters: `patient["email_john.smith@gmail.com"]`,
///   `patient["name: Jane Q. Doe"]`, any control character) is shown as `[<string key>]`;
/// - the digits of a name-shaped segment are masked (`#`) when it cannot be a code identifier
///   (a `-`, a leading digit) or holds three digits or more, in any run lengths
///   (`ssn_2-1-9-0-9-9-9-9-9`); identifiers keep a digit or two (`addr1`, `icd10`).
pub fn display_name(segments: &[&str]) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match display_segment(segment) {
            Some(shown) => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(&shown);
            }
            None => out.push_str(if i == 0 { STRING_KEY } else { "[<string key>]" }),
        }
    }
    if out.chars().count() > 60 {
        out.chars().take(57).collect::<String>() + "..."
    } else {
        out
    }
}

/// How a call is named in messages: its callee path, or the method alone when the callee is no
/// plain path (`Patient::find(..)`, `get()()`), so a message never reads `` `()` ``.
fn call_name(segments: &[&str], method: &str) -> String {
    if segments.is_empty() {
        let last = method.rsplit(['.', ':']).next().unwrap_or(method);
        display_name(&[last])
    } else {
        display_name(segments)
    }
}

/// What a key that is not name-shaped reads as in messages.
pub const STRING_KEY: &str = "<string key>";

/// The longest key shown in messages; a longer one reads as [`STRING_KEY`].
pub const MAX_KEY_LEN: usize = 40;

/// One segment as [`display_name`] shows it, or `None` when it is not name-shaped.
fn display_segment(segment: &str) -> Option<std::borrow::Cow<'_, str>> {
    let shaped = !segment.is_empty()
        && segment.len() <= MAX_KEY_LEN
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'$'));
    if !shaped {
        return None;
    }
    let digits = segment.bytes().filter(u8::is_ascii_digit).count();
    let identifier = !segment.contains('-') && !segment.starts_with(|c: char| c.is_ascii_digit());
    if digits == 0 || (identifier && digits < 3) {
        return Some(std::borrow::Cow::Borrowed(segment));
    }
    Some(std::borrow::Cow::Owned(
        segment
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect(),
    ))
}

/// How a function is called ([`Flow::callable_shape`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CallableShape {
    /// By its bare name (or a Rust path): `save(x)`, `crate::store::save(x)`.
    Free,
    /// On a receiver: `self.save(x)`, `this.save(x)`, `Self::save(x)`.
    Method,
    /// Either way (a function stored in an object or assigned to a property).
    Either,
}

impl CallableShape {
    /// A function in a class or `impl` body is a method; else a declared function is free, and
    /// a function value (a lambda, a closure) either.
    fn of(in_type_body: bool, declared: bool) -> CallableShape {
        if in_type_body {
            CallableShape::Method
        } else if declared {
            CallableShape::Free
        } else {
            CallableShape::Either
        }
    }

    /// Whether a call (found by the function's name) can be a call of a function of this shape.
    fn fits(self, call: Node<'_>) -> bool {
        let Some(callee) = call.field("function") else {
            return true;
        };
        let on_receiver = matches!(
            callee.kind(),
            "member_expression" | "attribute" | "field_expression"
        );
        match self {
            CallableShape::Free => !on_receiver,
            CallableShape::Method => callee.kind() != "identifier",
            CallableShape::Either => true,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn function_table_agrees_with_the_parent_walk_on_every_fixture_node() {
        let mut checked = 0usize;
        crate::tree::for_each_fixture(|path, lang, _, tree| {
            let table = super::FnTable::build(lang, tree.root_node());
            crate::tree::preorder(tree.root_node(), |node, _| {
                assert_eq!(
                    table.enclosing(node).map(|n| n.id()),
                    super::syntax::enclosing_function(node).map(|n| n.id()),
                    "{} at {:?}",
                    path.display(),
                    node.start_position()
                );
                checked += 1;
                crate::tree::Walk::Descend
            });
        });
        assert!(checked > 10_000, "{checked}");
    }

    use super::display_name;

    #[test]
    fn display_names_mask_digits_and_hide_keys_that_are_not_names() {
        assert_eq!(display_name(&["patient", "icd10"]), "patient.icd10");
        assert_eq!(display_name(&["row", "078051120"]), "row.#########");
        assert_eq!(
            display_name(&["patient", "ssn_2-1-9-0-9-9-9-9-9"]),
            "patient.ssn_#-#-#-#-#-#-#-#-#"
        );
        assert_eq!(display_name(&["p", "ssn_1_2_3"]), "p.ssn_#_#_#");
        assert_eq!(display_name(&["p", "first-name"]), "p.first-name");
        // Found by the `masking` fuzz target: non-ASCII digits passed through. Any script's
        // digits make a key that is not a name.
        assert_eq!(display_name(&["row", "١٢٣"]), "row[<string key>]");
        assert_eq!(display_name(&["row", "۲۲"]), "row[<string key>]");
        assert_eq!(display_name(&["mrn", "１２３４"]), "mrn[<string key>]");
        assert_eq!(
            display_name(&["patient", "email_john.smith@gmail.com"]),
            "patient[<string key>]"
        );
        assert_eq!(
            display_name(&["patient", "name: Jane Q. Doe"]),
            "patient[<string key>]"
        );
        assert_eq!(display_name(&["ssn\u{1b}[2J"]), "<string key>");
        assert_eq!(display_name(&["p", &"a".repeat(41)]), "p[<string key>]");
    }
}
