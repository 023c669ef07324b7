//! Per-file analysis: read, parse once, run the joined query of the file's language, and hand
//! each match to its rule's check. Everything a check needs about the file (text, tree, the PHI
//! classifier, local data flow) is on [`FileCtx`]; a check reports through [`Checker`].
//!
//! Memory stays bounded: a tree lives only while its file is analysed, and each worker thread
//! owns one `Parser` per language and one `QueryCursor`, reused across files.

mod queries;
pub(crate) mod summary;

use std::ops::ControlFlow;
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, ParseOptions, Parser, QueryCursor, Tree};

pub use queries::{compile, split_patterns, LanguageQueries, QuerySet, CAPTURES};

use crate::diagnostic::{Diagnostic, LineIndex, Notification, Position};
use crate::discover::SourceFile;
use crate::flow::{Evidence, Flow, Purpose};
use crate::lang::Language;
use crate::rules::{Confidence, Level, RuleMeta};
use crate::settings::Settings;
use crate::tree::NodeExt;
use crate::tree::Walk;

/// What analysing one file produced.
#[derive(Debug, Default)]
pub struct FileResult {
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Problems with the file.
    pub notifications: Vec<Notification>,
    /// Bytes read.
    pub bytes: u64,
    /// Whether the file was analysed (not skipped).
    pub scanned: bool,
    /// Whether the file was parsed: a scanned file the byte prefilter rules out is not.
    pub parsed: bool,
    /// Whether the file was skipped on purpose (too large, binary, minified, not a regular file).
    pub skipped: bool,
    /// Facts recorded for project-level passes, by rule.
    pub facts: Vec<(&'static RuleMeta, Fact)>,
    /// Inline suppression directives found in the file's comments.
    pub suppressions: Vec<crate::suppress::Found>,
    /// The parse's cost: how often tree-sitter called its progress callback (about once per
    /// hundred parser operations; [`parse_bounded`]).
    pub parse_steps: u64,
    /// The analysis's cost: the steps of its budget ([`crate::budget::Budget::steps`]).
    pub analysis_steps: u64,
    /// Nodes in the file's syntax tree.
    pub nodes: u64,
}

/// A fact a rule's check records for its project-level pass (a handler, a middleware
/// registration, a setting). Each rule downcasts its own facts.
pub type Fact = Box<dyn std::any::Any + Send + Sync>;

/// A reportable place, computed while the file is open so a project-level pass can report
/// there after the tree is gone.
#[derive(Clone, Debug)]
pub struct Site {
    /// Display path (shared by every site of the file).
    pub path: std::sync::Arc<str>,
    /// Start.
    pub start: Position,
    /// End.
    pub end: Position,
    /// Content-based fingerprint (a number, not a heap string: sites are kept for every
    /// function of the project).
    pub fingerprint: Fingerprint,
    /// Masked source line when snippets were asked for.
    pub snippet: Option<Box<str>>,
}

/// A fingerprint: the first 64 bits of a SHA-256, written as 16 lowercase hex digits. Kept as
/// the number (sites are kept for every function of the project) and spelt out when reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of a sequence of byte strings (each followed by a 0 byte).
    pub fn of_parts(parts: &[&[u8]]) -> Fingerprint {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p);
            h.update([0]);
        }
        let digest = h.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        Fingerprint(u64::from_be_bytes(first))
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// A [`Site`] without its path (the file's, supplied when read back): how the facts cache
/// keeps one.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SiteData {
    start: Position,
    end: Position,
    fingerprint: Fingerprint,
    snippet: Option<String>,
}

impl Site {
    /// The site without its path.
    pub fn data(&self) -> SiteData {
        SiteData {
            start: self.start,
            end: self.end,
            fingerprint: self.fingerprint,
            snippet: self.snippet.as_deref().map(String::from),
        }
    }

    /// The site `data` describes, in the file at `path`.
    pub fn from_data(data: SiteData, path: &std::sync::Arc<str>) -> Site {
        Site {
            path: path.clone(),
            start: data.start,
            end: data.end,
            fingerprint: data.fingerprint,
            snippet: data.snippet.map(String::into_boxed_str),
        }
    }

    /// A finding at this site.
    pub fn diagnostic(
        &self,
        rule: &'static RuleMeta,
        message: String,
        level: Level,
        confidence: Confidence,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            path: self.path.to_string(),
            start: self.start,
            end: self.end,
            message,
            level,
            confidence,
            fingerprint: self.fingerprint.to_string(),
            snippet: self.snippet.as_deref().map(String::from),
            suppression: None,
        }
    }
}

/// Facts one rule recorded, across every scanned file, for its project-level pass.
pub struct ProjectFacts<'a> {
    /// The rule.
    pub rule: &'static RuleMeta,
    /// Settings.
    pub settings: &'a Settings,
    /// `(display path, fact)` in path order.
    pub facts: Vec<(&'a str, &'a (dyn std::any::Any + Send + Sync))>,
    /// The display paths findings can be reported on (a partial scan's files, a shard's), when
    /// not every file's: a pass may skip work whose only use is findings on the other files.
    pub reported: Option<&'a std::collections::HashSet<String>>,
}

impl<'a> ProjectFacts<'a> {
    /// The facts of type `T`, with their file paths.
    pub fn of<T: 'static>(&self) -> impl Iterator<Item = (&'a str, &'a T)> + '_ {
        self.facts
            .iter()
            .filter_map(|(p, f)| f.downcast_ref::<T>().map(|t| (*p, t)))
    }
}

/// Per-thread state: parsers and a query cursor, created once per worker.
pub struct Worker {
    parsers: [Option<Parser>; 5],
    config_parsers: [Option<Parser>; 5],
    cursor: QueryCursor,
    scratch: crate::phi::NgramScratch,
    /// The progress-callback count of the last parse ([`parse_bounded`]).
    parse_steps: u64,
}

impl Default for Worker {
    fn default() -> Self {
        Worker {
            parsers: Default::default(),
            config_parsers: Default::default(),
            cursor: QueryCursor::new(),
            scratch: Default::default(),
            parse_steps: 0,
        }
    }
}

impl Worker {
    fn parser(&mut self, lang: Language) -> &mut Parser {
        self.parsers[lang.index()].get_or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&lang.grammar())
                .expect("bundled grammars match the tree-sitter ABI");
            p
        })
    }

    /// Parses `source` as `lang` within the parse limits ([`parse_bounded`]).
    pub fn parse(
        &mut self,
        lang: Language,
        source: &str,
        timeout: std::time::Duration,
    ) -> Result<Tree, ParseStop> {
        let parser = self.parser(lang);
        let (tree, steps) = parse_bounded(parser, source, timeout);
        self.parse_steps = steps;
        tree
    }

    /// Parses a configuration file's text (see [`crate::config_files::parse_text`]) with its
    /// format's grammar, giving up after `timeout`.
    pub fn parse_config(
        &mut self,
        format: crate::config_files::Format,
        source: &str,
        timeout: std::time::Duration,
    ) -> Option<Tree> {
        let grammar = format.grammar()?;
        let parser = self.config_parsers[format.index()].get_or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&grammar)
                .expect("bundled grammars match the tree-sitter ABI");
            p
        });
        parse_bounded(parser, source, timeout).0.ok()
    }
}

/// Why a parse was abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseStop {
    /// It ran past the parse timeout.
    TimedOut,
    /// It held more than [`crate::alloc::PARSE_MEMORY_LIMIT`] bytes.
    OutOfMemory,
}

impl ParseStop {
    /// The notification's message: the file was not scanned.
    pub fn message(self, timeout: std::time::Duration) -> String {
        match self {
            ParseStop::TimedOut => format!(
                "parsing timed out after {} seconds; not scanned",
                timeout.as_secs_f32()
            ),
            ParseStop::OutOfMemory => format!(
                "parsing needed more than {} MiB of memory; not scanned",
                crate::alloc::PARSE_MEMORY_LIMIT >> 20
            ),
        }
    }
}

/// Parses `source` with `parser`, abandoning the parse once it has run for `timeout` or holds
/// more than [`crate::alloc::PARSE_MEMORY_LIMIT`] bytes of tree-sitter memory on this thread
/// (counted when [`crate::alloc::install_parse_accounting`] ran; the binary installs it).
/// Both are checked by tree-sitter's progress callback, which it calls about every hundred
/// parser operations, in the parse and in the balancing of the finished tree. Also returns how
/// many times the callback ran: the parse's cost in steps, without a clock.
pub fn parse_bounded(
    parser: &mut Parser,
    source: &str,
    timeout: std::time::Duration,
) -> (Result<Tree, ParseStop>, u64) {
    let start = Instant::now();
    let memory_at_start = crate::alloc::parse_memory();
    let limit = i64::try_from(crate::alloc::PARSE_MEMORY_LIMIT).unwrap_or(i64::MAX);
    let mut steps = 0u64;
    let mut stop = None;
    let mut progress = |_: &tree_sitter::ParseState| {
        steps += 1;
        if crate::alloc::parse_memory() - memory_at_start > limit {
            stop = Some(ParseStop::OutOfMemory);
            ControlFlow::Break(())
        } else if start.elapsed() > timeout {
            stop = Some(ParseStop::TimedOut);
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let bytes = source.as_bytes();
    parser.reset();
    let tree = parser.parse_with_options(
        &mut |i, _| if i < bytes.len() { &bytes[i..] } else { &[] },
        None,
        Some(ParseOptions::new().progress_callback(&mut progress)),
    );
    // A cancelled parse keeps its stacks for a resumption that will not come.
    if tree.is_none() {
        parser.reset();
    }
    (tree.ok_or(stop.unwrap_or(ParseStop::TimedOut)), steps)
}

/// A query match handed to a rule's check.
pub struct Match<'a> {
    /// Index of the matched pattern among the rule's own patterns, in file order.
    pub pattern: usize,
    captures: Vec<(&'a str, Node<'a>)>,
}

impl<'a> Match<'a> {
    /// The first node captured under `name`.
    pub fn get(&self, name: &str) -> Option<Node<'a>> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, node)| *node)
    }

    /// Every node captured under `name`.
    pub fn all<'m>(&'m self, name: &'m str) -> impl Iterator<Item = Node<'a>> + 'm {
        self.captures
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, node)| *node)
    }
}

/// Everything known about the file being analysed.
pub struct FileCtx<'a> {
    /// Display path.
    pub path: &'a str,
    /// Language.
    pub lang: Language,
    /// Source text.
    pub source: &'a str,
    /// Syntax tree.
    pub tree: &'a Tree,
    /// Settings.
    pub settings: &'a Settings,
    /// Local data flow over this file.
    pub flow: Flow<'a>,
    /// The display path, shared by the sites project-level facts keep.
    pub shared_path: std::sync::Arc<str>,
    /// Top-level JS/TS import bindings (local name, module), read on first use.
    pub(crate) ecma_imports: std::cell::OnceCell<Vec<(&'a str, Option<&'a str>)>>,
    /// The class each field of the file's classes is declared or constructed as, read on first
    /// use (the missing-audit facts' `field_class`).
    pub(crate) field_classes:
        std::cell::RefCell<std::collections::HashMap<String, Option<&'a str>>>,
    /// The file is outside a `--shard`: it is analysed only for the facts project-level passes
    /// join, and none of its own findings will be reported.
    pub facts_only: bool,
    /// The application the file belongs to ([`crate::discover::app_of`]): project-level facts
    /// are joined within one application.
    pub app: std::sync::Arc<str>,
    lines: LineIndex,
    /// [`FileCtx::is_synthetic_data_path`], worked out on the first finding that asks.
    synthetic_path: std::cell::OnceCell<bool>,
    /// [`FileCtx::is_test_path`] and [`FileCtx::is_seed_script`], worked out once per file (it
    /// tokenizes every component).
    test_path: std::cell::OnceCell<(bool, bool)>,
    /// [`FileCtx::source_contains`] answers, by needle: rules ask whether the file mentions a
    /// library once per match, which searched the whole file once per call.
    mentions: std::cell::RefCell<Vec<(&'static str, bool)>>,
}

impl<'a> FileCtx<'a> {
    /// Whether the source contains `needle`, searched once per file and needle (a rule asking
    /// on every call of a 20,000-call file searched it 20,000 times).
    pub fn source_contains(&self, needle: &'static str) -> bool {
        if let Some((_, found)) = self.mentions.borrow().iter().find(|(n, _)| *n == needle) {
            return *found;
        }
        let found = self.source.contains(needle);
        self.mentions.borrow_mut().push((needle, found));
        found
    }

