//! Query compilation. For each language, the query files of every selected rule that covers it
//! are split into their top-level patterns, and patterns with the same structure (capture names
//! aside: see [`canonical`]) are compiled once: tree-sitter's query analysis costs several milliseconds per pattern on the TypeScript
//! grammar, so twenty rules that all look at `obj.method(args)` would otherwise spend most of a
//! pre-commit run compiling. Text predicates (`#eq?`, `#any-of?`, `#match?` and their `not-`
//! forms) are taken out of the structure and evaluated here, per rule, on each match; any other
//! predicate is a load error. One cursor pass over a file then serves every rule.
//! Compilation is lazy per language, so a pre-commit run on five Python files never compiles the
//! TypeScript queries, and a small scan compiles only the rules its files can fire
//! ([`QuerySet::restrict`]).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use tree_sitter::{Node, Query};

use crate::error::{Error, Result};
use crate::lang::Language;
use crate::rules::RuleMeta;

/// Capture names a query may use. Names starting with `_` are helpers and are free-form.
pub const CAPTURES: &[(&str, &str)] = &[
    (
        "finding",
        "the span to report when the rule reports at the match itself",
    ),
    ("sink", "the call, macro or assignment that receives data"),
    ("callee", "the function part of a call"),
    ("receiver", "the object a method is called on"),
    ("method", "the method or function name"),
    ("args", "the argument list"),
    ("arg", "one argument"),
    ("key", "a key or keyword name"),
    ("value", "a value, e.g. of a keyword argument or setting"),
    ("attribute", "an attribute, decorator or annotation"),
    ("function", "a function definition"),
    ("params", "a parameter list"),
    (
        "exception",
        "the exception class a raise or throw constructs",
    ),
    (
        "setting",
        "a configuration key whose literal value turns a behaviour on or off",
    ),
    ("format", "a format string whose placeholders name values"),
];

/// A text predicate, evaluated on the captured nodes' text.
#[derive(Debug)]
pub enum Predicate {
    /// `(#eq? @a "text")`, `(#eq? @a @b)`, negated by `not-eq?`.
    Eq {
        capture: String,
        other: Arg,
        negate: bool,
    },
    /// `(#any-of? @a "x" "y")`, negated by `not-any-of?`.
    AnyOf {
        capture: String,
        values: Vec<String>,
        negate: bool,
    },
    /// `(#match? @a "regex")`, negated by `not-match?`.
    Match {
        capture: String,
        regex: regex::Regex,
        negate: bool,
    },
}

/// The right-hand side of `#eq?`.
#[derive(Debug)]
pub enum Arg {
    /// Another capture.
    Capture(String),
    /// A literal.
    Text(String),
}

/// One rule's use of a compiled pattern.
#[derive(Debug)]
pub struct PatternUse {
    /// Index of the rule in the selected rule list.
    pub rule: usize,
    /// Index of the pattern among the rule's own patterns.
    pub local: usize,
    /// Text predicates to check before dispatching.
    pub predicates: Vec<Predicate>,
    /// The rule's own capture names, by position (see [`canonical`]).
    pub names: Vec<String>,
}

/// The compiled queries of one language.
pub struct LanguageQueries {
    /// The joined query of distinct structures.
    pub query: Query,
    /// For each compiled pattern, the rules that use it.
    pub uses: Vec<Vec<PatternUse>>,
    /// For each capture of `query`, its position in a pattern's `PatternUse::names`.
    pub positions: Vec<usize>,
    /// For each compiled pattern, the root node kind when the pattern is that bare kind with one
    /// capture (`(program) @finding`): such a pattern matches the whole file once, and a file
    /// whose active rules use only such patterns needs no query cursor run.
    pub whole_file: Vec<Option<&'static str>>,
    /// For each compiled pattern, its canonical source (capture names as positions).
    pub sources: Vec<String>,
}

/// The kinds of the grammars' root nodes.
const ROOT_KINDS: &[&str] = &["module", "program", "source_file"];

