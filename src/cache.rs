//! The project-facts cache: what the project-level rules recorded about each file of an
//! application (its handlers, route registrations, audit middleware, settings), kept between
//! runs so that a partial scan (a pre-commit hook's few staged files) joins the facts of the
//! whole application without analysing every other file again.
//!
//! One cache file per scanned root (and content source: working tree or git index), in the
//! user's cache directory (`$PHI_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/phi-lint`, else
//! `~/.cache/phi-lint`; `~/Library/Caches/phi-lint` on macOS), never inside the scanned tree:
//! a directory inside the scan root or its repository is not used. Entries are keyed by the
//! file's path and a hash of its content (SHA-256, or the git blob id of a staged file), of the
//! settings that shape its facts and of the application it belongs to; a file whose `stat`
//! data (size, modification and change times, inode) are those recorded, and were recorded at
//! least two seconds after its last modification, is taken as unchanged without being read. The
//! file records the phi-lint build that wrote it (version, and the executable's size and
//! modification time); another build starts afresh.
//!
//! The cache is an optimisation only: a file that cannot be read, decoded or written is
//! ignored (the facts are then computed), and `--no-cache` turns it off.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Bumped whenever the entry format or the encoding of any rule's facts changes.
const FORMAT: u32 = 1;

/// The largest cache file read: 512 MiB.
const MAX_BYTES: u64 = 512 << 20;

/// How a file's content is identified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentId {
    /// SHA-256 of the bytes (working tree).
    Sha256([u8; 32]),
    /// A git blob id (staged content).
    Git(String),
}

impl ContentId {
    /// The id of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentId {
        ContentId::Sha256(sha256(bytes))
    }
}

/// The SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut out = [0u8; 32];
    out.copy_from_slice(&Sha256::digest(bytes));
    out
}

/// A file's `stat` data, compared to tell an unchanged file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    len: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
    ino: u64,
    dev: u64,
}

impl Stat {
    /// The `stat` data of `meta`, or `None` when they cannot tell a change: the file was
    /// modified less than two seconds before `now` (a write within the same clock tick could
    /// go unseen), or the platform has no change time and inode.
    pub fn of(meta: &std::fs::Metadata, now: std::time::SystemTime) -> Option<Stat> {
        let modified = meta.modified().ok()?;
        if now
            .duration_since(modified)
            .map_or(true, |age| age < std::time::Duration::from_secs(2))
        {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stat {
                len: meta.len(),
                mtime: (meta.mtime(), meta.mtime_nsec() as u32),
                ctime: (meta.ctime(), meta.ctime_nsec() as u32),
                ino: meta.ino(),
                dev: meta.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// One file's cached facts.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The `stat` data the content was read under, when they can tell a change.
    pub stat: Option<Stat>,
    /// The content the facts were computed from.
    pub content: ContentId,
    /// A hash of the settings fingerprint, the application and the language.
    pub key: [u8; 32],
    /// Other files the facts were computed with (helper modules read for function summaries)
    /// and the SHA-256 of their content then.
    pub deps: Vec<(PathBuf, [u8; 32])>,
    /// Encoded facts, by rule code.
    pub facts: Vec<(String, Payload)>,
}

/// One rule's encoded facts of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// A range of the cache file as read (not copied out of it).
    Read(std::ops::Range<usize>),
    /// Encoded in this run.
    New(Vec<u8>),
}

/// A payload's bytes and the buffer holding them, for a codec that keeps part of them without
/// copying ([`crate::spill::Store::put_shared`]).
pub struct Bytes<'a> {
    /// The buffer.
    pub data: &'a std::sync::Arc<Vec<u8>>,
    /// Where the payload is in it.
    pub range: std::ops::Range<usize>,
}

impl<'a> Bytes<'a> {
    /// The payload.
    pub fn bytes(&self) -> &'a [u8] {
        &self.data[self.range.clone()]
    }

    /// Where `part`, a slice of the payload, is in the buffer.
    pub fn range_of(&self, part: &[u8]) -> Option<std::ops::Range<usize>> {
        let start = (part.as_ptr() as usize).checked_sub(self.data.as_ptr() as usize)?;
        let end = start.checked_add(part.len())?;
        (end <= self.data.len()).then_some(start..end)
    }
}

