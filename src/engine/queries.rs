//! Query compilation. For each language, the query files of every selected rule that covers it
//! are joined into one source and compiled once, so one cursor pass over a file serves all
//! rules; each pattern is mapped back to its rule by its byte offset in the joined source.
//! Compilation is lazy per language, so a pre-commit run on five Python files never compiles the
//! TypeScript queries.

use std::sync::OnceLock;

use tree_sitter::Query;

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
];

/// The compiled queries of one language.
pub struct LanguageQueries {
    /// The joined query.
    pub query: Query,
    /// For each pattern, the index of its rule in the selected rule list.
    pub pattern_rule: Vec<usize>,
    /// For each pattern, its index among its rule's patterns.
    pub pattern_local: Vec<usize>,
}

/// Lazily compiled queries for every language.
pub struct QuerySet {
    rules: Vec<&'static RuleMeta>,
    slots: [OnceLock<std::result::Result<Option<LanguageQueries>, String>>; 5],
}

impl QuerySet {
    /// A query set for the selected rules; nothing is compiled yet.
    pub fn new(rules: &[&'static RuleMeta]) -> QuerySet {
        QuerySet {
            rules: rules.to_vec(),
            slots: Default::default(),
        }
    }

    /// The selected rules.
    pub fn rules(&self) -> &[&'static RuleMeta] {
        &self.rules
    }

    /// The compiled queries for `lang`, or `None` when no selected rule covers it.
    pub fn get(&self, lang: Language) -> Result<Option<&LanguageQueries>> {
        let slot = self.slots[lang.index()]
            .get_or_init(|| compile(lang, &self.rules).map_err(|e| e.to_string()));
        match slot {
            Ok(q) => Ok(q.as_ref()),
            Err(message) => Err(Error::Usage(message.clone())),
        }
    }
}

/// Compiles the joined query of `rules` for `lang`.
pub fn compile(lang: Language, rules: &[&'static RuleMeta]) -> Result<Option<LanguageQueries>> {
    let mut source = String::new();
    // (start byte, end byte, rule index, file label)
    let mut spans: Vec<(usize, usize, usize, String)> = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        for (dir, text) in rule.queries {
            if !lang.query_dirs().contains(dir) {
                continue;
            }
            let start = source.len();
            source.push_str(text);
            source.push('\n');
            spans.push((
                start,
                source.len(),
                ri,
                format!("queries/{}/{}.scm", dir.name(), rule.query_stem),
            ));
        }
    }
    if spans.is_empty() {
        return Ok(None);
    }
    let grammar = lang.grammar();
    let query = Query::new(&grammar, &source).map_err(|e| {
        let (file, line) = spans
            .iter()
            .find(|(s, end, _, _)| (*s..*end).contains(&e.offset))
            .map(|(s, _, _, f)| (f.clone(), source[*s..e.offset].lines().count().max(1)))
            .unwrap_or_default();
        Error::Query {
            file,
            language: lang.name(),
            message: format!("line {line}: {:?} error: {}", e.kind, e.message),
        }
    })?;
    let mut pattern_rule = Vec::with_capacity(query.pattern_count());
    let mut pattern_local = Vec::with_capacity(query.pattern_count());
    let mut counts = vec![0usize; rules.len()];
    for i in 0..query.pattern_count() {
        let offset = query.start_byte_for_pattern(i);
        let (_, _, ri, file) = spans
            .iter()
            .find(|(s, e, _, _)| (*s..*e).contains(&offset))
            .expect("every pattern starts inside one rule's query text");
        if let Some(p) = query.general_predicates(i).first() {
            return Err(Error::Query {
                file: file.clone(),
                language: lang.name(),
                message: format!("unknown predicate `#{}`", p.operator),
            });
        }
        pattern_rule.push(*ri);
        pattern_local.push(counts[*ri]);
        counts[*ri] += 1;
    }
    for name in query.capture_names() {
        if !name.starts_with('_') && !CAPTURES.iter().any(|(c, _)| c == name) {
            return Err(Error::Query {
                file: String::from("queries"),
                language: lang.name(),
                message: format!("capture `@{name}` is not in the capture vocabulary"),
            });
        }
    }
    Ok(Some(LanguageQueries {
        query,
        pattern_rule,
        pattern_local,
    }))
}
