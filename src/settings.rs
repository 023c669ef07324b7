//! Configuration: the `phi-lint.toml` file format and the resolved [`Settings`] a scan runs with.
//!
//! The file is found by walking up from the first scanned path (`phi-lint.toml`, then
//! `.phi-lint.toml`, then `[tool.phi-lint]` in `pyproject.toml`); `--config FILE` overrides.
//! Unknown keys and bad values are errors that point at the file and line: a typo in a security
//! tool's configuration must never silently turn a check off. Command-line flags win over the
//! file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::phi::{Vocabulary, VocabularyConfig};
use crate::rules::{self, Confidence, RuleMeta};

/// Names of the configuration files looked for, in order.
pub const CONFIG_FILES: [&str; 3] = ["phi-lint.toml", ".phi-lint.toml", "pyproject.toml"];

/// The `phi-lint.toml` file (or `[tool.phi-lint]`).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Globs of paths to skip (matched against paths relative to the config file's directory,
    /// and against every path component name).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Rules to run (codes, prefixes, names or categories). Default: all.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Lowest confidence reported.
    #[serde(default)]
    pub min_confidence: Option<String>,
    /// Rule suite: `default` or `extended`.
    #[serde(default)]
    pub suite: Option<String>,
    /// Largest file scanned, in bytes.
    #[serde(default)]
    pub max_file_size: Option<u64>,
    /// Extra PHI vocabulary.
    #[serde(default)]
    pub phi: VocabularyConfig,
    /// Extra sanitiser names.
    #[serde(default)]
    pub sanitizers: SanitizerConfig,
    /// Session lifetime policy (`[session]`).
    #[serde(default)]
    pub session: SessionConfig,
    /// Token lifetime policy (`[token]`).
    #[serde(default)]
    pub token: TokenConfig,
    /// hardcoded-phi options.
    #[serde(default)]
    pub hardcoded: HardcodedConfig,
    /// Third-party vendors covered by a business associate agreement (SDK names such as
    /// `"segment"`, `"openai"`, or hosts such as `"api.openai.com"`): PHI sent to them is not
    /// reported by phi-sent-to-third-party.
    #[serde(default)]
    pub baa_vendors: Vec<String>,
    /// Audit evidence and handler recognition (missing-audit rules).
    #[serde(default)]
    pub audit: AuditConfig,
    /// Globs of paths to scan; when given, files found by walking directories (and explicit
    /// files) must match one. Matched against paths relative to the scan root.
    #[serde(default)]
    pub include: Vec<String>,
    /// Per-rule level (`[rules]`): `PHI101 = "warning"`, `phi-in-log = "off"`. Keys are rule
    /// selectors (codes, names, prefixes, categories); values `error`, `warning`, `note`, `off`.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleLevel>,
}

/// A per-rule level in `[rules]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as a note.
    Note,
    /// Do not run the rule.
    Off,
}

/// `[session]`: the longest session lifetimes allowed (PHI_DOMAIN §3.5, Appendix A).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SessionConfig {
    /// Longest inactivity before a session must expire (default 900 s, 15 minutes).
    #[serde(default)]
    pub max_idle_seconds: Option<u64>,
    /// Longest total session lifetime (default 43200 s, 12 hours).
    #[serde(default)]
    pub max_absolute_seconds: Option<u64>,
}

/// `[token]`: the longest token lifetimes allowed.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TokenConfig {
    /// Longest access-token lifetime (default 3600 s, 1 hour).
    #[serde(default)]
    pub max_lifetime_seconds: Option<u64>,
    /// Longest refresh-token lifetime (default 86400 s, 1 day).
    #[serde(default)]
    pub max_refresh_seconds: Option<u64>,
}

/// Resolved session and token lifetime policy, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// `[session] max-idle-seconds`.
    pub max_idle: u64,
    /// `[session] max-absolute-seconds`.
    pub max_absolute: u64,
    /// `[token] max-lifetime-seconds`.
    pub max_token: u64,
    /// `[token] max-refresh-seconds`.
    pub max_refresh: u64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            max_idle: 900,
            max_absolute: 43_200,
            max_token: 3_600,
            max_refresh: 86_400,
        }
    }
}

/// `[hardcoded]`: options of the hardcoded-phi rules (PHI8xx).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HardcodedConfig {
    /// Do not report well-known sample identifiers (`078-05-1120`, `123-45-6789`, repeated
    /// digits, the CMS sample MBI); by default they are reported as notes.
    #[serde(default)]
    pub allow_known_samples: bool,
    /// Site-specific medical record number formats (regular expressions, e.g. `"^E[0-9]{7}$"`):
    /// any string literal they match is reported as an MRN, whatever key it sits under.
    #[serde(default)]
    pub mrn_patterns: Vec<String>,
}

