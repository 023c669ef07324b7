//! Flattens the tree-sitter tree of a JSON, JSON5, YAML or TOML document into [`Entry`]s.
//!
//! The walk uses an explicit stack and follows containers at most [`MAX_DEPTH`] deep: a hostile
//! document nested 200,000 levels is walked in bounded time and memory. Comments are collected
//! with a tree cursor (iterative too).

use std::borrow::Cow;
use std::ops::Range;

use tree_sitter::{Node, Tree};

use super::{Doc, Entry, Format, ScalarKind, MAX_DEPTH, MAX_ENTRIES};

/// Keys whose sequence items may be `KEY=value` strings (docker-compose `environment`, build
/// `args`): each such item is keyed by its name, as a dotenv line would be.
const ENV_LISTS: &[&str] = &["environment", "env", "args", "build_args", "build-args"];

struct Walker<'a, 'd> {
    doc: &'d mut Doc<'a>,
    /// Bytes the parsed text has before `source` (1 for JSON5's opening parenthesis).
    shift: usize,
    blocks: u32,
}

/// A node to visit, with the keys above it.
struct Frame<'t, 'a> {
    node: Node<'t>,
    path: Vec<Cow<'a, str>>,
    key: Option<Range<usize>>,
    depth: usize,
    block: u32,
}

/// Fills `doc.entries` and `doc.comments` from `tree`.
pub(super) fn read(doc: &mut Doc<'_>, tree: &Tree) {
    let shift = usize::from(doc.format == Format::Json5);
    let root = tree.root_node();
    collect_comments(doc, root, shift);
    // A JSON document whose root is an array is data (records, fixtures, exports).
    if doc.format == Format::Json {
        let mut cursor = root.walk();
        let first = root
            .named_children(&mut cursor)
            .find(|n| n.kind() != "comment");
        if first.is_some_and(|n| n.kind() == "array") {
            doc.data = true;
            return;
        }
    }
    let mut w = Walker {
        doc,
        shift,
        blocks: 0,
    };
    w.walk(root);
}

fn collect_comments(doc: &mut Doc<'_>, root: Node<'_>, shift: usize) {
    let mut cursor = root.walk();
    let len = doc.source.len();
    'outer: loop {
        let node = cursor.node();
        if node.kind() == "comment" {
            let r = node.byte_range();
            let r = r.start.saturating_sub(shift).min(len)..r.end.saturating_sub(shift).min(len);
            doc.comments.push(r);
        } else if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            if !cursor.goto_parent() {
                break 'outer;
            }
        }
    }
}

