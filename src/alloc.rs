//! Long-lived allocations. A scan allocates and frees millions of short-lived objects per file,
//! but the facts project-level passes join are kept until the end: allocated among the
//! short-lived ones, each keeps a mostly empty allocator page resident. Code that builds such
//! facts runs inside [`long_lived`]; the binary's global allocator (see `main.rs`) serves
//! allocations made there from a separate per-thread heap, so the long-lived data packs into
//! pages of its own. Without such an allocator (the library used elsewhere, tests) this is only
//! a flag nobody reads.
//!
//! Parse memory. tree-sitter allocates its parse stacks and trees with its own allocator (C
//! `malloc`), outside Rust's. [`install_parse_accounting`] routes it through functions that
//! still call `malloc` but count, per thread, the bytes tree-sitter holds ([`parse_memory`]).
//! The parser's progress callback compares that count with [`PARSE_MEMORY_LIMIT`] and abandons
//! a parse that grows past it ([`crate::engine::parse_bounded`]): an ambiguous TypeScript
//! "generics soup" under the 4 MiB size limit once took 4.4 GB to parse. A file is parsed on
//! one thread, so the count of that thread is the count of that parse, whatever the other
//! worker threads hold: at `-j N` the parses together hold at most N times the limit.

use std::cell::Cell;

/// The most memory one file's parse may hold in tree-sitter (stacks and tree) before it is
/// abandoned: 512 MiB. An ordinary 4 MiB source file parses in about a tenth of it.
pub const PARSE_MEMORY_LIMIT: u64 = crate::limits::PARSE_MEMORY;

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

thread_local! {
    /// Bytes tree-sitter allocated on this thread, less the bytes freed on it (a block freed on
    /// another thread than the one that allocated it moves the count between them).
    static PARSE_BYTES: Cell<i64> = const { Cell::new(0) };
}

/// The bytes tree-sitter holds for this thread (its parsers, trees and query cursors): a
/// difference of two readings is what happened in between. Always 0 until
/// [`install_parse_accounting`] ran.
#[inline]
pub fn parse_memory() -> i64 {
    PARSE_BYTES.with(Cell::get)
}

/// Whether [`install_parse_accounting`] has run (the cap on parse memory is in force).
pub fn parse_accounting_installed() -> bool {
    counting::INSTALLED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Routes tree-sitter's allocations through the counting functions behind [`parse_memory`].
/// Call it first thing in `main`, before any parser, tree or query exists; calling it again
/// does nothing. The counting functions call the C library's allocator, tree-sitter's own
/// default, so blocks allocated before the switch are freed correctly after it. On systems
/// without `malloc_usable_size` it does nothing, and parse memory is not capped.
pub fn install_parse_accounting() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: the four functions form one family (they all delegate to the C library's
            // malloc), never return null for a non-zero size (they abort, as tree-sitter's
            // default does), and keep malloc's alignment; blocks already allocated by
            // tree-sitter's default (the same malloc) stay valid.
            unsafe {
                tree_sitter::set_allocator(Some(tree_sitter::Allocator {
                    malloc: counting::malloc,
                    calloc: counting::calloc,
                    realloc: counting::realloc,
                    free: counting::free,
                }))
            };
            counting::INSTALLED.store(true, std::sync::atomic::Ordering::Relaxed);
        });
    }
}

mod counting {
    pub(super) static INSTALLED: std::sync::atomic::AtomicBool =
        std::sync::atomic::AtomicBool::new(false);

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    pub(super) use imp::*;

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    mod imp {
        use std::ffi::c_void;

        #[inline]
        fn add(bytes: i64) {
            // `try_with`: a block freed while the thread's locals are being destroyed.
            let _ = super::super::PARSE_BYTES.try_with(|c| c.set(c.get() + bytes));
        }

        #[inline]
        unsafe fn size(p: *mut c_void) -> i64 {
            libc::malloc_usable_size(p) as i64
        }

        fn out_of_memory(bytes: usize) -> ! {
            // What tree-sitter's own allocator does: it cannot handle a null pointer.
            eprintln!("phi-lint: tree-sitter failed to allocate {bytes} bytes");
            std::process::abort()
        }

        pub(crate) unsafe extern "C" fn malloc(bytes: usize) -> *mut c_void {
            let p = libc::malloc(bytes);
            if p.is_null() && bytes > 0 {
                out_of_memory(bytes);
            }
            if !p.is_null() {
                add(size(p));
            }
            p
        }

        pub(crate) unsafe extern "C" fn calloc(n: usize, bytes: usize) -> *mut c_void {
            let p = libc::calloc(n, bytes);
            if p.is_null() && n.saturating_mul(bytes) > 0 {
                out_of_memory(n.saturating_mul(bytes));
            }
            if !p.is_null() {
                add(size(p));
            }
            p
        }

        pub(crate) unsafe extern "C" fn realloc(p: *mut c_void, bytes: usize) -> *mut c_void {
            let before = if p.is_null() { 0 } else { size(p) };
            let q = libc::realloc(p, bytes);
            if q.is_null() {
                if bytes > 0 {
                    out_of_memory(bytes);
                }
                // `realloc(p, 0)` freed the block.
                add(-before);
                return q;
            }
            add(size(q) - before);
            q
        }

        pub(crate) unsafe extern "C" fn free(p: *mut c_void) {
            if !p.is_null() {
                add(-size(p));
                libc::free(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_long_lived, long_lived};

    /// tree-sitter's memory is counted on the thread that allocates it, and a freed tree gives
    /// its bytes back.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn tree_sitter_memory_is_counted_per_thread() {
        super::install_parse_accounting();
        assert!(super::parse_accounting_installed());
        std::thread::spawn(|| {
            let before = super::parse_memory();
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&crate::lang::Language::Python.grammar())
                .unwrap();
            let tree = parser.parse("x = f(a, b)\n".repeat(20_000), None).unwrap();
            let holding = super::parse_memory() - before;
            assert!(holding > 1 << 20, "{holding} bytes for a 240 KB parse");
            drop(tree);
            drop(parser);
            let left = super::parse_memory() - before;
            assert!(
                left.abs() < 64 << 10,
                "{left} bytes left after dropping the tree"
            );
        })
        .join()
        .unwrap();
    }

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
