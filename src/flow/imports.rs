//! Where a name imported from another module of the application comes from: the import
//! statement that binds it (read from the source text, line by line) and the file it names,
//! next to the importing file. Only the application's own modules: relative JS/TS specifiers
//! (`./api`, `../services/patients`) and Python modules found beside the file or up to a few
//! package levels above it. Nothing outside the file's own tree of directories is named.

use std::path::{Path, PathBuf};

use crate::lang::Family;

/// How many directories above a Python file an absolute module (`app.services`) is looked for.
const PYTHON_LEVELS: usize = 6;

/// Every name bound by an import from a sibling module: local name → (module specifier,
/// imported name). One pass over the file's lines.
pub fn table(source: &str, family: Family) -> std::collections::HashMap<String, (String, String)> {
    let mut out = std::collections::HashMap::new();
    let lines = source.lines().take(2000);
    match family {
        Family::Python => {
            for line in lines {
                let line = line.trim();
                let Some(rest) = line.strip_prefix("from ") else {
                    continue;
                };
                let Some((module, names)) = rest.split_once(" import ") else {
                    continue;
                };
                let names = names.trim_matches(|c| c == '(' || c == ')' || c == ' ');
                for item in names.split(',') {
                    let mut parts = item.split_whitespace();
                    let Some(name) = parts.next() else { continue };
                    let bound = match (parts.next(), parts.next()) {
                        (Some("as"), Some(alias)) => alias,
                        _ => name,
                    };
                    out.entry(bound.to_string())
                        .or_insert_with(|| (module.trim().to_string(), name.to_string()));
                }
            }
        }
        Family::Ecma => {
            for line in lines {
                let line = line.trim();
                if !(line.contains(" from ") || line.contains("require(")) || !line.contains('.') {
                    continue;
                }
                // The line's bindings in one pass: a line may import thousands of names.
                for (local, found) in ecma_line(line) {
                    out.entry(local.to_string()).or_insert(found);
                }
            }
        }
        Family::Rust => {
            // `use crate::audit::record;`, `use super::audit::{record, log as audit_log};`: the
            // crate's own modules (no file is resolved for them; callers only ask whether a
            // name is the application's own).
            for line in lines {
                let line = line.trim();
                let Some(path) = ["use crate::", "use super::", "use self::"]
                    .iter()
                    .find_map(|p| line.strip_prefix(p).map(|rest| (p, rest)))
                else {
                    continue;
                };
                let (prefix, rest) = path;
                let rest = rest.trim_end_matches(';').trim();
                let (module, names) = match rest.split_once("::{") {
                    Some((m, n)) => (m.to_string(), n.trim_end_matches('}').to_string()),
                    None => match rest.rsplit_once("::") {
                        Some((m, n)) => (m.to_string(), n.to_string()),
                        None => (String::new(), rest.to_string()),
                    },
                };
                let module = format!("{}{module}", &prefix[4..]);
                for item in names.split(',') {
                    let mut parts = item.split_whitespace();
                    let Some(name) = parts.next() else { continue };
                    let bound = match (parts.next(), parts.next()) {
                        (Some("as"), Some(alias)) => alias,
                        _ => name,
                    };
                    out.entry(bound.to_string())
                        .or_insert_with(|| (module.clone(), name.to_string()));
                }
            }
        }
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| !w.is_empty())
}

/// The import of `local` in `source`, the first line that binds it ([`ecma_line`]).
#[cfg(test)]
fn ecma(source: &str, local: &str) -> Option<(String, String)> {
    source.lines().take(2000).find_map(|line| {
        ecma_line(line.trim())
            .into_iter()
            .find(|(l, _)| *l == local)
            .map(|(_, found)| found)
    })
}

