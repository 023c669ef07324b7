//! Configuration files: `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files
//! (`.env`, `.env.production`, `prod.env`), where endpoints, TLS switches and session or token
//! lifetimes often live instead of code (issue 19).
//!
//! A configuration file is parsed with a tree-sitter grammar (JSON, YAML, TOML; JSON5 with the
//! JavaScript grammar, of which it is a subset) or, for `.env`, a small line parser, and flattened
//! into [`Entry`]s: a key path (`api.base_url`), the scalar under it and where both are. The
//! transmission and session rules that have a `config` check (PHI301, PHI302, PHI303, PHI305,
//! PHI501, PHI502) judge each entry with the same thresholds, messages, levels and confidence as
//! their source-code checks, and report through [`ConfigChecker`], which computes positions,
//! fingerprints and snippets the way the source-file engine does, so output formats, baselines,
//! `--diff`, `--staged` and suppressions treat both alike.
//!
//! Precision comes first, since configuration files are full of harmless URLs and data:
//!
//! - lockfiles, package manifests and tool configurations (`package-lock.json`, `package.json`,
//!   `Cargo.toml`, `tsconfig.json`, `.eslintrc.json`, ...) are not configuration of the
//!   application and are not scanned ([`Format::from_path`]);
//! - files larger than [`MAX_BYTES`] and data-shaped documents (a JSON array at the root, FHIR
//!   resources, OpenAPI and JSON Schema documents, more than [`MAX_ENTRIES`] scalars) are read
//!   as data and not judged;
//! - the rules look only at keys that plausibly configure an endpoint, a TLS switch, a session
//!   or a token, and messages name the key path, never the value;
//! - development, CI and compose files (`.env.development`, `docker-compose.yml`,
//!   `.github/workflows/*.yml`, `config/development.json`) are non-production: their findings
//!   are low confidence, as for test code. A template of the production configuration
//!   (`.env.example`, `config.sample.yaml`) is what deployments copy: its findings are kept, at
//!   medium confidence at most.
//!
//! Hostile input: nesting is followed at most [`MAX_DEPTH`] containers deep with an explicit
//! stack (never recursion), so a 200,000-deep document costs one bounded walk.

mod env;
mod walk;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::rules::{Confidence, Level, RuleMeta};
use crate::settings::Settings;

/// Configuration files larger than this are data (FHIR bundles, translation tables, exports),
/// not configuration: they are not parsed.
pub const MAX_BYTES: usize = 256 * 1024;

/// A document with more scalars than this is data, not configuration.
pub const MAX_ENTRIES: usize = 5_000;

/// Containers nested deeper than this are not followed.
pub const MAX_DEPTH: usize = 64;

/// A configuration file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JSON (comments, as in JSONC, are read too).
    Json,
    /// JSON5, parsed with the JavaScript grammar.
    Json5,
    /// YAML.
    Yaml,
    /// TOML.
    Toml,
    /// dotenv: `KEY=value` lines.
    Env,
}

/// File names that are lockfiles, package manifests, editor or tool configuration: not the
/// application's runtime configuration.
const NOT_CONFIG: &[&str] = &[
    // lockfiles
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "composer.lock",
    "pipfile.lock",
    "deno.lock",
    "flake.lock",
    "bun.lock",
    "poetry.lock",
    "cargo.lock",
    // manifests
    "package.json",
    "composer.json",
    "cargo.toml",
    "pyproject.toml",
    "bower.json",
    "lerna.json",
    "nx.json",
    "project.json",
    "angular.json",
    "workspace.json",
    "turbo.json",
    "rush.json",
    "deno.json",
    "deno.jsonc",
    "manifest.json",
    "pubspec.yaml",
    "environment.yml",
    "environment.yaml",
    "meta.yaml",
    "chart.yaml",
    // tool configuration
    "babel.config.json",
    "jest.config.json",
    "biome.json",
    "renovate.json",
    "dependabot.yml",
    "dependabot.yaml",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "rustfmt.toml",
    "clippy.toml",
    "deny.toml",
    "taplo.toml",
    "rust-toolchain.toml",
    "codecov.yml",
    "codecov.yaml",
    "mkdocs.yml",
    "mkdocs.yaml",
    "_config.yml",
    "phi-lint.toml",
    ".phi-lint.toml",
    "cspell.json",
    ".cspell.json",
    "lighthouserc.json",
    ".lintstagedrc.json",
    ".releaserc.json",
    "release-please-config.json",
    ".release-please-manifest.json",
    "typedoc.json",
    "tslint.json",
    "vetur.config.json",
    "crowdin.yml",
    ".readthedocs.yml",
    ".readthedocs.yaml",
    "citation.cff",
    "funding.yml",
    "mergify.yml",
    ".mergify.yml",
    "stale.yml",
    "labeler.yml",
    "codeql-config.yml",
    "sonar-project.properties",
];