    /// Builds the context for a parsed file.
    pub fn new(
        path: &'a str,
        lang: Language,
        source: &'a str,
        tree: &'a Tree,
        settings: &'a Settings,
    ) -> FileCtx<'a> {
        FileCtx {
            path,
            lang,
            source,
            tree,
            settings,
            flow: Flow::new(lang, source, tree, settings),
            shared_path: path.into(),
            ecma_imports: Default::default(),
            field_classes: Default::default(),
            facts_only: false,
            app: "".into(),
            lines: LineIndex::new(source),
            synthetic_path: Default::default(),
            mentions: Default::default(),
            test_path: Default::default(),
        }
    }

    /// The text of a node.
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    /// The position of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        self.lines.position(self.source, byte)
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.lines.line_start(line)
    }

    /// The source line (without its newline) containing `byte`.
    pub fn line_text(&self, byte: usize) -> &'a str {
        self.source
            .get(self.lines.line_range(self.source, byte))
            .unwrap_or("")
    }

    /// The source line containing `byte` for a `--snippets` code frame. The contents of string
    /// literals, comments and JSX text become `*` and number literals `#`, one character for
    /// one, so columns still line up with the finding; identifiers, keywords and punctuation
    /// stay as written (`hashlib.sha256(...)`). With `cut`, the line ends before that 1-based
    /// column with `[redacted]` (the focus is itself a literal that may be PHI). A line inside
    /// text the parser could not read as code falls back to [`mask_snippet`] over quotes masked
    /// as `***`.
    pub fn snippet(&self, byte: usize, cut: Option<usize>) -> String {
        let line = self.line_text(byte);
        let start = line.as_ptr() as usize - self.source.as_ptr() as usize;
        let end = start + line.len();
        let mut masks: Vec<(std::ops::Range<usize>, Mask)> = Vec::new();
        let mut stack = vec![self.tree.root_node()];
        let mut unreadable = false;
        while let Some(node) = stack.pop() {
            if node.end_byte() <= start || node.start_byte() >= end {
                continue;
            }
            let kind = node.kind();
            let mask = if node.is_error() {
                unreadable = true;
                break;
            } else if (crate::flow::is_string(kind) && node.is_named())
                || matches!(
                    kind,
                    "char_literal" | "jsx_text" | "regex" | "template_literal_type"
                )
            {
                // A named node only: TypeScript's `string` type keyword is a token of kind
                // `string` too. A template literal type (`` `ssn ${string}` ``) is text.
                Mask::Text
            } else if matches!(
                kind,
                "comment" | "line_comment" | "block_comment" | "html_comment"
            ) {
                Mask::Comment
            } else if matches!(
                kind,
                "integer" | "float" | "number" | "integer_literal" | "float_literal"
            ) {
                Mask::Number
            } else {
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
                continue;
            };
            masks.push((node.byte_range(), mask));
        }
        if unreadable {
            return match cut {
                Some(column) => redact_snippet(line, column),
                None => mask_snippet(&mask_quotes(line)),
            };
        }
        let mut out = String::with_capacity(line.len());
        for (i, c) in line.char_indices() {
            let at = start + i;
            let Some((range, mask)) = masks.iter().find(|(r, _)| r.contains(&at)) else {
                out.push(c);
                continue;
            };
            let text = self.source.get(range.clone()).unwrap_or("");
            let offset = at - range.start;
            out.push(match mask {
                Mask::Number => '#',
                Mask::Text if is_delimiter(text, offset, "\"'`", "rbfuRBFU#@$") => c,
                Mask::Comment if is_delimiter(text, offset, "/#*!", "") => c,
                Mask::Text | Mask::Comment => '*',
            });
        }
        match cut {
            Some(column) => {
                let mut head: String = out.chars().take(column.saturating_sub(1)).collect();
                head.push_str("[redacted]");
                head
            }
            None => out,
        }
    }

    /// Whether `node` is in a Rust unit test: inside a `#[cfg(test)]` module or a function with a
    /// test attribute (`#[test]`, `#[tokio::test]`, `#[rstest]`). Rust keeps unit tests in the
    /// file they test, so the path does not tell.
    pub fn in_inline_test(&self, node: Node<'a>) -> bool {
        if self.lang != Language::Rust {
            return false;
        }
        let mut n = Some(node);
        while let Some(item) = n {
            if matches!(item.kind(), "function_item" | "mod_item") {
                for attr in crate::tree::rust_attributes(item) {
                    let text: String = self
                        .text(attr)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let test = if item.kind() == "mod_item" {
                        // `#[cfg(test)]`, `#[cfg(any(test, feature = "x"))]`; not
                        // `#[cfg(not(test))]` or `#[cfg(feature = "test-utils")]`.
                        text.starts_with("#[cfg(")
                            && !text.contains("not(test")
                            && text
                                .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '"')
                                .any(|w| w == "test")
                    } else {
                        text == "#[test]"
                            || text.ends_with("::test]")
                            || text.starts_with("#[rstest")
                            || text.starts_with("#[test_case")
                    };
                    if test {
                        return true;
                    }
                }
            }
            n = item.up();
        }
        false
    }

    /// Whether the file's name or a directory says it holds made-up data: `demo`, `mock`, `fake`,
    /// `dummy`, `sample`, `synthetic` or `stub` as a word of a path component
    /// (`src/demo/demoData.ts`, `db/demo-seed.ts`, `fake_patients.py`). Hard-coded identifiers
    /// there are low confidence. Seed scripts are not: real data gets pasted into those.
    pub fn is_synthetic_data_path(&self) -> bool {
        *self.synthetic_path.get_or_init(|| {
            self.path.split('/').any(|component| {
                let stem = component.split('.').next().unwrap_or(component);
                // `create_test_user.py`, `integration_tests/`: a path that says it holds test
                // data, where the test-path rule only knows whole directory names.
                crate::phi::literals::names_made_up(
                    stem,
                    &["demos", "stubs", "test", "tests", "testing"],
                )
            })
        })
    }

    /// Whether the file is test, fixture or mock code, or other code that does not run in
    /// production with real data (PHI_DOMAIN §2.6: ×0.5; JUDGING §3): benchmarks and load tests,
    /// Storybook stories, examples, demo and sample projects, docs, and translation tables.
    pub fn is_test_path(&self) -> bool {
        let (non_production, seed) = self.path_kind();
        non_production || seed
    }

    /// Whether the file is a database seed script ([`is_seed_script_path`]) and nothing else
    /// that does not run in production: its findings are demoted like tests', except hard-coded
    /// identifiers, because real records get pasted into seeds.
    pub fn is_seed_script(&self) -> bool {
        let (non_production, seed) = self.path_kind();
        seed && !non_production
    }

    fn path_kind(&self) -> (bool, bool) {
        *self.test_path.get_or_init(|| {
            (
                is_non_production_path(self.path),
                is_seed_script_path(self.path),
            )
        })
    }
}

/// Whether a display path is test, fixture, mock, benchmark, story, example, demo, sample, docs or
/// translation code: where data is synthetic or there is none ([`FileCtx::is_test_path`]).
pub fn is_non_production_path(path: &str) -> bool {
    let mut components = path.split('/');
    let name = components.next_back().unwrap_or("");
    let dir_says = path.split('/').rev().skip(1).any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(
            c.as_str(),
            "test"
                | "tests"
                | "__tests__"
                | "spec"
                | "specs"
                | "fixtures"
                | "fixture"
                | "testdata"
                | "test_data"
                | "mocks"
                | "__mocks__"
                | "e2e"
                | "cypress"
                | "benches"
                | "benchmark"
                | "benchmarks"
                | "k6"
                | "loadtest"
                | "loadtests"
                | "load-tests"
                | "load_tests"
                | "stories"
                | "storybook"
                | ".storybook"
                | "examples"
                | "example"
                // Teaching material (`courses/ai-evaluation-101/`): examples by another name.
                | "courses"
                | "course"
                | "tutorial"
                | "tutorials"
                | "workshop"
                | "workshops"
                | "docs"
                | "locales"
                | "locale"
                | "i18n"
                | "translations"
                // Vendored copies of other projects' code (`static/vendor/dcmjs.js`): not the
                // application's own code, and not fixed here.
                | "vendor"
                | "vendors"
                | "third_party"
                | "third-party"
                | "thirdparty"
                | "bower_components"
                | "node_modules"
        ) || c.split(['-', '_', '.']).count() > 1
            // `e2e-tests/`, `integration_tests/`, `test-utils/`
            && c.split(['-', '_', '.']).any(|t| {
                matches!(t, "test" | "tests" | "testing" | "e2e" | "spec" | "specs" | "fixtures")
            })
            || ["demo", "sample"].iter().any(|w| {
                c.strip_prefix(w).is_some_and(|rest| {
                    matches!(rest, "" | "s") || rest.starts_with(['-', '_', '.'])
                })
            })
    });
    // Mock servers, fake-data generators and database seeders (`mockServer/`,
    // `dummy-generator-users.py`, `fake_patients.ts`, `src/bin/seed_test_patients.rs`,
    // `db/seeders/`, `scripts/synthetic-benes/`): made-up data by their own name. (Hard-coded
    // identifiers in them are still judged: a realistic identity in a seed is a leak.)
    let made_up = path.split('/').any(|c| {
        let stem = c.split('.').next().unwrap_or(c);
        crate::phi::tokenize(stem).iter().any(|t| {
            matches!(
                t.as_str(),
                "mock" | "mocks" | "dummy" | "fake" | "faker" | "stub" | "stubs" | "synthetic"
            )
        })
    });
    // Smoke and soak runs (`ambientScribeSmoke.ts`, `smoke_test.py`, `soak-run.js`): tests
    // against a deployed system. The word is the stem's last, or before `test`, `check` or
    // `run` (`smoke_status.py` is about tobacco).
    let smoke = {
        let stem = name.split('.').next().unwrap_or(name);
        let tokens = crate::phi::tokenize(stem);
        tokens.iter().enumerate().any(|(i, t)| {
            matches!(t.as_str(), "smoke" | "soak")
                && tokens.get(i + 1).is_none_or(|n| {
                    matches!(n.as_str(), "test" | "tests" | "check" | "checks" | "run")
                })
        })
    };
    let lower = name.to_ascii_lowercase();
    // Backup copies left beside the file they were copied from (`patient-detail-shell.old.tsx`,
    // `views.py.bak`, `api_old.js`): imported by nothing, run by no one.
    let backup = [".old.", ".bak", ".orig", ".backup.", "_old.", "-old."]
        .iter()
        .any(|w| lower.contains(w))
        || lower.ends_with(".old");
    dir_says
        || made_up
        || smoke
        || backup
        || lower.starts_with("test_")
        || lower.starts_with("test-")
        || lower.contains(".test.")
        || lower.contains(".spec.")
        || lower.contains(".e2e.")
        || lower.contains(".stories.")
        || lower.contains(".story.")
        || lower.contains(".bench.")
        || lower.contains(".fixture.")
        || lower.contains(".mock.")
        || lower.ends_with("_test.py")
        || lower.ends_with("_tests.py")
        || lower == "conftest.py"
        || lower == "tests.py"
}

/// Whether a display path is a database seed script: a `seeds/` or `seeders/` directory, or a
/// script named `seed*` in a scripts, binaries or database directory
/// (`src/bin/seed_test_patients.rs`, `prisma/seed.ts`, `scripts/seed_dev.py`). A `seed/` module
/// of the application itself (seed data as a domain object) is not one.
pub fn is_seed_script_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path.split('/').rev().skip(1).any(|c| {
        matches!(
            c.to_ascii_lowercase().as_str(),
            "seeds" | "seeders" | "seeding"
        )
    }) || {
        let stem = name.split('.').next().unwrap_or(name);
        let first = crate::phi::tokenize(stem)
            .into_iter()
            .next()
            .unwrap_or_default();
        matches!(first.as_str(), "seed" | "seeds" | "seeder" | "seeding")
            && path.split('/').rev().skip(1).any(|c| {
                matches!(
                    c.to_ascii_lowercase().as_str(),
                    "bin" | "scripts" | "script" | "prisma" | "db" | "database" | "tools"
                )
            })
    }
}

/// What a check uses to inspect the file and report findings.
pub struct Checker<'a> {
    /// The file.
    pub file: &'a FileCtx<'a>,
    rule: &'static RuleMeta,
    out: Vec<Diagnostic>,
    facts: Vec<Fact>,
}

impl<'a> Checker<'a> {
    /// A checker for `rule` on `file`.
    pub fn new(file: &'a FileCtx<'a>, rule: &'static RuleMeta) -> Checker<'a> {
        Checker {
            file,
            rule,
            out: Vec::new(),
            facts: Vec::new(),
        }
    }

    /// The text of a node.
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.file.text(node)
    }

