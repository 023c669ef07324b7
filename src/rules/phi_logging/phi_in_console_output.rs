//! PHI102 phi-in-console-output.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::tree::NodeExt;

use super::strongest_arg;

declare_rule! {
    /// ## What it does
    /// Flags PHI printed to standard output or standard error: Python `print`, `pprint` and
    /// `sys.stdout`/`sys.stderr` writes, JavaScript `console.*` and `process.stdout.write`, Rust
    /// `println!`, `eprintln!`, `print!`, `eprint!`, `dbg!` and `panic!`.
    ///
    /// ## Why is this bad?
    /// Container and serverless platforms ship standard output straight into log pipelines, and
    /// browser consoles are visible to anyone at the keyboard and to every script on the page.
    /// Debug prints of patient data are a common way PHI ends up in logs (45 CFR 164.502(b)).
    ///
    /// ## Example
    /// ```javascript
    /// console.log("patient", patient.dateOfBirth);
    /// ```
    ///
    /// ## Use instead
    /// Remove the debug output, or use the application logger with an opaque reference:
    /// ```javascript
    /// logger.debug({ patientRef: patient.id }, "loaded patient");
    /// ```
    ///
    /// A masked or truncated value (`maskSsn(patient.ssn)`, `mrn.slice(0, 3) + "****"`) is
    /// reported as a note: a partial identifier is still an identifier. Redaction, encryption
    /// and keyed hashes clear the finding.
    ///
    /// ## Known limitations
    /// `print(..., file=f)` to a real file is left to the storage rules.
    ///
    /// ## References
    /// - 45 CFR 164.502(b) (minimum necessary), 164.312(a)(1) (access control)
    /// - CWE-532: Insertion of Sensitive Information into Log File
    pub PHI_IN_CONSOLE_OUTPUT = "PHI102" {
        name: "phi-in-console-output",
        file: phi_in_console_output,
        category: PhiLogging,
        safeguards: [MinimumNecessary, AccessControl],
        level: Error,
        confidence: High,
        cwe: [532, 359],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    if let Some(receiver) = m.get("receiver") {
        let r = checker.text(receiver);
        let ok = matches!(
            r,
            "sys.stdout"
                | "sys.stderr"
                | "pprint"
                | "console"
                | "process.stdout"
                | "process.stderr"
                | "window.console"
        );
        if !ok {
            return;
        }
    }
    // `print(x, file=handle)` writes to a file, not the console.
    if args.kind() == "argument_list" {
        let mut cursor = args.walk();
        let to_file = args.named_children(&mut cursor).any(|a| {
            a.kind() == "keyword_argument"
                && a.field("name").is_some_and(|n| checker.text(n) == "file")
                && a.field("value")
                    .is_some_and(|v| !matches!(checker.text(v), "sys.stdout" | "sys.stderr"))
        });
        if to_file {
            return;
        }
    }
    let Some(evidence) = strongest_arg(checker, args, Purpose::Logging) else {
        return;
    };
    let callee = m
        .get("callee")
        .or_else(|| sink.field("function"))
        .or_else(|| sink.field("macro"))
        .unwrap_or(sink);
    let mut name = checker.sink_name(callee);
    if sink.kind() == "macro_invocation" {
        name.push('!');
    }
    let message = format!(
        "{} is printed to the console by `{name}`",
        evidence.describe()
    );
    checker.report_phi(sink, &evidence, message);
}