/// An [`Entry`] as written: payloads as bytes (a length, then the bytes).
#[derive(Serialize)]
struct EntryOut<'a> {
    stat: Option<Stat>,
    content: &'a ContentId,
    key: [u8; 32],
    deps: &'a [(PathBuf, [u8; 32])],
    facts: Vec<(&'a str, BytesOut<'a>)>,
}

/// An [`Entry`] as read: payloads borrowed from the file's bytes.
#[derive(Deserialize)]
struct EntryIn<'a> {
    stat: Option<Stat>,
    content: ContentId,
    key: [u8; 32],
    deps: Vec<(PathBuf, [u8; 32])>,
    #[serde(borrow)]
    facts: Vec<(&'a str, &'a [u8])>,
}

/// Bytes written as postcard bytes, which read back as a borrowed slice.
struct BytesOut<'a>(&'a [u8]);

impl Serialize for BytesOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
struct StoredOut<'a> {
    format: u32,
    build: &'a str,
    root: &'a str,
    entries: Vec<(&'a str, EntryOut<'a>)>,
}

#[derive(Deserialize)]
struct StoredIn<'a> {
    format: u32,
    build: &'a str,
    root: &'a str,
    #[serde(borrow)]
    entries: Vec<(&'a str, EntryIn<'a>)>,
}

/// The cached facts of one scan root.
pub struct Cache {
    path: PathBuf,
    build: String,
    root: String,
    /// The file as read: the payloads of the entries read are ranges of it.
    data: std::sync::Arc<Vec<u8>>,
    entries: HashMap<String, Entry>,
    dirty: bool,
}

/// The default cache directory: `$PHI_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/phi-lint`, else
/// `~/Library/Caches/phi-lint` (macOS) or `~/.cache/phi-lint`.
pub fn default_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(dir) = env("PHI_LINT_CACHE_DIR") {
        return Some(dir);
    }
    if let Some(dir) = env("XDG_CACHE_HOME") {
        return Some(dir.join("phi-lint"));
    }
    let home = env("HOME")?;
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Caches/phi-lint"))
    } else {
        Some(home.join(".cache/phi-lint"))
    }
}

/// The build that writes and reads the cache: the version and the executable's size and
/// modification time, so a rebuilt binary never reads facts an older one wrote.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{t}", m.len())
        })
        .unwrap_or_default();
    format!("{}:{exe}", env!("CARGO_PKG_VERSION"))
}