    /// The rule being checked.
    pub fn rule(&self) -> &'static RuleMeta {
        self.rule
    }

    /// A readable name for a sink in messages (a call, its callee, or an attribute), built from
    /// identifiers only and never from literals, which could carry data:
    /// `AESGCM(b"...").encrypt` becomes `AESGCM(…).encrypt`.
    pub fn sink_name(&self, node: Node<'_>) -> String {
        let target = crate::flow::callee(node).unwrap_or(node);
        name_of(self.file, target, 0)
    }

    /// A readable name for any expression in messages, built like [`Checker::sink_name`]
    /// from identifiers only: `str(e)` becomes `str(…)`.
    pub fn code_name(&self, node: Node<'_>) -> String {
        name_of(self.file, node, 0)
    }

    /// The PHI carried by an expression, following local data flow.
    pub fn phi(&self, node: Node<'a>, purpose: Purpose) -> Option<Evidence<'a>> {
        self.file.flow.eval(node, purpose)
    }

    /// Reports a PHI finding: level from the evidence (error for a strong identifier or
    /// sensitive health data, warning otherwise), confidence from its score.
    ///
    /// A masked or truncated value ([`Evidence::masked`], logging and exposure only) is a note:
    /// masking downgrades these categories rather than clearing them (PHI_DOMAIN §4.0). The
    /// message says so.
    pub fn report_phi(&mut self, anchor: Node<'a>, evidence: &Evidence<'a>, message: String) {
        if summary::collecting() {
            summary::note(self, anchor, evidence, &message);
            return;
        }
        let class = evidence.class;
        if evidence.masked() {
            let message = format!(
                "{message}; the value is masked or truncated, but a partial identifier is still an identifier"
            );
            self.report(
                evidence.node,
                anchor,
                message,
                Level::Note,
                Confidence::from_score(class.score).min(Confidence::Medium),
            );
            return;
        }
        let mut level = if class.is_strong_identifier() {
            self.rule.level
        } else {
            self.rule.level.min(Level::Warning)
        };
        if class.sensitive {
            level = level.raised();
        }
        let score = class.score;
        self.report(
            evidence.node,
            anchor,
            message,
            level,
            Confidence::from_score(score),
        );
    }

    /// Reports a finding at `focus`. `anchor` is the enclosing construct (the sink call) whose
    /// shape, with literals left out, makes the fingerprint.
    pub fn report(
        &mut self,
        focus: Node<'a>,
        anchor: Node<'a>,
        message: String,
        level: Level,
        confidence: Confidence,
    ) {
        // Summarising a module for its callers: only what parameters reach is recorded.
        if summary::collecting() {
            return;
        }
        // Test, fixture and mock code is demoted (PHI_DOMAIN §2.6: ×0.5, which takes every
        // score below 0.5). PHI_DOMAIN exempts hard-coded identifiers ("fixtures are where real
        // ones get pasted"), but on real repositories every one of several hundred hard-coded
        // identifiers in specs and fixtures was made up, so that family is demoted too.
        let synthetic = self.rule.category == crate::rules::Category::HardcodedPhi
            && self.file.is_synthetic_data_path();
        let non_production = if self.rule.category == crate::rules::Category::HardcodedPhi {
            self.file.is_test_path() && !self.file.is_seed_script()
        } else {
            self.file.is_test_path()
        };
        let confidence = if synthetic
            || non_production
            || self.file.in_inline_test(focus)
            || self.file.flow.in_dev_only_branch(focus)
        {
            Confidence::Low
        } else {
            confidence
        };
        if confidence < self.file.settings.min_confidence {
            return;
        }
        // Code behind a flag that is false as written never runs.
        if self.file.flow.in_dead_branch(focus) {
            return;
        }
        let start = self.file.position(focus.start_byte());
        let end = self.file.position(focus.end_byte());
        let fingerprint = fingerprint(self.file, self.rule, anchor).to_string();
        let snippet = self
            .file
            .settings
            .snippets
            .then(|| self.file.snippet(focus.start_byte(), None));
        self.out.push(Diagnostic {
            rule: self.rule,
            path: self.file.path.to_string(),
            start,
            end,
            message,
            level,
            confidence,
            fingerprint,
            snippet,
            suppression: None,
        });
    }

    /// Reports a finding whose source text may itself be PHI (a hard-coded identifier): like
    /// [`Checker::report`], but a `--snippets` line is cut at the focus and ends in
    /// `[redacted]`, and string contents before it are masked too, so no part of the literal (or
    /// of its neighbours in the same record) is ever shown.
    pub fn report_redacted(
        &mut self,
        focus: Node<'a>,
        anchor: Node<'a>,
        message: String,
        level: Level,
        confidence: Confidence,
    ) {
        let before = self.out.len();
        self.report(focus, anchor, message, level, confidence);
        if self.out.len() > before {
            if let Some(d) = self.out.last_mut() {
                if d.snippet.is_some() {
                    let column = self.file.position(focus.start_byte()).column;
                    d.snippet = Some(self.file.snippet(focus.start_byte(), Some(column as usize)));
                }
            }
        }
    }

    /// A reportable place for a project-level pass: `focus` is reported, `anchor`'s shape
    /// makes the fingerprint.
    pub fn site(&self, focus: Node<'a>, anchor: Node<'a>) -> Site {
        Site {
            path: self.file.shared_path.clone(),
            start: self.file.position(focus.start_byte()),
            end: self.file.position(focus.end_byte()),
            fingerprint: fingerprint(self.file, self.rule, anchor),
            snippet: self
                .file
                .settings
                .snippets
                .then(|| self.file.snippet(focus.start_byte(), None).into()),
        }
    }

    /// Records a fact for the rule's project-level pass.
    pub fn fact<T: std::any::Any + Send + Sync>(&mut self, fact: T) {
        // Kept until the project-level pass.
        self.facts.push(crate::alloc::long_lived(|| Box::new(fact)));
    }

    /// The findings and facts recorded.
    pub fn finish(self) -> (Vec<Diagnostic>, Vec<Fact>) {
        (self.out, self.facts)
    }
}

fn name_of(file: &FileCtx<'_>, node: Node<'_>, depth: usize) -> String {
    let text = file.text(node);
    // Code as written when it is made of names only: no literal, comment or control character
    // (`patient/* 078-05-1120 */.ssn` is rebuilt from its parts below).
    if text.len() <= 48
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "_$.:@!?&*-<> ".contains(c))
    {
        return text.to_string();
    }
    if depth > 4 {
        return "…".to_string();
    }
    match node.kind() {
        "attribute" | "member_expression" | "field_expression" | "scoped_identifier" => {
            let object = node
                .field("object")
                .or_else(|| node.field("value"))
                .or_else(|| node.field("path"));
            let member = node
                .field("attribute")
                .or_else(|| node.field("property"))
                .or_else(|| node.field("field"))
                .or_else(|| node.field("name"))
                .map(|m| file.text(m))
                .unwrap_or("…");
            let sep = if node.kind() == "scoped_identifier" {
                "::"
            } else {
                "."
            };
            match object {
                Some(o) => format!("{}{sep}{member}", name_of(file, o, depth + 1)),
                None => member.to_string(),
            }
        }
        "call" | "call_expression" | "new_expression" => match crate::flow::callee(node) {
            Some(c) => format!("{}(…)", name_of(file, c, depth + 1)),
            None => "…".to_string(),
        },
        _ => "…".to_string(),
    }
}

/// What [`FileCtx::snippet`] hides of a node.
enum Mask {
    /// A string or character literal, JSX text or a regex: all but its delimiters.
    Text,
    /// A comment: all but its markers.
    Comment,
    /// A number literal: every character.
    Number,
}

/// Whether the byte at `offset` of a literal's `text` belongs to its opening delimiter (a
/// prefix of `letters`, then `quotes`: `f"""`, `r#"`) or its closing one (`quotes`, then
/// `#`: `"""`, `"#`).
fn is_delimiter(text: &str, offset: usize, quotes: &str, letters: &str) -> bool {
    let open = text.len() - text.trim_start_matches(|c| letters.contains(c)).len();
    let open = open + text[open..].len()
        - text[open..]
            .trim_start_matches(|c| quotes.contains(c))
            .len();
    let body = text.trim_end_matches('#');
    let close = body
        .trim_end_matches(|c| quotes.contains(c))
        .len()
        .max(open);
    offset < open || offset >= close
}

/// Quoted text replaced by `***` (a line that did not parse).
fn mask_quotes(line: &str) -> String {
    let mut masked = String::with_capacity(line.len() + 12);
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                masked.push(c);
            }
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => {
                quote = Some(c);
                masked.push(c);
                masked.push_str("***");
            }
            None => masked.push(c),
        }
    }
    masked
}

/// Masks identifier-shaped substrings (digits of any script, email addresses) in a source line.
pub fn mask_snippet(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_inclusive(|c: char| c.is_whitespace() || "\"'`,;()[]{}".contains(c)) {
        if let Some(at) = word.find('@') {
            if at > 0 && word[at + 1..].contains('.') {
                let tail: String = word
                    .chars()
                    .rev()
                    .take_while(|c| c.is_whitespace() || "\"'`,;()[]{}".contains(*c))
                    .collect();
                out.push_str("***@***");
                out.extend(tail.chars().rev());
                continue;
            }
        }
        // Whole alphanumeric runs that contain a digit: `078-05-1120`, and also the letters
        // of a Medicare id such as `1EG4TE5MK73`.
        // Any script's digits (`１２３`, `١٢٣`) are masked too: a value is a value in any script.
        let masked = crate::phi::literals::mask_alnum_with_digits(word);
        out.extend(masked.chars().map(|c| if c.is_numeric() { '#' } else { c }));
    }
    out
}

/// A masked line cut at `column` (1-based, in characters): quoted text before the cut is
/// replaced by `***`, identifier-shaped runs are masked, and the rest reads `[redacted]`.
pub fn redact_snippet(line: &str, column: usize) -> String {
    let head: String = line.chars().take(column.saturating_sub(1)).collect();
    let mut out = mask_snippet(&mask_quotes(&head));
    out.push_str("[redacted]");
    out
}

/// Content-based fingerprint: rule, enclosing function name and the anchor's shape (node kinds
/// and identifier names; literal text is left out so no scanned value is hashed).
fn fingerprint<'a>(file: &FileCtx<'a>, rule: &RuleMeta, anchor: Node<'a>) -> Fingerprint {
    let mut h = Sha256::new();
    h.update(rule.code.as_bytes());
    h.update([0]);
    h.update(file.path.as_bytes());
    h.update([0]);
    if let Some(name) = file
        .flow
        .enclosing_function(anchor)
        .and_then(|f| f.field("name"))
    {
        h.update(file.text(name).as_bytes());
    }
    h.update([0]);
    let mut budget = 4096usize;
    let names = crate::tree::KIND_NAMES.get(file.lang);
    crate::tree::preorder(anchor, |node, _| {
        if node.child_count() == 0 {
            // The kind's name and whether it names an identifier, from a per-grammar table:
            // `Node::kind` looks the name up and validates it on every call.
            let (kind, identifier) = names.of(node);
            h.update(kind.as_bytes());
            if identifier || !node.is_named() {
                h.update(file.text(node).as_bytes());
            }
            h.update([1]);
        }
        budget -= 1;
        if budget == 0 {
            Walk::Stop
        } else {
            Walk::Descend
        }
    });
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    Fingerprint(u64::from_be_bytes(first))
}

/// A benchmark baseline: what the engine does instead of running rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// Walk and parse every file, then drop the tree: the parser's speed limit.
    Parse,
    /// Also run every selected rule's compiled queries over the tree and drop the matches: the
    /// floor of any design that matches tree-sitter queries against whole files.
    Query,
}

/// The analyser: settings plus compiled queries, shared by all workers.
pub struct Engine<'s> {
    /// Settings.
    pub settings: &'s Settings,
    /// Compiled queries.
    pub queries: QuerySet,
    /// Byte-level prefilter, when every selected rule declares one.
    prefilter: Option<ByteFilter>,
    /// Set for the benchmark's baselines: parse (and query) and drop, running no rule.
    baseline: Option<Baseline>,
    /// Analyse for project-level facts only (files outside a `--shard`).
    facts_only: bool,
    /// Trees a small scan's plan parsed, by display path, with the text they were parsed from:
    /// analysis takes them instead of parsing again.
    planned: std::collections::HashMap<String, PlannedTree>,
    /// Every selected rule's queries, compiled when a module is first summarised for its
    /// callers ([`summary`]): a small scan's plan leaves out rules its files cannot trigger,
    /// which a module's parameters may.
    full_queries: std::sync::OnceLock<QuerySet>,
}