/// Name prefixes of tool configuration files (`tsconfig.app.json`, `.eslintrc.json`).
const NOT_CONFIG_PREFIXES: &[&str] = &[
    "tsconfig",
    "jsconfig",
    ".eslintrc",
    ".prettierrc",
    ".babelrc",
    ".stylelintrc",
    ".swcrc",
    ".renovaterc",
    ".markdownlint",
    ".yamllint",
    ".commitlintrc",
    ".huskyrc",
    ".nycrc",
    ".mocharc",
    ".jshintrc",
    ".postcssrc",
    ".browserslistrc",
    ".golangci",
    ".goreleaser",
    ".spectral",
    ".redocly",
    ".hadolint",
];

/// Directories whose files are editor, package-manager or tool state, never application
/// configuration.
const NOT_CONFIG_DIRS: &[&str] = &[
    ".vscode",
    ".idea",
    ".devcontainer",
    ".cargo",
    ".yarn",
    ".changeset",
    ".husky",
    "node_modules",
    ".terraform",
];

impl Format {
    /// Every format, in a stable order.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Json5,
        Format::Yaml,
        Format::Toml,
        Format::Env,
    ];

    /// The format of a path that is the application's configuration, or `None` (other files,
    /// and lockfiles, manifests and tool configuration, which are never scanned).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let in_tool_dir = path.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|s| NOT_CONFIG_DIRS.contains(&s))
        });
        if in_tool_dir
            || NOT_CONFIG.contains(&name.as_str())
            || NOT_CONFIG_PREFIXES.iter().any(|p| name.starts_with(p))
            || name.ends_with(".lock.json")
            || name.ends_with(".schema.json")
            || name.ends_with(".tsbuildinfo")
            || name.ends_with(".code-workspace")
        {
            return None;
        }
        if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
            return Some(Format::Env);
        }
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "json" | "jsonc" => Some(Format::Json),
            "json5" => Some(Format::Json5),
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Json5 => "json5",
            Format::Yaml => "yaml",
            Format::Toml => "toml",
            Format::Env => "dotenv",
        }
    }

    /// The tree-sitter grammar that parses this format (`None` for dotenv, read line by line).
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        match self {
            Format::Json => Some(tree_sitter_json::LANGUAGE.into()),
            Format::Json5 => Some(tree_sitter_javascript::LANGUAGE.into()),
            Format::Yaml => Some(tree_sitter_yaml::LANGUAGE.into()),
            Format::Toml => Some(tree_sitter_toml_ng::LANGUAGE.into()),
            Format::Env => None,
        }
    }

    /// Index into per-format tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What kind of scalar an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// A string (quoted, plain YAML text, any dotenv value).
    String,
    /// A number.
    Number,
    /// `true` / `false` (and YAML's `yes`/`no`/`on`/`off`).
    Bool,
    /// `null`, `~`, or nothing.
    Null,
}

/// One scalar of a configuration document, with the keys above it.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// Keys from the document root (`["api", "base_url"]`); sequence items add no key. The
    /// last key of a `{name: X, value: Y}` pair (Kubernetes `env`, ECS task definitions) is X.
    pub path: Vec<Cow<'a, str>>,
    /// Where the last key is written, if it is.
    pub key: Option<Range<usize>>,
    /// Where the scalar is written (quotes included).
    pub value: Range<usize>,
    /// The scalar's text: unquoted, common escapes resolved.
    pub text: Cow<'a, str>,
    /// Its kind.
    pub kind: ScalarKind,
    /// The mapping that holds it: entries of one mapping (one dotenv file) are siblings.
    pub block: u32,
}

impl Entry<'_> {
    /// The lowercase tokens of the last key.
    pub fn key_tokens(&self) -> Vec<String> {
        self.path
            .last()
            .map(|k| crate::phi::tokenize(k))
            .unwrap_or_default()
    }

    /// The lowercase tokens of every key of the path.
    pub fn path_tokens(&self) -> Vec<String> {
        let mut out = Vec::new();
        for k in &self.path {
            crate::phi::tokenize_into(k, &mut out);
        }
        out
    }

    /// The last key as written.
    pub fn last_key(&self) -> &str {
        self.path.last().map(|k| k.as_ref()).unwrap_or("")
    }
}

/// Whether a configuration value says "off": `false`, `0`, `no`, `off`, `disable(d)`, `none`.
pub fn is_off(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off" | "n" | "disable" | "disabled" | "none"
    )
}

/// Whether a configuration value says "on": `true`, `1`, `yes`, `on`.
pub fn is_on(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on" | "y"
    )
}

/// Whether a value is filled in by a template or the environment at deploy time (`${HOST}`,
/// `{{ .Values.url }}`, `$(VAR)`, `%(var)s`, `<your-url>`): what it holds is not known here.
pub fn is_templated(text: &str) -> bool {
    text.contains("${")
        || text.contains("{{")
        || text.contains("$(")
        || text.contains("%(")
        || text.contains("#{")
        || text.contains('<')
        || text.split(['/', ':', '.', '@']).any(|part| {
            part.strip_prefix('$')
                .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
        })
}

