//! Hierarchical configuration: each file uses the closest `phi-lint.toml`, `.phi-lint.toml` or
//! `pyproject.toml` `[tool.phi-lint]` above it (as ruff does), inside the repository; `extend`
//! inherits another file; results never depend on the order of the paths; `--config` applies
//! one file to everything; every error names the file, line and span.

use crate::support::{phi_lint, project, run};

/// A PHI log line (PHI101) and a PHI print (PHI102).
const LEAKY: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n    print(patient.ssn)\n";

/// A print of an identifier that is PHI only with `[phi] strong = ["kennitala"]` (Iceland's national id).
const NHS: &str = "def g(person):\n    print(person.kennitala)\n";

/// A repository (a `.git` directory) with these files.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = project(files);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

/// The findings of a JSON report as `path:line CODE`, sorted.
fn findings(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut found: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["start"]["line"],
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

/// The case: `api/phi-lint.toml` applies to `api/` and only there, and naming the files
/// in either order gives the same report (before, the first path's configuration applied to
/// every file).
#[test]
fn a_nested_config_applies_below_it_only_whatever_the_argument_order() {
    let dir = repo(&[
        ("web/b.py", LEAKY),
        ("api/a.py", LEAKY),
        ("api/phi-lint.toml", "ignore = [\"PHI101\"]\n"),
    ]);
    let scan = |args: &[&str]| {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "-f", "json"]).args(args));
        assert_eq!(code, 1, "{out}{err}");
        findings(&out)
    };
    let expected = [
        "api/a.py:6 PHI102",
        "web/b.py:5 PHI101",
        "web/b.py:6 PHI102",
    ];
    assert_eq!(scan(&["web/b.py", "api/a.py"]), expected);
    assert_eq!(scan(&["api/a.py", "web/b.py"]), expected);
    assert_eq!(scan(&["."]), expected);
    // The sibling directory alone: nothing of api's configuration.
    assert_eq!(
        scan(&["web/b.py"]),
        ["web/b.py:5 PHI101", "web/b.py:6 PHI102"]
    );
    assert_eq!(scan(&["api"]), ["api/a.py:6 PHI102"]);
}

/// The closest configuration wins whole (no implicit merging): a nested file that sets nothing
/// brings the defaults back below it, and a `pyproject.toml` without `[tool.phi-lint]` is
/// passed over.
#[test]
fn the_closest_configuration_wins_and_a_pyproject_without_the_table_is_passed_over() {
    let dir = repo(&[
        ("phi-lint.toml", "ignore = [\"PHI102\"]\n"),
        ("a.py", LEAKY),
        ("svc/pyproject.toml", "[project]\nname = \"svc\"\n"),
        ("svc/s.py", LEAKY),
        ("lib/.phi-lint.toml", "min-confidence = \"medium\"\n"),
        ("lib/l.py", LEAKY),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "json"]));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        findings(&out),
        [
            "a.py:5 PHI101",
            "lib/l.py:5 PHI101",
            "lib/l.py:6 PHI102",
            "svc/s.py:5 PHI101"
        ]
    );
    // `[tool.phi-lint]` in a nested pyproject.toml applies to its directory.
    std::fs::write(
        dir.path().join("svc/pyproject.toml"),
        "[project]\nname = \"svc\"\n\n[tool.phi-lint]\nselect = [\"PHI102\"]\n",
    )
    .unwrap();
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "json"]));
    assert!(findings(&out).contains(&"svc/s.py:6 PHI102".to_string()));
    assert!(!findings(&out).contains(&"svc/s.py:5 PHI101".to_string()));
}

