//! Configuration files as a scan finds them: each file scanned uses the closest `phi-lint.toml`,
//! `.phi-lint.toml` or `pyproject.toml` `[tool.phi-lint]` above it, as in ruff, never looked for
//! above the repository root (the first directory with `.git`); a file may inherit another with
//! `extend`; `--config FILE` applies one file to everything and `--isolated` none.
//!
//! Configuration files come from the scanned repository, so they are untrusted: each is read
//! only as a small regular file (a symbolic link must resolve inside the repository; see
//! [`crate::read`]), an `extend` chain is at most [`MAX_EXTEND`] files long, without cycles,
//! and may not leave the repository (only a file given with `--config` may extend one
//! elsewhere). Every error, whichever file of a chain it is in, names that file, the line and
//! column and the key of the offending value, and what was expected, never the value or the
//! line itself (standard error is a CI log, and the file may hold a secret next to the mistake).
//! A `pyproject.toml` is another tool's file first: without a `[tool.phi-lint]` table it is
//! passed over whatever else it holds, and one that is not TOML at all is skipped with a
//! warning naming the file (unless it names phi-lint: then it is an error like any other).
//!
//! Relative globs (`exclude`, `include`) are relative to the directory of the configuration
//! file that sets them (for `--config`, to the current directory, as in ruff).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::settings::{ConfigFile, Overrides, Settings, CONFIG_FILES};

/// The longest `extend` chain: a configuration and up to seven files it inherits from.
pub const MAX_EXTEND: usize = 8;

/// A configuration with its `extend` chain merged.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The configuration file.
    pub path: PathBuf,
    /// The files it extends, nearest first (its `extend`, then that file's, ...).
    pub extends: Vec<PathBuf>,
    /// The merged configuration: a key set in a file wins over the files it extends; tables
    /// merge key by key.
    pub config: ConfigFile,
    /// The directory `exclude` is relative to: that of the file of the chain that set it.
    pub exclude_base: PathBuf,
    /// The directory `include` is relative to.
    pub include_base: PathBuf,
}

/// `path` made absolute and lexically normalised (`.` removed, `..` applied), without
/// resolving symbolic links: the form every directory of a scan is compared in.
pub fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The directory of a file, absolute and normalised.
pub fn parent_dir(path: &Path) -> PathBuf {
    let abs = normalize(path);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// A configuration file's text, for errors with a code frame and spans.
struct Source {
    path: PathBuf,
    text: String,
    /// The table the configuration is in: `[]` for `phi-lint.toml`, `["tool", "phi-lint"]`
    /// for `pyproject.toml`.
    table: &'static [&'static str],
}

impl Source {
    /// An error in this file, at the start of `span` when known. `message` must hold nothing of
    /// the file but the program's own key names.
    fn error(&self, message: String, span: Option<Range<usize>>) -> Error {
        Error::Config {
            path: self.path.clone(),
            message,
            at: span.map(|r| line_column(&self.text, r.start)),
        }
    }

    /// The error for a TOML syntax error: the parser's messages name what it expected
    /// (`expected `]``). A value the parser could not hold (an integer out of range, anywhere
    /// in a `pyproject.toml`) is reported the way serde says it, which quotes the value: that
    /// message is rewritten without it ([`crate::error::serde_message`]).
    fn syntax_error(&self, e: &toml::de::Error) -> Error {
        let message = e.message();
        let serde_shaped = ["invalid type: ", "invalid value: ", "invalid length "]
            .iter()
            .any(|p| message.starts_with(p));
        let message = if serde_shaped {
            crate::error::serde_message(message, None)
        } else {
            message.to_string()
        };
        self.error(format!("not valid TOML: {message}"), e.span())
    }

    /// The error for a value that does not deserialize: serde's message without the value or
    /// an unknown key's name ([`crate::error::serde_message`]), with the key path found from
    /// the span.
    fn data_error(&self, e: &toml::de::Error) -> Error {
        let key = e.span().and_then(|r| self.key_path(r.start));
        self.error(
            crate::error::serde_message(e.message(), key.as_deref()),
            e.span(),
        )
    }

