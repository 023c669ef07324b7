//! The rule registry: every rule is declared once, with [`declare_rule!`], and listed once in
//! [`ALL`].
//!
//! A declaration carries the rule's docs (the doc comment, with the fixed headings `## What it
//! does`, `## Why is this bad?`, `## Example`, `## Use instead`, `## References`), its code and
//! kebab-case name, category, safeguards, default level and confidence, the tree-sitter query
//! files it reads (embedded with `include_str!`, so a missing file is a compile error) and the
//! Rust check that decides on each query match. SARIF `tool.driver.rules[]`, `phi-lint rules`,
//! `phi-lint explain` and `docs/rules/*.md` are all derived from these declarations and from
//! nowhere else.
//!
//! Codes are grouped by category in hundreds: 1xx phi-logging, 2xx unencrypted-storage, 3xx
//! unencrypted-transmission, 4xx missing-audit, 5xx session-timeout, 6xx weak-crypto, 7xx
//! phi-exposure, 8xx hardcoded-phi. A code is never reused.

pub mod hardcoded_phi;
pub mod missing_audit;
pub mod phi_exposure;
pub mod phi_logging;
mod safeguard;
pub mod session_timeout;
pub mod unencrypted_storage;
pub mod unencrypted_transmission;
pub mod weak_crypto;

pub use safeguard::Safeguard;

use std::fmt;

use crate::engine::{Checker, Match};
use crate::lang::QueryDir;

/// The finding category of a rule: one folder under `src/rules/`, and the category tag every
/// rule of that folder carries in SARIF `properties.tags`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// PHI written in plaintext to logs, consoles and error trackers.
    PhiLogging,
    /// PHI stored without encryption.
    UnencryptedStorage,
    /// PHI transmitted without encryption, or channels with TLS weakened.
    UnencryptedTransmission,
    /// Handlers that read or change PHI without an audit record.
    MissingAudit,
    /// Sessions and tokens without (or with too long) an inactivity timeout.
    SessionTimeout,
    /// Weak or misused cryptography on PHI.
    WeakCrypto,
    /// PHI in URLs, error bodies, or sent to third parties.
    PhiExposure,
    /// Realistic identifiers hard-coded in source.
    HardcodedPhi,
}

impl Category {
    /// Every category, in code order.
    pub const ALL: [Category; 8] = [
        Category::PhiLogging,
        Category::UnencryptedStorage,
        Category::UnencryptedTransmission,
        Category::MissingAudit,
        Category::SessionTimeout,
        Category::WeakCrypto,
        Category::PhiExposure,
        Category::HardcodedPhi,
    ];

    /// The kebab-case tag, e.g. `phi-logging`.
    pub fn tag(self) -> &'static str {
        match self {
            Category::PhiLogging => "phi-logging",
            Category::UnencryptedStorage => "unencrypted-storage",
            Category::UnencryptedTransmission => "unencrypted-transmission",
            Category::MissingAudit => "missing-audit",
            Category::SessionTimeout => "session-timeout",
            Category::WeakCrypto => "weak-crypto",
            Category::PhiExposure => "phi-exposure",
            Category::HardcodedPhi => "hardcoded-phi",
        }
    }

    /// The code prefix of the category's rules, e.g. `PHI1`.
    pub fn code_prefix(self) -> &'static str {
        match self {
            Category::PhiLogging => "PHI1",
            Category::UnencryptedStorage => "PHI2",
            Category::UnencryptedTransmission => "PHI3",
            Category::MissingAudit => "PHI4",
            Category::SessionTimeout => "PHI5",
            Category::WeakCrypto => "PHI6",
            Category::PhiExposure => "PHI7",
            Category::HardcodedPhi => "PHI8",
        }
    }

    /// Parses a category tag.
    pub fn from_tag(tag: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.tag() == tag)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// How serious a finding is; maps to SARIF `level`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Informational (SARIF `note`).
    Note,
    /// SARIF `warning`.
    Warning,
    /// SARIF `error`.
    Error,
}