impl<'a> Walker<'a, '_> {
    fn range(&self, node: Node<'_>) -> Range<usize> {
        let len = self.doc.source.len();
        let r = node.byte_range();
        r.start.saturating_sub(self.shift).min(len)..r.end.saturating_sub(self.shift).min(len)
    }

    fn text(&self, node: Node<'_>) -> &'a str {
        let r = self.range(node);
        self.doc.source.get(r).unwrap_or("")
    }

    fn new_block(&mut self) -> u32 {
        self.blocks += 1;
        self.blocks
    }

    fn walk(&mut self, root: Node<'_>) {
        let mut stack = vec![Frame {
            node: root,
            path: Vec::new(),
            key: None,
            depth: 0,
            block: 0,
        }];
        while let Some(f) = stack.pop() {
            if self.doc.entries.len() > MAX_ENTRIES {
                return;
            }
            let mut children: Vec<Frame<'_, 'a>> = Vec::new();
            self.visit(f, &mut children);
            // Source order: the stack pops the last pushed first.
            stack.extend(children.into_iter().rev());
        }
    }

    /// Visits one node: a scalar becomes an entry, a container yields its children.
    fn visit<'t>(&mut self, f: Frame<'t, 'a>, out: &mut Vec<Frame<'t, 'a>>) {
        let node = f.node;
        if f.depth > MAX_DEPTH {
            return;
        }
        let kind = node.kind();
        let format = self.doc.format;
        let child =
            |n: Node<'t>, path: Vec<Cow<'a, str>>, key: Option<Range<usize>>, block| Frame {
                node: n,
                path,
                key,
                depth: f.depth + 1,
                block,
            };
        // Transparent wrappers: same keys.
        let transparent = match format {
            Format::Json => kind == "document",
            Format::Json5 => matches!(
                kind,
                "program" | "expression_statement" | "parenthesized_expression"
            ),
            Format::Yaml => matches!(kind, "stream" | "document" | "block_node" | "flow_node"),
            Format::Toml => false,
            Format::Env => false,
        };
        if transparent {
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                if matches!(c.kind(), "comment" | "anchor" | "tag" | "yaml_directive") {
                    continue;
                }
                // A YAML document starts a new set of top-level siblings.
                let block = if kind == "document" {
                    self.new_block()
                } else {
                    f.block
                };
                out.push(Frame {
                    node: c,
                    path: f.path.clone(),
                    key: f.key.clone(),
                    depth: f.depth,
                    block,
                });
            }
            return;
        }
        match (format, kind) {
            // Mappings.
            (Format::Json, "object")
            | (Format::Json5, "object")
            | (Format::Yaml, "block_mapping" | "flow_mapping")
            | (Format::Toml, "inline_table") => {
                let block = self.new_block();
                let mut cursor = node.walk();
                for pair in node.named_children(&mut cursor) {
                    let (k, v) = match pair.kind() {
                        "pair" if format == Format::Toml => {
                            let mut c2 = pair.walk();
                            let mut named = pair
                                .named_children(&mut c2)
                                .filter(|n| n.kind() != "comment");
                            (named.next(), named.next())
                        }
                        "pair" | "block_mapping_pair" | "flow_pair" => (
                            pair.child_by_field_name("key"),
                            pair.child_by_field_name("value"),
                        ),
                        _ => continue,
                    };
                    let (Some(k), Some(v)) = (k, v) else { continue };
                    let mut path = f.path.clone();
                    let before = path.len();
                    self.key_segments(k, &mut path);
                    if path.len() == before {
                        continue;
                    }
                    out.push(child(v, path, Some(self.range(k)), block));
                }
            }
            // TOML top level and tables: each table is a mapping of its own.
            (Format::Toml, "document") => {
                let block = self.new_block();
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    match c.kind() {
                        "pair" => out.push(Frame {
                            node: c,
                            path: f.path.clone(),
                            key: None,
                            depth: f.depth,
                            block,
                        }),
                        "table" | "table_array_element" => out.push(child(c, Vec::new(), None, 0)),
                        _ => {}
                    }
                }
            }
            (Format::Toml, "table" | "table_array_element") => {
                let block = self.new_block();
                let mut cursor = node.walk();
                let mut path = Vec::new();
                let mut first = true;
                for c in node.named_children(&mut cursor) {
                    if c.kind() == "comment" {
                        continue;
                    }
                    if first {
                        first = false;
                        self.key_segments(c, &mut path);
                        continue;
                    }
                    if c.kind() == "pair" {
                        out.push(Frame {
                            node: c,
                            path: path.clone(),
                            key: None,
                            depth: f.depth,
                            block,
                        });
                    }
                }
            }
            (Format::Toml, "pair") => {
                let mut cursor = node.walk();
                let mut named = node
                    .named_children(&mut cursor)
                    .filter(|n| n.kind() != "comment");
                let (Some(k), Some(v)) = (named.next(), named.next()) else {
                    return;
                };
                let mut path = f.path.clone();
                self.key_segments(k, &mut path);
                out.push(child(v, path, Some(self.range(k)), f.block));
            }
            // Sequences: items keep the keys above them.
            (Format::Json | Format::Json5, "array")
            | (Format::Yaml, "block_sequence" | "flow_sequence" | "block_sequence_item")
            | (Format::Toml, "array") => {
                let env_list = f
                    .path
                    .last()
                    .is_some_and(|k| ENV_LISTS.contains(&k.as_ref()));
                let block = if env_list { self.new_block() } else { f.block };
                let mut cursor = node.walk();
                for c in node.named_children(&mut cursor) {
                    if matches!(c.kind(), "comment" | "anchor" | "tag") {
                        continue;
                    }
                    let frame = child(c, f.path.clone(), None, block);
                    if env_list && self.env_item(&frame) {
                        continue;
                    }
                    out.push(frame);
                }
            }
            _ => {
                if let Some((text, scalar)) = self.scalar(node) {
                    let value = self.range(node);
                    self.doc.entries.push(Entry {
                        path: f.path,
                        key: f.key,
                        value,
                        text,
                        kind: scalar,
                        block: f.block,
                    });
                }
            }
        }
    }

    /// A `KEY=value` item of a docker-compose `environment` list: one entry keyed `KEY`.
    fn env_item(&mut self, f: &Frame<'_, 'a>) -> bool {
        let mut node = f.node;
        while matches!(node.kind(), "flow_node" | "block_node") {
            match node.named_child(0) {
                Some(n) => node = n,
                None => return false,
            }
        }
        let Some((text, ScalarKind::String)) = self.scalar(node) else {
            return false;
        };
        let Some((name, rest)) = text.split_once('=') else {
            return false;
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        {
            return false;
        }
        let full = self.range(node);
        let raw = &self.doc.source[full.clone()];
        let quoted = raw.starts_with(['"', '\'']);
        let start = full.start + usize::from(quoted) + name.len() + 1;
        let end = full.end - usize::from(quoted && raw.len() > 1);
        if start > end || self.doc.source.get(start..end) != Some(rest) {
            return false;
        }
        let mut path = f.path.clone();
        let name_range =
            full.start + usize::from(quoted)..full.start + usize::from(quoted) + name.len();
        path.push(Cow::Owned(name.to_string()));
        self.doc.entries.push(Entry {
            path,
            key: Some(name_range),
            value: start..end,
            text: Cow::Owned(rest.to_string()),
            kind: ScalarKind::String,
            block: f.block,
        });
        true
    }

    /// The key segments a key node adds to a path (a TOML dotted key adds several).
    fn key_segments(&self, key: Node<'_>, path: &mut Vec<Cow<'a, str>>) {
        let mut node = key;
        while matches!(node.kind(), "flow_node" | "block_node") {
            match node.named_child(0) {
                Some(n) => node = n,
                None => return,
            }
        }
        match node.kind() {
            "dotted_key" => {
                // Nested left-recursively: `a.b.c` is dotted_key(dotted_key(a, b), c); a short
                // explicit stack keeps source order.
                let mut stack = vec![node];
                let mut parts = Vec::new();
                while let Some(n) = stack.pop() {
                    if parts.len() > MAX_DEPTH {
                        break;
                    }
                    if n.kind() == "dotted_key" {
                        let mut cursor = n.walk();
                        let kids: Vec<Node<'_>> = n.named_children(&mut cursor).collect();
                        stack.extend(kids.into_iter().rev());
                    } else {
                        parts.push(n);
                    }
                }
                for p in parts {
                    self.key_segments(p, path);
                }
            }
            "bare_key" | "property_identifier" | "number" | "integer" => {
                path.push(Cow::Borrowed(self.text(node)))
            }
            _ => {
                if let Some((text, _)) = self.scalar(node) {
                    path.push(text);
                }
            }
        }
    }

    /// The text and kind of a scalar node, or `None` for other nodes.
    fn scalar(&self, node: Node<'_>) -> Option<(Cow<'a, str>, ScalarKind)> {
        let raw = self.text(node);
        let kind = node.kind();
        let format = self.doc.format;
        Some(match (format, kind) {
            (_, "string") | (_, "quoted_key") => match format {
                Format::Toml => (toml_string(raw), ScalarKind::String),
                _ => (json_string(raw), ScalarKind::String),
            },
            (Format::Json | Format::Json5 | Format::Toml, "number" | "integer" | "float") => {
                (Cow::Borrowed(raw), ScalarKind::Number)
            }
            (Format::Json5, "unary_expression") => (Cow::Borrowed(raw), ScalarKind::Number),
            (_, "true" | "false" | "boolean") => (Cow::Borrowed(raw), ScalarKind::Bool),
            (_, "null") => (Cow::Borrowed(raw), ScalarKind::Null),
            (
                Format::Toml,
                "offset_date_time" | "local_date_time" | "local_date" | "local_time",
            ) => (Cow::Borrowed(raw), ScalarKind::String),
            (Format::Yaml, "plain_scalar") => {
                let inner = node.named_child(0).map(|c| c.kind()).unwrap_or("");
                let k = match inner {
                    "integer_scalar" | "float_scalar" => ScalarKind::Number,
                    "boolean_scalar" => ScalarKind::Bool,
                    "null_scalar" => ScalarKind::Null,
                    _ => ScalarKind::String,
                };
                (Cow::Borrowed(raw.trim()), k)
            }
            (Format::Yaml, "double_quote_scalar") => (json_string(raw), ScalarKind::String),
            (Format::Yaml, "single_quote_scalar") => {
                let inner = strip_quotes(raw, '\'');
                if inner.contains("''") {
                    (Cow::Owned(inner.replace("''", "'")), ScalarKind::String)
                } else {
                    (Cow::Borrowed(inner), ScalarKind::String)
                }
            }
            (Format::Yaml, "block_scalar") => {
                let body = raw.split_once('\n').map(|(_, b)| b).unwrap_or("");
                (Cow::Borrowed(body.trim()), ScalarKind::String)
            }
            _ => return None,
        })
    }
}

