//! The duration/size evaluator: the string parsers directly, and `Evaluator::eval` on every
//! node of the input parsed as Python, JavaScript, TypeScript or Rust (first byte picks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use phi_lint::eval::{
    human, parse_duration_str, parse_number_literal, string_content, Evaluator, Unit,
};
use phi_lint::lang::Language;

const LANGS: [Language; 4] = [
    Language::Python,
    Language::JavaScript,
    Language::TypeScript,
    Language::Rust,
];

thread_local! {
    static PARSERS: std::cell::RefCell<Vec<tree_sitter::Parser>> = std::cell::RefCell::new(
        LANGS
            .iter()
            .map(|l| {
                let mut p = tree_sitter::Parser::new();
                p.set_language(&l.grammar()).unwrap();
                p
            })
            .collect(),
    );
}

fn check_value(v: phi_lint::eval::Value) {
    let _ = v.seconds(Unit::Seconds);
    let _ = v.seconds(Unit::Millis);
    let _ = v.as_integer();
    let _ = human(v.seconds(Unit::Seconds));
}

fuzz_target!(|data: &[u8]| {
    let [l, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for unit in [Unit::Seconds, Unit::Millis] {
        if let Some(v) = parse_duration_str(text, unit) {
            check_value(v);
        }
    }
    if let Some(v) = parse_number_literal(text) {
        check_value(v);
    }
    let _ = string_content(text);
    if text.len() > 2048 {
        return;
    }
    let idx = usize::from(*l) % LANGS.len();
    let lang = LANGS[idx];
    PARSERS.with(|p| {
        let mut parsers = p.borrow_mut();
        let Some(tree) = parsers[idx].parse(text, None) else {
            return;
        };
        let ev = Evaluator::new(lang.family(), text, tree.root_node());
        let mut budget = 2000;
        phi_lint::tree::preorder(tree.root_node(), |node, _| {
            if node.is_named() {
                if let Some(v) = ev.eval(node) {
                    check_value(v);
                }
                let _ = ev.is_nothing(node);
                let _ = ev.is_true(node);
                if node.kind() == "identifier" {
                    let _ = ev.constant(&text[node.byte_range()]);
                }
            }
            budget -= 1;
            if budget == 0 {
                phi_lint::tree::Walk::Stop
            } else {
                phi_lint::tree::Walk::Descend
            }
        });
    });
});