impl Level {
    /// The SARIF level name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// One level more serious (saturating).
    pub fn raised(self) -> Level {
        match self {
            Level::Note => Level::Warning,
            _ => Level::Error,
        }
    }

    /// GitHub `security-severity` score for a rule whose default level is this.
    pub fn security_severity(self) -> &'static str {
        match self {
            Level::Error => "7.5",
            Level::Warning => "5.0",
            Level::Note => "2.0",
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "note" => Ok(Level::Note),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(format!(
                "unknown level `{s}` (expected note, warning or error)"
            )),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a finding is; maps to SARIF `properties.precision`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Likely noisy; shown only with `--min-confidence low`.
    Low,
    /// Probably PHI.
    Medium,
    /// Almost certainly PHI.
    High,
}

impl Confidence {
    /// The SARIF precision name.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// The confidence of a classifier score (PHI_DOMAIN §2.6: high ≥ 0.8, medium ≥ 0.5).
    pub fn from_score(score: f32) -> Confidence {
        if score >= 0.8 {
            Confidence::High
        } else if score >= 0.5 {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }
}

impl std::str::FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            _ => Err(format!(
                "unknown confidence `{s}` (expected high, medium or low)"
            )),
        }
    }
}

/// The rule suite a rule belongs to (as CodeQL has `default` and `security-extended`). The
/// `default` suite holds the rules whose output met the precision bar on real code nobody tuned
/// them to (bench/realcode); `extended` adds the rest, and reports low-confidence findings too.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Suite {
    /// Run by default.
    Default,
    /// Run with `--suite extended` (or `suite = "extended"`), or when selected by code or name.
    Extended,
}

impl Suite {
    /// `default` or `extended`.
    pub fn as_str(self) -> &'static str {
        match self {
            Suite::Default => "default",
            Suite::Extended => "extended",
        }
    }
}

impl fmt::Display for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Suite {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "default" => Ok(Suite::Default),
            "extended" => Ok(Suite::Extended),
            _ => Err(format!(
                "unknown suite `{s}` (expected default or extended)"
            )),
        }
    }
}

/// Which files a rule can possibly fire on, decided on raw bytes before parsing (issue: most
/// files in a large repository have no sink and no PHI term, and are never parsed).
#[derive(Clone, Copy, Debug)]
pub enum Prefilter {
    /// The rule must see every file (the default: always correct).
    Always,
    /// The rule only reports PHI, so a file without any PHI vocabulary term cannot fire it.
    Phi,
    /// Like `Phi`, but any of these (lowercase, separator-free) tokens also makes the file
    /// relevant: for findings that do not need PHI, such as `senddefaultpii`.
    PhiOr(&'static [&'static str]),
    /// Only files containing one of these tokens (lowercase, separators removed) are relevant.
    Tokens(&'static [&'static str]),
    /// Like `Phi`, or when the function says so (literal shapes such as SSNs, configuration).
    PhiOrCustom(fn(&str, &crate::settings::Settings) -> bool),
}

