//! The one tree walk: pre-order over a node and its descendants with a single cursor. No
//! recursion (a 100k-deep file cannot overflow the stack) and no allocation per node. The fact
//! collector, fingerprints, suppression comments and the function table all walk this way.

use tree_sitter::Node;

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

/// Visits `root` and every descendant in pre-order (source order); `visit` gets the node and its
/// depth below `root` (0 for `root`) and decides whether to descend.
pub fn preorder<'a>(root: Node<'a>, mut visit: impl FnMut(Node<'a>, usize) -> Walk) {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    'walk: loop {
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

#[cfg(test)]
mod tests {
    use super::{preorder, Walk};

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
