//! The inline-suppression comment parser (`suppress::parse_comment`), a pure string parser that
//! runs on every comment containing the marker in every scanned file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phi_lint::suppress::{self, Found, Scope};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(d) = suppress::parse_comment(text) else {
        return;
    };
    // A directive always carries the marker the cheap pre-check looks for.
    assert!(suppress::mentions_marker(text));
    for sel in &d.rules {
        assert!(!sel.is_empty() && sel.trim() == sel, "untrimmed selector {sel:?}");
        assert!(!sel.contains(',') && !sel.contains(']'), "selector {sel:?}");
    }
    if let Some(reason) = &d.reason {
        assert!(!reason.is_empty() && reason.trim() == reason, "reason {reason:?}");
    }
    // Rendering the directive back as a comment parses to the same scope and selectors.
    let keyword = match d.scope {
        Scope::Line => "ignore",
        Scope::File => "ignore-file",
    };
    let rendered = if d.rules.is_empty() {
        format!("# phi-lint: {keyword}")
    } else {
        format!("# phi-lint: {keyword}[{}]", d.rules.join(", "))
    };
    let again = suppress::parse_comment(&rendered).expect("rendered directive parses");
    assert_eq!(again.scope, d.scope);
    assert_eq!(again.rules, d.rules);
    // Resolving selectors against the registry never panics; every unknown one is reported as
    // written, and a directive whose selectors all resolve covers at least one rule.
    let found = Found::new(d.clone(), 1, 1);
    assert!(found.unknown.iter().all(|u| d.rules.contains(u)));
    if !d.rules.is_empty() && found.unknown.is_empty() {
        assert!(!found.codes.is_empty());
    }
});