/// `[audit]`: what counts as audit evidence for the missing-audit rules (PHI_DOMAIN §3.4).
/// Names are matched on tokenised, case-insensitive identifiers, in addition to the built-in
/// defaults (any name with the token `audit`, access-log verbs such as `log_access`).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuditConfig {
    /// Extra audit function names (`["record_event", "HipaaTrail.write"]`).
    #[serde(default)]
    pub functions: Vec<String>,
    /// Extra audit decorator or attribute names.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// Extra audit middleware, interceptor, layer or fairing names.
    #[serde(default)]
    pub middleware: Vec<String>,
    /// Whether plain application log calls (`logger.info("viewed patient")`) count as audit
    /// evidence. Default false: app logs are neither tamper-evident nor reviewable.
    #[serde(default)]
    pub accept_app_logs: bool,
    /// Extra decorators that mark a function as a request handler (`["rpc_method"]`).
    #[serde(default)]
    pub handler_decorators: Vec<String>,
}

/// The resolved `[audit]` table: names tokenised and joined (`log_event` → `logevent`).
#[derive(Clone, Debug, Default)]
pub struct AuditSettings {
    /// Extra audit names (functions, decorators and middleware alike).
    pub names: Vec<String>,
    /// Whether app log calls count as audit evidence.
    pub accept_app_logs: bool,
    /// Extra handler decorator names.
    pub handler_decorators: Vec<String>,
}

/// `[sanitizers]`.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SanitizerConfig {
    /// Function names that make a value safe to log or expose (`["scrub_phi", "to_safe_dict"]`).
    #[serde(default)]
    pub functions: Vec<String>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyProjectTool>,
}

#[derive(Deserialize)]
struct PyProjectTool {
    #[serde(rename = "phi-lint")]
    phi_lint: Option<toml::Value>,
}

impl ConfigFile {
    /// Parses a configuration file. `pyproject.toml` is read from `[tool.phi-lint]`; returns
    /// `Ok(None)` for a `pyproject.toml` without that table.
    ///
    /// The file must be a regular file of at most [`crate::read::MAX_CONFIG_BYTES`] (a FIFO,
    /// a device or `/dev/zero` is refused before it is opened).
    pub fn load(path: &Path) -> Result<Option<ConfigFile>> {
        ConfigFile::load_inside(path, None)
    }

    /// [`ConfigFile::load`] of a file found in a repository: a symbolic link must resolve
    /// inside `repository`, so a committed `pyproject.toml` that links to `/proc/self/environ`
    /// or to a file elsewhere on the machine is never read (the error names the path only).
    pub fn load_inside(path: &Path, repository: Option<&Path>) -> Result<Option<ConfigFile>> {
        let text = crate::read::text_or_error(path, repository, crate::read::MAX_CONFIG_BYTES)?;
        let err = |message: String, span: Option<std::ops::Range<usize>>| Error::Config {
            path: path.to_path_buf(),
            message,
            // The file is shown as a code frame: no control character of it reaches the
            // terminal raw, and byte offsets stay valid.
            src: NamedSource::new(
                crate::escape::path(path),
                crate::escape::same_length(&text).into_owned(),
            ),
            span: span
                .map(|r| SourceSpan::from(r.start..r.end.max(r.start + 1).min(text.len().max(1)))),
        };
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        if is_pyproject {
            let py: PyProject =
                toml::from_str(&text).map_err(|e| err(e.message().to_string(), e.span()))?;
            let Some(value) = py.tool.and_then(|t| t.phi_lint) else {
                return Ok(None);
            };
            // Re-parse the table from the document so errors keep their spans.
            let config: ConfigFile = value.try_into().map_err(|e: toml::de::Error| {
                err(format!("[tool.phi-lint]: {}", e.message()), None)
            })?;
            return Ok(Some(config));
        }
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| err(e.message().to_string(), e.span()))
    }

    /// Finds the configuration that applies to `start` by walking up its ancestors.
    pub fn discover(start: &Path) -> Result<Option<(PathBuf, ConfigFile)>> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let repository = crate::read::repository_of(d);
            for name in CONFIG_FILES {
                let candidate = d.join(name);
                match crate::read::check(
                    &candidate,
                    Some(&repository),
                    crate::read::MAX_CONFIG_BYTES,
                ) {
                    Err(crate::read::Refusal::Missing) => continue,
                    Err(why) => return Err(crate::read::refused(&candidate, &why)),
                    Ok(_) => {}
                }
                if let Some(config) = ConfigFile::load_inside(&candidate, Some(&repository))? {
                    return Ok(Some((candidate, config)));
                }
            }
            // Never above the repository: a configuration in a parent directory of a checkout
            // (another project, a CI workspace) does not decide what this scan reports.
            if d.join(".git").exists() {
                break;
            }
            dir = d.parent();
        }
        Ok(None)
    }
}

