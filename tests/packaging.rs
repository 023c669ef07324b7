//! The install paths other than `cargo install`: the GitHub Action (`action.yml`), the Python
//! wheel (`pyproject.toml`, maturin) and the pre-commit hook (`.pre-commit-hooks.yaml`). What
//! can be checked offline is: each file parses, has what the README documents, builds and
//! names the `phi-lint` binary, and the README pins the release tag of the current version.
//! YAML is read with phi-lint's own reader (tree-sitter-yaml), the TOML with the `toml` crate.

use phi_lint::config_files::{self, Format};

use crate::support::root;

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A YAML document as (key path joined with `.`, scalar text) pairs, in document order.
/// Sequence items add no key (`runs.steps.uses`).
fn yaml(text: &str) -> Vec<(String, String)> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&Format::Yaml.grammar().unwrap())
        .unwrap();
    let parsed = config_files::parse_text(Format::Yaml, text);
    let tree = parser.parse(parsed.as_bytes(), None).unwrap();
    assert!(!tree.root_node().has_error(), "not valid YAML");
    config_files::read(Format::Yaml, text, Some(&tree))
        .entries
        .iter()
        .map(|e| (e.path.join("."), e.text.to_string()))
        .collect()
}

fn value<'a>(entries: &'a [(String, String)], path: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, v)| v.as_str())
}

fn values<'a>(entries: &'a [(String, String)], path: &str) -> Vec<&'a str> {
    entries
        .iter()
        .filter(|(p, _)| p == path)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The package version in Cargo.toml.
fn version() -> String {
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    cargo["package"]["version"].as_str().unwrap().to_string()
}

/// The README section under `heading` (to the next heading of the same or a higher level).
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let level = heading.split(' ').next().unwrap();
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has no `{heading}`"));
    let body = &readme[start + heading.len() + 2..];
    let end = body
        .match_indices("\n#")
        .find(|(i, _)| {
            let line = body[i + 1..].split('\n').next().unwrap_or("");
            let hashes = line.chars().take_while(|c| *c == '#').count();
            hashes <= level.len() && line.chars().nth(hashes) == Some(' ')
        })
        .map_or(body.len(), |(i, _)| i);
    &body[..end]
}

/// The action's inputs are the README's table, row for row; the workflow it shows uses the
/// release tag of this version; the action installs from its own checkout with
/// `cargo install --locked`, caches the binary by the action's ref, scans into the SARIF file
/// and uploads it with codeql-action's upload-sarif unless told not to.
#[test]
fn the_action_has_the_inputs_the_readme_documents() {
    let action = yaml(&read("action.yml"));
    let readme = read("README.md");
    let docs = section(&readme, "### The phi-lint action");
    let documented: Vec<(String, String)> = docs
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let default = cells.get(2)?.trim_matches('`');
            Some((name.to_string(), default.to_string()))
        })
        .collect();
    let mut inputs: Vec<&str> = action
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("inputs.")?.strip_suffix(".description"))
        .collect();
    inputs.sort_unstable();
    let mut names: Vec<&str> = documented.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, inputs, "README table vs action.yml inputs");
    for (name, default) in &documented {
        let actual = value(&action, &format!("inputs.{name}.default")).unwrap_or("");
        let expected = if default == "(none)" { "" } else { default };
        assert_eq!(actual, expected, "default of `{name}`");
    }
    assert_eq!(
        value(&action, "inputs.sarif-file.default"),
        Some("phi-lint.sarif")
    );
    assert!(
        docs.contains(&format!("uses: phi-lint/phi-lint@v{}", version())),
        "the README's workflow pins the release tag v{}",
        version()
    );
    assert_eq!(value(&action, "runs.using"), Some("composite"));
    let uses = values(&action, "runs.steps.uses");
    assert!(
        uses.iter().any(|u| u.starts_with("actions/cache@")),
        "{uses:?}"
    );
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "{uses:?}"
    );
    let key = value(&action, "runs.steps.with.key").unwrap();
    assert!(key.contains("${{ github.action_ref }}"), "{key}");
    let cached = value(&action, "runs.steps.with.path").unwrap();
    assert!(cached.contains("~/.cargo/bin/phi-lint"), "{cached}");
    assert_eq!(
        value(&action, "runs.steps.with.sarif_file"),
        Some("${{ inputs.sarif-file }}")
    );
    let scripts = values(&action, "runs.steps.run").join("\n");
    assert!(
        scripts.contains("cargo install --locked") && scripts.contains("--path \"$ACTION_PATH\""),
        "{scripts}"
    );
    assert!(
        values(&action, "runs.steps.env.ACTION_PATH")
            .iter()
            .all(|v| *v == "${{ github.action_path }}"),
        "ACTION_PATH is the action's checkout"
    );
    assert!(scripts.contains("phi-lint scan "), "{scripts}");
    // The upload can be turned off, and inputs reach scripts only through the environment.
    let conditions = values(&action, "runs.steps.if").join("\n");
    assert!(
        conditions.contains("inputs.upload-sarif == 'true'"),
        "{conditions}"
    );
    assert!(!scripts.contains("${{ inputs."), "{scripts}");
}

/// The wheel: maturin 1.x builds the crate's binary (`bindings = "bin"`), the package is named
/// after the binary, and its version comes from Cargo.toml.
#[test]
fn the_pyproject_builds_the_phi_lint_binary_with_maturin() {
    let py: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    assert_eq!(
        py["build-system"]["requires"],
        toml::Value::Array(vec!["maturin>=1,<2".into()])
    );
    assert_eq!(
        py["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(py["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    let bins: Vec<&str> = cargo["bin"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["name"].as_str())
        .collect();
    assert_eq!(bins, ["phi-lint"]);
    assert_eq!(py["project"]["name"].as_str(), Some(bins[0]));
    let dynamic = py["project"]["dynamic"].as_array().unwrap();
    assert!(dynamic.iter().any(|d| d.as_str() == Some("version")));
    assert!(
        py["project"].get("version").is_none(),
        "the version is Cargo's"
    );
    // Not a phi-lint configuration: scans of this repository stay unconfigured.
    assert!(py["tool"].get("phi-lint").is_none());
}

/// The pre-commit hook the README shows exists, and the README pins it to the release tag of
/// this version (a `rev` pre-commit can check out once the tag is pushed).
#[test]
fn the_readme_pins_the_pre_commit_hook_to_this_versions_tag() {
    let hooks = yaml(&read(".pre-commit-hooks.yaml"));
    assert_eq!(values(&hooks, "id"), ["phi-lint"]);
    assert_eq!(value(&hooks, "language"), Some("rust"));
    assert_eq!(value(&hooks, "entry"), Some("phi-lint scan"));
    let readme = read("README.md");
    let docs = section(&readme, "## Pre-commit");
    assert!(docs.contains("- id: phi-lint"), "{docs}");
    let rev = format!("rev: v{}", version());
    assert!(
        docs.contains(&rev),
        "README pre-commit snippet lacks `{rev}`"
    );
}