/// A tree parsed while planning (or why its parse was abandoned), and its source.
type PlannedTree = std::sync::Mutex<Option<(String, Result<Tree, ParseStop>, u64)>>;

/// Decides from a file's text, before parsing, whether any selected rule could fire: it runs
/// the classifier's own tokeniser over identifier-like runs (`date_of_birth`, `dateOfBirth`,
/// `"date of birth"` all yield `dateofbirth`) and looks the tokens and their joined n-grams up in
/// the set of terms the rules need. Matching whole tokens, as the classifier does, keeps short
/// terms such as `dob` from matching inside `adobe`. A file without a match cannot produce a
/// finding and is never parsed.
pub struct ByteFilter {
    /// Every term any selected rule needs (n-gram joins stop growing once no term starts with
    /// them).
    terms: crate::phi::TermSet,
    /// The PHI vocabulary part of `terms`.
    phi: rustc_hash::FxHashSet<String>,
    /// Each selected rule's prefilter, in rule order.
    rules: Vec<crate::rules::Prefilter>,
    /// Whether each selected rule reports what a helper of a sibling module returns (logging
    /// and client storage): such a rule also looks at files that import a sibling module.
    follows_imports: Vec<bool>,
}

impl ByteFilter {
    /// The filter for `rules`, or `None` when some rule must see every file.
    pub fn for_rules(rules: &[&'static RuleMeta], settings: &Settings) -> Option<ByteFilter> {
        use crate::rules::Prefilter;
        let mut terms: rustc_hash::FxHashSet<String> = Default::default();
        for rule in rules {
            match rule.prefilter {
                Prefilter::Always => return None,
                Prefilter::PhiOr(tokens) | Prefilter::Tokens(tokens) => {
                    terms.extend(tokens.iter().map(|t| t.to_string()))
                }
                Prefilter::Phi | Prefilter::PhiOrCustom(_) => {}
            }
        }
        let phi: rustc_hash::FxHashSet<String> =
            settings.vocab.prefilter_terms().into_iter().collect();
        terms.extend(phi.iter().cloned());
        Some(ByteFilter {
            terms: crate::phi::TermSet::new(&terms),
            phi,
            rules: rules.iter().map(|r| r.prefilter).collect(),
            follows_imports: rules
                .iter()
                .map(|r| r.category == crate::rules::Category::PhiLogging || r.code == "PHI202")
                .collect(),
        })
    }

    /// Adds the terms present in `text` (whole tokens and joined n-grams of up to four tokens,
    /// lowercased) to `present`.
    fn collect<'f>(
        &'f self,
        text: &str,
        scratch: &mut crate::phi::NgramScratch,
        present: &mut rustc_hash::FxHashSet<&'f str>,
    ) {
        self.terms.scan(text, 4, scratch, |term| {
            present.insert(term);
            false
        });
    }

    /// For each selected rule, whether it can fire on this file (its path counts too:
    /// `settings/production.py` is a settings module whatever it says). One tokenising pass
    /// decides for every rule, so a file with PHI terms but no TLS vocabulary runs the PHI rules
    /// and skips the TLS ones.
    pub fn active(
        &self,
        path: &str,
        text: &str,
        settings: &Settings,
        scratch: &mut crate::phi::NgramScratch,
    ) -> Vec<bool> {
        use crate::rules::Prefilter;
        let mut present = rustc_hash::FxHashSet::default();
        self.collect(path, scratch, &mut present);
        self.collect(text, scratch, &mut present);
        let has_phi = present.iter().any(|t| self.phi.contains(*t));
        // A file that imports from a sibling module may receive PHI from a function there
        // whatever its own names say (`const data = await fetchRecord(id)`).
        let sibling = !has_phi && imports_sibling(path, text);
        let any = |toks: &[&str]| toks.iter().any(|t| present.contains(t));
        self.rules
            .iter()
            .zip(&self.follows_imports)
            .map(|(pf, follows)| {
                let has_phi = has_phi || (sibling && *follows);
                match pf {
                    Prefilter::Always => true,
                    Prefilter::Phi => has_phi,
                    Prefilter::PhiOr(toks) => has_phi || any(toks),
                    Prefilter::Tokens(toks) => any(toks),
                    Prefilter::PhiOrCustom(f) => has_phi || f(text, settings),
                }
            })
            .collect()
    }
}

/// Whether a source file imports from a module of its own application by a relative path
/// (`from .services import`, `from './api'`, `require('../store')`), and calls what it
/// imports or types a value with it.
fn imports_sibling(path: &str, text: &str) -> bool {
    const MARKERS: [&str; 7] = [
        "from .",
        "from './",
        "from \"./",
        "from '../",
        "from \"../",
        "require('.",
        "require(\".",
    ];
    /// Sinks a value from a sibling module could reach in this file: loggers, consoles, error
    /// trackers and client storage (the families whose findings name a helper's return).
    const SINKS: [&str; 9] = [
        "console.", "logger.", "logging.", "log.", "print(", "Storage", "Sentry", "info!(",
        "warn!(",
    ];
    if !(MARKERS.iter().any(|m| text.contains(m)) && SINKS.iter().any(|s| text.contains(s))) {
        return false;
    }
    // And it calls a function it imports from there.
    let Some(lang) = Language::from_path(std::path::Path::new(path)) else {
        return false;
    };
    crate::flow::sibling_imports(text, lang.family())
        .iter()
        .filter(|(_, (module, _))| module.starts_with('.'))
        .map(|(local, _)| local)
        .any(|local| {
            // Called (`load_chart(`), or a type of a value here (`body: ReadingIn`), whose
            // declaration there may say it holds PHI.
            text.match_indices(local.as_str()).any(|(at, _)| {
                text[at + local.len()..].starts_with('(')
                    || (local.starts_with(char::is_uppercase)
                        && text[..at].trim_end().ends_with([':', '<', '&']))
            })
        })
}

