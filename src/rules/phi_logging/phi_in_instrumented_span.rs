//! PHI104 phi-in-instrumented-span.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::phi::Classification;
use crate::tree::NodeExt;

use super::REPORT_FLOOR;

declare_rule! {
    /// ## What it does
    /// Flags `#[tracing::instrument]` on a Rust function with a PHI parameter (by name, such as
    /// `ssn`, or by type, such as `&Patient`) that is not listed in `skip(...)` and not covered
    /// by `skip_all`, and `fields(...)` entries that record PHI.
    ///
    /// ## Why is this bad?
    /// By default `#[instrument]` records every argument as a span field, using its `Value` or
    /// `Debug` implementation, so each call writes the PHI into every log line and trace the span
    /// reaches (45 CFR 164.502(b)).
    ///
    /// ## Example
    /// ```rust
    /// #[tracing::instrument]
    /// fn admit(patient: &Patient, ward: u32) {}
    /// ```
    ///
    /// ## Use instead
    /// ```rust
    /// #[tracing::instrument(skip(patient), fields(patient_ref = %patient.id))]
    /// fn admit(patient: &Patient, ward: u32) {}
    /// ```
    ///
    /// ## Known limitations
    /// A type with a redacting `Debug` implementation is still reported by name or type; suppress
    /// with a reason.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary)
    /// - CWE-532: Insertion of Sensitive Information into Log File
    /// - tracing `#[instrument]` documentation (arguments are recorded by default)
    pub PHI_IN_INSTRUMENTED_SPAN = "PHI104" {
        name: "phi-in-instrumented-span",
        file: phi_in_instrumented_span,
        category: PhiLogging,
        safeguards: [MinimumNecessary],
        level: Error,
        confidence: High,
        cwe: [532],
        queries: [rust],
        check: check,
        project: super::project_helper_sinks,
        facts: super::HELPER_SINK_FACTS,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(attr) = m.get("attribute") else {
        return;
    };
    let Some(func) = following_function(attr) else {
        return;
    };
    let fn_name = func
        .field("name")
        .map(|n| checker.text(n))
        .unwrap_or("function");
    let args = m.get("args");
    let args_text = args.map(|a| checker.text(a)).unwrap_or("");
    // Split the attribute's arguments into `skip(...)`, `skip_all` and `fields(...)`.
    let mut skipped: Vec<&str> = Vec::new();
    let mut skip_all = false;
    if let Some(tt) = args {
        let mut cursor = tt.walk();
        let children: Vec<Node<'a>> = tt.children(&mut cursor).collect();
        for (i, child) in children.iter().enumerate() {
            let t = checker.text(*child);
            if t == "skip_all" {
                skip_all = true;
            }
            if (t == "skip" || t == "fields")
                && children
                    .get(i + 1)
                    .is_some_and(|n| n.kind() == "token_tree")
            {
                let inner = children[i + 1];
                if t == "skip" {
                    let mut c2 = inner.walk();
                    skipped.extend(
                        inner
                            .children(&mut c2)
                            .filter(|n| n.kind() == "identifier")
                            .map(|n| checker.text(n)),
                    );
                } else {
                    for arg in checker.file.flow.macro_args(inner, Purpose::Logging, 0) {
                        if let Some(mut ev) = arg.evidence.filter(|e| {
                            e.class.score >= REPORT_FLOOR
                                && e.class.kind != crate::phi::Kind::InternalId
                        }) {
                            ev.node = attr;
                            let message = format!("{} is recorded on every span of `{fn_name}` by `#[instrument(fields(...))]`", ev.describe());
                            checker.report_phi(attr, &ev, message);
                        }
                    }
                }
            }
        }
    }
    let _ = args_text;
    if skip_all {
        return;
    }
    let Some(params) = func.field("parameters") else {
        return;
    };
    let vocab = checker.file.flow.vocab();
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        if p.kind() != "parameter" {
            continue;
        }
        let Some(pat) = p.field("pattern") else {
            continue;
        };
        let name = checker.text(pat).trim_start_matches("mut ").trim();
        if skipped.contains(&name) || name.starts_with('_') {
            continue;
        }
        let ty = p.field("type").map(|t| checker.text(t)).unwrap_or("");
        let by_type = vocab
            .type_is_record(ty)
            .then(|| Classification::record(0.8));
        let class = Classification::max(vocab.classify_name(name), by_type);
        let Some(class) =
            class.filter(|c| c.score >= REPORT_FLOOR && c.kind != crate::phi::Kind::InternalId)
        else {
            continue;
        };
        let evidence = crate::flow::Evidence {
            also: Vec::new(),
            class,
            name: name.to_string(),
            via: None,
            node: attr,
        };
        let what = class.kind.describe();
        let message = format!("parameter `{name}` ({what}) is recorded on every span of `{fn_name}` by `#[instrument]`; add it to `skip(...)`");
        checker.report_phi(attr, &evidence, message);
    }
}

/// The function an attribute is attached to (skipping other attributes and comments).
fn following_function(attr: Node<'_>) -> Option<Node<'_>> {
    let mut n = attr.next_named_sibling();
    while let Some(node) = n {
        match node.kind() {
            "function_item" => return Some(node),
            "attribute_item" | "line_comment" | "block_comment" => n = node.next_named_sibling(),
            _ => return None,
        }
    }
    None
}