    /// The key path (`phi.strong[2]`) of the deepest key or value of the document at `offset`,
    /// for messages. An unknown key is the problem itself: the path then stops at the table
    /// holding it. Only the program's own keys are shown: a key of `[rules]` is the file's own
    /// rule selector (the path stops at `rules`), and a key that is not name-shaped (ASCII
    /// letters, digits, `_`, `-`, at most 40) is shown as `<key>`.
    fn key_path(&self, offset: usize) -> Option<String> {
        use toml::de::{DeArray, DeTable, DeValue};
        enum Node<'a, 'i> {
            Table(&'a DeTable<'i>),
            Array(&'a DeArray<'i>),
        }
        type Entry<'a, 'i> = (String, Option<Range<usize>>, &'a toml::Spanned<DeValue<'i>>);
        /// Deeper than any configuration key: a deeper document is not followed.
        const MAX_DEPTH: usize = 16;
        let doc = DeTable::parse(&self.text).ok()?;
        let inside = |r: Range<usize>| r.start <= offset && (offset < r.end || r.start == r.end);
        // (path, whether the offset is on the last key itself)
        let mut best: Option<(Vec<String>, bool)> = None;
        let mut consider = |path: &[String], at_key: bool| {
            if best.as_ref().is_none_or(|(b, _)| path.len() > b.len()) {
                best = Some((path.to_vec(), at_key));
            }
        };
        let mut stack: Vec<(Vec<String>, Node<'_, '_>)> =
            vec![(Vec::new(), Node::Table(doc.get_ref()))];
        while let Some((path, node)) = stack.pop() {
            // (key or `[index]`, the key's span, the value)
            let entries: Vec<Entry<'_, '_>> = match node {
                Node::Table(t) => t
                    .iter()
                    .map(|(k, v)| (k.get_ref().to_string(), Some(k.span()), v))
                    .collect(),
                Node::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("[{i}]"), None, v))
                    .collect(),
            };
            for (key, key_span, value) in entries {
                let mut here = path.clone();
                here.push(key);
                if key_span.is_some_and(&inside) {
                    consider(&here, true);
                }
                if inside(value.span()) {
                    consider(&here, false);
                }
                if here.len() < MAX_DEPTH {
                    match value.get_ref() {
                        DeValue::Table(t) => stack.push((here, Node::Table(t))),
                        DeValue::Array(a) => stack.push((here, Node::Array(a))),
                        _ => {}
                    }
                }
            }
        }
        let (mut path, at_key) = best?;
        if at_key {
            path.pop();
        }
        let base = self.table.len();
        let mut shown = String::new();
        for (i, key) in path.iter().enumerate() {
            if key.starts_with('[') {
                shown.push_str(key);
                continue;
            }
            if i == base + 1 && path[base] == "rules" {
                break;
            }
            if !shown.is_empty() {
                shown.push('.');
            }
            let name_shaped = key.len() <= 40
                && !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            shown.push_str(if name_shaped { key } else { "<key>" });
        }
        Some(shown)
    }

    /// The span of the value at `keys` (inside this file's table), or with `item` of the
    /// array element equal to it or of the table key named so.
    fn span(&self, keys: &[&str], item: Option<&str>) -> Option<Range<usize>> {
        use toml::de::{DeTable, DeValue};
        let doc = DeTable::parse(&self.text).ok()?;
        let path: Vec<&str> = self
            .table
            .iter()
            .copied()
            .chain(keys.iter().copied())
            .collect();
        let (last, head) = path.split_last()?;
        let mut table: &DeTable<'_> = doc.get_ref();
        for key in head {
            table = table.get(*key)?.get_ref().as_table()?;
        }
        let value = table.get(*last)?;
        let Some(item) = item else {
            return Some(value.span());
        };
        let found = match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .find(|v| v.get_ref().as_str() == Some(item))
                .map(|v| v.span()),
            DeValue::Table(t) => t
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == item)
                .map(|(k, _)| k.span()),
            _ => None,
        };
        Some(found.unwrap_or_else(|| value.span()))
    }
}

/// The line and column (1-based; the column counts characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyProjectTool>,
}

#[derive(Deserialize)]
struct PyProjectTool {
    #[serde(rename = "phi-lint")]
    phi_lint: Option<ConfigFile>,
}

