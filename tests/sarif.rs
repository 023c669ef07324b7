//! SARIF contract tests.