/// Options given on the command line, applied over the configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--select`.
    pub select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--exclude`.
    pub exclude: Vec<String>,
    /// `--min-confidence`.
    pub min_confidence: Option<Confidence>,
    /// `--suite`.
    pub suite: Option<crate::rules::Suite>,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--snippets`.
    pub snippets: bool,
    /// `--max-file-size`.
    pub max_file_size: Option<u64>,
    /// Do not look for a configuration file (`--isolated`).
    pub isolated: bool,
    /// Parse every file, even those the byte prefilter would skip (`--no-prefilter`).
    pub no_prefilter: bool,
    /// `--allow-partial`: a file not fully analysed within its budget is a warning.
    pub allow_partial: bool,
    /// `--include-suppressed`, `--strict-suppressions`, `--report-unused-suppressions`.
    pub suppressions: crate::suppress::Policy,
    /// `--shard I/N`.
    pub shard: Option<crate::shard::Shard>,
}

/// Everything a scan needs to know, resolved from defaults, the configuration file and flags.
#[derive(Debug)]
pub struct Settings {
    /// Selected rules, in code order.
    pub rules: Vec<&'static RuleMeta>,
    /// Lowest confidence reported.
    pub min_confidence: Confidence,
    /// The rule suite.
    pub suite: crate::rules::Suite,
    /// Rules the configuration file switched off (`select`, `ignore`, `[rules] X = "off"`)
    /// that the command line alone would have run.
    pub rules_off_by_config: Vec<&'static str>,
    /// The PHI vocabulary.
    pub vocab: Vocabulary,
    /// Extra sanitiser names, tokenised and joined.
    pub sanitizers: Vec<String>,
    /// Vendors covered by a BAA (`baa-vendors`), lowercased.
    pub baa_vendors: Vec<String>,
    /// Paths to skip.
    pub exclude: GlobSet,
    /// Where the scan keeps the facts of its project-level join (see [`crate::spill`]).
    pub spill: crate::spill::Store,
    /// Largest file scanned, in bytes.
    pub max_file_size: u64,
    /// Longest time spent parsing one file.
    pub parse_timeout: Duration,
    /// Longest time spent running the rules over one parsed file ([`crate::budget`]).
    pub analysis_timeout: Duration,
    /// A file not fully analysed within its budget is a warning, not an error (`--allow-partial`).
    pub allow_partial: bool,
    /// Worker threads (0 = one per core).
    pub threads: usize,
    /// Include masked source lines in output.
    pub snippets: bool,
    /// The configuration file used, if any.
    pub config_path: Option<PathBuf>,
    /// Skip files that no selected rule can fire on, before parsing them.
    pub prefilter: bool,
    /// Session and token lifetime policy.
    pub session_policy: SessionPolicy,
    /// hardcoded-phi options.
    pub hardcoded: HardcodedConfig,
    /// `[hardcoded] mrn-patterns`, compiled.
    pub mrn_patterns: Vec<regex::Regex>,
    /// Audit evidence settings (missing-audit rules).
    pub audit: AuditSettings,
    /// Paths to scan (`include`); `None` scans everything not excluded.
    pub include: Option<GlobSet>,
    /// Level overrides from `[rules]`, by rule code.
    pub levels: Vec<(&'static str, crate::rules::Level)>,
    /// How inline suppressions are treated.
    pub suppressions: crate::suppress::Policy,
    /// `--shard I/N`: report only on the files of this shard (see [`Settings::in_shard`]).
    pub shard: Option<crate::shard::Shard>,
}

/// Directory names never scanned unless passed explicitly: installed dependencies and caches.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    "node_modules",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "site-packages",
    "__pypackages__",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    "bower_components",
    ".git",
    ".hg",
    ".svn",
    "*.min.js",
    "*.bundle.js",
];

impl Settings {
    /// Default settings, no configuration file.
    pub fn default_settings() -> Settings {
        Settings::resolve(
            None,
            &Overrides {
                isolated: true,
                ..Default::default()
            },
            &[],
        )
        .expect("the default settings are valid")
    }