/// One file of a chain: its configuration, its raw table (to merge) and its text.
type Layer = (ConfigFile, toml::Table, Source);

/// What reading one configuration file found.
enum Parsed {
    /// A configuration.
    Config(Box<Layer>),
    /// A `pyproject.toml` without `[tool.phi-lint]`.
    NoTable,
    /// A `pyproject.toml` that is not TOML at all.
    NotToml,
}

/// Reads and checks one configuration file.
fn parse_file(path: &Path, inside: Option<&Path>) -> Result<Parsed> {
    let text = crate::read::text_or_error(path, inside, crate::read::MAX_CONFIG_BYTES)?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let source = Source {
        path: path.to_path_buf(),
        text,
        table: if is_pyproject {
            &["tool", "phi-lint"]
        } else {
            &[]
        },
    };
    let mut raw: toml::Table = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        // Another tool's broken file is not phi-lint's to refuse; one that names phi-lint
        // (a `[tool.phi-lint]` table next to the mistake) is, as any configuration is.
        Err(_) if is_pyproject && !source.text.contains("phi-lint") => return Ok(Parsed::NotToml),
        Err(e) => return Err(source.syntax_error(&e)),
    };
    // Deserialized in place, so errors inside `[tool.phi-lint]` keep their spans too. The
    // rest of a `pyproject.toml` is other tools' business: only a `[tool.phi-lint]` is read.
    let config = if is_pyproject {
        if raw.get("tool").and_then(|t| t.get("phi-lint")).is_none() {
            return Ok(Parsed::NoTable);
        }
        let py: PyProject = toml::from_str(&source.text).map_err(|e| source.data_error(&e))?;
        match py.tool.and_then(|t| t.phi_lint) {
            Some(config) => config,
            None => return Ok(Parsed::NoTable),
        }
    } else {
        toml::from_str(&source.text).map_err(|e| source.data_error(&e))?
    };
    for key in source.table {
        raw = match raw.remove(*key) {
            Some(toml::Value::Table(t)) => t,
            _ => toml::Table::new(),
        };
    }
    validate(&config, &source)?;
    Ok(Parsed::Config(Box::new((config, raw, source))))
}

/// Parses and checks one configuration file, without following its `extend`.
pub fn load_one(path: &Path, inside: Option<&Path>) -> Result<Option<ConfigFile>> {
    match parse_file(path, inside)? {
        Parsed::Config(layer) => Ok(Some(layer.0)),
        Parsed::NoTable => Ok(None),
        Parsed::NotToml => Err(not_toml(path)),
    }
}

/// The error for a `pyproject.toml` that is not TOML where one is required (`--config`, an
/// `extend` target): the file only, nothing of its text.
fn not_toml(path: &Path) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        message: "not valid TOML".into(),
        at: None,
    }
}

/// Checks the values serde cannot: rule selectors, `suite`, `min-confidence`, regexes and
/// globs, each error at its value.
/// Most `[hardcoded] mrn-patterns` a configuration may list (a site has a handful of MRN formats).
pub const MAX_MRN_PATTERNS: usize = 64;
/// Most bytes the `mrn-patterns` may hold together.
pub const MAX_MRN_PATTERN_BYTES: usize = 8 * 1024;

