//! The application's other modules, for rules that look through a call into the function it
//! names: which sibling file a name is imported from, the functions of a file by name, and a
//! bounded parse of a sibling module with its own [`Flow`]. The same limits as the return
//! summaries of [`Flow::imported_return`]: a regular file next to the importing one, at most the
//! size limit and 1 MiB, parsed with the scan's parse timeout.

use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::{imports, Flow};
use crate::lang::Family;
use crate::settings::Settings;

/// [`imports::resolve`] once per (directory, specifier) for the scan: a file imports the same
/// few modules in every call of theirs.
pub(super) fn resolve_cached(origin: &Path, family: Family, spec: &str) -> Option<PathBuf> {
    type Key = (PathBuf, String);
    static CACHE: crate::memo::ScanMemo<Key, Option<PathBuf>> = crate::memo::ScanMemo::new();
    let key = (origin.parent()?.to_path_buf(), spec.to_string());
    if let Some(hit) = CACHE.get(&key) {
        return hit;
    }
    let found = imports::resolve(origin, family, spec);
    CACHE.insert(key, found.clone());
    found
}

/// The token tree of a macro invocation (`format!(...)`).
pub fn macro_token_tree_of(node: Node<'_>) -> Option<Node<'_>> {
    super::syntax::macro_token_tree(node)
}

impl<'a> Flow<'a> {
    /// The file's source text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The root of the file's syntax tree.
    pub fn root(&self) -> Node<'a> {
        self.tree.root_node()
    }

    /// The file's language family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The settings the file is analysed with.
    pub fn settings(&self) -> &'a Settings {
        self.settings
    }

    /// The function of this file called by `name` (`def name`, `function name`,
    /// `const name = (..) => ..`), the first of that name.
    pub fn function_named(&self, name: &str) -> Option<Node<'a>> {
        self.functions_by_name().get(name).copied()
    }

    /// Every function of this file by name (the first of each name, as [`Flow::function_named`]
    /// finds it), in source order: what a module's summaries are worked out for, once.
    pub fn function_names(&self) -> Vec<(&'a str, Node<'a>)> {
        let by_name = self.functions_by_name();
        let mut out: Vec<(&'a str, Node<'a>)> = by_name.iter().map(|(n, f)| (*n, *f)).collect();
        out.sort_by_key(|(_, f)| f.start_byte());
        out
    }

    /// The names of the functions a module defines outside its functions and classes (what
    /// another module can import from it), in source order, each once: one walk that skips
    /// the bodies of functions and classes.
    pub(crate) fn module_level_function_names(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        crate::tree::preorder(self.root(), |n, _| {
            if super::is_function(n.kind()) {
                if let Some(name) = self.function_name(n).filter(|name| seen.insert(*name)) {
                    out.push(name);
                }
                return crate::tree::Walk::Skip;
            }
            if matches!(
                n.kind(),
                "class_definition"
                    | "class_declaration"
                    | "abstract_class_declaration"
                    | "class"
                    | "class_body"
            ) {
                return crate::tree::Walk::Skip;
            }
            crate::tree::Walk::Descend
        });
        out
    }

    /// Whether a name is bound by an import from a sibling module (no file is looked up).
    pub fn imports_name(&self, name: &str) -> bool {
        self.imports().contains_key(name)
    }

    /// The sibling module a name is imported from and the name it has there:
    /// `from .notify import track` → (`notify.py`, `track`). For a module object
    /// (`from labrelay import notify`, `const notifier = require("../lib/notifier")`,
    /// `import * as api from "./api"`), the module file itself and an empty name.
    pub fn imported_from(&self, name: &str) -> Option<(PathBuf, String)> {
        let origin = self.origin.borrow().clone()?;
        let (module, imported) = self.imports().get(name)?.clone();
        let resolve = |spec: &str| resolve_cached(&origin, self.family, spec);
        if self.family == Family::Python {
            // `from pkg import notify`: `notify` may be a submodule of `pkg`.
            let joined = if module.ends_with('.') {
                format!("{module}{imported}")
            } else {
                format!("{module}.{imported}")
            };
            if let Some(path) = resolve(&joined) {
                return Some((path, String::new()));
            }
        }
        let path = resolve(&module)?;
        // `const notifier = require("../lib/notifier")`, `import * as api from "./api"`: the
        // table binds the local name to itself.
        if self.family == Family::Ecma && imported == name && self.binds_module_object(name) {
            return Some((path, String::new()));
        }
        Some((path, imported))
    }

    /// Whether a JS/TS import binds `name` to a whole module (`import * as api from "./api"`,
    /// `const api = require("./api")`) rather than to one of its exports: the file's import
    /// lines are read once, on the first question.
    fn binds_module_object(&self, name: &str) -> bool {
        /// A source text: its address, length, hash of its head, and the scan generation.
        type Key = (usize, usize, u64, u64);
        thread_local! {
            static OBJECTS: std::cell::RefCell<(Key, Vec<String>)> =
                const { std::cell::RefCell::new(((0, 0, 0, 0), Vec::new())) };
        }
        // Keyed by the source's address, length and a hash of its head: valid while this
        // file's analysis runs on this thread, which is the only time it is asked. The scan
        // generation too: the language server analyses edited versions of one buffer, which
        // may reuse an address with the same length and head.
        let head = self.source.get(..self.source.len().min(256)).unwrap_or("");
        let key = (
            self.source.as_ptr() as usize,
            self.source.len(),
            head.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            }),
            crate::memo::generation(),
        );
        OBJECTS.with(|o| {
            let mut o = o.borrow_mut();
            if o.0 != key {
                let mut names = Vec::new();
                for l in self.source.lines().take(2000) {
                    let l = l.trim();
                    if let Some((_, rest)) = l.split_once("* as ") {
                        names.extend(rest.split_whitespace().next().map(str::to_string));
                    } else if let Some((head, _)) = l.split_once(" = require(") {
                        names.extend(head.split_whitespace().last().map(str::to_string));
                    }
                }
                *o = (key, names);
            }
            o.1.iter().any(|n| n == name)
        })
    }

    /// Parses a module of the application and runs `f` over its data flow, which knows the
    /// module's own imports. `None` when the file is not a regular file, is too large, is not
    /// UTF-8, or does not parse within the parse limits ([`crate::read::sibling_module`],
    /// [`crate::engine::parse_bounded`]).
    pub fn with_module<R>(
        path: &Path,
        settings: &Settings,
        f: impl for<'b> FnOnce(&Flow<'b>) -> R,
    ) -> Option<R> {
        Self::parse_module(path, settings, true, f)
    }

    /// [`Flow::with_module`], and with `rooted` false a flow that does not look up its own
    /// imports (a summary one level deep across modules).
    pub(crate) fn parse_module<R>(
        path: &Path,
        settings: &Settings,
        rooted: bool,
        f: impl for<'b> FnOnce(&Flow<'b>) -> R,
    ) -> Option<R> {
        let lang = crate::lang::Language::from_path(path)?;
        let bytes = crate::read::sibling_module(path, settings.max_file_size)?;
        let source = String::from_utf8(bytes).ok()?;
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar()).ok()?;
        let (tree, steps) =
            crate::engine::parse_bounded(&mut parser, &source, settings.parse_timeout);
        // The parse is part of the importing file's analysis: its cost shows in the file's steps.
        crate::budget::charge(steps);
        let tree = tree.ok()?;
        let flow = Flow::new(lang, &source, &tree, settings);
        if rooted {
            flow.set_origin(path);
        }
        Some(f(&flow))
    }
}
