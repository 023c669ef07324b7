//! Function summaries across modules: which parameters of a function of the application reach
//! which sink, so that a call in another module that passes PHI to it is reported where the
//! PHI is passed (`persistForm(values)` → `localStorage.setItem` inside `persistForm`).
//!
//! A module's summary is computed by analysing it once with every parameter of every function
//! taken as a PHI record (the rules run as usual; what they would report is recorded instead,
//! keyed by function and parameter), and cached for the whole scan. Only modules whose
//! functions are called with a PHI argument are summarised, and a summary never follows the
//! module's own imports: one level across modules, bounded and deterministic.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tree_sitter::Node;

use crate::tree::NodeExt;

use crate::engine::Checker;
use crate::flow::Evidence;
use crate::rules::RuleMeta;

/// A parameter of a function that reaches a sink of a rule.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The function's name.
    pub function: String,
    /// The position of the argument a call passes (a Python method's `self` not counted).
    pub param: usize,
    /// The rule whose sink it reaches.
    pub rule: &'static RuleMeta,
    /// What the rule says happens to the value (" is stored unencrypted on the client by
    /// `localStorage.setItem`"), the message without the value's description.
    pub rest: String,
    /// Where the sink is in the module (its path is the caller's to work out).
    pub site: crate::engine::SiteData,
    /// Whether the sink call is all the function does (`def log_event(name, **fields):
    /// logger.info(...)`): a wrapper of the sink, whose callers decide what reaches it. A sink
    /// among other statements (`save` logs the record it then inserts, a warning in an
    /// `except` branch) is the function's own statement.
    pub wrapper: bool,
}

thread_local! {
    static COLLECTING: RefCell<Option<Vec<Entry>>> = const { RefCell::new(None) };
}

/// Whether this thread is summarising a module (findings are recorded, not reported).
pub(crate) fn collecting() -> bool {
    COLLECTING.with(|c| c.borrow().is_some())
}

/// Analyses a module in summary mode with `analyse`, and returns what its parameters reach.
pub(crate) fn collect(analyse: impl FnOnce()) -> Vec<Entry> {
    COLLECTING.with(|c| *c.borrow_mut() = Some(Vec::new()));
    analyse();
    let mut entries = COLLECTING
        .with(|c| c.borrow_mut().take())
        .unwrap_or_default();
    entries.sort_by(|a, b| {
        (a.function.as_str(), a.param, a.rule.code).cmp(&(
            b.function.as_str(),
            b.param,
            b.rule.code,
        ))
    });
    entries.dedup_by(|a, b| {
        a.function == b.function && a.param == b.param && a.rule.code == b.rule.code
    });
    entries
}

/// In summary mode, records what a finding about to be reported says about the parameters of
/// the function it is in: each parameter named in the sink expression reaches that sink.
pub(crate) fn note<'a>(
    checker: &Checker<'a>,
    anchor: Node<'a>,
    evidence: &Evidence<'a>,
    message: &str,
) {
    let Some(rest) = message.strip_prefix(&evidence.describe()) else {
        return;
    };
    if !rest.starts_with(" is ") {
        return;
    }
    let flow = &checker.file.flow;
    // A sink that never runs, or runs only in development builds, is not one callers reach.
    if flow.in_dead_branch(evidence.node) || flow.in_dev_only_branch(evidence.node) {
        return;
    }
    let Some(func) = flow.enclosing_function(anchor) else {
        return;
    };
    let Some(name) = flow.function_name(func) else {
        return;
    };
    let params = flow.parameter_names(func);
    let anchor_text = checker.text(anchor);
    let site = checker.site(evidence.node, anchor).data();
    let wrapper = sole_statement(func, anchor);
    let mut found = Vec::new();
    // The parameter the value came from: named in the sink expression, or the start of the
    // value's access path (`items item` for an element of `items`).
    let origin = evidence
        .name
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .next()
        .unwrap_or("");
    // A field the function reads whose own name says PHI (`dto.patientName`, `dto.mrn`) is
    // reported inside the function whatever its callers pass: not again at every call.
    let segments: Vec<&str> = evidence.name.split('.').collect();
    if segments.len() > 1
        && flow
            .vocab()
            .classify_path(&segments, false)
            .is_some_and(|c| {
                c.score >= crate::rules::phi_logging::REPORT_FLOOR
                    && c.kind != crate::phi::Kind::InternalId
            })
    {
        return;
    }
    // The value's own origin decides when it names a parameter; the sink's text otherwise.
    let by_origin = params.iter().any(|p| !p.is_empty() && *p == origin);
    let purpose = crate::engine::purpose_of(checker.rule().category);
    for (i, p) in params.iter().enumerate() {
        // A parameter whose name says PHI (`partnerMatchKey(ssn)`) is reported inside the
        // function already, where the PHI-specific helper is: not again at every call.
        if p.is_empty()
            || flow
                .vocab()
                .classify_name(p)
                .is_some_and(|c| c.score >= crate::rules::phi_logging::REPORT_FLOOR)
        {
            continue;
        }
        // Another parameter that reaches the same sink as it is (`cache.set(key,
        // dumps(value))` reports one of them, the other reaches it too); not one encrypted
        // first, nor one whose field is read there (`record.id`, judged by that field).
        let passed = if by_origin {
            *p == origin || passes_whole(flow, anchor, anchor_text, p, purpose)
        } else {
            contains_word(anchor_text, p)
        };
        if passed {
            found.push(Entry {
                function: name.to_string(),
                param: i,
                rule: checker.rule(),
                rest: rest.to_string(),
                site: site.clone(),
                wrapper,
            });
        }
    }
    // A `**fields` parameter: what callers pass as keyword arguments reaches the sink.
    if let Some(keywords) = flow.keywords_parameter(func).filter(|k| {
        *k == origin || (by_origin && passes_whole(flow, anchor, anchor_text, k, purpose))
    }) {
        if !flow
            .vocab()
            .classify_name(keywords)
            .is_some_and(|c| c.score >= crate::rules::phi_logging::REPORT_FLOOR)
        {
            found.push(Entry {
                function: name.to_string(),
                param: crate::flow::KEYWORDS,
                rule: checker.rule(),
                rest: rest.to_string(),
                site: site.clone(),
                wrapper,
            });
        }
    }
    COLLECTING.with(|c| {
        if let Some(list) = c.borrow_mut().as_mut() {
            if list.len() < 256 {
                list.extend(found);
            }
        }
    });
}

