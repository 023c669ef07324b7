//! session-timeout project-level cases: settings split over several modules.

use phi_lint::settings::{Overrides, Settings};

use crate::support::root;

fn scan(dir: &str, select: &[&str]) -> Vec<String> {
    let overrides = Overrides {
        select: select.iter().map(|s| s.to_string()).collect(),
        isolated: true,
        threads: Some(1),
        ..Default::default()
    };
    let settings = Settings::resolve(None, &overrides, &[]).expect("settings");
    let path = root().join("fixtures/projects").join(dir);
    let report = phi_lint::check(&settings, &[path]);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let rel = d
                .path
                .rsplit_once(&format!("{dir}/"))
                .map_or(d.path.as_str(), |(_, r)| r);
            format!("{}:{} {} {}", rel, d.start.line, d.rule.code, d.message)
        })
        .collect()
}

#[test]
fn django_settings_joined_across_modules() {
    let found = scan("django_split_settings", &["long-lived-session"]);
    assert_eq!(
        found,
        vec![
            "clinic/settings/base.py:5 PHI501 session cookie lives 14 days (default SESSION_COOKIE_AGE), policy allows 15 minutes of inactivity; SESSION_SAVE_EVERY_REQUEST is off, so activity does not extend it (settings module fixtures/projects/django_split_settings/clinic/settings/qa.py)".to_string(),
            "clinic/settings/staging.py:4 PHI501 session cookie lives 1 day (SESSION_COOKIE_AGE), policy allows 15 minutes of inactivity".to_string(),
        ],
        "{found:#?}"
    );
}

#[test]
fn policy_is_configurable() {
    let dir = root().join("fixtures/projects/django_split_settings");
    let config = phi_lint::settings::ConfigFile {
        session: phi_lint::settings::SessionConfig {
            max_idle_seconds: Some(2 * 86_400),
            max_absolute_seconds: None,
        },
        ..Default::default()
    };
    let overrides = Overrides {
        select: vec!["PHI501".into()],
        threads: Some(1),
        ..Default::default()
    };
    let settings =
        Settings::resolve(Some((dir.join("phi-lint.toml"), config)), &overrides, &[]).unwrap();
    assert_eq!(settings.session_policy.max_idle, 172_800);
    let report = phi_lint::check(&settings, &[dir]);
    // The two-week default still exceeds two days; staging's one day no longer does.
    assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
}
