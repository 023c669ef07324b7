//! Code that production builds never run: console calls stripped by the project's Babel
//! configuration (`transform-remove-console`), and branches behind development-only guards
//! (`__DEV__`, `process.env.NODE_ENV !== "production"`). Their findings are low confidence.

use std::path::Path;

use serde_json::Value;

use crate::support::{phi_lint, project, run};

const SCREEN: &str = "export function Screen({ patient }) {\n  console.log('opened', patient.dateOfBirth);\n  return null;\n}\n";

fn lines(dir: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let mut all = vec!["scan", "--isolated", "-f", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(phi_lint(dir).args(&all));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn console_calls_stripped_by_babel_are_low_confidence() {
    let dir = project(&[
        (
            "mobile/babel.config.js",
            "module.exports = { env: { production: { plugins: ['transform-remove-console'] } } };\n",
        ),
        ("mobile/src/Screen.js", SCREEN),
        ("web/src/Screen.js", SCREEN),
    ]);
    // Only the package whose builds keep console calls is reported by default.
    assert_eq!(
        lines(dir.path(), &["."]),
        [("web/src/Screen.js".to_string(), 2)]
    );
    let low = lines(dir.path(), &[".", "--min-confidence", "low"]);
    assert!(
        low.contains(&("mobile/src/Screen.js".to_string(), 2)),
        "{low:?}"
    );
}

#[test]
fn development_only_branches_are_low_confidence() {
    let dir = project(&[(
        "src/sync.js",
        "export function sync(patient) {\n  if (__DEV__) {\n    console.warn('sync', patient.dateOfBirth);\n  }\n  if (process.env.NODE_ENV !== 'production') console.log(patient.lastName);\n  console.log(patient.ssn);\n}\n",
    )]);
    assert_eq!(lines(dir.path(), &["."]), [("src/sync.js".to_string(), 6)]);
    assert_eq!(
        lines(dir.path(), &[".", "--min-confidence", "low"]).len(),
        3
    );
}