impl<'s> Engine<'s> {
    /// An engine for the selected rules.
    pub fn new(settings: &'s Settings) -> Engine<'s> {
        Engine {
            settings,
            queries: QuerySet::new(&settings.rules),
            prefilter: settings
                .prefilter
                .then(|| ByteFilter::for_rules(&settings.rules, settings))
                .flatten(),
            baseline: None,
            facts_only: false,
            planned: Default::default(),
            full_queries: Default::default(),
        }
    }

    /// Plans a small scan (a pre-commit hook's few staged files), where compiling the queries
    /// costs more than analysing the files: the prefilter runs over every file first, and each
    /// language's queries are compiled for only the rules that can fire in one of its files,
    /// all languages in parallel. When the files are small they are also parsed first, and a
    /// pattern needing a node kind none of its language's trees has is not compiled (a staged
    /// file without a class or an assignment needs no pattern rooted there). Large scans
    /// compile every selected rule's patterns lazily, as their first file of each language is
    /// reached.
    pub fn plan(&mut self, files: &[SourceFile], contents: Option<&[Vec<u8>]>) {
        /// Beyond this many files every rule is almost always needed somewhere.
        const SMALL_SCAN: usize = 64;
        /// Beyond this many bytes, parsing the files twice costs more than compiling every
        /// pattern.
        const PARSE_FIRST: usize = 256 * 1024;
        if files.len() > SMALL_SCAN || self.baseline.is_some() {
            return;
        }
        let Some(filter) = &self.prefilter else {
            return;
        };
        let n = self.queries.rules().len();
        let mut masks: [Option<Vec<bool>>; 5] = Default::default();
        // Per language, the node kinds of its files' trees; `None` once a file of it could not
        // be parsed here (its kinds are unknown).
        let mut kinds: [Option<std::collections::HashSet<u16>>; 5] = Default::default();
        let mut parse_budget = PARSE_FIRST;
        let mut worker = Worker::default();
        let mut scratch = crate::phi::NgramScratch::default();
        for (i, file) in files.iter().enumerate() {
            let Some(lang) = file.kind.lang() else {
                continue;
            };
            let mask = masks[lang.index()].get_or_insert_with(|| vec![false; n]);
            let read;
            let bytes: &[u8] = match contents.and_then(|c| c.get(i)) {
                Some(b) => b,
                None => match crate::read::source(&file.path, self.settings.max_file_size) {
                    Ok(b) => {
                        read = b;
                        &read
                    }
                    // Analysis reports it; should it become readable, every rule is ready.
                    Err(_) => {
                        mask.iter_mut().for_each(|m| *m = true);
                        parse_budget = 0;
                        continue;
                    }
                },
            };
            if bytes.len() as u64 > self.settings.max_file_size {
                continue;
            }
            // The text exactly as analysis will parse it.
            let Decoded::Text { text, .. } = decode(bytes) else {
                continue;
            };
            let text: &str = &text;
            let active = filter.active(&file.rel, text, self.settings, &mut scratch);
            let any = active.iter().any(|a| *a);
            for (m, a) in mask.iter_mut().zip(active) {
                *m |= a;
            }
            // A file no rule can fire in is not queried, minified files are not analysed.
            if !any || is_minified(text) {
                continue;
            }
            parse_budget = parse_budget.saturating_sub(text.len());
            if parse_budget == 0 {
                continue;
            }
            let tree = worker.parse(lang, text, self.settings.parse_timeout);
            match &tree {
                Ok(tree) => {
                    let set = kinds[lang.index()].get_or_insert_with(Default::default);
                    crate::tree::preorder(tree.root_node(), |node, _| {
                        set.insert(node.kind_id());
                        crate::tree::Walk::Descend
                    });
                }
                Err(_) => parse_budget = 0,
            }
            // A parse that was abandoned is kept too: analysis reports it without spending the
            // parse timeout on the same text a second time.
            let planned = (text.to_string(), tree, worker.parse_steps);
            self.planned
                .insert(file.rel.clone(), std::sync::Mutex::new(Some(planned)));
        }
        let mut langs = Vec::new();
        for lang in Language::ALL {
            // A language where no rule can fire is compiled in full only if a file with
            // suppression comments needs its tree.
            if let Some(mask) = masks[lang.index()].take().filter(|m| m.iter().any(|a| *a)) {
                self.queries.restrict(lang, mask);
                if let Some(k) = kinds[lang.index()].take().filter(|_| parse_budget > 0) {
                    self.queries.restrict_kinds(lang, k);
                }
                langs.push(lang);
            }
        }
        // Errors are kept in the slot and reported on the first file that needs them.
        let queries = &self.queries;
        if self.settings.threads == 1 {
            langs.iter().for_each(|lang| drop(queries.get(*lang)));
        } else {
            langs.par_iter().for_each(|lang| drop(queries.get(*lang)));
        }
    }

    /// An engine for only the selected rules that have a project-level pass: what a sharded scan
    /// runs on files outside its shard, and a partial scan on the other files of the
    /// applications it covers, to collect the facts those passes join across files. With
    /// `facts_only`, what only a file's own findings need is left out (the PHI its handlers
    /// touch): set for a shard, whose merged logs report each file once; not for a partial
    /// scan, whose project-level findings must be those of a scan of the whole application.
    pub fn project_only(settings: &'s Settings, facts_only: bool) -> Engine<'s> {
        let rules: Vec<&'static RuleMeta> = settings
            .rules
            .iter()
            .copied()
            .filter(|r| r.project.is_some())
            .collect();
        // Prefilter exactly when the full engine does, so each rule sees the same files as in an
        // unsharded scan.
        let prefilter =
            settings.prefilter && ByteFilter::for_rules(&settings.rules, settings).is_some();
        Engine {
            settings,
            queries: QuerySet::new(&rules),
            prefilter: prefilter
                .then(|| ByteFilter::for_rules(&rules, settings))
                .flatten(),
            baseline: None,
            facts_only,
            planned: Default::default(),
            full_queries: Default::default(),
        }
    }

    /// An engine that runs one of the benchmark's baselines (same walk, same grammars) instead
    /// of the rules.
    pub fn baseline(settings: &'s Settings, baseline: Baseline) -> Engine<'s> {
        Engine {
            baseline: Some(baseline),
            // Every file, as the parse-only baseline has always done.
            prefilter: None,
            ..Engine::new(settings)
        }
    }

    /// The plan's parse of this file (its tree or why it was abandoned, and its steps), if it
    /// parsed this very text.
    fn take_planned(&self, rel: &str, text: &str) -> Option<(Result<Tree, ParseStop>, u64)> {
        let (source, tree, steps) = self
            .planned
            .get(rel)?
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        (source == text).then_some((tree, steps))
    }

    /// Whether the byte prefilter is active for the selected rules.
    pub fn has_prefilter(&self) -> bool {
        self.prefilter.is_some()
    }

    /// Reads and analyses one file.
    pub fn analyze_file(&self, worker: &mut Worker, file: &SourceFile) -> FileResult {
        let mut result = FileResult::default();
        // A configuration file over its own cap is data: not even read (see `config_files`).
        let config = matches!(file.kind, crate::discover::FileKind::Config(_));
        let limit = if config {
            self.settings
                .max_file_size
                .min(crate::config_files::MAX_BYTES as u64)
        } else {
            self.settings.max_file_size
        };
        let bytes = match crate::read::source(&file.path, limit) {
            Ok(b) => b,
            Err(crate::read::Refusal::TooLarge(_)) if config => {
                result.scanned = true;
                return result;
            }
            Err(crate::read::Refusal::TooLarge(n)) => {
                result
                    .notifications
                    .push(too_large(&file.rel, n, self.settings));
                result.skipped = true;
                return result;
            }
            Err(crate::read::Refusal::NotRegular) => {
                result.notifications.push(Notification::warning(
                    &file.rel,
                    "not a regular file (a FIFO, socket or device); skipped",
                ));
                result.skipped = true;
                return result;
            }
            Err(crate::read::Refusal::Io(e)) => {
                result
                    .notifications
                    .push(Notification::error(&file.rel, io_reason(&e)));
                return result;
            }
            Err(crate::read::Refusal::Missing | crate::read::Refusal::Outside) => {
                result
                    .notifications
                    .push(Notification::error(&file.rel, "no such file; not scanned"));
                return result;
            }
        };
        result.bytes = bytes.len() as u64;
        self.analyze_bytes(worker, file, &bytes, &mut result);
        result
    }

    /// Analyses file content already in memory (used for staged blobs and by tests).
    pub fn analyze_bytes(
        &self,
        worker: &mut Worker,
        file: &SourceFile,
        bytes: &[u8],
        result: &mut FileResult,
    ) {
        let text = match decode(bytes) {
            Decoded::Binary => {
                result.notifications.push(Notification::warning(
                    &file.rel,
                    "binary content in a source file; skipped",
                ));
                result.skipped = true;
                return;
            }
            Decoded::Text { text, notes } => {
                for note in notes {
                    result
                        .notifications
                        .push(Notification::note(&file.rel, note));
                }
                text
            }
        };
        let text: &str = &text;
        let lang = match file.kind {
            crate::discover::FileKind::Code(lang) => lang,
            crate::discover::FileKind::Config(format) => {
                self.analyze_config(worker, file, format, text, result);
                return;
            }
        };
        if is_minified(text) {
            result.notifications.push(Notification::warning(
                &file.rel,
                "minified or generated code (very long lines); skipped",
            ));
            result.skipped = true;
            return;
        }
        if let Some(baseline) = self.baseline {
            let tree = worker.parse(lang, text, self.settings.parse_timeout).ok();
            result.scanned = tree.is_some();
            result.parsed = result.scanned;
            if let (Baseline::Query, Some(tree), Ok(Some(queries))) =
                (baseline, &tree, self.queries.get(lang))
            {
                // Run the cursor to the end and drop the matches: what querying costs before any
                // rule looks at a match.
                let mut matches =
                    worker
                        .cursor
                        .matches(&queries.query, tree.root_node(), text.as_bytes());
                while matches.next().is_some() {}
            }
            return;
        }
        let summarising = summary::collecting();
        let has_directives = !summarising && crate::suppress::mentions_marker(text);
        let active: Vec<bool> = match &self.prefilter {
            // A module summarised for its callers names no PHI itself (`persistForm(values)`).
            Some(filter) if !summarising => {
                filter.active(&file.rel, text, self.settings, &mut worker.scratch)
            }
            _ => vec![true; self.queries.rules().len()],
        };
        // A file with suppression comments is parsed anyway, so unused ones can be reported.
        if !has_directives && !active.iter().any(|a| *a) {
            result.scanned = true;
            return;
        }
        let query_set = if summarising {
            self.full_queries.get_or_init(|| {
                let rules: Vec<&'static RuleMeta> = self
                    .queries
                    .rules()
                    .iter()
                    .copied()
                    .filter(|r| decided_by_caller(r))
                    .collect();
                QuerySet::new(&rules)
            })
        } else {
            &self.queries
        };
        let queries = match query_set.get(lang) {
            Ok(Some(q)) => q,
            Ok(None) => {
                result.scanned = true;
                return;
            }
            Err(e) => {
                result
                    .notifications
                    .push(Notification::error(&file.rel, e.to_string()));
                return;
            }
        };
        let (tree, parse_steps) = self.take_planned(&file.rel, text).unwrap_or_else(|| {
            let tree = worker.parse(lang, text, self.settings.parse_timeout);
            (tree, worker.parse_steps)
        });
        result.parse_steps = parse_steps;
        let tree = match tree {
            Ok(tree) => tree,
            Err(stop) => {
                // As for the analysis budget: an error (the scan is incomplete), a warning
                // when the run accepts files that could not be fully analysed.
                let message = stop.message(self.settings.parse_timeout);
                result.notifications.push(if self.settings.allow_partial {
                    Notification::warning(&file.rel, message)
                } else {
                    Notification::error(&file.rel, message)
                });
                return;
            }
        };
        result.scanned = true;
        result.parsed = true;
        // A module summarised for a caller spends the caller's budget.
        let budget =
            (!summarising).then(|| crate::budget::Budget::start(self.settings.analysis_timeout));
        // A deep tree (nesting no real code has) is analysed with its parents indexed and its
        // query run in windows, so that neither `Node::parent` nor the query cursor costs
        // O(depth) per node ([`DEEP_TREE`]).
        let (deep_tree, window) = deep_tree_limits();
        let deep = deeper_than(tree.root_node(), deep_tree);
        let _parents = deep.then(|| crate::tree::ParentIndex::install(tree.root_node()));
        let mut ctx = FileCtx::new(&file.rel, lang, text, &tree, self.settings);
        ctx.facts_only = self.facts_only;
        ctx.app = crate::discover::app_of(file).into();
        ctx.flow.set_origin(&file.path);
        if has_directives {
            result.suppressions = collect_directives(&ctx);
        }
        let rules = query_set.rules();
        let mut checkers: Vec<Option<Checker<'_>>> = rules.iter().map(|_| None).collect();
        // Buffers reused for every match of the file: a large file yields tens of thousands.
        let mut captures: Vec<(&str, Node<'_>)> = Vec::new();
        // Runs the active rules that use compiled pattern `pattern` on one match of it, given
        // as (capture position, node) pairs.
        let root = tree.root_node();
        let mut dispatch = same_tree(root, |pattern: usize, positions: &[(usize, Node<'_>)]| {
            for usage in &queries.uses[pattern] {
                if !active[usage.rule] {
                    continue;
                }
                captures.clear();
                captures.extend(
                    positions
                        .iter()
                        .filter_map(|(p, node)| usage.names.get(*p).map(|n| (n.as_str(), *node))),
                );
                if !usage
                    .predicates
                    .iter()
                    .all(|p| p.holds(&captures, text.as_bytes()))
                {
                    continue;
                }
                let rule = rules[usage.rule];
                let found = Match {
                    pattern: usage.local,
                    captures: std::mem::take(&mut captures),
                };
                let checker = checkers[usage.rule].get_or_insert_with(|| Checker::new(&ctx, rule));
                (rule.check)(checker, &found);
                captures = found.captures;
            }
        });
        let whole_file_only = queries
            .uses
            .iter()
            .zip(&queries.whole_file)
            .all(|(uses, whole)| {
                whole.is_some_and(|k| k == root.kind()) || uses.iter().all(|u| !active[u.rule])
            });
        if whole_file_only {
            // Every active rule looks at the file as a whole (the missing-audit fact collector on
            // a file without PHI vocabulary): the one match each needs is the root.
            for (pattern, whole) in queries.whole_file.iter().enumerate() {
                if whole.is_some() {
                    dispatch(pattern, &[(0, root)]);
                }
            }
        } else {
            // One step of the cursor can itself be slow on deeply nested code: the cursor asks
            // the budget as it goes, and halts once it has run out.
            let mut progress = |_: &tree_sitter::QueryCursorState| {
                if crate::budget::exhausted() {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            let mut positions: Vec<(usize, Node<'_>)> = Vec::new();
            let windows = deep.then_some(window);
            worker.cursor.set_max_start_depth(windows.map(|w| w as u32));
            // The pass over the root, then, in a tree deeper than `DEEP_TREE`, one pass per
            // node below each pass's window ([`QUERY_WINDOW`]), in source order.
            let mut passes = vec![root];
            while let Some(pass) = passes.pop() {
                if crate::budget::exhausted() {
                    break;
                }
                if let Some(window) = windows {
                    let start = passes.len();
                    below(pass, window, &mut passes);
                    passes[start..].reverse();
                }
                let mut matches = worker.cursor.matches_with_options(
                    &queries.query,
                    pass,
                    text.as_bytes(),
                    tree_sitter::QueryCursorOptions::new().progress_callback(&mut progress),
                );
                while let Some(m) = matches.next() {
                    if crate::budget::exhausted() {
                        break;
                    }
                    // Captures by position; each rule sees them under its own names.
                    positions.clear();
                    positions.extend(
                        m.captures()
                            .iter()
                            .map(|c| (queries.positions[c.index as usize], c.node)),
                    );
                    dispatch(m.pattern_index, &positions);
                }
            }
            worker.cursor.set_max_start_depth(None);
        }
        result.analysis_steps = budget.as_ref().map_or(0, |b| b.steps());
        result.nodes = tree.root_node().descendant_count() as u64;
        #[cfg(debug_assertions)]
        if std::env::var_os("PHI_LINT_DEBUG_STEPS").is_some() {
            // Tests read the cost of a file's analysis from here (debug builds only).
            result.notifications.push(Notification::note(
                &file.rel,
                format!(
                    "steps: analysis {}, parse {}, nodes {}",
                    result.analysis_steps, result.parse_steps, result.nodes
                ),
            ));
        }
        if !summarising && !self.facts_only {
            self.cross_module_calls(worker, &ctx, &mut checkers);
        }
        if budget.as_ref().is_some_and(|b| b.exceeded()) {
            let message = format!(
                "not fully analysed: the {}-second analysis budget ran out; findings may be missing",
                self.settings.analysis_timeout.as_secs_f32()
            );
            result.notifications.push(if self.settings.allow_partial {
                Notification::warning(&file.rel, message)
            } else {
                Notification::error(&file.rel, message)
            });
        }
        for checker in checkers.into_iter().flatten() {
            let rule = checker.rule;
            let (diagnostics, facts) = checker.finish();
            result.diagnostics.extend(diagnostics);
            result.facts.extend(facts.into_iter().map(|f| (rule, f)));
        }
        result
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.end.cmp(&b.end)));
        result
            .diagnostics
            .dedup_by(|a, b| a.rule.code == b.rule.code && a.start == b.start && a.end == b.end);
    }

    /// Analyses a configuration file ([`crate::config_files`]): only the selected rules with a
    /// config check run, and not in the benchmark baselines or for facts-only shards (no
    /// configuration rule has a project-level pass).
    fn analyze_config(
        &self,
        worker: &mut Worker,
        file: &SourceFile,
        format: crate::config_files::Format,
        text: &str,
        result: &mut FileResult,
    ) {
        result.scanned = true;
        if self.facts_only {
            return;
        }
        let timeout = self.settings.parse_timeout;
        let mut parse =
            |f: crate::config_files::Format, t: &str| worker.parse_config(f, t, timeout);
        if self.baseline.is_some() {
            // The baselines parse what a scan may parse, with the same grammars.
            result.parsed = crate::config_files::parse_only(format, text, &mut parse);
            return;
        }
        match crate::config_files::analyze(self.settings, &file.rel, format, text, &mut parse) {
            Ok(analysis) => {
                result.parsed = analysis.parsed;
                result.diagnostics = analysis.diagnostics;
                result.suppressions = analysis.suppressions;
                if let Some(why) = analysis.partial {
                    result
                        .notifications
                        .push(Notification::warning(&file.rel, why));
                }
            }
            Err(why) => {
                result.scanned = false;
                result
                    .notifications
                    .push(Notification::error(&file.rel, why));
            }
        }
    }
}

impl Engine<'_> {
    /// Calls of the application's own functions imported from other modules that pass PHI to
    /// a parameter reaching a sink there ([`summary`]): reported at the call, by the rule of
    /// that sink, naming the function.
    fn cross_module_calls<'a>(
        &self,
        worker: &mut Worker,
        ctx: &'a FileCtx<'a>,
        checkers: &mut [Option<Checker<'a>>],
    ) {
        const MAX_MODULES: usize = 8;
        // Findings in tests and other non-production code are low confidence: not worth
        // summarising modules for when they are hidden anyway.
        if ctx.is_test_path() && self.settings.min_confidence > Confidence::Low {
            return;
        }
        let flow = &ctx.flow;
        let Some(origin) = flow.origin() else {
            return;
        };
        let family = flow.family();
        let mut imported: Vec<(&String, &(String, String))> = flow.imports().iter().collect();
        imported.sort();
        let rules = self.queries.rules();
        let mut modules = 0;
        // Method calls of the file (`repo.save(claim)`), collected once if a class is imported.
        let mut method_calls: Option<MethodCalls<'a>> = None;
        // An imported class of the application's own modules (`ClaimRepository`), whose instances
        // the file may hold; the places each such name is written, found in one pass.
        let is_class_import = |local: &str, module: &str| {
            local.starts_with(char::is_uppercase)
                && family != crate::lang::Family::Rust
                && module.starts_with('.')
        };
        let mut class_words: Option<std::collections::HashMap<&str, Vec<usize>>> = None;
        for (local, (module, name)) in imported {
            if crate::budget::exhausted() {
                return;
            }
            let local: &'a str = local.as_str();
            // Calls of the imported function (`track_visit(p)`), or of the methods of instances of
            // the imported class (`ClaimRepository(t).save(claim)`, `self.repo.save(claim)` with
            // `self.repo = ClaimRepository(t)`): the function each call reaches.
            let mut calls: Vec<(Node<'a>, &'a str)> = flow
                .calls_named(local)
                .iter()
                .map(|c| (*c, name.as_str()))
                .collect();
            // Only a class this file constructs (`ClaimRepository(`, `new ClaimRepository(`) or
            // declares a field or variable of (`repo: ClaimRepository`) can have its instances
            // recognised here; most imported types are neither.
            // Only classes of the application's own modules have summaries.
            let holders = if is_class_import(local, module) {
                let words = class_words.get_or_insert_with(|| {
                    let classes = flow
                        .imports()
                        .iter()
                        .filter(|(l, (m, _))| is_class_import(l, m))
                        .map(|(l, _)| l.as_str())
                        .collect();
                    word_positions(ctx.source, &classes)
                });
                holders_of(ctx.source, local, words.get(local).map(Vec::as_slice))
            } else {
                Holders::default()
            };
            if holders.any() {
                let all = method_calls.get_or_insert_with(|| MethodCalls::of(ctx));
                // Only the receivers that can be an instance: those written as the class's
                // constructor or as one of its holders, and calls of the file's functions
                // when one returns an instance (a pass over every method call per imported
                // class cost the file's calls times its imports).
                let mut candidates: Vec<usize> = Vec::new();
                candidates.extend(all.by_text.get(local).into_iter().flatten());
                for name in &holders.names {
                    candidates.extend(all.by_text.get(name).into_iter().flatten());
                }
                if holders.returned {
                    candidates.extend(&all.function_calls);
                }
                candidates.sort_unstable();
                candidates.dedup();
                calls.extend(
                    candidates
                        .into_iter()
                        .map(|i| all.calls[i])
                        .filter(|(_, receiver, _)| instance_of(ctx, *receiver, local, &holders))
                        .map(|(call, _, method)| (call, method)),
                );
            }
            // A masked value (`masked_mrn(p.mrn)`) passed to a helper is the caller's
            // mitigation: not summarised.
            let reportable = |e: &Evidence<'_>| {
                e.class.score >= crate::rules::phi_logging::REPORT_FLOOR
                    && e.class.kind != crate::phi::Kind::InternalId
                    && !e.masked()
            };
            // Only calls that pass PHI make the module worth summarising.
            let mut phi_args: Vec<(Node<'a>, usize, &'a str)> = Vec::new();
            for &(call, target) in calls.iter() {
                for (i, arg) in positional_args(call).into_iter().enumerate() {
                    if flow
                        .eval(arg, Purpose::Storage)
                        .is_some_and(|e| reportable(&e))
                    {
                        phi_args.push((call, i, target));
                    }
                }
                // Keyword arguments, for a Python `**fields` parameter of a function (a class
                // called by name is constructed, and has no summary of its own).
                if family == crate::lang::Family::Python
                    && !target.starts_with(char::is_uppercase)
                    && keyword_values(call).into_iter().any(|v| {
                        flow.eval(v, Purpose::Storage)
                            .is_some_and(|e| reportable(&e))
                    })
                {
                    phi_args.push((call, crate::flow::KEYWORDS, target));
                }
            }
            if phi_args.is_empty() {
                continue;
            }
            let Some(path) = crate::flow::imports::resolve(&origin, family, module) else {
                continue;
            };
            if modules == MAX_MODULES {
                return;
            }
            modules += 1;
            let entries = summary::cached(&path, || self.summarise(worker, &path));
            // Where the call decides what is passed (`decided_by_caller`).
            for entry in entries.iter().filter(|e| decided_by_caller(e.rule)) {
                let Some(index) = rules.iter().position(|r| r.code == entry.rule.code) else {
                    continue;
                };
                let purpose = purpose_of(entry.rule.category);
                for (call, i, _) in phi_args
                    .iter()
                    .filter(|(_, i, target)| *i == entry.param && entry.function == *target)
                {
                    let ev = if *i == crate::flow::KEYWORDS {
                        keyword_values(*call)
                            .into_iter()
                            .filter_map(|v| flow.eval(v, purpose).filter(|e| reportable(e)))
                            .next()
                    } else {
                        positional_args(*call)
                            .get(*i)
                            .and_then(|arg| flow.eval(*arg, purpose))
                            .filter(|e| reportable(e))
                    };
                    let Some(ev) = ev else {
                        continue;
                    };
                    let callee = if entry.function == *name {
                        crate::flow::display_name(&[local])
                    } else {
                        format!("{}.{}", crate::flow::display_name(&[local]), entry.function)
                    };
                    let checker =
                        checkers[index].get_or_insert_with(|| Checker::new(ctx, rules[index]));
                    // A log statement among the function's other statements is its own: reported
                    // there, once, whichever calls pass PHI (a wrapper of the logger is the
                    // caller's choice of what to log, reported at the call).
                    if entry.rule.category == crate::rules::Category::PhiLogging
                        && !entry.wrapper
                        && !summary::collecting()
                    {
                        if let Some(helper) = display_path(ctx.path, &origin, &path) {
                            let message = format!(
                                "{} is passed to `{callee}` (from `{}`), where it{}",
                                ev.describe(),
                                ctx.path,
                                entry.rest
                            );
                            let class = ev.class;
                            let mut level = if class.is_strong_identifier() {
                                entry.rule.level
                            } else {
                                entry.rule.level.min(Level::Warning)
                            };
                            if class.sensitive {
                                level = level.raised();
                            }
                            checker.fact(crate::rules::phi_logging::HelperSink {
                                site: Site::from_data(entry.site.clone(), &helper),
                                message,
                                level,
                                confidence: Confidence::from_score(class.score),
                            });
                            continue;
                        }
                    }
                    let message = format!(
                        "{} is passed to `{callee}`, where it{}",
                        ev.describe(),
                        entry.rest
                    );
                    checker.report_phi(*call, &ev, message);
                }
            }
        }
    }

    /// What the parameters of a module's functions reach, analysed from its source.
    fn summarise(&self, worker: &mut Worker, path: &std::path::Path) -> Vec<summary::Entry> {
        let Some(lang) = crate::lang::Language::from_path(path) else {
            return Vec::new();
        };
        // `--staged`: the module as it is being committed.
        let Some(bytes) = crate::read::sibling_module(path, self.settings.max_file_size) else {
            return Vec::new();
        };
        let file = SourceFile {
            rel: String::new(),
            path: path.to_path_buf(),
            kind: crate::discover::FileKind::Code(lang),
        };
        summary::collect(|| {
            let mut result = FileResult::default();
            self.analyze_bytes(worker, &file, &bytes, &mut result);
        })
    }
}

/// The method calls of a file ([`all_method_calls`]), indexed by what [`instance_of`] looks
/// at in their receivers.
struct MethodCalls<'a> {
    /// (call, receiver, method name), in source order.
    calls: Vec<(Node<'a>, Node<'a>, &'a str)>,
    /// By the name a receiver is written with: the callee of a constructor call
    /// (`ClaimRepository` in `ClaimRepository(t)`, `new ClaimRepository(t)`), a variable
    /// (`repo`), a field of `self` or `this` (`repo` in `self.repo`).
    by_text: std::collections::HashMap<&'a str, Vec<usize>>,
    /// The calls whose receiver calls a function by name (`_repo().save(..)`).
    function_calls: Vec<usize>,
}

impl<'a> MethodCalls<'a> {
    fn of(ctx: &'a FileCtx<'a>) -> MethodCalls<'a> {
        let calls = all_method_calls(ctx);
        let mut by_text: std::collections::HashMap<&'a str, Vec<usize>> =
            std::collections::HashMap::new();
        let mut function_calls = Vec::new();
        for (i, (_, receiver, _)) in calls.iter().enumerate() {
            let key = match receiver.kind() {
                "call" | "call_expression" | "new_expression" => {
                    if receiver
                        .field("function")
                        .is_some_and(|f| f.kind() == "identifier")
                    {
                        function_calls.push(i);
                    }
                    let text = ctx.text(*receiver);
                    let text = text.trim_start_matches("new ").trim_start();
                    text.split_once('(').map(|(callee, _)| callee)
                }
                "identifier" => Some(ctx.text(*receiver)),
                "attribute" | "member_expression" => receiver
                    .field("attribute")
                    .or_else(|| receiver.field("property"))
                    .map(|f| ctx.text(f)),
                _ => None,
            };
            if let Some(key) = key {
                by_text.entry(key).or_default().push(i);
            }
        }
        MethodCalls {
            calls,
            by_text,
            function_calls,
        }
    }
}

/// Every method call of a file (`receiver.method(args)`), with its receiver and method name;
/// bounded like the other walks over a file.
fn all_method_calls<'a>(ctx: &'a FileCtx<'a>) -> Vec<(Node<'a>, Node<'a>, &'a str)> {
    const MAX_NODES: usize = 200_000;
    let mut out = Vec::new();
    let mut seen = 0usize;
    crate::tree::preorder(ctx.tree.root_node(), |n, _| {
        seen += 1;
        if seen > MAX_NODES {
            return Walk::Stop;
        }
        if matches!(n.kind(), "call" | "call_expression") {
            if let Some(f) = n.field("function") {
                let parts = match f.kind() {
                    "attribute" => f.field("object").zip(f.field("attribute")),
                    "member_expression" => f.field("object").zip(f.field("property")),
                    "field_expression" => f.field("value").zip(f.field("field")),
                    _ => None,
                };
                if let Some((receiver, method)) = parts {
                    out.push((n, receiver, ctx.text(method)));
                }
            }
        }
        Walk::Descend
    });
    out
}

/// Where a file keeps instances of an imported class ([`holders_of`]).
#[derive(Default)]
struct Holders<'s> {
    /// Variables and fields assigned one or declared as one (`repo` in `self.repo =
    /// ClaimRepository(t)`, `const repo = new ClaimRepository(t)`, `repo: ClaimRepository`).
    names: Vec<&'s str>,
    /// Whether the file constructs one anywhere (`ClaimRepository(` or `new ClaimRepository(`).
    constructed: bool,
    /// Whether some function returns one (`return ClaimRepository(...)`).
    returned: bool,
}

impl Holders<'_> {
    fn any(&self) -> bool {
        self.constructed || !self.names.is_empty()
    }
}

