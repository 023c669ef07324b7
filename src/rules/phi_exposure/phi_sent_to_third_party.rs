//! PHI704 phi-sent-to-third-party.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{Evidence, Purpose};
use crate::phi::tokenize;
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags PHI sent to analytics, product-telemetry and LLM vendors: Segment
    /// (`analytics.track/identify/page`), Mixpanel (`track`, `people_set`, `people.set`),
    /// Amplitude, PostHog (`capture`, `identify`), Heap, FullStory (`FS.identify`,
    /// `setUserVars`), Google Analytics (`gtag`, `dataLayer.push`), Meta Pixel (`fbq`),
    /// Hotjar, and LLM APIs (`client.chat.completions.create`, `responses.create`, the OpenAI
    /// Agents SDK's `Runner.run`,
    /// `messages.create`, `generate_content`). Unlike in logs, an internal patient id counts
    /// here: used as a `distinct_id` or `user_id` it ties the vendor's profile to a patient.
    ///
    /// ## Why is this bad?
    /// A vendor that receives PHI is a business associate and needs a business associate
    /// agreement (45 CFR 164.502(e)); most analytics and tracking vendors do not sign one. HHS
    /// treats PHI sent to tracking technologies without a BAA as an impermissible disclosure.
    ///
    /// ## Example
    /// ```javascript
    /// analytics.identify(patient.id, { email: patient.email, dob: patient.dob });
    /// ```
    ///
    /// ## Use instead
    /// ```javascript
    /// analytics.identify(session.anonymousId, { plan: account.plan });
    /// ```
    /// or list the vendor under `baa-vendors` once a BAA is signed.
    ///
    /// ## Known limitations
    /// Vendors are recognised by SDK names (`analytics`, `mixpanel`, `posthog`, `openai`,
    /// and clients bound to their constructors); wrappers with other names are missed. Raw
    /// HTTP calls to vendor hosts are not followed.
    ///
    /// ## References
    /// - 45 CFR 164.502(e) (disclosures to business associates), 164.502(b) (minimum necessary)
    /// - HHS OCR bulletin on online tracking technologies (2022, revised 2024)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub PHI_SENT_TO_THIRD_PARTY = "PHI704" {
        name: "phi-sent-to-third-party",
        file: phi_sent_to_third_party,
        category: PhiExposure,
        safeguards: [BusinessAssociateDisclosure, MinimumNecessary],
        level: Error,
        confidence: High,
        cwe: [359],
        queries: [python, ecma],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

/// A vendor: the id users put in `baa-vendors`, the SDK tokens that name it, its hosts.
struct Vendor {
    id: &'static str,
    tokens: &'static [&'static str],
    hosts: &'static [&'static str],
    llm: bool,
}

const VENDORS: &[Vendor] = &[
    Vendor {
        id: "segment",
        tokens: &["segment", "analytics", "rudderanalytics", "rudderstack"],
        hosts: &["api.segment.io", "cdn.segment.com"],
        llm: false,
    },
    Vendor {
        id: "mixpanel",
        tokens: &["mixpanel"],
        hosts: &["api.mixpanel.com"],
        llm: false,
    },
    Vendor {
        id: "amplitude",
        tokens: &["amplitude"],
        hosts: &["api2.amplitude.com"],
        llm: false,
    },
    Vendor {
        id: "posthog",
        tokens: &["posthog"],
        hosts: &["app.posthog.com", "us.i.posthog.com", "eu.i.posthog.com"],
        llm: false,
    },
    Vendor {
        id: "heap",
        tokens: &["heap"],
        hosts: &["heapanalytics.com"],
        llm: false,
    },
    Vendor {
        id: "fullstory",
        tokens: &["fullstory", "fs"],
        hosts: &["fullstory.com"],
        llm: false,
    },
    Vendor {
        id: "google-analytics",
        tokens: &["gtag", "datalayer", "ga"],
        hosts: &["www.google-analytics.com", "www.googletagmanager.com"],
        llm: false,
    },
    Vendor {
        id: "meta-pixel",
        tokens: &["fbq"],
        hosts: &["connect.facebook.net"],
        llm: false,
    },
    Vendor {
        id: "hotjar",
        tokens: &["hj", "hotjar"],
        hosts: &["hotjar.com"],
        llm: false,
    },
    Vendor {
        id: "logrocket",
        tokens: &["logrocket"],
        hosts: &["logrocket.com"],
        llm: false,
    },
    Vendor {
        id: "openai",
        tokens: &["openai", "azureopenai"],
        hosts: &["api.openai.com"],
        llm: true,
    },
    Vendor {
        id: "anthropic",
        tokens: &["anthropic"],
        hosts: &["api.anthropic.com"],
        llm: true,
    },
    Vendor {
        id: "google-gemini",
        tokens: &["genai", "gemini", "generativemodel"],
        hosts: &["generativelanguage.googleapis.com"],
        llm: true,
    },
];

