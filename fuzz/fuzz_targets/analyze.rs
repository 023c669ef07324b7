//! Full per-file analysis with every rule on arbitrary bytes. The first byte picks the language,
//! the second the file name (some rules look at the path: `settings.py`, tests, config files);
//! the rest is the file content. Project-level passes run on the facts the file recorded.
//! Besides a crash, an analysis that runs out of its budget or takes more steps than linear
//! cost allows is a finding (as in the `nest_*` targets). Run with a large `-max_len`
//! (`fuzz/run.sh` uses 1 MiB) so the seeded deep shapes (`fuzz/seed.sh`) stay reachable.
#![no_main]

#[path = "../gen/mod.rs"]
mod gen;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phi_lint::discover::SourceFile;
use phi_lint::engine::{Engine, FileResult, ProjectFacts, Worker};
use phi_lint::lang::Language;
use phi_lint::settings::Settings;

fn settings() -> &'static Settings {
    static S: OnceLock<Settings> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = Settings::default_settings();
        s.snippets = true;
        s.allow_partial = true;
        // As in the nest_* targets (fuzz/gen/harness.rs): steps are the deterministic check.
        s.analysis_timeout = std::time::Duration::from_secs(30);
        s
    })
}

fn engine() -> &'static Engine<'static> {
    static E: OnceLock<Engine<'static>> = OnceLock::new();
    E.get_or_init(|| Engine::new(settings()))
}

const LANGS: [(Language, &[&str]); 5] = [
    (
        Language::Python,
        &[
            "app.py",
            "settings.py",
            "tests/test_app.py",
            "config/production.py",
        ],
    ),
    (
        Language::JavaScript,
        &["app.js", "server.mjs", "src/app.test.js", "config/index.js"],
    ),
    (
        Language::TypeScript,
        &["app.ts", "main.ts", "src/app.spec.ts", "config/settings.ts"],
    ),
    (
        Language::Tsx,
        &["App.tsx", "pages/index.tsx", "App.test.tsx", "config.tsx"],
    ),
    (
        Language::Rust,
        &["src/main.rs", "src/lib.rs", "tests/it.rs", "src/config.rs"],
    ),
];

thread_local! {
    static WORKER: std::cell::RefCell<Worker> = std::cell::RefCell::new(Worker::default());
}

fuzz_target!(|data: &[u8]| {
    let [l, n, content @ ..] = data else {
        return;
    };
    let (lang, names) = LANGS[usize::from(*l) % LANGS.len()];
    let name = names[usize::from(*n) % names.len()];
    let file = SourceFile {
        rel: name.into(),
        path: name.into(),
        kind: lang.into(),
    };
    gen::init();
    let engine = engine();
    let settings = settings();
    let mut result = FileResult::default();
    WORKER.with(|w| engine.analyze_bytes(&mut w.borrow_mut(), &file, content, &mut result));
    for n in &result.notifications {
        assert!(!n.message.contains("not fully analysed"), "{}", n.message);
    }
    let bound = gen::harness::STEPS_PER_NODE * result.nodes + gen::harness::STEP_SLACK;
    assert!(
        result.analysis_steps <= bound,
        "{} analysis steps for {} nodes",
        result.analysis_steps,
        result.nodes
    );
    for d in &result.diagnostics {
        assert!(!d.message.is_empty());
        if let Some(snippet) = &d.snippet {
            // Snippets mask literals and keep code (README, Hostile repositories): a digit may
            // appear only inside an identifier (`Sha256`, `TLS_1_0`), never on its own, as a
            // number literal or a digit in a string or comment would.
            let mut prev = None;
            for c in snippet.chars() {
                if c.is_ascii_digit() {
                    assert!(
                        prev.is_some_and(|p: char| p.is_alphanumeric() || p == '_'),
                        "unmasked digits in snippet {snippet:?}"
                    );
                }
                prev = Some(c);
            }
        }
    }
    for rule in settings.rules.iter().copied() {
        let Some(project) = rule.project else {
            continue;
        };
        let facts = ProjectFacts {
            rule,
            settings,
            facts: result
                .facts
                .iter()
                .filter(|(r, _)| r.code == rule.code)
                .map(|(_, f)| (name, f.as_ref()))
                .collect(),
            reported: None,
        };
        let _ = project(&facts);
    }
});