fn validate(config: &ConfigFile, src: &Source) -> Result<()> {
    const SELECTOR_HELP: &str = "use a code (PHI101), a code prefix (PHI1), a name (phi-in-log), a category (phi-logging) or ALL; `phi-lint rules` lists them";
    for (key, list) in [("select", &config.select), ("ignore", &config.ignore)] {
        for (i, sel) in list.iter().enumerate() {
            if crate::rules::select(sel).is_none() {
                return Err(src.error(
                    format!("`{key}[{i}]`: unknown rule selector; {SELECTOR_HELP}"),
                    src.span(&[key], Some(sel)),
                ));
            }
        }
    }
    for sel in config.rules.keys() {
        if crate::rules::select(sel).is_none() {
            return Err(src.error(
                format!("`rules`: a key is an unknown rule selector; {SELECTOR_HELP}"),
                src.span(&["rules"], Some(sel)),
            ));
        }
    }
    if let Some(suite) = &config.suite {
        if suite.parse::<crate::rules::Suite>().is_err() {
            return Err(src.error(
                "`suite`: unknown suite; expected `default` or `extended`".into(),
                src.span(&["suite"], None),
            ));
        }
    }
    if let Some(confidence) = &config.min_confidence {
        if confidence.parse::<crate::rules::Confidence>().is_err() {
            return Err(src.error(
                "`min-confidence`: unknown confidence; expected `high`, `medium` or `low`".into(),
                src.span(&["min-confidence"], None),
            ));
        }
    }
    // A committed configuration is repository content: its patterns are compiled before any
    // file is analysed and under no budget, so their number and size are capped (1,000
    // patterns took 11 s and 1.2 GB).
    let patterns = &config.hardcoded.mrn_patterns;
    if patterns.len() > MAX_MRN_PATTERNS
        || patterns.iter().map(String::len).sum::<usize>() > MAX_MRN_PATTERN_BYTES
    {
        return Err(src.error(
            format!(
                "`hardcoded.mrn-patterns`: at most {MAX_MRN_PATTERNS} patterns of {MAX_MRN_PATTERN_BYTES} bytes in all"
            ),
            src.span(&["hardcoded", "mrn-patterns"], None),
        ));
    }
    for (i, pattern) in config.hardcoded.mrn_patterns.iter().enumerate() {
        if let Err(e) = mrn_regex(pattern) {
            return Err(src.error(
                format!("`hardcoded.mrn-patterns[{i}]`: {e}"),
                src.span(&["hardcoded", "mrn-patterns"], Some(pattern)),
            ));
        }
    }
    for (key, list) in [("exclude", &config.exclude), ("include", &config.include)] {
        if list.len() > crate::limits::MAX_GLOBS {
            return Err(src.error(
                too_many_globs(&format!("`{key}`"), list.len()),
                src.span(&[key], None),
            ));
        }
        for (i, pattern) in list.iter().enumerate() {
            if let Err(e) = globset::Glob::new(pattern) {
                return Err(src.error(
                    format!("`{key}[{i}]`: {}", glob_problem(&e)),
                    src.span(&[key], Some(pattern)),
                ));
            }
        }
    }
    Ok(())
}

/// Compiles an `mrn-patterns` regex (size-capped); the error says what is wrong without the
/// pattern (regex's own message quotes it).
pub fn mrn_regex(pattern: &str) -> std::result::Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("the regex is larger than the limit ({limit} bytes) once compiled")
            }
            _ => "not a valid regex (syntax error)".into(),
        })
}

/// The message for a list of more than [`crate::limits::MAX_GLOBS`] globs.
pub fn too_many_globs(list: &str, n: usize) -> String {
    format!(
        "{list}: {n} globs, more than the limit of {} per list; match directories (`vendor/**`) or path components (`migrations`) instead of listing files",
        crate::limits::MAX_GLOBS
    )
}

/// What is wrong with a glob, without the glob (globset's message quotes parts of it).
pub fn glob_problem(e: &globset::Error) -> String {
    use globset::ErrorKind;
    let what = match e.kind() {
        ErrorKind::UnclosedClass => "a character class `[` is not closed",
        ErrorKind::InvalidRange(..) => "a character range is invalid",
        ErrorKind::UnopenedAlternates => "a `}` has no matching `{`",
        ErrorKind::UnclosedAlternates => "a `{` is not closed",
        ErrorKind::DanglingEscape => "it ends with an unescaped `\\`",
        _ => "it cannot be compiled",
    };
    format!("not a valid glob: {what}")
}

/// Merges `over` into `base`: keys of `over` win, tables merge key by key (to a depth no
/// configuration key needs; deeper, the nearer table replaces the other whole). Config files
/// come from the scanned repository: the walk is depth-capped like every other.
fn merge(base: &mut toml::Table, over: toml::Table) {
    merge_at(base, over, 0);
}

