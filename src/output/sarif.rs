//! SARIF 2.1.0 for GitHub code scanning and SARIF viewers. The only module that knows
//! `serde_sarif`.
//!
//! Contract (read by GitHub, by users' tooling and by our own evaluation): `tool.driver.rules[]`
//! derived from the rule declarations with `properties.tags` (`security`, the category tag,
//! `hipaa/<citation>`), `precision` and `security-severity`; a `HIPAA` taxonomy in
//! `run.taxonomies` that each rule relates to; results with `ruleId`, `ruleIndex`, `level`, a
//! message without literal values, a location relative to `%SRCROOT%` with UTF-16 columns, and
//! content-based `partialFingerprints`; unscanned files as
//! `invocations[0].toolExecutionNotifications`; with `--shard I/N`, `invocations[0].properties.shard`.
//! No snippets unless asked for.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, ReportingDescriptorRelationship,
    Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif, Suppression, Tool,
    ToolComponent, ToolComponentReference,
};

use super::Context;
use crate::diagnostic::NotificationLevel;
use crate::rules::{Level, RuleMeta, Safeguard};
use crate::Report;

/// The key under which phi-lint's fingerprint appears in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "phiLint/v1";
/// The base id paths are relative to.
pub const SRCROOT: &str = "%SRCROOT%";
/// The invocation property that records `--shard I/N` ("2/3"); `phi-lint merge` drops it.
pub const SHARD_PROPERTY: &str = "shard";
const INFORMATION_URI: &str = "https://github.com/phi-lint/phi-lint";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The page documenting a rule (SARIF `helpUri`; the language server's `codeDescription`).
pub fn help_uri(rule: &RuleMeta) -> String {
    format!("{INFORMATION_URI}/blob/main/docs/rules/{}.md", rule.name)
}

/// Writes the SARIF log, pretty-printed. The results are built and written one at a time: as
/// typed SARIF objects a large repository's findings would take several times the memory of
/// the whole scan. The bytes are those of pretty-printing the whole log at once.
pub fn write(report: &Report, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let log = build(report, ctx);
    let text = super::safe_json::to_string_pretty(&log)?;
    // The only `results` array, left empty by `build`; strings in JSON hold no raw newline, so
    // the line is found by its text.
    const EMPTY: &str = "\"results\": []";
    let at = text
        .find(EMPTY)
        .filter(|_| !report.diagnostics.is_empty())
        .ok_or(());
    let Ok(at) = at else {
        out.write_all(text.as_bytes())?;
        return writeln!(out);
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..at];
    // Each element one level deeper than the key, every line of it shifted to that depth.
    let shift = format!("\n{indent}  ");
    out.write_all(&text.as_bytes()[..at])?;
    out.write_all(b"\"results\": [")?;
    let index_of = |code: &str| ctx.rules.iter().position(|r| r.code == code);
    for (i, d) in report.diagnostics.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(shift.as_bytes())?;
        let one = super::safe_json::to_string_pretty(&result(d, index_of(d.rule.code)))?;
        out.write_all(one.replace('\n', &shift).as_bytes())?;
    }
    write!(out, "\n{indent}]")?;
    out.write_all(&text.as_bytes()[at + EMPTY.len()..])?;
    writeln!(out)
}

