//! Reading the small files that steer a scan (configuration, ignore files, baselines, SARIF logs
//! to merge) when they may come from an untrusted repository.
//!
//! A committed `pyproject.toml` can be a symbolic link to `/proc/self/environ` or to a secret
//! elsewhere on the machine, whose text a parse error would then print; a `.gitignore` can be a
//! FIFO (the scan hangs on open) or `/dev/zero` (it never ends). So such a file is read only
//! when it is a regular file, no larger than a limit, and, when it was found inside a
//! repository, a symbolic link to it resolves inside that repository too. Errors name the
//! path, never the content.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The largest configuration or ignore file read: 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = crate::limits::CONFIG_BYTES;

/// The largest SARIF log `phi-lint merge` reads: 1 GiB.
pub const MAX_LOG_BYTES: u64 = crate::limits::LOG_BYTES;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A symbolic link whose target is outside the repository it was found in.
    Outside,
    /// A FIFO, socket, device or directory.
    NotRegular,
    /// Larger than the limit (the size in bytes).
    TooLarge(u64),
    /// Nothing there (a dangling symbolic link included).
    Missing,
    /// Another I/O error.
    Io(std::io::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Outside => {
                f.write_str("is a symbolic link to a file outside the repository; not read")
            }
            Refusal::NotRegular => {
                f.write_str("is not a regular file (a FIFO, socket, device or directory); not read")
            }
            Refusal::TooLarge(n) => write!(f, "is {n} bytes, over the size limit; not read"),
            Refusal::Missing => f.write_str("does not exist"),
            Refusal::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

/// Checks that `path` may be read: see the module docs. With `inside`, a symbolic link must
/// resolve inside that directory. Returns the file's size.
pub fn check(path: &Path, inside: Option<&Path>, limit: u64) -> Result<u64, Refusal> {
    let link = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Io(e),
    })?;
    if link.file_type().is_symlink() {
        if let Some(root) = inside {
            let target = std::fs::canonicalize(path).map_err(|_| Refusal::Missing)?;
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            if !target.starts_with(&root) {
                return Err(Refusal::Outside);
            }
        }
    }
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Io(e),
    })?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge(meta.len()));
    }
    Ok(meta.len())
}