/// A pattern structure with its capture names replaced by their positions (`@c0`, `@c1`, ... in
/// order of first appearance), and the names. Rules name captures for what they mean to them
/// (`@method`, `@_update`): patterns that differ only in those names compile to one pattern,
/// so the query cursor tracks and yields it once (a query executes in time proportional to its
/// patterns' states, and compiles in time proportional to its patterns).
pub fn canonical(structure: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(structure.len());
    let mut names: Vec<String> = Vec::new();
    let mut chars = structure.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
            out.push(c);
            continue;
        }
        // Spacing inside brackets is layout: `(a @x )` and `(a @x)` are one pattern.
        if c.is_whitespace()
            && (out.ends_with(['(', '[']) || chars.peek().is_some_and(|n| *n == ')' || *n == ']'))
        {
            continue;
        }
        if c == '@' {
            let mut name = String::new();
            while let Some(&n) = chars.peek() {
                if n.is_alphanumeric() || matches!(n, '_' | '-' | '.' | '?' | '!') {
                    name.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            if !name.is_empty() {
                let at = names.iter().position(|x| *x == name).unwrap_or_else(|| {
                    names.push(name);
                    names.len() - 1
                });
                out.push_str(&format!("@c{at}"));
                continue;
            }
        }
        out.push(c);
    }
    (out, names)
}

/// Lazily compiled queries for every language.
pub struct QuerySet {
    rules: Vec<&'static RuleMeta>,
    /// Per language, the rules whose patterns to compile (`None`: every selected rule).
    masks: [Option<Vec<bool>>; 5],
    /// Per language, the node kinds of every tree the scan will query (`None`: unknown), so
    /// patterns needing a kind none of them has are not compiled.
    kinds: [Option<HashSet<u16>>; 5],
    slots: [OnceLock<std::result::Result<Option<LanguageQueries>, String>>; 5],
}

impl QuerySet {
    /// A query set for the selected rules; nothing is compiled yet.
    pub fn new(rules: &[&'static RuleMeta]) -> QuerySet {
        QuerySet {
            rules: rules.to_vec(),
            masks: Default::default(),
            kinds: Default::default(),
            slots: Default::default(),
        }
    }

    /// Compiles for `lang` only the patterns whose [`required_kinds`] are all among `kinds`,
    /// the node kind ids of every tree of `lang` the scan will query. Has no effect once `lang`
    /// is compiled.
    pub fn restrict_kinds(&mut self, lang: Language, kinds: HashSet<u16>) {
        self.kinds[lang.index()] = Some(kinds);
    }

    /// Compiles only the patterns of the rules `mask` marks (indexed like [`QuerySet::rules`])
    /// for `lang`. Pattern uses keep their index in the full rule list. Has no effect once
    /// `lang` is compiled.
    pub fn restrict(&mut self, lang: Language, mask: Vec<bool>) {
        self.masks[lang.index()] = Some(mask);
    }

    /// The selected rules.
    pub fn rules(&self) -> &[&'static RuleMeta] {
        &self.rules
    }

    /// The compiled queries for `lang`, or `None` when no selected rule covers it.
    pub fn get(&self, lang: Language) -> Result<Option<&LanguageQueries>> {
        let slot = self.slots[lang.index()].get_or_init(|| {
            compile_masked(
                lang,
                &self.rules,
                self.masks[lang.index()].as_deref(),
                self.kinds[lang.index()].as_ref(),
            )
            .map_err(|e| e.to_string())
        });
        match slot {
            Ok(q) => Ok(q.as_ref()),
            Err(message) => Err(Error::Usage(message.clone())),
        }
    }
}

/// A top-level pattern of a query file: its structure (predicates and comments removed,
/// whitespace collapsed) and its predicates' source text.
#[derive(Debug, PartialEq)]
pub struct SplitPattern {
    /// Normalised structure, the deduplication key.
    pub structure: String,
    /// Each predicate's text, e.g. `#any-of? @method "info" "warn"`.
    pub predicates: Vec<String>,
}

/// Splits a query source into top-level patterns.
pub fn split_patterns(source: &str) -> Vec<SplitPattern> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut structure = String::new();
    let mut predicates: Vec<String> = Vec::new();
    let mut depth = 0usize;
    // Depth at which the predicate being read started, and its text.
    let mut predicate: Option<(usize, String)> = None;
    let flush =
        |structure: &mut String, predicates: &mut Vec<String>, out: &mut Vec<SplitPattern>| {
            let s = structure.split_whitespace().collect::<Vec<_>>().join(" ");
            if !s.is_empty() {
                out.push(SplitPattern {
                    structure: s,
                    predicates: std::mem::take(predicates),
                });
            }
            structure.clear();
        };
    while i < chars.len() {
        let c = chars[i];
        if c == ';' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            let lit: String = chars[start..i.min(chars.len())].iter().collect();
            match &mut predicate {
                Some((_, p)) => p.push_str(&lit),
                None => structure.push_str(&lit),
            }
            continue;
        }
        if (c == '(' || c == '[') && depth == 0 && predicate.is_none() {
            // A new top-level pattern starts: the previous one (with its trailing captures and
            // quantifiers) is complete.
            flush(&mut structure, &mut predicates, &mut out);
        }
        if c == '(' && chars.get(i + 1) == Some(&'#') {
            predicate = Some((depth, String::new()));
            depth += 1;
            i += 1;
            continue;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some((d, text)) = &mut predicate {
            if c == ')' && depth == *d {
                predicates.push(text.trim().to_string());
                predicate = None;
            } else {
                text.push(c);
            }
        } else {
            structure.push(c);
        }
        i += 1;
    }
    flush(&mut structure, &mut predicates, &mut out);
    out
}

