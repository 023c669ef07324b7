//! The spill store: bytes a scan keeps for its project-level join, written to an unnamed
//! temporary file instead of the heap, so memory does not grow with the repository.
//!
//! A scan puts one blob per file (its encoded facts) and reads each back when the join needs it.
//! Blobs collect in a buffer that is appended to the temporary file whenever it reaches
//! [`FLUSH_AT`] bytes, so a small scan (a pre-commit hook's few files) never creates the file.
//! The file is created in the system's temporary directory (never in the scanned tree) and is
//! deleted by the operating system when the store is dropped or the process ends. When it cannot
//! be created or written, the blobs stay in memory: the scan is then as before, only larger.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Size at which the buffer is written out.
const FLUSH_AT: usize = 1 << 20;

/// Offsets from here up name blobs kept in shared buffers ([`Store::put_shared`]) rather than in
/// the store: `SHARED + index`.
const SHARED: u64 = 1 << 62;

/// Where a blob is: its offset in the store and its length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Blob {
    offset: u64,
    len: u64,
}

/// Blobs kept for one scan (see the module documentation).
#[derive(Default)]
pub struct Store {
    inner: Mutex<Inner>,
    /// Buffer size at which blobs are written out; [`FLUSH_AT`] unless set.
    flush_at: Option<usize>,
}

#[derive(Default)]
struct Inner {
    /// Blobs not written out yet; the first byte is at offset `written`.
    buffer: Vec<u8>,
    /// Bytes in the file: every blob below this offset is read from it.
    written: u64,
    /// The temporary file, once created.
    file: Option<File>,
    /// Set once the file could not be created or written: keep everything in the buffer.
    memory_only: bool,
    /// The first error met reading a blob back.
    error: Option<String>,
    /// Blobs that are ranges of buffers read once for the whole scan (the facts cache's file):
    /// kept where they are, not copied in.
    shared: Vec<(std::sync::Arc<Vec<u8>>, std::ops::Range<usize>)>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("Store")
            .field("written", &inner.written)
            .field("buffered", &inner.buffer.len())
            .field("memory_only", &inner.memory_only)
            .finish()
    }
}

impl Store {
    /// An empty store, without a file.
    pub fn new() -> Store {
        Store::default()
    }

    /// A store that writes its buffer out once it holds `bytes` (1: every blob goes to the
    /// file at once, which tests of the read-back path use).
    pub fn with_flush_threshold(bytes: usize) -> Store {
        Store {
            flush_at: Some(bytes.max(1)),
            ..Store::default()
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `bytes` and says where they are.
    pub fn put(&self, bytes: &[u8]) -> Blob {
        let len = bytes.len() as u64;
        let flush_at = self.flush_at.unwrap_or(FLUSH_AT);
        let mut inner = self.lock();
        // Written out before it would outgrow the threshold, so the buffer's capacity stays near
        // it (a vector that doubles past it would hold twice as much).
        if !inner.buffer.is_empty()
            && inner.buffer.len() + bytes.len() > flush_at
            && !inner.memory_only
        {
            inner.flush();
        }
        let offset = inner.written + inner.buffer.len() as u64;
        inner.buffer.extend_from_slice(bytes);
        if inner.buffer.len() >= flush_at && !inner.memory_only {
            inner.flush();
        }
        Blob { offset, len }
    }

    /// Keeps `range` of `data` (a buffer kept for the scan anyway) as a blob, without copying it.
    pub fn put_shared(
        &self,
        data: &std::sync::Arc<Vec<u8>>,
        range: std::ops::Range<usize>,
    ) -> Blob {
        let mut inner = self.lock();
        let len = range.len() as u64;
        inner.shared.push((data.clone(), range));
        Blob {
            offset: SHARED + (inner.shared.len() - 1) as u64,
            len,
        }
    }

    /// The bytes of `blob`, or why they could not be read back (the error is also kept for
    /// [`Store::error`]).
    pub fn get(&self, blob: Blob) -> Result<Vec<u8>, String> {
        let mut inner = self.lock();
        let result = inner.read(blob);
        if let Err(e) = &result {
            inner.error.get_or_insert_with(|| e.clone());
        }
        result
    }

    /// Records an error met using a blob read back (one that does not decode).
    pub fn fail(&self, message: &str) {
        self.lock().error.get_or_insert_with(|| message.to_string());
    }

    /// The first error met reading a blob back, if any: a join that lost facts must say so.
    pub fn error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    /// Bytes written to the temporary file so far.
    pub fn bytes_on_disk(&self) -> u64 {
        self.lock().written
    }
}

impl Inner {
    /// Appends the buffer to the file, creating it first; on failure keeps the buffer and stops
    /// trying.
    fn flush(&mut self) {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(f) => self.file = Some(f),
                Err(_) => {
                    self.memory_only = true;
                    return;
                }
            }
        }
        let Some(file) = self.file.as_mut() else {
            return;
        };
        // The file is only appended to; reads seek, so seek back to the end first.
        let appended = file
            .seek(SeekFrom::Start(self.written))
            .and_then(|_| file.write_all(&self.buffer));
        match appended {
            Ok(()) => {
                self.written += self.buffer.len() as u64;
                self.buffer.clear();
            }
            // Whatever part was written lies past `written` and is never read.
            Err(_) => self.memory_only = true,
        }
    }

