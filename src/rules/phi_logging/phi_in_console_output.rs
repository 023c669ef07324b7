//! PHI102 phi-in-console-output.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::Purpose;
use crate::tree::NodeExt;

use super::strongest_arg;

declare_rule! {
    /// ## What it does
    /// Flags PHI printed to standard output or standard error: Python `print`, `pprint`,
    /// `sys.stdout`/`sys.stderr` writes and click/typer `echo`/`secho` (a command's output,
    /// which a scheduler keeps in its job log), JavaScript `console.*` and `process.stdout.write`, Rust
    /// `println!`, `eprintln!`, `print!`, `eprint!`, `dbg!` and `panic!`.
    ///
    /// Console calls that production builds never run are low confidence: in a package whose
    /// nearest Babel configuration uses `transform-remove-console`, and (for every rule) behind
    /// development-only guards such as `__DEV__`, `import.meta.env.DEV`, `isDevMode()` or
    /// `process.env.NODE_ENV !== "production"`.
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
        project: super::project_helper_sinks,
        facts: super::HELPER_SINK_FACTS,
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
        ) || (matches!(r, "click" | "typer")
            && m.get("method")
                .is_some_and(|meth| matches!(checker.text(meth), "echo" | "secho")));

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
    let mut evidence = evidence;
    // A production build that strips `console.*` (babel-plugin-transform-remove-console) never
    // runs this line: low confidence.
    if checker.file.lang.family() == crate::lang::Family::Ecma
        && checker
            .file
            .flow
            .origin()
            .is_some_and(|p| console_stripped_in_builds(&p))
    {
        evidence.class.score = evidence.class.score.min(0.45);
    }
    checker.report_phi(sink, &evidence, message);
}

/// Whether the Babel configuration nearest above `path` (`babel.config.js`, `.babelrc`, ...)
/// uses `transform-remove-console`, which removes `console.*` calls from the builds it is
/// configured for. Read at most 64 KiB per file, 12 directories up, once per directory per scan.
fn console_stripped_in_builds(path: &std::path::Path) -> bool {
    static MEMO: crate::memo::ScanMemo<std::path::PathBuf, bool> = crate::memo::ScanMemo::new();
    const CONFIGS: &[&str] = &[
        "babel.config.js",
        "babel.config.cjs",
        "babel.config.mjs",
        "babel.config.json",
        ".babelrc",
        ".babelrc.js",
        ".babelrc.json",
    ];
    let mut dir = path.parent();
    let mut visited = Vec::new();
    let mut answer = false;
    for _ in 0..12 {
        let Some(d) = dir else {
            break;
        };
        if let Some(known) = MEMO.get(d) {
            answer = known;
            break;
        }
        visited.push(d.to_path_buf());
        let found = CONFIGS.iter().find_map(|name| {
            let file = d.join(name);
            std::fs::symlink_metadata(&file)
                .ok()
                .filter(|m| m.is_file())
                .and_then(|_| crate::read::source(&file, 64 * 1024).ok())
        });
        if let Some(text) = found {
            answer = String::from_utf8_lossy(&text).contains("transform-remove-console");
            break;
        }
        // The repository's root: no configuration above it applies.
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    for d in visited {
        MEMO.insert(d, answer);
    }
    answer
}
