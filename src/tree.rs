//! The one tree walk: pre-order over a node and its descendants with a single cursor. No
//! recursion (a 100k-deep file cannot overflow the stack) and no allocation per node. The fact
//! collector, fingerprints, suppression comments and the function table all walk this way.

use tree_sitter::Node;

/// Field access by name without tree-sitter's per-call search: `Node::child_by_field_name`
/// compares the name against every field name of the grammar (a `strncmp` each) on every call,
/// which over the rules' hundreds of call sites costs a few percent of a scan. The field id of
/// each (grammar, name) pair is looked up once per thread.
pub trait NodeExt<'t> {
    /// `child_by_field_name(name)`.
    fn field(&self, name: &'static str) -> Option<Node<'t>>;

    /// `parent()`, from the file's [`ParentIndex`] when one is installed: `Node::parent` walks
    /// down from the root, O(depth) per call, which over a 200,000-deep tree is quadratic.
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> NodeExt<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        use std::hash::{Hash, Hasher};
        thread_local! {
            static IDS: std::cell::RefCell<rustc_hash::FxHashMap<(u64, usize, usize), u16>> =
                Default::default();
        }
        let language = self.language();
        // `Language` hashes as its grammar pointer.
        let mut h = rustc_hash::FxHasher::default();
        language.hash(&mut h);
        let key = (h.finish(), name.as_ptr() as usize, name.len());
        let id = IDS.with(|ids| {
            *ids.borrow_mut()
                .entry(key)
                .or_insert_with(|| language.field_id_for_name(name).map_or(0, |id| id.get()))
        });
        if id == 0 {
            return None;
        }
        self.child_by_field_id(id)
    }

    #[inline]
    fn up(&self) -> Option<Node<'t>> {
        let indexed = PARENTS.with(|p| {
            let p = p.borrow();
            let index = p.as_ref()?;
            let at = index.binary_search_by_key(&self.id(), |(id, _)| *id).ok()?;
            // SAFETY: the index holds nodes of the tree being analysed, and is removed (by
            // `ParentIndex`'s drop) before that tree is; a node of another tree has another id
            // (ids are the addresses of live subtrees), so a hit is `self`'s parent in its own
            // tree, which lives for `'t`.
            Some(unsafe { std::mem::transmute::<Node<'static>, Node<'t>>(index[at].1) })
        });
        indexed.or_else(|| self.parent())
    }
}