/// `extend` inherits, relative to the extending file, through a chain: keys set nearer win,
/// tables merge key by key, and the report names every file of the chain.
#[test]
fn an_extend_chain_inherits_and_is_recorded() {
    let dir = repo(&[
        (
            "phi-lint.toml",
            "ignore = [\"PHI101\"]\n[phi]\nstrong = [\"kennitala\"]\n",
        ),
        (
            "api/phi-lint.toml",
            "extend = \"../phi-lint.toml\"\n[phi]\nhealth = [\"wound_care\"]\n",
        ),
        (
            "api/v2/.phi-lint.toml",
            "extend = \"../phi-lint.toml\"\nselect = [\"phi-logging\"]\n",
        ),
        ("api/v2/a.py", LEAKY),
        ("api/v2/n.py", NHS),
        ("b.py", LEAKY),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "json"]));
    assert_eq!(code, 1, "{out}{err}");
    // `ignore` and the vocabulary come from the root file, two links up.
    assert_eq!(
        findings(&out),
        [
            "api/v2/a.py:6 PHI102",
            "api/v2/n.py:2 PHI102",
            "b.py:6 PHI102"
        ]
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["config"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{files:?}");
    let nested = files
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("v2/.phi-lint.toml"))
        .unwrap();
    let extends: Vec<&str> = nested["extends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(extends.len(), 2, "{extends:?}");
    assert!(extends[0].ends_with("api/phi-lint.toml"), "{extends:?}");
    assert!(!extends[1].contains("api"), "{extends:?}");
    // SARIF records the same.
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert_eq!(props["configFiles"].as_array().unwrap().len(), 2);
}

/// A cycle of `extend` is an error naming the file that closes it, with the span of its
/// `extend` value.
#[test]
fn an_extend_cycle_is_an_error_with_its_location() {
    let dir = repo(&[
        ("a.py", LEAKY),
        ("phi-lint.toml", "extend = \"shared/base.toml\"\n"),
        (
            "shared/base.toml",
            "# base\nmin-confidence = \"low\"\nextend = \"../phi-lint.toml\"\n",
        ),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("cycle of configuration files"), "{err}");
    assert!(err.contains("base.toml:3:10"), "{err}");
    // The place, not the line.
    assert!(!err.contains("extend = \"../phi-lint.toml\""), "{err}");
    // A chain longer than the limit is refused too.
    let mut files: Vec<(String, String)> = (0..12)
        .map(|i| {
            (
                format!("c{i}.toml"),
                format!("extend = \"c{}.toml\"\n", i + 1),
            )
        })
        .collect();
    files.push(("c12.toml".into(), String::new()));
    files.push(("phi-lint.toml".into(), "extend = \"c0.toml\"\n".into()));
    files.push(("a.py".into(), LEAKY.into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let dir = repo(&refs);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("longer than 8"), "{err}");
}

/// A repository's configuration may not extend a file outside the repository (it would read,
/// and print in a parse error, any file on the machine); a configuration given with `--config`
/// may.
#[test]
fn an_extend_outside_the_repository_is_refused_unless_given_with_config() {
    let outer = project(&[
        ("shared.toml", "ignore = [\"PHI101\"]\n"),
        ("repo/phi-lint.toml", "extend = \"../shared.toml\"\n"),
        ("repo/a.py", LEAKY),
    ]);
    let repo_dir = outer.path().join("repo");
    std::fs::create_dir_all(repo_dir.join(".git")).unwrap();
    let (code, out, err) = run(phi_lint(&repo_dir).args(["scan", "."]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("outside the repository"), "{err}");
    assert!(err.contains("phi-lint.toml:1:10"), "{err}");
    // A symbolic link out of the repository is refused the same way.
    #[cfg(unix)]
    {
        std::fs::write(repo_dir.join("phi-lint.toml"), "extend = \"base.toml\"\n").unwrap();
        std::os::unix::fs::symlink(outer.path().join("shared.toml"), repo_dir.join("base.toml"))
            .unwrap();
        let (code, _, err) = run(phi_lint(&repo_dir).args(["scan", "."]));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("base.toml"), "{err}");
        std::fs::write(
            repo_dir.join("phi-lint.toml"),
            "extend = \"../shared.toml\"\n",
        )
        .unwrap();
    }
    let (code, out, err) =
        run(phi_lint(&repo_dir).args(["scan", ".", "-f", "json", "--config", "phi-lint.toml"]));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(findings(&out), ["a.py:6 PHI102"]);
}

/// `--config` applies one file to every file (nested configuration files are not read);
/// `--isolated` none.
#[test]
fn config_flag_overrides_every_nested_configuration() {
    let dir = repo(&[
        ("api/phi-lint.toml", "ignore = [\"ALL\"]\n"),
        ("api/a.py", LEAKY),
        ("ci.toml", "ignore = [\"PHI102\"]\n"),
    ]);
    let (code, out, err) =
        run(phi_lint(dir.path()).args(["scan", "api", "-f", "json", "--config", "ci.toml"]));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(findings(&out), ["api/a.py:5 PHI101"]);
    let (code, out, _) =
        run(phi_lint(dir.path()).args(["scan", "api", "-f", "json", "--isolated"]));
    assert_eq!(code, 1);
    assert_eq!(findings(&out), ["api/a.py:5 PHI101", "api/a.py:6 PHI102"]);
}

/// Relative globs in a nested configuration are relative to its directory (as in ruff): an
/// `exclude` of `gen/**` in `api/phi-lint.toml` leaves out `api/gen/`, not `web/gen/`; an
/// `include` of `src/**` there keeps `api/src/` only.
#[test]
fn relative_globs_are_relative_to_their_configuration_file() {
    let dir = repo(&[
        ("api/phi-lint.toml", "exclude = [\"gen/**\"]\n"),
        ("api/gen/x.py", LEAKY),
        ("api/y.py", LEAKY),
        ("web/gen/x.py", LEAKY),
        ("svc/phi-lint.toml", "include = [\"src/**\"]\n"),
        ("svc/src/k.py", LEAKY),
        ("svc/tools/t.py", LEAKY),
    ]);
    let (_, out, err) =
        run(phi_lint(dir.path()).args(["scan", ".", "-f", "json", "--select", "PHI101"]));
    assert_eq!(
        findings(&out),
        [
            "api/y.py:5 PHI101",
            "svc/src/k.py:5 PHI101",
            "web/gen/x.py:5 PHI101"
        ],
        "{err}"
    );
    // Named on the command line (a pre-commit hook), the same files are left out.
    let (code, out, _) = run(phi_lint(dir.path()).args([
        "scan",
        "api/gen/x.py",
        "svc/tools/t.py",
        "web/gen/x.py",
        "-f",
        "json",
        "--select",
        "PHI101",
    ]));
    assert_eq!(code, 1);
    assert_eq!(findings(&out), ["web/gen/x.py:5 PHI101"]);
    // And from inside the nested directory.
    let (code, _, err) = run(phi_lint(&dir.path().join("api")).args(["scan", "gen/x.py"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("excluded by the configuration"), "{err}");
}

/// Errors in every configuration source carry the file, the line and the column: TOML errors
/// and bad values in `[tool.phi-lint]` of a `pyproject.toml`, unknown selectors in `select`,
/// `ignore` and `[rules]`, bad globs and regexes, in whichever file of a chain they are.
#[test]
fn config_errors_in_every_source_carry_file_line_and_span() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.phi-lint]\nselect = [\"PHI101\", \"PHI999\"]\n",
            "pyproject.toml:5:21",
            "`select[1]`: unknown rule selector",
        ),
        (
            "pyproject.toml",
            "[tool.phi-lint]\nmax-file-size = \"big\"\n",
            "pyproject.toml:2:17",
            "invalid type at key `tool.phi-lint.max-file-size`: expected u64",
        ),
        (
            "pyproject.toml",
            "[tool.phi-lint]\nunknown-key = 1\n",
            "pyproject.toml:2:1",
            "unknown key in `tool.phi-lint`",
        ),
        (
            "phi-lint.toml",
            "[rules]\nphi-in-logs = \"off\"\n",
            "phi-lint.toml:2:1",
            "`rules`: a key is an unknown rule selector",
        ),
        (
            "phi-lint.toml",
            "ignore = [\n  \"PHI1\",\n  \"nope\",\n]\n",
            "phi-lint.toml:3:3",
            "`ignore[1]`: unknown rule selector",
        ),
        (
            "phi-lint.toml",
            "min-confidence = \"sure\"\n",
            "phi-lint.toml:1:18",
            "`min-confidence`: unknown confidence",
        ),
        (
            "phi-lint.toml",
            "exclude = [\"a/[b\"]\n",
            "phi-lint.toml:1:12",
            "`exclude[0]`: not a valid glob",
        ),
        (
            "phi-lint.toml",
            "[hardcoded]\nmrn-patterns = [\"(\"]\n",
            "phi-lint.toml:2:17",
            "not a valid regex",
        ),
    ];
    for (name, text, at, message) in cases {
        let dir = repo(&[("a.py", LEAKY), (name, text)]);
        let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(at), "{name} {text:?}: expected {at} in\n{err}");
        assert!(
            err.contains(message),
            "{name}: expected {message} in\n{err}"
        );
    }
    // In a file reached through `extend`, the error is that file's.
    let dir = repo(&[
        ("a.py", LEAKY),
        ("phi-lint.toml", "extend = \"base/phi-lint.toml\"\n"),
        (
            "base/phi-lint.toml",
            "select = [\"ALL\"]\nsuite = \"everything\"\n",
        ),
    ]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("base/phi-lint.toml:2:9"), "{err}");
    // A nested configuration's error stops the scan of everything.
    let dir = repo(&[
        ("a.py", LEAKY),
        ("api/b.py", LEAKY),
        ("api/phi-lint.toml", "select = [\n"),
    ]);
    let (code, _, err) = run(phi_lint(dir.path()).args(["scan", "."]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("api/phi-lint.toml"), "{err}");
}

/// Every configuration file used is recorded (JSON `config.files`, SARIF
/// `invocations[0].properties.configFiles`, a stderr note for each one that switches rules off).
#[test]
fn the_report_records_every_configuration_file_used() {
    let dir = repo(&[
        ("phi-lint.toml", "ignore = [\"PHI104\"]\n"),
        ("a.py", LEAKY),
        ("api/phi-lint.toml", "ignore = [\"PHI102\"]\n"),
        ("api/a.py", LEAKY),
    ]);
    let (_, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let config = &v["config"];
    assert!(config["file"].as_str().unwrap().ends_with("phi-lint.toml"));
    assert!(!config["file"].as_str().unwrap().contains("api"));
    assert_eq!(config["rules_off"], serde_json::json!(["PHI102", "PHI104"]));
    let files: Vec<(&str, &serde_json::Value)> = config["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), &f["rules_off"]))
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files[1].0.ends_with("api/phi-lint.toml"));
    assert_eq!(files[1].1, &serde_json::json!(["PHI102"]));
    assert!(
        err.contains("api/phi-lint.toml switches off phi-logging (PHI102)"),
        "{err}"
    );
    assert!(err.contains("switches off phi-logging (PHI104)"), "{err}");
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = &log["runs"][0]["invocations"][0]["properties"];
    assert_eq!(
        props["rulesOffByConfig"],
        serde_json::json!(["PHI102", "PHI104"])
    );
    let files = props["configFiles"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1]["rulesOff"], serde_json::json!(["PHI102"]));
}

/// An editor's buffer is checked with the configuration of the directory its name says.
#[test]
fn stdin_takes_the_configuration_of_its_named_directory() {
    use std::io::Write;
    let dir = repo(&[
        ("api/phi-lint.toml", "ignore = [\"PHI101\"]\n"),
        ("web/.keep", ""),
    ]);
    for (name, expected) in [
        ("api/new.py", vec!["api/new.py:6 PHI102"]),
        (
            "web/new.py",
            vec!["web/new.py:5 PHI101", "web/new.py:6 PHI102"],
        ),
    ] {
        let mut child = phi_lint(dir.path())
            .args(["scan", "-f", "json", "--stdin-filename", name, "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(LEAKY.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let out = String::from_utf8_lossy(&output.stdout);
        assert_eq!(findings(&out), expected, "{name}");
    }
}

/// Shards of a repository with a nested configuration merge into the unsharded scan: every
/// shard records the same rules and configuration files, whichever files it holds.
#[test]
fn shards_with_nested_configurations_merge_into_the_unsharded_scan() {
    let mut files: Vec<(String, String)> = (0..8)
        .flat_map(|i| {
            [
                (format!("api/a{i}.py"), LEAKY.to_string()),
                (format!("web/b{i}.py"), LEAKY.to_string()),
            ]
        })
        .collect();
    files.push(("api/phi-lint.toml".into(), "ignore = [\"PHI101\"]\n".into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let dir = repo(&refs);
    let results = |log: &serde_json::Value| -> Vec<String> {
        let mut r: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let loc = &r["locations"][0]["physicalLocation"];
                format!(
                    "{} {} {}",
                    loc["artifactLocation"]["uri"].as_str().unwrap(),
                    loc["region"]["startLine"],
                    r["ruleId"].as_str().unwrap()
                )
            })
            .collect();
        r.sort();
        r
    };
    let (_, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "-f", "sarif"]));
    let whole: serde_json::Value = serde_json::from_str(&out).unwrap();
    for shard in ["1/2", "2/2"] {
        let name = format!("s{}.sarif", &shard[..1]);
        let (code, _, err) =
            run(phi_lint(dir.path())
                .args(["scan", ".", "-f", "sarif", "--shard", shard, "-o", &name]));
        assert!(code == 0 || code == 1, "{err}");
    }
    let (code, out, err) = run(phi_lint(dir.path()).args(["merge", "s1.sarif", "s2.sarif"]));
    assert_eq!(code, 0, "{err}");
    let merged: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(results(&merged), results(&whole));
    assert_eq!(results(&whole).len(), 24);
}

/// Scanning one package of a monorepo reads the rest of the repository only for project facts:
/// a broken configuration of a sibling package is a warning naming its file and place, not an
/// error that fails the scan of the package asked for. Scanning the sibling itself (or the
/// whole repository) still fails on it.
#[test]
fn a_sibling_packages_broken_configuration_does_not_fail_a_scan_of_another() {
    let dir = repo(&[
        ("a/app.py", "def f(patient):\n    print(patient.ssn)\n"),
        ("b/pyproject.toml", "[tool.phi-lint]\nselect = [1\n"),
        ("b/svc.py", "x = 1\n"),
    ]);
    let (code, out, err) = run(phi_lint(dir.path()).args(["scan", "a", "-f", "json"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(findings(&out), ["a/app.py:2 PHI102"]);
    assert!(
        err.contains("b/pyproject.toml: invalid configuration at 2:"),
        "{err}"
    );
    for args in [&["scan", "b"][..], &["scan", "."][..]] {
        let (code, _, err) = run(phi_lint(dir.path()).args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("invalid configuration"), "{args:?}: {err}");
    }
}
