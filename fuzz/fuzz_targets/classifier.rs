//! Identifier tokenizer and PHI classifier on arbitrary UTF-8.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phi_lint::phi::{tokenize, Vocabulary};

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(Vocabulary::default)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let v = vocab();
    let tokens = tokenize(text);
    for t in &tokens {
        assert!(!t.is_empty(), "empty token from {text:?}");
        assert!(
            t.chars().all(char::is_alphanumeric),
            "token {t:?} from {text:?}"
        );
    }
    let check = |c: Option<phi_lint::phi::Classification>| {
        if let Some(c) = c {
            assert!(
                c.score.is_finite() && (0.0..=1.0).contains(&c.score),
                "score {} for {text:?}",
                c.score
            );
        }
    };
    check(v.classify_name(text));
    let segments: Vec<&str> = text.split('.').collect();
    check(v.classify_path(&segments, false));
    check(v.classify_path(&segments, true));
    let _ = v.type_is_record(text);
    let f = v.name_factor(text);
    assert!(
        f.is_finite() && (0.0..=1.0).contains(&f),
        "factor {f} for {text:?}"
    );
});
