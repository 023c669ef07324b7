//! Configuration: the `phi-lint.toml` file format and the resolved [`Settings`] a scan runs with.
//!
//! Each scanned file uses the closest configuration file above it (`phi-lint.toml`, then
//! `.phi-lint.toml`, then `[tool.phi-lint]` in `pyproject.toml`; see [`crate::config`] for the
//! lookup and `extend` chains); `--config FILE` applies one to every file. Unknown keys and bad
//! values are errors that point at the file and line: a typo in a security tool's configuration
//! must never silently turn a check off. Command-line flags win over the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
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
    /// Another configuration file this one inherits from, relative to this file's directory
    /// (`extend = "../phi-lint.toml"`): its settings apply unless this file sets them (tables
    /// merge key by key). See [`crate::config`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend: Option<String>,
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
    /// files) must match one. Matched against paths relative to the configuration file's
    /// directory.
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

impl ConfigFile {
    /// Parses and checks one configuration file alone (its `extend` is not followed: see
    /// [`crate::config::load`]). `pyproject.toml` is read from `[tool.phi-lint]`; returns
    /// `Ok(None)` for a `pyproject.toml` without that table.
    ///
    /// The file must be a regular file of at most [`crate::read::MAX_CONFIG_BYTES`] (a FIFO,
    /// a device or `/dev/zero` is refused before it is opened).
    pub fn load(path: &Path) -> Result<Option<ConfigFile>> {
        crate::config::load_one(path, None)
    }

    /// [`ConfigFile::load`] of a file found in a repository: a symbolic link must resolve
    /// inside `repository`, so a committed `pyproject.toml` that links to `/proc/self/environ`
    /// or to a file elsewhere on the machine is never read (the error names the path only).
    pub fn load_inside(path: &Path, repository: Option<&Path>) -> Result<Option<ConfigFile>> {
        crate::config::load_one(path, repository)
    }