    /// Resolves settings for scanning `paths`.
    pub fn resolve(
        file: Option<(PathBuf, ConfigFile)>,
        overrides: &Overrides,
        _paths: &[PathBuf],
    ) -> Result<Settings> {
        let (config_path, config) = match file {
            Some((p, c)) => (Some(p), c),
            None => (None, ConfigFile::default()),
        };
        let select: Vec<String> = if !overrides.select.is_empty() {
            overrides.select.clone()
        } else if !config.select.is_empty() {
            config.select.clone()
        } else {
            vec!["ALL".into()]
        };
        // A config value that does not parse (`suite = "everything"`) is an error naming the file.
        let config_error = |message: String| Error::Config {
            path: config_path.clone().unwrap_or_default(),
            message,
            src: NamedSource::new("", String::new()),
            span: None,
        };
        let suite = match (overrides.suite, &config.suite) {
            (Some(s), _) => s,
            (None, Some(s)) => s.parse().map_err(config_error)?,
            (None, None) => crate::rules::Suite::Default,
        };
        // What the command line alone selects, to tell what the configuration switched off.
        let flag_select: Vec<String> = if overrides.select.is_empty() {
            vec!["ALL".into()]
        } else {
            overrides.select.clone()
        };
        let mut by_flags: Vec<&'static str> = Vec::new();
        for sel in &flag_select {
            let named = rules::find(sel).is_some();
            for rule in rules::select(sel).unwrap_or_default() {
                if (named || rule.suite <= suite) && !by_flags.contains(&rule.code) {
                    by_flags.push(rule.code);
                }
            }
        }
        for sel in &overrides.ignore {
            let drop = rules::select(sel).unwrap_or_default();
            by_flags.retain(|c| !drop.iter().any(|d| d.code == *c));
        }
        let mut rules: Vec<&'static RuleMeta> = Vec::new();
        for sel in &select {
            // A rule named by its code or name runs whatever its suite; a group (`ALL`, a
            // category, a code prefix) brings the rules of the chosen suite.
            let named = rules::find(sel).is_some();
            for rule in rules::select(sel).ok_or_else(|| Error::UnknownSelector(sel.clone()))? {
                if !named && rule.suite > suite {
                    continue;
                }
                if !rules.iter().any(|r| r.code == rule.code) {
                    rules.push(rule);
                }
            }
        }
        for sel in config.ignore.iter().chain(&overrides.ignore) {
            let drop = rules::select(sel).ok_or_else(|| Error::UnknownSelector(sel.clone()))?;
            rules.retain(|r| !drop.iter().any(|d| d.code == r.code));
        }
        let mut levels: Vec<(&'static str, crate::rules::Level)> = Vec::new();
        for (sel, level) in &config.rules {
            let chosen = rules::select(sel).ok_or_else(|| Error::UnknownSelector(sel.clone()))?;
            for rule in chosen {
                let level = match level {
                    RuleLevel::Off => {
                        rules.retain(|r| r.code != rule.code);
                        continue;
                    }
                    RuleLevel::Error => crate::rules::Level::Error,
                    RuleLevel::Warning => crate::rules::Level::Warning,
                    RuleLevel::Note => crate::rules::Level::Note,
                };
                levels.retain(|(c, _)| *c != rule.code);
                levels.push((rule.code, level));
            }
        }
        rules.sort_by_key(|r| r.code);
        let mut rules_off_by_config: Vec<&'static str> = by_flags
            .into_iter()
            .filter(|c| !rules.iter().any(|r| r.code == *c))
            .collect();
        rules_off_by_config.sort();

        let min_confidence = match (overrides.min_confidence, &config.min_confidence) {
            (Some(c), _) => c,
            (None, Some(s)) => s.parse().map_err(config_error)?,
            // The extended suite reports low-confidence findings too.
            (None, None) if suite == crate::rules::Suite::Extended => Confidence::Low,
            (None, None) => Confidence::Medium,
        };

        let mut globs = GlobSetBuilder::new();
        for pattern in DEFAULT_EXCLUDES
            .iter()
            .map(|s| s.to_string())
            .chain(config.exclude.clone())
            .chain(overrides.exclude.clone())
        {
            let glob = Glob::new(&pattern).map_err(|e| Error::Glob {
                glob: pattern.clone(),
                message: e.kind().to_string(),
            })?;
            globs.add(glob);
        }
        let exclude = globs.build().map_err(|e| Error::Glob {
            glob: String::new(),
            message: e.to_string(),
        })?;

        let mut mrn_patterns = Vec::new();
        for pattern in &config.hardcoded.mrn_patterns {
            let re = regex::RegexBuilder::new(pattern)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| Error::Config {
                    path: config_path.clone().unwrap_or_default(),
                    message: format!(
                        "[hardcoded] mrn-patterns: `{pattern}` is not a valid regex: {e}"
                    ),
                    src: NamedSource::new("", String::new()),
                    span: None,
                })?;
            mrn_patterns.push(re);
        }
        let include = if config.include.is_empty() {
            None
        } else {
            let mut b = GlobSetBuilder::new();
            for pattern in &config.include {
                b.add(Glob::new(pattern).map_err(|e| Error::Glob {
                    glob: pattern.clone(),
                    message: e.kind().to_string(),
                })?);
            }
            Some(b.build().map_err(|e| Error::Glob {
                glob: String::new(),
                message: e.to_string(),
            })?)
        };

        Ok(Settings {
            include,
            levels,
            suppressions: overrides.suppressions,
            shard: overrides.shard,
            rules,
            min_confidence,
            suite,
            rules_off_by_config,
            vocab: Vocabulary::new(&config.phi),
            sanitizers: config
                .sanitizers
                .functions
                .iter()
                .map(|f| crate::phi::tokenize(f).concat())
                .collect(),
            baa_vendors: config
                .baa_vendors
                .iter()
                .map(|v| v.trim().to_ascii_lowercase())
                .collect(),
            exclude,
            spill: Default::default(),
            max_file_size: overrides
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(crate::limits::MAX_FILE_SIZE),
            parse_timeout: parse_timeout(),
            analysis_timeout: analysis_timeout(),
            allow_partial: overrides.allow_partial,
            threads: overrides.threads.unwrap_or(0),
            snippets: overrides.snippets,
            audit: AuditSettings {
                names: config
                    .audit
                    .functions
                    .iter()
                    .chain(&config.audit.decorators)
                    .chain(&config.audit.middleware)
                    .map(|f| crate::phi::tokenize(f).concat())
                    .filter(|n| !n.is_empty())
                    .collect(),
                accept_app_logs: config.audit.accept_app_logs,
                handler_decorators: config
                    .audit
                    .handler_decorators
                    .iter()
                    .map(|f| crate::phi::tokenize(f).concat())
                    .collect(),
            },
            config_path,
            prefilter: !overrides.no_prefilter,
            session_policy: {
                let d = SessionPolicy::default();
                SessionPolicy {
                    max_idle: config.session.max_idle_seconds.unwrap_or(d.max_idle),
                    max_absolute: config
                        .session
                        .max_absolute_seconds
                        .unwrap_or(d.max_absolute),
                    max_token: config.token.max_lifetime_seconds.unwrap_or(d.max_token),
                    max_refresh: config.token.max_refresh_seconds.unwrap_or(d.max_refresh),
                }
            },
            hardcoded: config.hardcoded.clone(),
            mrn_patterns,
        })
    }