    fn read(&mut self, blob: Blob) -> Result<Vec<u8>, String> {
        if blob.offset >= SHARED {
            return usize::try_from(blob.offset - SHARED)
                .ok()
                .and_then(|i| self.shared.get(i))
                .and_then(|(data, range)| data.get(range.clone()))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "a shared blob that does not exist".to_string());
        }
        let len = usize::try_from(blob.len).map_err(|_| "a blob too large to read".to_string())?;
        if blob.offset >= self.written {
            let start = (blob.offset - self.written) as usize;
            return self
                .buffer
                .get(start..start.saturating_add(len))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "a blob past the end of the spill store".to_string());
        }
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| "the spill file is missing".to_string())?;
        let mut out = vec![0; len];
        file.seek(SeekFrom::Start(blob.offset))
            .and_then(|_| file.read_exact(&mut out))
            .map_err(|e| format!("reading the spill file: {e}"))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_read_back_from_the_buffer_and_from_the_file() {
        let store = Store::new();
        // Blobs of distinct content, enough of them to be written out more than once.
        let blob =
            |i: usize| -> Vec<u8> { (0..(i * 7919) % 300_000).map(|b| (b ^ i) as u8).collect() };
        let kept: Vec<(usize, Blob)> = (0..60).map(|i| (i, store.put(&blob(i)))).collect();
        assert!(store.bytes_on_disk() > FLUSH_AT as u64, "{store:?}");
        // Some blobs are still in the buffer.
        assert!(kept.iter().any(|(_, b)| b.offset >= store.bytes_on_disk()));
        // Read back in a different order from the one they were put in.
        for (i, b) in kept.iter().rev() {
            assert_eq!(store.get(*b).unwrap(), blob(*i), "blob {i}");
        }
        assert_eq!(store.error(), None);
    }

    #[test]
    fn shared_blobs_are_read_from_their_buffer() {
        let store = Store::with_flush_threshold(1);
        let data: std::sync::Arc<Vec<u8>> = b"0123456789".to_vec().into();
        let a = store.put(b"own");
        let b = store.put_shared(&data, 2..5);
        assert_eq!(store.get(b).unwrap(), b"234");
        assert_eq!(store.get(a).unwrap(), b"own");
        let bogus = Blob {
            offset: SHARED + 7,
            len: 1,
        };
        assert!(store.get(bogus).is_err());
    }

    #[test]
    fn without_a_file_everything_stays_in_memory() {
        let store = Store::new();
        // As after `tempfile()` failed.
        store.lock().memory_only = true;
        let big = vec![7u8; FLUSH_AT + 1];
        let a = store.put(&big);
        let b = store.put(b"tail");
        assert_eq!(store.bytes_on_disk(), 0);
        assert_eq!(store.get(a).unwrap(), big);
        assert_eq!(store.get(b).unwrap(), b"tail");
    }

    #[test]
    fn a_small_store_creates_no_file_and_bad_blobs_are_errors() {
        let store = Store::new();
        let a = store.put(b"abc");
        let b = store.put(b"");
        assert_eq!(store.get(a).unwrap(), b"abc");
        assert_eq!(store.get(b).unwrap(), b"");
        assert!(store.lock().file.is_none());
        let bogus = Blob { offset: 10, len: 5 };
        assert!(store.get(bogus).is_err());
        assert!(store.error().is_some());
    }
}