impl Cache {
    /// Opens the cache of `root` (`source` names the content source: `worktree` or `index`)
    /// in `dir`. `None` when `dir` lies inside `root` or inside the repository holding it
    /// (the scan never writes into the scanned tree).
    pub fn open(dir: &Path, root: &Path, source: &str) -> Option<Cache> {
        let dir = crate::config::normalize(dir);
        let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let repository = crate::read::repository_of(root);
        let (real_root, real_repo) = (real(root), real(&repository));
        // The directory may not exist yet: compare its closest existing ancestor.
        let existing = dir
            .ancestors()
            .find(|a| a.exists())
            .map(real)
            .unwrap_or_default();
        let below = dir
            .strip_prefix(dir.ancestors().find(|a| a.exists()).unwrap_or(&dir))
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let target = existing.join(below);
        if target.starts_with(&real_root) || target.starts_with(&real_repo) {
            return None;
        }
        let root_key = format!("{source}\0{}", real_root.display());
        let name = {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(root_key.as_bytes());
            let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
            format!("facts-{hex}.bin")
        };
        let path = dir.join(name);
        let build = build_id();
        let data: std::sync::Arc<Vec<u8>> = crate::read::source(&path, MAX_BYTES)
            .unwrap_or_default()
            .into();
        let entries = postcard::from_bytes::<StoredIn<'_>>(&data)
            .ok()
            .filter(|s| s.format == FORMAT && s.build == build && s.root == root_key)
            .map(|s| {
                let base = data.as_ptr() as usize;
                s.entries
                    .into_iter()
                    .map(|(rel, e)| {
                        let facts = e
                            .facts
                            .into_iter()
                            .map(|(code, bytes)| {
                                let start = bytes.as_ptr() as usize - base;
                                (code.to_string(), Payload::Read(start..start + bytes.len()))
                            })
                            .collect();
                        let entry = Entry {
                            stat: e.stat,
                            content: e.content,
                            key: e.key,
                            deps: e.deps,
                            facts,
                        };
                        (rel.to_string(), entry)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Cache {
            path,
            build,
            root: root_key,
            data,
            entries,
            dirty: false,
        })
    }

    /// The entry of the file at `rel`.
    pub fn get(&self, rel: &str) -> Option<&Entry> {
        self.entries.get(rel)
    }

    /// The bytes of a payload of an entry of this cache.
    pub fn bytes<'a>(&'a self, payload: &'a Payload) -> Option<Bytes<'a>> {
        match payload {
            Payload::Read(range) => {
                self.data.get(range.clone())?;
                Some(Bytes {
                    data: &self.data,
                    range: range.clone(),
                })
            }
            Payload::New(_) => None,
        }
    }

    /// Records the entry of the file at `rel`.
    pub fn put(&mut self, rel: String, entry: Entry) {
        self.entries.insert(rel, entry);
        self.dirty = true;
    }

    /// Keeps only the entries of `rels` (files no longer in the application are dropped).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|rel, _| keep(rel));
        self.dirty |= self.entries.len() != before;
    }

    /// Writes the cache back when it changed: to a temporary file in the cache directory,
    /// renamed over the old one (readable by the user only). Errors are ignored.
    pub fn save(self) {
        if !self.dirty {
            return;
        }
        let Some(dir) = self.path.parent() else {
            return;
        };
        if create_private_dir(dir).is_err() {
            return;
        }
        let data: &[u8] = &self.data;
        fn payload<'a>(data: &'a [u8], p: &'a Payload) -> BytesOut<'a> {
            BytesOut(match p {
                Payload::Read(range) => data.get(range.clone()).unwrap_or_default(),
                Payload::New(bytes) => bytes,
            })
        }
        let stored = StoredOut {
            format: FORMAT,
            build: &self.build,
            root: &self.root,
            entries: self
                .entries
                .iter()
                .map(|(rel, e)| {
                    let entry = EntryOut {
                        stat: e.stat,
                        content: &e.content,
                        key: e.key,
                        deps: &e.deps,
                        facts: e
                            .facts
                            .iter()
                            .map(|(c, p)| (c.as_str(), payload(data, p)))
                            .collect(),
                    };
                    (rel.as_str(), entry)
                })
                .collect(),
        };
        let Ok(bytes) = postcard::to_allocvec(&stored) else {
            return;
        };
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
            return;
        };
        use std::io::Write;
        if tmp.write_all(&bytes).is_ok() {
            let _ = tmp.persist(&self.path);
        }
    }
}

/// Creates `dir` (and its parents) readable by the user only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_a_directory_inside_the_root_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        assert!(Cache::open(&root.path().join(".cache"), root.path(), "worktree").is_none());
        let mut cache = Cache::open(cache_dir.path(), root.path(), "worktree").unwrap();
        assert!(cache.get("a.js").is_none());
        cache.put(
            "a.js".into(),
            Entry {
                stat: None,
                content: ContentId::of(b"x"),
                key: [1; 32],
                deps: Vec::new(),
                facts: vec![("PHI401".into(), Payload::New(vec![1, 2, 3]))],
            },
        );
        cache.save();
        let cache = Cache::open(cache_dir.path(), root.path(), "worktree").unwrap();
        let entry = cache.get("a.js").unwrap();
        assert_eq!(entry.content, ContentId::of(b"x"));
        assert_eq!(cache.bytes(&entry.facts[0].1).unwrap().bytes(), [1, 2, 3]);
        // Another content source of the same root is another file.
        assert!(Cache::open(cache_dir.path(), root.path(), "index")
            .unwrap()
            .get("a.js")
            .is_none());
    }
}
