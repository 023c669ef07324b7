//! SARIF 2.1.0 for GitHub code scanning and SARIF viewers. The only module that knows
//! `serde_sarif`.
//!
//! Contract (read by GitHub, by users' tooling and by our own evaluation): `tool.driver.rules[]`
//! derived from the rule declarations with `properties.tags` (`security`, the category tag,
//! `hipaa/<citation>`), `precision` and `security-severity`; a `HIPAA` taxonomy in
//! `run.taxonomies` that each rule relates to; results with `ruleId`, `ruleIndex`, `level`, a
//! message without literal values, a location relative to `%SRCROOT%` with UTF-16 columns, and
//! content-based `partialFingerprints`; unscanned files as
//! `invocations[0].toolExecutionNotifications`. No snippets unless asked for.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, ReportingDescriptorRelationship,
    Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
    ToolComponentReference,
};

use super::Context;
use crate::diagnostic::NotificationLevel;
use crate::rules::{Level, RuleMeta, Safeguard};
use crate::Report;

/// The key under which phi-lint's fingerprint appears in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "phiLint/v1";
/// The base id paths are relative to.
pub const SRCROOT: &str = "%SRCROOT%";
const INFORMATION_URI: &str = "https://github.com/phi-lint/phi-lint";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes the SARIF log.
pub fn write(report: &Report, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let log = build(report, ctx);
    serde_json::to_writer_pretty(&mut *out, &log)?;
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
    let help_text = rule.docs.replace("```", "");
    ReportingDescriptor::builder()
        .id(rule.code.to_string())
        .name(rule.name.to_string())
        .short_description(text(rule.short_description()))
        .full_description(text(rule.docs.trim().to_string()))
        .help(
            MultiformatMessageString::builder()
                .text(help_text.trim().to_string())
                .markdown(rule.docs.trim().to_string())
                .build(),
        )
        .help_uri(format!(
            "{INFORMATION_URI}/blob/main/docs/rules/{}.md",
            rule.name
        ))
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

/// Builds the SARIF log for a report.
pub fn build(report: &Report, ctx: &Context<'_>) -> Sarif {
    let rules: Vec<ReportingDescriptor> = ctx.rules.iter().map(|r| rule_descriptor(r)).collect();
    let index_of = |code: &str| ctx.rules.iter().position(|r| r.code == code);
    let results: Vec<SarifResult> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut region = Region::builder()
                .start_line(d.start.line as i64)
                .start_column(d.start.utf16_column as i64)
                .end_line(d.end.line as i64)
                .end_column(d.end.utf16_column as i64)
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
            result.rule_index = index_of(d.rule.code).map(|i| i as i64);
            if let Some(s) = &d.suppression {
                let mut sup = Suppression::builder().kind(json!("inSource")).build();
                sup.justification = s.justification.clone();
                result.suppressions = Some(vec![sup]);
            }
            result
        })
        .collect();
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
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(artifact(&n.path))
                            .build(),
                    )
                    .build()])
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(!report.has_errors())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
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
        .results(results)
        .invocations(vec![invocation])
        .taxonomies(vec![taxonomy()])
        .column_kind(json!("utf16CodeUnits"))
        .build();
    run.original_uri_base_ids = Some(base_ids);
    Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}