fn merge_at(base: &mut toml::Table, over: toml::Table, depth: usize) {
    const MAX_DEPTH: usize = 16;
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) if depth < MAX_DEPTH => {
                merge_at(b, o, depth + 1)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Loads the configuration at `path` with its `extend` chain. With `boundary` (a file found in
/// a repository), every file of the chain must lie inside it; without (`--config`), anywhere.
/// `anchor` is the directory relative globs are relative to, for every file of the chain
/// (`--config`: the current directory); without it, each glob list is relative to the directory
/// of the file that set it. `Ok(None)` for a `pyproject.toml` without `[tool.phi-lint]`; one
/// that is not TOML is an error.
pub fn load(path: &Path, boundary: Option<&Path>, anchor: Option<&Path>) -> Result<Option<Loaded>> {
    match load_chain(path, boundary, anchor)? {
        Found::Config(loaded) => Ok(Some(*loaded)),
        Found::NoTable => Ok(None),
        Found::NotToml => Err(not_toml(path)),
    }
}

/// What [`load_chain`] found at a path.
enum Found {
    /// A configuration with its chain.
    Config(Box<Loaded>),
    /// A `pyproject.toml` without `[tool.phi-lint]`.
    NoTable,
    /// A `pyproject.toml` that is not TOML.
    NotToml,
}

/// [`load`], telling a `pyproject.toml` that is not TOML apart.
fn load_chain(path: &Path, boundary: Option<&Path>, anchor: Option<&Path>) -> Result<Found> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| normalize(p));
    let boundary_real = boundary.map(canonical);
    let mut layers: Vec<(PathBuf, toml::Table)> = Vec::new();
    let mut seen: Vec<PathBuf> = vec![canonical(path)];
    let mut current = path.to_path_buf();
    let mut from: Option<Source> = None;
    loop {
        let (config, raw, source) = match (parse_file(&current, boundary)?, &from) {
            (Parsed::Config(layer), _) => *layer,
            (Parsed::NoTable, None) => return Ok(Found::NoTable),
            (Parsed::NotToml, None) => return Ok(Found::NotToml),
            (Parsed::NoTable | Parsed::NotToml, Some(src)) => {
                return Err(src.error(
                    format!(
                        "`extend`: {} has no [tool.phi-lint] table",
                        crate::escape::path(&current)
                    ),
                    src.span(&["extend"], None),
                ))
            }
        };
        let extend = config.extend.clone();
        layers.push((current.clone(), raw));
        let Some(extend) = extend else {
            break;
        };
        let span = source.span(&["extend"], None);
        if layers.len() >= MAX_EXTEND {
            return Err(source.error(
                format!("`extend`: the chain of configuration files is longer than {MAX_EXTEND}"),
                span,
            ));
        }
        let target = normalize(&parent_dir(&current).join(&extend));
        match crate::read::check(&target, boundary, crate::read::MAX_CONFIG_BYTES) {
            Ok(_) => {}
            Err(crate::read::Refusal::Missing) => {
                return Err(source.error(
                    format!("`extend`: {} does not exist", crate::escape::path(&target)),
                    span,
                ))
            }
            Err(why) => {
                return Err(source.error(
                    format!("`extend`: {} {why}", crate::escape::path(&target)),
                    span,
                ))
            }
        }
        let real = canonical(&target);
        if let Some(b) = &boundary_real {
            if !real.starts_with(b) {
                return Err(source.error(
                    format!(
                        "`extend`: {} is outside the repository ({}); only a configuration given with --config may extend a file outside it",
                        crate::escape::path(&target),
                        crate::escape::path(b)
                    ),
                    span,
                ));
            }
        }
        if let Some(at) = seen.iter().position(|s| *s == real) {
            let cycle: Vec<String> = seen[at..]
                .iter()
                .chain(std::iter::once(&real))
                .map(|p| crate::escape::path(p).to_string())
                .collect();
            return Err(source.error(
                format!(
                    "`extend`: cycle of configuration files: {}",
                    cycle.join(" -> ")
                ),
                span,
            ));
        }
        seen.push(real);
        current = target;
        from = Some(source);
    }
    let mut merged = toml::Table::new();
    for (_, raw) in layers.iter().rev() {
        merge(&mut merged, raw.clone());
    }
    merged.remove("extend");
    let first = &layers[0].0;
    // Each file of the chain was checked alone, and merging keeps every value's type: the
    // merged table deserializes. Should it not, the error is the first file's.
    let config: ConfigFile =
        toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| Error::Config {
                path: first.clone(),
                message: format!(
                    "merging the `extend` chain: {}",
                    crate::error::serde_message(e.message(), None)
                ),
                at: None,
            })?;
    // Relative globs belong to the file that set them.
    let base_of = |key: &str| -> PathBuf {
        if let Some(anchor) = anchor {
            return normalize(anchor);
        }
        let setter = layers
            .iter()
            .find(|(_, raw)| raw.contains_key(key))
            .map_or(first, |(p, _)| p);
        parent_dir(setter)
    };
    Ok(Found::Config(Box::new(Loaded {
        path: first.clone(),
        extends: layers[1..].iter().map(|(p, _)| p.clone()).collect(),
        exclude_base: base_of("exclude"),
        include_base: base_of("include"),
        config,
    })))
}