/// A parsed configuration document.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The format.
    pub format: Format,
    /// The source text.
    pub source: &'a str,
    /// Every scalar, in source order.
    pub entries: Vec<Entry<'a>>,
    /// Comment ranges (suppression directives live there).
    pub comments: Vec<Range<usize>>,
    /// The document is data (an array root, a FHIR resource, an OpenAPI or JSON Schema
    /// document, too many scalars): nothing in it is judged.
    pub data: bool,
}

/// Parses a configuration document. `tree` is the tree of `source` parsed with
/// [`Format::grammar`] (for JSON5 the text parsed is `(` + `source` + `\n)`); `None` for dotenv.
pub fn read<'a>(format: Format, source: &'a str, tree: Option<&tree_sitter::Tree>) -> Doc<'a> {
    let mut doc = Doc {
        format,
        source,
        entries: Vec::new(),
        comments: Vec::new(),
        data: false,
    };
    match (format, tree) {
        (Format::Env, _) => env::read(&mut doc),
        (_, Some(tree)) => walk::read(&mut doc, tree),
        (_, None) => {}
    }
    name_value_pairs(&mut doc);
    doc.data = doc.data || doc.entries.len() > MAX_ENTRIES || is_data_shaped(&doc);
    doc
}

/// The text actually handed to the parser for `format`: JSON5 is parsed as a parenthesized
/// JavaScript expression (a bare `{` would start a block statement); YAML with template
/// directives (Helm and Jinja: `{{- if .Values.debug }}` lines, `image: {{ .Values.image }}`) has
/// them blanked to the same length, so the rest parses and every offset stays the source's.
pub fn parse_text(format: Format, source: &str) -> Cow<'_, str> {
    match format {
        Format::Json5 => Cow::Owned(format!("({source}\n)")),
        Format::Yaml if source.contains("{{") || source.contains("{%") => {
            Cow::Owned(blank_templates(source))
        }
        _ => Cow::Borrowed(source),
    }
}

/// [`parse_text`] for templated YAML: a line that is a directive alone (`{{- end }}`,
/// `{% if prod %}`) becomes spaces; a `{{ .. }}` inside a line becomes a quoted placeholder of
/// the same length (`"_____"`, a plain string to the parser). Line breaks and lengths are kept.
fn blank_templates(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        let directive = (trimmed.starts_with("{{") && trimmed.ends_with("}}"))
            || (trimmed.starts_with("{%") && trimmed.ends_with("%}"))
            || (trimmed.starts_with("{#") && trimmed.ends_with("#}"));
        let alone = directive
            && trimmed.len() >= 4
            && trimmed[2..trimmed.len() - 2].find(['{', '}']).is_none();
        if alone {
            out.extend(body.chars().map(|c| if c.is_ascii() { ' ' } else { c }));
        } else {
            let mut rest = body;
            while let Some(open) = rest.find("{{") {
                let Some(close) = rest[open..].find("}}") else {
                    break;
                };
                let end = open + close + 2;
                out.push_str(&rest[..open]);
                let span = &rest[open..end];
                // ASCII only inside, so byte and character lengths agree; else left as it is.
                if span.is_ascii() {
                    out.push('"');
                    out.extend(std::iter::repeat_n('_', span.len() - 2));
                    out.push('"');
                } else {
                    out.push_str(span);
                }
                rest = &rest[end..];
            }
            out.push_str(rest);
        }
        out.push_str(&line[body.len()..]);
    }
    out
}