/// Where each of `names` is written as a whole word of ASCII identifier characters (letters,
/// digits, `_`, `$`) in `source`, the first 256 of each: one pass over the text, however many
/// names a file imports.
fn word_positions<'n>(
    source: &str,
    names: &std::collections::HashSet<&'n str>,
) -> std::collections::HashMap<&'n str, Vec<usize>> {
    let mut out: std::collections::HashMap<&'n str, Vec<usize>> = std::collections::HashMap::new();
    for run in crate::flow::identifier_runs(source) {
        if let Some(name) = names.get(&source[run.clone()]) {
            let at = out.entry(name).or_default();
            if at.len() < 256 {
                at.push(run.start);
            }
        }
    }
    out
}

/// The variables and fields a file assigns an instance of `class` to or declares as one, and
/// whether it constructs or returns one: one pass over the occurrences of the class's name,
/// at `positions` when they are known ([`word_positions`]).
fn holders_of<'s>(source: &'s str, class: &str, positions: Option<&[usize]>) -> Holders<'s> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut out = Holders::default();
    let found: Box<dyn Iterator<Item = usize>> = match positions {
        Some(at) => Box::new(at.iter().copied()),
        // Not a name of ASCII identifier characters (or not indexed): its occurrences.
        None if !class
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') =>
        {
            Box::new(source.match_indices(class).map(|(at, _)| at))
        }
        None => Box::new(std::iter::empty()),
    };
    for at in found.take(256) {
        let end = at + class.len();
        if source[..at].ends_with(is_ident) || source[end..].starts_with(is_ident) {
            continue;
        }
        let before = source[..at].trim_end();
        let after_new = before.strip_suffix("new").map(str::trim_end);
        let assigned = after_new.unwrap_or(before);
        if source[end..].starts_with('(') {
            out.constructed = true;
            out.returned |= assigned.ends_with("return");
            // `self.repo = ClaimRepository(`, `const repo = new ClaimRepository(`
            if let Some(lhs) = assigned.strip_suffix('=').map(str::trim_end) {
                if !lhs.ends_with(['=', '!', '<', '>']) {
                    let name_start = lhs.rfind(|c: char| !is_ident(c)).map_or(0, |i| i + 1);
                    out.names.push(&lhs[name_start..]);
                }
            }
            continue;
        }
        // `repo: ClaimRepository` (a parameter property, a typed field or variable)
        if let Some(lhs) = before.strip_suffix(':').map(str::trim_end) {
            let name_start = lhs.rfind(|c: char| !is_ident(c)).map_or(0, |i| i + 1);
            out.names.push(&lhs[name_start..]);
        }
    }
    out.names.retain(|n| !n.is_empty());
    out.names.sort_unstable();
    out.names.dedup();
    out
}

