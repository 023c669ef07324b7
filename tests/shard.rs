//! `scan --shard I/N` and `phi-lint merge`: the partition depends only on the path, every file
//! is in exactly one shard, and merging the shards' SARIF logs gives exactly the unsharded log,
//! also when a finding depends on facts from files in other shards (project-level passes).

use std::collections::BTreeSet;
use std::path::Path;

use phi_lint::shard::Shard;
use serde_json::Value;

use crate::support::{copy_tree, phi_lint, project, root, run};

const LEAKY: &str = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)\n";

/// Runs `scan . --isolated -o OUT ARGS` in `dir` and returns OUT's text.
fn scan_to(dir: &Path, out: &str, args: &[&str]) -> String {
    let mut all = vec!["scan", ".", "--isolated", "--format", "sarif", "-o", out];
    all.extend_from_slice(args);
    let (code, _, err) = run(phi_lint(dir).args(&all));
    assert!(code == 0 || code == 1 || code == 2, "{err}");
    std::fs::read_to_string(dir.join(out)).expect("the report was written")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// Scans each shard of `n` into `shard-I-of-N.sarif` and returns the file names.
fn scan_shards(dir: &Path, n: u32, args: &[&str]) -> Vec<String> {
    (1..=n)
        .map(|i| {
            let name = format!("shard-{i}-of-{n}.sarif");
            let shard = format!("{i}/{n}");
            let mut all = vec!["--shard", shard.as_str()];
            all.extend_from_slice(args);
            let log = json(&scan_to(dir, &name, &all));
            let inv = &log["runs"][0]["invocations"][0];
            assert_eq!(
                inv["properties"]["shard"], shard,
                "the shard is recorded in the invocation"
            );
            // A shard reports only on its own files: findings and notifications.
            let notes = inv["toolExecutionNotifications"].as_array().into_iter();
            let mut uris = result_paths(&log);
            uris.extend(notes.flatten().map(|n| {
                n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .expect("notification uri")
                    .to_string()
            }));
            for uri in uris {
                assert_eq!(Shard::of(&uri, n), i, "{uri} reported by shard {shard}");
            }
            name
        })
        .collect()
}

/// `phi-lint merge FILES -o merged.sarif` in `dir`; returns the merged text.
fn merge(dir: &Path, files: &[String]) -> String {
    let mut args = vec!["merge".to_string()];
    args.extend(files.iter().cloned());
    args.extend(["-o".to_string(), "merged.sarif".to_string()]);
    let (code, out, err) = run(phi_lint(dir).args(&args));
    assert_eq!(code, 0, "{out}{err}");
    std::fs::read_to_string(dir.join("merged.sarif")).expect("merged log written")
}

fn result_paths(log: &Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .to_string()
        })
        .collect()
}

#[test]
fn shard_values_are_checked() {
    let dir = project(&[("leak.py", LEAKY)]);
    for bad in ["0/2", "3/2", "1/0", "x", "1/2/3", "2"] {
        let (code, out, err) = run(phi_lint(dir.path()).args(["scan", ".", "--shard", bad]));
        assert_eq!(code, 2, "{bad}: {out}{err}");
        assert!(err.contains("is not a shard"), "{bad}: {err}");
        assert!(err.contains(bad), "{bad}: {err}");
    }
    let (code, out, _) = run(phi_lint(dir.path()).args(["scan", ".", "--shard", "1/1"]));
    assert_eq!(code, 1, "1/1 is the whole scan: {out}");
    assert!(out.contains("in 1 file scanned (shard 1/1)."), "{out}");
}

#[test]
fn every_file_is_in_exactly_one_shard_chosen_by_its_path() {
    let names: Vec<String> = (0..16)
        .map(|i| format!("svc{}/mod_{i}/handlers.py", i % 3))
        .collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), LEAKY)).collect();
    let dir = project(&files);
    let all: BTreeSet<String> = names.iter().cloned().collect();
    for n in [2u32, 3] {
        let mut seen: Vec<String> = Vec::new();
        for (i, name) in scan_shards(dir.path(), n, &[]).iter().enumerate() {
            let log = json(&std::fs::read_to_string(dir.path().join(name)).unwrap());
            let paths = result_paths(&log);
            for p in &paths {
                assert_eq!(Shard::of(p, n), i as u32 + 1, "{p} reported by shard {i}");
            }
            // Deterministic: the same shard again reports the same files.
            let again = json(&scan_to(
                dir.path(),
                "again.sarif",
                &["--shard", &format!("{}/{n}", i + 1)],
            ));
            assert_eq!(result_paths(&again), paths);
            seen.extend(paths);
        }
        let unique: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(seen.len(), unique.len(), "a file in two shards: {seen:?}");
        assert_eq!(unique, all, "every file in some shard");
        assert!(
            (1..=n).all(|i| names.iter().any(|p| Shard::of(p, n) == i)),
            "16 paths leave no shard of {n} empty"
        );
    }
    // The partition depends only on the path: removing other files moves nothing.
    let keep = &names[5];
    for other in &names {
        if other != keep {
            std::fs::remove_file(dir.path().join(other)).unwrap();
        }
    }
    let owner = Shard::of(keep, 3);
    let log = json(&scan_to(
        dir.path(),
        "one.sarif",
        &["--shard", &format!("{owner}/3")],
    ));
    assert_eq!(result_paths(&log), vec![keep.clone()]);
    // Pinned values: the hash is FNV-1a 64 of the path, so this never changes between versions,
    // platforms or machines (a CI matrix may mix them).
    assert_eq!(Shard::of("src/app/views.py", 3), 1);
    assert_eq!(Shard::of("src/app/models.py", 3), 3);
}