fn strip_quotes(raw: &str, q: char) -> &str {
    let s = raw.strip_prefix(q).unwrap_or(raw);
    s.strip_suffix(q).unwrap_or(s)
}

/// A JSON, JavaScript or YAML double-quoted string's content, with escapes resolved.
fn json_string(raw: &str) -> Cow<'_, str> {
    let q = if raw.starts_with('\'') { '\'' } else { '"' };
    let inner = strip_quotes(raw, q);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push('\u{fffd}'),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// A TOML string's content: basic strings have escapes, literal strings none; multi-line
/// forms drop the newline after the opening quotes.
fn toml_string(raw: &str) -> Cow<'_, str> {
    for q in ["\"\"\"", "'''"] {
        if let Some(inner) = raw.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            let inner = inner.strip_prefix('\n').unwrap_or(inner);
            return if q == "'''" {
                Cow::Borrowed(inner)
            } else {
                json_string_inner(inner)
            };
        }
    }
    if raw.starts_with('\'') {
        Cow::Borrowed(strip_quotes(raw, '\''))
    } else {
        json_string(raw)
    }
}

fn json_string_inner(inner: &str) -> Cow<'_, str> {
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    match json_string(&format!("\"{inner}\"")) {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(s) => Cow::Owned(s.to_string()),
    }
}