/// The directory a configuration file found at `dir` must stay inside (its symbolic links,
/// the files it extends): the repository (the closest directory above with `.git`), or outside
/// any repository the scan root when `dir` is in it, else `dir` itself.
pub fn boundary_of(dir: &Path, scan_root: &Path) -> PathBuf {
    match dir
        .ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok())
    {
        Some(repo) => repo.to_path_buf(),
        None if dir.starts_with(scan_root) => scan_root.to_path_buf(),
        None => dir.to_path_buf(),
    }
}

/// The configuration that applies in `dir` itself (not above): the first of
/// [`CONFIG_FILES`] there that is a configuration. A `pyproject.toml` that is not TOML is
/// passed over and added to `not_toml`.
fn config_in(dir: &Path, scan_root: &Path, not_toml: &mut Vec<PathBuf>) -> Result<Option<Loaded>> {
    let mut boundary = None;
    for name in CONFIG_FILES {
        let candidate = dir.join(name);
        if std::fs::symlink_metadata(&candidate).is_err() {
            continue;
        }
        let boundary = boundary.get_or_insert_with(|| boundary_of(dir, scan_root));
        match crate::read::check(&candidate, Some(boundary), crate::read::MAX_CONFIG_BYTES) {
            Err(crate::read::Refusal::Missing) => continue,
            Err(why) => return Err(crate::read::refused(&candidate, &why)),
            Ok(_) => {}
        }
        match load_chain(&candidate, Some(boundary), None)? {
            Found::Config(loaded) => return Ok(Some(*loaded)),
            Found::NoTable => {}
            Found::NotToml => {
                if !not_toml.contains(&candidate) {
                    not_toml.push(candidate);
                }
            }
        }
    }
    Ok(None)
}

/// The closest configuration above `start` (a file or directory), never looked for above the
/// repository root.
pub fn discover(start: &Path, scan_root: &Path) -> Result<Option<Loaded>> {
    let start = normalize(start);
    let dir = if start.is_dir() {
        start.clone()
    } else {
        parent_dir(&start)
    };
    for d in dir.ancestors() {
        if let Some(loaded) = config_in(d, scan_root, &mut Vec::new())? {
            return Ok(Some(loaded));
        }
        if d.join(".git").symlink_metadata().is_ok() {
            break;
        }
    }
    Ok(None)
}

/// The settings of every file of a scan: with `--config` or `--isolated` one for all, otherwise
/// those of each file's closest configuration, found as the walk reaches each directory and
/// kept per directory (a few `stat` calls per directory, once).
pub struct Resolver {
    overrides: Overrides,
    /// The scan root: configuration lookups outside a repository stay inside it.
    root: PathBuf,
    /// One configuration for every file (`--config`, `--isolated`).
    fixed: bool,
    spill: Arc<crate::spill::Store>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Index 0: the settings of files without a configuration (or of every file when fixed).
    settings: Vec<Arc<Settings>>,
    /// Settings index by configuration file.
    by_file: HashMap<PathBuf, usize>,
    /// Settings index by directory looked at.
    dirs: HashMap<PathBuf, usize>,
    /// The first configuration error met.
    error: Option<Error>,
    /// `pyproject.toml` files passed over because they are not TOML.
    not_toml: Vec<PathBuf>,
}

