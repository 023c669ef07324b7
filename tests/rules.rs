//! The fixture harness. For every `fixtures/<lang>/<rule>/<scenario>.<ext>` it runs only that
//! rule (as ruff's `for_rule` does), compares findings with the inline annotations as two lists,
//! `missing` and `unexpected`, and prints both in full on failure. `fixtures/clean/` runs every
//! rule and must stay silent. A plain-text snapshot per fixture shows how the findings read.

use std::path::{Path, PathBuf};

use phi_lint::discover::{FileKind, SourceFile};
use phi_lint::lang::Language;
use phi_lint::output::{self, Format};
use phi_lint::rules::{self, RuleMeta};
use phi_lint::settings::{Overrides, Settings};

use crate::support::annotations::{self, Mark};
use crate::support::root;

const LANG_DIRS: &[&str] = &["python", "javascript", "typescript", "rust", "config"];

fn settings_for(rules: &[&str]) -> Settings {
    let overrides = Overrides {
        select: rules.iter().map(|s| s.to_string()).collect(),
        isolated: true,
        threads: Some(1),
        ..Default::default()
    };
    Settings::resolve(None, &overrides, &[]).expect("fixture settings resolve")
}

/// Scans one file with the rel path set to its file name, so fixture directories do not count
/// as test paths (which would demote every finding).
fn scan(settings: &Settings, path: &Path) -> phi_lint::Report {
    let kind = FileKind::from_path(path, true).expect("fixture has a supported extension");
    let rel = path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    let file = SourceFile {
        rel,
        path: path.to_path_buf(),
        kind,
    };
    phi_lint::check_files(settings, &[file])
}