fn level(l: Level) -> ResultLevel {
    match l {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

/// Percent-encodes a relative path for use as a URI reference.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder()
        .uri(encode_uri_path(path))
        .uri_base_id(SRCROOT.to_string())
        .build()
}

fn taxonomy() -> ToolComponent {
    let taxa: Vec<ReportingDescriptor> = Safeguard::ALL
        .iter()
        .map(|s| {
            ReportingDescriptor::builder()
                .id(s.taxon_id().to_string())
                .name(s.name().to_string())
                .short_description(text(s.description()))
                .full_description(text(format!(
                    "45 CFR {}: {}",
                    s.citation(),
                    s.description()
                )))
                .build()
        })
        .collect();
    ToolComponent::builder()
        .name("HIPAA".to_string())
        .organization("HHS".to_string())
        .version("45 CFR Part 164".to_string())
        .information_uri(
            "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164".to_string(),
        )
        .short_description(text(
            "HIPAA Security and Privacy Rule safeguards (45 CFR Part 164)",
        ))
        .is_comprehensive(false)
        .taxa(taxa)
        .build()
}

/// The SARIF `reportingDescriptor` of a rule.
pub fn rule_descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    let mut props = BTreeMap::new();
    props.insert("precision".to_string(), json!(rule.confidence.as_str()));
    props.insert("suite".to_string(), json!(rule.suite.as_str()));
    props.insert(
        "security-severity".to_string(),
        json!(rule.level.security_severity()),
    );
    props.insert(
        "problem.severity".to_string(),
        json!(match rule.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "recommendation",
        }),
    );
    props.insert("category".to_string(), json!(rule.category.tag()));
    props.insert(
        "hipaa".to_string(),
        json!(rule
            .safeguards
            .iter()
            .map(|s| format!("45 CFR {}", s.citation()))
            .collect::<Vec<_>>()),
    );
    let relationships: Vec<ReportingDescriptorRelationship> = rule
        .safeguards
        .iter()
        .map(|s| {
            ReportingDescriptorRelationship::builder()
                .target(
                    ReportingDescriptorReference::builder()
                        .id(s.taxon_id().to_string())
                        .index(s.index() as i64)
                        .tool_component(
                            ToolComponentReference::builder()
                                .name("HIPAA".to_string())
                                .index(0)
                                .build(),
                        )
                        .build(),
                )
                .kinds(vec!["relevant".to_string()])
                .build()
        })
        .collect();
    let help_text = rule.docs_markdown().replace("```", "");
    ReportingDescriptor::builder()
        .id(rule.code.to_string())
        .name(rule.name.to_string())
        .short_description(text(rule.short_description()))
        .full_description(text(rule.docs_markdown().trim().to_string()))
        .help(
            MultiformatMessageString::builder()
                .text(help_text.trim().to_string())
                .markdown(rule.docs_markdown().trim().to_string())
                .build(),
        )
        .help_uri(help_uri(rule))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(rule.level.as_str()))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(rule.tags())
                .additional_properties(props)
                .build(),
        )
        .relationships(relationships)
        .build()
}

/// The SARIF result of one finding; `rule_index` is its rule's index in `tool.driver.rules`.
fn result(d: &crate::diagnostic::Diagnostic, rule_index: Option<usize>) -> SarifResult {
    let mut region = Region::builder()
        .start_line(d.start.line as i64)
        .start_column(d.start.utf16_column.max(1) as i64)
        .end_line(d.end.line as i64)
        .end_column(d.end.utf16_column.max(1) as i64)
        .build();
    if let Some(s) = &d.snippet {
        region.snippet = Some(ArtifactContent::builder().text(s.clone()).build());
    }
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact(&d.path))
                .region(region)
                .build(),
        )
        .build();
    let mut fp = BTreeMap::new();
    fp.insert(FINGERPRINT_KEY.to_string(), d.fingerprint.clone());
    let mut props = BTreeMap::new();
    props.insert("precision".to_string(), json!(d.confidence.as_str()));
    let mut result = SarifResult::builder()
        .rule_id(d.rule.code.to_string())
        .level(level(d.level))
        .message(Message::builder().text(d.message.clone()).build())
        .locations(vec![location])
        .partial_fingerprints(fp)
        .properties(PropertyBag::builder().additional_properties(props).build())
        .build();
    result.rule_index = rule_index.map(|i| i as i64);
    if let Some(s) = &d.suppression {
        let mut sup = Suppression::builder().kind(json!("inSource")).build();
        sup.justification = s.justification.clone();
        result.suppressions = Some(vec![sup]);
    }
    result
}