fn parse_predicate(text: &str) -> std::result::Result<Predicate, String> {
    let mut parts: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
        } else if chars[i] == '"' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    s.push(match chars[i] {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    s.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            parts.push(format!("\"{s}"));
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            parts.push(chars[start..i].iter().collect());
        }
    }
    let op = parts.first().cloned().unwrap_or_default();
    let capture = |s: Option<&String>| -> std::result::Result<String, String> {
        s.and_then(|s| s.strip_prefix('@'))
            .map(str::to_string)
            .ok_or_else(|| format!("`{op}` needs a capture first"))
    };
    let literal = |s: &String| s.strip_prefix('"').map(str::to_string);
    let negate = op.starts_with("#not-");
    match op.as_str() {
        "#eq?" | "#not-eq?" => {
            let c = capture(parts.get(1))?;
            let other = parts.get(2).ok_or("`#eq?` needs two arguments")?;
            let other = match other.strip_prefix('@') {
                Some(cap) => Arg::Capture(cap.to_string()),
                None => Arg::Text(
                    literal(other).ok_or("`#eq?` argument must be a capture or a string")?,
                ),
            };
            Ok(Predicate::Eq {
                capture: c,
                other,
                negate,
            })
        }
        "#any-of?" | "#not-any-of?" => {
            let c = capture(parts.get(1))?;
            let values = parts[2..]
                .iter()
                .map(|p| literal(p).ok_or("`#any-of?` takes strings"))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Ok(Predicate::AnyOf {
                capture: c,
                values,
                negate,
            })
        }
        "#match?" | "#not-match?" => {
            let c = capture(parts.get(1))?;
            let pattern = parts
                .get(2)
                .and_then(literal)
                .ok_or("`#match?` needs a regex string")?;
            let regex =
                regex::Regex::new(&pattern).map_err(|e| format!("bad regex in `#match?`: {e}"))?;
            Ok(Predicate::Match {
                capture: c,
                regex,
                negate,
            })
        }
        other => Err(format!("unknown predicate `{other}`")),
    }
}