    /// Finds the configuration that applies to `start` by walking up its ancestors, never
    /// above the repository root.
    pub fn discover(start: &Path) -> Result<Option<(PathBuf, ConfigFile)>> {
        let dir = crate::config::normalize(start);
        Ok(crate::config::discover(start, &dir)?.map(|l| (l.path, l.config)))
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
/// With configuration files in several directories, each file of a scan has the settings of
/// the closest one ([`crate::config::Resolver`]); clones share the vocabulary and the spill
/// store.
#[derive(Clone, Debug)]
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
    /// Terms the configuration declares never PHI (`[phi] ignore`), sorted: each can hide
    /// findings, so the report names them.
    pub terms_ignored_by_config: Vec<String>,
    /// The PHI vocabulary.
    pub vocab: std::sync::Arc<Vocabulary>,
    /// Extra sanitiser names, tokenised and joined.
    pub sanitizers: Vec<String>,
    /// Vendors covered by a BAA (`baa-vendors`), lowercased.
    pub baa_vendors: Vec<String>,
    /// Paths to skip: the built-in excludes and `--exclude`, matched against paths relative to
    /// the scan root (or to the directory walked) and against every path component.
    pub exclude: GlobSet,
    /// The configuration's `exclude` globs, matched against paths relative to the directory
    /// they are anchored at (the configuration file's, or the current directory for
    /// `--config`) and against every path component.
    pub config_exclude: Option<Anchored>,
    /// Where the scan keeps the facts of its project-level join (see [`crate::spill`]). Shared
    /// by the settings of every configuration of a scan: the join reads every file's facts.
    pub spill: std::sync::Arc<crate::spill::Store>,
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
    /// The files `config_path` extends, in order (its `extend`, then that file's, ...).
    pub config_extends: Vec<PathBuf>,
    /// A content hash of everything in these settings that shapes a file's project-level facts
    /// (configuration, selected rules, snippets, size limit, tool build): the facts cache
    /// ([`crate::cache`]) keeps facts under it.
    pub fingerprint: [u8; 32],
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
    /// Paths to scan (`include`), anchored like `config_exclude`; `None` scans everything not
    /// excluded.
    pub include: Option<Anchored>,
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

    /// Resolves settings for scanning `paths` with one configuration file (its relative globs
    /// anchored at its directory) or none. Its `extend` is not followed: see
    /// [`crate::config::load`] for that.
    pub fn resolve(
        file: Option<(PathBuf, ConfigFile)>,
        overrides: &Overrides,
        _paths: &[PathBuf],
    ) -> Result<Settings> {
        let loaded = file.map(|(path, config)| {
            let dir = crate::config::parent_dir(&path);
            crate::config::Loaded {
                path,
                extends: Vec::new(),
                config,
                exclude_base: dir.clone(),
                include_base: dir,
            }
        });
        Settings::from_loaded(loaded.as_ref(), overrides, Default::default())
    }

    /// Resolves settings from a loaded configuration (an `extend` chain already merged) or
    /// none, with `spill` as the spill store (shared by every configuration of a scan).
    pub fn from_loaded(
        loaded: Option<&crate::config::Loaded>,
        overrides: &Overrides,
        spill: std::sync::Arc<crate::spill::Store>,
    ) -> Result<Settings> {
        let default_config = ConfigFile::default();
        let config = loaded.map_or(&default_config, |l| &l.config);
        let config_path = loaded.map(|l| l.path.clone());
        let select: Vec<String> = if !overrides.select.is_empty() {
            overrides.select.clone()
        } else if !config.select.is_empty() {
            config.select.clone()
        } else {
            vec!["ALL".into()]
        };
        // A config value that does not parse (`suite = "everything"`) is an error naming the file.
        // The messages of `parse` quote the value: the file's values are not repeated.
        let config_error = |key: &str| Error::Config {
            path: config_path.clone().unwrap_or_default(),
            message: format!("`{key}`: unknown value"),
            at: None,
        };
        let suite = match (overrides.suite, &config.suite) {
            (Some(s), _) => s,
            (None, Some(s)) => s.parse().map_err(|_| config_error("suite"))?,
            (None, None) => crate::rules::Suite::Default,
        };
        // What the command line alone selects, to tell what the configuration switched off.
        let flag_select: Vec<String> = if overrides.select.is_empty() {
            vec!["ALL".into()]
        } else {
            overrides.select.clone()
        };
        // A rule of the extended suite that the configuration asks for by its own settings
        // runs in the default suite too ([`RuleMeta::requested_by`]).
        let requested = |rule: &RuleMeta| rule.requested_by.is_some_and(|asks| asks(config));
        let mut by_flags: Vec<&'static str> = Vec::new();
        for sel in &flag_select {
            let named = rules::find(sel).is_some();
            for rule in rules::select(sel).unwrap_or_default() {
                if (named || rule.suite <= suite || requested(rule))
                    && !by_flags.contains(&rule.code)
                {
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
                if !named && rule.suite > suite && !requested(rule) {
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
            (None, Some(s)) => s.parse().map_err(|_| config_error("min-confidence"))?,
            // The extended suite reports low-confidence findings too.
            (None, None) if suite == crate::rules::Suite::Extended => Confidence::Low,
            (None, None) => Confidence::Medium,
        };

        if overrides.exclude.len() > crate::limits::MAX_GLOBS {
            return Err(Error::Usage(crate::config::too_many_globs(
                "--exclude",
                overrides.exclude.len(),
            )));
        }
        let exclude = glob_set(
            DEFAULT_EXCLUDES
                .iter()
                .map(|s| s.to_string())
                .chain(overrides.exclude.clone()),
        )
        .map_err(|e| match e {
            GlobError::Invalid(glob, message) => Error::Glob { glob, message },
            GlobError::Build => Error::Usage(
                "--exclude: the globs cannot be compiled together (too many or too complex)".into(),
            ),
        })?;
        // A configuration's globs were checked one by one when it was read; only compiling them
        // together can still fail.
        let config_globs = |key: &str, list: &[String]| {
            glob_set(list.iter().cloned()).map_err(|_| Error::Config {
                path: config_path.clone().unwrap_or_default(),
                message: format!(
                    "`{key}`: the {} globs cannot be compiled together (too many or too complex)",
                    list.len()
                ),
                at: None,
            })
        };
        let config_exclude = match loaded {
            Some(l) if !config.exclude.is_empty() => Some(Anchored {
                globs: config_globs("exclude", &config.exclude)?,
                base: l.exclude_base.clone(),
            }),
            _ => None,
        };

        let mut mrn_patterns = Vec::new();
        for (i, pattern) in config.hardcoded.mrn_patterns.iter().enumerate() {
            let re = crate::config::mrn_regex(pattern).map_err(|e| Error::Config {
                path: config_path.clone().unwrap_or_default(),
                message: format!("`hardcoded.mrn-patterns[{i}]`: {e}"),
                at: None,
            })?;
            mrn_patterns.push(re);
        }
        let include = match loaded {
            Some(l) if !config.include.is_empty() => Some(Anchored {
                globs: config_globs("include", &config.include)?,
                base: l.include_base.clone(),
            }),
            _ => None,
        };
        let fingerprint = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(serde_json::to_vec(config).unwrap_or_default());
            for rule in &rules {
                h.update(rule.code.as_bytes());
            }
            h.update(format!(
                "|{:?}|{:?}|{}|{:?}|{}|{}",
                suite,
                min_confidence,
                overrides.snippets,
                overrides.max_file_size.or(config.max_file_size),
                !overrides.no_prefilter,
                overrides.suppressions.include_suppressed,
            ));
            let mut out = [0u8; 32];
            out.copy_from_slice(&h.finalize());
            out
        };

        Ok(Settings {
            include,
            config_exclude,
            config_extends: loaded.map(|l| l.extends.clone()).unwrap_or_default(),
            fingerprint,
            levels,
            suppressions: overrides.suppressions,
            shard: overrides.shard,
            rules,
            min_confidence,
            suite,
            rules_off_by_config,
            terms_ignored_by_config: {
                let mut t = config.phi.ignore.clone();
                t.sort();
                t.dedup();
                t
            },
            vocab: std::sync::Arc::new(Vocabulary::new(&config.phi)),
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
            spill,
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

    /// Whether some selected rule reads configuration files ([`crate::config_files`]): only
    /// then are they discovered.
    pub fn scans_config(&self) -> bool {
        self.rules.iter().any(|r| r.config.is_some())
    }

    /// Whether a path relative to the `include` globs' directory is inside them (always true
    /// without them).
    pub fn is_included(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.globs.is_match(rel))
    }

    /// Whether the file at `abs` (absolute, [normalised](crate::config::normalize)) is inside
    /// the `include` globs, which are relative to their configuration's directory (always
    /// true without them).
    pub fn includes(&self, abs: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|g| abs.strip_prefix(&g.base).is_ok_and(|r| g.globs.is_match(r)))
    }

    /// Whether a file or directory is excluded: by the built-in and `--exclude` globs, matched
    /// against `rel` (its path relative to the scan root or to the directory walked) and its
    /// components, or by the configuration's `exclude`, matched against its path relative to
    /// that configuration's directory (`abs` is absolute and
    /// [normalised](crate::config::normalize)) and that path's components.
    pub fn excludes(&self, abs: &Path, rel: &Path) -> bool {
        let by = |globs: &GlobSet, path: &Path| {
            globs.is_match(path)
                || path
                    .components()
                    .any(|c| globs.is_match(Path::new(c.as_os_str())))
        };
        if by(&self.exclude, rel) {
            return true;
        }
        self.config_exclude.as_ref().is_some_and(|g| {
            // A file outside the configuration's directory (a base config reached through
            // `extend`) is matched by its components only.
            match abs.strip_prefix(&g.base) {
                Ok(inside) => by(&g.globs, inside),
                Err(_) => rel
                    .components()
                    .any(|c| g.globs.is_match(Path::new(c.as_os_str()))),
            }
        })
    }

    /// Whether the file at `rel` (relative to the source root, `/`-separated) belongs to the
    /// shard being scanned; always true without `--shard`. Files outside the shard are still
    /// analysed by the rules with project-level passes, whose facts join across all files, but
    /// nothing is reported on them.
    pub fn in_shard(&self, rel: &str) -> bool {
        self.shard.is_none_or(|s| s.contains(rel))
    }

    /// Whether a path (relative to the scan root, or a bare component name) is excluded, with
    /// the configuration's globs read as if they were relative to the scan root too. Scans use
    /// [`Settings::excludes`].
    pub fn is_excluded(&self, path: &Path) -> bool {
        let by = |globs: &GlobSet| {
            globs.is_match(path)
                || path
                    .components()
                    .any(|c| globs.is_match(Path::new(c.as_os_str())))
        };
        by(&self.exclude) || self.config_exclude.as_ref().is_some_and(|g| by(&g.globs))
    }
}

/// Globs anchored at a directory: a configuration's `exclude` or `include`, relative to the
/// directory of the configuration file that set them (as in ruff).
#[derive(Clone, Debug)]
pub struct Anchored {
    /// The globs.
    pub globs: GlobSet,
    /// The directory they are relative to (absolute, normalised).
    pub base: PathBuf,
}

/// Why [`glob_set`] failed.
enum GlobError {
    /// A glob does not parse: the glob and why.
    Invalid(String, String),
    /// The globs do not compile together (the matcher would be too large).
    Build,
}

/// Compiles globs into one set.
fn glob_set(patterns: impl Iterator<Item = String>) -> std::result::Result<GlobSet, GlobError> {
    let mut globs = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(&pattern)
            .map_err(|e| GlobError::Invalid(pattern.clone(), e.kind().to_string()))?;
        globs.add(glob);
    }
    globs.build().map_err(|_| GlobError::Build)
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