thread_local! {
    /// The parent of every non-root node of the file being analysed on this thread, by node id
    /// (sorted), when its tree is deep ([`ParentIndex`]).
    static PARENTS: std::cell::RefCell<Option<Vec<(usize, Node<'static>)>>> =
        const { std::cell::RefCell::new(None) };
}

/// While alive, [`NodeExt::up`] answers from a table of every node's parent built by one walk
/// of the tree, in O(log n) instead of O(depth). Worth it only for a deep tree (the engine
/// installs it beyond its deep-tree threshold): about 40 bytes per node.
#[must_use = "the index is removed when the guard is dropped"]
pub struct ParentIndex(Option<Vec<(usize, Node<'static>)>>);

impl ParentIndex {
    /// Indexes the parents of every node under `root` for this thread. The tree must outlive
    /// the guard.
    pub fn install(root: Node<'_>) -> ParentIndex {
        let mut index: Vec<(usize, Node<'static>)> = Vec::new();
        let mut path: Vec<Node<'_>> = Vec::new();
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            if let Some(parent) = path.last() {
                // SAFETY: see `NodeExt::up`; the guard removes the index before the tree goes.
                let parent = unsafe { std::mem::transmute::<Node<'_>, Node<'static>>(*parent) };
                index.push((node.id(), parent));
            }
            if cursor.goto_first_child() {
                path.push(node);
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
                path.pop();
            }
        }
        index.sort_unstable_by_key(|(id, _)| *id);
        // A module summarised for a caller's analysis installs its own and restores the caller's.
        ParentIndex(PARENTS.with(|p| p.borrow_mut().replace(index)))
    }
}

impl Drop for ParentIndex {
    fn drop(&mut self) {
        PARENTS.with(|p| *p.borrow_mut() = self.0.take());
    }
}

/// Every node kind's name in one grammar, by symbol id, with whether the name contains
/// `identifier` (what fingerprints hash).
pub struct KindNames(Vec<(Box<str>, bool)>);

impl KindNames {
    fn new(grammar: &tree_sitter::Language) -> KindNames {
        KindNames(
            (0..grammar.node_kind_count())
                .map(|id| {
                    let name = u16::try_from(id)
                        .ok()
                        .and_then(|id| grammar.node_kind_for_id(id))
                        .unwrap_or("");
                    (name.into(), name.contains("identifier"))
                })
                .collect(),
        )
    }

    /// `(node.kind(), node.kind().contains("identifier"))`.
    pub fn of<'s>(&'s self, node: Node<'s>) -> (&'s str, bool) {
        match self.0.get(usize::from(node.kind_id())) {
            Some((name, identifier)) => (name, *identifier),
            None => {
                let kind = node.kind();
                (kind, kind.contains("identifier"))
            }
        }
    }
}

/// [`KindNames`] for each language, built on first use.
pub struct AllKindNames([std::sync::OnceLock<KindNames>; 5]);

impl AllKindNames {
    /// The table of `lang`'s grammar.
    pub fn get(&self, lang: crate::lang::Language) -> &KindNames {
        self.0[lang.index()].get_or_init(|| KindNames::new(&lang.grammar()))
    }
}

/// The kind names of every grammar.
pub static KIND_NAMES: AllKindNames = AllKindNames([const { std::sync::OnceLock::new() }; 5]);

/// A set of node kinds of one grammar, tested by symbol id: `Node::kind` looks the name up and
/// validates it as UTF-8 on every call, which adds up over every node of a walk.
pub struct KindSet(Vec<bool>);

impl KindSet {
    /// The kinds of `grammar` named in `names` (named and anonymous alike, as `Node::kind`
    /// would compare them).
    pub fn new(grammar: &tree_sitter::Language, names: &[&str]) -> KindSet {
        KindSet(
            (0..grammar.node_kind_count())
                .map(|id| {
                    u16::try_from(id)
                        .ok()
                        .and_then(|id| grammar.node_kind_for_id(id))
                        .is_some_and(|k| names.contains(&k))
                })
                .collect(),
        )
    }

    /// Whether `node`'s kind is in the set.
    #[inline]
    pub fn contains(&self, node: Node<'_>) -> bool {
        self.0
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(false)
    }
}

/// One [`KindSet`] per language, built on first use: `static SET: PerLanguage = ...`.
pub struct PerLanguage {
    names: &'static [&'static str],
    sets: [std::sync::OnceLock<KindSet>; 5],
}

impl PerLanguage {
    /// The kinds named `names`, in every language.
    pub const fn new(names: &'static [&'static str]) -> PerLanguage {
        PerLanguage {
            names,
            sets: [const { std::sync::OnceLock::new() }; 5],
        }
    }

    /// The set for `lang`.
    pub fn get(&self, lang: crate::lang::Language) -> &KindSet {
        self.sets[lang.index()].get_or_init(|| KindSet::new(&lang.grammar(), self.names))
    }
}

/// What to do after visiting a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// Visit its children next.
    Descend,
    /// Skip its children.
    Skip,
    /// End the walk.
    Stop,
}

