//! unencrypted-storage: PHI persisted without encryption (45 CFR 164.312(a)(2)(iv) encryption
//! at rest; 164.312(c)(1) integrity).
//!
//! Every rule here has the same shape: a query finds a write into a persistent store (a file,
//! browser storage, a cache or queue, an object store), the check confirms the receiver really
//! is that store, and the stored values are asked of the shared data-flow layer with
//! [`Purpose::Storage`], so only encryption (Fernet, AES-GCM, `createCipheriv`, KMS, ...) clears
//! them; masking or hashing does not.

pub mod phi_in_browser_storage;
pub mod phi_in_cache_or_queue;
pub mod phi_in_object_storage;
pub mod phi_written_to_file;
pub mod plaintext_phi_column;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::{Evidence, Purpose};
use crate::phi::{tokenize, Kind};
use crate::rules::phi_logging::REPORT_FLOOR;
use crate::tree::NodeExt;

/// The `i`th positional argument of a call (comments and keyword arguments skipped).
pub(crate) fn positional<'a>(args: Node<'a>, i: usize) -> Option<Node<'a>> {
    let mut cursor = args.walk();
    let found = args
        .named_children(&mut cursor)
        .filter(|n| !matches!(n.kind(), "comment" | "keyword_argument"))
        .nth(i);
    found
}

/// The value of a Python keyword argument.
pub(crate) fn keyword<'a>(checker: &Checker<'a>, args: Node<'a>, name: &str) -> Option<Node<'a>> {
    let mut cursor = args.walk();
    let found = args
        .named_children(&mut cursor)
        .filter(|n| n.kind() == "keyword_argument")
        .find(|n| n.field("name").is_some_and(|k| checker.text(k) == name))
        .and_then(|n| n.field("value"));
    found
}

/// The PHI stored by an expression, if strong enough to report.
pub(crate) fn stored<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<Evidence<'a>> {
    checker
        .phi(node, Purpose::Storage)
        .filter(|e| e.class.score >= REPORT_FLOOR && e.class.kind != Kind::InternalId)
}

/// The text of the expression an identifier was last bound to (`f = open(p, "w")` → the
/// call's text), or the node's own text.
pub(crate) fn origin_text<'a>(checker: &Checker<'a>, node: Node<'a>) -> &'a str {
    origin_through(checker, node, 1)
}

/// What an identifier was bound to, followed through up to `hops` bindings of a plain or
/// awaited identifier (`const db = await dbPromise; const dbPromise = openDB(...)`).
pub(crate) fn origin_through<'a>(checker: &Checker<'a>, node: Node<'a>, hops: usize) -> &'a str {
    let mut node = node;
    for _ in 0..hops {
        let target = match node.kind() {
            "identifier" => node,
            "await_expression" => match node.named_child(0) {
                Some(inner) if inner.kind() == "identifier" => inner,
                _ => break,
            },
            _ => break,
        };
        let Some(rhs) = checker.file.flow.binding_value(target) else {
            break;
        };
        node = rhs;
    }
    // What is searched for (`client("sqs")`, `useStorage(`, `new Dexie(`) starts the bound
    // expression: the head of a long chain is enough, and reading the whole text below every
    // link of a 20,000-link chain was quadratic.
    let text = checker.text(node);
    let mut end = text.len().min(MAX_ORIGIN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The most of a receiver's origin [`origin_through`] returns.
const MAX_ORIGIN_BYTES: usize = 512;

/// The identifier tokens of the last segment of a receiver (`self.redis_client` → redis,
/// client).
pub(crate) fn last_tokens(text: &str) -> Vec<String> {
    let head = text.split('(').next().unwrap_or(text);
    let last = head
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or(head);
    tokenize(last)
}
