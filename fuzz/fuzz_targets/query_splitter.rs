//! The query predicate/pattern splitter (`split_patterns`), a pure string parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phi_lint::engine::split_patterns;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for p in split_patterns(text) {
        assert!(!p.structure.is_empty());
    }
});