/// The attributes of a Rust item (`#[test]`, `#[get("/p")]`), nearest first: its preceding
/// `attribute_item` siblings, comments between them skipped.
pub fn rust_attributes(item: Node<'_>) -> Vec<Node<'_>> {
    let mut attrs = Vec::new();
    let mut prev = item.prev_named_sibling();
    while let Some(p) = prev {
        match p.kind() {
            "attribute_item" => attrs.push(p),
            "line_comment" | "block_comment" => {}
            _ => break,
        }
        prev = p.prev_named_sibling();
    }
    attrs
}

/// Visits `root` and every descendant in pre-order (source order); `visit` gets the node and its
/// depth below `root` (0 for `root`) and decides whether to descend.
pub fn preorder<'a>(root: Node<'a>, mut visit: impl FnMut(Node<'a>, usize) -> Walk) {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    'walk: loop {
        // Out of the file's analysis budget ([`crate::budget`]): the walk ends early.
        if crate::budget::exhausted() {
            return;
        }
        match visit(cursor.node(), depth) {
            Walk::Stop => return,
            Walk::Descend if cursor.goto_first_child() => {
                depth += 1;
                continue;
            }
            _ => {}
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            // A cursor made from `root` never climbs above it.
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

/// Test support: every fixture file in a language phi-lint parses, parsed, in a stable order:
/// `visit(path, language, source, tree)`. The tests that compare a fast path with a slow one
/// over every node run over all of them.
#[cfg(test)]
pub(crate) fn for_each_fixture(
    mut visit: impl FnMut(&std::path::Path, crate::lang::Language, &str, &tree_sitter::Tree),
) {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(lang) = crate::lang::Language::from_path(&path) {
                files.push((path, lang));
            }
        }
    }
    files.sort();
    let mut parser = tree_sitter::Parser::new();
    for (path, lang) in files {
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        parser.set_language(&lang.grammar()).expect("grammar loads");
        let tree = parser.parse(&source, None).expect("fixture parses");
        visit(&path, lang, &source, &tree);
    }
}

#[cfg(test)]
mod tests {
    use super::{preorder, KindSet, Walk};

    #[test]
    fn kind_sets_agree_with_kind_names() {
        for lang in crate::lang::Language::ALL {
            let names = [
                "function_definition",
                "call",
                "call_expression",
                "function",
                "(",
            ];
            let set = KindSet::new(&lang.grammar(), &names);
            let src =
                "def f(a):\n    return g(a)\nfunction h() { return k(1); }\nfn m() { n(2) }\n";
            let mut p = tree_sitter::Parser::new();
            p.set_language(&lang.grammar()).unwrap();
            let t = p.parse(src, None).unwrap();
            let mut hits = 0;
            preorder(t.root_node(), |n, _| {
                assert_eq!(set.contains(n), names.contains(&n.kind()), "{}", n.kind());
                hits += usize::from(set.contains(n));
                Walk::Descend
            });
            assert!(hits > 0, "{}", lang.name());
        }
    }

    /// The fingerprint's kind table gives what `Node::kind` gives, on every node of every
    /// fixture in every grammar (fingerprints must not move).
    #[test]
    fn kind_names_agree_with_node_kind() {
        let mut checked = 0;
        super::for_each_fixture(|path, lang, _, tree| {
            let names = super::KIND_NAMES.get(lang);
            preorder(tree.root_node(), |n, _| {
                let kind = n.kind();
                assert_eq!(names.of(n), (kind, kind.contains("identifier")), "{path:?}");
                checked += 1;
                Walk::Descend
            });
        });
        assert!(checked > 10_000, "{checked}");
    }

    fn tree(src: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&crate::lang::Language::Python.grammar())
            .unwrap();
        p.parse(src, None).unwrap()
    }

    #[test]
    fn visits_in_source_order_with_depths_and_honours_skip_and_stop() {
        let t = tree("def f(a):\n    return a\nx = 1\n");
        let mut named = Vec::new();
        preorder(t.root_node(), |n, d| {
            if n.is_named() {
                named.push((n.kind(), d));
            }
            Walk::Descend
        });
        assert_eq!(named[0], ("module", 0));
        assert_eq!(named[1], ("function_definition", 1));
        assert!(named.contains(&("return_statement", 3)));
        assert_eq!(named.last(), Some(&("integer", 3)));

        // Skip: nothing inside the function is visited.
        let mut kinds = Vec::new();
        preorder(t.root_node(), |n, _| {
            kinds.push(n.kind());
            if n.kind() == "function_definition" {
                Walk::Skip
            } else {
                Walk::Descend
            }
        });
        assert!(!kinds.contains(&"return_statement"));
        assert!(kinds.contains(&"assignment"));

        // Stop: exactly three nodes.
        let mut n = 0;
        preorder(t.root_node(), |_, _| {
            n += 1;
            if n == 3 {
                Walk::Stop
            } else {
                Walk::Descend
            }
        });
        assert_eq!(n, 3);

        // A walk from an inner node stays inside it.
        let func = t.root_node().named_child(0).unwrap();
        let mut last = 0;
        preorder(func, |n, _| {
            last = n.end_byte();
            Walk::Descend
        });
        assert!(last <= func.end_byte());
    }
}
