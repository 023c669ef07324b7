//! A process-wide string interner for the short names project-level facts keep (callee and
//! function names). A large repository repeats a few thousand names hundreds of thousands of
//! times (`get`, `filter`, `json`); interning turns each occurrence into a pointer and keeps
//! fact memory proportional to the distinct names, not to the corpus.
//!
//! Interned strings live for the rest of the process (the set only grows, by distinct names).

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// Longest string interned; longer ones are leaked only once per distinct value all the same,
/// but names are short, so this only guards against pathological input.
const MAX_LEN: usize = 256;

/// The interned copy of `s`.
pub fn intern(s: &str) -> &'static str {
    static SET: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let s = if s.len() > MAX_LEN {
        // Cut on a char boundary: names this long are not resolvable anyway.
        let mut end = MAX_LEN;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    } else {
        s
    };
    thread_local! {
        // Each worker's own view of the set: after warm-up nearly every name is found here,
        // so workers do not queue on the shared lock (this runs for every callee of every
        // function).
        static SEEN: std::cell::RefCell<HashSet<&'static str>> = Default::default();
    }
    if let Some(hit) = SEEN.with(|seen| seen.borrow().get(s).copied()) {
        return hit;
    }
    let interned = {
        let mut set = SET
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match set.get(s) {
            Some(hit) => *hit,
            None => {
                let leaked: &'static str =
                    crate::alloc::long_lived(|| Box::leak(s.to_owned().into_boxed_str()));
                set.insert(leaked);
                leaked
            }
        }
    };
    SEEN.with(|seen| seen.borrow_mut().insert(interned));
    interned
}

#[cfg(test)]
mod tests {
    use super::intern;

    #[test]
    fn same_text_same_pointer() {
        let a = intern("get_patient");
        let b = intern(&String::from("get_patient"));
        assert_eq!(a, "get_patient");
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, intern("get_patients")));
    }

    #[test]
    fn long_names_are_cut_on_a_char_boundary() {
        let long = "é".repeat(300);
        let cut = intern(&long);
        assert!(cut.len() <= super::MAX_LEN);
        assert!(long.starts_with(cut));
    }
}