/// `{name: DATABASE_URL, value: ...}` (Kubernetes `env`, ECS task definitions, GitHub Actions
/// inputs): the value entry is keyed by the name, as a dotenv line would be.
fn name_value_pairs(doc: &mut Doc<'_>) {
    let mut names: std::collections::HashMap<u32, (Cow<'_, str>, Range<usize>)> =
        Default::default();
    for e in &doc.entries {
        if e.last_key() == "name" && e.kind == ScalarKind::String && is_name_shaped(&e.text) {
            names.insert(e.block, (e.text.clone(), e.value.clone()));
        }
    }
    if names.is_empty() {
        return;
    }
    for e in &mut doc.entries {
        if e.last_key() != "value" {
            continue;
        }
        if let Some((name, at)) = names.get(&e.block) {
            if let Some(last) = e.path.last_mut() {
                *last = Cow::Owned(name.to_string());
            }
            e.key = Some(at.clone());
        }
    }
}

fn is_name_shaped(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Data rather than configuration: FHIR resources, OpenAPI/Swagger/AsyncAPI documents, JSON
/// Schemas and JSON-LD, told by their root keys.
fn is_data_shaped(doc: &Doc<'_>) -> bool {
    let root = |k: &str| {
        doc.entries
            .iter()
            .any(|e| e.path.first().is_some_and(|f| f == k))
    };
    [
        "resourceType",
        "openapi",
        "swagger",
        "asyncapi",
        "@context",
        "$defs",
        "definitions",
    ]
    .iter()
    .any(|k| root(k))
        || (root("$schema") && root("properties"))
}

/// Whether a configuration file is for development, local runs, CI or documentation rather than
/// production: `.env.example`, `.env.development`, `config/test.json`, `docker-compose.yml`,
/// `.github/workflows/*.yml`, `.gitlab-ci.yml`. Its findings are low confidence.
pub fn is_dev_config(path: &str) -> bool {
    if crate::engine::is_non_production_path(path) || crate::rules::is_dev_file(path) {
        return true;
    }
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let tokens = crate::phi::tokenize(name);
    let has = |ws: &[&str]| tokens.iter().any(|t| ws.contains(&t.as_str()));
    let ci_dir = lower.split('/').any(|c| {
        matches!(
            c,
            ".github" | ".circleci" | ".gitlab" | ".buildkite" | ".woodpecker" | "ci" | "local"
        )
    });
    let ci_file = matches!(
        name,
        ".gitlab-ci.yml" | ".travis.yml" | "bitbucket-pipelines.yml" | "azure-pipelines.yml"
    );
    let compose = (name.starts_with("docker-compose") || name.starts_with("compose."))
        && !has(&["prod", "production", "staging", "stage", "live"]);
    ci_dir
        || ci_file
        || compose
        || has(&[
            "dev",
            "develop",
            "development",
            "local",
            "test",
            "tests",
            "testing",
            "ci",
            "example",
            "examples",
            "sample",
            "samples",
            "template",
            "tmpl",
            "dist",
            "demo",
            "e2e",
            "mock",
            "stub",
            "debug",
            "sandbox",
            "playground",
        ])
}

/// Whether a configuration file is a template of the production configuration that
/// deployments copy (`.env.example`, `.env.sample`, `.env.template`, `settings.example.yaml`,
/// `config.json.dist`) rather than a development, test or CI configuration.
pub fn is_template_config(path: &str) -> bool {
    if crate::engine::is_non_production_path(path) {
        return false;
    }
    let lower = path.to_ascii_lowercase();
    let (dir, name) = lower.rsplit_once('/').unwrap_or(("", &lower));
    if dir.split('/').any(|c| {
        matches!(
            c,
            "tests" | "test" | "examples" | "docs" | "dev" | "scripts" | ".github" | "ci" | "local"
        )
    }) {
        return false;
    }
    let tokens = crate::phi::tokenize(name);
    let has = |ws: &[&str]| tokens.iter().any(|t| ws.contains(&t.as_str()));
    has(&["example", "sample", "template", "tmpl", "dist"])
        && !has(&[
            "dev",
            "develop",
            "development",
            "local",
            "test",
            "tests",
            "testing",
            "ci",
            "demo",
            "e2e",
            "mock",
            "stub",
            "debug",
            "sandbox",
            "playground",
        ])
        && !(name.starts_with("docker-compose") || name.starts_with("compose."))
}

/// The check a rule runs on each entry of a configuration file.
pub type ConfigCheckFn = for<'a> fn(&mut ConfigChecker<'a>, &Entry<'a>);

/// What a rule's config check uses to inspect a document and report findings.
pub struct ConfigChecker<'a> {
    /// The document.
    pub doc: &'a Doc<'a>,
    /// Display path.
    pub path: &'a str,
    /// Settings.
    pub settings: &'a Settings,
    /// Whether the file is for development, CI or examples ([`is_dev_config`]).
    pub dev: bool,
    /// Whether the file is a template of the production configuration
    /// ([`is_template_config`]): findings are kept at medium confidence at most.
    pub template: bool,
    rule: &'static RuleMeta,
    lines: &'a LineIndex,
    out: Vec<Diagnostic>,
}

impl<'a> ConfigChecker<'a> {
    /// A checker for `rule` on `doc`.
    pub fn new(
        doc: &'a Doc<'a>,
        path: &'a str,
        settings: &'a Settings,
        lines: &'a LineIndex,
        dev: bool,
        rule: &'static RuleMeta,
    ) -> ConfigChecker<'a> {
        ConfigChecker {
            doc,
            path,
            settings,
            dev,
            template: dev && is_template_config(path),
            rule,
            lines,
            out: Vec::new(),
        }
    }

    /// The entries of the same mapping as `e` (itself included).
    pub fn siblings<'s>(&'s self, e: &'s Entry<'a>) -> impl Iterator<Item = &'s Entry<'a>> + 's {
        self.doc.entries.iter().filter(move |s| s.block == e.block)
    }

    /// How messages name an entry: its key path, the last four keys at most, each shown only
    /// when name-shaped ([`crate::flow::display_name`]): never the value.
    pub fn key_name(&self, e: &Entry<'_>) -> String {
        let keys: Vec<&str> = e.path.iter().map(|k| k.as_ref()).collect();
        let from = keys.len().saturating_sub(4);
        let shown = crate::flow::display_name(&keys[from..]);
        if from > 0 {
            format!("….{shown}")
        } else {
            shown
        }
    }

    /// Reports a finding on an entry's value. Findings in development, CI and example files,
    /// and under keys naming such an environment (`development:` in a Sequelize
    /// `config.json`, `test.database`), are low confidence.
    pub fn report(&mut self, e: &Entry<'_>, message: String, level: Level, confidence: Confidence) {
        let dev_block = e.path.iter().any(|k| {
            crate::phi::tokenize(k).iter().any(|t| {
                matches!(
                    t.as_str(),
                    "dev"
                        | "development"
                        | "develop"
                        | "local"
                        | "test"
                        | "tests"
                        | "testing"
                        | "ci"
                        | "e2e"
                        | "example"
                        | "examples"
                        | "sample"
                        | "demo"
                        | "mock"
                )
            })
        });
        let confidence = if dev_block || (self.dev && !self.template) {
            Confidence::Low
        } else if self.template {
            confidence.min(Confidence::Medium)
        } else {
            confidence
        };
        if confidence < self.settings.min_confidence {
            return;
        }
        let start = self.lines.position(self.doc.source, e.value.start);
        let end = self.lines.position(self.doc.source, e.value.end);
        let snippet = self
            .settings
            .snippets
            .then(|| snippet(self.doc, self.lines, e.value.start));
        self.out.push(Diagnostic {
            rule: self.rule,
            path: self.path.to_string(),
            start,
            end,
            message,
            level,
            confidence,
            fingerprint: fingerprint(self.rule, self.path, e).to_string(),
            snippet,
            suppression: None,
        });
    }

    /// The findings.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Content-based fingerprint of a configuration finding: rule, path and key path (keys only:
