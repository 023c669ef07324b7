//! PHI103 phi-in-error-tracker.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::strongest_arg;

declare_rule! {
    /// ## What it does
    /// Flags PHI attached to error-tracking and APM events: Sentry context, extras, tags, users,
    /// messages and breadcrumbs (Python, JavaScript, Rust), Bugsnag, Rollbar, New Relic, Datadog
    /// RUM and OpenTelemetry span attributes. Also flags Sentry configured with
    /// `send_default_pii` turned on, which attaches IP addresses, cookies and user data to every
    /// event.
    ///
    /// Session replay with masking turned off (`replayIntegration({ maskAllText: false })`,
    /// `new Replay({ blockAllMedia: false })`) records every page as the user sees it.
    ///
    /// ## Why is this bad?
    /// Error trackers are third-party services: PHI sent there is a disclosure to a vendor that
    /// needs a business associate agreement (45 CFR 164.502(e)), and it is kept and shown to
    /// everyone with access to the project, beyond what the purpose needs (164.502(b)).
    ///
    /// ## Example
    /// ```python
    /// sentry_sdk.set_context("patient", {"mrn": patient.mrn, "dob": patient.dob})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// sentry_sdk.set_context("patient", {"ref": patient.id})
    /// ```
    ///
    /// ## Known limitations
    /// A `before_send` hook that scrubs events is not recognised; suppress with a reason if you
    /// have one.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.502(e) (business associates)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub PHI_IN_ERROR_TRACKER = "PHI103" {
        name: "phi-in-error-tracker",
        file: phi_in_error_tracker,
        category: PhiLogging,
        safeguards: [MinimumNecessary, BusinessAssociateDisclosure, AccessControl],
        level: Error,
        confidence: High,
        cwe: [359, 532],
        queries: [python, ecma, rust],
        check: check,
        project: super::project_helper_sinks,
        facts: super::HELPER_SINK_FACTS,
        prefilter: crate::rules::Prefilter::PhiOr(&[
            "senddefaultpii",
            "maskalltext",
            "maskallinputs",
            "blockallmedia",
        ]),
    }
}

const TRACKERS: &[&str] = &[
    "sentry",
    "scope",
    "rollbar",
    "bugsnag",
    "newrelic",
    "honeybadger",
    "airbrake",
    "datadog",
    "ddrum",
    "rum",
    "span",
    "raygun",
    "appsignal",
    "trackjs",
    "logrocket",
];

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    // Sentry session replay with masking turned off: every page a user sees, patient data
    // included, is recorded and sent to the vendor.
    if let Some(setting) = m.get("setting") {
        let message = format!(
            "session replay is configured with `{}: false`, so the pages users see, with the patient data on them, are recorded and sent to the error tracker unmasked",
            checker.text(setting)
        );
        checker.report(
            setting.up().unwrap_or(setting),
            sink,
            message,
            Level::Error,
            Confidence::High,
        );
        return;
    }
    // `sentry_sdk.init(send_default_pii=True)`, `Sentry.init({ sendDefaultPii: true })`,
    // `ClientOptions { send_default_pii: true, .. }`
    if let (Some(key), Some(value)) = (m.get("key"), m.get("value")) {
        let k = tokenize(checker.text(key)).concat();
        if k == "senddefaultpii" && matches!(checker.text(value), "True" | "true") {
            let message = "error tracker is configured with `send_default_pii`, which attaches user data, IP addresses and cookies to every event".to_string();
            checker.report(
                key.up().unwrap_or(key),
                sink,
                message,
                Level::Error,
                Confidence::High,
            );
        }
        return;
    }
    let Some(args) = m.get("args") else { return };
    if let Some(receiver) = m.get("receiver") {
        let tokens = tokenize(checker.text(receiver));
        if !tokens.iter().any(|t| TRACKERS.contains(&t.as_str())) {
            return;
        }
    }
    let Some(evidence) = strongest_arg(checker, args, Purpose::Logging) else {
        return;
    };
    let callee = sink.field("function").unwrap_or(sink);
    let message = format!(
        "{} is sent to the error tracker by `{}`",
        evidence.describe(),
        checker.sink_name(callee)
    );
    checker.report_phi(sink, &evidence, message);
}