/// Whether `receiver` is an instance of the class imported as `class`: constructed right there
/// (`ClaimRepository(t)`, `new ClaimRepository(t)`), a variable or a field of `self` or `this`
/// that holds one ([`holders_of`]), or what a function of the file returns (`def _repo():
/// return ClaimRepository(...)`).
fn instance_of<'a>(
    ctx: &'a FileCtx<'a>,
    receiver: Node<'a>,
    class: &str,
    holders: &Holders<'_>,
) -> bool {
    match receiver.kind() {
        "call" | "call_expression" | "new_expression" => {
            let text = ctx.text(receiver);
            let text = text.trim_start_matches("new ").trim_start();
            if text
                .strip_prefix(class)
                .is_some_and(|rest| rest.starts_with('('))
            {
                return true;
            }
            if !holders.returned {
                return false;
            }
            // `_repo().save(..)`: a function of this file that returns an instance.
            let Some(name) = receiver
                .field("function")
                .filter(|f| f.kind() == "identifier")
                .map(|f| ctx.text(f))
            else {
                return false;
            };
            ctx.flow.function_named(name).is_some_and(|f| {
                let body = ctx.text(f);
                body.contains(&format!("return {class}("))
                    || body.contains(&format!("return new {class}("))
            })
        }
        "identifier" => holders.names.contains(&ctx.text(receiver)),
        "attribute" | "member_expression" => {
            let (Some(object), Some(field)) = (
                receiver.field("object"),
                receiver
                    .field("attribute")
                    .or_else(|| receiver.field("property")),
            ) else {
                return false;
            };
            matches!(ctx.text(object), "self" | "this") && holders.names.contains(&ctx.text(field))
        }
        _ => false,
    }
}

/// Whether the call decides what reaches a rule's sink inside a wrapper: logs, stores, URLs,
/// third parties and weak hashes (`fingerprint(value)` → `md5`), whose wrappers take any
/// value. A hard-coded key, a broken cipher mode or a cleartext channel inside a helper is the
/// helper's own defect, reported there.
fn decided_by_caller(rule: &RuleMeta) -> bool {
    use crate::rules::Category as C;
    matches!(rule.category, C::PhiLogging | C::UnencryptedStorage)
        || matches!(rule.code, "PHI601" | "PHI701" | "PHI704")
}

/// The display path of `module`, a file found from the file at `origin` displayed as `shown`:
/// the same root, the module's own components under it (`None` when it is not under it).
fn display_path(
    shown: &str,
    origin: &std::path::Path,
    module: &std::path::Path,
) -> Option<std::sync::Arc<str>> {
    let mut root = origin;
    for component in shown
        .split('/')
        .rev()
        .filter(|c| !c.is_empty() && *c != ".")
    {
        if root.file_name().and_then(|n| n.to_str()) != Some(component) {
            return None;
        }
        root = root.parent()?;
    }
    // `./app/routes/../services/x.py` is `app/services/x.py`.
    let normal = |path: &std::path::Path| {
        let mut out = std::path::PathBuf::new();
        for c in path.components() {
            match c {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    };
    let module = normal(module);
    let rel = module.strip_prefix(normal(root)).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(n) => n.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/").into())
}

/// The values of a call's keyword arguments (Python `f(case=mrn)`), at most 16.
fn keyword_values(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(args) = call.field("arguments") else {
        return Vec::new();
    };
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|a| a.kind() == "keyword_argument")
        .filter_map(|a| a.field("value"))
        .take(16)
        .collect()
}

/// The positional arguments of a call.
fn positional_args(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(args) = call.field("arguments") else {
        return Vec::new();
    };
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|a| !a.kind().contains("comment") && a.kind() != "keyword_argument")
        .collect()
}

/// The data-flow purpose a rule's category judges values for.
pub(crate) fn purpose_of(category: crate::rules::Category) -> Purpose {
    use crate::rules::Category as C;
    match category {
        C::PhiLogging | C::MissingAudit => Purpose::Logging,
        C::UnencryptedStorage | C::WeakCrypto | C::HardcodedPhi => Purpose::Storage,
        C::UnencryptedTransmission => Purpose::Transmission,
        _ => Purpose::Exposure,
    }
}

/// Trees with a node deeper than this are queried in windows ([`QUERY_WINDOW`]).
///
/// tree-sitter's query cursor keeps a state for every pattern begun at an ancestor of the
/// current node that still waits for a later sibling (the arguments after a call's callee, the
/// property after a member expression's object), and advances them all at every node: in a
/// chain of 200,000 nested calls, attribute accesses or arrow functions that is quadratic
/// (minutes of query time). A tree this deep is queried in passes instead: each pass starts
/// matches only in the first `QUERY_WINDOW` levels below its root (`set_max_start_depth`; it
/// still follows a match begun there as deep as the pattern goes), and every node just below a
/// pass's window roots a pass of its own. Each node starts matches in exactly one pass, each
/// pass holds at most a window's worth of ancestors' states, so the cost is linear in the tree.
/// Real code is far shallower, and is queried in one pass as before.
const DEEP_TREE: usize = crate::limits::DEEP_TREE;

/// Levels per query pass in a tree deeper than [`DEEP_TREE`].
const QUERY_WINDOW: usize = crate::limits::QUERY_WINDOW;

#[cfg(test)]
thread_local! {
    /// Tests: the deep-tree threshold and query window in force on this thread.
    static DEEP_TREE_LIMITS: std::cell::Cell<(usize, usize)> =
        const { std::cell::Cell::new((DEEP_TREE, QUERY_WINDOW)) };
}

/// `(DEEP_TREE, QUERY_WINDOW)`; tests lower them to run ordinary files through the deep path.
fn deep_tree_limits() -> (usize, usize) {
    #[cfg(test)]
    return DEEP_TREE_LIMITS.get();
    #[cfg(not(test))]
    (DEEP_TREE, QUERY_WINDOW)
}

/// Whether some node lies more than `depth` levels below `root`. Visits only the nodes with
/// enough descendants to reach that deep (`Node::descendant_count` is stored in the tree), so
/// on an ordinary file it looks at a few hundred nodes near the root.
fn deeper_than(root: Node<'_>, depth: usize) -> bool {
    let mut found = Vec::new();
    frontier(root, depth, &mut found, 1);
    !found.is_empty()
}

/// Pushes onto `out` the nodes exactly `window + 1` levels below `root`, in source order.
fn below<'t>(root: Node<'t>, window: usize, out: &mut Vec<Node<'t>>) {
    frontier(root, window, out, usize::MAX);
}

/// Pushes up to `max` nodes `depth + 1` levels below `root`, skipping every subtree too small
/// to reach that deep.
fn frontier<'t>(root: Node<'t>, depth: usize, out: &mut Vec<Node<'t>>, max: usize) {
    let target = depth + 1;
    let mut pushed = 0;
    crate::tree::preorder(root, |node, d| {
        if d == target {
            out.push(node);
            pushed += 1;
            return if pushed >= max {
                Walk::Stop
            } else {
                Walk::Skip
            };
        }
        // A subtree of n nodes reaches at most n - 1 levels below its root.
        if d + node.descendant_count().saturating_sub(1) < target {
            Walk::Skip
        } else {
            Walk::Descend
        }
    });
}

/// Ties a match handler's nodes to the tree of `_root` (closures cannot name the lifetime).
fn same_tree<'t, F: FnMut(usize, &[(usize, Node<'t>)])>(_root: Node<'t>, f: F) -> F {
    f
}

/// The suppression directives in a file's comment nodes.
fn collect_directives(ctx: &FileCtx<'_>) -> Vec<crate::suppress::Found> {
    let mut out = Vec::new();
    crate::tree::preorder(ctx.tree.root_node(), |node, _| {
        if node.kind().ends_with("comment") {
            let text = ctx.text(node);
            if let Some(directive) = crate::suppress::parse_comment(text) {
                let start = ctx.position(node.start_byte());
                let end = ctx.position(node.end_byte());
                let line_start = ctx.line_start(start.line as usize);
                let alone = ctx
                    .source
                    .get(line_start..node.start_byte())
                    .is_some_and(|p| p.trim().is_empty());
                let last = end.line as usize + usize::from(alone);
                out.push(crate::suppress::Found::new(
                    directive,
                    start.line as usize,
                    last,
                ));
            }
            Walk::Skip
        } else {
            Walk::Descend
        }
    });
    out
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied; not scanned".into(),
        std::io::ErrorKind::NotFound => "no such file; not scanned".into(),
        _ => format!("{e}; not scanned"),
    }
}

/// The notification for a file over `max-file-size`.
pub(crate) fn too_large(rel: &str, len: u64, settings: &Settings) -> Notification {
    // Standard input is read up to one byte over the limit: its length past that is unknown.
    let message = if len == settings.max_file_size.saturating_add(1) {
        format!(
            "file is over the {}-byte limit (max-file-size); skipped",
            settings.max_file_size
        )
    } else {
        format!(
            "file is {len} bytes, over the {}-byte limit (max-file-size); skipped",
            settings.max_file_size
        )
    };
    Notification::warning(rel, message)
}

/// A source file's bytes as the text analysis reads.
pub(crate) enum Decoded<'b> {
    /// Binary content: skipped.
    Binary,
    /// Text, with notes on how it was read.
    Text {
        /// The text, without a byte order mark.
        text: std::borrow::Cow<'b, str>,
        /// How the text differs from the bytes (each a note notification).
        notes: Vec<&'static str>,
    },
}

/// Decodes a source file so that nothing in it is silently unreadable: UTF-16 with a byte order
/// mark becomes UTF-8 (positions are then those of the decoded text), invalid UTF-8 is replaced,
/// a few NUL bytes in text become spaces (tree-sitter would read the first as the end of the
/// file) and a lone carriage return (classic Mac line ends) becomes a line feed, so lines are
/// numbered and minified code detected as an editor shows them. The last two keep every byte
/// offset. Content with many NUL or other control bytes is binary.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let mut notes = Vec::new();
    let utf16 = match bytes {
        [0xff, 0xfe, rest @ ..] => Some((rest, u16::from_le_bytes as fn([u8; 2]) -> u16)),
        [0xfe, 0xff, rest @ ..] => Some((rest, u16::from_be_bytes as fn([u8; 2]) -> u16)),
        _ => None,
    };
    let mut text: std::borrow::Cow<'_, str> = if let Some((rest, unit)) = utf16 {
        notes.push("decoded from UTF-16; lines and columns are those of the text read as UTF-8");
        let units = rest
            .chunks(2)
            .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
        std::borrow::Cow::Owned(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        )
    } else {
        if is_binary(bytes) {
            return Decoded::Binary;
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => {
                notes.push("invalid UTF-8; scanned with invalid bytes replaced");
                String::from_utf8_lossy(bytes)
            }
        }
    };
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        text = match text {
            std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(&t[3..]),
            std::borrow::Cow::Owned(_) => std::borrow::Cow::Owned(rest.to_string()),
        };
    }
    if text.contains('\0') {
        if is_binary(text.as_bytes()) {
            return Decoded::Binary;
        }
        notes.push("NUL bytes read as spaces");
        text = std::borrow::Cow::Owned(text.replace('\0', " "));
    }
    let b = text.as_bytes();
    if memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n')) {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            out.push(if c == '\r' && chars.peek() != Some(&'\n') {
                '\n'
            } else {
                c
            });
        }
        text = std::borrow::Cow::Owned(out);
    }
    Decoded::Text { text, notes }
}