/// Reads `path` as UTF-8 text after [`check`]ing it; never reads more than `limit` bytes.
pub fn text(path: &Path, inside: Option<&Path>, limit: u64) -> Result<String, Refusal> {
    let len = check(path, inside, limit)?;
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(Refusal::Io)?;
    if buf.len() as u64 > limit {
        return Err(Refusal::TooLarge(buf.len() as u64));
    }
    String::from_utf8(buf).map_err(|_| {
        Refusal::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// Reads a source file to analyse, at most `limit` bytes of it. The file is opened without
/// blocking (a FIFO swapped in for a source file during a scan has no writer, and a blocking
/// open would wait for one forever), checked to be a regular file through the opened handle
/// (not through its path, which may have changed since), and read through `take(limit + 1)`,
/// so a file that grows past the limit, or a device, is never read whole.
pub fn source(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Io(e),
    })?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge(meta.len()));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(Refusal::Io)?;
    if buf.len() as u64 > limit {
        return Err(Refusal::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// Content that stands in for files on disk during a scan: with `--staged`, the staged content
/// of the files whose working copy differs from the index, so that a helper module read for a
/// function summary ([`crate::flow`]) is the one being committed. Set once, before the scan.
static OVERLAY: std::sync::OnceLock<std::collections::HashMap<PathBuf, Vec<u8>>> =
    std::sync::OnceLock::new();

/// Sets the [overlay](OVERLAY): absolute paths and the content read in their place. Only the
/// first call has an effect.
pub fn set_overlay(files: std::collections::HashMap<PathBuf, Vec<u8>>) {
    let _ = OVERLAY.set(files);
}

/// The content standing in for the file at `path` (absolute), if any.
pub fn overlaid(path: &Path) -> Option<&'static [u8]> {
    OVERLAY.get()?.get(path).map(Vec::as_slice)
}

/// The content of a module of the application read for another file's analysis (a helper's
/// summary, an imported type's declaration, a wrapper's vendor): a regular file of at most
/// `max_file_size` and [`crate::limits::SIBLING_MODULE_BYTES`], read as it is being committed
/// under `--staged` ([`overlaid`]). `None` otherwise.
pub fn sibling_module(path: &Path, max_file_size: u64) -> Option<Vec<u8>> {
    if !std::fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    let limit = max_file_size.min(crate::limits::SIBLING_MODULE_BYTES);
    match overlaid(path) {
        Some(staged) if staged.len() as u64 <= limit => Some(staged.to_vec()),
        Some(_) => None,
        // Checked on the opened handle and read to the limit: the file may have been swapped
        // for a FIFO or a device since.
        None => source(path, limit).ok(),
    }
}

thread_local! {
    /// Other files read while analysing the current file (helper modules of function
    /// summaries), for the facts cache: a file's cached facts hold only while they are
    /// unchanged. `None` when nobody is recording.
    static DEPENDENCIES: std::cell::RefCell<Option<Vec<PathBuf>>> = const { std::cell::RefCell::new(None) };
}

/// Starts recording, on this thread, the files the next analysis reads ([`note_dependency`]).
pub fn record_dependencies() {
    DEPENDENCIES.with(|d| *d.borrow_mut() = Some(Vec::new()));
}

/// Records that the file being analysed on this thread read `path`, when recording.
pub fn note_dependency(path: &Path) {
    DEPENDENCIES.with(|d| {
        if let Some(d) = d.borrow_mut().as_mut() {
            if !d.iter().any(|p| p == path) {
                d.push(path.to_path_buf());
            }
        }
    });
}

/// The files recorded since [`record_dependencies`]; recording stops.
pub fn take_dependencies() -> Vec<PathBuf> {
    DEPENDENCIES.with(|d| d.borrow_mut().take().unwrap_or_default())
}

/// The content another file's analysis reads for `path`: the [overlay](overlaid) or the file,
/// up to 1 MiB (what function summaries read).
pub fn dependency_content(path: &Path) -> Option<Vec<u8>> {
    match overlaid(path) {
        Some(staged) => Some(staged.to_vec()),
        None => source(path, 1 << 20).ok(),
    }
}

/// [`text`], with a refusal as an error that names the path only.
pub fn text_or_error(path: &Path, inside: Option<&Path>, limit: u64) -> Result<String, Error> {
    text(path, inside, limit).map_err(|r| refused(path, &r))
}

/// The error for a file that was not read.
pub fn refused(path: &Path, why: &Refusal) -> Error {
    match why {
        Refusal::Io(e) => Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(e.kind(), e.to_string()),
        },
        Refusal::Missing => Error::Read {
            path: path.to_path_buf(),
            source: std::io::ErrorKind::NotFound.into(),
        },
        why => Error::Usage(format!("{} {why}", crate::escape::path(path))),
    }
}

/// The repository a file found at `dir` belongs to: the closest ancestor of `dir` (itself
/// included) that holds `.git`, or `dir` itself outside any repository.
pub fn repository_of(dir: &Path) -> PathBuf {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok())
        .unwrap_or(&abs)
        .to_path_buf()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_out_of_the_repository_devices_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ok.toml"), "x = 1\n").unwrap();
        std::os::unix::fs::symlink(d.join("ok.toml"), d.join("in.toml")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", d.join("out.toml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join("zero.toml")).unwrap();
        assert_eq!(text(&d.join("ok.toml"), Some(d), 10).unwrap(), "x = 1\n");
        assert!(text(&d.join("in.toml"), Some(d), 10).is_ok());
        assert!(matches!(
            text(&d.join("out.toml"), Some(d), 10),
            Err(Refusal::Outside)
        ));
        assert!(matches!(
            text(&d.join("zero.toml"), None, 10),
            Err(Refusal::NotRegular)
        ));
        assert!(matches!(
            text(&d.join("ok.toml"), None, 3),
            Err(Refusal::TooLarge(6))
        ));
        assert!(matches!(
            text(&d.join("none.toml"), None, 3),
            Err(Refusal::Missing)
        ));
    }

    /// The audit's race: a source file the walk saw as regular is a FIFO by the time it is
    /// read (91 of 200 scans hung). `source` trusts only the opened handle and never blocks on
    /// the open; a device is refused the same way, and a 1 GiB file over the limit is refused
    /// from its size, without reading it (a scan of 64 files or fewer used to read it whole).
    #[test]
    fn source_never_blocks_on_a_fifo_and_never_reads_an_oversized_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("app.py");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(matches!(source(&fifo, 1 << 20), Err(Refusal::NotRegular)));
        });
        let refused = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("reading a FIFO blocked");
        assert!(refused);
        assert!(matches!(
            source(Path::new("/dev/zero"), 1 << 20),
            Err(Refusal::NotRegular)
        ));
        let big = dir.path().join("big.py");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(1 << 30)
            .unwrap();
        assert!(matches!(
            source(&big, 4 << 20),
            Err(Refusal::TooLarge(n)) if n == 1 << 30
        ));
    }
}
