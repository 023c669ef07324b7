//! Fixture annotations, read from tree-sitter comment nodes (never by regex over raw text):
//! `expect: <rule>` (a finding must start on the next code line), `ok: <rule>` (documents a
//! negative; no finding may be there), `todo-expect: <rule>` (known false negative: the harness
//! fails when it starts passing, so the marker gets promoted) and `todo-ok: <rule>` (known false
//! positive, tolerated).

use phi_lint::lang::Language;
use tree_sitter::Parser;

/// What an annotation says about its target line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A finding must be here.
    Expect,
    /// No finding may be here.
    Ok,
    /// Known false negative.
    TodoExpect,
    /// Known false positive.
    TodoOk,
}

/// One annotation: the mark, the rule it names, and the 1-based line it applies to.
#[derive(Clone, Debug)]
pub struct Annotation {
    /// The mark.
    pub mark: Mark,
    /// Rule name or code as written.
    pub rule: String,
    /// Target line.
    pub line: usize,
}

/// Parses `source` and returns its annotations and whether the tree has syntax errors.
pub fn read(lang: Language, source: &str) -> (Vec<Annotation>, bool) {
    let mut parser = Parser::new();
    parser.set_language(&lang.grammar()).expect("grammar loads");
    let tree = parser.parse(source, None).expect("fixture parses");
    let mut comments: Vec<(usize, String)> = Vec::new();
    let mut code_lines: Vec<bool> = vec![false; source.lines().count() + 2];
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let kind = node.kind();
        if kind == "comment" || kind == "line_comment" || kind == "block_comment" {
            comments.push((
                node.start_position().row + 1,
                source[node.byte_range()].to_string(),
            ));
            continue;
        }
        if node.child_count() == 0 {
            for row in node.start_position().row..=node.end_position().row {
                if let Some(slot) = code_lines.get_mut(row + 1) {
                    *slot = true;
                }
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    let mut out = Vec::new();
    for (line, text) in comments {
        let body = text
            .trim_start_matches(['#', '/', '*', '!', ' '])
            .trim_end_matches(['*', '/', ' ']);
        let (mark, rest) = if let Some(r) = body.strip_prefix("todo-expect:") {
            (Mark::TodoExpect, r)
        } else if let Some(r) = body.strip_prefix("todo-ok:") {
            (Mark::TodoOk, r)
        } else if let Some(r) = body.strip_prefix("expect:") {
            (Mark::Expect, r)
        } else if let Some(r) = body.strip_prefix("ok:") {
            (Mark::Ok, r)
        } else {
            continue;
        };
        let target = (line + 1..code_lines.len())
            .find(|l| code_lines[*l])
            .unwrap_or(line + 1);
        for rule in rest.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            let rule = rule.split_whitespace().next().unwrap_or(rule).to_string();
            out.push(Annotation {
                mark,
                rule,
                line: target,
            });
        }
    }
    (out, tree.root_node().has_error())
}

/// Annotations of a configuration fixture. YAML, TOML and dotenv files carry them in `#`
/// comments, as code does; JSON holds no comments, so a JSON fixture's annotations live in a
/// sidecar `<file>.annotations` whose lines read `LINE: expect: RULE` or `LINE: ok: RULE
/// (reason)`. Returns the annotations and whether the file fails to parse.
pub fn read_config(path: &std::path::Path, source: &str) -> (Vec<Annotation>, bool) {
    use phi_lint::config_files::Format;
    let format = Format::from_path(path).expect("a configuration fixture");
    let has_error = format.grammar().is_some_and(|grammar| {
        let mut parser = Parser::new();
        parser.set_language(&grammar).expect("grammar loads");
        let text = phi_lint::config_files::parse_text(format, source);
        parser
            .parse(text.as_ref(), None)
            .is_none_or(|t| t.root_node().has_error())
    });
    let mut out = Vec::new();
    if format == Format::Json {
        let sidecar = path.with_extension("json.annotations");
        let notes = std::fs::read_to_string(&sidecar).unwrap_or_default();
        for line in notes.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let Some((target, rest)) = line.split_once(':') else {
                continue;
            };
            let Ok(target) = target.trim().parse::<usize>() else {
                continue;
            };
            if let Some((mark, rules)) = mark_of(rest.trim()) {
                push_rules(&mut out, mark, rules, target);
            }
        }
        return (out, has_error);
    }
    let lines: Vec<&str> = source.lines().collect();
    let is_code = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    for (i, line) in lines.iter().enumerate() {
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let Some((mark, rules)) = mark_of(comment.trim()) else {
            continue;
        };
        let target = (i + 1..lines.len())
            .find(|j| is_code(lines[*j]))
            .map_or(i + 2, |j| j + 1);
        push_rules(&mut out, mark, rules, target);
    }
    (out, has_error)
}

fn mark_of(body: &str) -> Option<(Mark, &str)> {
    if let Some(r) = body.strip_prefix("todo-expect:") {
        Some((Mark::TodoExpect, r))
    } else if let Some(r) = body.strip_prefix("todo-ok:") {
        Some((Mark::TodoOk, r))
    } else if let Some(r) = body.strip_prefix("expect:") {
        Some((Mark::Expect, r))
    } else {
        body.strip_prefix("ok:").map(|r| (Mark::Ok, r))
    }
}

fn push_rules(out: &mut Vec<Annotation>, mark: Mark, rules: &str, line: usize) {
    for rule in rules.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        let rule = rule.split_whitespace().next().unwrap_or(rule).to_string();
        out.push(Annotation { mark, rule, line });
    }
}