/// no value is hashed), so it survives edits elsewhere in the file.
fn fingerprint(rule: &RuleMeta, path: &str, e: &Entry<'_>) -> crate::engine::Fingerprint {
    let mut parts: Vec<&[u8]> = vec![rule.code.as_bytes(), path.as_bytes(), b"config"];
    parts.extend(e.path.iter().map(|k| k.as_bytes()));
    crate::engine::Fingerprint::of_parts(&parts)
}

/// The line holding `byte` for `--snippets`: keys stay readable; every value and comment on it
/// is masked, string contents as `*` (quotes kept) and digits as `#`.
fn snippet(doc: &Doc<'_>, lines: &LineIndex, byte: usize) -> String {
    let line = lines.line_range(doc.source, byte);
    let text = &doc.source[line.clone()];
    let mut masks: Vec<Range<usize>> = doc
        .entries
        .iter()
        .map(|e| e.value.clone())
        .chain(doc.comments.iter().cloned())
        .filter(|r| r.start < line.end && r.end > line.start)
        .collect();
    masks.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let at = line.start + i;
        let masked = masks.iter().find(|r| r.contains(&at));
        out.push(match masked {
            None => c,
            Some(r) => {
                let first = at == r.start;
                let last = doc.source[at..r.end].chars().count() == 1;
                if (first || last) && matches!(c, '"' | '\'' | '#' | '/') {
                    c
                } else if c.is_numeric() {
                    '#'
                } else {
                    '*'
                }
            }
        });
    }
    crate::engine::mask_snippet(&out)
}

/// What analysing one configuration file found.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Suppression directives in its comments.
    pub suppressions: Vec<crate::suppress::Found>,
    /// Whether the file was parsed (not ruled out by size or by the byte prefilter).
    pub parsed: bool,
    /// Why only part of the file could be read (a YAML syntax error the parser recovered
    /// from): the file is still judged on what was read, and the user told.
    pub partial: Option<&'static str>,
}

/// Why a YAML file was only partly read, for the notification.
pub const NOT_VALID_YAML: &str =
    "not valid YAML; only the parts the parser could read were checked";

/// The words that open a configuration file for a rule, by rule code: a file that contains
/// none of a rule's words (ASCII case-insensitively) cannot produce its finding. A rule with a
/// configuration check that is not listed here sees every file.
const OPENING_WORDS: &[(&str, &[&str])] = &[
    ("PHI301", &["://"]),
    (
        "PHI302",
        &[
            "verif",
            "reject",
            "insecure",
            "trust",
            "check_hostname",
            "cert",
        ],
    ),
    ("PHI303", &["tls", "ssl"]),
    (
        "PHI305",
        &["ssl", "tls", "encrypt", "redis://", "amqp://", "mongodb://"],
    ),
    ("PHI501", &["session", "cookie", "idle", "remember"]),
    // Keys named for a signing or encryption secret (`field_key`, `JWT_SECRET`).
    (
        "PHI604",
        &[
            "secret",
            "encrypt",
            "signing",
            "jwt",
            "hmac",
            "fernet",
            "crypto",
            "pepper",
            "fieldkey",
            "field_key",
            "field-key",
            "aes_key",
            "aeskey",
            "pgp",
        ],
    ),
    // Access links by their lifetime keys (`link_days`, `share-link-ttl`, `linkExpiryDays`),
    // not the word `link`, which most JSON documents contain (FHIR `link`, hyperlinks): a
    // file opened for nothing costs its parse.
    (
        "PHI502",
        &[
            "token",
            "jwt",
            "bearer",
            "link_",
            "link-",
            "linkttl",
            "linkdays",
            "linkhours",
            "linkexpir",
            "linklifetime",
            "linkmax",
        ],
    ),
];