/// Where a notification points: its file, and with a line (a suppression comment) a region,
/// so viewers can open the place the problem is.
fn notification_location(n: &crate::diagnostic::Notification) -> PhysicalLocation {
    let mut location = PhysicalLocation::builder()
        .artifact_location(artifact(&n.path))
        .build();
    if let Some(line) = n.line {
        location.region = Some(Region::builder().start_line(i64::from(line)).build());
    }
    location
}

/// The SARIF log without its results ([`write`] streams them into `runs[0].results`).
pub fn build(report: &Report, ctx: &Context<'_>) -> Sarif {
    let rules: Vec<ReportingDescriptor> = ctx.rules.iter().map(|r| rule_descriptor(r)).collect();
    let notifications: Vec<Notification> = report
        .notifications
        .iter()
        .map(|n| {
            let lvl = match n.level {
                NotificationLevel::Error => "error",
                NotificationLevel::Warning => "warning",
                NotificationLevel::Note => "note",
            };
            Notification::builder()
                .level(json!(lvl))
                .message(
                    Message::builder()
                        .text(format!("{}: {}", n.path, n.message))
                        .build(),
                )
                .locations(vec![Location::builder()
                    .physical_location(notification_location(n))
                    .build()])
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(!report.has_errors() && !report.scanned_nothing())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    let mut props = BTreeMap::new();
    if let Some(shard) = report.shard {
        props.insert(SHARD_PROPERTY.to_string(), json!(shard.to_string()));
    }
    // A repository's configuration is untrusted input: say which one was used and what it
    // switched off. Paths as they are: the serializer escapes what JSON must.
    let shown = |p: &std::path::Path| p.to_string_lossy().into_owned();
    if let Some(config) = &report.config_file {
        props.insert("configFile".to_string(), json!(shown(config)));
    }
    if !report.rules_off_by_config.is_empty() {
        props.insert(
            "rulesOffByConfig".to_string(),
            json!(report.rules_off_by_config),
        );
    }
    if !report.configs.is_empty() {
        // Every configuration file used (a nested one applies to the files below it), with the
        // files it extends and the rules it switched off.
        props.insert(
            "configFiles".to_string(),
            json!(report
                .configs
                .iter()
                .map(|c| json!({
                    "file": shown(&c.file),
                    "extends": c.extends.iter().map(|p| shown(p)).collect::<Vec<_>>(),
                    "rulesOff": c.rules_off,
                    "phiTermsIgnored": c.terms_ignored,
                }))
                .collect::<Vec<_>>()),
        );
    }
    if !props.is_empty() {
        invocation.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }
    let driver = ToolComponent::builder()
        .name("phi-lint".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(INFORMATION_URI.to_string())
        .rules(rules)
        .supported_taxonomies(vec![ToolComponentReference::builder()
            .name("HIPAA".to_string())
            .index(0)
            .build()])
        .build();
    let mut root_uri = format!(
        "file://{}",
        encode_uri_path(&report.root.to_string_lossy().replace('\\', "/"))
    );
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let mut base_ids = BTreeMap::new();
    base_ids.insert(
        SRCROOT.to_string(),
        ArtifactLocation::builder().uri(root_uri).build(),
    );
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(Vec::new())
        .invocations(vec![invocation])
        .taxonomies(vec![taxonomy()])
        .column_kind(json!("utf16CodeUnits"))
        .build();
    run.original_uri_base_ids = Some(base_ids);
    // GitHub code scanning's category: uploads with the same id replace each other's alerts.
    run.automation_details = Some(
        RunAutomationDetails::builder()
            .id(AUTOMATION_ID.to_string())
            .build(),
    );
    Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// GitHub code scanning keeps at most this many results of one run (and rejects uploads over
/// 10 MB gzipped).
pub const GITHUB_MAX_RESULTS: usize = 25_000;

/// The warning a SARIF report with more results than GitHub code scanning accepts deserves.
pub fn github_limit_warning(results: usize) -> Option<String> {
    (results > GITHUB_MAX_RESULTS).then(|| {
        format!(
            "{results} results is over GitHub code scanning's limit of {GITHUB_MAX_RESULTS} per run, and it keeps only the first {GITHUB_MAX_RESULTS}; record the existing findings with --write-baseline and report new ones with --baseline, or narrow the scan (--select, --min-confidence)"
        )
    })
}

/// `runs[0].automationDetails.id`: the code-scanning category of phi-lint's runs.
pub const AUTOMATION_ID: &str = "phi-lint/";

/// Merges the SARIF logs of a sharded scan (`phi-lint merge`). `logs` are (file name, parsed
/// JSON) pairs. Each log must hold one phi-lint run of the same version and rules. The merged log
/// has one run: tool, rules, taxonomies and base ids from the first log; every result, sorted as
/// one scan sorts its findings; artifacts deduplicated; one invocation with every log's tool
/// execution notifications, successful only if every log's was. For logs written with `--shard`, the
/// shards must be exactly 1/N..N/N, each once (a missing shard would make code scanning close the
/// alerts of its files); the merged invocation drops the `shard` property.
pub fn merge(
    logs: &[(String, serde_json::Value)],
) -> Result<serde_json::Value, crate::error::Error> {
    use serde_json::Value;
    let fail = |m: String| crate::error::Error::Usage(m);
    let Some((first_name, first_log)) = logs.first() else {
        return Err(fail("nothing to merge".into()));
    };
    let mut runs: Vec<(&str, &Value)> = Vec::new();
    for (name, log) in logs {
        let run = match log.get("runs").and_then(Value::as_array).map(Vec::as_slice) {
            Some([run]) => run,
            Some(r) => {
                return Err(fail(format!(
                    "{name}: expected one SARIF run, found {}",
                    r.len()
                )))
            }
            None => return Err(fail(format!("{name}: not a SARIF log (no `runs` array)"))),
        };
        // The logs may come from anywhere (a fork's CI): their values are not repeated.
        if run["tool"]["driver"]["name"].as_str() != Some("phi-lint") {
            return Err(fail(format!(
                "{name}: written by another tool (`tool.driver.name` is not phi-lint)"
            )));
        }
        runs.push((name, run));
    }
    let first = runs[0].1;
    let version = &first["tool"]["driver"]["version"];
    let rule_ids = |run: &Value| -> Vec<Value> {
        run["tool"]["driver"]["rules"]
            .as_array()
            .map(|rules| rules.iter().map(|r| r["id"].clone()).collect())
            .unwrap_or_default()
    };
    let first_rules = rule_ids(first);
    for (name, run) in &runs[1..] {
        let v = &run["tool"]["driver"]["version"];
        if v != version {
            return Err(fail(format!(
                "{name}: written by phi-lint {}, but {first_name} by phi-lint {}; merge logs of one version",
                shown_version(v),
                shown_version(version)
            )));
        }
        if rule_ids(run) != first_rules {
            return Err(fail(format!(
                "{name}: ran other rules than {first_name}; every shard needs the same configuration, --select and --ignore"
            )));
        }
    }
    check_shards(&runs)?;

    let mut results: Vec<Value> = Vec::new();
    let mut notifications: Vec<Value> = Vec::new();
    let mut artifacts: Vec<Value> = Vec::new();
    let mut successful = true;
    for (_, run) in &runs {
        results.extend(run["results"].as_array().into_iter().flatten().cloned());
        for a in run["artifacts"].as_array().into_iter().flatten() {
            if !artifacts.contains(a) {
                artifacts.push(a.clone());
            }
        }
        let invocations = run["invocations"].as_array().map(Vec::as_slice);
        successful &= invocations.is_some_and(|i| !i.is_empty());
        for inv in invocations.into_iter().flatten() {
            successful &= inv["executionSuccessful"].as_bool() == Some(true);
            notifications.extend(
                inv["toolExecutionNotifications"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
        }
    }
    // The order of one scan: (path, line, column, rule), then end, then message.
    results.sort_by_cached_key(|r| {
        let loc = &r["locations"][0]["physicalLocation"];
        let region = &loc["region"];
        let num = |v: &Value| v.as_i64().unwrap_or(0);
        (
            decode_uri_path(loc["artifactLocation"]["uri"].as_str().unwrap_or("")),
            num(&region["startLine"]),
            num(&region["startColumn"]),
            r["ruleId"].as_str().unwrap_or("").to_string(),
            num(&region["endLine"]),
            num(&region["endColumn"]),
            r["message"]["text"].as_str().unwrap_or("").to_string(),
        )
    });
    // The order of one scan's notifications: (path, level, message).
    notifications.sort_by_cached_key(|n| {
        let uri = n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or("");
        let level = match n["level"].as_str() {
            Some("note") => 0,
            Some("warning") | None => 1,
            _ => 2,
        };
        let text = n["message"]["text"].as_str().unwrap_or("").to_string();
        (decode_uri_path(uri), level, text)
    });
    notifications.dedup();

    let mut invocation = first["invocations"][0].clone();
    if !invocation.is_object() {
        invocation = Value::Object(Default::default());
    }
    let inv = invocation.as_object_mut().expect("an object");
    inv.insert("executionSuccessful".into(), Value::Bool(successful));
    if notifications.is_empty() {
        inv.remove("toolExecutionNotifications");
    } else {
        inv.insert(
            "toolExecutionNotifications".into(),
            Value::Array(notifications),
        );
    }
    if let Some(Value::Object(props)) = inv.get_mut("properties") {
        props.remove(SHARD_PROPERTY);
        if props.is_empty() {
            inv.remove("properties");
        }
    }
    let mut run = first.clone();
    let r = run
        .as_object_mut()
        .ok_or_else(|| fail(format!("{first_name}: the run is not an object")))?;
    r.insert("results".into(), Value::Array(results));
    r.insert("invocations".into(), Value::Array(vec![invocation]));
    if !artifacts.is_empty() {
        r.insert("artifacts".into(), Value::Array(artifacts));
    }
    let mut log = first_log.clone();
    log["runs"] = Value::Array(vec![run]);
    Ok(log)
}

/// A log's `tool.driver.version` for a message: shown when it is shaped like a version
/// (`0.1.0`, `0.2.0-rc.1`: digits and dots, then at most 16 letters, digits, dots or dashes
/// after a `-`), since the log may come from anywhere and its values are not repeated.
fn shown_version(v: &serde_json::Value) -> &str {
    let version_shaped = |v: &str| {
        let (number, pre) = v.split_once('-').unwrap_or((v, ""));
        number.len() <= 32
            && number.split('.').count() == 3
            && number
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            && pre.len() <= 16
            && pre
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    match v.as_str() {
        Some(v) if version_shaped(v) => v,
        Some(_) => "(another version)",
        None => "(unknown version)",
    }
}

/// Checks the `shard` properties of the runs to merge: none, or exactly 1/N..N/N once each.
fn check_shards(runs: &[(&str, &serde_json::Value)]) -> Result<(), crate::error::Error> {
    let fail = |m: String| crate::error::Error::Usage(m);
    let shards: Vec<(&str, Option<crate::shard::Shard>)> = runs
        .iter()
        .map(|(name, run)| {
            let s = run["invocations"][0]["properties"][SHARD_PROPERTY].as_str();
            (*name, s.and_then(|s| s.parse().ok()))
        })
        .collect();
    let Some(model) = shards.iter().find_map(|(_, s)| *s) else {
        return Ok(());
    };
    let mut seen: Vec<Option<&str>> = vec![None; model.count as usize];
    for (name, shard) in &shards {
        let Some(shard) = shard else {
            return Err(fail(format!(
                "{name} is not from a sharded scan, but other logs are (scan --shard I/{})",
                model.count
            )));
        };
        if shard.count != model.count {
            return Err(fail(format!(
                "{name} is shard {shard}, but other logs split the scan in {}",
                model.count
            )));
        }
        let slot = &mut seen[shard.index as usize - 1];
        if let Some(other) = slot {
            return Err(fail(format!("{name} and {other} are both shard {shard}")));
        }
        *slot = Some(name);
    }
    let missing: Vec<String> = seen
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| format!("{}/{}", i + 1, model.count))
        .collect();
    if !missing.is_empty() {
        return Err(fail(format!(
            "shard {} missing: merging an incomplete scan would make code scanning close the alerts of the missing files",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Decodes a path encoded by [`encode_uri_path`].
pub fn decode_uri_path(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes a merged log with the field order of [`write`] (it round-trips through the SARIF
/// types when it can).
pub fn write_value(log: &serde_json::Value, out: &mut dyn Write) -> std::io::Result<()> {
    match serde_json::from_value::<Sarif>(log.clone()) {
        Ok(typed) => super::safe_json::to_writer_pretty(&mut *out, &typed)?,
        Err(_) => super::safe_json::to_writer_pretty(&mut *out, log)?,
    }
    writeln!(out)
}

#[cfg(test)]
mod limit_tests {
    #[test]
    fn warns_past_github_result_limit() {
        assert!(super::github_limit_warning(25_000).is_none());
        let w = super::github_limit_warning(25_001).unwrap();
        assert!(w.contains("--baseline"), "{w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streaming the results writes exactly what pretty-printing the whole log would.
    #[test]
    fn streamed_results_are_the_bytes_of_the_whole_log() {
        let dir = tempfile::tempdir().unwrap();
        let source = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('%s', patient.ssn)\n    print(patient.date_of_birth)\n";
        std::fs::write(dir.path().join("app.py"), source).unwrap();
        let overrides = crate::settings::Overrides {
            isolated: true,
            ..Default::default()
        };
        let settings = crate::settings::Settings::resolve(None, &overrides, &[]).unwrap();
        let report = crate::check(&settings, &[dir.path().to_path_buf()]);
        assert!(report.diagnostics.len() >= 2, "{:?}", report.diagnostics);
        let ctx = Context {
            rules: &settings.rules,
            color: false,
            quiet: false,
        };
        let mut streamed = Vec::new();
        write(&report, &ctx, &mut streamed).unwrap();
        let mut whole = build(&report, &ctx);
        whole.runs[0].results = Some(
            report
                .diagnostics
                .iter()
                .map(|d| result(d, ctx.rules.iter().position(|r| r.code == d.rule.code)))
                .collect(),
        );
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), expected);
    }

    fn log(shard: &str, uris: &[&str]) -> serde_json::Value {
        let results: Vec<serde_json::Value> = uris
            .iter()
            .map(|u| {
                json!({"ruleId": "PHI101", "message": {"text": "m"}, "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": encode_uri_path(u)},
                    "region": {"startLine": 1, "startColumn": 1}}}]})
            })
            .collect();
        json!({"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "phi-lint", "version": "1", "rules": [{"id": "PHI101"}]}},
            "results": results,
            "invocations": [{"executionSuccessful": true, "properties": {"shard": shard}}]}]})
    }

    #[test]
    fn uri_paths_round_trip() {
        for p in ["a b/c:d.py", "é/ü.ts", "100%.js", "plain/path.rs"] {
            assert_eq!(decode_uri_path(&encode_uri_path(p)), p);
        }
    }

    #[test]
    fn merge_sorts_by_the_decoded_path() {
        // Raw order puts `a-b.py` first (`-` < `:`); the encoded `a%3Ab.py` would sort first.
        let logs = vec![
            ("1".to_string(), log("1/2", &["a:b.py"])),
            ("2".to_string(), log("2/2", &["a-b.py"])),
        ];
        let merged = merge(&logs).unwrap();
        let run = &merged["runs"][0];
        let uris: Vec<&str> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(uris, ["a-b.py", "a%3Ab.py"]);
        assert_eq!(run["invocations"], json!([{"executionSuccessful": true}]));
    }
}
