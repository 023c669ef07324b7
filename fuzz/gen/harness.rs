//! Runs one generated program through the whole per-file analysis and checks what issue 21
//! promises of it: no crash (a panic is the fuzzer's finding), the analysis finishes within its
//! budget, and its cost in steps is linear in the size of the syntax tree. Shared by the
//! `nest_*` fuzz targets and the deterministic smoke test (`tests/fuzz_smoke.rs`).

use std::sync::OnceLock;

use phi_lint::discover::SourceFile;
use phi_lint::engine::{Engine, FileResult, Worker};
use phi_lint::lang::Language;
use phi_lint::settings::Settings;

use super::shapes::Lang;

/// Analysis steps allowed per syntax-tree node, plus [`STEP_SLACK`]: the pathological shapes
/// take 1 to 4 steps per node; a quadratic walk over a 10,000-deep chain takes thousands.
pub const STEPS_PER_NODE: u64 = 64;
/// Steps any file may take whatever its size (query compilation aside, a small file's fixed
/// costs: sibling lookups, the function table).
pub const STEP_SLACK: u64 = 200_000;

/// The analysis budget, when set before the first analysis; 30 seconds otherwise. The clock of
/// an instrumented build at low priority on a shared machine says little (a 130 KB file that
/// a release build analyses in 0.8 s ran out of 10 s there), so the deterministic check is the
/// step count, and the budget catches what steps cannot see (copying and other work that
/// asks no budget). The smoke test, a debug build, sets 10 minutes.
pub static BUDGET: OnceLock<std::time::Duration> = OnceLock::new();

fn settings() -> &'static Settings {
    static S: OnceLock<Settings> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = Settings::default_settings();
        s.analysis_timeout = BUDGET
            .get()
            .copied()
            .unwrap_or(std::time::Duration::from_secs(30));
        s.snippets = true;
        // Over-budget files must be visible here: a warning, not an exit code.
        s.allow_partial = true;
        s
    })
}

fn engine() -> &'static Engine<'static> {
    static E: OnceLock<Engine<'static>> = OnceLock::new();
    E.get_or_init(|| Engine::new(settings()))
}

thread_local! {
    static WORKER: std::cell::RefCell<Worker> = std::cell::RefCell::new(Worker::default());
}

/// The phi-lint language of a generated program.
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::Python => Language::Python,
        Lang::JavaScript => Language::JavaScript,
        Lang::TypeScript => Language::TypeScript,
        Lang::Tsx => Language::Tsx,
        Lang::Rust => Language::Rust,
    }
}

/// Analyses `text` as a file of `lang`.
pub fn analyze(lang: Lang, text: &str) -> FileResult {
    let name = lang.file_name();
    let file = SourceFile {
        rel: name.into(),
        path: name.into(),
        kind: language(lang).into(),
    };
    let mut result = FileResult::default();
    WORKER
        .with(|w| engine().analyze_bytes(&mut w.borrow_mut(), &file, text.as_bytes(), &mut result));
    result
}

/// Analyses `text` and panics if the analysis ran out of budget or took more steps than
/// linear cost allows. A file whose parse was abandoned (timeout, memory) is not analysed and
/// passes.
pub fn check(lang: Lang, text: &str) -> FileResult {
    let result = analyze(lang, text);
    for n in &result.notifications {
        assert!(
            !n.message.contains("not fully analysed"),
            "{lang:?}, {} bytes: {}",
            text.len(),
            n.message
        );
    }
    let bound = STEPS_PER_NODE * result.nodes + STEP_SLACK;
    assert!(
        result.analysis_steps <= bound,
        "{lang:?}, {} bytes, {} nodes: {} analysis steps, over {bound}",
        text.len(),
        result.nodes,
        result.analysis_steps
    );
    result
}