/// Whether the statement holding `anchor` is the only statement of `func`'s body (a leading
/// docstring and comments aside); an expression body is one statement. Bounded: the walk up
/// stops at the function.
fn sole_statement(func: Node<'_>, anchor: Node<'_>) -> bool {
    let Some(body) = func.field("body") else {
        return false;
    };
    if !matches!(body.kind(), "block" | "statement_block") {
        return true;
    }
    // The body's child that holds the anchor.
    let mut node = anchor;
    for _ in 0..crate::limits::EXPRESSION_DEPTH {
        match node.up() {
            Some(p) if p.id() == body.id() => break,
            Some(p) if p.id() == func.id() => return false,
            Some(p) => node = p,
            None => return false,
        }
    }
    let mut cursor = body.walk();
    let statements = body
        .named_children(&mut cursor)
        .enumerate()
        .filter(|(i, s)| {
            let docstring = *i == 0
                && s.kind() == "expression_statement"
                && s.named_child(0).is_some_and(|e| e.kind() == "string");
            !(s.kind().contains("comment") || docstring)
        })
        .count();
    // The call is the statement itself, not inside a `try`, `if` or loop that is.
    let simple = matches!(
        node.kind(),
        "expression_statement" | "return_statement" | "return_expression" | "macro_invocation"
    ) || node.kind().ends_with("_expression");
    statements == 1 && simple && node.up().is_some_and(|p| p.id() == body.id())
}

/// Whether parameter `name` reaches the sink call `anchor` as it is: written there as a whole
/// value, not a field read of it (`name.id`, `name["k"]`), nor under a call that clears it for
/// the purpose (`fernet.encrypt(json.dumps(name))`). At most 16 occurrences, each walked up to
/// the call.
fn passes_whole<'a>(
    flow: &crate::flow::Flow<'a>,
    anchor: Node<'a>,
    anchor_text: &str,
    name: &str,
    purpose: crate::flow::Purpose,
) -> bool {
    let bytes = anchor_text.as_bytes();
    crate::flow::word_positions(anchor_text, name)
        .take(16)
        .any(|at| {
            // A field of something else (`x.name`) is not the parameter.
            if at > 0 && bytes[at - 1] == b'.' {
                return false;
            }
            let start = anchor.start_byte() + at;
            let Some(leaf) = anchor
                .descendant_for_byte_range(start, start + name.len())
                .filter(|l| l.kind() == "identifier")
            else {
                return false;
            };
            let mut node = leaf;
            for _ in 0..crate::limits::EXPRESSION_DEPTH {
                let Some(parent) = node.up() else {
                    return false;
                };
                let read_of_field = matches!(
                    parent.kind(),
                    "attribute"
                        | "member_expression"
                        | "field_expression"
                        | "subscript"
                        | "subscript_expression"
                        | "index_expression"
                ) && parent.named_child(0).is_some_and(|o| o.id() == node.id());
                if read_of_field || flow.sanitized_call(parent, purpose) {
                    return false;
                }
                if parent.id() == anchor.id() {
                    return true;
                }
                node = parent;
            }
            false
        })
}

fn contains_word(text: &str, word: &str) -> bool {
    crate::flow::word_positions(text, word).next().is_some()
}

/// The summaries of modules, by path, for the whole scan.
pub(crate) fn cached(path: &Path, compute: impl FnOnce() -> Vec<Entry>) -> Arc<Vec<Entry>> {
    static CACHE: crate::memo::ScanMemo<PathBuf, Arc<Vec<Entry>>> = crate::memo::ScanMemo::new();
    if let Some(hit) = CACHE.get(path) {
        return hit;
    }
    let entries = Arc::new(compute());
    if crate::budget::ran_out() {
        // Possibly cut short: not a summary to keep for the other files.
        return entries;
    }
    CACHE.insert(path.to_path_buf(), entries.clone());
    entries
}

#[cfg(test)]
mod tests {
    use super::contains_word;
    #[test]
    fn parameters_are_matched_as_whole_words() {
        assert!(contains_word(
            "localStorage.setItem('d', JSON.stringify(values))",
            "values"
        ));
        assert!(!contains_word(
            "localStorage.setItem('d', JSON.stringify(values2))",
            "values"
        ));
        assert!(!contains_word("log.info(data_values)", "values"));
        assert!(contains_word("fs.writeFileSync(p, data)", "p"));
    }
}