fn render_text(report: &phi_lint::Report, rules: &[&'static RuleMeta]) -> String {
    let mut buf = Vec::new();
    output::write(
        Format::Text,
        report,
        &output::Context {
            rules,
            color: false,
            quiet: false,
        },
        &mut buf,
    )
    .expect("render");
    String::from_utf8(buf).expect("utf-8")
}

/// Every fixture file under `fixtures/<lang>/<rule>/`.
pub fn rule_fixtures() -> Vec<(&'static RuleMeta, PathBuf)> {
    let mut out = Vec::new();
    for lang_dir in LANG_DIRS {
        let dir = root().join("fixtures").join(lang_dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let stem = entry.file_name().to_string_lossy().into_owned();
            let rule = rules::ALL
                .iter()
                .copied()
                .find(|r| r.query_stem == stem)
                .unwrap_or_else(|| {
                    panic!("fixtures/{lang_dir}/{stem} does not belong to a declared rule")
                });
            // JSON fixtures keep their annotations in a sidecar, which is not a fixture.
            let mut files: Vec<PathBuf> = std::fs::read_dir(entry.path())
                .expect("rule dir")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_none_or(|e| e != "annotations"))
                .collect();
            files.sort();
            for f in files {
                out.push((rule, f));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

#[test]
fn fixtures_match_their_annotations() {
    let mut failures = Vec::new();
    let fixtures = rule_fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found");
    for (rule, path) in &fixtures {
        let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let (notes, has_error) = match Language::from_path(path) {
            Some(lang) => annotations::read(lang, &source),
            None => annotations::read_config(path, &source),
        };
        let display = path
            .strip_prefix(root())
            .unwrap_or(path)
            .display()
            .to_string();
        if has_error && !display.contains("syntax_error") {
            failures.push(format!(
                "{display}: fixture has syntax errors (name it *syntax_error* if intended)"
            ));
        }
        for n in &notes {
            if rules::find(&n.rule).is_none() {
                failures.push(format!(
                    "{display}:{}: annotation names unknown rule `{}`",
                    n.line, n.rule
                ));
            }
        }
        let notes: Vec<_> = notes
            .into_iter()
            .filter(|n| n.rule == rule.name || n.rule == rule.code)
            .collect();
        if !notes.iter().any(|n| n.mark == Mark::Expect) {
            failures.push(format!(
                "{display}: no `expect: {}` annotation (every fixture needs a true positive)",
                rule.name
            ));
        }
        if !notes.iter().any(|n| n.mark == Mark::Ok) {
            failures.push(format!(
                "{display}: no `ok: {}` annotation (every fixture needs a tricky negative)",
                rule.name
            ));
        }
        let settings = settings_for(&[rule.code]);
        let report = scan(&settings, path);
        assert!(
            report
                .notifications
                .iter()
                .all(|n| n.level != phi_lint::diagnostic::NotificationLevel::Error),
            "{display}: {:?}",
            report.notifications
        );
        let found: Vec<usize> = report
            .diagnostics
            .iter()
            .map(|d| d.start.line as usize)
            .collect();
        let mut missing = Vec::new();
        let mut unexpected = Vec::new();
        for n in &notes {
            let hit = found.contains(&n.line);
            match n.mark {
                Mark::Expect if !hit => missing.push(format!("{display}:{}", n.line)),
                Mark::Ok if hit => unexpected.push(format!("{display}:{} (marked ok)", n.line)),
                Mark::TodoExpect if hit => failures.push(format!(
                    "{display}:{}: todo-expect now fires; promote it to expect",
                    n.line
                )),
                Mark::TodoOk if !hit => failures.push(format!(
                    "{display}:{}: todo-ok no longer fires; promote it to ok",
                    n.line
                )),
                _ => {}
            }
        }
        for d in &report.diagnostics {
            let annotated = notes.iter().any(|n| {
                n.line == d.start.line as usize && matches!(n.mark, Mark::Expect | Mark::TodoOk)
            });
            if !annotated {
                unexpected.push(format!(
                    "{display}:{}:{}: {}",
                    d.start.line, d.start.column, d.message
                ));
            }
        }
        unexpected.sort();
        unexpected.dedup();
        if !missing.is_empty() || !unexpected.is_empty() {
            failures.push(format!(
                "{} ({}):\n  missing:\n    {}\n  unexpected:\n    {}",
                display,
                rule.name,
                missing.join("\n    "),
                unexpected.join("\n    ")
            ));
        }
        let snap_name = display
            .trim_start_matches("fixtures/")
            .replace(['/', '.'], "__");
        insta::assert_snapshot!(snap_name, render_text(&report, &[rule]));
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn clean_tree_stays_silent() {
    let settings = settings_for(&["ALL"]);
    let dir = root().join("fixtures/clean");
    let mut files = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("clean dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if Language::from_path(&p).is_some() {
                files.push(p);
            }
        }
    }
    assert!(
        files.len() >= 4,
        "fixtures/clean should cover every language"
    );
    let mut noisy = Vec::new();
    for f in files {
        let report = scan(&settings, &f);
        for d in report.diagnostics {
            noisy.push(format!(
                "{}:{}: {} {}",
                f.display(),
                d.start.line,
                d.rule.code,
                d.message
            ));
        }
    }
    assert!(
        noisy.is_empty(),
        "fixtures/clean produced findings:\n{}",
        noisy.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture_with_a_true_positive_per_language() {
    let fixtures = rule_fixtures();
    let dir_langs = [
        ("python", vec![Language::Python]),
        ("javascript", vec![Language::JavaScript]),
        ("typescript", vec![Language::TypeScript, Language::Tsx]),
        ("rust", vec![Language::Rust]),
    ];
    let mut gaps = Vec::new();
    for rule in rules::ALL {
        for (dir, langs) in &dir_langs {
            if !langs.iter().any(|l| rule.covers(*l)) {
                continue;
            }
            let has = fixtures
                .iter()
                .any(|(r, p)| r.code == rule.code && p.components().any(|c| c.as_os_str() == *dir));
            if !has {
                gaps.push(format!(
                    "{} ({}) has no fixture under fixtures/{dir}/{}/",
                    rule.code, rule.name, rule.query_stem
                ));
            }
        }
    }
    // Rules that read configuration files: a fixture per format.
    for rule in rules::ALL.iter().filter(|r| r.config.is_some()) {
        for ext in ["json", "yaml", "toml", "env"] {
            let has = fixtures.iter().any(|(r, p)| {
                r.code == rule.code
                    && p.components().any(|c| c.as_os_str() == "config")
                    && p.extension().is_some_and(|e| e == ext)
            });
            if !has {
                gaps.push(format!(
                    "{} ({}) has no .{ext} fixture under fixtures/config/{}/",
                    rule.code, rule.name, rule.query_stem
                ));
            }
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}