/// A rule's project-level pass: joins the facts its check recorded in every file.
pub type ProjectFn = fn(&crate::engine::ProjectFacts<'_>) -> Vec<crate::diagnostic::Diagnostic>;

/// How a rule's project-level facts are written to the facts cache ([`crate::cache`]) and read
/// back. Every rule with a project-level pass has one (a test checks it).
#[derive(Clone, Copy)]
pub struct FactCodec {
    /// Encodes one fact; `None` for one that cannot be (the file is then not cached).
    pub encode: fn(&crate::engine::Fact, &crate::settings::Settings) -> Option<Vec<u8>>,
    /// Decodes one for the file at display path `path`; `None` when the bytes do not decode.
    pub decode: fn(
        &crate::cache::Bytes<'_>,
        &std::sync::Arc<str>,
        &crate::settings::Settings,
    ) -> Option<crate::engine::Fact>,
}

/// The check a rule runs on each match of its queries.
pub type CheckFn = for<'a> fn(&mut Checker<'a>, &Match<'a>);

/// Everything known about a rule. Built by [`declare_rule!`]; never constructed by hand.
pub struct RuleMeta {
    /// Code such as `PHI101`.
    pub code: &'static str,
    /// Kebab-case name such as `phi-in-log`; reads as "allow phi-in-log".
    pub name: &'static str,
    /// Category (one folder under `src/rules/`).
    pub category: Category,
    /// Safeguards threatened, primary first.
    pub safeguards: &'static [Safeguard],
    /// Default level.
    pub level: Level,
    /// How precise the rule is overall (SARIF rule `precision`).
    pub confidence: Confidence,
    /// CWE ids.
    pub cwe: &'static [u32],
    /// The rule's docs page in Markdown (the declaration's doc comment).
    pub docs: &'static str,
    /// Where the rule is declared (`file:line`).
    pub source: &'static str,
    /// The rule's query files: directory, file stem and text.
    pub queries: &'static [(QueryDir, &'static str)],
    /// The query file stem (snake_case of the name).
    pub query_stem: &'static str,
    /// The check run on each query match.
    pub check: CheckFn,
    /// The project-level pass, for rules that join facts gathered from many files (handlers
    /// and their audit middleware, settings split over modules). Runs once, after every file.
    pub project: Option<ProjectFn>,
    /// How the facts of the project-level pass are cached.
    pub facts: Option<FactCodec>,
    /// Which files can possibly produce a finding.
    pub prefilter: Prefilter,
    /// The suite the rule is in.
    pub suite: Suite,
    /// For a rule of the extended suite: whether a configuration asks for it by its own
    /// settings, which brings it into the default suite (PHI803's `mrn-patterns`).
    pub requested_by: Option<fn(&crate::settings::ConfigFile) -> bool>,
    /// The check run on each entry of a configuration file (`*.json`, `*.yaml`, `*.toml`,
    /// `.env`, ...), for rules whose settings also live there ([`crate::config_files`]).
    pub config: Option<crate::config_files::ConfigCheckFn>,
}