#[test]
fn merged_shards_equal_the_unsharded_scan() {
    let dir = copy_tree(&root().join("fixtures"));
    let whole = scan_to(dir.path(), "whole.sarif", &[]);
    let whole_log = json(&whole);
    let run0 = &whole_log["runs"][0];
    let codes: BTreeSet<&str> = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    // Findings of project-level passes, which join facts across files, are part of the check
    // (and PHI401's absence: app-level audit middleware in one file covers routes in others).
    for code in ["PHI205", "PHI501", "PHI502", "PHI101"] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    for n in [2u32, 3] {
        let shards = scan_shards(dir.path(), n, &[]);
        let mut count = 0;
        for name in &shards {
            let log = json(&std::fs::read_to_string(dir.path().join(name)).unwrap());
            count += log["runs"][0]["results"].as_array().unwrap().len();
        }
        assert_eq!(count, run0["results"].as_array().unwrap().len(), "N={n}");
        let merged_log = json(&merge(dir.path(), &shards));
        assert_eq!(
            merged_log["runs"][0]["automationDetails"]["id"], "phi-lint/",
            "N={n}: the merged run keeps the code-scanning category"
        );
        let first = json(&std::fs::read_to_string(dir.path().join(&shards[0])).unwrap());
        let errors = crate::sarif::schema_errors(&first);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let merged = merge(dir.path(), &shards);
        let merged_log = json(&merged);
        let m = &merged_log["runs"][0];
        assert_eq!(m["results"], run0["results"], "N={n}");
        assert_eq!(m["tool"], run0["tool"], "rules, N={n}");
        assert_eq!(m["taxonomies"], run0["taxonomies"], "N={n}");
        assert_eq!(m["invocations"], run0["invocations"], "N={n}");
        assert_eq!(merged, whole, "byte for byte, N={n}");
    }
}

#[test]
fn a_finding_that_depends_on_a_file_in_another_shard() {
    // base.py's session cookie is too long-lived, and the message names the settings module
    // that imports it (qa.py; dev.py and local.py are development modules): facts from other
    // files.
    let dir = copy_tree(&root().join("fixtures/projects/django_split_settings"));
    let base = "clinic/settings/base.py";
    let qa = "clinic/settings/qa.py";
    let n = (2..=8)
        .find(|&n| Shard::of(base, n) != Shard::of(qa, n))
        .expect("some N puts base.py and qa.py in different shards");
    let shards = scan_shards(dir.path(), n, &["--select", "PHI501"]);
    let owner = &shards[Shard::of(base, n) as usize - 1];
    let log = json(&std::fs::read_to_string(dir.path().join(owner)).unwrap());
    let found: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == base)
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].contains("dev.py"), "{}", found[0]);
    assert!(found[0].contains("qa.py"), "{}", found[0]);
    // And no other shard reports it.
    let total: usize = shards
        .iter()
        .map(|s| {
            let log = json(&std::fs::read_to_string(dir.path().join(s)).unwrap());
            result_paths(&log).iter().filter(|p| *p == base).count()
        })
        .sum();
    assert_eq!(total, 1);
    let whole = scan_to(dir.path(), "whole.sarif", &["--select", "PHI501"]);
    assert_eq!(merge(dir.path(), &shards), whole);
}