/// Binary content: in the first 8 KiB, more than one byte in a thousand (at least two) is NUL,
/// or more than one in twenty is another control byte than tab, line feed, form feed, carriage
/// return or escape.
fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    // One pass; NUL counts as a control byte too.
    let (mut nuls, mut controls) = (0usize, 0usize);
    for &b in sample {
        if b < 0x20 {
            nuls += usize::from(b == 0);
            controls += usize::from(!matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1b));
        }
    }
    nuls > (sample.len() / 1000).max(1) || controls * 20 > sample.len()
}

/// Minified bundles: average line longer than 1000 bytes over a file of at least 10 kB.
fn is_minified(text: &str) -> bool {
    if text.len() < crate::limits::MINIFIED_MIN_BYTES {
        return false;
    }
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    text.len() / lines > crate::limits::MINIFIED_LINE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_directories_are_recognised_by_their_tokens() {
        assert!(is_non_production_path(
            "packages/tool/e2e-tests/utils/ids.ts"
        ));
        assert!(is_non_production_path(
            "apps/integration_tests/constants.py"
        ));
        assert!(is_non_production_path("src/test-utils/render.tsx"));
        assert!(!is_non_production_path("src/contest-results/view.ts"));
        // Vendored copies of other projects' code.
        assert!(is_non_production_path("adit/upload/static/vendor/dcmjs.js"));
        assert!(is_non_production_path("third_party/hl7/parser.py"));
        assert!(!is_non_production_path("src/vendors.ts"));
        assert!(!is_non_production_path("src/latest_specimens/view.py"));
        assert!(!is_non_production_path("api/patient-records/handler.js"));
        // Database seeders and synthetic-data generators.
        assert!(is_seed_script_path("backend/src/bin/seed_test_patients.rs"));
        assert!(is_seed_script_path("db/seeders/20240101-patients.js"));
        assert!(is_seed_script_path("prisma/seed.ts"));
        assert!(is_seed_script_path("scripts/seed_dev.py"));
        // Seed data as a domain object of the application is production code.
        assert!(!is_seed_script_path("server/src/mcr/seed/seed-data.js"));
        assert!(!is_seed_script_path("server/src/db/dbSeedMrnPhn.js"));
        assert!(is_non_production_path("scripts/synthetic-benes/convert.py"));
        assert!(!is_non_production_path("src/seedling/view.py"));
    }

    /// A file with a PHI log call and nothing else.
    const LOG_CALL: &str = "log.info(patient.date_of_birth)\n";

    /// `text` written to `app.py` in a fresh directory (kept alive by the first element).
    fn python_file(text: &str) -> (tempfile::TempDir, SourceFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.py");
        std::fs::write(&path, text).unwrap();
        let file = SourceFile {
            rel: "app.py".into(),
            path,
            kind: Language::Python.into(),
        };
        (dir, file)
    }

    #[test]
    fn small_scans_compile_only_the_rules_their_files_can_fire() {
        let settings = Settings::default_settings();
        // PHI terms (the PHI rules) but no TLS, session or crypto vocabulary.
        let (_dir, file) = python_file(LOG_CALL);
        let files = [file];
        let full = compile(Language::Python, &settings.rules)
            .unwrap()
            .unwrap()
            .query
            .pattern_count();
        let mut engine = Engine::new(&settings);
        engine.plan(&files, None);
        let planned = engine.queries.get(Language::Python).unwrap().unwrap();
        assert!(planned.query.pattern_count() < full);
        // Pattern uses still name rules by their index in the full selection.
        let logging = settings
            .rules
            .iter()
            .position(|r| r.code == "PHI101")
            .unwrap();
        assert!(planned.uses.iter().flatten().any(|u| u.rule == logging));
        // More files than a pre-commit run: everything is compiled lazily, as before.
        let many: Vec<SourceFile> = (0..100).map(|_| files[0].clone()).collect();
        let mut engine = Engine::new(&settings);
        engine.plan(&many, None);
        let lazy = engine.queries.get(Language::Python).unwrap().unwrap();
        assert_eq!(lazy.query.pattern_count(), full);
    }

    #[test]
    fn small_scans_compile_only_patterns_their_trees_can_match() {
        let settings = Settings::default_settings();
        // A log call and nothing else: no assignment, subscript, class or keyword argument.
        let (_dir, file) = python_file(LOG_CALL);
        let mut mask_only = Engine::new(&settings);
        let mask = {
            let filter = mask_only.prefilter.as_ref().unwrap();
            filter.active("app.py", LOG_CALL, &settings, &mut Default::default())
        };
        mask_only.queries.restrict(Language::Python, mask);
        let by_rules = mask_only.queries.get(Language::Python).unwrap().unwrap();
        let mut engine = Engine::new(&settings);
        engine.plan(std::slice::from_ref(&file), None);
        let planned = engine.queries.get(Language::Python).unwrap().unwrap();
        assert!(
            planned.query.pattern_count() < by_rules.query.pattern_count(),
            "{} vs {}",
            planned.query.pattern_count(),
            by_rules.query.pattern_count()
        );
        // Every planned pattern's kinds are in the file; none needs an assignment.
        assert!(planned.sources.iter().all(|p| !p.contains("(assignment")));
        let result = engine.analyze_file(&mut Worker::default(), &file);
        assert_eq!(
            result
                .diagnostics
                .iter()
                .map(|d| d.rule.code)
                .collect::<Vec<_>>(),
            ["PHI101"]
        );
    }

    /// The deep-tree path (parent index, query windows) finds exactly what the single query
    /// pass finds: every fixture, analysed as if it were deeper than the threshold with windows
    /// of 1 to 3 levels, gives the same findings.
    #[test]
    fn windowed_queries_find_what_one_pass_finds() {
        let mut settings = Settings::default_settings();
        settings.min_confidence = Confidence::Low;
        let engine = Engine::new(&settings);
        let mut checked = 0;
        let mut files = Vec::new();
        crate::tree::for_each_fixture(|path, lang, source, _| {
            files.push((path.to_path_buf(), lang, source.to_string()));
        });
        for (path, lang, source) in files {
            let file = SourceFile {
                rel: path.display().to_string(),
                path,
                kind: lang.into(),
            };
            let key = |window: Option<usize>| {
                DEEP_TREE_LIMITS.set(match window {
                    Some(w) => (0, w),
                    None => (DEEP_TREE, QUERY_WINDOW),
                });
                let mut result = FileResult::default();
                engine.analyze_bytes(
                    &mut Worker::default(),
                    &file,
                    source.as_bytes(),
                    &mut result,
                );
                DEEP_TREE_LIMITS.set((DEEP_TREE, QUERY_WINDOW));
                let mut found: Vec<_> = result
                    .diagnostics
                    .into_iter()
                    .map(|d| (d.rule.code, d.start, d.end, d.message))
                    .collect();
                found.sort();
                found
            };
            let one_pass = key(None);
            for window in [1, 3] {
                assert_eq!(
                    key(Some(window)),
                    one_pass,
                    "{} (window {window})",
                    file.rel
                );
            }
            checked += 1;
        }
        assert!(checked > 100, "{checked}");
    }

    /// Planning (rules by prefilter, patterns by the kinds in the files' trees) must never
    /// change what a file reports: every fixture, scanned alone with and without a plan.
    #[test]
    fn planned_small_scans_report_what_full_compiles_report() {
        let mut settings = Settings::default_settings();
        settings.min_confidence = Confidence::Low;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut checked = 0;
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Some(lang) = Language::from_path(&path) else {
                    continue;
                };
                let file = SourceFile {
                    rel: path.strip_prefix(&root).unwrap().display().to_string(),
                    path,
                    kind: lang.into(),
                };
                let key = |r: FileResult| -> Vec<(String, u32, u32, String)> {
                    r.diagnostics
                        .into_iter()
                        .map(|d| {
                            (
                                d.rule.code.to_string(),
                                d.start.line,
                                d.start.column,
                                d.message,
                            )
                        })
                        .collect()
                };
                let full = key(Engine::new(&settings).analyze_file(&mut Worker::default(), &file));
                let mut planned = Engine::new(&settings);
                planned.plan(std::slice::from_ref(&file), None);
                let planned = key(planned.analyze_file(&mut Worker::default(), &file));
                assert_eq!(planned, full, "{}", file.rel);
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn files_whose_active_rules_look_at_the_whole_file_skip_the_query_cursor() {
        let settings = Settings::default_settings();
        for lang in Language::ALL {
            let q = compile(lang, &settings.rules).unwrap().unwrap();
            let whole: Vec<usize> = (0..q.whole_file.len())
                .filter(|i| q.whole_file[*i].is_some())
                .collect();
            assert_eq!(whole.len(), 1, "{}", lang.name());
            assert!(q.uses[whole[0]]
                .iter()
                .any(|u| settings.rules[u.rule].code == "PHI401"));
        }
        // A handler file without PHI vocabulary: only the missing-audit fact collector runs,
        // on the root, and its facts (the route, the handler) still reach the project pass.
        let engine = Engine::new(&settings);
        let file = SourceFile {
            rel: "views.py".into(),
            path: "views.py".into(),
            kind: Language::Python.into(),
        };
        let src = b"@app.route('/reports/<rid>')\ndef show(rid):\n    return render(rid)\n";
        let active = engine.prefilter.as_ref().unwrap().active(
            &file.rel,
            std::str::from_utf8(src).unwrap(),
            &settings,
            &mut Default::default(),
        );
        let on: Vec<&str> = settings
            .rules
            .iter()
            .zip(&active)
            .filter(|(_, a)| **a)
            .map(|(r, _)| r.code)
            .collect();
        assert_eq!(on, ["PHI401"]);
        let mut result = FileResult::default();
        engine.analyze_bytes(&mut Worker::default(), &file, src, &mut result);
        assert!(result.scanned);
        let facts: Vec<_> = result
            .facts
            .iter()
            .filter_map(|(_, f)| {
                f.downcast_ref::<crate::rules::missing_audit::facts::StoredFacts>()
            })
            .map(|stored| stored.load(&settings.spill))
            .collect();
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].functions.len(), 1);
        assert!(facts[0].functions[0].handler.is_some());
    }

    #[test]
    fn snippets_mask_numbers_and_emails() {
        assert_eq!(mask_snippet("x = \"078-05-1120\""), "x = \"###-##-####\"");
        assert_eq!(
            mask_snippet("mail('jane.doe@example.org')"),
            "mail('***@***')"
        );
    }

    #[test]
    fn snippets_mask_medicare_ids_and_redact() {
        assert_eq!(mask_snippet("mbi = '1EG4TE5MK73'"), "mbi = '###########'");
        assert_eq!(
            redact_snippet("p = {\"name\": \"Zelda\", \"ssn\": \"212-45-6789\"}", 30),
            "p = {\"***\": \"***\", \"***\": [redacted]"
        );
        assert_eq!(redact_snippet("x", 99), "x[redacted]");
        assert_eq!(redact_snippet("", 0), "[redacted]");
    }

    #[test]
    fn snippets_mask_digits_of_every_script() {
        // Found by the `masking` fuzz target: Extended Arabic-Indic digits passed through.
        assert_eq!(mask_snippet("۲\u{651}"), "#\u{651}");
        assert_eq!(mask_snippet("mrn = '１２３４５'"), "mrn = '#####'");
        assert_eq!(
            mask_snippet("ssn = \"٠٧٨-٠٥-١١٢٠\""),
            "ssn = \"###-##-####\""
        );
    }

    #[test]
    fn every_query_compiles_for_every_grammar() {
        for lang in Language::ALL {
            compile(lang, crate::rules::ALL).unwrap_or_else(|e| panic!("{lang}: {e}"));
        }
    }
}