impl RuleMeta {
    /// The rule's docs page in Markdown: the doc comment without the one space every `///` line
    /// starts with.
    pub fn docs_markdown(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence of the `## What it does` section: SARIF `shortDescription`.
    pub fn short_description(&self) -> String {
        let mut lines = self
            .docs
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("## What it does"));
        lines.next();
        let mut text = String::new();
        for line in lines {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                break;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
        match text.find(". ") {
            Some(i) => text[..=i].to_string(),
            None => text,
        }
    }

    /// The HIPAA citation of the primary safeguard, e.g. `45 CFR 164.502(b)`.
    pub fn citation(&self) -> String {
        format!("45 CFR {}", self.safeguards[0].citation())
    }

    /// Whether the rule has queries for a language.
    pub fn covers(&self, lang: crate::lang::Language) -> bool {
        self.queries
            .iter()
            .any(|(dir, _)| lang.query_dirs().contains(dir))
    }

    /// SARIF `properties.tags`.
    pub fn tags(&self) -> Vec<String> {
        let mut tags = vec![
            "security".to_string(),
            self.category.tag().to_string(),
            "hipaa".to_string(),
        ];
        for s in self.safeguards {
            tags.push(format!("hipaa/{}", s.citation()));
        }
        for cwe in self.cwe {
            tags.push(format!("external/cwe/cwe-{cwe}"));
        }
        tags
    }
}

impl fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// Declares a rule. See the module docs and any rule file for the shape.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $ident:ident = $code:literal {
            name: $name:literal,
            file: $file:ident,
            category: $category:ident,
            safeguards: [$($safeguard:ident),+ $(,)?],
            level: $level:ident,
            confidence: $confidence:ident,
            cwe: [$($cwe:literal),* $(,)?],
            queries: [$($dir:ident),+ $(,)?],
            check: $check:path
            $(, project: $project:path, facts: $facts:expr)?
            $(, prefilter: $prefilter:expr)?
            $(, suite: $suite:ident)?
            $(, requested_by: $requested:path)?
            $(, config: $config:path)? $(,)?
        }
    ) => {
        // The doc comment is the rule's user-facing docs page (its code blocks are examples in
        // several languages, not doctests), so the static gets a one-line rustdoc instead.
        #[doc = concat!("Rule ", $code, " (`", $name, "`); see [`RuleMeta::docs`](crate::rules::RuleMeta::docs).")]
        pub static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            category: $crate::rules::Category::$category,
            safeguards: &[$($crate::rules::Safeguard::$safeguard),+],
            level: $crate::rules::Level::$level,
            confidence: $crate::rules::Confidence::$confidence,
            cwe: &[$($cwe),*],
            docs: concat!($($doc, "\n"),*),
            source: concat!(file!(), ":", line!()),
            queries: &[$((
                $crate::declare_rule!(@dir $dir),
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/queries/", stringify!($dir), "/", stringify!($file), ".scm")),
            )),+],
            query_stem: stringify!($file),
            check: $check,
            project: $crate::declare_rule!(@project $($project)?),
            facts: $crate::declare_rule!(@facts $($facts)?),
            prefilter: $crate::declare_rule!(@prefilter $($prefilter)?),
            suite: $crate::declare_rule!(@suite $($suite)?),
            requested_by: $crate::declare_rule!(@requested $($requested)?),
            config: $crate::declare_rule!(@config $($config)?),
        };
    };
    (@suite) => { $crate::rules::Suite::Default };
    (@suite $suite:ident) => { $crate::rules::Suite::$suite };
    (@prefilter) => { $crate::rules::Prefilter::Always };
    (@prefilter $prefilter:expr) => { $prefilter };
    (@requested) => { None };
    (@requested $requested:path) => { Some($requested) };
    (@config) => { None };
    (@config $config:path) => { Some($config) };
    (@project) => { None };
    (@project $project:path) => { Some($project) };
    (@facts) => { None };
    (@facts $facts:expr) => { Some($facts) };
    (@dir python) => { $crate::lang::QueryDir::Python };
    (@dir ecma) => { $crate::lang::QueryDir::Ecma };
    (@dir typescript) => { $crate::lang::QueryDir::TypeScript };
    (@dir rust) => { $crate::lang::QueryDir::Rust };
}

/// Files meant for development, local runs or tests (`settings/local.py`, `dev_settings.py`,
/// anything under `tests/` or `scripts/`): their debug switches never reach production.
pub(crate) fn is_dev_file(path: &str) -> bool {
    is_dev_file_name(path)
        || path.split('/').any(|c| {
            matches!(
                c,
                "tests" | "test" | "examples" | "docs" | "dev" | "scripts"
            )
        })
}

/// Whether a file's own name marks it as meant for development, local runs or tests
/// (`local.py`, `settings_dev.py`, `test.py`), whatever directory it is in.
pub(crate) fn is_dev_file_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = name.trim_end_matches(".py");
    crate::phi::tokenize(stem).iter().any(|t| {
        matches!(
            t.as_str(),
            "dev"
                | "develop"
                | "development"
                | "local"
                | "test"
                | "tests"
                | "testing"
                | "ci"
                | "example"
                | "sample"
                | "debug"
        )
    })
}