#[test]
fn notifications_and_failures_are_merged() {
    let mut files: Vec<(String, &str)> = (0..6).map(|i| (format!("m{i}.py"), LEAKY)).collect();
    files.push(("boom.py".into(), LEAKY));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    let dir = project(&refs);
    std::fs::write(dir.path().join("blob.py"), [b'x', 0, 1, 2]).unwrap();
    let scan = |out: &str, args: &[&str]| {
        let mut all = vec!["scan", ".", "--isolated", "-o", out];
        all.extend_from_slice(args);
        let (code, _, err) = run(phi_lint(dir.path())
            .args(&all)
            .env("PHI_LINT_DEBUG_PANIC_ON", "boom.py"));
        (code, err)
    };
    let (code, _) = scan("whole.sarif", &[]);
    assert_eq!(code, 2, "a file that could not be scanned");
    let whole = std::fs::read_to_string(dir.path().join("whole.sarif")).unwrap();
    assert_ne!(Shard::of("boom.py", 3), Shard::of("blob.py", 3));
    let mut shards = Vec::new();
    for i in 1..=3 {
        let name = format!("s{i}.sarif");
        let (code, err) = scan(&name, &["--shard", &format!("{i}/3")]);
        let owns_boom = Shard::of("boom.py", 3) == i;
        assert_eq!(code == 2, owns_boom, "shard {i}: {err}");
        // (Other shards analyse boom.py too, for project-level facts, and hit the same panic,
        // but only its own shard reports it.)
        let reported = |path: &str| {
            err.contains(&format!("phi-lint: error: {path}:"))
                || err.contains(&format!("phi-lint: warning: {path}:"))
        };
        assert_eq!(reported("boom.py"), owns_boom, "shard {i}: {err}");
        assert_eq!(
            reported("blob.py"),
            Shard::of("blob.py", 3) == i,
            "shard {i}: {err}"
        );
        shards.push(name);
    }
    let merged = merge(dir.path(), &shards);
    let log = json(&merged);
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(
        inv["toolExecutionNotifications"].as_array().unwrap().len(),
        2
    );
    assert_eq!(merged, whole);
}

#[test]
fn suppressions_are_handled_by_the_shard_of_their_file() {
    let used = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info('x %s', patient.ssn)  # phi-lint: ignore[PHI101] masked upstream\n";
    let unused = "x = 1  # phi-lint: ignore[PHI101] nothing here\n";
    let names: Vec<String> = (0..6).map(|i| format!("pkg{i}/views.py")).collect();
    let mut files: Vec<(&str, &str)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        files.push((n.as_str(), if i % 2 == 0 { used } else { unused }));
    }
    files.push(("leak.py", LEAKY));
    let dir = project(&files);
    let args = ["--include-suppressed", "--report-unused-suppressions"];
    let whole = scan_to(dir.path(), "whole.sarif", &args);
    let log = json(&whole);
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(notes, 3, "three unused suppressions: {whole}");
    let suppressed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .count();
    assert_eq!(suppressed, 3, "{whole}");
    for n in [2u32, 3] {
        let shards = scan_shards(dir.path(), n, &args);
        assert_eq!(merge(dir.path(), &shards), whole, "N={n}");
    }
}

#[test]
fn merge_rejects_unusable_inputs() {
    let dir = project(&[("a.py", LEAKY), ("b/c.py", LEAKY), ("d.py", LEAKY)]);
    let shards = scan_shards(dir.path(), 2, &[]);
    let expect_error = |args: &[&str], needles: &[&str]| {
        let mut all = vec!["merge"];
        all.extend_from_slice(args);
        let (code, out, err) = run(phi_lint(dir.path()).args(&all));
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        for needle in needles {
            assert!(err.contains(needle), "{args:?}: `{needle}` not in {err}");
        }
        assert!(!dir.path().join("out.sarif").exists());
    };
    // Another version of phi-lint.
    let mut other = json(&std::fs::read_to_string(dir.path().join(&shards[1])).unwrap());
    other["runs"][0]["tool"]["driver"]["version"] = "0.0.1-other".into();
    std::fs::write(dir.path().join("old.sarif"), other.to_string()).unwrap();
    expect_error(
        &[&shards[0], "old.sarif", "-o", "out.sarif"],
        &["old.sarif", "0.0.1-other"],
    );
    // Another tool.
    other["runs"][0]["tool"]["driver"]["name"] = "other-linter".into();
    std::fs::write(dir.path().join("other.sarif"), other.to_string()).unwrap();
    expect_error(
        &[&shards[0], "other.sarif"],
        &["other.sarif", "written by another tool"],
    );
    // Not JSON.
    std::fs::write(dir.path().join("bad.sarif"), "{\"runs\": [").unwrap();
    expect_error(
        &[&shards[0], "bad.sarif", "-o", "out.sarif"],
        &["bad.sarif", "not a valid SARIF (JSON) file"],
    );
    // Missing.
    expect_error(
        &[&shards[0], "missing.sarif", "-o", "out.sarif"],
        &["missing.sarif"],
    );
    // A shard missing, or one given twice.
    expect_error(&[&shards[0], "-o", "out.sarif"], &["shard 2/2 missing"]);
    expect_error(&[&shards[0], &shards[0], &shards[1]], &["both shard 1/2"]);
    // No input at all is a usage error.
    expect_error(&[], &["FILE"]);
}
