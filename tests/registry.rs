//! Registry meta-tests: the conventions every rule must follow, checked mechanically (clippy's
//! `lint_message_convention` and `missing-test-files` ideas). Generated docs (`docs/rules/*.md`
//! and the README rules table) must match the declarations; run with `UPDATE_DOCS=1` to
//! regenerate them.

use std::collections::HashSet;

use phi_lint::lang::QueryDir;
use phi_lint::rules::{self, Category};

use crate::support::root;

#[test]
fn codes_and_names_follow_the_conventions() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in rules::ALL {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        assert!(
            rule.code.len() == 6
                && rule.code.starts_with("PHI")
                && rule.code[3..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            rule.code
        );
        assert!(
            rule.code.starts_with(rule.category.code_prefix()),
            "{} is not in the {} range",
            rule.code,
            rule.category
        );
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            rule.name
        );
        for bad in ["no-", "disallow-", "avoid-", "use-"] {
            assert!(
                !rule.name.starts_with(bad),
                "{} names the fix, not the leak",
                rule.name
            );
        }
        assert_eq!(
            rule.query_stem,
            rule.name.replace('-', "_"),
            "query/fixture stem of {}",
            rule.name
        );
        assert!(!rule.safeguards.is_empty());
    }
    let mut sorted: Vec<_> = rules::ALL.iter().map(|r| r.code).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        rules::ALL.iter().map(|r| r.code).collect::<Vec<_>>(),
        "rules::ALL is in code order"
    );
}

#[test]
fn docs_have_the_fixed_headings_in_order() {
    for rule in rules::ALL {
        let mut last = 0;
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            let pos = rule
                .docs
                .find(heading)
                .unwrap_or_else(|| panic!("{}: missing `{heading}`", rule.code));
            assert!(pos >= last, "{}: `{heading}` out of order", rule.code);
            last = pos;
        }
        assert!(!rule.short_description().is_empty(), "{}", rule.code);
        assert!(
            rule.docs.contains("164."),
            "{}: references cite the HIPAA section",
            rule.code
        );
    }
}

#[test]
fn every_query_file_belongs_to_a_rule_and_has_a_header() {
    for dir in [
        QueryDir::Python,
        QueryDir::Ecma,
        QueryDir::TypeScript,
        QueryDir::Rust,
    ] {
        let path = root().join("queries").join(dir.name());
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let stem = file
                .strip_suffix(".scm")
                .unwrap_or_else(|| panic!("queries/{}/{file} is not a .scm file", dir.name()));
            let rule = rules::ALL
                .iter()
                .find(|r| r.query_stem == stem && r.queries.iter().any(|(d, _)| *d == dir))
                .unwrap_or_else(|| {
                    panic!("queries/{}/{file} belongs to no declared rule", dir.name())
                });
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let header = format!("; {} ({})", rule.name, rule.code);
            assert!(
                text.starts_with(&header),
                "queries/{}/{file} must start with `{header}`",
                dir.name()
            );
        }
    }
}

#[test]
fn messages_follow_the_convention() {
    let fixtures = crate::rules::rule_fixtures();
    let settings = phi_lint::settings::Settings::default_settings();
    let files: Vec<_> = fixtures
        .iter()
        .map(|(_, p)| phi_lint::discover::SourceFile {
            rel: p.file_name().unwrap().to_string_lossy().into_owned(),
            path: p.clone(),
            kind: phi_lint::discover::FileKind::from_path(p, true).unwrap(),
        })
        .collect();
    let report = phi_lint::check_files(&settings, &files);
    assert!(report.diagnostics.len() > 20);
    let mut bad = Vec::new();
    for d in &report.diagnostics {
        let first = d.message.chars().next().unwrap();
        // An acronym (TLS, SSN) may start a message; a capitalised word may not.
        let word = d.message.split_whitespace().next().unwrap_or("");
        let acronym = word.len() >= 2
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if first.is_uppercase() && !acronym {
            bad.push(format!(
                "{}: message starts uppercase: {}",
                d.rule.code, d.message
            ));
        }
        if d.message.ends_with('.') {
            bad.push(format!(
                "{}: message ends with a period: {}",
                d.rule.code, d.message
            ));
        }
        if d.message.contains('\n') {
            bad.push(format!(
                "{}: message spans lines: {}",
                d.rule.code, d.message
            ));
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The Markdown page of a rule, as written to `docs/rules/<name>.md`.
fn doc_page(rule: &rules::RuleMeta) -> String {
    let cites: Vec<String> = rule
        .safeguards
        .iter()
        .map(|s| format!("45 CFR {}", s.citation()))
        .collect();
    format!(
        "<!-- Generated from the rule declaration ({}); do not edit. Run `UPDATE_DOCS=1 cargo test` to regenerate. -->\n# {} {}\n\n| category | default level | precision | suite | HIPAA |\n|---|---|---|---|---|\n| `{}` | {} | {} | {} | {} |\n\n{}",
        rule.source.split(':').next().unwrap_or(""),
        rule.code,
        rule.name,
        rule.category.tag(),
        rule.level,
        rule.confidence.as_str(),
        rule.suite,
        cites.join(", "),
        rule.docs_markdown()
    )
}

fn rules_table() -> String {
    let mut t = String::from(
        "| code | name | category | level | suite | HIPAA |\n|---|---|---|---|---|---|\n",
    );
    for r in rules::ALL {
        t.push_str(&format!(
            "| {} | [{}](docs/rules/{}.md) | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.name,
            r.category.tag(),
            r.level,
            r.suite,
            r.citation()
        ));
    }
    t
}

#[test]
fn generated_docs_are_up_to_date() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let dir = root().join("docs/rules");
    let mut stale = Vec::new();
    let mut expected_files = HashSet::new();
    for rule in rules::ALL {
        let path = dir.join(format!("{}.md", rule.name));
        expected_files.insert(path.clone());
        let want = doc_page(rule);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, want).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if !expected_files.contains(&entry.path()) {
            stale.push(format!("{} (no such rule)", entry.path().display()));
        }
    }
    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (start, end) = ("<!-- rules-table:start -->\n", "<!-- rules-table:end -->");
    let a = readme
        .find(start)
        .expect("README has the rules-table markers")
        + start.len();
    let b = readme
        .find(end)
        .expect("README has the rules-table end marker");
    if readme[a..b] != rules_table() {
        if update {
            std::fs::write(
                &readme_path,
                format!("{}{}{}", &readme[..a], rules_table(), &readme[b..]),
            )
            .unwrap();
        } else {
            stale.push("README.md rules table".into());
        }
    }
    assert!(
        stale.is_empty(),
        "generated docs are stale; run `UPDATE_DOCS=1 cargo test`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn categories_have_distinct_tags_and_prefixes() {
    let tags: HashSet<_> = Category::ALL.iter().map(|c| c.tag()).collect();
    let prefixes: HashSet<_> = Category::ALL.iter().map(|c| c.code_prefix()).collect();
    assert_eq!(tags.len(), Category::ALL.len());
    assert_eq!(prefixes.len(), Category::ALL.len());
}

/// Every rule with a project-level pass can cache its facts (partial scans read the facts of the
/// other files of an application from the facts cache).
#[test]
fn every_project_level_rule_has_a_facts_codec() {
    for rule in phi_lint::rules::ALL {
        assert_eq!(
            rule.project.is_some(),
            rule.facts.is_some(),
            "{}: a project-level pass needs `facts:` (how its facts are cached)",
            rule.code
        );
    }
}