/// The names one line imports from a relative module, each as (local name, (module specifier,
/// imported name)), the first binding of each local name first: `import { a, b as c } from`,
/// `const { a, b: c } = require(`, `import a from`. Linear in the line.
fn ecma_line<'a>(line: &'a str) -> Vec<(&'a str, (String, String))> {
    let Some(spec) = line
        .rsplit_once(" from ")
        .map(|(_, s)| s)
        .or_else(|| line.split_once("require(").map(|(_, s)| s))
    else {
        return Vec::new();
    };
    let spec = spec.trim_start_matches(['\'', '"', '`']);
    let Some(end) = spec.find(['\'', '"', '`']) else {
        return Vec::new();
    };
    let spec = &spec[..end];
    if !spec.starts_with('.') {
        return Vec::new();
    }
    let head = line.split(" from ").next().unwrap_or(line);
    let head = head.split("require(").next().unwrap_or(head);
    // The words that follow a colon (`{ a: c }` binds `c`): `renamed` below.
    let mut renamed = std::collections::HashSet::new();
    for (at, _) in head.match_indices(':') {
        let rest = &head[at + 1..];
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        if let Some(w) = words(rest).next().filter(|w| rest.starts_with(w)) {
            renamed.insert(w);
        }
    }
    let mut out: Vec<(&'a str, (String, String))> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut bind = |local: &'a str, name: &str| {
        if seen.insert(local) {
            out.push((local, (spec.to_string(), name.to_string())));
        }
    };
    let mut it = words(head);
    let mut last = None;
    while let Some(w) = it.next() {
        if matches!(w, "import" | "const" | "let" | "var" | "type" | "from") {
            continue;
        }
        if w == "as" {
            if let (Some(name), Some(alias)) = (last, it.next()) {
                bind(alias, name);
            }
            continue;
        }
        // `{ a: local }` binds `a` to `local`; a bare `local` imports itself.
        if !renamed.contains(w) {
            bind(w, w);
        } else if let Some(name) = last {
            bind(w, name);
        }
        last = Some(w);
    }
    out
}

/// The file a module specifier names, seen from `origin`.
pub fn resolve(origin: &Path, family: Family, spec: &str) -> Option<PathBuf> {
    let dir = origin.parent()?;
    match family {
        Family::Ecma => {
            let base = dir.join(spec);
            let mut candidates = vec![base.clone()];
            for ext in ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"] {
                candidates.push(base.with_extension(ext));
                candidates.push(PathBuf::from(format!("{}.{ext}", base.display())));
                candidates.push(base.join(format!("index.{ext}")));
            }
            candidates.into_iter().find(|c| c.is_file())
        }
        Family::Python => {
            let dots = spec.chars().take_while(|c| *c == '.').count();
            let rel: PathBuf = spec[dots..].split('.').filter(|p| !p.is_empty()).collect();
            let try_at = |base: &Path| {
                let module = base.join(&rel);
                [module.with_extension("py"), module.join("__init__.py")]
                    .into_iter()
                    .find(|c| c.is_file())
            };
            if dots > 0 {
                let mut base = dir.to_path_buf();
                for _ in 1..dots {
                    base = base.parent()?.to_path_buf();
                }
                return try_at(&base);
            }
            dir.ancestors().take(PYTHON_LEVELS).find_map(try_at)
        }
        Family::Rust => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_python_and_ecma_imports() {
        let py = table(
            "from .services import load_chart as lc, other\nfrom app.db import (get_patient)\n",
            Family::Python,
        );
        assert_eq!(
            py.get("lc"),
            Some(&(".services".into(), "load_chart".into()))
        );
        assert_eq!(
            py.get("get_patient"),
            Some(&("app.db".into(), "get_patient".into()))
        );
        assert_eq!(py.get("load_chart"), None);
        let js = "import { loadChart, fetchX as fx } from './api';\nconst { persist: save } = require('../store');\nimport express from 'express';\n";
        assert_eq!(
            ecma(js, "loadChart"),
            Some(("./api".into(), "loadChart".into()))
        );
        assert_eq!(ecma(js, "fx"), Some(("./api".into(), "fetchX".into())));
        assert_eq!(
            ecma(js, "save"),
            Some(("../store".into(), "persist".into()))
        );
        assert_eq!(ecma(js, "express"), None);
        let t = table(js, Family::Ecma);
        assert_eq!(t.get("fx"), Some(&("./api".into(), "fetchX".into())));
        assert!(!t.contains_key("express"));
        let rs = table(
            "use crate::audit::record;\nuse super::log::{write, emit as audit_emit};\nuse std::fmt;\n",
            Family::Rust,
        );
        assert_eq!(
            rs.get("record"),
            Some(&("crate::audit".into(), "record".into()))
        );
        assert_eq!(
            rs.get("audit_emit"),
            Some(&("super::log".into(), "emit".into()))
        );
        assert!(!rs.contains_key("fmt"));
    }
}