/// One automaton over every opening word and the suppression marker, so a file is read once
/// however many rules look at it (each pattern's group: its index in [`OPENING_WORDS`], or
/// `OPENING_WORDS.len()` for the marker).
struct Opening {
    words: aho_corasick::AhoCorasick,
    group: Vec<usize>,
}

static OPENING: std::sync::LazyLock<Opening> = std::sync::LazyLock::new(|| {
    let mut patterns: Vec<&str> = Vec::new();
    let mut group = Vec::new();
    for (i, (_, words)) in OPENING_WORDS.iter().enumerate() {
        patterns.extend(words.iter().copied());
        group.extend(std::iter::repeat_n(i, words.len()));
    }
    patterns.push(crate::suppress::MARKER);
    group.push(OPENING_WORDS.len());
    Opening {
        words: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("the opening words are plain ASCII literals"),
        group,
    }
});

/// Which of [`OPENING_WORDS`]' groups (bit `i`) and whether the suppression marker (bit
/// `OPENING_WORDS.len()`) occur in `text`, in one pass that stops once every group was seen.
fn opening_groups(text: &str) -> u32 {
    let all = (1u32 << (OPENING_WORDS.len() + 1)) - 1;
    let mut seen = 0u32;
    for m in OPENING.words.find_overlapping_iter(text) {
        seen |= 1 << OPENING.group[m.pattern().as_usize()];
        if seen == all {
            break;
        }
    }
    seen
}