impl Resolver {
    /// The resolver for a scan rooted at `root` with these command-line options.
    pub fn new(overrides: &Overrides, root: &Path) -> Result<Resolver> {
        let spill: Arc<crate::spill::Store> = Default::default();
        let (base, fixed) = match (&overrides.config, overrides.isolated) {
            (Some(path), _) => {
                // Chosen by whoever runs the scan: may extend files anywhere; its globs are
                // relative to the current directory, as in ruff.
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                let loaded = load(path, None, Some(&cwd))?.ok_or_else(|| {
                    Error::Usage(format!(
                        "{} has no [tool.phi-lint] table",
                        crate::escape::path(path)
                    ))
                })?;
                (Some(loaded), true)
            }
            (None, true) => (None, true),
            (None, false) => (None, false),
        };
        let settings = Settings::from_loaded(base.as_ref(), overrides, spill.clone())?;
        Ok(Resolver {
            overrides: overrides.clone(),
            root: normalize(root),
            fixed,
            spill,
            state: Mutex::new(State {
                settings: vec![Arc::new(settings)],
                ..Default::default()
            }),
        })
    }

    /// A resolver that gives every file `settings`.
    pub fn fixed(settings: Settings) -> Resolver {
        Resolver {
            overrides: Overrides::default(),
            root: PathBuf::new(),
            fixed: true,
            spill: settings.spill.clone(),
            state: Mutex::new(State {
                settings: vec![Arc::new(settings)],
                ..Default::default()
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The settings index for the files of `dir` (absolute, [normalised](normalize)).
    pub fn for_dir(&self, dir: &Path) -> usize {
        if self.fixed {
            return 0;
        }
        let mut state = self.lock();
        if let Some(i) = state.dirs.get(dir) {
            return *i;
        }
        let mut visited = Vec::new();
        let mut found = 0;
        for d in dir.ancestors() {
            if let Some(i) = state.dirs.get(d) {
                found = *i;
                break;
            }
            visited.push(d.to_path_buf());
            let in_dir = config_in(d, &self.root, &mut state.not_toml);
            match in_dir {
                Ok(Some(loaded)) => {
                    found = match state.by_file.get(&loaded.path) {
                        Some(i) => *i,
                        None => {
                            match Settings::from_loaded(
                                Some(&loaded),
                                &self.overrides,
                                self.spill.clone(),
                            ) {
                                Ok(s) => {
                                    state.settings.push(Arc::new(s));
                                    let i = state.settings.len() - 1;
                                    state.by_file.insert(loaded.path.clone(), i);
                                    i
                                }
                                Err(e) => {
                                    state.error.get_or_insert(e);
                                    0
                                }
                            }
                        }
                    };
                    break;
                }
                Ok(None) => {}
                Err(e) => {
                    state.error.get_or_insert(e);
                    break;
                }
            }
            if d.join(".git").symlink_metadata().is_ok() {
                break;
            }
        }
        for d in visited {
            state.dirs.insert(d, found);
        }
        found
    }

    /// The settings index for a file (absolute, [normalised](normalize)).
    pub fn for_file(&self, abs: &Path) -> usize {
        self.for_dir(abs.parent().unwrap_or(abs))
    }

    /// The settings with index `i`.
    pub fn get(&self, i: usize) -> Arc<Settings> {
        let state = self.lock();
        state.settings.get(i).unwrap_or(&state.settings[0]).clone()
    }

    /// The settings of files without a configuration file (or of every file, when fixed).
    pub fn base(&self) -> Arc<Settings> {
        self.get(0)
    }

    /// Every settings found so far, by index.
    pub fn all(&self) -> Vec<Arc<Settings>> {
        self.lock().settings.clone()
    }

    /// The first configuration error met, if any (taken: the scan stops with it).
    pub fn take_error(&self) -> Option<Error> {
        self.lock().error.take()
    }

    /// A warning for each `pyproject.toml` met that is not TOML, so no configuration was read
    /// from it (taken): it names the file, nothing of its text.
    pub fn take_warnings(&self) -> Vec<crate::diagnostic::Notification> {
        let files = std::mem::take(&mut self.lock().not_toml);
        files
            .iter()
            .map(|f| {
                crate::diagnostic::Notification::warning(
                    crate::discover::relative(f, &self.root),
                    "not valid TOML; no configuration read from it (skipped)",
                )
            })
            .collect()
    }
}
