//! Long-lived allocations. A scan allocates and frees millions of short-lived objects per file,
//! but the facts project-level passes join are kept until the end: allocated among the
//! short-lived ones, each keeps a mostly empty allocator page resident. Code that builds such
//! facts runs inside [`long_lived`]; the binary's global allocator (see `main.rs`) serves
//! allocations made there from a separate per-thread heap, so the long-lived data packs into
//! pages of its own. Without such an allocator (the library used elsewhere, tests) this is only
//! a flag nobody reads.

use std::cell::Cell;

thread_local! {
    static LONG_LIVED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with this thread's allocations marked long-lived.
pub fn long_lived<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            LONG_LIVED.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(LONG_LIVED.with(|c| c.replace(true)));
    f()
}

/// Whether this thread is inside [`long_lived`]. Cheap (a thread-local `bool` with no
/// destructor), so a global allocator can ask on every allocation.
#[inline]
pub fn is_long_lived() -> bool {
    LONG_LIVED.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::{is_long_lived, long_lived};

    #[test]
    fn the_mark_covers_the_closure_only_and_survives_nesting_and_panics() {
        assert!(!is_long_lived());
        long_lived(|| {
            assert!(is_long_lived());
            long_lived(|| assert!(is_long_lived()));
            // The inner scope restores the outer mark, not "off".
            assert!(is_long_lived());
        });
        assert!(!is_long_lived());
        let panicked = std::panic::catch_unwind(|| long_lived(|| panic!("in a long-lived scope")));
        assert!(panicked.is_err());
        assert!(!is_long_lived(), "a panic must not leave the thread marked");
    }
}
