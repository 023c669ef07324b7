//! `phi-lint init`: the commented default configuration.
//!
//! Lines starting with `## ` explain; lines starting with `# ` are example settings, commented
//! out so the file as written means "all defaults". A unit test uncomments every example and
//! parses the result with [`ConfigFile`](crate::settings::ConfigFile) (unknown keys are errors),
//! and checks that every key `ConfigFile` knows appears here, so this file cannot drift from
//! the configuration format.

/// The file `phi-lint init` writes.
pub const DEFAULT_CONFIG: &str = r#"## phi-lint configuration. Each scanned file uses the closest phi-lint.toml (or
## .phi-lint.toml, or [tool.phi-lint] in pyproject.toml) in its directory or above it, up to the
## repository root; `--config FILE` applies one file to every file.
## Every setting below is commented out and shows its default or an example.
## Unknown keys and bad values are errors. Command-line flags win over this file.

## Inherit another configuration file (relative to this one): its settings apply unless this
## file sets them; tables merge key by key. It must be inside the repository.
# extend = "../phi-lint.toml"

## Rules to run: codes (PHI101), prefixes (PHI1), names (phi-in-log), categories
## (phi-logging) or "ALL".
# select = ["ALL"]
## Rules not to run (same forms).
# ignore = []

## Paths to scan. When given, a file must match one of these globs (relative to this file's
## directory) to be scanned, whether found by walking a directory or passed explicitly.
# include = ["src/**", "app/**"]
## Paths to skip (globs relative to this file's directory, also matched against every path
## component). Installed dependencies (node_modules, .venv, site-packages, ...) and
## .gitignore'd files are always skipped when walking directories.
# exclude = ["migrations", "**/generated/**"]

## Lowest confidence reported: "high", "medium" (default) or "low".
# min-confidence = "medium"
## Rule suite: "default" (the rules precise on real code) or "extended" (every rule, and
## low-confidence findings unless min-confidence says otherwise).
# suite = "default"
## Largest file scanned, in bytes (default 4 MiB).
# max-file-size = 4194304

## Third-party vendors covered by a business associate agreement (vendor ids or hosts):
## PHI sent to them is not reported by phi-sent-to-third-party (PHI704).
# baa-vendors = ["segment", "api.openai.com"]

## Per-rule level: "error", "warning", "note", or "off" (do not run). Keys are rule
## selectors like `select`.
# [rules]
# PHI102 = "note"
# phi-in-log = "error"

## Extra PHI vocabulary for this project (tokens are matched case- and separator-insensitively:
## nhs_number, nhsNumber and "NHS number" are the same term).
# [phi]
## Strong identifiers (a leak is an error).
# strong = ["nhs_number", "bsn"]
## Moderate identifiers.
# moderate = ["nickname"]
## Health-information terms.
# health = ["episode_note"]
## Words that name a whole record of a person ("client" in behavioural-health code).
# containers = ["client"]
## Terms that are never PHI in this project.
# ignore = ["member"]

## Functions that make a value safe to log or expose.
# [sanitizers]
# functions = ["scrub_phi", "to_safe_dict"]

## Session lifetime policy (HIPAA 164.312(a)(2)(iii), automatic logoff).
# [session]
## Longest inactivity before a session must expire (default 900 s, 15 minutes).
# max-idle-seconds = 900
## Longest total session lifetime (default 43200 s, 12 hours).
# max-absolute-seconds = 43200

## Token lifetime policy.
# [token]
## Longest access-token lifetime (default 3600 s, 1 hour).
# max-lifetime-seconds = 3600
## Longest refresh-token lifetime (default 86400 s, 1 day).
# max-refresh-seconds = 86400

## Hard-coded identifiers (PHI8xx).
# [hardcoded]
## Do not report well-known sample values (078-05-1120, the CMS sample MBI, ...).
# allow-known-samples = false
## Site-specific medical record number formats (regular expressions).
# mrn-patterns = ["^E[0-9]{7}$"]

## What counts as audit evidence (missing-audit rules, PHI4xx), besides any name with the
## token `audit` and the common access-log verbs.
# [audit]
# functions = ["log_crud_action"]
# decorators = ["track_chart_view"]
# middleware = ["HipaaTrailMiddleware"]
## Whether plain application logs count as an audit trail (default false).
# accept-app-logs = false
## Extra decorators that mark a function as a request handler.
# handler-decorators = ["rpc_method"]
"#;

/// The default configuration with every example setting uncommented (for tests and docs).
pub fn uncommented() -> String {
    DEFAULT_CONFIG
        .lines()
        .filter_map(|l| {
            if l.starts_with("## ") || l == "##" {
                None
            } else {
                Some(l.strip_prefix("# ").unwrap_or(l))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{ConfigFile, Overrides, Settings};

    fn key_paths(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
        if let serde_json::Value::Object(m) = v {
            for (k, v) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push(path.clone());
                key_paths(&path, v, out);
            }
        }
    }

    fn load(text: &str) -> ConfigFile {
        // A scratch directory removed on drop: the test leaves nothing in /tmp.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phi-lint.toml");
        std::fs::write(&path, text).unwrap();
        ConfigFile::load(&path)
            .unwrap_or_else(|e| panic!("{:?}", miette::Report::new(e)))
            .unwrap()
    }

    #[test]
    fn the_generated_file_parses_as_written_and_uncommented() {
        load(DEFAULT_CONFIG);
        let config = load(&uncommented());
        Settings::resolve(Some(("x".into(), config)), &Overrides::default(), &[])
            .expect("the example settings resolve");
    }

    #[test]
    fn every_config_key_is_documented() {
        let mut known = Vec::new();
        key_paths(
            "",
            &serde_json::to_value(ConfigFile::default()).unwrap(),
            &mut known,
        );
        let doc: toml::Value = toml::from_str(&uncommented()).unwrap();
        let mut documented = Vec::new();
        key_paths("", &serde_json::to_value(doc).unwrap(), &mut documented);
        let missing: Vec<_> = known.iter().filter(|k| !documented.contains(k)).collect();
        assert!(
            missing.is_empty(),
            "add these keys to src/init.rs DEFAULT_CONFIG: {missing:?}"
        );
    }
}