/// Whether any rule in `rules` could fire on a text whose [`opening_groups`] are `seen`: a
/// cheap byte test before parsing.
fn could_fire(rules: &[&'static RuleMeta], seen: u32) -> bool {
    rules.iter().any(
        |r| match OPENING_WORDS.iter().position(|(code, _)| *code == r.code) {
            Some(i) => seen & (1 << i) != 0,
            None => true,
        },
    )
}

/// A cheap look at the start of a document for the root keys of data (an OpenAPI or Swagger
/// specification, a FHIR resource), before paying for a parse; [`is_data_shaped`] decides on
/// the parsed document in every other case.
fn looks_like_data(text: &str) -> bool {
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.lines().any(|l| {
        let l = l.trim_end();
        ["openapi:", "swagger:", "asyncapi:", "resourceType:"]
            .iter()
            .any(|k| l.starts_with(k))
            || [
                "\"openapi\"",
                "\"swagger\"",
                "\"asyncapi\"",
                "\"resourceType\"",
            ]
            .iter()
            .any(|k| l.trim_start().starts_with(k) && l.len() - l.trim_start().len() <= 2)
    })
}

/// Deepest indentation, in columns, a YAML file may have: the YAML grammar's scanner keeps a
/// stack of indentation levels and aborts the whole process (an assertion in tree-sitter's
/// parser, not an error it returns) when that stack no longer fits its 1 KiB state, at about
/// 254 levels. Every level takes at least one column, so a file indented less than this cannot
/// reach it.
pub const MAX_YAML_INDENT: usize = crate::limits::YAML_INDENT;

/// Deepest nesting of YAML flow collections (`[`, `{`) a file may have: past about 16,000
/// levels spread over lines, the YAML grammar returns a tree that holds none of the document,
/// so the file would be read as empty and its findings silently lost.
pub const MAX_YAML_FLOW_DEPTH: usize = crate::limits::YAML_FLOW_DEPTH;

/// Whether `text` cannot be parsed safely in `format`: a YAML file indented deeper than
/// [`MAX_YAML_INDENT`] columns (spaces, tabs and the `- `, `? `, `: ` indicators before a line's
/// content), or with brackets nested deeper than [`MAX_YAML_FLOW_DEPTH`] (counted over the
/// bytes, quotes and all: a bound, not a parse). Such a file is not scanned.
pub fn unsafe_to_parse(format: Format, text: &str) -> bool {
    if format != Format::Yaml {
        return false;
    }
    let indented = text.lines().any(|line| {
        line.bytes()
            .position(|b| !matches!(b, b' ' | b'\t' | b'-' | b'?' | b':'))
            .unwrap_or(line.len())
            >= MAX_YAML_INDENT
    });
    let mut depth = 0usize;
    let nested = text.bytes().any(|b| {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth > MAX_YAML_FLOW_DEPTH
    });
    indented || nested
}

/// Why [`unsafe_to_parse`] refused a file, for the notification.
pub const TOO_DEEP: &str = "indented or nested deeper than the YAML parser can handle; not scanned";

/// What the benchmark's parse-only and query-only baselines do with a configuration file:
/// parse it with its grammar (as a scan would, under the same size cap) and drop the tree.
pub fn parse_only(
    format: Format,
    text: &str,
    parse: &mut dyn FnMut(Format, &str) -> Option<tree_sitter::Tree>,
) -> bool {
    if text.len() > MAX_BYTES || format.grammar().is_none() || unsafe_to_parse(format, text) {
        return false;
    }
    parse(format, &parse_text(format, text)).is_some()
}

/// Analyses one configuration file's text with the selected rules that have a config check.
/// `parse` parses a text with a format's grammar (the worker's parsers, with the parse timeout);
/// `None` from it means the parse timed out.
pub fn analyze(
    settings: &Settings,
    rel: &str,
    format: Format,
    text: &str,
    parse: &mut dyn FnMut(Format, &str) -> Option<tree_sitter::Tree>,
) -> Result<Analysis, &'static str> {
    let mut analysis = Analysis::default();
    let rules: Vec<&'static RuleMeta> = settings
        .rules
        .iter()
        .copied()
        .filter(|r| r.config.is_some())
        .collect();
    if text.len() > MAX_BYTES {
        return Ok(analysis);
    }
    let seen = opening_groups(text);
    let has_directives = seen & (1 << OPENING_WORDS.len()) != 0;
    if !has_directives && (!could_fire(&rules, seen) || looks_like_data(text)) {
        return Ok(analysis);
    }
    if unsafe_to_parse(format, text) {
        return Err(TOO_DEEP);
    }
    let tree = match format.grammar() {
        Some(_) => {
            let parsed = parse_text(format, text);
            Some(parse(format, &parsed).ok_or("parsing timed out; not scanned")?)
        }
        None => None,
    };
    analysis.parsed = true;
    if format == Format::Yaml && tree.as_ref().is_some_and(|t| t.root_node().has_error()) {
        analysis.partial = Some(NOT_VALID_YAML);
    }
    let doc = read(format, text, tree.as_ref());
    let lines = LineIndex::new(text);
    if has_directives {
        for c in &doc.comments {
            let comment = &text[c.clone()];
            let start = lines.position(text, c.start).line as usize;
            let end = lines.position(text, c.end).line as usize;
            let line_start = lines.line_start(start);
            let alone = text
                .get(line_start..c.start)
                .is_some_and(|p| p.trim().is_empty());
            if let Some(directive) = crate::suppress::parse_comment(comment) {
                analysis.suppressions.push(crate::suppress::Found::new(
                    directive,
                    start,
                    end + usize::from(alone),
                ));
            }
        }
    }
    if doc.data {
        return Ok(analysis);
    }
    let dev = is_dev_config(rel);
    for rule in rules {
        let Some(check) = rule.config else { continue };
        let mut checker = ConfigChecker::new(&doc, rel, settings, &lines, dev, rule);
        for e in &doc.entries {
            check(&mut checker, e);
        }
        analysis.diagnostics.extend(checker.finish());
    }
    analysis
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.end.cmp(&b.end)));
    analysis
        .diagnostics
        .dedup_by(|a, b| a.rule.code == b.rule.code && a.start == b.start && a.end == b.end);
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(format: Format, text: &str) -> Option<tree_sitter::Tree> {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&format.grammar()?).unwrap();
        p.parse(text, None)
    }

    fn entries(format: Format, source: &str) -> Vec<(String, String)> {
        let parsed = parse_text(format, source);
        let tree = parse(format, &parsed);
        let doc = read(format, source, tree.as_ref());
        doc.entries
            .iter()
            .map(|e| {
                assert_eq!(
                    &source[e.value.clone()].trim_matches(['"', '\'']),
                    &e.text.as_ref(),
                    "{format:?} value range"
                );
                (
                    e.path
                        .iter()
                        .map(|k| k.as_ref())
                        .collect::<Vec<_>>()
                        .join("."),
                    e.text.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn formats_come_from_file_names() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("config/default.json"), Some(Format::Json));
        assert_eq!(f("config/app.json5"), Some(Format::Json5));
        assert_eq!(f("deploy/values.yaml"), Some(Format::Yaml));
        assert_eq!(f("k8s/api.yml"), Some(Format::Yaml));
        assert_eq!(f("settings.toml"), Some(Format::Toml));
        assert_eq!(f(".env"), Some(Format::Env));
        assert_eq!(f("api/.env.production"), Some(Format::Env));
        assert_eq!(f("prod.env"), Some(Format::Env));
        for no in [
            "package.json",
            "web/package-lock.json",
            "pnpm-lock.yaml",
            "Cargo.toml",
            "pyproject.toml",
            "tsconfig.json",
            "tsconfig.app.json",
            ".eslintrc.json",
            ".vscode/settings.json",
            "README.md",
            "app.py",
            ".envrc",
        ] {
            assert_eq!(f(no), None, "{no}");
        }
    }

    #[test]
    fn every_format_flattens_to_key_paths() {
        assert_eq!(
            entries(
                Format::Json,
                "{\"api\": {\"base_url\": \"http://x.org\", \"n\": 3}, \"l\": [true]}"
            ),
            [
                ("api.base_url".into(), "http://x.org".into()),
                ("api.n".into(), "3".into()),
                ("l".into(), "true".into())
            ]
        );
        assert_eq!(
            entries(
                Format::Json5,
                "{api: {base_url: 'http://x.org'}, // c\n n: 3,}"
            ),
            [
                ("api.base_url".into(), "http://x.org".into()),
                ("n".into(), "3".into())
            ]
        );
        assert_eq!(
            entries(
                Format::Yaml,
                "api:\n  base_url: http://x.org # c\n  list: [a, \"b\"]\nenvironment:\n  - DB_URL=postgres://h/db\n"
            ),
            [
                ("api.base_url".into(), "http://x.org".into()),
                ("api.list".into(), "a".into()),
                ("api.list".into(), "b".into()),
                ("environment.DB_URL".into(), "postgres://h/db".into())
            ]
        );
        assert_eq!(
            entries(
                Format::Toml,
                "top = 1\n[api]\nbase_url = \"http://x.org\"\n[a.b]\nc.d = 'e'\n"
            ),
            [
                ("top".into(), "1".into()),
                ("api.base_url".into(), "http://x.org".into()),
                ("a.b.c.d".into(), "e".into())
            ]
        );
        assert_eq!(
            entries(
                Format::Env,
                "# c\nexport API_URL=http://x.org # note\nQ=\"a b\"\nEMPTY=\n"
            ),
            [
                ("API_URL".into(), "http://x.org".into()),
                ("Q".into(), "a b".into()),
                ("EMPTY".into(), "".into())
            ]
        );
        assert_eq!(
            entries(
                Format::Yaml,
                "env:\n  - name: API_URL\n    value: http://x.org\n"
            ),
            [
                ("env.name".into(), "API_URL".into()),
                ("env.API_URL".into(), "http://x.org".into())
            ]
        );
    }

    /// A 200,000-deep document is parsed and walked in bounded time, without recursion.
    #[test]
    fn opening_words_are_found_in_one_case_insensitive_pass() {
        let session = OPENING_WORDS
            .iter()
            .position(|(c, _)| *c == "PHI501")
            .unwrap();
        let link = OPENING_WORDS
            .iter()
            .position(|(c, _)| *c == "PHI502")
            .unwrap();
        let marker = OPENING_WORDS.len();
        let seen = opening_groups("{\"SESSION_COOKIE_AGE\": 1, \"Link_Days\": 3}");
        assert_ne!(seen & (1 << session), 0);
        assert_ne!(seen & (1 << link), 0);
        assert_eq!(seen & (1 << marker), 0);
        // `link` alone (FHIR bundles, hyperlinks) opens nothing.
        assert_eq!(opening_groups("{\"link\": [{\"relation\": \"self\"}]}"), 0);
        assert_ne!(
            opening_groups("# PHI-LINT: ignore[PHI501] reviewed") & (1 << marker),
            0
        );
        let rules = [crate::rules::find("PHI501").unwrap()];
        assert!(could_fire(&rules, 1 << session));
        assert!(!could_fire(&rules, 1 << link));
    }

    #[test]
    fn templated_yaml_keeps_lengths_and_parses() {
        let helm = "env:\n  URL: \"http://fhir.example.com\"\n{{- if .Values.debug }}\n  \
                    DEBUG: {{ .Values.debug | quote }}\n{{- end }}\n{{}}\n";
        let blanked = blank_templates(helm);
        assert_eq!(blanked.len(), helm.len());
        assert_eq!(blanked.lines().count(), helm.lines().count());
        assert!(!blanked.contains("{{"), "{blanked}");
        let tree = parse(Format::Yaml, &blanked).unwrap();
        let entries = entries(Format::Yaml, helm);
        assert!(entries.iter().any(|(k, _)| k == "env.URL"), "{entries:?}");
        assert!(!tree.root_node().has_error(), "{blanked}");
        assert!(entries.iter().any(|(k, _)| k == "env.DEBUG"), "{entries:?}");
        // Directive-shaped fragments too short to hold anything.
        for odd in ["{%}\n", "{{}\n", "{{\n", "x: }}{{\n"] {
            assert_eq!(blank_templates(odd).len(), odd.len());
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let depth = 200_000;
        for (format, open, close) in [
            (Format::Json, "{\"a\":", "}"),
            (Format::Json, "[", "]"),
            (Format::Yaml, "[", "]"),
            (Format::Yaml, "{a: ", "}"),
            (Format::Json5, "{a:", "}"),
            (Format::Toml, "a = [", "]"),
        ] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let started = std::time::Instant::now();
            let parsed = parse_text(format, &text);
            let tree = parse(format, &parsed);
            let doc = read(format, &text, tree.as_ref());
            assert!(doc.entries.len() <= 1, "{format:?}");
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{format:?} took {:?}",
                started.elapsed()
            );
        }
    }
}
