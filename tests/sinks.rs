//! Sinks known from the declarative tables, end to end through the CLI: the application's own
//! wrapper around a vendor SDK, defined in one module and called with PHI from another.

/// A Python task module calls `track` and `sms_patient` from a sibling `notify` module that
/// wraps Segment and Twilio; a JS page calls `trackAction`, a `gtag` wrapper of another module,
/// and `profile` through a `require`d module object. Each is reported at the call that passes
/// the PHI, naming the SDK call the wrapper ends in; calls passing nothing about a patient are
/// not.
#[test]
fn wrappers_in_another_module_are_followed_to_the_vendor() {
    let dir = crate::support::project(&[
        (
            "relay/notify.py",
            "import os\nimport segment.analytics as analytics\nfrom twilio.rest import Client\n\n_twilio = Client(os.environ[\"SID\"], os.environ[\"TOKEN\"])\n\n\ndef sms_patient(to, body):\n    return _twilio.messages.create(to=to, from_=\"+15550100\", body=body)\n\n\ndef track(user_id, event, properties=None):\n    analytics.track(user_id=user_id, event=event, properties=properties or {})\n",
        ),
        (
            "relay/tasks.py",
            "from relay.notify import sms_patient, track\n\n\ndef notify_patient(row):\n    sms_patient(row[\"phone\"], f\"Hi {row['first_name']}, your {row['test_name']} result is ready\")\n    track(row[\"mrn\"], \"Result Notified\", {\"test\": row[\"test_name\"]})\n    track(\"ops\", \"Batch Done\", {\"rows\": 3})\n",
        ),
        (
            "web/analytics.js",
            "export function trackAction(action, params = {}) {\n  gtag(\"event\", action, params);\n}\nexport function profile(id, props) {\n  mixpanel.people.set(id, props);\n}\n",
        ),
        (
            "web/app.js",
            "import { trackAction } from \"./analytics.js\";\nconst analytics = require(\"./analytics.js\");\n\nexport function open(current) {\n  trackAction(\"chart_open\", { patient_name: `${current.firstName} ${current.lastName}` });\n  trackAction(\"chart_saved\", { count: 3 });\n  analytics.profile(current.id, { $email: current.email, diagnosis: current.diagnosis });\n}\n",
        ),
    ]);
    let (code, out, err) = crate::support::run(crate::support::phi_lint(dir.path()).args([
        "scan",
        ".",
        "--isolated",
        "--select",
        "PHI704",
    ]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("relay/tasks.py:5:") && out.contains("passes it to `_twilio.messages.create`"),
        "{out}"
    );
    assert!(
        out.contains("relay/tasks.py:6:") && out.contains("passes it to `analytics.track`"),
        "{out}"
    );
    assert!(!out.contains("relay/tasks.py:7:"), "{out}");
    assert!(
        out.contains("web/app.js:5:") && out.contains("passes it to `gtag`"),
        "{out}"
    );
    assert!(!out.contains("web/app.js:6:"), "{out}");
    assert!(
        out.contains("web/app.js:7:") && out.contains("passes it to `mixpanel.people.set`"),
        "{out}"
    );
    assert!(!out.contains("analytics.js:"), "{out}");
}