/// Every rule, in code order. The only registry.
pub static ALL: &[&RuleMeta] = &[
    &phi_logging::phi_in_log::PHI_IN_LOG,
    &phi_logging::phi_in_console_output::PHI_IN_CONSOLE_OUTPUT,
    &phi_logging::phi_in_error_tracker::PHI_IN_ERROR_TRACKER,
    &phi_logging::phi_in_instrumented_span::PHI_IN_INSTRUMENTED_SPAN,
    &unencrypted_storage::phi_written_to_file::PHI_WRITTEN_TO_FILE,
    &unencrypted_storage::phi_in_browser_storage::PHI_IN_BROWSER_STORAGE,
    &unencrypted_storage::phi_in_cache_or_queue::PHI_IN_CACHE_OR_QUEUE,
    &unencrypted_storage::phi_in_object_storage::PHI_IN_OBJECT_STORAGE,
    &unencrypted_storage::plaintext_phi_column::PLAINTEXT_PHI_COLUMN,
    &unencrypted_transmission::cleartext_http_endpoint::CLEARTEXT_HTTP_ENDPOINT,
    &unencrypted_transmission::tls_verification_disabled::TLS_VERIFICATION_DISABLED,
    &unencrypted_transmission::outdated_tls_version::OUTDATED_TLS_VERSION,
    &unencrypted_transmission::phi_over_cleartext_mail_or_ftp::PHI_OVER_CLEARTEXT_MAIL_OR_FTP,
    &unencrypted_transmission::database_tls_disabled::DATABASE_TLS_DISABLED,
    &missing_audit::phi_handler_without_audit::PHI_HANDLER_WITHOUT_AUDIT,
    &missing_audit::phi_in_audit_record::PHI_IN_AUDIT_RECORD,
    &missing_audit::audit_event_missing_actor::AUDIT_EVENT_MISSING_ACTOR,
    &session_timeout::long_lived_session::LONG_LIVED_SESSION,
    &session_timeout::long_lived_token::LONG_LIVED_TOKEN,
    &weak_crypto::weak_hash_on_phi::WEAK_HASH_ON_PHI,
    &weak_crypto::insecure_cipher_mode::INSECURE_CIPHER_MODE,
    &weak_crypto::jwt_signature_verification_disabled::JWT_SIGNATURE_VERIFICATION_DISABLED,
    &weak_crypto::hardcoded_encryption_key::HARDCODED_ENCRYPTION_KEY,
    &phi_exposure::phi_in_url::PHI_IN_URL,
    &phi_exposure::error_details_in_response::ERROR_DETAILS_IN_RESPONSE,
    &phi_exposure::debug_mode_enabled::DEBUG_MODE_ENABLED,
    &phi_exposure::phi_sent_to_third_party::PHI_SENT_TO_THIRD_PARTY,
    &phi_exposure::phi_record_overshared::PHI_RECORD_OVERSHARED,
    &hardcoded_phi::hardcoded_ssn::HARDCODED_SSN,
    &hardcoded_phi::hardcoded_medicare_id::HARDCODED_MEDICARE_ID,
    &hardcoded_phi::hardcoded_identifier_in_phi_field::HARDCODED_IDENTIFIER_IN_PHI_FIELD,
    &hardcoded_phi::hardcoded_patient_record::HARDCODED_PATIENT_RECORD,
];

/// Looks a rule up by code (`PHI101`, case-insensitive) or name (`phi-in-log`).
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Resolves a selector (code, code prefix such as `PHI1`, name, category tag, or `ALL`) to rules.
pub fn select(selector: &str) -> Option<Vec<&'static RuleMeta>> {
    if selector.eq_ignore_ascii_case("all") {
        return Some(ALL.to_vec());
    }
    if let Some(rule) = find(selector) {
        return Some(vec![rule]);
    }
    if let Some(cat) = Category::from_tag(selector) {
        return Some(ALL.iter().copied().filter(|r| r.category == cat).collect());
    }
    let upper = selector.to_ascii_uppercase();
    if upper.starts_with("PHI") && upper.len() < 6 {
        let rules: Vec<_> = ALL
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect();
        if !rules.is_empty() {
            return Some(rules);
        }
    }
    None
}