/// The vendor a receiver or callee names, directly or through the constructor its root
/// variable is bound to (`mp = Mixpanel(TOKEN)`, `client = OpenAI()`).
fn vendor<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'static Vendor> {
    let mut texts = vec![checker.text(node)];
    let mut root = node;
    while let Some(inner) = root.field("object").or_else(|| root.field("function")) {
        root = inner;
    }
    if root.kind() == "identifier" {
        if let Some(v) = checker.file.flow.binding_value(root) {
            let text = checker.text(v);
            texts.push(text.split('(').next().unwrap_or(text));
        }
    }
    for text in texts {
        if let Some(v) = VENDORS.iter().find(|v| names_vendor(text, v)) {
            return Some(v);
        }
    }
    None
}

/// Whether a name mentions a vendor: one of its tokens, or a long vendor name split by casing
/// (`OpenAI` -> `open`, `ai`; `dataLayer` -> `data`, `layer`).
fn names_vendor(text: &str, v: &Vendor) -> bool {
    let tokens = tokenize(text);
    let joined = tokens.concat();
    tokens.iter().any(|t| v.tokens.contains(&t.as_str()))
        || v.tokens.iter().any(|w| w.len() >= 6 && joined.contains(w))
}

fn covered(checker: &Checker<'_>, v: &Vendor) -> bool {
    checker.file.settings.baa_vendors.iter().any(|b| {
        b == v.id
            || v.hosts
                .iter()
                .any(|h| h == b || h.ends_with(&format!(".{b}")))
    })
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    let method = m.get("method").map(|n| checker.text(n)).unwrap_or("");
    let target = m
        .get("receiver")
        .or_else(|| m.get("callee"))
        .unwrap_or(sink);
    let agents_run = matches!(method, "run" | "run_sync" | "run_streamed");
    let v = if agents_run {
        // The OpenAI Agents SDK sends the input to the model: `Runner.run(agent, input)`.
        match m.get("receiver") {
            Some(r) if checker.text(r) == "Runner" && imports_openai_agents(checker) => {
                VENDORS.iter().find(|v| v.id == "openai")
            }
            _ => None,
        }
    } else {
        vendor(checker, target)
    };
    let Some(v) = v else {
        return;
    };
    // LLM vendors only through their request methods; analytics vendors not through `create`.
    let llm_call =
        agents_run || matches!(method, "create" | "generate_content" | "generateContent");
    if v.llm != llm_call {
        return;
    }
    // `dataLayer.push` is GTM; other `push`/`set` receivers must name the vendor themselves.
    if matches!(
        method,
        "push" | "set" | "set_once" | "register" | "group" | "page" | "screen"
    ) && m
        .get("receiver")
        .is_some_and(|r| !names_vendor(checker.text(r), v))
    {
        return;
    }
    // `push` is GTM's `dataLayer.push`; a `heap.push` is a priority queue.
    if method == "push" && v.id != "google-analytics" {
        return;
    }
    if covered(checker, v) {
        return;
    }
    let Some(evidence) = strongest(checker, args) else {
        return;
    };
    let callee = checker.sink_name(sink);
    let message = format!(
        "{} is sent to {} by `{callee}`, a vendor not listed in `baa-vendors`",
        evidence.describe(),
        v.id
    );
    checker.report_phi(sink, &evidence, message);
}

/// Whether the file imports the OpenAI Agents SDK's runner (`from agents import Runner`).
fn imports_openai_agents(checker: &Checker<'_>) -> bool {
    checker.file.source.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("from agents import") && line.contains("Runner")
    })
}

/// The strongest PHI among the arguments, internal patient ids included.
fn strongest<'a>(checker: &Checker<'a>, args: Node<'a>) -> Option<Evidence<'a>> {
    crate::rules::phi_logging::strongest_arg_with_ids(checker, args, Purpose::Exposure)
        .filter(|e| e.class.score >= 0.5)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::discover::SourceFile;
    use crate::engine::{Engine, FileResult, Worker};
    use crate::lang::Language;
    use crate::settings::{ConfigFile, Overrides, Settings};

    const SOURCE: &str = "def booked(patient):\n    analytics.track(patient.mrn, \"Booked\", {})\n    client = OpenAI()\n    client.chat.completions.create(messages=patient.diagnosis)\n";

    fn scan(baa: &[&str]) -> Vec<String> {
        let config = ConfigFile {
            baa_vendors: baa.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let overrides = Overrides {
            select: vec!["PHI704".into()],
            isolated: true,
            ..Default::default()
        };
        let settings = Settings::resolve(
            Some((PathBuf::from("phi-lint.toml"), config)),
            &overrides,
            &[],
        )
        .expect("settings resolve");
        let engine = Engine::new(&settings);
        let file = SourceFile {
            rel: "app.py".into(),
            path: PathBuf::from("app.py"),
            kind: Language::Python.into(),
        };
        let mut result = FileResult::default();
        engine.analyze_bytes(
            &mut Worker::default(),
            &file,
            SOURCE.as_bytes(),
            &mut result,
        );
        result
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn baa_vendors_silence_covered_vendors() {
        assert_eq!(scan(&[]).len(), 2);
        let with_segment = scan(&["segment"]);
        assert_eq!(with_segment.len(), 1);
        assert!(with_segment[0].contains("openai"));
        assert!(scan(&["Segment", "api.openai.com"]).is_empty());
    }
}
