//! Memos that last one scan: what the analysis of one file learned about other files on disk
//! (an imported helper's summary, where an import resolves, which directories hold a manifest),
//! shared by every file of the scan so each is worked out once.
//!
//! A command-line scan is one scan per process, so these memos could live for the process. The
//! language server ([`crate::server`]) analyses again and again in one process while the files
//! on disk change, so it starts each analysis with [`forget`]: every memo is emptied the next
//! time it is used (each remembers the generation it was filled in), and no list of memos has
//! to be kept in step with the code.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The current generation: [`forget`] starts a new one.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Forgets everything the scan memos hold: the next analysis reads the files on disk afresh.
pub fn forget() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The current generation, for per-thread memos keyed by it.
pub(crate) fn generation() -> u64 {
    GENERATION.load(Ordering::Relaxed)
}

/// Most entries a memo keeps: a repository with more imported modules than this (each entry
/// is a module's summary, worth at most a module's parse) starts its memo afresh rather than
/// grow it without end. Memory stays bounded; a module forgotten this way is summarised again
/// when next imported.
pub(crate) const MAX_ENTRIES: usize = crate::limits::SCAN_MEMO_ENTRIES;

/// A map shared by the workers of a scan and emptied by [`forget`], or once it holds
/// [`MAX_ENTRIES`].
pub(crate) struct ScanMemo<K, V> {
    map: OnceLock<Mutex<(u64, HashMap<K, V>)>>,
}

impl<K: Eq + Hash, V: Clone> ScanMemo<K, V> {
    /// An empty memo (for a `static`).
    pub(crate) const fn new() -> ScanMemo<K, V> {
        ScanMemo {
            map: OnceLock::new(),
        }
    }

    /// The map of the current generation, locked.
    fn lock(&self) -> MutexGuard<'_, (u64, HashMap<K, V>)> {
        let mut guard = self
            .map
            .get_or_init(|| Mutex::new((generation(), HashMap::new())))
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let now = generation();
        if guard.0 != now {
            *guard = (now, HashMap::new());
        }
        guard
    }

    /// The value remembered for `key`.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.lock().1.get(key).cloned()
    }

    /// Remembers `value` for `key`.
    pub(crate) fn insert(&self, key: K, value: V) {
        let mut guard = self.lock();
        if guard.1.len() >= MAX_ENTRIES && !guard.1.contains_key(&key) {
            guard.1 = HashMap::new();
        }
        guard.1.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forget_empties_every_memo() {
        static MEMO: ScanMemo<String, u32> = ScanMemo::new();
        MEMO.insert("a".into(), 1);
        assert_eq!(MEMO.get("a"), Some(1));
        forget();
        assert_eq!(MEMO.get("a"), None);
        MEMO.insert("a".into(), 2);
        assert_eq!(MEMO.get("a"), Some(2));
    }

    #[test]
    fn a_memo_never_holds_more_than_its_cap() {
        static MEMO: ScanMemo<u32, u32> = ScanMemo::new();
        for i in 0..(MAX_ENTRIES as u32 * 3 + 7) {
            MEMO.insert(i, i);
            // (Another test's `forget` may empty it at any time: only the cap is checked.)
            assert!(MEMO.lock().1.len() <= MAX_ENTRIES);
        }
    }
}