impl Predicate {
    /// Evaluates the predicate on a match's captures.
    pub fn holds(&self, captures: &[(&str, Node<'_>)], source: &[u8]) -> bool {
        let text = |name: &str| -> Vec<&str> {
            captures
                .iter()
                .filter(|(n, _)| *n == name)
                .map(|(_, node)| std::str::from_utf8(&source[node.byte_range()]).unwrap_or(""))
                .collect()
        };
        // A predicate on a capture that did not match (an optional one) holds vacuously, as in
        // tree-sitter.
        match self {
            Predicate::Eq {
                capture,
                other,
                negate,
            } => {
                let a = text(capture);
                let b: Vec<&str> = match other {
                    Arg::Capture(c) => text(c),
                    Arg::Text(t) => vec![t.as_str()],
                };
                a.iter().all(|x| b.iter().any(|y| (x == y) != *negate))
            }
            Predicate::AnyOf {
                capture,
                values,
                negate,
            } => text(capture)
                .iter()
                .all(|x| values.iter().any(|v| v == x) != *negate),
            Predicate::Match {
                capture,
                regex,
                negate,
            } => text(capture).iter().all(|x| regex.is_match(x) != *negate),
        }
    }
}

/// Compiles the distinct patterns of `rules` for `lang`.
pub fn compile(lang: Language, rules: &[&'static RuleMeta]) -> Result<Option<LanguageQueries>> {
    compile_masked(lang, rules, None, None)
}

/// The named node kinds a pattern cannot match without: every `(kind ...)` that is not inside
/// an alternation `[...]` or under an optional or repeated node (`?`, `*`), wildcards left out.
/// Supertype names (`(expression)`) are included: the caller skips names no tree node has.
pub fn required_kinds(structure: &str) -> Vec<&str> {
    // Each opened node or alternation: its kind (None for `[`, `_` and anonymous nodes), its
    // parent, and whether it is optional.
    struct Frame<'s> {
        kind: Option<&'s str>,
        parent: Option<usize>,
        optional: bool,
    }
    let bytes = structure.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'(' | b'[' => {
                let start = i + 1;
                let mut end = start;
                if bytes[i] == b'(' {
                    while end < bytes.len()
                        && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_')
                    {
                        end += 1;
                    }
                }
                let name = &structure[start..end];
                let optional_parent_alt = bytes[i] == b'[';
                frames.push(Frame {
                    kind: (!name.is_empty() && name != "_").then_some(name),
                    parent: open.last().copied(),
                    optional: optional_parent_alt,
                });
                open.push(frames.len() - 1);
                i = end.max(i + 1);
                continue;
            }
            b')' | b']' => {
                if let Some(f) = open.pop() {
                    if matches!(bytes.get(i + 1), Some(b'?' | b'*')) {
                        frames[f].optional = true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // An alternation frame is "optional" for its members: none of them is required on its own.
    let required = |mut f: usize| loop {
        if frames[f].optional {
            return false;
        }
        match frames[f].parent {
            Some(p) => f = p,
            None => return true,
        }
    };
    frames
        .iter()
        .enumerate()
        .filter(|(f, frame)| frame.kind.is_some() && required(*f))
        .filter_map(|(_, frame)| frame.kind)
        .collect()
}

/// Compiles the distinct patterns of the rules of `rules` that `mask` marks (all when `None`),
/// leaving out, when `kinds` is given, patterns that need a node kind not in it.
fn compile_masked(
    lang: Language,
    rules: &[&'static RuleMeta],
    mask: Option<&[bool]>,
    kinds: Option<&HashSet<u16>>,
) -> Result<Option<LanguageQueries>> {
    let grammar = lang.grammar();
    // By name: an aliased kind has several ids.
    let present: Option<HashSet<&str>> = kinds.map(|ids| {
        ids.iter()
            .filter_map(|id| grammar.node_kind_for_id(*id))
            .collect()
    });
    // Whether a pattern needs a kind that none of the trees has. Supertypes and unknown names
    // name no node of a tree, so they never rule a pattern out.
    let impossible = |structure: &str| {
        present.as_ref().is_some_and(|present| {
            required_kinds(structure).into_iter().any(|k| {
                let id = grammar.id_for_node_kind(k, true);
                id != 0 && !grammar.node_kind_is_supertype(id) && !present.contains(k)
            })
        })
    };
    let mut structures: Vec<String> = Vec::new();
    // The first rule's own text of each structure, for error messages.
    let mut shown: Vec<String> = Vec::new();
    let mut origin: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut uses: Vec<Vec<PatternUse>> = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        if mask.is_some_and(|m| !m.get(ri).copied().unwrap_or(true)) {
            continue;
        }
        let mut local = 0;
        for (dir, text) in rule.queries {
            if !lang.query_dirs().contains(dir) {
                continue;
            }
            let file = format!("queries/{}/{}.scm", dir.name(), rule.query_stem);
            for pattern in split_patterns(text) {
                let this = local;
                local += 1;
                if impossible(&pattern.structure) {
                    continue;
                }
                let (structure, names) = canonical(&pattern.structure);
                if let Some(name) = names
                    .iter()
                    .find(|n| !n.starts_with('_') && !CAPTURES.iter().any(|(c, _)| c == *n))
                {
                    return Err(Error::Query {
                        file,
                        language: lang.name(),
                        message: format!("capture `@{name}` is not in the capture vocabulary"),
                    });
                }
                let predicates = pattern
                    .predicates
                    .iter()
                    .map(|p| parse_predicate(p))
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(|message| Error::Query {
                        file: file.clone(),
                        language: lang.name(),
                        message,
                    })?;
                let pi = *index.entry(structure.clone()).or_insert_with(|| {
                    structures.push(structure);
                    shown.push(pattern.structure.clone());
                    origin.push(file.clone());
                    uses.push(Vec::new());
                    structures.len() - 1
                });
                uses[pi].push(PatternUse {
                    rule: ri,
                    local: this,
                    predicates,
                    names,
                });
            }
        }
    }
    if structures.is_empty() {
        return Ok(None);
    }
    // One pattern per line, so a compile error's row names the pattern and its file.
    let source = structures.join("\n");
    let query = Query::new(&grammar, &source).map_err(|e| Error::Query {
        file: origin.get(e.row).cloned().unwrap_or_default(),
        language: lang.name(),
        message: format!(
            "{:?} error at `{}`: {}",
            e.kind,
            shown.get(e.row).map(String::as_str).unwrap_or(""),
            e.message
        ),
    })?;
    if query.pattern_count() != structures.len() {
        return Err(Error::Query {
            file: String::from("queries"),
            language: lang.name(),
            message: format!(
                "expected {} patterns, tree-sitter saw {}",
                structures.len(),
                query.pattern_count()
            ),
        });
    }
    let positions = query
        .capture_names()
        .iter()
        .map(|n| {
            n.strip_prefix('c')
                .and_then(|i| i.parse().ok())
                .unwrap_or(usize::MAX)
        })
        .collect();
    let whole_file = structures
        .iter()
        .map(|st| {
            ROOT_KINDS
                .iter()
                .copied()
                .find(|root| *st == format!("({root}) @c0"))
        })
        .collect();
    Ok(Some(LanguageQueries {
        query,
        uses,
        positions,
        whole_file,
        sources: structures,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_kinds_leave_out_alternatives_optionals_and_wildcards() {
        assert_eq!(
            required_kinds(
                "(call function: (attribute object: (_) @c0 attribute: (identifier) @c1) arguments: (argument_list)) @c2"
            ),
            ["call", "attribute", "identifier", "argument_list"]
        );
        assert_eq!(
            required_kinds("(assignment left: [(attribute) (subscript)] right: (true)) @c0"),
            ["assignment", "true"]
        );
        assert_eq!(
            required_kinds(
                "(call arguments: (argument_list (keyword_argument (identifier))? (string)))"
            ),
            ["call", "argument_list", "string"]
        );
        assert_eq!(
            required_kinds("(block (decorator (call))* . (function_definition))"),
            ["block", "function_definition"]
        );
        // Parentheses inside a string are text, not nodes.
        assert_eq!(
            required_kinds(r#"(call function: (identifier) "(" (string)) @c0"#),
            ["call", "identifier", "string"]
        );
    }

    #[test]
    fn splits_patterns_and_strips_predicates() {
        let src = r#"; header
; shape
(call
  function: (attribute attribute: (identifier) @method) ; trailing comment
  (#any-of? @method "info" "warn")) @sink

[(a) (b)] @x
(c (#eq? @_k "x(y)")) @y
"#;
        let parts = split_patterns(src);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(
            parts[0].structure,
            "(call function: (attribute attribute: (identifier) @method) ) @sink"
        );
        assert_eq!(
            parts[0].predicates,
            vec![r#"#any-of? @method "info" "warn""#]
        );
        assert_eq!(parts[1].structure, "[(a) (b)] @x");
        assert_eq!(parts[2].structure, "(c ) @y");
        assert_eq!(parts[2].predicates, vec![r#"#eq? @_k "x(y)""#]);
    }

    #[test]
    fn capture_names_become_positions() {
        let (s, names) = canonical(
            r#"(call function: [(identifier) @method (attribute attribute: (identifier) @method)] arguments: (_) @args (string) @_x "@not" "a\"@b") @sink"#,
        );
        assert_eq!(
            s,
            r#"(call function: [(identifier) @c0 (attribute attribute: (identifier) @c0)] arguments: (_) @c1 (string) @c2 "@not" "a\"@b") @c3"#
        );
        assert_eq!(names, ["method", "args", "_x", "sink"]);
        // Two rules' patterns that differ only in capture names are one compiled pattern, and
        // each rule keeps its own names.
        assert_eq!(
            canonical("(call function: (identifier) @_update) @sink").0,
            canonical("(call function: (identifier) @method) @finding").0
        );
        // Nor does spacing inside brackets, outside strings.
        assert_eq!(
            canonical("( pair key: (_) @key value: [ (a) (b) ] @value ) @sink").0,
            "(pair key: (_) @c0 value: [(a) (b)] @c1) @c2"
        );
        assert_eq!(canonical(r#"(a "( x )" )"#).0, r#"(a "( x )")"#);
    }

    #[test]
    fn unknown_predicates_are_errors() {
        assert!(parse_predicate("#phi-name? @x").is_err());
        assert!(parse_predicate(r#"#match? @x "[a-z]+""#).is_ok());
        assert!(parse_predicate(r#"#not-any-of? @x "a" "b""#).is_ok());
    }
}
