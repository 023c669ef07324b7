//! PHI703 debug-mode-enabled.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags debug modes that show internals and data to whoever triggers an error: Django
    /// `DEBUG = True` in a settings module that is not a development one, Flask
    /// `app.run(debug=True)`, `app.debug = True` and `app.config["DEBUG"] = True`,
    /// `FastAPI(debug=True)` and `Starlette(debug=True)`. Also flags loguru
    /// `logger.add(...)` without `diagnose=False`: loguru's default `diagnose=True` writes the
    /// values of local variables into every logged traceback.
    ///
    /// ## Why is this bad?
    /// Debug error pages print request data, settings and local variables, which in a PHI
    /// service include patient records; the Werkzeug debugger also runs arbitrary code. A
    /// logged traceback with variable values copies the PHI of the failing request into the
    /// logs. Both disclose more than the minimum necessary (45 CFR 164.502(b)) to people and
    /// systems outside the record's access controls (164.312(a)(1)).
    ///
    /// ## Example
    /// ```python
    /// DEBUG = True
    /// logger.add("app.log", rotation="1 day")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// DEBUG = env.bool("DJANGO_DEBUG", default=False)
    /// logger.add("app.log", rotation="1 day", diagnose=False)
    /// ```
    ///
    /// ## Known limitations
    /// Settings files named for development, local or test use (`dev.py`, `local_settings.py`,
    /// `settings_test.py`) and test paths are skipped; a debug flag set from the environment is
    /// not reported. `logger.add` is reported only in files that import loguru.
    /// `app.run(debug=True)` under `if __name__ == "__main__":` is reported as a warning with
    /// medium confidence, since production usually runs another entry point.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.312(a)(1) (access control)
    /// - CWE-215: Insertion of Sensitive Information Into Debugging Code; CWE-489: Active
    ///   Debug Code
    pub DEBUG_MODE_ENABLED = "PHI703" {
        name: "debug-mode-enabled",
        file: debug_mode_enabled,
        category: PhiExposure,
        safeguards: [MinimumNecessary, AccessControl],
        level: Error,
        confidence: High,
        cwe: [215, 489],
        queries: [python],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["debug", "diagnose", "loguru"]),
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let path = checker.file.path;
    if checker.file.is_test_path() || crate::rules::is_dev_file(path) {
        return;
    }
    // loguru `logger.add(...)`
    if let Some(args) = m.get("args") {
        if !checker.file.source_contains("loguru") {
            return;
        }
        let diagnose = super::super::weak_crypto::keyword(checker, args, "diagnose");
        let off = diagnose.is_some_and(|v| checker.text(v) != "True");
        if off {
            return;
        }
        let message = if diagnose.is_some() {
            "loguru `logger.add` is given `diagnose=True`, which writes local variable values (PHI in a failing request) into logged tracebacks"
        } else {
            "loguru `logger.add` keeps the default `diagnose=True`, which writes local variable values (PHI in a failing request) into logged tracebacks"
        };
        checker.report(
            sink,
            sink,
            message.to_string(),
            Level::Warning,
            Confidence::Medium,
        );
        return;
    }
    let Some(value) = m.get("value") else { return };
    let message = if let Some(callee) = m.get("callee") {
        let text = checker.text(callee);
        let name = if text.len() <= 48 && !text.contains(['"', '\'', '(']) {
            text
        } else {
            "app"
        };
        format!("`{name}` is called with `debug=True`; debug error pages show request data and local variables to the client")
    } else if sink.kind() == "expression_statement" {
        // `DEBUG = True` counts in a Django settings module only.
        let name = path.rsplit('/').next().unwrap_or(path);
        let settings_like = name.contains("settings")
            || name.contains("prod")
            || name == "base.py" && path.contains("settings")
            || checker.file.source_contains("INSTALLED_APPS");
        if !settings_like {
            return;
        }
        "`DEBUG` is `True` in a settings module; Django's debug pages show request data, settings and local variables".to_string()
    } else {
        "debug mode is turned on; debug error pages show request data and local variables to the client".to_string()
    };
    // `app.run(debug=True)` under `if __name__ == "__main__":` is the development entry point
    // of many apps served by gunicorn or uvicorn in production: still reported, as a warning.
    let (level, confidence) = if in_main_guard(checker, sink) {
        (Level::Warning, Confidence::Medium)
    } else {
        (Level::Error, Confidence::High)
    };
    checker.report(value, sink, message, level, confidence);
}

fn in_main_guard(checker: &Checker<'_>, node: tree_sitter::Node<'_>) -> bool {
    let mut n = node.up();
    while let Some(p) = n {
        if p.kind() == "if_statement" {
            if let Some(c) = p.field("condition") {
                if checker.text(c).contains("__main__") {
                    return true;
                }
            }
        }
        n = p.up();
    }
    false
}