    /// Whether a path relative to the scan root is inside the `include` globs (always true
    /// without them).
    pub fn is_included(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }

    /// Whether the file at `rel` (relative to the source root, `/`-separated) belongs to the
    /// shard being scanned; always true without `--shard`. Files outside the shard are still
    /// analysed by the rules with project-level passes, whose facts join across all files, but
    /// nothing is reported on them.
    pub fn in_shard(&self, rel: &str) -> bool {
        self.shard.is_none_or(|s| s.contains(rel))
    }

    /// Whether a path (relative to the scan root, or a bare component name) is excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_match(path) {
            return true;
        }
        path.components()
            .any(|c| self.exclude.is_match(Path::new(c.as_os_str())))
    }
}

/// The per-file parse timeout: 10 seconds. Debug builds read `PHI_LINT_DEBUG_PARSE_TIMEOUT_MS`
/// so a test can show that the parse-memory cap, not the clock, stops a parse.
fn parse_timeout() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("PHI_LINT_DEBUG_PARSE_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Duration::from_millis(ms);
    }
    crate::limits::PARSE_TIMEOUT
}

/// The per-file analysis budget: 10 seconds. Debug builds read
/// `PHI_LINT_DEBUG_ANALYSIS_BUDGET_MS` so tests can run out of it on a small file.
fn analysis_timeout() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("PHI_LINT_DEBUG_ANALYSIS_BUDGET_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Duration::from_millis(ms);
    }
    crate::limits::ANALYSIS_BUDGET
}
